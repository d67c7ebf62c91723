"""Cutting a batch input into chunks for the workers: consecutive records, each repeat of a site id marked.

The main process reads every record once, in order, and notes the row where each site id first came, so
a worker can reject a repeat without seeing the rest of the input. What only the whole stream can tell is
decided here too and marked on the row for the worker to reject: a row of figures that are the sums of
the rows above (`batch.totals`), a row with bytes that are not text. Rows that are empty after trimming
are skipped and counted. A table is worked a block of rows at a time (`TableSource.blocks`): each check is
a few passes over the block, and only the rows they single out are looked at one by one, with the same
decisions as row by row. A chunk crosses to a worker packed into one string (see `Chunk`).
"""

from __future__ import annotations

import json
from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import yaml

from compliance.batch.columns import Columns
from compliance.batch.ids import figure_tags, repeat_reasons, site_tags
from compliance.batch.namedsite import among_villages, site_namer, spared_warnings
from compliance.batch.seen import SeenIds
from compliance.batch.table import Document, Source, TableRow, TableSource
from compliance.batch.totals import SumsWatch, TotalsWords, cells_at, totals_words
from compliance.batch.villagerepeats import repeats
from compliance.model.metric import MetricType
from compliance.model.names import site_key

CHUNK_ROWS = 1250
"""Rows a worker takes at a time. A worker holds a chunk's findings (about 4.6 KB a row) until its turn to append
them, and hands the last chunk's to its appender thread while it assesses the next: 1,250 rows keep that near 12 MB
each. At a million villages 5,000 took the batch's peak memory to 360 MiB, 2,500 to 320 and 1,250 to 280 (once
the seen-ids table's villages no longer kept their names' bytes: docs/performance.md)."""

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
    sheet: str = ""
    """The sheet every row is of, in a run of several sheets (a chunk never spans two); empty otherwise."""
    warnings: list[str] = field(default_factory=list)
    """Warnings the main process has for this chunk's rows (a village name given twice in one township)."""
    others: dict[int, str] = field(default_factory=dict)
    """Rows repeating an earlier row's id for more than a plain repeat (`ids.repeat_reasons`), by index: why each is
    rejected; another site, or the same site with other figures, counts as a member missing its figures."""

    def add(self, record: TableRow | Document, first_seen: int | None) -> None:
        if first_seen is not None:
            self.first_seen[len(self.numbers)] = first_seen
        self.numbers.append(record.number)
        if isinstance(record, Document):
            self.documents[len(self.rows)] = record
            self.rows.append(None)
        else:
            self.rows.append(record.cells)

    def extend(
        self,
        numbers: list[int],
        rows: list[list[str]],
        marked: tuple[dict[int, int], dict[int, str], dict[int, str]],
        start: int,
    ) -> None:
        """Add table rows: `numbers` and `rows` are a block's from index `start`, whose repeats, refusals and
        repeated ids of other sites `marked` gives by index in the block."""
        first_seen, refused, others = marked
        end, offset = start + len(rows), len(self.numbers) - start
        self.first_seen.update({offset + i: row for i, row in first_seen.items() if start <= i < end})
        self.refused.update({offset + i: why for i, why in refused.items() if start <= i < end})
        self.others.update({offset + i: why for i, why in others.items() if start <= i < end})
        self.numbers += numbers
        self.rows += rows

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


