"""A scenario whose site the facts file would be refused for (its name or kind word against a fact it gives, or
facts that cannot hold together: `model.namewords`): `当 评估` keeps the refusal, the step
`那么 数据被拒收，原因包含“…”` checks it, and every other Then step fails saying it, as `check` refuses the file."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from compliance.bdd.world import World


class Refusal:
    """What a World keeps of a refusal; `refused`, the message (en / zh), '' where none."""

    refused: str = ""

    def refuses(self, contradicted: list[str]) -> bool:
        """Keep the first of `contradicted`, if any: the site is refused, and is not assessed."""
        if contradicted:
            self.refused = contradicted[0]
        return bool(contradicted)

    def unprepared(self) -> tuple[str, str]:
        """Why no Then step can read a finding (zh, en): the refusal, or no 当 评估 yet."""
        if self.refused:
            return f"该场所的数据被拒收：{self.refused}", f"the site's facts are refused: {self.refused}"
        zh = "还没有评估：请在检查结果之前写“当 评估”"
        return zh, 'not assessed yet: add "When it is assessed" before the checks'


def check_refused(world: World, phrase: str) -> None:
    """The site's facts were refused, the message containing `phrase`."""
    if not world.refused:
        if world.prepared is None:
            world.fail(*world.unprepared())
        world.fail(
            f"该场所的数据没有被拒收（应有“{phrase}”）：已照常评估",
            f"the site's facts were not refused (expected {phrase!r}): it was assessed",
        )
    if phrase not in world.refused:
        world.fail(
            f"拒收原因不含“{phrase}”：{world.refused}",
            f"the refusal does not contain {phrase!r}: {world.refused}",
        )
