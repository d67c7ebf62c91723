"""The batch's shortcut: sites in the same class (same side of every rule constant) fire the same rules.

The tests judge `classify` by what the batch relies on (one class, one outcome), not by re-deriving a class
the way `classify` does: a class that lumps a constant in with its neighbours would pass such a copy."""

from __future__ import annotations

import math
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compliance.assess.assessor import Assessor
from compliance.engine.compile import cuts
from compliance.pack import load_pack

PACK = load_pack()
ASSESSOR = Assessor(PACK)
KINDS = ["village", "district", "park", "river_segment"]
STEPS = st.sampled_from([-math.inf, math.inf, -0.5, 0.5])
"""How far the second site's value lies from the first's: the next float either way, or half a unit."""


def _moved(value: float, step: float) -> float:
    return math.nextafter(value, step) if math.isinf(step) else value + step


@pytest.mark.parametrize("kind", KINDS)
def test_sites_of_one_class_get_the_same_outcome(kind: str) -> None:
    """Two sites one value apart (often just across a rule's constant, often not): whenever `classify` puts
    them in one class, the engine must decide them alike."""
    engine = ASSESSOR.engine(kind)
    points = cuts(engine.compiled)
    metrics = list(engine.compiled.field_of)

    constants = {metric: points[engine.compiled.field_of[metric]] or [0.0] for metric in metrics}

    def near(rnd: random.Random, metric: str) -> float | None:
        """Absent, a rule's constant, or any float within 5 of the metric's constants."""
        pick = rnd.random()
        if pick < 1 / 3:
            return None
        if pick < 2 / 3:
            return rnd.choice(constants[metric])
        return rnd.uniform(min(constants[metric]) - 5, max(constants[metric]) + 5)

    def values_of(seed: int) -> dict[str, float | None]:
        """A site's values from a drawn seed (a district reads some 400 metrics: a draw per value cost more
        than the engine it checks); a failure shows the values themselves."""
        rnd = random.Random(seed)
        return {metric: near(rnd, metric) for metric in metrics}

    values_strategy = st.integers(0, 2**64 - 1).map(values_of)
    same_class: list[bool] = []

    @settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(values=values_strategy, moved=st.sampled_from(metrics), step=STEPS)
    def check(values: dict[str, float | None], moved: str, step: float) -> None:
        first = {m: v for m, v in values.items() if v is not None}
        second = {**first, moved: _moved(first.get(moved, 0.0), step)}
        same_class.append(engine.classify(first) == engine.classify(second))
        if same_class[-1]:
            assert engine.evaluate(first) == engine.evaluate(second)

    check()
    assert any(same_class), "no two sites of one class were compared"


@pytest.mark.parametrize("kind", KINDS)
def test_a_constant_is_never_classed_with_a_neighbour_the_rules_decide_otherwise(kind: str) -> None:
    """Every rule constant of every metric against the floats just below and just above it."""
    engine = ASSESSOR.engine(kind)
    points = cuts(engine.compiled)
    decided_apart = 0
    for metric, field in engine.compiled.field_of.items():
        for constant in points[field]:
            on = {metric: constant}
            for neighbour in (math.nextafter(constant, -math.inf), math.nextafter(constant, math.inf)):
                beside = {metric: neighbour}
                if engine.evaluate(on) != engine.evaluate(beside):
                    decided_apart += 1
                    assert engine.classify(on) != engine.classify(beside), (metric, constant, neighbour)
    assert decided_apart > 0, "no constant decides anything on its own"
