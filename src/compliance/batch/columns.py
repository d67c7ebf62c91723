"""Matching a table's column headers to site fields and catalogue metrics (by id, Chinese or English name).

A header may carry its unit as the fill-in template writes it, 农村生活污水治理率(%) or （吨）. Columns that
match nothing are kept (they are copied to sites.csv) and reported once.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field

from compliance.assess.running import running_year
from compliance.batch.fiveyearplans import with_plan_years
from compliance.batch.headerfold import simplified
from compliance.batch.periodheaders import mixed_periods_problem, unread_when, when_problem
from compliance.batch.pricebases import mixed_bases
from compliance.load.facts import MetricIndex
from compliance.load.periodwords import COLUMN_PROBLEM, names_a_period
from compliance.load.units import UNIT_SUFFIX, bracket_problem
from compliance.model.checks import KIND_METRIC
from compliance.model.metric import Catalogue, Metric, off_grain
from compliance.model.periods import period_start
from compliance.model.problems import InputError, Problem, did_you_mean

SITE_FIELDS: dict[str, tuple[str, ...]] = {
    "id": ("id", "site_id", "site id", "站点编号", "编号", "村编号", "行政村编号", "代码"),
    "name": (
        *("name", "site_name", "site name", "名称", "站点名称", "村名", "村名称", "村庄名称", "行政村", "行政村名称"),
        *(
            "村（社区）名称",
            "村(社区)名称",
            "行政村（社区）名称",
            "行政村(社区)名称",
            "村（居）名称",
            "村(居)名称",
            "村居名称",
        ),
    ),
    "name_en": ("name_en", "english name", "英文名称"),
    "kind": ("kind", "site_kind", "类型", "站点类型"),
    "district": ("district", "所在区", "所在区县", "区县", "区（县）", "县区", "所属区县"),
    "township": (
        "township",
        "town",
        "乡镇",
        "乡镇（街道）",
        "乡镇(街道)",
        "所属乡镇",
        "所在乡镇",
        "所在乡镇（街道）",
        "所在乡镇(街道)",
        "所属乡镇（街道）",
        "镇街",
        "所在镇街",
        "街道",
        "所在街道",
    ),
    "admin_code": ("admin_code", "行政区划代码", "区划代码", "统计用区划代码"),
    "groups": ("groups", "分组", "所属分组"),
    "aliases": ("aliases", "别名", "其他名称"),
}
"""Each site field and the headers accepted for it (case, spaces and underscores ignored)."""

_MONTH = (
    r"(?:\d{4}\s*(?:年\s*\d{1,2}\s*月份?|[./]\s*\d{1,2})|\d{1,2}\s*月份?|(?:十[一二]?|[一二三四五六七八九])\s*月份?)"
)
"""A month as a column's period: 2026年1月, 2026.1, or a month alone (1月, 一月) dated by the title's year."""
_PERIOD = re.compile(
    r"^(?P<name>.*?)\s*(?:@|[\[【]|[(（](?=\d{4}))\s*(?P<period>"
    + _MONTH
    + r"|\d{4}(?:-\d{2})?)\s*(?:年度|年)?\s*[\]】)）]?$"
)
"""A dated column: 生活垃圾产生量(吨)[2024], domestic_waste_generation@2024, 生活垃圾产生量（2024年）, （2024年度）, a
month's 生态下泄流量当月达标[2026-01], （2026年3月）, [2026.3], or [3月] (a metric merged over its months)."""
_YEAR_OUTSIDE = re.compile(r"(?<![\d年])(?P<year>\d{4})\s*(?:年度|年)(?!\s*\d{1,2}\s*月)")
"""A year written before or after a metric's name, outside brackets: 2024年农村生活污水治理率（%）, …（%）2024年,
农村生活污水治理率2024年（%）, 2024年度…; never a month's (2024年6月), read by `_MONTH_OUTSIDE`."""
_MONTH_OUTSIDE = re.compile(r"(?<![\d年至到~～\-—–])(?P<year>\d{4}\s*年\s*\d{1,2}\s*月)份?(?!\s*[底末初中])")
"""A month written before or after a metric's name: 2026年1月生态下泄流量当月达标; never 2025年6月底 nor 1-6月."""
MONTH_ONLY = "0000"
"""The year of a month written alone under a metric (1月), until the title's year dates it (`dating`)."""
_CHINESE_MONTHS = {c: n for n, c in enumerate("一二三四五六七八九十", start=1)} | {"十一": 11, "十二": 12}


