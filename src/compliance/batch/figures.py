"""District figures computed from a batch's own sites (the plans' shares over villages, 无废乡村 ≥ 60% …):
each site adds its member value to its district's running parts as it is assessed, so no site is kept."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from compliance.batch.tally import Figure, Tally
from compliance.engine import derive
from compliance.load.values import read_value
from compliance.model.metric import Aggregate, AggregateRule, Metric
from compliance.model.plan import RulePack


@dataclass(frozen=True)
class FigureSpec:
    """A district figure computed from this batch's sites: `metric` over the member metric `of`."""

    metric: str
    aggregate: Aggregate
    of: Metric
    test: float | None
    accepted: tuple[float, ...] = ()
    """The engine numbers of the `among` metric that make a site a member (是, or the `among_levels`)."""
    exempting: tuple[float, ...] = ()
    """The engine numbers of the `exempt` metric that make a site no member (是, or the `exempt_levels`)."""


def figure_specs(pack: RulePack, kind: str) -> list[FigureSpec]:
    specs = []
    for metric in pack.catalogue.metrics:
        aggregate = metric.aggregate
        if aggregate is None or aggregate.over != kind:
            continue
        member = pack.catalogue.metric(aggregate.of)
        test = None
        if aggregate.value is not None:
            test = derive.numeric(read_value(aggregate.value, member), member)
        accepted = _accepted(pack, aggregate.among, aggregate.among_levels)
        exempting = _accepted(pack, aggregate.exempt, aggregate.exempt_levels)
        specs.append(FigureSpec(metric.id, aggregate, member, test, accepted, exempting))
    return specs


def _keeps_unsure(aggregate: Aggregate) -> bool:
    """Whether a site that leaves the membership fact (`among`) blank but states the counted fact keeps what it
    states: in or out of the members, it either meets the test as it says or is not counted, so a share or count of
    members by number takes both cases as its bounds (`Figure.maybe_met`). A mean or a share weighted by size reads
    it as a member missing its figure, which bounds those no narrower than they can be."""
    return aggregate.among is not None and aggregate.weight is None and aggregate.rule in _KEEPS


_KEEPS = (AggregateRule.SHARE, AggregateRule.COUNT)


_OPS = {">=": 0, ">": 1, "<=": 2, "<": 3, "==": 4, "!=": 5}
"""Each comparison as a number, so a row's test is a native comparison of two floats, not a call."""
MEAN = -1
"""In place of a comparison: the figure is a mean, its numerator the sum of the members' values."""


def _meets(op: int, value: float, test: float) -> bool:
    if op == 0:
        return value >= test
    if op == 1:
        return value > test
    if op == 2:
        return value <= test
    if op == 3:
        return value < test
    if op == 4:
        return value == test
    return value != test


STRIDE = 15
"""Parts kept per figure: numerator, denominator, missing, lowest, highest, weight, unweighted, unstated, excluded,
lacking_weight, lacking_unweighted, undeclared, maybe_met, maybe_short, unsaid_within (see `Figure`)."""


def _accepted(pack: RulePack, among: str | None, levels: list[str] | None) -> tuple[float, ...]:
    """The engine numbers of an `among` (or `exempt`) metric that pick a site: 是, or the levels."""
    if among is None:
        return ()
    metric = pack.catalogue.metric(among)
    if levels is None:
        return (1.0,)
    return tuple(float(metric.level_index(level) or 0) for level in levels)


