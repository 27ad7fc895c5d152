"""The uniform shape every statistics parser yields, and the importer's error."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any


class StatisticsError(Exception):
    """A problem with a statistics source or its data, in words for the user.

    Raised with a message that is already translated (``gettext``, not lazy): the
    import run keeps it on its row.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class Dimension:
    """A variable of a table with its category codes in the data's order."""

    id: str
    label: str = ""
    codes: tuple[str, ...] = ()
    labels: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Record:
    """One value: the category code of each dimension, and the value (None: missing)."""

    categories: Mapping[str, str]
    value: Decimal | None
    status: str = ""


@dataclass
class Dataset:
    """A parsed answer: its dimensions, the roles the source gave them, and the values."""

    dimensions: list[Dimension]
    records: list[Record]
    roles: dict[str, list[str]] = field(default_factory=dict)
    label: str = ""
    format: str = ""

    def dimension(self, dimension_id: str) -> Dimension | None:
        for dimension in self.dimensions:
            if dimension.id == dimension_id:
                return dimension
        return None

    @property
    def dimension_ids(self) -> list[str]:
        return [d.id for d in self.dimensions]


#: Symbols statistics offices put in place of a value: not available, confidential,
#: too uncertain, not applicable.
MISSING_SYMBOLS = frozenset({"..", "...", ".", "-", "–", ":", "x", "X", ""})


def parse_value(raw: Any) -> Decimal | None:
    """A value of the data as a Decimal; None for null and the symbols of a missing value.

    >>> parse_value("50937"), parse_value(1.5), parse_value(".."), parse_value(None)
    (Decimal('50937'), Decimal('1.5'), None, None)
    """
    if raw is None or isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return Decimal(raw)
    if isinstance(raw, float):
        raw = repr(raw)
    if not isinstance(raw, str):
        return None
    text = raw.strip().replace("\u2212", "-").replace(" ", "")
    if text in MISSING_SYMBOLS:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None
