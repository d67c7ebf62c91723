"""Who a rule applies to: every deciding fact is declared, a missing one is missing data, named places match as
people write them (rules/gazetteer.yaml), and a close but unmatched name is said, never silently passed over."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import Result

from compliance.assess.assessor import Assessor
from compliance.assess.namefacts import read_by_name
from compliance.assess.places import WITHIN_KINDS
from compliance.model.checks import comparisons_of, for_kind, metrics_of
from compliance.model.facts import Facts, Observation, Site
from compliance.model.gazetteer import NO_PLACE, PLACE_METRIC
from compliance.model.metric import Metric, MetricType
from compliance.model.names import normal_name, prefixes_of, within_edits
from compliance.model.plan import AllOf, AnyOf, Jurisdiction, Not, Requirement, RulePack, Trend
from compliance.model.problems import InputError
from compliance.model.result import Status
from compliance.pack import load_pack
from tests.conftest import EXAMPLES
from tests.packs import percent_metric, threshold, write_pack
from tests.simple_evaluator import holds

AS_OF = dt.date(2026, 6, 30)
PREFIX = {"jinan": "福州市", "xiamen": "厦门市"}


def _candidates(metric: Metric) -> list[Any]:
    if metric.type == MetricType.BOOLEAN:
        return [True, False]
    if metric.levels:
        return [level.id for level in metric.levels]
    return [0.0, 1.0, 2.0, 10.0, 50.0, 75.0, 100.0, 1000.0, 1e6]


def _values(requirement: Requirement, pack: RulePack, wanted: bool) -> dict[str, Any]:
    """Values of the condition's facts under which it holds (wanted) or not, found by trying each combination."""
    condition = requirement.applies.condition
    assert condition is not None
    metrics = sorted(set(metrics_of(condition)))
    own = pack.plan_of[requirement.id]  # a place another plan names is not used for its sites (`placed_in_plans`)
    kept = [
        [c for c in _candidates(pack.catalogue.metric(m)) if m != PLACE_METRIC or _own_place(pack, c, own)]
        for m in metrics
    ]
    for combination in itertools.product(*kept):
        values = dict(zip(metrics, combination, strict=True))
        if holds(condition, None, values, pack.catalogue) == wanted:
            return values
    raise AssertionError(f"{requirement.id}: no values make its condition {wanted}")


def _own_place(pack: RulePack, level: Any, plan: str) -> bool:
    place = pack.gazetteer.place(str(level))
    return place is None or place.plan == plan


def _failing(condition: Any, values: dict[str, Any], pack: RulePack) -> list[str]:
    """The facts a not-applicable reason quotes: of an all-of, those of its branches that fail; else all of them."""
    if isinstance(condition, AllOf):
        return [
            m for child in condition.all if not holds(child, None, values, pack.catalogue) for m in metrics_of(child)
        ]
    return metrics_of(condition)


def _site(requirement: Requirement, pack: RulePack, name: str = "测试用无关站点") -> Site:
    plan = pack.plans[pack.plan_of[requirement.id]]
    return Site(id="S", kind=requirement.applies.kinds[0], name=name, district=plan.jurisdiction.names[0])


def _finding(assessor: Assessor, requirement: Requirement, site: Site, values: dict[str, Any]) -> Any:
    """The requirement's finding as the site's assessment has it, built alone (`Assessor.finding_of`, as a scenario
    builds the findings it checks): the tests below ask for one finding of each of some 700 sites."""
    observations = {m: Observation(metric=m, value=v) for m, v in values.items()}
    prepared = assessor.prepare(Facts(site=site, observations=observations, source="test"), AS_OF)
    own = next(r for r in assessor.requirements_of(prepared) if r.id == requirement.id)
    return assessor.finding_of(prepared, own)


def _restricted(pack: RulePack) -> list[Requirement]:
    """Each rule whose coverage is restricted, as it applies to the first of its kinds it restricts (a condition on
    the site's kind decided: XM-8-11 covers a nature reserve outright, a scenic area only at the places it names)."""
    restricted = []
    for requirement in (r for r in pack.requirements if r.applies.condition is not None):
        own = [for_kind(requirement, kind) for kind in requirement.applies.kinds]
        restricted += [r for r in own if r is not None and r.applies.condition is not None][:1]
    # A condition reading a log period by period (JA-23-5: a month breached before an exit) takes no single value
    # here: tests/test_monthly_duty.py and the scenarios of features/jinan/23-生态流量.feature cover it.
    return [r for r in restricted if not _has_trend(r.applies.condition)]


def _has_trend(check: Any) -> bool:
    if isinstance(check, Trend):
        return True
    if isinstance(check, Not):
        return _has_trend(check.not_)
    return isinstance(check, AllOf | AnyOf) and any(
        _has_trend(c) for c in (check.all if isinstance(check, AllOf) else check.any)
    )


