"""Rows that say themselves what site they are, so that a name after a place does not make them a totals row.

A batch of smaller sites refuses a row named after a township or district (寿山乡政府 among villages) as that
area's own row (`batch.totals`). A batch of organizations holds the townships' and districts' own governments
(岳峰镇人民政府, 茶园街道办事处, 晋安区人民政府), the very 党政机关 of （三十五）: a row whose kind word states a
fact of itself (类型 党政机关: 属党政机关 是, `SiteKind.states`), or whose column of that fact says 是, is such a
site, not a totals row, and is assessed and counted.
"""

from __future__ import annotations

from compliance.batch.columns import Columns
from compliance.load.values import ValueProblem, read_value
from compliance.model.metric import Catalogue, MetricType, kind_key


class StatedSite:
    """Whether a row's cells state it is a site of the batch's kind by a fact its kind words state (see the module)."""

    def __init__(self, catalogue: Catalogue, kind_word: str, columns: Columns | None) -> None:
        """`kind_word`: --kind as written (党政机关 makes every row one); `columns`: the table's."""
        kind = catalogue.find_kind(kind_word) if kind_word else None
        saying = {
            word: facts
            for word, facts in (kind.states.items() if kind else ())
            if any(value is True for value in facts.values())
        }
        self.words = frozenset(kind_key(word) for word in saying)
        self.every = kind_key(kind_word) in self.words
        facts = {metric for said in saying.values() for metric, value in said.items() if value is True}
        site = columns.site if columns is not None else {}
        self.kind_at = site.get("kind", -1)
        metrics = columns.metrics if columns is not None else []
        self.columns = [
            (at, metric) for at, metric in metrics if metric.id in facts and metric.type == MetricType.BOOLEAN
        ]

    def __bool__(self) -> bool:
        return bool(self.words)

    def __call__(self, cells: list[str]) -> bool:
        """Whether the row's kind cell is a word stating such a fact, or its column of the fact says 是."""
        if self.every:
            return True
        width = len(cells)
        if 0 <= self.kind_at < width and kind_key(cells[self.kind_at]) in self.words:
            return True
        for at, metric in self.columns:
            if at < width and cells[at].strip():
                try:
                    if read_value(cells[at], metric) is True:
                        return True
                except ValueProblem:
                    continue
        return False