def _dated(title: str) -> tuple[str, str] | None:
    """The name and period of a dated column: a period in brackets (`_PERIOD`), or one year (or month) before the
    name, after it, or between it and its bracketed unit (`_YEAR_OUTSIDE`); None for any other header."""
    bracketed = _PERIOD.match(title)
    if bracketed:
        period = _folded(bracketed["period"])
        return (bracketed["name"], period) if period else None
    found = list(_YEAR_OUTSIDE.finditer(title)) or list(_MONTH_OUTSIDE.finditer(title))
    if len(found) != 1:
        return None
    year = found[0]
    before, after = title[: year.start()].strip(), title[year.end() :].strip()
    if before and after and not UNIT_SUFFIX.fullmatch(after):
        return None  # a year inside the name or its brackets (（2024年，%）): not read, the header says it
    period = _folded(year["year"])
    return ((before + after).strip(), period) if period else None


_MONTH_OF = re.compile(
    r"(?:(?P<year>\d{4})\s*(?:年|[./])\s*)?(?P<month>\d{1,2}|十[一二]?|[一二三四五六七八九])\s*月?份?"
)


def _folded(period: str) -> str:
    """A period as read: full-width digits (２０２５, typed in an IME's full-width mode) are the year they show, as
    `check` reads them, so 指标[２０２５] beside 指标[2025] names one field twice; a month is 2026-01 (0000-01 when
    written alone, 1月); '' for no month of the year (13月)."""
    folded = period if period.isascii() else unicodedata.normalize("NFKC", period)
    if re.fullmatch(r"\d{4}(?:-\d{2})?", folded):
        return folded
    month = _MONTH_OF.fullmatch(folded.replace(" ", ""))
    if month is None:
        return ""
    number = _CHINESE_MONTHS.get(month["month"]) or int(month["month"])
    return f"{month['year'] or MONTH_ONLY}-{number:02d}" if 1 <= number <= 12 else ""


def _norm(header: str) -> str:
    return " ".join(header.strip().lower().replace("_", " ").split())


Identity = tuple[str | None, Metric | None, str | None]
"""What a header names: a site field, or a metric and (for a dated column) its period; all None for nothing."""


