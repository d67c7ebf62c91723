"""The handover report and the batch report as a person sees and prints them, in headless Chromium."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from click.testing import Result

from tests.browser import Browser, browser, pdf_pages
from tests.conftest import EXAMPLES
from tests.reports import small_pack, village

__all__ = ["browser"]

AS_OF = "2026-06-30"


def _deciding(run: Callable[..., Result], facts: Path, *args: object) -> list[dict[str, Any]]:
    """The findings that decide the site's verdict, as `check --format json` gives them."""
    result = run("check", facts, "--as-of", AS_OF, "--format", "json", *args)
    (assessment,) = json.loads(result.stdout)["assessments"]
    return [f for f in assessment["findings"] if f["bears_on_verdict"] and f["status"] in ("fail", "insufficient_data")]


def _assert_shown(page: Any, findings: list[dict[str, Any]]) -> None:
    for finding in findings:
        heading = page.locator(f"h3:has-text('{finding['requirement']} · ')").first
        assert heading.is_visible(), finding["requirement"]
        assert finding["title_zh"] in heading.inner_text()
        assert page.get_by_text(finding["reason_zh"], exact=True).first.is_visible()


def _breaks_before(page: Any, selector: str) -> list[str]:
    """How the printed page breaks before each element `selector` finds (page counts alone cannot tell
    whether a sheet starts where it should or merely ran full)."""
    page.emulate_media(media="print")
    breaks: list[str] = page.eval_on_selector_all(selector, "found => found.map(e => getComputedStyle(e).breakBefore)")
    page.emulate_media(media="screen")
    return breaks


def test_a_site_report_shows_what_decides_and_prints_on_two_pages(
    browser: Browser, run: Callable[..., Result], tmp_path: Path
) -> None:
    rules = small_pack(tmp_path / "rules")
    facts = village(tmp_path, "V1", "<script>alert(1)</script>", "70%")
    run("report", facts, "--rules", rules, "--as-of", AS_OF, "--out", tmp_path / "out")
    page = browser.open(tmp_path / "out" / "V1.html")
    deciding = _deciding(run, facts, "--rules", rules)
    assert [f["requirement"] for f in deciding] == ["JA-1-1"]
    _assert_shown(page, deciding)
    assert "<script>alert(1)</script>" in page.inner_text("h1")  # shown as text, never run
    assert page.locator(".checklist td.blank").count() == 5  # 结论, 检查员, 日期, 证据, 有效期至
    # the findings on the first sheet; the checklist and the signatures on a second, to fill in by hand
    assert pdf_pages(page.pdf(format="A4")) == 2
    assert _breaks_before(page, ".checklist") == ["page"], "the checklist starts a sheet of its own"
    assert browser.errors == []


def test_the_index_of_two_sites_prints_each_site_from_a_new_page(
    browser: Browser, run: Callable[..., Result], tmp_path: Path
) -> None:
    rules = small_pack(tmp_path / "rules")
    first = village(tmp_path, "V1", "岭头村", "70%")
    second = village(tmp_path, "V2", "降虎村", None)
    run("report", first, second, "--rules", rules, "--as-of", AS_OF, "--out", tmp_path / "out")
    page = browser.open(tmp_path / "out" / "index.html")
    _assert_shown(page, _deciding(run, first, "--rules", rules) + _deciding(run, second, "--rules", rules))
    assert pdf_pages(page.pdf(format="A4")) == 1 + 2 + 2  # the index, then two sheets per site
    assert _breaks_before(page, ".site")[1:] == ["page"], "the second site starts a sheet of its own"
    alone = browser.open(tmp_path / "out" / "V2.html")
    assert pdf_pages(alone.pdf(format="A4")) == 2
    assert browser.errors == []


def test_the_park_report_shows_every_deciding_finding(
    browser: Browser, run: Callable[..., Result], tmp_path: Path
) -> None:
    facts = EXAMPLES / "park-noncompliant.yaml"
    run("report", facts, "--as-of", AS_OF, "--out", tmp_path)
    page = browser.open(tmp_path / "JA-P-0001.html")
    deciding = _deciding(run, facts)
    assert len(deciding) == 18
    _assert_shown(page, deciding)
    assert page.locator(".checklist tbody tr").count() == 35
    assert pdf_pages(page.pdf(format="A4")) > 2
    assert browser.errors == []


def test_the_batch_report_charts_each_figure_and_links_sites_to_findings(
    browser: Browser, run: Callable[..., Result], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    source = EXAMPLES / "villages-jinan-gbk.csv"
    run("batch", source, "--kind", "village", "--out", out, "--as-of", AS_OF, "--workers", "1", "--quiet")
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    page = browser.open(out / "report.html")
    chart = page.locator("svg")
    assert chart.count() == 1 and chart.is_visible()
    bars = page.locator("svg rect.bar")
    assert bars.count() == len(summary["districts"]) == 8
    # a figure known only as a range from 0% (a rate of village rates, a village missing its rate) is drawn at its
    # lowest, 0; every figure computed is drawn
    computed = [n for n, row in enumerate(summary["districts"]) if row["figure"] or row["lowest"] not in ("", "0%")]
    assert computed and all(bars.nth(n).bounding_box()["width"] > 0 for n in computed)
    page.click('a[href="#row-3"]')
    assert page.evaluate("location.hash") == "#row-3"
    assert page.locator("#row-3").is_visible() and "降虎村" in page.inner_text("#row-3")
    assert pdf_pages(page.pdf(format="A4")) >= 2
    assert browser.errors == []
