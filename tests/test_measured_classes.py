"""GB 3838-2002 water class from measurements (单因子评价), checked against the standard's Table 1 written out
here by hand, not read from the shipped pack: every class limit of every parameter, at the limit and just past it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import Result
from hypothesis import given, settings
from hypothesis import strategies as st

from compliance.assess.assessor import Assessor
from compliance.assess.classes import ClassResult, classify
from compliance.assess.measured import Derived, derive_all
from compliance.load.facts import load_facts
from compliance.model.plan import RulePack
from compliance.model.problems import InputError
from compliance.model.result import Finding, Status
from compliance.model.standards import SingleFactorClass

AS_OF = dt.date(2026, 1, 31)
CLASSES = ["I", "II", "III", "IV", "V", "worse_than_V"]

# GB 3838-2002 表1 (mg/L): direction, limits for Ⅰ…Ⅴ. 总磷 has a river and a lake/reservoir column.
TABLE_1 = {
    "dissolved_oxygen": (">=", [7.5, 6, 5, 3, 2]),
    "permanganate_index": ("<=", [2, 4, 6, 10, 15]),
    "cod": ("<=", [15, 15, 20, 30, 40]),
    "bod5": ("<=", [3, 3, 4, 6, 10]),
    "ammonia_nitrogen": ("<=", [0.15, 0.5, 1.0, 1.5, 2.0]),
    "total_phosphorus": ("<=", [0.02, 0.1, 0.2, 0.3, 0.4]),
}
TP_LAKE = [0.01, 0.025, 0.05, 0.1, 0.2]
BEST = {"dissolved_oxygen": 9.0, "permanganate_index": 1.0, "cod": 10.0, "bod5": 2.0,
        "ammonia_nitrogen": 0.1, "total_phosphorus": 0.01}  # fmt: skip
"""A sample at class Ⅰ on every parameter (总磷 0.01 is Ⅰ in both columns)."""
STEP = 0.001


def _boundaries() -> list[tuple[str, float, str]]:
    """(parameter, value, expected class): at each limit the best class sharing it; just past it, the class after
    the last one sharing it (劣Ⅴ past the Ⅴ limit)."""
    cases = []
    for metric, (direction, limits) in TABLE_1.items():
        for limit in sorted(set(limits)):
            first = limits.index(limit)
            last = len(limits) - 1 - limits[::-1].index(limit)
            past = limit + STEP if direction == "<=" else limit - STEP
            cases += [(metric, float(limit), CLASSES[first]), (metric, round(past, 6), CLASSES[last + 1])]
    return cases


def _gb3838(pack: RulePack) -> SingleFactorClass:
    return next(d for d in pack.standards.derivations if isinstance(d, SingleFactorClass))


def _class(derivation: SingleFactorClass, values: dict[str, float], water_body: str = "river") -> str | None:
    period = classify(derivation, "2025-06", values, "lake" if water_body == "lake" else "river")
    return None if period.rank is None else CLASSES[period.rank]


@pytest.mark.parametrize(("metric", "value", "expected"), _boundaries(), ids=lambda v: str(v))
def test_each_class_limit_of_table_1(pack: RulePack, metric: str, value: float, expected: str) -> None:
    assert _class(_gb3838(pack), {**BEST, metric: value}) == expected


@pytest.mark.parametrize(("value", "expected"), [(limit, CLASSES[i]) for i, limit in enumerate(TP_LAKE)])
def test_lakes_and_reservoirs_read_total_phosphorus_in_their_own_column(
    pack: RulePack, value: float, expected: str
) -> None:
    derivation = _gb3838(pack)
    assert _class(derivation, {**BEST, "total_phosphorus": value}, "lake") == expected
    assert (
        _class(derivation, {**BEST, "total_phosphorus": round(value + STEP, 6)}, "lake")
        == CLASSES[CLASSES.index(expected) + 1]
    )


def test_a_missing_parameter_leaves_the_period_undecided_unless_the_rest_is_already_worse_than_v(
    pack: RulePack,
) -> None:
    derivation = _gb3838(pack)
    without_tp = {k: v for k, v in BEST.items() if k != "total_phosphorus"}
    assert _class(derivation, without_tp) is None
    assert _class(derivation, {**without_tp, "ammonia_nitrogen": 2.5}) == "worse_than_V"
    assert _class(derivation, {**without_tp, "ammonia_nitrogen": 1.8}) is None


worse_of = {">=": -1.0, "<=": 1.0}


@settings(max_examples=200, deadline=None)
@given(
    values=st.fixed_dictionaries({m: st.floats(0, 50, allow_nan=False) for m in TABLE_1}),
    metric=st.sampled_from(sorted(TABLE_1)),
    worsening=st.floats(0, 50, allow_nan=False),
)
def test_a_worse_value_never_gives_a_better_class(
    pack: RulePack, values: dict[str, float], metric: str, worsening: float
) -> None:
    derivation = _gb3838(pack)
    direction = TABLE_1[metric][0]
    worse = {**values, metric: max(0.0, values[metric] + worse_of[direction] * worsening)}
    before, after = _class(derivation, values), _class(derivation, worse)
    assert before is not None and after is not None
    assert CLASSES.index(after) >= CLASSES.index(before)


MONTHS = [f"2025-{m:02d}" for m in range(1, 13)]


def _section(facts: dict[str, object], kind: str = "river_segment") -> dict[str, object]:
    """A 闽江 main-stem section's facts as a monitoring station would write them: 12 months of each parameter."""
    monthly = {
        "溶解氧": 8.0, "高锰酸盐指数": 2.5, "化学需氧量": 12, "五日生化需氧量": 2.0, "氨氮": 0.3, "总磷": 0.06,
    }  # fmt: skip
    written: dict[str, object] = {"是否为闽江干流省控断面": "是"}
    for name, value in monthly.items():
        written[name] = {"source": "2025年地表水环境质量月报", "series": {month: value for month in MONTHS}}
    return {**written, **facts}


