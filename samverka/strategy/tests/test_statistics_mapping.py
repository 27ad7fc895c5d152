"""Codes of the statistics offices → areas, periods, sex and age; a dataset → rows."""

from decimal import Decimal

import pytest

from samverka.strategy.choices import GeographyLevel, Sex
from samverka.strategy.statistics.base import StatisticsError
from samverka.strategy.statistics.convert import find_roles, selections, to_rows
from samverka.strategy.statistics.jsonstat import parse_document
from samverka.strategy.statistics.regions import (
    DENMARK,
    SWEDEN,
    Area,
    age_group_for,
    area_for,
    period_for,
    sex_for,
)
from samverka.strategy.tests.statistics_samples import (
    BEFOLKNING_V1,
    DEATHS_JSONSTAT1,
    TAB638,
    dst_document,
    read_json,
)


@pytest.mark.parametrize(
    ("convention", "code", "area"),
    [
        (SWEDEN, "00", Area(GeographyLevel.COUNTRY, "SE")),
        (SWEDEN, "22", Area(GeographyLevel.COUNTY, "SE", "22")),
        (SWEDEN, "25", Area(GeographyLevel.COUNTY, "SE", "25")),
        (SWEDEN, "2281", Area(GeographyLevel.MUNICIPALITY, "SE", "2281")),
        (SWEDEN, "0114", Area(GeographyLevel.MUNICIPALITY, "SE", "0114")),
        (DENMARK, "000", Area(GeographyLevel.COUNTRY, "DK")),
        (DENMARK, "081", Area(GeographyLevel.COUNTY, "DK", "1081")),
        (DENMARK, "085", Area(GeographyLevel.COUNTY, "DK", "1085")),
        (DENMARK, "101", Area(GeographyLevel.MUNICIPALITY, "DK", "101")),
        (DENMARK, "265", Area(GeographyLevel.MUNICIPALITY, "DK", "265")),
    ],
)
def test_region_codes(convention, code, area):
    assert area_for(convention, code) == area


@pytest.mark.parametrize(
    ("convention", "code"),
    [
        (SWEDEN, "SE321"),
        (SWEDEN, "228"),
        (SWEDEN, "22_RUS"),
        (SWEDEN, ""),
        (DENMARK, "00"),
        (DENMARK, "1085"),
        (DENMARK, "DK02"),
        ("NO", "03"),
    ],
)
def test_unknown_region_codes_are_refused(convention, code):
    with pytest.raises(StatisticsError, match="Unknown region code"):
        area_for(convention, code)


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("2024", (2024, "")),
        ("2025K1", (2025, "2025K1")),
        ("2025M01", (2025, "2025M01")),
        ("2024M12", (2024, "2024M12")),
    ],
)
def test_time_codes(code, expected):
    assert period_for(code) == expected


@pytest.mark.parametrize("code", ["2025K5", "2025M13", "24", "2023-2024", "2024H1"])
def test_unknown_time_codes_are_refused(code):
    with pytest.raises(StatisticsError, match="Unknown time code"):
        period_for(code)


def test_sex_and_age_codes():
    assert sex_for("1") == Sex.MEN
    assert sex_for("2") == Sex.WOMEN
    assert sex_for("1+2") == Sex.TOTAL
    assert sex_for("TOT") == Sex.TOTAL
    assert sex_for(None) == Sex.TOTAL
    with pytest.raises(StatisticsError, match="Unknown sex code “3”"):
        sex_for("3")
    for total in ("tot", "TOT", "totalt ålder", "IALT", "tot0-100+"):
        assert age_group_for(total) == ""
    assert age_group_for("85-89") == "85-89"
    assert age_group_for("0") == "0"
    assert age_group_for(None) == ""


def test_selections_without_role_keys():
    query = {
        "ContentsCode": "BE0101N1",
        "Region": ["22", "2281"],
        "time_dimension": "Tid",
    }
    assert selections(query) == {"ContentsCode": ["BE0101N1"], "Region": ["22", "2281"]}
    with pytest.raises(StatisticsError, match="“Region” must be a text or a list"):
        selections({"Region": {"codelist": "vs_RegionLän07"}})


def test_tab638_to_rows(shared_data):
    dataset = parse_document(read_json(shared_data, TAB638))
    conversion = to_rows(dataset, query={}, convention=SWEDEN)
    [row] = conversion.rows
    assert row.area_level == GeographyLevel.COUNTRY
    assert row.country_code == "SE"
    assert (row.year, row.period, row.value) == (2024, "", Decimal("50937"))
    assert (row.sex, row.age_group) == (Sex.MEN, "0")


