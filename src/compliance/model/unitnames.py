"""Units as a reader of each language reads them: a count's English word, a Chinese unit's English name, a rank."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from compliance.model.metric import Metric

RANK = "位次"
"""The unit of a rank (森林覆盖率在六城区中的位次: 1 is first): a whole number, shown 第1位 / rank 1, never a count."""
_THINGS = ("unit", "units")
_UNITS_EN: dict[str, tuple[str, str]] = {
    **dict.fromkeys("个项处座家所宗件台根辆艘只条", _THINGS),
    "次": ("time", "times"),
    "起": ("case", "cases"),
    "种": ("species", "species"),
    "类": ("category", "categories"),
    "村": ("village", "villages"),
    **dict.fromkeys("人位名", ("person", "people")),
    "户": ("household", "households"),
}
"""English words for the Chinese measure words counts are kept in (个 is a counted thing's word, not English)."""
_MEASURES_EN = {
    "吨": "t",
    "千克": "kg",
    "公里": "km",
    "万立方米": "10,000 m³",
    "立方米/万元": "m³ per 10,000 yuan",
    "吨标准煤/万元": "tce per 10,000 yuan",
    "吨二氧化碳/万元": "t CO2 per 10,000 yuan",
    "克/件": "g per item",
    RANK: "place",
}
"""English names of the catalogue's units written in Chinese (a rank's 位次 is shown as 第N位 / rank N)."""


def unit_shown(metric: Metric, lang: str, value: float | None = None) -> str:
    """The metric's unit as a reader of `lang` reads it: 个 in Chinese; in English a count's word (2 units, 1 time,
    3 species), plural unless `value` is one, and a unit written in Chinese by its English name (t CO2 per 10,000
    yuan); any other unit (%, μg/m³, km) as the catalogue writes it. A rank's difference is in places (位)."""
    if lang == "zh":
        return "位" if metric.unit == RANK else metric.unit
    words = _UNITS_EN.get(metric.unit)
    if words is None:
        english = _MEASURES_EN.get(metric.unit, metric.unit)
        return english + ("s" if metric.unit == RANK and value != 1 else "")
    return words[0] if value == 1 else words[1]
