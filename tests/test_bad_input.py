"""Every user mistake gets exit code 2 and a message naming file, line, field and what was expected."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from compliance.load.shape import check_shape
from compliance.load.yamlsrc import read
from compliance.model.problems import InputError
from tests.conftest import EXAMPLES

SITE = "site: {id: S1, kind: village, name: 九峰村, district: 晋安区}\n"

CASES = {
    "yaml syntax": (
        SITE + "facts:\n  rural_domestic_sewage_treatment_rate: [75\n",
        ["not valid YAML/JSON", "starts on line 3"],
        4,
    ),
    "not a mapping": ("- 1\n- 2\n", ["expected a mapping"], 1),
    "empty file": ("", ["expected a mapping"], 1),
    "no site": ("facts: {}\n", ["site", "this field is required"], 1),
    "unknown top-level key": (SITE + "fact: {}\n", ["fact", "unknown field"], 2),
    "unknown kind": (
        "site: {id: S1, kind: vilage, name: 村, district: 晋安区}\n",
        ["site.kind", "did you mean village"],
        1,
    ),
    "misspelt metric": (
        SITE + "facts:\n  rural_domestic_sewage_treatmnt_rate: 80\n",
        ["facts.rural_domestic_sewage_treatmnt_rate", "did you mean rural_domestic_sewage_treatment_rate"],
        3,
    ),
    "text for a percent": (
        SITE + "facts:\n  rural_domestic_sewage_treatment_rate: 很高\n",
        ["expected a percentage"],
        3,
    ),
    "percent out of range": (
        SITE + "facts:\n  rural_domestic_sewage_treatment_rate: 120%\n",
        ["above the valid range"],
        3,
    ),
    "negative percent": (SITE + "facts:\n  rural_domestic_sewage_treatment_rate: -5\n", ["below the valid range"], 3),
    "nan": (SITE + "facts:\n  rural_domestic_sewage_treatment_rate: .nan\n", ["not a finite number"], 3),
    "infinity": (SITE + "facts:\n  rural_domestic_sewage_treatment_rate: .inf\n", ["not a finite number"], 3),
    "Infinity text": (
        SITE + "facts:\n  rural_domestic_sewage_treatment_rate: Infinity\n",
        ["expected a percentage"],
        3,
    ),
    "boolean for a percent": (SITE + "facts:\n  rural_domestic_sewage_treatment_rate: true\n", ["got a boolean"], 3),
    "duplicate key": (
        SITE + "facts:\n  rural_domestic_sewage_treatment_rate: 80\n  rural_domestic_sewage_treatment_rate: 70\n",
        ["appears twice"],
        4,
    ),
    "same metric by id and name": (
        SITE + "facts:\n  rural_domestic_sewage_treatment_rate: 80\n  农村生活污水治理率: 70\n",
        ["both give 农村生活污水治理率", "只填一次"],
        4,
    ),
    "bad observed_on": (
        SITE + "facts:\n  rural_domestic_sewage_treatment_rate: {value: 80, observed_on: 2026-13-45}\n",
        ["not a real date", "no month 13"],
        3,
    ),
    "unknown provenance key": (
        SITE + "facts:\n  rural_domestic_sewage_treatment_rate: {value: 80, sorce: 台账}\n",
        ["facts.rural_domestic_sewage_treatment_rate"],
        3,
    ),
    "a code written as a number": (
        "site: {id: S1, kind: village, name: 九峰村, admin_code: 350111}\nfacts: {}\n",
        ["site.admin_code", "expected text, got the number 350111", "put it in quotes: '350111'"],
        1,
    ),
    "a list for a value": (
        SITE + "facts:\n  rural_domestic_sewage_treatment_rate: [80, 85]\n",
        ["facts.rural_domestic_sewage_treatment_rate", "got a list"],
        3,
    ),
    "a series as a list": (
        SITE + "facts:\n  生活垃圾产生量:\n    series: [3, 4]\n",
        ["facts.生活垃圾产生量.series", "expected a mapping", "got a list"],
        4,
    ),
    "no location": (
        "site: {id: S1, kind: village, name: 村}\nfacts: {}\n",
        ["no admin_code or district", "--plan"],
        None,
    ),
    "outside every plan": (
        "site: {id: S1, kind: village, name: 村, admin_code: '110101'}\nfacts: {}\n",
        ["no plan covers 110101"],
        None,
    ),
    "outside every plan, not a place a plan names": (  # 枋洋水利枢纽工程 in 长泰区 is 厦门's (features/xiamen/05)
        "site: {id: S1, kind: reservoir, name: 某水库, district: 长泰区}\nfacts: {}\n",
        ["no plan covers 长泰区"],
        None,
    ),
    "alias bomb": (
        "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
        "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n",
        ["more than 200000 values"],
        None,
    ),
    "deep nesting": ("site: " + "[" * 5000 + "]" * 5000 + "\n", ["nested too deeply"], None),
    "json syntax": ('{"site": {"id": "S1",, }}', ["not valid YAML/JSON"], 1),
    "the figures' year as a site attribute beside undated facts": (  # read as now, 2023's 80% passed the 2025 target
        "site: {id: S1, kind: village, name: 九峰村, district: 晋安区,\n  attributes: {年份: 2023}}\n"
        "facts:\n  农村生活污水治理率: 80%\n",
        [
            "site.attributes.年份",
            "says the figures are of 2023",
            "农村生活污水治理率 (undated)",
            "observed_on",
            "series",
        ],
        2,
    ),
    "统计年度 as a site attribute beside undated facts": (
        "site: {id: S1, kind: village, name: 九峰村, district: 晋安区, attributes: {统计年度: 2023}}\n"
        "facts:\n  农村生活污水治理率: 80%\n",
        ["site.attributes.统计年度", "写明数据所属时间（2023）"],
        1,
    ),
    "year as a site attribute beside undated facts": (
        SITE.replace("}", ", attributes: {year: 2023}}") + "facts:\n  农村生活污水治理率: 80%\n",
        ["site.attributes.year", "says the figures are of 2023"],
        1,
    ),
}


def _no_traceback(result: Result) -> None:
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_facts_file_is_reported_with_its_place(case: str, tmp_path: Path, run: Callable[..., Result]) -> None:
    content, expected, line = CASES[case]
    path = tmp_path / ("facts.json" if case.startswith("json") else "facts.yaml")
    path.write_text(content, encoding="utf-8")
    result = run("check", path, "--as-of", "2026-06-30")
    _no_traceback(result)
    assert result.exit_code == 2, result.output
    assert str(path) + (f":{line}" if line else "") in result.output
    for phrase in expected:
        assert phrase in result.output


def test_the_shipped_schema_refuses_the_shape_before_any_value_is_read(tmp_path: Path) -> None:
    """Facts are checked against `schemas/facts.schema.json` with jsonschema first: every shape problem is
    listed at once, each at its line, in the order of the file."""
    path = tmp_path / "facts.yaml"
    path.write_text(
        "site: {id: S1, kind: village, name: 九峰村, colour: red}\n"
        "facts:\n  生活垃圾产生量: {value: 3, observed_on: 2025-06-30, sorce: 台账}\n  农村生活污水治理率: [1]\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as refused:
        check_shape(read(path))
    assert [f"{p.file}:{p.line}: {p.field}: {p.message}" for p in refused.value.problems] == [
        f"{path}:1: site.colour: unknown field",
        f"{path}:3: facts.生活垃圾产生量.sorce: unknown field: write source (a fact's keys are value, series, source,"
        " observed_on, evidence)",
        f"{path}:4: facts.农村生活污水治理率: expected a number or yes/no (true/false) or text or a mapping with"
        " `value` or `series` or a blank, got a list",
    ]


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.yaml")) + sorted((EXAMPLES / "sites").glob("*.yaml")))
def test_every_example_facts_file_has_the_shape_the_schema_gives(example: Path) -> None:
    """The schema must not refuse what people write and the readers accept (unquoted dates, 85%, 是)."""
    located = read(example)
    if isinstance(located.data, dict) and "site" in located.data:
        check_shape(located)


def test_non_utf8_file_is_named_with_its_line(tmp_path: Path, run: Callable[..., Result]) -> None:
    path = tmp_path / "gbk.yaml"
    path.write_bytes((SITE + "facts:\n  农村生活污水治理率: 80\n").encode("gbk"))
    result = run("check", path)
    assert result.exit_code == 2
    assert f"{path}:1" in result.output and "not UTF-8" in result.output


def test_a_tables_chinese_site_titles_under_site_are_named_once_with_the_key_to_write(
    tmp_path: Path, run: Callable[..., Result]
) -> None:
    """站点编号, 类型, 名称, 所在区 are the template's column titles: under `site:` each says which key to write, and a
    required key is reported once, not once per branch of the schema."""
    path = tmp_path / "site.yaml"
    path.write_text("site: {站点编号: X, 类型: 区, 名称: 翔安区, 所在区: 翔安区}\nfacts: {}\n", encoding="utf-8")
    result = run("check", path, "--as-of", "2026-06-30")
    _no_traceback(result)
    assert result.exit_code == 2 and result.output.count("site.id: this field is required") == 1
    assert "site.名称: unknown field: under site: write name" in result.output
    assert "site.所在区: unknown field: under site: write district" in result.output


def test_a_facts_files_two_parts_named_in_chinese_are_told_their_keys(
    tmp_path: Path, run: Callable[..., Result]
) -> None:
    """站点 and 事实 at the top of a facts file are refused, each with the key to write."""
    path = tmp_path / "zh.yaml"
    path.write_text("站点: {id: V1, kind: village, name: 某村}\n事实:\n  农村生活污水治理率: 80\n", encoding="utf-8")
    result = run("check", path, "--as-of", "2026-06-30")
    _no_traceback(result)
    assert result.exit_code == 2
    assert f"{path}:1: 站点: unknown field: write site" in result.output
    assert f"{path}:2: 事实: unknown field: write facts" in result.output


def test_missing_file(tmp_path: Path, run: Callable[..., Result]) -> None:
    result = run("check", tmp_path / "nowhere.yaml")
    assert result.exit_code == 2
    assert "cannot read the file" in result.output


def test_one_bad_file_does_not_stop_the_others(tmp_path: Path, run: Callable[..., Result]) -> None:
    good = tmp_path / "good.yaml"
    good.write_text(SITE + "facts:\n  rural_domestic_sewage_treatment_rate: 90\n", encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(SITE + "facts:\n  rural_domestic_sewage_treatment_rate: x\n", encoding="utf-8")
    result = run("check", bad, good, "--format", "json")
    assert result.exit_code == 2
    assert '"verdict"' in result.output and str(bad) in result.output


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--plan", "jinann"], "did you mean jinan"),
        (["--as-of", "2026-02-30"], "2026-02-30"),
        (["--format", "xml"], "xml"),
        (["--lang", "fr"], "fr"),
    ],
)
def test_bad_options(args: list[str], expected: str, tmp_path: Path, run: Callable[..., Result]) -> None:
    path = tmp_path / "ok.yaml"
    path.write_text(SITE + "facts: {}\n", encoding="utf-8")
    result = run("check", path, *args)
    _no_traceback(result)
    assert result.exit_code == 2
    assert expected in result.output


def test_bad_rules_dir_names_the_rule_file_and_line(tmp_path: Path, run: Callable[..., Result]) -> None:
    from tests.packs import threshold, write_pack

    rules = write_pack(tmp_path / "rules", [], [threshold("JA-1-1", "no_such_metric", ">=", 75)])
    facts = tmp_path / "f.yaml"
    facts.write_text(SITE + "facts: {}\n", encoding="utf-8")
    result = run("check", facts, "--rules", rules)
    assert result.exit_code == 2
    assert "rules.yaml:" in result.output and "unknown metric 'no_such_metric'" in result.output


@pytest.mark.parametrize("value", [float("nan"), float("inf"), "七十五", True])
def test_bad_target_values_in_a_rules_dir_are_named(value: object, tmp_path: Path, run: Callable[..., Result]) -> None:
    from tests.packs import percent_metric, threshold, write_pack

    requirement = threshold("JA-1-1", "rate", ">=", 75)
    requirement["targets"] = [{"value": value, "due": "2025-12-31"}]
    rules = write_pack(tmp_path / "rules", [percent_metric("rate", "比率")], [requirement])
    facts = tmp_path / "f.yaml"
    facts.write_text(SITE + "facts: {rate: 80}\n", encoding="utf-8")
    result = run("check", facts, "--rules", rules)
    _no_traceback(result)
    assert result.exit_code == 2
    assert "rules.yaml:" in result.output and "JA-1-1.check" in result.output


def test_unknown_kind_for_template_suggests(run: Callable[..., Result]) -> None:
    result = run("facts", "template", "--kind", "villag")
    assert result.exit_code == 2
    assert "did you mean village" in result.output


def test_a_metric_defined_twice_across_catalogue_files_is_named(tmp_path: Path, run: Callable[..., Result]) -> None:
    from tests.packs import percent_metric, threshold, write_pack

    rules = write_pack(tmp_path / "rules", [percent_metric("rate", "比率")], [threshold("JA-1-1", "rate", ">=", 75)])
    (rules / "catalogue.d").mkdir()
    (rules / "catalogue.d" / "extra.yaml").write_text(
        "metrics:\n  - {id: rate, name_zh: 比率2, name_en: rate2, type: percent}\n", encoding="utf-8"
    )
    result = run("rules", "lint", rules)
    assert result.exit_code == 1
    assert "extra.yaml:2: metrics.0.id: rate is already defined in" in result.output


def test_a_yaml_merge_key_is_refused_naming_the_line(run: Callable[..., Result], tmp_path: Path) -> None:
    """An anchor merged into facts (<<: *base) is a clear error, never a traceback, and other files still run."""
    merged = tmp_path / "merged.yaml"
    merged.write_text(
        "base: &b\n  农村自来水普及率: 100\nsite: {id: M8, kind: village, name: 甲村, district: 晋安区}\n"
        "facts:\n  <<: *b\n  农村生活污水治理率: 80\n",
        encoding="utf-8",
    )
    result = run("check", merged, EXAMPLES / "village-compliant.yaml", "--as-of", "2026-06-30")
    assert result.exit_code == 2
    assert f"{merged}:5: merge keys (<<) are not read" in result.output and "Traceback" not in result.output
    assert "JA-V-0001" in result.output


def test_a_date_where_a_value_belongs_is_one_line_saying_so(run: Callable[..., Result], tmp_path: Path) -> None:
    """A clerk's completion date under a yes/no fact: one problem naming it, not one per form a value may take."""
    dated = tmp_path / "dated.yaml"
    dated.write_text(
        "site: {id: DV, kind: 水电站, name: 测试水电站, district: 晋安区}\nfacts:\n  水电站整治类别: 退出\n"
        "  水电站退出完成: 2026-05-30\n  农村生活污水治理率: {value: 80, observed_on: 2026-07}\n",
        encoding="utf-8",
    )
    result = run("check", dated, "--as-of", "2026-06-30")
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert lines == [
        f"error: {dated}:4: facts.水电站退出完成: expected a number, 是/否, text, or value:/series: under it;"
        " got the date 2026-05-30 / 应为数字、是/否、文本，或在其下写 value:/series:；实为日期 2026-05-30",
        f"error: {dated}:5: facts.农村生活污水治理率.observed_on: expected a date such as 2025-06-30,"
        " 2025/6/30, 2025-6-30, 2025.6.30 or 2025年6月30日, got '2026-07'"
        " / 应为日期，如 2025-06-30、2025/6/30 或 2025年6月30日，实为“2026-07”",
    ]


