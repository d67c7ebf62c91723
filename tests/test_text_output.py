"""The text report reads top-down, filters by status in both languages, and fits a 100-column terminal."""

from __future__ import annotations

import itertools
import json
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from compliance.model.result import Status
from compliance.report.text import read_statuses, wrap
from compliance.report.words import STATUS
from tests.conftest import AS_OF, EXAMPLES

Run = Callable[..., Result]
PARK = EXAMPLES / "park-noncompliant.yaml"
EVERY_STATUS = "pass,fail,at_risk,insufficient_data,not_applicable,needs_review"


def columns(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)


def _check(run: Run, path: Path, *args: str) -> Result:
    return run("check", path, "--as-of", AS_OF.isoformat(), *args)


def _findings(run: Run, path: Path) -> list[dict[str, object]]:
    document = json.loads(_check(run, path, "--format", "json").output)
    findings: list[dict[str, object]] = document["assessments"][0]["findings"]
    return findings


def _position(text: str, requirement: str) -> int:
    """Where a finding's own line starts (its id between two double spaces)."""
    position = text.find(f"  {requirement}  ")
    assert position >= 0, requirement
    return position


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_what_decides_the_verdict_comes_first(run: Run, lang: str) -> None:
    """福兴经济开发区: binding failures, then binding findings lacking data, at risk, then what does not bear."""
    findings = _findings(run, PARK)
    text = _check(run, PARK, "--lang", lang).output
    groups = [
        [f for f in findings if f["bears_on_verdict"] and f["status"] == "fail"],
        [f for f in findings if f["bears_on_verdict"] and f["status"] == "insufficient_data"],
        [f for f in findings if f["status"] == "at_risk"],
        [f for f in findings if not f["bears_on_verdict"] and f["status"] in ("fail", "insufficient_data")],
        [f for f in findings if f["status"] == "pass"],
        [f for f in findings if f["status"] == "not_applicable"],
    ]
    assert all(groups), "the example park has findings of every group"
    spans = [[_position(text, str(f["requirement"])) for f in group] for group in groups]
    for before, after in itertools.pairwise(spans):
        assert max(before) < min(after)
    verdict = "结论：不合规" if lang == "zh" else "verdict: non-compliant"
    assert text.index(verdict) < min(spans[0])


def test_misses_that_do_not_bear_on_the_verdict_say_so(run: Run) -> None:
    """力争 targets and a 鼓励 item (JA-33-2) are marked, in both languages."""
    zh, en = _check(run, PARK).output, _check(run, PARK, "--lang", "en").output
    for requirement in ("JA-33-2", "JA-0-29"):
        heading = zh[_position(zh, requirement) :].split("原因：", 1)[0]
        assert "".join(heading.split()).endswith("（不构成违规）")
        heading = en[_position(en, requirement) :].split("reason:", 1)[0]
        assert " ".join(heading.split()).endswith("(does not affect the verdict)")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_summary_keeps_bearing_and_non_bearing_counts_apart(run: Run, lang: str) -> None:
    findings = _findings(run, PARK)
    bearing_fail = sum(f["bears_on_verdict"] and f["status"] == "fail" for f in findings)
    loose_missing = sum(not f["bears_on_verdict"] and f["status"] == "insufficient_data" for f in findings)
    summary = " ".join(_check(run, PARK, "--lang", lang).output.rstrip("\n").split("\n\n")[-1].split())
    if lang == "zh":
        assert summary.startswith(f"结论：不合规（计入结论：不达标 {bearing_fail}，")
        assert f"；不计入结论：数据不足 {loose_missing}" in summary.replace(" ", "").replace("数据不足", "数据不足 ")
    else:
        assert summary.startswith(f"verdict: non-compliant (bearing on the verdict: fail {bearing_fail}, ")
        assert f"; not bearing: insufficient data {loose_missing}" in summary


def test_review_items_are_a_count_with_the_command_that_lists_them(run: Run) -> None:
    review = sum(f["status"] == "needs_review" for f in _findings(run, PARK))
    text = _check(run, PARK).output
    assert f"待核查 {review} 项" in text
    command = " ".join(text.split(f"待核查 {review} 项", 1)[1].split("\n\n")[0].split()).split("列出：", 1)[1]
    assert command == f"compliance check {PARK} --as-of {AS_OF.isoformat()} --show review"
    listed = _check(run, PARK, "--show", "review").output
    assert sum(line.startswith("· 待核查  ") for line in listed.splitlines()) == review
    assert "■ " not in listed, "only review items are listed"


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("fail,at_risk", {Status.FAIL, Status.AT_RISK}),
        ("不达标，有风险", {Status.FAIL, Status.AT_RISK}),
        ("insufficient data, not-applicable", {Status.INSUFFICIENT_DATA, Status.NOT_APPLICABLE}),
        ("review,通过", {Status.NEEDS_REVIEW, Status.PASS}),
        ("待核查、数据不足", {Status.NEEDS_REVIEW, Status.INSUFFICIENT_DATA}),
    ],
)
def test_status_words_in_chinese_and_english(words: str, expected: set[Status]) -> None:
    assert read_statuses(words) == expected


