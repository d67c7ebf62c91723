"""Reading a site's facts file (YAML or JSON) into validated Facts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from compliance.load.errors import InputError, Problem, did_you_mean
from compliance.load.validate import validate
from compliance.load.values import ValueProblem, read_value
from compliance.load.yamlsrc import Located, read
from compliance.model.facts import Facts, Observation, Provenance, Site
from compliance.model.metric import Catalogue, Metric

RawValue = float | bool | str


class ObservationIn(BaseModel):
    """A value with where it came from."""

    model_config = ConfigDict(extra="forbid")

    value: RawValue
    source: str = ""
    observed_on: dt.date | None = None
    evidence: str = ""


class FactsFile(BaseModel):
    """A facts file as written: the site, and metric values keyed by metric id or catalogue name."""

    model_config = ConfigDict(extra="forbid")

    site: Site
    facts: dict[str, RawValue | ObservationIn | None] = Field(
        default_factory=dict, description="A blank value means not known: reported as missing data"
    )


class MetricIndex:
    """Finds a metric by id, Chinese name or English name (case and spacing ignored)."""

    def __init__(self, catalogue: Catalogue) -> None:
        self._by_key: dict[str, Metric] = {}
        for metric in catalogue.metrics:
            for key in (metric.id, metric.name_zh, metric.name_en):
                self._by_key.setdefault(self._norm(key), metric)
        self._choices = [m.id for m in catalogue.metrics] + [m.name_zh for m in catalogue.metrics]

    @staticmethod
    def _norm(key: str) -> str:
        return " ".join(key.strip().lower().replace("_", " ").split())

    def find(self, key: str) -> Metric | None:
        return self._by_key.get(self._norm(key))

    def unknown(self, key: str) -> str:
        return f"unknown metric {key!r}{did_you_mean(key, self._choices)}"


def check_kind(kind: str, catalogue: Catalogue) -> str | None:
    """A problem message when `kind` is not a site kind of the catalogue."""
    kinds = [k.id for k in catalogue.kinds]
    if kind in kinds:
        return None
    return f"unknown site kind {kind!r}{did_you_mean(kind, kinds)}; expected one of {', '.join(kinds)}"


def observations_from(
    raw: Mapping[str, Any], index: MetricIndex, located: Located, prefix: tuple[str, ...] = ("facts",)
) -> tuple[dict[str, Observation], list[Problem]]:
    observations: dict[str, Observation] = {}
    problems: list[Problem] = []
    for key, entry in raw.items():
        path = (*prefix, key)
        metric = index.find(key)
        if metric is None:
            problems.append(located.problem(path, index.unknown(key)))
            continue
        if entry is None:
            continue
        if metric.id in observations:
            problems.append(located.problem(path, f"{metric.id} is given twice (by id and by name?)"))
            continue
        provenance = Provenance()
        value = entry
        if isinstance(entry, ObservationIn):
            value = entry.value
            provenance = Provenance(source=entry.source, observed_on=entry.observed_on, evidence=entry.evidence)
        try:
            canonical = read_value(value, metric)
        except ValueProblem as problem:
            problems.append(located.problem(path, str(problem)))
            continue
        observations[metric.id] = Observation(metric=metric.id, value=canonical, provenance=provenance)
    return observations, problems


def load_facts(path: Path, catalogue: Catalogue) -> Facts:
    located = read(path)
    if not isinstance(located.data, dict):
        raise InputError([Problem(str(path), 1, "", "expected a mapping with 'site' and 'facts'")])
    facts_file = validate(FactsFile, located)
    problems: list[Problem] = []
    kind_problem = check_kind(facts_file.site.kind, catalogue)
    if kind_problem:
        problems.append(located.problem(("site", "kind"), kind_problem))
    observations, value_problems = observations_from(facts_file.facts, MetricIndex(catalogue), located)
    problems.extend(value_problems)
    if problems:
        raise InputError(problems)
    return Facts(site=facts_file.site, observations=observations, source=str(path))
