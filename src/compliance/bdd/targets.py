"""Then steps reading one finding, as `check` shows it: its targets (the target in force, already due, or the next
one, with its due date) and the data it lacks; and the rules search with its Then step."""

from __future__ import annotations

from compliance.bdd.places import squash
from compliance.bdd.tables import unquote
from compliance.bdd.world import LIST_SPLIT, World
from compliance.model.metric import Metric
from compliance.model.result import TargetView
from compliance.report.search import search


def check_target(world: World, requirement_id: str, which: str, text: str | None, due: str | None) -> None:
    """`which` is `in_force` or `next`; no text means "there is none"."""
    finding = world.finding(requirement_id)
    view = finding.target if which == "in_force" else finding.next_target
    label = world.say(
        "现行目标" if which == "in_force" else "下一目标",
        "target in force" if which == "in_force" else "next target",
    )
    if text is None:
        if view is not None:
            world.fail(
                f"要求 {requirement_id} 不应有{label}，实际为“{_target(world, view)}”",
                f"{requirement_id} should have no {label}, it has {_target(world, view)!r}",
            )
        return
    if view is None:
        world.fail(f"要求 {requirement_id} 没有{label}", f"{requirement_id} has no {label}")
    shown = _target(world, view)
    if squash(unquote(text)) != squash(shown):
        world.fail(
            f"要求 {requirement_id} 的{label}应为“{text}”，实际为“{shown}”",
            f"the {label} of {requirement_id} should be {text!r}, it is {shown!r}",
        )
    if due is not None and _due(world, view) != _due_word(world, due):
        world.fail(
            f"要求 {requirement_id} 的{label}应于 {due} 到期，实际 {_due(world, view)}",
            f"the {label} of {requirement_id} should be due {due}, it is {_due(world, view)}",
        )


def _target(world: World, view: TargetView) -> str:
    return view.text_zh if world.lang == "zh" else view.text_en


def _due(world: World, view: TargetView) -> str:
    return view.due.isoformat() if view.due else world.say("持续要求", "ongoing")


def _due_word(world: World, word: str) -> str:
    if unquote(word) in ("持续要求", "持续", "ongoing"):
        return world.say("持续要求", "ongoing")
    return world.date(word).isoformat()


def search_rules(world: World, words: str) -> None:
    hits = search(world.pack, world.pack.requirements, words.split())
    world.found = [hit.requirement.id for hit in hits]


def check_found(world: World, requirement_id: str, first: bool) -> None:
    if world.found is None:
        world.fail("还没有搜索：请先写“当 搜索规则“油烟””", 'no search yet: first "When I search the rules for …"')
    world.known_requirement(requirement_id)  # JA-14-07 is in no search's results: say it is no requirement
    place = world.found.index(requirement_id) if requirement_id in world.found else None
    if place is None or (first and place != 0):
        shown = ", ".join(world.found[:5]) or world.say("无", "nothing")
        world.fail(
            f"搜索结果应{'以' if first else '包含'} {requirement_id}{'开头' if first else ''}，实际为 {shown}",
            f"the search should find {requirement_id}{' first' if first else ''}; it found {shown}",
        )


def check_missing(world: World, requirement_id: str, names: str) -> None:
    finding = world.finding(requirement_id)
    names = names.strip().lstrip(":：")  # 缺少数据： with nothing after read `：` as the metric's name
    nothing = names.strip().strip("（）()").lower() in _NOTHING  # 缺少数据：无 pins that the finding lacks nothing
    wanted = [] if nothing else sorted({world.metric(n).id for n in LIST_SPLIT.split(names.strip()) if n.strip()})
    if nothing and finding.missing:
        lacked = "、".join(_metric_name(world, world.pack.catalogue.metric(m)) for m in finding.missing)
        world.fail(
            f"要求 {requirement_id} 应不缺数据，实际缺少 {lacked}",
            f"{requirement_id} should miss nothing, it misses {lacked}",
        )
    if nothing:
        return
    if not wanted:  # 缺少数据：、 names nothing: it would check that nothing is missing, not what the writer meant
        world.fail("缺少数据后没有写出指标名称", f"no metric is named after the data missing for {requirement_id}")
    if sorted(finding.missing) != wanted:
        catalogue = world.pack.catalogue
        shown = [_metric_name(world, catalogue.metric(m)) for m in finding.missing]
        expected = [_metric_name(world, catalogue.metric(m)) for m in wanted]
        world.fail(
            f"要求 {requirement_id} 应缺少 {'、'.join(expected)}，实际缺少 {'、'.join(shown) or '（无）'}",
            f"{requirement_id} should miss {', '.join(expected)}, it misses {', '.join(shown) or '(nothing)'}",
        )


_NOTHING = ("无", "没有", "none", "nothing")
"""What `缺少数据：` names to say that no data is missing."""


def _metric_name(world: World, metric: Metric) -> str:
    return metric.name_zh if world.lang == "zh" else metric.name_en
