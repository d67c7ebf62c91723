"""A batch of sections with one column per parameter and month (氨氮[2025-03]) gets the water class derived
per row by the same standards pack as `check`: a pass, a fail on 氨氮, and a month missing 总磷 (not a pass)."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

MONTHS = [f"2025-{m:02d}" for m in range(1, 13)]
PARAMETERS = {"溶解氧": 8.0, "高锰酸盐指数": 2.5, "化学需氧量": 12, "五日生化需氧量": 2.0, "氨氮": 0.3, "总磷": 0.06}


def _sheet(path: Path) -> None:
    header = ["站点编号", "名称", "区县", "是否为闽江干流省控断面"]
    header += [f"{name}[{month}]" for name in PARAMETERS for month in MONTHS]
    rows = []
    for site, ammonia, gap in (("S1", 0.3, None), ("S2", 0.62, None), ("S3", 0.3, "2025-05")):
        cells = [site, f"闽江断面{site}", "晋安区", "是"]
        for name, value in PARAMETERS.items():
            for month in MONTHS:
                figure = ammonia if name == "氨氮" else value
                cells.append("" if name == "总磷" and month == gap else str(figure))
        rows.append(cells)
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, *rows])


def test_measurement_columns_give_each_row_its_class(run: Callable[..., Result], tmp_path: Path) -> None:
    source, out = tmp_path / "sections.csv", tmp_path / "out"
    _sheet(source)
    result = run("batch", source, "--kind", "river_segment", "--out", out, "--as-of", "2026-01-31", "--quiet")
    assert result.exit_code == 0, result.output
    findings = {}
    with (out / "findings.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            finding = json.loads(line)
            if finding["requirement"] == "JA-0-14":
                findings[finding["site"]] = finding
    assert "S1" not in findings  # passes are not written without --all-findings
    assert findings["S2"]["status"] == "fail" and "水质类别 Ⅲ类" in findings["S2"]["reason_zh"]
    assert findings["S3"]["status"] == "insufficient_data"
    with (out / "sites.csv").open(encoding="utf-8-sig") as handle:
        verdicts = {row["site_id"]: row["verdict"] for row in csv.DictReader(handle)}
    assert verdicts == {"S1": "incomplete", "S2": "non_compliant", "S3": "incomplete"}


def test_a_facts_document_in_a_batch_derives_its_measurements_as_check_does(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    """The bundled district's 365 days of PM2.5 in a folder batch: the annual mean is derived, as `check` derives it,
    not left as missing data with the verdict 无法判定."""
    folder = tmp_path / "districts"
    folder.mkdir()
    example = Path(__file__).resolve().parents[1] / "examples" / "district-air-daily.yaml"
    (folder / "district.yaml").write_text(example.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    run("batch", folder, "--kind", "district", "--out", out, "--as-of", "2026-01-31", "--quiet", "--all-findings")
    found = {}
    for line in (out / "findings.jsonl").read_text(encoding="utf-8").splitlines():
        finding = json.loads(line)
        found[finding["requirement"]] = finding["status"]
    checked = json.loads(run("check", example, "--as-of", "2026-01-31", "--format", "json").output)
    assert found == {f["requirement"]: f["status"] for f in checked["assessments"][0]["findings"]}
    assert found["JA-0-19"] == "pass"
