"""Browser tests of the statistics import screens: Chromium, axe-core at WCAG 2.1 AA,
and the htmx polling of a running import."""

import pytest

from samverka.accounts.tests.factories import staff_user
from samverka.core.testing import assert_no_axe_violations
from samverka.core.tests.factories import RegionFactory
from samverka.strategy.choices import ImportStatus
from samverka.strategy.models import StatisticsImport
from samverka.strategy.tests.factories import IndicatorFactory, sweden_geo
from samverka.strategy.tests.statistics_samples import TAB638

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, email, language):
    page.goto(f"{live_server.url}/accounts/login/")
    page.select_option("#language-switch", language)
    page.click(".language-switcher button")
    page.wait_for_load_state()
    page.fill("#id_username", email)
    page.fill("#id_password", "correct-horse-battery")
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()


@pytest.fixture
def setting(db):
    region = RegionFactory(
        name="Region Västernorrland", slug="vasternorrland", case_number_prefix="RVN"
    )
    sweden_geo()
    staff_user(region, "strategist", email="stina@example.org")
    indicator = IndicatorFactory(
        region=region, name="Folkmängd", unit="personer", source_table="TAB638"
    )
    return region, indicator


def test_strategist_uploads_a_file_and_follows_the_import(
    page, live_server, shared_data, setting
):
    _region, indicator = setting
    log_in(page, live_server, "stina@example.org", "en")
    page.goto(
        f"{live_server.url}/staff/vasternorrland/indicators/{indicator.pk}/import/"
    )
    assert_no_axe_violations(page)

    page.check("#id_source_3")  # upload a file
    page.fill("#id_query", '{"Region": ["00"]')
    page.set_input_files("#id_file", str(shared_data / TAB638))
    page.get_by_role("button", name="Start the import").click()
    page.wait_for_load_state()
    assert "not valid JSON" in page.locator(".error-summary").inner_text()
    assert page.input_value("#id_query") == '{"Region": ["00"]'
    assert not StatisticsImport.objects.exists()
    assert_no_axe_violations(page)

    page.fill("#id_query", '{"Region": ["00"]}')
    page.set_input_files("#id_file", str(shared_data / TAB638))
    page.get_by_role("button", name="Start the import").click()
    page.wait_for_load_state()
    job = StatisticsImport.objects.get()
    assert job.status == ImportStatus.DONE
    assert "1 values read: 1 new" in page.locator("#import-status").inner_text()
    assert page.locator("progress").get_attribute("value") == "100"
    assert_no_axe_violations(page)

    page.goto(f"{live_server.url}/staff/vasternorrland/imports/")
    assert page.locator("table").get_by_text("Folkmängd").is_visible()
    assert_no_axe_violations(page)


def test_a_running_import_updates_itself(page, live_server, setting):
    region, indicator = setting
    job = StatisticsImport.objects.create(
        region=region,
        indicator=indicator,
        source="scb_v2",
        request={"table": "TAB638"},
        status=ImportStatus.RUNNING,
        progress=30,
    )
    log_in(page, live_server, "stina@example.org", "en")
    page.goto(f"{live_server.url}/staff/vasternorrland/imports/{job.pk}/")
    assert "30 % done" in page.locator("#import-status").inner_text()
    assert_no_axe_violations(page)

    StatisticsImport.objects.filter(pk=job.pk).update(
        status=ImportStatus.DONE,
        progress=100,
        rows_read=4,
        rows_written=4,
        message="4 values read: 4 new, 0 updated, 0 unchanged.",
    )
    page.wait_for_selector("text=4 values read: 4 new", timeout=8000)
    assert page.locator("progress").get_attribute("value") == "100"
    assert page.locator("#import-status").get_attribute("hx-trigger") is None
    assert_no_axe_violations(page)
