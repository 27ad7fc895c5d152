"""National organisation identifiers, each checked by its country's rule.

Every validator is a pure function: it takes what a person typed, returns the
normalised form that we store, or raises a ValidationError whose message names the
rule that failed. `normalise_national_id(country, value)` picks the rule by country.

- Sweden, organisationsnummer: 10 digits stored as NNNNNN-NNNN; the last digit is a
  Luhn (modulus 10) check digit over the first nine. The third digit of a legal
  entity's number is 2 or higher (that is what tells it from a personal identity
  number), and we require it for the 10-digit form. A sole trader (enskild
  näringsidkare) has no organisation number and uses the personal identity number,
  which we accept only in the 12-digit form with the century (18, 19 or 20), stored
  as YYYYMMDD-NNNN, so that it is never mistaken for an organisation's number. The prefix 16 that some registers put before a legal entity's
  number is accepted and dropped.
- Denmark, CVR-nummer: 8 digits; the weighted sum with weights 2,7,6,5,4,3,2,1 is
  divisible by 11.
- Norway, organisasjonsnummer: 9 digits; weights 3,2,7,6,5,4,3,2 over the first
  eight, check digit 11 − (sum mod 11), where 11 becomes 0 and 10 means that no such
  number is issued.
- Finland, Y-tunnus: NNNNNNN-N; weights 7,9,10,5,8,4,2 over the seven digits,
  remainder r of the sum mod 11: r = 0 gives 0, r = 1 is never issued, otherwise
  11 − r. Older six-digit identifiers are padded with a leading zero.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from samverka.core.choices import Country

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise as StrPromise

SE_RULE = _("Swedish organisation number (10 digits, Luhn check digit)")
DK_RULE = _("Danish CVR number (8 digits, modulus 11)")
NO_RULE = _("Norwegian organisation number (9 digits, modulus 11)")
FI_RULE = _("Finnish business ID, Y-tunnus (7 digits and a check digit, modulus 11)")

_FORMAT = _("Not a valid %(rule)s: enter it as %(format)s.")
_CHECK_DIGIT = _("Not a valid %(rule)s: the check digit does not match.")
_NEVER_ISSUED = _(
    "Not a valid %(rule)s: no number is issued with these first digits "
    "(the check digit would be 10)."
)
_SE_THIRD_DIGIT = _(
    "Not a valid %(rule)s: the third digit of an organisation number is 2 or "
    "higher. A sole trader enters the personal identity number with the century, "
    "as YYYYMMDD-NNNN."
)
_SE_DATE = _(
    "Not a valid %(rule)s: a sole trader's personal identity number starts with a "
    "date of birth, YYYYMMDD."
)

# Spaces, hyphens, dots and plus signs are how people group the digits; they carry no
# meaning in any of the four identifiers (a Swedish "+" marks a centenarian, which
# the 12-digit form already says).
_SEPARATORS = re.compile(r"[\s\-.+]")

DK_WEIGHTS = (2, 7, 6, 5, 4, 3, 2, 1)
NO_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)
FI_WEIGHTS = (7, 9, 10, 5, 8, 4, 2)


def _error(
    message: StrPromise, rule: StrPromise, code: str, **params: object
) -> ValidationError:
    return ValidationError(message, code=code, params={"rule": rule, **params})


def _digits(value: str, *, prefix: str = "") -> str:
    """What is left of `value` without separators and an optional country prefix."""
    compact = _SEPARATORS.sub("", value or "").upper()
    if prefix and compact.startswith(prefix):
        compact = compact[len(prefix) :]
    return compact


def _weighted_sum(digits: str, weights: Sequence[int]) -> int:
    return sum(int(d) * w for d, w in zip(digits, weights, strict=True))


def luhn_check_digit(digits: str) -> int:
    """The Luhn (modulus 10) check digit to append to `digits`."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if (
            position % 2 == 0
        ):  # doubled: every second digit from the right of the payload
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return (10 - total % 10) % 10


SE_FORMAT = _("NNNNNN-NNNN (YYYYMMDD-NNNN for a sole trader)")


