"""The file readers on their own: no database."""

import csv
import shutil

import pytest

from samverka.geo import official, readers
from samverka.geo.readers import GeoLoadError, NutsData, NutsRow


def _nuts(*rows):
    return NutsData(
        version=2024,
        rows=[
            NutsRow(
                code=code,
                level=len(code) - 2,
                country_code=code[:2],
                name=name,
                name_national=name,
                version=2024,
            )
            for code, name in rows
        ],
    )


class CsvTests:
    def test_missing_column_is_named_with_the_file(self, tmp_path):
        path = tmp_path / "codes.csv"
        path.write_text("kommunenummer,kommunenavn\n0301,Oslo\n", encoding="utf-8")

        with pytest.raises(GeoLoadError) as exc:
            readers.read_csv(path, columns=("kommunenummer", "fylkesnummer"))

        message = str(exc.value)
        assert "fylkesnummer" in message
        assert "codes.csv" in message
        assert "kommunenummer" not in message.split("found")[0]

    def test_codes_stay_strings(self, tmp_path):
        path = tmp_path / "codes.csv"
        path.write_text("kuntanumero,nimi_fi\n005,Alajärvi\n", encoding="utf-8")

        assert readers.read_csv(path, columns=("kuntanumero",)) == [
            {"kuntanumero": "005", "nimi_fi": "Alajärvi"}
        ]

    def test_missing_file(self, tmp_path):
        with pytest.raises(GeoLoadError, match=r"nothing\.csv"):
            readers.read_csv(tmp_path / "nothing.csv", columns=())

    def test_broken_geojson(self, tmp_path):
        path = tmp_path / "shapes.geojson"
        path.write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")

        with pytest.raises(GeoLoadError, match=r"shapes\.geojson"):
            readers.read_geojson_features(path)


class NutsMatchTests:
    def test_multilingual_names_match_any_part(self):
        nuts = _nuts(("NO071", "Nordland/Nordlánnda"), ("NO081", "Oslo"))

        found = readers.match_nuts(
            country="NO",
            names={"18": ["Nordland - Nordlánnda"], "03": ["Oslo"], "99": ["Atlantis"]},
            nuts=nuts,
        )

        assert found == {"18": "NO071", "03": "NO081"}

    def test_alias_for_uusimaa(self):
        nuts = _nuts(("FI1B1", "Helsinki-Uusimaa"))

        assert readers.match_nuts(
            country="FI", names={"01": ["Uusimaa"]}, nuts=nuts
        ) == {"01": "FI1B1"}

    def test_other_countries_do_not_match(self):
        nuts = _nuts(("SE110", "Stockholms län"))

        assert (
            readers.match_nuts(
                country="FI", names={"01": ["Stockholms län"]}, nuts=nuts
            )
            == {}
        )

    def test_nuts3_within(self):
        nuts = _nuts(
            ("DK021", "Østsjælland"), ("DK022", "Vest- og Sydsjælland"), ("DK050", "N")
        )

        assert readers.nuts3_within("DK05", nuts) == "DK050"
        assert readers.nuts3_within("DK02", nuts) == ""
        assert readers.nuts3_within("SE321", nuts) == "SE321"
        assert readers.nuts3_within("", nuts) == ""


class GeometryTests:
    # A "C" open to the east: its centroid lies in the gap, outside the shape.
    C_SHAPE = [[(0, 0), (3, 0), (3, 1), (1, 1), (1, 2), (3, 2), (3, 3), (0, 3), (0, 0)]]

    def test_representative_point_is_inside_a_concave_shape(self):
        point = readers.representative_point([self.C_SHAPE])

        assert readers.contains(self.C_SHAPE, point)
        assert not readers.contains(self.C_SHAPE, (2, 1.5))

    def test_hole_is_outside(self):
        square_with_hole = [
            [(0, 0), (4, 0), (4, 4), (0, 4), (0, 0)],
            [(1, 1), (3, 1), (3, 3), (1, 3), (1, 1)],
        ]

        assert readers.contains(square_with_hole, (0.5, 2))
        assert not readers.contains(square_with_hole, (2, 2))

    def test_islands_of_one_kommune_become_one_multipolygon(self, tmp_path):
        path = tmp_path / "islands.geojson"
        square = [[[0, 0], [1, 0], [1, 1], [0, 0]]]
        path.write_text(
            '{"type": "FeatureCollection", "features": ['
            f'{{"type": "Feature", "properties": {{"lau_1": "563"}}, '
            f'"geometry": {{"type": "Polygon", "coordinates": {square}}}}},'
            f'{{"type": "Feature", "properties": {{"lau_1": "563"}}, '
            f'"geometry": {{"type": "Polygon", "coordinates": {square}}}}}]}}',
            encoding="utf-8",
        )

        shapes = readers.boundaries_by_key(path, key="lau_1")

        assert shapes["563"] == {
            "type": "MultiPolygon",
            "coordinates": [square, square],
        }


@pytest.mark.shared_data
class DerivedCodeListTests:
    def test_derived_lists_equal_the_ones_in_shared_data(self, shared_data, tmp_path):
        """Official mode makes the code lists that ../shared/data derived by hand."""
        for folder, files in official.OFFICIAL_FILES.items():
            (tmp_path / folder).mkdir()
            for _url, name, _always in files:
                shutil.copy(shared_data / folder / name, tmp_path / folder / name)

        official.derive_code_lists(source_dir=tmp_path)

        for name in (
            "geo-dk/dk_kommuner_regioner_codes.csv",
            "geo-no/no_kommuner_fylker_2024_codes.csv",
            "geo-fi/fi_kunnat_2020_codes.csv",
            "geo-fi/fi_maakunnat_2020_codes.csv",
            "nuts/nuts_2021_codes.csv",
            "nuts/nuts_2024_codes.csv",
        ):
            with (
                (shared_data / name).open(encoding="utf-8") as expected,
                (tmp_path / name).open(encoding="utf-8") as derived,
            ):
                assert sorted(csv.reader(derived)) == sorted(csv.reader(expected)), name

    def test_finnish_spatial_join_agrees_with_the_wellbeing_counties(self, shared_data):
        """Each kunta's 2020 maakunta, found by point in polygon, is its wellbeing
        services county's maakunta, except for the five kunnat that moved in 2021.
        """
        folder = shared_data / "geo-fi"
        rows = readers.read_csv(
            folder / "fi_kunnat_2020_codes.csv", columns=("kuntanumero",)
        )
        in_2020 = readers.finland_maakunta(
            folder=folder, hva={row["kuntanumero"]: "" for row in rows}, notes=[]
        )
        now = readers.finland_maakunta(
            folder=folder,
            hva={row["kuntanumero"]: row["hva_id_2021"] for row in rows},
            notes=[],
        )

        assert len(in_2020) == len(now) == 310
        assert {code for code in now if now[code] != in_2020[code]} == {
            "090",
            "142",
            "152",
            "171",
            "291",
        }
        assert in_2020["142"] == "08"  # Iitti was in Kymenlaakso in 2020
