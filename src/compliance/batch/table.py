"""Reading a batch input as a stream of records: CSV (encoding detected), XLSX, JSONL or a folder of facts files.

Tables give a header and rows of text cells; JSONL lines and facts files give documents. Nothing is read
into memory whole: rows are yielded as the file is read, and `fraction()` tells how far through it is.
A file that cannot be read at all raises InputError; a bad row is yielded like any other and rejected
later, so every input row comes out assessed or with its error.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

from compliance.batch.reading import ReadLog
from compliance.load.errors import InputError, Problem
from compliance.load.yamlsrc import MAX_DEPTH, too_deep

FACTS_SUFFIXES = (".yaml", ".yml", ".json")
SAMPLE_BYTES = 1 << 20
"""How much of a CSV is read to decide its encoding."""

csv.field_size_limit(min(sys.maxsize, 1 << 24))


class TableRow(NamedTuple):
    """One row of a table: `number` is the row as a spreadsheet shows it (the header is row 1)."""

    number: int
    cells: list[str]


@dataclass(frozen=True)
class Document:
    """One facts document: a JSONL line or a facts file; `text` is None when it could not be read."""

    number: int
    label: str
    text: str | None
    error: str = ""


Record = TableRow | Document


def _read_so_far(binary: BinaryIO, size: int) -> float:
    try:
        return min(binary.tell() / size, 1.0)
    except ValueError:  # closed: all read
        return 1.0


def detect_encoding(sample: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 (a superset of GBK and GB2312)."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        codecs.getincrementaldecoder("gb18030")().decode(sample, final=False)
        return "gb18030"
    except UnicodeDecodeError:
        raise InputError(
            [Problem("", None, "", "is neither UTF-8 nor GBK/GB18030 text; save it as CSV UTF-8 or pass --encoding")]
        ) from None


class Source:
    """Base of the inputs: a path, the table header (None for documents) and the records."""

    kind = "table"

    def __init__(self, path: Path) -> None:
        self.path = path
        self.header: list[str] | None = None
        self.encoding = ""
        self.log = ReadLog()
        """The SHA-256 of the bytes read, and whether the input changed while it was read."""

    def records(self) -> Iterator[Record]:
        raise NotImplementedError

    def fraction(self) -> float | None:
        """How far through the input reading is (0–1), when it can be told."""
        return None

    def fail(self, message: str, row: int | None = None) -> InputError:
        return InputError([Problem(str(self.path), row, "", message)])


class CsvSource(Source):
    def __init__(self, path: Path, encoding: str | None) -> None:
        super().__init__(path)
        self._binary: BinaryIO = self.log.open(path)
        self._size = max(path.stat().st_size, 1)
        try:
            if encoding:
                codecs.lookup(encoding)
                self.encoding = encoding
            else:
                self.encoding = detect_encoding(self._binary.read(SAMPLE_BYTES))
                self._binary.seek(0)
        except LookupError:
            raise self.fail(f"unknown encoding {encoding!r}; try utf-8, utf-8-sig or gb18030") from None
        except InputError as error:
            raise self.fail(error.problems[0].message) from None
        self._text = io.TextIOWrapper(self._binary, encoding=self.encoding, newline="")
        self._reader = csv.reader(self._text)
        self._row = 1
        try:
            first = next(self._reader, None)
        except (UnicodeDecodeError, csv.Error) as error:
            raise self._unreadable(error) from None
        if first is None or not any(cell.strip() for cell in first):
            raise self.fail("the first row must be the column headers; the file has none", 1)
        self.header = [cell.lstrip("\ufeff").strip() for cell in first]

    def _unreadable(self, error: Exception) -> InputError:
        if isinstance(error, UnicodeDecodeError):
            hint = "pass --encoding gb18030" if self.encoding.startswith("utf-8") else "pass --encoding utf-8"
            return self.fail(f"cannot be read as {self.encoding} after row {self._row}: {error.reason}; {hint}")
        return self.fail(f"not valid CSV after row {self._row}: {error}")

    def records(self) -> Iterator[Record]:
        try:
            for cells in self._reader:
                self._row += 1
                yield TableRow(self._row, cells)
        except (UnicodeDecodeError, csv.Error) as error:
            raise self._unreadable(error) from None
        finally:
            self._binary.close()

    def fraction(self) -> float | None:
        return _read_so_far(self._binary, self._size)


def excel_text(value: Any, number_format: str) -> str:
    """A cell as the text a person sees: 0.725 formatted as a percentage becomes 72.5%."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        if "%" in number_format:
            return f"{value * 100:.10g}%"
        if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value) if isinstance(value, float) else str(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value).strip()


class XlsxSource(Source):
    def __init__(self, path: Path, sheet: str | None) -> None:
        super().__init__(path)
        import openpyxl  # imported here: only Excel input pays for it

        try:
            workbook = io.BytesIO(self.log.read_bytes(path))
            self._book = openpyxl.load_workbook(workbook, read_only=True, data_only=True)
        except Exception as error:  # openpyxl raises many kinds for a damaged or non-Excel file
            raise self.fail(f"cannot be opened as an Excel .xlsx workbook: {error}") from None
        names = self._book.sheetnames
        if sheet is not None and sheet not in names:
            raise self.fail(f"has no sheet {sheet!r}; its sheets are {', '.join(names)}")
        self.sheet = sheet or names[0]
        sheet_obj = self._book[self.sheet]
        self._rows = sheet_obj.iter_rows()
        self._total = max(sheet_obj.max_row or 1, 1)
        self._row = 1
        first = next(self._rows, None)
        header = [excel_text(cell.value, "") for cell in first] if first else []
        while header and not header[-1]:
            header.pop()
        if not header:
            raise self.fail(f"sheet {self.sheet!r}: the first row must be the column headers; it is empty", 1)
        self.header = header

    def records(self) -> Iterator[Record]:
        try:
            for cells in self._rows:
                self._row += 1
                texts = [excel_text(c.value, getattr(c, "number_format", "") or "") for c in cells]
                while len(texts) > len(self.header or []) and not texts[-1]:
                    texts.pop()
                yield TableRow(self._row, texts)
        finally:
            self._book.close()

    def fraction(self) -> float | None:
        return min(self._row / self._total, 1.0)


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
                    yield Document(number, label, None, "empty line")
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


class FolderSource(Source):
    kind = "documents"

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self._files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in FACTS_SUFFIXES)
        if not self._files:
            raise self.fail(f"holds no facts files ({', '.join(FACTS_SUFFIXES)})")
        self._done = 0

    def records(self) -> Iterator[Record]:
        for number, file in enumerate(self._files, start=1):
            self._done = number
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
            return XlsxSource(path, sheet)
        if suffix in (".jsonl", ".ndjson"):
            return JsonlSource(path)
    except OSError as error:
        raise InputError([Problem(str(path), None, "", f"cannot be read: {error.strerror}")]) from None
    if suffix == ".xls":
        message = "is an old-style .xls workbook; save it as .xlsx (Excel: 另存为 → Excel 工作簿) or as CSV"
    else:
        message = "expected a .csv, .xlsx or .jsonl file, or a folder of facts files"
    raise InputError([Problem(str(path), None, "", message)])
