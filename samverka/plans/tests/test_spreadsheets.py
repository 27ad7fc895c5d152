"""The action plan workbook: export, import preview, confirmation and refusals."""

import datetime
import io

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samverka.actors.tests.factories import OrganisationFactory
from samverka.core.models import AuditEntry
from samverka.core.testing import assert_access
from samverka.plans import services
from samverka.plans.models import Activity, ActivityGoal
from samverka.plans.tests.factories import ActionPlanFactory, ActivityFactory
from samverka.strategy.tests.factories import GoalFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.urls("samverka.plans.tests.urls_spreadsheets"),
]


@pytest.fixture
def plan(region, strategy):
    return ActionPlanFactory(region=region, strategy=strategy, title="Besöksnäring")


@pytest.fixture
def setup(plan, strategy):
    tourism = GoalFactory(strategy=strategy, code="1.2", title="Turism", order=0)
    travel = GoalFactory(strategy=strategy, code="2.1", title="Resor", order=1)
    hub = OrganisationFactory(region=plan.region, name="Mittuniversitetet")
    activity = ActivityFactory(
        action_plan=plan,
        code="A1",
        title="Destinationsutveckling",
        status="ongoing",
        start_date=datetime.date(2017, 1, 1),
        end_date=datetime.date(2019, 12, 31),
        estimated_budget=150_000_000,
        funding_types=["erdf", "own"],
        responsible=hub,
        translations={"en": {"title": "Destination development"}},
    )
    services.activity_goal_set(activity=activity, goal=tourism, by=None, weight=3)
    services.activity_goal_set(activity=activity, goal=travel, by=None, weight=2)
    return {"activity": activity, "tourism": tourism, "travel": travel, "hub": hub}


def url(name, plan):
    return reverse(f"plans:{name}", args=[plan.region.slug, plan.pk])


def export(client, plan):
    response = client.get(url("spreadsheet_export", plan))
    assert response.status_code == 200
    return response.content


def load(data):
    return openpyxl.load_workbook(io.BytesIO(data))


def save(workbook):
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def header(sheet):
    return [c.value for c in sheet[1]]


def set_cell(sheet, row, column, value):
    sheet.cell(row=row, column=header(sheet).index(column) + 1).value = value


def append(sheet, **values):
    sheet.append([values.get(name) for name in header(sheet)])


def upload(client, plan, data, name="plan.xlsx"):
    return client.post(
        url("spreadsheet_import", plan), {"file": SimpleUploadedFile(name, data)}
    )


def confirm(client, plan, response):
    return client.post(
        url("spreadsheet_import_confirm", plan),
        {"token": response.context["token"], "sha256": response.context["sha256"]},
    )


def test_export_access(plan, setup, officer, no_role_user, outsider):
    result = assert_access(
        url("spreadsheet_export", plan),
        permitted=officer,
        no_role=no_role_user,
        other_region=outsider,
        expect=200,
    )
    assert "attachment" in result.response["Content-Disposition"]


def test_export_contains_the_activities(plan, setup, officer, client_en):
    workbook = load(export(client_en(officer), plan))
    assert workbook.sheetnames == ["activities"]
    sheet = workbook["activities"]
    assert sheet["A1"].font.bold
    assert sheet.freeze_panes == "A2"
    (row,) = [
        dict(zip(header(sheet), values, strict=True))
        for values in sheet.iter_rows(min_row=2, values_only=True)
    ]
    assert row["id"] == setup["activity"].pk
    assert row["title_en"] == "Destination development"
    assert row["estimated_budget"] == 1_500_000
    assert row["funding_types"] == "erdf, own"
    assert row["responsible"] == "Mittuniversitetet"
    assert row["goals"] == "1.2:3; 2.1:2"
    assert row["start_date"].date() == datetime.date(2017, 1, 1)
    assert row["status"] == "ongoing"


def test_import_access(plan, setup, strategist, officer, no_role_user, outsider):
    result = assert_access(
        url("spreadsheet_import", plan),
        permitted=strategist,
        no_role=no_role_user,
        other_region=outsider,
        expect=200,
    )
    assert "Preview import" in result.response.text
    assert_access(
        url("spreadsheet_import_confirm", plan),
        method="post",
        data={"token": "x", "sha256": "y"},
        permitted=strategist,
        no_role=no_role_user,
        other_region=outsider,
        expect=302,
    )


def test_reading_staff_may_not_import(plan, setup, officer, client_en):
    client = client_en(officer)
    assert client.get(url("spreadsheet_import", plan)).status_code == 403
    response = client.post(
        url("spreadsheet_import", plan),
        {"file": SimpleUploadedFile("plan.xlsx", export(client, plan))},
    )
    assert response.status_code == 403


def test_round_trip_changes_nothing(plan, setup, strategist, client_en):
    client = client_en(strategist)
    response = upload(client, plan, export(client, plan))
    assert response.status_code == 200
    assert not response.context["preview"].has_changes
    assert "Nothing to change" in response.text


def edited(client, plan, setup):
    workbook = load(export(client, plan))
    sheet = workbook["activities"]
    set_cell(sheet, 2, "title", "Destinationsutveckling 2.0")
    set_cell(sheet, 2, "estimated_budget", "1 750 000,50")
    set_cell(sheet, 2, "goals", "2.1:1")
    append(
        sheet,
        code="A2",
        title="Cykelleder",
        status="planned",
        stage="idea",
        start_date=datetime.date(2018, 5, 1),
        estimated_budget=250000,
        funding_types="regional_growth",
        goals="2.1:3",
    )
    return save(workbook)


