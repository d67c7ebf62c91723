"""`compliance batch`: stream an input through worker processes, in order, into the output folder.

The main process reads records, spots duplicate site ids, and hands chunks to the workers; a bounded
number of chunks is in flight, so memory does not grow with the input. Results are written in input order.
"""

from __future__ import annotations

import concurrent.futures as futures
import datetime as dt
import gc
import hashlib
import importlib
import io
import json
import os
import platform
import sys
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import Any

from compliance import __version__
from compliance.assess.applicability import covering_plans
from compliance.assess.assessor import Assessor
from compliance.batch import outputs
from compliance.batch.blocks import BlockFile, End
from compliance.batch.chunks import CELL, Chunk, chunks
from compliance.batch.columns import Columns, Matcher, match_columns
from compliance.batch.districts import district_figures
from compliance.batch.fractions import percent_modes
from compliance.batch.header import find_header
from compliance.batch.progress import Progress
from compliance.batch.rows import VERDICT_ZH, ChunkResult, RowAssessor, Settings
from compliance.batch.table import Source, open_source
from compliance.batch.tally import Tally
from compliance.batch.workers import Turn, fork_context, run_chunk, start_worker
from compliance.load.attestations import AttestationBook
from compliance.load.errors import InputError, Problem
from compliance.load.facts import check_kind
from compliance.model.facts import Site
from compliance.model.plan import RulePack

IN_FLIGHT_PER_WORKER = 3
COMPILED_MODULES = (
    "compliance.assess.series",
    "compliance.batch.chunks",
    "compliance.batch.rows",
    "compliance.batch.seen",
    "compliance.batch.totals",
    "compliance.engine.derive",
)
"""The modules a wheel build compiles with mypyc (hatch_build.py); the manifest says which ran compiled."""


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
    fractions: bool = False
    all_findings: bool = False
    xlsx_rows: int = 20_000
    command: list[str] = field(default_factory=list)


@dataclass
class BatchResult:
    tally: Tally
    unknown_columns: list[str]
    notes: list[str]
    warnings: list[str]
    seconds: float
    summary: dict[str, Any]


def compiled_modules() -> list[str]:
    """Those of COMPILED_MODULES running as compiled extensions here (none in an editable install)."""
    modules = [importlib.import_module(name) for name in COMPILED_MODULES]
    return [module.__name__ for module in modules if not str(getattr(module, "__file__", "")).endswith(".py")]


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    if path.is_dir():
        for file in sorted(p for p in path.rglob("*") if p.is_file()):
            digest.update(str(file.relative_to(path)).encode())
            digest.update(file.read_bytes())
        return digest.hexdigest()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _results(
    settings: Settings, chunks: Iterator[Chunk], workers: int, writer: outputs.StreamWriter
) -> Iterator[ChunkResult]:
    """Chunk results in input order, from this process or from `workers` forked processes (which append
    the findings to findings.jsonl themselves, in input order)."""
    if workers <= 1:
        assessor = RowAssessor(settings)
        findings, end = BlockFile(writer.findings), End()
        try:
            for chunk in chunks:
                lines = io.BytesIO()
                result = assessor.chunk(chunk, lines)
                with lines.getbuffer() as view:
                    end = findings.append(view, end)
                yield result
        finally:
            findings.finish(end)
        return
    context = fork_context()
    gc.freeze()  # what exists now is shared with the forked workers: their collector leaves it untouched
    turn = Turn.create(context)
    try:
        with futures.ProcessPoolExecutor(
            max_workers=workers,
            mp_context=context,
            initializer=start_worker,
            initargs=(settings, writer.findings, turn),
        ) as pool:
            pending: deque[futures.Future[ChunkResult]] = deque()
            for number, chunk in enumerate(chunks):
                pending.append(pool.submit(run_chunk, chunk, number))
                if len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                    yield pending.popleft().result()
                    turn.check(writer.findings)
            while pending:
                yield pending.popleft().result()
        turn.check(writer.findings)  # the workers have exited: every append is done
        BlockFile(writer.findings).finish(turn.end())
    except BaseException:
        turn.abandon()
        raise
    finally:
        gc.unfreeze()


def _check_options(options: BatchOptions, pack: RulePack) -> None:
    problem = check_kind(options.kind, pack.catalogue)
    if problem:
        raise InputError([Problem("--kind", None, "", problem)])
    if options.plans:
        covering_plans(Site(id="-", kind=options.kind, name="-"), pack.plans, options.plans, "--plan")
    if options.workers < 1:
        raise InputError([Problem("--workers", None, "", "expected 1 or more")])
    if options.out.exists() and not options.out.is_dir():
        raise InputError([Problem(str(options.out), None, "--out", "exists and is not a folder")])


def _columns(source: Source, pack: RulePack) -> Columns | None:
    """A table's columns, from its header wherever it is among the first rows (None for documents)."""
    if source.kind != "table":
        return None
    matcher = Matcher(pack.catalogue)
    source.start(find_header([row.cells for row in source.head], matcher.key), matcher.key)
    return match_columns(source.header or [], matcher, str(source.path), source.header_row)


