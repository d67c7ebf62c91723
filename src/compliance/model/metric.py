"""The metric catalogue: what facts may state and requirements may test."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from compliance.model.conflicts import Conflict, NameReading
from compliance.model.plausible import Plausible
from compliance.model.unitnames import RANK, unit_shown


class MetricType(StrEnum):
    NUMBER = "number"
    PERCENT = "percent"
    BOOLEAN = "boolean"
    ORDINAL = "ordinal"
    """Ordered levels, best first (water class Ⅰ < Ⅱ < … < 劣Ⅴ): `<=` means "as good as or better"."""
    CATEGORY = "category"
    """Unordered levels: only `==`, `!=`, `in`, `not_in`."""


class Level(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    name_zh: str
    name_en: str
    aliases: list[str] = Field(default_factory=list, description="Other spellings accepted in facts files")


class AggregateRule(StrEnum):
    SHARE = "share"
    """Percent of member sites, among those with the fact, where `of op value` holds."""
    COUNT = "count"
    """Number of member sites where `of op value` holds."""
    MEAN = "mean"
    """A district rate from the members' own rates (`of`): weighted by each member's base (`weight`) when every
    member states it, else known only to lie between the lowest and the highest member rate."""
    ALL = "all"
    """Whether `of op value` holds for every member."""
    ANY = "any"
    """Whether `of op value` holds for at least one member."""


AggregateOp = Literal[">=", ">", "<=", "<", "==", "!="]


class Aggregate(BaseModel):
    """How a district or city figure is computed from the sites of one kind inside it."""

    model_config = ConfigDict(extra="forbid")

    over: str = Field(description="Member site kind, e.g. village")
    rule: AggregateRule
    of: str = Field(description="The member metric read from each member site")
    op: AggregateOp | None = Field(default=None, description="share, count, all, any: the test each member must meet")
    value: float | bool | str | None = Field(
        default=None, description="share, count, all, any: the value tested against"
    )
    among: str | None = Field(
        default=None,
        description=(
            "A yes/no member fact a member must state 是 to count (是否为农村集中供水工程): one stating 否 is no member"
            " of the figure, one not stating it a member missing its figure"
        ),
    )
    among_levels: list[str] | None = Field(
        default=None,
        description=(
            "With a category or ordinal `among` metric: the levels a member must state to count (所属流域 闽江 or"
            " 敖江); one stating another level is no member, one not stating it a member missing its figure"
        ),
    )
    within: str | None = Field(
        default=None,
        description=(
            "A yes/no member fact a member must also state 是 to count, beside `among` (是否为考核断面 of a"
            " share over assessed sections): one stating 否 is no member; one not stating it a member missing its"
            " figure, the column named, as the rule reading the site alone takes it (never counted either way)"
        ),
    )
    exempt: str | None = Field(
        default=None,
        description=(
            "A member fact whose `exempt_levels` (是 for a yes/no fact) make a site no member, whatever `among` says:"
            " a station classified 退出 owes its exit, not a flow; a small-watershed section is no main-basin one;"
            " one not stating it is a member missing its figure, as it is site by site"
        ),
    )
    exempt_levels: list[str] | None = Field(
        default=None, description="With a category `exempt` metric: the levels that exempt a member"
    )
    exempt_once: str | None = Field(
        default=None,
        description=(
            "A yes/no member fact that must also be 是 for `exempt` to exempt a site: a station classified 退出 is"
            " no member once its exit is done (水电站退出完成); one still running is a member, with its flow"
        ),
    )
    weight: str | None = Field(
        default=None,
        description=(
            "mean: the member's base (自然村数, 农村人口, 堤防长度), the district rate its rates weighted by it; share:"
            " the member's size (建筑面积), the share of it meeting the test; known only when every member states it"
        ),
    )
    members: int | None = Field(
        default=None, ge=1, description="How many members the plan counts (九家水电站): those not in the batch miss"
    )
    whole: bool = Field(
        default=False,
        description="Asked of the whole district (整区): never passed on a batch lacking a 镇 or 乡 of it",
    )
    definition_zh: str = ""
    definition_en: str = ""

    def member_facts(self) -> list[str]:
        """The facts besides `of` a member's figure reads: membership, base and exemption."""
        facts = (self.among, self.within, self.weight, self.exempt, self.exempt_once)
        return [fact for fact in facts if fact is not None]

    @model_validator(mode="after")
    def _test_matches_rule(self) -> Aggregate:
        needs_test = self.rule != AggregateRule.MEAN
        if needs_test and (self.op is None or self.value is None):
            raise ValueError(f"a {self.rule.value} aggregate needs `op` and `value` (the test each member meets)")
        if not needs_test and (self.op is not None or self.value is not None):
            raise ValueError("a mean aggregate takes no `op` or `value`")
        if self.weight is not None and self.rule not in (AggregateRule.MEAN, AggregateRule.SHARE):
            raise ValueError("only a mean or a share aggregate takes a `weight`")
        if self.among_levels is not None and self.among is None:
            raise ValueError("`among_levels` needs `among` (the metric whose levels they are)")
        if self.exempt_levels is not None and self.exempt is None:
            raise ValueError("`exempt_levels` needs `exempt` (the metric whose levels they are)")
        if self.exempt_once is not None and self.exempt is None:
            raise ValueError("`exempt_once` needs `exempt` (what it completes)")
        return self


