"""Verdicts: nothing decided is not "compliant", and the same words in check, batch, the workbook and Gherkin."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path

import openpyxl
import yaml
from click.testing import Result

from compliance.bdd.tables import word_of
from compliance.model.result import Status, Verdict
from compliance.report.words import STATUS, VERDICT
from tests.conftest import EXAMPLES

Run = Callable[..., Result]


def _site(folder: Path, name: str, site: dict[str, object], facts: dict[str, object]) -> Path:
    path = folder / f"{name}.yaml"
    path.write_text(yaml.safe_dump({"site": site, "facts": facts}, allow_unicode=True), encoding="utf-8")
    return path


def test_a_site_with_nothing_decided_gets_its_own_verdict_and_exit_code_4(run: Run, tmp_path: Path) -> None:
    """The issue's case: a 厦门 village outside 集美、同安、翔安 with nothing stated was 合规, exit 0. Since
    持续推进垃圾分类“厦门模式” (XM-12-7) is read city-wide, such a village is asked 推行生活垃圾分类 and is incomplete
    (exit 3); a site no requirement reaches (the example farm) gets its own verdict and exit 4."""
    village = _site(tmp_path, "v", {"id": "V", "kind": "village", "name": "过坂村", "admin_code": "350205004201"}, {})
    result = run("check", village, "--as-of", "2026-06-30")
    assert result.exit_code == 3 and "推行生活垃圾分类" in result.output and "合规" not in result.output
    chinese = run("check", EXAMPLES / "sites" / "farm.yaml", "--as-of", "2026-06-30")
    assert chinese.exit_code == 4 and "结论：无可判定要求（计入结论：待核查 3）" in chinese.output
    english = run(
        "check", EXAMPLES / "sites" / "farm.yaml", "--as-of", "2026-06-30", "--lang", "en", "--format", "json"
    )
    assert json.loads(english.output)["assessments"][0]["verdict"] == "no_applicable_requirement"
    farm = run("check", EXAMPLES / "sites" / "farm.yaml", "--as-of", "2026-06-30", "--lang", "en")
    assert (
        farm.exit_code == 4
        and "verdict: no applicable requirement (bearing on the verdict: needs review 3)" in farm.output
    )


def test_a_strive_item_at_risk_decides_nothing_the_site_is_bound_to(run: Run, tmp_path: Path) -> None:
    """厦门岛 stating it has not won the 两山 title it is to strive for (力争, not counted) stays 无可判定要求, exit 4:
    adding a negative answer to a non-binding item must not turn it into 合规."""
    site = {"id": "A3", "kind": "区域", "name": "厦门岛", "district": "思明区"}
    island = _site(tmp_path, "i", site, {})
    stated = _site(tmp_path, "s", site, {"“两山”实践创新基地命名": "否"})
    for path in (island, stated):
        result = run("check", path, "--as-of", "2026-06-30")
        assert result.exit_code == 4 and "结论：无可判定要求" in result.output, result.output
    assert "有风险  XM-6-3" in run("check", stated, "--as-of", "2026-06-30").output


def test_exit_code_of_several_sites_is_0_only_when_every_one_is_compliant(run: Run, tmp_path: Path) -> None:
    vacuous = EXAMPLES / "sites" / "farm.yaml"  # qualitative duties only: nothing decided, none failed
    compliant = EXAMPLES / "village-compliant.yaml"
    incomplete = _site(tmp_path, "i", {"id": "I", "kind": "village", "name": "九峰村", "district": "晋安区"}, {})
    assert run("check", compliant, "--as-of", "2026-06-30").exit_code == 0
    assert run("check", compliant, vacuous, "--as-of", "2026-06-30").exit_code == 4
    assert run("check", vacuous, incomplete, "--as-of", "2026-06-30").exit_code == 3


def test_batch_lists_the_vacuous_verdict_in_sites_summary_and_workbook(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "out"
    villages = tmp_path / "villages.csv"
    # farms owe only qualitative duties (needs review): nothing in the batch is decided
    rows = [f"FM-{n:02d},某家庭农场{n},晋安区,宦溪镇,3501111030{n:02d}" for n in range(1, 13)]
    villages.write_text("站点编号,名称,所在区,乡镇,行政区划代码\n" + "\n".join(rows) + "\n", "utf-8")
    result = run("batch", villages, "--kind", "farm", "--out", out, "--as-of", "2026-06-30")
    assert result.exit_code == 0, result.output
    assert "无可判定要求 no_applicable_requirement 12" in result.output
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["verdicts"]["no_applicable_requirement"] == 12 and summary["verdicts"]["compliant"] == 0
    with (out / "sites.csv").open(encoding="utf-8-sig") as handle:
        sites = list(csv.DictReader(handle))
    assert {s["verdict"] for s in sites} == {"no_applicable_requirement"}
    assert {s["verdict_zh"] for s in sites} == {"无可判定要求"}
    assert all(s["reason_zh"].startswith("无可判定要求：") for s in sites)
    book = openpyxl.load_workbook(out / "report.xlsx", read_only=True)
    overview = {row[0]: row[1] for row in book["概况 overview"].iter_rows(values_only=True)}
    assert overview["无可判定要求 no_applicable_requirement"] == 12
    header = next(book["乡镇汇总 townships"].iter_rows(values_only=True))
    assert [*VERDICT["zh"].values()] == list(header[5:9]) and header[1] == "区划代码"


def test_one_vocabulary_in_check_batch_workbook_and_gherkin(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run("batch", EXAMPLES / "villages-jinan-gbk.csv", "--kind", "village", "--out", out, "--as-of", "2026-06-30")
    with (out / "sites.csv").open(encoding="utf-8-sig") as handle:
        sites = {s["site_id"]: s for s in csv.DictReader(handle)}
    checked = run("check", EXAMPLES / "village-noncompliant.yaml", "--as-of", "2026-06-30")
    assert sites["JA-V-0002"]["verdict_zh"] == VERDICT["zh"][Verdict.NON_COMPLIANT]
    assert f"结论：{VERDICT['zh'][Verdict.NON_COMPLIANT]}" in checked.output
    book = openpyxl.load_workbook(out / "report.xlsx", read_only=True)
    header = next(book["站点 sites"].iter_rows(values_only=True))
    assert list(header[7:13]) == [STATUS["zh"][status] for status in Status]
    statuses = {row[4] for row in book["问题 findings"].iter_rows(min_row=2, values_only=True)}
    assert statuses <= set(STATUS["zh"].values())
    for verdict in Verdict:
        assert word_of(VERDICT["zh"][verdict], VERDICT, "zh") == verdict
        assert word_of(VERDICT["en"][verdict], VERDICT, "en") == verdict
    assert word_of("符合", VERDICT, "zh") == Verdict.COMPLIANT and word_of("达标", STATUS, "zh") == Status.PASS


def test_an_enforcement_duty_counts_for_a_government_and_is_reported_on_the_site_it_is_about(
    run: Run, tmp_path: Path
) -> None:
    """加大对油烟超标排放单位的处罚力度 (JA-5-23) is the regulator's duty: a restaurant not yet penalised is told so,
    but its verdict is decided by its own fumes (JA-5-22); 行政执法与司法联动 (XM-10-10) decides the city's."""
    restaurant = {"id": "R", "kind": "餐饮服务单位", "name": "某烧烤店", "district": "晋安区"}
    facts = {
        "安装油烟净化装置": "是",
        "油烟达标排放": "否",
        "油烟超标排放已受处罚": "否",
        "位于城区": "是",
        "露天烧烤": "否",
    }
    path = _site(tmp_path, "r", restaurant, facts)
    found = json.loads(run("check", path, "--as-of", "2026-06-30", "--format", "json").output)["assessments"][0]
    penalty = next(f for f in found["findings"] if f["requirement"] == "JA-5-23")
    assert penalty["status"] == "fail" and penalty["bears_on_verdict"] is False
    assert "属监管部门的执法职责，报告供其落实，不计入本场所的结论" in penalty["reason_zh"]
    fumes = next(f for f in found["findings"] if f["requirement"] == "JA-5-22")
    assert fumes["status"] == "fail" and fumes["bears_on_verdict"] is True and found["verdict"] == "non_compliant"
    city = _site(
        tmp_path,
        "c",
        {"id": "C", "kind": "city", "name": "厦门市", "district": "厦门市"},
        {"健全行政执法与司法联动机制": "否"},
    )
    checked = json.loads(run("check", city, "--as-of", "2026-06-30", "--format", "json").output)["assessments"][0]
    linkage = next(f for f in checked["findings"] if f["requirement"] == "XM-10-10")
    assert linkage["status"] == "fail" and linkage["bears_on_verdict"] is True and checked["verdict"] == "non_compliant"
