"""One realistic facts file per site kind (examples/sites/): each gets its expected verdict and statuses."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import Result

from compliance.model.plan import RulePack
from tests.conftest import EXAMPLES

SITES = EXAMPLES / "sites"
EXPECTED_FILE = SITES / "expected.yaml"
EXPECTED: dict[str, Any] = yaml.safe_load(EXPECTED_FILE.read_text(encoding="utf-8"))
SITE_FILES = sorted(p for p in SITES.glob("*.yaml") if p != EXPECTED_FILE)
EXIT_CODES = {"compliant": 0, "non_compliant": 1, "incomplete": 3, "no_applicable_requirement": 4}
BATCH_INPUTS = {"villages-jinan-gbk.csv": "village", "villages-jinan.xlsx": "village", "villages-xiamen.csv": "village"}
"""Batch examples carry no kind of their own: they are run with --kind village."""
DISTRICT_SERIES = SITES / "jinan-district.yaml"


def check(run: Callable[..., Result], path: Path) -> tuple[Result, dict[str, Any]]:
    result = run("check", path, "--as-of", str(EXPECTED["as_of"]), "--format", "json")
    document = json.loads(result.output)
    assert document["errors"] == [], document["errors"]
    (assessment,) = document["assessments"]
    return result, assessment


def decidable_ids(pack: RulePack) -> set[str]:
    return {r.id for r in pack.requirements if r.check is not None}


def test_every_site_file_has_expectations_and_a_readme_line() -> None:
    assert str(EXPECTED["as_of"]) == "2026-06-30"
    assert sorted(p.name for p in SITE_FILES) == sorted(EXPECTED["files"])
    readme = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    assert [p.name for p in SITE_FILES if f"`sites/{p.name}`" not in readme] == []


@pytest.mark.parametrize("path", SITE_FILES, ids=lambda p: p.name)
def test_site_example_gets_its_expected_verdict_and_statuses(
    path: Path, run: Callable[..., Result], pack: RulePack
) -> None:
    expected = EXPECTED["files"][path.name]
    result, assessment = check(run, path)
    assert assessment["verdict"] == expected["verdict"]
    assert result.exit_code == EXIT_CODES[expected["verdict"]]
    decidable = decidable_ids(pack)
    statuses = {f["requirement"]: f["status"] for f in assessment["findings"] if f["requirement"] in decidable}
    assert statuses == expected["findings"]
    assert not [f for f in assessment["findings"] if f["status"] == "insufficient_data"], "examples state every fact"


def test_most_site_examples_are_mixed() -> None:
    """Where a kind has two or more decidable findings, the file shows a pass as well as a problem."""
    mixed = [
        name
        for name, entry in EXPECTED["files"].items()
        if "pass" in entry["findings"].values() and {"fail", "at_risk"} & set(entry["findings"].values())
    ]
    non_compliant = [name for name, entry in EXPECTED["files"].items() if entry["verdict"] == "non_compliant"]
    assert len(non_compliant) > len(EXPECTED["files"]) / 2
    assert len(mixed) > len(EXPECTED["files"]) / 2


def example_kinds() -> set[str]:
    kinds = set()
    for path in EXAMPLES.rglob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and isinstance(data.get("site"), dict):
            kinds.add(data["site"]["kind"])
    return kinds | {kind for name, kind in BATCH_INPUTS.items() if (EXAMPLES / name).is_file()}


def test_every_kind_with_a_decidable_rule_has_an_example(pack: RulePack) -> None:
    catalogue_kinds = {k.id for k in pack.catalogue.kinds}
    decidable_kinds = {kind for r in pack.requirements if r.check is not None for kind in r.applies.kinds}
    assert decidable_kinds <= catalogue_kinds
    assert sorted(decidable_kinds - example_kinds()) == []


def test_district_series_reasons_name_the_years(run: Callable[..., Result], pack: RulePack) -> None:
    data = yaml.safe_load(DISTRICT_SERIES.read_text(encoding="utf-8"))
    assert data["site"]["kind"] == "district"
    _, assessment = check(run, DISTRICT_SERIES)
    assert assessment["plans"] == ["jinan"]
    trend_ids = {r.id for r in pack.requirements if r.check is not None and '"trend"' in r.check.model_dump_json()}
    trend_findings = [f for f in assessment["findings"] if f["requirement"] in trend_ids]
    every_year = {r.id for r in pack.requirements if r.check is not None and '"each"' in r.check.model_dump_json()}
    assert {f["requirement"] for f in trend_findings} >= {"JA-0-9", "JA-0-10", "JA-0-11", "JA-0-33", "JA-0-34"}
    for finding in trend_findings:
        (observed,) = finding["observed"]
        keys = [k for k in (observed["metric"], observed["name_zh"], observed["name_en"]) if k in data["facts"]]
        series = data["facts"][keys[0]]["series"]
        assert len(series) >= 3 or finding["requirement"] in every_year, finding["requirement"]
        for year in series:
            for reason in (finding["reason_zh"], finding["reason_en"]):
                assert re.search(rf"(?<!\d){year}(?!\d)", reason), (finding["requirement"], year, reason)
    by_id = {f["requirement"]: f for f in trend_findings}
    assert "较2020年变化 -16.90%" in by_id["JA-0-10"]["reason_zh"]
    assert "不满足要求的时期：2023" in by_id["JA-0-11"]["reason_zh"]
