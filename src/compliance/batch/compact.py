"""Compact findings for analysts (`--findings compact`): findings.csv, requirements.csv, findings.parquet.

findings.jsonl repeats each requirement's quote, titles and bilingual reasons on every line (kilobytes a
site). An analyst loading a province's findings into a spreadsheet, pandas or DuckDB wants one narrow row
per finding instead (ids, status, value, target, gap, due date) and the words once, in requirements.csv,
joined on the requirement id. The rows are read back from the run's own findings.jsonl, so both always say
the same; Parquet is written only when pyarrow is installed (the optional extra `compliance[parquet]`).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from compliance.batch.outputs import FINDINGS, FINDINGS_CSV, FINDINGS_PARQUET, REQUIREMENTS_CSV, csv_head
from compliance.batch.sitescsv import safe_cell, safe_cells
from compliance.model.plan import RulePack

FINDINGS_HEADER = [
    "row",
    "site",
    "requirement",
    "status",
    "metric",
    "value",
    "target_value",
    "op",
    "unit",
    "gap",
    "gap_unit",
    "due",
    "target_in_force",
    "missing",
]
"""One finding a row. `target_in_force` is false when the target shown is the next one ahead (no target is
due yet); `value` holds the observed values joined by `;` when a requirement reads several metrics; values and
targets are text (a target may be 是/否 or a list), the gap a number."""
REQUIREMENTS_HEADER = ["requirement", "plan", "title_zh", "title_en", "section", "quote", "strength", "modality"]
ROW_GROUP = 100_000
"""Findings per Parquet row group: a few megabytes in memory at a time, whatever the run's size."""
NO_PYARROW = "findings.parquet not written: pyarrow is not installed (pip install 'compliance[parquet]')"


def _text(value: Any) -> str:
    """A value as the CSV shows it: numbers as JSON writes them, booleans true/false, None empty."""
    if value is None:
        return ""
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return repr(value)  # what json writes for a number, without its encoder's cost
    return json.dumps(value, ensure_ascii=False)


def compact_row(finding: dict[str, Any]) -> list[Any]:
    """A findings.jsonl finding as one compact row (typed: numbers stay numbers, blanks are None)."""
    target = finding.get("target")
    in_force = target is not None
    target = target if in_force else finding.get("next_target")
    target = target or {}
    gap = target.get("gap") or {}
    observed = finding.get("observed") or []
    return [
        finding["row"],
        finding["site"],
        finding["requirement"],
        finding["status"],
        ";".join(o["metric"] for o in observed),
        ";".join(_text(o.get("value")) for o in observed),
        None if target.get("value") is None else _text(target["value"]),
        target.get("op"),
        target.get("unit"),
        gap.get("amount"),
        gap.get("unit"),
        target.get("due"),
        in_force if target else None,
        " ".join(finding.get("missing") or []),
    ]


_WORDS = b',"reason_zh":'
"""Where a findings.jsonl line's words begin (reasons, units, warnings): nothing after it goes into a
compact row, so a line is parsed only up to it. In JSON text the key cannot occur inside a string, whose
quotes are escaped."""


def _findings(path: Path) -> Iterator[dict[str, Any]]:
    with path.open("rb") as handle:
        for line in handle:
            words = line.find(_WORDS)
            parsed: dict[str, Any] = json.loads(line[:words] + b"}" if words > 0 else line)
            yield parsed


def write_compact(out: Path, pack: RulePack) -> list[str]:
    """Write the compact files from `out`/findings.jsonl. Returns warnings (Parquet left out, and why)."""
    parquet = _ParquetWriter.open(out / FINDINGS_PARQUET)
    seen: set[str] = set()
    with (out / FINDINGS_CSV).open("wb") as handle:
        handle.write(csv_head(FINDINGS_HEADER))
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        for count, finding in enumerate(_findings(out / FINDINGS), start=1):
            row = compact_row(finding)
            seen.add(row[2])
            text = [_text(cell) for cell in row]
            text[1], text[5] = safe_cell(text[1]), safe_cell(text[5])  # the only cells taken from the input
            writer.writerow(text)
            if parquet is not None:
                parquet.add(row)
            if count % ROW_GROUP == 0:
                handle.write(buffer.getvalue().encode())
                buffer.seek(0)
                buffer.truncate()
        handle.write(buffer.getvalue().encode())
    if parquet is not None:
        parquet.close()
    _write_requirements(out / REQUIREMENTS_CSV, pack, seen)
    return [] if parquet is not None else [NO_PYARROW]


def _write_requirements(path: Path, pack: RulePack, ids: set[str]) -> None:
    """The words of every requirement findings.csv names, once each, in the pack's order."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for requirement in pack.requirements:
        if requirement.id in ids:
            writer.writerow(
                safe_cells(
                    [
                        requirement.id,
                        pack.plan_of[requirement.id],
                        requirement.title_zh,
                        requirement.title_en,
                        requirement.section,
                        requirement.quote,
                        requirement.strength.value,
                        requirement.modality.value,
                    ]
                )
            )
    path.write_bytes(csv_head(REQUIREMENTS_HEADER) + buffer.getvalue().encode())


class _ParquetWriter:
    """findings.parquet, a row group at a time, with typed columns (row and gap numeric)."""

    def __init__(self, path: Path) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        text, number = pa.string(), pa.float64()
        types = [pa.int64(), text, text, text, text, text, text, text, text, number, text, text, pa.bool_(), text]
        self._pa = pa
        self._schema = pa.schema(list(zip(FINDINGS_HEADER, types, strict=True)))
        self._writer = pq.ParquetWriter(str(path), self._schema)
        self._rows: list[list[Any]] = []

    @classmethod
    def open(cls, path: Path) -> _ParquetWriter | None:
        try:
            return cls(path)
        except ImportError:
            return None

    def add(self, row: list[Any]) -> None:
        self._rows.append(row)
        if len(self._rows) >= ROW_GROUP:
            self._flush()

    def _flush(self) -> None:
        if self._rows:
            columns = [list(column) for column in zip(*self._rows, strict=True)]
            self._writer.write_table(self._pa.Table.from_arrays(columns, schema=self._schema))
        self._rows = []

    def close(self) -> None:
        self._flush()
        self._writer.close()