class Matcher:
    """Tells what a header cell names. Line breaks and spaces typed inside a cell (Alt+Enter in Excel) do not
    matter: a header is tried as written, with its spaces collapsed, then with them removed."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.index = MetricIndex(catalogue)
        self.by_alias = {_norm(alias): name for name, aliases in SITE_FIELDS.items() for alias in aliases}
        names = [(_bare(m.name_zh), m) for m in catalogue.metrics if m.id != KIND_METRIC and not m.name_zh.isascii()]
        self._names = sorted(names, key=lambda named: -len(named[0]))

    def named_in(self, title: str) -> Metric | None:
        """The metric whose Chinese name a header holds with more that names nothing (农村生活污水治理率2024年目标,
        指标农村人口户数), the longest such name; None when it holds none (序号, 备注, 填报日期)."""
        bare = _bare(title)
        return next((metric for name, metric in self._names if name in bare), None)

    def identify(self, title: str) -> Identity:
        for variant in _variants(title):
            found = self._identify(variant)
            if found != (None, None, None):
                return found
        return None, None, None

    def _identify(self, title: str) -> Identity:
        site_field = self.by_alias.get(_norm(title))
        if site_field:
            return site_field, None, None
        dated = _dated(title)  # first: a year in brackets is a period, never a unit (（2024年）)
        if dated:
            metric = _metric(self.index, dated[0])
            if metric is not None:
                return None, metric, dated[1]
        metric = _metric(self.index, title)
        if metric is not None:
            return None, metric, None
        return None, None, None

    def key(self, title: str) -> str:
        """`site:<field>`, `metric:<id>` or `metric:<id>@<period>`; empty when the header names nothing."""
        site_field, metric, period = self.identify(title)
        if site_field:
            return f"site:{site_field}"
        if metric is None:
            return ""
        return f"metric:{metric.id}" + (f"@{period}" if period else "")


@dataclass
class Columns:
    """Where each site field and metric sits in a row; `extra` are the unmatched columns, kept as they are."""

    width: int
    site: dict[str, int] = field(default_factory=dict)
    metrics: list[tuple[int, Metric]] = field(default_factory=list)
    series: list[tuple[int, Metric, str]] = field(default_factory=list)
    """Dated columns: position, metric, period (2024 or 2024-06)."""
    extra: list[tuple[int, str]] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    """Each column's header as written (for error messages)."""

    def title(self, site_field: str) -> str:
        return self.titles[self.site[site_field]] if site_field in self.site else site_field

    def read(self) -> list[tuple[int, Metric]]:
        """Every metric's column read, undated or dated: its position and metric."""
        return [*self.metrics, *((position, metric) for position, metric, _ in self.series)]

    def unknown_headers(self) -> list[str]:
        return [name for _, name in self.extra]

    def latest_periods(self, as_of: dt.date) -> dict[str, str]:
        """Per metric read from dated columns, the latest period read (begun by `as_of`): the period its figure
        now, and a district figure over the rows, are of."""
        latest: dict[str, str] = {}
        for _, metric, period in sorted(self.series, key=lambda column: column[2]):
            if period_start(period) <= as_of and not running_year(period, metric, as_of):
                latest[metric.id] = period
        return latest

    def unread_after(self, as_of: dt.date) -> list[str]:
        """A warning naming the series columns whose period begins after `as_of`, which are not read (as `check`
        leaves such periods out, see `assess.asof`); none when there are none."""
        later = [self.titles[position] for position, _, period in self.series if period_start(period) > as_of]
        running = [self.titles[p] for p, metric, period in self.series if running_year(period, metric, as_of)]
        warnings = []
        if later:
            shown = "、".join(later[:6]) + ("等" if len(later) > 6 else "")
            warnings.append(
                f"以下各列的时期在评估日期 {as_of.isoformat()} 之后开始，未计入评估 / columns of periods that begin"
                f" after the as-of date, not assessed: {shown}"
            )
        if running:  # a year still running: its figure is not the year's (`assess.running`)
            shown = "、".join(running[:6]) + ("等" if len(running) > 6 else "")
            warnings.append(
                f"以下各列的年份在评估日期 {as_of.isoformat()} 尚未结束，所填数值不是全年数值，未计入评估，按最近一个"
                f"已结束的年份评估 / columns of a year not ended on the as-of date, whose figure is not the year's, not"
                f" assessed (the last year ended is read): {shown}"
            )
        return warnings

    def off_grain(self) -> set[str]:
        """The counts of each day (`Metric.per_day`) with a column of a month or a year, and the yes/no facts of each
        month (`Metric.per_month`) with one of a year or a day: none of their dated columns is read, as `check` sets
        such a series aside (`assess.asof.by_grain_only`)."""
        found = {metric.id: metric for _, metric, _ in self.series}
        return {m for m, metric in found.items() if off_grain([p for _, c, p in self.series if c.id == m], metric)}

    def series_read(self) -> list[tuple[int, Metric, str]]:
        """The dated columns read: all but those of a fact given off its grain (`off_grain`), except the year columns
        of a fact of each month, whose 否 is a breach of that year (`model.metric.failed_years`, read by the row)."""
        aside = self.off_grain()
        return (
            [c for c in self.series if c[1].id not in aside or (c[1].per_month and len(c[2]) == 4)]
            if aside
            else self.series
        )

    def unread_off_grain(self) -> list[str]:
        """A warning naming the dated columns of a fact given off its grain that are not read (`off_grain`)."""
        aside = self.off_grain()
        warnings: list[str] = []
        for monthly in (False, True):
            unread = [
                self.titles[position]
                for position, metric, _ in self.series
                if metric.id in aside and metric.per_month == monthly
            ]
            if unread:
                shown = "、".join(unread[:6]) + ("等" if len(unread) > 6 else "")
                warnings.append((_OFF_MONTH if monthly else _OFF_DAY) + shown)
        return warnings


_OFF_DAY = (
    "以下各列是每日的次数，须按日分列（如 2026-06-01）或填所查期间次数最少一日的次数；"
    "按月或按年的数值（如月报的当月合计）不是每日次数，未采用 / columns of a count of each day given by month"
    " or year (a monthly total is no day's count), not read: give them by day, or the fewest of any day as one"
    " value: "
)
_OFF_MONTH = (
    "以下各列是每月的情况，须按月分列（如 2026-05）；按年的结论（如年度考核“达标”）或按日的记录不说明各月，"
    "未采用（按年填写的“否”说明该年至少有一个月未达标，读作该年不达标） / columns of a fact of each month given by"
    " year or day (a yearly yes says nothing of its months; a yearly no, read as that year's breach, says some"
    " month failed), not read otherwise: give them by month: "
)


