"""An action plan's activities as an Excel workbook: export, and import with a preview.

One sheet, ``activities`` (docs/spreadsheets.md). The reading, checking, preview and
upload-keeping machinery is the strategy workbook's (`samverka.strategy.spreadsheets`);
this module says what the columns hold and writes through the plans services.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import Workbook

from samverka.accounts.models import User
from samverka.actors.models import Organisation
from samverka.plans import services
from samverka.plans.choices import ActivityStage, ActivityStatus, FundingType, Relevance
from samverka.plans.models import ActionPlan, Activity
from samverka.strategy.models import Goal
from samverka.strategy.spreadsheets import (
    CellError,
    Columns,
    FieldChange,
    Preview,
    RowChange,
    SheetPreview,
    SheetRows,
    WorkbookImport,
    add_sheet,
    cell_choice,
    cell_date,
    cell_decimal,
    cell_int,
    cell_text,
    english,
    new_workbook,
    show,
    split_list,
    with_english,
)

ACTIVITIES = "activities"

ACTIVITY_COLUMNS: Columns = (
    ("id", 8),
    ("code", 10),
    ("title", 50),
    ("description", 60),
    ("title_en", 50),
    ("status", 12),
    ("stage", 12),
    ("start_date", 12),
    ("end_date", 12),
    ("estimated_budget", 16),
    ("funding_types", 28),
    ("responsible", 36),
    ("goals", 28),
)

#: The activity fields the sheet sets, besides the English title and the goals.
FIELDS = (
    "code",
    "title",
    "description",
    "status",
    "stage",
    "start_date",
    "end_date",
    "estimated_budget",
    "funding_types",
    "responsible",
)


def budget_whole(minor: int | None) -> int | Decimal | None:
    """Minor units (öre, øre, cent) as whole currency units: 150000 → 1500."""
    if minor is None:
        return None
    if minor % 100 == 0:
        return minor // 100
    return Decimal(minor) / 100


def goal_reference(goal: Goal) -> str:
    """How the goals column names a goal: its code, or ``#id`` for one without."""
    return goal.code or f"#{goal.pk}"


def plan_workbook(plan: ActionPlan) -> Workbook:
    workbook = new_workbook()
    activities = (
        plan.activities.select_related("responsible")
        .prefetch_related("goal_links__goal")
        .order_by("order", "pk")
    )
    add_sheet(
        workbook,
        ACTIVITIES,
        ACTIVITY_COLUMNS,
        (
            (
                a.pk,
                a.code,
                a.title,
                a.description,
                english(a.translations, "title"),
                a.status,
                a.stage,
                a.start_date,
                a.end_date,
                budget_whole(a.estimated_budget),
                ", ".join(a.funding_types or []),
                a.responsible.name if a.responsible else "",
                "; ".join(
                    f"{goal_reference(link.goal)}:{link.weight}"
                    for link in sorted(
                        a.goal_links.all(),
                        key=lambda link: (link.goal.order, link.goal_id),
                    )
                ),
            )
            for a in activities
        ),
    )
    return workbook


@dataclass
class ActivityRow:
    row: int
    activity: Activity | None
    values: dict[str, Any]
    goals: dict[int, int]
    changes: dict[str, Any] = field(default_factory=dict)
    goals_changed: bool = False
    shown: list[FieldChange] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{self.values['code']} {self.values['title']}".strip()


