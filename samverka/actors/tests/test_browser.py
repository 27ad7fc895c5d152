"""Browser tests of the actor registry screens: Chromium, axe-core at WCAG 2.1 AA."""

import pytest

from samverka.accounts.tests.factories import staff_user
from samverka.actors.models import Organisation
from samverka.core.testing import assert_no_axe_violations
from samverka.core.tests.factories import RegionFactory

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


@pytest.mark.parametrize(
    ("language", "save", "rule"),
    [("sv", "Spara", "Luhn"), ("da", "Gem", "Luhn")],
)
def test_officer_registers_an_organisation(page, live_server, language, save, rule):
    region = RegionFactory(
        name="Region Västernorrland", slug="vasternorrland", case_number_prefix="RVN"
    )
    staff_user(region, "officer", email="hanna@example.org")
    log_in(page, live_server, "hanna@example.org", language)

    page.goto(f"{live_server.url}/staff/vasternorrland/organisations/new/")
    assert_no_axe_violations(page)
    page.fill("#id_name", "Exempelföretaget i Sundsvall AB")
    page.select_option("#id_type", "company")
    page.select_option("#id_country", "SE")
    page.fill("#id_national_id", "556000-0002")  # wrong check digit (Luhn gives 1)
    page.get_by_role("button", name=save).click()
    page.wait_for_load_state()
    # The error summary names the rule, the field keeps what was typed, nothing is saved.
    assert rule in page.locator(".error-summary").inner_text()
    assert page.input_value("#id_name") == "Exempelföretaget i Sundsvall AB"
    assert page.input_value("#id_national_id") == "556000-0002"
    assert not Organisation.objects.exists()
    assert_no_axe_violations(page)

    page.fill("#id_national_id", "")
    page.get_by_role("button", name=save).click()
    page.wait_for_load_state()
    assert Organisation.objects.get().name == "Exempelföretaget i Sundsvall AB"
    assert_no_axe_violations(page)

    page.goto(f"{live_server.url}/staff/vasternorrland/organisations/")
    assert (
        page.locator("table")
        .get_by_text("Exempelföretaget i Sundsvall AB")
        .is_visible()
    )
    assert_no_axe_violations(page)
