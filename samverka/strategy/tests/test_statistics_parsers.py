"""Parsers of the statistics import: JSON-stat 2.0 and 1.0, PxWebApi 1 json."""

import json
from decimal import Decimal

import pytest

from samverka.strategy.statistics.base import StatisticsError, parse_value
from samverka.strategy.statistics.jsonstat import (
    load_json,
    parse_document,
    parse_jsonstat1,
    parse_jsonstat2,
)
from samverka.strategy.statistics.pxweb import parse_pxweb_json
from samverka.strategy.tests.statistics_samples import (
    BEFOLKNING_V1,
    DEATHS_JSONSTAT1,
    TAB638,
    dst_document,
    read,
    read_json,
)


def test_scb_v2_tab638_real_recording(shared_data):
    dataset = parse_jsonstat2(read_json(shared_data, TAB638))
    assert dataset.format == "json-stat 2.0"
    assert dataset.dimension_ids == [
        "Region",
        "Civilstand",
        "Alder",
        "Kon",
        "ContentsCode",
        "Tid",
    ]
    assert dataset.roles["time"] == ["Tid"]
    [record] = dataset.records
    assert record.categories == {
        "Region": "00",
        "Civilstand": "OG",
        "Alder": "0",
        "Kon": "1",
        "ContentsCode": "BE0101N1",
        "Tid": "2024",
    }
    assert record.value == Decimal("50937")
    assert dataset.dimension("Region").labels == {"00": "Riket"}


def test_scb_v1_plain_json_real_recording(shared_data):
    dataset = parse_pxweb_json(read_json(shared_data, BEFOLKNING_V1))
    assert dataset.dimension_ids == ["Civilstand", "Tid", "ContentsCode"]
    assert dataset.dimension("Civilstand").codes == ("OG", "G", "SK", "ÄNKL")
    assert dataset.roles["time"] == ["Tid"]
    assert len(dataset.records) == 12
    first = dataset.records[0]
    assert first.categories == {
        "Civilstand": "OG",
        "Tid": "2015",
        "ContentsCode": "BE0101N1",
    }
    assert first.value == Decimal("5157443")
    last = dataset.records[-1]
    assert last.categories["Civilstand"] == "ÄNKL"
    assert last.value == Decimal("435643")


def test_scb_jsonstat1_deaths_norrbotten_real_recording(shared_data):
    document = read_json(shared_data, DEATHS_JSONSTAT1)
    dataset = parse_jsonstat1(document)
    assert dataset.format == "json-stat 1.0"
    assert dataset.dimension_ids == [
        "Region",
        "Dodsorsak",
        "Alder",
        "Kon",
        "ContentsCode",
        "Tid",
    ]
    assert len(dataset.records) == 20 * 2 * 28 == 1120
    # Row-major order: the last dimension (Tid) varies fastest, then Kon, then Alder.
    assert dataset.records[0].categories["Tid"] == "1969"
    assert dataset.records[1].categories["Tid"] == "1970"
    assert dataset.records[28].categories["Kon"] == "2"
    assert dataset.records[56].categories["Alder"] == "1-4"
    # Each record carries the value at its own position of the recorded list.
    values = document["dataset"]["value"]
    for position in (0, 13, 555, 1119):
        assert dataset.records[position].value == Decimal(values[position])
    women_85_89_1996 = next(
        r
        for r in dataset.records
        if r.categories["Alder"] == "85-89"
        and r.categories["Kon"] == "2"
        and r.categories["Tid"] == "1996"
    )
    # Alder 85-89 is the 19th of 20 ages, Kon 2 the second sex, 1996 the 28th year.
    assert women_85_89_1996.value == Decimal(values[18 * 2 * 28 + 1 * 28 + 27])
    assert women_85_89_1996.value == Decimal("181")


def test_statistics_denmark_jsonstat1_documented_shape():
    dataset = parse_document(dst_document())
    assert dataset.format == "json-stat 1.0"
    assert dataset.dimension_ids == ["OMRÅDE", "KØN", "Tid", "ContentsCode"]
    assert len(dataset.records) == 18
    roskilde_women_q2 = dataset.records[-1]
    assert roskilde_women_q2.categories == {
        "OMRÅDE": "265",
        "KØN": "2",
        "Tid": "2025K2",
        "ContentsCode": "FOLK1A",
    }
    assert roskilde_women_q2.value == Decimal("46200")
    roskilde_total_q2 = dataset.records[13]
    assert roskilde_total_q2.categories["KØN"] == "TOT"
    assert roskilde_total_q2.value is None


