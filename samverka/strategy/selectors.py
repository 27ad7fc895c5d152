"""Reads of strategies, goal trees and indicators, with a fixed number of queries.

A goal tree is read in one query and assembled in Python; the indicators of all its
goals, their current targets and their observations in three more, so that a page's
query count does not grow with the size of the strategy.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from samverka.strategy.models import (
    Goal,
    GoalIndicator,
    GoalInteraction,
    IndicatorTarget,
    Observation,
    Strategy,
)
from samverka.strategy.status import StatusResult, goal_indicator_status


@dataclass
class GoalNode:
    """A goal with its sub-goals, in order, and its depth (0 at the top)."""

    goal: Goal
    depth: int
    children: list[GoalNode] = field(default_factory=list)

    def walk(self) -> Iterable[GoalNode]:
        yield self
        for child in self.children:
            yield from child.walk()


def goal_queryset(strategy: Strategy) -> QuerySet[Goal]:
    return (
        Goal.objects.filter(strategy=strategy)
        .select_related("strategy__region")
        .prefetch_related("sdg_goals", "sdg_targets")
        .order_by("order", "pk")
    )


def goal_tree(
    strategy: Strategy, goals: Iterable[Goal] | None = None
) -> list[GoalNode]:
    """The strategy's goals as a forest of `GoalNode`s, siblings by `order`."""
    goals = list(goals if goals is not None else goal_queryset(strategy))
    by_parent: dict[int | None, list[Goal]] = defaultdict(list)
    for goal in goals:
        by_parent[goal.parent_id].append(goal)

    def build(
        parent_id: int | None, depth: int, seen: frozenset[int]
    ) -> list[GoalNode]:
        nodes = []
        for goal in by_parent.get(parent_id, []):
            if goal.pk in seen:  # never loop on bad data
                continue
            nodes.append(
                GoalNode(goal, depth, build(goal.pk, depth + 1, seen | {goal.pk}))
            )
        return nodes

    return build(None, 0, frozenset())


def flatten(tree: Iterable[GoalNode]) -> list[GoalNode]:
    """The tree in reading order (depth first)."""
    return [node for root in tree for node in root.walk()]


@dataclass
class IndicatorView:
    """A goal's indicator with what the pages show: targets, series and status."""

    link: GoalIndicator
    observations: list[Observation]
    status: StatusResult

    @property
    def indicator(self) -> Any:
        return self.link.indicator


def goal_indicator_views(goals: Iterable[Goal]) -> dict[int, list[IndicatorView]]:
    """Map goal id to its indicators with current targets, observations and status,
    in three queries whatever the number of goals and indicators."""
    goal_ids = [g.pk for g in goals]
    links = list(
        GoalIndicator.objects.filter(goal_id__in=goal_ids)
        .select_related("indicator", "indicator__region")
        .prefetch_related(
            Prefetch(
                "targets",
                queryset=IndicatorTarget.objects.filter(
                    superseded_at__isnull=True
                ).order_by("year"),
                to_attr="current_targets",
            )
        )
        .order_by("order", "pk")
    )
    series: dict[int, list[Observation]] = defaultdict(list)
    for obs in headline_observations({link.indicator for link in links}):
        series[obs.indicator_id].append(obs)
    result: dict[int, list[IndicatorView]] = defaultdict(list)
    for link in links:
        observations = series.get(link.indicator_id, [])
        result[link.goal_id].append(
            IndicatorView(link, observations, goal_indicator_status(link, observations))
        )
    return result


def headline_observations(indicators: Iterable[Any]) -> QuerySet[Observation]:
    """The yearly totals of each indicator's headline area (all areas where none is
    chosen), in one query: municipal breakdowns of a county indicator stay unread."""
    chosen = Q()
    open_ids = []
    for indicator in indicators:
        if indicator.headline_area:
            chosen |= Q(indicator_id=indicator.pk, area_code=indicator.headline_area)
        else:
            open_ids.append(indicator.pk)
    wanted = chosen | Q(indicator_id__in=open_ids)
    if not wanted:
        return Observation.objects.none()
    # Only what the series, charts and statuses read: a strategy's page may hold
    # thousands of values, and each model instance costs.
    return (
        Observation.objects.filter(wanted, sex="", age_group="", period="")
        .only(
            "indicator_id",
            "year",
            "period",
            "sex",
            "age_group",
            "area_level",
            "area_code",
            "value",
            "is_demo",
        )
        .order_by("year")
    )


def version_chain(strategy: Strategy) -> list[Strategy]:
    """Every version of the strategy, oldest first (a few queries: versions are few)."""
    first = strategy
    while first.previous_version_id is not None:
        first = Strategy.objects.get(pk=first.previous_version_id)
    chain = [first]
    while True:
        nxt = Strategy.objects.filter(previous_version=chain[-1]).first()
        if nxt is None:
            return chain
        chain.append(nxt)


def current_strategy(region: Any) -> Strategy | None:
    """The region's adopted regional strategy with the latest start (None if none)."""
    return (
        Strategy.objects.filter(region=region, status="adopted")
        .order_by("-start_year", "-version")
        .first()
    )


def strategy_summary(*, region: Any) -> dict[str, Any]:
    """For the staff dashboard: the current strategy and its indicators by status."""
    from samverka.strategy.choices import IndicatorStatus

    strategy = current_strategy(region)
    if strategy is None:
        return {"strategy": None}
    goals = list(Goal.objects.filter(strategy=strategy).only("pk"))
    views = goal_indicator_views(goals)
    counts = dict.fromkeys(IndicatorStatus.values, 0)
    for items in views.values():
        for item in items:
            counts[item.status.status] += 1
    return {
        "strategy": strategy,
        "goal_count": len(goals),
        "by_status": [
            {"status": value, "label": label, "count": counts[value]}
            for value, label in IndicatorStatus.choices
            if counts[value]
        ],
        "conflict_count": GoalInteraction.objects.filter(
            strategy=strategy, score__lt=0
        ).count(),
    }
