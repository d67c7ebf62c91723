"""Assessing batch rows: the same findings as `compliance check`, at a speed a province's villages need.

A table row is read into values and classified by where each value sits against the rules' constants
(`KindEngine.classify`). Sites of one class get the same statuses, so a class is worked out once and kept:
the sites.csv columns, the statuses, and each finding to write as a template whose slots every row of
the class fills with its own values. A requirement's finding depends only on its own metrics' places
in the class, so a new class takes the findings it shares with earlier classes and runs the Assessor
(with each observed value replaced by a slot) only when some requirement meets something new. A site
with attestations, and every JSONL or facts-file document, is assessed in full.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import operator
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING

from compliance.assess.applicability import covering_plans, plans_for_place
from compliance.assess.assessor import Assessor, verdict_of
from compliance.assess.gap import gap_to
from compliance.assess.series import SeriesFinding, series_display, series_findings, series_notes_text
from compliance.assess.timing import targets_of, timing
from compliance.batch.chunks import CELL, Chunk
from compliance.batch.columns import Columns
from compliance.batch.fractions import read_percent
from compliance.batch.measured import RowDerivations
from compliance.batch.table import Document
from compliance.batch.tally import Figure, Tally
from compliance.engine import derive
from compliance.load.divisions import PLACE_KINDS, Divisions, Place, PlaceConflict, divisions_of
from compliance.load.facts import facts_from
from compliance.load.values import ValueProblem, is_blank, read_value
from compliance.load.yamlsrc import parse
from compliance.model.attestation import AttestationBook
from compliance.model.checks import metrics_of, trends_of
from compliance.model.facts import Facts, Observation, Site
from compliance.model.gazetteer import PLACE_METRIC
from compliance.model.metric import Aggregate, Metric, display
from compliance.model.plan import Requirement, RulePack, Target
from compliance.model.problems import InputError
from compliance.model.result import Assessment, Finding, Gap, ObservedValue, Status, TargetView, Verdict
from compliance.report.words import BATCH_VERDICT_ZH, STATUS_ZH

if TYPE_CHECKING:
    from compliance.batch.compact import CompactRows

VERDICT_ZH = BATCH_VERDICT_ZH
WRITTEN = (Status.FAIL, Status.AT_RISK, Status.INSUFFICIENT_DATA)
"""Statuses written to findings.jsonl by default; the rest are counted (see --all-findings)."""
SITES_HEADER = [
    "row",
    "site_id",
    "name",
    "district",
    "township",
    "verdict",
    "verdict_zh",
    *[status.value for status in Status],
    "failing",
    "at_risk_ids",
    "missing_data",
    "reason_zh",
]
REJECTED_HEADER = ["row", "site_id", "field", "reason", "source"]

_SLOT = re.compile(
    '"\ue000v(\\d+)\ue001"|\ue000([ze])(\\d+)\ue001|\ue000n([^|\ue001]+)\\|(\\w+)\\|(\\d+)\ue001'
    '|"\ue000g([^|\ue001]+)\\|([fa])\ue001"'
)
_COMPARE: dict[str, Callable[[float, float], bool]] = {
    ">=": operator.ge,
    ">": operator.gt,
    "<=": operator.le,
    "<": operator.lt,
    "==": operator.eq,
    "!=": operator.ne,
}
BLANK = ValueProblem("blank")
"""A cell of only spaces or a blank marker: no value, like an empty cell."""
_NAME_FIELDS = ("name", "aliases", "groups", "district", "township", "admin_code")
"""The site fields a named place is read from."""
_UNREAD = object()
"""A row's names whose named place is not yet read."""
Reading = tuple[str, float | bool | str, float] | ValueProblem
"""A cell read for its column's metric: (metric id, value, engine number), or what is wrong with it."""
MEMO_LIMIT = 50_000
"""Classes kept per worker; past this the memo starts afresh (it only ever costs speed)."""
BODY_LIMIT = 8_000
"""Filled finding texts kept per worker (each about 1.5 KB)."""

Slot = tuple[str, int] | tuple[str, str, str] | tuple[str, str, str, int]
"""("v"|"z"|"e", metric slot): a value or its zh/en display; ("g", requirement, "f"|"a"): the gap to the target
in force or ahead; ("n", requirement, notes list, index): a series note."""


@dataclass(frozen=True, eq=False)
class Template:
    """A finding's JSON (without its opening brace), UTF-8, as a bytes %-pattern with a named field per slot.

    `depends` names the metrics whose values (or dated series) fill the slots: the filled text is a function
    of them alone, so it is remembered per template and values (compared by identity: a template is kept
    alive by the memo key that holds it)."""

    pattern: bytes
    slots: tuple[tuple[bytes, Slot], ...]
    """Each slot with its field name in `pattern`."""
    depends: tuple[str, ...]
    remembered: bool
    """Whether filled texts are worth remembering: not when a dated series fills them (series rarely repeat)."""


def field_name(slot: Slot) -> str:
    """`v3`, `z3`, `e3` for a metric slot; `n_<requirement>_<list>_<index>` for a series note."""
    if len(slot) >= 3:
        return f"{slot[0]}_" + "_".join(str(part) for part in slot[1:]).replace("-", "_")
    return f"{slot[0]}{slot[1]}"


@dataclass(frozen=True)
class Settings:
    """Everything a worker needs to assess rows; shared with forked workers, never pickled per chunk."""

    pack: RulePack
    kind: str
    plans: list[str] | None
    as_of: dt.date
    columns: Columns | None
    source: str
    attestations: AttestationBook | None = None
    all_findings: bool = False
    percent_modes: dict[int, str] = field(default_factory=dict)
    """How the plain numbers of some percent columns are read, by position (see `batch.fractions`)."""


