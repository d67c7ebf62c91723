"""Compact findings for analysts (`--findings compact`): findings.csv, requirements.csv, findings.parquet.

findings.jsonl repeats each requirement's quote, titles and bilingual reasons on every line (kilobytes a
site). An analyst loading a province's findings into a spreadsheet, pandas or DuckDB wants one narrow row
per finding instead (ids, status, value, target, gap, due date) and the words once, in requirements.csv,
joined on the requirement id.

The workers write findings.csv as they write findings.jsonl, a row for each line, appended in the same
turn (`batch.workers`): reading the JSON back at the end cost about 35 µs a finding, more than the batch.
A row is made the way its line is: every site of a class shares the finding's template, so the parts that
do not change (requirement, status, target, due date) are written into CSV once per template and each
site adds its row, id, values and gap, remembered per values as the line's text is. requirements.csv and
findings.parquet follow at the end, the Parquet file read from findings.csv by pyarrow's own streaming
CSV reader (a row group at a time, so memory stays flat), and only when pyarrow is installed (the
optional extra `compliance[parquet]`).
"""

from __future__ import annotations

import importlib.util
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from compliance.batch.findingtexts import BODY_LIMIT, Template
from compliance.batch.outputs import FINDINGS_CSV, FINDINGS_PARQUET, REQUIREMENTS_CSV, csv_head
from compliance.batch.rowfacts import RowFacts
from compliance.batch.rows import WRITTEN
from compliance.batch.sitescsv import safe_cell, safe_cells
from compliance.batch.tally import Tally
from compliance.model.plan import RulePack
from compliance.model.result import Finding

if TYPE_CHECKING:
    from compliance.batch.findingtexts import FindingTexts

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
READ_BLOCK = 1 << 18
"""Bytes of findings.csv per block pyarrow's reader parses. It reads some dozens of blocks ahead of the
writer: 4 MiB blocks held about 170 MB of a 3-million-finding file at once, these about 10 MB."""
NO_PYARROW = "findings.parquet not written: pyarrow is not installed (pip install 'compliance[parquet]')"
_SPECIAL = re.compile('[,"\r\n]')
_FULL_FIELDS = {"requirement", "status", "observed", "target", "next_target", "missing"}
"""The fields of a finding a compact row is made of."""
_MARK = "\ue000"
"""Starts the text standing for a slot when a template is read as JSON (a private-use character)."""


def head(sheets: bool = False) -> bytes:
    """What findings.csv starts with, before the workers' rows (`sheets`: a run of several sheets, each row led
    by its sheet's name)."""
    return csv_head(["sheet", *FINDINGS_HEADER] if sheets else FINDINGS_HEADER)


def _sheet_cell(tab: str) -> bytes:
    """A row's first cell in a run of several sheets: its sheet's name, and the comma after it."""
    return (_field(safe_cell(tab)) + ",").encode() if tab else b""


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


def _field(text: str) -> str:
    """A CSV field as the csv module writes it: quoted when it holds a comma, a quote or a line break."""
    if _SPECIAL.search(text) is None:
        return text
    return '"' + text.replace('"', '""') + '"'


def _fields(cells: list[Any]) -> str:
    return ",".join(_field(_text(cell)) for cell in cells)


def compact_row(finding: dict[str, Any]) -> list[Any]:
    """A finding (as findings.jsonl has it) as one compact row (typed: numbers stay numbers, blanks are None)."""
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


def csv_line(row: list[Any]) -> bytes:
    """A compact row as findings.csv holds it: the cells taken from the input (site, value) neutralised
    as in sites.csv, every cell quoted as the csv module quotes."""
    text = [_text(cell) for cell in row]
    text[1], text[5] = safe_cell(text[1]), safe_cell(text[5])
    return (",".join(_field(cell) for cell in text) + "\r\n").encode()


