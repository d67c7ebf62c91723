"""A figure the plan asks of the whole district (整区建成美丽乡村: every village of it, 100%) never passes on a batch
that plainly does not hold the whole district: one with no row in some 镇 or 乡 the division table lists for it; nor
does a count of the district's members (“一村一品”专业村数量 ≥ 2) fail on such a batch: the whole district has at
least as many as the part, so the part can show ≥ 2 met but never missed.

Every 镇 and 乡 has its 行政村, so a batch without a row in one of them is plainly a part of the district (a spot check
of 莲花镇 run as a batch); a figure over the part may fail (one village not built: the whole is not built either),
but it cannot pass for the whole. A 街道 (or a farm) may hold no 行政村 at all, so its having no row proves nothing
and does not hold the figure back.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from compliance.batch.districttexts import aggregate_of
from compliance.batch.tally import Tally
from compliance.model.division import DivisionTable
from compliance.model.metric import AggregateRule
from compliance.model.plan import Comparison, RulePack
from compliance.model.result import Status

if TYPE_CHECKING:
    from compliance.batch.districts import DistrictRow

RURAL = range(100, 300)
"""The 乡级 codes of towns (镇, 1xx) and townships (乡, 2xx); streets are 0xx, farms and zones 4xx."""


def townships_without_rows(table: DivisionTable | None, tally: Tally, district: str) -> list[str]:
    """The 镇 and 乡 the division table lists for `district` in which the batch has no row standing for a site: none
    assessed, none rejected as a site missing its figures (a totals row, 洪塘镇小计 or 合计, is no village of the
    town, even if it says 是); empty when the table does not list the district."""
    listed = [
        township
        for city in (table.cities if table is not None else [])
        for known in city.districts
        if known.name == district
        for township in known.townships
    ]
    seen = {name for (where, name), rows in tally.covering.items() if where == district and rows > 0}
    return [t.name for t in listed if int(t.code[6:]) in RURAL and t.name not in seen]


def held_back(pack: RulePack, tally: Tally, rows: list[DistrictRow], kind_zh: str) -> list[DistrictRow]:
    """The `rows` with each pass of a figure of the whole district (`Aggregate.whole`) turned to insufficient_data
    where the batch has no row in some 镇 or 乡 of that district, naming them."""
    return [_held(row, _absent(pack, tally, row), kind_zh) for row in rows]


def _absent(pack: RulePack, tally: Tally, row: DistrictRow) -> list[str]:
    aggregate = aggregate_of(pack, row.metric)
    if not (row.status == Status.PASS.value and aggregate.whole) and not _unproven_count(pack, row, aggregate.rule):
        return []
    return townships_without_rows(pack.divisions, tally, row.district)


def _unproven_count(pack: RulePack, row: DistrictRow, rule: AggregateRule) -> bool:
    """Whether the row decides a count of the district's members (“一村一品”专业村数量 ≥ 2) the way a count over part of
    the district cannot: it is only a lower bound of the whole district's, so it can show an at-least target met (or
    an at-most one missed) but never the other way."""
    if rule != AggregateRule.COUNT:
        return False
    check = next((r.check for r in pack.requirements if r.id == row.requirement), None)
    if not isinstance(check, Comparison):
        return False
    failing = (Status.FAIL.value, Status.AT_RISK.value)
    return (check.op in (">=", ">") and row.status in failing) or (check.op in ("<=", "<") and row.status == "pass")


def _held(row: DistrictRow, absent: list[str], kind_zh: str) -> DistrictRow:
    if not absent:
        return row
    listed = "、".join(absent)
    verb_zh, verb_en = ("通过", "pass") if row.status == Status.PASS.value else ("不达标", "fail")
    zh = (
        f"本批没有{listed}的{kind_zh}（共{len(absent)}个镇、乡无任何一行），不是全区的{kind_zh}：本条要求全区（整区），"
        f"由本批算出的数字不能判定为{verb_zh}；请补齐这些镇、乡的{kind_zh}后再算。"
    )
    en = (
        f"the batch has no {kind_zh} row in {listed} ({len(absent)} towns or townships without a row), so it is not the"
        f" whole district: the requirement is of the whole district (整区), and a figure over this batch cannot"
        f" {verb_en} it; add those towns' villages and run it again."
    )
    return replace(
        row,
        status=Status.INSUFFICIENT_DATA.value,
        reason_zh=f"{zh}（仅就本批：{row.reason_zh}）",
        reason_en=f"{en} (for this batch alone: {row.reason_en})",
    )
