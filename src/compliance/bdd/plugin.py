"""The pytest plugin (entry point `compliance`): `.feature` files run with `pytest DIR`, no conftest.py, no Python.

Each `.feature` file is collected as a module whose test functions pytest-bdd's own `scenario()` builds, so
outlines, tags and hooks behave exactly as in a hand-written test module. On top of pytest-bdd it reads the file
with errors people can fix (bdd/gherkin.py), names every problem of a scenario at its step's line
(bdd/preflight.py), gives example rows readable ids, and writes `--cucumberjson` from a step-by-step record
(bdd/record.py) instead of pytest-bdd's.
"""

from __future__ import annotations

import os
import re
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from _pytest._code.code import ExceptionInfo, TerminalRepr
from _pytest.outcomes import Failed
from pytest_bdd import exceptions, scenario
from pytest_bdd.feature import get_feature
from pytest_bdd.parser import Feature, Scenario, Step

from compliance.assess.assessor import Assessor
from compliance.bdd.files import is_feature
from compliance.bdd.gherkin import FEATURE_ENCODING, UnreadableFeature, read_document
from compliance.bdd.library import lang_of, unknown_step_message
from compliance.bdd.lookup import look_up_once_per_file
from compliance.bdd.preflight import matching_step, problems
from compliance.bdd.record import Recorder, relative_to_run
from compliance.bdd.world import World
from compliance.load.facts import MetricIndex
from compliance.model.plan import RulePack
from compliance.model.problems import InputError
from compliance.pack import load_pack
from compliance.report import cucumber

pytest_plugins = ["compliance.bdd.steps"]

LANG = pytest.StashKey[str]()
NON_WORD = re.compile(r"\W+")
EXAMPLE = "_pytest_bdd_example"


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
    group.addoption(
        "--compliance-lang",
        dest="compliance_lang",
        choices=("zh", "en"),
        default="zh",
        help="Language of the messages about a .feature file that cannot be read (default: zh).",
    )


