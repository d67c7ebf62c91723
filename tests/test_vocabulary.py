"""One vocabulary: every status, verdict, strength and outcome word that check, batch, the workbook, the handover
report and the scenario tables show comes from `report/words.py`, and its tables name every value."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import get_args

import openpyxl
import pytest
from click.testing import Result

from compliance.bdd.coverage import Coverage, Row, render_text
from compliance.model.attestation import Attestation
from compliance.model.plan import Modality, Strength
from compliance.model.result import Status, Verdict
from compliance.report.words import ALSO_READ, BATCH_VERDICT_ZH, MODALITY, OUTCOME, STATUS, STATUS_ZH, STRENGTH, VERDICT
from tests.conftest import EXAMPLES

Run = Callable[..., Result]
AS_OF = "2026-06-30"
OTHER_WORDS = {word for words in ALSO_READ.values() for word in words} - set(STATUS["zh"].values())
"""Words a scenario may write for a status or verdict but no output prints (符合, 达标, 待人工核查 …)."""


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_value_has_one_word_in_each_language(lang: str) -> None:
    outcomes = get_args(Attestation.model_fields["outcome"].annotation)
    for table, values in (
        (STATUS, [s for s in Status]),
        (VERDICT, [v for v in Verdict]),
        (STRENGTH, [s.value for s in Strength]),
        (MODALITY, [m.value for m in Modality]),
        (OUTCOME, list(outcomes)),
    ):
        words = table[lang]
        assert set(words) == set(values), f"{lang}: {sorted(map(str, set(values) ^ set(words)))}"
        assert len(set(words.values())) == len(words), f"two values share a word: {words}"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_check_text_says_verdict_and_counts_in_the_words(run: Run, lang: str) -> None:
    result = run("check", EXAMPLES / "village-noncompliant.yaml", "--as-of", AS_OF, "--lang", lang)
    head = "结论：" if lang == "zh" else "verdict: "
    line = next(line for line in result.output.splitlines() if line.startswith(head))
    verdict, _, counted = line.removeprefix(head).partition("（" if lang == "zh" else " (")
    assert verdict == VERDICT[lang][Verdict.NON_COMPLIANT]
    counts = re.findall(r"([^：:，,；;（(]+?) (\d+)", counted)
    assert counts and {word.strip() for word, _ in counts} <= set(STATUS[lang].values()), counts


def test_check_json_carries_the_codes_the_words_are_kept_for(run: Run) -> None:
    result = run("check", EXAMPLES / "village-noncompliant.yaml", "--as-of", AS_OF, "--format", "json")
    assessment = json.loads(result.output)["assessments"][0]
    assert assessment["verdict"] in {v.value for v in Verdict}
    assert {f["status"] for f in assessment["findings"]} <= {s.value for s in Status}
    assert {f["strength"] for f in assessment["findings"]} <= set(STRENGTH["zh"])
    assert {f["modality"] for f in assessment["findings"]} <= set(MODALITY["zh"])


def test_batch_sites_summary_and_workbook_use_the_words(run: Run, tmp_path: Path) -> None:
    table = tmp_path / "villages.csv"
    with table.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["站点编号", "名称", "所在区", "乡镇", "农村生活污水治理率(%)", "农村自来水普及率(%)"])
        writer.writerow(["V1", "九峰村", "晋安区", "宦溪镇", "92.5", "99.95"])
        writer.writerow(["V2", "降虎村", "晋安区", "宦溪镇", "70", ""])
        writer.writerow(["V3", "寿山村", "晋安区", "寿山乡", "100%", "abc"])
    out = tmp_path / "out"
    result = run("batch", table, "--kind", "village", "--out", out, "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    with (out / "sites.csv").open(encoding="utf-8-sig") as handle:
        sites = list(csv.DictReader(handle))
    with (out / "rejected.csv").open(encoding="utf-8-sig") as handle:
        rejected = {row["site_id"] for row in csv.DictReader(handle)}
    assert {site["site_id"] for site in sites} | rejected == {"V1", "V2", "V3"}
    assert {site["verdict_zh"] for site in sites} <= set(BATCH_VERDICT_ZH.values())
    assert {site["verdict"] for site in sites} <= set(BATCH_VERDICT_ZH)
    assert {site["verdict_zh"] for site in sites} & set(VERDICT["zh"].values()), "some row was assessed"

    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert list(summary["verdicts"]) == list(BATCH_VERDICT_ZH), "the summary counts the outcomes words.py names"
    for requirement in summary["requirements"]:
        assert list(requirement["counts"]) == list(STATUS_ZH)
        assert requirement["strength"] in STRENGTH["zh"] and requirement["modality"] in MODALITY["zh"]
    assert not _strings(summary) & OTHER_WORDS, _strings(summary) & OTHER_WORDS

    book = openpyxl.load_workbook(out / "report.xlsx", read_only=True)
    cells = {str(c) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for c in row if c}
    assert set(STATUS_ZH.values()) <= cells and set(BATCH_VERDICT_ZH.values()) <= cells
    assert not cells & OTHER_WORDS, cells & OTHER_WORDS


def _strings(data: object) -> set[str]:
    """Every string of a JSON document, keys and values."""
    if isinstance(data, dict):
        return {str(k) for k in data} | {s for v in data.values() for s in _strings(v)}
    if isinstance(data, list):
        return {s for v in data for s in _strings(v)}
    return {data} if isinstance(data, str) else set()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_handover_report_uses_the_words(run: Run, tmp_path: Path, lang: str) -> None:
    park = EXAMPLES / "park-noncompliant.yaml"
    run("report", park, "--as-of", AS_OF, "--out", tmp_path, "--format", "md", "--lang", lang)
    page = next(tmp_path.glob("*.md")).read_text(encoding="utf-8")
    assert VERDICT[lang][Verdict.NON_COMPLIANT] in page
    blank = f"□ {OUTCOME[lang]['pass']}　□ {OUTCOME[lang]['fail']}"
    assert blank in page, "the checklist offers the outcomes the attestations reader takes"
    counted = re.search(r"(?:各状态项数：|Findings by status: )(.+)", page)
    assert counted is not None
    groups = [re.split(r"[：:] ?", g, maxsplit=1)[-1] for g in re.split(r"[；;] ?", counted.group(1))]
    words = {re.sub(r"\s*\d+$", "", part).strip() for g in groups for part in re.split(r"[，,] ?", g)}
    assert words <= set(STATUS[lang].values()), words


def test_the_coverage_table_heads_are_the_status_words() -> None:
    rows = [Row("JA-14-1", "decidable", {Status.PASS, Status.FAIL}, 2), Row("JA-14-2", "review")]
    head, _, second = render_text(Coverage(rows, []), "zh").splitlines()[:3]
    for status in (Status.PASS, Status.INSUFFICIENT_DATA, Status.NOT_APPLICABLE):
        assert STATUS["zh"][status] in head.split()
    assert STATUS["zh"][Status.NEEDS_REVIEW] in second.split()
