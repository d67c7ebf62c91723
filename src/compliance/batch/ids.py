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
    if not positions:  # nothing names the site: the sheet alone
        return [sheet] * len(rows)
    columns = [_column(rows, position) for position in positions]
    return [(digest & _DIGEST) << 16 | sheet for digest in map(hash, zip(*columns, strict=True))]


MEMBER = "counts as a member missing its figures"
"""Said of a row under an id used before that is rejected but counts in its district's figures as missing: another
site under the id, or the same site given other figures (a plain repeat says it not, and is no member)."""


def figure_tags(rows: list[list[str]], positions: list[int]) -> list[int]:
    """Per row, a digest of its figures (the cells of the metric columns at `positions`, spaces aside): two rows of
    one site whose digests differ disagree on its figures."""
    columns = [_column(rows, position) for position in positions]
    return [digest & 0xFFFFFFFF for digest in map(hash, zip(*columns, strict=True))] if columns else [0] * len(rows)


def _where(first: int, sheet: str) -> tuple[str, str]:
    """Row `first` (of `sheet`, in a run of several sheets), in English and Chinese."""
    if sheet:
        return f"row {first} of sheet {sheet}", f"工作表“{sheet}”第 {first} 行"
    return f"row {first}", f"第 {first} 行"


def another_site(site_id: str, first: int, earlier_sheet: str, named: bool = True) -> str:
    """Why a row whose id an earlier row gave, but whose name, code or place differ (or that is on another sheet,
    when no column naming the site is read: `named` False), is rejected: it is another site under an id used twice,
    so it counts as a member missing its figures (never dropped from them)."""
    where, zh = _where(first, earlier_sheet)
    differ = (
        "whose name, code or place differ" if named else "on another sheet, and no name, village code or 乡镇 is read"
    )
    differ_zh = (
        "但两行的名称、区划代码或所在地不同" if named else "但两行在不同的工作表，且未读到名称、区划代码或乡镇列"
    )
    return (
        f"site id {site_id!r} is already used by {where}, {differ}: this row is another"
        " site, not a repeat (the 编号 looks like a serial that starts again in each township or sheet); give each"
        " site an id of its own (its 12-digit 行政区划代码, or the township before the serial: 宦溪镇-1). Until then it"
        f" {MEMBER} in its district's figures / 编号“{site_id}”已由{zh}使用，{differ_zh}：本行是另一个站点而非重复"
        "（编号似乎按乡镇或工作表重新从1编起）；请给每个站点唯一的编号"
        "（如12位行政区划代码，或在序号前加乡镇名：宦溪镇-1），在此之前本行在所在区的区级指标中按缺少数据计"
    )


def figures_differ(site_id: str, first: int, earlier_sheet: str, row: int) -> str:
    """Why a row giving again an earlier row's site (same id, name, code and place) with other figures is rejected:
    the two rows disagree, so the site's figures are not known and it counts as a member missing its figures."""
    where, zh = _where(first, earlier_sheet)
    return (
        f"site id {site_id!r} is already used by {where}, for the same site with other figures: rows {first} and"
        f" {row} disagree on its figures (a sheet's hidden rows are read like the others), so this row is not used"
        f" and the site {MEMBER} in its district's figures; delete the row that is wrong / 编号“{site_id}”已由{zh}"
        f"使用，两行是同一站点但数值不同：第 {first} 行与第 {row} 行互相矛盾（工作表中隐藏的行也照常读取），"
        "本行不采用，该站点在所在区的区级指标中按缺少数据计；请删去错误的一行"
    )


def repeat_reasons(
    seen: SeenIds,
    ids: tuple[list[str], list[str]],
    marks: tuple[list[int], list[int], list[int]],
    first_seen: dict[int, int],
    sheets: tuple[list[str], bool],
) -> dict[int, str]:
    """Why each row of a block that repeats an earlier row's id is rejected, by index, where it is more than a plain
    repeat: another site (`another_site`: its naming tag differs, or it is on another sheet and no naming column is
    read), the same site with other figures (`figures_differ`), or a repeat of a row on another sheet (named).
    `ids`: the ids as written and as kept (folded); `marks`: per row its tag (`site_tags`), figures' digest
    (`figure_tags`) and row number; `sheets`: the names of the run's sheets by number (one empty name when the run
    reads one table), and whether a column naming the site (name, code, 乡镇) is read."""
    (written, keys), (tags, figures, numbers), (names, named) = ids, marks, sheets
    reasons: dict[int, str] = {}
    for index, first in first_seen.items():
        earlier, earlier_figures = seen.marks(keys[index])
        sheet = names[min(earlier & 0xFFFF, len(names) - 1)]
        if earlier >> 16 != tags[index] >> 16 or (not named and earlier & 0xFFFF != tags[index] & 0xFFFF):
            reasons[index] = another_site(written[index], first, sheet, named)
        elif earlier_figures != figures[index]:
            reasons[index] = figures_differ(written[index], first, sheet, numbers[index])
        elif sheet:
            reasons[index] = (
                f"site id {written[index]!r} is already used by row {first} of sheet {sheet}"
                f" / 编号“{written[index]}”已由工作表“{sheet}”第 {first} 行使用"
            )
    return reasons


def repeated(site_id: str, first_seen: int | str) -> tuple[str, bool]:
    """Why a row repeating an id is rejected, and whether it counts as a member missing its figures: `first_seen` is
    the row that gave the id, or why the row is rejected (`repeat_reasons`)."""
    if isinstance(first_seen, str):
        return first_seen, MEMBER in first_seen
    return f"site id {site_id!r} is already used by row {first_seen}", False
