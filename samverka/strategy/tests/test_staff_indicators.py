"""Staff screens for indicators, goal links, baselines, targets and observations."""

import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samverka.core.models import AuditEntry
from samverka.core.testing import assert_access
from samverka.strategy import services
from samverka.strategy.choices import GeographyLevel
from samverka.strategy.models import GoalIndicator, Indicator, Observation
from samverka.strategy.tests.factories import (
    GoalFactory,
    GoalIndicatorFactory,
    IndicatorFactory,
    StrategyFactory,
    sweden_geo,
)

pytestmark = pytest.mark.django_db

#: A number with a thousands separator of any language: 1,500 / 1 500 / 1500.
GROUPED = "{}[,.\u00a0\u202f ]?{}"


def url(name, region, *args):
    return reverse(f"strategy:{name}", args=[region.slug, *args])


def indicator_data(**overrides):
    return {
        "name": "Sysselsättningsgrad 20–64 år",
        "description": "Andel förvärvsarbetande.",
        "unit": "procent",
        "decimals": "1",
        "higher_is_better": "on",
        "geography_level": "county",
        "headline_area": "SE-c22",
        "breakdown": "",
        "source": "scb",
        "source_table": "TAB5974",
        "source_query": '{"ContentsCode": ["000003EA"], "Region": ["22"]}',
        "name_en": "Employment rate 20–64",
        "description_en": "Share in gainful employment.",
        **overrides,
    }


@pytest.fixture
def indicator(region):
    return IndicatorFactory(
        region=region, name="Gästnätter", unit="antal", decimals=0, headline_area=""
    )


@pytest.fixture
def link(goal, indicator):
    return GoalIndicatorFactory(
        goal=goal,
        indicator=indicator,
        baseline_value=Decimal("1000"),
        baseline_year=2011,
    )


@pytest.fixture
def observation(indicator):
    sweden_geo()
    services.observations_write(
        indicator=indicator,
        by=None,
        rows=[
            services.ObservationRow(
                year=2015,
                value=Decimal("1500"),
                area_level=GeographyLevel.COUNTY,
                country_code="SE",
                area_code="22",
            )
        ],
    )
    return Observation.objects.get(indicator=indicator)


def language_client(user, language):
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    client.force_login(user)
    return client


# The list -------------------------------------------------------------------------------


class IndicatorListTests:
    def test_access_and_columns(
        self, region, officer, no_role_user, outsider, link, observation
    ):
        result = assert_access(
            url("staff_indicator_list", region),
            permitted=officer,
            no_role=no_role_user,
            other_region=outsider,
            expect=200,
        )
        text = result.response.text
        assert "Gästnätter" in text
        assert "antal" in text
        assert re.search(GROUPED.format("1", "500") + r" \(2015\)", text)
        # A reader gets no "New indicator" button.
        assert url("staff_indicator_create", region) not in text

    def test_editor_sees_new_button(self, region, strategist, client_en):
        response = client_en(strategist).get(url("staff_indicator_list", region))
        assert url("staff_indicator_create", region) in response.text

    def test_other_regions_indicators_are_not_listed(
        self, region, other_region, officer, client_en
    ):
        IndicatorFactory(region=region, name="Vårt mått")
        IndicatorFactory(region=other_region, name="Deres mål")
        text = client_en(officer).get(url("staff_indicator_list", region)).text
        assert "Vårt mått" in text
        assert "Deres mål" not in text

    def test_search_by_name(self, region, officer, client_en):
        IndicatorFactory(region=region, name="Befolkning")
        IndicatorFactory(region=region, name="Utsläpp av växthusgaser")
        text = (
            client_en(officer)
            .get(url("staff_indicator_list", region), {"q": "utsläpp"})
            .text
        )
        assert "Utsläpp av växthusgaser" in text
        assert "Befolkning" not in text

    def test_htmx_search_returns_the_results_alone(self, region, officer, client_en):
        IndicatorFactory(region=region, name="Befolkning")
        response = client_en(officer).get(
            url("staff_indicator_list", region),
            {"q": "befolk"},
            headers={"HX-Request": "true"},
        )
        assert "<html" not in response.text
        assert "Befolkning" in response.text

    def test_query_count_constant(
        self, region, officer, strategy, client_en, django_assert_max_num_queries
    ):
        sweden_geo()
        client = client_en(officer)

        def add(n):
            for i in range(n):
                ind = IndicatorFactory(region=region)
                GoalIndicatorFactory(goal=GoalFactory(strategy=strategy), indicator=ind)
                services.observations_write(
                    indicator=ind,
                    by=None,
                    rows=[
                        services.ObservationRow(
                            year=2012 + i,
                            value=Decimal(i),
                            area_level="county",
                            country_code="SE",
                            area_code="22",
                        )
                    ],
                )

        add(2)
        with CaptureQueriesContext(connection) as few:
            assert client.get(url("staff_indicator_list", region)).status_code == 200
        add(8)
        with django_assert_max_num_queries(len(few.captured_queries)):
            response = client.get(url("staff_indicator_list", region))
        assert (
            response.text.count('<td><a href="/staff/vasternorrland/indicators/') == 10
        )