@dataclass(frozen=True)
class _Shape:
    """A template's compact row around what each site fills in: its row and id before, its observed values
    (a metric slot's position, or a fixed text) between `before` and `after`, then its gap to `gap`
    (requirement, ahead), or the two gap cells `fixed` when the template has no gap slot, before `tail`."""

    before: bytes
    values: tuple[int | str, ...]
    after: bytes
    gap: tuple[str, bool] | None
    fixed: str
    tail: bytes
    keyed: tuple[str, ...] | None
    """The metrics whose values decide the row's body, which is then remembered per values: those of the
    observed values when there is no gap to work out, else the template's own (unless a dated series
    fills it); None when the body is made afresh for each site."""


def _shape(template: Template, metrics: list[str]) -> _Shape:
    """Read a finding template as JSON, its value and gap slots standing as marked strings; `metrics`: the
    metric of each value slot."""
    slot_of: dict[str, tuple[Any, ...]] = {}
    marks: dict[bytes, bytes] = {}
    for name, slot in template.slots:
        if slot[0] in ("v", "g"):  # whole JSON values
            slot_of[name.decode()] = slot
            marks[name] = json.dumps(_MARK + name.decode()).encode()
        else:  # texts inside a JSON string: not in a compact row
            marks[name] = b""
    finding = json.loads(b"{" + template.pattern % marks)
    target = finding.get("target") if finding.get("target") is not None else finding.get("next_target")
    gap = None
    if target is not None and isinstance(target.get("gap"), str):
        _, requirement, which = slot_of[target["gap"][1:]]
        gap = (requirement, which == "a")
        target["gap"] = None
    values: list[int | str] = []
    for observed in finding.get("observed") or []:
        value = observed.get("value")
        marked = isinstance(value, str) and value.startswith(_MARK)
        values.append(slot_of[value[1:]][1] if marked else _text(value))
    cells = compact_row(finding | {"row": 0, "site": ""})
    keyed = template.depends if template.remembered else None
    if gap is None:
        keyed = tuple(metrics[value] for value in values if isinstance(value, int))
    return _Shape(
        ("," + _fields(cells[2:5]) + ",").encode(),
        tuple(values),
        ("," + _fields(cells[6:9]) + ",").encode(),
        gap,
        _fields(cells[9:11]),
        ("," + _fields(cells[11:]) + "\r\n").encode(),
        keyed,
    )


class CompactRows:
    """A worker's findings.csv rows, made beside its findings.jsonl lines from the same templates and values.

    `take` hands over the rows of the chunk just assessed; each is the row the JSON line written with it
    reads as (`compact_row`), byte for byte."""

    def __init__(self, texts: FindingTexts) -> None:
        self._metrics = [metric.id for metric in texts.slot_metrics]
        self._gap = texts.gap
        self._shapes: dict[Template, _Shape] = {}
        self._bodies: dict[tuple[object, ...], bytes] = {}
        self._out = io.BytesIO()

    def take(self) -> io.BytesIO:
        """The rows written since the last take."""
        out, self._out = self._out, io.BytesIO()
        return out

    def fill(self, templates: list[Template], number: int, site: str, facts: RowFacts, tab: str = "") -> None:
        """The rows of a site's findings, one per template (as `FindingTexts.fill` writes their lines); `tab`: the
        row's sheet, in a run of several sheets."""
        lead = _sheet_cell(tab) + f"{number},{_field(safe_cell(site))}".encode()
        values, bodies, shapes, write = facts.values, self._bodies, self._shapes, self._out.write
        for template in templates:
            write(lead)
            shape = shapes.get(template) or self._shape(template)
            keyed = shape.keyed
            if keyed is None:
                write(self._body(shape, facts))
                continue
            key = (template, *[values.get(metric) for metric in keyed])
            body = bodies.get(key)
            if body is None:
                if len(bodies) >= BODY_LIMIT:
                    bodies.clear()
                body = bodies[key] = self._body(shape, facts)
            write(body)

    def full(self, number: int, site: str, finding: Finding, tab: str = "") -> None:
        """The row of a finding assessed in full (a site with attestations, a facts document)."""
        fields = finding.model_dump(mode="json", include=_FULL_FIELDS)
        self._out.write(_sheet_cell(tab) + csv_line(compact_row(fields | {"row": number, "site": site})))

    def _shape(self, template: Template) -> _Shape:
        if len(self._shapes) >= BODY_LIMIT:
            self._shapes.clear()
        shape = self._shapes[template] = _shape(template, self._metrics)
        return shape

    def _body(self, shape: _Shape, facts: RowFacts) -> bytes:
        values, metrics = facts.values, self._metrics
        value = ";".join(part if isinstance(part, str) else _text(values[metrics[part]]) for part in shape.values)
        gap = shape.fixed if shape.gap is None else self._gap_cells(shape.gap, facts)
        return shape.before + _field(safe_cell(value)).encode() + shape.after + gap.encode() + shape.tail

    def _gap_cells(self, which: tuple[str, bool], facts: RowFacts) -> str:
        gap = self._gap(which[0], which[1], facts)
        return "," if gap is None else _text(gap[1]) + "," + _field(gap[2])  # amount, unit (`GapFields`)


