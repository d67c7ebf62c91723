"""Finding a step's definition once per feature file, not once per step run.

pytest-bdd finds the definitions that can parse a step by asking pytest, for every fixture name registered
(about thirty, most of them pytest's own), which of its definitions the running test can see, walking the
test's parents each time, and then matching the step's text against each step definition found. That walk
was about 40% of a scenario run's time. Step definitions are registered when the modules that hold them are
imported (the step library, conftest.py files, plugins), never while a test runs, so the definitions that
can parse a step are the same for every scenario of one feature file: for a test collected from a `.feature`
file (`bdd.plugin.FeatureFile`) they are looked up once per file, step type and text, and kept with the
run's fixture manager. Any other test (a user's own test module calling `scenarios()`) is looked up as
pytest-bdd does it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from typing import Any
from weakref import WeakKeyDictionary

import pytest
from _pytest.fixtures import FixtureDef, FixtureManager
from pytest_bdd.parser import Step

bdd_scenario: Any = importlib.import_module("pytest_bdd.scenario")
"""The module, not the `scenario` function `pytest_bdd` exports under the same name."""

Lookup = Callable[[Step, FixtureManager, Any], Iterable[FixtureDef[object]]]
Found = dict[tuple[str, str | None, str], list[FixtureDef[object]]]


class OncePerFile:
    """pytest-bdd's look-up, its results kept per feature file (see the module)."""

    def __init__(self, lookup: Lookup, collector: type[pytest.Collector]) -> None:
        self.lookup, self.collector = lookup, collector
        self.found: WeakKeyDictionary[FixtureManager, Found] = WeakKeyDictionary()

    def __call__(self, step: Step, fixturemanager: FixtureManager, node: Any) -> Iterable[FixtureDef[object]]:
        parent = getattr(node, "parent", None)
        if not isinstance(node, pytest.Item) or not isinstance(parent, self.collector):
            return self.lookup(step, fixturemanager, node)
        found = self.found.setdefault(fixturemanager, {})
        key = (parent.nodeid, step.type, step.name)
        if key not in found:
            found[key] = list(self.lookup(step, fixturemanager, node))
        return found[key]


def look_up_once_per_file(collector: type[pytest.Collector]) -> None:
    """Make pytest-bdd look a step up once per file of `collector` (once per process, however often called)."""
    current = bdd_scenario.find_fixturedefs_for_step
    if not isinstance(current, OncePerFile):
        bdd_scenario.find_fixturedefs_for_step = OncePerFile(current, collector)
