"""A parsed dataset and an indicator's query → the observation rows to write.

The query is the indicator's ``source_query``: the selection per variable, for
example ``{"ContentsCode": ["BE0101N1"], "Region": ["22", "2281"], "Tid": ["*"]}``.
It is sent to the API, and it also filters what comes back (or what an uploaded
file holds). Four optional keys name the dimensions that carry the area, the time,
sex and age where the names are not the usual ones: ``region_dimension``,
``time_dimension``, ``sex_dimension``, ``age_dimension``.

Region and time become the observation's area and period, sex and age its group;
every other dimension must be eliminated or fixed to one value, or the import fails
naming the dimension.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from samverka.strategy.services import ObservationRow
from samverka.strategy.statistics.base import Dataset, Record, StatisticsError
from samverka.strategy.statistics.regions import (
    DENMARK,
    SWEDEN,
    age_group_for,
    area_for,
    period_for,
    sex_for,
)

ROLE_KEYS = {
    "region": "region_dimension",
    "time": "time_dimension",
    "sex": "sex_dimension",
    "age": "age_dimension",
}

#: Usual dimension names, compared without case and accents.
_USUAL = {
    "region": ("region", "omrade", "geo", "area"),
    "time": ("tid", "time", "ar", "year"),
    "sex": ("kon", "sex", "gender"),
    "age": ("alder", "age"),
}

MAX_LISTED = 5
SIX_DECIMALS = Decimal("0.000001")


_NORDIC = str.maketrans({"ø": "o", "æ": "ae", "đ": "d"})


def _fold(text: str) -> str:
    """Lower case without accents: OMRÅDE → omrade, Kön → kon, KØN → kon."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_NORDIC))
    return "".join(c for c in decomposed if c.isascii() and c.isalnum())


def selections(query: Mapping[str, Any] | None) -> dict[str, list[str]]:
    """The selection per variable of a query, without the role keys."""
    result: dict[str, list[str]] = {}
    for variable, selection in (query or {}).items():
        if variable in ROLE_KEYS.values():
            continue
        if isinstance(selection, str):
            result[variable] = [selection]
        elif isinstance(selection, list) and all(isinstance(s, str) for s in selection):
            result[variable] = list(selection)
        else:
            raise StatisticsError(
                _("The selection of “%(variable)s” must be a text or a list of texts.")
                % {"variable": variable}
            )
    return result


@dataclass(frozen=True)
class Roles:
    region: str | None
    time: str
    sex: str | None
    age: str | None

    @property
    def mapped(self) -> set[str]:
        return {d for d in (self.region, self.time, self.sex, self.age) if d}


def find_roles(dataset: Dataset, query: Mapping[str, Any] | None) -> Roles:
    """Which dimension carries the area, the time, sex and age."""
    query = query or {}
    ids = dataset.dimension_ids
    found: dict[str, str | None] = {}
    for role, key in ROLE_KEYS.items():
        named = query.get(key)
        if named:
            if named not in ids:
                raise StatisticsError(
                    _(
                        "The query names “%(dimension)s” as the %(role)s dimension, but "
                        "the data has no such dimension (it has %(ids)s)."
                    )
                    % {"dimension": named, "role": role, "ids": ", ".join(ids)}
                )
            found[role] = str(named)
            continue
        geo_or_time = dataset.roles.get("geo" if role == "region" else role) or []
        candidates = [d for d in geo_or_time if d in ids]
        if not candidates:
            candidates = [d for d in ids if _fold(d) in _USUAL[role]]
        found[role] = candidates[0] if candidates else None
    if found["time"] is None:
        raise StatisticsError(
            _(
                "The data has no time dimension; name it in the query, for example "
                '{"time_dimension": "Tid"}.'
            )
        )
    return Roles(
        region=found["region"],
        time=str(found["time"]),
        sex=found["sex"],
        age=found["age"],
    )


def convention_for(dataset: Dataset, roles: Roles, fallback: str) -> str:
    """Whose codes an uploaded file uses: Denmark's for an OMRÅDE dimension, Sweden's
    for a Region dimension, else the region's own country."""
    if roles.region and _fold(roles.region) == "omrade":
        return DENMARK
    if roles.region and _fold(roles.region) == "region":
        return SWEDEN
    return fallback if fallback in (SWEDEN, DENMARK) else SWEDEN


