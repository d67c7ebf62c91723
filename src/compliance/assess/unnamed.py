"""A site with no usable name: a placeholder (—, 不详, N/A), a bare number or code (350111), or its own id written
where its name goes. Such a site is never read as "none of the places the plans name": which place it is, is unknown.
"""

from __future__ import annotations

import re
import unicodedata

from compliance.model.facts import Site

_NO_NAME = frozenset(
    {
        *("", "-", "--", "—", "——", "–", "/", "\\", "0", "无", "空", "?", "？", "不详", "未知", "缺", "缺失", "暂无"),
        *("未填", "未填写", "n/a", "na", "#n/a", "null", "none", "nil", "unknown", "missing", "tbd"),
    }
)
_CJK = re.compile("[\u3400-\u9fff]")
"""What is written in a name's place for none (—, 不详, N/A): no name, folded as `is_name` folds."""
_CODE = re.compile(r"[A-Za-z]*[-_./#]?[0-9][A-Za-z0-9\-_./#]*")
"""A bare number or code (350111, JA-P-0001, P01): an identifier, not a name the plans could call a place by."""


def is_name(text: str, site_id: str = "") -> bool:
    """Whether `text` is a name a site may be read by: not a placeholder for none, not a bare number or code,
    and not the site's own id in Latin letters (T-K, an internal code, filled in where the name was left blank). An
    id in Chinese that is the name too (鼓楼区福州软件园 for both) is a name."""
    folded = unicodedata.normalize("NFKC", text).strip().casefold()
    if folded in _NO_NAME or _CODE.fullmatch(folded):
        return False
    return bool(_CJK.search(folded)) or folded != unicodedata.normalize("NFKC", site_id).strip().casefold()


def unnamed_basis(site: Site) -> tuple[str, str]:
    """A site with no usable name, and no code that decides its place: whether it is a place the plans name is
    unknown (never "none": an id or a placeholder says nothing of which place a site is); why, in Chinese and
    English."""
    shown = f"（“{site.name.strip()}”不是名称）" if site.name.strip() else ""
    said = f" ({site.name.strip()!r} is not a name)" if site.name.strip() else ""
    return (
        f"站点没有名称{shown}，不能确认是否为方案点名的地点：请填写名称，或填写“规划点名地点”（named_place），"
        "都不是则填“无”",
        f"the site has no name{said}, so whether it is a place the plan names is unsure: give its name, or state"
        " named_place (none if it is none of them)",
    )
