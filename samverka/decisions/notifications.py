"""What a decision tells people, through the one notification service
(`samverka.core.notifications.notify`): the applicant gets the letter (in the
application's language, the PDF attached), the officer and the assessors are told
the outcome, and the officer hears when a condition lapses."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from samverka.assessments.choices import AssignmentStatus
from samverka.core.notifications import notify
from samverka.decisions.models import Condition, Decision


def _letter_file(decision: Decision) -> list[tuple[str, bytes, str]]:
    document = decision.letter
    if document is None or not document.file:
        return []
    with document.file.open("rb") as handle:
        content = handle.read()
    return [(document.file_name or "decision.pdf", content, document.content_type)]


def decision_made(decision_id: int) -> None:
    decision = (
        Decision.objects.select_related(
            "application__call__region",
            "application__created_by",
            "application__officer",
            "application__case",
            "letter",
        )
        .filter(pk=decision_id)
        .first()
    )
    if decision is None:
        return
    application = decision.application
    region = application.call.region
    context: dict[str, Any] = {"decision": decision, "application": application}
    notify(
        [application.created_by],
        kind="decisions.letter",
        template="decisions/notifications/decision_applicant",
        context=context,
        region=region,
        path=reverse("applications:applicant_detail", args=[application.pk]),
        language=application.language or region.default_language,
        attachments=_letter_file(decision),
    )
    staff = [application.officer] + [
        a.assessor
        for a in application.assignments.filter(
            status=AssignmentStatus.SUBMITTED
        ).select_related("assessor")
    ]
    notify(
        [p for p in staff if p is not None and p.pk != decision.decided_by_id],
        kind="decisions.decided",
        template="decisions/notifications/decision_staff",
        context=context,
        region=region,
        path=reverse("decisions:decision", args=[region.slug, application.pk]),
    )


def condition_lapsed(condition_id: int) -> None:
    condition = (
        Condition.objects.select_related(
            "decision__application__call__region", "decision__application__officer"
        )
        .filter(pk=condition_id)
        .first()
    )
    if condition is None:
        return
    application = condition.decision.application
    region = application.call.region
    notify(
        [application.officer],
        kind="decisions.condition_lapsed",
        template="decisions/notifications/condition_lapsed",
        context={"condition": condition, "application": application},
        region=region,
        path=reverse("decisions:decision", args=[region.slug, application.pk]),
    )
