"""The public action plan pages: the list by theme, a plan with its activities, an
investment plan's objects, languages, drafts and other regions, and query counts."""

import datetime

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samverka.actors.tests.factories import OrganisationFactory
from samverka.core.testing import assert_access
from samverka.plans.choices import (
    ActivityStage,
    ActivityStatus,
    PlanKind,
    PlanStatus,
    Relevance,
    Theme,
)
from samverka.plans.models import ActivityGoal
from samverka.plans.tests.factories import ActionPlanFactory, ActivityFactory
from samverka.strategy.tests.factories import GoalFactory

pytestmark = pytest.mark.django_db


def client_in(language):
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


@pytest.fixture
def plan(region, strategy):
    return ActionPlanFactory(
        region=region,
        strategy=strategy,
        title="Handlingsplan för besöksnäringen",
        summary="Fler besökare året runt.",
        translations={"en": {"title": "Action plan for tourism"}},
        theme=Theme.TOURISM,
        status=PlanStatus.ADOPTED,
        adopted_on=datetime.date(2021, 3, 1),
        owner="Regionala utvecklingsnämnden",
    )


def add_activity(plan, goal=None, **kwargs):
    responsible = OrganisationFactory(region=plan.region, name="Mittuniversitetet")
    partner = OrganisationFactory(region=plan.region, name="Sundsvalls kommun")
    activity = ActivityFactory(
        action_plan=plan,
        responsible=responsible,
        start_date=datetime.date(2022, 1, 1),
        end_date=datetime.date(2024, 12, 31),
        status=ActivityStatus.ONGOING,
        stage=ActivityStage.FUNDED,
        estimated_budget=250_000_000,  # 2 500 000 kr in öre
        funding_types=["erdf", "regional_growth"],
        **kwargs,
    )
    activity.partners.add(partner)
    if goal is not None:
        ActivityGoal.objects.create(
            activity=activity, goal=goal, weight=Relevance.PRINCIPAL
        )
    return activity


class ListTests:
    def test_list_groups_published_plans_by_theme(self, region, officer, plan):
        ActionPlanFactory(region=region, theme=Theme.TOURISM, title="Utkast om turism")
        ActionPlanFactory(
            region=region, theme=Theme.INNOVATION, adopted=True, title="Innovation"
        )
        result = assert_access(
            reverse("plans:public_list", args=[region.slug]),
            permitted=officer,
            no_role=None,
            other_region=None,
            public=True,
            expect=200,
        )
        swedish = client_in("sv").get(reverse("plans:public_list", args=[region.slug]))
        assert result.response.status_code == 200
        assert "Handlingsplan för besöksnäringen" in swedish.text
        text = (
            client_in("en").get(reverse("plans:public_list", args=[region.slug])).text
        )
        assert "Action plan for tourism" in text
        assert ">Tourism</h2>" in text
        assert ">Innovation</h2>" in text
        assert "Utkast om turism" not in text

    def test_other_regions_plans_are_not_listed(self, region, other_region, plan):
        ActionPlanFactory(region=other_region, adopted=True, title="Dansk plan")
        text = Client().get(reverse("plans:public_list", args=[region.slug])).text
        assert "Dansk plan" not in text


