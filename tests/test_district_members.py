"""A district figure never passes for want of a member: a village rejected for a code that cannot be read still
counts as missing in the district its 所在区 names; rows whose district cannot be known at all (blank, a city,
unreadable) count as missing in every district's figure, with a note; and a heading row (集美区,,,,) is
rejected as one, not assessed as a village. A name like a township's (汀溪, 后溪（集美段）) is read as the township's
own row or a village written short in a batch of villages only: a river or scenic area so named is a site."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

HEADER = ["站点编号", "名称", "所在区", "乡镇", "行政区划代码", "农村生活污水治理率(%)"]


def _batch(
    run: Callable[..., Result], tmp_path: Path, rows: list[list[str]], *options: str, header: list[str] = HEADER
) -> dict[str, object]:
    table = tmp_path / "villages.csv"
    with table.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, *rows])
    out = tmp_path / "out"
    result = run("batch", table, "--kind", "village", "--out", out, "--as-of", "2026-06-30", "--quiet", *options)
    assert result.exit_code in (0, 1), result.output
    summary: dict[str, object] = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    return summary


def _figure(summary: dict[str, object], requirement: str) -> dict[str, object]:
    rows = summary["districts"]
    assert isinstance(rows, list)
    return next(row for row in rows if row["requirement"] == requirement)


def test_a_village_whose_code_cannot_be_read_counts_in_its_district(run: Callable[..., Result], tmp_path: Path) -> None:
    rows = [
        ["JA-1", "岭头村", "晋安区", "宦溪镇", "350111103201", "90"],
        ["JA-2", "降虎村", "晋安区", "宦溪镇", "350111103203", "90"],
        ["JA-3", "板桥村", "晋安区", "宦溪镇", "35011110320", "10"],  # a digit short: rejected, still in 晋安区
    ]
    figure = _figure(_batch(run, tmp_path, rows), "JA-14-7")
    assert (figure["missing"], figure["status"]) == (1, "insufficient_data")  # was 90% on the other two: 通过


def test_rows_of_no_known_district_count_as_missing_everywhere(run: Callable[..., Result], tmp_path: Path) -> None:
    rows = [
        ["JA-1", "岭头村", "晋安区", "宦溪镇", "350111103201", "90"],
        ["JA-2", "降虎村", "晋安区", "宦溪镇", "350111103203", "90"],
        ["JA-9", "某村", "福州晋安", "", "3501 11", "10"],  # neither its district nor its code can be read
    ]
    summary = _batch(run, tmp_path, rows)
    figure = _figure(summary, "JA-14-7")
    assert (figure["missing"], figure["status"]) == (1, "insufficient_data")
    notes = summary["notes"]
    assert isinstance(notes, list) and any("1 行的所在区无法确定" in note for note in notes)


@pytest.mark.parametrize("plan", [(), ("--plan", "jinan")])
def test_a_district_no_plan_knows_counts_as_missing_everywhere(
    run: Callable[..., Result], tmp_path: Path, plan: tuple[str, ...]
) -> None:
    """A village of 晋按区 (a slip): rejected without --plan, assessed under it, and in either case not a district of
    its own: 晋安区's figure cannot pass on the others alone. Jin'an District, as the division table spells 晋安区 in
    English, is 晋安区: a member with its rate (10%), not a missing one."""
    rows = [
        ["JA-1", "岭头村", "晋安区", "宦溪镇", "", "90"],
        ["JA-2", "降虎村", "晋安区", "宦溪镇", "", "90"],
        ["JA-8", "某村", "晋按区", "", "", "10"],
        ["JA-9", "某村", "Jin'an District", "", "", "10"],
    ]
    summary = _batch(run, tmp_path, rows, *plan)
    figures = [row for row in summary["districts"] if row["requirement"] == "JA-14-7"]  # type: ignore[union-attr]
    assert [(f["district"], f["missing"], f["status"]) for f in figures] == [("晋安区", 1, "insufficient_data")]


def test_a_heading_row_is_rejected_not_assessed(run: Callable[..., Result], tmp_path: Path) -> None:
    rows = [["晋安区", "", "", "", "", ""], ["JA-1", "岭头村", "晋安区", "宦溪镇", "350111103201", "90"]]
    summary = _batch(run, tmp_path, rows)
    assert (summary["assessed"], summary["rejected"]) == (1, 1)
    rejected = (tmp_path / "out" / "rejected.csv").read_text(encoding="utf-8-sig")
    assert "a heading row ('晋安区', the only cell filled), not a site" in rejected


def test_a_facts_document_that_cannot_be_read_counts_in_its_district(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    """A JSONL line rejected for a figure (八成) keeps its site id and name in sites.csv and rejected.csv, and its
    district's figure counts it as missing instead of deciding on the other lines alone."""
    lines = [
        {
            "site": {"id": "V1", "kind": "行政村", "name": "甲村", "district": "晋安区"},
            "facts": {"农村生活污水治理率": "八成"},
        },
        {
            "site": {"id": "V2", "kind": "village", "name": "乙村", "district": "晋安区"},
            "facts": {"农村生活污水治理率": 80},
        },
    ]
    source = tmp_path / "villages.jsonl"
    source.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")
    out = tmp_path / "out"
    run("batch", source, "--kind", "village", "--out", out, "--as-of", "2026-06-30", "--quiet")
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    figure = _figure(summary, "JA-14-7")
    assert (figure["missing"], figure["status"]) == (1, "insufficient_data")  # was 80% on V2 alone: 通过
    with (out / "sites.csv").open(encoding="utf-8-sig") as handle:
        rejected = next(row for row in csv.DictReader(handle) if row["verdict"] == "rejected")
    assert (rejected["site_id"], rejected["name"]) == ("V1", "甲村")


