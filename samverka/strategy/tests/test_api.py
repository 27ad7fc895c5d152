import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from samverka.core.models import AuditEntry
from samverka.core.testing import assert_access
from samverka.strategy import services
from samverka.strategy.choices import GoalKind, StrategyStatus
from samverka.strategy.models import (
    Goal,
    GoalIndicator,
    GoalInteraction,
    IndicatorTarget,
    Observation,
    Strategy,
)
from samverka.strategy.tests.factories import (
    GoalFactory,
    GoalIndicatorFactory,
    IndicatorFactory,
    StrategyFactory,
    sdg_goal,
    sdg_target,
    sweden_geo,
)

pytestmark = pytest.mark.django_db

STRATEGIES = "/api/v1/strategies/"
GOALS = "/api/v1/goals/"
SDG_GOALS = "/api/v1/sdg-goals/"
SDG_TARGETS = "/api/v1/sdg-targets/"
INDICATORS = "/api/v1/indicators/"
GOAL_INDICATORS = "/api/v1/goal-indicators/"
TARGETS = "/api/v1/targets/"
OBSERVATIONS = "/api/v1/observations/"
INTERACTIONS = "/api/v1/interactions/"


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


def assert_not_found_for_outsiders(url, *, no_role_user, outsider):
    """Anonymous, no role and another region's staff all get 404 for a read."""
    for user in (None, no_role_user, outsider):
        response = api_client(user).get(url)
        assert response.status_code == 404, (user, response.status_code)


@pytest.fixture
def tree(draft_strategy):
    """Vision → priority area → goal, in a draft."""
    vision = GoalFactory(strategy=draft_strategy, title="Vision", kind=GoalKind.VISION)
    area = GoalFactory(
        strategy=draft_strategy,
        title="Hållbar tillväxt",
        kind=GoalKind.PRIORITY_AREA,
        parent=vision,
    )
    goal = GoalFactory(
        strategy=draft_strategy, title="Fler besökare", code="1.1", parent=area
    )
    return vision, area, goal


