"""A facts file's shape checked with the shipped JSON Schema (`schemas/facts.schema.json`) before it is read.

The schema is the one editors and other tools are given (`compliance schema facts`), so what the checker
refuses and what the schema refuses are the same thing. It fixes the shape only: a `site` with its id,
kind and name, and `facts` whose values are a value, a blank, or a mapping with `value` or `series`. How a
value is written (85%, 八成五 is not a number, 是/否, 2025年6月30日) and which names a metric goes by are
the readers' business afterwards, since people write them in more ways than a schema can list.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from compliance.load.yamlsrc import Located, Path_
from compliance.model.problems import InputError, Problem

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator, ValidationError

FACTS_SCHEMA = "facts.schema.json"

_TYPE_WORDS = {
    "object": "a mapping",
    "array": "a list",
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "yes/no (true/false)",
    "null": "a blank",
}


@cache
def facts_validator() -> Draft202012Validator:
    """Built on first use: importing jsonschema costs a command that reads no facts file about 0.1 s."""
    from jsonschema import Draft202012Validator, validators

    def text(checker: object, instance: object) -> bool:
        """YAML reads an unquoted 2025-06-30 as a date; the schema's text includes it (the date reader decides)."""
        return isinstance(instance, str | dt.date)

    extended = validators.extend(  # type: ignore[no-untyped-call]
        Draft202012Validator, type_checker=Draft202012Validator.TYPE_CHECKER.redefine("string", text)
    )
    schema = resources.files("compliance").joinpath("schemas", FACTS_SCHEMA).read_text(encoding="utf-8")
    validator: Draft202012Validator = extended(json.loads(schema))
    return validator


_SITE_WORDS = {
    word: f": under site: write {field} ({word} is the column's title in a table)"
    for field, words in {
        "id": ("站点编号", "编号", "站点代码"),
        "kind": ("类型", "站点类型", "场所类型"),
        "name": ("名称", "站点名称", "场所名称"),
        "district": ("所在区", "所在区县", "区县"),
        "admin_code": ("行政区划代码", "区划代码"),
        "attributes: {township: …}": ("乡镇", "所在乡镇", "乡镇（街道）"),
    }.items()
    for word in words
}
"""The Chinese titles of a table's site columns, written as keys under `site:` (a facts file's are English)."""

_TOP_WORDS = {
    word: f": write {field} (a facts file's two parts are site and facts)"
    for field, words in {
        "site": ("站点", "站点信息", "场所", "基本信息"),
        "facts": ("事实", "指标", "数据", "填报数据"),
    }.items()
    for word in words
}
"""The two parts of a facts file named in Chinese at the top level."""

_SITE_FIELDS = ("township",)
"""Keys people write straight under `site:` that belong under its `attributes`."""

FACT_KEYS = ("value", "series", "source", "observed_on", "evidence")
"""The keys of a fact written as a mapping, in the order the docs give them."""

_FACT_WORDS = {
    word: key
    for key, words in {
        "value": ("值", "数值", "数据", "取值", "填报值", "实际值", "完成值"),
        "series": ("序列", "逐年", "逐期", "历年", "各年"),
        "source": ("来源", "数据来源", "出处", "来源单位"),
        "observed_on": ("日期", "观测日期", "监测日期", "统计日期", "截止日期", "时间", "observed", "date"),
        "evidence": ("证据", "佐证", "佐证材料", "依据", "证明材料"),
    }.items()
    for word in words
}
"""The Chinese (and a few English) words for a fact's keys, each with the key to write."""


def _fact_key_hint(key: str) -> str:
    """`: write observed_on; a fact's keys are …` for a key of a fact's mapping that is not one of FACT_KEYS."""
    known = _FACT_WORDS.get(key.strip()) or next(iter(difflib.get_close_matches(key, FACT_KEYS, n=1, cutoff=0.6)), "")
    listed = ", ".join(FACT_KEYS)
    return f": write {known} (a fact's keys are {listed})" if known else f" (a fact's keys are {listed})"


def check_shape(located: Located) -> None:
    """Raise InputError listing, with file, line and field, every place the document breaks the schema (each once:
    several branches of the schema may say the same)."""
    errors = facts_validator().iter_errors(located.data)
    problems = list(dict.fromkeys(problem for error in errors for problem in _problems(error, located)))
    if problems:
        raise InputError(sorted(problems, key=lambda p: (p.line or 0, p.field)))