def test_a_retired_facts_name_is_told_what_replaced_it_in_check_and_batch(
    tmp_path: Path, run: Callable[..., Result]
) -> None:
    """水电站整改完成 (a yes/no) gave way to 水电站分类整治实施情况 (未开始/实施中/已完成): a facts file or a batch
    column still using the old name is refused, naming the new fact and its answers, never set aside as an unknown
    column (its figures would be lost) nor pointed at a look-alike (水电站退出完成)."""
    facts = tmp_path / "h.yaml"
    facts.write_text(
        "site: {id: H1, kind: 水电站, name: 日溪一级水电站, district: 晋安区}\nfacts:\n  水电站整治类别: 整改\n"
        "  水电站整改完成: 否\n",
        encoding="utf-8",
    )
    checked = run("check", facts, "--as-of", "2026-06-30")
    _no_traceback(checked)
    assert checked.exit_code == 2
    assert "no longer asked: write 水电站分类整治实施情况 (未开始, 实施中, 已完成)" in checked.output
    assert "请改填“水电站分类整治实施情况”" in checked.output and "退出完成" not in checked.output
    table = tmp_path / "h.csv"
    table.write_text(
        "站点编号,名称,所在区,水电站整治类别,水电站整改完成\nH1,日溪一级水电站,晋安区,整改,否\n", encoding="utf-8"
    )
    batch = run("batch", table, "--kind", "水电站", "--out", tmp_path / "out", "--as-of", "2026-06-30")
    _no_traceback(batch)
    assert batch.exit_code == 2 and f"{table}:1: 水电站整改完成: no longer asked" in batch.output


