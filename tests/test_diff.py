"""`compliance diff`: the rectification follow-up between two assessments of the same site."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from tests.conftest import EXAMPLES

Run = Callable[..., Result]


def _assessed(run: Run, tmp_path: Path, name: str, facts: Path, as_of: str) -> Path:
    """`check --format json` output saved as an inspector would keep it."""
    result = run("check", facts, "--as-of", as_of, "--format", "json")
    path = tmp_path / f"{name}.json"
    path.write_text(result.output, encoding="utf-8")
    return path


@pytest.fixture()
def before_and_after(run: Run, tmp_path: Path) -> tuple[Path, Path]:
    """福兴经济开发区 before rectification (June) and after (December, before the year's end: on 31 December 2026
    has ended and its 清洁能源比重 would be wanted)."""
    before = _assessed(run, tmp_path, "2026-06", EXAMPLES / "park-noncompliant.yaml", "2026-06-30")
    after = _assessed(run, tmp_path, "2026-12", EXAMPLES / "park-compliant.yaml", "2026-12-15")
    return before, after


def _unwrapped(text: str) -> str:
    """The text report wraps long lines, indenting the rest: read each entry as one line."""
    return re.sub(r"\n +", " ", text)


def test_what_was_fixed_with_the_gap_closed(run: Run, before_and_after: tuple[Path, Path]) -> None:
    before, after = before_and_after
    result = run("diff", before, after)
    assert result.exit_code == 0, result.output
    assert "结论：不合规 → 合规" in result.output
    fixed = _unwrapped(result.output.split("已整改（", 1)[1].split("\n\n", 1)[0])
    assert (
        "JA-29-2  不达标 → 通过  雨污分流全到位（福兴经济开发区，2025年）：差距 差 8 个百分点，已逾期 181 天 → 已达到"
        in fixed
    )
    english = _unwrapped(run("diff", before, after, "--lang", "en").output)
    assert (
        "JA-29-2  fail → pass  Rain and sewage fully separated (Fuxing EDZ, 2025):"
        " gap 8 pp short, 181 days overdue → met" in english
    )


def test_something_worse_exits_1_and_json_lists_it(run: Run, before_and_after: tuple[Path, Path]) -> None:
    before, after = before_and_after
    result = run("diff", after, before, "--format", "json")
    assert result.exit_code == 1
    (site,) = json.loads(result.stdout)["sites"]
    assert site["site"] == "JA-P-0001" and site["got_worse"] is True
    assert (site["before"]["verdict"], site["after"]["verdict"]) == ("compliant", "non_compliant")
    worse = {entry["requirement"]: entry for entry in site["worse"]}
    assert worse["JA-29-2"]["before"]["status"] == "pass" and worse["JA-29-2"]["after"]["status"] == "fail"
    assert worse["JA-29-2"]["after"]["gap"]["target"]["amount"] == 8.0
    assert not site["fixed"]


def test_the_same_assessment_twice_has_nothing_fixed_or_worse(run: Run, before_and_after: tuple[Path, Path]) -> None:
    before, _ = before_and_after
    result = run("diff", before, before, "--format", "json")
    (site,) = json.loads(result.output)["sites"]
    assert result.exit_code == 0
    assert not (site["fixed"] or site["worse"] or site["better"] or site["new"] or site["gone"])
    still_open = run("diff", before, before).output
    assert "仍未解决（" in still_open and "· JA-29-2  不达标  雨污分流全到位" in still_open
    assert "结论：不合规\n" in still_open


def test_a_file_that_is_not_an_assessment_is_refused(run: Run, tmp_path: Path) -> None:
    before = _assessed(run, tmp_path, "ok", EXAMPLES / "park-noncompliant.yaml", "2026-06-30")
    facts = EXAMPLES / "park-compliant.yaml"
    result = run("diff", before, facts)
    assert result.exit_code == 2
    assert f"{facts}: not an assessment: expected the output of `compliance check --format json`" in result.output
    broken = tmp_path / "broken.json"
    document = json.loads(before.read_text(encoding="utf-8"))
    document["assessments"][0]["verdict"] = "fine"
    broken.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    result = run("diff", before, broken)
    assert result.exit_code == 2 and "assessments.0.verdict" in result.output and "Traceback" not in result.output


def test_assessments_of_different_sites_are_refused(run: Run, tmp_path: Path) -> None:
    park = _assessed(run, tmp_path, "park", EXAMPLES / "park-noncompliant.yaml", "2026-06-30")
    river = _assessed(run, tmp_path, "river", EXAMPLES / "river-noncompliant.yaml", "2026-06-30")
    result = run("diff", park, river)
    assert result.exit_code == 2
    assert "different sites: only in" in result.output and "JA-P-0001" in result.output
    assert "JA-R-0002" in result.output


def test_a_failure_whose_evidence_is_gone_is_not_fixed(run: Run, tmp_path: Path) -> None:
    """The inspector's 不通过 not given the second time (or lapsed), or a failing figure now blank: nothing shows the
    problem gone, so it is 不再能判定, and the follow-up exits 1 as for a change for the worse."""
    before = run(
        "check",
        EXAMPLES / "village-compliant.yaml",
        "--as-of",
        "2026-06-30",
        "--format",
        "json",
        "--attestations",
        EXAMPLES / "attestations.yaml",
    ).output
    old = tmp_path / "old.json"
    old.write_text(before, encoding="utf-8")
    new = _assessed(run, tmp_path, "new", EXAMPLES / "village-compliant.yaml", "2026-12-31")
    result = run("diff", old, new)
    assert result.exit_code == 1
    undecided = result.output.split("不再能判定（", 1)[1].split("\n\n", 1)[0]
    assert "不达标 → 待核查" in undecided and "已整改 0" in result.output


def test_two_assessments_of_one_id_or_a_site_of_another_kind_are_refused(run: Run, tmp_path: Path) -> None:
    """A follow-up compares one site with itself: a file holding two assessments of an id, or an id whose site is
    now another kind, stops with the id named, never a comparison of the wrong pair."""
    village = EXAMPLES / "village-compliant.yaml"
    two = run("check", village, village, "--as-of", "2026-06-30", "--format", "json").output
    (tmp_path / "two.json").write_text(two, encoding="utf-8")
    one = _assessed(run, tmp_path, "one", village, "2026-12-31")
    result = run("diff", tmp_path / "two.json", one)
    assert result.exit_code == 2 and "more than one assessment of JA-V-0001" in result.output
    park = (EXAMPLES / "park-compliant.yaml").read_text(encoding="utf-8").replace("JA-P-0001", "JA-V-0001")
    (tmp_path / "park.yaml").write_text(park, encoding="utf-8")
    moved = _assessed(run, tmp_path, "moved", tmp_path / "park.yaml", "2026-12-31")
    result = run("diff", one, moved)
    assert result.exit_code == 2 and "different sites under one id (JA-V-0001: village → park)" in result.output


def test_a_failure_whose_gap_grew_is_worse_and_one_whose_gap_shrank_better(run: Run, tmp_path: Path) -> None:
    park = EXAMPLES / "park-noncompliant.yaml"
    worse_file = tmp_path / "pw.yaml"
    worse_file.write_text(park.read_text(encoding="utf-8").replace("value: 92%", "value: 80%"), encoding="utf-8")
    june = _assessed(run, tmp_path, "june", park, "2026-06-30")
    december = _assessed(run, tmp_path, "december", worse_file, "2026-12-31")
    result = run("diff", june, december)
    assert result.exit_code == 1
    text = _unwrapped(result.stdout)
    worse = text[text.index("变差（1）") : text.index("仍未解决")]
    assert "JA-29-2" in worse and "差 8 个百分点" in worse and "差 20 个百分点" in worse
    assert "变差 1，" in text.splitlines()[-1] and "WARNING" not in result.stderr.upper()
    back = run("diff", december, june)  # the files in the wrong order: said, and the gap shrinking is better
    assert "有改善 1" in back.stdout.splitlines()[-1]
    assert "评估日期倒序" in back.stderr and "are the files in the wrong order?" in back.stderr


def test_a_failure_no_longer_assessed_is_listed_apart_and_exits_1(run: Run, tmp_path: Path) -> None:
    """JA-29-2 failed in June; the December file (another rule pack, or facts no longer placing the park under it)
    has no finding for it at all: that is no rectification, so it is listed apart with a warning, and exit 1."""
    facts = EXAMPLES / "park-noncompliant.yaml"
    before = _assessed(run, tmp_path, "2026-06", facts, "2026-06-30")
    document = json.loads(_assessed(run, tmp_path, "2026-12", facts, "2026-12-31").read_text(encoding="utf-8"))
    findings = document["assessments"][0]["findings"]
    document["assessments"][0]["findings"] = [f for f in findings if f["requirement"] not in ("JA-29-2", "JA-4-8")]
    after = tmp_path / "2026-12-cut.json"
    after.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    result = run("diff", before, after)
    assert result.exit_code == 1, result.output
    lost = _unwrapped(result.stdout.split("原为不达标、现不再评估（1）", 1)[1].split("\n\n", 1)[0])
    assert "JA-29-2  不达标  雨污分流全到位" in lost
    assert "不再评估（1）" in result.stdout and "JA-4-8" in result.stdout.split("不再评估（1）", 1)[1]
    assert "JA-29-2 failed in OLD and is not assessed in NEW" in result.stderr
    assert "JA-29-2 原为不达标，NEW 中不再评估：不能视为已整改" in result.stderr
    assert "No longer assessed, was failing (1)" in run("diff", before, after, "--lang", "en").stdout
    listed = json.loads(run("diff", before, after, "--format", "json").stdout)["sites"][0]
    assert [c["requirement"] for c in listed["gone_failing"]] == ["JA-29-2"] and listed["got_worse"] is True
    assert [c["requirement"] for c in listed["gone"]] == ["JA-4-8"]


def test_a_failure_the_facts_now_make_not_applicable_is_fixed_by_them(run: Run, tmp_path: Path) -> None:
    """JA-29-2 applies to 福兴经济开发区 by name; the same id now names another park: not applicable, which the
    diff says is decided by the place named, with no warning (exit 1 only because JA-29-11, for other parks, now
    applies and is at risk)."""
    facts = tmp_path / "renamed.yaml"
    text = (EXAMPLES / "park-noncompliant.yaml").read_text(encoding="utf-8")
    text = text.replace("name: 福兴经济开发区", "name: 岭头工业园区").replace("  aliases: [福兴开发区]\n", "")
    facts.write_text(text.replace("name_en: Fuxing Economic Development Zone", "name_en: Lingtou Park"), "utf-8")
    before = _assessed(run, tmp_path, "2026-06", EXAMPLES / "park-noncompliant.yaml", "2026-06-30")
    after = _assessed(run, tmp_path, "2026-06-renamed", facts, "2026-06-30")
    result = run("diff", before, after)
    assert "已整改（" in result.stdout, result.output
    fixed = re.sub(r"\s", "", result.stdout.split("已整改（", 1)[1].split("\n\n", 1)[0])  # wrapped anywhere
    assert "JA-29-2不达标→不适用雨污分流全到位" in fixed
    assert "由事实解决：不适用：适用条件「本站点为福兴经济开发区」不成立：规划点名地点无（非规划点名地点）" in fixed
    assert (
        result.exit_code == 1
        and "not assessed in NEW" not in result.stderr
        and "原为不达标、现不再评估 0" in result.stdout
    )
    listed = json.loads(run("diff", before, after, "--format", "json").stdout)["sites"][0]
    (change,) = [c for c in listed["fixed"] if c["requirement"] == "JA-29-2"]
    assert "named_place" in change["after"]["decided_by"]


def test_a_failing_site_new_could_not_assess_is_listed_no_longer_assessed(run: Run, tmp_path: Path) -> None:
    """NEW's re-run refused the rectified file (a typo, 七十二): the site OLD found failing is not compared away as a
    'different site' in English alone; it is listed as no longer assessed, naming NEW's error, and exits 1."""
    typo = tmp_path / "vbad.yaml"
    typo.write_text(
        (EXAMPLES / "village-noncompliant.yaml").read_text(encoding="utf-8").replace("value: 72%", "value: 七十二"),
        encoding="utf-8",
    )
    both = (EXAMPLES / "village-noncompliant.yaml", EXAMPLES / "village-compliant.yaml")
    old = tmp_path / "old.json"
    old.write_text(run("check", *both, "--as-of", "2026-06-30", "--format", "json").stdout, encoding="utf-8")
    new = tmp_path / "new.json"
    checked = run("check", typo, both[1], "--as-of", "2026-06-30", "--format", "json")
    new.write_text(checked.stdout, encoding="utf-8")
    result = run("diff", old, new)
    assert result.exit_code == 1, result.output
    text = _unwrapped(result.stdout)
    assert "站点：降虎村（JA-V-0002）  2026-06-30 → —  结论：不合规 → 未评估" in text
    assert "NEW 未能读取：" in text and "vbad.yaml:" in text and "七十二" in text
    assert "原为不达标、现不再评估（" in text and "· JA-14-7  不达标" in text
    assert "JA-V-0002 在 OLD 中已评估（不合规），NEW 中未评估" in result.stderr
    document = json.loads(run("diff", old, new, "--format", "json").stdout)
    (missing,) = document["missing_sites"]
    assert missing["site"] == "JA-V-0002" and missing["got_worse"] and "JA-14-7" in missing["gone_failing"]
    assert missing["errors"][0]["file"].endswith("vbad.yaml")
    swapped = run("diff", new, old)  # a site only in NEW is another site: still refused, in both languages
    assert swapped.exit_code == 2 and "两次评估的站点不同" in swapped.output
