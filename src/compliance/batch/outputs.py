"""The files a batch writes: sites.csv, findings.jsonl and rejected.csv as rows stream past, then
summary.json, report.xlsx, report.html and manifest.json at the end.

CSV files are UTF-8 with a BOM so that Excel opens the Chinese text correctly.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from compliance.batch.districts import DistrictRow
from compliance.batch.rows import ChunkResult
from compliance.batch.sheetrows import FINDINGS_HEADER_ZH, SHEET_ZH
from compliance.batch.sitescsv import REJECTED_HEADER, SITES_HEADER, VERDICT_ZH, safe_cell
from compliance.batch.tally import STATUSES, Tally
from compliance.model.plan import RulePack
from compliance.model.result import Verdict
from compliance.report.words import NOT_ASSESSED, STATUS_ZH
from compliance.report.xlsx import Cell, Workbook

if TYPE_CHECKING:
    from compliance.batch.run import BatchOptions

SITES = "sites.csv"
FINDINGS = "findings.jsonl"
REJECTED = "rejected.csv"
SUMMARY = "summary.json"
REPORT = "report.xlsx"
REPORT_HTML = "report.html"
MANIFEST = "manifest.json"
FINDINGS_CSV = "findings.csv"
REQUIREMENTS_CSV = "requirements.csv"
FINDINGS_PARQUET = "findings.parquet"
"""Written with --findings compact (see `batch.compact`)."""
MADE_AT_THE_END = (REPORT, REPORT_HTML, REQUIREMENTS_CSV, FINDINGS_PARQUET)
"""Made from the whole run once its rows are done: a stopped run leaves none of them (one of part of the
input would look whole)."""
OUTPUTS = (
    SITES,
    FINDINGS,
    REJECTED,
    SUMMARY,
    REPORT,
    REPORT_HTML,
    MANIFEST,
    FINDINGS_CSV,
    REQUIREMENTS_CSV,
    FINDINGS_PARQUET,
)
"""Every file a batch writes; manifest.json lists those it wrote."""

SITES_HEADER_ZH = [
    "行号",
    "站点编号",
    "名称",
    "所在区",
    "乡镇",
    "结论",
    "结论（中文）",
    *STATUS_ZH.values(),
    "不达标要求",
    "有风险要求",
    "数据不足要求",
    "原因",
]


def csv_head(header: list[str]) -> bytes:
    """A byte-order mark (so Excel reads UTF-8) and the header row."""
    buffer = io.StringIO()
    csv.writer(buffer).writerow([safe_cell(name) for name in header])
    return codecs.BOM_UTF8 + buffer.getvalue().encode()


class StreamWriter:
    """sites.csv and rejected.csv, appended chunk by chunk in input order, and the empty findings.jsonl
    (and findings.csv, with --findings compact)."""

    def __init__(self, out: Path, extra_headers: list[str], compact: bool = False, sheets: bool = False) -> None:
        out.mkdir(parents=True, exist_ok=True)
        self.out = out
        lead = ["sheet"] if sheets else []
        """A run of several sheets: each row's sheet first, since its row number alone does not find it."""
        self._sites = (out / SITES).open("wb")
        self._sites.write(csv_head([*lead, *SITES_HEADER, *extra_headers]))
        self.findings = out / FINDINGS
        """Created empty here; chunks append to it in input order (see `batch.blocks`)."""
        self.findings.write_bytes(b"")
        self.findings_csv = out / FINDINGS_CSV if compact else None
        """Likewise, its header waiting in the first append's carry (see `batch.compact`)."""
        if self.findings_csv is not None:
            self.findings_csv.write_bytes(b"")
        self._rejected = (out / REJECTED).open("wb")
        self._rejected.write(csv_head([*lead, *REJECTED_HEADER]))

    def write(self, result: ChunkResult) -> None:
        self._sites.write(result.sites_csv)
        self._rejected.write(result.rejected_csv)

    def close(self) -> None:
        for handle in (self._sites, self._rejected):
            handle.close()


