"""County forms that lost villages from a district figure or counted a township's row as one: 编号 that starts
again in each 乡镇 or sheet, a header row pasted again mid-file, a township's 平均 row named after the township as
clerks write it (宦 溪 镇, 宦溪鎮, 宦溪镇村均, 镇级), a title saying the figures are targets (目标任务分解表, 计划表,
预计完成情况表). JA-14-7 (“到2025年，农村生活污水治理率达到75%以上”) decides each: never passed on a part of the
district, never moved by a township's own row, never on targets."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from click.testing import Result

from compliance.batch.areanames import known_areas
from compliance.batch.columns import Matcher
from compliance.batch.ids import site_tags
from compliance.batch.titletargets import not_observed
from compliance.pack import load_pack
from tests.test_spreadsheets import batch, figure, rejected_of, summary_of, write_table

Run = Callable[..., Result]

SERIAL = ["编号", "行政村名称", "所在区", "乡镇", "行政区划代码", "农村生活污水治理率(%)", "自然村数量"]
HUANXI = [
    ["1", "岭头村", "晋安区", "宦溪镇", "350111103201", 90, 10],
    ["2", "降虎村", "晋安区", "宦溪镇", "350111103203", 88, 10],
    ["3", "板桥村", "晋安区", "宦溪镇", "350111103205", 92, 10],
]
SHOUSHAN = [
    ["1", "寿山村", "晋安区", "寿山乡", "350111201201", 40, 10],
    ["2", "九峰村", "晋安区", "寿山乡", "350111201202", 35, 10],
]


# -- 编号 per township ------------------------------------------------------------------------------------


def test_a_serial_starting_again_in_each_township_never_drops_a_village(run: Run, tmp_path: Path) -> None:
    """寿山村 and 九峰村 reuse 编号 1 and 2 of 宦溪镇's rows: they are other villages, rejected naming why, and each
    counts as a member missing its figures, so 90% over 宦溪镇's three is no pass (was: 通过, missing 0)."""
    batch(run, write_table(tmp_path / "d1.csv", [SERIAL, *HUANXI, *SHOUSHAN]), tmp_path / "out")
    summary = summary_of(tmp_path / "out")
    assert (summary["assessed"], summary["rejected"]) == (3, 2)
    assert figure(summary)[1] == "insufficient_data"
    rejected = rejected_of(tmp_path / "out")
    assert set(rejected) == {5, 6}
    assert "already used by row 2, whose name, code or place differ" in rejected[5]["reason"]
    assert "编号似乎按乡镇或工作表重新从1编起" in rejected[5]["reason"]


