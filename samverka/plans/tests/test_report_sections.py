"""The plans app's sections of the strategy follow-up report."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samverka.plans import report_sections
from samverka.plans.choices import ActivityStage, ActivityStatus, Relevance
from samverka.plans.models import ActivityGoal
from samverka.plans.tests.factories import ActionPlanFactory, ActivityFactory
from samverka.strategy import report as report_module
from samverka.strategy.choices import GoalKind
from samverka.strategy.report import build_report
from samverka.strategy.tests.factories import GoalFactory, StrategyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _registered():
    saved = dict(report_module._REGISTRY)
    report_sections.register()
    yield
    report_module._REGISTRY.clear()
    report_module._REGISTRY.update(saved)


def link(activity, goal, weight=Relevance.SUBSTANTIAL):
    return ActivityGoal.objects.create(activity=activity, goal=goal, weight=weight)


@pytest.fixture
def plan_data(strategy, region):
    area = GoalFactory(
        strategy=strategy, kind=GoalKind.PRIORITY_AREA, title="Innovation", order=0
    )
    goal = GoalFactory(
        strategy=strategy, parent=area, title="Fler testbäddar", code="1.1", order=0
    )
    other = GoalFactory(strategy=strategy, title="Kompetens", code="2", order=1)
    plan = ActionPlanFactory(
        region=region, strategy=strategy, title="Handlingsplan innovation", adopted=True
    )
    draft = ActionPlanFactory(
        region=region, strategy=strategy, title="Handlingsplan i utkast"
    )
    testbed = ActivityFactory(
        action_plan=plan,
        title="Testbädd för skogsnäringen",
        code="A1",
        status=ActivityStatus.ONGOING,
        stage=ActivityStage.FUNDED,
        start_date=datetime.date(2017, 3, 1),
        end_date=datetime.date(2019, 12, 31),
    )
    network = ActivityFactory(
        action_plan=plan, title="Innovationsnätverk", status=ActivityStatus.DONE
    )
    secret = ActivityFactory(
        action_plan=draft, title="Hemlig aktivitet", status=ActivityStatus.PLANNED
    )
    link(testbed, goal, Relevance.PRINCIPAL)
    link(network, goal, Relevance.SOME)
    link(network, other)  # counted once in the summary
    link(secret, goal)
    return {"goal": goal, "other": other, "area": area}


def report_url(strategy):
    return reverse("strategy:report", args=[strategy.region.slug, strategy.pk])


def test_register_is_idempotent():
    report_sections.register()
    report_sections.register()
    keys = [s.key for s in report_module.sections()]
    assert keys.count(report_sections.ACTIVITIES_KEY) == 1
    assert keys.count(report_sections.SUMMARY_KEY) == 1


def test_activities_appear_under_their_goal(strategy, plan_data, client_en):
    html = client_en().get(report_url(strategy)).content.decode()
    goal_at = html.index("Fler testbäddar")
    other_at = html.index(f'id="report-goal-{plan_data["other"].pk}"')
    testbed_at = html.index("A1 Testbädd för skogsnäringen")
    assert goal_at < testbed_at < other_at
    # most relevant first, with plan, status, stage, relevance and period
    assert testbed_at < html.index("Innovationsnätverk", goal_at)
    row = html[testbed_at : html.index("</tr>", testbed_at)]
    for text in (
        "Handlingsplan innovation",
        "Ongoing",
        "Funded",
        "Main purpose",
        "March 2017",
        "December 2019",
    ):
        assert text in row, text
    network_row = html[html.index("Innovationsnätverk", goal_at) :]
    network_row = network_row[: network_row.index("</tr>")]
    assert "Done" in network_row
    assert "2016–2020" in network_row
    # no activity table under the area that has none
    area_at = html.index(f'id="report-goal-{plan_data["area"].pk}"')
    assert "Action-plan activities for" not in html[area_at:goal_at]


def test_summary_counts_distinct_activities_by_status(strategy, plan_data, client_en):
    html = client_en().get(report_url(strategy)).content.decode()
    summary = html[html.index('id="report-section-planssummary"') :]
    assert "2 activities in the action plans serve the goals" in summary
    counts = {
        item["code"]: item["count"]
        for item in report_sections.activity_summary(
            strategy, list(strategy.goals.all()), user=None
        )["counts"]
    }
    assert counts == {"planned": 0, "ongoing": 1, "done": 1, "paused": 0}


def test_draft_plans_are_hidden_from_the_public_but_shown_to_staff(
    strategy, plan_data, client_en, strategist
):
    public = client_en().get(report_url(strategy)).content.decode()
    assert "Hemlig aktivitet" not in public
    staff = client_en(strategist).get(report_url(strategy)).content.decode()
    assert "Hemlig aktivitet" in staff
    assert "(draft)" in staff
    assert "3 activities in the action plans serve the goals" in staff


def test_activities_are_in_the_pdf_too(strategy, plan_data, client_en):
    response = client_en().get(
        reverse("strategy:report_pdf", args=[strategy.region.slug, strategy.pk])
    )
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


def test_no_activities_says_so(strategy, client_en):
    GoalFactory(strategy=strategy, title="Ensamt mål")
    html = client_en().get(report_url(strategy)).content.decode()
    assert "No action-plan activity is linked to the goals of the strategy yet." in html


def test_plans_sections_cost_a_fixed_number_of_queries(region, strategist):
    def build(size):
        strategy = StrategyFactory(region=region, adopted=True)
        plan = ActionPlanFactory(region=region, strategy=strategy, adopted=True)
        for i in range(size):
            goal = GoalFactory(strategy=strategy, title=f"Mål {i}")
            for _ in range(2):
                link(ActivityFactory(action_plan=plan), goal)
        return strategy

    small, large = build(1), build(6)
    build_report(small, user=strategist)  # the user's roles are cached after this
    with CaptureQueriesContext(connection) as small_queries:
        small_report = build_report(small, user=strategist)
    with CaptureQueriesContext(connection) as large_queries:
        large_report = build_report(large, user=strategist)
    assert len(large_queries) == len(small_queries)
    lines = [
        line
        for row in large_report.rows
        for part in row.parts
        for line in part.data["activities"]
    ]
    assert len(lines) == 12
    assert len(small_report.rows) == 1
    # and the page as a whole does not grow either
    client = Client()
    client.get(report_url(small))
    with CaptureQueriesContext(connection) as small_page:
        client.get(report_url(small))
    with CaptureQueriesContext(connection) as large_page:
        client.get(report_url(large))
    assert len(large_page) <= len(small_page)
