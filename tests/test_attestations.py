"""Attestations turn review items into pass or fail with the inspector's provenance."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from compliance.assess.assessor import Assessor
from compliance.model.attestation import Attestation, AttestationBook
from compliance.model.checks import for_kind
from compliance.model.facts import Facts, Observation, Site
from compliance.model.plan import AllOf, Comparison, Modality, Plan, Requirement, RulePack
from compliance.model.result import Status
from tests.conftest import EXAMPLES

AS_OF = dt.date(2026, 6, 30)

VILLAGE = EXAMPLES / "village-compliant.yaml"


def _findings(result: Result) -> dict[str, dict[str, Any]]:
    (assessment,) = json.loads(result.output)["assessments"]
    return {f["requirement"]: f for f in assessment["findings"]}


def test_example_attestations_decide_review_items(run: Callable[..., Result]) -> None:
    args = ("check", VILLAGE, "--as-of", "2026-06-30", "--format", "json")
    result = run(*args, "--attestations", EXAMPLES / "attestations.yaml")
    findings = _findings(result)
    assert findings["JA-14-1"]["status"] == "pass"
    assert "林检查员 于 2026-05-20 认定通过" in findings["JA-14-1"]["reason_zh"]
    assert findings["JA-14-1"]["attestation"]["evidence"].startswith("寿山乡")
    assert findings["JA-14-3"]["status"] == "fail"
    assert findings["JA-15-8"]["status"] == "needs_review"
    assert result.exit_code == 1
    assert _findings(run(*args))["JA-14-1"]["status"] == "needs_review"


@pytest.mark.parametrize(
    ("as_of", "status", "phrase"),
    [
        ("2026-05-19", "needs_review", "尚无核查记录"),
        ("2027-05-19", "pass", "认定通过"),
        ("2027-05-20", "needs_review", "有效期至 2027-05-19，已过期"),
    ],
)
def test_an_attestation_holds_from_its_date_until_it_expires(
    as_of: str, status: str, phrase: str, run: Callable[..., Result]
) -> None:
    result = run(
        "check", VILLAGE, "--as-of", as_of, "--format", "json", "--attestations", EXAMPLES / "attestations.yaml"
    )
    finding = _findings(result)["JA-14-1"]
    assert finding["status"] == status and phrase in finding["reason_zh"]


def test_csv_attestations_with_chinese_headers(tmp_path: Path, run: Callable[..., Result]) -> None:
    path = tmp_path / "核查.csv"
    path.write_text(
        "要求,站点,结论,检查员,日期,证据\nJA-14-1,JA-V-0001,不合格,王检查员,2026-06-01,记录7\n\n", encoding="utf-8-sig"
    )
    result = run("check", VILLAGE, "--as-of", "2026-06-30", "--format", "json", "--attestations", path)
    assert _findings(result)["JA-14-1"]["status"] == "fail"


@pytest.mark.parametrize(
    ("encoding", "named"), [("gbk", "GBK/GB18030"), ("gb18030", "GBK/GB18030"), ("utf-16", "UTF-16")]
)
def test_a_csv_saved_by_chinese_excel_is_read_with_a_warning_naming_its_encoding(
    tmp_path: Path, run: Callable[..., Result], encoding: str, named: str
) -> None:
    """Chinese Excel's "CSV (逗号分隔)" is GBK: the checklist filled in it and passed back as it is reads as batch
    reads such a CSV, with a warning naming the encoding read."""
    path = tmp_path / "核查.csv"
    path.write_bytes(
        "要求编号,站点编号,结论,检查人,核查日期,证据\nJA-14-1,JA-V-0001,不通过,王,2026-06-01,记录7\n".encode(encoding)
    )
    result = run("check", VILLAGE, "--as-of", "2026-06-30", "--format", "json", "--attestations", path)
    assert f"warning: {path}: read as {named} text, not UTF-8 / 按 {named} 编码读取" in result.stderr
    (assessment,) = json.loads(result.stdout)["assessments"]
    assert {f["requirement"]: f["status"] for f in assessment["findings"]}["JA-14-1"] == "fail"
    path.write_bytes(b"\x81\x30\xff\xfe,\xa0\n")
    refused = run("check", VILLAGE, "--as-of", "2026-06-30", "--attestations", path)
    assert refused.exit_code == 2 and "neither UTF-8 nor GBK/GB18030 text" in refused.output


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            "要求,站点,结论,检查员,日期\nJA-14-01,JA-V-0001,通过,王,2026-06-01\n",
            ":2: 要求（requirement）: no such requirement 'JA-14-01' (did you mean JA-14-1",
        ),
        ("要求,站点,结论,检查员,日期\nJA-14-7,JA-V-0001,通过,王,2026-06-01\n", "JA-14-7 is decided from facts"),
        ("要求,站点,结论,检查员,日期\nJA-14-1,JA-V-0001,也许,王,2026-06-01\n", ":2: 结论（outcome）: expected pass"),
        ("要求,站点,结论,检查员,日期\nJA-14-1,JA-V-0001,通过,王,2026-13-01\n", ":2: 日期（date）:"),
        ("要求,站点,结果\n", ":1: 结果: unknown column"),
    ],
)
def test_bad_attestations_are_named_with_their_row(
    content: str, expected: str, tmp_path: Path, run: Callable[..., Result]
) -> None:
    path = tmp_path / "a.csv"
    path.write_text(content, encoding="utf-8")
    result = run("check", VILLAGE, "--attestations", path)
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert f"{path}{expected}" in result.output or expected in result.output


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            "要求编号,站点,结论,检查人,核查日期,证据,有效期至\nJA-14-1,JA-V-0001,通过,,2026-05-01,记录,\n",
            ":2: 检查人（inspector）: this field is required / 必须填写此项",
        ),
        (
            "要求编号,站点,结论,检查人,核查日期,证据,有效期至\nJA-14-1,JA-V-0001,通过,林,,记录,\n",
            ":2: 核查日期（date）: this field is required / 必须填写此项",
        ),
        ("要求,站点,结论,日期\nJA-14-1,JA-V-0001,通过,2026-05-01\n", ":2: 检查员（inspector）: this field"),
        (
            "requirement,site,outcome,inspector,date\nJA-14-1,JA-V-0001,通过,,2026-05-01\n",
            ":2: inspector（检查员）: this field is required / 必须填写此项",
        ),
        (
            "要求编号,站点,结论,检查员,日期\nJA-14-7,JA-V-0001,通过,王,2026-06-01\n",
            ":2: 要求编号（requirement）: JA-14-7 is decided from facts; attestations record judgement on review items"
            " / JA-14-7 由事实文件中的数据判定，不能由人工核查认定；核查记录只用于待核查的要求",
        ),
        (
            "要求,站点,结论,检查员,日期\nJA-14-1,JA-V-0001,也许,王,2026-06-01\n",
            "结论（outcome）: expected pass or fail",
        ),
        ("要求,站点,结论,检查员,日期\nJA-14-1,JA-V-0001,也许,王,2026-06-01\n", " / 应为通过或不通过，实为“也许”"),
        ("要求,站点,结论,检查员,日期\nJA-14-01,JA-V-0001,通过,王,2026-06-01\n", "没有要求“JA-14-01”（是否指："),
        ("要求,站点,结论,检查员,日期\nJA-14-1,JA-V-0001,通过,王,2026-13-01\n", ":2: 日期（date）: "),
        (
            "要求,站点,结论,检查员,日期,有效期至\nJA-14-1,JA-V-0001,通过,王,2026-06-01,2026-05-01\n",
            "有效期至（expires）: expires 2026-05-01, before its date 2026-06-01"
            " / 有效期至 2026-05-01 早于核查日期 2026-06-01",
        ),
        ("要求,站点,结果\n", "/ 未知的列“结果”；可用的列：要求编号、站点编号、结论、检查员、日期、证据、有效期至"),
    ],
)
def test_attestation_errors_name_the_header_written_and_say_it_in_chinese(
    content: str, expected: str, tmp_path: Path, run: Callable[..., Result]
) -> None:
    """A Chinese-headed sheet's errors name the column as the inspector wrote it, with the field after it, and say
    the problem in Chinese too; an English-headed one names its English header with the Chinese after it."""
    path = tmp_path / "a.csv"
    path.write_text(content, encoding="utf-8")
    result = run("check", VILLAGE, "--attestations", path)
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert expected in result.output


def test_conflicting_attestations_are_said_in_chinese(tmp_path: Path, run: Callable[..., Result]) -> None:
    (tmp_path / "a.csv").write_text("要求,站点,结论,检查员,日期\nJA-14-1,JA-V-0001,通过,王,2026-06-01\n")
    (tmp_path / "b.csv").write_text("要求,站点,结论,检查员,日期\nJA-14-1,JA-V-0001,不通过,林,2026-06-01\n")
    result = run("check", VILLAGE, "--attestations", tmp_path / "a.csv", "--attestations", tmp_path / "b.csv")
    assert result.exit_code == 2
    assert "JA-V-0001 的 JA-14-1 在 2026-06-01 有两条结论相反的核查记录（此处为不通过，" in result.output


def test_bad_yaml_attestation_is_named_with_its_line(tmp_path: Path, run: Callable[..., Result]) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(
        "- requirement: JA-14-1\n  site: S\n  outcome: pass\n  inspector: 王\n  date: 2026-06-01\n  colour: red\n"
    )
    result = run("check", VILLAGE, "--attestations", path)
    assert result.exit_code == 2 and f"{path}:6: 0.colour: unknown field" in result.output


def _attested_site(requirement: Requirement, plan: Plan) -> tuple[Site, dict[str, Observation]]:
    """A site of the requirement's first kind, inside the plan, with the facts its condition asks for (for that
    kind: a condition on the site's kind decided)."""
    own = for_kind(requirement, requirement.applies.kinds[0])
    assert own is not None, requirement.id
    condition = own.applies.condition
    observations = {}
    branches = condition.all if isinstance(condition, AllOf) else [condition] if condition is not None else []
    for branch in branches:  # one condition, or all of several, each met by its first value
        assert isinstance(branch, Comparison) and branch.op in ("==", "in"), requirement.id
        value = branch.value[0] if isinstance(branch.value, list) else branch.value
        assert value is not None
        observations[branch.metric] = Observation(metric=branch.metric, value=value)
    site = Site(
        id="S-ATTESTED", kind=requirement.applies.kinds[0], name="核查对象", district=plan.jurisdiction.names[0]
    )
    return site, observations