def test_a_serial_starting_again_on_each_sheet_names_the_earlier_rows_sheet(run: Run, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    first.title = "宦溪镇"
    for row in [SERIAL, *HUANXI]:
        first.append(row)
    second = book.create_sheet("寿山乡")
    for row in [SERIAL, *SHOUSHAN]:
        second.append(row)
    book.save(tmp_path / "sheets.xlsx")
    batch(run, tmp_path / "sheets.xlsx", tmp_path / "out", "--sheet", "all")
    summary = summary_of(tmp_path / "out")
    assert figure(summary)[1] == "insufficient_data" and summary["rejected"] == 2
    reasons = [row["reason"] for row in rejected_of(tmp_path / "out").values()]
    assert "already used by row 2 of sheet 宦溪镇" in reasons[0] and "工作表“宦溪镇”第 2 行" in reasons[0]


def test_the_same_village_given_again_under_its_id_is_still_a_repeat_and_no_member(run: Run, tmp_path: Path) -> None:
    """The row pasted twice (spaces aside) is one village: no member missing, the figure over the three stands."""
    again = ["2", "降 虎 村", "晋安区", "宦溪镇", "350111103203", 88, 10]
    batch(run, write_table(tmp_path / "again.csv", [SERIAL, *HUANXI, again]), tmp_path / "out")
    summary = summary_of(tmp_path / "out")
    assert figure(summary) == ("90%", "pass")
    assert rejected_of(tmp_path / "out")[5]["reason"] == "site id '2' is already used by row 3"


def _sheets(path: Path, header: list[str], townships: dict[str, list[list[object]]]) -> Path:
    """A workbook of one sheet a township, each of `header` and its rows."""
    book = openpyxl.Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for title, rows in townships.items():
        sheet = book.create_sheet(title)
        for row in [header, *rows]:
            sheet.append(row)
    book.save(path)
    return path


@pytest.mark.parametrize("name", ["村（社区）名称", "村名稱", "行政村（社区）名称", "村居名称", None])
def test_a_serial_starting_again_on_each_sheet_is_never_a_repeat_without_a_name_check(
    run: Run, tmp_path: Path, name: str | None
) -> None:
    """Sheets 宦溪镇 and 寿山乡 each numbered 1, 2 … with no 乡镇 column: 寿山村 (40%) and 九峰村 (35%) are other
    villages, never "the same row given again" (was: dropped when the name header was not read, JA-14-7 通过 on
    宦溪镇's 90% alone). The name headers county forms write are read; with no name column at all, a row on another
    sheet is another site too."""
    header = ["编号", *([name] if name else []), "所在区", "农村生活污水治理率(%)"]
    huanxi = [[row[0], *([row[1]] if name else []), "晋安区", row[5]] for row in HUANXI]
    shoushan = [[row[0], *([row[1]] if name else []), "晋安区", row[5]] for row in SHOUSHAN]
    source = _sheets(tmp_path / "serial.xlsx", header, {"宦溪镇": huanxi, "寿山乡": shoushan})
    result = batch(run, source, tmp_path / "out", "--sheet", "all")
    summary = summary_of(tmp_path / "out")
    assert figure(summary)[1] == "insufficient_data" and summary["rejected"] == 2
    reasons = [row["reason"] for row in rejected_of(tmp_path / "out").values()]
    assert all("this row is another site, not a repeat" in reason for reason in reasons), reasons
    assert "already used by row 2 of sheet 宦溪镇" in reasons[0]
    assert name is None or "not matched" not in result.output


def test_a_row_given_again_on_another_sheet_names_the_sheet_of_the_first(run: Run, tmp_path: Path) -> None:
    """The same village with the same figures on two sheets is a repeat and no member; the reason names the sheet
    of the row that first gave it, since every sheet has a row 2."""
    source = _sheets(tmp_path / "twice.xlsx", SERIAL, {"宦溪镇": HUANXI, "寿山乡": [HUANXI[0], *SHOUSHAN[1:]]})
    batch(run, source, tmp_path / "out", "--sheet", "all")
    rows = list(csv.DictReader((tmp_path / "out" / "rejected.csv").read_text("utf-8-sig").splitlines()))
    said = {(row["sheet"], row["row"]): row["reason"] for row in rows}
    first = "site id '1' is already used by row 2 of sheet 宦溪镇 / 编号“1”已由工作表“宦溪镇”第 2 行使用"
    assert said[("寿山乡", "2")] == first
    assert summary_of(tmp_path / "out")["rejected"] == 2  # and 九峰村, another site under 编号 2


@pytest.mark.parametrize("hidden", [False, True])
def test_one_site_given_twice_with_other_figures_is_no_figure_of_either_row(
    run: Run, tmp_path: Path, hidden: bool
) -> None:
    """降虎村 at 60% in row 3 (hidden by the office rather than deleted) and at 80% in row 4: the two rows disagree,
    so the site's figure is unknown and JA-14-7 (“到2025年，农村生活污水治理率达到75%以上”) is 数据不足, never
    decided on the first row's 60% (was: row 4 dropped as "already used by row 3", 72.5% 不达标)."""
    header = ["站点编号", "名称", "所在区", "乡镇", "农村生活污水治理率(%)", "自然村数量"]
    rows = [
        ["JA-V-0001", "岭头村", "晋安区", "宦溪镇", 90, 5],
        ["JA-V-0002", "降虎村", "晋安区", "宦溪镇", 60, 5],
        ["JA-V-0002", "降虎村", "晋安区", "宦溪镇", 80, 5],
        ["JA-V-0003", "板桥村", "晋安区", "宦溪镇", 70, 5],
    ]
    source = _sheets(tmp_path / "twice.xlsx", header, {"2025年": rows})
    if hidden:
        book = openpyxl.load_workbook(source)
        book["2025年"].row_dimensions[3].hidden = True
        book.save(source)
    batch(run, source, tmp_path / "out")
    summary = summary_of(tmp_path / "out")
    assert figure(summary)[1] == "insufficient_data"
    reason = rejected_of(tmp_path / "out")[4]["reason"]
    assert "already used by row 3, for the same site with other figures: rows 3 and 4 disagree" in reason
    assert "第 3 行与第 4 行互相矛盾" in reason and "counts as a member missing its figures" in reason


def test_site_tags_tell_sites_apart_by_name_code_and_place_and_keep_the_sheet() -> None:
    rows = [["1", "岭头村", "宦溪镇"], ["1", "岭 头村", "宦溪镇"], ["1", "岭头村", "寿山乡"], ["1", "寿山村", "宦溪镇"]]
    tags = site_tags(rows, [1, 2], 3)
    assert tags[0] == tags[1] and len({tags[0], tags[2], tags[3]}) == 3
    assert {tag & 0xFFFF for tag in tags} == {3}


# -- a header pasted again ----------------------------------------------------------------------------------


def test_a_header_row_pasted_again_mid_file_is_no_site_of_unknown_district(run: Run, tmp_path: Path) -> None:
    """Two townships' CSVs pasted together: the second header row is refused as a repeated header, no member of
    any district, and the figure over the five villages is decided: (900+880+920+400+350)/50 = 69% (was: 数据不足,
    with "no plan covers 所在区")."""
    header = ["站点编号", "名称", "所在区", "乡镇", "行政区划代码", "农村生活污水治理率(%)", "自然村数量"]
    rows = [[f"V{i}", *row[1:]] for i, row in enumerate([*HUANXI, *SHOUSHAN], start=1)]
    result = batch(run, write_table(tmp_path / "cat.csv", [header, *rows[:3], header, *rows[3:]]), tmp_path / "out")
    summary = summary_of(tmp_path / "out")
    assert figure(summary) == ("69%", "fail")
    assert "no plan covers" not in result.output and not any("所在区无法确定" in w for w in summary["warnings"])
    assert rejected_of(tmp_path / "out")[5]["reason"].startswith("the header row written again")


def test_a_row_sharing_only_its_id_with_the_header_is_read_as_a_site(run: Run, tmp_path: Path) -> None:
    """Only a row whose every filled cell is its column's heading is the header again."""
    header = ["站点编号", "名称", "所在区", "乡镇", "农村生活污水治理率(%)"]
    rows = [["站点编号", "岭头村", "晋安区", "宦溪镇", 90], ["V2", "降虎村", "晋安区", "宦溪镇", 80]]
    batch(run, write_table(tmp_path / "one.csv", [header, *rows]), tmp_path / "out")
    assert summary_of(tmp_path / "out")["assessed"] == 2


# -- a township's own row named as clerks write it ---------------------------------------------------------

RATES = ["编号", "行政村名称", "所在区", "乡镇", "农村生活污水治理率(%)", "自然村数量"]
FOUR = [
    ["1", "岭头村", "晋安区", "宦溪镇", 95, 2],
    ["2", "降虎村", "晋安区", "宦溪镇", 92, 2],
    ["3", "板桥村", "晋安区", "宦溪镇", 60, 12],
    ["4", "宦溪村", "晋安区", "宦溪镇", 90, 2],
]


def _township_row(run: Run, tmp_path: Path, name: str) -> tuple[tuple[str, str], dict[int, dict[str, str]]]:
    """JA-14-7 over the four villages and a last row named `name` holding the township's mean rate and summed
    natural villages (the sums test cannot tell it: one amount column, one rate), and what was rejected."""
    rows = [*FOUR, ["5", name, "晋安区", "宦溪镇", 84.25, 18]]
    batch(run, write_table(tmp_path / "t.csv", [RATES, *rows]), tmp_path / "out", "--overwrite")
    return figure(summary_of(tmp_path / "out")), rejected_of(tmp_path / "out")


@pytest.mark.parametrize(
    "name",
    [
        "宦 溪 镇",
        "宦溪鎮",
        "宦溪镇 4个村",
        "宦溪镇村均",
        "宦溪镇各村平均",
        "镇级",
        "本镇",
        "以上4村",
        "Avg.",
        "宦溪鎮（4村）",
    ],
)
def test_a_townships_row_spaced_traditional_or_with_words_after_is_no_village(
    run: Run, tmp_path: Path, name: str
) -> None:
    """(190+184+720+180)/18 = 70.78% < 75%: 不达标 (was: the township's row counted as a fifth village, 77.5% 通过)."""
    decided, rejected = _township_row(run, tmp_path, name)
    assert decided == ("70.7778%", "fail") and "totals row" in rejected[6]["reason"]


@pytest.mark.parametrize("name", ["宦溪村", "宦溪镇岭头村", "宦 溪 村"])
def test_a_village_named_like_its_township_is_still_a_village(run: Run, tmp_path: Path, name: str) -> None:
    decided, rejected = _township_row(run, tmp_path, name)
    assert decided[1] == "pass" and not rejected


def test_a_name_starting_with_the_township_that_is_neither_counts_as_a_village_missing(
    run: Run, tmp_path: Path
) -> None:
    """宦溪镇新区: the township's row or a village; never assessed as a village, never dropped: 数据不足."""
    decided, rejected = _township_row(run, tmp_path, "宦溪镇新区")
    assert decided[1] == "insufficient_data" and "counts as a village missing its figures" in rejected[6]["reason"]


def test_traditional_forms_of_the_tables_names_are_known() -> None:
    names, _ = known_areas(load_pack().divisions)
    assert {"宦溪鎮", "宦谿鎮", "壽山鄉", "宦溪"} <= names


# -- a title saying the figures are targets, plans or estimates ----------------------------------------------

FORM = ["站点编号", "名称", "所在区", "乡镇", "农村生活污水治理率(%)", "自然村数量"]
VILLAGES = [["V1", "岭头村", "晋安区", "宦溪镇", 80, 5], ["V2", "降虎村", "晋安区", "宦溪镇", 82, 5]]


def _titled(path: Path, titles: list[str], header_at: int = 0, sheet: str = "宦溪镇") -> Path:
    """A township's form: its title rows merged across the table (and `header_at` lines of 填表说明) over the header."""
    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    first.title = sheet
    for number, title in enumerate(titles, start=1):
        first.append([title])
        first.merge_cells(start_row=number, start_column=1, end_row=number, end_column=len(FORM))
    for number in range(header_at):
        first.append([f"填表说明{number + 1}：请如实填写"])
    for row in [FORM, *VILLAGES]:
        first.append(row)
    book.save(path)
    return path


@pytest.mark.parametrize(
    "title",
    [
        "晋安区农村生活污水治理目标任务分解表",
        "晋安区2025年农村生活污水治理计划表",
        "晋安区农村生活污水治理预计完成情况表",
        "晋安区农村污水治理率考核目标值",
        "晋安区2025年农村污水治理年度目标",
        "晋安区上年度农村生活污水治理情况表",
    ],
)
def test_a_title_saying_the_figures_are_targets_stops_the_batch(run: Run, tmp_path: Path, title: str) -> None:
    """A 目标任务分解表 (targets allocated to each village), a 计划表 or a 预计完成情况表 is the statement a 目标值
    heading over the metrics makes: the batch stops naming the file, sheet and title row (was: JA-14-7 = 81% → 通过)."""
    result = batch(run, _titled(tmp_path / "t.xlsx", [title]), tmp_path / "out", code=2)
    assert (
        f"t.xlsx:1: sheet '宦溪镇': the title row “{title}” says the figures are not the observed ones" in result.output
    )
    assert "不是实际值" in result.output and not (tmp_path / "out" / "summary.json").exists()


@pytest.mark.parametrize(
    "title", ["晋安区2025年农村生活污水治理目标任务完成情况表", "晋安区2025年农村生活污水治理情况表"]
)
def test_a_title_reporting_what_was_done_is_read(run: Run, tmp_path: Path, title: str) -> None:
    """目标任务完成情况 reports what was done against the targets: the observed figures, (80×5+82×5)/10 = 81%."""
    batch(run, _titled(tmp_path / "t.xlsx", [title]), tmp_path / "out")
    assert figure(summary_of(tmp_path / "out")) == ("81%", "pass")


def test_a_metrics_own_name_in_a_title_says_nothing_of_the_figures() -> None:
    matcher = Matcher(load_pack(None).catalogue)
    assert not_observed("晋安区水电站生态下泄流量达到考核要求情况表", matcher) == ""
    assert not_observed("晋安区水电站生态流量考核目标分解表", matcher) == "考核目标、分解表"


def test_another_sheets_target_title_stops_the_run_and_a_hidden_one_is_left_unread(run: Run, tmp_path: Path) -> None:
    """--sheet all: 寿山乡's sheet titled 目标任务分解表 stops the batch naming it; hidden, it is left unread."""
    for hidden in (False, True):
        path = _titled(tmp_path / f"s{hidden}.xlsx", ["晋安区2025年农村生活污水治理情况表"])
        book = openpyxl.load_workbook(path)
        other = book.create_sheet("寿山乡")
        for row in [["晋安区2025年农村生活污水治理目标任务分解表"], FORM, ["V3", "寿山村", "晋安区", "寿山乡", 90, 5]]:
            other.append(row)
        other.sheet_state = "hidden" if hidden else "visible"
        book.save(path)
        out = tmp_path / f"out{hidden}"
        result = batch(run, path, out, "--sheet", "all", code=0 if hidden else 2)
        if hidden:
            assert any("hidden sheet '寿山乡' is not read" in warning for warning in summary_of(out)["warnings"])
        else:
            assert f"s{hidden}.xlsx:1: sheet '寿山乡': the title row" in result.output


def test_a_title_rows_unit_error_names_the_title_row(run: Run, tmp_path: Path) -> None:
    """单位：% on row 2 over a table also counting 自然村数量 (个): the error names row 2, not the header's row 3."""
    result = batch(
        run, _titled(tmp_path / "u.xlsx", ["晋安区农村生活污水治理情况表", "单位：%"]), tmp_path / "o", code=2
    )
    assert "u.xlsx:2: the title row “单位：%” states the unit '%'" in result.output


def test_a_header_below_the_first_rows_is_said_not_found(run: Run, tmp_path: Path) -> None:
    """22 lines of 填表说明 push the header to row 23: no header found in the first 20 rows (was: no site id column,
    though the sheet has one)."""
    result = batch(run, _titled(tmp_path / "n.xlsx", [], header_at=22), tmp_path / "out", code=2)
    assert "no header found in the first 20 rows" in result.output and "前20行中未找到表头" in result.output
