"""Appending findings.jsonl in whole disk blocks, past the page cache where the system allows it.

A batch writes kilobytes of findings per site, gigabytes for a province. Through the page cache the
kernel spends about 10 s of CPU copying and flushing the 3.2 GB of a million villages, half as much as
the workers spend assessing them; written with O_DIRECT from page-aligned memory, in whole 4 KiB
blocks, they cost about 1 s. So each append writes every whole block it can at the file's end and
carries the few bytes after the last whole block over to the next append; `finish` writes the rest
plainly.

Where O_DIRECT is refused (another system, some file systems), appends are plain writes at the same
offsets, and the file comes out the same.

An append that would take the file past its limit (--max-findings-bytes) writes nothing and raises
FindingsLimit: a pack or an option that writes far more than expected stops the batch before the disk
fills.
"""

from __future__ import annotations

import errno
import mmap
import os
from dataclasses import dataclass
from pathlib import Path

BLOCK = 4096
"""The alignment O_DIRECT asks of offsets, lengths and memory (a multiple of any disk's sector)."""
PIECE = 1 << 22
"""Bytes per direct write: the size of the aligned buffer each writer keeps."""


class FindingsLimit(Exception):
    """An append would have taken findings.jsonl past its limit."""


@dataclass(frozen=True)
class End:
    """Where the next append goes: the offset of the bytes carried over, and those bytes (under a block)."""

    offset: int = 0
    carry: bytes = b""


class BlockFile:
    """One process's handle on an output file that appends arrive at, in turn, with the End to start from."""

    def __init__(self, path: Path, limit: int | None = None) -> None:
        self.limit = limit
        """The most bytes the file may hold (None: no limit)."""
        self._plain = os.open(path, os.O_WRONLY)
        self._direct: int | None = None
        direct_flag = getattr(os, "O_DIRECT", 0)
        if direct_flag:
            try:
                self._direct = os.open(path, os.O_WRONLY | direct_flag)
            except OSError:
                self._direct = None
        self._buffer: mmap.mmap | None = None

    @property
    def direct(self) -> bool:
        """Whether appends still go past the page cache."""
        return self._direct is not None

    def append(self, data: bytes | memoryview, end: End) -> End:
        """Write `data` after `end`; returns the new end."""
        data = memoryview(data)
        carry, offset = end.carry, end.offset
        total = len(carry) + len(data)
        if self.limit is not None and offset + total > self.limit:
            raise FindingsLimit(f"{offset + total:,} bytes would pass the limit of {self.limit:,}")
        whole = total - total % BLOCK
        if self._direct is None or offset % BLOCK:
            self._write_from(carry, data, 0, offset)
            return End(offset + total)
        if not whole:
            return End(offset, carry + bytes(data))
        done = self._direct_blocks(carry, data, offset, whole)
        if done < whole:  # O_DIRECT refused part way: the rest goes plainly
            self._write_from(carry, data, done, offset)
            return End(offset + total)
        return End(offset + whole, bytes(data[whole - len(carry) :]))

    def finish(self, end: End) -> None:
        """Write the carried bytes, cut off anything past them, and close: the file then holds exactly the
        appends that ended at `end` (a stopped batch may have written part of one more)."""
        self._write(self._plain, end.carry, end.offset)
        os.ftruncate(self._plain, end.offset + len(end.carry))
        self.close()

    def close(self) -> None:
        for fd in (self._plain, self._direct):
            if fd is not None:
                os.close(fd)
        self._direct = None
        if self._buffer is not None:
            self._buffer.close()
            self._buffer = None

    def _direct_blocks(self, carry: bytes, data: memoryview, offset: int, whole: int) -> int:
        """Write the first `whole` bytes of carry + data with O_DIRECT; returns how many were written."""
        assert self._direct is not None
        if self._buffer is None:
            self._buffer = mmap.mmap(-1, PIECE)
        buffer = self._buffer
        done = 0
        while done < whole:
            size = min(PIECE, whole - done)
            if done < len(carry):  # only the first piece: a carry is shorter than a block
                buffer[: len(carry)] = carry
                buffer[len(carry) : size] = data[: size - len(carry)]
            else:
                start = done - len(carry)
                buffer[:size] = data[start : start + size]
            with memoryview(buffer) as view, view[:size] as piece:  # each view released, even by an interrupt
                written = self._direct_write(piece, offset + done)
            done += written
            if written < size:
                break
        return done

    def _direct_write(self, view: memoryview, offset: int) -> int:
        """Whole blocks of `view` written at `offset` (0 when O_DIRECT is refused: plain writes from then on)."""
        assert self._direct is not None
        written = 0
        while written < len(view):
            try:
                with view[written:] as rest:  # released before the map can be closed, whatever stops the write
                    count = os.pwrite(self._direct, rest, offset + written)
            except OSError as error:
                if error.errno != errno.EINVAL:
                    raise
                count = 0
            if count <= 0 or count % BLOCK:
                if count % BLOCK:  # a partial block went out: the plain rewrite of it is the same bytes
                    count -= count % BLOCK
                written += count
                os.close(self._direct)
                self._direct = None
                return written
            written += count
        return written

    def _write_from(self, carry: bytes, data: memoryview, done: int, offset: int) -> None:
        """Write carry + data plainly, from its byte `done` on, at `offset` + `done`."""
        if done < len(carry):
            self._write(self._plain, carry[done:], offset + done)
            self._write(self._plain, data, offset + len(carry))
        else:
            self._write(self._plain, data[done - len(carry) :], offset + done)

    @staticmethod
    def _write(fd: int, data: bytes | memoryview, offset: int) -> None:
        view = memoryview(data)
        while view:
            count = os.pwrite(fd, view, offset)
            view, offset = view[count:], offset + count
