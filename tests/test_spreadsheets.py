"""Spreadsheets as township offices send them: every quirk is read right or refused, never a wrong figure.

Each workbook or CSV is made here the way such returns look (a title row, merged 乡镇 cells, a 合计 row, a
hidden sheet of last year's data …); each test checks that rows in = assessed + rejected, and where the
quirk used to move a district figure, that the figure comes out as it does without the quirk.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import Result

from compliance.batch.table import SAMPLE_BYTES
from tests.conftest import AS_OF

Run = Callable[..., Result]
HEADER = [
    "站点编号",
    "名称",
    "所在区",
    "乡镇",
    "农村生活污水治理率(%)",
    "生活垃圾产生量(吨)[2024]",
    "生活垃圾产生量(吨)[2025]",
    "自然村数量(个)",
]
SEWAGE = [70, 80, 87, 92.5, 65.5, 79, 81, 77, 85, 73]
"""Ten villages' sewage treatment rates, each over one natural village (自然村数量 1): the district figure JA-14-7,
their mean weighted by it, is 79% (target ≥ 75%)."""


def village_rows(count: int = 10) -> list[list[Any]]:
    townships = ["宦溪镇", "寿山乡"]
    return [
        [f"JA-V-{n:04d}", f"村{n}", "晋安区", townships[n % 2], SEWAGE[n % len(SEWAGE)], 400 + n, 390 + n, 1]
        for n in range(count)
    ]


def batch(run: Run, source: Path, out: Path, *extra: str, code: int = 0) -> Result:
    result = run("batch", source, "--kind", "village", "--out", out, "--as-of", AS_OF.isoformat(), "--quiet", *extra)
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    return result


def summary_of(out: Path) -> dict[str, Any]:
    summary: dict[str, Any] = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["rows"] == summary["assessed"] + summary["rejected"], "every row assessed or rejected"
    sites = list(csv.DictReader((out / "sites.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert len(sites) == summary["rows"]
    return summary


def rejected_of(out: Path) -> dict[int, dict[str, str]]:
    rows = csv.DictReader((out / "rejected.csv").read_text(encoding="utf-8-sig").splitlines())
    return {int(row["row"]): row for row in rows}


def figure(summary: dict[str, Any], requirement: str = "JA-14-7") -> tuple[str, str]:
    """The figure, or for a rate of the villages' rates without their natural villages the range it lies in."""
    row = next(d for d in summary["districts"] if d["requirement"] == requirement and d["district"] == "晋安区")
    return row["figure"] or f"{row['lowest']}～{row['highest']}", row["status"]


def workbook(path: Path, rows: list[list[Any]], above: list[list[Any]] | None = None) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "2025年"
    for row in [*(above or []), HEADER, *rows]:
        sheet.append(row)
    book.save(path)
    return path


def write_table(path: Path, table: list[list[Any]]) -> Path:
    """A CSV of exactly these rows, the header first."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(table)
    return path


def batch_of_rates(run: Run, tmp_path: Path, rows: list[list[Any]]) -> dict[str, Any]:
    """The summary of a batch of id, name, district, township and 农村生活污水治理率 rows (out: tmp_path/out)."""
    source = write_table(
        tmp_path / "rates.csv", [["站点编号", "名称", "所在区", "乡镇", "农村生活污水治理率(%)"], *rows]
    )
    batch(run, source, tmp_path / "out")
    return summary_of(tmp_path / "out")


def write_csv(path: Path, rows: list[list[Any]], delimiter: str = ",", encoding: str = "utf-8-sig") -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


# -- totals rows -------------------------------------------------------------------------------------


def test_a_totals_row_is_rejected_and_the_district_figure_stays_right(run: Run, tmp_path: Path) -> None:
    rows = village_rows()
    batch(run, workbook(tmp_path / "plain.xlsx", rows), tmp_path / "plain")
    plain = summary_of(tmp_path / "plain")
    assert figure(plain) == ("79%", "pass")
    totals = [["合计", "", "晋安区", "", sum(SEWAGE), sum(r[5] for r in rows), sum(r[6] for r in rows)]]
    batch(run, workbook(tmp_path / "total.xlsx", rows + totals), tmp_path / "total")
    summary = summary_of(tmp_path / "total")
    assert figure(summary) == ("79%", "pass"), "the 合计 row must not count as a village"
    assert (summary["rows"], summary["assessed"], summary["rejected"]) == (11, 10, 1)
    reason = rejected_of(tmp_path / "total")[12]["reason"]
    assert "totals row" in reason and "合计" in reason


def test_subtotals_by_name_and_a_mean_row_without_a_word_are_rejected(run: Run, tmp_path: Path) -> None:
    rows = village_rows()
    first, second = rows[:5], rows[5:]
    subtotal = ["", "宦溪镇小计", "晋安区", "宦溪镇", "", sum(r[5] for r in first), sum(r[6] for r in first)]
    township_row = ["JA-T-01", "寿山乡", "晋安区", "寿山乡", "", sum(r[5] for r in second), sum(r[6] for r in second)]
    mean = sum(SEWAGE) / len(SEWAGE)
    averages = [
        "JA-V-9999",
        "—",
        "晋安区",
        "",
        f"{mean:.1f}",
        sum(r[5] for r in rows) / 10,
        sum(r[6] for r in rows) / 10,
    ]
    source = write_csv(tmp_path / "sub.csv", [*first, subtotal, *second, township_row, averages])
    batch(run, source, tmp_path / "out")
    summary = summary_of(tmp_path / "out")
    assert (summary["assessed"], summary["rejected"]) == (10, 3)
    rejected = rejected_of(tmp_path / "out")
    assert "小计" in rejected[7]["reason"]
    assert "named after its own township" in rejected[13]["reason"]
    assert "means of the rows above" in rejected[14]["reason"]
    assert figure(summary) == ("79%", "pass")


def test_a_village_rejected_for_its_figures_still_counts_in_its_district(run: Run, tmp_path: Path) -> None:
    """待统计 in a village's cell rejects the row; its district's figure is then short of that village (缺1), as
    it is when the cell is left blank, never decided on the others alone."""
    rows = village_rows()
    rows[3][4] = "待统计"
    batch(run, write_csv(tmp_path / "pending.csv", rows), tmp_path / "out")
    summary = summary_of(tmp_path / "out")
    assert (summary["assessed"], summary["rejected"]) == (9, 1)
    district = next(d for d in summary["districts"] if d["requirement"] == "JA-14-7")
    assert (district["missing"], district["status"]) == (1, "insufficient_data")


def test_an_id_typed_again_another_way_is_a_repeat(run: Run, tmp_path: Path) -> None:
    """Full-width hyphens from an input method and lower case do not make a village twice."""
    rows = village_rows(4)
    again = [[site_id, *rest] for site_id, *rest in (["JA－V－0001", *rows[1][1:]], ["ja-v-0002", *rows[2][1:]])]
    batch(run, write_csv(tmp_path / "typed.csv", [*rows, *again]), tmp_path / "out")
    summary = summary_of(tmp_path / "out")
    assert (summary["assessed"], summary["rejected"]) == (4, 2)
    assert all("is already used by row" in row["reason"] for row in rejected_of(tmp_path / "out").values())


def test_totals_rows_as_clerks_space_and_word_them_are_rejected(run: Run, tmp_path: Path) -> None:
    """Words aligned by hand (小 计, 合　计), their other spellings (共计, 合計, 其中：…, …小结), and a township's row
    with its own 乡镇 cell left empty are totals rows, not villages (none of them sums the rows above here)."""
    rows = village_rows()
    totals = [
        ["", "小 计", "晋安区", "宦溪镇", 76, 2000, 1990],
        ["", "合　计", "晋安区", "", 77, 4000, 3900],
        ["", "共计", "晋安区", "", 78, 4000, 3900],
        ["", "總計", "晋安区", "", 79, 4000, 3900],
        ["S1", "其中：寿山乡", "晋安区", "寿山乡", 80, 2000, 1990],
        ["S2", "宦溪镇小结", "晋安区", "宦溪镇", 81, 2000, 1990],
        ["350111103000", "宦溪镇", "晋安区", "", 82, 2000, 1990],
    ]
    source = write_csv(tmp_path / "spaced.csv", [*rows[:5], *totals[:2], *rows[5:], *totals[2:]])
    batch(run, source, tmp_path / "out")
    summary = summary_of(tmp_path / "out")
    assert (summary["assessed"], summary["rejected"]) == (10, 7)
    assert all("totals row" in row["reason"] for row in rejected_of(tmp_path / "out").values())
    assert figure(summary) == ("79%", "pass")


@pytest.mark.parametrize(
    ("site_id", "name", "code", "totals"),
    [
        ("JA-V-0003", "其中：岭头村", "", False),  # its own id: the village itself, or a subtotal
        ("", "其中：岭头村", "350111103201", False),  # its own village code
        ("", "其中：贫困村", "", True),  # neither: a subtotal of the poor villages above
        ("S1", "其中：寿山乡", "", True),  # a township: a subtotal
    ],
)
def test_a_village_listed_under_qizhong_counts_as_a_village_missing_its_figures(
    run: Run, tmp_path: Path, site_id: str, name: str, code: str, totals: bool
) -> None:
    """其中：岭头村 with an id or village code of its own may be 岭头村 itself or a subtotal: it is never assessed under
    that name, nor dropped as a totals row (was: no member of any figure), but counts as a village missing its figures,
    so JA-14-7 is 数据不足 rather than passed on the others; 其中 before no village stays a totals row."""
    header = ["站点编号", "名称", "所在区", "乡镇", "行政区划代码", "农村生活污水治理率(%)"]
    rows = [
        ["JA-V-0001", "降虎村", "晋安区", "宦溪镇", "350111103203", 90],
        ["JA-V-0002", "板桥村", "晋安区", "宦溪镇", "350111103205", 80],
        [site_id, name, "晋安区", "宦溪镇", code, 60],
    ]
    batch(run, write_table(tmp_path / "among.csv", [header, *rows]), tmp_path / "out")
    reason = rejected_of(tmp_path / "out")[4]["reason"]
    if totals:
        assert reason.startswith("a totals row (其中 in ") and figure(summary_of(tmp_path / "out"))[1] == "pass"
        return
    assert "counts as a village missing its figures; if it is 岭头村, write its name without 其中" in reason
    assert figure(summary_of(tmp_path / "out"))[1] == "insufficient_data"


def test_a_townships_or_districts_own_row_by_name_or_code_is_not_a_village(run: Run, tmp_path: Path) -> None:
    """宦溪 (宦溪镇 short), 寿山乡政府, 日溪乡（含3个村）, 晋安全区, 总体情况, a township's code as the id, and a form's
    footer (单位负责人：…): none is a village, and none lifts the district's 60%～72% to a pass."""
    rows = [
        ["JA-V-0001", "岭头村", "晋安区", "宦溪镇", 60],
        ["350111103000", "宦溪", "晋安区", "", 90],
        ["JA-V-0002", "降虎村", "晋安区", "宦溪镇", 62],
        ["SSX", "寿山乡政府", "晋安区", "寿山乡", 95],
        ["JA-V-0005", "寿山村", "晋安区", "寿山乡", 70],
        ["RX", "日溪乡（含3个村）", "晋安区", "日溪乡", 95],
        ["JA-V-0006", "九峰村", "晋安区", "寿山乡", 72],
        ["HJ", "晋安全区", "晋安区", "", 88],
        ["ZT", "总体情况", "晋安区", "", 92],
        ["350111103", "", "晋安区", "宦溪镇", 99],
        ["单位负责人：张三", "", "统计负责人：李四", "", "报出日期：2026年1月10日"],
    ]
    summary = batch_of_rates(run, tmp_path, rows)
    assert (summary["assessed"], summary["rejected"]) == (4, 7)
    assert figure(summary) == ("60%～72%", "fail")  # the best village short of 75%: so is the district
    reasons = [row["reason"] for row in rejected_of(tmp_path / "out").values()]
    assert sum("township or district" in reason for reason in reasons) == 4
    assert any("note or column-number row" in reason for reason in reasons)


