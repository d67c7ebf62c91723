"""The `compliance` command: thin click wrappers that parse options, call the layers and pick exit codes."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shlex
import sys
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any, NoReturn

import click

from compliance import __version__
from compliance.assess.assessor import Assessor
from compliance.batch import printed as batch_report
from compliance.load.attestations import conflicts, load_attestations
from compliance.load.divisions import divisions_of
from compliance.load.facts import load_facts, resolve_kind
from compliance.load.rules import default_rules_dir
from compliance.load.values import DATE_FORMS, ValueProblem, read_date
from compliance.model.attestation import Attestation, AttestationBook
from compliance.model.plan import Requirement, RulePack
from compliance.model.problems import InputError, Problem, did_you_mean
from compliance.model.result import Assessment, Status, Verdict
from compliance.pack import load_pack
from compliance.report import json as json_report
from compliance.report import rules as rules_report
from compliance.report import text as text_report
from compliance.report.ruledoc import PlanOutline
from compliance.report.terminal import printable

EXIT_COMPLIANT = 0
EXIT_NON_COMPLIANT = 1
EXIT_BAD_INPUT = 2
EXIT_INCOMPLETE = 3
EXIT_NO_APPLICABLE_REQUIREMENT = 4

RULES_OPTION = click.option(
    "--rules",
    "rules_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Rules directory (default: the rule packs shipped with the package).",
)
ATTESTATIONS_OPTION = click.option(
    "--attestations",
    "attestation_files",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Inspectors' judgements on review items (YAML, CSV or Excel; repeatable).",
)


class DateParam(click.ParamType):  # type: ignore[type-arg]
    """A date as people write it, read by the same reader as facts files' `observed_on`."""

    name = "date"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> dt.date:
        try:
            return read_date(value)
        except ValueProblem as problem:
            self.fail(str(problem), param, ctx)


class StatusesParam(click.ParamType):  # type: ignore[type-arg]
    """Finding statuses as people write them, comma-separated, in Chinese or English (fail,at_risk; 不达标,有风险)."""

    name = "statuses"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> set[Status]:
        if isinstance(value, set):
            return value
        try:
            return text_report.read_statuses(str(value))
        except ValueError as problem:
            self.fail(str(problem), param, ctx)


AS_OF_OPTION = click.option(
    "--as-of", type=DateParam(), default=None, help=f"Assessment date: {DATE_FORMS} (default: today)."
)
LANG_OPTION = click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)


def echo(text: str, err: bool = False, nl: bool = True) -> None:
    """Print, without the terminal control sequences a name or value from a user's file may hold."""
    click.echo(printable(text), err=err, nl=nl)


def fail(problems: list[Problem]) -> NoReturn:
    for problem in problems:
        echo(f"error: {problem}", err=True)
    sys.exit(EXIT_BAD_INPUT)


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


def _pack(rules_dir: Path | None) -> RulePack:
    try:
        return load_pack(rules_dir)
    except InputError as error:
        fail(error.problems)


def _kind(pack: RulePack, kind: str) -> str:
    """The id of the kind `--kind` names (id, Chinese or English name), or a clear error."""
    try:
        return resolve_kind(kind, pack.catalogue)
    except ValueProblem as problem:
        fail([Problem("--kind", None, "", str(problem))])


def _plans(pack: RulePack, plans: tuple[str, ...]) -> list[str] | None:
    for plan in plans:
        if plan not in pack.plans:
            message = f"unknown plan {plan!r}{did_you_mean(plan, pack.plans)}; one of {', '.join(pack.plans)}"
            fail([Problem("--plan", None, "", message)])
    return list(plans) or None


def _attestations(pack: RulePack, paths: tuple[Path, ...]) -> AttestationBook | None:
    if not paths:
        return None
    recorded: list[Attestation] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            recorded.extend(load_attestations(path, pack))
        except InputError as error:
            problems.extend(error.problems)
    problems.extend(conflicts(recorded))
    if problems:
        fail(problems)
    return AttestationBook(recorded)


