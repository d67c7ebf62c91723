"""Turn pydantic validation errors into located problems."""

from __future__ import annotations

import functools
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from compliance.load.yamlsrc import Located, Path_
from compliance.model.problems import InputError, Problem

M = TypeVar("M", bound=BaseModel)

_TAGS = {"metric", "all", "any", "not", "trend"}


def _location(loc: tuple[str | int, ...]) -> list[str | int]:
    """Drop the discriminator tags pydantic puts into locations of a check (`all`, `metric` …).

    A tag is followed by the same-named field (`all.all.0`), except a comparison's tag `metric`,
    which is followed by whichever of its fields failed (`metric.op`).
    """
    parts: list[str | int] = []
    for part in loc:
        if parts and part == parts[-1] and part in _TAGS:
            continue
        parts.append(part)
    return [
        part
        for index, part in enumerate(parts)
        if not (part == "metric" and index + 1 < len(parts) and isinstance(parts[index + 1], str))
    ]


_MEMBERS = frozenset({"float", "bool", "str", "int", "date", "list[str]"})
"""Tags pydantic puts in a location for each member of a union it tried (besides a model's class name)."""


def _member_at(loc: list[str | int]) -> int | None:
    """Where in a location the union member tried begins (`facts.X.float`, `facts.X.ObservationIn.observed_on`):
    a type's name pydantic put there, never a key of the file (a facts key may be any text)."""
    for index, part in enumerate(loc):
        if index and isinstance(part, str) and (part in _MEMBERS or part in _model_names()):
            return index
    return None


@functools.cache
def _model_names() -> frozenset[str]:
    """The class names of every pydantic model the package defines (the union members a location can name)."""
    names: set[str] = set()
    stack: list[type] = [BaseModel]
    while stack:
        subclasses: list[type] = stack.pop().__subclasses__()
        for subclass in subclasses:
            if subclass.__module__.startswith("compliance."):
                names.add(subclass.__name__)
            stack.append(subclass)
    return frozenset(names)


def _shown(value: object) -> str:
    return f"the date {value}" if hasattr(value, "isoformat") else repr(value)


def problems_of(error: ValidationError, located: Located, prefix: Path_ = ()) -> list[Problem]:
    """One problem per place: where a value could take several forms (a number, 是/否, text or a mapping with
    value and series), the form's own problem when the mapping was meant, or one line saying what was given."""
    problems = []
    unions: dict[tuple[str | int, ...], list[tuple[list[str | int], dict[str, object]]]] = {}
    for item in error.errors():
        loc = _location(item["loc"])
        at = _member_at(loc)
        if at is not None:
            unions.setdefault(tuple(loc[:at]), []).append((loc[at + 1 :], dict(item)))
            continue
        message = str(item["msg"]).removeprefix("Value error, ")
        if item["type"] == "extra_forbidden":
            message = "unknown field"
        elif item["type"] == "missing":
            message = "this field is required"
        problems.append(located.problem((*prefix, *loc), message))
    for where, tried in unions.items():
        inner = [(rest, item) for rest, item in tried if rest]
        if inner:  # the mapping form was meant: its own problems
            problems += [
                located.problem((*prefix, *where, *rest), str(item["msg"]).removeprefix("Value error, "))
                for rest, item in inner
            ]
        else:
            given = _shown(tried[0][1].get("input"))
            message = f"expected a number, 是/否, text, or value:/series: under it; got {given}"
            problems.append(located.problem((*prefix, *where), message))
    return problems


def validate(model: type[M], located: Located, data: object = None, prefix: Path_ = ()) -> M:
    try:
        return model.model_validate(located.data if data is None else data)
    except ValidationError as error:
        raise InputError(problems_of(error, located, prefix)) from None
