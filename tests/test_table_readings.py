"""How the batch reads a county's table where it once lost or misread figures: a metric's name with more beside the
metric's own column (说明, 户数, 排名), ids written for none (N/A, ＃N/Ａ), a title naming part of a year (2025年1-6月),
a hidden township sheet of the same columns, and a metric merged over 数值 and 说明. JA-14-7 (“到2025年，农村生活污水
治理率达到75%以上”) and JA-15-15 decide each: never passed on a part of the district or of the year."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from click.testing import Result

from compliance.batch.columns import title_text
from compliance.batch.ids import excel_error, no_id, written_for_none
from compliance.batch.titleperiod import part_without_year, title_period
from tests.test_header_spellings import SITE, VILLAGE, checked, statuses
from tests.test_spreadsheets import batch, figure, rejected_of, summary_of, write_table

Run = Callable[..., Result]


# -- F1: a metric's name with more ---------------------------------------------------------------------


def test_informational_columns_beside_the_metrics_own_are_kept_as_extras(run: Run, tmp_path: Path) -> None:
    """农村生活污水治理率说明, …是否达标, …排名, 农村人口户数 beside the metrics' own columns: kept in sites.csv with a
    did-you-mean, every village assessed (was: the batch stopped)."""
    extras = ["农村生活污水治理率说明", "农村生活污水治理率是否达标", "农村生活污水治理率排名", "农村人口户数"]
    extras += ["农村生活污水治理率(%)说明", "已覆盖自然村数量"]
    header = [*SITE, "农村生活污水治理率(%)", "农村人口(人)", "自然村数量(个)", *extras, "备注"]
    rows = [[*VILLAGE, 86.5, 1000, 4, "含新建管网", "是", 1, 320, "", 4, ""]]
    rows.append(["JA-V-0002", "降虎村", "晋安区", "宦溪镇", 72, 900, 5, "", "否", 2, 280, "", 3, "2个偏远自然村未纳入"])
    result = batch(run, write_table(tmp_path / "v.csv", [header, *rows]), tmp_path / "out")
    summary = summary_of(tmp_path / "out")
    assert summary["assessed"] == 2 and summary["unknown_columns"] == [*extras, "备注"]
    assert "农村人口户数 (did you mean 农村人口?)" in result.output.replace("\n", " ") or any(
        "农村人口户数 (did you mean 农村人口" in w for w in summary["warnings"]
    )
    assert statuses(tmp_path / "out") == {"JA-V-0002": "fail"}  # 86.5% passes (not listed), 72% fails


@pytest.mark.parametrize("header", ["农村人口户数", "农村生活污水治理率说明", "已覆盖自然村数量"])
def test_a_metrics_name_with_more_stops_where_no_column_reads_the_metric(run: Run, tmp_path: Path, header: str) -> None:
    """Alone, such a column may be the metric's figures written oddly: the batch stops naming it and how to write it."""
    source = write_table(tmp_path / "one.csv", [[*SITE, "农村自来水普及率(%)", header], [*VILLAGE, 100, 70]])
    refused = batch(run, source, tmp_path / "out", code=2)
    assert f"{header}: names " in refused.output and "no other column reads" in refused.output


# -- F7: ids written for none ------------------------------------------------------------------------


def test_what_is_written_for_none_is_no_id() -> None:
    for written in ("N/A", "n/a", "NA", "na", "Ｎ／Ａ", "null", "—", "/", "无", " 0 "):
        assert written_for_none(written) and no_id(written).startswith("the site id is blank"), written
    for error in ("#N/A", "＃N/Ａ", "＃Ｎ／Ａ", "#ref!", "#VALUE!"):
        assert excel_error(error) and "an Excel error value" in no_id(error), error
    for site_id in ("JA-V-0001", "NA-1", "N1", "350111103201", "V1", "无名村1"):
        assert no_id(site_id) == "", site_id


