"""What a report handed over to a section chief says about one site, as plain rows for every format.

The HTML and Markdown renderers only lay these rows out. A finding becomes one `Item` whose details are
(label, text) pairs built in `_details`: a new field on findings is shown in every format by adding it there.
The order follows what an inspector must defend first: the findings that decide the verdict (bearing
failures, then bearing missing data), then what is at risk, then misses that do not affect the verdict.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from compliance import __version__
from compliance.model.attestation import Attestation
from compliance.model.result import Assessment, Finding, Status, TargetView
from compliance.report.text import ORDER
from compliance.report.unused import SetAside
from compliance.report.words import OUTCOME, STATUS, VERDICT, strength_word

LABELS = {
    "zh": {
        "title": "合规检查报告",
        "site": "站点",
        "kind": "类型",
        "district": "所在区",
        "facts": "事实文件",
        "sha256": "文件 SHA-256",
        "as_of": "评估日期",
        "plans": "适用方案",
        "verdict": "结论",
        "counts": "各状态项数",
        "warnings": "提醒",
        "deciding": "决定结论的问题",
        "deciding_none": "无：没有约束性要求不达标或缺少数据。",
        "at_risk": "有风险（尚未到期或逐步实现）",
        "non_bearing": "不影响结论的问题（力争、鼓励等：未达标或缺少数据）",
        "non_bearing_note": "不构成违规",
        "attestations": "采用的人工核查记录",
        "unused": "未采用的人工核查记录",
        "site_id": "站点编号",
        "why": "未采用的原因",
        "checklist": "待核查清单",
        "checklist_hint": (
            "逐项填写结论、检查员、日期、证据和有效期至（可空）；compliance attestations template"
            "生成同样各列的表格，填好后以 --attestations 读回。"
        ),
        "evidence": "证据来源",
        "none": "无。",
        "observed": "观测",
        "target": "现行目标",
        "next_target": "下一目标",
        "due": "期限",
        "clause": "条款",
        "reason": "原因",
        "gap": "差距",
        "next_gap": "距下一目标",
        "responsible": "责任单位",
        "warning": "注意",
        "strength": "强度",
        "requirement": "要求",
        "outcome": "结论",
        "inspector": "检查员",
        "date": "日期",
        "evidence_col": "证据",
        "expires": "有效期至",
        "recorded_in": "记录来源",
        "metric": "指标",
        "value": "数值",
        "source": "来源",
        "observed_on": "观测日期",
        "note": "证据说明",
        "blank_outcome": f"□ {OUTCOME['zh']['pass']}　□ {OUTCOME['zh']['fail']}",
        **OUTCOME["zh"],
        "tool": "工具版本",
        "pack": "规则包 SHA-256",
        "checker": "检查人",
        "reviewer": "复核人",
        "signed_on": "日期",
        "ongoing": "持续",
        "no_deadline": "无期限",
        "index": "合规检查报告汇总",
        "unread": "未能读取的输入（未出报告）",
        "row": "行",
        "problem": "问题",
        "repeated": "同一站点编号出现不止一次（请按事实文件区分）",
        "sites": "站点数",
        ":": "：",
        "(": "（",
        ")": "）",
    },
    "en": {
        "title": "Compliance inspection report",
        "site": "Site",
        "kind": "Kind",
        "district": "District",
        "facts": "Facts file",
        "sha256": "File SHA-256",
        "as_of": "As of",
        "plans": "Plans",
        "verdict": "Verdict",
        "counts": "Findings by status",
        "warnings": "Warnings",
        "deciding": "Findings that decide the verdict",
        "deciding_none": "None: no binding requirement failed or lacks data.",
        "at_risk": "At risk (not yet due, or gradual)",
        "non_bearing": "Findings that do not affect the verdict (strive, encouraged …: missed or lacking data)",
        "non_bearing_note": "does not affect the verdict",
        "attestations": "Inspectors' judgements used",
        "unused": "Inspectors' judgements not used",
        "site_id": "Site id",
        "why": "Why not used",
        "checklist": "Review checklist",
        "checklist_hint": (
            "Fill in outcome, inspector, date, evidence and expiry (may be blank) for each item; compliance"
            " attestations template writes the same columns as a table to fill and pass back with --attestations."
        ),
        "evidence": "Evidence sources",
        "none": "None.",
        "observed": "Observed",
        "target": "Target in force",
        "next_target": "Next target",
        "due": "Due",
        "clause": "Clause",
        "reason": "Reason",
        "gap": "Gap",
        "next_gap": "To the next target",
        "responsible": "Who must act",
        "warning": "Warning",
        "strength": "Strength",
        "requirement": "Requirement",
        "outcome": "Outcome",
        "inspector": "Inspector",
        "date": "Date",
        "evidence_col": "Evidence",
        "expires": "Expires",
        "recorded_in": "Recorded in",
        "metric": "Metric",
        "value": "Value",
        "source": "Source",
        "observed_on": "Observed on",
        "note": "Evidence note",
        "blank_outcome": f"□ {OUTCOME['en']['pass']}　□ {OUTCOME['en']['fail']}",
        **OUTCOME["en"],
        "tool": "Tool version",
        "pack": "Rule pack SHA-256",
        "checker": "Inspector 检查人",
        "reviewer": "Reviewer 复核人",
        "signed_on": "Date 日期",
        "ongoing": "ongoing",
        "no_deadline": "no deadline",
        "index": "Compliance inspection reports",
        "unread": "Inputs that could not be read (no report)",
        "row": "Line",
        "problem": "Problem",
        "repeated": "Site id given more than once (tell them apart by facts file)",
        "sites": "Sites",
        ":": ": ",
        "(": " (",
        ")": ")",
    },
}


@dataclass(frozen=True)
class Item:
    """One finding as a report shows it: a heading line, labelled details, and the clause quoted verbatim."""

    requirement: str
    title: str
    status: str
    strength: str
    details: list[tuple[str, str]]
    section: str
    quote: str
    note: str = ""
    """Set on misses that do not affect the verdict: （不构成违规）."""


@dataclass(frozen=True)
class ReviewLine:
    """A review item with the blanks an inspector fills in."""

    requirement: str
    title: str
    section: str
    quote: str
    notes: tuple[str, ...] = ()
    """The finding's 注意 lines (a judgement on it set aside, and why)."""


