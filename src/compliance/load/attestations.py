"""Reading attestation files (YAML, CSV or Excel): requirement, site, outcome, inspector, date, evidence, expiry."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from compliance.load.files import detect_encoding, read_limited
from compliance.load.validate import problems_of
from compliance.load.values import ValueProblem, read_date
from compliance.load.yamlsrc import Located, parse, read_text
from compliance.model.attestation import Attestation
from compliance.model.names import requirement_named
from compliance.model.plan import Requirement, RulePack
from compliance.model.problems import InputError, Problem, did_you_mean

OUTCOMES = {"pass": "pass", "通过": "pass", "合格": "pass", "fail": "fail", "不通过": "fail", "不合格": "fail"}
COLUMNS = {
    "requirement": "requirement", "要求": "requirement", "要求编号": "requirement",
    "site": "site", "站点": "site", "站点编号": "site",
    "outcome": "outcome", "结论": "outcome",
    "inspector": "inspector", "检查员": "inspector", "检查人": "inspector",
    "date": "date", "日期": "date", "核查日期": "date",
    "evidence": "evidence", "证据": "evidence",
    "expires": "expires", "有效期至": "expires",
}  # fmt: skip
SHOWN_ONLY = {"站点名称": "site_name", "site_name": "site_name", "要求内容": "title", "title": "title",
              "条款": "clause", "clause": "clause"}  # fmt: skip
"""Columns `compliance attestations template` writes so the inspector sees what to judge; read and ignored."""
JUDGEMENT = ("outcome", "inspector", "date", "evidence", "expires")
"""A table row with all of these blank is an item not judged yet: it is skipped and stays needs_review."""
IN_CHINESE = {"requirement": "要求编号", "site": "站点编号", "outcome": "结论", "inspector": "检查员", "date": "日期",
              "evidence": "证据", "expires": "有效期至"}  # fmt: skip
"""Each field's name in the template's Chinese headers, to name a field the file has no column for."""
Headers = dict[str, str]
"""Each field and the header a table wrote it under (`inspector` → `检查人`); empty for a YAML file."""


def field_named(field: str, headers: Headers) -> str:
    """A field as the file's user knows it: the header they wrote with the other language after it
    (`检查员（inspector）`, `inspector（检查员）`); with no column for it, in the language of the file's headers."""
    chinese = IN_CHINESE.get(field)
    if chinese is None:
        return field
    written = headers.get(field)
    if written is None:
        in_chinese = any(not h.isascii() for h in headers.values())
        return f"{chinese}（{field}）" if in_chinese else f"{field}（{chinese}）"
    return f"{written}（{field}）" if written != field else f"{field}（{chinese}）"


Records = list[tuple[int | None, dict[str, Any]]]


def _table(path: Path, rows: list[list[str]]) -> tuple[Records, Headers]:
    """(row number, record) pairs of a CSV or worksheet with Chinese or English headers, and the headers; rows not
    judged yet (see JUDGEMENT) are left out."""
    if not rows:
        return [], {}
    header = [COLUMNS.get(h.strip(), SHOWN_ONLY.get(h.strip(), h.strip())) for h in rows[0]]
    headers = {field: h.strip() for field, h in zip(header, rows[0], strict=True) if field in COLUMNS.values()}
    unknown = [h for h in header if h not in COLUMNS.values() and h not in SHOWN_ONLY.values()]
    if unknown:
        expected = ", ".join(f"{IN_CHINESE[f]} ({f})" for f in IN_CHINESE)
        message = f"unknown column {unknown[0]!r}; expected {expected}"
        raise InputError([Problem(str(path), 1, unknown[0], message)])
    records: list[tuple[int | None, dict[str, Any]]] = []
    for number, row in enumerate(rows[1:], start=2):
        record = {k: v.strip() for k, v in zip(header, row, strict=False) if v.strip() and k in COLUMNS.values()}
        if any(record.get(k) for k in JUDGEMENT):
            records.append((number, record))
    return records, headers


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


def _records(path: Path, text: str) -> tuple[Records, Headers, Located | None]:
    """(line, record) pairs, the table's headers and, for YAML, where each key is: CSV rows with Chinese or English
    headers, or a YAML list."""
    if path.suffix.lower() == ".csv":
        return *_table(path, list(csv.reader(io.StringIO(text)))), None
    located = parse(text, str(path))
    data = located.data
    if isinstance(data, dict) and "attestations" in data:
        data = data["attestations"]
        located.lines = {k[1:]: v for k, v in located.lines.items() if k[:1] == ("attestations",)}
    if not isinstance(data, list):
        raise InputError([Problem(str(path), 1, "", "expected a list of attestations (or `attestations:` with one)")])
    return [(located.line((i,)), record) for i, record in enumerate(data)], {}, located


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


