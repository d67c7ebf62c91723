"""The handover report as Markdown, to paste into a document: the same rows as the HTML page.

Text from rules and facts is escaped so that it reads as written: Markdown's marks are backslash-escaped
and `<`, `>` and `&` become entities, so a name holding HTML stays text wherever the Markdown is shown.
"""

from __future__ import annotations

import re

from compliance.report.handover import Handover, Item, counted, said

_BREAKS = re.compile(r"[\r\n\t\v\f ]+")
"""Line breaks (which would end a table row or a list item) and runs of spaces; a full-width space stays."""
_MARKS = re.compile(r"([\\`*_\[\]|~])")


def md(text: object) -> str:
    """One line of text safe inside Markdown, table cells included."""
    plain = _BREAKS.sub(" ", str(text)).strip()
    plain = plain.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKS.sub(r"\\\1", plain)


def _table(headers: list[str], rows: list[list[str]], empty: str = "") -> list[str]:
    if not rows and empty:
        return [md(empty), ""]
    lines = ["| " + " | ".join(md(h) for h in headers) + " |", "|" + "---|" * len(headers)]
    return lines + ["| " + " | ".join(md(c) for c in row) + " |" for row in rows] + [""]


def _bold(words: dict[str, str], label: str, text: object) -> str:
    return f"- **{md(label)}**{words[':']}{md(text)}"


def _item(words: dict[str, str], item: Item) -> list[str]:
    head = f"### {md(item.requirement)} · {md(item.title)} · {md(item.status)} · {md(item.strength)}{md(item.note)}"
    details = [_bold(words, label, text) for label, text in item.details]
    return [head, "", *details, "", f"> {md(item.section)}：“{md(item.quote)}”", ""]


def _items(words: dict[str, str], key: str, items: list[Item], empty: str) -> list[str]:
    body = [line for item in items for line in _item(words, item)] or [md(empty), ""]
    return [f"## {md(counted(words, words[key], len(items)))}", "", *body]


def site_text(report: Handover, level: int = 1) -> str:
    words = report.labels
    lines = [f"{'#' * level} {md(said(words, words['title'], report.site_name))}", ""]
    lines += [_bold(words, k, v) for k, v in report.head]
    lines += ["", f"**{md(said(words, words['verdict'], report.verdict))}**", ""]
    lines += [md(said(words, words["counts"], report.counts or words["none"])), ""]
    lines += [md(said(words, words["warnings"], w)) for w in report.warnings]
    lines += _items(words, "deciding", report.deciding, words["deciding_none"])
    lines += _items(words, "at_risk", report.at_risk, words["none"])
    lines += _items(words, "non_bearing", report.non_bearing, words["none"])
    lines += [f"## {md(counted(words, words['attestations'], len(report.attestations)))}", ""]
    lines += _table(report.headers["attestations"], report.attestations, words["none"])
    if report.unused:
        lines += [f"## {md(counted(words, words['unused'], len(report.unused)))}", ""]
        lines += _table(report.headers["unused"], report.unused)
    lines += [f"## {md(words['evidence'])}", ""]
    lines += _table(report.headers["evidence"], report.evidence, words["none"])
    lines += [f"## {md(counted(words, words['checklist'], len(report.checklist)))}", ""]
    if report.checklist:
        rows = [
            [
                " ".join([line.requirement, line.title, *(said(words, words["warning"], n) for n in line.notes)]),
                f"{line.section}：“{line.quote}”",
                words["blank_outcome"],
                *[""] * 4,
            ]
            for line in report.checklist
        ]
        lines += [md(words["checklist_hint"]), "", *_table(report.headers["checklist"], rows)]
    else:
        lines += [md(words["none"]), ""]
    lines += [_bold(words, k, v) for k, v in report.footer]
    signature = " ".join(md(said(words, words[k], "＿＿＿＿＿＿")) for k in ("checker", "reviewer", "signed_on"))
    return "\n".join([*lines, "", signature, ""])


def index_text(reports: list[tuple[str, Handover]], unread: list[list[str]] | None = None, lang: str = "zh") -> str:
    """The sites with their verdicts, facts files and report files, the inputs that could not be read, then every
    report in full."""
    from compliance.report.handover import LABELS
    from compliance.report.html import repeated_ids

    words = LABELS[lang]
    rows = [[r.site_name, r.site_id, r.verdict, str(len(r.deciding)), r.facts, file] for file, r in reports]
    lines = [f"# {md(words['index'])}", "", md(said(words, words["sites"], len(reports))), ""]
    twice = repeated_ids([r.site_id for _, r in reports])
    if twice:
        lines += [f"**{md(said(words, words['repeated'], '、'.join(twice)))}**", ""]
    lines += _table([words["site"], "id", words["verdict"], words["deciding"], words["facts"], ""], rows)
    if unread:
        lines += [f"## {md(counted(words, words['unread'], len(unread)))}", ""]
        lines += _table([words["facts"], words["row"], words["problem"]], unread)
    return "\n".join(lines) + "\n" + "\n".join(site_text(r, 1) for _, r in reports)
