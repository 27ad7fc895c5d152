"""National codes of the statistics offices → our areas, periods, sex and age groups.

Statistics Sweden (``Region``): ``00`` Sweden, two digits a län (the geo County's
code), four digits a kommun (the geo Municipality's code).

Statistics Denmark (``OMRÅDE``): ``000`` Denmark, ``081``–``085`` the five regions
(geo County codes ``1081``–``1085``), other three-digit codes a kommune (the geo
Municipality's code, for example ``101`` or ``265``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from samverka.strategy.choices import GeographyLevel, Sex
from samverka.strategy.statistics.base import StatisticsError

SWEDEN = "SE"
DENMARK = "DK"
CONVENTIONS = (SWEDEN, DENMARK)

_SE_COUNTY = re.compile(r"^\d{2}$")
_SE_MUNICIPALITY = re.compile(r"^\d{4}$")
_DK_REGION = re.compile(r"^08[1-5]$")
_DK_MUNICIPALITY = re.compile(r"^\d{3}$")

_YEAR = re.compile(r"^(\d{4})$")
_QUARTER = re.compile(r"^(\d{4})[KQ]([1-4])$")
_MONTH = re.compile(r"^(\d{4})M(0[1-9]|1[0-2])$")


@dataclass(frozen=True)
class Area:
    """Where a value is for: a level, a country and the national code of the area."""

    level: str
    country_code: str
    code: str = ""


def area_for(convention: str, code: str) -> Area:
    """The area of a national region code; StatisticsError for a code of another kind."""
    code = code.strip()
    if convention == SWEDEN:
        if code == "00":
            return Area(GeographyLevel.COUNTRY, SWEDEN)
        if _SE_COUNTY.match(code):
            return Area(GeographyLevel.COUNTY, SWEDEN, code)
        if _SE_MUNICIPALITY.match(code):
            return Area(GeographyLevel.MUNICIPALITY, SWEDEN, code)
    elif convention == DENMARK:
        if code == "000":
            return Area(GeographyLevel.COUNTRY, DENMARK)
        if _DK_REGION.match(code):
            return Area(GeographyLevel.COUNTY, DENMARK, "1" + code)
        if _DK_MUNICIPALITY.match(code) and code != "000":
            return Area(GeographyLevel.MUNICIPALITY, DENMARK, code)
    raise StatisticsError(
        _(
            "Unknown region code “%(code)s”: expected the whole country, a county or "
            "region, or a municipality."
        )
        % {"code": code}
    )


def period_for(code: str) -> tuple[int, str]:
    """(year, period) of a time code: ``2024`` → (2024, ""), ``2025K1`` → (2025,
    "2025K1"), ``2025M01`` → (2025, "2025M01")."""
    code = code.strip()
    match = _YEAR.match(code)
    if match:
        return int(match.group(1)), ""
    match = _QUARTER.match(code) or _MONTH.match(code)
    if match:
        return int(match.group(1)), code
    raise StatisticsError(
        _(
            "Unknown time code “%(code)s”: expected a year (2024), a quarter (2025K1) "
            "or a month (2025M01)."
        )
        % {"code": code}
    )


_SEX = {
    "1": Sex.MEN,
    "2": Sex.WOMEN,
    "M": Sex.MEN,
    "K": Sex.WOMEN,
    "1+2": Sex.TOTAL,
    "T": Sex.TOTAL,
    "TOT": Sex.TOTAL,
    "TOTALT": Sex.TOTAL,
    "IALT": Sex.TOTAL,
}


def sex_for(code: str | None) -> str:
    """Our sex of a ``Kon``/``KØN`` code: 1 men, 2 women, 1+2/TOT (or none) total."""
    if code is None:
        return Sex.TOTAL
    try:
        return _SEX[code.strip().upper()]
    except KeyError:
        raise StatisticsError(
            _("Unknown sex code “%(code)s”: expected 1 (men), 2 (women) or a total.")
            % {"code": code}
        ) from None


_AGE_TOTALS = frozenset(
    {"ialt", "alla", "alla åldrar", "samtliga", "total", "all ages", "age, total"}
)
MAX_AGE_GROUP = 20


def age_group_for(code: str | None) -> str:
    """The age group of an ``Alder``/``ALDER`` code; "" for all ages (``tot``,
    ``TOT``, ``totalt ålder``, ``IALT``…)."""
    if code is None:
        return ""
    text = code.strip()
    folded = text.casefold()
    if folded.startswith("tot") or folded in _AGE_TOTALS:
        return ""
    if len(text) > MAX_AGE_GROUP:
        raise StatisticsError(
            _("The age code “%(code)s” is longer than %(max)s characters.")
            % {"code": text, "max": MAX_AGE_GROUP}
        )
    return text
