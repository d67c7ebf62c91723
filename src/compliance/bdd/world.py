"""One scenario's state: the site and facts the Given steps build, the assessment, and the Then checks.

Every failure is a sentence in the feature's language, raised with `pytest.fail(..., pytrace=False)`, so a policy
officer reads what went wrong, never a traceback."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import NoReturn

import pytest

from compliance.assess.assessor import Assessor, Prepared
from compliance.bdd import tables
from compliance.bdd.library import closest
from compliance.bdd.places import check_placed
from compliance.bdd.refusal import Refusal
from compliance.bdd.tables import (
    SITE_FIELDS,
    W,
    beyond,
    district_and_township,
    district_written,
    in_language,
    plan_named,
    rows_of,
    same_field,
    unknown_attribute,
    unquote,
    word_of,
)
from compliance.load.attestations import conflicts
from compliance.load.divisions import PlaceConflict, divisions_of
from compliance.load.facts import MetricIndex, RawValue, blank_periods, kind_word_facts, read_series
from compliance.load.units import bracket_problem
from compliance.load.values import ValueProblem, is_blank, read_date, stated_value
from compliance.model.attestation import Attestation, AttestationBook
from compliance.model.facts import Facts, Notice, Observation, Site, series_holes
from compliance.model.logread import value_of_series
from compliance.model.metric import Metric
from compliance.model.namewords import contradictions
from compliance.model.plan import Requirement, RulePack
from compliance.model.problems import InputError
from compliance.model.result import Assessment, Finding, Status
from compliance.report.words import OUTCOME, STATUS, VERDICT

LIST_SPLIT = re.compile(r"\s*[,，、;；]\s*")
OUTCOME_OF = {word: outcome for words in OUTCOME.values() for outcome, word in words.items()}
"""An attestation step's outcome word (通过, fail …) to the outcome it records; the steps take only these words."""


def fail(message: str) -> NoReturn:
    pytest.fail(message, pytrace=False)


