"""The engine agrees with a plain-Python evaluator on random facts, for every requirement in the packs
and for random composite checks (all-of / any-of / not, membership, ordered classes)."""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from compliance.assess.assessor import Assessor
from compliance.model.checks import metrics_of, trends_of
from compliance.model.facts import Facts, Observation, Site
from compliance.model.gazetteer import Gazetteer
from compliance.model.metric import Catalogue, Metric, MetricType
from compliance.model.plan import (
    AllOf,
    AnyOf,
    Applicability,
    Check,
    Comparison,
    Modality,
    Not,
    Requirement,
    RequirementKind,
    RulePack,
    Target,
    Trend,
    TrendSpec,
)
from compliance.pack import load_pack
from tests.simple_evaluator import expected_statuses

PACK = load_pack()
ASSESSOR = Assessor(PACK)
KINDS = sorted({k for r in PACK.requirements for k in r.applies.kinds})
SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _constants(requirements: list[Requirement], metric_id: str) -> list[float]:
    found: list[float] = []

    def walk(check: Check | None, target: Any) -> None:
        if isinstance(check, Comparison) and check.metric == metric_id:
            raw = check.value if check.value is not None else target
            for v in raw if isinstance(raw, list) else [raw]:
                if isinstance(v, int | float) and not isinstance(v, bool):
                    found.extend([float(v), math.nextafter(float(v), -math.inf), math.nextafter(float(v), math.inf)])
        elif isinstance(check, AllOf | AnyOf):
            for child in check.all if isinstance(check, AllOf) else check.any:
                walk(child, target)
        elif isinstance(check, Not):
            walk(check.not_, target)

    for requirement in requirements:
        walk(requirement.applies.condition, None)
        for target in requirement.targets or [Target()]:
            walk(requirement.check, target.value)
    return found


def _number(rnd: random.Random, low: float, high: float) -> float:
    """A number within [low, high] of any magnitude: a bound, zero, a whole number or a float of a random order."""
    pick = rnd.random()
    if pick < 0.1:
        return rnd.choice([low, high])
    if pick < 0.2 and low <= 0 <= high:
        return 0.0
    magnitude = 10 ** rnd.uniform(-6, math.log10(max(abs(low), abs(high), 1.0)))
    number = float(round(magnitude)) if pick < 0.5 else magnitude
    number = -number if low < 0 and (high <= 0 or rnd.random() < 0.5) else number
    return min(max(number, low), high)


def value_of(rnd: random.Random, metric: Metric, constants: list[float]) -> Any:
    """A value of `metric`: half the time one of the rules' constants or a neighbour of one, when any."""
    if metric.type == MetricType.BOOLEAN:
        return rnd.random() < 0.5
    if metric.type in (MetricType.ORDINAL, MetricType.CATEGORY):
        return rnd.choice([level.id for level in metric.levels])
    low = metric.minimum if metric.minimum is not None else -1e12
    high = metric.maximum if metric.maximum is not None else 1e12
    inside = [c for c in constants if low <= c <= high]
    return rnd.choice(inside) if inside and rnd.random() < 0.5 else _number(rnd, low, high)


YEARS = ["2020", "2021", "2022", "2023", "2024", "2025", "2026", "2027", "2028"]
MONTHS = [f"{year}-{month:02d}" for year in (2024, 2025, 2026) for month in range(1, 13)]
"""Years a drawn series takes some of: often with a hole inside its span, and past 2025 the year still running and
厦门's plan end (2027) met."""


def facts_strategy(
    requirements: list[Requirement], catalogue: Catalogue, gazetteer: Gazetteer, kind: str
) -> st.SearchStrategy[Facts]:
    """Facts of `kind` built from a drawn seed: a kind reads up to some 470 metrics, and drawing each value
    through hypothesis cost more than the assessment checked. A failure shows the facts themselves."""
    return st.integers(0, 2**64 - 1).map(facts_builder(requirements, catalogue, gazetteer, kind))


