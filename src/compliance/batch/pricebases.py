"""Columns of one per-GDP ratio whose headers name different constant-price bases (单位GDP能耗（…，2020年价）[2020]
beside 单位GDP能耗（…，2025年价）[2025], or 按2025年不变价计算).

Such a ratio's price basis is read past (`load.units.bracket_problem`: 可比价 is what the ratio is), but only
while every column of the metric names the same base, or none: a 2025 figure at 2025 prices has a larger GDP under
it than one at 2020 prices, so its change from a 2020 figure at 2020 prices is overstated (晋安 一、总体目标
"单位GDP能耗较2020年下降14%" is a change at comparable prices). Different bases stop the batch naming the columns.
"""

from __future__ import annotations

from collections.abc import Callable

from compliance.load.units import price_base
from compliance.model.metric import Metric


def mixed_bases(
    titles: list[str], read: list[tuple[int, Metric]], written: Callable[[str], str | None]
) -> list[tuple[str, str]]:
    """For each metric whose columns `read` name different price bases in what their headers write after its name
    (`written`), the first such column's header and why the batch stops."""
    bases: dict[str, dict[int, str]] = {}
    named: dict[str, Metric] = {}
    for position, metric in sorted(read, key=lambda column: column[0]):
        if base := price_base(written(titles[position]) or ""):
            bases.setdefault(metric.id, {})[position] = base
            named[metric.id] = metric
    return [
        (titles[min(by_column)], _problem(titles, by_column, named[metric_id]))
        for metric_id, by_column in bases.items()
        if len(set(by_column.values())) > 1
    ]


def _problem(titles: list[str], by_column: dict[int, str], metric: Metric) -> str:
    shown = ", ".join(f"{titles[at]!r} (at {base} prices)" for at, base in by_column.items())
    shown_zh = "、".join(f"“{titles[at]}”（{base}年价）" for at, base in by_column.items())
    name = metric.name_zh
    return (
        f"columns {shown} give {name} at different constant-price bases: figures at two bases are not one series (a"
        f" later year's figure at its own prices against an earlier one at the base year's overstates the change);"
        f" give every column's figure at one base year's comparable prices and head them so / {shown_zh}的{name}按"
        "不同基准年的不变价计算，不能作为同一序列比较（后一年按本年价格计算的数值与基期年价格的数值相比会夸大变化）："
        "请统一按同一基准年的可比价填写各列，并在表头写明"
    )
