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
from compliance.report.rules import deciding_facts, due_words, index_entry, kind_names, reading
from compliance.report.words import METRIC_TYPE, MODALITY, RULE_LABEL, STRENGTH


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


def _lines(pack: RulePack, requirement: Requirement, index: dict[str, Any], lang: str) -> list[tuple[str, str]]:
    words = RULE_LABEL[lang]
    zh = lang == "zh"
    lines = [(words["applies"], kind_names(pack, requirement, lang))]
    if requirement.applies.condition is not None:
        lines.append((words["condition"], requirement.applies.condition_zh if zh else requirement.applies.condition_en))
        lines += [
            (words["deciding_fact"], zh_fact if zh else en_fact)
            for zh_fact, en_fact in deciding_facts(pack, requirement)
        ]
    for target in index["targets"]:
        due = due_words(target, words, zh)
        text = target.get("text_zh" if zh else "text_en", words["review"])  # a dated review item: its date alone
        lines.append((words["target"], f"{text}（{due}）" if zh else f"{text} ({due})"))
    if requirement.check is None:
        lines.append((words["decided_by"], words["review"]))
    strength = STRENGTH[lang][index["strength"]]
    lines.append((words["strength"], f"{strength} · {words['modality']}: {MODALITY[lang][index['modality']]}"))
    lines += [(f"{words['also']} {c.id}", f"{c.section}：“{c.quote}”") for c in requirement.also_cites]
    note = reading(requirement, lang)
    if note is not None:
        lines.append(note)
    return lines


def outline(pack: RulePack, plan_texts: dict[str, str], lang: str) -> list[PlanOutline]:
    """Plans in id order; sections in the order the plan text states them; requirements in pack order; every
    word around the rule text in `lang`."""
    plans = []
    for plan_id, plan in sorted(pack.plans.items()):
        text = plan_texts.get(plan_id, "")
        sections: dict[str, Section] = {}
        decidable = 0
        for requirement in (r for r in pack.requirements if pack.plan_of[r.id] == plan_id):
            index = index_entry(pack, requirement)
            decidable += requirement.check is not None
            section = sections.setdefault(requirement.section, Section(requirement.section))
            section.entries.append(Entry(requirement, index, _lines(pack, requirement, index, lang)))
        ordered = sorted(sections.values(), key=lambda s: (text.find(s.label) % (len(text) + 1), s.label))
        total = sum(len(s.entries) for s in ordered)
        plans.append(PlanOutline(plan, ordered, decidable, total - decidable))
    return plans


def metric_row(metric: Metric, lang: str = "zh") -> list[str]:
    zh = lang == "zh"
    low = "" if metric.minimum is None else f"{metric.minimum:g}"
    high = "" if metric.maximum is None else f"{metric.maximum:g}"
    levels = (
        "、".join(level.name_zh for level in metric.levels) if zh else ", ".join(lv.name_en for lv in metric.levels)
    )
    valid = levels or (f"{low}–{high}" if low or high else "")
    definitions = (metric.definition_zh, metric.definition_en) if zh else (metric.definition_en, metric.definition_zh)
    definition = next((d for d in definitions if d), "")
    name = metric.name_zh if zh else metric.name_en
    return [metric.id, name, METRIC_TYPE[lang][metric.type.value], metric.unit, valid, definition]


def _counts(plan: PlanOutline, lang: str) -> str:
    total = plan.decidable + plan.review
    return RULE_LABEL[lang]["plan_counts"].format(total=total, decidable=plan.decidable, review=plan.review)


def markdown(plans: list[PlanOutline], metrics: list[Metric], lang: str) -> str:
    words = RULE_LABEL[lang]
    zh = lang == "zh"
    out = [f"# {words['catalogue']}", ""]
    for plan in plans:
        out += [f"## 《{plan.plan.title_zh}》" if zh else f"## {plan.plan.title_en}", "", _counts(plan, lang), ""]
        for section in plan.sections:
            out += [f"### {section.label}", ""]
            for entry in section.entries:
                req = entry.requirement
                out += [f"#### {req.id} {req.title_zh if zh else req.title_en}", "", f"> {req.quote}", ""]
                out += [f"- **{label}**: {text}" for label, text in entry.lines]
                out.append("")
    head = words["metric_head"].split("|")
    out += [f"## {words['metrics']}", "", "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for metric in metrics:
        cells = [cell.replace("|", "\\|") for cell in metric_row(metric, lang)]
        out.append("| " + " | ".join(cells) + " |")
    return "\n".join(out) + "\n"
