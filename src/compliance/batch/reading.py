"""What a batch read from its input: the SHA-256 of the very bytes read, and whether the file changed meanwhile.

A sync client rewriting the input while a batch reads it would otherwise give part of one version and
part of another, and a checksum computed afterwards, of a third. So the digest is taken as the bytes
go past (a CSV's encoding sample, read twice, counts once), and at the end each file's size, time of
change and identity are compared with what they were when it was opened: a difference is an error.
"""

from __future__ import annotations

import hashlib
import io
import os
from pathlib import Path
from typing import Any, BinaryIO

from compliance.model.problems import InputError, Problem


class _Hashing(io.RawIOBase):
    """A file read through: each byte goes into the digest once, in order, the first time it is read."""

    def __init__(self, raw: io.FileIO, digest: Any) -> None:
        super().__init__()
        self._raw = raw
        self._digest = digest
        self.position = 0
        self.hashed = 0
        """Bytes from the start that went into the digest."""

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        count = self._raw.readinto(buffer) or 0
        start, end = self.position, self.position + count
        if start <= self.hashed < end:
            with memoryview(buffer) as view:
                self._digest.update(view[self.hashed - start : count])
            self.hashed = end
        self.position = end
        return count

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        self.position = self._raw.seek(offset, whence)
        return self.position

    def tell(self) -> int:
        return self.position

    def fileno(self) -> int:
        return self._raw.fileno()

    def close(self) -> None:
        self._raw.close()
        super().close()


def _same(before: os.stat_result, after: os.stat_result) -> bool:
    return (before.st_ino, before.st_dev, before.st_size, before.st_mtime_ns) == (
        after.st_ino,
        after.st_dev,
        after.st_size,
        after.st_mtime_ns,
    )


class ReadLog:
    """The digest of everything a source read, and the files it read, with their state when opened."""

    def __init__(self) -> None:
        self._digest = hashlib.sha256()
        self._streams: list[tuple[Path, os.stat_result, _Hashing]] = []
        self._changed: list[str] = []
        self._read = 0

    def open(self, path: Path) -> BinaryIO:
        """A buffered binary stream of `path`, hashed as it is read."""
        raw = io.FileIO(path, "rb")
        stream = _Hashing(raw, self._digest)
        self._streams.append((path, os.fstat(raw.fileno()), stream))
        return io.BufferedReader(stream, buffer_size=1 << 16)

    def read_bytes(self, path: Path, name: str = "") -> bytes:
        """The whole of `path` (a workbook, or one facts file of a folder, hashed after its `name`)."""
        with path.open("rb") as handle:
            before = os.fstat(handle.fileno())
            data = handle.read()
            after = os.fstat(handle.fileno())
        if not _same(before, after) or len(data) != before.st_size:
            self._changed.append(str(path))
        self._digest.update(name.encode())
        self._digest.update(data)
        self._read += len(data)
        return data

    def sha256(self) -> str:
        return self._digest.hexdigest()

    @property
    def bytes_read(self) -> int:
        return self._read + sum(stream.hashed for _, _, stream in self._streams)

    def check(self) -> None:
        """Raise InputError naming each file that changed, or was not read to its end, while it was read."""
        changed = list(self._changed)
        for path, opened, stream in self._streams:
            try:
                now = os.stat(path)
            except OSError:
                changed.append(str(path))
                continue
            if not _same(opened, now) or stream.hashed != opened.st_size:
                changed.append(str(path))
        if changed:
            message = (
                "changed while the batch read it (its size or time of change differ from when it was "
                "opened); rerun once nothing is writing to it"
            )
            raise InputError([Problem(path, None, "", message) for path in changed])
