"""Background tasks shared by every app."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django_tasks import task


@task()
def email_send_task(*, subject: str, body: str, to: list[str]) -> int:
    """Send one plain-text e-mail; run by a worker in production."""
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to)
