"""The decision memo and the decision letter (HTML and PDF), registered in the case.

The memo (beslutsunderlag) gathers what the decision rests on: the application as
submitted, the budget and financing from the latest submission, the assessors'
combined score, the sustainability profile, the goal conflicts and how each is
handled, the formal check, the officer's recommendation and, once taken, the
decision. The letter tells the applicant the decision in their language, with the
conditions, the reasons and how to appeal. The minutes extract shows one item of a
committee meeting. After a decision has committed, `register_decision_documents`
renders the memo and the letter as PDFs and registers them in the application's case.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samverka.applications.choices import (
    FinancingKind,
    FinancingStatus,
    FunderSector,
)
from samverka.applications.models import Application, Submission
from samverka.applications.receipts import budget_table, render_pdf
from samverka.applications.snapshot import choice_label, iso_date
from samverka.assessments import selectors as assessment_selectors
from samverka.assessments.choices import ConflictStatus
from samverka.assessments.models import FormalCheck, Recommendation
from samverka.core import audit
from samverka.core.formatting import format_date, format_money
from samverka.decisions.choices import GRANT_OUTCOMES, ConditionKind, Outcome
from samverka.decisions.models import AgendaItem, Decision
from samverka.funding.choices import DecisionLevel
from samverka.records import services as records
from samverka.records.choices import Direction, DocumentKind

logger = logging.getLogger(__name__)

MEMO_PDF_TEMPLATE = "decisions/pdf/memo.html"
LETTER_PDF_TEMPLATE = "decisions/pdf/letter.html"
MINUTES_PDF_TEMPLATE = "decisions/pdf/minutes_extract.html"


@contextmanager
def _language(language: str | None) -> Iterator[None]:
    """Run in `language` when one is given, else in the active language."""
    if language:
        with translation.override(language):
            yield
    else:
        yield


def file_stem(application: Application) -> str:
    """``RVN-2026-00042``: the case number as a file name, else the application's id."""
    number = application.case_number
    return number.replace(" ", "-") if number else f"application-{application.pk}"


def latest_submission(application: Application) -> Submission | None:
    return application.submissions.order_by("-number").first()


def _application(application: Application) -> Application:
    """The application with what the documents read of it in one query."""
    return Application.objects.select_related(
        "call__region", "fund", "organisation", "case", "officer"
    ).get(pk=application.pk)


# The memo -----------------------------------------------------------------------------


def _summary(application: Application, snapshot: dict[str, Any]) -> dict[str, Any]:
    project = snapshot.get("project", {})
    organisation = snapshot.get("organisation", {})
    requested = project.get("amount_requested", application.amount_requested)
    return {
        "title": project.get("title") or application.title,
        "organisation": organisation.get("name") or application.organisation.name,
        "national_id": organisation.get("national_id")
        or application.organisation.national_id,
        "case_number": application.case_number,
        "call": snapshot.get("call", {}).get("title")
        or application.call.localised("title"),
        "fund": snapshot.get("fund", {}).get("name")
        or (application.fund.localised("name") if application.fund else ""),
        "start_date": iso_date(project.get("start_date")) or application.start_date,
        "end_date": iso_date(project.get("end_date")) or application.end_date,
        "amount_requested": requested,
        "total_cost": snapshot.get("total_cost", application.total_cost),
        "summary": project.get("summary") or application.summary,
    }


def _financing(snapshot: dict[str, Any], currency: str) -> dict[str, Any]:
    project = snapshot.get("project", {})
    requested = int(project.get("amount_requested") or 0)
    cofinancing = int(snapshot.get("cofinancing_total") or 0)
    return {
        "lines": [
            {
                "funder": line.get("funder", ""),
                "kind": choice_label(FinancingKind, line.get("kind")),
                "sector": choice_label(FunderSector, line.get("sector")),
                "status": choice_label(FinancingStatus, line.get("status")),
                "amount": format_money(int(line.get("amount") or 0), currency),
            }
            for line in snapshot.get("financing", [])
        ],
        "requested": format_money(requested, currency),
        "cofinancing_total": format_money(cofinancing, currency),
        "total": format_money(requested + cofinancing, currency),
    }


