"""What a facts file's `site.attributes` say: a catalogue fact stated there, the attributes the tool reads
(`SITE_ATTRIBUTES`), and any other, which decides nothing and is noticed as such; one naming the year the figures
are of (年份: 2023, 统计年度, year) beside undated facts refuses the file (`periodwords`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from compliance.load.periodwords import names_a_period
from compliance.load.yamlsrc import Located
from compliance.model.facts import AttributeValue, Notice, Observation, Site
from compliance.model.metric import Catalogue
from compliance.model.problems import Problem

if TYPE_CHECKING:
    from compliance.load.facts import MetricIndex

SITE_ATTRIBUTES = ("township",)
"""Site attributes the tool reads; any other says nothing to a rule."""


def facts_in_attributes(site: Site, index: MetricIndex, located: Located) -> tuple[Site, dict[str, Any], list[Notice]]:
    """Attributes that name a catalogue fact are that fact (所属流域: 闽江 under attributes counts as stated);
    any other attribute decides nothing, and a notice says so, so no one believes it made a rule apply."""
    kept: dict[str, AttributeValue] = {}
    stated: dict[str, Any] = {}
    notices: list[Notice] = []
    for key, value in site.attributes.items():
        if key in SITE_ATTRIBUTES:
            kept[key] = value
        elif index.find(key) is not None and not isinstance(value, list):
            stated[key] = value
        else:
            notices.append(
                Notice(
                    text_zh=(
                        f"site.attributes.{key} 不被任何规则读取；决定规则是否适用的事实请按"
                        f" `compliance facts template --kind {site.kind}` 写在 facts 下"
                    ),
                    text_en=(
                        f"site.attributes.{key} is read by no rule; state the facts that decide whether rules apply"
                        f" under facts, as `compliance facts template --kind {site.kind}` lists them"
                    ),
                )
            )
    return site.model_copy(update={"attributes": kept}), stated, notices


def dated_attribute_problems(
    site: Site, observations: Mapping[str, Observation], located: Located, catalogue: Catalogue
) -> list[Problem]:
    """A problem for each site attribute naming the year or date the figures are of (年份: 2023) while some of the
    facts are undated (neither `observed_on` nor a series): no rule reads the attribute, so those figures would be
    taken as the figures now, 2023's judged against a 2025 target."""
    undated = [
        catalogue.metric(metric_id).name_zh
        for metric_id, seen in observations.items()
        if seen.series is None and seen.provenance.observed_on is None
    ]
    if not undated:
        return []
    named = "、".join(undated[:3]) + ("等" if len(undated) > 3 else "")
    return [
        located.problem(("site", "attributes", key), _dated_attribute(key, _shown(value), named))
        for key, value in site.attributes.items()
        if key not in SITE_ATTRIBUTES and names_a_period(key)
    ]


def _shown(value: AttributeValue) -> str:
    """An attribute's value as written: 2023 (read as 2023.0), 2023-12-31."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "、".join(value) if isinstance(value, list) else str(value)


def _dated_attribute(key: str, value: str, named: str) -> str:
    return (
        f"says the figures are of {value}, but no rule reads it, and {named} (undated) would be taken as"
        " the figures now: date the figures themselves, each with observed_on ({value: 80, observed_on: 2023-12-31})"
        f" or by period ({{series: {{2023: 80}}}}), and remove {key} / 写明数据所属时间（{value}），但没有规则"
        f"读取它，而{named}未注明时间，将被当作当前数值评估：请给各项数据注明时间（observed_on: 2023-12-31，或按"
        f"时期填写 series: {{2023: 80}}），并删去 {key}"
    )
