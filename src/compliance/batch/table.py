"""Reading a batch input as a stream of records: CSV or tab-separated text, XLSX, JSONL or a folder of facts files.

Tables give a header and rows of text cells; JSONL lines and facts files give documents. Nothing is read
into memory whole: rows are yielded as the file is read, and `fraction()` tells how far through it is.
A file that cannot be read at all raises InputError; a bad row is yielded like any other (a row with bytes
that are not text in the file's encoding carries its `problem`) and rejected later, so every input row
comes out assessed or with its error.

A table's first HEAD_ROWS rows are read first (`head`) so that the header can be found among them
(`batch.header`); `start` then says where it is, and `records` yields the rows after it.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import BinaryIO, NamedTuple

from compliance.batch.header import HEAD_ROWS, Header
from compliance.batch.reading import ReadLog
from compliance.load.files import detect_encoding
from compliance.load.yamlsrc import MAX_DEPTH, too_deep
from compliance.model.problems import InputError, Problem

FACTS_SUFFIXES = (".yaml", ".yml", ".json")
SAMPLE_BYTES = 1 << 20
"""How much of a CSV is read to decide its encoding and delimiter."""
DELIMITERS = (",", "\t", ";", "；")
"""The separators text tables are written with: Excel's CSV, tab-separated (.tsv, Excel's "Unicode text"),
and the semicolons of locales where the comma is the decimal mark."""
BAD_BYTES = "compliance-bad-bytes"
_SURROGATE = re.compile("[\udc80-\udcff]+")

csv.field_size_limit(min(sys.maxsize, 1 << 24))


class TableRow(NamedTuple):
    """One row of a table: `number` is the row as a spreadsheet shows it; `problem` why it cannot be read."""

    number: int
    cells: list[str]
    problem: str = ""


@dataclass(frozen=True)
class Document:
    """One facts document: a JSONL line or a facts file; `text` is None when it could not be read."""

    number: int
    label: str
    text: str | None
    error: str = ""
    blank: bool = False
    """An empty JSONL line (or one of spaces): skipped and counted, as a table's blank rows are."""


Record = TableRow | Document

BLOCK_ROWS = 4096
"""Table rows read at a time by `TableSource.blocks`: the batch's main process works a block at a time."""


class RowBlock(NamedTuple):
    """Table rows read at once: each row's number and cells, and the problems of those with one, by index
    (the same rows `records` yields one by one, without a `TableRow` made for each)."""

    numbers: list[int]
    rows: list[list[str]]
    problems: dict[int, str]
    sheet: str = ""
    """The sheet the rows are of, in a run of several sheets (`Source.sheets`); empty otherwise."""


def row_block(records: list[TableRow], sheet: str = "") -> RowBlock:
    problems = {index: record.problem for index, record in enumerate(records) if record.problem}
    return RowBlock([record.number for record in records], [record.cells for record in records], problems, sheet)


_replaced = [0]
"""Undecodable bytes replaced so far (by any reader: one reads at a time)."""


def _keep_bad_bytes(error: UnicodeError) -> tuple[str, int]:
    """Like `surrogateescape`, and counted, so the reader can tell when a row holds bytes it could not read."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start : error.end]
    _replaced[0] += len(bad)
    return "".join(chr(0xDC00 + byte) for byte in bad), error.end


codecs.register_error(BAD_BYTES, _keep_bad_bytes)


def _read_so_far(binary: BinaryIO, size: int) -> float:
    try:
        return min(binary.tell() / size, 1.0)
    except ValueError:  # closed: all read
        return 1.0


def sniff_delimiter(sample: str) -> str:
    """The DELIMITERS entry that splits the sample's lines into the most rows of one width (over one cell)."""
    lines = sample.splitlines()[:50]
    best, best_score = ",", (0, 0)
    for delimiter in DELIMITERS:
        widths = Counter(len(row) for row in csv.reader(lines, delimiter=delimiter) if len(row) > 1)
        if widths:
            width, rows = widths.most_common(1)[0]
            if (rows, width) > best_score:
                best, best_score = delimiter, (rows, width)
    return best