class StrategyApiTests:
    def test_anonymous_list_shows_published_only(
        self, strategy, draft_strategy, officer, no_role_user
    ):
        result = assert_access(
            STRATEGIES,
            permitted=officer,
            no_role=no_role_user,
            no_role_status=200,
            other_region=None,
            api=True,
            public=True,
            expect=200,
        )
        assert {row["title"] for row in rows(result.response)} == {
            strategy.title,
            draft_strategy.title,
        }
        public = rows(api_client().get(STRATEGIES))
        assert [row["title"] for row in public] == [strategy.title]
        assert public[0]["region"] == "vasternorrland"
        assert public[0]["status"] == "adopted"

    def test_list_filters(
        self, region, other_region, strategy, draft_strategy, officer
    ):
        StrategyFactory(region=other_region, adopted=True, title="Sjællands strategi")
        StrategyFactory(region=None, level="national", adopted=True, title="Nationell")
        client = api_client(officer)
        drafts = rows(client.get(STRATEGIES, {"status": "draft"}))
        assert [row["title"] for row in drafts] == [draft_strategy.title]
        national = rows(client.get(STRATEGIES, {"level": "national"}))
        assert [row["title"] for row in national] == ["Nationell"]
        mine = rows(client.get(STRATEGIES, {"region": region.slug}))
        assert {row["title"] for row in mine} == {strategy.title, draft_strategy.title}
        response = client.get(STRATEGIES, {"status": "bogus"})
        assert response.status_code == 400
        assert "status" in response.json()

    def test_draft_is_invisible_outside_the_region(
        self, draft_strategy, officer, no_role_user, outsider
    ):
        url = f"{STRATEGIES}{draft_strategy.pk}/"
        assert_not_found_for_outsiders(
            url, no_role_user=no_role_user, outsider=outsider
        )
        response = api_client(officer).get(url)
        assert response.status_code == 200
        assert response.json()["status"] == "draft"

    def test_published_strategy_is_public(self, strategy, no_role_user, outsider):
        body = api_client().get(f"{STRATEGIES}{strategy.pk}/").json()
        assert body["title"] == strategy.title
        assert body["start_year"] == 2011
        assert body["revision"] == 1
        assert (
            api_client(outsider).get(f"{STRATEGIES}{strategy.pk}/").status_code == 200
        )

    def test_create(self, region, strategist, no_role_user, outsider):
        result = assert_access(
            STRATEGIES,
            method="post",
            permitted=strategist,
            no_role=no_role_user,
            other_region=None,
            api=True,
            data={
                "region": region.slug,
                "title": "RUS 2040",
                "start_year": 2031,
                "end_year": 2040,
                "translations": {"en": {"title": "Regional strategy 2040"}},
            },
            expect=201,
            audit_action="strategy.strategy_create",
        )
        body = result.response.json()
        assert body["status"] == "draft"
        assert body["region"] == region.slug
        assert body["translations"] == {"en": {"title": "Regional strategy 2040"}}
        # Staff of another region may not start one here.
        response = post(
            api_client(outsider),
            STRATEGIES,
            {"region": region.slug, "title": "X", "start_year": 2031, "end_year": 2040},
        )
        assert response.status_code == 403
        assert Strategy.objects.filter(title="RUS 2040").count() == 1

    def test_officer_may_not_create(self, region, officer):
        response = post(
            api_client(officer),
            STRATEGIES,
            {"region": region.slug, "title": "X", "start_year": 2031, "end_year": 2040},
        )
        assert response.status_code == 403
        assert not AuditEntry.objects.exists()

    def test_period_backwards_is_400_naming_the_field(self, region, strategist):
        response = post(
            api_client(strategist),
            STRATEGIES,
            {"region": region.slug, "title": "X", "start_year": 2040, "end_year": 2031},
        )
        assert response.status_code == 400
        assert "end_year" in response.json()

    def test_unknown_translation_language_is_400(self, draft_strategy, strategist):
        response = patch(
            api_client(strategist),
            f"{STRATEGIES}{draft_strategy.pk}/",
            {"translations": {"xx": {"title": "?"}}},
        )
        assert response.status_code == 400
        assert "translations" in response.json()
        draft_strategy.refresh_from_db()
        assert draft_strategy.translations == {}

    def test_partial_update(self, draft_strategy, strategist, no_role_user, outsider):
        result = assert_access(
            f"{STRATEGIES}{draft_strategy.pk}/",
            method="patch",
            permitted=strategist,
            no_role=no_role_user,
            no_role_status=404,
            other_region=outsider,
            api=True,
            data={"title": "RUS 2030", "revision": 1},
            expect=200,
            audit_action="strategy.strategy_update",
        )
        body = result.response.json()
        assert body["title"] == "RUS 2030"
        assert body["revision"] == 2

    def test_stale_revision_is_409(self, draft_strategy, strategist):
        client = api_client(strategist)
        url = f"{STRATEGIES}{draft_strategy.pk}/"
        assert patch(client, url, {"title": "Först", "revision": 1}).status_code == 200
        response = patch(client, url, {"title": "Sedan", "revision": 1})
        assert response.status_code == 409
        assert response.json()["code"] == "stale_edit"
        assert "changed by someone else" in response.json()["detail"]
        draft_strategy.refresh_from_db()
        assert draft_strategy.title == "Först"
        assert AuditEntry.objects.filter(action="strategy.strategy_update").count() == 1

    def test_officer_may_read_but_not_change(self, draft_strategy, officer):
        client = api_client(officer)
        url = f"{STRATEGIES}{draft_strategy.pk}/"
        assert client.get(url).status_code == 200
        assert patch(client, url, {"title": "X"}).status_code == 403
        assert not AuditEntry.objects.exists()

    def test_adopt(self, draft_strategy, strategist, no_role_user, outsider):
        result = assert_access(
            f"{STRATEGIES}{draft_strategy.pk}/adopt/",
            method="post",
            permitted=strategist,
            no_role=no_role_user,
            no_role_status=404,
            other_region=outsider,
            api=True,
            data={"adopted_on": "2026-06-15", "decision_reference": "RF § 7"},
            expect=200,
            audit_action="strategy.strategy_adopt",
        )
        assert result.response.json()["status"] == "adopted"
        assert result.response.json()["adopted_on"] == "2026-06-15"
        again = post(
            api_client(strategist),
            f"{STRATEGIES}{draft_strategy.pk}/adopt/",
            {"adopted_on": "2026-06-16"},
        )
        assert again.status_code == 400
        assert "Only a draft" in str(again.json())

    def test_new_version_and_diff(self, strategy, strategist):
        area = GoalFactory(strategy=strategy, title="Kompetens", code="2")
        kept = GoalFactory(strategy=strategy, title="Fler besökare", parent=area)
        dropped = GoalFactory(strategy=strategy, title="Gammalt mål", code="3")
        client = api_client(strategist)
        response = post(
            client,
            f"{STRATEGIES}{strategy.pk}/new-version/",
            {"start_year": 2021, "end_year": 2030},
        )
        assert response.status_code == 201, response.content
        new = response.json()
        assert new["version"] == 2
        assert new["status"] == "draft"
        assert new["previous_version"] == strategy.pk
        assert AuditEntry.objects.filter(
            action="strategy.strategy_new_version"
        ).exists()

        copy = Goal.objects.get(strategy_id=new["id"], copied_from=kept)
        sdg_goal(8)
        assert (
            patch(
                client,
                f"{GOALS}{copy.pk}/",
                {"title": "Fler besökare året runt", "sdg_goals": [8]},
            ).status_code
            == 200
        )
        dropped_copy = Goal.objects.get(strategy_id=new["id"], copied_from=dropped)
        assert client.delete(f"{GOALS}{dropped_copy.pk}/").status_code == 204
        added = post(client, GOALS, {"strategy": new["id"], "title": "Klimat"})
        assert added.status_code == 201

        diff = client.get(f"{STRATEGIES}{new['id']}/diff/", {"with": strategy.pk})
        assert diff.status_code == 200, diff.content
        body = diff.json()
        assert (body["old"], body["new"]) == (strategy.pk, new["id"])
        assert {c["field"]: (c["old"], c["new"]) for c in body["changes"]} == {
            "start_year": (2011, 2021),
            "end_year": (2020, 2030),
        }
        assert [g["title"] for g in body["goals_added"]] == ["Klimat"]
        assert [g["title"] for g in body["goals_removed"]] == ["Gammalt mål"]
        [changed] = body["goals_changed"]
        assert changed["old_id"] == kept.pk
        assert {c["field"]: (c["old"], c["new"]) for c in changed["changes"]} == {
            "title": ("Fler besökare", "Fler besökare året runt"),
            "sdg_goals": ([], [8]),
        }
        # The same comparison asked for from the old version.
        reverse = client.get(f"{STRATEGIES}{strategy.pk}/diff/", {"with": new["id"]})
        assert reverse.json() == body

    def test_diff_across_versions_in_between(self, strategy, goal, strategist):
        second = services.strategy_new_version(strategy=strategy, by=strategist)
        services.strategy_adopt(
            strategy=second, by=strategist, adopted_on=datetime.date(2024, 1, 1)
        )
        third = services.strategy_new_version(strategy=second, by=strategist)
        twin = third.goals.get()
        services.goal_update(goal=twin, by=strategist, data={"code": "1.0"})
        body = (
            api_client(strategist)
            .get(f"{STRATEGIES}{strategy.pk}/diff/", {"with": third.pk})
            .json()
        )
        assert (body["old"], body["new"]) == (strategy.pk, third.pk)
        assert body["goals_added"] == body["goals_removed"] == []
        [changed] = body["goals_changed"]
        assert (changed["old_id"], changed["new_id"]) == (goal.pk, twin.pk)
        assert changed["changes"] == [{"field": "code", "old": "1", "new": "1.0"}]

    def test_diff_needs_a_visible_version(
        self, strategy, draft_strategy, other_region, strategist
    ):
        other_draft = StrategyFactory(region=other_region)
        client = api_client(strategist)
        url = f"{STRATEGIES}{strategy.pk}/diff/"
        missing = client.get(url)
        assert missing.status_code == 400
        assert "with" in missing.json()
        assert client.get(url, {"with": other_draft.pk}).status_code == 404
        assert api_client().get(url, {"with": draft_strategy.pk}).status_code == 404
        # Not a version of the same strategy, or the same version.
        for other in (draft_strategy, strategy):
            response = client.get(url, {"with": other.pk})
            assert response.status_code == 400
            assert "another version" in response.json()["with"][0]

    def test_tree(self, strategy, draft_strategy, officer, tree):
        _vision, _area, goal = tree
        goal.sdg_goals.set([sdg_goal(8)])
        goal.sdg_targets.set([sdg_target("8.9")])
        response = api_client(officer).get(f"{STRATEGIES}{draft_strategy.pk}/tree/")
        assert response.status_code == 200
        [top] = response.json()
        assert top["title"] == "Vision"
        assert top["depth"] == 0
        [child] = top["children"]
        assert child["kind"] == "priority_area"
        [leaf] = child["children"]
        assert (leaf["title"], leaf["depth"], leaf["children"]) == (
            "Fler besökare",
            2,
            [],
        )
        assert leaf["sdg_goals"] == [8]
        assert leaf["sdg_targets"] == ["8.9"]
        # The public reads the tree of an adopted strategy, not of a draft.
        GoalFactory(strategy=strategy, title="Öppet mål")
        public = api_client().get(f"{STRATEGIES}{strategy.pk}/tree/")
        assert [node["title"] for node in public.json()] == ["Öppet mål"]
        assert (
            api_client().get(f"{STRATEGIES}{draft_strategy.pk}/tree/").status_code
            == 404
        )

    def test_list_query_count_does_not_grow(
        self, region, officer, django_assert_max_num_queries
    ):
        client = api_client(officer)
        higher = StrategyFactory(region=None, level="national", adopted=True)
        for strategy in StrategyFactory.create_batch(3, region=region):
            strategy.serves.set([higher])
        with CaptureQueriesContext(connection) as few:
            assert len(rows(client.get(STRATEGIES))) == 4
        for strategy in StrategyFactory.create_batch(30, region=region):
            strategy.serves.set([higher])
        with django_assert_max_num_queries(len(few.captured_queries)):
            assert len(rows(client.get(STRATEGIES))) == 34