def test_preview_and_confirm(plan, setup, strategist, client_en):
    client = client_en(strategist)
    response = upload(client, plan, edited(client, plan, setup))
    assert response.status_code == 200, response.context.get("problems")
    (sheet,) = response.context["preview"].sheets
    assert [c.label for c in sheet.created] == ["A2 Cykelleder"]
    changes = {f.column: (f.old, f.new) for f in sheet.changed[0].fields}
    assert changes == {
        "title": ("Destinationsutveckling", "Destinationsutveckling 2.0"),
        "estimated_budget": ("1500000", "1750000.5"),
        "goals": ("1.2:3; 2.1:2", "2.1:1"),
    }
    assert Activity.objects.filter(action_plan=plan).count() == 1

    mark = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first()
    confirmed = confirm(client, plan, response)
    assert confirmed.status_code == 302
    activity = setup["activity"]
    activity.refresh_from_db()
    assert activity.title == "Destinationsutveckling 2.0"
    assert activity.estimated_budget == 175_000_050
    assert {(link.goal.code, link.weight) for link in activity.goal_links.all()} == {
        ("2.1", 1)
    }
    new = Activity.objects.get(action_plan=plan, code="A2")
    assert new.stage == "idea"
    assert new.estimated_budget == 25_000_000
    assert new.funding_types == ["regional_growth"]
    assert ActivityGoal.objects.get(activity=new).weight == 3
    actions = list(
        AuditEntry.objects.filter(id__gt=mark).values_list("action", flat=True)
    )
    assert {
        "plans.activity_create",
        "plans.activity_update",
        "plans.activity_goal_set",
        "plans.activity_goal_remove",
    } <= set(actions)
    assert all(
        e.actor_id == strategist.pk for e in AuditEntry.objects.filter(id__gt=mark)
    )
    # The same file again changes nothing.
    again = upload(client, plan, export(client, plan))
    assert not again.context["preview"].has_changes


def test_bad_rows_are_named(plan, setup, strategist, client_en):
    client = client_en(strategist)
    workbook = load(export(client, plan))
    sheet = workbook["activities"]
    set_cell(sheet, 2, "status", "cancelled")
    set_cell(sheet, 2, "goals", "9.9:2")
    set_cell(sheet, 2, "responsible", "Okänd AB")
    set_cell(sheet, 2, "estimated_budget", 10.005)
    set_cell(sheet, 2, "funding_types", "erdf, lottery")
    append(sheet, title="Ny", status="planned", end_date="31/12/2019")
    before = (Activity.objects.count(), AuditEntry.objects.count())
    response = upload(client, plan, save(workbook))
    found = response.context["problems"]
    assert any(
        p.startswith("Sheet “activities”, row 2, column “status”: Unknown value")
        for p in found
    )
    assert (
        "Sheet “activities”, row 2, column “goals”: No goal of the plan's strategy "
        "has the code “9.9”." in found
    )
    assert (
        "Sheet “activities”, row 2, column “responsible”: No organisation named "
        "“Okänd AB” in the region's actor registry." in found
    )
    assert any(
        p.startswith("Sheet “activities”, row 2, column “estimated_budget”:")
        for p in found
    )
    assert any(
        p.startswith("Sheet “activities”, row 2, column “funding_types”: Unknown")
        for p in found
    )
    assert any(
        p.startswith("Sheet “activities”, row 3, column “end_date”:") for p in found
    )
    assert (Activity.objects.count(), AuditEntry.objects.count()) == before


def test_missing_column_and_not_xlsx(plan, setup, strategist, client_en):
    client = client_en(strategist)
    workbook = load(export(client, plan))
    workbook["activities"].delete_cols(6)  # status
    response = upload(client, plan, save(workbook))
    assert response.context["problems"] == [
        "Sheet “activities”, column “status”: Missing column."
    ]
    response = upload(client, plan, b"%PDF-1.4", "plan.pdf")
    (problem,) = response.context["problems"]
    assert "not an Excel workbook" in problem


def test_end_before_start_is_refused_before_writing(plan, setup, strategist, client_en):
    client = client_en(strategist)
    workbook = load(export(client, plan))
    set_cell(workbook["activities"], 2, "end_date", datetime.date(2016, 1, 1))
    response = upload(client, plan, save(workbook))
    assert (
        "Sheet “activities”, row 2, column “end_date”: The end cannot be before the "
        "start." in response.context["problems"]
    )


def test_failed_confirm_changes_nothing(
    plan, setup, strategist, client_en, monkeypatch
):
    client = client_en(strategist)
    response = upload(client, plan, edited(client, plan, setup))
    assert response.context["preview"].has_changes

    def refuse(**kwargs):
        raise ValidationError("Målet är låst.")

    monkeypatch.setattr(services, "activity_goal_set", refuse)
    before = (
        Activity.objects.count(),
        ActivityGoal.objects.count(),
        AuditEntry.objects.count(),
    )
    confirmed = confirm(client, plan, response)
    assert confirmed.status_code == 200
    assert "Nothing was imported: Målet är låst." in confirmed.context["problems"]
    assert (
        Activity.objects.count(),
        ActivityGoal.objects.count(),
        AuditEntry.objects.count(),
    ) == before
    setup["activity"].refresh_from_db()
    assert setup["activity"].title == "Destinationsutveckling"


def test_plan_without_strategy_takes_no_goals(region, strategist, client_en):
    plan = ActionPlanFactory(region=region, strategy=None)
    ActivityFactory(action_plan=plan, title="Utan mål")
    client = client_en(strategist)
    workbook = load(export(client, plan))
    set_cell(workbook["activities"], 2, "goals", "1:2")
    response = upload(client, plan, save(workbook))
    assert (
        "Sheet “activities”, row 2, column “goals”: The plan serves no strategy, so "
        "it has no goals." in response.context["problems"]
    )
