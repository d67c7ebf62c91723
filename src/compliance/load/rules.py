"""Loading a rules directory: the catalogue, each plan's header and text, and its rule files."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from importlib import resources
from pathlib import Path

from compliance.load import cache
from compliance.load.deeds import set_deeds
from compliance.load.divisions import divisions_file, load_divisions
from compliance.load.files import read_limited
from compliance.load.references import check_references
from compliance.load.standards import load_standards, standards_files
from compliance.load.validate import validate
from compliance.load.yamlsrc import Located, read
from compliance.model.checks import comparisons_of, kind_metric, metrics_of, tests_of, trends_of
from compliance.model.gazetteer import Gazetteer, place_metric
from compliance.model.metric import Catalogue, MetricType
from compliance.model.names import normal_name, prefixes_of
from compliance.model.plan import FROM_BASELINE, Comparison, Modality, Plan, Requirement, RuleFile, RulePack
from compliance.model.problems import InputError, Problem, did_you_mean

CATALOGUE = "catalogue.yaml"
CATALOGUE_PARTS = "catalogue.d"
"""More catalogue files (kinds and metrics), merged into catalogue.yaml in name order."""
PLAN_HEADER = "plan.yaml"
GAZETTEER = "gazetteer.yaml"
"""The places the plans name; optional, so a pack without named places needs none."""


def default_rules_dir() -> Path:
    """The rule packs shipped inside the package, or the repository's `rules/` in a source checkout."""
    shipped = Path(str(resources.files("compliance"))) / "rules"
    if (shipped / CATALOGUE).is_file():
        return shipped
    return Path(__file__).resolve().parents[3] / "rules"


def rule_files(plan_dir: Path) -> list[Path]:
    return sorted(p for p in plan_dir.glob("*.yaml") if p.name != PLAN_HEADER)


def pack_files(root: Path) -> list[Path]:
    """Every file a pack is read from, in a fixed order."""
    files = [root / CATALOGUE, *sorted((root / CATALOGUE_PARTS).glob("*.yaml"))]
    if (root / GAZETTEER).is_file():
        files.append(root / GAZETTEER)
    files += standards_files(root)
    for plan_dir in sorted(p for p in root.iterdir() if p.is_dir() and (p / PLAN_HEADER).is_file()):
        files += [plan_dir / PLAN_HEADER, *sorted(p for p in plan_dir.iterdir() if p.is_file())]
    return [*files, divisions_file(root, default_rules_dir())]


CompileCheck = Callable[[RulePack], list[Problem]]
"""Problems the engine finds compiling a pack's requirements; passed in, since load/ never imports engine/."""


def read_pack(rules_dir: Path | None, compiles: CompileCheck) -> RulePack:
    """Load and validate every file (all problems raised together), or reuse the cached result.

    A pack is cached only once `compiles` found nothing, so a cached pack is one the engine accepts.
    Commands get their pack from `compliance.pack.load_pack`, which passes the engine's check."""
    root = rules_dir or default_rules_dir()
    if not (root / CATALOGUE).is_file():
        raise InputError([Problem(str(root), None, "", f"not a rules directory: no {CATALOGUE} in it")])
    digest = hashlib.sha256()
    for path in pack_files(root):
        name = path.relative_to(root) if path.is_relative_to(root) else path.name
        digest.update(str(name).encode() + b"\0" + path.read_bytes() + b"\0")
    key = digest.hexdigest()
    pack = cache.read(root, key)
    if pack is None:
        pack = _load(root, key)
        problems = compiles(pack)
        if problems:
            raise InputError(problems)
        cache.write(root, key, pack)
    return pack


