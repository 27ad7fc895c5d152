"""The strategy follow-up report: content, registered sections, PDF and access."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.template import Template
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samverka.core.testing import assert_access
from samverka.strategy import report as report_module
from samverka.strategy.choices import GoalKind, IndicatorStatus
from samverka.strategy.models import IndicatorTarget, Observation
from samverka.strategy.report import ReportSection, build_report, register_section
from samverka.strategy.tests.factories import (
    GoalFactory,
    GoalIndicatorFactory,
    StrategyFactory,
    sweden_geo,
)
from samverka.strategy.views import report as report_views

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _keep_registry():
    """Sections a test registers do not leak into other tests."""
    saved = dict(report_module._REGISTRY)
    yield
    report_module._REGISTRY.clear()
    report_module._REGISTRY.update(saved)


def _indicator(goal, *, name, baseline, target, observed, decimals=1, unit="%"):
    """A goal indicator with baseline in 2015, target in 2020, a value for 2018."""
    _se, lan = sweden_geo()
    link: Any = GoalIndicatorFactory(
        goal=goal,
        indicator__name=name,
        indicator__unit=unit,
        indicator__decimals=decimals,
        baseline_value=Decimal(baseline),
        baseline_year=2015,
    )
    IndicatorTarget.objects.create(
        goal_indicator=link, year=2020, value=Decimal(target)
    )
    if observed is not None:
        Observation.objects.create(
            indicator=link.indicator,
            year=2018,
            area_level="county",
            country=lan.country,
            county=lan,
            value=Decimal(observed),
        )
    return link


def build_tree(strategy, areas=2):
    """Vision → priority areas → goals, created out of order (the report must follow
    `order`, not creation), each goal with one indicator."""
    vision = GoalFactory(
        strategy=strategy, kind=GoalKind.VISION, title="Vision för länet", order=0
    )
    goals = []
    for i in reversed(range(areas)):
        area = GoalFactory(
            strategy=strategy,
            kind=GoalKind.PRIORITY_AREA,
            parent=vision,
            title=f"Prioriterat område {i + 1}",
            code=str(i + 1),
            order=i,
        )
        goal = GoalFactory(
            strategy=strategy,
            parent=area,
            title=f"Delmål {i + 1}.1",
            code=f"{i + 1}.1",
            order=0,
        )
        _indicator(
            goal,
            name=f"Indikator {strategy.pk}.{i + 1}",
            baseline="50",
            target="60",
            observed="57",
        )
        goals.append(goal)
    return vision, goals


@pytest.fixture
def report_strategy(strategy):
    """The adopted strategy with a small tree and three indicators of each status."""
    vision = GoalFactory(
        strategy=strategy, kind=GoalKind.VISION, title="Ett hållbart län", order=0
    )
    second = GoalFactory(
        strategy=strategy,
        kind=GoalKind.PRIORITY_AREA,
        parent=vision,
        title="Kompetensförsörjning",
        code="2",
        order=2,
    )
    first = GoalFactory(
        strategy=strategy,
        kind=GoalKind.PRIORITY_AREA,
        parent=vision,
        title="Hållbar besöksnäring",
        code="1",
        order=1,
    )
    sub = GoalFactory(
        strategy=strategy, parent=first, title="Fler gästnätter", code="1.1", order=0
    )
    _indicator(
        sub, name="Gästnätter", baseline="50", target="60", observed="57"
    )  # on track
    _indicator(
        sub, name="Andel hållbara resor", baseline="50", target="60", observed="53.5"
    )  # at risk
    _indicator(
        second,
        name="Sysselsatta",
        baseline="1000",
        target="2000",
        observed="1234.5",
        unit="personer",
    )  # off track
    _indicator(second, name="Utan mätning", baseline="10", target="20", observed=None)
    return strategy


def url(strategy, name="report"):
    return reverse(f"strategy:{name}", args=[strategy.region.slug, strategy.pk])


# The content ----------------------------------------------------------------------


def test_report_lists_goals_in_tree_order_with_statuses_and_numbers(
    report_strategy, client_en
):
    response = client_en().get(url(report_strategy))
    assert response.status_code == 200
    html = response.content.decode()
    order = [
        "Ett hållbart län",
        "Hållbar besöksnäring",
        "Fler gästnätter",
        "Kompetensförsörjning",
    ]
    positions = [html.index(title) for title in order]
    assert positions == sorted(positions), positions
    # the figures, formatted for English, and the status words with their reasons
    assert "1,234.5" in html
    assert "1,000.0" in html
    assert "(2018)" in html
    assert "(2015)" in html
    assert "(2020)" in html
    for word in ("On track", "At risk", "Off track", "Not enough data"):
        assert f">{word}</span>" in html
    assert "the measured value is 57" in html  # the explanation of the status
    assert "Region Västernorrland" in html
    assert "Regional utvecklingsstrategi för Västernorrland" in html
    assert "The goals are followed up with 4 indicators" in html
    # headings follow the depth: h3 for the vision, h4 for areas, h5 for sub-goals
    assert '<h3 id="report-goal-' in html
    assert html.count('<h4 id="report-goal-') == 2
    assert html.count('<h5 id="report-goal-') == 1
    assert (
        reverse(
            "strategy:report_pdf",
            args=[report_strategy.region.slug, report_strategy.pk],
        )
        in html
    )


def test_report_numbers_follow_the_regions_language(report_strategy):
    """A visitor who has not chosen a language reads the region's (Swedish)."""
    html = Client().get(url(report_strategy)).content.decode()
    assert "1\xa0234,5" in html
    assert 'lang="sv"' in html


