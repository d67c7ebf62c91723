"""What a run of Gherkin scenarios found: every feature, every scenario (one per example row) and every step.

Plain data shared by the step library that records a run and the reporters (summary, Cucumber JSON, JUnit XML),
so each output says the same thing about the same run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class StepStatus(StrEnum):
    """A step's outcome, named as Cucumber names them."""

    PASSED = "passed"
    FAILED = "failed"
    SKIPPED = "skipped"
    """Not run: an earlier step of the scenario failed or was undefined."""
    UNDEFINED = "undefined"
    """No step of the library matches its text."""


@dataclass(frozen=True)
class Tag:
    name: str
    """Without the `@`."""
    line: int


@dataclass
class StepRun:
    keyword: str
    """As the Gherkin dialect spells it (`而且`, `Given `)."""
    name: str
    line: int
    rows: list[list[str]] = field(default_factory=list)
    """The step's data table, rendered with the example row."""
    status: StepStatus = StepStatus.SKIPPED
    """Until run: skipped, or undefined when no step of the library matches (so it shows even after a failure)."""
    duration_ns: int = 0
    message: str = ""


@dataclass
class ScenarioRun:
    """One scenario, or one example row of an outline, as run."""

    nodeid: str
    keyword: str
    name: str
    line: int
    """The scenario's line, or for an example row the row's own line."""
    description: str = ""
    tags: list[Tag] = field(default_factory=list)
    example: dict[str, str] = field(default_factory=dict)
    examples_name: str = ""
    example_row: int = 0
    """The row's place in its Examples table, the header being 1 (0: not an example row)."""
    steps: list[StepRun] = field(default_factory=list)
    outcome: str = "passed"
    """pytest's outcome: passed, failed or skipped (deselected by a mark, or skipped by a hook)."""
    message: str = ""
    duration_ns: int = 0

    @property
    def title(self) -> str:
        """The name with its example row, so two rows of one outline never read the same."""
        if not self.example:
            return self.name
        return f"{self.name} [{', '.join(f'{k}={v}' for k, v in self.example.items())}]"


@dataclass
class FeatureRun:
    uri: str
    """The file as given to the run, relative where it could be."""
    keyword: str
    name: str
    line: int
    language: str
    description: str = ""
    tags: list[Tag] = field(default_factory=list)
    scenarios: list[ScenarioRun] = field(default_factory=list)


@dataclass(frozen=True)
class Unreadable:
    """A feature file that could not be read as Gherkin: a Cucumber report shows it as a failed feature."""

    uri: str
    line: int
    message: str
    lang: str
    """The language of the run's messages (zh or en), for the names a report gives it."""


@dataclass
class ScenariosRun:
    features: list[FeatureRun]
    errors: list[str]
    """Files that could not be read as Gherkin, each message naming file:line and what was expected."""
    unreadable: list[Unreadable] = field(default_factory=list)
    """The same files, each with its path, so a report in which features are listed lists them too."""

    def scenarios(self) -> list[ScenarioRun]:
        return [s for f in self.features for s in f.scenarios]
