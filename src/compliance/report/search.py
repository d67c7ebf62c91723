"""Finding a requirement by a word of the plan (油烟), of its reading, or of a metric's name, zh or en.

Ranking: every word must occur somewhere in the requirement (case, spaces and full width ignored). Each word
scores the weight of the best field it occurs in: the id itself 100 (a part of the id 50), a title 10, a
metric's name or id 6, the quote 4, the section 2, the notes (the reading) 1. Requirements with the higher
total come first; equal totals keep the catalogue's order (plan, then file, then position in the file).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from compliance.model.checks import metrics_of
from compliance.model.plan import Requirement, RulePack
from compliance.report.text import fit

WEIGHTS = {"id": 50, "title": 10, "metric": 6, "quote": 4, "section": 2, "notes": 1}
EXACT_ID = 100
FIELD_NAMES = {
    "zh": {"id": "编号", "title": "标题", "metric": "指标", "quote": "原文", "section": "条款", "notes": "说明"},
    "en": {"id": "id", "title": "title", "metric": "metric", "quote": "quote", "section": "clause", "notes": "notes"},
}


def searchable(pack: RulePack, requirement: Requirement) -> dict[str, list[str]]:
    """The texts a search looks in, by field: the same for the terminal and the HTML catalogue's search box."""
    metric_ids = dict.fromkeys(metrics_of(requirement.check) + metrics_of(requirement.applies.condition))
    metrics = [pack.catalogue.metric(m) for m in metric_ids]
    return {
        "id": [requirement.id],
        "title": [requirement.title_zh, requirement.title_en],
        "metric": [text for m in metrics for text in (m.id, m.name_zh, m.name_en)],
        "quote": [requirement.quote, *(c.quote for c in requirement.also_cites)],
        "section": [requirement.section],
        "notes": [text for text in (requirement.notes_zh, requirement.notes) if text],
    }


@lru_cache(maxsize=1 << 16)
def folded(text: str) -> str:
    """Text as a search compares it: full width folded (ＰＭ２.５ is PM2.5), lower case, no spaces. Kept per
    text: a search folds every text of every requirement once per word asked, and the texts are the pack's."""
    return "".join(unicodedata.normalize("NFKC", text).lower().split())


@dataclass(frozen=True)
class Hit:
    requirement: Requirement
    score: int
    matched: dict[str, str]
    """Per word: the best field it was found in."""
    shown: str
    """The text of the best field for the first word, to print beside the title."""


def _score(word: str, fields: dict[str, list[str]], requirement_id: str) -> tuple[int, str, str] | None:
    """The weight of the best field holding `word`, that field, and the text it was found in."""
    if word == folded(requirement_id):
        return EXACT_ID, "id", requirement_id
    best: tuple[int, str, str] | None = None
    for field, texts in fields.items():
        for text in texts:
            if word in folded(text) and (best is None or WEIGHTS[field] > best[0]):
                best = (WEIGHTS[field], field, text)
    return best


def search(pack: RulePack, requirements: list[Requirement], words: list[str]) -> list[Hit]:
    """Requirements holding every word, best first (see the module's docstring for the ranking)."""
    asked = [w for w in words if folded(w)]
    wanted = [folded(w) for w in asked]
    if not wanted:
        return []
    hits = []
    for requirement in requirements:
        fields = searchable(pack, requirement)
        scored = [_score(word, fields, requirement.id) for word in wanted]
        found = [s for s in scored if s is not None]
        if len(found) < len(wanted):
            continue
        matched = {word: field for word, (_, field, _) in zip(asked, found, strict=True)}
        hits.append(Hit(requirement, sum(weight for weight, _, _ in found), matched, found[0][2]))
    order = {r.id: n for n, r in enumerate(pack.requirements)}
    return sorted(hits, key=lambda hit: (-hit.score, order[hit.requirement.id]))


def _snippet(text: str, word: str, width: int = 36) -> str:
    """A long text cut to the words around the first match (a note can run to a paragraph)."""
    if len(text) <= 2 * width:
        return text
    at = max(text.lower().find(word), 0)
    start, end = max(at - width, 0), min(at + len(word) + width, len(text))
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


def render_text(pack: RulePack, hits: list[Hit], lang: str) -> str:
    """One line per hit: id, plan, score, title; under it the fields the words were found in and one text."""
    names = FIELD_NAMES[lang]
    lines = []
    for hit in hits:
        requirement = hit.requirement
        title = requirement.title_zh if lang == "zh" else requirement.title_en
        cells = [fit(requirement.id, 10), fit(pack.plan_of[requirement.id], 7), fit(str(hit.score), 4)]
        lines.append("  ".join([*cells, title]))
        where = ", ".join(f"{word} → {names[field]}" for word, field in hit.matched.items())
        lines.append(f"    {where}: {_snippet(hit.shown, next(iter(hit.matched)))}")
    count = len(hits)
    lines.append(f"{count} 项要求，按匹配得分排序" if lang == "zh" else f"{count} requirements, best match first")
    return "\n".join(lines) + "\n"
