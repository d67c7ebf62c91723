"""Cutting a batch input into chunks for the workers: consecutive records, each repeat of a site id marked.

The main process reads every record once, in order, and notes the row where each site id first came, so
a worker can reject a repeat without seeing the rest of the input. A chunk crosses to a worker packed
into one string (see `Chunk`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field

import yaml

from compliance.batch.columns import Columns
from compliance.batch.seen import SeenIds
from compliance.batch.table import Document, Source, TableRow

CHUNK_ROWS = 5000

CELL, ROW = "\x1f", "\x1e"
"""Table rows travel to workers packed into one string: cells joined by CELL, rows by ROW (pickling a
list per row costs more than assessing it). A row whose text holds either character travels as is."""


@dataclass
class Chunk:
    """Consecutive records and, for each that repeats an earlier site id, the row where that id first came.

    `rows` holds each table row's cells (None for a document). A chunk that crossed to a worker holds
    each table row packed (its cells joined by CELL) instead, unless the row was too odd to pack."""

    numbers: list[int] = field(default_factory=list)
    rows: list[list[str] | str | None] = field(default_factory=list)
    documents: dict[int, Document] = field(default_factory=dict)
    first_seen: dict[int, int] = field(default_factory=dict)

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

    def __getstate__(self) -> dict[str, object]:
        """Fields named one by one (a compiled class has no `__dict__`)."""
        state: dict[str, object] = {"numbers": self.numbers, "documents": self.documents, "first_seen": self.first_seen}
        tables = [cells for cells in self.rows if cells is not None]
        packed = ROW.join(map(CELL.join, tables))
        cells_in = sum(map(len, tables))
        if packed.count(ROW) == len(tables) - 1 and packed.count(CELL) == cells_in - len(tables) and tables:
            state["rows"], state["odd"] = packed, {}
        else:  # some row holds CELL or ROW, or has no cells: those travel as lists
            odd = {i: cells for i, cells in enumerate(self.rows) if cells is not None and _odd(cells)}  # type: ignore[arg-type]
            state["rows"] = ROW.join(CELL.join(cells) for cells in tables if not _odd(cells))  # type: ignore[arg-type]
            state["odd"] = odd
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        packed, odd, numbers = state["rows"], state["odd"], state["numbers"]
        documents, first_seen = state["documents"], state["first_seen"]
        assert isinstance(packed, str) and isinstance(odd, dict) and isinstance(numbers, list)
        assert isinstance(documents, dict) and isinstance(first_seen, dict)
        texts = iter(packed.split(ROW))
        rows: list[list[str] | str | None] = []
        for index in range(len(numbers)):
            rows.append(None if index in documents else odd[index] if index in odd else next(texts))
        self.numbers, self.rows, self.documents, self.first_seen = numbers, rows, documents, first_seen


def _odd(cells: list[str]) -> bool:
    """A row that cannot travel packed: no cells, or a cell holding CELL or ROW."""
    return not cells or any(CELL in cell or ROW in cell for cell in cells)


def _document_id(document: Document) -> str | None:
    """The site id of a document, read quickly for duplicate checks (the worker reads it properly)."""
    if document.text is None:
        return None
    try:
        data = json.loads(document.text)
    except ValueError:
        try:
            data = yaml.load(document.text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        except (yaml.YAMLError, RecursionError):
            return None
    site = data.get("site") if isinstance(data, dict) else None
    site_id = site.get("id") if isinstance(site, dict) else None
    return str(site_id) if site_id is not None else None


def chunks(source: Source, columns: Columns | None) -> Iterator[Chunk]:
    seen = SeenIds()
    id_position = columns.site["id"] if columns is not None else None
    chunk = Chunk()
    for record in source.records():
        if isinstance(record, TableRow):
            cells = record.cells
            site_id = cells[id_position].strip() if id_position is not None and id_position < len(cells) else ""
        else:
            site_id = _document_id(record) or ""
        earlier = seen.first_row(site_id, record.number) if site_id else None
        chunk.add(record, earlier)
        if len(chunk) >= CHUNK_ROWS:
            yield chunk
            chunk = Chunk()
    if len(chunk):
        yield chunk
