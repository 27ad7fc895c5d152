"""Writes to strategies, goal trees, indicators, targets, observations and interactions.

Every service takes the acting user as `by`; `by=None` is the system itself (the demo
loader, a management command, the statistics import task), which skips the policy check
only. Writes to goals, indicators links, targets and interactions are logged against
their strategy or indicator as well as the object, so that a strategy's history page
tells its whole story.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from samverka.accounts.models import User
from samverka.core import audit
from samverka.core.errors import bump_revision, check_revision, require
from samverka.core.models import Region
from samverka.geo.models import Country, County, Municipality
from samverka.strategy import policies
from samverka.strategy.choices import GeographyLevel, Sex, StrategyStatus
from samverka.strategy.models import (
    Goal,
    GoalIndicator,
    GoalInteraction,
    Indicator,
    IndicatorTarget,
    Observation,
    StatisticsImport,
    Strategy,
    StrategyDocument,
)

STRATEGY_FIELDS = (
    "level",
    "title",
    "short_name",
    "summary",
    "start_year",
    "end_year",
    "owner",
    "decision_reference",
    "translations",
)
GOAL_FIELDS = ("kind", "code", "title", "description", "translations")
GOAL_M2M = ("sdg_goals", "sdg_targets")
INDICATOR_FIELDS = (
    "name",
    "description",
    "unit",
    "decimals",
    "higher_is_better",
    "source",
    "source_table",
    "source_query",
    "geography_level",
    "breakdown",
    "headline_area",
    "translations",
)
GOAL_INDICATOR_FIELDS = ("baseline_value", "baseline_year", "order")


def _prefixed(
    prefix: str, changes: Mapping[str, tuple[Any, Any]]
) -> dict[str, tuple[Any, Any]]:
    return {f"{prefix}{name}": change for name, change in changes.items()}


def _require_strategy(by: User | None, strategy: Strategy) -> None:
    if by is not None:
        require(policies.can_change_strategy(by, strategy))


def _require_editable(strategy: Strategy) -> None:
    if strategy.status == StrategyStatus.SUPERSEDED:
        raise ValidationError(
            _(
                "A superseded version is kept as it was; change the current version instead."
            )
        )


# Strategies ---------------------------------------------------------------------------


@transaction.atomic
def strategy_create(
    *, region: Region | None, by: User | None, data: Mapping[str, Any]
) -> Strategy:
    """Start a strategy as a draft: a region's (strategist or region administrator) or,
    with `region=None`, one above the regions (platform administrator)."""
    if by is not None:
        require(policies.can_edit_strategy(by, region))
    values = audit.pick(data, STRATEGY_FIELDS)
    strategy = Strategy(region=region, status=StrategyStatus.DRAFT, **values)
    strategy.full_clean()
    strategy.save()
    if "serves" in data:
        _set_serves(strategy, data["serves"])
    audit.log(
        strategy,
        "strategy.strategy_create",
        by=by,
        changes=audit.created_changes(strategy, STRATEGY_FIELDS),
    )
    return strategy


def _set_serves(strategy: Strategy, serves: Iterable[Strategy]) -> None:
    serves = list(serves)
    for higher in serves:
        if higher.pk == strategy.pk:
            raise ValidationError({"serves": _("A strategy cannot serve itself.")})
        if higher.region_id is not None and higher.region_id != strategy.region_id:
            raise ValidationError(
                {
                    "serves": _("“%(strategy)s” belongs to another region.")
                    % {"strategy": higher}
                }
            )
    strategy.serves.set(serves)


@transaction.atomic
def strategy_update(
    *,
    strategy: Strategy,
    by: User | None,
    data: Mapping[str, Any],
    revision: int | None = None,
) -> Strategy:
    """Change a strategy's texts, period or owner. Superseded versions are frozen."""
    _require_strategy(by, strategy)
    _require_editable(strategy)
    check_revision(strategy, revision)
    values = audit.pick(data, STRATEGY_FIELDS)
    if "serves" in data:
        old = sorted(str(s) for s in strategy.serves.all())
        _set_serves(strategy, data["serves"])
        new = sorted(str(s) for s in strategy.serves.all())
        serves_change = {"serves": (old, new)} if old != new else {}
    else:
        serves_change = {}
    strategy, changes = audit.model_update(
        instance=strategy, fields=STRATEGY_FIELDS, data=values
    )
    changes = {**changes, **serves_change}
    if changes:
        bump_revision(strategy)
        audit.log(strategy, "strategy.strategy_update", by=by, changes=changes)
    return strategy


