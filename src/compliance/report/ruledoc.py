"""A browsable catalogue of every requirement, by plan and section, as Markdown (and the outline the HTML
pages of report/catalogue_html.py render).

Both formats render one outline, built once from the pack: the clause, targets and dates, who it
applies to, and the metric definitions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from compliance.model.metric import Metric
from compliance.model.plan import Plan, Requirement, RulePack
from compliance.report.rules import deciding_facts, index_entry
from compliance.report.words import STRENGTH

MODALITY_ZH = {
    "obligation": "义务",
    "prohibition": "禁止",
    "encouraged": "鼓励",
    "exploratory": "探索",
    "gradual": "逐步实现",
    "enforcement": "执法",
}


@dataclass
class Entry:
    requirement: Requirement
    index: dict[str, Any]
    lines: list[tuple[str, str]]
    """(label, text) pairs shown under the requirement's heading."""


@dataclass
class Section:
    label: str
    entries: list[Entry] = field(default_factory=list)


@dataclass
class PlanOutline:
    plan: Plan
    sections: list[Section]
    decidable: int
    review: int


def _lines(pack: RulePack, requirement: Requirement, index: dict[str, Any]) -> list[tuple[str, str]]:
    kinds = "、".join(f"{pack.catalogue.kind(k).name_zh} {k}" for k in requirement.applies.kinds)
    lines = [("适用对象 Applies to", kinds)]
    if requirement.applies.condition is not None:
        lines.append(("适用条件 Condition", f"{requirement.applies.condition_zh} / {requirement.applies.condition_en}"))
        lines += [("决定适用的事实 Deciding fact", f"{zh} / {en}") for zh, en in deciding_facts(pack, requirement)]
    for target in index["targets"]:
        due = target["due"] or "持续 ongoing"
        lines.append(("目标 Target", f"{target['text_zh']}（{due}） / {target['text_en']}"))
    if requirement.check is None:
        lines.append(("判定 Decided by", "人工核查 an inspector's review (needs_review)"))
    strength = f"{STRENGTH['zh'][index['strength']]} {index['strength']}"
    modality = f"{MODALITY_ZH[index['modality']]} {index['modality']}"
    lines.append(("强度 Strength", f"{strength} · {modality}"))
    lines += [(f"另见 Also {c.id}", f"{c.section}：“{c.quote}”") for c in requirement.also_cites]
    if requirement.notes:
        lines.append(("说明 Notes", requirement.notes))
    return lines


def outline(pack: RulePack, plan_texts: dict[str, str]) -> list[PlanOutline]:
    """Plans in id order; sections in the order the plan text states them; requirements in pack order."""
    plans = []
    for plan_id, plan in sorted(pack.plans.items()):
        text = plan_texts.get(plan_id, "")
        sections: dict[str, Section] = {}
        decidable = 0
        for requirement in (r for r in pack.requirements if pack.plan_of[r.id] == plan_id):
            index = index_entry(pack, requirement)
            decidable += requirement.check is not None
            section = sections.setdefault(requirement.section, Section(requirement.section))
            section.entries.append(Entry(requirement, index, _lines(pack, requirement, index)))
        ordered = sorted(sections.values(), key=lambda s: (text.find(s.label) % (len(text) + 1), s.label))
        total = sum(len(s.entries) for s in ordered)
        plans.append(PlanOutline(plan, ordered, decidable, total - decidable))
    return plans


def metric_row(metric: Metric) -> list[str]:
    low = "" if metric.minimum is None else f"{metric.minimum:g}"
    high = "" if metric.maximum is None else f"{metric.maximum:g}"
    levels = "、".join(level.name_zh for level in metric.levels)
    valid = levels or (f"{low}–{high}" if low or high else "")
    definition = " / ".join(d for d in (metric.definition_zh, metric.definition_en) if d)
    return [metric.id, metric.name_zh, metric.name_en, metric.type.value, metric.unit, valid, definition]


METRIC_HEAD = ["id", "中文名", "English", "类型 type", "单位 unit", "取值 valid", "定义 definition"]


def markdown(plans: list[PlanOutline], metrics: list[Metric]) -> str:
    out = ["# 规则目录 · Rule catalogue", ""]
    for plan in plans:
        out += [f"## 《{plan.plan.title_zh}》 · {plan.plan.title_en}", ""]
        out += [f"{plan.decidable + plan.review} 项要求：可判定 {plan.decidable}，待核查 {plan.review}.", ""]
        for section in plan.sections:
            out += [f"### {section.label}", ""]
            for entry in section.entries:
                req = entry.requirement
                out += [f"#### {req.id} {req.title_zh} · {req.title_en}", "", f"> {req.quote}", ""]
                out += [f"- **{label}**: {text}" for label, text in entry.lines]
                out.append("")
    out += ["## 指标 · Metrics", "", "| " + " | ".join(METRIC_HEAD) + " |", "|" + "---|" * len(METRIC_HEAD)]
    for metric in metrics:
        cells = [cell.replace("|", "\\|") for cell in metric_row(metric)]
        out.append("| " + " | ".join(cells) + " |")
    return "\n".join(out) + "\n"
