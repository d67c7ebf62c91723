"""The findings.jsonl text of a batch's classes: each finding kept as a Template, its JSON with a slot for each
site-specific part, filled per site with that site's values.

A class's findings are assessed once with `SlotDisplay`, which shows each observed value, each gap to a
target and each series note as a marked slot; `template_of` turns the JSON into a bytes %-pattern with a
field per slot. Filling a slot reads the site's own facts the way `check` words them (`display`, `gap_fields`,
the series notes), so the text is the same as a full assessment's.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO

from compliance.assess import recency
from compliance.assess.gap import GapFields, gap_fields, gap_model
from compliance.assess.series import SeriesFinding, series_findings, series_notes_text, series_said, series_text
from compliance.assess.timing import targets_of, timing
from compliance.batch.rowfacts import MEMO_LIMIT, RowFacts
from compliance.batch.sheetrows import REASON_AT, finding_cells, line_cells
from compliance.engine import derive
from compliance.model.checks import comparisons_of, metrics_of, trends_of
from compliance.model.metric import Metric, display
from compliance.model.plan import FROM_BASELINE, Requirement, RulePack, Target
from compliance.model.result import ObservedValue, TargetView
from compliance.report.xlsx import Cell

BODY_LIMIT = 8_000
"""Filled finding texts kept per worker (each about 1.5 KB)."""
_SLOT = re.compile(
    '"\ue000v(\\d+)\ue001"|\ue000([ze])(\\d+)\ue001|\ue000n([^|\ue001]+)\\|(\\w+)\\|(\\d+)\ue001'
    '|"\ue000g([^|\ue001]+)\\|([fa])\ue001"'
)
_MARK = "\ue000"
_REASON = b'"reason_zh":"'
_REASON_END = b'","reason_en":'
"""What a finding's reason_zh stands between in its line (a JSON string holds no bare quote, so neither can
occur inside another string; `sheet_cells` makes sure each occurs once in the template)."""

Slot = tuple[str, int] | tuple[str, str, str] | tuple[str, str, str, int]
"""("v"|"z"|"e", metric slot): a value or its zh/en display; ("g", requirement, "f"|"a"): the gap to the target
in force or ahead; ("n", requirement, notes list, index): a series note."""


@dataclass(frozen=True, eq=False)
class Template:
    """A finding's JSON (without its opening brace), UTF-8, as a bytes %-pattern with a named field per slot.

    `depends` names the metrics whose values (or dated series) fill the slots: the filled text is a function
    of them alone, so it is remembered per template and values (compared by identity: a template is kept
    alive by the memo key that holds it)."""

    pattern: bytes
    slots: tuple[tuple[bytes, Slot], ...]
    """Each slot with its field name in `pattern`."""
    depends: tuple[str, ...]
    remembered: bool
    """Whether filled texts are worth remembering: not when a dated series fills them (series rarely repeat)."""
    sheet: tuple[Cell, ...] | None
    """Its row on report.xlsx's findings sheet after the site's own cells (see `sheet_cells`)."""


def field_name(slot: Slot) -> str:
    """`v3`, `z3`, `e3` for a metric slot; `n_<requirement>_<list>_<index>` for a series note."""
    if len(slot) >= 3:
        return f"{slot[0]}_" + "_".join(str(part) for part in slot[1:]).replace("-", "_")
    return f"{slot[0]}{slot[1]}"


class SlotDisplay:
    """Shows each site-specific part of a finding as a slot to fill per site: an observed value (`value`, its
    zh and en display), the gap to each target, and each note on a dated series (the class fixes how many)."""

    def __init__(self, slot_of: dict[str, int]) -> None:
        self._slot_of = slot_of

    def observed(self, value: ObservedValue) -> ObservedValue:
        slot = self._slot_of[value.metric]
        return value.model_copy(
            update={
                "value": f"\ue000v{slot}\ue001",
                "display_zh": f"\ue000z{slot}\ue001",
                "display_en": f"\ue000e{slot}\ue001",
            }
        )

    def target(
        self, requirement: Requirement, view: TargetView, ahead: bool, gapped: Callable[[], TargetView]
    ) -> TargetView:
        """The target with a slot where each site's gap to it goes (or null, when it has none)."""
        return view.model_copy(update={"gap": f"\ue000g{requirement.id}|{'a' if ahead else 'f'}\ue001"})

    def notes(self, requirement: Requirement, notes: dict[str, list[str]]) -> dict[str, list[str]]:
        return {
            name: [f"\ue000n{requirement.id}|{name}|{index}\ue001" for index in range(len(texts))]
            for name, texts in notes.items()
        }


