"""One site's facts -> an Assessment, using one engine per site kind built on first use."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import NamedTuple

from compliance.assess import heldfrom, idlefacts, incidents, planperiod, reasons, recency, settled, wantedyear
from compliance.assess.absent import absent_names, unsure_condition
from compliance.assess.applicability import covering_plans, named_by_plan, placed_in_plans, requested_elsewhere
from compliance.assess.asof import after_as_of, dated_logs, up_to
from compliance.assess.bounded import bound_numbers, bound_shown, old_bounds
from compliance.assess.deadline import DeadlineCuts
from compliance.assess.describe import describe
from compliance.assess.display import AsObserved, ValueDisplay
from compliance.assess.dutyyear import of_year, year_of
from compliance.assess.gap import SeriesOf, comparison_of, gap_fields, gap_model
from compliance.assess.issued import before_issue, forbidding
from compliance.assess.measured import derive_all, fed_facts, measured_parameters, unread_facts, unread_notices
from compliance.assess.months import split_months
from compliance.assess.namefacts import with_name_facts
from compliance.assess.places import PlaceReader
from compliance.assess.reviewed import idle, reviewed
from compliance.assess.series import no_series_notes, notes_on_series
from compliance.assess.shownvalue import figure_source, shown
from compliance.assess.stale import old_figures, stale_ahead
from compliance.assess.timing import Timing, targets_of, timing
from compliance.assess.topshare import top_failed
from compliance.assess.verdict import AUTHORITY_KINDS, DECIDED, bears_on_verdict, status_of, verdict_of
from compliance.engine import derive
from compliance.engine.evaluate import KindEngine, Outcome
from compliance.model.attestation import AttestationBook
from compliance.model.checks import comparisons_of, for_kind, metrics_of, tests_of, trends_of
from compliance.model.facts import Facts, Notice
from compliance.model.gazetteer import PLACE_METRIC
from compliance.model.implied import with_implied
from compliance.model.plan import Modality, Requirement, RequirementKind, RulePack, TrendSpec
from compliance.model.result import Assessment, Finding, ObservedValue, Status, TargetView


class Reads(NamedTuple):
    """What a requirement reads: the metrics of its condition and of its check, and its check's trends."""

    condition: tuple[str, ...]
    check: tuple[str, ...]
    trends: tuple[TrendSpec, ...]
    compared: tuple[str, ...]
    """The metrics of its check's single comparisons (not of its trends)."""
    tests: Mapping[str, tuple[tuple[str, float], ...]]
    """Per metric compared, the tests the requirement makes of it (`checks.tests_of`)."""


class Prepared(NamedTuple):
    """One site's assessment up to its findings (`Assessor.prepare`)."""

    facts: Facts
    as_of: dt.date
    plans: list[str]
    warnings: list[Notice]
    outcome: Outcome
    values: dict[str, float]
    attestations: AttestationBook | None
    raw: Facts | None = None
    """The facts as given, for reading a standing duty at its plan's end (`assess.planperiod`)."""


