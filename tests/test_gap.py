"""The gap to target on quantitative findings: percentage points, counts, ceilings, series, days; never made up."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from click.testing import Result
from hypothesis import given, settings
from hypothesis import strategies as st

from compliance.assess.assessor import Assessor
from compliance.batch.findingtexts import gap_json
from compliance.load.facts import load_facts
from compliance.model.result import Finding, Gap
from tests.conftest import AS_OF, EXAMPLES

Run = Callable[..., Result]


def _findings(run: Run, path: Path, as_of: str = AS_OF.isoformat()) -> dict[str, dict[str, Any]]:
    result = run("check", path, "--as-of", as_of, "--format", "json")
    return {f["requirement"]: f for f in json.loads(result.output)["assessments"][0]["findings"]}


def test_a_percent_short_of_its_target_in_force_is_percentage_points_and_days_overdue(run: Run) -> None:
    """降虎村: 农村生活污水治理率 72% against ≥ 75% due 2025-12-31 (JA-14-7), assessed on 2026-06-30."""
    target = _findings(run, EXAMPLES / "village-noncompliant.yaml")["JA-14-7"]["target"]
    assert (target["op"], target["value"], target["unit"]) == (">=", 75.0, "%")
    gap = target["gap"]
    assert gap["met"] is False and gap["amount"] == 3.0 and gap["unit"] == "pp"
    assert gap["days_overdue"] == (AS_OF - dt.date(2025, 12, 31)).days == 181
    assert gap["text_zh"] == "差 3 个百分点，已逾期 181 天"
    assert gap["text_en"] == "3 pp short, 181 days overdue"


def test_the_next_target_says_the_days_left(run: Run) -> None:
    """JA-14-9: ≥ 80% by 2027-12-31: the same 72% is 8 points short with 549 days to go."""
    gap = _findings(run, EXAMPLES / "village-noncompliant.yaml")["JA-14-9"]["next_target"]["gap"]
    assert gap["amount"] == 8.0 and gap["days_left"] == (dt.date(2027, 12, 31) - AS_OF).days
    assert gap["text_zh"] == "差 8 个百分点，距期限 549 天" and gap["days_overdue"] is None


def test_a_ceiling_says_how_much_over(run: Run, facts_file: Callable[..., Path]) -> None:
    """JA-0-19: PM2.5 ≤ 18 μg/m³ by 2025; a district reporting 19.6 is 1.6 over."""
    path = facts_file({"城市细颗粒物（PM2.5）年均浓度": 19.6}, kind="district", name="晋安区", admin_code="350111")
    finding = _findings(run, path)["JA-0-19"]
    assert finding["status"] == "fail"
    gap = finding["target"]["gap"]
    assert gap["amount"] == 1.6 and gap["unit"] == "μg/m³"
    assert gap["text_zh"].startswith("超出 1.6 μg/m³") and gap["text_en"].startswith("1.6 μg/m³ over")


def test_a_count_says_how_many_more_are_needed(run: Run, facts_file: Callable[..., Path]) -> None:
    """JA-19-1: a batch (一批) of “一村一品” villages, at least two; a district with none needs two more."""
    path = facts_file({"one_village_one_product_village_count": 0}, kind="district", name="晋安区", admin_code="350111")
    gap = _findings(run, path)["JA-19-1"]["target"]["gap"]
    assert gap["text_zh"] == "还需 2 个" and gap["text_en"] == "2 more needed"


def test_a_series_rule_names_the_periods_that_break_it(run: Run, facts_file: Callable[..., Path]) -> None:
    """晋安区's CO2 per unit of GDP rose in 2025 (… 0.52, 0.50, 0.51): JA-0-11 逐年下降 (from 2020) breaks in 2025."""
    years = {"2020": 0.62, "2021": 0.58, "2022": 0.55, "2023": 0.52, "2024": 0.50, "2025": 0.51}
    series = {"单位GDP二氧化碳排放": {"series": years}}
    path = facts_file(series, kind="district", name="晋安区", admin_code="350111")
    gap = _findings(run, path)["JA-0-11"]["target"]["gap"]
    assert gap["met"] is False and gap["periods"] == ["2025"] and "2025" in gap["text_zh"]


def test_a_change_from_the_base_year_is_its_gap(run: Run) -> None:
    """降虎村's domestic waste: 505 t in 2024, 530 t in 2025; JA-15-3 减量化 misses by the change since 2024."""
    gap = _findings(run, EXAMPLES / "village-noncompliant.yaml")["JA-15-3"]["target"]["gap"]
    assert gap["met"] is False and gap["periods"] == [] and "较2024年变化 +4.95%" in gap["text_zh"]


def test_a_passing_finding_has_a_met_gap_and_a_missing_value_has_none(
    run: Run, facts_file: Callable[..., Path]
) -> None:
    path = facts_file({"rural_domestic_sewage_treatment_rate": "80%"})
    findings = _findings(run, path)
    passed = findings["JA-14-7"]
    assert passed["status"] == "pass" and passed["target"]["gap"]["met"] is True
    assert passed["target"]["gap"]["amount"] == 0.0 and passed["target"]["gap"]["text_en"] == "met"
    missing = findings["JA-14-20"]  # 农村自来水普及率 not given: insufficient, and no gap invented
    assert missing["status"] == "insufficient_data"
    assert missing["target"]["gap"] is None and missing["target"]["value"] == 99.9


