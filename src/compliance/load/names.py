"""Place names compared the way people write them."""

from __future__ import annotations

import re
import unicodedata

_PREFIXES = ("福建省", "福州市", "厦门市", "晋安区", "思明区", "湖里区", "集美区", "海沧区", "同安区", "翔安区")
"""Leading province, city and district names people add to a place's name (福州市福兴经济开发区)."""

_SPACE = re.compile(r"[\s\u200b\u3000]+")


def normal_name(name: str) -> str:
    """The name with full-width forms folded, spaces removed and leading 省/市/区 names dropped.

    `福州市 福兴经济开发区 `, `福兴经济开发区` and `ＦＵＸＩＮＧ` compare as people mean them; a name that
    is only a district (`集美区`) keeps it.
    """
    text = _SPACE.sub("", unicodedata.normalize("NFKC", name)).lower()
    stripped = True
    while stripped:
        stripped = False
        for prefix in _PREFIXES:
            if text.startswith(prefix) and len(text) > len(prefix):
                text = text[len(prefix) :]
                stripped = True
    return text


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance, for names one slip apart."""
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b)))
        previous = current
    return previous[-1]
