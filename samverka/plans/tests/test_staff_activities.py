"""Staff screens of activities: create, edit, delete, reorder, link to goals."""

import datetime

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from samverka.accounts.tests.factories import staff_user
from samverka.actors.tests.factories import OrganisationFactory
from samverka.core.models import AuditEntry
from samverka.core.testing import assert_access
from samverka.plans import services
from samverka.plans.choices import PlanKind, Relevance, Theme
from samverka.plans.models import Activity, ActivityGoal
from samverka.plans.tests.factories import ActionPlanFactory, ActivityFactory
from samverka.strategy.tests.factories import GoalFactory

pytestmark = pytest.mark.django_db


def url(name, region, *args):
    return reverse(f"plans:{name}", args=[region.slug, *args])


@pytest.fixture
def plan(region, strategy):
    return ActionPlanFactory(
        region=region, strategy=strategy, title="Handlingsplan för besöksnäringen"
    )


@pytest.fixture
def activity(plan):
    return ActivityFactory(action_plan=plan, title="Destinationsutveckling", code="1.1")


@pytest.fixture
def org(region):
    return OrganisationFactory(region=region, name="Sundsvalls kommun")


def activity_data(**overrides):
    return {
        "code": "2.1",
        "title": "Vandringsleder i Höga kusten",
        "description": "Nya och bättre leder.",
        "title_en": "Hiking trails on the High Coast",
        "description_en": "",
        "responsible": "",
        "start_date": "2021-01-01",
        "end_date": "2022-12-31",
        "status": "planned",
        "stage": "idea",
        "estimated_budget": "1 250 000",
        "funding_types": ["regional_growth", "erdf"],
        "funding_note": "Medfinansiering från kommunerna.",
        **overrides,
    }


def entries(action):
    return list(AuditEntry.objects.filter(action=action).order_by("id"))


# Create ------------------------------------------------------------------------------


class ActivityCreateTests:
    def test_access(self, region, strategist, no_role_user, outsider, plan, org):
        partner = OrganisationFactory(region=region, name="Härnösands kommun")
        result = assert_access(
            url("staff_activity_create", region, plan.pk),
            method="post",
            data=activity_data(responsible=org.pk, partners=[partner.pk, org.pk]),
            permitted=strategist,
            no_role=no_role_user,
            other_region=outsider,
            expect=302,
            audit_action="plans.activity_create",
        )
        assert result.response["Location"].endswith("#activities")
        activity = Activity.objects.get()
        assert activity.title == "Vandringsleder i Höga kusten"
        assert activity.estimated_budget == 125_000_000
        assert activity.responsible == org
        assert set(activity.partners.all()) == {org, partner}
        assert activity.funding_types == ["regional_growth", "erdf"]
        assert activity.translations == {
            "en": {"title": "Hiking trails on the High Coast"}
        }
        assert activity.stage == "idea"
        assert activity.start_date == datetime.date(2021, 1, 1)

    def test_new_activities_go_last(
        self, region, strategist, plan, activity, client_en
    ):
        client_en(strategist).post(
            url("staff_activity_create", region, plan.pk), activity_data()
        )
        new = Activity.objects.get(title="Vandringsleder i Höga kusten")
        assert new.order > activity.order

    def test_form_offers_only_the_regions_organisations(
        self, region, other_region, strategist, plan, org, client_en
    ):
        OrganisationFactory(region=other_region, name="Roskilde Kommune")
        text = (
            client_en(strategist)
            .get(url("staff_activity_create", region, plan.pk))
            .text
        )
        assert "Sundsvalls kommun" in text
        assert "Roskilde Kommune" not in text
        assert "European Regional Development Fund" in text
        assert "<legend>Intended funding" in text
        assert 'name="title_en"' in text
        assert 'name="description_en"' in text

    def test_partner_of_another_region_is_refused(
        self, region, other_region, strategist, plan, client_en
    ):
        foreign = OrganisationFactory(region=other_region, name="Roskilde Kommune")
        response = client_en(strategist).post(
            url("staff_activity_create", region, plan.pk),
            activity_data(partners=[foreign.pk]),
        )
        assert response.status_code == 200
        assert "Select a valid choice" in response.text
        assert 'value="Vandringsleder i Höga kusten"' in response.text
        assert not Activity.objects.exists()

    def test_responsible_of_another_region_is_refused(
        self, region, other_region, strategist, plan, client_en
    ):
        foreign = OrganisationFactory(region=other_region)
        response = client_en(strategist).post(
            url("staff_activity_create", region, plan.pk),
            activity_data(responsible=foreign.pk),
        )
        assert response.status_code == 200
        assert not Activity.objects.exists()

    def test_end_before_start_is_shown_by_the_field(
        self, region, strategist, plan, client_en
    ):
        response = client_en(strategist).post(
            url("staff_activity_create", region, plan.pk),
            activity_data(start_date="2022-01-01", end_date="2021-01-01"),
        )
        assert response.status_code == 200
        assert "The end cannot be before the start." in response.text
        assert 'id="id_end_date_error"' in response.text
        assert not Activity.objects.exists()

    def test_investment_plan_asks_for_cost(self, region, strategist, client_en):
        plan = ActionPlanFactory(
            region=region, kind=PlanKind.INVESTMENTS, theme=Theme.TRANSPORT
        )
        text = (
            client_en(strategist)
            .get(url("staff_activity_create", region, plan.pk))
            .text
        )
        assert "New investment object" in text
        assert "Cost (SEK)" in text

    def test_officer_gets_403(self, region, officer, plan, client_en):
        client = client_en(officer)
        assert (
            client.get(url("staff_activity_create", region, plan.pk)).status_code == 403
        )
        response = client.post(
            url("staff_activity_create", region, plan.pk), activity_data()
        )
        assert response.status_code == 403
        assert not Activity.objects.exists()


