"""A yes/no fact a site's name states of itself one way only (`NameReading.only_yes`): 垃圾焚烧 in a waste facility's
name (福州红庙岭垃圾焚烧发电厂) says it is in a key energy-consuming industry, since the plan's own words name 垃圾焚烧
as one (推动垃圾焚烧等重点用能行业…制定碳达峰工作方案); a name without the word says nothing, so the fact stays to be
stated. A 否 stated beside such a name contradicts the file itself and is refused, as a kind word saying otherwise is
(拆除工程 with 属拆除工程 否), never read as a site outside the rule."""

from __future__ import annotations

from collections.abc import Mapping

from compliance.model.metric import Catalogue, Metric


def name_word(metric: Metric, names: list[str]) -> tuple[str, str] | None:
    """The first of `names` holding one of the metric's name words, with that word; None if none does."""
    reading = metric.read_from_name
    if reading is None:
        return None
    for name in names:
        word = next((w for w in reading.words if w in name), None)
        if word is not None:
            return name, word
    return None


def name_contradictions(kind: str, names: list[str], catalogue: Catalogue, given: Mapping[str, object]) -> list[str]:
    """A message (en / zh) for each yes/no fact given as 否 (`given`: metric id -> value) that a name of a site of
    `kind` states as 是 (`NameReading.only_yes`)."""
    messages = []
    for metric in catalogue.metrics:
        reading = metric.read_from_name
        if reading is None or not (reading.only_yes and reading.no_refused) or kind not in reading.kinds:
            continue
        if given.get(metric.id) is not False:
            continue
        if (found := name_word(metric, names)) is not None:
            name, word = found
            messages.append(
                f"the name {name!r} says {word}, so {metric.name_en} is yes, but the facts give no: correct the name"
                f" or the fact / 名称“{name}”含“{word}”，即{metric.name_zh}：是，与所填“否”不符：请改正名称或该事实"
            )
    return messages