def test_parse_document_recognises_each_format(shared_data):
    assert parse_document(read_json(shared_data, TAB638)).format == "json-stat 2.0"
    assert parse_document(read_json(shared_data, BEFOLKNING_V1)).format == "pxweb json"
    assert (
        parse_document(read_json(shared_data, DEATHS_JSONSTAT1)).format
        == "json-stat 1.0"
    )
    assert parse_document(load_json(read(shared_data, TAB638))).records


def test_jsonstat2_sparse_values_and_status():
    document = {
        "version": "2.0",
        "class": "dataset",
        "id": ["Region", "Tid"],
        "size": [2, 2],
        "dimension": {
            "Region": {"category": {"index": ["22", "2281"]}},
            "Tid": {"category": {"index": {"2023": 0, "2024": 1}}},
        },
        "value": {"0": 1.5, "3": 7},
        "status": {"1": ".."},
    }
    dataset = parse_jsonstat2(document)
    assert [(r.categories["Region"], r.categories["Tid"]) for r in dataset.records] == [
        ("22", "2023"),
        ("22", "2024"),
        ("2281", "2023"),
        ("2281", "2024"),
    ]
    assert [r.value for r in dataset.records] == [
        Decimal("1.5"),
        None,
        None,
        Decimal("7"),
    ]
    assert dataset.records[1].status == ".."


def test_single_category_without_index():
    document = {
        "class": "dataset",
        "id": ["Tid"],
        "size": [1],
        "dimension": {"Tid": {"category": {"label": {"2024": "2024"}}}},
        "value": [3],
    }
    assert parse_jsonstat2(document).records[0].categories == {"Tid": "2024"}


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ([1, 2], "not a JSON-stat or PxWeb"),
        ({"hello": "world"}, "neither JSON-stat"),
        (
            {
                "class": "dataset",
                "id": ["Tid"],
                "size": [2],
                "dimension": {"Tid": {"category": {"index": ["2023", "2024"]}}},
                "value": [1],
            },
            "has 1 values; its sizes call for 2",
        ),
        (
            {
                "class": "dataset",
                "id": ["Tid"],
                "size": [3],
                "dimension": {"Tid": {"category": {"index": ["2023", "2024"]}}},
                "value": [1, 2, 3],
            },
            "has 2 categories but its size is 3",
        ),
        ({"class": "collection", "link": {}}, "give a single dataset"),
        (
            {"columns": [{"code": "Tid", "type": "t"}], "data": []},
            "no content column",
        ),
    ],
)
def test_malformed_documents_are_refused_with_a_reason(document, message):
    with pytest.raises(StatisticsError, match=message):
        parse_document(document)


def test_pxweb_row_that_does_not_match_its_columns():
    document = {
        "columns": [
            {"code": "Tid", "type": "t"},
            {"code": "BE0101N1", "type": "c"},
        ],
        "data": [{"key": ["2024"], "values": ["1"]}, {"key": [], "values": ["2"]}],
    }
    with pytest.raises(StatisticsError, match="Row 2"):
        parse_pxweb_json(document)


def test_load_json_refuses_what_is_not_json():
    with pytest.raises(StatisticsError, match="not valid JSON"):
        load_json(b"Region;Tid;value\n22;2024;1\n")
    assert load_json("\ufeff" + json.dumps({"a": 1})) == {"a": 1}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("50937", Decimal("50937")),
        (12, Decimal("12")),
        (0.1, Decimal("0.1")),
        (" 1 234,5 ".replace(",", "."), Decimal("1234.5")),
        ("..", None),
        (".", None),
        ("-", None),
        ("\u22121.5", Decimal("-1.5")),
        (None, None),
        (True, None),
        ("NaN", None),
    ],
)
def test_parse_value(raw, expected):
    assert parse_value(raw) == expected
