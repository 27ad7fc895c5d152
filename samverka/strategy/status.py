"""The status rule: is an indicator on track towards a goal's target?

The rule, also in docs/models/strategy.md and shown on screen beside each status:

1. Take the baseline (value and year) of the goal's indicator, the current target for
   the first target year at or after the latest observation (or the last target year),
   and the latest observation after the baseline year in the indicator's headline series
   (its headline area, all sexes and ages).
2. The planned path runs in a straight line from the baseline to the target. At the
   latest observation's year it gives the expected value.
3. The share of the planned change achieved is (latest − baseline) ÷ (expected −
   baseline).
   - **On track**: the target is already reached, or the share is at least 90 %.
   - **At risk**: the share is at least 50 % and below 90 %.
   - **Off track**: the share is below 50 %, including a move the wrong way.
   Where the target keeps the baseline level, the status is on track while the latest
   value is no worse than the baseline, at risk while it is at most 5 % worse, and off
   track beyond that.
4. Without a baseline, a target or an observation after the baseline year, the status
   is "not enough data".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from samverka.strategy.choices import IndicatorStatus

ON_TRACK_SHARE = Decimal("0.9")
AT_RISK_SHARE = Decimal("0.5")
HOLD_TOLERANCE = Decimal("0.05")


@dataclass(frozen=True)
class Point:
    year: int
    value: Decimal


@dataclass(frozen=True)
class StatusResult:
    status: IndicatorStatus
    latest: Point | None = None
    target: Point | None = None
    expected: Decimal | None = None
    share: Decimal | None = None

    @property
    def label(self) -> str:
        return str(self.status.label)

    @property
    def share_percent(self) -> int | None:
        return None if self.share is None else round(self.share * 100)

    def explanation(self) -> str:
        """One sentence that says why, with the figures the rule used."""
        if self.status == IndicatorStatus.NO_DATA:
            return _(
                "A status needs a baseline, a target and a value measured after the "
                "baseline year."
            )
        if self.latest is None or self.target is None:
            return ""
        if self.share is None:
            return _(
                "The target is to keep the baseline level; the latest value "
                "(%(year)s) is %(latest)s."
            ) % {"year": self.latest.year, "latest": _fmt(self.latest.value)}
        return _(
            "By %(year)s the planned path expected %(expected)s; the measured value is "
            "%(latest)s, %(share)s %% of the planned change towards %(target)s in "
            "%(target_year)s."
        ) % {
            "year": self.latest.year,
            "expected": _fmt(self.expected),
            "latest": _fmt(self.latest.value),
            "share": self.share_percent,
            "target": _fmt(self.target.value),
            "target_year": self.target.year,
        }


def _fmt(value: Decimal | None) -> str:
    from samverka.core.formatting import format_number

    if value is None:
        return "–"
    return format_number(
        value.normalize() if value == value.to_integral() else round(value, 2)
    )


def evaluate(
    *,
    baseline: Point | None,
    targets: Iterable[Point],
    observations: Sequence[Point],
    higher_is_better: bool,
) -> StatusResult:
    """Apply the status rule to plain figures (see the module docstring)."""
    targets = sorted(targets, key=lambda p: p.year)
    if baseline is None or not targets:
        return StatusResult(IndicatorStatus.NO_DATA)
    later = [p for p in observations if p.year > baseline.year]
    if not later:
        return StatusResult(IndicatorStatus.NO_DATA)
    latest = max(later, key=lambda p: p.year)
    target = next((t for t in targets if t.year >= latest.year), targets[-1])
    sign = Decimal(1) if higher_is_better else Decimal(-1)

    if target.value == baseline.value:
        worse_by = (baseline.value - latest.value) * sign
        scale = abs(baseline.value) or Decimal(1)
        if worse_by <= 0:
            status = IndicatorStatus.ON_TRACK
        elif worse_by / scale <= HOLD_TOLERANCE:
            status = IndicatorStatus.AT_RISK
        else:
            status = IndicatorStatus.OFF_TRACK
        return StatusResult(status, latest=latest, target=target)

    if (latest.value - target.value) * sign >= 0 and (
        target.value - baseline.value
    ) * sign > 0:
        # Already at or beyond a target that lies in the good direction.
        return StatusResult(
            IndicatorStatus.ON_TRACK,
            latest=latest,
            target=target,
            expected=target.value,
            share=Decimal(1),
        )
    span = target.year - baseline.year
    elapsed = min(latest.year, target.year) - baseline.year
    expected = baseline.value + (target.value - baseline.value) * Decimal(
        elapsed
    ) / Decimal(span or 1)
    planned = expected - baseline.value
    share = (latest.value - baseline.value) / planned if planned else Decimal(1)
    if share >= ON_TRACK_SHARE:
        status = IndicatorStatus.ON_TRACK
    elif share >= AT_RISK_SHARE:
        status = IndicatorStatus.AT_RISK
    else:
        status = IndicatorStatus.OFF_TRACK
    return StatusResult(
        status, latest=latest, target=target, expected=expected, share=share
    )


def headline_points(indicator: Any, observations: Iterable[Any]) -> list[Point]:
    """The yearly points of the indicator's headline series among `observations`
    (already fetched, so that a page of many indicators costs one query for all)."""
    rows = [
        o for o in observations if o.sex == "" and o.age_group == "" and o.period == ""
    ]
    area = indicator.headline_area
    if not area:
        at_level = [o for o in rows if o.area_level == indicator.geography_level]
        codes = {o.area_code for o in at_level}
        if len(codes) == 1:
            area = codes.pop()
        elif rows:
            # No headline area chosen and several areas: the widest area measured.
            order = {"country": 0, "county": 1, "municipality": 2}
            area = min(
                rows, key=lambda o: (order.get(o.area_level, 3), o.area_code)
            ).area_code
    return sorted(
        (Point(o.year, o.value) for o in rows if o.area_code == area),
        key=lambda p: p.year,
    )


def goal_indicator_status(
    link: Any, observations: Iterable[Any] | None = None
) -> StatusResult:
    """The status of a `GoalIndicator`. Pass the indicator's observations (and have the
    link's current targets prefetched as `current_targets`) to avoid queries."""
    if observations is None:
        observations = link.indicator.observations.all()
    current = getattr(link, "current_targets", None)
    if current is None:
        current = link.targets.filter(superseded_at__isnull=True)
    baseline = (
        Point(link.baseline_year, link.baseline_value)
        if link.baseline_value is not None and link.baseline_year is not None
        else None
    )
    return evaluate(
        baseline=baseline,
        targets=[Point(t.year, t.value) for t in current],
        observations=headline_points(link.indicator, observations),
        higher_is_better=link.indicator.higher_is_better,
    )