def document_site(document: Document) -> dict[str, object]:
    """A document's `site` mapping as written, read quickly ({} when there is none): for repeats, and to name
    a rejected document's site by what it says."""
    if document.text is None:
        return {}
    try:
        data = json.loads(document.text)
    except RecursionError:  # nested too deeply: the worker rejects it with the reason
        return {}
    except ValueError:
        try:
            data = yaml.load(document.text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        except (yaml.YAMLError, RecursionError):
            return {}
    site = data.get("site") if isinstance(data, dict) else None
    return site if isinstance(site, dict) else {}


def _watch(columns: Columns | None) -> SumsWatch | None:
    if columns is None:
        return None
    numeric = (MetricType.NUMBER, MetricType.PERCENT)
    every = [(p, m) for p, m in columns.metrics] + [(p, m) for p, m, _ in columns.series]
    watched = [(p, m.type == MetricType.PERCENT) for p, m in every if m.type in numeric]
    site = columns.site
    namer = site_namer(site.get("id", -1), site.get("name", -1), site.get("admin_code", -1))
    return SumsWatch(watched, namer) if watched else None


def chunks(
    source: Source,
    columns: Columns | None,
    seen: SeenIds | None = None,
    kind: str = "",
    areas: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset()),
    stated: Callable[[list[str]], bool] | None = None,
) -> Iterator[Chunk]:
    """The chunks of `source`'s records, each repeat of a site id marked (`seen` keeps the ids); rows whose id
    or name marks a totals row (or whose figures are the sums of the rows above, or that are a township's or
    district's own row by `areas`, see `areanames.known_areas`, unless `stated` says it is a site: `batch.statedsites`)
    are refused and kept out of the running sums."""
    seen = seen if seen is not None else SeenIds()
    if columns is None or not isinstance(source, TableSource):
        yield from _document_chunks(source, seen)
        return
    site = columns.site
    id_position = site.get("id", -1)
    place = [site.get(field, -1) for field in ("name", "township", "district", "admin_code")]
    words = TotalsWords(place[0], place[1], place[2], kind, areas, place[3], stated)
    watch = _watch(columns)
    headers = HeaderAgain([source.header or [], *source.header_cells], id_position)
    villages = (site.get("admin_code", -1), site.get("name", -1), site.get("district", -1), site.get("township", -1))
    villages_too = kind == "village" and (villages[0] >= 0 or villages[3] >= 0)
    naming = [p for p in (villages[0], villages[1], villages[3]) if p >= 0]  # code, name, 乡镇: `ids.site_tags`
    figures = sorted([p for p, _ in columns.metrics] + [p for p, _, _ in columns.series])  # `ids.figure_tags`
    chunk, sheets = Chunk(), [""]
    for numbers, rows, problems, sheet in source.blocks():
        if sheet != chunk.sheet:  # a run of several sheets: each chunk is of one, which its rows' outputs name
            if len(chunk) or chunk.blank_rows:
                yield _packed(chunk, watch)
            chunk = Chunk(sheet=sheet)
            sheets.append(sheet)
            watch = _watch(columns)  # a sheet's row of sums adds up that sheet's rows
        ids = _ids(rows, id_position)
        blanks = [index for index, site_id in enumerate(ids) if not site_id and not "".join(rows[index]).strip()]
        if blanks:
            numbers, rows, ids, problems, blanks = _without_blanks(numbers, rows, ids, problems, blanks)
        refused = problems | {i: why for i, why in words.block(ids, rows).items() if i not in problems}
        refused.update(among_villages(refused, rows, (id_position, place[0], place[3]), kind))  # 其中：岭头村
        refused.update({i: why for i, why in headers.again(ids, rows).items() if i not in refused})
        first_seen, others = _repeats(seen, (ids, rows, numbers), refused, (naming, figures), sheets)
        if villages_too:  # one village code is one village, whatever the ids (`batch.villagerepeats`)
            again, warned = repeats(seen, rows, numbers, villages, set(refused).union(first_seen))
            refused.update(again)
            chunk.warnings += warned
        start, end = 0, len(rows)
        while start < end:
            stop = min(end, start + CHUNK_ROWS - len(chunk))
            chunk.blank_rows += bisect_left(blanks, stop) - bisect_left(blanks, start)
            chunk.extend(numbers[start:stop], rows[start:stop], (first_seen, refused, others), start)
            start = stop
            if len(chunk) >= CHUNK_ROWS:
                yield _packed(chunk, watch)
                chunk = Chunk(sheet=sheet)
        chunk.blank_rows += len(blanks) - bisect_left(blanks, end)
    if len(chunk) or chunk.blank_rows:
        yield _packed(chunk, watch)


def _repeats(
    seen: SeenIds,
    block: tuple[list[str], list[list[str]], list[int]],
    refused: dict[int, str],
    positions: tuple[list[int], list[int]],
    sheets: list[str],
) -> tuple[dict[int, int], dict[int, str]]:
    """The rows of a block (its ids, rows and row numbers) whose id came before (`SeenIds.first_rows`), but those
    `refused`, and of them those rejected for more than a plain repeat (`ids.repeat_reasons`) with why: another site
    by the naming cells, or the same site with other figures by the figures' cells (`positions`, each a list).
    `sheets`: the run's sheets so far, the block's last."""
    ids, rows, numbers = block
    naming, figures = positions
    keys = [site_id.casefold() if site_id.isascii() else site_key(site_id) for site_id in ids]  # `site_key`
    tags, marks = site_tags(rows, naming, len(sheets) - 1), figure_tags(rows, figures)
    first_seen = seen.first_rows(keys, numbers, refused, tags, marks)
    if not first_seen:
        return first_seen, {}
    return first_seen, repeat_reasons(seen, (ids, keys), (tags, marks, numbers), first_seen, (sheets, bool(naming)))


