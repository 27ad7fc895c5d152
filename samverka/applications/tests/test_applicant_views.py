"""The applicant's pages: start, list, overview, review, submit, receipt, printout,
withdraw and invitations."""

import datetime

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from samverka.accounts.tests.factories import UserFactory, staff_user
from samverka.actors.models import Membership
from samverka.actors.tests.factories import OrganisationFactory
from samverka.applications import services
from samverka.applications.choices import ApplicationStatus
from samverka.applications.models import Application, Submission
from samverka.applications.tests.conftest import complete
from samverka.funding.models import Call
from samverka.funding.tests.factories import CallFactory
from samverka.records import services as records
from samverka.records.choices import Direction, DocumentKind

pytestmark = pytest.mark.django_db


def _submit(application, user):
    submission = services.application_submit(
        application=application, by=user, key=services.new_submit_key()
    )
    application.refresh_from_db()
    return submission


@pytest.fixture
def submitted(draft, applicant):
    complete(draft, applicant)
    _submit(draft, applicant)
    return draft


@pytest.fixture
def other_applicant(region):
    org = OrganisationFactory(region=region, name="Annat Bolag AB")
    user = UserFactory(full_name="Otto Annan")
    Membership.objects.create(user=user, organisation=org)
    return user


# Start --------------------------------------------------------------------------------


def test_start_in_open_call(client_en, call, applicant, applicant_org):
    client = client_en(applicant)
    url = reverse("applications:start", args=[call.pk])

    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Regionala projektmedel 2027" in html
    assert services.deadline_text(call) in html
    assert "Exempelbolaget Norrland AB" in html

    response = client.post(
        url, {"organisation": applicant_org.pk, "title": "Besöksnäring i Sundsvall"}
    )
    application = Application.objects.get()
    assert application.title == "Besöksnäring i Sundsvall"
    assert application.organisation == applicant_org
    assert application.created_by == applicant
    assert response.status_code == 302
    try:
        expected = reverse("applications:step", args=[application.pk, "project"])
    except NoReverseMatch:
        expected = reverse("applications:applicant_detail", args=[application.pk])
    assert response["Location"] == expected


def test_start_refused_in_closed_call_shows_deadline(
    client_en, region, fund, applicant, applicant_org
):
    call = CallFactory(region=region, funds=[fund], closed=True, title="Stängd")
    client = client_en(applicant)
    url = reverse("applications:start", args=[call.pk])
    deadline = services.deadline_text(call)

    page = client.get(url)
    assert page.status_code == 200
    assert deadline in page.content.decode()

    response = client.post(url, {"organisation": applicant_org.pk, "title": "Sent"})
    assert response.status_code == 200
    html = response.content.decode()
    assert deadline in html
    assert "The call closed" in html
    assert 'value="Sent"' in html  # what was typed is kept
    assert not Application.objects.exists()