# Long: every problem of a rules folder (catalogue, divisions, standards, each plan and rule file) is gathered
# in one pass, so a user sees them all at once; the steps share the problem list and the requirement indexes.
def _load(root: Path, digest: str) -> RulePack:
    problems: list[Problem] = []
    catalogue = _catalogue(root)
    try:
        divisions = load_divisions(divisions_file(root, default_rules_dir()))
    except InputError as error:
        problems.extend(error.problems)
    try:
        standards = load_standards(root, catalogue)
    except InputError as error:
        problems.extend(error.problems)
    plans: dict[str, Plan] = {}
    requirements: list[Requirement] = []
    plan_of: dict[str, str] = {}
    source_of: dict[str, str] = {}
    for plan_dir in sorted(p for p in root.iterdir() if p.is_dir() and (p / PLAN_HEADER).is_file()):
        try:
            plan = validate(Plan, read(plan_dir / PLAN_HEADER))
        except InputError as error:
            problems.extend(error.problems)
            continue
        plans[plan.id] = plan
        for path in rule_files(plan_dir):
            try:
                located = read(path)
                rule_file = validate(RuleFile, located)
            except InputError as error:
                problems.extend(error.problems)
                continue
            if rule_file.plan != plan.id:
                problems.append(located.problem(("plan",), f"expected {plan.id!r}, the plan of this folder"))
            for index, requirement in enumerate(rule_file.requirements):
                where = f"{path}:{located.line(('requirements', index))}"
                if requirement.id in source_of:
                    problems.append(
                        located.problem(
                            ("requirements", index, "id"),
                            f"{requirement.id} is also declared at {source_of[requirement.id]}",
                        )
                    )
                    continue
                problems += _belongs(plan, requirement, located, index)
                requirements.append(requirement)
                plan_of[requirement.id] = plan.id
                source_of[requirement.id] = where
    if problems:
        raise InputError(problems)
    not_by_status = _not_by_status(requirements)  # an unknown id in a condition or check: check_references says so
    cuts = _cuts(requirements, catalogue)
    forbidden, occurred = _forbidden(requirements, plan_of, plans), _occurred(requirements, plan_of, plans, catalogue)
    logged = _logged(requirements, plan_of, plans)
    reached = _reached(requirements, plan_of, plans, catalogue)
    logged_by = _logged_by(requirements, occurred, catalogue)
    for metric in catalogue.metrics:
        metric.status_words = metric.id not in not_by_status
        metric.cuts = cuts.get(metric.id, ())
        metric.forbidden_from = forbidden.get(metric.id) if metric.series_value == "highest" else None
        metric.occurred_from = occurred.get(metric.id) if metric.series_value != "latest" else None
        metric.logged_from = logged.get(metric.id) if metric.series_value != "latest" else None
        metric.logged_by = logged_by.get(metric.id, ())
        metric.reached_from = "0000" if metric.before_plan and metric.id in reached else reached.get(metric.id)
    set_deeds(catalogue, requirements)
    gazetteer = _gazetteer(root, catalogue, prefixes_of(divisions, plans.values()), divisions.folding())
    catalogue.metrics += [place_metric(gazetteer), kind_metric(catalogue)]
    pack = RulePack(
        catalogue=catalogue,
        gazetteer=gazetteer,
        plans=plans,
        requirements=requirements,
        plan_of=plan_of,
        source_of=source_of,
        digest=digest,
        divisions=divisions,
        standards=standards,
    )
    reference_problems = check_references(pack)
    if reference_problems:
        raise InputError(reference_problems)
    return pack


def _not_by_status(requirements: list[Requirement]) -> set[str]:
    """Yes/no facts a status word (达标, 已完成) does not answer: those deciding whom a rule covers, and those a rule
    wants false (a violation), where 不达标 means yes."""
    found = {m for requirement in requirements for m in metrics_of(requirement.applies.condition)}
    for requirement in requirements:
        for leaf in comparisons_of(requirement.check):
            if (leaf.op == "==" and leaf.value is False) or (leaf.op == "!=" and leaf.value is True):
                found.add(leaf.metric)
    return found


def _forbidden(requirements: list[Requirement], plan_of: dict[str, str], plans: dict[str, Plan]) -> dict[str, str]:
    """Per yes/no act a prohibition forbids (a rule of modality prohibition wants it 否), the year the earliest plan
    forbidding it was issued (`Metric.forbidden_from`; a plan without an issue date: every period given)."""
    found: dict[str, str] = {}
    for requirement in requirements:
        if requirement.modality != Modality.PROHIBITION:
            continue
        year = _issued_year(plans[plan_of[requirement.id]])
        for leaf in comparisons_of(requirement.check):
            if leaf.op == "==" and leaf.value is False:
                found[leaf.metric] = min(year, found.get(leaf.metric, year))
    return found


