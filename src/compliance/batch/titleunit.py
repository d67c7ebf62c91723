"""A unit stated in a title row above the header (（供水人口单位：万人）, 单位：吨), read as a unit in the header is.

County forms state the unit once above the table rather than in each column: 0.35 under 供水工程供水人口 in a form
titled （供水人口单位：万人） is 3,500 people, never 0.35. A title's unit covers the numeric columns that give no unit
of their own: those whose metric's name holds the words before 单位 (供水人口), else all of them. It must be each
covered column's catalogue unit; when it is not, the batch stops: naming the metric and asking to convert, or, when
the title names no column (单位：% over a table also counting 个), naming the title row and asking to put the unit in
the column headers.
"""

from __future__ import annotations

import re

from compliance.batch.columns import Columns, Matcher, _written_unit
from compliance.load.units import bracket_problem, unit_agrees, unit_problem
from compliance.model.metric import Metric, MetricType
from compliance.model.problems import InputError, Problem

_UNIT = re.compile(r"([\u4e00-\u9fff]*)单位\s*[:：]\s*([^\s，,;；、）)\]】]+)")
"""单位：X in a title, with the words before it (供水人口单位：万人, 计量单位：吨, 金额单位：元)."""
_ORGANISATION = ("填报", "报送", "责任", "牵头", "制表", "主管", "报告")
"""单位 as the organisation filling in the form (填报单位：宦溪镇人民政府): no unit."""


def check_title_units(titles: list[str], columns: Columns, matcher: Matcher, source: str, rows: list[int]) -> None:
    """Stop the batch when a title row states a unit that is not the catalogue's for the columns it covers (each
    title's row number in `rows`, named in the message)."""
    bare = [
        (columns.titles[position], metric)
        for position, metric in [*columns.metrics, *((p, m) for p, m, _ in columns.series)]
        if metric.type in (MetricType.NUMBER, MetricType.PERCENT)
        and not _written_unit(matcher.index, columns.titles[position])
    ]
    if not bare:
        return
    problems = []
    for title, row in zip(titles, rows, strict=True):
        for match in _UNIT.finditer(title):
            words, unit = match.group(1), match.group(2)
            if words.endswith(_ORGANISATION):
                continue
            problems += _problems(title, words, unit, bare, source, row)
    if problems:
        raise InputError(problems)


def _problems(
    title: str, words: str, unit: str, bare: list[tuple[str, Metric]], source: str, row: int
) -> list[Problem]:
    named = [(header, metric) for header, metric in bare if _covers(words, metric.name_zh)]
    if named:
        return [
            Problem(
                source,
                row,
                header,
                f"{unit_problem(unit, metric)} (the title row “{title}” states the unit / 标题行写明此单位)",
            )
            for header, metric in named
            if not unit_agrees(unit, metric)
        ]
    wrong = [header for header, metric in bare if not unit_agrees(unit, metric)]
    if not wrong:
        return []
    return [
        Problem(
            source,
            row,
            "",
            f"the title row “{title}” states the unit {unit!r}, which is not the unit of {', '.join(wrong)}, and"
            " which columns it covers cannot be told: put each column's unit in its header (农村生活污水治理率（%）)"
            f" / 标题行“{title}”写明单位“{unit}”，但与{'、'.join(wrong)}的单位不同，无法确定适用于哪些列："
            "请把单位写进各列表头",
        )
    ]


def _covers(words: str, name: str) -> bool:
    """Whether the words before 单位 end with two or more characters of the metric's name (…表供水人口: 供水人口)."""
    return any(words[start:] in name for start in range(len(words) - 1))


def written_unit_problems(titles: list[str], matcher: Matcher) -> list[tuple[str, str]]:
    """(header, problem) for each header of `titles` whose written unit is not its metric's (供水工程供水人口（万人）):
    what `match_columns` says of the first sheet's, said of another sheet read with it (`--sheet all`)."""
    found = []
    for title in titles:
        metric = matcher.identify(title)[1]
        written = _written_unit(matcher.index, title) if metric is not None else None
        if metric is not None and written is not None and (problem := bracket_problem(written, metric)):
            found.append((title, problem))
    return found