# Create and update ----------------------------------------------------------------------


class IndicatorCreateTests:
    def test_access_and_audit(self, region, strategist, no_role_user, outsider):
        result = assert_access(
            url("staff_indicator_create", region),
            method="post",
            data=indicator_data(),
            permitted=strategist,
            no_role=no_role_user,
            other_region=outsider,
            expect=302,
            audit_action="strategy.indicator_create",
        )
        indicator = Indicator.objects.get(region=region)
        assert result.response["Location"] == url(
            "staff_indicator_detail", region, indicator.pk
        )
        assert indicator.source_query == {
            "ContentsCode": ["000003EA"],
            "Region": ["22"],
        }
        assert indicator.headline_area == "SE-c22"
        assert indicator.translations == {
            "en": {
                "name": "Employment rate 20–64",
                "description": "Share in gainful employment.",
            }
        }

    def test_get_form_shows_translation_fields(self, region, strategist, client_en):
        response = client_en(strategist).get(url("staff_indicator_create", region))
        assert response.status_code == 200
        assert 'name="name_en"' in response.text
        assert 'name="description_da"' in response.text
        # The source language has no translation field.
        assert 'name="name_sv"' not in response.text

    def test_officer_may_not_create(self, region, officer, client_en):
        client = client_en(officer)
        assert client.get(url("staff_indicator_create", region)).status_code == 403
        response = client.post(url("staff_indicator_create", region), indicator_data())
        assert response.status_code == 403
        assert not Indicator.objects.exists()

    @pytest.mark.parametrize(
        ("query", "message"),
        [
            ("{not json", "Enter a valid JSON"),
            ('["a list"]', "Give the query as an object"),
            ('{"Region": [22]}', "must be a text or a list of texts"),
        ],
    )
    def test_source_query_is_validated(
        self, region, strategist, client_en, query, message
    ):
        response = client_en(strategist).post(
            url("staff_indicator_create", region),
            indicator_data(source_query=query),
        )
        assert response.status_code == 200
        assert message in response.text
        # The form keeps what was typed.
        assert "TAB5974" in response.text
        assert not Indicator.objects.exists()

    def test_headline_area_format(self, region, strategist, client_en):
        response = client_en(strategist).post(
            url("staff_indicator_create", region),
            indicator_data(headline_area="Västernorrland"),
        )
        assert response.status_code == 200
        assert "for example SE-c22" in response.text
        assert not Indicator.objects.exists()

    def test_duplicate_name_is_refused_by_the_service(
        self, region, strategist, client_en, indicator
    ):
        response = client_en(strategist).post(
            url("staff_indicator_create", region),
            indicator_data(name=indicator.name),
        )
        assert response.status_code == 200
        assert "error-summary" in response.text
        assert Indicator.objects.count() == 1


class IndicatorUpdateTests:
    def test_access_and_audit(
        self, region, indicator, strategist, no_role_user, outsider
    ):
        indicator.translations = {"da": {"name": "Overnatninger"}}
        indicator.save()
        assert_access(
            url("staff_indicator_update", region, indicator.pk),
            method="post",
            data=indicator_data(name="Gästnätter totalt", description_en=""),
            permitted=strategist,
            no_role=no_role_user,
            other_region=outsider,
            expect=302,
            audit_action="strategy.indicator_update",
        )
        indicator.refresh_from_db()
        assert indicator.name == "Gästnätter totalt"
        assert indicator.translations["en"] == {"name": "Employment rate 20–64"}

    def test_form_shows_existing_translation(
        self, region, indicator, strategist, client_en
    ):
        indicator.translations = {"en": {"name": "Guest nights"}}
        indicator.save()
        response = client_en(strategist).get(
            url("staff_indicator_update", region, indicator.pk)
        )
        assert 'value="Guest nights"' in response.text

    def test_officer_forbidden(self, region, indicator, officer, client_en):
        client = client_en(officer)
        target = url("staff_indicator_update", region, indicator.pk)
        assert client.get(target).status_code == 403
        assert client.post(target, indicator_data()).status_code == 403

    def test_other_regions_indicator_is_404(
        self, region, other_region, strategist, client_en
    ):
        foreign = IndicatorFactory(region=other_region)
        response = client_en(strategist).get(
            url("staff_indicator_update", region, foreign.pk)
        )
        assert response.status_code == 404


