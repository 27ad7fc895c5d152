"""The page shell: the user's regions for the switcher, the current region and the menu."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from samverka.accounts import policies
from samverka.core.navigation import menu_items


def shell(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    match = getattr(request, "resolver_match", None)
    slug = match.kwargs.get("region_slug") if match else None
    staff_regions = (
        list(policies.regions_visible_to(user))
        if policies.is_staff_member(user)
        else []
    )
    current = next((r for r in staff_regions if r.slug == slug), None)
    menu = []
    if current is not None:
        for item in menu_items():
            if item.allowed(user, current):
                try:
                    url = reverse(item.url_name, kwargs={"region_slug": current.slug})
                except NoReverseMatch:
                    continue
                menu.append({"label": item.label, "url": url, "key": item.key})
    return {
        "LANGUAGE_CHOICES": settings.LANGUAGES,
        "staff_regions": staff_regions,
        "current_region": current,
        "staff_menu": menu,
        "is_staff_member": bool(staff_regions),
    }
