"""Reading a site's facts file (YAML or JSON) into validated Facts."""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema, field_validator

from compliance.load.divisions import PLACE_KINDS, Divisions, PlaceConflict
from compliance.load.groupfacts import denied_groups
from compliance.load.kind_words import kind_hint
from compliance.load.periodkeys import begun_after, period_key, unread_period
from compliance.load.shape import check_shape
from compliance.load.siteattributes import dated_attribute_problems, facts_in_attributes
from compliance.load.units import PERIOD_WORD, UNIT_SUFFIX, bracket_problem, period_of, split_unit
from compliance.load.validate import validate
from compliance.load.values import DATE_FORMS, ValueProblem, is_blank, read_date, stated_value
from compliance.load.yamlsrc import Located, read
from compliance.load.yamlwords import VALUE_OR_SERIES, require_one_site
from compliance.model.checks import KIND_METRIC
from compliance.model.facts import (
    Facts,
    Notice,
    Observation,
    Provenance,
    Site,
    series_holes,
    series_notice,
)
from compliance.model.gazetteer import Gazetteer
from compliance.model.logread import value_of_series
from compliance.model.metric import Catalogue, Metric, kind_key
from compliance.model.namewords import fact_conflicts, kind_word_conflict, name_contradictions
from compliance.model.problems import InputError, Problem
from compliance.model.problemzh import in_chinese

RawValue = float | bool | str


class ObservationIn(BaseModel):
    """A value, or a dated series of values, with where it came from."""

    model_config = ConfigDict(extra="forbid")

    value: RawValue | None = None
    series: dict[str, RawValue | None] | None = Field(
        None,
        description="Period -> value; periods are years (2021), months (2025-01) or days (2025-01-31), all of one kind",
    )
    source: str = ""
    observed_on: Annotated[
        dt.date | None,
        WithJsonSchema({"anyOf": [{"type": "string"}, {"type": "null"}], "default": None, "title": "Observed On"}),
    ] = Field(default=None, description=f"A date: {DATE_FORMS}")
    evidence: str = ""

    @field_validator("observed_on", mode="before")
    @classmethod
    def _date(cls, raw: object) -> dt.date | None:
        """Dates as people write them, read by the one date reader (an impossible date says so)."""
        if is_blank(raw):
            return None
        try:
            return read_date(raw)
        except ValueProblem as problem:
            raise ValueError(str(problem)) from None


class FactsFile(BaseModel):
    """A facts file as written: the site, and metric values keyed by metric id or catalogue name."""

    model_config = ConfigDict(extra="forbid")

    site: Site
    facts: dict[str, RawValue | ObservationIn | None] = Field(
        default_factory=dict, description="A blank value means not known: reported as missing data"
    )


_GDP = re.compile(r"(?:地区|国内)?生产总值")
"""GDP as statistical bulletins name it, in a metric's name."""


