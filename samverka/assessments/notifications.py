"""What the assessment tells people, through the one notification service
(`samverka.core.notifications.notify`). Each sender takes an id and runs after the
writing transaction has committed."""

from __future__ import annotations

from django.urls import reverse

from samverka.assessments.models import Assignment
from samverka.core.notifications import notify


def _assignment(pk: int) -> Assignment | None:
    return (
        Assignment.objects.select_related(
            "application__call__region",
            "application__officer",
            "assessor",
            "assigned_by",
        )
        .filter(pk=pk)
        .first()
    )


def _officers(assignment: Assignment) -> list[object]:
    application = assignment.application
    people = [application.officer, assignment.assigned_by]
    return [p for p in people if p is not None and p.pk != assignment.assessor_id]


def assignment_made(assignment_id: int) -> None:
    """Ask the assessor to declare and score."""
    assignment = _assignment(assignment_id)
    if assignment is None:
        return
    region = assignment.application.call.region
    notify(
        [assignment.assessor],
        kind="assessments.assigned",
        template="assessments/notifications/assigned",
        context={"assignment": assignment, "application": assignment.application},
        region=region,
        path=reverse("assessments:assignment", args=[region.slug, assignment.pk]),
    )


def conflict_declared(assignment_id: int) -> None:
    """Tell the officer that an assessor stepped aside, so that someone else can be
    assigned."""
    assignment = _assignment(assignment_id)
    if assignment is None:
        return
    region = assignment.application.call.region
    notify(
        _officers(assignment),
        kind="assessments.conflict",
        template="assessments/notifications/conflict_declared",
        context={"assignment": assignment, "application": assignment.application},
        region=region,
        path=reverse(
            "assessments:overview", args=[region.slug, assignment.application_id]
        ),
    )


def scores_submitted(assignment_id: int) -> None:
    assignment = _assignment(assignment_id)
    if assignment is None:
        return
    region = assignment.application.call.region
    notify(
        _officers(assignment),
        kind="assessments.scored",
        template="assessments/notifications/scores_submitted",
        context={"assignment": assignment, "application": assignment.application},
        region=region,
        path=reverse(
            "assessments:overview", args=[region.slug, assignment.application_id]
        ),
    )
