"""A plain-Python contender: the csv module and a loop, the village rules of `village_rules.py`.

Usage: python benchmarks/villages_plain.py VILLAGES.csv OUT_DIR [--workers 2]

Writes OUT_DIR/sites.csv (row, site id, verdict) and OUT_DIR/findings.jsonl (one line per finding that
did not pass, with value, target, gap and bilingual reasons), as an analyst would script it: the main
process reads the CSV and hands chunks of rows to a pool of workers, writing their text in input order.
"""

from __future__ import annotations

import argparse
import csv
import json
import multiprocessing
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from village_rules import BASE_YEAR, LATEST, REDUCTION, THRESHOLDS, WASTE, Rule, verdict

CHUNK = 5_000
COLUMNS: dict[str, int] = {}


def _number(text: str) -> float | None:
    text = text.strip()
    return float(text) if text else None


def _finding(row: int, site: str, rule: Rule, status: str, value: float | None, gap: float | None) -> str:
    if value is None:
        zh, en = f"缺少数据：{rule.title_zh}", f"missing data: {rule.title_en}"
    else:
        zh = f"观测值 {value:g}，目标 ≥ {rule.target:g}，差 {gap:.2f}：{rule.title_zh}"
        en = f"observed {value:g}, target ≥ {rule.target:g}, {gap:.2f} short: {rule.title_en}"
    line = {
        "row": row,
        "site": site,
        "requirement": rule.requirement,
        "status": status,
        "value": value,
        "target": rule.target,
        "due": rule.due,
        "gap": None if gap is None else round(gap, 6),
        "reason_zh": zh,
        "reason_en": en,
    }
    return json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n"


def _reduction(row: int, site: str, cells: list[str]) -> tuple[str, str]:
    base = _number(cells[COLUMNS[WASTE.format(year=BASE_YEAR)]])
    latest = _number(cells[COLUMNS[LATEST]])
    if base is None or latest is None or base == 0:
        return "insufficient_data", _finding(row, site, REDUCTION, "insufficient_data", None, None)
    change = (latest - base) / base * 100
    if change < 0:
        return "pass", ""
    return "fail", _finding(row, site, REDUCTION, "fail", change, change)


def assess(chunk: list[tuple[int, list[str]]]) -> tuple[str, str]:
    """sites.csv and findings.jsonl text of a chunk of (row number, cells)."""
    sites, findings = [], []
    for row, cells in chunk:
        site = cells[COLUMNS["站点编号"]]
        statuses = []
        for rule in THRESHOLDS:
            value = _number(cells[COLUMNS[rule.column]])
            if value is None:
                status, gap = "insufficient_data", None
            elif value >= rule.target:
                status, gap = "pass", None
            else:
                status, gap = rule.missed, rule.target - value
            statuses.append(status)
            if status != "pass":
                findings.append(_finding(row, site, rule, status, value, gap))
        status, line = _reduction(row, site, cells)
        statuses.append(status)
        findings.append(line)
        sites.append(f"{row},{site},{verdict(statuses)}\n")
    return "".join(sites), "".join(findings)


def _start(header: list[str]) -> None:
    COLUMNS.update({name: index for index, name in enumerate(header)})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("villages", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with args.villages.open(encoding="utf-8-sig", newline="") as source:
        reader = csv.reader(source)
        header = next(reader)

        def chunks() -> object:
            chunk: list[tuple[int, list[str]]] = []
            for row, cells in enumerate(reader, start=2):
                chunk.append((row, cells))
                if len(chunk) == CHUNK:
                    yield chunk
                    chunk = []
            if chunk:
                yield chunk

        with (
            multiprocessing.get_context("fork").Pool(args.workers, _start, (header,)) as pool,
            (args.out / "sites.csv").open("w", encoding="utf-8-sig") as sites,
            (args.out / "findings.jsonl").open("w", encoding="utf-8") as findings,
        ):
            sites.write("row,site_id,verdict\n")
            for site_text, finding_text in pool.imap(assess, chunks()):  # type: ignore[call-overload]
                sites.write(site_text)
                findings.write(finding_text)


if __name__ == "__main__":
    main()
