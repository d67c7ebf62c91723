"""Assessing sites one facts file at a time: check, report, explain, diff and the attestations checklist."""

from __future__ import annotations

import datetime as dt
import hashlib
import shlex
import sys
from collections import Counter
from pathlib import Path

import click

from compliance.assess.assessor import Assessor
from compliance.cli.shared import (
    AS_OF_OPTION,
    ATTESTATIONS_OPTION,
    EXIT_BAD_INPUT,
    LANG_OPTION,
    RULES_OPTION,
    _attestations,
    _pack,
    _plans,
    echo,
    exit_code,
    fail,
)
from compliance.load.divisions import divisions_of
from compliance.load.facts import load_facts
from compliance.load.sitelines import placed
from compliance.model.attestation import AttestationBook, lapsed_warning
from compliance.model.facts import Site
from compliance.model.names import requirement_named, site_key
from compliance.model.plan import RulePack
from compliance.model.problems import InputError, Problem, did_you_mean
from compliance.model.result import Assessment, Status
from compliance.report import json as json_report
from compliance.report import text as text_report


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


@click.command()
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
    if fmt != "text" and (show is not None or hide is not None):
        echo(
            f"warning: --show/--hide apply to text output only: {fmt} lists every finding / 只作用于文本输出", err=True
        )
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
    first: dict[str, tuple[Path, str]] = {}
    for path in facts:
        try:
            facts_read = load_facts(path, pack.catalogue, divisions_of(pack.divisions), pack.gazetteer)
            site = facts_read.site
            seen = first.setdefault(site_key(site.id), (path, site.name))
            if book is not None and seen[1] != site.name:  # a copied file's id left as it was: attested twice
                message = f"site id {site.id!r} is also {seen[1]}'s in {seen[0]}: attestations name sites by id"
                raise InputError([Problem(str(path), None, "site.id", message)])
            assessed.append((path, assessor.assess(facts_read, date, chosen, book)))
        except InputError as error:
            errors.extend(placed(error.problems, path))
    return assessed, errors


def _not_explained(pack: RulePack, requirement_id: str, site: Site, path: Path) -> Problem:
    """Why a requirement found no finding for the site: it applies to other kinds, and it may be another plan's."""
    from compliance.assess.applicability import plans_for_place

    requirement = next(r for r in pack.requirements if r.id == requirement_id)
    kinds = ", ".join(requirement.applies.kinds)
    plan = pack.plans[pack.plan_of[requirement_id]]
    site_plans = plans_for_place(site.admin_code, site.district, pack.plans)
    other_en = other_zh = ""
    if site_plans and plan.id not in site_plans:
        other_en = f"; it is a requirement of {plan.short_en} (plan {plan.id})"
        other_en += f", but the site is under plan {site_plans[0]}"
        other_zh = f"；它是《{plan.short_zh}》（{plan.id}）的要求，而此站点属于 {site_plans[0]} 方案"
    message = (
        f"{requirement_id} applies to {kinds}, not to a {site.kind}{other_en}"
        f" / {requirement_id} 适用于站点类型 {kinds}，不适用于 {site.kind}{other_zh}"
    )
    return Problem(str(path), None, "site.kind", message)


def _warn_unused(assessments: list[Assessment], errors: list[Problem], book: AttestationBook | None) -> None:
    """The problems of unreadable files, and attestations naming sites or requirements this run did not assess."""
    for problem in errors:
        echo(f"error: {problem}", err=True)
    if book is not None:
        sites = {site_key(a.site.id) for a in assessments}
        requirements = {f.requirement for a in assessments for f in a.findings}
        pairs = {(f.requirement, site_key(a.site.id)) for a in assessments for f in a.findings}
        for warning in book.unused(sites.__contains__, requirements.__contains__, lambda *pair: pair in pairs):
            echo(f"warning: {warning}", err=True)
        for assessment in assessments:
            for finding in assessment.findings:
                lapsed = book.lapsed_failure(finding.requirement, assessment.site.id, assessment.as_of)
                if lapsed is not None and finding.status == Status.NEEDS_REVIEW:
                    echo(f"warning: {lapsed_warning(lapsed)}", err=True)


