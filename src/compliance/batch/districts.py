"""District figures computed from a batch's sites, evaluated against the district-level requirements.

Each catalogue metric that declares `aggregate: {over: <this kind>, ...}` is computed per district from the
members that state the member fact. When some members lack it, the figure could lie anywhere between the
lowest and highest value those members could give; a requirement is decided only if both ends (and the
figure over the known members) give the same status, and is otherwise insufficient_data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from compliance.assess.applicability import covering_plans, plans_for_place
from compliance.assess.assessor import Assessor
from compliance.assess.reasons import target_text
from compliance.batch.deadlinefigures import DistrictRead, by_deadline, deadline_read, stood_in
from compliance.batch.districttexts import aggregate_of, ends_text, none_counted, parts_text, shown, undecided
from compliance.batch.planend import deadline_periods, district_periods
from compliance.batch.tally import Figure, Tally
from compliance.batch.wholedistrict import held_back
from compliance.model.checks import metrics_of, trends_of
from compliance.model.facts import Facts, Observation, Site
from compliance.model.gazetteer import PLACE_METRIC
from compliance.model.metric import Aggregate, AggregateRule, Metric, noise_free
from compliance.model.plan import Comparison, Modality, Requirement, RulePack
from compliance.model.problems import InputError
from compliance.model.result import Finding, Status

DISTRICT_KIND = "district"
NO_DISTRICT = "(未填所在区)"

Value = float | bool


@dataclass(frozen=True)
class Bounds:
    """A figure over the members that state the fact (`value`), and the lowest and highest it could be."""

    value: Value | None
    low: Value | None
    high: Value | None


def bounds(figure: Figure, aggregate: Aggregate, member: Metric) -> Bounds:
    """The figure's bounds, each rid of binary noise (`noise_free`): three villages at 99.8, 99.9 and 100 are 99.9."""
    found = _bounds(figure, aggregate, member)
    return Bounds(*(noise_free(v) if isinstance(v, float) else v for v in (found.value, found.low, found.high)))


def _bounds(figure: Figure, aggregate: Aggregate, member: Metric) -> Bounds:
    known, missing = figure.denominator, figure.missing
    total = known + missing
    rule, met = aggregate.rule, figure.maybe_met  # membership unsure, the counted fact stated and met
    if rule == AggregateRule.COUNT:  # with members missing, the count of those known is only its least
        most = figure.numerator + missing + met
        if not total:  # no member known to be one: nothing was counted, so nothing shown none left (0/0 → 数据不足)
            return Bounds(None, None, float(most) if met or figure.maybe_short else None)
        return Bounds(None if missing or met else figure.numerator, figure.numerator, most)
    if rule == AggregateRule.SHARE and aggregate.weight is not None:
        return _weighted_share(figure)
    if rule == AggregateRule.SHARE:
        return _share(figure)
    if rule == AggregateRule.MEAN:
        return _mean_bounds(figure, aggregate, member)
    if total == 0:
        return Bounds(None, None, None)
    if rule == AggregateRule.ALL:
        if figure.numerator < known:
            return Bounds(False, False, False)
        return Bounds(True if known else None, False, True) if missing else Bounds(True, True, True)
    if figure.numerator > 0:
        return Bounds(True, True, True)
    return Bounds(False if known else None, False, True) if missing else Bounds(False, False, False)


def _share(figure: Figure) -> Bounds:
    """A share of members by number: exact when every member states the fact; with members missing it, between
    all of them short and all meeting it. A site that leaves the membership fact blank but states the counted one
    (`Figure.maybe_met`, `maybe_short`) is either no member or a member as it says: the least share leaves out
    those meeting the test and counts those short of it, the greatest the other way round (9 of 10 agencies built
    and one more built whose 属党政机关 is blank: 9/10 or 10/11, never 9/11)."""
    known, missing, met, short = figure.denominator, figure.missing, figure.maybe_met, figure.maybe_short
    least, most = known + missing + short, known + missing + met
    if not least and not most:
        return Bounds(None, None, None)
    value = 100.0 * figure.numerator / known if known and not (missing or met or short) else None
    low = 100.0 * figure.numerator / least if least else None
    high = 100.0 * (figure.numerator + missing + met) / most if most else None
    return Bounds(value, low, high)


