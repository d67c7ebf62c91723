"""Totals and subtotals rows: statistics tables end (or break per township) with rows that are not sites.

A 合计 row assessed as a village drags a district mean from 79% to 53%, so such rows are rejected, each with
its reason, and listed in rejected.csv. Two ways to tell one:
- a totals word (合计, 总计, 小计, 平均, 全区 …) in the site id or name, or a name that is the row's own
  township or district (宦溪镇 under 乡镇 宦溪镇): `TotalsWords`;
- figures that are the sums (or means) of the rows above: every filled numeric metric column equals the sum
  (an amount, at least two such columns) or the mean (a percentage or amount, at least three columns in all)
  of the rows since the start or the last totals row. Sums of percentages are never taken: two villages'
  30% and 40% beside a third's 70% is chance, not a total: `SumsWatch`.
A form's column-number row (栏次 甲 乙 丙) and its notes (注：…, 填表人：…, 以下空白) are told by their words too.
Both run in the main process as rows are read (a totals row must also stay out of the running sums).
"""

from __future__ import annotations

import math
import operator
import re
from bisect import bisect_right
from collections.abc import Callable
from functools import reduce
from itertools import accumulate, chain, repeat

from compliance.batch.areanames import LEVEL_WORDS as _LEVEL_WORDS
from compliance.batch.areanames import AreaNames, packed
from compliance.batch.ids import no_site

_TOTALS = re.compile(
    r"合计|总计|小计|共计|累计|合計|總計|小計|共計|累計|汇总|彙總|總數|总数|小结|平均|均值|^其中"
    r"|^全(?:区|县|市|镇|乡|街道)|全区|全县|全市|总体|[村户]均|^(?:镇|乡|街道|村)级|^本(?:镇|乡|街道)"
    r"|^以上(?:\d|[一二三四五六七八九十两]|各|所有|合|平|$)|^(?:total|subtotal|sum|average|avg|mean)\b",
    re.IGNORECASE | re.MULTILINE,
)
"""Searched in the id and name, each without its spaces (小 计, 合　计 aligned by hand), joined by a line break
(one search a row; ^ starts either)."""
_NOTES = re.compile(
    r"^(?:注[:：\d]|说明[:：]|备注|填表|填报|以下空白|制表|审核|(?:单位|统计)?负责人|联系人|联系电话|栏次|报出日期|报送日期"
    r"|数据来源|资料来源|统计(?:时间|日期)|[甲乙丙丁戊]$)",
    re.MULTILINE,
)
"""A form's notes, footer and column-number rows (注：…, 备注：…, 填表人：…, 单位负责人：…, 报出日期：…, 以下空白,
栏次 甲 乙 丙): not sites either."""
_SPACES = re.compile(r"\s+")
_HINTS = frozenset("计計均汇彙全总總结其注说填以制审负联栏甲乙丙丁戊备报源级本")
"""A character every Chinese totals word has: rows without one (most) skip the slower search."""
_LATIN_HINTS = frozenset("tTsSaAmM")
"""The first letters of the English totals words, which count only at the start."""
_ANY_HINT = re.compile("[计計均汇彙全总總结其注说填以制审负联栏甲乙丙丁戊备报源级本tTsSaAmM]")
"""Any character of `_HINTS` or `_LATIN_HINTS`: a row holding none in its id or name is no totals row by
its words (searched over a whole block of rows at once)."""
SUM_COLUMNS = 2
MEAN_COLUMNS = 3
AREA_KINDS = ("city", "district", "township")
"""Kinds whose sites are named after their own township, district or city."""
MEMBER_KINDS = ("village", "community", "")
"""Kinds whose batches list a township's own rows: there 汀溪 or 后溪（集美段） is the township's row or a village
written short; elsewhere (rivers, scenic areas) it is a site's name (汀溪, XM-6-4), and only a full township or district
name (宦溪镇, 寿山乡政府) is the area's own row."""
_OFFICE = re.compile(r"[（(][^（）()]*[）)]|(?:人民)?政府$|办事处$")
"""What a township's or district's own row adds to its name: 寿山乡政府, 日溪乡（含3个村）."""
_OFFICE_MARKERS = ("（", "(", "政府", "办事处")
"""What may mark such a name, looked for with plain substring tests (a regex search over a block is far slower)."""
MAYBE_MEMBER = "missing its figures"
"""Said of a row that may be a site or the area's own: rejected, it counts in its district's figures as missing."""


