"""`compliance attestations template`: the review items of some sites as a table to fill in and pass back.

The columns are those `--attestations` reads (load/attestations.py), with Chinese headers; the site name,
the requirement and its clause are there to read while judging and are ignored when read back. The
judgement columns are left blank: a row still blank when read back is an item not judged yet.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from compliance.model.result import Assessment, Status
from compliance.report.words import OUTCOME

HEADER = ["站点编号", "站点名称", "要求编号", "要求内容", "条款", "结论", "检查员", "日期", "证据", "有效期至"]
OUTCOMES = tuple(OUTCOME["zh"].values())


def rows(assessments: list[Assessment]) -> list[list[str]]:
    """One row per review item (needs_review finding) of every site, in the order the sites were given."""
    return [
        [a.site.id, a.site.name, f.requirement, f.title_zh, f"{f.section}：“{f.quote}”", "", "", "", "", ""]
        for a in assessments
        for f in a.findings
        if f.status == Status.NEEDS_REVIEW
    ]


def as_csv(table: list[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows([HEADER, *table])
    return buffer.getvalue()


def write_xlsx(table: list[list[str]], path: Path) -> None:
    """A workbook with the header frozen, wrapped clause text, and a 通过/不通过 list on the outcome column."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "待核查 review"
    sheet.append(HEADER)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in table:
        sheet.append(row)
    sheet.freeze_panes = "A2"
    for letter, width in zip("ABCDEFGHIJ", (14, 18, 12, 28, 60, 10, 12, 12, 30, 12), strict=True):
        sheet.column_dimensions[letter].width = width
    for (cell,) in sheet.iter_rows(min_row=2, min_col=5, max_col=5):
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    choice = DataValidation(type="list", formula1=f'"{",".join(OUTCOMES)}"', allow_blank=True)
    choice.add(f"F2:F{max(2, len(table) + 1)}")
    sheet.add_data_validation(choice)
    book.save(path)