# Budget ------------------------------------------------------------------------------


class BudgetInputTests:
    @pytest.mark.parametrize(
        ("typed", "expected"),
        [
            ("1 250 000", 125_000_000),
            ("1250000", 125_000_000),
            ("1 250 000,50", 125_000_050),
            ("1250000,50", 125_000_050),
            ("1\u00a0250\u00a0000,5", 125_000_050),
            ("1 250 000 kr", 125_000_000),
            ("0", 0),
        ],
    )
    def test_swedish(self, region, strategist, plan, typed, expected):
        client = Client()  # the default language, Swedish
        client.force_login(strategist)
        response = client.post(
            url("staff_activity_create", region, plan.pk),
            activity_data(estimated_budget=typed),
        )
        assert response.status_code == 302, response.text[:2000]
        assert Activity.objects.get().estimated_budget == expected

    @pytest.mark.parametrize(
        ("typed", "expected"),
        [
            ("1.250.000,50", 125_000_050),
            ("1250000,50", 125_000_050),
            ("1.250.000", 125_000_000),
            ("1 250 000", 125_000_000),
        ],
    )
    def test_danish(self, other_region, typed, expected):
        user = staff_user(other_region, "strategist")
        plan = ActionPlanFactory(region=other_region)
        client = Client()
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "da"
        client.force_login(user)
        response = client.post(
            url("staff_activity_create", other_region, plan.pk),
            activity_data(estimated_budget=typed),
        )
        assert response.status_code == 302, response.text[:2000]
        assert Activity.objects.get().estimated_budget == expected

    def test_danish_error(self, other_region):
        user = staff_user(other_region, "strategist")
        plan = ActionPlanFactory(region=other_region)
        client = Client()
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "da"
        client.force_login(user)
        response = client.post(
            url("staff_activity_create", other_region, plan.pk),
            activity_data(estimated_budget="1,250,000.50"),
        )
        assert response.status_code == 200
        assert "1.250.000,50" in response.text  # the example, as Danish writes it
        assert not Activity.objects.exists()

    @pytest.mark.parametrize(
        ("typed", "expected"),
        [
            ("1,250,000.50", 125_000_050),
            ("1250000.50", 125_000_050),
            ("1,250,000", 125_000_000),
            # The region's own way (Swedish) is understood too.
            ("1 250 000,50", 125_000_050),
        ],
    )
    def test_english(self, region, strategist, plan, client_en, typed, expected):
        response = client_en(strategist).post(
            url("staff_activity_create", region, plan.pk),
            activity_data(estimated_budget=typed),
        )
        assert response.status_code == 302, response.text[:2000]
        assert Activity.objects.get().estimated_budget == expected

    @pytest.mark.parametrize(
        "typed",
        ["12 kronor", "1,250,000.50", "1 250,000", "12,345", "1.5.0", "-100", "1e6"],
    )
    def test_swedish_errors(self, region, strategist, plan, typed):
        client = Client()
        client.force_login(strategist)
        response = client.post(
            url("staff_activity_create", region, plan.pk),
            activity_data(estimated_budget=typed),
        )
        assert response.status_code == 200
        assert 'id="id_estimated_budget_error"' in response.text
        assert f'value="{typed}"' in response.text
        assert not Activity.objects.exists()

    def test_error_is_translated(self, region, strategist, plan):
        client = Client()
        client.force_login(strategist)
        response = client.post(
            url("staff_activity_create", region, plan.pk),
            activity_data(estimated_budget="mycket"),
        )
        assert "1 250 000,50" in response.text  # the example in the Swedish format

    def test_english_error(self, region, strategist, plan, client_en):
        response = client_en(strategist).post(
            url("staff_activity_create", region, plan.pk),
            activity_data(estimated_budget="a lot"),
        )
        assert (
            "Enter an amount in SEK, for example 1,250,000 or 1,250,000.50."
            in response.text
        )
        response = client_en(strategist).post(
            url("staff_activity_create", region, plan.pk),
            activity_data(estimated_budget="-5"),
        )
        assert "The amount cannot be negative." in response.text

    def test_stored_budget_is_shown_in_the_page_language(
        self, region, strategist, plan, client_en
    ):
        activity = ActivityFactory(action_plan=plan, estimated_budget=125_000_050)
        text = (
            client_en(strategist)
            .get(url("staff_activity_update", region, plan.pk, activity.pk))
            .text
        )
        assert 'value="1,250,000.50"' in text
        activity.estimated_budget = 125_000_000
        activity.save()
        client = Client()
        client.force_login(strategist)
        text = client.get(
            url("staff_activity_update", region, plan.pk, activity.pk)
        ).text
        assert 'value="1 250 000"' in text


