"""A folder batch reads every facts file or names it: none left out unsaid (板桥村.yaml.txt, ~$北峰村.yaml)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from tests.test_spreadsheets import batch, rejected_of, summary_of
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
    assert (summary["assessed"], summary["rejected"]) == (2, 3)
    warned = "\n".join(summary["warnings"])
    renamed = next(w for w in summary["warnings"] if "若是事实文件请改名为 .yaml" in w)
    for name in ("板桥村.yaml.txt", "宦溪村.yml.bak", "北峰村.yaml~"):
        assert name in renamed
    assert "说明.txt" in warned and "~$北峰村.yaml" in warned and ".东山村.yaml" in warned
    assert "板桥村.yaml.txt" in result.output


def test_a_facts_file_saved_with_another_ending_is_rejected_and_missing_from_the_figures(
    run: Run, tmp_path: Path
) -> None:
    """Two villages read (是, 是) and 板桥村.yaml.txt, 宦溪村.yml.bak, 北峰村.yaml~ (否): each a rejected entry naming
    its file and the name to give it, and a member missing from the district's figures, so the share of zero-waste
    villages is insufficient_data (was: 100%（2/2）, three villages gone); 说明.txt and a lock file stay warnings."""
    folder = tmp_path / "yd"
    folder.mkdir()
    _facts(folder / "岭头村.yaml", "V1", "岭头村", "是")
    _facts(folder / "降虎村.yaml", "V2", "降虎村", "是")
    _facts(folder / "板桥村.yaml.txt", "V3", "板桥村", "否")
    _facts(folder / "宦溪村.yml.bak", "V4", "宦溪村", "否")
    _facts(folder / "北峰村.yaml~", "V5", "北峰村", "否")
    _facts(folder / "~$岭头村.yaml", "V1", "岭头村", "否")
    (folder / "说明.txt").write_text("填报说明", encoding="utf-8")
    batch(run, folder, tmp_path / "out")
    summary = summary_of(tmp_path / "out")
    assert (summary["rows"], summary["assessed"], summary["rejected"]) == (5, 2, 3)
    rejected = {Path(row["source"]).name: row["reason"] for row in rejected_of(tmp_path / "out").values()}
    assert set(rejected) == {"板桥村.yaml.txt", "宦溪村.yml.bak", "北峰村.yaml~"}
    assert "改名为 板桥村.yaml" in rejected["板桥村.yaml.txt"]
    assert "rename it to 板桥村.yaml" in rejected["板桥村.yaml.txt"]
    assert "改名为 宦溪村.yml" in rejected["宦溪村.yml.bak"] and "改名为 北峰村.yaml" in rejected["北峰村.yaml~"]
    share = next(d for d in summary["districts"] if d["requirement"] == "JA-15-15" and d["district"] == "晋安区")
    assert (share["missing"], share["status"]) == (3, "insufficient_data")
    warned = "\n".join(summary["warnings"])
    assert "说明.txt" in warned and "~$岭头村.yaml" in warned


def test_an_editors_backup_beside_its_facts_file_is_a_copy_not_a_site(run: Run, tmp_path: Path) -> None:
    """北峰村.yaml~ (an editor's backup) and 北峰村.yaml.bak beside 北峰村.yaml: the file they were saved from is read,
    so they are named as backup copies and not counted as sites missing (which would hold every figure back);
    板桥村.yaml.txt, with no 板桥村.yaml beside it, is still a rejected entry."""
    folder = tmp_path / "yd"
    folder.mkdir()
    _facts(folder / "北峰村.yaml", "V5", "北峰村", "是")
    _facts(folder / "北峰村.yaml~", "V5", "北峰村", "否")
    _facts(folder / "北峰村.yaml.bak", "V5", "北峰村", "否")
    _facts(folder / "板桥村.yaml.txt", "V3", "板桥村", "否")
    batch(run, folder, tmp_path / "out")
    summary = summary_of(tmp_path / "out")
    assert (summary["assessed"], summary["rejected"]) == (1, 1)
    copies = next(w for w in summary["warnings"] if "未读取备份副本" in w)
    assert "北峰村.yaml~" in copies and "北峰村.yaml.bak" in copies and "板桥村" not in copies
    assert [row["source"].endswith("板桥村.yaml.txt") for row in rejected_of(tmp_path / "out").values()] == [True]