def _weighted_share(figure: Figure) -> Bounds:
    """A share of the members' size (星级绿色建筑 of the new floor area), not of their number: exact when every member
    states both its fact and its size; with members lacking only the fact, between none and all of their known size
    meeting it; with a size unknown (or none at all), anything from 0 to 100%."""
    if figure.unweighted or figure.lacking_unweighted or figure.absent or figure.unplaced or figure.unread:
        return Bounds(None, 0.0, 100.0)
    total = figure.weight + figure.lacking_weight
    if total <= 0:
        return Bounds(None, None, None) if not figure.denominator + figure.missing else Bounds(None, 0.0, 100.0)
    if not figure.missing:
        value = 100.0 * figure.numerator / total
        return Bounds(value, value, value)
    return Bounds(None, 100.0 * figure.numerator / total, 100.0 * (figure.numerator + figure.lacking_weight) / total)


def _mean_bounds(figure: Figure, aggregate: Aggregate, member: Metric) -> Bounds:
    """A district rate from its members' own rates. Each member's rate is a share of its own base (natural
    villages, people, levee length), so the district's rate is their mean weighted by the bases: exact when every
    member states its base (`aggregate.weight`), and otherwise, whatever the bases, between the lowest and the
    highest member rate; a member without its rate could be anything the metric allows, and of any weight unless
    every member states its base: then the missing rates, anywhere in the metric's range at their known weights,
    bound the mean tightly (one natural village of 32 missing moves it by at most 1/32)."""
    known, missing = figure.denominator, figure.missing
    weighted = aggregate.weight is not None and not figure.unweighted
    if weighted and not missing and figure.weight > 0:
        value = figure.numerator / figure.weight
        return Bounds(value, value, value)
    if weighted and missing and not (figure.lacking_unweighted or figure.absent or figure.unplaced or figure.unread):
        total = figure.weight + figure.lacking_weight  # each missing rate anywhere in its range, at its known weight
        if total > 0 and member.minimum is not None and member.maximum is not None:
            least = (figure.numerator + member.minimum * figure.lacking_weight) / total
            return Bounds(None, least, (figure.numerator + member.maximum * figure.lacking_weight) / total)
    if known and not missing and figure.lowest == figure.highest:  # every member at one rate: so is the district
        return Bounds(figure.lowest, figure.lowest, figure.lowest)
    low: float | None = figure.lowest if known else None
    high: float | None = figure.highest if known else None
    if missing:
        low = None if member.minimum is None else min(member.minimum, figure.lowest)
        high = None if member.maximum is None else max(member.maximum, figure.highest)
    return Bounds(None, low, high)


def uncertain(found: Bounds) -> bool:
    """Whether the figure is only known to lie between two ends (members missing, or a rate without its bases)."""
    return not (found.value == found.low == found.high)


@dataclass
class DistrictRow:
    """One requirement evaluated for one district, with the figure it used and how it was computed."""

    district: str
    district_code: str
    requirement: str
    title_zh: str
    title_en: str
    metric: str
    metric_zh: str
    rule: str
    over: str
    numerator: float
    denominator: int
    missing: int
    figure: str
    lowest: str
    highest: str
    target_zh: str
    status: str
    reason_zh: str
    reason_en: str
    parts: str = ""
    """How the figure was made, as printed after it: 3/4，缺1, or a rate's weighting or its members' range."""
    value: float | None = None
    """A mean's figure as a number: the weighted rate, or where only its range is known the lowest it could be
    (for drawing); summary.json gives null then, as it does for every figure not decided (`figure` empty)."""
    value_range: tuple[float, float] | None = None
    """A figure not decided, as the lowest and highest numbers it could be (the page draws the range between)."""
    weight_total: float | None = None
    """A weighted mean's denominator: the sum of the members' bases (自然村数量合计) over those stating both."""
    weight_zh: str = ""
    """The name of that base (自然村数量), for the workbook's 计算方式."""

    def as_dict(self) -> dict[str, Any]:
        row = dict(self.__dict__)
        if not self.figure:
            row["value"] = None  # never an end of the range read as the district's figure
        row["value_range"] = list(self.value_range) if self.value_range is not None else None
        return row