def test_a_village_written_by_its_townships_short_name_counts_as_missing(run: Run, tmp_path: Path) -> None:
    """寿山 under 寿山乡 may be the township's own row or the village 寿山村 written short: rejected, asking for the
    full name, and counted as a member missing its figure, so the district figure is not decided without it."""
    rows = [["JA-V-01", "九峰", "晋安区", "寿山乡", 80], ["JA-V-03", "寿山", "晋安区", "寿山乡", 50]]
    summary = batch_of_rates(run, tmp_path, rows)
    assert (summary["assessed"], summary["rejected"]) == (1, 1)
    assert figure(summary) == ("0%～100%", "insufficient_data")  # 寿山 could be any rate, of any weight
    assert "village's full name" in rejected_of(tmp_path / "out")[3]["reason"]


def test_a_column_of_the_figures_date_stops_the_batch(run: Run, tmp_path: Path) -> None:
    """统计截止日期 2024-12-31 says the figures are 2024's; a batch cannot date each row, so it stops, asking for
    periods, rather than read them as the figures now (填报日期, when the form was filled, is kept as an extra)."""
    source = tmp_path / "dated.csv"
    rows = [["JA-V-1", "九峰村", "晋安区", "寿山乡", 80, "2024-12-31", "2026-01-10"]]
    header = ["站点编号", "名称", "所在区", "乡镇", "农村生活污水治理率(%)", "统计截止日期", "填报日期"]
    write_table(source, [header, *rows])
    refused = batch(run, source, tmp_path / "out", code=2)
    assert "统计截止日期: a column of the date the figures are of is not read" in refused.output
    assert "填报日期" not in refused.output
    for column in ("年份", "统计年度", "数据截至", "所属期", "考核年度", "统计年月", "统计时点", "月份"):
        write_table(source, [[*header[:5], column], [*rows[0][:5], "2024"]])
        assert f"{column}: a column of the date" in batch(run, source, tmp_path / column, code=2).output


def test_a_title_naming_one_year_dates_the_undated_columns(run: Run, tmp_path: Path) -> None:
    """晋安区2024年农村人居环境统计表 above the header: its figures are 2024's, missing data for the 2025 target."""
    path = workbook(tmp_path / "titled.xlsx", village_rows(10), above=[["晋安区2024年农村人居环境统计表"]])
    book = openpyxl.load_workbook(path)
    book.active.title = "农村人居环境"  # type: ignore[union-attr]
    book.save(path)
    batch(run, path, tmp_path / "out")
    summary = summary_of(tmp_path / "out")
    assert figure(summary)[1] == "insufficient_data"
    assert any("the title names a year: its undated columns are read as 2024's" in w for w in summary["warnings"])