def _pydantic_problems(path: Path, line: int | None, error: ValidationError, headers: Headers) -> list[Problem]:
    """A table row's validation errors in the words facts files get (`this field is required`), each field named
    by the header the file used."""
    problems = []
    for item in error.errors():
        field = ".".join(map(str, item["loc"]))
        message = str(item["msg"])
        if item["type"] == "missing":
            message = "this field is required"
        elif item["type"] == "string_too_short":
            message = "must not be empty"
        problems.append(Problem(str(path), line, field_named(field, headers), message))
    return problems


def _checked(
    attestation: Attestation, known: dict[str, Requirement], where: tuple[str, int | None], headers: Headers
) -> Attestation | Problem:
    """The attestation with its requirement's id as the pack writes it, or the problem with it: expiry before its
    date, an unknown requirement, or one facts decide."""
    requirement = known.get(attestation.requirement) or requirement_named(known.values(), attestation.requirement)
    if attestation.expires is not None and attestation.expires < attestation.date:
        message = f"expires {attestation.expires}, before its date {attestation.date}"
        return Problem(*where, field_named("expires", headers), message)
    if requirement is None:
        hint = did_you_mean(attestation.requirement, known)
        message = f"no such requirement {attestation.requirement!r}{hint}"
        return Problem(*where, field_named("requirement", headers), message)
    if requirement.check is not None:
        message = f"{attestation.requirement} is decided from facts; attestations record judgement on review items"
        return Problem(*where, field_named("requirement", headers), message)
    return attestation.model_copy(update={"requirement": requirement.id})  # xm-0-8: XM-0-8


def _csv_text(path: Path, warnings: list[str]) -> str:
    """A CSV's text in the encoding `batch` detects (`load.files.detect_encoding`): UTF-8 with or without BOM,
    UTF-16, or GBK/GB18030 as Chinese Excel saves "CSV (逗号分隔)", with a warning naming any but UTF-8."""
    raw = read_limited(path)
    try:
        text = raw.decode(encoding := detect_encoding(raw))
    except (InputError, UnicodeDecodeError):  # (a stray byte a batch would reject its row for: here the whole file)
        message = (
            "the file is neither UTF-8 nor GBK/GB18030 text: save it as CSV UTF-8 / 文件既不是 UTF-8 也不是 GBK/GB18030"
            " 编码的文本，请另存为 CSV UTF-8"
        )
        raise InputError([Problem(str(path), None, "", message)]) from None
    if not encoding.startswith("utf-8"):
        named = "GBK/GB18030" if encoding == "gb18030" else encoding.upper()
        warnings.append(f"{path}: read as {named} text, not UTF-8 / 按 {named} 编码读取（不是 UTF-8）")
    return text.removeprefix("\ufeff")


def load_attestations(path: Path, pack: RulePack, warnings: list[str] | None = None) -> list[Attestation]:
    """The attestations of a file; a CSV not in UTF-8 adds a warning to `warnings` naming the encoding read."""
    if path.suffix.lower() == ".xlsx":
        records, headers, located = *_table(path, _worksheet_rows(path)), None
    elif path.suffix.lower() == ".csv":
        records, headers, located = _records(path, _csv_text(path, warnings if warnings is not None else []))
    else:
        records, headers, located = _records(path, read_text(path))
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
            message = f"expected pass or fail (通过/不通过), got {outcome!r}"
            problems.append(Problem(str(path), line, field_named("outcome", headers), message))
            continue
        record["outcome"] = OUTCOMES[outcome.lower()]
        misread = _read_dates(record)
        if misread is not None:
            problems.append(Problem(str(path), line, field_named(misread[0], headers), misread[1]))
            continue
        try:
            attestation = Attestation.model_validate({**record, "source": f"{path}:{line}"})
        except ValidationError as error:
            if located is not None:
                problems.extend(problems_of(error, located, (index,)))
            else:
                problems.extend(_pydantic_problems(path, line, error, headers))
            continue
        checked = _checked(attestation, known, (str(path), line), headers)
        if isinstance(checked, Problem):
            problems.append(checked)
        else:
            attestations.append(checked)
    if problems:
        raise InputError(problems)
    return attestations
