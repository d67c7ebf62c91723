"""黑臭水体分级 from readings (城市黑臭水体整治工作指南, 表1 城市黑臭水体污染程度分级标准), checked against the
guideline's table written out here by hand: each bound, on it and just past it, and the share rules."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from compliance.assess.assessor import Assessor
from compliance.assess.grades import GradeResult, derive_grade, reading_rank
from compliance.load.facts import load_facts
from compliance.model.plan import RulePack
from compliance.model.result import Assessment, Status
from compliance.model.standards import GradedThresholds

GRADES = ["none", "light", "severe"]
# indicator: (轻度 from, 重度 from, worse when): 透明度 cm 25~10 / <10; 溶解氧 mg/L 0.2~2.0 / <0.2;
# 氧化还原电位 mV −200~50 / <−200; 氨氮 mg/L 8.0~15 / >15.
GUIDELINE = {
    "transparency": (25.0, 10.0, "lower"),
    "dissolved_oxygen": (2.0, 0.2, "lower"),
    "redox_potential": (50.0, -200.0, "lower"),
    "ammonia_nitrogen": (8.0, 15.0, "higher"),
}
STEP = 0.01


def _bounds() -> list[tuple[str, float, str]]:
    cases = []
    for metric, (light, severe, worse_when) in GUIDELINE.items():
        past = -STEP if worse_when == "lower" else STEP
        cases += [
            (metric, light, "none"),
            (metric, round(light + past, 6), "light"),
            (metric, severe, "light"),
            (metric, round(severe + past, 6), "severe"),
        ]
    return cases


def _guideline(pack: RulePack) -> GradedThresholds:
    return next(d for d in pack.standards.derivations if isinstance(d, GradedThresholds))


@pytest.mark.parametrize(("metric", "value", "expected"), _bounds(), ids=lambda v: str(v))
def test_each_reading_is_graded_at_the_guideline_bounds(
    pack: RulePack, metric: str, value: float, expected: str
) -> None:
    derivation = _guideline(pack)
    indicator = next(i for i in derivation.indicators if i.metric == metric)
    assert GRADES[reading_rank(value, indicator, derivation.grades)] == expected


DAYS = ["2026-05-06", "2026-05-13", "2026-05-20", "2026-05-27", "2026-06-03"]
CLEAN = {"transparency": 40.0, "dissolved_oxygen": 5.0, "redox_potential": 120.0, "ammonia_nitrogen": 1.0}


def _grade(pack: RulePack, readings: dict[str, list[float]]) -> GradeResult:
    series = {metric: dict(zip(DAYS, values, strict=False)) for metric, values in readings.items()}
    return derive_grade(_guideline(pack), series)


def _clean(**changed: list[float]) -> dict[str, list[float]]:
    return {**{m: [v] * 5 for m, v in CLEAN.items()}, **changed}


def test_one_indicator_with_sixty_percent_of_its_readings_at_a_grade_sets_it(pack: RulePack) -> None:
    assert _grade(pack, _clean(ammonia_nitrogen=[16, 17, 18, 1, 1])).rank == 2
    assert _grade(pack, _clean(ammonia_nitrogen=[16, 17, 1, 1, 1])).rank == 0
    assert _grade(pack, _clean(ammonia_nitrogen=[9, 16, 18, 1, 1])).rank == 1


def test_two_indicators_with_thirty_percent_at_a_grade_set_it(pack: RulePack) -> None:
    severe = _grade(pack, _clean(ammonia_nitrogen=[16, 17, 1, 1, 1], dissolved_oxygen=[0.1, 0.1, 5, 5, 5]))
    assert severe.rank == 2
    assert {g.indicator.metric for g in severe.deciding} == {"ammonia_nitrogen", "dissolved_oxygen"}
    assert _grade(pack, _clean(ammonia_nitrogen=[16, 1, 1, 1, 1], dissolved_oxygen=[0.1, 5, 5, 5, 5])).rank == 0


def test_too_few_readings_leave_the_grade_undecided_unless_already_severe(pack: RulePack) -> None:
    few = _clean()
    few["redox_potential"] = [120.0, 110.0]
    assert _grade(pack, few).rank is None
    assert _grade(pack, few).missing == ("redox_potential",)
    few["ammonia_nitrogen"] = [16, 17, 18, 19, 20]
    assert _grade(pack, few).rank == 2


def test_the_example_canal_is_lightly_black_odorous_and_a_notice_says_why(pack: RulePack) -> None:
    from tests.conftest import EXAMPLES

    facts = load_facts(EXAMPLES / "black-odorous-water-body.yaml", pack.catalogue)
    assessment = Assessor(pack).assess(facts, dt.date(2026, 6, 30))
    notice = next(w for w in assessment.warnings if w.text_zh.startswith("黑臭程度"))
    assert "轻度黑臭：透明度 4次读数中 75% 达到轻度黑臭（< 25 cm）" in notice.text_zh
    assert "transparency: 75% of 4 readings lightly black-odorous" in notice.text_en


def test_a_daily_series_is_read_with_dates_as_written(pack: RulePack, tmp_path: Path) -> None:
    text = "site: {id: W1, kind: 水体, name: 某内河, district: 晋安区}\nfacts:\n  氨氮:\n    series: {2026-02-30: 9}\n"
    path = tmp_path / "w.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(Exception, match="2026-02-30"):
        load_facts(path, pack.catalogue)
    path.write_text(yaml.safe_dump({"site": {"id": "W1", "kind": "water_body", "name": "某内河"},
                                    "facts": {"氨氮": {"series": {"2026-02-03": 9}}}}, allow_unicode=True))  # fmt: skip
    assert load_facts(path, pack.catalogue).observations["ammonia_nitrogen"].series == {"2026-02-03": 9.0}


@settings(max_examples=150, deadline=None)
@given(
    readings=st.fixed_dictionaries(
        {m: st.lists(st.floats(-300, 60, allow_nan=False), min_size=3, max_size=6) for m in GUIDELINE}
    ),
    metric=st.sampled_from(sorted(GUIDELINE)),
    worsening=st.floats(0, 100, allow_nan=False),
)
def test_a_worse_reading_never_gives_a_better_grade(
    pack: RulePack, readings: dict[str, list[float]], metric: str, worsening: float
) -> None:
    step = -worsening if GUIDELINE[metric][2] == "lower" else worsening
    worse = {**readings, metric: [readings[metric][0] + step, *readings[metric][1:]]}
    before, after = _grade(pack, readings).rank, _grade(pack, worse).rank
    assert before is not None and after is not None
    assert after >= before


def _water_body(pack: RulePack, tmp_path: Path, facts: dict[str, object]) -> Assessment:
    severe = {"2026-05-06": 8, "2026-05-13": 7, "2026-05-20": 9, "2026-05-27": 6}  # transparency < 10 cm: 重度
    site = {"id": "JA-W-9", "kind": "水体", "name": "凤坂河", "district": "晋安区"}
    written = {"已完成黑臭水体整治": "是", "位于城市建成区": "否", "透明度": {"series": severe}, **facts}
    path = tmp_path / "w.yaml"
    path.write_text(yaml.safe_dump({"site": site, "facts": written}, allow_unicode=True), encoding="utf-8")
    return Assessor(pack).assess(load_facts(path, pack.catalogue), dt.date(2026, 6, 30))


def test_a_stated_no_the_files_own_readings_grade_black_odorous_is_set_aside(pack: RulePack, tmp_path: Path) -> None:
    """（十四）防止“返黑返臭” never passes on a 返黑返臭 否 the same file's readings disprove (重度黑臭), nor does a
    属黑臭水体 否 count in 建成区无黑臭水体: each 否 is set aside with a notice, as a stated water class the
    measurements contradict is; a 否 dated after the readings (治理后复测) stands."""
    assessment = _water_body(pack, tmp_path, {"属黑臭水体": "否", "返黑返臭": "否"})
    for fact in ("属黑臭水体", "返黑返臭"):
        notice = next(w for w in assessment.warnings if w.text_zh.startswith(f"{fact}填报为否"))
        assert "重度黑臭（2026-05-27）" in notice.text_zh and "contradict" in notice.text_en
    finding = next(f for f in assessment.findings if f.requirement == "JA-14-12")
    assert finding.status == Status.INSUFFICIENT_DATA  # was 通过 on 返黑返臭 否
    later = {"value": "否", "observed_on": "2026-06-20"}
    assessment = _water_body(pack, tmp_path, {"属黑臭水体": later, "返黑返臭": later})
    assert not any("填报为否" in w.text_zh for w in assessment.warnings)
    assert next(f for f in assessment.findings if f.requirement == "JA-14-12").status == Status.PASS
