"""Background tasks of the decisions app (django-tasks; see samverka/core/tasks.py)."""

from __future__ import annotations

from django_tasks import task


@task()
def decision_documents(*, decision_id: int) -> int:
    """Register the decision memo and the decision letter in the application's case,
    then tell the applicant, the officer and the assessors; the number of documents
    registered."""
    from samverka.decisions import documents, notifications

    registered = documents.register_decision_documents(decision_id)
    notifications.decision_made(decision_id)
    return registered


@task()
def lapse_overdue_conditions() -> int:
    """Lapse the conditions whose deadline has passed; the number lapsed."""
    from samverka.decisions.services import conditions_lapse_overdue

    return len(conditions_lapse_overdue())