@dataclass
class World(Refusal):
    pack: RulePack
    assessor: Assessor
    metrics: MetricIndex
    """Built once per run: finds a metric by id, Chinese or English name."""
    lang: str
    kind: str = ""
    kind_word: str = ""  # the kind as written (拆除工程): it may state facts of itself (`kind_word_facts`)
    site: dict[str, object] = field(default_factory=dict)
    observations: dict[str, Observation] = field(default_factory=dict)
    holes: dict[str, list[str]] = field(default_factory=dict)  # per log left without a value, the periods it lacks
    given: dict[str, tuple[str, int]] = field(default_factory=dict)  # by a step, as written and its line: twice a slip
    step_line: int = 0  # the line of the Given step being run
    plans: list[str] = field(default_factory=list)
    as_of: dt.date | None = None
    attestations: list[Attestation] = field(default_factory=list)
    prepared: Prepared | None = None  # the site assessed up to its findings: a Then step asks only for those it checks
    findings: dict[str, Finding] = field(default_factory=dict)
    assessment: Assessment | None = None
    """Every finding with the verdict, made when a Then step needs the whole (the verdict or the warnings)."""
    found: list[str] | None = None  # requirement ids a rules search found, best first
    site_at: str = ""  # the site step's file:line, for a message on what it lacks
    as_of_at: tuple[int, bool] = (0, False)
    """The line of the step giving the assessment date, and whether it is the Background's."""
    tabled: set[str] = field(default_factory=set)
    """Site fields an attributes table gave (a later clash is with that table, not with the site step)."""

    def say(self, zh: str, en: str) -> str:
        return zh if self.lang == "zh" else en

    def fail(self, zh: str, en: str) -> NoReturn:
        fail(self.say(zh, en))

    # ── Given ──────────────────────────────────────────────────────────────────────────────────────────────────

    def set_site(self, kind: str, name: str, district: str | None) -> None:
        if self.site and self.observations:  # the second site would take the first one's facts
            self.fail(
                f"场所给了两次（“{self.site['name']}”、“{unquote(name)}”）：一个场景只评估一个场所，请拆成两个场景",
                f"the site is given twice ({self.site['name']!r}, {unquote(name)!r}): a scenario assesses one site;"
                " split it into two scenarios",
            )
        self.kind = self._kind(kind.strip())
        self.site = {"id": f"BDD-{name}", "kind": self.kind, "name": unquote(name)}
        if district:
            where = district_written(district.strip(), self.pack)  # in Jimei District: 集美区
            split = None if where.isdigit() else district_and_township(where, self.pack)
            if split is not None:  # 位于集美区灌口镇, or 灌口镇 alone: the district, and the township as an attribute
                where, self.site["attributes"] = split[0], {"township": split[1]}
            if where:
                self.site["admin_code" if where.isdigit() else "district"] = where

    def _kind(self, word: str) -> str:
        kind = self.pack.catalogue.find_kind(word)
        if kind is not None:
            self.kind_word = word
            return kind.id
        shown = [k.name_zh if self.lang == "zh" else k.name_en for k in self.pack.catalogue.kinds]
        near = closest(word, shown)
        self.fail(
            f"未知的场所类型“{word}”；最接近的：{'、'.join(near)}；全部类型：{'、'.join(shown)}",
            f"unknown site kind {word!r}; closest: {', '.join(near)}; all kinds: {', '.join(shown)}",
        )

    def _kind_name(self, kind_id: str) -> str:
        """A kind as the scenario's language names it (行政村, not village)."""
        kind = self.pack.catalogue.find_kind(kind_id)
        return (kind.name_zh if self.lang == "zh" else kind.name_en) if kind is not None else kind_id

    def set_attributes(self, table: list[list[str]]) -> None:
        self._need_site()
        attributes = dict(self.site.get("attributes", {}))  # type: ignore[call-overload]
        seen: dict[str, tuple[str, str]] = {}  # a key given twice in one table: which row would win is no answer
        for key, value in self.rows(table, 2, self.say("| 乡镇 | 宦溪镇 |", "| township | 宦溪镇 |")):
            field_name = SITE_FIELDS.get(key.lower())
            metric = None if field_name else self.metrics.find_with_unit(unquote(key))[0]
            same = field_name or (metric.id if metric is not None else key)
            if same in seen:
                first_key, first = seen[same]
                self.fail(
                    f"属性“{first_key}”给了两次（“{first}”、“{value}”）：只写一处",
                    f"the attribute {first_key!r} is given twice ({first!r}, {value!r}): give it once",
                )
            seen[same] = (key, value)
            if field_name in ("groups", "aliases"):
                self.site[field_name] = LIST_SPLIT.split(value)
            elif field_name == "township":
                attributes["township"] = value
            elif field_name:
                self._site_field(key, field_name, value)
            elif metric is not None:
                self.set_fact(key, value)  # a fact deciding who a rule covers, written beside the site's fields
            else:  # no rule reads a free attribute: a misspelt fact here would vanish
                self.fail(*unknown_attribute(key, self.pack, self.lang))
        self.site["attributes"] = attributes

    def _site_field(self, key: str, field_name: str, value: str) -> None:
        value = self._kind(value.strip()) if field_name == "kind" else value
        given = self.site.get(field_name)
        clash = isinstance(given, str) and not same_field(field_name, given, value, self.pack)
        if field_name != "id" and clash:
            shown = self._kind_name(value) if field_name == "kind" else value
            was = self._kind_name(str(given)) if field_name == "kind" else given
            where_zh, where_en = (
                ("前面的属性表", "an earlier attributes table")
                if field_name in self.tabled
                else (
                    "场所步骤",
                    "the site step",
                )
            )
            self.fail(
                f"属性“{key}”为“{shown}”，与{where_zh}给的“{was}”不符：只写一处",
                f"attribute {key!r} is {shown!r}, but {where_en} gave {was!r}: give it once",
            )
        self.site[field_name] = value
        self.tabled.add(field_name)

    def metric(self, key: str) -> Metric:
        """The metric a step names, with a unit in brackets after the name read as a facts file reads it: the
        metric's own unit passes, another is refused (0.0181 mg/m³ is never read as 0.0181 μg/m³)."""
        index = self.metrics
        found, unit = index.find_with_unit(unquote(key))
        found = index.find(key) or found
        problem = bracket_problem(unit, found) if found is not None and unit is not None else ""
        if problem:
            self.fail(in_language(problem, "zh"), in_language(problem, "en"))
        if found is not None:
            return found
        self.fail(*tables.unknown_metric(unquote(key), index, self.pack, self.lang))

    def _give(self, metric: Metric, key: str) -> None:
        if metric.id in self.given:
            self.fail(*tables.given_twice(metric, self.given[metric.id], unquote(key)))
        self.given[metric.id] = (unquote(key), self.step_line)

    def set_fact(self, key: str, raw: str | None) -> None:
        metric = self.metric(key)
        self._give(metric, key)
        value = (raw or "").strip()
        if is_blank(value):
            self.observations.pop(metric.id, None)
            return
        try:
            canonical = stated_value(unquote(value), metric)
        except ValueProblem as wrong:  # in the scenario's language
            name = metric.name_zh if self.lang == "zh" else metric.name_en
            said = in_language(str(wrong), "zh")
            self.fail(f"指标“{name}”的值“{value}”无法读取：{said}", f"{name}: cannot read {value!r}: {wrong.en}")
        self.observations[metric.id] = Observation(metric=metric.id, value=canonical)

    def set_fact_phrase(self, rest: str) -> None:
        """`“发现露天焚烧行为数”为 0`: split at the 为 that leaves a known metric name, longest name first."""
        text = rest.strip()
        splits = [(text[: m.start()].strip(), text[m.end() :].strip()) for m in re.finditer("为", text)]
        if text.endswith("缺失"):
            splits.append((text[:-2].strip(), "缺失"))
        index = self.metrics
        for key, value in sorted(splits, key=lambda split: -len(split[0])):
            if index.find(key) or index.find_with_unit(unquote(key))[0]:
                self.set_fact(key, value)
                return
        self.metric(splits[0][0] if splits else text)

    def set_series(self, key: str, text: str) -> None:
        """`2023: 412，2024: 398` (or `缺失` / `missing`: no data) as a dated series of the metric."""
        metric = self.metric(key)
        self._give(metric, key)
        if is_blank(text):
            self.observations.pop(metric.id, None)
            return
        raw: dict[str, RawValue] = {}
        for part in (p.strip() for p in re.split(r"[，,;；]", text) if p.strip()):
            period, sep, value = re.sub("：", ":", part).partition(":")
            if not sep:
                self.fail(
                    f"无法读取逐期数据“{part}”，应写作 2023: 412，2024: 398",
                    f"cannot read the series entry {part!r}; write 2023: 412, 2024: 398",
                )
            if period.strip() in raw:
                self.fail(f"逐期数据中 {period.strip()} 给了两次", f"the series gives {period.strip()} twice")
            raw[period.strip()] = value.strip()
        try:
            series = read_series(raw, metric)
        except ValueProblem as problem:
            name = metric.name_zh if self.lang == "zh" else metric.name_en
            zh, en = in_language(str(problem), "zh"), in_language(str(problem), "en")
            self.fail(f"指标“{name}”的逐期数据无法读取：{zh}", f"{name}: cannot read the series: {en}")
        stands_for = value_of_series(series, metric) if series else None
        if stands_for is None:  # every period blank, or a period missing inside a series every period counts in
            self.observations.pop(metric.id, None)
            self.holes[metric.id] = series_holes(metric, series) if series else []  # the findings name them
            return
        blanks = blank_periods(raw)  # the latest begun by the assessment date written blank: no figure now
        self.observations[metric.id] = Observation(
            metric=metric.id, value=stands_for, series=series, blank_periods=blanks
        )

    def set_facts(self, table: list[list[str]]) -> None:
        for key, value in self.rows(table, 2, self.say("| 农村生活污水治理率 | 75% |", "| metric | 75% |")):
            self.set_fact(key, value)

    def rows(self, table: list[list[str]], width: int, example: str = "") -> list[list[str]]:
        """`rows_of` a step's table of `width` columns; a cell filled past them is refused (nothing would read it),
        and so is a row of fewer cells (`| 指标：值 |`), which nothing would read either."""
        extra = beyond(table, width)
        if extra is not None:
            self.fail(
                f"表格每行只能有 {width} 列，多出的“{extra}”不会被读取（单位请写在指标名后的括号里）",
                f"each row of this table has {width} columns; {extra!r} beyond them would not be read (write a unit in"
                " brackets after the metric's name)",
            )
        narrow = next((row for row in table if len(row) < width), None)
        if narrow is not None:
            written = " | ".join(cell.strip() for cell in narrow)
            example = example or self.say("| 指标 | 值 |", "| metric | value |")
            self.fail(
                f"表格每行应有 {width} 列，如 {example}；“{written}”只有 {len(narrow)} 列，不会被读取"
                "（名称和值之间请用半角“|”分开）",
                f"each row of this table has {width} columns, as in {example}; {written!r} has {len(narrow)}, so it"
                " would not be read (separate the name and the value with '|')",
            )
        return [row[:width] for row in rows_of(table, width, self.lang)]

    def set_plan(self, word: str) -> None:
        wanted = unquote(word)
        if (plan := plan_named(wanted, list(self.pack.plans.values()))) is not None:
            self.plans.append(plan.id)
            return
        known = [
            f"{p.id}（{p.short_zh}）" if self.lang == "zh" else f"{p.id} ({p.short_en})"
            for p in self.pack.plans.values()
        ]
        self.fail(
            f"未知的方案“{wanted}”；已有方案：{'、'.join(known)}",
            f"unknown plan {wanted!r}; known: {', '.join(known)}",
        )

    def add_attestation(self, inspector: str, requirement: str, outcome: str, date: str, expires: str | None) -> None:
        self._need_site()
        self.known_requirement(requirement)  # a misspelt id would record a finding no requirement ever reads
        decided = [r for r in self.pack.requirements if r.id == requirement and r.check is not None]
        if decided:
            self.fail(
                f"要求 {requirement} 由数据判定，人工核查只用于待核查的要求",
                f"{requirement} is decided from facts; attestations are for review items",
            )
        attestation = Attestation(
            requirement=requirement,
            site=str(self.site["id"]),
            outcome=OUTCOME_OF[outcome],
            inspector=inspector,
            date=self.date(date),
            expires=self.date(expires) if expires else None,
            source="scenario",
        )
        if attestation.expires is not None and attestation.expires < attestation.date:
            self.fail("核查记录的有效期早于核查日期", "the attestation expires before the day it was made")
        if conflicts([*self.attestations, attestation]):  # which of two opposite findings of one day holds?
            self.fail(
                f"{requirement} 在 {attestation.date} 有两条结论相反的核查记录：只保留成立的一条",
                f"{requirement} has two opposite attestations on {attestation.date}: keep the one that holds",
            )
        self.attestations.append(attestation)

    def set_as_of(self, text: str) -> None:
        line, in_background = self.as_of_at
        if self.as_of is not None and in_background:
            self.fail(
                f"评估日期在背景（第 {line} 行）已给出：场景里要用别的日期，请把背景里的评估日期移到各场景",
                f"the Background gives the assessment date (line {line}): to use another date in a scenario, move the"
                " Background's date into each scenario",
            )
        if self.as_of is not None:
            at_zh, at_en = (f"（第 {line} 行）", f" (line {line})") if line else ("", "")
            self.fail(f"评估日期给了两次{at_zh}：只写一次", f"the assessment date is given twice{at_en}: give it once")
        self.as_of = self.date(text)

    def date(self, text: str) -> dt.date:
        try:
            return read_date(unquote(text))
        except ValueProblem as problem:
            zh = in_language(str(problem), "zh")
            self.fail(f"无法读取日期“{text}”：{zh}", in_language(str(problem), "en"))

    # ── When ───────────────────────────────────────────────────────────────────────────────────────────────────

    def ready(self) -> dt.date:
        """The as-of date, once there is a site and a date to assess it on."""
        self._need_site()
        if self.as_of is None:
            self.fail(
                "缺少评估日期：请在“当 评估”之前加一步“而且 评估日期为 2026-06-30”",
                'no assessment date: add "And the assessment date is 2026-06-30" before "When it is assessed"',
            )
        return self.as_of

    def assess(self) -> None:
        as_of = self.ready()
        try:
            site, warnings = divisions_of(self.pack.divisions).site(Site.model_validate(self.site))
        except PlaceConflict as conflict:
            self.fail(f"场所位置有误：{conflict.message}", f"the site's place is wrong: {conflict.message}")
        # no district, a township two districts share, a named place written as another kind: said in its own words
        check_placed(self.pack, site, self.site_at, self.lang, self.assessor.places, self.plans)
        notices = [Notice(text_zh=w, text_en=w) for w in warnings]
        by_kind, contradicted = kind_word_facts(self.kind_word, self.pack.catalogue, self.observations)
        contradicted += contradictions(site.kind, [site.name, *site.aliases], self.pack.catalogue, self.observations)
        if self.refuses(contradicted):  # kept for a Then step saying so (`bdd.refusal`)
            return
        observed = {**self.observations, **by_kind}
        facts = Facts(site=site, observations=observed, source="scenario", notices=notices, holes=self.holes)
        try:
            book = AttestationBook(self.attestations)
            self.prepared = self.assessor.prepare(facts, as_of, self.plans or None, book)
            self.findings, self.assessment = {}, None
        except InputError as error:
            fail(str(error))

    def _need_site(self) -> None:
        if not self.site:
            self.fail(
                "还没有场所：请先写“假如 一个位于晋安区的行政村“九峰村””",
                'no site yet: start with Given a village "Jiufeng" in 晋安区',
            )

    # ── Then ───────────────────────────────────────────────────────────────────────────────────────────────────

    def _prepared(self) -> Prepared:
        if self.prepared is None:
            self.fail(*self.unprepared())
        return self.prepared

    def _assessed(self) -> Assessment:
        if self.assessment is None:
            prepared = self._prepared()
            findings = [self._finding_of(prepared, r) for r in self.assessor.requirements_of(prepared)]
            self.assessment = self.assessor.assessment_of(prepared, findings)
        return self.assessment

    def _finding_of(self, prepared: Prepared, requirement: Requirement) -> Finding:
        """The requirement's finding, made once per assessment."""
        found = self.findings.get(requirement.id)
        if found is None:
            found = self.findings[requirement.id] = self.assessor.finding_of(prepared, requirement)
        return found

    def finding(self, requirement_id: str) -> Finding:
        prepared = self._prepared()
        for requirement in self.assessor.requirements_of(prepared):
            if requirement.id == requirement_id:
                return self._finding_of(prepared, requirement)
        self.known_requirement(requirement_id)
        kind, plans = self._kind_name(prepared.facts.site.kind), [self.pack.plans[p] for p in prepared.plans]
        titles = "、".join(f"《{plan.short_zh}》" for plan in plans)
        self.fail(
            f"要求 {requirement_id} 不评估{kind}类场所，或不属于所评估的方案（{titles}）："
            "它对此没有状态可断言（“不适用”只来自数据）：请删去这一步，或换一类场所",
            f"requirement {requirement_id} does not assess a {kind}, or is not in the plans assessed"
            f" ({', '.join(p.id for p in plans)}): it has no status here to assert (not applicable comes from facts"
            " only): drop the step, or assess another kind of site",
        )

    def known_requirement(self, requirement_id: str) -> None:
        known = [r.id for r in self.pack.requirements]
        if requirement_id not in known:
            near = closest(requirement_id, known)
            self.fail(
                f"没有编号为 {requirement_id} 的要求；最接近的：{'、'.join(near)}",
                f"no requirement {requirement_id}; closest: {', '.join(near)}",
            )

    def known_word(self, word: str, names: dict[str, dict[W, str]]) -> W:
        """A status or verdict word of either language, or a failure listing the words of this one."""
        return self._word(word_of(word, names, self.lang), word, names)

    def _reason(self, finding: Finding) -> str:  # with its own warnings (注意：…), as `check` prints them
        zh = self.lang == "zh"
        return "；".join(
            [finding.reason_zh if zh else finding.reason_en, *(finding.warnings_zh if zh else finding.warnings_en)]
        )

    def check_verdict(self, word: str) -> None:
        wanted = self.known_word(word, VERDICT)
        assessment = self._assessed()
        if assessment.verdict != wanted:
            shown, actual = VERDICT[self.lang], VERDICT[self.lang][assessment.verdict]
            failing = [
                f"{f.requirement} {STATUS[self.lang][f.status]}"
                for f in assessment.findings
                if f.bears_on_verdict and f.status in (Status.FAIL, Status.INSUFFICIENT_DATA)
            ]
            self.fail(
                f"结论应为 {shown[wanted]}，实际为 {actual}（{'、'.join(failing) or '无不达标或数据不足'}）",
                f"the verdict should be {shown[wanted]}, it is {actual} ({', '.join(failing) or 'none failed'})",
            )

    def check_status(self, requirement_id: str, word: str) -> None:
        wanted = self.known_word(word, STATUS)
        finding = self.finding(requirement_id)
        if finding.status != wanted:
            shown, actual = STATUS[self.lang][wanted], STATUS[self.lang][finding.status]
            self.fail(
                f"要求 {requirement_id} 的状态应为 {shown}，实际为 {actual}。原因：{finding.reason_zh}",
                f"{requirement_id} should be {shown}, it is {actual}. Reason: {finding.reason_en}",
            )

    def check_statuses(self, table: list[list[str]]) -> None:
        rows = self.rows(table, 2, self.say("| JA-14-7 | 通过 |", "| JA-14-7 | pass |"))
        if not rows:
            self.fail("状态表没有数据行：请在表头下列出要求和状态", "the table of statuses has no rows under it")
        for requirement_id, word, *_ in rows:
            self.check_status(requirement_id, word)

    def _word(self, found: W | None, word: str, names: dict[str, dict[W, str]]) -> W:
        if found is not None:
            return found
        choices = list(names[self.lang].values())
        self.fail(
            f"无法识别“{word}”；应为：{'、'.join(choices)}", f"unknown word {word!r}; one of: {', '.join(choices)}"
        )

    def check_warning(self, phrase: str) -> None:
        assessment = self._assessed()
        shown = [w.text_zh if self.lang == "zh" else w.text_en for w in assessment.warnings]
        if not any(phrase in text for text in shown):
            self.fail(
                f"没有包含“{phrase}”的提醒。提醒：{'；'.join(shown) or '（无）'}",
                f"no warning contains {phrase!r}. Warnings: {'; '.join(shown) or '(none)'}",
            )

    def check_reason(self, requirement_id: str, phrase: str) -> None:
        finding = self.finding(requirement_id)
        reason = self._reason(finding)
        if phrase not in reason:
            self.fail(
                f"要求 {requirement_id} 的原因不含“{phrase}”。原因：{reason}",
                f"the reason for {requirement_id} does not contain {phrase!r}. Reason: {reason}",
            )
