"""The pytest plugin (entry point `compliance`): `.feature` files run with `pytest DIR`, no conftest.py, no Python.

Each `.feature` file is collected as a module whose test functions pytest-bdd's own `scenario()` builds, so
outlines, tags, hooks and `--cucumberjson` behave exactly as in a hand-written test module.
"""

from __future__ import annotations

import re
import types
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from _pytest._code.code import ExceptionInfo, TerminalRepr
from pytest_bdd import exceptions, scenario
from pytest_bdd.feature import get_feature
from pytest_bdd.parser import Feature, Scenario, Step

from compliance.assess.assessor import Assessor
from compliance.bdd.library import lang_of, unknown_step_message
from compliance.bdd.world import World
from compliance.load.errors import InputError
from compliance.load.facts import MetricIndex
from compliance.load.rules import load_pack
from compliance.model.plan import RulePack

pytest_plugins = ["compliance.bdd.steps"]

LANG = pytest.StashKey[str]()
NON_WORD = re.compile(r"\W+")


class UnreadableFeature(Exception):
    """A .feature file that is empty, not UTF-8, or not Gherkin at all."""


@dataclass(frozen=True)
class Rules:
    pack: RulePack
    assessor: Assessor
    metrics: MetricIndex


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("compliance", "compliance step library")
    group.addoption(
        "--compliance-rules",
        dest="compliance_rules",
        default=None,
        metavar="DIR",
        help="Rules directory the scenarios assess against (default: the rule packs shipped with the package).",
    )


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    if file_path.suffix == ".feature":
        return FeatureFile.from_parent(parent, path=file_path)
    return None


class FeatureFile(pytest.Module):
    """A `.feature` file, collected as if a test module had called `scenarios()` on it."""

    def _getobj(self) -> types.ModuleType:
        feature = self._feature()
        module = types.ModuleType(f"feature:{self.path.stem}")
        module.__file__ = str(self.path)
        for number, template in enumerate(feature.scenarios.values(), start=1):
            rule_tags = template.rule.tags if template.rule is not None else set()
            for tag in sorted(template.tags | feature.tags | rule_tags):
                self.config.addinivalue_line("markers", f"{tag}: Gherkin tag")
            bound = scenario(self.path.name, template.name, features_base_dir=str(self.path.parent))

            def run() -> None:
                """The steps do the work; pytest-bdd runs them before calling this."""

            name = f"test_{number}_{NON_WORD.sub('_', template.name)}"
            setattr(module, name, bound(run))
        return module

    def _feature(self) -> Feature:
        """The parsed feature, or UnreadableFeature saying plainly why a file is not one."""
        try:
            text = self.path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise UnreadableFeature(f"is not UTF-8 text (byte {error.start}); save it as UTF-8") from None
        except OSError as error:
            raise UnreadableFeature(f"cannot be read ({error.strerror})") from None
        if not any(line.strip() and not line.lstrip().startswith("#") for line in text.splitlines()):
            raise UnreadableFeature("is empty: a feature file starts with `Feature:` (功能：) and its scenarios")
        try:
            return get_feature(str(self.path.parent), self.path.name)
        except (KeyError, ValueError, TypeError) as error:  # the Gherkin parser's model lacks what it needs
            raise UnreadableFeature(f"is not a Gherkin feature ({error!r}): it needs a `Feature:` line") from None

    def istestfunction(self, obj: object, name: str) -> bool:
        return name.startswith("test_") and callable(obj)

    def repr_failure(self, excinfo: ExceptionInfo[BaseException]) -> str | TerminalRepr:  # type: ignore[override]
        if isinstance(excinfo.value, exceptions.GherkinParseError | exceptions.FeatureError | UnreadableFeature):
            return f"{self.path}: {excinfo.value}"
        return super().repr_failure(excinfo)


@pytest.fixture(scope="session")
def compliance_rules(pytestconfig: pytest.Config) -> Iterator[Rules]:
    """The rule pack and one assessor for the whole run (engines are built once per site kind)."""
    option = pytestconfig.getoption("compliance_rules", None)
    try:
        pack = load_pack(Path(option) if option else None)
    except InputError as error:
        pytest.fail(f"cannot load the rules: {error}", pytrace=False)
    assessor = Assessor(pack)
    yield Rules(pack, assessor, MetricIndex(pack.catalogue))
    assessor.close()


@pytest.fixture
def compliance_world(request: pytest.FixtureRequest, compliance_rules: Rules) -> World:
    """The state one scenario builds; its messages follow the feature's `# language:`."""
    rules = compliance_rules
    return World(rules.pack, rules.assessor, rules.metrics, request.node.stash.get(LANG, "en"))


def pytest_bdd_before_scenario(request: pytest.FixtureRequest, feature: Feature, scenario: Scenario) -> None:
    request.node.stash[LANG] = lang_of(feature.language)


def pytest_bdd_step_func_lookup_error(
    request: pytest.FixtureRequest, feature: Feature, scenario: Scenario, step: Step, exception: Exception
) -> None:
    """Replace pytest-bdd's bare "Step definition is not found" by the closest steps of the feature's language."""
    where = f"{feature.rel_filename}:{step.line_number}"
    pytest.fail(unknown_step_message(step.keyword, step.name, lang_of(feature.language), where), pytrace=False)
