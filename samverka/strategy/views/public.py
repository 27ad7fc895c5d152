"""The public pages of a region's strategies: the list, a strategy with its goal tree, a
goal with its indicators, a printable short version, the strategies above the regions
and the status rule in plain language.

Everything is read through `policies.strategies_public()` (drafts are 404) and the
selectors, so that a page's query count does not grow with the size of the strategy.
The strategy app sits below the plans app: action plans are read through the reverse
relation `strategy.action_plans`, never by importing the plans app.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.db.models import Prefetch, Q, QuerySet
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.decorators import method_decorator
from django.views.generic import TemplateView

from samverka.core.models import Region
from samverka.core.selectors import region_list_public
from samverka.strategy import policies, selectors, status
from samverka.strategy.choices import IndicatorStatus, StrategyLevel, StrategyStatus
from samverka.strategy.models import Goal, GoalInteraction, Strategy, StrategyDocument
from samverka.strategy.selectors import IndicatorView

#: Action plans the public may read (plans.policies.plans_public, without importing it).
PUBLIC_PLAN_STATUSES = ("adopted", "archived")

LEVEL_ORDER = {
    StrategyLevel.GLOBAL: 0,
    StrategyLevel.EU: 1,
    StrategyLevel.NATIONAL: 2,
    StrategyLevel.REGIONAL: 3,
    StrategyLevel.LOCAL: 4,
}


# Reading -------------------------------------------------------------------------------


def public_goals(strategy: Strategy) -> list[Goal]:
    """The strategy's goals with what their texts need (the region for the language)."""
    return list(selectors.goal_queryset(strategy).select_related("region"))


def higher_strategies(
    strategies: Iterable[Strategy], region: Region | None
) -> dict[int, list[Strategy]]:
    """Map each strategy's id to the published strategies it serves, directly or through
    another, from the top of the chain down (EU → national → regional).

    Two queries whatever the number of strategies: every published strategy of the
    region and above it, with the strategies each serves."""
    pool_filter = Q(region__isnull=True)
    if region is not None:
        pool_filter |= Q(region=region)
    pool = {
        s.pk: s
        for s in policies.strategies_public()
        .filter(pool_filter)
        .select_related("region")
        .prefetch_related(Prefetch("serves", queryset=Strategy.objects.only("pk")))
    }
    serves = {pk: [t.pk for t in s.serves.all()] for pk, s in pool.items()}
    result: dict[int, list[Strategy]] = {}
    for strategy in strategies:
        seen: set[int] = set()
        todo = list(serves.get(strategy.pk, []))
        if strategy.pk not in pool:  # a strategy outside the pool: its own links
            todo = [t.pk for t in strategy.serves.all()]
        while todo:
            pk = todo.pop()
            if pk in seen or pk == strategy.pk or pk not in pool:
                continue
            seen.add(pk)
            todo.extend(serves.get(pk, []))
        result[strategy.pk] = sorted(
            (pool[pk] for pk in seen),
            key=lambda s: (LEVEL_ORDER.get(s.level, 9), s.title),  # type: ignore[call-overload]
        )
    return result


def public_versions(strategy: Strategy) -> list[Strategy]:
    """The published versions of the strategy, oldest first."""
    versions = [
        s for s in selectors.version_chain(strategy) if s.status != StrategyStatus.DRAFT
    ]
    for version in versions:
        if version.region_id == strategy.region_id:
            # Versions share the region: no query per link to one.
            version.region = strategy.region
    return versions


def public_action_plans(strategy: Strategy) -> QuerySet[Any]:
    return (
        strategy.action_plans.filter(status__in=PUBLIC_PLAN_STATUSES)
        .select_related("region")
        .order_by("theme", "title")
    )


def status_summary(views: list[IndicatorView]) -> list[tuple[str, str, int]]:
    """(status code, label, count) for the statuses present, best first."""
    counts: dict[str, int] = {}
    for view in views:
        code = str(view.status.status)
        counts[code] = counts.get(code, 0) + 1
    return [
        (status.value, str(status.label), counts[status.value])
        for status in IndicatorStatus
        if status.value in counts
    ]


