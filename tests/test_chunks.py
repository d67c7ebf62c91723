"""A chunk keeps every record, in order, through packing and the trip to a worker; reading the input a block
of rows at a time decides every row as reading it a row at a time would."""

from __future__ import annotations

import csv
import pickle
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compliance.batch.chunks import CELL, ROW, Chunk, chunks
from compliance.batch.columns import Matcher, match_columns
from compliance.batch.header import find_header
from compliance.batch.seen import SeenIds
from compliance.batch.table import Document, TableRow, open_source
from compliance.batch.totals import TotalsWords
from compliance.model.plan import RulePack
from compliance.model.problems import InputError
from tests.test_spreadsheets import HEADER, SEWAGE, village_rows

CELLS = st.lists(st.text(alphabet=["a", "村", ",", '"', " ", CELL, ROW], max_size=4), max_size=5)
RECORDS = st.lists(st.one_of(CELLS, st.none()), max_size=12)


@settings(max_examples=200, deadline=None)
@given(records=RECORDS, repeats=st.sets(st.integers(min_value=0, max_value=11)))
def test_packed_chunks_give_back_every_row(records: list[list[str] | None], repeats: set[int]) -> None:
    chunk = Chunk()
    for index, cells in enumerate(records):
        record = Document(index + 2, f"doc{index}", "{}") if cells is None else TableRow(index + 2, cells)
        chunk.add(record, 1 if index in repeats else None)
    chunk.pack()
    travelled = pickle.loads(pickle.dumps(chunk))
    assert travelled.numbers == [index + 2 for index in range(len(records))]
    assert travelled.first_seen == {index: 1 for index in repeats if index < len(records)}
    for index, (cells, row) in enumerate(zip(records, travelled.records(), strict=True)):
        if cells is None:
            assert row is None and travelled.documents[index].label == f"doc{index}"
        elif isinstance(row, str):
            assert row.split(CELL) == cells
        else:
            assert row == cells


# -- a block of rows at a time ---------------------------------------------------------------------------


def _county_return(path: Path) -> Path:
    """A township office's return as GBK CSV: villages, blank rows (one at the very end), a 合计 row, a row named
    after its township, a row of sums with no word, a repeated id, and a byte that is no GBK past the header."""
    rows: list[list[object]] = []
    for n, village in enumerate(village_rows(40)):
        rows.append(village)
        if n in (6, 7, 20):
            rows.append([""] * len(HEADER) if n != 7 else ["", " ", ""])
    rows.insert(12, ["合计", "", "晋安区", "", sum(SEWAGE), 4000, 3900])
    rows.insert(18, ["JA-T-01", "寿山乡", "晋安区", "寿山乡", "", 900, 880])
    above = [row for row in rows[:30] if str(row[0]).startswith("JA-V-")]
    sums = [sum(int(str(row[column])) for row in above) for column in (5, 6)]
    rows.insert(30, ["JA-V-0100", "", "晋安区", "宦溪镇", "", *sums])  # no name: told by its sums
    rows.insert(33, ["JA-V-0003", "重复村", "晋安区", "宦溪镇", 80, 410, 400])
    rows.append(["", "", ""])
    with path.open("w", encoding="gbk", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows)
    path.write_bytes(path.read_bytes().replace("村35".encode("gbk"), b"\xff\xfe35"))
    return path


Made = tuple[list[int], list[list[str] | str | None], dict[int, str], dict[int, int], int]


def _chunked(path: Path, pack: RulePack, went_out: list[list[int]] | None = None) -> list[Made]:
    """What each chunk of the file holds; `went_out` gets each chunk's row numbers as it is made."""
    source = open_source(path)
    matcher = Matcher(pack.catalogue)
    source.start(find_header([row.cells for row in source.head], matcher.key), matcher.key)
    columns = match_columns(source.header or [], matcher, str(path), source.header_row)
    made: list[Made] = []
    for chunk in chunks(source, columns, SeenIds(), "village"):
        if went_out is not None:
            went_out.append(chunk.numbers)
        made.append((chunk.numbers, chunk.records(), chunk.refused, chunk.first_seen, chunk.blank_rows))
    return made


