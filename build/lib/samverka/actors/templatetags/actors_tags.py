"""Addresses of organisation pages in the area (staff or applicant) being shown."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

from samverka.actors.models import Organisation

register = template.Library()


@register.simple_tag(takes_context=True)
def org_url(context: Any, name: str, organisation: Organisation, *args: Any) -> str:
    """{% org_url "contact_update" organisation contact.pk %}: the staff page of the
    organisation's region, or the applicant's own page when ``area`` is "me"."""
    if context.get("area") == "me":
        return reverse(f"actors:my_{name}", args=[organisation.pk, *args])
    return reverse(
        f"actors:{name}", args=[organisation.region.slug, organisation.pk, *args]
    )