class TotalsWords:
    """Tells a totals row by its id or name (see the module); `kind` is the batch's site kind; `areas`, the division
    table's district and township names and codes (`known_areas`)."""

    def __init__(
        self,
        name: int,
        township: int,
        district: int,
        kind: str,
        areas: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset()),
        code: int = -1,
        stated: Callable[[list[str]], bool] | None = None,
    ) -> None:
        """`stated`: whether a row says itself it is a site (类型 党政机关, `batch.statedsites`): no area's own row."""
        self.name, self.township, self.district, self.code = name, township, district, code
        self.stated, self.maybe = stated, f"counts as a {kind.replace('_', ' ') or 'site'} {MAYBE_MEMBER}"
        self.areas = kind not in AREA_KINDS
        self.members = kind in MEMBER_KINDS
        self.known, self.codes = areas if self.areas else (frozenset(), frozenset())
        self.named = AreaNames(self.known if self.members else frozenset())  # 宦溪镇 4个村, 宦溪镇村均

    def __call__(self, site_id: str, cells: list[str]) -> str:
        """Why a row with this id and these cells is a totals (or heading) row, or '' when it may be a site."""
        width = len(cells)
        name = cells[self.name] if 0 <= self.name < width else ""
        if no_site(site_id) and no_site(name):  # (N/A, #N/A, —, / …)
            return self._unnamed(cells)
        hinted = not (_HINTS.isdisjoint(site_id) and _HINTS.isdisjoint(name))
        latin = site_id[:1] in _LATIN_HINTS or name.lstrip()[:1] in _LATIN_HINTS
        if (hinted or latin) and (said := totals_words(site_id, name)):
            return said
        name = packed(name)  # 宦 溪 镇 aligned by hand
        if self.stated is not None and self.stated(cells):  # 岳峰镇人民政府, 类型 党政机关: a site after its place
            return ""
        if name and self.areas:
            township = cells[self.township] if 0 <= self.township < width else ""
            district = cells[self.district] if 0 <= self.district < width else ""
            if name == packed(township) or name == packed(district):
                return f"a totals row for {name} (named after its own township or district), not a site"
        if self.known:
            if site_id.strip() in self.codes:
                return f"a totals row for the township or district coded {site_id.strip()}, not a site"
            bare = _OFFICE.sub("", _OFFICE.sub("", name)).strip()
            code = cells[self.code].strip() if 0 <= self.code < width else ""
            village = len(code) == 12 and code.isdigit() and not code.endswith("000")  # its own village's code
            if said := self.named.after(bare, self.maybe):  # 宦溪镇 4个村, 宦溪镇村均 (宦溪镇岭头村: a village)
                return said
            if village and bare == name:  # 宦溪 with 350111103206: the village 宦溪村 written short
                return ""
            if not self.members and not bare.endswith(_LEVEL_WORDS):  # 汀溪, 后溪（集美段）: a river's name
                return ""
            if bare == name and bare in self.known and not bare.endswith(_LEVEL_WORDS):
                return (
                    f"乡镇简称“{bare}”：可能是该乡镇本身的一行，也可能是简写的行政村（{bare}村），按缺少数据的行政村计；"
                    f"请写村的全名（或填村代码） / named {bare}, the short name of a township or district: its own row"
                    f" or a village written short ({bare}村), so it {self.maybe}; write the village's full name"
                    " (or give its village code)"
                )
            if bare in self.known:
                return (
                    f"“{name}”是区划表中{bare}本身的一行（合计行），不是站点 / a totals row for {bare}"
                    " (a township or district of the division table), not a site"
                )
        if self.name >= 0 and not name and (lone := _lone(cells)):
            return _heading(lone)
        return ""

    def _unnamed(self, cells: list[str]) -> str:
        """Why a row with neither a site id nor a name is no site: a totals word in another cell (宦溪镇小计 in 乡镇,
        合计 in 序号) makes it a totals row; with no figure (a form's row numbered in advance, only its 序号 filled) it
        is an empty row of the form; a form's footer (填表人：… in 序号) or a heading (集美区 alone) is no site either;
        with a figure it may be a village left unnamed, which counts as missing."""
        for cell in cells:
            found = _TOTALS.search(_SPACES.sub("", cell))
            if found is not None:
                return f"a totals row ({found.group(0)} in {cell.strip()!r}), not a site"
            if _NOTES.search(cell.strip()) is not None:
                return f"a note or column-number row ({cell.strip()!r}), not a site"
        lone = _lone(cells)
        if lone and not any(character.isdigit() for character in lone):
            return _heading(lone)
        places = (self.name, self.township, self.district)
        figures = [
            cell
            for at, cell in enumerate(cells)
            if not no_site(cell) and at not in places and not (at == 0 and cell.strip().isdigit())
        ]
        if not figures:
            return "an empty row of the form (no site id, name or figure), not a site"
        return f"a row with neither a site id nor a name, so it {self.maybe}; fill 站点编号 and 名称"

    def block(self, ids: list[str], rows: list[list[str]]) -> dict[int, str]:
        """Why each totals row among `rows` (with their trimmed `ids`) is one, by index: what calling this
        on each row would say, found with a few passes over the whole block instead of one call a row."""
        names = cells_at(rows, self.name)
        candidates = _hinted(ids, names)
        packed_names = list(map(packed, names))  # 宦 溪 镇 aligned by hand
        if self.areas:
            areas = {packed(text) for text in set(cells_at(rows, self.township)) | set(cells_at(rows, self.district))}
            areas.discard("")
            if not areas.isdisjoint(packed_names):
                candidates.update(index for index, name in enumerate(packed_names) if name in areas)
        if self.known:  # a township's or district's own row, by name (宦溪, 寿山乡政府) or by code
            named = self.known.intersection(packed_names) or self.codes.intersection(ids)
            candidates.update(self.named.candidates(names))
            joined = "".join(names)  # a look for each marker over the whole block: a regex search is far slower
            office = any(marker in joined for marker in _OFFICE_MARKERS)
            if named or office:
                candidates.update(
                    index
                    for index, (site_id, name) in enumerate(zip(ids, names, strict=True))
                    if packed_names[index] in named
                    or site_id in named
                    or (office and any(m in name for m in _OFFICE_MARKERS))
                )
        candidates.update(  # neither id nor name (—, /): a subtotal labelled in another column, or an unnamed site
            index
            for index, (site_id, name) in enumerate(zip(ids, names, strict=True))
            if no_site(site_id) and no_site(name)
        )
        if self.name >= 0:  # rows with no name may be headings (集美区,,,,): only those are counted through
            candidates.update(index for index, name in enumerate(names) if not name.strip() and _lone(rows[index]))
        found: dict[int, str] = {}
        for index in sorted(candidates):
            why = self(ids[index], rows[index])
            name = packed_names[index]
            if not why and self.areas and name in areas and not (self.stated and self.stated(rows[index])):
                # a township's row with its own 乡镇 cell left empty
                why = f"a totals row for {name} (named after a township or district of the table), not a site"
            if why:
                found[index] = why
        return found