# Detail ------------------------------------------------------------------------------------


class IndicatorDetailTests:
    def test_access_and_content(
        self,
        region,
        officer,
        no_role_user,
        outsider,
        indicator,
        link,
        observation,
        client_en,
    ):
        services.target_set(link=link, by=None, year=2020, value=Decimal("2000"))
        result = assert_access(
            url("staff_indicator_detail", region, indicator.pk),
            permitted=officer,
            no_role=no_role_user,
            other_region=outsider,
            expect=200,
        )
        assert result.response.status_code == 200
        # Read in English: without a cookie the region's language (Swedish) applies.
        text = (
            client_en(officer)
            .get(url("staff_indicator_detail", region, indicator.pk))
            .text
        )
        assert "Gästnätter" in text
        assert link.goal.title in text
        # Baseline, current target and the status with its explanation.
        assert "(2011)" in text
        assert "(2020)" in text
        assert "On track" in text
        assert "planned path expected" in text
        # The goal links to its place in the strategy's goal tree.
        assert (
            reverse(
                "strategy:staff_strategy_detail",
                args=[region.slug, link.goal.strategy.pk],
            )
            + f"#goal-{link.goal.pk}"
            in text
        )
        # Observations grouped by area.
        assert "Västernorrlands län" in text
        assert "SE-c22" in text
        # A reader gets no edit links.
        assert url("staff_indicator_update", region, indicator.pk) not in text
        assert (
            url("staff_observation_delete", region, indicator.pk, observation.pk)
            not in text
        )

    def test_editor_sees_edit_links(
        self, region, strategist, client_en, indicator, observation
    ):
        text = (
            client_en(strategist)
            .get(url("staff_indicator_detail", region, indicator.pk))
            .text
        )
        assert url("staff_indicator_update", region, indicator.pk) in text
        assert url("staff_observation_add", region, indicator.pk) in text
        # The import screen is another view's; only the link is checked here.
        assert (
            reverse("strategy:indicator_import", args=[region.slug, indicator.pk])
            in text
        )
        assert (
            url("staff_observation_delete", region, indicator.pk, observation.pk)
            in text
        )

    def test_query_count_constant(
        self,
        region,
        strategy,
        officer,
        client_en,
        indicator,
        observation,
        django_assert_max_num_queries,
    ):
        client = client_en(officer)
        target = url("staff_indicator_detail", region, indicator.pk)

        def add_goals(n):
            for _ in range(n):
                link = GoalIndicatorFactory(
                    goal=GoalFactory(strategy=strategy), indicator=indicator
                )
                services.target_set(
                    link=link, by=None, year=2020, value=Decimal("2000")
                )

        add_goals(1)
        with CaptureQueriesContext(connection) as few:
            assert client.get(target).status_code == 200
        add_goals(6)
        with django_assert_max_num_queries(len(few.captured_queries)):
            response = client.get(target)
        assert response.text.count("/goal-indicators/") == 7

    def test_sex_and_age_columns_only_where_present(
        self, region, officer, client_en, indicator, observation
    ):
        client = client_en(officer)
        text = client.get(url("staff_indicator_detail", region, indicator.pk)).text
        assert "Age group" not in text
        services.observations_write(
            indicator=indicator,
            by=None,
            rows=[
                services.ObservationRow(
                    year=2015,
                    value=Decimal("700"),
                    area_level="county",
                    country_code="SE",
                    area_code="22",
                    sex="women",
                    age_group="20-64",
                )
            ],
        )
        text = client.get(url("staff_indicator_detail", region, indicator.pk)).text
        assert "Age group" in text
        assert "20-64" in text
        assert "Women" in text


# Goal links and baselines -------------------------------------------------------------------


