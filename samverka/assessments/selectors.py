"""Reading the assessment: combined scores, the ranking of a call, the formal-check
proposal and the sustainability profile. Each reads a whole list in a fixed number
of queries."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samverka.applications import completeness
from samverka.applications.choices import ApplicationStatus
from samverka.applications.models import Application
from samverka.assessments.choices import (
    AssignmentStatus,
    CheckItem,
    ConflictStatus,
    DnshResult,
    Effect,
    SdgDirection,
)
from samverka.assessments.models import (
    Assignment,
    GoalConflict,
    Score,
    SustainabilityAssessment,
)
from samverka.core.formatting import format_money, format_number
from samverka.funding.models import Appropriation, Call

#: Applications that can be ranked in their call.
RANKED_STATUSES = (ApplicationStatus.IN_ASSESSMENT,)


# Scores ------------------------------------------------------------------------------


@dataclass
class Combined:
    """An application's scores combined by the call's weights, as a share of the
    best possible (0–100), averaged over the assessors who have submitted."""

    percent: Decimal | None
    assessors: int
    per_assessor: dict[int, Decimal] = field(default_factory=dict)
    per_criterion: dict[int, Decimal] = field(default_factory=dict)


def _share(value: int, low: int, high: int) -> Decimal:
    return Decimal(value - low) / Decimal(high - low)


def combined_scores(application_ids: Iterable[int]) -> dict[int, Combined]:
    """The combined score of each application, from submitted assignments only."""
    ids = list(application_ids)
    rows = (
        Score.objects.filter(
            assignment__application_id__in=ids,
            assignment__status=AssignmentStatus.SUBMITTED,
            value__isnull=False,
        )
        .values_list(
            "assignment__application_id",
            "assignment_id",
            "criterion_id",
            "criterion__weight",
            "criterion__scale_min",
            "criterion__scale_max",
            "value",
        )
        .order_by()
    )
    weighted: dict[int, dict[int, list[Decimal]]] = defaultdict(
        lambda: defaultdict(lambda: [Decimal(0), Decimal(0)])
    )
    criteria: dict[int, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    for app_id, assignment_id, crit_id, weight, low, high, value in rows:
        if value is None or high == low:  # filtered out above; a scale of one value
            continue
        sums = weighted[app_id][assignment_id]
        sums[0] += Decimal(weight) * _share(value, low, high)
        sums[1] += Decimal(weight)
        criteria[app_id][crit_id].append(value)
    found: dict[int, Combined] = {}
    quantum = Decimal("0.1")
    for app_id in ids:
        per = {
            assignment_id: (s[0] / s[1] * 100).quantize(quantum, ROUND_HALF_UP)
            for assignment_id, s in weighted.get(app_id, {}).items()
            if s[1]
        }
        mean = (
            (sum(per.values(), Decimal(0)) / len(per)).quantize(quantum, ROUND_HALF_UP)
            if per
            else None
        )
        found[app_id] = Combined(
            percent=mean,
            assessors=len(per),
            per_assessor=per,
            per_criterion={
                crit: (Decimal(sum(values)) / len(values)).quantize(
                    quantum, ROUND_HALF_UP
                )
                for crit, values in criteria.get(app_id, {}).items()
            },
        )
    return found


def assignments_with_scores(application: Application) -> list[Assignment]:
    return list(
        application.assignments.select_related(
            "assessor", "assigned_by"
        ).prefetch_related(
            Prefetch("scores", queryset=Score.objects.select_related("criterion"))
        )
    )


# Fit to the action plans -------------------------------------------------------------


@dataclass
class Fit:
    served: int
    asked: int

    @property
    def share(self) -> Decimal:
        if not self.asked:
            return Decimal(0)
        return Decimal(self.served) / Decimal(self.asked)


def plan_fit(call: Call, applications: Iterable[Application]) -> dict[int, Fit]:
    """How many of the call's action-plan activities and strategy goals each
    application says it serves."""
    wanted_activities = set(call.activities.values_list("pk", flat=True))
    wanted_goals = set(call.goals.values_list("pk", flat=True))
    asked = len(wanted_activities) + len(wanted_goals)
    ids = [a.pk for a in applications]
    served: dict[int, int] = defaultdict(int)
    through_a = Application.activities.through
    for app_id, activity_id in through_a.objects.filter(
        application_id__in=ids
    ).values_list("application_id", "activity_id"):
        if activity_id in wanted_activities:
            served[app_id] += 1
    through_g = Application.goals.through
    for app_id, goal_id in through_g.objects.filter(application_id__in=ids).values_list(
        "application_id", "goal_id"
    ):
        if goal_id in wanted_goals:
            served[app_id] += 1
    return {app_id: Fit(served=served.get(app_id, 0), asked=asked) for app_id in ids}


# Ranking -----------------------------------------------------------------------------


@dataclass
class RankRow:
    rank: int
    application: Application
    score: Combined
    fit: Fit
    amount: int
    cumulative: int
    within_line: bool
    open_conflicts: int
    explanation: str = ""


@dataclass
class Ranking:
    call: Call
    rows: list[RankRow]
    year: int
    available: int
    line: int
    currency: str
    funds: list[dict[str, Any]]

    @property
    def within(self) -> list[RankRow]:
        return [r for r in self.rows if r.within_line]

    @property
    def total_within(self) -> int:
        return sum(r.amount for r in self.within)


def money_left(call: Call, year: int) -> tuple[int, list[dict[str, Any]]]:
    """What is left of the appropriations of the call's own (not external) funds in
    `year`, in total and per fund."""
    rows = list(
        Appropriation.objects.filter(
            fund__in=call.funds.filter(is_external=False), year=year
        )
        .select_related("fund__region")
        .order_by("fund__name")
    )
    funds = [
        {"fund": a.fund, "amount": a.amount, "committed": a.committed, "left": a.left}
        for a in rows
    ]
    return sum(a.left for a in rows), funds


def call_ranking(
    call: Call, *, line: int | None = None, year: int | None = None
) -> Ranking:
    """The call's applications in assessment ranked by combined score, then fit to
    the action plans, then the smaller amount; the funding line is what is left in
    the call's funds this year unless the officer moves it (`line`). Each row
    explains its place."""
    year = year or timezone.localdate().year
    available, funds = money_left(call, year)
    if line is None:
        line = available
    applications = list(
        Application.objects.filter(call=call, status__in=RANKED_STATUSES)
        .select_related("organisation", "recommendation", "case")
        .order_by("pk")
    )
    scores = combined_scores(a.pk for a in applications)
    fits = plan_fit(call, applications)
    conflicts: dict[int, int] = defaultdict(int)
    for app_id in GoalConflict.objects.filter(
        application__in=applications, status=ConflictStatus.PROPOSED
    ).values_list("application_id", flat=True):
        conflicts[app_id] += 1

    def amount_of(application: Application) -> int:
        recommendation = getattr(application, "recommendation", None)
        if recommendation is not None and recommendation.amount:
            return int(recommendation.amount)
        return int(application.amount_requested or 0)

    def order(application: Application) -> tuple[Any, ...]:
        score = scores[application.pk].percent
        return (
            score is None,
            -(score or 0),
            -fits[application.pk].share,
            amount_of(application),
            application.pk,
        )

    applications.sort(key=order)
    rows: list[RankRow] = []
    cumulative = 0
    currency = call.region.currency
    for rank, application in enumerate(applications, start=1):
        amount = amount_of(application)
        cumulative += amount
        row = RankRow(
            rank=rank,
            application=application,
            score=scores[application.pk],
            fit=fits[application.pk],
            amount=amount,
            cumulative=cumulative,
            within_line=cumulative <= line,
            open_conflicts=conflicts.get(application.pk, 0),
        )
        row.explanation = explain(row, line, currency)
        rows.append(row)
    return Ranking(
        call=call,
        rows=rows,
        year=year,
        available=available,
        line=line,
        currency=currency,
        funds=funds,
    )


def explain(row: RankRow, line: int, currency: str) -> str:
    """Why the row is where it is, in a sentence or three."""
    parts: list[str] = []
    if row.score.percent is None:
        parts.append(_("No assessor has submitted scores yet, so it is ranked last."))
    else:
        parts.append(
            ngettext(
                "Combined score %(score)s of 100 from %(count)s assessor.",
                "Combined score %(score)s of 100 from %(count)s assessors.",
                row.score.assessors,
            )
            % {
                "score": format_number(row.score.percent),
                "count": row.score.assessors,
            }
        )
    if row.fit.asked:
        parts.append(
            _("Serves %(served)s of the call's %(asked)s activities and goals.")
            % {"served": row.fit.served, "asked": row.fit.asked}
        )
    money = {
        "amount": format_money(row.amount, currency, whole=True),
        "cumulative": format_money(row.cumulative, currency, whole=True),
        "line": format_money(line, currency, whole=True),
    }
    if row.within_line:
        parts.append(
            _(
                "%(amount)s brings the total to %(cumulative)s, within the funding "
                "line of %(line)s."
            )
            % money
        )
    else:
        parts.append(
            _(
                "%(amount)s brings the total to %(cumulative)s, above the funding "
                "line of %(line)s."
            )
            % money
        )
    if row.open_conflicts:
        parts.append(
            ngettext(
                "%(count)s proposed goal conflict not yet weighed.",
                "%(count)s proposed goal conflicts not yet weighed.",
                row.open_conflicts,
            )
            % {"count": row.open_conflicts}
        )
    return " ".join(parts)


# Formal check ------------------------------------------------------------------------


def check_proposal(application: Application) -> dict[str, tuple[bool, str]]:
    """What the formal check's questions look like from the application's data: a
    starting point that the officer confirms or corrects."""
    problems = completeness.problems(application)
    call = application.call
    texts = [str(p.message) for p in problems]
    proposal: dict[str, tuple[bool, str]] = {}

    eligible = not (
        call.eligible_applicant_types
        and application.organisation.type not in call.eligible_applicant_types
    )
    proposal[CheckItem.ELIGIBLE_APPLICANT] = (
        eligible,
        ""
        if eligible
        else _("The call is not open to organisations of the type “%(type)s”.")
        % {"type": application.organisation.get_type_display()},
    )
    wanted = set(call.municipalities.values_list("pk", flat=True))
    chosen = set(application.municipalities.values_list("pk", flat=True))
    in_area = not wanted or not chosen or bool(chosen & wanted)
    proposal[CheckItem.ELIGIBLE_AREA] = (
        in_area,
        ""
        if in_area
        else _("None of the project's municipalities is in the call's area."),
    )
    amount = application.amount_requested or 0
    within = (call.min_amount is None or amount >= call.min_amount) and (
        call.max_amount is None or amount <= call.max_amount
    )
    proposal[CheckItem.WITHIN_AMOUNTS] = (
        bool(amount) and within,
        ""
        if amount and within
        else _("The amount applied for is outside the call's limits."),
    )
    period_ok = bool(
        application.start_date
        and application.end_date
        and application.start_date <= application.end_date
    )
    proposal[CheckItem.WITHIN_PERIOD] = (
        period_ok,
        ""
        if period_ok
        else _("The project period is missing or ends before it starts."),
    )
    money_problems = [
        m
        for m in (
            completeness.balance_problem(application),
            completeness.aid_intensity_problem(application),
        )
        if m
    ]
    proposal[CheckItem.FINANCING] = (
        not money_problems,
        " ".join(map(str, money_problems)),
    )
    proposal[CheckItem.COMPLETE] = (not problems, " ".join(texts))
    state_aid_ok = not (
        application.fund is not None
        and application.fund.state_aid_applies
        and not application.de_minimis_declared
    )
    proposal[CheckItem.STATE_AID] = (
        state_aid_ok,
        "" if state_aid_ok else _("The applicant has not declared de minimis aid."),
    )
    return proposal


# Sustainability profile --------------------------------------------------------------


@dataclass
class Profile:
    """An application's sustainability profile, for its page and the memo."""

    assessment: SustainabilityAssessment | None
    ratings: list[Any]
    dnsh: list[Any]
    sdg_helps: list[Any]
    sdg_may_harm: list[Any]
    sdg_unknown: list[Any]
    conflicts: list[GoalConflict]

    @property
    def complete(self) -> bool:
        return bool(self.assessment and self.assessment.completed_at)

    @property
    def negative(self) -> list[Any]:
        return [r for r in self.ratings if r.effect == Effect.NEGATIVE]

    @property
    def dnsh_risks(self) -> list[Any]:
        return [d for d in self.dnsh if d.result == DnshResult.RISK]

    @property
    def confirmed_conflicts(self) -> list[GoalConflict]:
        return [c for c in self.conflicts if c.status == ConflictStatus.CONFIRMED]

    @property
    def proposed_conflicts(self) -> list[GoalConflict]:
        return [c for c in self.conflicts if c.status == ConflictStatus.PROPOSED]


