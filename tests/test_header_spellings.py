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
from tests.test_spreadsheets import batch, summary_of

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


def write_facts(tmp_path: Path, facts: dict[str, Any]) -> Path:
    body = {"site": {"id": "JA-V-0001", "kind": "village", "name": "岭头村", "district": "晋安区"}, "facts": facts}
    path = tmp_path / "village.yaml"
    path.write_text(yaml.safe_dump(body, allow_unicode=True), encoding="utf-8")
    return path