def _scope(assessor: Assessor, figures: set[str], plans: list[str]) -> list[Requirement]:
    """District requirements every metric of which (check and condition) is a figure of this batch; trends are
    left out, since a batch gives one figure per metric, never a dated series (e.g. 星级绿色建筑占比稳中有升)."""
    scoped = []
    for requirement in assessor.requirements_for(DISTRICT_KIND, plans):
        used = [*metrics_of(requirement.check), *metrics_of(requirement.applies.condition)]
        used = [m for m in used if m != PLACE_METRIC]  # read from the district's name, as for any site
        trends = [*trends_of(requirement.check), *trends_of(requirement.applies.condition)]
        if requirement.check is not None and used and not trends and set(used) <= figures:
            scoped.append(requirement)
    return scoped


def district_figures(
    pack: RulePack,
    assessor: Assessor,
    tally: Tally,
    kind: str,
    plans: list[str] | None,
    as_of: dt.date,
    periods: Mapping[str, str] | None = None,
    series: list[tuple[str, str]] | None = None,
) -> tuple[list[DistrictRow], list[str]]:
    """Rows for every district in the batch and every requirement over its figures; notes on what was skipped.
    `periods`: per member metric read from dated columns, the period its figures are of (an older year's figure is
    missing data, see `assess.stale`); `series`: those columns (metric, period), for a plan ended (`batch.planend`)."""
    rows: list[DistrictRow] = []
    notes: list[str] = city_figures_not_computed(pack, assessor, kind, plans)
    kind_zh = pack.catalogue.kind(kind).name_zh
    sites = {district: _district_site(district, tally) for district in tally.figures}
    unknown = {d for d in tally.figures if not d or tally.district_codes.get(d, "").endswith("00")}  # blank, a city
    chosen: dict[str, list[str]] = {}
    for district, site in sites.items():
        try:
            chosen[district] = covering_plans(site, pack.plans, plans, site.name)
        except InputError as error:
            unknown.add(district)  # no plan knows it (福州晋安, a slip): which district its rows are in is unknown
            if district:  # rows with no district at all are said once below, with the others of no known district
                notes.append(f"{site.name}: {error.problems[0].message}")
            continue
        if plans and not plans_for_place(site.admin_code, district, pack.plans):
            unknown.add(district)  # under --plan, a spelling no plan knows (集每区, Jimei District) is no district
    unplaced = tally.unplaced + sum(_members(tally.figures[district]) for district in unknown)
    if unplaced:
        notes.append(
            f"{unplaced} 行的所在区无法确定（未填、只写到市或无法识别），可能属于任一区县：各区县指标按缺少这些行计算"
            f" / {unplaced} rows whose district is unknown (blank, a city, unreadable) may belong to any district:"
            " every district figure counts them as missing"
        )
    context = (pack, assessor, kind_zh, as_of)
    for district in sorted(set(tally.figures) - unknown):
        site, chose = sites[district], chosen[district]
        scoped = _scope(assessor, set(tally.figures[district]), chose)
        latest = district_periods(pack, periods, series, chose, as_of)
        made: dict[str, DistrictRow] = {}
        for due, group in by_deadline(pack, tally, district, scoped, as_of).items():
            read = DistrictRead(tally.figures[district], unplaced, latest)
            if due is not None:  # the figures of the target's year, from each member's of that year
                read = deadline_read(
                    pack, tally, district, (due, unplaced), deadline_periods(latest, series, due, tally)
                )
            made |= {row.requirement: row for row in _rows_of(context, site, chose, read, group)}
        rows += [made[requirement.id] for requirement in scoped]
    return held_back(pack, tally, rows, kind_zh), notes  # 整区: a batch without a 镇 of the district never passes


