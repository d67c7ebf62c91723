"""`compliance batch`: stream an input through worker processes, in order, into the output folder.

The main process reads records, spots duplicate site ids, and hands chunks to the workers; a bounded
number of chunks is in flight, so memory does not grow with the input. Results are written in input order.
"""

from __future__ import annotations

import codecs
import concurrent.futures as futures
import datetime as dt
import gc
import io
import json
import os
import platform
import stat
import sys
import time
from collections import deque
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from functools import partial
from itertools import chain
from pathlib import Path
from typing import Any

from compliance import __version__
from compliance.assess.applicability import covering_plans
from compliance.assess.assessor import Assessor
from compliance.assess.dutyyear import read_in_full
from compliance.batch import outputs
from compliance.batch.areanames import known_areas
from compliance.batch.blocks import BlockFile, End, FindingsLimit
from compliance.batch.chunks import CELL, Chunk, chunks
from compliance.batch.columns import Columns
from compliance.batch.compact import CompactRows, finish_compact, written_requirements
from compliance.batch.compact import head as compact_head
from compliance.batch.compiled import compiled_modules
from compliance.batch.dating import columns_of
from compliance.batch.districts import DistrictRow, district_figures
from compliance.batch.fractions import JUDGED_ROWS, percent_modes
from compliance.batch.page import write_page
from compliance.batch.progress import Progress
from compliance.batch.rows import ChunkResult, RowAssessor, Settings
from compliance.batch.seen import SeenIds
from compliance.batch.sheetrows import Marked, SheetRows
from compliance.batch.sitescsv import VERDICT_ZH
from compliance.batch.staging import Staging, check_out
from compliance.batch.statedsites import StatedSite
from compliance.batch.stopping import Interrupted, Stopped, signals_interrupt
from compliance.batch.table import Source, open_source
from compliance.batch.tally import Tally
from compliance.batch.workers import Turn, fork_context, run_chunk, start_worker
from compliance.load.facts import resolve_kind
from compliance.load.values import ValueProblem
from compliance.model.attestation import AttestationBook
from compliance.model.facts import Site
from compliance.model.names import site_key
from compliance.model.plan import RulePack
from compliance.model.problems import InputError, Problem

IN_FLIGHT_PER_WORKER = 3
STOP_WAIT_S = 1.0
"""How long stopped workers get to end before they are killed."""
MAX_FINDINGS_BYTES = 64 << 30
"""The default --max-findings-bytes, 64 GiB: a million villages write about 3.4 GB of findings, 27 GB with
--all-findings; a pack or option writing far more stops before it fills the disk."""
EXIT_LIMIT = 2


@dataclass
class BatchOptions:
    input: Path
    kind: str
    out: Path
    as_of: dt.date
    plans: list[str] | None = None
    workers: int = 1
    attestations: AttestationBook | None = None
    encoding: str | None = None
    sheet: str | None = None
    all_findings: bool = False
    compact: bool = False
    """--findings compact: findings.csv, requirements.csv (and findings.parquet) beside findings.jsonl."""
    xlsx_rows: int = 20_000
    command: list[str] = field(default_factory=list)
    kind_word: str = ""  # --kind as written, kept when `kind` becomes its id: 拆除工程 states facts of itself
    overwrite: bool = False
    max_findings_bytes: int = MAX_FINDINGS_BYTES
    attestation_files: list[Path] = field(default_factory=list)
    fractions: bool = False