def _scores(application: Application) -> dict[str, Any]:
    """The combined score and each criterion's mean over the assessors who have
    submitted; no single assessor's scores."""
    combined = assessment_selectors.combined_scores([application.pk])[application.pk]
    criteria = [
        {
            "name": criterion.localised("name"),
            "weight": criterion.weight,
            "scale_min": criterion.scale_min,
            "scale_max": criterion.scale_max,
            "mean": combined.per_criterion.get(criterion.pk),
        }
        for criterion in application.call.criteria.all()
    ]
    return {
        "percent": combined.percent,
        "assessors": combined.assessors,
        "criteria": criteria,
    }


def _conflicts(profile: assessment_selectors.Profile) -> dict[str, list[Any]]:
    return {
        "confirmed": profile.confirmed_conflicts,
        "dismissed": [
            c for c in profile.conflicts if c.status == ConflictStatus.DISMISSED
        ],
        "proposed": profile.proposed_conflicts,
    }


def _formal_check(application: Application) -> FormalCheck | None:
    return (
        FormalCheck.objects.filter(application=application)
        .select_related("checked_by")
        .prefetch_related("items")
        .first()
    )


def _recommendation(application: Application) -> Recommendation | None:
    return (
        Recommendation.objects.filter(application=application)
        .select_related("written_by")
        .first()
    )


def decision_of(application: Application) -> Decision | None:
    return (
        Decision.objects.filter(application=application)
        .select_related(
            "decided_by",
            "appropriation__fund",
            "agenda_item__meeting__committee",
        )
        .prefetch_related("conditions")
        .first()
    )


def memo_context(
    application: Application, *, language: str | None = None
) -> dict[str, Any]:
    """Everything the decision memo shows, formatted in `language` (or the active
    language)."""
    with _language(language):
        application = _application(application)
        region = application.call.region
        submission = latest_submission(application)
        snapshot = submission.snapshot if submission is not None else {}
        currency = snapshot.get("currency") or region.currency
        profile = assessment_selectors.sustainability_profile(application)
        decision = decision_of(application)
        return {
            "application": application,
            "region": region,
            "currency": currency,
            "case_number": application.case_number,
            "submission": submission,
            "summary": _summary(application, snapshot),
            "budget": budget_table(snapshot, currency) if snapshot else None,
            "financing": _financing(snapshot, currency) if snapshot else None,
            "scores": _scores(application),
            "profile": profile,
            "conflicts": _conflicts(profile),
            "formal_check": _formal_check(application),
            "recommendation": _recommendation(application),
            "decision": decision,
            "conditions": list(decision.conditions.all()) if decision else [],
            "decided_by": decided_by_text(decision, region.tzinfo) if decision else "",
            "generated_at": timezone.now(),
        }


def render_memo_pdf(
    application: Application, *, language: str | None = None
) -> bytes | None:
    """The memo as a PDF, or None when WeasyPrint cannot be loaded."""
    with _language(language):
        context = memo_context(application)
        context["page_counter"] = page_counter_css()
        return render_pdf(MEMO_PDF_TEMPLATE, context)


def page_counter_css() -> Any:
    """The CSS `content` of "Page 2 of 7" in the active language."""
    from samverka.strategy.views.report import page_counter_css as counter

    return counter()


# The letter ---------------------------------------------------------------------------


def letter_language(decision: Decision) -> str:
    """The language the region writes to the applicant in."""
    application = decision.application
    return str(application.language or application.call.region.default_language)


def decided_by_text(decision: Decision, tz: datetime.tzinfo) -> str:
    """Who took the decision, in a phrase: the committee at its meeting, or the
    person at their level of delegation."""
    item: AgendaItem | None = decision.agenda_item
    if item is not None:
        meeting = item.meeting
        return _("%(committee)s at its meeting on %(date)s, § %(number)s") % {
            "committee": meeting.committee.name,
            "date": format_date(timezone.localtime(meeting.starts_at, tz).date()),
            "number": item.number,
        }
    person = decision.decided_by
    level = choice_label(DecisionLevel, decision.level).lower()
    if person is None:
        return _("the region, %(level)s") % {"level": level}
    return _("%(name)s, %(level)s") % {"name": person, "level": level}


