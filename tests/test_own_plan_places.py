"""A site's name is read against its own plan's places only: a place only another plan names (晋安's 新店镇,
鼓山风景名胜区) is never a 厦门 site, nor close to one; in `check` and in `batch` alike."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from compliance.assess.assessor import Assessor
from compliance.model.facts import Facts, Site
from compliance.model.result import Status

AS_OF = dt.date(2026, 6, 30)


def _check(run: Callable[..., Result], tmp_path: Path, site: str) -> str:
    path = tmp_path / "site.yaml"
    facts = "facts:\n  建成美丽乡村的行政村比例: {series: {2026: 90, 2027: 90}}\n"
    path.write_text(f"site: {{id: T, kind: 乡镇, name: 新店, {site}}}\n{facts}", encoding="utf-8")
    return run("explain", path, "XM-0-21", "--as-of", "2028-03-01").output


def test_xindian_of_xiang_an_is_no_township_of_jin_an(run: Callable[..., Result], tmp_path: Path) -> None:
    """新店 in 翔安区 (新店街道, 350213003) is 翔安区's, whatever way its district is given: XM-0-21 is checked."""
    for site in ("district: 翔安区", "district: 厦门市", 'admin_code: "350213003"'):
        output = _check(run, tmp_path, site)
        assert "不达标" in output and "新店镇" not in output, (site, output)


def test_a_xiamen_scenic_area_is_not_close_to_a_jin_an_one(assessor: Assessor) -> None:
    """鼓浪屿风景名胜区 of 思明区 is compared with 厦门's places only: no warning that it is close to 鼓山风景名胜区."""
    site = Site(id="N", kind="scenic_area", name="鼓浪屿风景名胜区", district="思明区")
    assessment = assessor.assess(Facts(site=site, observations={}, source="test"), AS_OF)
    assert not [w for w in assessment.warnings if "鼓山" in w.text_zh]
    statuses = {f.requirement: f.status for f in assessment.findings}
    assert statuses["XM-8-2"] == Status.NOT_APPLICABLE and statuses["XM-4-9"] == Status.NOT_APPLICABLE


def test_a_batch_reads_xindian_of_xiang_an_as_xiang_an_s(run: Callable[..., Result], tmp_path: Path) -> None:
    table = tmp_path / "tw.csv"
    table.write_text(
        "站点编号,名称,所在区,2027年建成美丽乡村的行政村比例\nT1,新店,翔安区,90\nT2,新圩镇,翔安区,90\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    run("batch", table, "--kind", "township", "--out", out, "--as-of", "2028-03-01")
    with (out / "sites.csv").open(encoding="utf-8-sig") as handle:
        rows = {row["site_id"]: row for row in csv.DictReader(handle)}
    assert rows["T1"]["failing"] == "XM-0-21" == rows["T2"]["failing"]