class Assessor:
    def __init__(
        self,
        pack: RulePack,
        derive_measured: bool = True,
        display: ValueDisplay | None = None,
        engines_of: Assessor | None = None,
    ) -> None:
        """`derive_measured`: derive classes from measurements (off where the caller already did, the batch).
        `display`: how the site's own values go into findings (as observed unless given; a batch puts slots
        there). `engines_of`: an Assessor of the same pack whose compiled engines and requirement selections
        this one shares, so that a second way of showing findings costs no second compile."""
        self.pack = pack
        self.derive_measured = derive_measured
        self.display: ValueDisplay = display if display is not None else AsObserved()
        self._engines: dict[str, KindEngine] = {}
        self._selected: dict[tuple[str, tuple[str, ...] | None], list[Requirement]] = {}
        if engines_of is not None:
            if engines_of.pack is not pack:
                raise ValueError("engines are shared only between Assessors of the same rule pack")
            self._engines, self._selected = engines_of._engines, engines_of._selected
        self._timings: dict[tuple[str, dt.date], Timing] = {}
        self._shown: tuple[Facts | None, dict[str, ObservedValue]] = (None, {})
        """The last site's values as its findings show them (`_observed`)."""
        self._at_end: tuple[Prepared | None, dict[dt.date, Prepared]] = (None, {})  # the last site's, per plan end
        self._cut: DeadlineCuts[Prepared] = DeadlineCuts(pack.catalogue)
        self._views: dict[tuple[str, int], TargetView] = {}
        self.logs = recency.log_metrics(pack)  # per kind, the metrics read period by period (`assess.recency`)
        self._reads: dict[tuple[str, int], tuple[object, Reads]] = {}
        self._read: dict[tuple[str, tuple[str, ...]], frozenset[str]] = {}
        """Per requirement, what does not depend on the site: when its targets fall, how they read, what it reads."""
        self._known: dict[tuple[str, tuple[str, ...]], frozenset[str]] = {}
        """Per kind and plans, the facts a site may give that something reads (see `_read_at_all`)."""
        self.places = PlaceReader.of(pack)
        self.forbidden = forbidding(pack)  # per act a prohibition forbids, when each plan forbidding it was issued

    def requirements_for(self, kind: str, plans: list[str] | None = None) -> list[Requirement]:
        """Requirements of the plans (all when None) that apply to `kind`, in pack order; cached."""
        key = (kind, None if plans is None else tuple(plans))
        if key not in self._selected:
            self._selected[key] = [
                own
                for r in self.pack.requirements
                if kind in r.applies.kinds and (plans is None or self.pack.plan_of[r.id] in plans)
                if (own := for_kind(r, kind)) is not None  # a condition on the site's kind, decided for this one
            ]
        return self._selected[key]

    def reads(self, requirement: Requirement) -> Reads:
        """The metrics and trends `requirement` reads (walked once per requirement, not once per site)."""
        key = (requirement.id, id(requirement.applies))  # a kind's own copy (`for_kind`) reads its own condition
        held = self._reads.get(key)
        found = held[1] if held is not None else None
        if found is None:
            check = requirement.check
            found = Reads(
                tuple(metrics_of(requirement.applies.condition)),
                tuple(metrics_of(check)),
                tuple(trends_of(check)),
                tuple(dict.fromkeys(c.metric for c in comparisons_of(check))),
                tests_of(requirement, self.pack.catalogue),
            )
            self._reads[key] = (requirement.applies, found)  # held, so its id is not reused while cached
        return found

    def _read_by(self, kind: str, plans: list[str]) -> frozenset[str]:
        """Every metric the requirements of `plans` for `kind` read (for notices of measurements no rule reads)."""
        key = (kind, tuple(plans))
        found = self._read.get(key)
        if found is None:
            reads = [self.reads(r) for r in self.requirements_for(kind, plans)]
            found = self._read[key] = frozenset(m for r in reads for m in (*r.condition, *r.check))
        return found

    def _read_at_all(self, kind: str, plans: list[str]) -> frozenset[str]:
        """The facts a site may give that something reads: its requirements, the standards packs' measured
        parameters, the member facts its plans' district figures are computed from, the named place."""
        key = (kind, tuple(plans))
        found = self._known.get(key)
        if found is None:
            fed = fed_facts(self.pack, kind, plans, lambda r: self.reads(r).check)
            found = self._read_by(kind, plans) | measured_parameters(self.pack.standards) | fed | {PLACE_METRIC}
            self._known[key] = found
        return found

    def engine(self, kind: str) -> KindEngine:
        if kind not in self._engines:
            # review items too when a condition says whom they cover: that part is decidable from facts
            decidable = [r for r in self.requirements_for(kind) if r.check is not None or r.applies.condition]
            self._engines[kind] = KindEngine(decidable, self.pack.catalogue)
        return self._engines[kind]

    def close(self) -> None:
        for engine in self._engines.values():
            engine.close()
        self._engines.clear()

    def assess(
        self, facts: Facts, as_of: dt.date, plans: list[str] | None = None, attestations: AttestationBook | None = None
    ) -> Assessment:
        prepared = self.prepare(facts, as_of, plans, attestations)
        decided = [(r, self.finding_of(prepared, r)) for r in self.requirements_of(prepared)]
        assessment = self.assessment_of(prepared, [finding for _, finding in decided])
        if self.derive_measured:  # a site checked on its own: facts only inapplicable requirements read are named
            assessment.warnings += idlefacts.idle_facts(prepared.facts, decided, self.reads, self.pack.catalogue)
        return assessment

    def prepare(
        self, facts: Facts, as_of: dt.date, plans: list[str] | None = None, attestations: AttestationBook | None = None
    ) -> Prepared:
        """What every finding of one site's assessment shares: the plans covering it, its facts with the named
        place and measured classes read, and the engine's outcome. Raises InputError for a site no plan covers."""
        site, catalogue = facts.site, self.pack.catalogue
        chosen = covering_plans(site, self.pack.plans, plans, facts.source, self.places)
        raw = facts = dated_logs(facts, as_of, catalogue, self.logs[site.kind])  # an old single value as its period
        facts, later = up_to(facts, as_of, catalogue, self.logs[site.kind])
        facts, later = before_issue(facts, chosen, self.forbidden, (as_of, later), catalogue)  # before it: no breach
        covering = [self.pack.plans[p] for p in chosen]  # a yearly duty is read at its plan's end: the end's notices
        later = planperiod.end_notices(covering, raw, (as_of, later), catalogue, self.logs[site.kind])
        facts, warnings = placed_in_plans(facts, self.places, self.pack, chosen)
        facts = with_implied(with_name_facts(facts, catalogue), catalogue)
        elsewhere = requested_elsewhere(site.admin_code, site.district, self.pack.plans, plans)
        if elsewhere is None and not plans and (named := named_by_plan(site, self.pack.plans, self.places)):
            elsewhere = named[1:]
        warnings = [*later, *warnings, *([Notice(text_zh=elsewhere[0], text_en=elsewhere[1])] if elsewhere else [])]
        if self.derive_measured:
            stated = [m for m, o in facts.observations.items() if not o.derived_zh]  # not read from its name or kind
            facts, measured = derive_all(facts, self.pack.standards, catalogue)
            read = self._read_by(site.kind, chosen)
            warnings += unread_notices(measured, read, catalogue)
            warnings += unread_facts(stated, self._read_at_all(site.kind, chosen), catalogue)
        engine = self.engine(site.kind)
        values = {
            metric_id: derive.numeric(obs.value, catalogue.metric(metric_id))
            for metric_id, obs in facts.observations.items()
        }
        for key, spec in engine.compiled.trends.items():
            observation = facts.observations.get(spec.metric)
            series = observation.series if observation is not None else None
            metric = catalogue.metric(spec.metric)  # a level held from a year not yet ended: its latest figure
            numbers = None if series is None else derive.series_numbers(series, metric)
            derived = None if numbers is None else heldfrom.derived(spec, numbers, metric, as_of)
            if derived is not None:
                values[key] = derived
        outcome = engine.evaluate(values)  # a class the measurements only bound is no engine value, but settles
        values.update(bound_numbers(facts, catalogue))
        return Prepared(facts, as_of, chosen, warnings, outcome, values, attestations, raw)

    def requirements_of(self, prepared: Prepared) -> list[Requirement]:
        """The requirements a prepared assessment has a finding for, in pack order."""
        return self.requirements_for(prepared.facts.site.kind, prepared.plans)

    def finding_of(self, prepared: Prepared, requirement: Requirement) -> Finding:
        """One requirement's finding (each depends only on what was prepared, so any subset may be asked for); a
        standing duty of a plan whose period ended before the as-of date is read as of its end (`planperiod`)."""
        plan = self.pack.plans[self.pack.plan_of[requirement.id]]
        cat = self.pack.catalogue
        end = planperiod.ended(plan, requirement, prepared.as_of, cat)
        if end is not None and prepared.raw is not None:  # on the plan's years alone (`planperiod.within`)
            held = self._at_end[1] if self._at_end[0] is prepared else {}
            self._at_end = (prepared, held)
            if end not in held:
                at_end = [r for r in self.requirements_of(prepared) if planperiod.ended(plan, r, prepared.as_of, cat)]
                years = planperiod.plan_years(plan, prepared.raw, at_end, cat)  # undated: the state now, after it
                held[end] = self.prepare(years, end, prepared.plans, prepared.attestations)
            then = self._at_deadline(held[end], requirement)
            found = self._finding(requirement, then.facts, end, then.outcome, None, then.values, then.raw)
            return planperiod.warned(found, plan)
        given = self._at_deadline(prepared, requirement)
        return self._finding(
            requirement, given.facts, given.as_of, given.outcome, given.attestations, given.values, given.raw
        )

    def _at_deadline(self, prepared: Prepared, requirement: Requirement) -> Prepared:
        """`prepared` read for a dated target past due, its series cut at the deadline (`assess.deadline`)."""
        return self._cut.read(prepared, requirement, self._timing(requirement, prepared.as_of), self.prepare)

    @staticmethod
    def assessment_of(prepared: Prepared, findings: list[Finding]) -> Assessment:
        """The assessment of every finding of `prepared`: verdict, counts and warnings."""
        facts = prepared.facts
        counts = {status.value: 0 for status in Status}
        for finding in findings:
            counts[finding.status.value] += 1
        return Assessment(
            site=facts.site,
            source=facts.source,
            as_of=prepared.as_of,
            plans=prepared.plans,
            verdict=verdict_of(findings),
            counts=counts,
            findings=findings,
            warnings=[*facts.notices, *prepared.warnings],
        )

    def _view(self, requirement: Requirement, index: int | None) -> TargetView | None:
        if index is None or requirement.check is None:
            return None
        view = self._views.get((requirement.id, index))
        if view is None:
            target = targets_of(requirement)[index]
            catalogue = self.pack.catalogue
            view = self._views[(requirement.id, index)] = TargetView(
                text_zh=describe(requirement.check, target.value, catalogue, "zh"),
                text_en=describe(requirement.check, target.value, catalogue, "en"),
                due=target.due,
                starts=target.starts,
                **comparison_of(requirement.check, target.value, catalogue),
            )
        return view

    def _gapped(
        self,
        requirement: Requirement,
        view: TargetView | None,
        index: int | None,
        ahead: bool,
        as_of: dt.date,
        numbers: Mapping[str, float],
        series_of: SeriesOf,
    ) -> TargetView | None:
        """The target with this site's gap to it (a batch fills the gap per row instead)."""
        if view is None or index is None:
            return view
        value = targets_of(requirement)[index].value
        target = view  # bound here so that the closure sees it known

        def gapped() -> TargetView:
            check, catalogue = requirement.check, self.pack.catalogue
            gap = gap_model(gap_fields(check, value, target.due, ahead, as_of, numbers.get, series_of, catalogue))
            return target if gap is None else target.model_copy(update={"gap": gap})

        return self.display.target(requirement, view, ahead, gapped)

    def _numbers_of(self, facts: Facts) -> SeriesOf:
        """A metric's dated series in `facts` as engine numbers, or None."""
        series_of = self._series_of(facts)
        catalogue = self.pack.catalogue

        def numbers_of(metric_id: str) -> dict[str, float] | None:
            series = series_of(metric_id)
            return None if series is None else derive.series_numbers(series, catalogue.metric(metric_id))

        return numbers_of

    def _timing(self, requirement: Requirement, as_of: dt.date) -> Timing:
        when = self._timings.get((requirement.id, as_of))
        if when is None:
            issued = self.pack.plans[self.pack.plan_of[requirement.id]].issued
            first = recency.first_due(requirement, self.pack.catalogue)
            when = self._timings[(requirement.id, as_of)] = timing(requirement, as_of, issued, first)
        return when

    def _observed(self, metric_ids: list[str], facts: Facts) -> list[ObservedValue]:
        if self._shown[0] is not facts:  # each value is shown once per site, however many findings read it
            self._shown = (facts, {})
        shown_values = self._shown[1]
        observed = []
        for metric_id in metric_ids:
            value = shown_values.get(metric_id)
            if value is None and metric_id in facts.observations:
                value = shown_values[metric_id] = self._shown_value(metric_id, facts)
            elif value is None and metric_id in facts.undecided:  # a class the measurements bound: 不优于Ⅲ类
                value = bound_shown(facts.undecided[metric_id], self.pack.catalogue)
            if value is not None:
                observed.append(value)
        return observed

    def _shown_value(self, metric_id: str, facts: Facts) -> ObservedValue:
        catalogue = self.pack.catalogue
        observation = facts.observations[metric_id]
        metric = catalogue.metric(metric_id)
        display_zh, display_en = shown(observation, metric, "zh"), shown(observation, metric, "en")
        source = observation.provenance.source
        if metric.aggregate is not None and facts.site.kind != metric.aggregate.over:
            label_zh, label_en = figure_source(observation.computed_from, catalogue.kind(metric.aggregate.over))
            display_zh, display_en = f"{display_zh}（{label_zh}）", f"{display_en} ({label_en})"
        return self.display.observed(
            ObservedValue(
                metric=metric_id,
                name_zh=metric.name_zh,
                name_en=metric.name_en,
                value=observation.value,
                display_zh=display_zh,
                display_en=display_en,
                source=source,
                observed_on=observation.provenance.observed_on,
                evidence=observation.provenance.evidence,
                computed_from=observation.computed_from,
            )
        )

    def _finding(
        self,
        requirement: Requirement,
        facts: Facts,
        as_of: dt.date,
        outcome: Outcome,
        attestations: AttestationBook | None,
        values: Mapping[str, float],
        raw: Facts | None = None,
    ) -> Finding:
        plan = self.pack.plans[self.pack.plan_of[requirement.id]]
        (condition_metrics, check_metrics, *_), when = self.reads(requirement), self._timing(requirement, as_of)
        context = reasons.Context(
            requirement=requirement,
            plan=plan,
            observed=self._observed([*condition_metrics, *check_metrics], facts),
            target=of_year(self._view(requirement, when.in_force), self._year(requirement, (facts, raw), as_of)),
            next_target=self._view(requirement, when.ahead),
            authority=facts.site.kind in AUTHORITY_KINDS,
            first_year=recency.first_year(requirement, self.pack.catalogue),
            held_from=heldfrom.held_from(requirement, self.pack.catalogue) if when.in_force is None else None,
            **self.display.notes(requirement, self.series_notes(requirement, facts)),
        )
        found = self._status(requirement, (facts, raw), outcome, context, when, values)
        of = (facts.site.id, as_of)
        status, (reason_zh, reason_en), attestation, later = reviewed(found[:2], context, when, attestations, of)
        missing = found[2]
        target, next_target = context.target, context.next_target
        if status in DECIDED and attestation is None:
            series_of = self._numbers_of(facts)
            target = self._gapped(requirement, target, when.in_force, False, as_of, values, series_of)
            next_target = self._gapped(requirement, next_target, when.ahead, True, as_of, values, series_of)
        warnings = after_as_of(context.observed, later, as_of)
        unused = idle(found[:2], requirement.id, attestations, of)
        warnings = (warnings[0] + unused[0], warnings[1] + unused[1])
        responsible = plan.responsible_units.get(requirement.section)
        # parts already validated and typed: validating several hundred findings a site again took a sixth of the time
        return Finding.model_construct(
            requirement=requirement.id,
            plan=plan.id,
            title_zh=requirement.title_zh,
            title_en=requirement.title_en,
            section=requirement.section,
            quote=requirement.quote,
            status=status,
            strength=requirement.strength.value,
            modality=requirement.modality.value,
            bears_on_verdict=bears_on_verdict(requirement, facts.site.kind),
            observed=context.observed,
            target=target,
            next_target=next_target,
            missing=missing,
            responsible_units=responsible.units if responsible is not None else [],
            reason_zh=reason_zh,
            reason_en=reason_en,
            attestation=attestation,
            warnings_zh=warnings[0],
            warnings_en=warnings[1],
        )

    def _year(self, requirement: Requirement, read: tuple[Facts, Facts | None], as_of: dt.date) -> str | None:
        """The year a yearly duty's finding is of: the one decided on, or, missing, the first year wanted."""
        year = year_of(requirement, read[0], as_of, self.pack)
        if year is None and planperiod.yearly_duty(requirement, self.pack.catalogue):
            year = wantedyear.first_wanted(self.reads(requirement).check, read[0], read[1], as_of, self.pack.catalogue)
        return year

    def _status(
        self,
        requirement: Requirement,
        read: tuple[Facts, Facts | None],
        outcome: Outcome,
        context: reasons.Context,
        when: Timing,
        known: Mapping[str, float],
    ) -> tuple[Status, tuple[str, str], list[str]]:
        catalogue, facts, reads = self.pack.catalogue, read[0], self.reads(requirement)
        split = split_months(reads.tests, facts, catalogue)  # a month whose rule-answer differs from another: no year
        condition, places = (reads.condition, split), (catalogue, self.places)
        if (unsure := unsure_condition(requirement, condition, facts, context, known, places)) is not None:
            return unsure
        if requirement.id in outcome.condition_false:
            failing = settled.deciding(requirement.applies.condition, None, known, catalogue)
            return Status.NOT_APPLICABLE, reasons.condition_false(context, requirement.applies, failing), []
        if requirement.check is None or requirement.kind == RequirementKind.QUALITATIVE:
            return Status.NEEDS_REVIEW, reasons.needs_review(context), []
        absent = [m for m in reads.check if m not in facts.observations]
        undecided = [spec for spec in reads.trends if derive.derived_key(spec) not in known]
        absent += [spec.metric for spec in undecided]
        target = targets_of(requirement)[when.in_force] if when.in_force is not None else None
        plan = self.pack.plans[self.pack.plan_of[requirement.id]]
        due, dated = planperiod.read_due(target, plan, when.as_of)  # a standing duty: on the last year ended
        recent = (when.as_of, self.logs[facts.site.kind])
        old = old_figures(reads.compared, reads.trends, facts, due, recent, catalogue, deadline=dated)
        if topped := top_failed(requirement, (reads.tests, facts, known), (split, old), context, when, catalogue):
            return topped  # a month of a share below 100% already fails 保持100%
        violated = (requirement.id, when.in_force) in outcome.violated
        short = old.lasting if violated else {}  # an achievement met already stays met; one short wants the year
        gaps = {} if violated else incidents.uncovered(requirement, facts, catalogue)  # periods with incidents
        absent = list(dict.fromkeys([*absent, *old.decisive, *short, *split, *gaps]))  # a metric read twice: once
        if not absent and (old.unbroken or old.stopped) and not violated:
            absent = list({**old.unbroken, **old.stopped})  # no break in the periods given, but later ones are wanted
        aged = old_bounds((reads.compared, reads.trends), facts, due, recent, catalogue, dated)  # a 2024 bound
        unknown, indexes = {*old.unknown, *split, *gaps, *aged}, (when.in_force, when.ahead)
        if absent and settled.passes_anyway(requirement, indexes, known, unknown, catalogue):
            absent = []  # a branch given settles it (100%, whatever the 2024 figure): what is missing cannot matter
        if absent:
            standing = all(t.due is None for t in targets_of(requirement))  # no dated target: read at the end
            wanted = (old, gaps, split, aged), (when.as_of, due, dated), (plan, catalogue)
            names = absent_names(absent, undecided, read, *wanted, standing)
            failed = settled.fails_anyway(requirement, indexes, known, unknown, catalogue)  # a given branch fails it
            if failed is not None:
                (index, deciding), gradual = failed, requirement.modality == Modality.GRADUAL
                status = Status.FAIL if index == when.in_force and not gradual else Status.AT_RISK
                return status, reasons.decided(status, context, (deciding, *names)), absent  # still wanted
            return Status.INSUFFICIENT_DATA, reasons.missing(context, *names, for_condition=False), absent
        status = status_of(requirement, outcome, when)
        early = when.not_in_force and (requirement.id, when.ahead) not in outcome.violated  # met before it exists
        on_track = (status == Status.PASS or early) and when.in_force is None  # read on the last year ended
        now_read = heldfrom.now_read(requirement, reads, catalogue)
        if on_track and (stale := stale_ahead(now_read, facts, when.as_of, catalogue)):
            return Status.INSUFFICIENT_DATA, reasons.missing(context, *stale[1], for_condition=False), stale[0]
        return status, reasons.before_force(context) if early else reasons.decided(status, context), []

    def series_notes(self, requirement: Requirement, facts: Facts) -> dict[str, list[str]]:
        """Breaking periods of each trend rule, or the change from its baseline, for the reasons."""
        if not self.reads(requirement).trends:
            return no_series_notes()
        return notes_on_series(requirement, self._series_of(facts), self.pack.catalogue)

    @staticmethod
    def _series_of(facts: Facts) -> Callable[[str], dict[str, float | bool | str] | None]:
        """A metric's dated series in `facts`, or None."""

        def series_of(metric_id: str) -> dict[str, float | bool | str] | None:
            observation = facts.observations.get(metric_id)
            return observation.series if observation is not None else None

        return series_of
