"""Staff screens of the statistics import: start, follow (htmx), list."""

import json

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samverka.core.testing import assert_access
from samverka.strategy.choices import ImportStatus
from samverka.strategy.models import StatisticsImport
from samverka.strategy.tests.factories import IndicatorFactory, sweden_geo
from samverka.strategy.tests.statistics_samples import TAB638, read

pytestmark = pytest.mark.django_db


@pytest.fixture
def indicator(region):
    sweden_geo()
    return IndicatorFactory(
        region=region,
        name="Folkmängd",
        unit="personer",
        source="scb",
        source_table="TAB638",
        source_query={"ContentsCode": ["BE0101N1"], "Region": ["22"]},
    )


def start_url(region, indicator):
    return reverse(
        "strategy:indicator_import",
        kwargs={"region_slug": region.slug, "indicator_pk": indicator.pk},
    )


def detail_url(region, job):
    return reverse(
        "strategy:import_detail", kwargs={"region_slug": region.slug, "pk": job.pk}
    )


def make_job(indicator, **fields):
    return StatisticsImport.objects.create(
        region=indicator.region,
        indicator=indicator,
        source="scb_v2",
        request={"table": "TAB638", "query": {"Region": ["22"]}},
        **fields,
    )


def test_form_access_and_prefill(region, indicator, strategist, no_role_user, outsider):
    result = assert_access(
        start_url(region, indicator),
        permitted=strategist,
        no_role=no_role_user,
        other_region=outsider,
        expect=200,
    )
    html = result.response.content.decode()
    assert 'value="TAB638"' in html
    assert "&quot;ContentsCode&quot;: [" in html
    assert 'value="scb_v2" id="id_source_0" required checked' in html
    assert 'enctype="multipart/form-data"' in html
    assert (
        reverse(
            "strategy:staff_indicator_detail",
            kwargs={"region_slug": region.slug, "pk": indicator.pk},
        )
        in html
    )


def test_readers_may_not_start_imports(client, region, indicator, officer):
    client.force_login(officer)
    assert client.get(start_url(region, indicator)).status_code == 403


def test_indicator_of_another_region_is_not_found(
    client, region, other_region, strategist
):
    foreign = IndicatorFactory(region=other_region)
    client.force_login(strategist)
    assert client.get(start_url(region, foreign)).status_code == 404


def test_upload_starts_the_import_and_shows_it(
    shared_data, region, indicator, strategist, no_role_user, outsider
):
    def data():
        return {
            "source": "file",
            "table": "",
            "query": "",
            "file": SimpleUploadedFile(
                "tab638.json", read(shared_data, TAB638), "application/json"
            ),
        }

    result = assert_access(
        start_url(region, indicator),
        method="post",
        data_factory=data,
        permitted=strategist,
        no_role=no_role_user,
        other_region=outsider,
        expect=302,
        audit_action="strategy.import_start",
    )
    job = StatisticsImport.objects.get()
    assert result.response["Location"] == detail_url(region, job)
    assert job.status == ImportStatus.DONE
    assert job.started_by == strategist
    assert indicator.observations.get().value == 50937

    page = _client(strategist).get(detail_url(region, job)).content.decode()
    assert "Done" in page
    assert '<progress id="import-progress" max="100" value="100">' in page
    assert "1 values read: 1 new, 0 updated, 0 unchanged." in page
    assert "tab638.json" in page
    assert 'hx-trigger="every 2s"' not in page


