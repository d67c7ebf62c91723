"""What a district figure's row says of itself: why it is known only between two ends (naming the column the
members lack: the membership fact where they do not say whether they belong, else the counted fact), how it was
made (`3/4，缺1`, `按“自然村数量”加权…`), and the reason of a figure that cannot be decided, which shows only
figures that were computed and words no target as met or missed."""

from __future__ import annotations

from compliance.assess.reasons import target_text
from compliance.batch.tally import Figure
from compliance.model.metric import Aggregate, AggregateRule, Metric, display, noise_free
from compliance.model.plan import Modality, RulePack
from compliance.model.result import Finding

Value = float | bool


def shown(value: Value | None, metric: Metric, lang: str = "zh") -> str:
    if value is None:
        return ""
    return display(round(value, 4) if isinstance(value, float) else value, metric, lang)


def _number(value: float) -> str:
    """1630420.5 -> 1630420.5, 240.0 -> 240: plain digits, never an exponent."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def aggregate_of(pack: RulePack, metric_id: str) -> Aggregate:
    """The aggregate a district figure's metric declares (only such metrics are figures)."""
    aggregate = pack.catalogue.metric(metric_id).aggregate
    assert aggregate is not None
    return aggregate


def _population(pack: RulePack, aggregate: Aggregate, lang: str) -> str:
    """Who the figure counts, by its membership fact: “属党政机关”为“是”, “所属流域”为闽江、敖江."""
    assert aggregate.among is not None
    among = pack.catalogue.metric(aggregate.among)
    name = among.name_zh if lang == "zh" else among.name_en
    if aggregate.among_levels is None:
        return f"“{name}”为“是”" if lang == "zh" else f"“{name}” = yes"
    levels = [among.levels[among.level_index(level) or 0] for level in aggregate.among_levels]
    if lang == "zh":
        return f"“{name}”为" + "、".join(level.name_zh for level in levels)
    return f"“{name}” = " + " or ".join(level.name_en for level in levels)


def none_counted(pack: RulePack, metric_id: str, figure: Figure, kind_zh: str) -> tuple[str, str] | None:
    """Why a figure over no member at all is not known (a count of 0/0 is no 0: nothing was shown to be none left),
    and what would settle it; None when some site of the batch is a member, or may be one."""
    if figure.denominator + figure.missing + figure.maybe_met + figure.maybe_short:
        return None
    aggregate, metric = aggregate_of(pack, metric_id), pack.catalogue.metric(metric_id)
    who_zh = f"（只计{_population(pack, aggregate, 'zh')}的{kind_zh}）" if aggregate.among else ""
    who_en = f" (it counts only members with {_population(pack, aggregate, 'en')})" if aggregate.among else ""
    if aggregate.rule == AggregateRule.COUNT:
        return (
            f"本批没有计入“{metric.name_zh}”的{kind_zh}{who_zh}，0/0 不能说明一个也没有；"
            f"区内确无此类{kind_zh}的，请在区县事实文件中填报“{metric.name_zh}”为0。",
            f"No site of this batch is a member of {metric.name_en}{who_en}: a count of 0/0 shows nothing, not"
            f" none; if the district has none, state {metric.name_en} 0 in the district's facts file.",
        )
    return (
        f"本批没有计入“{metric.name_zh}”的{kind_zh}{who_zh}，无从计算；可在区县事实文件中直接填报“{metric.name_zh}”。",
        f"No site of this batch is a member of {metric.name_en}{who_en}, so it cannot be computed; the district's"
        " facts file may state it.",
    )


