"""Totals and subtotals rows: statistics tables end (or break per township) with rows that are not sites.

A 合计 row assessed as a village drags a district mean from 79% to 53%, so such rows are rejected, each with
its reason, and listed in rejected.csv. Two ways to tell one:
- a totals word (合计, 总计, 小计, 平均, 全区 …) in the site id or name, or a name that is the row's own
  township or district (宦溪镇 under 乡镇 宦溪镇): `totals_word`, checked by the worker on every row;
- figures that are the sums (or means) of the rows above: every filled numeric metric column equals the sum
  (an amount, at least two such columns) or the mean (a percentage or amount, at least three columns in all)
  of the rows since the start or the last totals row. Sums of percentages are never taken: two villages'
  30% and 40% beside a third's 70% is chance, not a total. `SumsWatch` keeps the running sums in the main
  process, as rows are read.
"""

from __future__ import annotations

import math
import re

_TOTALS = re.compile(
    r"合计|总计|小计|汇总|平均|均值|^全(?:区|县|市|镇|乡|街道)|^(?:total|subtotal|sum|average|mean)\b", re.I
)
SUM_COLUMNS = 2
MEAN_COLUMNS = 3
AREA_KINDS = ("district", "township")
"""Kinds whose sites are named after their own township or district."""


def totals_word(site_id: str, name: str, township: str, district: str, kind: str) -> str:
    """Why a row with this id and name is a totals row, or '' when it may be a site."""
    for text in (site_id, name):
        found = _TOTALS.search(text) if text else None
        if found is not None:
            return f"a totals row ({found.group(0)} in {text!r}), not a site"
    if name and kind not in AREA_KINDS and name in (township, district):
        return f"a totals row for {name} (named after its own township or district), not a site"
    return ""


def _number(text: str) -> tuple[float, float] | None:
    """A plain cell's number and half a unit of its last decimal (how far a rounded total may be off)."""
    text = text.strip().rstrip("%").replace(",", "")
    try:
        value = float(text)
    except ValueError:
        return None
    point = text.find(".")
    decimals = len(text) - point - 1 if point >= 0 else 0
    return value, 0.5 * 10.0**-decimals + 1e-9 * abs(value)


class _Running:
    """Sums, counts and ranges of each watched column over some rows."""

    def __init__(self, width: int) -> None:
        self.sums = [0.0] * width
        self.counts = [0] * width
        self.low = [math.inf] * width
        self.high = [-math.inf] * width

    def add(self, values: list[tuple[float, float] | None]) -> None:
        for column, found in enumerate(values):
            if found is not None:
                value = found[0]
                self.sums[column] += value
                self.counts[column] += 1
                self.low[column] = min(self.low[column], value)
                self.high[column] = max(self.high[column], value)

    def matches(self, values: list[tuple[float, float] | None], percent: list[bool]) -> str:
        """'sum' or 'mean' when every filled value is that of the rows so far (and could not be by chance)."""
        sums = means = filled = 0
        for column, found in enumerate(values):
            if found is None:
                continue
            filled += 1
            count = self.counts[column]
            if count < 2:
                return ""
            value, slack = found
            total = self.sums[column]
            if not percent[column] and abs(value - total) <= slack and total > self.high[column] > 0:
                sums += 1
            elif abs(value - total / count) <= slack and self.low[column] < self.high[column]:
                means += 1
            else:
                return ""
        if sums == filled >= SUM_COLUMNS:
            return "sum"
        if means + sums == filled >= MEAN_COLUMNS:
            return "mean"
        return ""


class SumsWatch:
    """Spots rows whose figures are the sums or means of the rows above them (see the module)."""

    def __init__(self, columns: list[tuple[int, bool]]) -> None:
        """`columns`: the position of each numeric metric column, and whether it holds percentages."""
        self.positions = [position for position, _ in columns]
        self.percent = [percent for _, percent in columns]
        self._all = _Running(len(columns))
        self._since = _Running(len(columns))
        self._numbers: dict[str, tuple[float, float] | None] = {}
        """Cell texts read so far (columns repeat their values)."""

    def _read(self, text: str) -> tuple[float, float] | None:
        numbers = self._numbers
        if text in numbers:
            return numbers[text]
        if len(numbers) > 100_000:
            numbers.clear()
        found = numbers[text] = _number(text)
        return found

    def check(self, cells: list[str]) -> str:
        """Why the row is a totals row, or '' (and the row is counted in the running sums)."""
        width, read = len(cells), self._read
        values = [read(cells[p]) if p < width and cells[p] else None for p in self.positions]
        found = self._since.matches(values, self.percent) or self._all.matches(values, self.percent)
        if found:
            self._since = _Running(len(self.positions))
            what = "sums" if found == "sum" else "means"
            return f"a totals row (its figures are the {what} of the rows above), not a site"
        self._all.add(values)
        self._since.add(values)
        return ""