def _bare(text: str) -> str:
    """A header or name with its width folded and its spaces removed, to find a metric's name inside it."""
    return "".join(unicodedata.normalize("NFKC", text).lower().split())


def _variants(title: str) -> dict[str, None]:
    """A header as written, with its spaces collapsed, then with them removed (Alt+Enter inside a cell); then each
    with its traditional characters folded (村編號: `headerfold`)."""
    forms = (title, " ".join(title.split()), "".join(title.split()))
    return dict.fromkeys((*forms, *map(simplified, forms)))


def _metric(index: MetricIndex, title: str) -> Metric | None:
    return index.find_with_unit(title)[0]


def _written_unit(index: MetricIndex, title: str) -> str | None:
    """The unit a metric column's header writes after the metric's name (生活垃圾产生量（吨）[2024]: 吨), if any."""
    for variant in _variants(title):
        dated = _dated(variant)
        name = dated[0] if dated else variant
        found, unit = index.find_with_unit(name)
        if found is not None:
            return unit
    return None


def match_columns(
    header: list[str], catalogue: Catalogue | Matcher, source: str, row: int = 1, cells: list[list[str]] | None = None
) -> Columns:
    """Columns for `header` (found at `row`, joined from the header rows `cells` as written); a header naming one
    field twice, no site id column, or a metric's name with more while no column reads the metric, is an error."""
    matcher = catalogue if isinstance(catalogue, Matcher) else Matcher(catalogue)
    columns = Columns(width=len(header), titles=[h.strip() or f"(第{i + 1}列)" for i, h in enumerate(header)])
    taken: dict[str, int] = {}
    problems: list[Problem] = []
    naming: list[tuple[str, Metric]] = []
    """Headers holding a metric's name with more (农村人口户数, …说明): its figures only when no column reads it."""
    for position in range(len(header)):
        title = columns.titles[position]
        site_field, metric, period = matcher.identify(title)
        key = matcher.key(title)
        if not key:
            if names_a_period(title):
                problems.append(Problem(source, row, title, COLUMN_PROBLEM))
            elif (named := matcher.named_in(title)) is not None:
                naming.append((title, named))
            elif retired := matcher.index.replaced(title):  # a metric no longer asked: its figures would be lost
                problems.append(Problem(source, row, title, retired))
            columns.extra.append((position, title))
            continue
        written = _written_unit(matcher.index, title) if metric is not None else None
        problem = bracket_problem(written, metric) if metric is not None and written is not None else ""
        if problem:  # said before a repeat: 农村生活污水治理率（上年） beside this year's column is last year's figure
            problems.append(Problem(source, row, title, _cells_named(cells, position, problem)))
            continue
        if key in taken:
            problems.append(Problem(source, row, title, _repeat_problem(columns.titles, taken[key], position, cells)))
            continue
        taken[key] = position
        if site_field:
            columns.site[site_field] = position
        elif metric is not None and period:
            columns.series.append((position, metric, period))
        elif metric is not None:
            columns.metrics.append((position, metric))
    read = {metric.id for _, metric in columns.read()}
    for title, named in naming:  # beside the metric's own column: an extra (说明, 户数, 排名), else maybe its figures
        if said := unread_when(title, named):  # 2026年上半年油烟达标排放: figures of a period no column is read as
            problems.append(Problem(source, row, title, when_problem(title, named, said)))
        elif named.id not in read:
            problems.append(Problem(source, row, title, _unread_problem(named)))
    bases = mixed_bases(columns.titles, columns.read(), lambda title: _written_unit(matcher.index, title))
    problems += [Problem(source, row, title, message) for title, message in bases]  # 2020年价 beside 2025年价
    both = {m.id for _, m in columns.metrics} & {m.id for _, m, _ in columns.series}
    for metric_id in sorted(both):
        undated = next(at for at, m in columns.metrics if m.id == metric_id)
        dated = [at for at, m, _ in columns.series if m.id == metric_id]
        message = _undated_problem(columns.titles, undated, dated, cells)
        problems.append(Problem(source, row, columns.titles[undated], message))
    if mixed := mixed_periods_problem(columns.titles, columns.series):
        problems.append(Problem(source, row, "", mixed))
    if "id" not in columns.site:
        problems.append(Problem(source, row, "", _no_id_problem(header)))
    if problems:
        raise InputError(problems)
    return columns


