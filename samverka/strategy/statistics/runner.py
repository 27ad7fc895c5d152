"""Starting a statistics import, and the run that the background task performs.

`start_import` checks the right to change the indicator, records the request as a
`StatisticsImport` (queued) with an audit entry, and hands it to the task queue. The
run (`run_import`) fetches or reads the data, parses it, maps the codes and writes
the values with `services.observations_write`, all or nothing; its progress, counts
and message are kept on the import's row, which the staff page polls.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samverka.accounts.models import User
from samverka.core import audit
from samverka.core.errors import require
from samverka.strategy import policies, services
from samverka.strategy.choices import ImportSource, ImportStatus
from samverka.strategy.models import Indicator, StatisticsImport
from samverka.strategy.statistics import pxweb, statbank
from samverka.strategy.statistics.base import StatisticsError
from samverka.strategy.statistics.convert import (
    Conversion,
    convention_for,
    find_roles,
    selections,
    to_rows,
)
from samverka.strategy.statistics.jsonstat import load_json, parse_document
from samverka.strategy.statistics.regions import DENMARK, SWEDEN

logger = logging.getLogger(__name__)

#: Table ids: SCB v2 TAB638, SCB v1 BE/BE0101/BE0101A/BefolkningNy, DST FOLK1A.
TABLE_ID = re.compile(r"^[\w-]+(/[\w-]+)*$")
DEFAULT_MAX_UPLOAD = 10 * 1024 * 1024


def max_upload() -> int:
    return int(getattr(settings, "SAMVERKA_STATISTICS_MAX_UPLOAD", DEFAULT_MAX_UPLOAD))


def _source_url(source: str, table: str) -> str:
    if source == ImportSource.SCB_V2:
        return pxweb.v2_url(table)
    if source == ImportSource.SCB_V1:
        return pxweb.v1_url(table)
    return statbank.data_url()


def _check_query(query: Any) -> dict[str, Any]:
    if query in (None, ""):
        return {}
    if not isinstance(query, Mapping):
        raise ValidationError(
            {"query": _("Give the query as an object of variables, for example {…}.")}
        )
    try:
        selections(query)
    except StatisticsError as exc:
        raise ValidationError({"query": exc.message}) from exc
    return dict(query)


def start_import(
    *,
    indicator: Indicator,
    by: User | None,
    source: str,
    request: Mapping[str, Any] | None = None,
    file_bytes: bytes | None = None,
    synchronous: bool = False,
) -> StatisticsImport:
    """Queue an import of statistics into `indicator` and return its row.

    `request` holds ``table`` (for the APIs), ``query`` (the selection per variable,
    as `Indicator.source_query`) and, for an upload, ``file_name``. `by=None` is the
    system (the management command). `synchronous` runs the import at once instead
    of queueing it. Raises ValidationError (keyed by ``source``, ``table``, ``query``
    or ``file``) for a request that cannot start, PermissionDenied without the right.
    """
    if by is not None:
        require(policies.can_change_indicator(by, indicator))
    given = dict(request or {})
    if source not in ImportSource.values:
        raise ValidationError({"source": _("Choose where the statistics come from.")})
    query = _check_query(given.get("query"))
    stored: dict[str, Any] = {
        "query": query,
        "language": translation.get_language() or indicator.region.default_language,
    }
    if source == ImportSource.FILE:
        if not file_bytes:
            raise ValidationError({"file": _("Choose a JSON-stat or PxWeb JSON file.")})
        if len(file_bytes) > max_upload():
            raise ValidationError(
                {
                    "file": _("The file is larger than %(size)s MB.")
                    % {"size": max_upload() // (1024 * 1024)}
                }
            )
        try:
            document = load_json(file_bytes)
            parse_document(document)
        except StatisticsError as exc:
            raise ValidationError({"file": exc.message}) from exc
        stored["file_name"] = str(given.get("file_name") or "")[:200]
        stored["file_size"] = len(file_bytes)
        stored["document"] = document
        described = stored["file_name"] or _("uploaded file")
    else:
        table = str(given.get("table") or "").strip()
        if not table:
            raise ValidationError({"table": _("Give the table's id.")})
        if not TABLE_ID.match(table) or ".." in table or len(table) > 200:
            raise ValidationError(
                {
                    "table": _(
                        "A table id is letters, digits, - and _, with / between the "
                        "levels of a PxWebApi 1 path."
                    )
                }
            )
        stored["table"] = table
        stored["url"] = _source_url(source, table)
        described = table
    with transaction.atomic():
        job = StatisticsImport(
            region=indicator.region,
            indicator=indicator,
            source=source,
            request=stored,
            status=ImportStatus.QUEUED,
            started_by=by,
        )
        job.full_clean()
        job.save()
        audit.log(
            indicator,
            "strategy.import_start",
            by=by,
            changes={
                "import": (None, job.pk),
                "source": (None, source),
                "table": (None, described),
            },
        )
    if synchronous:
        run_import(job.pk)
    else:
        from samverka.strategy.tasks import import_statistics_task

        import_statistics_task.enqueue(import_id=job.pk)
    job.refresh_from_db()
    return job


def _save(job: StatisticsImport, **fields: Any) -> None:
    """Keep the run's state on its row at once (the page polls it)."""
    for name, value in fields.items():
        setattr(job, name, value)
    job.updated_at = timezone.now()
    StatisticsImport.objects.filter(pk=job.pk).update(
        **fields, updated_at=job.updated_at
    )