@dataclass
class ChunkResult:
    """A chunk's output, already UTF-8 encoded (bytes cross the process boundary cheaply).

    The findings, the bulk of the output, were written to findings.jsonl where they were made (a worker
    appends its chunk's in input order) and do not travel back."""

    sites_csv: bytes
    rejected_csv: bytes
    tally: Tally


@dataclass(frozen=True, eq=False)
class Entry:
    """What every site of one class gets: sites.csv columns, statuses, and finding templates."""

    columns: list[str]
    csv_tail: str
    """`columns` as they read in sites.csv: quoted where needed, joined by commas."""
    verdict: str
    statuses: dict[str, str]
    templates: list[Template]


class _ChunkOut:
    """What one chunk writes and counts."""

    def __init__(self, findings: IO[bytes], compact: CompactRows | None) -> None:
        self.findings = findings
        self.compact = compact
        self.sites = io.StringIO()
        self.sites_csv = csv.writer(self.sites)
        self.rejected = io.StringIO()
        self.rejected_csv = csv.writer(self.rejected)
        self.tally = Tally()
        self.placed: Counter[tuple[Entry, str, str]] = Counter()
        """Sites per class, district and township: counted into the tally once per chunk."""

    def result(self) -> ChunkResult:
        tally = self.tally
        classes: Counter[Entry] = Counter()
        for (entry, district, township), sites in self.placed.items():
            classes[entry] += sites
            self.assessed(entry.verdict, district, township, sites)
        for entry, sites in classes.items():
            tally.count_statuses(entry.statuses, sites)
        return ChunkResult(
            self.sites.getvalue().encode(),
            self.rejected.getvalue().encode(),
            self.tally,
        )

    def assessed(self, verdict: str, district: str, township: str, sites: int = 1) -> None:
        self.tally.assessed += sites
        self.tally.verdicts[verdict] += sites
        _place(self.tally, district, township)[verdict] += sites


@dataclass
class RowFacts:
    """A row's values (the latest period's for a dated metric) and its dated series."""

    values: dict[str, float | bool | str]
    series: dict[str, dict[str, float | bool | str]]
    numbers: dict[str, float]
    """Engine numbers: each value's, and for each trend rule the number derived from its series."""
    dated: dict[str, dict[str, float]]
    """Each dated series as engine numbers."""
    wanting: dict[str, tuple[str, ...]]
    """Per trend rule (by its engine field) left undecided, the periods its series lacks (a hole, a baseline),
    or () where a plain column gave one value: what the finding's reason names, so part of the row's class."""

    def observations(self) -> dict[str, Observation]:
        return {m: Observation(metric=m, value=v, series=self.series.get(m)) for m, v in self.values.items()}


class RowRejected(Exception):
    def __init__(self, field: str, reason: str) -> None:
        super().__init__(reason)
        self.field = field
        self.reason = reason


@dataclass(frozen=True)
class FigureSpec:
    """A district figure computed from this batch's sites: `metric` over the member metric `of`."""

    metric: str
    aggregate: Aggregate
    of: Metric
    test: float | None


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
        specs.append(FigureSpec(metric.id, aggregate, member, test))
    return specs


class _SlotDisplay:
    """Shows each site-specific part of a finding as a slot to fill per site: an observed value (`value`, its
    zh and en display), the gap to each target, and each note on a dated series (the class fixes how many)."""

    def __init__(self, slot_of: dict[str, int]) -> None:
        self._slot_of = slot_of

    def observed(self, value: ObservedValue) -> ObservedValue:
        slot = self._slot_of[value.metric]
        return value.model_copy(
            update={
                "value": f"\ue000v{slot}\ue001",
                "display_zh": f"\ue000z{slot}\ue001",
                "display_en": f"\ue000e{slot}\ue001",
            }
        )

    def target(
        self, requirement: Requirement, view: TargetView, ahead: bool, gapped: Callable[[], TargetView]
    ) -> TargetView:
        """The target with a slot where each site's gap to it goes (or null, when it has none)."""
        return view.model_copy(update={"gap": f"\ue000g{requirement.id}|{'a' if ahead else 'f'}\ue001"})

    def notes(self, requirement: Requirement, notes: dict[str, list[str]]) -> dict[str, list[str]]:
        return {
            name: [f"\ue000n{requirement.id}|{name}|{index}\ue001" for index in range(len(texts))]
            for name, texts in notes.items()
        }


def _template(text: str, metric_of_slot: Callable[[Slot], list[str]], dated: set[str]) -> Template:
    parts: list[str] = []
    slots: list[Slot] = []
    position = 0
    for match in _SLOT.finditer(text):
        parts.append(text[position : match.start()].replace("%", "%%"))
        slot: Slot
        if match.group(1) is not None:
            slot = ("v", int(match.group(1)))
        elif match.group(2) is not None:
            slot = (match.group(2), int(match.group(3)))
        elif match.group(7) is not None:
            slot = ("g", match.group(7), match.group(8))
        else:
            slot = ("n", match.group(4), match.group(5), int(match.group(6)))
        slots.append(slot)
        parts.append(f"%({field_name(slot)})s")
        position = match.end()
    parts.append(text[position:].replace("%", "%%") + "\n")
    named = {field_name(slot): slot for slot in slots}
    depends = dict.fromkeys(metric for slot in named.values() for metric in metric_of_slot(slot))
    remembered = not any(metric in dated for metric in depends)
    slotted = tuple((name.encode(), slot) for name, slot in named.items())
    return Template("".join(parts).encode(), slotted, tuple(depends), remembered)


