"""The applicant reads the decision on their application page and opens the letter."""

import pytest
from django.urls import reverse

from samverka.accounts.tests.factories import UserFactory
from samverka.decisions import services
from samverka.decisions.tests.assessed import assess

pytestmark = pytest.mark.django_db


@pytest.fixture
def granted(
    in_assessment,
    officer,
    assessor,
    criteria,
    decision_maker,
    django_capture_on_commit_callbacks,
):
    assess(in_assessment, officer=officer, assessor=assessor, criteria=criteria)
    with django_capture_on_commit_callbacks(execute=True):
        services.decision_record(
            application=in_assessment,
            by=decision_maker,
            data={
                "outcome": "grant_with_conditions",
                "amount": 400_000_00,
                "reasons": "Projektet stärker handlingsplanens mål.",
                "conditions": [
                    {
                        "kind": "cofunding",
                        "text": "Kommunen medfinansierar.",
                        "funder": "Sundsvalls kommun",
                        "deadline": "2027-03-31",
                    }
                ],
            },
        )
    in_assessment.refresh_from_db()
    return in_assessment


def test_the_applicant_sees_the_decision_and_opens_the_letter(
    client, granted, applicant
):
    client.force_login(applicant)
    client.cookies["samverka_language"] = "en"
    page = client.get(reverse("applications:applicant_detail", args=[granted.pk]))
    content = page.content.decode()
    assert "The decision" in content
    assert "Grant with conditions" in content
    assert "Projektet stärker handlingsplanens mål." in content
    assert "Kommunen medfinansierar." in content
    letter_url = reverse("decisions:applicant_letter", args=[granted.pk])
    assert letter_url in content
    letter = client.get(letter_url)
    assert letter.status_code == 200
    assert letter["Content-Type"] == "application/pdf"
    assert b"".join(letter.streaming_content).startswith(b"%PDF")


def test_nobody_else_opens_the_letter(client, granted, officer):
    url = reverse("decisions:applicant_letter", args=[granted.pk])
    for user in (UserFactory(), officer):
        client.force_login(user)
        assert client.get(url).status_code == 404


def test_an_undecided_application_shows_no_decision(client, in_assessment, applicant):
    client.force_login(applicant)
    client.cookies["samverka_language"] = "en"
    page = client.get(reverse("applications:applicant_detail", args=[in_assessment.pk]))
    assert "The decision" not in page.content.decode()
    url = reverse("decisions:applicant_letter", args=[in_assessment.pk])
    assert client.get(url).status_code == 404
