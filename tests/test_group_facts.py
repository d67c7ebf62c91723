"""A site listed under a group that its own yes/no fact denies (groups: [福兴经济开发区] beside
是否位于福兴经济开发区: 否) is refused as contradicting itself, in both languages; the same group beside 是 is read."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

Run = Callable[..., Result]


def _site(path: Path, answer: str, group: str = "福兴经济开发区") -> Path:
    path.write_text(
        f"site: {{id: E9, kind: 企业, name: 福州某光电科技有限公司, district: 晋安区, groups: [{group}]}}\n"
        f"facts:\n  是否位于福兴经济开发区: {answer}\n",
        encoding="utf-8",
    )
    return path


def test_a_group_its_own_fact_denies_is_refused(run: Run, tmp_path: Path) -> None:
    result = run("check", _site(tmp_path / "e.yaml", "否"), "--as-of", "2026-06-30")
    assert result.exit_code != 0
    assert "site.groups" in result.output and "contradicts itself" in result.output and "两者矛盾" in result.output


def test_a_group_its_fact_confirms_is_read(run: Run, tmp_path: Path) -> None:
    result = run("check", _site(tmp_path / "e.yaml", "是"), "--as-of", "2026-06-30")
    assert "contradicts" not in result.output


@pytest.mark.parametrize("group", ["福兴开发区", "福州市福兴经济开发区", "福州福兴经济开发区", "福興經濟開發區"])
def test_a_group_naming_the_zone_another_way_is_refused_too(run: Run, tmp_path: Path, group: str) -> None:
    """A group is read as the gazetteer reads names (an alias, a city before it): 福兴开发区 is the zone."""
    result = run("check", _site(tmp_path / "e.yaml", "否", group), "--as-of", "2026-06-30")
    assert result.exit_code == 2 and "site.groups" in result.output and "两者矛盾" in result.output
    assert f"分组“{group}”" in result.output


def test_a_batch_row_whose_group_its_fact_denies_is_rejected(run: Run, tmp_path: Path) -> None:
    """A table row's 分组 column is checked as a facts file's groups are: the row goes to rejected.csv with the
    message `check` gives, and a row whose group and fact agree, or that has no group, is assessed."""
    source = tmp_path / "ent.csv"
    with source.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["站点编号", "类型", "名称", "所在区", "是否位于福兴经济开发区", "分组"])
        writer.writerow(["E14", "企业", "某某光电有限公司", "晋安区", "否", "福兴经济开发区"])
        writer.writerow(["E15", "企业", "某某电子有限公司", "晋安区", "否", "福兴开发区"])
        writer.writerow(["E16", "企业", "某某科技有限公司", "晋安区", "是", "福兴经济开发区"])
        writer.writerow(["E17", "企业", "某某材料有限公司", "晋安区", "否", ""])
    out = tmp_path / "out"
    result = run("batch", source, "--kind", "企业", "--out", out, "--as-of", "2026-06-30")
    assert result.exit_code == 0, result.output
    rejected = list(csv.DictReader((out / "rejected.csv").open(encoding="utf-8-sig")))
    assert [(r["site_id"], r["field"]) for r in rejected] == [("E14", "分组"), ("E15", "分组")]
    assert all("contradicts itself" in r["reason"] and "两者矛盾" in r["reason"] for r in rejected)
