"""How a site's own value is shown in its findings: as given, or as a series, and where a district figure came from."""

from __future__ import annotations

from compliance.assess.series import series_display
from compliance.model.facts import Observation
from compliance.model.metric import Metric, SiteKind, display


def figure_source(computed_from: int | None, over: SiteKind) -> tuple[str, str]:
    """Whether a district figure that could be computed from member sites was stated or computed, zh/en."""
    if computed_from is not None:
        return f"由本批{computed_from}个{over.name_zh}计算", f"computed from {computed_from} member sites in this batch"
    return f"填报值，非由各{over.name_zh}计算", f"as stated, not computed from {over.name_en} sites"


def shown(observation: Observation, metric: Metric, lang: str) -> str:
    """A value, or a series as `2021: 1.2；2022: 1.1`; a value derived from measurements says how."""
    if observation.series is None:
        text = display(observation.value, metric, lang)
    else:
        text = series_display(observation.series, metric, lang)
    derived = observation.derived_zh if lang == "zh" else observation.derived_en
    if not derived:
        return text
    return f"{text}（{derived}）" if lang == "zh" else f"{text} ({derived})"
