"""Background tasks of the applications app (django-tasks; see samverka/core/tasks.py)."""

from __future__ import annotations

from django_tasks import task


@task()
def register_submission_documents(*, submission_id: int) -> int:
    """Register a submission's printout, new attachments and receipt in its case and
    e-mail the receipt; the number of documents registered."""
    from samverka.applications.models import Submission
    from samverka.applications.receipts import register_submission

    submission = Submission.objects.select_related("application__case").get(
        pk=submission_id
    )
    return len(register_submission(submission))
