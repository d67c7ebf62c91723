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
_HEADING = re.compile(r"^#{1,6} +(.+?) *$", re.M)


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
    """Links to files of the repository (not to web addresses), with their #anchor if any."""
    return [t for t in _LINK.findall(_prose(page.read_text(encoding="utf-8"))) if not re.match(r"[a-z]+:", t)]


def broken_links(page: Path) -> list[str]:
    """Each link of the page whose file does not exist, or whose #anchor names no heading there."""
    broken = []
    for link in relative_links(page):
        path, _, anchor = link.partition("#")
        target = (page.parent / path).resolve() if path else page
        if not target.exists():
            broken.append(f"{link}: no file {target}")
        elif anchor and target.suffix == ".md" and anchor not in anchors(target):
            broken.append(f"{link}: no heading with anchor #{anchor} in {target}")
    return broken


@pytest.mark.parametrize(
    ("heading", "anchor"),
    [
        ("What an inspector sees · 检查员看到什么", "what-an-inspector-sees--检查员看到什么"),
        ("Scenarios for policy staff · 用场景写规则（Gherkin）", "scenarios-for-policy-staff--用场景写规则gherkin"),
        ("Statuses, verdict and exit codes · 状态、结论与退出码", "statuses-verdict-and-exit-codes--状态结论与退出码"),
        ("Rectification follow-up · 整改复查: `compliance diff`", "rectification-follow-up--整改复查-compliance-diff"),
        ("第一步：复制规则目录 · 1. Copy the rules folder", "第一步复制规则目录--1-copy-the-rules-folder"),
        ("JUnit XML and SARIF", "junit-xml-and-sarif"),
    ],
)
def test_slug_follows_githubs_rules(heading: str, anchor: str) -> None:
    assert slug(heading) == anchor


def test_a_broken_file_or_anchor_is_named(tmp_path: Path) -> None:
    """The check can fail: a missing page, a missing heading and a repeated heading's second anchor."""
    (tmp_path / "other.md").write_text("# 规则 · Rules\n\n## Steps\n\n## Steps\n", encoding="utf-8")
    page = tmp_path / "page.md"
    page.write_text(
        "# Page\n\nSee [rules](other.md#规则--rules), [steps](other.md#steps-1), [gone](gone.md),\n"
        "[no such](other.md#steps-2), [here](#page), [not here](#nowhere) and `[code](nowhere.md)`.\n"
        "```\n[fenced](nowhere.md)\n```\n",
        encoding="utf-8",
    )
    assert [line.split(":")[0] for line in broken_links(page)] == ["gone.md", "other.md#steps-2", "#nowhere"]


def test_the_readme_leads_to_every_page_of_docs() -> None:
    """No page in docs/ is an orphan a reader of the README cannot find."""
    targets = {link.split("#")[0] for link in relative_links(ROOT / "README.md")}
    assert {f"docs/{page.name}" for page in PAGES[1:]} <= targets


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_relative_links_and_anchors_resolve(page: Path) -> None:
    broken = broken_links(page)
    assert not broken, f"{page.relative_to(ROOT)}:\n" + "\n".join(broken)


def test_the_readme_stays_short() -> None:
    """The README is for a first look, at most 12 KB; the rest belongs in docs/ by reader."""
    assert len((ROOT / "README.md").read_bytes()) <= 12 * 1024
