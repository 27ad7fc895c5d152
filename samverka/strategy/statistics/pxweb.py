"""Statistics Sweden's PxWebApi: version 2 (JSON-stat 2.0) and version 1.

PxWebApi 2: ``POST {SAMVERKA_SCB_V2_URL}tables/{table}/data?outputFormat=json-stat2``
with ``{"selection": [{"variableCode": ..., "valueCodes": [...]}]}``.

PxWebApi 1: ``POST {SAMVERKA_SCB_V1_URL}{path/to/table}`` with
``{"query": [{"code": ..., "selection": {"filter": "item", "values": [...]}}],
"response": {"format": "json-stat"}}``; it also answers in a plain "json" format
(``columns`` and ``data[{key, values}]``), read by `parse_pxweb_json`.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Callable, Mapping
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from samverka.strategy.statistics import http
from samverka.strategy.statistics.base import (
    Dataset,
    Dimension,
    Record,
    StatisticsError,
    parse_value,
)

SCB_V2_URL = "https://statistikdatabasen.scb.se/api/v2/"
SCB_V1_URL = "https://api.scb.se/OV0104/v1/doris/sv/ssd/"

#: The dimension PxWeb's plain json gives the content columns.
CONTENTS = "ContentsCode"


def v2_url(table: str) -> str:
    base = getattr(settings, "SAMVERKA_SCB_V2_URL", SCB_V2_URL)
    quoted = urllib.parse.quote(table.strip(), safe="")
    return f"{base.rstrip('/')}/tables/{quoted}/data?lang=sv&outputFormat=json-stat2"


def v1_url(table: str) -> str:
    base = getattr(settings, "SAMVERKA_SCB_V1_URL", SCB_V1_URL)
    quoted = urllib.parse.quote(table.strip().strip("/"), safe="/")
    return f"{base.rstrip('/')}/{quoted}"


def v2_payload(selections: Mapping[str, list[str]]) -> dict[str, Any]:
    return {
        "selection": [
            {"variableCode": code, "valueCodes": list(values)}
            for code, values in selections.items()
        ]
    }


def v1_payload(selections: Mapping[str, list[str]]) -> dict[str, Any]:
    query = []
    for code, values in selections.items():
        if list(values) == ["*"]:
            selection: dict[str, Any] = {"filter": "all", "values": ["*"]}
        else:
            selection = {"filter": "item", "values": list(values)}
        query.append({"code": code, "selection": selection})
    return {"query": query, "response": {"format": "json-stat"}}


def fetch_scb_v2(
    table: str,
    selections: Mapping[str, list[str]],
    *,
    opener: Callable[..., Any] | None = None,
) -> bytes:
    return http.fetch(
        v2_url(table),
        payload=v2_payload(selections),
        office=_("Statistics Sweden"),
        opener=opener,
    )


def fetch_scb_v1(
    table: str,
    selections: Mapping[str, list[str]],
    *,
    opener: Callable[..., Any] | None = None,
) -> bytes:
    return http.fetch(
        v1_url(table),
        payload=v1_payload(selections),
        office=_("Statistics Sweden"),
        opener=opener,
    )


# The plain "json" format of PxWebApi 1 ---------------------------------------------


def is_pxweb_json(document: Mapping[str, Any]) -> bool:
    return isinstance(document.get("columns"), list) and isinstance(
        document.get("data"), list
    )


def parse_pxweb_json(document: Mapping[str, Any]) -> Dataset:
    """PxWebApi 1 "json": ``columns`` (type ``d`` dimension, ``t`` time, ``c``
    content) and ``data`` rows of ``key`` (one code per dimension and time column)
    and ``values`` (one per content column). Content columns become a
    ``ContentsCode`` dimension."""
    columns = document["columns"]
    keys: list[dict[str, Any]] = []
    contents: list[dict[str, Any]] = []
    for column in columns:
        if not isinstance(column, Mapping) or not column.get("code"):
            raise StatisticsError(_("A column of the PxWeb data has no code."))
        (contents if column.get("type") == "c" else keys).append(dict(column))
    if not contents:
        raise StatisticsError(_("The PxWeb data has no content column."))
    key_ids = [str(c["code"]) for c in keys]
    if CONTENTS in key_ids:
        raise StatisticsError(_("The PxWeb data has a column named ContentsCode."))
    seen: dict[str, dict[str, None]] = {code: {} for code in [*key_ids, CONTENTS]}
    records: list[Record] = []
    for number, row in enumerate(document["data"], start=1):
        key = row.get("key") if isinstance(row, Mapping) else None
        values = row.get("values") if isinstance(row, Mapping) else None
        if (
            not isinstance(key, list)
            or not isinstance(values, list)
            or len(key) != len(key_ids)
            or len(values) != len(contents)
        ):
            raise StatisticsError(
                _("Row %(row)s of the PxWeb data does not match its columns.")
                % {"row": number}
            )
        base = {code: str(part) for code, part in zip(key_ids, key, strict=True)}
        for code, part in base.items():
            seen[code][part] = None
        for column, raw in zip(contents, values, strict=True):
            content = str(column["code"])
            seen[CONTENTS][content] = None
            records.append(
                Record(categories={**base, CONTENTS: content}, value=parse_value(raw))
            )
    dimensions = [
        Dimension(
            id=str(column["code"]),
            label=str(column.get("text") or ""),
            codes=tuple(seen[str(column["code"])]),
        )
        for column in keys
    ]
    dimensions.append(
        Dimension(
            id=CONTENTS,
            label=_("contents"),
            codes=tuple(seen[CONTENTS]),
            labels={str(c["code"]): str(c.get("text") or "") for c in contents},
        )
    )
    metadata = document.get("metadata")
    label = ""
    if isinstance(metadata, list) and metadata and isinstance(metadata[0], Mapping):
        label = str(metadata[0].get("label") or "")
    return Dataset(
        dimensions=dimensions,
        records=records,
        roles={
            "time": [str(c["code"]) for c in keys if c.get("type") == "t"],
            "metric": [CONTENTS],
        },
        label=label,
        format="pxweb json",
    )