def test_the_plans_own_name_of_a_figure_is_read(tmp_path: Path, run: Callable[..., Result]) -> None:
    """EQI指数 (晋安's words, JA-ch8-12) names 生态质量指数（EQI）."""
    facts = tmp_path / "eqi.yaml"
    facts.write_text(
        "site: {id: D1, kind: 区, name: 晋安区, district: 晋安区}\nfacts:\n"
        "  EQI指数: {series: {2024: 70.1, 2025: 70.3}}\n",
        encoding="utf-8",
    )
    result = run("explain", facts, "JA-ch8-12", "--as-of", "2026-06-30")
    assert result.exit_code == 0, result.output
    assert "通过" in result.output.splitlines()[0]


def test_the_annual_ozone_figure_named_as_hj_663_names_it_is_read(tmp_path: Path, run: Callable[..., Result]) -> None:
    """臭氧日最大8小时平均第90百分位数 (HJ 663's and the bulletins' name of the annual O3 figure) is 臭氧（O3）浓度,
    which the catalogue defines as that percentile, not the daily 臭氧日最大8小时平均浓度 a did-you-mean offered."""
    facts = tmp_path / "o3.yaml"
    facts.write_text(
        "site: {id: D1, kind: 区, name: 晋安区, district: 晋安区}\nfacts:\n"
        "  臭氧日最大8小时平均第90百分位数: {series: {2020: 134, 2024: 128, 2025: 126}}\n",
        encoding="utf-8",
    )
    result = run("explain", facts, "JA-5-26", "--as-of", "2026-06-30")
    assert result.exit_code == 0, result.output
    assert "通过" in result.output.splitlines()[0] and "臭氧（O3）浓度" in result.output


