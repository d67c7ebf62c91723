"""`compliance rules doc`: every requirement by plan and section as Markdown (HTML: test_catalogue_html.py)."""

from __future__ import annotations

from collections.abc import Callable

from click.testing import Result

from compliance.model.plan import RulePack


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
