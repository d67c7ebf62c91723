"""Reading attestation files (YAML or CSV): requirement, site, outcome, inspector, date, evidence, expiry."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from compliance.load.errors import InputError, Problem, did_you_mean
from compliance.load.validate import problems_of
from compliance.load.yamlsrc import Located, parse, read_text
from compliance.model.attestation import Attestation
from compliance.model.plan import RulePack

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


class AttestationBook:
    """Attestations by (requirement, site), newest first."""

    def __init__(self, attestations: list[Attestation]) -> None:
        self._by_key: dict[tuple[str, str], list[Attestation]] = defaultdict(list)
        for attestation in attestations:
            self._by_key[(attestation.requirement, attestation.site)].append(attestation)
        for entries in self._by_key.values():
            entries.sort(key=lambda a: a.date, reverse=True)
        self._sites = {site for _, site in self._by_key}

    def lookup(self, requirement: str, site: str) -> list[Attestation]:
        return self._by_key.get((requirement, site), [])

    def covers(self, site: str) -> bool:
        """Whether any attestation names this site."""
        return site in self._sites

    def unused(self, has_site: Callable[[str], bool], has_requirement: Callable[[str], bool]) -> list[str]:
        """Warnings for attestations naming sites or requirements a run did not assess (a wrong file or id?)."""
        sites = sorted(site for site in self._sites if not has_site(site))
        requirements = sorted({r for r, _ in self._by_key if not has_requirement(r)})
        warnings = []
        for what, names in (("sites", sites), ("requirements", requirements)):
            if names:
                shown = ", ".join(names[:10]) + (f" and {len(names) - 10} more" if len(names) > 10 else "")
                warnings.append(f"attestations name {what} not assessed in this run: {shown}")
        return warnings

    def __len__(self) -> int:
        return sum(len(entries) for entries in self._by_key.values())


def _records(path: Path, text: str) -> tuple[list[tuple[int | None, dict[str, Any]]], Located | None]:
    """(line, record) pairs: CSV rows with Chinese or English headers, or a YAML list."""
    if path.suffix.lower() == ".csv":
        rows = list(csv.reader(io.StringIO(text)))
        if not rows:
            return [], None
        header = [COLUMNS.get(h.strip(), h.strip()) for h in rows[0]]
        unknown = [h for h in header if h not in COLUMNS.values()]
        if unknown:
            message = f"unknown column {unknown[0]!r}; expected {', '.join(sorted(set(COLUMNS.values())))}"
            raise InputError([Problem(str(path), 1, unknown[0], message)])
        return [
            (number, {k: v.strip() for k, v in zip(header, row, strict=False) if v.strip()})
            for number, row in enumerate(rows[1:], start=2)
            if any(cell.strip() for cell in row)
        ], None
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


def load_attestations(path: Path, pack: RulePack) -> list[Attestation]:
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
        requirement = known.get(attestation.requirement)
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
            attestations.append(attestation)
    if problems:
        raise InputError(problems)
    return attestations
