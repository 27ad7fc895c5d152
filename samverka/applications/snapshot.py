"""The frozen picture of an application at submission, and what changed between two.

A snapshot is plain JSON: it survives later changes to the call, the registry or the
code, so the printout and the comparison read only the snapshot.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from samverka.applications.choices import (
    CostCategory,
    EffectLevel,
    FinancingKind,
    FinancingStatus,
    FunderSector,
    IntegrationRating,
    PartnerRole,
    SustainabilityAspect,
)
from samverka.applications.models import Application
from samverka.core.formatting import format_money

SNAPSHOT_VERSION = 1

PROJECT_FIELDS = (
    "title",
    "summary",
    "background",
    "objectives",
    "target_groups",
    "work_plan",
    "start_date",
    "end_date",
    "contact_name",
    "contact_email",
    "contact_phone",
    "strategy_fit",
    "amount_requested",
    "de_minimis_received",
    "de_minimis_declared",
)


def _value(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def build_snapshot(application: Application) -> dict[str, Any]:
    """Everything the applicant sent, with names as they read at this moment."""
    app = application
    call = app.call
    org = app.organisation
    return {
        "version": SNAPSHOT_VERSION,
        "call": {"id": call.pk, "title": call.title},
        "fund": {"id": app.fund_id, "name": app.fund.name if app.fund else ""},
        "stage": app.stage,
        "currency": call.region.currency,
        "organisation": {
            "id": org.pk,
            "name": org.name,
            "national_id": org.national_id,
            "type": org.type,
            "city": org.city,
        },
        "project": {name: _value(getattr(app, name)) for name in PROJECT_FIELDS},
        "municipalities": sorted(
            f"{m.code} {m.name}" for m in app.municipalities.all()
        ),
        "activities": [
            {"id": a.pk, "title": str(a)} for a in app.activities.order_by("pk")
        ],
        "goals": [
            {"id": g.pk, "title": f"{g.code} {g.title}".strip()}
            for g in app.goals.order_by("pk")
        ],
        "partners": [
            {
                "name": p.name,
                "national_id": p.national_id,
                "role": p.role,
                "contribution": p.contribution,
                "email": p.email,
            }
            for p in app.partners.order_by("role", "name", "pk")
        ],
        "budget": [
            {
                "category": line.category,
                "year": line.year,
                "amount": line.amount,
                "description": line.description,
            }
            for line in app.budget_lines.order_by("year", "category")
        ],
        "total_cost": app.total_cost,
        "financing": [
            {
                "funder": line.funder,
                "kind": line.kind,
                "sector": line.sector,
                "status": line.status,
                "amount": line.amount,
                "evidence": line.evidence.title if line.evidence is not None else "",
            }
            for line in app.financing_lines.select_related("evidence").order_by(
                "order", "pk"
            )
        ],
        "cofinancing_total": app.cofinancing_total,
        "effects": [
            {"level": item.level, "text": item.text}
            for item in app.effect_items.order_by("level", "order", "pk")
        ],
        "indicators": [
            {
                "code": ind.call_indicator.code,
                "name": ind.call_indicator.name,
                "unit": ind.call_indicator.unit,
                "level": ind.call_indicator.level,
                "baseline": None if ind.baseline is None else str(ind.baseline),
                "target": str(ind.target),
                "note": ind.note,
            }
            for ind in app.indicators.select_related("call_indicator").order_by(
                "call_indicator__order", "pk"
            )
        ],
        "sustainability": [
            {
                "aspect": ans.aspect,
                "rating": ans.rating,
                "description": ans.description,
            }
            for ans in sorted(
                app.sustainability_answers.all(),
                key=lambda a: list(SustainabilityAspect.values).index(a.aspect),
            )
        ],
        "attachments": [
            {
                "title": att.title,
                "file_name": att.file_name,
                "content_type": att.content_type,
                "size": att.size,
                "sha256": att.sha256,
                "required": att.required.title if att.required is not None else "",
            }
            for att in app.attachments.select_related("required").order_by("pk")
        ],
    }


@dataclass(frozen=True)
class Change:
    """One difference between two snapshots, for the officer's comparison."""

    section: str
    label: str
    old: Any
    new: Any


