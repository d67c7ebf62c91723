"""Reading a table row's cells: its site fields checked, and its metric cells read into the values and dated
series the engine compares, with what is derived from them (measurement classes, trend figures).

Columns repeat the same texts row after row, so each text is read once per column and its reading kept."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from types import MappingProxyType

from compliance.assess import heldfrom, recency, running
from compliance.assess.series import late_start
from compliance.batch.columns import Columns
from compliance.batch.fractions import read_percent
from compliance.batch.ids import no_id, repeated
from compliance.batch.measured import RowDerivations
from compliance.batch.rowperiods import (
    Reading,
    as_given,
    cut_at,
    failed_year_cells,
    idle_logs,
    missable,
    not_yet_due,
    value_at_end,
    yearly_read,
)
from compliance.engine import derive
from compliance.load.values import BLANK_MARKERS, ValueProblem, is_blank, read_value
from compliance.model.facts import Observation, Undecided, series_holes
from compliance.model.logread import reached_in, value_of_series
from compliance.model.metric import (
    Catalogue,
    Metric,
    SiteKind,
    of_a_period,
)
from compliance.model.namewords import kind_word_conflict
from compliance.model.periods import period_start
from compliance.model.plan import TrendSpec
from compliance.model.problemzh import bilingual
from compliance.model.straddles import unread_year

MEMO_LIMIT = 50_000
"""Entries kept per memo per worker (classes, readings, places …); past it a memo starts afresh."""
BLANK = ValueProblem("blank")
"""A cell of only spaces or a blank marker: no value, like an empty cell."""
Trend = tuple[str, TrendSpec, Metric]
"""A trend rule the row's columns feed: its engine field, its spec, and the metric its series is of."""


class RowFacts:
    """A row's values (the latest period's for a dated metric) and its dated series.

    A plain class with its own `__init__`, made once a row: the `__init__` a dataclass is given runs
    interpreted even where the module is compiled."""

    def __init__(
        self,
        values: dict[str, float | bool | str],
        series: dict[str, dict[str, float | bool | str]],
        numbers: dict[str, float],
        dated: dict[str, dict[str, float]],
        wanting: dict[str, tuple[str, ...]],
        raw: dict[str, Observation | None] | None = None,
        holes: dict[str, list[str]] | None = None,
    ) -> None:
        self.values = values
        self.series = series
        self.numbers = numbers
        """Engine numbers: each value's, and for each trend rule the number derived from its series."""
        self.dated = dated
        """Each dated series as engine numbers."""
        self.wanting = wanting
        """Per trend rule (by its engine field) left undecided, the periods its series lacks (a hole, a
        baseline), or () where a plain column gave one value: what the finding's reason names, so part of
        the row's class."""
        self.raw = raw or {}
        """The series, as its cells give them, of the metrics a finding reads beyond the values they stand for
        (`RowReader.in_full`), None where they stand for no value: such a row is read in full on them, as `check`
        reads a facts file (the year a yearly duty names, the plan's years read at its end)."""
        self.holes = holes or {}
        self.undecided: dict[str, Undecided] = {}
        """Classes the row's measurements bound but leave undecided (Ⅲ类或更差): such a row is read in full, the bound
        deciding a target it misses as in `check` (`Facts.undecided`)."""
        self.contradicted: list[str] = []
        """Stated classes the row's own measurements contradict, set aside (a warning says so)."""
        """Logs left without a value by periods missing inside the year read, with those periods: such a row is read
        in full, its findings naming them as `check`'s do (`Facts.holes`)."""

    @property
    def in_full(self) -> bool:
        """Whether the row is read in full, as `check` reads a facts file (`raw`, `holes`, `undecided`)."""
        return bool(self.raw or self.holes or self.undecided)

    def observations(self) -> dict[str, Observation]:
        found = {m: Observation(metric=m, value=v, series=self.series.get(m)) for m, v in self.values.items()}
        for metric_id, observation in self.raw.items():
            if metric_id in self.contradicted:
                continue  # a stated class its row's measurements contradict stays set aside, read in full too
            if observation is not None:
                found[metric_id] = observation
            else:
                found.pop(metric_id, None)
        return found


