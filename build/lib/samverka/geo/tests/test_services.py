"""Loading the reference geography from the real files in ../shared/data."""

import csv
import shutil
import urllib.request
from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied

from samverka.accounts.tests.factories import UserFactory
from samverka.core import audit
from samverka.core.models import AuditEntry
from samverka.geo import official
from samverka.geo.models import Country, County, Municipality, NutsRegion
from samverka.geo.services import GeoLoadError, geography_load

pytestmark = [pytest.mark.django_db, pytest.mark.shared_data]


def _snapshot():
    """Every geography row with its values and timestamps, to compare before and after."""
    return {
        model.__name__: sorted(model.objects.values_list())
        for model in (Country, County, Municipality, NutsRegion)
    }


def _copy_country(shared_data, tmp_path, folder):
    """A writable copy of one country's folder and the NUTS folder (outside the project)."""
    shutil.copytree(shared_data / folder, tmp_path / folder)
    shutil.copytree(shared_data / "nuts", tmp_path / "nuts")
    return tmp_path


class SwedenTests:
    def test_counts_and_sundsvall(self, shared_data):
        [result, _nuts] = geography_load(countries=["SE"], source_dir=shared_data)

        assert County.objects.filter(country__code="SE").count() == 21
        assert Municipality.objects.filter(country__code="SE").count() == 290
        assert result.counts["municipalities"].created == 290
        sundsvall = Municipality.objects.select_related("county").get(
            country__code="SE", code="2281"
        )
        assert sundsvall.name == "Sundsvall"
        assert sundsvall.county.code == "22"
        assert sundsvall.county.name == "Västernorrlands län"
        assert sundsvall.county.nuts_code == "SE321"
        assert sundsvall.nuts3_code == "SE321"
        assert sundsvall.lau_code == "2281"

    def test_codes_keep_leading_zeros(self, shared_data):
        geography_load(countries=["SE"], source_dir=shared_data)

        stockholm = Municipality.objects.get(country__code="SE", name="Stockholm")
        assert stockholm.code == "0180"
        assert stockholm.county.code == "01"
        assert stockholm.nuts3_code == "SE110"

    def test_every_lan_has_its_nuts3_region(self, shared_data):
        geography_load(countries=["SE"], source_dir=shared_data)

        counties = County.objects.filter(country__code="SE")
        assert not counties.filter(nuts_code="").exists()
        assert counties.get(code="23").nuts_code == "SE322"  # Jämtlands län
        assert not Municipality.objects.filter(
            country__code="SE", nuts3_code=""
        ).exists()

    def test_nuts_regions_of_the_country_are_loaded_with_parents(self, shared_data):
        geography_load(countries=["SE"], source_dir=shared_data)

        assert set(NutsRegion.objects.values_list("country_code", flat=True)) == {"SE"}
        assert set(NutsRegion.objects.values_list("version", flat=True)) == {2021, 2024}
        region = NutsRegion.objects.get(code="SE321", version=2024)
        chain = [
            region.parent.code,
            region.parent.parent.code,
            region.parent.parent.parent,
        ]
        assert chain[:2] == ["SE32", "SE3"]
        assert chain[2].code == "SE"
        assert chain[2].parent is None
        assert region.parent.version == 2024


class DenmarkTests:
    def test_98_kommuner_and_roskilde(self, shared_data):
        geography_load(countries=["DK"], source_dir=shared_data)

        assert Municipality.objects.filter(country__code="DK").count() == 98
        assert County.objects.filter(country__code="DK").count() == 5
        roskilde = Municipality.objects.get(country__code="DK", code="265")
        assert roskilde.name == "Roskilde"
        assert roskilde.county.name == "Region Sjælland"
        assert roskilde.county.code == "1085"
        assert roskilde.county.nuts_code == "DK02"
        # Region Sjælland holds two NUTS 3 regions, so the kommune's is not known.
        assert roskilde.nuts3_code == ""

    def test_christianso_is_not_a_municipality(self, shared_data):
        geography_load(countries=["DK"], source_dir=shared_data)

        assert not Municipality.objects.filter(country__code="DK", code="411").exists()

    def test_nordjylland_has_a_single_nuts3_region(self, shared_data):
        geography_load(countries=["DK"], source_dir=shared_data)

        aalborg = Municipality.objects.get(country__code="DK", code="851")
        assert aalborg.county.nuts_code == "DK05"
        assert aalborg.nuts3_code == "DK050"
        copenhagen = Municipality.objects.get(country__code="DK", code="101")
        assert copenhagen.name == "København"


