"""Browser tests: real Chromium, axe-core at WCAG 2.1 AA, two languages."""

import pytest

from samverka.accounts.tests.factories import staff_user
from samverka.core.testing import assert_no_axe_violations
from samverka.core.tests.factories import RegionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_region(transactional_db):
    return RegionFactory(
        name="Region Västernorrland",
        slug="vasternorrland",
        case_number_prefix="RVN",
        email="registrator@vasternorrland.example.org",
        address="871 85 Härnösand",
    )


def choose_language(page, live_server, language):
    page.goto(f"{live_server.url}/")
    page.select_option("#language-switch", language)
    page.click(".language-switcher button")
    page.wait_for_load_state()


@pytest.mark.parametrize(
    ("language", "heading"), [("sv", "Kontakt"), ("da", "Kontakt"), ("en", "Contact")]
)
def test_public_region_home(page, live_server, demo_region, language, heading):
    choose_language(page, live_server, language)
    page.goto(f"{live_server.url}/{demo_region.slug}/")
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("h1").inner_text() == "Region Västernorrland"
    assert page.locator("h2#contact-title").inner_text() == heading
    assert_no_axe_violations(page)


@pytest.mark.parametrize(
    ("language", "button"), [("sv", "Logga in"), ("da", "Log ind")]
)
def test_login_and_staff_dashboard(page, live_server, demo_region, language, button):
    staff_user(demo_region, "officer", "strategist", email="hanna@example.org")
    choose_language(page, live_server, language)
    page.goto(f"{live_server.url}/accounts/login/")
    assert_no_axe_violations(page)
    # A wrong password shows the error summary, which must be accessible too.
    page.fill("#id_username", "hanna@example.org")
    page.fill("#id_password", "wrong")
    page.get_by_role("button", name=button).click()
    assert page.locator(".error-summary").is_visible()
    assert page.input_value("#id_username") == "hanna@example.org"
    assert_no_axe_violations(page)
    page.fill("#id_password", "correct-horse-battery")
    page.get_by_role("button", name=button).click()
    page.wait_for_url(f"{live_server.url}/staff/{demo_region.slug}/")
    assert demo_region.name in page.locator("h1").inner_text()
    assert_no_axe_violations(page)


def test_skip_link_moves_focus_to_main(page, live_server, demo_region):
    page.goto(f"{live_server.url}/{demo_region.slug}/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
