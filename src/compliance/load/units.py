"""Units written after a metric's name (`农村生活污水治理率(%)`, `生活垃圾产生量（吨）`): read as the name when the
unit is the catalogue's, refused when it is another (`（万吨）`, `（mg/m³）` for μg/m³), so a figure is never
read on the wrong scale."""

from __future__ import annotations

import re
import unicodedata

from compliance.model.metric import Metric, MetricType
from compliance.model.periods import year_named

UNIT_SUFFIX = re.compile(r"\s*[(（]([^()（）]*)[)）]\s*$")
"""A parenthesised tail of a name: a unit, as a spreadsheet header or a facts key writes it."""
LOOSE_UNIT = re.compile(
    r"(?:\s*[/／]\s*|\s*[，,;；]?\s*单位\s*[:：]\s*|\s+)(?P<unit>[^\s/／()（）]+)\s*$|(?<=\S)(?P<sign>[%％‰])\s*$"
)
"""A unit after a name without brackets, as hand-made forms write it: 农村生活垃圾无害化处理率%, … 单位：%,
农村生活污水治理率 %, …/%, 自然村数量 单位：个. Read as the bracketed unit is, once the whole name has named nothing."""
PERIOD_WORD = re.compile(r"^\d{4}(?:-\d{2})?\s*(?:年度|年)?$")
"""Brackets holding a period, not a unit: 开展增殖放流（2024年）, （2024年度）."""


def split_unit(key: str) -> tuple[str, str] | None:
    """A name and the unit written after it, in brackets (`UNIT_SUFFIX`) or not (`LOOSE_UNIT`); None without one."""
    bracketed = UNIT_SUFFIX.search(key)
    if bracketed is not None:
        return key[: bracketed.start()], bracketed.group(1).strip()
    loose = LOOSE_UNIT.search(key)
    if loose is None or not loose.start():
        return None
    return key[: loose.start()], (loose["unit"] or loose["sign"]).strip()


def period_of(word: str) -> str:
    """The period a period word (`PERIOD_WORD`) writes: 2024 for 2024年 or 2024年度."""
    return word.removesuffix("年度").removesuffix("年").strip()


_COUNTS = frozenset("个次起种类家座处条村项宗件")
"""Words that count things: one count's column may name another (专业村数量（个） or （村））."""
_PEOPLE = frozenset("人位名")
"""Words that count people: never households (户) or things (供水人口（户） is not a number of people)."""
_SAME = [
    {"%", "百分比", "百分数", "百分率"},
    {"吨", "t"},
    {"千克", "kg", "公斤"},
    {"km", "公里", "千米"},
    {"立方米", "m3", "方"},
    {"吨标准煤", "tce", "吨标煤"},
    {"吨二氧化碳", "tco2", "吨co2"},
    {"万立方米", "万m3", "万方"},
    {"mg/l", "毫克/升"},
    {"ug/m3", "微克/立方米", "微克每立方米"},
    {"mg/m3", "毫克/立方米", "毫克每立方米"},
    {"cm", "厘米"},
    {"mv", "毫伏"},
    {"位次", "名次", "位", "名"},  # a rank: 第1位, 第1名
    # a count in the measure word of what is counted (1,200根 charging piles, 3座 reservoirs)
    {"个", "台", "根", "座", "处", "家", "项", "辆", "艘", "所", "条", "只"},
]
"""Spellings of one unit (compared as `_norm` leaves them)."""


def is_count(metric: Metric) -> bool:
    """Whether the metric counts things (个, or another measure word a count is written in: 次, 处, 座, 家, 种…) or
    people (人: 供水工程供水人口, where 0.35 is 万人 misread): its figures are whole numbers, unless its catalogue
    entry says it may hold a fraction (`fractional`)."""
    unit = _norm(metric.unit)
    return metric.type == MetricType.NUMBER and bool(unit) and (unit in _COUNTS or unit in _SAME[-1] or unit in _PEOPLE)


def _norm(unit: str) -> str:
    text = unicodedata.normalize("NFKC", unit).casefold().replace(" ", "")
    return text.replace("μ", "u").replace("µ", "u").replace("³", "3")