class DetailTests:
    def url(self, plan):
        return reverse("plans:public_detail", args=[plan.region.slug, plan.pk])

    def test_plan_with_activities_in_english(self, region, officer, plan, strategy):
        goal = GoalFactory(
            strategy=strategy,
            code="2.1",
            title="Hållbar besöksnäring",
            translations={"en": {"title": "Sustainable tourism"}},
        )
        add_activity(
            plan,
            goal,
            title="Testbädd för besöksnäringen",
            translations={"en": {"title": "Test bed for tourism"}},
            description="Ett samarbete mellan företag.",
        )
        assert_access(
            self.url(plan),
            permitted=officer,
            no_role=None,
            other_region=None,
            public=True,
            expect=200,
        )
        text = client_in("en").get(self.url(plan)).text
        assert "<h1>Action plan for tourism</h1>" in text
        assert "Test bed for tourism" in text
        # Untranslated description: Swedish, marked.
        assert '<div lang="sv"><p>Ett samarbete mellan företag.</p></div>' in text
        assert "Mittuniversitetet" in text
        assert "Sundsvalls kommun" in text
        assert "Ongoing" in text
        assert "Funded" in text
        assert "European Regional Development Fund" in text
        assert "Regional growth funds (1:1)" in text
        assert "SEK" in text
        assert "2,500,000" in text
        goal_url = reverse(
            "strategy:public_goal", args=[region.slug, strategy.pk, goal.pk]
        )
        assert goal_url in text
        assert "Sustainable tourism" in text
        assert "main purpose" in text
        assert (
            reverse("strategy:public_detail", args=[region.slug, strategy.pk]) in text
        )

    def test_plan_in_swedish_and_danish(self, region, plan):
        add_activity(plan, title="Testbädd")
        sv = client_in("sv").get(self.url(plan)).text
        assert '<html lang="sv">' in sv
        assert "<h1>Handlingsplan för besöksnäringen</h1>" in sv
        assert "2 500 000 kr" in sv.replace("\xa0", " ")
        da = client_in("da").get(self.url(plan)).text
        assert '<h1 lang="sv">Handlingsplan för besöksnäringen</h1>' in da

    def test_investment_plan_shows_a_table_of_objects(self, region, strategy):
        plan = ActionPlanFactory(
            region=region,
            strategy=strategy,
            kind=PlanKind.INVESTMENTS,
            theme=Theme.TRANSPORT,
            adopted=True,
            title="Länstransportplan",
        )
        add_activity(plan, title="Väg 86 Sundsvall–Bergeforsen")
        text = client_in("en").get(self.url(plan)).text
        table = text[text.index("<table") : text.index("</table>")]
        assert "Investment object" in table
        assert "Cost" in table
        assert "Väg 86 Sundsvall–Bergeforsen" in table
        assert "2022–2024" in table
        assert "Ongoing" in table
        assert "2,500,000" in table

    def test_draft_and_other_region_are_404(self, region, other_region, officer):
        draft = ActionPlanFactory(region=region)
        assert Client().get(self.url(draft)).status_code == 404
        client = Client()
        client.force_login(officer)
        assert client.get(self.url(draft)).status_code == 404
        theirs = ActionPlanFactory(region=other_region, adopted=True)
        url = reverse("plans:public_detail", args=[region.slug, theirs.pk])
        assert Client().get(url).status_code == 404

    def test_goal_of_a_draft_strategy_is_not_linked(self, region, plan, draft_strategy):
        goal = GoalFactory(strategy=draft_strategy, title="Hemligt utkastmål")
        add_activity(plan, goal, title="Aktivitet")
        text = Client().get(self.url(plan)).text
        assert "Hemligt utkastmål" not in text

    def test_query_count_does_not_grow_with_activities(
        self, region, plan, strategy, django_assert_max_num_queries
    ):
        goal = GoalFactory(strategy=strategy)
        add_activity(plan, goal)
        with CaptureQueriesContext(connection) as queries:
            client_in("en").get(self.url(plan))
        for _ in range(5):
            add_activity(plan, GoalFactory(strategy=strategy))
        with django_assert_max_num_queries(len(queries)):
            response = client_in("en").get(self.url(plan))
        assert response.text.count('class="card activity"') == 6


def test_list_query_count_does_not_grow_with_plans(
    region, strategy, django_assert_max_num_queries
):
    url = reverse("plans:public_list", args=[region.slug])
    ActionPlanFactory(region=region, strategy=strategy, adopted=True)
    with CaptureQueriesContext(connection) as queries:
        client_in("en").get(url)
    for theme in (Theme.ENERGY_CLIMATE, Theme.SKILLS_SUPPLY, Theme.TRANSPORT):
        plan = ActionPlanFactory(
            region=region, strategy=strategy, adopted=True, theme=theme
        )
        ActivityFactory.create_batch(2, action_plan=plan)
    with django_assert_max_num_queries(len(queries)):
        response = client_in("en").get(url)
    assert response.text.count('class="card"') == 4


def test_archived_plan_is_readable_with_a_notice(region):
    plan = ActionPlanFactory(
        region=region,
        status=PlanStatus.ARCHIVED,
        adopted_on=datetime.date(2016, 1, 1),
        title="Gammal plan",
    )
    text = (
        client_in("en")
        .get(reverse("plans:public_detail", args=[region.slug, plan.pk]))
        .text
    )
    assert "This plan is archived." in text
    assert "Gammal plan" in text
