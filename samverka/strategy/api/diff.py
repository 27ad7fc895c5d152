"""Compare two versions of a strategy for the API: its own fields and its goal tree,
keyed by field name with the stored values (the staff page's `strategy.diff` gives
translated labels and display text instead).

Goals are paired across the versions as on the staff page (`strategy.diff.goal_pairs`).
"""

from __future__ import annotations

from typing import Any

from samverka.strategy.diff import goal_pairs, versions_between
from samverka.strategy.models import Goal, Strategy
from samverka.strategy.services import GOAL_FIELDS, STRATEGY_FIELDS


def _goals(strategy: Strategy) -> dict[int, Goal]:
    goals = (
        Goal.objects.filter(strategy=strategy)
        .prefetch_related("sdg_goals", "sdg_targets")
        .order_by("order", "pk")
    )
    return {goal.pk: goal for goal in goals}


def _goal_values(goal: Goal) -> dict[str, Any]:
    values: dict[str, Any] = {name: getattr(goal, name) for name in GOAL_FIELDS}
    values["sdg_goals"] = sorted(g.number for g in goal.sdg_goals.all())
    values["sdg_targets"] = sorted(t.code for t in goal.sdg_targets.all())
    return values


def _summary(goal: Goal) -> dict[str, Any]:
    return {"id": goal.pk, "code": goal.code, "title": goal.title}


def _label(goal: Goal | None) -> str | None:
    return str(goal) if goal is not None else None


def strategy_diff(old: Strategy, new: Strategy) -> dict[str, Any]:
    """What changed from the version `old` to the later version `new`."""
    changes = [
        {"field": name, "old": getattr(old, name), "new": getattr(new, name)}
        for name in STRATEGY_FIELDS
        if getattr(old, name) != getattr(new, name)
    ]
    old_goals, new_goals = _goals(old), _goals(new)
    pairs = goal_pairs(
        versions_between(old, new), old_goals.values(), new_goals.values()
    )
    new_to_old = {new_pk: goal.pk for new_pk, goal in pairs.items()}
    old_to_new = {old_pk: new_pk for new_pk, old_pk in new_to_old.items()}

    changed = []
    for new_pk, goal in new_goals.items():
        old_pk = new_to_old.get(new_pk)
        if old_pk is None:
            continue
        before, after = old_goals[old_pk], goal
        before_values, after_values = _goal_values(before), _goal_values(after)
        goal_changes = [
            {"field": name, "old": value, "new": after_values[name]}
            for name, value in before_values.items()
            if value != after_values[name]
        ]
        # The parent moved when the new parent is not the old parent's successor.
        if old_to_new.get(before.parent_id) != after.parent_id:  # type: ignore[arg-type]
            goal_changes.append(
                {
                    "field": "parent",
                    "old": _label(old_goals.get(before.parent_id or 0)),
                    "new": _label(new_goals.get(after.parent_id or 0)),
                }
            )
        if goal_changes:
            changed.append(
                {
                    "old_id": old_pk,
                    "new_id": new_pk,
                    "code": after.code,
                    "title": after.title,
                    "changes": goal_changes,
                }
            )
    return {
        "old": old.pk,
        "new": new.pk,
        "changes": changes,
        "goals_added": [
            _summary(goal) for pk, goal in new_goals.items() if pk not in new_to_old
        ],
        "goals_removed": [
            _summary(goal) for pk, goal in old_goals.items() if pk not in old_to_new
        ],
        "goals_changed": changed,
    }
