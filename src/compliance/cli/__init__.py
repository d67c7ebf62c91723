"""The `compliance` command: thin click wrappers that parse options, call the layers and pick exit codes.

One module per task a user comes with: `check` (one site at a time), `batch` (a table of sites), `rules` (the
rule packs and what they ask of input files), `scenarios` (Gherkin); `shared` holds what they all use.
"""

from __future__ import annotations

import sys

import click

from compliance import __version__
from compliance.cli import batch, check, rules, scenarios
from compliance.cli.shared import (
    AS_OF_OPTION,
    ATTESTATIONS_OPTION,
    EXIT_BAD_INPUT,
    EXIT_COMPLIANT,
    EXIT_INCOMPLETE,
    EXIT_NO_APPLICABLE_REQUIREMENT,
    EXIT_NON_COMPLIANT,
    LANG_OPTION,
    RULES_OPTION,
    echo,
    exit_code,
    fail,
)

__all__ = [
    "AS_OF_OPTION",
    "ATTESTATIONS_OPTION",
    "EXIT_BAD_INPUT",
    "EXIT_COMPLIANT",
    "EXIT_INCOMPLETE",
    "EXIT_NON_COMPLIANT",
    "EXIT_NO_APPLICABLE_REQUIREMENT",
    "LANG_OPTION",
    "RULES_OPTION",
    "echo",
    "exit_code",
    "fail",
    "main",
]


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


for command in (
    check.check,
    check.report,
    check.explain,
    check.diff,
    check.attestations,
    batch.batch,
    rules.rules,
    rules.facts,
    rules.schema,
    scenarios.scenarios,
    scenarios.steps,
):
    main.add_command(command)