def test_a_yearly_log_without_series_says_to_put_the_periods_under_series(
    tmp_path: Path, run: Callable[..., Result]
) -> None:
    """{2025: 否, 2026: 是} straight under a fact is refused once, saying the form to write, never 'unknown field'."""
    path = tmp_path / "facts.yaml"
    site = "site: {id: R-9, kind: 餐饮店, name: 闽菜馆, district: 晋安区, attributes: {township: 岳峰镇}}\n"
    path.write_text(site + "facts:\n  油烟达标排放: {2025: 否, 2026: 是}\n  位于城区: 是\n", encoding="utf-8")
    result = run("check", path, "--as-of", "2026-06-30")
    assert result.exit_code == 2, result.output
    assert "unknown field" not in result.output and result.output.count("facts.油烟达标排放") == 1, result.output
    assert "write 油烟达标排放: {series: {2025: 否, 2026: 是}}" in result.output
    assert "逐期数据须写在 series: 下，请写 油烟达标排放: {series: {2025: 否, 2026: 是}}" in result.output


def test_a_table_of_two_encodings_is_refused_naming_where_each_stops(
    tmp_path: Path, run: Callable[..., Result]
) -> None:
    """Two townships' CSVs pasted together, one saved as GBK by Excel and one as UTF-8: neither encoding reads it
    all, and the refusal says from which line each fails (line 4: the first UTF-8 row)."""
    header = "站点编号,名称,所在区,乡镇,农村生活污水治理率(%)\n"
    gbk = (header + "V1,岭头村,晋安区,宦溪镇,90\nV2,降虎村,晋安区,宦溪镇,88\n").encode("gbk")
    utf8 = "".join(f"V{n},寿山{n}村,晋安区,寿山乡,40\n" for n in range(3, 40)).encode("utf-8")
    source = tmp_path / "pasted.csv"
    source.write_bytes(gbk + utf8)
    result = run("batch", source, "--kind", "village", "--out", tmp_path / "out", "--as-of", "2026-06-30")
    assert result.exit_code == 2, result.output
    assert "as UTF-8 it cannot be read from line 1, as GBK from line 4" in result.output
    assert "按 UTF-8 从第 1 行起无法读取，按 GBK 从第 4 行起无法读取" in result.output
    assert "Traceback" not in result.output


