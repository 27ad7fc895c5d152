"""Reads of regions shared by every app."""

from __future__ import annotations

from django.db.models import QuerySet

from samverka.core.models import Region


def region_list_public() -> QuerySet[Region]:
    """The active regions, in the order the public sees them."""
    return Region.objects.active().order_by("country", "name")