def overview(options: BatchOptions, tally: Tally, warnings: list[str] | None = None) -> list[tuple[str, Any]]:
    """report.xlsx's and report.html's overview: what ran on what (the attestation files read, and how many
    judgements they hold), the counts, and the run's warnings (attestations set aside among them) as summary.json
    has them."""
    book, files = options.attestations, ", ".join(map(str, options.attestation_files))
    judged = [("人工核查记录 attestations", f"{files}（{len(book)} 条 judgements）")] if book is not None else []
    return [
        *judged,
        ("输入 input", str(options.input)),
        ("站点类型 kind", options.kind),
        ("评估日期 as of", options.as_of.isoformat()),
        ("规划 plans", ", ".join(options.plans) if options.plans else "按所在区/行政区划代码"),
        ("输入行数 rows", tally.rows),
        ("已评估 assessed", tally.assessed),
        ("未评估（数据有误）rejected", tally.rejected),
        *((f"{VERDICT_ZH[v]} {v}", tally.verdicts.get(v, 0)) for v in VERDICT_ZH),
        ("完整清单 full lists", "sites.csv, findings.jsonl, rejected.csv"),
        ("本表站点/问题最多行数 rows per sheet", options.xlsx_rows),
        *(("提醒 warning", warning) for warning in warnings or []),
    ]


def requirement_stats(pack: RulePack, tally: Tally) -> list[dict[str, Any]]:
    """Per requirement, in pack order: counts by status and each as a share of the assessed sites."""
    rows = []
    for requirement in pack.requirements:
        counter = tally.statuses.get(requirement.id)
        if counter is None:
            continue
        counts = {status: counter.get(status, 0) for status in STATUSES}
        rates = {
            status: round(count / tally.assessed, 6) if tally.assessed else 0.0 for status, count in counts.items()
        }
        rows.append(
            {
                "requirement": requirement.id,
                "plan": pack.plan_of[requirement.id],
                "title_zh": requirement.title_zh,
                "title_en": requirement.title_en,
                "strength": requirement.strength.value,
                "modality": requirement.modality.value,
                "counts": counts,
                "rates": rates,
            }
        )
    return rows


def township_rollups(tally: Tally) -> list[dict[str, Any]]:
    """Sites per verdict for each district and township, labelled by name with the division code beside it."""
    rows = []
    for (district, township), counter in sorted(tally.townships.items()):
        assessed = sum(counter[verdict.value] for verdict in Verdict)
        district_code, township_code = tally.place_codes.get((district, township), ("", ""))
        rows.append(
            {
                "district": district,
                "district_code": district_code or tally.district_codes.get(district, ""),
                "township": township,
                "township_code": township_code,
                "sites": assessed + counter[NOT_ASSESSED],
                **{verdict: counter[verdict] for verdict in VERDICT_ZH},
                "compliance_rate": round(counter[Verdict.COMPLIANT.value] / assessed, 6) if assessed else None,
            }
        )
    return rows


def end_on_whole_line(path: Path) -> None:
    """Cut a findings.jsonl that a stop left mid-line back to its last whole line."""
    try:
        handle = path.open("r+b")
    except FileNotFoundError:
        return
    with handle:
        end = handle.seek(0, io.SEEK_END)
        while end > 0:
            start = max(0, end - (1 << 16))
            handle.seek(start)
            block = handle.read(end - start)
            newline = block.rfind(b"\n")
            if newline >= 0:
                handle.truncate(start + newline + 1)
                return
            end = start
        handle.truncate(0)


