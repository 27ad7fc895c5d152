"""E-mails to applicants and partners about their applications.

Each sender takes an id (it runs after the writing transaction has committed, from
`transaction.on_commit` or a task), loads what it needs and writes in the language the
region uses with the applicant (`Application.language`, else the region's default).
Links are absolute: ``SAMVERKA_BASE_URL`` (the site's public address) in front of the
path, ``http://localhost:8000`` when the setting is missing.
"""

from __future__ import annotations

import logging

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from samverka.actors.models import Membership
from samverka.applications.models import Application, CompletionRequest, Partner
from samverka.core.formatting import format_date
from samverka.core.notifications import (  # noqa: F401  (used by the other senders)
    absolute_url,
    base_url,
    notify,
    recipients,
    render_subject,
    send,
    url_for,
)

logger = logging.getLogger(__name__)


def application_language(application: Application) -> str:
    """The language the region writes to the applicant in."""
    return application.language or application.call.region.default_language


def send_partner_invitation(partner_id: int) -> None:
    """Invite a co-applicant at the partner's address to work on the draft."""
    partner = (
        Partner.objects.select_related(
            "application__call__region", "application__organisation"
        )
        .filter(pk=partner_id)
        .first()
    )
    if partner is None or not partner.email:
        return
    application = partner.application
    region = application.call.region
    with translation.override(application_language(application)):
        context = {
            "partner": partner,
            "application": application,
            "organisation": application.organisation,
            "call_title": application.call.localised("title"),
            "region": region,
            "accept_url": url_for("applications:partner_accept", partner.token),
        }
        message = EmailMessage(
            subject=render_subject(
                "applications/email/partner_invitation_subject.txt", context
            ),
            body=render_to_string("applications/email/partner_invitation.txt", context),
            to=[partner.email],
            reply_to=recipients([application.contact_email]) or None,
        )
    send(message)


def send_completion_request(request_id: int) -> None:
    """Tell the applicant what the officer asks for and by when: to the application's
    contact and the users who act for the applicant organisation."""
    request = (
        CompletionRequest.objects.select_related(
            "application__call__region",
            "application__case",
            "application__organisation",
        )
        .filter(pk=request_id)
        .first()
    )
    if request is None:
        return
    application = request.application
    members = Membership.objects.filter(
        organisation_id=application.organisation_id, user__is_active=True
    ).values_list("user__email", flat=True)
    to = recipients([application.contact_email, *members])
    if not to:
        logger.warning("Completion request %s: no address to send it to", request.pk)
        return
    region = application.call.region
    with translation.override(application_language(application)):
        context = {
            "request": request,
            "application": application,
            "case_number": application.case_number,
            "call_title": application.call.localised("title"),
            "region": region,
            "deadline": format_date(request.deadline, style="long"),
            "application_url": url_for("applications:applicant_detail", application.pk),
        }
        message = EmailMessage(
            subject=render_subject(
                "applications/email/completion_request_subject.txt", context
            ),
            body=render_to_string("applications/email/completion_request.txt", context),
            to=to,
            reply_to=recipients([region.email]) or None,
        )
    send(message)
    # The same message in the app of everyone who acts for the applicant (the
    # e-mail above has already reached them and the contact address).
    notify(
        [
            m.user
            for m in Membership.objects.filter(
                organisation_id=application.organisation_id, user__is_active=True
            ).select_related("user")
        ],
        kind="applications.completion_request",
        template="applications/email/completion_request",
        context=context,
        region=region,
        path=reverse("applications:applicant_detail", args=[application.pk]),
        language=application_language(application),
        email=False,
    )