@dataclass
class BatchResult:
    tally: Tally
    unknown_columns: list[str]
    notes: list[str]
    seconds: float
    summary: dict[str, Any]
    warnings: list[str] = field(default_factory=list)


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _results(
    settings: Settings, chunks: Iterator[Marked], workers: int, findings: Path, limit: int, compact: Path | None
) -> Generator[ChunkResult, None, None]:
    """Chunk results in input order, from this process or from `workers` forked processes (which append
    the findings to findings.jsonl, and their rows to findings.csv when `compact`, themselves, in input
    order), with the findings' sheet rows of the chunks marked for them. Closing it early (an error,
    Ctrl-C) stops the workers at once; the files then hold the chunks whose appends were whole."""
    paths = [findings] if compact is None else [findings, compact]
    starts = [End()] if compact is None else [End(), End(0, compact_head(settings.sheets))]
    if workers <= 1:
        assessor = RowAssessor(settings)
        files = [BlockFile(findings, limit), *(BlockFile(path) for path in paths[1:])]
        rows = None if compact is None else CompactRows(assessor.texts)
        ends = starts
        try:
            for chunk, sheet in chunks:
                lines = io.BytesIO()
                result = assessor.chunk(chunk, lines, rows, sheet)
                for index, part in enumerate([lines] if rows is None else [lines, rows.take()]):
                    with part.getbuffer() as view:
                        ends[index] = files[index].append(view, ends[index])
                yield result
        finally:
            for file, end in zip(files, ends, strict=True):
                file.finish(end)
        return
    context = fork_context()
    gc.freeze()  # what exists now is shared with the forked workers: their collector leaves it untouched
    turn = Turn.create(context, starts)
    pool = futures.ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=start_worker,
        initargs=(settings, findings, limit, compact, turn, os.getpid()),
    )
    try:
        pending: deque[futures.Future[ChunkResult]] = deque()
        for number, (chunk, sheet) in enumerate(chunks):
            pending.append(pool.submit(run_chunk, chunk, number, sheet))
            if len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                yield pending.popleft().result()
                turn.check(findings)
        while pending:
            yield pending.popleft().result()
            turn.check(findings)
        pool.shutdown(wait=True)
        turn.check(findings)  # the workers have exited: every append is done
        for path, end in zip(paths, turn.end(), strict=True):
            BlockFile(path).finish(end)
    except BaseException:
        turn.abandon()
        _stop_workers(pool)
        _settle(paths, turn.end())
        raise
    finally:
        gc.unfreeze()


def _settle(paths: list[Path], ends: list[End]) -> None:
    """After a stop, with the workers gone: each appended file cut to the chunks it took whole (a worker
    ended mid-append may have left part of one). Best effort: the stop's own error is what is reported."""
    for path, end in zip(paths, ends, strict=True):
        try:
            BlockFile(path).finish(end)
        except OSError:
            continue


def _stop_workers(pool: futures.ProcessPoolExecutor) -> None:
    """End the workers now (SIGTERM ends a worker at once; SIGKILL one that lingers): a batch that
    stops must not wait for chunks nobody will read, nor leave workers behind."""
    processes = list((pool._processes or {}).values())
    for process in processes:
        if process.is_alive():
            process.terminate()
    deadline = time.monotonic() + STOP_WAIT_S
    for process in processes:
        process.join(max(0.0, deadline - time.monotonic()))
        if process.is_alive():
            process.kill()
            process.join(STOP_WAIT_S)
    pool.shutdown(wait=True, cancel_futures=True)  # its thread sees the workers gone and ends at once


def _check_options(options: BatchOptions, pack: RulePack) -> None:
    """Refuse options that cannot run; the kind, however it was named, becomes its id."""
    options.kind_word = options.kind_word or options.kind
    try:
        options.kind = resolve_kind(options.kind, pack.catalogue)
    except ValueProblem as problem:
        raise InputError([Problem("--kind", None, "", str(problem))]) from None
    if options.plans:
        covering_plans(Site(id="-", kind=options.kind, name="-"), pack.plans, options.plans, "--plan")
    if options.workers < 1:
        raise InputError([Problem("--workers", None, "", "expected 1 or more")])
    if options.max_findings_bytes < 1:
        raise InputError([Problem("--max-findings-bytes", None, "", "expected 1 or more")])
    if options.input.exists() and not (options.input.is_dir() or stat.S_ISREG(options.input.stat().st_mode)):
        message = "is not a regular file (a device, pipe or socket); expected a .csv, .xlsx or .jsonl file or a folder"
        raise InputError([Problem(str(options.input), None, "", message)])
    if options.encoding is not None:
        _check_encoding(options.encoding, options.input)
    check_out(options.out, [options.input, *options.attestation_files], options.overwrite)


