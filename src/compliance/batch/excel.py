"""Reading an Excel workbook as county offices make them: hidden sheets, merged cells, formulas.

openpyxl's read-only mode streams a sheet of any size but sees neither merged cells nor whether a formula
has a saved value. Both are read from the sheet's XML in one quick pass before its rows (merges are listed
after the rows, so the pass reads the whole part; it only decompresses and searches, about 0.3 s per
100 MB of XML). A merged cell reads as its top-left value across the merge (乡镇 merged over its villages);
a formula without a saved value (a workbook written by a program that does not compute) stops the batch,
since reading it as blank would quietly turn a figure into missing data.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path
from typing import Any

from compliance.batch.columns import Matcher, names_site_id, title_text
from compliance.batch.header import HEAD_ROWS, Header, find_header
from compliance.batch.table import BLOCK_ROWS, RowBlock, TableRow, TableSource, row_block
from compliance.batch.titleperiod import dating
from compliance.batch.titletargets import not_observed, title_problem
from compliance.batch.titleunit import written_unit_problems
from compliance.model.periods import year_named
from compliance.model.problems import InputError, Problem

ALL_SHEETS = "all"
SCAN_BYTES = 1 << 22
_NS = rb"(?:\w+:)?"
_MERGE = re.compile(rb"<" + _NS + rb'mergeCell\b[^>]*\bref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')
_UNCACHED = re.compile(
    rb"<" + _NS + rb"c\b([^>]*)>\s*<" + _NS + rb"f\b[^>]*?(?:/>|>([^<]*)</" + _NS + rb"f>)\s*"
    rb"(<" + _NS + rb"v\s*/>|<" + _NS + rb"v>\s*</" + _NS + rb"v>)?\s*</" + _NS + rb"c>"
)
"""A formula cell whose saved value is missing or empty. An empty saved value of a text formula (t="str", as
=IF(x="","",…) saves "") is a saved blank, not a missing one."""
_TEXT_CELL = re.compile(rb'\bt="str"')
_LITERAL = re.compile(r'"[^"]*"|\\.')
"""Quoted text and escaped characters in a number format: shown as written (0.0"%" shows 86.5 as 86.5%)."""
_REF = re.compile(rb'\br="([A-Z]+\d+)"')
_HIDDEN_ROW = re.compile(rb"<" + _NS + rb'row\b[^>]*?\bhidden="(?:1|true)"[^>]*>')
_HIDDEN_COLUMNS = re.compile(rb"<" + _NS + rb'col\b[^>]*?\bhidden="(?:1|true)"[^>]*>')
_ROW_NUMBER = re.compile(rb'\br="(\d+)"')
_SPAN = re.compile(rb'\bmin="(\d+)"[^>]*?\bmax="(\d+)"')


def column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


@dataclass
class SheetXml:
    """What the sheet's XML says that read-only openpyxl does not: merged ranges, and the first formula cell
    without a saved value."""

    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    """(first row, first column, last row, last column), 1-based."""
    uncached: str = ""
    hidden_rows: list[int] = field(default_factory=list)
    hidden_columns: list[int] = field(default_factory=list)
    """Rows and columns hidden in Excel: read like the others, and said so."""


def column_letters(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def scan_sheet(archive: zipfile.ZipFile, part: str) -> SheetXml:
    found = SheetXml()

    def search(text: bytes) -> None:
        if b"mergeCell" in text:
            for match in _MERGE.finditer(text):
                a, r1, b, r2 = match.groups()
                found.merges.append((int(r1), column_number(a), int(r2), column_number(b)))
        if b"hidden=" in text:
            for match in _HIDDEN_ROW.finditer(text):
                number = _ROW_NUMBER.search(match.group(0))
                if number is not None:
                    found.hidden_rows.append(int(number.group(1)))
            for match in _HIDDEN_COLUMNS.finditer(text):
                span = _SPAN.search(match.group(0))
                if span is not None:
                    found.hidden_columns.extend(range(int(span.group(1)), int(span.group(2)) + 1))
        if not found.uncached and (b"<f" in text or b":f" in text):
            cell = next(
                (c for c in _UNCACHED.finditer(text) if not (c.group(3) and _TEXT_CELL.search(c.group(1)))), None
            )
            if cell is not None:
                ref = _REF.search(cell.group(1))
                formula = html.unescape((cell.group(2) or b"").decode("utf-8", "replace"))  # as written: & not &amp;
                found.uncached = (ref.group(1).decode() if ref else "?") + (f" (={formula})" if formula else "")

    with archive.open(part) as xml:
        carry = b""
        while block := xml.read(SCAN_BYTES):
            text = carry + block
            end = text.rfind(b"row>")  # search up to the last whole row, so that no cell straddles two searches
            cut = end + 4 if end >= 0 else 0
            search(text[:cut])
            carry = text[cut:]
        search(carry)
    return found


def excel_text(value: Any, number_format: str) -> str:
    """A cell as the text a person sees: 0.725 formatted as a percentage becomes 72.5%."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        if "%" in _LITERAL.sub("", number_format):  # a % the format puts there itself scales the value by 100
            return f"{value * 100:.10g}%"
        if "%" in number_format:  # a % written as text after the number (0.0"%", 0\%): the value as it stands
            return f"{value:.10g}%"
        if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value) if isinstance(value, float) else str(value)
    if isinstance(value, dt.datetime):  # a date cell: its date as a date (2025-12-31), a time of day only if it has one
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value).strip()


