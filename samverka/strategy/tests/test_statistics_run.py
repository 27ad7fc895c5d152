"""The import run end to end: start, task, observations; failures write nothing."""

import json
import urllib.error
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command

from samverka.core.models import AuditEntry
from samverka.geo.models import County
from samverka.strategy import services
from samverka.strategy.choices import GeographyLevel, ImportStatus, Sex
from samverka.strategy.models import StatisticsImport
from samverka.strategy.services import ObservationRow
from samverka.strategy.statistics import http
from samverka.strategy.statistics.runner import run_import, start_import
from samverka.strategy.tests.factories import (
    IndicatorFactory,
    denmark_geo,
    sweden_geo,
)
from samverka.strategy.tests.statistics_samples import (
    DEATHS_JSONSTAT1,
    TAB638,
    FakeInternet,
    dst_bytes,
    read,
    read_json,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def indicator(region):
    sweden_geo()
    return IndicatorFactory(
        region=region, name="Folkmängd", unit="personer", source_table="TAB638"
    )


@pytest.fixture
def norrbotten():
    se, _ = sweden_geo()
    county, _ = County.objects.get_or_create(
        country=se, code="25", defaults={"name": "Norrbottens län"}
    )
    return county


def internet(monkeypatch, **kwargs):
    fake = FakeInternet(**kwargs)
    monkeypatch.setattr(http, "urlopen", fake)
    return fake


def tab638_with_regions(shared_data, regions, values):
    """The real TAB638 answer with its Region dimension widened to `regions`."""
    document = read_json(shared_data, TAB638)
    document["size"][0] = len(regions)
    document["dimension"]["Region"]["category"] = {
        "index": {code: position for position, code in enumerate(regions)},
        "label": {code: code for code in regions},
    }
    document["value"] = values
    return json.dumps(document).encode()


def test_scb_v2_import_writes_observations(
    monkeypatch, shared_data, indicator, strategist
):
    fake = internet(monkeypatch, answer=read(shared_data, TAB638))
    job = start_import(
        indicator=indicator,
        by=strategist,
        source="scb_v2",
        request={"table": "TAB638", "query": {"Region": ["00"], "Tid": ["2024"]}},
    )
    assert job.status == ImportStatus.DONE
    assert job.progress == 100
    assert (job.rows_read, job.rows_written) == (1, 1)
    assert job.message == "1 values read: 1 new, 0 updated, 0 unchanged."
    assert job.started_by == strategist
    assert job.started_at
    assert job.finished_at
    # PostgreSQL's jsonb keeps no key order, so the selection's order is free.
    assert {
        "variableCode": "Region",
        "valueCodes": ["00"],
    } in fake.last_json["selection"]
    [obs] = indicator.observations.all()
    assert obs.area_code == "SE"
    assert obs.area_level == GeographyLevel.COUNTRY
    assert (obs.year, obs.period, obs.value) == (2024, "", Decimal("50937"))
    assert (obs.sex, obs.age_group) == (Sex.MEN, "0")
    assert obs.imported_by == job
    actions = list(
        AuditEntry.objects.filter(object_id=str(indicator.pk)).values_list(
            "action", "actor"
        )
    )
    assert ("strategy.import_start", strategist.pk) in actions
    assert ("strategy.observations_write", None) in actions

    again = start_import(
        indicator=indicator, by=strategist, source="scb_v2", request={"table": "TAB638"}
    )
    assert again.message == "1 values read: 0 new, 0 updated, 1 unchanged."
    assert again.rows_written == 0


def test_progress_is_saved_on_the_row_while_it_runs(
    monkeypatch, shared_data, indicator, strategist
):
    seen = []

    def look(_request):
        job = StatisticsImport.objects.get()
        seen.append((job.status, job.progress))

    internet(monkeypatch, answer=read(shared_data, TAB638), on_request=look)
    job = start_import(
        indicator=indicator, by=strategist, source="scb_v2", request={"table": "TAB638"}
    )
    assert seen == [(ImportStatus.RUNNING, 5)]
    assert (job.status, job.progress) == (ImportStatus.DONE, 100)


def test_failure_keeps_earlier_observations(
    monkeypatch, shared_data, indicator, strategist
):
    services.observations_write(
        indicator=indicator,
        by=None,
        rows=[
            ObservationRow(
                year=2024,
                value=Decimal("100"),
                area_level=GeographyLevel.COUNTY,
                country_code="SE",
                area_code="22",
                sex=Sex.MEN,
                age_group="0",
            )
        ],
    )
    # 22 would be updated and 2281 added, but 2299 is no municipality: nothing is.
    internet(
        monkeypatch,
        answer=tab638_with_regions(shared_data, ["22", "2281", "2299"], [1, 2, 3]),
    )
    job = start_import(
        indicator=indicator, by=strategist, source="scb_v2", request={"table": "TAB638"}
    )
    assert job.status == ImportStatus.FAILED
    assert job.message == "Unknown municipality code “2299” for Sverige (row 3)."
    assert job.rows_written == 0
    [obs] = indicator.observations.all()
    assert (obs.area_code, obs.value) == ("SE-c22", Decimal("100"))
    assert obs.imported_by is None


def test_unknown_municipality_is_named_with_its_row(
    monkeypatch, shared_data, indicator, strategist
):
    internet(
        monkeypatch,
        answer=tab638_with_regions(
            shared_data, ["00", "22", "2281", "0000", "2299"], [1, 2, 3, None, 5]
        ),
    )
    job = start_import(
        indicator=indicator, by=strategist, source="scb_v2", request={"table": "TAB638"}
    )
    assert job.status == ImportStatus.FAILED
    assert job.message == "Unknown municipality code “2299” for Sverige (row 4)."
    assert not indicator.observations.exists()


def test_several_values_of_another_dimension_fail_with_its_name(
    monkeypatch, shared_data, indicator, strategist
):
    document = read_json(shared_data, TAB638)
    document["size"][1] = 2
    document["dimension"]["Civilstand"]["category"] = {"index": {"OG": 0, "G": 1}}
    document["value"] = [1, 2]
    internet(monkeypatch, answer=json.dumps(document).encode())
    job = start_import(
        indicator=indicator, by=strategist, source="scb_v2", request={"table": "TAB638"}
    )
    assert job.status == ImportStatus.FAILED
    assert "“Civilstand” has several values (OG, G)" in job.message
    assert not indicator.observations.exists()


def test_an_unreachable_office_fails_the_import(monkeypatch, indicator, strategist):
    internet(monkeypatch, error=urllib.error.URLError("timed out"))
    job = start_import(
        indicator=indicator, by=strategist, source="scb_v1", request={"table": "BE/X"}
    )
    assert job.status == ImportStatus.FAILED
    assert job.message == "Could not reach Statistics Sweden: timed out"


def test_the_message_is_in_the_starting_user_s_language(
    monkeypatch, indicator, strategist
):
    from django.utils import translation

    internet(monkeypatch, error=urllib.error.URLError("timeout"))
    with translation.override("sv"):
        job = start_import(
            indicator=indicator,
            by=strategist,
            source="scb_v2",
            request={"table": "TAB638"},
        )
    assert job.request["language"] == "sv"
    assert job.status == ImportStatus.FAILED


def test_statistics_denmark_import(monkeypatch, other_region):
    denmark_geo()
    indicator = IndicatorFactory(region=other_region, name="Befolkning")
    user = _strategist(other_region)
    fake = internet(monkeypatch, answer=dst_bytes())
    job = start_import(
        indicator=indicator,
        by=user,
        source="dst",
        request={"table": "FOLK1A", "query": {"OMRÅDE": ["000", "085", "265"]}},
    )
    assert job.status == ImportStatus.DONE, job.message
    assert fake.last_json["table"] == "FOLK1A"
    assert job.rows_read == 18
    assert job.rows_written == 17
    assert "1 missing values" in job.message
    values = {
        (o.area_code, o.period, o.sex): o.value for o in indicator.observations.all()
    }
    assert values[("DK", "2025K1", Sex.TOTAL)] == Decimal("6001008")
    assert values[("DK-c1085", "2025K2", Sex.WOMEN)] == Decimal("426572")
    assert values[("DK-m265", "2025K1", Sex.TOTAL)] == Decimal("90510")
    assert ("DK-m265", "2025K2", Sex.TOTAL) not in values
    roskilde = indicator.observations.get(
        area_code="DK-m265", period="2025K1", sex=Sex.MEN
    )
    assert roskilde.year == 2025
    assert roskilde.county.code == "1085"


def _strategist(region):
    from samverka.accounts.tests.factories import staff_user

    return staff_user(region, "strategist")


def test_uploaded_jsonstat1_file(shared_data, indicator, strategist, norrbotten):
    job = start_import(
        indicator=indicator,
        by=strategist,
        source="file",
        request={
            "file_name": "deaths.json",
            "query": {"Alder": ["85-89"], "Kon": "2"},
        },
        file_bytes=read(shared_data, DEATHS_JSONSTAT1),
    )
    assert job.status == ImportStatus.DONE, job.message
    assert (job.rows_read, job.rows_written) == (28, 28)
    assert "document" not in job.request
    assert job.request["file_name"] == "deaths.json"
    series = list(indicator.observations.order_by("year"))
    assert len(series) == 28
    assert {o.area_code for o in series} == {"SE-c25"}
    assert series[-1].year == 1996
    assert series[-1].value == Decimal("181")
    assert {(o.sex, o.age_group) for o in series} == {(Sex.WOMEN, "85-89")}


def test_a_file_that_is_not_statistics_is_refused_before_it_starts(
    indicator, strategist
):
    with pytest.raises(ValidationError) as error:
        start_import(
            indicator=indicator,
            by=strategist,
            source="file",
            file_bytes=b'{"rows": []}',
        )
    assert "neither JSON-stat" in error.value.message_dict["file"][0]
    assert not StatisticsImport.objects.exists()


@pytest.mark.parametrize(
    ("source", "request_", "field"),
    [
        ("scb_v2", {"table": ""}, "table"),
        ("scb_v2", {"table": "../../etc"}, "table"),
        ("dst", {"table": "FOLK1A", "query": ["Tid"]}, "query"),
        ("somewhere", {"table": "X"}, "source"),
        ("file", {}, "file"),
    ],
)
def test_requests_that_cannot_start(indicator, strategist, source, request_, field):
    with pytest.raises(ValidationError) as error:
        start_import(
            indicator=indicator, by=strategist, source=source, request=request_
        )
    assert field in error.value.message_dict
    assert not StatisticsImport.objects.exists()


def test_only_strategists_and_admins_start_imports(indicator, officer, outsider):
    for user in (officer, outsider):
        with pytest.raises(PermissionDenied):
            start_import(
                indicator=indicator,
                by=user,
                source="scb_v2",
                request={"table": "TAB638"},
            )
    assert not StatisticsImport.objects.exists()


def test_a_finished_import_is_not_run_again(
    monkeypatch, shared_data, indicator, strategist
):
    fake = internet(monkeypatch, answer=read(shared_data, TAB638))
    job = start_import(
        indicator=indicator, by=strategist, source="scb_v2", request={"table": "TAB638"}
    )
    run_import(job.pk)
    assert len(fake.requests) == 1


def test_command_imports_a_file(shared_data, indicator, norrbotten, capsys):
    call_command(
        "import_statistics",
        indicator=indicator.pk,
        file=str(shared_data / DEATHS_JSONSTAT1),
        query=json.dumps({"Alder": "0", "Kon": "1"}),
    )
    assert "28 values read: 28 new" in capsys.readouterr().out
    job = StatisticsImport.objects.get()
    assert job.started_by is None
    assert job.source == "file"
    assert indicator.observations.count() == 28


def test_command_fetches_a_table(monkeypatch, shared_data, indicator, capsys):
    internet(monkeypatch, answer=read(shared_data, TAB638))
    call_command(
        "import_statistics",
        "--indicator",
        str(indicator.pk),
        "--table",
        "TAB638",
        "--source",
        "scb_v2",
    )
    assert "1 new" in capsys.readouterr().out
    assert indicator.observations.get().value == Decimal("50937")


def test_command_reports_a_failure(monkeypatch, indicator):
    internet(monkeypatch, error=urllib.error.URLError("no route"))
    with pytest.raises(CommandError, match="Could not reach Statistics Denmark"):
        call_command(
            "import_statistics",
            "--indicator",
            str(indicator.pk),
            "--table",
            "FOLK1A",
            "--source",
            "dst",
        )
    assert StatisticsImport.objects.get().status == ImportStatus.FAILED
