"""Units written after a metric's name (`农村生活污水治理率(%)`, `生活垃圾产生量（吨）`): read as the name when the
unit is the catalogue's, refused when it is another (`（万吨）`, `（mg/m³）` for μg/m³), so a figure is never
read on the wrong scale."""

from __future__ import annotations

import re
import unicodedata

from compliance.model.metric import Metric, MetricType

UNIT_SUFFIX = re.compile(r"\s*[(（]([^()（）]*)[)）]\s*$")
"""A parenthesised tail of a name: a unit, as a spreadsheet header or a facts key writes it."""
PERIOD_WORD = re.compile(r"^\d{4}(?:-\d{2})?\s*(?:年度|年)?$")
"""Brackets holding a period, not a unit: 开展增殖放流（2024年）, （2024年度）."""

_COUNTS = frozenset("个次人起位种类家座处条村户项宗件")
"""Words that count things: one count's column may name another (专业村数量（个） or （村）)."""
_SAME = [
    {"%", "百分比", "百分数", "百分率"},
    {"吨", "t"},
    {"千克", "kg", "公斤"},
    {"km", "公里", "千米"},
    {"立方米", "m3", "方"},
    {"万立方米", "万m3", "万方"},
    {"mg/l", "毫克/升"},
    {"ug/m3", "微克/立方米", "微克每立方米"},
    {"mg/m3", "毫克/立方米", "毫克每立方米"},
    {"cm", "厘米"},
    {"mv", "毫伏"},
]
"""Spellings of one unit (compared as `_norm` leaves them)."""


def _norm(unit: str) -> str:
    text = unicodedata.normalize("NFKC", unit).casefold().replace(" ", "")
    return text.replace("μ", "u").replace("µ", "u").replace("³", "3")


_UNITISH = re.compile(r"[0-9%‰％吨万千百亿米克升元个人次户件座条项处家村位种类起方a-zA-Zμµ]")
"""A bracket holding none of these is a note (（含在建）), not a unit: it says nothing of the scale."""


def unit_agrees(written: str, metric: Metric) -> bool:
    """Whether a unit written after the metric's name is the catalogue's. Only numbers carry a scale: for a
    yes/no or a level, whatever stands in the brackets cannot change how a value is read; nor can a note."""
    if metric.type not in (MetricType.NUMBER, MetricType.PERCENT) or not metric.unit:
        return True
    if not _UNITISH.search(written):
        return True
    mine, theirs = _norm(metric.unit), _norm(written)
    if mine == theirs or (mine in _COUNTS and theirs in _COUNTS):
        return True
    return any(mine in same and theirs in same for same in _SAME) or (
        metric.type == MetricType.PERCENT and theirs in _SAME[0]
    )


def unit_problem(written: str, metric: Metric) -> str:
    """What to say of a header or a key whose unit is not the metric's."""
    return (
        f"the unit {written!r} is not the unit of {metric.name_zh} ({metric.unit}); convert the values to"
        f" {metric.unit} and write {metric.name_zh}({metric.unit}) / 单位“{written}”与指标单位“{metric.unit}”不同，"
        f"请换算为{metric.unit}"
    )
