"""Reasons in Chinese and English, built from observed values, targets, dates and the clause."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from compliance.model.attestation import Attestation
from compliance.model.checks import comparisons_of, metrics_of
from compliance.model.gazetteer import PLACE_METRIC
from compliance.model.plan import Applicability, Modality, Plan, Requirement, RequirementKind, Strength
from compliance.model.result import ObservedValue, Status, TargetView


@dataclass(frozen=True)
class Context:
    requirement: Requirement
    plan: Plan
    observed: list[ObservedValue]
    target: TargetView | None
    next_target: TargetView | None
    series_zh: list[str] = field(default_factory=list)
    """What a trend check measured in the series, e.g. the change from a baseline: shown always."""
    series_en: list[str] = field(default_factory=list)
    breaks_zh: list[str] = field(default_factory=list)
    """Periods that break a trend rule: shown only when the requirement is not met."""
    breaks_en: list[str] = field(default_factory=list)
    authority: bool = True
    """Whether the site is a government, whose own an enforcement duty is (`assessor.AUTHORITY_KINDS`)."""
    first_year: str | None = None
    """For a duty done once a year from a first year (`assess.recency.first_year`), that year."""
    held_from: str | None = None
    """For a level held every year from a first year (`assess.heldfrom.held_from`), that year."""


def _due(view: TargetView, lang: str, gradual: bool = False) -> str:
    """When a target falls due: a date; 持续要求 (in force throughout); or, for a gradual requirement, never."""
    if view.due is None and gradual:
        return "逐步实现，无期限" if lang == "zh" else "gradual, no deadline"
    if view.due is None and view.starts is not None:
        return f"{view.starts.isoformat()} 起持续要求" if lang == "zh" else f"ongoing from {view.starts.isoformat()}"
    if view.due is None:
        return "持续要求" if lang == "zh" else "ongoing"
    return f"{view.due.isoformat()} 到期" if lang == "zh" else f"due {view.due.isoformat()}"


def _observed(context: Context, lang: str) -> str:
    if lang == "zh":
        return "；".join(f"{o.name_zh} {o.display_zh}" for o in context.observed)
    return "; ".join(f"{o.name_en} {o.display_en}" for o in context.observed)


def _strength(requirement: Requirement, lang: str) -> str:
    if requirement.strength == Strength.STRIVE:
        return "力争目标" if lang == "zh" else "strive target "
    if requirement.strength == Strength.BASICALLY and _allows_a_remainder(requirement):
        return "基本实现目标" if lang == "zh" else "'basically' target "
    return "目标" if lang == "zh" else "target "


_THRESHOLDS = frozenset({">=", ">", "<=", "<"})


def _allows_a_remainder(requirement: Requirement) -> bool:
    """Whether a 基本 requirement's check leaves room for a remainder (a share of 90% and more): only then is its
    target called 基本实现目标; a yes/no or a count that must be 0 asks for all, whatever the plan's 基本."""
    return any(leaf.op in _THRESHOLDS for leaf in comparisons_of(requirement.check))


def _clause(context: Context, lang: str) -> str:
    plan = context.plan
    if lang == "zh":
        return f"依据《{plan.short_zh}》{context.requirement.section}：“{context.requirement.quote}”"
    return f"per {plan.short_en}, {context.requirement.section}: “{context.requirement.quote}”"


def target_text(view: TargetView, lang: str, gradual: bool = False) -> str:
    """A target with when it falls due, as reasons show it: `≥ 90%（2025-12-31 到期）`; an undated one of a gradual
    requirement (逐步实现) `≥ 100%（逐步实现，无期限）`."""
    return _target_zh(view, gradual) if lang == "zh" else _target_en(view, gradual)


def _target_zh(view: TargetView, gradual: bool = False) -> str:
    return f"{view.text_zh}（{_due(view, 'zh', gradual)}）"


def _target_en(view: TargetView, gradual: bool = False) -> str:
    return f"{view.text_en} ({_due(view, 'en', gradual)})"