def test_gap_in_the_text_report_in_both_languages(run: Run) -> None:
    zh = run("check", EXAMPLES / "village-noncompliant.yaml", "--as-of", AS_OF.isoformat()).output
    en = run("check", EXAMPLES / "village-noncompliant.yaml", "--as-of", AS_OF.isoformat(), "--lang", "en").output
    assert "差距：差 3 个百分点，已逾期 181 天（农村生活污水治理率 ≥ 75%）" in zh
    assert "gap: 3 pp short, 181 days overdue (rural domestic sewage treatment rate ≥ 75%)" in en


def test_the_gap_is_computed_once_for_check_and_batch(assessor: Assessor, run: Run, tmp_path: Path) -> None:
    """The batch fills each finding's gap per row: the same as `check` gives the same village."""
    out = tmp_path / "out"
    run("batch", EXAMPLES / "villages-jinan-gbk.csv", "--kind", "village", "--out", out, "--as-of", "2026-06-30")
    lines = [json.loads(line) for line in (out / "findings.jsonl").read_text(encoding="utf-8").splitlines()]
    batch = {f["requirement"]: f for f in lines if f["site"] == "JA-V-0002"}
    facts = load_facts(EXAMPLES / "village-noncompliant.yaml", assessor.pack.catalogue)
    checked: dict[str, Finding] = {f.requirement: f for f in assessor.assess(facts, AS_OF).findings}
    assert batch["JA-14-7"]["target"]["gap"]["text_zh"].startswith("差 3 个百分点")
    for requirement, finding in batch.items():
        expected = checked[requirement]
        for key in ("target", "next_target"):
            view = getattr(expected, key)
            want = None if view is None or view.gap is None else json.loads(view.gap.model_dump_json())
            assert (finding[key] or {}).get("gap") == want, requirement


def test_a_change_from_the_base_year_is_in_percent_of_the_base_and_its_gap_in_points_of_change(
    run: Run, tmp_path: Path
) -> None:
    """宦溪镇 污水收集率 60% in 2024, 58% in 2025: 提高 (JA-14-5) reads the change from 2024, -3.33% of 60 (not the
    2 points the rate fell), and the change is 3.33 points of change short of the > 0 asked."""
    facts = tmp_path / "township.yaml"
    facts.write_text(
        "site: {id: T1, kind: township, name: 宦溪镇, district: 晋安区}\n"
        "facts:\n  sewage_collection_rate:\n    series: {'2024': 60, '2025': 58}\n",
        encoding="utf-8",
    )
    finding = _findings(run, facts)["JA-14-5"]
    assert finding["status"] == "fail"
    gap = finding["target"]["gap"]
    assert gap["text_zh"].startswith("较2024年变化 -3.33%，差 3.33 个百分点（须高于目标值）")
    assert "3.33 pp short (must exceed the target)" in gap["text_en"] and "3.33333" not in gap["text_zh"]


def test_a_difference_from_the_baseline_is_in_index_points_not_percent(run: Run, tmp_path: Path) -> None:
    """EQI 保持稳定 (XM-4-5): 70.4 in 2024, 69.2 in 2027 fell 1.2 points, 0.2 more than the 1 point of 基本稳定;
    the target and its gap are in points, and a fall of 0.01 meets it."""
    facts = tmp_path / "jimei.yaml"
    body = "site: {id: D1, kind: 区, name: 集美区, district: 集美区}\nfacts:\n  生态质量指数（EQI）:\n    series: "
    facts.write_text(body + "{'2024': 70.4, '2025': 70.5, '2027': 69.2}\n", encoding="utf-8")
    finding = _findings(run, facts, "2028-06-30")["XM-4-5"]
    assert finding["status"] == "fail"
    target = finding["target"]
    assert (target["op"], target["value"], target["unit"]) == (">=", -1.0, "")
    assert target["gap"]["amount"] == 0.2 and target["gap"]["text_zh"].startswith("较2024年变化 -1.20，差 0.2")
    assert "较2024年变化 -1.20；未达到目标 生态质量指数（EQI） 较2024年变化 ≥ -1.0" in finding["reason_zh"]
    facts.write_text(body + "{'2024': 70.4, '2025': 70.5, '2027': 70.39}\n", encoding="utf-8")
    assert _findings(run, facts, "2028-06-30")["XM-4-5"]["status"] == "pass"


@settings(max_examples=300, deadline=None)
@given(
    met=st.booleans(),
    amount=st.none() | st.floats(allow_nan=True, allow_infinity=True),
    unit=st.sampled_from(["", "pp", "%", "吨", "μg/m³", "classes", 'a "quoted" \\ unit']),
    periods=st.lists(st.text(max_size=8), max_size=3),
    overdue=st.none() | st.integers(0, 5000),
    left=st.none() | st.integers(0, 5000),
    zh=st.text(max_size=20),
    en=st.text(max_size=20),
)
def test_a_batch_gap_is_written_as_the_model_writes_it(
    met: bool,
    amount: float | None,
    unit: str,
    periods: list[str],
    overdue: int | None,
    left: int | None,
    zh: str,
    en: str,
) -> None:
    """The batch writes each site's gap without making the model (`gap_json`): byte for byte the model's JSON,
    exponents, infinities, quotes and control characters included."""
    fields = (met, amount, unit, tuple(periods), overdue, left, zh, en)
    model = Gap.model_construct(
        met=met,
        amount=amount,
        unit=unit,
        periods=periods,
        days_overdue=overdue,
        days_left=left,
        text_zh=zh,
        text_en=en,
    )
    assert gap_json(fields) == model.model_dump_json()
    assert gap_json(None) == "null"
