"""Plain words, in English and Chinese, for what YAML itself refuses: a tab indenting a line, a second document,
a tag (!!python/object, !!binary) the safe reader does not build."""

from __future__ import annotations

import yaml

from compliance.model.problems import InputError, Problem

SECOND_DOCUMENT = (
    "a second document (---) in one file: a facts file holds one site; write one site per file, or put the sites in"
    " a table or JSON Lines file for `compliance batch` / 一个事实文件只填一个站点，文件中出现了第二个文档（---）："
    "请每个站点一个文件，或把各站点放入表格或 JSON Lines 文件用 compliance batch 核查"
)


def syntax_message(text: str, error: yaml.YAMLError, problem: str) -> str:
    """What is wrong with YAML `text` that would not parse, in both languages: a tab used to indent and a second
    document are said in plain words; anything else keeps the parser's words, with the line of what it was in."""
    mark = getattr(error, "problem_mark", None)
    if mark is not None and ("tab" in problem or "cannot start any token" in problem) and _tab_at(text, mark):
        return (
            "a tab is used to indent this line: YAML cannot indent with tabs; indent with spaces"
            " / 此行用制表符（Tab）缩进：YAML 不能用制表符缩进，请改用空格"
        )
    if "another document" in problem:
        return SECOND_DOCUMENT
    context = getattr(error, "context_mark", None)
    if context is not None and (mark is None or context.line != mark.line):
        problem += f" (in what starts on line {context.line + 1})"
    return f"not valid YAML/JSON: {problem}"


def _tab_at(text: str, mark: yaml.Mark) -> bool:
    """Whether the parser stopped at a tab among the leading blanks of its line (a tab used to indent)."""
    lines = text.splitlines()
    row = lines[mark.line] if mark.line < len(lines) else ""
    lead = row[: len(row) - len(row.lstrip(" \t"))]
    return "\t" in lead and mark.column <= len(lead)


def unbuildable(what: str, node: yaml.Node, error: Exception | None) -> str:
    """A key or value the safe reader will not build (a tag such as !!python/object or !!binary), in both
    languages; the tag is named."""
    tag = "!!" + node.tag.removeprefix("tag:yaml.org,2002:") if node.tag.startswith("tag:yaml.org,2002:") else node.tag
    zh = "键" if what == "key" else "值"
    if node.tag.startswith("tag:yaml.org,2002:python/") or node.tag == "tag:yaml.org,2002:binary" or "!" in node.tag:
        return (
            f"bad {what}: the tag {tag} is not read; write the {what} as plain text or a number"
            f" / 无法读取的{zh}：不读取标签 {tag}，请直接写文本或数字"
        )
    return f"bad {what}: {error} / 无法读取的{zh}（原因见英文说明）"


_TABLES = (".csv", ".tsv", ".xlsx", ".xls", ".jsonl")


def not_one_site(file: str, data: object) -> str:
    """Why a document that is not a mapping is no facts file, in both languages, with what to do instead: a table
    goes to `compliance batch`, a list of sites is one file per site (or a batch)."""
    if file.lower().endswith(_TABLES):
        return (
            "a table is not a facts file: check its rows with compliance batch FILE --kind KIND --out DIR"
            " (one row per site) / 表格不是事实文件：请用 compliance batch 文件 --kind 站点类型 --out 输出目录"
            " 核查表格（每行一个站点）"
        )
    if isinstance(data, list) and any(isinstance(item, dict) and "site" in item for item in data):
        return (
            f"a list of {len(data)} sites: a facts file holds one site (site: and facts: at the top); write one site"
            " per file, or check many with compliance batch (a table, or a folder of facts files)"
            f" / 这是 {len(data)} 个站点的列表：一个事实文件只填一个站点（顶层为 site: 和 facts:）；"
            "请每个站点一个文件，或用 compliance batch 核查多个站点（表格或事实文件所在的文件夹）"
        )
    return (
        "expected a mapping with 'site' and 'facts' (site: and facts: at the top of the file)"
        " / 应为含 site 和 facts 的映射（文件顶层写 site: 和 facts:）"
    )


VALUE_OR_SERIES = (
    "give either `value` or `series` (period: value), not both and not neither"
    " / value 与 series（时期: 数值）须填且只填其一"
)


def require_one_site(file: str, data: object) -> None:
    """Raise InputError unless the parsed document `data` is a mapping (a facts file's site: and facts:)."""
    if not isinstance(data, dict):
        raise InputError([Problem(file, 1, "", not_one_site(file, data))])