@pytest.mark.parametrize(
    ("title", "year"),
    [
        ("晋安区2024年度农村人居环境统计表（2025年3月填报）", "2024"),
        ("晋安区2024年农村人居环境统计表 填报日期：2025.3", "2024"),
    ],
)
def test_a_titles_filing_date_is_not_the_year_of_its_figures(run: Run, tmp_path: Path, title: str, year: str) -> None:
    """The year the figures are of stays the title's though the filing date names another; a title naming two years
    otherwise cannot date them, and stops the batch instead of reading 2024's figures as the figures now."""
    path = write_table(tmp_path / "titled.csv", [[title], HEADER, *village_rows(10)])
    batch(run, path, tmp_path / "out")
    summary = summary_of(tmp_path / "out")
    assert any(f"read as {year}'s figures" in w for w in summary["warnings"])
    two = write_table(tmp_path / "two.csv", [["晋安区2024年与2025年农村人居环境统计表"], HEADER, *village_rows(10)])
    assert "names the years 2024、2025" in batch(run, two, tmp_path / "two", code=2).output
    sheet = workbook(tmp_path / "sheet.xlsx", village_rows(10), above=[[title]])  # a sheet 2025年 under 2024's title
    assert "names the years 2024、2025" in batch(run, sheet, tmp_path / "sheet", code=2).output


@pytest.mark.parametrize(
    "line",
    [["填表日期：2026-03-05"], ["填报单位：宦溪镇人民政府", "", "", "", "填报日期：2026年3月5日"]],
)
def test_a_forms_line_of_labels_above_the_header_is_a_title(run: Run, tmp_path: Path, line: list[str]) -> None:
    """填表日期 is when the form was filled, not the figures' year; 填报单位：… 填报日期：… above the header is a line
    of labels, not a heading over the metric it stands above."""
    path = write_table(tmp_path / "form.csv", [["晋安区2025年农村人居环境统计表"], line, HEADER, *village_rows(10)])
    batch(run, path, tmp_path / "out")
    summary = summary_of(tmp_path / "out")
    assert any("read as 2025's figures" in w for w in summary["warnings"]) and summary["assessed"] == 10


def test_a_first_village_with_a_four_digit_figure_is_a_village_not_a_year_heading(run: Run, tmp_path: Path) -> None:
    """1250 tonnes of waste under 生活垃圾产生量 in the first row once made that row a second header row (the year 1250
    over the column): the village vanished from every output and the district was decided without it."""
    header = ["站点编号", "名称", "所在区", "乡镇", "农村生活污水治理率(%)", "生活垃圾产生量(吨)"]
    rows = [["V1", "九峰村", "晋安区", "寿山乡", 60, 1250], ["V2", "降虎村", "晋安区", "寿山乡", 90, 980]]
    batch(run, write_table(tmp_path / "first.csv", [header, *rows]), tmp_path / "out")
    summary = summary_of(tmp_path / "out")
    assert summary["assessed"] == 2 and figure(summary) == ("60%～90%", "insufficient_data")  # both villages count


@pytest.mark.parametrize("note", ["（√/×）", "（保留1位小数）", "（填数字）"])
def test_a_note_on_how_to_write_a_cell_is_read_past(run: Run, tmp_path: Path, note: str) -> None:
    header = [*HEADER[:4], f"农村生活污水治理率{note}", *HEADER[5:]]
    batch(run, write_table(tmp_path / "notes.csv", [header, *village_rows(10)]), tmp_path / "out")
    assert figure(summary_of(tmp_path / "out")) == ("79%", "pass")


def test_a_forms_column_numbers_and_notes_are_not_sites(run: Run, tmp_path: Path) -> None:
    """栏次 rows (甲 乙 丙 1 2 3) under the header and notes at the foot (注：…, 填表人：…) are rejected, not
    assessed as villages (with the district from --plan they would even make a district 丙)."""
    rows = village_rows()
    numbering = ["甲", "乙", "丙", "丁", "1", "2", "3"]
    notes = [["注：1.数据截至2025年12月31日", "", "", "", "", "", ""], ["填表人：张三", "", "", "", "", "", ""]]
    batch(run, write_csv(tmp_path / "form.csv", [numbering, *rows, *notes]), tmp_path / "out", "--plan", "jinan")
    summary = summary_of(tmp_path / "out")
    assert (summary["assessed"], summary["rejected"]) == (10, 3)
    assert all("note or column-number row" in row["reason"] for row in rejected_of(tmp_path / "out").values())
    assert {d["district"] for d in summary["districts"]} == {"晋安区"}


def test_a_village_near_the_means_of_columns_mostly_at_100_is_a_village(run: Run, tmp_path: Path) -> None:
    """100 / 100 / 86 under rows averaging 99.8 / 99.6 / 85.6 sits within rounding of every mean, but two of its
    columns are at 100% because nearly every village is: no evidence of a row of means."""
    header = [
        "站点编号",
        "名称",
        "所在区",
        "乡镇",
        "农村自来水普及率(%)",
        "农村生活垃圾无害化处理率(%)",
        "农村生活污水治理率(%)",
    ]
    figures = [(99, 100, 95), (100, 100, 79), (100, 98, 91), (100, 100, 70), (100, 100, 93), (100, 100, 86)]
    rows = [[f"JA-V-{n:04d}", f"村{n}", "晋安区", "宦溪镇", *map(str, f)] for n, f in enumerate(figures)]
    source = tmp_path / "near.csv"
    write_table(source, [header, *rows])
    batch(run, source, tmp_path / "out")
    assert (summary_of(tmp_path / "out")["assessed"], rejected_of(tmp_path / "out")) == (6, {})


def test_a_row_of_sums_without_a_totals_word_is_rejected(run: Run, tmp_path: Path) -> None:
    """A row of sums that names no site (an id or serial alone, its name left blank) is told by its figures."""
    rows = village_rows(6)
    sums = ["JA-V-0100", "", "晋安区", "宦溪镇", "", sum(r[5] for r in rows), sum(r[6] for r in rows)]
    batch(run, write_csv(tmp_path / "sums.csv", [*rows, sums]), tmp_path / "out")
    summary = summary_of(tmp_path / "out")
    assert "sums of the rows above" in rejected_of(tmp_path / "out")[8]["reason"]
    assert (summary["assessed"], summary["rejected"]) == (6, 1)


ZERO_WASTE = ["站点编号", "名称", "所在区", "乡镇", "行政区划代码", "农村生活污水治理率(%)", "自然村数量"]
ZERO_WASTE += ["农村生活垃圾无害化处理率(%)", "已建成“无废乡村”"]


@pytest.mark.parametrize(
    ("site_id", "name", "code", "totals"),
    [
        ("JA-V-0103", "岳峰村", "350111102201", False),  # its own id, name and village code: a village
        ("JA-V-0103", "岳峰村", "", False),  # its own id and name
        ("", "岳峰村", "350111102201", False),  # a village code (rejected for its blank id, still a member)
        ("JA-V-0103", "", "", True),  # an id alone: a row of means
        ("JA-V-0103", "—", "", True),
    ],
)
def test_a_row_that_names_a_village_is_no_totals_row_by_its_figures_alone(
    run: Run, tmp_path: Path, site_id: str, name: str, code: str, totals: bool
) -> None:
    """岳峰村 at 74% / 5 / 97% happens to be, to the unit written, the mean of the two villages above (90 and 58, 1 and
    9, 95 and 99): a county form's whole numbers make such chance matches common (541 of 300,000 generated villages).
    A row with its own name and id (or 12-digit village code) is a village, assessed with a warning; dropped as a
    totals row it would leave 晋安（十五）「“无废乡村”建设比例达60%」 decided without its 否."""
    rows = [
        ["JA-V-0101", "鼓岭村", "晋安区", "鼓山镇", "350111100201", 90, 1, 95, "是"],
        ["JA-V-0102", "赤桥村", "晋安区", "新店镇", "350111101201", 58, 9, 99, "是"],
        [site_id, name, "晋安区", "岳峰镇", code, 74, 5, 97, "否"],
        ["JA-V-0104", "东山村", "晋安区", "岳峰镇", "350111102202", 84.7, 3, 98.6, "否"],
    ]
    batch(run, write_table(tmp_path / "means.csv", [ZERO_WASTE, *rows]), tmp_path / "out")
    summary = summary_of(tmp_path / "out")
    rejected = rejected_of(tmp_path / "out")
    said = [w for w in summary["notes"] if "figures equal the sums or means of the rows above but" in w]
    if totals:
        assert "means of the rows above" in rejected[4]["reason"] and not said
        return
    assert "totals row" not in rejected.get(4, {}).get("reason", ""), rejected
    assert said and said[0].startswith("1 行 rows: ") and "按站点读取" in said[0]
    share = next(d for d in summary["districts"] if d["requirement"] == "JA-15-15")
    assert share["status"] != "pass", "岳峰村's 否 counts: 2 of 4 villages built, not 2 of 3"


