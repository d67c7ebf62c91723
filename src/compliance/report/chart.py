"""A horizontal bar chart as inline SVG: one bar per figure, with its target marked, and no script at all.

A figure known only between two ends is drawn as that range, pale and dashed, never as a bar from 0.
Each bar has its own scale (a share runs to 100%, a count or a mean to a little beyond the larger of the
figure and its target), since the figures of one district differ in unit.
"""

from __future__ import annotations

from dataclasses import dataclass

from compliance.report.html import esc

ROW_HEIGHT = 26
LABEL_WIDTH = 300
BAR_WIDTH = 330
TEXT_WIDTH = 130


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    shown: str
    """The figure as people read it (84.7%, 是), printed after the bar."""
    target: float | None
    target_shown: str
    percent: bool
    status: str
    """The finding's status code; a failing figure is drawn in red."""
    low: float | None = None
    """For a figure not decided, the lowest it could be (`value` the highest): the bar spans the range, pale."""


def _scale(bar: Bar) -> float:
    top = max(bar.value, bar.target or 0.0)
    if bar.percent:
        return max(100.0, top)
    return top * 1.1 if top > 0 else 1.0


def svg(bars: list[Bar], title: str) -> str:
    height = ROW_HEIGHT * len(bars) + 8
    width = LABEL_WIDTH + BAR_WIDTH + TEXT_WIDTH
    rows = []
    for number, bar in enumerate(bars):
        top = 4 + number * ROW_HEIGHT
        middle = top + ROW_HEIGHT / 2 + 4
        scale = _scale(bar)
        start = BAR_WIDTH * max(0.0, bar.low) / scale if bar.low is not None else 0.0
        length = BAR_WIDTH * max(0.0, bar.value) / scale - start
        css = ("bar fail" if bar.status == "fail" else "bar") + (" range" if bar.low is not None else "")
        tip = f"{bar.label}: {bar.shown}" + (f" / {bar.target_shown}" if bar.target_shown else "")
        rows.append(
            f'<text x="0" y="{middle:.0f}">{esc(bar.label)}</text>'
            f'<rect class="{css}" x="{LABEL_WIDTH + start:.1f}" y="{top + 5}" width="{length:.1f}"'
            f' height="{ROW_HEIGHT - 10}">'
            f"<title>{esc(tip)}</title></rect>"
            f'<text x="{LABEL_WIDTH + BAR_WIDTH + 6}" y="{middle:.0f}">{esc(bar.shown)}</text>'
        )
        if bar.target is not None:
            x = LABEL_WIDTH + BAR_WIDTH * bar.target / scale
            rows.append(f'<line class="mark" x1="{x:.1f}" x2="{x:.1f}" y1="{top + 2}" y2="{top + ROW_HEIGHT - 2}"/>')
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}"><title>{esc(title)}</title>{"".join(rows)}</svg>\n'
    )
