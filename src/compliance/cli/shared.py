"""What every command shares: exit codes, the common options, reading the rule pack and the --kind, --plan
and --attestations a user named, and refusing bad input with a clear message instead of a traceback."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import NoReturn

import click

from compliance.load.attestations import conflicts, load_attestations
from compliance.load.facts import resolve_kind
from compliance.load.values import DATE_FORMS, ValueProblem, read_date
from compliance.model.attestation import Attestation, AttestationBook
from compliance.model.plan import RulePack
from compliance.model.problems import InputError, Problem, did_you_mean
from compliance.model.result import Assessment, Verdict
from compliance.pack import load_pack
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
    warnings: list[str] = []
    for path in paths:
        try:
            recorded.extend(load_attestations(path, pack, warnings))
        except InputError as error:
            problems.extend(error.problems)
    for warning in warnings:  # a CSV Chinese Excel saved in GBK
        echo(f"warning: {warning}", err=True)
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
