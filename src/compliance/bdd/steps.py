"""The steps, each in Chinese and English: thin wrappers over `World`. A pytest plugin (it holds the step fixtures)."""

from __future__ import annotations

import datetime as dt
import re

from compliance.bdd.library import Phrase, step
from compliance.bdd.refusal import check_refused
from compliance.bdd.targets import check_found, check_missing, check_target, search_rules
from compliance.bdd.world import World
from compliance.report.words import OUTCOME

Q = r"[“\"](?P<{0}>[^”\"]+)[”\"]"
"""A quoted argument, in Chinese or ASCII quotes."""
REQ = r"(?P<requirement>[A-Za-z]+-[0-9A-Za-z]+-[0-9A-Za-z]+)"
WORD = r"[“\"]?(?P<{0}>[^“”\"]+?)[”\"]?"
"""An argument that may be quoted."""


@step(
    "site",
    "given",
    zh=Phrase(
        r"一个(?:位于(?P<district>[^的]+)的)?(?P<kind>[^“\"]+?)" + Q.format("name"),
        "一个场所：类型（行政村、园区、区、乡镇、河段（断面）、水体……）、名称，以及所在区（据此选择方案）",
        "一个位于晋安区的行政村“九峰村”",
    ),
    en=Phrase(
        r"an? (?P<kind>[^\"]+?) \"(?P<name>[^\"]+)\"(?: in (?P<district>.+))?",
        "a site: its kind (village, park, district, township, river segment, water body …), name and district",
        'a village "Jiufeng" in 晋安区',
    ),
)
def _(compliance_world: World, kind: str, name: str, district: str | None) -> None:
    compliance_world.set_site(kind, name, district)


@step(
    "attributes",
    "given",
    zh=Phrase(
        r"(?:该场所|它)的属性(?:如下)?[:：]?",
        "场所的属性表：行政区划代码、所在区、乡镇、分组、别名，或决定规则是否适用的指标（如 所属流域）；其他键被拒绝",
        "该场所的属性如下：",
        (("所在区", "晋安区"), ("乡镇", "宦溪镇"), ("所属流域", "闽江")),
    ),
    en=Phrase(
        r"(?:its|the site's) attributes are:?",
        "the site's attributes: admin_code, district, township, groups, aliases, or facts deciding who a rule covers"
        " (river basin …); any other key is refused",
        "its attributes are:",
        (("district", "晋安区"), ("township", "宦溪镇"), ("river basin", "Min River")),
    ),
)
def _(compliance_world: World, datatable: list[list[str]]) -> None:
    compliance_world.set_attributes(datatable)


@step(
    "facts",
    "given",
    zh=Phrase(
        r"(?:上报)?数据(?:如下)?[:：]?",
        "数据表：指标（编号、中文名或英文名）和值（75%、是/否、Ⅱ类、0）；值为“缺失”或留空表示没有该数据",
        "上报数据如下：",
        (("指标", "值"), ("农村生活污水治理率", "75%"), ("农村自来水普及率", "99.9%")),
    ),
    en=Phrase(
        r"the facts are:?",
        "a table of facts: metric (id, Chinese or English name) and value (75%, yes/no, II); 'missing' = absent",
        "the facts are:",
        (("metric", "value"), ("rural domestic sewage treatment rate", "75%")),
    ),
)
def _(compliance_world: World, datatable: list[list[str]]) -> None:
    compliance_world.set_facts(datatable)


@step(
    "fact",
    "given",
    zh=Phrase(
        r"指标\s*(?P<rest>.+?(?:为.*|缺失))",
        "一个指标的值（适合场景大纲）；“为 缺失”或“缺失”表示没有该数据",
        "指标“农村生活污水治理率”为 74.9%",
    ),
    en=Phrase(
        r"the metric (?P<metric>.+?) is(?: (?P<value>.*))?",
        "one metric's value (handy in outlines); 'is missing' means the fact is absent",
        'the metric "rural domestic sewage treatment rate" is 74.9%',
    ),
)
def _(compliance_world: World, rest: str | None = None, metric: str | None = None, value: str | None = None) -> None:
    if rest is not None:
        compliance_world.set_fact_phrase(rest)
    else:
        compliance_world.set_fact(metric or "", value)


