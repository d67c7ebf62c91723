"""A site listed under a group that a yes/no fact of the site denies (`groups: [福兴经济开发区]` beside
是否位于福兴经济开发区: 否): the file contradicts itself, and is refused saying so. A group is read the way the
gazetteer reads names (`model.names.normal_name`, then a place's name or alias): 福兴开发区 and 福州市福兴经济开发区
are the group 福兴经济开发区."""

from __future__ import annotations

import re
from collections.abc import Mapping

from compliance.load.divisions import Divisions
from compliance.model.facts import Observation
from compliance.model.gazetteer import Gazetteer
from compliance.model.metric import Catalogue
from compliance.model.names import normal_name

_LIES_IN = re.compile(r"^(?:是否)?位于(?P<place>.+?)内?$")
"""A yes/no fact saying where a site lies (是否位于福兴经济开发区, 位于城区): the place it names."""


def group_places(groups: list[str], gazetteer: Gazetteer | None, divisions: Divisions | None) -> dict[str, str]:
    """Each place `groups` name (the group as written, and the gazetteer place it is a name or alias of, compared
    as `normal_name` compares them), with the group as written."""
    normal = divisions.normal if divisions is not None else (lambda name: normal_name(name, ()))
    places = {normal(group): group for group in groups}
    for place in gazetteer.places if gazetteer is not None else ():
        written = next((places[n] for n in map(normal, (place.name, *place.aliases)) if n in places), None)
        if written is not None:
            places.setdefault(normal(place.name), written)
    return places


def denied_groups(
    groups: list[str],
    observations: Mapping[str, Observation],
    catalogue: Catalogue,
    gazetteer: Gazetteer | None = None,
    divisions: Divisions | None = None,
) -> list[str]:
    """A message (en / zh) for each group of `groups` that a fact given as 否 says the site is not in; with the
    gazetteer and division table, a group naming the place by an alias or with a city before it counts too."""
    if not groups:
        return []
    places = group_places(groups, gazetteer, divisions)
    normal = divisions.normal if divisions is not None else (lambda name: normal_name(name, ()))
    messages = []
    for metric_id, observation in observations.items():
        match = _LIES_IN.match(catalogue.metric(metric_id).name_zh)
        if match is None or observation.value is not False or normal(match["place"]) not in places:
            continue
        name, group = catalogue.metric(metric_id).name_zh, places[normal(match["place"])]
        messages.append(
            f"the site is listed under the group {group!r}, but {name} is 否: the file contradicts itself;"
            f" correct the group or the fact / 站点列在分组“{group}”下，但{name}填为否，两者矛盾："
            "请改正分组或该事实"
        )
    return messages
