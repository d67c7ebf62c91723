"""A class the measurements given bound but do not decide (单因子评价: a missing parameter can only make it worse), and
a drinking-water source read by the column its water body names: what the scenarios of features/jinan/00-总体目标 and
07-饮用水水源保护 cannot say (the site's notices, a bound of an old or a partial year, a batch row, explain, lint)."""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import yaml
from click.testing import Result

from compliance.assess.assessor import Assessor
from compliance.load.facts import load_facts
from compliance.model.plan import RulePack
from compliance.model.result import Assessment, Status

AS_OF = dt.date(2026, 6, 30)
MINJIANG = {"是否为闽江干流省控断面": "是", "是否为小流域断面": "否", "所属流域": "闽江"}
SOURCE = {"溶解氧": 7, "高锰酸盐指数": 3, "化学需氧量": 12, "五日生化需氧量": 2.5, "氨氮": 0.3, "总磷": 0.08}


def _monthly(value: float, year: int = 2025, months: range = range(1, 13)) -> dict[str, object]:
    return {"series": {f"{year}-{m:02d}": value for m in months}}


def _assess(pack: RulePack, tmp_path: Path, kind: str, facts: dict[str, object]) -> Assessment:
    site = {"id": "S1", "kind": kind, "name": "某站点", "district": "晋安区"}
    path = tmp_path / "site.yaml"
    path.write_text(yaml.safe_dump({"site": site, "facts": facts}, allow_unicode=True), encoding="utf-8")
    return Assessor(pack).assess(load_facts(path, pack.catalogue), AS_OF)


def _status(assessment: Assessment, requirement: str) -> Status:
    return next(f.status for f in assessment.findings if f.requirement == requirement)


def _p1(stated: str | None = "Ⅱ类") -> dict[str, object]:
    """The section of the report: 氨氮 0.8, 总磷 0.15, COD 18 over 2025, no DO, CODMn, BOD5."""
    facts: dict[str, object] = {**MINJIANG, "氨氮": _monthly(0.8), "总磷": _monthly(0.15), "化学需氧量": _monthly(18)}
    return {**facts, "水质类别": stated} if stated else facts


def test_a_stated_class_the_measurements_given_already_contradict_is_set_aside_with_a_notice(
    pack: RulePack, tmp_path: Path
) -> None:
    assessment = _assess(pack, tmp_path, "monitoring_section", _p1())
    assert _status(assessment, "JA-0-14") == Status.FAIL
    notice = next(w for w in assessment.warnings if "填报为Ⅱ类" in w.text_zh)
    assert "与监测数据不一致：Ⅲ类或更差" in notice.text_zh and "填报值不采用" in notice.text_zh
    assert "氨氮 0.8 mg/L 超过 Ⅱ类限值 0.5 mg/L" in notice.text_zh
    assert "stated as class II, which the measurements contradict: class III or worse" in notice.text_en


def test_a_stated_class_the_measurements_given_agree_with_stays(pack: RulePack, tmp_path: Path) -> None:
    facts = {**MINJIANG, "水质类别": "Ⅱ类", "氨氮": _monthly(0.4), "总磷": _monthly(0.08), "化学需氧量": _monthly(12)}
    assessment = _assess(pack, tmp_path, "monitoring_section", facts)
    assert _status(assessment, "JA-0-14") == Status.PASS
    assert any("保留填报值" in w.text_zh for w in assessment.warnings)
    assert not any("填报值不采用" in w.text_zh for w in assessment.warnings)


def test_a_bound_of_a_year_before_the_target_decides_nothing(pack: RulePack, tmp_path: Path) -> None:
    """2024's 氨氮 at Ⅲ类 says nothing of 2025: the 2025 target wants 2025, as a stated 2024 class would."""
    facts = {**MINJIANG, "氨氮": _monthly(0.8, 2024)}
    assessment = _assess(pack, tmp_path, "monitoring_section", facts)
    assert _status(assessment, "JA-0-14") == Status.INSUFFICIENT_DATA