# Views --------------------------------------------------------------------------------


@method_decorator(login_not_required, name="dispatch")
class PublicStrategyMixin(TemplateView):
    """A region's public page: the region must be active; strategies published."""

    region: Region

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        slug = kwargs.get("region_slug")
        if slug is not None:
            self.region = get_object_or_404(region_list_public(), slug=slug)
        return super().dispatch(request, *args, **kwargs)

    def strategy_queryset(self) -> QuerySet[Strategy]:
        return policies.strategies_public().filter(region=self.region)

    def get_strategy(self, pk: int) -> Strategy:
        return get_object_or_404(
            self.strategy_queryset().select_related("region", "previous_version"),
            pk=pk,
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        if hasattr(self, "region"):
            context["region"] = self.region
        return context


class StrategyListView(PublicStrategyMixin):
    """The region's published strategies, newest first, with the chain they serve."""

    template_name = "strategy/public/list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        strategies = list(
            self.strategy_queryset()
            .select_related("region")
            .order_by("status", "-start_year", "title", "-version")
        )
        chains = higher_strategies(strategies, self.region)
        context["current"] = [
            (s, chains[s.pk]) for s in strategies if s.status == StrategyStatus.ADOPTED
        ]
        context["superseded"] = [
            s for s in strategies if s.status == StrategyStatus.SUPERSEDED
        ]
        return context


class StrategyPageMixin(PublicStrategyMixin):
    """What the strategy page and its short version share: the goal tree with the
    statuses of each goal's indicators."""

    def strategy_context(self, strategy: Strategy) -> dict[str, Any]:
        goals = public_goals(strategy)
        tree = selectors.goal_tree(strategy, goals)
        views = selectors.goal_indicator_views(goals)
        for goal in goals:
            # The template reads each goal's indicators from the goal itself.
            goal.public_indicators = views.get(goal.pk, [])  # type: ignore[attr-defined]
        all_views = [v for vs in views.values() for v in vs]
        return {
            "strategy": strategy,
            "tree": tree,
            "status_summary": status_summary(all_views),
            "indicator_count": len(all_views),
        }


class StrategyDetailView(StrategyPageMixin):
    template_name = "strategy/public/detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        strategy = self.get_strategy(self.kwargs["pk"])
        context.update(self.strategy_context(strategy))
        versions = public_versions(strategy)
        context["versions"] = versions
        newer = [
            v
            for v in versions
            if v.version > strategy.version and v.status == StrategyStatus.ADOPTED
        ]
        context["superseded_by"] = newer[-1] if newer else None
        context["documents"] = list(strategy.documents.all())
        context["higher"] = higher_strategies([strategy], self.region)[strategy.pk]
        context["action_plans"] = list(public_action_plans(strategy))
        return context


class StrategyShortView(StrategyPageMixin):
    """A printable short version: summary and goal tree with indicator statuses."""

    template_name = "strategy/public/short.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        strategy = self.get_strategy(self.kwargs["pk"])
        context.update(self.strategy_context(strategy))
        return context


class GoalDetailView(PublicStrategyMixin):
    """A goal with its sub-goals, SDG targets, interactions and indicators."""

    template_name = "strategy/public/goal.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        strategy = self.get_strategy(self.kwargs["strategy_pk"])
        goals = public_goals(strategy)
        by_pk = {g.pk: g for g in goals}
        goal = by_pk.get(self.kwargs["pk"])
        if goal is None:
            raise Http404
        tree = selectors.goal_tree(strategy, goals)
        node = next((n for n in selectors.flatten(tree) if n.goal.pk == goal.pk), None)
        if node is None:
            raise Http404
        ancestors: list[Goal] = []
        parent = by_pk.get(goal.parent_id) if goal.parent_id else None
        while parent is not None and parent not in ancestors:
            ancestors.insert(0, parent)
            parent = by_pk.get(parent.parent_id) if parent.parent_id else None
        views = selectors.goal_indicator_views([goal])
        interactions = list(
            GoalInteraction.objects.filter(
                Q(from_goal=goal) | Q(to_goal=goal), strategy=strategy
            ).order_by("-score", "pk")
        )
        for interaction in interactions:
            # The goals are already read: no query per interaction.
            interaction.from_goal = by_pk[interaction.from_goal_id]
            interaction.to_goal = by_pk[interaction.to_goal_id]
        context.update(
            {
                "strategy": strategy,
                "goal": goal,
                "node": node,
                "ancestors": ancestors,
                "indicator_views": views.get(goal.pk, []),
                "interactions": interactions,
            }
        )
        return context


