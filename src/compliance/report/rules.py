"""Requirements as people browse them: a list, one requirement in full, a JSON index."""

from __future__ import annotations

import json
from typing import Any

from compliance.assess.describe import allowed_values, describe
from compliance.model.checks import KIND_METRIC, metrics_of
from compliance.model.plan import Requirement, RulePack, Target
from compliance.report.text import fit
from compliance.report.words import MODALITY, RULE_LABEL, STRENGTH


def index_entry(pack: RulePack, requirement: Requirement) -> dict[str, Any]:
    catalogue = pack.catalogue
    targets = []
    for target in requirement.targets or ([Target()] if requirement.check is not None else []):
        entry: dict[str, Any] = {"due": target.due.isoformat() if target.due else None, "value": target.value}
        if target.starts is not None:  # only where a rule has one, so the index is otherwise as before
            entry["starts"] = target.starts.isoformat()
        if requirement.check is not None:
            entry["text_zh"] = describe(requirement.check, target.value, catalogue, "zh")
            entry["text_en"] = describe(requirement.check, target.value, catalogue, "en")
        targets.append(entry)
    return {
        "id": requirement.id,
        "plan": pack.plan_of[requirement.id],
        "section": requirement.section,
        "quote": requirement.quote,
        "title_zh": requirement.title_zh,
        "title_en": requirement.title_en,
        "kind": requirement.applies.kinds[0],
        "kinds": requirement.applies.kinds,
        "requirement_kind": requirement.kind.value,
        "metrics": metrics_of(requirement.check),
        "condition_metrics": metrics_of(requirement.applies.condition),
        "targets": targets,
        "strength": requirement.strength.value,
        "modality": requirement.modality.value,
        "encoding": "decidable" if requirement.check is not None else "review",
        "also_cites": [c.id for c in requirement.also_cites],
    }


def due_words(target: dict[str, Any], words: dict[str, str], zh: bool) -> str:
    """A target's deadline as an index entry gives it: a date, or 持续 (ongoing), from the day it starts if later."""
    due = target.get("due") or words["ongoing"]
    if target.get("starts"):
        return f"{target['starts']} 起{due}" if zh else f"{due} from {target['starts']}"
    return str(due)


def list_json(pack: RulePack, requirements: list[Requirement]) -> str:
    entries = [index_entry(pack, r) for r in requirements]
    return json.dumps(entries, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def kind_names(pack: RulePack, requirement: Requirement, lang: str) -> str:
    """The kinds a requirement covers by their catalogue names, as policy staff call them (行政村, 园区)."""
    kinds = [pack.catalogue.kind(k) for k in requirement.applies.kinds]
    return "、".join(k.name_zh for k in kinds) if lang == "zh" else ", ".join(k.name_en for k in kinds)


def reading(requirement: Requirement, lang: str) -> tuple[str, str] | None:
    """The note on how the plan's words are read, labelled, in `lang`; the other language's note, marked as
    such, only where the rule has none in `lang`, so no reading is hidden and none passes for a translation."""
    words = RULE_LABEL[lang]
    own, other = (
        (requirement.notes_zh, requirement.notes) if lang == "zh" else (requirement.notes, requirement.notes_zh)
    )
    if own:
        return words["notes"], own
    return (words["notes_fallback"], other) if other else None


def list_text(pack: RulePack, requirements: list[Requirement], lang: str) -> str:
    lines = []
    for requirement in requirements:
        title = requirement.title_zh if lang == "zh" else requirement.title_en
        kinds = kind_names(pack, requirement, lang)
        strength = STRENGTH[lang][requirement.strength.value]
        cells = [fit(requirement.id, 10), fit(pack.plan_of[requirement.id], 7), fit(kinds, 16), fit(strength, 9)]
        lines.append("  ".join([*cells, title]))
    lines.append(RULE_LABEL[lang]["count"].format(n=len(requirements)))
    return "\n".join(lines) + "\n"


def deciding_facts(pack: RulePack, requirement: Requirement) -> list[tuple[str, str]]:
    """Each fact the requirement's condition reads: key, names, and the values it may take, zh and en (the site's
    kind is no fact: the condition's words say which kinds it covers outright)."""
    facts = []
    for metric_id in dict.fromkeys(m for m in metrics_of(requirement.applies.condition) if m != KIND_METRIC):
        metric = pack.catalogue.metric(metric_id)
        values_zh, values_en = allowed_values(metric, requirement.applies.kinds, pack)
        facts.append((f"{metric.id}（{metric.name_zh}）：{values_zh}", f"{metric.id} ({metric.name_en}): {values_en}"))
    return facts


def show_text(pack: RulePack, requirement: Requirement, lang: str) -> str:
    entry = index_entry(pack, requirement)
    plan = pack.plans[entry["plan"]]
    zh = lang == "zh"
    words = RULE_LABEL[lang]
    lines = [
        f"{requirement.id}  {requirement.title_zh if zh else requirement.title_en}",
        f"{words['plan']}: {plan.title_zh if zh else plan.title_en}",
        f"{words['clause']}: {requirement.section}",
        f"{words['quote']}: “{requirement.quote}”",
    ]
    lines += [f"{words['also']} {c.id}: {c.section} “{c.quote}”" for c in requirement.also_cites]
    lines.append(f"{words['applies']}: {kind_names(pack, requirement, lang)}")
    if requirement.applies.condition is not None:
        condition = requirement.applies.condition_zh if zh else requirement.applies.condition_en
        lines.append(f"{words['condition']}: {condition}")
        for fact_zh, fact_en in deciding_facts(pack, requirement):
            lines.append(f"  {words['deciding_fact']}: {fact_zh if zh else fact_en}")
        lines.append(f"  {words['blank_condition']}")
    for target in entry["targets"] or [{}]:
        text = target.get("text_zh" if zh else "text_en")
        if text is None and requirement.check is not None:
            text = describe(requirement.check, None, pack.catalogue, lang)
        if text is None:
            text = words["review"]
        lines.append(f"{words['target']}: {text}  ({words['due']} {due_words(target, words, zh)})")
    strength = STRENGTH[lang][requirement.strength.value]
    lines.append(f"{words['strength']}: {strength}; {words['modality']}: {MODALITY[lang][requirement.modality.value]}")
    responsible = plan.responsible_units.get(requirement.section)
    if responsible is not None:  # the plan's own words: who must act on the section's actions
        lines.append(f"{words['responsible']}: {responsible.text}{responsible.also and ' ' + responsible.also}")
    note = reading(requirement, lang)
    if note is not None:
        lines.append(f"{note[0]}: {note[1]}")
    lines.append(f"{words['declared_in']}: {pack.source_of[requirement.id]}")
    return "\n".join(lines) + "\n"