def test_a_village_without_a_usable_id_counts_as_missing_in_its_district(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    """A village left without a code, and codes Excel shortened to 3.50111E+11 (every row the same "id"), are rejected
    naming why, and each still counts as missing in 晋安区: the figure is not decided on the one village left."""
    rows = [
        ["JA-1", "岭头村", "晋安区", "宦溪镇", "", "90"],
        ["", "板桥村", "晋安区", "宦溪镇", "", "20"],
        ["3.50111E+11", "降虎村", "晋安区", "宦溪镇", "", "72"],
        ["3.50111E+11", "宦溪村", "晋安区", "宦溪镇", "", "50"],
    ]
    summary = _batch(run, tmp_path, rows)
    figure = _figure(summary, "JA-14-7")
    assert figure["status"] == "insufficient_data" and figure["missing"] == 3, figure
    rejected = (tmp_path / "out" / "rejected.csv").read_text(encoding="utf-8-sig")
    assert rejected.count("scientific notation") == 2 and "the site id is blank" in rejected


def test_subtotals_labelled_in_another_column_are_not_villages(run: Callable[..., Result], tmp_path: Path) -> None:
    """宦溪镇小计 in 乡镇 and 合计 in 序号, with — / - in the id and name cells: totals rows, not villages counted in
    the district figure; a row with neither id nor name and no totals word may be a village left unnamed: missing."""
    rows = [
        ["1", "宦溪镇", "JA-V-0001", "岭头村", "晋安区", "86.5"],
        ["2", "宦溪镇", "JA-V-0002", "降虎村", "晋安区", "72"],
        ["", "宦溪镇小计", "—", "—", "晋安区", "79.25"],
        ["合计", "", "-", "-", "晋安区", "79.25"],
        ["", "全区平均", "0", "", "晋安区", "79.25"],
        ["3", "寿山乡", "—", "板桥村", "晋安区", "90"],
    ]
    summary = _batch(
        run, tmp_path, rows, header=["序号", "乡镇", "站点编号", "名称", "所在区", "农村生活污水治理率(%)"]
    )
    figure = _figure(summary, "JA-14-7")
    assert (figure["denominator"], figure["missing"]) == (2, 1), figure  # 板桥村 has no id: missing, not a site
    rejected = (tmp_path / "out" / "rejected.csv").read_text(encoding="utf-8-sig")
    assert rejected.count("a totals row") == 3 and "the site id is blank" in rejected


def test_a_forms_rows_numbered_in_advance_are_empty_rows_not_villages(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    """Forms come with 序号 filled down the page; the rows a township did not use hold their number alone (or the
    district pre-filled): empty rows of the form, no members, so the figure is decided on the villages reported."""
    rows = [
        ["1", "JA-V-0001", "岭头村", "晋安区", "宦溪镇", "86.5"],
        ["2", "JA-V-0002", "降虎村", "晋安区", "宦溪镇", "78"],  # both ≥ 75%: so is the district, whatever the weights
        ["3", "", "", "", "", ""],
        ["4", "", "", "晋安区", "", ""],
    ]
    summary = _batch(
        run, tmp_path, rows, header=["序号", "站点编号", "名称", "所在区", "乡镇", "农村生活污水治理率(%)"]
    )
    figure = _figure(summary, "JA-14-7")
    assert (figure["denominator"], figure["missing"], figure["status"]) == (2, 0, "pass"), figure
    rejected = (tmp_path / "out" / "rejected.csv").read_text(encoding="utf-8-sig")
    assert rejected.count("an empty row of the form") == 2


def test_a_blank_marker_in_an_optional_place_column_is_not_written(run: Callable[..., Result], tmp_path: Path) -> None:
    """— or / in 行政区划代码 or 乡镇 says "none given", as in any other cell: the village is assessed by its
    district."""
    rows = [
        ["JA-1", "岭头村", "晋安区", "宦溪镇", "—", "86.5"],
        ["JA-2", "降虎村", "晋安区", "—", "350111103203", "72"],
        ["JA-3", "板桥村", "晋安区", "宦溪镇", "/", "91"],
    ]
    summary = _batch(run, tmp_path, rows)
    assert summary["rejected"] == 0 and _figure(summary, "JA-14-7")["denominator"] == 3


def test_a_village_named_short_as_its_township_is_assessed_when_its_village_code_says_so(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    """宦溪 may be 宦溪镇's own row or the village 宦溪村 written short; with its 12-digit village code it is the
    village."""
    rows = [["JA-1", "岭头", "晋安区", "宦溪镇", "350111103201", "86.5"]]
    rows += [
        ["JA-4", "宦溪", "晋安区", "宦溪镇", "350111103206", "78.5"],
        ["JA-8", "日溪", "晋安区", "日溪乡", "", "83"],
    ]
    summary = _batch(run, tmp_path, rows)
    assert summary["assessed"] == 2 and summary["rejected"] == 1
    rejected = (tmp_path / "out" / "rejected.csv").read_text(encoding="utf-8-sig")
    assert "named 日溪, the short name" in rejected and "宦溪" not in rejected.replace("日溪", "")


def test_a_figure_over_some_members_counts_only_those_that_say_they_are(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    """农村集中供水工程实现水质巡检全覆盖 is a share of the rural centralized projects: an urban waterworks in the same
    register (是否为农村集中供水工程: 否) is no member; one not saying but stating 纳入水质巡检 is no member or a member
    as it says (W3: 1/1 or 2/2, both 100%; was: a member missing its figure, 50%–100%, insufficient data); one saying
    neither is a member missing its figure."""
    table = tmp_path / "projects.csv"
    header = ["站点编号", "名称", "所在区", "是否为农村集中供水工程", "纳入水质巡检"]
    rows = [["W1", "九峰村集中供水工程", "晋安区", "是", "是"], ["W2", "某城区供水厂", "晋安区", "否", "否"]]
    with table.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, *rows])
    out = tmp_path / "out"
    run("batch", table, "--kind", "water_supply_project", "--out", out, "--as-of", "2026-06-30", "--quiet")
    figure = _figure(json.loads((out / "summary.json").read_text(encoding="utf-8")), "JA-14-19")
    assert (figure["denominator"], figure["missing"], figure["status"]) == (1, 0, "pass"), figure
    rows.append(["W3", "日溪乡某供水工程", "晋安区", "", "是"])
    with table.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, *rows])
    run("batch", table, "--kind", "water_supply_project", "--out", tmp_path / "o2", "--as-of", "2026-06-30", "--quiet")
    figure = _figure(json.loads((tmp_path / "o2" / "summary.json").read_text(encoding="utf-8")), "JA-14-19")
    assert (figure["denominator"], figure["missing"], figure["status"]) == (1, 0, "pass"), figure
    rows.append(["W4", "宦溪镇某供水工程", "晋安区", "", ""])
    with table.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, *rows])
    run("batch", table, "--kind", "water_supply_project", "--out", tmp_path / "o3", "--as-of", "2026-06-30", "--quiet")
    figure = _figure(json.loads((tmp_path / "o3" / "summary.json").read_text(encoding="utf-8")), "JA-14-19")
    assert (figure["denominator"], figure["missing"], figure["status"]) == (1, 1, "insufficient_data"), figure


