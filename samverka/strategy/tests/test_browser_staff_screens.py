"""Browser tests of the strategy's remaining staff screens (interaction matrix,
indicators, targets, spreadsheet import) and the public follow-up report: Chromium
with htmx, axe-core at WCAG 2.1 AA, in Swedish and in Danish."""

import io
import re
from decimal import Decimal
from typing import Any

import openpyxl
import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import expect

from samverka.accounts.tests.factories import staff_user
from samverka.actors.tests.test_browser import log_in
from samverka.core.testing import assert_no_axe_violations
from samverka.core.tests.factories import RegionFactory
from samverka.strategy import services
from samverka.strategy.choices import GeographyLevel, GoalKind
from samverka.strategy.models import GoalInteraction
from samverka.strategy.spreadsheets import GOALS, strategy_workbook, workbook_bytes
from samverka.strategy.tests.factories import (
    GoalFactory,
    StrategyFactory,
    denmark_geo,
    sweden_geo,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

#: Per language: the region, its country's county and municipality (name, code), and
#: words of the interface the tests look for.
SETUPS: dict[str, dict[str, Any]] = {
    "sv": {
        "region": {
            "name": "Region Västernorrland",
            "slug": "vasternorrland",
            "case_number_prefix": "RVN",
        },
        "geo": sweden_geo,
        "country": "SE",
        "county": ("Västernorrlands län", "22"),
        "municipality": ("Sundsvall", "2281"),
        "titles": ("Attraktiv region", "Fler gästnätter", "Minskade utsläpp"),
    },
    "da": {
        "region": {
            "name": "Region Sjælland",
            "slug": "sjaelland",
            "case_number_prefix": "RSJ",
            "danish": True,
        },
        "geo": denmark_geo,
        "country": "DK",
        "county": ("Region Sjælland", "1085"),
        "municipality": ("Roskilde", "265"),
        "titles": ("Attraktiv region", "Flere overnatninger", "Mindre udledning"),
    },
}

LANGUAGES = pytest.mark.parametrize("language", ["sv", "da"])


def build(language):
    """A region with an adopted strategy 2021–2030: goals 1, 1.1, 2 and 3, an indicator on
    1.1 with baseline, a target and values for a county and a municipality, and two
    interactions (one negative)."""
    setup = SETUPS[language]
    region = RegionFactory(**setup["region"])
    setup["geo"]()
    strategy = StrategyFactory(
        region=region,
        title="Regional utvecklingsstrategi",
        adopted=True,
        start_year=2021,
        end_year=2030,
    )
    first_title, sub_title, second_title = setup["titles"]
    first = GoalFactory(strategy=strategy, code="1", title=first_title, order=0)
    sub = GoalFactory(
        strategy=strategy,
        parent=first,
        kind=GoalKind.SUB_GOAL,
        code="1.1",
        title=sub_title,
        order=0,
    )
    second = GoalFactory(strategy=strategy, code="2", title=second_title, order=1)
    third = GoalFactory(strategy=strategy, code="3", title="Kompetens", order=2)
    indicator = services.indicator_create(
        region=region,
        by=None,
        data={
            "name": "Gästnätter" if language == "sv" else "Overnatninger",
            "unit": "antal",
            "decimals": 0,
            "source": "manual",
            "geography_level": GeographyLevel.COUNTY,
        },
    )
    link = services.goal_indicator_add(
        goal=sub,
        indicator=indicator,
        by=None,
        data={"baseline_value": Decimal("1000"), "baseline_year": 2021},
    )
    services.target_set(link=link, by=None, year=2030, value=Decimal("1500"))
    county_code = setup["county"][1]
    municipality_code = setup["municipality"][1]
    rows = [
        services.ObservationRow(
            year=year,
            value=Decimal(value),
            area_level=GeographyLevel.COUNTY,
            country_code=setup["country"],
            area_code=county_code,
        )
        for year, value in ((2022, 1100), (2023, 1250))
    ] + [
        services.ObservationRow(
            year=2023,
            value=Decimal("377"),
            area_level=GeographyLevel.MUNICIPALITY,
            country_code=setup["country"],
            area_code=municipality_code,
        )
    ]
    services.observations_write(indicator=indicator, by=None, rows=rows)
    services.interaction_set(
        strategy=strategy,
        by=None,
        from_goal=sub,
        to_goal=first,
        score=2,
        justification="Fler besökare stärker regionen.",
    )
    services.interaction_set(
        strategy=strategy,
        by=None,
        from_goal=sub,
        to_goal=second,
        score=-1,
        justification="Fler resor ger mer utsläpp.",
    )
    staff_user(region, "strategist", email="stina@example.org")
    return {
        "region": region,
        "strategy": strategy,
        "first": first,
        "sub": sub,
        "second": second,
        "third": third,
        "indicator": indicator,
        "link": link,
        "setup": setup,
    }


def staff_page(page, live_server, language):
    data = build(language)
    log_in(page, live_server, "stina@example.org", language)
    return data


def url(live_server, name, *args):
    return live_server.url + reverse(f"strategy:{name}", args=list(args))


@LANGUAGES
def test_interaction_matrix_edits_a_cell_in_the_panel(page, live_server, language):
    data = staff_page(page, live_server, language)
    region, strategy = data["region"], data["strategy"]
    # Every other score of the scale in some cell, so axe checks each colour pair.
    for source, target, score in (
        ("first", "sub", 3),
        ("first", "second", 1),
        ("first", "third", 0),
        ("second", "sub", -3),
    ):
        services.interaction_set(
            strategy=strategy,
            by=None,
            from_goal=data[source],
            to_goal=data[target],
            score=score,
            justification=f"Bedömning {score}.",
        )
    page.goto(url(live_server, "staff_interaction_matrix", region.slug, strategy.pk))
    expect(page.locator("html")).to_have_attribute("lang", language)
    matrix = page.locator("#interaction-matrix")
    # The interactions in words: the two conflicts first, the strongest first.
    statements = matrix.locator(".interaction-statements li")
    expect(statements).to_have_count(6)
    expect(statements.nth(0)).to_have_class("interaction-conflict")
    expect(statements.nth(0)).to_contain_text("Bedömning -3.")
    expect(statements.nth(1)).to_have_class("interaction-conflict")
    expect(statements.nth(1)).to_contain_text("Fler resor ger mer utsläpp.")
    expect(statements.nth(2)).not_to_have_class("interaction-conflict")
    assert_no_axe_violations(page)

    # Goal 2 on goal 1 is not assessed yet: open its cell in the panel.
    edit = reverse(
        "strategy:staff_interaction_edit",
        args=[region.slug, strategy.pk, data["second"].pk, data["first"].pk],
    )
    cell = matrix.locator(f'a[href="{edit}"]')
    expect(cell).to_contain_text("–")
    cell.click()
    panel = page.locator("#interaction-panel")
    expect(panel.locator("form")).to_be_visible()
    expect(panel.locator("h2")).to_contain_text(data["first"].title)
    # The keyboard focus follows into the panel.
    expect(panel.locator("h2")).to_be_focused()
    # The page was not reloaded: the URL is still the matrix.
    assert page.url.endswith(
        reverse("strategy:staff_interaction_matrix", args=[region.slug, strategy.pk])
    )
    assert_no_axe_violations(page)

    # Saved without a score: the error is shown in the panel, the text is kept.
    panel.locator('textarea[name="justification"]').fill("Utkast")
    panel.locator("button[type=submit]:not([name])").click()
    expect(panel.locator(".error-summary")).to_be_visible()
    expect(panel.locator(".interaction-choices .error-message")).to_be_visible()
    # The group of scores is described by its error.
    expect(panel.locator("fieldset.interaction-choices")).to_have_attribute(
        "aria-describedby", re.compile(r"\bid_score_error\b")
    )
    expect(panel.locator('textarea[name="justification"]')).to_have_value("Utkast")
    assert not GoalInteraction.objects.filter(
        from_goal=data["second"], to_goal=data["first"]
    ).exists()
    assert_no_axe_violations(page)

    panel.locator('input[name="score"][value="-2"]').check()
    panel.locator('textarea[name="justification"]').fill(
        "Utsläppen begränsar regionens attraktivitet."
    )
    panel.locator("button[type=submit]:not([name])").click()
    expect(panel.locator(".message-success")).to_be_visible()
    expect(panel.locator(".message-success")).to_be_focused()
    # The matrix refreshes itself with the new score (with a real minus sign).
    expect(page.locator(f'#interaction-matrix a[href="{edit}"]')).to_contain_text("−2")
    expect(
        page.locator(f'#interaction-matrix a[href="{edit}"]').locator("..")
    ).to_have_class("interaction-cell interaction-m2")
    expect(page.locator("#interaction-matrix .interaction-statements")).to_contain_text(
        "Utsläppen begränsar regionens attraktivitet."
    )
    saved = GoalInteraction.objects.get(from_goal=data["second"], to_goal=data["first"])
    assert saved.score == -2
    assert_no_axe_violations(page)

    # Without htmx the same form is a page of its own.
    page.goto(live_server.url + edit)
    expect(page.locator("main h1")).to_be_visible()
    expect(page.locator('input[name="score"][value="-2"]')).to_be_checked()
    assert_no_axe_violations(page)


@LANGUAGES
def test_indicator_list_and_detail_with_area_chooser(page, live_server, language):
    data = staff_page(page, live_server, language)
    region, indicator, setup = data["region"], data["indicator"], data["setup"]
    page.goto(url(live_server, "staff_indicator_list", region.slug))
    expect(page.locator("html")).to_have_attribute("lang", language)
    listed = page.locator("main table").get_by_role("link", name=indicator.name)
    expect(listed).to_be_visible()
    assert_no_axe_violations(page)

    listed.click()
    page.wait_for_load_state()
    expect(page.locator("h1")).to_have_text(indicator.name)
    values = page.locator("#indicator-observations").locator("..")
    table = page.locator("main table").filter(has=page.locator("caption")).last
    county = setup["county"][0]
    municipality, municipality_code = setup["municipality"]
    # The county first (the higher level), with its two values.
    expect(table.locator("caption")).to_contain_text(county)
    expect(table.locator("tbody tr")).to_have_count(2)
    expect(table.locator("tbody")).to_contain_text("2022")
    # The goal that uses the indicator, with baseline and target.
    goals = page.locator("main table").first
    expect(goals).to_contain_text(data["sub"].title)
    expect(goals).to_contain_text("2030")
    assert_no_axe_violations(page)

    # Choose the municipality: the table shows its one value.
    choice = page.locator("#area-choice")
    options = choice.locator("option")
    expect(options).to_have_count(2)
    municipality_value = options.nth(1).get_attribute("value")
    assert municipality_value
    assert municipality_value.endswith(municipality_code)
    choice.select_option(municipality_value)
    values.locator(".area-chooser button[type=submit]").click()
    page.wait_for_load_state()
    table = page.locator("main table").filter(has=page.locator("caption")).last
    expect(table.locator("caption")).to_contain_text(municipality)
    expect(table.locator("tbody tr")).to_have_count(1)
    expect(table.locator("tbody")).to_contain_text("377")
    expect(table.locator("tbody")).not_to_contain_text("2022")
    expect(page.locator("#area-choice")).to_have_value(municipality_value)
    assert_no_axe_violations(page)


@LANGUAGES
def test_target_outside_the_period_is_refused_beside_the_field(
    page, live_server, language
):
    data = staff_page(page, live_server, language)
    region, link = data["region"], data["link"]
    page.goto(url(live_server, "staff_target_set", region.slug, link.pk))
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("main table tbody tr")).to_have_count(1)
    assert_no_axe_violations(page)

    page.fill("#id_year", "2035")
    page.fill("#id_value", "1800")
    page.fill("#id_reason", "Nytt beslut")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    # The error is next to the year, in the summary, and what was typed is kept.
    error = page.locator("#id_year_error")
    expect(error).to_be_visible()
    expect(error).to_contain_text("2035")
    expect(error).to_contain_text("2021")
    expect(page.locator(".error-summary")).to_contain_text("2035")
    expect(page.locator("#id_year")).to_have_value("2035")
    expect(page.locator("#id_value")).to_have_value("1800")
    expect(page.locator("#id_reason")).to_have_value("Nytt beslut")
    assert link.targets.count() == 1
    assert_no_axe_violations(page)


