"""The engine survives everything in the durable_rules field notes, with the right status every time."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from compliance.assess.assessor import Assessor
from compliance.engine.compile import LEAVES_PER_SHARD
from compliance.engine.encode import number
from compliance.load.facts import load_facts
from compliance.model.result import Status
from compliance.pack import load_pack
from tests.packs import percent_metric, threshold, write_pack

AS_OF = dt.date(2026, 6, 30)


@pytest.mark.parametrize(
    ("value", "text"),
    [(1e-05, "0.00001"), (1e16, "10000000000000000.0"), (75, "75.0"), (-0.5, "-0.5"), (99.9, "99.9")],
)
def test_numbers_are_sent_without_exponents(value: float, text: str) -> None:
    assert number(value) == text


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
def test_non_finite_numbers_never_reach_the_engine(value: float) -> None:
    with pytest.raises(ValueError):
        number(value)


def _number_pack(tmp_path: Path, requirements: int) -> Assessor:
    metric = {"id": "amount", "name_zh": "数量", "name_en": "amount", "type": "number", "unit": "t"}
    reqs = [threshold(f"JA-1-{i}", "amount", "<=", float(i), due=None) for i in range(requirements)]
    return Assessor(load_pack(write_pack(tmp_path, [metric], reqs)))


def test_ten_thousand_sites_in_one_process_do_not_accumulate_state(tmp_path: Path) -> None:
    assessor = _number_pack(tmp_path, 3)
    engine = assessor.engine("village")
    for i in range(10_000):
        value = float(i % 5)
        outcome = engine.evaluate({"amount": value})
        expected = {(f"JA-1-{k}", 0) for k in range(3) if value > k}
        assert outcome.violated == expected


def test_more_than_64_requirements_on_one_kind(tmp_path: Path) -> None:
    assessor = _number_pack(tmp_path, 150)
    engine = assessor.engine("village")
    assert len(engine.compiled.shards) >= 150 // LEAVES_PER_SHARD
    assert len(engine.evaluate({"amount": 1000.0}).violated) == 150
    assert len(engine.evaluate({"amount": 74.5}).violated) == 150 - 75
    assert engine.evaluate({"amount": 0.0}).violated == frozenset()


def _site(tmp_path: Path, facts: str) -> Path:
    path = tmp_path / "site.yaml"
    path.write_text(
        f"site: {{id: S1, kind: village, name: 九峰村, district: 晋安区}}\nfacts:\n{facts}\n", encoding="utf-8"
    )
    return path


@pytest.mark.parametrize(
    ("raw", "status"),
    [
        ('"1e-05"', Status.PASS),
        ("1.0e-5", Status.PASS),
        ('"1e16"', Status.FAIL),
        ("1.0e+16", Status.FAIL),
        ("100000000000000000000000000000000000000", Status.FAIL),
        ("-9223372036854775809", Status.PASS),
        ("0.5", Status.PASS),
        ("1", Status.FAIL),
    ],
)
def test_exponents_and_huge_integers_give_the_right_status(tmp_path: Path, raw: str, status: Status) -> None:
    metric = {"id": "amount", "name_zh": "数量", "name_en": "amount", "type": "number"}
    pack = load_pack(write_pack(tmp_path / "rules", [metric], [threshold("JA-1-1", "amount", "<", 1.0)]))
    facts = load_facts(_site(tmp_path, f"  amount: {raw}"), pack.catalogue)
    (finding,) = Assessor(pack).assess(facts, AS_OF).findings
    assert finding.status == status


def test_chinese_keys_and_values_reach_the_right_rule(tmp_path: Path) -> None:
    metrics = [
        percent_metric("coverage", "覆盖率"),
        {
            "id": "grade",
            "name_zh": "美丽河湖等级",
            "name_en": "beautiful river grade",
            "type": "ordinal",
            "levels": [
                {"id": "national", "name_zh": "国家级", "name_en": "national"},
                {"id": "provincial", "name_zh": "省级", "name_en": "provincial"},
                {"id": "none", "name_zh": "未评定", "name_en": "none"},
            ],
        },
    ]
    grade = threshold("JA-1-2", "grade", "<=", 0.0)
    grade["check"] = {"metric": "grade", "op": "<=", "value": "省级"}
    del grade["targets"]
    pack = load_pack(write_pack(tmp_path / "rules", metrics, [threshold("JA-1-1", "coverage", ">=", 75), grade]))
    facts = load_facts(_site(tmp_path, "  覆盖率: 80%\n  美丽河湖等级: 国家级"), pack.catalogue)
    statuses = {f.requirement: f.status for f in Assessor(pack).assess(facts, AS_OF).findings}
    assert statuses == {"JA-1-1": Status.PASS, "JA-1-2": Status.PASS}
    facts = load_facts(_site(tmp_path, "  覆盖率: '74.9%'\n  美丽河湖等级: 未评定"), pack.catalogue)
    statuses = {f.requirement: f.status for f in Assessor(pack).assess(facts, AS_OF).findings}
    assert statuses == {"JA-1-1": Status.FAIL, "JA-1-2": Status.FAIL}