def exit_code(assessments: list[Assessment], errors: list[Problem]) -> int:
    """Bad input wins; then any non-compliant site; then any incomplete one; then any site on which nothing binding
    was decided (0 only when every site was found compliant on something)."""
    if errors:
        return EXIT_BAD_INPUT
    verdicts = {a.verdict for a in assessments}
    if Verdict.NON_COMPLIANT in verdicts:
        return EXIT_NON_COMPLIANT
    if Verdict.INCOMPLETE in verdicts:
        return EXIT_INCOMPLETE
    if Verdict.NO_APPLICABLE_REQUIREMENT in verdicts:
        return EXIT_NO_APPLICABLE_REQUIREMENT
    return EXIT_COMPLIANT


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="compliance")
def main() -> None:
    """Check sites against the Beautiful China (美丽中国) action plans.

    Exit codes: 0 compliant, 1 non-compliant, 2 bad input or usage, 3 incomplete (missing data),
    4 no applicable requirement (nothing binding could be decided for the site);
    a batch stopped by Ctrl-C exits 130, by SIGTERM 143.
    """
    for stream in (sys.stdout, sys.stderr):
        if (getattr(stream, "encoding", "") or "").lower().replace("-", "") != "utf8":
            stream.reconfigure(encoding="utf-8")  # type: ignore[union-attr]


