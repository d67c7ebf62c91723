"""Judgements handed in are used or said to be set aside, with why, in every output a person reads; a superseded
judgement never comes back; a fact's evidence note travels with its figure."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
from click.testing import Result

from tests.conftest import EXAMPLES

PARK = EXAMPLES / "park-noncompliant.yaml"
HEAD = "要求,站点,结论,检查员,日期,证据,有效期至\n"


def _csv(path: Path, *rows: str) -> Path:
    path.write_text(HEAD + "".join(f"{row}\n" for row in rows), encoding="utf-8")
    return path


def _finding(result: Result, requirement: str) -> dict[str, Any]:
    (assessment,) = json.loads(result.stdout)["assessments"]
    return next(f for f in assessment["findings"] if f["requirement"] == requirement)


def test_a_lapsed_later_fail_does_not_bring_back_an_earlier_pass(run: Callable[..., Result], tmp_path: Path) -> None:
    passed = _csv(tmp_path / "x1.csv", "JA-3-13,JA-P-0001,通过,林,2026-05-01,记录,")
    failed = _csv(tmp_path / "x4.csv", "JA-3-13,JA-P-0001,不通过,王,2026-06-01,记录,2026-06-15")
    args = ("check", PARK, "--format", "json", "--attestations", passed, "--attestations", failed, "--as-of")
    lapsed = _finding(run(*args, "2026-06-30"), "JA-3-13")
    assert lapsed["status"] == "needs_review" and lapsed["attestation"] is None
    assert "最近的核查记录（王，2026-06-01，不通过）有效期至 2026-06-15，已过期" in lapsed["reason_zh"]
    assert _finding(run(*args, "2026-06-10"), "JA-3-13")["status"] == "fail"
    assert _finding(run(*args, "2026-05-20"), "JA-3-13")["status"] == "pass"  # before the re-inspection


def test_a_lapsed_fail_is_said_so_not_left_to_turn_the_site_compliant(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    failed = _csv(tmp_path / "x4.csv", "JA-3-13,JA-P-0001,不通过,王,2026-06-01,记录,2026-06-15")
    lapsed = run("check", PARK, "--as-of", "2026-06-30", "--attestations", failed)
    said = "".join(lapsed.stderr.split())
    assert "JA-3-13（JA-P-0001）：最近一次核查不通过（王，2026-06-01），有效期至2026-06-15，已过期" in said
    assert "本项恢复为待核查，不是已通过" in said
    assert "has lapsed: the item is back to review, not passed" in lapsed.stderr
    in_force = run("check", PARK, "--as-of", "2026-06-10", "--attestations", failed)
    assert "已过期" not in in_force.stderr  # still failing: nothing to say


def test_a_judgement_on_an_item_whose_applicability_is_unknown_is_said_not_used(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    river = tmp_path / "riv.yaml"
    river.write_text(
        "site: {id: JA-R-0900, kind: river_segment, name: 某河段, district: 晋安区}\nfacts:\n  水质类别: Ⅱ类\n", "utf-8"
    )
    judged = _csv(tmp_path / "a5.csv", "JA-6-4,JA-R-0900,不通过,林,2026-05-01,现场记录,")
    result = run("check", river, "--as-of", "2026-06-30", "--format", "json", "--attestations", judged)
    finding = _finding(result, "JA-6-4")
    assert finding["status"] == "insufficient_data" and finding["attestation"] is None
    (note,) = finding["warnings_zh"]
    assert "a5.csv:2" in note and "认定不通过，未采用" in note and "所属流域" in note
    text = run("check", river, "--as-of", "2026-06-30", "--attestations", judged).stdout
    assert "认定不通过，未采用" in "".join(text.split())
    run("report", river, "--as-of", "2026-06-30", "--attestations", judged, "--out", tmp_path / "rep")
    page = (tmp_path / "rep" / "JA-R-0900.html").read_text(encoding="utf-8")
    assert "未采用的人工核查记录（1）" in page and "不是待核查项" in page


def test_the_handover_report_names_every_judgement_set_aside_and_why(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    judged = _csv(
        tmp_path / "a3.csv",
        "JA-3-13,JA-P-0O01,不通过,林,2026-05-01,记录,",
        "JA-3-14,JA-P-0001,不通过,林,2026-08-01,记录,",
        "JA-14-1,JA-P-0001,不通过,林,2026-05-01,记录,",
    )
    result = run("report", PARK, "--as-of", "2026-06-30", "--attestations", judged, "--out", tmp_path / "rep")
    assert f"JA-P-0O01 ({judged}:2)" in result.stderr
    page = (tmp_path / "rep" / "JA-P-0001.html").read_text(encoding="utf-8")
    unused = page[page.index("未采用的人工核查记录（3）") : page.index("证据来源")]
    for row, why in ((2, "站点编号不在本次评估中"), (3, "晚于评估日期 2026-06-30"), (4, "此要求不在本次评估中")):
        assert f"{judged}:{row}" in unused and why in unused
    checklist = page[page.index("待核查清单") :]
    assert "晚于评估日期2026-06-30，未采用" in checklist  # on the JA-3-14 row to judge again
    assert "有效期至" in checklist


def test_a_batch_page_and_workbook_say_which_attestations_were_read_and_which_were_ignored(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    table = tmp_path / "v2.csv"
    table.write_text(
        "站点编号,名称,所在区,乡镇,农村生活污水治理率(%),自然村数量(个)\n"
        "JA-V-1001,九峰村,晋安区,寿山乡,80,5\nJA-V-1002,岭头村,晋安区,寿山乡,70,4\n",
        encoding="utf-8",
    )
    judged = _csv(
        tmp_path / "ba.csv",
        "JA-14-1,JA-V-1001,通过,林,2026-05-01,记录,",
        "JA-14-3,JA-V-1O02,不通过,林,2026-05-01,记录,",
    )
    out = tmp_path / "b"
    run("batch", table, "--kind", "village", "--out", out, "--as-of", "2026-06-30", "--attestations", judged)
    page = (out / "report.html").read_text(encoding="utf-8")
    overview = page[page.index("概况") : page.index("区县指标")]
    assert "ba.csv（2 条 judgements）" in overview and f"JA-V-1O02 ({judged}:3)" in overview
    book = openpyxl.load_workbook(out / "report.xlsx", read_only=True)
    cells = [str(c) for row in book["概况 overview"].iter_rows(values_only=True) for c in row if c is not None]
    assert any("JA-V-1O02" in c for c in cells) and any("2 条 judgements" in c for c in cells)


def test_a_facts_evidence_note_is_carried_beside_its_source(run: Callable[..., Result], tmp_path: Path) -> None:
    result = run("check", PARK, "--as-of", "2026-06-30", "--format", "json")
    observed = {o["metric"]: o for o in _finding(result, "JA-29-2")["observed"]}
    assert observed["rain_sewage_separation_completion"]["evidence"] == "鼓山片区部分老旧厂房仍为雨污合流"
    run("report", PARK, "--as-of", "2026-06-30", "--out", tmp_path / "rep", "--format", "md")
    page = (tmp_path / "rep" / "JA-P-0001.md").read_text(encoding="utf-8")
    sources = page[page.index("## 证据来源") :]
    assert (
        "证据说明" in sources and "| 园区雨污分流排查台账 | 2025-12-31 | 鼓山片区部分老旧厂房仍为雨污合流 |" in sources
    )


def test_the_report_splits_what_bears_on_the_verdict_and_labels_encouraged_items(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    run("report", PARK, "--as-of", "2026-06-30", "--out", tmp_path / "rep", "--format", "md")
    page = (tmp_path / "rep" / "JA-P-0001.md").read_text(encoding="utf-8")
    assert "未达标但不构成违规" not in page and "不影响结论的问题" in page
    assert "；不计入结论：数据不足 7" in page
    assert "鼓励工业园区试点建设智慧平台 · 数据不足 · 鼓励" in page
    assert "智慧平台 · 数据不足 · 约束" not in page


def test_the_index_warns_of_a_site_given_twice_and_names_each_facts_file(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    compliant = EXAMPLES / "park-compliant.yaml"
    result = run("report", compliant, PARK, "--as-of", "2026-06-30", "--out", tmp_path / "rep")
    assert "站点编号重复: JA-P-0001" in result.stderr
    index = (tmp_path / "rep" / "index.html").read_text(encoding="utf-8")
    head = index[: index.index('<section class="site"')]
    assert "同一站点编号出现不止一次" in head and str(compliant) in head and str(PARK) in head


def test_explain_reads_the_attestations_and_filters_warn_outside_text(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    judged = _csv(tmp_path / "att1.csv", "JA-3-14,JA-P-0001,不通过,林,2026-05-01,记录2,")
    explained = run("explain", PARK, "JA-3-14", "--as-of", "2026-06-30", "--attestations", judged).stdout
    assert "不达标" in explained.splitlines()[0] and "林 于 2026-05-01 认定不通过" in explained
    result = run("check", PARK, "--as-of", "2026-06-30", "--format", "json", "--show", "fail")
    assert "--show/--hide apply to text output only" in result.stderr and "只作用于文本输出" in result.stderr


def test_an_undecided_district_figure_has_no_value_in_the_summary(run: Callable[..., Result], tmp_path: Path) -> None:
    table = tmp_path / "v.csv"
    table.write_text(
        "站点编号,名称,所在区,乡镇,农村生活污水治理率(%),自然村数量(个)\n"
        "JA-V-1001,九峰村,晋安区,寿山乡,80,5\nJA-V-1003,岭头村,晋安区,宦溪镇,,6\n",
        encoding="utf-8",
    )
    run("batch", table, "--kind", "village", "--out", tmp_path / "b", "--as-of", "2026-06-30")
    summary = json.loads((tmp_path / "b" / "summary.json").read_text(encoding="utf-8"))
    undecided = [row for row in summary["districts"] if not row["figure"]]
    assert undecided and all(row["value"] is None for row in undecided)
    book = openpyxl.load_workbook(tmp_path / "b" / "report.xlsx", read_only=True)
    head = next(book["区县指标 districts"].iter_rows(values_only=True))
    assert any(str(h).startswith("分母（占比、计数：有数据的站点数；加权平均：权重合计") for h in head)


def test_a_batch_warns_of_a_lapsed_fail_too(run: Callable[..., Result], tmp_path: Path) -> None:
    """As check does: the village does not turn compliant unremarked when its 不通过 lapses."""
    failed = _csv(tmp_path / "at.csv", "JA-15-8,JA-V-0001,不通过,王,2026-05-01,照片,2026-06-15")
    villages = Path(__file__).parent.parent / "examples" / "villages-jinan-gbk.csv"
    out = tmp_path / "out"
    args = ("batch", villages, "--kind", "village", "--attestations", failed, "--out", out, "--as-of", "2026-06-30")
    result = run(*args)
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    said = [w for w in summary["warnings"] if "JA-15-8" in w]
    assert said and "has lapsed" in said[0] and "已过期" in said[0] and "已过期" in result.output
