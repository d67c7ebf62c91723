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
from compliance.batch.tally import Figure, Tally
from compliance.model.checks import metrics_of, trends_of
from compliance.model.facts import Facts, Observation, Site
from compliance.model.gazetteer import PLACE_METRIC
from compliance.model.metric import Aggregate, AggregateRule, Metric, display, noise_free
from compliance.model.plan import Comparison, Requirement, RulePack
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
    rule = aggregate.rule
    if rule == AggregateRule.COUNT:
        return Bounds(figure.numerator, figure.numerator, figure.numerator + missing)
    if rule == AggregateRule.SHARE:
        if total == 0:
            return Bounds(None, None, None)
        value = 100.0 * figure.numerator / known if known else None
        return Bounds(value, 100.0 * figure.numerator / total, 100.0 * (figure.numerator + missing) / total)
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


def _mean_bounds(figure: Figure, aggregate: Aggregate, member: Metric) -> Bounds:
    """A district rate from its members' own rates. Each member's rate is a share of its own base (natural
    villages, people, levee length), so the district's rate is their mean weighted by the bases: exact when every
    member states its base (`aggregate.weight`), and otherwise, whatever the bases, between the lowest and the
    highest member rate; a member without its rate could be anything the metric allows, and of any weight."""
    known, missing = figure.denominator, figure.missing
    if aggregate.weight and not missing and not figure.unweighted and figure.weight > 0:
        value = figure.numerator / figure.weight
        return Bounds(value, value, value)
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
    """A mean's figure as a number: the weighted rate, or where only its range is known the lowest it could be."""

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


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
) -> tuple[list[DistrictRow], list[str]]:
    """Rows for every district in the batch and every requirement over its figures; notes on what was skipped.
    `periods`: per member metric read from dated columns, the period its figures are of (a figure of a year
    before a target's is missing data for it, as a site's is: see `assess.stale`)."""
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
    for district in sorted(set(tally.figures) - unknown):
        figures = tally.figures[district]
        if unplaced:
            figures = {m: replace(figure, missing=figure.missing + unplaced) for m, figure in figures.items()}
        seen = {m: figure.denominator + figure.missing for m, figure in figures.items()}
        figures = {m: _counted(pack, m, figure) for m, figure in figures.items()}
        site = sites[district]
        name, code = site.name, site.admin_code
        scoped = _scope(assessor, set(figures), chosen[district])
        if not scoped:
            continue
        found = {
            metric_id: bounds(figure, _aggregate(pack, metric_id), _member(pack, metric_id))
            for metric_id, figure in figures.items()
        }
        ends = ("value", "low", "high") if any(uncertain(b) for b in found.values()) else ("value",)
        dated = {m: periods[_member(pack, m).id] for m in figures if periods and _member(pack, m).id in periods}
        variants = {
            which: _assess(assessor, site, (seen, dated), found, which, chosen[district], scoped, as_of)
            for which in ends
        }
        for requirement in scoped:
            rows.append(_row(pack, (name, code), requirement, figures, found, variants, kind_zh))
    return rows, notes


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
    """The figure with the members the plan counts (九家水电站) that are not in the batch as missing."""
    members = _aggregate(pack, metric_id).members
    seen = figure.denominator + figure.missing
    return replace(figure, missing=figure.missing + members - seen) if members and seen < members else figure


def _members(figures: dict[str, Figure]) -> int:
    """How many member sites a district's figures were counted over (with or without each figure's fact)."""
    return max((figure.denominator + figure.missing for figure in figures.values()), default=0)


def _aggregate(pack: RulePack, metric_id: str) -> Aggregate:
    aggregate = pack.catalogue.metric(metric_id).aggregate
    assert aggregate is not None
    return aggregate


def _member(pack: RulePack, metric_id: str) -> Metric:
    return pack.catalogue.metric(_aggregate(pack, metric_id).of)


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


