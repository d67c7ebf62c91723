"""`compliance batch`: a table or folder of sites in, the batch outputs in a folder."""

from __future__ import annotations

import datetime as dt
import re
import sys
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from compliance.batch import printed as batch_report
from compliance.cli.shared import (
    AS_OF_OPTION,
    ATTESTATIONS_OPTION,
    RULES_OPTION,
    _attestations,
    _kind,
    _pack,
    _plans,
    echo,
    fail,
)
from compliance.load.facts import MetricIndex
from compliance.model.problems import InputError, Problem

if TYPE_CHECKING:
    from compliance.batch.run import BatchOptions
    from compliance.model.plan import RulePack


class ByteSize(click.ParamType[int, Any]):
    """A number of bytes: 5000000, or with a binary unit: 500M, 64G (K, M, G, T; KiB/KB alike)."""

    name = "bytes"
    _FORM = re.compile(r"^\s*(\d+)\s*([kmgt]?)(?:i?b)?\s*$", re.IGNORECASE)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int):
            return value
        match = self._FORM.match(str(value))
        if match is None or int(match.group(1)) < 1:
            self.fail(f"{value!r}: expected a number of bytes, e.g. 500M or 64G", param, ctx)
        return int(match.group(1)) << (10 * " kmgt".index(match.group(2).lower() or " "))


@click.command()
@click.argument("input_path", metavar="INPUT", type=click.Path(path_type=Path))
@click.option("--kind", required=True, help="Site kind of every row, e.g. village.")
@click.option(
    "--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path), help="Output folder."
)
@AS_OF_OPTION
@click.option("--plan", "plans", multiple=True, help="Assess against this plan only (repeatable).")
@click.option(
    "--workers", type=click.IntRange(min=1), default=None, help="Worker processes (default: the cores available)."
)
@ATTESTATIONS_OPTION
@click.option("--encoding", default=None, help="CSV encoding (default: detected; utf-8, utf-8-sig or gb18030).")
@click.option(
    "--sheet",
    default=None,
    help="Excel sheet to read (default: the first visible one); `all`: every sheet, hidden too, with the same header.",
)
@click.option("--fractions", is_flag=True, help="Percent columns written as shares (0.995 for 99.5%) are read ×100.")
@click.option("--all-findings", is_flag=True, help="Write passing and review findings to findings.jsonl too.")
@click.option(
    "--findings",
    "findings_form",
    type=click.Choice(["full", "compact"]),
    default="full",
    show_default=True,
    help="compact: also findings.csv (one row per finding), requirements.csv and findings.parquet (with pyarrow).",
)
@click.option(
    "--xlsx-rows",
    type=click.IntRange(min=0),
    default=20_000,
    show_default=True,
    help="Most rows on report.xlsx's sites/findings sheets.",
)
@click.option("--overwrite", is_flag=True, help="Write into --out even when it holds other files (left alone).")
@click.option(
    "--max-findings-bytes",
    type=ByteSize(),
    default="64G",
    show_default=True,
    help="Stop when findings.jsonl would grow past this (e.g. 500M, 64G).",
)
@click.option("--quiet", is_flag=True, help="No progress on stderr.")
@RULES_OPTION
def batch(
    input_path: Path,
    kind: str,
    out_dir: Path,
    as_of: dt.date | None,
    plans: tuple[str, ...],
    workers: int | None,
    attestation_files: tuple[Path, ...],
    encoding: str | None,
    sheet: str | None,
    fractions: bool,
    all_findings: bool,
    findings_form: str,
    xlsx_rows: int,
    overwrite: bool,
    max_findings_bytes: int,
    quiet: bool,
    rules_dir: Path | None,
) -> None:
    """Assess every row of a CSV, Excel (.xlsx) or JSONL file, or every facts file in a folder.

    Writes sites.csv, findings.jsonl, rejected.csv, summary.json, report.xlsx, report.html and manifest.json
    to --out, which they are moved into only once complete. Exit 0 when the batch ran (rejected rows are listed in
    rejected.csv), 2 when the input cannot be read or findings outgrow --max-findings-bytes, 130 on
    Ctrl-C, 143 on SIGTERM (what was written is kept beside --out, marked incomplete).
    """
    from compliance.batch.run import BatchOptions, default_workers

    try:
        pack = _pack(rules_dir)
        options = BatchOptions(
            input=input_path,
            kind=_kind(pack, kind),
            kind_word=kind,
            out=out_dir,
            as_of=as_of or dt.date.today(),
            plans=_plans(pack, plans),
            workers=workers if workers is not None else default_workers(),
            attestations=_attestations(pack, attestation_files),
            encoding=encoding,
            sheet=sheet,
            fractions=fractions,
            all_findings=all_findings,
            compact=findings_form == "compact",
            xlsx_rows=xlsx_rows,
            command=["compliance", *sys.argv[1:]],
            overwrite=overwrite,
            max_findings_bytes=max_findings_bytes,
            attestation_files=list(attestation_files),
        )
    except KeyboardInterrupt:  # Ctrl-C while the rules load, before the batch takes it over: nothing written
        echo("batch stopped: interrupted by SIGINT before reading the input; nothing was written", err=True)
        sys.exit(130)
    _run(options, pack, quiet)


def _run(options: BatchOptions, pack: RulePack, quiet: bool) -> None:
    """Run the batch and tell how it went: the summary on stdout, warnings on stderr; a user's error, a stop or
    an output folder that cannot be written ends it with its message and exit code."""
    from compliance.batch.progress import Progress
    from compliance.batch.run import run_batch
    from compliance.batch.stopping import Stopped, late_line

    try:
        result = run_batch(options, pack, Progress(quiet=quiet))
    except InputError as error:
        fail(error.problems)
    except Stopped as stop:
        echo(stop.line(), err=True)
        sys.exit(stop.exit_code)
    except BrokenProcessPool:
        fail([Problem(str(options.input), None, "", "a worker process stopped unexpectedly; rerun with --workers 1")])
    except OSError as error:  # the output folder cannot be written (no space, no permission, not a folder)
        where = str(error.filename or options.out)
        fail([Problem(where, None, "", f"cannot be written: {error.strerror or error}")])
    if result.unknown_columns:  # a misspelt fact's column is told the names close to it, as a facts file's key is
        index = MetricIndex(pack.catalogue)
        unknown = ", ".join(title + index.close_to(title) for title in result.unknown_columns)
        echo(f"warning: columns not matched to a site field or metric (kept in sites.csv): {unknown}", err=True)
    for warning in result.warnings:
        echo(f"warning: {warning}", err=True)
    echo(batch_report.render(result, options.out), nl=False)
    late = late_line()
    if late:  # Ctrl-C once the results were whole: a finished run all the same, exit 0, and said so
        echo(late, err=True)
