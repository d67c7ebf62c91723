"""Reading back what `compliance check --format json` wrote, to compare two assessments of the same sites."""

from __future__ import annotations

from pathlib import Path

from compliance.load.validate import validate
from compliance.load.yamlsrc import read
from compliance.model.problems import InputError, Problem
from compliance.model.result import Assessment

FORMATS = (1,)
"""The JSON formats this version reads (the `format` key `check --format json` writes)."""


def load_assessments(path: Path, errors: list[Problem] | None = None) -> list[Assessment]:
    """The assessments of one `check --format json` output; anything else is an InputError saying what it is.
    `errors` gets the output's own errors (a facts file it refused), as `check` listed them."""
    located = read(path)
    data = located.data
    expected = "expected the output of `compliance check --format json`"
    if not isinstance(data, dict) or "assessments" not in data:
        raise InputError(
            [Problem(str(path), None, "", f"not an assessment: {expected} (a `format` and `assessments`)")]
        )
    if data.get("format") not in FORMATS:
        message = f"format {data.get('format')!r} is not one this version reads ({', '.join(map(str, FORMATS))})"
        raise InputError([located.problem(("format",), message)])
    if not isinstance(data["assessments"], list) or not data["assessments"]:
        raise InputError([located.problem(("assessments",), f"no assessment in it: {expected} of at least one site")])
    if errors is not None and isinstance(data.get("errors"), list):
        errors.extend(
            Problem(str(e.get("file", "")), _line(e.get("line")), str(e.get("field", "")), str(e.get("message", "")))
            for e in data["errors"]
            if isinstance(e, dict)
        )
    return [
        validate(Assessment, located, entry, ("assessments", index)) for index, entry in enumerate(data["assessments"])
    ]


def _line(line: object) -> int | None:
    return line if isinstance(line, int) and not isinstance(line, bool) else None
