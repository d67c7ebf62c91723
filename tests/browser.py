"""A page as a user sees it: rendered by Debian's Chromium, headless, through Playwright.

Import the `browser` fixture into a test module (`from tests.browser import browser`) and open pages with
`browser.open(path)` (each test gets a fresh context of one Chromium per test process, launched by the
`chromium` fixture that conftest.py imports): it returns the Playwright page with the console errors it
logged so far collected in `browser.errors`. When the test fails, a screenshot of every page it opened
is kept in the test's folder (`<tmp_path>/screenshots/`). Without Chromium the test is skipped on a
developer's machine and fails under CI (`.ci/run` installs it), so a browser test can never pass by not
running.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
"""Chromium's background connections are refused on a closed network: these flags keep it from trying."""


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


@dataclass
class Browser:
    """Pages opened by one test, and the console errors and uncaught exceptions they raised."""

    context: Any
    screenshots: Path
    errors: list[str] = field(default_factory=list)
    pages: list[Any] = field(default_factory=list)

    def open(self, path: Path, width: int = 1280, height: int = 900) -> Any:
        page = self.context.new_page()
        page.set_viewport_size({"width": width, "height": height})
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.goto(path.resolve().as_uri())
        self.pages.append(page)
        return page

    def _console(self, message: Any) -> None:
        if message.type == "error":
            self.errors.append(message.text)

    def keep_screenshots(self) -> None:
        self.screenshots.mkdir(parents=True, exist_ok=True)
        for number, page in enumerate(self.pages):
            page.screenshot(path=str(self.screenshots / f"page-{number}.png"), full_page=True)


def pdf_pages(pdf: bytes) -> int:
    """The number of pages of a PDF Chromium printed (its page objects, not the page-tree node)."""
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """One headless Chromium per test process; each test gets a fresh context of it (its own pages,
    storage and locale), which is what a new browser would give it, without a launch per test."""
    executable = chromium_path()
    if executable is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is not installed: .ci/run installs Debian's chromium for the browser tests")
        pytest.skip("Chromium is not installed (apt install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("playwright is missing: it is in the test extra (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_FLAGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def browser(request: pytest.FixtureRequest, tmp_path: Path, chromium: Any) -> Iterator[Browser]:
    context = chromium.new_context(locale="zh-CN")
    opened = Browser(context, tmp_path / "screenshots")
    try:
        yield opened
        report = getattr(request.node, "rep_call", None)
        if report is not None and report.failed:
            opened.keep_screenshots()
    finally:
        context.close()
