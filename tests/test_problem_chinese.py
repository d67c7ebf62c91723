"""The input problems an inspector or analyst meets most are said in Chinese as well as English: in `check`'s
errors and in a batch's rejected.csv, read whole from the English message (compliance.model.problemzh)."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from compliance.model.problems import Problem
from compliance.model.problemzh import bilingual, in_chinese


@pytest.mark.parametrize(
    ("english", "chinese"),
    [
        ("unknown field", "未知字段"),
        ("this field is required", "必须填写此项"),
        ("Value error, this key appears twice", "此项重复出现了两次"),
        (
            "unknown metric '农村生活污水处理率' (did you mean 农村生活污水治理率, 农村生活垃圾无害化处理率?)",
            "未知指标“农村生活污水处理率”（是否指：农村生活污水治理率、农村生活垃圾无害化处理率？）",
        ),
        ("unknown metric 'colour'", "未知指标“colour”"),
        (
            "unknown site kind '村庄' (did you mean 村?); expected one of district (区（县、市）), village (行政村)",
            "未知的站点类型“村庄”（是否指：村？）；可填：区（县、市）、行政村",
        ),
        ("180.0 is above the valid range (0–100 %)", "“180.0”高于有效范围（0–100 %）"),
        ("'-3' is below the valid range (≥ 0 吨)", "“-3”低于有效范围（≥ 0 吨）"),
        ("expected a number in 吨, got 'abc'", "应为数字（单位：吨），实为“abc”"),
        (
            "expected a percentage such as 75, 75% or \"75%\" (0–100), got '八成'",
            '应为百分数，如 75、75% 或 "75%"（0–100），实为“八成”',
        ),
        ("expected a number in 吨, got a boolean True", "应为数字（单位：吨），实为是/否值“是”"),
        ("expected true or false (是/否), got 'maybe'", "应为是或否，实为“maybe”"),
        (
            "expected a number or yes/no (true/false) or text or a mapping with `value` or `series` or a blank,"
            " got a list",
            "应为数字或是/否或文本或含 value 或 series 的映射或空白，实为列表",
        ),
        (
            "expected text, got the number 3501 (to keep it as written, put it in quotes: '3501')",
            "应为文本，实为数字 3501（要按原样保留，请加引号）",
        ),
        (
            "'2025-02-30' is not a real date (month 2 of 2025 has no day 30)",
            "“2025-02-30”不是真实的日期（2025年2月没有30日）",
        ),
        (
            "expected a date such as 2025-06-30 or 2025年6月30日, got '上月'",
            "应为日期，如 2025-06-30、2025/6/30 或 2025年6月30日，实为“上月”",
        ),
        (
            "unknown field: under site: write name (名称 is the column's title in a table)",
            "未知字段：site 下请写 name（“名称”是表格的列名）",
        ),
        ("a totals row (合计 in '合计'), not a site", "合计行（“合计”中有“合计”），不是站点"),
        (
            "a totals row (its figures are the sums of the rows above), not a site",
            "合计行（各数值是以上各行之和），不是站点",
        ),
        (
            "a note or column-number row ('注：数据截至年底'), not a site",
            "说明、表尾或栏次行（“注：数据截至年底”），不是站点",
        ),
        (
            "a totals row for 宦溪镇 (named after its own township or district), not a site",
            "以乡镇或区命名的合计行（宦溪镇），不是站点",
        ),
        ("a requirement's check names no metric", None),
        ("'0.8' is between 0 and 1: write 80 / “0.8”在0和1之间：请写80", None),
    ],
)
def test_a_problem_is_said_in_chinese_when_known(english: str, chinese: str | None) -> None:
    assert in_chinese(english) == chinese
    assert bilingual(english) == (english if chinese is None else f"{english} / {chinese}")


def test_a_problem_prints_both_languages_after_its_place() -> None:
    problem = Problem("v.yaml", 3, "facts.x", "unknown metric 'x'")
    assert str(problem) == "v.yaml:3: facts.x: unknown metric 'x' / 未知指标“x”"
    assert str(Problem("v.yaml", None, "", "keys must be text")) == "v.yaml: keys must be text / 键须为文本"


@pytest.mark.parametrize(
    ("facts", "chinese"),
    [
        ("水质类别: {series: {2024: 3类, 2025: Ⅱ～Ⅲ类}}", "2025：应为以下之一：Ⅰ类 (I) / Ⅱ类 (II)"),
        ("氨氮: {series: {2025: ND}}", "2025：“ND”（未检出）没有说明低到多少：请写监测方法的检出限"),
        ("氨氮: 未检出", "“未检出”（未检出）没有说明低到多少"),
    ],
)
def test_a_refused_value_in_a_series_is_said_whole_in_both_languages(
    tmp_path: Path, run: Callable[..., Result], facts: str, chinese: str
) -> None:
    """A period's refusal was split at the first " / " of the English, the list of levels, so “2025：” landed inside
    it and no Chinese followed; ND / 未检出 was refused in English alone."""
    path = tmp_path / "s.yaml"
    site = "site: {id: S1, kind: 饮用水水源地, name: 某水源地, district: 晋安区}"
    path.write_text(f"{site}\nfacts:\n  {facts}\n", "utf-8")
    result = run("check", path, "--as-of", "2026-06-30")
    assert result.exit_code == 2 and chinese in result.output, result.output
    assert "/ 2025：Ⅱ类" not in result.output


def test_check_says_a_facts_files_problems_in_chinese_too(tmp_path: Path, run: Callable[..., Result]) -> None:
    path = tmp_path / "v.yaml"
    path.write_text(
        "site: {id: V1, kind: 村庄, name: 某村, district: 晋安区}\nfacts:\n  农村生活污水处理率: 80\n"
        "  农村自来水普及率: 一百\n",
        encoding="utf-8",
    )
    result = run("check", path, "--as-of", "2026-06-30")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "未知的站点类型“村庄”" in result.output


def test_a_batchs_rejected_rows_say_why_in_chinese_too(tmp_path: Path, run: Callable[..., Result]) -> None:
    source = tmp_path / "villages.csv"
    source.write_text(
        "站点编号,类型,名称,所在区,农村生活污水治理率(%)\nV1,行政村,甲村,晋安区,八成\nV2,行政村,乙村,晋安区,180\n",
        encoding="utf-8",
    )
    result = run("batch", source, "--kind", "village", "--out", tmp_path / "out", "--as-of", "2026-06-30", "--quiet")
    assert "Traceback" not in result.output
    with (tmp_path / "out" / "rejected.csv").open(encoding="utf-8-sig", newline="") as handle:
        reasons = {row["site_id"]: row["reason"] for row in csv.DictReader(handle)}
    assert reasons["V1"].endswith("实为“八成”") and reasons["V1"].startswith("expected a percentage")
    assert reasons["V2"] == "'180' is above the valid range (0–100 %) / “180”高于有效范围（0–100 %）"


def test_a_metric_given_twice_a_mixed_series_and_a_bad_code_are_said_in_both_languages(
    tmp_path: Path, run: Callable[..., Result]
) -> None:
    """The repeats inspectors meet (a name and the same name with its unit) name both keys as written; a series
    mixing years and months names one of each, not the well-formed first; a bad division code says the lengths."""
    source = tmp_path / "b.jsonl"
    lines = [
        '{"site":{"id":"V1","kind":"village","name":"岭头村","district":"晋安区"},'
        '"facts":{"农村生活污水治理率":80,"农村生活污水治理率(%)":50}}',
        '{"site":{"id":"V3","kind":"village","name":"板桥村","district":"晋安区"},'
        '"facts":{"生活垃圾产生量":{"series":{"2024":400,"2025-06":390}}}}',
        '{"site":{"id":"V4","kind":"village","name":"九峰村","district":"晋安区","admin_code":"35011"},"facts":{}}',
    ]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("batch", source, "--kind", "village", "--out", tmp_path / "out", "--as-of", "2026-06-30", "--quiet")
    assert "Traceback" not in result.output
    with (tmp_path / "out" / "rejected.csv").open(encoding="utf-8-sig", newline="") as handle:
        reasons = {row["site_id"]: row["reason"] for row in csv.DictReader(handle)}
    assert "“农村生活污水治理率”与“农村生活污水治理率(%)”是同一指标" in reasons["V1"]
    assert reasons["V3"].startswith("periods mix years and months (2024, 2025-06)") and "时期格式混用" in reasons["V3"]
    assert "行政区划代码“35011”不是区划代码：应为6位、9位或12位数字" in reasons["V4"]


def _refusal(run: Callable[..., Result], tmp_path: Path, kind: str, header: list[str], row: list[str]) -> str:
    table = tmp_path / "t.csv"
    with table.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, row])
    result = run("batch", table, "--kind", kind, "--out", tmp_path / "out", "--as-of", "2026-06-30", "--quiet")
    assert result.exit_code == 2, result.output
    return result.output


@pytest.mark.parametrize(
    ("kind", "header", "row", "said"),
    [
        (
            "village",
            ["站点编号", "名称", "所在区", "农村生活污水治理率", "农村生活污水治理率[2025]"],
            ["V1", "九峰村", "晋安区", "80", "80"],
            "列“农村生活污水治理率”与“农村生活污水治理率[2025]”是同一指标，前者未注明时期",
        ),
        (
            "district",
            ["站点编号", "名称", "所在区", "生态质量指数（EQI）[2024]", "生态质量指数（EQI）[2025]", "EQI指数"],
            ["D1", "晋安区", "晋安区", "70", "71", "72"],
            "列“EQI指数”与“生态质量指数（EQI）[2024]”、“生态质量指数（EQI）[2025]”是同一指标",
        ),
        (
            "district",
            ["站点编号", "名称", "所在区", "生态质量指数（EQI）[2025]", "EQI指数[2025]"],
            ["D1", "晋安区", "晋安区", "70", "71"],
            "与第4列“生态质量指数（EQI）[2025]”读作同一项",
        ),
        (
            "village",
            ["名称", "所在区", "农村生活污水治理率"],
            ["九峰村", "晋安区", "80"],
            "没有站点编号列：请把一列的表头写作",
        ),
    ],
)
def test_header_refusals_are_bilingual_and_name_the_columns(
    run: Callable[..., Result], tmp_path: Path, kind: str, header: list[str], row: list[str], said: str
) -> None:
    output = _refusal(run, tmp_path, kind, header, row)
    assert said in output and " / " in output
    assert "rural_domestic_sewage_treatment_rate" not in output and ": eqi" not in output and "eqi " not in output


def test_a_village_batchs_kind_words_are_read_and_refused_in_both_languages(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    """社區 is 社区 (the traditional-character fold places use); 村委会 and 村民委员会, the village's own committee, are
    the 行政村; 居委会 and 涉农社区 are communities; a word naming no kind is refused in Chinese too."""
    table = tmp_path / "vt.csv"
    header = ["站点编号", "名称", "所在区", "乡镇", "类型", "农村生活污水治理率(%)[2025]"]
    rows = [
        ["V1", "九峰村", "晋安区", "寿山乡", "行政村", "90"],
        ["V2", "岭头村", "晋安区", "寿山乡", "社區", "10"],
        ["V3", "降虎村", "晋安区", "宦溪镇", "村委会", "90"],
        ["V4", "汶洋村", "晋安区", "日溪乡", "村民委员会", "90"],
        ["V5", "宦溪村", "晋安区", "宦溪镇", "居委会", "10"],
        ["V6", "赤桥村", "晋安区", "日溪乡", "涉农社区", "10"],
        ["V7", "板桥村", "晋安区", "寿山乡", "行政村（涉农社区）", "10"],
        ["V8", "北峰村", "晋安区", "寿山乡", "村民委員會", "90"],
        ["V9", "新店居", "晋安区", "寿山乡", "居委會", "10"],
    ]
    with table.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, *rows])
    out = tmp_path / "out"
    run("batch", table, "--kind", "village", "--out", out, "--as-of", "2026-06-30", "--quiet")
    with (out / "rejected.csv").open(encoding="utf-8-sig", newline="") as handle:
        reasons = {row["site_id"]: row["reason"] for row in csv.DictReader(handle)}
    assert sorted(reasons) == ["V2", "V5", "V6", "V7", "V9"]  # 村民委員會 is 村民委员会, 居委會 居委会
    assert reasons["V9"].startswith("类型“居委会”不是行政村")
    assert reasons["V2"].startswith("类型“社区”不是行政村")
    assert reasons["V5"].startswith("类型“居委会”不是行政村") and reasons["V6"].startswith("类型“涉农社区”不是行政村")
    assert (
        reasons["V7"].startswith("类型“行政村（涉农社区）”不是已知的站点类型，本批评估行政村")
        and " / kind " in reasons["V7"]
    )