class GoalApiTests:
    def test_list_with_sdg_links(self, strategy, goal, draft_strategy, tree):
        goal.sdg_goals.set([sdg_goal(8)])
        goal.sdg_targets.set([sdg_target("8.9")])
        public = rows(api_client().get(GOALS))
        assert [row["title"] for row in public] == [goal.title]
        assert public[0]["sdg_goals"] == [8]
        assert public[0]["sdg_targets"] == ["8.9"]
        filtered = rows(api_client().get(GOALS, {"strategy": draft_strategy.pk}))
        assert filtered == []

    def test_create(self, strategy, strategist, no_role_user, outsider):
        sdg_target("8.9")
        result = assert_access(
            GOALS,
            method="post",
            permitted=strategist,
            no_role=no_role_user,
            other_region=None,
            api=True,
            data={
                "strategy": strategy.pk,
                "title": "Hållbar besöksnäring",
                "kind": "goal",
                "sdg_goals": [8],
                "sdg_targets": ["8.9"],
                "translations": {"en": {"title": "Sustainable tourism"}},
            },
            expect=201,
            audit_action="strategy.goal_create",
        )
        body = result.response.json()
        assert body["sdg_goals"] == [8]
        assert body["sdg_targets"] == ["8.9"]
        assert body["parent"] is None
        response = post(
            api_client(outsider), GOALS, {"strategy": strategy.pk, "title": "X"}
        )
        assert response.status_code == 403

    def test_create_in_an_invisible_draft_is_400(self, other_region, strategist):
        draft = StrategyFactory(region=other_region)
        response = post(
            api_client(strategist), GOALS, {"strategy": draft.pk, "title": "X"}
        )
        assert response.status_code == 400
        assert "strategy" in response.json()
        assert not Goal.objects.exists()

    def test_unknown_sdg_target_is_400(self, strategy, strategist):
        response = post(
            api_client(strategist),
            GOALS,
            {"strategy": strategy.pk, "title": "X", "sdg_targets": ["99.9"]},
        )
        assert response.status_code == 400
        assert "sdg_targets" in response.json()

    def test_partial_update(self, tree, strategist, no_role_user, outsider):
        _vision, _area, goal = tree
        result = assert_access(
            f"{GOALS}{goal.pk}/",
            method="patch",
            permitted=strategist,
            no_role=no_role_user,
            no_role_status=404,
            other_region=outsider,
            api=True,
            data={"title": "Fler besökare året runt", "revision": 1},
            expect=200,
            audit_action="strategy.goal_update",
        )
        assert result.response.json()["title"] == "Fler besökare året runt"
        assert result.response.json()["revision"] == 2

    def test_cycle_is_400_naming_the_parent(self, tree, strategist):
        vision, _area, goal = tree
        response = patch(
            api_client(strategist), f"{GOALS}{vision.pk}/", {"parent": goal.pk}
        )
        assert response.status_code == 400
        assert "under itself" in response.json()["parent"][0]
        vision.refresh_from_db()
        assert vision.parent is None
        assert not AuditEntry.objects.exists()

    def test_stale_revision_is_409(self, tree, strategist):
        _vision, _area, goal = tree
        client = api_client(strategist)
        url = f"{GOALS}{goal.pk}/"
        assert patch(client, url, {"code": "1.2", "revision": 1}).status_code == 200
        response = patch(client, url, {"code": "1.3", "revision": 1})
        assert response.status_code == 409
        assert response.json()["code"] == "stale_edit"
        goal.refresh_from_db()
        assert goal.code == "1.2"

    def test_move(self, tree, strategist, no_role_user, outsider):
        vision, area, goal = tree
        result = assert_access(
            f"{GOALS}{goal.pk}/move/",
            method="post",
            permitted=strategist,
            no_role=no_role_user,
            no_role_status=404,
            other_region=outsider,
            api=True,
            data={"parent": vision.pk, "position": 0},
            expect=200,
            audit_action="strategy.goal_move",
        )
        assert result.response.json()["parent"] == vision.pk
        assert result.response.json()["order"] == 0
        assert list(vision.children.order_by("order")) == [goal, area]
        into_itself = post(
            api_client(strategist),
            f"{GOALS}{vision.pk}/move/",
            {"parent": goal.pk, "position": 0},
        )
        assert into_itself.status_code == 400
        assert "parent" in into_itself.json()

    def test_delete(self, tree, strategist, no_role_user, outsider):
        vision, _area, goal = tree
        assert_access(
            f"{GOALS}{goal.pk}/",
            method="delete",
            permitted=strategist,
            no_role=no_role_user,
            no_role_status=404,
            other_region=outsider,
            api=True,
            expect=204,
            audit_action="strategy.goal_delete",
        )
        assert not Goal.objects.filter(pk=goal.pk).exists()
        response = api_client(strategist).delete(f"{GOALS}{vision.pk}/")
        assert response.status_code == 400
        assert "sub-goals" in str(response.json())

    def test_superseded_version_is_frozen(self, strategy, goal, strategist):
        strategy.status = StrategyStatus.SUPERSEDED
        strategy.save()
        response = patch(api_client(strategist), f"{GOALS}{goal.pk}/", {"title": "X"})
        assert response.status_code == 400
        assert "superseded" in str(response.json())

    def test_list_query_count_does_not_grow(
        self, draft_strategy, officer, django_assert_max_num_queries
    ):
        client = api_client(officer)
        target = sdg_target("8.9")
        for goal in GoalFactory.create_batch(3, strategy=draft_strategy):
            goal.sdg_goals.set([target.goal])
            goal.sdg_targets.set([target])
        with CaptureQueriesContext(connection) as few:
            assert len(rows(client.get(GOALS))) == 3
        for goal in GoalFactory.create_batch(30, strategy=draft_strategy):
            goal.sdg_goals.set([target.goal])
            goal.sdg_targets.set([target])
        with django_assert_max_num_queries(len(few.captured_queries)):
            assert len(rows(client.get(GOALS))) == 33


