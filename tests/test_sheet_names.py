"""A batch's outputs locate every row: in a run of several sheets each names its sheet, and a column that names
nothing is told the fact it likely means.

The workbook is a county return as townships send it: a 汇总 sheet of township rows in front, one sheet per
township under the same header (rows 2 and 3 in each), a hidden sheet of an earlier version.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
from click.testing import Result

Run = Callable[..., Result]
AS_OF = "2026-06-30"
HEADER = ["村编号", "行政村名称", "所在区", "乡镇", "农村生活污水治理率(%)", "农村自来水普及率(%)"]
SHEETS: dict[str, list[list[Any]]] = {
    "汇总": [
        ["350111103", "宦溪镇", "晋安区", "宦溪镇", 80, 99.9],
        ["350111201", "寿山乡", "晋安区", "寿山乡", 84.5, 99.95],
    ],
    "宦溪镇": [
        ["JA-V-0001", "板桥村", "晋安区", "宦溪镇", 70, 99.9],
        ["JA-V-0002", "汤岭村", "晋安区", "宦溪镇", 90, 100],
    ],
    "寿山乡": [
        ["JA-V-0005", "寿山村", "晋安区", "寿山乡", 85, 99.9],
        ["JA-V-0006", "九峰村", "晋安区", "寿山乡", "待核实", 99.9],
    ],
}


def county_return(path: Path) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for title, rows in SHEETS.items():
        sheet = book.create_sheet(title)
        for row in [HEADER, *rows]:
            sheet.append(row)
    old = book.create_sheet("旧版")
    old.append(HEADER)
    old.append(["JA-V-0001", "板桥村", "晋安区", "宦溪镇", 60, 99])
    old.sheet_state = "hidden"
    book.save(path)
    return path


def batch(run: Run, source: Path, out: Path, *extra: str) -> Result:
    result = run("batch", source, "--kind", "village", "--out", out, "--as-of", AS_OF, "--quiet", *extra)
    assert result.exit_code == 0, result.output
    return result


def rows_of(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(path.read_text(encoding="utf-8-sig").splitlines()))


def test_every_output_row_of_a_run_of_several_sheets_names_its_sheet(run: Run, tmp_path: Path) -> None:
    """Row 3 is a row of 汇总, of 宦溪镇 and of 寿山乡: rejected.csv, sites.csv, findings.jsonl, findings.csv and
    report.xlsx name the sheet first, so 寿山乡 row 3's 待核实 is found where it is. The hidden sheet of the same
    header is read too, said so, and its 板桥村 is a repeat of 宦溪镇's."""
    out = tmp_path / "out"
    result = batch(
        run, county_return(tmp_path / "县.xlsx"), out, "--sheet", "all", "--findings", "compact", "--workers", "2"
    )
    assert "sheet '旧版' is hidden and is read like the others" in result.output
    rejected = rows_of(out / "rejected.csv")
    assert list(rejected[0])[:2] == ["sheet", "row"]
    assert [(r["sheet"], r["row"], r["site_id"]) for r in rejected] == [
        ("汇总", "2", "350111103"),
        ("汇总", "3", "350111201"),
        ("寿山乡", "3", "JA-V-0006"),
        ("旧版", "2", "JA-V-0001"),
    ]
    assert "待核实" in rejected[2]["reason"] and "already used" in rejected[3]["reason"]
    sites = rows_of(out / "sites.csv")
    read = {**SHEETS, "旧版": [["JA-V-0001"]]}
    assert [(s["sheet"], s["row"], s["site_id"]) for s in sites] == [
        (title, str(number), row[0]) for title, rows in read.items() for number, row in enumerate(rows, start=2)
    ]
    lines = [json.loads(line) for line in (out / "findings.jsonl").read_text(encoding="utf-8").splitlines()]
    assert lines and all(list(line)[:2] == ["sheet", "row"] for line in lines)
    where = {(s["sheet"], int(s["row"])): s["site_id"] for s in sites}
    assert all(where[(line["sheet"], line["row"])] == line["site"] for line in lines)
    compact = rows_of(out / "findings.csv")
    assert list(compact[0])[:2] == ["sheet", "row"] and _same_rows(compact, lines)
    book = openpyxl.load_workbook(out / "report.xlsx", read_only=True)
    for name in ("站点 sites", "问题 findings"):
        head, first = list(book[name].iter_rows(max_row=2, values_only=True))
        assert head[:2] == ("工作表", "行号") and first[0] in SHEETS
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "<th>工作表</th>" in page and page.count('id="row-') == len(sites)  # no anchor repeats across sheets


