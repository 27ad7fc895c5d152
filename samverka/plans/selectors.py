"""Reads of action plans and activities, with a fixed number of queries per page."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, QuerySet

from samverka.actors.models import Organisation
from samverka.core.models import Region
from samverka.plans import policies
from samverka.plans.choices import ActivityStage, ActivityStatus, PlanStatus
from samverka.plans.models import ActionPlan, Activity, ActivityGoal
from samverka.strategy.models import Goal, Strategy
from samverka.strategy.policies import strategies_visible_to
from samverka.strategy.selectors import flatten, goal_tree


def plan_list(
    *, user: Any, region: Region, filters: Mapping[str, Any] | None = None
) -> QuerySet[ActionPlan]:
    """The region's plans the user sees, with their strategy and number of activities."""
    filters = filters or {}
    plans = (
        policies.plans_visible_to(user)
        .filter(region=region)
        .select_related("strategy__region", "region")
        .annotate(activity_count=Count("activities"))
        .order_by("-start_year", "title", "pk")
    )
    if filters.get("theme"):
        plans = plans.filter(theme=filters["theme"])
    if filters.get("status"):
        plans = plans.filter(status=filters["status"])
    return plans


def plan_get(*, user: Any, region: Region, pk: int) -> ActionPlan | None:
    return (
        policies.plans_visible_to(user)
        .filter(region=region, pk=pk)
        .select_related("strategy__region", "region")
        .first()
    )


def activity_table(plan: ActionPlan) -> list[Activity]:
    """The plan's activities in order with their organisations and goals (2 queries)."""
    return list(
        plan.activities.select_related("responsible", "region")
        .prefetch_related(
            Prefetch(
                "goal_links",
                queryset=ActivityGoal.objects.select_related("goal__region").order_by(
                    "-weight", "goal__order", "goal__pk"
                ),
            )
        )
        .order_by("order", "pk")
    )


def activity_get(*, user: Any, plan: ActionPlan, pk: int) -> Activity | None:
    return (
        policies.activities_visible_to(user)
        .filter(action_plan=plan, pk=pk)
        .select_related("action_plan__region", "responsible")
        .first()
    )


def organisation_choices(region: Region) -> QuerySet[Organisation]:
    """The organisations an activity of the region may name: the region's registry."""
    return Organisation.objects.filter(region=region).order_by("name", "pk")


def strategy_choices(*, user: Any, region: Region) -> QuerySet[Strategy]:
    return (
        strategies_visible_to(user)
        .filter(region=region)
        .order_by("-start_year", "title", "pk")
    )


@dataclass
class GoalRow:
    """A goal of the plan's strategy, its depth in the tree and the activity's link."""

    goal: Goal
    depth: int
    weight: int | None


def activity_goal_rows(activity: Activity) -> list[GoalRow]:
    """The goals of the plan's strategy in tree order, each with the activity's current
    relevance (None when not linked). Empty when the plan has no strategy."""
    strategy = activity.action_plan.strategy
    if strategy is None:
        return []
    goals = (
        Goal.objects.filter(strategy=strategy)
        .select_related("region")
        .order_by("order", "pk")
    )
    weights = activity_goal_weights(activity)
    return [
        GoalRow(node.goal, node.depth, weights.get(node.goal.pk))
        for node in flatten(goal_tree(strategy, goals))
    ]


def activity_goal_weights(activity: Activity) -> dict[int, int]:
    return dict(
        ActivityGoal.objects.filter(activity=activity).values_list("goal_id", "weight")
    )


def plans_summary(region: Region) -> dict[str, Any]:
    """Counts for the region dashboard: adopted plans, and the activities of draft and
    adopted plans (archived plans are history) by status and by stage; three queries."""
    adopted = ActionPlan.objects.filter(
        region=region, status=PlanStatus.ADOPTED
    ).count()
    activities = Activity.objects.filter(action_plan__region=region).exclude(
        action_plan__status=PlanStatus.ARCHIVED
    )
    by_status = dict(
        activities.order_by().values_list("status").annotate(n=Count("id"))
    )
    by_stage = dict(activities.order_by().values_list("stage").annotate(n=Count("id")))
    return {
        "adopted_plan_count": adopted,
        "activity_count": sum(by_status.values()),
        "by_status": [
            {"value": value, "label": label, "count": by_status[value]}
            for value, label in ActivityStatus.choices
            if by_status.get(value)
        ],
        "by_stage": [
            {"value": value, "label": label, "count": by_stage[value]}
            for value, label in ActivityStage.choices
            if by_stage.get(value)
        ],
    }
