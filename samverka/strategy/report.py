"""The follow-up report of a strategy: its goals, their indicators against the targets,
and whatever later apps add about the goals (action-plan activities, funded projects).

The core report builds the indicator part itself. Other apps add sections through a
small registry, so that the strategy app never imports them (the import-linter layers
forbid it)::

    # samverka/plans/report_sections.py
    from samverka.strategy.report import ReportSection, register_section

    def register() -> None:
        register_section(ReportSection(key="plans.activities", ...))

and call `register()` from the app's `AppConfig.ready()`. The registry is keyed, so
registering twice replaces the section instead of showing it twice.

A section's `context(strategy, goals, *, user)` is called once per report with every
goal of the strategy in tree order and the viewing user (`None` or anonymous for the
public), and must run a fixed number of queries whatever the number of goals. A
section with `per_goal=False` returns the dict its template gets as `data`. A section
with `per_goal=True` returns a dict from goal id to that goal's dict; its template is
rendered under each goal that has an entry.

See docs/strategy-report.md.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from babel.numbers import format_decimal
from django.utils import timezone

from samverka.core.formatting import current_locale, format_date
from samverka.strategy import selectors
from samverka.strategy.choices import IndicatorStatus
from samverka.strategy.models import Goal, IndicatorTarget, Strategy
from samverka.strategy.selectors import GoalNode, IndicatorView
from samverka.strategy.status import Point, StatusResult, headline_points

#: `context(strategy, goals, *, user) -> dict`; see the module docstring.
SectionContext = Callable[..., dict[Any, Any]]


@dataclass(frozen=True)
class ReportSection:
    """A part of the report that another app provides."""

    key: str
    title: Any  # a string or a lazy translation
    template: Any  # a template name (or a loaded Template object)
    context: SectionContext
    order: int = 100
    per_goal: bool = False


_REGISTRY: dict[str, ReportSection] = {}


def register_section(section: ReportSection) -> None:
    """Add `section` to every report; a section with the same key is replaced."""
    _REGISTRY[section.key] = section


def unregister_section(key: str) -> None:
    """Remove a section (for tests); unknown keys are ignored."""
    _REGISTRY.pop(key, None)


def sections() -> list[ReportSection]:
    """The registered sections in the order they are shown."""
    return sorted(_REGISTRY.values(), key=lambda s: (s.order, s.key))


# The report ------------------------------------------------------------------------


def format_value(value: Decimal | None, decimals: int = 0) -> str:
    """A figure with exactly the indicator's decimals, grouped and with the decimal
    sign of the active language: 1 234,5 in Swedish, 1,234.5 in English."""
    if value is None:
        return ""
    decimals = max(0, min(int(decimals), 6))
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(
        value.quantize(Decimal(1).scaleb(-decimals)),
        format=pattern,
        locale=current_locale(),
    )


@dataclass
class IndicatorRow:
    """An indicator of a goal as the report shows it."""

    view: IndicatorView
    latest: Point | None
    targets: list[IndicatorTarget]

    @property
    def indicator(self) -> Any:
        return self.view.indicator

    @property
    def link(self) -> Any:
        return self.view.link

    @property
    def status(self) -> StatusResult:
        return self.view.status

    @property
    def status_code(self) -> str:
        return str(self.view.status.status)

    def _fmt(self, value: Decimal | None) -> str:
        return format_value(value, self.indicator.decimals)

    @property
    def baseline(self) -> str:
        return self._fmt(self.link.baseline_value)

    @property
    def latest_value(self) -> str:
        return self._fmt(self.latest.value) if self.latest else ""

    @property
    def target_list(self) -> list[tuple[int, str]]:
        return [(t.year, self._fmt(t.value)) for t in self.targets]

    @property
    def explanation(self) -> str:
        return self.status.explanation()


@dataclass
class SectionPart:
    """A registered section with the data its template gets."""

    section: ReportSection
    data: Any

    @property
    def template(self) -> Any:
        return self.section.template

    @property
    def title(self) -> Any:
        return self.section.title


@dataclass
class GoalRow:
    node: GoalNode
    indicators: list[IndicatorRow]
    parts: list[SectionPart] = field(default_factory=list)

    @property
    def goal(self) -> Goal:
        return self.node.goal

    @property
    def depth(self) -> int:
        return self.node.depth

    @property
    def heading_level(self) -> int:
        """h3 for the top goals (h1 is the report, h2 "Goals and indicators")."""
        return min(3 + self.depth, 6)


@dataclass
class StatusCount:
    code: str
    label: str
    count: int


@dataclass
class StrategyReport:
    strategy: Strategy
    date: datetime.date
    rows: list[GoalRow]
    status_counts: list[StatusCount]
    parts: list[SectionPart]

    @property
    def region(self) -> Any:
        return self.strategy.region

    @property
    def date_display(self) -> str:
        return format_date(self.date, style="long")

    @property
    def adopted_display(self) -> str:
        adopted_on = self.strategy.adopted_on
        return format_date(adopted_on, style="long") if adopted_on else ""

    @property
    def indicator_count(self) -> int:
        return sum(c.count for c in self.status_counts)


def report_goals(strategy: Strategy) -> list[Goal]:
    """The strategy's goals in one query (plus the SDG prefetches), with the region
    cached so that `localised()` costs no query per goal."""
    goals = list(selectors.goal_queryset(strategy))
    for goal in goals:
        if goal.region_id == strategy.region_id:
            goal.region = strategy.region
    return goals


def build_report(
    strategy: Strategy,
    *,
    user: Any = None,
    today: datetime.date | None = None,
    goals: Iterable[Goal] | None = None,
) -> StrategyReport:
    """Everything the report shows, in a number of queries that does not grow with the
    number of goals, indicators or observations."""
    goal_list = list(goals) if goals is not None else report_goals(strategy)
    nodes = selectors.flatten(selectors.goal_tree(strategy, goal_list))
    ordered = [node.goal for node in nodes]
    views = selectors.goal_indicator_views(ordered)

    rows: list[GoalRow] = []
    counter: Counter[str] = Counter()
    for node in nodes:
        indicator_rows = []
        for view in views.get(node.goal.pk, []):
            points = headline_points(view.indicator, view.observations)
            indicator_rows.append(
                IndicatorRow(
                    view=view,
                    latest=points[-1] if points else None,
                    targets=list(getattr(view.link, "current_targets", [])),
                )
            )
            counter[str(view.status.status)] += 1
        rows.append(GoalRow(node=node, indicators=indicator_rows))

    parts: list[SectionPart] = []
    by_goal = {row.goal.pk: row for row in rows}
    for section in sections():
        data = section.context(strategy, ordered, user=user)
        if section.per_goal:
            for goal_id, goal_data in (data or {}).items():
                row = by_goal.get(goal_id)
                if row is not None:
                    row.parts.append(SectionPart(section, goal_data))
        else:
            parts.append(SectionPart(section, data))

    return StrategyReport(
        strategy=strategy,
        date=today or timezone.localdate(),
        rows=rows,
        status_counts=[
            StatusCount(str(value), str(label), counter[str(value)])
            for value, label in IndicatorStatus.choices
        ],
        parts=parts,
    )
