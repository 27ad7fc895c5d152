"""The public strategy pages: content in the visitor's language, drafts and other
regions 404, versions, the goal page's chart, table and status, and query counts."""

import datetime
import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samverka.core.testing import assert_access
from samverka.strategy.choices import (
    GeographyLevel,
    GoalKind,
    StrategyLevel,
    StrategyStatus,
)
from samverka.strategy.models import (
    GoalInteraction,
    IndicatorTarget,
    Observation,
    StrategyDocument,
)
from samverka.strategy.tests.factories import (
    GoalFactory,
    GoalIndicatorFactory,
    StrategyFactory,
    sdg_goal,
    sdg_target,
    sweden_geo,
)

pytestmark = pytest.mark.django_db


def client_in(language):
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def add_indicator(goal, *, name, values, target=Decimal("60"), translations=None):
    """An indicator on `goal`: baseline 50 in 2020, a target for 2030 and yearly
    values for the county (Västernorrlands län)."""
    se, lan = sweden_geo()
    link = GoalIndicatorFactory(
        goal=goal,
        indicator__name=name,
        indicator__unit="procent",
        indicator__decimals=1,
        indicator__translations=translations or {},
        baseline_value=Decimal("50"),
        baseline_year=2020,
    )
    IndicatorTarget.objects.create(goal_indicator=link, year=2030, value=target)
    for year, value in values.items():
        Observation.objects.create(
            indicator=link.indicator,
            year=year,
            area_level=GeographyLevel.COUNTY,
            country=se,
            county=lan,
            value=Decimal(str(value)),
        )
    return link


def build_goals(strategy, *, areas, goals_per_area, indicators):
    """Priority areas with goals under them; `indicators` goals get an indicator."""
    goals = []
    for a in range(1, areas + 1):
        area = GoalFactory(
            strategy=strategy,
            kind=GoalKind.PRIORITY_AREA,
            code=str(a),
            title=f"Insatsområde {a}",
        )
        for g in range(1, goals_per_area + 1):
            goal = GoalFactory(
                strategy=strategy, parent=area, code=f"{a}.{g}", title=f"Mål {a}.{g}"
            )
            goal.sdg_goals.add(sdg_goal())
            goal.sdg_targets.add(sdg_target())
            goals.append(goal)
    for i, goal in enumerate(goals[:indicators]):
        add_indicator(
            goal, name=f"Indikator {strategy.pk}-{i}", values={2021: 51, 2022: 52}
        )
    if len(goals) > 1:
        GoalInteraction.objects.create(
            strategy=strategy,
            from_goal=goals[0],
            to_goal=goals[1],
            score=2,
            justification="Förstärker varandra.",
        )
    return goals


def add_plan(strategy, **kwargs):
    defaults = {
        "region": strategy.region,
        "theme": "tourism",
        "start_year": 2021,
        "end_year": 2024,
        "adopted_on": datetime.date(2021, 3, 1),
    }
    return strategy.action_plans.create(**{**defaults, **kwargs})


@pytest.fixture
def rus(region):
    return StrategyFactory(
        region=region,
        title="Regional utvecklingsstrategi Västernorrland 2020–2030",
        summary="Ett hållbart Västernorrland.",
        translations={
            "en": {
                "title": "Regional development strategy Västernorrland 2020–2030",
                "summary": "A sustainable Västernorrland.",
            }
        },
        owner="Regionstyrelsen",
        adopted=True,
        start_year=2020,
        end_year=2030,
    )


@pytest.fixture
def tourism_goal(rus):
    goal = GoalFactory(
        strategy=rus,
        code="2.1",
        title="Hållbar besöksnäring",
        description="Fler besökare året runt.",
        translations={"en": {"title": "Sustainable tourism"}},
    )
    goal.sdg_goals.add(sdg_goal(8))
    goal.sdg_targets.add(sdg_target("8.9"))
    return goal


