"""A small streaming .xlsx writer: sheets of text and numbers, written row by row into the zip.

Rows go straight to the compressed sheet part, so memory does not grow with the sheet; one sheet is open
at a time. Text is stored inline and XML-escaped; characters XML forbids are dropped.
"""

from __future__ import annotations

import contextlib
import html
import re
import zipfile
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import IO, TypeVar

MAX_ROWS = 1_048_576
"""Excel's row limit per sheet."""
SHOWN_LIMIT = 100_000
"""Texts (and whole numbers) whose cell XML a sheet remembers: a finding's title, reason and target repeat
row after row, and so do a site's counts."""

_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    "{sheets}</Types>"
)
_SHEET_TYPE = (
    '<Override PartName="/xl/worksheets/sheet{n}.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)
_SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<sheetViews><sheetView workbookViewId="0">'
    '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>'
    "<sheetData>"
)

Cell = str | int | float | bool | None
Shown = TypeVar("Shown", str, int)


_PLAIN = re.compile("[&<>\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
"""Text holding none of these goes into the XML as it is."""


def _cell(value: Cell, style: str) -> str:
    if value is None or value == "":
        return "<c/>"
    if isinstance(value, str):  # most cells: text, usually with nothing to escape
        text = value if _PLAIN.search(value) is None else _escape(_FORBIDDEN.sub("", value))
        return f'<c t="inlineStr"{style}><is><t xml:space="preserve">{text}</t></is></c>'
    if isinstance(value, bool):
        return f'<c t="b"{style}><v>{int(value)}</v></c>'
    if value != value or value in (float("inf"), float("-inf")):  # a number from here on
        return f'<c t="inlineStr"{style}><is><t>{value}</t></is></c>'
    return f"<c{style}><v>{value!r}</v></c>"


def _remember(shown: dict[Shown, bytes], value: Shown) -> bytes:
    """A cell's XML, UTF-8, remembered (up to SHOWN_LIMIT values) for the next cell of the same value: the
    text of a repeated cell is neither made nor encoded again."""
    xml = _cell(value, "").encode()
    if len(shown) < SHOWN_LIMIT:
        shown[value] = xml
    return xml


def _escape(text: str) -> str:
    """&, < and > as XML entities (`html.escape` without quotes: xml.sax.saxutils costs an import of urllib)."""
    return html.escape(text, quote=False)


class Workbook:
    """`with Workbook(path) as book: book.sheet("名称", header, rows)`; sheets are written in call order."""

    def __init__(self, path: Path) -> None:
        self._file = path.open("wb")
        self._zip = zipfile.ZipFile(self._file, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1)
        self._names: list[str] = []

    def sheet(self, name: str, header: list[str], rows: Iterable[list[Cell]], limit: int = MAX_ROWS - 1) -> int:
        """Write one sheet (header in bold, frozen); returns the number of data rows written (at most `limit`)."""
        clean = re.sub(r"[\[\]:*?/\\]", "_", name)[:31] or f"Sheet{len(self._names) + 1}"
        self._names.append(clean)
        written = 0
        part: IO[bytes]
        with self._zip.open(f"xl/worksheets/sheet{len(self._names)}.xml", "w", force_zip64=True) as part:
            part.write(_SHEET_HEAD.encode())
            part.write(('<row r="1">' + "".join(_cell(h, ' s="1"') for h in header) + "</row>").encode())
            buffer: list[bytes] = []
            texts: dict[str, bytes] = {}
            numbers: dict[int, bytes] = {}
            for row in rows:
                if written >= limit:
                    break
                written += 1
                cells = [b'<row r="%d">' % (written + 1)]
                for value in row:
                    if type(value) is str:
                        xml = texts.get(value) or _remember(texts, value)
                    elif type(value) is int:
                        xml = numbers.get(value) or _remember(numbers, value)
                    else:
                        xml = _cell(value, "").encode()
                    cells.append(xml)
                cells.append(b"</row>")
                buffer.append(b"".join(cells))
                if len(buffer) >= 2000:
                    part.write(b"".join(buffer))
                    buffer.clear()
            part.write(b"".join(buffer))
            part.write(b"</sheetData></worksheet>")
        return written

    def close(self) -> None:
        sheets = "".join(
            f'<sheet name="{_escape(name).replace(chr(34), "&quot;")}" sheetId="{n}" r:id="rId{n}"/>'
            for n, name in enumerate(self._names, start=1)
        )
        workbook = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            f"<sheets>{sheets}</sheets></workbook>"
        )
        relations = "".join(
            f'<Relationship Id="rId{n}" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
            f'Target="worksheets/sheet{n}.xml"/>'
            for n in range(1, len(self._names) + 1)
        )
        styles_id = len(self._names) + 1
        relations += (
            f'<Relationship Id="rId{styles_id}" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
            'Target="styles.xml"/>'
        )
        self._zip.writestr(
            "[Content_Types].xml",
            _CONTENT_TYPES.format(sheets="".join(_SHEET_TYPE.format(n=n) for n in range(1, len(self._names) + 1))),
        )
        self._zip.writestr("_rels/.rels", _ROOT_RELS)
        self._zip.writestr("xl/workbook.xml", workbook)
        self._zip.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f"{relations}</Relationships>",
        )
        self._zip.writestr("xl/styles.xml", _STYLES)
        self._zip.close()

    def __enter__(self) -> Workbook:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if error is None:
            self.close()
            self._file.close()
            return
        # A write failed (a full disk) or the run stopped: the workbook cannot be finished, and finishing
        # it would fail again and hide the first error. Let go of the file as it is.
        self._zip.fp = None  # so that the zip, when collected, does not try to finish itself either
        with contextlib.suppress(Exception):
            self._file.close()
