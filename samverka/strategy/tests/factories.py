"""Test data for strategies: built through the services where the service adds rules."""

import datetime
from decimal import Decimal

import factory

from samverka.core.tests.factories import RegionFactory
from samverka.geo.models import Country, County, Municipality
from samverka.strategy.choices import GoalKind, StrategyStatus
from samverka.strategy.models import (
    Goal,
    GoalIndicator,
    Indicator,
    SdgGoal,
    SdgTarget,
    Strategy,
)


class StrategyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Strategy

    region = factory.SubFactory(RegionFactory)
    title = factory.Sequence(lambda n: f"Regional utvecklingsstrategi {n}")
    short_name = "RUS"
    summary = "Visioner, mål och långsiktiga prioriteringar för länet."
    start_year = 2021
    end_year = 2030
    status = StrategyStatus.DRAFT

    class Params:
        adopted = factory.Trait(
            status=StrategyStatus.ADOPTED,
            adopted_on=datetime.date(2021, 6, 15),
            decision_reference="RF § 42",
        )


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    strategy = factory.SubFactory(StrategyFactory)
    kind = GoalKind.GOAL
    title = factory.Sequence(lambda n: f"Mål {n}")
    description = "Ett mål för länets utveckling."
    order = factory.Sequence(lambda n: n)


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    region = factory.SubFactory(RegionFactory)
    name = factory.Sequence(lambda n: f"Indikator {n}")
    unit = "procent"
    decimals = 1


class GoalIndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GoalIndicator

    goal = factory.SubFactory(GoalFactory)
    indicator = factory.SubFactory(
        IndicatorFactory, region=factory.SelfAttribute("..goal.strategy.region")
    )
    baseline_value = Decimal("50")
    baseline_year = 2020


def sdg_goal(number=8, titles=None):
    goal, _ = SdgGoal.objects.get_or_create(
        number=number,
        defaults={
            "colour": "#A21942",
            "titles": titles
            or {
                "en": "Decent work and economic growth",
                "sv": "Anständiga arbetsvillkor och ekonomisk tillväxt",
            },
        },
    )
    return goal


def sdg_target(
    code="8.9",
    text="By 2030, devise and implement policies to promote sustainable tourism",
):
    goal = sdg_goal(int(code.split(".")[0]))
    target, _ = SdgTarget.objects.get_or_create(
        code=code, defaults={"goal": goal, "texts": {"en": text}, "order": 9}
    )
    return target


def sweden_geo():
    """Sweden, Västernorrlands län (22) and Sundsvall (2281): enough geography for
    observations without loading ../shared/data."""
    se, _ = Country.objects.get_or_create(code="SE", defaults={"name": "Sverige"})
    lan, _ = County.objects.get_or_create(
        country=se,
        code="22",
        defaults={"name": "Västernorrlands län", "nuts_code": "SE321"},
    )
    Municipality.objects.get_or_create(
        country=se,
        code="2281",
        defaults={"county": lan, "name": "Sundsvall", "lau_code": "2281"},
    )
    return se, lan


def denmark_geo():
    """Denmark, Region Sjælland (1085) and Roskilde (265)."""
    dk, _ = Country.objects.get_or_create(code="DK", defaults={"name": "Danmark"})
    sjaelland, _ = County.objects.get_or_create(
        country=dk,
        code="1085",
        defaults={"name": "Region Sjælland", "nuts_code": "DK02"},
    )
    Municipality.objects.get_or_create(
        country=dk,
        code="265",
        defaults={"county": sjaelland, "name": "Roskilde", "lau_code": "265"},
    )
    return dk, sjaelland
