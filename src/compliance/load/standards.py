"""Reading `rules/standards/*.yaml`: the derivations from measurements to classes, checked against the catalogue."""

from __future__ import annotations

from pathlib import Path

from compliance.load.validate import validate
from compliance.load.yamlsrc import Located, read
from compliance.model.metric import Catalogue, MetricType
from compliance.model.problems import InputError, Problem, did_you_mean
from compliance.model.standards import (
    GoodDaysShare,
    GradedThresholds,
    SingleFactorClass,
    StandardDerivation,
    StandardsFile,
    StandardsPack,
    inputs_of,
)

STANDARDS = "standards"
"""The folder of a rules directory holding the standards packs (optional)."""


def standards_files(root: Path) -> list[Path]:
    return sorted((root / STANDARDS).glob("*.yaml"))


def load_standards(root: Path, catalogue: Catalogue) -> StandardsPack:
    """Every standards file of `root`, each checked against the catalogue (all problems raised together)."""
    derivations: list[StandardDerivation] = []
    problems: list[Problem] = []
    derived: dict[tuple[str, str], str] = {}
    for path in standards_files(root):
        try:
            located = read(path)
            part = validate(StandardsFile, located)
        except InputError as error:
            problems.extend(error.problems)
            continue
        for index, derivation in enumerate(part.derivations):
            problems += _references(derivation, catalogue, located, index)
            for kind in derivation.kinds:
                other = derived.setdefault((derivation.derives, kind), f"{path.name}: {derivation.id}")
                if other != f"{path.name}: {derivation.id}":
                    message = f"{derivation.derives} for {kind} is already derived by {other}"
                    problems.append(located.problem(("derivations", index, "derives"), message))
            derivations.append(derivation)
    if problems:
        raise InputError(problems)
    return StandardsPack(derivations=derivations)


def _references(derivation: StandardDerivation, catalogue: Catalogue, located: Located, index: int) -> list[Problem]:
    """Unknown kinds and metrics, a derived metric of the wrong type, level ids it does not have."""
    problems: list[Problem] = []
    at = ("derivations", index)
    kinds = {k.id for k in catalogue.kinds}
    metrics = {m.id: m for m in catalogue.metrics}
    for kind in derivation.kinds:
        if kind not in kinds:
            problems.append(located.problem((*at, "kinds"), f"unknown kind {kind!r}{did_you_mean(kind, kinds)}"))
    levels: list[str] = []
    if isinstance(derivation, SingleFactorClass):
        levels = [*derivation.classes, derivation.worse]
    elif isinstance(derivation, GradedThresholds):
        levels = list(derivation.grades)
    wanted = (
        (MetricType.ORDINAL,)
        if levels
        else (MetricType.PERCENT,)
        if isinstance(derivation, GoodDaysShare)
        else (MetricType.NUMBER,)
    )
    target = metrics.get(derivation.derives)
    if target is None or target.type not in wanted:
        message = f"{derivation.derives!r} is not a {wanted[0].value} metric of the catalogue"
        problems.append(located.problem((*at, "derives"), message))
    elif unknown := [name for name in levels if target.level_index(name) is None]:
        problems.append(located.problem((*at, "derives"), f"levels {unknown} are not levels of {target.id}"))
    named = derivation.body_metric if isinstance(derivation, SingleFactorClass) else None
    body = metrics.get(named) if named is not None else None
    levels_of = [level.id for level in body.levels] if body is not None and body.type == MetricType.CATEGORY else []
    if named is not None and levels_of != ["river", "lake"]:
        message = f"body_metric {named!r} is not a category metric with levels river, lake"
        problems.append(located.problem((*at, "body_metric"), message))
    for denial in derivation.denies:
        denied = metrics.get(denial.metric)
        if denied is None or denied.type != MetricType.BOOLEAN:
            message = f"{denial.metric!r} is not a yes/no metric of the catalogue{did_you_mean(denial.metric, metrics)}"
            problems.append(located.problem((*at, "denies"), message))
        if not levels or denial.worse_than not in levels:
            problems.append(
                located.problem((*at, "denies"), f"worse_than {denial.worse_than!r} is not one of {levels}")
            )
    for metric_id in inputs_of(derivation):
        metric = metrics.get(metric_id)
        if metric is None or metric.type != MetricType.NUMBER:
            message = f"{metric_id!r} is not a number metric of the catalogue{did_you_mean(metric_id, metrics)}"
            problems.append(located.problem(at, message))
    return problems