class NorwayTests:
    def test_counts_follow_the_2024_file(self, shared_data):
        path = shared_data / "geo-no" / "no_kommuner_fylker_2024_codes.csv"
        with path.open(encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))

        geography_load(countries=["NO"], source_dir=shared_data)

        assert len(rows) == 357
        assert Municipality.objects.filter(country__code="NO").count() == len(rows)
        assert County.objects.filter(country__code="NO").count() == 15

    def test_oslo_and_nordland(self, shared_data):
        geography_load(countries=["NO"], source_dir=shared_data)

        oslo = Municipality.objects.get(country__code="NO", code="0301")
        assert oslo.county.code == "03"
        assert oslo.nuts3_code == "NO081"
        # "Nordland - Nordlánnda" in the code list is "Nordland/Nordlánnda" in NUTS.
        nordland = County.objects.get(country__code="NO", code="18")
        assert nordland.nuts_code == "NO071"
        assert not County.objects.filter(country__code="NO", nuts_code="").exists()


class FinlandTests:
    def test_counts_follow_the_2020_file(self, shared_data):
        geography_load(countries=["FI"], source_dir=shared_data)

        assert Municipality.objects.filter(country__code="FI").count() == 310
        assert County.objects.filter(country__code="FI").count() == 19
        assert not Municipality.objects.filter(country__code="FI", county=None).exists()
        assert (
            Municipality.objects.get(country__code="FI", code="005").name == "Alajärvi"
        )

    def test_maakunta_without_a_wellbeing_services_county(self, shared_data):
        geography_load(countries=["FI"], source_dir=shared_data)

        helsinki = Municipality.objects.get(country__code="FI", code="091")
        assert (helsinki.county.code, helsinki.nuts3_code) == ("01", "FI1B1")
        mariehamn = Municipality.objects.get(country__code="FI", code="478")
        assert (mariehamn.county.code, mariehamn.nuts3_code) == ("21", "FI200")

    def test_kunnat_that_changed_maakunta_in_2021_have_the_present_one(
        self, shared_data
    ):
        geography_load(countries=["FI"], source_dir=shared_data)

        moved = {
            m.code: (m.county.code, m.nuts3_code)
            for m in Municipality.objects.filter(
                country__code="FI", code__in=["090", "142", "152", "171", "291"]
            ).select_related("county")
        }
        assert moved == {
            "090": ("12", "FI1DC"),  # Heinävesi: Pohjois-Karjala
            "142": ("07", "FI1C6"),  # Iitti: Päijät-Häme
            "152": ("14", "FI199"),  # Isokyrö: Etelä-Pohjanmaa
            "171": ("11", "FI1DB"),  # Joroinen: Pohjois-Savo
            "291": ("06", "FI19B"),  # Kuhmoinen: Pirkanmaa
        }

    def test_no_boundaries_from_topojson(self, shared_data):
        [result, _nuts] = geography_load(
            countries=["FI"], source_dir=shared_data, with_boundaries=True
        )

        assert not Municipality.objects.filter(boundary__isnull=False).exists()
        assert any("TopoJSON" in note for note in result.notes)


class IdempotenceTests:
    def test_second_load_changes_nothing(self, shared_data):
        geography_load(
            countries=["SE", "DK"], source_dir=shared_data, with_boundaries=True
        )
        before = _snapshot()
        entries = AuditEntry.objects.count()

        results = geography_load(
            countries=["SE", "DK"], source_dir=shared_data, with_boundaries=True
        )

        assert [(r.created, r.updated) for r in results] == [(0, 0)] * 3
        assert results[0].unchanged == 1 + 21 + 290
        assert _snapshot() == before
        assert AuditEntry.objects.count() == entries

    def test_changed_value_is_restored_and_counted(self, shared_data):
        geography_load(countries=["SE"], source_dir=shared_data)
        Municipality.objects.filter(code="2281").update(name="Sundsvall (fel)")

        [result, _nuts] = geography_load(countries=["SE"], source_dir=shared_data)

        assert result.counts["municipalities"].updated == 1
        assert result.counts["municipalities"].unchanged == 289
        assert Municipality.objects.get(code="2281").name == "Sundsvall"

    def test_load_without_boundaries_keeps_them(self, shared_data):
        geography_load(countries=["SE"], source_dir=shared_data, with_boundaries=True)
        assert Municipality.objects.get(code="2281").boundary["type"] in {
            "Polygon",
            "MultiPolygon",
        }

        results = geography_load(countries=["SE"], source_dir=shared_data)

        assert sum(r.updated for r in results) == 0
        assert not Municipality.objects.filter(boundary=None).exists()
        assert not County.objects.filter(boundary=None).exists()
        assert NutsRegion.objects.get(code="SE321", version=2024).boundary is not None