def test_every_restriction_is_a_declared_fact_and_missing_is_never_not_applicable(
    pack: RulePack, assessor: Assessor
) -> None:
    """For every rule whose coverage is restricted: without the deciding fact, insufficient_data naming it; with
    the fact saying no, not_applicable quoting it; with it saying yes, the check itself runs."""
    restricted = _restricted(pack)
    assert len(restricted) > 150
    for requirement in restricted:
        condition_metrics = set(metrics_of(requirement.applies.condition))
        site = _site(requirement, pack)
        missing_site = site
        by_name = {m.id for m in read_by_name(pack.catalogue, site.kind)} & condition_metrics  # read, never missing
        if PLACE_METRIC in condition_metrics:  # a place the condition names (an any-of holds on others' facts too)
            named = [c for c in comparisons_of(requirement.applies.condition) if c.metric == PLACE_METRIC]
            listed = named[0].value if named else None
            first = listed[0] if isinstance(listed, list) else listed
            place = pack.gazetteer.place(str(first))
            assert place is not None, requirement.id
        if PLACE_METRIC in condition_metrics and site.kind in WITHIN_KINDS and place.admin_code:
            city = place.admin_code[:4] + "00"  # in the district's city, which district unknown
            missing_site = site.model_copy(update={"district": "", "admin_code": city})
        elif PLACE_METRIC in condition_metrics:  # a name too close to call leaves the named place missing
            near = f"{place.name[:-1]}新城" if "district" in place.kinds else f"{place.name}某片"
            if by_name:  # a name saying 森林公园 states 属自然保护地 itself: a slip of its last character says nothing
                near = f"{place.name[:-1]}圆"
            missing_site = _site(requirement, pack, name=near)
        absent = _finding(assessor, requirement, missing_site, {})
        assert absent.status == Status.INSUFFICIENT_DATA, (requirement.id, absent.reason_zh)
        assert condition_metrics - by_name <= set(absent.missing), (requirement.id, absent.missing)
        assert "缺少判断是否适用所需的数据" in absent.reason_zh

        no = _finding(assessor, requirement, site, _values(requirement, pack, False))
        assert no.status == Status.NOT_APPLICABLE, (requirement.id, no.reason_zh)
        assert requirement.applies.condition_zh in no.reason_zh
        failing = _failing(requirement.applies.condition, no_values := _values(requirement, pack, False), pack)
        shown = [pack.catalogue.metric(m).name_zh for m in failing]
        assert all(name in no.reason_zh for name in shown), (requirement.id, no.reason_zh)
        held = set(condition_metrics) - set(failing) - {PLACE_METRIC}  # a branch the site meets is no reason
        assert not [m for m in held if f"{pack.catalogue.metric(m).name_zh} " in no.reason_zh], (
            no.reason_zh,
            no_values,
        )

        yes = _finding(assessor, requirement, site, _values(requirement, pack, True))
        assert yes.status != Status.NOT_APPLICABLE, (requirement.id, yes.reason_zh)
        assert not condition_metrics & set(yes.missing), (requirement.id, yes.missing)


def test_every_named_place_is_matched_by_its_names_and_aliases_written_loosely(
    pack: RulePack, assessor: Assessor
) -> None:
    """Each place of each rule: its name, every alias, with a leading 市 name, spaces and full-width forms."""
    for requirement in _restricted(pack):
        condition = requirement.applies.condition
        if PLACE_METRIC not in metrics_of(condition) or requirement.applies.kinds[0] in WITHIN_KINDS:
            continue  # a village lies in a named district by its code (test_villages_of_a_district_…)
        # a place the rule names for it (XM-4-9: not the place a fact of another branch makes true), else one that
        # makes the condition hold (JA-29-10: every park but 福兴经济开发区)
        named = [c for c in comparisons_of(condition) if c.metric == PLACE_METRIC and c.op in ("in", "==")]
        listed = named[0].value if named else _values(requirement, pack, True)[PLACE_METRIC]
        place = pack.gazetteer.place(str(listed[0] if isinstance(listed, list) else listed))
        assert place is not None
        prefix = PREFIX[pack.plan_of[requirement.id]]
        spellings = [place.name, *place.aliases, f"{prefix} {place.name}", f" {place.name}　", f"{prefix}{place.name}"]
        for spelling in spellings:
            finding = _finding(assessor, requirement, _site(requirement, pack, name=spelling), {})
            assert finding.status != Status.NOT_APPLICABLE, (requirement.id, spelling, finding.reason_zh)
            assert PLACE_METRIC not in finding.missing, (requirement.id, spelling)


FUXING_RULES = ("JA-29-1", "JA-29-2", "JA-29-3", "JA-30-1", "JA-32-1")


@pytest.mark.parametrize(
    "name", ["福兴经济开发区", "福州市福兴经济开发区", "福兴开发区", "福兴经济开发区 ", "福州市　福兴经济开发区"]
)
def test_the_park_is_the_park_however_its_name_is_written(name: str, pack: RulePack, assessor: Assessor) -> None:
    site = Site(id="P", kind="park", name=name, district="晋安区")
    assessment = assessor.assess(Facts(site=site, observations={}, source="test"), AS_OF)
    statuses = {f.requirement: f.status for f in assessment.findings if f.requirement in FUXING_RULES}
    assert len(statuses) == len(FUXING_RULES)
    assert Status.NOT_APPLICABLE not in statuses.values()
    assert assessment.warnings == []


def test_a_close_name_is_missing_data_with_a_warning_not_not_applicable(pack: RulePack, assessor: Assessor) -> None:
    site = Site(id="P", kind="park", name="福兴工业园", district="晋安区")
    assessment = assessor.assess(Facts(site=site, observations={}, source="test"), AS_OF)
    findings = {f.requirement: f for f in assessment.findings}
    for requirement_id in FUXING_RULES:
        assert findings[requirement_id].status == Status.INSUFFICIENT_DATA
        assert findings[requirement_id].missing == [PLACE_METRIC]
    (warning,) = assessment.warnings
    assert "福兴工业园" in warning.text_zh and "福兴经济开发区" in warning.text_zh and "aliases" in warning.text_zh


@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("春伦集团茶园", Status.INSUFFICIENT_DATA),
        ("春伦茉莉花茶园", Status.INSUFFICIENT_DATA),
        ("北峰茶园", Status.NOT_APPLICABLE),
    ],
)
def test_a_name_keeping_a_places_own_part_is_close_to_it(name: str, status: Status, assessor: Assessor) -> None:
    """春伦集团茶园 keeps 春伦, what tells 春伦生态茶园 apart (茶园 says only what kind of place it is): unsure, never
    not applicable; another tea garden (北峰茶园) is not the place."""
    site = Site(id="T", kind="scenic_area", name=name, district="晋安区")
    assessment = assessor.assess(Facts(site=site, observations={}, source="test"), AS_OF)
    finding = next(f for f in assessment.findings if f.requirement == "JA-18-16")
    assert finding.status == status, finding.reason_zh