def template_of(text: str, metric_of_slot: Callable[[Slot], list[str]], dated: set[str]) -> Template:
    """The Template of a finding's JSON as `SlotDisplay` showed it; `dated`, the metrics read as series."""
    parts: list[str] = []
    slots: list[Slot] = []
    position = 0
    for match in _SLOT.finditer(text):
        parts.append(text[position : match.start()].replace("%", "%%"))
        slot: Slot
        if match.group(1) is not None:
            slot = ("v", int(match.group(1)))
        elif match.group(2) is not None:
            slot = (match.group(2), int(match.group(3)))
        elif match.group(7) is not None:
            slot = ("g", match.group(7), match.group(8))
        else:
            slot = ("n", match.group(4), match.group(5), int(match.group(6)))
        slots.append(slot)
        parts.append(f"%({field_name(slot)})s")
        position = match.end()
    parts.append(text[position:].replace("%", "%%") + "\n")
    named = {field_name(slot): slot for slot in slots}
    depends = dict.fromkeys(metric for slot in named.values() for metric in metric_of_slot(slot))
    remembered = not any(metric in dated for metric in depends)
    slotted = tuple((name.encode(), slot) for name, slot in named.items())
    pattern = "".join(parts).encode()
    return Template(pattern, slotted, tuple(depends), remembered, sheet_cells(text, pattern))


def sheet_cells(text: str, pattern: bytes) -> tuple[Cell, ...] | None:
    """A template's findings-sheet cells after the row, site id and name: the same for every site but the
    reason, which `sheet_row` reads from each site's filled line. None when another cell holds a slot or
    the reason's bounds are not each found once: each line is then parsed whole."""
    once = pattern.count(_REASON) == 1 and pattern.count(_REASON_END) == 1
    if not once or pattern.find(_REASON_END) < pattern.find(_REASON):
        return None
    cells = finding_cells({"row": 0, "site": "", "site_name": ""} | json.loads("{" + text))
    if any(isinstance(cell, str) and _MARK in cell for at, cell in enumerate(cells) if at != REASON_AT):
        return None
    return tuple(cells[3:])


def sheet_row(
    template: Template,
    number: int,
    site_fields: dict[str, str],
    head: bytes,
    body: bytes,
    reasons: dict[bytes, str],
    tab: str = "",
) -> list[Cell]:
    """A site's row on the findings sheet for its line `head` + `body` (what the line reads, not parsed whole).
    `reasons`: the reason of each remembered body (the same body object comes back site after site)."""
    cells = template.sheet
    if cells is None:
        return line_cells(head + body)
    reason = reasons.get(body) if template.remembered else None
    if reason is None:
        start = body.index(_REASON) + len(_REASON)
        text = body[start : body.index(_REASON_END, start)]
        reason = json.loads(b'"' + text + b'"') if b"\\" in text else text.decode()
        if template.remembered:
            if len(reasons) >= BODY_LIMIT:
                reasons.clear()
            reasons[body] = reason
    row: list[Cell] = [number, site_fields["id"], site_fields["name"], *cells]
    row[REASON_AT] = reason
    return [tab, *row] if tab else row


def _gap_inputs(requirement: Requirement) -> tuple[str, ...]:
    """The engine numbers a requirement's gap is a function of: its comparisons' metrics and its changes from a
    baseline (`derive` gives `gap_fields` the same change); none when another trend reads its series period by
    period."""
    trends = trends_of(requirement.check)
    if any(spec.rule not in FROM_BASELINE for spec in trends):
        return ()
    compared = [comparison.metric for comparison in comparisons_of(requirement.check)]
    return tuple(dict.fromkeys([*compared, *(derive.derived_key(spec) for spec in trends)]))


def json_text(text: str) -> str:
    """The inside of a JSON string for `text`."""
    if text.isprintable() and '"' not in text and "\\" not in text:
        return text
    return json.dumps(text, ensure_ascii=False)[1:-1]


def json_value(value: float | bool | str) -> str:
    if isinstance(value, str):
        return f'"{json_text(value)}"'
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value)


def line_head(number: int, site_fields: dict[str, str], tab: str = "") -> bytes:
    """The start of a findings.jsonl line: row (after its sheet `tab`, in a run of several sheets), site id and
    name, before the finding's own fields."""
    site, name = json_value(site_fields["id"]), json_value(site_fields["name"])
    sheet = f'"sheet":{json_value(tab)},' if tab else ""
    return f'{{{sheet}"row":{number},"site":{site},"site_name":{name},'.encode()


