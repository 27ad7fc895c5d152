"""The plans services: rules, permissions and audit entries."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from samverka.actors.tests.factories import OrganisationFactory
from samverka.core.errors import STALE_EDIT
from samverka.core.models import AuditEntry
from samverka.plans import services
from samverka.plans.choices import PlanStatus, Relevance, Theme
from samverka.plans.models import ActionPlan, Activity
from samverka.plans.tests.factories import ActionPlanFactory, ActivityFactory
from samverka.strategy.tests.factories import GoalFactory, StrategyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(region, strategy):
    return ActionPlanFactory(
        region=region, strategy=strategy, title="Handlingsplan innovation"
    )


def test_create_plan_needs_an_editor(region, strategist, officer):
    data = {
        "title": "Energi och klimat",
        "theme": Theme.ENERGY_CLIMATE,
        "start_year": 2016,
        "end_year": 2020,
    }
    with pytest.raises(PermissionDenied):
        services.action_plan_create(region=region, by=officer, data=data)
    plan = services.action_plan_create(region=region, by=strategist, data=data)
    assert plan.status == PlanStatus.DRAFT
    assert AuditEntry.objects.get().action == "plans.plan_create"


def test_strategy_of_another_region_is_refused(region, other_region, strategist):
    foreign = StrategyFactory(region=other_region)
    with pytest.raises(ValidationError, match="another region"):
        services.action_plan_create(
            region=region,
            by=strategist,
            data={
                "title": "X",
                "theme": Theme.TOURISM,
                "start_year": 2020,
                "end_year": 2022,
                "strategy": foreign,
            },
        )
    assert not ActionPlan.objects.exists()


def test_adopt_and_archive(plan, strategist):
    with pytest.raises(ValidationError):
        services.action_plan_archive(plan=plan, by=strategist)
    services.action_plan_adopt(
        plan=plan,
        by=strategist,
        adopted_on=datetime.date(2016, 3, 1),
        decision_reference="RS § 12",
    )
    assert (plan.status, plan.decision_reference) == (PlanStatus.ADOPTED, "RS § 12")
    services.action_plan_archive(plan=plan, by=strategist)
    assert plan.status == PlanStatus.ARCHIVED


def test_stale_plan_update(plan, strategist):
    read = plan.revision
    services.action_plan_update(
        plan=plan, by=strategist, data={"title": "A"}, revision=read
    )
    with pytest.raises(ValidationError) as error:
        services.action_plan_update(
            plan=ActionPlan.objects.get(pk=plan.pk),
            by=strategist,
            data={"title": "B"},
            revision=read,
        )
    assert error.value.code == STALE_EDIT


def test_activity_partners_of_the_region_only(plan, strategist, other_region):
    local = OrganisationFactory(region=plan.region)
    foreign = OrganisationFactory(region=other_region)
    activity = services.activity_create(
        plan=plan, by=strategist, data={"title": "Testbädd", "partners": [local]}
    )
    assert list(activity.partners.all()) == [local]
    with pytest.raises(ValidationError, match="another region"):
        services.activity_update(
            activity=activity, by=strategist, data={"partners": [local, foreign]}
        )
    assert list(activity.partners.all()) == [local]
    with pytest.raises(ValidationError, match="another region"):
        services.activity_create(
            plan=plan, by=strategist, data={"title": "X", "responsible": foreign}
        )


def test_activity_rules(plan, strategist):
    with pytest.raises(ValidationError, match="end cannot be before"):
        services.activity_create(
            plan=plan,
            by=strategist,
            data={
                "title": "X",
                "start_date": datetime.date(2020, 5, 1),
                "end_date": datetime.date(2020, 1, 1),
            },
        )
    with pytest.raises(ValidationError, match="Unknown kind of funding"):
        services.activity_create(
            plan=plan, by=strategist, data={"title": "X", "funding_types": ["lottery"]}
        )
    with pytest.raises(ValidationError):
        services.activity_create(
            plan=plan, by=strategist, data={"title": "X", "estimated_budget": -1}
        )
    assert not Activity.objects.exists()


def test_reorder_and_delete(plan, strategist):
    a, b, c = (ActivityFactory(action_plan=plan, title=t) for t in "ABC")
    services.activity_reorder(plan=plan, by=strategist, order=[c.pk, a.pk, b.pk])
    assert list(plan.activities.order_by("order").values_list("title", flat=True)) == [
        "C",
        "A",
        "B",
    ]
    with pytest.raises(ValidationError):
        services.activity_reorder(plan=plan, by=strategist, order=[c.pk, a.pk])
    services.activity_delete(activity=b, by=strategist)
    assert plan.activities.count() == 2


def test_goal_links(plan, strategist, other_region):
    activity = ActivityFactory(action_plan=plan)
    goal = GoalFactory(strategy=plan.strategy)
    services.activity_goal_set(
        activity=activity, goal=goal, by=strategist, weight=Relevance.SOME
    )
    link = services.activity_goal_set(
        activity=activity, goal=goal, by=strategist, weight=Relevance.PRINCIPAL
    )
    assert activity.goal_links.get().weight == Relevance.PRINCIPAL
    foreign_goal = GoalFactory(strategy=StrategyFactory(region=other_region))
    with pytest.raises(ValidationError, match="another region"):
        services.activity_goal_set(activity=activity, goal=foreign_goal, by=strategist)
    services.activity_goal_remove(link=link, by=strategist)
    assert not activity.goal_links.exists()
    assert [e.action for e in AuditEntry.objects.order_by("pk")] == [
        "plans.activity_goal_set",
        "plans.activity_goal_set",
        "plans.activity_goal_remove",
    ]


def test_outsider_cannot_write(plan, outsider):
    with pytest.raises(PermissionDenied):
        services.activity_create(plan=plan, by=outsider, data={"title": "X"})
