"""The validated-pack cache saves time and never changes an answer."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest

from compliance.load import cache
from compliance.load import rules as rules_module
from compliance.pack import load_pack
from tests.packs import percent_metric, threshold, write_pack


@pytest.fixture()
def rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("COMPLIANCE_CACHE_DIR", str(tmp_path / "cache"))
    return write_pack(tmp_path / "rules", [percent_metric("rate", "比率")], [threshold("JA-1-1", "rate", ">=", 75)])


@pytest.fixture()
def loads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The folders the pack was read and validated from (not taken from the cache), in order."""
    seen: list[Path] = []
    load = rules_module._load

    def counting(root: Path, digest: str) -> Any:
        seen.append(root)
        return load(root, digest)

    monkeypatch.setattr(rules_module, "_load", counting)
    return seen


def test_a_second_load_comes_from_the_cache_and_is_equal(rules: Path, tmp_path: Path, loads: list[Path]) -> None:
    first = load_pack(rules)
    assert len(list((tmp_path / "cache").glob("pack-*.json"))) == 1
    assert load_pack(rules) == first
    assert loads == [rules], "the second load should have come from the cache"


def test_changing_a_rule_file_misses_the_cache(rules: Path, loads: list[Path]) -> None:
    assert load_pack(rules).requirements[0].targets[0].value == 75
    path = rules / "jinan" / "rules.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("value: 75", "value: 80"), encoding="utf-8")
    assert load_pack(rules).requirements[0].targets[0].value == 80
    assert len(loads) == 2


def test_a_corrupt_cache_file_is_ignored_and_replaced(rules: Path, tmp_path: Path, loads: list[Path]) -> None:
    load_pack(rules)
    (cached,) = (tmp_path / "cache").glob("pack-*.json")
    cached.write_text("{not json", encoding="utf-8")
    assert load_pack(rules).requirements[0].id == "JA-1-1"
    assert len(loads) == 2
    load_pack(rules)
    assert len(loads) == 2, "the corrupt file should have been replaced by a good one"


def test_the_cache_can_be_turned_off(
    rules: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, loads: list[Path]
) -> None:
    monkeypatch.setenv("COMPLIANCE_NO_CACHE", "1")
    load_pack(rules)
    load_pack(rules)
    assert not (tmp_path / "cache").exists()
    assert len(loads) == 2


def test_the_key_covers_every_module_that_shapes_a_pack() -> None:
    names = {f"{path.parent.name}/{path.stem.split('.')[0]}" for path in cache.shaping_files()}
    for module in (
        "model/plan",
        "model/metric",
        "model/gazetteer",
        "load/rules",
        "load/references",
        "engine/compile",
        "compliance/pack",
    ):
        assert module in names


def test_a_change_to_a_shaping_module_misses_the_cache(
    rules: Path, monkeypatch: pytest.MonkeyPatch, loads: list[Path]
) -> None:
    load_pack(rules)
    cache._code_hash.cache_clear()
    original = Path.read_bytes

    def edited(path: Path) -> bytes:
        content = original(path)
        return content + b"\n# edited\n" if path.name == "references.py" else content

    monkeypatch.setattr(Path, "read_bytes", edited)
    try:
        load_pack(rules)
    finally:
        monkeypatch.undo()
        cache._code_hash.cache_clear()
    assert len(loads) == 2


def test_writing_a_pack_removes_old_ones_and_keeps_the_newest(
    rules: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each rule edit caches a new pack: those not written for KEEP_DAYS days go, and past KEEP_PACKS the oldest."""
    folder = tmp_path / "cache"
    folder.mkdir()
    old, recent = folder / "pack-old.json", folder / "pack-recent.json"
    for made in (old, recent):
        made.write_text("{}", encoding="utf-8")
    os.utime(old, (0, time.time() - (cache.KEEP_DAYS + 1) * 86400))
    other = folder / "notes.txt"
    other.write_text("not a pack", encoding="utf-8")
    load_pack(rules)
    assert not old.exists() and recent.exists() and other.exists()
    assert len(list(folder.glob("pack-*.json"))) == 2  # the recent one and the pack just written
    monkeypatch.setattr(cache, "KEEP_PACKS", 1)
    path = rules / "jinan" / "rules.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("value: 75", "value: 80"), encoding="utf-8")
    assert load_pack(rules).requirements[0].targets[0].value == 80
    (kept,) = folder.glob("pack-*.json")
    assert kept != recent