def test_villages_whose_figures_merely_add_up_are_kept() -> None:
    """Percentages are never summed, and equal rows are no mean: 30% and 40% then 70% is three villages."""
    from compliance.batch.totals import SumsWatch

    watch = SumsWatch([(0, True), (1, True), (2, False)])
    assert watch.refused([["30", "20", "5"], ["40", "50", "5"], ["70", "70", "7"]], {}) == {}, (
        "percentages add by chance"
    )
    flat = SumsWatch([(0, True), (1, True), (2, True)])
    assert flat.refused([["100", "100", "100"]] * 4, {}) == {}, "all villages at 100%: every one equals the mean"
    counts = SumsWatch([(0, False), (1, False), (2, True)])
    rows = [["3", "12", "80"], ["5", "8", "90"], ["8", "20", "85"], ["2", "2", "70"], ["2", "2", "70"]]
    assert counts.refused(rows[:2], {}) == {}
    found = counts.refused(rows[2:], {})
    assert list(found) == [0] and "sums" in found[0], "a chunk's first row can be the sum of the chunk before"


# -- sheets, merged cells, headers, formulas -----------------------------------------------------------


def _year_sheet(book: Any, title: str, villages: int, rate: float) -> Any:
    """The workbook's first sheet, named `title`, of `villages` villages all at `rate`."""
    sheet = book.active
    sheet.title = title
    for row in [HEADER, *[[*r[:4], rate, 500, 500] for r in village_rows(villages)]]:
        sheet.append(row)
    return sheet