def test_a_failed_submit_keeps_what_was_typed(client, region, indicator, strategist):
    client.force_login(strategist)
    typed = '{"Region": ["2281"], "Tid": ["2020", "2021"]}'
    response = client.post(
        start_url(region, indicator),
        {"source": "scb_v2", "table": "", "query": typed},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Give the table&#x27;s id." in html
    assert "&quot;2281&quot;" in html
    assert 'value="scb_v2" id="id_source_0" required checked' in html

    response = client.post(
        start_url(region, indicator),
        {"source": "dst", "table": "FOLK1A", "query": '{"OMRÅDE": ["085"'},
    )
    html = response.content.decode()
    assert "The query is not valid JSON" in html
    assert "{&quot;OMRÅDE&quot;: [&quot;085&quot;" in html
    assert 'value="FOLK1A"' in html
    assert not StatisticsImport.objects.exists()


def test_a_file_that_is_not_statistics_is_shown_next_to_the_field(
    client, region, indicator, strategist
):
    client.force_login(strategist)
    response = client.post(
        start_url(region, indicator),
        {
            "source": "file",
            "table": "TAB638",
            "query": "",
            "file": SimpleUploadedFile("rows.json", b"[1, 2]", "application/json"),
        },
    )
    assert response.status_code == 200
    assert 'id="id_file_error"' in response.content.decode()
    assert not StatisticsImport.objects.exists()


def test_detail_polls_while_running(
    region, indicator, strategist, no_role_user, outsider
):
    job = make_job(indicator, status=ImportStatus.RUNNING, progress=40, rows_read=12)
    result = assert_access(
        detail_url(region, job),
        permitted=strategist,
        no_role=no_role_user,
        other_region=outsider,
        expect=200,
    )
    html = result.response.content.decode()
    assert "<html" in html
    assert "Running" in html
    assert '<progress id="import-progress" max="100" value="40">40 %</progress>' in html
    assert f'hx-get="{detail_url(region, job)}"' in html
    assert 'hx-trigger="every 2s"' in html
    assert "<code>TAB638</code>" in html

    partial = _client(strategist).get(detail_url(region, job), HTTP_HX_REQUEST="true")
    body = partial.content.decode()
    assert "<html" not in body
    assert body.lstrip().startswith('<div id="import-status"')
    assert 'hx-trigger="every 2s"' in body
    assert "40 % done" in body

    StatisticsImport.objects.filter(pk=job.pk).update(
        status=ImportStatus.FAILED,
        progress=50,
        message="Unknown region code “2299” for Sverige (row 5).",
    )
    body = (
        _client(strategist)
        .get(detail_url(region, job), HTTP_HX_REQUEST="true")
        .content.decode()
    )
    assert "hx-trigger" not in body
    assert "The import failed; nothing was written." in body
    assert "Unknown region code “2299” for Sverige (row 5)." in body


def test_detail_of_another_region_s_import_is_not_found(
    client, region, other_region, strategist
):
    foreign = make_job(IndicatorFactory(region=other_region))
    client.force_login(strategist)
    assert client.get(detail_url(region, foreign)).status_code == 404
    assert client.get(detail_url(other_region, foreign)).status_code == 404


def test_list_of_imports(region, indicator, strategist, no_role_user, outsider):
    make_job(indicator, status=ImportStatus.DONE, rows_read=7, rows_written=5)
    make_job(indicator, status=ImportStatus.FAILED)
    other = make_job(IndicatorFactory(region=outsider.role_assignments.first().region))
    result = assert_access(
        reverse("strategy:import_list", kwargs={"region_slug": region.slug}),
        permitted=strategist,
        no_role=no_role_user,
        other_region=outsider,
        expect=200,
    )
    html = result.response.content.decode()
    assert html.count('href="/staff/vasternorrland/imports/') == 2
    assert "Folkmängd" in html
    assert "Failed" in html
    assert '<td class="num">5</td>' in html
    assert detail_url(region, other) not in html


def _client(user):
    from django.test import Client

    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(user)
    return client


@pytest.fixture
def client(client):
    """pytest-django's client, reading English (the strings these tests assert on)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_query_json_round_trip_is_stored_on_the_import(
    monkeypatch, shared_data, region, indicator, strategist
):
    from samverka.strategy.statistics import http
    from samverka.strategy.tests.statistics_samples import FakeInternet

    fake = FakeInternet(read(shared_data, TAB638))
    monkeypatch.setattr(http, "urlopen", fake)
    response = _client(strategist).post(
        start_url(region, indicator),
        {
            "source": "scb_v2",
            "table": "TAB638",
            "query": json.dumps({"Region": ["00"], "Tid": ["2024"]}),
        },
    )
    job = StatisticsImport.objects.get()
    assert response.status_code == 302
    assert job.request["query"] == {"Region": ["00"], "Tid": ["2024"]}
    # PostgreSQL's jsonb keeps no key order, so the selection's order is free.
    assert {
        "variableCode": "Tid",
        "valueCodes": ["2024"],
    } in fake.last_json["selection"]
    assert job.status == ImportStatus.DONE
