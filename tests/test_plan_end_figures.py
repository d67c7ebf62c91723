"""After 厦门's plan ended (2027-12-31), a batch's district figures read each member's figure of 2027, as the sites'
own findings do: a county workbook with 2027 and 2028 columns assessed on 2028-03-01 gives 建成美丽乡村的行政村比例 of
2027 (XM-0-21), a village without a 2027 figure is missing (never read from 2028), and a plain column without a
year is the state when assessed, after the end, so it is missing too."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

Run = Callable[..., Result]
HEADER = ["编号", "村名", "所在区", "乡镇", "2027年已建成美丽乡村", "2028年已建成美丽乡村"]
XIANGAN = [
    ["XA-1", "新圩村", "翔安区", "新圩镇", "是", "是"],
    ["XA-2", "古宅村", "翔安区", "新圩镇", "否", "是"],
    ["XA-3", "内厝村", "翔安区", "内厝镇", "否", "是"],
    ["XA-4", "大帽山社区", "翔安区", "大帽山农场", "是", "是"],
]


def _run(run: Run, source: Path, tmp_path: Path, as_of: str = "2028-03-01") -> tuple[dict, dict[str, str]]:
    out = tmp_path / "out"
    result = run("batch", source, "--kind", "行政村", "--out", out, "--as-of", as_of, "--workers", "1", "--quiet")
    assert result.exit_code in (0, 1), result.output
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    figure = next(row for row in summary["districts"] if row["requirement"] == "XM-0-21")
    findings = [json.loads(line) for line in (out / "findings.jsonl").read_text(encoding="utf-8").splitlines()]
    statuses = {f["site"]: f["status"] for f in findings if f["requirement"] == "XM-0-29"}
    return figure, statuses


def _csv(tmp_path: Path, header: list[str], rows: list[list[str]]) -> Path:
    source = tmp_path / "xa.csv"
    source.write_text("\n".join(",".join(row) for row in [header, *rows]) + "\n", encoding="utf-8")
    return source


def test_a_district_figure_after_the_end_is_the_plans_last_year(run: Run, tmp_path: Path) -> None:
    figure, statuses = _run(run, _csv(tmp_path, HEADER, XIANGAN), tmp_path)
    assert (figure["figure"], figure["numerator"], figure["denominator"]) == ("50%", 2, 4), figure
    assert figure["status"] == "fail" and "2027: 50%" in figure["reason_zh"], figure
    assert statuses == {"XA-2": "fail", "XA-3": "fail"}  # the villages of 2027 not built (findings.jsonl: no passes)


def test_a_workbook_reads_the_same(run: Run, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    for row in [HEADER, *XIANGAN]:
        sheet.append(row)
    workbook = tmp_path / "xa.xlsx"
    book.save(workbook)
    figure, _ = _run(run, workbook, tmp_path)
    assert (figure["figure"], figure["status"], figure["denominator"]) == ("50%", "fail", 4), figure


def test_a_village_without_a_2027_figure_is_missing_not_read_from_2028(run: Run, tmp_path: Path) -> None:
    rows = [[*row[:4], "是", "是"] for row in XIANGAN]
    rows[1][4] = ""  # 古宅村: 2028 是 only
    figure, _ = _run(run, _csv(tmp_path, HEADER, rows), tmp_path)
    assert (figure["numerator"], figure["denominator"], figure["missing"]) == (3, 3, 1), figure
    assert figure["figure"] == "" and (figure["lowest"], figure["highest"]) == ("75%", "100%"), figure
    assert figure["status"] == "insufficient_data", figure


def test_before_the_end_the_latest_year_is_read(run: Run, tmp_path: Path) -> None:
    """Within the plan (as of 2027-12-31 the 2028 column has not begun) nothing changes: 2027's is the latest."""
    figure, _ = _run(run, _csv(tmp_path, HEADER, XIANGAN), tmp_path, "2027-12-31")
    assert (figure["numerator"], figure["denominator"]) == (2, 4), figure


def test_a_plain_column_after_the_end_is_no_figure_of_the_plan(run: Run, tmp_path: Path) -> None:
    header = [*HEADER[:4], "已建成美丽乡村"]
    figure, statuses = _run(run, _csv(tmp_path, header, [[*row[:4], "是"] for row in XIANGAN]), tmp_path)
    assert (figure["denominator"], figure["missing"], figure["status"]) == (0, 4, "insufficient_data"), figure
    assert statuses == dict.fromkeys(("XA-1", "XA-2", "XA-3", "XA-4"), "insufficient_data")  # as each village's own


def test_a_document_is_read_at_the_end_too(run: Run, tmp_path: Path) -> None:
    lines = [
        {
            "site": {"id": row[0], "kind": "village", "name": row[1], "district": row[2]},
            "facts": {"已建成美丽乡村": {"series": {"2027": row[4], "2028": row[5]}}},
        }
        for row in XIANGAN
    ]
    table = tmp_path / "villages.jsonl"
    table.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n", encoding="utf-8")
    figure, _ = _run(run, table, tmp_path)
    assert (figure["figure"], figure["status"], figure["denominator"]) == ("50%", "fail", 4), figure
