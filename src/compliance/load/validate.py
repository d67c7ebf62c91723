"""Turn pydantic validation errors into located problems."""

from __future__ import annotations

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


def problems_of(error: ValidationError, located: Located, prefix: Path_ = ()) -> list[Problem]:
    problems = []
    for item in error.errors():
        path = (*prefix, *_location(item["loc"]))
        message = item["msg"]
        if item["type"] == "extra_forbidden":
            message = "unknown field"
        elif item["type"] == "missing":
            message = "this field is required"
        problems.append(located.problem(path, message))
    return problems


def validate(model: type[M], located: Located, data: object = None, prefix: Path_ = ()) -> M:
    try:
        return model.model_validate(located.data if data is None else data)
    except ValidationError as error:
        raise InputError(problems_of(error, located, prefix)) from None
