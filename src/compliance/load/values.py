"""Reading one metric value as a person wrote it. Percent accepts 75, 75% and "75%"; nothing else is guessed.

The same reader serves `check`, the Gherkin steps and every batch format, so a cell means one thing
wherever it is written: the blank markers below are missing data everywhere, a comma inside a number is
only ever a thousands separator in its proper place (1,234; never 8,5), and dates are read one way.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata

from compliance.load.progress import ProgressProblem, read_progress
from compliance.load.units import is_count, same_unit, scale
from compliance.model.metric import Metric, MetricType, noise_free
from compliance.model.problemzh import in_chinese
from compliance.model.unitnames import RANK

_TRUE = {"true", "yes", "y", "是", "有", "对", "√", "✓", "✔", "1"}
_FALSE = {"false", "no", "n", "否", "无", "没有", "不是", "×", "✗", "✘", "0"}
_STATUS = {
    "已完成": (True, "完成"),
    "未完成": (False, "完成"),
    "达标": (True, "达标"),
    "未达标": (False, "达标"),
    "不达标": (False, "达标"),
}
"""Words saying how something went: an answer for a duty (废弃矿山整治: 已完成), never for a fact deciding what a site
is or one a rule wants 否 (`Metric.status_words`: 病险水库 or 违规占用生态保护红线: 不达标 is not 否)."""
_UNIT_AFTER = re.compile(r"^(?P<number>[+-]?[0-9.,]+(?:[eE][+-]?\d+)?)\s*(?P<unit>\D.*)$")
"""A number with a unit written after it (18 ug/m3)."""
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
"""The one place a comma may stand inside a number: between groups of three digits (1,234 or 12,345.5)."""
BLANK_MARKERS = frozenset(
    {
        "",
        "-",
        "--",
        "—",
        "——",
        "–",
        "/",
        "／",
        "\\",
        "无数据",
        "暂无",
        "暂无数据",
        "缺",
        "缺失",
        "未知",
        "不详",
        "未填",
        "未填报",
        "missing",
        "unknown",
        "n/a",
        "na",
        "null",
    }
)
"""What people write in a cell for "no figure": missing data wherever it appears (facts files, every batch
format, Gherkin steps). Compared after trimming, case ignored. 无 is not among them: it means "no" (否)."""
_DATE = re.compile(r"^(\d{4})\s*(?:[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})|年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?)$")
DATE_FORMS = "2025-06-30, 2025/6/30, 2025-6-30, 2025.6.30 or 2025年6月30日"


class ValueProblem(ValueError):
    """The value cannot be read for this metric; the message says what was expected. Given its Chinese half (`zh`),
    the message is `en / zh`, as every message a user reads, and a scenario shows the half of its language (`en`,
    `zh`: each the whole message when it has no Chinese half)."""

    def __init__(self, en: str, zh: str = "") -> None:
        message = f"{en} / {zh}" if zh else en
        super().__init__(message)
        self.en, self.zh = (en, zh) if zh else (message, message)


_RANKED = re.compile(r"^\s*第\s*(?P<number>\d+)\s*[位名]\s*$")
"""A rank as Chinese writes it: 第1位, 第2名."""


def is_blank(raw: object) -> bool:
    """Whether `raw` is one of the BLANK_MARKERS (or None): no value was given."""
    return raw is None or (isinstance(raw, str) and raw.strip().lower() in BLANK_MARKERS)


def read_date(raw: object) -> dt.date:
    """A date as people write it (DATE_FORMS); a date that does not exist (2025-02-30) says so."""
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    match = _DATE.match(raw.strip()) if isinstance(raw, str) else None
    if match is None:
        raise ValueProblem(f"expected a date such as {DATE_FORMS}, got {raw!r}")
    year, month, day = (int(part) for part in match.groups() if part is not None)
    if not 1 <= month <= 12:
        raise ValueProblem(f"{raw!r} is not a real date (there is no month {month})")
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueProblem(f"{raw!r} is not a real date (month {month} of {year} has no day {day})") from None


def expected_form(metric: Metric) -> str:
    if metric.type == MetricType.PERCENT:
        return 'a percentage such as 75, 75% or "75%" (0–100)'
    if metric.unit == RANK:
        return "a rank such as 1 or 第1位 (1 is first)"
    if metric.type == MetricType.NUMBER:
        unit = f" in {metric.unit}" if metric.unit else ""
        return f"a number{unit}"
    if metric.type == MetricType.BOOLEAN:
        return "true or false (是/否)"
    names = " / ".join(f"{level.name_zh} ({level.id})" for level in metric.levels)
    return f"one of {names}"


def _number(raw: object, metric: Metric) -> float:
    if isinstance(raw, bool):
        raise ValueProblem(f"expected {expected_form(metric)}, got a boolean {raw}")
    unit_said = ""  # the number, when the metric's unit was written after it: no slip of unit to suggest
    if isinstance(raw, int | float):
        value = noise_free(float(raw))
    elif isinstance(raw, str) and raw.isascii() and _NUMBER.match(plain := raw.strip()):
        value = float(plain) if len(plain) <= 12 else noise_free(float(plain))  # a plain number, as most cells are
        _dotted_count(plain, metric)
    elif isinstance(raw, str):
        text = below_detection(raw if raw.isascii() else unicodedata.normalize("NFKC", raw), metric)  # ８６．５ is 86.5
        if metric.type == MetricType.PERCENT and text.endswith(("%", "％")):
            text = text[:-1].strip()
        elif metric.unit == RANK and (ranked := _RANKED.match(text)):
            text = ranked["number"]  # 第1位, 第1名
        elif metric.unit and (written := _UNIT_AFTER.match(text)):
            if same_unit(written["unit"], metric.unit, metric.name_zh):
                text = unit_said = written["number"]  # the metric's own unit after it: 12个, 18 μg/m³, 24微克/立方米
            elif (factor := scale(written["unit"].strip(), metric.unit)) is not None:
                raise _other_unit(raw, written["number"], written["unit"].strip(), factor, metric)
        if "," in text or "，" in text:
            if not _THOUSANDS.match(text):
                head = f"expected {expected_form(metric)}, got {raw!r}"
                zh = in_chinese(head)
                raise ValueProblem(
                    f"{head}: a comma is read only as a thousands separator (1,234); write a decimal with a point"
                    " (8.5)",
                    f"{zh}：逗号只作千位分隔符（1,234），小数请用小数点（8.5）" if zh else "",
                )
            text = text.replace(",", "")
        if not _NUMBER.match(text):
            raise ValueProblem(f"expected {expected_form(metric)}, got {raw!r}")
        value = noise_free(float(text))
        _dotted_count(text, metric)
    else:
        raise ValueProblem(f"expected {expected_form(metric)}, got {type(raw).__name__}")
    if not math.isfinite(value):
        raise ValueProblem(f"expected {expected_form(metric)}, got {raw!r} (not a finite number)")
    if metric.minimum is not None and value < metric.minimum:
        raise ValueProblem(f"{raw!r} is below the valid range ({_range(metric)})")
    if metric.maximum is not None and value > metric.maximum:
        raise ValueProblem(f"{raw!r} is above the valid range ({_range(metric)})")
    if metric.plausible is not None and (
        outside := metric.plausible.problem(value, unit_said or _shown(raw), metric.unit, slip=not unit_said)
    ):
        raise ValueProblem(*outside)
    if metric.unit == RANK and not value.is_integer():
        places = _range(metric).removesuffix(RANK).strip()
        raise ValueProblem(
            f"{raw!r} is not a whole number: {metric.name_zh} is a rank (1 is first), a whole number {places}",
            f"{metric.name_zh}是名次（第几位，1为首位），应填 {places} 的整数",
        )
    if not value.is_integer() and not metric.fractional and is_count(metric):
        people = metric.unit in ("人", "位", "名")
        raise ValueProblem(
            f"{raw!r} is not a whole number: {metric.name_zh} counts {'people' if people else 'things'}"
            f" ({metric.unit}); write the count{' (in 人, not 万人)' if people else ''}",
            f"{metric.name_zh}是{'人数' if people else '个数'}，应填整数{'（单位为人，不是万人）' if people else ''}",
        )
    return value + 0.0  # -0.0 reads as 0.0: one value, one text


_ZERO_DECIMALS = re.compile(r"^[+-]?(?P<whole>\d+)\.(?P<zeros>0+)$")


def _dotted_count(text: str, metric: Metric) -> None:
    """A whole-number count written with a point and zeros (1.000) is refused: in many locales 1.000 is a thousand
    (the point groups thousands), and elsewhere it is 1, or a figure in 千/万 with its unit lost; which one the
    writer meant is not for the check to guess, and a threshold (千人以上) turns on it."""
    found = _ZERO_DECIMALS.match(text)
    if found is None or metric.fractional or not is_count(metric):
        return
    people = metric.unit in ("人", "位", "名")
    whole = int(found["whole"])
    grouped = int(found["whole"] + found["zeros"]) if len(found["zeros"]) == 3 else None
    what_zh, what_en = ("人数", "people") if people else ("个数", "things")
    if grouped is not None:
        zh = f"若指 {grouped} 请写 {grouped}，若指 {whole} 请写 {whole}"
        en = f"write {grouped} if a point groups thousands here, or {whole}"
    else:
        zh, en = f"请写整数 {whole}（不带小数点）", f"write the whole number {whole} without a point"
    raise ValueProblem(
        f"{text!r} is ambiguous for a count of {what_en} ({metric.name_zh}, {metric.unit}): {en}",
        f"{metric.name_zh}是{what_zh}，“{text}”带小数点，不能确定所指：{zh}",
    )


def _shown(raw: object) -> str:
    """A value as its writer wrote it, for a message: 800, 0.019, "1,000"."""
    if isinstance(raw, float | int) and not isinstance(raw, bool):
        return f"{raw:g}"
    return str(raw).strip()


def _other_unit(raw: object, number: str, unit: str, factor: float, metric: Metric) -> ValueProblem:
    """The refusal of a figure written with a unit other than the metric's that measures the same (1,000m for a
    distance in km): the unit is the problem, not the number, and the figure it is in the metric's unit is given."""
    if isinstance(raw, str) and (as_written := _UNIT_AFTER.match(raw.strip())):
        unit = as_written["unit"].strip()  # m³ as written, not the m3 NFKC leaves
    plain = number.replace(",", "") if _THOUSANDS.match(number) else number
    converted = f"{round(float(plain) * factor, 10):g}" if _NUMBER.match(plain) else ""
    en_is = f": {number} {unit} is {converted} {metric.unit}, write {converted}" if converted else ""
    zh_is = f"：{number} {unit}即 {converted} {metric.unit}，请写 {converted}" if converted else ""
    return ValueProblem(
        f"expected a number in {metric.unit}, got {raw!r}: {unit} is not {metric.unit}, the unit of {metric.name_zh};"
        f" convert the figure to {metric.unit} and write the number alone{en_is}",
        f"{metric.name_zh}的单位是{metric.unit}，“{str(raw).strip()}”的单位是{unit}：请换算为{metric.unit}后只写数字{zh_is}",
    )


