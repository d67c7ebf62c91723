"""Finding a table's header as offices lay it out: under a title row, or split over two rows.

Township returns often open with a title (晋安区2025年农村人居环境统计表) and sometimes carry a two-row header:
a metric over its unit (农村生活污水治理率 over （%）), or a group heading (指标) merged over the metrics.
The header is the row, or pair of rows, among the first HEAD_ROWS that names a site id column and the most
site fields and metrics (a pair naming as many, but with a year over or under the metrics, 2024年, is the header:
those are the year's figures); the rows above it are titles, reported as such, never read as data.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from compliance.batch.ids import no_site
from compliance.load.units import (
    PERIOD_WORD,
    UNIT_SUFFIX,
    period_of,
    says_not_now,
    says_when_or_what,
    split_unit,
)

HEAD_ROWS = 20
"""How many rows from the top are looked through for the header."""


@dataclass(frozen=True)
class Header:
    """Where the header is in a table's first rows (`at`, over `span` rows) and its column titles."""

    at: int
    span: int
    titles: list[str]
    found: bool = True
    """False when no row among the first HEAD_ROWS names a site id column (the first non-empty row is taken)."""


_UNIT_CELL = re.compile(r"^[（(]?\s*(?:(?:计量)?单位\s*[:：]\s*)?(?P<unit>[^\s（）()：:]{1,8}?)\s*[)）]?$")
"""A cell of a row of units under the header: 万人, （%）, 单位：吨, (个)."""
_UNITISH = re.compile(r"[%‰％吨万千百亿米克升元个人次户件座条项处家村位种类起方里斤亩顷台根辆a-zA-Zμµ²³]")
_UNIT_BLANKS = frozenset({"单位", "计量单位", "单位：", "单位:", "是/否", "是否", "是或否", "（是/否）", "(是/否)"})
"""What a row of units writes where a column has no unit (a site field, a yes/no): no unit, but no datum either."""


_FIRST_OF_MONTH = re.compile(r"^(\d{4})-(\d{2})-01$")
"""A date cell of the first of a month (`excel.excel_text`): how Excel and WPS store 2025年1月 typed in a cell."""


def unit_of(cell: str) -> str:
    """The unit a cell of a row of units under the header writes (万人 for `万人`, `（万人）` or `单位：万人`), else ''
    (a figure, a name, a year, a blank marker)."""
    text = cell.strip()
    found = _UNIT_CELL.match(text)
    if found is None or text in _UNIT_BLANKS or no_site(text) or says_when_or_what(text) or PERIOD_WORD.match(text):
        return ""
    unit = found["unit"]
    try:
        float(unit.rstrip("%％‰"))
        return ""  # a figure (90, 90%)
    except ValueError:
        return unit if _UNITISH.search(unit) and not unit[0].isdigit() else ""  # never 2万人, a figure


def _units_under(upper: list[str], lower: list[str], key: Callable[[str], str]) -> bool:
    """Whether `lower` is a row of units under the header `upper` (万人 under 供水工程供水人口, other cells blank, 单位,
    — or 是/否): never a row of data, and its units are the columns' (`joined`), never dropped. A row naming a unit
    under a site field, or holding a figure or a name, is no such row."""
    under_metric = False
    for position, cell in enumerate(lower):
        cell, title = cell.strip(), upper[position].strip() if position < len(upper) else ""
        if not cell or cell == title or cell in _UNIT_BLANKS or no_site(cell):
            yes_no = cell in _UNIT_BLANKS and "是" in cell  # 是/否 under a yes/no metric
            under_metric = under_metric or (yes_no and key(title).startswith("metric:"))
            continue
        if not unit_of(cell) or key(title).startswith("site:"):
            return False
        under_metric = under_metric or key(title).startswith("metric:")
    return under_metric


def _trimmed(titles: list[str]) -> list[str]:
    while titles and not titles[-1]:
        titles.pop()
    return titles