def test_scb_v1_json_needs_a_fixed_selection(shared_data):
    dataset = parse_document(read_json(shared_data, BEFOLKNING_V1))
    with pytest.raises(StatisticsError) as error:
        to_rows(dataset, query={}, convention=SWEDEN)
    assert "“Civilstand” has several values (OG, G, SK, ÄNKL)" in error.value.message
    conversion = to_rows(dataset, query={"Civilstand": ["G"]}, convention=SWEDEN)
    assert [(r.year, r.value) for r in conversion.rows] == [
        (2015, Decimal("3291001")),
        (2016, Decimal("3329589")),
        (2017, Decimal("3358397")),
    ]
    # No region dimension: the whole country.
    assert {r.area_level for r in conversion.rows} == {GeographyLevel.COUNTRY}


def test_norrbotten_deaths_with_fixed_selections(shared_data):
    dataset = parse_document(read_json(shared_data, DEATHS_JSONSTAT1))
    everything = to_rows(dataset, query={}, convention=SWEDEN)
    assert len(everything.rows) == 1120
    conversion = to_rows(
        dataset, query={"Alder": "85-89", "Kon": ["2"]}, convention=SWEDEN
    )
    assert len(conversion.rows) == 28
    assert {(r.area_level, r.area_code) for r in conversion.rows} == {
        (GeographyLevel.COUNTY, "25")
    }
    assert {(r.sex, r.age_group) for r in conversion.rows} == {(Sex.WOMEN, "85-89")}
    assert conversion.rows[-1].year == 1996
    assert conversion.rows[-1].value == Decimal("181")


def test_a_selected_code_missing_from_the_data_is_named(shared_data):
    dataset = parse_document(read_json(shared_data, DEATHS_JSONSTAT1))
    with pytest.raises(StatisticsError, match="selects 100-104 of “Alder”"):
        to_rows(dataset, query={"Alder": "100-104"}, convention=SWEDEN)


def test_statistics_denmark_to_rows():
    dataset = parse_document(dst_document())
    conversion = to_rows(dataset, query={}, convention=DENMARK)
    assert conversion.read == 18
    assert conversion.missing == 1
    assert len(conversion.rows) == 17
    by_key = {
        (r.area_level, r.area_code, r.period, r.sex): r.value for r in conversion.rows
    }
    assert by_key[(GeographyLevel.COUNTRY, "", "2025K1", Sex.TOTAL)] == 6001008
    assert by_key[(GeographyLevel.COUNTY, "1085", "2025K2", Sex.MEN)] == 425398
    assert by_key[(GeographyLevel.MUNICIPALITY, "265", "2025K2", Sex.WOMEN)] == 46200
    assert (GeographyLevel.MUNICIPALITY, "265", "2025K2", Sex.TOTAL) not in by_key
    assert {r.year for r in conversion.rows} == {2025}


def test_roles_found_by_name_or_named_in_the_query():
    dataset = parse_document(dst_document())
    roles = find_roles(dataset, {})
    assert (roles.region, roles.time, roles.sex, roles.age) == (
        "OMRÅDE",
        "Tid",
        "KØN",
        None,
    )
    document = dst_document()
    dimension = document["dataset"]["dimension"]
    dimension["Kvartal"] = dimension.pop("Tid")
    dimension["id"] = ["OMRÅDE", "KØN", "Kvartal", "ContentsCode"]
    dimension["role"] = {}
    renamed = parse_document(document)
    with pytest.raises(StatisticsError, match="no time dimension"):
        find_roles(renamed, {})
    assert find_roles(renamed, {"time_dimension": "Kvartal"}).time == "Kvartal"
    with pytest.raises(StatisticsError, match="no such dimension"):
        find_roles(renamed, {"time_dimension": "Tid"})


def test_unknown_region_code_names_the_value():
    document = dst_document()
    category = document["dataset"]["dimension"]["OMRÅDE"]["category"]
    category["index"] = {"000": 0, "085": 1, "DK02": 2}
    dataset = parse_document(document)
    with pytest.raises(StatisticsError) as error:
        to_rows(dataset, query={}, convention=DENMARK)
    assert "Unknown region code “DK02”" in error.value.message
    assert "value 13 of 18" in error.value.message


def test_two_values_for_the_same_observation_are_refused():
    document = dst_document()
    category = document["dataset"]["dimension"]["KØN"]["category"]
    category["index"] = {"TOT": 0, "1": 1, "1+2": 2}
    dataset = parse_document(document)
    with pytest.raises(StatisticsError, match="Values 1 and 5 are for the same area"):
        to_rows(dataset, query={}, convention=DENMARK)