def write_summary(out: Path, summary: dict[str, Any]) -> None:
    (out / SUMMARY).write_text(json.dumps(summary, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _sites_rows(path: Path) -> Iterator[list[Cell]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        shift = int(next(reader, [""])[0] == "sheet")
        numbers = [shift + at for at in (0, *range(7, 7 + len(STATUSES)))]
        for row in reader:
            cells: list[Cell] = [*row]
            for at in numbers:
                if at < len(row) and row[at].isdigit():
                    cells[at] = int(row[at])
            yield cells


_DISTRICTS_HEADER_ZH = [
    "所在区",
    "区划代码",
    "要求编号",
    "要求",
    "指标",
    "计算方式",
    "分子（占比：符合的站点数；加权平均：Σ数值×权重；计数：合计）",
    "分母（占比、计数：有数据的站点数；加权平均：权重合计，计算方式列写明权重，如自然村数量合计）",
    "缺数据",
    "计算值",
    "最低可能值",
    "最高可能值",
    "目标",
    "状态",
    "原因",
]


def write_report(
    out: Path,
    overview: list[tuple[str, Cell]],
    stats: list[dict[str, Any]],
    townships: list[dict[str, Any]],
    districts: list[DistrictRow],
    extra_headers: list[str],
    row_limit: int,
    findings: Iterable[list[Cell]],
    sheets: bool = False,
) -> dict[str, int]:
    """report.xlsx; the sites and findings sheets hold at most `row_limit` rows each (the CSV/JSONL hold all).
    `findings`: the findings sheet's rows (see `batch.sheetrows`), read only as far as the sheet needs; `sheets`:
    a run of several sheets, whose rows name their sheet first."""
    written: dict[str, int] = {}
    lead = [SHEET_ZH] if sheets else []
    with Workbook(out / REPORT) as book:
        book.sheet("概况 overview", ["项目 item", "内容 value"], ([k, v] for k, v in overview))
        written["sites"] = book.sheet(
            "站点 sites", [*lead, *SITES_HEADER_ZH, *extra_headers], _sites_rows(out / SITES), limit=row_limit
        )
        written["findings"] = book.sheet("问题 findings", [*lead, *FINDINGS_HEADER_ZH], findings, limit=row_limit)
        statuses = [*STATUS_ZH.values(), *(f"{v}比例" for v in STATUS_ZH.values())]
        book.sheet("要求统计 requirements", ["要求编号", "规划", "要求", *statuses], _requirement_rows(stats))
        verdicts = [*VERDICT_ZH.values(), f"{VERDICT_ZH['compliant']}率"]
        places = ["所在区", "区划代码", "乡镇", "乡镇代码", "站点数"]
        book.sheet("乡镇汇总 townships", [*places, *verdicts], _township_rows(townships))
        book.sheet("区县指标 districts", _DISTRICTS_HEADER_ZH, _district_rows(districts))
    return written


def _requirement_rows(stats: list[dict[str, Any]]) -> Iterator[list[Cell]]:
    for s in stats:
        counts, rates = s["counts"], s["rates"]
        yield [
            s["requirement"],
            s["plan"],
            s["title_zh"],
            *(counts[k] for k in STATUS_ZH),
            *(rates[k] for k in STATUS_ZH),
        ]


def _township_rows(townships: list[dict[str, Any]]) -> Iterator[list[Cell]]:
    for t in townships:
        place = [t["district"], t["district_code"], t["township"], t["township_code"], t["sites"]]
        yield [*place, *(t[verdict] for verdict in VERDICT_ZH), t["compliance_rate"]]


def _district_rows(districts: list[DistrictRow]) -> Iterator[list[Cell]]:
    for d in districts:
        yield [
            d.district,
            d.district_code,
            d.requirement,
            d.title_zh,
            d.metric_zh,
            f"{d.rule} over {d.over}（{d.parts}{f'；分母为{d.weight_zh}合计' if d.weight_total is not None else ''}）",
            d.numerator,
            d.denominator if d.weight_total is None else d.weight_total,
            d.missing,
            d.figure,
            d.lowest,
            d.highest,
            d.target_zh,
            STATUS_ZH.get(d.status, d.status),
            d.reason_zh,
        ]
