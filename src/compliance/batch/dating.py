"""Dating a table's columns by its title rows and its sheet's name, as county forms date them.

A title naming a year (晋安区2025年农村人居环境统计表) dates the undated columns at that year; one naming part of
a year (2025年1-6月, 上半年, 半年报, Q2) at the part's last month (`titleperiod`). Months written under a metric
without their year (1月 … 6月) take the title's year. What cannot be dated so stops the batch, naming the title
and the column: a title naming part of a year over columns dated by whole years (a January–June figure headed
2025年… is no 2025 figure), a part of a year or months without a year, two years.
"""

from __future__ import annotations

from dataclasses import replace

from compliance.batch.columns import MONTH_ONLY, Columns, Matcher, match_columns, title_text
from compliance.batch.fiveyearplans import plans_named
from compliance.batch.header import find_header, not_found
from compliance.batch.table import Source
from compliance.batch.titleperiod import part_without_year, title_period, unsaid_part
from compliance.batch.titletargets import check_title_targets
from compliance.batch.titleunit import check_title_units
from compliance.model.metric import Catalogue
from compliance.model.periods import year_named, years_named
from compliance.model.problems import InputError, Problem


def columns_of(source: Source, catalogue: Catalogue) -> Columns | None:
    """A table's columns, from its header wherever it is among the first rows (None for documents). In a
    workbook a header that names no site id says which sheet was read and which others hold data."""
    if source.kind != "table":
        return None
    matcher = Matcher(catalogue)
    header = find_header([row.cells for row in source.head], matcher.key)
    source.start(header, matcher.key)
    try:
        cells = source.header_cells
        columns = match_columns(source.header or [], matcher, str(source.path), source.header_row, cells)
    except InputError as error:
        where = getattr(source, "where", "")
        problems = error.problems
        if not header.found:  # 填表说明 over 20 rows: the header is further down, never row 1
            problems = [replace(p, message=not_found(p.message, p.line or 1)) if not p.field else p for p in problems]
        if not where and not header.found:
            raise InputError(problems) from None
        if not where:
            raise
        others = "".join(f" ({w})" for w in source.warnings if "also hold data" in w)
        raise InputError([replace(p, message=f"{where}{p.message}{others}") for p in problems]) from None
    if columns.metrics or columns.series:
        check_title_targets(source.titles, source.title_rows, matcher, str(source.path), getattr(source, "where", ""))
    date_columns(source, columns)
    check_title_units(source.titles, columns, matcher, str(source.path), source.title_rows)
    return columns


def date_columns(source: Source, columns: Columns) -> None:
    """Date `columns` by the title rows above the header and the sheet's name (see the module's docstring)."""
    sheet = getattr(source, "sheet", "") or ""
    written = " ".join(getattr(source, "titles", []))
    titles = title_text(getattr(source, "titles", []))
    named, titled = year_named(sheet), year_named(titles)
    years = sorted({named, titled} - {""}) if named and titled else [] if titled else years_named(titles)
    months = [p for p, _, period in columns.series if period.startswith(MONTH_ONLY)]

    def stop(message: str) -> InputError:
        return InputError([Problem(str(source.path), source.header_row, "", message)])

    if (columns.metrics or months) and len(years) > 1:  # 2024 and 2025 in the title, or a sheet 2025年 under 2024
        raise stop(_years_problem(years, plans_named(titles)))
    year = named or titled
    period, part = title_period(year, " ".join([titles, sheet] if named else [titles])) if year else ("", "")
    part = part or ("" if year else part_without_year(titles))
    yearly = [columns.titles[p] for p, _, dated in columns.series if len(dated) == 4]
    if part and (yearly or (columns.metrics and not year)):  # 2025年1-6月 over 指标[2025]; 第二季度 of which year?
        raise stop(_part_problem(part, year, written, yearly[0] if yearly else ""))
    unsaid = unsaid_part(" ".join([titles, sheet] if named else [titles]))
    monthly = any(len(dated) > 4 for _, _, dated in columns.series)  # a 月度考核表 heads its months itself
    if unsaid and (yearly or (columns.metrics and not monthly)):  # 2025年季报: which quarter's? never the year's
        where = (
            (f"the title {written!r}", f"标题“{written}”")
            if written.strip()
            else (f"sheet {sheet!r}", f"工作表名“{sheet}”")
        )
        raise stop(_unsaid_problem(unsaid, year, where, yearly[0] if yearly else ""))
    if months and not year:
        raise stop(_months_problem([columns.titles[p] for p in months]))
    columns.series = [
        (p, metric, f"{year}{dated.removeprefix(MONTH_ONLY)}" if dated.startswith(MONTH_ONLY) else dated)
        for p, metric, dated in columns.series
    ]
    if not (year and columns.metrics):
        return
    columns.series += [(position, metric, period) for position, metric in columns.metrics]
    columns.metrics = []
    said = f"sheet {sheet!r} is named by a year" if named else "the title names a year"
    if part:  # 2025年1-6月: the figures are June's, a part of the year, as check reads {series: {2025-06: …}}
        said = f"the title names a part of the year {year} ({part})"
    source.warnings.append(
        f"{said}: its undated columns are read as {period}'s figures / 未注明年份的各列按{period}"
        f"{'' if part else '年'}数据读取"
    )