def joined(rows: list[list[str]], key: Callable[[str], str]) -> list[str]:
    """The column titles of a one- or two-row header. For two rows, a column's title is the first of
    top+bottom, top[bottom] (a metric over its years), bottom, top that names something (`key` is not
    empty); a cell merged down both rows, or filled in only one of them, is its own title."""
    if len(rows) == 1:
        return _trimmed([cell.strip() for cell in rows[0]])
    top, bottom = rows
    width = max(len(top), len(bottom))
    cells = [
        (top[p].strip() if p < len(top) else "", bottom[p].strip() if p < len(bottom) else "") for p in range(width)
    ]
    spanning = {up for up, low in cells if up and low and up != low and key(low).startswith("site:")}
    """Text above a site field's column too: a title across the table (晋安区2024年统计表), not a group heading."""
    groups = {up for n, (up, low) in enumerate(cells[1:]) if up and low and up == cells[n][0] and low != cells[n][1]}
    """A heading merged over several columns (指标): the cells under it are what the user wrote of each."""
    titles = []
    for upper, lower in cells:
        if not upper or not lower or upper == lower:
            titles.append(upper or lower)
            continue
        over = [f"{lower}[{_year(upper)}]"] if PERIOD_WORD.match(upper) else []  # a year (merged) over its metrics
        if not over and upper not in spanning and says_when_or_what(upper):
            said = UNIT_SUFFIX.search(lower)  # 目标值, 上年, 截至2024年底 over the metrics: refused with the column
            over = [f"{lower[: said.start()] if said else lower}（{upper}）"]
        unit = "" if key(lower) or PERIOD_WORD.match(upper) else unit_of(lower)
        carried = [_with_unit(upper, unit)] if unit and key(upper).startswith("metric:") else []  # 万人: never dropped
        if month := _FIRST_OF_MONTH.match(lower):  # 2025年1月 typed in Excel: a date cell, 2025-01-01
            carried.insert(0, f"{upper}[{month[1]}年{int(month[2])}月]")
        under = [_noted(upper, lower)] if not (over or unit) and _says_of(upper, lower, upper in groups, key) else []
        choices = (upper + lower, f"{upper}[{_year(lower)}]", *over, *under, lower, upper)  # [...]: a year under it
        choices = (*carried, *choices[:1]) if unit and carried else (*carried, *choices)  # a unit read, or none
        unread = lower if upper in groups else upper + lower  # named as written under 指标, not 指标 four times
        titles.append(next((choice for choice in choices if key(choice)), unread))
    return _trimmed(titles)


_VALUES = frozenset({"是", "否", "有", "无", "已完成", "未完成", "达标", "未达标", "不达标", "已建成", "未建成"})
"""What a row of data holds under a yes/no metric: a datum, never a note on the column."""


def _says_of(upper: str, lower: str, group: bool, key: Callable[[str], str]) -> bool:
    """Whether `lower` is a note under the metric `upper` saying what its figures are (目标值, 上年, 2024年实际,
    核定数 under 农村生活污水治理率（%））: read with it as a one-cell header's brackets are, never dropped. Under a
    heading merged over several columns (a metric over 2024年, 2025年, 增减), only a note that the figures are not
    the observed ones: the others are read, and refused, as columns of one metric."""
    if not key(upper).startswith("metric:") or key(lower) or _FIRST_OF_MONTH.match(lower) or PERIOD_WORD.match(lower):
        return False
    if lower in _UNIT_BLANKS or lower in _VALUES or no_site(lower) or not re.search(r"[^\W\d_]", lower):
        return False  # a blank marker, a yes/no, a figure (80, 80%): a row of data, not a note
    return not group or says_not_now(lower)


def _noted(upper: str, lower: str) -> str:
    """A metric's heading with the note under it in its brackets (农村生活污水治理率（%） over 目标值:
    农村生活污水治理率（%，目标值）), so that the note is judged as if written in the cell (`units.bracket_problem`)."""
    period = _PERIOD_TAIL.search(upper)  # 生活垃圾产生量[2025] over 上年: 生活垃圾产生量（上年）[2025]
    if period is not None and period.start():
        return _noted(upper[: period.start()], lower) + upper[period.start() :]
    note = lower.strip()
    bracketed = re.fullmatch(r"[（(]([^（()）]*)[)）]", note)  # （估算）
    note = bracketed[1].strip() if bracketed else note
    own = UNIT_SUFFIX.search(note)  # 目标值（%）
    note, unit = (note[: own.start()], own[1]) if own and own.start() else (note, "")
    split = split_unit(upper)
    name, unit = (split[0], split[1]) if split else (upper, unit)
    return f"{name}（{'，'.join(part for part in (unit, note) if part)}）"


_PERIOD_TAIL = re.compile(r"\s*(?:@\s*\S+|[\[【][^\[\]【】]*[\]】]|[（(]\s*\d{4}[^（）()]*[)）])\s*$")
"""A period after a metric's name ([2025], @2025, （2025年）), which its unit goes before."""


def _with_unit(title: str, unit: str) -> str:
    """A header cell with the unit written under it: 供水工程供水人口（万人）; a unit the cell already writes stays when
    the two agree (农村生活污水治理率(%) over %), and gives way to the one under it when not (生活垃圾产生量(吨) over
    万吨: 生活垃圾产生量（万吨）, refused), so neither is dropped unread."""
    period = _PERIOD_TAIL.search(title)  # 生活垃圾产生量[2025] over 万吨: 生活垃圾产生量（万吨）[2025]
    if period is not None and period.start():
        return _with_unit(title[: period.start()], unit) + title[period.start() :]
    split = split_unit(title)
    if split is None or not _UNITISH.search(split[1]):
        return f"{title}（{unit}）"
    return (
        title
        if unicodedata.normalize("NFKC", split[1]) == unicodedata.normalize("NFKC", unit)
        else f"{split[0]}（{unit}）"
    )


