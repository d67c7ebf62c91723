"""A row that names a site of its own is a site, whatever its figures add up to.

A totals row is told by its words (合计, 小计, 平均, a township's own name: `batch.totals.TotalsWords`) or, when it
has none, by figures that are the sums or means of the rows above (`batch.totals.SumsWatch`). The figures alone do not
tell a real village from a row of sums: county forms write whole-number rates and counts, and half a unit of slack
makes a village at 74% "the mean" of 90% and 58% by chance (541 of 300,000 generated villages were). So a row that
names a site — a name that is no placeholder and no totals word, with an id of its own, a 12-digit village code or a
name ending as a village's does (岭头村, 东山社区) — is read as a site; the batch warns that its figures equal those of
the rows above, so a real totals row left unlabelled can be labelled 合计. A row with no name (an id or serial alone,
or 合计 merged away) is still told by its figures.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from compliance.batch.ids import no_site
from compliance.batch.totals import MAYBE_MEMBER
from compliance.batch.villagerepeats import village_code

VILLAGE_ENDS = ("村", "社区", "居委会", "村委会")
"""How a village's or community's name ends (岭头村, 东山社区)."""


def site_namer(id_at: int, name_at: int, code_at: int) -> Callable[[list[str]], bool] | None:
    """Whether a row (its cells) names a site of its own, by the cells at these positions (-1: no such column);
    None when the table has no name column (a row is then told by its figures, as before)."""
    if name_at < 0:
        return None

    def names_site(cells: list[str]) -> bool:
        width = len(cells)
        name = cells[name_at].strip() if name_at < width else ""
        if not name or no_site(name):
            return False
        site_id = cells[id_at].strip() if 0 <= id_at < width else ""
        code = cells[code_at] if 0 <= code_at < width else ""
        return not no_site(site_id) or bool(village_code(code)) or "".join(name.split()).endswith(VILLAGE_ENDS)

    return names_site


SPARED = (
    "各数值等于以上各行之和或平均、但写有自己的名称和编号（或村代码）的行按站点读取；其中若有合计行，请在名称中写“合计”或“小计”"
    " / rows whose figures equal the sums or means of the rows above but that name a site of their own (a name with an"
    " id or village code) are read as sites; if one is a totals row, write 合计 or 小计 in its name"
)
"""The warning for such rows, one text for all, counted by rows: whole-number rates match by chance often (hundreds
in 300,000 villages), and a warning a row would crowd out the others summary.json lists."""


def spared_warnings(spared: list[tuple[int, str]]) -> list[str]:
    """The warnings for a chunk's rows (by index, with 'sum' or 'mean') read as sites though their figures equal
    those of the rows above: one a row, all the same text (`SPARED`)."""
    return [SPARED] * len(spared)


_AMONG = re.compile(r"^其中[:：,，、]?(?P<rest>.+)$")
"""其中：岭头村: "among them" before a name, as a form lists a village under the row it belongs to."""


def among_villages(
    refused: dict[int, str], rows: list[list[str]], positions: tuple[int, int, int], kind: str
) -> dict[int, str]:
    """The rows refused as totals rows for a leading 其中 (`batch.totals`) whose name goes on to a village's
    (其中：岭头村) and that have an id or a 12-digit village code of their own, by index, with why each is rejected
    instead: the village itself or a subtotal of such villages, so it counts as a village missing its figures (never
    dropped, never assessed under a name it may not be). `positions`: the id, name and code columns; `kind`: the
    batch's kind."""
    id_at, name_at, code_at = positions
    if name_at < 0 or kind not in ("village", "community"):
        return {}
    found: dict[int, str] = {}
    for index, why in refused.items():
        cells = rows[index]
        if "(其中 in " not in why or name_at >= len(cells):
            continue
        name = "".join(cells[name_at].split())
        among = _AMONG.match(name)
        site_id = cells[id_at].strip() if 0 <= id_at < len(cells) else ""
        code = cells[code_at] if 0 <= code_at < len(cells) else ""
        if among is None or not among["rest"].endswith(VILLAGE_ENDS) or (no_site(site_id) and not village_code(code)):
            continue
        rest = among["rest"]
        found[index] = (
            f"named {name!r}: the village {rest} itself or a subtotal, so it counts as a {kind} {MAYBE_MEMBER}; if it"
            f" is {rest}, write its name without 其中 / “{name}”可能是{rest}本身，也可能是小计行，按缺少数据的"
            f"{'社区' if kind == 'community' else '行政村'}计；如是该村，请去掉“其中”只写村名"
        )
    return found