@main.command()
@click.argument("facts", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@AS_OF_OPTION
@click.option(
    "--plan",
    "plans",
    multiple=True,
    help="Assess against this plan only (repeatable); default: plans covering the site.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "junit", "sarif"]),
    default="text",
    show_default=True,
    help="junit: JUnit XML, one testcase per requirement per site; sarif: SARIF 2.1.0 at the facts' lines.",
)
@click.option(
    "--show",
    type=StatusesParam(),
    default=None,
    help="Text: list only findings of these statuses, e.g. fail,at_risk or 不达标,有风险 (default: all but review).",
)
@click.option("--hide", type=StatusesParam(), default=None, help="Text: do not list these statuses, e.g. review,pass.")
@ATTESTATIONS_OPTION
@LANG_OPTION
@RULES_OPTION
def check(
    facts: tuple[Path, ...],
    as_of: dt.date | None,
    plans: tuple[str, ...],
    fmt: str,
    show: set[Status] | None,
    hide: set[Status] | None,
    attestation_files: tuple[Path, ...],
    lang: str,
    rules_dir: Path | None,
) -> None:
    """Assess one or more facts files (YAML or JSON) and print the findings.

    The text report reads top-down: the verdict, the findings that decide it (with the gap to the target and
    who must act), at-risk items, shortfalls that do not affect the verdict, then passes and not-applicable
    items one line each; review items are counted (--show review lists them)."""
    pack = _pack(rules_dir)
    book = _attestations(pack, attestation_files)
    assessed, errors = _assess(pack, facts, as_of, _plans(pack, plans), book)
    assessments = [a for _, a in assessed]
    if fmt == "json":
        echo(json_report.render(assessments, errors), nl=False)
    elif fmt in ("junit", "sarif"):
        echo(_machine_report(fmt, pack, facts, assessments, errors, lang), nl=False)
    else:
        shown = (show if show is not None else text_report.DEFAULT_SHOWN) - (hide or set())
        options = [
            *(f"--plan {p}" for p in plans),
            *(f"--attestations {shlex.quote(str(f))}" for f in attestation_files),
        ]
        texts = []
        for assessment in assessments:
            command = shlex.join(["compliance", "check", assessment.source, "--as-of", assessment.as_of.isoformat()])
            command = " ".join([command, *options, *(["--lang", lang] if lang != "zh" else [])])
            texts.append(text_report.render(assessment, lang, shown, command))
        echo("\n".join(texts), nl=False)
    _warn_unused(assessments, errors, book)
    sys.exit(exit_code(assessments, errors))


def _assess(
    pack: RulePack,
    facts: tuple[Path, ...],
    as_of: dt.date | None,
    chosen: list[str] | None,
    book: AttestationBook | None,
) -> tuple[list[tuple[Path, Assessment]], list[Problem]]:
    """Each facts file that can be read, with its assessment; the problems of those that cannot."""
    date = as_of or dt.date.today()
    assessor = Assessor(pack)
    assessed: list[tuple[Path, Assessment]] = []
    errors: list[Problem] = []
    for path in facts:
        try:
            facts_read = load_facts(path, pack.catalogue, divisions_of(pack.divisions))
            assessed.append((path, assessor.assess(facts_read, date, chosen, book)))
        except InputError as error:
            errors.extend(error.problems)
    return assessed, errors


def _warn_unused(assessments: list[Assessment], errors: list[Problem], book: AttestationBook | None) -> None:
    """The problems of unreadable files, and attestations naming sites or requirements this run did not assess."""
    for problem in errors:
        echo(f"error: {problem}", err=True)
    if book is not None:
        sites = {a.site.id for a in assessments}
        requirements = {f.requirement for a in assessments for f in a.findings}
        for warning in book.unused(sites.__contains__, requirements.__contains__):
            echo(f"warning: {warning}", err=True)


FACTS_ARGUMENT = click.argument("facts", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
PLAN_OPTION = click.option(
    "--plan", "plans", multiple=True, help="Assess against this plan only (repeatable); default: the site's plans."
)


@main.command()
@FACTS_ARGUMENT
@click.option(
    "--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path), help="Output folder."
)
@click.option("--format", "fmt", type=click.Choice(["html", "md"]), default="html", show_default=True)
@AS_OF_OPTION
@PLAN_OPTION
@ATTESTATIONS_OPTION
@LANG_OPTION
@RULES_OPTION
def report(
    facts: tuple[Path, ...],
    out_dir: Path,
    fmt: str,
    as_of: dt.date | None,
    plans: tuple[str, ...],
    attestation_files: tuple[Path, ...],
    lang: str,
    rules_dir: Path | None,
) -> None:
    """Write a report to hand over for each site (HTML to print and sign, or Markdown), and an index.

    Exit codes as for `check`: they follow the verdicts (2 when a facts file cannot be read).
    """
    from compliance.load.files import read_limited
    from compliance.report.bundle import write_reports
    from compliance.report.handover import Provenance

    pack = _pack(rules_dir)
    book = _attestations(pack, attestation_files)
    assessed, errors = _assess(pack, facts, as_of, _plans(pack, plans), book)
    described = [(a, Provenance(hashlib.sha256(read_limited(p)).hexdigest(), pack.digest)) for p, a in assessed]
    try:
        written = write_reports(described, out_dir, fmt, lang)
    except OSError as error:
        fail([Problem(str(error.filename or out_dir), None, "", f"cannot be written: {error.strerror or error}")])
    for path in written:
        echo(str(path))
    assessments = [a for _, a in assessed]
    _warn_unused(assessments, errors, book)
    sys.exit(exit_code(assessments, errors))


def _machine_report(
    fmt: str, pack: RulePack, paths: tuple[Path, ...], assessments: list[Assessment], errors: list[Problem], lang: str
) -> str:
    """JUnit XML or SARIF for `check`; SARIF places each finding at its fact's line in the facts file."""
    if fmt == "junit":
        from compliance.report import junit

        return junit.render_assessments(assessments, errors, lang)
    from compliance.load.factlines import fact_lines
    from compliance.report import sarif

    lines = {str(path): fact_lines(path, pack.catalogue) for path in paths}
    return sarif.render(assessments, errors, lines, lang)


@main.command()
@click.argument("facts_path", metavar="FACTS", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("requirement_id", metavar="REQ")
@AS_OF_OPTION
@LANG_OPTION
@RULES_OPTION
def explain(facts_path: Path, requirement_id: str, as_of: dt.date | None, lang: str, rules_dir: Path | None) -> None:
    """One requirement's finding for one site, with the full derivation of each class it reads from
    measurements: every parameter per period with its class, the worst, and the statistic over periods."""
    from compliance.assess.measured import derivations_read, derive_all
    from compliance.report import explain as explain_report

    pack = _pack(rules_dir)
    requirement = next((r for r in pack.requirements if r.id == requirement_id), None)
    if requirement is None:
        ids = [r.id for r in pack.requirements]
        fail([Problem(requirement_id, None, "", f"no such requirement{did_you_mean(requirement_id, ids)}")])
    try:
        facts_read = load_facts(facts_path, pack.catalogue, divisions_of(pack.divisions))
        assessment = Assessor(pack).assess(facts_read, as_of or dt.date.today(), [pack.plan_of[requirement.id]])
    except InputError as error:
        fail(error.problems)
    finding = next((f for f in assessment.findings if f.requirement == requirement.id), None)
    if finding is None:
        kinds = ", ".join(requirement.applies.kinds)
        message = f"{requirement.id} applies to {kinds}, not to a {facts_read.site.kind}"
        fail([Problem(str(facts_path), None, "site.kind", message)])
    _, derived = derive_all(facts_read, pack.standards, pack.catalogue)
    echo(explain_report.render(finding, derivations_read(derived, requirement), pack.catalogue, lang), nl=False)


@main.command()
@click.argument("old", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("new", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@LANG_OPTION
def diff(old: Path, new: Path, fmt: str, lang: str) -> None:
    """Compare two `check --format json` outputs of the same site(s): fixed, better, worse, new, still open.

    Exit codes: 0 nothing got worse, 1 something got worse (a finding, a new problem or the verdict), 2 bad input.
    """
    from compliance.load.assessments import load_assessments
    from compliance.report import diff as diff_report

    sides: list[dict[str, Assessment]] = []
    for path in (old, new):
        try:
            sides.append({a.site.id: a for a in load_assessments(path)})
        except InputError as error:
            fail(error.problems)
    before, after = sides
    if before.keys() != after.keys():
        only_old, only_new = sorted(before.keys() - after.keys()), sorted(after.keys() - before.keys())
        message = (
            f"different sites: only in {old}: {', '.join(only_old) or '—'}; only in {new}: {', '.join(only_new) or '—'}"
        )
        fail([Problem(str(new), None, "site.id", message)])
    diffs = [diff_report.compare(before[site], after[site]) for site in after]
    echo(diff_report.render_json(diffs) if fmt == "json" else diff_report.render_text(diffs, lang), nl=False)
    sys.exit(1 if any(d.got_worse for d in diffs) else 0)


@main.command()
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
    help="Excel sheet to read (default: the first visible one); `all`: every visible sheet with the same header.",
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
    from compliance.batch.progress import Progress
    from compliance.batch.run import BatchOptions, default_workers, run_batch
    from compliance.batch.stopping import Stopped

    try:
        pack = _pack(rules_dir)
        options = BatchOptions(
            input=input_path,
            kind=_kind(pack, kind),
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
    try:
        result = run_batch(options, pack, Progress(quiet=quiet))
    except InputError as error:
        fail(error.problems)
    except Stopped as stop:
        echo(stop.line(), err=True)
        sys.exit(stop.exit_code)
    except BrokenProcessPool:
        fail([Problem(str(input_path), None, "", "a worker process stopped unexpectedly; rerun with --workers 1")])
    except OSError as error:  # the output folder cannot be written (no space, no permission, not a folder)
        where = str(error.filename or out_dir)
        fail([Problem(where, None, "", f"cannot be written: {error.strerror or error}")])
    if result.unknown_columns:
        unknown = ", ".join(result.unknown_columns)
        echo(f"warning: columns not matched to a site field or metric (kept in sites.csv): {unknown}", err=True)
    for warning in result.warnings:
        echo(f"warning: {warning}", err=True)
    echo(batch_report.render(result, out_dir), nl=False)


@main.group()
def rules() -> None:
    """Browse and check the rule packs."""


def _selected(pack: RulePack, plans: tuple[str, ...], kind: str | None) -> list[Requirement]:
    """The requirements of the plans asked for (all without --plan) that apply to the kind asked for."""
    chosen = _plans(pack, plans)
    kind = _kind(pack, kind) if kind is not None else None
    return [
        r
        for r in pack.requirements
        if (chosen is None or pack.plan_of[r.id] in chosen) and (kind is None or kind in r.applies.kinds)
    ]


@rules.command("list")
@click.option("--plan", "plans", multiple=True, help="Only this plan (repeatable).")
@click.option("--kind", default=None, help="Only requirements applying to this site kind.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@LANG_OPTION
@RULES_OPTION
def rules_list(plans: tuple[str, ...], kind: str | None, fmt: str, lang: str, rules_dir: Path | None) -> None:
    """List requirements: id, plan, kinds, strength, title."""
    pack = _pack(rules_dir)
    selected = _selected(pack, plans, kind)
    if fmt == "json":
        echo(rules_report.list_json(pack, selected), nl=False)
    else:
        echo(rules_report.list_text(pack, selected, lang), nl=False)


@rules.command("show")
@click.argument("requirement_id")
@LANG_OPTION
@RULES_OPTION
def rules_show(requirement_id: str, lang: str, rules_dir: Path | None) -> None:
    """Show one requirement in full: clause, quote, applicability, targets."""
    pack = _pack(rules_dir)
    found = [r for r in pack.requirements if r.id == requirement_id]
    if not found:
        ids = [r.id for r in pack.requirements]
        fail([Problem(requirement_id, None, "", f"no such requirement{did_you_mean(requirement_id, ids)}")])
    echo(rules_report.show_text(pack, found[0], lang), nl=False)


@rules.command("search")
@click.argument("words", nargs=-1, required=True)
@click.option("--plan", "plans", multiple=True, help="Only this plan (repeatable).")
@click.option("--kind", default=None, help="Only requirements applying to this site kind.")
@LANG_OPTION
@RULES_OPTION
def rules_search(
    words: tuple[str, ...], plans: tuple[str, ...], kind: str | None, lang: str, rules_dir: Path | None
) -> None:
    """Find requirements by ids, titles, quotes, notes and metric names (zh or en), best match first.

    Every word must match. Each scores by the best field it is in (id 100, part of an id 50, title 10, metric 6,
    quote 4, clause 2, notes 1); the highest total comes first, ties in catalogue order. Exit 1 when nothing
    matches.
    """
    from compliance.report.search import render_text, search

    pack = _pack(rules_dir)
    hits = search(pack, _selected(pack, plans, kind), list(words))
    if not hits:
        asked = " ".join(words)
        echo(f"没有要求匹配“{asked}”" if lang == "zh" else f"no requirement matches {asked!r}", err=True)
        sys.exit(1)
    echo(render_text(pack, hits, lang), nl=False)


@rules.command("lint")
@click.argument("rules_dir", required=False, type=click.Path(file_okay=False, path_type=Path))
def rules_lint(rules_dir: Path | None) -> None:
    """Check a rules directory: schema, ids, metrics, verbatim quotes, conflicting targets."""
    from compliance.lint import lint

    try:
        report = lint(rules_dir or default_rules_dir())
    except InputError as error:
        fail(error.problems)
    for problem in report.errors:
        echo(f"error: {problem}")
    for problem in report.warnings:
        echo(f"warning: {problem}")
    echo(f"{report.requirements} requirements, {len(report.errors)} errors, {len(report.warnings)} warnings")
    sys.exit(1 if report.errors else 0)


@rules.command("doc")
@click.option("--format", "fmt", type=click.Choice(["markdown", "html"]), default="markdown", show_default=True)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write index.md here, or for html index.html, metrics.html and one page per chapter.",
)
@click.option(
    "--features",
    "feature_paths",
    multiple=True,
    type=click.Path(exists=True, path_type=Path),
    help="Feature files or folders whose scenarios the html pages link to (default: features/ if present).",
)
@LANG_OPTION
@RULES_OPTION
def rules_doc(
    fmt: str, out_dir: Path | None, feature_paths: tuple[Path, ...], lang: str, rules_dir: Path | None
) -> None:
    """A browsable catalogue of every requirement by plan and section, with the metric definitions."""
    from compliance.load.rules import plan_text
    from compliance.report import ruledoc

    pack = _pack(rules_dir)
    root = rules_dir or default_rules_dir()
    try:
        texts = {p.id: plan_text(root, p) for p in pack.plans.values()}
    except InputError as error:
        fail(error.problems)
    plans = ruledoc.outline(pack, texts, lang)
    if fmt == "markdown":
        document = ruledoc.markdown(plans, pack.catalogue.metrics, lang)
        if out_dir is None:
            echo(document, nl=False)
            return
        out_dir.mkdir(parents=True, exist_ok=True)
        (out_dir / "index.md").write_text(document, encoding="utf-8")
        echo(str(out_dir / "index.md"))
        return
    if out_dir is None:
        fail([Problem("--out", None, "", "html is a folder of pages: give the folder with --out DIR")])
    _write_catalogue(pack, plans, texts, out_dir, list(feature_paths))


def _write_catalogue(
    pack: RulePack, plans: list[PlanOutline], texts: dict[str, str], out_dir: Path, feature_paths: list[Path]
) -> None:
    """The html catalogue's pages, linking each requirement to the scenarios that check its status."""
    from compliance.bdd.coverage import scenarios_by_requirement
    from compliance.report.catalogue_html import ScenarioLink, catalogue_pages

    default = Path("features")
    paths = feature_paths or ([default] if default.is_dir() else [])
    out_dir.mkdir(parents=True, exist_ok=True)
    links = {
        requirement: [
            ScenarioLink(Path(os.path.relpath(path.resolve(), out_dir.resolve())).as_posix(), str(path), name, line)
            for path, name, line in found
        ]
        for requirement, found in scenarios_by_requirement(paths).items()
    }
    pages = catalogue_pages(pack, plans, texts, links)
    for name, page in pages.items():
        (out_dir / name).write_text(page, encoding="utf-8")
    echo(f"{out_dir / 'index.html'} ({len(pages)} pages)")


@main.group()
def attestations() -> None:
    """Inspectors' judgements on review items: the checklist to fill in."""


@attestations.command("template")
@FACTS_ARGUMENT
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx"]), default="csv", show_default=True)
@click.option("--out", "out_file", type=click.Path(dir_okay=False, path_type=Path), help="Write here (xlsx needs it).")
@AS_OF_OPTION
@PLAN_OPTION
@RULES_OPTION
def attestations_template(
    facts: tuple[Path, ...],
    fmt: str,
    out_file: Path | None,
    as_of: dt.date | None,
    plans: tuple[str, ...],
    rules_dir: Path | None,
) -> None:
    """The review items of these sites with blank 结论/检查员/日期/证据, to fill and pass back with --attestations."""
    from compliance.report import review

    if fmt == "xlsx" and out_file is None:
        fail([Problem("--out", None, "", "an Excel workbook is written to a file: give --out FILE.xlsx")])
    pack = _pack(rules_dir)
    assessed, errors = _assess(pack, facts, as_of, _plans(pack, plans), None)
    table = review.rows([a for _, a in assessed])
    try:
        if fmt == "xlsx" and out_file is not None:
            review.write_xlsx(table, out_file)
        elif out_file is not None:
            out_file.write_text(review.as_csv(table), encoding="utf-8-sig")
        else:
            echo(review.as_csv(table), nl=False)
    except OSError as error:
        fail([Problem(str(out_file), None, "", f"cannot be written: {error.strerror or error}")])
    if out_file is not None:
        echo(f"{out_file}: {len(table)} review items", err=True)
    _warn_unused([], errors, None)
    sys.exit(EXIT_BAD_INPUT if errors else 0)


@main.group()
def facts() -> None:
    """Help with facts files."""


@facts.command("template")
@click.option("--kind", required=True, help="Site kind, e.g. village, park, river_segment.")
@click.option("--plan", "plans", multiple=True, help="Only metrics this plan needs (repeatable).")
@click.option("--format", "fmt", type=click.Choice(["yaml", "csv"]), default="yaml", show_default=True)
@RULES_OPTION
def facts_template(kind: str, plans: tuple[str, ...], fmt: str, rules_dir: Path | None) -> None:
    """Print a fill-in facts file listing every metric the applicable requirements need."""
    from compliance import template

    pack = _pack(rules_dir)
    kind = _kind(pack, kind)
    chosen = _plans(pack, plans)
    text = template.as_csv(pack, kind, chosen) if fmt == "csv" else template.as_yaml(pack, kind, chosen)
    echo(text, nl=False)


@main.group()
def schema() -> None:
    """Print the JSON Schemas shipped with the package."""


@schema.command("rules")
def schema_rules() -> None:
    """The schema of a rule file (point yaml-language-server at it)."""
    from compliance.schema import SCHEMA_DIR

    echo((SCHEMA_DIR / "rules.schema.json").read_text(encoding="utf-8"), nl=False)


@schema.command("facts")
@click.option("--kind", required=True, help="Site kind, e.g. village.")
@RULES_OPTION
def schema_facts(kind: str, rules_dir: Path | None) -> None:
    """The schema of a facts file for one site kind."""
    from compliance.schema import SCHEMA_DIR, dumps, facts_schema, kind_metrics

    pack = _pack(rules_dir)
    kind = _kind(pack, kind)
    shipped = SCHEMA_DIR / f"facts.{kind}.schema.json"
    if rules_dir is None and shipped.is_file():
        echo(shipped.read_text(encoding="utf-8"), nl=False)
    else:
        echo(dumps(facts_schema(pack.catalogue.kind(kind), kind_metrics(pack, kind))), nl=False)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--tag", "tags", multiple=True, help="Only scenarios with this tag, e.g. JA-14-7 (repeatable).")
@click.option("--cucumberjson", type=click.Path(dir_okay=False, path_type=Path), help="Also write Cucumber JSON here.")
@click.option("--junitxml", type=click.Path(dir_okay=False, path_type=Path), help="Also write JUnit XML here.")
@click.option("-v", "--verbose", is_flag=True, help="List every scenario, not only the failed ones.")
@LANG_OPTION
@RULES_OPTION
def scenarios(
    paths: tuple[Path, ...],
    tags: tuple[str, ...],
    cucumberjson: Path | None,
    junitxml: Path | None,
    verbose: bool,
    lang: str,
    rules_dir: Path | None,
) -> None:
    """Run Gherkin scenarios (.feature files or folders; default: features/) and summarize them.

    Exit codes: 0 every scenario holds, 1 a scenario failed, 2 nothing to run or a file cannot be read.
    """
    from compliance.bdd.run import render, run_scenarios

    chosen = list(paths) or [Path("features")]
    absent = [p for p in chosen if not p.exists()]
    if absent:
        fail([Problem(str(p), None, "", "no such file or folder") for p in absent])
    result = run_scenarios(chosen, rules_dir, tags, cucumberjson, lang)
    echo(render(result, lang, verbose), nl=False)
    if junitxml is not None:
        from compliance.report.junit import render_scenarios

        junitxml.parent.mkdir(parents=True, exist_ok=True)
        junitxml.write_text(render_scenarios(result.run), encoding="utf-8")
    if not result.scenarios and not result.errors:
        fail([Problem(", ".join(map(str, chosen)), None, "", "no scenarios found (.feature files)")])
    if result.errors or result.exit_code not in (0, 1):
        sys.exit(EXIT_BAD_INPUT)
    sys.exit(1 if result.failed else 0)


@main.command()
@LANG_OPTION
def steps(lang: str) -> None:
    """The Gherkin steps a .feature file can use, each with an example."""
    from compliance.bdd.help import render_steps

    echo(render_steps(lang), nl=False)


@rules.command("coverage")
@click.option(
    "--features",
    "feature_paths",
    multiple=True,
    type=click.Path(exists=True, path_type=Path),
    help="Feature file or folder (repeatable; default: features/).",
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--strict", is_flag=True, help="Exit 1 if a decidable requirement lacks a pass or a fail scenario.")
@click.option("--all", "all_rows", is_flag=True, help="With --features: every requirement, not only those touched.")
@LANG_OPTION
@RULES_OPTION
def rules_coverage(
    feature_paths: tuple[Path, ...], fmt: str, strict: bool, all_rows: bool, lang: str, rules_dir: Path | None
) -> None:
    """Per requirement: whether scenarios pin down a pass, a fail and a missing-data case.

    With --features, only the requirements those files check or tag are listed (all of them with --all).
    """
    from compliance.bdd.coverage import coverage, render_json, render_text

    pack = _pack(rules_dir)
    result = coverage(pack, list(feature_paths) or [Path("features")])
    if feature_paths and not all_rows:
        result = result.only_touched()
    echo(render_json(result) if fmt == "json" else render_text(result, lang), nl=False)
    lacking = [r.requirement for r in result.decidable() if not (r.covers("pass") and r.covers("fail"))]
    sys.exit(1 if result.errors or (strict and lacking) else 0)
