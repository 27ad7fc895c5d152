"""Money, numbers and dates formatted for the active language.

Money is always an integer number of minor units (öre, øre, cent) with a currency code.
"""

from __future__ import annotations

import datetime
import re
from decimal import ROUND_HALF_UP, Decimal

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.numbers import format_currency, format_decimal, get_currency_precision
from django.utils.translation import get_language, to_locale

#: Babel's locale for each interface language; English is shown with European dates.
_LOCALES = {"sv": "sv_SE", "da": "da_DK", "nb": "nb_NO", "fi": "fi_FI", "en": "en_IE"}


def current_locale(language: str | None = None) -> str:
    language = (language or get_language() or "en").split("-")[0]
    return _LOCALES.get(language, to_locale(language))


def minor_to_major(amount_minor: int, currency: str) -> Decimal:
    """123456 öre → Decimal('1234.56') kronor."""
    if not isinstance(amount_minor, int) or isinstance(amount_minor, bool):
        raise TypeError("Money is an integer number of minor units.")
    return Decimal(amount_minor).scaleb(-get_currency_precision(currency))


def format_money(
    amount_minor: int,
    currency: str,
    *,
    language: str | None = None,
    whole: bool = False,
) -> str:
    """Format minor units as money in the active language, e.g. '1 234,56 kr' in Swedish.

    `whole` rounds to whole units and drops the decimals, as budgets are usually shown.
    """
    amount = minor_to_major(amount_minor, currency)
    locale = current_locale(language)
    if not whole:
        return format_currency(amount, currency, locale=locale)
    pattern = (
        Locale.parse(locale).currency_formats["standard"].pattern.replace(".00", "")
    )
    return format_currency(
        amount.quantize(Decimal(1), rounding=ROUND_HALF_UP),
        currency,
        format=pattern,
        locale=locale,
        currency_digits=False,
    )


def format_number(value: int | float | Decimal, *, language: str | None = None) -> str:
    """Format a number with the grouping and decimal sign of the active language."""
    return format_decimal(value, locale=current_locale(language))


def format_date(
    value: datetime.date, *, language: str | None = None, style: str = "medium"
) -> str:
    """Format a date in the active language, e.g. '26 nov. 2026' in Swedish."""
    return babel_format_date(value, format=style, locale=current_locale(language))


def format_moment(
    moment: datetime.datetime,
    tz: datetime.tzinfo,
    *,
    style: str = "medium",
    zone_key: bool = False,
    language: str | None = None,
) -> str:
    """A moment as clocks in `tz` show it, in the active language, with the zone
    named: '26 nov. 2026 14:26 (CET)', or with `zone_key` '(Europe/Stockholm)'."""
    from django.utils import timezone

    local = timezone.localtime(moment, tz)
    zone = getattr(tz, "key", None) if zone_key else None
    return (
        f"{format_date(local.date(), language=language, style=style)} "
        f"{local:%H:%M} ({zone or local.tzname()})"
    )


def end_sentence(text: str) -> str:
    """One full stop where a sentence ends on an abbreviation that has its own, as
    Danish amounts do (``… udgør 0,00 kr.``, not ``kr..``)."""
    return re.sub(r"(?<!\.)\.\.(?=\s|$)", ".", text)