_PER = re.compile(r"^(?P<top>[^/每]+)(?:/每?|每)(?P<per>[^/每]+)$")
"""A ratio unit, 立方米/万元, 立方米每万元 or 立方米/每万元: what is counted per what."""
_OUTPUT = re.compile(r"(?<=元)(?:gdp|地区生产总值|国内生产总值|生产总值)$")
"""What a ratio per 万元 may name after the money (吨标准煤/万元GDP, 立方米/万元地区生产总值): the 万元 are of GDP,
which the metric's name already says (单位GDP能耗, 万元GDP用水量), so the unit is the same."""


def _per(part: str) -> str:
    return _OUTPUT.sub("", part)


def _spelt_alike(mine: str, theirs: str) -> bool:
    return mine == theirs or any(mine in same and theirs in same for same in _SAME)


def _agree(mine: str, theirs: str, name: str = "") -> bool:
    """Whether two units (as `_norm` leaves them) are one: spelt alike whole, or ratios whose parts are (m³/万元
    and 方/万元 for 立方米/万元, tce/万元 for 吨标准煤/万元; 万元GDP for 万元, as bulletins head the column). A ratio
    per 万元 is also its top alone after a name that itself says per 万元: the plan's 万元GDP用水量不超过19立方米."""
    if _spelt_alike(mine, theirs):
        return True
    ours, other = _PER.match(mine), _PER.match(theirs)
    if ours and other:
        return _spelt_alike(ours["top"], other["top"]) and _spelt_alike(_per(ours["per"]), _per(other["per"]))
    per_name = ours is not None and bool(ours["per"]) and _norm(name).startswith(ours["per"])
    return per_name and ours is not None and _spelt_alike(ours["top"], theirs)


_UNITISH = re.compile(r"[0-9%‰％吨万千百亿米克升元个人次户件座条项处家村位种类起方里斤亩顷台根辆a-zA-Zμµ]")
"""A bracket holding none of these is a note (（含在建）), not a unit."""


def unit_agrees(written: str, metric: Metric) -> bool:
    """Whether a unit written after the metric's name is the catalogue's. Only numbers carry a scale: for a
    yes/no or a level, whatever stands in the brackets cannot change how a value is read; nor can a note."""
    if metric.type not in (MetricType.NUMBER, MetricType.PERCENT):
        return True
    if not _UNITISH.search(written):
        return True  # not a unit: whether it is a note that changes nothing is `bracket_problem`'s question
    if not metric.unit:
        return False  # an index with no unit (EQI): （μg/m³）, （个）, （%） name a figure of something else
    mine, theirs = _norm(metric.unit), _norm(written)
    if (mine in _COUNTS and theirs in _COUNTS) or (mine in _PEOPLE and theirs in _PEOPLE):
        return True
    return _agree(mine, theirs, metric.name_zh) or (metric.type == MetricType.PERCENT and theirs in _SAME[0])


_SCALES: dict[str, tuple[str, float]] = {
    **dict.fromkeys(("km", "公里", "千米"), ("length", 1000.0)),
    **dict.fromkeys(("m", "米"), ("length", 1.0)),
    **dict.fromkeys(("cm", "厘米"), ("length", 0.01)),
    **dict.fromkeys(("万吨",), ("mass", 1e7)),
    **dict.fromkeys(("吨", "t"), ("mass", 1000.0)),
    **dict.fromkeys(("千克", "kg", "公斤"), ("mass", 1.0)),
    **dict.fromkeys(("克", "g"), ("mass", 0.001)),
    **dict.fromkeys(("mg/m3", "毫克/立方米", "毫克每立方米"), ("air", 1000.0)),
    **dict.fromkeys(("ug/m3", "微克/立方米", "微克每立方米"), ("air", 1.0)),
    **dict.fromkeys(("g/l", "克/升"), ("water", 1000.0)),
    **dict.fromkeys(("mg/l", "毫克/升"), ("water", 1.0)),
    **dict.fromkeys(("ug/l", "微克/升"), ("water", 0.001)),
    **dict.fromkeys(("万立方米", "万m3", "万方"), ("volume", 1e4)),
    **dict.fromkeys(("立方米", "m3", "方"), ("volume", 1.0)),
}
"""Units a figure is often written in by slip, by what they measure and their size in its smallest common one (m, kg,
μg/m³, mg/L, m³): `scale` converts between two of one kind."""


def scale(written: str, unit: str) -> float | None:
    """What a figure in `written` is multiplied by to be in `unit` (0.001 from m to km, 1000 from mg/m³ to μg/m³);
    None when either is not in `_SCALES`, they measure different things, or they are one unit."""
    theirs, mine = _SCALES.get(_norm(written)), _SCALES.get(_norm(unit))
    if theirs is None or mine is None or theirs[0] != mine[0] or theirs[1] == mine[1]:
        return None
    return theirs[1] / mine[1]


