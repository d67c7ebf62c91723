"""What in a site id column is no id: a placeholder written for none (—, /, N/A, 无) or an Excel error value (#N/A).

Such a row is a site whose id could not be given: rejected naming why, each on its own (never a repeat of an earlier
one), and counted in its district's figures as a member missing its facts. Ids are folded as `site_key` folds them
(full-width forms, case), so ＃N/Ａ is #N/A and a placeholder is one however it was typed.
"""

from __future__ import annotations

import unicodedata

from compliance.load.values import BLANK_MARKERS

PLACEHOLDERS = frozenset({"", "—", "——", "-", "--", "–", "/", "／", "\\", "0", "无", "空"})
"""What a subtotal row puts in the id and name cells, and a village without an id or name does not."""
_NONE = frozenset(BLANK_MARKERS | PLACEHOLDERS | {"none", "nil", "#n/a"})
"""Placeholders and blank markers (N/A, NA, null, 无数据 …), folded: what is written in a cell for none."""
EXCEL_ERRORS = frozenset(
    {
        *("#N/A", "#REF!", "#VALUE!", "#NAME?", "#DIV/0!", "#NUM!", "#NULL!", "#SPILL!", "#CALC!"),
        *("#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!", "#GETTING_DATA"),
    }
)
"""What Excel shows in a cell whose formula failed (a VLOOKUP of a name the code list spells otherwise gives #N/A):
no id, so a row so "identified" is rejected and counts as a member missing its facts, as a blank id does."""
_LONGEST = max(map(len, EXCEL_ERRORS | _NONE))


def _starts(words: frozenset[str]) -> frozenset[str]:
    """The characters such a word may start with as typed: either case, half- or full-width (Ｎ, ＃)."""
    firsts = {c for word in words if word for c in (word[0], word[0].upper())}
    return frozenset(firsts | {chr(ord(c) + 0xFEE0) for c in firsts if "!" <= c <= "~"})


_FIRSTS = _starts(_NONE | EXCEL_ERRORS)
"""A quick look before folding: an id or name that starts otherwise (JA-V-0001, 岭头村) is no placeholder."""


def _folded(text: str) -> str:
    text = text.strip()
    return text if text.isascii() else unicodedata.normalize("NFKC", text).strip()


def written_for_none(text: str) -> bool:
    """Whether a cell holds a placeholder (—, /, 0, 无) or a blank marker (N/A, ｎ／ａ, 无数据): nothing given."""
    text = text.strip()
    if text in PLACEHOLDERS:
        return True
    return text[:1] in _FIRSTS and len(text) <= _LONGEST and _folded(text).lower() in _NONE


def excel_error(text: str) -> bool:
    """Whether a cell holds an Excel error value (#N/A, ＃N/Ａ typed in an IME's full-width mode, #REF! …)."""
    text = text.strip()
    return text[:1] in "#＃" and len(text) <= _LONGEST and _folded(text).upper() in EXCEL_ERRORS


def no_site(text: str) -> bool:
    """Whether an id or name cell names nothing: a placeholder, a blank marker or an Excel error value."""
    return written_for_none(text) or excel_error(text)


def no_id(site_id: str) -> str:
    """Why `site_id` is no id (a placeholder, a blank marker, an Excel error value), or '' for an id."""
    if excel_error(site_id):  # before the placeholders: #N/A is a failed formula, not a blank written
        return (
            f"site id {site_id.strip()!r} is not an id: an Excel error value (the formula failed); write the site's"
            f" code / 站点编号“{site_id.strip()}”不是编号：是 Excel 的错误值（公式计算失败），请填写站点编号"
        )
    if site_id.strip() in PLACEHOLDERS:
        return "the site id is blank"
    if written_for_none(site_id):
        return (
            f"the site id is blank: {site_id.strip()!r} is written for none; write the site's code / 站点编号"
            f"“{site_id.strip()}”表示无编号，请填写站点编号"
        )
    return ""