def sustainability_profile(application: Application) -> Profile:
    assessment = (
        SustainabilityAssessment.objects.filter(application=application)
        .select_related("assessed_by")
        .prefetch_related("ratings", "dnsh", "sdg_effects__target__goal")
        .first()
    )
    sdg = list(assessment.sdg_effects.all()) if assessment else []
    return Profile(
        assessment=assessment,
        ratings=list(assessment.ratings.all()) if assessment else [],
        dnsh=list(assessment.dnsh.all()) if assessment else [],
        sdg_helps=[e for e in sdg if e.direction == SdgDirection.HELPS],
        sdg_may_harm=[e for e in sdg if e.direction == SdgDirection.MAY_HARM],
        sdg_unknown=[e for e in sdg if e.direction == SdgDirection.UNKNOWN],
        conflicts=list(
            application.goal_conflicts.select_related(
                "goal__region", "other_goal__region", "weighed_by"
            ).order_by("status", "pk")
        ),
    )


def portfolio_profile(applications: Any) -> dict[str, dict[str, int]]:
    """Across many applications: how many were rated each effect per aspect (the
    roll-up for the portfolio)."""
    from samverka.assessments.models import SustainabilityRating

    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for aspect, effect in SustainabilityRating.objects.filter(
        assessment__application__in=applications
    ).values_list("aspect", "effect"):
        counts[aspect][effect] += 1
    return {aspect: dict(by_effect) for aspect, by_effect in counts.items()}


