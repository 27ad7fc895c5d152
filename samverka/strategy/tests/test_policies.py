"""Who sees which strategies, indicators and observations."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser

from samverka.strategy import policies, services
from samverka.strategy.choices import GeographyLevel
from samverka.strategy.tests.factories import (
    GoalFactory,
    GoalIndicatorFactory,
    IndicatorFactory,
    sweden_geo,
)

pytestmark = pytest.mark.django_db


def _series(indicator):
    services.observations_write(
        indicator=indicator,
        by=None,
        rows=[
            services.ObservationRow(
                year=2020,
                value=Decimal(1),
                area_level=GeographyLevel.COUNTY,
                country_code="SE",
                area_code="22",
            )
        ],
    )


def test_published_indicators_are_public_and_drafts_staff_only(
    region, strategy, draft_strategy, officer, outsider
):
    sweden_geo()
    public = GoalIndicatorFactory(goal=GoalFactory(strategy=strategy)).indicator
    draft = GoalIndicatorFactory(goal=GoalFactory(strategy=draft_strategy)).indicator
    unused = IndicatorFactory(region=region)
    for indicator in (public, draft, unused):
        _series(indicator)
    anonymous = AnonymousUser()
    assert set(policies.indicators_visible_to(anonymous)) == {public}
    assert set(policies.indicators_visible_to(outsider)) == {public}
    assert set(policies.indicators_visible_to(officer)) == {public, draft, unused}
    # Used by two published goals, still listed once.
    GoalIndicatorFactory(goal=GoalFactory(strategy=strategy), indicator=public)
    assert list(policies.indicators_visible_to(anonymous)) == [public]
    assert {o.indicator for o in policies.observations_visible_to(anonymous)} == {
        public
    }
    assert policies.observations_visible_to(officer).count() == 3


def test_inactive_region_hides_its_published_indicators(region, strategy):
    sweden_geo()
    indicator = GoalIndicatorFactory(goal=GoalFactory(strategy=strategy)).indicator
    _series(indicator)
    region.is_active = False
    region.save()
    assert not policies.indicators_visible_to(AnonymousUser()).exists()
    assert not policies.observations_visible_to(AnonymousUser()).exists()
    assert not policies.strategies_public().exists()