def _logged(requirements: list[Requirement], plan_of: dict[str, str], plans: dict[str, Plan]) -> dict[str, dt.date]:
    """Per metric, the day the earliest plan reading it was issued (`Metric.logged_from`: a log read over the last
    year wants its periods from then, not before the plan existed)."""
    found: dict[str, dt.date] = {}
    for requirement in requirements:
        if (issued := plans[plan_of[requirement.id]].issued) is None:
            continue
        for metric_id in {*metrics_of(requirement.check), *metrics_of(requirement.applies.condition)}:
            found[metric_id] = min(issued, found.get(metric_id, issued))
    return found


def _reached(
    requirements: list[Requirement], plan_of: dict[str, str], plans: dict[str, Plan], catalogue: Catalogue
) -> dict[str, str]:
    """Per lasting yes/no a rule checks (an achievement that stays once reached: 建成, 建立, a one-off 评估 or 普查),
    the year the earliest plan checking it was issued (`Metric.reached_from`): a 是 in any year from then shows it
    reached, whatever a later year says."""
    found: dict[str, str] = {}
    lasting = {m.id for m in catalogue.metrics if m.lasting and m.type == MetricType.BOOLEAN}
    for requirement in requirements:
        year = _issued_year(plans[plan_of[requirement.id]])
        for metric_id in lasting.intersection(metrics_of(requirement.check)):
            found[metric_id] = min(year, found.get(metric_id, year))
    return found


def _issued_year(plan: Plan) -> str:
    """The year `plan` was issued, from which its logs are read whole ('0000' for a plan without a date: all)."""
    return str(plan.issued.year) if plan.issued is not None else "0000"


def _occurred(
    requirements: list[Requirement], plan_of: dict[str, str], plans: dict[str, Plan], catalogue: Catalogue
) -> dict[str, str]:
    """Per incident log (read by its highest period) whose occurrence decides whether a duty applies (a condition
    `> 0` or `== true`), and per
    metric of that duty's check, the year its plan was issued (`Metric.occurred_from`): an incident of any year of
    the plan's time brings the duty to bear, and its figure then, not a quiet year's after it, decides."""
    found: dict[str, str] = {}
    logs = {m.id for m in catalogue.metrics if m.series_value == "highest"}
    for requirement in requirements:
        leaves = comparisons_of(requirement.applies.condition)
        if not leaves or not all(leaf.metric in logs and _occurs(leaf) for leaf in leaves):
            continue
        year = _issued_year(plans[plan_of[requirement.id]])
        for metric_id in {leaf.metric for leaf in leaves} | set(metrics_of(requirement.check)):
            found[metric_id] = min(year, found.get(metric_id, year))
    return found


def _logged_by(
    requirements: list[Requirement], occurred: dict[str, str], catalogue: Catalogue
) -> dict[str, tuple[str, ...]]:
    """Per figure of incidents handled read by its worst period (`Metric.logged_by`), the incident logs of the
    conditions of the duties that check it: a record of how an incident was handled says one happened."""
    found: dict[str, tuple[str, ...]] = {}
    for requirement in requirements:
        logs = [leaf.metric for leaf in comparisons_of(requirement.applies.condition) if leaf.metric in occurred]
        for metric_id in metrics_of(requirement.check):
            if logs and metric_id in occurred and catalogue.metric(metric_id).series_value == "lowest":
                found[metric_id] = tuple(dict.fromkeys([*found.get(metric_id, ()), *logs]))
    return found


def _occurs(leaf: Comparison) -> bool:
    """Whether a condition's test (of a log of incidents) asks that something happened: a count above 0, or a yes."""
    return (leaf.op == ">" and leaf.value == 0) or (leaf.op == "==" and leaf.value is True)


def _cuts(requirements: list[Requirement], catalogue: Catalogue) -> dict[str, tuple[tuple[str, float], ...]]:
    """Per metric, the tests all rules make of it (`Metric.cuts`; each rule's own: `checks.tests_of`)."""
    found: dict[str, set[tuple[str, float]]] = {}
    for requirement in requirements:
        for metric_id, tests in tests_of(requirement, catalogue).items():
            found.setdefault(metric_id, set()).update(tests)
    return {metric_id: tuple(sorted(tests)) for metric_id, tests in found.items()}


