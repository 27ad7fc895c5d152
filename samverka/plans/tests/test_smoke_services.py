"""End-to-end run through the main strategy services (the detailed tests are per service)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from samverka.plans import services as plan_services
from samverka.plans.choices import Theme
from samverka.strategy import services
from samverka.strategy.choices import GeographyLevel, StrategyStatus
from samverka.strategy.tests.factories import sweden_geo

pytestmark = pytest.mark.django_db


def test_build_adopt_and_version_a_strategy(region, strategist):
    sweden_geo()
    s = services.strategy_create(
        region=region,
        by=strategist,
        data={"title": "RUS", "start_year": 2021, "end_year": 2030},
    )
    vision = services.goal_create(
        strategy=s, by=strategist, data={"title": "Vision", "kind": "vision"}
    )
    area = services.goal_create(
        strategy=s,
        by=strategist,
        data={"title": "Area", "kind": "priority_area", "parent": vision},
    )
    g = services.goal_create(
        strategy=s, by=strategist, data={"title": "Goal", "parent": area}
    )
    with pytest.raises(ValidationError, match="under itself"):
        services.goal_update(goal=vision, by=strategist, data={"parent": g})
    ind = services.indicator_create(
        region=region, by=strategist, data={"name": "Sysselsättningsgrad", "unit": "%"}
    )
    link = services.goal_indicator_add(
        goal=g,
        indicator=ind,
        by=strategist,
        data={"baseline_value": Decimal("77.5"), "baseline_year": 2020},
    )
    services.target_set(link=link, by=strategist, year=2030, value=Decimal("80"))
    services.target_set(
        link=link, by=strategist, year=2030, value=Decimal("82"), reason="Höjd ambition"
    )
    assert link.targets.count() == 2
    assert link.targets.filter(superseded_at__isnull=True).get().value == Decimal("82")
    with pytest.raises(ValidationError, match="outside"):
        services.target_set(link=link, by=strategist, year=2035, value=Decimal("1"))
    counts = services.observations_write(
        indicator=ind,
        by=strategist,
        rows=[
            services.ObservationRow(
                year=2021,
                value=Decimal("78.1"),
                area_level=GeographyLevel.COUNTY,
                country_code="SE",
                area_code="22",
            )
        ],
    )
    assert counts == {"created": 1, "updated": 0, "unchanged": 0}
    with pytest.raises(ValidationError, match="row 2"):
        services.observations_write(
            indicator=ind,
            by=strategist,
            rows=[
                services.ObservationRow(
                    year=2022,
                    value=Decimal("1"),
                    area_level=GeographyLevel.COUNTY,
                    country_code="SE",
                    area_code="22",
                ),
                services.ObservationRow(
                    year=2022,
                    value=Decimal("1"),
                    area_level=GeographyLevel.COUNTY,
                    country_code="SE",
                    area_code="99",
                ),
            ],
        )
    assert ind.observations.count() == 1
    services.interaction_set(
        strategy=s,
        by=strategist,
        from_goal=g,
        to_goal=area,
        score=-2,
        justification="Konflikt",
    )
    services.strategy_adopt(
        strategy=s, by=strategist, adopted_on=datetime.date(2021, 5, 1)
    )
    s2 = services.strategy_new_version(strategy=s, by=strategist)
    assert s2.goals.count() == 3
    assert s2.interactions.count() == 1
    services.strategy_adopt(
        strategy=s2, by=strategist, adopted_on=datetime.date(2025, 5, 1)
    )
    s.refresh_from_db()
    assert s.status == StrategyStatus.SUPERSEDED
    plan = plan_services.action_plan_create(
        region=region,
        by=strategist,
        data={
            "title": "Innovation",
            "theme": Theme.INNOVATION,
            "start_year": 2021,
            "end_year": 2024,
            "strategy": s2,
        },
    )
    act = plan_services.activity_create(
        plan=plan, by=strategist, data={"title": "Testbädd", "funding_types": ["erdf"]}
    )
    plan_services.activity_goal_set(
        activity=act, goal=s2.goals.get(title="Goal"), by=strategist, weight=3
    )
    assert act.goals.count() == 1