def same_unit(written: str, unit: str, name: str = "") -> bool:
    """Whether `written` after a number is a spelling of `unit` (微克/立方米, ug/m3 or μg/m3 for μg/m³; 方/万元 or
    立方米 for 万元GDP用水量's 立方米/万元, `name` being the metric's)."""
    mine = _norm(unit)
    return bool(mine) and _agree(mine, _norm(written), name)


_NOT_NOW = re.compile(
    "上年|去年|前年|上一年|同期|目标|计划|规划|预计|预期|预测|估算|估计|预估|拟|力争|争取|在建|待建|新增|增长|增幅|同比|环比"
    "|考核值|考核目标|限值|标准值|指标值|应达|要求值|年度任务|设计|申报|基期|基准|十四五|十五五|完成后"
    "|达标值|期望值|考核要求|指标要求|考核标准|约束性指标|控制指标|基数"
)
"""Notes saying a column or key does not hold the site's own figure now: last year's, a target or plan, an estimate,
works not finished, a change, a limit."""
_DATED = re.compile(r"\d{2,4}年|\d{4}|\d{1,2}月|[〇零一二三四五六七八九]{2,4}年|年底|年末|截至|截止|上半年|下半年|季度")


def says_not_now(text: str) -> bool:
    """Whether a heading or note says the figures under it are not the observed ones now (目标值, 上年, 计划, 预计)."""
    return bool(_NOT_NOW.search(text))


def says_when_or_what(text: str) -> bool:
    """Whether a heading or note says the figures under it are of a time (2024年实际, 二〇二四年, 截至…) or are not
    the observed ones (目标值, 上年, 计划): never to be dropped."""
    return bool(_NOT_NOW.search(text) or _DATED.search(text))


_HARMLESS = frozenset(
    {
        "是/否",
        "是或否",
        "是否",
        "有/无",
        "y/n",
        "√/×",
        "√或×",
        "数字",
        "数值",
        "整数",
        "必填",
        "选填",
        "实际",
        "实际值",
        "实测",
        "实测值",
        "实际完成值",
        "完成值",
    }
    | {"现状", "现状值", "当年", "本年", "本年度", "本期", "当前"}
)
"""Notes that change nothing of what a figure is (是/否, 必填): any other note may (设计, 约, 指标值), so it is
refused."""
_PARTS = re.compile(r"[，,、;；]+")
_UNIT_WORD = re.compile(r"^\s*单位\s*[:：]\s*")
"""（单位：%）: the unit after its label."""
_LEVEL_UNITS = frozenset("类级")
"""What a class or level may be followed by (水质类别（类）)."""


def _harmless(part: str) -> bool:
    text = _norm(part).replace("／", "/")
    for prefix in ("请填写", "请填", "填写", "填"):
        text = text.removeprefix(prefix)
    return text in _HARMLESS or _ROUNDING.match(text) is not None


_NO_UNIT = frozenset({"无量纲", "无单位", "指数", "量纲一", "量纲为一"})
"""What a header writes after an index to say it has no unit (空气质量综合指数（无量纲）): the unit of a metric
without one (生态质量指数（EQI）), and no unit of any other."""
_ROUNDING = re.compile(r"^(?:保留|精确到)(?:\d|[一二两三四])位小数$|^(?:取整|保留整数)$")
"""A template's rounding instruction (保留1位小数): how to write a figure, not what it is."""


_COMPARABLE_PRICES = re.compile(r"^按?(?:\d{4}年)?(?:可比|不变)?价格?(?:计算|计)?$")
"""A per-GDP ratio's price basis as bulletins write it (2020年价, 可比价, 按2020年不变价计算): what such a ratio is
(单位GDP能耗 is defined at comparable prices), not a date or a target."""
_CURRENT_PRICES = re.compile(r"^按?(?:现价|当年价格?)(?:计算|计)?$")


def price_base(written: str) -> str:
    """The base year a comparable-price note in a header's brackets names (2020 for 吨标准煤/万元，2020年价, 按2020年
    不变价计算), '' for none (可比价, or no such note): columns of one ratio at two bases are not one series."""
    for part in _PARTS.split(written):
        if _COMPARABLE_PRICES.match(_norm(part)) and (year := re.search(r"\d{4}", part)):
            return year.group(0)
    return ""