class MetricIndex:
    """Finds a metric by id, Chinese name or English name (case and spacing ignored)."""

    def __init__(self, catalogue: Catalogue) -> None:
        self._by_key: dict[str, Metric] = {}
        stated = [m for m in catalogue.metrics if m.id != KIND_METRIC]  # the kind is the site's, not a fact
        self._retired: dict[str, Metric] = {}
        for metric in stated:
            for key in (metric.id, metric.name_zh, metric.name_en, *metric.aliases):
                self._by_key.setdefault(self._norm(key), metric)
            self._retired.update((self._norm(old), metric) for old in metric.replaces)
        self._choices = [m.id for m in stated] + [m.name_zh for m in stated]
        self._alias_of = {alias: m.name_zh for m in stated for alias in m.aliases}
        """An alias close to a name is suggested as its metric's name (PM2.5年均浓度: 城市细颗粒物（PM2.5）年均浓度)."""

    @staticmethod
    def _norm(key: str) -> str:
        """Case, spacing and width folded: 生态质量指数(EQI) as the plan writes it is 生态质量指数（EQI）; GDP as
        statistical bulletins spell it (单位地区生产总值能耗, 万元地区生产总值用水量) is the plans' GDP."""
        folded = key if key.isascii() else unicodedata.normalize("NFKC", key)
        folded = folded if folded.isascii() else _GDP.sub("gdp", folded)
        return " ".join(folded.strip().lower().replace("_", " ").split())

    def find(self, key: str) -> Metric | None:
        return self._by_key.get(self._norm(key))

    def find_with_unit(self, key: str) -> tuple[Metric | None, str | None]:
        """The metric `key` names, and the unit written after the name, in brackets or not (None when there is
        none): `农村生活污水治理率(%)`, `农村生活污水治理率%` and `… 单位：%` are the rate with the unit %. Whether that
        unit is the metric's is for the caller to ask (`units.unit_agrees`)."""
        found = self.find(key)
        if found is not None:
            return found, None
        parts = split_unit(key)
        if parts is None:
            return None, None
        return self.find(parts[0]), parts[1]

    def unknown(self, key: str) -> str:
        return f"unknown metric {key!r}{self.close_to(key)}"

    def replacement(self, key: str) -> Metric | None:
        """The metric that replaced a retired metric's name (its `replaces`), or None."""
        return self._retired.get(self._norm(key))

    def replaced(self, key: str) -> str:
        """What a retired metric's name is told: the metric that replaced it and its answers; '' for any other."""
        metric = self.replacement(key)
        if metric is None:
            return ""
        en = f" ({', '.join(level.name_zh for level in metric.levels)})" if metric.levels else ""
        zh = f"（{'、'.join(level.name_zh for level in metric.levels)}）" if metric.levels else ""
        return f"no longer asked: write {metric.name_zh}{en} instead / 已不再使用：请改填“{metric.name_zh}”{zh}"

    def close_to(self, key: str) -> str:
        """The ' (did you mean …?)' a facts file's unknown `key` gets, or ''; a unit or note in brackets after a
        name (`农村集中供水工程（是/否）`, `PM2.5年均浓度（μg/m³）`) is compared without it, as the name is read,
        and the whole is tried only when the bare name is close to nothing (the brackets would otherwise pull the
        hint towards names with brackets of their own). A retired metric's name is told what replaced it."""
        if retired := self.replaced(key):
            return f" ({retired})"
        bracketed = UNIT_SUFFIX.search(key)
        bare = self._near(key[: bracketed.start()]) if bracketed and bracketed.start() else ""
        return bare or self._near(key)

    def _near(self, word: str) -> str:
        """A did-you-mean among ids, names and aliases, an alias shown as its metric's name, each name once."""
        close = difflib.get_close_matches(word, [*self._choices, *self._alias_of], n=6, cutoff=0.6)
        names = list(dict.fromkeys(self._alias_of.get(choice, choice) for choice in close))[:3]
        return f" (did you mean {', '.join(names)}?)" if names else ""


_PROTECTED = frozenset({"nature_reserve"})
"""Kinds of protected area (自然保护地), with duties of their own."""


def resolve_kind(text: str, catalogue: Catalogue) -> str:
    """The id of the kind `text` names (`village`, `行政村`, `河段`, `Industrial Park` …); an unknown kind is a
    ValueProblem saying which names are close and listing every kind."""
    kind = catalogue.find_kind(text)
    if kind is not None:
        return kind.id
    written = kind_key(text)
    # A protected area's name that only puts a word before what was written (公园 -> 森林公园, a 自然保护地) names
    # a narrower thing whose duties a city park does not have: it is not suggested. Others are (水源地 -> 饮用水水源地).
    owner = {
        spelling: k
        for k in reversed(catalogue.kinds)
        for spelling in k.spellings()
        if not (
            k.id in _PROTECTED and written and kind_key(spelling).endswith(written) and kind_key(spelling) != written
        )
    }
    # One suggestion a kind, its own name where that is close (养殖场 -> 畜禽养殖场, 水产养殖场: the two farms' kinds).
    close = difflib.get_close_matches(text, list(owner), n=10, cutoff=0.6)
    shown: dict[str, str] = {}
    for spelling in close:
        kind = owner[spelling]
        if len(kind_key(spelling)) == 1 < len(written):  # 夜市 is no 市: a one-character kind only for itself
            continue
        bare = _BRACKETS.sub("", kind.name_zh)
        shown.setdefault(kind.id, bare if bare in close else spelling)
    hint = kind_hint(text, catalogue, shown)
    listed = ", ".join(f"{k.id} ({k.name_zh})" for k in catalogue.kinds)
    raise ValueProblem(f"unknown site kind {text!r}{hint}; expected one of {listed}")


