"""Reads of action plans: lists, the activity table, goal rows and the dashboard counts."""

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from samverka.actors.tests.factories import OrganisationFactory
from samverka.plans import selectors
from samverka.plans.choices import ActivityStage, ActivityStatus, PlanStatus, Theme
from samverka.plans.tests.factories import ActionPlanFactory, ActivityFactory
from samverka.strategy.tests.factories import GoalFactory, StrategyFactory

pytestmark = pytest.mark.django_db


class PlanListTests:
    def test_scope_filters_and_count(self, region, other_region, officer, strategy):
        tourism = ActionPlanFactory(
            region=region, theme=Theme.TOURISM, strategy=strategy
        )
        ActivityFactory.create_batch(2, action_plan=tourism)
        broadband = ActionPlanFactory(
            region=region, theme=Theme.BROADBAND, adopted=True
        )
        ActionPlanFactory(region=other_region, theme=Theme.TOURISM, adopted=True)

        plans = list(selectors.plan_list(user=officer, region=region))
        assert {p.pk for p in plans} == {tourism.pk, broadband.pk}
        assert {p.pk: p.activity_count for p in plans} == {
            tourism.pk: 2,
            broadband.pk: 0,
        }
        assert [
            p.pk
            for p in selectors.plan_list(
                user=officer, region=region, filters={"theme": Theme.TOURISM}
            )
        ] == [tourism.pk]
        assert [
            p.pk
            for p in selectors.plan_list(
                user=officer, region=region, filters={"status": PlanStatus.ADOPTED}
            )
        ] == [broadband.pk]

    def test_outsider_sees_only_public_plans(self, region, outsider):
        draft = ActionPlanFactory(region=region)
        adopted = ActionPlanFactory(region=region, adopted=True)
        visible = {p.pk for p in selectors.plan_list(user=outsider, region=region)}
        assert visible == {adopted.pk}
        assert selectors.plan_get(user=outsider, region=region, pk=draft.pk) is None

    def test_plan_get_in_another_region_is_none(self, region, other_region, officer):
        plan = ActionPlanFactory(region=region)
        assert selectors.plan_get(user=officer, region=region, pk=plan.pk) == plan
        assert selectors.plan_get(user=officer, region=other_region, pk=plan.pk) is None


class ActivityTableTests:
    def test_order_and_fixed_queries(self, region, strategy):
        plan = ActionPlanFactory(region=region, strategy=strategy)
        goal = GoalFactory(strategy=strategy)
        org = OrganisationFactory(region=region)
        late = ActivityFactory(action_plan=plan, order=5, responsible=org)
        early = ActivityFactory(action_plan=plan, order=1)
        late.goal_links.create(goal=goal, weight=2)
        with CaptureQueriesContext(connection) as queries:
            rows = selectors.activity_table(plan)
            texts = [
                (
                    a.responsible and a.responsible.name,
                    [str(g.goal) for g in a.goal_links.all()],
                )
                for a in rows
            ]
            for a in rows:
                a.localised("title")
        assert [a.pk for a in rows] == [early.pk, late.pk]
        assert texts[1] == (org.name, [str(goal)])
        assert len(queries) == 2

    def test_activity_get_is_scoped_to_the_plan(self, region, officer):
        plan = ActionPlanFactory(region=region)
        other = ActionPlanFactory(region=region)
        activity = ActivityFactory(action_plan=plan)
        assert (
            selectors.activity_get(user=officer, plan=plan, pk=activity.pk) == activity
        )
        assert selectors.activity_get(user=officer, plan=other, pk=activity.pk) is None


class GoalRowsTests:
    def test_tree_order_depth_and_weights(self, region, strategy):
        plan = ActionPlanFactory(region=region, strategy=strategy)
        activity = ActivityFactory(action_plan=plan)
        second = GoalFactory(strategy=strategy, title="Andra", order=2)
        first = GoalFactory(strategy=strategy, title="Första", order=1)
        child = GoalFactory(
            strategy=strategy, title="Under första", parent=first, order=1
        )
        GoalFactory(strategy=StrategyFactory(region=region), title="Annan strategi")
        activity.goal_links.create(goal=child, weight=3)
        rows = selectors.activity_goal_rows(activity)
        assert [(r.goal.title, r.depth, r.weight) for r in rows] == [
            ("Första", 0, None),
            ("Under första", 1, 3),
            ("Andra", 0, None),
        ]
        assert second in [r.goal for r in rows]

    def test_no_strategy_no_rows(self, region):
        activity = ActivityFactory(action_plan=ActionPlanFactory(region=region))
        assert selectors.activity_goal_rows(activity) == []


class PlansSummaryTests:
    def test_counts(self, region, other_region):
        adopted = ActionPlanFactory(region=region, adopted=True)
        draft = ActionPlanFactory(region=region)
        archived = ActionPlanFactory(region=region, status=PlanStatus.ARCHIVED)
        ActionPlanFactory(region=other_region, adopted=True)
        ActivityFactory(
            action_plan=adopted,
            status=ActivityStatus.ONGOING,
            stage=ActivityStage.FUNDED,
        )
        ActivityFactory(
            action_plan=adopted, status=ActivityStatus.ONGOING, stage=ActivityStage.IDEA
        )
        ActivityFactory(
            action_plan=draft, status=ActivityStatus.PLANNED, stage=ActivityStage.IDEA
        )
        ActivityFactory(action_plan=draft, status=ActivityStatus.PLANNED)
        ActivityFactory(action_plan=archived, status=ActivityStatus.DONE)
        ActivityFactory(
            action_plan=ActionPlanFactory(region=other_region),
            status=ActivityStatus.DONE,
        )
        with translation.override("en"), CaptureQueriesContext(connection) as queries:
            summary = selectors.plans_summary(region)
        assert len(queries) == 3
        assert summary["adopted_plan_count"] == 1
        assert summary["activity_count"] == 4
        assert [(r["value"], r["count"]) for r in summary["by_status"]] == [
            ("planned", 2),
            ("ongoing", 2),
        ]
        assert [(r["value"], r["count"]) for r in summary["by_stage"]] == [
            ("idea", 2),
            ("funded", 1),
        ]

    def test_panel_template(self, region):
        plan = ActionPlanFactory(region=region, adopted=True)
        ActivityFactory(action_plan=plan, status=ActivityStatus.ONGOING, stage="ready")
        with translation.override("en"):
            html = render_to_string(
                "plans/panels/_plans_summary.html",
                {
                    "panel": {"key": "plans.summary", "title": "Action plans"},
                    "data": selectors.plans_summary(region),
                    "current_region": region,
                },
            )
        assert "1 adopted action plan" in html
        assert "Ongoing: 1" in html
        assert "Ready to start: 1" in html
        assert "/staff/vasternorrland/action-plans/" in html
