"""The inbox as an Excel workbook."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from samverka.accounts.tests.factories import UserFactory
from samverka.applications import services
from samverka.applications.choices import ApplicationStatus
from samverka.applications.tests.conftest import complete
from samverka.applications.tests.test_inbox import make_submitted
from samverka.core.testing import assert_access

pytestmark = pytest.mark.django_db


def export_url(region, query=""):
    url = reverse("applications:inbox_export", kwargs={"region_slug": region.slug})
    return f"{url}?{query}" if query else url


def open_workbook(response):
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    return openpyxl.load_workbook(io.BytesIO(response.content))


def rows(sheet):
    return [list(row) for row in sheet.iter_rows(min_row=2, values_only=True)]


@pytest.fixture
def two(call, officer):
    first = make_submitted(
        call, title="Alfa besöksnäring", amount_requested=123_456_78, officer=officer
    )
    second = make_submitted(
        call,
        title="Beta innovation",
        amount_requested=900_000_00,
        status=ApplicationStatus.IN_ASSESSMENT,
    )
    return first, second


def test_the_export_has_a_row_per_application_with_numbers_and_dates(
    region, two, officer, outsider
):
    first, _second = two
    result = assert_access(
        export_url(region, "sort=amount"),
        permitted=officer,
        no_role=UserFactory(),
        other_region=outsider,
        expect=200,
    )
    response = result.response
    today = timezone.localdate(timezone.now(), region.tzinfo).isoformat()
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f"applications-{region.slug}-{today}.xlsx" in disposition
    workbook = open_workbook(response)
    assert workbook.sheetnames == ["Applications", "Budget"]
    sheet = workbook["Applications"]
    header = [cell.value for cell in sheet[1]]
    assert header[:3] == ["Case number", "Title", "Applicant organisation"]
    data = rows(sheet)
    assert [row[1] for row in data] == ["Alfa besöksnäring", "Beta innovation"]
    row = data[0]
    assert row[0] == first.case_number
    assert row[2] == first.organisation.name
    amount_column = header.index("Amount applied for")
    assert row[amount_column] == pytest.approx(123456.78)
    assert isinstance(row[amount_column], (int, float, Decimal))
    amount_cell = sheet.cell(row=2, column=amount_column + 1)
    assert "SEK" in amount_cell.number_format
    assert row[header.index("Total cost")] == pytest.approx(246913.56)
    assert row[header.index("Status")] == "Submitted"
    assert row[header.index("Officer")] == "Olle Officersson"
    submitted = row[header.index("Last submitted")]
    assert isinstance(submitted, datetime.datetime)
    local = timezone.localtime(first.last_submitted_at, region.tzinfo)
    assert submitted.replace(second=0, microsecond=0) == local.replace(
        tzinfo=None, second=0, microsecond=0
    )
    assert row[header.index("Project start")].date() == datetime.date(2027, 1, 1)


def test_the_export_follows_the_filters(client_en, region, two, officer):
    response = client_en(officer).get(export_url(region, "status=in_assessment"))
    data = rows(open_workbook(response)["Applications"])
    assert [row[1] for row in data] == ["Beta innovation"]


def test_drafts_and_other_regions_are_not_exported(
    client_en, region, other_region, two, officer, draft
):
    from samverka.funding.tests.factories import CallFactory

    make_submitted(CallFactory(region=other_region), title="Sjællandsk projekt")
    response = client_en(officer).get(export_url(region))
    titles = [row[1] for row in rows(open_workbook(response)["Applications"])]
    assert sorted(titles) == ["Alfa besöksnäring", "Beta innovation"]


def test_a_title_that_looks_like_a_formula_stays_text(client_en, region, call, officer):
    make_submitted(call, title='=HYPERLINK("http://evil")')
    response = client_en(officer).get(export_url(region))
    sheet = open_workbook(response)["Applications"]
    assert sheet.cell(row=2, column=2).data_type == "s"
    assert sheet.cell(row=2, column=2).value == '=HYPERLINK("http://evil")'


def test_the_budget_sheet_reads_the_latest_submission(
    client_en, region, draft, applicant, officer
):
    complete(draft, applicant)
    services.application_submit(application=draft, by=applicant, key="one")
    services.completion_request(
        application=draft,
        by=officer,
        message="Justera.",
        deadline=timezone.localdate() + datetime.timedelta(days=5),
    )
    services.budget_set(
        application=draft,
        by=applicant,
        amounts={("staff", 2027): 700_000_00, ("travel", 2027): 300_000_00},
    )
    services.application_submit(application=draft, by=applicant, key="two")
    response = client_en(officer).get(export_url(region))
    sheet = open_workbook(response)["Budget"]
    data = rows(sheet)
    assert [(row[2], row[3], row[4], row[5]) for row in data] == [
        (2, "Staff", 2027, pytest.approx(700000)),
        (2, "Travel", 2027, pytest.approx(300000)),
    ]
    assert data[0][0] == draft.case.case_number
