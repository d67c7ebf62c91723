"""Dating a county form's columns: full-width years, part-of-year titles over year columns, 半年报/Q2/前6个月, each
sheet of `--sheet all` by its own title, untitled hidden sheets, and months under a metric (a 月度考核表).

JA-14-7 (“到2025年，农村生活污水治理率达到75%以上”) is judged on the 2025 figure, never on a January–June one;
JA-23-5 (“确保晋安区九家水电站生态下泄流量每月达标”) month by month.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import Result

from compliance.batch.titleperiod import title_period
from tests.conftest import AS_OF
from tests.test_header_spellings import SITE, VILLAGE, statuses
from tests.test_spreadsheets import batch, figure, summary_of, write_table

Run = Callable[..., Result]
RATE = "农村生活污水治理率(%)"
SECOND = ["JA-V-0002", "降虎村", "晋安区", "宦溪镇"]


def _book(path: Path, sheets: list[tuple[str, str, list[list[Any]], bool]]) -> Path:
    """A workbook of (name, title or '', rows of villages, hidden) sheets under SITE + 农村生活污水治理率（%）."""
    book = openpyxl.Workbook()
    book.remove(book.worksheets[0])
    for name, title, rows, hidden in sheets:
        sheet = book.create_sheet(name)
        for row in [[title]] * bool(title) + [[*SITE, "农村生活污水治理率（%）"], *rows]:
            sheet.append(row)
        if hidden:
            sheet.sheet_state = "hidden"
    book.save(path)
    return path


# -- full-width years (F2, F19) ---------------------------------------------------------------------------


def test_a_full_width_year_beside_the_same_year_is_one_field_twice(run: Run, tmp_path: Path) -> None:
    """The 81 under [２０２５] used to win silently over the 70 under [2025] (通过 instead of 不达标)."""
    for second in (f"{RATE}[２０２５]", "２０２５年农村生活污水治理率（%）"):
        source = write_table(tmp_path / "t.csv", [[*SITE, f"{RATE}[2025]", second], [*VILLAGE, 70, 81]])
        refused = batch(run, source, tmp_path / "out", code=2).output
        assert "names the same field as column '农村生活污水治理率(%)[2025]'" in refused


def test_full_width_year_columns_are_the_years_they_show(run: Run, tmp_path: Path) -> None:
    """2025's 80% was "missing" and 2024's 60% the latest (the district figure 60%); 2024's 100 吨 was missing."""
    header = [*SITE, f"{RATE}[２０２４]", f"{RATE}[2025]", "生活垃圾产生量(吨)[２０２４]", "生活垃圾产生量(吨)[2025]"]
    second = ["JA-V-0002", "降虎村", "晋安区", "宦溪镇", 90, 70, 100, 110]
    source = write_table(tmp_path / "t.csv", [header, [*VILLAGE, 60, 80, 100, 90], second])
    batch(run, source, tmp_path / "out", "--all-findings")
    assert statuses(tmp_path / "out") == {"JA-V-0001": "pass", "JA-V-0002": "fail"}
    assert statuses(tmp_path / "out", "JA-15-3") == {"JA-V-0001": "pass", "JA-V-0002": "fail"}
    assert figure(summary_of(tmp_path / "out"))[0] != "60%～90%"


# -- a part of the year over columns of whole years (F6) ---------------------------------------------------


@pytest.mark.parametrize(
    "column", [f"{RATE}[2025]", "2025年农村生活污水治理率（%）", "农村生活污水治理率（2025年）", "农村人口[2024]"]
)
def test_a_part_of_the_year_over_a_years_column_stops_naming_title_and_column(
    run: Run, tmp_path: Path, column: str
) -> None:
    """The half-year 80% passed JA-14-7 as 2025's figure."""
    title = "晋安区2025年1-6月农村人居环境统计表"
    source = write_table(tmp_path / "t.csv", [[title], [*SITE, column], [*VILLAGE, 80]])
    refused = batch(run, source, tmp_path / "out", code=2).output.replace("\n", "")
    assert title in refused and column in refused and "dated by the whole year" in refused


