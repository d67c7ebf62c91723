"""The browser harness itself: it sees what a user would, and it notices a broken page."""

from __future__ import annotations

from pathlib import Path

from tests.browser import Browser, browser, pdf_pages

__all__ = ["browser"]

PAGE = """<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>检查</title>
<style>@media print {{ section {{ break-after: page; }} }}</style></head><body>
<section><h1>降虎村</h1><p id="verdict">不合规</p></section><section><p>第二页</p></section>
<script>{script}</script></body></html>"""


def test_a_page_is_seen_as_rendered_and_printed(browser: Browser, tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE.format(script="document.getElementById('verdict').textContent += '（3 项）';"), "utf-8")
    page = browser.open(path)
    assert page.inner_text("#verdict") == "不合规（3 项）"
    assert pdf_pages(page.pdf(format="A4")) == 2
    assert browser.errors == []


def test_a_script_error_on_the_page_is_collected(browser: Browser, tmp_path: Path) -> None:
    path = tmp_path / "broken.html"
    path.write_text(PAGE.format(script="console.error('坏了'); undefinedFunction();"), "utf-8")
    browser.open(path)
    assert any("坏了" in error for error in browser.errors)
    assert any("undefinedFunction" in error for error in browser.errors)


def test_screenshots_are_kept_for_a_failed_test(browser: Browser, tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE.format(script=""), "utf-8")
    browser.open(path)
    browser.keep_screenshots()
    shot = tmp_path / "screenshots" / "page-0.png"
    assert shot.read_bytes().startswith(b"\x89PNG")