class ListTests:
    def test_list_is_public_and_shows_published_strategies_only(
        self, region, officer, rus, draft_strategy
    ):
        url = reverse("strategy:public_list", args=[region.slug])
        result = assert_access(
            url,
            permitted=officer,
            no_role=None,
            other_region=None,
            public=True,
            expect=200,
        )
        text = result.response.text
        # assert_access reads in English: the English title where there is one.
        assert "Regional development strategy Västernorrland 2020–2030" in text
        assert draft_strategy.title not in text

    def test_list_shows_the_chain_of_higher_strategies(self, region, rus):
        agenda = StrategyFactory(
            region=None,
            level=StrategyLevel.GLOBAL,
            title="Agenda 2030",
            adopted=True,
        )
        national = StrategyFactory(
            region=None,
            level=StrategyLevel.NATIONAL,
            title="Nationell strategi för hållbar regional utveckling",
            adopted=True,
        )
        national.serves.add(agenda)
        rus.serves.add(national)
        text = client_in("en").get(f"/{region.slug}/strategy/").text
        chain = text[text.index('class="strategy-chain"') :]
        assert chain.index("Agenda 2030") < chain.index("Nationell strategi")
        assert chain.index("Nationell strategi") < chain.index(
            "Regional development strategy"
        )
        assert reverse("strategy:public_higher_detail", args=[agenda.pk]) in chain

    def test_unknown_or_inactive_region_is_404(self, region):
        region.is_active = False
        region.save()
        assert Client().get(f"/{region.slug}/strategy/").status_code == 404
        assert Client().get("/ingen-region/strategy/").status_code == 404