@dataclass(frozen=True)
class Provenance:
    """Where the report's input came from and what judged it: the facts file's digest, the tool, the rule pack."""

    facts_sha256: str
    pack_sha256: str
    tool_version: str = __version__


@dataclass
class Handover:
    """One site's report, section by section, in the language it was asked for."""

    lang: str
    labels: dict[str, str]
    site_id: str
    site_name: str
    head: list[tuple[str, str]]
    verdict: str
    verdict_code: str
    warnings: list[str]
    deciding: list[Item]
    at_risk: list[Item]
    non_bearing: list[Item]
    attestations: list[list[str]]
    unused: list[list[str]]
    checklist: list[ReviewLine]
    evidence: list[list[str]]
    footer: list[tuple[str, str]]
    counts: str = ""
    facts: str = ""
    headers: dict[str, list[str]] = field(default_factory=dict)


def said(words: dict[str, str], label: str, text: object) -> str:
    """`label：text` in Chinese, `label: text` in English."""
    return f"{label}{words[':']}{text}"


def counted(words: dict[str, str], title: str, count: int) -> str:
    """`title（3）` in Chinese, `title (3)` in English."""
    return f"{title}{words['(']}{count}{words[')']}"


def _due(target: TargetView, finding: Finding, words: dict[str, str]) -> str:
    if target.due is not None:
        return target.due.isoformat()
    return words["no_deadline"] if finding.modality == "gradual" else words["ongoing"]


def _target(target: TargetView, finding: Finding, lang: str, words: dict[str, str]) -> str:
    text = target.text_zh if lang == "zh" else target.text_en
    return f"{text}{words['(']}{words['due']} {_due(target, finding, words)}{words[')']}"


def _details(finding: Finding, lang: str) -> list[tuple[str, str]]:
    """What a finding shows under its heading, in every format: a field new on findings is added here once."""
    words = LABELS[lang]
    zh = lang == "zh"
    details = []
    observed = ("，" if zh else ", ").join(o.display_zh if zh else o.display_en for o in finding.observed)
    if observed:
        details.append((words["observed"], observed))
    if finding.target is not None:
        details.append((words["target"], _target(finding.target, finding, lang, words)))
    if finding.next_target is not None:
        details.append((words["next_target"], _target(finding.next_target, finding, lang, words)))
    for label, view in ((words["gap"], finding.target), (words["next_gap"], finding.next_target)):
        if view is not None and view.gap is not None and not view.gap.met:
            details.append((label, view.gap.text_zh if zh else view.gap.text_en))
    details.append((words["reason"], finding.reason_zh if zh else finding.reason_en))
    if finding.responsible_units:
        details.append((words["responsible"], ("、" if zh else ", ").join(finding.responsible_units)))
    details += [(words["warning"], w) for w in (finding.warnings_zh if zh else finding.warnings_en)]
    return details


def _item(finding: Finding, lang: str, note: str = "") -> Item:
    return Item(
        requirement=finding.requirement,
        title=finding.title_zh if lang == "zh" else finding.title_en,
        status=STATUS[lang][finding.status],
        strength=strength_word(finding.strength, finding.modality, lang),
        details=_details(finding, lang),
        section=finding.section,
        quote=finding.quote,
        note=note,
    )


MISSES = (Status.FAIL, Status.INSUFFICIENT_DATA)


def deciding(findings: list[Finding]) -> list[Finding]:
    """Bearing failures first, then bearing missing data: the findings that make the verdict what it is."""
    return [f for status in MISSES for f in findings if f.bears_on_verdict and f.status == status]


