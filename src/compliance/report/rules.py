"""Requirements as people browse them: a list, one requirement in full, a JSON index."""

from __future__ import annotations

import json
from typing import Any

from compliance.assess.describe import allowed_values, describe
from compliance.engine.compile import metrics_of
from compliance.model.plan import Requirement, RulePack, Target
from compliance.report.text import fit
from compliance.report.words import STRENGTH


def index_entry(pack: RulePack, requirement: Requirement) -> dict[str, Any]:
    catalogue = pack.catalogue
    targets = []
    for target in requirement.targets or ([Target()] if requirement.check is not None else []):
        entry: dict[str, Any] = {"due": target.due.isoformat() if target.due else None, "value": target.value}
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


def list_json(pack: RulePack, requirements: list[Requirement]) -> str:
    entries = [index_entry(pack, r) for r in requirements]
    return json.dumps(entries, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def list_text(pack: RulePack, requirements: list[Requirement], lang: str) -> str:
    lines = []
    for requirement in requirements:
        title = requirement.title_zh if lang == "zh" else requirement.title_en
        kinds = ",".join(requirement.applies.kinds)
        strength = STRENGTH[lang][requirement.strength.value]
        cells = [fit(requirement.id, 10), fit(pack.plan_of[requirement.id], 7), fit(kinds, 16), fit(strength, 8)]
        lines.append("  ".join([*cells, title]))
    lines.append(f"{len(requirements)} 项要求" if lang == "zh" else f"{len(requirements)} requirements")
    return "\n".join(lines) + "\n"


def deciding_facts(pack: RulePack, requirement: Requirement) -> list[tuple[str, str]]:
    """Each fact the requirement's condition reads: key, names, and the values it may take, zh and en."""
    facts = []
    for metric_id in dict.fromkeys(metrics_of(requirement.applies.condition)):
        metric = pack.catalogue.metric(metric_id)
        values_zh, values_en = allowed_values(metric, requirement.applies.kinds, pack)
        facts.append((f"{metric.id}（{metric.name_zh}）：{values_zh}", f"{metric.id} ({metric.name_en}): {values_en}"))
    return facts


def show_text(pack: RulePack, requirement: Requirement, lang: str) -> str:
    entry = index_entry(pack, requirement)
    plan = pack.plans[entry["plan"]]
    zh = lang == "zh"
    lines = [
        f"{requirement.id}  {requirement.title_zh if zh else requirement.title_en}",
        f"{'方案' if zh else 'plan'}: {plan.title_zh if zh else plan.title_en}",
        f"{'条款' if zh else 'clause'}: {requirement.section}",
        f"{'原文' if zh else 'quote'}: “{requirement.quote}”",
    ]
    lines += [f"{'另见' if zh else 'also'} {c.id}: {c.section} “{c.quote}”" for c in requirement.also_cites]
    lines.append(f"{'适用对象' if zh else 'applies to'}: {', '.join(requirement.applies.kinds)}")
    if requirement.applies.condition is not None:
        condition = requirement.applies.condition_zh if zh else requirement.applies.condition_en
        lines.append(f"{'适用条件' if zh else 'condition'}: {condition}")
        for fact_zh, fact_en in deciding_facts(pack, requirement):
            lines.append(f"  {'决定适用的事实' if zh else 'deciding fact'}: {fact_zh if zh else fact_en}")
        lines.append(
            "  未填写时为“数据不足”，不会视为不适用"
            if zh
            else "  left blank, the finding is insufficient_data, never not_applicable"
        )
    for target in entry["targets"] or [{}]:
        text = target.get("text_zh" if zh else "text_en")
        if text is None and requirement.check is not None:
            text = describe(requirement.check, None, pack.catalogue, lang)
        if text is None:
            text = "定性要求，需人工核查" if zh else "qualitative: needs an inspector's review"
        due = target.get("due") or ("持续" if zh else "ongoing")
        lines.append(f"{'目标' if zh else 'target'}: {text}  ({'期限' if zh else 'due'} {due})")
    strength = STRENGTH[lang][requirement.strength.value]
    lines.append(f"{'强度' if zh else 'strength'}: {strength}; modality: {requirement.modality.value}")
    responsible = plan.responsible_units.get(requirement.section)
    if responsible is not None:  # the plan's own words: who must act on the section's actions
        lines.append(
            f"{'责任单位' if zh else 'who must act'}: {responsible.text}{responsible.also and ' ' + responsible.also}"
        )
    if requirement.notes:
        lines.append(f"{'说明' if zh else 'notes'}: {requirement.notes}")
    lines.append(f"{'定义于' if zh else 'declared in'}: {pack.source_of[requirement.id]}")
    return "\n".join(lines) + "\n"
