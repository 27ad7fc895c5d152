"""Who may see and change action plans and activities.

The public reads adopted and archived plans; staff of a region read its drafts; the
region's strategists and administrators change them (the same roles as the strategy).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from samverka.accounts.policies import has_role, roles_by_region
from samverka.core.models import Region
from samverka.plans.choices import PlanStatus
from samverka.plans.models import ActionPlan, Activity
from samverka.strategy.policies import STRATEGY_ROLES


def can_edit_plans(user: Any, region: Region | None) -> bool:
    return has_role(user, region, STRATEGY_ROLES)


def can_change_plan(user: Any, plan: ActionPlan) -> bool:
    return bool(roles_by_region(user).get(plan.region_id, frozenset()) & STRATEGY_ROLES)


def plans_public() -> QuerySet[ActionPlan]:
    return ActionPlan.objects.filter(
        status__in=[PlanStatus.ADOPTED, PlanStatus.ARCHIVED], region__is_active=True
    )


def plans_visible_to(user: Any) -> QuerySet[ActionPlan]:
    staff_regions = list(roles_by_region(user))
    return ActionPlan.objects.filter(
        Q(status__in=[PlanStatus.ADOPTED, PlanStatus.ARCHIVED], region__is_active=True)
        | Q(region_id__in=staff_regions)
    )


def activities_visible_to(user: Any) -> QuerySet[Activity]:
    return Activity.objects.filter(action_plan__in=plans_visible_to(user))


def can_view_plans_staff(user: Any, region: Region | None) -> bool:
    return has_role(user, region)
