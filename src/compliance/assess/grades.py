"""Graded thresholds (黑臭水体分级): each reading graded per indicator, the water body graded by the shares.

A grade holds when one indicator has at least `one_indicator_share`% of its readings at that grade or worse,
or two indicators at least `two_indicators_share`%; the worst grade that holds is the water body's. An
indicator with fewer than `min_readings` readings is missing: the grade is then undecided unless the
indicators present already give the worst grade.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from compliance.model.standards import GradedThresholds, GradeIndicator

SHARE_DIGITS = 6


@dataclass(frozen=True)
class IndicatorGrades:
    indicator: GradeIndicator
    readings: tuple[tuple[str, float, int], ...]
    """(period, value, grade rank) in period order."""

    def share(self, rank: int) -> float:
        """Percent of the readings at grade `rank` or worse."""
        at = sum(1 for _, _, r in self.readings if r >= rank)
        return round(at / len(self.readings) * 100.0, SHARE_DIGITS)


@dataclass(frozen=True)
class GradeResult:
    derivation: GradedThresholds
    rank: int | None
    indicators: tuple[IndicatorGrades, ...]
    missing: tuple[str, ...]
    """Indicators with fewer readings than the pack asks for."""
    deciding: tuple[IndicatorGrades, ...]


def reading_rank(value: float, indicator: GradeIndicator, grades: list[str]) -> int:
    """The worst grade whose bound the reading passes (0: none)."""
    rank = 0
    for index, grade in enumerate(grades[1:], start=1):
        bound = indicator.thresholds[grade]
        if (value < bound) if indicator.worse_when == "lower" else (value > bound):
            rank = index
    return rank


def holding(derivation: GradedThresholds, graded: list[IndicatorGrades], rank: int) -> tuple[IndicatorGrades, ...]:
    """The indicators that make grade `rank` hold (empty when it does not)."""
    one = [g for g in graded if g.share(rank) >= derivation.one_indicator_share]
    if one:
        return tuple(one)
    two = [g for g in graded if g.share(rank) >= derivation.two_indicators_share]
    return tuple(two) if len(two) >= 2 else ()


def derive_grade(derivation: GradedThresholds, series: Mapping[str, Mapping[str, float]]) -> GradeResult:
    """The grade from `series` (metric -> period -> reading)."""
    graded: list[IndicatorGrades] = []
    missing: list[str] = []
    for indicator in derivation.indicators:
        values = series.get(indicator.metric, {})
        if len(values) < derivation.min_readings:
            missing.append(indicator.metric)
        if not values:
            continue
        readings = tuple(
            (period, value, reading_rank(value, indicator, derivation.grades))
            for period, value in sorted(values.items())
        )
        graded.append(IndicatorGrades(indicator, readings))
    complete = [g for g in graded if g.indicator.metric not in missing]
    worst = len(derivation.grades) - 1
    for rank in range(worst, 0, -1):
        deciding = holding(derivation, complete, rank)
        if deciding:
            decided = not missing or rank == worst
            return GradeResult(derivation, rank if decided else None, tuple(graded), tuple(missing), deciding)
    return GradeResult(derivation, None if missing else 0, tuple(graded), tuple(missing), ())
