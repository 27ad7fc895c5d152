"""E-mails to invited co-applicants and to applicants asked for completion."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from samverka.accounts.tests.factories import UserFactory
from samverka.actors.models import Membership
from samverka.applications import notifications, services
from samverka.applications.tests.conftest import complete
from samverka.core.formatting import format_date

pytestmark = pytest.mark.django_db


def _invite(draft, applicant, capture, **extra):
    with capture(execute=True):
        return services.partner_add(
            application=draft,
            by=applicant,
            data={
                "name": "Mittuniversitetet",
                "role": "co_applicant",
                "email": "forskare@miun.example",
                **extra,
            },
        )


def test_a_co_applicant_is_invited_with_an_absolute_link(
    draft, applicant, settings, django_capture_on_commit_callbacks
):
    settings.SAMVERKA_BASE_URL = "https://samverka.example.org/"
    partner = _invite(draft, applicant, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["forskare@miun.example"]
    link = "https://samverka.example.org" + reverse(
        "applications:partner_accept", args=[partner.token]
    )
    assert link in message.body
    assert "Digital besöksnäring" in message.subject
    assert "Exempelbolaget Norrland AB" in message.body
    assert message.reply_to == ["sara@example.org"]


def test_without_the_setting_links_point_at_localhost(
    draft, applicant, settings, django_capture_on_commit_callbacks
):
    if hasattr(settings, "SAMVERKA_BASE_URL"):
        del settings.SAMVERKA_BASE_URL
    partner = _invite(draft, applicant, django_capture_on_commit_callbacks)
    assert f"http://localhost:8000/me/invitations/{partner.token}/" in (
        mail.outbox[0].body
    )


def test_a_partner_without_an_address_or_role_gets_no_invitation(
    draft, applicant, django_capture_on_commit_callbacks
):
    _invite(draft, applicant, django_capture_on_commit_callbacks, role="partner")
    _invite(draft, applicant, django_capture_on_commit_callbacks, email="")
    assert mail.outbox == []
    notifications.send_partner_invitation(0)
    assert mail.outbox == []


def test_the_invitation_is_in_the_applications_language(
    draft, applicant, django_capture_on_commit_callbacks
):
    services.application_update(
        application=draft, by=applicant, data={"language": "sv"}
    )
    seen = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(notifications, "render_subject", _recording(seen))
        _invite(draft, applicant, django_capture_on_commit_callbacks)
    assert seen == ["sv"]
    assert len(mail.outbox) == 1


def _recording(seen):
    original = notifications.render_subject

    def render(template, context):
        from django.utils.translation import get_language

        seen.append(get_language())
        return original(template, context)

    return render


def test_a_completion_request_is_mailed_to_contact_and_members(
    draft, applicant, applicant_org, officer, django_capture_on_commit_callbacks
):
    colleague = UserFactory(email="kollega@example.org")
    Membership.objects.create(user=colleague, organisation=applicant_org)
    former = UserFactory(email="slutat@example.org", is_active=False)
    Membership.objects.create(user=former, organisation=applicant_org)
    complete(draft, applicant)
    services.application_update(
        application=draft, by=applicant, data={"language": "sv"}
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.application_submit(application=draft, by=applicant, key="k1")
    mail.outbox.clear()
    deadline = timezone.localdate() + datetime.timedelta(days=14)
    with django_capture_on_commit_callbacks(execute=True):
        request = services.completion_request(
            application=draft,
            by=officer,
            message="Bifoga intyg om medfinansiering från kommunen.",
            deadline=deadline,
        )
    draft.refresh_from_db()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == ["kollega@example.org", "sara@example.org"]
    assert draft.case.case_number in message.subject
    assert "Bifoga intyg om medfinansiering från kommunen." in message.body
    assert format_date(deadline, language="sv", style="long") in message.body
    link = "http://localhost:8000" + reverse(
        "applications:applicant_detail", args=[draft.pk]
    )
    assert link in message.body
    assert request.pk
    # In the app too, for those who act for the applicant (not the former member).
    from samverka.core.models import Notification

    told = Notification.objects.filter(kind="applications.completion_request")
    assert sorted(n.recipient.email for n in told) == [
        "kollega@example.org",
        "sara@example.org",
    ]
    assert all(n.subject == message.subject and not n.emailed for n in told)
    assert {n.url for n in told} == {
        reverse("applications:applicant_detail", args=[draft.pk])
    }


def test_a_failing_mail_server_does_not_break_the_caller(
    draft, applicant, settings, django_capture_on_commit_callbacks, caplog
):
    settings.EMAIL_BACKEND = "samverka.applications.tests.test_notifications.Broken"
    _invite(draft, applicant, django_capture_on_commit_callbacks)
    assert "Could not send the e-mail" in caplog.text


class Broken:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise OSError("connection refused")
