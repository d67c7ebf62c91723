"""Reading a file whole (a facts file, an attestation file, a rule file): a regular file of bounded size.

`check /dev/zero` would otherwise read without end, and a FIFO would wait for a writer forever; a file
read whole is refused unless it is a regular file of at most MAX_FILE_BYTES.
"""

from __future__ import annotations

import codecs
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


def _mostly_decodes(sample: bytes, encoding: str) -> bool:
    """Whether `sample` is text in `encoding` but for a stray undecodable byte or two (one per hundred
    characters at most): such a file is read in its encoding and the rows holding those bytes rejected."""
    text = codecs.getincrementaldecoder(encoding)("replace").decode(sample, final=False)
    bad = text.count("\ufffd")
    return bad == 0 or bad <= max(2, (len(text) - sum(ch.isascii() for ch in text)) // 100)


def detect_encoding(sample: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 (as Excel saves "Unicode text"), else GB18030 (a superset of GBK)."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    half = len(sample) // 2
    if half and sample[1::2].count(0) > half // 2:
        return "utf-16-le"
    if half and sample[0::2].count(0) > half // 2:
        return "utf-16-be"
    for encoding in ("utf-8", "gb18030"):
        if _mostly_decodes(sample, encoding):
            return encoding
    utf8, gbk = _first_bad_line(sample, "utf-8"), _first_bad_line(sample, "gb18030")
    said = (
        f"is neither UTF-8 nor GBK/GB18030 text (as UTF-8 it cannot be read from line {utf8}, as GBK from line {gbk}:"
        " a file of two encodings, such as two files pasted together, is neither); save it as CSV UTF-8 or pass"
        f" --encoding / 文件既不是 UTF-8 也不是 GBK/GB18030 文本（按 UTF-8 从第 {utf8} 行起无法读取，按 GBK 从第 {gbk}"
        " 行起无法读取：两种编码的文件拼在一起时两者都不是）；请另存为“CSV UTF-8”或用 --encoding 指明"
    )
    raise InputError([Problem("", None, "", said)])


def _first_bad_line(sample: bytes, encoding: str) -> int:
    """The line (from 1) of the first bytes of `sample` that are not text in `encoding` (0 when all are)."""
    try:
        codecs.getincrementaldecoder(encoding)().decode(sample, final=False)
    except UnicodeDecodeError as error:
        return sample[: error.start].count(b"\n") + 1
    return 0
