"""A site named like a township (汀溪, 后溪, 鼓山) is a site in a batch of rivers, scenic areas or water sources: the
reading of such a name as a township's own row or a village written short belongs to batches of villages (and
communities) only. Totals words and a township's full name still mark a totals row in every kind."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result


def _batch(run: Callable[..., Result], tmp_path: Path, kind: str, rows: list[list[str]]) -> tuple[dict, str, str]:
    table = tmp_path / f"{kind}.csv"
    with table.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([["站点编号", "名称", "所在区", "水质类别"], *rows])
    out = tmp_path / f"out-{kind}"
    result = run("batch", table, "--kind", kind, "--out", out, "--as-of", "2026-06-30", "--quiet")
    assert result.exit_code in (0, 1, 3), result.output
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    rejected = (out / "rejected.csv").read_text(encoding="utf-8-sig")
    findings = (out / "findings.jsonl").read_text(encoding="utf-8")
    return summary, rejected, findings


def test_rivers_named_like_townships_are_assessed(run: Callable[..., Result], tmp_path: Path) -> None:
    rows = [
        ["R1", "汀溪", "同安区", "Ⅱ类"],
        ["R2", "后溪", "集美区", "Ⅱ类"],
        ["R3", "后溪（集美段）", "集美区", "Ⅱ类"],
        ["R4", "宦溪镇", "晋安区", "Ⅱ类"],
        ["R5", "合计", "同安区", "Ⅱ类"],
    ]
    summary, rejected, findings = _batch(run, tmp_path, "river_segment", rows)
    assert (summary["assessed"], summary["rejected"]) == (3, 2), rejected
    assert "R1" not in rejected and "R3" not in rejected
    assert "宦溪镇" in rejected and "合计" in rejected
    assert "合计行" in rejected  # the township's own row, said in Chinese too
    xm_6_4 = [json.loads(line) for line in findings.splitlines() if '"XM-6-4"' in line]
    assert any(f["site"] == "R1" and f["status"] != "not_applicable" for f in xm_6_4), xm_6_4


@pytest.mark.parametrize(
    ("kind", "name", "district"), [("scenic_area", "鼓山", "晋安区"), ("water_source", "宦溪", "晋安区")]
)
def test_other_kinds_named_like_townships_are_sites(
    run: Callable[..., Result], tmp_path: Path, kind: str, name: str, district: str
) -> None:
    rows = [["S1", name, district, "Ⅱ类"], ["S2", f"{name}（风景区）", district, "Ⅱ类"]]
    summary, rejected, _ = _batch(run, tmp_path, kind, rows)
    assert (summary["assessed"], summary["rejected"]) == (2, 0), rejected


def test_a_village_batch_still_reads_a_short_township_name_as_its_row(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    summary, rejected, _ = _batch(
        run, tmp_path, "village", [["V1", "汀溪", "同安区", ""], ["V2", "后溪（集美段）", "集美区", ""]]
    )
    assert summary["rejected"] == 2
    assert "乡镇简称“汀溪”" in rejected and "named 汀溪, the short name" in rejected
    assert "a totals row for 后溪" in rejected