# Edit --------------------------------------------------------------------------------


class ActivityUpdateTests:
    def test_access(self, region, strategist, no_role_user, outsider, plan, activity):
        result = assert_access(
            url("staff_activity_update", region, plan.pk, activity.pk),
            method="post",
            data_factory=lambda: activity_data(
                title="Ny titel", status="ongoing", revision=activity.revision
            ),
            permitted=strategist,
            no_role=no_role_user,
            other_region=outsider,
            expect=302,
            audit_action="plans.activity_update",
        )
        activity.refresh_from_db()
        assert activity.title == "Ny titel"
        assert activity.status == "ongoing"
        entry = next(
            e for e in result.audit_entries if e.action == "plans.activity_update"
        )
        assert entry.changes["title"]["new"] == "Ny titel"

    def test_activity_of_another_plan_is_not_found(
        self, region, strategist, plan, client_en
    ):
        other_plan = ActionPlanFactory(region=region)
        elsewhere = ActivityFactory(action_plan=other_plan)
        response = client_en(strategist).get(
            url("staff_activity_update", region, plan.pk, elsewhere.pk)
        )
        assert response.status_code == 404

    def test_partners_changed(self, region, strategist, plan, activity, org, client_en):
        other = OrganisationFactory(region=region, name="Timrå kommun")
        activity.partners.set([org])
        client_en(strategist).post(
            url("staff_activity_update", region, plan.pk, activity.pk),
            activity_data(partners=[other.pk], revision=activity.revision),
        )
        assert list(activity.partners.all()) == [other]
        entry = entries("plans.activity_update")[-1]
        assert entry.changes["partners"] == {
            "old": ["Sundsvalls kommun"],
            "new": ["Timrå kommun"],
        }

    def test_stale_edit_keeps_input(
        self, region, strategist, plan, activity, client_en
    ):
        read = activity.revision
        services.activity_update(
            activity=activity, by=None, data={"title": "Någon annans titel"}
        )
        client = client_en(strategist)
        response = client.post(
            url("staff_activity_update", region, plan.pk, activity.pk),
            activity_data(title="Min titel", estimated_budget="12 000", revision=read),
        )
        assert response.status_code == 200
        assert "was changed by someone else" in response.text
        assert 'value="Min titel"' in response.text
        assert 'value="12 000"' in response.text
        assert "Någon annans titel" in response.text
        activity.refresh_from_db()
        assert activity.title == "Någon annans titel"
        response = client.post(
            url("staff_activity_update", region, plan.pk, activity.pk),
            activity_data(title="Min titel", revision=activity.revision),
        )
        assert response.status_code == 302
        activity.refresh_from_db()
        assert activity.title == "Min titel"

    def test_officer_gets_403(self, region, officer, plan, activity, client_en):
        client = client_en(officer)
        target = url("staff_activity_update", region, plan.pk, activity.pk)
        assert client.get(target).status_code == 403
        assert client.post(target, activity_data()).status_code == 403
        activity.refresh_from_db()
        assert activity.title == "Destinationsutveckling"