def _hidden_warning(title: str, scanned: SheetXml) -> str:
    """Hidden rows and columns are read like the others: a village hidden rather than deleted still counts."""
    parts = []
    if scanned.hidden_rows:
        rows = scanned.hidden_rows
        parts.append("rows " + ", ".join(map(str, rows[:10])) + (" …" if len(rows) > 10 else ""))
    if scanned.hidden_columns:
        parts.append("columns " + ", ".join(column_letters(c) for c in scanned.hidden_columns[:10]))
    return (
        f"sheet {title!r}: hidden {' and '.join(parts)} are read like the others / 隐藏的行、列也会被读取；"
        "不是数据的请删除"
    )


def _when(dated: tuple[tuple[str, ...], str]) -> str:
    """A sheet's dating (`titleperiod.dating`) as said: 2025, 2025-06, 2024、2025, 第二季度, or no year."""
    years, period = dated
    return period if len(years) == 1 else "、".join(years) or period or "no year"


class _Unread(Exception):
    """Why a hidden sheet under --sheet all is not read with the others (not the same form, or another year's)."""


def _reordered(rows: Iterator[TableRow], order: list[int | None]) -> Iterator[TableRow]:
    """A sheet's rows with their cells in the first sheet's column order (`order`: where each is, or None)."""
    for row in rows:
        cells = row.cells
        yield TableRow(row.number, [cells[j] if j is not None and j < len(cells) else "" for j in order])


def _filled(rows: Iterator[TableRow], merges: list[tuple[int, int, int, int]]) -> Iterator[TableRow]:
    """Rows with each merged range's top-left text in every cell of the range."""
    starting: dict[int, list[tuple[int, int, int, int]]] = {}
    for merge in merges:
        starting.setdefault(merge[0], []).append(merge)
    active: list[tuple[tuple[int, int, int, int], str]] = []
    for row in rows:
        cells = row.cells
        for merge in starting.pop(row.number, ()):
            first = merge[1] - 1
            active.append((merge, cells[first] if first < len(cells) else ""))
        if active:
            for (_, first_column, _, last_column), text in active:
                if len(cells) < last_column:
                    cells.extend([""] * (last_column - len(cells)))
                cells[first_column - 1 : last_column] = [text] * (last_column - first_column + 1)
            active = [(merge, text) for merge, text in active if merge[2] > row.number]
        yield row


