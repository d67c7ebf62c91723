"""`batch --findings compact`: findings.csv and findings.parquet say what findings.jsonl says, finding for finding.

The workers write findings.csv as they go; the reference it must equal byte for byte is the writer that made
it from findings.jsonl at the end of a run (`reference_csv`, kept here)."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from compliance.batch.compact import FINDINGS_HEADER, compact_row
from compliance.batch.outputs import csv_head
from compliance.batch.sitescsv import safe_cell
from tests.conftest import EXAMPLES
from tests.test_batch import HEADER, Run, batch, read_findings, villages, write_csv


def _village_input(tmp_path: Path) -> Path:
    """Villages on and around every target with blanks, plus one whose id Excel would run as a formula."""
    rows = villages(120, seed=17)
    rows[5][0] = "=1+2"
    return write_csv(tmp_path / "villages.csv", rows)


def reference_csv(out: Path) -> bytes:
    """findings.csv as it was made before the workers wrote it: from findings.jsonl, line by line."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for line in (out / "findings.jsonl").read_bytes().splitlines():
        text = ["" if cell is None else compact_text(cell) for cell in compact_row(json.loads(line))]
        text[1], text[5] = safe_cell(text[1]), safe_cell(text[5])
        writer.writerow(text)
    return csv_head(FINDINGS_HEADER) + buffer.getvalue().encode()


def compact_text(cell: Any) -> str:
    if isinstance(cell, bool):
        return "true" if cell else "false"
    return cell if isinstance(cell, str) else repr(cell)


def _awkward_input(tmp_path: Path) -> Path:
    """Ids and names a CSV must quote or a spreadsheet would run, and one site with attestations (assessed
    in full, not from its class)."""
    rows = villages(160, seed=23)
    rows[3][0], rows[4][0], rows[7][0] = 'V"引号"', "V,逗号", "+V7"
    rows[9][0] = "JA-V-0001"  # examples/attestations.yaml attests two of its requirements
    rows[11][1] = "=HYPERLINK(1)"
    return write_csv(tmp_path / "awkward.csv", rows)


@pytest.mark.parametrize(
    "extra",
    [["--workers", "1"], ["--workers", "2"], ["--workers", "2", "--all-findings"]],
    ids=["1-worker", "2-workers", "all-findings"],
)
def test_findings_csv_is_byte_for_byte_what_the_jsonl_reads_as(run: Run, tmp_path: Path, extra: list[str]) -> None:
    out = tmp_path / "out"
    attestations = ["--attestations", str(EXAMPLES / "attestations.yaml")]
    batch(run, _awkward_input(tmp_path), out, "--findings", "compact", *attestations, *extra)
    written = (out / "findings.csv").read_bytes()
    assert written == reference_csv(out)
    text = written.decode("utf-8")
    assert ',"V""引号""",' in text and ',"V,逗号",' in text and ",'+V7," in text, "quoted and neutralised as csv does"
    full = read_findings(out)
    assert any(f["site"] == "JA-V-0001" for f in full) and len(full) == written.count(b"\r\n") - 1
    requirements = list(csv.DictReader((out / "requirements.csv").read_text("utf-8-sig").splitlines()))
    assert [r["requirement"] for r in requirements] == list(
        dict.fromkeys(r for r in _pack_order(out) if r in {f["requirement"] for f in full})
    )


def _pack_order(out: Path) -> list[str]:
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    return [s["requirement"] for s in summary["requirements"]]


def test_facts_documents_write_their_compact_rows_too(run: Run, tmp_path: Path) -> None:
    """A JSONL of facts documents is assessed document by document, in full: its rows come from the findings."""
    lines = []
    for name in ("village-compliant.yaml", "village-noncompliant.yaml"):
        document = yaml.safe_load((EXAMPLES / name).read_text(encoding="utf-8"))
        lines.append(json.dumps(document, ensure_ascii=False, default=str))
    source = tmp_path / "v.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    batch(run, source, out, "--findings", "compact")
    assert len(read_findings(out)) > 3
    assert (out / "findings.csv").read_bytes() == reference_csv(out)


def test_a_stopped_compact_run_publishes_no_findings_csv_and_keeps_whole_rows(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("compliance.batch.chunks.CHUNK_ROWS", 500)  # smaller than the shipped chunk, as is the limit
    source = write_csv(tmp_path / "v.csv", villages(2_000))  # four chunks: the third passes the limit
    out = tmp_path / "out"
    argv = ["--kind", "village", "--out", out, "--quiet", "--findings", "compact", "--workers", "2"]
    result = run("batch", source, *argv, "--max-findings-bytes", "12M")  # a chunk of 500 writes about 4.6 MB
    assert result.exit_code == 2 and "--max-findings-bytes" in result.output
    assert not out.exists()
    staging = next(tmp_path.glob("out.incomplete-*"))
    kept = (staging / "findings.csv").read_bytes()
    assert kept.count(b"\r\n") > 200 and kept == reference_csv(staging), "the same whole chunks as the JSONL"
    assert not (staging / "requirements.csv").exists() and not (staging / "findings.parquet").exists()
    manifest = json.loads((staging / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["complete"] is False and "findings.csv" in manifest["outputs"]


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
    batch(run, _village_input(tmp_path), out, "--findings", "compact", "--workers", "2")
    full = read_findings(out)
    table = parquet.read_table(out / "findings.parquet")
    types = {name: str(table.schema.field(name).type) for name in table.schema.names}
    assert list(types) == FINDINGS_HEADER
    assert (types["row"], types["gap"], types["target_in_force"], types["site"]) == (
        "int64",
        "double",
        "bool",
        "string",
    )
    rows = table.to_pylist()
    assert len(rows) == len(full)
    for row, finding in zip(rows, full, strict=True):
        want = _expected(finding)
        site = "'" + want["site"] if want["site"].startswith("=") else want["site"]  # as findings.csv and sites.csv
        assert (row["row"], row["site"], row["requirement"], row["status"]) == (
            want["row"],
            site,
            want["requirement"],
            want["status"],
        )
        assert row["gap"] == want["gap"]
        assert row["due"] == want["due"]
        assert (float(row["target_value"]) if row["target_value"] is not None else None) == want["target_value"]
        assert (row["missing"] or "").split() == want["missing"], "an empty cell is null"
        assert row["target_in_force"] == (want["in_force"] if want["op"] is not None else None)
    assert "'=1+2" in {row["site"] for row in rows}


def test_without_pyarrow_the_csv_is_written_and_a_warning_says_how_to_get_parquet(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # `import pyarrow` then fails, as where it is not installed
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
