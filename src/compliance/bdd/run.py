"""`compliance scenarios`: run feature files through pytest-bdd in-process and summarize them for people."""

from __future__ import annotations

import contextlib
import gc
import io
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from compliance.bdd.files import NORECURSEDIRS
from compliance.bdd.record import Recorder
from compliance.model.scenarios import ScenarioRun, ScenariosRun

MARKS = {"passed": "✓", "failed": "✗", "skipped": "-"}


@dataclass
class RunResult:
    run: ScenariosRun
    exit_code: int

    @property
    def scenarios(self) -> list[ScenarioRun]:
        return self.run.scenarios()

    @property
    def errors(self) -> list[str]:
        return self.run.errors

    @property
    def failed(self) -> list[ScenarioRun]:
        return [s for s in self.scenarios if s.outcome == "failed"]


def run_scenarios(
    paths: list[Path],
    rules_dir: Path | None = None,
    tags: tuple[str, ...] = (),
    cucumberjson: Path | None = None,
    lang: str = "zh",
) -> RunResult:
    """Run the scenarios quietly; pytest's own output is kept only to explain a run that could not start."""
    args = [*map(str, paths), "-p", "no:cacheprovider", "-q", "-o", "python_files=*.feature", "--compliance-lang", lang]
    # Only the two plugins the scenarios need: a plugin installed for something else (xdist, coverage, a
    # timeout) can neither change what they decide nor add its hooks to every scenario (a fifth of the time).
    args += ["--disable-plugin-autoload", "-p", "pytest_bdd.plugin", "-p", "compliance.bdd.plugin"]
    # Nor can the folder's pytest configuration: a pytest.ini or pyproject's addopts (`-m "not slow"`) would skip
    # scenarios quietly. (A conftest.py is pytest's way to add steps of one's own, and is read.)
    args += ["-c", os.devnull]
    # Nor pytest's default norecursedirs, which passes over folders named build, dist or venv (bdd/files.py).
    args += ["-o", f"norecursedirs={NORECURSEDIRS}"]
    args += ["--continue-on-collection-errors"]  # one unreadable file is reported; the others still run
    if rules_dir is not None:
        args += ["--compliance-rules", str(rules_dir)]
    if tags:
        args += ["-m", " or ".join(tags)]
    if cucumberjson is not None:
        args += [f"--cucumberjson={cucumberjson}"]
    recorder = Recorder()
    output = io.StringIO()
    with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output), _heap_set_aside():
        exit_code = int(pytest.main(args, plugins=[recorder]))
    run = recorder.result()
    if exit_code in (pytest.ExitCode.INTERNAL_ERROR, pytest.ExitCode.USAGE_ERROR) and not run.errors:
        run.errors.append(output.getvalue().strip())
    return RunResult(run, exit_code)


@contextlib.contextmanager
def _heap_set_aside() -> Iterator[None]:
    """The caller's objects kept out of the garbage collector's sight while pytest runs: pytest collects
    garbage once as its run ends, which walked every object of the calling process (the rule pack, and in
    a test run everything the tests had built: a quarter of a second and more a run). They are handed back
    to the collector afterwards, so nothing that became garbage meanwhile is kept. A caller that has set
    objects aside itself keeps them so: nothing is set aside or handed back then."""
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _example(result: ScenarioRun, lang: str) -> str:
    if not result.example:
        return ""
    sep = "，" if lang == "zh" else ", "
    return " [" + sep.join(f"{k}={v}" for k, v in result.example.items()) + "]"


def render(result: RunResult, lang: str = "zh", verbose: bool = False) -> str:
    """Per feature: counts, then each failed scenario (every scenario with `verbose`) with its message."""
    lines: list[str] = []
    for feature in result.run.features:
        path, scenarios = feature.uri, feature.scenarios
        passed = sum(s.outcome == "passed" for s in scenarios)
        failed = sum(s.outcome == "failed" for s in scenarios)
        title = feature.name or path
        if lang == "zh":
            lines.append(f"功能：{title}（{path}）  通过 {passed}，失败 {failed}")
        else:
            lines.append(f"feature: {title} ({path})  {passed} passed, {failed} failed")
        for scenario in scenarios:
            if scenario.outcome == "failed" or verbose:
                where = f"（{path}:{scenario.line}）" if lang == "zh" else f" ({path}:{scenario.line})"
                lines.append(f"  {MARKS.get(scenario.outcome, '?')} {scenario.name}{_example(scenario, lang)}{where}")
                lines.extend(f"      {text}" for text in scenario.message.splitlines())
    for error in result.errors:
        lines.append(("无法读取：" if lang == "zh" else "could not read: ") + error)
    total = len(result.scenarios)
    passed = sum(s.outcome == "passed" for s in result.scenarios)
    failed = len(result.failed)
    skipped = total - passed - failed
    if lang == "zh":
        tail = f"，跳过 {skipped}" if skipped else ""
        lines.append(f"共 {total} 个场景：通过 {passed}，失败 {failed}{tail}")
    else:
        tail = f", {skipped} skipped" if skipped else ""
        lines.append(f"{total} scenarios: {passed} passed, {failed} failed{tail}")
    return "\n".join(lines) + "\n"
