"""Numbers in the form the engine's parser reads correctly: plain decimals, never exponents."""

from __future__ import annotations

import json
import math
from decimal import Decimal


def number(value: float) -> str:
    """`1e-05` -> `0.00001`, `1e16` -> `10000000000000000.0`; every value is sent as a float literal.

    The engine rejects exponents (error 204) and Infinity (202), saturates big integers and does C
    integer arithmetic on integer literals, so every number goes through here.
    """
    if not math.isfinite(value):
        raise ValueError(f"not a finite number: {value!r}")
    text = format(Decimal(repr(float(value))), "f")
    return text if "." in text else text + ".0"


SID = "0"
"""The one session id every fact is asserted under (see runtime.py)."""


def dumps(value: object) -> str:
    """JSON for the engine: like json.dumps, but every number goes through `number`."""
    if isinstance(value, dict):
        return "{" + ",".join(f"{json.dumps(str(k))}:{dumps(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ",".join(dumps(v) for v in value) + "]"
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, int | float):
        return number(float(value))
    raise TypeError(f"cannot send {type(value).__name__} to the engine")
