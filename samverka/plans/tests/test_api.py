import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from samverka.actors.tests.factories import OrganisationFactory
from samverka.core.models import AuditEntry
from samverka.core.testing import assert_access
from samverka.plans.choices import PlanStatus
from samverka.plans.models import ActionPlan, Activity, ActivityGoal
from samverka.plans.tests.factories import ActionPlanFactory, ActivityFactory
from samverka.strategy.tests.factories import GoalFactory, StrategyFactory

pytestmark = pytest.mark.django_db

PLANS = "/api/v1/action-plans/"
ACTIVITIES = "/api/v1/activities/"


def api_client(user=None):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_login(user)
    return client


def post(client, url, data):
    return client.post(url, data, content_type="application/json")


def patch(client, url, data):
    return client.patch(url, data, content_type="application/json")


def rows(response):
    assert response.status_code == 200, response.content
    return response.json()["results"]


@pytest.fixture
def plan(region, strategy):
    return ActionPlanFactory(
        region=region, strategy=strategy, title="Besöksnäringens handlingsplan"
    )


@pytest.fixture
def adopted_plan(region):
    return ActionPlanFactory(
        region=region,
        adopted=True,
        title="Handlingsplan för bredband",
        theme="broadband",
    )


@pytest.fixture
def activity(plan):
    return ActivityFactory(action_plan=plan, title="Destinationsutveckling")


class ActionPlanApiTests:
    def test_anonymous_list_shows_adopted_only(
        self, plan, adopted_plan, officer, no_role_user
    ):
        result = assert_access(
            PLANS,
            permitted=officer,
            no_role=no_role_user,
            no_role_status=200,
            other_region=None,
            api=True,
            public=True,
            expect=200,
        )
        assert {row["title"] for row in rows(result.response)} == {
            plan.title,
            adopted_plan.title,
        }
        public = rows(api_client().get(PLANS))
        assert [row["title"] for row in public] == [adopted_plan.title]
        assert public[0]["region"] == "vasternorrland"

    def test_list_filters(self, other_region, plan, adopted_plan, officer):
        ActionPlanFactory(region=other_region, adopted=True, title="Sjælland")
        client = api_client(officer)
        assert [r["title"] for r in rows(client.get(PLANS, {"status": "draft"}))] == [
            plan.title
        ]
        assert [
            r["title"] for r in rows(client.get(PLANS, {"theme": "broadband"}))
        ] == [adopted_plan.title]
        assert [
            r["title"] for r in rows(client.get(PLANS, {"region": "sjaelland"}))
        ] == ["Sjælland"]
        response = client.get(PLANS, {"theme": "knitting"})
        assert response.status_code == 400
        assert "theme" in response.json()

    def test_draft_is_invisible_outside_the_region(
        self, plan, officer, no_role_user, outsider
    ):
        url = f"{PLANS}{plan.pk}/"
        for user in (None, no_role_user, outsider):
            assert api_client(user).get(url).status_code == 404, user
        body = api_client(officer).get(url).json()
        assert body["strategy"] == plan.strategy_id
        assert body["status"] == "draft"

    def test_create(self, region, strategy, strategist, no_role_user, outsider):
        result = assert_access(
            PLANS,
            method="post",
            permitted=strategist,
            no_role=no_role_user,
            other_region=None,
            api=True,
            data={
                "region": region.slug,
                "strategy": strategy.pk,
                "title": "Handlingsplan för kompetensförsörjning",
                "theme": "skills_supply",
                "start_year": 2025,
                "end_year": 2028,
            },
            expect=201,
            audit_action="plans.plan_create",
        )
        body = result.response.json()
        assert body["status"] == "draft"
        assert body["strategy"] == strategy.pk
        response = post(
            api_client(outsider),
            PLANS,
            {
                "region": region.slug,
                "title": "X",
                "theme": "other",
                "start_year": 2025,
                "end_year": 2028,
            },
        )
        assert response.status_code == 403
        assert ActionPlan.objects.count() == 1

    def test_strategy_of_another_region_is_400(self, region, other_region, strategist):
        theirs = StrategyFactory(region=other_region, adopted=True)
        response = post(
            api_client(strategist),
            PLANS,
            {
                "region": region.slug,
                "strategy": theirs.pk,
                "title": "X",
                "theme": "other",
                "start_year": 2025,
                "end_year": 2028,
            },
        )
        assert response.status_code == 400
        assert "another region" in response.json()["strategy"][0]
        assert not ActionPlan.objects.exists()

    def test_partial_update(self, plan, strategist, no_role_user, outsider):
        result = assert_access(
            f"{PLANS}{plan.pk}/",
            method="patch",
            permitted=strategist,
            no_role=no_role_user,
            no_role_status=404,
            other_region=outsider,
            api=True,
            data={
                "owner": "Regionala utvecklingsförvaltningen",
                "translations": {"en": {"title": "Tourism action plan"}},
                "revision": 1,
            },
            expect=200,
            audit_action="plans.plan_update",
        )
        body = result.response.json()
        assert body["owner"] == "Regionala utvecklingsförvaltningen"
        assert body["translations"]["en"]["title"] == "Tourism action plan"
        assert body["revision"] == 2

    def test_stale_revision_is_409(self, plan, strategist):
        client = api_client(strategist)
        url = f"{PLANS}{plan.pk}/"
        assert patch(client, url, {"title": "Ett", "revision": 1}).status_code == 200
        response = patch(client, url, {"title": "Två", "revision": 1})
        assert response.status_code == 409
        assert response.json()["code"] == "stale_edit"
        plan.refresh_from_db()
        assert plan.title == "Ett"

    def test_officer_may_not_change(self, plan, officer):
        response = patch(api_client(officer), f"{PLANS}{plan.pk}/", {"title": "X"})
        assert response.status_code == 403
        assert not AuditEntry.objects.exists()

    def test_adopt_then_archive(self, plan, strategist, no_role_user, outsider):
        result = assert_access(
            f"{PLANS}{plan.pk}/adopt/",
            method="post",
            permitted=strategist,
            no_role=no_role_user,
            no_role_status=404,
            other_region=outsider,
            api=True,
            data={"adopted_on": "2026-03-01", "decision_reference": "RUN § 12"},
            expect=200,
            audit_action="plans.plan_adopt",
        )
        assert result.response.json()["status"] == "adopted"
        assert result.response.json()["decision_reference"] == "RUN § 12"
        # Adopted, the plan is public; writes still stay within the user's regions.
        result = assert_access(
            f"{PLANS}{plan.pk}/archive/",
            method="post",
            permitted=strategist,
            no_role=no_role_user,
            no_role_status=404,
            other_region=outsider,
            api=True,
            expect=200,
            audit_action="plans.plan_archive",
        )
        assert result.response.json()["status"] == "archived"
        assert api_client().get(f"{PLANS}{plan.pk}/").status_code == 200

    def test_archive_a_draft_is_400(self, plan, strategist):
        response = post(api_client(strategist), f"{PLANS}{plan.pk}/archive/", {})
        assert response.status_code == 400
        assert "adopted" in str(response.json())
        plan.refresh_from_db()
        assert plan.status == PlanStatus.DRAFT

    def test_list_query_count_does_not_grow(
        self, region, officer, django_assert_max_num_queries
    ):
        client = api_client(officer)
        ActionPlanFactory.create_batch(3, region=region)
        with CaptureQueriesContext(connection) as few:
            assert len(rows(client.get(PLANS))) == 3
        ActionPlanFactory.create_batch(30, region=region)
        with django_assert_max_num_queries(len(few.captured_queries)):
            assert len(rows(client.get(PLANS))) == 33