def assessment_progress(application: Application) -> dict[str, Any]:
    """Where the assessment of one application stands, step by step."""
    assignments = list(application.assignments.all())
    check = getattr(application, "formal_check", None)
    return {
        "formal_check": check,
        "assignments": assignments,
        "submitted": sum(
            1 for a in assignments if a.status == AssignmentStatus.SUBMITTED
        ),
        "open": sum(
            1
            for a in assignments
            if a.status
            in (AssignmentStatus.AWAITING_DECLARATION, AssignmentStatus.ACTIVE)
        ),
        "sustainability_done": bool(
            SustainabilityAssessment.objects.filter(
                application=application, completed_at__isnull=False
            ).exists()
        ),
        "conflicts_open": application.goal_conflicts.filter(
            status=ConflictStatus.PROPOSED
        ).count(),
        "recommendation": getattr(application, "recommendation", None),
    }


def assessor_tasks(user: Any, region: Any) -> list[Assignment]:
    """The user's open assignments in `region`, oldest first."""
    return list(
        Assignment.objects.filter(
            assessor=user,
            region=region,
            status__in=(AssignmentStatus.AWAITING_DECLARATION, AssignmentStatus.ACTIVE),
        )
        .select_related("application__call", "application__case", "region")
        .order_by("created_at")
    )
