"""Template filters for money, numbers and audit changes, in the active language."""

from __future__ import annotations

from typing import Any

from django import template

from samverka.core.formatting import format_money, format_number

register = template.Library()


@register.filter
def money(amount_minor: int | None, currency: str) -> str:
    """{{ budget.amount|money:region.currency }} → '1 234,56 kr'."""
    if amount_minor is None:
        return ""
    return format_money(int(amount_minor), currency)


@register.filter
def money_whole(amount_minor: int | None, currency: str) -> str:
    """{{ amount|money_whole:"SEK" }} → '1 235 kr'."""
    if amount_minor is None:
        return ""
    return format_money(int(amount_minor), currency, whole=True)


@register.filter
def number(value: Any) -> str:
    if value is None or value == "":
        return ""
    return format_number(value)


@register.filter
def format_change(value: Any) -> str:
    """An old or new value in an audit entry, shown briefly."""
    if value is None or value == "":
        return "–"
    if isinstance(value, dict) and "repr" in value:
        return str(value["repr"])
    if isinstance(value, list):
        return ", ".join(format_change(v) for v in value)
    return str(value)


@register.filter
def local(obj: Any, field: str) -> str:
    """{{ goal|local:"title" }}: the text in the active language, or the source text."""
    if obj is None:
        return ""
    localised = getattr(obj, "localised", None)
    if localised is None:
        return str(getattr(obj, field, "") or "")
    return str(localised(field))