AGENCIES = ["编号", "名称", "类型", "所在区", "属党政机关", "已建成节约型机关"]


@pytest.mark.parametrize(
    ("built", "ends", "status"),
    [
        ((9, 1, "是"), ("90%", "90.9091%"), "pass"),  # 9/10 out, 10/11 in: never 9/11 (an agency not built)
        ((17, 2, "否"), ("85%", "89.4737%"), "fail"),  # 17/20 in, 17/19 out: 90% would need it built
    ],
)
def test_a_member_leaving_its_membership_blank_keeps_the_fact_it_states(
    run: Callable[..., Result], tmp_path: Path, built: tuple[int, int, str], ends: tuple[str, str], status: str
) -> None:
    """JA-35-11 (党政机关基本建成节约型机关, ≥ 90%): an organization whose 属党政机关 is blank but which states
    已建成节约型机关 is either no agency or an agency as it states, so the share's ends are those two cases (was: a
    member missing its figure, 81.8%～90.9% or 85%～90%, insufficient data where the rows decide it)."""
    yes, no, blank = built
    rows = [
        [f"O{n}", f"机关{n}", "机关单位", "晋安区", "是", "是" if n <= yes else "否"] for n in range(1, yes + no + 1)
    ]
    rows.append(["OX", "晋安区某单位", "机关单位", "晋安区", "", blank])
    table = tmp_path / "orgs.csv"
    with table.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([AGENCIES, *rows])
    out = tmp_path / "out"
    result = run("batch", table, "--kind", "organization", "--out", out, "--as-of", "2026-06-30", "--quiet")
    assert result.exit_code in (0, 1), result.output
    figure = _figure(json.loads((out / "summary.json").read_text(encoding="utf-8")), "JA-35-11")
    assert (figure["lowest"], figure["highest"], figure["status"]) == (*ends, status), figure
    assert "1个机关单位（组织）未填“属党政机关”" in str(figure["reason_zh"]) or status == "pass"


