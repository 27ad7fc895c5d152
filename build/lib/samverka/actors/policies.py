"""Who may see and change organisations, contacts, networks and memberships.

Staff act through the roles they hold per region (`accounts.policies.has_role`);
applicants act through their memberships of organisations.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from samverka.accounts.choices import RoleCode
from samverka.accounts.policies import has_role, roles_by_region
from samverka.actors.choices import MembershipRole
from samverka.actors.models import Membership, Network, Organisation
from samverka.core.models import Region

#: Staff roles that keep a region's actor registry.
REGISTRY_ROLES = frozenset(
    {
        RoleCode.OFFICER,
        RoleCode.REGISTRAR,
        RoleCode.FUNDING_ADVISOR,
        RoleCode.REGION_ADMIN,
    }
)
#: Staff roles that convene and keep a region's networks.
NETWORK_ROLES = frozenset(
    {
        RoleCode.OFFICER,
        RoleCode.FUNDING_ADVISOR,
        RoleCode.STRATEGIST,
        RoleCode.REGION_ADMIN,
    }
)


def _is_active_user(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def _has_role_in(user: Any, region_id: int | None, roles: frozenset[str]) -> bool:
    # By id, so that checking an object's region costs no query for the region itself.
    return bool(roles_by_region(user).get(region_id or 0, frozenset()) & roles)


def is_registry_staff(user: Any, region: Region | None) -> bool:
    """The user keeps the region's actor registry: officer, registrar, funding advisor
    or region administrator there."""
    return has_role(user, region, REGISTRY_ROLES)


def organisations_visible_to(user: Any) -> QuerySet[Organisation]:
    """Organisations that `user` may see.

    - Staff with any role in a region see every organisation of that region.
    - A member sees the organisations they belong to (in active regions).
    - Everybody else sees none.
    """
    if not _is_active_user(user):
        return Organisation.objects.none()
    staff_regions = list(roles_by_region(user))
    member_of = Membership.objects.filter(user=user).values("organisation_id")
    return Organisation.objects.filter(
        Q(region_id__in=staff_regions) | Q(pk__in=member_of, region__is_active=True)
    )


def organisations_member_of(user: Any) -> QuerySet[Organisation]:
    """The organisations that `user` acts for (holds a membership of), in active regions."""
    if not _is_active_user(user):
        return Organisation.objects.none()
    return Organisation.objects.filter(
        pk__in=Membership.objects.filter(user=user).values("organisation_id"),
        region__is_active=True,
    )


def memberships_visible_to(user: Any) -> QuerySet[Membership]:
    """Memberships of the organisations that `user` may see."""
    return Membership.objects.filter(organisation__in=organisations_visible_to(user))


def _membership_role(user: Any, organisation: Organisation) -> str | None:
    if not _is_active_user(user) or organisation.pk is None:
        return None
    return (
        Membership.objects.filter(user=user, organisation=organisation)
        .values_list("role", flat=True)
        .first()
    )


def can_view_organisations(user: Any, region: Region) -> bool:
    """Any staff role in the region opens its actor registry."""
    return has_role(user, region)


def has_memberships(user: Any) -> bool:
    """The user acts for at least one organisation."""
    return organisations_member_of(user).exists()


def can_create_organisation(user: Any, region: Region) -> bool:
    """Register an organisation in `region`'s actor registry.

    - Registry staff (officer, registrar, funding advisor, region administrator) of the region.
    - Any logged-in user, for an organisation they act for; they become its
      administrator member.
    The region must be active.
    """
    return _is_active_user(user) and region.is_active


def can_change_organisation(user: Any, organisation: Organisation) -> bool:
    """Change an organisation's profile and contact people.

    - Registry staff (officer, registrar, funding advisor, region administrator) of
      the organisation's region.
    - The organisation's administrator members.
    """
    if _has_role_in(user, organisation.region_id, REGISTRY_ROLES):
        return True
    return _membership_role(user, organisation) == MembershipRole.ADMIN


def can_manage_members(user: Any, organisation: Organisation) -> bool:
    """Add and remove the users who act for an organisation.

    - The organisation's administrator members.
    - The region administrator of the organisation's region.
    """
    if _has_role_in(user, organisation.region_id, frozenset({RoleCode.REGION_ADMIN})):
        return True
    return _membership_role(user, organisation) == MembershipRole.ADMIN


def networks_visible_to(user: Any) -> QuerySet[Network]:
    """Networks that `user` may see: staff with any role in the network's region."""
    if not _is_active_user(user):
        return Network.objects.none()
    return Network.objects.filter(region_id__in=list(roles_by_region(user)))


def can_view_networks(user: Any, region: Region) -> bool:
    """Any staff role in the region opens its list of networks."""
    return has_role(user, region)


def can_create_network(user: Any, region: Region) -> bool:
    """Start a network in `region`: officer, funding advisor, strategist or region
    administrator there."""
    return has_role(user, region, NETWORK_ROLES)


def can_change_network(user: Any, network: Network) -> bool:
    """Change a network and its members: officer, funding advisor, strategist or region
    administrator of the network's region."""
    return _has_role_in(user, network.region_id, NETWORK_ROLES)
