"""The batch's per-row modules are compiled in a wheel install, and the build compiles the modules the
manifest reports on."""

from __future__ import annotations

import ast
import os
from pathlib import Path

import compliance
from compliance.batch.compiled import COMPILED_MODULES, compiled_modules
from tests.conftest import ROOT


def _build_list() -> list[str]:
    """hatch_build.COMPILED, read without importing the hook (hatchling is only in the build environment)."""
    tree = ast.parse((ROOT / "hatch_build.py").read_text("utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "COMPILED" for t in node.targets):
            value = ast.literal_eval(node.value)
            assert isinstance(value, list)
            return [str(path) for path in value]
    raise AssertionError("hatch_build.py has no COMPILED list")


def test_the_build_compiles_the_modules_the_manifest_names() -> None:
    paths = _build_list()
    assert [p.removeprefix("src/").removesuffix(".py").replace("/", ".") for p in paths] == list(COMPILED_MODULES)
    assert all((ROOT / path).is_file() for path in paths)


def test_a_wheel_install_runs_the_batch_compiled() -> None:
    """`pip install .` compiles them; only an editable install (the source tree) or a build told
    COMPLIANCE_PURE_PYTHON runs them interpreted, and gives the same outputs, more slowly."""
    installed_from_source = Path(compliance.__file__).resolve().is_relative_to(ROOT / "src")
    if installed_from_source or os.environ.get("COMPLIANCE_PURE_PYTHON"):
        assert compiled_modules() == []
    else:
        assert compiled_modules() == list(COMPILED_MODULES)
