"""What a batch keeps stays small: its warnings, and the villages it has seen; the benchmark's villages are distinct.

A county table without village codes that names each village twice warns on every repeated row; the summary
lists the first `WARNINGS_LISTED` different warnings with their rows and counts the rest, so a million such rows
do not fill memory and summary.json. The villages seen are kept by code and a digest of the name, not the name's
bytes. The benchmark's villages, written in blocks, never repeat one another (a
name and code given twice is one village twice, which the batch rejects, and the speed would be of fewer rows).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from compliance.batch import tally
from tests.test_batch import Run, batch, write_csv

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from batch_villages import write_villages

HEADER = ["站点编号", "名称", "所在区", "乡镇", "农村生活污水治理率(%)"]


def test_warnings_past_the_listed_kinds_are_counted_not_kept(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tally, "WARNINGS_LISTED", 5)
    rows = [[f"V{n:03d}", f"岭头{n % 20}村", "晋安区", "宦溪镇", "80"] for n in range(60)]  # each name three times
    out = tmp_path / "out"
    batch(run, write_csv(tmp_path / "twice.csv", rows, header=HEADER), out, "--workers", "1")
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    assert summary["assessed"] == 60
    listed = [note for note in summary["notes"] if "岭头" in note]
    assert len(listed) == 5
    assert all(note.startswith("1 行 rows: ") for note in listed)
    assert summary["notes"][-1].startswith("另有 35 行的提醒未列出（只列前 5 种）/ 35 more rows"), summary["notes"][-1]


def test_a_few_warnings_are_all_listed(run: Run, tmp_path: Path) -> None:
    rows = [[f"V{n:03d}", f"岭头{n % 3}村", "晋安区", "宦溪镇", "80"] for n in range(6)]
    out = tmp_path / "out"
    batch(run, write_csv(tmp_path / "twice.csv", rows, header=HEADER), out, "--workers", "1")
    notes = json.loads((out / "summary.json").read_text("utf-8"))["notes"]
    assert len([note for note in notes if "岭头" in note]) == 3
    assert not any("未列出" in note for note in notes)


def test_generated_villages_written_in_blocks_are_all_assessed(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "villages.csv"
    write_villages(path, 250, seed=3, step=100)  # three blocks, each numbered on from the last
    out = tmp_path / "out"
    batch(run, path, out, "--workers", "1")
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    assert (summary["rows"], summary["assessed"], summary["rejected"]) == (250, 250, 0)


def test_villages_seen_are_one_by_code_and_name_through_growth() -> None:
    from compliance.batch.seen import SeenVillages

    seen = SeenVillages(capacity=4)
    for number in range(3000):
        assert seen.first_row(350111103001 + number % 900, f"村{number}", number + 2) is None
    assert len(seen) == 3000
    assert (
        seen.first_row(350111103001, "村0", 9999) == 2
        and seen.first_row(350111103001 + 2999 % 900, "村2999", 1) == 3001
    )
    assert seen.first_row(350111103001, "村1", 5) is None  # one code, another name: another village, kept
