"""The rule catalogue as a small site: an index (plans → chapters → requirements, with a search box) and one
page per chapter, each requirement with an anchor, its clause marked in the plan's paragraph, and the
scenarios that pin it down.

Every piece of rule text is HTML-escaped. The search is a short inline script over an index embedded in the
page (no network); without it the index still lists every requirement, and the box stays hidden.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass

from compliance.model.plan import RulePack
from compliance.report.ruledoc import Entry, PlanOutline, Section, metric_row
from compliance.report.search import EXACT_ID, WEIGHTS, searchable
from compliance.report.words import RULE_LABEL

e = html.escape


@dataclass(frozen=True)
class ScenarioLink:
    """A scenario that checks a requirement's status: where its feature file is (relative to the pages)."""

    href: str
    feature: str
    scenario: str
    line: int


_STYLE = (
    "body{font-family:system-ui,'Noto Sans CJK SC',sans-serif;max-width:62rem;margin:2rem auto;padding:0 1rem;"
    "line-height:1.55}mark{background:#ffe082}blockquote{border-left:4px solid #2e7d32;margin:.3rem 0;"
    "padding:.2rem 1rem;background:#f1f8e9}section.req{border-top:1px solid #ddd;padding-top:.4rem}"
    "dt{font-weight:600}dd{margin:0 0 .3rem 1rem}table{border-collapse:collapse}"
    "td,th{border:1px solid #ccc;padding:.2rem .4rem;vertical-align:top}.count{color:#555}"
    "#search input{font-size:1rem;width:100%;padding:.3rem}nav.pager{display:flex;gap:1rem}"
)

_SEARCH_SCRIPT = """
(function () {
  var box = document.getElementById("search");
  var input = document.getElementById("search-words");
  var hits = document.getElementById("search-hits");
  var index = JSON.parse(document.getElementById("search-index").textContent);
  function fold(text) { return text.normalize("NFKC").toLowerCase().replace(/\\s+/g, ""); }
  index.entries.forEach(function (entry) {
    entry.folded = {};
    Object.keys(entry.fields).forEach(function (field) { entry.folded[field] = fold(entry.fields[field]); });
  });
  function score(entry, word) {
    if (word === fold(entry.id)) { return index.exact; }
    return Object.keys(entry.folded).reduce(function (best, field) {
      return entry.folded[field].indexOf(word) >= 0 ? Math.max(best, index.weights[field]) : best;
    }, 0);
  }
  box.hidden = false;
  input.addEventListener("input", function () {
    var words = input.value.split(/\\s+/).map(fold).filter(Boolean);
    hits.textContent = "";
    if (!words.length) { return; }
    var found = [];
    index.entries.forEach(function (entry) {
      var scores = words.map(function (word) { return score(entry, word); });
      if (scores.every(function (s) { return s > 0; })) {
        found.push({entry: entry, total: scores.reduce(function (a, b) { return a + b; }, 0)});
      }
    });
    found.sort(function (a, b) { return b.total - a.total || a.entry.order - b.entry.order; });
    found.slice(0, 100).forEach(function (hit) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = hit.entry.href;
      link.textContent = hit.entry.id + " " + hit.entry.title;
      item.appendChild(link);
      hits.appendChild(item);
    });
  });
})();
"""
"""Ranks as `rules search` does (search.py: weights and catalogue order come with the index), over ids, titles,
metric names and quotes."""

SEARCHED = ("id", "title", "metric", "quote")


def _page(title: str, body: list[str], script: str = "") -> str:
    head = f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{e(title)}</title>'
    tail = f"<script>{script}</script>" if script else ""
    return "\n".join([head + f"<style>{_STYLE}</style></head><body>", *body, tail + "</body></html>"]) + "\n"


def chapter_file(plan_id: str, number: int) -> str:
    return f"{plan_id}-{number:02d}.html"


def _counts(entries: list[Entry]) -> str:
    decidable = sum(entry.requirement.check is not None for entry in entries)
    return f"可判定 {decidable} · 待核查 {len(entries) - decidable}（decidable · review）"


def _paragraph(text: str, section: str, quote: str) -> str:
    """The plan's paragraph holding the quote (after its section heading where it can), the quote marked."""
    start = max(text.find(section), 0)
    at = text.find(quote, start)
    if at < 0:
        at = text.find(quote)
    if at < 0 or not quote:
        return f"<blockquote>{e(quote)}</blockquote>"
    begin = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at + len(quote))
    end = len(text) if end < 0 else end
    before, after = text[begin:at].strip(), text[at + len(quote) : end].strip()
    return f"<blockquote>{e(before)}<mark>{e(quote)}</mark>{e(after)}</blockquote>"


def _requirement(entry: Entry, text: str, scenarios: list[ScenarioLink]) -> list[str]:
    req = entry.requirement
    out = [f'<section class="req" id="{e(req.id)}">', f'<h2><a href="#{e(req.id)}">{e(req.id)}</a> {e(req.title_zh)}']
    out += [f"<small>{e(req.title_en)}</small></h2>", _paragraph(text, req.section, req.quote), "<dl>"]
    lines = list(entry.lines)
    if req.notes_zh and all(req.notes_zh != shown for _, shown in lines):
        lines.append(("读法 Reading", req.notes_zh))
    out += [f"<dt>{e(label)}</dt><dd>{e(shown)}</dd>" for label, shown in lines]
    out.append("<dt>场景 Scenarios</dt><dd>")
    if scenarios:
        out.append("<ul>")
        out += [
            f'<li><a href="{e(s.href)}">{e(s.feature)}</a>：{e(s.scenario)}（第 {s.line} 行 line）</li>'
            for s in scenarios
        ]
        out.append("</ul>")
    else:
        out.append("尚无场景 none yet")
    out.append("</dd></dl></section>")
    return out