class PlanImport(WorkbookImport):
    """An activities workbook to import into `plan`."""

    sheets = {ACTIVITIES: ACTIVITY_COLUMNS}
    # The plans app has no audit action for a whole import yet; the services log
    # each activity they create or change.
    audit_action = "plans.spreadsheet_import"

    def __init__(self, plan: ActionPlan) -> None:
        super().__init__()
        self.plan = plan
        self.activities = {
            a.pk: a
            for a in plan.activities.select_related("responsible").prefetch_related(
                "goal_links__goal"
            )
        }
        self.rows: list[ActivityRow] = []
        self.present: set[str] = set()
        self.goals: dict[int, Goal] = {}

    def audit_object(self) -> Any:
        return self.plan

    def validate(self, rows: dict[str, SheetRows]) -> None:
        self.present = set(rows)
        organisations: dict[str, list[Organisation]] = {}
        for org in Organisation.objects.filter(region=self.plan.region_id):
            organisations.setdefault(org.name.strip().casefold(), []).append(org)
        goals_by_code: dict[str, list[Goal]] = {}
        if self.plan.strategy_id is not None:
            for goal in Goal.objects.filter(strategy_id=self.plan.strategy_id):
                self.goals[goal.pk] = goal
                if goal.code:
                    goals_by_code.setdefault(goal.code, []).append(goal)
        sheet = ACTIVITIES
        seen: set[int] = set()
        for line, cells in rows.get(ACTIVITIES, []):
            before = len(self.problems)
            activity: Activity | None = None
            try:
                pk = cell_int(cells["id"])
            except CellError as exc:
                self.problem(str(exc), sheet, line, "id")
                continue
            if pk is not None:
                activity = self.activities.get(pk)
                if activity is None:
                    self.problem(
                        _(
                            "%(id)s is not an activity of this plan; leave the id "
                            "empty for a new activity."
                        )
                        % {"id": pk},
                        sheet,
                        line,
                        "id",
                    )
                elif pk in seen:
                    self.problem(
                        _("The id %(id)s appears more than once.") % {"id": pk},
                        sheet,
                        line,
                        "id",
                    )
                seen.add(pk)
            values: dict[str, Any] = {
                name: cell_text(cells[name])
                for name in ("code", "title", "description", "title_en")
            }
            if not values["title"]:
                self.problem(_("Give the activity a title."), sheet, line, "title")
            for column, parse in (
                ("status", lambda v: cell_choice(v, ActivityStatus.values)),
                ("stage", lambda v: cell_choice(v, ActivityStage.values, blank=True)),
                ("start_date", cell_date),
                ("end_date", cell_date),
                ("estimated_budget", self._budget),
                ("funding_types", self._funding),
                ("responsible", lambda v: self._organisation(v, organisations)),
            ):
                try:
                    values[column] = parse(cells[column])
                except CellError as exc:
                    self.problem(str(exc), sheet, line, column)
            goals: dict[int, int] = {}
            try:
                goals = self._goals(cells["goals"], goals_by_code)
            except CellError as exc:
                self.problem(str(exc), sheet, line, "goals")
            if len(self.problems) > before:
                continue
            candidate = (
                copy.copy(activity)
                if activity is not None
                else Activity(action_plan=self.plan)
            )
            for name in FIELDS:
                setattr(candidate, name, values[name])
            candidate.translations = with_english(
                candidate.translations, {"title": values["title_en"]}
            )
            try:
                candidate.full_clean(
                    exclude=["action_plan"],
                    validate_unique=False,
                    validate_constraints=False,
                )
            except ValidationError as exc:
                self.model_problems(exc, sheet, line, {"translations": "title_en"})
                continue
            self.rows.append(ActivityRow(line, activity, values, goals))
        for activity_row in self.rows:
            self._changes(activity_row)

    @staticmethod
    def _budget(value: Any) -> int | None:
        amount = cell_decimal(value)
        if amount is None:
            return None
        if amount < 0:
            raise CellError(_("The budget cannot be negative."))
        minor = amount * 100
        if minor != minor.to_integral_value():
            raise CellError(
                _("Give the budget in whole currency units, with at most 2 decimals.")
            )
        return int(minor)

    @staticmethod
    def _funding(value: Any) -> list[str]:
        kinds = split_list(value)
        unknown = [kind for kind in kinds if kind not in FundingType.values]
        if unknown:
            raise CellError(
                _("Unknown kind of funding %(kinds)s; use %(choices)s.")
                % {
                    "kinds": ", ".join(f"“{k}”" for k in unknown),
                    "choices": ", ".join(FundingType.values),
                }
            )
        return kinds

    @staticmethod
    def _organisation(
        value: Any, organisations: dict[str, list[Organisation]]
    ) -> Organisation | None:
        name = cell_text(value)
        if not name:
            return None
        found = organisations.get(name.casefold(), [])
        if not found:
            raise CellError(
                _("No organisation named “%(name)s” in the region's actor registry.")
                % {"name": name}
            )
        if len(found) > 1:
            raise CellError(
                _("Several organisations are named “%(name)s”.") % {"name": name}
            )
        return found[0]

    def _goals(self, value: Any, by_code: dict[str, list[Goal]]) -> dict[int, int]:
        """``1.2:3; 2.1:2`` → {goal id: relevance}; ``#12`` names a goal by id."""
        goals: dict[int, int] = {}
        parts = split_list(value)
        if parts and self.plan.strategy_id is None:
            raise CellError(_("The plan serves no strategy, so it has no goals."))
        for part in parts:
            reference, _colon, weight_text = part.partition(":")
            reference = reference.strip()
            weight = Relevance.SUBSTANTIAL.value
            if weight_text.strip():
                try:
                    weight = cell_int(weight_text) or 0
                except CellError:
                    weight = 0
                if weight not in Relevance.values:
                    raise CellError(
                        _("“%(part)s”: the relevance after the colon is 1, 2 or 3.")
                        % {"part": part}
                    )
            if reference.startswith("#") and reference[1:].isdigit():
                goal = self.goals.get(int(reference[1:]))
                if goal is None:
                    raise CellError(
                        _("%(ref)s is not a goal of the plan's strategy.")
                        % {"ref": reference}
                    )
            else:
                matches = by_code.get(reference, [])
                if not matches:
                    raise CellError(
                        _("No goal of the plan's strategy has the code “%(code)s”.")
                        % {"code": reference}
                    )
                if len(matches) > 1:
                    raise CellError(
                        _(
                            "Several goals have the code “%(code)s”; name the goal as "
                            "#id instead."
                        )
                        % {"code": reference}
                    )
                goal = matches[0]
            if goal.pk in goals:
                raise CellError(
                    _("The goal “%(code)s” is named twice.") % {"code": reference}
                )
            goals[goal.pk] = weight
        return goals

    def _goals_text(self, goals: dict[int, int]) -> str:
        return "; ".join(
            f"{goal_reference(self.goals[pk])}:{weight}"
            for pk, weight in sorted(
                goals.items(), key=lambda item: (self.goals[item[0]].order, item[0])
            )
        )

    def _changes(self, activity_row: ActivityRow) -> None:
        activity, values = activity_row.activity, activity_row.values
        if activity is None:
            return
        for name in FIELDS:
            old, new = getattr(activity, name), values[name]
            if name == "funding_types":
                old = list(old or [])
            if old != new:
                activity_row.changes[name] = new
                if name == "estimated_budget":
                    old, new = budget_whole(old), budget_whole(new)
                elif name == "funding_types":
                    old, new = ", ".join(old), ", ".join(new)
                activity_row.shown.append(FieldChange(name, show(old), show(new)))
        old_en = english(activity.translations, "title")
        if old_en != values["title_en"]:
            activity_row.changes["translations"] = with_english(
                activity.translations, {"title": values["title_en"]}
            )
            activity_row.shown.append(
                FieldChange("title_en", old_en, values["title_en"])
            )
        old_goals = {link.goal_id: link.weight for link in activity.goal_links.all()}
        if old_goals != activity_row.goals:
            for goal in (link.goal for link in activity.goal_links.all()):
                self.goals.setdefault(goal.pk, goal)
            activity_row.goals_changed = True
            activity_row.shown.append(
                FieldChange(
                    "goals",
                    self._goals_text(old_goals),
                    self._goals_text(activity_row.goals),
                )
            )

    def build_preview(self) -> Preview:
        sheet = SheetPreview(ACTIVITIES)
        in_file = set()
        for activity_row in self.rows:
            values = activity_row.values
            if activity_row.activity is None:
                shown = [
                    FieldChange(name, "", show(value))
                    for name, value in (
                        ("status", values["status"]),
                        ("stage", values["stage"]),
                        ("start_date", values["start_date"]),
                        ("end_date", values["end_date"]),
                        ("estimated_budget", budget_whole(values["estimated_budget"])),
                        ("funding_types", ", ".join(values["funding_types"])),
                        ("responsible", values["responsible"]),
                        ("title_en", values["title_en"]),
                        ("goals", self._goals_text(activity_row.goals)),
                    )
                    if value not in (None, "")
                ]
                sheet.created.append(
                    RowChange(activity_row.label, activity_row.row, shown)
                )
                continue
            in_file.add(activity_row.activity.pk)
            if activity_row.shown:
                sheet.changed.append(
                    RowChange(activity_row.label, activity_row.row, activity_row.shown)
                )
            else:
                sheet.unchanged += 1
        sheet.not_in_file = len(set(self.activities) - in_file)
        return Preview([sheet] if ACTIVITIES in self.present else [])

    def write(self, by: User | None) -> None:
        for activity_row in self.rows:
            values = activity_row.values
            activity = activity_row.activity
            if activity is None:
                data = {name: values[name] for name in FIELDS}
                data["translations"] = with_english({}, {"title": values["title_en"]})
                activity = services.activity_create(plan=self.plan, by=by, data=data)
            elif activity_row.changes:
                activity = services.activity_update(
                    activity=activity, by=by, data=activity_row.changes
                )
            if activity_row.activity is not None and not activity_row.goals_changed:
                continue
            for goal_pk, weight in activity_row.goals.items():
                services.activity_goal_set(
                    activity=activity, goal=self.goals[goal_pk], by=by, weight=weight
                )
            for link in list(activity.goal_links.select_related("goal")):
                if link.goal_id not in activity_row.goals:
                    services.activity_goal_remove(link=link, by=by)