def test_a_forms_footer_or_heading_in_its_number_column_is_no_missing_village(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    """A county workbook's footer (填表人：… merged across the row, so only 序号's cell holds it) and a heading in 序号
    (集美区 alone) are no villages: the district figure is decided on the villages, not made 数据不足 by a 'missing'
    one."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["序号", "站点编号", "名称", "所在区", "乡镇", "农村生活污水治理率（%）"])
    sheet.append(["晋安区"])
    sheet.append([1, "JA-V-0001", "岭头村", "晋安区", "宦溪镇", 86.5])
    sheet.append([2, "JA-V-0002", "降虎村", "晋安区", "宦溪镇", 79])
    sheet.append(["填表人：张三    审核人：李四    填报日期：2026年1月10日"])
    sheet.merge_cells("A5:F5")
    workbook = tmp_path / "villages.xlsx"
    book.save(workbook)
    out = tmp_path / "out"
    result = run("batch", workbook, "--kind", "village", "--out", out, "--as-of", "2026-06-30", "--quiet")
    assert result.exit_code in (0, 1), result.output
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    figure = _figure(summary, "JA-14-7")
    assert (figure["denominator"], figure["missing"], figure["status"]) == (2, 0, "pass"), figure
    rejected = (out / "rejected.csv").read_text(encoding="utf-8-sig")
    assert "a note or column-number row ('填表人：张三" in rejected
    assert "a heading row ('晋安区', the only cell filled)" in rejected


@pytest.mark.parametrize(
    ("kind", "header", "row", "says"),
    [
        ("bay", "美丽海湾建设等级", "未建成", "建成美丽海湾的海湾比例”（XM-0-18、XM-6-10）不由批量计算"),
        ("park", "美丽园区建设等级", "初级版", "美丽园区数量”（XM-6-14）不由批量计算"),
    ],
)
def test_a_city_figure_a_batch_does_not_compute_is_said(
    run: Callable[..., Result], tmp_path: Path, kind: str, header: str, row: str, says: str
) -> None:
    """全域美丽海湾 (XM-0-18, XM-6-10) and 美丽园区 (XM-6-14) are the city's; a batch of bays or parks computes
    district figures only and said nothing of them: it says they are not computed, in the console and summary.json."""
    table = tmp_path / f"{kind}.csv"
    table.write_text(f"站点编号,名称,所在区,{header}\nS1,甲,同安区,{row}\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run("batch", table, "--kind", kind, "--out", out, "--as-of", "2028-03-01", "--workers", "1")
    assert says in result.output
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert any(says in note for note in summary["notes"])
    villages = tmp_path / "villages.csv"
    villages.write_text("站点编号,名称,所在区,已建成美丽乡村\nV1,甲村,集美区,是\n", encoding="utf-8")
    quiet = run("batch", villages, "--kind", "village", "--out", tmp_path / "v", "--as-of", "2028-03-01")
    assert "不由批量计算" not in quiet.output  # 整区建成美丽乡村 is a district's figure, computed


def test_an_undecided_count_shows_its_range_and_a_target_not_yet_due_is_shown(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    """A count with members missing is only known between the count of those known and that plus the missing: it is
    never shown as one figure (`= 0 个` read as none); a figure whose target is not yet due still names it, with its
    date, in the row and in the reason."""
    rows = [
        ["JA-1", "岭头村", "晋安区", "宦溪镇", "350111103201", "80"],
        ["JA-2", "降虎村", "晋安区", "宦溪镇", "", ""],
    ]
    summary = _batch(run, tmp_path, rows)
    count = _figure(summary, "JA-19-1")
    assert (count["figure"], count["lowest"], count["highest"], count["status"]) == (
        "",
        "0 个",
        "2 个",
        "insufficient_data",
    )
    ahead = _figure(summary, "JA-15-15")
    assert ahead["target_zh"] == "“无废乡村”建设比例 ≥ 60%（2027-12-31 到期）"
    assert "目标 “无废乡村”建设比例 ≥ 60%（2027-12-31 到期），尚未到期" in str(ahead["reason_zh"])
    assert "target" in str(ahead["reason_en"]) and "not yet due" in str(ahead["reason_en"])


def _line(site_id: str, name: str, built: str, district: str = "晋安区") -> str:
    site = {"id": site_id, "kind": "village", "name": name, "district": district, "attributes": {"township": "宦溪镇"}}
    return json.dumps({"site": site, "facts": {"已建成“无废乡村”": built}}, ensure_ascii=False)


def _documents(run: Callable[..., Result], source: Path, out: Path) -> dict[str, object]:
    result = run("batch", source, "--kind", "village", "--out", out, "--as-of", "2026-06-30", "--quiet")
    assert result.exit_code in (0, 1), result.output
    summary: dict[str, object] = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["rows"] == summary["assessed"] + summary["rejected"]  # type: ignore[operator]
    return summary


def test_jsonl_lines_that_cannot_be_read_count_as_members_of_no_known_district(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    """A trailing comma (not JSON), a truncated line, bytes that are not UTF-8 and a line nested too deep are rejected,
    and each may be any district's village: the figure is not decided on the lines that could be read (was 100%（1/1）
    → 通过 with the broken 否 village left out), and the note counts every one of them, not only the [1] line."""
    good = _line("JA-V-0001", "岭头村", "是")
    broken = _line("JA-V-0002", "降虎村", "否")[:-2] + ",}}"
    source = tmp_path / "villages.jsonl"
    lines = [good.encode(), broken.encode(), b'{"site": {"id": "JA-V-0003"', b'{"site": "\xff\xfe"}', b"[1]", b"[" * 40]
    source.write_bytes(b"\n".join(lines) + b"\n")
    summary = _documents(run, source, tmp_path / "out")
    figure = _figure(summary, "JA-15-15")
    assert (figure["denominator"], figure["missing"], figure["status"]) == (1, 5, "insufficient_data"), figure
    notes = summary["notes"]
    assert isinstance(notes, list) and any(note.startswith("5 行的所在区无法确定") for note in notes), notes
    folder = tmp_path / "facts"  # a facts file that is not UTF-8 text counts the same way
    folder.mkdir()
    (folder / "a.json").write_text(good, encoding="utf-8")
    (folder / "b.yaml").write_bytes("site: {id: JA-V-0002, name: 降虎村}\n".encode("gb18030"))
    figure = _figure(_documents(run, folder, tmp_path / "folder"), "JA-15-15")
    assert (figure["missing"], figure["status"]) == (1, "insufficient_data"), figure


def test_a_totals_document_is_rejected_not_counted(run: Callable[..., Result], tmp_path: Path) -> None:
    """A JSONL line or facts file whose site id or name is a totals row (合计, 宦溪镇小计, 合 计) is rejected as a
    table's totals row is, and counted nowhere: the figure is 1/2 → 有风险, as without those rows
    (was 75%（3/4） → 通过); a village whose id a totals line also used is no repeat."""
    lines = [
        _line("JA-V-0001", "岭头村", "是"),
        _line("JA-V-0002", "降虎村", "否"),
        _line("合计", "合计", "是"),
        _line("JA-V-0099", "宦溪镇小计", "是"),
        _line("合 计", "", "是"),
    ]
    source = tmp_path / "villages.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    summary = _documents(run, source, tmp_path / "out")
    figure = _figure(summary, "JA-15-15")
    assert (figure["numerator"], figure["denominator"], figure["missing"], figure["status"]) == (1, 2, 0, "at_risk")
    assert (summary["assessed"], summary["rejected"]) == (2, 3)
    with (tmp_path / "out" / "rejected.csv").open(encoding="utf-8-sig") as handle:
        reasons = {row["row"]: row["reason"] for row in csv.DictReader(handle)}
    assert set(reasons) == {"3", "4", "5"} and all("a totals row" in reason for reason in reasons.values())
    folder = tmp_path / "facts"
    folder.mkdir()
    for at, line in enumerate(lines[:2]):
        (folder / f"v{at}.json").write_text(line, encoding="utf-8")
    (folder / "total.yaml").write_text(
        "site: {id: JA-V-0001, kind: village, name: 宦溪镇合计, district: 晋安区}\nfacts: {已建成“无废乡村”: 是}\n",
        encoding="utf-8",
    )
    summary = _documents(run, folder, tmp_path / "folder")
    figure = _figure(summary, "JA-15-15")
    assert (figure["numerator"], figure["denominator"], figure["status"]) == (1, 2, "at_risk"), figure


EXCEL_ERRORS = ["#N/A", "#REF!", "#VALUE!", "#NAME?", "#DIV/0!", "#NUM!", "#NULL!", "#SPILL!", "#CALC!"]


@pytest.mark.parametrize("error", EXCEL_ERRORS)
def test_an_excel_error_as_a_site_id_is_no_id_and_counts_as_missing(
    run: Callable[..., Result], tmp_path: Path, error: str
) -> None:
    """Ids filled by a VLOOKUP that failed: each #N/A is a village of its own whose id could not be computed, as a
    blank one, rejected naming that (not as a repeat of the first #N/A) and counted as missing in its district; the
    figure is not decided on the one village left (was 100%（2/2） → 通过, the first #N/A assessed as a site)."""
    header = ["站点编号", "名称", "所在区", "乡镇", "已建成“无废乡村”"]
    rows = [
        ["JA-V-0001", "岭头村", "晋安区", "宦溪镇", "是"],
        [error, "降虎村", "晋安区", "宦溪镇", "是"],
        [error, "板桥村", "晋安区", "宦溪镇", "否"],
        [error, "宦溪村", "晋安区", "宦溪镇", "否"],
    ]
    summary = _batch(run, tmp_path, rows, header=header)
    figure = _figure(summary, "JA-15-15")
    assert (figure["denominator"], figure["missing"], figure["status"]) == (1, 3, "insufficient_data"), figure
    with (tmp_path / "out" / "rejected.csv").open(encoding="utf-8-sig") as handle:
        rejected = list(csv.DictReader(handle))
    assert [(row["row"], row["field"]) for row in rejected] == [("3", "站点编号"), ("4", "站点编号"), ("5", "站点编号")]
    assert all("an Excel error value (the formula failed)" in row["reason"] for row in rejected)
    assert all("Excel 的错误值（公式计算失败）" in row["reason"] for row in rejected)


def test_blank_jsonl_lines_are_skipped_and_counted(run: Callable[..., Result], tmp_path: Path) -> None:
    """An empty line and a line of spaces (what `cat a b > c` or an editor leaves) are blank rows, as in a table:
    skipped, counted in blank_rows_skipped, neither rejected nor district members."""
    source = tmp_path / "villages.jsonl"
    source.write_text(_line("JA-V-0001", "岭头村", "是") + "\n\n   \n\t\n", encoding="utf-8")
    summary = _documents(run, source, tmp_path / "out")
    assert (summary["rows"], summary["rejected"], summary["blank_rows_skipped"]) == (1, 0, 3)
    figure = _figure(summary, "JA-15-15")
    assert (figure["denominator"], figure["missing"], figure["status"]) == (1, 0, "insufficient_data"), (
        figure
    )  # one town is not the whole district
    only_blank = tmp_path / "blank.jsonl"
    only_blank.write_text("\n \n", encoding="utf-8")
    summary = _documents(run, only_blank, tmp_path / "blank")
    assert (summary["rows"], summary["blank_rows_skipped"]) == (0, 2)


def _kind_batch(run: Callable[..., Result], tmp_path: Path, kind: str, rows: list[list[str]]) -> tuple[dict, str, str]:
    table = tmp_path / f"{kind}.csv"
    with table.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([["站点编号", "名称", "所在区", "水质类别"], *rows])
    out = tmp_path / f"out-{kind}"
    result = run("batch", table, "--kind", kind, "--out", out, "--as-of", "2026-06-30", "--quiet")
    assert result.exit_code in (0, 1, 3), result.output
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    rejected = (out / "rejected.csv").read_text(encoding="utf-8-sig")
    findings = (out / "findings.jsonl").read_text(encoding="utf-8")
    return summary, rejected, findings


def test_rivers_named_like_townships_are_assessed(run: Callable[..., Result], tmp_path: Path) -> None:
    rows = [
        ["R1", "汀溪", "同安区", "Ⅱ类"],
        ["R2", "后溪", "集美区", "Ⅱ类"],
        ["R3", "后溪（集美段）", "集美区", "Ⅱ类"],
        ["R4", "宦溪镇", "晋安区", "Ⅱ类"],
        ["R5", "合计", "同安区", "Ⅱ类"],
    ]
    summary, rejected, findings = _kind_batch(run, tmp_path, "river_segment", rows)
    assert (summary["assessed"], summary["rejected"]) == (3, 2), rejected
    assert "R1" not in rejected and "R3" not in rejected
    assert "宦溪镇" in rejected and "合计" in rejected
    assert "合计行" in rejected  # the township's own row, said in Chinese too
    xm_6_4 = [json.loads(line) for line in findings.splitlines() if '"XM-6-4"' in line]
    assert any(f["site"] == "R1" and f["status"] != "not_applicable" for f in xm_6_4), xm_6_4


@pytest.mark.parametrize(
    ("kind", "name", "district"), [("scenic_area", "鼓山", "晋安区"), ("water_source", "宦溪", "晋安区")]
)
def test_other_kinds_named_like_townships_are_sites(
    run: Callable[..., Result], tmp_path: Path, kind: str, name: str, district: str
) -> None:
    rows = [["S1", name, district, "Ⅱ类"], ["S2", f"{name}（风景区）", district, "Ⅱ类"]]
    summary, rejected, _ = _kind_batch(run, tmp_path, kind, rows)
    assert (summary["assessed"], summary["rejected"]) == (2, 0), rejected


def test_a_village_batch_still_reads_a_short_township_name_as_its_row(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    summary, rejected, _ = _kind_batch(
        run, tmp_path, "village", [["V1", "汀溪", "同安区", ""], ["V2", "后溪（集美段）", "集美区", ""]]
    )
    assert summary["rejected"] == 2
    assert "乡镇简称“汀溪”" in rejected and "named 汀溪, the short name" in rejected
    assert "a totals row for 后溪" in rejected
