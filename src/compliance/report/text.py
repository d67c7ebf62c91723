"""The text report of one site, read top-down: the verdict, then what decides it, then what does not.

Order: the verdict and the findings that decide it (binding failures, then binding findings lacking data),
the at-risk items, the misses that do not affect the verdict (力争 targets, encouraged items: marked
不构成违规), then passes and not-applicable items one line each, and the review items as a count with the
command that lists them. Every line fits a 100-column terminal: long lines wrap (wide characters count two
columns), nothing is cut.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Collection
from dataclasses import dataclass

from compliance.model.gazetteer import PLACE_METRIC
from compliance.model.result import Assessment, Finding, Status, TargetView
from compliance.report.words import ALSO_READ, STATUS, VERDICT, strength_word

COLUMNS = 100
"""The terminal width every line fits in."""
INDENT = "    "

ORDER = (Status.FAIL, Status.INSUFFICIENT_DATA, Status.AT_RISK, Status.PASS, Status.NOT_APPLICABLE, Status.NEEDS_REVIEW)
"""Statuses in the order the report speaks of them: what decides first."""
DEFAULT_SHOWN = frozenset(Status) - {Status.NEEDS_REVIEW}
"""Review items are many (a plan's qualitative clauses): counted, listed only when asked for."""


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


_NO_LINE_START = set("，。；：、）》」』”’！？,.;:)]%")
"""Punctuation that never begins a wrapped line: it stays with the word before it."""
_NO_LINE_END = set("（《「『“‘(")
"""Punctuation that never ends a line: it stays with what follows."""


def _tokens(text: str) -> list[str]:
    """Words that wrapping keeps whole: a run of narrow characters, one wide character, or spaces."""
    tokens: list[str] = []
    for ch in text:
        if tokens and (ch in _NO_LINE_START or tokens[-1][-1] in _NO_LINE_END):
            tokens[-1] += ch
        elif tokens and width(ch) == 1 and width(tokens[-1][-1]) == 1 and ch.isspace() == tokens[-1][-1].isspace():
            tokens[-1] += ch  # the same narrow word (or run of spaces) goes on
        else:
            tokens.append(ch)
    return tokens


def wrap(text: str, first: str = "", rest: str = INDENT, columns: int = COLUMNS) -> list[str]:
    """`text` after `first`, wrapped to `columns` with `rest` before each further line; a word longer than a
    line is split, never dropped."""
    lines: list[str] = []
    line, used = first, width(first)
    for token in _tokens(text):
        size = width(token)
        if used + size > columns and line.strip():
            if token.isspace():
                continue
            lines.append(line.rstrip())
            line, used = rest, width(rest)
        if line == rest and token.isspace():
            continue
        while used + size > columns:  # a word longer than a line: split it
            room = columns - used
            head = ""
            for ch in token:
                if width(head + ch) > room:
                    break
                head += ch
            lines.append(line + head)
            token, line, used = token[len(head) :], rest, width(rest)
            size = width(token)
        line += token
        used += size
    lines.append(line.rstrip())
    return lines


@dataclass(frozen=True)
class Words:
    """The labels of one language."""

    site: str
    as_of: str
    plans: str
    source: str
    warning: str
    note: str
    reason: str
    gap: str
    next_gap: str
    who: str
    deciding: str
    at_risk: str
    not_deciding: str
    not_violation: str
    passed: str
    not_applicable: str
    review: str
    bearing: str
    not_bearing: str
    nothing: str
    list_sep: str
    hidden: str


WORDS = {
    "zh": Words(
        site="站点",
        as_of="评估日期",
        plans="方案",
        source="来源",
        warning="提醒：",
        note="注意：",
        reason="原因：",
        gap="差距：",
        next_gap="距下一目标：",
        who="责任单位：",
        deciding="决定结论的问题",
        at_risk="有风险（尚未到期或逐步实现）",
        not_deciding="不影响结论的差距（力争、鼓励等）",
        not_violation="不构成违规",
        passed=STATUS["zh"][Status.PASS],
        not_applicable=STATUS["zh"][Status.NOT_APPLICABLE],
        review="待核查 {count} 项（定性要求，需人工核查），列出：{command}",
        bearing="计入结论",
        not_bearing="不计入结论",
        nothing="无适用要求",
        list_sep="，",
        hidden="未显示：{statuses}（--show 可显示）",
    ),
    "en": Words(
        site="site",
        as_of="as of",
        plans="plans",
        source="source",
        warning="warning: ",
        note="warning: ",
        reason="reason: ",
        gap="gap: ",
        next_gap="to the next target: ",
        who="who must act: ",
        deciding="What decides the verdict",
        at_risk="At risk (not yet due, or gradual)",
        not_deciding="Shortfalls that do not affect the verdict (strive targets, encouraged items)",
        not_violation="does not affect the verdict",
        passed=STATUS["en"][Status.PASS].capitalize(),
        not_applicable=STATUS["en"][Status.NOT_APPLICABLE].capitalize(),
        review="{count} items need an inspector's review (qualitative); to list them: {command}",
        bearing="bearing on the verdict",
        not_bearing="not bearing",
        nothing="no applicable requirement",
        list_sep=", ",
        hidden="not shown: {statuses} (--show shows them)",
    ),
}


def summary(assessment: Assessment, lang: str) -> str:
    """The verdict with the counts that bear on it kept apart from those that do not."""
    words = WORDS[lang]
    verdict = VERDICT[lang][assessment.verdict]
    groups = []
    for label, bearing in ((words.bearing, True), (words.not_bearing, False)):
        counts = [
            f"{STATUS[lang][status]} {n}"
            for status in ORDER
            if (n := sum(f.status == status and f.bears_on_verdict == bearing for f in assessment.findings))
        ]
        if counts:
            groups.append(f"{label}：" + "，".join(counts) if lang == "zh" else f"{label}: " + ", ".join(counts))
    counted = ("；" if lang == "zh" else "; ").join(groups) or words.nothing
    return f"结论：{verdict}（{counted}）" if lang == "zh" else f"verdict: {verdict} ({counted})"


def render(
    assessment: Assessment, lang: str = "zh", shown: Collection[Status] = DEFAULT_SHOWN, command: str = ""
) -> str:
    """The report of one site; `shown`: the statuses listed (the others are counted in the summary);
    `command`: how this report was asked for, to say how to list the review items."""
    words = WORDS[lang]
    lines = _head(assessment, lang)
    lines += wrap(summary(assessment, lang))
    findings = assessment.findings
    bearing_fail = [f for f in findings if f.bears_on_verdict and f.status == Status.FAIL]
    bearing_missing = [f for f in findings if f.bears_on_verdict and f.status == Status.INSUFFICIENT_DATA]
    at_risk = [f for f in findings if f.status == Status.AT_RISK]
    misses = [f for f in findings if not f.bears_on_verdict and f.status in (Status.FAIL, Status.INSUFFICIENT_DATA)]
    sections = [
        (words.deciding, [f for f in [*bearing_fail, *bearing_missing] if f.status in shown], _detailed),
        (words.at_risk, [f for f in at_risk if f.status in shown], _detailed),
        (words.not_deciding, [f for f in misses if f.status in shown], _detailed),
        (words.passed, [f for f in findings if f.status == Status.PASS and f.status in shown], _one_line),
        (
            words.not_applicable,
            [f for f in findings if f.status == Status.NOT_APPLICABLE and f.status in shown],
            _one_line,
        ),
        ("", [f for f in findings if f.status == Status.NEEDS_REVIEW and f.status in shown], _one_line),
    ]
    for title, listed, shape in sections:
        if not listed:
            continue
        lines.append("")
        if title:
            lines.append(f"{title}（{len(listed)}）" if lang == "zh" else f"{title} ({len(listed)})")
        for finding in listed:
            lines += shape(finding, lang)
    review = sum(f.status == Status.NEEDS_REVIEW for f in findings)
    if review and Status.NEEDS_REVIEW not in shown:
        lines.append("")
        lines += wrap(words.review.format(count=review, command=f"{command or 'compliance check …'} --show review"))
    hidden = [s for s in Status if s != Status.NEEDS_REVIEW and s not in shown and any(f.status == s for f in findings)]
    if hidden:
        lines += ["", *wrap(words.hidden.format(statuses=words.list_sep.join(STATUS[lang][s] for s in hidden)))]
    lines += ["", *wrap(summary(assessment, lang))]
    return "\n".join(lines) + "\n"


def _head(assessment: Assessment, lang: str) -> list[str]:
    words = WORDS[lang]
    site = assessment.site
    name = site.name if lang == "zh" or not site.name_en else f"{site.name_en} ({site.name})"
    sep = "：" if lang == "zh" else ": "
    head = (
        f"{words.site}{sep}{name}（{site.id}，{site.kind}）"
        if lang == "zh"
        else f"site: {name} ({site.id}, {site.kind})"
    )
    details = (
        f"{words.as_of}{sep}{assessment.as_of}  {words.plans}{sep}{', '.join(assessment.plans)}"
        f"  {words.source}{sep}{assessment.source}"
    )
    lines = [*wrap(head), *wrap(details)]
    for notice in assessment.warnings:
        lines += wrap(notice.text_zh if lang == "zh" else notice.text_en, words.warning)
    return lines


def _title(finding: Finding, lang: str) -> str:
    """`不达标  JA-29-2  约束  雨污分流到位率达到100%`: the status word first, whole."""
    status = STATUS[lang][finding.status]
    strength = strength_word(finding.strength, finding.modality, lang)
    title = finding.title_zh if lang == "zh" else finding.title_en
    return f"{status}  {finding.requirement}  {strength}  {title}"


def _detailed(finding: Finding, lang: str) -> list[str]:
    """A finding that needs acting on: its gap to the target, who must act, and the reason citing the clause."""
    words = WORDS[lang]
    title = _title(finding, lang)
    if not finding.bears_on_verdict:
        title += f"（{words.not_violation}）" if lang == "zh" else f" ({words.not_violation})"
    lines = wrap(title, "■ ")
    for label, view in ((words.gap, finding.target), (words.next_gap, finding.next_target)):
        if view is not None and view.gap is not None and not view.gap.met:
            lines += wrap(_gap_text(view, lang), INDENT + label, INDENT * 2)
    reason = finding.reason_zh if lang == "zh" else finding.reason_en
    lines += wrap(reason, INDENT + words.reason, INDENT * 2)
    if finding.responsible_units:
        units = ("、" if lang == "zh" else ", ").join(finding.responsible_units)
        lines += wrap(units, INDENT + words.who, INDENT * 2)
    for warning in finding.warnings_zh if lang == "zh" else finding.warnings_en:
        lines += wrap(warning, INDENT + words.note, INDENT * 2)
    return lines


def _gap_text(view: TargetView, lang: str) -> str:
    target = view.text_zh if lang == "zh" else view.text_en
    gap = view.gap
    if gap is None:
        return target
    return f"{gap.text_zh}（{target}）" if lang == "zh" else f"{gap.text_en} ({target})"


def _one_line(finding: Finding, lang: str) -> list[str]:
    """A pass with what was observed; a not-applicable or review item by its title."""
    text = _title(finding, lang)
    observed = [o for o in finding.observed if o.metric != PLACE_METRIC]  # the place is in the title already
    if finding.status == Status.PASS and observed:
        if lang == "zh":
            text += "：" + "，".join(f"{o.name_zh} {o.display_zh}" for o in observed)
        else:
            text += ": " + ", ".join(f"{o.name_en} {o.display_en}" for o in observed)
    lines = wrap(text, "· ")
    for warning in finding.warnings_zh if lang == "zh" else finding.warnings_en:
        lines += wrap(warning, INDENT + WORDS[lang].note, INDENT * 2)
    return lines


SHORT_NAMES = {Status.NEEDS_REVIEW: ("review", "核查"), Status.INSUFFICIENT_DATA: ("insufficient", "missing")}
"""Short words for --show/--hide beside the statuses' own words."""


def status_words() -> dict[str, Status]:
    """Every word `--show`/`--hide` accept for a status: its code, its Chinese and English words (with `_` or
    `-` for spaces), the other words people use for it, and a short name (review)."""
    named: dict[str, Status] = {}
    for status in Status:
        english = STATUS["en"][status]
        words = [status.value, english, english.replace(" ", "_"), english.replace(" ", "-"), STATUS["zh"][status]]
        words += [*ALSO_READ.get(status, ()), *SHORT_NAMES.get(status, ())]
        named.update({word.casefold(): status for word in words})
    return named


def read_statuses(text: str) -> set[Status]:
    """`fail,at_risk` or `不达标，有风险` as statuses; an unknown word is a ValueError listing the allowed ones."""
    named = status_words()
    chosen: set[Status] = set()
    for word in (w.strip() for w in text.replace("，", ",").replace("、", ",").split(",")):
        if not word:
            continue
        status = named.get(word.casefold())
        if status is None:
            allowed = "; ".join(f"{s.value} ({STATUS['zh'][s]}, {STATUS['en'][s]})" for s in Status)
            raise ValueError(f"unknown status {word!r}; allowed: {allowed}; or review")
        chosen.add(status)
    return chosen