def _same_rows(compact: list[dict[str, str]], lines: list[dict[str, Any]]) -> bool:
    """findings.csv against findings.jsonl, cell by cell as text (numbers as the CSV writes them)."""
    return all(
        c["sheet"] == line["sheet"] and c["row"] == str(line["row"]) and c["requirement"] == line["requirement"]
        for c, line in zip(compact, lines, strict=True)
    )


def test_a_run_of_one_sheet_names_no_sheet(run: Run, tmp_path: Path) -> None:
    """--sheet NAME (and a workbook of one sheet under --sheet all) keeps the outputs as they were: no sheet column."""
    path = county_return(tmp_path / "县.xlsx")
    batch(run, path, tmp_path / "one", "--sheet", "寿山乡")
    assert list(rows_of(tmp_path / "one" / "rejected.csv")[0])[:2] == ["row", "site_id"]
    assert "sheet" not in rows_of(tmp_path / "one" / "sites.csv")[0]
    assert '"sheet"' not in (tmp_path / "one" / "findings.jsonl").read_text(encoding="utf-8")
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in [HEADER, *SHEETS["宦溪镇"]]:
        sheet.append(row)
    book.save(tmp_path / "乡.xlsx")
    batch(run, tmp_path / "乡.xlsx", tmp_path / "all", "--sheet", "all")
    assert "sheet" not in rows_of(tmp_path / "all" / "sites.csv")[0]


def test_a_misspelt_fact_column_is_told_the_name_a_facts_file_is_told(run: Run, tmp_path: Path) -> None:
    """是否农村集中供水工程 for 是否为农村集中供水工程: the clerk filled the fact, so the warning naming the column
    says the catalogue names close to it, as `check` says for the same key in a facts file; 备注 gets no guess."""
    table = tmp_path / "供水.csv"
    header = "站点编号,名称,所在区,是否农村集中供水工程,农村集中供水工程（是/否）,备注"
    table.write_text(f"{header}\nW1,九峰村集中供水工程,晋安区,是,是,\n", encoding="utf-8")
    result = run("batch", table, "--kind", "供水工程", "--out", tmp_path / "out", "--as-of", AS_OF, "--quiet")
    assert result.exit_code == 0, result.output
    warning = next(line for line in result.output.splitlines() if "columns not matched" in line)
    assert "是否农村集中供水工程 (did you mean 是否为农村集中供水工程" in warning
    assert "农村集中供水工程（是/否） (did you mean 是否为农村集中供水工程" in warning
    assert warning.endswith(", 备注")
    facts = tmp_path / "供水.yaml"
    site = "site: {id: W1, kind: 供水工程, name: 九峰村集中供水工程, district: 晋安区}"
    facts.write_text(f"{site}\nfacts:\n  是否农村集中供水工程: 是\n", encoding="utf-8")
    checked = run("check", facts, "--as-of", AS_OF)
    said = checked.output.split("unknown metric '是否农村集中供水工程'")[1].splitlines()[0].split(" / ")[0]
    assert f"是否农村集中供水工程{said}" in warning


def test_a_row_of_a_sheets_sums_is_told_by_that_sheets_rows(run: Run, tmp_path: Path) -> None:
    """Each township sheet's row of column sums (labelled with no totals word) adds up that sheet's villages, not
    every sheet's since the first: the sums are watched from each sheet's start."""
    header = ["站点编号", "名称", "所在区", "乡镇", "生活垃圾产生量(吨)[2024]", "生活垃圾产生量(吨)[2025]"]
    book = openpyxl.Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for title, first in (("宦溪镇", 0), ("寿山乡", 3)):
        sheet = book.create_sheet(title)
        villages = [[f"JA-V-{n:04d}", f"村{n}", "晋安区", title, 400 + n, 390 + n] for n in range(first, first + 3)]
        for row in [header, *villages]:
            sheet.append(row)
    sheet.append(["JA-V-0100", "", "晋安区", "寿山乡", 1212, 1182])  # 寿山乡's three villages summed, unnamed
    book.save(tmp_path / "sums.xlsx")
    out = tmp_path / "out"
    batch(run, tmp_path / "sums.xlsx", out, "--sheet", "all")
    rejected = rows_of(out / "rejected.csv")
    assert [(row["sheet"], row["row"]) for row in rejected] == [("寿山乡", "5")], rejected
    assert "sums of the rows above" in rejected[0]["reason"]