def test_na_ids_are_villages_missing_their_facts_never_repeats(run: Run, tmp_path: Path) -> None:
    """Villages with N/A, n/a, #N/A and ＃N/Ａ (full-width, from a Chinese IME): each rejected as no id, none
    "already used by row 2", and each counts as missing in 晋安区 (was: the first N/A assessed as a site)."""
    header = [*SITE, "已建成“无废乡村”"]
    ids = ["N/A", "n/a", "#N/A", "＃N/Ａ", "—"]
    rows = [["JA-V-0001", "岭头村", "晋安区", "宦溪镇", "是"]]
    rows += [[site_id, f"村{at}", "晋安区", "宦溪镇", "是"] for at, site_id in enumerate(ids)]
    batch(run, write_table(tmp_path / "na.csv", [header, *rows]), tmp_path / "out")
    summary = summary_of(tmp_path / "out")
    row = next(d for d in summary["districts"] if d["requirement"] == "JA-15-15")
    assert (row["denominator"], row["missing"], row["status"]) == (1, 5, "insufficient_data"), row
    rejected = rejected_of(tmp_path / "out")
    assert sorted(rejected) == [3, 4, 5, 6, 7]
    assert not any("already used" in r["reason"] for r in rejected.values())
    assert [rejected[n]["reason"].startswith("the site id is blank") for n in (3, 4, 7)] == [True] * 3
    assert all("an Excel error value" in rejected[n]["reason"] for n in (5, 6))


def test_a_documents_id_written_for_none_counts_as_missing(run: Run, tmp_path: Path) -> None:
    """A JSONL line whose site id is #N/A or N/A (written from the same spreadsheet) is refused as a table's row is
    and counts as a member missing its facts (was: assessed as site '#N/A')."""

    def line(site_id: str, name: str) -> str:
        site = {"id": site_id, "kind": "village", "name": name, "district": "晋安区"}
        return json.dumps({"site": site, "facts": {"已建成“无废乡村”": "是"}}, ensure_ascii=False) + "\n"

    source = tmp_path / "v.jsonl"
    source.write_text(line("JA-V-0001", "岭头村") + line("#N/A", "板桥村") + line("N/A", "降虎村"), "utf-8")
    batch(run, source, tmp_path / "out")
    summary = summary_of(tmp_path / "out")
    row = next(d for d in summary["districts"] if d["requirement"] == "JA-15-15")
    assert (row["denominator"], row["missing"], row["status"]) == (1, 2, "insufficient_data"), row
    rejected = rejected_of(tmp_path / "out")
    assert "an Excel error value" in rejected[2]["reason"] and rejected[3]["reason"].startswith("the site id is blank")


# -- F8: a title naming part of a year -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "period"),
    [
        ("晋安区2025年1-6月农村人居环境统计表", "2025-06"),
        ("晋安区2025年6月农村人居环境统计表", "2025-06"),
        ("晋安区2025年上半年农村人居环境统计表", "2025-06"),
        ("晋安区2025年第二季度农村人居环境统计表", "2025-06"),
        ("晋安区2025年前三季度统计表", "2025-09"),
        ("截至2025年6月底农村人居环境统计表", "2025-06"),
        ("截至2024年底农村人居环境统计表", "2024"),
        ("晋安区2024年度统计表", "2024"),
        ("晋安区2024年12月统计表", "2024"),
        ("晋安区2025年统计表（2025年3月填报）", "2025"),
        ("晋安区二〇二五年一至六月农村人居环境统计表", "2025-06"),
        ("晋安区2025年统计表（2026年三月填报）", "2025"),
    ],
)
def test_a_title_naming_part_of_a_year_dates_the_columns_at_its_last_month(
    run: Run, tmp_path: Path, title: str, period: str
) -> None:
    """A mid-year 86% is missing data for the 2025 target, as `check` says of {series: {2025-06: 86}} (was: passed
    as 2025's); whole-year titles stay the year."""
    source = write_table(tmp_path / "t.csv", [[title], [*SITE, "农村生活污水治理率(%)"], [*VILLAGE, 86]])
    batch(run, source, tmp_path / "out", "--all-findings")
    summary = summary_of(tmp_path / "out")
    assert any(f"read as {period}'s figures" in w for w in summary["warnings"]), summary["warnings"]
    expected = checked(run, tmp_path, {"农村生活污水治理率": {"series": {period: 86}}})
    assert statuses(tmp_path / "out") == {"JA-V-0001": expected}
    assert expected == ("pass" if period in ("2025", "2025-12") else "insufficient_data")


def test_a_part_of_a_year_without_its_year_or_over_yearly_columns_stops(run: Run, tmp_path: Path) -> None:
    alone = write_table(tmp_path / "q.csv", [["第二季度农村人居环境统计表"], [*SITE, "农村生活污水治理率(%)"]])
    assert "第二季度" in batch(run, alone, tmp_path / "o1", code=2).output
    header = [*SITE, "农村生活污水治理率(%)", "农村人口[2024]"]
    mixed = write_table(tmp_path / "m.csv", [["晋安区2025年1-6月统计表"], header, [*VILLAGE, 86, 1000]])
    assert "1-6月" in batch(run, mixed, tmp_path / "o2", code=2).output