def decision_sentence(decision: Decision, context: dict[str, Any]) -> str:
    """The decision in plain words."""
    application = decision.application
    values = {
        "region": context["region"].name,
        "organisation": context["organisation"].name,
        "title": application.title,
        "amount": context["amount"],
        "start": context["start_date"],
        "end": context["end_date"],
    }
    if decision.outcome in GRANT_OUTCOMES:
        if values["start"] and values["end"]:
            text = _(
                "%(region)s grants %(organisation)s %(amount)s for the project "
                "“%(title)s” for the project period %(start)s to %(end)s."
            )
        else:
            text = _(
                "%(region)s grants %(organisation)s %(amount)s for the project "
                "“%(title)s”."
            )
        if decision.outcome == Outcome.GRANT_WITH_CONDITIONS:
            text += " " + _("The grant is paid on the conditions below.")
        return text % values
    if decision.outcome == Outcome.REJECT:
        return (
            _(
                "%(region)s rejects the application from %(organisation)s for the "
                "project “%(title)s”. No grant is given."
            )
            % values
        )
    if decision.outcome == Outcome.DISMISS:
        return (
            _(
                "%(region)s dismisses the application from %(organisation)s for the "
                "project “%(title)s” without trying it on its merits."
            )
            % values
        )
    return (
        _(
            "The application from %(organisation)s for the project “%(title)s” has "
            "been withdrawn, and %(region)s writes the case off."
        )
        % values
    )


def _condition_lines(decision: Decision, currency: str) -> list[dict[str, Any]]:
    lines = []
    for condition in decision.conditions.all():
        detail = ""
        if condition.kind == ConditionKind.COFUNDING:
            parts = {
                "funder": condition.funder,
                "amount": format_money(condition.amount, currency)
                if condition.amount
                else "",
                "deadline": format_date(condition.deadline, style="long")
                if condition.deadline
                else "",
            }
            if parts["amount"] and parts["deadline"]:
                detail = (
                    _(
                        "The grant depends on %(funder)s contributing %(amount)s; "
                        "this must be shown by %(deadline)s."
                    )
                    % parts
                )
            elif parts["deadline"]:
                detail = (
                    _(
                        "The grant depends on a decision by %(funder)s; this must be "
                        "shown by %(deadline)s."
                    )
                    % parts
                )
            else:
                detail = _("The grant depends on a decision by %(funder)s.") % parts
        lines.append({"text": condition.text, "detail": detail, "obj": condition})
    return lines


def letter_context(decision: Decision) -> dict[str, Any]:
    """What the decision letter to the applicant shows, formatted in the letter's
    language (call it inside `translation.override(letter_language(decision))`, as
    `render_letter_html` does)."""
    decision = (
        Decision.objects.select_related(
            "application__call__region",
            "application__organisation",
            "application__case",
            "application__officer",
            "application__fund",
            "decided_by",
            "agenda_item__meeting__committee",
        )
        .prefetch_related("conditions")
        .get(pk=decision.pk)
    )
    application = decision.application
    region = application.call.region
    currency = application.currency
    decided_on = timezone.localtime(decision.decided_at, region.tzinfo).date()
    context: dict[str, Any] = {
        "decision": decision,
        "application": application,
        "region": region,
        "organisation": application.organisation,
        "case_number": application.case_number,
        "date": format_date(decided_on, style="long"),
        "date_iso": decided_on.isoformat(),
        "amount": format_money(decision.amount, currency),
        "start_date": format_date(decision.start_date, style="long")
        if decision.start_date
        else "",
        "end_date": format_date(decision.end_date, style="long")
        if decision.end_date
        else "",
        "is_grant": decision.outcome in GRANT_OUTCOMES,
        "conditions": _condition_lines(decision, currency),
        "decided_by": decided_by_text(decision, region.tzinfo),
        "officer": application.officer,
    }
    context["decision_text"] = decision_sentence(decision, context)
    return context


def render_letter_html(decision: Decision) -> str:
    """The letter as the HTML that becomes its PDF, in the letter's language."""
    with translation.override(letter_language(decision)):
        context = letter_context(decision)
        context["page_counter"] = page_counter_css()
        return render_to_string(LETTER_PDF_TEMPLATE, context)