def _listed(codes: list[str]) -> str:
    shown = ", ".join(codes[:MAX_LISTED])
    return shown + ("…" if len(codes) > MAX_LISTED else "")


def select(
    dataset: Dataset, query: Mapping[str, Any] | None, roles: Roles
) -> list[Record]:
    """The records the query keeps; refuses a dimension left with several values."""
    records = dataset.records
    for variable, codes in selections(query).items():
        dimension = dataset.dimension(variable)
        if dimension is None or any("*" in code for code in codes):
            continue  # eliminated by the source, or "all values"
        if not set(codes) & set(dimension.codes):
            raise StatisticsError(
                _(
                    "The query selects %(codes)s of “%(dimension)s”, but the data has "
                    "only %(found)s."
                )
                % {
                    "codes": _listed(codes),
                    "dimension": variable,
                    "found": _listed(list(dimension.codes)),
                }
            )
        wanted = set(codes)
        records = [r for r in records if r.categories.get(variable) in wanted]
    for dimension in dataset.dimensions:
        if dimension.id in roles.mapped:
            continue
        left = list(dict.fromkeys(r.categories.get(dimension.id, "") for r in records))
        if len(left) > 1:
            raise StatisticsError(
                _(
                    "The dimension “%(dimension)s” has several values (%(codes)s); fix it "
                    'to one in the query, for example {"%(dimension)s": ["%(first)s"]}.'
                )
                % {"dimension": dimension.id, "codes": _listed(left), "first": left[0]}
            )
    return records


@dataclass
class Conversion:
    rows: list[ObservationRow]
    read: int
    missing: int


def to_rows(
    dataset: Dataset,
    *,
    query: Mapping[str, Any] | None,
    convention: str,
    progress: Callable[[int, int], None] | None = None,
) -> Conversion:
    """The observation rows of a dataset: one per value that is not missing.

    `convention` is ``SE`` or ``DK``: whose region codes the data uses (the country
    itself when the data has no region dimension). `progress(done, total)` is told
    how far the conversion has come now and then.
    """
    roles = find_roles(dataset, query)
    records = select(dataset, query, roles)
    rows: list[ObservationRow] = []
    missing = 0
    seen: dict[tuple[Any, ...], int] = {}
    total = len(records)
    step = max(total // 10, 500)
    for number, record in enumerate(records, start=1):
        if progress is not None and number % step == 0:
            progress(number, total)
        if record.value is None:
            missing += 1
            continue
        try:
            row = _row(record, roles, convention)
        except StatisticsError as exc:
            raise StatisticsError(
                _("%(problem)s (value %(number)s of %(total)s)")
                % {"problem": exc.message, "number": number, "total": total}
            ) from exc
        key = (
            row.year,
            row.period,
            row.area_level,
            row.area_code,
            row.sex,
            row.age_group,
        )
        if key in seen:
            raise StatisticsError(
                _(
                    "Values %(first)s and %(second)s are for the same area, period and "
                    "group; fix the dimensions that tell them apart in the query."
                )
                % {"first": seen[key], "second": number}
            )
        seen[key] = number
        rows.append(row)
    return Conversion(rows=rows, read=total, missing=missing)


def _row(record: Record, roles: Roles, convention: str) -> ObservationRow:
    categories = record.categories
    if roles.region:
        area = area_for(convention, categories[roles.region])
    else:
        area = area_for(convention, "00" if convention == SWEDEN else "000")
    year, period = period_for(categories[roles.time])
    value = record.value or Decimal(0)
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -6:
        value = value.quantize(SIX_DECIMALS)
    return ObservationRow(
        year=year,
        period=period,
        value=value,
        area_level=area.level,
        country_code=area.country_code,
        area_code=area.code,
        sex=sex_for(categories.get(roles.sex) if roles.sex else None),
        age_group=age_group_for(categories.get(roles.age) if roles.age else None),
    )
