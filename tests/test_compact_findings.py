"""`batch --findings compact`: findings.csv and findings.parquet say what findings.jsonl says, finding for finding."""

from __future__ import annotations

import builtins
import csv
import json
from pathlib import Path
from typing import Any

import pytest

from tests.test_batch import HEADER, Run, batch, read_findings, villages, write_csv


def _village_input(tmp_path: Path) -> Path:
    """Villages on and around every target with blanks, plus one whose id Excel would run as a formula."""
    rows = villages(120, seed=17)
    rows[5][0] = "=1+2"
    return write_csv(tmp_path / "villages.csv", rows)


def _expected(finding: dict[str, Any]) -> dict[str, Any]:
    """What one compact row must hold, read off the full finding as an analyst would."""
    target = finding["target"] or finding["next_target"] or {}
    gap = target.get("gap") or {}
    observed = finding["observed"]
    return {
        "row": finding["row"],
        "site": finding["site"],
        "requirement": finding["requirement"],
        "status": finding["status"],
        "metric": ";".join(o["metric"] for o in observed),
        "values": [o["value"] for o in observed],
        "target_value": target.get("value"),
        "op": target.get("op"),
        "unit": target.get("unit"),
        "gap": gap.get("amount"),
        "due": target.get("due"),
        "in_force": finding["target"] is not None,
        "missing": finding["missing"],
    }


def _number(text: str) -> float | None:
    return float(text) if text else None


def test_findings_csv_holds_every_finding_of_the_jsonl_and_the_words_once(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "out"
    batch(run, _village_input(tmp_path), out, "--findings", "compact", "--workers", "2")
    full = read_findings(out)
    raw = (out / "findings.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "findings.csv must start with a BOM for Excel"
    rows = list(csv.DictReader(raw.decode("utf-8").removeprefix("\ufeff").splitlines()))
    assert len(rows) == len(full) > 100
    statuses = set()
    for row, finding in zip(rows, full, strict=True):
        want = _expected(finding)
        statuses.add(want["status"])
        site = "'" + want["site"] if want["site"].startswith("=") else want["site"]
        assert (int(row["row"]), row["site"], row["requirement"], row["status"]) == (
            want["row"],
            site,
            want["requirement"],
            want["status"],
        )
        assert row["metric"] == want["metric"]
        values = (
            [json.loads(v) if v not in ("", "是", "否") else v for v in row["value"].split(";")] if row["value"] else []
        )
        assert values == want["values"]
        assert _number(row["target_value"]) == want["target_value"]
        assert (row["op"] or None, row["unit"] or None) == (want["op"], want["unit"] or None)
        assert _number(row["gap"]) == want["gap"]
        assert (row["due"] or None) == want["due"]
        if want["op"] is not None:
            assert row["target_in_force"] == ("true" if want["in_force"] else "false")
        assert row["missing"].split() == want["missing"]
    assert {"fail", "at_risk", "insufficient_data"} <= statuses
    assert "'=1+2" in {row["site"] for row in rows}, "a site id starting with = must be neutralised"

    words = list(csv.DictReader((out / "requirements.csv").read_text("utf-8-sig").splitlines()))
    by_id = {w["requirement"]: w for w in words}
    assert len(by_id) == len(words), "each requirement's words are written once"
    assert set(by_id) == {f["requirement"] for f in full}
    for finding in full:
        assert by_id[finding["requirement"]]["quote"] == finding["quote"]
        assert by_id[finding["requirement"]]["title_zh"] == finding["title_zh"]
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    assert {"findings.csv", "requirements.csv", "findings.jsonl"} <= set(manifest["outputs"])


def test_findings_parquet_loads_back_typed_and_equal_to_the_jsonl(run: Run, tmp_path: Path) -> None:
    parquet = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "out"
    batch(run, _village_input(tmp_path), out, "--findings", "compact")
    full = read_findings(out)
    table = parquet.read_table(out / "findings.parquet")
    assert str(table.schema.field("row").type) == "int64"
    assert str(table.schema.field("gap").type) == "double"
    rows = table.to_pylist()
    assert len(rows) == len(full)
    for row, finding in zip(rows, full, strict=True):
        want = _expected(finding)
        assert (row["row"], row["site"], row["requirement"], row["status"]) == (
            want["row"],
            want["site"],
            want["requirement"],
            want["status"],
        )
        assert row["gap"] == want["gap"]
        assert row["due"] == want["due"]
        assert (float(row["target_value"]) if row["target_value"] is not None else None) == want["target_value"]
        assert row["missing"].split() == want["missing"]


def test_without_pyarrow_the_csv_is_written_and_a_warning_says_how_to_get_parquet(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_import = builtins.__import__

    def no_pyarrow(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.split(".")[0] == "pyarrow":
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pyarrow)
    out = tmp_path / "out"
    result = batch(run, write_csv(tmp_path / "v.csv", villages(20), header=HEADER), out, "--findings", "compact")
    assert "pip install 'compliance[parquet]'" in result.output
    assert not (out / "findings.parquet").exists()
    assert (out / "findings.csv").exists()
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    assert any("pyarrow" in w for w in summary["warnings"])


def test_full_is_the_default_and_writes_no_compact_files(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "out"
    batch(run, write_csv(tmp_path / "v.csv", villages(10)), out)
    assert not (out / "findings.csv").exists()
    assert (out / "findings.jsonl").exists()
