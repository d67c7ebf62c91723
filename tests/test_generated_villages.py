"""The benchmark's villages (`benchmarks/batch_villages.py`: a 2020–2025 series with blank years, about 5% of
cells blank, township codes, 是/否 columns) give in `batch` every finding `compliance check` gives for the
same village written as a facts file (read as `check` reads it), finding for finding; and the compact
findings.csv says the same."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Any

from compliance.assess.assessor import Assessor
from compliance.load.divisions import divisions_of
from compliance.load.facts import facts_from
from compliance.load.yamlsrc import parse
from compliance.model.plan import RulePack
from tests.conftest import AS_OF
from tests.test_batch import Run, batch, read_findings, read_sites, write_csv
from tests.test_compact_findings import reference_csv

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

from batch_villages import header, village_rows  # noqa: E402

FIRST_YEAR = 2020
"""The plan's base year: JA-15-3 (减量化) is decided from the series unless a year it needs is blank."""
SERIES = "生活垃圾产生量"


def _facts_file(cells: dict[str, str]) -> dict[str, Any]:
    """One generated row as an inspector would write its facts file: metrics by their Chinese names, a percent
    with its sign, the yearly series under `series` with its blank years written blank, other blank cells
    left out."""
    facts: dict[str, Any] = {}
    series: dict[int, float | str] = {}
    for title, text in cells.items():
        if title.startswith(SERIES):
            series[int(title.rsplit("[", 1)[1].rstrip("]"))] = float(text) if text else ""
            continue
        if not text or title in ("站点编号", "名称", "所在区", "乡镇", "行政区划代码", "备注"):
            continue
        if title.endswith("(%)"):
            facts[title.removesuffix("(%)")] = f"{text}%"
        else:
            facts[title] = text
    if any(value != "" for value in series.values()):
        facts[SERIES] = {"series": series}
    site = {
        "id": cells["站点编号"],
        "kind": "village",
        "name": cells["名称"],
        "district": cells["所在区"],
        "admin_code": cells["行政区划代码"],
        "attributes": {"township": cells["乡镇"]},
    }
    return {"site": site, "facts": facts}


def test_generated_villages_agree_with_check_finding_for_finding(
    run: Run, tmp_path: Path, pack: RulePack, assessor: Assessor
) -> None:
    titles = header(FIRST_YEAR)
    rows = village_rows(300, seed=31, first_year=FIRST_YEAR)
    source = write_csv(tmp_path / "villages.csv", rows, header=titles)
    out = tmp_path / "out"
    batch(run, source, out, "--all-findings", "--workers", "2", "--findings", "compact")

    findings = read_findings(out)
    found: dict[str, list[dict[str, object]]] = {}
    for finding in findings:
        found.setdefault(str(finding["site"]), []).append(finding)
    sites = {s["site_id"]: s for s in read_sites(out)}
    divisions = divisions_of(pack.divisions)
    statuses: dict[str, set[str]] = {}
    for row in rows:
        label = f"{row[0]}.json"  # a facts file as `check` reads one: parsed, validated, its place resolved
        text = json.dumps(_facts_file(dict(zip(titles, row, strict=True))), ensure_ascii=False)
        expected = assessor.assess(facts_from(parse(text, label), pack.catalogue, label, divisions), AS_OF)
        assert sites[row[0]]["verdict"] == expected.verdict.value, row
        got = [{k: v for k, v in f.items() if k not in ("row", "site", "site_name")} for f in found[row[0]]]
        assert got == [json.loads(f.model_dump_json()) for f in expected.findings], row
        for finding in expected.findings:
            statuses.setdefault(finding.requirement, set()).add(finding.status.value)
    assert {"pass", "fail", "insufficient_data"} <= statuses["JA-15-3"], "the series decides some, and its holes not"
    written = (out / "findings.csv").read_bytes()
    assert written == reference_csv(out)
    assert len(list(csv.reader(written.decode("utf-8-sig").splitlines()))) == len(findings) + 1
