"""Wall time of a cold `compliance check` on one bundled example: a new process each run.

Usage: python benchmarks/cold_check.py [--runs N] [FACTS]
Prints each run's time and the median; the target is under 0.5 s on a 2-core machine.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("facts", nargs="?", default=str(ROOT / "examples" / "village-compliant.yaml"))
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    command = shutil.which("compliance") or str(Path(sys.executable).parent / "compliance")
    argv = [command, "check", args.facts, "--as-of", "2026-06-30"]
    subprocess.run(argv, capture_output=True, check=False)  # warm the OS file cache, not the process
    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        result = subprocess.run(argv, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
        if result.returncode not in (0, 1, 3):
            sys.exit(f"check failed ({result.returncode}): {result.stderr.decode()}")
    print(" ".join(f"{t:.3f}" for t in times))
    print(f"cold compliance check, {args.runs} runs: median {statistics.median(times):.3f} s, min {min(times):.3f} s")


if __name__ == "__main__":
    main()
