"""The side-by-side benchmark's contenders decide every generated village as `compliance batch` does.

If a rule, as-of date or verdict rule changed in the pack and not in `benchmarks/village_rules.py`, the
benchmark would compare the tool with a script doing another job; this keeps the two in step.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_batch import Run

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import side_by_side  # noqa: E402
from batch_villages import AS_OF, write_villages  # noqa: E402


@pytest.fixture(scope="module")
def villages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("side") / "villages.csv"
    write_villages(path, 600, seed=11, first_year=2020)
    return path


@pytest.fixture()
def tool_out(run: Run, villages: Path, tmp_path: Path) -> Path:
    out = tmp_path / "tool"
    result = run("batch", villages, "--kind", "village", "--out", out, "--as-of", AS_OF, "--quiet", "--workers", "1")
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.parametrize("script", ["villages_plain.py", "villages_polars.py"])
def test_a_contender_agrees_with_the_tool_on_every_verdict_and_finding(
    script: str, villages: Path, tool_out: Path, tmp_path: Path
) -> None:
    if script == "villages_polars.py":
        pytest.importorskip("polars")
    out = tmp_path / "contender"
    subprocess.run([sys.executable, str(BENCHMARKS / script), str(villages), str(out)], check=True)
    verdicts = side_by_side._agreement(side_by_side._verdicts(out), side_by_side._verdicts(tool_out))
    assert verdicts == "yes (600)"
    findings = side_by_side._agreement(side_by_side._finding_rows(out), side_by_side._finding_rows(tool_out))
    assert findings.startswith("yes ("), findings
    verdict_kinds = {verdict for _, verdict in side_by_side._verdicts(tool_out)}
    assert {"compliant", "non_compliant", "incomplete"} <= verdict_kinds, "the villages must exercise every verdict"
