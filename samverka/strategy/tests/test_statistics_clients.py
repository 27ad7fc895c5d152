"""The fetch clients: what they send, and what they make of a refusal. The internet
is the one thing replaced here (`FakeInternet`)."""

import io
import urllib.error

import pytest

from samverka.strategy.statistics import http, pxweb, statbank
from samverka.strategy.statistics.base import StatisticsError
from samverka.strategy.tests.statistics_samples import FakeInternet


def test_scb_v2_posts_the_selection_as_json_stat2(settings):
    settings.SAMVERKA_SCB_V2_URL = "https://scb.example/api/v2/"
    settings.SAMVERKA_STATISTICS_TIMEOUT = 12
    internet = FakeInternet(b'{"ok": true}')
    body = pxweb.fetch_scb_v2(
        "TAB638", {"Region": ["00"], "Tid": ["2024"]}, opener=internet
    )
    assert body == b'{"ok": true}'
    request, timeout = internet.requests[0]
    assert timeout == 12
    assert request.get_method() == "POST"
    assert request.full_url == (
        "https://scb.example/api/v2/tables/TAB638/data?lang=sv&outputFormat=json-stat2"
    )
    assert request.get_header("User-agent") == "Samverka"
    assert request.get_header("Content-type").startswith("application/json")
    assert internet.last_json == {
        "selection": [
            {"variableCode": "Region", "valueCodes": ["00"]},
            {"variableCode": "Tid", "valueCodes": ["2024"]},
        ]
    }


def test_scb_v1_posts_a_query_for_json_stat():
    internet = FakeInternet(b"{}")
    pxweb.fetch_scb_v1(
        "BE/BE0101/BE0101A/BefolkningNy",
        {"Civilstand": ["OG"], "Tid": ["*"]},
        opener=internet,
    )
    assert internet.last.full_url == (
        "https://api.scb.se/OV0104/v1/doris/sv/ssd/BE/BE0101/BE0101A/BefolkningNy"
    )
    assert internet.last_json == {
        "query": [
            {"code": "Civilstand", "selection": {"filter": "item", "values": ["OG"]}},
            {"code": "Tid", "selection": {"filter": "all", "values": ["*"]}},
        ],
        "response": {"format": "json-stat"},
    }


def test_statbank_posts_table_and_variables():
    internet = FakeInternet(b"{}")
    statbank.fetch_statbank(
        "FOLK1A", {"OMRÅDE": ["000", "085"], "Tid": ["*"]}, opener=internet
    )
    assert internet.last.full_url == "https://api.statbank.dk/v1/data"
    assert internet.last_json == {
        "table": "FOLK1A",
        "format": "JSONSTAT",
        "lang": "en",
        "variables": [
            {"code": "OMRÅDE", "values": ["000", "085"]},
            {"code": "Tid", "values": ["*"]},
        ],
    }


def test_a_refusal_shows_the_office_s_own_message():
    error = urllib.error.HTTPError(
        "https://api.statbank.dk/v1/data",
        400,
        "Bad Request",
        {},
        io.BytesIO(
            b'{"errorTypeCode": "EXTRACT-NOTFOUND", "message": "Tabellen FOLK9 findes ikke."}'
        ),
    )
    with pytest.raises(StatisticsError) as raised:
        statbank.fetch_statbank("FOLK9", {}, opener=FakeInternet(error=error))
    assert raised.value.message == (
        "Statistics Denmark refused the request (HTTP 400): Tabellen FOLK9 findes ikke."
    )


def test_no_connection_is_reported():
    internet = FakeInternet(error=urllib.error.URLError("Name or service not known"))
    with pytest.raises(StatisticsError, match="Could not reach Statistics Sweden"):
        pxweb.fetch_scb_v2("TAB638", {}, opener=internet)


def test_only_web_addresses_are_opened(settings):
    settings.SAMVERKA_SCB_V1_URL = "file:///etc/"
    internet = FakeInternet(b"{}")
    with pytest.raises(StatisticsError, match="not a web address"):
        pxweb.fetch_scb_v1("passwd", {}, opener=internet)
    assert internet.requests == []


def test_an_oversized_answer_is_refused(monkeypatch):
    monkeypatch.setattr(http, "MAX_BYTES", 10)
    with pytest.raises(StatisticsError, match="too large"):
        pxweb.fetch_scb_v2("TAB638", {}, opener=FakeInternet(b"x" * 11))


def test_table_ids_are_quoted_into_the_address():
    assert pxweb.v2_url("TAB 638").endswith(
        "/tables/TAB%20638/data?lang=sv&outputFormat=json-stat2"
    )
