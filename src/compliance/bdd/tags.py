"""Tags as people write them: `--tag @JA-17-6` copied from the file's tag line, and a tag shaped like a requirement
id that names none (`@JA-14-07` for JA-14-7), which would pin down nothing and count for nothing in coverage."""

from __future__ import annotations

import re
from collections.abc import Iterable

from compliance.bdd.library import closest
from compliance.model.plan import RulePack

REQUIREMENT_SHAPED = re.compile(r"[A-Za-z]+-[0-9A-Za-z]+-[0-9A-Za-z]+")
"""What a requirement id looks like (JA-14-7, XM-0-10), as the steps read one."""
_TAG = re.compile(r"[\w:+\-.\[\]\\/]+")
"""A tag pytest's `-m` reads as one name."""


def chosen_tag(written: str) -> str | None:
    """The tag `--tag` names, without the leading `@` the file's tag line has; None when it is no single tag
    (`JA-17-6,JA-25-15`, two tags in one)."""
    name = written.strip().removeprefix("@")
    return name if _TAG.fullmatch(name) else None


def stray_tags(tags: Iterable[str], pack: RulePack, lang: str) -> list[str]:
    """A notice for each tag shaped like a requirement id that is none, with the closest ids."""
    known = [r.id for r in pack.requirements]
    notices: list[str] = []
    for tag in sorted({t.removeprefix("@") for t in tags}):
        if REQUIREMENT_SHAPED.fullmatch(tag) and tag not in known:
            near = closest(tag, known)
            notices.append(
                f"提醒：标签 @{tag} 不是任何要求的编号，不算作哪项要求的场景；最接近的：{'、'.join(near)}"
                if lang == "zh"
                else f"notice: the tag @{tag} is no requirement's id, so it pins down none; closest: {', '.join(near)}"
            )
    return notices
