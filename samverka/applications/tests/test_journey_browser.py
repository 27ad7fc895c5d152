"""The whole journey in a browser, with axe at WCAG 2.1 AA on every page on the way.

An applicant finds an open call in Swedish, Danish and English, writes the application
over two sittings, submits it and gets a case number and a PDF receipt; the officer
sees it in the inbox and asks for completion; the applicant answers; the officer sees
what changed.
"""

import re

import pytest
from django.core import mail

from samverka.accounts.tests.factories import UserFactory, staff_user
from samverka.actors.models import Membership
from samverka.actors.tests.factories import OrganisationFactory
from samverka.applications.models import Application
from samverka.core.testing import assert_no_axe_violations
from samverka.core.tests.factories import RegionFactory
from samverka.funding.tests.factories import (
    CallFactory,
    CallIndicatorFactory,
    CriterionFactory,
    FundFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery"


def use_language(page, live_server, language):
    page.context.add_cookies(
        [{"name": "samverka_language", "value": language, "url": live_server.url}]
    )


def log_in(page, live_server, email):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()


def log_out(page):
    page.get_by_role("button", name="Log out").click()
    page.wait_for_load_state()


def save_and_continue(page, next_section):
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url(f"**/{next_section}")
    assert_no_axe_violations(page)


@pytest.fixture
def journey(db):
    region = RegionFactory(
        name="Region Västernorrland", slug="vasternorrland", case_number_prefix="RVN"
    )
    fund = FundFactory(
        region=region, name="Regionala projektmedel", max_aid_intensity=50
    )
    call = CallFactory(
        region=region,
        funds=[fund],
        title="Regionala projektmedel 2027",
        summary="Projektmedel för handlingsplanernas aktiviteter.",
        translations={
            "en": {"title": "Regional project funds 2027"},
            "da": {"title": "Regionale projektmidler 2027"},
        },
    )
    CriterionFactory(call=call, name="Bidrag till handlingsplanerna", weight=3)
    CallIndicatorFactory(call=call, code="P1", name="Antal deltagande företag")
    organisation = OrganisationFactory(
        region=region, name="Exempelbolaget Norrland AB", with_national_id=True
    )
    applicant = UserFactory(email="sara@example.org", full_name="Sara Sökande")
    Membership.objects.create(user=applicant, organisation=organisation)
    officer = staff_user(
        region, "officer", email="hanna@example.org", full_name="Hanna Handläggare"
    )
    return {"region": region, "call": call, "applicant": applicant, "officer": officer}


def test_apply_submit_complete_and_compare(page, live_server, journey):
    call = journey["call"]
    calls_url = f"{live_server.url}/vasternorrland/calls/"

    # The open call in three languages.
    for language, title in (
        ("sv", "Regionala projektmedel 2027"),
        ("da", "Regionale projektmidler 2027"),
        ("en", "Regional project funds 2027"),
    ):
        use_language(page, live_server, language)
        page.goto(calls_url)
        assert page.locator("html").get_attribute("lang") == language
        assert title in page.locator("main").inner_text()
        assert_no_axe_violations(page)
        page.goto(f"{calls_url}{call.pk}/")
        assert title in page.locator("h1").inner_text()
        assert_no_axe_violations(page)

    # First sitting: start from the call page and write the project.
    log_in(page, live_server, "sara@example.org")
    page.goto(f"{calls_url}{call.pk}/")
    page.locator("main a", has_text="Apply").first.click()
    page.wait_for_load_state()
    assert_no_axe_violations(page)
    page.fill("#id_title", "Digital besöksnäring längs Höga kusten")
    page.locator("main button[type=submit]").click()
    page.wait_for_url("**/edit/project/")
    application = Application.objects.get()
    page.fill(
        "#id_summary", "Företag i besöksnäringen säljer sina upplevelser digitalt."
    )
    page.fill("#id_background", "Säsongen är kort och bokningarna sker sent.")
    page.fill("#id_objectives", "Förlänga säsongen med digital försäljning.")
    page.fill("#id_target_groups", "Små företag i besöksnäringen.")
    page.fill(
        "#id_work_plan", "Kartläggning, utbildning och en gemensam bokningstjänst."
    )
    page.fill("#id_start_date", "2027-01-01")
    page.fill("#id_end_date", "2027-12-31")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_load_state()
    assert_no_axe_violations(page)
    log_out(page)

    # Second sitting: the text is still there; budget, financing, effects,
    # sustainability.
    log_in(page, live_server, "sara@example.org")
    page.goto(f"{live_server.url}/me/applications/")
    page.get_by_role("link", name="Digital besöksnäring längs Höga kusten").click()
    page.wait_for_load_state()
    assert_no_axe_violations(page)
    page.goto(f"{live_server.url}/me/applications/{application.pk}/edit/project/")
    assert page.input_value("#id_work_plan").startswith("Kartläggning")
    save_and_continue(page, "edit/budget/")
    page.fill("#id_staff_2027", "600,000")
    page.fill("#id_external_services_2027", "400,000")
    save_and_continue(page, "edit/financing/")
    page.get_by_label("Amount applied for (SEK)").fill("500,000")
    page.fill("#id_lines-0-funder", "Sundsvalls kommun")
    page.fill("#id_lines-0-amount", "500,000")
    save_and_continue(page, "edit/effects/")
    for level, text in (
        ("need", "Säsongen är för kort."),
        ("activities", "Utbildning i digital försäljning."),
        ("outputs", "Tjugo företag säljer digitalt."),
        ("short_term", "Fler bokningar utanför högsäsong."),
        ("long_term", "En besöksnäring som bär året runt."),
    ):
        page.fill(f"#id_effect_{level}", text)
    indicator = call.indicators.get()
    page.check(f"#id_indicator_{indicator.pk}_use")
    page.fill(f"#id_indicator_{indicator.pk}_target", "20")
    save_and_continue(page, "edit/sustainability/")
    for aspect in (
        "social",
        "ecological",
        "economic",
        "environment_climate",
        "gender_equality",
        "equal_opportunities",
    ):
        page.check(f"input[name={aspect}_rating][value=partly]")
        page.fill(f"#id_{aspect}_description", "Beskrivs i projektplanen.")
    page.get_by_role("button", name="Save and review").click()
    page.wait_for_url("**/review/")
    assert_no_axe_violations(page)

    # Submit: a case number and a PDF receipt.
    page.get_by_role("button", name="Submit the application").click()
    page.wait_for_url("**/submitted/")
    assert_no_axe_violations(page)
    application.refresh_from_db()
    case_number = application.case.case_number
    assert re.fullmatch(r"RVN \d{4}-00001", case_number)
    assert case_number in page.locator("main").inner_text()
    pdf = page.request.get(
        f"{live_server.url}/me/applications/{application.pk}/submissions/1/pdf/"
    )
    assert pdf.status == 200
    assert pdf.body().startswith(b"%PDF")
    receipts = [m for m in mail.outbox if case_number in m.subject]
    assert len(receipts) == 1
    assert receipts[0].attachments[0][2] == "application/pdf"
    log_out(page)

    # The officer finds it in the inbox and asks for completion.
    log_in(page, live_server, "hanna@example.org")
    page.goto(f"{live_server.url}/staff/vasternorrland/applications/")
    assert_no_axe_violations(page)
    page.get_by_role("link", name=re.compile("Digital besöksnäring")).click()
    page.wait_for_load_state()
    assert_no_axe_violations(page)
    page.get_by_label("What is missing").fill(
        "Dela upp kostnaderna för externa tjänster på två år."
    )
    page.get_by_label("Answer by").fill("2099-01-31")
    page.get_by_role("button", name="Send the request").click()
    page.wait_for_load_state()
    application.refresh_from_db()
    assert application.status == "completion_requested"
    log_out(page)

    # The applicant answers.
    log_in(page, live_server, "sara@example.org")
    page.goto(f"{live_server.url}/me/applications/{application.pk}/")
    assert "Dela upp kostnaderna" in page.locator("main").inner_text()
    assert_no_axe_violations(page)
    page.goto(f"{live_server.url}/me/applications/{application.pk}/edit/budget/")
    page.fill("#id_external_services_2027", "300,000")
    page.fill("#id_travel_2027", "100,000")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/me/applications/{application.pk}/review/")
    page.get_by_role("button", name="Submit the answer").click()
    page.wait_for_url("**/submitted/")
    application.refresh_from_db()
    assert application.submissions.count() == 2
    assert application.case.case_number == case_number
    log_out(page)

    # The officer sees what changed.
    log_in(page, live_server, "hanna@example.org")
    page.goto(
        f"{live_server.url}/staff/vasternorrland/applications/{application.pk}/compare/"
    )
    changes = page.locator("main").inner_text()
    assert "Travel 2027" in changes
    assert "External services 2027" in changes
    assert_no_axe_violations(page)


def test_a_newcomer_signs_up_registers_the_organisation_and_starts(
    page, live_server, journey
):
    call = journey["call"]
    use_language(page, live_server, "en")
    page.goto(f"{live_server.url}/vasternorrland/calls/{call.pk}/")
    page.locator("main a", has_text="Apply").first.click()
    page.wait_for_url("**/accounts/login/**")
    page.get_by_role("link", name="Create an account").click()
    page.wait_for_url("**/accounts/signup/**")
    assert_no_axe_violations(page)
    page.fill("#id_full_name", "Nils Nykomling")
    page.fill("#id_email", "nils@example.org")
    page.fill("#id_password1", "lång-och-säker-fras-42")
    page.fill("#id_password2", "lång-och-säker-fras-42")
    page.get_by_role("button", name="Create the account").click()
    page.wait_for_url(f"**/me/applications/new/{call.pk}/")
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Register an organisation").click()
    page.wait_for_load_state()
    assert page.locator("#id_region option:checked").inner_text() == (
        "Region Västernorrland"
    )
    page.fill("#id_name", "Nykomlingen Turism AB")
    page.select_option("#id_type", "company")
    page.fill("#id_national_id", "499900-0021")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(f"**/me/applications/new/{call.pk}/")
    page.fill("#id_title", "Vandringsleder året runt")
    page.locator("main button[type=submit]").click()
    page.wait_for_url("**/edit/project/")
    application = Application.objects.get(title="Vandringsleder året runt")
    assert application.organisation.name == "Nykomlingen Turism AB"
    assert application.contact_email == "nils@example.org"
