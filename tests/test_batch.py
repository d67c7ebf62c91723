"""`compliance batch`: inputs of every format, bad rows, counts that reconcile, and agreement with `check`."""

from __future__ import annotations

import csv
import json
import random
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from click.testing import Result

from compliance.assess.assessor import Assessor
from compliance.model.facts import Facts, Observation, Site
from tests.conftest import AS_OF, EXAMPLES

HEADER = [
    "站点编号",
    "名称",
    "所在区",
    "乡镇",
    "农村生活污水治理率(%)",
    "农村自来水普及率(%)",
    "农村生活垃圾收运处置体系覆盖的自然村比例(%)",
    "农村生活垃圾无害化处理率(%)",
    "生活垃圾产生量(吨)[2024]",
    "生活垃圾产生量(吨)[2025]",
    "已建成“无废乡村”",
    "备注",
]
METRICS = [
    "rural_domestic_sewage_treatment_rate",
    "rural_tap_water_coverage",
    "natural_village_msw_system_coverage",
    "rural_msw_harmless_treatment_rate",
]
Run = Callable[..., Result]


def villages(count: int, seed: int = 7) -> list[list[str]]:
    """Random villages, values on and around every target, about a tenth of cells blank."""
    rnd = random.Random(seed)
    points = ["70", "74.9", "75", "79.99", "80", "99.89", "99.9", "100", "55.5", "100%"]

    def cell(text: str) -> str:
        return "" if rnd.random() < 0.1 else text

    rows = []
    for number in range(count):
        waste = rnd.choice(["300", "410.5", "520"])
        rows.append(
            [
                f"V{number:04d}",
                f"村{number}",
                "晋安区",
                rnd.choice(["宦溪镇", "寿山乡"]),
                *(cell(rnd.choice(points)) for _ in METRICS),
                cell(waste),
                cell(rnd.choice(["300", "410.5", "520", "600"])),
                cell(rnd.choice(["是", "否"])),
                rnd.choice(["", "备注, 含逗号", '引号"']),
            ]
        )
    return rows


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8-sig", header: list[str] = HEADER) -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def batch(run: Run, source: Path, out: Path, *extra: str) -> Result:
    result = run("batch", source, "--kind", "village", "--out", out, "--as-of", AS_OF.isoformat(), "--quiet", *extra)
    assert result.exit_code == 0, result.output
    return result


def read_sites(out: Path) -> list[dict[str, str]]:
    raw = (out / "sites.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "sites.csv must start with a BOM for Excel"
    return list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))


