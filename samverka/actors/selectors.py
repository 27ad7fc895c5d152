"""Reads of the actor registry, always within what the user may see."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import (
    Count,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce

from samverka.actors import policies
from samverka.actors.choices import OrganisationType
from samverka.actors.models import (
    ContactPerson,
    Membership,
    Network,
    NetworkMembership,
    Organisation,
)
from samverka.core.models import Region


def _text_query(q: str) -> Q:
    """Name or organisation number; digits match with or without the separators."""
    query = Q(name__icontains=q) | Q(national_id__icontains=q)
    digits = "".join(ch for ch in q if ch.isdigit())
    if len(digits) >= 4 and digits != q:
        query |= Q(national_id__icontains=digits)
    if len(digits) > 6 and digits == q:
        # Swedish and Finnish numbers are stored with a hyphen before the last digits.
        query |= Q(national_id__icontains=f"{digits[:6]}-{digits[6:]}")
        query |= Q(national_id__icontains=f"{digits[:-1]}-{digits[-1]}")
    return query


def _count_of(model: Any) -> Coalesce:
    rows = (
        model.objects.filter(organisation=OuterRef("pk"))
        .order_by()
        .values("organisation")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def organisation_list(
    *, user: Any, region: Region | None = None, filters: Mapping[str, Any] | None = None
) -> QuerySet[Organisation]:
    """The organisations `user` may see, in name order, with counts for lists.

    `filters` may hold `q` (text in the name or organisation number), `type`,
    `country` and `region` (a slug).
    """
    filters = filters or {}
    queryset = policies.organisations_visible_to(user)
    if region is not None:
        queryset = queryset.filter(region=region)
    if q := str(filters.get("q") or "").strip():
        queryset = queryset.filter(_text_query(q))
    if org_type := filters.get("type"):
        queryset = queryset.filter(type=org_type)
    if country := filters.get("country"):
        queryset = queryset.filter(country=country)
    if region_slug := filters.get("region"):
        queryset = queryset.filter(region__slug=region_slug)
    return (
        queryset.select_related("region", "municipality")
        .defer("municipality__boundary")
        # Correlated counts rather than GROUP BY: the database counts for the page's
        # rows only, and the paginator's COUNT(*) leaves them out.
        .annotate(
            contact_count=_count_of(ContactPerson),
            network_count=_count_of(NetworkMembership),
        )
        .order_by("name", "pk")
    )


def organisation_get(
    *, user: Any, pk: int, region: Region | None = None, as_member: bool = False
) -> Organisation | None:
    """One organisation that `user` may see, with its contacts, networks and members.

    `as_member` narrows the scope to the organisations the user acts for, as on the
    applicant's own pages.
    """
    if as_member:
        queryset = policies.organisations_member_of(user)
    else:
        queryset = policies.organisations_visible_to(user)
    if region is not None:
        queryset = queryset.filter(region=region)
    return (
        queryset.select_related("region", "municipality")
        .defer("municipality__boundary")
        .prefetch_related(
            Prefetch(
                "contacts",
                queryset=ContactPerson.objects.order_by("-is_primary", "name"),
            ),
            Prefetch(
                "network_memberships",
                queryset=NetworkMembership.objects.select_related("network").order_by(
                    "network__name"
                ),
            ),
            Prefetch(
                "memberships",
                queryset=Membership.objects.select_related("user").order_by(
                    "user__full_name"
                ),
            ),
        )
        .filter(pk=pk)
        .first()
    )


def membership_list(*, user: Any) -> QuerySet[Membership]:
    """The organisations `user` acts for, as memberships, in active regions."""
    return (
        Membership.objects.filter(
            user=user, organisation__in=policies.organisations_member_of(user)
        )
        .select_related("organisation", "organisation__region")
        .order_by("organisation__name", "pk")
    )


def network_list(
    *, user: Any, region: Region | None = None, filters: Mapping[str, Any] | None = None
) -> QuerySet[Network]:
    """The networks `user` may see, with their members and member counts.

    `filters` may hold `q` (text in the name or purpose).
    """
    filters = filters or {}
    queryset = policies.networks_visible_to(user)
    if region is not None:
        queryset = queryset.filter(region=region)
    if q := str(filters.get("q") or "").strip():
        queryset = queryset.filter(Q(name__icontains=q) | Q(purpose__icontains=q))
    return (
        queryset.select_related("region")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=NetworkMembership.objects.select_related(
                    "organisation"
                ).order_by("organisation__name"),
            )
        )
        .annotate(member_count=Count("memberships", distinct=True))
        .order_by("name", "pk")
    )


def network_get(*, user: Any, pk: int, region: Region | None = None) -> Network | None:
    """One network that `user` may see, with its members."""
    queryset = policies.networks_visible_to(user)
    if region is not None:
        queryset = queryset.filter(region=region)
    return (
        queryset.select_related("region")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=NetworkMembership.objects.select_related(
                    "organisation"
                ).order_by("organisation__name"),
            )
        )
        .filter(pk=pk)
        .first()
    )


def organisation_choices_for_network(*, network: Network) -> QuerySet[Organisation]:
    """Organisations of the network's region that are not yet members of it."""
    return (
        Organisation.objects.filter(region_id=network.region_id)
        .exclude(network_memberships__network=network)
        .order_by("name")
    )


def registry_summary(*, user: Any, region: Region) -> dict[str, Any]:
    """Counts for the region dashboard: organisations by type, networks, newest entries."""
    organisations = policies.organisations_visible_to(user).filter(region=region)
    by_type = dict(organisations.order_by().values_list("type").annotate(n=Count("id")))
    return {
        "organisation_count": sum(by_type.values()),
        "by_type": [
            {"label": label, "count": by_type[value]}
            for value, label in OrganisationType.choices
            if by_type.get(value)
        ],
        "network_count": policies.networks_visible_to(user)
        .filter(region=region)
        .count(),
        "newest": list(organisations.order_by("-created_at")[:5]),
    }
