"""Self-contained HTML pages to read, print on A4 and file: one per site, an index, and the page shell
the batch report shares.

No script and nothing fetched: the style is inline and Chinese fonts are named by family with fallbacks,
so a page opens the same offline. Every text from rules, facts or attestations is escaped here.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence

from compliance.report.handover import Handover, Item, counted, said

STYLE = """
@page { size: A4; margin: 16mm 14mm; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "SimHei",
  "WenQuanYi Micro Hei", sans-serif; font-size: 10.5pt; line-height: 1.45; color: #111; margin: 0 auto;
  max-width: 190mm; padding: 8mm 0; }
@media print { body { padding: 0; max-width: none; } }
h1 { font-size: 16pt; margin: 0 0 4mm; } h2 { font-size: 12.5pt; border-bottom: 1px solid #999;
  margin: 5mm 0 2mm; break-after: avoid; } h3 { font-size: 10.5pt; margin: 3mm 0 1mm; }
table { border-collapse: collapse; width: 100%; margin: 1mm 0 3mm; }
th, td { border: 1px solid #bbb; padding: 1mm 1.5mm; text-align: left; vertical-align: top; }
th { background: #f0f0f0; } tr, .item, .signature { break-inside: avoid; }
dl.head { display: grid; grid-template-columns: max-content 1fr; gap: 0.5mm 4mm; margin: 0; }
dl.head dt { font-weight: bold; } dl.head dd { margin: 0; overflow-wrap: anywhere; }
.verdict { font-size: 14pt; font-weight: bold; margin: 3mm 0; padding: 2mm 3mm; border: 2px solid #111; }
.verdict.non_compliant { border-color: #b00020; color: #b00020; } .verdict.compliant { border-color: #1b5e20; }
.item { border-left: 3px solid #888; padding: 0 0 0 3mm; margin: 0 0 3mm; }
.item.deciding { border-color: #b00020; } .item .note { color: #555; font-weight: bold; }
.item dl { display: grid; grid-template-columns: max-content 1fr; gap: 0 3mm; margin: 0; }
.item dt { color: #444; } .item dd { margin: 0; }
blockquote { margin: 1mm 0; padding: 1mm 3mm; background: #f6f6f6; border-left: 2px solid #ccc; }
.checklist.paged { break-before: page; } .blank { min-width: 22mm; height: 9mm; }
.nowrap, td.date, td.box { white-space: nowrap; } .unread { color: #b00020; }
.signature { display: grid; grid-template-columns: repeat(3, 1fr); gap: 6mm; margin-top: 10mm; }
.signature div { border-bottom: 1px solid #111; height: 14mm; }
.site + .site { break-before: page; } .index { break-after: page; }
footer { margin-top: 6mm; color: #555; font-size: 9pt; overflow-wrap: anywhere; }
.bar { fill: #4a6fa5; } .bar.fail { fill: #b00020; } .mark { stroke: #111; stroke-width: 2; }
.bar.range { fill-opacity: 0.25; stroke: #4a6fa5; stroke-dasharray: 3 2; } .bar.fail.range { stroke: #b00020; }
svg { max-width: 100%; height: auto; } svg text { font-size: 11px; } figure { margin: 0 0 2mm; }
figcaption { color: #555; font-size: 9pt; }
.findings td:nth-child(-n+2) { white-space: nowrap; }
"""


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _unbroken(text: str) -> str:
    """Escaped text whose command options (--attestations) are not broken across lines when printed."""
    return re.sub(r"(--[\w-]+)", r'<span class="nowrap">\1</span>', esc(text))


def page(title: str, body: str, lang: str) -> str:
    """A whole HTML document around `body` (already escaped HTML)."""
    code = "zh-CN" if lang == "zh" else "en"
    return (
        f'<!doctype html>\n<html lang="{code}">\n<head><meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{body}</body>\n</html>\n"
    )


def table(headers: list[str], rows: Iterable[Sequence[object]], empty: str = "") -> str:
    """A table of escaped cells; `empty` says so in a sentence instead when there are no rows."""
    body = "".join("<tr>" + "".join(_cell(c) for c in row) + "</tr>\n" for row in rows)
    if not body and empty:
        return f"<p>{esc(empty)}</p>\n"
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    return f"<table><thead><tr>{head}</tr></thead><tbody>\n{body}</tbody></table>\n"


def _cell(text: object) -> str:
    """A cell; a date is kept on one line (2026-06-30 printed whole, not 2026- / 06-30)."""
    shown = str(text)
    css = ' class="date"' if _DATE.fullmatch(shown) else ""
    return f"<td{css}>{esc(shown)}</td>"


def pairs(rows: list[tuple[str, str]], css: str) -> str:
    return f'<dl class="{css}">' + "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in rows) + "</dl>\n"


def _item(item: Item, css: str) -> str:
    note = f' <span class="note">{esc(item.note)}</span>' if item.note else ""
    return (
        f'<div class="item {css}"><h3>{esc(item.requirement)} · {esc(item.title)} · {esc(item.status)} · '
        f"{esc(item.strength)}{note}</h3>\n{pairs(item.details, 'details')}"
        f"<blockquote>{esc(item.section)}：“{esc(item.quote)}”</blockquote></div>\n"
    )


def _items(words: dict[str, str], key: str, items: list[Item], empty: str, css: str = "") -> str:
    body = "".join(_item(i, css) for i in items) or f"<p>{esc(empty)}</p>\n"
    return f"<h2>{esc(counted(words, words[key], len(items)))}</h2>\n{body}"


def site_section(report: Handover, anchor: str = "") -> str:
    """One site's report as a <section>; several of them make the index's printable bundle."""
    words = report.labels
    ident = f' id="{esc(anchor)}"' if anchor else ""
    parts = [
        f'<section class="site"{ident}>\n<h1>{esc(said(words, words["title"], report.site_name))}</h1>\n',
        pairs(report.head, "head"),
        f'<p class="verdict {esc(report.verdict_code)}">{esc(said(words, words["verdict"], report.verdict))}</p>\n',
        f"<p>{esc(said(words, words['counts'], report.counts or words['none']))}</p>\n",
        "".join(f"<p>{esc(said(words, words['warnings'], w))}</p>\n" for w in report.warnings),
        _items(words, "deciding", report.deciding, words["deciding_none"], "deciding"),
        _items(words, "at_risk", report.at_risk, words["none"]),
        _items(words, "non_bearing", report.non_bearing, words["none"]),
        f"<h2>{esc(counted(words, words['attestations'], len(report.attestations)))}</h2>\n",
        table(report.headers["attestations"], report.attestations, words["none"]),
        _unused(report),
        f"<h2>{esc(words['evidence'])}</h2>\n",
        table(report.headers["evidence"], report.evidence, words["none"]),
        _checklist(report),
        "<footer>" + pairs(report.footer, "head") + "</footer>\n",
        '<div class="signature">'
        + "".join(f"<p>{esc(said(words, words[k], ''))}</p>" for k in ("checker", "reviewer", "signed_on"))
        + "<div></div>" * 3
        + "</div>\n</section>\n",
    ]
    return "".join(parts)


def _unused(report: Handover) -> str:
    """The judgements handed in but set aside, with why; nothing when every one was used."""
    if not report.unused:
        return ""
    title = counted(report.labels, report.labels["unused"], len(report.unused))
    return f"<h2>{esc(title)}</h2>\n" + table(report.headers["unused"], report.unused)


def _checklist(report: Handover) -> str:
    words = report.labels
    paged = " paged" if report.checklist else ""
    rows = "".join(
        f"<tr><td>{esc(line.requirement)}<br>{esc(line.title)}"
        + "".join(f'<br><span class="note">{esc(said(words, words["warning"], n))}</span>' for n in line.notes)
        + "</td>"
        f"<td>{esc(line.section)}：“{esc(line.quote)}”</td>"
        f'<td class="blank box">{esc(words["blank_outcome"])}</td>' + '<td class="blank"></td>' * 4 + "</tr>\n"
        for line in report.checklist
    )
    head = "".join(f"<th>{esc(h)}</th>" for h in report.headers["checklist"])
    body = (
        f"<p>{_unbroken(words['checklist_hint'])}</p>\n<table><thead><tr>{head}</tr></thead><tbody>\n{rows}</tbody></table>\n"
        if report.checklist
        else f"<p>{esc(words['none'])}</p>\n"
    )
    title = esc(counted(words, words["checklist"], len(report.checklist)))
    return f'<div class="checklist{paged}"><h2>{title}</h2>\n{body}</div>\n'


def site_page(report: Handover) -> str:
    return page(said(report.labels, report.labels["title"], report.site_name), site_section(report), report.lang)


def index_page(reports: list[tuple[str, Handover]], lang: str, unread: list[list[str]] | None = None) -> str:
    """The sites with their verdicts and facts files, linked to their own pages, the inputs that could not be read,
    then every report in full to print at once."""
    from compliance.report.handover import LABELS

    words = LABELS[lang]
    rows = "".join(
        f'<tr><td><a href="#site-{n}">{esc(r.site_name)}</a></td><td>{esc(r.site_id)}</td>'
        f"<td>{esc(r.verdict)}</td><td>{len(r.deciding)}</td><td>{esc(r.facts)}</td>"
        f'<td><a href="{esc(file)}">{esc(file)}</a></td></tr>\n'
        for n, (file, r) in enumerate(reports, start=1)
    )
    headers = (words["site"], "id", words["verdict"], words["deciding"], words["facts"], "")
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    twice = repeated_ids([r.site_id for _, r in reports])
    parts = [
        f'<section class="index"><h1>{esc(words["index"])}</h1>\n',
        f"<p>{esc(said(words, words['sites'], len(reports)))}</p>\n",
        f'<p class="unread">{esc(said(words, words["repeated"], "、".join(twice)))}</p>\n' if twice else "",
        f"<table><thead><tr>{head}</tr></thead><tbody>\n{rows}</tbody></table>\n",
    ]
    if unread:
        parts.append(f'<h2 class="unread">{esc(counted(words, words["unread"], len(unread)))}</h2>\n')
        parts.append(table([words["facts"], words["row"], words["problem"]], unread))
    bundle = "".join(site_section(r, f"site-{n}") for n, (_, r) in enumerate(reports, start=1))
    return page(words["index"], "".join(parts) + "</section>\n" + bundle, lang)


def repeated_ids(ids: list[str]) -> list[str]:
    """The ids that occur more than once, each once."""
    return sorted({i for i in ids if ids.count(i) > 1})