def read_findings(out: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in (out / "findings.jsonl").read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_every_encoding_gives_the_same_sites(run: Run, tmp_path: Path, encoding: str) -> None:
    rows = villages(40)
    batch(run, write_csv(tmp_path / "reference.csv", rows), tmp_path / "reference")
    batch(run, write_csv(tmp_path / f"{encoding}.csv", rows, encoding), tmp_path / encoding)
    assert read_sites(tmp_path / encoding) == read_sites(tmp_path / "reference")
    manifest = json.loads((tmp_path / encoding / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["input"]["encoding"] in ({encoding, "gb18030"} if "gb" in encoding else {encoding, "utf-8-sig"})


def test_encoding_option_and_unreadable_file(run: Run, tmp_path: Path) -> None:
    source = write_csv(tmp_path / "gbk.csv", villages(5), "gbk")
    result = run("batch", source, "--kind", "village", "--out", tmp_path / "o", "--encoding", "utf-8", "--quiet")
    assert result.exit_code == 2
    assert "cannot be read as utf-8" in result.output and "--encoding gb18030" in result.output
    assert "Traceback" not in result.output
    binary = tmp_path / "binary.csv"
    binary.write_bytes(b"\xff\xfe\x00\x81\x82" * 50)
    result = run("batch", binary, "--kind", "village", "--out", tmp_path / "o2", "--quiet")
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_headers_by_id_english_and_chinese_names_agree(run: Run, tmp_path: Path) -> None:
    rows = [row[:8] for row in villages(30)]
    by_id = ["site_id", "name", "district", "township", *METRICS]
    by_english = [
        "Site ID",
        "Name",
        "District",
        "Township",
        "rural domestic sewage treatment rate",
        "Rural Tap Water Coverage",
    ]
    by_english += ["share of natural villages covered by the rural waste collection system"]
    by_english += ["rural domestic waste harmless treatment rate"]
    outs = []
    for label, header in (("zh", HEADER[:8]), ("id", by_id), ("en", by_english)):
        batch(run, write_csv(tmp_path / f"{label}.csv", rows, header=header), tmp_path / label)
        outs.append(read_sites(tmp_path / label))
    assert outs[0] == outs[1] == outs[2]


def test_bad_rows_are_rejected_with_row_field_and_reason(run: Run, tmp_path: Path) -> None:
    good = villages(3)
    rows = [
        good[0],
        ["V9001", "错类型村", "晋安区", "宦溪镇", "很高", "100", "100", "100", "", "", "是", ""],
        ["V9002", "超范围村", "晋安区", "宦溪镇", "120", "100", "100", "100", "", "", "是", ""],
        [good[0][0], "重复村", "晋安区", "宦溪镇", "80", "100", "100", "100", "", "", "是", ""],
        [""] * len(HEADER),
        ["V9003", "短行村", "晋安区"],
        ["V9004", "布尔村", "晋安区", "宦溪镇", "80", "100", "100", "100", "", "", "也许", ""],
        good[1],
        ["", "无编号村", "晋安区", "宦溪镇", "80", "100", "100", "100", "", "", "是", ""],
        good[2],
    ]
    source = write_csv(tmp_path / "bad.csv", rows)
    result = batch(run, source, tmp_path / "out")
    rejected = list(csv.DictReader((tmp_path / "out" / "rejected.csv").read_text(encoding="utf-8-sig").splitlines()))
    by_row = {int(r["row"]): r for r in rejected}
    assert set(by_row) == {3, 4, 5, 7, 8, 10}, "the empty row 6 is skipped, not rejected"
    assert by_row[3]["field"] == "农村生活污水治理率(%)" and "expected a percentage" in by_row[3]["reason"]
    assert "above the valid range" in by_row[4]["reason"]
    assert by_row[5]["field"] == "站点编号" and "already used by row 2" in by_row[5]["reason"]
    assert "short row" in by_row[7]["reason"]
    assert by_row[8]["field"] == "已建成“无废乡村”" and "true or false" in by_row[8]["reason"]
    assert "blank" in by_row[10]["reason"]
    sites = read_sites(tmp_path / "out")
    assert [int(s["row"]) for s in sites] == [2, 3, 4, 5, 7, 8, 9, 10, 11], "one sites.csv row per input row"
    assert {int(s["row"]) for s in sites if s["verdict"] == "rejected"} == set(by_row)
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert (summary["rows"], summary["assessed"], summary["rejected"], summary["blank_rows_skipped"]) == (9, 3, 6, 1)
    assert "未评估 rejected 6" in result.output


def test_rows_of_one_empty_cell_and_quoted_commas(run: Run, tmp_path: Path) -> None:
    """A row of one quoted empty cell is an empty row, skipped; names holding commas or quotes stay whole."""
    good = villages(2)
    good[0][1] = '岭头村,"东"片'
    source = write_csv(tmp_path / "odd.csv", [good[0], [""], good[1]])
    batch(run, source, tmp_path / "out", "--workers", "2")
    sites = read_sites(tmp_path / "out")
    assert [(s["row"], s["verdict"] == "rejected") for s in sites] == [("2", False), ("4", False)]
    assert sites[0]["name"] == '岭头村,"东"片'
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert (summary["rows"], summary["blank_rows_skipped"]) == (2, 1)


def test_counts_reconcile(run: Run, tmp_path: Path) -> None:
    rows = villages(300)
    rows[10][4] = "not a number"
    batch(run, write_csv(tmp_path / "v.csv", rows), tmp_path / "out", "--workers", "2")
    out = tmp_path / "out"
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    sites = read_sites(out)
    assert summary["rows"] == len(rows) == len(sites) == summary["assessed"] + summary["rejected"]
    assert summary["rejected"] == 1
    assert sum(summary["verdicts"].values()) == summary["rows"]
    for stats in summary["requirements"]:
        assert sum(stats["counts"].values()) == summary["assessed"], stats["requirement"]
    written = read_findings(out)
    failing = sum(int(s["fail"]) + int(s["at_risk"]) + int(s["insufficient_data"]) for s in sites if s["fail"])
    assert len(written) == failing
    assert sum(t["sites"] for t in summary["townships"]) == summary["rows"]
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["counts"] == {"rows": 300, "assessed": 299, "rejected": 1, "blank_rows_skipped": 0}
    assert len(manifest["input"]["sha256"]) == 64 and manifest["rules"]["pack_sha256"]


def _facts(row: dict[str, str], index: int) -> Facts:
    observations: dict[str, Observation] = {}
    for metric, header in zip(METRICS, HEADER[4:8], strict=True):
        if row[header]:
            observations[metric] = Observation(metric=metric, value=float(row[header].rstrip("%")))
    periods = {p: float(row[f"生活垃圾产生量(吨)[{p}]"]) for p in ("2024", "2025") if row[f"生活垃圾产生量(吨)[{p}]"]}
    if periods and "2025" in periods:  # the latest period blank: the figure now is unknown
        latest = periods[max(periods)]
        observations["domestic_waste_generation"] = Observation(
            metric="domestic_waste_generation", value=latest, series=periods
        )
    if row["已建成“无废乡村”"]:
        observations["zero_waste_village_built"] = Observation(
            metric="zero_waste_village_built", value=row["已建成“无废乡村”"] == "是"
        )
    site = Site(id=row["站点编号"], kind="village", name=row["名称"], district="晋安区")
    site.attributes["township"] = row["乡镇"]
    return Facts(site=site, observations=observations, source=f"row {index}")


@pytest.mark.parametrize("workers", ["1", "2"])
def test_batch_findings_agree_with_check(run: Run, tmp_path: Path, assessor: Assessor, workers: str) -> None:
    rows = villages(250, seed=int(workers))
    source = write_csv(tmp_path / "v.csv", rows)
    batch(run, source, tmp_path / "out", "--all-findings", "--workers", workers)
    found: dict[str, list[dict[str, object]]] = {}
    for finding in read_findings(tmp_path / "out"):
        found.setdefault(str(finding["site"]), []).append(finding)
    sites = {s["site_id"]: s for s in read_sites(tmp_path / "out")}
    table = list(csv.DictReader(source.read_text(encoding="utf-8-sig").splitlines()))
    for index, row in enumerate(table):
        expected = assessor.assess(_facts(row, index), AS_OF)
        site_id = row["站点编号"]
        assert sites[site_id]["verdict"] == expected.verdict.value
        got = [{k: v for k, v in f.items() if k not in ("row", "site", "site_name")} for f in found[site_id]]
        assert got == [json.loads(f.model_dump_json()) for f in expected.findings], site_id


def test_default_findings_are_the_ones_that_did_not_pass(run: Run, tmp_path: Path) -> None:
    batch(run, write_csv(tmp_path / "v.csv", villages(60)), tmp_path / "out")
    statuses = {f["status"] for f in read_findings(tmp_path / "out")}
    assert statuses <= {"fail", "at_risk", "insufficient_data"} and statuses


def test_bundled_gbk_csv_and_xlsx_examples_agree(run: Run, tmp_path: Path) -> None:
    result = batch(run, EXAMPLES / "villages-jinan-gbk.csv", tmp_path / "csv")
    batch(run, EXAMPLES / "villages-jinan.xlsx", tmp_path / "xlsx")
    from_csv, from_xlsx = read_sites(tmp_path / "csv"), read_sites(tmp_path / "xlsx")
    assert from_csv == from_xlsx
    verdicts = {s["name"]: s["verdict"] for s in from_csv}
    assert verdicts["岭头村"] == "compliant" and verdicts["降虎村"] == "non_compliant"
    assert verdicts["东坑村"] == "rejected" and verdicts["九峰村"] == "non_compliant"
    assert verdicts["前洋村"] == "compliant", "JA-15-3 counts from 2024: its blank 2020 cell is not wanted"
    assert "备注" in from_csv[0], "unknown columns are kept"
    assert "warning: columns not matched" in result.output and "备注" in result.output
    book = openpyxl.load_workbook(tmp_path / "csv" / "report.xlsx", read_only=True)
    assert [ws.title for ws in book.worksheets] == [
        "概况 overview",
        "站点 sites",
        "问题 findings",
        "要求统计 requirements",
        "乡镇汇总 townships",
        "区县指标 districts",
    ]
    sheet_rows = list(book["站点 sites"].iter_rows(values_only=True))
    assert len(sheet_rows) == 13 and sheet_rows[1][1] == "JA-V-0001"
    book.close()


def test_district_figures_show_numerator_denominator_and_decide_only_when_missing_data_cannot_change_it(
    run: Run, tmp_path: Path
) -> None:
    rows = [
        ["A1", "甲村", "晋安区", "宦溪镇", "90", "100", "100", "100", "", "", "是", ""],
        ["A2", "乙村", "晋安区", "宦溪镇", "70", "100", "100", "100", "", "", "是", ""],
        ["A3", "丙村", "晋安区", "宦溪镇", "80", "100", "100", "", "", "", "否", ""],
        ["A4", "丁村", "晋安区", "宦溪镇", "", "100", "100", "100", "", "", "", ""],
    ]
    batch(run, write_csv(tmp_path / "v.csv", rows), tmp_path / "out")
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    figures = {(d["district"], d["requirement"]): d for d in summary["districts"]}
    sewage = figures[("晋安区", "JA-14-7")]
    assert (sewage["denominator"], sewage["missing"]) == (3, 1)
    # a rate of rates, no village stating its natural villages: no single figure, only the villages' range, and the
    # village missing its rate could be anything, of any weight
    assert sewage["figure"] == "" and sewage["lowest"] == "0%" and sewage["highest"] == "100%"
    assert sewage["status"] == "insufficient_data", "the missing village could bring the district below 75%"
    zero_waste = figures[("晋安区", "JA-15-15")]
    assert (zero_waste["numerator"], zero_waste["denominator"], zero_waste["missing"]) == (2, 3, 1)
    # a village missing: printed as its range, never the share of those known (66.6667%)
    assert zero_waste["figure"] == "" and zero_waste["lowest"] == "50%" and zero_waste["highest"] == "75%"
    assert zero_waste["status"] == "insufficient_data", "50% would be at risk of the 2027 target of 60%, 75% not"
    tap = figures[("晋安区", "JA-14-20")]
    assert tap["status"] == "pass" and tap["missing"] == 0


def test_folder_and_jsonl_inputs(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "facts"
    folder.mkdir()
    for name in ("village-compliant.yaml", "village-noncompliant.yaml"):
        (folder / name).write_text((EXAMPLES / name).read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "broken.yaml").write_text("site: [unclosed\n", encoding="utf-8")
    batch(run, folder, tmp_path / "out")
    sites = read_sites(tmp_path / "out")
    assert [s["verdict"] for s in sites] == ["rejected", "compliant", "non_compliant"]
    lines = []
    for name in ("village-compliant.yaml", "village-noncompliant.yaml"):
        import yaml

        lines.append(
            json.dumps(yaml.safe_load((EXAMPLES / name).read_text(encoding="utf-8")), ensure_ascii=False, default=str)
        )
    lines.insert(1, "{not json")
    lines.append("")
    lines.append(lines[0])
    jsonl = tmp_path / "v.jsonl"
    jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")
    batch(run, jsonl, tmp_path / "jsonl")
    verdicts = [(s["row"], s["verdict"]) for s in read_sites(tmp_path / "jsonl")]
    assert verdicts == [("1", "compliant"), ("2", "rejected"), ("3", "non_compliant"), ("5", "rejected")]
    rejected = (tmp_path / "jsonl" / "rejected.csv").read_text(encoding="utf-8-sig")
    assert "not valid JSON" in rejected and "already used by record 1" in rejected
    summary = json.loads((tmp_path / "jsonl" / "summary.json").read_text(encoding="utf-8"))
    assert (summary["rows"], summary["rejected"], summary["blank_rows_skipped"]) == (4, 2, 1)  # line 4 is empty


def test_a_folder_holding_tables_stops_instead_of_leaving_their_sites_out(run: Run, tmp_path: Path) -> None:
    """A county's folder with its townships' workbooks beside a facts file: the tables' villages would be missing from
    every district figure without a word, so the batch stops naming them (a .txt note is no table)."""
    folder = tmp_path / "county"
    folder.mkdir()
    (folder / "九峰村.yaml").write_text((EXAMPLES / "village-compliant.yaml").read_text(encoding="utf-8"), "utf-8")
    (folder / "说明.txt").write_text("各乡镇报表\n", encoding="utf-8")
    (folder / "宦溪镇.csv").write_text((EXAMPLES / "villages-xiamen.csv").read_text(encoding="utf-8"), "utf-8")
    result = run("batch", folder, "--kind", "village", "--out", tmp_path / "out", "--quiet")
    assert result.exit_code == 2 and "holds tables a folder batch does not read (宦溪镇.csv)" in result.output
    (folder / "宦溪镇.csv").unlink()
    batch(run, folder, tmp_path / "only-facts")


def test_unusable_inputs_stop_with_a_clear_error(run: Run, tmp_path: Path) -> None:
    no_id = write_csv(tmp_path / "no-id.csv", [["甲村", "80"]], header=["名称", "农村生活污水治理率"])
    for args, expected in (
        ((tmp_path / "missing.csv",), "no such file"),
        ((no_id,), "no site id column"),
        ((tmp_path / "old.xls",), ".xlsx"),
    ):
        if args[0].name == "old.xls":
            args[0].write_bytes(b"\xd0\xcf\x11\xe0")
        result = run("batch", *args, "--kind", "village", "--out", tmp_path / "o", "--quiet")
        assert result.exit_code == 2 and expected in result.output and "Traceback" not in result.output
    result = run("batch", no_id, "--kind", "vilage", "--out", tmp_path / "o", "--quiet")
    assert result.exit_code == 2 and "did you mean village" in result.output


def test_an_output_folder_that_cannot_be_written_stops_with_a_clear_error(run: Run, tmp_path: Path) -> None:
    source = write_csv(tmp_path / "v.csv", [["V1", "甲村", "80"]], header=["站点编号", "名称", "农村生活污水治理率"])
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    result = run("batch", source, "--kind", "village", "--out", blocker / "out", "--quiet")
    assert result.exit_code == 2 and "cannot be written" in result.output and "Traceback" not in result.output


def test_a_failed_append_is_reported_not_lost(tmp_path: Path) -> None:
    """A worker's appender that cannot write (here: no space left) stops the others and the batch says so."""
    import errno
    import io

    from compliance.batch.blocks import BlockFile, End
    from compliance.batch.workers import Turn, _Appender, fork_context

    class FullDisk(BlockFile):
        def append(self, data: bytes | memoryview, end: End) -> End:
            raise OSError(errno.ENOSPC, "No space left on device")

    path = tmp_path / "findings.jsonl"
    path.write_bytes(b"")
    turn = Turn.create(fork_context())
    appender = _Appender(turn, [FullDisk(path)])
    appender.put(0, [io.BytesIO(b"{}\n")])
    appender.put(1, [io.BytesIO(b"{}\n")])
    appender.close()
    with pytest.raises(OSError, match="No space left") as raised:
        turn.check(path)
    assert raised.value.errno == errno.ENOSPC and raised.value.filename == str(path)
    assert turn.abandoned.value == 1


def test_an_unexpected_append_error_stops_the_batch_instead_of_hanging_it(tmp_path: Path) -> None:
    import io

    from compliance.batch.blocks import BlockFile, End
    from compliance.batch.workers import Turn, _Appender, fork_context

    class Broken(BlockFile):
        def append(self, data: bytes | memoryview, end: End) -> End:
            raise RuntimeError("unexpected")

    path = tmp_path / "findings.jsonl"
    path.write_bytes(b"")
    turn = Turn.create(fork_context())
    appender = _Appender(turn, [Broken(path)])
    for number in range(3):  # the appender keeps taking chunks after the failure: no put() blocks
        appender.put(number, [io.BytesIO(b"{}\n")])
    appender.close()
    with pytest.raises(OSError, match="the write failed"):
        turn.check(path)


def test_seen_ids_remember_the_first_row_through_growth() -> None:
    from compliance.batch.seen import SeenIds

    seen = SeenIds(capacity=4)
    for number in range(5000):
        assert seen.first_row(f"V{number}", number + 2) is None
    assert len(seen) == 5000
    assert seen.first_row("V0", 9999) == 2 and seen.first_row("V4999", 9999) == 5001
    assert seen.first_row("新的村", 10) is None and seen.first_row("新的村", 11) == 10


def test_district_figures_leave_out_trends_a_batch_cannot_date(run: Run, tmp_path: Path) -> None:
    """A batch gives one figure per district, not a dated series: 占比达到45% is decided, 稳中有升 is not attempted."""
    rows = [["B1", "甲楼", "晋安区", "是", "是", "9000"], ["B2", "乙楼", "晋安区", "是", "否", "11000"]]
    header = ["站点编号", "名称", "所在区", "属城镇新建建筑", "取得星级绿色建筑标识", "建筑面积"]
    source = write_csv(tmp_path / "b.csv", rows, header=header)
    out = tmp_path / "out"
    result = run("batch", source, "--kind", "building", "--out", out, "--as-of", AS_OF.isoformat(), "--quiet")
    assert result.exit_code == 0, result.output  # a batch that ran to the end, whatever its sites' verdicts
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    figures = {d["requirement"]: d for d in summary["districts"]}
    assert figures["JA-0-25"]["figure"] == "45%" and figures["JA-0-25"]["status"] == "pass"  # of the floor area
    assert "JA-0-48" not in figures


def test_district_findings_say_whether_a_figure_was_stated_or_computed(run: Run, tmp_path: Path) -> None:
    batch(run, EXAMPLES / "villages-jinan-gbk.csv", tmp_path / "out")
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    computed = next(d for d in summary["districts"] if d["requirement"] == "JA-15-15")
    assert "（由本批12个行政村计算）" in computed["reason_zh"]  # 东坑村, rejected for 待核实, still a member
    result = run("check", EXAMPLES / "xiamen-district-compliant.yaml", "--as-of", "2026-06-30", "--format", "json")
    (assessment,) = json.loads(result.output)["assessments"]
    stated = next(f for f in assessment["findings"] if f["requirement"] == "XM-0-19")
    assert "（填报值，非由各行政村计算）" in stated["reason_zh"]
    assert "(as stated, not computed from village sites)" in stated["reason_en"]


YEARS = ["2020", "2021", "2022", "2023", "2024", "2025"]


def test_series_with_holes_agree_with_check(run: Run, tmp_path: Path, assessor: Assessor) -> None:
    """减量化 (JA-15-3, against 2024) over 2020–2025 with years left blank: the batch says what `check` says."""
    rnd = random.Random(11)
    header = ["站点编号", "名称", "所在区", *(f"生活垃圾产生量(吨)[{year}]" for year in YEARS)]
    rows = []
    for number in range(300):
        level = rnd.choice([500.0, 480.0])
        cells = []
        for _ in YEARS:
            level -= rnd.choice([10.0, 10.0, 10.0, -5.0])
            cells.append("" if rnd.random() < 0.2 else f"{level:g}")
        rows.append([f"V{number:04d}", f"村{number}", "晋安区", *cells])
    rows[0][3:] = ["520", "510", "", "530", "480", "470"]  # a hole in 2022 and a rise in 2023: below 2024, a pass
    rows[1][3:] = ["520", "510", "500", "490", "", "470"]  # every year falls, but 2024, the base year, is blank
    source = write_csv(tmp_path / "v.csv", rows, header=header)
    batch(run, source, tmp_path / "out", "--all-findings", "--workers", "2")
    found = {str(f["site"]): f for f in read_findings(tmp_path / "out") if f["requirement"] == "JA-15-3"}
    statuses = set()
    for row in rows:
        periods = {year: float(cell) for year, cell in zip(YEARS, row[3:], strict=True) if cell}
        observations = {}
        if periods and row[-1]:  # the latest year blank: the figure now is unknown, never an earlier year's
            latest = periods[max(periods)]
            observations["domestic_waste_generation"] = Observation(
                metric="domestic_waste_generation", value=latest, series=periods
            )
        site = Site(id=row[0], kind="village", name=row[1], district="晋安区")
        expected = assessor.assess(Facts(site=site, observations=observations), AS_OF)
        finding = next(f for f in expected.findings if f.requirement == "JA-15-3")
        got = {k: v for k, v in found[row[0]].items() if k not in ("row", "site", "site_name")}
        assert got == json.loads(finding.model_dump_json()), row
        statuses.add(finding.status.value)
    assert found["V0000"]["status"] == "pass"
    assert found["V0001"]["status"] == "insufficient_data"
    assert "生活垃圾产生量 2024年" in str(found["V0001"]["reason_zh"])
    assert statuses == {"pass", "fail", "insufficient_data"}


def _refused(run: Run, source: Path, out: Path, kind: str = "village") -> str:
    """What a batch that stops on its header says (exit code 2)."""
    result = run("batch", source, "--kind", kind, "--out", out, "--as-of", AS_OF.isoformat(), "--quiet")
    assert result.exit_code == 2, result.output
    return result.output


RESTAURANT = [
    "站点编号",
    "名称",
    "所在区",
    "乡镇",
    "安装油烟净化装置",
    "位于城区",
    "露天烧烤",
    "经营中使用一次性塑料制品",
]


@pytest.mark.parametrize(
    "dated",
    [
        "2026年上半年油烟达标排放",
        "截至2026年6月底油烟达标排放",
        "2026年6月底油烟达标排放",
        "2026年1-6月油烟达标排放",
        "1-6月油烟达标排放",
    ],
)
def test_a_metrics_column_dated_by_no_columns_period_stops_the_batch_beside_its_own(
    run: Run, tmp_path: Path, dated: str
) -> None:
    """2026年上半年油烟达标排放 beside 油烟达标排放[2025]: kept as an extra, its 否 (a breach in the first half of 2026)
    was dropped and JA-5-22 passed on 2025's 是. A part of a year, a cut-off or a month's end is no column's period, so
    the batch stops naming the column, as it does when no other column reads the metric."""
    row = ["R1", "老鼓楼烧烤店", "晋安区", "茶园街道", "是", "是", "否", "否", "是", "否"]
    for beside in ("油烟达标排放[2025]", "油烟达标排放"):
        source = write_csv(tmp_path / "r.csv", [row], header=[*RESTAURANT, beside, dated])
        said = _refused(run, source, tmp_path / "out", "restaurant")
        assert f"{dated}: names 油烟达标排放 with a date or period" in said and "表头含指标名“油烟达标排放”" in said
    numbers = write_csv(
        tmp_path / "n.csv",
        [["V1", "降虎村", "晋安区", "宦溪镇", "500", "480"]],
        header=[*HEADER[:4], "生活垃圾产生量[2024]", "截至2025年底生活垃圾产生量"],
    )
    assert "截至2025年底生活垃圾产生量: names 生活垃圾产生量 with a date" in _refused(run, numbers, tmp_path / "n")
    noted = write_csv(tmp_path / "s.csv", [row], header=[*RESTAURANT, "油烟达标排放[2025]", "油烟达标排放说明"])
    assert "油烟达标排放说明" in batch(run, noted, tmp_path / "s", "--kind", "restaurant").output  # an extra


@pytest.mark.parametrize(
    "column",
    [
        *("年份（年）", "年份(年)", "年", "year", "Year", "YEAR", "时期", "期间", "统计年", "年 份", "年月份"),
        *("自查年度", "检查年度", "评估年度", "填报年度", "填报年份"),
    ],
)
def test_a_column_of_the_year_the_figures_are_of_stops_the_batch_in_any_spelling(
    run: Run, tmp_path: Path, column: str
) -> None:
    """A long table, one row per village per year under 年份（年）: read as the figures now, V2's 2022 figure passed
    the 2025 target. Any year or period word (a unit bracket and spaces aside), or a word ending in 年度/年份, stops
    the batch as 年份 does; 填报日期 (when the form was filled) stays an extra column."""
    rows = [["V1", "降虎村", "晋安区", "宦溪镇", "2023", "80"], ["V2", "板桥村", "晋安区", "宦溪镇", "2022", "78"]]
    header = [*HEADER[:4], column, "农村生活污水治理率(%)"]
    said = _refused(run, write_csv(tmp_path / "long.csv", rows, header=header), tmp_path / "out")
    assert f"{column}: a column of the date the figures are of is not read" in said
    filled = write_csv(tmp_path / "filled.csv", rows, header=[*HEADER[:4], "填报日期", "农村生活污水治理率(%)"])
    batch(run, filled, tmp_path / "filled")


def test_per_gdp_columns_at_different_constant_price_bases_stop_the_batch(run: Run, tmp_path: Path) -> None:
    """单位GDP能耗 of 2020 at 2020 prices beside 2025's at 2025 prices passed JA-0-9 on a fall of 19.87%, overstated by
    the larger GDP under the 2025 figure. Different bases stop the batch naming both columns; one base, or none, is
    read as before."""
    head = ["站点编号", "名称", "所在区", "行政区划代码"]
    row = ["D1", "晋安区", "晋安区", "350111", "0.312", "0.250"]
    first = "单位GDP能耗（吨标准煤/万元，2020年价）[2020]"
    for later in (
        "单位GDP能耗（吨标准煤/万元，2025年价）[2025]",
        "单位GDP能耗（吨标准煤/万元，按2025年不变价计算）[2025]",
    ):
        source = write_csv(tmp_path / "pb.csv", [row], header=[*head, first, later])
        said = _refused(run, source, tmp_path / "out", "district")
        assert f"'{first}' (at 2020 prices), '{later}' (at 2025 prices)" in said and "不变价" in said
    for later in ("单位GDP能耗（吨标准煤/万元，2020年价）[2025]", "单位GDP能耗（可比价）[2025]"):
        source = write_csv(tmp_path / "same.csv", [row], header=[*head, first, later])
        out = tmp_path / later[-12:]
        batch(run, source, out, "--kind", "district", "--all-findings")
        found = {f["requirement"]: f for f in read_findings(out)}
        assert found["JA-0-9"]["status"] == "pass"


@pytest.mark.parametrize(
    ("title", "year"),
    [
        ("晋安区“十三五”期末农村人居环境统计表", "2020"),
        ("晋安区十三五期末农村人居环境统计表", "2020"),
        ("晋安区“十四五”期末农村人居环境统计表", "2025"),
        ("晋安区“十四五”2024年度农村人居环境统计表", "2024"),
        ("晋安区十四五期间农村人居环境统计表", ""),
        ("晋安区十三五期间农村人居环境统计表", ""),
        ("晋安区十四五农村人居环境统计表", ""),
    ],
)
def test_a_title_naming_a_five_year_plan_dates_the_columns_or_stops(
    run: Run, tmp_path: Path, title: str, year: str
) -> None:
    """十三五期末 is the end of 2020, the plan's last year, as a title 2020年度 dates the columns; 十四五期间 (or 十四五
    alone) is 2021–2025, no one year, refused as a title naming 2023-2025年 is. Read as the figures now, 十三五期末's
    80% passed the 2025 target."""
    source = tmp_path / "t.csv"
    with source.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(
            [[title], [*HEADER[:4], "农村生活污水治理率(%)"], ["V1", "降虎村", "晋安区", "宦溪镇", "80"]]
        )
    if not year:
        said = _refused(run, source, tmp_path / "out")
        assert "names the years" in said and "十" in said.split("names the years")[1].split(":")[0]
        return
    out = tmp_path / "out"
    result = run("batch", source, "--kind", "village", "--out", out, "--as-of", AS_OF.isoformat(), "--all-findings")
    assert result.exit_code == 0, result.output
    assert f"read as {year}'s figures" in result.output
    sewage = next(f for f in read_findings(out) if f["requirement"] == "JA-14-7")
    assert sewage["status"] == ("pass" if year == "2025" else "insufficient_data")


def test_dated_columns_mixing_years_and_months_are_named_as_headed(run: Run, tmp_path: Path) -> None:
    """The refusal named made-up periods (2024, 2024-06) rather than the columns to change."""
    header = [*HEADER[:4], "生活垃圾产生量[2023]", "生活垃圾产生量[2025-11]"]
    source = write_csv(tmp_path / "h.csv", [["V1", "降虎村", "晋安区", "宦溪镇", "500", "480"]], header=header)
    said = _refused(run, source, tmp_path / "out")
    assert "dated columns mix years ('生活垃圾产生量[2023]') and months ('生活垃圾产生量[2025-11]')" in said
    assert "（“生活垃圾产生量[2023]”）和月份（“生活垃圾产生量[2025-11]”）" in said
