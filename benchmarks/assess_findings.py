"""CPU time of one finding of `Assessor.assess` on drawn district, village and city facts.

Usage (from the repository's root): python benchmarks/assess_findings.py [--sites 20] [--runs 3]

The facts are the cross-check's (`tests/test_crosscheck.py`): a seed per site, every metric the kind's rules
read drawn on and around the rules' constants, a tenth left out, dated series with holes. Each site is
assessed at three dates; the best of `--runs` passes is printed, after one pass to build the engines.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from compliance.assess.assessor import Assessor
from compliance.model.facts import Facts
from tests.test_crosscheck import PACK, facts_builder

KINDS = ("district", "village", "city")
DATES = (dt.date(2025, 6, 30), dt.date(2026, 6, 30), dt.date(2027, 12, 31))


def drawn_sites(assessor: Assessor, sites: int) -> list[Facts]:
    found = []
    for kind in KINDS:
        build = facts_builder(assessor.requirements_for(kind), PACK.catalogue, PACK.gazetteer, kind)
        found += [build(seed) for seed in range(sites)]
    return found


def one_pass(assessor: Assessor, sites: list[Facts]) -> tuple[int, float]:
    start = time.process_time()
    findings = sum(len(assessor.assess(facts, as_of, list(PACK.plans)).findings) for facts in sites for as_of in DATES)
    return findings, time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=20, help="sites drawn per kind")
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    assessor = Assessor(PACK)
    sites = drawn_sites(assessor, options.sites)
    one_pass(assessor, sites)
    findings, seconds = min((one_pass(assessor, sites) for _ in range(options.runs)), key=lambda run: run[1])
    print(f"{findings} findings in {seconds:.3f} s of CPU: {seconds / findings * 1e6:.1f} µs a finding")


if __name__ == "__main__":
    main()
