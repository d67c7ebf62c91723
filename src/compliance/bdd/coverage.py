"""Which requirements the scenarios pin down: read the status checks of every scenario (each example row apart).

A scenario covers a case of a requirement when one of its Then steps says which status that requirement must have;
tags alone do not count, since they say nothing about which way the rule must decide.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from pytest_bdd.exceptions import FeatureError, GherkinParseError
from pytest_bdd.parser import FeatureParser, Step

from compliance.bdd import steps  # noqa: F401  (fills the catalogue)
from compliance.bdd.files import feature_files
from compliance.bdd.gherkin import FEATURE_ENCODING, UnreadableFeature, read_document
from compliance.bdd.library import CATALOGUE, StepDoc, lang_of
from compliance.bdd.tables import rows_of, word_of
from compliance.bdd.tags import stray_tags
from compliance.model.plan import RulePack
from compliance.model.result import Status
from compliance.model.scenarios import StepRun
from compliance.report.text import fit
from compliance.report.words import STATUS

CASES = {
    "pass": (Status.PASS,),
    "fail": (Status.FAIL, Status.AT_RISK),
    "missing": (Status.INSUFFICIENT_DATA,),
    "not_applicable": (Status.NOT_APPLICABLE,),
}
"""Coverage columns; `fail` is any miss of the target (不达标, or 有风险 where a miss cannot be a violation)."""
HEAD = {
    "zh": (
        "编号",
        "判定",
        STATUS["zh"][Status.PASS],
        "未达标",  # 不达标 or 有风险: any miss of the target
        STATUS["zh"][Status.INSUFFICIENT_DATA],
        STATUS["zh"][Status.NOT_APPLICABLE],
        "场景",
    ),
    "en": ("id", "encoding", STATUS["en"][Status.PASS], "fail", "missing", "n/a", "cases"),
}
"""Column heads; the English ones are the case names, short to keep the table narrow."""
ENCODING = {
    "zh": {"decidable": "可判定", "review": STATUS["zh"][Status.NEEDS_REVIEW]},
    "en": {"decidable": "decidable", "review": "review"},
}


@dataclass
class Row:
    requirement: str
    encoding: str
    statuses: set[Status] = field(default_factory=set)
    cases: int = 0

    def covers(self, case: str) -> bool:
        return bool(self.statuses & set(CASES[case]))


@dataclass
class Coverage:
    rows: list[Row]
    errors: list[str]
    touched: set[str] = field(default_factory=set)
    """Requirements the feature files check or tag."""
    notices: list[str] = field(default_factory=list)
    """Tags shaped like a requirement id that name none (`stray_tags`), said in the run's language."""
    not_held: int = 0
    """Scenarios (example rows) that ran and failed: they cover nothing."""

    def only_touched(self) -> Coverage:
        """The rows of the requirements the feature files touch: asked about one file, answer about that file."""
        rows = [r for r in self.rows if r.requirement in self.touched]
        return Coverage(rows, self.errors, self.touched, self.notices, self.not_held)

    def decidable(self) -> list[Row]:
        return [r for r in self.rows if r.encoding == "decidable"]

    def lacking(self, case: str) -> list[str]:
        """Decidable requirements with no scenario of this case."""
        return [r.requirement for r in self.decidable() if not r.covers(case)]


@dataclass(frozen=True)
class Checked:
    """One status check of a scenario: the requirement, the status it must have, and where it is written."""

    requirement: str
    status: Status
    scenario: str
    line: int


def checked_statuses(path: Path, tags: set[str] | None = None) -> list[Checked]:
    """Every status check of every scenario and example row of one feature file; the file's tags are added
    to `tags` if given."""
    feature = FeatureParser(str(path.parent), path.name, FEATURE_ENCODING).parse()
    lang = lang_of(feature.language)
    docs = [d for d in CATALOGUE if d.lang == lang and d.key in ("status", "statuses")]
    found: list[Checked] = []
    if tags is not None:
        tags.update(feature.tags)
    for template in feature.scenarios.values():
        if tags is not None:
            tags.update(template.tags, *(examples.tags for examples in template.examples))
        contexts = [c for examples in template.examples for c in examples.as_contexts()] or [{}]
        for context in contexts:
            for step in template.render(context).steps:
                for doc in docs:
                    match = doc.regex.fullmatch(step.name) if step.type == doc.type else None
                    if match is None:
                        continue
                    pairs = (
                        [(match["requirement"], match["status"])]
                        if doc.key == "status"
                        else [(row[0], row[1]) for row in rows_of(_cells(step), 2)]
                    )
                    for requirement, word in pairs:
                        status = word_of(word, STATUS, lang)
                        if status is not None:
                            found.append(Checked(requirement, status, template.name, template.line_number))
    return found


def _cells(step: Step) -> list[list[str]]:
    return [[str(cell) for cell in row] for row in step.datatable.raw()] if step.datatable else []


