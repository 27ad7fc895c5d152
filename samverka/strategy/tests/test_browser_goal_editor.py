"""Browser test of the goal tree editor: Chromium with htmx, axe-core at WCAG 2.1 AA."""

import pytest
from playwright.sync_api import expect

from samverka.accounts.tests.factories import staff_user
from samverka.actors.tests.test_browser import log_in
from samverka.core.testing import assert_no_axe_violations
from samverka.core.tests.factories import RegionFactory
from samverka.strategy.models import Goal
from samverka.strategy.tests.factories import StrategyFactory, sdg_goal

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["sv", "da"])
def test_strategist_builds_a_goal_tree(page, live_server, language):
    region = RegionFactory(
        name="Region Västernorrland", slug="vasternorrland", case_number_prefix="RVN"
    )
    strategy = StrategyFactory(region=region, title="RUS 2030 (utkast)")
    sdg_goal(8)
    staff_user(region, "strategist", email="stina@example.org")
    log_in(page, live_server, "stina@example.org", language)

    page.goto(f"{live_server.url}/staff/vasternorrland/strategy/{strategy.pk}/")
    expect(page.locator("html")).to_have_attribute("lang", language)
    assert_no_axe_violations(page)

    # A goal at the top level, through the inline form.
    page.click("#goal-root-add")
    title = page.locator("#newroot-title")
    expect(title).to_be_focused()
    assert_no_axe_violations(page)
    page.fill("#newroot-code", "1")
    title.fill("Attraktiv region")
    page.check("#newroot-sdg_goals_0")
    page.click("#newroot-save")
    first = page.locator("#goal-tree .goal-node").first
    expect(first).to_contain_text("Attraktiv region")
    expect(first).to_contain_text("8")
    attractive = Goal.objects.get(title="Attraktiv region")
    expect(page.locator(f"#goal-{attractive.pk}-edit")).to_be_focused()
    assert [g.number for g in attractive.sdg_goals.all()] == [8]

    # A sub-goal of it.
    page.click(f"#goal-{attractive.pk}-add")
    sub_title = page.locator(f"#new{attractive.pk}-title")
    expect(sub_title).to_be_focused()
    sub_title.fill("Fler besökare året runt")
    page.click(f"#new{attractive.pk}-save")
    expect(page.locator(f"#goal-{attractive.pk} .goal-tree")).to_contain_text(
        "Fler besökare året runt"
    )
    visitors = Goal.objects.get(title="Fler besökare året runt")
    assert visitors.parent == attractive

    # A second top-level goal, moved above the first with the keyboard focus kept.
    page.click("#goal-root-add")
    page.fill("#newroot-title", "Hållbar energi")
    page.click("#newroot-save")
    expect(page.locator("#goal-tree > ul > li").last).to_contain_text("Hållbar energi")
    energy = Goal.objects.get(title="Hållbar energi")
    expect(page.locator(f"#goal-{energy.pk}")).to_be_visible()
    page.click(f"#goal-{energy.pk}-up")
    roots = page.locator("#goal-tree > ul > li")
    expect(roots.first).to_have_attribute("id", f"goal-{energy.pk}")
    # It is first now: "up" is off, the focus is on "down".
    expect(page.locator(f"#goal-{energy.pk}-up")).to_be_disabled()
    expect(page.locator(f"#goal-{energy.pk}-down")).to_be_focused()
    assert list(
        Goal.objects.filter(parent=None)
        .order_by("order")
        .values_list("title", flat=True)
    ) == ["Hållbar energi", "Attraktiv region"]
    assert_no_axe_violations(page)

    # Edit a goal in place.
    page.click(f"#goal-{visitors.pk}-edit")
    edit_title = page.locator(f"#goal{visitors.pk}-title")
    expect(edit_title).to_be_focused()
    expect(edit_title).to_have_value("Fler besökare året runt")
    assert_no_axe_violations(page)
    edit_title.fill("Fler besökare hela året")
    page.click(f"#goal{visitors.pk}-save")
    expect(page.locator(f"#goal-{visitors.pk}-row")).to_contain_text(
        "Fler besökare hela året"
    )
    expect(page.locator(f"#goal-{visitors.pk}-edit")).to_be_focused()
    visitors.refresh_from_db()
    assert visitors.title == "Fler besökare hela året"
    assert visitors.revision == 2

    # Two forms open, one with changes: closing the other asks before the tree is
    # refreshed, and saying no keeps the typed text.
    page.click(f"#goal-{attractive.pk}-edit")
    page.fill(f"#goal{attractive.pk}-title", "Attraktiv region för alla")
    page.click(f"#goal-{energy.pk}-add")
    expect(page.locator(f"#new{energy.pk}-title")).to_be_focused()
    dialogs = []

    def dismiss(dialog):
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", dismiss)
    with page.expect_event("dialog"):
        page.locator(f"#goal-{energy.pk}-new .goal-inline-form a").click()
    assert len(dialogs) == 1
    expect(page.locator(f"#goal{attractive.pk}-title")).to_have_value(
        "Attraktiv region för alla"
    )
    expect(page.locator(f"#new{energy.pk}-title")).to_be_visible()
    page.click(f"#goal{attractive.pk}-save")
    expect(page.locator(f"#goal-{attractive.pk}-row")).to_contain_text(
        "Attraktiv region för alla"
    )

    # After a reload the tree is as it was left.
    page.reload()
    expect(page.locator("#goal-tree > ul > li").first).to_have_attribute(
        "id", f"goal-{energy.pk}"
    )
    expect(page.locator(f"#goal-{attractive.pk} .goal-tree")).to_contain_text(
        "Fler besökare hela året"
    )
    assert_no_axe_violations(page)
