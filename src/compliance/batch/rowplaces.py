"""Where a table row's site is: its district and township resolved from names and codes (`load.divisions`),
the plans covering it, the named place its names match, and the Site `check` would read from them.

Rows repeat a few places many times, so each place as written, each code prefix and each set of names is
resolved once and kept.
"""

from __future__ import annotations

import re

from compliance.assess.applicability import (
    covering_plans,
    misfiled,
    plans_for_place,
    requested_elsewhere,
)
from compliance.assess.namefacts import read_by_name, stated_by_name
from compliance.assess.places import PlaceReader
from compliance.batch.columns import Columns
from compliance.batch.rowfacts import MEMO_LIMIT, RowFacts, RowRejected
from compliance.batch.tally import Tally
from compliance.engine import derive
from compliance.load.divisions import PLACE_KINDS, Divisions, Place, PlaceConflict, divisions_of, normal_code
from compliance.load.groupfacts import denied_groups
from compliance.model.facts import Facts, Site
from compliance.model.gazetteer import NO_PLACE, PLACE_METRIC
from compliance.model.implied import implied, settled_metrics
from compliance.model.namewords import fact_conflicts, name_contradictions
from compliance.model.plan import RulePack
from compliance.model.problems import InputError

_NAME_FIELDS = ("name", "aliases", "groups", "district", "township", "admin_code")
"""The site fields a named place is read from."""
_UNREAD = object()
"""A row's names whose named place is not yet read."""
_LIST = re.compile(r"[、;；,，]")
"""What separates the aliases or groups written in one cell."""


def _village(code: str) -> bool:
    """A 12-digit village code (not a zero-padded township or district one): read down to its township."""
    return len(code) == 12 and code.isdigit() and not code.endswith("000")


