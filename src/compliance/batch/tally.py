"""Counts a batch keeps while rows stream past: small, mergeable, and independent of the number of rows.

Workers fill one Tally per chunk; the main process merges them in input order.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from compliance.model.facts import Notice
from compliance.model.periods import period_start
from compliance.model.result import Status

STATUSES = [status.value for status in Status]
WARNINGS_LISTED = 500
"""Different warnings a batch lists with their row counts; rows warned of anything further are only counted, so that a
table with a repeat on every row (名字 given twice in a township, no codes) keeps its summary and memory small."""


@dataclass
class Figure:
    """A district figure's running parts: members meeting the test (for a mean, the sum of value × base over the
    members stating both), members with the fact, and members without it; for a mean also the lowest and highest
    member value, the sum of the bases, and the members stating a value but not its base (`unweighted`)."""

    numerator: float = 0.0
    denominator: int = 0
    missing: int = 0
    lowest: float = math.inf
    highest: float = -math.inf
    weight: float = 0.0
    unweighted: int = 0
    unstated: int = 0
    """Of `missing`, the members not stating the membership fact (`among`): whether they belong is unknown."""
    undeclared: int = 0
    """Of `missing`, the members not stating the `exempt` fact: whether they are exempt is unknown."""
    unsaid_within: int = 0
    """Of `missing`, the members not stating the `within` fact (是否为考核断面): whether they count is unknown."""
    excluded: int = 0
    """Rows stating an `exempt` level (a station classified 退出): no members, though the plan's count holds them."""
    lacking_weight: float = 0.0
    """For a mean: the sum of the bases of the members stating their base but not their rate."""
    lacking_unweighted: int = 0
    """For a mean: the members stating neither their rate nor their base."""
    absent: int = 0
    """Of `missing`, the members the plan counts (九家水电站) that are not in the batch."""
    unplaced: int = 0
    """Of `missing`, rows whose district cannot be known, counted missing in every district."""
    unread: int = 0
    """Of `missing`, rejected rows of the district counted as members: their cells were not read."""
    maybe_met: int = 0
    """Sites leaving the membership fact (`among`) blank whose counted fact meets the test: counted or no member,
    never in `missing` (`figures._keeps_unsure`)."""
    maybe_short: int = 0
    """Likewise, those whose counted fact falls short: a member short of the test, or no member."""
    other_kinds: Counter[str] = field(default_factory=Counter)
    """Of `unread`, those whose kind cell names another kind (社区 in a village batch) -> rows."""

    def merge(self, other: Figure) -> None:
        self.numerator += other.numerator
        self.denominator += other.denominator
        self.missing += other.missing
        self.lowest = min(self.lowest, other.lowest)
        self.highest = max(self.highest, other.highest)
        self.weight += other.weight
        self.unweighted += other.unweighted
        self.unstated += other.unstated
        self.excluded += other.excluded
        self.undeclared += other.undeclared
        self.unsaid_within += other.unsaid_within
        self.lacking_weight += other.lacking_weight
        self.lacking_unweighted += other.lacking_unweighted
        self.unread += other.unread
        self.maybe_met += other.maybe_met
        self.maybe_short += other.maybe_short
        self.other_kinds.update(other.other_kinds)


