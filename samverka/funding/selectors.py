"""Reads of funds and calls, each page in a fixed number of queries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.utils import timezone

from samverka.core.models import Region
from samverka.funding import policies
from samverka.funding.choices import CallState, CallStatus
from samverka.funding.models import Appropriation, Call, Fund
from samverka.geo.models import Municipality
from samverka.plans.choices import PlanStatus
from samverka.plans.models import Activity
from samverka.strategy.choices import StrategyStatus
from samverka.strategy.models import Goal


def _funds() -> Prefetch:
    """A call's funds with their region, which their translated names need."""
    return Prefetch(
        "funds", queryset=Fund.objects.select_related("region").order_by("name", "pk")
    )


# Funds --------------------------------------------------------------------------------


def fund_list(region: Region) -> QuerySet[Fund]:
    """The region's funds with their appropriations, newest year first (2 queries)."""
    return (
        Fund.objects.filter(region=region)
        .select_related("region")
        .prefetch_related(
            Prefetch("appropriations", queryset=Appropriation.objects.order_by("-year"))
        )
        .order_by("is_external", "-is_active", "name", "pk")
    )


def fund_get(region: Region, pk: int) -> Fund | None:
    return fund_list(region).filter(pk=pk).first()


@dataclass(frozen=True)
class Balance:
    """What a fund has in one year: appropriated, committed, paid and left."""

    year: int
    amount: int
    committed: int
    paid: int
    left: int
    currency: str


def fund_balances(fund: Fund) -> list[Balance]:
    """The fund's appropriations per year, newest first; uses a prefetch when there is
    one."""
    return [
        Balance(
            year=a.year,
            amount=a.amount,
            committed=a.committed,
            paid=a.paid,
            left=a.left,
            currency=fund.currency,
        )
        for a in sorted(fund.appropriations.all(), key=lambda a: -a.year)
    ]


# Calls --------------------------------------------------------------------------------


def call_list(region: Region) -> QuerySet[Call]:
    """All of the region's calls for its staff, newest first, with their funds."""
    return (
        Call.objects.filter(region=region)
        .select_related("region")
        .prefetch_related(_funds())
        .order_by("-opens_at", "title", "pk")
    )


def call_get(region: Region, pk: int) -> Call | None:
    return Call.objects.filter(region=region, pk=pk).select_related("region").first()


def open_calls(
    region: Region, moment: datetime.datetime | None = None
) -> QuerySet[Call]:
    """The region's calls that take applications now, closing soonest first."""
    return (
        Call.objects.open_at(moment)
        .filter(region=region)
        .select_related("region")
        .prefetch_related(_funds())
        .order_by("closes_at", "title", "pk")
    )


def public_calls(region: Region | None = None) -> QuerySet[Call]:
    """Published and archived calls (of one region, or of every active region)."""
    calls = policies.calls_public().select_related("region").prefetch_related(_funds())
    if region is not None:
        calls = calls.filter(region=region)
    return calls


def _sort_key_far() -> datetime.datetime:
    return datetime.datetime.max.replace(tzinfo=datetime.UTC)


def public_call_groups(region: Region) -> dict[str, list[Call]]:
    """The region's public calls as the public list shows them: open ones (closing
    soonest first, continuous intake last), upcoming ones (opening soonest first),
    then closed and archived ones (latest first). Three queries."""
    now = timezone.now()
    groups: dict[str, list[Call]] = {"open": [], "upcoming": [], "closed": []}
    for call in public_calls(region):
        state = call.state_at(now)
        if state == CallState.OPEN:
            groups["open"].append(call)
        elif state == CallState.PUBLISHED:
            groups["upcoming"].append(call)
        else:
            groups["closed"].append(call)
    far = _sort_key_far()
    groups["open"].sort(key=lambda c: (c.closes_at or far, c.title))
    groups["upcoming"].sort(key=lambda c: (c.opens_at, c.title))
    groups["closed"].sort(
        key=lambda c: (c.closes_at or c.opens_at, c.title), reverse=True
    )
    return groups


def open_calls_everywhere(moment: datetime.datetime | None = None) -> QuerySet[Call]:
    """The open calls of every active region, for the installation-wide feeds."""
    return (
        Call.objects.open_at(moment)
        .filter(region__is_active=True)
        .select_related("region")
        .prefetch_related(_funds())
        .order_by("closes_at", "region__name", "title", "pk")
    )


