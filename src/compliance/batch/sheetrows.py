"""The findings sheet of report.xlsx, its rows handed over by whoever wrote the findings.

The sheet holds the first `--xlsx-rows` findings of findings.jsonl. Reading them back at the end and
parsing each line as JSON cost about 20 µs a finding, half of the workbook's time at 10,000 villages,
while the one who wrote a line had its parts at hand. So the chunks the sheet needs make its rows as
they write their lines (`FindingTexts.fill`, or a parsed line where a site was assessed in full), and
hand them back with the chunk's other results. The main process asks for them while it has fewer than it
needs (a few chunks in flight ask in vain); past `HANDED_LIMIT` rows, or after a chunk that did not
make them, the rest are read back from findings.jsonl from where the handed chunks' lines end.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from itertools import chain
from pathlib import Path
from typing import Any

from compliance.batch.chunks import Chunk
from compliance.report.words import STATUS_ZH
from compliance.report.xlsx import Cell

SHEET_ZH = "工作表"
"""The first column of report.xlsx's sites and findings sheets in a run of several sheets."""
FINDINGS_HEADER_ZH = ["行号", "站点编号", "名称", "要求编号", "状态", "要求", "原因", "目标", "缺少数据"]
REASON_AT = 6
"""Where reason_zh sits in a row: the one cell of a class's finding that its sites' values fill in."""
HANDED_LIMIT = 100_000
"""Most rows kept in memory as handed over (about 300 bytes each); a longer sheet reads the rest back."""
Marked = tuple[Chunk, bool]
"""A chunk and whether it should make its findings' sheet rows."""


def finding_cells(finding: dict[str, Any]) -> list[Cell]:
    """A finding's row on the sheet, from its findings.jsonl line as parsed JSON."""
    target = finding.get("target") or {}
    sheet = [finding["sheet"]] if "sheet" in finding else []
    return [
        *sheet,
        finding["row"],
        finding["site"],
        finding["site_name"],
        finding["requirement"],
        STATUS_ZH.get(finding["status"], finding["status"]),
        finding["title_zh"],
        finding["reason_zh"],
        target.get("text_zh", ""),
        " ".join(finding.get("missing", [])),
    ]


def line_cells(line: bytes | str) -> list[Cell]:
    return finding_cells(json.loads(line))


def read_back(findings: Path, offset: int) -> Iterator[list[Cell]]:
    """The rows of findings.jsonl's lines from byte `offset` on."""
    with findings.open("rb") as handle:
        handle.seek(offset)
        for line in handle:
            yield line_cells(line)


class SheetRows:
    """The main process's side: the rows the chunks handed over, in input order, and where their lines end."""

    def __init__(self, limit: int) -> None:
        self.limit = min(limit, HANDED_LIMIT)
        self.rows: list[list[Cell]] = []
        self.offset = 0
        """The bytes of findings.jsonl that the handed rows stand for."""
        self._whole = True
        """Whether every chunk so far handed its rows over (the rows are then the sheet's first)."""

    def wanted(self) -> bool:
        """Whether the next chunk to be handed out should make its rows."""
        return self._whole and len(self.rows) < self.limit

    def marking(self, chunks: Iterable[Chunk]) -> Iterator[Marked]:
        """Each chunk, as it is handed out, with whether it should make its rows."""
        for chunk in chunks:
            yield chunk, self.wanted()

    def take(self, rows: list[list[Cell]] | None, findings_bytes: int) -> None:
        """The next chunk's rows (None when it made none) and the length of its findings.jsonl lines."""
        if rows is None or not self.wanted():
            self._whole = False
            return
        self.rows += rows
        self.offset += findings_bytes

    def all(self, findings: Path) -> Iterator[list[Cell]]:
        """Every finding's row: those handed over, then the rest read back (only as far as they are read)."""
        return chain(self.rows, read_back(findings, self.offset))
