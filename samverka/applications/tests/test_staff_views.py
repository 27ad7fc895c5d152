"""The officer's application page: who sees and acts, case work, comparison, files."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from samverka.accounts.tests.factories import staff_user
from samverka.applications import services
from samverka.applications.choices import ApplicationStatus, Stage
from samverka.applications.models import CompletionRequest
from samverka.applications.tests.conftest import complete
from samverka.core.testing import assert_access

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def submitted(draft, applicant):
    complete(draft, applicant)
    services.application_submit(application=draft, by=applicant, key="first")
    draft.refresh_from_db()
    return draft


@pytest.fixture
def assessor(region):
    return staff_user(region, "assessor", full_name="Asta Bedömare")


@pytest.fixture
def decision_maker(region):
    return staff_user(region, "decision_maker", full_name="Dag Beslutare")


def _url(name, app, **extra):
    return reverse(
        f"applications:{name}",
        kwargs={"region_slug": app.region.slug, "pk": app.pk, **extra},
    )


def _deadline():
    return (timezone.localdate() + datetime.timedelta(days=10)).isoformat()


# Who may open and act -----------------------------------------------------------------


@pytest.mark.parametrize("who", ["officer", "region_admin", "decision_maker"])
def test_staff_of_the_region_read_the_application(
    who, request, submitted, applicant, outsider
):
    user = request.getfixturevalue(who)
    result = assert_access(
        _url("staff_detail", submitted),
        permitted=user,
        no_role=applicant,
        other_region=outsider,
        expect=200,
    )
    content = result.response.content.decode()
    assert submitted.title in content
    assert submitted.case.case_number in content
    # Case officers and administrators act; a decision maker reads only.
    shows_actions = 'action="' + _url("staff_assign", submitted) in content
    assert shows_actions is (who != "decision_maker")


def test_an_assessor_reads_the_application_only_through_an_assignment(
    client, submitted, assessor
):
    client.force_login(assessor)
    # The staff application pages are closed to them as a whole (403, like the inbox).
    assert client.get(_url("staff_detail", submitted)).status_code == 403


@pytest.mark.parametrize("who", ["officer", "region_admin"])
def test_officer_and_admin_assign_the_officer(
    who, request, submitted, applicant, outsider, officer
):
    user = request.getfixturevalue(who)
    assert_access(
        _url("staff_assign", submitted),
        method="post",
        data={"officer": officer.pk},
        permitted=user,
        no_role=applicant,
        other_region=outsider,
        expect=302,
        audit_action="applications.officer_assign",
    )
    submitted.refresh_from_db()
    assert submitted.officer == officer
    assert submitted.case.officer == officer


def test_an_assessor_may_not_act(client_en, submitted, assessor, officer):
    client = client_en(assessor)
    response = client.post(_url("staff_assign", submitted), {"officer": officer.pk})
    assert response.status_code == 403
    response = client.post(
        _url("staff_request_completion", submitted),
        {"message": "Mer underlag.", "deadline": _deadline()},
    )
    assert response.status_code == 403
    submitted.refresh_from_db()
    assert submitted.officer is None
    assert submitted.status == ApplicationStatus.SUBMITTED


def test_a_draft_is_not_found_by_staff(client_en, draft, officer):
    response = client_en(officer).get(_url("staff_detail", draft))
    assert response.status_code == 404


def test_assigning_someone_who_is_not_an_officer_is_an_error_at_the_field(
    client_en, submitted, officer, assessor
):
    response = client_en(officer).post(
        _url("staff_assign", submitted), {"officer": assessor.pk}
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.officer is None


# Completion requests ------------------------------------------------------------------


def test_completion_request_changes_the_status_and_shows_on_the_page(
    client_en, submitted, officer, applicant, outsider
):
    deadline = _deadline()
    assert_access(
        _url("staff_request_completion", submitted),
        method="post",
        data={"message": "Bifoga ett intyg om medfinansiering.", "deadline": deadline},
        permitted=officer,
        no_role=applicant,
        other_region=outsider,
        expect=302,
        audit_action="applications.completion_request",
    )
    submitted.refresh_from_db()
    assert submitted.status == ApplicationStatus.COMPLETION_REQUESTED
    request = CompletionRequest.objects.get(application=submitted)
    assert request.deadline.isoformat() == deadline
    page = client_en(officer).get(_url("staff_detail", submitted)).content.decode()
    assert "Completion requested" in page
    assert "Bifoga ett intyg om medfinansiering." in page
    assert "Not yet answered" in page
    # The request is registered in the case and listed among its documents.
    document = submitted.case.documents.get(kind="completion_request")
    assert document.reference in page


def test_a_completion_request_without_message_keeps_the_deadline_typed(
    client_en, submitted, officer
):
    deadline = _deadline()
    response = client_en(officer).post(
        _url("staff_request_completion", submitted),
        {"message": "", "deadline": deadline},
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "This field is required." in content
    assert f'value="{deadline}"' in content
    submitted.refresh_from_db()
    assert submitted.status == ApplicationStatus.SUBMITTED


def test_a_past_deadline_is_refused_at_the_field(client_en, submitted, officer):
    yesterday = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    response = client_en(officer).post(
        _url("staff_request_completion", submitted),
        {"message": "Mer underlag.", "deadline": yesterday},
    )
    assert response.status_code == 200
    assert "The deadline cannot be in the past." in response.content.decode()
    assert not CompletionRequest.objects.exists()


# Invitation to a full application -----------------------------------------------------


def test_a_submitted_concept_is_invited_to_a_full_application(
    client_en, call, applicant_org, applicant, officer
):
    call.two_stage = True
    call.save()
    app = services.application_start(
        call=call, organisation=applicant_org, by=applicant, title="Koncept"
    )
    assert app.stage == Stage.CONCEPT
    complete(app, applicant)
    services.application_submit(application=app, by=applicant, key="c1")
    client = client_en(officer)
    page = client.get(_url("staff_detail", app)).content.decode()
    assert _url("staff_invite_full", app) in page
    response = client.post(_url("staff_invite_full", app))
    assert response.status_code == 302
    app.refresh_from_db()
    assert app.stage == Stage.FULL
    assert app.status == ApplicationStatus.DRAFT


def test_a_full_application_offers_no_invitation(client_en, submitted, officer):
    client = client_en(officer)
    page = client.get(_url("staff_detail", submitted)).content.decode()
    assert _url("staff_invite_full", submitted) not in page
    response = client.post(_url("staff_invite_full", submitted))
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == ApplicationStatus.SUBMITTED


# The content of the page --------------------------------------------------------------


def test_the_page_shows_the_budget_financing_and_effects(client_en, submitted, officer):
    page = client_en(officer).get(_url("staff_detail", submitted)).content.decode()
    assert "Budget by cost category and year" in page
    assert "2027" in page
    assert "Sundsvalls kommun" in page
    assert "Sundsvall" in page
    assert "The financing plan balances with the budget." in page
    assert "50 % of the total cost" in page
    assert "Text för need" in page
    assert "Antal deltagande företag" in page
    assert "Gender equality" in page


def test_a_submitted_attachment_is_downloaded_with_its_stored_type(
    client_en, draft, applicant, officer, outsider, no_role_user
):
    complete(draft, applicant)
    attachment = services.attachment_add(
        application=draft,
        by=applicant,
        upload=SimpleUploadedFile("intyg.pdf", PDF, content_type="text/html"),
        title="Intyg",
    )
    services.application_submit(application=draft, by=applicant, key="k")
    url = _url("staff_attachment_download", draft, attachment_pk=attachment.pk)
    page = client_en(officer).get(_url("staff_detail", draft)).content.decode()
    assert url in page
    result = assert_access(
        url, permitted=officer, no_role=no_role_user, other_region=outsider, expect=200
    )
    response = result.response
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "intyg.pdf" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == PDF


def test_another_applications_attachment_is_not_found(
    client_en, submitted, draft, applicant, officer
):
    attachment_url = _url("staff_attachment_download", submitted, attachment_pk=999999)
    assert client_en(officer).get(attachment_url).status_code == 404


def test_the_case_link_is_left_out_until_the_register_has_a_page(
    client_en, submitted, officer
):
    response = client_en(officer).get(_url("staff_detail", submitted))
    assert response.status_code == 200
    assert submitted.case.case_number in response.content.decode()


# Comparing submissions ----------------------------------------------------------------


def test_compare_shows_the_changed_budget_cell_after_a_resubmission(
    client_en, submitted, applicant, officer, outsider
):
    services.completion_request(
        application=submitted,
        by=officer,
        message="Justera budgeten.",
        deadline=timezone.localdate() + datetime.timedelta(days=7),
    )
    submitted.refresh_from_db()
    services.budget_set(
        application=submitted,
        by=applicant,
        amounts={("staff", 2027): 800_000_00, ("travel", 2027): 200_000_00},
    )
    services.application_submit(application=submitted, by=applicant, key="second")
    result = assert_access(
        _url("staff_compare", submitted),
        permitted=officer,
        no_role=applicant,
        other_region=outsider,
        expect=200,
    )
    page = result.response.content.decode()
    assert "From submission 1" in page
    assert "Staff 2027" in page
    assert "Travel 2027" in page
    # Money reads as money, not as minor units.
    assert "1,000,000.00" in page
    assert "800,000.00" in page
    assert "100000000" not in page
    detail = client_en(officer).get(_url("staff_detail", submitted)).content.decode()
    assert _url("staff_compare", submitted) in detail
    assert "submission 2" in detail  # the request was answered by submission 2


def test_the_page_costs_the_same_queries_with_more_submissions(
    client_en, submitted, applicant, officer
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_en(officer)

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(_url("staff_detail", submitted)).status_code == 200
        return len(captured)

    one = count()
    for key in ("second", "third"):
        services.completion_request(
            application=submitted,
            by=officer,
            message="Mer.",
            deadline=timezone.localdate() + datetime.timedelta(days=7),
        )
        submitted.refresh_from_db()
        services.application_submit(application=submitted, by=applicant, key=key)
    assert count() == one


def test_compare_with_one_submission_says_so(client_en, submitted, officer):
    response = client_en(officer).get(_url("staff_compare", submitted))
    assert response.status_code == 200
    assert "nothing to compare" in response.content.decode()


def test_compare_with_an_unknown_submission_is_not_found(client_en, submitted, officer):
    response = client_en(officer).get(_url("staff_compare", submitted) + "?from=7")
    assert response.status_code == 404


# In the browser -----------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_officer_screens_pass_axe(page, live_server):
    from samverka.accounts.tests.factories import UserFactory
    from samverka.actors.models import Membership
    from samverka.actors.tests.factories import OrganisationFactory
    from samverka.core.testing import assert_no_axe_violations
    from samverka.core.tests.factories import RegionFactory
    from samverka.funding.tests.factories import (
        CallFactory,
        CallIndicatorFactory,
        FundFactory,
    )

    region = RegionFactory(
        name="Region Västernorrland", slug="vasternorrland", case_number_prefix="RVN"
    )
    fund = FundFactory(region=region, max_aid_intensity=50)
    call = CallFactory(region=region, funds=[fund])
    CallIndicatorFactory(call=call, code="P1", name="Antal deltagande företag")
    org = OrganisationFactory(region=region, name="Exempelbolaget AB")
    applicant = UserFactory(email="sara@example.org")
    Membership.objects.create(user=applicant, organisation=org)
    officer = staff_user(region, "officer", email="olle@example.org")
    app = services.application_start(
        call=call, organisation=org, by=applicant, title="Digital besöksnäring"
    )
    complete(app, applicant)
    services.application_submit(application=app, by=applicant, key="1")
    services.completion_request(
        application=app,
        by=officer,
        message="Justera budgeten.",
        deadline=timezone.localdate() + datetime.timedelta(days=7),
    )
    services.budget_set(
        application=app, by=applicant, amounts={("staff", 2027): 900_000_00}
    )
    services.financing_set(
        application=app,
        by=applicant,
        amount_requested=450_000_00,
        lines=[{"funder": "Sundsvalls kommun", "amount": 450_000_00}],
    )
    services.application_submit(application=app, by=applicant, key="2")

    page.goto(f"{live_server.url}/accounts/login/")
    page.select_option("#language-switch", "en")
    page.click(".language-switcher button")
    page.wait_for_load_state()
    page.fill("#id_username", "olle@example.org")
    page.fill("#id_password", "correct-horse-battery")
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()

    base = f"{live_server.url}/staff/vasternorrland/applications/"
    page.goto(base)
    assert_no_axe_violations(page)
    page.fill("#id_q", "besöksnäring")
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_load_state()
    assert "q=bes" in page.url
    assert page.locator("table.inbox tbody tr").count() == 1
    page.locator(".saved-filters summary").click()
    page.fill("#id_name", "Besöksnäring")
    page.locator(".saved-filters button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("a", has_text="Besöksnäring").count() >= 1
    assert_no_axe_violations(page)

    page.goto(f"{base}{app.pk}/")
    assert_no_axe_violations(page)
    page.goto(f"{base}{app.pk}/compare/")
    assert page.locator("table.changes tbody tr").count() >= 1
    assert_no_axe_violations(page)


def test_the_pages_render_in_the_regions_language(client, submitted, officer):
    client.force_login(officer)
    inbox = reverse("applications:inbox", kwargs={"region_slug": submitted.region.slug})
    for url in (
        inbox,
        _url("staff_detail", submitted),
        _url("staff_compare", submitted),
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert response.content.decode().startswith("<!DOCTYPE html>")
        assert '<html lang="sv">' in response.content.decode()


def test_an_officer_accepts_a_complete_application_for_assessment(
    client_en, draft, applicant, officer
):
    from samverka.applications import services as app_services
    from samverka.applications.tests.conftest import complete

    complete(draft, applicant)
    app_services.application_submit(application=draft, by=applicant, key="accept")
    client = client_en(officer)
    detail = f"/staff/{draft.region.slug}/applications/{draft.pk}/"
    assert "Accept for assessment" in client.get(detail).content.decode()
    response = client.post(detail + "accept/", follow=True)
    assert "goes on to assessment" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == "in_assessment"
    assert "Accept for assessment" not in client.get(detail).content.decode()


def test_applicant_text_is_escaped_on_every_page(client_en, draft, applicant, officer):
    from samverka.applications import services as app_services
    from samverka.applications.tests.conftest import complete

    evil = '<script>alert("x")</script>'
    complete(draft, applicant)
    app_services.application_update(
        application=draft, by=applicant, data={"title": evil, "summary": evil}
    )
    app_services.application_submit(application=draft, by=applicant, key="escape")
    region = draft.region.slug
    pages = [
        (client_en(officer), f"/staff/{region}/applications/"),
        (client_en(officer), f"/staff/{region}/applications/{draft.pk}/"),
        (client_en(applicant), "/me/applications/"),
        (client_en(applicant), f"/me/applications/{draft.pk}/"),
    ]
    for client, url in pages:
        body = client.get(url).content.decode()
        assert evil not in body, url
        assert "&lt;script&gt;" in body, url


def test_the_officer_sees_the_organisations_other_applications(
    client_en, draft, applicant, officer, call, applicant_org
):
    from samverka.applications import services as app_services
    from samverka.applications.tests.conftest import complete

    complete(draft, applicant)
    app_services.application_submit(application=draft, by=applicant, key="first")
    again = app_services.application_start(
        call=call, organisation=applicant_org, by=applicant, title="Samma idé igen"
    )
    complete(again, applicant)
    app_services.application_submit(application=again, by=applicant, key="second")
    unsent = app_services.application_start(
        call=call, organisation=applicant_org, by=applicant, title="Osänt utkast"
    )
    page = (
        client_en(officer)
        .get(f"/staff/{draft.region.slug}/applications/{draft.pk}/")
        .content.decode()
    )
    assert "Other applications from Exempelbolaget Norrland AB" in page
    assert "Samma idé igen" in page
    assert "Same call" in page
    assert unsent.title not in page  # a draft is the applicant's own


@pytest.mark.parametrize(
    ("role", "sees"),
    [("officer", True), ("decision_maker", True), ("registrar", False)],
)
def test_the_assessment_link_is_shown_to_those_who_read_assessments(
    client, region, submitted, role, sees
):
    client.force_login(staff_user(region, role))
    content = client.get(_url("staff_detail", submitted)).content.decode()
    overview = reverse(
        "assessments:overview",
        kwargs={"region_slug": region.slug, "pk": submitted.pk},
    )
    assert (f'href="{overview}"' in content) is sees
