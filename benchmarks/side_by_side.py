"""`compliance batch` side by side with a plain-Python script and a polars script doing the same job.

Usage: python benchmarks/side_by_side.py [--villages 100000 1000000] [--workers 2] [--keep DIR]

On the same generated villages (`batch_villages.py`'s generator: Chinese headers, UTF-8 with BOM, about
5% of cells blank, a yearly series of domestic waste from 2020 to 2025 with blanks inside it; JA-15-3 compares
2025 with 2024), each contender writes per-village verdicts and one JSON line per finding that did not pass, as of the
same date:
- `compliance batch --workers W` (the tool; it also writes its summary, workbook and page),
- `villages_plain.py`: the csv module and a loop over the rules, in W processes,
- `villages_polars.py`: the rules as polars expressions (POLARS_MAX_THREADS=W); skipped with a note
  when polars is not installed.
For each: villages/s, wall time, the peak Pss of its process tree, bytes written per village, and whether
every village's verdict, and every row's set of (requirement, status) findings, agree with the tool's.
The rules of the two scripts are in `village_rules.py`.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import os
import platform
import re
import shutil
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from batch_villages import AS_OF, all_assessed, measure, write_villages  # noqa: E402
from village_rules import AS_OF as RULES_AS_OF  # noqa: E402
from village_rules import FIRST_YEAR  # noqa: E402

FINDING_KEY = re.compile(rb'^\{"row":(\d+),.*?"requirement":"([^"]+)".*?"status":"([a-z_]+)"')
"""Row, requirement and status at the start of a findings line, in the tool's and the scripts' JSON alike."""


@dataclass
class Outcome:
    name: str
    seconds: float
    peak_kib: int
    bytes_written: int
    verdicts_agree: str = "—"
    findings_agree: str = "—"


def _tool(csv_path: Path, out: Path, workers: int) -> list[str]:
    beside = Path(sys.executable).parent / "compliance"
    command = str(beside) if beside.exists() else shutil.which("compliance") or "compliance"
    argv = [command, "batch", str(csv_path), "--kind", "village", "--out", str(out), "--as-of", AS_OF]
    return [*argv, "--workers", str(workers), "--quiet"]


def _verdicts(out: Path) -> Iterator[tuple[str, str]]:
    """(row, verdict) from a sites.csv: the tool's has the verdict in column 6, the scripts' in column 3."""
    with (out / "sites.csv").open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        column = next(reader).index("verdict")
        for cells in reader:
            yield cells[0], cells[column]


def _finding_rows(out: Path) -> Iterator[tuple[int, frozenset[tuple[bytes, bytes]]]]:
    """Per row with findings, in row order: its set of (requirement, status)."""
    current, keys = -1, set()
    with (out / "findings.jsonl").open("rb") as handle:
        for line in handle:
            match = FINDING_KEY.match(line)
            if match is None:
                raise SystemExit(
                    f"{out / 'findings.jsonl'}: a line without row, requirement and status: {line[:200]!r}"
                )
            row = int(match[1])
            if row != current:
                if keys:
                    yield current, frozenset(keys)
                current, keys = row, set()
            keys.add((match[2], match[3]))
    if keys:
        yield current, frozenset(keys)


def _agreement(mine: Iterator[tuple[object, object]], tools: Iterator[tuple[object, object]]) -> str:
    """`yes (N)` when both give the same items in the same order, else where they first part."""
    count = 0
    for a, b in zip(mine, tools, strict=False):
        if a != b:
            return f"no: first at {a} vs the tool's {b}"
        count += 1
    left_mine, left_tools = next(mine, None), next(tools, None)
    if left_mine is not None or left_tools is not None:
        return f"no: one has more ({left_mine} / {left_tools})"
    return f"yes ({count:,})"


def _size(out: Path) -> int:
    return sum(path.stat().st_size for path in out.iterdir() if path.is_file())


def _run(name: str, argv: list[str], out: Path, env: dict[str, str] | None = None) -> Outcome:
    shutil.rmtree(out, ignore_errors=True)
    os.sync()
    saved = dict(os.environ)
    os.environ.update(env or {})
    try:
        seconds, peak = measure(argv)
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return Outcome(name, seconds, peak, _size(out))


def _machine() -> str:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        platform.processor(),
    )
    memory = next(
        line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")
    )
    cores = len(os.sched_getaffinity(0))
    return f"{model}, {cores} cores available, {int(memory) / 1024**2:.1f} GiB RAM, Python {platform.python_version()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--villages", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--keep", type=Path, default=None, help="Keep the inputs and outputs in this folder.")
    args = parser.parse_args()
    if AS_OF != RULES_AS_OF:
        raise SystemExit(f"the contenders must share the as-of date: {AS_OF} vs {RULES_AS_OF}")
    folder = args.keep or Path(tempfile.mkdtemp(prefix="compliance-side-"))
    folder.mkdir(parents=True, exist_ok=True)
    has_polars = importlib.util.find_spec("polars") is not None
    print(f"machine: {_machine()}")
    print(f"as of {AS_OF}; workers {args.workers}; series from {FIRST_YEAR}")
    if not has_polars:
        print("polars is not installed (pip install polars): the polars contender is skipped")
    for count in args.villages:
        csv_path = folder / f"villages-{count}-from{FIRST_YEAR}.csv"
        if not csv_path.exists():
            write_villages(csv_path, count, first_year=FIRST_YEAR)
        load = os.getloadavg()
        tool_out = folder / f"tool-{count}"
        outcomes = [_run("compliance batch", _tool(csv_path, tool_out, args.workers), tool_out)]
        all_assessed(tool_out)
        scripts = [("plain Python csv + loop", "villages_plain.py", ["--workers", str(args.workers)], {})]
        if has_polars:
            scripts.append(("polars script", "villages_polars.py", [], {"POLARS_MAX_THREADS": str(args.workers)}))
        for name, script, extra, env in scripts:
            out = folder / f"{script.removesuffix('.py')}-{count}"
            outcome = _run(name, [sys.executable, str(HERE / script), str(csv_path), str(out), *extra], out, env)
            outcome.verdicts_agree = _agreement(_verdicts(out), _verdicts(tool_out))
            outcome.findings_agree = _agreement(_finding_rows(out), _finding_rows(tool_out))
            outcomes.append(outcome)
        size = csv_path.stat().st_size / count
        loads = " ".join(f"{figure:.2f}" for figure in load)
        print(f"\n{count:,} villages (load average before: {loads}; {size:.0f} input bytes a village)")
        print(
            "| contender | villages/s | wall s | peak MiB (Pss) | bytes per village | verdicts agree | findings agree |"
        )
        print("|---|---|---|---|---|---|---|")
        for o in outcomes:
            print(
                f"| {o.name} | {count / o.seconds:,.0f} | {o.seconds:.1f} | {o.peak_kib / 1024:,.0f} | "
                f"{o.bytes_written / count:,.0f} | {o.verdicts_agree} | {o.findings_agree} |"
            )
    if args.keep is None:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
