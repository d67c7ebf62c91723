"""The rule pack as commands use it: read and validated by load/, its requirements proven compilable by engine/.

load/ and engine/ sit beside each other and never import one another; this module is where the two meet,
so `check`, `batch`, `rules lint`, the Gherkin steps and the schema export all refuse the same packs.
"""

from __future__ import annotations

from pathlib import Path

from compliance.engine.compile import CompileError, compile_kind
from compliance.load.references import requirement_problem
from compliance.load.rules import read_pack
from compliance.model.plan import RulePack
from compliance.model.problems import Problem


def compile_problems(pack: RulePack) -> list[Problem]:
    """Each requirement the engine cannot compile, located where it is declared (its file and line)."""
    problems = []
    for requirement in pack.requirements:
        try:
            compile_kind([requirement], pack.catalogue)
        except CompileError as error:
            problems.append(requirement_problem(pack, requirement, "check", str(error)))
    return problems


def load_pack(rules_dir: Path | None = None) -> RulePack:
    """The pack in `rules_dir` (the shipped rules when None), every problem raised together as an InputError."""
    return read_pack(rules_dir, compile_problems)
