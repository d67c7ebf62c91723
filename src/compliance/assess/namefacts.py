"""Yes/no facts a site's own name states (`Metric.read_from_name`): 风景名胜区 in a 景区's name says 属自然保护地."""

from __future__ import annotations

from compliance.assess.places import PlaceReader
from compliance.model.facts import Facts, Observation
from compliance.model.metric import Catalogue, Metric
from compliance.model.perkind import per_kind


def read_by_name(catalogue: Catalogue, kind: str) -> list[Metric]:
    """The yes/no facts a site of `kind` states by its name when it does not state them (`Metric.read_from_name`)."""
    return list(_read_by_name(catalogue, kind))


@per_kind
def _read_by_name(catalogue: Catalogue, kind: str) -> tuple[Metric, ...]:
    return tuple(m for m in catalogue.metrics if m.read_from_name is not None and kind in m.read_from_name.kinds)


def name_says(metric: Metric, names: list[str]) -> tuple[bool, str, str]:
    """What the site's names say of `metric`: 是 when one holds one of its words, else 否; and how that was read."""
    assert metric.read_from_name is not None
    words = metric.read_from_name.words
    for name in names:
        word = next((w for w in words if w in name), None)
        if word is not None:
            return True, f"按名称“{name}”认定（含“{word}”）", f"from its name {name!r} (which says {word})"
    shown = names[0] if names else ""
    return (
        False,
        f"按名称“{shown}”认定（不含{'、'.join(words)}；如是，请填“{metric.name_zh}：是”）",
        f"from its name {shown!r} (no {', '.join(words)} in it; if it is one, state {metric.name_en}: yes)",
    )


def stated_by_name(metric: Metric, names: list[str]) -> tuple[bool, str, str] | None:
    """`name_says`, or None where the name says nothing: no word in it, of a fact a name may only say yes to."""
    said = name_says(metric, names)
    return None if not said[0] and metric.read_from_name and metric.read_from_name.only_yes else said


def with_name_facts(facts: Facts, catalogue: Catalogue) -> Facts:
    """The facts with each yes/no fact the site's name states (`read_by_name`) added where not stated."""
    names = PlaceReader.names_of(facts.site)
    added = {}
    for metric in _read_by_name(catalogue, facts.site.kind):
        if metric.id not in facts.observations and (said := stated_by_name(metric, names)) is not None:
            value, zh, en = said
            added[metric.id] = Observation(metric=metric.id, value=value, derived_zh=zh, derived_en=en)
    return facts.model_copy(update={"observations": {**facts.observations, **added}}) if added else facts
