"""Browser tests of the action-plan staff screens: Chromium, axe-core at WCAG 2.1 AA."""

import pytest

from samverka.accounts.tests.factories import staff_user
from samverka.actors.tests.factories import OrganisationFactory
from samverka.core.testing import assert_no_axe_violations
from samverka.core.tests.factories import RegionFactory
from samverka.plans.models import ActivityGoal
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


def test_strategist_keeps_a_plan(page, live_server):
    region = RegionFactory(
        name="Region Västernorrland", slug="vasternorrland", case_number_prefix="RVN"
    )
    strategy = StrategyFactory(region=region, adopted=True)
    area = GoalFactory(strategy=strategy, code="1", title="Attraktiv region")
    child = GoalFactory(strategy=strategy, parent=area, code="1.1", title="Turism")
    OrganisationFactory(region=region, name="Sundsvalls kommun")
    plan = ActionPlanFactory(region=region, strategy=strategy, title="Besöksnäringen")
    first = ActivityFactory(
        action_plan=plan, title="Alfa", order=0, estimated_budget=125_000_000
    )
    second = ActivityFactory(action_plan=plan, title="Beta", order=1)
    staff_user(region, "strategist", email="stina@example.org")
    log_in(page, live_server, "stina@example.org", "en")
    base = f"{live_server.url}/staff/vasternorrland/action-plans/"

    page.goto(base)
    assert_no_axe_violations(page)

    page.goto(f"{base}{plan.pk}/")
    assert_no_axe_violations(page)
    # Move Beta up with htmx: the table is replaced, the page is not reloaded.
    page.locator(f"#move-up-{second.pk}").click()
    page.wait_for_function(
        "document.querySelector('#activity-table tbody tr').textContent.includes('Beta')"
    )
    assert list(plan.activities.order_by("order").values_list("title", flat=True)) == [
        "Beta",
        "Alfa",
    ]

    page.goto(f"{base}{plan.pk}/activities/{first.pk}/edit/")
    assert page.input_value("#id_estimated_budget") == "1,250,000"
    assert_no_axe_violations(page)
    page.fill("#id_estimated_budget", "12,5,0")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    assert "Enter an amount in SEK" in page.locator(".error-summary").inner_text()
    assert_no_axe_violations(page)

    page.goto(f"{base}{plan.pk}/activities/{first.pk}/goals/")
    assert_no_axe_violations(page)
    # Changing one select saves that row alone.
    page.select_option(f"#id_goal_{child.pk}", "3")
    page.wait_for_selector(f"#goal-row-{child.pk} .saved-mark")
    link = ActivityGoal.objects.get(activity=first)
    assert (link.goal_id, link.weight) == (child.pk, 3)
    assert "Turism" in page.locator("#goal-save-status").inner_text()
    # A plain submit works too.
    page.select_option(f"#id_goal_{area.pk}", "1")
    page.wait_for_selector(f"#goal-row-{area.pk} .saved-mark")
    page.get_by_role("button", name="Save links").click()
    page.wait_for_load_state()
    assert dict(
        ActivityGoal.objects.filter(activity=first).values_list("goal", "weight")
    ) == {area.pk: 1, child.pk: 3}
    assert_no_axe_violations(page)
