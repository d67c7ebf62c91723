"""Reading a .feature file the way policy staff write it: every mistake named at its line, with the fix, in Chinese.

The Gherkin parser says "expected: #TagLine, #FeatureLine …, got '功能：x'"; this module says which keyword was
expected in the file's own language, spots the full-width colon `：` and a missing `# language: zh-CN`, and keeps
the parsed document (with the lines of tags and example rows) for the Cucumber JSON.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from gherkin.dialect import Dialect
from gherkin.errors import CompositeParserException, ParserException
from gherkin.parser import Parser

from compliance.bdd.descriptions import step_like_descriptions
from compliance.bdd.shape import shape_problems

LANGUAGE_LINE = "# language: zh-CN"
_LANGUAGE = re.compile(r"^\s*#\s*language\s*:\s*(\S+)\s*$", re.M)
_EXPECTED = re.compile(r"expected: (?P<expected>[#\w, ]+?)(?:, got '(?P<got>.*)')?$", re.S)
_WHERE = re.compile(r"^\((?P<line>\d+):\d+\): ")
NOT_UTF8 = "the file is not UTF-8 text"
FEATURE_ENCODING = "utf-8-sig"
"""How a feature file is read, here and by pytest-bdd: a UTF-8 file Notepad or Excel saved with a byte order mark is
read like any other (read as "utf-8", its first line is `\ufeff# language: zh-CN`, a syntax error)."""
_CJK = re.compile(r"[\u4e00-\u9fff]")


class UnreadableFeature(Exception):
    """A .feature file that cannot be read as Gherkin; the message names file:line and the fix."""


def _dialect(name: str) -> Dialect:
    found = Dialect.for_name(name) or Dialect.for_name("en")
    assert found is not None, "gherkin ships the English dialect"
    return found


def _sections(dialect: Dialect) -> dict[str, list[str]]:
    """Keywords that take a colon, by the token the parser names them by."""
    return {
        "#FeatureLine": dialect.feature_keywords,
        "#BackgroundLine": dialect.background_keywords,
        "#ScenarioLine": dialect.scenario_keywords + dialect.scenario_outline_keywords,
        "#ExamplesLine": dialect.examples_keywords,
        "#RuleLine": dialect.rule_keywords,
    }


def _expected_words(tokens: list[str], dialect: Dialect, lang: str) -> list[str]:
    sections = _sections(dialect)
    steps = [
        k.strip()
        for k in dialect.given_keywords + dialect.when_keywords + dialect.then_keywords + dialect.and_keywords
        if k.strip() != "*"
    ]
    words = {
        "#StepLine": "、".join(dict.fromkeys(steps)) if lang == "zh" else ", ".join(dict.fromkeys(steps)),
        "#TagLine": "@标签" if lang == "zh" else "@tag",
        "#TableRow": "| 表格行 |" if lang == "zh" else "| table row |",
        "#DocStringSeparator": '"""',
        "#EOF": "文件结尾" if lang == "zh" else "end of file",
    }
    shown: list[str] = []
    for token in sorted(tokens, key=lambda t: t == "#EOF"):  # the end of the file is the last thing to suggest
        if token in sections:
            shown.extend(f"{k}:" for k in sections[token])
        elif token in words:
            shown.append(words[token])
    return list(dict.fromkeys(shown))


def _full_width_colon(text: str, dialect: Dialect) -> str | None:
    """`功能：` with a full-width colon, which Gherkin does not read as a keyword: the keyword, else None."""
    stripped = text.strip()
    for keywords in _sections(dialect).values():
        for keyword in keywords:
            if re.match(re.escape(keyword) + r"\s*：", stripped):
                return keyword
    return None