def coverage(pack: RulePack, paths: list[Path], lang: str = "zh", rules_dir: Path | None = None) -> Coverage:
    """Which cases the scenarios pin down: the files are read for the requirements they touch, and run; only a
    scenario (or example row) that ran and held counts, so a row expecting 通过 that is 不达标, or one whose
    value cannot be read, covers nothing (it is counted in `not_held`)."""
    from compliance.bdd.run import run_scenarios

    rows = {r.id: Row(r.id, "decidable" if r.check is not None else "review") for r in pack.requirements}
    errors: list[str] = []
    touched: set[str] = set()
    for path in feature_files(paths):
        try:
            read_document(path)
            checked = checked_statuses(path, touched)
        except UnreadableFeature as error:
            errors.append(str(error))
            continue
        except (GherkinParseError, FeatureError) as error:
            errors.append(f"{path}: {error}")
            continue
        touched.update(check.requirement for check in checked)
    ran = run_scenarios(paths, rules_dir, lang=lang)
    not_held = 0
    for feature in ran.run.features:
        docs = _status_docs(lang_of(feature.language))
        for scenario in feature.scenarios:
            if scenario.outcome != "passed":
                not_held += scenario.outcome == "failed"
                continue
            for requirement, status in (pair for step in scenario.steps for pair in _checks_of(step, docs)):
                if requirement in rows:
                    rows[requirement].statuses.add(status)
                    rows[requirement].cases += 1
    errors.extend(e for e in ran.run.errors if e not in errors)
    found = Coverage(list(rows.values()), errors, touched & rows.keys(), stray_tags(touched, pack, lang))
    found.not_held = not_held
    return found


def _status_docs(lang: str) -> list[tuple[StepDoc, str]]:
    return [(d, lang) for d in CATALOGUE if d.lang == lang and d.key in ("status", "statuses")]


def _checks_of(step: StepRun, docs: list[tuple[StepDoc, str]]) -> list[tuple[str, Status]]:
    """The (requirement, status) checks of one step as run: `要求 X 的状态为 通过`, or a table of them."""
    for doc, lang in docs:
        match = doc.regex.fullmatch(step.name.strip())
        if match is None:
            continue
        pairs = [(match["requirement"], match["status"])] if doc.key == "status" else rows_of(step.rows, 2)
        found = [(pair[0], word_of(pair[1], STATUS, lang)) for pair in pairs]
        return [(requirement, status) for requirement, status in found if status is not None]
    return []


def scenarios_by_requirement(paths: list[Path]) -> dict[str, list[tuple[Path, str, int]]]:
    """Requirement id -> (feature file, scenario, line) of each scenario checking its status, once per scenario;
    a file that cannot be read adds none (`rules coverage` is where its error is reported)."""
    found: dict[str, list[tuple[Path, str, int]]] = {}
    for path in feature_files(paths):
        try:
            read_document(path)
            checked = checked_statuses(path)
        except (UnreadableFeature, GherkinParseError, FeatureError):
            continue
        for check in checked:
            scenarios = found.setdefault(check.requirement, [])
            if (path, check.scenario, check.line) not in scenarios:
                scenarios.append((path, check.scenario, check.line))
    return found


def render_text(result: Coverage, lang: str) -> str:
    widths = (10, 10, 6, 8, 8, 6, 5)
    lines = ["  ".join(fit(h, w) for h, w in zip(HEAD[lang], widths, strict=True)).rstrip()]
    for row in result.rows:
        marks = ["✓" if row.covers(case) else "·" for case in CASES]
        cells = (row.requirement, ENCODING[lang][row.encoding], *marks, str(row.cases))
        lines.append("  ".join(fit(c, w) for c, w in zip(cells, widths, strict=True)).rstrip())
    decidable = result.decidable()
    both = [r for r in decidable if r.covers("pass") and r.covers("fail")]
    all_three = [r for r in both if r.covers("missing")]
    review = [r for r in result.rows if r.encoding == "review"]
    lacking = [r.requirement for r in decidable if r not in both]
    if lang == "zh":
        lines.append(
            f"可判定要求 {len(decidable)} 项：通过与未达标均有场景 {len(both)} 项，"
            f"另含数据不足场景 {len(all_three)} 项；"
            f"缺少通过或未达标场景：{'、'.join(lacking) or '无'}"
        )
        lines.append(f"待核查要求 {len(review)} 项（定性要求，或尚未编码检查，需人工核查）")
        if result.not_held:
            held = f"未计入：{result.not_held} 个场景（或例子行）运行未通过，不算覆盖"
            lines.append(f"{held}；运行 compliance scenarios 查看")
    else:
        lines.append(
            f"{len(decidable)} decidable requirements: {len(both)} with a pass and a fail scenario, {len(all_three)} "
            f"also with a missing-data one; lacking a pass or a fail scenario: {', '.join(lacking) or 'none'}"
        )
        lines.append(f"{len(review)} requirements need review (qualitative, or no check encoded yet)")
        if result.not_held:
            lines.append(
                f"not counted: {result.not_held} scenarios (or example rows) failed when run and cover nothing;"
                " run `compliance scenarios` to see them"
            )
    lines.extend(result.notices)
    lines.extend(f"error: {error}" for error in result.errors)
    return "\n".join(lines) + "\n"


def render_json(result: Coverage) -> str:
    entries = [
        {
            "id": row.requirement,
            "encoding": row.encoding,
            "cases": row.cases,
            "covered": {case: row.covers(case) for case in CASES},
            "statuses": sorted(status.value for status in row.statuses),
        }
        for row in result.rows
    ]
    body = {"requirements": entries, "errors": result.errors, "notices": result.notices, "not_held": result.not_held}
    return json.dumps(body, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