def _undated_risk(view: TargetView, context: Context, lang: str) -> str:
    """Why missing an undated target is a risk: it is gradual, or not yet in force (it starts later, or the plan
    had not been issued at the as-of date)."""
    if context.requirement.modality == Modality.GRADUAL:
        if lang == "zh":
            return "逐步实现的要求，未达到是风险，不构成违规"
        return "a gradual requirement, so a shortfall is a risk, not a violation"
    if (year := context.held_from) is not None:
        if lang == "zh":
            return f"{year}年起每年须达到，{year}年结束前尚未到期，按已有的最近数值未达到是风险，不构成违规"
        return f"to be held every year from {year}, not due before {year} ends: short on the latest figure is a risk"
    issued = context.plan.issued
    if context.first_year is not None and (issued is None or issued.year <= int(context.first_year)):
        if lang == "zh":
            return f"每年一次的事项，{context.first_year}年结束前尚未到期，当年尚未做到是风险，不构成违规"
        year = context.first_year
        return f"done once a year, not due before {year} ends: not yet done that year is a risk, not a violation"
    if view.starts is not None or issued is None:  # the start is shown with the target
        return (
            "尚未生效，未做到是风险，不构成违规"
            if lang == "zh"
            else "not yet in force: a shortfall is a risk, not a violation"
        )
    if context.plan.issued_assumed:
        if lang == "zh":
            return f"方案原文未载印发日期，推定 {issued.isoformat()} 起生效，此前未做到是风险，不构成违规"
        return (
            f"the plan gives no issue date; assumed in force from {issued.isoformat()}, before which a shortfall is"
            " a risk, not a violation"
        )
    if lang == "zh":
        return f"方案 {issued.isoformat()} 印发前尚未生效，未做到是风险，不构成违规"
    return f"not in force before the plan was issued on {issued.isoformat()}: a shortfall is a risk, not a violation"


def _held_ahead(context: Context, lang: str) -> str:
    """For a level held every year from a year not yet ended, met on the latest figure: on track, not yet judged."""
    if (year := context.held_from) is None:
        return ""
    if lang == "zh":
        return f"（{year}年结束前尚未到期，按已有的最近数值判断进度；{year}年结束后逐年核对）"
    return f" (not due before {year} ends: on track on the latest figure; read year by year once {year} has ended)"


def before_force(context: Context) -> tuple[str, str]:
    """A duty met before it is in force (before its `starts`, or before its plan was issued): at risk, not a pass,
    as the same duty not met is; what stands before the duty exists is shown, and it is judged once in force."""
    target = context.next_target or context.target
    start, issued = (target.starts if target is not None else None), context.plan.issued
    when_zh = f"自 {start.isoformat()} 起生效" if start else f"自方案 {issued} 印发起生效" if issued else "尚未生效"
    when_en = f"in force from {start.isoformat()}" if start else f"in force once the plan is issued on {issued}"
    zh = [f"观测：{_observed(context, 'zh')}", *context.series_zh]
    en = [f"observed {_observed(context, 'en')}", *context.series_en]
    if target is not None:
        zh.append(f"已满足{_strength(context.requirement, 'zh')} {_target_zh(target)}")
        en.append(f"already meets {_strength(context.requirement, 'en')}{_target_en(target)}")
    zh.append(f"但该要求{when_zh}，此前尚未生效：生效前做到的不判通过，生效后按届时的情况判定")
    en.append(f"but the duty is {when_en} and not yet in force: met before then is no pass, it is judged once in force")
    return "；".join([*zh, _clause(context, "zh")]), "; ".join([*en, _clause(context, "en")])