@LANGUAGES
def test_spreadsheet_import_previews_a_changed_title(
    page, live_server, language, tmp_path
):
    data = staff_page(page, live_server, language)
    region, strategy, first = data["region"], data["strategy"], data["first"]
    page.goto(url(live_server, "spreadsheet_import", region.slug, strategy.pk))
    expect(page.locator("html")).to_have_attribute("lang", language)
    assert_no_axe_violations(page)

    # A file that is not a workbook is refused on the upload page.
    bad = tmp_path / "inte-excel.xlsx"
    bad.write_bytes(b"not a workbook")
    page.set_input_files("#id_file", str(bad))
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    expect(page.locator(".error-summary")).to_be_visible()
    expect(page.locator("#id_file")).to_be_visible()
    assert_no_axe_violations(page)

    # The export, downloaded in the logged-in session, with one goal renamed.
    response = page.request.get(
        url(live_server, "spreadsheet_export", region.slug, strategy.pk)
    )
    assert response.ok
    workbook = openpyxl.load_workbook(io.BytesIO(response.body()))
    sheet = workbook[GOALS]
    header = [c.value for c in sheet[1]]
    renamed = False
    for row in sheet.iter_rows(min_row=2):
        if row[header.index("id")].value == first.pk:
            row[header.index("title")].value = "Attraktiv och hållbar region"
            renamed = True
    assert renamed
    buffer = io.BytesIO()
    workbook.save(buffer)
    path = tmp_path / "strategi.xlsx"
    path.write_bytes(buffer.getvalue())
    # The download is the export code's workbook.
    expected = openpyxl.load_workbook(
        io.BytesIO(workbook_bytes(strategy_workbook(strategy)))
    )
    assert expected[GOALS].max_row == sheet.max_row

    page.set_input_files("#id_file", str(path))
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    changed = page.locator("main table").filter(has_text="Attraktiv och hållbar region")
    expect(changed).to_have_count(1)
    expect(changed).to_contain_text(first.title)
    expect(changed.locator("del")).to_have_text(first.title)
    expect(changed.locator("ins")).to_have_text("Attraktiv och hållbar region")
    expect(page.locator("main form input[name=token]")).to_have_count(1)
    first.refresh_from_db()
    assert first.title == data["setup"]["titles"][0]  # nothing saved yet
    assert_no_axe_violations(page)


@LANGUAGES
def test_public_report_of_the_adopted_strategy(page, live_server, language):
    data = build(language)
    region, strategy = data["region"], data["strategy"]
    page.context.add_cookies(
        [
            {
                "name": settings.LANGUAGE_COOKIE_NAME,
                "value": language,
                "url": live_server.url,
            }
        ]
    )
    page.goto(url(live_server, "report", region.slug, strategy.pk))
    expect(page.locator("html")).to_have_attribute("lang", language)
    main = page.locator("main")
    expect(main.locator("h1")).to_contain_text(strategy.title)
    expect(main).to_contain_text(data["sub"].title)
    expect(main).to_contain_text(data["indicator"].name)
    # Anonymous: no staff links.
    expect(page.locator("a[href*='/staff/']")).to_have_count(0)
    assert_no_axe_violations(page)