@transaction.atomic
def strategy_adopt(
    *,
    strategy: Strategy,
    by: User | None,
    adopted_on: datetime.date,
    decision_reference: str = "",
) -> Strategy:
    """Record that the strategy was adopted. Its previous version becomes superseded."""
    _require_strategy(by, strategy)
    if strategy.status != StrategyStatus.DRAFT:
        raise ValidationError(_("Only a draft can be adopted."))
    strategy, changes = audit.model_update(
        instance=strategy,
        fields=("status", "adopted_on", "decision_reference"),
        data={
            "status": StrategyStatus.ADOPTED,
            "adopted_on": adopted_on,
            "decision_reference": decision_reference or strategy.decision_reference,
        },
    )
    bump_revision(strategy)
    audit.log(strategy, "strategy.strategy_adopt", by=by, changes=changes)
    previous = strategy.previous_version
    if previous is not None and previous.status == StrategyStatus.ADOPTED:
        previous, changes = audit.model_update(
            instance=previous,
            fields=("status",),
            data={"status": StrategyStatus.SUPERSEDED},
        )
        audit.log(
            previous,
            "strategy.strategy_supersede",
            by=by,
            changes={**changes, "superseded_by": (None, str(strategy))},
        )
    return strategy


@transaction.atomic
def strategy_new_version(
    *, strategy: Strategy, by: User | None, data: Mapping[str, Any] | None = None
) -> Strategy:
    """Start the next version of an adopted strategy as a draft copy of it.

    The copy has the same goal tree (each goal remembers the goal it was copied from, so
    the versions can be compared), SDG links, indicator links with their current
    targets, and goal interactions. The old version stays as it is until the new one is
    adopted, and readable after that.
    """
    _require_strategy(by, strategy)
    if strategy.status != StrategyStatus.ADOPTED:
        raise ValidationError(
            _("Only the adopted version can be followed by a new version.")
        )
    if Strategy.objects.filter(previous_version=strategy).exists():
        raise ValidationError(_("This version already has a newer version."))
    values = {name: getattr(strategy, name) for name in STRATEGY_FIELDS}
    values.update(audit.pick(data or {}, STRATEGY_FIELDS))
    new = Strategy(
        region=strategy.region,
        status=StrategyStatus.DRAFT,
        version=strategy.version + 1,
        previous_version=strategy,
        **values,
    )
    new.full_clean()
    new.save()
    new.serves.set(strategy.serves.all())

    copies: dict[int, Goal] = {}
    goals = list(
        strategy.goals.prefetch_related("sdg_goals", "sdg_targets").order_by("pk")
    )
    by_parent: dict[int | None, list[Goal]] = {}
    for goal in goals:
        by_parent.setdefault(goal.parent_id, []).append(goal)

    def copy(parent_id: int | None, new_parent: Goal | None) -> None:
        for goal in by_parent.get(parent_id, []):
            twin = Goal(
                strategy=new,
                parent=new_parent,
                copied_from=goal,
                order=goal.order,
                **{name: getattr(goal, name) for name in GOAL_FIELDS},
            )
            twin.save()
            twin.sdg_goals.set(goal.sdg_goals.all())
            twin.sdg_targets.set(goal.sdg_targets.all())
            copies[goal.pk] = twin
            copy(goal.pk, twin)

    copy(None, None)
    for link in GoalIndicator.objects.filter(goal__strategy=strategy).prefetch_related(
        "targets"
    ):
        twin_link = GoalIndicator.objects.create(
            goal=copies[link.goal_id],
            indicator_id=link.indicator_id,
            baseline_value=link.baseline_value,
            baseline_year=link.baseline_year,
            order=link.order,
        )
        for target in link.targets.all():
            if (
                target.superseded_at is None
                and new.start_year <= target.year <= new.end_year
            ):
                IndicatorTarget.objects.create(
                    goal_indicator=twin_link,
                    year=target.year,
                    value=target.value,
                    reason=target.reason,
                    set_by=target.set_by,
                )
    for interaction in strategy.interactions.all():
        GoalInteraction.objects.create(
            strategy=new,
            from_goal=copies[interaction.from_goal_id],
            to_goal=copies[interaction.to_goal_id],
            score=interaction.score,
            justification=interaction.justification,
            source=interaction.source,
            assessed_by=interaction.assessed_by,
        )
    audit.log(
        new,
        "strategy.strategy_new_version",
        by=by,
        changes={
            "version": (strategy.version, new.version),
            "goals": (None, len(copies)),
        },
    )
    return new