def facts_builder(
    requirements: list[Requirement], catalogue: Catalogue, gazetteer: Gazetteer, kind: str
) -> Callable[[int], Facts]:
    """Facts of `kind` from a seed: every metric the requirements read, a tenth left out, values on and
    around the rules' constants, dated series often with a hole (benchmarks/assess_findings.py uses it too)."""
    used = sorted({m for r in requirements for m in [*metrics_of(r.check), *metrics_of(r.applies.condition)]})
    dated = {spec.metric for r in requirements for spec in trends_of(r.check)}
    places = [p for p in gazetteer.places if kind in p.kinds]
    names = sorted({n for p in places for n in (p.name, *p.aliases, f"福州市 {p.name}")} | {"某站点"})
    metrics = {m: (catalogue.metric(m), _constants(requirements, m)) for m in used}

    def build(seed: int) -> Facts:
        rnd = random.Random(seed)
        observations = {}
        for metric_id, (metric, constants) in metrics.items():
            if rnd.random() < 0.1:
                continue
            if metric_id in dated and rnd.random() < 0.5:
                grain = MONTHS if metric.per_month and rnd.random() < 0.8 else YEARS  # a fact of each month: by month
                years = sorted(rnd.sample(grain, rnd.randint(1, len(grain))))
                series = {year: value_of(rnd, metric, constants) for year in years}
                observations[metric_id] = Observation(metric=metric_id, value=series[max(series)], series=series)
                continue
            observations[metric_id] = Observation(metric=metric_id, value=value_of(rnd, metric, constants))
        site = Site(
            id="S", kind=kind, name=rnd.choice(names), district="晋安区", aliases=rnd.sample(names, rnd.randint(0, 1))
        )
        return Facts(site=site, observations=observations, source="hypothesis")

    return build


DATES = st.one_of(
    st.dates(dt.date(2023, 1, 1), dt.date(2030, 12, 31)),
    st.sampled_from(
        [dt.date(2025, 12, 30), dt.date(2025, 12, 31), dt.date(2026, 1, 1), dt.date(2027, 12, 31), dt.date(2028, 1, 1)]
    ),
)


def _agree(assessor: Assessor, pack: RulePack, facts: Facts, as_of: dt.date) -> None:
    assessment = assessor.assess(facts, as_of, list(pack.plans))
    # the requirements as they apply to the site's kind, as its kind selects them (a condition on the kind decided)
    by_id = {r.id: r for r in assessor.requirements_for(facts.site.kind, list(pack.plans))}
    assessed = [by_id[finding.requirement] for finding in assessment.findings]
    issued = {r.id: pack.plans[pack.plan_of[r.id]].issued for r in assessed}
    ends = {r.id: pack.plans[pack.plan_of[r.id]].ends for r in assessed}
    districts = frozenset(district.name for city in pack.divisions.cities for district in city.districts)
    expected = expected_statuses(assessed, facts, as_of, pack.catalogue, pack.gazetteer, issued, districts, ends)
    for finding in assessment.findings:
        assert finding.status == expected[finding.requirement], (
            finding.requirement,
            facts.observations,
            as_of,
            finding.reason_en,
        )


@pytest.mark.parametrize("kind", KINDS)
def test_engine_agrees_with_simple_evaluator_on_every_packed_requirement(kind: str) -> None:
    requirements = ASSESSOR.requirements_for(kind)

    @SETTINGS
    @given(facts=facts_strategy(requirements, PACK.catalogue, PACK.gazetteer, kind), as_of=DATES)
    def check(facts: Facts, as_of: dt.date) -> None:
        _agree(ASSESSOR, PACK, facts, as_of)

    check()