def test_show_and_hide_filter_what_is_listed_not_what_is_counted(run: Run) -> None:
    only = _check(run, PARK, "--show", "不达标").output
    listed = [line for line in only.splitlines() if line.startswith(("■ ", "· "))]
    assert listed and all(line.startswith("■ 不达标  ") for line in listed)
    assert "有风险" in only.rstrip("\n").split("\n\n")[-1], "the summary still counts what is not listed"
    hidden = _check(run, PARK, "--hide", "pass,not_applicable", "--lang", "en").output
    assert "· pass  " not in hidden and "· not applicable  " not in hidden and "■ fail  " in hidden
    assert "not shown: pass, not applicable" in hidden


def test_an_unknown_status_word_is_refused_listing_the_allowed_ones(run: Run) -> None:
    result = _check(run, PARK, "--hide", "passed")
    assert result.exit_code == 2
    assert "unknown status 'passed'" in result.output
    for status in Status:
        assert status.value in result.output and STATUS["zh"][status] in result.output


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_line_fits_100_columns_and_no_status_is_cut(run: Run, lang: str) -> None:
    examples = sorted(EXAMPLES.glob("*.yaml")) + sorted((EXAMPLES / "sites").glob("*.yaml"))
    for path in examples:
        if path.name in ("attestations.yaml", "expected.yaml"):
            continue
        text = _check(run, path, "--lang", lang, "--show", EVERY_STATUS).output
        for line in text.splitlines():
            assert columns(line) <= 100, f"{path.name}: {line}"
        for line in text.splitlines():
            if line.startswith(("■ ", "· ")):
                status = line[2:].split("  ", 1)[0]
                assert status in STATUS[lang].values(), f"{path.name}: {line}"


def test_who_must_act_is_shown_on_each_finding_of_a_section_that_names_them(run: Run) -> None:
    """JA-29-2 is in （二十九）“污水零直排区”建设行动, whose 责任单位 the plan lists."""
    text = _check(run, PARK).output
    block = text[_position(text, "JA-29-2") :].split("\n■ ", 1)[0]
    assert "责任单位：福兴经济开发区管委会、区建设局、晋安生态环境局、鼓山镇政府" in block
    english = _check(run, PARK, "--lang", "en").output
    block = english[_position(english, "JA-29-2") :].split("\n■ ", 1)[0]
    assert "who must act: 福兴经济开发区管委会, 区建设局, 晋安生态环境局, 鼓山镇政府" in block


def test_wrapping_keeps_words_and_punctuation_whole() -> None:
    text = "observed rural domestic sewage treatment rate 72%；未达到目标 农村生活污水治理率 ≥ 75%（2025-12-31 到期）"
    lines = wrap(text, "    reason: ", "        ", columns=40)
    assert all(columns(line) <= 40 for line in lines)
    joined = " ".join(line.strip() for line in lines)
    for word in ("observed", "domestic", "treatment", "2025-12-31", "72%；"):
        assert word in joined
    assert not any(line.strip().startswith(("；", "，", "）")) for line in lines[1:])
    assert not any(line.endswith(("（", "“")) for line in lines)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_targets_and_gaps_are_printed_whole(run: Run, lang: str) -> None:
    """`--lang en` once cut targets and statuses to fit columns; now every one is there in full."""
    path = EXAMPLES / "xiamen-district-noncompliant.yaml"
    text = " ".join(_check(run, path, "--lang", lang).output.split())
    findings = _findings(run, path)
    shown = [f for f in findings if f["status"] in ("fail", "at_risk")]
    assert shown
    for finding in shown:
        for key in ("target", "next_target"):
            view = finding[key]
            if isinstance(view, dict) and view["gap"] and not view["gap"]["met"]:
                gap, target = view["gap"][f"text_{lang}"], view[f"text_{lang}"]
                expected = f"{gap}（{target}）" if lang == "zh" else f"{gap} ({target})"
                assert " ".join(expected.split()) in text or "".join(expected.split()) in "".join(text.split())