class SdgApiTests:
    def test_goals_and_targets_are_public(self):
        sdg_goal(8)
        sdg_target("8.9")
        sdg_target("8.a", text="Increase Aid for Trade support")
        client = api_client()
        [goal] = rows(client.get(SDG_GOALS))
        assert goal["number"] == 8
        assert goal["titles"]["sv"] == "Anständiga arbetsvillkor och ekonomisk tillväxt"
        assert client.get(f"{SDG_GOALS}8/").json()["colour"] == "#A21942"
        target = client.get(f"{SDG_TARGETS}8.a/").json()
        assert target["goal"] == 8
        assert target["texts"]["en"] == "Increase Aid for Trade support"
        codes = [row["code"] for row in rows(client.get(SDG_TARGETS, {"goal": 8}))]
        assert sorted(codes) == ["8.9", "8.a"]
        assert rows(client.get(SDG_TARGETS, {"goal": 9})) == []

    def test_read_only(self, region_admin):
        sdg_goal(8)
        response = post(api_client(region_admin), SDG_GOALS, {"number": 9})
        assert response.status_code == 405


class IndicatorApiTests:
    def test_create_and_update(self, region, strategist, no_role_user, outsider):
        result = assert_access(
            INDICATORS,
            method="post",
            permitted=strategist,
            no_role=no_role_user,
            other_region=None,
            api=True,
            data={
                "region": region.slug,
                "name": "Sysselsättningsgrad",
                "unit": "procent",
                "geography_level": "county",
            },
            expect=201,
            audit_action="strategy.indicator_create",
        )
        pk = result.response.json()["id"]
        assert result.response.json()["region"] == region.slug
        result = assert_access(
            f"{INDICATORS}{pk}/",
            method="patch",
            permitted=strategist,
            no_role=no_role_user,
            no_role_status=404,
            other_region=outsider,
            api=True,
            data={"decimals": 2},
            expect=200,
            audit_action="strategy.indicator_update",
        )
        assert result.response.json()["decimals"] == 2

    def test_unused_indicator_is_staff_only(
        self, region, officer, no_role_user, outsider
    ):
        indicator = IndicatorFactory(region=region)
        url = f"{INDICATORS}{indicator.pk}/"
        assert_not_found_for_outsiders(
            url, no_role_user=no_role_user, outsider=outsider
        )
        assert api_client(officer).get(url).json()["name"] == indicator.name
        # Once a published goal uses it, it is public.
        GoalIndicatorFactory(
            goal=GoalFactory(strategy=StrategyFactory(region=region, adopted=True)),
            indicator=indicator,
        )
        assert api_client().get(url).status_code == 200

    def test_duplicate_name_is_400(self, region, strategist):
        IndicatorFactory(region=region, name="Folkmängd")
        response = post(
            api_client(strategist),
            INDICATORS,
            {"region": region.slug, "name": "Folkmängd", "unit": "personer"},
        )
        assert response.status_code == 400
        assert not AuditEntry.objects.exists()


