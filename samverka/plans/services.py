"""Writes to action plans, their activities and the activities' links to goals.

`by=None` is the system itself (demo loader, commands, imports): it skips the policy
check only. Activity writes are logged against the activity and its plan's history
shows them through the plan's region entries.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from samverka.accounts.models import User
from samverka.actors.models import Organisation
from samverka.core import audit
from samverka.core.errors import bump_revision, check_revision, require
from samverka.core.models import Region
from samverka.plans import policies
from samverka.plans.choices import PlanStatus, Relevance
from samverka.plans.models import ActionPlan, Activity, ActivityGoal
from samverka.strategy.models import Goal

PLAN_FIELDS = (
    "strategy",
    "title",
    "summary",
    "theme",
    "kind",
    "start_year",
    "end_year",
    "owner",
    "decision_reference",
    "translations",
)
ACTIVITY_FIELDS = (
    "code",
    "title",
    "description",
    "responsible",
    "start_date",
    "end_date",
    "status",
    "stage",
    "estimated_budget",
    "funding_types",
    "funding_note",
    "translations",
)


def _require_plan(by: User | None, plan: ActionPlan) -> None:
    if by is not None:
        require(policies.can_change_plan(by, plan))


# Action plans -------------------------------------------------------------------------


@transaction.atomic
def action_plan_create(
    *, region: Region, by: User | None, data: Mapping[str, Any]
) -> ActionPlan:
    """Start an action plan as a draft (strategist or region administrator)."""
    if by is not None:
        require(policies.can_edit_plans(by, region))
    plan = ActionPlan(
        region=region, status=PlanStatus.DRAFT, **audit.pick(data, PLAN_FIELDS)
    )
    plan.full_clean()
    plan.save()
    audit.log(
        plan,
        "plans.plan_create",
        by=by,
        changes=audit.created_changes(plan, PLAN_FIELDS),
    )
    return plan


@transaction.atomic
def action_plan_update(
    *,
    plan: ActionPlan,
    by: User | None,
    data: Mapping[str, Any],
    revision: int | None = None,
) -> ActionPlan:
    _require_plan(by, plan)
    check_revision(plan, revision)
    plan, changes = audit.model_update(
        instance=plan, fields=PLAN_FIELDS, data=audit.pick(data, PLAN_FIELDS)
    )
    if changes:
        bump_revision(plan)
        audit.log(plan, "plans.plan_update", by=by, changes=changes)
    return plan


@transaction.atomic
def action_plan_adopt(
    *,
    plan: ActionPlan,
    by: User | None,
    adopted_on: datetime.date,
    decision_reference: str = "",
) -> ActionPlan:
    """Record the plan's adoption; it becomes public."""
    _require_plan(by, plan)
    if plan.status != PlanStatus.DRAFT:
        raise ValidationError(_("Only a draft plan can be adopted."))
    plan, changes = audit.model_update(
        instance=plan,
        fields=("status", "adopted_on", "decision_reference"),
        data={
            "status": PlanStatus.ADOPTED,
            "adopted_on": adopted_on,
            "decision_reference": decision_reference or plan.decision_reference,
        },
    )
    bump_revision(plan)
    audit.log(plan, "plans.plan_adopt", by=by, changes=changes)
    return plan


@transaction.atomic
def action_plan_archive(*, plan: ActionPlan, by: User | None) -> ActionPlan:
    """An adopted plan whose period is over stays public, marked as archived."""
    _require_plan(by, plan)
    if plan.status != PlanStatus.ADOPTED:
        raise ValidationError(_("Only an adopted plan can be archived."))
    plan, changes = audit.model_update(
        instance=plan, fields=("status",), data={"status": PlanStatus.ARCHIVED}
    )
    bump_revision(plan)
    audit.log(plan, "plans.plan_archive", by=by, changes=changes)
    return plan


# Activities ---------------------------------------------------------------------------


def _check_partners(
    plan: ActionPlan, partners: Iterable[Organisation]
) -> list[Organisation]:
    partners = list(partners)
    for org in partners:
        if org.region_id != plan.region_id:
            raise ValidationError(
                {
                    "partners": _("“%(organisation)s” belongs to another region.")
                    % {"organisation": org}
                }
            )
    return partners