def lacking(pack: RulePack, metric_id: str, figure: Figure, kind_zh: str) -> tuple[str, str]:
    """Who is missing from a figure, each by what it lacks: the membership fact (`among`), the counted fact, a
    place in the batch where the plan counts its members (九家水电站), a district that can be read."""
    aggregate, metric = aggregate_of(pack, metric_id), pack.catalogue.metric(metric_id)
    member = pack.catalogue.metric(aggregate.of)
    zh: list[str] = []
    en: list[str] = []
    if figure.unstated and aggregate.among is not None:
        among = pack.catalogue.metric(aggregate.among)
        zh.append(
            f"{figure.unstated}个{kind_zh}未填“{among.name_zh}”（{metric.name_zh}只计"
            f"{_population(pack, aggregate, 'zh')}的{kind_zh}）"
        )
        en.append(
            f"{figure.unstated} members leave “{among.name_en}” blank ({metric.name_en} counts only members with"
            f" {_population(pack, aggregate, 'en')})"
        )
    if (figure.maybe_met or figure.maybe_short) and aggregate.among is not None:
        unsure, among = figure.maybe_met + figure.maybe_short, pack.catalogue.metric(aggregate.among)
        zh.append(
            f"{unsure}个{kind_zh}未填“{among.name_zh}”（{metric.name_zh}只计{_population(pack, aggregate, 'zh')}的"
            f"{kind_zh}；它们所填的其他数据或不计入、或照填计入，两种情况都算）"
        )
        en.append(
            f"{unsure} members leave “{among.name_en}” blank but state what is counted (either no member, or a member"
            " as stated: both are taken)"
        )
    _unsaid(pack, (metric_id, figure, kind_zh), zh, en)
    own = figure.missing - figure.unstated - figure.undeclared - figure.unsaid_within
    own -= figure.absent + figure.unplaced + figure.unread
    if own > 0:
        zh.append(f"{own}个{kind_zh}缺少“{member.name_zh}”数据")
        en.append(f"{own} members leave “{member.name_en}” blank")
    if figure.absent and aggregate.members:
        counted = aggregate.members - figure.excluded
        off = f"（本批{figure.excluded}个不计入，余{counted}个）" if figure.excluded else ""
        exempt_en = f", {figure.excluded} of them exempt" if figure.excluded else ""
        zh.append(f"方案计{aggregate.members}个{off}，本批尚缺{figure.absent}个，按缺少数据计")
        en.append(
            f"the plan counts {aggregate.members}{exempt_en}, so {counted} are wanted and {figure.absent} not in the"
            " batch count as lacking it"
        )
    if figure.unread:
        zh.append(f"{figure.unread}行被拒收、未读入（见 rejected.csv），按缺少数据计{_other_kinds(figure, kind_zh)}")
        en.append(f"{figure.unread} rejected rows were not read (see rejected.csv) and count as lacking it")
    if figure.unplaced:
        zh.append(f"{figure.unplaced}行所在区无法确定，按缺少数据计")
        en.append(f"{figure.unplaced} rows whose district is unknown count as lacking it")
    return "、".join(zh), "; ".join(en)


def _unsaid(pack: RulePack, of: tuple[str, Figure, str], zh: list[str], en: list[str]) -> None:
    """Add to `zh` and `en` the members not saying whether the figure holds them: the `exempt` fact (a 退出 station)
    or the `within` one (是否为考核断面) left blank (`of`: the figure's metric, its parts, the member kind's name)."""
    metric_id, figure, kind_zh = of
    aggregate, metric = aggregate_of(pack, metric_id), pack.catalogue.metric(metric_id)
    if figure.undeclared and aggregate.exempt is not None:
        exempt = pack.catalogue.metric(aggregate.exempt)
        zh.append(f"{figure.undeclared}个{kind_zh}未填“{exempt.name_zh}”（无从知道是否不计入{metric.name_zh}）")
        en.append(f"{figure.undeclared} members leave “{exempt.name_en}” blank (whether {metric.name_en} counts them)")
    if figure.unsaid_within and aggregate.within is not None:
        within = pack.catalogue.metric(aggregate.within)
        zh.append(
            f"{figure.unsaid_within}个{kind_zh}未填“{within.name_zh}”（{metric.name_zh}只计该项为“是”的{kind_zh}，"
            "未填的无从知道是否计入）"
        )
        en.append(
            f"{figure.unsaid_within} members leave “{within.name_en}” blank ({metric.name_en} counts only members"
            " stating yes, so whether these count is unknown)"
        )


def _other_kinds(figure: Figure, kind_zh: str) -> str:
    """Which unread rows name another kind (社区 in a village batch), and how to settle them."""
    if not figure.other_kinds:
        return ""
    rows = "、".join(f"类型为“{word}”的{count}行" for word, count in figure.other_kinds.items())
    return f"（其中{rows}未按{kind_zh}读入：如是{kind_zh}，请把类型改为{kind_zh}，否则删去该行）"