@transaction.atomic
def strategy_delete_draft(*, strategy: Strategy, by: User | None) -> None:
    """Throw away a draft that nothing points at yet."""
    _require_strategy(by, strategy)
    if strategy.status != StrategyStatus.DRAFT:
        raise ValidationError(
            _("Only a draft can be deleted; adopted strategies are kept.")
        )
    if strategy.action_plans.exists():
        raise ValidationError(
            _("Action plans point at this strategy; move them first.")
        )
    audit.log(
        strategy,
        "strategy.strategy_delete",
        by=by,
        changes={"title": (strategy.title, None)},
    )
    strategy.interactions.all().delete()
    GoalIndicator.objects.filter(goal__strategy=strategy).delete()
    # Children first: a goal's tree cascades, but PROTECT-free deletes keep it simple.
    strategy.goals.all().delete()
    strategy.delete()


@transaction.atomic
def strategy_document_add(
    *,
    strategy: Strategy,
    by: User | None,
    kind: str,
    title: str,
    language: str,
    file: File[Any],
) -> StrategyDocument:
    """Attach a file (full text, short version, English version …) to a strategy."""
    _require_strategy(by, strategy)
    document = StrategyDocument(
        strategy=strategy, kind=kind, title=title, language=language, file=file
    )
    document.full_clean()
    document.save()
    audit.log(
        strategy,
        "strategy.document_add",
        by=by,
        changes={"document": (None, f"{document.get_kind_display()}: {title}")},
    )
    return document


@transaction.atomic
def strategy_document_remove(*, document: StrategyDocument, by: User | None) -> None:
    strategy = document.strategy
    _require_strategy(by, strategy)
    audit.log(
        strategy,
        "strategy.document_remove",
        by=by,
        changes={
            "document": (f"{document.get_kind_display()}: {document.title}", None)
        },
    )
    document.file.delete(save=False)
    document.delete()


# Goals --------------------------------------------------------------------------------


def _next_order(strategy: Strategy, parent: Goal | None) -> int:
    current = strategy.goals.filter(parent=parent).aggregate(top=Max("order"))["top"]
    return 0 if current is None else current + 1


