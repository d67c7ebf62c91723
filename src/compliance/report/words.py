"""The one vocabulary of statuses and verdicts, Chinese and English, used by check, batch (CSV, XLSX, summary)
and the Gherkin steps alike; and the strength names.

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

STRENGTH = {
    "zh": {"binding": "约束", "strive": "力争", "basically": "基本"},
    "en": {"binding": "binding", "strive": "strive", "basically": "basically"},
}
