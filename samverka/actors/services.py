"""Writes to the actor registry: organisations, contacts, networks and memberships.

Every service takes the acting user as `by`. `by=None` means the system itself (a
management command or the demo loader): the policy check is skipped in that case
only, and the audit entry has no actor. Everything else about a write (validation,
one transaction, the audit entry) is the same either way.

Contact and membership writes are logged against their organisation, and network
member writes against the network, so that the object's history page tells the whole
story of it.
"""

from __future__ import annotations

import contextlib
import datetime
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samverka.accounts.models import User
from samverka.actors import policies
from samverka.actors.choices import MembershipRole
from samverka.actors.models import (
    ContactPerson,
    Membership,
    Network,
    NetworkMembership,
    Organisation,
)
from samverka.actors.validators import normalise_national_id
from samverka.core import audit
from samverka.core.errors import require
from samverka.core.models import Region

ORGANISATION_FIELDS = (
    "name",
    "type",
    "country",
    "national_id",
    "street_address",
    "postal_code",
    "city",
    "municipality",
    "website",
    "email",
    "phone",
    "description",
)
CONTACT_FIELDS = ("name", "title", "email", "phone", "is_primary")
NETWORK_FIELDS = ("name", "purpose")


def _normalised_national_id(values: dict[str, Any], country: str) -> None:
    # Normalise before comparing, so that 2021005448 and 202100-5448 are no change.
    # An invalid number is left as typed; full_clean() reports it next to the field.
    if values.get("national_id"):
        with contextlib.suppress(ValidationError):
            values["national_id"] = normalise_national_id(
                country, values["national_id"]
            )


def _member_repr(user: User) -> str:
    return f"{user.full_name} <{user.email}>" if user.full_name else user.email


# Organisations ---------------------------------------------------------------------


@transaction.atomic
def organisation_create(
    *, region: Region, by: User | None, data: Mapping[str, Any]
) -> Organisation:
    """Register an organisation in `region`'s actor registry.

    Anyone logged in may register an organisation they act for; unless they keep the
    region's registry as staff, they become its administrator member. The country
    defaults to the region's. `data` holds any of `ORGANISATION_FIELDS`.
    """
    if by is not None:
        require(policies.can_create_organisation(by, region))
    values = audit.pick(data, ORGANISATION_FIELDS)
    values.setdefault("country", region.country)
    organisation = Organisation(region=region, **values)
    organisation.full_clean()
    organisation.save()
    audit.log(
        organisation,
        "actors.organisation_create",
        by=by,
        changes=audit.created_changes(organisation, ORGANISATION_FIELDS),
    )
    if by is not None and not policies.is_registry_staff(by, region):
        _membership_create(
            organisation=organisation, user=by, role=MembershipRole.ADMIN, by=by
        )
    return organisation


@transaction.atomic
def organisation_update(
    *, organisation: Organisation, by: User | None, data: Mapping[str, Any]
) -> Organisation:
    """Change an organisation's profile: registry staff of its region, or its
    administrator members. `data` holds those of `ORGANISATION_FIELDS` to change."""
    if by is not None:
        require(policies.can_change_organisation(by, organisation))
    values = audit.pick(data, ORGANISATION_FIELDS)
    _normalised_national_id(values, values.get("country", organisation.country))
    organisation, changes = audit.model_update(
        instance=organisation, fields=ORGANISATION_FIELDS, data=values
    )
    if changes:
        audit.log(organisation, "actors.organisation_update", by=by, changes=changes)
    return organisation


# Contact people --------------------------------------------------------------------


def _demote_primary(
    *, organisation: Organisation, keep: ContactPerson | None, by: User | None
) -> None:
    """An organisation has one primary contact: a new one takes over from the old."""
    others = organisation.contacts.filter(is_primary=True)
    if keep is not None and keep.pk is not None:
        others = others.exclude(pk=keep.pk)
    for other in others:
        other, changes = audit.model_update(
            instance=other, fields=["is_primary"], data={"is_primary": False}
        )
        audit.log(
            organisation,
            "actors.contact_update",
            by=by,
            changes={"contact": (str(other), str(other)), **_prefixed(changes)},
        )


def _prefixed(changes: Mapping[str, tuple[Any, Any]]) -> dict[str, tuple[Any, Any]]:
    return {f"contact.{name}": change for name, change in changes.items()}


@transaction.atomic
def contact_create(
    *, organisation: Organisation, by: User | None, data: Mapping[str, Any]
) -> ContactPerson:
    """Add a contact person to an organisation (whoever may change the organisation).

    A new primary contact takes over from the previous one.
    """
    if by is not None:
        require(policies.can_change_organisation(by, organisation))
    contact = ContactPerson(
        organisation=organisation, **audit.pick(data, CONTACT_FIELDS)
    )
    if contact.is_primary:
        _demote_primary(organisation=organisation, keep=None, by=by)
    contact.full_clean()
    contact.save()
    audit.log(
        organisation,
        "actors.contact_create",
        by=by,
        changes={
            "contact": (None, str(contact)),
            **audit.created_changes(contact, CONTACT_FIELDS, "contact."),
        },
    )
    return contact