def _finding(pack: RulePack, tmp_path: Path, facts: dict[str, object], kind: str = "river_segment") -> Finding:
    site = {"id": "S1", "kind": kind, "name": "闽江某断面", "district": "晋安区"}
    path = tmp_path / "section.yaml"
    path.write_text(yaml.safe_dump({"site": site, "facts": facts}, allow_unicode=True), encoding="utf-8")
    assessment = Assessor(pack).assess(load_facts(path, pack.catalogue), AS_OF)
    return next(f for f in assessment.findings if f.requirement == "JA-0-14")


def test_a_class_derived_from_twelve_months_feeds_the_rule_that_reads_the_class(pack: RulePack, tmp_path: Path) -> None:
    finding = _finding(pack, tmp_path, _section({}))
    assert finding.status == Status.PASS
    assert "由监测数据判定" in finding.reason_zh
    assert "高锰酸盐指数 2.5 mg/L 超过 Ⅰ类限值 2 mg/L" in finding.reason_zh


def test_the_reason_names_the_deciding_parameters_and_the_limits_they_miss(pack: RulePack, tmp_path: Path) -> None:
    facts = _section({})
    facts["氨氮"] = {"series": {month: 0.62 for month in MONTHS}}
    facts["总磷"] = {"series": {month: 0.12 for month in MONTHS}}
    finding = _finding(pack, tmp_path, facts)
    assert finding.status == Status.FAIL
    assert "Ⅲ类：氨氮 0.62 mg/L 超过 Ⅱ类限值 0.5 mg/L；总磷 0.12 mg/L 超过 Ⅱ类限值 0.1 mg/L" in finding.reason_zh
    assert "ammonia nitrogen 0.62 mg/L above the class II limit 0.5 mg/L" in finding.reason_en


def test_a_stated_class_the_measurements_contradict_is_said_and_the_measured_one_used(
    pack: RulePack, tmp_path: Path
) -> None:
    facts = _section({"水质类别": "Ⅱ类"})
    facts["氨氮"] = {"series": {month: 0.62 for month in MONTHS}}
    finding = _finding(pack, tmp_path, facts)
    assert finding.status == Status.FAIL
    assert "填报为Ⅱ类，与监测数据判定不一致" in finding.reason_zh
    assert "stated as class II, which the measurements contradict" in finding.reason_en


