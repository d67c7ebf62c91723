"""A batch's report.html: the overview, the district figures against their targets, the worst townships,
the requirements most often failed, and the first sites not compliant (or not assessed) with their findings.

Written once from the summary and the first rows of sites.csv and findings.jsonl, never per row; the full
lists stay in those files, and the page says how many it shows of how many.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from compliance.report.chart import Bar, svg
from compliance.report.html import esc, page, table
from compliance.report.words import BATCH_VERDICT_ZH, STATUS_ZH

WORST_TOWNSHIPS = 10
MOST_FAILED = 10


@dataclass
class ListedSite:
    """A site of the batch shown on the page, with an anchor its row links to."""

    row: int
    site_id: str
    name: str
    place: str
    verdict_zh: str
    findings: list[list[str]] = field(default_factory=list)
    """[requirement, status, title, reason] of each finding findings.jsonl holds for it."""
    sheet: str = ""
    """Its workbook sheet, in a run of several sheets (then its row number alone does not find it)."""
    part: int = 0
    """Which of the run's sheets that is (0 the first), for an anchor that never repeats."""

    @property
    def anchor(self) -> str:
        return f"row-{self.part}-{self.row}" if self.sheet else f"row-{self.row}"


def worst_townships(townships: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Townships by compliance rate, lowest first (those with nothing assessed last), then most non-compliant."""
    ranked = sorted(
        townships,
        key=lambda t: (t["compliance_rate"] is None, t["compliance_rate"] or 0.0, -t["non_compliant"], t["township"]),
    )
    return ranked[:WORST_TOWNSHIPS]


def most_failed(requirements: list[dict[str, Any]]) -> list[dict[str, Any]]:
    failed = [r for r in requirements if r["counts"]["fail"]]
    return sorted(failed, key=lambda r: -r["counts"]["fail"])[:MOST_FAILED]


def _rate(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.1f}%"


def _districts(summary: dict[str, Any], bars: list[Bar]) -> str:
    rows = summary["districts"]
    if not rows:
        return "<p>本批没有可计算的区县指标。No district figure applies to this batch.</p>\n"
    chart = svg(bars, "区县指标与目标 district figures against their targets")
    cells = [
        [
            f"{d['district']}（{d['district_code']}）" if d["district_code"] else d["district"],
            d["requirement"],
            d["metric_zh"],
            d["figure"] or (f"{d['lowest']}～{d['highest']}" if d["lowest"] else "—"),
            d["parts"],
            d["target_zh"] or "—",
            STATUS_ZH.get(d["status"], d["status"]),
        ]
        for d in rows
    ]
    headers = ["所在区", "要求编号", "指标", "计算值", "计算方法", "目标", "状态"]
    return (
        f'<figure class="chart">{chart}<figcaption>竖线为目标 the line marks the target</figcaption></figure>\n'
        + table(headers, cells)
    )


def _sites(sites: list[ListedSite], total_listed: int) -> str:
    if not sites:
        return "<p>所有站点均合规。Every site is compliant.</p>\n"
    note = (
        f"<p>显示前 {len(sites)} 个（共 {total_listed} 个未合规或未评估的站点），"
        "全部见 sites.csv、findings.jsonl 和 rejected.csv。</p>\n"
    )
    sheets = any(s.sheet for s in sites)
    rows = "".join(
        "<tr>"
        + (f"<td>{esc(s.sheet)}</td>" if sheets else "")
        + f'<td>{s.row}</td><td><a href="#{s.anchor}">{esc(s.site_id)}</a></td><td>{esc(s.name)}</td>'
        f"<td>{esc(s.place)}</td><td>{esc(s.verdict_zh)}</td><td>{len(s.findings)}</td></tr>\n"
        for s in sites
    )
    named = ("工作表",) * sheets + ("行号", "站点编号", "名称", "所在区 乡镇", "结论", "问题数")
    head = "".join(f"<th>{h}</th>" for h in named)
    listing = f"<table><thead><tr>{head}</tr></thead><tbody>\n{rows}</tbody></table>\n"
    details = "".join(
        f'<section class="findings" id="{s.anchor}"><h3>{esc(s.site_id)} {esc(s.name)} · {esc(s.verdict_zh)}</h3>\n'
        + table(["要求编号", "状态", "要求", "原因"], s.findings, "findings.jsonl 中没有此站点的问题。")
        + "</section>\n"
        for s in sites
    )
    return note + listing + "<h2>站点问题 findings by site</h2>\n" + details


def render(
    overview: list[tuple[str, Any]], summary: dict[str, Any], bars: list[Bar], sites: list[ListedSite], listed: int
) -> str:
    """The page; `listed` is how many sites not compliant or not assessed sites.csv holds in all."""
    townships = [
        [
            t["district"],
            t["township"] or "—",
            t["sites"],
            *(t[v] for v in BATCH_VERDICT_ZH),
            _rate(t["compliance_rate"]),
        ]
        for t in worst_townships(summary["townships"])
    ]
    failed = [
        [r["requirement"], r["title_zh"], r["counts"]["fail"], _rate(r["rates"]["fail"])]
        for r in most_failed(summary["requirements"])
    ]
    body = [
        "<h1>批量评估报告 batch assessment report</h1>\n",
        "<h2>概况 overview</h2>\n",
        table(["项目 item", "内容 value"], ([k, v] for k, v in overview)),
        "<h2>区县指标 district figures</h2>\n",
        _districts(summary, bars),
        "<h2>合规率最低的乡镇 worst townships</h2>\n",
        table(["所在区", "乡镇", "站点数", *BATCH_VERDICT_ZH.values(), "合规率"], townships, "无。"),
        "<h2>最常不达标的要求 requirements most often failed</h2>\n",
        table(["要求编号", "要求", "不达标站点", "占已评估"], failed, "没有要求不达标。"),
        "<h2>未合规或未评估的站点 sites not compliant or not assessed</h2>\n",
        _sites(sites, listed),
    ]
    return page("批量评估报告 batch assessment report", "".join(body), "zh")