_BRACKETS = re.compile(r"（[^）]*）")


def _bracket_problem(unit: str, metric: Metric) -> str:
    """What is wrong with the brackets after a metric's name in a key: a period where a unit goes, or a unit not
    the metric's; empty when they are fine."""
    if PERIOD_WORD.match(unit):
        period = period_of(unit)
        return (
            f"the brackets hold a period ({unit}), not a unit: give the figures by period, e.g. "
            f"{metric.name_zh}: {{series: {{{period}: …}}}} / 括号中是时期，请按时期填写逐期数据"
        )
    return bracket_problem(unit, metric)


def observations_from(
    raw: Mapping[str, Any],
    index: MetricIndex,
    located: Located,
    prefix: tuple[str, ...] = ("facts",),
    holes: dict[str, dict[str, float | bool | str]] | None = None,
) -> tuple[dict[str, Observation], list[Problem], list[Notice]]:
    """The observations of `raw` (facts by metric id or name), the problems with them, and notices of series left
    unread: one every period of which must meet a rule, with a period missing inside it (into `holes`, the series)."""
    observations: dict[str, Observation] = {}
    problems, notices = list[Problem](), list[Notice]()
    given_by: dict[str, str] = {}
    for key, entry in raw.items():
        path = (*prefix, key)
        metric, unit = index.find_with_unit(key)
        if metric is None:
            problems.append(located.problem(path, index.unknown(key)))
            continue
        if unit is not None and (wrong := _bracket_problem(unit, metric)):
            problems.append(located.problem(path, wrong))
            continue
        if is_blank(entry) or (isinstance(entry, ObservationIn) and is_blank(entry.value) and entry.series is None):
            continue  # a blank marker (—, /, 无数据 …): not known, reported as missing data
        if metric.id in given_by:
            problems.append(located.problem(path, _twice(given_by[metric.id], key, metric)))
            continue
        given_by[metric.id] = key
        provenance, blanks = Provenance(), list[str]()
        value: RawValue | None = entry if not isinstance(entry, ObservationIn) else entry.value
        series: dict[str, float | bool | str] | None = None
        if isinstance(entry, ObservationIn):
            provenance = Provenance(source=entry.source, observed_on=entry.observed_on, evidence=entry.evidence)
            if (entry.value is None) == (entry.series is None):
                problems.append(located.problem(path, VALUE_OR_SERIES))
                continue
            if entry.series is not None:
                try:
                    series = read_series(entry.series, metric)
                    begun_after(series, entry.observed_on)  # 2025's figure observed in 2024: refused
                except ValueProblem as problem:
                    problems.append(located.problem((*path, "series"), str(problem)))
                    continue
                if not series:
                    continue  # every period blank: not known
                blanks = blank_periods(entry.series)  # the as-of date decides whether the latest of them counts
                value = value_of_series(series, metric)
                if value is None:  # a period inside is missing, or the months disagree: either may decide
                    notices.append(series_notice(metric, series))
                    (holes if holes is not None else {})[metric.id] = series  # the findings name what it misses
                    continue
        try:
            canonical = value if series is not None else stated_value(value, metric)
        except ValueProblem as problem:
            problems.append(located.problem(path, str(problem)))
            continue
        assert canonical is not None
        observations[metric.id] = Observation(
            metric=metric.id, value=canonical, series=series, provenance=provenance, blank_periods=blanks
        )
    return observations, problems, notices


def _mixed(raw: Mapping[str, RawValue | None], kinds: set[str]) -> str:
    """Why a series mixing years, months and days is refused, with one period of each kind given."""
    named = [kind for kind in ("year", "month", "day") if kind in kinds]
    shown = [next(p for p in raw if _period_kind(p) == kind) for kind in named]
    return (
        f"periods mix {' and '.join(kind + 's' for kind in named)} ({', '.join(shown)}): give all as years, all as"
        f" months or all as days / 时期格式混用（{'、'.join(shown)}）：请全部写作年份、全部写作月份或全部写作日期"
    )


def _twice(first: str, again: str, metric: Metric) -> str:
    return (
        f"{first!r} and {again!r} both give {metric.name_zh} ({metric.id}): give it once / “{first}”与“{again}”"
        f"是同一指标（{metric.name_zh}），只填一次"
    )


