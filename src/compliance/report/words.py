"""The one vocabulary of statuses and verdicts, Chinese and English, used by check, batch (CSV, XLSX, summary),
the handover report, the scenario coverage table and the Gherkin steps alike; and the names of strengths,
modalities and an inspector's outcomes. Nothing else holds these words (tests/test_vocabulary.py).

`ALSO_READ` lists other words people use for the same thing (the batch's earlier 符合/达标 …): a scenario
may write them, but nothing prints them.
"""

from __future__ import annotations

from compliance.model.result import Status, Verdict

STATUS = {
    "zh": {
        Status.PASS: "通过",
        Status.FAIL: "不达标",
        Status.AT_RISK: "有风险",
        Status.INSUFFICIENT_DATA: "数据不足",
        Status.NOT_APPLICABLE: "不适用",
        Status.NEEDS_REVIEW: "待核查",
    },
    "en": {
        Status.PASS: "pass",
        Status.FAIL: "fail",
        Status.AT_RISK: "at risk",
        Status.INSUFFICIENT_DATA: "insufficient data",
        Status.NOT_APPLICABLE: "not applicable",
        Status.NEEDS_REVIEW: "needs review",
    },
}

VERDICT = {
    "zh": {
        Verdict.COMPLIANT: "合规",
        Verdict.NON_COMPLIANT: "不合规",
        Verdict.INCOMPLETE: "无法判定（数据不全）",
        Verdict.NO_APPLICABLE_REQUIREMENT: "无可判定要求",
    },
    "en": {
        Verdict.COMPLIANT: "compliant",
        Verdict.NON_COMPLIANT: "non-compliant",
        Verdict.INCOMPLETE: "incomplete",
        Verdict.NO_APPLICABLE_REQUIREMENT: "no applicable requirement",
    },
}

NOT_ASSESSED = "rejected"
"""A batch row that was not assessed (bad data); counted beside the verdicts."""
BATCH_VERDICT_ZH = {verdict.value: VERDICT["zh"][verdict] for verdict in Verdict} | {NOT_ASSESSED: "未评估（数据有误）"}
"""Each batch outcome by its code, in the order the batch lists them."""
STATUS_ZH = {status.value: STATUS["zh"][status] for status in Status}
"""Each status's Chinese word by its code, for files that carry the code (findings.jsonl, summary.json)."""

ALSO_READ: dict[Status | Verdict, tuple[str, ...]] = {
    Status.PASS: ("达标",),
    Status.NEEDS_REVIEW: ("待人工核查",),
    Verdict.COMPLIANT: ("符合",),
    Verdict.NON_COMPLIANT: ("不符合",),
    Verdict.INCOMPLETE: ("数据不足", "数据不全"),
}

OUTCOME = {
    "zh": {"pass": "通过", "fail": "不通过"},
    "en": {"pass": "pass", "fail": "fail"},
}
"""An inspector's judgement of a review item (an attestation's outcome), as the checklist offers it; the
attestations reader also takes 合格/不合格."""

STRENGTH = {
    "zh": {"binding": "约束", "strive": "力争", "basically": "基本"},
    "en": {"binding": "binding", "strive": "strive", "basically": "basically"},
}


def strength_word(strength: str, modality: str, lang: str) -> str:
    """How binding a finding is, as a heading shows it: an encouraged or exploratory item by that word (鼓励, 探索),
    never 约束, though its strength is kept as binding in the JSON."""
    if modality in ("encouraged", "exploratory"):
        return MODALITY[lang][modality]
    return STRENGTH[lang].get(strength, strength)


MODALITY = {
    "zh": {
        "obligation": "义务",
        "prohibition": "禁止",
        "encouraged": "鼓励",
        "exploratory": "探索",
        "gradual": "逐步实现",
        "enforcement": "执法",
    },
    "en": {
        "obligation": "obligation",
        "prohibition": "prohibition",
        "encouraged": "encouraged",
        "exploratory": "exploratory",
        "gradual": "gradual",
        "enforcement": "enforcement",
    },
}

METRIC_TYPE = {
    "zh": {"number": "数值", "percent": "百分比", "boolean": "是/否", "ordinal": "等级", "category": "类别"},
    "en": {"number": "number", "percent": "percent", "boolean": "yes/no", "ordinal": "ordinal", "category": "category"},
}

RULE_LABEL = {
    "zh": {
        "plan": "方案",
        "clause": "条款",
        "quote": "原文",
        "also": "另见",
        "applies": "适用对象",
        "condition": "适用条件",
        "deciding_fact": "决定适用的事实",
        "blank_condition": "未填写时为“数据不足”，不会视为不适用",
        "target": "目标",
        "due": "期限",
        "ongoing": "持续",
        "review": "定性要求，需人工核查",
        "decided_by": "判定",
        "strength": "强度",
        "modality": "要求性质",
        "notes": "说明",
        "notes_fallback": "说明（暂无中文说明，以下为英文原文）",
        "declared_in": "定义于",
        "responsible": "责任单位",
        "count": "{n} 项要求",
        "catalogue": "规则目录",
        "plan_counts": "{total} 项要求：可判定 {decidable}，待核查 {review}。",
        "metrics": "指标",
        "metric_head": "id|名称|类型|单位|取值|定义",
    },
    "en": {
        "plan": "plan",
        "clause": "clause",
        "quote": "quote",
        "also": "also",
        "applies": "applies to",
        "condition": "condition",
        "deciding_fact": "deciding fact",
        "blank_condition": "left blank, the finding is insufficient_data, never not_applicable",
        "target": "target",
        "due": "due",
        "ongoing": "ongoing",
        "review": "qualitative: needs an inspector's review",
        "decided_by": "decided by",
        "strength": "strength",
        "modality": "modality",
        "notes": "notes",
        "notes_fallback": "notes (in Chinese only)",
        "declared_in": "declared in",
        "responsible": "who must act",
        "count": "{n} requirements",
        "catalogue": "Rule catalogue",
        "plan_counts": "{total} requirements: {decidable} decidable, {review} for review.",
        "metrics": "Metrics",
        "metric_head": "id|name|type|unit|valid|definition",
    },
}
"""The words `rules list`, `rules show` and `rules doc` print around a requirement, one set per language."""