# Delete ------------------------------------------------------------------------------


class ActivityDeleteTests:
    def test_confirm_page(self, region, strategist, plan, activity, client_en):
        response = client_en(strategist).get(
            url("staff_activity_delete", region, plan.pk, activity.pk)
        )
        assert response.status_code == 200
        assert "Destinationsutveckling" in response.text
        assert Activity.objects.filter(pk=activity.pk).exists()

    def test_access(self, region, strategist, no_role_user, outsider, plan, activity):
        assert_access(
            url("staff_activity_delete", region, plan.pk, activity.pk),
            method="post",
            permitted=strategist,
            no_role=no_role_user,
            other_region=outsider,
            expect=302,
            audit_action="plans.activity_delete",
        )
        assert not Activity.objects.filter(pk=activity.pk).exists()

    def test_officer_gets_403(self, region, officer, plan, activity, client_en):
        response = client_en(officer).post(
            url("staff_activity_delete", region, plan.pk, activity.pk)
        )
        assert response.status_code == 403
        assert Activity.objects.filter(pk=activity.pk).exists()


# Reorder -----------------------------------------------------------------------------


class ActivityMoveTests:
    @pytest.fixture
    def three(self, plan):
        return [
            ActivityFactory(action_plan=plan, title=title, order=n)
            for n, title in enumerate(["Alfa", "Beta", "Gamma"])
        ]

    def titles(self, plan):
        return list(
            plan.activities.order_by("order", "pk").values_list("title", flat=True)
        )

    def test_access(self, region, strategist, no_role_user, outsider, plan, three):
        result = assert_access(
            url("staff_activity_move", region, plan.pk, three[2].pk),
            method="post",
            data={"direction": "up"},
            permitted=strategist,
            no_role=no_role_user,
            other_region=outsider,
            expect=302,
            audit_action="plans.activity_reorder",
        )
        assert result.response["Location"].endswith("#activities")
        assert self.titles(plan) == ["Alfa", "Gamma", "Beta"]

    def test_down(self, region, strategist, plan, three, client_en):
        client_en(strategist).post(
            url("staff_activity_move", region, plan.pk, three[0].pk),
            {"direction": "down"},
        )
        assert self.titles(plan) == ["Beta", "Alfa", "Gamma"]

    def test_first_cannot_move_up(self, region, strategist, plan, three, client_en):
        response = client_en(strategist).post(
            url("staff_activity_move", region, plan.pk, three[0].pk),
            {"direction": "up"},
        )
        assert response.status_code == 302
        assert self.titles(plan) == ["Alfa", "Beta", "Gamma"]
        assert not entries("plans.activity_reorder")

    def test_bad_direction(self, region, strategist, plan, three, client_en):
        response = client_en(strategist).post(
            url("staff_activity_move", region, plan.pk, three[0].pk),
            {"direction": "sideways"},
        )
        assert response.status_code == 400

    def test_htmx_gets_the_table(self, region, strategist, plan, three, client_en):
        response = client_en(strategist).post(
            url("staff_activity_move", region, plan.pk, three[1].pk),
            {"direction": "up"},
            headers={"HX-Request": "true"},
        )
        assert response.status_code == 200
        assert "<html" not in response.text
        assert response.text.index("Beta") < response.text.index("Alfa")
        assert f'id="move-up-{three[1].pk}"' not in response.text  # first now
        assert "Moved “Beta” up." in response.text
        assert self.titles(plan) == ["Beta", "Alfa", "Gamma"]

    def test_officer_gets_403(self, region, officer, plan, three, client_en):
        response = client_en(officer).post(
            url("staff_activity_move", region, plan.pk, three[1].pk),
            {"direction": "up"},
        )
        assert response.status_code == 403
        assert self.titles(plan) == ["Alfa", "Beta", "Gamma"]


