"""The strategy workbook: export, import preview, confirmation and refusals."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samverka.accounts.tests.factories import staff_user
from samverka.core.models import AuditEntry
from samverka.core.testing import assert_access
from samverka.strategy import services
from samverka.strategy.choices import GeographyLevel, GoalKind, StrategyStatus
from samverka.strategy.models import Goal, GoalIndicator, Indicator, Observation
from samverka.strategy.spreadsheets import (
    SESSION_KEY,
    SpreadsheetError,
    StrategyImport,
    cell_decimal,
)
from samverka.strategy.tests.factories import (
    GoalFactory,
    StrategyFactory,
    sdg_target,
    sweden_geo,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.urls("samverka.strategy.tests.urls_spreadsheets"),
]


@pytest.fixture
def tree(strategy, strategist):
    """A vision with a goal and a sub-goal, an indicator with baseline, target and an
    observation for Västernorrlands län."""
    sweden_geo()
    vision = GoalFactory(
        strategy=strategy, kind=GoalKind.VISION, code="V", title="Vision", order=0
    )
    goal = GoalFactory(
        strategy=strategy,
        parent=vision,
        code="1",
        title="Hållbar besöksnäring",
        order=0,
    )
    sub = GoalFactory(
        strategy=strategy,
        parent=goal,
        kind=GoalKind.SUB_GOAL,
        code="1.1",
        title="Fler gästnätter",
        order=0,
        translations={"en": {"title": "More guest nights"}},
    )
    sub.sdg_targets.set([sdg_target("8.9")])
    indicator = services.indicator_create(
        region=strategy.region,
        by=None,
        data={"name": "Gästnätter", "unit": "antal", "source": "scb"},
    )
    link = services.goal_indicator_add(
        goal=sub,
        indicator=indicator,
        by=None,
        data={"baseline_value": Decimal("1000"), "baseline_year": 2010},
    )
    services.target_set(link=link, by=None, year=2020, value=Decimal("1500"))
    services.observations_write(
        indicator=indicator,
        by=None,
        rows=[
            services.ObservationRow(
                year=2015,
                value=Decimal("1234.5"),
                area_level=GeographyLevel.COUNTY,
                country_code="SE",
                area_code="22",
            )
        ],
    )
    return {
        "vision": vision,
        "goal": goal,
        "sub": sub,
        "indicator": indicator,
        "link": link,
    }


def url(name, strategy):
    return reverse(f"strategy:{name}", args=[strategy.region.slug, strategy.pk])


def export(client, strategy):
    response = client.get(url("spreadsheet_export", strategy))
    assert response.status_code == 200
    return response.content


def load(data):
    return openpyxl.load_workbook(io.BytesIO(data))


def save(workbook):
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def rows(sheet):
    header = [c.value for c in sheet[1]]
    return [
        dict(zip(header, values, strict=False))
        for values in sheet.iter_rows(min_row=2, values_only=True)
    ]


def find_row(sheet, column, value):
    header = [c.value for c in sheet[1]]
    index = header.index(column)
    for number, values in enumerate(sheet.iter_rows(min_row=2, values_only=True), 2):
        if values[index] == value:
            return number
    raise AssertionError(f"no row with {column}={value!r}")


def set_cell(sheet, row, column, value):
    header = [c.value for c in sheet[1]]
    sheet.cell(row=row, column=header.index(column) + 1).value = value


def append(sheet, **values):
    header = [c.value for c in sheet[1]]
    sheet.append([values.get(name) for name in header])


def upload(client, strategy, data, name="rus.xlsx"):
    return client.post(
        url("spreadsheet_import", strategy),
        {"file": SimpleUploadedFile(name, data)},
    )


def confirm(client, strategy, preview_response):
    return client.post(
        url("spreadsheet_import_confirm", strategy),
        {
            "token": preview_response.context["token"],
            "sha256": preview_response.context["sha256"],
        },
    )


def problems(response):
    return response.context["problems"]


# Export -------------------------------------------------------------------------------


def test_export_access(strategy, tree, officer, no_role_user, outsider):
    result = assert_access(
        url("spreadsheet_export", strategy),
        permitted=officer,
        no_role=no_role_user,
        other_region=outsider,
        expect=200,
    )
    assert result.response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    assert "attachment" in result.response["Content-Disposition"]


def test_export_contains_the_strategy(strategy, tree, client_en, officer):
    workbook = load(export(client_en(officer), strategy))
    assert workbook.sheetnames == [
        "goals",
        "indicators",
        "goal_indicators",
        "observations",
    ]
    goals = workbook["goals"]
    assert goals["A1"].font.bold
    assert goals.freeze_panes == "A2"
    assert goals.column_dimensions["E"].width == 50
    by_code = {row["code"]: row for row in rows(goals)}
    assert [row["code"] for row in rows(goals)] == ["V", "1", "1.1"]
    assert by_code["1.1"]["parent_id"] == tree["goal"].pk
    assert by_code["1.1"]["kind"] == "sub_goal"
    assert by_code["1.1"]["title_en"] == "More guest nights"
    assert by_code["1.1"]["sdg_targets"] == "8.9"
    assert by_code["V"]["parent_id"] is None

    (indicator,) = rows(workbook["indicators"])
    assert indicator["name"] == "Gästnätter"
    assert indicator["higher_is_better"] is True
    assert indicator["source"] == "scb"

    (link,) = rows(workbook["goal_indicators"])
    assert link == {
        "goal_id": tree["sub"].pk,
        "indicator_name": "Gästnätter",
        "baseline_value": 1000,
        "baseline_year": 2010,
        "target_year": 2020,
        "target_value": 1500,
    }
    (observation,) = rows(workbook["observations"])
    assert observation["area_code"] == "SE-c22"
    assert observation["year"] == 2015
    assert observation["value"] == pytest.approx(1234.5)
    assert isinstance(observation["value"], float)


def test_export_other_regions_strategy_is_not_found(
    strategy, other_region, strategist, client_en
):
    foreign = StrategyFactory(region=other_region)
    response = client_en(strategist).get(
        reverse("strategy:spreadsheet_export", args=[strategy.region.slug, foreign.pk])
    )
    assert response.status_code == 404


# Import: access -----------------------------------------------------------------------


def test_import_page_access(strategy, tree, strategist, no_role_user, outsider):
    result = assert_access(
        url("spreadsheet_import", strategy),
        permitted=strategist,
        no_role=no_role_user,
        other_region=outsider,
        expect=200,
    )
    assert "Preview import" in result.response.text


def test_preview_access_writes_nothing(
    strategy, tree, strategist, no_role_user, outsider, client_en
):
    data = export(client_en(strategist), strategy)
    result = assert_access(
        url("spreadsheet_import", strategy),
        method="post",
        data_factory=lambda: {"file": SimpleUploadedFile("rus.xlsx", data)},
        permitted=strategist,
        no_role=no_role_user,
        other_region=outsider,
        expect=200,
    )
    assert result.audit_entries == []
    assert "Nothing to change" in result.response.text


def test_confirm_access(strategy, tree, strategist, no_role_user, outsider):
    assert_access(
        url("spreadsheet_import_confirm", strategy),
        method="post",
        data={"token": "nothing", "sha256": "0" * 64},
        permitted=strategist,
        no_role=no_role_user,
        other_region=outsider,
        expect=302,
    )


def test_reading_staff_may_not_import(strategy, tree, officer, client_en):
    client = client_en(officer)
    assert client.get(url("spreadsheet_import", strategy)).status_code == 403
    response = client.post(
        url("spreadsheet_import", strategy),
        {"file": SimpleUploadedFile("rus.xlsx", export(client, strategy))},
    )
    assert response.status_code == 403
    assert client.post(url("spreadsheet_import_confirm", strategy)).status_code == 403
    assert client.get(url("spreadsheet_import_confirm", strategy)).status_code in (
        403,
        405,
    )


# Import: preview and confirm ----------------------------------------------------------


def test_round_trip_changes_nothing(strategy, tree, strategist, client_en):
    client = client_en(strategist)
    response = upload(client, strategy, export(client, strategy))
    assert response.status_code == 200
    assert not response.context["preview"].has_changes
    assert "Nothing to change" in response.text
    assert "Confirm import" not in response.text
    before = AuditEntry.objects.count()
    confirmed = confirm(client, strategy, response)
    assert confirmed.status_code == 302
    assert AuditEntry.objects.count() == before


def edited_workbook(client, strategy, tree):
    workbook = load(export(client, strategy))
    goals = workbook["goals"]
    set_cell(
        goals, find_row(goals, "code", "1.1"), "title", "Fler gästnätter året runt"
    )
    set_cell(goals, find_row(goals, "code", "1"), "sdg_targets", "8.9")
    append(
        goals,
        id="new1",
        parent_id=tree["goal"].pk,
        code="1.2",
        kind="sub_goal",
        title="Hållbara resor",
        title_en="Sustainable travel",
        order=1,
    )
    append(
        workbook["indicators"],
        name="Andel tågresor",
        unit="procent",
        decimals=1,
        higher_is_better="ja",
        source="manual",
        geography_level="county",
    )
    links = workbook["goal_indicators"]
    append(
        links,
        goal_id="new1",
        indicator_name="Andel tågresor",
        baseline_value=12.5,
        baseline_year=2010,
        target_year=2020,
        target_value=20,
    )
    set_cell(links, 2, "target_value", 1600)
    observations = workbook["observations"]
    set_cell(observations, 2, "value", 1300)
    append(
        observations,
        indicator_name="Andel tågresor",
        year=2016,
        area_code="SE-m2281",
        value="13,5",
    )
    return save(workbook)


def test_preview_lists_creates_and_changes_and_writes_nothing(
    strategy, tree, strategist, client_en
):
    client = client_en(strategist)
    data = edited_workbook(client, strategy, tree)
    before = (
        Goal.objects.count(),
        Indicator.objects.count(),
        AuditEntry.objects.count(),
    )
    response = upload(client, strategy, data)
    assert response.status_code == 200, problems(response)
    preview = {sheet.name: sheet for sheet in response.context["preview"].sheets}
    assert [c.label for c in preview["goals"].created] == ["1.2 Hållbara resor"]
    changed = {c.label: c.fields for c in preview["goals"].changed}
    (title,) = changed["1.1 Fler gästnätter året runt"]
    assert (title.column, title.old, title.new) == (
        "title",
        "Fler gästnätter",
        "Fler gästnätter året runt",
    )
    assert [(f.column, f.old, f.new) for f in changed["1 Hållbar besöksnäring"]] == [
        ("sdg_targets", "", "8.9")
    ]
    assert preview["goals"].unchanged == 1
    assert [c.label for c in preview["indicators"].created] == ["Andel tågresor"]
    assert preview["indicators"].unchanged == 1
    (target,) = preview["goal_indicators"].changed[0].fields
    assert (target.column, target.old, target.new) == ("target 2020", "1500", "1600")
    assert len(preview["goal_indicators"].created) == 1
    assert len(preview["observations"].created) == 1
    (value,) = preview["observations"].changed[0].fields
    assert (value.old, value.new) == ("1234.5", "1300")
    assert "Confirm import" in response.text
    assert "Fler gästnätter året runt" in response.text
    # Nothing written yet.
    assert (
        Goal.objects.count(),
        Indicator.objects.count(),
        AuditEntry.objects.count(),
    ) == before
    assert response.context["sha256"] in str(client.session[SESSION_KEY])


def test_confirm_applies_everything(strategy, tree, strategist, client_en):
    client = client_en(strategist)
    response = upload(client, strategy, edited_workbook(client, strategy, tree))
    mark = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first()
    confirmed = confirm(client, strategy, response)
    assert confirmed.status_code == 302
    assert confirmed["Location"] == url("spreadsheet_import", strategy)
    page = client.get(confirmed["Location"])
    assert "Imported “rus.xlsx”: 4 created, 4 changed." in page.text

    tree["sub"].refresh_from_db()
    assert tree["sub"].title == "Fler gästnätter året runt"
    assert list(tree["goal"].sdg_targets.values_list("code", flat=True)) == ["8.9"]
    new = Goal.objects.get(strategy=strategy, code="1.2")
    assert new.parent == tree["goal"]
    assert new.kind == GoalKind.SUB_GOAL
    assert new.localised("title", "en") == "Sustainable travel"
    trains = Indicator.objects.get(region=strategy.region, name="Andel tågresor")
    assert trains.decimals == 1
    new_link = GoalIndicator.objects.get(goal=new, indicator=trains)
    assert new_link.baseline_value == Decimal("12.5")
    assert new_link.targets.get().value == Decimal("20")
    assert tree["link"].targets.get(superseded_at__isnull=True).value == Decimal("1600")
    assert Observation.objects.get(
        indicator=tree["indicator"], area_code="SE-c22"
    ).value == Decimal("1300")
    assert Observation.objects.get(indicator=trains).area_code == "SE-m2281"

    entries = AuditEntry.objects.filter(id__gt=mark)
    actions = set(entries.values_list("action", flat=True))
    assert {
        "strategy.goal_create",
        "strategy.goal_update",
        "strategy.indicator_create",
        "strategy.goal_indicator_add",
        "strategy.target_set",
        "strategy.observations_write",
        "strategy.spreadsheet_import",
    } <= actions
    summary = entries.get(action="strategy.spreadsheet_import")
    assert summary.actor == strategist
    assert summary.object_id == str(strategy.pk)
    assert summary.changes["goals"]["new"] == {
        "created": 1,
        "changed": 2,
        "unchanged": 1,
    }
    # The file is gone from the session, and importing the same file again changes
    # nothing.
    assert f"strategy:{strategy.pk}" not in client.session.get(SESSION_KEY, {})
    again = upload(client, strategy, save(load(export(client, strategy))))
    assert not again.context["preview"].has_changes


def test_reorder_siblings_is_a_sequence_and_idempotent(strategy, strategist, client_en):
    first = GoalFactory(strategy=strategy, code="1", title="Ett", order=0)
    second = GoalFactory(strategy=strategy, code="2", title="Två", order=1)
    client = client_en(strategist)
    workbook = load(export(client, strategy))
    goals = workbook["goals"]
    set_cell(goals, find_row(goals, "code", "1"), "order", 20)
    set_cell(goals, find_row(goals, "code", "2"), "order", 10)
    data = save(workbook)
    response = upload(client, strategy, data)
    assert {c.label for c in response.context["preview"].sheets[0].changed} == {
        "1 Ett",
        "2 Två",
    }
    confirm(client, strategy, response)
    assert list(
        strategy.goals.filter(parent=None)
        .order_by("order", "pk")
        .values_list("code", flat=True)
    ) == ["2", "1"]
    again = upload(client, strategy, data)
    assert not again.context["preview"].has_changes
    first.refresh_from_db()
    second.refresh_from_db()
    assert second.order < first.order


def test_moving_goals_past_each_other(strategy, tree, strategist, client_en):
    """The vision goes under its former sub-goal's sub-goal: no cycle in the end
    state, so the import applies the moves top-down."""
    client = client_en(strategist)
    workbook = load(export(client, strategy))
    goals = workbook["goals"]
    set_cell(goals, find_row(goals, "code", "1"), "parent_id", None)
    set_cell(goals, find_row(goals, "code", "V"), "parent_id", tree["sub"].pk)
    response = upload(client, strategy, save(workbook))
    assert response.status_code == 200
    assert response.context["preview"].has_changes, problems(response)
    confirm(client, strategy, response)
    tree["vision"].refresh_from_db()
    tree["goal"].refresh_from_db()
    assert tree["goal"].parent is None
    assert tree["vision"].parent == tree["sub"]


# Refusals -----------------------------------------------------------------------------


def refused(client, strategy, data, name="rus.xlsx"):
    before = (
        Goal.objects.count(),
        Indicator.objects.count(),
        Observation.objects.count(),
        AuditEntry.objects.count(),
    )
    response = upload(client, strategy, data, name)
    assert response.status_code == 200
    assert "preview" not in response.context
    assert "The file cannot be imported" in response.text
    assert (
        Goal.objects.count(),
        Indicator.objects.count(),
        Observation.objects.count(),
        AuditEntry.objects.count(),
    ) == before
    return problems(response)


def test_not_an_excel_file_is_refused(strategy, tree, strategist, client_en):
    (problem,) = refused(
        client_en(strategist), strategy, b"id;title\n1;Vision\n", "goals.csv"
    )
    assert "not an Excel workbook (.xlsx)" in problem


def test_missing_and_unknown_columns_are_named(strategy, tree, strategist, client_en):
    client = client_en(strategist)
    workbook = load(export(client, strategy))
    goals = workbook["goals"]
    goals.delete_cols(5)  # title
    goals.cell(row=1, column=goals.max_column + 1, value="colour")
    found = refused(client, strategy, save(workbook))
    assert "Sheet “goals”, column “title”: Missing column." in found
    assert any(
        p.startswith("Sheet “goals”, column “colour”: Unknown column") for p in found
    )


def test_unknown_sheet_is_named(strategy, tree, strategist, client_en):
    client = client_en(strategist)
    workbook = load(export(client, strategy))
    workbook.create_sheet("notes")
    (problem,) = refused(client, strategy, save(workbook))
    assert problem.startswith("Sheet “notes”: Unknown sheet")


def test_row_problems_name_sheet_row_and_column(strategy, tree, strategist, client_en):
    client = client_en(strategist)
    workbook = load(export(client, strategy))
    goals = workbook["goals"]
    vision_row = find_row(goals, "code", "V")
    set_cell(goals, vision_row, "kind", "dream")
    append(goals, parent_id=99999, kind="goal", title="Föräldralös")
    links = workbook["goal_indicators"]
    set_cell(links, 2, "target_year", 2035)
    observations = workbook["observations"]
    set_cell(observations, 2, "area_code", "SE-c99")
    append(
        observations,
        indicator_name="Gästnätter",
        year=2016,
        area_code="SE",
        value="many",
    )
    found = refused(client, strategy, save(workbook))
    assert any(
        p.startswith(f"Sheet “goals”, row {vision_row}, column “kind”: Unknown value")
        for p in found
    ), found
    assert (
        "Sheet “goals”, row 5, column “parent_id”: 99999 is neither a goal of this "
        "strategy nor an id in the file." in found
    )
    assert (
        "Sheet “goal_indicators”, row 2, column “target_year”: 2035 is outside the "
        "strategy's period 2011–2020." in found
    )
    assert any(
        p.startswith(
            "Sheet “observations”, row 2, column “area_code”: Unknown area code "
            "“SE-c99”"
        )
        for p in found
    )
    assert (
        "Sheet “observations”, row 3, column “value”: “many” is not a number." in found
    )


def test_a_cycle_is_refused(strategy, tree, strategist, client_en):
    client = client_en(strategist)
    workbook = load(export(client, strategy))
    goals = workbook["goals"]
    vision_row = find_row(goals, "code", "V")
    set_cell(goals, vision_row, "parent_id", tree["sub"].pk)
    found = refused(client, strategy, save(workbook))
    assert any(
        p.startswith(
            f"Sheet “goals”, row {vision_row}, column “parent_id”: The parent links "
            "make a cycle"
        )
        for p in found
    ), found


def test_an_id_of_another_strategy_is_refused(strategy, tree, strategist, client_en):
    elsewhere = GoalFactory(strategy=StrategyFactory(region=strategy.region))
    client = client_en(strategist)
    workbook = load(export(client, strategy))
    goals = workbook["goals"]
    set_cell(goals, 2, "id", elsewhere.pk)
    (problem,) = refused(client, strategy, save(workbook))
    assert problem.startswith("Sheet “goals”, row 2, column “id”:")
    assert "is not a goal of this strategy" in problem


def test_superseded_strategy_is_refused(strategy, tree, strategist, client_en):
    client = client_en(strategist)
    data = export(client, strategy)
    strategy.status = StrategyStatus.SUPERSEDED
    strategy.save()
    (problem,) = refused(client, strategy, data)
    assert "superseded version" in problem


# A failed confirmation changes nothing --------------------------------------------------


def test_failed_confirm_rolls_back_everything(
    strategy, tree, strategist, client_en, monkeypatch
):
    client = client_en(strategist)
    response = upload(client, strategy, edited_workbook(client, strategy, tree))
    assert response.context["preview"].has_changes

    def refuse(**kwargs):
        raise ValidationError("Statistikdatabasen är låst.")

    monkeypatch.setattr(services, "observations_write", refuse)
    counts = (
        Goal.objects.count(),
        Indicator.objects.count(),
        GoalIndicator.objects.count(),
        Observation.objects.count(),
        AuditEntry.objects.count(),
    )
    confirmed = confirm(client, strategy, response)
    assert confirmed.status_code == 200
    assert "Nothing was imported: Statistikdatabasen är låst." in problems(confirmed)
    assert (
        Goal.objects.count(),
        Indicator.objects.count(),
        GoalIndicator.objects.count(),
        Observation.objects.count(),
        AuditEntry.objects.count(),
    ) == counts
    tree["sub"].refresh_from_db()
    assert tree["sub"].title == "Fler gästnätter"
    assert tree["link"].targets.get(superseded_at__isnull=True).value == Decimal("1500")


def test_confirm_after_the_data_changed_shows_the_preview_again(
    strategy, tree, strategist, client_en
):
    client = client_en(strategist)
    response = upload(client, strategy, edited_workbook(client, strategy, tree))
    services.goal_update(goal=tree["sub"], by=None, data={"title": "Ändrad"})
    before = AuditEntry.objects.count()
    confirmed = confirm(client, strategy, response)
    assert confirmed.status_code == 200
    assert "The data changed after your preview" in confirmed.text
    assert AuditEntry.objects.count() == before
    # The new preview can be confirmed.
    confirm(client, strategy, confirmed)
    tree["sub"].refresh_from_db()
    assert tree["sub"].title == "Fler gästnätter året runt"


def test_confirm_with_another_files_checksum_is_refused(
    strategy, tree, strategist, client_en
):
    client = client_en(strategist)
    response = upload(client, strategy, edited_workbook(client, strategy, tree))
    before = AuditEntry.objects.count()
    confirmed = client.post(
        url("spreadsheet_import_confirm", strategy),
        {"token": response.context["token"], "sha256": "0" * 64},
        follow=True,
    )
    assert "no longer waiting for confirmation" in confirmed.text
    assert AuditEntry.objects.count() == before


# The reader on its own ----------------------------------------------------------------


def test_decimal_comma_and_spaces_are_read():
    assert cell_decimal("1 234,5") == Decimal("1234.5")
    assert cell_decimal(12) == Decimal("12")
    assert cell_decimal(None) is None


def test_importer_collects_every_problem(strategy, tree, client_en, strategist):
    workbook = load(export(client_en(strategist), strategy))
    goals = workbook["goals"]
    append(goals, kind="goal", title="")
    append(goals, kind="nope", title="Ok")
    importer = StrategyImport(strategy)
    with pytest.raises(SpreadsheetError) as caught:
        importer.prepare(save(workbook))
    assert caught.value.messages == [
        "Sheet “goals”, row 5, column “title”: Give the goal a title.",
        "Sheet “goals”, row 6, column “kind”: Unknown value “nope”; use one of "
        "vision, priority_area, goal, sub_goal.",
    ]


def test_strategist_of_other_region_gets_404(strategy, tree, other_region, client_en):
    stranger = staff_user(other_region, "strategist")
    response = client_en(stranger).get(url("spreadsheet_import", strategy))
    assert response.status_code == 404


def test_indicator_changes_are_previewed_and_applied(
    strategy, tree, strategist, client_en
):
    client = client_en(strategist)
    workbook = load(export(client, strategy))
    indicators = workbook["indicators"]
    set_cell(indicators, 2, "unit", "tusental")
    set_cell(indicators, 2, "higher_is_better", False)
    response = upload(client, strategy, save(workbook))
    sheet = next(
        s for s in response.context["preview"].sheets if s.name == "indicators"
    )
    (change,) = sheet.changed
    assert [(f.column, f.old, f.new) for f in change.fields] == [
        ("unit", "antal", "tusental"),
        ("higher_is_better", "yes", "no"),
    ]
    confirm(client, strategy, response)
    tree["indicator"].refresh_from_db()
    assert tree["indicator"].unit == "tusental"
    assert tree["indicator"].higher_is_better is False
    assert AuditEntry.objects.filter(
        action="strategy.indicator_update", actor=strategist
    ).exists()


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Ja", True),
        ("kyllä", True),
        ("TRUE", True),
        (1, True),
        ("nei", False),
        ("Ei", False),
        ("nej", False),
        ("0", False),
    ],
)
def test_yes_and_no_in_every_language(cell, expected):
    from samverka.strategy.spreadsheets import cell_bool

    assert cell_bool(cell) is expected


def test_other_words_are_not_yes_or_no():
    from samverka.strategy.spreadsheets import CellError, cell_bool

    with pytest.raises(CellError, match="not yes or no"):
        cell_bool("kanske")
