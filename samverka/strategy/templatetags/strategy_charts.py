"""Template tags of the public strategy pages: indicator charts and language marks.

`indicator_data` turns an `IndicatorView` (see `strategy.selectors`) into what a goal
page shows of an indicator: a server-rendered SVG line chart of the headline series with
the baseline, the target points and the planned path, and the same figures as table
rows. `lang_attr` marks text shown in another language than the page (WCAG 3.1.2).
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from babel.numbers import format_decimal
from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from samverka.core.formatting import current_locale
from samverka.strategy.status import Point, headline_points

register = template.Library()


# Languages ----------------------------------------------------------------------------


def _page_language() -> str:
    language = (get_language() or "en")[:2]
    return "nb" if language == "no" else language


def shown_language(obj: Any, field_name: str) -> str:
    """The language of the text that `{{ obj|local:field_name }}` shows."""
    language = _page_language()
    texts = getattr(obj, "titles" if field_name == "title" else "texts", None)
    if isinstance(texts, dict) and not hasattr(obj, "localised"):
        # SDG reference data: a dict of texts by language, English as the fallback.
        return language if texts.get(language) else "en"
    source = str(getattr(obj, "source_language", "") or "en")
    if language != source:
        translated = (
            (getattr(obj, "translations", None) or {}).get(language) or {}
        ).get(field_name)
        if translated:
            return language
    return source


@register.filter
def text_lang(obj: Any, field_name: str) -> str:
    """{{ goal|text_lang:"title" }} → "sv": the language the shown text is in."""
    if obj is None:
        return ""
    return shown_language(obj, field_name)


@register.simple_tag
def lang_attr(obj: Any, field_name: str) -> SafeString:
    """<h2{% lang_attr goal "title" %}> → ' lang="sv"' when the text is not in the
    page's language, nothing otherwise."""
    if obj is None:
        return mark_safe("")
    language = shown_language(obj, field_name)
    if language == _page_language():
        return mark_safe("")
    return format_html(' lang="{}"', language)


@register.simple_tag
def lang_if_other(language: str) -> SafeString:
    """<a{% lang_if_other document.language %}> for text in a known language."""
    if not language or language[:2] == _page_language():
        return mark_safe("")
    return format_html(' lang="{}"', language)


# Numbers ------------------------------------------------------------------------------


def format_value(value: Decimal | float | None, decimals: int = 0) -> str:
    """A figure with the indicator's number of decimals, in the page's language."""
    if value is None:
        return ""
    decimals = max(0, min(int(decimals), 6))
    rounded = Decimal(str(value)).quantize(
        Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP
    )
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(rounded, format=pattern, locale=current_locale())


@register.filter
def indicator_value(value: Decimal | None, decimals: int = 0) -> str:
    return format_value(value, int(decimals or 0))


# The chart ----------------------------------------------------------------------------


@dataclass
class Row:
    year: int
    value: str = ""
    target: str = ""
    planned: str = ""
    is_baseline: bool = False


@dataclass
class IndicatorData:
    """What a goal page shows of one indicator: the chart and its data table."""

    name: str
    unit: str
    decimals: int
    baseline: Point | None
    points: list[Point]
    targets: list[Point]
    rows: list[Row] = field(default_factory=list)
    chart_id: str = "chart"
    description: str = ""
    svg: SafeString = field(default_factory=lambda: mark_safe(""))

    @property
    def has_figures(self) -> bool:
        return bool(self.points or self.targets or self.baseline)


def _nice_step(span: float, count: int = 5) -> float:
    raw = span / max(count, 1)
    if raw <= 0:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def _planned_path(baseline: Point | None, targets: list[Point]) -> list[Point]:
    """From the baseline straight to each target in turn (the status rule's path)."""
    if baseline is None or not targets:
        return []
    return [baseline, *[t for t in targets if t.year >= baseline.year]]


def _planned_at(path: list[Point], year: int) -> Decimal | None:
    for start, end in itertools.pairwise(path):
        if start.year <= year <= end.year:
            if end.year == start.year:
                return end.value
            share = Decimal(year - start.year) / Decimal(end.year - start.year)
            return start.value + (end.value - start.value) * share
    return None