class GoalIndicatorApiTests:
    def test_add_update_remove(self, region, tree, strategist, no_role_user, outsider):
        _vision, _area, goal = tree
        indicator = IndicatorFactory(region=region)
        result = assert_access(
            GOAL_INDICATORS,
            method="post",
            permitted=strategist,
            no_role=no_role_user,
            no_role_status=400,  # the draft's goal is out of sight: no such goal
            other_region=None,
            api=True,
            data={
                "goal": goal.pk,
                "indicator": indicator.pk,
                "baseline_value": "77.5",
                "baseline_year": 2020,
            },
            expect=201,
            audit_action="strategy.goal_indicator_add",
        )
        body = result.response.json()
        assert body["indicator_name"] == indicator.name
        assert Decimal(body["baseline_value"]) == Decimal("77.5")
        url = f"{GOAL_INDICATORS}{body['id']}/"
        result = assert_access(
            url,
            method="patch",
            permitted=strategist,
            no_role=no_role_user,
            no_role_status=404,
            other_region=outsider,
            api=True,
            data={"baseline_value": "78", "baseline_year": 2021},
            expect=200,
            audit_action="strategy.goal_indicator_update",
        )
        assert result.response.json()["baseline_year"] == 2021
        half = patch(api_client(strategist), url, {"baseline_value": None})
        assert half.status_code == 400
        assert "baseline_year" in half.json()
        assert_access(
            url,
            method="delete",
            permitted=strategist,
            no_role=no_role_user,
            no_role_status=404,
            other_region=outsider,
            api=True,
            expect=204,
            audit_action="strategy.goal_indicator_remove",
        )
        assert not GoalIndicator.objects.exists()


