"""The national identifier rules, checked against real published identifiers.

Each real example is first checked with the rule's arithmetic written out here,
independently of the code under test, so that a wrong example cannot pass unnoticed.
"""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from samverka.actors.validators import (
    normalise_national_id,
    validate_dk_cvr,
    validate_fi_business_id,
    validate_no_organisation_number,
    validate_se_organisation_number,
)


def luhn_valid(digits: str) -> bool:
    """Luhn over a whole number: from the left, every second digit of a 10-digit number
    is doubled starting with the first, and the digit sum is a multiple of 10."""
    total = 0
    for index, char in enumerate(digits):
        product = int(char) * (2 if (len(digits) - index) % 2 == 0 else 1)
        total += sum(int(d) for d in str(product))
    return total % 10 == 0


def mod11_remainder(digits: str, weights: tuple[int, ...]) -> int:
    return sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11


# Published identifiers. The tests prove the arithmetic; the names say where we took them.
SE_REAL = {
    "202100-5448": "Skatteverket",
    "212000-0142": "Stockholms stad",
    "556036-0793": "Saab AB",
    "202100-5489": "a Swedish government agency (example from the brief)",
}
DK_REAL = {
    "24256790": "Novo Nordisk A/S",
    "54562519": "LEGO A/S",
    "29190623": "Region Hovedstaden",
}
NO_REAL = {"974760673": "Brønnøysundregistrene", "923609016": "Equinor ASA"}
FI_REAL = {"0112038-9": "Nokia Oyj", "0245437-2": "example from the brief"}


def error_code(function, value) -> str:
    with pytest.raises(ValidationError) as caught:
        function(value)
    return caught.value.code


def message(function, value) -> str:
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        function(value)
    return " ".join(caught.value.messages)


class ArithmeticOfTheExamplesTests:
    @pytest.mark.parametrize("number", SE_REAL)
    def test_swedish_examples_pass_luhn(self, number):
        digits = number.replace("-", "")
        assert len(digits) == 10
        assert int(digits[2]) >= 2
        assert luhn_valid(digits)

    @pytest.mark.parametrize("number", DK_REAL)
    def test_danish_examples_pass_modulus_11(self, number):
        assert mod11_remainder(number, (2, 7, 6, 5, 4, 3, 2, 1)) == 0

    @pytest.mark.parametrize("number", NO_REAL)
    def test_norwegian_examples_have_the_computed_check_digit(self, number):
        remainder = mod11_remainder(number[:8], (3, 2, 7, 6, 5, 4, 3, 2))
        expected = 0 if remainder == 0 else 11 - remainder
        assert expected != 10
        assert int(number[8]) == expected

    @pytest.mark.parametrize("number", FI_REAL)
    def test_finnish_examples_have_the_computed_check_digit(self, number):
        remainder = mod11_remainder(number[:7], (7, 9, 10, 5, 8, 4, 2))
        assert remainder != 1
        assert int(number[-1]) == (0 if remainder == 0 else 11 - remainder)

    def test_the_helpers_can_fail(self):
        assert not luhn_valid("2021005449")
        assert mod11_remainder("24256791", (2, 7, 6, 5, 4, 3, 2, 1)) != 0


class SwedishOrganisationNumberTests:
    @pytest.mark.parametrize("number", SE_REAL)
    def test_real_numbers_are_valid_and_normalised(self, number):
        assert validate_se_organisation_number(number) == number
        assert validate_se_organisation_number(number.replace("-", "")) == number
        assert validate_se_organisation_number(f" {number[:6]} {number[7:]} ") == number

    def test_twelve_digit_form_of_a_legal_entity_drops_the_16(self):
        assert validate_se_organisation_number("162021005448") == "202100-5448"

    def test_sole_trader_enters_personal_identity_number_with_century(self):
        # 19121212-1212 is Skatteverket's published test identity (Tolvan Tolvansson).
        assert luhn_valid("1212121212")
        assert validate_se_organisation_number("191212121212") == "19121212-1212"
        assert validate_se_organisation_number("19121212-1212") == "19121212-1212"

    def test_wrong_check_digit(self):
        assert (
            error_code(validate_se_organisation_number, "202100-5449") == "check_digit"
        )
        assert "Luhn" in message(validate_se_organisation_number, "202100-5449")

    @pytest.mark.parametrize(
        "value", ["202100-544", "202100-54480", "2021005448123", "abcdef-ghij", ""]
    )
    def test_wrong_length_or_characters(self, value):
        assert error_code(validate_se_organisation_number, value) == "format"

    def test_ten_digit_personal_identity_number_is_refused_with_a_hint(self):
        # Third digit 1: a date of birth, not an organisation number.
        assert luhn_valid("1212121212")
        assert (
            error_code(validate_se_organisation_number, "121212-1212") == "third_digit"
        )
        assert "YYYYMMDD-NNNN" in message(
            validate_se_organisation_number, "121212-1212"
        )

    def test_unknown_century_prefix(self):
        assert error_code(validate_se_organisation_number, "172021005448") == "format"

    def test_sole_trader_number_must_start_with_a_date(self):
        # 19 + 202100-5448: Luhn is fine, but month 21 is no month.
        assert error_code(validate_se_organisation_number, "192021005448") == "date"


