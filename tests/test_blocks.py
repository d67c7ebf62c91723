"""findings.jsonl appended in whole blocks (O_DIRECT where allowed): the file is the appends, in order."""

from __future__ import annotations

import errno
import fcntl
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compliance.batch import blocks
from compliance.batch.blocks import BLOCK, BlockFile, End

SIZES = st.lists(st.integers(min_value=0, max_value=3 * BLOCK + 7), max_size=12)


def _pieces(sizes: list[int]) -> list[bytes]:
    return [bytes((index * 31 + n) % 251 for n in range(size)) for index, size in enumerate(sizes)]


def _append_all(path: Path, pieces: list[bytes], handles: int, plain: bool = False) -> None:
    """Append each piece in turn, through `handles` handles on the file as workers would take turns."""
    path.write_bytes(b"")
    with pytest.MonkeyPatch.context() as patch:
        if plain:  # as on a system without O_DIRECT
            patch.delattr(os, "O_DIRECT", raising=False)
        files = [BlockFile(path) for _ in range(handles)]
    assert all(file.direct != plain for file in files) or not hasattr(os, "O_DIRECT")
    end = End()
    for index, piece in enumerate(pieces):
        end = files[index % handles].append(piece, end)
        assert len(end.carry) < BLOCK
    files[0].finish(end)
    for file in files[1:]:
        file.close()


@settings(max_examples=60, deadline=None)
@given(sizes=SIZES, handles=st.integers(min_value=1, max_value=3), plain=st.booleans())
def test_the_file_holds_every_append_in_order(
    tmp_path_factory: pytest.TempPathFactory, sizes: list[int], handles: int, plain: bool
) -> None:
    path = tmp_path_factory.mktemp("blocks") / "findings.jsonl"
    pieces = _pieces(sizes)
    _append_all(path, pieces, handles, plain)
    assert path.read_bytes() == b"".join(pieces)


def test_appends_larger_than_the_buffer_go_out_in_pieces(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(blocks, "PIECE", 2 * BLOCK)
    pieces = _pieces([5 * BLOCK + 3, 7 * BLOCK, 1, 9 * BLOCK + BLOCK // 2])
    _append_all(tmp_path / "findings.jsonl", pieces, handles=2)
    assert (tmp_path / "findings.jsonl").read_bytes() == b"".join(pieces)


def test_a_refused_direct_write_is_written_plainly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file system that opens with O_DIRECT but refuses the write (EINVAL) loses nothing."""
    path = tmp_path / "findings.jsonl"
    path.write_bytes(b"")
    file = BlockFile(path)
    assert file.direct or not hasattr(os, "O_DIRECT")
    real_pwrite = os.pwrite

    def refusing(fd: int, data: bytes | memoryview, offset: int) -> int:
        if fcntl.fcntl(fd, fcntl.F_GETFL) & getattr(os, "O_DIRECT", 0):
            raise OSError(errno.EINVAL, "Invalid argument")
        return real_pwrite(fd, data, offset)

    monkeypatch.setattr(os, "pwrite", refusing)
    pieces = _pieces([BLOCK + 5, 3 * BLOCK, 17])
    end = End()
    for piece in pieces:
        end = file.append(piece, end)
    assert not file.direct
    file.finish(end)
    assert path.read_bytes() == b"".join(pieces)


def test_other_errors_are_not_swallowed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "findings.jsonl"
    path.write_bytes(b"")
    file = BlockFile(path)

    def full(fd: int, data: bytes | memoryview, offset: int) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "pwrite", full)
    with pytest.raises(OSError, match="No space"):
        file.append(b"x" * (2 * BLOCK), End())
    monkeypatch.undo()
    file.close()


def test_finish_leaves_the_appends_that_ended_and_cuts_a_half_written_one(tmp_path: Path) -> None:
    """A batch stopped mid-append (a worker ended, Ctrl-C) finishes its files at the last end it knows:
    a header waiting in the first carry, the whole appends, none of the one cut short."""
    path = tmp_path / "findings.csv"
    path.write_bytes(b"")
    file = BlockFile(path)
    head, pieces = b"\xef\xbb\xbfrow,site\r\n", _pieces([BLOCK + 9, 2 * BLOCK - 1])
    end = End(0, head)
    for piece in pieces:
        end = file.append(piece, end)
    with path.open("r+b") as other:  # part of one more append, which never ended
        other.seek(end.offset)
        other.write(b"x" * (3 * BLOCK))
    file.finish(end)
    assert path.read_bytes() == head + b"".join(pieces)


def test_a_write_interrupted_mid_block_can_still_be_finished(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A signal arriving inside a direct write unwinds through the batch's `finally`, which finishes the file while
    the interrupt is still propagating: no view into the write buffer may outlive the write, or closing the buffer
    raises BufferError and the stop becomes a traceback."""
    path = tmp_path / "findings.jsonl"
    path.write_bytes(b"")
    file = BlockFile(path)

    def interrupted(fd: int, data: bytes | memoryview, offset: int) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "pwrite", interrupted)
    with pytest.raises(KeyboardInterrupt):
        try:
            file.append(b"x" * (2 * BLOCK), End())
        finally:
            monkeypatch.undo()
            file.finish(End())  # as the batch does, with the interrupt on its way out
    assert path.read_bytes() == b""