def test_start_refused_for_excluded_organisation_type(
    client_en, call, applicant, applicant_org
):
    Call.objects.filter(pk=call.pk).update(eligible_applicant_types=["municipality"])
    response = client_en(applicant).post(
        reverse("applications:start", args=[call.pk]),
        {"organisation": applicant_org.pk, "title": "Projekt"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "not open to organisations of the type" in html
    assert 'id="id_organisation_error"' in html  # at the field
    assert not Application.objects.exists()


def test_start_without_organisation_in_region_explains(client_en, call):
    user = UserFactory()
    response = client_en(user).get(reverse("applications:start", args=[call.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert reverse("actors:my_organisation_create") in html
    assert "id_organisation" not in html


def test_start_in_unpublished_call_is_404(client_en, region, fund, applicant):
    call = CallFactory(region=region, funds=[fund], draft=True)
    response = client_en(applicant).get(reverse("applications:start", args=[call.pk]))
    assert response.status_code == 404


# List and overview --------------------------------------------------------------------


def test_list_and_detail_show_status_and_case_number(
    client_en, submitted, draft, applicant, call, applicant_org
):
    other = services.application_start(
        call=call, organisation=applicant_org, by=applicant, title="Ett utkast"
    )
    client = client_en(applicant)
    case_number = submitted.case_number
    assert case_number.startswith("RVN ")

    html = client.get(reverse("applications:applicant_list")).content.decode()
    assert "Digital besöksnäring" in html
    assert "Ett utkast" in html
    assert case_number in html
    assert "Submitted" in html
    assert "Draft" in html

    page = client.get(reverse("applications:applicant_detail", args=[submitted.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert case_number in html
    assert "Submitted" in html
    assert "What you submitted" in html  # read-only summary from the snapshot
    assert "Sundsvalls kommun" in html
    assert reverse("applications:withdraw", args=[submitted.pk]) in html

    html = client.get(
        reverse("applications:applicant_detail", args=[other.pk])
    ).content.decode()
    assert "Draft" in html
    assert "Write a summary of the project." in html
    assert reverse("applications:review", args=[other.pk]) in html


def test_list_highlights_completion_deadline(client_en, submitted, applicant, officer):
    deadline = timezone.localdate() + datetime.timedelta(days=14)
    services.completion_request(
        application=submitted, by=officer, message="Bifoga intyg.", deadline=deadline
    )
    client = client_en(applicant)
    html = client.get(reverse("applications:applicant_list")).content.decode()
    assert "Completion requested" in html
    assert "Answer by" in html
    detail = client.get(
        reverse("applications:applicant_detail", args=[submitted.pk])
    ).content.decode()
    assert "Bifoga intyg." in detail
    assert "Edit and resubmit" in detail


def test_list_query_count_is_fixed(
    client_en, call, applicant, applicant_org, django_assert_max_num_queries
):
    def make(n):
        for i in range(n):
            services.application_start(
                call=call, organisation=applicant_org, by=applicant, title=f"P{i}"
            )

    client = client_en(applicant)
    url = reverse("applications:applicant_list")
    make(3)
    client.get(url)  # warm up caches (sessions, content types)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as three:
        assert client.get(url).status_code == 200
    make(7)
    with CaptureQueriesContext(connection) as ten:
        response = client.get(url)
    assert response.content.decode().count("<tr>") == 11
    assert len(ten) == len(three)
    with django_assert_max_num_queries(len(three)):
        client.get(url)


# Review and submit --------------------------------------------------------------------


def test_review_lists_problems_of_incomplete_draft(client_en, draft, applicant):
    response = client_en(applicant).get(reverse("applications:review", args=[draft.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Write a summary of the project." in html
    assert "Fill in the budget." in html
    assert 'name="key"' not in html  # no submit button while incomplete


def test_review_of_complete_draft_shows_summary_and_submit(client_en, draft, applicant):
    complete(draft, applicant)
    response = client_en(applicant).get(reverse("applications:review", args=[draft.pk]))
    html = response.content.decode()
    assert "Nothing is missing" in html
    assert "Sundsvalls kommun" in html  # the financing plan in the summary
    assert "Sammanfattning." in html
    assert 'name="key"' in html
    assert "data-submit-once" in html
    assert "js/submit-once.js" in html


def test_submit_twice_with_the_same_key_makes_one_submission(
    client_en, draft, applicant
):
    complete(draft, applicant)
    client = client_en(applicant)
    url = reverse("applications:submit", args=[draft.pk])
    key = services.new_submit_key()

    first = client.post(url, {"key": key})
    second = client.post(url, {"key": key})

    assert first.status_code == second.status_code == 302
    assert first["Location"] == reverse("applications:submitted", args=[draft.pk])
    assert Submission.objects.filter(application=draft).count() == 1
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.SUBMITTED

    receipt = client.get(first["Location"])
    html = receipt.content.decode()
    assert draft.case_number in html
    assert "sara@example.org" in html
    assert "Your application has been submitted" in html

    # A third click from an old page with a new key: no error page, no new submission.
    third = client.post(url, {"key": services.new_submit_key()})
    assert third.status_code == 302
    assert third["Location"] == reverse(
        "applications:applicant_detail", args=[draft.pk]
    )
    assert Submission.objects.filter(application=draft).count() == 1


def test_submit_is_post_only(client_en, draft, applicant):
    response = client_en(applicant).get(reverse("applications:submit", args=[draft.pk]))
    assert response.status_code == 405


def test_submit_after_deadline_is_refused_showing_deadline(
    client_en, draft, applicant, call
):
    complete(draft, applicant)
    Call.objects.filter(pk=call.pk).update(
        closes_at=timezone.now() - datetime.timedelta(hours=1)
    )
    call.refresh_from_db()
    response = client_en(applicant).post(
        reverse("applications:submit", args=[draft.pk]),
        {"key": services.new_submit_key()},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert services.deadline_text(call) in html
    assert "can no longer be submitted" in html
    assert not Submission.objects.exists()
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.DRAFT
    assert draft.summary == "Sammanfattning."


def test_submit_incomplete_is_refused_with_problems(client_en, draft, applicant):
    response = client_en(applicant).post(
        reverse("applications:submit", args=[draft.pk]),
        {"key": services.new_submit_key()},
    )
    assert response.status_code == 200
    assert "The application was not submitted" in response.content.decode()
    assert not Submission.objects.exists()


def test_submission_pdf(client_en, submitted, applicant, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = client_en(applicant)
    url = reverse("applications:submission_pdf", args=[submitted.pk, 1])
    assert client.get(url).status_code == 404  # not written yet

    document = records.document_register(
        case=submitted.case,
        by=None,
        direction=Direction.INCOMING,
        kind=DocumentKind.APPLICATION,
        title="Ansökan",
        content=b"%PDF-1.4 printout",
        file_name="ansokan.pdf",
        content_type="application/pdf",
    )
    Submission.objects.filter(application=submitted).update(document=document)

    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == b"%PDF-1.4 printout"
    detail = client.get(reverse("applications:applicant_detail", args=[submitted.pk]))
    assert url in detail.content.decode()
    assert (
        client.get(
            reverse("applications:submission_pdf", args=[submitted.pk, 2])
        ).status_code
        == 404
    )


# Scope --------------------------------------------------------------------------------


def _urls(application, partner_token=None):
    pk = application.pk
    return [
        ("get", reverse("applications:applicant_detail", args=[pk])),
        ("get", reverse("applications:review", args=[pk])),
        ("post", reverse("applications:submit", args=[pk])),
        ("get", reverse("applications:submitted", args=[pk])),
        ("get", reverse("applications:submission_pdf", args=[pk, 1])),
        ("get", reverse("applications:withdraw", args=[pk])),
        ("post", reverse("applications:withdraw", args=[pk])),
    ]


@pytest.mark.parametrize("who", ["other_applicant", "officer", "region_admin"])
def test_others_get_404_on_every_url(client_en, submitted, draft, who, request):
    user = request.getfixturevalue(who)
    client = client_en(user)
    for application in (submitted,):
        for method, url in _urls(application):
            data = {"key": services.new_submit_key()} if method == "post" else None
            response = getattr(client, method)(url, data)
            assert response.status_code == 404, (who, method, url)
    submitted.refresh_from_db()
    assert submitted.status == ApplicationStatus.SUBMITTED
    assert Submission.objects.filter(application=submitted).count() == 1


def test_others_get_404_on_a_draft(client_en, draft, other_applicant, region):
    staff = staff_user(region, "officer", "registrar")
    for user in (other_applicant, staff):
        client = client_en(user)
        for method, url in _urls(draft):
            response = getattr(client, method)(
                url, {"key": "x"} if method == "post" else None
            )
            assert response.status_code == 404, (method, url)
    assert (
        client_en(other_applicant)
        .get(reverse("applications:applicant_list"))
        .content.decode()
        .count("Digital besöksnäring")
        == 0
    )


def test_anonymous_is_sent_to_login(client, draft):
    response = client.get(reverse("applications:applicant_detail", args=[draft.pk]))
    assert response.status_code == 302
    assert "login" in response["Location"]


# Withdraw -----------------------------------------------------------------------------


def test_withdraw(client_en, submitted, applicant):
    client = client_en(applicant)
    url = reverse("applications:withdraw", args=[submitted.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Yes, withdraw the application" in page.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == ApplicationStatus.SUBMITTED  # GET changes nothing

    response = client.post(url, {"reason": "Projektet blir inte av."})
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == ApplicationStatus.WITHDRAWN
    html = client.get(response["Location"]).content.decode()
    assert "Withdrawn" in html
    # Withdrawn once: the page no longer offers it.
    again = client.get(url)
    assert again.status_code == 302


# Invitations --------------------------------------------------------------------------


def test_partner_invitation_gives_co_applicant_access(client_en, draft, applicant):
    partner = services.partner_add(
        application=draft,
        by=applicant,
        data={
            "name": "Mittuniversitetet",
            "role": "co_applicant",
            "email": "kim@example.org",
        },
    )
    kim = UserFactory(full_name="Kim Kollega", email="kim@example.org")
    client = client_en(kim)
    detail_url = reverse("applications:applicant_detail", args=[draft.pk])
    assert client.get(detail_url).status_code == 404

    url = reverse("applications:partner_accept", args=[partner.token])
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Digital besöksnäring" in html
    assert "Exempelbolaget Norrland AB" in html
    assert "Sara Sökande" in html

    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == detail_url
    partner.refresh_from_db()
    assert partner.accepted_by == kim
    assert client.get(detail_url).status_code == 200
    assert (
        "Accepted by Kim Kollega"
        in client_en(applicant).get(detail_url).content.decode()
    )
    try:
        step = reverse("applications:step", args=[draft.pk, "project"])
    except NoReverseMatch:
        step = None
    if step is not None:
        assert client.get(step).status_code == 200

    # Someone else cannot use the same invitation.
    other = client_en(UserFactory())
    assert other.get(url).status_code == 404
    assert other.post(url).status_code == 404


def test_invalid_invitation_is_a_friendly_404(client_en, applicant):
    import uuid

    response = client_en(applicant).get(
        reverse("applications:partner_accept", args=[uuid.uuid4()])
    )
    assert response.status_code == 404
    assert "Invitation not found" in response.content.decode()


# Browser: the pages pass axe (WCAG 2.1 AA) ---------------------------------------------


def _log_in(page, live_server, email):
    page.goto(f"{live_server.url}/accounts/login/")
    page.context.add_cookies(
        [{"name": "samverka_language", "value": "en", "url": live_server.url}]
    )
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", "correct-horse-battery")
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_applicant_pages_pass_axe(page, live_server, call, applicant, applicant_org):
    from samverka.core.testing import assert_no_axe_violations

    _log_in(page, live_server, applicant.email)
    page.goto(live_server.url + reverse("applications:start", args=[call.pk]))
    assert_no_axe_violations(page)
    page.fill("#id_title", "Digital besöksnäring")
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    application = Application.objects.get()
    partner = services.partner_add(
        application=application,
        by=applicant,
        data={"name": "Mittuniversitetet", "role": "co_applicant", "email": "k@ex.org"},
    )

    for name in ("applicant_detail", "review"):
        page.goto(
            live_server.url + reverse(f"applications:{name}", args=[application.pk])
        )
        assert_no_axe_violations(page)

    complete(application, applicant)
    page.goto(live_server.url + reverse("applications:review", args=[application.pk]))
    assert_no_axe_violations(page)
    page.locator("button[data-submit-once]").click()
    page.wait_for_load_state()
    assert "/submitted/" in page.url
    assert Submission.objects.count() == 1
    assert_no_axe_violations(page)

    for url in (
        reverse("applications:applicant_list"),
        reverse("applications:applicant_detail", args=[application.pk]),
        reverse("applications:withdraw", args=[application.pk]),
    ):
        page.goto(live_server.url + url)
        assert_no_axe_violations(page)

    kim = UserFactory(email="kim@example.org")
    page.context.clear_cookies()
    _log_in(page, live_server, kim.email)
    page.goto(
        live_server.url + reverse("applications:partner_accept", args=[partner.token])
    )
    assert_no_axe_violations(page)


def test_answer_to_completion_request_after_the_deadline(
    client_en, submitted, applicant, officer, call
):
    services.completion_request(
        application=submitted,
        by=officer,
        message="Bifoga intyg.",
        deadline=timezone.localdate() + datetime.timedelta(days=7),
    )
    Call.objects.filter(pk=call.pk).update(
        closes_at=timezone.now() - datetime.timedelta(hours=1)
    )
    client = client_en(applicant)
    review = client.get(reverse("applications:review", args=[submitted.pk]))
    html = review.content.decode()
    assert "Bifoga intyg." in html
    assert "Submit your answer" in html
    assert 'name="key"' in html

    response = client.post(
        reverse("applications:submit", args=[submitted.pk]),
        {"key": services.new_submit_key()},
    )
    assert response.status_code == 302
    assert submitted.submissions.count() == 2
    html = client.get(
        reverse("applications:applicant_detail", args=[submitted.pk])
    ).content.decode()
    assert "Bifoga intyg." not in html  # answered: no longer shown as open
    assert submitted.case_number in html


def test_start_lists_existing_applications_in_the_call(
    client_en, draft, applicant, call
):
    html = (
        client_en(applicant)
        .get(reverse("applications:start", args=[call.pk]))
        .content.decode()
    )
    assert "Your applications in this call" in html
    assert reverse("applications:applicant_detail", args=[draft.pk]) in html


def test_the_list_is_paged(client_en, call, applicant_org, applicant, monkeypatch):
    from samverka.applications.tests.factories import ApplicationFactory
    from samverka.applications.views import applicant as views

    monkeypatch.setattr(views, "APPLICANT_PAGE_SIZE", 2)
    for n in range(5):
        ApplicationFactory(call=call, organisation=applicant_org, title=f"Projekt {n}")
    client = client_en(applicant)
    first = client.get("/me/applications/").content.decode()
    assert "Page 1 of 3" in first
    assert first.count('href="/me/applications/') >= 2
    last = client.get("/me/applications/?page=3").content.decode()
    assert "Page 3 of 3" in last
    assert "Projekt 0" in last
