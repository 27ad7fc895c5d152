"""The public pages of a region's action plans: the list by theme and a plan with its
activities (or, in an investment plan, its investment objects).

Plans are read through `policies.plans_public()` (drafts are 404); a plan's activities,
their organisations and the goals they serve are read in a fixed number of queries.
"""

from __future__ import annotations

from itertools import groupby
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.db.models import Count, Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.decorators import method_decorator
from django.views.generic import TemplateView

from samverka.core.models import Region
from samverka.core.selectors import region_list_public
from samverka.plans import policies
from samverka.plans.choices import FundingType
from samverka.plans.models import ActionPlan, Activity, ActivityGoal
from samverka.strategy.choices import StrategyStatus


@method_decorator(login_not_required, name="dispatch")
class PublicPlansMixin(TemplateView):
    region: Region

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        self.region = get_object_or_404(
            region_list_public(), slug=kwargs["region_slug"]
        )
        return super().dispatch(request, *args, **kwargs)

    def plan_queryset(self) -> QuerySet[ActionPlan]:
        return policies.plans_public().filter(region=self.region)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["region"] = self.region
        return context


class PlanListView(PublicPlansMixin):
    """The region's published action plans, grouped by theme."""

    template_name = "plans/public/list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        plans = list(
            self.plan_queryset()
            .select_related("region", "strategy")
            .annotate(activity_count=Count("activities"))
            .order_by("title")
        )
        plans.sort(key=lambda p: (str(p.get_theme_display()), p.status, p.title))
        context["themes"] = [
            (theme, list(group))
            for theme, group in groupby(plans, key=lambda p: str(p.get_theme_display()))
        ]
        return context


class PlanDetailView(PublicPlansMixin):
    """A plan with its activities: who, when, how far, what it costs and which goals."""

    template_name = "plans/public/detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        plan = get_object_or_404(
            self.plan_queryset().select_related("region", "strategy__region"),
            pk=self.kwargs["pk"],
        )
        activities = list(
            Activity.objects.filter(action_plan=plan)
            .select_related("responsible", "region")
            .prefetch_related(
                "partners",
                Prefetch(
                    "goal_links",
                    queryset=ActivityGoal.objects.select_related(
                        "goal__region", "goal__strategy"
                    ).order_by("-weight", "goal__order", "pk"),
                ),
            )
            .order_by("order", "pk")
        )
        funding_labels = dict(FundingType.choices)
        for activity in activities:
            activity.funding_labels = [  # type: ignore[attr-defined]
                str(funding_labels.get(code, code))
                for code in activity.funding_types or []
            ]
            activity.public_goal_links = [  # type: ignore[attr-defined]
                link
                for link in activity.goal_links.all()
                if link.goal.strategy.status != StrategyStatus.DRAFT
            ]
        strategy = plan.strategy
        context.update(
            {
                "plan": plan,
                "activities": activities,
                "strategy": (
                    strategy
                    if strategy is not None and strategy.status != StrategyStatus.DRAFT
                    else None
                ),
                "total_budget": sum(a.estimated_budget or 0 for a in activities),
                "has_budget": any(a.estimated_budget is not None for a in activities),
            }
        )
        return context


urlpatterns = [
    path(
        "<slug:region_slug>/action-plans/",
        PlanListView.as_view(),
        name="public_list",
    ),
    path(
        "<slug:region_slug>/action-plans/<int:pk>/",
        PlanDetailView.as_view(),
        name="public_detail",
    ),
]
