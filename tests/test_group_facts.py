"""A site listed under a group that its own yes/no fact denies (groups: [福兴经济开发区] beside
是否位于福兴经济开发区: 否) is refused as contradicting itself, in both languages; the same group beside 是 is read."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import Result

Run = Callable[..., Result]


def _site(path: Path, answer: str) -> Path:
    path.write_text(
        "site: {id: E9, kind: 企业, name: 福州某光电科技有限公司, district: 晋安区, groups: [福兴经济开发区]}\n"
        f"facts:\n  是否位于福兴经济开发区: {answer}\n",
        encoding="utf-8",
    )
    return path


def test_a_group_its_own_fact_denies_is_refused(run: Run, tmp_path: Path) -> None:
    result = run("check", _site(tmp_path / "e.yaml", "否"), "--as-of", "2026-06-30")
    assert result.exit_code != 0
    assert "site.groups" in result.output and "contradicts itself" in result.output and "两者矛盾" in result.output


def test_a_group_its_fact_confirms_is_read(run: Run, tmp_path: Path) -> None:
    result = run("check", _site(tmp_path / "e.yaml", "是"), "--as-of", "2026-06-30")
    assert "contradicts" not in result.output
