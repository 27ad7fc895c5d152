"""The applicant's panel on their home page: their applications and the open calls of
the regions where their organisations are registered."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from samverka.actors.models import Membership
from samverka.applications import policies
from samverka.funding.models import Call


def my_applications(user: Any) -> dict[str, Any]:
    applications = list(
        policies.applications_of_applicant(user)
        .select_related("call", "organisation", "case")
        .order_by("-updated_at")[:8]
    )
    region_ids = set(
        Membership.objects.filter(user=user).values_list(
            "organisation__region_id", flat=True
        )
    )
    open_calls = list(
        Call.objects.open_at(timezone.now())
        .filter(region_id__in=region_ids, region__is_active=True)
        .select_related("region")
        .order_by("closes_at", "title")[:5]
    )
    return {"applications": applications, "open_calls": open_calls}