def _check_encoding(encoding: str, path: Path) -> None:
    """--encoding names a text encoding (not rot13 or zlib); utf-16 and utf-32, which take the byte
    order from a byte-order mark, are refused for a file that has none."""
    try:
        codec = codecs.lookup(encoding)
    except LookupError:
        codec = None
    if codec is None or not codec._is_text_encoding:
        message = f"unknown text encoding {encoding!r}; try utf-8, utf-8-sig, utf-16 or gb18030"
        raise InputError([Problem("--encoding", None, "", message)])
    marks = {"utf-16": (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE), "utf-32": (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)}
    if codec.name in marks and path.is_file():
        with path.open("rb") as handle:
            start = handle.read(4)
        if not start.startswith(marks[codec.name]):
            message = (
                f"{encoding} needs a byte-order mark at the start of the file and {path} has none; "
                f"pass --encoding {codec.name}-le (or -be)"
            )
            raise InputError([Problem("--encoding", None, "", message)])


@dataclass
class _RunState:
    """How far a batch got: what the summary and manifest report, complete or not."""

    options: BatchOptions
    pack: RulePack
    started: float
    started_at: dt.datetime
    tally: Tally = field(default_factory=Tally)
    extra: list[str] = field(default_factory=list)
    seen: SeenIds = field(default_factory=SeenIds)
    assessed_at: float | None = None
    report_rows: dict[str, int] = field(default_factory=dict)
    modes: dict[int, str] = field(default_factory=dict)
    """How each percent column was read (percent or shares), judged on the first rows."""
    columns: Columns | None = None


def run_batch(options: BatchOptions, pack: RulePack, progress: Progress) -> BatchResult:
    """Assess the input into a staging folder beside --out and move the results into place when whole.

    Raises InputError for what cannot be read (nothing is left behind), and Stopped when Ctrl-C, SIGTERM
    or the findings limit stopped it (what was written is kept, marked incomplete)."""
    state = _RunState(options, pack, time.perf_counter(), dt.datetime.now(dt.UTC).astimezone())
    staging: Staging | None = None
    source: Source | None = None
    try:
        with signals_interrupt():
            try:
                _check_options(options, pack)
                source = open_source(options.input, options.encoding, options.sheet)
                staging = Staging(options.out)
                result = _run(state, source, staging.path, progress)
                staging.publish()
                return result
            except (Interrupted, FindingsLimit) as stop:
                progress.stop()
                raise _stopped(state, stop, staging, source) from None
    except Stopped:
        raise
    except BaseException:
        if staging is not None:
            staging.discard()
        raise


