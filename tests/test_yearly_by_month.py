"""A yearly duty (汛前排查 JA-25-15, due by 1 April; 年度评价 XM-0-10, due at the year's end) answered by month, as a
half-year or year-end return gives it, is read by year: a 是 in any month is the year's 是, a 否 answers the year only
in a month the duty was due by, and an earlier 否 leaves the year unanswered. `check` and `batch` read it alike."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import Result

CASES = [
    ("JA-25-15", "开展汛前超标隐患排查整治", {"2025-06": "是"}, "2025-12-31", "pass"),
    ("JA-25-15", "开展汛前超标隐患排查整治", {"2025-06": "否"}, "2025-12-31", "fail"),
    ("JA-25-15", "开展汛前超标隐患排查整治", {"2025-03": "否"}, "2025-12-31", "insufficient_data"),
    ("XM-0-10", "开展美丽城市建设成效年度评价", {"2025-12": "是"}, "2026-03-31", "pass"),
    ("XM-0-10", "开展美丽城市建设成效年度评价", {"2025-06": "否"}, "2026-03-31", "insufficient_data"),
    ("XM-0-10", "开展美丽城市建设成效年度评价", {"2025-12": "否"}, "2026-03-31", "fail"),
]


def _site(requirement: str) -> dict[str, str]:
    if requirement.startswith("JA"):
        return {"id": "D1", "kind": "区", "name": "晋安区", "district": "晋安区"}
    return {"id": "C1", "kind": "市", "name": "厦门市", "district": "厦门市"}


def _checked(run: Callable[..., Result], tmp_path: Path, case: tuple[str, str, dict[str, str], str, str]) -> str:
    requirement, fact, series, as_of, _ = case
    path = tmp_path / "site.yaml"
    document = {"site": _site(requirement), "facts": {fact: {"series": series}}}
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    result = run("check", path, "--as-of", as_of, "--format", "json")
    (assessment,) = json.loads(result.stdout)["assessments"]
    assert "按月填报的读作各年" in result.stderr + json.dumps(assessment, ensure_ascii=False)
    return str(next(f for f in assessment["findings"] if f["requirement"] == requirement)["status"])


def _batched(run: Callable[..., Result], tmp_path: Path, case: tuple[str, str, dict[str, str], str, str]) -> str:
    requirement, fact, series, as_of, _ = case
    site = _site(requirement)
    table, out = tmp_path / "sites.csv", tmp_path / "out"
    with table.open("w", encoding="utf-8", newline="") as handle:
        header = ["编号", "名称", "所在区", *(f"{fact}[{period}]" for period in series)]
        csv.writer(handle).writerows([header, [site["id"], site["name"], site["district"], *series.values()]])
    kind = "district" if requirement.startswith("JA") else "city"
    run("batch", table, "--kind", kind, "--out", out, "--as-of", as_of, "--quiet", "--all-findings")
    lines = (out / "findings.jsonl").read_text(encoding="utf-8").splitlines()
    return str(next(json.loads(line) for line in lines if json.loads(line)["requirement"] == requirement)["status"])


@pytest.mark.parametrize("case", CASES, ids=[f"{c[0]}-{'-'.join(c[2])}-{c[2][next(iter(c[2]))]}" for c in CASES])
def test_a_yearly_duty_given_by_month_is_read_by_year_in_check_and_batch(
    run: Callable[..., Result], tmp_path: Path, case: tuple[str, str, dict[str, str], str, str]
) -> None:
    assert _checked(run, tmp_path, case) == case[4]
    assert _batched(run, tmp_path, case) == case[4]
