"""The cells of sites.csv and rejected.csv: their headers, a site's summary columns and short reason, and
cells a spreadsheet opens as text, never as a formula.

Rows of a class share their summary columns, so those are written once as `csv_text` and reused; the cells
taken from the input go through `safe_cell` as each row is written.
"""

from __future__ import annotations

import re
from collections import Counter

from compliance.assess.verdict import verdict_of
from compliance.model.plan import RulePack
from compliance.model.result import Finding, Status, Verdict
from compliance.report.words import BATCH_VERDICT_ZH, STATUS_ZH

VERDICT_ZH = BATCH_VERDICT_ZH
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

_CSV_SPECIAL = re.compile('[,"\r\n]')
PACKED_SPECIAL = re.compile('[,"\r\n=+\\-@]')
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


def csv_text(text: str) -> str:
    """A sites.csv field as the csv module writes it (neutralised, and quoted when it holds a comma,
    quote or line break)."""
    text = safe_cell(text)
    if _CSV_SPECIAL.search(text) is None:
        return text
    return '"' + text.replace('"', '""') + '"'


def site_line(number: int, site_fields: dict[str, str], extras: list[str], plain: bool, summary: str) -> str:
    """A site's sites.csv line: its own cells, the summary columns of its class (already CSV text), then the
    input's extra columns; `plain`: no cell holds a character to quote or neutralise."""
    district, township = site_fields["district"], site_fields["township"]
    if plain:
        site = f"{number},{site_fields['id']},{site_fields['name']},{district},{township}"
        tail = "," + ",".join(extras) if extras else ""
    else:
        text = csv_text
        site = f"{number},{text(site_fields['id'])},{text(site_fields['name'])},{text(district)},{text(township)}"
        tail = "".join("," + text(cell) for cell in extras) if extras else ""
    return f"{site},{summary}{tail}\r\n"


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
