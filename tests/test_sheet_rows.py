"""report.xlsx's findings sheet made from the rows the chunks hand over is the sheet read back from
findings.jsonl: past the sheet's row limit, with compact findings, with full assessments (attestations),
and when part of it is read back after the handed-over rows."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from compliance.batch import sheetrows
from compliance.batch.findingtexts import field_name, json_text, line_head, sheet_row, template_of
from compliance.batch.sheetrows import FINDINGS_HEADER_ZH, finding_cells, line_cells
from compliance.report.xlsx import Workbook
from tests.conftest import EXAMPLES
from tests.test_batch import Run, batch, villages, write_csv

FINDINGS_SHEET = "xl/worksheets/sheet3.xml"


def sheet_xml(workbook: Path) -> bytes:
    with zipfile.ZipFile(workbook) as archive:
        return archive.read(FINDINGS_SHEET)


def read_back_sheet(out: Path, limit: int, folder: Path) -> bytes:
    """The findings sheet as it was made before rows were handed over: every line of findings.jsonl parsed."""
    lines = (out / "findings.jsonl").read_text(encoding="utf-8").splitlines()
    path = folder / "read-back.xlsx"
    with Workbook(path) as book:
        for name in ("概况 overview", "站点 sites"):
            book.sheet(name, ["-"], [])
        book.sheet("问题 findings", FINDINGS_HEADER_ZH, (finding_cells(json.loads(line)) for line in lines), limit)
    return sheet_xml(path)


def report_rows(out: Path) -> int:
    return int(json.loads((out / "manifest.json").read_text(encoding="utf-8"))["report_rows"]["findings"])


CHUNK = 500
"""Rows a chunk holds here (2,500 in a real run): three chunks' worth of villages is then quick to assess."""


@pytest.fixture(autouse=True)
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("compliance.batch.chunks.CHUNK_ROWS", CHUNK)


@pytest.fixture(scope="module")
def three_chunks(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """1,500 villages: three chunks of input, about 3,500 findings (some 1,170 a chunk)."""
    return write_csv(tmp_path_factory.mktemp("villages") / "villages.csv", villages(3 * CHUNK))


@pytest.mark.parametrize(
    ("workers", "extra", "limit"),
    [
        ("2", [], 20_000),  # every finding fits on the sheet
        ("2", ["--xlsx-rows", "1700"], 1_700),  # the sheet ends inside the second chunk
        ("1", ["--xlsx-rows", "3", "--findings", "compact"], 3),
        ("1", ["--all-findings"], 20_000),  # the sheet ends part-way, passes written too
    ],
)
def test_handed_over_rows_make_the_sheet_read_back_from_findings_jsonl(
    run: Run, tmp_path: Path, three_chunks: Path, workers: str, extra: list[str], limit: int
) -> None:
    out = tmp_path / "out"
    batch(run, three_chunks, out, "--workers", workers, *extra)
    findings = (out / "findings.jsonl").read_bytes().count(b"\n")
    assert report_rows(out) == min(findings, limit) > 0
    assert sheet_xml(out / "report.xlsx") == read_back_sheet(out, limit, tmp_path)


@pytest.mark.parametrize("workers", ["1", "2"])
def test_rows_past_those_kept_in_memory_are_read_back_from_where_the_handed_lines_end(
    run: Run, tmp_path: Path, three_chunks: Path, monkeypatch: pytest.MonkeyPatch, workers: str
) -> None:
    monkeypatch.setattr(sheetrows, "HANDED_LIMIT", 600)  # met inside the first chunk: the rest is read back
    out = tmp_path / "out"
    batch(run, three_chunks, out, "--workers", workers, "--xlsx-rows", "3000")
    assert report_rows(out) == 3_000  # past the first chunk's rows, short of the last
    assert sheet_xml(out / "report.xlsx") == read_back_sheet(out, 3_000, tmp_path)


def test_sites_assessed_in_full_hand_over_their_parsed_lines(run: Run, tmp_path: Path) -> None:
    """A site with attestations is assessed in full, not by its class; so are the other findings with
    --all-findings here, their rows read from their lines."""
    out = tmp_path / "out"
    source = EXAMPLES / "villages-jinan-gbk.csv"
    batch(run, source, out, "--attestations", EXAMPLES / "attestations.yaml", "--all-findings", "--workers", "1")
    assert sheet_xml(out / "report.xlsx") == read_back_sheet(out, 20_000, tmp_path)


def _finding(reason_zh: str, title_zh: str = "农村生活污水治理率（2025年）") -> str:
    """A finding's JSON as `SlotDisplay` shows it (slots where each site's values go), without its brace."""
    finding = {
        "requirement": "JA-14-7",
        "plan": "jinan",
        "title_zh": title_zh,
        "status": "fail",
        "observed": [{"metric": "m", "value": "\ue000v0\ue001", "display_zh": "\ue000z0\ue001"}],
        "target": {"text_zh": "农村生活污水治理率 ≥ 75%", "gap": "\ue000gJA-14-7|f\ue001"},
        "next_target": None,
        "missing": ["rural_tap_water_coverage"],
        "reason_zh": reason_zh,
        "reason_en": "observed \ue000e0\ue001; does not meet target",
        "attestation": None,
    }
    return json.dumps(finding, ensure_ascii=False, separators=(",", ":"))[1:]


@pytest.mark.parametrize(
    ("reason", "title"),
    [
        ("观测：农村生活污水治理率 \ue000z0\ue001；未达到目标", "农村生活污水治理率（2025年）"),
        ('观测 \ue000z0\ue001 含 "引号"、反斜杠 \\ 与 制表\t符', "农村生活污水治理率（2025年）"),
        ("观测 \ue000z0\ue001", "标题里的值 \ue000z0\ue001"),  # a slot outside the reason: the line is parsed whole
    ],
)
def test_a_sheet_row_reads_the_line_as_json_would(reason: str, title: str) -> None:
    template = template_of(_finding(reason, title), lambda slot: ["m"], set())
    assert (template.sheet is None) == ("\ue000" in title)
    site = {"id": 'V"01\\', "name": "岭头村"}
    head = line_head(7, site)
    for shown in ["73.9%", '7"3\\9%', "85%（估）"]:
        texts = {b"v0": b"73.9", b"z0": json_text(shown).encode(), b"e0": json_text(shown).encode()}
        texts[field_name(("g", "JA-14-7", "f")).encode()] = b"null"
        body = template.pattern % texts
        reasons: dict[bytes, str] = {}
        row = sheet_row(template, 7, site, head, body, reasons)
        assert row == line_cells(head + body) == sheet_row(template, 7, site, head, body, reasons)
        assert list(reasons.values()) == ([] if template.sheet is None else [row[6]])
        assert row[6] == reason.replace("\ue000z0\ue001", shown)