def decided(
    status: Status, context: Context, settled_by: tuple[list[str], list[str], list[str]] | None = None
) -> tuple[str, str]:
    """Reasons for pass, fail and at_risk; `settled_by`: for a check missed whatever its missing data would be, the
    metrics that decide it and the names (zh, en) of what is missing (`_despite`)."""
    req = context.requirement
    obs_zh, obs_en = _observed(context, "zh"), _observed(context, "en")
    # Breaking periods explain a shortfall; on a pass they could only be from an `any:` branch not taken.
    shortfall = status != Status.PASS
    zh: list[str] = [f"观测：{obs_zh}", *context.series_zh, *(context.breaks_zh if shortfall else [])]
    en: list[str] = [f"observed {obs_en}", *context.series_en, *(context.breaks_en if shortfall else [])]
    current, upcoming = context.target, context.next_target
    gradual = req.modality == Modality.GRADUAL
    if status == Status.PASS:
        if current is not None:
            zh.append(f"满足{_strength(req, 'zh')} {_target_zh(current)}")
            en.append(f"meets {_strength(req, 'en')}{_target_en(current)}")
        if upcoming is not None and upcoming.due is None:
            zh.append(f"满足{_strength(req, 'zh')} {_target_zh(upcoming, gradual)}{_held_ahead(context, 'zh')}")
            en.append(f"meets {_strength(req, 'en')}{_target_en(upcoming, gradual)}{_held_ahead(context, 'en')}")
        elif upcoming is not None:
            zh.append(f"已满足下一目标 {_target_zh(upcoming)}")
            en.append(f"already meets the next target {_target_en(upcoming)}")
    elif status == Status.FAIL and current is not None:
        overdue_zh, overdue_en = ("，已逾期", ", which is past due") if current.due else ("", "")
        zh.append(f"未达到{_strength(req, 'zh')} {_target_zh(current)}{overdue_zh}")
        en.append(f"does not meet {_strength(req, 'en')}{_target_en(current)}{overdue_en}")
        if req.strength == Strength.STRIVE:
            zh.append("属力争目标的差距，不构成违规")
            en.append("a shortfall against a strive (力争) target, not a violation")
        elif req.modality in (Modality.ENCOURAGED, Modality.EXPLORATORY):
            zh.append("属鼓励、探索性要求，未做到不构成违规")
            en.append("an encouraged or exploratory item: falling short is not a violation")
        elif req.modality == Modality.ENFORCEMENT and not context.authority:
            zh.append("属监管部门的执法职责，报告供其落实，不计入本场所的结论")
            en.append(
                "an enforcement duty of the regulator, reported for it to act on, not counted in this site's verdict"
            )
    elif status == Status.AT_RISK:
        if current is not None:
            zh.append(f"满足现行{_strength(req, 'zh')} {_target_zh(current)}")
            en.append(f"meets the current {_strength(req, 'en')}{_target_en(current)}")
        if upcoming is not None and upcoming.due is not None:
            zh.append(f"尚未达到下一目标 {_target_zh(upcoming)}，尚未到期")
            en.append(f"does not yet meet the next target {_target_en(upcoming)}, not yet due")
        elif (undated := upcoming or current) is not None:
            # No deadline (an undated gradual target) is never "not yet due": there is no due date to come.
            why_zh, why_en = _undated_risk(undated, context, "zh"), _undated_risk(undated, context, "en")
            zh.append(f"未达到{_strength(req, 'zh')} {_target_zh(undated, gradual)}：{why_zh}")
            en.append(f"does not meet {_strength(req, 'en')}{_target_en(undated, gradual)}: {why_en}")
    if settled_by is not None:
        despite = _despite(context, *settled_by)
        zh.append(despite[0])
        en.append(despite[1])
    zh.append(_clause(context, "zh"))
    en.append(_clause(context, "en"))
    return "；".join(zh), "; ".join(en)


def _despite(context: Context, deciding: list[str], names_zh: list[str], names_en: list[str]) -> tuple[str, str]:
    """A check missed on the facts given whatever its missing ones would be: the facts that miss it, and what is
    still missing (开展生态质量监测 否，已不满足要求，缺少的数据不论如何都不改变结论（仍缺：开展新污染物监测…））."""
    given = [o for o in context.observed if o.metric in deciding]
    zh = "、".join(f"{o.name_zh} {o.display_zh}" for o in given)
    en = "; ".join(f"{o.name_en} {o.display_en}" for o in given)
    return (
        f"{zh}，已不满足要求，缺少的数据不论如何都不改变结论（仍缺：{'、'.join(names_zh)}）",
        f"{en} already fall short, whatever the missing data would be (still missing: {', '.join(names_en)})",
    )