_NOT_DETECTED = {"nd", "n.d.", "未检出", "bdl", "<dl"}
_BELOW = re.compile(r"^[<＜]\s*(?P<limit>[^<＜]+)$|^(?P<suffixed>[0-9.]+)\s*L$")
"""Below the detection limit, written `<0.01` or, as Chinese monitoring reports do, `0.01L`."""


def below_detection(raw: str, metric: Metric) -> str:
    """The number text of a value, with a below-detection value `<0.01` (`0.01L`) read as its limit: the sample is at
    most that, so whatever is derived from it is never better than the sample. `ND` alone says not how low, so
    it is refused, asking for the limit."""
    text = raw.strip()
    if not metric.below_detection:
        return text
    if text.lower() in _NOT_DETECTED:
        raise ValueProblem(
            f"{raw!r} (not detected) does not say how low: write the method's detection limit, e.g. <0.01"
        )
    match = _BELOW.match(text)
    if match is None:
        return text
    return (match.group("limit") or match.group("suffixed")).strip()


def _range(metric: Metric) -> str:
    low = "" if metric.minimum is None else f"{metric.minimum:g}"
    high = "" if metric.maximum is None else f"{metric.maximum:g}"
    if metric.maximum is None:
        return f"≥ {low} {metric.unit}".strip()
    return f"{low}–{high} {metric.unit}".strip()