def test_a_close_name_with_an_alias_or_the_fact_stated_is_settled(pack: RulePack, assessor: Assessor) -> None:
    aliased = Site(id="P", kind="park", name="福兴工业园", aliases=["福兴经济开发区"], district="晋安区")
    assessment = assessor.assess(Facts(site=aliased, observations={}, source="test"), AS_OF)
    assert all(f.status != Status.NOT_APPLICABLE for f in assessment.findings if f.requirement in FUXING_RULES)
    stated = Site(id="P", kind="park", name="福兴工业园", district="晋安区")
    none = {PLACE_METRIC: Observation(metric=PLACE_METRIC, value=NO_PLACE)}
    assessment = assessor.assess(Facts(site=stated, observations=none, source="test"), AS_OF)
    fuxing = [f for f in assessment.findings if f.requirement in FUXING_RULES]
    assert {f.status for f in fuxing} == {Status.NOT_APPLICABLE} and assessment.warnings == []


def test_a_name_far_from_every_place_is_not_applicable_and_says_why(pack: RulePack, assessor: Assessor) -> None:
    site = Site(id="P", kind="park", name="晋安某某产业园", district="晋安区")
    assessment = assessor.assess(Facts(site=site, observations={}, source="test"), AS_OF)
    finding = next(f for f in assessment.findings if f.requirement == "JA-29-1")
    assert finding.status == Status.NOT_APPLICABLE
    assert "规划点名地点" in finding.reason_zh and "晋安某某产业园" in finding.reason_zh


def test_districts_named_by_the_xiamen_plan_are_told_apart(pack: RulePack, assessor: Assessor) -> None:
    """同安区 and 翔安区 differ by one character but are different districts: no near-miss between them."""
    for name, applies in (("同安区", "XM-0-20"), ("翔安区", "XM-0-21"), ("厦门市集美区", "XM-0-19")):
        site = Site(id="D", kind="district", name=name, district="厦门市")
        assessment = assessor.assess(Facts(site=site, observations={}, source="test"), AS_OF)
        statuses = {f.requirement: f.status for f in assessment.findings}
        for requirement_id in ("XM-0-19", "XM-0-20", "XM-0-21"):
            expected_na = requirement_id != applies
            assert (statuses[requirement_id] == Status.NOT_APPLICABLE) == expected_na, (name, requirement_id)
        assert assessment.warnings == []


def test_a_district_site_the_table_does_not_know_is_unsure_of_the_districts_the_plan_names(
    pack: RulePack, assessor: Assessor
) -> None:
    """集每区 under --plan xiamen: whether it is 集美区 is unsure (missing data naming how to settle it), never not
    applicable to 集美区's whole-district duty; a known district (思明区) is plainly none of them."""
    jinan = Site(id="D", kind="district", name="晋安区", name_en="Jin'an District", district="晋安区")
    plain = assessor.assess(Facts(site=jinan, observations={}, source="test"), AS_OF)
    assert plain.warnings == [], "晋安区 is a district of the table, never 'close to' 同安区"
    for name, expected in (("集每区", Status.INSUFFICIENT_DATA), ("思明区", Status.NOT_APPLICABLE)):
        site = Site(id="D", kind="district", name=name, district=name)
        facts = Facts(site=site, observations={}, source="test")
        assessment = assessor.assess(facts, AS_OF, ["xiamen"])
        statuses = {f.requirement: f for f in assessment.findings}
        for requirement_id in ("XM-0-19", "XM-0-20", "XM-0-21"):
            assert statuses[requirement_id].status == expected, (name, requirement_id)
        if expected == Status.INSUFFICIENT_DATA:
            assert "站点所在区不明，请填写所在区或行政区划代码" in statuses["XM-0-19"].reason_zh
            assert [w.text_zh for w in assessment.warnings] == [
                "区名“集每区”不在区划表中，不能确认是否为 集美区、同安区、翔安区 之一：请按区划表填写区名或行政区划代码"
            ]