# Random composite checks over a small catalogue of every metric type.
SYNTHETIC = Catalogue.model_validate(
    {
        "kinds": [{"id": "village", "name_zh": "行政村", "name_en": "village"}],
        "metrics": [
            {"id": "rate", "name_zh": "比率", "name_en": "rate", "type": "percent", "unit": "%"},
            {"id": "amount", "name_zh": "数量", "name_en": "amount", "type": "number"},
            {"id": "done", "name_zh": "已完成", "name_en": "done", "type": "boolean"},
            {
                "id": "grade",
                "name_zh": "水质类别",
                "name_en": "water class",
                "type": "ordinal",
                "levels": [
                    {"id": x, "name_zh": f"{x}类", "name_en": f"class {x}"} for x in ("I", "II", "III", "IV", "V")
                ],
            },
            {
                "id": "colour",
                "name_zh": "颜色",
                "name_en": "colour",
                "type": "category",
                "levels": [{"id": x, "name_zh": x, "name_en": x} for x in ("red", "green", "blue")],
            },
        ],
    }
)
NUMBERS = st.sampled_from([0.0, 1e-05, 50.0, 75.0, 99.9, 100.0])
LEVELS = {"grade": ["I", "II", "III", "IV", "V"], "colour": ["red", "green", "blue"]}


def comparison() -> st.SearchStrategy[Comparison]:
    @st.composite
    def build(draw: st.DrawFn) -> Comparison:
        metric = draw(st.sampled_from(["rate", "amount", "done", "grade", "colour"]))
        if metric == "done":
            return Comparison(metric=metric, op=draw(st.sampled_from(["==", "!="])), value=draw(st.booleans()))
        if metric in LEVELS:
            ops = ["==", "!=", "in", "not_in"] + (["<=", "<", ">=", ">"] if metric == "grade" else [])
            op = draw(st.sampled_from(ops))
            if op in ("in", "not_in"):
                return Comparison(
                    metric=metric, op=op, value=draw(st.lists(st.sampled_from(LEVELS[metric]), min_size=1, max_size=3))
                )
            return Comparison(metric=metric, op=op, value=draw(st.sampled_from(LEVELS[metric])))
        op = draw(st.sampled_from([">=", ">", "<=", "<", "==", "!="]))
        return Comparison(metric=metric, op=op, value=draw(NUMBERS))

    return build()


def trend() -> st.SearchStrategy[Trend]:
    @st.composite
    def build(draw: st.DrawFn) -> Trend:
        rule = draw(
            st.sampled_from(["decreasing", "non_increasing", "increasing", "non_decreasing", "each", "change_from"])
        )
        op = draw(st.sampled_from([">=", ">", "<=", "<", "==", "!="]))
        if rule == "each":
            return Trend(trend=TrendSpec(metric="amount", rule=rule, op=op, value=draw(NUMBERS)))
        if rule == "change_from":
            value = draw(st.sampled_from([-14.0, 0.0, 5.0]))
            return Trend(trend=TrendSpec(metric="amount", rule=rule, op=op, value=value, baseline="2020"))
        return Trend(trend=TrendSpec(metric="amount", rule=rule))

    return build()


CHECKS: st.SearchStrategy[Check] = st.recursive(
    st.one_of(comparison(), trend()),
    lambda inner: st.one_of(
        st.builds(AllOf, all=st.lists(inner, min_size=1, max_size=3)),
        st.builds(AnyOf, any=st.lists(inner, min_size=1, max_size=3)),
        st.builds(lambda c: Not.model_validate({"not": c}), inner),
    ),
    max_leaves=6,
)


def requirement(
    index: int, check: Check, condition: Check | None, dues: list[dt.date | None], gradual: bool
) -> Requirement:
    return Requirement(
        id=f"JA-9-{index}",
        title_zh="合成",
        title_en="synthetic",
        section="节",
        quote="原文",
        kind=RequirementKind.QUANTITATIVE,
        applies=Applicability(kinds=["village"], condition=condition, condition_zh="条件"),
        check=check,
        targets=[Target(due=d) for d in dues],
        modality=Modality.GRADUAL if gradual else Modality.OBLIGATION,
    )