_NOT_YET = ("尚未", "没有", "未")
"""How a deed not done is written (未建立, 尚未建立, 没有建立); 已 writes it done."""


def _names_the_deed(deed: str, metric: Metric) -> bool:
    """Whether 已/未 + `deed` answers the fact: only a deed found for it when the pack loaded (`Metric.deeds`: the
    verb its name opens with, 已开展 for 开展增殖放流, or ends with, 已治理 for VOCs综合治理, or the verb its plan puts
    before it, 已建立 for 阶段评估制度). Any other word of the name is refused: a noun (已污染 for 污染源监控系统,
    已园区, 已系统), a word that is not the duty (已考核 for 考核结果向社会公布) or half of a deed from inside it
    (已排查 for 开展环境风险隐患排查整治)."""
    return len(deed) >= 2 and deed in metric.deeds


def _done_or_not(token: str, metric: Metric) -> bool | None:
    """已 + the fact's deed is 是, 未/尚未/没有 + it 否, also with the deed cut to its first character when only one of
    the fact's deeds opens with it (已建 for 建立…体系: 已建立); None when `token` is no such form."""
    if token.startswith("已"):
        return True if _names_the_deed(token[1:], metric) or len(_cut_to(token[1:], metric)) == 1 else None
    for prefix in _NOT_YET:
        deed = token[len(prefix) :]
        if token.startswith(prefix) and (_names_the_deed(deed, metric) or len(_cut_to(deed, metric)) == 1):
            return False
    return None