class GoalIndicatorTests:
    def test_add_with_baseline(
        self, region, strategy, goal, indicator, strategist, no_role_user, outsider
    ):
        result = assert_access(
            url("staff_goal_indicator_add", region, strategy.pk, goal.pk),
            method="post",
            data={
                "indicator": indicator.pk,
                "baseline_value": "1234.5",
                "baseline_year": "2011",
            },
            permitted=strategist,
            no_role=no_role_user,
            other_region=outsider,
            expect=302,
            audit_action="strategy.goal_indicator_add",
        )
        link = GoalIndicator.objects.get(goal=goal, indicator=indicator)
        assert link.baseline_value == Decimal("1234.5")
        assert link.baseline_year == 2011
        assert result.response["Location"] == url("staff_target_set", region, link.pk)

    def test_add_form_lists_only_the_regions_unlinked_indicators(
        self, region, other_region, strategy, goal, link, strategist, client_en
    ):
        IndicatorFactory(region=region, name="Befolkning")
        IndicatorFactory(region=other_region, name="Befolkning i Sjælland")
        text = (
            client_en(strategist)
            .get(url("staff_goal_indicator_add", region, strategy.pk, goal.pk))
            .text
        )
        assert "Befolkning" in text
        assert "Befolkning i Sjælland" not in text
        assert "Gästnätter" not in text  # already linked

    def test_baseline_needs_value_and_year(
        self, region, strategy, goal, indicator, strategist, client_en
    ):
        response = client_en(strategist).post(
            url("staff_goal_indicator_add", region, strategy.pk, goal.pk),
            {"indicator": indicator.pk, "baseline_value": "12", "baseline_year": ""},
        )
        assert response.status_code == 200
        assert "Give the baseline as a value and a year, or neither." in response.text
        assert not GoalIndicator.objects.exists()

    def test_goal_of_other_strategy_is_404(
        self, region, strategy, draft_strategy, indicator, strategist, client_en
    ):
        other_goal = GoalFactory(strategy=draft_strategy)
        response = client_en(strategist).get(
            url("staff_goal_indicator_add", region, strategy.pk, other_goal.pk)
        )
        assert response.status_code == 404

    def test_officer_forbidden(self, region, strategy, goal, officer, client_en):
        target = url("staff_goal_indicator_add", region, strategy.pk, goal.pk)
        assert client_en(officer).get(target).status_code == 403
        assert client_en(officer).post(target, {}).status_code == 403

    def test_baseline_form_shows_the_stored_figure_plainly(
        self, region, link, strategist, client_en
    ):
        text = (
            client_en(strategist)
            .get(url("staff_goal_indicator_update", region, link.pk))
            .text
        )
        assert 'value="1000"' in text
        assert 'value="2011"' in text

    def test_update_baseline(self, region, link, strategist, no_role_user, outsider):
        assert_access(
            url("staff_goal_indicator_update", region, link.pk),
            method="post",
            data={"baseline_value": "1100", "baseline_year": "2012"},
            permitted=strategist,
            no_role=no_role_user,
            other_region=outsider,
            expect=302,
            audit_action="strategy.goal_indicator_update",
        )
        link.refresh_from_db()
        assert link.baseline_value == Decimal("1100")
        assert link.baseline_year == 2012

    def test_remove(self, region, link, strategist, no_role_user, outsider):
        assert_access(
            url("staff_goal_indicator_remove", region, link.pk),
            permitted=strategist,
            no_role=no_role_user,
            other_region=outsider,
            expect=200,
        )
        assert_access(
            url("staff_goal_indicator_remove", region, link.pk),
            method="post",
            permitted=strategist,
            no_role=no_role_user,
            other_region=outsider,
            expect=302,
            audit_action="strategy.goal_indicator_remove",
        )
        assert not GoalIndicator.objects.filter(pk=link.pk).exists()

    def test_officer_cannot_remove(self, region, link, officer, client_en):
        target = url("staff_goal_indicator_remove", region, link.pk)
        assert client_en(officer).post(target).status_code == 403
        assert GoalIndicator.objects.filter(pk=link.pk).exists()


# Targets ---------------------------------------------------------------------------------------


