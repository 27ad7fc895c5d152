"""Who may see and change strategies, goals, indicators and goal interactions.

Everyone (also the public) reads adopted and superseded strategies. Staff of a region
read its drafts too. Strategists and region administrators change them. Strategies
above the regions (global, EU, national) are kept by platform administrators.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from samverka.accounts.choices import RoleCode
from samverka.accounts.policies import has_role, roles_by_region
from samverka.core.models import Region
from samverka.strategy.choices import StrategyStatus
from samverka.strategy.models import GoalIndicator, Indicator, Observation, Strategy

#: Staff roles that keep a region's strategy, indicators and action plans.
STRATEGY_ROLES = frozenset({RoleCode.STRATEGIST, RoleCode.REGION_ADMIN})


def _is_platform_admin(user: Any) -> bool:
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and user.is_superuser
    )


def can_view_strategy_staff(user: Any, region: Region | None) -> bool:
    """Any staff role in the region opens the strategy pages (read only)."""
    return has_role(user, region)


def can_edit_strategy(user: Any, region: Region | None) -> bool:
    """Strategists and region administrators keep the region's strategies; platform
    administrators keep the strategies above the regions."""
    if region is None:
        return _is_platform_admin(user)
    return has_role(user, region, STRATEGY_ROLES)


def can_change_strategy(user: Any, strategy: Strategy) -> bool:
    if strategy.region_id is None:
        return _is_platform_admin(user)
    return bool(
        roles_by_region(user).get(strategy.region_id, frozenset()) & STRATEGY_ROLES
    )


def can_change_indicator(user: Any, indicator: Indicator) -> bool:
    return bool(
        roles_by_region(user).get(indicator.region_id, frozenset()) & STRATEGY_ROLES
    )


def strategies_visible_to(user: Any) -> QuerySet[Strategy]:
    """Published strategies for everyone, plus the drafts of regions where `user` has a
    role (all drafts for a platform administrator)."""
    published = Q(status__in=[StrategyStatus.ADOPTED, StrategyStatus.SUPERSEDED])
    if _is_platform_admin(user):
        return Strategy.objects.all()
    staff_regions = list(roles_by_region(user))
    return Strategy.objects.filter(
        (published & (Q(region__isnull=True) | Q(region__is_active=True)))
        | Q(region_id__in=staff_regions)
    )


def strategies_public() -> QuerySet[Strategy]:
    return Strategy.objects.filter(
        Q(status__in=[StrategyStatus.ADOPTED, StrategyStatus.SUPERSEDED])
        & (Q(region__isnull=True) | Q(region__is_active=True))
    )


def published_indicator_ids() -> QuerySet[Any]:
    """Ids of indicators that a goal of a published strategy of an active region uses."""
    return GoalIndicator.objects.filter(
        goal__strategy__status__in=[StrategyStatus.ADOPTED, StrategyStatus.SUPERSEDED],
        region__is_active=True,
    ).values("indicator_id")


def indicators_visible_to(user: Any) -> QuerySet[Indicator]:
    """Indicators are public facts once a published goal uses them; staff of a region
    see all of the region's indicators. (A semi-join, not a join: no duplicates.)"""
    staff_regions = list(roles_by_region(user))
    return Indicator.objects.filter(
        Q(region_id__in=staff_regions) | Q(pk__in=published_indicator_ids())
    )


def observations_visible_to(user: Any) -> QuerySet[Observation]:
    """The values of the indicators `user` may see, filtered on the observation's own
    region where it can be, so that a large series needs no join to decide."""
    staff_regions = list(roles_by_region(user))
    return Observation.objects.filter(
        Q(region_id__in=staff_regions) | Q(indicator_id__in=published_indicator_ids())
    )
