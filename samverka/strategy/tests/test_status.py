"""The status rule of samverka.strategy.status, case by case."""

from decimal import Decimal as D

import pytest

from samverka.strategy.choices import IndicatorStatus
from samverka.strategy.status import Point, evaluate


def run(
    latest, *, baseline=(2020, "50"), targets=((2030, "70"),), higher=True, more=()
):
    return evaluate(
        baseline=Point(baseline[0], D(baseline[1])) if baseline else None,
        targets=[Point(y, D(v)) for y, v in targets],
        observations=[Point(y, D(v)) for y, v in (*more, latest)] if latest else [],
        higher_is_better=higher,
    )


@pytest.mark.parametrize(
    ("latest", "status", "share"),
    [
        # Halfway in time (2025) the path expects 60: 10 of the planned 10.
        ((2025, "60"), IndicatorStatus.ON_TRACK, 100),
        ((2025, "59"), IndicatorStatus.ON_TRACK, 90),
        ((2025, "58.9"), IndicatorStatus.AT_RISK, 89),
        ((2025, "55"), IndicatorStatus.AT_RISK, 50),
        ((2025, "54.9"), IndicatorStatus.OFF_TRACK, 49),
        ((2025, "45"), IndicatorStatus.OFF_TRACK, -50),
    ],
)
def test_share_of_planned_change(latest, status, share):
    result = run(latest)
    assert result.status == status
    assert result.share_percent == share
    assert result.expected == D("60")


def test_lower_is_better_reads_the_other_way():
    # Emissions from 8 to 6 over ten years: after five years 7 is expected.
    assert (
        run(
            (2025, "7.0"), baseline=(2020, "8"), targets=((2030, "6"),), higher=False
        ).status
        == IndicatorStatus.ON_TRACK
    )
    assert (
        run(
            (2025, "7.6"), baseline=(2020, "8"), targets=((2030, "6"),), higher=False
        ).status
        == IndicatorStatus.OFF_TRACK
    )
    assert (
        run(
            (2025, "8.5"), baseline=(2020, "8"), targets=((2030, "6"),), higher=False
        ).share
        < 0
    )


def test_target_already_reached_is_on_track():
    result = run((2022, "75"))
    assert result.status == IndicatorStatus.ON_TRACK
    assert result.share == 1


def test_nearest_target_year_at_or_after_the_latest_value_is_used():
    result = run((2024, "58"), targets=((2025, "60"), (2030, "80")))
    assert result.target == Point(2025, D("60"))
    # 2024 on the way to 60 in 2025 expects 58.
    assert result.status == IndicatorStatus.ON_TRACK
    # After the last target year, the last target counts.
    assert run((2031, "85"), targets=((2025, "60"), (2030, "80"))).target.year == 2030


def test_holding_the_baseline_level():
    hold = {"baseline": (2020, "100"), "targets": ((2030, "100"),)}
    assert run((2024, "101"), **hold).status == IndicatorStatus.ON_TRACK
    assert run((2024, "96"), **hold).status == IndicatorStatus.AT_RISK
    assert run((2024, "94"), **hold).status == IndicatorStatus.OFF_TRACK
    assert "keep the baseline level" in run((2024, "96"), **hold).explanation()


@pytest.mark.parametrize(
    "kwargs",
    [
        {"latest": None},
        {"latest": (2020, "60")},  # not after the baseline year
        {"latest": (2025, "60"), "baseline": None},
        {"latest": (2025, "60"), "targets": ()},
    ],
)
def test_not_enough_data(kwargs):
    result = run(**kwargs)
    assert result.status == IndicatorStatus.NO_DATA
    assert "needs a baseline" in result.explanation()


def test_explanation_names_the_figures():
    text = run((2025, "57")).explanation()
    assert "2025" in text
    assert "60" in text
    assert "57" in text
    assert "70" in text
    assert "70 %" in text