def _explain(error: ParserException, text: str, path: str, dialect: Dialect, lang: str) -> str:
    message = str(error)
    where = _WHERE.match(message)
    line = int(where["line"]) if where else 0
    match = _EXPECTED.search(message)
    tokens = [t.strip() for t in match["expected"].split(",")] if match else []
    got = match["got"] if match and match["got"] is not None else None
    lines = text.splitlines()
    written = lines[line - 1].strip() if 0 < line <= len(lines) else (got or "")
    if "inconsistent cell count" in message:
        return _cell_count(lines, line, path, lang)
    expected = (
        "、".join(_expected_words(tokens, dialect, lang))
        if lang == "zh"
        else ", ".join(_expected_words(tokens, dialect, lang))
    )
    if got is None:
        return (
            f"{path}:{line}: 文件意外结束；此处应为：{expected}"
            if lang == "zh"
            else f"{path}:{line}: unexpected end of file; expected {expected}"
        )
    wide = (
        ("（全角“｜”请改为半角“|”）" if lang == "zh" else " (write the full-width '｜' as '|')")
        if "｜" in written
        else ""
    )
    return (
        f"{path}:{line}: 此处应为 {expected}，实际是“{written}”{wide}"
        if lang == "zh"
        else f"{path}:{line}: expected {expected} here, found {written!r}{wide}"
    )


def _cells(row: str) -> int:
    """How many cells Gherkin reads in a table row: those between its first and its last `|`."""
    inner = row.strip()
    return inner[1 : inner.rindex("|")].count("|") + 1 if inner.count("|") >= 2 else 0


def _cell_count(lines: list[str], line: int, path: str, lang: str) -> str:
    """A table row of more or fewer cells than the table's first row, with what usually makes it so."""
    first = line - 1
    while first > 0 and lines[first - 1].strip().startswith("|"):
        first -= 1
    row, head = lines[line - 1].strip(), lines[first].strip()
    count, wanted = _cells(row), _cells(head)
    zh, en = [], []
    if "｜" in row:
        zh.append("全角“｜”请改为半角“|”")
        en.append("write the full-width '｜' as '|'")
    if "||" in row:
        zh.append("“||”多了一个“|”（空的格子写作“|  |”）")
        en.append("'||' has a '|' too many (an empty cell is '|  |')")
    if not row.endswith("|"):
        zh.append("行尾缺少“|”")
        en.append("the row lacks its closing '|'")
    if lang == "zh":
        hint = "：" + "；".join(zh) if zh else "：请补上或删去格子"
        return f"{path}:{line}: 这一行有 {count} 格，而表格第一行（第 {first + 1} 行）有 {wanted} 格{hint}（“{row}”）"
    hint = ": " + "; ".join(en) if en else ": add or remove a cell"
    first_row = f"the table's first row (line {first + 1})"
    return f"{path}:{line}: this row has {count} cells, {first_row} has {wanted}{hint} ({row!r})"


def _full_width_colons(text: str, path: str, dialects: list[Dialect], lang: str) -> list[str]:
    """Every `功能：`, `场景：`, `例子：` … line: Gherkin reads it as description text, so a scenario would vanish."""
    found: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        keyword = next((k for d in dialects if (k := _full_width_colon(line, d)) is not None), None)
        if keyword is None:
            continue
        written = line.strip()
        found.append(
            f"{path}:{number}: “{written}”用了全角冒号“：”，Gherkin 只认半角冒号：请改为“{keyword}:”"
            f"（若这是说明文字，请勿以“{keyword}：”开头）"
            if lang == "zh"
            else f"{path}:{number}: {written!r} has a full-width colon '：' that Gherkin does not read: "
            f"write '{keyword}:' (or, in a description, do not start a line with '{keyword}：')"
        )
    return found


def _missing_language(text: str, path: str) -> str | None:
    """Chinese keywords in a file without `# language:` read as English and fail: say so, in Chinese."""
    if _LANGUAGE.search(text):
        return None
    zh = _dialect("zh-CN")
    keywords = [k for group in _sections(zh).values() for k in group] + [
        k.strip() for k in zh.given_keywords + zh.when_keywords + zh.then_keywords if k.strip() != "*"
    ]
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if _CJK.match(stripped) and any(stripped.startswith(k) for k in keywords):
            return (
                f"{path}:{number}: 使用了中文关键字“{stripped[:40]}”，但文件缺少语言声明："
                f"请在第 1 行加上“{LANGUAGE_LINE}”"
                f"（the file uses Chinese keywords but lacks a language line: add '{LANGUAGE_LINE}' as line 1）"
            )
    return None