def _shown(value: Value | None, metric: Metric) -> str:
    if value is None:
        return ""
    return display(round(value, 4) if isinstance(value, float) else value, metric, "zh")


def _row(
    pack: RulePack,
    district: tuple[str, str],
    requirement: Requirement,
    figures: dict[str, Figure],
    found: dict[str, Bounds],
    variants: dict[str, dict[str, Finding]],
    kind_zh: str,
) -> DistrictRow:
    metric_id = metrics_of(requirement.check)[0]
    metric = pack.catalogue.metric(metric_id)
    aggregate = _aggregate(pack, metric_id)
    figure, figure_bounds = figures[metric_id], found[metric_id]
    finding = variants["value"][requirement.id]
    status, reason_zh, reason_en = finding.status, finding.reason_zh, finding.reason_en
    used = [m for m in metrics_of(requirement.check) if uncertain(found[m])]
    if used and status != Status.NOT_APPLICABLE:
        status, reason_zh, reason_en = _decided(pack, requirement, (figures, found), used[0], variants, kind_zh)
    target = finding.target.text_zh if finding.target is not None else ""
    return DistrictRow(
        district=district[0],
        district_code=district[1],
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
        figure=_shown(figure_bounds.value, metric),
        lowest=_shown(figure_bounds.low, metric),
        highest=_shown(figure_bounds.high, metric),
        target_zh=target,
        status=status.value,
        reason_zh=reason_zh,
        reason_en=reason_en,
        parts=parts_text(pack, metric_id, figure, figure_bounds, kind_zh),
        value=_number_of(figure_bounds) if aggregate.rule == AggregateRule.MEAN else None,
    )


def _number_of(found: Bounds) -> float | None:
    shown = found.value if found.value is not None else found.low
    return float(shown) if isinstance(shown, int | float) and not isinstance(shown, bool) else None


def _decided(
    pack: RulePack,
    requirement: Requirement,
    figured: tuple[dict[str, Figure], dict[str, Bounds]],
    metric_id: str,
    variants: dict[str, dict[str, Finding]],
    kind_zh: str,
) -> tuple[Status, str, str]:
    """The status of a figure known only between two ends: theirs when both ends (and the figure, where there is
    one) give the same, else insufficient_data; the reason says why, with the finding at the end that decides
    (a pass under ≥ by the lowest the figure could be, a fail by the highest; the other way round under ≤)."""
    figures, found = figured
    figure, figure_bounds = figures[metric_id], found[metric_id]
    finding = variants["value"][requirement.id]
    at_end = {end: variants[end][requirement.id] for end in ("low", "high")}
    ends = {f.status for f in at_end.values()} | ({finding.status} if figure_bounds.value is not None else set())
    decided = len(ends) == 1 and Status.INSUFFICIENT_DATA not in ends
    if decided and figure_bounds.value is not None:
        return finding.status, finding.reason_zh, finding.reason_en
    why_zh, why_en = ends_text(pack, metric_id, figure, figure_bounds, kind_zh)
    if figure_bounds.value is not None:
        cited = finding
    else:
        rising = not isinstance(requirement.check, Comparison) or requirement.check.op in (">=", ">")
        failing = decided and Status.FAIL in ends
        cited = at_end["low" if rising != failing else "high"]
    if decided:
        return cited.status, f"{why_zh}两端结论相同。{cited.reason_zh}", f"{why_en} Both ends agree. {cited.reason_en}"
    zh, en = f"{why_zh}无法判定。{cited.reason_zh}", f"{why_en} It cannot be decided. {cited.reason_en}"
    return Status.INSUFFICIENT_DATA, zh, en


