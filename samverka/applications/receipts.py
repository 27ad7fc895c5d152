"""The printout, registration and receipt of a submission.

After a submit has committed, a task calls `register_submission()`: it renders the
printout of the snapshot as a PDF in the applicant's language, registers it in the
application's case (the application the first time, a completed application after a
completion request), registers the attachments the case does not hold yet (judged by
their SHA-256 checksum, so an unchanged attachment is registered once), registers the
receipt, and e-mails the receipt with the printout once those writes have committed.

It is idempotent: a submission whose printout is registered is left alone, so a task
that runs twice registers and sends nothing the second time. The printout reads only
the snapshot, never the live application.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from samverka.applications.choices import (
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
from samverka.applications.models import Attachment, Submission
from samverka.applications.notifications import (
    application_language,
    base_url,
    recipients,
    render_subject,
    send,
    url_for,
)
from samverka.applications.snapshot import choice_label
from samverka.core.formatting import (
    format_date,
    format_moment,
    format_money,
    format_number,
)
from samverka.funding.choices import IndicatorLevel
from samverka.records import services as records
from samverka.records.choices import Direction, DocumentKind
from samverka.records.models import Case, Document

logger = logging.getLogger(__name__)

PDF_TEMPLATE = "applications/pdf/printout.html"


def load_weasyprint() -> Any:
    """WeasyPrint's `HTML` class, imported when a PDF is made: it needs Pango and
    friends and raises OSError when those system libraries are missing."""
    from weasyprint import HTML

    return HTML


def render_pdf(template: str, context: dict[str, Any]) -> bytes | None:
    """`template` rendered as a PDF, or None when WeasyPrint cannot be loaded."""
    try:
        html_class = load_weasyprint()
    except (ImportError, OSError):
        logger.exception("WeasyPrint cannot be loaded; the printout has no PDF")
        return None
    html = render_to_string(template, context)
    pdf: bytes = html_class(string=html, base_url=base_url() + "/").write_pdf()
    return pdf


# The printout -------------------------------------------------------------------------


def _date(value: str | None) -> str:
    if not value:
        return ""
    try:
        return format_date(datetime.date.fromisoformat(value))
    except ValueError:
        return value


def _decimal(value: str | None) -> str:
    if value is None or value == "":
        return ""
    try:
        return format_number(Decimal(value).normalize())
    except InvalidOperation:
        return str(value)


def local_time(moment: datetime.datetime, tz: Any) -> str:
    """`moment` in the region's time zone, with the zone named."""
    return format_moment(moment, tz, style="long")


@dataclass
class BudgetTable:
    """The budget by cost category (rows) and year (columns), formatted."""

    years: list[int]
    rows: list[dict[str, Any]] = field(default_factory=list)
    year_totals: list[str] = field(default_factory=list)
    total: str = ""


def budget_table(snapshot: dict[str, Any], currency: str) -> BudgetTable:
    lines = snapshot.get("budget", [])
    years = sorted({line["year"] for line in lines})
    amounts = {(line["category"], line["year"]): line["amount"] for line in lines}
    descriptions: dict[str, str] = {}
    for line in lines:
        if line.get("description"):
            descriptions.setdefault(line["category"], line["description"])
    table = BudgetTable(years=years)
    for category in CostCategory:
        if not any((category.value, year) in amounts for year in years):
            continue
        cells = [amounts.get((category.value, year), 0) for year in years]
        table.rows.append(
            {
                "label": str(category.label),
                "description": descriptions.get(category.value, ""),
                "cells": [format_money(c, currency, whole=True) for c in cells],
                "total": format_money(sum(cells), currency, whole=True),
            }
        )
    table.year_totals = [
        format_money(
            sum(a for (_c, y), a in amounts.items() if y == year), currency, whole=True
        )
        for year in years
    ]
    table.total = format_money(sum(amounts.values()), currency, whole=True)
    return table