def _belongs(plan: Plan, requirement: Requirement, located: Located, index: int) -> list[Problem]:
    """A requirement's id carries a prefix its plan declares, and each trend counted from a base year has one
    (the rule's own baseline, else the plan's base_year, filled in here so every later reader sees it)."""
    problems = []
    prefix = requirement.id.partition("-")[0]
    if prefix not in plan.prefixes:
        declared = ", ".join(plan.prefixes)
        message = f"id prefix {prefix!r} is not one of plan {plan.id}'s ({declared}; plan.yaml prefixes)"
        problems.append(located.problem(("requirements", index, "id"), message))
    for field, check in (("applies", requirement.applies.condition), ("check", requirement.check)):
        for spec in trends_of(check):
            if spec.rule in FROM_BASELINE and spec.baseline is None:
                if plan.base_year is None:
                    message = f"{spec.rule} of {spec.metric} names no baseline and plan {plan.id} has no base_year"
                    problems.append(located.problem(("requirements", index, field), message))
                spec.baseline = plan.base_year
    return problems


def _catalogue(root: Path) -> Catalogue:
    """catalogue.yaml plus every catalogue.d/*.yaml; an id defined twice is an error naming both files."""
    paths = [root / CATALOGUE, *sorted((root / CATALOGUE_PARTS).glob("*.yaml"))]
    merged = Catalogue(kinds=[], metrics=[])
    defined: dict[str, str] = {}
    problems: list[Problem] = []
    for path in paths:
        located = read(path)
        if path.parent.name == CATALOGUE_PARTS and isinstance(located.data, dict):
            located.data.setdefault("kinds", [])
            located.data.setdefault("metrics", [])
        part = validate(Catalogue, located)
        ids = [("kinds", i, k.id) for i, k in enumerate(part.kinds)] + [
            (field, i, name)
            for i, m in enumerate(part.metrics)
            for field, name in (
                ("metrics", m.id),
                ("metrics.name_zh", m.name_zh),
                ("metrics.name_en", m.name_en.lower()),
            )
        ]
        for field, index, entry_id in ids:
            key = f"{field}:{entry_id}"
            if key in defined:
                message = f"{entry_id} is already defined in {defined[key]}"
                section, _, attribute = field.partition(".")
                problems.append(located.problem((section, index, attribute or "id"), message))
            defined[key] = str(path)
        merged.kinds.extend(part.kinds)
        merged.metrics.extend(part.metrics)
    if problems:
        raise InputError(problems)
    return merged


def _gazetteer(root: Path, catalogue: Catalogue, prefixes: tuple[str, ...], fold: dict[int, str]) -> Gazetteer:
    """gazetteer.yaml, each place's kinds known and each name (or alias) used by one place only (names compared as
    people write them, a leading city or district name dropped)."""
    path = root / GAZETTEER
    if not path.is_file():
        return Gazetteer()
    located = read(path)
    gazetteer = validate(Gazetteer, located)
    kinds = {k.id for k in catalogue.kinds}
    problems: list[Problem] = []
    owner: dict[str, str] = {}
    for index, place in enumerate(gazetteer.places):
        for kind in place.kinds:
            if kind not in kinds:
                message = f"unknown kind {kind!r}{did_you_mean(kind, kinds)}"
                problems.append(located.problem(("places", index, "kinds"), message))
        for name in (place.name, *place.aliases):
            key = normal_name(name, prefixes, fold)
            if key in owner and owner[key] != place.name:
                message = f"{name!r} already names {owner[key]}"
                problems.append(located.problem(("places", index, "aliases"), message))
            owner[key] = place.name
    if problems:
        raise InputError(problems)
    return gazetteer


def plan_text(rules_dir: Path, plan: Plan) -> str:
    """The plan's full text (which every rule's quote must be found in): a UTF-8 file, else InputError."""
    path = rules_dir / plan.id / plan.text
    raw = read_limited(path)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        message = f"the plan text is not UTF-8 (saved as GBK/GB18030?); save it as UTF-8 ({plan.id}: text: {plan.text})"
        raise InputError([Problem(str(path), line, "", message)]) from None