def describe(data: IndicatorData) -> str:
    """The chart's accessible name: what it shows and its main figures."""
    parts = [
        _("Line chart of %(name)s (%(unit)s).") % {"name": data.name, "unit": data.unit}
    ]
    if data.points:
        first, last = data.points[0], data.points[-1]
        parts.append(
            _("Measured values %(first)s–%(last)s; latest %(value)s in %(year)s.")
            % {
                "first": first.year,
                "last": last.year,
                "value": format_value(last.value, data.decimals),
                "year": last.year,
            }
        )
    else:
        parts.append(_("No measured values yet."))
    if data.baseline is not None:
        parts.append(
            _("Baseline %(value)s in %(year)s.")
            % {
                "value": format_value(data.baseline.value, data.decimals),
                "year": data.baseline.year,
            }
        )
    for target in data.targets:
        parts.append(
            _("Target %(value)s in %(year)s.")
            % {
                "value": format_value(target.value, data.decimals),
                "year": target.year,
            }
        )
    if data.baseline is not None and data.targets:
        parts.append(
            _("A dashed line shows the planned path from the baseline to the target.")
        )
    return " ".join(parts)


WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 72, 20, 16, 40


def render_svg(data: IndicatorData, chart_id: str) -> SafeString:
    """An inline SVG line chart; colour is never the only cue (line styles, shapes)."""
    planned = _planned_path(data.baseline, data.targets)
    everything = [*data.points, *data.targets, *planned]
    if data.baseline is not None:
        everything.append(data.baseline)
    label = describe(data)
    if not everything:
        return format_html(
            '<svg class="indicator-chart" role="img" aria-label="{}" '
            'viewBox="0 0 {} 60" width="100%" focusable="false"><title>{}</title>'
            '<text x="8" y="34" class="chart-empty">{}</text></svg>',
            label,
            WIDTH,
            label,
            _("No figures yet"),
        )
    years = [p.year for p in everything]
    y_min_year, y_max_year = min(years), max(years)
    if y_min_year == y_max_year:
        y_min_year, y_max_year = y_min_year - 1, y_max_year + 1
    values = [float(p.value) for p in everything]
    low, high = min(values), max(values)
    if low == high:
        low, high = low - (abs(low) * 0.1 or 1), high + (abs(high) * 0.1 or 1)
    step = _nice_step(high - low)
    low = math.floor(low / step) * step
    high = math.ceil(high / step) * step
    if low == high:
        high = low + step

    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM

    def x(year: int) -> float:
        return LEFT + (year - y_min_year) / (y_max_year - y_min_year) * plot_w

    def y(value: Decimal | float) -> float:
        return TOP + (high - float(value)) / (high - low) * plot_h

    out: list[str] = []
    # Grid and y axis labels.
    ticks = round((high - low) / step)
    # As many decimals as the step needs: 2.5 → 1, 0.25 → 2, 5 → 0.
    exponent = Decimal(str(round(step, 6))).normalize().as_tuple().exponent
    decimals = max(0, -int(exponent))
    for i in range(ticks + 1):
        tick = low + i * step
        ty = y(tick)
        tick_text = format_value(Decimal(str(round(tick, 6))), decimals)
        out.append(
            f'<line class="chart-grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" '
            f'y1="{ty:.1f}" y2="{ty:.1f}"/>'
            f'<text class="chart-tick" x="{LEFT - 8}" y="{ty + 4:.1f}" '
            f'text-anchor="end">{escape(tick_text)}</text>'
        )
    # x axis labels, thinned to about six so that they stay readable on a phone.
    span = y_max_year - y_min_year
    year_step = max(1, math.ceil(span / 6))
    for year in range(y_min_year, y_max_year + 1, year_step):
        out.append(
            f'<text class="chart-tick" x="{x(year):.1f}" y="{HEIGHT - BOTTOM + 20}" '
            f'text-anchor="middle">{year}</text>'
        )
    out.append(
        f'<line class="chart-axis" x1="{LEFT}" x2="{WIDTH - RIGHT}" '
        f'y1="{HEIGHT - BOTTOM}" y2="{HEIGHT - BOTTOM}"/>'
    )
    # The planned path: dashed.
    if len(planned) > 1:
        coords = " ".join(f"{x(p.year):.1f},{y(p.value):.1f}" for p in planned)
        out.append(f'<polyline class="chart-planned" points="{coords}"/>')
    # The measured series: solid with round markers.
    if len(data.points) > 1:
        coords = " ".join(f"{x(p.year):.1f},{y(p.value):.1f}" for p in data.points)
        out.append(f'<polyline class="chart-series" points="{coords}"/>')
    for p in data.points:
        out.append(
            f'<circle class="chart-point" cx="{x(p.year):.1f}" cy="{y(p.value):.1f}" r="4"/>'
        )
    # The baseline: a square.
    if data.baseline is not None:
        bx, by = x(data.baseline.year), y(data.baseline.value)
        out.append(
            f'<rect class="chart-baseline" x="{bx - 5:.1f}" y="{by - 5:.1f}" '
            f'width="10" height="10"/>'
        )
    # Targets: diamonds.
    for t in data.targets:
        tx, ty = x(t.year), y(t.value)
        out.append(
            f'<polygon class="chart-target" points="{tx:.1f},{ty - 7:.1f} '
            f'{tx + 7:.1f},{ty:.1f} {tx:.1f},{ty + 7:.1f} {tx - 7:.1f},{ty:.1f}"/>'
        )
    title_id = f"{chart_id}-title"
    return format_html(
        '<svg class="indicator-chart" id="{}" role="img" aria-labelledby="{}" '
        'viewBox="0 0 {} {}" width="100%" preserveAspectRatio="xMidYMid meet" '
        'focusable="false"><title id="{}">{}</title>{}</svg>',
        chart_id,
        title_id,
        WIDTH,
        HEIGHT,
        title_id,
        label,
        mark_safe("".join(out)),  # noqa: S308 - numbers and escaped text only
    )