class Metric(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name_zh: str
    name_en: str
    type: MetricType
    unit: str = Field(default="", description="Unit symbol shown after values, e.g. % or mg/L")
    minimum: float | None = None
    maximum: float | None = None
    plausible: Plausible | None = Field(
        None, description="The figures it can take at all: one outside is on another scale (metres for km), refused"
    )
    levels: list[Level] = Field(default_factory=list, description="ordinal and category metrics only")
    below_detection: bool = Field(
        False, description="A measured value may be written <0.01 (below the detection limit), read as that limit"
    )
    definition_zh: str = ""
    definition_en: str = ""
    read_from_name: NameReading | None = Field(
        None, description="When a site of these kinds does not state it, read from its name (named places alike)"
    )
    conflicts: list[Conflict] = Field(default_factory=list, description="Values of other facts or names denying one")
    aggregate: Aggregate | None = Field(
        None, description="For a district or city figure: how to compute it from member sites (batch)"
    )
    aliases: list[str] = Field(default_factory=list, description="Other names a key or column may use (EQI指数)")
    replaces: list[str] = Field(default_factory=list, description="Names of metrics it replaced: refused, naming it")
    due_at_period_end: bool = Field(False, description="A yes/no done once a period: a running period's no is left out")
    due_in_year: str | None = Field(None, pattern=r"^[01]\d-[0-3]\d$", description="MM-DD a yearly duty is due by")
    due_from: str | None = Field(
        None,
        description=(
            "For a yes/no done once in each period: the first period it is due (the year its plan was issued, or the"
            " first its target names). An ended period from then answered no is a period missed, and the duty is"
            " read as no, whatever the periods after it say"
        ),
    )
    status_words: bool = Field(
        True,
        description=(
            "Whether words saying how something went (达标, 已完成) answer this yes/no fact: set when the pack loads"
            " (leave it out), false for a fact deciding whom a rule covers (病险水库) or one a rule wants 否"
            " (违规占用生态保护红线), where 不达标 would read backwards"
        ),
    )
    deeds: tuple[str, ...] = Field(
        (), description="The deeds 已/未 answer this yes/no fact with (已建立): set when the pack loads (leave it out)"
    )
    progress: Literal["under_way", "done"] | None = Field(
        None,
        description=(
            "For a yes/no duty, how far the work must have got for 是, as its definition says. under_way: work going"
            " on counts (正在推进, 已开展（完成）), so 实施中/已开展/已推进 read 是, 未开展 否, and 未完成, which says"
            " not whether it has begun, is refused. done: only completed work counts (已完成规范整治), so a word"
            " saying it has only begun (已开展, 实施中) is refused"
        ),
    )
    fractional: bool = Field(
        False,
        description=(
            "A count (个, or another measure word of things counted) that may hold a fraction (a mean of counts): a"
            " count's figure is otherwise a whole number, and 2.5 个 is refused"
        ),
    )
    lasting: bool = Field(
        False,
        description=(
            "An achievement that stays once reached (已建成美丽乡村, a beautiful-bay level): an earlier year's figure"
            " that already meets a dated target (到2027年建成) shows it met; one that falls short still wants the"
            " target's year"
        ),
    )
    state_rate: bool = Field(False, description="A rate of what stands (普及率): a month's figure is the state then")
    before_plan: bool = Field(False, description="A lasting yes/no whose 是 of a year before the plan counts too")
    reached_from: str | None = Field(
        None, description="A lasting yes/no: the year from which a 是 shows it reached, set when the pack loads"
    )
    cuts: tuple[tuple[str, float], ...] = Field(
        (),
        description=(
            "Every test a rule makes of this metric: an operator (>=, >, <=, <, ==) and a constant as the engine's"
            " number (a level by its rank): set when the pack loads (leave it out). Two values every test answers"
            " alike get the same answer from every rule"
        ),
    )
    series_value: Literal["latest", "lowest", "highest"] = Field(
        "latest",
        description=(
            "The value a dated series of this metric stands for: its latest period's, or, for a figure every period"
            " must meet (每日, 评估期内未发生), its lowest or highest period's over the year to the latest period; a"
            " period missing inside that year then leaves the value unknown"
        ),
    )
    per_day: bool = Field(
        False,
        description=(
            "A count of each day (每日机扫次数): a dated series of it must be by day. A month's or a year's figure (a"
            " 月报's total for the month) is no day's count, so such a series is set aside with a notice, never read"
            " as days; the day's log, or the least day of the period as one value, is asked for"
        ),
    )
    per_month: bool = Field(
        False,
        description=(
            "A yes/no of each month (当月达标, read 每月): a dated series of it must be by month. A year's verdict"
            " (年度考核达标) says nothing of its months: such a series is set aside with a notice, the months asked for"
        ),
    )
    forbidden_from: str | None = Field(
        None,
        description=(
            "For a yes/no act a prohibition forbids (a rule of modality prohibition wants it 否): the year the earliest"
            " plan forbidding it was issued, set on load. Its series stands for its worst period from that year on"
        ),
    )
    logged_from: dt.date | None = Field(None, description="A log read over the last year: its plan's issue (on load)")
    over_plan: bool = Field(False, description="A count of relapses (返黑返臭数量): read over its plan's years")
    logged_by: tuple[str, ...] = Field(
        (), description="Of a figure of incidents handled, the incident logs bringing its duty to bear (set on load)"
    )
    occurred_from: str | None = Field(
        None,
        description=(
            "For a log of incidents whose occurrence decides whether a duty applies (发现露天焚烧行为数,"
            " 发生突发环境事件), and the duty's own worst-period figure (the share handled): the year the plan was"
            " issued, set when the pack loads (leave it out). Like `forbidden_from`, the series stands for its worst"
            " period from that year on: incidents of 2025 are not undone by a quiet 2026"
        ),
    )

    @model_validator(mode="after")
    def _levels_match_type(self) -> Metric:
        has_levels = self.type in (MetricType.ORDINAL, MetricType.CATEGORY)
        if has_levels != bool(self.levels):
            raise ValueError("levels are required for ordinal and category metrics, and only for them")
        if self.type == MetricType.PERCENT:
            if self.minimum is None:
                self.minimum = 0.0
            if self.maximum is None:
                self.maximum = 100.0
        return self

    def level_index(self, token: str) -> int | None:
        """Position of a level given by id, Chinese or English name, or alias; None if unknown."""
        wanted = token.strip()
        for index, level in enumerate(self.levels):
            if wanted in (level.id, level.name_zh, level.name_en, *level.aliases):
                return index
        folded = unicodedata.normalize("NFKC", wanted).casefold()  # Other, MIN RIVER, Ｎｏｎｅ: when one level only
        found = [
            index
            for index, level in enumerate(self.levels)
            if folded
            in {
                unicodedata.normalize("NFKC", n).casefold()
                for n in (level.id, level.name_zh, level.name_en, *level.aliases)
            }
        ]
        return found[0] if len(found) == 1 else None


_BRACKETED = re.compile(r"（[^）]*）|\([^)]*\)")


def kind_key(text: str) -> str:
    """A kind's name as compared: full-width folded (NFKC), case-folded, `_`/`-` and space runs as one space."""
    folded = unicodedata.normalize("NFKC", text).casefold().replace("_", " ").replace("-", " ")
    return " ".join(folded.split())


class SiteKind(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name_zh: str
    name_en: str
    aliases: list[str] = Field(default_factory=list)
    """Other words for the kind, the plans' own among them (镇, 街道 for 乡镇（街道）; 工业园区 for 园区)."""
    states: dict[str, dict[str, bool | float | str]] = Field(
        default_factory=dict,
        description="Per alias, the facts that word itself states (拆除工程: {demolition_works: true})",
    )
    """An alias naming the deciding fact as well as the kind (拆除工程 is a 建筑工地 that is 属拆除工程): a site
    filed by that word states those facts, and is not asked them again."""

    @model_validator(mode="after")
    def _states_are_of_aliases(self) -> SiteKind:
        for word in self.states:
            if word not in self.aliases:
                raise ValueError(f"kind {self.id}: states {word!r}, which is not one of its aliases")
        return self

    def spellings(self) -> list[str]:
        """How people name the kind: its id, its Chinese name whole or without the bracketed part (河段（断面）,
        河段; 畜禽养殖场), its English name whole or up to " or " (river segment), and its aliases."""
        bare = _BRACKETED.sub("", self.name_zh).strip()
        return [self.id, self.name_zh, bare, self.name_en, self.name_en.split(" or ")[0], *self.aliases]


class Catalogue(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kinds: list[SiteKind]
    metrics: list[Metric]

    @model_validator(mode="after")
    def _kind_names_name_one_kind(self) -> Catalogue:
        named: dict[str, str] = {}
        for kind in self.kinds:
            for spelling in kind.spellings():
                other = named.setdefault(kind_key(spelling), kind.id)
                if other != kind.id:
                    raise ValueError(f"kind name {spelling!r} would name both {other} and {kind.id}")
        return self

    def find_kind(self, text: str) -> SiteKind | None:
        """The kind `text` names (id, Chinese or English name, see SiteKind.spellings), or None.

        The one resolver for every place a kind is written: facts files, batch `--kind` and kind columns,
        `facts template`, `schema facts`, `rules list` and scenarios."""
        held = _KIND_INDEXES.get(id(self))
        if held is None or held[0] is not self or held[2] != len(self.kinds):
            index = {kind_key(spelling): kind for kind in self.kinds for spelling in kind.spellings()}
            held = _KIND_INDEXES[id(self)] = (self, index, len(self.kinds))
        return held[1].get(kind_key(text))

    def stated_by_kind(self, text: str) -> dict[str, bool | float | str]:
        """The facts the kind word `text` states of itself (an alias with `states`), by metric id; {} for any other."""
        kind = self.find_kind(text)
        if kind is None:
            return {}
        key = kind_key(text)
        return next((dict(facts) for word, facts in kind.states.items() if kind_key(word) == key), {})

    def metric(self, metric_id: str) -> Metric:
        held = _INDEXES.get(id(self))
        if held is None or held[0] is not self or len(held[1]) != len(self.metrics):
            held = _INDEXES[id(self)] = (self, {metric.id: metric for metric in self.metrics})
        return held[1][metric_id]

    def kind(self, kind_id: str) -> SiteKind:
        for kind in self.kinds:
            if kind.id == kind_id:
                return kind
        raise KeyError(kind_id)


_INDEXES: dict[int, tuple[Catalogue, dict[str, Metric]]] = {}
_KIND_INDEXES: dict[int, tuple[Catalogue, dict[str, SiteKind], int]] = {}
"""Metric lookup tables by catalogue (kept with the catalogue itself, so an id is never reused)."""


def noise_free(value: float) -> float:
    """`value` to 12 significant digits: 99.89999999999999 (the mean of 99.8, 99.9 and 100 in binary floating point, or
    the value Excel saves for a formula it shows as 99.9) is 99.9, as people read and the plans write it."""
    return float(f"{value:.12g}") if value else value


def display(value: float | bool | str, metric: Metric, lang: str = "zh") -> str:
    """A value as people read it: 75%, 12.5 mg/L, 是/yes, Ⅱ类/II."""
    if isinstance(value, bool):
        if lang == "zh":
            return "是" if value else "否"
        return "yes" if value else "no"
    if isinstance(value, float):
        text = f"{value:.6g}" if abs(value) < 1e15 else f"{value:.6e}"
        if metric.type == MetricType.PERCENT:
            return f"{text}%"
        if metric.unit == RANK:
            return f"第{text}位" if lang == "zh" else f"rank {text}"
        return f"{text} {unit_shown(metric, lang, value)}".strip()
    index = metric.level_index(value)
    if index is None:
        return value
    level = metric.levels[index]
    return level.name_zh if lang == "zh" else level.name_en


_STANDING_UNITS = frozenset({"个", "人", "位", RANK, "种", "类", "km"})
"""Units of what stands (things built or counted, people served, a length laid): its latest figure is today's."""


def of_a_period(metric: Metric) -> bool:
    """Whether a figure of the metric describes a period (a rate, a concentration, a class, a year's total), not
    what stands on a day (a yes/no state, a count of things built, an achievement that lasts): a log of months or
    days of it tells the year's figure only where every period gives the rules the same answer (`straddles`)."""
    if metric.type in (MetricType.BOOLEAN, MetricType.CATEGORY) or metric.lasting:
        return False
    return metric.type != MetricType.NUMBER or (metric.unit or "") not in _STANDING_UNITS


def rank(value: float | bool | str, metric: Metric) -> float:
    """A value as a number to order by: a level by its position (-1 unknown), a yes/no as 1 or 0."""
    if isinstance(value, str):
        index = metric.level_index(value)
        return float(index if index is not None else -1)
    return float(value)


def off_grain(periods: Iterable[str], metric: Metric) -> bool:
    """Whether a series of a count of each day (`Metric.per_day`) has a period that is not a day (2026-06, 2026), or
    one of a yes/no of each month (`Metric.per_month`) a period that is not a month (2025, 2026-06-01)."""
    grain = 10 if metric.per_day else 7 if metric.per_month else None
    return grain is not None and any(len(period) != grain for period in periods)