def ends_text(
    pack: RulePack, metric_id: str, figure: Figure, ends: tuple[Value | None, Value | None], kind_zh: str
) -> tuple[str, str]:
    """Why a figure is only known between two `ends`: members missing (each named by what it lacks), or member
    rates without the bases that weight them."""
    aggregate, metric = aggregate_of(pack, metric_id), pack.catalogue.metric(metric_id)
    low, high = (shown(end, metric) or "?" for end in ends)
    low_en, high_en = (shown(end, metric, "en") or "?" for end in ends)
    missing_zh, missing_en = lacking(pack, metric_id, figure, kind_zh)
    if aggregate.rule == AggregateRule.SHARE and aggregate.weight:
        return _share_ends(pack, metric_id, figure, (missing_zh, missing_en), kind_zh)
    if aggregate.rule != AggregateRule.MEAN:
        known = f"，已填报的{figure.denominator}个计算为{_number(figure.numerator)}/{figure.denominator}"
        known_en = f"; over the {figure.denominator} known it is {_number(figure.numerator)}/{figure.denominator}"
        if not figure.denominator or aggregate.rule == AggregateRule.COUNT:
            known = known_en = ""
        return (
            f"{missing_zh}{known}，缺少的数据可使结果在{low}至{high}之间，",
            f"{missing_en}{known_en}; what is missing could put it anywhere from {low_en} to {high_en}.",
        )
    base = pack.catalogue.metric(aggregate.weight) if aggregate.weight else None
    base_zh = f"“{base.name_zh}”" if base else "各自的基数"
    base_en = base.name_en if base else "their bases"
    said_zh = [part for part in (missing_zh,) if part]
    said_en = [part for part in (missing_en,) if part]
    if figure.unweighted:
        said_zh.append(f"{figure.unweighted}个{kind_zh}未填{base_zh}")
        said_en.append(f"{figure.unweighted} members do not state {base_en}")
    elif (
        base and figure.missing and not (figure.lacking_unweighted or figure.absent or figure.unplaced or figure.unread)
    ):
        return (
            f"区内{metric.name_zh}是各{kind_zh}本身数值按{base_zh}加权的平均，{'、'.join(said_zh)}，其{base_zh}已知"
            f"（合计{_number(figure.lacking_weight)}），缺少者取可能的最低、最高值时，区内数值在{low}至{high}之间，",
            f"The district's {metric.name_en} is the members' own rates weighted by {base_en}; {'; '.join(said_en)},"
            f" whose {base_en} is known ({_number(figure.lacking_weight)} in all), so with their rates at the lowest"
            f" and highest they could be it lies between {low_en} and {high_en}.",
        )
    elif base and figure.lacking_unweighted:  # its base alone would bound the figure by the weights
        said_zh.append(f"其中{figure.lacking_unweighted}个也未填{base_zh}（填上即可按{base_zh}加权算出范围）")
        said_en.append(f"{figure.lacking_unweighted} of them do not state {base_en} either (stated, it would bound it)")
    elif base and figure.denominator and not figure.weight:
        said_zh.append(f"各{kind_zh}的{base_zh}合计为0，无从加权")
        said_en.append(f"the members' {base_en} add up to 0, so nothing weights them")
    unknown = "及缺少数据者的可能值" if figure.missing else ""
    return (
        f"区内{metric.name_zh}是各{kind_zh}本身数值按{base_zh}加权的平均，{'、'.join(said_zh)}，不能算出；无论权重如何，"
        f"它都在{low}至{high}之间（各{kind_zh}本身数值的最低、最高{unknown}），",
        f"The district's {metric.name_en} is the members' own rates weighted by {base_en}; {'; '.join(said_en)}, so it"
        f" cannot be computed; whatever the weights it lies between {low_en} and {high_en} (the lowest and highest"
        " member rate).",
    )


def _share_ends(
    pack: RulePack, metric_id: str, figure: Figure, missing: tuple[str, str], kind_zh: str
) -> tuple[str, str]:
    """Why a share weighted by the members' size (`Aggregate.weight`: 建筑面积) is not known: members lacking their
    size, whose weight could be anything, or lacking the fact, whose size could all count or none."""
    aggregate, metric = aggregate_of(pack, metric_id), pack.catalogue.metric(metric_id)
    base = pack.catalogue.metric(aggregate.weight or "")
    said_zh = [part for part in (missing[0],) if part]
    said_en = [part for part in (missing[1],) if part]
    unsized = figure.unweighted + figure.lacking_unweighted
    if unsized:
        said_zh.append(f"{unsized}个{kind_zh}未填“{base.name_zh}”")
        said_en.append(f"{unsized} members do not state {base.name_en}")
    elif figure.denominator + figure.missing and not figure.weight + figure.lacking_weight:
        said_zh.append(f"各{kind_zh}的“{base.name_zh}”合计为0")
        said_en.append(f"the members' {base.name_en} add up to 0")
    area = f"{_number(figure.numerator)}/{_number(figure.weight)}{base.unit or ''}"
    known = f"（已知的为{area}）" if figure.weight else ""
    return (
        f"区内{metric.name_zh}按“{base.name_zh}”计（不按{kind_zh}个数）{known}：{'、'.join(said_zh)}，不能算出，",
        f"The district's {metric.name_en} is a share of {base.name_en} (not of the number of members);"
        f" {'; '.join(said_en)}, so it cannot be computed.",
    )


