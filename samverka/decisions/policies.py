"""Who may decide, record committee decisions and prepare meetings.

Decisions are taken by decision makers (heads of unit by delegation) and by case
officers where the delegation order gives them a limit (`delegation`). A committee's
decision is recorded by a decision maker acting as its secretary. Case officers,
decision makers and region administrators prepare meetings and follow conditions.
Everyone who reads a region's applications reads its decisions.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from samverka.accounts.choices import RoleCode
from samverka.accounts.policies import roles_by_region
from samverka.applications.models import Application
from samverka.applications.policies import reading_regions
from samverka.decisions.models import Decision, Meeting

DECIDER_ROLES = frozenset({RoleCode.DECISION_MAKER, RoleCode.OFFICER})
MEETING_ROLES = frozenset(
    {RoleCode.OFFICER, RoleCode.DECISION_MAKER, RoleCode.REGION_ADMIN}
)


def _roles(user: Any, region_id: int | None) -> frozenset[str]:
    return roles_by_region(user).get(region_id or 0, frozenset())


def can_decide(user: Any, application: Application) -> bool:
    return bool(_roles(user, application.region_id) & DECIDER_ROLES)


def can_record_committee_decision(user: Any, region: Any) -> bool:
    return region is not None and RoleCode.DECISION_MAKER in _roles(user, region.pk)


def can_manage_meetings(user: Any, region: Any) -> bool:
    return region is not None and bool(_roles(user, region.pk) & MEETING_ROLES)


def can_follow_conditions(user: Any, region: Any) -> bool:
    return region is not None and bool(_roles(user, region.pk) & MEETING_ROLES)


def can_view_decisions(user: Any, region: Any) -> bool:
    return region is not None and region.pk in reading_regions(user)


def decisions_visible_to(user: Any) -> QuerySet[Decision]:
    return Decision.objects.filter(region_id__in=reading_regions(user))


def meetings_visible_to(user: Any) -> QuerySet[Meeting]:
    return Meeting.objects.filter(region_id__in=reading_regions(user))
