"""Clerks' batches that once counted a village twice, dropped files unsaid, misread a unit or a partial count."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import openpyxl
from click.testing import Result

from tests.test_spreadsheets import batch, rejected_of, summary_of, write_table

Run = Callable[..., Result]
WASTE_FREE = "已建成“无废乡村”"


def _district(summary: dict, requirement: str, district: str = "晋安区") -> dict:
    return next(d for d in summary["districts"] if d["requirement"] == requirement and d["district"] == district)


# -- one village code, one village ----------------------------------------------------------------------


def test_a_village_code_given_again_under_another_id_is_rejected_naming_the_first_row(run: Run, tmp_path: Path) -> None:
    """编号 1 … 5 with 岭头村 350111103201 three times: one village, so the share is 1/3 (was 3/5 → 通过)."""
    header = ["编号", "村名称", "所在区", "乡镇", "行政区划代码", WASTE_FREE]
    rows = [
        [1, "岭头村", "晋安区", "宦溪镇", "350111103201", "是"],
        [2, "降虎村", "晋安区", "宦溪镇", "350111103203", "否"],
        [3, "板桥村", "晋安区", "宦溪镇", "350111103205", "否"],
        [4, "岭头村", "晋安区", "宦溪镇", "350111103201", "是"],
        [5, "岭 头村", "晋安区", "宦溪镇", "３５０１１１１０３２０１", "是"],
    ]
    batch(run, write_table(tmp_path / "v.csv", [header, *rows]), tmp_path / "out")
    summary, rejected = summary_of(tmp_path / "out"), rejected_of(tmp_path / "out")
    assert summary["rejected"] == 2 and set(rejected) == {5, 6}
    assert "行政村 350111103201 岭头村 已由第 2 行给出" in rejected[5]["reason"]
    assert "village 350111103201 岭头村 already given by row 2" in rejected[6]["reason"]
    assert _district(summary, "JA-15-15")["figure"].startswith("33.3")


def test_one_code_with_two_names_or_no_codes_is_not_rejected_but_a_name_twice_in_a_township_is_noted(
    run: Run, tmp_path: Path
) -> None:
    """Names repeat across townships (岭头村 of 宦溪镇 and of 寿山乡): never rejected on names; twice in one township
    without codes, a note asks whether it is one village."""
    header = ["编号", "村名称", "所在区", "乡镇", WASTE_FREE]
    rows = [[1, "岭头村", "晋安区", "宦溪镇", "是"], [2, "岭头村", "晋安区", "寿山乡", "是"]]
    rows.append([3, "岭头村", "晋安区", "宦溪镇", "否"])
    batch(run, write_table(tmp_path / "v.csv", [header, *rows]), tmp_path / "out")
    summary = summary_of(tmp_path / "out")
    assert summary["rejected"] == 0
    noted = [note for note in summary["notes"] if "岭头村" in note]
    assert len(noted) == 1 and "第 4 行与第 2 行同为宦溪镇的“岭头村”" in noted[0] and "rows 2 and 4" in noted[0]


# -- a folder's files: read or named -------------------------------------------------------------------


def _facts(path: Path, site_id: str, name: str, done: str) -> None:
    path.write_text(
        f"site:\n  id: {site_id}\n  kind: village\n  name: {name}\n  district: 晋安区\n"
        f"facts:\n  {WASTE_FREE}: {done}\n",
        encoding="utf-8",
    )


def test_a_folder_names_every_file_it_does_not_read(run: Run, tmp_path: Path) -> None:
    """板桥村.yaml.txt (Notepad's ending), .yml.bak, .yaml~, 说明.txt, a lock file ~$…yaml and a hidden .…yaml:
    none read as a site, each named in a warning (was: three villages lost unsaid, the lock file read as a site)."""
    folder = tmp_path / "yd"
    folder.mkdir()
    _facts(folder / "岭头村.yaml", "V1", "岭头村", "是")
    _facts(folder / "降虎村.yaml", "V2", "降虎村", "是")
    _facts(folder / "板桥村.yaml.txt", "V3", "板桥村", "否")
    _facts(folder / "宦溪村.yml.bak", "V4", "宦溪村", "否")
    _facts(folder / "北峰村.yaml~", "V5", "北峰村", "否")
    _facts(folder / "~$北峰村.yaml", "V5", "北峰村", "否")
    _facts(folder / ".东山村.yaml", "V6", "东山村", "否")
    (folder / "说明.txt").write_text("填报说明", encoding="utf-8")
    result = batch(run, folder, tmp_path / "out")
    summary = summary_of(tmp_path / "out")
    assert summary["rows"] == 2
    warned = "\n".join(summary["warnings"])
    renamed = next(w for w in summary["warnings"] if "若是事实文件请改名为 .yaml" in w)
    for name in ("板桥村.yaml.txt", "宦溪村.yml.bak", "北峰村.yaml~"):
        assert name in renamed
    assert "说明.txt" in warned and "~$北峰村.yaml" in warned and ".东山村.yaml" in warned
    assert "板桥村.yaml.txt" in result.output


# -- a unit in a title row; a fractional head-count ------------------------------------------------------

WATER = ["编号", "名称", "所在区", "供水工程供水人口", "配套净化设施设备", "配套消毒设施设备", "是否为农村集中供水工程"]


def _water(path: Path, titles: list[list[str]], header: list[str] = WATER) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in [*titles, header, ["W1", "宦溪水厂", "晋安区", 3500, "否", "否", "是"]]:
        sheet.append(row)
    book.save(path)
    return path


def _water_batch(run: Run, source: Path, out: Path, code: int) -> Result:
    result = run("batch", source, "--kind", "water_supply_project", "--out", out, "--as-of", "2026-06-30", "--quiet")
    assert result.exit_code == code and "Traceback" not in result.output, result.output
    return result


def test_a_unit_in_a_title_row_is_read_as_the_headers_unit(run: Run, tmp_path: Path) -> None:
    """（供水人口单位：万人） above 供水工程供水人口: the figures are 万人, not 人, so the batch stops as it does for
    供水工程供水人口（万人） (was: 0.35 人 read and 千人以上 found not to apply)."""
    title = ["晋安区农村供水工程基本情况表"]
    refused = _water_batch(run, _water(tmp_path / "a.xlsx", [title, ["（供水人口单位：万人）"]]), tmp_path / "a", 2)
    assert "the unit '万人' is not the unit of 供水工程供水人口" in refused.output
    assert "（供水人口单位：万人）" in refused.output
    header = [*WATER[:3], "供水工程供水人口", "自然村数量", *WATER[4:]]
    unclear = _water_batch(run, _water(tmp_path / "b.xlsx", [["单位：吨"]], header), tmp_path / "b", 2)
    assert "标题行“单位：吨”" in unclear.output and "请把单位写进各列表头" in unclear.output
    for fine in (["（供水人口单位：人）"], ["填报单位：宦溪镇人民政府"]):
        _water_batch(run, _water(tmp_path / "c.xlsx", [fine]), tmp_path / f"c{len(fine[0])}", 0)


def test_a_fractional_head_count_is_refused(run: Run, tmp_path: Path, facts_file: Callable[..., Path]) -> None:
    """0.35 people is 0.35 万人 written without its unit: refused as 自然村数量 5.5 is, in check and in batch."""
    source = _water(tmp_path / "w.xlsx", [])
    book = openpyxl.load_workbook(source)
    sheet = book.active
    assert sheet is not None
    sheet["D2"] = 0.35
    book.save(source)
    _water_batch(run, source, tmp_path / "out", 0)
    reason = rejected_of(tmp_path / "out")[2]["reason"]
    assert "is not a whole number: 供水工程供水人口 counts people" in reason and "应填整数" in reason
    path = facts_file({"供水工程供水人口": 0.35}, kind="water_supply_project", name="宦溪水厂")
    checked = run("check", path, "--as-of", "2026-06-30")
    assert checked.exit_code == 2 and "is not a whole number" in checked.output, checked.output


# -- a row whose 所在区 contradicts its code ----------------------------------------------------------------


def test_a_row_whose_district_contradicts_its_code_is_missing_in_each_district_it_may_be_of(
    run: Run, tmp_path: Path
) -> None:
    """坂头村 under 晋安区 with 灌口镇 and a code of 集美区, recorded 否: rejected, and 集美区's 整区建成美丽乡村
    figure lacks it (insufficient_data), as 晋安区's does (was: 集美区 100%（4/4） → 通过)."""
    header = ["站点编号", "名称", "所在区", "乡镇", "行政区划代码", "已建成美丽乡村"]
    rows = [
        ["XM-V-0001", "田头村", "集美区", "灌口镇", "350211102201", "是"],
        ["XM-V-0002", "双岭村", "集美区", "灌口镇", "350211102202", "是"],
        ["XM-V-0003", "后溪村", "集美区", "后溪镇", "350211103201", "是"],
        ["XM-V-0004", "城内村", "集美区", "后溪镇", "350211103202", "是"],
        ["XM-V-0005", "坂头村", "晋安区", "灌口镇", "350211102209", "否"],
    ]
    batch(run, write_table(tmp_path / "v.csv", [header, *rows]), tmp_path / "out")
    summary = summary_of(tmp_path / "out")
    assert summary["rejected"] == 1 and "name different places" in rejected_of(tmp_path / "out")[6]["reason"]
    jimei = _district(summary, "XM-0-19", "集美区")
    assert jimei["status"] == "insufficient_data", jimei


# -- a count over part of the district -----------------------------------------------------------------------

RURAL_TOWNS = ["宦溪镇", "寿山乡", "日溪乡", "岳峰镇", "新店镇", "鼓山镇"]


def test_a_count_over_part_of_the_district_never_fails_it(run: Run, tmp_path: Path) -> None:
    """Two 宦溪镇 villages, neither a “一村一品”专业村: the district may still have two elsewhere, so JA-19-1 is
    insufficient_data naming the towns without rows (was: 不达标); with a row in every 镇 and 乡 it fails."""
    header = ["村编号", "村名称", "所在区", "乡镇", "“一村一品”专业村"]
    part = [["V1", "岭头村", "晋安区", "宦溪镇", "否"], ["V2", "降虎村", "晋安区", "宦溪镇", "否"]]
    batch(run, write_table(tmp_path / "part.csv", [header, *part]), tmp_path / "part")
    row = _district(summary_of(tmp_path / "part"), "JA-19-1")
    assert row["status"] == "insufficient_data" and "本批没有" in row["reason_zh"] and "寿山乡" in row["reason_zh"]
    assert "不能判定为不达标" in row["reason_zh"]
    whole = [[f"V{n}", f"村{n}", "晋安区", town, "否"] for n, town in enumerate(RURAL_TOWNS)]
    batch(run, write_table(tmp_path / "whole.csv", [header, *whole]), tmp_path / "whole")
    assert _district(summary_of(tmp_path / "whole"), "JA-19-1")["status"] == "fail"
    met = [[f"V{n}", f"村{n}", "晋安区", "宦溪镇", "是"] for n in range(2)]
    batch(run, write_table(tmp_path / "met.csv", [header, *met]), tmp_path / "met")
    assert _district(summary_of(tmp_path / "met"), "JA-19-1")["status"] == "pass"


# -- a district figure's weight is read ----------------------------------------------------------------------


def test_a_jsonl_batch_does_not_call_a_district_figures_weight_unread(run: Run, tmp_path: Path) -> None:
    """自然村数量 weights JA-14-7's 农村生活污水治理率: no warning that nothing reads it (was: 站点类型是否填对？)."""
    lines = [
        '{"site":{"id":"V1","kind":"village","name":"岭头村","district":"晋安区"},'
        '"facts":{"农村生活污水治理率":"80%","自然村数量":5}}',
        '{"site":{"id":"V2","kind":"village","name":"降虎村","district":"晋安区"},'
        '"facts":{"农村生活污水治理率":"70%","自然村数量":1}}',
    ]
    source = tmp_path / "v.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = batch(run, source, tmp_path / "out")
    summary = summary_of(tmp_path / "out")
    assert not any("自然村数量" in warning for warning in summary["warnings"]), summary["warnings"]
    assert "不读取以下事实" not in result.output
    assert _district(summary, "JA-14-7")["status"] == "pass"


# -- header refusals name the cell written; 统计用区划代码 -----------------------------------------------------


def _two_row_header(path: Path, bottom: list[str]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(
        ["村编号", "村名称", "所在区", "乡镇", "自然村数量", "农村生活污水治理率（%）", *[None] * (len(bottom) - 1)]
    )
    sheet.append([None] * 5 + bottom)
    sheet.merge_cells(start_row=1, start_column=6, end_row=1, end_column=5 + len(bottom))
    sheet.append(["V1", "岭头村", "晋安区", "宦溪镇", 3, *[80] * len(bottom)])
    book.save(path)
    return path


def test_header_refusals_name_the_cell_under_a_merged_heading(run: Run, tmp_path: Path) -> None:
    """增减 under 农村生活污水治理率（%） beside 2024年 and 2025年, and 乡镇 under it: each named with its column number
    and the cell as written (was: a column '农村生活污水治理率（%）' the sheet does not have, or just '乡镇')."""
    change = batch(run, _two_row_header(tmp_path / "f.xlsx", ["2024年", "2025年", "增减"]), tmp_path / "f", code=2)
    assert "column 8 (农村生活污水治理率（%） / 增减" in change.output and "农村生活污水治理率增减" in change.output
    level = batch(run, _two_row_header(tmp_path / "l.xlsx", ["县级", "乡镇"]), tmp_path / "l", code=2)
    assert "column 7 (农村生活污水治理率（%） / 乡镇" in level.output and "第7列" in level.output


def test_the_nbs_code_tables_header_is_the_area_code(run: Run, tmp_path: Path) -> None:
    header = ["站点编号", "名称", "所在区", "乡镇", "统计用区划代码", WASTE_FREE]
    rows = [["V1", "岭头村", "晋安区", "宦溪镇", "350111103201", "是"]]
    batch(run, write_table(tmp_path / "v.csv", [header, *rows]), tmp_path / "out")
    assert "统计用区划代码" not in summary_of(tmp_path / "out")["unknown_columns"]