FACTS = "facts:\n  农村生活污水治理率: 80\n"
WORDED = {  # file name, content, line, field, English words, Chinese words
    "township straight under site": (
        "t.yaml",
        "site:\n  id: S1\n  kind: village\n  name: 九峰村\n  district: 晋安区\n  township: 寿山乡\n" + FACTS,
        6,
        "site.township",
        ["write it under attributes: attributes: {township: 寿山乡}"],
        ["乡镇须写在 attributes 下"],
    ),
    "observed for observed_on": (
        "o.yaml",
        SITE + "facts:\n  农村自来水普及率: {value: 100, observed: 2026-01-01}\n",
        3,
        "facts.农村自来水普及率.observed",
        ["write observed_on", "a fact's keys are value, series, source, observed_on, evidence"],
        ["请写 observed_on", "value、series、source、observed_on、evidence"],
    ),
    "a fact's keys in Chinese": (
        "zh.yaml",
        SITE + "facts:\n  农村自来水普及率:\n    值: 80\n  农村生活污水治理率: {数值: 70, 来源: 台账}\n",
        4,
        "facts.农村自来水普及率.值",
        ["unknown field: write value (a fact's keys are value, series"],
        ["未知字段：请写 value", "可用的键：value、series、source、observed_on、evidence"],
    ),
    "a fact's date key in Chinese": (
        "zh2.yaml",
        SITE + "facts:\n  农村生活污水治理率: {value: 70, 日期: 2024-01-01}\n",
        3,
        "facts.农村生活污水治理率.日期",
        ["write observed_on"],
        ["请写 observed_on"],
    ),
    "a table given to check": (
        "f.csv",
        "id,kind,name,district,农村自来水普及率\nC1,village,九峰村,晋安区,100\n",
        1,
        "",
        ["a table is not a facts file", "compliance batch FILE --kind KIND"],
        ["表格不是事实文件", "compliance batch"],
    ),
    "a list of two sites": (
        "two.yaml",
        "- site: {id: A1, kind: village, name: 九峰村, district: 晋安区}\n  facts: {农村自来水普及率: 100}\n"
        "- site: {id: A2, kind: village, name: 降虎村, district: 晋安区}\n  facts: {农村自来水普及率: 90}\n",
        1,
        "",
        ["a list of 2 sites", "one site per file", "compliance batch"],
        ["2 个站点的列表", "每个站点一个文件"],
    ),
    "a district one character off": (
        "dd.yaml",
        "site:\n  id: S1\n  kind: village\n  name: 九峰村\n  district: 晋按区\n" + FACTS,
        5,
        "site.district",
        ["no plan covers 晋按区 (did you mean 晋安区?)", "correct the district"],
        ["没有方案覆盖“晋按区”（是否指：晋安区？）", "请更正所在区"],
    ),
    "value and series together": (
        "vs.yaml",
        SITE + "facts:\n  农村生活污水治理率: {value: 70, series: {2025: 80}}\n",
        3,
        "facts.农村生活污水治理率",
        ["give either `value` or `series`"],
        ["value 与 series（时期: 数值）须填且只填其一"],
    ),
    "a merge key": (
        "m.yaml",
        "base: &b\n  农村自来水普及率: 100\n" + SITE + "facts:\n  <<: *b\n",
        5,
        "",
        ["merge keys (<<) are not read"],
        ["不读取合并键（<<）"],
    ),
    "a python tag": (
        "py.yaml",
        SITE + "facts:\n  农村生活污水治理率: !!python/object/apply:os.system [ls]\n",
        3,
        "facts.农村生活污水治理率",
        ["the tag !!python/object/apply:os.system is not read"],
        ["不读取标签 !!python/object/apply:os.system"],
    ),
    "a binary tag": (
        "bin.yaml",
        SITE + "facts:\n  农村生活污水治理率: !!binary aGVsbG8=\n",
        3,
        "facts.农村生活污水治理率",
        ["the tag !!binary is not read"],
        ["不读取标签 !!binary"],
    ),
    "a number too large": (
        "inf.yaml",
        SITE + "facts:\n  生活垃圾产生量: 1e400\n",
        3,
        "facts.生活垃圾产生量",
        ["(not a finite number)"],
        ["不是有限的数"],
    ),
    "a tab indenting": (
        "tab.yaml",
        "site:\n\tid: S1\n" + FACTS,
        2,
        "",
        ["a tab is used to indent this line", "YAML cannot indent with tabs"],
        ["不能用制表符缩进"],
    ),
    "two documents": (
        "docs.yaml",
        SITE + FACTS + "---\n" + SITE + FACTS,
        4,
        "",
        ["a second document (---)", "one site per file", "compliance batch"],
        ["每个站点一个文件", "第二个文档"],
    ),
    "an unquoted month for observed_on": (
        "ob.yaml",
        SITE + "facts:\n  农村生活污水治理率: {value: 80, observed_on: 2025.12}\n",
        3,
        "facts.农村生活污水治理率.observed_on",
        ["expected a date such as 2025-12-31 (year-month-day), got the number 2025.12"],
        ["应为日期", "实为数字 2025.12"],
    ),
}