class FigureCounts:
    """A chunk's district figures, counted row by row into plain lists of floats (STRIDE a figure: numerator,
    denominator, missing, and for a mean its lowest and highest member value, sum of bases and members without
    a base) and written into the tally's `Figure`s once, at the chunk's end (`finish`): a Figure's fields are
    attribute look-ups and stores the compiled code cannot shortcut, a dozen a row.

    The sums are made in the same order from the same 0.0 as adding to the Figures row by row, so the
    figures are the same to the last bit."""

    def __init__(self, specs: list[FigureSpec], tally: Tally, dues: Sequence[dt.date] = ()) -> None:
        self._tally = tally
        self.dues = [(due, FigureCounts(specs, tally.deadlines.setdefault(due.isoformat(), Tally()))) for due in dues]
        """Per deadline of a dated target past due (`batch.planend.figure_deadlines`), the figures of its year."""
        self._specs: list[
            tuple[str, int, float, str, tuple[float, ...], str, str, tuple[float, ...], str, bool, str]
        ] = [
            (
                spec.of.id,
                MEAN if spec.test is None else _OPS[spec.aggregate.op or "=="],
                0.0 if spec.test is None else spec.test,
                spec.aggregate.among or "",
                spec.accepted,
                spec.aggregate.weight or "",
                spec.aggregate.exempt or "",
                spec.exempting,
                spec.aggregate.exempt_once or "",
                _keeps_unsure(spec.aggregate),
                spec.aggregate.within or "",
            )
            for spec in specs
        ]
        self._metrics = [spec.metric for spec in specs]
        self._members = list(dict.fromkeys(spec.of.id for spec in specs))
        self._parts: dict[str, list[float]] = {}

    # Long: the per-row loop over a district's figures, run a million times in a large batch, keeps each member's
    # tests (membership, exemption, test met) inline: a call per figure per row is what the class exists to avoid.
    def count(self, site_fields: dict[str, str], numbers: dict[str, float], unread: str | None = None) -> None:
        """Add one site to its district's figures: a member meeting the test (or its value, for a mean), or
        missing; `unread`: a rejected row, missing every figure though its cells may hold them (its kind word when
        it names another kind)."""
        if not self._metrics:
            return
        district = site_fields["district"] or site_fields.get("admin_code", "")[:6]
        parts = self._parts.get(district)
        if parts is None:
            parts = self._district(district, site_fields)
        if unread is not None:
            for _, counts in self.dues:
                counts.count(site_fields, {}, unread)
            for figure in self._tally.figures[district].values():
                figure.missing += 1
                figure.unread += 1
                if unread:
                    figure.other_kinds[unread] += 1
            return
        at = 0
        for member, op, test, among, accepted, weight, exempt, exempting, once, keeps, within in self._specs:
            value = numbers.get(member)
            said = numbers.get(among) if among else None
            if among and said is not None and said not in accepted:  # only members stating 是 (or a level) count
                at += STRIDE
                continue
            inside = numbers.get(within) if within else 1.0
            if inside == 0.0:  # 是否为考核断面 否: no member
                at += STRIDE
                continue
            if exempt:  # a station classified 退出, a small-watershed section: no member, though the plan counts it
                exempted = numbers.get(exempt)
                if exempted in exempting and (not once or numbers.get(once) == 1.0):  # 退出, and exited
                    parts[at + 8] += 1.0
                    at += STRIDE
                    continue
                if exempted is None and (said is not None or not among):
                    value = None
                    parts[at + 11] += 1.0
                    inside = 1.0  # counted missing once, for the column it lacks first
            if inside is None:  # not saying it is one: a member missing its figure, as its own rule reads it
                value = None
                if said is not None or not among:
                    parts[at + 14] += 1.0
            if among and said is None and keeps and value is not None:  # in or out, it counts as it says
                parts[at + (12 if _meets(op, value, test) else 13)] += 1.0
                at += STRIDE
                continue
            if among and said is None:
                value = None
                parts[at + 7] += 1.0
            if value is None:
                parts[at + 2] += 1.0
                if weight:  # its value unknown, its weight maybe known: it bounds the figure
                    base = numbers.get(weight)
                    if base is None:
                        parts[at + 10] += 1.0
                    else:
                        parts[at + 9] += base
            else:
                parts[at + 1] += 1.0
                if op == MEAN:
                    self._mean(parts, at, value, numbers.get(weight) if weight else None)
                elif weight:  # a share of the members' size (建筑面积), not of their number
                    self._weighted(parts, at, _meets(op, value, test), numbers.get(weight))
                elif _meets(op, value, test):
                    parts[at] += 1.0
            at += STRIDE

    @property
    def tally(self) -> Tally:
        """The tally the counts go into (a deadline's, for those of `dues`)."""
        return self._tally

    def count_read(
        self, site_fields: dict[str, str], read: Callable[[dt.date | None], dict[str, float]], apart: set[str]
    ) -> None:
        """Add one row to its district's figures now (`read(None)`) and at each deadline (`read(due)`), leaving out
        the figures whose months answer apart (`apart`, `RowReader.straddled`)."""
        now = read(None)
        now = {m: n for m, n in now.items() if m not in apart} if apart else now
        self.count(site_fields, now)
        for due, counts in self.dues:
            at_due = read(due)
            counts.count_at_due(site_fields, now, {m: n for m, n in at_due.items() if m not in apart})

    def count_at_due(self, site_fields: dict[str, str], now: dict[str, float], at_due: dict[str, float]) -> None:
        """Add one member to the figures of a deadline's year: its values of that year (`at_due`); one that gives
        none is a member missing its figure, no later year standing in for it (as `check` reads the member itself,
        `assess.deadline`). Such members are counted per district and member fact (`Tally.stand_ins`), for the
        reason to say why they are missing."""
        lacking = [m for m in self._members if m in now and m not in at_due]
        if lacking:
            district = site_fields["district"] or site_fields.get("admin_code", "")[:6]
            self._tally.stand_ins.update((district, m) for m in lacking)
        self.count(site_fields, {**{m: n for m, n in now.items() if m not in self._members}, **at_due})

    @staticmethod
    def _weighted(parts: list[float], at: int, meets: bool, base: float | None) -> None:
        """A member of a share weighted by its size: its size into the whole, and into the share if it meets the
        test; without its size it is counted as such (`Figure.unweighted`), and the share is not known."""
        if base is None:
            parts[at + 6] += 1.0
            return
        parts[at + 5] += base
        if meets:
            parts[at] += base

    @staticmethod
    def _mean(parts: list[float], at: int, value: float, base: float | None) -> None:
        """A member's rate into a mean's parts: its range, and weighted by its base when it states one."""
        if value < parts[at + 3]:
            parts[at + 3] = value
        if value > parts[at + 4]:
            parts[at + 4] = value
        if base is None:
            parts[at + 6] += 1.0
        else:
            parts[at] += value * base
            parts[at + 5] += base

    def _district(self, district: str, site_fields: dict[str, str]) -> list[float]:
        tally = self._tally
        if district not in tally.figures:
            tally.figures[district] = {metric: Figure() for metric in self._metrics}
            code = site_fields.get("district_code") or site_fields.get("admin_code", "")[:6]
            if code:
                tally.district_codes[district] = code
        fresh = [0.0, 0.0, 0.0, math.inf, -math.inf, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]
        parts = self._parts[district] = fresh * len(self._metrics)
        return parts

    def finish(self) -> None:
        """Add the chunk's counts to the tally's Figures."""
        for _, counts in self.dues:
            counts.finish()
        for district, parts in self._parts.items():
            figures = self._tally.figures[district]
            for index, metric in enumerate(self._metrics):
                figure, at = figures[metric], STRIDE * index
                figure.numerator += parts[at]
                figure.denominator += int(parts[at + 1])
                figure.missing += int(parts[at + 2])
                figure.lowest = min(figure.lowest, parts[at + 3])
                figure.highest = max(figure.highest, parts[at + 4])
                figure.weight += parts[at + 5]
                figure.unweighted += int(parts[at + 6])
                figure.unstated += int(parts[at + 7])
                figure.excluded += int(parts[at + 8])
                figure.lacking_weight += parts[at + 9]
                figure.lacking_unweighted += int(parts[at + 10])
                figure.undeclared += int(parts[at + 11])
                figure.maybe_met += int(parts[at + 12])
                figure.maybe_short += int(parts[at + 13])
                figure.unsaid_within += int(parts[at + 14])
        self._parts.clear()


Counting = Callable[[Tally], FigureCounts]
"""Makes a chunk's `FigureCounts` into its tally (`batch.planend.figure_counting`)."""