class TargetTests:
    def test_access_and_audit(self, region, link, strategist, no_role_user, outsider):
        assert_access(
            url("staff_target_set", region, link.pk),
            method="post",
            data={"year": "2020", "value": "2000", "reason": "Beslut RF § 12"},
            permitted=strategist,
            no_role=no_role_user,
            other_region=outsider,
            expect=302,
            audit_action="strategy.target_set",
        )
        target = link.targets.get()
        assert target.value == Decimal("2000")
        assert target.set_by == strategist

    def test_officer_reads_history_but_may_not_post(
        self, region, link, officer, no_role_user, outsider, client_en
    ):
        services.target_set(link=link, by=None, year=2020, value=Decimal("2000"))
        result = assert_access(
            url("staff_target_set", region, link.pk),
            permitted=officer,
            no_role=no_role_user,
            other_region=outsider,
            expect=200,
        )
        assert re.search(GROUPED.format("2", "000"), result.response.text)
        assert 'name="value"' not in result.response.text
        before = AuditEntry.objects.count()
        response = client_en(officer).post(
            url("staff_target_set", region, link.pk), {"year": "2019", "value": "1"}
        )
        assert response.status_code == 403
        assert AuditEntry.objects.count() == before
        assert link.targets.count() == 1

    def test_revision_keeps_history(self, region, link, strategist, client_en):
        client = client_en(strategist)
        target_url = url("staff_target_set", region, link.pk)
        client.post(target_url, {"year": "2020", "value": "2000", "reason": "Första"})
        client.post(target_url, {"year": "2020", "value": "2500", "reason": "Höjd"})
        targets = list(link.targets.order_by("created_at", "pk"))
        assert len(targets) == 2
        old, new = targets
        assert old.superseded_at is not None
        assert new.superseded_at is None
        assert new.value == Decimal("2500")
        text = client.get(target_url).text
        assert "Första" in text
        assert "Höjd" in text
        assert "Superseded" in text
        assert "Current" in text
        assert text.count("Stina Strateg") == 2

    def test_year_outside_period_refused_and_input_kept(
        self, region, link, strategist, client_en
    ):
        response = client_en(strategist).post(
            url("staff_target_set", region, link.pk),
            {"year": "2035", "value": "3456", "reason": "Långsiktigt"},
        )
        assert response.status_code == 200
        text = response.text
        assert "2035 is outside the strategy&#x27;s period 2011–2020." in text
        # The message sits next to the year field.
        assert 'id="id_year_error"' in text
        assert 'value="2035"' in text
        assert 'value="3456"' in text
        assert "Långsiktigt" in text
        assert not link.targets.exists()

    def test_superseded_strategy_keeps_its_targets(self, region, strategist, client_en):
        old = GoalIndicatorFactory(
            goal=GoalFactory(
                strategy=StrategyFactory(region=region, status="superseded")
            )
        )
        client = client_en(strategist)
        target_url = url("staff_target_set", region, old.pk)
        assert 'name="value"' not in client.get(target_url).text
        response = client.post(target_url, {"year": "2025", "value": "1"}, follow=True)
        assert "A superseded version is kept as it was" in response.text
        assert not old.targets.exists()

    def test_link_of_other_region_is_404(
        self, region, other_region, strategist, client_en
    ):
        foreign = GoalIndicatorFactory(
            goal=GoalFactory(strategy=StrategyFactory(region=other_region))
        )
        response = client_en(strategist).get(
            url("staff_target_set", region, foreign.pk)
        )
        assert response.status_code == 404


# Observations ------------------------------------------------------------------------------------


def observation_data(**overrides):
    return {
        "year": "2016",
        "period": "",
        "area_level": "county",
        "area": "22",
        "sex": "",
        "age_group": "",
        "value": "1650",
        "note": "Från årsrapport",
        **overrides,
    }