def _first_chunk(stream: Iterator[Chunk]) -> tuple[list[list[str]], Iterator[Chunk]]:
    """The first chunk's table rows (to judge percent columns on), and the whole stream still to read."""
    first = next(stream, None)
    if first is None:
        return [], stream
    rows = [row.split(CELL) if isinstance(row, str) else row for row in first.records() if row is not None]
    return rows, chain([first], stream)


def run_batch(options: BatchOptions, pack: RulePack, progress: Progress) -> BatchResult:
    started = time.perf_counter()
    started_at = dt.datetime.now(dt.UTC).astimezone()
    _check_options(options, pack)
    source = open_source(options.input, options.encoding, options.sheet)
    columns = _columns(source, pack)
    extra = columns.unknown_headers() if columns is not None else []
    first_rows, stream = _first_chunk(chunks(source, columns, options.kind))
    modes = {}
    if columns is not None:
        modes = percent_modes(first_rows, columns, options.fractions, str(options.input), source.header_row)
    settings = Settings(
        pack=pack,
        kind=options.kind,
        plans=options.plans,
        as_of=options.as_of,
        columns=columns,
        source=str(options.input),
        attestations=options.attestations,
        all_findings=options.all_findings,
        percent_modes=modes,
    )
    writer = outputs.StreamWriter(options.out, extra)
    tally = Tally()
    try:
        for result in _results(settings, stream, options.workers, writer):
            writer.write(result)
            tally.merge(result.tally)
            progress.update(tally.rows, source.fraction())
    finally:
        writer.close()
    progress.finish(tally.rows)
    assessed_at = time.perf_counter()
    districts, notes = district_figures(pack, Assessor(pack), tally, options.kind, options.plans, options.as_of)
    stats = outputs.requirement_stats(pack, tally)
    townships = outputs.township_rollups(tally)
    summary: dict[str, Any] = {
        "input": str(options.input),
        "kind": options.kind,
        "as_of": options.as_of.isoformat(),
        "plans": options.plans or "by each site's district or admin_code",
        "rows": tally.rows,
        "assessed": tally.assessed,
        "rejected": tally.rejected,
        "blank_rows_skipped": tally.blank_rows,
        "verdicts": {verdict: tally.verdicts.get(verdict, 0) for verdict in VERDICT_ZH},
        "unknown_columns": extra,
        "warnings": source.warnings,
        "requirements": stats,
        "review_items": [s["requirement"] for s in stats if s["counts"]["needs_review"]],
        "townships": townships,
        "districts": [row.as_dict() for row in districts],
        "notes": notes,
    }
    outputs.write_summary(options.out, summary)
    overview: list[tuple[str, Any]] = [
        ("输入 input", str(options.input)),
        ("站点类型 kind", options.kind),
        ("评估日期 as of", options.as_of.isoformat()),
        ("规划 plans", ", ".join(options.plans) if options.plans else "按所在区/行政区划代码"),
        ("输入行数 rows", tally.rows),
        ("已评估 assessed", tally.assessed),
        ("未评估（数据有误）rejected", tally.rejected),
        *((f"{VERDICT_ZH[v]} {v}", tally.verdicts.get(v, 0)) for v in VERDICT_ZH),
        ("完整清单 full lists", "sites.csv, findings.jsonl, rejected.csv"),
        ("本表站点/问题最多行数 rows per sheet", options.xlsx_rows),
    ]
    written = outputs.write_report(options.out, overview, stats, townships, districts, extra, options.xlsx_rows)
    finished = time.perf_counter()
    seconds = finished - started
    manifest = {
        "tool": {
            "name": "compliance",
            "version": __version__,
            "python": platform.python_version(),
            "compiled": compiled_modules(),
        },
        "command": options.command or sys.argv,
        "started_at": started_at.isoformat(timespec="seconds"),
        "input": {
            "path": str(options.input),
            "sha256": _sha256(options.input),
            "format": type(source).__name__.removesuffix("Source").lower(),
            "encoding": source.encoding,
            "sheet": getattr(source, "sheet", None),
            "sheets": getattr(source, "sheets_read", None),
            "delimiter": getattr(source, "delimiter", None),
            "header_row": source.header_row if columns is not None else None,
            "percent_columns_read_as": {columns.titles[p]: mode for p, mode in modes.items()} if columns else {},
        },
        "rules": {"pack_sha256": pack.digest, "plans": {p.id: p.title_zh for p in pack.plans.values()}},
        "kind": options.kind,
        "as_of": options.as_of.isoformat(),
        "plans": options.plans,
        "workers": options.workers,
        "counts": {
            "rows": tally.rows,
            "assessed": tally.assessed,
            "rejected": tally.rejected,
            "blank_rows_skipped": tally.blank_rows,
        },
        "report_rows": written,
        "timings_s": {
            "read_and_assess": round(assessed_at - started, 3),
            "districts_summary_report": round(finished - assessed_at, 3),
            "total": round(seconds, 3),
        },
        "rows_per_second": round(tally.rows / seconds, 1) if seconds else None,
        "outputs": [*sorted(p.name for p in options.out.iterdir() if p.is_file()), outputs.MANIFEST],
    }
    (options.out / outputs.MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", "utf-8")
    return BatchResult(
        tally=tally, unknown_columns=extra, notes=notes, warnings=source.warnings, seconds=seconds, summary=summary
    )
