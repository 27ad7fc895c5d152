"""Staff pages of the case register: the list of cases, a case with its registered
documents, and the download of a document.

Under ``staff/<region>/cases/`` and ``staff/<region>/documents/``: the register's
readers of the region (`policies.can_view_register`) open them, other staff of the
region get a 403, and a case or document outside the reader's scope is a 404.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponseBase
from django.urls import NoReverseMatch, path, reverse
from django.views import View
from django.views.generic import ListView, TemplateView

from samverka.accounts.mixins import RegionStaffMixin
from samverka.core.files import stored_file_response
from samverka.records import policies, selectors
from samverka.records.forms import CaseFilterForm
from samverka.records.models import Case


class RegisterMixin(RegionStaffMixin):
    """The region's register readers only."""

    permission = staticmethod(policies.can_view_register)


class CaseListView(RegisterMixin, ListView):
    """The region's cases, newest first, searchable and filtered by year, kind and
    status. An htmx request (a filter or page change) gets only the table."""

    template_name = "records/case_list.html"
    partial_template_name = "records/partials/_case_rows.html"
    paginate_by = 50
    context_object_name = "cases"

    def get_queryset(self) -> QuerySet[Case]:
        self.filter_form = CaseFilterForm(
            self.request.GET or None, years=selectors.case_years(region=self.region)
        )
        filters = self.filter_form.cleaned_data if self.filter_form.is_valid() else {}
        return selectors.case_list(
            user=self.request.user, region=self.region, filters=filters
        )

    def get_template_names(self) -> list[str]:
        if getattr(self.request, "htmx", False):
            return [self.partial_template_name]
        return super().get_template_names()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["filter_form"] = self.filter_form
        return context


def application_url(case: Any) -> str:
    """The staff page of the application the case is about, if there is one."""
    application_pk = getattr(case, "application_pk", None)
    if application_pk is None:
        return ""
    try:
        return reverse(
            "applications:staff_detail", args=[case.region.slug, application_pk]
        )
    except NoReverseMatch:
        return ""


class CaseDetailView(RegisterMixin, TemplateView):
    """A case with its registered documents."""

    template_name = "records/case_detail.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        case = selectors.case_get(
            user=request.user, region=self.region, pk=kwargs["pk"]
        )
        if case is None:
            raise Http404
        self.case = case
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["case"] = self.case
        context["documents"] = selectors.case_documents(case=self.case)
        context["application_url"] = application_url(self.case)
        return context


class DocumentDownloadView(RegisterMixin, View):
    """The stored file of a registered document, as an attachment."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        document = selectors.document_get(
            user=request.user, region=self.region, pk=kwargs["pk"]
        )
        if document is None:
            raise Http404
        return stored_file_response(
            document.file,
            file_name=document.file_name or document.reference,
            content_type=document.content_type,
        )


urlpatterns = [
    path(
        "staff/<slug:region_slug>/cases/",
        CaseListView.as_view(),
        name="case_list",
    ),
    path(
        "staff/<slug:region_slug>/cases/<int:pk>/",
        CaseDetailView.as_view(),
        name="case_detail",
    ),
    path(
        "staff/<slug:region_slug>/documents/<int:pk>/download/",
        DocumentDownloadView.as_view(),
        name="document_download",
    ),
]