def _year(text: str) -> str:
    """A period as a header cell writes it (2024年, 2024年度) as a column's period: 2024."""
    return period_of(text) if PERIOD_WORD.match(text) else text


def _named(titles: list[str], key: Callable[[str], str]) -> list[str]:
    """The titles that name a field, as written (with what a heading added to them: 农村生活污水治理率（目标值）)."""
    return [title for title in titles if key(title)]


def _score(titles: list[str], key: Callable[[str], str]) -> int:
    """How many fields the titles name, or 0 without a site id column."""
    keys = {key(title) for title in titles} - {""}
    return len(keys) if "site:id" in keys else 0


_LABEL = re.compile(r"^(?:填报|填表|制表|报送|上报|统计)?(?:单位|日期|时间|人|负责人)\s*[:：]")
"""A form's line above its table (填报单位：…　填报日期：…): labels and their values, never headings of columns."""


def _labelled(cells: list[str]) -> bool:
    return any(_LABEL.match(cell.strip()) for cell in cells)


def _data_under(upper: list[str], lower: list[str], key: Callable[[str], str]) -> bool:
    """Whether `lower` is a row of data under the header `upper`: a site field's column holds a value there (V1 under
    站点编号), not the same title merged down nor a title of its own. A 4-digit figure under a metric (a population of
    1250) is then a figure, never a year heading the column."""
    for position, title in enumerate(upper):
        cell = lower[position].strip() if position < len(lower) else ""
        if cell and cell != title.strip() and key(title.strip()).startswith("site:") and not key(cell):
            return True
    return False


def _merged_down(upper: list[str], lower: list[str], key: Callable[[str], str]) -> bool:
    """Whether `lower` is the second row of a header whose site id title is merged down over both rows (站点编号
    again under 站点编号): never a row of data, though it names nothing more (its metrics unread, a group's
    cells named as written)."""
    return any(
        title.strip() and key(title.strip()) == "site:id" and position < len(lower) and lower[position] == title
        for position, title in enumerate(upper)
    )


def find_header(rows: list[list[str]], key: Callable[[str], str]) -> Header:
    """The header among `rows` (a table's first rows): the earliest one naming a site id column and the most
    fields; two rows only when the upper one adds to what the lower names alone (a title above a header is
    not part of it). The first non-empty row when none names a site id (matching then says what is wrong)."""
    alone = [joined([cells], key) for cells in rows]
    singles = [_score(titles, key) for titles in alone]
    best: Header | None = None
    best_score = 0
    for at in range(len(rows)):
        if singles[at] > best_score:
            best, best_score = Header(at, 1, alone[at]), singles[at]
        two = at + 1 < len(rows) and any(cell.strip() for cell in rows[at + 1])
        units = two and _units_under(rows[at], rows[at + 1], key)  # 单位 or — under 站点编号 is no datum there
        if two and not _labelled(rows[at]) and (units or not _data_under(rows[at], rows[at + 1], key)):
            titles = joined(rows[at : at + 2], key)
            score = _score(titles, key)
            beaten = max(best_score, singles[at + 1])
            # as many fields, but with what the upper row says of them (2024年, 目标值 over or under the metrics)
            named = _named(titles, key)
            said = score == beaten and named not in (_named(alone[a], key) for a in (at, at + 1))
            down = units or _merged_down(rows[at], rows[at + 1], key)
            if score > beaten or (score and said) or (score == beaten and down) or (units and singles[at] == beaten):
                best, best_score = Header(at, 2, titles), max(score, best_score)
    if best is None:
        first = next((at for at, cells in enumerate(rows) if any(cell.strip() for cell in cells)), 0)
        return Header(first, 1, joined(rows[first : first + 1] or [[]], key), found=False)
    return best


def not_found(message: str, row: int) -> str:
    """A header's refusal (no site id column) when no row among the first HEAD_ROWS names one: it says so, and that
    row `row` was taken as the header, since a header further down (under many lines of notes) is not looked for."""
    en, _, zh = message.rpartition(" / ")
    return (
        f"no header found in the first {HEAD_ROWS} rows: none of them names a site id column (a header further down"
        f" is not looked for: delete the lines above it, or move them below the table); row {row}, read as the"
        f" header, says: {en or message} / 前{HEAD_ROWS}行中未找到表头：没有一行含站点编号列（不会在更下方查找"
        f"表头：请删去表头上方的说明行，或移到表格下方）；第{row}行按表头读取：{zh or message}"
    )
