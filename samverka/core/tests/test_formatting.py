import datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from samverka.core.formatting import (
    format_date,
    format_money,
    format_number,
    minor_to_major,
)

NBSP = "\xa0"


class FormattingTests:
    @pytest.mark.parametrize(
        ("language", "expected"),
        [
            ("sv", f"1{NBSP}234{NBSP}567,89{NBSP}kr"),
            ("da", f"1.234.567,89{NBSP}SEK"),
            ("en", "SEK1,234,567.89"),
        ],
    )
    def test_money_follows_the_language(self, language, expected):
        assert format_money(123456789, "SEK", language=language) == expected

    def test_danish_kroner_in_danish(self):
        assert format_money(250000, "DKK", language="da") == f"2.500,00{NBSP}kr."

    def test_whole_rounds_half_up(self):
        assert format_money(12350, "SEK", language="sv", whole=True) == f"124{NBSP}kr"

    def test_money_must_be_integer_minor_units(self):
        with pytest.raises(TypeError):
            minor_to_major(12.5, "SEK")  # type: ignore[arg-type]

    def test_numbers_and_dates(self):
        assert format_number(1234567.5, language="fi") == f"1{NBSP}234{NBSP}567,5"
        assert format_date(datetime.date(2026, 11, 26), language="sv") == "26 nov. 2026"
        assert (
            format_date(datetime.date(2026, 11, 26), language="da") == "26. nov. 2026"
        )

    def test_template_filter_uses_active_language(self):
        template = Template('{% load samverka %}{{ amount|money:"EUR" }}')
        with translation.override("fi"):
            assert (
                template.render(Context({"amount": 100050})) == f"1{NBSP}000,50{NBSP}€"
            )
        with translation.override("en"):
            assert template.render(Context({"amount": 100050})) == "€1,000.50"


def test_a_sentence_ending_on_danish_kroner_has_one_full_stop():
    from samverka.core.formatting import end_sentence

    assert end_sentence("Beløbet er 1.000,00 kr..") == "Beløbet er 1.000,00 kr."
    assert end_sentence("1,00 kr.. Næste sætning.") == "1,00 kr. Næste sætning."
    assert end_sentence("Belopp 1 000 kr.") == "Belopp 1 000 kr."
    assert end_sentence("Vent...") == "Vent..."


def test_a_moment_is_shown_on_the_region_s_clocks_with_the_zone_named():
    import datetime
    from zoneinfo import ZoneInfo

    from samverka.core.formatting import format_moment

    moment = datetime.datetime(2026, 12, 1, 22, 59, tzinfo=datetime.UTC)
    copenhagen = ZoneInfo("Europe/Copenhagen")
    assert format_moment(moment, copenhagen, language="en").endswith("23:59 (CET)")
    assert format_moment(moment, copenhagen, zone_key=True, language="da") == (
        "1. dec. 2026 23:59 (Europe/Copenhagen)"
    )
    helsinki = ZoneInfo("Europe/Helsinki")
    assert "00:59 (EET)" in format_moment(moment, helsinki, language="fi")
