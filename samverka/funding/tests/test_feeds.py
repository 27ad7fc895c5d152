"""The feeds of open calls: valid JSON Feed 1.1 and Atom, per region and for all."""

import datetime
import json
import xml.etree.ElementTree as ET

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from samverka.funding.tests.factories import CallFactory, FundFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
CALL = "{urn:samverka:funding:call:1}"


def client_in(language="en"):
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


@pytest.fixture
def calls(region, other_region):
    fund = FundFactory(region=region, name="Regionala projektmedel")
    open_call = CallFactory(
        region=region,
        title="Öppen utlysning",
        summary="Sök medel nu.",
        translations={"en": {"title": "Open call", "summary": "Apply now."}},
        funds=[fund],
    )
    CallFactory(region=region, title="Stängd utlysning", closed=True)
    CallFactory(region=region, title="Utkast", draft=True)
    CallFactory(
        region=region,
        title="Kommande",
        opens_at=timezone.now() + datetime.timedelta(days=3),
    )
    danish = CallFactory(
        region=other_region,
        title="Kvalificeret arbejdskraft",
        closes_at=datetime.datetime(2099, 12, 1, 22, 59, tzinfo=datetime.UTC),
    )
    return open_call, danish


def test_region_json_feed(region, calls):
    open_call, _danish = calls
    response = client_in().get(
        reverse("funding:public_call_feed_json", args=[region.slug])
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/feed+json")
    feed = json.loads(response.content)
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["feed_url"].endswith(f"/{region.slug}/calls/open.json")
    assert [item["title"] for item in feed["items"]] == ["Open call"]
    item = feed["items"][0]
    assert item["url"] == f"http://testserver{open_call.get_absolute_url()}"
    assert item["summary"] == "Apply now."
    assert item["_call"]["funds"] == ["Regionala projektmedel"]
    opens = datetime.datetime.fromisoformat(item["_call"]["opens_at"])
    assert opens == open_call.opens_at
    assert item["_call"]["time_zone"] == "Europe/Stockholm"


def test_region_atom_feed(region, calls):
    open_call, _danish = calls
    response = client_in().get(
        reverse("funding:public_call_feed_atom", args=[region.slug])
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 (our own output)
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 1
    entry = entries[0]
    assert entry.findtext(f"{ATOM}title") == "Open call"
    assert entry.findtext(f"{ATOM}summary") == "Apply now."
    assert entry.find(f"{ATOM}link").get("href").endswith(open_call.get_absolute_url())
    opens = datetime.datetime.fromisoformat(entry.findtext(f"{CALL}opens"))
    closes = datetime.datetime.fromisoformat(entry.findtext(f"{CALL}closes"))
    assert opens == open_call.opens_at
    assert closes == open_call.closes_at


def test_danish_times_carry_the_copenhagen_offset(other_region, calls):
    response = client_in().get(
        reverse("funding:public_call_feed_json", args=[other_region.slug])
    )
    item = json.loads(response.content)["items"][0]
    assert item["_call"]["closes_at"] == "2099-12-01T23:59:00+01:00"


def test_installation_wide_feeds(calls, other_region):
    response = client_in().get(reverse("funding:call_feed_json"))
    assert response.status_code == 200
    titles = {item["title"] for item in json.loads(response.content)["items"]}
    assert titles == {"Open call", "Kvalificeret arbejdskraft"}
    other_region.is_active = False
    other_region.save()
    response = client_in().get("/calls/open.atom")
    root = ET.fromstring(response.content)  # noqa: S314 (our own output)
    assert [e.findtext(f"{ATOM}title") for e in root.findall(f"{ATOM}entry")] == [
        "Open call"
    ]


def test_feeds_are_public_and_read_only(region, calls):
    client = Client()
    assert client.get(f"/{region.slug}/calls/open.json").status_code == 200
    assert client.post(f"/{region.slug}/calls/open.json").status_code == 405
    assert client.get("/nowhere/calls/open.atom").status_code == 404


def test_feed_query_count_does_not_grow(region, django_assert_max_num_queries):
    for _ in range(10):
        CallFactory(region=region)
    with django_assert_max_num_queries(5):
        client_in().get(f"/{region.slug}/calls/open.atom")
    with django_assert_max_num_queries(5):
        client_in().get("/calls/open.json")
