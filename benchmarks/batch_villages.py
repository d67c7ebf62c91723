"""End-to-end speed and memory of `compliance batch` on N synthetic villages.

Usage: python benchmarks/batch_villages.py [--villages 10000 100000 1000000] [--runs 3] [--workers 2]
                                           [--keep DIR] [--profile] [--first-year 2024]
                                           [--findings full|compact]

For each N, writes a deterministic CSV of N villages (Chinese headers as `compliance facts template`
writes them, UTF-8 with BOM as Excel saves it, about 5% of values blank), then runs the real command
`compliance batch villages.csv --kind village --out OUT --workers W --findings F` in a new process,
`--runs` times, each into a fresh output folder (`--findings compact` times the compact files too).
Reports villages/s (median), the wall time, the peak resident memory of the whole process tree (the
command and its workers: the sum of their Pss, sampled every 20 ms from /proc) and its CPU time (user +
system, median: less sensitive than the wall time to other work on the machine). With --profile, runs one
in-process batch (--workers 1) under cProfile and prints where the time goes. The yearly series of
domestic waste runs from --first-year to 2025 (default 2024: two columns, the figures in the README), and
the run prints JA-15-3's statuses. JA-15-3 (减量化) compares 2025 with 2020, the plan's base year: a series
from 2020 decides it unless the 2020 cell is blank, and one from a later year leaves every village
insufficient_data (no 2020); blank years between do not matter.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
AS_OF = "2026-06-30"
TOWNSHIPS = {
    "宦溪镇": "350111103",
    "寿山乡": "350111201",
    "日溪乡": "350111202",
    "岳峰镇": "350111102",
    "新店镇": "350111101",
    "王庄街道": "350111002",
    "象园街道": "350111003",
    "鼓山镇": "350111100",
}
"""Townships of 晋安区 with their codes (rules/divisions.yaml): a village's code is its township's and three digits."""
LATEST_YEAR = 2025


def header(first_year: int = 2024) -> list[str]:
    return [
        "站点编号",
        "名称",
        "所在区",
        "乡镇",
        "行政区划代码",
        "农村生活污水治理率(%)",
        "农村自来水普及率(%)",
        "农村生活垃圾收运处置体系覆盖的自然村比例(%)",
        "农村生活垃圾无害化处理率(%)",
        *(f"生活垃圾产生量(吨)[{year}]" for year in range(first_year, LATEST_YEAR + 1)),
        "已建成“无废乡村”",
        "“一村一品”专业村",
        "备注",
    ]


def _blank(rnd: random.Random, text: str) -> str:
    return "" if rnd.random() < 0.05 else text


def village_rows(count: int, seed: int = 2025, first_year: int = 2024, first: int = 0) -> list[list[str]]:
    """Villages whose figures are spread the way real returns are: most near target, a tail below. Villages are
    numbered from `first`: a village's id and name hold its number, so no two villages of a file are one (a name
    and 12-digit code given twice is one village given twice, which the batch rejects)."""
    rnd = random.Random(seed)
    rows = []
    for number in range(first, first + count):
        township, township_code = list(TOWNSHIPS.items())[number % len(TOWNSHIPS)]
        sewage = min(100.0, max(0.0, rnd.gauss(86, 9)))
        tap = 100.0 if rnd.random() < 0.7 else round(rnd.uniform(98.5, 100), 2)
        coverage = 100.0 if rnd.random() < 0.85 else round(rnd.uniform(70, 99), 1)
        harmless = 100.0 if rnd.random() < 0.9 else round(rnd.uniform(85, 99.9), 1)
        waste = [round(rnd.uniform(150, 900), 1)]
        for _ in range(first_year, LATEST_YEAR):
            waste.append(round(waste[-1] * rnd.uniform(0.9, 1.04), 1))
        rows.append(
            [
                f"V{number:07d}",
                f"{township[:2]}{number}村",
                "晋安区",
                township,
                f"{township_code}{number % 997 + 1:03d}",
                _blank(rnd, f"{sewage:.1f}"),
                _blank(rnd, f"{tap:g}"),
                _blank(rnd, f"{coverage:g}"),
                _blank(rnd, f"{harmless:g}"),
                *(_blank(rnd, f"{amount:g}") for amount in waste),
                _blank(rnd, "是" if rnd.random() < 0.62 else "否"),
                _blank(rnd, "是" if rnd.random() < 0.1 else "否"),
                "",
            ]
        )
    return rows


def write_villages(
    path: Path, count: int, seed: int = 2025, encoding: str = "utf-8-sig", first_year: int = 2024, step: int = 100_000
) -> None:
    """`count` villages in blocks of `step` (each block its own seed, so any size is made in little memory)."""
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header(first_year))
        for start in range(0, count, step):
            writer.writerows(village_rows(min(step, count - start), seed + start, first_year, first=start))


def _tree_rss_kib(pid: int) -> int:
    """Memory of `pid` and all its descendants, in KiB: the sum of their proportional set sizes (Pss),
    so pages the forked workers share with the main process are counted once, not once per process."""
    total = 0
    stack = [pid]
    while stack:
        current = stack.pop()
        try:
            rollup = Path(f"/proc/{current}/smaps_rollup").read_text()
            total += next(int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:"))
            for task in Path(f"/proc/{current}/task").iterdir():
                children = (task / "children").read_text().split()
                stack.extend(int(child) for child in children)
        except (OSError, StopIteration, ValueError):
            continue
    return total


def run_once(csv_path: Path, out: Path, workers: int, findings: str = "full") -> tuple[float, int, float]:
    """Wall seconds, peak Pss (KiB) and CPU seconds (user + system, the command and its workers) of one run."""
    # A fresh output folder each run, and earlier runs' gigabytes flushed to disk first, outside the
    # timing: overwriting last run's findings.jsonl while its pages are still dirty costs seconds.
    shutil.rmtree(out, ignore_errors=True)
    os.sync()
    beside = Path(sys.executable).parent / "compliance"
    command = str(beside) if beside.exists() else shutil.which("compliance") or "compliance"
    argv = [command, "batch", str(csv_path), "--kind", "village", "--out", str(out), "--as-of", AS_OF]
    argv += ["--workers", str(workers), "--findings", findings, "--quiet"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    seconds, peak = measure(argv)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    all_assessed(out)
    return seconds, peak, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def measure(argv: list[str]) -> tuple[float, int]:
    """Run a command; its wall time in seconds and the peak Pss of its process tree in KiB."""
    peak = [0]
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def sample() -> None:
        while process.poll() is None:
            peak[0] = max(peak[0], _tree_rss_kib(process.pid))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample)
    sampler.start()
    _, errors = process.communicate()
    seconds = time.perf_counter() - start
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({process.returncode}): {errors.decode()}")
    return seconds, peak[0]


def all_assessed(out: Path) -> None:
    """Stop, rather than report a speed, when the batch in `out` rejected rows: a run over part of the villages."""
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    if summary["rejected"] or summary["assessed"] != summary["rows"]:
        raise SystemExit(f"{out}: {summary['rejected']:,} of {summary['rows']:,} rows rejected, see rejected.csv")


def _statuses(out: Path, requirement: str) -> str:
    """A requirement's counts by status in the run's summary.json."""
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    counts = next(r["counts"] for r in summary["requirements"] if r["requirement"] == requirement)
    return ", ".join(f"{status} {number:,}" for status, number in counts.items() if number)


def profile(csv_path: Path, out: Path) -> None:
    import cProfile
    import datetime as dt
    import pstats

    from compliance.batch.progress import Progress
    from compliance.batch.run import BatchOptions, run_batch
    from compliance.pack import load_pack

    pack = load_pack(None)
    options = BatchOptions(input=csv_path, kind="village", out=out, as_of=dt.date.fromisoformat(AS_OF), workers=1)
    profiler = cProfile.Profile()
    profiler.enable()
    run_batch(options, pack, Progress(quiet=True))
    profiler.disable()
    pstats.Stats(profiler).sort_stats("tottime").print_stats(30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--villages", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--keep", type=Path, default=None, help="Keep the inputs and outputs in this folder.")
    parser.add_argument("--profile", action="store_true", help="Profile one in-process run per size instead.")
    parser.add_argument("--first-year", type=int, default=2024, help="First year of the domestic waste series.")
    parser.add_argument("--findings", choices=["full", "compact"], default="full", help="Passed to the batch.")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="compliance-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"{'villages':>10} {'runs':>4} {'median s':>9} {'villages/s':>11} {'peak MiB (Pss)':>13} {'CPU s':>7}")
    compiled: list[str] = []
    for count in args.villages:
        csv_path = folder / f"villages-{count}-from{args.first_year}.csv"
        if not csv_path.exists():
            write_villages(csv_path, count, first_year=args.first_year)
        out = folder / f"out-{count}"
        if args.profile:
            profile(csv_path, out)
            continue
        results = [run_once(csv_path, out, args.workers, args.findings) for _ in range(args.runs)]
        median = statistics.median(seconds for seconds, _, _ in results)
        peak = max(rss for _, rss, _ in results) / 1024
        cpu = statistics.median(cpu for _, _, cpu in results)
        print(f"{count:>10} {args.runs:>4} {median:>9.2f} {count / median:>11,.0f} {peak:>13.0f} {cpu:>7.1f}")
        print("  JA-15-3: " + _statuses(out, "JA-15-3"))
        compiled = json.loads((out / "manifest.json").read_text("utf-8"))["tool"]["compiled"]
    if not args.profile:
        print("compiled modules: " + (", ".join(compiled) if compiled else "none (pure Python: an editable install)"))
    if args.keep is None:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