def _unread_problem(metric: Metric) -> str:
    unit = f"({metric.unit})" if metric.unit else ""
    return (
        f"names {metric.name_zh} with more that cannot be read, and no other column reads {metric.name_zh}, so this"
        f" may be its figures: head its column {metric.name_zh}{unit}, a year's figures {metric.name_zh}[2024] or"
        f" 2024年{metric.name_zh}{unit}; a column of something else (说明, 户数) is kept beside the metric's own"
        f" column, or headed without the metric's name / 表头含指标名“{metric.name_zh}”，但其余部分无法识别，且表中没有"
        f"其他列读取该指标：如是其数值，请写作{metric.name_zh}{unit}或{metric.name_zh}[2024]；如是其他内容，请与该指标"
        "的数值列并列，或表头不用指标名"
    )


def _no_id_problem(header: list[str]) -> str:
    """Why a header naming no site id column is refused, with the headers close to one."""
    choices = [h for h in header if h]
    hint = did_you_mean("站点编号", choices) or did_you_mean("site_id", choices)
    near = hint.removeprefix(" (did you mean ").removesuffix("?)")
    accepted = "、".join(SITE_FIELDS["id"][3:6])
    zh = f"没有站点编号列：请把一列的表头写作{accepted}或 site_id" + (
        f"（是否指：{near.replace(', ', '、')}？）" if near else ""
    )
    return f"no site id column: name one {accepted} or site_id{hint} / {zh}"


def _undated_problem(titles: list[str], undated: int, dated: list[int], cells: list[list[str]] | None = None) -> str:
    """Why a metric's column with no period beside its dated columns is refused, naming them as the sheet heads them
    (a cell under a merged heading as written: 农村生活污水治理率（%） / 增减, column 8)."""
    others = ", ".join(repr(titles[at]) for at in dated)
    others_zh = "、".join(f"“{titles[at]}”" for at in dated)
    top, bottom = _two_cells(cells, undated)
    if bottom:
        extra = f"{_BRACKETS.sub('', top)}{bottom}"
        return (
            f"column {undated + 1} ({top} / {bottom}, read as {titles[undated]!r}) gives the same metric with no period"
            f" as the dated columns {others}: if it is not the figure, unmerge the heading and head it {extra} (kept as"
            f" an extra column), or remove it / 第{undated + 1}列（“{top}”下的“{bottom}”）读作“{titles[undated]}”，与"
            f"{others_zh}是同一指标但未注明时期：若不是该指标数值，请取消合并并改写表头为“{extra}”（作为附加列保留）或删去该列"
        )
    return (
        f"column {titles[undated]!r} gives the same metric with no period as the dated columns {others}; keep one or"
        f" the other: give the undated column its period or remove it / 列“{titles[undated]}”与{others_zh}是同一指标，"
        "前者未注明时期、后者注明了时期：请只保留一种写法（给未注明时期的列注明时期，或删去该列）"
    )


_BRACKETS = re.compile(r"[（(][^（()）]*[）)]")


def _two_cells(cells: list[list[str]] | None, at: int) -> tuple[str, str]:
    """A column's cells in a two-row header whose lower cell is written ('', '' otherwise)."""
    if not cells or len(cells) != 2:
        return "", ""
    top, bottom = (row[at].strip() if at < len(row) else "" for row in cells)
    return (top, bottom) if top and bottom and top != bottom else ("", "")


def _cells_named(cells: list[list[str]] | None, at: int, problem: str) -> str:
    """`problem` of column `at` naming its two header cells (目标值 under 农村生活污水治理率（%）), if written."""
    top, bottom = _two_cells(cells, at)
    en, _, zh = problem.rpartition(" / ")
    if not bottom or not en:
        return problem
    return f"column {at + 1} ({top} / {bottom}): {en} / 第{at + 1}列（“{top}”下的“{bottom}”）：{zh}"


