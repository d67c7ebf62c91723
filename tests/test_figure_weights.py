"""The facts a district figure reads as its weight (自然村数量) are never called unread by a facts batch."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from tests.test_spreadsheets import batch, summary_of
from tests.test_village_repeats import district_row

Run = Callable[..., Result]


def test_a_jsonl_batch_does_not_call_a_district_figures_weight_unread(run: Run, tmp_path: Path) -> None:
    """自然村数量 weights JA-14-7's 农村生活污水治理率: no warning that nothing reads it (was: 站点类型是否填对？)."""
    lines = [
        '{"site":{"id":"V1","kind":"village","name":"岭头村","district":"晋安区"},'
        '"facts":{"农村生活污水治理率":"80%","自然村数量":5}}',
        '{"site":{"id":"V2","kind":"village","name":"降虎村","district":"晋安区"},'
        '"facts":{"农村生活污水治理率":"70%","自然村数量":1}}',
    ]
    source = tmp_path / "v.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = batch(run, source, tmp_path / "out")
    summary = summary_of(tmp_path / "out")
    assert not any("自然村数量" in warning for warning in summary["warnings"]), summary["warnings"]
    assert "不读取以下事实" not in result.output
    assert district_row(summary, "JA-14-7")["status"] == "pass"