def _attestation_row(attestation: Attestation, words: dict[str, str]) -> list[str]:
    return [
        attestation.requirement,
        words[attestation.outcome],
        attestation.inspector,
        attestation.date.isoformat(),
        attestation.evidence,
        attestation.expires.isoformat() if attestation.expires else "",
        attestation.source,
    ]


def _evidence(findings: list[Finding], lang: str) -> list[list[str]]:
    """Each observed value once, with where it came from and when it was observed."""
    rows: dict[str, list[str]] = {}
    for finding in findings:
        for observed in finding.observed:
            if observed.metric in rows:
                continue
            rows[observed.metric] = [
                observed.name_zh if lang == "zh" else observed.name_en,
                observed.display_zh if lang == "zh" else observed.display_en,
                observed.source,
                observed.observed_on.isoformat() if observed.observed_on else "",
                observed.evidence,
            ]
    return [rows[metric] for metric in sorted(rows)]


def _unused_row(unused: SetAside, words: dict[str, str], lang: str) -> list[str]:
    a = unused.attestation
    return [a.requirement, a.site, words[a.outcome], a.inspector, a.date.isoformat(), a.source, unused.why(lang)]


def _counts(assessment: Assessment, lang: str) -> str:
    """Counts by status, those bearing on the verdict kept apart from those that do not (as `check` says them)."""
    groups = []
    for label, bearing in ((("计入结论", "bearing on the verdict"), True), (("不计入结论", "not bearing"), False)):
        counts = [
            f"{STATUS[lang][status]} {n}"
            for status in ORDER
            if (n := sum(f.status == status and f.bears_on_verdict == bearing for f in assessment.findings))
        ]
        if counts:
            word = label[0] if lang == "zh" else label[1]
            groups.append(f"{word}：" + "，".join(counts) if lang == "zh" else f"{word}: " + ", ".join(counts))
    return ("；" if lang == "zh" else "; ").join(groups)


def _review_line(finding: Finding, lang: str) -> ReviewLine:
    title = finding.title_zh if lang == "zh" else finding.title_en
    notes = tuple(finding.warnings_zh if lang == "zh" else finding.warnings_en)
    return ReviewLine(finding.requirement, title, finding.section, finding.quote, notes)


def _headers(words: dict[str, str]) -> dict[str, list[str]]:
    """The column heads of the report's tables."""
    columns = {
        "attestations": ("requirement", "outcome", "inspector", "date", "evidence_col", "expires", "recorded_in"),
        "unused": ("requirement", "site_id", "outcome", "inspector", "date", "recorded_in", "why"),
        "checklist": ("requirement", "clause", "outcome", "inspector", "date", "evidence_col", "expires"),
        "evidence": ("metric", "value", "source", "observed_on", "note"),
    }
    return {table: [words[k] for k in keys] for table, keys in columns.items()}


def build(
    assessment: Assessment, provenance: Provenance, lang: str = "zh", unused: list[SetAside] | None = None
) -> Handover:
    """The report's rows for one assessment, in the order they are read; `unused`: the attestations for this site
    (or for no site of the run) that were set aside, with why."""
    words = LABELS[lang]
    site = assessment.site
    name = site.name if lang == "zh" or not site.name_en else f"{site.name_en} ({site.name})"
    findings = assessment.findings
    head = [
        (words["site"], f"{name}{words['(']}{site.id}{words[')']}"),
        (words["kind"], site.kind),
        (words["district"], " ".join(p for p in (site.district, site.admin_code) if p) or "—"),
        (words["facts"], assessment.source),
        (words["sha256"], provenance.facts_sha256),
        (words["as_of"], assessment.as_of.isoformat()),
        (words["plans"], ", ".join(assessment.plans) or "—"),
    ]
    counts = _counts(assessment, lang)
    missed = [f for f in findings if not f.bears_on_verdict and f.status in MISSES]
    attested = [f.attestation for f in findings if f.attestation is not None]
    return Handover(
        lang=lang,
        labels=words,
        site_id=site.id,
        site_name=name,
        head=head,
        verdict=VERDICT[lang][assessment.verdict],
        verdict_code=assessment.verdict.value,
        warnings=[w.text_zh if lang == "zh" else w.text_en for w in assessment.warnings],
        deciding=[_item(f, lang) for f in deciding(findings)],
        at_risk=[_item(f, lang) for f in findings if f.status == Status.AT_RISK],
        non_bearing=[_item(f, lang, f"{words['(']}{words['non_bearing_note']}{words[')']}") for f in missed],
        attestations=[_attestation_row(a, words) for a in attested],
        unused=[_unused_row(u, words, lang) for u in unused or []],
        checklist=[_review_line(f, lang) for f in findings if f.status == Status.NEEDS_REVIEW],
        evidence=_evidence(findings, lang),
        footer=[(words["tool"], f"compliance {provenance.tool_version}"), (words["pack"], provenance.pack_sha256)],
        counts=counts,
        facts=assessment.source,
        headers=_headers(words),
    )
