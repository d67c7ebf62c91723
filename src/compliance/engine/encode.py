"""Numbers in the form the engine's parser reads correctly: plain decimals, never exponents."""

from __future__ import annotations

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