def printout_context(submission: Submission) -> dict[str, Any]:
    """What the printout shows, from the snapshot alone, in the active language."""
    snapshot = submission.snapshot
    application = submission.application
    region = application.call.region
    currency = snapshot.get("currency") or region.currency
    project = snapshot.get("project", {})

    def money(amount: int | None) -> str:
        return "" if amount is None else format_money(int(amount), currency)

    requested = project.get("amount_requested") or 0
    cofinancing = snapshot.get("cofinancing_total") or 0
    effects = [
        {
            "label": str(level.label),
            "items": [
                e["text"] for e in snapshot.get("effects", []) if e["level"] == level
            ],
        }
        for level in EffectLevel
    ]
    return {
        "region": region,
        "case_number": application.case_number,
        "submission": submission,
        "is_completion": submission.number > 1,
        "stage": choice_label(Stage, snapshot.get("stage", "")),
        "submitted_at": local_time(submission.submitted_at, region.tzinfo),
        "call_title": snapshot.get("call", {}).get("title", ""),
        "fund_name": snapshot.get("fund", {}).get("name", ""),
        "organisation": snapshot.get("organisation", {}),
        "project": project,
        "start_date": _date(project.get("start_date")),
        "end_date": _date(project.get("end_date")),
        "texts": [
            (_("Summary"), project.get("summary", "")),
            (_("Background and need"), project.get("background", "")),
            (_("Objectives"), project.get("objectives", "")),
            (_("Target groups"), project.get("target_groups", "")),
            (_("Work plan"), project.get("work_plan", "")),
        ],
        "municipalities": snapshot.get("municipalities", []),
        "activities": [a["title"] for a in snapshot.get("activities", [])],
        "goals": [g["title"] for g in snapshot.get("goals", [])],
        "partners": [
            {**p, "role_label": choice_label(PartnerRole, p.get("role", ""))}
            for p in snapshot.get("partners", [])
        ],
        "budget": budget_table(snapshot, currency),
        "total_cost": money(snapshot.get("total_cost") or 0),
        "amount_requested": money(requested),
        "financing": [
            {
                **line,
                "kind_label": choice_label(FinancingKind, line.get("kind", "")),
                "sector_label": choice_label(FunderSector, line.get("sector", "")),
                "status_label": choice_label(FinancingStatus, line.get("status", "")),
                "amount_text": money(line.get("amount")),
            }
            for line in snapshot.get("financing", [])
        ],
        "cofinancing_total": money(cofinancing),
        "financing_total": money(requested + cofinancing),
        "effects": effects,
        "indicators": [
            {
                **ind,
                "level_label": choice_label(IndicatorLevel, ind.get("level", "")),
                "baseline_text": _decimal(ind.get("baseline")),
                "target_text": _decimal(ind.get("target")),
            }
            for ind in snapshot.get("indicators", [])
        ],
        "sustainability": [
            {
                "aspect": choice_label(SustainabilityAspect, a["aspect"]),
                "rating": choice_label(IntegrationRating, a["rating"]),
                "description": a.get("description", ""),
            }
            for a in snapshot.get("sustainability", [])
        ],
        "de_minimis_received": money(project.get("de_minimis_received")),
        "de_minimis_declared": project.get("de_minimis_declared"),
        "attachments": [
            {**att, "size_text": format_number(att.get("size") or 0)}
            for att in snapshot.get("attachments", [])
        ],
    }


# Registration -------------------------------------------------------------------------


def _file_stem(case: Case, submission: Submission) -> str:
    return f"{case.case_number.replace(' ', '-')}-{submission.number}"


def _register_attachments(
    submission: Submission, case: Case, counterpart: str
) -> list[Document]:
    """Register the snapshot's attachments whose checksum the case does not hold."""
    held = set(case.documents.exclude(sha256="").values_list("sha256", flat=True))
    wanted = [
        att
        for att in submission.snapshot.get("attachments", [])
        if att.get("sha256") and att["sha256"] not in held
    ]
    if not wanted:
        return []
    stored = {
        att.sha256: att
        for att in Attachment.objects.filter(
            application_id=submission.application_id,
            sha256__in=[a["sha256"] for a in wanted],
        )
    }
    documents: list[Document] = []
    for att in wanted:
        if att["sha256"] in held:
            continue
        held.add(att["sha256"])
        row = stored.get(att["sha256"])
        content: bytes | None = None
        if row is not None:
            try:
                with row.file.open("rb") as handle:
                    content = handle.read()
            except OSError:
                logger.exception("Attachment %s cannot be read", row.pk)
        documents.append(
            records.document_register(
                case=case,
                by=None,
                direction=Direction.INCOMING,
                kind=DocumentKind.ATTACHMENT,
                title=att.get("title") or att.get("file_name") or _("Attachment"),
                content=content,
                file_name=att.get("file_name", "") if content is not None else "",
                content_type=att.get("content_type", "") if content is not None else "",
                counterpart=counterpart,
            )
        )
    return documents