def render_letter_pdf(decision: Decision) -> bytes | None:
    """The letter as a PDF in the letter's language, or None when WeasyPrint cannot
    be loaded."""
    with translation.override(letter_language(decision)):
        context = letter_context(decision)
        context["page_counter"] = page_counter_css()
        return render_pdf(LETTER_PDF_TEMPLATE, context)


# The minutes extract ------------------------------------------------------------------


def minutes_extract_context(item: AgendaItem) -> dict[str, Any]:
    """One item of a committee meeting as the minutes record it (protokollsutdrag)."""
    item = AgendaItem.objects.select_related(
        "meeting__committee__region",
        "meeting__secretary",
        "application__organisation",
        "application__case",
        "application__call__region",
    ).get(pk=item.pk)
    application = item.application
    region = item.meeting.committee.region
    decision = decision_of(application)
    if decision is not None and decision.agenda_item_id != item.pk:
        decision = None
    return {
        "item": item,
        "meeting": item.meeting,
        "committee": item.meeting.committee,
        "region": region,
        "application": application,
        "case_number": application.case_number,
        "currency": application.currency,
        "recommendation": _recommendation(application),
        "decision": decision,
        "conditions": list(decision.conditions.all()) if decision else [],
    }


def render_minutes_extract_pdf(item: AgendaItem) -> bytes | None:
    context = minutes_extract_context(item)
    context["page_counter"] = page_counter_css()
    return render_pdf(MINUTES_PDF_TEMPLATE, context)


# Registration -------------------------------------------------------------------------


def register_decision_documents(decision_id: int) -> int:
    """Register the memo (internal) and the letter (outgoing) in the case.

    Idempotent: a document already registered for the decision is not registered
    again. When WeasyPrint cannot be loaded nothing is registered (and it is logged),
    so that a later run can register the PDFs. Returns the number registered."""
    with transaction.atomic():
        decision = (
            Decision.objects.select_for_update(of=("self",))
            .select_related(
                "application__call__region",
                "application__case",
                "application__organisation",
            )
            .filter(pk=decision_id)
            .order_by("pk")
            .first()
        )
        if decision is None:
            return 0
        if decision.memo_id is not None and decision.letter_id is not None:
            return 0
        application = decision.application
        case = application.case
        if case is None:
            logger.error("Decision %s: the application has no case", decision.pk)
            return 0
        region = application.call.region
        stem = file_stem(application)
        registered: dict[str, Any] = {}
        if decision.memo_id is None:
            with translation.override(region.default_language):
                pdf = render_memo_pdf(application)
                if pdf is None:
                    logger.warning(
                        "Decision %s: no PDF could be made; the memo is not registered",
                        decision.pk,
                    )
                    return 0
                registered["memo"] = records.document_register(
                    case=case,
                    by=None,
                    direction=Direction.INTERNAL,
                    kind=DocumentKind.DECISION_MEMO,
                    title=_("Decision memo: %(title)s") % {"title": application.title},
                    content=pdf,
                    file_name=f"{stem}-memo.pdf",
                    content_type="application/pdf",
                )
        if decision.letter_id is None:
            with translation.override(letter_language(decision)):
                pdf = render_letter_pdf(decision)
                if pdf is None:
                    logger.warning(
                        "Decision %s: no PDF could be made; the letter is not "
                        "registered",
                        decision.pk,
                    )
                else:
                    registered["letter"] = records.document_register(
                        case=case,
                        by=None,
                        direction=Direction.OUTGOING,
                        kind=DocumentKind.DECISION,
                        title=_("Decision: %(title)s") % {"title": application.title},
                        content=pdf,
                        file_name=f"{stem}-decision.pdf",
                        content_type="application/pdf",
                        counterpart=application.organisation.name,
                    )
        if not registered:
            return 0
        for name, document in registered.items():
            setattr(decision, name, document)
        decision.save(update_fields=[*registered, "updated_at"])
        audit.log(
            application,
            "decisions.document_register",
            by=None,
            changes={
                name: (None, document.reference)
                for name, document in registered.items()
            },
        )
    return len(registered)
