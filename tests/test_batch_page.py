"""A batch's report.html: the overview, the district figures charted against their targets, the worst
townships, the requirements most often failed, and links from the sites to their findings."""

from __future__ import annotations

import json
import re
import signal
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import Result

from compliance.batch import page as batch_page
from compliance.batch import run as batch_run
from compliance.batch.stopping import Interrupted
from tests.browser import Browser, browser
from tests.conftest import EXAMPLES

__all__ = ["browser"]

VILLAGES = EXAMPLES / "villages-jinan-gbk.csv"
HEADER = "站点编号,名称,所在区,乡镇,行政区划代码,农村生活污水治理率(%),农村自来水普及率(%)\n"


def _batch(run: Callable[..., Result], source: Path, out: Path) -> Result:
    return run("batch", source, "--kind", "village", "--out", out, "--as-of", "2026-06-30", "--workers", "1", "--quiet")


def test_the_page_shows_the_batch_and_links_each_listed_site_to_its_findings(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    assert _batch(run, VILLAGES, out).exit_code == 0
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert "report.html" in json.loads((out / "manifest.json").read_text(encoding="utf-8"))["outputs"]
    text = (out / "report.html").read_text(encoding="utf-8")
    assert text.count('<rect class="bar') == len(summary["districts"]) == 8
    # 农村自来水普及率 is a rate of the villages' rates, none stating its rural population and one missing its rate:
    # only its range is known, 0%～100%, so it is no failing bar (it was, as the villages' unweighted mean, 99.83%)
    assert re.search(r'<rect class="bar range"[^>]*><title>晋安区 JA-14-20 农村自来水普及率: 0%～100% ', text)
    assert text.count('<line class="mark"') == 8  # every figure here has a numeric target
    links = re.findall(r'href="#(row-\d+)"', text)
    verdicts = summary["verdicts"]
    not_compliant = verdicts["non_compliant"] + verdicts["incomplete"] + verdicts["rejected"]
    assert len(links) == not_compliant == 5 and all(f'id="{anchor}"' in text for anchor in links)
    assert "显示前 5 个（共 5 个未合规或未评估的站点）" in text
    rejected = text.split('id="row-11"')[1].split("</section>")[0]
    assert "未评估（数据有误）" in rejected and "待核实" in rejected
    worst = text.split("合规率最低的乡镇")[1].split("<tbody>")[1].split("</tr>")[0]
    lowest = min(
        (t for t in summary["townships"] if t["compliance_rate"] is not None), key=lambda t: t["compliance_rate"]
    )
    assert lowest["township"] in worst and "0.0%" in worst
    failed = text.split("最常不达标的要求")[1].split("<tbody>")[1].split("</tr>")[0]
    top = max(summary["requirements"], key=lambda r: r["counts"]["fail"])
    assert top["requirement"] in failed and str(top["counts"]["fail"]) in failed
    site = text.split('id="row-3"')[1].split("</section>")[0]
    assert "降虎村" in site and "JA-15-7" in site and "不达标" in site


def test_only_the_first_sites_are_listed_and_the_page_says_how_many_there_are(
    run: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batch_page, "SITES_LISTED", 2)
    _batch(run, VILLAGES, tmp_path / "out")
    text = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "显示前 2 个（共 5 个未合规或未评估的站点），全部见 sites.csv、findings.jsonl 和 rejected.csv" in text
    assert len(re.findall(r'<section class="findings" id="row-\d+">', text)) == 2


def test_names_from_the_input_are_escaped(run: Callable[..., Result], tmp_path: Path) -> None:
    source = tmp_path / "villages.csv"
    rows = [
        "V-1,<script>alert(1)</script>,晋安区,宦溪镇 & 寿山乡,350111103201,60,100",
        'V-2,"<img src=x>",晋安区,,,90,',
    ]
    source.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    _batch(run, source, tmp_path / "out")
    text = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "<script>" not in text and "<img" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text and "&lt;img src=x&gt;" in text


def test_a_batch_stopped_while_writing_the_page_leaves_no_page(
    run: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def stopped_half_way(out: Path, *_: object) -> None:
        (out / "report.html").write_text("<!doctype html><h1>批量评估报告", encoding="utf-8")
        raise Interrupted(signal.SIGINT)

    monkeypatch.setattr(batch_run, "write_page", stopped_half_way)
    out = tmp_path / "out"
    result = _batch(run, VILLAGES, out)
    assert result.exit_code == 130 and "interrupted by SIGINT" in result.stderr
    (staging,) = tmp_path.glob("out.incomplete-*")
    assert not (staging / "report.html").exists() and not (staging / "report.xlsx").exists()
    assert json.loads((staging / "manifest.json").read_text(encoding="utf-8"))["complete"] is False
    assert not out.exists()


SEWAGE = "站点编号,名称,所在区,乡镇,农村生活污水治理率(%),自然村数量(个)\n"


def _district_rows(run: Callable[..., Result], tmp_path: Path, rows: str) -> tuple[Path, dict[str, dict[str, Any]]]:
    source = tmp_path / "v.csv"
    source.write_text(SEWAGE + rows, encoding="utf-8")
    out = tmp_path / "out"
    _batch(run, source, out)
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    return out, {row["requirement"]: row for row in summary["districts"]}


def test_an_undecided_mean_is_drawn_as_its_range_and_a_gradual_target_is_never_due(
    browser: Browser, run: Callable[..., Result], tmp_path: Path
) -> None:
    """One village of two lacks its rate: the district's weighted rate lies between 45.45% and 100%. Its bar spans
    that range (not a bar from 0 read as 0%), the range written beside it; JA-14-10 (逐步实现…全覆盖) has no date,
    so its target reads 逐步实现，无期限 in the table as in the reason, never 持续要求 or 尚未到期."""
    out, rows = _district_rows(
        run, tmp_path, "JA-V-1001,九峰村,晋安区,寿山乡,100,5\nJA-V-1003,岭头村,晋安区,宦溪镇,,6\n"
    )
    gradual = rows["JA-14-10"]
    assert (
        gradual["figure"] == ""
        and gradual["value"] is None
        and [round(v, 4) for v in gradual["value_range"]] == [45.4545, 100.0]
    )
    assert gradual["target_zh"] == "农村生活污水治理率 ≥ 100%（逐步实现，无期限）"
    assert "持续要求" not in gradual["reason_zh"] and "尚未到期" not in gradual["reason_zh"]
    assert "（逐步实现，无期限）" in gradual["reason_zh"] and "gradual, no deadline" in gradual["reason_en"]
    page = browser.open(out / "report.html")
    bar = page.locator("rect.bar", has_text="JA-14-10")
    assert bar.get_attribute("class") == "bar range"
    x, width = float(bar.get_attribute("x")), float(bar.get_attribute("width"))
    assert x > 300 + 330 * 0.45 and abs(x + width - (300 + 330)) < 1  # from 45.45% to 100% of the bar's length
    assert "45.4545%～100%" in (page.locator("figure.chart svg").text_content() or "")
    table = page.locator("table", has_text="JA-14-10").first.inner_text()
    assert "逐步实现，无期限" in table and "持续要求" not in table
    assert browser.errors == []


def test_a_weighted_mean_gives_its_weight_total_as_denominator(run: Callable[..., Result], tmp_path: Path) -> None:
    """80% of 5 natural villages, 70% of 4, 76% of 3: Σ value × weight 908 over 12 natural villages is 75.67%, so
    分子 ÷ 分母 gives the figure; summary.json keeps the members counted and adds the weight total."""
    out, rows = _district_rows(
        run,
        tmp_path,
        "JA-V-1001,九峰村,晋安区,寿山乡,80,5\nJA-V-1002,岭头村,晋安区,寿山乡,70,4\nJA-V-1004,降虎村,晋安区,宦溪镇,76,3\n",
    )
    row = rows["JA-14-7"]
    assert (row["numerator"], row["denominator"], row["weight_total"], row["figure"]) == (908.0, 3, 12.0, "75.6667%")
    assert row["value_range"] is None
    book = openpyxl.load_workbook(out / "report.xlsx", read_only=True)
    sheet = list(book["区县指标 districts"].iter_rows(values_only=True))
    head, figure = sheet[0], next(r for r in sheet if r[2] == "JA-14-7")
    numerator, denominator = figure[head.index(next(h for h in head if str(h).startswith("分子")))], figure[7]
    assert str(head[7]).startswith("分母") and (numerator, denominator) == (908, 12)
    assert "分母为自然村数量合计" in str(figure[5]) and round(numerator / denominator, 4) == 75.6667
