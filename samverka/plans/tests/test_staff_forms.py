"""Reading amounts typed by people, in the ways the Nordic languages and English write them."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from samverka.plans.forms import format_money_input, money_example, parse_money


@pytest.mark.parametrize(
    ("text", "languages", "expected"),
    [
        ("1 250 000,50", ["sv"], 125_000_050),
        ("1\u00a0250\u00a0000,50", ["sv"], 125_000_050),
        ("1\u202f250\u202f000", ["fi"], 125_000_000),
        ("1250000,5", ["sv"], 125_000_050),
        ("1.250.000,50", ["da"], 125_000_050),
        ("1.250.000", ["da"], 125_000_000),
        ("1,250,000.50", ["en"], 125_000_050),
        ("1250000", ["en"], 125_000_000),
        ("  42 SEK ", ["sv"], 4200),
        ("42 kr", ["sv"], 4200),
        ("1 250 000,50", ["en", "sv"], 125_000_050),
        ("1.250", ["da"], 125_000),
        ("1.25", ["en"], 125),
    ],
)
def test_parse_money(text, languages, expected):
    currency = "DKK" if languages[0] == "da" else "SEK"
    assert parse_money(text, currency, languages) == expected


@pytest.mark.parametrize(
    ("text", "languages"),
    [
        ("1,250,000.50", ["sv"]),
        ("1.250.000,50", ["en"]),
        ("12,345", ["sv"]),  # three decimals
        ("1.25.000", ["da"]),  # bad grouping
        ("1,2,3", ["en"]),
        ("12,", ["sv"]),
        ("abc", ["sv"]),
        ("١٢٣", ["sv"]),  # digits of another script
        ("", ["sv"]),
    ],
)
def test_parse_money_refuses(text, languages):
    with pytest.raises(ValidationError) as caught:
        parse_money(text, "SEK", languages)
    assert caught.value.code == "invalid_amount"


def test_negative_amount():
    with pytest.raises(ValidationError) as caught:
        parse_money("-1 000", "SEK", ["sv"])
    assert caught.value.code == "negative_amount"


def test_error_names_the_format_of_the_language():
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        parse_money("lots", "DKK", ["da"])
    assert caught.value.messages == [
        "Enter an amount in DKK, for example 1.250.000 or 1.250.000,50."
    ]


def test_example_and_input_format():
    assert money_example("SEK", "sv") == "for example 1 250 000 or 1 250 000,50"
    with translation.override("sv"):
        assert format_money_input(125_000_050, "SEK") == "1 250 000,50"
        assert format_money_input(125_000_000, "SEK") == "1 250 000"
    with translation.override("da"):
        assert format_money_input(125_000_050, "DKK") == "1.250.000,50"
    with translation.override("en"):
        assert format_money_input(125_000_050, "EUR") == "1,250,000.50"
    assert format_money_input(None, "SEK") == ""