_PERIOD_KEY = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?\s*(?:年度|年)?$")
"""A year, month or day written as a key: 2025, 2025-06, 2025-06-30, 2025年."""


def _is_period(key: object) -> bool:
    return isinstance(key, (int, dt.date)) or (isinstance(key, str) and bool(_PERIOD_KEY.match(key.strip())))


def _under_series(metric: str, periods: dict[Any, Any]) -> str:
    """What to write for a period→value mapping given straight under a fact: the periods go under `series:`."""
    shown = ", ".join(f"{key}: {_shown(value)}" for key, value in list(periods.items())[:3])
    more = ", …" if len(periods) > 3 else ""
    return f"periods must go under series: write {metric}: {{series: {{{shown}{more}}}}}"


def _shown(value: object) -> str:
    return ("是" if value else "否") if isinstance(value, bool) else str(value)


def _hint(path: Path_, key: str, value: object) -> str:
    """What to write instead of an unknown `key` under `path` ('' when nothing better is known)."""
    if len(path) == 2 and path[0] == "facts":
        return _fact_key_hint(key)
    if path == ("site",) and key in _SITE_FIELDS:
        return f": write it under attributes: attributes: {{{key}: {_shown(value) if value is not None else '…'}}}"
    return (_SITE_WORDS if path == ("site",) else _TOP_WORDS if path == () else {}).get(key, "")


def _problems(error: ValidationError, located: Located) -> list[Problem]:
    path: Path_ = tuple(error.absolute_path)
    schema = error.schema if isinstance(error.schema, dict) else {}
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        if len(path) == 2 and path[0] == "facts" and error.instance and all(map(_is_period, error.instance)):
            return [located.problem(path, _under_series(str(path[1]), error.instance))]
        known = set(schema.get("properties", {}))
        return [
            located.problem((*path, key), f"unknown field{_hint(path, str(key), error.instance[key])}")
            for key in error.instance
            if key not in known
        ]
    if error.validator == "required" and isinstance(error.instance, dict):
        missing = [key for key in schema.get("required", []) if key not in error.instance]
        return [located.problem((*path, key), "this field is required") for key in missing]
    if error.validator == "minLength":
        return [located.problem(path, "must not be empty")]
    if error.validator == "anyOf" and isinstance(error.instance, dict) and error.context:
        # a mapping where a value or a mapping may stand: what is wrong inside the mapping
        inner = [e for e in error.context if e.validator != "type" or e.absolute_path != error.absolute_path]
        if inner:
            return [problem for e in inner for problem in _problems(e, located)]
    if error.validator in ("type", "anyOf"):
        expected, written = _expected(schema), _written(error.instance)
        number = isinstance(error.instance, int | float) and not isinstance(error.instance, bool)
        if number and path[-1:] == ("observed_on",):  # 2025.12, 2025, 20251231: a day is wanted, not quotes
            return [located.problem(path, f"expected a date such as 2025-12-31 (year-month-day), got {written}")]
        if "text" in expected and number:
            hint = f" (to keep it as written, put it in quotes: '{error.instance}')"
            return [located.problem(path, f"expected text, got {written}{hint}")]
        return [located.problem(path, f"expected {expected}, got {written}")]
    return [located.problem(path, error.message)]


def _types(schema: dict[str, Any]) -> list[str]:
    if "$ref" in schema:
        return ["object"]
    if "anyOf" in schema:
        return [t for option in schema["anyOf"] for t in _types(option)]
    kind = schema.get("type")
    return [kind] if isinstance(kind, str) else list(kind or [])


def _expected(schema: dict[str, Any]) -> str:
    words = list(dict.fromkeys(_TYPE_WORDS.get(t, t) for t in _types(schema)))
    if "anyOf" in schema and any("$ref" in option for option in schema["anyOf"]):
        words = [w if w != "a mapping" else "a mapping with `value` or `series`" for w in words]
    return " or ".join(words) if words else "another form"


def _written(value: object) -> str:
    if isinstance(value, bool):
        return "yes/no"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "a blank" if value is None else type(value).__name__