def _chapter(outline: PlanOutline, number: int, text: str, scenarios: dict[str, list[ScenarioLink]]) -> tuple[str, str]:
    section = outline.sections[number]
    plan = outline.plan
    pager = ['<nav class="pager"><a href="index.html">目录 Index</a>']
    if number > 0:
        previous = outline.sections[number - 1].label
        pager.append(f'<a href="{chapter_file(plan.id, number - 1)}">← {e(previous)}</a>')
    if number + 1 < len(outline.sections):
        following = outline.sections[number + 1].label
        pager.append(f'<a href="{chapter_file(plan.id, number + 1)}">{e(following)} →</a>')
    pager.append("</nav>")
    body = [*pager, f"<p>《{e(plan.title_zh)}》 · {e(plan.title_en)}</p>", f"<h1>{e(section.label)}</h1>"]
    body.append(f'<p class="count">{_counts(section.entries)}</p>')
    for entry in section.entries:
        body += _requirement(entry, text, scenarios.get(entry.requirement.id, []))
    return chapter_file(plan.id, number), _page(f"{section.label} · {plan.short_zh}", body)


def _search_index(pack: RulePack, plans: list[PlanOutline]) -> str:
    """The entries the search box ranks, with the weights of `rules search`, as JSON safe inside <script>."""
    entries = []
    order = {r.id: n for n, r in enumerate(pack.requirements)}
    for outline in plans:
        for number, section in enumerate(outline.sections):
            for entry in section.entries:
                req = entry.requirement
                texts = searchable(pack, req)
                fields = {field: " ".join(texts[field]) for field in SEARCHED}
                href = f"{chapter_file(outline.plan.id, number)}#{req.id}"
                shown = {"id": req.id, "title": req.title_zh, "href": href, "fields": fields, "order": order[req.id]}
                entries.append(shown)
    weights = {field: WEIGHTS[field] for field in SEARCHED}
    data = json.dumps({"entries": entries, "exact": EXACT_ID, "weights": weights}, ensure_ascii=False, sort_keys=True)
    return data.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _toc(outline: PlanOutline, number: int, section: Section) -> list[str]:
    page = chapter_file(outline.plan.id, number)
    out = [f'<li><a href="{page}">{e(section.label)}</a> <span class="count">{_counts(section.entries)}</span><ul>']
    for entry in section.entries:
        req = entry.requirement
        out.append(f'<li><a href="{page}#{e(req.id)}">{e(req.id)}</a> {e(req.title_zh)}</li>')
    out.append("</ul></li>")
    return out


def _index(pack: RulePack, plans: list[PlanOutline]) -> str:
    body = ["<h1>规则目录 · Rule catalogue</h1>"]
    body += [
        '<form id="search" hidden role="search" onsubmit="return false">',
        '<label for="search-words">搜索编号、标题、原文、指标 · Search ids, titles, quotes, metrics</label>',
        '<input id="search-words" type="search" autocomplete="off" placeholder="油烟 / PM2.5 / JA-5-23">',
        '<ol id="search-hits"></ol></form>',
        f'<script type="application/json" id="search-index">{_search_index(pack, plans)}</script>',
    ]
    body.append('<p><a href="metrics.html">指标 · Metrics</a></p>')
    for outline in plans:
        plan = outline.plan
        body.append(f'<h2 id="plan-{e(plan.id)}">《{e(plan.title_zh)}》 · {e(plan.title_en)}</h2>')
        total = outline.decidable + outline.review
        issued = f"，{plan.issued.isoformat()}" if plan.issued is not None else ""
        issued += "（原文无日期，为推定日期）" if plan.issued is not None and plan.issued_assumed else ""
        body.append(
            f'<p class="count">{e(plan.issuer_zh)}发布{issued}。'
            f"{total} 项要求：可判定 {outline.decidable}，待核查 {outline.review}</p><ol>"
        )
        for number, section in enumerate(outline.sections):
            body += _toc(outline, number, section)
        body.append("</ol>")
    return _page("规则目录 · Rule catalogue", body, _SEARCH_SCRIPT)


def _metrics(pack: RulePack) -> str:
    body = ['<nav><a href="index.html">目录 Index</a></nav><h1>指标 · Metrics</h1><table><tr>']
    body += [f"<th>{e(head)}</th>" for head in RULE_LABEL["zh"]["metric_head"].split("|")]
    body.append("</tr>")
    for metric in pack.catalogue.metrics:
        cells = "".join(f"<td>{e(cell)}</td>" for cell in metric_row(metric))
        body.append(f'<tr id="metric-{e(metric.id)}">{cells}</tr>')
    body.append("</table>")
    return _page("指标 · Metrics", body)


def catalogue_pages(
    pack: RulePack, plans: list[PlanOutline], texts: dict[str, str], scenarios: dict[str, list[ScenarioLink]]
) -> dict[str, str]:
    """File name -> page: index.html, metrics.html and one page per chapter of each plan."""
    pages = {"index.html": _index(pack, plans), "metrics.html": _metrics(pack)}
    for outline in plans:
        text = texts.get(outline.plan.id, "")
        for number in range(len(outline.sections)):
            name, page = _chapter(outline, number, text, scenarios)
            pages[name] = page
    return pages