def test_a_named_place_stated_against_a_villages_district_is_the_districts(
    tmp_path: Path, run: Callable[..., Result]
) -> None:
    """规划点名地点 无 (the template's column) for a village of 集美区, which the plan names whole, never makes XM-0-29
    not applicable: the district decides, with a warning; a stated place settles a village whose district is unknown."""
    rows = [
        ("N1", "集美区", "350211102201", "无", "fail"),
        ("N2", "同安区", "350212105201", "否", "fail"),
        ("N3", "思明区", "", "无", "not_applicable"),
        ("N4", "厦门市", "", "集美区", "fail"),
    ]
    source = tmp_path / "villages.csv"
    lines = ["站点编号,名称,所在区,行政区划代码,规划点名地点,2027年已建成美丽乡村"]  # after the plan: its last year
    lines += [f"{site_id},某村,{district},{code},{place},否" for site_id, district, code, place, _ in rows]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run(
        "batch", source, "--kind", "village", "--out", out, "--as-of", "2028-06-30", "--quiet", "--all-findings"
    )
    assert result.exit_code == 0, result.output
    found = [json.loads(line) for line in (out / "findings.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {f["site"]: f["status"] for f in found if f["requirement"] == "XM-0-29"} == {r[0]: r[-1] for r in rows}
    notes = json.loads((out / "summary.json").read_text(encoding="utf-8"))["notes"]
    assert any(note.startswith("2 行 rows: 规划点名地点“无”与站点所在区或名称不符") for note in notes), notes
    facts = {"site": {"id": "N1", "kind": "村", "name": "某村", "district": "集美区"}, "facts": {"规划点名地点": "无"}}
    facts["facts"]["已建成美丽乡村"] = {"series": {"2027": "否"}}
    path = tmp_path / "n1.yaml"
    path.write_text(yaml.safe_dump(facts, allow_unicode=True), encoding="utf-8")
    said = json.loads(run("check", path, "--as-of", "2028-06-30", "--format", "json").output)["assessments"][0]
    assert {f["requirement"]: f["status"] for f in said["findings"]}["XM-0-29"] == "fail"
    assert any("与站点所在区或名称不符" in w["text_zh"] for w in said["warnings"])


def test_a_named_place_stated_against_a_divisions_code_gives_way_for_every_kind(
    tmp_path: Path, run: Callable[..., Result]
) -> None:
    """规划点名地点 无 for the township 灌口镇 or the district 集美区 (by code) never silences XM-0-19, in check and
    in batch; a place stated for a park, read by its name, still settles it (a name can be close, a code cannot)."""
    for kind, name, code in (("township", "灌口镇", "350211102"), ("district", "集美区", "350211")):
        site = {"id": "S", "kind": kind, "name": name, "admin_code": code}
        facts = {"规划点名地点": "无", "建成美丽乡村的行政村比例": {"series": {"2027": 90}}}
        path = tmp_path / f"{kind}.yaml"
        path.write_text(yaml.safe_dump({"site": site, "facts": facts}, allow_unicode=True), encoding="utf-8")
        said = json.loads(run("check", path, "--as-of", "2028-06-30", "--format", "json").output)["assessments"][0]
        assert {f["requirement"]: f["status"] for f in said["findings"]}["XM-0-19"] == "fail", kind
        assert any("规划点名地点填为“无”，与站点所在区或名称不符" in w["text_zh"] for w in said["warnings"])
        table = tmp_path / f"{kind}.csv"
        header = "站点编号,名称,行政区划代码,规划点名地点,2027年建成美丽乡村的行政村比例"
        table.write_text(f"{header}\nS,{name},{code},无,90\n", "utf-8")
        out = tmp_path / f"out-{kind}"
        args = ("--kind", kind, "--out", out, "--as-of", "2028-06-30", "--quiet", "--all-findings")
        assert run("batch", table, *args).exit_code != 2
        found = [json.loads(line) for line in (out / "findings.jsonl").read_text(encoding="utf-8").splitlines()]
        assert {f["requirement"]: f["status"] for f in found}["XM-0-19"] == "fail", kind
    township = Site(id="T", kind="township", name="日溪乡", district="晋安区")  # its own name, no code in the gazetteer
    stated = {PLACE_METRIC: Observation(metric=PLACE_METRIC, value=NO_PLACE)}
    own = Assessor(load_pack()).assess(Facts(site=township, observations=stated, source="t"), AS_OF)
    assert next(f for f in own.findings if f.requirement == "JA-15-2").status != Status.NOT_APPLICABLE
    assert any("与站点所在区或名称不符" in w.text_zh for w in own.warnings)
    park = Site(id="P", kind="park", name="福兴工业园", district="晋安区")  # only close to 福兴经济开发区
    stated = {PLACE_METRIC: Observation(metric=PLACE_METRIC, value=NO_PLACE)}
    assessment = Assessor(load_pack()).assess(Facts(site=park, observations=stated, source="t"), AS_OF)
    assert next(f for f in assessment.findings if f.requirement == "JA-29-1").status == Status.NOT_APPLICABLE


def test_a_forest_park_is_judged_whichever_kind_the_clerk_picks(pack: RulePack, assessor: Assessor) -> None:
    """厦门莲花国家森林公园 filed as a forest, a scenic area or a nature reserve gets the clause naming it (XM-8-2)."""
    for kind in ("forest", "scenic_area", "nature_reserve"):
        site = Site(id="F", kind=kind, name="厦门莲花国家森林公园", district="同安区")
        assessment = assessor.assess(Facts(site=site, observations={}, source="test"), AS_OF, ["xiamen"])
        statuses = {f.requirement: f.status for f in assessment.findings}
        assert statuses.get("XM-8-2") not in (None, Status.NOT_APPLICABLE), kind


@pytest.mark.parametrize("name", ["厦门中华白海豚国家级自然保护区", "厦门中华白海豚自然保护区", "厦门文昌鱼自然保护区"])
def test_the_marine_reserve_under_its_zones_common_names_is_the_named_reserve(name: str, assessor: Assessor) -> None:
    """厦门珍稀海洋物种国家级自然保护区 was formed from the 中华白海豚, 文昌鱼 and 白鹭 reserves, whose names are
    still in use: a site so named is the reserve the plan names (XM-8-2, XM-4-9), never 不适用 without a word."""
    site = Site(id="N", kind="nature_reserve", name=name, district="思明区")
    assessment = assessor.assess(Facts(site=site, observations={}, source="test"), AS_OF)
    statuses = {f.requirement: f.status for f in assessment.findings}
    assert statuses["XM-8-2"] is Status.NEEDS_REVIEW and statuses["XM-4-9"] is Status.INSUFFICIENT_DATA, statuses
    named = [o.value for f in assessment.findings for o in f.observed if o.metric == PLACE_METRIC]
    assert "厦门珍稀海洋物种国家级自然保护区" in named and assessment.warnings == []


def test_a_reach_named_with_a_bracketed_qualifier_is_its_river(pack: RulePack, assessor: Assessor) -> None:
    """汀溪（同安段）, a reach of 汀溪, is 汀溪: judged on 汀溪's duty (XM-6-4) and not held up on 许溪's or 九溪's."""
    site = Site(id="R", kind="river_segment", name="汀溪（同安段）", district="同安区")
    assessment = assessor.assess(Facts(site=site, observations={}, source="test"), AS_OF)
    statuses = {f.requirement: f.status for f in assessment.findings}
    assert statuses["XM-6-5"] == statuses["XM-6-6"] == Status.NOT_APPLICABLE
    assert statuses["XM-6-4"] == Status.INSUFFICIENT_DATA  # 汀溪's own: its level is not given
    assert assessment.warnings == []


def test_normal_names(pack: RulePack) -> None:
    prefixes = prefixes_of(pack.divisions, pack.plans.values())
    assert normal_name("福州市 福兴经济开发区 ", prefixes) == normal_name("福兴经济开发区", prefixes)
    assert normal_name("福建省厦门市集美区灌口镇", prefixes) == "灌口镇"
    assert normal_name("ＦＵＸＩＮＧ　Park", prefixes) == "fuxingpark"
    assert normal_name("集美区", prefixes) == "集美区"  # a district's own name keeps it


def _edit_distance(a: str, b: str) -> int:
    """The full Levenshtein distance: the oracle `within_edits` is held to."""
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b)))
        previous = current
    return previous[-1]