class DetailTests:
    def url(self, strategy):
        return reverse(
            "strategy:public_detail", args=[strategy.region.slug, strategy.pk]
        )

    def test_detail_in_english_swedish_and_danish(self, region, officer, rus):
        goals = build_goals(rus, areas=1, goals_per_area=2, indicators=1)
        goals[0].translations = {"en": {"title": "Growth goal"}}
        goals[0].save()
        assert_access(
            self.url(rus),
            permitted=officer,
            no_role=None,
            other_region=None,
            public=True,
            expect=200,
        )
        en = client_in("en").get(self.url(rus)).text
        assert '<html lang="en">' in en
        assert "Regional development strategy Västernorrland" in en
        assert "A sustainable Västernorrland." in en
        assert "Growth goal" in en
        # Untranslated goal titles fall back to Swedish, marked as such.
        assert 'lang="sv">Mål 1.2</a>' in en
        assert "Owner" in en
        assert "Regionstyrelsen" in en
        assert "RF § 42" in en

        sv = client_in("sv").get(self.url(rus)).text
        assert '<html lang="sv">' in sv
        assert "Regional utvecklingsstrategi Västernorrland 2020–2030" in sv
        assert "Mål 1.1" in sv
        assert "Growth goal" not in sv
        assert 'lang="sv"' not in sv.split("<body", 1)[1].replace(
            'option value="sv" lang="sv"', ""
        )

        da = client_in("da").get(self.url(rus)).text
        assert '<html lang="da">' in da
        # No Danish translation: the Swedish source text, marked Swedish.
        assert (
            '<h1 lang="sv">Regional utvecklingsstrategi Västernorrland 2020–2030</h1>'
            in da
        )

    def test_goal_tree_sdgs_statuses_and_links(self, region, rus, tourism_goal):
        add_indicator(
            tourism_goal, name="Gästnätter", values={2021: 51, 2022: 52, 2024: 50.2}
        )
        child = GoalFactory(
            strategy=rus, parent=tourism_goal, code="2.1.1", title="Året runt"
        )
        text = client_in("en").get(self.url(rus)).text
        tree = text[text.index('id="goals-title"') :]
        assert tree.index("Sustainable tourism") < tree.index("Året runt")
        assert (
            reverse("strategy:public_goal", args=[region.slug, rus.pk, child.pk])
            in tree
        )
        assert "SDG 8" in tree
        assert "Decent work and economic growth" in tree
        assert "background-color: #A21942" in tree
        # The status as text, not colour alone.
        assert "Off track" in tree
        assert "Gästnätter" in tree

    def test_documents_versions_and_action_plans(self, region, rus):
        document = StrategyDocument.objects.create(
            strategy=rus,
            kind="full_text",
            title="RUS fulltext",
            language="sv",
            file="strategy/documents/2021/rus.pdf",
        )
        # Through the reverse relation: the strategy app may not import the plans app.
        plan = add_plan(rus, title="Handlingsplan turism", status="adopted")
        add_plan(rus, title="Utkast till handlingsplan", status="draft")
        text = client_in("en").get(self.url(rus)).text
        assert "RUS fulltext" in text
        # Through the download view that checks who may read the strategy.
        assert document.get_absolute_url() in text
        assert "rus.pdf" not in text
        assert 'hreflang="sv"' in text
        assert "Handlingsplan turism" in text
        assert reverse("plans:public_detail", args=[region.slug, plan.pk]) in text
        assert "Utkast till handlingsplan" not in text

    def test_superseded_version_is_readable_with_notice(self, region, rus):
        newer = StrategyFactory(
            region=region,
            title="RUS 2025–2035",
            start_year=2025,
            end_year=2035,
            adopted=True,
            version=2,
            previous_version=rus,
        )
        rus.status = StrategyStatus.SUPERSEDED
        rus.save()
        old = client_in("en").get(self.url(rus))
        assert old.status_code == 200
        assert "This version has been superseded." in old.text
        assert self.url(newer) in old.text
        assert "version 2" in old.text
        current = client_in("en").get(self.url(newer)).text
        assert "superseded." not in current
        assert self.url(rus) in current  # the older version is linked

    def test_draft_is_404_for_the_public(self, region, draft_strategy, officer):
        url = self.url(draft_strategy)
        assert Client().get(url).status_code == 404
        # Staff read drafts on the staff pages, not here.
        client = Client()
        client.force_login(officer)
        assert client.get(url).status_code == 404

    def test_other_regions_strategy_under_this_slug_is_404(self, region, other_region):
        theirs = StrategyFactory(region=other_region, adopted=True)
        url = reverse("strategy:public_detail", args=[region.slug, theirs.pk])
        assert Client().get(url).status_code == 404
        own = reverse("strategy:public_detail", args=[other_region.slug, theirs.pk])
        assert Client().get(own).status_code == 200

    def test_higher_strategy_has_its_own_page(self, rus):
        eu = StrategyFactory(
            region=None,
            level=StrategyLevel.EU,
            title="EU:s sammanhållningspolitik",
            adopted=True,
        )
        GoalFactory(strategy=eu, title="Ett smartare Europa")
        response = client_in("en").get(
            reverse("strategy:public_higher_detail", args=[eu.pk])
        )
        assert response.status_code == 200
        assert "Ett smartare Europa" in response.text
        assert "EU:s sammanhållningspolitik" in response.text
        # A regional strategy is not a higher one, and drafts are hidden.
        assert (
            Client()
            .get(reverse("strategy:public_higher_detail", args=[rus.pk]))
            .status_code
            == 404
        )
        draft = StrategyFactory(region=None, level=StrategyLevel.EU)
        assert (
            Client()
            .get(reverse("strategy:public_higher_detail", args=[draft.pk]))
            .status_code
            == 404
        )


