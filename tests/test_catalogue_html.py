"""`rules doc --format html`: an index and a page per chapter, searchable, every link resolving, text escaped."""

from __future__ import annotations

from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from click.testing import Result

from compliance.model.plan import RulePack
from tests.browser import Browser, browser
from tests.conftest import ROOT
from tests.packs import percent_metric, threshold, write_pack

__all__ = ["browser"]


class Anchors(HTMLParser):
    """The ids and hrefs of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(str(found["id"]))
        if tag == "a" and found.get("href"):
            self.hrefs.append(str(found["href"]))


def _anchors(page: Path) -> Anchors:
    parser = Anchors()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def test_pages_escape_rule_text_and_link_the_scenarios_that_check_a_requirement(
    tmp_path: Path, run: Callable[..., Result]
) -> None:
    requirement = threshold("JA-1-1", "rate", ">=", 75)
    requirement["title_zh"] = "<script>alert(1)</script>"
    requirement["notes"] = "read as at least 75%"
    requirement["notes_zh"] = '读作不低于75%：a & b "c"'
    rules = write_pack(tmp_path / "rules", [percent_metric("rate", "比率<b>")], [requirement])
    feature = tmp_path / "features" / "比率.feature"
    feature.parent.mkdir()
    feature.write_text(
        "# language: zh-CN\n功能: 比率\n\n  场景: 比率达标\n    假如 一个位于晋安区的行政村“九峰村”\n"
        "    而且 指标“比率<b>”为 80%\n    当 评估\n    那么 要求 JA-1-1 的状态为 通过\n",
        encoding="utf-8",
    )
    out = tmp_path / "doc"
    result = run("rules", "doc", "--format", "html", "--out", out, "--rules", rules, "--features", feature.parent)
    assert result.exit_code == 0, result.output
    chapter = (out / "jinan-00.html").read_text(encoding="utf-8")
    assert "<script>alert" not in chapter and "&lt;script&gt;alert(1)&lt;/script&gt;" in chapter
    assert "读作不低于75%：a &amp; b &quot;c&quot;" in chapter  # the Chinese reading (default --lang zh), escaped
    assert "测试方案原文。<mark>到2025年，指标达到75%以上</mark>。" in chapter
    assert '<a href="../features/%E6%AF%94%E7%8E%87.feature"' in chapter or "../features/比率.feature" in chapter
    assert "比率达标（第 4 行 line）" in chapter
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in index and "\\u003cscript\\u003e" in index
    assert "比率&lt;b&gt;" in (out / "metrics.html").read_text(encoding="utf-8")


def test_html_needs_a_folder(run: Callable[..., Result]) -> None:
    result = run("rules", "doc", "--format", "html")
    assert result.exit_code == 2 and "give the folder with --out DIR" in result.output


def test_the_catalogue_is_navigated_and_searched_in_a_browser(
    browser: Browser, tmp_path: Path, run: Callable[..., Result], pack: RulePack
) -> None:
    out = tmp_path / "doc"
    result = run("rules", "doc", "--format", "html", "--out", out, "--features", ROOT / "features")
    assert result.exit_code == 0, result.output
    page = browser.open(out / "index.html")
    chapters = {r.section for r in pack.requirements}
    listed = page.locator("#plan-jinan + p + ol > li > a, #plan-xiamen + p + ol > li > a").all_inner_texts()
    assert sorted(listed) == sorted(chapters)
    issuers = page.locator("#plan-jinan + p, #plan-xiamen + p").all_inner_texts()
    assert [text.split("发布")[0] for text in issuers] == [p.issuer_zh for p in pack.plans.values()]

    page.fill("#search-words", "油烟")
    hits = page.locator("#search-hits a")
    found = [text.split()[0] for text in hits.all_inner_texts()]
    assert "JA-5-23" in found
    cli = [line.split()[0] for line in run("rules", "search", "油烟").output.splitlines() if line.startswith("JA-")]
    assert found == cli, "the page ranks as `rules search` does"
    hits.filter(has_text="JA-5-23").click()
    page.wait_for_load_state()
    assert page.url.endswith("#JA-5-23")
    assert "油烟超标排放单位的处罚力度" in page.inner_text("#JA-5-23 mark")
    assert browser.errors == []

    pages = sorted(out.glob("*.html"))
    ids = {path.name: _anchors(path).ids for path in pages}
    broken = []
    for path in pages:
        for href in _anchors(path).hrefs:
            link = urlsplit(href)
            target = (out / unquote(link.path)).resolve() if link.path else path
            if not target.is_file() or (link.fragment and link.fragment not in ids.get(target.name, set())):
                broken.append(f"{path.name}: {href}")
    assert broken == []
