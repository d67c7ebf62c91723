"""The batch's shortcut: sites in the same class (same side of every rule constant) fire the same rules."""

from __future__ import annotations

from bisect import bisect_left

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compliance.assess.assessor import Assessor
from compliance.engine.compile import cuts
from compliance.pack import load_pack

PACK = load_pack()
ASSESSOR = Assessor(PACK)


def _same_class(value: float, points: list[float], fraction: float) -> float:
    """Another value on the same side of every point as `value` (the point itself if it is one)."""
    position = bisect_left(points, value)
    if position < len(points) and points[position] == value:
        return value
    low = points[position - 1] if position > 0 else value - 1000.0
    high = points[position] if position < len(points) else value + 1000.0
    other = low + (high - low) * fraction
    return other if low < other < high else value


@pytest.mark.parametrize("kind", ["village", "district", "park", "river_segment"])
def test_sites_of_one_class_get_the_same_outcome(kind: str) -> None:
    engine = ASSESSOR.engine(kind)
    points = cuts(engine.compiled)
    fields = list(engine.compiled.field_of.items())

    def near(metric: str) -> st.SearchStrategy[float | None]:
        constants = points[engine.compiled.field_of[metric]] or [0.0]
        picks = st.sampled_from(constants) | st.floats(min(constants) - 5, max(constants) + 5, allow_nan=False)
        return st.none() | picks

    values_strategy = st.fixed_dictionaries({metric: near(metric) for metric, _ in fields})

    @settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(values=values_strategy, fraction=st.floats(0.01, 0.99))
    def check(values: dict[str, float | None], fraction: float) -> None:
        first = {m: v for m, v in values.items() if v is not None}
        second = {m: _same_class(v, points[engine.compiled.field_of[m]], fraction) for m, v in first.items()}
        assert engine.classify(first) == engine.classify(second)
        assert engine.evaluate(first) == engine.evaluate(second)

    check()
