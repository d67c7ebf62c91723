"""Reading a file whole (a facts file, an attestation file, a rule file): a regular file of bounded size.

`check /dev/zero` would otherwise read without end, and a FIFO would wait for a writer forever; a file
read whole is refused unless it is a regular file of at most MAX_FILE_BYTES.
"""

from __future__ import annotations

import stat
from pathlib import Path

from compliance.model.problems import InputError, Problem

MAX_FILE_BYTES = 64 << 20
"""64 MiB: far above any facts or attestation file a person writes (a district's facts are kilobytes)."""


def _refuse(path: Path, message: str) -> InputError:
    return InputError([Problem(str(path), None, "", message)])


def read_limited(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; anything else is a clear InputError."""
    try:
        status = path.stat()
    except OSError as error:
        raise _refuse(path, f"cannot read the file ({error.strerror})") from None
    if stat.S_ISDIR(status.st_mode):
        raise _refuse(path, "is a folder; expected a file")
    if not stat.S_ISREG(status.st_mode):
        raise _refuse(path, "is not a regular file (a device, pipe or socket); expected a file")
    too_big = f"is larger than {limit:,} bytes ({limit >> 20} MiB), the most a file read whole may hold"
    if status.st_size > limit:
        raise _refuse(path, too_big)
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as error:
        raise _refuse(path, f"cannot read the file ({error.strerror})") from None
    if len(data) > limit:  # it grew after the check
        raise _refuse(path, too_big)
    return data
