"""A yes/no fact a site's name states of itself one way only (`NameReading.only_yes`): 垃圾焚烧 in a waste facility's
name (福州红庙岭垃圾焚烧发电厂) says it is in a key energy-consuming industry, since the plan's own words name 垃圾焚烧
as one (推动垃圾焚烧等重点用能行业…制定碳达峰工作方案); a name without the word says nothing, so the fact stays to be
stated. A 否 stated beside such a name contradicts the file itself and is refused, as a kind word saying otherwise is
(拆除工程 with 属拆除工程 否), never read as a site outside the rule. Facts that cannot hold together
(`Metric.conflicts`: 属既有建筑 是 beside 属新建公共建筑 是, or 涉VOCs行业 不涉VOCs for a site named …加油站) are
refused the same way (`fact_conflicts`), naming each."""

from __future__ import annotations

from collections.abc import Mapping

from compliance.model.conflicts import Conflict
from compliance.model.facts import Observation
from compliance.model.metric import Catalogue, Metric, display
from compliance.model.perkind import per_kind

Value = float | bool | str


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
    for metric in _refusing_no(catalogue, kind):
        if given.get(metric.id) is not False:
            continue
        if (found := name_word(metric, names)) is not None:
            name, word = found
            messages.append(
                f"the name {name!r} says {word}, so {metric.name_en} is yes, but the facts give no: correct the name"
                f" or the fact / 名称“{name}”含“{word}”，即{metric.name_zh}：是，与所填“否”不符：请改正名称或该事实"
            )
    return messages


@per_kind
def _refusing_no(catalogue: Catalogue, kind: str) -> tuple[Metric, ...]:
    """The yes/no facts whose 否 a name of a site of `kind` may contradict (`name_contradictions`)."""
    return tuple(
        metric
        for metric in catalogue.metrics
        if (reading := metric.read_from_name) is not None
        and reading.only_yes
        and reading.no_refused
        and kind in reading.kinds
    )


@per_kind
def _conflicts(catalogue: Catalogue, kind: str) -> tuple[tuple[Metric, Conflict], ...]:
    """The conflicts checked for a site of `kind` (`fact_conflicts`), with their metrics, in the catalogue's order."""
    return tuple((metric, c) for metric in catalogue.metrics for c in metric.conflicts if kind in c.kinds)


def kind_word_conflict(word: str, metric: Metric, said: Value, given: Value, whose: str) -> str:
    """The message (en / zh) for a fact a site's kind word states (`SiteKind.states`: 在建工程 is 属拆除工程 否)
    given otherwise; `whose`, what gave it ("the facts give", "the row gives")."""
    shown, other = display(said, metric), display(given, metric)
    return (
        f"kind {word!r} states {metric.name_zh}: {shown}, but {whose} {other}"
        f" / 类型“{word}”即{metric.name_zh}：{shown}，与所填不符：请改正类型或该事实"
    )


def holds(value: object, op: str, wanted: bool | float | str) -> bool:
    """Whether a given value is `wanted` (op ==; a yes/no never equals a number) or a number above it (op >)."""
    if op == ">":
        return isinstance(value, float) and not isinstance(wanted, bool | str) and value > wanted
    return isinstance(value, bool) == isinstance(wanted, bool) and value == wanted


def _says(observation: Observation | None, op: str, wanted: bool | float | str) -> float | bool | str | None:
    """The value of `observation` that is `wanted` (`holds`): its own, or for op > any period of its series above
    (a year of 120 kg denies 从未使用 whatever the latest year says); None where none is."""
    if observation is None:
        return None
    found = [observation.value, *((observation.series or {}).values() if op == ">" else ())]
    return next((v for v in found if holds(v, op, wanted)), None)


def fact_conflicts(
    kind: str, names: list[str], catalogue: Catalogue, observed: Mapping[str, Observation]
) -> list[tuple[str, str]]:
    """A message (en / zh) for each conflict (`Metric.conflicts`) a site of `kind` named `names` gives in full:
    facts that cannot hold together, or a fact its name denies, naming each; with the field at fault ("name" where
    the name denies it, else the fact's Chinese name)."""
    messages = []
    for metric, conflict in _conflicts(catalogue, kind):
        wanted = [(metric.id, "==", conflict.value), *((f.metric, f.op, f.value) for f in conflict.facts)]
        sides = [(catalogue.metric(m), _says(observed.get(m), op, value)) for m, op, value in wanted]
        found = next(((n, w) for n in names for w in conflict.name_words if w in n), None)
        if any(v is None for _, v in sides) or (conflict.name_words and found is None):
            continue
        zh = "、".join(f"“{m.name_zh}：{display(v, m)}”" for m, v in sides if v is not None)
        en = ", ".join(f"{m.name_en}: {display(v, m, 'en')}" for m, v in sides if v is not None)
        if found is not None:
            zh, en = f"名称“{found[0]}”含“{found[1]}”，与{zh}", f"the name {found[0]!r} says {found[1]}, and {en}"
        messages.append(
            (
                "name" if found is not None else metric.name_zh,
                f"{en} contradict each other ({conflict.why_en}): correct the file"
                f" / {zh}相互矛盾（{conflict.why_zh}）：请改正其中之一",
            )
        )
    return messages


def contradictions(kind: str, names: list[str], catalogue: Catalogue, observed: Mapping[str, Observation]) -> list[str]:
    """Every contradiction of the site's names and facts: `name_contradictions` and `fact_conflicts`."""
    given = {m: o.value for m, o in observed.items()}
    return name_contradictions(kind, names, catalogue, given) + [
        m for _, m in fact_conflicts(kind, names, catalogue, observed)
    ]
