"""Staff screens of action plans: list, create, detail, edit, adopt, archive."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samverka.actors.tests.factories import OrganisationFactory
from samverka.core.models import AuditEntry
from samverka.core.testing import assert_access
from samverka.plans.choices import PlanKind, PlanStatus, Theme
from samverka.plans.models import ActionPlan
from samverka.plans.tests.factories import ActionPlanFactory, ActivityFactory
from samverka.strategy.tests.factories import GoalFactory, StrategyFactory

pytestmark = pytest.mark.django_db


def url(name, region, *args):
    return reverse(f"plans:{name}", args=[region.slug, *args])


@pytest.fixture
def plan(region, strategy):
    return ActionPlanFactory(
        region=region,
        strategy=strategy,
        title="Handlingsplan för besöksnäringen",
        theme=Theme.TOURISM,
        start_year=2016,
        end_year=2020,
        owner="Regional utveckling",
    )


def plan_data(strategy, **overrides):
    return {
        "strategy": strategy.pk if strategy else "",
        "title": "Handlingsplan för bredband",
        "summary": "Bredband till alla.",
        "theme": Theme.BROADBAND,
        "kind": PlanKind.ACTIVITIES,
        "start_year": "2021",
        "end_year": "2025",
        "owner": "Regional utveckling",
        "decision_reference": "",
        "title_en": "Broadband action plan",
        "summary_en": "",
        **overrides,
    }


# List --------------------------------------------------------------------------------


class PlanListTests:
    def test_access(self, region, officer, no_role_user, outsider, plan):
        result = assert_access(
            url("staff_plan_list", region),
            permitted=officer,
            no_role=no_role_user,
            other_region=outsider,
            expect=200,
        )
        assert plan.title in result.response.text

    def test_columns_and_activity_count(self, region, officer, plan, client_en):
        ActivityFactory.create_batch(3, action_plan=plan)
        text = client_en(officer).get(url("staff_plan_list", region)).text
        assert "Tourism" in text
        assert "2016–2020" in text
        assert "Draft" in text
        assert "Regional utvecklingsstrategi för Västernorrland" in text
        assert '<td class="num">3</td>' in text

    def test_other_regions_plans_are_not_listed(
        self, region, other_region, officer, plan, client_en
    ):
        ActionPlanFactory(region=other_region, title="Dansk handlingsplan")
        text = client_en(officer).get(url("staff_plan_list", region)).text
        assert plan.title in text
        assert "Dansk handlingsplan" not in text

    def test_filter_by_theme_and_status(self, region, officer, plan, client_en):
        ActionPlanFactory(
            region=region, title="Bredbandsplanen", theme=Theme.BROADBAND, adopted=True
        )
        client = client_en(officer)
        text = client.get(url("staff_plan_list", region), {"theme": "broadband"}).text
        assert "Bredbandsplanen" in text
        assert plan.title not in text
        text = client.get(url("staff_plan_list", region), {"status": "draft"}).text
        assert "Bredbandsplanen" not in text
        assert plan.title in text

    def test_htmx_gets_only_the_table(self, region, officer, plan, client_en):
        response = client_en(officer).get(
            url("staff_plan_list", region), headers={"HX-Request": "true"}
        )
        assert "<html" not in response.text
        assert plan.title in response.text

    def test_new_plan_button_only_for_editors(
        self, region, officer, strategist, client_en
    ):
        create = url("staff_plan_create", region)
        assert create not in client_en(officer).get(url("staff_plan_list", region)).text
        assert create in client_en(strategist).get(url("staff_plan_list", region)).text

    def test_query_count_does_not_grow(self, region, officer, strategy, client_en):
        client = client_en(officer)

        def add(count):
            for _n in range(count):
                plan = ActionPlanFactory(region=region, strategy=strategy)
                ActivityFactory.create_batch(2, action_plan=plan)

        add(2)
        client.get(url("staff_plan_list", region))
        with CaptureQueriesContext(connection) as few:
            client.get(url("staff_plan_list", region))
        add(6)
        with CaptureQueriesContext(connection) as many:
            response = client.get(url("staff_plan_list", region))
        assert response.text.count("staff/vasternorrland/action-plans/") >= 8
        assert len(many) == len(few)


# Create ------------------------------------------------------------------------------


class PlanCreateTests:
    def test_access(self, region, strategist, no_role_user, outsider, strategy):
        result = assert_access(
            url("staff_plan_create", region),
            method="post",
            data=plan_data(strategy),
            permitted=strategist,
            no_role=no_role_user,
            other_region=outsider,
            expect=302,
            audit_action="plans.plan_create",
        )
        plan = ActionPlan.objects.get(title="Handlingsplan för bredband")
        assert result.response["Location"] == url("staff_plan_detail", region, plan.pk)
        assert plan.status == PlanStatus.DRAFT
        assert plan.strategy == strategy
        assert plan.translations == {"en": {"title": "Broadband action plan"}}

    def test_get_form_lists_only_the_regions_strategies(
        self, region, other_region, strategist, strategy, client_en
    ):
        StrategyFactory(region=other_region, title="Udviklingsstrategi Sjælland")
        response = client_en(strategist).get(url("staff_plan_create", region))
        assert response.status_code == 200
        assert strategy.title in response.text
        assert "Udviklingsstrategi Sjælland" not in response.text
        assert 'name="title_en"' in response.text

    def test_strategy_of_another_region_is_refused(
        self, region, other_region, strategist, client_en
    ):
        foreign = StrategyFactory(region=other_region, adopted=True)
        response = client_en(strategist).post(
            url("staff_plan_create", region), plan_data(foreign)
        )
        assert response.status_code == 200
        assert "Select a valid choice" in response.text
        assert not ActionPlan.objects.exists()

    def test_period_error_keeps_input(self, region, strategist, strategy, client_en):
        response = client_en(strategist).post(
            url("staff_plan_create", region),
            plan_data(strategy, start_year="2025", end_year="2021"),
        )
        assert response.status_code == 200
        assert "The last year cannot be before the first year." in response.text
        assert 'value="Handlingsplan för bredband"' in response.text
        assert not ActionPlan.objects.exists()

    def test_officer_is_refused(self, region, officer, strategy, client_en):
        client = client_en(officer)
        assert client.get(url("staff_plan_create", region)).status_code == 403
        response = client.post(url("staff_plan_create", region), plan_data(strategy))
        assert response.status_code == 403
        assert not ActionPlan.objects.exists()


# Detail ------------------------------------------------------------------------------


class PlanDetailTests:
    def test_access(self, region, officer, no_role_user, outsider, plan):
        result = assert_access(
            url("staff_plan_detail", region, plan.pk),
            permitted=officer,
            no_role=no_role_user,
            other_region=outsider,
            expect=200,
        )
        assert plan.title in result.response.text

    def test_plan_of_another_region_is_not_found(
        self, region, other_region, strategist, client_en
    ):
        foreign = ActionPlanFactory(region=other_region, adopted=True)
        response = client_en(strategist).get(
            url("staff_plan_detail", region, foreign.pk)
        )
        assert response.status_code == 404

    def test_activities_in_order_with_budget_and_goals(
        self, region, officer, plan, goal, client_en
    ):
        org = OrganisationFactory(region=region, name="Sundsvalls kommun")
        second = ActivityFactory(
            action_plan=plan, title="Andra aktiviteten", order=2, code="B"
        )
        first = ActivityFactory(
            action_plan=plan,
            title="Första aktiviteten",
            order=1,
            code="A",
            responsible=org,
            estimated_budget=125000050,
            status="ongoing",
            stage="exploration",
            start_date=datetime.date(2017, 1, 1),
            end_date=datetime.date(2018, 12, 31),
        )
        first.goal_links.create(goal=goal, weight=3)
        text = client_en(officer).get(url("staff_plan_detail", region, plan.pk)).text
        assert text.index("Första aktiviteten") < text.index("Andra aktiviteten")
        assert "Sundsvalls kommun" in text
        assert "Ongoing" in text
        assert "Being explored" in text
        assert "1,250,001" in text  # whole kronor, rounded
        assert "Hållbar besöksnäring" in text
        assert "Main purpose" in text
        assert second.title in text

    def test_investment_plan_labels(self, region, officer, client_en):
        plan = ActionPlanFactory(
            region=region, kind=PlanKind.INVESTMENTS, theme=Theme.TRANSPORT
        )
        ActivityFactory(
            action_plan=plan,
            title="Väg 86 Sundsvall–Bispgården",
            estimated_budget=45_000_000_00,
            start_date=datetime.date(2018, 3, 1),
            end_date=datetime.date(2020, 10, 1),
        )
        text = client_en(officer).get(url("staff_plan_detail", region, plan.pk)).text
        assert "Investment objects" in text
        assert "Cost" in text
        assert "2018–2020" in text
        assert "Estimated budget" not in text

    def test_officer_sees_no_edit_buttons(self, region, officer, plan, client_en):
        activity = ActivityFactory(action_plan=plan)
        text = client_en(officer).get(url("staff_plan_detail", region, plan.pk)).text
        assert url("staff_plan_update", region, plan.pk) not in text
        assert url("staff_plan_adopt", region, plan.pk) not in text
        assert url("staff_activity_create", region, plan.pk) not in text
        assert url("staff_activity_move", region, plan.pk, activity.pk) not in text
        assert url("staff_activity_update", region, plan.pk, activity.pk) not in text

    def test_strategist_sees_edit_buttons(self, region, strategist, plan, client_en):
        activity = ActivityFactory(action_plan=plan)
        text = client_en(strategist).get(url("staff_plan_detail", region, plan.pk)).text
        assert url("staff_plan_update", region, plan.pk) in text
        assert url("staff_plan_adopt", region, plan.pk) in text
        assert url("staff_activity_create", region, plan.pk) in text
        assert url("staff_activity_update", region, plan.pk, activity.pk) in text

    def test_query_count_does_not_grow(self, region, officer, plan, client_en):
        goals = [GoalFactory(strategy=plan.strategy) for _ in range(3)]
        orgs = [OrganisationFactory(region=region) for _ in range(3)]

        def add(count):
            for n in range(count):
                activity = ActivityFactory(
                    action_plan=plan,
                    responsible=orgs[n % 3],
                    estimated_budget=100_00 * (n + 1),
                )
                activity.goal_links.create(goal=goals[n % 3], weight=1 + n % 3)
                activity.goal_links.create(goal=goals[(n + 1) % 3], weight=1)

        client = client_en(officer)
        add(2)
        client.get(url("staff_plan_detail", region, plan.pk))
        with CaptureQueriesContext(connection) as few:
            client.get(url("staff_plan_detail", region, plan.pk))
        add(8)
        with CaptureQueriesContext(connection) as many:
            response = client.get(url("staff_plan_detail", region, plan.pk))
        assert "10 activities" in response.text
        assert len(many) == len(few)


# Edit --------------------------------------------------------------------------------


class PlanUpdateTests:
    def test_access(self, region, strategist, no_role_user, outsider, plan, strategy):
        result = assert_access(
            url("staff_plan_update", region, plan.pk),
            method="post",
            data_factory=lambda: plan_data(
                strategy, title="Ny titel", revision=plan.revision
            ),
            permitted=strategist,
            no_role=no_role_user,
            other_region=outsider,
            expect=302,
            audit_action="plans.plan_update",
        )
        plan.refresh_from_db()
        assert plan.title == "Ny titel"
        assert plan.revision == 2
        entry = next(e for e in result.audit_entries if e.action == "plans.plan_update")
        assert entry.changes["title"]["new"] == "Ny titel"

    def test_form_shows_stored_values(self, region, strategist, plan, client_en):
        plan.translations = {
            "en": {"title": "Tourism action plan"},
            "da": {"title": "x"},
        }
        plan.save()
        text = client_en(strategist).get(url("staff_plan_update", region, plan.pk)).text
        assert 'value="Tourism action plan"' in text
        assert f'name="revision" value="{plan.revision}"' in text
        assert 'value="2016"' in text

    def test_translations_of_other_languages_are_kept(
        self, region, strategist, plan, strategy, client_en
    ):
        plan.translations = {"da": {"title": "Handlingsplan for turisme"}}
        plan.save()
        client_en(strategist).post(
            url("staff_plan_update", region, plan.pk),
            plan_data(strategy, title_en="Tourism", revision=plan.revision),
        )
        plan.refresh_from_db()
        assert plan.translations == {
            "da": {"title": "Handlingsplan for turisme"},
            "en": {"title": "Tourism"},
        }

    def test_stale_save_keeps_input(
        self, region, strategist, plan, strategy, client_en
    ):
        from samverka.plans import services

        read_revision = plan.revision
        services.action_plan_update(
            plan=plan, by=None, data={"title": "Someone else's title"}
        )
        client = client_en(strategist)
        response = client.post(
            url("staff_plan_update", region, plan.pk),
            plan_data(strategy, title="Min titel", revision=read_revision),
        )
        assert response.status_code == 200
        assert "was changed by someone else" in response.text
        assert 'value="Min titel"' in response.text
        assert "Someone else&#x27;s title" in response.text
        plan.refresh_from_db()
        assert plan.title == "Someone else's title"
        # The form now carries the stored revision: saving again is a knowing overwrite.
        assert f'name="revision" value="{plan.revision}"' in response.text
        response = client.post(
            url("staff_plan_update", region, plan.pk),
            plan_data(strategy, title="Min titel", revision=plan.revision),
        )
        assert response.status_code == 302
        plan.refresh_from_db()
        assert plan.title == "Min titel"

    def test_officer_gets_403(self, region, officer, plan, strategy, client_en):
        client = client_en(officer)
        assert client.get(url("staff_plan_update", region, plan.pk)).status_code == 403
        before = AuditEntry.objects.count()
        response = client.post(
            url("staff_plan_update", region, plan.pk),
            plan_data(strategy, revision=plan.revision),
        )
        assert response.status_code == 403
        assert AuditEntry.objects.count() == before


# Adopt and archive -------------------------------------------------------------------


class PlanAdoptArchiveTests:
    def test_adopt_access(self, region, strategist, no_role_user, outsider, plan):
        assert_access(
            url("staff_plan_adopt", region, plan.pk),
            method="post",
            data={"adopted_on": "2016-03-14", "decision_reference": "RS § 12"},
            permitted=strategist,
            no_role=no_role_user,
            other_region=outsider,
            expect=302,
            audit_action="plans.plan_adopt",
        )
        plan.refresh_from_db()
        assert plan.status == PlanStatus.ADOPTED
        assert plan.adopted_on == datetime.date(2016, 3, 14)
        assert plan.decision_reference == "RS § 12"

    def test_adopt_needs_a_date(self, region, strategist, plan, client_en):
        response = client_en(strategist).post(
            url("staff_plan_adopt", region, plan.pk), {"decision_reference": "RS § 1"}
        )
        assert response.status_code == 200
        assert "This field is required." in response.text
        plan.refresh_from_db()
        assert plan.status == PlanStatus.DRAFT

    def test_adopting_twice_is_an_error(self, region, strategist, client_en):
        plan = ActionPlanFactory(region=region, adopted=True)
        response = client_en(strategist).post(
            url("staff_plan_adopt", region, plan.pk), {"adopted_on": "2020-01-01"}
        )
        assert response.status_code == 200
        assert "Only a draft plan can be adopted." in response.text

    def test_archive_access(self, region, strategist, no_role_user, outsider):
        plan = ActionPlanFactory(region=region, adopted=True)
        assert_access(
            url("staff_plan_archive", region, plan.pk),
            method="post",
            permitted=strategist,
            no_role=no_role_user,
            other_region=outsider,
            expect=302,
            audit_action="plans.plan_archive",
        )
        plan.refresh_from_db()
        assert plan.status == PlanStatus.ARCHIVED

    def test_archive_a_draft_is_refused_with_a_message(
        self, region, strategist, plan, client_en
    ):
        response = client_en(strategist).post(
            url("staff_plan_archive", region, plan.pk), follow=True
        )
        assert "Only an adopted plan can be archived." in response.text
        plan.refresh_from_db()
        assert plan.status == PlanStatus.DRAFT

    def test_archive_is_post_only(self, region, strategist, client_en):
        plan = ActionPlanFactory(region=region, adopted=True)
        response = client_en(strategist).get(url("staff_plan_archive", region, plan.pk))
        assert response.status_code == 405

    def test_officer_cannot_adopt_or_archive(self, region, officer, plan, client_en):
        client = client_en(officer)
        response = client.post(
            url("staff_plan_adopt", region, plan.pk), {"adopted_on": "2016-03-14"}
        )
        assert response.status_code == 403
        response = client.post(url("staff_plan_archive", region, plan.pk))
        assert response.status_code == 403
        plan.refresh_from_db()
        assert plan.status == PlanStatus.DRAFT

    def test_archive_button_on_adopted_plan(self, region, strategist, client_en):
        plan = ActionPlanFactory(region=region, adopted=True)
        text = client_en(strategist).get(url("staff_plan_detail", region, plan.pk)).text
        assert url("staff_plan_archive", region, plan.pk) in text
        assert url("staff_plan_adopt", region, plan.pk) not in text