class RowPlaces:
    """Places and plans of the rows of a batch of one `kind`; `plans`, the --plan plans if any; `named`, the
    named-place reader for kinds with named places (None for others); `source` names the input."""

    def __init__(
        self, pack: RulePack, kind: str, plans: list[str] | None, source: str, named: PlaceReader | None
    ) -> None:
        self.pack = pack
        self.kind = kind
        self.plans = plans
        self.source = source
        self.named = named
        self._code_only = named is not None and named.by_code_only(kind)
        """Whether the kind's named places are only the districts its sites lie in: then only the code and district
        decide, and a row's place is remembered by them (asked once here, not per row: the reader is not compiled)."""
        self.divisions: Divisions = divisions_of(pack.divisions)
        self._gazetteer = (pack.gazetteer, self.divisions)
        """What a row's groups are read with (`load.groupfacts`): 福兴开发区 is the group 福兴经济开发区."""
        self._located: dict[tuple[str, str, str, str], tuple[Place, str] | PlaceConflict] = {}
        """Each place as written (name of a division site, code to the township, district, township), resolved."""
        self._plans: dict[tuple[str, str], list[str]] = {}
        """Plans by (admin code prefix, district): plans match codes by prefix, never longer than this."""
        self._elsewhere: dict[str, str] = {}
        """Per district, the warning that --plan is not the plan of its place (empty: none)."""
        self.by_name = read_by_name(pack.catalogue, kind)
        """The yes/no facts a row's name states when no column does (风景名胜区 in a 景区's name: 属自然保护地)."""
        self._kind = kind
        conflicting = any(kind in c.kinds for m in pack.catalogue.metrics for c in m.conflicts)
        self._only_yes = conflicting or any(m.read_from_name and m.read_from_name.only_yes for m in self.by_name)
        """Whether a row's names or facts may contradict each other (`model.namewords`): then they are compared."""
        kind_said = pack.catalogue.kind(kind).states.values()
        self.settled = settled_metrics(pack.catalogue, kind)
        """Yes/no facts another the row states may settle (`model.implied`: 闽江干流省控断面 是, no small watershed)."""
        self.slotted = [*self.by_name, *(pack.catalogue.metric(m) for said in kind_said for m in said), *self.settled]
        """Facts a row may hold that no column gives: what its name, its kind word (拆除工程) or another fact states."""
        self._code_length = max((len(c) for p in pack.plans.values() for c in p.jurisdiction.admin_codes), default=0)
        self._place_of: dict[tuple[str, ...], object] = {}
        self._reader = None if kind in ("township", "village") else named or PlaceReader.of(pack)
        """Every kind's places, to tell a row that is a named place filed as another kind (西海域 as a 水体;
        福兴经济开发区 as a 区: a township or village row is read from the division table whatever its name)."""
        self._misfiled: dict[tuple[object, ...], tuple[str, str] | None] = {}
        self._naming: dict[str, list[str]] = {}
        """Per named place, the plans naming it (in gazetteer order): a stated one only others name is not used."""
        for place in pack.gazetteer.places:
            self._naming.setdefault(place.name, []).append(place.plan)

    def locate(self, site_fields: dict[str, str], columns: Columns, tally: Tally) -> None:
        """The row's place resolved in `site_fields`: district and township names and codes filled from each
        other (see `load.divisions`), and the name resolved from them or else the id; a code and a name that
        disagree reject the row."""
        code = site_fields.get("admin_code", "")
        found = self.resolved(site_fields.get("name", ""), code, site_fields["district"], site_fields["township"])
        if isinstance(found, PlaceConflict):
            raise RowRejected(columns.title(found.field), found.message)
        place, resolved_name = found
        if _village(code):  # a village's own code, in ASCII digits (３５０２… read as 3502…)
            site_fields["admin_code"] = code if code.isascii() else normal_code(code)
        else:
            site_fields["admin_code"] = place.admin_code
        site_fields["district"], site_fields["township"] = place.district, place.township
        site_fields["district_code"], site_fields["township_code"] = place.district_code, place.township_code
        site_fields["name"] = resolved_name or site_fields.get("name") or site_fields["id"]
        for warning in place.warnings:
            tally.warn(warning)
        if self.plans:
            elsewhere = self._elsewhere.get(place.district)
            if elsewhere is None:
                said = requested_elsewhere(place.district_code, place.district, self.pack.plans, self.plans)
                elsewhere = self._elsewhere[place.district] = " / ".join(said) if said else ""
            if elsewhere:
                tally.warn(elsewhere)
        tally.place_codes.setdefault((place.district, place.township), (place.district_code, place.township_code))
        self._refuse_misfiled(site_fields, columns)

    def _refuse_misfiled(self, site_fields: dict[str, str], columns: Columns) -> None:
        """Reject a row whose own name is a place its plan names, filed as a kind the plan does not ask of it as
        (西海域 as a 水体, `applicability.misfiled`): assessed as filed, every duty of the place would be dropped."""
        if self._reader is None:
            return
        chosen = self.plans or plans_for_place(site_fields["admin_code"], site_fields["district"], self.pack.plans)
        names = (tuple(chosen), *(site_fields.get(f, "") for f in ("name", "name_en", "aliases")))
        if names not in self._misfiled:
            told = misfiled(self.site(site_fields), self.pack.plans, list(chosen), self._reader)
            if len(self._misfiled) >= MEMO_LIMIT:
                self._misfiled.clear()
            self._misfiled[names] = told
        told = self._misfiled[names]
        if told is not None:
            raise RowRejected(columns.title("kind") or "kind", f"{told[0]} / {told[1]}", member=True)

    def homes(self, name: str, code: str, district: str, township: str) -> list[Place]:
        """The places, one a district, a row whose 所在区, code and 乡镇 contradict one another may be in: by its
        所在区 alone (first: the row is shown under it), its code alone and its 乡镇 alone, each that can be read;
        none when its 所在区 cannot be read (then it may be of any district: `Tally.unplaced`)."""
        found = [self.resolved(name, *written) for written in (("", district, ""), (code, "", ""), ("", "", township))]
        if isinstance(found[0], PlaceConflict):
            return []
        if not found[0][0].district_code:  # 福州晋安 as written: a district no plan knows, so already of any district
            return [found[0][0]]
        places: dict[str, Place] = {}
        for place in (f[0] for f in found if not isinstance(f, PlaceConflict) and f[0].district_code):
            places.setdefault(place.district_code, place)
        return list(places.values())

    def resolved(self, name: str, code: str, district: str, township: str) -> tuple[Place, str] | PlaceConflict:
        """`Divisions.resolve`, remembered per place as written (a village code read to its township); a
        conflict is said with the code as written."""
        kind = self.kind
        key = (name if kind in PLACE_KINDS else "", code[:9] if _village(code) else code, district, township)
        found = self._located.get(key)
        if found is None:
            try:
                found = self.divisions.resolve(kind, *key)
            except PlaceConflict as conflict:
                found = conflict
            if len(self._located) >= MEMO_LIMIT:
                self._located.clear()
            self._located[key] = found
        if isinstance(found, PlaceConflict) and key[1] != code:
            try:
                self.divisions.resolve(kind, key[0], code, district, township)
            except PlaceConflict as conflict:
                return conflict
        return found

    def plans_for(self, site_fields: dict[str, str]) -> list[str]:
        """The --plan plans, else those covering the row's place; no plan is an InputError naming them."""
        if self.plans:
            return self.plans
        code, district = site_fields.get("admin_code", ""), site_fields["district"]
        place = (code[: self._code_length], district)
        found = self._plans.get(place)
        if found is None:
            found = plans_for_place(code, district, self.pack.plans)
            if (
                not found
            ):  # a place a plan names (枋洋水利枢纽工程 in 长泰区) is that plan's: its name decides, not memoised
                site = self.site(site_fields) if self.named is not None else Site(id="-", kind=self.kind, name="-")
                site = site.model_copy(update={"admin_code": code, "district": district})
                return covering_plans(site, self.pack.plans, None, self.source, self.named)
            if len(self._plans) >= MEMO_LIMIT:
                self._plans.clear()
            self._plans[place] = found
        return found

    def name_checked(self, site_fields: dict[str, str], facts: RowFacts, columns: Columns) -> RowFacts:
        """The row's facts, rejected where one given as 否 is a fact its name states as 是 (`model.namewords`: 垃圾焚烧
        in a waste facility's name), or where facts or its name deny each other (`Metric.conflicts`), or a group it
        is listed under is a place a fact given as 否 says it is not in (`load.groupfacts`), as `check` refuses such a
        file; with the yes/no facts another states settled (`model.implied`), as `check` reads them."""
        site = self.site(site_fields)
        for message in denied_groups(site.groups, facts.observations(), self.pack.catalogue, *self._gazetteer):
            raise RowRejected(columns.title("groups"), message)
        if self._only_yes:
            names = PlaceReader.names_of(site)
            for message in name_contradictions(self._kind, names, self.pack.catalogue, facts.values):
                raise RowRejected("name", message)
            for field, message in fact_conflicts(self._kind, names, self.pack.catalogue, facts.observations()):
                raise RowRejected(field, message)
        if self.settled:  # as `check` reads them (`model.implied.with_implied`)
            for metric_id, (value, _, _) in implied(self.pack.catalogue, self._kind, facts.values).items():
                metric = self.pack.catalogue.metric(metric_id)
                facts.values[metric_id], facts.numbers[metric_id] = value, derive.numeric(value, metric)
        return facts

    def place_warning(self, site_fields: dict[str, str], facts: RowFacts) -> str:
        """The row's named place read (`read_place`), with the warning a stated one set aside gives ('' for none):
        one that only a plan not covering the row names (山仔水库 of 晋安's plan, for a reservoir of 集美区) is not
        used, as `check` leaves it (`placed_in_plans`), and one the row's code or own name contradicts gives way."""
        other = self._named_elsewhere(site_fields, facts)
        stated = self.read_place(site_fields, facts)
        if other or not stated:
            return other
        zh = f"规划点名地点“{'无' if stated == NO_PLACE else stated}”与站点所在区或名称不符，按所在区或名称评估"
        return f"{zh} / named_place {stated!r} contradicts the site's district or name, which is assessed"

    def _named_elsewhere(self, site_fields: dict[str, str], facts: RowFacts) -> str:
        """The warning for a stated named place that only plans not covering the row name, taken out of the row's
        facts (its own names are read instead); '' where it is none (a row whose place no plan knows is rejected)."""
        stated = facts.values.get(PLACE_METRIC)
        naming = self._naming.get(str(stated)) if stated is not None else None
        if not naming:
            return ""
        try:
            if set(naming).intersection(self.plans_for(site_fields)):
                return ""
        except InputError:
            return ""
        del facts.values[PLACE_METRIC]
        facts.numbers.pop(PLACE_METRIC, None)
        plan = self.pack.plans.get(naming[0])
        zh, en = (plan.short_zh, plan.short_en) if plan is not None else (naming[0], naming[0])
        return (
            f"规划点名地点填为“{stated}”，是另一方案《{zh}》点名的地点，与站点所在区不符：未采用，按站点名称认定 /"
            f" named_place is stated as {str(stated)!r}, a place another plan ({en}) names, not one of the site's"
            " district: not used, the site's own names are read"
        )

    def read_place(self, site_fields: dict[str, str], facts: RowFacts) -> str:
        """The named place from the row's names, as `check` reads it (`PlaceReader.fill`); unsure (a close name)
        leaves it missing. A stated place that a sure reading contradicts gives way to it: the stated value is
        returned, for a warning ('' otherwise)."""
        stated = facts.values.get(PLACE_METRIC)
        for metric in self.by_name:  # as `check` reads them (`namefacts.with_name_facts`)
            if metric.id not in facts.values:
                said = stated_by_name(metric, PlaceReader.names_of(self.site(site_fields)))
                if said is not None:  # no word, of a fact a name may only say yes to: says nothing
                    facts.values[metric.id], facts.numbers[metric.id] = said[0], derive.numeric(said[0], metric)
        if self.named is None:
            return ""
        if self._code_only:
            names: tuple[str, ...] = (site_fields.get("admin_code", "")[:6], site_fields["district"])
        else:
            names = tuple(site_fields.get(f, "") for f in _NAME_FIELDS)
        found = self._place_of.get(names, _UNREAD)
        if found is _UNREAD:
            reading = self.named.read(self.site(site_fields))
            value = reading.value
            metric = self.pack.catalogue.metric(PLACE_METRIC)
            found = None if value is None else (value, derive.numeric(value, metric), reading.sure)
            if len(self._place_of) >= MEMO_LIMIT:
                self._place_of.clear()
            self._place_of[names] = found
        if stated is not None and (not isinstance(found, tuple) or not found[2] or found[0] == stated):
            return ""  # a stated place stands unless the division code or the site's own name says otherwise
        if isinstance(found, tuple):  # the place with its engine number, whose look-up among the levels is dear
            facts.values[PLACE_METRIC], facts.numbers[PLACE_METRIC] = found[0], found[1]
        return "" if stated is None else str(stated)

    def site(self, site_fields: dict[str, str]) -> Site:
        attributes: dict[str, str | float | bool | list[str]] = {}
        if site_fields.get("township"):
            attributes["township"] = site_fields["township"]
        groups = [g for g in _LIST.split(site_fields.get("groups", "")) if g.strip()]
        aliases = [a.strip() for a in _LIST.split(site_fields.get("aliases", "")) if a.strip()]
        return Site(
            aliases=aliases,
            id=site_fields["id"],
            kind=self.kind,
            name=site_fields["name"],
            name_en=site_fields.get("name_en", ""),
            admin_code=site_fields.get("admin_code", ""),
            district=site_fields["district"],
            groups=[g.strip() for g in groups],
            attributes=attributes,
        )

    def as_facts(self, site_fields: dict[str, str], facts: RowFacts, number: int) -> Facts:
        """The row as the Facts `check` reads from a facts file, for a full assessment."""
        observed, source = facts.observations(), f"{self.source}:{number}"
        site = self.site(site_fields)
        return Facts(site=site, observations=observed, source=source, holes=facts.holes, undecided=facts.undecided)
