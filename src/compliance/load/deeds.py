"""Which deeds 已/未 answer a yes/no fact with, found when the pack loads (`Metric.deeds`).

A fact's name may open with its deed (开展增殖放流: 已开展) or end with it (VOCs综合治理: 已治理). Where
the name is the plan's object without its verb (阶段评估制度, 美丽晋安建设技术专家库), the deed is the verb the
title or quote of a requirement wanting the fact 是 puts before that object (建立阶段评估制度: 已建立;
按要求制定集中式饮用水水源地…应急预案: 已制定). A word counts as a deed only when it is a
verb of `DEED_VERBS` (已建立…, 未开展…): a noun or adverb of the name (污染源…, 园区…, 主要…, 全面…)
never reads 是. A fact a
rule wants 否 takes no verb from a title (严禁… would read backwards), and a name that opens with its own deed
takes none either (持续开展增殖放流: 持续 is not the deed).
"""

from __future__ import annotations

import re

from compliance.model.metric import Catalogue, Metric, MetricType
from compliance.model.plan import AllOf, AnyOf, Check, Comparison, Not, Requirement

NOT_DEEDS = frozenset({"规划", "方案", "措施", "制度", "机制", "体系", "设施", "预案", "清单", "名录", "计划", "标准"})
"""Things a fact's name may end with that are not its deed (实施绿道近期实施规划: 已规划 is not 已实施)."""
_DEED_VERBS_TEXT = (
    "上马修复做好做到健全完善划定列入创建制定编制发现启动完成实施实现实行对接建成建立建设建档开展开工"
    "强化打造排查推动推行推进整改整治更新构建纳入组建统筹腾退获得取得落实覆盖试点达到达标配合配套采取"
    "摸清公布升级提升改造治理监测监管普查核查检查巡查巡检处置加固淘汰关停出台消除评估安装执行分类放流"
    "处罚运行衔接划设命名占用挤占披露上报印发组织牵头列出评定制订"
)
DEED_VERBS = frozenset(_DEED_VERBS_TEXT[i : i + 2] for i in range(0, len(_DEED_VERBS_TEXT), 2))
"""The verbs a yes/no fact's deed may be (已排查, 已公布, 已建立, 已摸清 …). Only these answer 已/未: a fact's name
opening or ending with a noun (污染源监控系统, 园区污水问题…, 闽江干流…实施) or a word that is not its deed
(考核结果向社会公布: 考核; 统一领导…机制: 统一) never makes 已 + that word read 是. A catalogue word written after 已/未
that is an adverb or a phrase's fragment (全面, 重点, 按要求) is no deed either."""
_HEAD_OVER_TAIL = {"完成": "建成", "统筹": ""}
"""A name opening with 完成 or 统筹 whose last word is 建设 (完成“污水零直排”建设, 统筹推进五类园区建设): 已建设 says
neither that the construction is complete nor that it was coordinated, so the tail deed is dropped (已建成 stands for
completed)."""
_QUALIFIED = frozenset({"达标", "稳定", "科学", "计划", "及时", "妥善"})
"""Words that make a name's last verb a manner of doing it (油烟达标排放, 污水处理设施稳定运行, …及时妥善科学处置,
工程建设按计划推进): 已 + that verb alone does not say it, so it is no deed of the fact."""
_AFTER_DONE = re.compile(r"[已未]([\u4e00-\u9fff]{2})")
_CLAUSE = re.compile(r"[，。；、：,;:（）()《》\s]")
"""Where a clause ends: the verb of an object stands in the object's own clause."""


def deed_words(catalogue: Catalogue) -> frozenset[str]:
    """The two-character words the catalogue's definitions write after 已 or 未 (已建立, 未开展): the deeds it knows."""
    written = {word for metric in catalogue.metrics for word in _AFTER_DONE.findall(metric.definition_zh)}
    return frozenset(written & DEED_VERBS)


def _wanted(check: Check | None, answer: bool, negated: bool = False) -> list[str]:
    """The yes/no facts a check wants `answer` of (`== answer`, `!= not answer`, or the reverse under a `not`)."""
    if isinstance(check, Comparison) and check.op in ("==", "!=") and isinstance(check.value, bool):
        wants = (check.op == "==") == (check.value is answer)
        return [check.metric] if wants != negated else []
    if isinstance(check, Not):
        return _wanted(check.not_, answer, not negated)
    if isinstance(check, AllOf | AnyOf):
        children = check.all if isinstance(check, AllOf) else check.any
        return [metric for child in children for metric in _wanted(child, answer, negated)]
    return []


def _verb_before(name: str, text: str, words: frozenset[str]) -> tuple[str, bool] | None:
    """The deed `text` puts before the object `name` in its clause: the known deed word nearest it, and whether it
    stands right before it (建立|阶段评估制度) rather than before words qualifying it (制定|集中式饮用水|水源地…)."""
    at = text.find(name)
    if at <= 0:
        return None
    clause = _CLAUSE.split(text[:at])[-1]
    for start in range(len(clause) - 2, -1, -1):
        if "的" in clause[start + 2 :]:  # 无配套利用处置能力的项目严格环境准入: 配套 qualifies 项目, it is no deed
            return None
        if clause[start : start + 2] in words:
            return clause[start : start + 2], start == len(clause) - 2
    return None


def set_deeds(catalogue: Catalogue, requirements: list[Requirement]) -> None:
    """Fill `Metric.deeds` of every yes/no fact: its name's own deeds, or the verbs its requirements' words give it."""
    words = deed_words(catalogue)
    wanted_false = {metric for requirement in requirements for metric in _wanted(requirement.check, False)}
    texts: dict[str, list[str]] = {}
    for requirement in requirements:
        for metric_id in _wanted(requirement.check, True):
            texts.setdefault(metric_id, []).extend((requirement.title_zh, requirement.quote))
    for metric in catalogue.metrics:
        if metric.type == MetricType.BOOLEAN:
            plan = [] if metric.id in wanted_false else texts.get(metric.id, [])
            metric.deeds = _deeds(metric, plan, words)


def _deeds(metric: Metric, texts: list[str], words: frozenset[str]) -> tuple[str, ...]:
    """The name's own deeds (the known deed word it opens or ends with), else the verbs the plan puts before it: those
    right before it where one is (针对重点防洪涝区域实施…: 实施, not 重点), else the nearest."""
    name = metric.name_zh.removeprefix("已")  # 已建成美丽乡村: 已建成 / 未建成
    head = name[:2] if name[:2] in DEED_VERBS else ""
    found = [head, name[2:4]] if head and name[2:4] in DEED_VERBS else [head] if head else []  # 统筹推进…
    if not found:
        verbs = [v for n in (metric.name_zh, *metric.aliases) for t in texts if (v := _verb_before(n, t, words))]
        found = [verb for verb, right_before in verbs if right_before or not any(a for _, a in verbs)]
    tail = name[-2:]
    if tail == "建设" and head in _HEAD_OVER_TAIL:
        found.append(_HEAD_OVER_TAIL[head])
    elif tail in DEED_VERBS and tail not in NOT_DEEDS and name[-4:-2] not in _QUALIFIED:
        found.append(tail)
    return tuple(deed for deed in dict.fromkeys(found) if deed)
