"""Assessing batch rows: the same findings as `compliance check`, at a speed a province's villages need.

A table row is read into values and classified by where each value sits against the rules' constants
(`KindEngine.classify`). Sites of one class get the same statuses, so a class is worked out once and kept:
the sites.csv columns, the statuses, and each finding to write as a template whose slots every row of
the class fills with its own values. A requirement's finding depends only on its own metrics' places
in the class, so a new class takes the findings it shares with earlier classes and runs the Assessor
(with each observed value replaced by a slot) only when some requirement meets something new. A site
with attestations, and every JSONL or facts-file document, is assessed in full.

This module keeps the way of a row and the classes; what a row needs on the way sits beside it, one job
each: `rowfacts` (its cells read), `rowplaces` (its place and plans), `findingtexts` (the templates and their
filling), `sitescsv` (its sites.csv cells) and `figures` (the district figures it adds to)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import astuple, dataclass, field
from functools import partial
from typing import IO, TYPE_CHECKING

from compliance.assess.assessor import Assessor
from compliance.batch.chunks import CELL, Chunk, document_site
from compliance.batch.columns import Columns
from compliance.batch.figures import Counting
from compliance.batch.findingtexts import FindingTexts, SlotDisplay, Template, line_head
from compliance.batch.ids import no_id
from compliance.batch.measured import RowDerivations, contradicted_warning
from compliance.batch.planend import count_document, figure_counting, figure_ends
from compliance.batch.rowfacts import MEMO_LIMIT, RowFacts, RowReader, RowRejected, other_kind
from compliance.batch.rowplaces import RowPlaces
from compliance.batch.sheetrows import line_cells
from compliance.batch.sitescsv import PACKED_SPECIAL, VERDICT_ZH, csv_text, safe_cells, site_line, summary_columns
from compliance.batch.table import Document
from compliance.batch.tally import Tally
from compliance.batch.totals import MAYBE_MEMBER
from compliance.engine import derive
from compliance.load.divisions import Place, PlaceConflict
from compliance.load.facts import facts_from
from compliance.load.yamlsrc import parse
from compliance.model.attestation import AttestationBook
from compliance.model.checks import metrics_of, trends_of
from compliance.model.facts import Facts
from compliance.model.gazetteer import PLACE_METRIC
from compliance.model.plan import RulePack
from compliance.model.problems import InputError
from compliance.model.problemzh import bilingual
from compliance.model.result import Assessment, Finding, Status
from compliance.report.xlsx import Cell

if TYPE_CHECKING:
    from compliance.batch.compact import CompactRows

WRITTEN = (Status.FAIL, Status.AT_RISK, Status.INSUFFICIENT_DATA)
"""Statuses written to findings.jsonl by default; the rest are counted (see --all-findings)."""


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
    sheets: bool = False
    """Rows of several workbook sheets: every output row names its sheet (`Chunk.sheet`)."""
    kind_word: str = ""  # --kind as written: 拆除工程 states facts of itself (`SiteKind.states`)
    in_full: frozenset[str] = frozenset()  # a row with a series of one is read in full (`assess.dutyyear`)


@dataclass
class ChunkResult:
    """A chunk's output, already UTF-8 encoded (bytes cross the process boundary cheaply).

    The findings, the bulk of the output, were written to findings.jsonl where they were made (a worker
    appends its chunk's in input order) and do not travel back."""

    sites_csv: bytes
    rejected_csv: bytes
    tally: Tally
    findings_bytes: int = 0
    """The length of the chunk's findings.jsonl lines."""
    sheet_rows: list[list[Cell]] | None = None
    """Their rows on report.xlsx's findings sheet, when asked for (see `batch.sheetrows`)."""


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

    def __init__(
        self, findings: IO[bytes], compact: CompactRows | None, counts: Counting, sheet: bool, tab: str = ""
    ) -> None:
        self.findings = findings
        self.tab = tab
        """The workbook sheet the chunk's rows are of, in a run of several sheets: each output row names it."""
        self.lead = csv_text(tab) + "," if tab else ""
        """sites.csv's first cell, the sheet, before each line a class's cells make."""
        self.started = findings.tell()
        self.compact = compact
        self.sheet: list[list[Cell]] | None = [] if sheet else None
        self.sites = io.StringIO()
        self.sites_csv = csv.writer(self.sites)
        self.rejected = io.StringIO()
        self.rejected_csv = csv.writer(self.rejected)
        self.tally = Tally()
        self.figures = counts(self.tally)
        self.placed: Counter[tuple[Entry, str, str]] = Counter()
        """Sites per class, district and township: counted into the tally once per chunk."""

    def result(self) -> ChunkResult:
        tally = self.tally
        self.figures.finish()
        classes: Counter[Entry] = Counter()
        for (entry, district, township), sites in self.placed.items():
            classes[entry] += sites
            self.assessed(entry.verdict, district, township, sites)
        pairs: dict[tuple[str, str], int] = {}  # each requirement's statuses summed here, counted once each
        for entry, sites in classes.items():
            for pair in entry.statuses.items():
                pairs[pair] = pairs.get(pair, 0) + sites
        for (requirement, status), sites in pairs.items():
            tally.count_statuses({requirement: status}, sites)
        return ChunkResult(
            self.sites.getvalue().encode(),
            self.rejected.getvalue().encode(),
            self.tally,
            self.findings.tell() - self.started,
            self.sheet,
        )

    def assessed(self, verdict: str, district: str, township: str, sites: int = 1) -> None:
        self.tally.assessed += sites
        self.tally.verdicts[verdict] += sites
        _place(self.tally, district, township)[verdict] += sites
        self.tally.covering[(district, township)] += sites


def _place(tally: Tally, district: str, township: str) -> Counter[str]:
    counter = tally.townships.get((district, township))
    if counter is None:
        counter = tally.townships[(district, township)] = Counter()
    return counter


class RowAssessor:
    """Turns chunks of records into sites.csv, findings.jsonl and rejected.csv text plus a Tally."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.pack = pack = settings.pack
        self.assessor = Assessor(pack, derive_measured=False)
        self.engine, self.batch_kind = self.assessor.engine(settings.kind), pack.catalogue.kind(settings.kind)
        named = self.assessor.places if self.assessor.places.has_places(settings.kind) else None  # kinds with places
        self.places = RowPlaces(pack, settings.kind, settings.plans, settings.source, named)
        columns = settings.columns
        metric_columns = columns.metrics if columns is not None else []
        series_columns = columns.series if columns is not None else []
        slotted = [m for _, m in metric_columns] + [m for _, m, _ in series_columns] + self.places.slotted  # 拆除工程
        measured = RowDerivations(pack, settings.kind, {m.id for m in slotted})
        """Classes derived from the row's measurement columns, written into the row like a stated value."""
        slotted += measured.metrics
        if named is not None:
            slotted.append(pack.catalogue.metric(PLACE_METRIC))
        slot_metrics = list({m.id: m for m in slotted}.values())
        slot_of = {metric.id: slot for slot, metric in enumerate(slot_metrics)}
        trends = [
            (key, spec, slot_metrics[slot_of[spec.metric]])
            for key, spec in self.engine.compiled.trends.items()
            if spec.metric in slot_of
        ]
        self.reader: RowReader | None = None
        if columns is not None:
            self.reader = RowReader(
                pack.catalogue, settings.kind, columns, settings.percent_modes, measured, trends, settings.as_of
            )
            self.reader.settle(settings.kind_word, settings.in_full, pack.divisions.folding())
            self.reader.at_plan_end(*astuple(figure_ends(pack, settings.kind, settings.as_of)))
        self.texts = FindingTexts(pack, settings.as_of, slot_metrics, {m.id for _, m, _ in series_columns})
        self.slots = Assessor(pack, derive_measured=False, display=SlotDisplay(slot_of), engines_of=self.assessor)
        self.counts = figure_counting(self.assessor, settings.kind, settings.as_of, columns)  # now, and at deadlines
        self._memo: dict[tuple[object, ...], Entry] = {}
        self._findings: dict[tuple[object, ...], tuple[Finding, Template | None]] = {}
        self._depends = self._requirement_depends()
        self._measuring: Assessor | None = None

    # -- one chunk ---------------------------------------------------------------------------------

    def chunk(
        self, chunk: Chunk, findings: IO[bytes], compact: CompactRows | None = None, sheet: bool = False
    ) -> ChunkResult:
        """Assess a chunk, writing its findings.jsonl lines to `findings` (and their findings.csv rows to
        `compact`; and, with `sheet`, making their findings-sheet rows)."""
        out = _ChunkOut(findings, compact, self.counts, sheet, chunk.sheet)
        out.tally.rows, out.tally.blank_rows = out.tally.rows + len(chunk), out.tally.blank_rows + chunk.blank_rows
        for warning in chunk.warnings:
            out.tally.warn(warning)
        documents, special, refused = chunk.documents, PACKED_SPECIAL, chunk.refused
        first_seen: dict[int, int | str] = {**chunk.first_seen, **chunk.others}  # a str: another site under an id
        for index, (number, row) in enumerate(zip(chunk.numbers, chunk.records(), strict=True)):
            if refused and index in refused and row is None:  # a document saying it is a totals row: no member
                self._reject_document(documents[index], "", RowRejected("site", refused[index]), out)
            elif refused and index in refused:
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
        position = self.settings.columns.site["id"] if self.settings.columns is not None else len(cells)
        site_id, said = cells[position].strip() if position < len(cells) else "", RowRejected("", bilingual(reason))
        member = MAYBE_MEMBER in reason  # 寿山: a township's own row, or the village 寿山村 written short
        self._reject(number, site_id, cells, said, out, self.settings.source, member=member)

    def _row(self, number: int, cells: list[str], first_seen: int | str | None, out: _ChunkOut, plain: bool) -> None:
        """Assess one table row; `plain`: no cell holds a character sites.csv must quote."""
        columns, reader = self.settings.columns, self.reader
        assert columns is not None and reader is not None
        site_id = cells[columns.site["id"]].strip() if len(cells) > columns.site["id"] else ""
        try:
            site_fields = reader.site_fields(cells, first_seen)
        except RowRejected as rejection:
            self._reject(number, site_id, cells, rejection, out, self.settings.source, member=rejection.member)
            return
        try:
            self.places.locate(site_fields, columns, out.tally)
        except RowRejected as rejection:  # a place unreadable, its 所在区 perhaps not: that district still counts it
            self._reject(number, site_id, cells, rejection, out, self.settings.source, member=True)
            return
        try:
            facts = self.places.name_checked(site_fields, reader.facts(cells), columns)  # and what its kind word states
        except RowRejected as rejection:  # a site whose figures cannot be read: its district still counts it
            self._reject(number, site_id, cells, rejection, out, self.settings.source, member=True)
            return
        extras = [cells[position] for position, _ in columns.extra]
        if said := self.places.place_warning(site_fields, facts):  # a stated place set aside
            out.tally.warn(said)
        try:
            plans = self.places.plans_for(site_fields)
        except InputError as error:  # a district no plan knows (集每区): it may be any district's, so it counts in all
            where = RowRejected("district/admin_code", error.problems[0].message)
            self._reject(number, site_id, cells, where, out, self.settings.source, member=True)
            return
        attestations, split = self.settings.attestations, reader.straddled(facts)  # split: months answering apart
        for metric in facts.contradicted:
            out.tally.warn(contradicted_warning(self.pack.catalogue.metric(metric)))
        if (attestations is not None and attestations.covers(site_id)) or split or facts.in_full:
            assessment = self._assess(self.places.as_facts(site_fields, facts, number), plans)
            self._write_assessment(number, site_fields, assessment, extras, out)
        else:
            classes = self.engine.classify(facts.numbers)
            key = (tuple(plans), tuple(facts.values), classes, tuple(facts.wanting.items()))
            entry = self._memo.get(key)
            if entry is None:
                entry = self._entry(facts, plans, classes, lambda: self.places.as_facts(site_fields, facts, number))
                if len(self._memo) >= MEMO_LIMIT:
                    self._memo.clear()
                self._memo[key] = entry
            out.placed[(entry, site_fields["district"], site_fields["township"])] += 1
            line = site_line(number, site_fields, extras, plain, entry.csv_tail)
            out.sites.write(out.lead + line if out.lead else line)
            if entry.templates:
                self.texts.fill(entry.templates, number, site_fields, facts, out.findings, out.sheet, out.tab)
                if out.compact is not None:
                    out.compact.fill(entry.templates, number, site_fields["id"], facts, out.tab)
        numbers = partial(reader.figure_numbers, cells, facts, plans)  # as at a plan's end, a deadline (`planend`)
        out.figures.count_read(site_fields, numbers, split)

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
                self.texts.forget_templates()
            written = self.settings.all_findings
            for key, finding in zip(keys, findings, strict=True):
                template = (
                    self.texts.template(finding.model_dump_json(warnings=False)[1:])
                    if written or finding.status in WRITTEN
                    else None
                )
                self._findings[key] = (finding, template)
            known = [self._findings[key] for key in keys]
        shared = [pair for pair in known if pair is not None]
        columns = summary_columns([finding for finding, _ in shared], self.pack)
        return Entry(
            columns=columns,
            csv_tail=",".join(csv_text(column) for column in columns),
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

    # -- documents (JSONL lines, facts files) ------------------------------------------------------

    def _document(self, document: Document, first_seen: int | str | None, out: _ChunkOut) -> None:
        if document.text is None:  # a line or file that cannot be read: a member of no known district (`unplaced`)
            self._reject_document(document, "", RowRejected("", document.error), out, member=True)
            return
        site_id = ""
        try:
            located = parse(document.text, document.label)
            facts = facts_from(located, self.pack.catalogue, document.label, self.places.divisions, self.pack.gazetteer)
            site_id = facts.site.id
            if missing := no_id(site_id):  # #N/A, N/A: a member missing its facts, never a site nor a repeat
                raise RowRejected("site.id", missing, member=True)
            if first_seen is not None:
                raise RowRejected("site.id", f"site id {site_id!r} is already used by record {first_seen}")
            if facts.site.kind != self.settings.kind:
                kind = str(document_site(document).get("kind") or facts.site.kind)
                raise RowRejected("site.kind", other_kind(kind, self.batch_kind), True, kind)
            if self._measuring is None:  # a document's measurements are derived as `check` derives them
                self._measuring = Assessor(self.pack, engines_of=self.assessor)
            assessment = self._assess(facts, self.settings.plans or [], self._measuring)
        except InputError as error:
            said = [(p.field, bilingual(p.message)) for p in error.problems]
            invalid = RowRejected("; ".join(p[0] for p in said), "; ".join(p[1] for p in said))
            self._reject_document(document, site_id, invalid, out, member=True)
            return
        except RowRejected as rejection:  # a repeat: no member; no id, or another kind (perhaps mistyped): a member
            self._reject_document(document, site_id, rejection, out, member=rejection.member)
            return
        site = facts.site
        township = str(site.attributes.get("township", ""))
        site_fields = {"id": site.id, "name": site.name, "district": site.district, "township": township}
        site_fields["admin_code"] = code = site.admin_code
        out.tally.notice(f"{document.label} ({site.id})", facts.notices, assessment.warnings)  # as `check` says
        district_code = code[:6] if len(code) >= 6 and not code.endswith("00") else ""
        township_code = code[:9] if len(code) >= 9 and township else ""
        site_fields["district_code"] = district_code
        out.tally.place_codes.setdefault((site.district, township), (district_code, township_code))
        self._write_assessment(document.number, site_fields, assessment, [], out)
        count_document(self.pack, facts, (self.settings.as_of, self.settings.plans), out.figures, site_fields)

    def _reject_document(
        self, document: Document, site_id: str, rejection: RowRejected, out: _ChunkOut, member: bool = False
    ) -> None:
        """Reject a document, naming its site by what its `site` says when it could not be read whole; a `member`
        (a site whose facts could not be read, or of another kind) counts in its district's figures as missing."""
        written = {key: str(value or "") for key, value in document_site(document).items()}
        name = written.get("name", "")
        self._reject(document.number, site_id or written.get("id", ""), [], rejection, out, document.label, name=name)
        if member:  # any kind: one of another kind may be a member mistyped (a 村改居 社区 among 行政村)
            code, district = written.get("admin_code", ""), written.get("district", "")
            self._placed(name, code, district, "", out, True, rejection.kind)

    def _placed(
        self, name: str, code: str, district: str, township: str, out: _ChunkOut, member: bool, other: str = ""
    ) -> Place | None:
        """The place a rejected row or document names, if it can be read; a `member` counts as missing in its
        district's figures (a code that cannot be read: the district as written), or, when no district can be
        read, in every district's (`Tally.unplaced`); `other`: its kind word, when it names another kind."""
        found = self.places.resolved(name, code, district, township)
        if isinstance(found, PlaceConflict):  # 晋安区 over a code of 集美区: missing in each district it may be of
            homes = self.places.homes(name, code, district, township) if member else []
            out.tally.unplaced += 1 if member and not homes else 0
        else:
            homes = [found[0]]
        for home in homes if member else []:
            out.figures.count({"district": home.district, "district_code": home.district_code}, {}, other)
        return homes[0] if homes else None

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
        out.sites_csv.writerow(safe_cells([out.tab, *row] if out.tab else row))
        head = line_head(number, site_fields, out.tab)
        for finding in assessment.findings:
            if self.settings.all_findings or finding.status in WRITTEN:
                line = head + finding.model_dump_json()[1:].encode() + b"\n"
                out.findings.write(line)
                if out.sheet is not None:
                    out.sheet.append(line_cells(line))
                if out.compact is not None:
                    out.compact.full(number, site_fields["id"], finding, out.tab)
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
        member: bool = False,
        name: str = "",
    ) -> None:
        """Reject a row; a `member` (a site whose figures could not be read) counts in its district's figures as
        missing every fact, so a figure over the rest never passes for want of it."""
        columns = self.settings.columns
        district = township = ""
        extras: list[str] = []
        if columns is not None:

            def cell(field: str) -> str:
                position = columns.site.get(field)
                return cells[position].strip() if position is not None and position < len(cells) else ""

            district, township, name = cell("district"), cell("township"), cell("name")
            extras = [cells[position] if position < len(cells) else "" for position, _ in columns.extra]
            place = self._placed(name, cell("admin_code"), district, township, out, member, rejection.kind)
            if place is not None:
                district, township = place.district, place.township
                out.tally.place_codes.setdefault((district, township), (place.district_code, place.township_code))
        blanks = [""] * (len(Status) + 3)
        reason = f"{rejection.field}: {rejection.reason}" if rejection.field else rejection.reason
        row: list[str | int] = [number, site_id, name, district, township, "rejected", VERDICT_ZH["rejected"]]
        rejected: list[str | int] = [number, site_id, rejection.field, rejection.reason, source]
        lead: list[str | int] = [out.tab] if out.tab else []
        out.sites_csv.writerow(safe_cells([*lead, *row, *blanks, reason, *extras]))
        out.rejected_csv.writerow(safe_cells([*lead, *rejected]))
        out.tally.rejected, out.tally.verdicts["rejected"] = out.tally.rejected + 1, out.tally.verdicts["rejected"] + 1
        _place(out.tally, district, township)["rejected"] += 1
        out.tally.covering[(district, township)] += member  # a site missing its figures covers its town; a 合计 not
