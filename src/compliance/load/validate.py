"""Turn pydantic validation errors into located problems."""

from __future__ import annotations

from typing import TypeVar

from pydantic import BaseModel, ValidationError

from compliance.load.errors import InputError, Problem
from compliance.load.yamlsrc import Located, Path_

M = TypeVar("M", bound=BaseModel)

_TAGS = {"metric", "all", "any", "not"}


def problems_of(error: ValidationError, located: Located, prefix: Path_ = ()) -> list[Problem]:
    problems = []
    for item in error.errors():
        # Drop the discriminator tags pydantic puts into locations of tagged unions.
        path = (*prefix, *(part for part in item["loc"] if part not in _TAGS or isinstance(part, int)))
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
