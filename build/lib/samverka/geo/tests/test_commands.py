"""`manage.py load_geo`."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from samverka.geo.models import Country, Municipality, NutsRegion

pytestmark = pytest.mark.django_db


def _load(*args):
    out = StringIO()
    call_command("load_geo", *args, stdout=out)
    return out.getvalue()


@pytest.mark.shared_data
class LoadGeoTests:
    def test_countries_with_their_nuts_regions(self, shared_data):
        output = _load("--countries", "SE", "dk", "--source", str(shared_data))

        assert "SE Sverige:" in output
        assert "municipalities 290 created, 0 updated, 0 unchanged" in output
        assert "municipalities 98 created" in output
        assert set(Country.objects.values_list("code", flat=True)) == {"SE", "DK"}
        assert set(NutsRegion.objects.values_list("country_code", flat=True)) == {
            "SE",
            "DK",
        }

    def test_second_run_reports_unchanged(self, shared_data):
        _load("--countries", "SE", "--source", str(shared_data))

        output = _load("--countries", "SE", "--source", str(shared_data))

        assert "municipalities 0 created, 0 updated, 290 unchanged" in output

    def test_default_loads_all_countries_and_every_nuts_region(
        self, settings, shared_data
    ):
        settings.SHARED_DATA_DIR = shared_data

        output = _load()

        assert sorted(Country.objects.values_list("code", flat=True)) == [
            "DK",
            "FI",
            "NO",
            "SE",
        ]
        assert Municipality.objects.count() == 290 + 98 + 357 + 310
        assert NutsRegion.objects.filter(country_code="DE").exists()
        assert "NUTS:" in output

    def test_nuts_alone(self, shared_data):
        _load("--nuts", "--source", str(shared_data))

        assert not Country.objects.exists()
        assert NutsRegion.objects.filter(version=2024).count() == 1798
        assert NutsRegion.objects.filter(version=2021).count() == 2010

    def test_boundaries(self, shared_data):
        _load("--countries", "NO", "--boundaries", "--source", str(shared_data))

        assert not Municipality.objects.filter(boundary=None).exists()

    def test_bad_file_is_a_command_error_naming_it(self, shared_data, tmp_path):
        (tmp_path / "geo-se").mkdir()
        (tmp_path / "geo-se" / "scb_codes_counties.csv").write_text(
            "county_code\n22\n", encoding="utf-8"
        )
        (tmp_path / "nuts").symlink_to(shared_data / "nuts")

        with pytest.raises(CommandError, match="county_name"):
            _load("--countries", "SE", "--source", str(tmp_path))
        assert not Country.objects.exists()


class MissingSourceTests:
    def test_if_available_says_so_and_succeeds(self, tmp_path):
        output = _load(
            "--countries", "SE", "DK", "--if-available", "--source", str(tmp_path / "x")
        )

        assert "not found" in output
        assert len(output.strip().splitlines()) == 1
        assert not Country.objects.exists()

    def test_without_if_available_it_fails(self, tmp_path):
        with pytest.raises(CommandError, match="not found"):
            _load("--countries", "SE", "--source", str(tmp_path / "x"))

    def test_default_source_is_the_setting(self, settings, tmp_path):
        settings.SHARED_DATA_DIR = tmp_path / "missing"

        output = _load("--if-available")

        assert str(tmp_path / "missing") in output

    def test_unknown_country_is_refused(self):
        with pytest.raises(CommandError):
            _load("--countries", "IS")
