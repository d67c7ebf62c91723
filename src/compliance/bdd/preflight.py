"""Every problem of a scenario, each at its step's line: a scenario stops at its first failing step, but a policy
officer fixing a file wants all of its misspelt steps, metrics, requirement ids and missing dates at once. The
plugin looks for them once a step has failed, so passing scenarios cost nothing more.

The Given steps are tried on a scratch World with the very step functions the run uses, so the checks here and
the run never disagree; When and Then steps are checked for what needs no assessment (a date to assess on, known
requirement ids and status words).
"""

from __future__ import annotations

import inspect
import re
from dataclasses import dataclass

from _pytest.outcomes import Failed
from pytest_bdd.parser import Scenario, Step

from compliance.bdd.library import CATALOGUE, StepDoc, unknown_step_message
from compliance.bdd.tables import rows_of
from compliance.bdd.world import World
from compliance.report.words import STATUS, VERDICT


@dataclass(frozen=True)
class Problem:
    line: int
    message: str


def matching_step(step: Step) -> tuple[StepDoc, re.Match[str]] | None:
    for doc in CATALOGUE:
        if doc.type == step.type:
            match = doc.regex.fullmatch(step.name)
            if match is not None:
                return doc, match
    return None


def _table(step: Step) -> list[list[str]]:
    return [[str(cell) for cell in row] for row in step.datatable.raw()] if step.datatable else []


def _given(world: World, doc: StepDoc, match: re.Match[str], step: Step) -> None:
    if doc.func is None:
        return
    parameters = inspect.signature(doc.func).parameters
    arguments: dict[str, object] = {k: v for k, v in match.groupdict().items() if k in parameters}
    if "datatable" in parameters:
        arguments["datatable"] = _table(step)
    world.step_line = step.line_number
    doc.func(compliance_world=world, **arguments)


def _then(world: World, doc: StepDoc, match: re.Match[str], step: Step) -> None:
    groups = match.groupdict()
    if groups.get("requirement"):
        world.known_requirement(groups["requirement"])
    if doc.key == "status":
        world.known_word(groups["status"], STATUS)
    elif doc.key == "verdict":
        world.known_word(groups["verdict"], VERDICT)
    elif doc.key == "statuses":
        for requirement, word, *_ in rows_of(_table(step), 2):
            world.known_requirement(requirement)
            world.known_word(word, STATUS)


def problems(scenario: Scenario, world: World, where: str) -> list[Problem]:
    """Each step's first problem, in order; `where` is the feature's path as shown to people."""
    found: list[Problem] = []
    site_tried = False
    for step in scenario.steps:
        matched = matching_step(step)
        if matched is None:
            message = unknown_step_message(step.keyword, step.name, world.lang, f"{where}:{step.line_number}")
            found.append(Problem(step.line_number, message))
            continue
        doc, match = matched
        site_tried = site_tried or doc.key == "site"
        try:
            if doc.type == "given":
                _given(world, doc, match, step)
            elif doc.type == "when":
                if doc.key == "search" or (
                    site_tried and not world.site
                ):  # a search needs no site  # the site step's own problem says it already
                    continue
                world.ready()
            else:
                _then(world, doc, match, step)
        except Failed as failure:
            if doc.type == "given" and doc.key != "site" and site_tried and not world.site:
                continue  # "no site yet": the site step's own problem says why
            found.append(Problem(step.line_number, f"{where}:{step.line_number}: {failure.msg}"))
    return found
