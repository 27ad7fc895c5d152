"""Demo decisions: the delegation order, a committee, and decisions in Västernorrland.

Every demo region gets a delegation order (case officers decide up to 300,000,
the head of unit up to 1,000,000 and the committee above, in the region's currency)
and a four-eyes threshold on its regional project funds. In Västernorrland the
regional development committee has held a meeting that granted two applications
(one above the head of unit's limit) and has a planned meeting with one item on the
agenda; the head of unit has granted an application on the condition that a
co-funder decides, and refused another; the case officer has dismissed the
application that failed the formal check. The other applications in assessment stay
undecided. Everything goes through the services; grants fit within the funding
demo's appropriations.

Idempotent: an application with a decision is left alone, and the committee and its
meetings are made once.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils import timezone, translation

from samverka.accounts.choices import RoleCode
from samverka.accounts.models import RoleAssignment, User
from samverka.applications.choices import ApplicationStatus
from samverka.applications.models import Application
from samverka.assessments.demo import VN_DISMISSED, region_officer
from samverka.core import demo
from samverka.core.models import Region
from samverka.decisions import services
from samverka.decisions.choices import (
    ConditionKind,
    MeetingStatus,
    Outcome,
)
from samverka.decisions.models import Committee, Decision, Meeting
from samverka.funding import services as funding_services
from samverka.funding.choices import DecisionLevel
from samverka.funding.models import DelegationLimit, Fund

#: Each level's limit in whole units of the region's currency (None: no limit).
LIMITS: tuple[tuple[str, int | None], ...] = (
    (DecisionLevel.OFFICER, 300_000),
    (DecisionLevel.DECISION_MAKER, 1_000_000),
    (DecisionLevel.COMMITTEE, None),
)
LIMIT_NOTES: dict[str, dict[str, str]] = {
    "sv": {
        DecisionLevel.OFFICER: "Delegationsordning för regional utveckling, punkt 3.1: handläggare",
        DecisionLevel.DECISION_MAKER: "Delegationsordning för regional utveckling, punkt 3.2: avdelningschef",
        DecisionLevel.COMMITTEE: "Regionala utvecklingsnämnden beslutar utan beloppsgräns",
    },
    "da": {
        DecisionLevel.OFFICER: "Delegationsplan for regional udvikling, pkt. 3.1: sagsbehandler",
        DecisionLevel.DECISION_MAKER: "Delegationsplan for regional udvikling, pkt. 3.2: enhedschef",
        DecisionLevel.COMMITTEE: "Udvalget for regional udvikling træffer afgørelse uden beløbsgrænse",
    },
}
#: The regional project funds with a four-eyes threshold (whole currency units):
#: above it, an officer who assessed an application cannot decide on it alone, even
#: within their delegation.
FOUR_EYES: dict[str, tuple[str, int]] = {
    "vasternorrland": ("Regionala projektmedel (1:1-medel)", 100_000),
    "jamtland-harjedalen": ("Regionala projektmedel", 100_000),
    "sjaelland": ("Regionale udviklingsmidler", 100_000),
}

COMMITTEE = "Regionala utvecklingsnämnden"
PLACE_HELD = "Sammanträdesrum Kusten, Regionens hus, Härnösand"
PLACE_PLANNED = "Sammanträdesrum Ådalen, Regionens hus, Härnösand"


@dataclass(frozen=True)
class Decide:
    title: str
    outcome: str
    amount: int  # whole currency units
    reasons: str
    by: str  # "committee", "decision_maker" or "officer"
    cofunder: tuple[str, int, int] | None = None  # (funder, whole units, days left)
    condition: str = ""


#: The held meeting's items, in order.
MEETING_ITEMS = (
    Decide(
        "Validering av yrkeskunskap inom industri och bygg",
        Outcome.GRANT,
        1_500_000,
        "Regionala utvecklingsnämnden beslutar att bevilja Sundsvalls kommun 1 500 000 kronor i regionala projektmedel. Projektet genomför aktiviteten validering av yrkeskunskap i handlingsplanen för integration och har högst poäng i utlysningen. Kostnaderna för lokaler ryms inte i stödet.",
        "committee",
    ),
    Decide(
        "Energisteg för småföretag",
        Outcome.GRANT,
        900_000,
        "Regionala utvecklingsnämnden beslutar att bevilja Härnösands kommun 900 000 kronor i regionala projektmedel. Projektet ger mätbar klimatnytta i småföretagen; mätinstrumenten bekostas av energikontorets ordinarie budget. Risken att företagare med annat modersmål inte nås hanteras i projektet.",
        "committee",
    ),
)
#: Decided outside the committee.
OTHERS = (
    Decide(
        "UF-företag i Örnsköldsviks skolor",
        Outcome.GRANT_WITH_CONDITIONS,
        350_000,
        "Projektet genomför aktiviteten ung företagsamhet i skolan i handlingsplanen för företagande och entreprenörskap med en beprövad metod och en rimlig budget. Stödet beviljas under förutsättning att den privata medfinansieringen beslutas.",
        "decision_maker",
        cofunder=("Demo Skog & Energi AB", 70_900, 60),
        condition="Beslutet gäller under förutsättning att Demo Skog & Energi AB beslutar om sin medfinansiering på 70 900 kronor. Skicka företagets beslut till regionen.",
    ),
    Decide(
        "Branschråd för industrins kompetensbehov i Timrå",
        Outcome.REJECT,
        0,
        "Ansökan avslås. Projektet överlappar med branschråden inom den regionala kompetensplattformen, och det framgår inte vad som blir kvar efter projekttiden. Ansökan fick lägst poäng i utlysningen, och medlen räcker inte till alla ansökningar.",
        "decision_maker",
    ),
    Decide(
        VN_DISMISSED,
        Outcome.DISMISS,
        0,
        "Ansökan avvisas. Regionala projektmedel får inte användas som stöd till ett enskilt företags egen investering. Investeringen kan i stället sökas som regionalt företagsstöd.",
        "officer",
    ),
)
#: On the agenda of the planned meeting.
PLANNED_ITEMS = ("Innovationsslussen Mitt",)


def _person(region: Region, role: str) -> User | None:
    assignment = (
        RoleAssignment.objects.filter(region=region, role=role)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return assignment.user if assignment is not None else None


def set_delegation(region: Region) -> None:
    """The region's delegation order and the four-eyes threshold on its project
    funds, set once (a limit someone has changed since is left alone)."""
    notes = LIMIT_NOTES["da" if region.default_language == "da" else "sv"]
    for level, amount in LIMITS:
        if DelegationLimit.objects.filter(
            region=region, fund__isnull=True, level=level
        ).exists():
            continue
        funding_services.delegation_limit_set(
            region=region,
            by=None,
            data={
                "fund": None,
                "level": level,
                "max_amount": None if amount is None else amount * 100,
                "note": notes[level],
            },
        )
    name, threshold = FOUR_EYES.get(region.slug, ("", 0))
    fund = Fund.objects.filter(region=region, name=name).first()
    if fund is not None and fund.four_eyes_threshold is None:
        funding_services.fund_update(
            fund=fund, by=None, data={"four_eyes_threshold": threshold * 100}
        )


def _undecided(region: Region, title: str) -> Application | None:
    application = Application.objects.filter(region=region, title=title).first()
    if application is None or Decision.objects.filter(application=application).exists():
        return None
    return application


def _data(plan: Decide, region: Region) -> dict[str, Any]:
    data: dict[str, Any] = {
        "outcome": plan.outcome,
        "amount": plan.amount * 100,
        "reasons": plan.reasons,
    }
    if plan.cofunder is not None:
        funder, amount, days = plan.cofunder
        today = timezone.localdate(timezone.now(), region.tzinfo)
        data["conditions"] = [
            {
                "kind": ConditionKind.COFUNDING,
                "text": plan.condition,
                "funder": funder,
                "amount": amount * 100,
                "deadline": today + datetime.timedelta(days=days),
            }
        ]
    return data


def _meeting_times(region: Region) -> tuple[datetime.datetime, datetime.datetime]:
    """This morning's meeting (or, early in the day, yesterday's) and one in four
    weeks, in the region's time."""
    now = timezone.localtime(timezone.now(), region.tzinfo)
    held_day = now.date() if now.hour >= 11 else now.date() - datetime.timedelta(days=1)
    held = datetime.datetime.combine(
        held_day, datetime.time(9, 0), tzinfo=region.tzinfo
    )
    planned = datetime.datetime.combine(
        now.date() + datetime.timedelta(days=28),
        datetime.time(9, 0),
        tzinfo=region.tzinfo,
    )
    return held, planned


