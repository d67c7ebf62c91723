"""Headers as county forms write them: a title's year in full-width digits or short (２０２４年, 24年), a column's
year outside brackets (2024年农村生活污水治理率（%）), a unit without brackets (农村生活垃圾无害化处理率%, … 单位：%).
Each is read as its plain spelling is, so a 2025 rate of 70% fails JA-14-7 (“到2025年，农村生活污水治理率达到75%
以上”) as `check` says; what cannot be read stops the batch naming the header, never a column silently dropped."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml
from click.testing import Result

from compliance.batch.columns import title_text
from compliance.model.periods import years_named
from tests.conftest import AS_OF
from tests.test_spreadsheets import batch, summary_of, write_table

Run = Callable[..., Result]
SITE = ["站点编号", "名称", "所在区", "乡镇"]
VILLAGE = ["JA-V-0001", "岭头村", "晋安区", "宦溪镇"]


def statuses(out: Path, requirement: str = "JA-14-7") -> dict[str, str]:
    """Each site's status of `requirement` in a batch's findings.jsonl."""
    lines = (out / "findings.jsonl").read_text("utf-8").splitlines()
    found = [json.loads(line) for line in lines]
    return {f["site"]: f["status"] for f in found if f["requirement"] == requirement}


def checked(run: Run, tmp_path: Path, facts: dict[str, Any], requirement: str = "JA-14-7") -> str:
    """What `check` says of `requirement` for one village of these facts."""
    result = run("check", write_facts(tmp_path, facts), "--as-of", AS_OF.isoformat(), "--format", "json")
    found = json.loads(result.output)["assessments"][0]["findings"]
    status: str = next(f["status"] for f in found if f["requirement"] == requirement)
    return status


# -- F1: the title's year ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "status"),
    [
        ("晋安区２０２５年农村人居环境整治情况统计表", "fail"),
        ("晋安区25年农村人居环境整治情况统计表", "fail"),
        ("晋安区２０２４年农村人居环境整治情况统计表", "insufficient_data"),
        ("晋安区24年农村人居环境整治情况统计表", "insufficient_data"),
    ],
)
def test_a_titles_year_in_full_width_or_short_digits_dates_the_columns(
    run: Run, tmp_path: Path, title: str, status: str
) -> None:
    """２０２４年 (typed in an IME's full-width mode) and 24年 are 2024: a 2024 figure is missing data for the 2025
    target, never passed as the figure now; a 2025 rate of 70% fails it, as `check` says of {series: {2025: 70}}."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Sheet1"
    sheet.append([title])
    sheet.merge_cells("A1:E1")
    sheet.append([*SITE, "农村生活污水治理率(%)"])
    sheet.append([*VILLAGE, 70])
    book.save(tmp_path / "titled.xlsx")
    batch(run, tmp_path / "titled.xlsx", tmp_path / "out")
    summary = summary_of(tmp_path / "out")
    year = "2025" if status == "fail" else "2024"
    assert any(f"read as {year}'s figures" in w for w in summary["warnings"])
    assert statuses(tmp_path / "out") == {"JA-V-0001": status}
    assert checked(run, tmp_path, {"农村生活污水治理率": {"series": {year: 70}}}) == status


def test_only_a_short_year_of_20_to_39_is_a_year() -> None:
    assert years_named(title_text(["晋安区24年农村人居环境统计表"])) == ["2024"]
    assert years_named(title_text(["晋安区２０２４年度统计表"])) == ["2024"]
    assert years_named(title_text(["近30年农村人居环境统计表", "第24年"])) == []
    assert years_named(title_text(["晋安区19年统计表", "12年"])) == []  # 2019 or 1912? not said: no year
    assert years_named(title_text(["24年3月填报"])) == []  # when the form was filled, not the figures' year


# -- F2: a year outside brackets -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "spelling",
    [
        "{year}年农村生活污水治理率（%）",
        "农村生活污水治理率（%）{year}年",
        "农村生活污水治理率{year}年（%）",
        "{year}年度农村生活污水治理率(%)",
    ],
)
def test_a_year_before_or_after_the_metrics_name_is_the_columns_period(run: Run, tmp_path: Path, spelling: str) -> None:
    """As 农村生活污水治理率（2025年）: the 2025 column's 70% fails JA-14-7 and the 2024 column is the 2024 figure,
    never both dropped with a warning."""
    header = [*SITE, spelling.format(year=2024), spelling.format(year=2025)]
    source = write_table(tmp_path / "years.csv", [header, [*VILLAGE, 90, 70]])
    batch(run, source, tmp_path / "out")
    summary = summary_of(tmp_path / "out")
    assert summary["unknown_columns"] == [] and summary["assessed"] == 1
    assert statuses(tmp_path / "out") == {"JA-V-0001": "fail"}
    assert checked(run, tmp_path, {"农村生活污水治理率": {"series": {"2024": 90, "2025": 70}}}) == "fail"
    only_2024 = write_table(tmp_path / "old.csv", [[*SITE, spelling.format(year=2024)], [*VILLAGE, 90]])
    batch(run, only_2024, tmp_path / "old")
    assert statuses(tmp_path / "old") == {"JA-V-0001": "insufficient_data"}


