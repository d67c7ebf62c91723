"""The plans' own words for places that are no kind of their own, with the kind each is filed as, so that an
unknown kind written with one of them says what to write instead of guessing by spelling (夜市 is no 市)."""

from __future__ import annotations

import re

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
    # 晋安 （二十）培育四类现代农业园区: an agricultural park is no 园区 (the catalogue's industrial park) but a farm
    # holding, asked what 种植养殖主体 are (JA-16-10 种植业污染防治, JA-21-6 茶果园水土综合治理)
    "现代农业园区": "farm",
    "农业园区": "farm",
    "农业园": "farm",
    "农业产业园": "farm",
    "农业产业园区": "farm",
    # 晋安 （七）饮用水水源保护区, 厦门 水源保护区划定: a drinking water source's zones, never a 保护区 (nature reserve)
    "水源保护区": "water_source",
    "饮用水水源保护区": "water_source",
    "一级保护区": "water_source",
    "二级保护区": "water_source",
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


_BRACKETED = re.compile(r"（([^）]*)）")


def kind_hint(text: str, catalogue: Catalogue, close: dict[str, str]) -> str:
    """The hint an unknown kind gets: the plan's word filed as a kind (`filed_as_hint`), else ' (did you mean …?)'
    naming the kinds `close` in spelling (kind id -> spelling), three at most, or with none close a kind whose name
    brackets what was written (林带, 生物防火林带 -> 林地（林带）; one character, 县 or 市 of 区（县、市）, never); ''
    for none."""
    filed = filed_as_hint(text, catalogue)
    if filed:
        return filed
    written = kind_key(text)
    bracketed = {
        kind.id: kind.name_zh
        for kind in catalogue.kinds
        for inside in _BRACKETED.findall(kind.name_zh)
        for word in map(kind_key, inside.split("、"))
        if len(word) >= 2 and written.endswith(word)
    }
    names = list((close or bracketed).values())[:3]
    return f" (did you mean {', '.join(names)}?)" if names else ""
