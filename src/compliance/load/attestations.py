"""Reading attestation files (YAML, CSV or Excel): requirement, site, outcome, inspector, date, evidence, expiry."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from compliance.load.files import read_limited
from compliance.load.validate import problems_of
from compliance.load.values import ValueProblem, read_date
from compliance.load.yamlsrc import Located, parse, read_text
from compliance.model.attestation import Attestation
from compliance.model.names import requirement_named
from compliance.model.plan import RulePack
from compliance.model.problems import InputError, Problem, did_you_mean

OUTCOMES = {"pass": "pass", "通过": "pass", "合格": "pass", "fail": "fail", "不通过": "fail", "不合格": "fail"}
COLUMNS = {
    "requirement": "requirement", "要求": "requirement", "要求编号": "requirement",
    "site": "site", "站点": "site", "站点编号": "site",
    "outcome": "outcome", "结论": "outcome",
    "inspector": "inspector", "检查员": "inspector",
    "date": "date", "日期": "date", "核查日期": "date",
    "evidence": "evidence", "证据": "evidence",
    "expires": "expires", "有效期至": "expires",
}  # fmt: skip
SHOWN_ONLY = {"站点名称": "site_name", "site_name": "site_name", "要求内容": "title", "title": "title",
              "条款": "clause", "clause": "clause"}  # fmt: skip
"""Columns `compliance attestations template` writes so the inspector sees what to judge; read and ignored."""
JUDGEMENT = ("outcome", "inspector", "date", "evidence", "expires")
"""A table row with all of these blank is an item not judged yet: it is skipped and stays needs_review."""


def _table(path: Path, rows: list[list[str]]) -> list[tuple[int | None, dict[str, Any]]]:
    """(row number, record) pairs of a CSV or worksheet with Chinese or English headers; rows not judged yet
    (see JUDGEMENT) are left out."""
    if not rows:
        return []
    header = [COLUMNS.get(h.strip(), SHOWN_ONLY.get(h.strip(), h.strip())) for h in rows[0]]
    unknown = [h for h in header if h not in COLUMNS.values() and h not in SHOWN_ONLY.values()]
    if unknown:
        message = f"unknown column {unknown[0]!r}; expected {', '.join(sorted(set(COLUMNS.values())))}"
        raise InputError([Problem(str(path), 1, unknown[0], message)])
    records: list[tuple[int | None, dict[str, Any]]] = []
    for number, row in enumerate(rows[1:], start=2):
        record = {k: v.strip() for k, v in zip(header, row, strict=False) if v.strip() and k in COLUMNS.values()}
        if any(record.get(k) for k in JUDGEMENT):
            records.append((number, record))
    return records


def _cell_text(value: object) -> str:
    """A worksheet cell as the text a CSV would hold: a date typed into Excel as its ISO date."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


def _worksheet_rows(path: Path) -> list[list[str]]:
    """The first worksheet of an .xlsx attestation file (as `compliance attestations template` writes it)."""
    import openpyxl  # imported here: only Excel attestation files pay for it

    data = read_limited(path)
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged or non-Excel file
        raise InputError([Problem(str(path), None, "", f"cannot be read as an Excel workbook ({error})")]) from None
    try:
        return [[_cell_text(v) for v in row] for row in book.worksheets[0].iter_rows(values_only=True)]
    finally:
        book.close()


def _records(path: Path, text: str) -> tuple[list[tuple[int | None, dict[str, Any]]], Located | None]:
    """(line, record) pairs: CSV rows with Chinese or English headers, or a YAML list."""
    if path.suffix.lower() == ".csv":
        return _table(path, list(csv.reader(io.StringIO(text)))), None
    located = parse(text, str(path))
    data = located.data
    if isinstance(data, dict) and "attestations" in data:
        data = data["attestations"]
        located.lines = {k[1:]: v for k, v in located.lines.items() if k[:1] == ("attestations",)}
    if not isinstance(data, list):
        raise InputError([Problem(str(path), 1, "", "expected a list of attestations (or `attestations:` with one)")])
    return [(located.line((i,)), record) for i, record in enumerate(data)], located


def conflicts(attestations: list[Attestation]) -> list[Problem]:
    """Two attestations of one item (requirement and site) on one day with different outcomes: which
    one holds cannot be told, so it is an error naming both."""
    first: dict[tuple[str, str, object], Attestation] = {}
    problems = []
    for attestation in attestations:
        key = (attestation.requirement, attestation.site, attestation.date)
        earlier = first.setdefault(key, attestation)
        if earlier.outcome != attestation.outcome:
            message = (
                f"{attestation.requirement} for site {attestation.site} on {attestation.date} is "
                f"{attestation.outcome} here but {earlier.outcome} in {earlier.source}; keep the one that holds"
            )
            file, _, line = attestation.source.rpartition(":")
            problems.append(Problem(file, int(line) if line.isdigit() else None, "outcome", message))
    return problems


def _read_dates(record: dict[str, Any]) -> tuple[str, str] | None:
    """Dates written as people write them (2026/6/20, 2026年6月20日) read in place; (field, message) if one is not
    a date."""
    for key in ("date", "expires"):
        if isinstance(record.get(key), str):
            try:
                record[key] = read_date(record[key])
            except ValueProblem as problem:
                return key, str(problem)
    return None


def load_attestations(path: Path, pack: RulePack) -> list[Attestation]:
    if path.suffix.lower() == ".xlsx":
        records, located = _table(path, _worksheet_rows(path)), None
    else:
        records, located = _records(path, read_text(path))
    known = {r.id: r for r in pack.requirements}
    problems: list[Problem] = []
    attestations = []
    for index, (line, record) in enumerate(records):
        if not isinstance(record, dict):
            problems.append(Problem(str(path), line, "", "expected a mapping with requirement, site, outcome, …"))
            continue
        record = dict(record)
        outcome = str(record.get("outcome", "")).strip()
        if outcome.lower() not in OUTCOMES:
            problems.append(
                Problem(str(path), line, "outcome", f"expected pass or fail (通过/不通过), got {outcome!r}")
            )
            continue
        record["outcome"] = OUTCOMES[outcome.lower()]
        misread = _read_dates(record)
        if misread is not None:
            problems.append(Problem(str(path), line, *misread))
            continue
        try:
            attestation = Attestation.model_validate({**record, "source": f"{path}:{line}"})
        except ValidationError as error:
            if located is not None:
                problems.extend(problems_of(error, located, (index,)))
            else:
                problems.extend(
                    Problem(str(path), line, ".".join(map(str, e["loc"])), e["msg"]) for e in error.errors()
                )
            continue
        requirement = known.get(attestation.requirement) or requirement_named(known.values(), attestation.requirement)
        if attestation.expires is not None and attestation.expires < attestation.date:
            message = f"expires {attestation.expires}, before its date {attestation.date}"
            problems.append(Problem(str(path), line, "expires", message))
        elif requirement is None:
            hint = did_you_mean(attestation.requirement, known)
            problems.append(
                Problem(str(path), line, "requirement", f"no such requirement {attestation.requirement!r}{hint}")
            )
        elif requirement.check is not None:
            message = f"{attestation.requirement} is decided from facts; attestations record judgement on review items"
            problems.append(Problem(str(path), line, "requirement", message))
        else:
            attestations.append(attestation.model_copy(update={"requirement": requirement.id}))  # xm-0-8: XM-0-8
    if problems:
        raise InputError(problems)
    return attestations