class AuditTests:
    def test_one_summary_entry_per_country(self, shared_data):
        geography_load(countries=["SE", "DK"], source_dir=shared_data)

        sweden = Country.objects.get(code="SE")
        entry = AuditEntry.objects.for_object(sweden).get()
        assert entry.action == "geo.load"
        assert entry.actor is None
        assert entry.changes == {
            "created": {"old": None, "new": 1 + 21 + 290},
            "updated": {"old": None, "new": 0},
        }
        denmark = Country.objects.get(code="DK")
        assert (
            AuditEntry.objects.for_object(denmark).get().changes["created"]["new"]
            == 104
        )

    def test_nuts_entry_per_nuts_country(self, shared_data):
        geography_load(countries=["SE"], source_dir=shared_data)

        root = NutsRegion.objects.get(code="SE", version=2024)
        entry = AuditEntry.objects.for_object(root).get()
        assert entry.changes["created"]["new"] == NutsRegion.objects.count()

    def test_action_is_registered_with_a_label(self):
        assert str(audit.action_label("geo.load")) != "geo.load"


class BadFileTests:
    def test_missing_column_names_file_and_column_and_changes_nothing(
        self, shared_data, tmp_path
    ):
        geography_load(countries=["SE"], source_dir=shared_data)
        Municipality.objects.filter(code="2281").update(name="Sundsvall (fel)")
        before = _snapshot()
        source = _copy_country(shared_data, tmp_path, "geo-se")
        path = source / "geo-se" / "scb_codes_municipalities.csv"
        path.write_text(
            "municipality_code,municipality_name,municipality_name_short\n"
            "2281,Sundsvalls kommun,Sundsvall\n",
            encoding="utf-8",
        )

        with pytest.raises(GeoLoadError) as exc:
            geography_load(countries=["SE"], source_dir=source)

        assert "county_code" in str(exc.value)
        assert "scb_codes_municipalities.csv" in str(exc.value)
        assert _snapshot() == before

    def test_missing_file_is_named(self, shared_data, tmp_path):
        source = _copy_country(shared_data, tmp_path, "geo-dk")
        (source / "geo-dk" / "dk_kommuner_regioner_codes.csv").unlink()

        with pytest.raises(GeoLoadError, match=r"dk_kommuner_regioner_codes\.csv"):
            geography_load(countries=["DK"], source_dir=source)
        assert not Country.objects.exists()

    def test_lost_leading_zeros_are_refused(self, shared_data, tmp_path):
        source = _copy_country(shared_data, tmp_path, "geo-se")
        path = source / "geo-se" / "scb_codes_municipalities.csv"
        text = path.read_text(encoding="utf-8").replace("\n0114,", "\n114,")
        path.write_text(text, encoding="utf-8")

        with pytest.raises(GeoLoadError, match="leading zeros"):
            geography_load(countries=["SE"], source_dir=source)

    def test_failure_while_writing_rolls_everything_back(
        self, shared_data, monkeypatch
    ):
        def broken_log(*args, **kwargs):
            raise RuntimeError("audit log unavailable")

        monkeypatch.setattr(audit, "log", broken_log)

        with pytest.raises(RuntimeError):
            geography_load(countries=["SE"], source_dir=shared_data)
        assert _snapshot() == {name: [] for name in _snapshot()}


class OfficialSourceTests:
    def test_downloads_then_reads_like_the_files(self, shared_data, monkeypatch):
        """The publishers are stood in for by ../shared/data; the derived code lists are
        made from the downloaded files, not copied.
        """
        local = {
            url: shared_data / folder / name
            for folder, files in official.OFFICIAL_FILES.items()
            for url, name, _always in files
        }
        fetched = []

        def fake_urlopen(url, timeout):
            fetched.append(url)
            return BytesIO(local[url].read_bytes())

        monkeypatch.setattr(urllib.request, "urlopen", fake_urlopen)

        geography_load(countries=["NO"], source="official")

        assert Municipality.objects.filter(country__code="NO").count() == 357
        assert Municipality.objects.get(code="0301").nuts3_code == "NO081"
        assert any("gisco-services.ec.europa.eu" in url for url in fetched)
        assert not any(url.endswith(".csv") for url in fetched)


class PermissionTests:
    def test_a_user_must_be_a_platform_administrator(self, shared_data, officer):
        with pytest.raises(PermissionDenied):
            geography_load(countries=["SE"], source_dir=shared_data, by=officer)
        assert not Country.objects.exists()

    def test_platform_administrator_is_the_recorded_actor(self, shared_data):
        admin = UserFactory(is_superuser=True, is_staff=True)

        geography_load(countries=["DK"], source_dir=shared_data, by=admin)

        entry = AuditEntry.objects.for_object(Country.objects.get(code="DK")).get()
        assert entry.actor == admin