@pytest.mark.parametrize(
    "header", ["农村生活污水治理率2024年目标", "2024年6月底农村生活污水治理率", "农村生活污水治理率2024"]
)
def test_a_metrics_header_with_a_year_that_cannot_be_read_stops_the_batch(
    run: Run, tmp_path: Path, header: str
) -> None:
    source = write_table(tmp_path / "years.csv", [[*SITE, header], [*VILLAGE, 70]])
    refused = batch(run, source, tmp_path / "out", code=2)
    assert header in refused.output and "农村生活污水治理率" in refused.output


def group_book(path: Path, metrics: list[str], rows: list[list[Any]]) -> Path:
    """A county form: a title, a line of labels, the site fields merged down two rows and 指标 merged over `metrics`."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Sheet1"
    sheet.append(["晋安区2025年农村人居环境整治情况统计表"])
    sheet.merge_cells("A1:H1")
    sheet.append(["填报单位：晋安区农业农村局"])
    sheet.append([*SITE, "指标"])
    sheet.append([None, None, None, None, *metrics])
    for column in "ABCD":
        sheet.merge_cells(f"{column}3:{column}4")
    sheet.merge_cells(start_row=3, start_column=5, end_row=3, end_column=4 + len(metrics))
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_a_group_headings_cells_with_years_are_read_and_its_second_row_is_no_site(run: Run, tmp_path: Path) -> None:
    """指标 merged over 农村生活污水治理率（%）2024年 …: every figure read by its year (JA-V-0001's 2025 70% fails), and
    the header's second row (站点编号 again, merged down) never a village of unknown district."""
    metrics = ["农村生活污水治理率（%）2024年", "农村生活污水治理率（%）2025年", "农村自来水普及率(%)2024年"]
    rows = [[*VILLAGE, 90, 70, 100], ["JA-V-0002", "降虎村", "晋安区", "宦溪镇", 90, 80, 100]]
    batch(run, group_book(tmp_path / "group.xlsx", metrics, rows), tmp_path / "out")
    summary = summary_of(tmp_path / "out")
    assert (summary["rows"], summary["assessed"], summary["unknown_columns"]) == (2, 2, [])
    assert statuses(tmp_path / "out") == {"JA-V-0001": "fail"}  # JA-V-0002 at 80% passes (not listed)


def test_a_group_headings_unmatched_cells_are_named_as_written(run: Run, tmp_path: Path) -> None:
    """A cell under 指标 that names nothing is named in the warning as the user wrote it, not as 指标; the header's
    second row is still no row of data."""
    metrics = ["农村生活污水治理率（%）", "村民满意度", "联系人"]
    rows = [[*VILLAGE, 70, "满意", "张三"]]
    result = batch(run, group_book(tmp_path / "group.xlsx", metrics, rows), tmp_path / "out")
    summary = summary_of(tmp_path / "out")
    assert summary["unknown_columns"] == ["村民满意度", "联系人"] and "指标, 指标" not in result.output
    assert (summary["rows"], summary["rejected"]) == (1, 0)
    assert statuses(tmp_path / "out") == {"JA-V-0001": "fail"}


# -- F3: a unit without brackets -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "header",
    [
        "农村生活污水治理率%",
        "农村生活污水治理率 %",
        "农村生活污水治理率/%",
        "农村生活污水治理率 单位：%",
        "农村生活污水治理率，单位:％",
    ],
)
def test_a_unit_written_without_brackets_is_read_as_a_bracketed_one(run: Run, tmp_path: Path, header: str) -> None:
    """农村生活污水治理率% is 农村生活污水治理率(%): the 70% fails JA-14-7, and `check` reads the key alike."""
    source = write_table(tmp_path / "unit.csv", [[*SITE, header, "自然村数量 单位：个"], [*VILLAGE, 70, 3]])
    batch(run, source, tmp_path / "out")
    summary = summary_of(tmp_path / "out")
    assert summary["unknown_columns"] == []
    assert statuses(tmp_path / "out") == {"JA-V-0001": "fail"}
    assert checked(run, tmp_path, {header: 70}) == "fail"


