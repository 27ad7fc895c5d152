"""Machine-readable feeds of open calls: JSON Feed 1.1 and Atom, per region and for the
whole installation. Texts are in the active language (``Accept-Language`` or the
language cookie); times carry the region's UTC offset. See docs/feeds.md.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from samverka.core.models import Region
from samverka.core.selectors import region_list_public
from samverka.funding import selectors
from samverka.funding.models import Call

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
JSON_FEED_TYPE = "application/feed+json"
ATOM_TYPE = "application/atom+xml"
#: The XML namespace of the call's own elements in the Atom feed.
CALL_NAMESPACE = "urn:samverka:funding:call:1"


def _local_iso(value: Any, region: Region) -> str | None:
    if value is None:
        return None
    return timezone.localtime(value, region.tzinfo).isoformat()


def _item(request: HttpRequest, call: Call) -> dict[str, Any]:
    region = call.region
    url = request.build_absolute_uri(call.get_absolute_url())
    return {
        "id": url,
        "url": url,
        "title": call.localised("title"),
        "summary": call.localised("summary"),
        "content_text": call.localised("text") or call.localised("summary"),
        "date_published": (call.published_at or call.opens_at).isoformat(),
        "date_modified": call.updated_at.isoformat(),
        "tags": [fund.localised("name") for fund in call.funds.all()],
        "_call": {
            "region": region.slug,
            "region_name": region.name,
            "state": call.state,
            "intake": call.intake,
            "opens_at": _local_iso(call.opens_at, region),
            "closes_at": _local_iso(call.closes_at, region),
            "time_zone": region.tzinfo.key,
            "budget": call.budget,
            "min_amount": call.min_amount,
            "max_amount": call.max_amount,
            "currency": region.currency,
            "funds": [fund.localised("name") for fund in call.funds.all()],
        },
    }


def json_feed(
    request: HttpRequest,
    *,
    calls: Iterable[Call],
    title: str,
    home: str,
    feed_url: str,
) -> HttpResponse:
    document = {
        "version": JSON_FEED_VERSION,
        "title": title,
        "home_page_url": request.build_absolute_uri(home),
        "feed_url": request.build_absolute_uri(feed_url),
        "language": get_language() or "en",
        "items": [_item(request, call) for call in calls],
    }
    return HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=2),
        content_type=f"{JSON_FEED_TYPE}; charset=utf-8",
    )


class CallAtomFeed(Atom1Feed):
    """Atom with each call's opening and closing times (and region) as elements of
    `CALL_NAMESPACE`."""

    def root_attributes(self) -> dict[str, str]:
        attrs = super().root_attributes()
        attrs["xmlns:call"] = CALL_NAMESPACE
        return attrs

    def add_item_elements(self, handler: Any, item: dict[str, Any]) -> None:
        super().add_item_elements(handler, item)
        for name in ("opens", "closes", "region", "state", "time_zone"):
            value = item.get(f"call_{name}")
            if value:
                handler.addQuickElement(f"call:{name.replace('_', '-')}", value)


def atom_feed(
    request: HttpRequest,
    *,
    calls: Iterable[Call],
    title: str,
    home: str,
    feed_url: str,
) -> HttpResponse:
    feed = CallAtomFeed(
        title=title,
        link=request.build_absolute_uri(home),
        description=title,
        language=get_language() or "en",
        feed_url=request.build_absolute_uri(feed_url),
        feed_guid=request.build_absolute_uri(feed_url),
    )
    for call in calls:
        region = call.region
        url = request.build_absolute_uri(call.get_absolute_url())
        opens = _local_iso(call.opens_at, region) or ""
        closes = _local_iso(call.closes_at, region) or ""
        summary = call.localised("summary")
        feed.add_item(
            title=call.localised("title"),
            link=url,
            description=summary,
            unique_id=url,
            pubdate=call.published_at or call.opens_at,
            updateddate=call.updated_at,
            categories=[fund.localised("name") for fund in call.funds.all()],
            call_opens=opens,
            call_closes=closes,
            call_region=region.slug,
            call_state=call.state,
            call_time_zone=region.tzinfo.key,
        )
    response = HttpResponse(content_type=f"{ATOM_TYPE}; charset=utf-8")
    feed.write(response, "utf-8")
    return response


def _region_feed(request: HttpRequest, region_slug: str, kind: str) -> HttpResponse:
    region = get_object_or_404(region_list_public(), slug=region_slug)
    maker = json_feed if kind == "json" else atom_feed
    return maker(
        request,
        calls=selectors.open_calls(region),
        title=_("Open calls of %(region)s") % {"region": region.name},
        home=reverse("funding:public_call_list", args=[region.slug]),
        feed_url=reverse(f"funding:public_call_feed_{kind}", args=[region.slug]),
    )


def _all_feed(request: HttpRequest, kind: str) -> HttpResponse:
    maker = json_feed if kind == "json" else atom_feed
    return maker(
        request,
        calls=selectors.open_calls_everywhere(),
        title=_("Open calls"),
        home="/",
        feed_url=reverse(f"funding:call_feed_{kind}"),
    )


@login_not_required
@require_GET
def region_json(request: HttpRequest, region_slug: str) -> HttpResponse:
    return _region_feed(request, region_slug, "json")


@login_not_required
@require_GET
def region_atom(request: HttpRequest, region_slug: str) -> HttpResponse:
    return _region_feed(request, region_slug, "atom")


@login_not_required
@require_GET
def all_json(request: HttpRequest) -> HttpResponse:
    return _all_feed(request, "json")


@login_not_required
@require_GET
def all_atom(request: HttpRequest) -> HttpResponse:
    return _all_feed(request, "atom")


urlpatterns = [
    path("calls/open.json", all_json, name="call_feed_json"),
    path("calls/open.atom", all_atom, name="call_feed_atom"),
    path(
        "<slug:region_slug>/calls/open.json", region_json, name="public_call_feed_json"
    ),
    path(
        "<slug:region_slug>/calls/open.atom", region_atom, name="public_call_feed_atom"
    ),
]
