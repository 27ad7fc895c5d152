"""The officer's inbox as an Excel workbook.

Sheet one has a row per application with the inbox's columns; sheet two the budget of
each application's latest submission by cost category and year. Money is written as
numbers in major units with a currency format, dates and times as real dates in the
region's time zone, so that the sheet sums and sorts in any spreadsheet program.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from samverka.applications.choices import CostCategory
from samverka.applications.models import Application
from samverka.applications.selectors import latest_submissions
from samverka.core.formatting import minor_to_major
from samverka.core.models import Region

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"


def money_format(currency: str) -> str:
    return f'#,##0.00 "{currency}"'


def _money(amount: int | None, currency: str) -> Any:
    if amount is None:
        return None
    return minor_to_major(int(amount), currency)


def _local(moment: datetime.datetime | None, region: Region) -> Any:
    """A naive date and time in the region's zone: Excel has no time zones."""
    if moment is None:
        return None
    return timezone.localtime(moment, region.tzinfo).replace(tzinfo=None)


def _sheet(
    workbook: Workbook,
    title: str,
    headers: Sequence[tuple[str, int]],
    rows: Iterable[Sequence[Any]],
    formats: dict[int, str],
) -> None:
    """A sheet with a bold, frozen header, set widths and per-column number formats.
    Text that starts with ``=`` stays text, never a formula."""
    sheet = workbook.create_sheet(title)
    sheet.append([header for header, _width in headers])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for index, (_header, width) in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for values in rows:
        sheet.append(list(values))
        for index, cell in enumerate(sheet[sheet.max_row]):
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"
            elif index in formats and cell.value is not None:
                cell.number_format = formats[index]
    sheet.auto_filter.ref = sheet.dimensions


def inbox_workbook(applications: Iterable[Application], *, region: Region) -> Workbook:
    """The applications (an `inbox_list` queryset) as a workbook of two sheets."""
    apps = list(applications)
    currency = region.currency
    workbook = Workbook()
    workbook.remove(workbook.active)
    headers = [
        (_("Case number"), 18),
        (_("Title"), 50),
        (_("Applicant organisation"), 40),
        (_("Organisation number"), 16),
        (_("Call"), 40),
        (_("Fund"), 30),
        (_("Amount applied for"), 18),
        (_("Total cost"), 18),
        (_("Municipalities"), 30),
        (_("Status"), 22),
        (_("Officer"), 24),
        (_("First submitted"), 18),
        (_("Last submitted"), 18),
        (_("Project start"), 14),
        (_("Project end"), 14),
    ]
    money = money_format(currency)
    rows = [
        (
            app.case_number,
            app.title,
            app.organisation.name,
            app.organisation.national_id,
            app.call.localised("title"),
            app.fund.localised("name") if app.fund else "",
            _money(app.amount_requested, currency),
            _money(app.total_cost, currency),
            ", ".join(m.name for m in app.municipalities.all()),
            app.get_status_display(),
            (app.officer.full_name or app.officer.email) if app.officer else "",
            _local(app.submitted_at, region),
            _local(app.last_submitted_at, region),
            app.start_date,
            app.end_date,
        )
        for app in apps
    ]
    _sheet(
        workbook,
        _("Applications"),
        headers,
        rows,
        {
            6: money,
            7: money,
            11: DATETIME_FORMAT,
            12: DATETIME_FORMAT,
            13: DATE_FORMAT,
            14: DATE_FORMAT,
        },
    )
    latest = latest_submissions([app.pk for app in apps])
    budget_rows: list[tuple[Any, ...]] = []
    for app in apps:
        submission = latest.get(app.pk)
        if submission is None:
            continue
        snapshot_currency = submission.snapshot.get("currency") or currency
        for line in submission.snapshot.get("budget", []):
            category = line.get("category", "")
            label = (
                str(CostCategory(category).label)
                if category in CostCategory.values
                else category
            )
            budget_rows.append(
                (
                    app.case_number,
                    app.title,
                    submission.number,
                    label,
                    line.get("year"),
                    _money(line.get("amount"), snapshot_currency),
                )
            )
    _sheet(
        workbook,
        _("Budget"),
        [
            (_("Case number"), 18),
            (_("Title"), 50),
            (_("Submission"), 12),
            (_("Cost category"), 30),
            (_("Year"), 8),
            (_("Amount"), 18),
        ],
        budget_rows,
        {5: money},
    )
    return workbook


def workbook_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_filename(region: Region, on: datetime.date | None = None) -> str:
    on = on or timezone.localdate(timezone.now(), region.tzinfo)
    return f"applications-{region.slug}-{on.isoformat()}.xlsx"