def _json_text(text: str) -> str:
    """The inside of a JSON string for `text`."""
    if text.isprintable() and '"' not in text and "\\" not in text:
        return text
    return json.dumps(text, ensure_ascii=False)[1:-1]


def _json_value(value: float | bool | str) -> str:
    if isinstance(value, str):
        return f'"{_json_text(value)}"'
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value)


def short_reason(findings: list[Finding], pack: RulePack) -> str:
    """One Chinese sentence for sites.csv: what makes the site non-compliant or incomplete, or that it passes."""
    verdict = verdict_of(findings).value
    said = VERDICT_ZH[verdict] + "："
    bearing = [f for f in findings if f.bears_on_verdict]
    failing = [f for f in bearing if f.status == Status.FAIL]
    if failing:
        return said + _titles(failing)
    missing = [f for f in bearing if f.status == Status.INSUFFICIENT_DATA]
    if missing:
        metrics = list(dict.fromkeys(m for f in missing for m in f.missing))
        names = [pack.catalogue.metric(m).name_zh for m in metrics]
        return said + "缺少" + "、".join(names)
    counts = Counter(f.status for f in findings)
    if verdict == Verdict.NO_APPLICABLE_REQUIREMENT:
        shown = "，".join(f"{STATUS_ZH[status.value]}{counts[status]}项" for status in Status if counts[status])
        return said + (f"没有一项要求得到判定（{shown}）" if shown else "没有适用于该场所的要求")
    text = said + "约束性要求均已达标"
    at_risk = [f for f in findings if f.status == Status.AT_RISK]
    if at_risk:
        text += f"；{len(at_risk)}项有未达标风险（{_titles(at_risk)}）"
    review = counts[Status.NEEDS_REVIEW]
    if review:
        text += f"；{review}项需人工核查"
    return text


def _titles(findings: list[Finding]) -> str:
    shown = "、".join(f"{f.title_zh}（{f.requirement}）" for f in findings[:3])
    return shown + (f"等{len(findings)}项" if len(findings) > 3 else "")


def summary_columns(findings: list[Finding], pack: RulePack) -> list[str]:
    """The sites.csv columns after the site's own: verdict, counts by status, requirement ids, reason."""

    def ids(status: Status) -> str:
        return " ".join(f.requirement for f in findings if f.status == status)

    verdict = verdict_of(findings).value
    counts = Counter(f.status for f in findings)
    return [
        verdict,
        VERDICT_ZH[verdict],
        *[str(counts[status]) for status in Status],
        ids(Status.FAIL),
        ids(Status.AT_RISK),
        ids(Status.INSUFFICIENT_DATA),
        short_reason(findings, pack),
    ]