def _folded(text: str) -> str:
    return "".join(text.split()).casefold()


class HeaderAgain:
    """The header row written again among the rows (two tables pasted one under the other, each with its header):
    a row whose filled cells (two or more) are each its column's own heading, as read or as a header row shows
    it, is refused naming the row, and is no site nor a member of any figure."""

    def __init__(self, headers: list[list[str]], id_position: int) -> None:
        self.headers = [[_folded(title) for title in header] for header in headers if header]
        self.ids = {header[id_position] for header in self.headers if 0 <= id_position < len(header)}

    def again(self, ids: list[str], rows: list[list[str]]) -> dict[int, str]:
        """The block's rows that are the header again, by index: why each is refused."""
        if not self.ids:
            return {}
        return {
            index: "the header row written again (two tables pasted together?), not a site: delete it"
            " / 本行是重复的表头（两张表拼接？），不是站点：请删去"
            for index, site_id in enumerate(ids)
            if site_id and _folded(site_id) in self.ids and self._is_header(rows[index])
        }

    def _is_header(self, cells: list[str]) -> bool:
        folded = [(column, _folded(cell)) for column, cell in enumerate(cells) if cell.strip()]
        return len(folded) >= 2 and any(
            all(column < len(header) and header[column] == cell for column, cell in folded) for header in self.headers
        )


def _ids(rows: list[list[str]], position: int) -> list[str]:
    """Each row's site id, trimmed ('' where the row is too short or there is no id column)."""
    return [text.strip() for text in cells_at(rows, position)]


def _without_blanks(
    numbers: list[int], rows: list[list[str]], ids: list[str], problems: dict[int, str], blanks: list[int]
) -> tuple[list[int], list[list[str]], list[str], dict[int, str], list[int]]:
    """A block without its blank rows (empty after trimming: skipped and counted), re-indexed; each blank
    row given as the index of the row that came after it (the end when none did)."""
    skipped = set(blanks)
    kept = [index for index in range(len(rows)) if index not in skipped]
    moved = {index: at for at, index in enumerate(kept)}
    return (
        [numbers[index] for index in kept],
        [rows[index] for index in kept],
        [ids[index] for index in kept],
        {moved[index]: problem for index, problem in problems.items() if index in moved},
        [blank - rank for rank, blank in enumerate(blanks)],
    )


def _document_chunks(source: Source, seen: SeenIds) -> Iterator[Chunk]:
    """The chunks of a source of documents (JSONL lines, facts files), each repeat of a site id marked; empty lines
    skipped and counted, and a document whose site id or name says it is a totals row (合计, 宦溪镇小计: the words
    a table's rows are tested for) refused, and no repeat of it."""
    chunk = Chunk()
    for record in source.records():
        assert isinstance(record, Document)
        if record.blank:
            chunk.blank_rows += 1
            continue
        site = document_site(record)  # read quickly here, properly by the worker
        site_id, name = (str(site[key]) if site.get(key) is not None else "" for key in ("id", "name"))
        refused = totals_words(site_id.strip(), name) if site_id or name else ""
        if refused:
            chunk.refused[len(chunk)] = refused
        chunk.add(record, seen.first_row(site_key(site_id), record.number) if site_id and not refused else None)
        if len(chunk) >= CHUNK_ROWS:
            yield _packed(chunk, None)
            chunk = Chunk()
    if len(chunk) or chunk.blank_rows:
        yield _packed(chunk, None)


def _packed(chunk: Chunk, watch: SumsWatch | None) -> Chunk:
    """The chunk, its rows of sums refused (see `SumsWatch`), packed to travel."""
    if watch is not None:
        chunk.refused.update(watch.refused(chunk.rows, chunk.refused))
        chunk.warnings += spared_warnings(watch.spared)  # (`batch.namedsite`)
    chunk.pack()
    return chunk
