"""CPU time per row of `compliance batch`'s main process: reading the input and cutting it into chunks.

Usage: python benchmarks/main_process.py [--villages 200000] [--runs 3] [--profile] [--keep FILE] [--assess]

Writes a CSV of N villages with `batch_villages.py`'s generator (Chinese headers, UTF-8 with BOM, about
5% of cells blank), then, `--runs` times, reads it the way `compliance batch` does in its main process:
`open_source`, the header found and matched against the shipped pack, and every record through
`batch.chunks.chunks` (totals rows refused, repeated ids marked, each chunk packed to travel). No worker
runs. Prints which per-row modules ran compiled (the figure means most from a compiled install, `pip
install .`), then the CPU time (`time.process_time`) per row of each run and their median. With --profile,
runs once more under cProfile and prints the costliest functions (run it from an editable install to see
the Python lines; compiled functions show as one call). With --assess, each chunk is also assessed in the same
process as a worker would (`RowAssessor.chunk`), its CPU time reported apart: under `valgrind --tool=callgrind`
this counts both paths' instructions in one profile.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import io
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from batch_villages import write_villages

from compliance.batch.areanames import known_areas
from compliance.batch.chunks import chunks
from compliance.batch.columns import Matcher, match_columns
from compliance.batch.compiled import compiled_modules
from compliance.batch.header import find_header
from compliance.batch.rows import RowAssessor, Settings
from compliance.batch.table import open_source
from compliance.model.plan import RulePack
from compliance.pack import load_pack

AS_OF = dt.date(2026, 6, 30)


def read_through(path: Path, pack: RulePack, assess: bool = False) -> tuple[int, int, float]:
    """Rows and chunks of `path`, read as the batch's main process reads it; with `assess`, each chunk is also
    assessed as a worker assesses it (`RowAssessor.chunk`, findings written to memory), and the CPU time that took
    is returned too (else 0)."""
    source = open_source(path)
    matcher = Matcher(pack.catalogue)
    source.start(find_header([row.cells for row in source.head], matcher.key), matcher.key)
    columns = match_columns(source.header or [], matcher, str(path), source.header_row)
    settings = Settings(pack, "village", None, AS_OF, columns, str(path))
    assessor = RowAssessor(settings) if assess else None
    rows = count = 0
    worked = 0.0
    for chunk in chunks(source, columns, None, "village", known_areas(pack.divisions)):
        rows += len(chunk)
        count += 1
        if assessor is not None:
            start = time.process_time()
            assessor.chunk(chunk, io.BytesIO())
            worked += time.process_time() - start
    return rows, count, worked


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--villages", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--profile", action="store_true", help="one more run under cProfile")
    parser.add_argument("--keep", type=Path, help="write the CSV here and keep it (reused when it exists)")
    parser.add_argument("--assess", action="store_true", help="also assess each chunk as a worker does (its CPU apart)")
    args = parser.parse_args()
    pack = load_pack()
    print(f"compiled: {', '.join(compiled_modules()) or 'none (interpreted)'}")
    with tempfile.TemporaryDirectory() as work:
        path = args.keep or Path(work) / "villages.csv"
        if not path.exists():
            write_villages(path, args.villages)
        per_row = []
        for run in range(args.runs):
            start = time.process_time()
            rows, count, worked = read_through(path, pack, args.assess)
            seconds = time.process_time() - start - worked
            per_row.append(seconds / rows * 1e6)
            assessed = f"; assessing {worked:.2f} s CPU, {worked / rows * 1e6:.2f} µs/row" if args.assess else ""
            read = f"{rows:,} rows in {count} chunks, {seconds:.2f} s CPU, {per_row[-1]:.2f} µs/row"
            print(f"run {run + 1}: {read}{assessed}")
        print(f"median: {statistics.median(per_row):.2f} µs/row")
        if args.profile:
            profile = cProfile.Profile()
            profile.runcall(read_through, path, pack, args.assess)
            pstats.Stats(profile).sort_stats("tottime").print_stats(25)


if __name__ == "__main__":
    main()