@step(
    "dated_fact",
    "given",
    zh=Phrase(
        r"观测于\s*(?P<day>[^\s“\"]+?)\s*的指标\s*" + Q.format("metric") + r"\s*为\s*(?P<value>.+)",
        "一个带观测日期（observed_on，某一天，写法同评估日期）的单个值：读作那一天的记录",
        "观测于 2025-01-15 的指标“油烟达标排放”为 是",
    ),
    en=Phrase(
        r"observed on (?P<day>[^,\"]+), the metric \"(?P<metric>[^\"]+)\" is (?P<value>.+)",
        "one value with the day it was observed on (observed_on; written as the assessment date is)",
        'observed on 2025-01-15, the metric "cooking fumes within standards" is yes',
    ),
)
def _(compliance_world: World, metric: str, day: str, value: str) -> None:
    compliance_world.set_fact(metric, value)
    metric_id = compliance_world.metric(metric).id
    observation = compliance_world.observations[metric_id]
    dated = observation.provenance.model_copy(update={"observed_on": _observed_day(compliance_world, day)})
    compliance_world.observations[metric_id] = observation.model_copy(update={"provenance": dated})


_MONTH = re.compile(r"^\d{4}\s*(?:-|/|\.|年)\s*\d{1,2}\s*月?$")


def _observed_day(world: World, text: str) -> dt.date:
    """The day a value was observed on, written as the assessment date is; a month alone is refused, saying so."""
    if _MONTH.match(text.strip()):
        world.fail(
            f"观测日期“{text}”只写了月份：请写观测的那一天（写法同评估日期，如 2026-05-31、2026/5/31、2026年5月31日）",
            f"the observation date {text!r} is a month: write the day it was observed on (as the assessment date is"
            " written, e.g. 2026-05-31, 2026/5/31)",
        )
    return world.date(text)


@step(
    "series",
    "given",
    zh=Phrase(
        r"逐期数据\s*(?P<metric>“.+”|\".+\")\s*[:：]\s*(?P<series>[^“”\"]+)",
        "一个指标的逐年（或逐月）数据：时期: 值，用逗号分隔；“缺失”表示没有该数据",
        "逐期数据“生活垃圾产生量”：2023: 412，2024: 398，2025: 371",
    ),
    en=Phrase(
        r"the series of \"(?P<metric>[^\"]+)\" is (?P<series>.+)",
        "a metric's yearly (or monthly) values: period: value, comma-separated; 'missing' means no data",
        'the series of "domestic waste generated" is 2023: 412, 2024: 398, 2025: 371',
    ),
)
def _(compliance_world: World, metric: str, series: str) -> None:
    compliance_world.set_series(metric, series)


@step(
    "plan",
    "given",
    zh=Phrase(
        r"依据方案\s*[“\"《](?P<plan>[^”\"》]+)[”\"》]",
        "只按这个方案评估（编号或名称）；不写则按所在区选择方案",
        "依据方案《美丽晋安建设行动方案》",
    ),
    en=Phrase(
        r"the plan is " + Q.format("plan"),
        "assess against this plan only (id or title); by default the site's district chooses",
        'the plan is "jinan"',
    ),
)
def _(compliance_world: World, plan: str) -> None:
    compliance_world.set_plan(plan)


@step(
    "as_of",
    "given",
    zh=Phrase(r"评估日期为\s*(?P<date>.+)", "评估日期：决定哪些目标已到期", "评估日期为 2026-06-30"),
    en=Phrase(
        r"the assessment date is (?P<date>.+)",
        "the as-of date: which targets are due",
        "the assessment date is 2026-06-30",
    ),
)
def _(compliance_world: World, date: str) -> None:
    compliance_world.set_as_of(date)


@step(
    "attestation",
    "given",
    zh=Phrase(
        r"检查员"
        + Q.format("inspector")
        + r"于\s*(?P<date>\S+?)\s*认定要求\s*"
        + REQ
        + rf"\s*(?P<outcome>{'|'.join(OUTCOME['zh'].values())})"
        + r"(?:，有效期至\s*(?P<expires>\S+))?",
        "人工核查记录：检查员、日期、要求编号、通过或不通过，可选有效期",
        "检查员“林检查员”于 2026-05-20 认定要求 JA-14-1 通过",
    ),
    en=Phrase(
        r"inspector \"(?P<inspector>[^\"]+)\" found "
        + REQ
        + rf" (?P<outcome>{'|'.join(OUTCOME['en'].values())}) on (?P<date>\S+?)"
        + r"(?:, valid until (?P<expires>\S+))?",
        "an attestation: inspector, requirement id, pass or fail, date, optional expiry",
        'inspector "Lin" found JA-14-1 pass on 2026-05-20',
    ),
)
def _(compliance_world: World, inspector: str, requirement: str, outcome: str, date: str, expires: str | None) -> None:
    compliance_world.add_attestation(inspector, requirement, outcome, date, expires)