class RowAssessor:
    """Turns chunks of records into sites.csv, findings.jsonl and rejected.csv text plus a Tally."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.pack = settings.pack
        self.assessor = Assessor(settings.pack, derive_measured=False)
        self.engine = self.assessor.engine(settings.kind)
        columns = settings.columns
        self.metric_columns = columns.metrics if columns is not None else []
        self.series_columns = columns.series if columns is not None else []
        slotted = [m for _, m in self.metric_columns] + [m for _, m, _ in self.series_columns]
        given = {m.id for m in slotted}
        self.measured = RowDerivations(settings.pack, settings.kind, given)
        """Classes derived from the row's measurement columns, written into the row like a stated value."""
        slotted += self.measured.metrics
        self.places = self.assessor.places if self.assessor.places.has_places(settings.kind) else None
        """For kinds with named places: the named place read from each row's names when no column states it."""
        if self.places is not None:
            slotted.append(settings.pack.catalogue.metric(PLACE_METRIC))
        self.slot_metrics = list({m.id: m for m in slotted}.values())
        self.slot_of = {metric.id: slot for slot, metric in enumerate(self.slot_metrics)}
        self.requirement_of = {r.id: r for r in settings.pack.requirements}
        self.dated = {m.id for _, m, _ in self.series_columns}
        self.trends = [
            (key, spec, self.slot_metrics[self.slot_of[spec.metric]])
            for key, spec in self.engine.compiled.trends.items()
            if spec.metric in self.slot_of
        ]
        self.slots = Assessor(
            settings.pack, derive_measured=False, display=_SlotDisplay(self.slot_of), engines_of=self.assessor
        )
        self.specs = figure_specs(settings.pack, settings.kind)
        self._kind_texts: dict[str, bool] = {}
        """Whether each text seen in a kind column names the batch's kind (resolved once per text)."""
        self._memo: dict[tuple[object, ...], Entry] = {}
        self._place_of: dict[tuple[str, ...], object] = {}
        self._findings: dict[tuple[object, ...], tuple[Finding, Template | None]] = {}
        self._depends = self._requirement_depends()
        modes = settings.percent_modes
        self._metric_cells: list[tuple[int, Metric, dict[str, Reading], str]] = [
            (position, metric, {}, modes.get(position, "")) for position, metric in self.metric_columns
        ]
        self._series_cells: list[tuple[int, Metric, str, dict[str, Reading], str]] = [
            (position, metric, period, {}, modes.get(position, ""))
            for position, metric, period in sorted(self.series_columns, key=lambda c: (c[1].id, c[2]))
        ]
        """Each metric column with the readings of the texts seen in it."""
        self._templates: dict[str, Template] = {}
        self._bodies: dict[tuple[object, ...], bytes] = {}
        self._shown: dict[tuple[str, str, float | bool | str], str] = {}
        self._series_notes: dict[tuple[str, tuple[SeriesFinding, ...]], dict[str, list[str]]] = {}
        self._gap_targets: dict[tuple[str, bool], Target | None] = {}
        """Per requirement, the target in force (False) or ahead (True) at the as-of date: what gaps are to."""
        self.divisions: Divisions = divisions_of(self.pack.divisions)
        self._located: dict[tuple[str, str, str, str], tuple[Place, str] | PlaceConflict] = {}
        """Each place as written (name of a division site, code to the township, district, township), resolved."""
        self._places: dict[tuple[str, str], list[str]] = {}
        """Plans by (admin code prefix, district): plans match codes by prefix, never longer than this."""
        self._code_length = max(
            (len(c) for p in self.pack.plans.values() for c in p.jurisdiction.admin_codes), default=0
        )

    # -- one chunk ---------------------------------------------------------------------------------

    def chunk(self, chunk: Chunk, findings: IO[bytes], compact: CompactRows | None = None) -> ChunkResult:
        """Assess a chunk, writing its findings.jsonl lines to `findings` (and their findings.csv rows to
        `compact`)."""
        out = _ChunkOut(findings, compact)
        out.tally.rows += len(chunk)
        out.tally.blank_rows += chunk.blank_rows
        first_seen, documents, special, refused = chunk.first_seen, chunk.documents, _PACKED_SPECIAL, chunk.refused
        for index, (number, row) in enumerate(zip(chunk.numbers, chunk.records(), strict=True)):
            if refused and index in refused:
                self._refuse(number, row.split(CELL) if isinstance(row, str) else row or [], refused[index], out)
            elif isinstance(row, str):
                self._row(number, row.split(CELL), first_seen.get(index), out, special.search(row) is None)
            elif row is None:
                self._document(documents[index], first_seen.get(index), out)
            else:  # a row too odd to pack
                self._row(number, row, first_seen.get(index), out, False)
        return out.result()

    # -- table rows --------------------------------------------------------------------------------

    def _refuse(self, number: int, cells: list[str], reason: str, out: _ChunkOut) -> None:
        """Reject a row the main process refused (a totals row, unreadable bytes)."""
        columns = self.settings.columns
        position = columns.site["id"] if columns is not None else len(cells)
        site_id = cells[position].strip() if position < len(cells) else ""
        self._reject(number, site_id, cells, RowRejected("", reason), out, self.settings.source)

    def _row(self, number: int, cells: list[str], first_seen: int | None, out: _ChunkOut, plain: bool) -> None:
        """Assess one table row; `plain`: no cell holds a character sites.csv must quote."""
        columns = self.settings.columns
        assert columns is not None
        site_id = cells[columns.site["id"]].strip() if len(cells) > columns.site["id"] else ""
        try:
            facts, site_fields = self._read(cells, columns, first_seen, out.tally)
        except RowRejected as rejection:
            self._reject(number, site_id, cells, rejection, out, self.settings.source)
            return
        district, township = site_fields["district"], site_fields["township"]
        extras = [cells[position] for position, _ in columns.extra]
        if self.places is not None and PLACE_METRIC not in facts.values:
            self._read_place(site_fields, facts)
        numbers = facts.numbers
        try:
            plans = self._plans_for(site_fields)
        except InputError as error:
            where = RowRejected("district/admin_code", error.problems[0].message)
            self._reject(number, site_id, cells, where, out, self.settings.source)
            return
        attestations = self.settings.attestations
        if attestations is not None and attestations.covers(site_id):
            assessment = self._assess(self._facts(site_fields, facts, number), plans)
            self._write_assessment(number, site_fields, assessment, extras, out)
        else:
            classes = self.engine.classify(numbers)
            key = (tuple(plans), tuple(facts.values), classes, tuple(facts.wanting.items()))
            entry = self._memo.get(key)
            if entry is None:
                entry = self._entry(facts, plans, classes, lambda: self._facts(site_fields, facts, number))
                if len(self._memo) >= MEMO_LIMIT:
                    self._memo.clear()
                self._memo[key] = entry
            out.placed[(entry, district, township)] += 1
            if plain:
                site = f"{number},{site_fields['id']},{site_fields['name']},{district},{township}"
                tail = "," + ",".join(extras) if extras else ""
            else:
                text = _csv_text
                site = (
                    f"{number},{text(site_fields['id'])},{text(site_fields['name'])},{text(district)},{text(township)}"
                )
                tail = "".join("," + text(cell) for cell in extras) if extras else ""
            out.sites.write(f"{site},{entry.csv_tail}{tail}\r\n")
            if entry.templates:
                self._fill(entry, number, site_fields, facts, out.findings)
                if out.compact is not None:
                    out.compact.fill(entry.templates, number, site_fields["id"], facts)
        self._figures(out.tally, site_fields, numbers)

    def _read(
        self, cells: list[str], columns: Columns, first_seen: int | None, tally: Tally
    ) -> tuple[RowFacts, dict[str, str]]:
        width = columns.width
        if len(cells) != width:
            if len(cells) < width:  # (rows empty after trimming never come here: `chunks` skips them)
                raise RowRejected("", f"short row: {len(cells)} cells, the header has {width}")
            if "".join(cells[width:]).strip():
                raise RowRejected("", f"long row: {len(cells)} cells, the header has {width}")
        site_fields = {name: cells[position].strip() for name, position in columns.site.items()}
        site_fields.setdefault("district", "")
        site_fields.setdefault("township", "")
        if not site_fields["id"]:
            raise RowRejected(columns.title("id"), "the site id is blank")
        if first_seen is not None:
            raise RowRejected(columns.title("id"), f"site id {site_fields['id']!r} is already used by row {first_seen}")
        kind = site_fields.get("kind")
        if kind and not self._names_kind(kind):
            named = self.pack.catalogue.kind(self.settings.kind)
            expected = f"{named.name_zh} ({named.id})"
            raise RowRejected(columns.title("kind"), f"kind {kind!r}, but this batch assesses {expected}")
        self._locate(site_fields, columns, tally)
        if not site_fields.get("name"):
            site_fields["name"] = site_fields["id"]
        values: dict[str, float | bool | str] = {}
        numbers: dict[str, float] = {}
        problems: list[tuple[str, str]] = []
        for position, metric, known, mode in self._metric_cells:
            text = cells[position]
            if not text:
                continue
            reading = known.get(text) or self._reading(known, text, metric, mode)
            if reading.__class__ is tuple:
                metric_id, values[metric_id], numbers[metric_id] = reading
            elif reading is not BLANK:
                problems.append((columns.titles[position], str(reading)))
        series: dict[str, dict[str, float | bool | str]] = {}
        dated: dict[str, dict[str, float]] = {}
        wanting: dict[str, tuple[str, ...]] = {}
        for position, metric, period, known, mode in self._series_cells:  # in period order within each metric
            text = cells[position]
            if not text:
                continue
            reading = known.get(text) or self._reading(known, text, metric, mode)
            if reading.__class__ is tuple:
                metric_id, value, number = reading
                if metric_id not in series:
                    series[metric_id], dated[metric_id] = {}, {}
                series[metric_id][period] = value
                dated[metric_id][period] = number
            elif reading is not BLANK:
                problems.append((columns.titles[position], str(reading)))
        if problems:
            raise RowRejected("; ".join(p[0] for p in problems), "; ".join(p[1] for p in problems))
        if self.measured.metrics:
            for derived_metric, derived_value in self.measured.derive(values, series):
                values[derived_metric.id] = derived_value
                numbers[derived_metric.id] = derive.numeric(derived_value, derived_metric)
        for key, spec, _ in self.trends:
            if spec.metric in numbers and spec.metric not in dated:
                wanting[key] = ()  # one value where a trend reads a dated series: the reason asks for one
        if series:
            for metric_id, periods in series.items():
                latest = next(reversed(periods))
                values[metric_id] = periods[latest]
                numbers[metric_id] = dated[metric_id][latest]
            for key, spec, metric in self.trends:
                period_numbers = dated.get(spec.metric)
                if period_numbers:
                    derived = derive.derive_numbers(spec, period_numbers, metric)
                    if derived is not None:
                        numbers[key] = derived
                    elif lacking := derive.wanting(spec, list(period_numbers)):
                        wanting[key] = tuple(lacking)
        return RowFacts(values, series, numbers, dated, wanting), site_fields

    def _names_kind(self, text: str) -> bool:
        """Whether a kind cell names the batch's kind, in any of the kind's spellings."""
        named = self._kind_texts.get(text)
        if named is None:
            found = self.pack.catalogue.find_kind(text)
            if len(self._kind_texts) >= MEMO_LIMIT:
                self._kind_texts.clear()
            named = self._kind_texts[text] = found is not None and found.id == self.settings.kind
        return named

    def _locate(self, site_fields: dict[str, str], columns: Columns, tally: Tally) -> None:
        """The row's place resolved in `site_fields`: district and township names and codes filled from each
        other (see `load.divisions`); a code and a name that disagree reject the row."""
        code = site_fields.get("admin_code", "")
        found = self._resolved(site_fields.get("name", ""), code, site_fields["district"], site_fields["township"])
        if isinstance(found, PlaceConflict):
            raise RowRejected(columns.title(found.field), found.message)
        place, resolved_name = found
        site_fields["admin_code"] = code if _village(code) else place.admin_code
        site_fields["district"], site_fields["township"] = place.district, place.township
        site_fields["district_code"], site_fields["township_code"] = place.district_code, place.township_code
        if resolved_name:
            site_fields["name"] = resolved_name
        for warning in place.warnings:
            tally.warnings[warning] += 1
        tally.place_codes.setdefault((place.district, place.township), (place.district_code, place.township_code))

    def _resolved(self, name: str, code: str, district: str, township: str) -> tuple[Place, str] | PlaceConflict:
        """`Divisions.resolve`, remembered per place as written (a village code read to its township); a
        conflict is said with the code as written."""
        kind = self.settings.kind
        key = (name if kind in PLACE_KINDS else "", code[:9] if _village(code) else code, district, township)
        found = self._located.get(key)
        if found is None:
            try:
                found = self.divisions.resolve(kind, *key)
            except PlaceConflict as conflict:
                found = conflict
            if len(self._located) >= MEMO_LIMIT:
                self._located.clear()
            self._located[key] = found
        if isinstance(found, PlaceConflict) and key[1] != code:
            try:
                self.divisions.resolve(kind, key[0], code, district, township)
            except PlaceConflict as conflict:
                return conflict
        return found

    def _reading(self, known: dict[str, Reading], text: str, metric: Metric, mode: str) -> Reading:
        """A cell read for its column's metric, with its engine number, remembered: columns repeat texts.
        A blank marker (—, /, 无数据 …) is no value, like an empty cell."""
        reading: Reading
        if is_blank(text):
            reading = BLANK
        else:
            try:
                value = read_percent(text.strip(), metric, mode) if mode else read_value(text.strip(), metric)
                reading = (metric.id, value, derive.numeric(value, metric))
            except ValueProblem as problem:
                reading = problem
        if len(known) > MEMO_LIMIT:
            known.clear()
        known[text] = reading
        return reading

    def _plans_for(self, site_fields: dict[str, str]) -> list[str]:
        """The --plan plans, else those covering the row's place; no plan is an InputError naming them."""
        if self.settings.plans:
            return self.settings.plans
        code, district = site_fields.get("admin_code", ""), site_fields["district"]
        place = (code[: self._code_length], district)
        found = self._places.get(place)
        if found is None:
            found = plans_for_place(code, district, self.pack.plans)
            if not found:
                site = Site(id="-", kind=self.settings.kind, name="-", admin_code=code, district=district)
                return covering_plans(site, self.pack.plans, None, self.settings.source)
            if len(self._places) >= MEMO_LIMIT:
                self._places.clear()
            self._places[place] = found
        return found

    def _read_place(self, site_fields: dict[str, str], facts: RowFacts) -> None:
        """The named place from the row's names, as `check` reads it; unsure (a close name) leaves it missing."""
        assert self.places is not None
        names = tuple(
            site_fields.get(f, "") for f in ("name", "aliases", "groups", "district", "township", "admin_code")
        )
        value = self._place_of.get(names, _UNREAD)
        if value is _UNREAD:
            value = self.places.read(self._site(site_fields)).value
            if len(self._place_of) >= MEMO_LIMIT:
                self._place_of.clear()
            self._place_of[names] = value
        if isinstance(value, str):
            facts.values[PLACE_METRIC] = value
            facts.numbers[PLACE_METRIC] = derive.numeric(value, self.pack.catalogue.metric(PLACE_METRIC))

    def _site(self, site_fields: dict[str, str]) -> Site:
        attributes: dict[str, str | float | bool | list[str]] = {}
        if site_fields.get("township"):
            attributes["township"] = site_fields["township"]
        groups = [g for g in re.split(r"[、;；,，]", site_fields.get("groups", "")) if g.strip()]
        aliases = [a.strip() for a in re.split(r"[、;；,，]", site_fields.get("aliases", "")) if a.strip()]
        return Site(
            aliases=aliases,
            id=site_fields["id"],
            kind=self.settings.kind,
            name=site_fields["name"],
            name_en=site_fields.get("name_en", ""),
            admin_code=site_fields.get("admin_code", ""),
            district=site_fields["district"],
            groups=[g.strip() for g in groups],
            attributes=attributes,
        )

    def _facts(self, site_fields: dict[str, str], facts: RowFacts, number: int) -> Facts:
        source = f"{self.settings.source}:{number}"
        return Facts(site=self._site(site_fields), observations=facts.observations(), source=source)

    def _assess(self, facts: Facts, plans: list[str], assessor: Assessor | None = None) -> Assessment:
        settings = self.settings
        return (assessor or self.assessor).assess(facts, settings.as_of, plans, settings.attestations)

    def _entry(self, facts: RowFacts, plans: list[str], classes: tuple[int, ...], row: Callable[[], Facts]) -> Entry:
        """What every site of a class gets, made of each requirement's finding for its share of the class.

        A requirement's finding depends only on the classes and presence of its own metrics (and on the
        plans, the site's name matches and the periods its undecided trends lack, which its reason names),
        so classes that differ elsewhere share it: the full assessment runs only when some requirement
        meets a combination it has not met before."""
        requirements = self.assessor.requirements_for(self.settings.kind, plans)
        plans_key = tuple(plans)
        wanting = facts.wanting
        keys = [
            (
                requirement.id,
                plans_key,
                *[classes[i] for i in positions],
                *[m in facts.values for m in metrics],
                *([wanting.get(t) for t in trends] if wanting else ()),
            )
            for requirement in requirements
            for positions, metrics, trends in (self._depends[requirement.id],)
        ]
        known = [self._findings.get(key) for key in keys]
        if None in known:
            findings = self._assess(row(), plans, self.slots).findings
            if len(findings) != len(keys):
                raise AssertionError("the assessment and the class disagree on the requirements")
            if len(self._findings) >= MEMO_LIMIT:
                self._findings.clear()
                self._templates.clear()
            written = self.settings.all_findings
            for key, finding in zip(keys, findings, strict=True):
                template = (
                    self._template(finding.model_dump_json(warnings=False)[1:])
                    if written or finding.status in WRITTEN
                    else None
                )
                self._findings[key] = (finding, template)
            known = [self._findings[key] for key in keys]
        shared = [pair for pair in known if pair is not None]
        columns = summary_columns([finding for finding, _ in shared], self.pack)
        return Entry(
            columns=columns,
            csv_tail=",".join(_csv_text(column) for column in columns),
            verdict=columns[0],
            statuses={finding.requirement: finding.status.value for finding, _ in shared},
            templates=[template for _, template in shared if template is not None],
        )

    def _requirement_depends(self) -> dict[str, tuple[tuple[int, ...], tuple[str, ...], tuple[str, ...]]]:
        """Per requirement: the places in a class key it reads (its metrics, trends and site match), the
        metrics whose presence it shows, and its trends' engine fields."""
        places = self.engine.positions()
        depends = {}
        for requirement in self.assessor.requirements_for(self.settings.kind):
            trends = trends_of(requirement.check)
            metrics = [*metrics_of(requirement.check), *metrics_of(requirement.applies.condition)]
            metrics = list(dict.fromkeys([*metrics, *(spec.metric for spec in trends)]))
            fields = [*metrics, *(derive.derived_key(spec) for spec in trends)]
            positions = [places[name] for name in fields if name in places]
            depends[requirement.id] = (tuple(positions), tuple(metrics), tuple(fields[len(metrics) :]))
        return depends

    def _template(self, text: str) -> Template:
        """One Template per distinct finding text, shared by every class that writes it."""
        template = self._templates.get(text)
        if template is None:
            template = self._templates[text] = _template(text, self._slot_metrics, self.dated)
        return template

    def _slot_metrics(self, slot: Slot) -> list[str]:
        """The metrics a slot's text is made from: its own, a series note's trend metrics, or a gap's check's."""
        if len(slot) == 4:
            return [spec.metric for spec in trends_of(self.requirement_of[slot[1]].check)]
        if len(slot) == 3:
            check = self.requirement_of[slot[1]].check
            return list(dict.fromkeys([*metrics_of(check), *(spec.metric for spec in trends_of(check))]))
        return [self.slot_metrics[slot[1]].id]

    def _fill(
        self, entry: Entry, number: int, site_fields: dict[str, str], facts: RowFacts, findings: IO[bytes]
    ) -> None:
        """Write the class's findings for this site: each template filled with the site's values."""
        head = _head(number, site_fields)
        values, bodies, write = facts.values, self._bodies, findings.write
        for template in entry.templates:
            write(head)
            if not template.remembered:
                write(template.pattern % self._slot_texts(template, facts))
                continue
            depends = template.depends
            if len(depends) == 1:
                key: tuple[object, ...] = (template, values.get(depends[0]))
            else:
                key = (template, *[values.get(m) for m in depends])
            body = bodies.get(key)
            if body is None:
                body = template.pattern % self._slot_texts(template, facts)
                if len(bodies) >= BODY_LIMIT:
                    bodies.clear()
                bodies[key] = body
            write(body)

    def _slot_texts(self, template: Template, facts: RowFacts) -> dict[bytes, bytes]:
        texts: dict[bytes, bytes] = {}
        notes: dict[str, list[str]] | None = None
        for name, slot in template.slots:
            if len(slot) == 4:
                _, requirement_id, which_list, index = slot
                if notes is None:  # a template is one requirement's finding
                    notes = self._notes(self.requirement_of[requirement_id], facts)
                text = _json_text(notes[which_list][index])
            elif len(slot) == 3:
                text = self._gap_json(slot[1], slot[2] == "a", facts)
            else:
                which, position = slot
                metric = self.slot_metrics[position]
                value = facts.values[metric.id]
                periods = facts.series.get(metric.id)
                if which == "v":
                    text = _json_value(value)
                elif periods is not None:
                    text = _json_text(series_display(periods, metric, "zh" if which == "z" else "en", self._display))
                else:
                    text = _json_text(display(value, metric, "zh" if which == "z" else "en"))
            texts[name] = text.encode()
        return texts

    def _gap_json(self, requirement_id: str, ahead: bool, facts: RowFacts) -> str:
        """`gap` as a findings.jsonl line holds it."""
        gap = self.gap(requirement_id, ahead, facts)
        return "null" if gap is None else gap.model_dump_json()

    def gap(self, requirement_id: str, ahead: bool, facts: RowFacts) -> Gap | None:
        """A site's gap to the target in force (or ahead), from the one place gaps are computed."""
        requirement = self.requirement_of[requirement_id]
        key = (requirement_id, ahead)
        if key not in self._gap_targets:
            when = timing(requirement, self.settings.as_of)
            index = when.ahead if ahead else when.in_force
            target = targets_of(requirement)[index] if index is not None else None
            self._gap_targets[key] = target
        target = self._gap_targets[key]
        if target is None:
            return None
        as_of, catalogue = self.settings.as_of, self.pack.catalogue
        return gap_to(
            requirement.check, target.value, target.due, ahead, as_of, facts.numbers.get, facts.dated.get, catalogue
        )

    def _notes(self, requirement: Requirement, facts: RowFacts) -> dict[str, list[str]]:
        """The series notes of a site's finding, remembered by what they say (which periods break a rule)."""
        found = series_findings(requirement, facts.dated.get, self.pack.catalogue)
        key = (requirement.id, found)
        notes = self._series_notes.get(key)
        if notes is None:
            if len(self._series_notes) >= MEMO_LIMIT:
                self._series_notes.clear()
            notes = self._series_notes[key] = series_notes_text(requirement, found, self.pack.catalogue)
        return notes

    def _display(self, value: float | bool | str, metric: Metric, lang: str) -> str:
        """`display`, remembered: a series repeats the same values period after period, site after site."""
        key = (metric.id, lang, value)
        text = self._shown.get(key)
        if text is None:
            if len(self._shown) >= MEMO_LIMIT:
                self._shown.clear()
            text = self._shown[key] = display(value, metric, lang)
        return text

    def _figures(self, tally: Tally, site_fields: dict[str, str], numbers: dict[str, float]) -> None:
        if not self.specs:
            return
        district = site_fields["district"] or site_fields.get("admin_code", "")[:6]
        if district not in tally.figures:
            tally.figures[district] = {spec.metric: Figure() for spec in self.specs}
            code = site_fields.get("district_code") or site_fields.get("admin_code", "")[:6]
            if code:
                tally.district_codes[district] = code
        figures = tally.figures[district]
        for spec in self.specs:
            figure = figures[spec.metric]
            value = numbers.get(spec.of.id)
            if value is None:
                figure.missing += 1
                continue
            figure.denominator += 1
            if spec.test is None:
                figure.numerator += value
            elif _COMPARE[spec.aggregate.op or "=="](value, spec.test):
                figure.numerator += 1

    # -- documents (JSONL lines, facts files) ------------------------------------------------------

    def _document(
        self,
        document: Document,
        first_seen: int | None,
        out: _ChunkOut,
    ) -> None:
        site_id = ""
        try:
            if document.text is None:
                raise RowRejected("", document.error)
            located = parse(document.text, document.label)
            facts = facts_from(located, self.pack.catalogue, document.label, self.divisions)
            site_id = facts.site.id
            if first_seen is not None:
                raise RowRejected("site.id", f"site id {site_id!r} is already used by record {first_seen}")
            if facts.site.kind != self.settings.kind:
                raise RowRejected(
                    "site.kind", f"kind {facts.site.kind!r}, but this batch assesses {self.settings.kind}"
                )
            assessment = self._assess(facts, self.settings.plans or [])
        except InputError as error:
            problems = error.problems
            invalid = RowRejected("; ".join(p.field for p in problems), "; ".join(p.message for p in problems))
            self._reject(document.number, site_id, [], invalid, out, document.label)
            return
        except RowRejected as rejection:
            self._reject(document.number, site_id, [], rejection, out, document.label)
            return
        site = facts.site
        township = str(site.attributes.get("township", ""))
        site_fields = {"id": site.id, "name": site.name, "district": site.district, "township": township}
        site_fields["admin_code"] = site.admin_code
        for notice in facts.notices:
            out.tally.warnings[notice.text_en] += 1
        code = site.admin_code
        district_code = code[:6] if len(code) >= 6 and not code.endswith("00") else ""
        township_code = code[:9] if len(code) >= 9 and township else ""
        site_fields["district_code"] = district_code
        out.tally.place_codes.setdefault((site.district, township), (district_code, township_code))
        self._write_assessment(document.number, site_fields, assessment, [], out)
        numbers = {m: derive.numeric(o.value, self.pack.catalogue.metric(m)) for m, o in facts.observations.items()}
        self._figures(out.tally, site_fields, numbers)

    # -- writing -----------------------------------------------------------------------------------

    def _write_assessment(
        self,
        number: int,
        site_fields: dict[str, str],
        assessment: Assessment,
        extras: Sequence[str],
        out: _ChunkOut,
    ) -> None:
        district, township = site_fields["district"], site_fields["township"]
        columns = summary_columns(assessment.findings, self.pack)
        row: list[str | int] = [number, site_fields["id"], site_fields["name"], district, township, *columns, *extras]
        out.sites_csv.writerow(safe_cells(row))
        head = _head(number, site_fields)
        for finding in assessment.findings:
            if self.settings.all_findings or finding.status in WRITTEN:
                out.findings.write(head + finding.model_dump_json()[1:].encode() + b"\n")
                if out.compact is not None:
                    out.compact.full(number, site_fields["id"], finding)
        out.tally.count_statuses({f.requirement: f.status.value for f in assessment.findings})
        out.assessed(assessment.verdict.value, district, township)

    def _reject(
        self,
        number: int,
        site_id: str,
        cells: list[str],
        rejection: RowRejected,
        out: _ChunkOut,
        source: str,
    ) -> None:
        columns = self.settings.columns
        district = township = name = ""
        extras: list[str] = []
        if columns is not None:

            def cell(field: str) -> str:
                position = columns.site.get(field)
                return cells[position].strip() if position is not None and position < len(cells) else ""

            district, township, name = cell("district"), cell("township"), cell("name")
            extras = [cells[position] if position < len(cells) else "" for position, _ in columns.extra]
            found = self._resolved(name, cell("admin_code"), district, township)
            if not isinstance(found, PlaceConflict):
                place = found[0]
                district, township = place.district, place.township
                codes = (place.district_code, place.township_code)
                out.tally.place_codes.setdefault((district, township), codes)
        blanks = [""] * (len(Status) + 3)
        reason = f"{rejection.field}: {rejection.reason}" if rejection.field else rejection.reason
        row: list[str | int] = [number, site_id, name, district, township, "rejected", VERDICT_ZH["rejected"]]
        out.sites_csv.writerow(safe_cells([*row, *blanks, reason, *extras]))
        out.rejected_csv.writerow(safe_cells([number, site_id, rejection.field, rejection.reason, source]))
        out.tally.rejected += 1
        out.tally.verdicts["rejected"] += 1
        _place(out.tally, district, township)["rejected"] += 1


