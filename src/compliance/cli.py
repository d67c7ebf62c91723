"""The `compliance` command: thin click wrappers that parse options, call the layers and pick exit codes."""

from __future__ import annotations

import datetime as dt
import re
import sys
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any, NoReturn

import click

from compliance import __version__
from compliance.assess.assessor import Assessor
from compliance.load.attestations import AttestationBook, conflicts, load_attestations
from compliance.load.divisions import divisions_of
from compliance.load.errors import InputError, Problem, did_you_mean
from compliance.load.facts import load_facts, resolve_kind
from compliance.load.rules import default_rules_dir, load_pack
from compliance.load.values import DATE_FORMS, ValueProblem, read_date
from compliance.model.attestation import Attestation
from compliance.model.plan import RulePack
from compliance.model.result import Assessment, Verdict
from compliance.report import batch as batch_report
from compliance.report import json as json_report
from compliance.report import rules as rules_report
from compliance.report import text as text_report
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
    help="Inspectors' judgements on review items (YAML or CSV; repeatable).",
)


class DateParam(click.ParamType):  # type: ignore[type-arg]
    """A date as people write it, read by the same reader as facts files' `observed_on`."""

    name = "date"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> dt.date:
        try:
            return read_date(value)
        except ValueProblem as problem:
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
@ATTESTATIONS_OPTION
@LANG_OPTION
@RULES_OPTION
def check(
    facts: tuple[Path, ...],
    as_of: dt.date | None,
    plans: tuple[str, ...],
    fmt: str,
    attestation_files: tuple[Path, ...],
    lang: str,
    rules_dir: Path | None,
) -> None:
    """Assess one or more facts files (YAML or JSON) and print the findings."""
    pack = _pack(rules_dir)
    chosen = _plans(pack, plans)
    date = as_of or dt.date.today()
    book = _attestations(pack, attestation_files)
    assessor = Assessor(pack)
    assessments: list[Assessment] = []
    errors: list[Problem] = []
    for path in facts:
        try:
            facts_read = load_facts(path, pack.catalogue, divisions_of(pack.divisions))
            assessments.append(assessor.assess(facts_read, date, chosen, book))
        except InputError as error:
            errors.extend(error.problems)
    if fmt == "json":
        echo(json_report.render(assessments, errors), nl=False)
    elif fmt in ("junit", "sarif"):
        echo(_machine_report(fmt, pack, facts, assessments, errors, lang), nl=False)
    else:
        echo("\n".join(text_report.render(a, lang) for a in assessments), nl=False)
    for problem in errors:
        echo(f"error: {problem}", err=True)
    if book is not None:
        sites = {a.site.id for a in assessments}
        requirements = {f.requirement for a in assessments for f in a.findings}
        for warning in book.unused(sites.__contains__, requirements.__contains__):
            echo(f"warning: {warning}", err=True)
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
    xlsx_rows: int,
    overwrite: bool,
    max_findings_bytes: int,
    quiet: bool,
    rules_dir: Path | None,
) -> None:
    """Assess every row of a CSV, Excel (.xlsx) or JSONL file, or every facts file in a folder.

    Writes sites.csv, findings.jsonl, rejected.csv, summary.json, report.xlsx and manifest.json to --out,
    which they are moved into only once complete. Exit 0 when the batch ran (rejected rows are listed in
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


@rules.command("list")
@click.option("--plan", "plans", multiple=True, help="Only this plan (repeatable).")
@click.option("--kind", default=None, help="Only requirements applying to this site kind.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@LANG_OPTION
@RULES_OPTION
def rules_list(plans: tuple[str, ...], kind: str | None, fmt: str, lang: str, rules_dir: Path | None) -> None:
    """List requirements: id, plan, kinds, strength, title."""
    pack = _pack(rules_dir)
    chosen = _plans(pack, plans)
    if kind is not None:
        kind = _kind(pack, kind)
    selected = [
        r
        for r in pack.requirements
        if (chosen is None or pack.plan_of[r.id] in chosen) and (kind is None or kind in r.applies.kinds)
    ]
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
    "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), help="Write index.md/index.html here."
)
@RULES_OPTION
def rules_doc(fmt: str, out_dir: Path | None, rules_dir: Path | None) -> None:
    """A browsable catalogue of every requirement by plan and section, with the metric definitions."""
    from compliance.load.rules import plan_text
    from compliance.report import ruledoc

    pack = _pack(rules_dir)
    root = rules_dir or default_rules_dir()
    try:
        texts = {p.id: plan_text(root, p) for p in pack.plans.values()}
    except InputError as error:
        fail(error.problems)
    plans = ruledoc.outline(pack, texts)
    render = ruledoc.html_page if fmt == "html" else ruledoc.markdown
    document = render(plans, pack.catalogue.metrics)
    if out_dir is None:
        echo(document, nl=False)
        return
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / ("index.html" if fmt == "html" else "index.md")
    target.write_text(document, encoding="utf-8")
    echo(str(target))


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