class GoalPageTests:
    def url(self, goal):
        return reverse(
            "strategy:public_goal",
            args=[goal.strategy.region.slug, goal.strategy_id, goal.pk],
        )

    def test_goal_page_shows_chart_table_and_status(
        self, region, officer, rus, tourism_goal
    ):
        add_indicator(
            tourism_goal,
            name="Gästnätter",
            values={2021: 51, 2022: 52, 2024: "54.0"},
            translations={"en": {"name": "Guest nights"}},
        )
        result = assert_access(
            self.url(tourism_goal),
            permitted=officer,
            no_role=None,
            other_region=None,
            public=True,
            expect=200,
        )
        text = client_in("en").get(self.url(tourism_goal)).text
        assert result.response.status_code == 200
        assert "<h1>Sustainable tourism</h1>" in text
        # The chart: an image with an accessible name that gives the figures.
        svg = re.search(r"<svg[^>]*>.*?</svg>", text, re.S).group(0)
        assert 'role="img"' in svg
        assert "aria-labelledby" in svg
        assert "<title" in svg
        assert "Line chart of Guest nights (procent)" in svg
        assert "latest 54.0 in 2024" in svg
        assert "Baseline 50.0 in 2020" in svg
        assert "Target 60.0 in 2030" in svg
        assert 'class="chart-planned"' in svg
        assert 'class="chart-target"' in svg
        # The table beside it, with the same figures.
        table = text[text.index('class="table chart-table"') :]
        table = table[: table.index("</table>")]
        assert re.search(
            r"<th scope=\"row\">2024</th><td class=\"num\">54.0</td>", table
        )
        assert re.search(
            r"2030</th><td class=\"num\">–</td><td class=\"num\">60.0", table
        )
        assert "baseline" in table
        # The status with its explanation and the rule.
        assert "On track" in text
        assert "the measured value is 54" in text
        assert reverse("strategy:status_rule", args=[region.slug]) in text
        # SDG target in English.
        assert "Target 8.9" in text
        assert "sustainable tourism" in text

    def test_goal_page_in_swedish_and_danish(self, rus, tourism_goal):
        add_indicator(tourism_goal, name="Gästnätter", values={2022: "52.5"})
        sv = client_in("sv").get(self.url(tourism_goal)).text
        assert "<h1>Hållbar besöksnäring</h1>" in sv
        assert "52,5" in sv  # Swedish decimal comma
        da = client_in("da").get(self.url(tourism_goal)).text
        assert '<h1 lang="sv">Hållbar besöksnäring</h1>' in da
        assert "52,5" in da
        # The SDG target has no Danish or Swedish text: English, marked.
        assert '<span lang="en">By 2030, devise' in da

    def test_sub_goals_and_interactions(self, rus, tourism_goal):
        child = GoalFactory(
            strategy=rus, parent=tourism_goal, code="2.1.1", title="Året runt"
        )
        other = GoalFactory(strategy=rus, code="3", title="Minskade utsläpp")
        GoalInteraction.objects.create(
            strategy=rus,
            from_goal=tourism_goal,
            to_goal=other,
            score=-2,
            justification="Fler resor ger mer utsläpp.",
        )
        text = client_in("en").get(self.url(tourism_goal)).text
        assert "Året runt" in text
        assert self.url(child) in text
        assert "−2 Counteracting" in text
        assert "Fler resor ger mer utsläpp." in text
        assert self.url(other) in text
        # The sub-goal's page leads back through its parent.
        child_page = client_in("en").get(self.url(child)).text
        crumbs = child_page[
            : child_page.index("</nav>", child_page.index("breadcrumbs"))
        ]
        assert self.url(tourism_goal) in crumbs

    def test_goal_of_draft_or_other_strategy_is_404(
        self, region, rus, draft_strategy, tourism_goal
    ):
        draft_goal = GoalFactory(strategy=draft_strategy)
        assert Client().get(self.url(draft_goal)).status_code == 404
        # A goal under another strategy's address.
        other = StrategyFactory(region=region, adopted=True)
        url = reverse(
            "strategy:public_goal", args=[region.slug, other.pk, tourism_goal.pk]
        )
        assert Client().get(url).status_code == 404

    def test_indicator_without_data_says_so(self, rus, tourism_goal):
        GoalIndicatorFactory(goal=tourism_goal, baseline_value=None, baseline_year=None)
        text = client_in("en").get(self.url(tourism_goal)).text
        assert "Not enough data" in text
        assert "A status needs a baseline" in text
        assert 'role="img"' in text