class DanishCvrTests:
    @pytest.mark.parametrize("number", DK_REAL)
    def test_real_numbers_are_valid(self, number):
        assert validate_dk_cvr(number) == number

    def test_spaces_and_vat_prefix_are_dropped(self):
        assert validate_dk_cvr("DK 24 25 67 90") == "24256790"

    def test_wrong_check_digit(self):
        assert error_code(validate_dk_cvr, "24256791") == "check_digit"
        assert "CVR" in message(validate_dk_cvr, "24256791")
        assert "modulus 11" in message(validate_dk_cvr, "24256791")

    @pytest.mark.parametrize("value", ["2425679", "242567900", "2425679X"])
    def test_wrong_length(self, value):
        assert error_code(validate_dk_cvr, value) == "format"


class NorwegianOrganisationNumberTests:
    @pytest.mark.parametrize("number", NO_REAL)
    def test_real_numbers_are_valid(self, number):
        assert validate_no_organisation_number(number) == number

    def test_grouping_prefix_and_mva_are_dropped(self):
        assert validate_no_organisation_number("NO 974 760 673 MVA") == "974760673"

    def test_wrong_check_digit(self):
        assert error_code(validate_no_organisation_number, "974760674") == "check_digit"
        assert "Norwegian organisation number" in message(
            validate_no_organisation_number, "974760674"
        )

    @pytest.mark.parametrize("value", ["97476067", "9747606730"])
    def test_wrong_length(self, value):
        assert error_code(validate_no_organisation_number, value) == "format"

    def test_check_digit_ten_is_never_issued(self):
        prefix = next(
            f"{n:08d}"
            for n in range(91000000, 92000000)
            if mod11_remainder(f"{n:08d}", (3, 2, 7, 6, 5, 4, 3, 2)) == 1
        )
        for last in "0123456789":
            assert (
                error_code(validate_no_organisation_number, prefix + last)
                == "never_issued"
            )


class FinnishBusinessIdTests:
    @pytest.mark.parametrize("number", FI_REAL)
    def test_real_numbers_are_valid(self, number):
        assert validate_fi_business_id(number) == number

    def test_older_six_digit_ids_get_the_leading_zero(self):
        assert validate_fi_business_id("112038-9") == "0112038-9"

    def test_vat_form_is_accepted(self):
        assert validate_fi_business_id("FI01120389") == "0112038-9"

    def test_wrong_check_digit(self):
        assert error_code(validate_fi_business_id, "0112038-8") == "check_digit"
        assert "Y-tunnus" in message(validate_fi_business_id, "0112038-8")

    @pytest.mark.parametrize(
        "value", ["01120389-1", "0112038", "01120-38", "0112038-89"]
    )
    def test_wrong_length(self, value):
        assert error_code(validate_fi_business_id, value) == "format"

    def test_remainder_one_is_never_issued(self):
        prefix = next(
            f"{n:07d}"
            for n in range(1000000, 2000000)
            if mod11_remainder(f"{n:07d}", (7, 9, 10, 5, 8, 4, 2)) == 1
        )
        assert error_code(validate_fi_business_id, f"{prefix}-0") == "never_issued"


class NormaliseByCountryTests:
    @pytest.mark.parametrize(
        ("country", "value", "expected"),
        [
            ("SE", "2021005448", "202100-5448"),
            ("DK", "24 25 67 90", "24256790"),
            ("NO", "974 760 673", "974760673"),
            ("FI", "112038-9", "0112038-9"),
            ("SE", "  ", ""),
        ],
    )
    def test_picks_the_countrys_rule(self, country, value, expected):
        assert normalise_national_id(country, value) == expected

    def test_another_countrys_number_fails(self):
        with pytest.raises(ValidationError):
            normalise_national_id("DK", "202100-5448")

    def test_unknown_country(self):
        with pytest.raises(ValidationError):
            normalise_national_id("XX", "123")
