"""Why no plan can be chosen for a scenario's site, said in the scenario's words.

`check` and `batch` ask for a district or `--plan`; a scenario has neither word. Its writer is told what to
write instead: the district in the site step (`一个位于晋安区的行政村“九峰村”`), or the plan step
(`而且 依据方案《美丽晋安建设行动方案》`), at the site step's file and line. A township two districts share (新店:
晋安区's 新店镇 and 翔安区's 新店街道) is said to be that, not a missing district.
"""

from __future__ import annotations

from typing import NoReturn

import pytest

from compliance.assess.applicability import misfiled, named_as_other_kinds, named_by_plan, plans_for_place
from compliance.assess.places import PlaceReader
from compliance.load.divisions import divisions_of
from compliance.model.facts import Site
from compliance.model.plan import RulePack


def check_placed(
    pack: RulePack, site: Site, at: str, lang: str, places: PlaceReader | None = None, chosen: list[str] | None = None
) -> None:
    """Fail the scenario, saying what to add, when no plan's places hold `site` (resolved: a township one district
    holds has filled its district) and it is no place a plan names (`named_by_plan`, read by `places`), or when it is
    a place its plan (`chosen`, else the plans holding it) names written as another kind (`misfiled`: 西海域 as a
    水体); `at` is the site step's `file:line`."""
    found = _filed_plans(pack, site, at, lang, places, chosen)
    if found or named_by_plan(site, pack.plans, places):
        return
    township = str(site.attributes.get("township", ""))  # the 乡镇 as written
    plans = list(pack.plans.values())
    at_zh, at_en = (f"（{at}）", f" ({at})") if at else ("", "")
    zh = "、".join(f"《{plan.short_zh}》" for plan in plans)
    en = ", ".join(f'"{plan.id}"' for plan in plans)
    homes = divisions_of(pack.divisions).townships_named(township) if township and not site.district else []
    other = named_as_other_kinds(site, pack.plans, places)
    if other is not None:  # 枋洋水利枢纽工程 written as a 建设项目: the plan names it as a 水库…
        where = site.district or site.admin_code
        outside_zh, outside_en = (
            (f"所在区“{where}”不在任何方案的范围内，但", f"{where!r} is in no plan's area, but ") if where else ("", "")
        )
        _fail(lang, f"{outside_zh}{other[0]}{at_zh}", f"{outside_en}{other[1]}{at_en}")
    if site.district or site.admin_code:  # a place no plan covers (鼓楼区), or a district with more (集美区某镇)
        where = site.district or site.admin_code
        covered = "；".join(f"《{plan.short_zh}》：{'、'.join(plan.jurisdiction.names)}" for plan in plans)
        # Only a plan whose places the text names is offered: 集美区某镇 is 厦门's, never 晋安's; 鼓楼区 is none's.
        named = next((p for p in plans if any(name in where for name in p.jurisdiction.names)), None)
        plan_zh, plan_en = (f"《{named.short_zh}》", f'"{named.id}"') if named else ("《方案名称》", '"plan"')
        _fail(
            lang,
            f"所在区“{where}”不在任何方案的范围内（{covered}）：请改正所在区{at_zh}（只写区，乡镇写在属性表"
            f" | 乡镇 | … |），或在“当 评估”之前加一步“而且 依据方案{plan_zh}”按该方案评估（已有方案：{zh}）",
            f"{where!r} is in no plan's area: correct the district{at_en} (the district alone; a township goes in"
            f" the attributes table), or add 'And the plan is {plan_en}' before 'When it is assessed' to assess it"
            f" against that plan (plans: {en})",
        )
    kind = pack.catalogue.find_kind(site.kind)
    example_district = homes[0][0] if homes else plans[0].jurisdiction.names[0]
    step_zh = f"假如 一个位于{example_district}的{kind.name_zh if kind else site.kind}“{site.name}”"
    step_en = f'Given a {kind.name_en if kind else site.kind} "{site.name}" in {example_district}'
    plan_zh, plan_en = f"而且 依据方案{zh.split('、')[0]}", f"And the plan is {en.split(', ')[0]}"
    if len(homes) > 1:
        listed_zh = "和".join(f"{district}（{name}）" for district, name in homes)
        listed_en = " and ".join(f"{district} ({name})" for district, name in homes)
        _fail(
            lang,
            f"乡镇“{township}”在{listed_zh}都有，无法据此选择方案：请在场所步骤{at_zh}写明所在区，如“{step_zh}”，"
            f"或在“当 评估”之前加一步“{plan_zh}”",
            f"the township {township!r} is in {listed_en}, so it does not choose a plan: name the district in the site"
            f" step{at_en}, as in '{step_en}', or add '{plan_en}' before 'When it is assessed'",
        )
    _fail(
        lang,
        f"场所“{site.name}”没有所在区，无法选择方案：请在场所步骤{at_zh}写明所在区，如“{step_zh}”，"
        f"或在“当 评估”之前加一步“{plan_zh}”（已有方案：{zh}）",
        f"the site {site.name!r} has no district, so no plan can be chosen: name it in the site step{at_en}, as in"
        f" '{step_en}', or add '{plan_en}' before 'When it is assessed' (plans: {en})",
    )


def _filed_plans(
    pack: RulePack, site: Site, at: str, lang: str, places: PlaceReader | None, chosen: list[str] | None
) -> list[str]:
    """The plans `chosen`, else those holding `site`; the scenario fails when the site is a place one of them names
    written as another kind (`misfiled`)."""
    found = chosen or plans_for_place(site.admin_code, site.district, pack.plans)
    told = misfiled(site, pack.plans, found, places)
    if told is not None:
        _fail(lang, f"{told[0]}（{at}）" if at else told[0], f"{told[1]} ({at})" if at else told[1])
    return found


def _fail(lang: str, zh: str, en: str) -> NoReturn:
    pytest.fail(zh if lang == "zh" else en, pytrace=False)


def squash(text: str) -> str:
    """Text without its spaces, to compare what a step wrote with what the tool says."""
    return "".join(text.split())