@transaction.atomic
def contact_update(
    *, contact: ContactPerson, by: User | None, data: Mapping[str, Any]
) -> ContactPerson:
    """Change a contact person (whoever may change the organisation)."""
    organisation = contact.organisation
    if by is not None:
        require(policies.can_change_organisation(by, organisation))
    values = audit.pick(data, CONTACT_FIELDS)
    before = str(contact)
    if values.get("is_primary") and not contact.is_primary:
        _demote_primary(organisation=organisation, keep=contact, by=by)
    contact, changes = audit.model_update(
        instance=contact, fields=CONTACT_FIELDS, data=values
    )
    if changes:
        audit.log(
            organisation,
            "actors.contact_update",
            by=by,
            changes={"contact": (before, str(contact)), **_prefixed(changes)},
        )
    return contact


@transaction.atomic
def contact_delete(*, contact: ContactPerson, by: User | None) -> None:
    """Remove a contact person (whoever may change the organisation)."""
    organisation = contact.organisation
    if by is not None:
        require(policies.can_change_organisation(by, organisation))
    audit.log(
        organisation,
        "actors.contact_delete",
        by=by,
        changes={"contact": (str(contact), None)},
    )
    contact.delete()


# Memberships -----------------------------------------------------------------------


def _membership_create(
    *, organisation: Organisation, user: User, role: str, by: User | None
) -> Membership:
    membership = Membership(organisation=organisation, user=user, role=role)
    membership.full_clean()
    membership.save()
    audit.log(
        organisation,
        "actors.membership_add",
        by=by,
        changes={"member": (None, _member_repr(user)), "member.role": (None, role)},
    )
    return membership


@transaction.atomic
def membership_add(
    *, organisation: Organisation, user: User, role: str, by: User | None
) -> Membership:
    """Let `user` act for `organisation` as an applicant or administrator member.

    The organisation's administrator members and the region administrator may.
    """
    if by is not None:
        require(policies.can_manage_members(by, organisation))
    if not user.is_active:
        raise ValidationError({"user": _("This account is not active.")})
    return _membership_create(organisation=organisation, user=user, role=role, by=by)


@transaction.atomic
def membership_remove(*, membership: Membership, by: User | None) -> None:
    """Stop a user acting for an organisation.

    The organisation's administrator members and the region administrator may. While
    other members remain, the organisation keeps at least one administrator member.
    """
    organisation = membership.organisation
    if by is not None:
        require(policies.can_manage_members(by, organisation))
    others = Membership.objects.filter(organisation=organisation).exclude(
        pk=membership.pk
    )
    if (
        membership.role == MembershipRole.ADMIN
        and others.exists()
        and not others.filter(role=MembershipRole.ADMIN).exists()
    ):
        raise ValidationError(
            _(
                "An organisation with members keeps at least one organisation administrator."
            )
        )
    audit.log(
        organisation,
        "actors.membership_remove",
        by=by,
        changes={
            "member": (_member_repr(membership.user), None),
            "member.role": (membership.role, None),
        },
    )
    membership.delete()


# Networks --------------------------------------------------------------------------


@transaction.atomic
def network_create(
    *, region: Region, by: User | None, data: Mapping[str, Any]
) -> Network:
    """Start a network in `region`: officer, funding advisor, strategist or region
    administrator there."""
    if by is not None:
        require(policies.can_create_network(by, region))
    network = Network(region=region, **audit.pick(data, NETWORK_FIELDS))
    network.full_clean()
    network.save()
    audit.log(
        network,
        "actors.network_create",
        by=by,
        changes=audit.created_changes(network, NETWORK_FIELDS),
    )
    return network


@transaction.atomic
def network_update(
    *, network: Network, by: User | None, data: Mapping[str, Any]
) -> Network:
    """Change a network's name or purpose (whoever may change the network)."""
    if by is not None:
        require(policies.can_change_network(by, network))
    network, changes = audit.model_update(
        instance=network, fields=NETWORK_FIELDS, data=audit.pick(data, NETWORK_FIELDS)
    )
    if changes:
        audit.log(network, "actors.network_update", by=by, changes=changes)
    return network


@transaction.atomic
def network_member_add(
    *,
    network: Network,
    organisation: Organisation,
    by: User | None,
    role: str = "",
    joined_on: datetime.date | None = None,
) -> NetworkMembership:
    """Add an organisation of the network's region to the network."""
    if by is not None:
        require(policies.can_change_network(by, network))
    membership = NetworkMembership(
        network=network, organisation=organisation, role=role, joined_on=joined_on
    )
    membership.full_clean()
    membership.save()
    changes: dict[str, tuple[Any, Any]] = {"member": (None, str(organisation))}
    if role:
        changes["member.role"] = (None, role)
    if joined_on:
        changes["member.joined_on"] = (None, joined_on)
    audit.log(network, "actors.network_member_add", by=by, changes=changes)
    return membership


@transaction.atomic
def network_member_remove(*, membership: NetworkMembership, by: User | None) -> None:
    """Take an organisation out of a network (whoever may change the network)."""
    network = membership.network
    if by is not None:
        require(policies.can_change_network(by, network))
    audit.log(
        network,
        "actors.network_member_remove",
        by=by,
        changes={"member": (str(membership.organisation), None)},
    )
    membership.delete()
