"""Whether a site's name resembles a place the plans name: the same core name under another ending (福兴工业园 and
福兴经济开发区), a slip of a character (汀西 for 汀溪), or for a name in Latin letters only a word of the place's
English name that tells it apart (Fuxing)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from compliance.model.gazetteer import Place
from compliance.model.names import within_edits

_GENERIC = (
    "国家级风景名胜区",
    "风景名胜区",
    "天然阔叶林自然保护区",
    "天然阔叶林保护区",
    "水源涵养林保护区",
    "国家级自然保护区",
    "自然保护区",
    "保护区",
    "国家森林公园",
    "森林公园",
    "循环经济产业园",
    "经济开发区",
    "开发区",
    "产业园",
    "工业园区",
    "工业园",
    "园区",
    "综合处理场",
    "水利枢纽工程",
    "生态茶园",
    "茶园",
    "景区",
    "水库",
    "片区",
    "海域",
    "区",
)
"""Endings that say what kind of place a name is, not which: 福兴经济开发区 and 福兴工业园 share 福兴, 春伦生态茶园 and
春伦茉莉花茶园 share 春伦."""


def _core(normal: str) -> str:
    """The name without the ending saying what kind of place it is (福兴 of 福兴经济开发区)."""
    for ending in _GENERIC:
        if normal.endswith(ending) and len(normal) > len(ending):
            return normal[: -len(ending)]
    return normal


_WORD = re.compile("[a-z]+")
_GENERIC_WORDS = (
    "the of and a new start up eco ecological economic economy development zone circular industrial park"
    " area scenic national forest nature natural reserve species rare marine reservoir lake river rivers"
    " sea bay island western district town township county city project water control flash flood"
    " replenishment integrated waste treatment site reach gorge waterfall tea garden broadleaf"
    " conservation temple international airport fuzhou xiamen jin an jinan"
)
_GENERIC_EN = frozenset(_GENERIC_WORDS.split())
"""Words of places' English names that say what kind of place it is, or where, not which."""


def latin_resembles(names: list[str], place: Place) -> bool:
    """A Latin-letter name sharing a word of the place's English name that tells it apart (fuxing in `Fuxing
    EDZ`, also run together as in `fuxingjingkaiqu`); with no such word, the whole English name."""
    english = unicodedata.normalize("NFKC", place.name_en).lower()
    own = [word for word in _WORD.findall(english) if word not in _GENERIC_EN] or ["".join(_WORD.findall(english))]
    for name in names:
        text = unicodedata.normalize("NFKC", name).lower()
        joined = "".join(_WORD.findall(text))
        if any(word and word in joined for word in own):
            return True
    return False


def same_ending(normals: list[str], keys: set[str]) -> bool:
    """Whether one of a site's names (`normal_name`) ends in the word saying what kind of place it is (海域, 水库,
    森林公园; not a bare 区) that one of the place's names `keys` ends in."""
    endings = {_ending(normal) for normal in normals} - {""}
    return bool(endings & {_ending(key) for key in keys})


def _ending(normal: str) -> str:
    ending = next((e for e in _GENERIC if normal.endswith(e) and len(normal) > len(e)), "")
    return "" if ending == "区" else ending


def resembles(normals: list[str], keys: set[str]) -> bool:
    """Whether one of a site's names (`normal_name`) resembles one of the place's `keys`: the place's name inside
    the site's (西海域某片), a shared core name (福兴 in 福兴工业园), or a slip of a character: one in any name of
    two or more (汀西 for 汀溪, 筼当湖 for 筼筜湖), one in four in a longer one."""
    return any(_close(normal, key) for normal in normals for key in keys)


@lru_cache(maxsize=1 << 14)
def _close(normal: str, key: str) -> bool:
    """`resembles` for one name and one key; kept, as every site is read against the places of every kind."""
    own, key_core = _core(normal), _core(key)
    if key in normal or (len(key_core) >= 2 and key_core in normal) or (len(own) >= 2 and own in key):
        return True
    longest = max(len(normal), len(key))
    return min(len(normal), len(key)) >= 2 and within_edits(normal, key, max(1, longest // 4))