def missing(
    context: Context, names_zh: list[str], names_en: list[str], for_condition: bool, place: str = ""
) -> tuple[str, str]:
    """Missing data, naming it; `place`: why the named place is unsure, so say how to settle it: "name" (a name
    close to one), "unnamed" (none usable), "district" (a township or village whose district is unknown) or
    "township:NAME" (a township the division table does not know)."""
    if for_condition:
        applies = context.requirement.applies
        zh = f"缺少判断是否适用所需的数据：{'、'.join(names_zh)}（{applies.condition_zh}）"
        en = f"missing the data that decides whether it applies: {', '.join(names_en)} ({applies.condition_en})"
        if place == "district":
            zh += "；站点所在区不明，请填写所在区或行政区划代码"
            en += "; the site's district is unknown: state its district or admin code"
        elif place.startswith("township:"):
            written = place.removeprefix("township:")
            zh += f"；站点所填乡镇（township）“{written}”不在区划表中，未能识别：请按区划表填写乡镇名称或行政区划代码"
            en += f"; the site's township {written!r} is not in the division table: write it as the table does"
        elif place == "unnamed":
            zh += "；站点没有名称，不能确认是否为规划点名地点：请填写名称，或填写“规划点名地点”（named_place）"
            en += "; the site has no name, so whether it is a place the plan names is unsure: give it or named_place"
        elif place:
            zh += "；站点名称与规划点名地点相近但不能确认，请填写“规划点名地点”（named_place）或在 aliases 中写明"
            en += "; the site's name is close to a place the plan names but not confirmed: state named_place or aliases"
    else:
        zh = f"缺少数据：{'、'.join(names_zh)}"
        en = f"missing data: {', '.join(names_en)}"
    return f"{zh}；{_clause(context, 'zh')}", f"{en}; {_clause(context, 'en')}"


def condition_false(context: Context, applies: Applicability, deciding: list[str] | None = None) -> tuple[str, str]:
    """Not applicable because the facts given say so: the condition, and the facts it was decided on (`deciding`:
    of an all-of, only the branches given that fail it, not a 否 the condition asks for; else all of its facts)."""
    condition = set(deciding or metrics_of(applies.condition))
    given = [o for o in context.observed if o.metric in condition]
    zh = "；".join(f"{o.name_zh} {o.display_zh}{_basis(o, 'zh')}" for o in given)
    en = "; ".join(f"{o.name_en} {o.display_en}{_basis(o, 'en')}" for o in given)
    why_zh = f"适用条件「{applies.condition_zh}」不成立" + (f"：{zh}" if zh else "")
    why_en = f"its condition ({applies.condition_en}) does not hold" + (f": {en}" if en else "")
    return not_applicable(context, why_zh, why_en)


def _basis(observed: ObservedValue, lang: str) -> str:
    """How a value read from the site's names was read (named_place): 按名称“…”认定."""
    if observed.metric != PLACE_METRIC or not observed.source:
        return ""
    zh, _, en = observed.source.partition(" / ")
    return f"（{zh}）" if lang == "zh" else f" ({en or zh})"


def not_applicable(context: Context, why_zh: str, why_en: str) -> tuple[str, str]:
    return f"不适用：{why_zh}；{_clause(context, 'zh')}", f"not applicable: {why_en}; {_clause(context, 'en')}"


def needs_review(context: Context) -> tuple[str, str]:
    if context.requirement.kind == RequirementKind.QUALITATIVE:
        due = next((t.due for t in context.requirement.targets if t.due is not None), None)
        zh, en = (
            f"定性要求{f'（{due} 到期）' if due else ''}，需人工核查，尚无核查记录",
            f"qualitative requirement{f' (due {due})' if due else ''}: needs an inspector's review, none recorded",
        )
    else:
        zh = "尚未编码检查，不能自动判定，需人工核查，尚无核查记录"
        en = "no check encoded yet, so not decidable automatically: needs an inspector's review, none recorded"
    return f"{zh}；{_clause(context, 'zh')}", f"{en}; {_clause(context, 'en')}"