@step(
    "assess",
    "when",
    zh=Phrase(r"(?:进行)?评估", "按所给数据评估该场所", "评估"),
    en=Phrase(r"(?:it|the site) is assessed", "assess the site on the facts given", "it is assessed"),
)
def _(compliance_world: World) -> None:
    compliance_world.assess()


@step(
    "verdict",
    "then",
    zh=Phrase(r"结论为\s*" + WORD.format("verdict"), "场所结论：合规、不合规、无法判定或无可判定要求", "结论为 不合规"),
    en=Phrase(
        r"the verdict is " + WORD.format("verdict"),
        "the site verdict: compliant, non-compliant, incomplete or no applicable requirement",
        "the verdict is non-compliant",
    ),
)
def _(compliance_world: World, verdict: str) -> None:
    compliance_world.check_verdict(verdict)


@step(
    "status",
    "then",
    zh=Phrase(
        r"要求\s*" + REQ + r"\s*的状态为\s*" + WORD.format("status"),
        "一项要求的状态：通过、不达标、有风险、数据不足、不适用、待核查",
        "要求 JA-14-7 的状态为 通过",
    ),
    en=Phrase(
        r"the status of " + REQ + r" is " + WORD.format("status"),
        "a requirement's status: pass, fail, at risk, insufficient data, not applicable, needs review",
        "the status of JA-14-7 is pass",
    ),
)
def _(compliance_world: World, requirement: str, status: str) -> None:
    compliance_world.check_status(requirement, status)


@step(
    "statuses",
    "then",
    zh=Phrase(
        r"各要求的状态(?:如下|为)[:：]?",
        "多项要求的状态表",
        "各要求的状态如下：",
        (("要求", "状态"), ("JA-14-7", "通过"), ("JA-14-9", "有风险")),
    ),
    en=Phrase(
        r"the statuses are:?",
        "a table of requirements and their statuses",
        "the statuses are:",
        (("requirement", "status"), ("JA-14-7", "pass"), ("JA-14-9", "at risk")),
    ),
)
def _(compliance_world: World, datatable: list[list[str]]) -> None:
    compliance_world.check_statuses(datatable)


@step(
    "reason",
    "then",
    zh=Phrase(
        r"要求\s*" + REQ + r"\s*的原因包含\s*[“\"](?P<phrase>.+)[”\"]",
        "原因（中文）包含这段文字",
        "要求 JA-14-7 的原因包含“≥ 75%”",
    ),
    en=Phrase(
        r"the reason for " + REQ + r" contains \"(?P<phrase>.+)\"",
        "the English reason contains this phrase",
        'the reason for JA-14-7 contains "≥ 75%"',
    ),
)
def _(compliance_world: World, requirement: str, phrase: str) -> None:
    compliance_world.check_reason(requirement, _words(compliance_world, phrase))


@step(
    "warning",
    "then",
    zh=Phrase(
        r"提醒包含\s*[“\"](?P<phrase>.+)[”\"]",
        "评估的提醒（如名称与规划点名地点相近）包含这段文字",
        "提醒包含“福兴经济开发区”",
    ),
    en=Phrase(
        r"a warning contains \"(?P<phrase>.+)\"",
        "a warning of the assessment (e.g. a name close to a named place) contains this phrase",
        'a warning contains "Fuxing"',
    ),
)
def _(compliance_world: World, phrase: str) -> None:
    compliance_world.check_warning(_words(compliance_world, phrase))


@step(
    "refused",
    "then",
    zh=Phrase(
        r"数据被拒收[，,]?\s*原因包含\s*[“\"](?P<phrase>.+)[”\"]",
        "该场所的数据自相矛盾，被拒收（名称或类型与所填事实不符、事实相互矛盾），原因包含这段文字",
        "数据被拒收，原因包含“相互矛盾”",
    ),
    en=Phrase(
        r"the facts are refused, the reason containing \"(?P<phrase>.+)\"",
        "the site's facts contradict themselves (its name or kind against a fact, facts against each other) and"
        " are refused, the reason containing this phrase",
        'the facts are refused, the reason containing "contradict each other"',
    ),
)
def _(compliance_world: World, phrase: str) -> None:
    check_refused(compliance_world, _words(compliance_world, phrase))


