"""Reads of the case register for its staff pages."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import Count, F, Q, QuerySet

from samverka.core.models import Region
from samverka.records import policies
from samverka.records.models import Case, Document


def case_list(
    *, user: Any, region: Region, filters: Mapping[str, Any] | None = None
) -> QuerySet[Case]:
    """The region's cases that `user` sees, newest first, with their document count.

    `filters`: ``q`` (part of the case number, title or party), ``year``, ``kind``,
    ``status``.
    """
    filters = filters or {}
    cases = (
        policies.cases_visible_to(user)
        .filter(region=region)
        .select_related("officer")
        .annotate(document_count=Count("documents"))
        .order_by("-year", "-number")
    )
    query = (filters.get("q") or "").strip()
    if query:
        cases = cases.filter(
            Q(case_number__icontains=query)
            | Q(title__icontains=query)
            | Q(party__icontains=query)
        )
    if filters.get("year"):
        cases = cases.filter(year=filters["year"])
    if filters.get("kind"):
        cases = cases.filter(kind=filters["kind"])
    if filters.get("status"):
        cases = cases.filter(status=filters["status"])
    return cases


def case_years(*, region: Region) -> list[int]:
    """The years the region has cases in, newest first (for the year filter)."""
    return list(
        Case.objects.filter(region=region)
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )


def case_get(*, user: Any, region: Region, pk: int) -> Case | None:
    """A case of the region that `user` sees, with the id of its application (if
    the case is about one) as ``application_pk``."""
    return (
        policies.cases_visible_to(user)
        .filter(region=region, pk=pk)
        .select_related("officer", "region")
        .annotate(application_pk=F("application__pk"))
        .first()
    )


def case_documents(*, case: Case) -> list[Document]:
    """The case's registered documents in number order."""
    documents = list(case.documents.select_related("registered_by").order_by("number"))
    for document in documents:
        document.case = case
    return documents


def document_get(*, user: Any, region: Region, pk: int) -> Document | None:
    """A registered document of the region that `user` sees."""
    return (
        policies.documents_visible_to(user)
        .filter(case__region=region, pk=pk)
        .select_related("case")
        .first()
    )
