"""What statuses and verdicts mean: strength, modality, dated targets, conditions, named sites."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from compliance.assess.assessor import Assessor
from compliance.load.facts import load_facts
from compliance.model.result import Status, Verdict
from compliance.pack import load_pack
from tests.conftest import ROOT
from tests.packs import percent_metric, threshold, write_pack


def _assess(tmp_path: Path, requirement: dict[str, Any], rate: float | None, as_of: str, **site: str) -> Any:
    rules = write_pack(
        tmp_path / "rules", [percent_metric("rate", "比率"), percent_metric("other", "其他")], [requirement]
    )
    pack = load_pack(rules)
    facts_path = tmp_path / "facts.json"
    facts = {} if rate is None else {"rate": rate}
    body = {
        "site": {"id": "S1", "kind": "village", "name": site.get("name", "九峰村"), "district": "晋安区"},
        "facts": facts,
    }
    facts_path.write_text(json.dumps(body, ensure_ascii=False), encoding="utf-8")
    return Assessor(pack).assess(load_facts(facts_path, pack.catalogue), dt.date.fromisoformat(as_of))


@pytest.mark.parametrize(
    ("strength", "verdict"),
    [
        ("binding", Verdict.NON_COMPLIANT),
        ("basically", Verdict.NON_COMPLIANT),
        ("strive", Verdict.NO_APPLICABLE_REQUIREMENT),
    ],  # nothing binding decided
)
def test_a_missed_strive_target_is_a_shortfall_not_a_violation(tmp_path: Path, strength: str, verdict: Verdict) -> None:
    requirement = {**threshold("JA-1-1", "rate", ">=", 75), "strength": strength}
    assessment = _assess(tmp_path, requirement, 70, "2026-01-01")
    (finding,) = assessment.findings
    assert finding.status == Status.FAIL
    assert assessment.verdict == verdict
    assert ("属力争目标的差距" in finding.reason_zh) == (strength == "strive")


@pytest.mark.parametrize(
    ("as_of", "rate", "status"),
    [
        ("2025-12-30", 74.9, Status.AT_RISK),
        ("2025-12-31", 74.9, Status.AT_RISK),  # 到2025年底 includes its last day: not yet overdue
        ("2026-01-01", 74.9, Status.FAIL),
        ("2025-12-31", 75, Status.PASS),
        ("2024-01-01", 80, Status.PASS),
        ("2030-01-01", None, Status.INSUFFICIENT_DATA),
    ],
)
def test_a_dated_target_is_due_on_its_day(tmp_path: Path, as_of: str, rate: float | None, status: Status) -> None:
    (finding,) = _assess(tmp_path, threshold("JA-1-1", "rate", ">=", 75), rate, as_of).findings
    assert finding.status == status


def test_the_target_in_force_and_the_next_one(tmp_path: Path) -> None:
    requirement = threshold("JA-1-1", "rate", ">=", 75)
    requirement["targets"] = [{"value": 75, "due": "2025-12-31"}, {"value": 80, "due": "2027-12-31"}]
    (finding,) = _assess(tmp_path, requirement, 78, "2026-06-30").findings
    assert finding.status == Status.AT_RISK
    assert finding.target is not None and finding.target.due == dt.date(2025, 12, 31)
    assert finding.next_target is not None and "80%" in finding.next_target.text_zh
    assert "满足现行目标" in finding.reason_zh and "尚未达到下一目标" in finding.reason_zh


def test_a_gradual_target_is_never_a_failure(tmp_path: Path) -> None:
    requirement = {**threshold("JA-1-1", "rate", ">=", 100, due=None), "modality": "gradual"}
    assessment = _assess(tmp_path, requirement, 90, "2030-01-01")
    assert assessment.findings[0].status == Status.AT_RISK
    assert assessment.verdict == Verdict.COMPLIANT


@pytest.mark.parametrize(
    ("as_of", "rate", "status"),
    [
        ("2025-09-30", 70, Status.AT_RISK),  # before its first day: not yet in force
        ("2025-12-31", 70, Status.AT_RISK),
        ("2026-01-01", 70, Status.FAIL),
        ("2025-09-30", 80, Status.AT_RISK),  # met before its first day: not in force yet, so no pass either
        ("2026-06-30", 80, Status.PASS),
    ],
)
def test_an_undated_target_that_starts_later_is_ahead_until_then(
    tmp_path: Path, as_of: str, rate: float, status: Status
) -> None:
    requirement = threshold("JA-1-1", "rate", ">=", 75, due=None)
    requirement["targets"] = [{"value": 75, "starts": "2026-01-01"}]
    (finding,) = _assess(tmp_path, requirement, rate, as_of).findings
    assert finding.status == status
    if status == Status.AT_RISK:
        assert finding.target is None and finding.next_target is not None
        assert "not yet in force" in finding.reason_en and "尚未生效" in finding.reason_zh
        assert "2026-01-01 起持续要求" in finding.reason_zh and "尚未生效" in finding.reason_zh
        assert "ongoing from 2026-01-01" in finding.reason_en


def test_a_start_is_only_for_a_target_without_a_deadline(tmp_path: Path) -> None:
    requirement = threshold("JA-1-1", "rate", ">=", 75)
    requirement["targets"] = [{"value": 75, "due": "2027-12-31", "starts": "2026-01-01"}]
    with pytest.raises(Exception, match="starts"):
        _assess(tmp_path, requirement, 80, "2026-06-30")


def test_a_condition_decides_applicability_and_needs_its_own_fact(tmp_path: Path) -> None:
    requirement = threshold("JA-1-1", "rate", ">=", 75)
    requirement["applies"]["condition"] = {"metric": "other", "op": ">=", "value": 50}
    requirement["applies"]["condition_zh"] = "其他 ≥ 50%"
    rules = write_pack(
        tmp_path / "rules", [percent_metric("rate", "比率"), percent_metric("other", "其他")], [requirement]
    )
    pack = load_pack(rules)
    assessor = Assessor(pack)
    statuses = {}
    for name, facts in {"low": "other: 10\n  rate: 10", "high": "other: 60\n  rate: 10", "none": "rate: 10"}.items():
        path = tmp_path / f"{name}.yaml"
        path.write_text(
            f"site: {{id: S, kind: village, name: 村, district: 晋安区}}\nfacts:\n  {facts}\n", encoding="utf-8"
        )
        (finding,) = assessor.assess(load_facts(path, pack.catalogue), dt.date(2026, 6, 30)).findings
        statuses[name] = (finding.status, finding.missing)
    assert statuses == {
        "low": (Status.NOT_APPLICABLE, []),
        "high": (Status.FAIL, []),
        "none": (Status.INSUFFICIENT_DATA, ["other"]),
    }


def test_json_facts_files_are_read_like_yaml(tmp_path: Path, run: Callable[..., Result]) -> None:
    path = tmp_path / "village.json"
    body = {
        "site": {"id": "V", "kind": "village", "name": "九峰村", "district": "晋安区"},
        "facts": {"农村生活污水治理率": "72%"},
    }
    path.write_text(json.dumps(body, ensure_ascii=False), encoding="utf-8")
    findings = json.loads(run("check", path, "--as-of", "2026-06-30", "--format", "json").output)["assessments"][0]
    statuses = {f["requirement"]: f["status"] for f in findings["findings"]}
    assert statuses["JA-14-7"] == "fail"


def test_only_one_module_imports_the_engine() -> None:
    sources = {path: path.read_text(encoding="utf-8") for path in (ROOT / "src").rglob("*.py")}
    importers = [path.relative_to(ROOT).as_posix() for path, text in sources.items() if "import durable" in text]
    assert importers == ["src/compliance/engine/runtime.py"]


def test_an_exact_percent_cut_meets_its_target(tmp_path: Path) -> None:
    """1.0 -> 0.805 is a 19.5% cut, although binary floats make it -19.499999999999996."""
    metric = {"id": "intensity", "name_zh": "强度", "name_en": "intensity", "type": "number", "minimum": 0}
    requirement = threshold("JA-1-1", "intensity", "<=", -19.5)
    requirement["check"] = {"trend": {"metric": "intensity", "rule": "change_from", "baseline": "2020", "op": "<="}}
    pack = load_pack(write_pack(tmp_path / "rules", [metric], [requirement]))
    path = tmp_path / "district.yaml"
    path.write_text(
        "site: {id: D, kind: village, name: 村, district: 晋安区}\n"
        "facts:\n  intensity: {series: {2020: 1.0, 2025: 0.805}}\n",
        encoding="utf-8",
    )
    (finding,) = Assessor(pack).assess(load_facts(path, pack.catalogue), dt.date(2026, 1, 1)).findings
    assert finding.status == Status.PASS, finding.reason_zh
    assert "较2020年变化 -19.50%" in finding.reason_zh