class ActivityApiTests:
    def test_create_with_partners_and_budget(
        self, region, plan, strategist, no_role_user, outsider
    ):
        partner = OrganisationFactory(region=region, name="Destination Höga Kusten")
        result = assert_access(
            ACTIVITIES,
            method="post",
            permitted=strategist,
            no_role=no_role_user,
            no_role_status=400,  # the draft plan is out of sight: no such plan
            other_region=None,
            api=True,
            data={
                "action_plan": plan.pk,
                "title": "Året-runt-turism",
                "partners": [partner.pk],
                "responsible": partner.pk,
                "estimated_budget": 250_000_00,
                "funding_types": ["regional_growth", "erdf"],
                "start_date": "2026-01-01",
                "end_date": "2027-12-31",
            },
            expect=201,
            audit_action="plans.activity_create",
        )
        body = result.response.json()
        assert body["partners"] == [partner.pk]
        assert body["estimated_budget"] == 25_000_000
        assert body["currency"] == "SEK"
        assert body["funding_types"] == ["regional_growth", "erdf"]
        assert body["goals"] == []

    def test_partner_of_another_region_is_400(self, other_region, plan, strategist):
        theirs = OrganisationFactory(region=other_region)
        response = post(
            api_client(strategist),
            ACTIVITIES,
            {"action_plan": plan.pk, "title": "X", "partners": [theirs.pk]},
        )
        assert response.status_code == 400
        assert "partners" in response.json()
        assert not Activity.objects.exists()

    def test_end_before_start_is_400(self, plan, strategist):
        response = post(
            api_client(strategist),
            ACTIVITIES,
            {
                "action_plan": plan.pk,
                "title": "X",
                "start_date": "2027-01-01",
                "end_date": "2026-01-01",
            },
        )
        assert response.status_code == 400
        assert "end_date" in response.json()

    def test_unknown_funding_type_is_400(self, plan, strategist):
        response = post(
            api_client(strategist),
            ACTIVITIES,
            {"action_plan": plan.pk, "title": "X", "funding_types": ["lottery"]},
        )
        assert response.status_code == 400
        assert "funding_types" in response.json()

    def test_partial_update(self, activity, strategist, no_role_user, outsider):
        result = assert_access(
            f"{ACTIVITIES}{activity.pk}/",
            method="patch",
            permitted=strategist,
            no_role=no_role_user,
            no_role_status=404,
            other_region=outsider,
            api=True,
            data={"status": "ongoing", "revision": 1},
            expect=200,
            audit_action="plans.activity_update",
        )
        assert result.response.json()["status"] == "ongoing"
        assert result.response.json()["revision"] == 2

    def test_stale_revision_is_409(self, activity, strategist):
        client = api_client(strategist)
        url = f"{ACTIVITIES}{activity.pk}/"
        assert patch(client, url, {"code": "A1", "revision": 1}).status_code == 200
        response = patch(client, url, {"code": "A2", "revision": 1})
        assert response.status_code == 409
        assert response.json()["code"] == "stale_edit"
        activity.refresh_from_db()
        assert activity.code == "A1"

    def test_goal_links(self, activity, goal, strategist, no_role_user, outsider):
        result = assert_access(
            f"{ACTIVITIES}{activity.pk}/goals/",
            method="post",
            permitted=strategist,
            no_role=no_role_user,
            no_role_status=404,
            other_region=outsider,
            api=True,
            data={"goal": goal.pk, "weight": 3},
            expect=200,
            audit_action="plans.activity_goal_set",
        )
        assert result.response.json()["goals"] == [
            {"goal": goal.pk, "goal_title": goal.title, "weight": 3}
        ]
        url = f"{ACTIVITIES}{activity.pk}/goals/{goal.pk}/"
        assert_access(
            url,
            method="delete",
            permitted=strategist,
            no_role=no_role_user,
            no_role_status=404,
            other_region=outsider,
            api=True,
            expect=204,
            audit_action="plans.activity_goal_remove",
        )
        assert not ActivityGoal.objects.exists()
        assert api_client(strategist).delete(url).status_code == 404

    def test_goal_of_another_region_is_400(self, activity, other_region, strategist):
        theirs = GoalFactory(
            strategy=StrategyFactory(region=other_region, adopted=True)
        )
        response = post(
            api_client(strategist),
            f"{ACTIVITIES}{activity.pk}/goals/",
            {"goal": theirs.pk},
        )
        assert response.status_code == 400
        assert "another region" in response.json()["goal"][0]
        assert not ActivityGoal.objects.exists()

    def test_delete(self, activity, strategist, no_role_user, outsider):
        assert_access(
            f"{ACTIVITIES}{activity.pk}/",
            method="delete",
            permitted=strategist,
            no_role=no_role_user,
            no_role_status=404,
            other_region=outsider,
            api=True,
            expect=204,
            audit_action="plans.activity_delete",
        )
        assert not Activity.objects.exists()

    def test_public_reads_activities_of_adopted_plans_only(
        self, activity, adopted_plan, officer
    ):
        public = ActivityFactory(action_plan=adopted_plan, title="Fiber till byarna")
        assert [r["title"] for r in rows(api_client().get(ACTIVITIES))] == [
            public.title
        ]
        filtered = rows(
            api_client(officer).get(
                ACTIVITIES, {"action_plan": activity.action_plan_id}
            )
        )
        assert [r["title"] for r in filtered] == [activity.title]
        assert api_client().get(f"{ACTIVITIES}{activity.pk}/").status_code == 404

    def test_list_query_count_does_not_grow(
        self, region, plan, goal, officer, django_assert_max_num_queries
    ):
        partner = OrganisationFactory(region=region)

        def make(count):
            for activity in ActivityFactory.create_batch(count, action_plan=plan):
                activity.partners.set([partner])
                ActivityGoal.objects.create(activity=activity, goal=goal)

        client = api_client(officer)
        make(3)
        with CaptureQueriesContext(connection) as few:
            assert len(rows(client.get(ACTIVITIES))) == 3
        make(30)
        with django_assert_max_num_queries(len(few.captured_queries)):
            assert len(rows(client.get(ACTIVITIES))) == 33