def test_a_part_of_the_year_over_a_year_merged_under_the_metric_stops(run: Run, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["晋安区2025年上半年农村人居环境统计表"])
    sheet.append([*SITE, "农村生活污水治理率（%）"])
    sheet.append([None, None, None, None, "2025年"])
    for column in "ABCD":
        sheet.merge_cells(f"{column}2:{column}3")
    sheet.append([*VILLAGE, 80])
    book.save(tmp_path / "t.xlsx")
    refused = batch(run, tmp_path / "t.xlsx", tmp_path / "out", code=2).output.replace("\n", "")
    assert "晋安区2025年上半年农村人居环境统计表" in refused and "上半年" in refused


# -- 半年报, Q2, 前6个月 (F13) -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "period"),
    [
        ("晋安区2025年半年报", "2025-06"),
        ("晋安区2025年半年度农村人居环境统计表", "2025-06"),
        ("晋安区2025年Q2农村人居环境统计表", "2025-06"),
        ("晋安区2025年Q1统计表", "2025-03"),
        ("晋安区2025年前6个月农村人居环境统计表", "2025-06"),
        ("晋安区2025年前三个月统计表", "2025-03"),
        ("晋安区2025年Q4统计表", "2025-12"),
    ],
)
def test_half_year_returns_quarters_and_first_months_name_part_of_the_year(
    run: Run, tmp_path: Path, title: str, period: str
) -> None:
    """Read as 2025 before, so the mid-year 80% passed JA-14-7; the year's end (Q4) is judged as the year."""
    source = write_table(tmp_path / "t.csv", [[title], [*SITE, RATE], [*VILLAGE, 80], [*SECOND, 70]])
    batch(run, source, tmp_path / "out", "--all-findings")
    assert any(f"read as {period}'s figures" in w for w in summary_of(tmp_path / "out")["warnings"])
    expected = {"JA-V-0001": "pass", "JA-V-0002": "fail"} if period == "2025-12" else None
    found = statuses(tmp_path / "out")
    assert found == (expected or {"JA-V-0001": "insufficient_data", "JA-V-0002": "insufficient_data"})


def test_title_words_of_part_of_a_year() -> None:
    assert title_period("2025", "2025年半年报") == ("2025-06", "半年报")
    assert title_period("2025", "2025年q3") == ("2025-09", "q3")
    assert title_period("2025", "2025年前两个月") == ("2025-02", "前两个月")
    assert title_period("2025", "2025年前12个月") == ("2025", "")
    assert title_period("2025", "近半年工作统计") == ("2025", "")  # the last six months: no part of 2025 named
    assert title_period("2025", "2025年H1") == ("2025-06", "2025年H1")  # H1 after a year: the first half
    assert title_period("2025", "2025H2") == ("2025-12", "2025H2")  # the second half ends with the year
    assert title_period("2025", "2025年三季报") == ("2025-09", "三季报")
    assert title_period("2025", "2025年统计表 H1") == ("2025", "")  # H1 after no year: a code, not read
    assert title_period("2025", "编号H1-2025年") == ("2025", "")
    assert title_period("2025", "2025年中国美丽乡村统计") == ("2025", "")  # 年中国 is no mid-year


# -- sheets of a workbook (F16, F7) ---------------------------------------------------------------------------


def test_a_second_sheet_titled_by_part_of_the_year_stops_a_run_of_all_sheets(run: Run, tmp_path: Path) -> None:
    """降虎村's January–June 80% was read as 2025's and passed."""
    path = _book(
        tmp_path / "t.xlsx",
        [
            ("寿山乡", "晋安区2025年农村人居环境统计表", [[*VILLAGE, 60]], False),
            ("宦溪镇", "晋安区2025年1-6月农村人居环境统计表", [[*SECOND, 80]], False),
        ],
    )
    refused = batch(run, path, tmp_path / "out", "--sheet", "all", code=2).output.replace("\n", "")
    assert "sheet '宦溪镇''s title or name names 2025-06, sheet '寿山乡''s 2025" in refused