class ObservationTests:
    def test_add_access_and_audit(
        self, region, indicator, strategist, no_role_user, outsider
    ):
        sweden_geo()
        assert_access(
            url("staff_observation_add", region, indicator.pk),
            method="post",
            data=observation_data(),
            permitted=strategist,
            no_role=no_role_user,
            other_region=outsider,
            expect=302,
            audit_action="strategy.observations_write",
        )
        obs = Observation.objects.get(indicator=indicator)
        assert obs.area_code == "SE-c22"
        assert obs.value == Decimal("1650")
        assert obs.note == "Från årsrapport"

    def test_form_offers_the_regions_areas(
        self, region, indicator, strategist, client_en
    ):
        sweden_geo()
        text = (
            client_en(strategist)
            .get(url("staff_observation_add", region, indicator.pk))
            .text
        )
        assert "Västernorrlands län (22)" in text
        assert "Sundsvall (2281)" in text

    def test_municipality_value(self, region, indicator, strategist, client_en):
        sweden_geo()
        response = client_en(strategist).post(
            url("staff_observation_add", region, indicator.pk),
            observation_data(area_level="municipality", area="2281"),
        )
        assert response.status_code == 302
        assert Observation.objects.get().area_code == "SE-m2281"

    def test_whole_country(self, region, indicator, strategist, client_en):
        sweden_geo()
        response = client_en(strategist).post(
            url("staff_observation_add", region, indicator.pk),
            observation_data(area_level="country", area=""),
        )
        assert response.status_code == 302
        assert Observation.objects.get().area_code == "SE"

    def test_unknown_area_refused(self, region, indicator, strategist, client_en):
        sweden_geo()
        response = client_en(strategist).post(
            url("staff_observation_add", region, indicator.pk),
            observation_data(area="99"),
        )
        assert response.status_code == 200
        assert "Unknown region code “99”" in response.text
        assert 'value="1650"' in response.text
        assert not Observation.objects.exists()

    def test_municipality_code_at_county_level_refused(
        self, region, indicator, strategist, client_en
    ):
        sweden_geo()
        response = client_en(strategist).post(
            url("staff_observation_add", region, indicator.pk),
            observation_data(area="2281"),
        )
        assert response.status_code == 200
        assert "Unknown region code “2281”" in response.text
        assert not Observation.objects.exists()

    def test_officer_forbidden(self, region, indicator, officer, client_en):
        sweden_geo()
        target = url("staff_observation_add", region, indicator.pk)
        assert client_en(officer).get(target).status_code == 403
        assert client_en(officer).post(target, observation_data()).status_code == 403
        assert not Observation.objects.exists()

    def test_delete(
        self, region, indicator, observation, strategist, no_role_user, outsider
    ):
        target = url("staff_observation_delete", region, indicator.pk, observation.pk)
        assert_access(
            target,
            permitted=strategist,
            no_role=no_role_user,
            other_region=outsider,
            expect=200,
        )
        assert_access(
            target,
            method="post",
            permitted=strategist,
            no_role=no_role_user,
            other_region=outsider,
            expect=302,
            audit_action="strategy.observation_delete",
        )
        assert not Observation.objects.exists()

    def test_officer_cannot_delete(
        self, region, indicator, observation, officer, client_en
    ):
        target = url("staff_observation_delete", region, indicator.pk, observation.pk)
        assert client_en(officer).post(target).status_code == 403
        assert Observation.objects.filter(pk=observation.pk).exists()

    def test_observation_of_other_indicator_is_404(
        self, region, indicator, observation, strategist, client_en
    ):
        other = IndicatorFactory(region=region)
        target = url("staff_observation_delete", region, other.pk, observation.pk)
        assert client_en(strategist).get(target).status_code == 404


# Languages ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["sv", "da"])
def test_pages_render_in_nordic_languages(
    region, strategist, indicator, link, observation, language
):
    client = language_client(strategist, language)
    for target in [
        url("staff_indicator_list", region),
        url("staff_indicator_create", region),
        url("staff_indicator_detail", region, indicator.pk),
        url("staff_indicator_update", region, indicator.pk),
        url("staff_goal_indicator_add", region, link.goal.strategy.pk, link.goal.pk),
        url("staff_goal_indicator_update", region, link.pk),
        url("staff_goal_indicator_remove", region, link.pk),
        url("staff_target_set", region, link.pk),
        url("staff_observation_add", region, indicator.pk),
        url("staff_observation_delete", region, indicator.pk, observation.pk),
    ]:
        response = client.get(target)
        assert response.status_code == 200, target
        assert f'lang="{language}"' in response.text


def test_detail_shows_one_area_at_a_time(region, officer, indicator, client_en):
    sweden_geo()
    indicator.headline_area = "SE-c22"
    indicator.save()
    row = services.ObservationRow
    services.observations_write(
        indicator=indicator,
        by=None,
        rows=[
            row(
                year=2019,
                value=Decimal("4711"),
                area_level="county",
                country_code="SE",
                area_code="22",
            ),
            row(
                year=2019,
                value=Decimal("815"),
                area_level="municipality",
                country_code="SE",
                area_code="2281",
            ),
        ],
    )
    client = client_en(officer)
    page = client.get(url("staff_indicator_detail", region, indicator.pk)).text
    assert re.search(GROUPED.format("4", "711"), page)
    assert "815" not in page.split('id="indicator-observations"')[1].split("</form>")[1]
    assert 'value="SE-m2281"' in page  # the chooser offers the municipality
    page = client.get(
        url("staff_indicator_detail", region, indicator.pk), {"area": "SE-m2281"}
    ).text
    table = page.split('id="indicator-observations"')[1].split("</form>")[1]
    assert "815" in table
    assert not re.search(GROUPED.format("4", "711"), table)
