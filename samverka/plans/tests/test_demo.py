"""The strategy and plans demo: the seeds' strategies and plans, loaded twice."""

import pytest

from samverka.core.demo import loaders
from samverka.core.management.commands import load_demo  # noqa: F401 - registers loaders
from samverka.core.tests.factories import RegionFactory
from samverka.plans.demo import load_action_plans
from samverka.plans.models import ActionPlan, Activity, ActivityGoal
from samverka.strategy.choices import StrategyStatus
from samverka.strategy.demo import load_strategies
from samverka.strategy.models import (
    Goal,
    GoalInteraction,
    Observation,
    SdgGoal,
    Strategy,
)
from samverka.strategy.selectors import goal_indicator_views

pytestmark = pytest.mark.django_db


@pytest.fixture
def context(region, other_region):
    jamtland = RegionFactory(
        name="Region Jämtland Härjedalen",
        slug="jamtland-harjedalen",
        case_number_prefix="RJH",
    )
    return {
        "regions": {
            "vasternorrland": region,
            "jamtland-harjedalen": jamtland,
            "sjaelland": other_region,
        }
    }


def counts():
    return [
        m.objects.count()
        for m in (
            Strategy,
            Goal,
            GoalInteraction,
            Observation,
            ActionPlan,
            Activity,
            ActivityGoal,
        )
    ]


def load(context):
    load_strategies(context=context)
    load_action_plans(context=context)


def test_demo_loads_the_seeds_strategies_and_plans_once(context, region, other_region):
    load(context)
    first = counts()
    load(context)
    assert counts() == first

    assert SdgGoal.objects.count() == 17
    rus = Strategy.objects.filter(region=region).order_by("version")
    # The RUS 2011–2020 and its version after the mid-term review.
    assert [s.status for s in rus] == [
        StrategyStatus.SUPERSEDED,
        StrategyStatus.ADOPTED,
    ]
    current = rus.last()
    assert current.goals.filter(code="4.2").exists()
    assert {s.level for s in current.serves.all()} == {"global", "eu", "national"}
    # The nine action plans of the seeds, plus "Vägar till hållbar regional utveckling".
    plans = ActionPlan.objects.filter(region=region)
    assert plans.count() == 10
    assert plans.filter(kind="investments").get().activities.count() == 3
    assert all(p.strategy_id == current.pk for p in plans)
    # Sjælland's plan has efforts at every stage from idea to funded.
    stages = set(
        Activity.objects.filter(region=other_region).values_list("stage", flat=True)
    )
    assert stages == {"idea", "exploration", "ready", "funded"}
    # A goal conflict: visitor growth against the climate goal.
    conflict = GoalInteraction.objects.get(
        strategy=current, from_goal__code="1.2", to_goal__code="4.1"
    )
    assert conflict.score == -2
    assert Observation.objects.filter(is_demo=False).count() == 0
    views = goal_indicator_views(current.goals.all())
    statuses = {v.indicator.name: v.status.status for vs in views.values() for v in vs}
    assert statuses["Utsläpp av växthusgaser per invånare"] in {
        "on_track",
        "at_risk",
        "off_track",
    }


def test_loaders_run_in_order():
    names = [loader.name for loader in loaders()]
    assert names.index("samverka.strategy.demo.load_strategies") < names.index(
        "samverka.plans.demo.load_action_plans"
    )