def _cut_to(deed: str, metric: Metric) -> list[str]:
    """The fact's deeds that `deed`, one character, may be cut from (建: 建立 and 建设 when the fact has both)."""
    return [whole for whole in metric.deeds if len(deed) == 1 and whole.startswith(deed)]


_LOOSE = re.compile(r"\s+|[。.．]+$")
"""What an answer copied from a sentence or typed with an IME may carry: a closing full stop (已建立。) and spaces
inside it (已 建立). Neither changes the answer."""


def _another_deed(raw: str, metric: Metric) -> ValueProblem:
    """The refusal of 已/未 + a deed the fact does not name, listing the forms it accepts."""
    done = "/".join(f"已{deed}" for deed in metric.deeds)
    undone = "/".join(f"未{deed}" for deed in metric.deeds)
    token = raw.strip()
    said = next(
        (f"{head}{deed}" for deed in metric.deeds for head in ("已", *_NOT_YET) if token.startswith(head + deed)), ""
    )
    head = next((head for head in ("已", *_NOT_YET) if token.startswith(head)), "")
    if len(cut := _cut_to(token[len(head) :], metric)) > 1:  # 已建 for a fact both 建立 and 建设 answer
        wholes = "、".join(f"{head}{whole}" for whole in cut)
        return ValueProblem(
            f"expected {expected_form(metric)} or {done} / {undone}, got {raw!r}: {token} may be {wholes};"
            f" write the one meant in full",
            f"{metric.name_zh}应填是/否，或{done}、{undone}；“{token}”可能是{wholes}，请写全",
        )
    if said:  # the fact's own deed with more after it (已建立，尚未运行): the rest is a note, not an answer
        note = token[len(said) :].lstrip("，,;； ")
        return ValueProblem(
            f"expected {expected_form(metric)} or {done} / {undone} alone, got {raw!r}: write {said} and put"
            f" {note!r} in source or a note",
            f"{metric.name_zh}只填是/否（或{done}、{undone}）；“{note}”是说明，请写在来源（source）或备注中",
        )
    return ValueProblem(
        f"expected {expected_form(metric)} or {done} / {undone}, got {raw!r}: {raw.strip()} names another deed than"
        f" {metric.name_zh}'s",
        f"{metric.name_zh}应填是/否，或{done}、{undone}；“{raw.strip()}”说的是另一件事",
    )


def _no_deed(raw: object, metric: Metric) -> ValueProblem:
    """The refusal of 已/未 + a word for a fact no deed answers (污染源监控系统: 已污染): only 是/否 do."""
    return ValueProblem(
        f"expected {expected_form(metric)}, got {raw!r}: {str(raw).strip()} names no deed of {metric.name_zh}"
        " (a word of its name is not what was done); write 是 or 否",
        f"{metric.name_zh}应填是/否；“{str(raw).strip()}”不是这件事的做法（名称中的词不是所做之事），请写是或否",
    )