def test_a_bounded_edit_distance_answers_as_the_full_one() -> None:
    """`within_edits`, which stops once names are further apart than the slip allowed, says what the full Levenshtein
    distance says, for every pair of short names over a few characters and every bound; a slip of one character
    in a short name (汀西 for 汀溪) and one in four in a longer one are still close."""
    words = ["".join(chars) for n in range(4) for chars in itertools.product("汀溪a", repeat=n)]
    for a, b in itertools.product(words, repeat=2):
        for bound in range(4):
            assert within_edits(a, b, bound) == (_edit_distance(a, b) <= bound), (a, b, bound)
    assert within_edits("汀西", "汀溪", 1) and not within_edits("汀西水库", "汀溪", 1)
    assert within_edits("筼当湖公园景区", "筼筜湖公园景区", 1) and within_edits("福兴经济开发", "福兴经济开发区", 1)


def test_prefixes_come_from_the_division_table_and_the_plans_jurisdictions(pack: RulePack) -> None:
    """A new plan's district is dropped before a place's name like the shipped ones; a short form is not (晋安河)."""
    gulou = pack.plans["jinan"].model_copy(
        update={"id": "gulou", "jurisdiction": Jurisdiction(admin_codes=["350102"], names=["鼓楼区", "鼓楼"])}
    )
    prefixes = prefixes_of(pack.divisions, [*pack.plans.values(), gulou])
    assert normal_name("鼓楼区福州软件园", prefixes) == "福州软件园"
    assert normal_name("鼓楼西湖公园", prefixes) == "鼓楼西湖公园"
    assert normal_name("晋安河", prefixes) == "晋安河"
    assert "鼓楼区" not in prefixes_of(pack.divisions, pack.plans.values())


def test_an_attribute_no_rule_reads_is_a_warning_and_one_naming_a_fact_is_that_fact(
    tmp_path: Path, run: Callable[..., Result]
) -> None:
    path = tmp_path / "river.yaml"
    path.write_text(
        "site: {id: R, kind: river_segment, name: 闽江某断面, district: 晋安区,"
        " attributes: {basin: 闽江, 是否为闽江干流省控断面: 是}}\nfacts:\n  水质类别: Ⅲ类\n",
        encoding="utf-8",
    )
    result = run("check", path, "--as-of", "2026-06-30")
    assert "site.attributes.basin 不被任何规则读取" in result.output
    assert "■ 不达标  JA-0-14  约束" in result.output


def test_the_template_asks_for_every_deciding_fact_with_its_values(run: Callable[..., Result]) -> None:
    result = run("facts", "template", "--kind", "river_segment")
    assert "min_main_stem_provincial_section:" in result.output
    assert "【决定是否适用 decides whether rules apply】可填 / allowed: 闽江 / 敖江 / 其他流域" in result.output
    park = run("facts", "template", "--kind", "park")
    assert (
        "named_place:" in park.output and "福兴经济开发区 / 红庙岭循环经济产业园 / 无（非规划点名地点）" in park.output
    )
    csv = run("facts", "template", "--kind", "park", "--format", "csv")
    assert "规划点名地点" in csv.output.splitlines()[0] and "别名" in csv.output.splitlines()[0]


def test_rules_show_names_the_deciding_fact_and_its_values(run: Callable[..., Result]) -> None:
    result = run("rules", "show", "JA-0-14")
    assert "min_main_stem_provincial_section（是否为闽江干流省控断面）：是/否" in result.output
    assert "未填写时为“数据不足”" in result.output


def test_a_batch_reads_named_places_from_names_aliases_and_a_column_as_check_does(
    tmp_path: Path, run: Callable[..., Result], assessor: Assessor
) -> None:
    """Parks from a table: the zone however written, a close name (missing data), an alias, the fact stated."""
    rows = [
        ("P1", "福州市福兴经济开发区", "", ""),
        ("P2", "福兴开发区", "", ""),
        ("P3", "福兴工业园", "", ""),
        ("P4", "福兴工业园", "福兴经济开发区", ""),
        ("P5", "福兴工业园", "", "无"),
        ("P6", "某某产业园", "", ""),
        ("P7", "某某产业园", "", "福兴经济开发区"),
    ]
    source = tmp_path / "parks.csv"
    lines = ["站点编号,名称,所在区,别名,规划点名地点,园区污水管网覆盖率(%)"]
    lines += [f"{site_id},{name},晋安区,{alias},{place},90" for site_id, name, alias, place in rows]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run("batch", source, "--kind", "park", "--out", out, "--as-of", "2026-06-30", "--quiet", "--all-findings")
    assert result.exit_code == 0, result.output
    found = [json.loads(line) for line in (out / "findings.jsonl").read_text(encoding="utf-8").splitlines()]
    batch = {f["site"]: f["status"] for f in found if f["requirement"] == "JA-29-1"}
    assert batch == {
        "P1": "fail",
        "P2": "fail",
        "P3": "insufficient_data",
        "P4": "fail",
        "P5": "not_applicable",
        "P6": "not_applicable",
        "P7": "fail",
    }
    for site_id, name, alias, place in rows:
        observations = {"sewer_network_coverage": Observation(metric="sewer_network_coverage", value=90.0)}
        if place:
            value = place if place != "无" else NO_PLACE
            observations[PLACE_METRIC] = Observation(metric=PLACE_METRIC, value=value)
        site = Site(id=site_id, kind="park", name=name, aliases=[alias] if alias else [], district="晋安区")
        checked = assessor.assess(Facts(site=site, observations=observations, source="t"), AS_OF)
        assert next(f.status for f in checked.findings if f.requirement == "JA-29-1").value == batch[site_id]