@transaction.atomic
def activity_create(
    *, plan: ActionPlan, by: User | None, data: Mapping[str, Any]
) -> Activity:
    """Add an activity (or investment object) to a plan, last unless `order` is given.

    `data` holds any of `ACTIVITY_FIELDS` and `partners` (organisations of the region).
    """
    _require_plan(by, plan)
    if "order" in data:
        order = data["order"]
    else:
        top = plan.activities.aggregate(top=Max("order"))["top"]
        order = 0 if top is None else top + 1
    activity = Activity(
        action_plan=plan, order=order, **audit.pick(data, ACTIVITY_FIELDS)
    )
    activity.full_clean()
    activity.save()
    changes = audit.created_changes(activity, ACTIVITY_FIELDS)
    if "partners" in data:
        partners = _check_partners(plan, data["partners"])
        activity.partners.set(partners)
        if partners:
            changes["partners"] = (None, sorted(str(p) for p in partners))
    audit.log(activity, "plans.activity_create", by=by, changes=changes)
    return activity


@transaction.atomic
def activity_update(
    *,
    activity: Activity,
    by: User | None,
    data: Mapping[str, Any],
    revision: int | None = None,
) -> Activity:
    """Change an activity. With `revision`, a save over someone else's newer save is
    refused (code ``stale_edit``) and nothing is written."""
    _require_plan(by, activity.action_plan)
    check_revision(activity, revision)
    values = audit.pick(data, (*ACTIVITY_FIELDS, "partners"))
    if "partners" in values:
        values["partners"] = _check_partners(activity.action_plan, values["partners"])
    activity, changes = audit.model_update(
        instance=activity, fields=(*ACTIVITY_FIELDS, "partners"), data=values
    )
    if changes:
        bump_revision(activity)
        audit.log(activity, "plans.activity_update", by=by, changes=changes)
    return activity


@transaction.atomic
def activity_delete(*, activity: Activity, by: User | None) -> None:
    plan = activity.action_plan
    _require_plan(by, plan)
    audit.log(
        plan,
        "plans.activity_delete",
        by=by,
        changes={"activity": (str(activity), None)},
    )
    activity.delete()


@transaction.atomic
def activity_reorder(*, plan: ActionPlan, by: User | None, order: list[int]) -> None:
    """Put the plan's activities in the order of the ids in `order` (all of them)."""
    _require_plan(by, plan)
    ids = list(plan.activities.values_list("pk", flat=True))
    if sorted(ids) != sorted(order):
        raise ValidationError(_("Give every activity of the plan exactly once."))
    for index, pk in enumerate(order):
        Activity.objects.filter(pk=pk).update(order=index)
    audit.log(plan, "plans.activity_reorder", by=by, changes={"order": (None, order)})


@transaction.atomic
def activity_goal_set(
    *,
    activity: Activity,
    goal: Goal,
    by: User | None,
    weight: int = Relevance.SUBSTANTIAL,
) -> ActivityGoal:
    """Link an activity to a goal it serves, or change the link's relevance."""
    _require_plan(by, activity.action_plan)
    link = ActivityGoal.objects.filter(activity=activity, goal=goal).first()
    if link is None:
        link = ActivityGoal(activity=activity, goal=goal, weight=weight)
        link.full_clean()
        link.save()
        audit.log(
            activity,
            "plans.activity_goal_set",
            by=by,
            changes={
                "goal": (None, str(goal)),
                "relevance": (None, link.get_weight_display()),
            },
        )
        return link
    if link.weight != weight:
        old = link.get_weight_display()
        link.weight = weight
        link.full_clean()
        link.save(update_fields=["weight", "updated_at"])
        audit.log(
            activity,
            "plans.activity_goal_set",
            by=by,
            changes={
                "goal": (str(goal), str(goal)),
                "relevance": (old, link.get_weight_display()),
            },
        )
    return link


@transaction.atomic
def activity_goal_remove(*, link: ActivityGoal, by: User | None) -> None:
    activity = link.activity
    _require_plan(by, activity.action_plan)
    audit.log(
        activity,
        "plans.activity_goal_remove",
        by=by,
        changes={"goal": (str(link.goal), None)},
    )
    link.delete()