def written_requirements(tally: Tally, all_findings: bool) -> set[str]:
    """The requirements findings.jsonl (and so findings.csv) has a finding of, from the run's counts."""
    statuses = None if all_findings else {status.value for status in WRITTEN}
    return {
        requirement
        for requirement, counts in tally.statuses.items()
        if any(sites and (statuses is None or status in statuses) for status, sites in counts.items())
    }


def finish_compact(out: Path, pack: RulePack, requirements: set[str], sheets: bool = False) -> list[str]:
    """requirements.csv, and findings.parquet from the finished findings.csv (`sheets`: its rows name their
    sheet). Returns warnings (Parquet left out, and why)."""
    _write_requirements(out / REQUIREMENTS_CSV, pack, requirements)
    if importlib.util.find_spec("pyarrow") is None:
        return [NO_PYARROW]
    write_parquet(out / FINDINGS_CSV, out / FINDINGS_PARQUET, sheets)
    return []


def _write_requirements(path: Path, pack: RulePack, ids: set[str]) -> None:
    """The words of every requirement findings.csv names, once each, in the pack's order."""
    lines = [
        _fields(
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
        + "\r\n"
        for requirement in pack.requirements
        if requirement.id in ids
    ]
    path.write_bytes(csv_head(REQUIREMENTS_HEADER) + "".join(lines).encode())


def write_parquet(source: Path, path: Path, sheets: bool = False) -> None:
    """findings.parquet from findings.csv, read a block at a time with typed columns (row an integer, gap a
    number, target_in_force true/false); an empty cell is null. The cells are findings.csv's, neutralised
    ones included, so the two files and sites.csv join on the same site ids."""
    import pyarrow as pa
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    text = pa.string()
    types = [pa.int64(), text, text, text, text, text, text, text, text, pa.float64(), text, text, pa.bool_(), text]
    names = ["sheet", *FINDINGS_HEADER] if sheets else FINDINGS_HEADER
    types = [text, *types] if sheets else types
    schema = pa.schema(list(zip(names, types, strict=True)))
    reader = pacsv.open_csv(
        source,
        read_options=pacsv.ReadOptions(column_names=names, skip_rows=1, block_size=READ_BLOCK),
        parse_options=pacsv.ParseOptions(newlines_in_values=True),
        convert_options=pacsv.ConvertOptions(
            column_types=dict(zip(names, types, strict=True)), strings_can_be_null=True
        ),
    )
    with pq.ParquetWriter(str(path), schema) as writer:
        pending: list[Any] = []
        count = 0
        for batch in reader:
            pending.append(batch)
            count += batch.num_rows
            if count >= ROW_GROUP:  # whole row groups out, the rest kept for the next
                table = pa.Table.from_batches(pending, schema)
                whole = count - count % ROW_GROUP
                writer.write_table(table.slice(0, whole), row_group_size=ROW_GROUP)
                pending, count = table.slice(whole).to_batches(), count - whole
        if count:
            writer.write_table(pa.Table.from_batches(pending, schema))