def load_committee(region: Region, secretary: User) -> list[Decision]:
    """The committee, its held meeting with two decided items, and a planned one."""
    committee = Committee.objects.filter(region=region, name=COMMITTEE).first()
    if committee is None:
        committee = services.committee_create(region=region, by=None, name=COMMITTEE)
    held_at, planned_at = _meeting_times(region)
    made: list[Decision] = []
    if not committee.meetings.filter(status=MeetingStatus.HELD).exists():
        ready = [
            (plan, application)
            for plan in MEETING_ITEMS
            if (application := _undecided(region, plan.title)) is not None
            and application.status == ApplicationStatus.IN_ASSESSMENT
        ]
        if ready:
            meeting = services.meeting_create(
                committee=committee,
                by=None,
                starts_at=held_at,
                place=PLACE_HELD,
                secretary=secretary,
            )
            for plan, application in ready:
                item = services.agenda_item_add(
                    meeting=meeting, application=application, by=secretary
                )
                made.append(
                    services.decision_record(
                        application=application,
                        by=secretary,
                        data=_data(plan, region),
                        agenda_item=item,
                    )
                )
            meeting.refresh_from_db()
            services.meeting_hold(meeting=meeting, by=secretary)
    if not committee.meetings.filter(status=MeetingStatus.PLANNED).exists():
        meeting = services.meeting_create(
            committee=committee,
            by=None,
            starts_at=planned_at,
            place=PLACE_PLANNED,
            secretary=secretary,
        )
        for title in PLANNED_ITEMS:
            application = _undecided(region, title)
            if (
                application is not None
                and application.status == ApplicationStatus.IN_ASSESSMENT
                and hasattr(application, "recommendation")
            ):
                services.agenda_item_add(
                    meeting=meeting, application=application, by=secretary
                )
    return made