REQUIREMENTS = st.lists(
    st.tuples(
        CHECKS,
        st.one_of(st.none(), comparison()),
        st.lists(st.one_of(st.none(), st.sampled_from([dt.date(2025, 12, 31), dt.date(2027, 12, 31)])), max_size=2),
        st.booleans(),
    ),
    min_size=1,
    max_size=12,
)
FACT_VALUES = st.fixed_dictionaries(
    {},
    optional={
        "rate": NUMBERS | st.floats(0, 100),
        "amount": NUMBERS | st.floats(-1e9, 1e9),
        "done": st.booleans(),
        "grade": st.sampled_from(LEVELS["grade"]),
        "colour": st.sampled_from(LEVELS["colour"]),
    },
)


SERIES_VALUES = st.sampled_from([0.0, 1.0, 1.5, 2.0, 100.0]) | st.floats(-1e6, 1e6)
SERIES = st.one_of(
    st.none(),
    # Years and months drawn from a span, so that series with holes inside it (2020, 2022) are common.
    st.dictionaries(st.sampled_from(["2019", "2020", "2021", "2022", "2023"]), SERIES_VALUES, max_size=5),
    st.dictionaries(st.sampled_from(["2024-11", "2024-12", "2025-01", "2025-02"]), SERIES_VALUES, max_size=4),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(specs=REQUIREMENTS, sites=st.lists(st.tuples(FACT_VALUES, SERIES), min_size=1, max_size=8), as_of=DATES)
@example(  # two changes from one baseline of 0, one held to its sign (≥ 0), one to a percent (≥ -14%): not one number
    specs=[
        (
            Trend(trend=TrendSpec(metric="amount", rule="change_from", op=">=", value=-14.0, baseline="2020")),
            None,
            [],
            False,
        ),
        (
            Trend(trend=TrendSpec(metric="amount", rule="change_from", op=">=", value=0.0, baseline="2020")),
            None,
            [],
            False,
        ),
    ],
    sites=[({}, {"2019": 0.0, "2020": 0.0, "2022": 0.0}), ({}, {"2020": 0.0, "2021": -3.3e-149})],
    as_of=dt.date(2023, 1, 1),
)
@example(  # a month log the year cannot be read from (2024-11, 2024-12 only): its trend is not read either
    specs=[
        (
            AnyOf(
                any=[
                    Not(not_=Trend(trend=TrendSpec(metric="amount", rule="each", op=">=", value=0.0))),
                    AllOf(all=[Comparison(metric="amount", op=">=", value=0.0)]),
                ]
            ),
            None,
            [],
            False,
        )
    ],
    sites=[({}, {"2024-11": 0.0, "2024-12": -1.0})],
    as_of=dt.date(2024, 12, 1),
)
def test_engine_agrees_with_simple_evaluator_on_random_composite_checks(
    specs: list[tuple[Check, Check | None, list[dt.date | None], bool]],
    sites: list[tuple[dict[str, Any], dict[str, float] | None]],
    as_of: dt.date,
) -> None:
    requirements = [requirement(i, *spec) for i, spec in enumerate(specs)]
    pack = RulePack(
        catalogue=SYNTHETIC,
        plans=PACK.plans,
        requirements=requirements,
        plan_of={r.id: "jinan" for r in requirements},
        source_of={r.id: "synthetic:1" for r in requirements},
        digest="synthetic",
        divisions=PACK.divisions,
    )
    assessor = Assessor(pack)
    try:
        for values, series in sites:
            observations = {m: Observation(metric=m, value=v) for m, v in values.items()}
            if series:
                ordered = dict(sorted(series.items()))
                observations["amount"] = Observation(metric="amount", value=list(ordered.values())[-1], series=ordered)
            facts = Facts(site=Site(id="S", kind="village", name="村", district="晋安区"), observations=observations)
            _agree(assessor, pack, facts, as_of)
    finally:
        assessor.close()
