"""The page shell: the user's regions for the switcher, the current region and the
menu, and the count of the user's unread notifications for the header."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from samverka.accounts import policies
from samverka.core.navigation import menu_items


def _unread_counter(user: Any) -> Callable[[], int]:
    """The number of unread notifications, counted (one COUNT query) only when a
    template asks for it, and once per request."""

    @functools.cache
    def count() -> int:
        from samverka.core.models import Notification

        return Notification.objects.filter(recipient=user, read_at__isnull=True).count()

    return count


def _notifications_url() -> str:
    try:
        return reverse("core:notifications")
    except NoReverseMatch:
        return ""


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
    authenticated = bool(user is not None and user.is_authenticated)
    return {
        "LANGUAGE_CHOICES": settings.LANGUAGES,
        # A callable: the template calls it when (and only when) it shows the count.
        "unread_notifications": _unread_counter(user) if authenticated else 0,
        "notifications_url": _notifications_url() if authenticated else "",
        "staff_regions": staff_regions,
        "current_region": current,
        "staff_menu": menu,
        "is_staff_member": bool(staff_regions),
    }
