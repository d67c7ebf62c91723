"""Facts a site gave that only requirements found not to apply to it read.

A park filed under a name the gazetteer does not know, giving 福兴经济开发区's own projects (启动“工业上楼”战略布局,
光电产业园一期建设推进), has every 福兴 duty not applicable and those facts decide nothing. They are read by some
requirement of its kind, so the notice of facts no requirement reads does not name them: this one does, so no one
believes they were checked, and the inspector can ask whether the site's name or named place is right.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import Protocol

from compliance.model.facts import Facts, Notice
from compliance.model.gazetteer import PLACE_METRIC
from compliance.model.metric import Catalogue
from compliance.model.plan import Requirement
from compliance.model.result import Finding, Status


class Reading(Protocol):
    """What a requirement reads (`Assessor.reads`): the metrics of its condition and of its check."""

    @property
    def condition(self) -> Collection[str]: ...

    @property
    def check(self) -> Collection[str]: ...


def idle_facts(
    facts: Facts,
    decided: Sequence[tuple[Requirement, Finding]],
    reads: Callable[[Requirement], Reading],
    catalogue: Catalogue,
) -> list[Notice]:
    """One notice naming the facts `facts` states (not derived) that only the checks of requirements limited to a
    named place (their condition reads 规划点名地点) read, all of them not_applicable here: no condition reads them,
    no other finding does. A fact left idle by another condition (an enterprise that is no key energy user giving
    its 碳达峰 plan) is not named: that condition is the site's own answer. `reads` gives what a requirement reads."""
    live: set[str] = set()
    placed: set[str] = set()
    for requirement, finding in decided:
        read = reads(requirement)
        condition, check = read.condition, read.check
        live.update(condition)
        if finding.status is not Status.NOT_APPLICABLE:
            live.update(check)
        elif PLACE_METRIC in condition:
            placed.update(check)
    stated = [m for m, o in facts.observations.items() if not o.derived_zh]
    idle = [catalogue.metric(m) for m in stated if m in placed and m not in live]
    if not idle:
        return []
    return [
        Notice(
            text_zh="以下事实只有不适用于本站点的要求读取，未用于判定（名称、规划点名地点、站点类型是否填对？）："
            + "、".join(m.name_zh for m in idle),
            text_en="only requirements that do not apply to this site read these facts, so they decided nothing"
            " (are its name, named place and kind right?): " + ", ".join(m.name_en for m in idle),
        )
    ]