class CucumberWriter:
    """Writes the recorder's run as Cucumber JSON when the session ends."""

    def __init__(self, path: str, recorder: Recorder) -> None:
        self.path = Path(os.path.expandvars(os.path.expanduser(path)))
        self.recorder = recorder

    def pytest_sessionfinish(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(cucumber.render(self.recorder.result()), encoding="utf-8")


def recorder_of(config: pytest.Config) -> Recorder:
    found = [p for p in config.pluginmanager.get_plugins() if isinstance(p, Recorder)]
    if found:
        return found[0]
    recorder = Recorder(config.invocation_params.dir)
    config.pluginmanager.register(recorder, "compliance-recorder")
    return recorder


@pytest.hookimpl(tryfirst=True)
def pytest_sessionstart(session: pytest.Session) -> None:
    """Record every scenario; with pytest-bdd configured by now, let `--cucumberjson` write our record, not its own.
    A step of a feature file is looked up once per file (bdd/lookup.py)."""
    look_up_once_per_file(FeatureFile)
    config = session.config
    recorder = recorder_of(config)
    theirs = getattr(config, "_bddcucumberjson", None)
    if theirs is not None:
        config.pluginmanager.unregister(theirs)
        del config._bddcucumberjson  # type: ignore[attr-defined]
        config.pluginmanager.register(CucumberWriter(config.option.cucumber_json_path, recorder), "compliance-cucumber")


def pytest_make_parametrize_id(config: pytest.Config, val: object, argname: str) -> str | None:
    """An example row's id as written (`74.9%-2026-06-30-不达标`): pytest leaves ids from this hook unescaped."""
    if argname == EXAMPLE and isinstance(val, dict):
        return "-".join(str(v) for v in val.values())
    return None


def _readable_ids(function: object) -> None:
    """Drop the ids pytest-bdd gives example rows (pytest escapes those to \\u6709…), so the hook above names them."""
    marks = getattr(function, "pytestmark", [])
    for number, mark in enumerate(marks):
        if mark.name == "parametrize" and mark.args and mark.args[0] == EXAMPLE:
            rows = [pytest.param(*row.values, marks=row.marks) for row in mark.args[1]]
            marks[number] = pytest.mark.parametrize(EXAMPLE, rows).mark


RUN_MARKERS = frozenset({"skip", "skipif", "xfail", "usefixtures", "filterwarnings", "parametrize"})
"""pytest's own markers, which would change whether or how a scenario runs: as Gherkin tags they are labels only."""


@pytest.hookimpl(tryfirst=True)
def pytest_bdd_apply_tag(tag: str, function: Callable[..., object]) -> bool | None:
    """A tag is a label to choose scenarios by (`--tag`), never an instruction to pytest: @skip or @xfail would hide a
    scenario from the count, so every scenario runs, and such a tag is kept as the label `tag_<name>`."""
    if tag not in RUN_MARKERS:
        return None  # pytest-bdd applies it as a marker of its name
    getattr(pytest.mark, f"tag_{tag}")(function)
    return True


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    if is_feature(file_path):  # A.FEATURE too
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
                label = f"tag_{tag}" if tag in RUN_MARKERS else tag
                self.config.addinivalue_line("markers", f"{label}: Gherkin tag")
            bound = scenario(self.path.name, template.name, FEATURE_ENCODING, features_base_dir=str(self.path.parent))

            def run() -> None:
                """The steps do the work; pytest-bdd runs them before calling this."""

            name = f"test_{number}_{NON_WORD.sub('_', template.name)}"
            test = bound(run)
            _readable_ids(test)
            setattr(module, name, test)
        return module

    def _feature(self) -> Feature:
        """The parsed feature, or UnreadableFeature naming file:line and the fix in the reader's language."""
        read_document(Path(shown_path(self.config, str(self.path))), self._lang())
        return get_feature(str(self.path.parent), self.path.name, FEATURE_ENCODING)

    def _lang(self) -> str:
        return str(self.config.getoption("compliance_lang", "zh") or "zh")

    def istestfunction(self, obj: object, name: str) -> bool:
        return name.startswith("test_") and callable(obj)

    def repr_failure(self, excinfo: ExceptionInfo[BaseException]) -> str | TerminalRepr:  # type: ignore[override]
        if isinstance(excinfo.value, UnreadableFeature):
            return str(excinfo.value)
        if isinstance(excinfo.value, exceptions.GherkinParseError | exceptions.FeatureError):
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


def shown_path(config: pytest.Config, filename: str) -> str:
    return relative_to_run(config.invocation_params.dir, filename)


def pytest_bdd_before_scenario(request: pytest.FixtureRequest, feature: Feature, scenario: Scenario) -> None:
    """A scenario without a Then step checks nothing, and a table under a step that takes none is read by nothing:
    either fails, saying so, rather than counting as passed."""
    lang = request.node.stash[LANG] = lang_of(feature.language)
    if not any(step.type == "then" for step in scenario.steps):
        where = f"{shown_path(request.config, feature.filename)}:{scenario.line_number}"
        also = _others(request, feature, scenario, scenario.line_number)
        if lang == "zh":
            pytest.fail(f"{where}: 场景“{scenario.name}”没有“那么”步骤，什么也没有检查{also}", pytrace=False)
        pytest.fail(f"{where}: scenario {scenario.name!r} has no Then step, so it checks nothing{also}", pytrace=False)
    for step in scenario.steps:
        matched = matching_step(step)
        if matched is not None and ((step.datatable is not None and not matched[0].table) or step.docstring):
            where = f"{shown_path(request.config, feature.filename)}:{step.line_number}"
            if lang == "zh":
                pytest.fail(
                    f"{where}: 步骤“{step.name}”不带表格或文本块，它下面的表格不会被读取，也不会被检查", pytrace=False
                )
            pytest.fail(
                f"{where}: the step {step.name!r} takes no table or text block: the one under it would be"
                " neither read nor checked",
                pytrace=False,
            )


def pytest_bdd_before_step(request: pytest.FixtureRequest, feature: Feature, scenario: Scenario, step: Step) -> None:
    """A Given after the site was assessed (after 当 评估, or a 当 评估 in the Background) would change nothing the
    Then steps check: it fails at its line instead of being passed over. The site step's line is kept for messages."""
    if step.type != "given":
        return
    world: World = request.getfixturevalue("compliance_world")
    where = f"{shown_path(request.config, feature.filename)}:{step.line_number}"
    world.step_line = step.line_number
    matched = matching_step(step)
    if matched is not None and matched[0].key == "site":  # a site lacking its district is told to add it here
        world.site_at = where
    if matched is not None and matched[0].key == "as_of" and world.as_of is None:  # a second date names this one
        world.as_of_at = (step.line_number, step.line_number < scenario.line_number)
    if world.prepared is not None or world.refused:
        if lang_of(feature.language) == "zh":
            pytest.fail(f"{where}: “{step.name}”写在“当 评估”之后，不会被评估：请移到“当 评估”之前", pytrace=False)
        pytest.fail(
            f"{where}: {step.name!r} comes after “When it is assessed”, so it is not assessed: move it before",
            pytrace=False,
        )


def _others(request: pytest.FixtureRequest, feature: Feature, scenario: Scenario, line: int) -> str:
    """The scenario's problems at other steps than the failing one, so one run names them all; looked for only
    once a step has failed, so a passing scenario costs nothing more."""
    lang = lang_of(feature.language)
    rules: Rules = request.getfixturevalue("compliance_rules")
    scratch = World(rules.pack, rules.assessor, rules.metrics, lang)
    found = problems(scenario, scratch, shown_path(request.config, feature.filename))
    others = [p for p in found if p.line != line]
    if not others:
        return ""
    head = "本场景的其他问题：" if lang == "zh" else "other problems of this scenario:"
    return "\n" + head + "".join("\n  " + p.message.replace("\n", "\n    ") for p in others)


def pytest_bdd_step_func_lookup_error(
    request: pytest.FixtureRequest, feature: Feature, scenario: Scenario, step: Step, exception: Exception
) -> None:
    """Replace pytest-bdd's bare "Step definition is not found" by the closest steps of the feature's language."""
    where = f"{shown_path(request.config, feature.filename)}:{step.line_number}"
    message = unknown_step_message(step.keyword, step.name, lang_of(feature.language), where)
    pytest.fail(message + _others(request, feature, scenario, step.line_number), pytrace=False)


@pytest.hookimpl(tryfirst=True)
def pytest_bdd_step_error(
    request: pytest.FixtureRequest, feature: Feature, scenario: Scenario, step: Step, exception: Exception
) -> None:
    """A step's failure starts with the step's own file:line and text, and ends with the scenario's other problems."""
    if isinstance(exception, Failed):
        where = f"{shown_path(request.config, feature.filename)}:{step.line_number}"
        also = _others(request, feature, scenario, step.line_number)
        exception.msg = f"{where}: {step.keyword.strip()} {step.name}\n{exception.msg}{also}"