def other_kind(written: str, batch_kind: SiteKind) -> str:
    """Why a row or record of another kind than the batch's is not read, and how to settle it (a 村改居 社区 listed
    among 行政村 may be one of them: until settled it counts as a member missing its figures)."""
    kind_zh, expected = batch_kind.name_zh, f"{batch_kind.name_zh} ({batch_kind.id})"
    return (
        f"类型“{written}”不是{kind_zh}，本行未按{kind_zh}读入：如是{kind_zh}，请把类型改为{kind_zh}，否则删去该行"
        f"（在此之前在所在区的区级指标中按缺少数据的{kind_zh}计） / kind {written!r}, but this batch assesses"
        f" {expected}: the row is not read as one; if it is one, write {kind_zh} as its kind, else remove the row"
        " (until then it counts as a member missing its figures in its district's figures)"
    )


class RowRejected(Exception):
    def __init__(self, field: str, reason: str, member: bool = False, kind: str = "") -> None:
        super().__init__(reason)
        self.field = field
        self.reason = reason
        self.member = member
        self.kind = kind
        """The kind word of a row of another kind than the batch's (社区 among 行政村)."""
        """A site of the batch whose figures cannot be used (no id, an id Excel shortened): its district counts it
        as missing every fact, so a figure over the rest never passes for want of it."""


_SHORTENED = re.compile(r"^\d(\.\d+)?[eE]\+\d+$")
"""An id Excel shortened to scientific notation (3.50111E+11 for a 12-digit village code)."""
_PLACE_FIELDS = frozenset({"district", "township", "admin_code"})