class Source:
    """Base of the inputs: a path, the table header (None for documents) and the records."""

    kind = "table"

    def __init__(self, path: Path) -> None:
        self.path = path
        self.header: list[str] | None = None
        self.header_row = 1
        self.header_cells: list[list[str]] = []
        """The header's rows as written (two for a two-row header), to name their cells in messages."""
        self.encoding = ""
        self.log = ReadLog()
        """The SHA-256 of the bytes read, and whether the input changed while it was read."""
        self.head: list[TableRow] = []
        self.titles: list[str] = []
        """The title rows above the header, as read (晋安区2024年农村人居环境统计表)."""
        self.title_rows: list[int] = []
        """The number of each title row (for messages naming it)."""
        self.warnings: list[str] = []
        """What the reader noticed and a user should know (title rows, sheets left unread)."""
        self.sheets = False
        """Whether the rows come from several sheets (`--sheet all`), so that each output row names its sheet."""

    def records(self) -> Iterator[Record]:
        raise NotImplementedError

    def start(self, header: Header, key: Callable[[str], str]) -> None:
        """Tables only: where the header is (see `TableSource`)."""
        raise NotImplementedError

    def fraction(self) -> float | None:
        """How far through the input reading is (0–1), when it can be told."""
        return None

    def fail(self, message: str, row: int | None = None) -> InputError:
        return InputError([Problem(str(self.path), row, "", message)])


