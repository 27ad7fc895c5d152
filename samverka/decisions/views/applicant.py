"""The applicant's side of a decision: the registered decision letter, for those who
act for the applicant organisation (anyone else: 404)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpRequest, HttpResponseBase
from django.shortcuts import get_object_or_404
from django.urls import path
from django.views import View

from samverka.applications.policies import applications_of_applicant
from samverka.core.files import stored_file_response
from samverka.decisions.models import Decision


class DecisionLetterView(LoginRequiredMixin, View):
    """The decision letter as it was registered in the case and sent."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        decision = get_object_or_404(
            Decision.objects.select_related("letter"),
            application__in=applications_of_applicant(request.user),
            application_id=kwargs["pk"],
        )
        document = decision.letter
        if document is None:
            raise Http404
        return stored_file_response(
            document.file,
            file_name=document.file_name or f"{document.reference}.pdf",
            content_type=document.content_type or "application/pdf",
            as_attachment=False,
        )


urlpatterns = [
    path(
        "me/applications/<int:pk>/decision-letter/",
        DecisionLetterView.as_view(),
        name="applicant_letter",
    ),
]