FACTS_ARGUMENT = click.argument("facts", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
PLAN_OPTION = click.option(
    "--plan", "plans", multiple=True, help="Assess against this plan only (repeatable); default: the site's plans."
)


@click.command()
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
    from compliance.report.unused import set_aside

    pack = _pack(rules_dir)
    book = _attestations(pack, attestation_files)
    assessed, errors = _assess(pack, facts, as_of, _plans(pack, plans), book)
    described = [(a, Provenance(hashlib.sha256(read_limited(p)).hexdigest(), pack.digest)) for p, a in assessed]
    keys = [site_key(a.site.id) for _, a in assessed]
    twice = sorted({a.site.id for _, a in assessed if keys.count(site_key(a.site.id)) > 1})
    if twice:
        echo(f"warning: site ids given more than once / 站点编号重复: {', '.join(twice)}", err=True)
    unused = set_aside(book, [a for _, a in assessed])
    try:
        written = write_reports(described, out_dir, fmt, lang, unused, errors)
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


@click.command()
@click.argument("facts_path", metavar="FACTS", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("requirement_id", metavar="REQ")
@AS_OF_OPTION
@ATTESTATIONS_OPTION
@LANG_OPTION
@RULES_OPTION
def explain(
    facts_path: Path,
    requirement_id: str,
    as_of: dt.date | None,
    attestation_files: tuple[Path, ...],
    lang: str,
    rules_dir: Path | None,
) -> None:
    """One requirement's finding for one site, with the full derivation of each class it reads from
    measurements: every parameter per period with its class, the worst, and the statistic over periods."""
    from compliance.assess.measured import derivations_read, derive_all
    from compliance.report import explain as explain_report

    pack = _pack(rules_dir)
    requirement = requirement_named(pack.requirements, requirement_id)
    if requirement is None:
        ids = [r.id for r in pack.requirements]
        fail([Problem(requirement_id, None, "", f"no such requirement{did_you_mean(requirement_id, ids)}")])
    try:
        facts_read = load_facts(facts_path, pack.catalogue, divisions_of(pack.divisions), pack.gazetteer)
        date, plan = as_of or dt.date.today(), [pack.plan_of[requirement.id]]
        assessment = Assessor(pack).assess(facts_read, date, plan, _attestations(pack, attestation_files))
    except InputError as error:
        fail(placed(error.problems, facts_path))
    finding = next((f for f in assessment.findings if f.requirement == requirement.id), None)
    if finding is None:
        fail(placed([_not_explained(pack, requirement.id, facts_read.site, facts_path)], facts_path))
    _, derived = derive_all(facts_read, pack.standards, pack.catalogue)
    echo(explain_report.render(finding, derivations_read(derived, requirement), pack.catalogue, lang), nl=False)


@click.command()
@click.argument("old", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("new", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@LANG_OPTION
def diff(old: Path, new: Path, fmt: str, lang: str) -> None:
    """Compare two `check --format json` outputs of the same site(s): fixed, better, worse, new, still open.

    Exit codes: 0 nothing got worse, 1 something got worse (a finding, a new problem or the verdict; a failure no
    longer decided, or no longer assessed), 2 bad input.
    """
    from compliance.report import diff as diff_report

    errors: list[Problem] = []  # NEW's own: a facts file it refused, whose site it therefore lacks
    before, after = _assessed(old, None), _assessed(new, errors)
    moved = [s for s in after.keys() & before.keys() if before[s].site.kind != after[s].site.kind]
    if moved:
        kinds = "; ".join(f"{s}: {before[s].site.kind} → {after[s].site.kind}" for s in sorted(moved))
        fail([Problem(str(new), None, "site.kind", f"different sites under one id ({kinds})")])
    only_old, only_new = sorted(before.keys() - after.keys()), sorted(after.keys() - before.keys())
    if only_new or (only_old and not errors):
        shown_old, shown_new = ", ".join(only_old) or "—", ", ".join(only_new) or "—"
        message = (
            f"different sites: only in {old}: {shown_old}; only in {new}: {shown_new} / 两次评估的站点不同：只在 {old}"
            f" 中：{shown_old}；只在 {new} 中：{shown_new}（diff 比较同一批站点的两次评估）"
        )
        fail([Problem(str(new), None, "site.id", message)])
    missing = [diff_report.missing_site(before[site], errors, list(after.values())) for site in only_old]
    diffs = [diff_report.compare(before[site], after[site]) for site in after]
    for d in diffs:
        if d.new.as_of < d.old.as_of:  # `diff 2026-12.json 2026-06.json`: a fix would read as worse
            echo(
                f"warning: {d.site}: NEW ({new}, as of {d.new.as_of}) is older than OLD ({old}, as of {d.old.as_of}):"
                f" are the files in the wrong order? / 评估日期倒序：NEW（{d.new.as_of}）早于 OLD（{d.old.as_of}），"
                "是否颠倒了参数？",
                err=True,
            )
    for warning in [*(w for d in diffs for w in diff_report.lost_failures(d)), *(m.warning() for m in missing)]:
        echo(f"warning: {warning}", err=True)
    if fmt == "json":
        echo(diff_report.render_json(diffs, missing), nl=False)
    else:
        echo("\n".join([diff_report.render_text(diffs, lang), *(m.text(lang) for m in missing)]), nl=False)
    sys.exit(1 if any(d.got_worse for d in diffs) or any(m.got_worse for m in missing) else 0)


def _assessed(path: Path, errors: list[Problem] | None) -> dict[str, Assessment]:
    """The assessments of a `check --format json` output by site id (`errors`: gets the output's own errors)."""
    from compliance.load.assessments import load_assessments

    try:
        assessments = load_assessments(path, errors)
    except InputError as error:
        fail(error.problems)
    by_id = {a.site.id: a for a in assessments}
    if len(by_id) < len(assessments):  # which one is the site followed up? neither is dropped silently
        counts = Counter(a.site.id for a in assessments)
        repeated = sorted(site for site, times in counts.items() if times > 1)
        fail([Problem(str(path), None, "site.id", f"more than one assessment of {', '.join(repeated)}")])
    return by_id


@click.group()
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