_YEAR = re.compile(r"^\d{4}$", re.ASCII)
_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$", re.ASCII)
_DAY = re.compile(r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$", re.ASCII)


def _period_kind(period: str) -> str:
    if _YEAR.match(period):
        return "year"
    if _MONTH.match(period):
        return "month"
    if _DAY.match(period):
        try:
            dt.date.fromisoformat(period)
        except ValueError:
            return "bad"
        return "day"
    return "bad"


def read_series(raw: Mapping[str, RawValue | None], metric: Metric) -> dict[str, float | bool | str]:
    """Periods in order, each value read as for a single value; years, months and days (sampling dates, daily
    air data) may not be mixed. A blank period is left out (empty when all are)."""
    if not raw:
        raise ValueProblem("a series needs at least one period")
    raw = periods_folded(raw)
    kinds = {_period_kind(p) for p in raw}
    if "bad" in kinds:
        raise ValueProblem(*unread_period(next(p for p in raw if _period_kind(p) == "bad")))
    if len(kinds) > 1:
        raise ValueProblem(_mixed(raw, kinds))
    series: dict[str, float | bool | str] = {}
    for period in sorted(raw):
        if is_blank(raw[period]):
            continue  # a period without a figure is left out of the series
        try:
            series[period] = stated_value(raw[period], metric)
        except ValueProblem as problem:
            raise _of_period(period, str(raw[period]), str(problem)) from None
    return series


_LISTED_PERIOD = re.compile(r"、\s*\S+?\s*[:：]")
"""A 、 before another period (80、2025: 60): 、 separates nothing, so the rest was read as one value."""


def _of_period(period: str, written: str, problem: str) -> ValueProblem:
    """A period's value refused, in English and Chinese, with a hint when 、 stands between two periods."""
    chinese_of = in_chinese(problem)  # an English message, whose own text may hold " / " (Ⅰ类 (I) / Ⅱ类 (II) / …)
    english, _, chinese = (problem, "", chinese_of) if chinese_of is not None else problem.partition(" / ")
    hint_en = hint_zh = ""
    if _LISTED_PERIOD.search(written):
        hint_en = "; 、 does not separate periods: put ， or ; between them (2024: 70，2025: 72)"
        hint_zh = "；顿号“、”不分隔时期，请用“，”或“;”分隔各期（2024: 70，2025: 72）"
    chinese = f" / {period}：{chinese}{hint_zh}" if chinese else ""
    return ValueProblem(f"{period}: {english}{hint_en}{chinese}")


def periods_folded(raw: Mapping[str, RawValue | None]) -> dict[str, RawValue | None]:
    """The series with its periods as the rules write them (２０２５ typed by an input method, 2025年 and 2025年度 are
    2025: `periodkeys`); a period given twice that way is a problem, as a key given twice is."""
    folded: dict[str, RawValue | None] = {}
    for period, value in raw.items():
        key = period_key(str(period))
        if key in folded:
            zh = f"时期 {key} 写了两次（全角、半角数字是同一时期）：只写一次"
            raise ValueProblem(f"period {key} is given twice / {zh}")
        folded[key] = value
    return folded


def blank_periods(raw: Mapping[str, RawValue | None]) -> list[str]:
    """The periods of a series written blank (2025: 暂无) beside filled ones, in order (none when all are blank)."""
    folded = periods_folded(raw)
    blanks = sorted(period for period, value in folded.items() if is_blank(value))
    return blanks if len(blanks) < len(folded) else []


SITE_FIELD_PATHS = {
    "district": ("district",),
    "admin_code": ("admin_code",),
    "township": ("attributes", "township"),
    "name": ("name",),
}
"""Where in a facts file each field a place conflict names is written."""


def load_facts(
    path: Path, catalogue: Catalogue, divisions: Divisions | None = None, gazetteer: Gazetteer | None = None
) -> Facts:
    return facts_from(read(path), catalogue, str(path), divisions, gazetteer)


def facts_from(
    located: Located,
    catalogue: Catalogue,
    source: str,
    divisions: Divisions | None = None,
    gazetteer: Gazetteer | None = None,
) -> Facts:
    """Facts from parsed YAML or JSON (a file, or one line of a JSONL batch); with `divisions`, the site's
    place resolved (codes and names filled from each other, a disagreement an error); with `gazetteer` too, its
    groups read as place names (`load.groupfacts`)."""
    require_one_site(located.file, located.data)
    _name_when_unnamed(located.data.get("site"), catalogue)
    check_shape(located)
    facts_file = validate(FactsFile, located)
    problems: list[Problem] = []
    index = MetricIndex(catalogue)
    site = facts_file.site
    written_kind = site.kind
    try:
        site = site.model_copy(update={"kind": resolve_kind(site.kind, catalogue)})
    except ValueProblem as problem:
        problems.append(located.problem(("site", "kind"), str(problem)))
    place_warnings: tuple[str, ...] = ()
    if divisions is not None:
        try:
            site, place_warnings = divisions.site(site)
        except PlaceConflict as conflict:
            problems.append(located.problem(("site", *SITE_FIELD_PATHS[conflict.field]), conflict.message))
    site, stated, notices = facts_in_attributes(site, index, located)
    held: dict[str, dict[str, float | bool | str]] = {}
    observations, value_problems, unread = observations_from(facts_file.facts, index, located, holes=held)
    holes = {metric_id: series_holes(catalogue.metric(metric_id), series) for metric_id, series in held.items()}
    problems.extend(value_problems)
    more, attribute_problems, unread_too = observations_from(stated, index, located, ("site", "attributes"))
    problems.extend(attribute_problems)
    problems += dated_attribute_problems(facts_file.site, {**observations, **more}, located, catalogue)
    for metric_id in more.keys() & observations.keys():
        problems.append(located.problem(("site", "attributes"), f"{metric_id} is given under facts too"))
    by_kind, contradicted = kind_word_facts(written_kind, catalogue, {**observations, **more})
    problems += [located.problem(("site", "kind"), message) for message in contradicted]
    given = {m: o.value for m, o in {**observations, **more}.items()}
    named = name_contradictions(site.kind, [site.name, *site.aliases], catalogue, given)
    problems += [located.problem(("site", "name"), message) for message in named]
    conflicts = fact_conflicts(site.kind, [site.name, *site.aliases], catalogue, {**observations, **more})
    problems += [located.problem(("facts",), message) for _, message in conflicts]
    denied = denied_groups(site.groups, {**observations, **more}, catalogue, gazetteer, divisions)
    problems += [located.problem(("site", "groups"), message) for message in denied]
    observations.update(by_kind)
    if problems:
        raise InputError(problems)
    notices = [*(Notice(text_zh=w, text_en=w) for w in place_warnings), *notices, *unread, *unread_too]
    observed = {**observations, **more}
    return Facts(site=site, observations=observed, source=source, notices=notices, holes=holes, held=held)


def kind_word_facts(
    word: str, catalogue: Catalogue, given: Mapping[str, Observation]
) -> tuple[dict[str, Observation], list[str]]:
    """The facts the kind word `word` states of itself (`SiteKind.states`: 拆除工程 is 属拆除工程: 是), as observations
    saying so, for those not given; and a message for each given that says otherwise (the file contradicts itself)."""
    added: dict[str, Observation] = {}
    contradicted: list[str] = []
    for metric_id, raw in catalogue.stated_by_kind(word).items():
        metric = catalogue.metric(metric_id)
        value = stated_value(raw, metric)
        if metric_id in given:
            if given[metric_id].value != value:
                contradicted.append(kind_word_conflict(word, metric, value, given[metric_id].value, "the facts give"))
            continue
        added[metric_id] = Observation(
            metric=metric_id,
            value=value,
            derived_zh=f"按类型“{word}”认定",
            derived_en=f"from its kind {word!r}",
        )
    return added, contradicted


def _name_when_unnamed(site: object, catalogue: Catalogue) -> None:
    """A site given by its code with no name: a district or township is named from the division table (its code
    stands in until the place is resolved), any other site by its id, as a batch row without a name is."""
    if not isinstance(site, dict) or str(site.get("name") or "").strip():
        return
    code, site_id = str(site.get("admin_code") or "").strip(), str(site.get("id") or "").strip()
    kind = catalogue.find_kind(str(site.get("kind") or ""))
    compact = "".join(unicodedata.normalize("NFKC", code).split())  # 350111 202 stands in as 350111202
    named = compact if kind is not None and kind.id in PLACE_KINDS else site_id
    if code and named:
        site["name"] = named
