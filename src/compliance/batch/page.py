"""Gathering what report.html shows: each district figure as a number beside its target, and the first
sites that are not compliant with their findings, read from the top of sites.csv and findings.jsonl.

Reading stops at the last listed site, so the page costs the same for a thousand rows or a million.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any

from compliance.assess.timing import targets_of, timing
from compliance.batch.outputs import FINDINGS, REPORT_HTML, SITES
from compliance.batch.sitescsv import SITES_HEADER
from compliance.model.plan import Comparison, Requirement, RulePack
from compliance.model.result import Verdict
from compliance.report import batch_page
from compliance.report.chart import Bar
from compliance.report.words import NOT_ASSESSED, STATUS_ZH

SITES_LISTED = 100
"""How many sites that are not compliant report.html lists with their findings."""

_COLUMN = {name: number for number, name in enumerate(SITES_HEADER)}


def _figure(row: dict[str, Any]) -> float:
    """The figure as a number, from the parts the summary keeps (a yes/no figure as 1 or 0)."""
    numerator, denominator = float(row["numerator"]), int(row["denominator"])
    rule = row["rule"]
    if rule == "share":
        return 100.0 * numerator / denominator if denominator else 0.0
    if rule == "mean":  # the weighted rate (a mean not decided is drawn as its range, `value_range`)
        return float(row["value"]) if row.get("value") is not None else 0.0
    if rule == "count":
        return numerator
    return 1.0 if row["figure"] in ("是", "true", "True") else 0.0


def target_value(requirement: Requirement, as_of: dt.date) -> float | None:
    """The number of the target in force at `as_of` (else the next one), where the target is a number."""
    when = timing(requirement, as_of)
    chosen = when.in_force if when.in_force is not None else when.ahead
    value = targets_of(requirement)[chosen].value if chosen is not None else None
    if value is None and isinstance(requirement.check, Comparison):
        value = requirement.check.value
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def bars(pack: RulePack, districts: list[dict[str, Any]], as_of: dt.date) -> list[Bar]:
    requirements = {r.id: r for r in pack.requirements}
    found = []
    for row in districts:
        unit = pack.catalogue.metric(row["metric"]).unit
        target = target_value(requirements[row["requirement"]], as_of)
        ends = row.get("value_range")
        found.append(
            Bar(
                label=f"{row['district']} {row['requirement']} {row['metric_zh']}",
                value=float(ends[1]) if ends else _figure(row),
                low=float(ends[0]) if ends else None,
                shown=row["figure"] or (f"{row['lowest']}～{row['highest']}" if row["lowest"] else "—"),
                target=target,
                target_shown=row["target_zh"],
                percent=unit == "%",
                status=row["status"],
            )
        )
    return found


def listed_sites(out: Path) -> list[batch_page.ListedSite]:
    """The first SITES_LISTED sites that are not compliant or were not assessed, with their findings or why they
    were rejected. In a run of several sheets a row is its sheet and number (the sheets in the order read)."""
    listed: dict[tuple[int, int], batch_page.ListedSite] = {}
    parts: dict[str, int] = {}
    with (out / SITES).open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        shift = int(next(reader, [""])[0] == "sheet")
        column = {name: at + shift for name, at in _COLUMN.items()}
        verdict, compliant = column["verdict"], Verdict.COMPLIANT.value
        for cells in reader:
            if len(listed) >= SITES_LISTED:
                break
            sheet = cells[0] if shift and cells else ""
            part = parts.setdefault(sheet, len(parts))
            if len(cells) > verdict and cells[verdict] != compliant and cells[shift].isdigit():
                place = " ".join(cells[column[k]] for k in ("district", "township") if cells[column[k]])
                key = (part, int(cells[shift]))
                site = listed[key] = batch_page.ListedSite(
                    key[1], cells[column["site_id"]], cells[column["name"]], place, cells[column["verdict_zh"]]
                )
                site.sheet, site.part = sheet, part
                if cells[verdict] == NOT_ASSESSED:  # why it was not assessed, as rejected.csv says
                    site.findings.append(["—", site.verdict_zh, "", cells[column["reason_zh"]]])
    last = max(listed, default=(0, 0))
    with (out / FINDINGS).open(encoding="utf-8") as handle:
        for line in handle:
            finding = json.loads(line)
            key = (parts.get(finding.get("sheet", ""), len(parts)), finding["row"])
            if key > last:
                break
            shown = listed.get(key)
            if shown is not None:
                status = STATUS_ZH.get(finding["status"], finding["status"])
                shown.findings.append([finding["requirement"], status, finding["title_zh"], finding["reason_zh"]])
    return list(listed.values())


def write_page(
    out: Path, pack: RulePack, as_of: dt.date, overview: list[tuple[str, Any]], summary: dict[str, Any]
) -> None:
    """report.html beside report.xlsx, once sites.csv and findings.jsonl are complete."""
    total = sum(count for code, count in summary["verdicts"].items() if code != Verdict.COMPLIANT.value)
    text = batch_page.render(overview, summary, bars(pack, summary["districts"], as_of), listed_sites(out), total)
    (out / REPORT_HTML).write_text(text, encoding="utf-8")