class TargetApiTests:
    def test_set_and_revise_keeps_history(self, goal, strategist, no_role_user):
        link = GoalIndicatorFactory(goal=goal)
        result = assert_access(
            TARGETS,
            method="post",
            permitted=strategist,
            no_role=no_role_user,
            other_region=None,
            api=True,
            data={"goal_indicator": link.pk, "year": 2020, "value": "80"},
            expect=201,
            audit_action="strategy.target_set",
        )
        assert result.response.json()["is_current"] is True
        response = post(
            api_client(strategist),
            TARGETS,
            {
                "goal_indicator": link.pk,
                "year": 2020,
                "value": "82",
                "reason": "Höjd ambition",
            },
        )
        assert response.status_code == 201
        history = rows(api_client().get(TARGETS, {"goal_indicator": link.pk}))
        assert sorted((Decimal(t["value"]), t["is_current"]) for t in history) == [
            (Decimal("80"), False),
            (Decimal("82"), True),
        ]
        assert rows(api_client().get(TARGETS, {"goal_indicator": link.pk + 1})) == []

    def test_year_outside_the_period_is_400(self, goal, strategist):
        link = GoalIndicatorFactory(goal=goal)
        response = post(
            api_client(strategist),
            TARGETS,
            {"goal_indicator": link.pk, "year": 2030, "value": "80"},
        )
        assert response.status_code == 400
        assert "2011–2020" in response.json()["year"][0]
        assert not IndicatorTarget.objects.exists()

    def test_other_regions_staff_may_not_set(self, goal, outsider):
        link = GoalIndicatorFactory(goal=goal)
        response = post(
            api_client(outsider),
            TARGETS,
            {"goal_indicator": link.pk, "year": 2020, "value": "80"},
        )
        assert response.status_code == 403
        assert not IndicatorTarget.objects.exists()


