"""The Chinese of the input problems an inspector meets most (a facts file's shape, names, values and dates).

Each message is made in English where it is found; `in_chinese` gives the Chinese of the ones listed here, read
whole from the English, so `Problem` can print both (`… / …`). A message already in both languages, or one not
listed (a rule author's problems in a rule pack), has no Chinese here and prints as it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_FORMS: dict[str, str] = {
    'a percentage such as 75, 75% or "75%" (0–100)': '百分数，如 75、75% 或 "75%"（0–100）',
    "true or false (是/否)": "是或否",
    "a mapping with `value` or `series`": "含 value 或 series 的映射",
    "a mapping with `value`/`series`": "含 value 或 series 的映射",
    "a mapping": "映射（键: 值）",
    "a list": "列表",
    "text": "文本",
    "a number": "数字",
    "a whole number": "整数",
    "yes/no (true/false)": "是/否",
    "yes/no": "是/否",
    "a blank": "空白",
    "a rank such as 1 or 第1位 (1 is first)": "名次，如 1 或 第1位（1为首位）",
}
"""What a value should be or was, as `expected_form` and the shape check word it."""


def _form(english: str) -> str | None:
    """The Chinese of an expected or given form: a listed one, `a number in 吨`, `one of …`, the text or number given,
    or several joined by ` or `; None when any part is not known."""
    if english in _FORMS:
        return _FORMS[english]
    if english.startswith("a number in "):
        return f"数字（单位：{english.removeprefix('a number in ')}）"
    if english.startswith("one of "):
        return f"以下之一：{english.removeprefix('one of ')}"
    if quoted := re.fullmatch(r"(?:the text )?'(.*)'", english) or re.fullmatch(r'(?:the text )?"(.*)"', english):
        return f"“{quoted[1]}”"
    if number := re.fullmatch(r"(?:the number )?(-?[\d.eE+-]+)", english):
        return f"数字 {number[1]}"
    if date := re.fullmatch(r"the date (\S+)", english):
        return f"日期 {date[1]}"
    if boolean := re.fullmatch(r"a boolean (True|False)", english):
        return f"是/否值“{'是' if boolean[1] == 'True' else '否'}”"
    english = english.replace("`value` or `series`", "`value`/`series`")  # one form, though it says "or"
    parts = [_form(part) for part in english.split(" or ")] if " or " in english else [None]
    return "或".join(parts) if all(parts) else None  # type: ignore[arg-type]


def _expected(match: re.Match[str]) -> str | None:
    expected, given = _form(match["expected"]), _form(match["given"])
    if expected is None or given is None:
        return None
    excel = "（开头的 ' 是 Excel 标记文本的符号，请删去）" if re.fullmatch(r"[\"']'\S.*", match["given"]) else ""
    return f"应为{expected}，实为{given}{'（要按原样保留，请加引号）' if match['quote'] else ''}{excel}"


def _did_you_mean(match: re.Match[str]) -> str:
    return f"（是否指：{'、'.join(match['near'].split(', '))}？）" if match["near"] else ""


def _kinds(listed: str) -> str:
    """`district (区（县、市）), township (…)` as the Chinese names alone."""
    return "、".join(re.findall(r"\w+ \(([^()]+)\)", listed))


_NEAR = r"(?: \(did you mean (?P<near>.+)\?\))?"
_FILED = r" \(file the plan's (?P<plan>.+?) as kind (?P<filed>.+?): kind: (?P=filed)\)"
_OUTCOME = {"pass": "通过", "fail": "不通过"}


def _listed(words: str) -> str:
    return "、".join(words.split(", "))


def _given(text: str) -> str:
    return f"“{text}”" if text else "空白"


def _columns(listed: str) -> str:
    """`要求编号 (requirement), 站点编号 (site)` as the Chinese names alone."""
    return "、".join(re.findall(r"(\S+) \(\w+\)", listed))


_ATTESTATIONS: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str | None]]] = [
    (
        re.compile(r"expected pass or fail \(通过/不通过\), got '(?P<given>.*)'"),
        lambda m: f"应为通过或不通过，实为{_given(m['given'])}",
    ),
    (
        re.compile(r"expires (?P<e>\S+), before its date (?P<d>\S+)"),
        lambda m: f"有效期至 {m['e']} 早于核查日期 {m['d']}",
    ),
    (re.compile(r"no such requirement '(?P<word>.+?)'" + _NEAR), lambda m: f"没有要求“{m['word']}”{_did_you_mean(m)}"),
    (
        re.compile(r"(?P<id>\S+) is decided from facts; attestations record judgement on review items"),
        lambda m: f"{m['id']} 由事实文件中的数据判定，不能由人工核查认定；核查记录只用于待核查的要求",
    ),
    (
        re.compile(r"unknown column '(?P<word>.+?)'; expected (?P<columns>.+)"),
        lambda m: f"未知的列“{m['word']}”；可用的列：{_columns(m['columns'])}",
    ),
    (
        re.compile(
            r"(?P<id>\S+) for site (?P<site>.+) on (?P<date>\S+) is (?P<here>pass|fail) here but (?P<there>pass|fail)"
            r" in (?P<source>.+); keep the one that holds"
        ),
        lambda m: (
            f"{m['site']} 的 {m['id']} 在 {m['date']} 有两条结论相反的核查记录（此处为{_OUTCOME[m['here']]}，"
            f"{m['source']} 为{_OUTCOME[m['there']]}）：请只保留成立的一条"
        ),
    ),
    (
        re.compile(r"expected a mapping with requirement, site, outcome, …"),
        lambda m: "每条核查记录应为含要求、站点、结论等项的映射",
    ),
    (
        re.compile(r"expected a list of attestations \(or `attestations:` with one\)"),
        lambda m: "应为核查记录的列表（或写在 attestations: 之下）",
    ),
    (re.compile(r"cannot be read as an Excel workbook \(.*\)", re.DOTALL), lambda m: "无法作为 Excel 工作簿读取"),
]
"""Problems of an attestation file (`compliance.load.attestations`)."""
_TOTALS: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str | None]]] = [
    (
        re.compile(
            r"a totals row for (?P<name>.+) \(named after (?:its own|a) township or district"
            r"(?: of the table)?\), not a site"
        ),
        lambda m: f"以乡镇或区命名的合计行（{m['name']}），不是站点",
    ),
    (
        re.compile(r"a totals row for the township or district coded (?P<code>\S+), not a site"),
        lambda m: f"代码为 {m['code']} 的乡镇或区的合计行，不是站点",
    ),
    (
        re.compile(r"a totals row \(its figures are the (?P<kind>sum|mean)s of the rows above\), not a site"),
        lambda m: f"合计行（各数值是以上各行之{'和' if m['kind'] == 'sum' else '平均'}），不是站点",
    ),
    (
        re.compile(r"a totals row \((?P<word>.+?) in '(?P<cell>.*)'\), not a site"),
        lambda m: f"合计行（“{m['cell']}”中有“{m['word']}”），不是站点",
    ),
    (
        re.compile(r"a note or column-number row \('(?P<cell>.*)'\), not a site"),
        lambda m: f"说明、表尾或栏次行（“{m['cell']}”），不是站点",
    ),
    (
        re.compile(r"an empty row of the form \(no site id, name or figure\), not a site"),
        lambda m: "表格的空行（没有站点编号、名称或数值），不是站点",
    ),
]
"""A batch's rows that are no sites (合计, 小计, a form's notes), as `batch.totals` words them."""


_MESSAGES: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str | None]]] = [
    (re.compile(r"unknown field"), lambda m: "未知字段"),
    (
        re.compile(r"unknown field: under site: write (?P<key>.+) \((?P<word>.+) is the column's title in a table\)"),
        lambda m: f"未知字段：site 下请写 {m['key']}（“{m['word']}”是表格的列名）",
    ),
    (
        re.compile(r"unknown field: write (?P<key>\w+) \(a facts file's two parts are site and facts\)"),
        lambda m: f"未知字段：请写 {m['key']}（事实文件分 site 和 facts 两部分）",
    ),
    (
        re.compile(r"unknown field: write it under attributes: attributes: \{(?P<key>\w+): (?P<value>.*)\}"),
        lambda m: (
            f"未知字段：{'乡镇' if m['key'] == 'township' else m['key']}须写在 attributes 下：attributes: "
            f"{{{m['key']}: {m['value']}}}"
        ),
    ),
    (
        re.compile(r"unknown field(?:: write (?P<key>\w+))? \(a fact's keys are (?P<keys>.+)\)"),
        lambda m: f"未知字段{'：请写 ' + m['key'] if m['key'] else ''}（事实的映射中可用的键：{_listed(m['keys'])}）",
    ),
    (
        re.compile(r"periods must go under series: write (?P<form>.+)"),
        lambda m: f"逐期数据须写在 series: 下，请写 {m['form']}",
    ),
    (re.compile(r"this field is required"), lambda m: "必须填写此项"),
    (re.compile(r"Field required"), lambda m: "必须填写此项"),
    *_ATTESTATIONS,
    (re.compile(r"must not be empty"), lambda m: "不能为空"),
    (re.compile(r"no such requirement" + _NEAR), lambda m: f"没有此要求编号{_did_you_mean(m)}"),
    *_TOTALS,
    (re.compile(r"this key appears twice"), lambda m: "此项重复出现了两次"),
    (re.compile(r"keys must be text"), lambda m: "键须为文本"),
    (re.compile(r"the file is not UTF-8 text"), lambda m: "文件不是 UTF-8 编码的文本，请另存为 UTF-8"),
    (re.compile(r"not valid YAML/JSON: .*", re.DOTALL), lambda m: "不是有效的 YAML/JSON（位置见英文说明）"),
    (re.compile(r"cannot read the file \(.*\)"), lambda m: "无法读取文件"),
    (re.compile(r"unknown metric '(?P<word>.+?)'" + _NEAR), lambda m: f"未知指标“{m['word']}”{_did_you_mean(m)}"),
    (
        re.compile(r"unknown site kind '(?P<word>.+?)'" + _FILED + r"; expected one of (?P<kinds>.+)"),
        lambda m: (
            f"未知的站点类型“{m['word']}”（方案中的“{m['plan']}”请按站点类型“{m['filed']}”填报，即 kind: {m['filed']}）"
            f"；可填：{_kinds(m['kinds'])}"
        ),
    ),
    (
        re.compile(r"unknown site kind '(?P<word>.+?)'" + _NEAR + r"; expected one of (?P<kinds>.+)"),
        lambda m: f"未知的站点类型“{m['word']}”{_did_you_mean(m)}；可填：{_kinds(m['kinds'])}",
    ),
    (
        re.compile(r"'?(?P<value>[^']+?)'? is (?P<side>below|above) the valid range \((?P<range>.+)\)"),
        lambda m: f"“{m['value']}”{'低于' if m['side'] == 'below' else '高于'}有效范围（{m['range']}）",
    ),
    (
        re.compile(r"expected a date such as .+, got (?P<given>.+)"),
        lambda m: f"应为日期，如 2025-06-30、2025/6/30 或 2025年6月30日，实为{_form(m['given']) or m['given']}",
    ),
    (
        re.compile(r"'(?P<value>.+)' is not a real date \(there is no month (?P<month>\d+)\)"),
        lambda m: f"“{m['value']}”不是真实的日期（没有 {m['month']} 月）",
    ),
    (
        re.compile(
            r"'(?P<value>.+)' is not a real date "
            r"\(month (?P<month>\d+) of (?P<year>\d+) has no day (?P<d>\d+)\)"
        ),
        lambda m: f"“{m['value']}”不是真实的日期（{m['year']}年{m['month']}月没有{m['d']}日）",
    ),
    (
        re.compile(r"'(?P<value>.+)' \(not detected\) does not say how low: write the method's detection limit, .+"),
        lambda m: f"“{m['value']}”（未检出）没有说明低到多少：请写监测方法的检出限，如 <0.01",
    ),
    (
        re.compile(r"expected a number, 是/否, text, or value:/series: under it; got (?P<given>.+)"),
        lambda m: f"应为数字、是/否、文本，或在其下写 value:/series:；实为{_form(m['given']) or m['given']}",
    ),
    (
        re.compile(
            r"expected (?P<expected>.+?), got '(?P<given>.+?)': (?P<word>.+?) says how something went, and"
            r" (?P<name>.+?) is not a duty it reports on \(.+\); write 是 or 否"
        ),
        lambda m: (
            f"应为{_form(m['expected']) or '是或否'}，实为“{m['given']}”：“{m['word']}”说的是事情办得如何，"
            f"而{m['name']}不是它所报告的事项（它决定规则适用于谁，或规则要求它为否）：请写是或否"
        ),
    ),
    (
        re.compile(r"expected (?P<expected>.+?), got (?P<given>.+?) \(not a finite number\)"),
        lambda m: f"应为{_form(m['expected']) or m['expected']}，实为 {m['given']}（不是有限的数，请填写实际数值）",
    ),
    (
        re.compile(r"expected (?P<expected>.+?), got (?P<given>.+?)(?P<quote> \(to keep it as written, .+\))?"),
        _expected,
    ),
]


def in_chinese(message: str) -> str | None:
    """The Chinese of `message` when it is one of the problems listed here (pydantic's `Value error, ` prefix
    aside), else None."""
    message = message.removeprefix("Value error, ")
    for pattern, chinese in _MESSAGES:
        if match := pattern.fullmatch(message):
            return chinese(match)
    return None


def bilingual(message: str) -> str:
    """`message`, followed by ` / ` and its Chinese when `in_chinese` knows it."""
    chinese = in_chinese(message)
    return message if chinese is None else f"{message} / {chinese}"