def test_a_month_missing_a_parameter_is_not_a_pass(pack: RulePack, tmp_path: Path) -> None:
    facts = _section({})
    facts["总磷"] = {"series": {month: 0.06 for month in MONTHS if month != "2025-07"}}
    finding = _finding(pack, tmp_path, facts)
    assert finding.status == Status.INSUFFICIENT_DATA
    assert finding.missing == ["water_quality_class"]


def test_a_stated_class_stays_when_the_measurements_cannot_decide_and_a_notice_says_why(
    pack: RulePack, tmp_path: Path
) -> None:
    facts = _section({"水质类别": "Ⅱ类"})
    del facts["总磷"]
    site = {"id": "S1", "kind": "river_segment", "name": "闽江某断面", "district": "晋安区"}
    path = tmp_path / "section.yaml"
    path.write_text(yaml.safe_dump({"site": site, "facts": facts}, allow_unicode=True), encoding="utf-8")
    assessment = Assessor(pack).assess(load_facts(path, pack.catalogue), AS_OF)
    finding = next(f for f in assessment.findings if f.requirement == "JA-0-14")
    assert finding.status == Status.PASS
    assert any("无法由监测数据判定" in w.text_zh and "缺少总磷" in w.text_zh for w in assessment.warnings)


def test_one_month_worse_than_the_year_is_named(pack: RulePack, tmp_path: Path) -> None:
    facts = _section({})
    facts["氨氮"] = {"series": {month: (0.62 if month == "2025-03" else 0.3) for month in MONTHS}}
    finding = _finding(pack, tmp_path, facts)
    assert finding.status == Status.PASS
    assert "其中 2025年3月 Ⅲ类：氨氮 0.62 mg/L 超过 Ⅱ类限值 0.5 mg/L" in finding.reason_zh


def _derived(pack: RulePack, tmp_path: Path, facts: dict[str, object], kind: str = "river_segment") -> list[Derived]:
    site = {"id": "S1", "kind": kind, "name": "某断面", "district": "晋安区"}
    path = tmp_path / "site.yaml"
    path.write_text(yaml.safe_dump({"site": site, "facts": facts}, allow_unicode=True), encoding="utf-8")
    return derive_all(load_facts(path, pack.catalogue), pack.standards, pack.catalogue)[1]


def test_below_detection_values_are_read_as_the_limit_and_nd_alone_is_refused(pack: RulePack, tmp_path: Path) -> None:
    facts = _section({})
    facts["氨氮"] = {"series": {month: ("<0.025" if month == "2025-12" else "0.03L") for month in MONTHS}}
    (derived,) = _derived(pack, tmp_path, facts)
    assert isinstance(derived.result, ClassResult)
    readings = {
        p.period: v.value for p in derived.result.periods for v in p.parameters if v.metric == "ammonia_nitrogen"
    }
    assert readings["2025-12"] == 0.025 and readings["2025-01"] == 0.03
    facts["氨氮"] = {"series": {month: ("ND" if month == "2025-12" else 0.3) for month in MONTHS}}
    with pytest.raises(InputError) as raised:
        _derived(pack, tmp_path, facts)
    message = str(raised.value)
    assert "site.yaml" in message and "2025-12" in message and "<0.01" in message


def test_a_reservoir_uses_the_lake_column_and_reports_total_nitrogen_beside_the_class(
    pack: RulePack, tmp_path: Path
) -> None:
    facts = _section({"总氮": {"series": {month: 0.8 for month in MONTHS}}})
    (derived,) = _derived(pack, tmp_path, facts, kind="reservoir")
    assert derived.observation is not None and derived.observation.value == "IV"
    assert "总磷 0.06 mg/L 超过 Ⅲ类限值 0.05 mg/L" in derived.observation.derived_zh
    assert "总氮 0.8 mg/L（Ⅲ类，单独评价，不参与定类）" in derived.observation.derived_zh
    (river,) = _derived(pack, tmp_path, facts)
    assert river.observation is not None and river.observation.value == "II"


