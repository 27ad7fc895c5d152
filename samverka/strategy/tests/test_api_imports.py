"""The statistics import API: start an import, follow it, see only one's region's.

The offices are never asked: `FakeInternet` stands in for `http.urlopen`, and the test
settings' immediate task backend runs the import within the request.
"""

import json
import urllib.error
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from samverka.core.models import AuditEntry
from samverka.core.testing import assert_access
from samverka.geo.models import County
from samverka.strategy.choices import ImportStatus, Sex
from samverka.strategy.models import StatisticsImport
from samverka.strategy.statistics import http
from samverka.strategy.statistics.runner import start_import
from samverka.strategy.tests.factories import (
    GoalIndicatorFactory,
    IndicatorFactory,
    sweden_geo,
)
from samverka.strategy.tests.statistics_samples import (
    DEATHS_JSONSTAT1,
    TAB638,
    FakeInternet,
    read,
    read_json,
)

pytestmark = pytest.mark.django_db

IMPORTS = "/api/v1/statistics-imports/"


def api_client(user=None):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_login(user)
    return client


def post(client, data):
    return client.post(IMPORTS, data, content_type="application/json")


def internet(monkeypatch, **kwargs):
    fake = FakeInternet(**kwargs)
    monkeypatch.setattr(http, "urlopen", fake)
    return fake


@pytest.fixture
def indicator(region):
    sweden_geo()
    return IndicatorFactory(
        region=region, name="Folkmängd", unit="personer", source_table="TAB638"
    )


@pytest.fixture
def other_indicator(other_region):
    return IndicatorFactory(region=other_region, name="Befolkning")


@pytest.fixture
def tab638(monkeypatch, shared_data):
    return internet(monkeypatch, answer=read(shared_data, TAB638))


def scb_request(indicator, **extra):
    return {
        "indicator": indicator.pk,
        "source": "scb_v2",
        "table": "TAB638",
        "query": {"Region": ["00"], "Tid": ["2024"]},
        **extra,
    }


def finished_import(indicator, user, monkeypatch, shared_data):
    internet(monkeypatch, answer=read(shared_data, TAB638))
    return start_import(
        indicator=indicator, by=user, source="scb_v2", request={"table": "TAB638"}
    )


# Starting an import ---------------------------------------------------------------------


def test_start_runs_the_import_and_answers_202(
    tab638, indicator, strategist, no_role_user
):
    result = assert_access(
        IMPORTS,
        method="post",
        permitted=strategist,
        no_role=no_role_user,
        other_region=None,  # an indicator of another region: 400, below
        api=True,
        data=scb_request(indicator),
        expect=202,
        audit_action="strategy.import_start",
    )
    response = result.response
    body = response.json()
    job = StatisticsImport.objects.get()
    assert body["id"] == job.pk
    assert body["url"] == f"http://testserver{IMPORTS}{job.pk}/"
    assert response["Location"] == body["url"]
    assert body["indicator"] == indicator.pk
    assert body["region"] == "vasternorrland"
    assert body["source"] == "scb_v2"
    assert body["status"] == "done"
    assert body["progress"] == 100
    assert (body["rows_read"], body["rows_written"]) == (1, 1)
    assert body["message"] == "1 values read: 1 new, 0 updated, 0 unchanged."
    assert body["request"]["table"] == "TAB638"
    assert body["request"]["query"] == {"Region": ["00"], "Tid": ["2024"]}
    assert "/tables/TAB638/data" in body["request"]["url"]
    assert body["started_by"] == strategist.pk
    assert body["started_at"]
    assert body["finished_at"]
    # The query went to the office.
    assert {"variableCode": "Tid", "valueCodes": ["2024"]} in tab638.last_json[
        "selection"
    ]
    [obs] = indicator.observations.all()
    assert (obs.area_code, obs.year, obs.value) == ("SE", 2024, Decimal("50937"))
    assert obs.imported_by == job
    [entry] = AuditEntry.objects.filter(action="strategy.import_start")
    assert entry.actor == strategist
    assert entry.object_id == str(indicator.pk)


def test_region_admin_may_start_an_import(tab638, indicator, region_admin):
    response = post(api_client(region_admin), scb_request(indicator))
    assert response.status_code == 202, response.content
    assert response.json()["status"] == "done"


