"""The id of the request being served, kept in a context variable.

Free of Django imports, because the logging configuration loads it before apps are ready.
"""

from __future__ import annotations

import contextvars
import logging

request_id_var: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "samverka_request_id", default=None
)


def current_request_id() -> str | None:
    """The id of the request being served, for audit entries and log lines."""
    return request_id_var.get()


class RequestIdLogFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current_request_id() or "-"
        return True
