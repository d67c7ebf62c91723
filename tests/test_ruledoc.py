"""`compliance rules doc`: every requirement by plan and section, Markdown or HTML, rule text escaped."""

from __future__ import annotations

from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

from click.testing import Result

from compliance.model.plan import RulePack
from tests.packs import percent_metric, threshold, write_pack


def test_markdown_lists_every_requirement_with_its_clause_and_targets(
    run: Callable[..., Result], pack: RulePack
) -> None:
    text = run("rules", "doc").output
    for requirement in pack.requirements:
        assert f"#### {requirement.id} " in text
        assert f"> {requirement.quote}" in text
    assert "农村生活污水治理率 ≥ 75%（2025-12-31）" in text
    assert "| rural_domestic_sewage_treatment_rate | 农村生活污水治理率 |" in text
    assert text.index("### 一、总体目标") < text.index("### （十四）") < text.index("### （二十九）")


def test_html_is_written_to_a_folder_and_escapes_rule_text(tmp_path: Path, run: Callable[..., Result]) -> None:
    requirement = threshold("JA-1-1", "rate", ">=", 75)
    requirement["title_zh"] = "<script>alert(1)</script>"
    requirement["notes"] = 'a & b "c"'
    rules = write_pack(tmp_path / "rules", [percent_metric("rate", "比率<b>")], [requirement])
    result = run("rules", "doc", "--format", "html", "--out", tmp_path / "doc", "--rules", rules)
    assert result.exit_code == 0
    page = (tmp_path / "doc" / "index.html").read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "比率&lt;b&gt;" in page and "a &amp; b &quot;c&quot;" in page

    class Tags(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.ids: list[str] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.ids += [value for name, value in attrs if name == "id" and value]

    parser = Tags()
    parser.feed(page)
    assert "JA-1-1" in parser.ids and "metrics" in parser.ids