def _repeat_problem(titles: list[str], first: int, second: int, cells: list[list[str]] | None) -> str:
    """Why a column naming the same field as an earlier one is refused; under a heading merged over both (a metric over
    数值 and 说明), both cells are named and the second is the one to rename or remove."""
    said = f"names the same field as column {titles[first]!r}"
    zh = (
        f" / 与第{first + 1}列“{titles[first]}”读作同一项（同一字段，或同一指标的同一时期）："
        "请只保留一列，或改写、删去其中一列的表头"
    )
    if not cells or len(cells) != 2:
        return said + zh
    top, bottom = ([row[at].strip() if at < len(row) else "" for at in (first, second)] for row in cells)
    if top[0] != top[1] and top[1] and bottom[1] and top[1] != titles[second]:  # 乡镇 under 农村生活污水治理率（%）
        return (
            f"column {second + 1} ({top[1]} / {bottom[1]}, the cell {bottom[1]!r} under the heading {top[1]!r}) {said}:"
            f" unmerge the heading and head it {_BRACKETS.sub('', top[1])}{bottom[1]}, or remove it"
            f" / 第{second + 1}列（“{top[1]}”下的“{bottom[1]}”）" + zh.removeprefix(" / ")
        )
    if top[0] != top[1] or not top[1] or bottom[0] == bottom[1]:
        return said + zh
    named = [f"column {at + 1} ({top[1]} / {low or '(空)'})" for at, low in zip((first, second), bottom, strict=True)]
    if re.search(r"月|季|[Qq]\d|^\d{4}-\d\d-\d\d", bottom[1]):  # 第1月, 一季度, a date cell 2025-01-31
        return (
            f"{said}: the heading {top[1]!r} is merged over {named[0]} and {named[1]}, whose periods cannot be read:"
            f" head each month's column {top[1]}[2026-01] (or, merged, 2026年1月 or 1月 under a title naming the"
            f" year) / 表头“{top[1]}”下的“{bottom[0]}”“{bottom[1]}”无法读作时期：请按月写作{top[1]}[2026-01]"
            "（或在合并表头下写2026年1月，标题写明年份时可写1月）"
        )
    return (
        f"{said}: the heading {top[1]!r} is merged over {named[0]} and {named[1]}, both read as {titles[first]!r};"
        f" the first is read as its figures, the second ({bottom[1] or 'empty'}) is the one to rename or remove:"
        f" unmerge the heading and head it {top[1]}{bottom[1]} or 备注 (kept as an extra column), or delete it /"
        f" 表头“{top[1]}”合并在“{bottom[0]}”和“{bottom[1]}”两列之上，两列都读作同一指标：第二列“{bottom[1]}”请改名"
        f"（取消合并后写作{top[1]}{bottom[1]}或备注，作为附加列保留）或删除"
    )


_FILED = re.compile(
    r"[（(][^（()）]*(?:填报|填表|填写|编制|报送|制表|上报|打印|导出)[^（()）]*[）)]"
    r"|(?:填报|填表|填写|编制|报送|制表|上报|打印|导出)(?:日期|时间)?[:：]?[\s\d年月日.\-/〇零一二三四五六七八九十]*"
    r"|[\d〇零一二三四五六七八九]{4}年(?:[\d一二三四五六七八九十]{1,2}月)?(?:[\d一二三四五六七八九十]{1,3}日)?"
    r"(?:填报|填表|填写|编制|报送|制表|上报)"
)
"""When a form was filled or printed (（2025年3月填报）, 填报日期：2025.3): not the year the figures are of."""


def names_site_id(title: str) -> bool:
    """Whether a cell is the title of a site id column (站点编号, 村编号, site_id …)."""
    return _norm(title) in _ID_TITLES


_ID_TITLES = frozenset(_norm(title) for title in SITE_FIELDS["id"])


_SHORT_YEAR = re.compile(r"(?<![\d〇零一二三四五六七八九近第约每多满])([23]\d)(?=\s*年(?!来|间|内|以来))")
"""A year written short in a title (晋安区24年…统计表): 20 to 39 are 2020 to 2039; 近30年, 第24年 are no years."""


def title_text(titles: list[str]) -> str:
    """The title rows above a header as they speak of the figures, without when the form was filled (（…填报）):
    full-width digits folded (２０２４年, typed in an IME's full-width mode), a short year read whole (24年) and a
    five-year plan's years written after it (十三五期末（2020年）: `fiveyearplans`)."""
    folded = unicodedata.normalize("NFKC", " ".join(titles))
    return with_plan_years(_FILED.sub("", _SHORT_YEAR.sub(r"20\1", folded)))
