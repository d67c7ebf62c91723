"""A district's figures for a dated target past due, of the target's year: 到2025年…堤防达标率达76%以上 read on
2027-03-01 over river sections with [2025] and [2026] columns is decided on the 2025 figure made of each section's
2025 figure, as `check` reads a district's own series (`assess.deadline`), so a 2025 miss stays a miss whatever 2026
shows. A member given by period without a figure of that year is a member missing its figure, as `check` reads the
member itself (no later year stands in for the target's), and the reason says how many lacked it; where no member
gives the target's year at all, the figure is missing data all the same. The figures are counted as rows stream past
(`FigureCounts.dues`, `batch.planend.figure_deadlines`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from compliance.assess.deadline import read_at
from compliance.batch.districttexts import aggregate_of
from compliance.batch.tally import Figure, Tally
from compliance.model.checks import metrics_of
from compliance.model.plan import Requirement, RulePack


@dataclass(frozen=True)
class DistrictRead:
    """A district's figures as counted, the rows of no known district each misses (`Tally.unplaced`), and the
    period of each member metric given by period; at a deadline, its year and per figure the members given by
    period without a figure of that year (missing)."""

    figures: dict[str, Figure]
    unplaced: int
    periods: Mapping[str, str] | None
    year: int = 0
    later: dict[str, int] = field(default_factory=dict)


def by_deadline(
    pack: RulePack, tally: Tally, district: str, scoped: list[Requirement], as_of: dt.date
) -> dict[dt.date | None, list[Requirement]]:
    """`scoped` by the deadline their figures are read at: a dated target past due (`assess.deadline.read_at`) on
    the figures of its year where its members were counted at it (given by period), the rest (None) on the latest
    figures."""
    groups: dict[dt.date | None, list[Requirement]] = {}
    for requirement in scoped:
        due = read_at(requirement, as_of, pack.catalogue)
        held = tally.deadlines.get(due.isoformat()) if due is not None else None
        if held is None or not any(
            figure.denominator or held.stand_ins[(district, aggregate_of(pack, metric_id).of)]
            for metric_id in metrics_of(requirement.check)
            if (figure := held.figures.get(district, {}).get(metric_id)) is not None
        ):
            due = None
        groups.setdefault(due, []).append(requirement)
    return groups


def deadline_read(
    pack: RulePack, tally: Tally, district: str, read: tuple[dt.date, int], periods: Mapping[str, str] | None
) -> DistrictRead:
    """A district's figures of the year of a deadline (`read`: it and the rows of no known district)."""
    due, unplaced = read
    held = tally.deadlines[due.isoformat()]
    figures = held.figures[district]
    later = {m: held.stand_ins[(district, aggregate_of(pack, m).of)] for m in figures}
    return DistrictRead(figures, unplaced, periods, due.year, later)


def stood_in(reasons: tuple[str, str], read: DistrictRead, metric_id: str, kind_zh: str) -> tuple[str, str]:
    """A reason over the figures of a deadline's year saying how many members gave no figure of it: they are
    missing, no later year standing in (as `check` reads each of them)."""
    later, year = read.later.get(metric_id, 0), read.year
    if not later:
        return reasons
    zh, en = reasons
    said_zh, said_en = (
        f"其中{later}个未填{year}年数值，按缺少数据计，之后年份的数值不代替",
        f"{later} of them without a {year} figure, counted as missing: a later year's does not stand in",
    )
    if "计算）" in zh and "in this batch)" in en:  # after 由本批2个河段（断面）计算 / computed from 2 member sites …
        return zh.replace("计算）", f"计算，{said_zh}）", 1), en.replace(
            "in this batch)", f"in this batch; {said_en})", 1
        )
    return f"{zh}（{kind_zh}{said_zh}）", f"{en} (members: {said_en})"