def _years_problem(years: list[str], plans: str = "") -> str:
    shown = "、".join(years)
    said, said_zh = (f" ({plans})", f"（{plans}）") if plans else ("", "")
    return (
        f"the title (or the title and the sheet's name) names the years {shown}{said}: which year's figures are these?"
        " give them by period (指标[2024]), or name one year in the title (2025年, “十四五”期末) / 标题（或与工作表名）"
        f"写了{shown}多个年份{said_zh}，无法判断数据年份，请按时期填写，或在标题中只写一个年份（如2025年、“十四五”期末）"
    )


def _part_problem(part: str, year: str, title: str, column: str) -> str:
    if not year:
        return (
            f"the title {title!r} names a part of a year ({part}) but no year: which period's figures are these? name"
            f" the year in the title (2025年{part}) or give them by period (指标[2025-06]) / 标题“{title}”写了{part}但"
            "未写年份，无法判断数据时期，请在标题中写明年份或按时期填写"
        )
    if column:
        return (
            f"the title {title!r} names a part of the year {year} ({part}), but column {column!r} is dated by the whole"
            f" year: are its figures the year's or those of {part}? head it by the period its figures are of"
            f" (指标[{year}-06] for January to June), or correct the title / 标题“{title}”写的是{year}年{part}，而列"
            f"“{column}”按全年标注：其数值是全年的还是{part}的？请按数据所属时期填写列名（如1-6月写作指标[{year}-06]），"
            "或更正标题"
        )
    return (
        f"the title {title!r} names a part of the year {year} ({part}) over columns of whole years: which period's"
        f" figures are the undated columns? give them by period (指标[{year}-06]) / 标题“{title}”写了{year}年{part}，"
        "而其他列按年份填写，无法判断未注明时期各列的数据时期，请按时期填写"
    )


def _unsaid_problem(unsaid: str, year: str, where: tuple[str, str], column: str) -> str:
    year = year or "2025"
    said = f" over column {column!r}, dated by the whole year" if column else ""
    return (
        f"{where[0]} names a part of the year ({unsaid}){said} but not which one: which period's figures"
        f" are these? say it in the title ({year}年第三季度, {year}年1-9月, {year}年9月) or give them by period"
        f" (指标[{year}-09]); a quarter's, month's or season's figures are never the year's / {where[1]}写了"
        f"{unsaid}，但未写明是哪个季度、月份或时段，无法判断数据时期：请在标题中写明（如{year}年第三季度、1-9月）"
        f"或按时期填写列名（如指标[{year}-09]）；季度、月度数据不能作为全年数据"
    )


def _months_problem(columns: list[str]) -> str:
    shown = "、".join(columns[:6]) + ("等" if len(columns) > 6 else "")
    return (
        f"columns {shown} name months but no year, and no title above the header names one: head them by month with"
        f" the year, 指标[2026-01], or name the year in the title (晋安区2026年…) / 各列只写了月份、未写年份，标题中也"
        "没有年份：请按“指标[2026-01]”填写列名，或在标题中写明年份"
    )
