"""The figures a metric can take at all (`Metric.plausible`): a value outside is on another scale than the metric's unit
(800 for a distance in km, written in metres; 0.019 for a concentration in μg/m³, written in mg/m³) and is refused,
never judged. A value inside, however bad (a PM2.5 of 80), is read as written."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator


class Slip(BaseModel):
    """The unit a figure outside the range was most likely written in, and what turns it into the metric's."""

    model_config = ConfigDict(extra="forbid")

    unit_en: str = Field(description="The unit as an English sentence names it (metres, mg/m³)")
    unit_zh: str = Field(description="The unit as a Chinese sentence names it (米, 毫克/立方米)")
    factor: float = Field(gt=0, description="A figure in that unit times this is in the metric's unit (0.001 m→km)")


class Plausible(BaseModel):
    """The range a metric's figure can take at all; the catalogue comment says why (physics, the district's size)."""

    model_config = ConfigDict(extra="forbid")

    min: float | None = Field(None, description="No figure of the metric is below it")
    max: float | None = Field(None, description="No figure of the metric is above it")
    what_en: str = Field(description="What the figure is, in English (a distance in km inside a district)")
    what_zh: str = Field(description="What the figure is, in Chinese (区内的距离)")
    below: Slip | None = Field(None, description="The unit a figure under `min` was likely written in")
    above: Slip | None = Field(None, description="The unit a figure over `max` was likely written in")

    @model_validator(mode="after")
    def _bounds(self) -> Plausible:
        if self.min is None and self.max is None:
            raise ValueError("a plausible range needs `min`, `max` or both")
        if self.min is not None and self.max is not None and self.min >= self.max:
            raise ValueError("`min` must be below `max`")
        if self.below is not None and self.min is None:
            raise ValueError("`below` needs `min` (the slip it names is of a figure under it)")
        if self.above is not None and self.max is None:
            raise ValueError("`above` needs `max` (the slip it names is of a figure over it)")
        return self

    def ranges(self, unit: str) -> tuple[str, str]:
        """The range in English and Chinese: 1–1000 μg/m³, at most 100 km / 不超过100 km."""
        low = "" if self.min is None else f"{self.min:g}"
        high = "" if self.max is None else f"{self.max:g}"
        if low and high:
            return f"{low}–{high} {unit}".strip(), f"{low}–{high} {unit}".strip()
        if high:
            return f"at most {high} {unit}".strip(), f"不超过{high} {unit}".strip()
        return f"at least {low} {unit}".strip(), f"不低于{low} {unit}".strip()

    def problem(self, value: float, shown: str, unit: str, slip: bool = True) -> tuple[str, str] | None:
        """The English and Chinese of the refusal of `value` (written `shown`) when it is outside, naming the range
        and, when the slip is known and the figure was written without the metric's unit (`slip`), the figure to
        write; None inside."""
        under = self.min is not None and value < self.min
        if not under and (self.max is None or value <= self.max):
            return None
        likely = (self.below if under else self.above) if slip else None
        en_range, zh_range = self.ranges(unit)
        en = f"{shown}{f' {unit}' if not slip else ''} is not {self.what_en} ({en_range})"
        zh = f"{shown}{f' {unit}' if unit else ''}不可能是{self.what_zh}（合理范围：{zh_range}）"
        if likely is None:
            return f"{en}; check the figure and its unit", f"{zh}，请核对数值及单位"
        converted = f"{round(value * likely.factor, 10):g}"
        written_zh = f"单位为{likely.unit_zh}，请换算为{unit}" if unit else f"写的是{likely.unit_zh}，请换算"
        return (
            f"{en}; if it is {'in' if unit else 'on'} {likely.unit_en} write {converted}",
            f"{zh}；若{written_zh}，写 {converted}",
        )