def test_a_rule_naming_a_place_its_kind_cannot_be_is_refused_when_the_pack_loads(tmp_path: Path) -> None:
    requirement = threshold("JA-1-1", "rate", ">=", 75)
    requirement["applies"]["condition"] = {"metric": PLACE_METRIC, "op": "in", "value": ["某水库"]}
    rules = write_pack(tmp_path / "rules", [percent_metric("rate", "比率")], [requirement])
    place = {"name": "某水库", "plan": "jinan", "kinds": ["reservoir"]}
    (rules / "gazetteer.yaml").write_text(yaml.safe_dump({"places": [place]}, allow_unicode=True), encoding="utf-8")
    catalogue = yaml.safe_load((rules / "catalogue.yaml").read_text(encoding="utf-8"))
    catalogue["kinds"].append({"id": "reservoir", "name_zh": "水库", "name_en": "reservoir"})
    (rules / "catalogue.yaml").write_text(yaml.safe_dump(catalogue, allow_unicode=True), encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_pack(rules)
    assert "某水库 is not listed in gazetteer.yaml as a village" in str(raised.value.problems)
    requirement["applies"]["condition"]["value"] = ["某水厍"]
    write_pack(rules, [percent_metric("rate", "比率")], [requirement])
    (rules / "catalogue.yaml").write_text(yaml.safe_dump(catalogue, allow_unicode=True), encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_pack(rules)
    assert "'某水厍' is not a place of gazetteer.yaml (did you mean 某水库?)" in str(raised.value.problems)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Fuxing Economic Development Zone", "福兴经济开发区"),  # the gazetteer's own English name
        ("fuxing economic development zone", "福兴经济开发区"),
        ("Fuxing EDZ", None),  # shares the place's own word: unsure, asked for
        ("fuxingjingkaiqu", None),  # pinyin run together
        ("Some Park", NO_PLACE),  # shares nothing that tells a place apart
    ],
)
def test_a_park_named_in_latin_letters(pack: RulePack, name: str, expected: str | None) -> None:
    site = Site(id="P", kind="park", name=name, district="晋安区")
    assert Assessor(pack).places.read(site).value == expected


def test_an_english_name_is_never_taken_for_another_place(pack: RulePack) -> None:
    """A park named only in English with bad figures is checked as the place, not passed as not applicable."""
    site = Site(id="P", kind="park", name="Fuxing Economic Development Zone", district="晋安区")
    facts = Facts(
        site=site,
        observations={
            "rain_sewage_separation_completion": Observation(metric="rain_sewage_separation_completion", value=60.0)
        },
    )
    finding = next(f for f in Assessor(pack).assess(facts, AS_OF).findings if f.requirement == "JA-29-2")
    assert finding.status == Status.FAIL


def test_facts_no_rule_of_the_site_reads_are_named(run: Callable[..., Result], tmp_path: Path) -> None:
    """A 晋安 village's figures under a site written as 集美区 (so checked on the 厦门 plan) are read by no rule:
    a notice names them, so no one believes they were checked; facts a batch figure reads are not named."""
    village = tmp_path / "village.yaml"
    village.write_text(
        "site: {id: S4, kind: village, name: 甲村, district: 集美区}\nfacts:\n  农村生活污水治理率: 80\n"
        "  生活垃圾产生量: {series: {2020: 500, 2025: 400}}\n",
        encoding="utf-8",
    )
    flat = "".join(run("check", village, "--as-of", "2026-06-30").output.split())  # as wrapped for the terminal
    assert "本站点适用的要求都不读取以下事实（所在区、站点类型是否填对？）：农村生活污水治理率、生活垃圾产生量" in flat
    facility = run("check", EXAMPLES / "sites" / "wastewater_facility.yaml", "--as-of", "2026-06-30")
    assert "都不读取以下事实" not in facility.output  # 稳定运行 feeds the district's 稳定运行率 (JA-14-8)


def test_a_fact_read_from_the_name_is_not_named_as_given(run: Callable[..., Result], tmp_path: Path) -> None:
    """A 晋安 林地 named …森林公园 is 属自然保护地 by its name, which no 晋安 rule reads: the file never gave it, so the
    notice of facts given but unread does not name it (and does not suggest the district or kind is wrong)."""
    forest = tmp_path / "forest.yaml"
    site = "site: {id: F1, kind: 林地, name: 鼓岭某森林公园, district: 晋安区}"
    forest.write_text(f"{site}\nfacts:\n  森林生态修复: 否\n", encoding="utf-8")
    assert "都不读取以下事实" not in run("check", forest, "--as-of", "2026-06-30").output


def test_a_plan_given_for_a_place_of_another_plan_is_said(run: Callable[..., Result], tmp_path: Path) -> None:
    """--plan jinan on a 集美区 village (the 厦门 plan's place) is assessed as asked, with a warning saying so, in
    `check` and in `batch`; the plan of the site's own place gives none."""
    site = {"id": "V28", "kind": "village", "name": "田头村", "district": "集美区", "admin_code": "350211102201"}
    path = tmp_path / "v.yaml"
    path.write_text(yaml.safe_dump({"site": site, "facts": {"农村生活污水治理率": "80%"}}, allow_unicode=True), "utf-8")
    said = "集美区 属于方案 xiamen 的范围，却按 --plan jinan 评估"
    assert said in run("check", path, "--as-of", "2026-06-30", "--plan", "jinan").output
    assert said not in run("check", path, "--as-of", "2026-06-30", "--plan", "xiamen").output
    table = tmp_path / "v.csv"
    table.write_text("站点编号,名称,所在区,农村生活污水治理率(%)\nV28,田头村,集美区,80\n", encoding="utf-8")
    run(
        "batch",
        table,
        "--kind",
        "village",
        "--plan",
        "jinan",
        "--out",
        tmp_path / "o",
        "--quiet",
        "--as-of",
        "2026-06-30",
    )
    notes = json.loads((tmp_path / "o" / "summary.json").read_text(encoding="utf-8"))["notes"]
    assert any(said in note for note in notes)