def test_explain_prints_every_parameter_per_period_the_worst_and_the_year(run: Callable[..., Result]) -> None:
    from tests.conftest import EXAMPLES

    result = run("explain", EXAMPLES / "minjiang-section-measured.yaml", "JA-0-14", "--as-of", "2026-01-31")
    assert result.exit_code == 0, result.output
    assert "2025-03: Ⅲ类：氨氮 0.62 mg/L 超过 Ⅱ类限值 0.5 mg/L" in result.output
    assert "氨氮 0.62 mg/L → Ⅲ类  ← 最差" in result.output
    assert "2025（12期均值）: Ⅱ类" in result.output
    assert "GB 3838-2002《地表水环境质量标准》表1" in result.output
    english = run("explain", EXAMPLES / "minjiang-section-measured.yaml", "JA-0-14", "--lang", "en")
    assert "ammonia nitrogen 0.62 mg/L → class III  ← worst" in english.output


def test_explain_refuses_an_unknown_requirement_by_name(run: Callable[..., Result]) -> None:
    from tests.conftest import EXAMPLES

    result = run("explain", EXAMPLES / "minjiang-section-measured.yaml", "JA-0-140")
    assert result.exit_code == 2
    assert "no such requirement" in result.output


def test_a_standards_file_is_checked_against_its_schema_and_the_catalogue(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    import json
    import shutil

    import jsonschema

    from compliance.load.rules import default_rules_dir
    from compliance.schema import SCHEMA_DIR

    schema = json.loads((SCHEMA_DIR / "standards.schema.json").read_text(encoding="utf-8"))
    for path in sorted((default_rules_dir() / "standards").glob("*.yaml")):
        jsonschema.validate(
            json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str)), schema
        )
    rules = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), rules)
    pack_file = rules / "standards" / "gb3838-2002.yaml"
    text = pack_file.read_text(encoding="utf-8")
    pack_file.write_text(text.replace("metric: total_nitrogen", "metric: total_nitrogn"), encoding="utf-8")
    result = run("rules", "lint", rules)
    assert result.exit_code == 1
    assert "gb3838-2002.yaml:" in result.output and "'total_nitrogn' is not a number metric" in result.output
    short = text.replace("limits: {I: 2, II: 4, III: 6, IV: 10, V: 15}", "limits: {I: 2, II: 4, III: 6, IV: 10}")
    pack_file.write_text(short, encoding="utf-8")
    result = run("rules", "lint", rules)
    assert result.exit_code == 1
    assert "gb3838-2002.yaml:" in result.output and "limits must give exactly the classes" in result.output


@pytest.mark.parametrize(("ammonia", "status"), [(1.6, Status.INSUFFICIENT_DATA), (0.4, Status.PASS)])
def test_a_drinking_source_stated_compliant_but_measured_worse_than_iii_does_not_pass(
    pack: RulePack, tmp_path: Path, ammonia: float, status: Status
) -> None:
    """(九) 确保饮用水安全: 饮用水水质达标 是 (水源水质达到相应标准) for a year the file's own measurements make the
    source Ⅴ类 contradicts GB 3838-2002 第3章 (no class worse than Ⅲ serves drinking water): set aside with a
    notice, never passed; measured Ⅱ类, the stated log is read as before."""
    months = ["2025-07", "2025-08", "2025-09", "2025-10", "2025-11", "2025-12", "2026-01", "2026-02", "2026-03"]
    yearly = {"溶解氧": 7, "高锰酸盐指数": 3, "化学需氧量": 12, "五日生化需氧量": 2, "氨氮": ammonia, "总磷": 0.02}
    facts: dict[str, object] = {"水体类型": "湖库型", "饮用水水质达标": {"series": dict.fromkeys(months, "是")}}
    facts |= {name: {"series": {2025: value}} for name, value in yearly.items()}
    site = {"id": "XM-WS-1", "kind": "饮用水水源地", "name": "汀溪水库水源地", "district": "同安区"}
    path = tmp_path / "source.yaml"
    path.write_text(yaml.safe_dump({"site": site, "facts": facts}, allow_unicode=True), encoding="utf-8")
    assessment = Assessor(pack).assess(load_facts(path, pack.catalogue), dt.date(2026, 4, 30))
    assert next(f for f in assessment.findings if f.requirement == "XM-9-6").status == status  # was 通过 at Ⅴ类
    said = [w for w in assessment.warnings if w.text_zh.startswith("饮用水水质达标填报为是")]
    assert bool(said) == (status == Status.INSUFFICIENT_DATA)
    if said:
        assert "Ⅴ类（2025）" in said[0].text_zh and "GB 3838-2002" in said[0].text_en