@transaction.atomic
def goal_create(
    *, strategy: Strategy, by: User | None, data: Mapping[str, Any]
) -> Goal:
    """Add a goal to the tree, last among its siblings unless `order` is given.

    `data` holds any of `GOAL_FIELDS`, `parent` (a goal of the same strategy or None)
    and the SDG goals and targets it links to.
    """
    _require_strategy(by, strategy)
    _require_editable(strategy)
    parent = data.get("parent")
    goal = Goal(
        strategy=strategy,
        parent=parent,
        order=data.get("order", _next_order(strategy, parent)),
        **audit.pick(data, GOAL_FIELDS),
    )
    goal.full_clean()
    goal.save()
    for name in GOAL_M2M:
        if name in data:
            getattr(goal, name).set(data[name])
    audit.log(
        goal,
        "strategy.goal_create",
        by=by,
        region=strategy.region,
        changes={
            **audit.created_changes(goal, GOAL_FIELDS),
            "parent": (None, str(parent) if parent else None),
        },
    )
    return goal


@transaction.atomic
def goal_update(
    *,
    goal: Goal,
    by: User | None,
    data: Mapping[str, Any],
    revision: int | None = None,
) -> Goal:
    """Change a goal's texts, kind, parent or SDG links.

    With `revision` (what the editor read), a save on top of someone else's newer save
    is refused with code ``stale_edit`` and nothing is written.
    """
    _require_strategy(by, goal.strategy)
    _require_editable(goal.strategy)
    check_revision(goal, revision)
    fields = (*GOAL_FIELDS, *GOAL_M2M, "parent")
    goal, changes = audit.model_update(
        instance=goal, fields=fields, data=audit.pick(data, fields)
    )
    if changes:
        if "parent" in changes:
            # Moved under another goal: last among its new siblings.
            top = (
                goal.strategy.goals.filter(parent=goal.parent)
                .exclude(pk=goal.pk)
                .aggregate(top=Max("order"))["top"]
            )
            goal.order = 0 if top is None else top + 1
            goal.save(update_fields=["order"])
        bump_revision(goal)
        audit.log(
            goal,
            "strategy.goal_update",
            by=by,
            region=goal.strategy.region,
            changes=changes,
        )
    return goal


@transaction.atomic
def goal_move(
    *, goal: Goal, by: User | None, parent: Goal | None, position: int
) -> Goal:
    """Place `goal` under `parent` (None: the top level) at `position` among its new
    siblings (0 first), renumbering the siblings. Refuses a move into its own subtree."""
    _require_strategy(by, goal.strategy)
    _require_editable(goal.strategy)
    old_parent = goal.parent
    goal.parent = parent
    goal.full_clean()
    siblings = list(
        goal.strategy.goals.filter(parent=parent)
        .exclude(pk=goal.pk)
        .order_by("order", "pk")
    )
    position = max(0, min(position, len(siblings)))
    siblings.insert(position, goal)
    for index, sibling in enumerate(siblings):
        if sibling.pk == goal.pk:
            goal.order = index
            goal.save(update_fields=["parent", "order", "updated_at"])
        elif sibling.order != index:
            Goal.objects.filter(pk=sibling.pk).update(order=index)
    bump_revision(goal)
    audit.log(
        goal,
        "strategy.goal_move",
        by=by,
        region=goal.strategy.region,
        changes={
            "parent": (
                str(old_parent) if old_parent else None,
                str(parent) if parent else None,
            ),
            "order": (None, position),
        },
    )
    return goal


@transaction.atomic
def goal_delete(*, goal: Goal, by: User | None) -> None:
    """Remove a goal without sub-goals. Its indicator links, targets and interactions
    go with it; activities that served it lose that link."""
    _require_strategy(by, goal.strategy)
    _require_editable(goal.strategy)
    if goal.children.exists():
        raise ValidationError(
            _("“%(goal)s” has sub-goals; move or remove them first.") % {"goal": goal}
        )
    audit.log(
        goal.strategy,
        "strategy.goal_delete",
        by=by,
        changes={"goal": (str(goal), None)},
    )
    goal.delete()


# Goal interactions --------------------------------------------------------------------


