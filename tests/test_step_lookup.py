"""A step is looked up once per feature file (bdd/lookup.py), and `compliance scenarios` hands the caller's
objects back to the garbage collector (bdd/run.py): neither may change what a run decides."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

from compliance.bdd.run import run_scenarios

STEPS = """
from pytest_bdd import given, parsers, then


@given("a township's own tally", target_fixture="tally")
def tally():
    return {count}


@then(parsers.parse("the tally is {{expected:d}}"))
def tally_is(tally, expected):
    assert tally == expected
"""

FEATURE = """Feature: {name}
  Scenario: first look
    Given a township's own tally
    Then the tally is {count}

  Scenario: second look, same steps
    Given a township's own tally
    Then the tally is {count}
"""


def _folder(root: Path, name: str, count: int) -> None:
    folder = root / name
    folder.mkdir()
    (folder / "conftest.py").write_text(STEPS.format(count=count), encoding="utf-8")
    (folder / f"{name}.feature").write_text(FEATURE.format(name=name, count=count), encoding="utf-8")


def test_the_same_step_text_defined_twice_is_read_by_each_folders_own_definition(tmp_path: Path) -> None:
    """Two folders define the same step text differently in their conftest.py: each feature file gets its own
    folder's definition, in every scenario, however the look-ups are kept."""
    _folder(tmp_path, "huanxi", 3)
    _folder(tmp_path, "shoushan", 5)
    command = [sys.executable, "-m", "pytest", str(tmp_path), "-p", "no:cacheprovider", "-p", "no:hypothesispytest"]
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "4 passed" in result.stdout


def test_a_scenarios_run_leaves_the_garbage_collector_as_it_found_it(tmp_path: Path) -> None:
    _folder(tmp_path, "rixi", 2)
    assert gc.get_freeze_count() == 0
    result = run_scenarios([tmp_path])
    assert result.exit_code == 0 and len(result.scenarios) == 2
    assert gc.get_freeze_count() == 0
    gc.freeze()  # a caller that set its own objects aside finds them still set aside
    try:
        assert run_scenarios([tmp_path]).exit_code == 0 and gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
