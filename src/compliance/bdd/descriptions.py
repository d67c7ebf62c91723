"""Description lines that read as steps: Gherkin takes every line between `场景:` and the first keyword line for the
scenario's description, so a first step whose keyword is misspelt (`如果`, `假若`, `Givne`), written in the other
language (`Given` in a zh-CN file) or numbered as in a Word list (`1. 假如 …`) is not refused as an undefined step
further down would be: it becomes description text and is dropped, and the scenario may pass on what it lacks.
Such a line, in the description of a feature, rule, background, scenario or Examples, is refused at its line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from gherkin.dialect import Dialect

NUMBERING = re.compile(r"^(?:\d+\s*[.．、)）:]|[（(]\s*\d+\s*[)）]|[\u2460-\u2473]|[-•·])\s*")
"""`1.`, `1、`, `1)`, `(1)`, `①`, `-`, `•`: a list mark copied from a Word document in front of a step."""

NEAR_KEYWORDS = ("如果", "假若", "假使", "倘若", "若是", "若", "给定", "已知", "然后", "接着", "则", "而", "并", "且")
"""Words policy staff write for 假如/当/那么/而且 that Gherkin does not know."""

_DIALECTS = ("zh-CN", "en")


def _keywords(language: str) -> list[str]:
    dialect = Dialect.for_name(language)
    if dialect is None:
        return []
    words = dialect.given_keywords + dialect.when_keywords + dialect.then_keywords + dialect.and_keywords
    return [k for k in words + dialect.but_keywords if k.strip() != "*"]


def _step_keywords(own: str) -> tuple[list[str], list[str]]:
    """The keywords of the file's own language, and those of the other languages scenarios are written in."""
    others = [k for language in _DIALECTS if language != own for k in _keywords(language)]
    return _keywords(own), others


def _library_step(text: str) -> bool:
    """Whether `text` is a step of the library, of either language, under any keyword."""
    import compliance.bdd.steps  # noqa: F401  (fills the catalogue)
    from compliance.bdd.library import CATALOGUE

    return any(doc.regex.fullmatch(text) for doc in CATALOGUE)


def reads_as_step(line: str, language: str) -> bool:
    """A description line that is a step Gherkin did not read as one: after a list mark, a keyword of the file's
    language (`1. 假如 …`); a keyword of the other language (`Given …` in a zh-CN file) or a near keyword (`如果 …`)
    followed by a space; or a step of the library, with no keyword or after any first word (`Givne inspector …`)."""
    written = line.strip()
    unnumbered = NUMBERING.sub("", written)
    own, others = ([k.strip() for k in words] for words in _step_keywords(language))
    spaced = (own if unnumbered != written else []) + others + list(NEAR_KEYWORDS)
    if any(re.match(re.escape(word) + r"\s", unnumbered) for word in spaced):
        return True
    rests = [unnumbered] + [
        unnumbered[len(w) :].strip() for w in own + others + list(NEAR_KEYWORDS) if unnumbered.startswith(w)
    ]
    parts = unnumbered.split(maxsplit=1)
    if len(parts) == 2:
        rests.append(parts[1])
    return any(_library_step(rest) for rest in rests)


def _described(feature: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The feature and every rule, background, scenario and Examples in it, which may carry a description."""
    yield feature
    for child in feature.get("children", []):
        if "rule" in child:
            yield from _described(child["rule"])
        for key in ("background", "scenario"):
            if key in child:
                yield child[key]
                yield from child[key].get("examples", [])


def _lines_of(node: dict[str, Any], lines: list[str]) -> Iterator[tuple[int, str]]:
    """Each line of the node's description with its line number: they follow the node's keyword line in order."""
    wanted = [text.strip() for text in node.get("description", "").splitlines() if text.strip()]
    number = node["location"]["line"]
    for text in wanted:
        while number < len(lines) and lines[number].strip() != text:
            number += 1
        if number < len(lines):
            number += 1
            yield number, text


def step_like_descriptions(document: dict[str, Any], text: str, shown: str, lang: str) -> list[str]:
    """Every description line that reads as a step, each said at its line, with the keywords to write."""
    feature = document.get("feature", {})
    language = feature.get("language", "en")
    own = list(dict.fromkeys(k.strip() for k in _keywords(language)))
    lines = text.splitlines()
    found: list[str] = []
    for node in _described(feature):
        for number, written in _lines_of(node, lines):
            if not reads_as_step(written, language):
                continue
            if lang == "zh":
                found.append(
                    f"{shown}:{number}: “{written}”不是步骤，Gherkin 会把它当作说明文字，这一步不会运行："
                    f"步骤须以关键字 {'、'.join(own)} 开头，前面不加编号（若这是说明文字，请换个写法）"
                )
            else:
                found.append(
                    f"{shown}:{number}: {written!r} is not read as a step: Gherkin takes it for description text,"
                    f" so it would never run: a step starts with one of {', '.join(own)}, with no number before it"
                    " (if it is description text, word it otherwise)"
                )
    return found
