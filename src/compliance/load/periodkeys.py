"""A series' periods as people write them: 2025年, 2025年度, 2025年12月, 2025年12月31日, 2025/12, 2025-1, typed
half- or full-width (２０２５), read as the periods the rules name (2025, 2025-12, 2025-12-31, 2025-01).

Only what names one year, month or day is read: 2025年末, 截至2025年底, 2025年上半年 or 十四五期间 stay as written
and are refused naming the forms accepted, and a day that does not exist (2027-02-29) says so. A dot is no
separator: YAML reads an unquoted 2025.10 as the number 2025.1, which must not become January."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable

from compliance.load.values import ValueProblem
from compliance.model.periods import period_start

_WRITTEN = re.compile(
    r"^(?P<year>\d{4})\s*(?:"
    r"年度?"
    r"|年\s*(?P<month>\d{1,2})\s*月份?(?:\s*(?P<day>\d{1,2})\s*[日号])?"
    r"|[-/](?P<m>\d{1,2})(?:[-/](?P<d>\d{1,2}))?"
    r")$",
    re.ASCII,
)


def period_key(written: str) -> str:
    """The period `written` names, as the rules write it (2025, 2025-12, 2025-12-31); anything else as written
    (folded to half-width and stripped), for the reader to refuse."""
    text = unicodedata.normalize("NFKC", written).strip()
    match = _WRITTEN.match(text)
    if match is None:
        return text
    year, month, day = match["year"], match["month"] or match["m"], match["day"] or match["d"]
    if month is None:
        return year
    if not 1 <= int(month) <= 12:
        return text
    return f"{year}-{int(month):02d}" if day is None else f"{year}-{int(month):02d}-{int(day):02d}"


def unread_period(period: str) -> tuple[str, str]:
    """Why a series' period cannot be read, in English and Chinese: a day that does not exist, or not a period."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", period, re.ASCII):
        try:
            dt.date.fromisoformat(period)
        except ValueError:
            return f"{period!r} is not a real date", f"“{period}”不是真实存在的日期"
    return (
        "periods must all be years (2021 or 2021年), all months (2025-01 or 2025年1月) or all days (2025-01-31);"
        f" got {period!r}",
        f"时期须写作年份（2021、2021年）、月份（2025-01、2025年1月）或日期（2025-01-31），“{period}”不是",
    )


def begun_after(periods: Iterable[str], observed_on: dt.date | None) -> None:
    """Refuse a series of `periods` said observed on `observed_on` when a period of it begins after that day (the
    date or the period is wrong)."""
    if observed_on is None:
        return
    later = [period for period in periods if period_start(period) > observed_on]
    if later:
        raise ValueProblem(
            f"observed_on {observed_on.isoformat()} is before the period {', '.join(later)} it reports began:"
            " correct the date or the period",
            f"观测日期 {observed_on.isoformat()} 早于所报时期 {'、'.join(later)} 的开始：请改正日期或时期",
        )