@pytest.mark.parametrize("case", sorted(WORDED))
def test_a_mistake_is_told_in_both_languages_with_its_place(
    case: str, tmp_path: Path, run: Callable[..., Result]
) -> None:
    """What was written wrong is named by file, line and field, with what to write, in English and Chinese."""
    name, content, line, field, english, chinese = WORDED[case]
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = run("check", path, "--as-of", "2026-06-30")
    _no_traceback(result)
    assert result.exit_code == 2, result.output
    assert f"{path}:{line}: {field + ': ' if field else ''}" in result.output, result.output
    for phrase in english + chinese:
        assert phrase in result.output, result.output


@pytest.mark.parametrize("written", ["", " ~", ' ""', " 暂无"])
def test_an_empty_period_is_a_blank_however_written(written: str, tmp_path: Path, run: Callable[..., Result]) -> None:
    """`2025:` with nothing, `2025: ~` and `2025: ""` are all blanks: not known, never a refusal."""
    path = tmp_path / "series.yaml"
    path.write_text(SITE + f"facts:\n  生活垃圾产生量:\n    series:\n      2024: 400\n      2025:{written}\n", "utf-8")
    result = run("check", path, "--as-of", "2026-06-30")
    assert result.exit_code != 2, result.output
    assert "生活垃圾产生量：最近一期 2025 填为空" in result.output