def _price_basis(written: str, metric: Metric) -> tuple[str, str]:
    """The brackets without the comparable-price note of a per-万元 ratio, and the problem of a current-price one."""
    if "万元" not in (metric.unit or ""):
        return written, ""
    parts = [part for part in _PARTS.split(written) if part.strip()]
    if any(_CURRENT_PRICES.match(_norm(part)) for part in parts):
        return written, (
            f"（{written}） gives {metric.name_zh} at current prices: the plans' figures are at comparable prices"
            f" (按可比价计算); give the comparable-price figure / 括号“{written}”为现价口径，方案的数值按可比价计算，"
            "请填写可比价数值"
        )
    kept = [part for part in parts if not _COMPARABLE_PRICES.match(_norm(part))]
    return "，".join(kept), ""


def bracket_problem(written: str, metric: Metric) -> str:
    """What is wrong with what brackets after a metric's name hold (not a period, read before): a note that the
    figure is not the site's own now, a date, a unit not the metric's, or a note this tool does not know; empty
    when they hold the metric's unit or a note that changes nothing (是/否, 必填, a per-GDP ratio's 可比价), or both
    (%，必填)."""
    written, priced = _price_basis(written, metric)
    if priced or not written:
        return priced
    if _NOT_NOW.search(written):
        return (
            f"（{written}） says the figures are not {metric.name_zh} as observed now (last year's, a target, a"
            " plan, an estimate, or works not finished): give the observed figure, another year's by period (a series,"
            f" or a column {metric.name_zh}[{year_named(written) or '年份'}]) / 括号“{written}”说明不是当前实际值，"
            "请填写实际值，其他年份按时期填写"
        )
    if _DATED.search(written):
        return (
            f"（{written}） holds a date: give the figure by period (a series, or a column"
            f" {metric.name_zh}[{year_named(written) or '年份'}]) or"
            f" with observed_on / 括号“{written}”是日期，请按时期填写或写明观测日期"
        )
    rest = [_UNIT_WORD.sub("", part) for part in _PARTS.split(written) if part.strip() and not _harmless(part)]
    numeric = metric.type in (MetricType.NUMBER, MetricType.PERCENT)
    if numeric and not metric.unit:
        rest = [part for part in rest if _norm(part) not in _NO_UNIT]  # 生态质量指数（EQI）（无量纲）: as the catalogue
    if not rest:
        return ""
    if len(rest) == 1 and numeric and _norm(rest[0]) in _NO_UNIT:
        return (
            f"（{written}） says {metric.name_zh} has no unit, but its unit is {metric.unit}: write the header as"
            f" {metric.name_zh}({metric.unit}) over figures in {metric.unit} / 括号“{written}”表示无单位，但"
            f"{metric.name_zh}的单位是{metric.unit}，请写作{metric.name_zh}（{metric.unit}）"
        )
    if len(rest) == 1 and numeric and _UNITISH.search(rest[0]):
        return "" if unit_agrees(rest[0], metric) else unit_problem(rest[0], metric)
    if len(rest) == 1 and not numeric and _norm(rest[0]) in _LEVEL_UNITS:
        return ""
    return (
        f"（{written}） is neither {metric.name_zh}'s unit ({metric.unit or 'none'}) nor a note that changes nothing"
        f" (是/否, 必填): it may say the figures are not {metric.name_zh} as observed now (a target, a design, an"
        f" estimate); write the header as {metric.name_zh}{f'({metric.unit})' if metric.unit else ''} over observed"
        f" figures / 括号“{written}”无法确认是当前实际值，请去掉括号内的说明或换成单位"
    )


def unit_problem(written: str, metric: Metric) -> str:
    """What to say of a header or a key whose unit is not the metric's."""
    if not metric.unit:
        return (
            f"the unit {written!r} is not the unit of {metric.name_zh} (none: it is an index without a unit); give"
            f" {metric.name_zh} itself and write {metric.name_zh} with no unit / 单位“{written}”不是指标单位"
            f"（{metric.name_zh}无单位），请填写该指数本身，表头不加单位"
        )
    return (
        f"the unit {written!r} is not the unit of {metric.name_zh} ({metric.unit}); convert the values to"
        f" {metric.unit} and write {metric.name_zh}({metric.unit}) / 单位“{written}”与指标单位“{metric.unit}”不同，"
        f"请换算为{metric.unit}"
    )