def test_the_first_visible_sheet_is_read_and_the_others_are_named(run: Run, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    _year_sheet(book, "2024年", 4, 40).sheet_state = "hidden"
    this_year = book.create_sheet("2025年")
    notes = book.create_sheet("填表说明")
    for row in [HEADER, *village_rows(10)]:
        this_year.append(row)
    notes.append(["本表由各乡镇填报"])
    book.create_sheet("空白")
    path = tmp_path / "sheets.xlsx"
    book.save(path)
    result = batch(run, path, tmp_path / "out")
    summary = summary_of(tmp_path / "out")
    assert (summary["assessed"], figure(summary)) == (10, ("79%", "pass"))
    warning = next(w for w in summary["warnings"] if "also hold data" in w)
    assert "'2024年'（隐藏 hidden）" in warning and "'填表说明'" in warning and "空白" not in warning
    assert "--sheet" in warning and "warning:" in result.output
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["input"]["sheet"] == "2025年"
    batch(run, path, tmp_path / "hidden", "--sheet", "2024年")
    assert summary_of(tmp_path / "hidden")["assessed"] == 4


def _township_book(path: Path, headers: dict[str, list[str]]) -> Path:
    """One sheet per township, each with its own header and two villages (rate 60 and 50)."""
    book = openpyxl.Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for number, (title, header) in enumerate(headers.items()):
        sheet = book.create_sheet(title)
        sheet.append(header)
        for n in range(2):
            row = {"站点编号": f"JA-V-{number}{n}", "村名称": f"村{number}{n}", "名称": f"村{number}{n}"}
            row |= {"所在区": "晋安区", "乡镇": title, "备注": "", "农村生活污水治理率（%）": 60 - 10 * n}
            sheet.append([row.get(title_, row.get(title_.replace("(%)", "（%）"), "")) for title_ in header])
    book.save(path)
    return path


def test_township_sheets_are_read_whole_under_any_order_or_spelling_of_the_same_columns(
    run: Run, tmp_path: Path
) -> None:
    """Township sheets filled from one template drift: one adds 备注, one swaps columns, one writes （%）. --sheet all
    reads them all in the first sheet's order; a sheet of sites with a metric the first lacks stops the run, and so
    does a default run that would read only the first of such sheets (the district decided on one township)."""
    base = ["站点编号", "名称", "所在区", "乡镇", "农村生活污水治理率(%)"]
    headers = {
        "宦溪镇": base,
        "寿山乡": [*base, "备注"],
        "日溪乡": ["名称", "站点编号", "农村生活污水治理率（%）", "乡镇", "所在区"],
    }
    path = _township_book(tmp_path / "towns.xlsx", headers)
    batch(run, path, tmp_path / "all", "--sheet", "all")
    summary = summary_of(tmp_path / "all")
    assert summary["assessed"] == 6 and figure(summary) == ("50%～60%", "fail")
    assert "sheets hold sites under the same columns" not in str(summary["warnings"])
    assert "hold sites under the same columns as sheet '宦溪镇'" in batch(run, path, tmp_path / "one", code=2).output
    other = _township_book(tmp_path / "other.xlsx", {**headers, "新店镇": [*base, "农村自来水普及率(%)"]})
    refused = batch(run, other, tmp_path / "other", "--sheet", "all", code=2)
    assert (
        "sheet '新店镇' holds sites under other columns" in refused.output
        and "adds 农村自来水普及率(%)" in refused.output
    )


def test_sheet_all_skips_a_notes_sheet_in_front_and_stops_on_a_sheet_titled_another_year(
    run: Run, tmp_path: Path
) -> None:
    """填表说明 as the first sheet is skipped, not taken for the header; a township sheet that kept last year's title
    (晋安区2024年…) under --sheet all is of another year than the first: the batch stops rather than read it as now."""
    base = ["站点编号", "名称", "所在区", "乡镇", "农村生活污水治理率(%)"]
    book = openpyxl.Workbook()
    notes = book.active
    assert notes is not None
    notes.title = "填表说明"
    notes.append(["1. 各村填写本村2025年数据。"])
    for title, above in (("宦溪镇", []), ("寿山乡", [])):
        sheet = book.create_sheet(title)
        for row in [*above, base, [f"JA-V-{title}", f"{title}村", "晋安区", title, 80]]:
            sheet.append(row)
    book.save(tmp_path / "notes.xlsx")
    batch(run, tmp_path / "notes.xlsx", tmp_path / "out", "--sheet", "all")
    summary = summary_of(tmp_path / "out")
    assert summary["assessed"] == 2 and any("填表说明" in w for w in summary["warnings"])
    book["寿山乡"].insert_rows(1)
    book["寿山乡"]["A1"] = "晋安区2024年农村人居环境统计表"
    book.save(tmp_path / "titled.xlsx")
    refused = batch(run, tmp_path / "titled.xlsx", tmp_path / "titled", "--sheet", "all", code=2)
    assert "sheet '寿山乡''s title or name names 2024, sheet '宦溪镇''s no year" in refused.output


def test_visible_sheets_of_different_years_are_refused_unless_one_is_chosen(run: Run, tmp_path: Path) -> None:
    """Sheets 2024年 and 2025年 hold the same villages' figures of each year: neither the first (2024's, passing) nor
    both (2025's rows then repeats of 2024's) are the figures now, so the year is asked for, never guessed."""
    book = openpyxl.Workbook()
    _year_sheet(book, "2024年", 5, 90)
    newer = book.create_sheet("2025年")
    for row in [HEADER, *[[*r[:4], 60, 500, 500] for r in village_rows(5)]]:
        newer.append(row)
    path = tmp_path / "years.xlsx"
    book.save(path)
    for extra in ((), ("--sheet", "all")):
        refused = batch(run, path, tmp_path / f"out{len(extra)}", *extra, code=2)
        assert "'2024年', '2025年' are of different years" in refused.output and "--sheet" in refused.output
    batch(run, path, tmp_path / "chosen", "--sheet", "2025年")
    assert figure(summary_of(tmp_path / "chosen")) == ("60%", "fail")
    batch(run, path, tmp_path / "older", "--sheet", "2024年")  # 2024's figures: missing data for the 2025 target
    older = summary_of(tmp_path / "older")
    assert figure(older)[1] == "insufficient_data"
    assert any("is named by a year: its undated columns are read as 2024's figures" in w for w in older["warnings"])
    spelt = openpyxl.Workbook()
    _year_sheet(spelt, "二〇二四年", 5, 90)
    spelt.create_sheet("二〇二五年").append(HEADER)
    spelt["二〇二五年"].append(village_rows(1)[0])
    spelt.save(tmp_path / "spelt.xlsx")
    assert "are of different years" in batch(run, tmp_path / "spelt.xlsx", tmp_path / "o3", code=2).output


def test_sheet_all_reads_every_sheet_with_the_same_header(run: Run, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    rows = village_rows(10)
    first = book.active
    assert first is not None
    first.title = "宦溪镇"
    second = book.create_sheet("寿山乡")
    other = book.create_sheet("汇总")
    for row in [["宦溪镇农村人居环境统计表"], HEADER, *rows[:6]]:
        first.append(row)
    for row in [HEADER, *rows[6:]]:
        second.append(row)
    other.append(["乡镇", "村数"])
    other.append(["宦溪镇", 6])
    path = tmp_path / "all.xlsx"
    book.save(path)
    batch(run, path, tmp_path / "out", "--sheet", "all")
    summary = summary_of(tmp_path / "out")
    assert (summary["rows"], summary["assessed"]) == (10, 10)
    assert figure(summary) == ("79%", "pass")
    assert any("'汇总' is not read" in w for w in summary["warnings"])
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["input"]["sheets"] == ["宦溪镇", "寿山乡"]


def _hidden_township_book(path: Path, hidden: dict[str, list[list[Any]]]) -> Path:
    """A 填表说明 sheet, visible 宦溪镇 (是 80, 否 70, 小计) and 寿山乡 (是 90), and the `hidden` sheets."""
    head = ["站点编号", "名称", "所在区", "乡镇", "农村生活污水治理率(%)", "已建成“无废乡村”"]
    sheets = {
        "宦溪镇": [
            head,
            ["JA-V-0001", "岭头村", "晋安区", "宦溪镇", 80, "是"],
            ["JA-V-0002", "降虎村", "晋安区", "宦溪镇", 70, "否"],
        ],
        "寿山乡": [head, ["JA-V-0003", "寿山村", "晋安区", "寿山乡", 90, "是"]],
    }
    sheets["宦溪镇"].append(["宦溪镇小计", "", "晋安区", "宦溪镇", "", ""])
    book = openpyxl.Workbook()
    notes = book.active
    assert notes is not None
    notes.title = "填表说明"
    notes.append(["各乡镇一张表，填本乡镇各行政村2025年数据。"])
    for title, rows in [*sheets.items(), *hidden.items()]:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row if row[0] != "HEAD" else head)
        if title in hidden:
            sheet.sheet_state = "hidden"
    book.save(path)
    return path


def test_sheet_all_reads_a_hidden_township_sheet_of_the_same_header_and_says_so(run: Run, tmp_path: Path) -> None:
    """A township's sheet hidden while the others were checked still holds its villages: under --sheet all it is
    read, with a warning naming it hidden, so JA-15-15 “无废乡村”建设比例 is 2 of 4 (50%, below 60%), not 2 of 3;
    and no warning suggests --sheet all, which was given. A hidden sheet named by another year (last year's kept)
    or of other columns (a list of village codes to look up) is left unread, said so, never stopping the run."""
    village = ["JA-V-0004", "日溪村", "晋安区", "日溪乡", 50, "否"]
    path = _hidden_township_book(tmp_path / "w9.xlsx", {"日溪乡": [["HEAD"], village]})
    result = batch(run, path, tmp_path / "out", "--sheet", "all")
    summary = summary_of(tmp_path / "out")
    assert (summary["assessed"], summary["rejected"]) == (4, 1)
    assert figure(summary, "JA-15-15")[0] == "50%" and figure(summary, "JA-15-15")[1] != "pass"
    assert "sheet '日溪乡' is hidden and is read like the others" in result.output
    assert "also hold data" not in result.output and "or --sheet all" not in result.output
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["input"]["sheets"] == ["宦溪镇", "寿山乡", "日溪乡"]
    kept = {
        "2024年": [["HEAD"], ["JA-V-0001", "岭头村", "晋安区", "宦溪镇", 40, "否"]],
        "村编号表": [["站点编号", "名称"], ["JA-V-0004", "日溪村"]],
    }
    batch(run, _hidden_township_book(tmp_path / "kept.xlsx", kept), tmp_path / "kept", "--sheet", "all")
    summary = summary_of(tmp_path / "kept")
    assert (summary["assessed"], figure(summary, "JA-15-15")) == (
        3,
        ("66.6667%", "insufficient_data"),
    )  # not the whole district
    warnings = " ".join(summary["warnings"])
    assert "hidden sheet '2024年' is not read: it is named by the year 2024" in warnings
    assert "hidden sheet '村编号表' is not read: it holds sites under other columns" in warnings


def test_merged_township_and_district_cells_apply_to_every_village_under_them(run: Run, tmp_path: Path) -> None:
    rows = village_rows(6)
    for number, row in enumerate(rows):
        row[3] = "宦溪镇" if number < 4 else "寿山乡"
        if number not in (0, 4):
            row[3] = None  # only the top cell of a merge holds the text
        if number:
            row[2] = None
    path = workbook(tmp_path / "merged.xlsx", rows)
    book = openpyxl.load_workbook(path)
    sheet = book.active
    assert sheet is not None
    sheet.merge_cells("C2:C7")
    sheet.merge_cells("D2:D5")
    sheet.merge_cells("D6:D7")
    book.save(path)
    batch(run, path, tmp_path / "out")
    summary = summary_of(tmp_path / "out")
    assert summary["rejected"] == 0
    places = {(t["district"], t["township"]): t["sites"] for t in summary["townships"]}
    assert places == {("晋安区", "宦溪镇"): 4, ("晋安区", "寿山乡"): 2}


def test_title_rows_two_row_headers_and_line_breaks_in_headers(run: Run, tmp_path: Path) -> None:
    rows = village_rows(10)
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["晋安区2025年农村人居环境统计表"])
    sheet.merge_cells("A1:G1")  # a title centred across the table, as offices make it
    sheet.append(["填报单位：晋安区农业农村局", None, None, None, "单位：%、吨"])
    sewage, waste = "农村生活污水\n治理率", "生活垃圾产生量（吨）"
    sheet.append(["站点编号", "名称", "所在区", "乡镇", sewage, waste, None, "自然村数量"])
    sheet.append([None, None, None, None, "（%）", "2024年", "2025年", "（个）"])
    for row in rows:
        sheet.append(row)
    for column in "ABCD":
        sheet.merge_cells(f"{column}3:{column}4")
    sheet.merge_cells("F3:G3")
    path = tmp_path / "headers.xlsx"
    book.save(path)
    result = batch(run, path, tmp_path / "out")
    summary = summary_of(tmp_path / "out")
    assert summary["unknown_columns"] == []
    assert (summary["assessed"], figure(summary)) == (10, ("79%", "pass"))
    assert summary["verdicts"]["incomplete"] < 10
    assert any("row 1 is read as a title" in w and w.count("统计表") == 1 for w in summary["warnings"])
    assert "row 2 is read as a title" in result.output
    sites = list(csv.DictReader((tmp_path / "out" / "sites.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert sites[0]["row"] == "5", "rows keep the numbers the spreadsheet shows"


RATES = ["农村生活污水治理率（%）", "农村自来水普及率（%）"]


def two_row_book(path: Path, upper: list[Any], lower: list[Any], merged: str = "") -> Path:
    """Villages under a two-row header: the site fields merged down both rows, `upper` over `lower` for the rates
    (`merged`: a range of the upper row merged across them)."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["站点编号", "名称", "所在区", "乡镇", *upper])
    sheet.append([None, None, None, None, *lower])
    for cells in [*(f"{column}1:{column}2" for column in "ABCD"), *([merged] if merged else [])]:
        sheet.merge_cells(cells)
    for n in range(5):
        sheet.append([f"JA-V-{n:04d}", f"村{n}", "晋安区", "宦溪镇", 80, 100])
    book.save(path)
    return path


@pytest.mark.parametrize("layout", ["year merged over its metrics", "a year under each metric"])
def test_a_year_over_or_under_the_metrics_of_a_two_row_header_is_their_period(
    run: Run, tmp_path: Path, layout: str
) -> None:
    """2024年 merged over the rates, or written under each: the figures are 2024's, so the 2025 target is missing
    data, as `check` says of {series: {2024: 80}}; never read as the figures now and passed."""
    if layout == "year merged over its metrics":
        path = two_row_book(tmp_path / "years.xlsx", ["2024年", None], RATES, "E1:F1")
    else:
        path = two_row_book(tmp_path / "years.xlsx", RATES, ["2024年", "2024年"])
    batch(run, path, tmp_path / "out")
    summary = summary_of(tmp_path / "out")
    assert (summary["assessed"], summary["rejected"], summary["unknown_columns"]) == (5, 0, [])
    found = [json.loads(line) for line in (tmp_path / "out" / "findings.jsonl").read_text("utf-8").splitlines()]
    statuses = {f["status"] for f in found if f["requirement"] in ("JA-14-7", "JA-14-20")}
    assert statuses == {"insufficient_data"}
    assert figure(summary)[1] == "insufficient_data"


def test_this_year_beside_last_year_names_last_years_columns(run: Run, tmp_path: Path) -> None:
    """本年 over the rates and 上年 over the same rates again: the 上年 columns are refused as last year's figures (not
    a bare 'names the same field'), and the year is suggested as the column's period."""
    path = two_row_book(tmp_path / "years.xlsx", ["本年", None, "上年", None], [*RATES, *RATES], "E1:F1")
    book = openpyxl.load_workbook(path)
    book.active.merge_cells("G1:H1")  # type: ignore[union-attr]
    book.save(path)
    refused = batch(run, path, tmp_path / "out", code=2)
    assert "农村生活污水治理率（上年）: sheet" in refused.output and "says the figures are not" in refused.output
    assert "names the same field" not in refused.output


@pytest.mark.parametrize(
    "heading",
    ["目标值", "上年", "2025年计划", "截至2024年底", "二〇二四年", "2024年实际", "达标值", "考核要求", "期望值"],
)
def test_a_heading_over_the_metrics_that_says_what_they_are_stops_the_batch(
    run: Run, tmp_path: Path, heading: str
) -> None:
    """目标值, 上年 or a year in another spelling merged over the rates says the figures are targets, last year's or
    of a year: never dropped as a title and the figures read as the observed ones now; the batch stops, naming it."""
    path = two_row_book(tmp_path / "heading.xlsx", [heading, None], RATES, "E1:F1")
    refused = batch(run, path, tmp_path / "out", code=2)
    assert f"农村生活污水治理率（{heading}）" in refused.output and "Traceback" not in refused.output
    if "2024" in heading:
        assert "农村生活污水治理率[2024]" in refused.output  # the year it names, as the column's period


def _with_cached_values(path: Path, values: dict[str, str]) -> None:
    """Give formula cells the saved values Excel would write (openpyxl writes formulas without them)."""
    staged = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as old, zipfile.ZipFile(staged, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            data = old.read(item)
            if item.filename.startswith("xl/worksheets/"):
                for ref, value in values.items():
                    pattern = rf'(<c r="{ref}"[^>]*>\s*<f>[^<]*</f>)\s*<v\s*/>'
                    data = re.sub(pattern.encode(), rb"\1<v>" + value.encode() + b"</v>", data)
            new.writestr(item, data)
    shutil.move(staged, path)


def test_formulas_are_read_by_their_saved_values_or_stop_the_batch(run: Run, tmp_path: Path) -> None:
    rows = village_rows(10)
    rows[2][6] = "=F4-12"  # 2025 = 2024 less 12, as a township clerk types it
    path = workbook(tmp_path / "formulas.xlsx", rows)
    result = batch(run, path, tmp_path / "out", code=2)
    assert "G4" in result.output and "open and save it in Excel/WPS first" in result.output
    _with_cached_values(path, {"G4": "390"})
    batch(run, path, tmp_path / "saved")
    summary = summary_of(tmp_path / "saved")
    assert (summary["assessed"], figure(summary)) == (10, ("79%", "pass"))
    findings = (tmp_path / "saved" / "sites.csv").read_text(encoding="utf-8-sig")
    assert "JA-V-0002" in findings


def test_a_formula_without_a_value_is_shown_as_written_and_dates_as_dates(run: Run, tmp_path: Path) -> None:
    """The stop names the formula as typed (`&`, not the XML's `&amp;`); a date cell, in the form's 填报日期 line
    above the header or in an extra column, is printed as the date Excel shows (2025-12-31), not a timestamp."""
    rows = village_rows(3)
    rows.append(['="填表人："&"张三"', "", "", "", "", "", "", ""])  # a footer a template fills by formula
    refused = batch(run, workbook(tmp_path / "footer.xlsx", rows), tmp_path / "footer", code=2)
    assert '(="填表人："&"张三")' in refused.output and "&amp;" not in refused.output
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["填报单位：晋安区农业农村局", "", "", "填报日期：", dt.datetime(2026, 1, 15)])
    sheet.append([*HEADER, "填报日期"])
    for row in village_rows(3):
        sheet.append([*row, dt.datetime(2025, 12, 31)])
    sheet.cell(3, 9).number_format = "yyyy/m/d"
    book.save(tmp_path / "dated.xlsx")
    result = batch(run, tmp_path / "dated.xlsx", tmp_path / "dated")
    assert "填报日期： 2026-01-15" in result.output and "T00:00" not in result.output
    sites = list(csv.DictReader((tmp_path / "dated" / "sites.csv").read_text("utf-8-sig").splitlines()))
    assert {site["填报日期"] for site in sites} == {"2025-12-31"}


def test_hidden_rows_and_columns_are_read_and_said_to_be(run: Run, tmp_path: Path) -> None:
    """A village hidden rather than deleted (merged into another) still counts: the run says it read it."""
    path = workbook(tmp_path / "hidden.xlsx", village_rows())
    book = openpyxl.load_workbook(path)
    sheet = book.active
    assert sheet is not None
    sheet.row_dimensions[5].hidden = True
    sheet.column_dimensions["G"].hidden = True
    book.save(path)
    batch(run, path, tmp_path / "out")
    summary = summary_of(tmp_path / "out")
    assert summary["assessed"] == 10
    assert any("hidden rows 5 and columns G are read like the others" in w for w in summary["warnings"])


def test_a_first_sheet_of_instructions_is_named_with_the_sheets_that_hold_the_table(run: Run, tmp_path: Path) -> None:
    path = workbook(tmp_path / "guide.xlsx", village_rows())
    book = openpyxl.load_workbook(path)
    guide = book.create_sheet("填表说明", 0)
    guide.append(["请按本表格式填写各行政村数据，百分比填数字。"])
    book.save(path)
    result = batch(run, path, tmp_path / "out", code=2)
    assert "sheet '填表说明': no header found in the first 20 rows" in result.output
    assert "no site id column" in result.output
    assert "these sheets also hold data and are not read: '2025年'" in result.output


def test_a_text_formula_saved_empty_is_a_blank_not_a_missing_value(run: Run, tmp_path: Path) -> None:
    """=IF(x="","",…) filled down a template saves "" as <v/> on a t="str" cell: a saved blank, read as one."""
    rows = village_rows(10)
    rows[2][4] = '=IF(F4="","",F4/5)'  # 村2's rate, worked out by the template, came out blank
    path = workbook(tmp_path / "template.xlsx", rows)
    staged = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as old, zipfile.ZipFile(staged, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            data = old.read(item)
            if item.filename.startswith("xl/worksheets/"):
                data = re.sub(rb'<c r="E4"([^>]*)>', rb'<c r="E4"\1 t="str">', data)
            new.writestr(item, data)
    shutil.move(staged, path)
    batch(run, path, tmp_path / "out")
    summary = summary_of(tmp_path / "out")
    assert (summary["assessed"], summary["rejected"]) == (10, 0)
    sites = {
        s["site_id"]: s for s in csv.DictReader((tmp_path / "out" / "sites.csv").read_text("utf-8-sig").splitlines())
    }
    assert "JA-14-7" in sites["JA-V-0002"]["missing_data"]  # the blank rate is missing data, never a pass


def test_a_percent_sign_the_format_writes_as_text_does_not_scale(run: Run, tmp_path: Path) -> None:
    """0.0"%" and 0\\% show 86.5 as 86.5%: the value as it stands, where 0.0% shows 0.865 as 86.5%."""
    rows = village_rows(3)
    rows[0][4], rows[1][4], rows[2][4] = 86.5, 0.9, 0.72
    path = workbook(tmp_path / "formats.xlsx", rows)
    book = openpyxl.load_workbook(path)
    sheet = book.active
    assert sheet is not None
    sheet["E2"].number_format, sheet["E3"].number_format, sheet["E4"].number_format = '0.0"%"', "0\\%", "0.0%"
    book.save(path)
    batch(run, path, tmp_path / "out")
    sites = list(csv.DictReader((tmp_path / "out" / "sites.csv").read_text("utf-8-sig").splitlines()))
    failing = {s["site_id"]: "JA-14-7" in s["failing"] for s in sites}
    assert failing == {"JA-V-0000": False, "JA-V-0001": True, "JA-V-0002": True}  # 86.5%, 0.9%, 72%


# -- fractions ---------------------------------------------------------------------------------------


def test_a_share_among_percentages_is_refused_not_read_as_under_one_percent(run: Run, tmp_path: Path) -> None:
    """0.92 in a column of 70, 80 … is 92% written as a share, or 0.92%: the row is rejected saying how to write it."""
    rows = village_rows()
    rows[4][4] = "0.92"
    rows[5][4] = "0.5%"  # written with its sign: read as written
    batch(run, write_csv(tmp_path / "mixed.csv", rows), tmp_path / "out")
    summary = summary_of(tmp_path / "out")
    assert (summary["assessed"], summary["rejected"]) == (9, 1)
    assert "'0.92' is between 0 and 1 in a column of percentages" in rejected_of(tmp_path / "out")[6]["reason"]


def test_a_percent_column_of_shares_is_refused_unless_fractions(run: Run, tmp_path: Path) -> None:
    rows = village_rows(10)
    for row in rows:
        row[4] = row[4] / 100
    path = workbook(tmp_path / "shares.xlsx", rows)
    result = batch(run, path, tmp_path / "out", code=2)
    assert "农村生活污水治理率(%)" in result.output and "--fractions" in result.output
    batch(run, path, tmp_path / "fractions", "--fractions")
    summary = summary_of(tmp_path / "fractions")
    assert figure(summary) == ("79%", "pass")
    book = openpyxl.load_workbook(path)
    sheet = book.active
    assert sheet is not None
    for (cell,) in sheet.iter_rows(min_row=2, min_col=5, max_col=5):
        cell.number_format = "0.0%"
    book.save(path)
    batch(run, path, tmp_path / "formatted")
    assert figure(summary_of(tmp_path / "formatted")) == ("79%", "pass"), "percent-formatted cells read as shown"


def test_a_percent_column_of_ones_is_refused_as_shares(run: Run, tmp_path: Path) -> None:
    """Every village at 100% written as a share (1) was read as 1% and failed: a column whose numbers are 0 and 1 only
    says shares as much as percentages, so it stops the batch as shares do; 1% is written 1%."""
    rows = village_rows(10)
    for row in rows:
        row[4] = 1
    result = batch(run, workbook(tmp_path / "ones.xlsx", rows), tmp_path / "out", code=2)
    assert "农村生活污水治理率(%)" in result.output and "e.g. 1" in result.output and "--fractions" in result.output


@pytest.fixture()
def judged_on_fewer_rows(monkeypatch: pytest.MonkeyPatch) -> tuple[int, int]:
    """Percent columns judged on their first 500 rows, in chunks of 250 (5,000 and 2,500 in a real run): the
    same reading on a tenth of the villages to assess."""
    monkeypatch.setattr("compliance.batch.run.JUDGED_ROWS", 500)
    monkeypatch.setattr("compliance.batch.chunks.CHUNK_ROWS", 250)
    return 500, 250


def test_a_share_among_whole_percentages_is_rejected_later(
    run: Run, tmp_path: Path, judged_on_fewer_rows: tuple[int, int]
) -> None:
    judged, _ = judged_on_fewer_rows
    rows = [[f"JA-V-{n:05d}", f"村{n}", "晋安区", "宦溪镇", "", 400, 390, 1] for n in range(judged + 3)]
    rows[-3][4], rows[-2][4], rows[-1][4] = "0", "0.995", "1"  # the column is blank in the rows it is judged on
    batch(run, write_csv(tmp_path / "late.csv", rows), tmp_path / "out")
    summary = summary_of(tmp_path / "out")
    rejected = rejected_of(tmp_path / "out")
    share, one = rejected[len(rows)]["reason"], rejected[len(rows) + 1]["reason"]
    assert summary["rejected"] == 2 and 'write 99.5 if it is a share (99.5%), or "0.995%"' in share
    assert 'write 100 if it is a share meaning all of them, or "1%"' in one  # 1 among zeros: 100% or 1%?
    assert "--fractions" in share and "--fractions" in one  # the whole column may be shares


def test_shares_after_the_first_chunk_are_still_judged_with_the_column(
    run: Run, tmp_path: Path, judged_on_fewer_rows: tuple[int, int]
) -> None:
    """The column is judged on its first JUDGED_ROWS rows, however many chunks the workers take them in:
    shares that start after the first chunk stop the batch as a column of shares, not row by row."""
    from compliance.batch.chunks import CHUNK_ROWS
    from compliance.batch.fractions import JUDGED_ROWS

    assert CHUNK_ROWS < JUDGED_ROWS  # as shipped
    judged, chunk = judged_on_fewer_rows
    rows = [[f"JA-V-{n:05d}", f"村{n}", "晋安区", "宦溪镇", "", 400, 390] for n in range(judged)]
    for row in rows[chunk + 10 :]:
        row[4] = "0.85"
    result = batch(run, write_csv(tmp_path / "shares.csv", rows), tmp_path / "out", code=2)
    assert "农村生活污水治理率(%)" in result.output and "--fractions" in result.output


# -- text files: delimiters, UTF-16, bad bytes, blank rows ---------------------------------------------


def test_delimiters_and_excel_unicode_text_give_the_same_sites(run: Run, tmp_path: Path) -> None:
    rows = village_rows()
    batch(run, write_csv(tmp_path / "comma.csv", rows), tmp_path / "comma")
    expected = (tmp_path / "comma" / "sites.csv").read_text(encoding="utf-8-sig").splitlines()[1:]
    variants = {
        "semicolon.csv": (";", "utf-8-sig"),
        "fullwidth.csv": ("；", "gb18030"),
        "tabs.tsv": ("\t", "utf-8"),
        "unicode.txt": ("\t", "utf-16"),
    }
    for name, (delimiter, encoding) in variants.items():
        out = tmp_path / name.replace(".", "-")
        batch(run, write_csv(tmp_path / name, rows, delimiter, encoding), out)
        summary_of(out)
        assert (out / "sites.csv").read_text(encoding="utf-8-sig").splitlines()[1:] == expected, name


@pytest.mark.parametrize("sample", [SAMPLE_BYTES, 200], ids=["in the sample", "past the sample"])
def test_an_undecodable_byte_rejects_its_row_only(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sample: int
) -> None:
    """Wherever the byte is: in what the encoding is decided on, or (as at row 20,000 of a real file) past it."""
    monkeypatch.setattr("compliance.batch.table.SAMPLE_BYTES", sample)
    rows = village_rows(10)
    path = write_csv(tmp_path / "gbk.csv", rows, encoding="gbk")
    data = path.read_bytes().replace("村7".encode("gbk"), b"\xff\xfe7")
    path.write_bytes(data)
    batch(run, path, tmp_path / "out")
    summary = summary_of(tmp_path / "out")
    assert (summary["assessed"], summary["rejected"]) == (9, 1)
    reason = rejected_of(tmp_path / "out")[9]["reason"]
    assert "0xFF" in reason and "名称" in reason and "gb18030" in reason


def test_blank_rows_are_skipped_and_a_stray_cell_far_below_is_one_rejection(run: Run, tmp_path: Path) -> None:
    rows = village_rows(10)
    path = workbook(tmp_path / "stray.xlsx", rows)
    book = openpyxl.load_workbook(path)
    sheet = book.active
    assert sheet is not None
    sheet["C3000"] = " "
    book.save(path)
    batch(run, path, tmp_path / "space")
    summary = summary_of(tmp_path / "space")
    assert (summary["rows"], summary["rejected"], figure(summary)) == (10, 0, ("79%", "pass"))
    sheet["E3000"] = "x"
    book.save(path)
    result = batch(run, path, tmp_path / "cell")
    assert "空行 blank rows skipped 2988" in result.output
    summary = summary_of(tmp_path / "cell")
    assert (summary["rows"], summary["rejected"]) == (11, 1)
    assert list(rejected_of(tmp_path / "cell")) == [3000]
    assert summary["blank_rows_skipped"] == 2988


def test_cached_excel_errors_in_the_id_column_are_no_ids(run: Run, tmp_path: Path) -> None:
    """站点编号 by VLOOKUP, saved with its failed results (`<c t="e"><v>#N/A</v></c>`): each such village is rejected as
    having no id, not assessed as site #N/A nor rejected as its repeat, and counts as missing in 晋安区's figure."""
    rows = village_rows(10)
    for row, error in zip(rows[:3], ("#N/A", "#N/A", "#REF!"), strict=True):
        row[0] = error
    path = workbook(tmp_path / "vlookup.xlsx", rows)
    with zipfile.ZipFile(path) as archive:
        assert '<c r="A2" t="e"><v>#N/A</v></c>' in archive.read("xl/worksheets/sheet1.xml").decode()
    batch(run, path, tmp_path / "out")
    summary = summary_of(tmp_path / "out")
    assert (summary["assessed"], summary["rejected"]) == (7, 3)
    rejected = rejected_of(tmp_path / "out")
    assert sorted(rejected) == [2, 3, 4] and all("Excel error value" in r["reason"] for r in rejected.values())
    sewage = next(d for d in summary["districts"] if d["requirement"] == "JA-14-7")
    assert (sewage["denominator"], sewage["missing"]) == (7, 3)


def test_blank_markers_are_missing_data_and_commas_are_thousands_only(run: Run, tmp_path: Path) -> None:
    rows = village_rows(6)
    rows[0][4], rows[1][4], rows[2][4] = "—", "无数据", "/"
    rows[3][5] = "1,204"
    rows[4][4] = "8,5"
    batch(run, write_csv(tmp_path / "marks.csv", rows), tmp_path / "out")
    summary = summary_of(tmp_path / "out")
    rejected = rejected_of(tmp_path / "out")
    assert list(rejected) == [6] and "thousands separator" in rejected[6]["reason"]
    jinan = next(d for d in summary["districts"] if d["requirement"] == "JA-14-7")
    assert (jinan["denominator"], jinan["missing"]) == (2, 4), "blank markers (and 8,5 rejected) are missing"
    lines = [
        {
            "site": {"id": "J1", "kind": "village", "name": "一村", "district": "晋安区"},
            "facts": {"农村生活污水治理率": "8,5"},
        },
        {
            "site": {"id": "J2", "kind": "village", "name": "二村", "district": "晋安区"},
            "facts": {"农村生活污水治理率": "—"},
        },
    ]
    jsonl = tmp_path / "v.jsonl"
    jsonl.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n", encoding="utf-8")
    batch(run, jsonl, tmp_path / "jsonl")
    summary = summary_of(tmp_path / "jsonl")
    assert (summary["assessed"], summary["rejected"]) == (1, 1)
    assert "thousands separator" in rejected_of(tmp_path / "jsonl")[1]["reason"]


def _column_read_as(run: Run, tmp_path: Path, table: list[list[str]], column: str) -> list[str]:
    """A batch over a CSV of `table` (its first row the header) leaves no column unmatched; the sites.csv
    column `column` it gives."""
    source = tmp_path / "v.csv"
    with source.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(table)
    out = tmp_path / "out"
    result = batch(run, source, out)
    assert "not matched" not in result.output
    with (out / "sites.csv").open(encoding="utf-8-sig") as handle:
        return [row[column] for row in csv.DictReader(handle)]


@pytest.mark.parametrize("header", ["所在乡镇", "所在乡镇（街道）", "所在镇街"])
def test_a_township_column_headed_as_county_forms_head_it_is_the_township(
    run: Run, tmp_path: Path, header: str
) -> None:
    table = [["村编号", "村名", "所在区", header, "农村生活污水治理率"], ["V1", "九峰村", "晋安区", "寿山乡", "80"]]
    assert _column_read_as(run, tmp_path, table, "township") == ["寿山乡"]


@pytest.mark.parametrize("header", ["村名", "村名称", "村庄名称", "行政村名称"])
def test_a_name_column_headed_as_county_forms_head_it_is_the_name(run: Run, tmp_path: Path, header: str) -> None:
    table = [["村编号", header, "所在区", "农村生活污水治理率"], ["V1", "九峰村", "晋安区", "80"]]
    assert _column_read_as(run, tmp_path, table, "name") == ["九峰村"]