@pytest.mark.parametrize(
    ("header", "said"),
    [
        ("农村生活污水治理率 吨", "the unit '吨' is not the unit of 农村生活污水治理率"),
        ("自然村数量/户", "the unit '户' is not the unit of 自然村数量"),
        ("农村生活污水治理率备注", "names 农村生活污水治理率 with more that cannot be read"),
        ("农村人口户数", "names 农村人口 with more that cannot be read"),
    ],
)
def test_a_metrics_name_with_a_wrong_unit_or_more_stops_the_batch(
    run: Run, tmp_path: Path, header: str, said: str
) -> None:
    """A wrong unit is refused naming the column, as a bracketed one is; a metric's name with more that names
    nothing stops the batch as `check` refuses the key, never set aside among 序号, 备注, 填报日期."""
    source = write_table(tmp_path / "unit.csv", [[*SITE, header], [*VILLAGE, 70]])
    refused = batch(run, source, tmp_path / "out", code=2)
    assert f"{header}: {said}" in refused.output
    assert run("check", write_facts(tmp_path, {header: 70}), "--as-of", AS_OF.isoformat()).exit_code != 0


def write_facts(tmp_path: Path, facts: dict[str, Any]) -> Path:
    body = {"site": {"id": "JA-V-0001", "kind": "village", "name": "岭头村", "district": "晋安区"}, "facts": facts}
    path = tmp_path / "village.yaml"
    path.write_text(yaml.safe_dump(body, allow_unicode=True), encoding="utf-8")
    return path


def test_harmless_extra_columns_stay_extras(run: Run, tmp_path: Path) -> None:
    header = ["序号", *SITE, "农村生活污水治理率（单位：%）", "填报日期", "备注"]
    source = write_table(tmp_path / "extras.csv", [header, [1, *VILLAGE, 70, "2026-01-15", ""]])
    batch(run, source, tmp_path / "out")
    assert summary_of(tmp_path / "out")["unknown_columns"] == ["序号", "填报日期", "备注"]
    assert statuses(tmp_path / "out") == {"JA-V-0001": "fail"}


# -- F4: headers in traditional characters ---------------------------------------------------------------


def test_headers_in_traditional_characters_are_read_as_their_simplified_spelling(run: Run, tmp_path: Path) -> None:
    """村編號, 村名稱, 所在區, 鄉鎮, 農村生活污水治理率, 農村自來水普及率, 已建成「無廢鄉村」 (a form typed with a
    traditional input method) name the columns their simplified spellings name, as 晉安區 in a cell is 晋安区: 70% fails
    JA-14-7 as `check` says (was: every column an extra, every row rejected for want of a district)."""
    header = ["村編號", "村名稱", "所在區", "鄉鎮", "農村生活污水治理率(%)", "農村自來水普及率(%)"]
    header.append("已建成「無廢鄉村」")
    row = ["JA-V-0001", "岭头村", "晉安區", "宦溪鎮", 70, 100, "是"]
    source = write_table(tmp_path / "trad.csv", [header, row])
    batch(run, source, tmp_path / "out")
    summary = summary_of(tmp_path / "out")
    assert (summary["unknown_columns"], summary["rejected"]) == ([], 0)
    assert statuses(tmp_path / "out") == {"JA-V-0001": "fail"}
    assert checked(run, tmp_path, {"农村生活污水治理率": 70}) == "fail"
