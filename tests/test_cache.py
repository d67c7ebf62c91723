"""The validated-pack cache saves time and never changes an answer."""

from __future__ import annotations

from pathlib import Path

import pytest

from compliance.load.rules import load_pack
from tests.packs import percent_metric, threshold, write_pack


@pytest.fixture()
def rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("COMPLIANCE_CACHE_DIR", str(tmp_path / "cache"))
    return write_pack(tmp_path / "rules", [percent_metric("rate", "比率")], [threshold("JA-1-1", "rate", ">=", 75)])


def test_a_second_load_comes_from_the_cache_and_is_equal(rules: Path, tmp_path: Path) -> None:
    first = load_pack(rules)
    assert len(list((tmp_path / "cache").glob("pack-*.json"))) == 1
    assert load_pack(rules) == first


def test_changing_a_rule_file_misses_the_cache(rules: Path) -> None:
    assert load_pack(rules).requirements[0].targets[0].value == 75
    path = rules / "jinan" / "rules.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("value: 75", "value: 80"), encoding="utf-8")
    assert load_pack(rules).requirements[0].targets[0].value == 80


def test_a_corrupt_cache_file_is_ignored(rules: Path, tmp_path: Path) -> None:
    load_pack(rules)
    (cached,) = (tmp_path / "cache").glob("pack-*.json")
    cached.write_text("{not json", encoding="utf-8")
    assert load_pack(rules).requirements[0].id == "JA-1-1"


def test_the_cache_can_be_turned_off(rules: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMPLIANCE_NO_CACHE", "1")
    load_pack(rules)
    assert not (tmp_path / "cache").exists()
