"""Which site ids a batch has already seen, and at which row, in 16 bytes an id however many there are.

A dict of a million ids costs over 100 MB; this open-addressing table of 64-bit id hashes and row
numbers costs 32 MB. Two different ids with the same 64-bit hash would be taken for one: at a million
ids the chance is about one in forty million.
"""

from __future__ import annotations

from array import array


class SeenIds:
    def __init__(self, capacity: int = 1 << 12) -> None:
        self._keys = array("q", bytes(8 * capacity))
        self._rows = array("q", bytes(8 * capacity))
        self._mask = capacity - 1
        self._count = 0

    def first_row(self, site_id: str, row: int) -> int | None:
        """The row where `site_id` first came, or None (and `row` is remembered for it)."""
        key = hash(site_id) or 1  # a non-zero 64-bit key; Python's string hash (one process reads the input)
        keys = self._keys
        mask = self._mask
        slot = key & mask
        found = keys[slot]
        while found:
            if found == key:
                return self._rows[slot]
            slot = (slot + 1) & mask
            found = keys[slot]
        keys[slot] = key
        self._rows[slot] = row
        self._count += 1
        if self._count * 2 > mask:
            self._grow()
        return None

    def _grow(self) -> None:
        old_keys, old_rows = self._keys, self._rows
        capacity = (self._mask + 1) * 2
        self._keys = array("q", bytes(8 * capacity))
        self._rows = array("q", bytes(8 * capacity))
        self._mask = capacity - 1
        keys, rows, mask = self._keys, self._rows, self._mask
        for key, row in zip(old_keys, old_rows, strict=True):
            if key:
                slot = key & mask
                while keys[slot]:
                    slot = (slot + 1) & mask
                keys[slot] = key
                rows[slot] = row

    def __len__(self) -> int:
        return self._count
