"""tests/mutations.yaml keeps up with the suite: every test module has a mutation, and each still applies.

Running the mutations is `python tests/mutate.py` (minutes, not part of the suite); this only checks that
each one could run: its file is there, its `old` text is there exactly once, and `new` changes it."""

from __future__ import annotations

import pytest

from tests.conftest import ROOT
from tests.mutate import MUTATIONS, Mutation, read_mutations, table

ENTRIES = read_mutations()


def test_every_test_module_has_one_mutation() -> None:
    modules = sorted(path.stem for path in (ROOT / "tests").glob("test_*.py"))
    named = [entry.module for entry in ENTRIES]
    assert sorted(set(named)) == sorted(named), "a module named twice"
    assert sorted(named) == modules, f"{MUTATIONS.name} and tests/test_*.py differ"


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda entry: entry.module)
def test_each_mutation_applies_once_and_changes_its_file(entry: Mutation) -> None:
    path = ROOT / entry.file
    assert path.is_file() and not path.is_relative_to(ROOT / ".venv"), f"no file {entry.file} in the repository"
    text = path.read_text(encoding="utf-8")
    assert text.count(entry.old) == 1, f"`old` occurs {text.count(entry.old)} times in {entry.file}"
    assert entry.new != entry.old
    assert entry.catches.strip().endswith("."), "`catches` is one sentence"


def test_the_table_in_docs_testing_md_is_the_one_mutations_yaml_gives() -> None:
    page = (ROOT / "docs" / "testing.md").read_text(encoding="utf-8")
    assert table(ENTRIES) in page, "paste the output of `python tests/mutate.py --table` into docs/testing.md"
