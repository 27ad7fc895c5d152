"""The public pages of a region's calls: the list (open, upcoming, closed) and a call.

Calls are read through `policies.calls_public()` (drafts are "not found"); times are
shown in the region's time zone with the zone named.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import NoReverseMatch, path, reverse
from django.utils.decorators import method_decorator
from django.views.generic import TemplateView

from samverka.actors.choices import OrganisationType
from samverka.core.models import Region
from samverka.core.selectors import region_list_public
from samverka.funding import policies, selectors
from samverka.funding.choices import FormSection


def apply_url(call: Any) -> str | None:
    """Where an applicant starts an application to the call, once that page exists."""
    try:
        return reverse("applications:start", args=[call.pk])
    except NoReverseMatch:
        return None


@method_decorator(login_not_required, name="dispatch")
class PublicCallsMixin(TemplateView):
    region: Region

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        self.region = get_object_or_404(
            region_list_public(), slug=kwargs["region_slug"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["region"] = self.region
        context["zone"] = self.region.tzinfo.key
        return context


class CallListView(PublicCallsMixin):
    """Open calls first, then upcoming, then closed; three queries however many."""

    template_name = "funding/public/call_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        groups = selectors.public_call_groups(self.region)
        context["groups"] = groups
        context["has_calls"] = any(groups.values())
        return context


class CallDetailView(PublicCallsMixin):
    """A call in the active language with everything an applicant needs to know."""

    template_name = "funding/public/call_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        call = selectors.call_detail(
            policies.calls_public().filter(region=self.region), self.kwargs["pk"]
        )
        if call is None:
            raise Http404
        type_labels = dict(OrganisationType.choices)
        section_labels = dict(FormSection.choices)
        context.update(
            {
                "call": call,
                "activities": selectors.public_activities(call),
                "goals": selectors.public_goals(call),
                "applicant_types": [
                    type_labels.get(code, code)
                    for code in call.eligible_applicant_types
                ],
                "sections": [
                    section_labels[code]
                    for code in FormSection.values
                    if call.requires(code)
                ],
                "apply_url": apply_url(call) if call.is_open else None,
                "total_weight": sum(c.weight for c in call.criteria.all()),
            }
        )
        return context


urlpatterns = [
    path("<slug:region_slug>/calls/", CallListView.as_view(), name="public_call_list"),
    path(
        "<slug:region_slug>/calls/<int:pk>/",
        CallDetailView.as_view(),
        name="public_call_detail",
    ),
]
