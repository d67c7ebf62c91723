"""Whose a site is when its own words say too little or too much: a site with no usable name (missing, a placeholder,
a bare code) is unsure of the places the plans name, never "none of them" by its id; a township named after one
township and placed in another is refused; a district written as the division table spells it in English is that
district."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import Result

from compliance.assess.unnamed import is_name
from tests.conftest import EXAMPLES

AS_OF = "2026-06-30"


def _write(tmp_path: Path, data: dict[str, Any], name: str = "s.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _statuses(run: Callable[..., Result], path: Path) -> dict[str, str]:
    result = run("check", path, "--as-of", AS_OF, "--format", "json")
    assert result.exit_code != 2, result.output
    return {
        f["requirement"]: f["status"] for site in json.loads(result.output)["assessments"] for f in site["findings"]
    }


def _park(**site: Any) -> dict[str, Any]:
    data = yaml.safe_load((EXAMPLES / "park-noncompliant.yaml").read_text(encoding="utf-8"))
    for key in ("name", "name_en", "aliases"):
        data["site"].pop(key, None)
    data["site"].update(site)
    return data


@pytest.mark.parametrize("name", [None, "—", "不详", "/", "N/A", "350111", "JA-P-0001", "ＪＡ-P-0001"])
def test_a_park_with_no_usable_name_is_unsure_of_the_named_park_not_outside_it(
    name: str | None, run: Callable[..., Result], tmp_path: Path
) -> None:
    """福兴经济开发区's duties (JA-29-9) and the other parks' (JA-29-12) hang on which park it is: with no name, nor
    the id read as one, both are missing data naming 规划点名地点, never not_applicable or pass."""
    data = _park() if name is None else _park(name=name)
    statuses = _statuses(run, _write(tmp_path, data))
    assert statuses["JA-29-9"] == "insufficient_data"
    assert statuses["JA-29-12"] == "insufficient_data"
    explained = run("explain", _write(tmp_path, data), "JA-29-9", "--as-of", AS_OF).output
    assert "规划点名地点" in explained and "站点没有名称" in explained
    assert "按名称" not in explained


def test_a_park_with_no_name_but_the_place_stated_is_decided(run: Callable[..., Result], tmp_path: Path) -> None:
    """规划点名地点 stated settles it: 无 makes 福兴经济开发区's duty not apply and the other parks' apply."""
    data = _park()
    data["facts"]["规划点名地点"] = "无"
    data["facts"]["share_of_wastewater_discharged_into_sewer"] = "100%"
    statuses = _statuses(run, _write(tmp_path, data))
    assert statuses["JA-29-9"] == "not_applicable"
    assert statuses["JA-29-12"] == "pass"


def test_a_named_park_is_still_read_by_its_name(run: Callable[..., Result], tmp_path: Path) -> None:
    assert _statuses(run, _write(tmp_path, _park(name="福兴经济开发区")))["JA-29-12"] == "not_applicable"
    assert _statuses(run, _write(tmp_path, _park(name="岭头工业园")))["JA-29-9"] == "not_applicable"


@pytest.mark.parametrize(
    ("text", "usable"),
    [("福兴经济开发区", True), ("Fuxing Park", True), ("350111", False), ("P01", False), ("—", False), ("不详", False)],
)
def test_what_is_a_name(text: str, usable: bool) -> None:
    assert is_name(text, "X-1") is usable
    assert not is_name("X-K", "X-K")
    assert is_name("鼓楼区福州软件园", "鼓楼区福州软件园")  # an id in Chinese that is the name too


def test_a_batch_row_with_a_blank_name_is_unsure_of_the_named_park(run: Callable[..., Result], tmp_path: Path) -> None:
    table = tmp_path / "parks.csv"
    table.write_text(
        "id,名称,所在区,行政区划代码\nJA-P-0001,,晋安区,350111\nJA-P-0003,—,晋安区,350111\n", encoding="utf-8"
    )
    result = run("batch", table, "--kind", "park", "--out", tmp_path / "out", "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    lines = (tmp_path / "out" / "findings.jsonl").read_text(encoding="utf-8").splitlines()
    found = {(f["row"], f["requirement"]): f["status"] for f in map(json.loads, lines)}
    for row in (2, 3):
        assert found[(row, "JA-29-9")] == "insufficient_data"
        assert found[(row, "JA-29-12")] == "insufficient_data"


TOWNSHIP = {"id": "T-K", "kind": "township", "district": "晋安区", "admin_code": "350111"}
TOWNSHIP_FACTS = {"乡村固体废物规范收集转运处置常态机制": "是", "农村生活垃圾治理市场化运营管理": "否"}


@pytest.mark.parametrize("name", ["岳峰镇", "灌口镇"])
def test_a_township_named_after_another_township_is_refused(
    name: str, run: Callable[..., Result], tmp_path: Path
) -> None:
    """岳峰镇 (not a 责任乡镇) with attributes.township 日溪乡 would be held to 日溪乡's duties: refused, naming both,
    in Chinese and English, as the same clash given by code is."""
    site = {**TOWNSHIP, "name": name, "attributes": {"township": "日溪乡"}}
    result = run("check", _write(tmp_path, {"site": site, "facts": TOWNSHIP_FACTS}), "--as-of", AS_OF)
    assert result.exit_code == 2
    assert f"名称“{name}”是乡镇" in result.output and "“日溪乡”不符" in result.output
    assert f"the name {name!r} is the township" in result.output and "'日溪乡'" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("name", ["日溪乡", "日溪乡人民政府", "日溪镇", "日溪片区综合整治"])
def test_a_township_named_as_its_township_or_otherwise_is_read(
    name: str, run: Callable[..., Result], tmp_path: Path
) -> None:
    site = {**TOWNSHIP, "name": name, "attributes": {"township": "日溪乡"}}
    result = run("check", _write(tmp_path, {"site": site, "facts": TOWNSHIP_FACTS}), "--as-of", AS_OF)
    assert result.exit_code != 2, result.output


def test_a_batch_row_naming_two_townships_is_rejected(run: Callable[..., Result], tmp_path: Path) -> None:
    table = tmp_path / "t.csv"
    table.write_text("id,名称,所在区,乡镇\nT-1,岳峰镇,晋安区,日溪乡\nT-2,日溪乡,晋安区,日溪乡\n", encoding="utf-8")
    result = run("batch", table, "--kind", "township", "--out", tmp_path / "out", "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    rejected = (tmp_path / "out" / "rejected.csv").read_text(encoding="utf-8-sig")
    assert "T-1" in rejected and "名称“岳峰镇”是乡镇" in rejected and "T-2" not in rejected


@pytest.mark.parametrize("district", ["Jin'an District", "jin’an district", "JINAN DISTRICT", " Jin'an  District "])
def test_a_district_in_english_is_that_district(district: str, run: Callable[..., Result], tmp_path: Path) -> None:
    data = yaml.safe_load((EXAMPLES / "sites" / "township.yaml").read_text(encoding="utf-8"))
    expected = _statuses(run, _write(tmp_path, data, "a.yaml"))
    data["site"]["district"] = district
    assert _statuses(run, _write(tmp_path, data, "b.yaml")) == expected
    data["site"].pop("admin_code", None)
    assert _statuses(run, _write(tmp_path, data, "c.yaml")) == expected


def test_tongan_in_english_without_a_code_is_covered(run: Callable[..., Result], tmp_path: Path) -> None:
    site = {"id": "V4", "kind": "village", "name": "军营村", "district": "Tong'an District"}
    result = run("check", _write(tmp_path, {"site": site, "facts": {"已建成美丽乡村": "否"}}), "--as-of", AS_OF)
    assert result.exit_code != 2, result.output
    assert "xiamen" in result.output and "no plan covers" not in result.output


def test_a_district_in_english_still_disagreeing_with_its_code_is_refused(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    site = {"id": "V5", "kind": "village", "name": "军营村", "district": "Jimei District", "admin_code": "350212"}
    result = run("check", _write(tmp_path, {"site": site, "facts": {"已建成美丽乡村": "否"}}), "--as-of", AS_OF)
    assert result.exit_code == 2 and "name different places" in result.output