def test_officer_may_not_start_an_import(indicator, officer):
    response = post(api_client(officer), scb_request(indicator))
    assert response.status_code == 403
    assert not StatisticsImport.objects.exists()
    assert not AuditEntry.objects.exists()


def test_indicator_of_another_region_is_no_such_indicator(
    other_indicator, indicator, strategist, outsider
):
    # A strategist of Västernorrland cannot import into Sjælland's indicator...
    response = post(api_client(strategist), scb_request(other_indicator))
    assert response.status_code == 400
    assert "indicator" in response.json()
    # ...nor Sjælland's administrator into Västernorrland's.
    response = post(api_client(outsider), scb_request(indicator))
    assert response.status_code == 400
    assert "indicator" in response.json()
    assert not StatisticsImport.objects.exists()
    assert not AuditEntry.objects.exists()


def test_a_published_indicator_of_another_region_is_no_such_indicator_either(
    goal, indicator, outsider
):
    GoalIndicatorFactory(goal=goal, indicator=indicator)  # the public sees it now
    seen = api_client(outsider).get(f"/api/v1/indicators/{indicator.pk}/")
    assert seen.status_code == 200
    response = post(api_client(outsider), scb_request(indicator))
    assert response.status_code == 400
    assert "indicator" in response.json()
    assert not StatisticsImport.objects.exists()


def test_anonymous_may_not_start_an_import(indicator):
    response = post(api_client(), scb_request(indicator))
    assert response.status_code in (401, 403)
    assert not StatisticsImport.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"source": "somewhere"}, "source"),
        ({"query": ["Region", "Tid"]}, "query"),
        ({"query": "Region=22"}, "query"),
        ({"table": ""}, "table"),
        ({"table": "../../etc/passwd"}, "table"),
        ({"query": {"Region": 22}}, "query"),
        ({"source": "file"}, "file"),
        ({"indicator": None}, "indicator"),
    ],
)
def test_bad_requests_are_400_naming_the_field(indicator, strategist, change, field):
    response = post(api_client(strategist), {**scb_request(indicator), **change})
    assert response.status_code == 400, response.content
    assert field in response.json(), response.json()
    assert not StatisticsImport.objects.exists()
    assert not AuditEntry.objects.exists()


def test_missing_table_is_400(indicator, strategist):
    data = scb_request(indicator)
    del data["table"]
    response = post(api_client(strategist), data)
    assert response.status_code == 400
    assert response.json()["table"] == ["Give the table's id."]


def test_a_failing_import_ends_failed_and_writes_nothing(
    monkeypatch, shared_data, indicator, strategist
):
    # The recorded answer with an unknown municipality code.
    document = read_json(shared_data, TAB638)
    document["size"][0] = 2
    document["dimension"]["Region"]["category"] = {
        "index": {"22": 0, "2299": 1},
        "label": {"22": "22", "2299": "2299"},
    }
    document["value"] = [1, 2]
    internet(monkeypatch, answer=json.dumps(document).encode())
    response = post(api_client(strategist), scb_request(indicator, query={}))
    assert response.status_code == 202, response.content
    body = response.json()
    assert body["status"] == "failed"
    assert body["message"] == "Unknown municipality code “2299” for Sverige (row 2)."
    assert body["rows_written"] == 0
    assert not indicator.observations.exists()
    # Polling it tells the same.
    again = api_client(strategist).get(body["url"])
    assert again.status_code == 200
    assert again.json()["status"] == "failed"
    assert again.json()["message"] == body["message"]


def test_upload_a_jsonstat_file(shared_data, indicator, strategist):
    County.objects.get_or_create(
        country=sweden_geo()[0], code="25", defaults={"name": "Norrbottens län"}
    )
    upload = SimpleUploadedFile(
        "deaths.json",
        read(shared_data, DEATHS_JSONSTAT1),
        content_type="application/json",
    )
    response = api_client(strategist).post(
        IMPORTS,
        {
            "indicator": indicator.pk,
            "source": "file",
            "query": json.dumps({"Alder": ["85-89"], "Kon": "2"}),
            "file": upload,
        },
    )
    assert response.status_code == 202, response.content
    body = response.json()
    assert body["status"] == "done", body["message"]
    assert (body["rows_read"], body["rows_written"]) == (28, 28)
    assert body["request"]["file_name"] == "deaths.json"
    assert "document" not in body["request"]
    series = list(indicator.observations.order_by("year"))
    assert len(series) == 28
    assert series[-1].year == 1996
    assert series[-1].value == Decimal("181")
    assert {(o.sex, o.age_group) for o in series} == {(Sex.WOMEN, "85-89")}


