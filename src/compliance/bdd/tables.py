"""Reading a step's words and data tables: a table's header row (| 指标 | 值 |) known and skipped, quotes around a name
dropped, a cell past the step's columns found, since nothing would read it (a unit written beside a value); a status
or verdict named in either language (`word_of`); a site field of the attributes table checked against the site
step's (`same_field`), and a key that is neither field nor metric named with the closest (`unknown_attribute`), as is
an unknown metric, or, a retired one, with what replaced it (`unknown_metric`)."""

from __future__ import annotations

import re
import unicodedata
from typing import TypeVar

import pytest

from compliance.bdd.library import closest
from compliance.load.divisions import PlaceConflict, divisions_of, normal_code
from compliance.load.facts import MetricIndex
from compliance.model.metric import Metric
from compliance.model.plan import Plan, RulePack
from compliance.model.problemzh import in_chinese
from compliance.model.result import Status, Verdict
from compliance.report.words import ALSO_READ

W = TypeVar("W", Status, Verdict)

_HEADER_WORDS = re.compile(
    r"指标|名称|数值|值|属性|要求|状态|结果|编号|序号|项目|数据|metric|value|name|attribute|requirement|status|result|id"
    r"|[\s()（）/_-]"
)
"""What a header row in the writer's own words is made of, and nothing else (`| 指标名称 | 数值 |`)."""
HEADERS = {"指标", "值", "数值", "属性", "要求", "状态", "metric", "value", "attribute", "requirement", "status"}
SITE_FIELDS = {
    "行政区划代码": "admin_code",
    "admin_code": "admin_code",
    "所在区": "district",
    "district": "district",
    "英文名": "name_en",
    "name_en": "name_en",
    "乡镇": "township",
    "所在乡镇": "township",
    "乡镇（街道）": "township",
    "名称": "name",
    "站点名称": "name",
    "村名称": "name",
    "name": "name",
    "站点编号": "id",
    "编号": "id",
    "类型": "kind",
    "站点类型": "kind",
    "所在区县": "district",
    "township": "township",
    "分组": "groups",
    "groups": "groups",
    "别名": "aliases",
    "aliases": "aliases",
}
_QUOTES = "“”\"'「」《》"
_CJK = re.compile("[\u3400-\u9fff]")


def in_language(message: str, lang: str) -> str:
    """A refusal in the scenario's language alone: of a message `en / zh`, the half of that language; an English
    one, in a Chinese scenario, its Chinese when `in_chinese` knows it (as it is when not)."""
    known = in_chinese(message)  # an English message whose own words hold " / " (国家级 (national) / 省级 …)
    if known is not None:
        return known if lang == "zh" else message
    english, sep, chinese = message.partition(" / ")
    if sep and _CJK.search(chinese):
        return chinese if lang == "zh" else english
    return message


def unquote(text: str) -> str:
    """`“农村生活污水治理率”` -> the name; one pair of outer quotes is dropped, quotes inside a name stay."""
    text = text.strip()
    if len(text) >= 2 and text[0] in _QUOTES and text[-1] in _QUOTES:
        return text[1:-1].strip()
    return text


def rows_of(table: list[list[str]], width: int, lang: str | None = None) -> list[list[str]]:
    """The rows of a data table, without a header row such as `| 指标 | 值 |`; with `lang`, a first row of header
    words not known as a header (`| 指标名称 | 数值 |`) fails saying so, rather than as an unknown metric."""
    rows = [[cell.strip() for cell in row] for row in table]
    if rows and all(cell.lower() in HEADERS for cell in rows[0]):
        rows = rows[1:]
    elif rows and lang is not None and all(cell and not _HEADER_WORDS.sub("", cell.lower()) for cell in rows[0]):
        written = " | ".join(rows[0])
        pytest.fail(
            f"表头“| {written} |”不认识：请写 | 指标 | 值 |（数据表）、| 属性 | 值 |（属性表）或 | 要求 | 状态 |"
            "（状态表），或删去这一行"
            if lang == "zh"
            else f"the header '| {written} |' is not known: write | metric | value |, | attribute | value | or"
            " | requirement | status |, or drop the row",
            pytrace=False,
        )
    return [row for row in rows if len(row) >= width]


def beyond(table: list[list[str]], width: int) -> str | None:
    """The first cell filled past a table's `width` columns, if any."""
    return next((cell.strip() for row in table for cell in row[width:] if cell.strip()), None)


def word_of(word: str, names: dict[str, dict[W, str]], lang: str) -> W | None:
    """A status or verdict named in either language (the feature's first), or by its code (`at_risk`)."""
    wanted = unquote(word).lower()
    for language in sorted(names, key=lambda other: other != lang):
        for value, name in names[language].items():
            if wanted in (name.lower(), name.split("（")[0].lower(), value.value):
                return value
    for value in names[lang]:
        if wanted in ALSO_READ.get(value, ()):
            return value
    return None


def same_field(field: str, given: str, value: str, pack: RulePack) -> bool:
    """Whether a site field of the attributes table says what the site step gave: the same text, or, for a district
    or a code, the same place however written (福州市晋安区 and 晋安区; 350111 and 350111000000)."""
    if not given or given == value.strip():
        return True
    divisions = divisions_of(pack.divisions)
    try:
        if field == "district":
            return divisions.place("", given, "").district == divisions.place("", value, "").district
        if field == "admin_code":
            return normal_code(given) == normal_code(value)
    except PlaceConflict:
        return False
    return False


