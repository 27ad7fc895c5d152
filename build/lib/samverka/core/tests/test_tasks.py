"""Background work: immediate in tests, queued in the database for workers in production."""

import pytest
from django.core import mail
from django.core.management import call_command
from django_tasks import task_backends

from samverka.core.tasks import email_send_task

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_immediate_backend_sends_at_once():
    email_send_task.enqueue(subject="Hej", body="Text", to=["a@example.org"])
    assert [m.subject for m in mail.outbox] == ["Hej"]


@pytest.mark.django_db(transaction=True)
def test_database_backend_queues_until_a_worker_runs(settings):
    settings.TASKS = (
        DATABASE_TASKS  # django-tasks resets its backends on setting_changed
    )
    assert type(task_backends["default"]).__name__ == "DatabaseBackend"
    result = email_send_task.enqueue(subject="Kö", body="Text", to=["b@example.org"])
    assert mail.outbox == []
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    assert [m.subject for m in mail.outbox] == ["Kö"]
    result.refresh()
    assert result.status == "SUCCESSFUL"