class ObservationApiTests:
    @pytest.fixture
    def indicator(self, region):
        sweden_geo()
        return IndicatorFactory(region=region, name="Gästnätter")

    def row(self, **kwargs):
        return {
            "year": 2024,
            "area_level": "county",
            "country": "SE",
            "area": "22",
            "value": "1234.5",
            **kwargs,
        }

    def test_write_one(self, indicator, strategist, no_role_user):
        result = assert_access(
            OBSERVATIONS,
            method="post",
            permitted=strategist,
            no_role=no_role_user,
            no_role_status=400,  # the indicator is out of sight: no such indicator
            other_region=None,
            api=True,
            data={"indicator": indicator.pk, **self.row()},
            expect=201,
            audit_action="strategy.observations_write",
        )
        body = result.response.json()
        assert body["area_code"] == "SE-c22"
        assert body["area_name"] == "Västernorrlands län"
        again = post(
            api_client(strategist),
            OBSERVATIONS,
            {"indicator": indicator.pk, **self.row(value="1300")},
        )
        assert again.status_code == 200
        assert Decimal(again.json()["value"]) == Decimal("1300")
        assert Observation.objects.count() == 1

    def test_bulk_is_all_or_nothing_naming_the_row(self, indicator, strategist):
        response = post(
            api_client(strategist),
            f"{OBSERVATIONS}bulk/",
            {
                "indicator": indicator.pk,
                "rows": [self.row(), self.row(year=2025, area="99")],
            },
        )
        assert response.status_code == 400
        assert "row 2" in response.json()["area"][0]
        assert "99" in response.json()["area"][0]
        assert not Observation.objects.exists()
        assert not AuditEntry.objects.exists()

    def test_bulk_and_filters(self, indicator, strategist, officer):
        response = post(
            api_client(strategist),
            f"{OBSERVATIONS}bulk/",
            {
                "indicator": indicator.pk,
                "rows": [
                    self.row(),
                    self.row(year=2025),
                    self.row(area_level="municipality", area="2281"),
                    self.row(area_level="country", area=""),
                ],
            },
        )
        assert response.status_code == 200, response.content
        assert response.json() == {"created": 4, "updated": 0, "unchanged": 0}
        assert AuditEntry.objects.filter(action="strategy.observations_write").exists()
        client = api_client(officer)
        assert len(rows(client.get(OBSERVATIONS, {"indicator": indicator.pk}))) == 4
        by_year = rows(client.get(OBSERVATIONS, {"year": 2025}))
        assert [(o["year"], o["area_code"]) for o in by_year] == [(2025, "SE-c22")]
        sundsvall = rows(client.get(OBSERVATIONS, {"area_code": "SE-m2281"}))
        assert [o["area_name"] for o in sundsvall] == ["Sundsvall"]
        # The indicator is not used by a published goal: the public sees nothing.
        assert rows(api_client().get(OBSERVATIONS)) == []

    def test_bad_row_shape_is_400(self, indicator, strategist):
        response = post(
            api_client(strategist),
            f"{OBSERVATIONS}bulk/",
            {"indicator": indicator.pk, "rows": [self.row(), self.row(year="x")]},
        )
        assert response.status_code == 400
        assert "year" in response.json()["rows"]["2"]

    def test_delete(self, indicator, strategist, no_role_user, outsider):
        services.observations_write(
            indicator=indicator,
            by=None,
            rows=[
                services.ObservationRow(
                    year=2024,
                    value=Decimal("1"),
                    area_level="county",
                    country_code="SE",
                    area_code="22",
                )
            ],
        )
        observation = Observation.objects.get()
        assert_access(
            f"{OBSERVATIONS}{observation.pk}/",
            method="delete",
            permitted=strategist,
            no_role=no_role_user,
            no_role_status=404,
            other_region=outsider,
            api=True,
            expect=204,
            audit_action="strategy.observation_delete",
        )
        assert not Observation.objects.exists()

    def test_list_query_count_does_not_grow(
        self, indicator, officer, django_assert_max_num_queries
    ):
        def write(years):
            services.observations_write(
                indicator=indicator,
                by=None,
                rows=[
                    services.ObservationRow(
                        year=year,
                        value=Decimal(year),
                        area_level=level,
                        country_code="SE",
                        area_code=code,
                    )
                    for year in years
                    for level, code in (("county", "22"), ("municipality", "2281"))
                ],
            )

        client = api_client(officer)
        write([2000, 2001])  # 4 rows
        with CaptureQueriesContext(connection) as few:
            assert len(rows(client.get(OBSERVATIONS))) == 4
        write(range(2002, 2017))  # 30 more
        with django_assert_max_num_queries(len(few.captured_queries)):
            assert len(rows(client.get(OBSERVATIONS))) == 34