class ShortAndRuleTests:
    def test_short_version_is_printable_with_statuses(self, region, rus, tourism_goal):
        add_indicator(tourism_goal, name="Gästnätter", values={2022: 52})
        url = reverse("strategy:public_short", args=[region.slug, rus.pk])
        response = client_in("en").get(url)
        assert response.status_code == 200
        text = response.text
        assert "A sustainable Västernorrland." in text
        assert "Sustainable tourism" in text
        assert "On track" in text
        assert "css/print.css" in text
        assert "window.print()" in text

    def test_short_version_of_draft_is_404(self, region, draft_strategy):
        url = reverse("strategy:public_short", args=[region.slug, draft_strategy.pk])
        assert Client().get(url).status_code == 404

    def test_status_rule_page(self, region):
        url = reverse("strategy:status_rule", args=[region.slug])
        text = client_in("en").get(url).text
        assert "at least 90 %" in text
        assert "At least 50 % but less than 90 %" in text
        assert "at most 5 % worse" in text
        assert client_in("sv").get(url).status_code == 200


class QueryCountTests:
    def count(self, url):
        client = client_in("en")
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        return len(queries)

    def test_query_count_does_not_grow_with_the_strategy(
        self, region, django_assert_max_num_queries
    ):
        small = StrategyFactory(region=region, adopted=True)
        build_goals(small, areas=1, goals_per_area=2, indicators=1)
        large = StrategyFactory(region=region, adopted=True)
        build_goals(large, areas=5, goals_per_area=4, indicators=5)
        for name in ("public_detail", "public_short"):
            small_url = reverse(f"strategy:{name}", args=[region.slug, small.pk])
            large_url = reverse(f"strategy:{name}", args=[region.slug, large.pk])
            baseline = self.count(small_url)
            with django_assert_max_num_queries(baseline):
                client_in("en").get(large_url)

        small_goal = small.goals.filter(parent__isnull=False).first()
        large_goal = large.goals.filter(parent__isnull=False).first()
        baseline = self.count(
            reverse("strategy:public_goal", args=[region.slug, small.pk, small_goal.pk])
        )
        with django_assert_max_num_queries(baseline):
            client_in("en").get(
                reverse(
                    "strategy:public_goal", args=[region.slug, large.pk, large_goal.pk]
                )
            )

    def test_realistic_strategy_query_count(
        self, region, django_assert_max_num_queries
    ):
        """About four priority areas, 15 goals and 10 indicators (see the report)."""
        rus = StrategyFactory(region=region, adopted=True)
        goals = build_goals(rus, areas=4, goals_per_area=3, indicators=10)
        GoalFactory.create_batch(3, strategy=rus, parent=goals[0])
        assert rus.goals.filter(kind=GoalKind.PRIORITY_AREA).count() == 4
        assert rus.goals.exclude(kind=GoalKind.PRIORITY_AREA).count() == 15
        with django_assert_max_num_queries(13):
            client_in("en").get(
                reverse("strategy:public_detail", args=[region.slug, rus.pk])
            )
        with django_assert_max_num_queries(9):
            client_in("en").get(
                reverse("strategy:public_goal", args=[region.slug, rus.pk, goals[0].pk])
            )


def test_adopted_on_date_is_localised(region, rus):
    rus.adopted_on = datetime.date(2021, 6, 15)
    rus.save()
    url = reverse("strategy:public_detail", args=[region.slug, rus.pk])
    assert "15 juni 2021" in client_in("sv").get(url).text


def test_region_home_links_to_strategies_and_plans(region, rus, draft_strategy):
    add_plan(rus, title="Handlingsplan turism", status="adopted")
    add_plan(rus, title="Utkast", status="draft")
    text = client_in("en").get(reverse("portal:region_home", args=[region.slug])).text
    assert reverse("strategy:public_detail", args=[region.slug, rus.pk]) in text
    assert "Regional development strategy Västernorrland" in text
    assert draft_strategy.title not in text
    assert reverse("strategy:public_list", args=[region.slug]) in text
    assert reverse("plans:public_list", args=[region.slug]) in text
    assert "1 action plan" in text


def test_status_rule_example_is_computed_by_the_rule(region):
    text = client_in("en").get(reverse("strategy:status_rule", args=[region.slug])).text
    assert "By 2024 the planned path expects 54." in text
    assert "75 % of the planned change" in text
    assert "The status is “At risk”." in text