# Goals -------------------------------------------------------------------------------


class ActivityGoalsTests:
    @pytest.fixture
    def goals(self, strategy):
        area = GoalFactory(strategy=strategy, title="Attraktiv region", code="1")
        child = GoalFactory(
            strategy=strategy, parent=area, title="Hållbar turism", code="1.1"
        )
        other = GoalFactory(strategy=strategy, title="Kompetensförsörjning", code="2")
        return area, child, other

    def test_access(
        self, region, strategist, no_role_user, outsider, plan, activity, goals
    ):
        area, child, other = goals
        assert_access(
            url("staff_activity_goals", region, plan.pk, activity.pk),
            method="post",
            data={
                f"goal_{area.pk}": "",
                f"goal_{child.pk}": str(Relevance.PRINCIPAL),
                f"goal_{other.pk}": "",
            },
            permitted=strategist,
            no_role=no_role_user,
            other_region=outsider,
            expect=302,
            audit_action="plans.activity_goal_set",
        )
        link = ActivityGoal.objects.get(activity=activity)
        assert link.goal == child
        assert link.weight == Relevance.PRINCIPAL

    def test_page_shows_the_tree(
        self, region, strategist, plan, activity, goals, client_en
    ):
        _area, child, _other = goals
        ActivityGoal.objects.create(activity=activity, goal=child, weight=1)
        text = (
            client_en(strategist)
            .get(url("staff_activity_goals", region, plan.pk, activity.pk))
            .text
        )
        assert text.index("Attraktiv region") < text.index("Hållbar turism")
        assert text.index("Hållbar turism") < text.index("Kompetensförsörjning")
        assert 'class="goal-depth-1 goal-linked"' in text
        assert "Main purpose" in text
        assert "Contributes substantially" in text
        assert '<option value="1" selected>Contributes</option>' in text

    def test_set_change_and_remove_only_what_changed(
        self, region, strategist, plan, activity, goals, client_en
    ):
        area, child, other = goals
        ActivityGoal.objects.create(activity=activity, goal=area, weight=1)
        ActivityGoal.objects.create(activity=activity, goal=child, weight=2)
        before = AuditEntry.objects.count()
        response = client_en(strategist).post(
            url("staff_activity_goals", region, plan.pk, activity.pk),
            {
                f"goal_{area.pk}": "1",  # unchanged
                f"goal_{child.pk}": "3",  # changed
                f"goal_{other.pk}": "",  # not linked, unchanged
            },
        )
        assert response.status_code == 302
        assert dict(
            ActivityGoal.objects.filter(activity=activity).values_list("goal", "weight")
        ) == {area.pk: 1, child.pk: 3}
        new_entries = list(AuditEntry.objects.order_by("id")[before:])
        assert [e.action for e in new_entries] == ["plans.activity_goal_set"]
        assert new_entries[0].changes["relevance"] == {
            "old": "Contributes substantially",
            "new": "Main purpose",
        }

        client_en(strategist).post(
            url("staff_activity_goals", region, plan.pk, activity.pk),
            {
                f"goal_{area.pk}": "",
                f"goal_{child.pk}": "3",
                f"goal_{other.pk}": "2",
            },
        )
        assert dict(
            ActivityGoal.objects.filter(activity=activity).values_list("goal", "weight")
        ) == {child.pk: 3, other.pk: 2}
        removed = entries("plans.activity_goal_remove")
        assert len(removed) == 1
        assert removed[0].changes["goal"]["old"] == str(area)
        assert removed[0].actor == strategist

    def test_htmx_saves_one_row(
        self, region, strategist, plan, activity, goals, client_en
    ):
        area, _child, other = goals
        ActivityGoal.objects.create(activity=activity, goal=area, weight=1)
        response = client_en(strategist).post(
            url("staff_activity_goals", region, plan.pk, activity.pk),
            {f"goal_{other.pk}": "2"},
            headers={"HX-Request": "true"},
        )
        assert response.status_code == 200
        assert response.text.lstrip().startswith(f'<tr id="goal-row-{other.pk}"')
        assert "Saved" in response.text
        assert '<option value="2" selected>' in response.text
        assert 'hx-swap-oob="true"' in response.text
        # The goal not sent keeps its link.
        assert dict(
            ActivityGoal.objects.filter(activity=activity).values_list("goal", "weight")
        ) == {area.pk: 1, other.pk: 2}

    def test_goal_of_another_strategy_is_ignored(
        self, region, strategist, plan, activity, goals, draft_strategy, client_en
    ):
        foreign = GoalFactory(strategy=draft_strategy)
        client_en(strategist).post(
            url("staff_activity_goals", region, plan.pk, activity.pk),
            {f"goal_{foreign.pk}": "3"},
        )
        assert not ActivityGoal.objects.filter(activity=activity).exists()

    def test_bad_relevance_is_an_error(
        self, region, strategist, plan, activity, goals, client_en
    ):
        area, _child, _other = goals
        response = client_en(strategist).post(
            url("staff_activity_goals", region, plan.pk, activity.pk),
            {f"goal_{area.pk}": "9"},
        )
        assert response.status_code == 200
        assert "Select a valid choice" in response.text
        assert not ActivityGoal.objects.exists()

    def test_plan_without_strategy(self, region, strategist, client_en):
        plan = ActionPlanFactory(region=region)
        activity = ActivityFactory(action_plan=plan)
        text = (
            client_en(strategist)
            .get(url("staff_activity_goals", region, plan.pk, activity.pk))
            .text
        )
        assert "The plan is not linked to a strategy." in text

    def test_officer_gets_403(self, region, officer, plan, activity, goals, client_en):
        area, _child, _other = goals
        target = url("staff_activity_goals", region, plan.pk, activity.pk)
        client = client_en(officer)
        assert client.get(target).status_code == 403
        assert client.post(target, {f"goal_{area.pk}": "3"}).status_code == 403
        assert not ActivityGoal.objects.exists()
