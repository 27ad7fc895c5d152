"""Reads of applications for the pages: fixed query counts, scope by policy."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.shortcuts import get_object_or_404
from django.utils import timezone

from samverka.accounts.choices import RoleCode
from samverka.accounts.models import User
from samverka.actors.models import Organisation
from samverka.actors.policies import organisations_member_of
from samverka.applications import completeness, policies
from samverka.applications.choices import (
    ApplicationStatus,
    CostCategory,
    EffectLevel,
    FinancingKind,
    FinancingStatus,
    FunderSector,
    IntegrationRating,
    PartnerRole,
    Stage,
    SustainabilityAspect,
)
from samverka.applications.models import (
    Application,
    CompletionRequest,
    Partner,
    SavedFilter,
    Submission,
)
from samverka.applications.snapshot import choice_label, iso_date
from samverka.core.formatting import format_date
from samverka.core.models import Region
from samverka.funding.choices import FormSection
from samverka.funding.models import Call, Fund
from samverka.geo.models import Municipality

# Applicant ----------------------------------------------------------------------------


def applicant_application_list(*, user: Any) -> QuerySet[Application]:
    """Every application `user` works on as an applicant, newest activity first, with
    the deadline of an open completion request (``completion_deadline``)."""
    open_request = CompletionRequest.objects.filter(
        application=OuterRef("pk"), answered_at__isnull=True
    ).order_by("-requested_at")
    return (
        policies.applications_of_applicant(user)
        .select_related("call__region", "organisation", "case")
        .annotate(completion_deadline=Subquery(open_request.values("deadline")[:1]))
        .order_by("-updated_at", "-pk")
    )


def applicant_application(*, user: Any, pk: int) -> Application:
    """One of `user`'s applications (as applicant or co-applicant), or 404."""
    return get_object_or_404(
        policies.applications_of_applicant(user).select_related(
            "call__region", "organisation", "case", "fund", "created_by"
        ),
        pk=pk,
    )


def start_organisations(*, user: Any, call: Call) -> QuerySet[Organisation]:
    """The organisations `user` acts for that are registered in the call's region."""
    return (
        organisations_member_of(user)
        .filter(region_id=call.region_id)
        .order_by("name", "pk")
    )


def open_completion_request(application: Application) -> CompletionRequest | None:
    return (
        application.completion_requests.filter(answered_at__isnull=True)
        .order_by("-requested_at")
        .first()
    )


def application_submissions(application: Application) -> list[Submission]:
    return list(
        application.submissions.select_related("document", "submitted_by").order_by(
            "number"
        )
    )


def application_partners(application: Application) -> list[Partner]:
    return list(
        application.partners.select_related("accepted_by", "organisation").order_by(
            "role", "name", "pk"
        )
    )


@dataclass(frozen=True)
class SectionState:
    """One step of the form as the overview shows it."""

    section: str
    label: str
    required: bool
    problems: list[str]

    @property
    def complete(self) -> bool:
        return not self.problems


def section_states(
    application: Application, found: list[completeness.Problem] | None = None
) -> list[SectionState]:
    """The form's sections that apply to the application, each with its problems.

    A section is listed when the call requires it, when it always may be filled in
    (partners, attachments), when the fund asks for a state-aid declaration, or when
    the completeness check names it.
    """
    if found is None:
        found = completeness.problems(application)
    by_section: dict[str, list[str]] = defaultdict(list)
    for problem in found:
        by_section[str(problem.section)].append(problem.message)
    call = application.call
    concept = application.stage == Stage.CONCEPT
    states: list[SectionState] = []
    for section in FormSection:
        required = call.requires(section)
        applies = (
            required
            or section in (FormSection.PARTNERS, FormSection.ATTACHMENTS)
            or (
                section == FormSection.STATE_AID
                and application.fund is not None
                and application.fund.state_aid_applies
            )
            or section in by_section
        )
        if concept and section not in (FormSection.PROJECT, FormSection.FINANCING):
            applies = section in by_section
        if applies:
            states.append(
                SectionState(
                    section=str(section),
                    label=str(section.label),
                    required=required,
                    problems=by_section.get(str(section), []),
                )
            )
    return states


