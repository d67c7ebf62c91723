"""Which site ids a batch has already seen, and at which row, in a few dozen bytes an id however many.

A dict of a million ids costs over 100 MB; this open-addressing table costs 4 bytes a slot (two slots or
more an id) and 24 bytes an id (the low 32 bits of its digest, its row, where its bytes end, a digest of its
row's figures, 4 bytes each, and an 8-byte tag), plus each id's own UTF-8 bytes, kept once in one growing
buffer. The tag is what the caller keeps of the row that first gave the id (a digest of the site it names, its
sheet), so a repeat can be told from another site given the same id; the figures' digest tells a repeat from the
same site given other figures. The digest is BLAKE2b's (8 bytes), the same in every run, unlike
Python's string hash. A matching digest is confirmed against the kept id bytes, so two ids whose digests
collide are still two ids: a collision costs a probe, never a valid row rejected as a repeat.
"""

from __future__ import annotations

import hashlib
import struct
from array import array
from collections.abc import Iterable

_BLAKE2B = hashlib.blake2b(digest_size=8)
"""BLAKE2b set up for 8-byte digests: each id's digest starts from a copy (cheaper than a new one)."""
_SIGNED = struct.Struct("<q").unpack
_LOW32 = 0xFFFFFFFF
"""The bits of an id's digest kept in its entry."""


def _digest(data: bytes) -> int:
    """A non-zero signed 64-bit key (0 marks an empty slot): the 8-byte BLAKE2b digest, little-endian."""
    blake = _BLAKE2B.copy()
    blake.update(data)
    key: int = _SIGNED(blake.digest())[0]
    return key or 1


class SeenIds:
    def __init__(self, capacity: int = 1 << 12) -> None:
        self.villages = SeenVillages(capacity)
        """The villages given by 12-digit code and name (`batch.villagerepeats`), apart from the ids."""
        self._slots = array("i", bytes(4 * capacity))
        """Per slot: 0 when empty, else 1 + the entry number of the id in it (an entry per id, in order)."""
        self._mask = capacity - 1
        self._keys = array("I")
        """Per entry, the low 32 bits of its id's digest: where its probe starts (the table is rebuilt from these
        when it grows, and is never so large that a slot needs more bits) and a quick test before the bytes."""
        self._rows = array("i")
        """Per entry, the row where its id first came."""
        self._ends = array("I")
        """Per entry, where its id's bytes end in `_ids` (they start where the previous entry's end)."""
        self._ids = bytearray()
        self._tags = array("q")
        """Per entry, the tag given with its id's first row (0 when none was)."""
        self._figures = array("I")
        """Per entry, the digest of its id's first row's figures (0 when none was given)."""

    def first_row(self, site_id: str, row: int, tag: int = 0, figures: int = 0) -> int | None:
        """The row where `site_id` first came, or None (and `row`, `tag` and `figures` are remembered for it)."""
        data = site_id.encode()
        key = _digest(data) & _LOW32
        slot, taken = self._probe(data, key)
        if taken:
            return self._rows[taken - 1]
        self._ids += data
        self._keys.append(key)
        self._rows.append(row)
        self._ends.append(len(self._ids))
        self._tags.append(tag)
        self._figures.append(figures & 0xFFFFFFFF)
        count = len(self._keys)
        self._slots[slot] = count
        if count * 2 > self._mask:
            self._grow()
        return None

    def first_rows(
        self,
        ids: list[str],
        rows: list[int],
        skip: dict[int, str],
        tags: list[int] | None = None,
        figures: list[int] | None = None,
    ) -> dict[int, int]:
        """`first_row` for each of a block's rows in order (with its tag in `tags`, its figures' digest in `figures`),
        but those without an id or in `skip`: the indexes of the rows whose id came before, with the row where it
        first came."""
        earlier: dict[int, int] = {}
        for index, site_id in enumerate(ids):
            if site_id and index not in skip:
                tag, marks = tags[index] if tags else 0, figures[index] if figures else 0
                found = self.first_row(site_id, rows[index], tag, marks)  # a native call when compiled
                if found is not None:
                    earlier[index] = found
        return earlier

    def tag(self, site_id: str) -> int:
        """The tag given with the row where `site_id` first came (0 when none was, or it has not come)."""
        return self.marks(site_id)[0]

    def marks(self, site_id: str) -> tuple[int, int]:
        """The tag and the figures' digest given with the row where `site_id` first came (0s when it has not)."""
        data = site_id.encode()
        taken = self._probe(data, _digest(data) & _LOW32)[1]
        return (self._tags[taken - 1], self._figures[taken - 1]) if taken else (0, 0)

    def __contains__(self, site_id: object) -> bool:
        if not isinstance(site_id, str):
            return False
        data = site_id.encode()
        return self._probe(data, _digest(data) & _LOW32)[1] != 0

    def _probe(self, data: bytes, key: int) -> tuple[int, int]:
        """The slot holding the id `data` (whose digest's low 32 bits are `key`) and 1 + its entry number, or the
        empty slot where it would go and 0."""
        slots, keys, mask = self._slots, self._keys, self._mask
        slot = key & mask
        taken = slots[slot]
        while taken and not (keys[taken - 1] == key and self._id_bytes(taken - 1) == data):
            slot = (slot + 1) & mask
            taken = slots[slot]
        return slot, taken

    def _id_bytes(self, entry: int) -> bytes:
        start = self._ends[entry - 1] if entry else 0
        return bytes(self._ids[start : self._ends[entry]])

    def _grow(self) -> None:
        """Twice the slots, each entry put back by its digest (the entries, not the old slots, are walked)."""
        self._mask = self._mask * 2 + 1
        self._slots = _slots_for(self._keys, self._mask)

    def __len__(self) -> int:
        return len(self._keys)