def totals_words(site_id: str, name: str) -> str:
    """Why a row or document with this id and name is a totals row (合计, 宦溪镇小计) or a form's note by its words
    alone, or '': the test of `TotalsWords`, and the one a JSONL line's or facts file's `site` gets."""
    packed_id = _SPACES.sub("", site_id)
    found = _TOTALS.search(f"{packed_id}\n{_SPACES.sub('', name)}")
    if found is not None:
        text = site_id if found.start() < len(packed_id) else name.strip()
        return f"a totals row ({found.group(0)} in {text!r}), not a site"
    if _NOTES.search(f"{site_id.strip()}\n{name.strip()}") is not None:  # (a note's words hold a `_HINTS` character)
        return f"a note or column-number row ({site_id.strip() or name.strip()!r}), not a site"
    return ""


def _heading(lone: str) -> str:
    """What is said of a row whose one filled cell, `lone`, is a heading over the rows below."""
    return (
        f"a heading row ({lone!r}, the only cell filled), not a site: if it names the district or township"
        " of the rows below, fill 所在区 / 乡镇 in them"
    )


def _lone(cells: list[str]) -> str:
    """The one filled cell of a row of three cells or more that has only one, else ''."""
    filled = [cell.strip() for cell in cells if cell.strip()]
    return filled[0] if len(filled) == 1 and len(cells) >= 3 else ""


