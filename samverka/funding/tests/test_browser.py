"""Browser tests of the call pages: Chromium, axe-core at WCAG 2.1 AA."""

import datetime

import pytest

from samverka.accounts.tests.factories import staff_user
from samverka.core.testing import assert_no_axe_violations
from samverka.core.tests.factories import RegionFactory
from samverka.funding.models import Call
from samverka.funding.tests.factories import (
    CallFactory,
    CallIndicatorFactory,
    CriterionFactory,
    FundFactory,
    RequiredAttachmentFactory,
)
from samverka.plans.tests.factories import ActionPlanFactory, ActivityFactory
from samverka.strategy.tests.factories import GoalFactory, StrategyFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, email, language):
    page.goto(f"{live_server.url}/accounts/login/")
    page.select_option("#language-switch", language)
    page.click(".language-switcher button")
    page.wait_for_load_state()
    page.fill("#id_username", email)
    page.fill("#id_password", "correct-horse-battery")
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()


def test_public_call_pages(page, live_server):
    region = RegionFactory(
        name="Region Västernorrland", slug="vasternorrland", case_number_prefix="RVN"
    )
    strategy = StrategyFactory(region=region, adopted=True)
    goal = GoalFactory(strategy=strategy, code="1", title="Kompetensförsörjning")
    plan = ActionPlanFactory(region=region, adopted=True, title="Kompetensplanen")
    activity = ActivityFactory(action_plan=plan, title="Kompetenslyft")
    fund = FundFactory(region=region, name="Regionala projektmedel")
    call = CallFactory(
        region=region,
        title="Projektmedel för kompetens",
        funds=[fund],
        eligible_applicant_types=["company", "municipality"],
        contact_name="Olle",
        contact_email="olle@example.org",
    )
    call.activities.set([activity])
    call.goals.set([goal])
    CriterionFactory(
        call=call, name="Relevans", weight=3, guidance="Hur väl projektet passar."
    )
    CallIndicatorFactory(call=call, name="Antal företag")
    RequiredAttachmentFactory(call=call)
    CallFactory(region=region, title="Stängd", closed=True, funds=[fund])
    CallFactory(region=region, title="Löpande", continuous=True, funds=[fund])

    page.goto(f"{live_server.url}/vasternorrland/calls/")
    assert "Projektmedel för kompetens" in page.content()
    assert_no_axe_violations(page)

    page.goto(f"{live_server.url}/vasternorrland/calls/{call.pk}/")
    assert page.locator("h1").inner_text() == "Projektmedel för kompetens"
    assert_no_axe_violations(page)


def test_staff_call_form(page, live_server):
    region = RegionFactory(
        name="Region Sjælland", slug="sjaelland", case_number_prefix="RSJ", danish=True
    )
    FundFactory(region=region, name="Regionale udviklingsmidler")
    staff_user(region, "officer", email="olle@example.org")
    log_in(page, live_server, "olle@example.org", "en")
    page.goto(f"{live_server.url}/staff/sjaelland/calls/new/")
    assert_no_axe_violations(page)

    page.fill("#id_title", "Kvalificeret arbejdskraft")
    page.fill("#id_opens_at", "2026-10-01T09:00")
    page.fill("#id_closes_at", "2026-09-01T09:00")
    page.fill("#id_budget", "-100")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    summary = page.locator(".error-summary").inner_text()
    assert "cannot be negative" in summary
    assert page.input_value("#id_title") == "Kvalificeret arbejdskraft"
    assert_no_axe_violations(page)

    page.fill("#id_budget", "1.000.000")
    page.fill("#id_closes_at", "2026-12-01T23:59")
    page.get_by_label("Regionale udviklingsmidler").check()
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    call = Call.objects.get()
    assert call.closes_at == datetime.datetime(2026, 12, 1, 22, 59, tzinfo=datetime.UTC)
    assert "Europe/Copenhagen" in page.content()
    assert_no_axe_violations(page)
