"""Statistics Denmark's Statbank API (https://api.statbank.dk/v1/).

``POST {SAMVERKA_STATBANK_URL}data`` with ``{"table": "FOLK1A", "format": "JSONSTAT",
"variables": [{"code": "OMRÅDE", "values": ["000", "085"]}, ...]}`` answers in
JSON-stat 1.0 (read by `jsonstat.parse_jsonstat1`). ``*`` selects every value of a
variable; a variable left out is eliminated (its total). Refusals come with HTTP 400
and ``{"errorTypeCode": ..., "message": ...}``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from samverka.strategy.statistics import http

STATBANK_URL = "https://api.statbank.dk/v1/"


def data_url() -> str:
    base = getattr(settings, "SAMVERKA_STATBANK_URL", STATBANK_URL)
    return f"{base.rstrip('/')}/data"


def payload(table: str, selections: Mapping[str, list[str]]) -> dict[str, Any]:
    return {
        "table": table.strip(),
        "format": "JSONSTAT",
        "lang": "en",
        "variables": [
            {"code": code, "values": list(values)}
            for code, values in selections.items()
        ],
    }


def fetch_statbank(
    table: str,
    selections: Mapping[str, list[str]],
    *,
    opener: Callable[..., Any] | None = None,
) -> bytes:
    return http.fetch(
        data_url(),
        payload=payload(table, selections),
        office=_("Statistics Denmark"),
        opener=opener,
    )
