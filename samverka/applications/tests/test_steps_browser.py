"""Browser test of the applicant's steps: autosave, the budget grid, axe at WCAG 2.1 AA."""

import pytest

from samverka.core.testing import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, email):
    page.context.add_cookies(
        [{"name": "samverka_language", "value": "en", "url": live_server.url}]
    )
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", "correct-horse-battery")
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()


def autosaved(response):
    return "/autosave/" in response.url and response.request.method == "POST"


def test_applicant_fills_project_and_budget(page, live_server, draft, applicant):
    log_in(page, live_server, applicant.email)
    base = f"{live_server.url}/me/applications/{draft.pk}/edit/"

    page.goto(base + "project/")
    assert (
        page.locator("nav.step-nav [aria-current=step]")
        .inner_text()
        .startswith("The project")
    )
    assert_no_axe_violations(page)
    with page.expect_response(autosaved):
        page.fill("#id_work_plan", "Arbetsplanen skrivs i webbläsaren.")
    page.wait_for_selector("#autosave-status:has-text('Saved')")
    with page.expect_response(autosaved):
        page.fill("#id_start_date", "2027-01-01")
    with page.expect_response(autosaved):
        page.fill("#id_end_date", "2028-12-31")
    page.reload()
    assert page.input_value("#id_work_plan") == "Arbetsplanen skrivs i webbläsaren."
    assert page.input_value("#id_end_date") == "2028-12-31"
    # A plain save after the autosaves is not taken for someone else's edit.
    page.fill("#id_summary", "Sammanfattning.")
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url("**/edit/budget/")

    page.fill("#id_staff_2027", "400 000")
    page.fill("#id_staff_2028", "12x")
    page.fill("#id_travel_2028", "25,000")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_load_state()
    assert "Enter an amount in SEK" in page.locator(".error-summary").inner_text()
    assert page.input_value("#id_staff_2027") == "400 000"
    assert page.input_value("#id_travel_2028") == "25,000"
    assert_no_axe_violations(page)
    page.fill("#id_staff_2028", "300,000")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_load_state()
    assert "725,000" in page.locator("table.budget-grid tfoot").inner_text()
    assert_no_axe_violations(page)

    page.goto(base + "sustainability/")
    assert_no_axe_violations(page)
    draft.refresh_from_db()
    assert draft.total_cost == 725_000_00