def validate_se_organisation_number(value: str) -> str:
    """A Swedish organisationsnummer as NNNNNN-NNNN, or a sole trader's YYYYMMDD-NNNN."""
    digits = _digits(value)
    if not digits.isdigit() or len(digits) not in (10, 12):
        raise _error(
            _FORMAT,
            SE_RULE,
            "format",
            format=SE_FORMAT,
        )
    century = ""
    if len(digits) == 12:
        century, digits = digits[:2], digits[2:]
        if century not in ("16", "18", "19", "20"):
            raise _error(
                _FORMAT,
                SE_RULE,
                "format",
                format=SE_FORMAT,
            )
    if luhn_check_digit(digits[:9]) != int(digits[9]):
        raise _error(_CHECK_DIGIT, SE_RULE, "check_digit")
    if century in ("18", "19", "20"):
        month, day = int(digits[2:4]), int(digits[4:6])
        # Day + 60 is a coordination number (samordningsnummer), issued to people
        # who are not registered residents; it is as valid for a sole trader.
        if not (1 <= month <= 12 and (1 <= day <= 31 or 61 <= day <= 91)):
            raise _error(_SE_DATE, SE_RULE, "date")
        return f"{century}{digits[:6]}-{digits[6:]}"
    if int(digits[2]) < 2:
        raise _error(_SE_THIRD_DIGIT, SE_RULE, "third_digit")
    return f"{digits[:6]}-{digits[6:]}"


def validate_dk_cvr(value: str) -> str:
    """A Danish CVR-nummer as 8 digits (a leading DK, as in VAT numbers, is dropped)."""
    digits = _digits(value, prefix="DK")
    if not digits.isdigit() or len(digits) != 8:
        raise _error(_FORMAT, DK_RULE, "format", format="NNNNNNNN")
    if _weighted_sum(digits, DK_WEIGHTS) % 11 != 0:
        raise _error(_CHECK_DIGIT, DK_RULE, "check_digit")
    return digits


def validate_no_organisation_number(value: str) -> str:
    """A Norwegian organisasjonsnummer as 9 digits (a trailing MVA is dropped)."""
    digits = _digits(value, prefix="NO")
    digits = digits.removesuffix("MVA")
    if not digits.isdigit() or len(digits) != 9:
        raise _error(_FORMAT, NO_RULE, "format", format="NNN NNN NNN")
    check = 11 - _weighted_sum(digits[:8], NO_WEIGHTS) % 11
    if check == 11:
        check = 0
    if check == 10:
        raise _error(_NEVER_ISSUED, NO_RULE, "never_issued")
    if check != int(digits[8]):
        raise _error(_CHECK_DIGIT, NO_RULE, "check_digit")
    return digits


def validate_fi_business_id(value: str) -> str:
    """A Finnish Y-tunnus as NNNNNNN-N (an FI prefix, as in VAT numbers, is dropped)."""
    raw = (value or "").strip().upper().removeprefix("FI").strip()
    if re.fullmatch(r"\d{6,7}-\d", raw):
        digits = raw.replace("-", "").zfill(8)
    elif re.fullmatch(r"\d{8}", raw):
        digits = raw
    else:
        raise _error(_FORMAT, FI_RULE, "format", format="NNNNNNN-N")
    remainder = _weighted_sum(digits[:7], FI_WEIGHTS) % 11
    if remainder == 1:
        raise _error(_NEVER_ISSUED, FI_RULE, "never_issued")
    check = 0 if remainder == 0 else 11 - remainder
    if check != int(digits[7]):
        raise _error(_CHECK_DIGIT, FI_RULE, "check_digit")
    return f"{digits[:7]}-{digits[7]}"


VALIDATORS: dict[str, Callable[[str], str]] = {
    Country.SE: validate_se_organisation_number,
    Country.DK: validate_dk_cvr,
    Country.NO: validate_no_organisation_number,
    Country.FI: validate_fi_business_id,
}

RULES: dict[str, StrPromise] = {
    Country.SE: SE_RULE,
    Country.DK: DK_RULE,
    Country.NO: NO_RULE,
    Country.FI: FI_RULE,
}


def normalise_national_id(country: str, value: str) -> str:
    """The normalised identifier by `country`'s rule; blank stays blank."""
    if not (value or "").strip():
        return ""
    validator = VALIDATORS.get(country)
    if validator is None:
        raise ValidationError(
            _("Choose the country whose register issued the identifier."),
            code="country",
        )
    return validator(value)
