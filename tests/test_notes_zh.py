"""Every reading documented in English is documented in Chinese too, for the policy staff who own the rules:
every requirement of both plans."""

from __future__ import annotations

import re

from compliance.model.plan import Requirement, RulePack

CHINESE = re.compile(r"[\u4e00-\u9fff]")
LATIN = re.compile(r"[A-Za-z]")
REQUIREMENT_ID = re.compile(r"\b(?:JA|XM)-[0-9a-z]+-[0-9]+\b")


def _written_in_chinese(text: str) -> bool:
    """More Chinese characters than Latin letters: ids, GB numbers and file names may stay, prose may not."""
    return len(CHINESE.findall(text)) > len(LATIN.findall(text))


def _undocumented_in_chinese(requirements: list[Requirement]) -> list[str]:
    """Ids of requirements whose reading has an English note but no Chinese one (missing, or English copied)."""
    return [r.id for r in requirements if r.notes.strip() and not _written_in_chinese(r.notes_zh)]


def test_every_english_note_has_a_chinese_one(pack: RulePack) -> None:
    with_notes = [r for r in pack.requirements if r.notes.strip()]
    assert len(with_notes) >= 400, f"only {len(with_notes)} notes found"
    assert _undocumented_in_chinese(pack.requirements) == []


def test_a_missing_chinese_note_is_caught(pack: RulePack) -> None:
    documented = next(r for r in pack.requirements if r.id == "JA-25-28")
    assert _undocumented_in_chinese([documented]) == []
    english_only = documented.model_copy(update={"notes_zh": ""})
    untranslated = documented.model_copy(update={"notes_zh": documented.notes})
    assert _undocumented_in_chinese([english_only, untranslated]) == ["JA-25-28", "JA-25-28"]


def test_requirements_a_chinese_note_names_exist(pack: RulePack) -> None:
    known = {r.id for r in pack.requirements} | {c.id for r in pack.requirements for c in r.also_cites}
    named = {(r.id, cited) for r in pack.requirements for cited in REQUIREMENT_ID.findall(r.notes_zh)}
    assert named, "no Chinese note names another requirement"
    assert sorted((r, cited) for r, cited in named if cited not in known) == []
