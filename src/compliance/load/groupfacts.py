"""A site listed under a group that a yes/no fact of the site denies (`groups: [福兴经济开发区]` beside
是否位于福兴经济开发区: 否): the file contradicts itself, and is refused saying so."""

from __future__ import annotations

import re
from collections.abc import Mapping

from compliance.model.facts import Observation
from compliance.model.metric import Catalogue

_LIES_IN = re.compile(r"^(?:是否)?位于(?P<place>.+?)内?$")
"""A yes/no fact saying where a site lies (是否位于福兴经济开发区, 位于城区): the place it names."""


def denied_groups(groups: list[str], observations: Mapping[str, Observation], catalogue: Catalogue) -> list[str]:
    """A message (en / zh) for each group of `groups` that a fact given as 否 says the site is not in."""
    messages = []
    for metric_id, observation in observations.items():
        match = _LIES_IN.match(catalogue.metric(metric_id).name_zh)
        if match is None or observation.value is not False or match["place"] not in groups:
            continue
        name = catalogue.metric(metric_id).name_zh
        messages.append(
            f"the site is listed under the group {match['place']!r}, but {name} is 否: the file contradicts itself;"
            f" correct the group or the fact / 站点列在分组“{match['place']}”下，但{name}填为否，两者矛盾："
            "请改正分组或该事实"
        )
    return messages