def _decimal(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def snapshot_summary(snapshot: dict[str, Any]) -> dict[str, Any]:
    """A snapshot (see `snapshot.build_snapshot`) made ready for a template: codes
    become labels, ISO dates become dates, the budget a table by category and year."""
    project = snapshot.get("project", {})
    budget = snapshot.get("budget", [])
    years = sorted({int(line["year"]) for line in budget})
    cells = {(line["category"], int(line["year"])): line["amount"] for line in budget}
    rows = []
    for category in CostCategory:
        amounts = [cells.get((category.value, year)) for year in years]
        if any(a is not None for a in amounts):
            rows.append(
                {
                    "label": str(category.label),
                    "amounts": amounts,
                    "total": sum(a or 0 for a in amounts),
                }
            )
    year_totals = [
        sum(amount for (_c, y), amount in cells.items() if y == year) for year in years
    ]
    effects: dict[str, list[str]] = defaultdict(list)
    for item in snapshot.get("effects", []):
        effects[item["level"]].append(item["text"])
    return {
        "call_title": snapshot.get("call", {}).get("title", ""),
        "fund": snapshot.get("fund", {}).get("name", ""),
        "stage": choice_label(Stage, snapshot.get("stage")),
        "currency": snapshot.get("currency", ""),
        "organisation": snapshot.get("organisation", {}),
        "project": project,
        "start_date": iso_date(project.get("start_date")),
        "end_date": iso_date(project.get("end_date")),
        "period": " – ".join(
            format_date(d)
            for d in (
                iso_date(project.get("start_date")),
                iso_date(project.get("end_date")),
            )
            if d is not None
        ),
        "municipalities": snapshot.get("municipalities", []),
        "activities": [a["title"] for a in snapshot.get("activities", [])],
        "goals": [g["title"] for g in snapshot.get("goals", [])],
        "partners": [
            {**p, "role_label": choice_label(PartnerRole, p.get("role"))}
            for p in snapshot.get("partners", [])
        ],
        "budget_years": years,
        "budget_rows": rows,
        "budget_year_totals": year_totals,
        "total_cost": snapshot.get("total_cost", 0),
        "amount_requested": project.get("amount_requested"),
        "cofinancing_total": snapshot.get("cofinancing_total", 0),
        "financing": [
            {
                **line,
                "kind_label": choice_label(FinancingKind, line.get("kind")),
                "sector_label": choice_label(FunderSector, line.get("sector")),
                "status_label": choice_label(FinancingStatus, line.get("status")),
            }
            for line in snapshot.get("financing", [])
        ],
        "effects": [
            {"label": str(level.label), "texts": effects[level.value]}
            for level in EffectLevel
            if effects.get(level.value)
        ],
        "indicators": [
            {
                **ind,
                "baseline": _decimal(ind.get("baseline")),
                "target": _decimal(ind.get("target")),
            }
            for ind in snapshot.get("indicators", [])
        ],
        "sustainability": [
            {
                "label": choice_label(SustainabilityAspect, ans.get("aspect")),
                "rating": choice_label(IntegrationRating, ans.get("rating")),
                "description": ans.get("description", ""),
            }
            for ans in snapshot.get("sustainability", [])
        ],
        "de_minimis_declared": project.get("de_minimis_declared"),
        "de_minimis_received": project.get("de_minimis_received"),
        "attachments": snapshot.get("attachments", []),
    }


# Inbox --------------------------------------------------------------------------------

#: Statuses the inbox filters on: everything but a draft, which is the applicant's own.
INBOX_STATUSES = [
    (value, label)
    for value, label in ApplicationStatus.choices
    if value != ApplicationStatus.DRAFT
]

#: Sort keys of the inbox (``sort=<key>`` or ``sort=-<key>``) and their orderings.
INBOX_SORTS: dict[str, tuple[str, ...]] = {
    "submitted": ("last_submitted_at", "pk"),
    "amount": ("amount_requested", "pk"),
    "case": ("case__year", "case__number", "pk"),
    "status": ("status_order", "pk"),
}
INBOX_DEFAULT_SORT = "-submitted"

#: Special values of the officer filter.
UNASSIGNED = "unassigned"
MINE = "mine"

_INBOX_RELATED = (
    "call__region",
    "fund__region",
    "organisation",
    "officer",
    "case",
)


def _status_order() -> Case:
    """The statuses in the order of the workflow, for sorting."""
    return Case(
        *[
            When(status=value, then=Value(index))
            for index, value in enumerate(ApplicationStatus.values)
        ],
        default=Value(len(ApplicationStatus.values)),
        output_field=IntegerField(),
    )


def inbox_base(*, user: Any, region: Region) -> QuerySet[Application]:
    """The region's applications `user` sees as staff (never a draft)."""
    return policies.applications_of_staff(user).filter(region=region)


def inbox_ordering(sort: str) -> list[Any]:
    """The ORDER BY of a sort key (``-`` for descending); empty values sort last."""
    key = sort.lstrip("-")
    descending = sort.startswith("-")
    if key not in INBOX_SORTS:
        key, descending = "submitted", True
    return [
        F(name).desc(nulls_last=True) if descending else F(name).asc(nulls_last=True)
        for name in INBOX_SORTS[key]
    ]


def inbox_list(
    *,
    user: Any,
    region: Region,
    filters: Mapping[str, Any] | None = None,
    sort: str = INBOX_DEFAULT_SORT,
) -> QuerySet[Application]:
    """The inbox: the region's submitted applications, filtered and sorted, with what
    the table shows loaded up front, so the query count does not grow with the rows.

    `filters` are an `InboxFilterForm`'s cleaned data: ``call``, ``fund``,
    ``status``, ``municipality``, ``amount_min``/``amount_max`` (minor units),
    ``officer`` (a user id, "unassigned" or "mine") and ``q`` (title, case number or
    organisation name).
    """
    filters = filters or {}
    apps = (
        inbox_base(user=user, region=region)
        .select_related(*_INBOX_RELATED)
        .prefetch_related("municipalities")
        .annotate(status_order=_status_order())
    )
    if filters.get("call"):
        apps = apps.filter(call=filters["call"])
    if filters.get("fund"):
        apps = apps.filter(fund=filters["fund"])
    if filters.get("status"):
        apps = apps.filter(status=filters["status"])
    if filters.get("municipality"):
        apps = apps.filter(
            pk__in=Application.municipalities.through.objects.filter(
                municipality=filters["municipality"]
            ).values("application_id")
        )
    if filters.get("amount_min") is not None:
        apps = apps.filter(amount_requested__gte=filters["amount_min"])
    if filters.get("amount_max") is not None:
        apps = apps.filter(amount_requested__lte=filters["amount_max"])
    officer = filters.get("officer")
    if officer == UNASSIGNED:
        apps = apps.filter(officer__isnull=True)
    elif officer == MINE:
        apps = apps.filter(officer_id=getattr(user, "pk", None))
    elif officer:
        apps = apps.filter(officer_id=officer)
    text = (filters.get("q") or "").strip()
    if text:
        apps = apps.filter(
            Q(title__icontains=text)
            | Q(case__case_number__icontains=text)
            | Q(organisation__name__icontains=text)
        )
    return apps.order_by(*inbox_ordering(sort))


def inbox_calls(region: Region) -> QuerySet[Call]:
    return (
        Call.objects.filter(region=region)
        .select_related("region")
        .order_by("-opens_at", "title")
    )


def inbox_funds(region: Region) -> QuerySet[Fund]:
    return (
        Fund.objects.filter(region=region)
        .select_related("region")
        .order_by("is_external", "name")
    )


def inbox_municipalities(region: Region) -> QuerySet[Municipality]:
    """The municipalities that the region's submitted applications concern."""
    used = Application.municipalities.through.objects.filter(
        application__region=region
    ).exclude(application__in=Application.objects.filter(policies.NEVER_SUBMITTED))
    return Municipality.objects.filter(pk__in=used.values("municipality_id")).order_by(
        "name", "code"
    )


def region_officers(region: Region) -> QuerySet[User]:
    """The region's case officers, whom an application can be assigned to."""
    return (
        User.objects.filter(
            role_assignments__region=region,
            role_assignments__role=RoleCode.OFFICER,
            is_active=True,
        )
        .distinct()
        .order_by("full_name", "email")
    )


def saved_filters(*, user: Any, region: Region) -> QuerySet[SavedFilter]:
    return SavedFilter.objects.filter(user=user, region=region).order_by("name")


def staff_application(*, user: Any, region: Region, pk: int) -> Application | None:
    """One of the region's applications for its staff page; None outside the scope."""
    return (
        inbox_base(user=user, region=region)
        .select_related(*_INBOX_RELATED, "created_by")
        .filter(pk=pk)
        .first()
    )


def latest_submissions(application_ids: list[int]) -> dict[int, Submission]:
    """The newest submission of each application, in one query."""
    newest = Submission.objects.filter(application_id=OuterRef("application_id"))
    rows = Submission.objects.filter(
        application_id__in=application_ids,
        pk=Subquery(newest.order_by("-number").values("pk")[:1]),
    )
    return {submission.application_id: submission for submission in rows}


@dataclass(frozen=True)
class InboxSummary:
    """The dashboard panel's figures."""

    by_status: list[dict[str, Any]]
    total: int
    newest: list[Application]
    overdue: list[CompletionRequest]


def inbox_summary(region: Region, *, newest: int = 5) -> InboxSummary:
    """Counts by status, the newest submitted, and open completion requests past
    their deadline in the region's calendar (three queries)."""
    apps = Application.objects.filter(region=region).exclude(policies.NEVER_SUBMITTED)
    counts = dict(apps.order_by().values_list("status").annotate(n=Count("id")))
    today = timezone.localdate(timezone.now(), region.tzinfo)
    return InboxSummary(
        by_status=[
            {"value": value, "label": label, "count": counts[value]}
            for value, label in INBOX_STATUSES
            if counts.get(value)
        ],
        total=sum(counts.values()),
        newest=list(
            apps.filter(last_submitted_at__isnull=False)
            .select_related("case", "organisation")
            .order_by("-last_submitted_at", "-pk")[:newest]
        ),
        overdue=list(
            CompletionRequest.objects.filter(
                application__region=region,
                application__status=ApplicationStatus.COMPLETION_REQUESTED,
                answered_at__isnull=True,
                deadline__lt=today,
            )
            .select_related("application__case", "application__organisation")
            .order_by("deadline", "pk")
        ),
    )


def aid_intensity(amount: int | None, total: int) -> Decimal | None:
    """The amount applied for as a percentage of the total cost, to one decimal."""
    if amount is None or not total:
        return None
    return (Decimal(amount) * 100 / Decimal(total)).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )


