"""Excel workbooks of a strategy: export, and import with a preview.

The first half of this module knows nothing about strategies: writing a sheet with a
bold, frozen header; reading sheets with their columns checked; parsing cells; the
preview of what an import would create and change; and keeping an uploaded file in
the session between the preview and the confirmation. The action plans' workbook
(`samverka.plans.spreadsheets`) uses it too.

The second half is the strategy's workbook (sheets ``goals``, ``indicators``,
``goal_indicators`` and ``observations``; docs/spreadsheets.md). An import reads and
checks the whole file before anything is written, and `StrategyImport.apply()` then
writes it through the services in one transaction: all of it, or nothing.
"""

from __future__ import annotations

import base64
import binascii
import copy
import datetime
import hashlib
import io
import json
import re
import secrets
from collections.abc import Iterable, Mapping, MutableMapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, ClassVar

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from samverka.accounts.models import User
from samverka.core import audit
from samverka.strategy import services
from samverka.strategy.choices import (
    GeographyLevel,
    GoalKind,
    IndicatorSource,
    Sex,
    StrategyStatus,
)
from samverka.strategy.models import (
    Goal,
    GoalIndicator,
    Indicator,
    Observation,
    SdgTarget,
    Strategy,
)

#: The largest workbook accepted, in bytes. The file waits in the session between
#: the preview and the confirmation, so it is kept modest.
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
#: The most data rows read from one sheet.
MAX_ROWS = 50_000
#: How many created or changed rows the preview lists per sheet; the rest are counted.
PREVIEW_ROWS = 200
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SESSION_KEY = "spreadsheet_imports"
YEAR_RANGE = (1900, 2200)

Columns = Sequence[tuple[str, int]]
SheetRows = list[tuple[int, dict[str, Any]]]


# Problems -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """Something wrong in the file, with where it is."""

    message: str
    sheet: str = ""
    row: int | None = None
    column: str = ""

    def __str__(self) -> str:
        where = {"sheet": self.sheet, "row": self.row, "column": self.column}
        if self.sheet and self.row is not None and self.column:
            text = _("Sheet “%(sheet)s”, row %(row)s, column “%(column)s”") % where
        elif self.sheet and self.row is not None:
            text = _("Sheet “%(sheet)s”, row %(row)s") % where
        elif self.sheet and self.column:
            text = _("Sheet “%(sheet)s”, column “%(column)s”") % where
        elif self.sheet:
            text = _("Sheet “%(sheet)s”") % where
        else:
            return self.message
        return f"{text}: {self.message}"


class SpreadsheetError(Exception):
    """The file cannot be imported; `problems` say why, each naming where."""

    def __init__(self, problems: Sequence[Problem | str]) -> None:
        self.problems = [p if isinstance(p, Problem) else Problem(p) for p in problems]
        super().__init__("; ".join(str(p) for p in self.problems))

    @property
    def messages(self) -> list[str]:
        return [str(p) for p in self.problems]


class CellError(ValueError):
    """A cell's value cannot be read as what its column holds."""


# Reading cells ------------------------------------------------------------------------


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def cell_text(value: Any) -> str:
    """A cell as text: numbers without a spurious ``.0``, dates as ISO dates."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time(0):
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip()


def cell_int(value: Any) -> int | None:
    """A whole number, or None for an empty cell."""
    if _blank(value):
        return None
    if isinstance(value, bool):
        raise CellError(_("“%(value)s” is not a whole number.") % {"value": value})
    if isinstance(value, int):
        return value
    if isinstance(value, float | Decimal):
        if value == int(value):
            return int(value)
        raise CellError(_("“%(value)s” is not a whole number.") % {"value": value})
    text = cell_text(value).replace("\u00a0", "").replace(" ", "")
    if re.fullmatch(r"[-−]?\d+", text):
        return int(text.replace("−", "-"))
    raise CellError(_("“%(value)s” is not a whole number.") % {"value": value})


def cell_decimal(value: Any) -> Decimal | None:
    """A number (a decimal comma is fine in text cells), or None for an empty cell."""
    if _blank(value):
        return None
    if isinstance(value, bool):
        raise CellError(_("“%(value)s” is not a number.") % {"value": value})
    if isinstance(value, int | float | Decimal):
        number = Decimal(str(value))
    else:
        text = cell_text(value).replace("\u00a0", "").replace(" ", "")
        text = text.replace("−", "-")
        if "," in text and "." not in text:
            text = text.replace(",", ".")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise CellError(
                _("“%(value)s” is not a number.") % {"value": value}
            ) from None
    if not number.is_finite():
        raise CellError(_("“%(value)s” is not a number.") % {"value": value})
    return number


# English, Swedish, Danish, Norwegian and Finnish words, as Excel writes them too.
_TRUE = {"true", "yes", "y", "1", "ja", "j", "x", "sant", "sand", "kyllä", "k", "tosi"}
_FALSE = {
    "false",
    "no",
    "n",
    "0",
    "nej",
    "nei",
    "falskt",
    "falsk",
    "usant",
    "ei",
    "epätosi",
}


def cell_bool(value: Any) -> bool:
    """Yes or no: TRUE/FALSE, yes/no, ja/nej/nei, kyllä/ei, 1/0."""
    if isinstance(value, bool):
        return value
    text = cell_text(value).lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise CellError(_("“%(value)s” is not yes or no.") % {"value": cell_text(value)})


def cell_date(value: Any) -> datetime.date | None:
    """A date cell or an ISO date (2025-03-31), or None for an empty cell."""
    if _blank(value):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(cell_text(value))
    except ValueError:
        raise CellError(
            _("“%(value)s” is not a date (write it as 2025-03-31).")
            % {"value": cell_text(value)}
        ) from None


def cell_choice(value: Any, choices: Iterable[str], *, blank: bool = False) -> str:
    """One of the codes `choices`; an empty cell only if `blank`."""
    text = cell_text(value)
    allowed = [str(c) for c in choices]
    if text in allowed and (text or blank):
        return text
    if not text and blank:
        return ""
    shown = ", ".join(c for c in allowed if c)
    if not text:
        raise CellError(_("Give one of %(choices)s.") % {"choices": shown})
    raise CellError(
        _("Unknown value “%(value)s”; use one of %(choices)s.")
        % {"value": text, "choices": shown}
    )


def cell_year(value: Any, *, required: bool = True) -> int | None:
    year = cell_int(value)
    if year is None:
        if required:
            raise CellError(_("Give the year."))
        return None
    if not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
        raise CellError(
            _("%(year)s is not a year between %(first)s and %(last)s.")
            % {"year": year, "first": YEAR_RANGE[0], "last": YEAR_RANGE[1]}
        )
    return year


def split_list(value: Any) -> list[str]:
    """A comma (or semicolon) separated list, without blanks."""
    return [
        part.strip() for part in re.split(r"[,;]", cell_text(value)) if part.strip()
    ]


def show(value: Any) -> str:
    """A value as the preview shows it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def same_number(old: Any, new: Any) -> bool:
    if old is None or new is None:
        return old is None and new is None
    return Decimal(old) == Decimal(new)


# Writing workbooks --------------------------------------------------------------------


def new_workbook() -> Workbook:
    workbook = Workbook()
    workbook.remove(workbook.active)
    return workbook


