"""Reads of goal trees and indicators: order, headline series, constant query counts."""

import datetime
from decimal import Decimal

import pytest

from samverka.strategy import selectors, services
from samverka.strategy.choices import GeographyLevel, IndicatorStatus
from samverka.strategy.tests.factories import (
    GoalFactory,
    GoalIndicatorFactory,
    StrategyFactory,
    sweden_geo,
)

pytestmark = pytest.mark.django_db


def test_goal_tree_orders_siblings_and_nests(strategy):
    b = GoalFactory(strategy=strategy, title="B", order=2)
    a = GoalFactory(strategy=strategy, title="A", order=1)
    GoalFactory(strategy=strategy, title="A2", parent=a, order=2)
    GoalFactory(strategy=strategy, title="A1", parent=a, order=1)
    tree = selectors.goal_tree(strategy)
    assert [n.goal for n in tree] == [a, b]
    assert [(n.goal.title, n.depth) for n in selectors.flatten(tree)] == [
        ("A", 0),
        ("A1", 1),
        ("A2", 1),
        ("B", 0),
    ]


def _strategy_with(region, goals):
    strategy = StrategyFactory(region=region, start_year=2020, end_year=2030)
    for _ in range(goals):
        link = GoalIndicatorFactory(
            goal=GoalFactory(strategy=strategy), baseline_year=2020
        )
        link.indicator.headline_area = "SE-c22"
        link.indicator.save()
        services.target_set(link=link, by=None, year=2030, value=Decimal("70"))
        rows = [
            services.ObservationRow(
                year=2025,
                value=Decimal("60"),
                area_level=GeographyLevel.COUNTY,
                country_code="SE",
                area_code="22",
            ),
            # Outside the headline series: not read for the status.
            services.ObservationRow(
                year=2025,
                value=Decimal("1"),
                area_level=GeographyLevel.MUNICIPALITY,
                country_code="SE",
                area_code="2281",
            ),
        ]
        services.observations_write(indicator=link.indicator, by=None, rows=rows)
    return strategy


def test_indicator_views_cost_the_same_for_more_goals(
    region, django_assert_num_queries
):
    sweden_geo()
    small = _strategy_with(region, 2)
    large = _strategy_with(region, 10)
    for strategy in (small, large):
        goals = list(strategy.goals.all())
        with django_assert_num_queries(3):
            views = selectors.goal_indicator_views(goals)
        items = [v for vs in views.values() for v in vs]
        assert len(items) == len(goals)
        assert all(v.status.status == IndicatorStatus.ON_TRACK for v in items)
        assert all(len(v.observations) == 1 for v in items)


def test_summary_and_versions(region, strategist):
    sweden_geo()
    strategy = _strategy_with(region, 2)
    assert selectors.strategy_summary(region=region) == {"strategy": None}

    services.strategy_adopt(
        strategy=strategy, by=None, adopted_on=datetime.date(2020, 1, 1)
    )
    summary = selectors.strategy_summary(region=region)
    assert summary["goal_count"] == 2
    assert summary["by_status"][0]["count"] == 2
    newer = services.strategy_new_version(strategy=strategy, by=None)
    assert selectors.version_chain(newer) == [strategy, newer]
    assert selectors.version_chain(strategy) == [strategy, newer]