def _words(world: World, phrase: str) -> str:
    """A phrase a Then step looks for: never empty, which every text contains (a step that would check nothing)."""
    if not phrase.strip():
        world.fail("要查找的文字是空的：请写出原因或提醒中应有的文字", "the phrase to look for is empty")
    return phrase


@step(
    "missing",
    "then",
    zh=Phrase(
        r"要求\s*" + REQ + r"\s*缺少数据[:：]?\s*(?P<metrics>.+)",
        "该要求缺少的指标（用、或逗号分隔；“无”：不缺任何数据）",
        "要求 JA-14-7 缺少数据：农村生活污水治理率",
    ),
    en=Phrase(
        r"the data missing for " + REQ + r" (?:is|are):? (?P<metrics>.+)",
        "the metrics the requirement lacks (comma-separated; 'none': it lacks nothing)",
        "the data missing for JA-14-7 is: rural domestic sewage treatment rate",
    ),
)
def _(compliance_world: World, requirement: str, metrics: str) -> None:
    check_missing(compliance_world, requirement, metrics)


@step(
    "target",
    "then",
    zh=Phrase(
        r"要求\s*"
        + REQ
        + r"\s*的(?P<which>现行|下一)目标为\s*"
        + Q.format("text")
        + r"(?:\s*[，,]\s*(?P<due>\S+?)\s*到期|\s*[，,]\s*(?P<ongoing>持续要求))?",
        "现行（已到期）或下一（尚未到期）目标的表述，可加到期日",
        "要求 JA-14-7 的现行目标为“农村生活污水治理率 ≥ 75%”，2025-12-31 到期",
    ),
    en=Phrase(
        r"the (?P<which>target in force|next target) for "
        + REQ
        + r" is "
        + Q.format("text")
        + r"(?:,? due (?P<due>\S+)|,? (?P<ongoing>ongoing))?",
        "the target in force (already due) or the next target (not yet due), optionally with its due date",
        'the target in force for JA-14-7 is "rural domestic sewage treatment rate ≥ 75%", due 2025-12-31',
    ),
)
def _(compliance_world: World, requirement: str, which: str, text: str, due: str | None, ongoing: str | None) -> None:
    kind = "in_force" if which in ("现行", "target in force") else "next"
    check_target(compliance_world, requirement, kind, text, due or ongoing)


@step(
    "no_target",
    "then",
    zh=Phrase(
        r"要求\s*" + REQ + r"\s*没有(?P<which>现行|下一)目标",
        "尚无已到期（或再无未到期）的目标",
        "要求 JA-14-9 没有现行目标",
    ),
    en=Phrase(
        r"(?P<requirement>\S+) has no (?P<which>target in force|next target)",
        "no target is due yet (or none is ahead)",
        "JA-14-9 has no target in force",
    ),
)
def _(compliance_world: World, requirement: str, which: str) -> None:
    kind = "in_force" if which in ("现行", "target in force") else "next"
    check_target(compliance_world, requirement, kind, None, None)


@step(
    "search",
    "when",
    zh=Phrase(
        r"搜索规则" + Q.format("words"),
        "按编号、标题、原文、说明或指标名称搜索规则（多个词用空格分隔）",
        "搜索规则“油烟”",
    ),
    en=Phrase(
        r"I search the rules for " + Q.format("words"),
        "search the rules by ids, titles, quotes, notes or metric names (words separated by spaces)",
        'I search the rules for "油烟"',
    ),
)
def _(compliance_world: World, words: str) -> None:
    search_rules(compliance_world, words)


@step(
    "found",
    "then",
    zh=Phrase(
        r"搜索结果(?P<first>首项为|包含)\s*" + REQ,
        "搜索结果包含这项要求（“首项为”：排在第一）",
        "搜索结果包含 JA-5-23",
    ),
    en=Phrase(
        r"the search finds " + REQ + r"(?P<first> first)?",
        "the search finds this requirement ('first': ranked first)",
        "the search finds JA-5-23",
    ),
)
def _(compliance_world: World, requirement: str, first: str | None) -> None:
    check_found(compliance_world, requirement, first in ("首项为", " first"))