def _rows_of(
    context: tuple[RulePack, Assessor, str, dt.date],
    site: Site,
    plans: list[str],
    read: DistrictRead,
    scoped: list[Requirement],
) -> list[DistrictRow]:
    """The rows of a district's `scoped` requirements on its figures `read` (`context`: the pack, the assessor,
    the member kind's name and the as-of date)."""
    pack, assessor, kind_zh, as_of = context
    figures = read.figures
    if read.unplaced:
        unplaced = read.unplaced
        figures = {m: replace(f, missing=f.missing + unplaced, unplaced=unplaced) for m, f in figures.items()}
    seen = {m: figure.denominator + figure.missing for m, figure in figures.items()}
    figures = {m: _counted(pack, m, figure) for m, figure in figures.items()}
    found = {
        metric_id: bounds(figure, aggregate_of(pack, metric_id), _member(pack, metric_id))
        for metric_id, figure in figures.items()
    }
    ends = ("value", "low", "high") if any(uncertain(b) for b in found.values()) else ("value",)
    dated = _dated(pack, figures, read.periods)
    variants = {which: _assess(assessor, site, (seen, dated), found, which, plans, scoped, as_of) for which in ends}
    rows = []
    for requirement in scoped:
        shown_id = _deciding(assessor, site, (seen, dated), found, plans, requirement, as_of)
        row = _row(pack, site, requirement, (figures, found), variants, kind_zh, shown_id)
        if read.later:  # members without a figure of the target's year: their latest stood in
            row.reason_zh, row.reason_en = stood_in((row.reason_zh, row.reason_en), read, shown_id, kind_zh)
        rows.append(row)
    return rows


def city_figures_not_computed(pack: RulePack, assessor: Assessor, kind: str, plans: list[str] | None) -> list[str]:
    """Notes naming the figures over this kind that city requirements read (全域美丽海湾, 美丽园区 of 厦门): a batch
    computes district figures only, so these are never decided by it, and it says so rather than nothing."""
    notes = []
    city = assessor.requirements_for("city", plans)
    for metric in pack.catalogue.metrics:
        if metric.aggregate is None or metric.aggregate.over != kind:
            continue
        ids = [r.id for r in city if metric.id in metrics_of(r.check)]
        if ids:
            shown = "、".join(ids)
            notes.append(
                f"全市指标“{metric.name_zh}”（{shown}）不由批量计算（批量只计算各区指标），请在全市事实文件中填报"
                f" / the city figure {metric.name_en} ({', '.join(ids)}) is not computed by a batch, which computes"
                " district figures only: state it in the city's facts file"
            )
    return notes


def _dated(pack: RulePack, figures: dict[str, Figure], periods: Mapping[str, str] | None) -> dict[str, str]:
    """Per figure, the period its members' dated columns are of (at a plan's end, once it has ended)."""
    return {m: periods[_member(pack, m).id] for m in figures if periods and _member(pack, m).id in periods}


def _district_site(district: str, tally: Tally) -> Site:
    """The district as a site, to choose its plans and assess its figures."""
    name = district or NO_DISTRICT
    code = tally.district_codes.get(district, "")
    return Site(
        id=f"district:{name}",
        kind=DISTRICT_KIND,
        name=name,
        district=district if not district.isdigit() else "",
        admin_code=code,
    )


