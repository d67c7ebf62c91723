"""Checks on a rule pack beyond its schema: quotes verbatim, conflicting targets, undecidable rules."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from jsonschema import Draft202012Validator

from compliance.load.references import requirement_problem
from compliance.load.rules import PLAN_HEADER, plan_text, rule_files
from compliance.load.yamlsrc import parse, read, read_text
from compliance.model.plan import Comparison, Requirement, RequirementKind, RulePack, Scalar, Strength
from compliance.model.problems import InputError, Problem
from compliance.pack import load_pack
from compliance.schema import SCHEMA_DIR

RULES_SCHEMA = "rules.schema.json"


@dataclass(frozen=True)
class LintReport:
    errors: list[Problem]
    warnings: list[Problem]
    requirements: int


def _quotes(pack: RulePack, texts: dict[str, str]) -> list[Problem]:
    problems = []
    for requirement in pack.requirements:
        text = texts[pack.plan_of[requirement.id]]
        cited = [("quote", requirement.quote), ("section", requirement.section)]
        cited += [(f"also_cites.{c.id}.quote", c.quote) for c in requirement.also_cites]
        for field, quoted in cited:
            if quoted not in text:
                plan = pack.plans[pack.plan_of[requirement.id]]
                problems.append(
                    requirement_problem(
                        pack, requirement, field, f"not found verbatim in {plan.id}/{plan.text}: {quoted!r}"
                    )
                )
    return problems


def _responsible_units(pack: RulePack, rules_dir: Path, texts: dict[str, str]) -> list[Problem]:
    """Each 责任单位 entry like a quote: its section, its words and `also` verbatim in the plan text, and each unit
    named in them (a unit of a list sharing one 政府, 宦溪镇、寿山乡、日溪乡政府, is found by its own name)."""
    problems = []
    for plan in pack.plans.values():
        text = texts[plan.id]
        located = read(rules_dir / plan.id / PLAN_HEADER)
        for section, entry in plan.responsible_units.items():
            where = ("responsible_units", section)
            for field, quoted in (("section", section), ("text", entry.text), ("also", entry.also)):
                if quoted and quoted not in text:
                    message = f"{field} not found verbatim in {plan.id}/{plan.text}: {quoted!r}"
                    problems.append(located.problem((*where, field), message))
            words = entry.text + entry.also
            for unit in entry.units:
                if unit not in words and unit.removesuffix("政府") not in words:
                    message = f"unit {unit!r} is not named in text or also"
                    problems.append(located.problem((*where, "units"), message))
    return problems


Entry = tuple[Requirement, str, Scalar | list[Scalar] | None]
"""A requirement with the comparison it makes of a target: operator and value."""


def _number(value: Scalar | list[Scalar] | None) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _stretch_goal(entries: list[Entry]) -> bool:
    """One binding (or 基本) bound and stricter 力争 bounds on the same side: a floor with a higher aim
    (助力福州市达到75%… 区内力争达到79%), not a conflict."""
    ops = {op for _, op, _ in entries}
    if not (ops <= {">=", ">"} or ops <= {"<=", "<"}):
        return False
    firm = {(op, _number(value)) for r, op, value in entries if r.strength != Strength.STRIVE}
    aims = [_number(value) for r, _, value in entries if r.strength == Strength.STRIVE]
    if len(firm) != 1 or not aims:
        return False
    ((op, floor),) = firm
    upward = op in (">=", ">")
    return floor is not None and all(aim is not None and (aim > floor if upward else aim < floor) for aim in aims)


def _conflicts(pack: RulePack) -> list[Problem]:
    """Requirements testing the same metric of the same sites, due the same day, with different targets or
    strengths (e.g. 公园绿地服务半径覆盖率 > 96% vs ≥ 100% by 2025; 福兴 美丽园区 力争 vs binding). A binding bound
    with a stricter 力争 aim on the same side is not one (JA-25-28 ≥ 75% with JA-25-29 力争 ≥ 79%)."""
    seen: dict[tuple[str, str, str, str, str], list[Entry]] = defaultdict(list)
    for requirement in pack.requirements:
        check = requirement.check
        if not isinstance(check, Comparison):
            continue
        condition = requirement.applies.condition
        subject = repr(condition.model_dump() if condition is not None else None)
        for target in requirement.targets:
            value = check.value if check.value is not None else target.value
            due = target.due.isoformat() if target.due else "ongoing"
            for kind in requirement.applies.kinds:
                key = (pack.plan_of[requirement.id], check.metric, kind, subject, due)
                seen[key].append((requirement, check.op, value))
    warnings = []
    for (_, metric, kind, _, due), entries in sorted(seen.items()):
        targets = {f"{op} {value!r}" for _, op, value in entries}
        strengths = {r.strength.value for r, _, _ in entries}
        if len(targets) > 1 and not _stretch_goal(entries):
            listed = "; ".join(f"{r.id}: {op} {value!r}" for r, op, value in entries)
            message = f"conflicting targets for {metric} of a {kind} due {due}: {listed}"
            warnings.append(requirement_problem(pack, entries[0][0], "targets", message))
        elif len(targets) == 1 and len(strengths) > 1:
            listed = "; ".join(f"{r.id}: {r.strength.value}" for r, _, _ in entries)
            message = f"conflicting strength for {metric} of a {kind} due {due}: {listed}"
            warnings.append(requirement_problem(pack, entries[0][0], "strength", message))
    return warnings


def _undecidable(pack: RulePack) -> list[Problem]:
    return [
        requirement_problem(
            pack, r, "check", f"{r.kind.value} requirement without a check: shown as needs_review until encoded"
        )
        for r in pack.requirements
        if r.check is None and r.kind != RequirementKind.QUALITATIVE
    ]


def _one_language_notes(pack: RulePack) -> list[Problem]:
    """A reading documented in one language only: policy staff read `notes_zh`, the English reader `notes`,
    and each must find the same reading, so a rule with one and not the other is flagged."""
    problems = []
    for r in pack.requirements:
        if bool(r.notes) != bool(r.notes_zh):
            missing, present = ("notes_zh", "notes") if r.notes else ("notes", "notes_zh")
            message = f"{present} without {missing}: the reading is documented in one language only"
            problems.append(requirement_problem(pack, r, missing, message))
    return problems


def _iso(value: object) -> str:
    """A date as the JSON text the schema describes (YAML reads `2025-12-31` as a date)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"not JSON: {value!r}")