def test_explain_names_a_requirement_of_another_kind_and_plan_in_both_languages(run: Callable[..., Result]) -> None:
    """explain with an id that is no requirement, or one of another kind and plan, says so in English and Chinese."""
    village = EXAMPLES / "village-compliant.yaml"
    unknown = run("explain", village, "JA-14-99")
    assert unknown.exit_code == 2
    assert "JA-14-99: no such requirement (did you mean JA-14-9" in unknown.output
    assert "没有此要求编号（是否指：JA-14-9" in unknown.output
    other = run("explain", village, "XM-0-16")
    assert other.exit_code == 2
    line = village.read_text(encoding="utf-8").splitlines().index("  kind: village") + 1
    assert f"{village}:{line}: site.kind: XM-0-16 applies to city, not to a village" in other.output
    assert "a requirement of Xiamen" in other.output and "plan xiamen" in other.output
    assert "XM-0-16 适用于站点类型 city，不适用于 village" in other.output
    assert "厦门美丽中国样板城市行动方案" in other.output


def test_a_json_file_indented_with_tabs_is_not_told_about_tabs(tmp_path: Path, run: Callable[..., Result]) -> None:
    """Tabs are whitespace in JSON: a syntax slip elsewhere on a tab-indented line keeps the parser's words."""
    path = tmp_path / "facts.json"
    path.write_text('{\n\t"site": {"id": "S1", "kind": "village"},,\n\t"facts": {}\n}\n', encoding="utf-8")
    result = run("check", path, "--as-of", "2026-06-30")
    assert result.exit_code == 2
    assert f"{path}:2: not valid YAML/JSON" in result.output and "tab" not in result.output