@pytest.mark.parametrize("outcome", ["pass", "fail"])
def test_every_review_item_is_decided_by_an_attestation(outcome: str, pack: RulePack, assessor: Assessor) -> None:
    """Every review item (no check) is needs_review without an attestation and takes its outcome with one (one made
    on or after its goal's date, for a dated goal: those due after 2026-05-20 are below); a gradual item's (逐步构建,
    逐步退还) 不通过 is at_risk, as any miss of a gradual target is."""
    review = [r for r in pack.requirements if r.check is None and not _goal_after(r, dt.date(2026, 5, 20))]
    assert len(review) > 400
    groups: dict[str, tuple[Site, dict[str, Observation], str, list[str]]] = {}
    for requirement in review:
        plan = pack.plans[pack.plan_of[requirement.id]]
        site, observations = _attested_site(requirement, plan)
        key = site.model_dump_json() + repr(observations) + plan.id
        groups.setdefault(key, (site, observations, plan.id, []))[3].append(requirement.id)
    decided: dict[str, str] = {}
    for site, observations, plan_id, ids in groups.values():
        facts = Facts(site=site, observations=observations, source="test")
        book = AttestationBook(
            [
                Attestation(
                    requirement=requirement_id,
                    site=site.id,
                    outcome=outcome,  # type: ignore[arg-type]
                    inspector="林检查员",
                    date=dt.date(2026, 5, 20),
                    evidence="现场核查记录",
                )
                for requirement_id in ids
            ]
        )
        bare = {f.requirement: f for f in assessor.assess(facts, AS_OF, [plan_id]).findings}
        attested = {f.requirement: f for f in assessor.assess(facts, AS_OF, [plan_id], book).findings}
        for requirement_id in ids:
            assert bare[requirement_id].status == Status.NEEDS_REVIEW, requirement_id
            finding = attested[requirement_id]
            assert finding.attestation is not None and finding.attestation.inspector == "林检查员"
            decided[requirement_id] = finding.status.value
    gradual = {r.id for r in review if r.modality == Modality.GRADUAL}
    assert {"JA-0-7", "JA-23-8"} <= gradual
    assert {decided[r] for r in gradual} == {"at_risk" if outcome == "fail" else outcome}
    assert {status for r, status in decided.items() if r not in gradual} == {outcome}
    assert len(decided) == len(review)