def test_a_place_a_plan_names_filed_as_another_kind_is_told_the_kinds_to_file_it_as(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    """枋洋水利枢纽工程 (in 长泰区, no plan's area) is named by 厦门's plan as a 水源地/水库/供水工程; filed as a
    建设项目 (its name ends in 工程), the refusal says the plan names it and the kinds to file it as, in check and
    batch, rather than pointing to --plan (under which no duty of it would reach a project). Filed as one of those
    kinds, it is assessed; a name no plan names keeps the plain refusal."""
    site = {"id": "XM-P-1", "kind": "project", "name": "枋洋水利枢纽工程", "district": "长泰区"}
    path = tmp_path / "f.yaml"
    said_zh = (
        "枋洋水利枢纽工程是《厦门美丽中国样板城市行动方案》点名的地点，方案对它的要求按饮用水水源地/水库/供水工程提出"
    )
    said_en = "枋洋水利枢纽工程 is a place plan xiamen"
    for kind, refused in (("project", True), ("建设项目", True), ("水库", False), ("供水工程", False)):
        path.write_text(yaml.safe_dump({"site": {**site, "kind": kind}, "facts": {}}, allow_unicode=True), "utf-8")
        result = run("check", path, "--as-of", "2026-06-30")
        assert (result.exit_code == 2) is refused and (said_zh in result.output) is refused, result.output
        if refused:
            assert said_en in result.output and "不按建设项目：请按饮用水水源地/水库/供水工程之一填报" in result.output
            assert "pass --plan" not in result.output
    path.write_text(yaml.safe_dump({"site": {**site, "name": "某某工程"}, "facts": {}}, allow_unicode=True), "utf-8")
    assert "no plan covers 长泰区 (plans cover" in run("check", path, "--as-of", "2026-06-30").output
    table = tmp_path / "p.csv"
    table.write_text("站点编号,名称,所在区\nXM-P-1,枋洋水库,长泰区\nXM-P-2,某工程,思明区\n", encoding="utf-8")
    run("batch", table, "--kind", "project", "--out", tmp_path / "o", "--quiet", "--as-of", "2026-06-30")
    rejected = (tmp_path / "o" / "rejected.csv").read_text(encoding="utf-8-sig")
    assert (
        "枋洋水库（枋洋水利枢纽工程）是《厦门美丽中国样板城市行动方案》点名的地点" in rejected
        and "XM-P-2" not in rejected
    )


def test_a_district_named_after_another_district_is_refused(run: Callable[..., Result], tmp_path: Path) -> None:
    """A district site named 集美区 but placed in 同安区 would be held to 集美区's target and excused 同安区's: the
    file is refused, naming both; a district named after itself is read as before."""
    path = tmp_path / "d.yaml"
    site = {"id": "D4", "kind": "district", "name": "集美区", "district": "同安区"}
    path.write_text(yaml.safe_dump({"site": site, "facts": {}}, allow_unicode=True), encoding="utf-8")
    result = run("check", path, "--as-of", "2028-06-30")
    assert result.exit_code == 2
    assert "site.name: 名称“集美区”是集美区，与所在区同安区不符" in result.output
    assert "the name '集美区' is the district 集美区, but the site is placed in 同安区" in result.output
    path.write_text(yaml.safe_dump({"site": {**site, "district": "集美区"}, "facts": {}}, allow_unicode=True), "utf-8")
    assert run("check", path, "--as-of", "2028-06-30").exit_code != 2


def test_villages_of_a_district_the_plan_names_whole_are_read_by_their_district_in_batch_as_in_check(
    tmp_path: Path, run: Callable[..., Result], assessor: Assessor
) -> None:
    """集美、同安、翔安整区建成美丽乡村 reaches each village there, found by its district name or code; a village
    known only to be in 厦门市 is missing data, never not applicable; one in 思明区 is not applicable."""
    rows = [
        ("V1", "田头村", "集美区", "", "否", "fail"),
        ("V2", "某村", "厦门市翔安区", "", "否", "fail"),
        ("V3", "某村", "", "350212103201", "否", "fail"),
        ("V4", "某村", "集美区", "", "是", "pass"),
        ("V5", "某村", "思明区", "", "否", "not_applicable"),
        ("V6", "某村", "厦门市", "", "否", "insufficient_data"),
        ("V7", "某村", "集美区", "", "", "insufficient_data"),
        ("V8", "某村", "", "３５０２１１１０２２０１", "否", "fail"),  # full-width digits: the code they show
        ("V9", "某村", "厦门市", "350299102201", "否", "insufficient_data"),  # a district the table lacks
        ("V10", "某村", "", "", "否", "fail"),  # 乡镇 灌口镇 alone: the one district holding it
        ("V11", "某村", "厦门市", "", "否", "fail"),  # 乡镇 灌口, in 厦门市
    ]
    townships = {"V10": "灌口镇", "V11": "灌口"}
    source = tmp_path / "villages.csv"
    lines = ["站点编号,名称,所在区,乡镇,行政区划代码,2027年已建成美丽乡村"]  # after the plan: its last year
    lines += [
        f"{site_id},{name},{district},{townships.get(site_id, '')},{code},{built}"
        for site_id, name, district, code, built, _ in rows
    ]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    args = ("--kind", "village", "--out", out, "--as-of", "2028-06-30", "--quiet", "--all-findings")
    result = run("batch", source, *args)
    assert result.exit_code == 0, result.output
    found = [json.loads(line) for line in (out / "findings.jsonl").read_text(encoding="utf-8").splitlines()]
    batch = {f["site"]: f["status"] for f in found if f["requirement"] == "XM-0-29"}
    assert batch == {site_id: status for site_id, *_, status in rows}
    for site_id, name, district, code, built, status in rows:
        facts = {"site": {"id": site_id, "kind": "村", "name": name, "district": district, "admin_code": code}}
        facts["site"]["attributes"] = {"township": townships.get(site_id, "")}
        facts["facts"] = {"已建成美丽乡村": {"series": {"2027": built}}} if built else {}
        path = tmp_path / f"{site_id}.yaml"
        path.write_text(yaml.safe_dump(facts, allow_unicode=True), encoding="utf-8")
        checked = run("check", path, "--as-of", "2028-06-30", "--format", "json")
        assessment = json.loads(checked.output)["assessments"][0]
        assert {f["requirement"]: f["status"] for f in assessment["findings"]}["XM-0-29"] == status
    unknown = json.loads(run("check", tmp_path / "V6.yaml", "--as-of", "2028-06-30", "--format", "json").output)
    said = unknown["assessments"][0]
    assert [w["text_zh"] for w in said["warnings"]][-1:] == [
        "所在区不明（只知道厦门市），不能确认是否位于 集美区、同安区、翔安区：请填写所在区或行政区划代码"
    ]
    assert "方案期至 2027-12-31 已结束" in said["warnings"][0]["text_zh"]  # 2028: after 厦门's plan period
    reason = next(f["reason_zh"] for f in said["findings"] if f["requirement"] == "XM-0-29")
    assert "站点所在区不明，请填写所在区或行政区划代码" in reason


@pytest.mark.parametrize("given", [{"admin_code": "350111102"}, {"name": "岳峰镇", "district": "晋安区"}])
def test_a_township_the_table_knows_outweighs_a_stated_named_township(
    run: Callable[..., Result], tmp_path: Path, given: dict[str, str]
) -> None:
    """岳峰镇 (by its code or its name) stating 规划点名地点 宦溪镇 is still 岳峰镇, with a warning, as 宦溪镇
    stating 新店镇 is 宦溪镇: the duties the plan gives 宦溪镇、寿山乡、日溪乡 (JA-15-16, JA-16-15) or
    日溪乡及新店镇、鼓山镇、宦溪镇 (JA-21-3) are not 岳峰镇's."""
    site = {"id": "T11", "kind": "镇", **given}
    facts = {"规划点名地点": "宦溪镇", "农村生活垃圾收运处置体系覆盖的自然村比例": 80, "废旧农膜回收率": 70}
    path = tmp_path / "town.yaml"
    path.write_text(yaml.safe_dump({"site": site, "facts": facts}, allow_unicode=True), encoding="utf-8")
    result = run("check", path, "--as-of", "2026-06-30", "--format", "json")
    assessed = json.loads(result.output)["assessments"][0]
    statuses = {f["requirement"]: f["status"] for f in assessed["findings"]}
    assert [statuses[r] for r in ("JA-15-16", "JA-16-15", "JA-21-3")] == ["not_applicable"] * 3, statuses
    text = run("check", path, "--as-of", "2026-06-30").output
    assert "规划点名地点填为“宦溪镇”，与站点所在区或名称不符" in text and "350111102" in text


def _statuses(run: Callable[..., Result], tmp_path: Path, site: str, facts: str) -> dict[str, tuple[str, list[str]]]:
    path = tmp_path / "site.yaml"
    path.write_text(f"site: {{{site}, district: 晋安区}}\nfacts:\n{facts}", encoding="utf-8")
    result = run("check", path, "--as-of", "2026-06-30", "--format", "json")
    findings = json.loads(result.output)["assessments"][0]["findings"]
    return {f["requirement"]: (f["status"], f["missing"]) for f in findings}


RURAL_RATES = ("JA-14-4", "JA-14-5", "JA-14-7", "JA-14-8", "JA-14-9", "JA-14-10", "JA-14-20")
"""（十四）'s rural sewage and tap-water duties a township is asked where it holds villages."""


def test_an_urban_street_stating_it_holds_no_village_is_not_held_to_rural_rates(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    """茶园街道 (an urban 街道, residents' committees only) states 辖区内有行政村 否: the rural sewage and tap-water
    rates of （十四） do not cover it; left blank, a 街道's name says nothing and they want the fact; a 镇 reads 是 from
    its name and is held to them, and one wholly urban (岳峰镇) may state 否."""
    street = "id: T1, kind: 街道, name: 茶园街道"
    stated = _statuses(run, tmp_path, street, "  辖区内有行政村: 否\n  污水收集率: {series: {2024: 95, 2025: 96}}\n")
    assert {stated[r][0] for r in RURAL_RATES} == {"not_applicable"}
    blank = _statuses(run, tmp_path, street, "  污水收集率: {series: {2024: 95, 2025: 96}}\n")
    assert all(blank[r] == ("insufficient_data", ["has_administrative_villages"]) for r in RURAL_RATES), blank
    town = _statuses(run, tmp_path, "id: T2, kind: 镇, name: 鼓山镇", "  农村生活污水治理率: 80\n")
    assert town["JA-14-7"][0] == "pass" and town["JA-14-20"] == ("insufficient_data", ["rural_tap_water_coverage"])
    urban_town = _statuses(run, tmp_path, "id: T3, kind: 镇, name: 岳峰镇", "  辖区内有行政村: 否\n")
    assert {urban_town[r][0] for r in RURAL_RATES} == {"not_applicable"}
    district = _statuses(run, tmp_path, "id: D1, kind: 区, name: 晋安区", "  农村生活污水治理率: 80\n")
    assert district["JA-14-7"][0] == "pass"


def test_a_built_up_area_water_body_or_urban_source_is_not_held_to_the_rural_clauses(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    """「加强农村黑臭水体整治……防止“返黑返臭”」 and 「保障农村饮用水源安全」 are rural clauses: a water body in the
    built-up area (JA-14-11, JA-14-12) and a source in the urban area (JA-14-2) are not covered, a rural one is, and
    one not saying is insufficient_data naming the fact."""
    relapsed = "  已完成黑臭水体整治: 是\n  返黑返臭: {series: {2025: 是, 2026: 否}}\n"
    body = "id: WB1, kind: 水体, name: 晋安河某支流"
    urban = _statuses(run, tmp_path, body, f"{relapsed}  位于城市建成区: 是\n")
    assert urban["JA-14-12"][0] == urban["JA-14-11"][0] == "not_applicable"
    assert _statuses(run, tmp_path, body, f"{relapsed}  位于城市建成区: 否\n")["JA-14-12"][0] == "fail"
    blank = _statuses(run, tmp_path, body, relapsed)
    assert blank["JA-14-12"] == ("insufficient_data", ["in_urban_built_up_area"])
    source = "id: WS1, kind: 饮用水水源地, name: 某水源地"
    assert _statuses(run, tmp_path, source, "  位于城区: 是\n")["JA-14-2"][0] == "not_applicable"
    assert _statuses(run, tmp_path, source, "  位于城区: 否\n")["JA-14-2"][0] == "needs_review"
