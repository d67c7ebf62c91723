"""Yes/no facts another stated fact settles (`Conflict.settles`): a section on the Min main stem (是否为闽江干流省控断面
是) is no small-watershed section, a reach of the 敖江 is not on the Min main stem, a new urban building is no existing
one. Two facts that cannot hold together (`Metric.conflicts`, one fact against one) leave a yes/no side no choice once
the other side is stated: it is the opposite of the value the conflict denies. A site that states the one is not asked
the other again, and its findings say how the value was read; a fact stated on both sides is the file's own, and a
contradiction between them is refused as before (`model.namewords.fact_conflicts`)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from compliance.model.facts import Facts, Observation
from compliance.model.metric import Catalogue, Metric, MetricType, display
from compliance.model.namewords import holds
from compliance.model.perkind import per_kind

Side = tuple[Metric, str, bool | float | str, Metric, bool, str, str]
"""(stated metric, how its value is tested, the value that denies, settled yes/no metric, the value it is then read
as, why zh, why en)."""


@per_kind
def _sides(catalogue: Catalogue, kind: str) -> tuple[Side, ...]:
    """`_each_side`, found once per catalogue and kind."""
    return tuple(_each_side(catalogue, kind))


def _each_side(catalogue: Catalogue, kind: str) -> Iterator[Side]:
    """Per settling conflict of `kind`, both ways. A conflict's fact may deny by being above a number (op >): a
    township's rural sewage rate above 0 says it has a rural part (辖区内有行政村 是)."""
    for metric in catalogue.metrics:
        for conflict in metric.conflicts:
            if not conflict.settles or kind not in conflict.kinds:
                continue
            (other,) = conflict.facts
            other_metric = catalogue.metric(other.metric)
            pairs = (
                (other_metric, other.op, other.value, metric, conflict.value),
                (metric, "==", conflict.value, other_metric, other.value),
            )
            for known, op, value, unknown, denied in pairs:
                if unknown.type == MetricType.BOOLEAN and isinstance(denied, bool):
                    yield known, op, value, unknown, not denied, conflict.why_zh, conflict.why_en


def settled_metrics(catalogue: Catalogue, kind: str) -> list[Metric]:
    """The yes/no facts a site of `kind` may have settled by another it states (for a batch's slots)."""
    return list({side[3].id: side[3] for side in _sides(catalogue, kind)}.values())


def implied(catalogue: Catalogue, kind: str, given: Mapping[str, object]) -> dict[str, tuple[bool, str, str]]:
    """Per yes/no fact not in `given` (metric id -> stated value) that a stated one settles: its value, and how it was
    read (zh, en)."""
    found: dict[str, tuple[bool, str, str]] = {}
    for known, op, value, unknown, settled, why_zh, why_en in _sides(catalogue, kind):
        stated = given.get(known.id)
        if unknown.id in given or unknown.id in found or stated is None or not holds(stated, op, value):
            continue
        shown = stated if op == ">" and isinstance(stated, float) else value  # a number above: the one stated
        found[unknown.id] = (
            settled,
            f"按“{known.name_zh}：{display(shown, known)}”认定（{why_zh}）",
            f"from {known.name_en}: {display(shown, known, 'en')} ({why_en})",
        )
    return found


def with_implied(facts: Facts, catalogue: Catalogue) -> Facts:
    """The facts with each yes/no fact another stated one settles (`implied`) added where not stated."""
    given = {metric: observation.value for metric, observation in facts.observations.items()}
    added = {
        metric: Observation(metric=metric, value=value, derived_zh=zh, derived_en=en)
        for metric, (value, zh, en) in implied(catalogue, facts.site.kind, given).items()
    }
    return facts.model_copy(update={"observations": {**facts.observations, **added}}) if added else facts
