"""What a catalogue holds for one site kind (the facts its name may state, the conflicts of its facts), found once
per catalogue and kind rather than by going through every metric of the catalogue for every site assessed."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from compliance.model.metric import Catalogue

T = TypeVar("T")


def per_kind(build: Callable[[Catalogue, str], T]) -> Callable[[Catalogue, str], T]:
    """`build(catalogue, kind)` kept per catalogue and kind. A table is kept with its catalogue itself, so an id is
    never reused, and built again for a catalogue whose metrics were added or removed since (as `Catalogue.metric`);
    what it returns is shared, so it must be immutable (a tuple)."""
    held: dict[int, tuple[Catalogue, int, dict[str, T]]] = {}

    @wraps(build)
    def kept(catalogue: Catalogue, kind: str) -> T:
        entry = held.get(id(catalogue))
        if entry is None or entry[0] is not catalogue or entry[1] != len(catalogue.metrics):
            entry = held[id(catalogue)] = (catalogue, len(catalogue.metrics), {})
        tables = entry[2]
        if kind not in tables:
            tables[kind] = build(catalogue, kind)
        return tables[kind]

    return kept
