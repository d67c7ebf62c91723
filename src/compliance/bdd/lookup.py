"""Finding a step's definition from the definitions a feature file sees, gathered once per file.

pytest-bdd finds the definitions that can parse a step by asking pytest, for every fixture name registered
(about thirty, most of them pytest's own), which of its definitions the running test can see, walking the
test's parents each time, and then matching the step's text against each step definition found. That walk
was about 40% of a scenario run's time. Step definitions are registered when the modules that hold them are
imported (the step library, conftest.py files, plugins), never while a test runs, and which of them a test
sees depends only on the folders and file it sits in. So for a test collected from a `.feature` file
(`bdd.plugin.FeatureFile`) the walk is made once per file: the step definitions it sees are kept, in the
order pytest-bdd's walk gives them, with the run's fixture manager, and each step is matched against them by
its type and text as pytest-bdd matches it. Any other test (a user's own test module calling `scenarios()`)
is looked up as pytest-bdd does it.

The names of the fixtures a step function asks for are read from its signature once per function, not once
per step run (pytest-bdd's `get_required_args`, about 7% of a scenario run): a function's signature does not
change while it runs.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from typing import Any
from weakref import WeakKeyDictionary

import pytest
from _pytest.fixtures import FixtureDef, FixtureManager
from pytest_bdd.compat import get_fixture_names, getfixturedefs
from pytest_bdd.parser import Step
from pytest_bdd.steps import StepFunctionContext, step_function_context_registry

bdd_scenario: Any = importlib.import_module("pytest_bdd.scenario")
"""The module, not the `scenario` function `pytest_bdd` exports under the same name."""

Lookup = Callable[[Step, FixtureManager, Any], Iterable[FixtureDef[object]]]
Definitions = list[tuple[FixtureDef[object], StepFunctionContext]]


def step_definitions(fixturemanager: FixtureManager, node: Any) -> Definitions:
    """The step definitions `node` sees, with their parsers, in the order pytest-bdd's own walk finds them."""
    seen: Definitions = []
    for name in get_fixture_names(fixturemanager=fixturemanager):
        for fixturedef in getfixturedefs(fixturemanager, name, node) or []:
            context = step_function_context_registry.get(fixturedef.func)
            if context is not None:
                seen.append((fixturedef, context))
    return seen


class OncePerFile:
    """pytest-bdd's look-up, from the step definitions each feature file sees (see the module)."""

    def __init__(self, lookup: Lookup, collector: type[pytest.Collector]) -> None:
        self.lookup, self.collector = lookup, collector
        self.seen: WeakKeyDictionary[FixtureManager, dict[str, Definitions]] = WeakKeyDictionary()

    def __call__(self, step: Step, fixturemanager: FixtureManager, node: Any) -> Iterable[FixtureDef[object]]:
        parent = getattr(node, "parent", None)
        if not isinstance(node, pytest.Item) or not isinstance(parent, self.collector):
            return self.lookup(step, fixturemanager, node)
        files, file = self.seen.setdefault(fixturemanager, {}), parent.nodeid
        if file not in files:
            files[file] = step_definitions(fixturemanager, node)
        return [
            fixturedef
            for fixturedef, context in files[file]
            if context.type in (None, step.type) and context.parser.is_matching(step.name)
        ]


class OncePerFunction:
    """pytest-bdd's reading of the arguments a step function requires, kept per function."""

    def __init__(self, read: Callable[[Callable[..., object]], list[str]]) -> None:
        self.read = read
        self.required: WeakKeyDictionary[Callable[..., object], list[str]] = WeakKeyDictionary()

    def __call__(self, func: Callable[..., object]) -> list[str]:
        try:
            required = self.required.get(func)
        except TypeError:  # a callable that cannot be weakly referenced (or hashed) is read every time
            return self.read(func)
        if required is None:
            required = self.required[func] = self.read(func)
        return list(required)


def look_up_once_per_file(collector: type[pytest.Collector]) -> None:
    """Make pytest-bdd look steps up once per file of `collector` and read a step function's arguments once
    (once per process, however often called)."""
    current = bdd_scenario.find_fixturedefs_for_step
    if not isinstance(current, OncePerFile):
        bdd_scenario.find_fixturedefs_for_step = OncePerFile(current, collector)
    if not isinstance(bdd_scenario.get_required_args, OncePerFunction):
        bdd_scenario.get_required_args = OncePerFunction(bdd_scenario.get_required_args)
