"""Who may see and change funds and calls.

The public reads published and archived calls, and the region's funds that calls use.
Staff of a region read everything of it. Funds are kept by the region administrators
and the funding office (funding advisors); calls by region administrators and case
officers, who write the call texts.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from samverka.accounts.choices import RoleCode
from samverka.accounts.policies import has_role, roles_by_region
from samverka.core.models import Region
from samverka.funding.choices import CallStatus
from samverka.funding.models import Call, Fund

FUND_ROLES = frozenset({RoleCode.REGION_ADMIN, RoleCode.FUNDING_ADVISOR})
CALL_ROLES = frozenset({RoleCode.REGION_ADMIN, RoleCode.OFFICER})


def can_view_funding_staff(user: Any, region: Region | None) -> bool:
    return has_role(user, region)


def can_edit_funds(user: Any, region: Region | None) -> bool:
    return has_role(user, region, FUND_ROLES)


def can_change_fund(user: Any, fund: Fund) -> bool:
    return bool(roles_by_region(user).get(fund.region_id, frozenset()) & FUND_ROLES)


def can_edit_delegation(user: Any, region: Region | None) -> bool:
    """Delegation limits are the region administrators' (STYLE: `region_admin` keeps
    the delegation order)."""
    return has_role(user, region, {RoleCode.REGION_ADMIN})


def can_edit_calls(user: Any, region: Region | None) -> bool:
    return has_role(user, region, CALL_ROLES)


def can_change_call(user: Any, call: Call) -> bool:
    return bool(roles_by_region(user).get(call.region_id, frozenset()) & CALL_ROLES)


def calls_public() -> QuerySet[Call]:
    return Call.objects.public()


def calls_visible_to(user: Any) -> QuerySet[Call]:
    staff_regions = list(roles_by_region(user))
    return Call.objects.filter(
        Q(
            status__in=[CallStatus.PUBLISHED, CallStatus.ARCHIVED],
            region__is_active=True,
        )
        | Q(region_id__in=staff_regions)
    )


def funds_visible_to(user: Any) -> QuerySet[Fund]:
    """Staff see their regions' funds; others the active funds of public calls."""
    staff_regions = list(roles_by_region(user))
    return Fund.objects.filter(
        Q(region_id__in=staff_regions) | Q(is_active=True, calls__in=calls_public())
    ).distinct()
