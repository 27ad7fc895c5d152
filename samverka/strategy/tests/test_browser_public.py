"""Browser tests of the public strategy pages: Chromium, axe-core at WCAG 2.1 AA."""

import datetime
from decimal import Decimal

import pytest
from django.conf import settings

from samverka.core.testing import assert_no_axe_violations
from samverka.core.tests.factories import RegionFactory
from samverka.strategy.choices import GeographyLevel, GoalKind, StrategyLevel
from samverka.strategy.models import GoalInteraction, IndicatorTarget, Observation
from samverka.strategy.tests.factories import (
    GoalFactory,
    GoalIndicatorFactory,
    StrategyFactory,
    sdg_goal,
    sdg_target,
    sweden_geo,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def build():
    region = RegionFactory(
        name="Region Västernorrland", slug="vasternorrland", case_number_prefix="RVN"
    )
    agenda = StrategyFactory(
        region=None, level=StrategyLevel.GLOBAL, title="Agenda 2030", adopted=True
    )
    rus = StrategyFactory(
        region=region,
        title="Regional utvecklingsstrategi Västernorrland",
        translations={"en": {"title": "Regional development strategy"}},
        adopted=True,
        start_year=2020,
        end_year=2030,
        owner="Regionstyrelsen",
    )
    rus.serves.add(agenda)
    area = GoalFactory(
        strategy=rus, kind=GoalKind.PRIORITY_AREA, code="2", title="Attraktivitet"
    )
    goal = GoalFactory(
        strategy=rus,
        parent=area,
        code="2.1",
        title="Hållbar besöksnäring",
        translations={"en": {"title": "Sustainable tourism"}},
    )
    goal.sdg_goals.add(sdg_goal(8))
    goal.sdg_targets.add(sdg_target("8.9"))
    other = GoalFactory(strategy=rus, parent=area, code="2.2", title="Minskade utsläpp")
    GoalInteraction.objects.create(
        strategy=rus,
        from_goal=goal,
        to_goal=other,
        score=-1,
        justification="Fler resor ger mer utsläpp.",
    )
    se, lan = sweden_geo()
    for i, values in enumerate(({2021: 51, 2022: 53, 2023: 55}, {2022: 49})):
        link = GoalIndicatorFactory(
            goal=goal,
            indicator__name=f"Gästnätter {i}",
            baseline_value=Decimal("50"),
            baseline_year=2020,
        )
        IndicatorTarget.objects.create(goal_indicator=link, year=2030, value=60)
        for year, value in values.items():
            Observation.objects.create(
                indicator=link.indicator,
                year=year,
                area_level=GeographyLevel.COUNTY,
                country=se,
                county=lan,
                value=Decimal(value),
            )
    # Through the reverse relations: the strategy app may not import the plans app.
    plan = rus.action_plans.create(
        region=region,
        title="Handlingsplan besöksnäring",
        theme="tourism",
        start_year=2021,
        end_year=2024,
        status="adopted",
        adopted_on=datetime.date(2021, 1, 1),
    )
    plan.activities.create(title="Testbädd", estimated_budget=100_000)
    return region, rus, goal


@pytest.mark.parametrize("language", ["sv", "da", "en"])
def test_strategy_and_goal_pages_are_accessible(page, live_server, language):
    region, rus, goal = build()
    page.context.add_cookies(
        [
            {
                "name": settings.LANGUAGE_COOKIE_NAME,
                "value": language,
                "url": live_server.url,
            }
        ]
    )
    base = f"{live_server.url}/{region.slug}/strategy"

    page.goto(f"{base}/")
    assert page.locator("html").get_attribute("lang") == language
    assert_no_axe_violations(page)

    page.goto(f"{base}/{rus.pk}/")
    assert page.locator("h1").is_visible()
    assert page.locator(".goal-tree").count() >= 1
    assert_no_axe_violations(page)

    page.goto(f"{base}/{rus.pk}/goals/{goal.pk}/")
    charts = page.get_by_role("img")
    svg = page.locator("svg.indicator-chart").first
    assert svg.get_attribute("role") == "img"
    # The chart's accessible name is its <title>, which describes the figures.
    title_id = svg.get_attribute("aria-labelledby")
    name = page.locator(f"#{title_id}").text_content()
    assert "2030" in name
    assert "55" in name
    assert charts.count() >= 2
    table = page.locator("table.chart-table").first
    assert table.is_visible()
    assert "55" in table.inner_text()
    assert page.locator(".status").first.inner_text().strip()
    assert_no_axe_violations(page)

    page.goto(f"{base}/{rus.pk}/short/")
    assert_no_axe_violations(page)
    page.goto(f"{base}/status-rule/")
    assert_no_axe_violations(page)
    page.goto(f"{live_server.url}/{region.slug}/action-plans/")
    assert_no_axe_violations(page)
    page.locator("main h3 a").first.click()
    page.wait_for_load_state()
    assert_no_axe_violations(page)
    page.goto(f"{live_server.url}/{region.slug}/")
    assert_no_axe_violations(page)