class TableSource(Source):
    """A table: rows of text cells, the header somewhere among the first HEAD_ROWS."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self._rest: Iterator[TableRow] = iter(())
        self._after = 0
        self.where = ""
        """Where in the file the table is, for messages (a sheet's name)."""

    def _begin(self, rows: Iterator[TableRow]) -> None:
        self._rest = rows
        self.head = list(islice(rows, HEAD_ROWS))
        if not any(cell.strip() for row in self.head for cell in row.cells):
            raise self.fail(f"{self.where}the first row must be the column headers; the table is empty", 1)

    def start(self, header: Header, key: Callable[[str], str]) -> None:
        """The header is `header` (`key` tells what a title names): the rows above it are titles (reported),
        the rows below it are records."""
        used = self.head[header.at : header.at + header.span]
        unreadable = next((row for row in used if row.problem), None)
        if unreadable is not None:
            raise self._unreadable_header(unreadable)
        self.header = header.titles
        self.header_cells = [row.cells for row in used]
        self.header_row = used[-1].number if used else 1
        self._after = header.at + header.span
        for row in self.head[: header.at]:
            text = " ".join(dict.fromkeys(cell.strip() for cell in row.cells if cell.strip()))  # a merged title once
            if text:
                self.titles.append(text)
                self.title_rows.append(row.number)
                self.warnings.append(f"{self.where}row {row.number} is read as a title above the header: {text}")

    def _unreadable_header(self, row: TableRow) -> InputError:
        return self.fail(f"{self.where}the header row cannot be read: {row.problem}", row.number)

    def records(self) -> Iterator[Record]:
        yield from self.head[self._after :]
        yield from self._rest

    def blocks(self) -> Iterator[RowBlock]:
        """The rows `records` yields, BLOCK_ROWS at a time."""
        head = self.head[self._after :]
        if head:
            yield row_block(head)
        while block := list(islice(self._rest, BLOCK_ROWS)):
            yield row_block(block)


class CsvSource(TableSource):
    def __init__(self, path: Path, encoding: str | None) -> None:
        super().__init__(path)
        self._binary: BinaryIO = self.log.open(path)
        self._size = max(path.stat().st_size, 1)
        sample = self._binary.read(SAMPLE_BYTES)
        self._binary.seek(0)
        try:
            if encoding:
                codecs.lookup(encoding)
                self.encoding = encoding
            else:
                self.encoding = detect_encoding(sample)
        except LookupError:
            raise self.fail(f"unknown encoding {encoding!r}; try utf-8, utf-8-sig or gb18030") from None
        except InputError as error:
            raise self.fail(error.problems[0].message) from None
        text = codecs.getincrementaldecoder(self.encoding)("replace").decode(sample, final=False)
        self.delimiter = "\t" if path.suffix.lower() == ".tsv" else sniff_delimiter(text.lstrip("\ufeff"))
        self._text = io.TextIOWrapper(self._binary, encoding=self.encoding, errors=BAD_BYTES, newline="")
        self._reader = csv.reader(self._text, delimiter=self.delimiter)
        self._found = _replaced[0]
        self._bad: dict[int, list[tuple[int, str]]] = {}
        """The unreadable cells of the first rows, described once the header is known (see `start`)."""
        self._begin(self._rows())
        first = self.head[0].cells
        if first:
            first[0] = first[0].lstrip("\ufeff")

    def _unreadable_header(self, row: TableRow) -> InputError:
        hint = "pass --encoding gb18030" if self.encoding.startswith("utf") else "pass --encoding utf-8"
        return self.fail(f"cannot be read as {self.encoding} in its header row: {row.problem}; {hint}", row.number)

    def _rows(self) -> Iterator[TableRow]:
        """The first HEAD_ROWS rows, one at a time, for the header to be found among them (`blocks` reads on)."""
        number = 0
        try:
            for cells in islice(self._reader, HEAD_ROWS):
                number += 1
                if _replaced[0] != self._found:  # some bytes were not text: find the rows holding them
                    yield self._checked(number, cells)
                else:
                    yield TableRow(number, cells)
        except csv.Error as error:
            self._binary.close()
            raise self.fail(f"not valid CSV after row {number}: {error}") from None

    def records(self) -> Iterator[Record]:
        for block in self.blocks():
            for index, (number, cells) in enumerate(zip(block.numbers, block.rows, strict=True)):
                yield TableRow(number, cells, block.problems.get(index, ""))

    def blocks(self) -> Iterator[RowBlock]:
        """The rows after the header, read BLOCK_ROWS at a time straight from the CSV reader; a block
        holding bytes that are not text has its rows checked one by one, as `_rows` checks them."""
        head = self.head[self._after :]
        if head:
            yield row_block(head)
        number = self.head[-1].number if self.head else 0
        failed = None
        try:
            while failed is None:
                rows, failed = self._read_block()
                if not rows:
                    break
                numbers = list(range(number + 1, number + 1 + len(rows)))
                number += len(rows)
                yield self._checked_block(numbers, rows) if _replaced[0] != self._found else RowBlock(numbers, rows, {})
        finally:
            self._binary.close()
        if failed is not None:
            raise self.fail(f"not valid CSV after row {number}: {failed}")

    def _read_block(self) -> tuple[list[list[str]], csv.Error | None]:
        """Up to BLOCK_ROWS rows, and the error that stopped the reading if any (the rows before it count)."""
        rows: list[list[str]] = []
        try:
            rows.extend(islice(self._reader, BLOCK_ROWS))  # in C; what was read before an error stays in `rows`
        except csv.Error as error:
            return rows, error
        return rows, None

    def _checked_block(self, numbers: list[int], rows: list[list[str]]) -> RowBlock:
        checked = [self._checked(number, cells) for number, cells in zip(numbers, rows, strict=True)]
        return row_block(checked)

    def _checked(self, number: int, cells: list[str]) -> TableRow:
        bad = [(position, run) for position, cell in enumerate(cells) for run in _SURROGATE.findall(cell)]
        if not bad:
            return TableRow(number, cells)
        self._found += sum(len(run) for _, run in bad)
        if self.header is None:  # a row of the head: described again once the header is known
            self._bad[number] = bad
        return TableRow(number, [_SURROGATE.sub("\ufffd", cell) for cell in cells], self._describe(bad))

    def _describe(self, bad: list[tuple[int, str]]) -> str:
        titles = self.header or []
        parts = []
        for position, run in bad:
            column = f"column {position + 1}" + (f" ({titles[position]})" if position < len(titles) else "")
            shown = " ".join(f"0x{ord(ch) - 0xDC00:02X}" for ch in run)
            parts.append(f"bytes {shown} in {column}")
        return f"{'; '.join(parts)} are not {self.encoding} text (a damaged or mixed-encoding file)"

    def start(self, header: Header, key: Callable[[str], str]) -> None:
        super().start(header, key)
        self.head = [  # the header is known now: name the columns of the unreadable rows read with it
            row._replace(problem=self._describe(self._bad[row.number])) if row.number in self._bad else row
            for row in self.head
        ]
        self._bad.clear()

    def fraction(self) -> float | None:
        return _read_so_far(self._binary, self._size)


class JsonlSource(Source):
    kind = "documents"

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self._binary = self.log.open(path)
        self._size = max(path.stat().st_size, 1)

    def records(self) -> Iterator[Record]:
        try:
            for number, raw in enumerate(self._binary, start=1):
                label = f"{self.path}:{number}"
                try:
                    text = raw.decode("utf-8-sig" if number == 1 else "utf-8").strip()
                except UnicodeDecodeError as error:
                    yield Document(number, label, None, f"line is not UTF-8 ({error.reason})")
                    continue
                if not text:
                    yield Document(number, label, None, "empty line", blank=True)
                    continue
                if too_deep(text):
                    yield Document(number, label, None, f"nested more than {MAX_DEPTH} levels deep")
                    continue
                try:
                    json.loads(text)
                except ValueError as error:
                    yield Document(number, label, None, f"not valid JSON: {error}")
                    continue
                yield Document(number, label, text)
        finally:
            self._binary.close()

    def fraction(self) -> float | None:
        return _read_so_far(self._binary, self._size)


_TABLE_SUFFIXES = (".csv", ".tsv", ".xlsx", ".xlsm", ".xls", ".jsonl", ".ndjson")
"""Inputs `open_source` reads on their own, never as a folder's facts files."""


_RENAMED = re.compile(r"(\.(?:ya?ml|json))(?:\.[^.]+|~)$", re.IGNORECASE)
"""A facts file saved with another ending: 板桥村.yaml.txt (Notepad), 宦溪村.yml.bak, 北峰村.yaml~ (an editor's)."""


def _hidden(relative: Path) -> bool:
    """A hidden file or one in a hidden folder (.东山村.yaml, .git/…), or an editor's lock file (~$北峰村.yaml)."""
    return any(part.startswith((".", "~$")) for part in relative.parts)


def _shown(paths: list[Path]) -> str:
    return ", ".join(map(str, paths[:8])) + (f" … ({len(paths)})" if len(paths) > 8 else "")


def _renamed_reason(name: str) -> str:
    """Why a facts file saved with another ending (板桥村.yaml.txt) is a rejected entry of the batch."""
    found = _RENAMED.search(name)
    ending = name[found.start() :] if found else name
    facts = name[: found.start() + len(found.group(1))] if found else name  # 板桥村.yaml.txt → 板桥村.yaml
    return (
        f"文件名以 {ending} 结尾，未作为事实文件读取：若是事实文件请改名为 {facts}（以 .yaml/.yml/.json 结尾）"
        f" / named like a facts file saved with another ending ({ending}), not read: if it is one, rename it to"
        f" {facts} (ending .yaml, .yml or .json)"
    )


def _original(file: Path) -> Path:
    """The facts file a renamed one was saved from: 北峰村.yaml for 北峰村.yaml~ or 北峰村.yaml.bak."""
    found = _RENAMED.search(file.name)
    return file.with_name(file.name[: found.start() + len(found.group(1))]) if found else file


def _unread_warnings(others: list[Path], hidden: list[Path], copies: list[Path]) -> list[str]:
    """What a folder batch says of the files it does not read: none is left out unsaid. A facts file saved with
    another ending (板桥村.yaml.txt) is not among `others`: it is a rejected entry (`FolderSource.records`), and
    named in a warning as well, for the console."""
    warnings = []
    if copies:
        warnings.append(
            f"未读取备份副本 {_shown(copies)}：同名的事实文件就在旁边，已读取"
            f" / backup copies not read: {_shown(copies)}: the facts file each was saved from is beside it, and is read"
        )
    if renamed := [p for p in others if _RENAMED.search(p.name) and p not in copies]:
        warnings.append(
            f"未读取 {_shown(renamed)}：文件名不以 .yaml/.yml/.json 结尾，已列入 rejected.csv，若是事实文件请改名为"
            f" .yaml / files not read: {_shown(renamed)}: named like facts files saved with another ending, listed"
            " in rejected.csv; if they are, rename them to .yaml"
        )
    if rest := [p for p in others if not _RENAMED.search(p.name)]:
        warnings.append(
            f"未读取 {_shown(rest)}：不是事实文件（.yaml/.yml/.json） / files not read: {_shown(rest)}: not facts files"
        )
    if hidden:
        warnings.append(
            f"未读取隐藏文件或锁定文件 {_shown(hidden)}（以 . 或 ~$ 开头）：若是站点的事实文件请改名"
            f" / hidden or lock files not read: {_shown(hidden)} (names starting . or ~$);"
            " if one is a site's facts file, rename it"
        )
    return warnings


class FolderSource(Source):
    kind = "documents"

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        files = sorted(p for p in path.rglob("*") if p.is_file())
        hidden = [p for p in files if _hidden(p.relative_to(path))]
        files = [p for p in files if not _hidden(p.relative_to(path))]
        unread = FACTS_SUFFIXES + _TABLE_SUFFIXES
        renamed = {p for p in files if p.suffix.lower() not in unread and _RENAMED.search(p.name)}
        copies = {p for p in renamed if _original(p) in files}  # 北峰村.yaml~ beside 北峰村.yaml: an editor's backup
        self._renamed = renamed - copies
        """Facts files saved with another ending: each a rejected entry, a member missing from the figures."""
        self._files = [p for p in files if p.suffix.lower() in FACTS_SUFFIXES or p in self._renamed]
        tables = [str(p.relative_to(path)) for p in files if p.suffix.lower() in _TABLE_SUFFIXES]
        others = [p.relative_to(path) for p in files if p.suffix.lower() not in FACTS_SUFFIXES + _TABLE_SUFFIXES]
        shown_copies = sorted(p.relative_to(path) for p in copies)
        self.warnings += _unread_warnings(others, [p.relative_to(path) for p in hidden], shown_copies)
        if tables:  # their sites would be missing from every figure without a word
            shown = ", ".join(tables[:5]) + (" …" if len(tables) > 5 else "")
            raise self.fail(
                f"holds tables a folder batch does not read ({shown}): a folder is read for its facts files"
                f" ({', '.join(FACTS_SUFFIXES)}); run each table as its own batch, or move it out of the folder"
            )
        if not self._files:
            raise self.fail(f"holds no facts files ({', '.join(FACTS_SUFFIXES)})")
        self._done = 0

    def records(self) -> Iterator[Record]:
        for number, file in enumerate(self._files, start=1):
            self._done = number
            if file in self._renamed:
                yield Document(number, str(file), None, _renamed_reason(file.name))
                continue
            try:
                text = self.log.read_bytes(file, str(file.relative_to(self.path))).decode("utf-8-sig")
            except UnicodeDecodeError as error:
                yield Document(number, str(file), None, f"file is not UTF-8 ({error.reason})")
                continue
            except OSError as error:
                yield Document(number, str(file), None, f"cannot be read: {error.strerror}")
                continue
            yield Document(number, str(file), text)

    def fraction(self) -> float | None:
        return self._done / len(self._files)


def open_source(path: Path, encoding: str | None = None, sheet: str | None = None) -> Source:
    """The reader for `path` by its suffix (or a folder); a clear error for anything else."""
    if not path.exists():
        raise InputError([Problem(str(path), None, "", "no such file or folder")])
    if path.is_dir():
        return FolderSource(path)
    suffix = path.suffix.lower()
    try:
        if suffix in (".csv", ".txt", ".tsv"):
            return CsvSource(path, encoding)
        if suffix in (".xlsx", ".xlsm"):
            from compliance.batch.excel import XlsxSource  # only Excel input pays for openpyxl

            return XlsxSource(path, sheet)
        if suffix in (".jsonl", ".ndjson"):
            return JsonlSource(path)
    except OSError as error:
        raise InputError([Problem(str(path), None, "", f"cannot be read: {error.strerror}")]) from None
    if suffix == ".xls":
        message = "is an old-style .xls workbook; save it as .xlsx (Excel: 另存为 → Excel 工作簿) or as CSV"
    else:
        message = "expected a .csv, .tsv, .txt, .xlsx or .jsonl file, or a folder of facts files"
    raise InputError([Problem(str(path), None, "", message)])
