"""One notification service: tell a user what concerns them, in the app and by e-mail.

Services call `notify()` after their transaction has committed
(`transaction.on_commit`), so a failing mail server never undoes a decision. Each
message is rendered from two templates, ``<template>_subject.txt`` and
``<template>.txt``, in the recipient's language: the one given (an applicant's
application language), else the user's preferred language, else the region's.
Links are absolute: ``SAMVERKA_BASE_URL`` in front of the path.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from samverka.core.models import Notification

logger = logging.getLogger(__name__)

DEFAULT_BASE_URL = "http://localhost:8000"


def base_url() -> str:
    """The site's address without a trailing slash."""
    return str(getattr(settings, "SAMVERKA_BASE_URL", "") or DEFAULT_BASE_URL).rstrip(
        "/"
    )


def absolute_url(path: str) -> str:
    return f"{base_url()}{path}" if path else ""


def url_for(name: str, *args: Any) -> str:
    """The absolute address of a named page, or "" when the page does not exist (a
    letter is still worth sending without its link)."""
    try:
        return absolute_url(reverse(name, args=list(args)))
    except NoReverseMatch:
        logger.warning("No URL named %s for an e-mail link", name)
        return ""


def recipients(addresses: Iterable[str | None]) -> list[str]:
    """The addresses without blanks and repeats (case does not make a new address)."""
    seen: set[str] = set()
    found: list[str] = []
    for address in addresses:
        address = (address or "").strip()
        if address and address.lower() not in seen:
            seen.add(address.lower())
            found.append(address)
    return found


def render_subject(template: str, context: dict[str, Any]) -> str:
    """A subject template rendered as one line."""
    return " ".join(render_to_string(template, context).split())


def send(message: EmailMessage) -> bool:
    """Send `message`; a failing mail server is logged, not raised, because the
    writes the letter reports on have already been committed."""
    try:
        message.send()
    except Exception:
        logger.exception(
            "Could not send the e-mail %r to %s", message.subject, message.to
        )
        return False
    return True


def recipient_language(user: Any, region: Any, language: str | None = None) -> str:
    return (
        language
        or getattr(user, "preferred_language", "")
        or (region.default_language if region is not None else "")
        or settings.LANGUAGE_CODE
    )


def notify(
    users: Iterable[Any],
    *,
    kind: str,
    template: str,
    context: dict[str, Any],
    region: Any = None,
    path: str = "",
    language: str | None = None,
    email: bool = True,
    attachments: Iterable[tuple[str, bytes, str]] = (),
) -> list[Notification]:
    """Tell each of `users` (once each, active users only) what `template` says.

    `path` is the page the message is about (kept in the app, absolute in the
    e-mail). `attachments` are (file name, content, content type) for the e-mail.
    """
    made: list[Notification] = []
    seen: set[int] = set()
    files = list(attachments)
    for user in users:
        if user is None or not user.is_active or user.pk in seen:
            continue
        seen.add(user.pk)
        with translation.override(recipient_language(user, region, language)):
            values = {
                **context,
                "recipient": user,
                "region": region,
                "url": absolute_url(path),
            }
            subject = render_subject(f"{template}_subject.txt", values)[:300]
            text = render_to_string(f"{template}.txt", values).strip()
        notification = Notification.objects.create(
            recipient=user,
            region=region,
            kind=kind,
            subject=subject,
            text=text,
            url=path[:500],
        )
        if email and user.email:
            message = EmailMessage(subject=subject, body=text, to=[user.email])
            for name, content, content_type in files:
                message.attach(name, content, content_type)
            if send(message):
                notification.emailed = True
                notification.save(update_fields=["emailed"])
        made.append(notification)
    return made


def mark_read(*, user: Any, notification_ids: Iterable[int] | None = None) -> int:
    """Mark the user's notifications read (all of them when no ids are given)."""
    from django.utils import timezone

    found = Notification.objects.filter(recipient=user).unread()
    if notification_ids is not None:
        found = found.filter(pk__in=list(notification_ids))
    return found.update(read_at=timezone.now())
