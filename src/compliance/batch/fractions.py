"""Shares (0.995) written where percentages (99.5) are expected: a percent column is judged as a whole.

A General-formatted 0.995 is 0.995%, and a district of such villages fails every target: the figure is
wrong without a word. So a percent column whose plain numbers are all between 0 and 1, one at least with a
fraction or a 1 (100% as a share: 1% is written 1%), stops the batch naming the column, unless --fractions says
they are shares (each is then ×100).
A number written with % (or a cell formatted as a percentage) is always read as written.

The batch streams, so the column is judged on its first rows (`JUDGED_ROWS`, the first chunks that hold
them), before any row is assessed, and a later row that contradicts the judgement is rejected rather than
read either way: in a column read as shares, a number over 1; in a column of zeros (or no numbers yet), a
number over 0 up to 1; in a column of percentages over 1, a number between 0
and 1 (0.92 among 86.5 and 91: a share or a percentage under one, the cell does not say which).
"""

from __future__ import annotations

from compliance.batch.columns import Columns
from compliance.load.values import ValueProblem, is_blank, read_value, share_or_percent
from compliance.model.metric import Metric, MetricType
from compliance.model.problems import InputError, Problem

JUDGED_ROWS = 5000
"""How many rows a percent column is judged on (the first chunks that hold them)."""
SHARES = "shares"
"""Plain numbers are shares 0–1: read ×100 (--fractions)."""
WHOLE = "whole"
"""Plain numbers so far are 0 (or none were seen): a number in (0, 1] is refused (1 is 100% as a share, or 1%)."""
PERCENTS = "percents"
"""Plain numbers are percentages, some over 1 (86.5, 100): a number between 0 and 1 among them is refused, as
likely a share (0.92 for 92%) as a percentage under 1."""


def _plain(text: str) -> float | None:
    text = text.strip()
    if not text or text.endswith(("%", "％")) or is_blank(text):
        return None
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return None


def percent_modes(rows: list[list[str]], columns: Columns, fractions: bool, source: str, row: int) -> dict[int, str]:
    """How each percent column's plain numbers are read, judged on `rows` (the first rows of the input);
    a column of shares without `fractions` is an InputError naming it (`row`: the header's row)."""
    modes: dict[int, str] = {}
    problems: list[Problem] = []
    every = [(p, m) for p, m in columns.metrics] + [(p, m) for p, m, _ in columns.series]
    for position, metric in every:
        if metric.type != MetricType.PERCENT:
            continue
        numbers = [n for cells in rows if position < len(cells) and (n := _plain(cells[position])) is not None]
        if any(not 0 <= n <= 1 for n in numbers):
            modes[position] = PERCENTS
            continue
        shares = [n for n in numbers if not n.is_integer()] or [n for n in numbers if n == 1]
        if fractions:
            modes[position] = SHARES
        elif shares:
            title = columns.titles[position]
            problems.append(
                Problem(
                    source,
                    row,
                    title,
                    _shares_message(shares[0]),
                )
            )
        else:
            modes[position] = WHOLE
    if problems:
        raise InputError(problems)
    return modes


def _shares_message(share: float) -> str:
    """What to say of a percent column every plain number of which is between 0 and 1 (`share` one of them): shares
    where percentages are expected, unless a 1 among zeros is 1% (then it is written with its sign)."""
    shown, percent = f"{share:g}", f"{share * 100:g}"
    one_en = ' if it means all of them, or "1%" with the sign if it is one percent' if share == 1 else ""
    one_zh = "（若指全部）或“1%”（若为百分之一，带百分号）" if share == 1 else ""
    return (
        f"every number in this percent column is between 0 and 1 (e.g. {shown}): shares where percentages are"
        f" expected. Write {percent} for {shown}{one_en}, format the cells as percentages, or pass --fractions to"
        f" read them as shares (×100) / 此百分数列的数字都在0和1之间（如{shown}），像是比例：请把{shown}写作{percent}"
        f"{one_zh}，或把单元格设为百分比格式，或加 --fractions 按比例读取（×100）"
    )


def read_percent(text: str, metric: Metric, mode: str) -> float | bool | str:
    """A percent cell of a column judged `mode` (see the module)."""
    value = read_value(text, metric)
    if not isinstance(value, float) or text.endswith(("%", "％")):
        return value
    if mode == SHARES:
        if value > 1:
            raise ValueProblem(
                f"{text!r} is over 1 in a column read as shares (--fractions); write it as a share",
                f"“{text}”大于1，而该列按比例读取（--fractions）：请写成比例",
            )
        return round(value * 100, 10)
    if 0 < value <= 1:  # 0.92 or 1 among 86.5 and 91 (a share, or under one percent), or among zeros
        among = "in a column of percentages" if mode == PERCENTS else ""
        raise share_or_percent(text, value, among, fractions=mode != PERCENTS)
    return value