def register_submission(submission: Submission) -> list[Document]:
    """Register the submission's printout, new attachments and receipt in its case,
    and e-mail the receipt once committed. Returns the documents registered (none
    when the submission was registered before)."""
    with transaction.atomic():
        locked = (
            Submission.objects.select_for_update()
            .filter(pk=submission.pk)
            .values_list("document_id", flat=True)
            .first()
        )
        if locked is not None or submission.document_id is not None:
            return []
        submission = Submission.objects.select_related(
            "application__call__region",
            "application__case",
            "application__organisation",
            "submitted_by",
        ).get(pk=submission.pk)
        application = submission.application
        case = application.case
        if case is None:
            logger.error("Submission %s has no case to register in", submission.pk)
            return []
        organisation = submission.snapshot.get("organisation", {})
        counterpart = organisation.get("name") or application.organisation.name
        stem = _file_stem(case, submission)
        documents: list[Document] = []
        with translation.override(application_language(application)):
            context = printout_context(submission)
            pdf = render_pdf(PDF_TEMPLATE, context)
            is_completion = submission.number > 1
            printout = records.document_register(
                case=case,
                by=None,
                direction=Direction.INCOMING,
                kind=DocumentKind.COMPLETION
                if is_completion
                else DocumentKind.APPLICATION,
                title=(
                    _("Completed application: %(title)s")
                    if is_completion
                    else _("Application: %(title)s")
                )
                % {"title": context["project"].get("title") or application.title},
                content=pdf,
                file_name=f"{stem}.pdf" if pdf is not None else "",
                content_type="application/pdf" if pdf is not None else "",
                counterpart=counterpart,
            )
            documents.append(printout)
            submission.document = printout
            submission.save(update_fields=["document"])
            documents.extend(_register_attachments(submission, case, counterpart))
            message = receipt_message(submission, context, pdf, f"{stem}.pdf")
            receipt_text = f"{message.subject}\n\n{message.body}"
            documents.append(
                records.document_register(
                    case=case,
                    by=None,
                    direction=Direction.OUTGOING,
                    kind=DocumentKind.RECEIPT,
                    title=_("Receipt of submission %(number)s")
                    % {"number": submission.number},
                    content=receipt_text.encode(),
                    file_name=f"{stem}-receipt.txt",
                    content_type="text/plain; charset=utf-8",
                    counterpart=", ".join(message.to) or counterpart,
                )
            )
        if message.to:
            transaction.on_commit(lambda: send(message))
        else:
            logger.warning("Submission %s: no address for the receipt", submission.pk)
    return documents


def receipt_message(
    submission: Submission, context: dict[str, Any], pdf: bytes | None, file_name: str
) -> EmailMessage:
    """The receipt e-mail in the active language, with the printout attached."""
    application = submission.application
    region = application.call.region
    submitter = submission.submitted_by
    mail_context = {
        **context,
        "application_title": context["project"].get("title") or application.title,
        "organisation_name": context["organisation"].get("name", ""),
        "application_url": url_for("applications:applicant_detail", application.pk),
        "has_pdf": pdf is not None,
    }
    message = EmailMessage(
        subject=render_subject("applications/email/receipt_subject.txt", mail_context),
        body=render_to_string("applications/email/receipt.txt", mail_context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=recipients(
            [
                application.contact_email,
                submitter.email if submitter is not None else None,
            ]
        ),
        reply_to=recipients([region.email]) or None,
    )
    if pdf is not None:
        message.attach(file_name, pdf, "application/pdf")
    return message
