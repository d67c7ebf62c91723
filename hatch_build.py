"""Wheel build hook: compiles the per-row modules of `compliance batch` to C extensions with mypyc.

The compiled modules are ordinary Python modules of the package (`src/compliance/batch/rows.py` and the
ones below) turned into C extensions beside them; the .py files stay in the wheel, so the package works
the same without them. A build that cannot compile (no C compiler, or COMPLIANCE_PURE_PYTHON=1 set)
warns and ships pure Python; an editable install is always pure Python, so edits take effect at once.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

COMPILED = [
    "src/compliance/assess/gap.py",
    "src/compliance/assess/series.py",
    "src/compliance/batch/areanames.py",
    "src/compliance/batch/chunks.py",
    "src/compliance/batch/compact.py",
    "src/compliance/batch/figures.py",
    "src/compliance/batch/findingtexts.py",
    "src/compliance/batch/ids.py",
    "src/compliance/batch/rowfacts.py",
    "src/compliance/batch/rowperiods.py",
    "src/compliance/batch/rowplaces.py",
    "src/compliance/batch/rows.py",
    "src/compliance/batch/seen.py",
    "src/compliance/batch/sitescsv.py",
    "src/compliance/batch/totals.py",
    "src/compliance/batch/villagerepeats.py",
    "src/compliance/engine/derive.py",
    "src/compliance/engine/evaluate.py",
]
"""Modules on the per-row path of `compliance batch`; everything else stays interpreted.
`compliance.batch.compiled.COMPILED_MODULES` names the same modules (a test keeps the two together)."""
MYPY_OPTIONS = ["--config-file=", "--ignore-missing-imports", "--follow-imports=silent"]
"""The build environment has mypy but not the runtime dependencies: their types count as Any here
(their values are checked by `isinstance` where compiled code receives them)."""


class CompiledRowsHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if version == "editable" or os.environ.get("COMPLIANCE_PURE_PYTHON"):
            return
        self._work = Path(tempfile.mkdtemp(prefix="compliance-mypyc-"))
        try:
            built = self._compile(self._work)
        except Exception as error:  # any failure to compile leaves a working pure-Python wheel
            print(f"warning: batch modules not compiled ({error}); the wheel is pure Python", file=sys.stderr)
            return
        build_data["pure_python"] = False
        build_data["infer_tag"] = True
        for path in built:
            build_data["force_include"][str(path)] = str(path.relative_to(self._work / "lib"))

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        work = getattr(self, "_work", None)
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)

    def _compile(self, work: Path) -> list[Path]:
        from mypyc.build import mypycify
        from setuptools import Distribution
        from setuptools.command.build_ext import build_ext

        root = Path(self.root)
        here = Path.cwd()
        os.chdir(root)  # mypyc names modules from paths relative to the project
        try:
            extensions = mypycify(
                [*MYPY_OPTIONS, *COMPILED], opt_level="3", target_dir=str(work / "c"), group_name="compliance_batch"
            )
            command = build_ext(Distribution({"ext_modules": extensions}))
            command.build_lib = str(work / "lib")
            command.build_temp = str(work / "temp")
            command.ensure_finalized()
            command.run()
        finally:
            os.chdir(here)
        built = sorted(p for p in (work / "lib").rglob("*") if p.suffix in (".so", ".pyd"))
        if not built:
            raise RuntimeError("mypyc produced no extension modules")
        return built