@pytest.mark.parametrize("block_rows", [1, 3, 4096])
def test_reading_a_block_at_a_time_decides_as_reading_a_row_at_a_time(
    block_rows: int, tmp_path: Path, pack: RulePack, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A block of one row is the old row-at-a-time reading; chunks of 7 rows cut across the blocks."""
    path = _county_return(tmp_path / "宦溪镇.csv")
    monkeypatch.setattr("compliance.batch.chunks.CHUNK_ROWS", 7)
    monkeypatch.setattr("compliance.batch.table.BLOCK_ROWS", 1)
    by_row = _chunked(path, pack)
    monkeypatch.setattr("compliance.batch.table.BLOCK_ROWS", block_rows)
    assert _chunked(path, pack) == by_row
    refused = {chunk[0][index]: why for chunk in by_row for index, why in chunk[2].items()}
    assert sorted(refused) == [14, 20, 32, 44]
    assert "合计" in refused[14] and "named after its own township" in refused[20]
    assert "sums of the rows above" in refused[32] and "0xFF" in refused[44] and "名称" in refused[44]
    repeats = {chunk[0][index]: first for chunk in by_row for index, first in chunk[3].items()}
    assert repeats == {35: 5}
    assert [chunk[4] for chunk in by_row] == [0, 2, 0, 1, 0, 0, 1], "blank rows 9, 11, 27 and the last one"
    assert [len(chunk[0]) for chunk in by_row] == [7, 7, 7, 7, 7, 7, 2]


def test_a_csv_error_names_the_last_row_read_and_the_chunks_before_it_go_out(
    tmp_path: Path, pack: RulePack, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cell past the 16 MiB a CSV cell may hold, after row 41: read in blocks of 5, chunks of 7."""
    monkeypatch.setattr("compliance.batch.chunks.CHUNK_ROWS", 7)
    monkeypatch.setattr("compliance.batch.table.BLOCK_ROWS", 5)
    path = tmp_path / "broken.csv"
    lines = [",".join(HEADER)] + [f"JA-V-{n:04d},村{n},晋安区,宦溪镇,{SEWAGE[n % 10]},400,390" for n in range(40)]
    path.write_text("\n".join(lines) + '\nJA-V-9999,"' + "x" * (17 << 20) + '"\n', encoding="utf-8")
    went_out: list[list[int]] = []
    with pytest.raises(InputError) as stopped:
        _chunked(path, pack, went_out)
    assert "not valid CSV after row 41" in stopped.value.problems[0].message
    assert went_out == [list(range(start, start + 7)) for start in range(2, 37, 7)]


NAMES = st.lists(
    st.sampled_from(
        [
            "村",
            "合计",
            "小",
            "全",
            "区",
            "镇",
            "t",
            "T",
            "otal",
            "s",
            "um",
            " ",
            "\n",
            "V",
            "1",
            "宦溪镇",
            "计",
            "　",
            "其中",
        ]
    ),
    max_size=5,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(rows=st.lists(st.tuples(NAMES, NAMES, st.sampled_from(["宦溪镇", " 寿山乡", "", "全区"])), max_size=30))
def test_totals_words_over_a_block_say_what_each_row_would(rows: list[tuple[str, str, str]]) -> None:
    words = TotalsWords(1, 2, 3, "village")
    table = [[site_id, name, township, "晋安区"] for site_id, name, township in rows]
    ids = [site_id.strip() for site_id, _, _ in rows]
    areas = {cell.strip() for _, _, township in rows for cell in (township, "晋安区")} - {""}
    in_table = "a totals row for {} (named after a township or district of the table), not a site"
    expected = {
        index: why
        for index, (site_id, cells) in enumerate(zip(ids, table, strict=True))
        if (why := words(site_id, cells) or (in_table.format(cells[1].strip()) if cells[1].strip() in areas else ""))
    }
    assert words.block(ids, table) == expected