def build(view: Any, chart_id: str = "") -> IndicatorData:
    """The chart and table of an `IndicatorView` (no queries: all is prefetched)."""
    link = view.link
    indicator = link.indicator
    decimals = int(indicator.decimals or 0)
    baseline = (
        Point(link.baseline_year, link.baseline_value)
        if link.baseline_value is not None and link.baseline_year is not None
        else None
    )
    current = getattr(link, "current_targets", None)
    if current is None:
        current = list(link.targets.filter(superseded_at__isnull=True))
    targets = sorted((Point(t.year, t.value) for t in current), key=lambda p: p.year)
    points = headline_points(indicator, view.observations)
    data = IndicatorData(
        name=indicator.localised("name"),
        unit=indicator.unit,
        decimals=decimals,
        baseline=baseline,
        points=points,
        targets=targets,
        chart_id=chart_id or f"indicator-{link.pk}",
    )
    path = _planned_path(baseline, targets)
    by_year: dict[int, Row] = {}
    for p in points:
        by_year.setdefault(p.year, Row(p.year)).value = format_value(p.value, decimals)
    if baseline is not None:
        row = by_year.setdefault(baseline.year, Row(baseline.year))
        row.is_baseline = True
        if not row.value:
            row.value = format_value(baseline.value, decimals)
    for t in targets:
        by_year.setdefault(t.year, Row(t.year)).target = format_value(t.value, decimals)
    for row in by_year.values():
        at = _planned_at(path, row.year)
        if at is not None:
            row.planned = format_value(at, decimals)
    data.rows = [by_year[year] for year in sorted(by_year)]
    data.description = describe(data)
    data.svg = render_svg(data, data.chart_id)
    return data


@register.simple_tag
def indicator_data(view: Any, chart_id: str = "") -> IndicatorData:
    """{% indicator_data view as data %}: `data.svg`, `data.rows`, `data.chart_id`…"""
    return build(view, chart_id)


@register.filter
def status_class(view: Any) -> str:
    """The CSS modifier of a status: status-on_track, status-at_risk, …"""
    status = getattr(getattr(view, "status", view), "status", "no_data")
    return f"status-{status}"
