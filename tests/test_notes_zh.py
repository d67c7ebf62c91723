"""Every reading documented in English is documented in Chinese too, for the policy staff who own the rules:
晋安 actions （二十五）–（四十六） and the chapter introductions, and all of 厦门."""

from __future__ import annotations

import re
from pathlib import PurePath

from compliance.model.plan import Requirement, RulePack

CHINESE = re.compile(r"[\u4e00-\u9fff]")
LATIN = re.compile(r"[A-Za-z]")
REQUIREMENT_ID = re.compile(r"\b(?:JA|XM)-[0-9a-z]+-[0-9]+\b")


def _covered(source: str) -> bool:
    """晋安 files 25-*.yaml to 46-*.yaml and ch*.yaml, and every 厦门 file."""
    path = PurePath(source.rsplit(":", 1)[0])
    if path.parent.name == "xiamen":
        return True
    if path.parent.name != "jinan":
        return False
    number = path.name.split("-", 1)[0]
    return number.startswith("ch") or (number.isdigit() and 25 <= int(number) <= 46)


def _covered_requirements(pack: RulePack) -> list[Requirement]:
    return [r for r in pack.requirements if _covered(pack.source_of[r.id])]


def _written_in_chinese(text: str) -> bool:
    """More Chinese characters than Latin letters: ids, GB numbers and file names may stay, prose may not."""
    return len(CHINESE.findall(text)) > len(LATIN.findall(text))


def _undocumented_in_chinese(requirements: list[Requirement]) -> list[str]:
    """Ids of requirements whose reading has an English note but no Chinese one (missing, or English copied)."""
    return [r.id for r in requirements if r.notes.strip() and not _written_in_chinese(r.notes_zh)]


def test_every_english_note_has_a_chinese_one(pack: RulePack) -> None:
    requirements = _covered_requirements(pack)
    with_notes = [r for r in requirements if r.notes.strip()]
    assert len(with_notes) >= 245, f"only {len(with_notes)} notes found in the files covered"
    assert _undocumented_in_chinese(requirements) == []


def test_a_missing_chinese_note_is_caught(pack: RulePack) -> None:
    documented = next(r for r in _covered_requirements(pack) if r.id == "JA-25-28")
    assert _undocumented_in_chinese([documented]) == []
    english_only = documented.model_copy(update={"notes_zh": ""})
    untranslated = documented.model_copy(update={"notes_zh": documented.notes})
    assert _undocumented_in_chinese([english_only, untranslated]) == ["JA-25-28", "JA-25-28"]


def test_requirements_a_chinese_note_names_exist(pack: RulePack) -> None:
    known = {r.id for r in pack.requirements}
    named = {(r.id, cited) for r in _covered_requirements(pack) for cited in REQUIREMENT_ID.findall(r.notes_zh)}
    assert named, "no Chinese note names another requirement"
    assert sorted((r, cited) for r, cited in named if cited not in known) == []
