"""ruff, mypy and the import contracts stay clean: the house rules are checked, not hoped for."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

MODULE_LINES = 500
"""A module of the package stays under this many lines: past it, it does more than one job."""
FUNCTION_LINES = 60
"""A function longer than this says why, in a comment starting `# Long:` just above it (or its decorators)."""


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, check=False)


def test_ruff_clean() -> None:
    result = _run("ruff", "check", "src", "tests", "benchmarks", "hatch_build.py")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_clean() -> None:
    result = _run("mypy", "src/compliance")
    assert result.returncode == 0, result.stdout + result.stderr


def test_layers_run_one_way() -> None:
    """The import-linter contracts of pyproject.toml: model <- engine <- assess <- report, load beside engine."""
    lint_imports = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run([str(lint_imports)], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def _long_without_reason(source: str) -> list[str]:
    """The functions of `source` over FUNCTION_LINES lines (from `def` to their last line) with no `# Long:`
    comment in the comment lines just above them or their decorators."""
    lines = source.splitlines()
    unexplained = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        length = (node.end_lineno or node.lineno) - node.lineno + 1
        if length <= FUNCTION_LINES:
            continue
        above = min([node.lineno, *(decorator.lineno for decorator in node.decorator_list)]) - 2
        comments = []
        while above >= 0 and lines[above].lstrip().startswith("#"):
            comments.append(lines[above].strip())
            above -= 1
        if not any(comment.startswith("# Long:") for comment in comments):
            unexplained.append(f"{node.name} (line {node.lineno}, {length} lines)")
    return unexplained


def test_modules_are_small_and_long_functions_say_why() -> None:
    """Every module of src/compliance under MODULE_LINES lines; every function over FUNCTION_LINES lines with
    a `# Long:` reason above it."""
    found = []
    for path in sorted((ROOT / "src" / "compliance").rglob("*.py")):
        source = path.read_text("utf-8")
        where = path.relative_to(ROOT)
        if len(source.splitlines()) >= MODULE_LINES:
            found.append(f"{where}: {len(source.splitlines())} lines")
        found += [f"{where}: {function}" for function in _long_without_reason(source)]
    assert not found, "split these, or give a long function a `# Long:` reason:\n" + "\n".join(found)


def test_a_long_function_without_a_reason_is_found() -> None:
    """The walk above can fail: a 61-line function is caught, and passes once a reason is written above it."""
    body = "".join(f"    x{n} = {n}\n" for n in range(FUNCTION_LINES))
    function = f"@staticmethod\ndef long_one() -> None:\n{body}"
    assert _long_without_reason(function) == ["long_one (line 2, 61 lines)"]
    assert _long_without_reason("# Long: a table of sixty cases reads best in one place.\n" + function) == []
    assert _long_without_reason("# Long: not next to it\n\n" + function) == ["long_one (line 4, 61 lines)"]
    assert _long_without_reason(function.replace("    x0 = 0\n", "")) == [], "60 lines is not long"
