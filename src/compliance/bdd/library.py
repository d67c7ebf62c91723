"""The step catalogue: every step once per language, with an example, so help and error messages can list them."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal, ParamSpec, TypeVar

from pytest_bdd import given, parsers, then, when

P = ParamSpec("P")
T = TypeVar("T")

StepType = Literal["given", "when", "then"]
KEYWORDS: dict[str, dict[StepType, str]] = {
    "zh": {"given": "假如", "when": "当", "then": "那么"},
    "en": {"given": "Given", "when": "When", "then": "Then"},
}
_DECORATORS = {"given": given, "when": when, "then": then}


@dataclass(frozen=True)
class StepDoc:
    """One step as people write it: the pattern it matches, a one-line explanation and a working example."""

    key: str
    """Which step of the library (the same in both languages), e.g. `status`."""
    lang: str
    type: StepType
    pattern: str
    help: str
    example: str
    table: tuple[tuple[str, ...], ...] = ()
    """An example data table that goes under the step, if it takes one."""
    func: Callable[..., object] | None = field(default=None, compare=False, repr=False)
    """The step function, so a scenario's Given steps can be tried before it runs (see preflight)."""

    @property
    def regex(self) -> re.Pattern[str]:
        return re.compile(self.pattern)

    def line(self) -> str:
        return f"{KEYWORDS[self.lang][self.type]} {self.example}"


CATALOGUE: list[StepDoc] = []


@dataclass(frozen=True)
class Phrase:
    """A step's wording in one language."""

    pattern: str
    help: str
    example: str
    table: tuple[tuple[str, ...], ...] = ()


def step(key: str, type_: StepType, *, zh: Phrase, en: Phrase) -> Callable[[Callable[P, T]], Callable[P, T]]:
    """Register one step function under its Chinese and its English wording, and record both in the catalogue.

    The pytest-bdd fixtures land in the module that applies this decorator (stacklevel 2), so that module must be
    a registered pytest plugin.
    """

    def decorate(func: Callable[P, T]) -> Callable[P, T]:
        for lang, phrase in (("zh", zh), ("en", en)):
            doc = StepDoc(key, lang, type_, phrase.pattern, phrase.help, phrase.example, phrase.table, func)
            CATALOGUE.append(doc)
            func = _DECORATORS[type_](parsers.re(phrase.pattern), stacklevel=2)(func)
        return func

    return decorate


def lang_of(gherkin_language: str) -> str:
    """`zh-CN`, `zh-TW` -> zh; anything else reads the English steps."""
    return "zh" if gherkin_language.lower().startswith("zh") else "en"


def closest(word: str, choices: list[str], n: int = 3) -> list[str]:
    """The n choices most like `word`, best first, however far off: a list to choose from, never empty."""
    scored = sorted(choices, key=lambda choice: -difflib.SequenceMatcher(None, word, choice).ratio())
    return scored[:n]


def closest_steps(text: str, lang: str, n: int = 3) -> list[StepDoc]:
    docs = [doc for doc in CATALOGUE if doc.lang == lang]
    by_example = {doc.example: doc for doc in docs}
    return [by_example[example] for example in closest(text, list(by_example), n)]


PLACES: dict[str, dict[StepType, str]] = {
    "zh": {
        "given": "写在“当 评估”之前，以“假如”或“而且”开头",
        "when": "以“当”开头",
        "then": "写在“当 评估”之后，以“那么”或“而且”开头",
    },
    "en": {
        "given": "goes before 'When it is assessed', starting with Given or And",
        "when": "starts with When",
        "then": "goes after 'When it is assessed', starting with Then or And",
    },
}


def misplaced_step_message(keyword: str, text: str, lang: str, where: str) -> str | None:
    """A step of the library written where a step of another kind goes (a fact after 当 评估, which makes its 而且
    a 当 step): where it belongs, rather than 'undefined' offering the very same step as the closest."""
    kinds = [doc.type for doc in CATALOGUE if doc.lang == lang and doc.regex.fullmatch(text)]
    if not kinds:
        return None
    place = PLACES[lang][kinds[0]]
    if lang == "zh":
        return f"步骤写错了位置：{keyword.strip()} {text}（{where}）\n这是“{KEYWORDS[lang][kinds[0]]}”类步骤，应{place}"
    return f"step in the wrong place: {keyword.strip()} {text} ({where})\nit is a {kinds[0].title()} step: it {place}"


def unknown_step_message(keyword: str, text: str, lang: str, where: str) -> str:
    misplaced = misplaced_step_message(keyword, text, lang, where)
    if misplaced is not None:
        return misplaced
    suggestions = "\n".join(f"  {doc.line()}" for doc in closest_steps(text, lang))
    if lang == "zh":
        return (
            f"未定义的步骤：{keyword.strip()} {text}（{where}）\n最接近的步骤：\n{suggestions}\n"
            "运行 `compliance steps` 查看全部步骤。"
        )
    return (
        f"undefined step: {keyword.strip()} {text} ({where})\nclosest steps:\n{suggestions}\n"
        "run `compliance steps --lang en` for all of them."
    )
