"""The chart and table helpers of the public goal page (no database)."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import translation

from samverka.strategy.status import StatusResult
from samverka.strategy.templatetags.strategy_charts import (
    build,
    format_value,
    lang_attr,
    shown_language,
)


@dataclass
class FakeIndicator:
    name: str = "Gästnätter"
    unit: str = "tusental"
    decimals: int = 1
    higher_is_better: bool = True
    headline_area: str = ""
    geography_level: str = "county"
    translations: dict = field(default_factory=dict)
    source_language: str = "sv"

    def localised(self, name):
        lang = (translation.get_language() or "en")[:2]
        return self.translations.get(lang, {}).get(name) or getattr(self, name)


@dataclass
class FakeTarget:
    year: int
    value: Decimal


@dataclass
class FakeLink:
    indicator: FakeIndicator
    baseline_value: Decimal | None = Decimal("50")
    baseline_year: int | None = 2020
    current_targets: list = field(default_factory=list)
    pk: int = 7


@dataclass
class FakeObservation:
    year: int
    value: Decimal
    sex: str = ""
    age_group: str = ""
    period: str = ""
    area_level: str = "county"
    area_code: str = "SE-c22"


@dataclass
class FakeView:
    link: FakeLink
    observations: list
    status: StatusResult | None = None


def view(observations, targets=((2030, "60"),), **link):
    return FakeView(
        FakeLink(
            FakeIndicator(),
            current_targets=[FakeTarget(y, Decimal(v)) for y, v in targets],
            **link,
        ),
        [FakeObservation(y, Decimal(v)) for y, v in observations],
    )


def test_table_rows_join_values_targets_and_planned_path():
    data = build(view([(2022, "52"), (2025, "53.25")]))
    rows = {r.year: r for r in data.rows}
    assert [r.year for r in data.rows] == [2020, 2022, 2025, 2030]
    assert rows[2020].is_baseline
    assert rows[2020].value == "50.0"
    assert rows[2022].planned == "52.0"
    assert rows[2025].value == "53.3"  # the indicator's one decimal, rounded half up
    assert rows[2025].planned == "55.0"
    assert rows[2030].target == "60.0"
    assert rows[2030].value == ""
    assert data.chart_id == "indicator-7"


def test_svg_is_an_image_named_by_its_title():
    data = build(view([(2022, "52"), (2025, "53")]))
    svg = str(data.svg)
    assert svg.startswith("<svg")
    assert 'role="img"' in svg
    assert 'aria-labelledby="indicator-7-title"' in svg
    assert '<title id="indicator-7-title">Line chart of Gästnätter (tusental).' in svg
    assert svg.count('class="chart-point"') == 2
    assert svg.count('class="chart-target"') == 1
    assert svg.count('class="chart-baseline"') == 1
    assert 'class="chart-planned"' in svg


def test_chart_without_figures_still_has_a_name():
    data = build(view([], targets=(), baseline_value=None, baseline_year=None))
    svg = str(data.svg)
    assert 'role="img"' in svg
    assert "No measured values yet." in svg
    assert data.rows == []


def test_name_is_escaped_in_the_svg():
    v = view([(2022, "52")])
    v.link.indicator.name = "<b>x</b>"
    svg = str(build(v).svg)
    assert "<b>" not in svg
    assert "&lt;b&gt;x&lt;/b&gt;" in svg


def test_tick_labels_keep_the_decimals_of_the_step():
    # 49–60 gives a step of 2.5: the labels must not round 52.5 to 53.
    svg = str(build(view([(2022, "49")])).svg)
    assert ">52.5<" in svg


def test_numbers_in_swedish_and_danish():
    with translation.override("sv"):
        assert format_value(Decimal("1234.5"), 1).replace("\xa0", " ") == "1 234,5"
    with translation.override("da"):
        assert format_value(Decimal("1234.5"), 2) == "1.234,50"
    with translation.override("en"):
        assert format_value(Decimal("1234.5"), 0) == "1,235"


def test_lang_attr_marks_text_in_another_language():
    indicator = FakeIndicator(translations={"en": {"name": "Guest nights"}})
    with translation.override("en"):
        assert shown_language(indicator, "name") == "en"
        assert lang_attr(indicator, "name") == ""
        assert lang_attr(indicator, "unit") == ' lang="sv"'
    with translation.override("da"):
        assert lang_attr(indicator, "name") == ' lang="sv"'
    with translation.override("sv"):
        assert lang_attr(indicator, "name") == ""