def _run(state: _RunState, source: Source, out: Path, progress: Progress) -> BatchResult:
    options, pack, tally = state.options, state.pack, state.tally
    columns = state.columns = columns_of(source, pack.catalogue)
    state.extra = columns.unknown_headers() if columns is not None else []
    stated = StatedSite(pack.catalogue, options.kind_word, columns)  # 岳峰镇人民政府 as a 党政机关: no township's row
    areas = known_areas(pack.divisions)
    first_rows, records = _first_chunks(chunks(source, columns, state.seen, options.kind, areas, stated or None))
    if columns is not None:
        state.modes = percent_modes(first_rows, columns, options.fractions, str(options.input), source.header_row)
    settings = Settings(
        pack=pack,
        kind=options.kind,
        plans=options.plans,
        as_of=options.as_of,
        columns=columns,
        source=str(options.input),
        attestations=options.attestations,
        all_findings=options.all_findings,
        percent_modes=state.modes,
        sheets=source.sheets,
        kind_word=options.kind_word,
        in_full=read_in_full(pack, options.kind, options.as_of),  # `assess.dutyyear`
    )
    writer = outputs.StreamWriter(out, state.extra, options.compact, source.sheets)
    sheet, limit = SheetRows(options.xlsx_rows), options.max_findings_bytes
    results = _results(settings, sheet.marking(records), options.workers, writer.findings, limit, writer.findings_csv)
    try:
        for result in results:
            writer.write(result)
            sheet.take(result.sheet_rows, result.findings_bytes)
            tally.merge(result.tally)
            progress.update(tally.rows, source.fraction())
    finally:
        results.close()
        writer.close()
    source.log.check()
    progress.finish(tally.rows)
    state.assessed_at = time.perf_counter()
    districts, notes = _district_rows(state)
    unread = [*columns.unread_after(options.as_of), *columns.unread_off_grain()] if columns is not None else []
    seen, assessed = partial(_seen, state.seen), set(state.tally.statuses).__contains__  # attestations' ids
    attested = options.attestations.run_warnings(seen, assessed, options.as_of) if options.attestations else []
    warnings = [*source.warnings, *unread, *attested, *tally.notices()]
    if options.compact:
        warnings += finish_compact(out, pack, written_requirements(tally, options.all_findings), source.sheets)
    summary = _summary(state, districts, notes, warnings)
    outputs.write_summary(out, summary)
    overview = outputs.overview(options, tally, warnings)
    stats, townships = summary["requirements"], summary["townships"]
    findings = sheet.all(writer.findings)
    state.report_rows = outputs.write_report(
        out, overview, stats, townships, districts, state.extra, options.xlsx_rows, findings, source.sheets
    )
    write_page(out, pack, options.as_of, overview, summary)
    seconds = _write_manifest(state, source, out, None)
    return BatchResult(tally, state.extra, notes, seconds, summary, warnings)


def _district_rows(state: _RunState) -> tuple[list[DistrictRow], list[str]]:
    """The batch's district figures, each of the latest period its dated columns were read for."""
    options, columns, pack = state.options, state.columns, state.pack
    periods = columns.latest_periods(options.as_of) if columns is not None else state.tally.member_periods or None
    series = [(metric.id, period) for _, metric, period in columns.series] if columns is not None else None
    return district_figures(
        pack, Assessor(pack), state.tally, options.kind, options.plans, options.as_of, periods, series
    )


def _first_chunks(stream: Iterator[Chunk]) -> tuple[list[list[str]], Iterator[Chunk]]:
    """The first `JUDGED_ROWS` table rows or more, whole chunks (to judge percent columns on), and the whole
    stream still to read."""
    first: list[Chunk] = []
    rows: list[list[str]] = []
    while len(rows) < JUDGED_ROWS and (chunk := next(stream, None)) is not None:
        first.append(chunk)
        rows += [row.split(CELL) if isinstance(row, str) else row for row in chunk.records() if row is not None]
    return rows, chain(first, stream)


def _seen(ids: SeenIds, site_id: str) -> bool:
    return site_key(site_id) in ids


def _summary(
    state: _RunState, districts: list[DistrictRow], notes: list[str], warnings: list[str], stopped: str = ""
) -> dict[str, Any]:
    options, tally = state.options, state.tally
    stats = outputs.requirement_stats(state.pack, tally)
    summary: dict[str, Any] = {"complete": not stopped}
    if stopped:
        summary["stopped"] = f"{stopped} after {tally.rows:,} rows: the counts cover only those rows"
    summary |= {
        "input": str(options.input),
        "kind": options.kind,
        "as_of": options.as_of.isoformat(),
        "plans": options.plans or "by each site's district or admin_code",
        "rows": tally.rows,
        "assessed": tally.assessed,
        "rejected": tally.rejected,
        "blank_rows_skipped": tally.blank_rows,
        "verdicts": {verdict: tally.verdicts.get(verdict, 0) for verdict in VERDICT_ZH},
        "unknown_columns": state.extra,
        "requirements": stats,
        "review_items": [s["requirement"] for s in stats if s["counts"]["needs_review"]],
        "townships": outputs.township_rollups(tally),
        "districts": [row.as_dict() for row in districts],
        "notes": [*notes, *tally.listed_warnings()],
        "warnings": warnings,
    }
    return summary