class HigherStrategyDetailView(StrategyPageMixin):
    """A strategy above the regions: Agenda 2030, EU cohesion policy, a national one."""

    template_name = "strategy/public/higher_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        strategy = get_object_or_404(
            policies.strategies_public().filter(region__isnull=True),
            pk=self.kwargs["pk"],
        )
        goals = public_goals(strategy)
        context["strategy"] = strategy
        context["tree"] = selectors.goal_tree(strategy, goals)
        context["documents"] = list(strategy.documents.all())
        context["higher"] = higher_strategies([strategy], None)[strategy.pk]
        context["versions"] = public_versions(strategy)
        return context


class StatusRuleView(PublicStrategyMixin):
    """The status rule of `strategy.status` in plain language."""

    template_name = "strategy/public/status_rule.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["on_track_percent"] = round(status.ON_TRACK_SHARE * 100)
        context["at_risk_percent"] = round(status.AT_RISK_SHARE * 100)
        context["hold_percent"] = round(status.HOLD_TOLERANCE * 100)
        # A worked example, computed by the rule itself so that the text cannot drift.
        context["example"] = status.evaluate(
            baseline=status.Point(2020, Decimal(50)),
            targets=[status.Point(2030, Decimal(60))],
            observations=[status.Point(2024, Decimal(53))],
            higher_is_better=True,
        )
        return context


@login_not_required
def document_download(
    request: Any, strategy_pk: int, pk: int, region_slug: str | None = None
) -> FileResponse:
    """A strategy's document, for whoever may read the strategy: everyone for an
    adopted or superseded strategy, the region's staff for a draft (else 404)."""
    strategies = policies.strategies_visible_to(request.user)
    if region_slug is None:
        strategies = strategies.filter(region__isnull=True)
    else:
        strategies = strategies.filter(region__slug=region_slug)
    strategy = get_object_or_404(strategies, pk=strategy_pk)
    document = get_object_or_404(StrategyDocument, strategy=strategy, pk=pk)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    return FileResponse(handle, filename=os.path.basename(document.file.name))


urlpatterns = [
    path(
        "<slug:region_slug>/strategy/<int:strategy_pk>/documents/<int:pk>/",
        document_download,
        name="document_download",
    ),
    path(
        "strategies/<int:strategy_pk>/documents/<int:pk>/",
        document_download,
        name="higher_document_download",
    ),
    path(
        "<slug:region_slug>/strategy/",
        StrategyListView.as_view(),
        name="public_list",
    ),
    path(
        "<slug:region_slug>/strategy/status-rule/",
        StatusRuleView.as_view(),
        name="status_rule",
    ),
    path(
        "<slug:region_slug>/strategy/<int:pk>/",
        StrategyDetailView.as_view(),
        name="public_detail",
    ),
    path(
        "<slug:region_slug>/strategy/<int:pk>/short/",
        StrategyShortView.as_view(),
        name="public_short",
    ),
    path(
        "<slug:region_slug>/strategy/<int:strategy_pk>/goals/<int:pk>/",
        GoalDetailView.as_view(),
        name="public_goal",
    ),
    path(
        "strategies/<int:pk>/",
        HigherStrategyDetailView.as_view(),
        name="public_higher_detail",
    ),
]