def _counted(pack: RulePack, metric_id: str, figure: Figure) -> Figure:
    """The figure with the members the plan counts (九家水电站) that are not in the batch as missing: the plan's
    count holds the exempt ones the batch has (a station classified 退出), which are no members of the figure."""
    members = aggregate_of(pack, metric_id).members
    seen = figure.denominator + figure.missing
    if not members or seen >= members - figure.excluded:
        return figure
    absent = members - figure.excluded - seen
    return replace(figure, missing=figure.missing + absent, absent=absent)


def _members(figures: dict[str, Figure]) -> int:
    """How many member sites a district's figures were counted over (with or without each figure's fact)."""
    return max((figure.denominator + figure.missing for figure in figures.values()), default=0)


def _member(pack: RulePack, metric_id: str) -> Metric:
    return pack.catalogue.metric(aggregate_of(pack, metric_id).of)


def _deciding(
    assessor: Assessor,
    site: Site,
    figured: tuple[dict[str, int], dict[str, str]],
    found: dict[str, Bounds],
    plans: list[str],
    requirement: Requirement,
    as_of: dt.date,
) -> str:
    """The figure a row shows: of a check over several (基本消除: none left, or 90% eliminated), the first that
    alone gives the requirement's status where it is decided (the share that passed it), else the first."""
    used = metrics_of(requirement.check)
    if len(used) > 1:
        whole = _assess(assessor, site, figured, found, "value", plans, [requirement], as_of)[requirement.id]
        if whole.status in (Status.PASS, Status.FAIL):
            for metric_id in used:
                alone = {metric_id: found[metric_id]}
                one = _assess(assessor, site, figured, alone, "value", plans, [requirement], as_of)[requirement.id]
                if one.status == whole.status:
                    return metric_id
    return used[0]


def _assess(
    assessor: Assessor,
    site: Site,
    figured: tuple[dict[str, int], dict[str, str]],
    found: dict[str, Bounds],
    which: str,
    plans: list[str],
    scoped: list[Requirement],
    as_of: dt.date,
) -> dict[str, Finding]:
    """The findings of the `scoped` requirements alone (a district has some 500 requirements, a batch's figures
    bear on a few of them), for the district's figures at the `which` end of their bounds. `figured`: the rows each
    figure was computed over, and the period of each figure over dated columns."""
    seen, dated = figured
    observations = {}
    for metric_id, figure_bounds in found.items():
        value = getattr(figure_bounds, which)
        if value is None:
            continue
        members = seen[metric_id]  # the batch's rows it was computed over, not the members the plan counts
        period = dated.get(metric_id)
        series = {period: value} if period is not None else None
        observations[metric_id] = Observation(metric=metric_id, value=value, series=series, computed_from=members)
    facts = Facts(site=site, observations=observations, source=site.name)
    prepared = assessor.prepare(facts, as_of, plans)
    return {requirement.id: assessor.finding_of(prepared, requirement) for requirement in scoped}