class RowReader:
    """Reads rows laid out as `columns` for a batch of one kind."""

    in_full: frozenset[str] = frozenset()
    """Metrics whose series a finding reads beyond their values (`assess.dutyyear.read_in_full`): kept as given."""
    fold: Mapping[int, str] = MappingProxyType({})
    """The division table's traditional-character fold (`DivisionTable.folding`), applied to a row's kind word as to
    its place names: 社區 is 社区."""

    def settle(self, kind_word: str, in_full: frozenset[str], fold: Mapping[int, str]) -> None:
        """What the run adds to the columns' reading: --kind as written, `in_full` and the fold (see each)."""
        self.kind_word, self.in_full, self.fold = kind_word, in_full, fold

    _ends: dict[str, dt.date] | None = None  # see `at_plan_end` (mypyc keeps only a constant default)
    _at_end: tuple[frozenset[str], frozenset[str]]
    _cuts: dict[dt.date, list[tuple[str, str, list[tuple[int, Metric, str, dict[str, Reading], str]]]]]

    def at_plan_end(self, ends: dict[str, dt.date], members: frozenset[str], values: frozenset[str]) -> None:
        """The plans ended before the as-of date and the member facts of the district figures (`batch.planend`)."""
        self._ends, self._cuts = ends, {}
        self._at_end = (members, values.intersection(m.id for _, m in self.columns.metrics))

    def figure_numbers(
        self, cells: list[str], facts: RowFacts, plans: list[str], due: dt.date | None = None
    ) -> dict[str, float]:
        """The row's numbers for its district's figures, as at its plan's end or a deadline `due` (`batch.planend`)."""
        ends = [self._ends[plan] for plan in plans if plan in self._ends] if self._ends else []
        if (end := min([*ends, due] if due else ends, default=None)) is None:
            return facts.numbers
        if (cut := self._cuts.get(end)) is None:
            cut = self._cuts[end] = cut_at(self._series_groups, self._at_end[0], end)
        numbers = {m: n for m, n in facts.numbers.items() if m not in self._at_end[1]}
        for metric_id, latest, group in cut:
            metric = self.catalogue.metric(metric_id)
            read = yearly_read(*self._dated_cells(cells, (latest, group), []), metric) if group else ({}, {}, "")
            numbers.pop(metric_id, None)
            if (value := value_at_end(read, metric, metric_id in self.every_period, end, end == due)) is not None:
                numbers[metric_id] = value
        return numbers

    def __init__(
        self,
        catalogue: Catalogue,
        kind: str,
        columns: Columns,
        percent_modes: dict[int, str],
        measured: RowDerivations,
        trends: list[Trend],
        as_of: dt.date | None = None,
        kind_word: str = "",
    ) -> None:
        """`as_of`: the assessment date; series columns of periods that begin after it are not read (as `check`
        leaves such periods out, see `assess.asof`). `kind_word`: --kind as written (拆除工程: it may state facts)."""
        self.catalogue, self.as_of, self.kind, self.kind_word = catalogue, as_of, kind, kind_word
        self._kind_facts: dict[str, list[tuple[str, float | bool | str, float]]] = {}  # per word, with engine numbers
        self.columns = columns
        self.width = columns.width
        self.site_positions, self.titles = columns.site, columns.titles
        self._places = [name for name in columns.site if name in _PLACE_FIELDS]  # what a blank marker may leave out
        self.measured = measured if measured.metrics else None
        self.trends = [(key, spec, metric, spec.metric) for key, spec, metric in trends]
        """Each trend with the id of the metric its series is of (a model's field, read once here)."""
        self.every_period = {m.id for _, m, _ in columns.series if m.series_value != "latest" or m.reached_from}
        """Metrics read as series whose value is their lowest or highest period's, not their latest's."""
        self._periodical = {m.id: m for _, m, _ in columns.series if m.cuts and of_a_period(m)}
        """Figures of a period given by month or day, whose months may answer a rule differently (`straddled`)."""
        self._kind_texts: dict[str, bool] = {}
        """Whether each text seen in a kind column names the batch's kind (resolved once per text)."""
        memos: dict[tuple[str, str], dict[str, Reading]] = {}
        """The readings of the texts seen, one memo per metric and percent mode: a text reads the same in each
        year's column of a metric (only the column's title, kept apart, names a problem's place)."""

        def memo(position: int, metric: Metric) -> tuple[dict[str, Reading], str]:
            mode = percent_modes.get(position, "")
            return memos.setdefault((metric.id, mode), {}), mode

        self._metric_cells: list[tuple[int, Metric, dict[str, Reading], str]] = [
            (position, metric, *memo(position, metric)) for position, metric in columns.metrics
        ]
        series_cells: list[tuple[int, Metric, str, dict[str, Reading], str]] = [
            (position, metric, period, *memo(position, metric))
            for position, metric, period in sorted(columns.series_read(), key=lambda c: (c[1].id, c[2]))
            if as_of is None or (period_start(period) <= as_of and not running.running_year(period, metric, as_of))
        ]
        groups: dict[str, list[tuple[int, Metric, str, dict[str, Reading], str]]] = {}
        for cell in series_cells:
            groups.setdefault(cell[1].id, []).append(cell)
        self._series_groups = [(metric_id, cells[-1][2], cells) for metric_id, cells in groups.items()]
        """Per metric read from dated columns (in id order): its latest period read, and its columns in period order
        with the readings of their texts. Blank in the latest period, the figure now is unknown (but see `_idle`)."""
        self._idle = idle_logs(groups, self.every_period, self.trends, as_of)
        latest = {m: cells[-1][2][:4] for m, cells in groups.items() if cells[-1][1].due_at_period_end}  # yearly
        self._running = not_yet_due(groups, as_of)
        """Yes/no metrics done once a period whose latest column is of a period still running (and before its due
        day): a no there is not yet due, and the period before is read (as `assess.asof.up_to` reads a facts file)."""
        self._decides = {m: recency.deciding(p, groups[m][-1][1], as_of) for m, p in latest.items() if as_of}
        self._missable = missable({m: cells[-1][1] for m, cells in groups.items()}, as_of)
        """For those metrics, the period that decides (the last ended, or the running year once its due day has
        come: `recency.deciding`): a row whose latest filled period is older has no value (`assess.recency`)."""

    def site_fields(self, cells: list[str], first_seen: int | str | None) -> dict[str, str]:
        """The row's site fields as written (district and township always present); a row of the wrong width,
        without an id, with an id seen before or of another kind is rejected."""
        columns = self.columns
        width = self.width
        if len(cells) != width:
            if len(cells) < width:  # (rows empty after trimming never come here: `chunks` skips them)
                raise RowRejected("", f"short row: {len(cells)} cells, the header has {width}")
            if "".join(cells[width:]).strip():
                raise RowRejected("", f"long row: {len(cells)} cells, the header has {width}")
        site_fields = {name: cells[position].strip() for name, position in self.site_positions.items()}
        for name in self._places:
            if site_fields[name].lower() in BLANK_MARKERS:  # — or / in an optional place column (stripped): not written
                site_fields[name] = ""
        site_fields.setdefault("district", "")
        site_fields.setdefault("township", "")
        if missing := no_id(site_fields["id"]):  # before the repeats: every #N/A or N/A is a site of its own
            raise RowRejected(columns.title("id"), missing, member=True)
        if _SHORTENED.match(site_fields["id"]):
            raise RowRejected(
                columns.title("id"),
                f"site id {site_fields['id']!r} is a code Excel shortened to scientific notation (its digits are lost):"
                " format the column as text, type the codes again and save",
                member=True,
            )
        if first_seen is not None:  # a str: why it is another site under an id used before, a member (`ids`)
            raise RowRejected(columns.title("id"), *repeated(site_fields["id"], first_seen))
        kind = site_fields.get("kind")
        if kind and self.fold and not kind.isascii():
            kind = site_fields["kind"] = kind.translate(self.fold)
        if kind and not self._names_kind(kind):
            named = self.catalogue.kind(self.kind)
            expected = f"{named.name_zh} ({named.id})"
            if self.catalogue.find_kind(kind) is not None:  # another kind: perhaps a member mistyped (村改居 社区)
                raise RowRejected(columns.title("kind"), other_kind(kind, named), True, kind)
            # a word no kind answers to (机关 for 机关单位): it may be a member, so it counts as one missing its figures
            raise RowRejected(
                columns.title("kind"),
                f"类型“{kind}”不是已知的站点类型，本批评估{named.name_zh}：如本行是{named.name_zh}，请把类型改为"
                f"{named.name_zh}（在此之前在所在区的区级指标中按缺少数据的{named.name_zh}计） / kind {kind!r} is no"
                f" kind this batch knows; it assesses {expected}: write {named.name_zh} if the row is one (until then"
                " it counts as a member missing its figures in its district's figures)",
                member=True,
            )
        return site_fields

    def facts(self, cells: list[str]) -> RowFacts:
        """The row's values and dated series with their engine numbers, and what is derived from them; cells
        that cannot be read reject the row, naming each column."""
        values: dict[str, float | bool | str] = {}
        numbers: dict[str, float] = {}
        problems: list[tuple[str, str]] = []
        for position, metric, known, mode in self._metric_cells:
            text = cells[position]
            if not text:
                continue
            reading = self._read(known, text, metric, mode)
            if isinstance(reading, tuple):
                metric_id, values[metric_id], numbers[metric_id] = reading
            elif reading is not BLANK:
                problems.append((self.titles[position], str(reading)))
        series: dict[str, dict[str, float | bool | str]] = {}
        dated: dict[str, dict[str, float]] = {}
        missed: list[str] = []
        raw: dict[str, Observation | None] = {}
        for metric_id, latest, group in self._series_groups:
            periods, period_numbers, latest = self._dated_cells(cells, (latest, group), problems)
            if periods and metric_id in self.in_full:
                raw[metric_id] = as_given(periods, group)
            periods, period_numbers, latest = yearly_read(periods, period_numbers, latest, group[0][1])
            now = self._now(metric_id, latest, periods, group[0][1])
            if periods and not now and metric_id in self._idle and metric_id not in raw:
                raw[metric_id] = as_given(periods, group)  # a log stopping before an ended period: read as `check`
            if periods and now:  # else unknown now, as in `check` (a running year not yet due: as a 否 would be)
                duty = self._missable.get(metric_id)
                # a duty due every year: a running 否 set aside once a year of it ended (alone too), never before
                aside = recency.due_before(*duty) if duty is not None else len(periods) > 1 or group[0][1].due_in_year
                if metric_id in self._running and periods.get(latest) is False and aside:
                    del periods[latest], period_numbers[latest]
                if not periods:
                    continue  # a duty due every year answered 否 only for the year still running: not yet due
                if duty is not None and recency.missed(periods, *duty) is not None:
                    missed.append(metric_id)  # a period skipped decides, whatever the later answers
                elif duty is not None and recency.skipped(periods, *duty):
                    continue  # a year of it not given: it may be the one not done
                elif metric_id in self._decides and next(reversed(periods)) < self._decides[metric_id]:
                    continue  # a yearly duty's latest answer older than the year that decides: no value
                series[metric_id] = periods
                dated[metric_id] = period_numbers
        if problems:
            raise RowRejected("; ".join(p[0] for p in problems), "; ".join(bilingual(p[1]) for p in problems))
        undecided: dict[str, Undecided] = {}
        contradicted: list[str] = []
        wanting, holes = self._derive((values, series, numbers, dated), (undecided, contradicted))
        for metric_id in missed:
            values[metric_id], numbers[metric_id] = False, 0.0
        facts = RowFacts(values, series, numbers, dated, wanting, raw, holes)
        facts.undecided, facts.contradicted = undecided, contradicted
        kind_at = self.site_positions.get("kind")
        self.by_kind(cells[kind_at].strip() if kind_at is not None else "", facts)
        return facts

    def _dated_cells(
        self,
        cells: list[str],
        columns: tuple[str, list[tuple[int, Metric, str, dict[str, Reading], str]]],
        problems: list[tuple[str, str]],
    ) -> tuple[dict[str, float | bool | str], dict[str, float], str]:
        """One metric's dated cells read (in period order), with their engine numbers and the latest period read:
        a fact of each month given by year keeps only its years answered 否 (`failed_year_cells`)."""
        (latest, group), periods, numbers = columns, {}, {}
        for position, metric, period, known, mode in group:
            text = cells[position]
            if not text:
                continue
            reading = self._read(known, text, metric, mode)
            if isinstance(reading, tuple):
                periods[period], numbers[period] = reading[1], reading[2]
            elif reading is not BLANK:
                problems.append((self.titles[position], str(reading)))
        return failed_year_cells(periods, numbers, latest, group)

    def _now(self, metric_id: str, latest: str, periods: dict[str, float | bool | str], metric: Metric) -> bool:
        """Whether a row's series tells the figure now: its latest column given, a running period's blank set
        aside (`_running`, `_idle`), or a lasting yes/no reached."""
        idle = self._idle.get(metric_id) in periods
        return latest in periods or metric_id in self._running or idle or reached_in(periods, metric) is not None

    def _derive(
        self,
        read: tuple[
            dict[str, float | bool | str],
            dict[str, dict[str, float | bool | str]],
            dict[str, float],
            dict[str, dict[str, float]],
        ],
        bounded: tuple[dict[str, Undecided], list[str]],
    ) -> tuple[dict[str, tuple[str, ...]], dict[str, list[str]]]:
        """Add what the row's cells imply to its values and numbers: measurement classes, each series' latest
        value, and each trend's number; the trends left undecided, with the periods they lack; and the logs left
        without a value by periods missing inside the year read, with those periods (`_every_period`). A class the
        measurements bound but leave undecided, and a stated class they contradict, go to `bounded`."""
        (values, series, numbers, dated), (undecided, contradicted) = read, bounded
        wanting: dict[str, tuple[str, ...]] = {}
        holes: dict[str, list[str]] = {}
        if self.measured is not None:
            found, dropped, bounds = self.measured.derive(values, series)
            undecided.update(bounds)
            contradicted.extend(dropped)
            for derived_metric, derived_value in found:
                values[derived_metric.id] = derived_value
                numbers[derived_metric.id] = derive.numeric(derived_value, derived_metric)
            for metric_id in dropped:  # a stated class the row's own measurements contradict
                for held in (values, numbers, series, dated):
                    held.pop(metric_id, None)
        for key, _, _, metric_id in self.trends:
            if metric_id in numbers and metric_id not in dated:
                wanting[key] = ()  # one value where a trend reads a dated series: the reason asks for one
        if series:
            for metric_id, periods in series.items():
                latest = next(reversed(periods))
                values[metric_id] = periods[latest]
                numbers[metric_id] = dated[metric_id][latest]
            if self.every_period:
                holes = self._every_period(values, series, numbers, dated)
            for key, spec, metric, metric_id in self.trends:
                period_numbers = dated.get(metric_id)
                if period_numbers:
                    derived = heldfrom.derived(spec, period_numbers, metric, self.as_of)
                    if derived is not None:
                        numbers[key] = derived
                    elif derive.zero_base(spec, period_numbers):  # its reason says no percent change from 0
                        wanting[key] = ("zero",)
                    elif lacking := derive.wanting(spec, list(period_numbers)):
                        late = ("late",) if late_start(spec, list(period_numbers)) else ()  # its reason says why
                        wanting[key] = (*lacking, *late)
        return wanting, holes

    def straddled(self, facts: RowFacts) -> set[str]:
        """The month-by-month figures of the row whose months answer some rule differently: its findings are then
        each rule's own (`assess.months`), made by a full assessment of the row, and its district figures count the
        year's figure as missing (whatever its latest month says)."""
        series = facts.series
        return {m for m, metric in self._periodical.items() if m in series and unread_year(series[m], metric)}

    def _every_period(
        self,
        values: dict[str, float | bool | str],
        series: dict[str, dict[str, float | bool | str]],
        numbers: dict[str, float],
        dated: dict[str, dict[str, float]],
    ) -> dict[str, list[str]]:
        """For a metric whose series stands for its lowest or highest period (`Metric.series_value`), that
        period's value; none at all when a period inside the series is missing, as `check` reads it: those
        periods are returned, per metric, for its findings to name."""
        holes: dict[str, list[str]] = {}
        for metric_id in self.every_period.intersection(series):
            metric = self.catalogue.metric(metric_id)
            value = value_of_series(series[metric_id], metric, self.as_of)  # a running year reaches back
            if value is None:
                holes[metric_id] = series_holes(metric, series[metric_id], self.as_of)
                del values[metric_id], numbers[metric_id], series[metric_id], dated[metric_id]
            else:
                values[metric_id], numbers[metric_id] = value, derive.numeric(value, metric)
        return holes

    def by_kind(self, written: str, facts: RowFacts) -> None:
        """Add to the row's values what its kind word (its kind cell, else --kind as written) states of itself, as a
        facts file's kind does (`load.facts.kind_word_facts`); a row whose cells say otherwise is rejected."""
        word = written or self.kind_word
        stated = self._kind_facts.get(word)
        if stated is None:
            found = self.catalogue.stated_by_kind(word) if word else {}
            stated = []
            for metric_id, raw in found.items():
                metric = self.catalogue.metric(metric_id)
                value = read_value(raw, metric)
                stated.append((metric_id, value, derive.numeric(value, metric)))
            if len(self._kind_facts) >= MEMO_LIMIT:
                self._kind_facts.clear()
            self._kind_facts[word] = stated
        for metric_id, value, number in stated:
            if metric_id not in facts.values:
                facts.values[metric_id], facts.numbers[metric_id] = value, number
            elif facts.values[metric_id] != value:
                metric, where = self.catalogue.metric(metric_id), self.columns.title("kind") if written else "--kind"
                raise RowRejected(
                    where, kind_word_conflict(word, metric, value, facts.values[metric_id], "the row gives")
                )

    def _names_kind(self, text: str) -> bool:
        """Whether a kind cell names the batch's kind, in any of the kind's spellings."""
        named = self._kind_texts.get(text)
        if named is None:
            found = self.catalogue.find_kind(text)
            if len(self._kind_texts) >= MEMO_LIMIT:
                self._kind_texts.clear()
            named = self._kind_texts[text] = found is not None and found.id == self.kind
        return named

    def _read(self, known: dict[str, Reading], text: str, metric: Metric, mode: str) -> Reading:
        """A cell's reading, from the memo of its metric's columns when its text was seen before."""
        reading = known.get(text)
        return reading if reading is not None else self._reading(known, text, metric, mode)

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