_CSV_SPECIAL = re.compile('[,"\r\n]')
_PACKED_SPECIAL = re.compile('[,"\r\n=+\\-@]')
"""A packed row that may not be written as it is: a cell to quote, or one that may need neutralising
(see `safe_cell`; one character class is quicker to scan for than where cells start)."""
_FORMULA = re.compile(r"\s*[=+\-@]")
_NUMBER = re.compile(r"\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?%?\s*$")


def safe_cell(text: str) -> str:
    """A CSV cell a spreadsheet will not run as a formula: one starting with = + - @ (after any spaces,
    tabs or line breaks) gets a leading ' as OWASP advises, unless it is just a number (-3.5, +2%)."""
    if _FORMULA.match(text) is None or _NUMBER.match(text) is not None:
        return text
    return "'" + text


def safe_cells(row: list[str | int]) -> list[str | int]:
    return [safe_cell(cell) if isinstance(cell, str) else cell for cell in row]


def _village(code: str) -> bool:
    """A 12-digit village code (not a zero-padded township or district one): read down to its township."""
    return len(code) == 12 and code.isdigit() and not code.endswith("000")


def _csv_text(text: str) -> str:
    """A sites.csv field as the csv module writes it (neutralised, and quoted when it holds a comma,
    quote or line break)."""
    text = safe_cell(text)
    if _CSV_SPECIAL.search(text) is None:
        return text
    return '"' + text.replace('"', '""') + '"'


def _head(number: int, site_fields: dict[str, str]) -> bytes:
    """The start of a findings.jsonl line: row, site id and name, before the finding's own fields."""
    site, name = _json_value(site_fields["id"]), _json_value(site_fields["name"])
    return f'{{"row":{number},"site":{site},"site_name":{name},'.encode()


def _place(tally: Tally, district: str, township: str) -> Counter[str]:
    key = (district, township)
    counter = tally.townships.get(key)
    if counter is None:
        counter = tally.townships[key] = Counter()
    return counter
