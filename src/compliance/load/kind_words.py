"""The plans' own words for places that are no kind of their own, with the kind each is filed as, so that an
unknown kind written with one of them says what to write instead of guessing by spelling (夜市 is no 市)."""

from __future__ import annotations

from compliance.model.metric import Catalogue, kind_key

FILED_AS: dict[str, str] = {
    # 晋安 （五）严禁城区露天烧烤, judged on an area (JA-5-24: 片区，如夜市、摊区、广场)
    "夜市": "area",
    "摊区": "area",
    "广场": "area",
    # 晋安 （十三）在建工程、低洼易涝点、地下商场、地下车库、地下通道、立交涵洞、轨道交通等重点区域 (JA-13-16's note)
    "低洼易涝点": "area",
    "地下商场": "building",
    "地下车库": "building",
    "地下通道": "facility",
    "立交涵洞": "facility",
    "轨道交通": "transport_facility",
    # 晋安 （五）主干道、城市快速通道 and their 路段
    "主干道": "road",
    "主次干道": "road",
    "城市快速通道": "road",
    "路段": "road",
}


def filed_as_hint(text: str, catalogue: Catalogue) -> str:
    """' (file the plan's 夜市 as kind 区域（片区）)' for a plan's word that is filed as some kind, else ''."""
    written = kind_key(text)
    word = next((w for w in FILED_AS if written == kind_key(w) or written.endswith(kind_key(w))), None)
    if word is None:
        return ""
    kind = catalogue.kind(FILED_AS[word])
    return f" (file the plan's {word} as kind {kind.name_zh}: kind: {kind.name_zh})"
