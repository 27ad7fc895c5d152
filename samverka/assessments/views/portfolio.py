"""The sustainability profile of the region's portfolio: how the assessed
applications were rated per aspect, the environmental risks found, and how the goal
conflicts were handled, for a call or the whole region and by status."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet
from django.urls import path
from django.views.generic import TemplateView

from samverka.accounts.mixins import RegionStaffMixin
from samverka.applications.choices import CORE_ASPECTS, ApplicationStatus
from samverka.applications.choices import SustainabilityAspect as Aspect
from samverka.applications.models import Application
from samverka.assessments import policies, selectors
from samverka.assessments.choices import (
    ConflictHandling,
    ConflictStatus,
    DnshResult,
    Effect,
    TaxonomyObjective,
)
from samverka.assessments.models import DnshAnswer, GoalConflict
from samverka.funding.models import Call

#: The portfolio: what is in assessment or has been decided on its merits or not.
ASSESSED_OR_DECIDED = (
    ApplicationStatus.IN_ASSESSMENT,
    ApplicationStatus.GRANTED,
    ApplicationStatus.REJECTED,
    ApplicationStatus.DISMISSED,
)
#: The statuses one can narrow the portfolio to.
STATUS_FILTERS = (
    ApplicationStatus.IN_ASSESSMENT,
    ApplicationStatus.GRANTED,
    ApplicationStatus.REJECTED,
)


class PortfolioView(RegionStaffMixin, TemplateView):
    template_name = "assessments/portfolio.html"
    permission = staticmethod(policies.can_read_region_assessments)

    def applications(self) -> tuple[QuerySet[Application], Call | None, str]:
        found = policies.applications_for_assessment(self.request.user).filter(
            region=self.region
        )
        calls = Call.objects.filter(region=self.region)
        call = calls.filter(pk=self.request.GET.get("call") or 0).first()
        if call is not None:
            found = found.filter(call=call)
        status = self.request.GET.get("status") or ""
        if status in STATUS_FILTERS:
            found = found.filter(status=status)
        else:
            status = ""
            found = found.filter(status__in=ASSESSED_OR_DECIDED)
        return found, call, status

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        applications, call, status = self.applications()
        counts = selectors.portfolio_profile(applications)
        aspects = [*CORE_ASPECTS, Aspect.SAMI]
        rows = []
        for aspect in aspects:
            by_effect = counts.get(aspect, {})
            if aspect == Aspect.SAMI and not by_effect:
                continue
            rows.append(
                {
                    "label": Aspect(aspect).label,
                    "cells": [by_effect.get(e, 0) for e in Effect.values],
                    "total": sum(by_effect.values()),
                }
            )
        risks = dict(
            DnshAnswer.objects.filter(
                assessment__application__in=applications, result=DnshResult.RISK
            )
            .values_list("objective")
            .annotate(n=Count("pk"))
            .values_list("objective", "n")
        )
        handled = dict(
            GoalConflict.objects.filter(
                application__in=applications, status=ConflictStatus.CONFIRMED
            )
            .values_list("handling")
            .annotate(n=Count("pk"))
            .values_list("handling", "n")
        )
        context.update(
            {
                "calls": Call.objects.filter(region=self.region).order_by(
                    "-opens_at", "pk"
                ),
                "call": call,
                "status": status,
                "statuses": [(s, ApplicationStatus(s).label) for s in STATUS_FILTERS],
                "assessed": applications.filter(
                    sustainability_assessment__completed_at__isnull=False
                ).count(),
                "count": applications.count(),
                "effects": [label for _value, label in Effect.choices],
                "rows": rows,
                "risks": [
                    (label, risks[value])
                    for value, label in TaxonomyObjective.choices
                    if risks.get(value)
                ],
                "handled": [
                    (label, handled.get(value, 0))
                    for value, label in ConflictHandling.choices
                ],
                "proposed": GoalConflict.objects.filter(
                    application__in=applications, status=ConflictStatus.PROPOSED
                ).count(),
            }
        )
        return context


urlpatterns = [
    path(
        "staff/<slug:region_slug>/assessments/portfolio/",
        PortfolioView.as_view(),
        name="portfolio",
    ),
]