@transaction.atomic
def interaction_set(
    *,
    strategy: Strategy,
    by: User | None,
    from_goal: Goal,
    to_goal: Goal,
    score: int,
    justification: str,
    source: str = "",
) -> GoalInteraction:
    """Record (or revise) how progress on `from_goal` affects `to_goal`."""
    _require_strategy(by, strategy)
    _require_editable(strategy)
    interaction = GoalInteraction.objects.filter(
        from_goal=from_goal, to_goal=to_goal
    ).first()
    assessed_by = by if by is not None and by.is_authenticated else None
    if interaction is None:
        interaction = GoalInteraction(
            strategy=strategy,
            from_goal=from_goal,
            to_goal=to_goal,
            score=score,
            justification=justification,
            source=source,
            assessed_by=assessed_by,
        )
        interaction.full_clean()
        interaction.save()
        audit.log(
            interaction,
            "strategy.interaction_set",
            by=by,
            changes={
                "score": (None, score),
                "justification": (None, justification),
                "source": (None, source or None),
            },
        )
        return interaction
    interaction, changes = audit.model_update(
        instance=interaction,
        fields=("score", "justification", "source", "assessed_by"),
        data={
            "score": score,
            "justification": justification,
            "source": source,
            "assessed_by": assessed_by,
        },
    )
    if changes:
        audit.log(interaction, "strategy.interaction_set", by=by, changes=changes)
    return interaction


@transaction.atomic
def interaction_remove(*, interaction: GoalInteraction, by: User | None) -> None:
    _require_strategy(by, interaction.strategy)
    _require_editable(interaction.strategy)
    audit.log(
        interaction.strategy,
        "strategy.interaction_remove",
        by=by,
        changes={"interaction": (str(interaction), None)},
    )
    interaction.delete()


# Indicators, baselines and targets ----------------------------------------------------


@transaction.atomic
def indicator_create(
    *, region: Region, by: User | None, data: Mapping[str, Any]
) -> Indicator:
    if by is not None:
        require(policies.can_edit_strategy(by, region))
    indicator = Indicator(region=region, **audit.pick(data, INDICATOR_FIELDS))
    indicator.full_clean()
    indicator.save()
    audit.log(
        indicator,
        "strategy.indicator_create",
        by=by,
        changes=audit.created_changes(indicator, INDICATOR_FIELDS),
    )
    return indicator


@transaction.atomic
def indicator_update(
    *, indicator: Indicator, by: User | None, data: Mapping[str, Any]
) -> Indicator:
    if by is not None:
        require(policies.can_change_indicator(by, indicator))
    indicator, changes = audit.model_update(
        instance=indicator,
        fields=INDICATOR_FIELDS,
        data=audit.pick(data, INDICATOR_FIELDS),
    )
    if changes:
        audit.log(indicator, "strategy.indicator_update", by=by, changes=changes)
    return indicator


@transaction.atomic
def goal_indicator_add(
    *,
    goal: Goal,
    indicator: Indicator,
    by: User | None,
    data: Mapping[str, Any] | None = None,
) -> GoalIndicator:
    """Let `indicator` measure `goal`, with an optional baseline (value and year)."""
    _require_strategy(by, goal.strategy)
    _require_editable(goal.strategy)
    values = audit.pick(data or {}, GOAL_INDICATOR_FIELDS)
    values.setdefault("order", goal.goal_indicators.count())
    link = GoalIndicator(goal=goal, indicator=indicator, **values)
    link.full_clean()
    link.save()
    audit.log(
        goal,
        "strategy.goal_indicator_add",
        by=by,
        region=goal.region,
        changes={
            "indicator": (None, str(indicator)),
            **audit.created_changes(link, ("baseline_value", "baseline_year")),
        },
    )
    return link