def cells_at(rows: list[list[str]], position: int) -> list[str]:
    """Each row's cell at `position` ('' where the row is too short, or the position is -1: no such column)."""
    if position < 0:
        return [""] * len(rows)
    try:
        return [cells[position] for cells in rows]
    except IndexError:  # a short row
        return [cells[position] if position < len(cells) else "" for cells in rows]


def _hinted(ids: list[str], names: list[str]) -> set[int]:
    """The rows whose id or name holds a character of a totals word (all rows when most do)."""
    text = "\n".join(chain.from_iterable(zip(ids, names, strict=True)))
    if _ANY_HINT.search(text) is None:
        return set()
    ends = list(accumulate(len(site_id) + len(name) + 2 for site_id, name in zip(ids, names, strict=True)))
    hinted: set[int] = set()
    for hits, found in enumerate(_ANY_HINT.finditer(text)):
        if hits > len(ids) // 8:  # hints everywhere (names in pinyin): every row is looked at
            return set(range(len(ids)))
        hinted.add(bisect_right(ends, found.start()))
    return hinted


def _slack(text: str) -> float:
    """Half a unit of a number's last decimal as written: how far a rounded total may be off."""
    text = text.strip().rstrip("%")
    point = text.find(".")
    return 0.5 * 10.0 ** -(len(text) - point - 1 if point >= 0 else 0)


def _number(text: str) -> float:
    """A plain cell's number, NaN when it holds none."""
    try:
        return float(text.strip().rstrip("%").replace(",", ""))
    except ValueError:
        return math.nan


class _Segment:
    """Running totals per column (sum, sum of squares, count, positive count) over rows `start`.. of a chunk,
    on top of `base` (the totals before them), as prefix sums made by `accumulate` (a C loop, not Python).
    Only the sums and counts are needed at every row (`SumsWatch._sieve`, `_near`); a column's squares and
    positive counts are made when a row's value in it is looked at in full, or summed once at the end."""

    def __init__(
        self, columns: list[list[float]], zeroed: list[list[float]], start: int, base: list[list[float]]
    ) -> None:
        """`columns`: each column's numbers, NaN where there is none; `zeroed`: the same with 0.0 for NaN."""
        self.start, self.base = start, base
        self.present = [zeros[start:] for zeros in zeroed]
        self.prefix: list[list[list[float]]] = [
            [
                list(accumulate(present, initial=totals[0])),
                list(accumulate(map(operator.eq, values, values), initial=totals[2])),  # NaN != NaN
            ]
            for values, present, totals in zip((column[start:] for column in columns), self.present, base, strict=True)
        ]
        self._more: dict[int, list[list[float]]] = {}
        """By column, the prefix sums of squares and of positive counts, once a row needed them."""

    def more(self, column: int) -> list[list[float]]:
        """The column's prefix sums of squares and of positive counts."""
        found = self._more.get(column)
        if found is None:
            present, totals = self.present[column], self.base[column]
            found = self._more[column] = [
                list(accumulate(map(operator.mul, present, present), initial=totals[1])),
                list(accumulate(map(operator.gt, present, repeat(0.0)), initial=totals[3])),
            ]
        return found

    def before(self, row: int) -> list[list[float]]:
        """Each column's totals over the rows before `row`."""
        at = row - self.start
        totals = []
        for column, (sums, counts) in enumerate(self.prefix):
            squares, positive = self.more(column)
            totals.append([sums[at], squares[at], counts[at], positive[at]])
        return totals

    def end(self) -> list[list[float]]:
        """Each column's totals over every row of the segment: what `before` the end gives, each sum added
        in the same order (so to the same last bit), without prefix lists of squares not made yet."""
        totals = []
        for column, ((sums, counts), present, base) in enumerate(
            zip(self.prefix, self.present, self.base, strict=True)
        ):
            if column in self._more:
                squares, positive = self._more[column][0][-1], self._more[column][1][-1]
            else:
                squares = reduce(operator.add, map(operator.mul, present, present), base[1])
                positive = base[3] + list(map(operator.gt, present, repeat(0.0))).count(True)
            totals.append([sums[-1], squares, counts[-1], positive])
        return totals