class FindingTexts:
    """The templates of a batch's findings and their filling per site. `slot_metrics` are the metrics in slot
    order (as `SlotDisplay` numbers them); `dated`, those read as series."""

    def __init__(self, pack: RulePack, as_of: dt.date, slot_metrics: list[Metric], dated: set[str]) -> None:
        self.pack = pack
        self.as_of = as_of
        self.slot_metrics = slot_metrics
        self._slot_ids = [metric.id for metric in slot_metrics]
        self.dated = dated
        self.requirement_of = {r.id: r for r in pack.requirements}
        self._templates: dict[str, Template] = {}
        self._bodies: dict[tuple[object, ...], bytes] = {}
        self._reasons: dict[bytes, str] = {}
        """The findings-sheet reason of each remembered body (see `sheet_row`)."""
        self._shown: dict[tuple[str, str], dict[float | bool | str, str]] = {}
        """Per metric and language, each value's `display`: a series repeats values period after period."""
        self._series_notes: dict[tuple[str, tuple[SeriesFinding, ...]], dict[str, list[str]]] = {}
        self._gap_inputs: dict[str, tuple[str, ...]] = {}
        """Per requirement, the engine numbers its gap is made of (none: it reads a series beyond them)."""
        self._gaps: dict[tuple[object, ...], str] = {}
        """Each gap's JSON by requirement, target and numbers (as many kept as filled texts: each is a few hundred
        bytes)."""
        self._gap_targets: dict[tuple[str, bool], Target | None] = {}
        """Per requirement, the target in force (False) or ahead (True) at the as-of date: what gaps are to."""

    def template(self, text: str) -> Template:
        """One Template per distinct finding text, shared by every class that writes it."""
        template = self._templates.get(text)
        if template is None:
            template = self._templates[text] = template_of(text, self._slot_metrics, self.dated)
        return template

    def forget_templates(self) -> None:
        """Let go of the templates no class holds any more (when the classes start afresh)."""
        self._templates.clear()

    def fill(
        self,
        templates: list[Template],
        number: int,
        site_fields: dict[str, str],
        facts: RowFacts,
        out: IO[bytes],
        sheet: list[list[Cell]] | None = None,
        tab: str = "",
    ) -> None:
        """Write a class's findings for this site: each template filled with the site's values (and, given
        `sheet`, their findings-sheet rows added to it); `tab`: the workbook sheet the row is of, if named."""
        head = line_head(number, site_fields, tab)
        values, bodies, write = facts.values, self._bodies, out.write
        for template in templates:
            write(head)
            if not template.remembered:
                body = template.pattern % self._slot_texts(template, facts)
            else:
                depends = template.depends
                if len(depends) == 1:
                    key: tuple[object, ...] = (template, values.get(depends[0]))
                else:
                    key = (template, *[values.get(m) for m in depends])
                found = bodies.get(key)
                if found is None:
                    body = template.pattern % self._slot_texts(template, facts)
                    if len(bodies) >= BODY_LIMIT:
                        bodies.clear()
                    bodies[key] = body
                else:
                    body = found
            write(body)
            if sheet is not None:
                sheet.append(sheet_row(template, number, site_fields, head, body, self._reasons, tab))

    def _slot_metrics(self, slot: Slot) -> list[str]:
        """The metrics a slot's text is made from: its own, a series note's trend metrics, or a gap's check's."""
        if len(slot) == 4:
            return [spec.metric for spec in trends_of(self.requirement_of[slot[1]].check)]
        if len(slot) == 3:
            check = self.requirement_of[slot[1]].check
            return list(dict.fromkeys([*metrics_of(check), *(spec.metric for spec in trends_of(check))]))
        return [self.slot_metrics[slot[1]].id]

    def _slot_texts(self, template: Template, facts: RowFacts) -> dict[bytes, bytes]:
        texts: dict[bytes, bytes] = {}
        notes: dict[str, list[str]] | None = None
        for name, slot in template.slots:
            if len(slot) == 4:
                _, requirement_id, which_list, index = slot
                if notes is None:  # a template is one requirement's finding
                    notes = self._notes(self.requirement_of[requirement_id], facts)
                text = json_text(notes[which_list][index])
            elif len(slot) == 3:
                text = self._gap_json(slot[1], slot[2] == "a", facts)
            else:
                which, position = slot
                metric, metric_id = self.slot_metrics[position], self._slot_ids[position]
                value = facts.values[metric_id]
                periods = facts.series.get(metric_id)
                if which == "v":
                    text = json_value(value)
                elif periods is not None:
                    text = json_text(self._series_text(periods, metric, "zh" if which == "z" else "en"))
                else:
                    text = json_text(display(value, metric, "zh" if which == "z" else "en"))
            texts[name] = text.encode()
        return texts

    def _gap_json(self, requirement_id: str, ahead: bool, facts: RowFacts) -> str:
        """`gap` as a findings.jsonl line holds it, remembered per the numbers it is made of where those are
        the site's engine numbers alone (single comparisons, changes from a baseline): many sites share them."""
        inputs = self._gap_inputs.get(requirement_id)
        if inputs is None:
            inputs = self._gap_inputs[requirement_id] = _gap_inputs(self.requirement_of[requirement_id])
        if not inputs:
            return gap_json(self.gap(requirement_id, ahead, facts))
        numbers = facts.numbers
        key = (requirement_id, ahead, *[numbers.get(name) for name in inputs])
        text = self._gaps.get(key)
        if text is None:
            text = gap_json(self.gap(requirement_id, ahead, facts))
            if len(self._gaps) >= BODY_LIMIT:
                self._gaps.clear()
            self._gaps[key] = text
        return text

    def gap(self, requirement_id: str, ahead: bool, facts: RowFacts) -> GapFields | None:
        """A site's gap to the target in force (or ahead), from the one place gaps are computed."""
        requirement = self.requirement_of[requirement_id]
        key = (requirement_id, ahead)
        if key not in self._gap_targets:
            issued = self.pack.plans[self.pack.plan_of[requirement_id]].issued
            when = timing(requirement, self.as_of, issued, recency.first_due(requirement, self.pack.catalogue))
            index = when.ahead if ahead else when.in_force
            target = targets_of(requirement)[index] if index is not None else None
            self._gap_targets[key] = target
        target = self._gap_targets[key]
        if target is None:
            return None
        as_of, catalogue = self.as_of, self.pack.catalogue
        return gap_fields(
            requirement.check, target.value, target.due, ahead, as_of, facts.numbers.get, facts.dated.get, catalogue
        )

    def _notes(self, requirement: Requirement, facts: RowFacts) -> dict[str, list[str]]:
        """The series notes of a site's finding, remembered by what they say (which periods break a rule)."""
        found = series_findings(requirement, facts.dated.get, self.pack.catalogue)
        key = (requirement.id, found)
        notes = self._series_notes.get(key)
        if notes is None:
            if len(self._series_notes) >= BODY_LIMIT:  # a change from a baseline is new for most sites: keep few
                self._series_notes.clear()
            notes = self._series_notes[key] = series_notes_text(requirement, found, self.pack.catalogue)
        return notes

    def _series_text(self, periods: dict[str, float | bool | str], metric: Metric, lang: str) -> str:
        """`series_display(periods, metric, lang)`, each value's text remembered: a series repeats values
        period after period, site after site."""
        shown = self._shown.get((metric.id, lang))
        if shown is None:
            shown = self._shown[(metric.id, lang)] = {}
        parts: list[tuple[str, str]] = []
        for period, value in periods.items():
            text = shown.get(value)
            if text is None:
                if len(shown) >= MEMO_LIMIT:
                    shown.clear()
                text = shown[value] = display(value, metric, lang)
            parts.append((period, text))
        return series_text(parts, lang) + series_said(periods, metric, lang)


def gap_json(fields: GapFields | None) -> str:
    """A gap as `Gap.model_dump_json` writes it, made without the model (a batch writes one per site per finding);
    an amount a float's shortest text would write with an exponent goes through the model."""
    if fields is None:
        return "null"
    met, amount, unit, periods, days_overdue, days_left, zh, en = fields
    amount_text = "null" if amount is None else repr(amount)
    if amount is not None and (not amount_text[-1].isdigit() or "e" in amount_text):  # 1e-06, inf, nan
        model = gap_model(fields)  # as the model writes them
        assert model is not None
        return model.model_dump_json()
    listed = ",".join(f'"{json_text(period)}"' for period in periods)
    overdue = "null" if days_overdue is None else str(days_overdue)
    left = "null" if days_left is None else str(days_left)
    return (
        f'{{"met":{"true" if met else "false"},"amount":{amount_text},"unit":"{json_text(unit)}","periods":[{listed}],'
        f'"days_overdue":{overdue},"days_left":{left},"text_zh":"{json_text(zh)}","text_en":"{json_text(en)}"}}'
    )