class InteractionApiTests:
    def test_set_revise_and_remove(self, tree, strategist, no_role_user, outsider):
        _vision, area, goal = tree
        data = {
            "from_goal": goal.pk,
            "to_goal": area.pk,
            "score": 2,
            "justification": "Fler besökare ger fler jobb.",
        }
        result = assert_access(
            INTERACTIONS,
            method="post",
            permitted=strategist,
            no_role=no_role_user,
            no_role_status=400,  # goals of a draft are out of sight
            other_region=None,
            api=True,
            data=data,
            expect=201,
            audit_action="strategy.interaction_set",
        )
        assert result.response.json()["is_conflict"] is False
        revised = post(api_client(strategist), INTERACTIONS, {**data, "score": -2})
        assert revised.status_code == 200
        assert revised.json()["is_conflict"] is True
        assert GoalInteraction.objects.get().score == -2
        listed = rows(
            api_client(strategist).get(INTERACTIONS, {"strategy": goal.strategy_id})
        )
        assert [row["score"] for row in listed] == [-2]
        assert_access(
            f"{INTERACTIONS}{listed[0]['id']}/",
            method="delete",
            permitted=strategist,
            no_role=no_role_user,
            no_role_status=404,
            other_region=outsider,
            api=True,
            expect=204,
            audit_action="strategy.interaction_remove",
        )
        assert not GoalInteraction.objects.exists()

    def test_same_goal_twice_is_400(self, tree, strategist):
        _vision, _area, goal = tree
        response = post(
            api_client(strategist),
            INTERACTIONS,
            {
                "from_goal": goal.pk,
                "to_goal": goal.pk,
                "score": 1,
                "justification": "x",
            },
        )
        assert response.status_code == 400
        assert "to_goal" in response.json()

    def test_goals_of_two_strategies_is_400(self, tree, goal, strategist):
        _vision, _area, draft_goal = tree
        response = post(
            api_client(strategist),
            INTERACTIONS,
            {
                "from_goal": draft_goal.pk,
                "to_goal": goal.pk,
                "score": 1,
                "justification": "x",
            },
        )
        assert response.status_code == 400
        assert "to_goal" in response.json()


def test_audit_trail_names_the_api_user(draft_strategy, strategist):
    patch(
        api_client(strategist),
        f"{STRATEGIES}{draft_strategy.pk}/",
        {"owner": "Regionala utvecklingsnämnden"},
    )
    entry = AuditEntry.objects.get(action="strategy.strategy_update")
    assert entry.actor == strategist
    assert entry.changes == {
        "owner": {"old": "", "new": "Regionala utvecklingsnämnden"}
    }


def test_adopted_on_is_a_date(draft_strategy, strategist):
    response = post(
        api_client(strategist),
        f"{STRATEGIES}{draft_strategy.pk}/adopt/",
        {"adopted_on": "soon"},
    )
    assert response.status_code == 400
    assert "adopted_on" in response.json()
    draft_strategy.refresh_from_db()
    assert draft_strategy.status == StrategyStatus.DRAFT
    assert draft_strategy.adopted_on is None