def test_a_date_among_a_sites_attributes_is_said_once_without_the_models_words(
    tmp_path: Path, run: Callable[..., Result]
) -> None:
    """`attributes: {observed_on: 2023-12-31}`: one line saying what was given, not pydantic's try at a list."""
    path = tmp_path / "facts.yaml"
    site = "site: {id: S1, kind: village, name: 九峰村, district: 晋安区, attributes: {observed_on: 2023-12-31}}\n"
    path.write_text(site + "facts:\n  农村生活污水治理率: 80%\n", encoding="utf-8")
    result = run("check", path, "--as-of", "2026-06-30")
    _no_traceback(result)
    assert result.exit_code == 2, result.output
    assert "site.attributes.observed_on: expected" in result.output and "got the date 2023-12-31" in result.output
    assert "list[str]" not in result.output and "valid list" not in result.output


def test_the_figures_year_as_an_attribute_beside_dated_facts_is_only_noticed(
    tmp_path: Path, run: Callable[..., Result]
) -> None:
    """年份 beside facts that are all dated decides nothing: it is noticed as read by no rule, the figures judged by
    their own periods."""
    path = tmp_path / "dated.yaml"
    path.write_text(
        SITE.replace("}", ", attributes: {年份: 2023}}") + "facts:\n  农村生活污水治理率: {series: {2023: 80}}\n",
        encoding="utf-8",
    )
    result = run("check", path, "--as-of", "2026-06-30")
    assert result.exit_code == 3, result.output  # incomplete: 2023's figure says nothing of 2025
    assert "site.attributes.年份 不被任何规则读取" in result.output and "■ 数据不足  JA-14-7" in result.output