@transaction.atomic
def goal_indicator_update(
    *, link: GoalIndicator, by: User | None, data: Mapping[str, Any]
) -> GoalIndicator:
    _require_strategy(by, link.goal.strategy)
    _require_editable(link.goal.strategy)
    link, changes = audit.model_update(
        instance=link,
        fields=GOAL_INDICATOR_FIELDS,
        data=audit.pick(data, GOAL_INDICATOR_FIELDS),
    )
    if changes:
        audit.log(
            link.goal,
            "strategy.goal_indicator_update",
            by=by,
            region=link.goal.region,
            changes={
                "indicator": (str(link.indicator), str(link.indicator)),
                **changes,
            },
        )
    return link


@transaction.atomic
def goal_indicator_remove(*, link: GoalIndicator, by: User | None) -> None:
    _require_strategy(by, link.goal.strategy)
    _require_editable(link.goal.strategy)
    audit.log(
        link.goal,
        "strategy.goal_indicator_remove",
        by=by,
        region=link.goal.region,
        changes={"indicator": (str(link.indicator), None)},
    )
    link.delete()


@transaction.atomic
def target_set(
    *,
    link: GoalIndicator,
    by: User | None,
    year: int,
    value: Decimal,
    reason: str = "",
) -> IndicatorTarget:
    """Set the target for `year`. A revised target supersedes the current one, which is
    kept with the time it was superseded; the year must lie in the strategy's period."""
    strategy = link.goal.strategy
    _require_strategy(by, strategy)
    _require_editable(strategy)
    if not strategy.start_year <= year <= strategy.end_year:
        raise ValidationError(
            {
                "year": _(
                    "%(year)s is outside the strategy's period %(start)s–%(end)s."
                )
                % {"year": year, "start": strategy.start_year, "end": strategy.end_year}
            }
        )
    current = link.targets.filter(year=year, superseded_at__isnull=True).first()
    if current is not None and current.value == Decimal(value):
        return current
    if current is not None:
        current.superseded_at = timezone.now()
        current.save(update_fields=["superseded_at", "updated_at"])
    target = IndicatorTarget(
        goal_indicator=link,
        year=year,
        value=value,
        reason=reason,
        set_by=by if by is not None and by.is_authenticated else None,
    )
    target.full_clean()
    target.save()
    audit.log(
        link.goal,
        "strategy.target_set",
        by=by,
        region=link.goal.region,
        changes={
            "indicator": (str(link.indicator), str(link.indicator)),
            f"target {year}": (current.value if current else None, target.value),
            **({"reason": (None, reason)} if reason else {}),
        },
    )
    return target


# Observations -------------------------------------------------------------------------


@dataclass(frozen=True)
class ObservationRow:
    """One value to write, with its area given by level and national code."""

    year: int
    value: Decimal
    area_level: str
    country_code: str
    area_code: str = ""
    period: str = ""
    sex: str = Sex.TOTAL
    age_group: str = ""
    note: str = ""


class AreaResolver:
    """Maps (level, country, national code) to geo rows, reading each table once."""

    def __init__(self) -> None:
        self._countries = {c.code: c for c in Country.objects.all()}
        self._counties: dict[tuple[str, str], County] | None = None
        self._municipalities: dict[tuple[str, str], Municipality] | None = None

    def country(self, code: str) -> Country | None:
        return self._countries.get(code)

    def county(self, country: str, code: str) -> County | None:
        if self._counties is None:
            self._counties = {
                (c.country.code, c.code): c
                for c in County.objects.select_related("country")
            }
        return self._counties.get((country, code))

    def municipality(self, country: str, code: str) -> Municipality | None:
        if self._municipalities is None:
            self._municipalities = {
                (m.country.code, m.code): m
                for m in Municipality.objects.select_related("country")
            }
        return self._municipalities.get((country, code))