def ends_text(pack: RulePack, metric_id: str, figure: Figure, found: Bounds, kind_zh: str) -> tuple[str, str]:
    """Why a figure is only known between two ends: members missing its fact (some not in the batch at all, where
    the plan counts them), or member rates without the bases that weight them."""
    aggregate, member, metric = _aggregate(pack, metric_id), _member(pack, metric_id), pack.catalogue.metric(metric_id)
    low, high = _shown(found.low, metric) or "?", _shown(found.high, metric) or "?"
    missing_zh = f"{figure.missing}个{kind_zh}缺少“{member.name_zh}”数据" if figure.missing else ""
    missing_en = f"{figure.missing} members lack {member.name_en}" if figure.missing else ""
    if aggregate.members and figure.missing:
        missing_zh += f"（方案计{aggregate.members}个，未在本批中的按缺少数据计）"
        missing_en += f" (the plan counts {aggregate.members}; those not in the batch count as lacking it)"
    if aggregate.rule != AggregateRule.MEAN:
        value = _shown(found.value, metric) or "无"
        return (
            f"{missing_zh}，按已填报的{figure.denominator}个计算为{value}，但缺失数据可使结果在{low}至{high}之间，",
            f"{missing_en}; over the {figure.denominator} that state it the figure is {found.value}, but it could lie"
            f" between {found.low} and {found.high}.",
        )
    base = pack.catalogue.metric(aggregate.weight) if aggregate.weight else None
    base_zh = f"“{base.name_zh}”" if base else "各自的基数"
    base_en = base.name_en if base else "their bases"
    lacking_zh = f"{figure.unweighted}个{kind_zh}未填{base_zh}" if figure.unweighted else ""
    lacking_en = f"{figure.unweighted} members do not state {base_en}" if figure.unweighted else ""
    said_zh = "、".join(part for part in (missing_zh, lacking_zh) if part)
    said_en = "; ".join(part for part in (missing_en, lacking_en) if part)
    unknown = "及缺少数据者的可能值" if figure.missing else ""
    return (
        f"区内{metric.name_zh}是各{kind_zh}本身数值按{base_zh}加权的平均，{said_zh}，不能算出；无论权重如何，"
        f"它都在{low}至{high}之间（各{kind_zh}本身数值的最低、最高{unknown}），",
        f"The district's {metric.name_en} is the members' own rates weighted by {base_en}; {said_en}, so it cannot be"
        f" computed; whatever the weights it lies between {found.low} and {found.high} (the lowest and highest member"
        " rate).",
    )


def parts_text(pack: RulePack, metric_id: str, figure: Figure, found: Bounds, kind_zh: str) -> str:
    """How a figure was made, as the batch prints it after the figure: 3/4，缺1, or for a rate from member rates
    `按“自然村数量”加权，4个行政村` or `各行政村本身数值的范围，4个行政村，4个未填“自然村数量”`."""
    aggregate = _aggregate(pack, metric_id)
    missing = f"，缺{figure.missing}" if figure.missing else ""
    if aggregate.rule != AggregateRule.MEAN:
        return f"{_number(figure.numerator)}/{figure.denominator}{missing}"
    base = f"“{pack.catalogue.metric(aggregate.weight).name_zh}”" if aggregate.weight else "基数"
    if found.value is not None:
        return f"按{base}加权，{figure.denominator}个{kind_zh}"
    lacking = f"，{figure.unweighted}个未填{base}" if figure.unweighted else ""
    if figure.missing and figure.denominator:  # the range printed is what the missing could make it: say the known one
        metric = pack.catalogue.metric(metric_id)
        low, high = _shown(noise_free(figure.lowest), metric), _shown(noise_free(figure.highest), metric)
        known = f"已填的{figure.denominator}个{kind_zh}为{low}～{high}" if low != high else f"已填的均为{low}"
        return f"各{kind_zh}本身数值的范围：{known}，缺{figure.missing}个，缺少者可为任一值{lacking}"
    return f"各{kind_zh}本身数值的范围，{figure.denominator}个{kind_zh}{missing}{lacking}"


def _number(value: float) -> str:
    """1630420.5 -> 1630420.5, 240.0 -> 240: plain digits, never an exponent."""
    return f"{value:.2f}".rstrip("0").rstrip(".")