def unknown_attribute(key: str, pack: RulePack, lang: str) -> tuple[str, str]:
    """What to say (zh, en) of an attributes-table key that is neither a site field nor a metric, with the closest."""
    names = [m.name_zh if lang == "zh" else m.name_en for m in pack.catalogue.metrics]
    near = "、".join(closest(unquote(key), [*names, *SITE_FIELDS]))
    return (
        f"属性“{key}”既不是站点字段，也不是指标：规则不读它；最接近的：{near}",
        f"attribute {key!r} is neither a site field nor a metric, so no rule reads it; closest: {near}",
    )


def district_and_township(where: str, pack: RulePack) -> tuple[str, str] | None:
    """`集美区灌口镇` (or 厦门市集美区灌口镇), as a site step's 位于 may say where a village is: the district and the
    township of it the text ends with; a township alone (灌口镇) with the one district holding it, or with no district
    where two hold it (新店: the site step's place then says which); None when the text is a district itself or no such
    pair."""
    divisions = divisions_of(pack.divisions)
    try:
        if divisions.place("", where, "").admin_code:
            return None
        if alone := divisions.townships_named(where):
            return (alone[0][0] if len(alone) == 1 else ""), alone[0][1] if len(alone) == 1 else where
        for cut in range(len(where) - 2, 1, -1):
            head = divisions.place("", where[:cut], "")
            homes = divisions.townships_named(where[cut:]) if head.admin_code else []
            found = next((township for district, township in homes if district == head.district), None)
            if found is not None:
                return head.district, found
    except PlaceConflict:
        return None
    return None


def unknown_metric(key: str, index: MetricIndex, pack: RulePack, lang: str) -> tuple[str, str]:
    """What to say (zh, en) of a step's metric name that names none: for a retired name (the catalogue's `replaces`),
    the metric that replaced it and its answers, as check and batch say; else the closest metrics."""
    if (new := index.replacement(key)) is not None:
        levels_zh = f"（{'、'.join(level.name_zh for level in new.levels)}）" if new.levels else ""
        levels_en = f" ({', '.join(level.name_en for level in new.levels)})" if new.levels else ""
        return (
            f"指标“{key}”已不再使用：请改填“{new.name_zh}”{levels_zh}",
            f"metric {key!r} is no longer asked: write {new.name_en!r}{levels_en} instead",
        )
    metrics = pack.catalogue.metrics
    names = [m.name_zh for m in metrics] if lang == "zh" else [m.name_en for m in metrics]
    near = closest(key, names + [m.id for m in metrics])
    return (
        f"未知的指标“{key}”；最接近的指标：{'、'.join(near)}",
        f"unknown metric {key!r}; closest metrics: {', '.join(near)}",
    )


def given_twice(metric: Metric, first: tuple[str, int], again: str) -> tuple[str, str]:
    """Why a metric a step gives was given before (`first`: as written there, and its line), in Chinese and English:
    under another name (EQI指数, then 生态质量指数（EQI）) both spellings are named, as a facts file's repeat is."""
    written, line = first
    at_zh, at_en = (f"第{line}行", f"line {line}") if line else ("前面", "an earlier step")
    if written == again:
        return (
            f"指标“{again}”给了两次（{at_zh}已给出）：每个指标只写一次",
            f"{again} is given twice (at {at_en} already): give each metric once",
        )
    return (
        f"指标“{again}”与{at_zh}的“{written}”是同一指标（{metric.name_zh}），给了两次：每个指标只写一次",
        f"{again!r} and {written!r} ({at_en}) both give {metric.name_en} ({metric.name_zh}): give each metric once",
    )


def plan_named(wanted: str, plans: list[Plan]) -> Plan | None:
    """The plan a step names by its id, title or short title, in either language, or as the notice prints it
    (厦门市《…(2025-2027年)》: the issuer before the title); full-width brackets, 《》 and spaces aside."""
    for plan in plans:
        names = (plan.id, plan.title_zh, plan.short_zh, plan.title_en, plan.short_en, plan.issuer_zh + plan.title_zh)
        if _plan_name(wanted) in {_plan_name(name) for name in names}:
            return plan
    return None


def _plan_name(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).replace("《", "").replace("》", "").split())


def district_written(where: str, pack: RulePack) -> str:
    """A district an English step names as the division table does (Jimei District, jimei, Tong'an District): its
    Chinese name, which places it; anything else as written."""
    key = where.strip().lower().replace("’", "'")
    cities = {city.name_en.lower(): city.name for city in pack.divisions.cities if city.name_en}
    head, comma, tail = key.rpartition(",")
    if comma and tail.strip().removesuffix(" city") in cities:  # Jin'an District, Fuzhou
        key = head.strip()
    key = key.removesuffix(" district")
    if key.removesuffix(" city") in cities:  # Xiamen: the city, as 厦门市 is (a rule naming a district asks which)
        return cities[key.removesuffix(" city")]
    for city in pack.divisions.cities:
        for district in city.districts:
            english = district.name_en.lower().removesuffix(" district")
            if english and key in (english, english.replace("'", "")):
                return district.name
    return where