SECTION_LABELS = {
    "project": _("The project"),
    "municipalities": _("Municipalities"),
    "activities": _("Action-plan activities"),
    "goals": _("Strategy goals"),
    "partners": _("Partners"),
    "budget": _("Budget"),
    "financing": _("Financing plan"),
    "effects": _("Effect chain"),
    "indicators": _("Indicators"),
    "sustainability": _("Sustainability"),
    "attachments": _("Attachments"),
}


def _budget_map(snapshot: dict[str, Any]) -> dict[tuple[str, int], int]:
    return {(b["category"], b["year"]): b["amount"] for b in snapshot.get("budget", [])}


def choice_label(choices: Any, value: Any) -> str:
    """The translated label of a code stored in a snapshot (the code itself when the
    choices no longer know it)."""
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value or "")


def iso_date(value: Any) -> datetime.date | None:
    """A date stored in a snapshot (ISO text), or None when it is missing or bad."""
    if isinstance(value, datetime.date):
        return value
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        return None


def _list_repr(section: str, item: dict[str, Any], currency: str = "") -> str:
    """One list item of a snapshot as the officer reads it: labels, not codes, and
    money in the language's format."""
    if section == "partners":
        return f"{item['name']} ({choice_label(PartnerRole, item['role'])})"
    if section == "financing":
        details = ", ".join(
            (
                choice_label(FinancingKind, item["kind"]),
                choice_label(FunderSector, item["sector"]),
                choice_label(FinancingStatus, item["status"]),
            )
        )
        return f"{item['funder']}: {format_money(item['amount'], currency)} ({details})"
    if section == "effects":
        return f"{choice_label(EffectLevel, item['level'])}: {item['text']}"
    if section == "indicators":
        return f"{item['code']} {item['name']}: {item['target']} {item['unit']}".strip()
    if section == "sustainability":
        return (
            f"{choice_label(IntegrationRating, item['rating'])}: {item['description']}"
        )
    if section == "attachments":
        return f"{item['title']} ({item['file_name']})"
    return str(item.get("title", item))


def diff_snapshots(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """What changed from `old` to `new`, section by section."""
    changes: list[Change] = []
    currency = new.get("currency") or old.get("currency") or ""
    old_project, new_project = old.get("project", {}), new.get("project", {})
    for name in PROJECT_FIELDS:
        if old_project.get(name) != new_project.get(name):
            label = str(
                getattr(Application._meta.get_field(name), "verbose_name", name)
            )
            changes.append(
                Change("project", label, old_project.get(name), new_project.get(name))
            )
    for section in ("municipalities", "activities", "goals"):
        before = [
            _list_repr(section, i) if isinstance(i, dict) else i
            for i in old.get(section, [])
        ]
        after = [
            _list_repr(section, i) if isinstance(i, dict) else i
            for i in new.get(section, [])
        ]
        if before != after:
            changes.append(Change(section, str(SECTION_LABELS[section]), before, after))
    before_budget, after_budget = _budget_map(old), _budget_map(new)
    for key in sorted(set(before_budget) | set(after_budget)):
        if before_budget.get(key) != after_budget.get(key):
            category, year = key
            changes.append(
                Change(
                    "budget",
                    f"{CostCategory(category).label} {year}",
                    before_budget.get(key),
                    after_budget.get(key),
                )
            )
    for section in ("partners", "financing", "effects", "indicators", "attachments"):
        before = [_list_repr(section, i, currency) for i in old.get(section, [])]
        after = [_list_repr(section, i, currency) for i in new.get(section, [])]
        if before != after:
            changes.append(Change(section, str(SECTION_LABELS[section]), before, after))
    old_answers = {a["aspect"]: a for a in old.get("sustainability", [])}
    new_answers = {a["aspect"]: a for a in new.get("sustainability", [])}
    for aspect in SustainabilityAspect.values:
        a, b = old_answers.get(aspect), new_answers.get(aspect)
        if a != b:
            changes.append(
                Change(
                    "sustainability",
                    str(SustainabilityAspect(aspect).label),
                    _list_repr("sustainability", a) if a else None,
                    _list_repr("sustainability", b) if b else None,
                )
            )
    return changes
