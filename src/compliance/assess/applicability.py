"""Which plans cover a site."""

from __future__ import annotations

from compliance.assess.places import PlaceReader
from compliance.model.facts import Facts, Notice, Site
from compliance.model.gazetteer import PLACE_METRIC, Place
from compliance.model.plan import Plan, RulePack
from compliance.model.problems import InputError, Problem, did_you_mean


def plans_for_place(admin_code: str, district: str, plans: dict[str, Plan]) -> list[str]:
    """Plans whose jurisdiction holds this administrative code (by prefix) or names this district."""
    return [
        plan.id
        for plan in plans.values()
        if (admin_code and admin_code.startswith(tuple(plan.jurisdiction.admin_codes)))
        or (district and district in plan.jurisdiction.names)
    ]


def named_by_plan(site: Site, plans: dict[str, Plan], places: PlaceReader | None) -> tuple[str, str, str] | None:
    """For a site no plan's places hold, the plan that names it (by its own name, as named places are read) and the
    notice saying so (zh, en): (plan id, zh, en), or None."""
    if places is None or plans_for_place(site.admin_code, site.district, plans):
        return None
    place = places.naming_plan(site) if places.has_places(site.kind) else None
    if place is None or place.plan not in plans:
        return None
    where, title = site.district or site.admin_code, plans[place.plan].short_zh
    return (
        place.plan,
        f"{where} 不在任何方案的范围内，但站点是《{title}》点名的 {place.name}，按该方案评估",
        f"{where} is in no plan's area, but the site is {place.name}, named by plan {place.plan}: assessed against it",
    )


def named_as_other_kinds(site: Site, plans: dict[str, Plan], places: PlaceReader | None) -> tuple[str, str] | None:
    """For a site no plan's places hold whose name is a place a plan names, filed as a kind the plan's rules do not
    ask of that place (枋洋水利枢纽工程 as a 建设项目): what to say (zh, en), naming the plan and the kinds to file it
    as; None otherwise."""
    if places is None or plans_for_place(site.admin_code, site.district, plans):
        return None
    place = places.named_as_other_kinds(site)
    if place is None or place.plan not in plans:
        return None
    return _file_as(site, place, plans[place.plan], places)


def misfiled(
    site: Site, plans: dict[str, Plan], chosen: list[str], places: PlaceReader | None
) -> tuple[str, str] | None:
    """For a site one of the `chosen` plans covers whose own name is a place that plan names, filed as a kind the
    plan does not ask of it as (西海域 or 大嶝海域 as a 水体, 筼筜湖 as a 河流, 枋洋水利枢纽工程 as a 建设项目):
    what to say (zh, en), naming the place and the kinds to file it as; None otherwise. Assessed as filed, every duty
    the plan sets the place would be dropped as if it were no named place. A division (district, township, village)
    is where a site lies, read from the division table: a township or village site is never misfiled by its name (a
    township written 汀溪 is 汀溪镇, not the river), and a site named as a division is another place of that name (the
    river 日溪 of 日溪乡); but a district or city site named as a place that is no division, and as no district the
    table knows (福兴经济开发区 filed as a 区), would be assessed as the whole district, so it is refused likewise."""
    if places is None:
        return None
    place = places.named_as_other_kinds(site)
    if place is None or place.plan not in chosen or place.plan not in plans or set(place.kinds) <= set(DIVISION_KINDS):
        return None
    if site.kind in DIVISION_KINDS and (
        site.kind in ("township", "village")
        or set(place.kinds) & set(DIVISION_KINDS)
        or places.is_district_name(site.name)
    ):
        return None
    return _file_as(site, place, plans[place.plan], places)


DIVISION_KINDS = ("city", "district", "township", "village")
"""Kinds of site that are a division: a township written 汀溪 is 汀溪镇, not the river the plan names."""


def _file_as(site: Site, place: Place, plan: Plan, places: PlaceReader) -> tuple[str, str]:
    """That `site` is `place`, which `plan` names as other kinds than the site's, and the kinds to file it as."""
    names = [places.kind_names.get(kind, (kind, kind)) for kind in place.kinds]
    mine = places.kind_names.get(site.kind, (site.kind, site.kind))
    kinds_zh, kinds_en = "/".join(zh for zh, _ in names), _either([en for _, en in names])
    said = site.name if site.name == place.name else f"{site.name}（{place.name}）"
    which_zh = f"{kinds_zh}之一" if len(names) > 1 else kinds_zh
    which_en = f"one of those kinds ({_either(place.kinds)})" if len(names) > 1 else _a(place.kinds[0])
    return (
        f"{said}是《{plan.short_zh}》点名的地点，方案对它的要求按{kinds_zh}提出，不按{mine[0]}：请按{which_zh}填报",
        f"{said} is a place plan {plan.id} ({plan.short_en}) names, whose rules ask of it as {_a(kinds_en)}, not as"
        f" {_a(mine[1])}: file it as {which_en}",
    )


def _a(words: str) -> str:
    """English words with their indefinite article: an airport, a project."""
    return f"{'an' if words[:1].lower() in 'aeiou' else 'a'} {words}"


