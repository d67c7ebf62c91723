from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
import tempfile

# Bytecode is written even where PYTHONDONTWRITEBYTECODE is set: pytest rewrites every module of a package
# with a pytest plugin (all of compliance) and every test module, and without its cache each pytest
# process here, the parallel workers and the scenario runs the tests start, would rewrite and compile
# them all again (about 3 s each). This is set before compliance is imported, and passed to subprocesses.
sys.dont_write_bytecode = False
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result

from compliance.assess.assessor import Assessor
from compliance.cli import main
from compliance.model.plan import RulePack
from compliance.pack import load_pack
from tests.browser import chromium

__all__ = ["chromium"]
"""Chromium, launched once per test process for every browser test (tests/browser.py)."""

_MADE_CACHE = pytest.StashKey[Path]()
ROOT = Path(__file__).resolve().parents[1]


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`pytest -n auto` starts one worker more than there are cores: several tests wait on processes they
    start (a batch they interrupt, Chromium, a scenario run), and a third worker fills that time (on the 2-core
    machine the warm suite took 69-71 s with 3 workers, 77-79 s with 2)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return cores + 1


def pytest_configure(config: pytest.Config) -> None:
    """Keep the rule-pack cache of test runs out of the user's cache folder, and fill it once here, before
    parallel workers start: each would otherwise read the rule files itself."""
    if "COMPLIANCE_CACHE_DIR" not in os.environ:
        os.environ["COMPLIANCE_CACHE_DIR"] = tempfile.mkdtemp(prefix="compliance-cache-")
        config.stash[_MADE_CACHE] = Path(os.environ["COMPLIANCE_CACHE_DIR"])
    load_pack()


def pytest_unconfigure(config: pytest.Config) -> None:
    """Remove the cache folder this run made (xdist's workers inherit it and make none of their own)."""
    made = config.stash.get(_MADE_CACHE, None)
    if made is not None:
        shutil.rmtree(made, ignore_errors=True)


EXAMPLES = ROOT / "examples"
AS_OF = dt.date(2026, 6, 30)


@pytest.fixture(scope="session")
def pack() -> RulePack:
    return load_pack()


@pytest.fixture(scope="session")
def assessor(pack: RulePack) -> Assessor:
    return Assessor(pack)


@pytest.fixture()
def run() -> Callable[..., Result]:
    def invoke(*args: str) -> Result:
        return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)

    return invoke


@pytest.fixture()
def facts_file(tmp_path: Path) -> Callable[..., Path]:
    """Write a facts file for a site of 晋安区 and return its path."""

    def write(facts: dict[str, object], kind: str = "village", name: str = "九峰村", **site: object) -> Path:
        body = {"site": {"id": "S1", "kind": kind, "name": name, "district": "晋安区", **site}, "facts": facts}
        path = tmp_path / f"{kind}-{len(list(tmp_path.iterdir()))}.yaml"
        path.write_text(yaml.safe_dump(body, allow_unicode=True), encoding="utf-8")
        return path

    return write


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """Keep each phase's report on the test (`rep_call`), so a fixture can tell a failed test at teardown."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report