def attested(context: Context, attestation: Attestation, note_zh: str = "", note_en: str = "") -> tuple[str, str]:
    """An attestation's reason; `note_zh`/`note_en` said after it (a judgement before a goal's date)."""
    verdict_zh = "通过" if attestation.outcome == "pass" else "不通过"
    evidence_zh = f"，证据：{attestation.evidence}" if attestation.evidence else ""
    evidence_en = f", evidence: {attestation.evidence}" if attestation.evidence else ""
    expiry_zh = f"，有效期至 {attestation.expires}" if attestation.expires else ""
    expiry_en = f", valid until {attestation.expires}" if attestation.expires else ""
    zh = f"人工核查：{attestation.inspector} 于 {attestation.date} 认定{verdict_zh}{evidence_zh}{expiry_zh}"
    en = (
        f"inspector's review: {attestation.inspector} found it {attestation.outcome} on {attestation.date}"
        f"{evidence_en}{expiry_en}"
    )
    zh, en = (zh + f"；{note_zh}", en + f"; {note_en}") if note_zh else (zh, en)
    return f"{zh}；{_clause(context, 'zh')}", f"{en}; {_clause(context, 'en')}"


def set_aside(context: Context, attestation: Attestation, due: object) -> tuple[str, str]:
    """A review item's reason when its only judgement in force was made before the goal's date `due`."""
    made = "通过" if attestation.outcome == "pass" else "不通过"
    zh = (
        f"需人工核查：{attestation.inspector} 于 {attestation.date} 认定{made}，早于目标期限 {due}，"
        f"不能说明到期时是否达到，未采用；请在 {due} 或之后核查"
    )
    en = (
        f"needs review: {attestation.inspector} found it {attestation.outcome} on {attestation.date}, before the goal's"
        f" date {due}, which cannot tell whether it was met by then: not used; review it on or after {due}"
    )
    return f"{zh}；{_clause(context, 'zh')}", f"{en}; {_clause(context, 'en')}"


def stale_judgement(context: Context, attestation: Attestation, start: dt.date) -> tuple[str, str]:
    """A standing duty's reason when its judgement in force, without an expiry, was made before the year it is read
    on (`start`, that year's first day or the duty's start)."""
    made, year = ("通过" if attestation.outcome == "pass" else "不通过"), start.year
    zh = (
        f"需人工核查：{attestation.inspector} 于 {attestation.date} 认定{made}，早于本要求评估的 {year} 年（持续要求"
        f"按最近已结束的一年评估），只说明当时的情况，未采用；请作出 {year} 年情况的核查（{start} 或之后认定，"
        "或注明有效期）"
    )
    en = (
        f"needs review: {attestation.inspector} found it {attestation.outcome} on {attestation.date}, before {year},"
        f" the year this standing duty is read on (the last year ended): it shows how things stood then and is not"
        f" used; record a judgement of {year} (made on or after {start}, or with an expiry)"
    )
    return f"{zh}；{_clause(context, 'zh')}", f"{en}; {_clause(context, 'en')}"


def review_lapsed(context: Context, attestation: Attestation) -> tuple[str, str]:
    made = "通过" if attestation.outcome == "pass" else "不通过"
    recorded_zh = f"（{attestation.inspector}，{attestation.date}，{made}）"
    zh = f"需人工核查：最近的核查记录{recorded_zh}有效期至 {attestation.expires}，已过期"
    recorded = f"({attestation.inspector}, {attestation.date}, {attestation.outcome})"
    en = f"needs review: the latest attestation {recorded} was valid until {attestation.expires} and has lapsed"
    return f"{zh}；{_clause(context, 'zh')}", f"{en}; {_clause(context, 'en')}"
