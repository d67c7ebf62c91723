"""A folder batch reads every facts file or names it: none left out unsaid (板桥村.yaml.txt, ~$北峰村.yaml)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from tests.test_spreadsheets import batch, summary_of
from tests.test_village_repeats import WASTE_FREE

Run = Callable[..., Result]


def _facts(path: Path, site_id: str, name: str, done: str) -> None:
    path.write_text(
        f"site:\n  id: {site_id}\n  kind: village\n  name: {name}\n  district: 晋安区\n"
        f"facts:\n  {WASTE_FREE}: {done}\n",
        encoding="utf-8",
    )


def test_a_folder_names_every_file_it_does_not_read(run: Run, tmp_path: Path) -> None:
    """板桥村.yaml.txt (Notepad's ending), .yml.bak, .yaml~, 说明.txt, a lock file ~$…yaml and a hidden .…yaml:
    none read as a site, each named in a warning (was: three villages lost unsaid, the lock file read as a site)."""
    folder = tmp_path / "yd"
    folder.mkdir()
    _facts(folder / "岭头村.yaml", "V1", "岭头村", "是")
    _facts(folder / "降虎村.yaml", "V2", "降虎村", "是")
    _facts(folder / "板桥村.yaml.txt", "V3", "板桥村", "否")
    _facts(folder / "宦溪村.yml.bak", "V4", "宦溪村", "否")
    _facts(folder / "北峰村.yaml~", "V5", "北峰村", "否")
    _facts(folder / "~$北峰村.yaml", "V5", "北峰村", "否")
    _facts(folder / ".东山村.yaml", "V6", "东山村", "否")
    (folder / "说明.txt").write_text("填报说明", encoding="utf-8")
    result = batch(run, folder, tmp_path / "out")
    summary = summary_of(tmp_path / "out")
    assert summary["rows"] == 2
    warned = "\n".join(summary["warnings"])
    renamed = next(w for w in summary["warnings"] if "若是事实文件请改名为 .yaml" in w)
    for name in ("板桥村.yaml.txt", "宦溪村.yml.bak", "北峰村.yaml~"):
        assert name in renamed
    assert "说明.txt" in warned and "~$北峰村.yaml" in warned and ".东山村.yaml" in warned
    assert "板桥村.yaml.txt" in result.output