def test_build_report_counts_statuses_and_reads_latest_values(report_strategy):
    report = build_report(report_strategy, today=datetime.date(2026, 11, 26))
    counts = {c.code: c.count for c in report.status_counts}
    assert counts == {
        IndicatorStatus.ON_TRACK: 1,
        IndicatorStatus.AT_RISK: 1,
        IndicatorStatus.OFF_TRACK: 1,
        IndicatorStatus.NO_DATA: 1,
    }
    assert [row.depth for row in report.rows] == [0, 1, 2, 1]
    rows = {i.indicator.name: i for row in report.rows for i in row.indicators}
    latest = rows["Gästnätter"].latest
    assert latest is not None
    assert latest.year == 2018
    assert rows["Gästnätter"].target_list == [(2020, "60.0")]
    assert rows["Utan mätning"].latest is None
    assert rows["Utan mätning"].status.status == IndicatorStatus.NO_DATA
    assert report.date_display == "26 November 2026"


def test_registered_sections_appear_per_goal_and_after_the_goals(
    report_strategy, client_en
):
    seen: dict[str, Any] = {}

    def per_goal(strategy, goals, *, user):
        seen["goals"] = [g.title for g in goals]
        seen["user"] = user
        return {goals[-1].pk: {"note": "Extra rad för sista målet"}}

    register_section(
        ReportSection(
            key="test.per_goal",
            title="Per mål",
            template=Template(
                '<p class="t-per-goal">{{ data.note }}: {{ goal.title }}</p>'
            ),
            context=per_goal,
            per_goal=True,
        )
    )
    register_section(
        ReportSection(
            key="test.whole",
            title="Finansierade projekt",
            template=Template('<p class="t-whole">{{ data.count }} projekt</p>'),
            context=lambda strategy, goals, *, user: {"count": 7},
            order=5,
        )
    )
    # registering again replaces, it does not duplicate
    register_section(
        ReportSection(
            key="test.whole",
            title="Finansierade projekt",
            template=Template('<p class="t-whole">{{ data.count }} projekt</p>'),
            context=lambda strategy, goals, *, user: {"count": 7},
            order=5,
        )
    )
    html = client_en().get(url(report_strategy)).content.decode()
    assert seen["goals"][0] == "Ett hållbart län"  # every goal, in tree order
    assert seen["user"].is_anonymous
    assert html.count('class="t-per-goal"') == 1
    assert "Extra rad för sista målet: Kompetensförsörjning" in html
    assert html.count("7 projekt") == 1
    assert '<h2 id="report-section-testwhole">Finansierade projekt</h2>' in html
    assert html.index("Kompetensförsörjning") < html.index("7 projekt")


def test_empty_strategy_report_says_so(strategy, client_en):
    html = client_en().get(url(strategy)).content.decode()
    assert "The strategy has no goals yet." in html
    assert "No indicators are linked to the goals yet." in html


# The PDF --------------------------------------------------------------------------


def test_pdf_is_a_pdf_with_a_dated_filename(report_strategy, client_en):
    response = client_en().get(url(report_strategy, "report_pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert len(response.content) > 5000
    today = timezone.localdate().isoformat()
    assert (
        f'filename="regional-utvecklingsstrategi-for-vasternorrland-{today}.pdf"'
        in response["Content-Disposition"]
    )


def test_pdf_without_weasyprint_shows_an_error_page(
    report_strategy, client_en, monkeypatch
):
    def missing():
        raise OSError("cannot load library 'libpango-1.0-0'")

    monkeypatch.setattr(report_views, "load_weasyprint", missing)
    response = client_en().get(url(report_strategy, "report_pdf"))
    assert response.status_code == 503
    html = response.content.decode()
    assert "The PDF cannot be made right now" in html
    assert url(report_strategy) in html


def test_page_counter_css_is_quoted():
    css = str(report_views.page_counter_css())
    assert css == '"Page " counter(page) " of " counter(pages)'
    assert report_views.css_string('a"b</style>') == '"a\\"b\\3c /style>"'


# Access ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["report", "report_pdf"])
def test_published_report_is_public(strategy, officer, no_role_user, name):
    assert_access(
        url(strategy, name),
        permitted=officer,
        no_role=no_role_user,
        no_role_status=200,
        other_region=None,
        public=True,
        expect=200,
    )


@pytest.mark.parametrize("name", ["report", "report_pdf"])
def test_draft_report_only_for_the_regions_staff(
    draft_strategy, officer, strategist, outsider, no_role_user, name
):
    address = url(draft_strategy, name)
    assert Client().get(address).status_code == 404
    for user in (no_role_user, outsider):
        client = Client()
        client.force_login(user)
        assert client.get(address).status_code == 404, user
    for user in (officer, strategist):
        client = Client()
        client.force_login(user)
        assert client.get(address).status_code == 200, user


def test_draft_report_says_it_is_a_draft(draft_strategy, strategist, client_en):
    html = client_en(strategist).get(url(draft_strategy)).content.decode()
    assert "this strategy has not been adopted" in html


def test_report_of_another_regions_slug_is_404(strategy, other_region, client_en):
    address = reverse("strategy:report", args=[other_region.slug, strategy.pk])
    assert client_en().get(address).status_code == 404


# Queries --------------------------------------------------------------------------


def test_queries_do_not_grow_with_the_strategy(
    region, client_en, django_assert_max_num_queries
):
    small = StrategyFactory(region=region, adopted=True)
    build_tree(small, areas=1)
    large = StrategyFactory(region=region, adopted=True)
    build_tree(large, areas=8)
    client = client_en()
    client.get(url(small))  # warm up caches (sessions, content types)
    with CaptureQueriesContext(connection) as small_queries:
        assert client.get(url(small)).status_code == 200
    with django_assert_max_num_queries(len(small_queries)):
        response = client.get(url(large))
    assert response.content.decode().count("Delmål") >= 8