def _either(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"


def covering_plans(
    site: Site, plans: dict[str, Plan], requested: list[str] | None, source: str, places: PlaceReader | None = None
) -> list[str]:
    """Plans whose jurisdiction contains the site, or exactly those requested with --plan; outside every plan's places,
    the plan that names the site (`named_by_plan`). A site that is a place one of them names, filed as a kind the plan
    does not ask of it as, is an InputError saying the kinds to file it as (`misfiled`)."""
    chosen = _covering(site, plans, requested, source, places)
    told = misfiled(site, plans, chosen, places)
    if told is not None:
        raise InputError([Problem(source, None, "site", f"{told[1]} / {told[0]}")])
    return chosen


def _covering(
    site: Site, plans: dict[str, Plan], requested: list[str] | None, source: str, places: PlaceReader | None
) -> list[str]:
    if requested:
        unknown = [p for p in requested if p not in plans]
        if unknown:
            hint = did_you_mean(unknown[0], plans)
            raise InputError(
                [Problem("--plan", None, "", f"unknown plan {unknown[0]!r}{hint}; known: {', '.join(plans)}")]
            )
        return list(requested)
    if not site.admin_code and not site.district:
        message = "the site has no admin_code or district, so no plan can be chosen; add one, or pass --plan"
        raise InputError([Problem(source, None, "site", message)])
    by_code, by_name = plans_for_place(site.admin_code, "", plans), plans_for_place("", site.district, plans)
    if by_code and by_name and by_code != by_name:
        message = (
            f"district {site.district!r} ({', '.join(by_name)}) and admin_code {site.admin_code} "
            f"({', '.join(by_code)}) are in different plans' places; correct one of them"
        )
        raise InputError([Problem(source, None, "site", message)])
    found = plans_for_place(site.admin_code, site.district, plans)
    named = named_by_plan(site, plans, places) if not found else None
    if named is not None:
        return [named[0]]
    other = named_as_other_kinds(site, plans, places) if not found and named is None else None
    if other is not None:
        where = site.admin_code or site.district
        message = f"no plan covers {where}, but {other[1]} / {where}不在任何方案的范围内，但{other[0]}"
        raise InputError([Problem(source, None, "site", message)])
    if not found:
        raise InputError([_uncovered(site, plans, source)])
    return found


def _uncovered(site: Site, plans: dict[str, Plan], source: str) -> Problem:
    """No plan covers the site's admin_code or district: the field, the plans' places, the closest of them."""
    field, where = ("site.admin_code", site.admin_code) if site.admin_code else ("site.district", site.district)
    names = [name for plan in plans.values() for name in plan.jurisdiction.names]
    near = did_you_mean(where, names) if field == "site.district" else ""
    covered = "; ".join(f"{p.id}: {', '.join(p.jurisdiction.names)}" for p in plans.values())
    near_zh = f"（是否指：{near.removeprefix(' (did you mean ').removesuffix('?)')}？）" if near else ""
    message = (
        f"no plan covers {where}{near} (plans cover {covered}); correct the {field.removeprefix('site.')}, or pass"
        f" --plan to assess against one anyway / 没有方案覆盖“{where}”{near_zh}（各方案的范围：{covered}）；"
        f"请更正{'所在区' if field == 'site.district' else '行政区划代码'}，或用 --plan 指定方案"
    )
    return Problem(source, None, field, message)


def requested_elsewhere(
    admin_code: str, district: str, plans: dict[str, Plan], requested: list[str] | None
) -> tuple[str, str] | None:
    """When --plan names plans other than those whose places hold the site, a warning saying so (zh, en)."""
    found = plans_for_place(admin_code, district, plans) if requested else []
    if not found or set(found) & set(requested or []):
        return None
    place, home, given = district or admin_code, "、".join(found), "、".join(requested or [])
    return (
        f"{place} 属于方案 {home} 的范围，却按 --plan {given} 评估：结论只说明是否满足 {given} 的要求",
        f"{place} is in the area of plan {home}, but --plan {given} was given: the verdict is against {given} only",
    )


def placed_in_plans(facts: Facts, places: PlaceReader, pack: RulePack, chosen: list[str]) -> tuple[Facts, list[Notice]]:
    """The facts with `named_place` read (`PlaceReader.fill`), a stated place that only a plan not covering the site
    names (山仔水库 of 晋安's plan, for a reservoir of 集美区) left out first with a warning, as a stated place
    contradicting the site's district gives way: the site's own names are read instead."""
    stated = facts.observations.get(PLACE_METRIC)
    named = [p for p in pack.gazetteer.places if stated is not None and p.name == stated.value]
    if not named or any(p.plan in chosen for p in named):
        return places.fill(facts, chosen)
    place = named[0]
    plan = pack.plans.get(place.plan)
    zh, en = (plan.short_zh, plan.short_en) if plan is not None else (place.plan, place.plan)
    observations = {m: o for m, o in facts.observations.items() if m != PLACE_METRIC}
    facts, notices = places.fill(facts.model_copy(update={"observations": observations}), chosen)
    notice = Notice(
        text_zh=f"规划点名地点填为“{place.name}”，是另一方案《{zh}》点名的地点，与站点所在区不符：未采用，按站点名称认定",
        text_en=f"named_place is stated as {place.name!r}, a place another plan ({en}) names, not one of the"
        " site's district: not used, the site's own names are read",
    )
    return facts, [notice, *notices]