def load_region_decisions(region: Region) -> list[Decision]:
    head = _person(region, RoleCode.DECISION_MAKER)
    officer = region_officer(region)
    if head is None or officer is None:
        return []
    made = load_committee(region, head)
    deciders = {"decision_maker": head, "officer": officer}
    for plan in OTHERS:
        application = _undecided(region, plan.title)
        if (
            application is None
            or application.status not in services.DECIDABLE_FROM[Outcome(plan.outcome)]
        ):
            continue
        made.append(
            services.decision_record(
                application=application,
                by=deciders[plan.by],
                data=_data(plan, region),
            )
        )
    return made


@demo.register(order=95)
def load_decisions(*, context: dict[str, Any], stdout: Any = None) -> None:
    """The delegation order of every demo region, and Västernorrland's decisions."""
    regions: dict[str, Region] = demo.context_get(context, "regions")
    made: list[Decision] = []
    for slug, region in regions.items():
        with translation.override(region.default_language):
            set_delegation(region)
            if slug == "vasternorrland":
                made.extend(load_region_decisions(region))
    context["decisions"] = made
    if stdout is not None:
        stdout.write(
            f"Demo decisions: {Decision.objects.count()} "
            f"({Meeting.objects.filter(status=MeetingStatus.HELD).count()} committee "
            f"meeting held); {len(made)} new."
        )
