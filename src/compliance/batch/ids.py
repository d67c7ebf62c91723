"""What in a site id column is no id: a placeholder written for none (—, /, N/A, 无) or an Excel error value (#N/A).

Such a row is a site whose id could not be given: rejected naming why, each on its own (never a repeat of an earlier
one), and counted in its district's figures as a member missing its facts. Ids are folded as `site_key` folds them
(full-width forms, case), so ＃N/Ａ is #N/A and a placeholder is one however it was typed.
"""

from __future__ import annotations

import re
import unicodedata

from compliance.batch.seen import SeenIds
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


_DIGEST = (1 << 47) - 1
"""A tag is a digest of what names a row's site (47 bits) shifted past the row's sheet number (16 bits)."""
_SPACE = re.compile(r"\s")


def _column(rows: list[list[str]], position: int) -> list[str]:
    """Each row's cell at `position`, without spaces when any cell of the column has some (宦 溪 镇)."""
    cells = [row[position] if position < len(row) else "" for row in rows]
    if _SPACE.search("\x1f".join(cells)) is not None:  # one search a block: most columns have none
        return ["".join(cell.split()) for cell in cells]
    return cells


def site_tags(rows: list[list[str]], positions: list[int], sheet: int) -> list[int]:
    """Per row, the tag the seen-ids table keeps with an id's first row: a digest of the cells that name the
    row's site (name, village code, 乡镇 at `positions`, spaces aside) and the number of its sheet. Two rows with
    one id and different tags are two sites (编号 1, 2, 3 … again in each township), not a repeat."""
    sheet = min(sheet, 0xFFFF)
    columns = [_column(rows, position) for position in positions]
    return [(digest & _DIGEST) << 16 | sheet for digest in map(hash, zip(*columns, strict=True))]


def another_site(site_id: str, first: int, earlier_sheet: str) -> str:
    """Why a row whose id an earlier row gave, but whose name, code or place differ, is rejected: it is another
    site under an id used twice, so it counts as a member missing its figures (never dropped from them)."""
    where = f"row {first} of sheet {earlier_sheet}" if earlier_sheet else f"row {first}"
    zh = f"工作表“{earlier_sheet}”第 {first} 行" if earlier_sheet else f"第 {first} 行"
    return (
        f"site id {site_id!r} is already used by {where}, whose name, code or place differ: this row is another"
        " site, not a repeat (the 编号 looks like a serial that starts again in each township or sheet); give each"
        " site an id of its own (its 12-digit 行政区划代码, or the township before the serial: 宦溪镇-1). Until then it"
        f" counts as a member missing its figures in its district's figures / 编号“{site_id}”已由{zh}使用，但两行的"
        "名称、区划代码或所在地不同：本行是另一个站点而非重复（编号似乎按乡镇或工作表重新从1编起）；请给每个站点唯一的编号"
        "（如12位行政区划代码，或在序号前加乡镇名：宦溪镇-1），在此之前本行在所在区的区级指标中按缺少数据计"
    )


def other_sites(
    seen: SeenIds, ids: tuple[list[str], list[str]], tags: list[int], first_seen: dict[int, int], sheets: list[str]
) -> dict[int, str]:
    """The rows of a block that repeat an earlier row's id but name another site (their tags differ), by index:
    why each is rejected (`another_site`). `ids`: the ids as written and as kept (folded); `sheets`: the names of
    the run's sheets by number (one empty name when the run reads one table)."""
    written, keys = ids
    others: dict[int, str] = {}
    for index, first in first_seen.items():
        earlier = seen.tag(keys[index])
        if earlier >> 16 != tags[index] >> 16:
            others[index] = another_site(written[index], first, sheets[min(earlier & 0xFFFF, len(sheets) - 1)])
    return others


def repeated(site_id: str, first_seen: int | str) -> str:
    """Why a row repeating an id is rejected: `first_seen` is the row that gave it, or why the row is another site."""
    return first_seen if isinstance(first_seen, str) else f"site id {site_id!r} is already used by row {first_seen}"