def _observation_for(
    indicator: Indicator, row: ObservationRow, areas: AreaResolver, line: int | None
) -> Observation:
    where = _(" (row %(row)s)") % {"row": line} if line is not None else ""
    country = areas.country(row.country_code)
    if country is None:
        raise ValidationError(
            {
                "area": _("Unknown country code “%(code)s”%(where)s.")
                % {"code": row.country_code, "where": where}
            }
        )
    county = municipality = None
    if row.area_level == GeographyLevel.COUNTY:
        county = areas.county(row.country_code, row.area_code)
        if county is None:
            raise ValidationError(
                {
                    "area": _(
                        "Unknown region code “%(code)s” for %(country)s%(where)s."
                    )
                    % {"code": row.area_code, "country": country, "where": where}
                }
            )
    elif row.area_level == GeographyLevel.MUNICIPALITY:
        municipality = areas.municipality(row.country_code, row.area_code)
        if municipality is None:
            raise ValidationError(
                {
                    "area": _(
                        "Unknown municipality code “%(code)s” for %(country)s%(where)s."
                    )
                    % {"code": row.area_code, "country": country, "where": where}
                }
            )
        county = municipality.county
    obs = Observation(
        indicator=indicator,
        year=row.year,
        period=row.period,
        area_level=row.area_level,
        country=country,
        county=county,
        municipality=municipality,
        sex=row.sex,
        age_group=row.age_group,
        value=row.value,
        note=row.note,
    )
    obs.area_code = obs.compute_area_code()
    return obs


@transaction.atomic
def observations_write(
    *,
    indicator: Indicator,
    by: User | None,
    rows: Sequence[ObservationRow],
    statistics_import: StatisticsImport | None = None,
    is_demo: bool = False,
) -> dict[str, int]:
    """Write values into the indicator's time series, all or nothing.

    A value for a period, area and group that is already there is replaced (statistics
    offices revise their figures); earlier values that the rows do not name are kept.
    Any unknown area refuses the whole batch, naming the row. Returns counts of
    ``created``, ``updated`` and ``unchanged`` values.
    """
    if by is not None:
        require(policies.can_change_indicator(by, indicator))
    areas = AreaResolver()
    wanted = [
        _observation_for(indicator, row, areas, index + 1 if len(rows) > 1 else None)
        for index, row in enumerate(rows)
    ]
    existing = {
        (o.year, o.period, o.area_code, o.sex, o.age_group): o
        for o in indicator.observations.all()
    }
    created: list[Observation] = []
    updated: list[Observation] = []
    unchanged = 0
    for obs in wanted:
        key = (obs.year, obs.period, obs.area_code, obs.sex, obs.age_group)
        old = existing.get(key)
        if old is None:
            obs.region_id = indicator.region_id
            obs.is_demo = is_demo
            obs.imported_by = statistics_import
            created.append(obs)
            existing[key] = obs
        elif old.value != obs.value or old.is_demo != is_demo:
            old.value = obs.value
            old.is_demo = is_demo
            old.imported_by = statistics_import or old.imported_by
            old.note = obs.note or old.note
            updated.append(old)
        else:
            unchanged += 1
    Observation.objects.bulk_create(created, batch_size=500)
    if updated:
        now = timezone.now()
        for obs in updated:
            obs.updated_at = now
        Observation.objects.bulk_update(
            updated,
            ["value", "is_demo", "imported_by", "note", "updated_at"],
            batch_size=500,
        )
    counts = {"created": len(created), "updated": len(updated), "unchanged": unchanged}
    if created or updated:
        audit.log(
            indicator,
            "strategy.observations_write",
            by=by,
            changes={
                "observations": (None, counts),
                **(
                    {"import": (None, statistics_import.pk)}
                    if statistics_import
                    else {}
                ),
            },
        )
    return counts


@transaction.atomic
def observation_delete(*, observation: Observation, by: User | None) -> None:
    """Remove one value entered by mistake."""
    indicator = observation.indicator
    if by is not None:
        require(policies.can_change_indicator(by, indicator))
    audit.log(
        indicator,
        "strategy.observation_delete",
        by=by,
        changes={"observation": (str(observation), None)},
    )
    observation.delete()
