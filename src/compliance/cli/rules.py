"""Browsing and checking the rule packs (rules list/show/search/lint/doc/coverage), and what they ask of
input files: the JSON Schemas and the facts template."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from compliance.cli.shared import (
    LANG_OPTION,
    RULES_OPTION,
    _kind,
    _pack,
    _plans,
    echo,
    fail,
)
from compliance.load.rules import default_rules_dir
from compliance.model.names import requirement_named
from compliance.model.plan import Requirement, RulePack
from compliance.model.problems import InputError, Problem, did_you_mean
from compliance.report import rules as rules_report
from compliance.report.ruledoc import PlanOutline


@click.group()
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
    found = requirement_named(pack.requirements, requirement_id)
    if found is None:
        ids = [r.id for r in pack.requirements]
        fail([Problem(requirement_id, None, "", f"no such requirement{did_you_mean(requirement_id, ids)}")])
    echo(rules_report.show_text(pack, found, lang), nl=False)


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

    The scenarios are run: only those that hold count (a failing or unreadable one covers nothing).

    With --features, only the requirements those files check or tag are listed (all of them with --all).
    """
    from compliance.bdd.coverage import coverage, render_json, render_text
    from compliance.bdd.files import passed_over_notices

    pack = _pack(rules_dir)
    result = coverage(pack, list(feature_paths) or [Path("features")], lang, rules_dir)
    if feature_paths and not all_rows:
        result = result.only_touched()
    echo(render_json(result) if fmt == "json" else render_text(result, lang), nl=False)
    for notice in passed_over_notices(list(feature_paths) or [Path("features")], lang):
        echo(notice, err=fmt == "json")
    lacking = [r.requirement for r in result.decidable() if not (r.covers("pass") and r.covers("fail"))]
    sys.exit(1 if result.errors or (strict and lacking) else 0)


@click.group()
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


@click.group()
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
