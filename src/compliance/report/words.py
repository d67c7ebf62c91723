"""Status, verdict and strength names in Chinese and English, shared by every format."""

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
    "zh": {Verdict.COMPLIANT: "合规", Verdict.NON_COMPLIANT: "不合规", Verdict.INCOMPLETE: "无法判定（数据不全）"},
    "en": {Verdict.COMPLIANT: "compliant", Verdict.NON_COMPLIANT: "non-compliant", Verdict.INCOMPLETE: "incomplete"},
}

STRENGTH = {
    "zh": {"binding": "约束", "strive": "力争", "basically": "基本"},
    "en": {"binding": "binding", "strive": "strive", "basically": "basically"},
}