def _boolean(raw: object, metric: Metric) -> bool:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, int | float) and raw in (0, 1):
        return raw == 1  # 1 or 0 in a facts file, as in a spreadsheet cell
    if isinstance(raw, str):
        token = _LOOSE.sub("", raw.strip().lower())  # 已建立。 and 已 建立 are 已建立
        try:
            progressed = read_progress(token, metric)  # 未完成 for work whose 是 is under way: refused
        except ProgressProblem as problem:
            raise ValueProblem(f"expected {expected_form(metric)}, got {raw!r}: {problem.en}", problem.zh) from None
        if progressed is not None:
            return progressed
        answer, deed = _STATUS.get(token, (None, ""))
        if answer is not None and (metric.status_words or deed in metric.name_zh):
            return answer  # a duty's state, or the fact's own word (油烟达标排放: 达标)
        if token in _TRUE:
            return True
        if token in _FALSE:
            return False
        if token in ("符合", "不符合") and "符合" in metric.name_zh:  # 符合“三线一单”…要求: 符合
            return token == "符合"
        if (done := _done_or_not(token, metric)) is not None:
            return done
        if token in _STATUS:
            raise ValueProblem(
                f"expected {expected_form(metric)}, got {raw!r}: {raw.strip()} says how something went, and"
                f" {metric.name_zh} is not a duty it reports on (it decides whom a rule covers, or a rule wants it 否);"
                " write 是 or 否"
            )
        if token.startswith(("已", *_NOT_YET)):
            raise _another_deed(raw, metric) if metric.deeds else _no_deed(raw, metric)
    raise ValueProblem(f"expected {expected_form(metric)}, got {raw!r}")


def _level(raw: object, metric: Metric) -> str:
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)  # `water_quality_class: 2` arrives as 2.0 and means level "2"
    token = raw if isinstance(raw, str) else str(raw)
    index = metric.level_index(token)
    if index is None or isinstance(raw, bool):
        raise ValueProblem(f"expected {expected_form(metric)}, got {raw!r}")
    return metric.levels[index].id


def stated_value(raw: object, metric: Metric) -> float | bool | str:
    """A value as a facts file, a JSONL line or a scenario states it: `read_value`, but a plain number over 0 up to 1
    for a percentage is refused, since it does not say whether it is a share (0.865 for 86.5%, 1 for all of them) or a
    percentage (0.865%, 1%) (a batch's table judges a whole column instead: `batch.fractions`)."""
    value = read_value(raw, metric)
    written = raw.strip() if isinstance(raw, str) else ""
    if (
        metric.type == MetricType.PERCENT
        and isinstance(value, float)
        and 0 < value <= 1
        and not written.endswith(("%", "％"))
    ):
        raise share_or_percent(raw, value)
    return value


def share_or_percent(raw: object, value: float, among: str = "", fractions: bool = False) -> ValueProblem:
    """The refusal of a plain number over 0 up to 1 for a percentage, giving both readings: a share (1 for all of
    them, 0.865 for 86.5%) or a percentage under or at one (1%, 0.865%), quoting the value as written. `among`: the
    column it stands in, for a batch (`among percentages`); `fractions`: the column may be shares as a whole."""
    shown = raw.strip() if isinstance(raw, str) else f"{raw:g}" if isinstance(raw, int | float) else str(raw)
    where_en, where_zh = (f" {among}", "（所在列是百分数）") if among else ("", "")
    whole_en = "; if the whole column holds shares, pass --fractions" if fractions else ""
    whole_zh = "；若整列都是比例，请加 --fractions" if fractions else ""
    if value == 1:  # 1 or 1.0: all of them as a share (100%), or 1%
        return ValueProblem(
            f"'{shown}'{where_en} may be a share (1 = all of them, 100%) or 1%: write 100 if it is a share meaning all"
            f' of them, or "1%" with the sign if it is one percent{whole_en}',
            f"“{shown}”{where_zh}可能是比例（1即全部，100%），也可能是1%：若指全部请写100，若为百分之一请写“1%”"
            f"（带百分号）{whole_zh}",
        )
    share = f"{value * 100:g}"
    return ValueProblem(
        f"'{shown}' is between 0 and 1{where_en}: write {share} if it is a share ({share}%), or \"{shown}%\" with the"
        f" sign if it is a percentage under one{whole_en}",
        f"“{shown}”{where_zh}在0和1之间：若是比例请写{share}（即{share}%），若是不到1%的百分数请写“{shown}%”"
        f"（带百分号）{whole_zh}",
    )


def read_value(raw: object, metric: Metric) -> float | bool | str:
    """The canonical value: float (percent 0–100), bool, or a level id."""
    if metric.type in (MetricType.NUMBER, MetricType.PERCENT):
        return _number(raw, metric)
    if metric.type == MetricType.BOOLEAN:
        return _boolean(raw, metric)
    return _level(raw, metric)
