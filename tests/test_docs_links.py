"""Every relative link and #anchor in README.md and docs/*.md lands somewhere: moving a section breaks none."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import ROOT

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]

_FENCE = re.compile(r"^```.*?^```", re.S | re.M)
_CODE_SPAN = re.compile(r"`[^`\n]*`")
_LINK = re.compile(r"\]\(([^)\s]+)\)")
_HEADING = re.compile(r"^#{1,6} +(.+?) *#* *$", re.M)


def _prose(text: str) -> str:
    """The page without code blocks and code spans, where `[a](b)` is not a link."""
    return _CODE_SPAN.sub("", _FENCE.sub("", text))


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lowercase, markup and punctuation dropped, spaces to '-', CJK kept."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading).replace("`", "").lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def anchors(page: Path) -> set[str]:
    """The anchors of a page's headings; a repeated heading gets -1, -2 … as on GitHub."""
    found: set[str] = set()
    for heading in _HEADING.findall(_FENCE.sub("", page.read_text(encoding="utf-8"))):
        base = slug(heading)
        anchor, count = base, 0
        while anchor in found:
            count += 1
            anchor = f"{base}-{count}"
        found.add(anchor)
    return found


def relative_links(page: Path) -> list[str]:
    return [t for t in _LINK.findall(_prose(page.read_text(encoding="utf-8"))) if not re.match(r"[a-z]+:", t)]


def test_slug_follows_githubs_rules() -> None:
    assert slug("What an inspector sees · 检查员看到什么") == "what-an-inspector-sees--检查员看到什么"
    assert slug("Scenarios for policy staff · 用场景写规则（Gherkin）") == "scenarios-for-policy-staff--用场景写规则gherkin"
    assert slug("Rectification follow-up · 整改复查: `compliance diff`") == "rectification-follow-up--整改复查-compliance-diff"
    assert slug("JUnit XML and SARIF") == "junit-xml-and-sarif"


def test_every_page_links_somewhere() -> None:
    """The README reaches every page in docs/, so none is an orphan a reader cannot find."""
    targets = {link.split("#")[0] for link in relative_links(ROOT / "README.md")}
    assert {f"docs/{page.name}" for page in PAGES[1:]} <= targets


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_relative_links_and_anchors_resolve(page: Path) -> None:
    broken = []
    for link in relative_links(page):
        path, _, anchor = link.partition("#")
        target = (page.parent / path).resolve() if path else page
        if not target.exists():
            broken.append(f"{link}: no file {target.relative_to(ROOT)}")
        elif anchor and target.suffix == ".md" and anchor not in anchors(target):
            broken.append(f"{link}: no heading with anchor #{anchor} in {target.relative_to(ROOT)}")
    assert not broken, f"{page.relative_to(ROOT)}:\n" + "\n".join(broken)