def submitted_content(
    application: Application, submission: Submission | None
) -> dict[str, Any] | None:
    """What a submission sent, made ready for a staff page (the officer's and the
    assessor's): the snapshot's summary with the financing balance, the aid intensity
    against the fund's maximum, and each attachment with the stored file it matches
    (`download`, or None). The page adds each attachment's `url`."""
    if submission is None:
        return None
    summary = snapshot_summary(submission.snapshot)
    summary["number"] = submission.number
    summary["submitted_at"] = submission.submitted_at
    amount = summary["amount_requested"]
    total = summary["total_cost"] or 0
    summary["financing_total"] = (amount or 0) + (summary["cofinancing_total"] or 0)
    summary["balance"] = total - summary["financing_total"]
    summary["aid_intensity"] = aid_intensity(amount, total)
    fund = application.fund
    summary["max_aid_intensity"] = fund.max_aid_intensity if fund else None
    summary["over_intensity"] = bool(
        fund
        and summary["aid_intensity"] is not None
        and amount is not None
        and amount * 100 > fund.max_aid_intensity * total
    )
    downloads = {att.sha256: att for att in application.attachments.order_by("pk")}
    summary["attachments"] = [
        {**item, "download": downloads.get(item.get("sha256", ""))}
        for item in summary["attachments"]
    ]
    return summary
