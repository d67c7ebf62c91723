"""A chunk keeps every record, in order, through packing and the trip to a worker."""

from __future__ import annotations

import pickle

from hypothesis import given, settings
from hypothesis import strategies as st

from compliance.batch.chunks import CELL, ROW, Chunk
from compliance.batch.table import Document, TableRow

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
