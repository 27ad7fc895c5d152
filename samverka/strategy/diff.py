"""What changed between two versions of a strategy.

A new version starts as a copy whose goals remember the goal they were copied from
(`Goal.copied_from`). Following that link, possibly across versions in between, pairs
each goal of the newer version with its goal in the older one: paired goals are
compared field by field, the rest were added (only in the newer) or removed (only in
the older).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils.text import capfirst, format_lazy

from samverka.strategy.models import Goal, Strategy
from samverka.strategy.selectors import flatten, goal_queryset, goal_tree


@dataclass(frozen=True)
class Change:
    """One field: its label and the old and new values as text."""

    label: Any
    old: str
    new: str


@dataclass
class GoalChange:
    old: Goal
    new: Goal
    changes: list[Change]


@dataclass
class VersionDiff:
    old: Strategy
    new: Strategy
    fields: list[Change] = field(default_factory=list)
    added: list[Goal] = field(default_factory=list)
    removed: list[Goal] = field(default_factory=list)
    changed: list[GoalChange] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.fields or self.added or self.removed or self.changed)


def _label(model: type[Any], name: str) -> Any:
    return capfirst(model._meta.get_field(name).verbose_name)


def _translation_changes(model: type[Any], old: Any, new: Any) -> list[Change]:
    changes = []
    names = dict(settings.LANGUAGES)
    for code, _name in settings.LANGUAGES:
        for name in model.translatable_fields:
            before = (old.translations or {}).get(code, {}).get(name, "")
            after = (new.translations or {}).get(code, {}).get(name, "")
            if before != after:
                changes.append(
                    Change(
                        format_lazy("{} ({})", _label(model, name), names[code]),
                        before,
                        after,
                    )
                )
    return changes


def _compare(
    model: type[Any],
    old: Any,
    new: Any,
    fields: Iterable[str],
    extra: Iterable[tuple[Any, Callable[[Any], str]]] = (),
) -> list[Change]:
    changes = []
    for name in fields:
        display = getattr(old, f"get_{name}_display", None)
        if display is not None:
            before, after = str(display()), str(getattr(new, f"get_{name}_display")())
        else:
            before = str(getattr(old, name) or "")
            after = str(getattr(new, name) or "")
        if before != after:
            changes.append(Change(_label(model, name), before, after))
    for label, text in extra:
        before, after = text(old), text(new)
        if before != after:
            changes.append(Change(label, before, after))
    changes.extend(_translation_changes(model, old, new))
    return changes


def _serves(strategy: Strategy) -> str:
    return ", ".join(sorted(str(s) for s in strategy.serves.all()))


def _sdg_goals(goal: Goal) -> str:
    return ", ".join(str(g.number) for g in goal.sdg_goals.all())


def _sdg_targets(goal: Goal) -> str:
    return ", ".join(t.code for t in goal.sdg_targets.all())


def _chain_between(old: Strategy, new: Strategy) -> list[Strategy]:
    """The versions from `new` back to `old` (both included); empty when `old` is not
    an earlier version of `new`."""
    chain = [new]
    node = new
    while node.previous_version_id is not None and node.pk != old.pk:
        node = Strategy.objects.get(pk=node.previous_version_id)
        chain.append(node)
    return chain if node.pk == old.pk else []


def goal_pairs(
    chain: list[Strategy], old_goals: Iterable[Goal], new_goals: Iterable[Goal]
) -> dict[int, Goal]:
    """Pair each goal of the newest version in `chain` (newest first, as
    `versions_between` gives it) with the goal of the oldest that it was copied from,
    directly or through the versions in between (one query). Each old goal pairs with
    at most one new goal; unpaired new goals were added, unpaired old ones removed."""
    copied_from = dict(
        Goal.objects.filter(strategy__in=chain).values_list("pk", "copied_from_id")
    )
    old_by_pk = {g.pk: g for g in old_goals}

    def origin(goal: Goal) -> Goal | None:
        pk: int | None = goal.copied_from_id
        seen: set[int] = set()
        while pk is not None and pk not in old_by_pk and pk not in seen:
            seen.add(pk)
            pk = copied_from.get(pk)
        return old_by_pk.get(pk) if pk is not None else None

    pairs: dict[int, Goal] = {}  # new goal pk → old goal
    matched_old: set[int] = set()
    for goal in new_goals:
        match = origin(goal)
        if match is not None and match.pk not in matched_old:
            pairs[goal.pk] = match
            matched_old.add(match.pk)
    return pairs


def versions_between(old: Strategy, new: Strategy) -> list[Strategy]:
    """The versions from `new` back to `old`; empty when they are not one strategy."""
    return _chain_between(old, new)


def order_versions(a: Strategy, b: Strategy) -> tuple[Strategy, Strategy] | None:
    """(older, newer) when `a` and `b` are versions of one strategy, else None."""
    if a.pk == b.pk:
        return None
    if _chain_between(a, b):
        return a, b
    if _chain_between(b, a):
        return b, a
    return None


def compare_versions(old: Strategy, new: Strategy) -> VersionDiff:
    """Compare `old` with the later version `new` of the same strategy."""
    chain = _chain_between(old, new)
    if not chain:
        raise ValueError("The strategies are not versions of one another.")
    diff = VersionDiff(old=old, new=new)
    diff.fields = _compare(
        Strategy,
        old,
        new,
        ("title", "short_name", "summary", "level", "owner", "decision_reference"),
        extra=[
            (_label(Strategy, "start_year"), lambda s: str(s.start_year)),
            (_label(Strategy, "end_year"), lambda s: str(s.end_year)),
            (_label(Strategy, "serves"), _serves),
        ],
    )

    old_goals = [n.goal for n in flatten(goal_tree(old, goal_queryset(old)))]
    new_goals = [n.goal for n in flatten(goal_tree(new, goal_queryset(new)))]
    pairs = goal_pairs(chain, old_goals, new_goals)
    old_by_pk = {g.pk: g for g in old_goals}
    matched_old = {g.pk for g in pairs.values()}
    old_to_new = {old_goal.pk: new_pk for new_pk, old_goal in pairs.items()}

    def parent_text(goal: Goal, goals: dict[int, Goal]) -> str:
        parent = goals.get(goal.parent_id) if goal.parent_id else None
        return str(parent) if parent is not None else ""

    new_by_pk = {g.pk: g for g in new_goals}
    for goal in new_goals:
        match = pairs.get(goal.pk)
        if match is None:
            diff.added.append(goal)
            continue
        changes = _compare(
            Goal,
            match,
            goal,
            ("kind", "code", "title", "description"),
            extra=[
                (_label(Goal, "sdg_goals"), _sdg_goals),
                (_label(Goal, "sdg_targets"), _sdg_targets),
            ],
        )
        # The parent has moved when the new parent is not the old parent's twin.
        moved = (old_to_new.get(match.parent_id) if match.parent_id else None) != (
            goal.parent_id
        )
        if moved:
            changes.insert(
                0,
                Change(
                    _label(Goal, "parent"),
                    parent_text(match, old_by_pk),
                    parent_text(goal, new_by_pk),
                ),
            )
        if changes:
            diff.changed.append(GoalChange(old=match, new=goal, changes=changes))
    diff.removed = [g for g in old_goals if g.pk not in matched_old]
    return diff