class XlsxSource(TableSource):
    def __init__(self, path: Path, sheet: str | None) -> None:
        super().__init__(path)
        import openpyxl  # imported here: only Excel input pays for it

        try:
            workbook = io.BytesIO(self.log.read_bytes(path))  # hashed as read: the manifest's SHA-256 is of these
            self._book = openpyxl.load_workbook(workbook, read_only=True, data_only=True)
            self._archive = zipfile.ZipFile(workbook)
        except Exception as error:  # openpyxl raises many kinds for a damaged or non-Excel file
            raise self.fail(f"cannot be opened as an Excel .xlsx workbook: {error}") from None
        sheets = self._book.worksheets
        names = [ws.title for ws in sheets]
        visible = [ws for ws in sheets if ws.sheet_state == "visible"]
        if sheet is not None and sheet != ALL_SHEETS and sheet not in names:
            raise self.fail(f"has no sheet {sheet!r}; its sheets are {', '.join(names)} (or --sheet all)")
        if sheet == ALL_SHEETS:  # hidden sheets too (a township's hidden while the others were checked still counts);
            # a visible sheet of sites leads (a 填表说明 in front is skipped, not the header)
            chosen = [ws for ws in sheets if self._has_data(ws)] or visible[:1]
            chosen.sort(key=lambda ws: ws.sheet_state != "visible" or not self._names_an_id(ws))
        elif sheet is not None:
            chosen = [self._book[sheet]]
        else:
            chosen = visible[:1] or sheets[:1]
        if sheet is None or sheet == ALL_SHEETS:
            self._one_year(visible)
        others = [ws for ws in sheets if ws not in chosen and self._has_data(ws)]
        if others:
            listed = ", ".join(
                repr(ws.title) + ("（隐藏 hidden）" if ws.sheet_state != "visible" else "") for ws in others
            )
            self.warnings.append(
                f"sheet {chosen[0].title!r} is read; these sheets also hold data and are not read: {listed}. "
                f"Choose one with --sheet NAME, or --sheet all to read every sheet with the same header"
            )
        self._sheets = chosen
        self.sheets = sheet == ALL_SHEETS and len(chosen) > 1
        self._unread = others if sheet is None else []  # hidden ones too: a township's hidden sheet holds its sites
        self.sheet = chosen[0].title
        self.sheets_read: list[str] = [self.sheet]
        self._key: Callable[[str], str] = str
        self._titles: list[str] = []
        self._width = 0
        self._done = 0
        self._total = 1
        self.where = f"sheet {self.sheet!r}: "
        self._begin(self._sheet_rows(chosen[0]))

    def _one_year(self, visible: list[Any]) -> None:
        """Refuse visible sheets named by different years (2024年, 2025年): the same sites' figures of each year,
        of which neither the first nor all together are the figures now."""
        years = {ws.title: found for ws in visible if (found := year_named(ws.title)) and self._has_data(ws)}
        if len(set(years.values())) > 1:
            listed = ", ".join(repr(title) for title in years)
            raise self.fail(
                f"its sheets {listed} are of different years; assess the year meant with --sheet NAME, or give the"
                " years as columns (指标[2024], 指标[2025]) / 工作簿按年份分表，请用 --sheet 指定要评估的年份表"
            )

    @staticmethod
    def _head(ws: Any) -> list[list[str]]:
        """A sheet's first rows as texts, read without taking it on as the input."""
        return [[excel_text(v, "") for v in row] for row in ws.iter_rows(max_row=HEAD_ROWS, values_only=True)]

    def _names_an_id(self, ws: Any) -> bool:
        """Whether a sheet's first rows hold a site id column's title (站点编号, 村编号 …)."""
        return any(names_site_id(text) for row in self._head(ws) for text in row if text)

    @staticmethod
    def _has_data(ws: Any) -> bool:
        return any(v is not None for row in ws.iter_rows(max_row=200, values_only=True) for v in row)

    def _sheet_rows(self, ws: Any) -> Iterator[TableRow]:
        part = getattr(ws, "_worksheet_path", None)
        scanned = scan_sheet(self._archive, part) if part else SheetXml()
        if scanned.uncached:
            raise self.fail(
                f"sheet {ws.title!r}, cell {scanned.uncached}: a formula without a saved value (the workbook was "
                "saved by a program that does not compute formulas); open and save it in Excel/WPS first"
            )
        if scanned.hidden_rows or scanned.hidden_columns:
            self.warnings.append(_hidden_warning(ws.title, scanned))
        self._total = max(ws.max_row or 1, 1)
        self._done = 0
        rows = self._cells(ws)
        return _filled(rows, scanned.merges) if scanned.merges else rows

    def _cells(self, ws: Any) -> Iterator[TableRow]:
        for number, cells in enumerate(ws.iter_rows(), start=1):
            self._done = number
            texts = [excel_text(c.value, getattr(c, "number_format", "") or "") for c in cells]
            width = self._width
            if len(texts) > width:  # cells past the header's last column count only when filled
                while len(texts) > width and not texts[-1]:
                    texts.pop()
            elif len(texts) < width:  # a sheet's row has no "short" form: the missing cells are empty
                texts.extend([""] * (width - len(texts)))
            yield TableRow(number, texts)

    def start(self, header: Header, key: Callable[[str], str]) -> None:
        super().start(header, key)
        self._titles, self._key, self._width = header.titles, key, len(header.titles)
        for row in self.head[header.at + header.span :]:
            row.cells.extend([""] * (self._width - len(row.cells)))
        self._runs = self._sheet_runs(self._rest)
        self._rest = chain.from_iterable(rows for _, rows in self._runs)
        alike = [ws for ws in self._unread if self._of_sites(ws)]
        if alike:  # township sheets of one form (hidden or not): one read alone would decide the district
            listed = ", ".join(
                repr(ws.title) + ("（隐藏 hidden）" if ws.sheet_state != "visible" else "") for ws in alike
            )
            raise self.fail(
                f"sheets {listed} hold sites under the same columns as sheet {self.sheet!r}, which alone is read:"
                " read them all with --sheet all, or choose one with --sheet NAME / 多个工作表都是站点表"
            )

    def _of_sites(self, ws: Any) -> bool:
        """Whether a sheet not read holds sites: a header naming a site id and a metric the read sheet names; a
        hidden one not told apart as another year's (named by another year, or titled so: last year's kept)."""
        head = self._head(ws)
        header = find_header(head, self._key)
        keys = {self._key(title) for title in header.titles}
        mine = {key for key in map(self._key, self._titles) if key.startswith("metric:")}
        if "site:id" not in keys or not keys & mine:
            return False
        if ws.sheet_state == "visible":
            return True
        titled = [" ".join(row) for row in head[: header.at]]
        try:
            self._same_years(ws.title, titled, hidden=True)
        except _Unread:
            return False
        matcher = getattr(self._key, "__self__", None)  # a hidden 目标任务分解表: targets, no sites' figures
        return not (isinstance(matcher, Matcher) and any(not_observed(title, matcher) for title in titled))

    def _sheet_runs(self, first: Iterator[TableRow]) -> Iterator[tuple[str, Iterator[TableRow]]]:
        """Each sheet read with its rows: the first sheet's, then those of every other chosen sheet whose header
        names the same fields and metrics (in any order and spelling: its cells are put in the first sheet's
        order). A sheet of sites naming others stops the run: its villages would be missing from every figure; a
        sheet of no sites is skipped."""
        try:
            yield self.sheet, first
            for ws in self._sheets[1:]:
                hidden = ws.sheet_state != "visible"
                rows = self._sheet_rows(ws)
                head = [row for row in (next(rows, None) for _ in range(HEAD_ROWS)) if row is not None]
                header = find_header([row.cells for row in head], self._key)
                try:
                    order = self._order(header.titles, ws.title, hidden)
                    if order is not None:  # 寿山乡's sheet may keep last year's title: its figures are of that year
                        titled = [" ".join(cell for cell in row.cells) for row in head[: header.at]]
                        self._same_years(ws.title, titled, hidden)
                        self._targets(ws.title, head[: header.at], hidden)
                except _Unread as unread:
                    self.warnings.append(f"hidden sheet {ws.title!r} is not read: {unread}")
                    continue
                if order is None:
                    self.warnings.append(f"sheet {ws.title!r} is not read: it names no site id column")
                    continue
                self._units(ws.title, header, head)
                if hidden:
                    self.warnings.append(
                        f"sheet {ws.title!r} is hidden and is read like the others / 隐藏的工作表也会被读取；"
                        "不是数据的请删除"
                    )
                self.sheets_read.append(ws.title)
                body = chain(head[header.at + header.span :], rows)
                yield ws.title, body if order == list(range(len(self._titles))) else _reordered(body, order)
        finally:
            self._book.close()
            self._archive.close()

    def blocks(self) -> Iterator[RowBlock]:
        """The rows `records` yields, BLOCK_ROWS at a time; with several sheets, a block holds one sheet's rows
        and names it."""
        if not self.sheets:
            yield from super().blocks()
            return
        head = self.head[self._after :]
        for title, rows in self._runs:
            if head:
                yield row_block(head, title)
                head = []
            while block := list(islice(rows, BLOCK_ROWS)):
                yield row_block(block, title)

    def _units(self, sheet: str, header: Header, head: list[TableRow]) -> None:
        """Stop where another sheet's header (or its row of units, 万人 under 供水工程供水人口) writes a unit that is
        not its metric's: its figures would be read in the first sheet's unit."""
        matcher = getattr(self._key, "__self__", None)
        found = written_unit_problems(header.titles, matcher) if isinstance(matcher, Matcher) else []
        if found:
            row = head[header.at + header.span - 1].number if head else None
            raise InputError([Problem(str(self.path), row, title, f"sheet {sheet!r}: {said}") for title, said in found])

    def _targets(self, sheet: str, titled: list[TableRow], hidden: bool) -> None:
        """A sheet read with the first whose title says its figures are targets, plans or estimates (目标任务分解表)
        stops the run, naming the title row; a hidden one is left unread."""
        matcher = getattr(self._key, "__self__", None)
        if not isinstance(matcher, Matcher):
            return
        texts = [(row.number, " ".join(dict.fromkeys(c.strip() for c in row.cells if c.strip()))) for row in titled]
        said = [(number, text, words) for number, text in texts if (words := not_observed(text, matcher))]
        if said and hidden:
            raise _Unread(f"its title says its figures are not the observed ones ({said[0][2]})")
        if said:
            raise InputError([title_problem(t, n, w, str(self.path), f"sheet {sheet!r}: ") for n, t, w in said])

    def _same_years(self, sheet: str, titled: list[str], hidden: bool = False) -> None:
        """A sheet read with the first whose title rows (or name) date its figures otherwise than the first's (another
        year, or part of the year: 2025年1-6月 beside 2025年; a sheet named by a year is dated by the part of it its
        name says too, 2025年上半年 beside 2025年度) stops the run; a hidden one, or one whose name is another
        year than the first's (last year's sheet kept hidden), is left unread. A sheet whose title and name say nothing
        of when (an untitled Sheet2) takes the first sheet's dating: the same form's other township."""
        named, first = year_named(sheet), year_named(self.sheet)
        if hidden and named and named != first:
            raise _Unread(f"it is named by the year {named}, sheet {self.sheet!r} by {first or 'none'}")
        theirs = dating(title_text([*titled, sheet] if named else titled), named)  # 2025年上半年 by its name too
        mine = dating(title_text([*self.titles, self.sheet] if first else self.titles), first)
        if theirs == ((), "") or theirs == mine:
            return
        said = f"{_when(theirs)}, sheet {self.sheet!r}'s {_when(mine)}"
        if hidden:
            raise _Unread(f"its title names {said}")
        raise self.fail(
            f"sheet {sheet!r}'s title or name names {said}: their figures are of different periods; assess each with"
            f" --sheet NAME / 工作表“{sheet}”的标题或表名写的是{_when(theirs)}，与工作表“{self.sheet}”（{_when(mine)}）"
            "的数据时期不同，请用 --sheet 分表评估"
        )

    def _order(self, titles: list[str], sheet: str, hidden: bool = False) -> list[int | None] | None:
        """Where each of the first sheet's columns is among `titles` (None: a column of no field, absent here), or
        None for a sheet of no sites; a sheet of sites naming other fields or metrics stops the run (a hidden one,
        such as a list of village codes to look up, is left unread)."""
        theirs = [self._key(title) for title in titles]
        if "site:id" not in theirs:
            return None
        mine = [self._key(title) for title in self._titles]
        lacking = [t for t, k in zip(self._titles, mine, strict=True) if k and k not in theirs]
        extra = [t for t, k in zip(titles, theirs, strict=True) if k and k not in mine]
        if lacking or extra or len({k for k in theirs if k}) != len([k for k in theirs if k]):
            parts = [f"lacks {', '.join(lacking)}"] * bool(lacking) + [f"adds {', '.join(extra)}"] * bool(extra)
            said = "; ".join(parts) or "a column twice"
            if hidden:
                raise _Unread(f"it holds sites under other columns than sheet {self.sheet!r} ({said})")
            raise self.fail(
                f"sheet {sheet!r} holds sites under other columns than sheet {self.sheet!r}"
                f" ({said}): give the sheets the same columns, or assess each with --sheet NAME"
                " / 各工作表列不一致，请统一表头或分表评估"
            )
        where = {key: at for at, key in enumerate(theirs) if key}
        return [
            where[k] if k else (titles.index(t) if t in titles else None)
            for t, k in zip(self._titles, mine, strict=True)
        ]

    def fraction(self) -> float | None:
        return min(self._done / self._total, 1.0)
