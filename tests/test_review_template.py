"""`compliance attestations template`: the review checklist goes out blank and comes back as judgements."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
from click.testing import Result

from tests.conftest import EXAMPLES

VILLAGE = EXAMPLES / "village-compliant.yaml"
PARK = EXAMPLES / "park-noncompliant.yaml"


def _statuses(run: Callable[..., Result], *args: object) -> dict[str, str]:
    result = run("check", VILLAGE, "--as-of", "2026-06-30", "--format", "json", *args)
    (assessment,) = json.loads(result.stdout)["assessments"]
    return {f["requirement"]: f["status"] for f in assessment["findings"]}


def test_the_template_lists_every_review_item_of_every_site(run: Callable[..., Result]) -> None:
    result = run("attestations", "template", VILLAGE, PARK, "--as-of", "2026-06-30")
    assert result.exit_code == 0
    header, *rows = list(csv.reader(io.StringIO(result.stdout)))
    assert header == [
        "站点编号",
        "站点名称",
        "要求编号",
        "要求内容",
        "条款",
        "结论",
        "检查员",
        "日期",
        "证据",
        "有效期至",
    ]
    review = sorted(r for r, s in _statuses(run).items() if s == "needs_review")
    assert sorted(row[2] for row in rows if row[0] == "JA-V-0001") == review
    assert sum(row[0] == "JA-P-0001" for row in rows) == 35
    assert all(row[5:] == ["", "", "", "", ""] for row in rows)
    assert any(row[4].startswith("（二十八）现代产业和谐集聚高地建设行动：“") for row in rows)


def test_a_filled_csv_comes_back_as_judgements(run: Callable[..., Result], tmp_path: Path) -> None:
    template = tmp_path / "核查清单.csv"
    run("attestations", "template", VILLAGE, "--as-of", "2026-06-30", "--out", template)
    with template.open(encoding="utf-8-sig", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    assert rows[0][2] == "JA-0-51"  # a 2027 goal: a judgement of 2026 does not decide it (test_attestations)
    rows[1][5:9] = ["通过", "林检查员", "2026-06-20", "现场核查记录第3号"]
    rows[2][5:9] = ["不通过", "林检查员", "2026/6/21", "照片 12 张"]
    with template.open("w", encoding="utf-8-sig", newline="") as handle:  # as a spreadsheet saves it back
        csv.writer(handle).writerows([header, *rows])
    statuses = _statuses(run, "--attestations", template)
    assert statuses[rows[1][2]] == "pass" and statuses[rows[2][2]] == "fail"
    assert all(statuses[row[2]] == "needs_review" for row in [rows[0], *rows[3:]])  # not judged yet: still for review


def test_a_filled_workbook_comes_back_as_judgements(run: Callable[..., Result], tmp_path: Path) -> None:
    template = tmp_path / "核查清单.xlsx"
    result = run("attestations", "template", VILLAGE, "--as-of", "2026-06-30", "--format", "xlsx", "--out", template)
    assert result.exit_code == 0 and "review items" in result.stderr
    book = openpyxl.load_workbook(template)
    sheet = book.active
    assert sheet is not None and sheet["F1"].value == "结论" and sheet.freeze_panes == "A2"
    first, second = sheet[3], sheet[4]  # row 2 is JA-0-51, a 2027 goal a judgement of 2026 does not decide
    first[5].value, first[6].value, first[8].value = "通过", "王检查员", "村污水站运行记录"
    first[7].value = dt.datetime(2026, 6, 20)  # a date typed into Excel
    second[5].value, second[6].value, second[7].value = "不通过", "王检查员", dt.datetime(2026, 6, 21)
    book.save(template)
    statuses = _statuses(run, "--attestations", template)
    assert statuses[str(first[2].value)] == "pass" and statuses[str(second[2].value)] == "fail"


def test_a_row_judged_by_half_is_an_error_naming_it(run: Callable[..., Result], tmp_path: Path) -> None:
    template = tmp_path / "review.csv"
    run("attestations", "template", VILLAGE, "--as-of", "2026-06-30", "--out", template)
    lines = template.read_text(encoding="utf-8-sig").splitlines()
    lines[2] = lines[2][: -len(",,,,")] + "林检查员,,,"  # an inspector's name but no outcome
    template.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    result = run("check", VILLAGE, "--as-of", "2026-06-30", "--attestations", template)
    assert result.exit_code == 2
    assert f"{template}:3" in result.stderr and "outcome" in result.stderr and "Traceback" not in result.stderr


def test_a_workbook_needs_a_file_to_go_to(run: Callable[..., Result]) -> None:
    result = run("attestations", "template", VILLAGE, "--format", "xlsx")
    assert result.exit_code == 2 and "--out" in result.stderr


def test_a_damaged_workbook_is_named(run: Callable[..., Result], tmp_path: Path) -> None:
    broken: Any = tmp_path / "review.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    result = run("check", VILLAGE, "--attestations", broken)
    assert result.exit_code == 2 and "review.xlsx" in result.stderr and "Excel" in result.stderr