def test_an_untitled_hidden_sheet_is_never_dropped(run: Run, tmp_path: Path) -> None:
    """The hidden sheet's 60% was left unread and the district passed on 寿山乡's 90% alone; now a run without
    --sheet stops, and --sheet all reads it with the workbook's dating (2025): 75%, per village as written."""
    path = _book(
        tmp_path / "t.xlsx",
        [
            ("寿山乡", "晋安区2025年农村人居环境统计表", [[*VILLAGE, 90]], False),
            ("Sheet2", "", [[*SECOND, 60]], True),
        ],
    )
    refused = batch(run, path, tmp_path / "o1", code=2).output
    assert "'Sheet2'（隐藏 hidden） hold sites under the same columns" in refused
    batch(run, path, tmp_path / "o2", "--sheet", "all", "--all-findings")
    assert summary_of(tmp_path / "o2")["assessed"] == 2
    assert statuses(tmp_path / "o2") == {"JA-V-0001": "pass", "JA-V-0002": "fail"}
    assert figure(summary_of(tmp_path / "o2"))[1] != "pass"


# -- months under a metric (F20) ---------------------------------------------------------------------------


def _month_log(path: Path, title: str, months: list[str], answers: list[str]) -> Path:
    """A 月度考核表: 生态下泄流量当月达标 merged over `months`, the site fields merged down both header rows."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    top = 2 if title else 1
    if title:
        sheet.append([title])
    fields = ["站点编号", "名称", "所在区", "水电站整治类别", "水电站分类整治实施情况"]
    sheet.append([*fields, "生态下泄流量当月达标", *[None] * (len(months) - 1)])
    sheet.append([None] * len(fields) + months)
    sheet.merge_cells(start_row=top, start_column=6, end_row=top, end_column=5 + len(months))
    for column in range(1, 6):
        sheet.merge_cells(start_row=top, start_column=column, end_row=top + 1, end_column=column)
    sheet.append(["H1", "洋下水电站", "晋安区", "整改", "实施中", *answers])
    sheet.append(["H2", "降虎水电站", "晋安区", "整改", "实施中", *["是"] * len(answers)])
    book.save(path)
    return path


def _stations(run: Run, source: Path, out: Path, code: int = 0) -> Result:
    result = run("batch", source, "--kind", "hydropower_station", "--out", out, "--as-of", AS_OF.isoformat(), "--quiet")
    assert result.exit_code == code, result.output
    return result


@pytest.mark.parametrize(
    ("title", "months"),
    [
        ("", [f"2026年{m}月" for m in range(1, 7)]),
        ("晋安区2026年水电站生态流量月度考核表", [f"{m}月" for m in range(1, 7)]),
        ("晋安区2026年1-6月水电站生态流量考核表", ["一月", "二月", "三月", "四月", "五月", "六月"]),
        ("", [f"2026.{m}" for m in range(1, 7)]),
    ],
)
def test_months_under_a_metric_are_its_periods(run: Run, tmp_path: Path, title: str, months: list[str]) -> None:
    """Refused as a duplicated column, with advice to rename February; March's 否 now fails H1, and H2's six 是 are
    read as 2026's months (the duty is read from 2025-01, so 2025's months are still wanted)."""
    path = _month_log(tmp_path / "m.xlsx", title, months, ["是", "是", "否", "是", "是", "是"])
    _stations(run, path, tmp_path / "out")
    assert statuses(tmp_path / "out", "JA-23-5") == {"H1": "fail", "H2": "insufficient_data"}
    reasons = (tmp_path / "out" / "findings.jsonl").read_text("utf-8")
    assert "2026-03" in reasons


def test_months_without_a_year_stop_asking_for_the_month_with_its_year(run: Run, tmp_path: Path) -> None:
    path = _month_log(tmp_path / "m.xlsx", "", ["1月", "2月", "3月"], ["是", "否", "是"])
    refused = _stations(run, path, tmp_path / "out", code=2).output.replace("\n", "")
    assert "指标[2026-01]" in refused and "1月" in refused


def test_single_row_month_headers_are_read(run: Run, tmp_path: Path) -> None:
    fields = ["站点编号", "名称", "所在区", "水电站整治类别", "水电站分类整治实施情况"]
    header = [
        *fields,
        "2026年4月生态下泄流量当月达标",
        "生态下泄流量当月达标（2026年5月）",
        "生态下泄流量当月达标[2026.6]",
    ]
    source = write_table(
        tmp_path / "m.csv", [header, ["H1", "洋下水电站", "晋安区", "整改", "实施中", "是", "否", "是"]]
    )
    _stations(run, source, tmp_path / "out")
    assert statuses(tmp_path / "out", "JA-23-5") == {"H1": "fail"}


# -- H1, 年中 after a year; sheets named by part of a year (h19r F4, F5) ----------------------------------------


@pytest.mark.parametrize(
    "title",
    [
        "2025H1 农村人居环境统计表",
        "2025 H1 农村人居环境统计表",
        "2025年1H农村人居环境统计表",
        "2025年年中农村人居环境统计表",
        "2025年中报 农村人居环境统计表",
    ],
)
def test_h1_and_mid_year_after_a_year_date_the_figures_at_june(run: Run, tmp_path: Path, title: str) -> None:
    """Read as the whole year 2025 before, so the January–June 80% passed JA-14-7 (due at 2025's end)."""
    source = write_table(tmp_path / "t.csv", [[title], [*SITE, RATE], [*VILLAGE, 80], [*SECOND, 70]])
    batch(run, source, tmp_path / "out", "--all-findings")
    assert any("read as 2025-06's figures" in w for w in summary_of(tmp_path / "out")["warnings"])
    assert statuses(tmp_path / "out") == {"JA-V-0001": "insufficient_data", "JA-V-0002": "insufficient_data"}


def test_a_year_title_without_a_part_is_still_the_year(run: Run, tmp_path: Path) -> None:
    source = write_table(
        tmp_path / "t.csv", [["2025年农村人居环境统计表"], [*SITE, RATE], [*VILLAGE, 80], [*SECOND, 70]]
    )
    batch(run, source, tmp_path / "out", "--all-findings")
    assert statuses(tmp_path / "out") == {"JA-V-0001": "pass", "JA-V-0002": "fail"}


@pytest.mark.parametrize("order", [("2025年度", "2025年上半年"), ("2025年上半年", "2025年度")])
def test_sheets_named_by_the_year_and_by_its_first_half_stop_a_run_of_all_sheets(
    run: Run, tmp_path: Path, order: tuple[str, str]
) -> None:
    """The 上半年 sheet's figures were read with the 年度 sheet's dating (or the reverse) and passed, silently."""
    first, second = order
    path = _book(tmp_path / "t.xlsx", [(first, "", [[*VILLAGE, 80]], False), (second, "", [[*SECOND, 80]], False)])
    refused = batch(run, path, tmp_path / "out", "--sheet", "all", code=2).output.replace("\n", "")
    dated = {"2025年度": "2025", "2025年上半年": "2025-06"}
    assert f"sheet '{second}''s title or name names {dated[second]}, sheet '{first}''s {dated[first]}" in refused


def test_sheets_named_by_the_same_year_are_read_together(run: Run, tmp_path: Path) -> None:
    path = _book(
        tmp_path / "t.xlsx",
        [("2025年寿山乡", "", [[*VILLAGE, 80]], False), ("2025年宦溪镇", "", [[*SECOND, 70]], False)],
    )
    batch(run, path, tmp_path / "out", "--sheet", "all", "--all-findings")
    assert statuses(tmp_path / "out") == {"JA-V-0001": "pass", "JA-V-0002": "fail"}


def test_a_sheet_named_by_the_first_half_alone_is_read_as_june(run: Run, tmp_path: Path) -> None:
    path = _book(tmp_path / "t.xlsx", [("2025年上半年", "", [[*VILLAGE, 80]], False)])
    batch(run, path, tmp_path / "out", "--all-findings")
    assert statuses(tmp_path / "out") == {"JA-V-0001": "insufficient_data"}


# -- a part of the year not said which (h22s item 5) ---------------------------------------------------------


@pytest.mark.parametrize(
    "title",
    ["晋安区2025年季报", "2025年季度报表", "2025年月报", "2025年旬报", "2025年秋季统计表", "2025年春季", "季报"],
)
def test_a_title_naming_a_part_of_the_year_without_which_stops(run: Run, tmp_path: Path, title: str) -> None:
    """Read as the whole year 2025 before, so a quarter's 90% passed JA-14-7 (due at 2025's end)."""
    path = _book(tmp_path / "t.xlsx", [("Sheet1", title, [[*VILLAGE, 90]], False)])
    refused = batch(run, path, tmp_path / "out", code=2).output.replace("\n", "")
    assert f"the title '{title}' names a part of the year" in refused and "but not which one" in refused
    assert "指标[2025-09]" in refused and not (tmp_path / "out").exists()


def test_a_sheet_named_as_a_quarterly_return_stops(run: Run, tmp_path: Path) -> None:
    path = _book(tmp_path / "t.xlsx", [("2025年季报", "", [[*VILLAGE, 90]], False)])
    refused = batch(run, path, tmp_path / "out", code=2).output.replace("\n", "")
    assert "sheet '2025年季报' names a part of the year (季报) but not which one" in refused


def test_a_quarterly_return_naming_its_quarter_is_that_quarter(run: Run, tmp_path: Path) -> None:
    path = _book(tmp_path / "t.xlsx", [("Sheet1", "2025年第三季度季报", [[*VILLAGE, 90]], False)])
    batch(run, path, tmp_path / "out", "--all-findings")
    assert any("read as 2025-09's figures" in w for w in summary_of(tmp_path / "out")["warnings"])
    assert statuses(tmp_path / "out") == {"JA-V-0001": "insufficient_data"}


# -- months typed in Excel, stored as date cells (h22s item 3) -------------------------------------------------


def _as_excel_types_them(path: Path) -> Path:
    """The month headers as Excel/WPS stores 2026年1月 typed in a cell: a date (2026-01-01) shown 2026年1月."""
    book = openpyxl.load_workbook(path)
    for row in book.active.iter_rows():  # type: ignore[union-attr]
        for cell in row:
            if isinstance(cell.value, dt.datetime):
                cell.number_format = 'yyyy"年"m"月"'
    book.save(path)
    return path


def test_month_headers_stored_as_date_cells_are_those_months(run: Run, tmp_path: Path) -> None:
    """Refused with advice to head the column 生态下泄流量当月达标2026-02-01 or 备注, which led nowhere."""
    months = [dt.datetime(2026, month, 1) for month in range(1, 7)]
    path = _as_excel_types_them(_month_log(tmp_path / "m.xlsx", "", months, ["是", "是", "否", "是", "是", "是"]))
    _stations(run, path, tmp_path / "out")
    assert statuses(tmp_path / "out", "JA-23-5") == {"H1": "fail", "H2": "insufficient_data"}
    assert "2026-03" in (tmp_path / "out" / "findings.jsonl").read_text("utf-8")


def test_date_headers_not_the_first_of_a_month_are_refused_with_advice_that_works(run: Run, tmp_path: Path) -> None:
    months = [dt.datetime(2026, month, 28) for month in range(1, 4)]
    path = _as_excel_types_them(_month_log(tmp_path / "m.xlsx", "", months, ["是", "否", "是"]))
    refused = _stations(run, path, tmp_path / "out", code=2).output.replace("\n", "")
    assert "生态下泄流量当月达标[2026-01]" in refused and "备注" not in refused