def test_a_year_not_yet_ended_bounds_nothing(pack: RulePack, tmp_path: Path) -> None:
    """Three months of 2026 at Ⅴ类 need not make 2026's mean Ⅴ类: no bound, the class is wanted."""
    facts = {**MINJIANG, "氨氮": _monthly(1.9, 2026, range(1, 4))}
    assessment = _assess(pack, tmp_path, "monitoring_section", facts)
    assert _status(assessment, "JA-0-37") == Status.INSUFFICIENT_DATA
    assert not any(f.observed and "或更差" in f.observed[-1].display_zh for f in assessment.findings)


def test_a_drinking_water_source_says_when_its_water_body_is_wanted(pack: RulePack, tmp_path: Path) -> None:
    facts = {
        name: {"series": {p: v for p in ("2024-06", "2024-12", "2025-06", "2025-12")}} for name, v in SOURCE.items()
    }
    assessment = _assess(pack, tmp_path, "water_source", {"集中式饮用水水源地": "是", **facts})
    assert _status(assessment, "JA-7-12") == Status.INSUFFICIENT_DATA
    notice = next(w for w in assessment.warnings if "水质类别无法由监测数据判定" in w.text_zh)
    assert "须填水体类型（河流型或湖库型" in notice.text_zh and "按湖库限值2025年Ⅳ类" in notice.text_zh
    assert "water body type (river or lake/reservoir" in notice.text_en
    stated = _assess(pack, tmp_path, "water_source", {"集中式饮用水水源地": "是", "水体类型": "湖库型", **facts})
    assert _status(stated, "JA-7-12") == Status.FAIL
    assert not any("本站点适用的要求都不读取" in w.text_zh for w in stated.warnings)


def test_explain_shows_both_columns_of_a_source_whose_water_body_is_not_stated(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    facts = {name: _monthly(v) for name, v in SOURCE.items()}
    site = {"id": "ws1", "kind": "饮用水水源地", "name": "山仔水库饮用水水源地", "district": "晋安区"}
    path = tmp_path / "ws1.yaml"
    path.write_text(yaml.safe_dump({"site": site, "facts": facts}, allow_unicode=True), encoding="utf-8")
    result = run("explain", path, "JA-7-12", "--as-of", "2026-06-30")
    assert result.exit_code == 0, result.output
    assert "水体类型: 河流" in result.output and "水体类型: 湖库" in result.output
    assert "总磷 0.08 mg/L → Ⅳ类" in result.output and "总磷 0.08 mg/L → Ⅱ类" in result.output


def test_a_batch_row_does_not_keep_a_stated_class_its_measurements_contradict(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    months = [f"2025-{m:02d}" for m in range(1, 13)]
    header = ["站点编号", "名称", "区县", "是否为闽江干流省控断面", "水质类别"]
    header += [f"{name}[{month}]" for name in ("氨氮", "总磷") for month in months]
    rows = [["S1", "闽江断面S1", "晋安区", "是", "Ⅱ类", *["0.8"] * 12, *["0.15"] * 12]]
    rows.append(["S2", "闽江断面S2", "晋安区", "是", "Ⅱ类", *["0.4"] * 12, *["0.08"] * 12])
    source, out = tmp_path / "sections.csv", tmp_path / "out"
    with source.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, *rows])
    result = run("batch", source, "--kind", "river_segment", "--out", out, "--as-of", "2026-06-30", "--all-findings")
    assert result.exit_code == 0, result.output
    statuses = {}
    with (out / "findings.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            finding = json.loads(line)
            if finding["requirement"] == "JA-0-14":
                statuses[finding["site"]] = finding["status"]
    assert statuses == {"S1": "fail", "S2": "pass"}  # the bound (Ⅲ类或更差) decides a Ⅱ类 target, as in `check`


def test_a_body_metric_that_is_not_a_river_or_lake_category_is_refused(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    import shutil

    from compliance.load.rules import default_rules_dir

    rules = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), rules)
    pack_file = rules / "standards" / "gb3838-2002.yaml"
    text = pack_file.read_text(encoding="utf-8")
    pack_file.write_text(text.replace("body_metric: water_body_type", "body_metric: river_basin"), encoding="utf-8")
    result = run("rules", "lint", rules)
    assert result.exit_code == 1
    assert "body_metric 'river_basin' is not a category metric with levels river, lake" in result.output