def test_a_gradual_goal_judged_not_met_after_its_date_is_at_risk(assessor: Assessor) -> None:
    """JA-0-7 到2025年…绿色生产生活方式逐步构建 (gradual): a 不通过 made after 2025-12-31 is at_risk, never a fail,
    saying why; a 通过 passes."""
    site = Site(id="JA-D-1", kind="district", name="晋安区", district="晋安区")
    facts = Facts(site=site, observations={}, source="test")
    for outcome, status, said in (
        ("fail", Status.AT_RISK, "逐步实现的要求，核查不通过是风险，不构成违规"),
        ("pass", Status.PASS, "认定通过"),
    ):
        book = AttestationBook(
            [Attestation(requirement="JA-0-7", site=site.id, outcome=outcome, inspector="王", date=dt.date(2026, 3, 1))]
        )
        found = {f.requirement: f for f in assessor.assess(facts, AS_OF, ["jinan"], book).findings}["JA-0-7"]
        assert found.status == status and said in found.reason_zh, found.reason_zh


def test_an_attestation_matches_the_site_however_its_id_is_typed(tmp_path: Path, run: Callable[..., Result]) -> None:
    """The table's ja-v-0001 (or ＪＡ－Ｖ－０００１) is the ledger's JA-V-0001: the inspector's 不通过 is applied."""
    table = tmp_path / "villages.csv"
    table.write_text(
        "站点编号,名称,所在区,农村生活污水治理率(%)\nja-v-0001,岭头村,晋安区,86.5\nＪＡ－Ｖ－０００２,降虎村,晋安区,90\n",
        encoding="utf-8",
    )
    ledger = tmp_path / "attestations.yaml"
    ledger.write_text(
        "attestations:\n"
        "  - {requirement: JA-14-1, site: JA-V-0001, outcome: 不通过, inspector: 林, date: 2026-05-20}\n"
        "  - {requirement: JA-14-1, site: JA-V-0002, outcome: 不通过, inspector: 林, date: 2026-05-20}\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    args = ("--kind", "village", "--out", out, "--as-of", "2026-06-30", "--workers", "1", "--quiet")
    run("batch", table, *args, "--attestations", ledger)
    failed = [json.loads(line) for line in (out / "findings.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(f["site"] for f in failed if f["requirement"] == "JA-14-1" and f["status"] == "fail") == [
        "ja-v-0001",
        "ＪＡ－Ｖ－０００２",
    ]


def test_an_attestation_on_a_requirement_its_site_lacks_is_a_warning(
    tmp_path: Path, run: Callable[..., Result]
) -> None:
    """A village item's 不通过 written under the park's id (both assessed in the run) is named, not dropped silently."""
    ledger = tmp_path / "wrong.yaml"
    ledger.write_text(
        "attestations:\n  - {requirement: JA-14-3, site: JA-P-0001, outcome: 不通过, inspector: 林, date: 2026-05-20,"
        " evidence: IMG-0412}\n",
        encoding="utf-8",
    )
    village, park = EXAMPLES / "village-compliant.yaml", EXAMPLES / "park-compliant.yaml"
    result = run("check", village, park, "--as-of", "2026-06-30", "--attestations", ledger)
    assert "attestations name requirements not assessed for the site named: JA-14-3 for JA-P-0001" in result.output


def test_an_attestation_dated_after_the_as_of_date_is_said_not_used(tmp_path: Path, run: Callable[..., Result]) -> None:
    """A 不通过 dated 2027 (a slip for 2026) in an assessment as of 2026-12-06: the 2025 通过 decides, and the finding
    says which record it passed over."""
    ledger = tmp_path / "later.yaml"
    ledger.write_text(
        "attestations:\n"
        "  - {requirement: JA-14-1, site: JA-V-0001, outcome: 通过, inspector: 林, date: 2025-03-10}\n"
        "  - {requirement: JA-14-1, site: JA-V-0001, outcome: 不通过, inspector: 陈, date: 2027-11-20}\n",
        encoding="utf-8",
    )
    village = EXAMPLES / "village-compliant.yaml"
    result = run("check", village, "--as-of", "2026-12-06", "--attestations", ledger, "--format", "json")
    finding = _findings(result)["JA-14-1"]
    assert finding["status"] == "pass"
    assert finding["warnings_zh"] == [f"核查记录（2027-11-20，{ledger}:3）晚于评估日期2026-12-06，未采用"]


def test_two_sites_with_one_id_in_a_check_are_refused(tmp_path: Path, run: Callable[..., Result]) -> None:
    """A copied facts file whose id was left as it was would take the other site's attestations: with attestations
    given, it is an error (without them, two sites may share an id, as `report` numbers their pages)."""
    copied = tmp_path / "copied.yaml"
    text = (EXAMPLES / "village-noncompliant.yaml").read_text(encoding="utf-8")
    copied.write_text(text.replace("JA-V-0002", "JA-V-0001"), encoding="utf-8")
    ledger = EXAMPLES / "attestations.yaml"
    result = run(
        "check", EXAMPLES / "village-compliant.yaml", copied, "--as-of", "2026-06-30", "--attestations", ledger
    )
    assert result.exit_code == 2
    line = text.splitlines().index("  id: JA-V-0002") + 1  # the line of the id, named since it was found late
    assert f"{copied}:{line}: site.id: site id 'JA-V-0001' is also 九峰村's in" in result.output


def _goal_after(requirement: Requirement, day: dt.date) -> bool:
    return any(t.due is not None and t.due > day for t in requirement.targets)


DATED_GOALS = ["XM-0-8", "XM-0-11", *(f"XM-0-{n}" for n in (12, 13, 14, 15, 16, 17, 23, 25, 26, 27, 28))]


def test_the_plans_dated_goals_kept_for_review_carry_their_date(pack: RulePack) -> None:
    """「到2025年底…」「到2027年底…」 (厦门) and 「到2025年」「到2027年」 (晋安) goals judged by an inspector keep the
    plan's date, as their titles (（2025年）, （2027年）) say: `rules show` gave 期限 持续."""
    by_id = {r.id: r for r in pack.requirements}
    for requirement_id in [*DATED_GOALS, "JA-0-6", "JA-0-30", "JA-2-18", "JA-14-21", "JA-35-12", "JA-ch4-5"]:
        requirement = by_id[requirement_id]
        year = "2025" if "（2025年）" in requirement.title_zh else "2027"
        assert [t.due for t in requirement.targets] == [dt.date(int(year), 12, 31)], requirement_id
    undated = [r.id for r in pack.requirements if r.check is None and not r.targets]
    assert not [i for i in undated if "（2025年）" in by_id[i].title_zh or "（2027年）" in by_id[i].title_zh]


@pytest.mark.parametrize(
    ("outcome", "made", "as_of", "status", "says"),
    [
        ("fail", "2026-05-01", "2026-06-30", Status.AT_RISK, "尚未到期"),  # a mid-term review: not there yet
        ("fail", "2026-05-01", "2028-03-01", Status.NEEDS_REVIEW, "早于目标期限 2027-12-31"),
        ("fail", "2027-12-31", "2028-03-01", Status.FAIL, "认定不通过"),
        ("pass", "2026-05-01", "2026-06-30", Status.NEEDS_REVIEW, "未采用"),
        ("pass", "2028-01-10", "2028-03-01", Status.PASS, "认定通过"),
    ],
)
def test_a_dated_goal_is_judged_by_an_attestation_made_on_or_after_its_date(
    pack: RulePack, assessor: Assessor, outcome: str, made: str, as_of: str, status: Status, says: str
) -> None:
    """XM-0-16 「到2027年底…建设成效显著」: a 2026 不通过 was a binding 不达标 (exit 1) a year and a half early, and a
    通过 of 2025-03 (before the plan was issued) passed the 2025 goal."""
    site = Site(id="T-AT1", kind="city", name="厦门市", admin_code="350200")
    facts = Facts(site=site, observations={}, source="test")
    attestation = Attestation(
        requirement="XM-0-16", site="T-AT1", outcome=outcome, inspector="张三", date=dt.date.fromisoformat(made)
    )  # type: ignore[arg-type]
    book = AttestationBook([attestation])
    findings = assessor.assess(facts, dt.date.fromisoformat(as_of), ["xiamen"], book).findings
    finding = next(f for f in findings if f.requirement == "XM-0-16")
    assert finding.status == status and says in finding.reason_zh, finding.reason_zh
    assert (finding.attestation is None) == (status == Status.NEEDS_REVIEW)


def test_a_requirement_id_matches_however_it_is_typed(tmp_path: Path, run: Callable[..., Result]) -> None:
    """`explain FILE xm-0-18` was refused (did you mean XM-0-18?): requirement ids match as site ids do, in
    `explain`, `rules show` and attestations."""
    site = tmp_path / "city.yaml"
    site.write_text('site: {id: T-1, kind: city, name: 厦门市, admin_code: "350200"}\nfacts: {}\n', encoding="utf-8")
    for typed in ("xm-0-18", "ＸＭ－０－１８", " XM-0-18 "):
        result = run("explain", site, typed, "--as-of", "2028-03-01")
        assert result.exit_code == 0 and result.output.startswith("XM-0-18"), result.output
    assert run("rules", "show", "ja-CH4-5").output.startswith("JA-ch4-5")
    assert "no such requirement" in run("explain", site, "xm-0-99").output
    book = tmp_path / "att.yaml"
    book.write_text(
        "attestations:\n  - {requirement: xm-0-16, site: t-1, outcome: 通过, inspector: 张三, date: 2028-01-10}\n",
        encoding="utf-8",
    )
    result = run("check", site, "--as-of", "2028-03-01", "--format", "json", "--attestations", book)
    assert _findings(result)["XM-0-16"]["status"] == "pass"


@pytest.mark.parametrize(
    ("outcome", "made", "expires", "as_of", "status"),
    [
        ("pass", "2025-07-01", None, "2028-03-01", Status.NEEDS_REVIEW),  # a mid-2025 ranking does not decide 2027
        ("fail", "2025-07-01", None, "2028-03-01", Status.NEEDS_REVIEW),
        ("pass", "2027-06-01", None, "2028-03-01", Status.PASS),  # of the plan's last year
        ("pass", "2025-07-01", None, "2026-03-01", Status.PASS),  # of the last year ended
        ("pass", "2025-07-01", "2028-12-31", "2028-03-01", Status.PASS),  # the inspector said how long it holds
    ],
)
def test_a_standing_duty_is_judged_by_an_attestation_of_the_year_it_is_read_on(
    assessor: Assessor, outcome: str, made: str, expires: str | None, as_of: str, status: Status
) -> None:
    """XM-5-10 「确保空气质量保持全国前列」 passed in 2028 on a 2025 通过 without expiry, while the duty's facts of 2025
    were missing data naming 2027."""
    site = Site(id="C2", kind="city", name="厦门市", admin_code="350200")
    attestation = Attestation(
        requirement="XM-5-10",
        site="C2",
        outcome=outcome,  # type: ignore[arg-type]
        inspector="陈",
        date=dt.date.fromisoformat(made),
        expires=dt.date.fromisoformat(expires) if expires else None,
    )
    facts = Facts(site=site, observations={}, source="test")
    findings = assessor.assess(facts, dt.date.fromisoformat(as_of), ["xiamen"], AttestationBook([attestation])).findings
    finding = next(f for f in findings if f.requirement == "XM-5-10")
    assert finding.status == status, finding.reason_zh
    if status == Status.NEEDS_REVIEW:
        assert "早于本要求评估的 2027 年" in finding.reason_zh and "请作出 2027 年情况的核查" in finding.reason_zh
