"""Who may do what with regions, users and roles.

Roles are held per region (`RoleAssignment`). A user's roles are read once per request
and kept on the user object, so predicates cost no further queries.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet

from samverka.accounts.choices import RoleCode
from samverka.accounts.models import RoleAssignment, User
from samverka.core.models import Region

_CACHE_ATTR = "_samverka_roles"
STAFF_ROLES = frozenset(RoleCode.values)


def roles_by_region(user: Any) -> dict[int, frozenset[str]]:
    """Map region id to the role codes that `user` holds there (empty when anonymous)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return {}
    cached: dict[int, frozenset[str]] | None = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        found: dict[int, set[str]] = {}
        for region_id, role in RoleAssignment.objects.filter(
            user=user, region__is_active=True
        ).values_list("region_id", "role"):
            found.setdefault(region_id, set()).add(role)
        cached = {rid: frozenset(roles) for rid, roles in found.items()}
        setattr(user, _CACHE_ATTR, cached)
    return cached


def forget_roles(user: Any) -> None:
    """Drop the per-request role cache after roles change."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def has_role(
    user: Any, region: Region | None, roles: Iterable[str] = STAFF_ROLES
) -> bool:
    """True when `user` holds one of `roles` in `region`."""
    if region is None:
        return False
    return bool(roles_by_region(user).get(region.pk, frozenset()) & frozenset(roles))


def is_staff_member(user: Any) -> bool:
    """Staff are users who hold at least one role in at least one region."""
    return bool(roles_by_region(user))


def regions_visible_to(user: Any) -> QuerySet[Region]:
    """Regions whose staff pages `user` may open: those where the user holds a role."""
    return Region.objects.active().filter(pk__in=list(roles_by_region(user)))


def regions_administered_by(user: Any) -> QuerySet[Region]:
    """Regions whose settings and history `user` may see: region administrator there."""
    ids = [
        rid
        for rid, roles in roles_by_region(user).items()
        if RoleCode.REGION_ADMIN in roles
    ]
    return Region.objects.filter(pk__in=ids)


def role_assignments_visible_to(user: Any) -> QuerySet[RoleAssignment]:
    """Role assignments of the regions that `user` administers."""
    return RoleAssignment.objects.filter(
        region__in=regions_administered_by(user)
    ).select_related("user", "region")


def can_view_region_staff_pages(user: Any, region: Region) -> bool:
    """Any staff role in the region opens its dashboard."""
    return has_role(user, region)


def can_manage_roles(user: Any, region: Region) -> bool:
    """Only a region administrator assigns and revokes roles in that region."""
    return has_role(user, region, {RoleCode.REGION_ADMIN})


def can_update_region(user: Any, region: Region) -> bool:
    """Only a region administrator changes the region's contact details and settings."""
    return has_role(user, region, {RoleCode.REGION_ADMIN})


def can_view_region_audit_log(user: Any, region: Region) -> bool:
    """The region's whole stream of changes is for its region administrators."""
    return has_role(user, region, {RoleCode.REGION_ADMIN})


def can_view_history(user: Any, region: Region) -> bool:
    """Any staff member of the region may open the history of an object they can see."""
    return has_role(user, region)


def can_use_admin(user: User) -> bool:
    """The Django admin is for platform administrators (superusers) only."""
    return bool(user.is_active and user.is_superuser)