def _row(
    pack: RulePack,
    district: Site,
    requirement: Requirement,
    figured: tuple[dict[str, Figure], dict[str, Bounds]],
    variants: dict[str, dict[str, Finding]],
    kind_zh: str,
    metric_id: str,
) -> DistrictRow:
    """The row of one requirement, showing `metric_id`: the figure that decided it (see `_deciding`)."""
    figures, found = figured
    metric = pack.catalogue.metric(metric_id)
    aggregate = aggregate_of(pack, metric_id)
    figure, figure_bounds = figures[metric_id], found[metric_id]
    finding = variants["value"][requirement.id]
    status, reason_zh, reason_en = finding.status, finding.reason_zh, finding.reason_en
    used = [m for m in metrics_of(requirement.check) if uncertain(found[m])]
    if used and status != Status.NOT_APPLICABLE:
        status, reason_zh, reason_en = _decided(pack, requirement, figured, used, variants, kind_zh)
    empty = none_counted(pack, metric_id, figure, kind_zh) if status == Status.INSUFFICIENT_DATA else None
    if empty is not None:
        reason_zh, reason_en = f"{empty[0]}{reason_zh}", f"{empty[1]} {reason_en}"
    target = finding.target.text_zh if finding.target is not None else ""
    if not target and finding.next_target is not None:  # a target not yet due is shown too, with its date
        target = target_text(finding.next_target, "zh", requirement.modality == Modality.GRADUAL)
    return DistrictRow(
        district=district.name,
        district_code=district.admin_code,
        requirement=requirement.id,
        title_zh=requirement.title_zh,
        title_en=requirement.title_en,
        metric=metric_id,
        metric_zh=metric.name_zh,
        rule=aggregate.rule.value,
        over=aggregate.over,
        numerator=figure.numerator,
        denominator=figure.denominator,
        missing=figure.missing,
        figure=shown(figure_bounds.value, metric),
        lowest=shown(figure_bounds.low, metric),
        highest=shown(figure_bounds.high, metric),
        target_zh=target,
        status=status.value,
        reason_zh=reason_zh,
        reason_en=reason_en,
        parts=parts_text(pack, metric_id, figure, figure_bounds.value, kind_zh),
        value=_number_of(figure_bounds) if aggregate.rule == AggregateRule.MEAN else None,
        value_range=_range_of(figure_bounds),
        weight_total=figure.weight if aggregate.weight else None,
        weight_zh=pack.catalogue.metric(aggregate.weight).name_zh if aggregate.weight else "",
    )


def _numeric(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _number_of(found: Bounds) -> float | None:
    return _numeric(found.value if found.value is not None else found.low)


def _range_of(found: Bounds) -> tuple[float, float] | None:
    """An undecided figure's lowest and highest numbers, when both are known numbers."""
    low, high = _numeric(found.low), _numeric(found.high)
    return (low, high) if found.value is None and low is not None and high is not None else None


def _decided(
    pack: RulePack,
    requirement: Requirement,
    figured: tuple[dict[str, Figure], dict[str, Bounds]],
    used: list[str],
    variants: dict[str, dict[str, Finding]],
    kind_zh: str,
) -> tuple[Status, str, str]:
    """The status of a figure known only between two ends: theirs when both ends (and the figure, where there is
    one) give the same, else insufficient_data; the reason says why, with the finding at the end that decides
    (a pass under ≥ by the lowest the figure could be, a fail by the highest; the other way round under ≤). An
    undecided reason shows only the figures computed and the target, never a figure at an end nor met/missed."""
    figures, found = figured
    metric_id = used[0]
    figure, figure_bounds = figures[metric_id], found[metric_id]
    finding = variants["value"][requirement.id]
    at_end = {end: variants[end][requirement.id] for end in ("low", "high")}
    ends = {f.status for f in at_end.values()} | ({finding.status} if figure_bounds.value is not None else set())
    decided = len(ends) == 1 and Status.INSUFFICIENT_DATA not in ends
    if decided and figure_bounds.value is not None:
        return finding.status, finding.reason_zh, finding.reason_en
    why_zh, why_en = ends_text(pack, metric_id, figure, (figure_bounds.low, figure_bounds.high), kind_zh)
    if decided:
        rising = not isinstance(requirement.check, Comparison) or requirement.check.op in (">=", ">")
        cited = at_end["low" if rising != (Status.FAIL in ends) else "high"]
        return cited.status, f"{why_zh}两端结论相同。{cited.reason_zh}", f"{why_en} Both ends agree. {cited.reason_en}"
    rest_zh, rest_en = undecided(pack, finding, set(used))
    short = next((f for f in at_end.values() if f.status == Status.INSUFFICIENT_DATA), None)
    if short is not None:  # wanting more than the members missing (a figure of a year before the target's): say it
        rest_zh, rest_en = short.reason_zh, short.reason_en
    return Status.INSUFFICIENT_DATA, f"{why_zh}无法判定。{rest_zh}", f"{why_en} It cannot be decided. {rest_en}"
