"""A readable table per site, Chinese by default, with a summary line."""

from __future__ import annotations

import unicodedata

from compliance.model.result import Assessment, Finding, Status
from compliance.report.words import STATUS, STRENGTH, VERDICT

_HEAD = {
    "zh": ("编号", "状态", "强度", "要求", "观测", "现行目标", "期限"),
    "en": ("id", "status", "strength", "requirement", "observed", "target in force", "due"),
}
_WIDTHS = (10, 10, 9, 28, 18, 30, 10)


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def fit(text: str, size: int) -> str:
    """Pad or cut `text` to `size` terminal columns, counting wide characters as two."""
    out, used = "", 0
    for ch in text:
        w = width(ch)
        if used + w > size:
            out = out[:-1] + "…" if out and used >= size - 1 else out + "…"
            used = size
            break
        out += ch
        used += w
    return out + " " * max(0, size - width(out))


def _row(cells: tuple[str, ...]) -> str:
    return "  ".join(fit(c, w) for c, w in zip(cells, _WIDTHS, strict=True)).rstrip()


def _cells(finding: Finding, lang: str) -> tuple[str, ...]:
    decided = finding.status not in (Status.NOT_APPLICABLE, Status.NEEDS_REVIEW)
    target = (finding.target or finding.next_target) if decided else None
    due = "—"
    if target is not None:
        undated = ("无期限", "no deadline") if finding.modality == "gradual" else ("持续", "ongoing")
        due = target.due.isoformat() if target.due else undated[0 if lang == "zh" else 1]
    if lang == "zh":
        observed = "，".join(o.display_zh for o in finding.observed)
    else:
        observed = ", ".join(o.display_en for o in finding.observed)
    return (
        finding.requirement,
        STATUS[lang][finding.status],
        STRENGTH[lang].get(finding.strength, finding.strength),
        finding.title_zh if lang == "zh" else finding.title_en,
        observed or "—",
        (target.text_zh if lang == "zh" else target.text_en) if target else "—",
        due,
    )


def summary(assessment: Assessment, lang: str) -> str:
    sep = "，" if lang == "zh" else ", "
    counts = sep.join(f"{STATUS[lang][Status(s)]} {n}" for s, n in assessment.counts.items() if n)
    verdict = VERDICT[lang][assessment.verdict]
    if lang == "zh":
        return f"结论：{verdict}（{counts or '无适用要求'}）"
    return f"verdict: {verdict} ({counts or 'no applicable requirement'})"


def render(assessment: Assessment, lang: str = "zh") -> str:
    site = assessment.site
    name = site.name if lang == "zh" or not site.name_en else f"{site.name_en} ({site.name})"
    plans = ", ".join(assessment.plans)
    source = assessment.source
    if lang == "zh":
        head = f"站点：{name}（{site.id}，{site.kind}）  评估日期：{assessment.as_of}  方案：{plans}  来源：{source}"
    else:
        head = f"site: {name} ({site.id}, {site.kind})  as of: {assessment.as_of}  plans: {plans}  source: {source}"
    label = "提醒：" if lang == "zh" else "warning: "
    lines = [head, *(label + (w.text_zh if lang == "zh" else w.text_en) for w in assessment.warnings)]
    lines += ["", _row(_HEAD[lang]), _row(tuple("─" * w for w in _WIDTHS))]
    for finding in assessment.findings:
        lines.append(_row(_cells(finding, lang)))
        reason = finding.reason_zh if lang == "zh" else finding.reason_en
        lines.append(("    原因：" if lang == "zh" else "    reason: ") + reason)
        for warning in finding.warnings_zh if lang == "zh" else finding.warnings_en:
            lines.append(("    注意：" if lang == "zh" else "    warning: ") + warning)
    lines += ["", summary(assessment, lang)]
    return "\n".join(lines) + "\n"