def _utf16(raw: bytes) -> bool:
    """UTF-16 text: its byte order mark, or without one a zero byte in every other place for much of the file."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    half = len(raw) // 2
    return len(raw) % 2 == 0 and half > 0 and max(raw[0::2].count(0), raw[1::2].count(0)) > half // 3


def decode(path: Path, shown: str) -> str:
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise UnreadableFeature(f"{shown}: 无法打开（cannot be read: {error.strerror}）") from None
    if _utf16(raw):
        raise UnreadableFeature(
            f"{shown}: 是 UTF-16 编码的文本（记事本的“Unicode”），请另存为 UTF-8"
            "（the file is UTF-16 text, Notepad's 'Unicode': save it as UTF-8）"
        )
    if b"\0" in raw:
        raise UnreadableFeature(f"{shown}: 不是文本文件（含二进制字节），请另存为 UTF-8（{NOT_UTF8}）")
    try:
        return raw.decode(FEATURE_ENCODING)
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise UnreadableFeature(f"{shown}:{line}: 不是 UTF-8 文本，请另存为 UTF-8（{NOT_UTF8}）") from None


def read_document(path: Path, lang: str = "zh") -> dict[str, Any]:
    """The parsed Gherkin document of one file, or UnreadableFeature naming every mistake at its line."""
    return _read(path.resolve(), str(path), lang)


@lru_cache(maxsize=512)
def _read(resolved: Path, shown: str, lang: str) -> dict[str, Any]:
    text = decode(resolved, shown)
    if not any(line.strip() and not line.lstrip().startswith("#") for line in text.splitlines()):
        raise UnreadableFeature(
            f"{shown}:1: 文件是空的：应以“功能:”开头，再写场景（the file is empty）"
            if lang == "zh"
            else f"{shown}:1: the file is empty: a feature starts with `Feature:` and its scenarios"
        )
    language = _LANGUAGE.search(text)
    if language and Dialect.for_name(language[1]) is None:  # zh-cn, zh_CN, zh: Gherkin knows only zh-CN, as written
        line = text.count("\n", 0, language.start(1)) + 1
        raise UnreadableFeature(
            f"{shown}:{line}: 不认识的语言“{language[1]}”：请写“{LANGUAGE_LINE}”（大小写也须一致）"
            f"（unknown language {language[1]!r}: write '{LANGUAGE_LINE}', or '# language: en', spelt as shown）"
        )
    dialect = _dialect(language[1] if language else "en")
    colons = _full_width_colons(text, shown, [dialect] if language else [dialect, _dialect("zh-CN")], lang)
    if colons:
        raise UnreadableFeature("\n".join(colons))
    try:
        document: dict[str, Any] = dict(Parser().parse(text))
    except (CompositeParserException, ParserException) as failure:
        missing = _missing_language(text, shown)
        if missing is not None:
            raise UnreadableFeature(missing) from None
        errors = failure.errors if isinstance(failure, CompositeParserException) else [failure]
        errors = [e for e in errors if "unexpected end of file" not in str(e)] or errors  # an end cut short by them
        raise UnreadableFeature("\n".join(_explain(e, text, shown, dialect, lang) for e in errors)) from None
    if "feature" not in document:
        raise UnreadableFeature(f"{shown}:1: 没有“功能:”行" if lang == "zh" else f"{shown}:1: no `Feature:` line")
    shape = shape_problems(document, shown, lang) + step_like_descriptions(document, text, shown, lang)
    shape.sort(key=lambda message: int(message[len(shown) + 1 :].split(":")[0]))  # in the file's order
    if shape:
        raise UnreadableFeature("\n".join(shape))
    return document