def test_a_form_may_start_a_fetch_with_the_query_as_json_text(
    tab638, indicator, strategist
):
    response = api_client(strategist).post(
        IMPORTS,
        {
            "indicator": indicator.pk,
            "source": "scb_v2",
            "table": "TAB638",
            "query": '{"Region": ["00"]}',
        },
    )
    assert response.status_code == 202, response.content
    assert response.json()["request"]["query"] == {"Region": ["00"]}
    assert response.json()["status"] == "done"
    assert indicator.observations.get().value == Decimal("50937")


def test_upload_that_is_not_statistics_is_400(indicator, strategist):
    upload = SimpleUploadedFile("rows.json", b'{"rows": []}')
    response = api_client(strategist).post(
        IMPORTS, {"indicator": indicator.pk, "source": "file", "file": upload}
    )
    assert response.status_code == 400
    assert "neither JSON-stat" in response.json()["file"][0]
    assert not StatisticsImport.objects.exists()


def test_query_in_a_form_must_be_json(indicator, strategist):
    upload = SimpleUploadedFile("x.json", b"{}")
    response = api_client(strategist).post(
        IMPORTS,
        {"indicator": indicator.pk, "source": "file", "query": "{", "file": upload},
    )
    assert response.status_code == 400
    assert response.json()["query"] == ["The query is not valid JSON."]


# Following imports ----------------------------------------------------------------------


def test_retrieve_for_the_region_s_staff_only(
    monkeypatch, shared_data, indicator, strategist, officer, no_role_user, outsider
):
    job = finished_import(indicator, strategist, monkeypatch, shared_data)
    result = assert_access(
        f"{IMPORTS}{job.pk}/",
        permitted=officer,
        no_role=no_role_user,
        no_role_status=404,
        other_region=outsider,
        api=True,
        expect=200,
    )
    body = result.response.json()
    assert body["status"] == "done"
    assert body["indicator"] == indicator.pk
    assert body["rows_written"] == 1
    assert body["request"]["table"] == "TAB638"


def test_list_shows_the_region_s_imports_with_filters(
    monkeypatch,
    shared_data,
    indicator,
    other_indicator,
    strategist,
    officer,
    no_role_user,
    outsider,
):
    done = finished_import(indicator, strategist, monkeypatch, shared_data)
    second = IndicatorFactory(region=indicator.region, name="Sysselsättning")
    internet(monkeypatch, error=urllib.error.URLError("no route"))
    failed = start_import(
        indicator=second, by=strategist, source="scb_v2", request={"table": "TAB638"}
    )
    assert failed.status == ImportStatus.FAILED
    theirs = StatisticsImport.objects.create(
        region=other_indicator.region,
        indicator=other_indicator,
        source="dst",
        request={"table": "FOLK1A"},
    )
    result = assert_access(
        IMPORTS,
        permitted=officer,
        no_role=no_role_user,
        no_role_status=200,
        other_region=None,
        api=True,
        expect=200,
    )
    listed = result.response.json()["results"]
    assert [row["id"] for row in listed] == [failed.pk, done.pk]
    client = api_client(officer)
    by_indicator = client.get(IMPORTS, {"indicator": indicator.pk}).json()
    assert [row["id"] for row in by_indicator["results"]] == [done.pk]
    by_status = client.get(IMPORTS, {"status": "failed"}).json()
    assert [row["id"] for row in by_status["results"]] == [failed.pk]
    assert client.get(IMPORTS, {"status": "sideways"}).status_code == 400
    # Others see nothing of Västernorrland's imports.
    assert api_client(no_role_user).get(IMPORTS).json()["results"] == []
    outsiders = api_client(outsider).get(IMPORTS).json()["results"]
    assert [row["id"] for row in outsiders] == [theirs.pk]
    assert api_client(outsider).get(f"{IMPORTS}{done.pk}/").status_code == 404
