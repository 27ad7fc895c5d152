"""Template helpers of the funding pages: times in the region's time zone."""

from __future__ import annotations

import datetime
from typing import Any

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString

from samverka.core.formatting import format_date, format_moment

register = template.Library()


def region_time_text(value: datetime.datetime, region: Any) -> str:
    """'1 Dec 2026 23:59 (Europe/Copenhagen)': the moment as the region's clocks show it,
    in the active language, with the zone named."""
    return format_moment(value, region.tzinfo, style="long", zone_key=True)


@register.simple_tag
def region_time(value: datetime.datetime | None, region: Any) -> SafeString | str:
    """{% region_time call.closes_at region %} → a <time> element in the region's zone."""
    if value is None:
        return ""
    local = timezone.localtime(value, region.tzinfo)
    return format_html(
        '<time datetime="{}">{} {}</time> <span class="time-zone">({})</span>',
        local.isoformat(timespec="minutes"),
        format_date(local.date(), style="long"),
        f"{local:%H:%M}",
        region.tzinfo.key,
    )
