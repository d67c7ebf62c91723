"""Yes/no facts a derived level contradicts (`StandardDerivation.denies`): a water body stated 属黑臭水体 否 (or
返黑返臭 否) whose own readings grade it 轻度 or 重度黑臭, a drinking-water source stated 饮用水水质达标 是 whose own
measurements make it Ⅳ类 or worse (GB 3838-2002 第3章: no class worse than Ⅲ serves drinking water). As a stated
water class the measurements contradict is not read, such a statement, made for a time the measurements cover, is
set aside with a notice saying why: never a pass on a statement the file itself disproves.

The level is not put in its place: 属黑臭水体 is the district's identification (排查确定), 返黑返臭 a relapse of a body
once eliminated and 饮用水水质达标 also the supplied water's hygiene, which the readings alone do not say; what is
left is missing data the inspector resolves."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from compliance.assess.wording import level_name
from compliance.model.facts import Notice, Observation, Undecided
from compliance.model.metric import Catalogue, Metric
from compliance.model.periods import last_day
from compliance.model.standards import Denial, StandardDerivation

Derivation = tuple[StandardDerivation, Observation | None, str | None, Undecided | None]
"""A derivation run for a site: the observation it gave (None where undecided), the period that is of, and what it
bounds when undecided."""


def set_aside_denied(
    derived: Iterable[Derivation], observations: Mapping[str, Observation], kind: str, catalogue: Catalogue
) -> tuple[dict[str, Observation], list[Notice]]:
    """The observations less each stated value a derived level contradicts, and a notice for each."""
    kept = dict(observations)
    notices: list[Notice] = []
    for derivation, found, period, bound in derived:
        metric = catalogue.metric(derivation.derives)
        levels = _levels(found, period, bound)
        for denial in derivation.denies:
            stated = kept.get(denial.metric)
            if stated is None or kind not in (denial.kinds or derivation.kinds):
                continue
            worse = {p: v for p, v in levels.items() if _rank(metric, v) > _rank(metric, denial.worse_than)}
            if not stated.series and levels and next(reversed(levels)) not in worse:
                continue  # a plain value is the state now: only the latest measurement speaks to it
            if not _contradicted(stated, denial, worse):
                continue
            del kept[denial.metric]
            notices.append(_notice(catalogue, denial, metric, worse))
    return kept, notices


def _levels(found: Observation | None, period: str | None, bound: Undecided | None) -> dict[str, str]:
    """Period -> level the measurements give (a class by year, a grade at its last reading's day), or bound."""
    if found is not None and found.series:
        return {p: str(v) for p, v in found.series.items()}
    if found is not None and period is not None:
        return {period: str(found.value)}
    return {bound.period: bound.at_least} if bound is not None else {}


def _rank(metric: Metric, level: str) -> int:
    return metric.level_index(level) or 0


def _overlap(period: str, measured: str) -> bool:
    """Whether a stated period and a measured one cover the same time (2025-07 within 2025, 2026 holding 2026-05-27)."""
    return period.startswith(measured) or measured.startswith(period)


def _contradicted(stated: Observation, denial: Denial, worse: Mapping[str, str]) -> bool:
    """Whether the stated fact says `denial.stated` for a time the `worse` levels cover: a period of its series
    overlapping one of them, or a plain value no newer than the latest (a 否 dated after the readings, 治理后复测,
    may well be true). Then the whole statement is set aside: its other periods come from the same file the
    measurements disprove, and a log read over a year would still pass on them."""
    if not worse:
        return False
    if stated.series:
        return any(v is denial.stated and any(_overlap(p, m) for m in worse) for p, v in stated.series.items())
    observed = stated.provenance.observed_on
    return stated.value is denial.stated and (observed is None or observed <= last_day(list(worse)[-1]))


def _notice(catalogue: Catalogue, denial: Denial, metric: Metric, worse: Mapping[str, str]) -> Notice:
    fact = catalogue.metric(denial.metric)
    said = ("是", "yes") if denial.stated else ("否", "no")
    found_zh = "、".join(f"{level_name(metric, v)[0]}（{p}）" for p, v in worse.items())
    found_en = ", ".join(f"{level_name(metric, v)[1]} ({p})" for p, v in worse.items())
    why_zh = f"（{denial.why_zh}）" if denial.why_zh else ""
    why_en = f" ({denial.why_en})" if denial.why_en else ""
    return Notice(
        text_zh=f"{fact.name_zh}填报为{said[0]}，而本文件的监测数据判定{metric.name_zh}为{found_zh}{why_zh}，两者矛盾："
        "该项填报值不采用，按缺少数据处理；请核实后改正该项或监测数据",
        text_en=f"{fact.name_en} is stated {said[1]}, but this file's own measurements give {metric.name_en}"
        f" {found_en}{why_en}: the two contradict each other, so the stated value is not used and the fact is"
        " missing; correct the fact or the measurements",
    )