def add_sheet(
    workbook: Workbook, title: str, columns: Columns, rows: Iterable[Sequence[Any]]
) -> None:
    """A sheet with a bold, frozen header row and set column widths.

    Numbers are written as numbers. Text that begins with ``=`` stays text, so that a
    title can never turn into a formula in someone's spreadsheet program.
    """
    sheet = workbook.create_sheet(title)
    sheet.append([name for name, _width in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for index, (_name, width) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for values in rows:
        sheet.append(list(values))
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"


def workbook_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def open_workbook(data: bytes) -> Any:
    """Open an uploaded .xlsx file, or refuse it with a message that says so."""
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds for a bad file
        raise SpreadsheetError(
            [
                _(
                    "The file is not an Excel workbook (.xlsx). Save it from your "
                    "spreadsheet program as an Excel workbook and upload it again."
                )
            ]
        ) from None


class SpreadsheetUploadForm(forms.Form):
    """The upload: one .xlsx file of at most `MAX_UPLOAD_BYTES`."""

    file = forms.FileField(
        label=gettext_lazy("Excel workbook (.xlsx)"),
        help_text=gettext_lazy(
            "A workbook with the same sheets and columns as the export. Nothing is "
            "changed until you have seen the preview and confirmed it."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx," + XLSX_CONTENT_TYPE}),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(
                _("The file is larger than %(size)s MB.")
                % {"size": MAX_UPLOAD_BYTES // (1024 * 1024)}
            )
        return upload


# The preview --------------------------------------------------------------------------


@dataclass
class FieldChange:
    column: str
    old: str
    new: str


@dataclass
class RowChange:
    """One row that will be created or changed, with its fields."""

    label: str
    row: int | None = None
    fields: list[FieldChange] = field(default_factory=list)


@dataclass
class SheetPreview:
    name: str
    created: list[RowChange] = field(default_factory=list)
    changed: list[RowChange] = field(default_factory=list)
    unchanged: int = 0
    not_in_file: int = 0

    @property
    def has_changes(self) -> bool:
        return bool(self.created or self.changed)

    @property
    def created_shown(self) -> list[RowChange]:
        return self.created[:PREVIEW_ROWS]

    @property
    def changed_shown(self) -> list[RowChange]:
        return self.changed[:PREVIEW_ROWS]

    @property
    def created_more(self) -> int:
        return max(0, len(self.created) - PREVIEW_ROWS)

    @property
    def changed_more(self) -> int:
        return max(0, len(self.changed) - PREVIEW_ROWS)


@dataclass
class Preview:
    sheets: list[SheetPreview]

    @property
    def has_changes(self) -> bool:
        return any(sheet.has_changes for sheet in self.sheets)

    def counts(self) -> dict[str, dict[str, int]]:
        return {
            sheet.name: {
                "created": len(sheet.created),
                "changed": len(sheet.changed),
                "unchanged": sheet.unchanged,
            }
            for sheet in self.sheets
        }

    def fingerprint(self) -> str:
        """A digest of everything the preview shows, to tell at the confirmation
        whether the data changed in between."""
        content = [
            [
                sheet.name,
                [[r.label, [[f.column, f.old, f.new] for f in r.fields]] for r in rows],
            ]
            for sheet in self.sheets
            for rows in (sheet.created, sheet.changed)
        ]
        return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()


def english(translations: Mapping[str, Any] | None, name: str) -> str:
    return str(((translations or {}).get("en") or {}).get(name) or "")


def with_english(
    translations: Mapping[str, Any] | None, values: Mapping[str, str]
) -> dict[str, Any]:
    """`translations` with the English texts `values` set (an empty text removes one)."""
    result: dict[str, Any] = copy.deepcopy(dict(translations or {}))
    en = dict(result.get("en") or {})
    for name, text in values.items():
        if text:
            en[name] = text
        else:
            en.pop(name, None)
    if en:
        result["en"] = en
    else:
        result.pop("en", None)
    return result


# Import: the common part --------------------------------------------------------------


class WorkbookImport:
    """Reads a workbook, checks all of it and builds a preview; `apply()` writes it.

    Subclasses name their sheets and columns in `sheets`, check the rows in
    `validate()` (calling `problem()` for everything wrong, so that one upload reports
    every problem at once) and write in `write()`.
    """

    #: Sheet name → its columns with their widths, in the export's order.
    sheets: ClassVar[dict[str, Columns]] = {}
    #: The audit action of the extra entry for the whole import, or "" for none.
    audit_action: ClassVar[str] = ""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.preview: Preview | None = None

    def problem(
        self, message: str, sheet: str = "", row: int | None = None, column: str = ""
    ) -> None:
        self.problems.append(Problem(message, sheet, row, column))

    def model_problems(
        self,
        exc: ValidationError,
        sheet: str,
        row: int,
        columns: Mapping[str, str] | None = None,
    ) -> None:
        """Report a model's `full_clean()` errors against the row's columns."""
        columns = columns or {}
        if hasattr(exc, "error_dict"):
            for name, errors in exc.message_dict.items():
                column = "" if name == "__all__" else columns.get(name, name)
                for message in errors:
                    self.problem(message, sheet, row, column)
        else:
            for message in exc.messages:
                self.problem(message, sheet, row)

    def read(self, data: bytes) -> dict[str, SheetRows]:
        """Each known sheet's data rows by Excel row number, keyed by column name.

        Unknown sheets, unknown or missing columns and repeated column names are
        problems. A sheet left out of the file changes nothing of its kind.
        """
        workbook = open_workbook(data)
        found: dict[str, SheetRows] = {}
        try:
            for name in workbook.sheetnames:
                if name not in self.sheets:
                    self.problem(
                        _("Unknown sheet; the sheets are %(names)s.")
                        % {"names": ", ".join(self.sheets)},
                        name,
                    )
                    continue
                found[name] = self._read_sheet(name, workbook[name])
        finally:
            workbook.close()
        if not found and not self.problems:
            self.problem(
                _("The workbook has none of the sheets %(names)s.")
                % {"names": ", ".join(self.sheets)}
            )
        return found

    def _read_sheet(self, name: str, sheet: Any) -> SheetRows:
        known = [column for column, _width in self.sheets[name]]
        values = sheet.iter_rows(values_only=True)
        header = [cell_text(cell) for cell in (next(values, None) or ())]
        positions: dict[str, int] = {}
        before = len(self.problems)
        for index, column in enumerate(header):
            if not column:
                continue
            if column not in known:
                self.problem(
                    _("Unknown column; the columns are %(columns)s.")
                    % {"columns": ", ".join(known)},
                    name,
                    column=column,
                )
            elif column in positions:
                self.problem(_("The column appears twice."), name, column=column)
            else:
                positions[column] = index
        for column in known:
            if column not in positions:
                self.problem(_("Missing column."), name, column=column)
        if len(self.problems) > before:
            return []
        rows: SheetRows = []
        for number, cells in enumerate(values, start=2):
            if all(_blank(cell) for cell in cells):
                continue
            if len(rows) >= MAX_ROWS:
                self.problem(
                    _("More than %(count)s rows; split the file.")
                    % {"count": MAX_ROWS},
                    name,
                    number,
                )
                break
            rows.append(
                (
                    number,
                    {
                        column: cells[index] if index < len(cells) else None
                        for column, index in positions.items()
                    },
                )
            )
        return rows

    def prepare(self, data: bytes) -> Preview:
        """Read and check everything, writing nothing; raise `SpreadsheetError` with
        all the problems, or return the preview."""
        rows = self.read(data)
        if not self.problems:
            self.validate(rows)
        if self.problems:
            raise SpreadsheetError(self.problems)
        self.preview = self.build_preview()
        return self.preview

    def apply(
        self, *, by: User | None, filename: str = "", sha256: str = ""
    ) -> Preview:
        """Write what `prepare()` found, in one transaction, through the services.

        Any refusal (ValidationError, PermissionDenied, a database error) rolls back
        everything this import wrote and is raised again.
        """
        if self.preview is None:
            raise RuntimeError("prepare() the import before applying it")
        with transaction.atomic():
            self.write(by)
            if self.audit_action and self.preview.has_changes:
                audit.log(
                    self.audit_object(),
                    self.audit_action,
                    by=by,
                    changes={
                        "file": (None, filename),
                        "sha256": (None, sha256),
                        **{
                            sheet: (None, counts)
                            for sheet, counts in self.preview.counts().items()
                        },
                    },
                )
        return self.preview

    # For subclasses.

    def validate(self, rows: dict[str, SheetRows]) -> None:
        raise NotImplementedError

    def build_preview(self) -> Preview:
        raise NotImplementedError

    def write(self, by: User | None) -> None:
        raise NotImplementedError

    def audit_object(self) -> Any:
        raise NotImplementedError


# Keeping the upload between preview and confirmation ----------------------------------


@dataclass(frozen=True)
class PendingUpload:
    token: str
    sha256: str
    filename: str
    fingerprint: str
    data: bytes


def stash_upload(
    session: MutableMapping[str, Any],
    *,
    scope: str,
    data: bytes,
    filename: str,
    fingerprint: str,
) -> PendingUpload:
    """Keep the previewed file in the session under a new random token.

    One pending file per scope (a strategy, a plan): a new upload replaces the last.
    The confirmation names the token and the file's sha256, so what is written is
    exactly the file that was previewed.
    """
    pending = PendingUpload(
        token=secrets.token_urlsafe(24),
        sha256=hashlib.sha256(data).hexdigest(),
        filename=filename[:200],
        fingerprint=fingerprint,
        data=data,
    )
    stored = dict(session.get(SESSION_KEY) or {})
    stored[scope] = {
        "token": pending.token,
        "sha256": pending.sha256,
        "filename": pending.filename,
        "fingerprint": pending.fingerprint,
        "data": base64.b64encode(data).decode("ascii"),
    }
    session[SESSION_KEY] = stored
    return pending


def find_upload(
    session: Mapping[str, Any], *, scope: str, token: str, sha256: str
) -> PendingUpload | None:
    """The file stashed for `scope` if `token` and `sha256` name it, else None."""
    entry = (session.get(SESSION_KEY) or {}).get(scope)
    if not entry or not token or not sha256:
        return None
    if not secrets.compare_digest(str(entry.get("token", "")), token):
        return None
    try:
        data = base64.b64decode(entry["data"], validate=True)
    except (binascii.Error, KeyError, TypeError):
        return None
    digest = hashlib.sha256(data).hexdigest()
    if digest != entry.get("sha256") or not secrets.compare_digest(digest, sha256):
        return None
    return PendingUpload(
        token=token,
        sha256=digest,
        filename=str(entry.get("filename", "")),
        fingerprint=str(entry.get("fingerprint", "")),
        data=data,
    )


def drop_upload(session: MutableMapping[str, Any], *, scope: str) -> None:
    stored = dict(session.get(SESSION_KEY) or {})
    if stored.pop(scope, None) is not None:
        session[SESSION_KEY] = stored


# The strategy's workbook --------------------------------------------------------------

GOALS = "goals"
INDICATORS = "indicators"
GOAL_INDICATORS = "goal_indicators"
OBSERVATIONS = "observations"

GOAL_COLUMNS: Columns = (
    ("id", 8),
    ("parent_id", 10),
    ("code", 10),
    ("kind", 14),
    ("title", 50),
    ("description", 60),
    ("title_en", 50),
    ("description_en", 60),
    ("order", 8),
    ("sdg_targets", 20),
)
INDICATOR_COLUMNS: Columns = (
    ("id", 8),
    ("name", 45),
    ("unit", 16),
    ("decimals", 10),
    ("higher_is_better", 16),
    ("source", 10),
    ("source_table", 20),
    ("geography_level", 16),
)
GOAL_INDICATOR_COLUMNS: Columns = (
    ("goal_id", 10),
    ("indicator_name", 45),
    ("baseline_value", 15),
    ("baseline_year", 14),
    ("target_year", 12),
    ("target_value", 14),
)
OBSERVATION_COLUMNS: Columns = (
    ("indicator_name", 45),
    ("year", 8),
    ("period", 10),
    ("area_code", 12),
    ("sex", 8),
    ("age_group", 12),
    ("value", 14),
)


def _number(value: Decimal | None) -> Decimal | int | None:
    """A stored decimal as the cell's number: whole numbers as integers."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return value.normalize()


def strategy_indicators(strategy: Strategy) -> list[Indicator]:
    """The indicators that measure the strategy's goals."""
    return list(
        Indicator.objects.filter(goal_links__goal__strategy=strategy)
        .distinct()
        .order_by("name")
    )


def strategy_workbook(strategy: Strategy) -> Workbook:
    """The strategy's goal tree, its indicators with baselines and targets, and their
    observations, as one workbook."""
    workbook = new_workbook()
    goals = list(strategy.goals.prefetch_related("sdg_targets").order_by("order", "pk"))
    by_parent: dict[int | None, list[Goal]] = {}
    for goal in goals:
        by_parent.setdefault(goal.parent_id, []).append(goal)
    tree: list[Goal] = []
    known = {goal.pk for goal in goals}

    def walk(parent_id: int | None) -> None:
        for goal in by_parent.get(parent_id, []):
            tree.append(goal)
            walk(goal.pk)

    walk(None)
    # Goals whose parent is missing (never in valid data) still get a row.
    tree += [g for g in goals if g.parent_id is not None and g.parent_id not in known]
    add_sheet(
        workbook,
        GOALS,
        GOAL_COLUMNS,
        (
            (
                goal.pk,
                goal.parent_id,
                goal.code,
                goal.kind,
                goal.title,
                goal.description,
                english(goal.translations, "title"),
                english(goal.translations, "description"),
                goal.order,
                ", ".join(t.code for t in goal.sdg_targets.all()),
            )
            for goal in tree
        ),
    )
    indicators = strategy_indicators(strategy)
    add_sheet(
        workbook,
        INDICATORS,
        INDICATOR_COLUMNS,
        (
            (
                i.pk,
                i.name,
                i.unit,
                i.decimals,
                i.higher_is_better,
                i.source,
                i.source_table,
                i.geography_level,
            )
            for i in indicators
        ),
    )
    position = {goal.pk: index for index, goal in enumerate(tree)}
    links = sorted(
        GoalIndicator.objects.filter(goal__strategy=strategy)
        .select_related("indicator")
        .prefetch_related("targets"),
        key=lambda link: (position.get(link.goal_id, 0), link.order, link.pk),
    )
    link_rows: list[tuple[Any, ...]] = []
    for link in links:
        base = (
            link.goal_id,
            link.indicator.name,
            _number(link.baseline_value),
            link.baseline_year,
        )
        targets = sorted(
            (t for t in link.targets.all() if t.superseded_at is None),
            key=lambda t: t.year,
        )
        if not targets:
            link_rows.append((*base, None, None))
        link_rows += [(*base, t.year, _number(t.value)) for t in targets]
    add_sheet(workbook, GOAL_INDICATORS, GOAL_INDICATOR_COLUMNS, link_rows)
    observations = (
        Observation.objects.filter(indicator__in=indicators)
        .select_related("indicator")
        .order_by("indicator__name", "area_code", "sex", "age_group", "year", "period")
    )
    add_sheet(
        workbook,
        OBSERVATIONS,
        OBSERVATION_COLUMNS,
        (
            (
                o.indicator.name,
                o.year,
                o.period,
                o.area_code,
                o.sex,
                o.age_group,
                _number(o.value),
            )
            for o in observations.iterator(chunk_size=2000)
        ),
    )
    return workbook


# The strategy's import ----------------------------------------------------------------

_AREA_CODE = re.compile(r"^([A-Z]{2})(?:-([cm])([0-9A-Za-z]+))?$")


@dataclass
class GoalRow:
    row: int
    key: str
    goal: Goal | None
    parent_key: str | None
    values: dict[str, Any]
    order: int | None
    sdg_targets: list[SdgTarget]
    changes: dict[str, Any] = field(default_factory=dict)
    shown: list[FieldChange] = field(default_factory=list)


@dataclass
class IndicatorRow:
    row: int
    indicator: Indicator | None
    values: dict[str, Any]
    changes: dict[str, Any] = field(default_factory=dict)
    shown: list[FieldChange] = field(default_factory=list)

    @property
    def name(self) -> str:
        return str(self.values["name"])


@dataclass
class LinkRow:
    row: int
    goal_key: str
    indicator_name: str
    baseline_value: Decimal | None
    baseline_year: int | None
    targets: dict[int, Decimal] = field(default_factory=dict)
    link: GoalIndicator | None = None
    baseline_changed: bool = False
    target_changes: dict[int, Decimal] = field(default_factory=dict)
    shown: list[FieldChange] = field(default_factory=list)


@dataclass
class ObservationChange:
    indicator_name: str
    row: services.ObservationRow
    old: Decimal | None
    line: int
    area_code: str


class StrategyImport(WorkbookImport):
    """A strategy workbook to import into `strategy` (docs/spreadsheets.md)."""

    sheets = {
        GOALS: GOAL_COLUMNS,
        INDICATORS: INDICATOR_COLUMNS,
        GOAL_INDICATORS: GOAL_INDICATOR_COLUMNS,
        OBSERVATIONS: OBSERVATION_COLUMNS,
    }
    audit_action = "strategy.spreadsheet_import"

    def __init__(self, strategy: Strategy) -> None:
        super().__init__()
        self.strategy = strategy
        self.goals: dict[str, Goal] = {
            str(goal.pk): goal
            for goal in strategy.goals.prefetch_related("sdg_targets").order_by(
                "order", "pk"
            )
        }
        self.goal_rows: list[GoalRow] = []
        self.indicator_rows: list[IndicatorRow] = []
        self.link_rows: list[LinkRow] = []
        self.observation_changes: list[ObservationChange] = []
        self.observation_unchanged = 0
        self.resequence: dict[str | None, list[str]] = {}
        self.region_indicators: dict[int, Indicator] = {}
        self.names: dict[str, Indicator | IndicatorRow] = {}
        self.present: set[str] = set()

    def audit_object(self) -> Any:
        return self.strategy

    def validate(self, rows: dict[str, SheetRows]) -> None:
        if self.strategy.status == StrategyStatus.SUPERSEDED:
            self.problem(
                _(
                    "A superseded version is kept as it was; import into the current "
                    "version instead."
                )
            )
            return
        self.present = set(rows)
        self.region_indicators = (
            {i.pk: i for i in Indicator.objects.filter(region=self.strategy.region)}
            if self.strategy.region_id
            else {}
        )
        self._validate_goals(rows.get(GOALS, []))
        self._validate_indicators(rows.get(INDICATORS, []))
        self._validate_links(rows.get(GOAL_INDICATORS, []))
        self._validate_observations(rows.get(OBSERVATIONS, []))

    # Goals.

    def goal_label(self, key: str | None) -> str:
        if key is None:
            return _("(top level)")
        for goal_row in self.goal_rows:
            if goal_row.key == key:
                values = goal_row.values
                return f"{values['code']} {values['title']}".strip()
        goal = self.goals.get(key)
        return str(goal) if goal is not None else key

    def _validate_goals(self, rows: SheetRows) -> None:
        sheet = GOALS
        keys: set[str] = set()
        targets = {t.code: t for t in SdgTarget.objects.all()}
        for line, cells in rows:
            before = len(self.problems)
            key = cell_text(cells["id"])
            goal: Goal | None = None
            if not key:
                key = f"#row{line}"
            elif key.isdigit():
                goal = self.goals.get(key)
                if goal is None:
                    self.problem(
                        _(
                            "%(id)s is not a goal of this strategy; leave the id empty "
                            "for a new goal."
                        )
                        % {"id": key},
                        sheet,
                        line,
                        "id",
                    )
            if key in keys:
                self.problem(
                    _("The id %(id)s appears more than once.") % {"id": key},
                    sheet,
                    line,
                    "id",
                )
            keys.add(key)
            values: dict[str, Any] = {}
            for column, parse in (
                ("kind", lambda v: cell_choice(v, GoalKind.values)),
                ("order", cell_int),
            ):
                try:
                    values[column] = parse(cells[column])
                except CellError as exc:
                    self.problem(str(exc), sheet, line, column)
            for column in (
                "code",
                "title",
                "description",
                "title_en",
                "description_en",
            ):
                values[column] = cell_text(cells[column])
            if not values["title"]:
                self.problem(_("Give the goal a title."), sheet, line, "title")
            if values.get("order") is not None and values["order"] < 0:
                self.problem(_("The order cannot be negative."), sheet, line, "order")
            sdg: list[SdgTarget] = []
            for code in split_list(cells["sdg_targets"]):
                if code in targets:
                    sdg.append(targets[code])
                else:
                    self.problem(
                        _("Unknown SDG target “%(code)s”.") % {"code": code},
                        sheet,
                        line,
                        "sdg_targets",
                    )
            parent = cell_text(cells["parent_id"]) or None
            if len(self.problems) == before:
                self._check_goal_model(line, goal, values)
            self.goal_rows.append(
                GoalRow(
                    row=line,
                    key=key,
                    goal=goal,
                    parent_key=parent,
                    values=values,
                    order=values.get("order"),
                    sdg_targets=sdg,
                )
            )
        for goal_row in self.goal_rows:
            parent = goal_row.parent_key
            if parent is not None and parent not in self.goals and parent not in keys:
                self.problem(
                    _(
                        "%(id)s is neither a goal of this strategy nor an id in the "
                        "file."
                    )
                    % {"id": parent},
                    sheet,
                    goal_row.row,
                    "parent_id",
                )
        if not self.problems:
            self._check_cycles()
        if not self.problems:
            self._goal_changes()

    def _check_goal_model(
        self, line: int, goal: Goal | None, values: dict[str, Any]
    ) -> None:
        candidate = (
            copy.copy(goal) if goal is not None else Goal(strategy=self.strategy)
        )
        for name in ("kind", "code", "title", "description"):
            setattr(candidate, name, values[name])
        candidate.translations = with_english(
            candidate.translations,
            {"title": values["title_en"], "description": values["description_en"]},
        )
        candidate.parent = None
        try:
            candidate.full_clean(
                exclude=["parent", "copied_from", "strategy"],
                validate_unique=False,
                validate_constraints=False,
            )
        except ValidationError as exc:
            self.model_problems(exc, GOALS, line, {"translations": "title_en"})

    def final_parents(self) -> dict[str, str | None]:
        parents: dict[str, str | None] = {
            key: str(goal.parent_id) if goal.parent_id else None
            for key, goal in self.goals.items()
        }
        for goal_row in self.goal_rows:
            parents[goal_row.key] = goal_row.parent_key
        return parents

    def _check_cycles(self) -> None:
        parents = self.final_parents()
        for goal_row in self.goal_rows:
            seen = {goal_row.key}
            node = parents.get(goal_row.key)
            while node is not None:
                if node in seen:
                    self.problem(
                        _(
                            "The parent links make a cycle: “%(goal)s” would end up "
                            "under itself."
                        )
                        % {"goal": self.goal_label(goal_row.key)},
                        GOALS,
                        goal_row.row,
                        "parent_id",
                    )
                    break
                seen.add(node)
                node = parents.get(node)

    def depth(self, key: str, parents: Mapping[str, str | None]) -> int:
        depth, node = 0, parents.get(key)
        while node is not None:
            depth, node = depth + 1, parents.get(node)
        return depth

    def _goal_changes(self) -> None:
        for goal_row in self.goal_rows:
            values, goal = goal_row.values, goal_row.goal
            if goal is None:
                continue
            for name in ("kind", "code", "title", "description"):
                if getattr(goal, name) != values[name]:
                    goal_row.changes[name] = values[name]
                    goal_row.shown.append(
                        FieldChange(name, show(getattr(goal, name)), values[name])
                    )
            english_values = {
                "title": values["title_en"],
                "description": values["description_en"],
            }
            for name, text in english_values.items():
                old = english(goal.translations, name)
                if old != text:
                    goal_row.changes["translations"] = with_english(
                        goal.translations, english_values
                    )
                    goal_row.shown.append(FieldChange(f"{name}_en", old, text))
            old_parent = str(goal.parent_id) if goal.parent_id else None
            if old_parent != goal_row.parent_key:
                goal_row.changes["parent"] = goal_row.parent_key
                goal_row.shown.append(
                    FieldChange(
                        "parent_id",
                        self.goal_label(old_parent),
                        self.goal_label(goal_row.parent_key),
                    )
                )
            old_targets = sorted(t.code for t in goal.sdg_targets.all())
            new_targets = sorted(t.code for t in goal_row.sdg_targets)
            if old_targets != new_targets:
                goal_row.changes["sdg_targets"] = goal_row.sdg_targets
                goal_row.shown.append(
                    FieldChange(
                        "sdg_targets", ", ".join(old_targets), ", ".join(new_targets)
                    )
                )
        self._order_changes()

    def _order_changes(self) -> None:
        """Which sibling groups must be put in a new order.

        The order column is read as a sequence among siblings, not as stored
        numbers: 10, 20, 30 for goals stored as 0, 1, 2 changes nothing, so that
        importing the same file twice changes nothing the second time.
        """
        parents = self.final_parents()
        rows = {goal_row.key: goal_row for goal_row in self.goal_rows}
        groups: dict[str | None, list[str]] = {}
        for key, parent in parents.items():
            groups.setdefault(parent, []).append(key)
        for parent, members in groups.items():
            if not any(key in rows for key in members):
                continue

            def wanted(key: str) -> tuple[int, int, int]:
                goal_row, goal = rows.get(key), self.goals.get(key)
                if goal_row is not None and goal_row.order is not None:
                    order = goal_row.order
                elif goal is not None:
                    order = goal.order
                else:
                    order = 1_000_000
                return (
                    order,
                    0 if goal else 1,
                    goal.pk if goal else (goal_row.row if goal_row else 0),
                )

            desired = sorted(members, key=wanted)
            existing = [key for key in desired if key in self.goals]
            current = sorted(existing, key=lambda k: (self.goals[k].order, int(k)))
            moved_in = [
                key
                for key in existing
                if rows.get(key) and "parent" in rows[key].changes
            ]
            if existing == current and not moved_in:
                continue
            self.resequence[parent] = desired
            for index, key in enumerate(existing):
                goal_row = rows.get(key)
                if (
                    goal_row is not None
                    and goal_row.order is not None
                    and current.index(key) != index
                    and "parent" not in goal_row.changes
                ):
                    goal_row.changes["order"] = goal_row.order
                    goal_row.shown.append(
                        FieldChange(
                            "order", show(self.goals[key].order), show(goal_row.order)
                        )
                    )

    # Indicators.

    def _validate_indicators(self, rows: SheetRows) -> None:
        sheet = INDICATORS
        seen_ids: set[int] = set()
        for line, cells in rows:
            before = len(self.problems)
            indicator: Indicator | None = None
            try:
                pk = cell_int(cells["id"])
            except CellError as exc:
                self.problem(str(exc), sheet, line, "id")
                continue
            if pk is not None:
                indicator = self.region_indicators.get(pk)
                if indicator is None:
                    self.problem(
                        _(
                            "%(id)s is not an indicator of this region; leave the id "
                            "empty for a new indicator."
                        )
                        % {"id": pk},
                        sheet,
                        line,
                        "id",
                    )
                elif pk in seen_ids:
                    self.problem(
                        _("The id %(id)s appears more than once.") % {"id": pk},
                        sheet,
                        line,
                        "id",
                    )
                seen_ids.add(pk)
            values: dict[str, Any] = {
                "name": cell_text(cells["name"]),
                "unit": cell_text(cells["unit"]),
                "source_table": cell_text(cells["source_table"]),
            }
            if not values["name"]:
                self.problem(_("Give the indicator a name."), sheet, line, "name")
            if not values["unit"]:
                self.problem(_("Give the unit."), sheet, line, "unit")
            for column, parse in (
                ("decimals", cell_int),
                ("higher_is_better", cell_bool),
                ("source", lambda v: cell_choice(v, IndicatorSource.values)),
                ("geography_level", lambda v: cell_choice(v, GeographyLevel.values)),
            ):
                try:
                    values[column] = parse(cells[column])
                except CellError as exc:
                    self.problem(str(exc), sheet, line, column)
            if "decimals" in values and values["decimals"] is None:
                values["decimals"] = 0
            if len(self.problems) > before:
                continue
            candidate = (
                copy.copy(indicator)
                if indicator is not None
                else Indicator(region=self.strategy.region)
            )
            for name, value in values.items():
                setattr(candidate, name, value)
            try:
                candidate.full_clean(
                    exclude=["region"],
                    validate_unique=False,
                    validate_constraints=False,
                )
            except ValidationError as exc:
                self.model_problems(exc, sheet, line)
                continue
            self.indicator_rows.append(
                IndicatorRow(row=line, indicator=indicator, values=values)
            )
        # The names after the import: unique within the region.
        final: dict[int, str] = {pk: i.name for pk, i in self.region_indicators.items()}
        for indicator_row in self.indicator_rows:
            if indicator_row.indicator is not None:
                final[indicator_row.indicator.pk] = indicator_row.name
        taken: dict[str, Indicator | IndicatorRow] = {
            name: self.region_indicators[pk] for pk, name in final.items()
        }
        counts: dict[str, int] = {}
        for name in final.values():
            counts[name] = counts.get(name, 0) + 1
        for indicator_row in self.indicator_rows:
            name = indicator_row.name
            if indicator_row.indicator is None:
                if name in taken:
                    self.problem(
                        _("An indicator named “%(name)s” already exists.")
                        % {"name": name},
                        sheet,
                        indicator_row.row,
                        "name",
                    )
                taken[name] = indicator_row
            elif counts.get(name, 0) > 1:
                self.problem(
                    _("Another indicator is also named “%(name)s”.") % {"name": name},
                    sheet,
                    indicator_row.row,
                    "name",
                )
        self.names = taken
        for indicator_row in self.indicator_rows:
            indicator = indicator_row.indicator
            if indicator is None:
                continue
            for name, value in indicator_row.values.items():
                old = getattr(indicator, name)
                if old != value:
                    indicator_row.changes[name] = value
                    indicator_row.shown.append(
                        FieldChange(name, show(old), show(value))
                    )

    def indicator_ref(
        self, value: Any, sheet: str, line: int
    ) -> Indicator | IndicatorRow | None:
        name = cell_text(value)
        if not name:
            self.problem(_("Give the indicator's name."), sheet, line, "indicator_name")
            return None
        ref = self.names.get(name)
        if ref is None:
            self.problem(
                _(
                    "No indicator is named “%(name)s”, neither in this region nor on "
                    "the sheet “indicators”."
                )
                % {"name": name},
                sheet,
                line,
                "indicator_name",
            )
        return ref

    # Goal indicators, baselines and targets.

    def _validate_links(self, rows: SheetRows) -> None:
        sheet = GOAL_INDICATORS
        goal_keys = set(self.goals) | {goal_row.key for goal_row in self.goal_rows}
        links: dict[tuple[str, str], LinkRow] = {}
        for line, cells in rows:
            before = len(self.problems)
            goal_key = cell_text(cells["goal_id"])
            if not goal_key:
                self.problem(_("Give the goal's id."), sheet, line, "goal_id")
            elif goal_key not in goal_keys:
                self.problem(
                    _(
                        "%(id)s is neither a goal of this strategy nor an id on the "
                        "sheet “goals”."
                    )
                    % {"id": goal_key},
                    sheet,
                    line,
                    "goal_id",
                )
            ref = self.indicator_ref(cells["indicator_name"], sheet, line)
            parsed: dict[str, Any] = {}
            for column, parse in (
                ("baseline_value", cell_decimal),
                ("baseline_year", lambda v: cell_year(v, required=False)),
                ("target_year", lambda v: cell_year(v, required=False)),
                ("target_value", cell_decimal),
            ):
                try:
                    parsed[column] = parse(cells[column])
                except CellError as exc:
                    self.problem(str(exc), sheet, line, column)
            if len(self.problems) > before or ref is None:
                continue
            if (parsed["baseline_value"] is None) != (parsed["baseline_year"] is None):
                self.problem(
                    _("Give the baseline as a value and a year, or neither."),
                    sheet,
                    line,
                    "baseline_year"
                    if parsed["baseline_year"] is None
                    else "baseline_value",
                )
                continue
            target_year, target_value = parsed["target_year"], parsed["target_value"]
            if (target_year is None) != (target_value is None):
                self.problem(
                    _("Give the target as a year and a value, or neither."),
                    sheet,
                    line,
                    "target_value" if target_value is None else "target_year",
                )
                continue
            strategy = self.strategy
            if target_year is not None and not (
                strategy.start_year <= target_year <= strategy.end_year
            ):
                self.problem(
                    _("%(year)s is outside the strategy's period %(start)s–%(end)s.")
                    % {
                        "year": target_year,
                        "start": strategy.start_year,
                        "end": strategy.end_year,
                    },
                    sheet,
                    line,
                    "target_year",
                )
                continue
            name = ref.name
            link_row = links.get((goal_key, name))
            if link_row is None:
                link_row = LinkRow(
                    row=line,
                    goal_key=goal_key,
                    indicator_name=name,
                    baseline_value=parsed["baseline_value"],
                    baseline_year=parsed["baseline_year"],
                )
                links[(goal_key, name)] = link_row
            elif not same_number(link_row.baseline_value, parsed["baseline_value"]) or (
                link_row.baseline_year != parsed["baseline_year"]
            ):
                self.problem(
                    _(
                        "The baseline differs from row %(row)s for the same goal and "
                        "indicator."
                    )
                    % {"row": link_row.row},
                    sheet,
                    line,
                    "baseline_value",
                )
                continue
            if target_year is not None and target_value is not None:
                if target_year in link_row.targets:
                    self.problem(
                        _("The target for %(year)s is given twice.")
                        % {"year": target_year},
                        sheet,
                        line,
                        "target_year",
                    )
                    continue
                link_row.targets[target_year] = target_value
        self.link_rows = list(links.values())
        existing = {
            (str(link.goal_id), link.indicator_id): link
            for link in GoalIndicator.objects.filter(
                goal__strategy=self.strategy
            ).prefetch_related("targets")
        }
        for link_row in self.link_rows:
            ref = self.names[link_row.indicator_name]
            if isinstance(ref, Indicator):
                link_row.link = existing.get((link_row.goal_key, ref.pk))
            link = link_row.link
            current = (
                {t.year: t.value for t in link.targets.all() if t.superseded_at is None}
                if link is not None
                else {}
            )
            if link is None:
                if link_row.baseline_year is not None:
                    link_row.shown += [
                        FieldChange(
                            "baseline_value", "", show(link_row.baseline_value)
                        ),
                        FieldChange("baseline_year", "", show(link_row.baseline_year)),
                    ]
            else:
                for column, old, new in (
                    ("baseline_value", link.baseline_value, link_row.baseline_value),
                    ("baseline_year", link.baseline_year, link_row.baseline_year),
                ):
                    if not same_number(old, new):
                        link_row.baseline_changed = True
                        link_row.shown.append(FieldChange(column, show(old), show(new)))
            for year, value in sorted(link_row.targets.items()):
                if not same_number(current.get(year), value):
                    link_row.target_changes[year] = value
                    link_row.shown.append(
                        FieldChange(
                            _("target %(year)s") % {"year": year},
                            show(current.get(year)),
                            show(value),
                        )
                    )

    # Observations.

    def _validate_observations(self, rows: SheetRows) -> None:
        sheet = OBSERVATIONS
        areas = services.AreaResolver()
        found: dict[tuple[str, int, str, str, str, str], int] = {}
        parsed: list[tuple[int, str, services.ObservationRow, str]] = []
        for line, cells in rows:
            before = len(self.problems)
            ref = self.indicator_ref(cells["indicator_name"], sheet, line)
            values: dict[str, Any] = {}
            for column, parse in (
                ("year", cell_year),
                ("value", cell_decimal),
                ("sex", lambda v: cell_choice(v, Sex.values, blank=True)),
            ):
                try:
                    values[column] = parse(cells[column])
                except CellError as exc:
                    self.problem(str(exc), sheet, line, column)
            if "value" in values and values["value"] is None:
                self.problem(_("Give the value."), sheet, line, "value")
            period = cell_text(cells["period"])
            age_group = cell_text(cells["age_group"])
            if len(period) > 10:
                self.problem(
                    _("At most 10 characters, such as 2025K1 or 2025M01."),
                    sheet,
                    line,
                    "period",
                )
            if len(age_group) > 20:
                self.problem(_("At most 20 characters."), sheet, line, "age_group")
            area_code = cell_text(cells["area_code"])
            area = self._area(area_code, areas)
            if area is None:
                self.problem(
                    _(
                        "Unknown area code “%(code)s”; write it as SE for a country, "
                        "SE-c22 for a county or region, SE-m2281 for a municipality."
                    )
                    % {"code": area_code},
                    sheet,
                    line,
                    "area_code",
                )
            if len(self.problems) > before or ref is None or area is None:
                continue
            level, country, national = area
            key = (
                ref.name,
                values["year"],
                period,
                area_code,
                values["sex"],
                age_group,
            )
            if key in found:
                self.problem(
                    _("The same value is given on row %(row)s.") % {"row": found[key]},
                    sheet,
                    line,
                )
                continue
            found[key] = line
            observation = services.ObservationRow(
                year=values["year"],
                value=values["value"],
                area_level=level,
                country_code=country,
                area_code=national,
                period=period,
                sex=values["sex"],
                age_group=age_group,
            )
            parsed.append((line, ref.name, observation, area_code))
        if self.problems:
            return
        used = [self.names[name] for _line, name, _obs, _code in parsed]
        indicator_ids = {ref.pk for ref in used if isinstance(ref, Indicator)}
        stored = {
            (indicator_id, year, period, area_code, sex, age_group): value
            for indicator_id, year, period, area_code, sex, age_group, value in (
                Observation.objects.filter(indicator_id__in=indicator_ids).values_list(
                    "indicator_id",
                    "year",
                    "period",
                    "area_code",
                    "sex",
                    "age_group",
                    "value",
                )
            )
        }
        for line, name, observation, area_code in parsed:
            ref = self.names[name]
            old = None
            if isinstance(ref, Indicator):
                old = stored.get(
                    (
                        ref.pk,
                        observation.year,
                        observation.period,
                        area_code,
                        observation.sex,
                        observation.age_group,
                    )
                )
            if old is not None and Decimal(old) == observation.value:
                self.observation_unchanged += 1
                continue
            self.observation_changes.append(
                ObservationChange(name, observation, old, line, area_code)
            )

    @staticmethod
    def _area(code: str, areas: services.AreaResolver) -> tuple[str, str, str] | None:
        """(level, country code, national code) for an area code such as SE-c22."""
        match = _AREA_CODE.match(code)
        if match is None:
            return None
        country, kind, national = match.groups()
        if areas.country(country) is None:
            return None
        if kind is None:
            return (GeographyLevel.COUNTRY, country, "")
        if kind == "c":
            if areas.county(country, national) is None:
                return None
            return (GeographyLevel.COUNTY, country, national)
        if areas.municipality(country, national) is None:
            return None
        return (GeographyLevel.MUNICIPALITY, country, national)

    # The preview.

    def build_preview(self) -> Preview:
        goals = SheetPreview(GOALS)
        if GOALS in self.present:
            in_file = set()
            for goal_row in self.goal_rows:
                in_file.add(goal_row.key)
                label = self.goal_label(goal_row.key)
                if goal_row.goal is None:
                    values = goal_row.values
                    shown = [
                        FieldChange(name, "", show(values[name]))
                        for name in (
                            "kind",
                            "code",
                            "title",
                            "title_en",
                            "order",
                        )
                        if values.get(name) not in (None, "")
                    ]
                    shown.insert(
                        0,
                        FieldChange(
                            "parent_id", "", self.goal_label(goal_row.parent_key)
                        ),
                    )
                    if goal_row.sdg_targets:
                        shown.append(
                            FieldChange(
                                "sdg_targets",
                                "",
                                ", ".join(t.code for t in goal_row.sdg_targets),
                            )
                        )
                    goals.created.append(RowChange(label, goal_row.row, shown))
                elif goal_row.shown:
                    goals.changed.append(RowChange(label, goal_row.row, goal_row.shown))
                else:
                    goals.unchanged += 1
            goals.not_in_file = len(set(self.goals) - in_file)
        indicators = SheetPreview(INDICATORS)
        for indicator_row in self.indicator_rows:
            if indicator_row.indicator is None:
                indicators.created.append(
                    RowChange(
                        indicator_row.name,
                        indicator_row.row,
                        [
                            FieldChange(name, "", show(value))
                            for name, value in indicator_row.values.items()
                            if name != "name" and value not in (None, "")
                        ],
                    )
                )
            elif indicator_row.shown:
                indicators.changed.append(
                    RowChange(
                        indicator_row.name, indicator_row.row, indicator_row.shown
                    )
                )
            else:
                indicators.unchanged += 1
        links = SheetPreview(GOAL_INDICATORS)
        for link_row in self.link_rows:
            label = f"{self.goal_label(link_row.goal_key)} – {link_row.indicator_name}"
            if link_row.link is None:
                links.created.append(RowChange(label, link_row.row, link_row.shown))
            elif link_row.shown:
                links.changed.append(RowChange(label, link_row.row, link_row.shown))
            else:
                links.unchanged += 1
        observations = SheetPreview(OBSERVATIONS, unchanged=self.observation_unchanged)
        for change in self.observation_changes:
            obs = change.row
            label = " ".join(
                part
                for part in (
                    change.indicator_name,
                    change.area_code,
                    f"{obs.year}{obs.period and ' ' + obs.period}",
                    obs.sex,
                    obs.age_group,
                )
                if part
            )
            row = RowChange(
                label,
                change.line,
                [FieldChange("value", show(change.old), show(obs.value))],
            )
            (
                observations.created if change.old is None else observations.changed
            ).append(row)
        sheets = [goals, indicators, links, observations]
        return Preview([sheet for sheet in sheets if sheet.name in self.present])

    # Writing.

    def write(self, by: User | None) -> None:
        strategy = self.strategy
        indicators: dict[str, Indicator] = {
            name: ref for name, ref in self.names.items() if isinstance(ref, Indicator)
        }
        # Renames first, so that a new indicator may take a name given up.
        for indicator_row in sorted(
            self.indicator_rows, key=lambda r: (r.indicator is None, r.row)
        ):
            if indicator_row.indicator is None:
                if strategy.region is None:
                    raise ValidationError(
                        _("A strategy above the regions has no indicators of its own.")
                    )
                indicators[indicator_row.name] = services.indicator_create(
                    region=strategy.region, by=by, data=indicator_row.values
                )
            elif indicator_row.changes:
                indicators[indicator_row.name] = services.indicator_update(
                    indicator=indicator_row.indicator, by=by, data=indicator_row.changes
                )
            else:
                indicators[indicator_row.name] = indicator_row.indicator

        created: dict[str, Goal] = {}

        def goal_for(key: str) -> Goal:
            return created.get(key) or self.goals[key]

        def parent_for(key: str | None) -> Goal | None:
            return None if key is None else goal_for(key)

        parents = self.final_parents()
        for goal_row in sorted(
            self.goal_rows, key=lambda r: (self.depth(r.key, parents), r.row)
        ):
            values = goal_row.values
            if goal_row.goal is None:
                data: dict[str, Any] = {
                    "kind": values["kind"],
                    "code": values["code"],
                    "title": values["title"],
                    "description": values["description"],
                    "translations": with_english(
                        {},
                        {
                            "title": values["title_en"],
                            "description": values["description_en"],
                        },
                    ),
                    "parent": parent_for(goal_row.parent_key),
                    "sdg_targets": goal_row.sdg_targets,
                }
                if goal_row.order is not None:
                    data["order"] = goal_row.order
                created[goal_row.key] = services.goal_create(
                    strategy=strategy, by=by, data=data
                )
                continue
            changes = {k: v for k, v in goal_row.changes.items() if k != "order"}
            if "parent" in changes:
                changes["parent"] = parent_for(goal_row.parent_key)
            if changes:
                services.goal_update(goal=goal_row.goal, by=by, data=changes)
        for parent_key, desired in self.resequence.items():
            parent = parent_for(parent_key)
            for position, key in enumerate(desired):
                goal = goal_for(key)
                current = list(
                    strategy.goals.filter(parent=parent)
                    .order_by("order", "pk")
                    .values_list("pk", flat=True)
                )
                if current.index(goal.pk) != position:
                    services.goal_move(
                        goal=goal, by=by, parent=parent, position=position
                    )

        for link_row in self.link_rows:
            goal = goal_for(link_row.goal_key)
            baseline = {
                "baseline_value": link_row.baseline_value,
                "baseline_year": link_row.baseline_year,
            }
            link = link_row.link
            if link is None:
                link = services.goal_indicator_add(
                    goal=goal,
                    indicator=indicators[link_row.indicator_name],
                    by=by,
                    data=baseline,
                )
            elif link_row.baseline_changed:
                link = services.goal_indicator_update(link=link, by=by, data=baseline)
            for year, value in sorted(link_row.target_changes.items()):
                services.target_set(link=link, by=by, year=year, value=value)

        batches: dict[str, list[services.ObservationRow]] = {}
        for change in self.observation_changes:
            batches.setdefault(change.indicator_name, []).append(change.row)
        for name, batch in batches.items():
            services.observations_write(indicator=indicators[name], by=by, rows=batch)


# The import pages' common flow ---------------------------------------------------------


class SpreadsheetImportViewMixin:
    """Upload → preview → confirm, for a view that knows its importer.

    The upload page (GET, and POST of the file) checks the whole file and shows the
    preview; the file waits in the session. The confirmation (POST of token and
    sha256) reads that same file again, checks it again against the data as it is
    now, and writes it in one transaction. A preview that no longer matches the data
    is shown again instead of being written.
    """

    upload_template: ClassVar[str] = ""
    preview_template: ClassVar[str] = ""
    request: Any

    def get_importer(self) -> WorkbookImport:
        raise NotImplementedError

    def upload_scope(self) -> str:
        raise NotImplementedError

    def import_url(self) -> str:
        raise NotImplementedError

    def confirm_url(self) -> str:
        raise NotImplementedError

    def page_context(self) -> dict[str, Any]:
        return {}

    def _render(self, template: str, status: int = 200, **context: Any) -> Any:
        return render(
            self.request,
            template,
            {
                **self.page_context(),
                "import_url": self.import_url(),
                "confirm_url": self.confirm_url(),
                **context,
            },
            status=status,
        )

    def render_upload(
        self,
        form: SpreadsheetUploadForm | None = None,
        problems: Sequence[str] = (),
        status: int = 200,
    ) -> Any:
        return self._render(
            self.upload_template,
            status=status,
            form=form or SpreadsheetUploadForm(),
            problems=list(problems),
        )

    def render_preview(
        self, preview: Preview, pending: PendingUpload, warning: str = ""
    ) -> Any:
        return self._render(
            self.preview_template,
            preview=preview,
            token=pending.token,
            sha256=pending.sha256,
            filename=pending.filename,
            warning=warning,
        )

    def upload(self) -> Any:
        form = SpreadsheetUploadForm(self.request.POST, self.request.FILES)
        if not form.is_valid():
            return self.render_upload(form)
        upload = form.cleaned_data["file"]
        data = upload.read()
        importer = self.get_importer()
        try:
            preview = importer.prepare(data)
        except SpreadsheetError as exc:
            return self.render_upload(form, exc.messages)
        pending = stash_upload(
            self.request.session,
            scope=self.upload_scope(),
            data=data,
            filename=str(upload.name),
            fingerprint=preview.fingerprint(),
        )
        return self.render_preview(preview, pending)

    def confirm(self) -> Any:
        pending = find_upload(
            self.request.session,
            scope=self.upload_scope(),
            token=str(self.request.POST.get("token", "")),
            sha256=str(self.request.POST.get("sha256", "")),
        )
        if pending is None:
            messages.error(
                self.request,
                _(
                    "The uploaded file is no longer waiting for confirmation; upload "
                    "it again."
                ),
            )
            return redirect(self.import_url())
        importer = self.get_importer()
        try:
            preview = importer.prepare(pending.data)
        except SpreadsheetError as exc:
            drop_upload(self.request.session, scope=self.upload_scope())
            return self.render_upload(problems=exc.messages)
        if preview.fingerprint() != pending.fingerprint:
            pending = stash_upload(
                self.request.session,
                scope=self.upload_scope(),
                data=pending.data,
                filename=pending.filename,
                fingerprint=preview.fingerprint(),
            )
            return self.render_preview(
                preview,
                pending,
                warning=_(
                    "The data changed after your preview. Nothing was imported: check "
                    "the changes below and confirm again."
                ),
            )
        try:
            importer.apply(
                by=self.request.user, filename=pending.filename, sha256=pending.sha256
            )
        except (ValidationError, PermissionDenied, DatabaseError) as exc:
            drop_upload(self.request.session, scope=self.upload_scope())
            if isinstance(exc, ValidationError):
                reasons = exc.messages
            elif isinstance(exc, PermissionDenied):
                reasons = [_("You may not make one of these changes.")]
            else:
                reasons = [_("The database refused one of the changes.")]
            return self.render_upload(
                problems=[
                    _("Nothing was imported: %(reason)s") % {"reason": reason}
                    for reason in reasons
                ],
            )
        drop_upload(self.request.session, scope=self.upload_scope())
        if preview.has_changes:
            created = sum(len(sheet.created) for sheet in preview.sheets)
            changed = sum(len(sheet.changed) for sheet in preview.sheets)
            messages.success(
                self.request,
                _("Imported “%(file)s”: %(created)s created, %(changed)s changed.")
                % {"file": pending.filename, "created": created, "changed": changed},
            )
        else:
            messages.info(
                self.request, _("Nothing to change: the file matches the stored data.")
            )
        return redirect(self.import_url())