def _write_manifest(state: _RunState, source: Source | None, out: Path, stopped: str | None) -> float:
    """manifest.json, written last: what ran on what, and whether the outputs are complete. Returns the
    seconds the batch took."""
    options, pack, tally = state.options, state.pack, state.tally
    finished = time.perf_counter()
    seconds = finished - state.started
    assessed_at = state.assessed_at or finished
    manifest: dict[str, Any] = {"complete": stopped is None}
    if stopped is not None:
        manifest["stopped"] = stopped
    manifest |= {
        "tool": {
            "name": "compliance",
            "version": __version__,
            "python": platform.python_version(),
            "compiled": compiled_modules(),
        },
        "command": options.command or sys.argv,
        "started_at": state.started_at.isoformat(timespec="seconds"),
        "input": {
            "path": str(options.input),
            "sha256": source.log.sha256() if source is not None else None,
            "bytes_read": source.log.bytes_read if source is not None else 0,
            "format": type(source).__name__.removesuffix("Source").lower() if source is not None else None,
            "encoding": source.encoding if source is not None else None,
            "sheet": getattr(source, "sheet", None),
            "sheets": getattr(source, "sheets_read", None),
            "delimiter": getattr(source, "delimiter", None),
            "header_row": source.header_row if source is not None and state.columns is not None else None,
            "percent_columns_read_as": {state.columns.titles[p]: m for p, m in state.modes.items()}
            if state.columns is not None
            else {},
        },
        "rules": {"pack_sha256": pack.digest, "plans": {p.id: p.title_zh for p in pack.plans.values()}},
        "kind": options.kind,
        "as_of": options.as_of.isoformat(),
        "plans": options.plans,
        "workers": options.workers,
        "max_findings_bytes": options.max_findings_bytes,
        "counts": {
            "rows": tally.rows,
            "assessed": tally.assessed,
            "rejected": tally.rejected,
            "blank_rows_skipped": tally.blank_rows,
        },
        "report_rows": state.report_rows,
        "timings_s": {
            "read_and_assess": round(assessed_at - state.started, 3),
            "districts_summary_report": round(finished - assessed_at, 3),
            "total": round(seconds, 3),
        },
        "rows_per_second": round(tally.rows / seconds, 1) if seconds else None,
        "outputs": [*sorted(p.name for p in out.iterdir() if p.name in outputs.OUTPUTS), outputs.MANIFEST],
    }
    (out / outputs.MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", "utf-8")
    return seconds


def _stopped(
    state: _RunState, stop: Interrupted | FindingsLimit, staging: Staging | None, source: Source | None
) -> Stopped:
    """Mark what was written as incomplete (summary and manifest say so, the half-written reports go)."""
    if isinstance(stop, Interrupted):
        reason, exit_code = f"interrupted by {stop.name}", stop.exit_code
    else:
        limit = state.options.max_findings_bytes
        reason = f"findings.jsonl reached --max-findings-bytes ({limit:,} bytes)"
        exit_code = EXIT_LIMIT
    if staging is None:
        return Stopped(reason, state.tally.rows, None, state.options.out, exit_code)
    out = staging.path
    outputs.end_on_whole_line(out / outputs.FINDINGS)
    for report in outputs.MADE_AT_THE_END:  # a report of part of the input would look whole
        (out / report).unlink(missing_ok=True)
    summary = _summary(state, [], [], [], reason)
    outputs.write_summary(out, summary)
    _write_manifest(state, source, out, f"{reason} after {state.tally.rows:,} rows")
    return Stopped(reason, state.tally.rows, out, state.options.out, exit_code)
