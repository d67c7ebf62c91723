"""Outputs a user can trust: moved into --out only when whole, the SHA-256 of what was read, an input that
changes while read refused, findings bounded, cells a spreadsheet will not run, names that cannot drive
the terminal, site ids that never collide, attestations that do not contradict themselves."""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from compliance.batch import seen as seen_module
from compliance.batch.progress import Progress
from compliance.batch.seen import SeenIds
from compliance.report.terminal import printable
from tests.conftest import AS_OF, EXAMPLES
from tests.test_batch import HEADER, Run, batch, read_sites, villages, write_csv


def _files(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in folder.iterdir()}


def test_a_rerun_that_fails_leaves_the_previous_results_as_they_were(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "out"
    batch(run, write_csv(tmp_path / "first.csv", villages(40)), out)
    before = _files(out)
    broken = tmp_path / "broken.csv"  # 6,000 rows, then a cell over the 16 MiB a CSV cell may hold: fails mid-run
    write_csv(broken, villages(6000))
    broken.write_bytes(broken.read_bytes() + b'V9999,"' + b"x" * (17 << 20) + b'"\n')
    result = run("batch", broken, "--kind", "village", "--out", out, "--quiet", "--encoding", "utf-8")
    assert result.exit_code == 2 and "broken.csv" in result.output and "Traceback" not in result.output
    assert _files(out) == before
    assert not list(tmp_path.glob("out.incomplete-*"))


def test_a_rerun_replaces_its_own_files_and_overwrite_leaves_the_users_alone(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "out"
    batch(run, write_csv(tmp_path / "a.csv", villages(10)), out)
    batch(run, write_csv(tmp_path / "b.csv", villages(12, seed=2)), out)  # its own earlier outputs: no flag needed
    assert len(read_sites(out)) == 12
    (out / "notes.txt").write_text("分析员的笔记", encoding="utf-8")
    refused = run("batch", tmp_path / "a.csv", "--kind", "village", "--out", out, "--quiet")
    assert refused.exit_code == 2 and "notes.txt" in refused.output and "--overwrite" in refused.output
    batch(run, tmp_path / "a.csv", out, "--overwrite")
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["complete"] is True and "notes.txt" not in manifest["outputs"]
    assert (out / "notes.txt").read_text(encoding="utf-8") == "分析员的笔记" and len(read_sites(out)) == 10
    assert sorted(manifest["outputs"]) == sorted(p.name for p in out.iterdir() if p.name != "notes.txt")


def test_a_rerun_removes_the_earlier_runs_files_it_does_not_write(run: Run, tmp_path: Path) -> None:
    """Last week's --findings compact run left findings.csv, requirements.csv (and findings.parquet); this week's
    full run into the same --out removes them with the earlier manifest, so nothing there passes for this run's.
    Files the tool did not write stay under --overwrite; so does a file the earlier manifest names but no run
    writes."""
    out = tmp_path / "out"
    batch(run, write_csv(tmp_path / "small.csv", villages(10)), out, "--findings", "compact")
    assert (out / "findings.csv").exists() and (out / "requirements.csv").exists()
    batch(run, write_csv(tmp_path / "big.csv", villages(30, seed=2)), out)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert sorted(p.name for p in out.iterdir()) == sorted(manifest["outputs"])
    assert "findings.csv" not in manifest["outputs"] and len(read_sites(out)) == 30
    batch(run, tmp_path / "small.csv", out, "--findings", "compact")
    (out / "notes.txt").write_text("分析员的笔记", encoding="utf-8")
    earlier = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    earlier["outputs"].append("notes.txt")  # not a name the tool writes: never removed
    (out / "manifest.json").write_text(json.dumps(earlier), encoding="utf-8")
    batch(run, tmp_path / "big.csv", out, "--overwrite")
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert sorted(p.name for p in out.iterdir()) == sorted([*manifest["outputs"], "notes.txt"])


def test_the_manifest_hashes_the_bytes_read_and_a_changing_input_is_refused(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = write_csv(tmp_path / "v.csv", villages(3_000))  # two chunks: the change comes after the first
    out = tmp_path / "out"
    batch(run, source, out)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["input"]["sha256"] == hashlib.sha256(source.read_bytes()).hexdigest()
    assert manifest["input"]["bytes_read"] == source.stat().st_size
    before = _files(out)

    def sync_client_appends(self: Progress, rows: int, fraction: float | None) -> None:
        with source.open("a", encoding="utf-8", newline="") as handle:  # a sync client rewriting the file
            csv.writer(handle).writerow(["V9999", "新村", "晋安区", "宦溪镇", "80"])

    monkeypatch.setattr(Progress, "update", sync_client_appends)
    result = run("batch", source, "--kind", "village", "--out", out, "--quiet", "--workers", "1")
    assert result.exit_code == 2 and "changed while the batch read it" in result.output
    assert _files(out) == before


def test_findings_beyond_the_limit_stop_the_batch_with_the_reason(run: Run, tmp_path: Path) -> None:
    source = write_csv(tmp_path / "v.csv", villages(6_000))  # more chunks than the two workers hold at once
    out = tmp_path / "out"
    result = run("batch", source, "--kind", "village", "--out", out, "--quiet", "--max-findings-bytes", "2M")
    assert result.exit_code == 2
    assert "findings.jsonl reached --max-findings-bytes (2,097,152 bytes)" in result.output
    staging = next(tmp_path.glob("out.incomplete-*"))
    assert str(staging) in result.output and not out.exists()
    assert (staging / "findings.jsonl").stat().st_size <= 2 << 20
    assert json.loads((staging / "manifest.json").read_text(encoding="utf-8"))["complete"] is False


def test_cells_a_spreadsheet_would_run_are_neutralised_numbers_are_not(run: Run, tmp_path: Path) -> None:
    rows = villages(4)
    rows[0][1] = '=HYPERLINK("http://example.com/x","点我")'
    rows[1][1], rows[1][-1] = " @SUM(A1:A9)", "+cmd|' /C calc'!A0"
    rows[2][-1] = "-3.5"
    rows[3][0] = "\t=1+1"
    rows.append(["\t=1+1", "重复村", "晋安区", "宦溪镇", "80"])  # repeats row 5's id: rejected
    header = [*HEADER[:-1], "=备注"]
    out = tmp_path / "out"
    batch(run, write_csv(tmp_path / "v.csv", rows, header=header), out)
    sites = read_sites(out)
    assert sites[0]["name"].startswith("'=HYPERLINK") and sites[1]["name"] == "'@SUM(A1:A9)"
    assert sites[1]["'=备注"] == "'+cmd|' /C calc'!A0" and sites[2]["'=备注"] == "-3.5"
    assert sites[4]["site_id"] == "'=1+1" and sites[4]["verdict"] == "rejected"
    rejected = list(csv.DictReader((out / "rejected.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert rejected[0]["site_id"] == "'=1+1"
    for text in ((out / "sites.csv").read_text(encoding="utf-8-sig"), (out / "rejected.csv").read_text("utf-8-sig")):
        for row in csv.reader(text.splitlines()):
            assert not [cell for cell in row if cell.lstrip()[:1] in ("=", "@", "+") or cell.startswith("-3+")]


def test_terminal_control_sequences_never_reach_the_terminal(
    run: Run, facts_file: Callable[..., Path], tmp_path: Path
) -> None:
    assert printable("九峰村\x1b]0;owned\x07\x1b[2J\x1b[31m红\x9b1m\x9d8;;http://x\x9c链接\r\x07") == "九峰村红链接"
    assert printable("第一行\n\t第二行") == "第一行\n\t第二行"
    path = facts_file({"农村生活污水治理率": 80}, name="九峰\x1b]52;c;cm0gLXJmIH4=\x07村\x1b[2J")
    for args in ((), ("--format", "json")):
        result = run("check", path, "--as-of", AS_OF.isoformat(), *args)
        assert "九峰" in result.output and "\x1b" not in result.output and "\x07" not in result.output
    rows = [["V1", "村\x1b[2J\x1b]0;x\x07", "晋安区", "宦溪镇", "80", "x"]]
    source = write_csv(tmp_path / "v.csv", rows, header=[*HEADER[:5], "备\x1b[5m注\x1b]0;t\x07"])
    result = run("batch", source, "--kind", "village", "--out", tmp_path / "o")
    assert result.exit_code == 0 and "晋安区" in result.output and "kept in sites.csv): 备注" in result.output
    assert "\x1b" not in result.output and "\x07" not in result.output


def test_colliding_digests_never_make_two_ids_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(seen_module, "_digest", lambda data: 42)  # every id collides with every other
    seen = SeenIds(capacity=4)
    for number in range(50):
        assert seen.first_row(f"V{number}", number + 2) is None
    assert [seen.first_row(f"V{number}", 999) for number in range(50)] == list(range(2, 52))
    assert "V7" in seen and "V50" not in seen and len(seen) == 50


def test_seen_ids_digest_is_the_same_in_every_run() -> None:
    assert seen_module._digest(b"JA-V-0001") == int.from_bytes(
        hashlib.blake2b(b"JA-V-0001", digest_size=8).digest(), "little", signed=True
    )


def _attestation_file(folder: Path, rows: list[dict[str, object]]) -> Path:
    path = folder / "attestations.yaml"
    path.write_text(yaml.safe_dump({"attestations": rows}, allow_unicode=True), encoding="utf-8")
    return path


def test_attestations_for_sites_or_requirements_not_in_the_run_are_a_warning(run: Run, tmp_path: Path) -> None:
    record = {"outcome": "通过", "inspector": "林检查员", "date": "2026-05-20", "evidence": "核查记录"}
    attestations = _attestation_file(
        tmp_path,
        [
            {"requirement": "JA-14-1", "site": "JA-V-0001", **record},
            {"requirement": "JA-14-1", "site": "JA-V-9999", **record},  # no such site in the run
            {"requirement": "XM-1-1", "site": "JA-V-0001", **record},  # a 厦门 item: not assessed for 晋安
        ],
    )
    result = run(
        "check", EXAMPLES / "village-compliant.yaml", "--as-of", AS_OF.isoformat(), "--attestations", attestations
    )
    assert "warning: attestations name sites not assessed in this run: JA-V-9999" in result.output
    assert "warning: attestations name requirements not assessed in this run: XM-1-1" in result.output
    rows = [["JA-V-0001", "九峰村", "晋安区", "寿山乡", "80"]]
    source = write_csv(tmp_path / "v.csv", rows, header=HEADER[:5])
    result = batch(run, source, tmp_path / "out", "--attestations", attestations)
    assert "sites not assessed in this run: JA-V-9999" in result.output
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert any("XM-1-1" in warning for warning in summary["warnings"])


def test_a_value_observed_after_the_as_of_date_is_not_assessed(run: Run, facts_file: Callable[..., Path]) -> None:
    """A figure from after the as-of date is set aside with a notice, as a later period of a series is: it never passes
    the 2025 target (whose year it is not) nor the 2027 one (a year and a half early); the same figure given as a
    series point reads the same."""
    path = facts_file({"rural_domestic_sewage_treatment_rate": {"value": 80, "observed_on": "2026-09-01"}})
    series = facts_file({"rural_domestic_sewage_treatment_rate": {"series": {"2026-09": 80}}})
    when = AS_OF.isoformat()
    as_json = [json.loads(run("check", p, "--as-of", when, "--format", "json").output) for p in (path, series)]
    statuses = [{f["requirement"]: f["status"] for f in a["assessments"][0]["findings"]} for a in as_json]
    assert statuses[0]["JA-14-7"] == statuses[1]["JA-14-7"] == "insufficient_data"
    assert statuses[0] == statuses[1]
    text = run("check", path, "--as-of", AS_OF.isoformat()).output
    assert "观测日期 2026-09-01 晚于评估日期 2026-06-30，未计入本次评估" in text