def _fetch(job: StatisticsImport) -> Any:
    request = job.request
    if job.source == ImportSource.FILE:
        if "document" not in request:
            raise StatisticsError(
                _("The uploaded file is no longer kept; upload it again.")
            )
        return request["document"]
    table = request.get("table", "")
    chosen = selections(request.get("query"))
    if job.source == ImportSource.SCB_V2:
        data = pxweb.fetch_scb_v2(table, chosen)
    elif job.source == ImportSource.SCB_V1:
        data = pxweb.fetch_scb_v1(table, chosen)
    else:
        data = statbank.fetch_statbank(table, chosen)
    return load_json(data)


def _convention(job: StatisticsImport, roles_region_dataset: Any) -> str:
    if job.source in (ImportSource.SCB_V2, ImportSource.SCB_V1):
        return SWEDEN
    if job.source == ImportSource.DST:
        return DENMARK
    dataset = roles_region_dataset
    roles = find_roles(dataset, job.request.get("query"))
    return convention_for(dataset, roles, job.region.country)


def _summary(conversion: Conversion, counts: Mapping[str, int]) -> str:
    message = _(
        "%(read)s values read: %(created)s new, %(updated)s updated, %(unchanged)s "
        "unchanged."
    ) % {
        "read": conversion.read,
        "created": counts.get("created", 0),
        "updated": counts.get("updated", 0),
        "unchanged": counts.get("unchanged", 0),
    }
    if conversion.missing:
        message += " " + _(
            "%(missing)s missing values (such as “..”) were skipped."
        ) % {"missing": conversion.missing}
    return message


def run_import(import_id: int) -> StatisticsImport:
    """Perform a queued import; never raises for a problem with the data or source.

    On any error the import is marked failed with a message naming the problem, and
    nothing is written: the indicator's earlier observations stay as they were.
    """
    job = StatisticsImport.objects.select_related("indicator", "region").get(
        pk=import_id
    )
    if job.status != ImportStatus.QUEUED:
        return job
    language = job.request.get("language") or job.region.default_language
    with translation.override(language):
        _save(
            job,
            status=ImportStatus.RUNNING,
            progress=5,
            started_at=timezone.now(),
            message="",
        )
        try:
            document = _fetch(job)
            _save(job, progress=30)
            dataset = parse_document(document)
            _save(job, progress=50, rows_read=len(dataset.records))
            convention = _convention(job, dataset)

            def progress(done: int, total: int) -> None:
                _save(job, progress=50 + int(30 * done / max(total, 1)))

            conversion = to_rows(
                dataset,
                query=job.request.get("query"),
                convention=convention,
                progress=progress,
            )
            _save(job, progress=80, rows_read=conversion.read)
            if not conversion.rows:
                raise StatisticsError(
                    _("The data held no values to import (%(missing)s were missing).")
                    % {"missing": conversion.missing}
                )
            counts = services.observations_write(
                indicator=job.indicator,
                by=None,
                rows=conversion.rows,
                statistics_import=job,
            )
        except StatisticsError as exc:
            _fail(job, exc.message)
        except ValidationError as exc:
            _fail(job, " ".join(str(m) for m in exc.messages))
        except Exception as exc:  # the run must end with a status
            logger.exception("Statistics import %s failed", job.pk)
            _fail(
                job,
                _("The import stopped on an unexpected error: %(error)s")
                % {"error": exc.__class__.__name__},
            )
        else:
            _save(
                job,
                status=ImportStatus.DONE,
                progress=100,
                rows_written=counts["created"] + counts["updated"],
                message=_summary(conversion, counts),
                finished_at=timezone.now(),
            )
        finally:
            _forget_upload(job)
    return job


def _fail(job: StatisticsImport, message: str) -> None:
    _save(
        job,
        status=ImportStatus.FAILED,
        rows_written=0,
        message=message,
        finished_at=timezone.now(),
    )


def _forget_upload(job: StatisticsImport) -> None:
    """An uploaded file's content is kept only until the run has read it."""
    if "document" in job.request:
        request = {k: v for k, v in job.request.items() if k != "document"}
        _save(job, request=request)
