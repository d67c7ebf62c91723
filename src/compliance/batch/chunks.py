"""Cutting a batch input into chunks for the workers: consecutive records, each repeat of a site id marked.

The main process reads every record once, in order, and notes the row where each site id first came, so
a worker can reject a repeat without seeing the rest of the input. What only the whole stream can tell is
decided here too and marked on the row for the worker to reject: a row of figures that are the sums of
the rows above (`batch.totals`), a row with bytes that are not text. Rows that are empty after trimming
are skipped and counted. A chunk crosses to a worker packed into one string (see `Chunk`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field

import yaml

from compliance.batch.columns import Columns
from compliance.batch.seen import SeenIds
from compliance.batch.table import Document, Source, TableRow
from compliance.batch.totals import SumsWatch, TotalsWords
from compliance.model.metric import MetricType

CHUNK_ROWS = 2500
"""Rows a worker takes at a time. A worker holds a chunk's findings (about 9 KB a row) until its turn to
append them, and hands the last chunk's to its appender thread while it assesses the next: 2,500 rows keep
that near 25 MB each, where 5,000 took the batch's peak memory at a million villages from 277 MiB to 360."""

CELL, ROW = "\x1f", "\x1e"
"""A full chunk's table rows are packed into one string: cells joined by CELL, rows by ROW (a list of
cells per row costs more to keep in a queue and to pickle than the row costs to assess). A row whose
text holds either character is kept as its list of cells."""


@dataclass
class Chunk:
    """Consecutive records and, for each that repeats an earlier site id, the row where that id first came.

    While it fills, `rows` holds each table row's cells (None for a document); `pack` then turns the
    table rows into `packed` and `odd`, the form in which the chunk waits for and travels to a worker."""

    numbers: list[int] = field(default_factory=list)
    rows: list[list[str] | None] = field(default_factory=list)
    documents: dict[int, Document] = field(default_factory=dict)
    first_seen: dict[int, int] = field(default_factory=dict)
    refused: dict[int, str] = field(default_factory=dict)
    """Rows rejected for what the main process saw (sums of the rows above, unreadable bytes), by index."""
    blank_rows: int = 0
    """Rows skipped in this chunk's stretch of the input: empty after trimming."""
    packed: str | None = None
    """The table rows that are not `odd`, packed, in order; None until `pack`."""
    odd: dict[int, list[str]] = field(default_factory=dict)
    """Rows that cannot be packed (no cells, or a cell holding CELL or ROW), by index in the chunk."""

    def add(self, record: TableRow | Document, first_seen: int | None) -> None:
        if first_seen is not None:
            self.first_seen[len(self.numbers)] = first_seen
        self.numbers.append(record.number)
        if isinstance(record, Document):
            self.documents[len(self.rows)] = record
            self.rows.append(None)
        else:
            self.rows.append(record.cells)

    def __len__(self) -> int:
        return len(self.numbers)

    def pack(self) -> None:
        tables = [cells for cells in self.rows if cells is not None]
        packed = ROW.join(map(CELL.join, tables))
        cells_in = sum(map(len, tables))
        if packed.count(ROW) != len(tables) - 1 or packed.count(CELL) != cells_in - len(tables) or not tables:
            self.odd = {i: cells for i, cells in enumerate(self.rows) if cells is not None and _odd(cells)}
            packed = ROW.join(CELL.join(cells) for cells in tables if not _odd(cells))
        self.packed, self.rows = packed, []

    def records(self) -> list[list[str] | str | None]:
        """Per record: a packed table row, an odd row's cells, or None for a document."""
        if self.packed is None:
            self.pack()
        assert self.packed is not None
        texts = iter(self.packed.split(ROW))
        documents, odd = self.documents, self.odd
        return [
            None if index in documents else odd[index] if index in odd else next(texts)
            for index in range(len(self.numbers))
        ]


def _odd(cells: list[str]) -> bool:
    """A row that cannot travel packed: no cells, or a cell holding CELL or ROW."""
    return not cells or any(CELL in cell or ROW in cell for cell in cells)


def _document_id(document: Document) -> str | None:
    """The site id of a document, read quickly for duplicate checks (the worker reads it properly)."""
    if document.text is None:
        return None
    try:
        data = json.loads(document.text)
    except RecursionError:  # nested too deeply: the worker rejects it with the reason
        return None
    except ValueError:
        try:
            data = yaml.load(document.text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        except (yaml.YAMLError, RecursionError):
            return None
    site = data.get("site") if isinstance(data, dict) else None
    site_id = site.get("id") if isinstance(site, dict) else None
    return str(site_id) if site_id is not None else None


def _watch(columns: Columns | None) -> SumsWatch | None:
    if columns is None:
        return None
    numeric = (MetricType.NUMBER, MetricType.PERCENT)
    every = [(p, m) for p, m in columns.metrics] + [(p, m) for p, m, _ in columns.series]
    watched = [(p, m.type == MetricType.PERCENT) for p, m in every if m.type in numeric]
    return SumsWatch(watched) if watched else None


def chunks(source: Source, columns: Columns | None, seen: SeenIds | None = None, kind: str = "") -> Iterator[Chunk]:
    """The chunks of `source`'s records, each repeat of a site id marked (`seen` keeps the ids); rows whose id
    or name marks a totals row (or whose figures are the sums of the rows above) are refused and kept out of
    the running sums."""
    seen = seen if seen is not None else SeenIds()
    site = columns.site if columns is not None else {}
    id_position = site.get("id")
    words = TotalsWords(site.get("name", -1), site.get("township", -1), site.get("district", -1), kind)
    watch = _watch(columns)
    chunk = Chunk()
    for record in source.records():
        refused = ""
        if isinstance(record, TableRow):
            cells = record.cells
            site_id = cells[id_position].strip() if id_position is not None and id_position < len(cells) else ""
            if not site_id and not "".join(cells).strip():
                chunk.blank_rows += 1
                continue
            refused = record.problem or words(site_id, cells)
        else:
            site_id = _document_id(record) or ""
        earlier = seen.first_row(site_id, record.number) if site_id and not refused else None
        if refused:
            chunk.refused[len(chunk)] = refused
        chunk.add(record, earlier)
        if len(chunk) >= CHUNK_ROWS:
            yield _packed(chunk, watch)
            chunk = Chunk()
    if len(chunk) or chunk.blank_rows:
        yield _packed(chunk, watch)


def _packed(chunk: Chunk, watch: SumsWatch | None) -> Chunk:
    """The chunk, its rows of sums refused (see `SumsWatch`), packed to travel."""
    if watch is not None:
        chunk.refused.update(watch.refused(chunk.rows, chunk.refused))
    chunk.pack()
    return chunk
