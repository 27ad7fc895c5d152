"""Writes to the case register: opening cases and registering documents.

Other apps call these inside their own transaction (an application's submit opens its
case and registers its documents in the same transaction, so a failed submit leaves
no case and uses no number). `by=None` is the system itself.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.files.base import ContentFile, File
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from samverka.accounts.models import User
from samverka.core import audit
from samverka.core.models import Region
from samverka.records.choices import CaseKind, Direction, DocumentKind
from samverka.records.models import Case, CaseSequence, Document


def format_case_number(region: Region, year: int, number: int) -> str:
    """``RVN 2026-00042``: prefix, year and a five-digit running number."""
    return f"{region.case_number_prefix} {year}-{number:05d}"


def next_case_number(*, region: Region, year: int) -> int:
    """Take the next number of `region` and `year` from its counter row.

    Must run inside a transaction: the counter row stays locked until it commits, so
    concurrent callers wait their turn and a rollback returns the number unused.
    """
    CaseSequence.objects.bulk_create(
        [CaseSequence(region=region, year=year, last_number=0)],
        ignore_conflicts=True,
    )
    sequence = CaseSequence.objects.select_for_update().get(region=region, year=year)
    sequence.last_number += 1
    sequence.save(update_fields=["last_number"])
    return sequence.last_number


@transaction.atomic
def case_open(
    *,
    region: Region,
    title: str,
    by: User | None,
    kind: str = CaseKind.GENERAL,
    party: str = "",
    officer: User | None = None,
) -> Case:
    """Open a case with the region's next case number for the current year."""
    now = timezone.now()
    year = timezone.localtime(now, region.tzinfo).year
    number = next_case_number(region=region, year=year)
    case = Case(
        region=region,
        year=year,
        number=number,
        case_number=format_case_number(region, year, number),
        kind=kind,
        title=title[:300],
        party=party[:255],
        officer=officer,
        opened_at=now,
    )
    case.full_clean()
    case.save()
    audit.log(
        case,
        "records.case_open",
        by=by,
        changes={"case_number": (None, case.case_number), "title": (None, case.title)},
    )
    return case


@transaction.atomic
def document_register(
    *,
    case: Case,
    by: User | None,
    direction: str,
    kind: str,
    title: str,
    content: bytes | File[Any] | None = None,
    file_name: str = "",
    content_type: str = "",
    counterpart: str = "",
) -> Document:
    """Register a document in `case` with the case's next document number.

    `content` is the document itself (bytes or a Django `File`), stored through the
    storage API; a document without content records that something was received or
    sent (a letter on paper).
    """
    Case.objects.select_for_update().filter(pk=case.pk).first()
    top = case.documents.aggregate(top=Max("number"))["top"] or 0
    document = Document(
        case=case,
        number=top + 1,
        direction=direction,
        kind=kind,
        title=title[:300],
        counterpart=counterpart[:255],
        file_name=file_name[:255],
        content_type=content_type[:100],
        registered_at=timezone.now(),
        registered_by=by if by is not None and by.is_authenticated else None,
    )
    if content is not None:
        data = content if isinstance(content, bytes) else _read(content)
        document.size = len(data)
        document.sha256 = hashlib.sha256(data).hexdigest()
        document.file.save(file_name or "document", ContentFile(data), save=False)
    document.full_clean(exclude=["file"])
    document.save()
    audit.log(
        document,
        "records.document_register",
        by=by,
        region=case.region,
        changes={
            "reference": (None, document.reference),
            "title": (None, document.title),
            "direction": (None, document.get_direction_display()),
        },
    )
    return document


def _read(content: File[Any]) -> bytes:
    content.seek(0)
    data = content.read()
    content.seek(0)
    return data if isinstance(data, bytes) else data.encode()


__all__ = [
    "Direction",
    "DocumentKind",
    "case_open",
    "document_register",
    "format_case_number",
    "next_case_number",
]