class SeenVillages:
    """Which villages (a 12-digit code with a name) a batch has already seen, and at which row, in 20 bytes a village
    and two or more 4-byte slots: the code kept as the number it is, the name as its 8-byte BLAKE2b digest (no name
    bytes are kept). Two rows with one code and two names are two villages unless the names' digests collide, once in
    2^64 pairs of names of one code (and such a pair is already a mistyped code or name)."""

    def __init__(self, capacity: int = 1 << 12) -> None:
        self._slots = array("i", bytes(4 * capacity))
        """Per slot: 0 when empty, else 1 + the entry number of the village in it."""
        self._mask = capacity - 1
        self._entries = array("q")
        """Per entry, two numbers: the village's code and its name's digest."""
        self._rows = array("i")
        """Per entry, the row where the village first came."""

    def first_row(self, code: int, name: str, row: int) -> int | None:
        """The row where the village `code` named `name` first came, or None (and `row` is remembered for it)."""
        named = _digest(name.encode())
        entries, slots, mask = self._entries, self._slots, self._mask
        slot = _place(code, named) & mask
        taken = slots[slot]
        while taken:
            if entries[2 * taken - 2] == code and entries[2 * taken - 1] == named:
                return self._rows[taken - 1]
            slot = (slot + 1) & mask
            taken = slots[slot]
        entries.extend((code, named))
        self._rows.append(row)
        count = len(self._rows)
        slots[slot] = count
        if count * 2 > mask:
            self._grow()
        return None

    def _grow(self) -> None:
        """Twice the slots, each village put back where its probe starts."""
        self._mask = self._mask * 2 + 1
        entries = self._entries
        self._slots = _slots_for((_place(entries[at], entries[at + 1]) for at in range(0, len(entries), 2)), self._mask)

    def __len__(self) -> int:
        return len(self._rows)


def _slots_for(starts: Iterable[int], mask: int) -> array[int]:
    """Open-addressing slots (`mask` + 1 of them) for entries whose probes start at `starts`, in entry order: each
    slot 0 when empty, else 1 + the entry number in it."""
    slots = array("i", bytes(4 * (mask + 1)))
    for entry, start in enumerate(starts):
        slot = start & mask
        while slots[slot]:
            slot = (slot + 1) & mask
        slots[slot] = entry + 1
    return slots


def _place(code: int, named: int) -> int:
    """Where a village's probe starts: its name's digest (evenly spread) told apart by its code."""
    return named ^ code
