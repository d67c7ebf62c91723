"""How quick the machine is right now: the CPU time of a fixed loop (a 30-million-step sum at module level).

Usage: python benchmarks/host_speed.py [--runs 1]

On a shared host the same work takes from 2.8 s to 5 s of CPU from one minute to the next; printing this
beside a timing says which kind of minute it was measured in (docs/testing.md, docs/performance.md).
"""

from __future__ import annotations

import argparse
import time

LOOP = "total = 0\nfor step in range(30_000_000):\n    total += step\n"
"""Run as a module's top level (names in a dict, as the figures quoted in the docs were taken)."""


def loop_seconds() -> float:
    """CPU seconds of one run of LOOP."""
    code = compile(LOOP, "<host_speed>", "exec")
    start = time.process_time()
    exec(code, {})  # our own constant text, not input
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1)
    runs = parser.parse_args().runs
    print(" ".join(f"{loop_seconds():.2f}" for _ in range(runs)))


if __name__ == "__main__":
    main()
