"""The plans app's part of the strategy follow-up report (`samverka.strategy.report`).

Two sections: under each goal, the action-plan activities that serve it; after the
goals, how many of those activities are planned, ongoing, done or paused. Each costs one
query whatever the size of the strategy. Only activities of plans the viewer may see
are counted, so the public report never shows a draft plan.

`register()` is called from `PlansConfig.ready()`; calling it again changes nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet
from django.utils.translation import gettext_lazy as _

from samverka.plans import policies
from samverka.plans.choices import ActivityStatus
from samverka.plans.models import Activity, ActivityGoal
from samverka.strategy.models import Goal, Strategy
from samverka.strategy.report import ReportSection, register_section

ACTIVITIES_KEY = "plans.activities"
SUMMARY_KEY = "plans.summary"


def _links(goals: Sequence[Goal], user: Any) -> QuerySet[ActivityGoal]:
    return ActivityGoal.objects.filter(
        goal_id__in=[g.pk for g in goals],
        activity__action_plan__in=policies.plans_visible_to(user),
    )


@dataclass
class ActivityLine:
    """An activity linked to a goal, as the report shows it."""

    link: ActivityGoal

    @property
    def activity(self) -> Activity:
        return self.link.activity

    @property
    def plan(self) -> Any:
        return self.link.activity.action_plan

    @property
    def status_code(self) -> str:
        return str(self.activity.status)


def goal_activities(
    strategy: Strategy, goals: Sequence[Goal], *, user: Any = None
) -> dict[int, dict[str, Any]]:
    """Goal id → {"activities": [ActivityLine, ...]}, for goals with linked activities;
    most relevant first, then by plan and the plan's order. One query."""
    links = (
        _links(goals, user)
        .select_related("activity__action_plan__region", "activity__region")
        .order_by(
            "goal_id",
            "-weight",
            "activity__action_plan__title",
            "activity__order",
            "activity__pk",
        )
    )
    by_goal: dict[int, list[ActivityLine]] = defaultdict(list)
    for link in links:
        by_goal[link.goal_id].append(ActivityLine(link))
    return {goal_id: {"activities": lines} for goal_id, lines in by_goal.items()}


def activity_summary(
    strategy: Strategy, goals: Sequence[Goal], *, user: Any = None
) -> dict[str, Any]:
    """How many distinct activities serving the strategy's goals have each status.
    One query."""
    found = dict(
        Activity.objects.filter(pk__in=_links(goals, user).values("activity_id"))
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    counts = [
        {"code": str(value), "label": str(label), "count": found.get(value, 0)}
        for value, label in ActivityStatus.choices
    ]
    return {"counts": counts, "total": sum(c["count"] for c in counts)}


ACTIVITIES = ReportSection(
    key=ACTIVITIES_KEY,
    title=_("Activities in the action plans"),
    template="plans/report/_goal_activities.html",
    context=goal_activities,
    order=100,
    per_goal=True,
)

SUMMARY = ReportSection(
    key=SUMMARY_KEY,
    title=_("Action-plan activities by status"),
    template="plans/report/_activity_summary.html",
    context=activity_summary,
    order=100,
)


def register() -> None:
    """Add the plans sections to the strategy report (idempotent)."""
    register_section(ACTIVITIES)
    register_section(SUMMARY)
