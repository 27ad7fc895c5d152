"""Asking a statistics office's API, with the standard library only.

`urlopen` is looked up on this module at each call, so that a test can replace the
internet (and only the internet) with recorded answers.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from samverka.strategy.statistics.base import StatisticsError

urlopen: Callable[..., Any] = urllib.request.urlopen

USER_AGENT = "Samverka"
#: Larger answers are refused: the APIs cap a request well below this.
MAX_BYTES = 50 * 1024 * 1024


def timeout() -> float:
    return float(getattr(settings, "SAMVERKA_STATISTICS_TIMEOUT", 60))


def fetch(
    url: str,
    *,
    payload: Mapping[str, Any] | None = None,
    office: str,
    opener: Callable[..., Any] | None = None,
) -> bytes:
    """GET `url`, or POST `payload` as JSON; the answer's bytes.

    `office` names the source in error messages. Refusals (HTTP 4xx/5xx) show the
    office's own message where its answer has one.
    """
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        raise StatisticsError(
            _("The address of %(office)s is not a web address: %(url)s")
            % {"office": office, "url": url}
        )
    data = None
    headers = {"User-Agent": USER_AGENT, "Accept": "application/json"}
    if payload is not None:
        data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        headers["Content-Type"] = "application/json; charset=utf-8"
    request = urllib.request.Request(  # noqa: S310 - http(s) only, checked above
        url, data=data, headers=headers, method="POST" if data is not None else "GET"
    )
    open_url = opener or urlopen
    try:
        with open_url(request, timeout=timeout()) as response:
            body: bytes = response.read(MAX_BYTES + 1)
    except urllib.error.HTTPError as exc:
        detail = _error_detail(exc)
        raise StatisticsError(
            _("%(office)s refused the request (HTTP %(status)s): %(detail)s")
            % {"office": office, "status": exc.code, "detail": detail}
        ) from exc
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise StatisticsError(
            _("Could not reach %(office)s: %(reason)s")
            % {"office": office, "reason": reason}
        ) from exc
    if len(body) > MAX_BYTES:
        raise StatisticsError(
            _("The answer of %(office)s is too large; select fewer values.")
            % {"office": office}
        )
    return body


def _error_detail(exc: urllib.error.HTTPError) -> str:
    try:
        body = exc.read(20_000).decode("utf-8", "replace")
    except Exception:  # noqa: BLE001 - the status line is enough then
        body = ""
    try:
        data = json.loads(body)
    except ValueError:
        return body.strip()[:300] or str(exc.reason)
    if isinstance(data, dict):
        for key in ("message", "title", "detail", "error"):
            if data.get(key):
                return str(data[key])[:300]
    return body.strip()[:300]