def call_detail(calls: QuerySet[Call], pk: int) -> Call | None:
    """One call with its funds, criteria, indicators, attachments, activities (with
    their plans), goals (with their strategies) and municipalities: eight queries."""
    call = (
        calls.filter(pk=pk)
        .select_related("region")
        .prefetch_related(
            _funds(),
            "criteria",
            "indicators",
            "required_attachments",
            Prefetch(
                "activities",
                queryset=Activity.objects.select_related(
                    "action_plan__region"
                ).order_by("action_plan__title", "order", "pk"),
            ),
            Prefetch(
                "goals",
                queryset=Goal.objects.select_related("strategy__region").order_by(
                    "strategy__title", "order", "pk"
                ),
            ),
            Prefetch(
                "municipalities",
                queryset=Municipality.objects.defer("boundary").order_by("name"),
            ),
        )
        .first()
    )
    return _with_region(call) if call is not None else None


def _with_region(call: Call) -> Call:
    """Give the call's criteria, indicators and attachments the call's region, so that
    their texts are shown in the active language (their source language is the
    region's). Uses the prefetched rows."""
    for name in ("criteria", "indicators", "required_attachments"):
        for item in getattr(call, name).all():
            if not isinstance(getattr(type(item), "region", None), property):
                item.region = call.region
    return call


def public_activities(call: Call) -> list[Activity]:
    """The call's activities whose plans the public sees (a prefetch is used)."""
    return [
        a for a in call.activities.all() if a.action_plan.status != PlanStatus.DRAFT
    ]


def public_goals(call: Call) -> list[Goal]:
    """The call's goals whose strategies the public sees (a prefetch is used)."""
    return [g for g in call.goals.all() if g.strategy.status != StrategyStatus.DRAFT]


# Choices for the staff forms ----------------------------------------------------------


def fund_choices(region: Region, call: Call | None = None) -> QuerySet[Fund]:
    """The region's active funds, and those the call already uses."""
    query = Q(is_active=True)
    if call is not None and call.pk:
        query |= Q(calls=call)
    return Fund.objects.filter(query, region=region).distinct().order_by("name", "pk")


def activity_choices(region: Region, call: Call | None = None) -> QuerySet[Activity]:
    """The activities of the region's draft and adopted plans, and those the call
    already serves (whatever their plan's status now)."""
    query = ~Q(action_plan__status=PlanStatus.ARCHIVED)
    if call is not None and call.pk:
        query |= Q(calls=call)
    return (
        Activity.objects.filter(query, region=region)
        .distinct()
        .select_related("action_plan__region", "region")
        .order_by("action_plan__title", "order", "pk")
    )


def goal_choices(region: Region) -> QuerySet[Goal]:
    return (
        Goal.objects.filter(region=region)
        .select_related("strategy__region", "region")
        .order_by("strategy__title", "order", "pk")
    )


def municipality_choices(region: Region) -> QuerySet[Municipality]:
    return (
        Municipality.objects.filter(country__code=region.country)
        .defer("boundary")
        .order_by("name", "code")
    )


# Dashboard ----------------------------------------------------------------------------


def funding_summary(region: Region) -> dict[str, Any]:
    """For the region's dashboard: active funds, this year's appropriations of the
    region's own funds (amount, committed, paid, left, by currency), and the calls by
    state. Three queries."""
    year = timezone.localdate(timezone=region.tzinfo).year
    fund_count = Fund.objects.filter(region=region, is_active=True).count()
    totals = list(
        Appropriation.objects.filter(
            fund__region=region, fund__is_external=False, year=year
        )
        .values("fund__currency")
        .annotate(
            amount=Sum("amount"),
            committed=Sum("committed"),
            paid=Sum("paid"),
            funds=Count("fund", distinct=True),
        )
        .order_by("fund__currency")
    )
    for row in totals:
        row["currency"] = row.pop("fund__currency")
        row["left"] = row["amount"] - row["committed"]
    counts = dict.fromkeys(CallState.values, 0)
    now = timezone.now()
    for call in (
        Call.objects.filter(region=region)
        .exclude(status=CallStatus.ARCHIVED)
        .only("status", "opens_at", "closes_at")
    ):
        counts[call.state_at(now)] += 1
    return {
        "year": year,
        "fund_count": fund_count,
        "appropriations": totals,
        "calls": [
            {"value": value, "label": label, "count": counts[value]}
            for value, label in CallState.choices
            if counts.get(value)
        ],
        "open_call_count": counts[CallState.OPEN],
    }