class SumsWatch:
    """Spots rows whose figures are the sums or means of the rows above them (see the module).

    It looks at a whole chunk of rows at a time, column by column, so that the per-row cost stays small:
    running totals are prefix sums, and a row is looked at closely only when its first number is near
    its column's running sum or mean (or it has none)."""

    def __init__(self, columns: list[tuple[int, bool]], sites: Callable[[list[str]], bool] | None = None) -> None:
        """`columns`: the position of each numeric metric column, and whether it holds percentages; `sites`: whether
        a row names a site of its own, never a totals row by its figures (`batch.namedsite`)."""
        self.sites = sites
        self.spared: list[tuple[int, str]] = []
        """The last chunk's rows whose figures matched but that name a site, with 'sum' or 'mean'."""
        self.positions = [position for position, _ in columns]
        self.percent = [percent for _, percent in columns]
        self._totals = [[0.0, 0.0, 0.0, 0.0] for _ in columns]
        """Per column, over every row so far but totals rows: sum, sum of squares, count, positive count."""
        self._snapshot = [[0.0, 0.0, 0.0, 0.0] for _ in columns]
        """The same at the last totals row."""
        self._numbers: dict[str, float] = {}
        """Cell texts read so far (columns repeat their values), NaN for none …"""
        self._zeroed: dict[str, float] = {}
        """… and 0.0 for none, to be summed."""

    def _column(self, rows: list[list[str] | None], position: int) -> tuple[list[float], list[float]]:
        """A column's numbers (NaN where there is none) and the same with 0.0, each text read once."""
        try:
            texts = [cells[position] for cells in rows]  # type: ignore[index]  # the common case: all full rows
        except (IndexError, TypeError):  # a short row, or a document among the rows
            texts = [cells[position] if cells is not None and position < len(cells) else "" for cells in rows]
        numbers, zeroed = self._numbers, self._zeroed
        if len(numbers) > 100_000:
            numbers.clear()
            zeroed.clear()
        for text in set(texts).difference(numbers):
            number = numbers[text] = _number(text) if text else math.nan
            zeroed[text] = number if number == number else 0.0
        return list(map(numbers.__getitem__, texts)), list(map(zeroed.__getitem__, texts))

    def refused(self, rows: list[list[str] | None], skip: dict[int, str]) -> dict[int, str]:
        """The totals rows among a chunk's `rows` (None: not a table row), by index, with the reason; the
        other rows but those in `skip` (refused already) are added to the running totals."""
        nan = math.nan
        self.spared = []
        read = [self._column(rows, position) for position in self.positions]
        columns, zeroed = [values for values, _ in read], [zeros for _, zeros in read]
        for index in skip:
            for column, zeros in zip(columns, zeroed, strict=True):
                column[index], zeros[index] = nan, 0.0
        found: dict[int, str] = {}
        segment = _Segment(columns, zeroed, 0, self._totals)
        candidates = self._sieve(columns[0], segment) if columns else []
        next_candidate = 0
        while next_candidate < len(candidates):
            row = candidates[next_candidate]
            next_candidate += 1
            if not self._near(columns, row, segment, rows[row]):
                continue
            values = [column[row] for column in columns]
            cells = rows[row]
            texts = [cells[p] if p < len(cells) else "" for p in self.positions] if cells is not None else []
            kind = self._matches(values, texts, segment, row, self._snapshot) or self._matches(
                values, texts, segment, row, None
            )
            if kind and cells is not None and self.sites is not None and self.sites(cells):
                self.spared.append((row, kind))
            elif kind:
                found[row] = f"a totals row (its figures are the {kind}s of the rows above), not a site"
                before = segment.before(row)
                for column, zeros in zip(columns, zeroed, strict=True):
                    column[row], zeros[row] = nan, 0.0
                self._snapshot = before
                segment = _Segment(columns, zeroed, row + 1, before)
                candidates, next_candidate = self._sieve(columns[0], segment), 0
        self._totals = segment.end()
        return found

    def _sieve(self, first: list[float], segment: _Segment) -> list[int]:
        """The rows of the segment whose first watched number is within 1 of that column's running sum or
        mean (since the start or the last totals row), or missing: the only rows `_near` need look at.
        One compiled loop over the segment's plain floats: a row costs a few float comparisons, not a call."""
        sums, counts = segment.prefix[0][0], segment.prefix[0][1]
        snap_sum, snap_count = self._snapshot[0][0], self._snapshot[0][2]
        start = segment.start
        found: list[int] = []
        for at in range(len(first) - start):  # the sums run one longer, to the segment's end
            number: float = first[start + at]
            total: float = sums[at]
            count: float = counts[at]
            since = total - snap_sum
            since_count = count - snap_count
            if (
                number != number
                or abs(number - total) <= 1
                or abs(number - total / (count if count > 1.0 else 1.0)) <= 1
                or abs(number - since) <= 1
                or abs(number - since / (since_count if since_count > 1.0 else 1.0)) <= 1
            ):
                found.append(start + at)
        return found

    def _near(self, columns: list[list[float]], row: int, segment: _Segment, cells: list[str] | None) -> bool:
        """Whether the row's first number is its column's running sum or mean (since the start or the last
        totals row), to its last decimal: a sieve that lets few rows through to the full comparison."""
        at = row - segment.start
        for column, values in enumerate(columns):
            number = values[row]
            if number != number:
                continue
            totals, before = segment.prefix[column], self._snapshot[column]
            total, count = totals[0][at], totals[1][at]
            if count < 2:
                return False
            since, since_count = total - before[0], count - before[2]
            mean, since_mean = total / count, since / since_count if since_count > 0 else math.inf
            if (
                abs(number - total) > 1
                and abs(number - mean) > 1
                and abs(number - since) > 1
                and abs(number - since_mean) > 1
            ):
                return False  # far from every total: the common case, decided without reading the text
            slack = _slack(cells[self.positions[column]]) if cells is not None else 0.0
            return any(abs(number - target) <= slack for target in (total, mean, since, since_mean))
        return False

    def _matches(
        self, values: list[float], texts: list[str], segment: _Segment, row: int, snapshot: list[list[float]] | None
    ) -> str:
        """'sum' or 'mean' when every filled value is that of the rows before `row` (or since the last totals
        row, less `snapshot`), and could not be by chance: a sum of two positive values at least, a mean of
        unequal ones in two columns at least that are not at a percentage's bound (a village at 100% where
        nearly all are is near the mean by nature, not by being one). A column's squares and positive counts
        are asked of `segment` only when its value is the sum or mean (they tell whether that could be chance)."""
        at = row - segment.start
        sums = means = filled = bounded = 0
        for column, number in enumerate(values):
            if number != number:
                continue
            filled += 1
            total, count = segment.prefix[column][0][at], segment.prefix[column][1][at]
            if snapshot is not None:
                total, count = total - snapshot[column][0], count - snapshot[column][2]
            if count < 2:
                return ""
            slack = _slack(texts[column]) + 1e-9 * abs(number)
            mean = total / count
            if (
                not self.percent[column]
                and abs(number - total) <= slack
                and self._more(segment, column, at, snapshot)[1] >= 2
            ):
                sums += 1
            elif abs(number - mean) <= slack and (
                self._more(segment, column, at, snapshot)[0] / count - mean * mean > 1e-9 * (1 + mean * mean)
            ):
                means += 1
                bounded += self.percent[column] and number in (0.0, 100.0)
            else:
                return ""
        if means + sums != filled:
            return ""
        if sums >= SUM_COLUMNS:
            return "sum"
        return "mean" if filled >= MEAN_COLUMNS and means - bounded >= MEAN_COLUMNS - 1 else ""

    @staticmethod
    def _more(segment: _Segment, column: int, at: int, snapshot: list[list[float]] | None) -> tuple[float, float]:
        """A column's sum of squares and positive count before row `at` of the segment (less `snapshot`)."""
        squares, positive = segment.more(column)
        if snapshot is None:
            return squares[at], positive[at]
        return squares[at] - snapshot[column][1], positive[at] - snapshot[column][3]
