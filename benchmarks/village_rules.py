"""The village rules the generated villages exercise, written out by hand for the side-by-side contenders.

These are the 晋安 requirements `compliance batch` decides for a village from the columns
`batch_villages.py` writes (the 18 qualitative ones are needs_review for every village and are only
counted, so they change no verdict). A contender that gets one of these wrong disagrees with the tool
on some village's verdict, and `side_by_side.py` says so.
"""

from __future__ import annotations

from dataclasses import dataclass

AS_OF = "2026-06-30"
FIRST_YEAR, BASE_YEAR, LATEST_YEAR = 2020, 2024, 2025
"""The generated series run from FIRST_YEAR; JA-15-3 counts from BASE_YEAR, the year the plan was written."""
WASTE = "生活垃圾产生量(吨)[{year}]"


@dataclass(frozen=True)
class Rule:
    requirement: str
    column: str
    target: float
    due: str | None
    """The deadline; a target without one is in force now unless it is gradual (逐步)."""
    gradual: bool = False
    title_zh: str = ""
    title_en: str = ""

    @property
    def missed(self) -> str:
        """The status of a village that misses the target as of AS_OF: fail once due, else at_risk."""
        due_now = self.due <= AS_OF if self.due else not self.gradual
        return "fail" if due_now else "at_risk"


THRESHOLDS = [
    Rule(
        "JA-14-7",
        "农村生活污水治理率(%)",
        75.0,
        "2025-12-31",
        False,
        "农村生活污水治理率（2025年）",
        "Rural sewage treatment rate (2025)",
    ),
    Rule(
        "JA-14-9",
        "农村生活污水治理率(%)",
        80.0,
        "2027-12-31",
        False,
        "农村生活污水治理率（2027年）",
        "Rural sewage treatment rate (2027)",
    ),
    Rule(
        "JA-14-10",
        "农村生活污水治理率(%)",
        100.0,
        None,
        True,
        "逐步实现农村生活污水治理全覆盖",
        "Full coverage of rural sewage treatment",
    ),
    Rule(
        "JA-14-20",
        "农村自来水普及率(%)",
        99.9,
        "2025-12-31",
        False,
        "农村自来水普及率（2025年）",
        "Rural tap water coverage (2025)",
    ),
    Rule(
        "JA-15-7",
        "农村生活垃圾收运处置体系覆盖的自然村比例(%)",
        100.0,
        "2025-12-31",
        False,
        "生活垃圾收运处置体系覆盖自然村（2025年）",
        "Waste collection covers all natural villages (2025)",
    ),
    Rule(
        "JA-15-12",
        "农村生活垃圾无害化处理率(%)",
        90.0,  # 基本: 90% or more (the national measure of 基本消除黑臭水体)
        "2025-12-31",
        False,
        "农村生活垃圾基本实现无害化处理（2025年）",
        "Rural waste basically all treated harmlessly (2025)",
    ),
]
"""`value >= target`, one percent column each (all binding or 基本, so all bear on the verdict)."""
REDUCTION = Rule("JA-15-3", WASTE, 0.0, None, False, "推进生活垃圾减量化", "Reduce domestic waste")
"""Domestic waste in the latest year below BASE_YEAR's (a change from 2024 < 0): blank years between do not
matter (the plan does not say 逐年); a blank BASE_YEAR, or a blank latest year (the figure now is unknown, and an
earlier year does not stand in for it), is missing data."""
LATER_YEARS = [WASTE.format(year=year) for year in range(LATEST_YEAR, BASE_YEAR, -1)]
"""The columns after the base year, latest first."""
LATEST = LATER_YEARS[0]
"""The latest year's column: the figure JA-15-3 compares with BASE_YEAR's."""


def verdict(statuses: list[str]) -> str:
    """The site verdict from its bearing findings (README, *Statuses, verdict and exit codes*)."""
    if "fail" in statuses:
        return "non_compliant"
    if "insufficient_data" in statuses:
        return "incomplete"
    return "compliant"