SchemaErrors = list[tuple[tuple[str | int, ...], str]]
_schema_errors: dict[bytes, SchemaErrors] = {}
"""A rule file's schema errors (where, message) by the digest of the schema's text and the file's bytes: they
follow from those alone, and a process that lints the same files again (the test suite, an editor's helper)
validates each file once."""
REMEMBERED_FILES = 4096


def _file_problems(validator: Draft202012Validator, schema: bytes, path: Path) -> list[Problem]:
    """One rule file's schema errors as problems at their lines: the file read once, parsed only when its
    errors are not remembered or there are errors to place."""
    text = read_text(path)
    key = hashlib.blake2b(schema + text.encode(), digest_size=20).digest()
    located = None
    if key not in _schema_errors:
        located = parse(text, str(path))
        as_json = json.loads(json.dumps(located.data, default=_iso))
        errors = sorted(validator.iter_errors(as_json), key=lambda e: list(map(str, e.absolute_path)))
        if len(_schema_errors) >= REMEMBERED_FILES:
            _schema_errors.clear()
        _schema_errors[key] = [(tuple(error.absolute_path), error.message) for error in errors]
    found = _schema_errors[key]
    if not found:
        return []
    located = located or parse(text, str(path))
    return [located.problem(where, f"{message} ({RULES_SCHEMA})") for where, message in found]


def _against_schema(pack: RulePack, rules_dir: Path) -> list[Problem]:
    """Each rule file against the shipped rules.schema.json, the schema an editor checks a rule file with: a
    file the loader reads but the schema refuses would show an editor errors that are not there."""
    text = (SCHEMA_DIR / RULES_SCHEMA).read_text(encoding="utf-8")
    validator, schema = Draft202012Validator(json.loads(text)), hashlib.blake2b(text.encode()).digest()
    problems = []
    for plan in pack.plans.values():
        for path in rule_files(rules_dir / plan.id):
            problems += _file_problems(validator, schema, path)
    return problems


def lint(rules_dir: Path) -> LintReport:
    try:
        pack = load_pack(rules_dir)
    except InputError as error:
        return LintReport(errors=error.problems, warnings=[], requirements=0)
    texts = {plan_id: plan_text(rules_dir, plan) for plan_id, plan in pack.plans.items()}  # an unreadable one: now
    return LintReport(
        errors=_against_schema(pack, rules_dir) + _quotes(pack, texts) + _responsible_units(pack, rules_dir, texts),
        warnings=_conflicts(pack) + _undecidable(pack) + _one_language_notes(pack),
        requirements=len(pack.requirements),
    )