@dataclass
class Tally:
    rows: int = 0
    assessed: int = 0
    rejected: int = 0
    blank_rows: int = 0
    """Rows empty after trimming: skipped, not counted in `rows`."""
    verdicts: Counter[str] = field(default_factory=Counter)
    statuses: dict[str, Counter[str]] = field(default_factory=dict)
    """Requirement id -> status -> sites."""
    townships: dict[tuple[str, str], Counter[str]] = field(default_factory=dict)
    """(district, township) -> verdict (or `rejected`) -> sites."""
    covering: Counter[tuple[str, str]] = field(default_factory=Counter)
    """(district, township) -> the rows standing for its sites: assessed, or rejected as a site missing its figures
    (a `member`); a row rejected as no site (a 小计 or 合计 line) is not one (see `batch.wholedistrict`)."""
    figures: dict[str, dict[str, Figure]] = field(default_factory=dict)
    """District -> figure metric id -> running parts."""
    district_codes: dict[str, str] = field(default_factory=dict)
    """District -> the first 6-digit administrative code seen for it (to choose its plan)."""
    place_codes: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)
    """(district, township) names -> their codes from the division table ('' where it does not know them)."""
    warnings: Counter[str] = field(default_factory=Counter)
    """What resolving places noticed (a township code the table does not list …) -> rows; at most `WARNINGS_LISTED`
    different ones (`warn`)."""
    unlisted: int = 0
    """Warnings given after `WARNINGS_LISTED` different ones were listed: counted, not kept."""
    noticed: dict[str, tuple[int, str]] = field(default_factory=dict)
    """What `check` says of a document's facts besides reading them (a value observed after --as-of, a running
    year set aside: `assess.asof`) -> the documents saying so and the first of them."""
    unplaced: int = 0
    """Rows rejected for their place whose district cannot be read either: members of some district, not known
    which, so every district figure counts them as missing."""
    member_periods: dict[str, str] = field(default_factory=dict)
    """Member metric -> the oldest period a document's dated figure of it was of (a series' latest, or an
    observed_on date): a district figure over such members is no newer than that (see `batch.districts`)."""
    deadlines: dict[str, Tally] = field(default_factory=dict)
    """Deadline (2025-12-31) -> the figures of the target's year, for a dated target past due (`batch.planend`)."""
    stand_ins: Counter[tuple[str, str]] = field(default_factory=Counter)
    """In a deadline's tally: (district, member metric) -> members without a figure of the target's year whose
    latest stood in (`FigureCounts.count_at_due`)."""

    def warn(self, text: str, rows: int = 1) -> None:
        """Count `rows` rows warned of `text` (listed while fewer than `WARNINGS_LISTED` different warnings are)."""
        if text in self.warnings or len(self.warnings) < WARNINGS_LISTED:
            self.warnings[text] += rows
        else:
            self.unlisted += rows

    def listed_warnings(self) -> list[str]:
        """The warnings as summary.json notes them, each with its rows, and how many rows were warned of more."""
        listed = [f"{rows} 行 rows: {warning}" for warning, rows in sorted(self.warnings.items())]
        if self.unlisted:
            listed.append(
                f"另有 {self.unlisted} 行的提醒未列出（只列前 {WARNINGS_LISTED} 种）/ {self.unlisted} more rows had"
                f" warnings not listed here (only the first {WARNINGS_LISTED} different warnings are)"
            )
        return listed

    def dated(self, metric: str, period: str) -> None:
        """Keep `period` for `metric` if it is older than the one kept."""
        kept = self.member_periods.get(metric)
        if kept is None or period_start(period) < period_start(kept):
            self.member_periods[metric] = period

    def notice(self, where: str, read: list[Notice], said: list[Notice]) -> None:
        """Count a document's notices: those of reading its facts (`read`) as before, the others of its assessment
        (`said`, what `check` prints of it) with the first document saying each, so that none is lost."""
        for notice in read:
            self.warn(notice.text_en)
        for notice in said:
            if notice not in read:
                key = notice.text_zh if notice.text_zh == notice.text_en else f"{notice.text_zh} / {notice.text_en}"
                count, first = self.noticed.get(key, (0, where))
                self.noticed[key] = (count + 1, first)

    def notices(self) -> list[str]:
        """The warnings saying what `noticed` holds, each with how many documents said it and the first."""
        return [
            f"{text}（{count} 个记录，首见 {first} / {count} records, first {first}）"
            for text, (count, first) in self.noticed.items()
        ]

    def count_statuses(self, statuses: dict[str, str], sites: int = 1) -> None:
        for requirement, status in statuses.items():
            counter = self.statuses.get(requirement)
            if counter is None:
                counter = self.statuses[requirement] = Counter()
            counter[status] += sites

    def merge(self, other: Tally) -> None:
        self.rows += other.rows
        self.assessed += other.assessed
        self.rejected += other.rejected
        self.blank_rows += other.blank_rows
        self.verdicts.update(other.verdicts)
        for requirement, counter in other.statuses.items():
            self.statuses.setdefault(requirement, Counter()).update(counter)
        for place, counter in other.townships.items():
            self.townships.setdefault(place, Counter()).update(counter)
        self.covering.update(other.covering)
        for district, figures in other.figures.items():
            mine = self.figures.setdefault(district, {})
            for metric, figure in figures.items():
                mine.setdefault(metric, Figure()).merge(figure)
        for district, code in other.district_codes.items():
            self.district_codes.setdefault(district, code)
        for place, codes in other.place_codes.items():
            self.place_codes.setdefault(place, codes)
        for metric, period in other.member_periods.items():
            self.dated(metric, period)
        for text, rows in other.warnings.items():
            self.warn(text, rows)
        self.unlisted += other.unlisted
        for key, (count, first) in other.noticed.items():
            held = self.noticed.get(key)
            self.noticed[key] = (count, first) if held is None else (held[0] + count, held[1])
        self.unplaced += other.unplaced
        self.stand_ins.update(other.stand_ins)
        for due, at_due in other.deadlines.items():
            self.deadlines.setdefault(due, Tally()).merge(at_due)