def test_title_periods() -> None:
    assert title_period("2025", "2025年下半年") == ("2025-12", "下半年")
    assert title_period("2025", "2025年1月至6月") == ("2025-06", "1月至6月")
    assert title_period("2025", "2025年1-12月") == ("2025", "")
    assert title_period("2025", "数据截至2025.6.30") == ("2025-06", "2025.6.30")
    assert title_period("2025", "近12个月") == ("2025", "")
    assert title_period("2025", "2025年一至六月") == ("2025-06", "一至六月")
    assert title_period("2025", "截至2025年六月底") == ("2025-06", "六月")
    assert title_period("2025", "2025年十一月") == ("2025-11", "十一月")
    assert title_period("2025", "2025年十二月") == ("2025", "")
    assert title_period("2025", title_text(["晋安区2025年统计表（2026年三月填报）"])) == ("2025", "")
    assert title_period("2025", title_text(["晋安区2025年统计表 填报日期：2026年十一月"])) == ("2025", "")
    assert part_without_year("一季度统计表") == "一季度" and part_without_year("农村人居环境统计表") == ""


# -- F9: a hidden township sheet -----------------------------------------------------------------------


def _township_book(path: Path, hidden: str, title: str | None = None) -> Path:
    header = [*SITE, "农村生活污水治理率(%)", "自然村数量(个)"]
    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    first.title = "宦溪镇"
    for row in (header, [*VILLAGE, 86, 5], ["JA-V-0002", "降虎村", "晋安区", "宦溪镇", 80, 5]):
        first.append(row)
    other = book.create_sheet(hidden)
    other.sheet_state = "hidden"
    for row in ([[title]] if title else []) + [header, ["JA-V-0003", "九峰村", "晋安区", "寿山乡", 40, 5]]:
        other.append(row)
    book.save(path)
    return path


def test_a_hidden_township_sheet_of_the_same_columns_stops_a_run_without_sheet(run: Run, tmp_path: Path) -> None:
    """Without --sheet the district was 83% (通过) on 宦溪镇 alone; 寿山乡's hidden sheet stops the run as a visible one
    does, and --sheet all decides the whole district: 68.6667% (不达标)."""
    book = _township_book(tmp_path / "t.xlsx", "寿山乡")
    refused = batch(run, book, tmp_path / "o1", code=2)
    assert "'寿山乡'（隐藏 hidden） hold sites under the same columns" in refused.output
    batch(run, book, tmp_path / "o2", "--sheet", "all")
    assert figure(summary_of(tmp_path / "o2"))[1] == "fail"


@pytest.mark.parametrize(("name", "title"), [("2024年", None), ("寿山乡", "晋安区2024年农村人居环境统计表")])
def test_a_hidden_sheet_of_another_year_is_still_left_unread(
    run: Run, tmp_path: Path, name: str, title: str | None
) -> None:
    """Last year's sheet kept hidden (named or titled by 2024): left out with a warning, as --sheet all leaves it."""
    batch(run, _township_book(tmp_path / "t.xlsx", name, title), tmp_path / "out")
    summary = summary_of(tmp_path / "out")
    assert summary["assessed"] == 2 and any("（隐藏 hidden）" in w for w in summary["warnings"])


# -- F11: a metric merged over 数值 and 说明 -------------------------------------------------------------


@pytest.mark.parametrize(("metric", "under"), [("农村生活污水治理率（%）", "数值"), ("农村生活污水治理率", "（%）")])
def test_a_metric_merged_over_a_note_names_the_note_column(run: Run, tmp_path: Path, metric: str, under: str) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "表"
    sheet.append([*SITE, metric, None, "农村自来水普及率（%）"])
    sheet.append([None, None, None, None, under, "说明", None])
    sheet.merge_cells("E1:F1")
    for column in "ABCDG":
        sheet.merge_cells(f"{column}1:{column}2")
    sheet.append([*VILLAGE, 86, "含新建管网", 100])
    book.save(tmp_path / "two.xlsx")
    refused = batch(run, tmp_path / "two.xlsx", tmp_path / "out", code=2).output.replace("\n", "")
    assert f"column 5 ({metric} / {under}) and column 6 ({metric} / 说明)" in refused
    assert "the second (说明) is the one to rename or remove" in refused and "第二列“说明”请改名" in refused
