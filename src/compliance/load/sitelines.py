"""The line of a site's field in its facts file, for a problem found after the file was read (no plan covers the
district written) that names the field but not the line."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from compliance.load.yamlsrc import read
from compliance.model.problems import InputError, Problem


def placed(problems: list[Problem], path: Path) -> list[Problem]:
    """`problems`, each of `path` naming a `site.…` field without a line given the line that field is written on."""
    if not any(p.line is None and p.field.startswith("site") and p.file == str(path) for p in problems):
        return problems
    try:
        located = read(path)
    except (InputError, RecursionError):
        return problems
    return [
        dataclasses.replace(p, line=located.line(tuple(p.field.split("."))))
        if p.line is None and p.field.startswith("site") and p.file == str(path)
        else p
        for p in problems
    ]
