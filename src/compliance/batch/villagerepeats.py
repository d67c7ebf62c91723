"""The same village given twice under two ids: one 12-digit village code (统计用区划代码) is one village.

A clerk's table numbered 1, 2, 3 … (编号 as the id) may list 岭头村 350111103201 twice: its ids differ, but the
village is one, and counting it twice lifts a district's share. In a batch of villages the main process keeps, in the
seen-ids table's table of villages (`batch.seen.SeenVillages`), each row's village code and name; a later row with
the same code and the same name is rejected like a repeated id, naming the earlier row. Two rows with one code and two
names are left to be read (one of the codes is mistyped, which the rows' other checks may tell). Rows without a village
code are never rejected on names alone (名字 repeat across townships), but a name given twice in one 乡镇 of one 所在区
is warned about.
"""

from __future__ import annotations

import unicodedata

from compliance.batch.seen import SeenIds
from compliance.batch.totals import cells_at

NAME_KEY = "\x1c"
"""Prefix of the keys kept for names within a township: no site id holds it (a cell's control characters are not an
id's)."""


def village_code(text: str) -> str:
    """The 12-digit code of a 村 or 社区 in `text` (full-width digits read), or ''; a township's or district's own
    code (ending 000) is none."""
    code = text.strip()
    if not code.isascii():
        code = unicodedata.normalize("NFKC", code)
    if len(code) != 12 or not code.isdigit() or not code.isascii() or code.endswith("000") or code[6:9] == "000":
        return ""
    return code


def _name(text: str) -> str:
    return "".join(text.split())


def repeats(
    seen: SeenIds, rows: list[list[str]], numbers: list[int], positions: tuple[int, int, int, int], skip: set[int]
) -> tuple[dict[int, str], list[str]]:
    """The block's rows that give again a village an earlier row gave (by index: the reason), and warnings for
    names given twice in one township without codes. `positions`: the columns of the code, name, district and
    township (-1 when there is none); rows in `skip` (already refused or repeating an id) are passed over."""
    code_at, name_at, district_at, township_at = positions
    names = cells_at(rows, name_at)
    codes = [village_code(text) for text in cells_at(rows, code_at)] if code_at >= 0 else [""] * len(rows)
    refused: dict[int, str] = {}
    villages = seen.villages
    for index, code in enumerate(codes):
        if code and index not in skip:
            name = _name(names[index])
            first = villages.first_row(int(code), name, numbers[index])
            if first is not None:
                refused[index] = (
                    f"village {code} {name} already given by row {first}: one village code is one village"
                    f" / 行政村 {code} {name} 已由第 {first} 行给出：一个区划代码只是一个村"
                )
    warnings: list[str] = []
    if township_at < 0 or name_at < 0:
        return refused, warnings
    districts, townships = cells_at(rows, district_at), cells_at(rows, township_at)
    places: list[str] = []
    for i, name in enumerate(names):
        name, township = _name(name), _name(townships[i]) if not codes[i] and i not in skip else ""
        places.append(f"{NAME_KEY}{_name(districts[i])}\x00{township}\x00{name}" if name and township else "")
    for index, first in seen.first_rows(places, numbers, {}).items():
        name, township = _name(names[index]), _name(townships[index])
        warnings.append(
            f"第 {numbers[index]} 行与第 {first} 行同为{township}的“{name}”且都没有区划代码：若是同一个村，请删去一行"
            f"（否则会被计两次），并填写行政区划代码 / rows {first} and {numbers[index]} both name {name} of"
            f" {township} and give no village code: if they are one village, delete one (it is counted twice) and"
            " fill in 行政区划代码"
        )
    return refused, warnings