def gradual(pack: RulePack, finding: Finding) -> bool:
    """Whether the finding's requirement is to be achieved gradually (逐步实现), its target never due."""
    return any(r.id == finding.requirement and r.modality == Modality.GRADUAL for r in pack.requirements)


def undecided(pack: RulePack, finding: Finding, uncertain: set[str]) -> tuple[str, str]:
    """The rest of an undecided figure's reason: the figures that were computed (never one at an end), the
    target without saying it is met or missed, and the clause."""
    observed = [o for o in finding.observed if o.metric not in uncertain]
    plan = pack.plans[finding.plan]
    zh = [f"已算出：{'；'.join(f'{o.name_zh} {o.display_zh}' for o in observed)}"] if observed else []
    en = [f"computed {'; '.join(f'{o.name_en} {o.display_en}' for o in observed)}"] if observed else []
    if finding.target is not None:
        zh.append(f"目标 {target_text(finding.target, 'zh')}")
        en.append(f"target {target_text(finding.target, 'en')}")
    elif finding.next_target is not None and gradual(pack, finding) and finding.next_target.due is None:
        zh.append(f"目标 {target_text(finding.next_target, 'zh', gradual=True)}")  # never due: not “尚未到期”
        en.append(f"target {target_text(finding.next_target, 'en', gradual=True)}")
    elif finding.next_target is not None:
        zh.append(f"目标 {target_text(finding.next_target, 'zh')}，尚未到期")
        en.append(f"target {target_text(finding.next_target, 'en')}, not yet due")
    zh.append(f"依据《{plan.short_zh}》{finding.section}：“{finding.quote}”")
    en.append(f"per {plan.short_en}, {finding.section}: “{finding.quote}”")
    return "；".join(zh), "; ".join(en)


def parts_text(pack: RulePack, metric_id: str, figure: Figure, value: Value | None, kind_zh: str) -> str:
    """How a figure was made, as the batch prints it after the figure: 3/4，缺1, or for a rate from member rates
    `按“自然村数量”加权，4个行政村` or `各行政村本身数值的范围，4个行政村，4个未填“自然村数量”`."""
    aggregate = aggregate_of(pack, metric_id)
    missing = f"，缺{figure.missing}" if figure.missing else ""
    if aggregate.rule == AggregateRule.SHARE and aggregate.weight:
        size = pack.catalogue.metric(aggregate.weight)
        unsized = figure.unweighted + figure.lacking_unweighted
        lacking = f"，{unsized}个未填“{size.name_zh}”" if unsized else ""
        area = f"{_number(figure.numerator)}/{_number(figure.weight)}{size.unit or ''}"
        return f"按“{size.name_zh}”加权：{area}，{figure.denominator}个{kind_zh}{missing}{lacking}"
    if aggregate.rule != AggregateRule.MEAN:
        unsure = figure.maybe_met + figure.maybe_short
        among = f"，{unsure}个未填“{pack.catalogue.metric(aggregate.among or '').name_zh}”" if unsure else ""
        return f"{_number(figure.numerator)}/{figure.denominator}{missing}{among}"
    base = f"“{pack.catalogue.metric(aggregate.weight).name_zh}”" if aggregate.weight else "基数"
    weighted = aggregate.weight and not figure.unweighted and figure.weight > 0
    if value is not None:
        if weighted:
            return f"按{base}加权，{figure.denominator}个{kind_zh}"
        return f"{figure.denominator}个{kind_zh}的数值均为{shown(value, pack.catalogue.metric(metric_id))}"
    lacking = f"，{figure.unweighted}个未填{base}" if figure.unweighted else ""
    if aggregate.weight and not figure.unweighted and figure.denominator and not figure.weight:
        lacking = f"，{base}合计为0"
    if figure.missing and figure.denominator:  # the range printed is what the missing could make it: say the known one
        metric = pack.catalogue.metric(metric_id)
        low, high = shown(noise_free(figure.lowest), metric), shown(noise_free(figure.highest), metric)
        known = f"已填的{figure.denominator}个{kind_zh}为{low}～{high}" if low != high else f"已填的均为{low}"
        unread = f"（{figure.unread}行未读入，见 rejected.csv）" if figure.unread else ""
        if weighted and not (figure.lacking_unweighted or figure.absent or figure.unplaced or figure.unread):
            return f"按{base}加权的范围：{known}，缺{figure.missing}个（其{base}已知），缺少者可为任一值"
        if weighted and figure.lacking_unweighted:
            lacking = f"，其中{figure.lacking_unweighted}个也未填{base}"
        return f"各{kind_zh}本身数值的范围：{known}，缺{figure.missing}个{unread}，缺少者可为任一值{lacking}"
    return f"各{kind_zh}本身数值的范围，{figure.denominator}个{kind_zh}{missing}{lacking}"
