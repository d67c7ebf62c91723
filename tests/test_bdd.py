"""Gherkin for policy staff: features/ runs green, a newcomer's file runs with no Python, errors name the fix."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from compliance.bdd.library import CATALOGUE, KEYWORDS
from compliance.model.plan import RulePack
from tests.conftest import ROOT
from tests.test_cucumber import validate

FEATURES = ROOT / "features"

SCENARIOS_PAGE = (ROOT / "docs" / "scenarios.md").read_text(encoding="utf-8")
NEWCOMER = re.search(r"```gherkin\n(.*?)```", SCENARIOS_PAGE, re.S).group(1)  # type: ignore[union-attr]
"""The minimal feature docs/scenarios.md offers a newcomer to copy, read from that page itself."""


ONE_PASSING = (
    "# language: zh-CN\n功能: 一\n\n  场景: 一\n    假如 一个位于晋安区的行政村“甲村”\n"
    "    而且 指标“农村生活污水治理率”为 80%\n    而且 评估日期为 2026-06-30\n    当 评估\n"
    "    那么 要求 JA-14-7 的状态为 通过\n"
)
"""A feature of one scenario that passes."""


def _write(folder: Path, text: str, name: str = "试一试.feature") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _parts(count: int = 3) -> dict[str, list[Path]]:
    """features/ dealt into `count` parts file by file, so that a parallel test run spreads them over its
    workers (the heavy files, the district and city ones, fall into different parts)."""
    files = sorted(FEATURES.glob("*/*.feature"))
    return {f"part-{index + 1}-of-{count}": files[index::count] for index in range(count)}


PARTS = _parts()
REQUIREMENT_TAG = re.compile(r"@(?:JA|XM)-\d+-\d+\b")


@pytest.mark.parametrize("part", sorted(PARTS))
def test_features_run_green_and_write_cucumber_json(part: str, tmp_path: Path, run: Callable[..., Result]) -> None:
    """Every feature file of the part runs green through `compliance scenarios`, as policy staff run it, and is in
    its Cucumber report with every requirement tag its text carries, all passed. (It runs in this process, as the
    command does; plain `pytest` in a new process, with the plugin from the package's entry point and no
    conftest.py, is run on a newcomer's file below and in test_cucumber.py.)"""
    files = PARTS[part]
    report = tmp_path / "cucumber.json"
    result = run("scenarios", *files, "--cucumberjson", report, "--lang", "en")
    assert result.exit_code == 0, result.output[-3000:]
    summary = re.search(r"^(\d+) scenarios: (\d+) passed, 0 failed$", result.output, re.M)
    assert summary and summary[1] == summary[2] and int(summary[1]) > 0, result.output[-3000:]
    features = json.loads(report.read_text(encoding="utf-8"))
    validate(features)
    assert {Path(feature["uri"]).name for feature in features} == {path.name for path in files}
    assert sum(len(feature["elements"]) for feature in features) == int(summary[1])
    tags = {tag["name"] for feature in features for element in feature["elements"] for tag in element["tags"]}
    written = {tag for path in files for tag in REQUIREMENT_TAG.findall(path.read_text(encoding="utf-8"))}
    assert written <= tags
    statuses = {step["result"]["status"] for f in features for e in f["elements"] for step in e["steps"]}
    assert statuses == {"passed"}


@pytest.mark.parametrize("source", ["readme", "copied"])
def test_a_newcomer_runs_a_feature_from_an_empty_folder(
    source: str, tmp_path: Path, run: Callable[..., Result]
) -> None:
    if source == "readme":
        _write(tmp_path, NEWCOMER)
    else:
        shutil.copy(FEATURES / "jinan" / "14-农村水环境.feature", tmp_path)
    result = run("scenarios", tmp_path)
    assert result.exit_code == 0, result.output
    assert re.search(r"共 \d+ 个场景：通过 \d+，失败 0", result.output)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in tmp_path.glob("*.feature"))


def test_a_feature_saved_with_a_byte_order_mark_is_read(tmp_path: Path, run: Callable[..., Result]) -> None:
    """Notepad and Excel save UTF-8 with a BOM: pytest-bdd read it as part of `# language: zh-CN` and refused the
    first line with its own English 'Unexpected token found', in `scenarios` and `rules coverage` alike."""
    (tmp_path / "试一试.feature").write_bytes(NEWCOMER.encode("utf-8-sig"))
    result = run("scenarios", tmp_path)
    assert result.exit_code == 0 and "共 3 个场景：通过 3，失败 0" in result.output, result.output
    covered = run("rules", "coverage", "--features", tmp_path)
    assert covered.exit_code == 0 and "Unexpected token" not in covered.output, covered.output
    assert re.search(r"^JA-14-7 .*✓.*✓.*✓", covered.output, re.M), covered.output


def test_feature_files_named_in_capitals_or_in_a_build_folder_run_and_a_txt_one_is_named(
    tmp_path: Path, run: Callable[..., Result]
) -> None:
    """`A.FEATURE` and any feature file in a folder named build, dist or venv (pytest's default norecursedirs) were
    passed over without a word, and so was `试一试.feature.txt`: the run reported success on what it never read."""
    wrong = NEWCOMER.replace("| 74.9%  | 不达标   |", "| 74.9%  | 通过     |")
    for name in ("A.FEATURE", "build/b.feature", "dist/c.Feature", "venv/d.feature"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        _write(tmp_path, wrong, name)
    _write(tmp_path, wrong, "试一试.feature.txt")
    result = run("scenarios", tmp_path)
    assert result.exit_code == 1 and "共 12 个场景：通过 8，失败 4" in result.output, result.output
    assert "提醒：" in result.output and "试一试.feature.txt 不是 .feature 文件，没有运行" in result.output
    covered = run("rules", "coverage", "--features", tmp_path)
    assert "未计入：4 个场景" in covered.output and "试一试.feature.txt 不是 .feature 文件" in covered.output
    given = run("scenarios", tmp_path / "试一试.feature.txt")
    assert given.exit_code == 2 and "不是 .feature 文件：场景文件的名字须以 .feature 结尾" in given.output
    (tmp_path / "A.FEATURE").unlink()
    for folder in ("build", "dist", "venv"):
        shutil.rmtree(tmp_path / folder)
    alone = run("scenarios", tmp_path)
    assert alone.exit_code == 2 and "没有找到场景（.feature 文件）" in alone.output, alone.output
    assert "没有这个文件或文件夹" in run("scenarios", tmp_path / "不存在.feature").output


@pytest.mark.parametrize("tag", ["skip", "xfail"])
def test_a_skip_or_xfail_tag_is_a_label_and_the_scenario_still_runs(
    tag: str, tmp_path: Path, run: Callable[..., Result]
) -> None:
    """@skip or @xfail would hide a wrong scenario from the count and the exit code: a tag only labels, so the wrong
    row still fails the run."""
    wrong = NEWCOMER.replace("| 74.9%  | 不达标   |", "| 74.9%  | 通过     |")
    _write(tmp_path, wrong.replace("  场景大纲:", f"  @{tag}\n  场景大纲:", 1))
    result = run("scenarios", tmp_path)
    assert result.exit_code == 1, result.output
    assert "共 3 个场景：通过 2，失败 1" in result.output


def test_an_attribute_no_rule_reads_fails_its_step_naming_the_closest(
    tmp_path: Path, run: Callable[..., Result]
) -> None:
    """属高耗能高排放低水平项目 (a 、 missing) in the attributes table was kept as a free attribute no rule reads,
    so the project's coverage fact vanished; the step now fails, naming the fact it is closest to."""
    step = "    而且 指标“农村生活污水治理率”为 <治理率>\n"
    text = NEWCOMER.replace(step, "    而且 该场所的属性如下：\n      | 属高耗能高排放低水平项目 | 否 |\n" + step)
    _write(tmp_path, text)
    result = run("scenarios", tmp_path)
    assert result.exit_code == 1
    assert "属性“属高耗能高排放低水平项目”既不是站点字段，也不是指标" in result.output
    assert "最接近的：属高耗能、高排放、低水平项目" in result.output


@pytest.mark.parametrize(
    ("step", "says"),
    [
        ("要求 JA-14-7 的原因包含“ ”", "要查找的文字是空的"),
        ("要求 JA-14-7 缺少数据：、", "缺少数据后没有写出指标名称"),
        ("要求 JA-14-7 缺少数据：", "缺少数据后没有写出指标名称"),
    ],
)
def test_a_then_step_that_would_check_nothing_fails(
    step: str, says: str, tmp_path: Path, run: Callable[..., Result]
) -> None:
    """原因包含“ ” is in every reason and 缺少数据：、 names nothing: such a step fails instead of passing."""
    status = "    那么 要求 JA-14-7 的状态为 <状态>\n"
    _write(tmp_path, NEWCOMER.replace(status, f"{status}    而且 {step}\n"))
    result = run("scenarios", tmp_path)
    assert result.exit_code == 1 and says in result.output, result.output


def test_a_failing_scenario_is_named_with_its_example_row_and_exit_code_1(
    tmp_path: Path, run: Callable[..., Result]
) -> None:
    _write(tmp_path, NEWCOMER.replace("| 74.9%  | 不达标   |", "| 74.9%  | 通过     |"))
    result = run("scenarios", tmp_path)
    assert result.exit_code == 1
    assert "✗ 2025年达到75%以上 [治理率=74.9%，状态=通过]" in result.output
    assert "要求 JA-14-7 的状态应为 通过，实际为 不达标" in result.output
    assert "共 3 个场景：通过 2，失败 1" in result.output
    english = run("scenarios", tmp_path, "--lang", "en")
    assert "3 scenarios: 2 passed, 1 failed" in english.output


def test_tags_select_scenarios(run: Callable[..., Result]) -> None:
    result = run("scenarios", FEATURES, "--tag", "JA-0-14", "--lang", "en")
    assert result.exit_code == 0
    assert re.search(r"^37 scenarios: 37 passed, 0 failed$", result.output, re.M), result.output


@pytest.mark.parametrize(
    ("text", "expected", "foreign"),
    [
        (
            NEWCOMER.replace("一个位于晋安区的行政村“九峰村”", "一个晋安区的行政村叫九峰村"),
            ["未定义的步骤：假如 一个晋安区的行政村叫九峰村", "最接近的步骤：", "假如 一个位于晋安区的行政村“九峰村”"],
            "Given ",
        ),
        (
            'Feature: x\n  Scenario: y\n    Given the village "Jiufeng" located in 晋安区\n',
            ["undefined step: Given the village", "closest steps:", 'Given a village "Jiufeng" in 晋安区'],
            "假如",
        ),
    ],
    ids=["zh", "en"],
)
def test_an_unknown_step_lists_the_closest_steps_of_its_language(
    text: str, expected: list[str], foreign: str, tmp_path: Path, run: Callable[..., Result]
) -> None:
    _write(tmp_path, text)
    result = run("scenarios", tmp_path)
    assert result.exit_code == 1
    for line in expected:
        assert line in result.output
    assert foreign not in result.output
    assert "Traceback" not in result.output and "StepDefinitionNotFoundError" not in result.output


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (NEWCOMER.replace("“农村生活污水治理率”", "“农村生活污水处理率”"), "最接近的指标：农村生活污水治理率"),
        (
            'Feature: x\n  Scenario: y\n    Given a village "J" in 晋安区\n'
            '    And the metric "rural sewage treatment rate" is 75%\n',
            "closest metrics: rural domestic sewage treatment rate",
        ),
        (
            "# language: zh-CN\n功能: x\n  场景: y\n    假如 一个位于晋安区的水电站“洋下水电站”\n"
            "    而且 指标“水电站整改完成”为 是\n",
            "指标“水电站整改完成”已不再使用：请改填“水电站分类整治实施情况”（未开始、实施中、已完成）",
        ),
        (
            'Feature: x\n  Scenario: y\n    Given a hydropower station "Y" in 晋安区\n'
            '    And the metric "水电站完善提升完成" is yes\n',
            'is no longer asked: write "progress of the station\'s classified remediation" (not started, under way,',
        ),
    ],
    ids=["zh", "en", "retired-zh", "retired-en"],
)
def test_an_unknown_metric_lists_the_closest_catalogue_names(
    text: str, expected: str, tmp_path: Path, run: Callable[..., Result]
) -> None:
    _write(tmp_path, text)
    result = run("scenarios", tmp_path)
    assert result.exit_code == 1
    assert expected in result.output
    assert "水电站退出完成" not in result.output  # a retired name is told what replaced it, not a guess


def test_bad_input_exits_2_without_a_traceback(tmp_path: Path, run: Callable[..., Result]) -> None:
    _write(tmp_path, "# language: zh-CN\n假如 没有“功能”和“场景”的步骤\n")
    broken = run("scenarios", tmp_path)
    assert broken.exit_code == 2
    assert "试一试.feature:2: 此处应为 @标签、功能:，实际是“假如 没有“功能”和“场景”的步骤”" in broken.output
    assert "Traceback" not in broken.output
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run("scenarios", empty).exit_code == 2
    assert run("scenarios", tmp_path / "nowhere").exit_code == 2


def test_every_decidable_requirement_has_a_pass_a_fail_and_a_missing_data_scenario(
    pack: RulePack, run: Callable[..., Result]
) -> None:
    """Read from `rules coverage --format json` on features/, the one run of every scenario for coverage in the
    suite (the command's small runs are below)."""
    full = run("rules", "coverage", "--features", FEATURES, "--format", "json", "--strict")
    assert full.exit_code == 0
    body = json.loads(full.output)
    assert not body["errors"]
    decidable = [row for row in body["requirements"] if row["encoding"] == "decidable"]
    assert len(decidable) == sum(r.check is not None for r in pack.requirements) > 0
    for case in ("pass", "fail", "missing"):
        lacking = [row["id"] for row in decidable if not row["covered"][case]]
        assert lacking == [], f"no {case} scenario for {lacking}"
    rows = {row["id"]: row for row in body["requirements"]}
    assert rows["JA-14-12"]["covered"] == {"pass": True, "fail": True, "missing": True, "not_applicable": True}


def test_coverage_command_reports_what_is_lacking(tmp_path: Path, run: Callable[..., Result]) -> None:
    _write(tmp_path, NEWCOMER)
    touched = run("rules", "coverage", "--features", tmp_path, "--lang", "en", "--strict")
    assert touched.exit_code == 0, touched.output
    rows = touched.output.splitlines()[1:-2]
    assert len(rows) == 1 and re.fullmatch(r"JA-14-7\s+decidable\s+✓\s+✓\s+✓\s+·\s+3", rows[0]), touched.output
    assert "1 decidable requirements: 1 with a pass and a fail scenario" in touched.output
    result = run("rules", "coverage", "--features", tmp_path, "--lang", "en", "--strict", "--all")
    assert result.exit_code == 1
    assert re.search(r"^JA-14-7\s+decidable\s+✓\s+✓\s+✓\s+·\s+3$", result.output, re.M), result.output
    assert "1 with a pass and a fail scenario" in result.output and "JA-0-14" in result.output.splitlines()[-2]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_step_example_matches_exactly_one_step(lang: str) -> None:
    """Unambiguous wording: pytest-bdd would otherwise pick one of several matching steps silently."""
    docs = [d for d in CATALOGUE if d.lang == lang]
    assert {d.key for d in docs} == {d.key for d in CATALOGUE if d.lang != lang}
    for doc in docs:
        matching = [other.key for other in docs if other.type == doc.type and other.regex.fullmatch(doc.example)]
        assert matching == [doc.key], doc.example


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_steps_command_prints_every_example(lang: str, run: Callable[..., Result]) -> None:
    result = run("steps", "--lang", lang)
    assert result.exit_code == 0
    for doc in (d for d in CATALOGUE if d.lang == lang):
        assert f"{KEYWORDS[lang][doc.type]} {doc.example}" in result.output


@pytest.mark.parametrize("command", [["scenarios"], ["steps"], ["rules", "coverage"]], ids=" ".join)
def test_new_commands_have_help(command: list[str], run: Callable[..., Result]) -> None:
    result = run(*command, "--help")
    assert result.exit_code == 0 and "Usage:" in result.output


def test_a_metric_name_containing_wei_is_read_whole(tmp_path: Path, run: Callable[..., Result]) -> None:
    """`指标“发现露天焚烧行为数”为 0`: the quoted name is the metric, not the text up to its first 为."""
    feature = """# language: zh-CN
功能: 名称中含“为”的指标

  场景: 未发现露天焚烧行为时，查处要求不适用
    假如 一个位于晋安区的区“晋安区”
    而且 指标“发现露天焚烧行为数”为 0
    而且 评估日期为 2026-06-30
    当 评估
    那么 要求 JA-5-18 的状态为 不适用
"""
    _write(tmp_path, feature)
    result = run("scenarios", tmp_path)
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "zh",
            [
                "试一试.feature:2: “功能： 农村生活污水治理率”用了全角冒号“：”",
                "请改为“功能:”",
                "试一试.feature:5: “场景大纲：",
            ],
        ),
        ("en", ["试一试.feature:2: '功能： 农村生活污水治理率' has a full-width colon", "write '功能:'"]),
    ],
    ids=["zh", "en"],
)
def test_a_full_width_colon_after_a_keyword_is_named_with_the_fix(
    lang: str, expected: list[str], tmp_path: Path, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, NEWCOMER.replace("功能:", "功能：").replace("场景大纲:", "场景大纲："))
    result = run("scenarios", "试一试.feature", "--lang", lang)
    assert result.exit_code == 2
    for text in expected:
        assert text in result.output, result.output
    assert "Traceback" not in result.output and "Unexpected token" not in result.output


def test_chinese_keywords_without_a_language_line_are_named_in_chinese(
    tmp_path: Path, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, NEWCOMER.replace("# language: zh-CN\n", ""))
    result = run("scenarios", "试一试.feature")
    assert result.exit_code == 2
    assert "试一试.feature:1: 使用了中文关键字“功能: 农村生活污水治理率”" in result.output
    assert "请在第 1 行加上“# language: zh-CN”" in result.output


@pytest.mark.parametrize("written", ["zh-cn", "zh_CN", "zh", "ZH-CN"])
def test_a_language_line_gherkin_does_not_know_is_named_not_every_line_after_it(
    tmp_path: Path, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, written: str
) -> None:
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, NEWCOMER.replace("# language: zh-CN\n", f"# language: {written}\n"))
    result = run("scenarios", "试一试.feature")
    assert result.exit_code == 2
    assert f"试一试.feature:1: 不认识的语言“{written}”：请写“# language: zh-CN”" in result.output
    assert "此处应为" not in result.output


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("zh", ["试一试.feature:17: 此处应为 | 表格行 |、@标签、", "场景:", "实际是“这一行不属于任何部分”"]),
        ("en", ["试一试.feature:17: expected | table row |, @tag, ", "场景:", "found '这一行不属于任何部分'"]),
    ],
    ids=["zh", "en"],
)
def test_a_parse_error_names_the_line_and_the_keywords_expected_there(
    lang: str, expected: list[str], tmp_path: Path, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    rows = NEWCOMER.splitlines(keepends=True)
    assert rows[15].strip() == "| 缺失   | 数据不足 |"
    _write(tmp_path, "".join([*rows[:16], "  这一行不属于任何部分\n", *rows[16:]]))
    result = run("scenarios", "试一试.feature", "--lang", lang)
    assert result.exit_code == 2
    for text in expected:
        assert text in result.output, result.output


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "empty.feature:1: 文件是空的"),
        (b"PK\x03\x04\x00\x00", "empty.feature: 不是文本文件"),
    ],
    ids=["empty", "binary"],
)
def test_an_empty_or_binary_feature_file_is_a_clear_error(
    content: bytes, expected: str, tmp_path: Path, run: Callable[..., Result]
) -> None:
    (tmp_path / "empty.feature").write_bytes(content)
    result = run("scenarios", tmp_path)
    assert result.exit_code == 2
    assert expected in result.output and "Traceback" not in result.output and "KeyError" not in result.output


MANY_MISTAKES = """# language: zh-CN
功能: 一个场景里的几处错误

  场景: 指标、步骤、要求编号和评估日期都有问题
    假如 一个位于晋安区的行政村“九峰村”
    而且 指标“农村生活污水处理率”为 75%
    而且 一个晋安区的行政村叫九峰村
    当 评估
    那么 要求 JA-14-77 的状态为 通过
"""


def test_every_problem_of_a_scenario_is_named_at_its_steps_line(
    tmp_path: Path, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, MANY_MISTAKES)
    result = run("scenarios", "试一试.feature")
    assert result.exit_code == 1
    for text in (
        "试一试.feature:6: 而且 指标“农村生活污水处理率”为 75%\n",
        "未知的指标“农村生活污水处理率”；最接近的指标：农村生活污水治理率",
        "未定义的步骤：而且 一个晋安区的行政村叫九峰村（试一试.feature:7）",
        "试一试.feature:8: 缺少评估日期：请在“当 评估”之前加一步“而且 评估日期为 2026-06-30”",
        "试一试.feature:9: 没有编号为 JA-14-77 的要求；最接近的：JA-14-7",
    ):
        assert text in result.output, result.output


def test_plain_pytest_names_the_steps_line_and_shows_chinese_ids(tmp_path: Path) -> None:
    _write(tmp_path, MANY_MISTAKES, "错误.feature")
    _write(tmp_path, NEWCOMER)
    command = [sys.executable, "-m", "pytest", "-v", "-p", "no:cacheprovider", "."]
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert "错误.feature:6: 而且 指标“农村生活污水处理率”为 75%" in result.stdout
    assert "错误.feature:9: 没有编号为 JA-14-77 的要求" in result.stdout
    assert "试一试.feature::test_1_2025年达到75_以上[74.9%-不达标] PASSED" in result.stdout, result.stdout
    assert "\\u" not in result.stdout


def test_scenarios_load_only_the_plugins_they_need(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`compliance scenarios` leaves out pytest plugins installed for something else (here xdist and
    pytest-timeout, which this suite installs): they could change what scenarios decide, and their hooks ran
    for every scenario. Plain `pytest` on the same files still loads them (test_plain_pytest_* above)."""
    import compliance.bdd.run as scenarios_run

    seen: list[set[str]] = []

    class Watching(scenarios_run.Recorder):
        def pytest_configure(self, config: pytest.Config) -> None:
            plugins = config.pluginmanager.get_plugins()
            seen.append({getattr(plugin, "__name__", "") for plugin in plugins})

    monkeypatch.setattr(scenarios_run, "Recorder", Watching)
    result = scenarios_run.run_scenarios([_write(tmp_path, NEWCOMER)])
    assert result.exit_code == 0 and result.scenarios and not result.failed
    assert {"pytest_bdd.plugin", "compliance.bdd.plugin"} <= seen[0]
    assert not [name for name in seen[0] if name.startswith(("xdist", "pytest_timeout"))], sorted(seen[0])


def test_a_scenario_that_checks_nothing_fails_saying_so(run: Callable[..., Result], tmp_path: Path) -> None:
    """A half-written scenario (no 那么 step, or a status table with only its header) is no pass."""
    (tmp_path / "draft.feature").write_text(
        "# language: zh-CN\n功能: 草稿\n\n  场景: 没有那么\n    假如 一个位于晋安区的行政村“甲村”\n"
        "    而且 评估日期为 2026-06-30\n    当 评估\n\n  场景: 空状态表\n    假如 一个位于晋安区的行政村“甲村”\n"
        "    而且 评估日期为 2026-06-30\n    当 评估\n    那么 各要求的状态如下：\n      | 要求 | 状态 |\n",
        encoding="utf-8",
    )
    result = run("scenarios", tmp_path)
    assert result.exit_code == 1
    assert "draft.feature:4: 场景“没有那么”没有“那么”步骤，什么也没有检查" in result.output
    assert "状态表没有数据行" in result.output and "共 2 个场景：通过 0，失败 2" in result.output


def test_a_scenario_that_would_not_run_or_a_value_that_would_not_be_read_is_refused(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    """Two scenarios of one name (pytest-bdd keeps only the last) and an Examples column no step uses are refused
    at their lines; a table under a step that takes none fails its scenario, instead of passing unread."""
    scenario = (
        "  场景: 同名\n    假如 一个位于晋安区的行政村“甲村”\n    而且 指标“农村生活污水治理率”为 74.9%\n"
        "    而且 评估日期为 2026-06-30\n    当 评估\n    那么 要求 JA-14-7 的状态为 {status}\n"
    )
    (tmp_path / "twice.feature").write_text(
        "# language: zh-CN\n功能: 同名\n\n" + scenario.format(status="通过") + "\n" + scenario.format(status="不达标"),
        encoding="utf-8",
    )
    result = run("scenarios", tmp_path / "twice.feature")
    assert result.exit_code == 2 and "twice.feature:11: 场景名称“同名”与第 4 行的场景重复" in result.output
    (tmp_path / "column.feature").write_text(
        "# language: zh-CN\n功能: 列\n\n  场景大纲: 日期列没用上\n    假如 一个位于晋安区的行政村“甲村”\n"
        "    而且 指标“农村生活污水治理率”为 <治理率>\n    而且 评估日期为 2026-06-30\n    当 评估\n"
        "    那么 要求 JA-14-7 的状态为 不达标\n\n    例子:\n      | 治理率 | 评估日期 |\n      | 74% | 2024-01-01 |\n",
        encoding="utf-8",
    )
    result = run("scenarios", tmp_path / "column.feature")
    assert result.exit_code == 2 and "column.feature:12: 例子表的“评估日期”列没有被任何步骤用到" in result.output
    (tmp_path / "table.feature").write_text(
        "# language: zh-CN\n功能: 表\n\n"
        + scenario.format(status="不达标")
        + "      | 要求 | 状态 |\n      | JA-14-9 | 通过 |\n",
        encoding="utf-8",
    )
    result = run("scenarios", tmp_path / "table.feature")
    assert (
        result.exit_code == 1 and "table.feature:9: 步骤“要求 JA-14-7 的状态为 不达标”不带表格或文本块" in result.output
    )


def test_a_unit_is_read_or_refused_and_a_fact_after_the_assessment_is_refused(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    """0.0181 mg/m³ is never read as 0.0181 μg/m³: a unit column beside a value, or another unit in brackets, is
    refused; the metric's own unit in brackets is read. A Given after 当 评估 would not be assessed: it fails."""
    head = "  场景: {name}\n    假如 一个位于晋安区的区“晋安区”\n"
    tail = "    而且 评估日期为 2026-01-01\n    当 评估\n    那么 要求 JA-5-25 的状态为 {status}\n\n"
    pm25 = "城市细颗粒物（PM2.5）年均浓度"
    (tmp_path / "units.feature").write_text(
        "# language: zh-CN\n功能: 单位\n\n"
        + head.format(name="单位列")
        + f"    而且 上报数据如下：\n      | {pm25} | 0.0181 | mg/m³ |\n"
        + tail.format(status="通过")
        + head.format(name="另一单位")
        + f"    而且 指标“{pm25}（mg/m³）”为 0.0181\n"
        + tail.format(status="通过")
        + head.format(name="本单位")
        + f"    而且 指标“{pm25}（μg/m³）”为 18.1\n"
        + tail.format(status="不达标")
        + "  场景: 评估之后\n    假如 一个位于晋安区的区“晋安区”\n    而且 评估日期为 2026-01-01\n    当 评估\n"
        + f"    假如 指标“{pm25}”为 30\n    那么 要求 JA-5-25 的状态为 数据不足\n",
        encoding="utf-8",
    )
    result = run("scenarios", tmp_path / "units.feature")
    assert "多出的“mg/m³”不会被读取" in result.output and "单位“mg/m³”与指标单位“μg/m³”不同" in result.output
    assert "写在“当 评估”之后，不会被评估" in result.output
    assert "共 4 个场景：通过 1，失败 3" in result.output
    (tmp_path / "dates.feature").write_text(
        "# language: zh-CN\n功能: 日期\n\n"
        + head.format(name="两个日期")
        + f"    而且 指标“{pm25}”为 17\n    而且 评估日期为 2024-01-01\n"
        + tail.format(status="通过"),
        encoding="utf-8",
    )
    assert "评估日期给了两次" in run("scenarios", tmp_path / "dates.feature").output


def test_the_folders_own_pytest_setup_changes_nothing(run: Callable[..., Result], tmp_path: Path) -> None:
    """A pytest.ini whose addopts deselect @slow, beside the features, skips no scenario: the wrong expectation
    still fails."""
    (tmp_path / "pytest.ini").write_text('[pytest]\naddopts = -m "not slow"\n', encoding="utf-8")
    (tmp_path / "slow.feature").write_text(
        "# language: zh-CN\n功能: 标签\n\n  @slow\n  场景: 慢\n    假如 一个位于晋安区的行政村“甲村”\n"
        "    而且 指标“农村生活污水治理率”为 74.9%\n    而且 评估日期为 2026-06-30\n    当 评估\n"
        "    那么 要求 JA-14-7 的状态为 通过\n",
        encoding="utf-8",
    )
    result = run("scenarios", tmp_path / "slow.feature")
    assert result.exit_code == 1 and "共 1 个场景：通过 0，失败 1" in result.output, result.output


def test_attestations_a_file_would_refuse_are_refused_in_a_scenario(run: Callable[..., Result], tmp_path: Path) -> None:
    """Two opposite findings of one day (the first silently held) and an expiry before the finding are refused, as
    `compliance check --attestations` refuses them."""
    scenario = (
        "  场景: {name}\n    假如 一个位于晋安区的行政村“甲村”\n{steps}    而且 评估日期为 2026-06-30\n    当 评估\n"
        "    那么 要求 JA-14-1 的状态为 通过\n\n"
    )
    found = "    而且 检查员“{who}”于 2026-05-20 认定要求 JA-14-1 {outcome}\n"
    opposite = found.format(who="林", outcome="通过") + found.format(who="王", outcome="不通过")
    expired = "    而且 检查员“林”于 2026-05-20 认定要求 JA-14-1 通过，有效期至 2026-01-01\n"
    (tmp_path / "attest.feature").write_text(
        "# language: zh-CN\n功能: 核查\n\n"
        + scenario.format(name="相反", steps=opposite)
        + scenario.format(name="过期", steps=expired),
        encoding="utf-8",
    )
    result = run("scenarios", tmp_path / "attest.feature")
    assert "JA-14-1 在 2026-05-20 有两条结论相反的核查记录" in result.output
    assert "核查记录的有效期早于核查日期" in result.output and "共 2 个场景：通过 0，失败 2" in result.output


def test_a_fact_given_twice_is_a_slip_named_not_an_update(run: Callable[..., Result], tmp_path: Path) -> None:
    """As a facts file refuses a key given twice, a scenario refuses a metric or a series year given twice."""
    (tmp_path / "twice.feature").write_text(
        "# language: zh-CN\n功能: 两次\n\n  场景: 同一指标两次\n    假如 一个位于晋安区的行政村“甲村”\n"
        "    而且 上报数据如下：\n      | 农村生活污水治理率 | 70% |\n      | 农村生活污水治理率 | 80% |\n"
        "    而且 评估日期为 2026-06-30\n    当 评估\n    那么 要求 JA-14-7 的状态为 通过\n\n"
        "  场景: 同一年两次\n    假如 一个位于晋安区的行政村“甲村”\n"
        "    而且 逐期数据“生活垃圾产生量”：2020: 500，2025: 400，2025: 530\n"
        "    而且 评估日期为 2026-06-30\n    当 评估\n    那么 要求 JA-15-3 的状态为 通过\n",
        encoding="utf-8",
    )
    result = run("scenarios", tmp_path)
    assert "指标“农村生活污水治理率”给了两次" in result.output and "逐期数据中 2025 给了两次" in result.output
    assert "共 2 个场景：通过 0，失败 2" in result.output


def test_a_second_site_or_a_district_given_twice_fails_instead_of_taking_the_first_ones_facts(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    """Two villages in one scenario assessed the second on the first one's figure; a 所在区 in the attributes table
    quietly overrode the site step's. A site step before any fact (a Background's site replaced) stays allowed."""
    (tmp_path / "two.feature").write_text(
        "# language: zh-CN\n功能: 两个场所\n\n  背景:\n    假如 一个位于晋安区的行政村“乙村”\n\n"
        "  场景: 两个村\n    假如 一个位于晋安区的行政村“九峰村”\n    而且 指标“农村生活污水治理率”为 80%\n"
        "    假如 一个位于晋安区的行政村“降虎村”\n    而且 评估日期为 2026-06-30\n    当 评估\n"
        "    那么 要求 JA-14-7 的状态为 通过\n\n"
        "  场景: 所在区两处\n    假如 一个位于集美区的行政村“东辉村”\n    而且 该场所的属性如下：\n"
        "      | 所在区 | 思明区 |\n"
        "    而且 评估日期为 2026-06-30\n    当 评估\n    那么 要求 XM-0-19 的状态为 不适用\n\n"
        "  场景: 背景的场所换成本场景的\n    假如 一个位于晋安区的行政村“丙村”\n"
        "    而且 指标“农村生活污水治理率”为 80%\n"
        "    而且 评估日期为 2026-06-30\n    当 评估\n    那么 要求 JA-14-7 的状态为 通过\n",
        encoding="utf-8",
    )
    result = run("scenarios", tmp_path)
    assert "场所给了两次（“九峰村”、“降虎村”）" in result.output, result.output
    assert "属性“所在区”为“思明区”，与场所步骤给的“集美区”不符" in result.output
    assert "共 3 个场景：通过 1，失败 2" in result.output


def test_a_report_path_that_cannot_be_written_is_refused_before_the_run(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    """Exit 1 means a scenario failed: a report that cannot be written is bad input (exit 2), said before the run."""
    (tmp_path / "a.txt").write_text("", encoding="utf-8")
    feature = _write(tmp_path, ONE_PASSING, "one.feature")
    for option in ("--cucumberjson", "--junitxml"):
        result = run("scenarios", feature, option, tmp_path / "a.txt" / "out")
        assert result.exit_code == 2 and "cannot be written: a folder on its path is a file" in result.output
        assert "Traceback" not in result.output


def test_an_attestation_after_the_assessment_date_is_said_in_the_reason_a_step_reads(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    """`check` prints 核查记录…晚于评估日期，未采用 beneath the finding; a scenario's 原因包含 reads that note too,
    instead of a reason saying there is no record at all."""
    (tmp_path / "late.feature").write_text(
        "# language: zh-CN\n功能: 晚于\n\n  场景: 晚于评估日期\n    假如 一个位于晋安区的行政村“九峰村”\n"
        "    而且 评估日期为 2026-06-30\n    而且 检查员“林检查员”于 2026-07-20 认定要求 JA-14-1 通过\n    当 评估\n"
        "    那么 要求 JA-14-1 的状态为 待核查\n    而且 要求 JA-14-1 的原因包含“晚于评估日期2026-06-30，未采用”\n",
        encoding="utf-8",
    )
    result = run("scenarios", tmp_path)
    assert "共 1 个场景：通过 1，失败 0" in result.output, result.output


def test_one_unreadable_feature_file_does_not_stop_the_others(run: Callable[..., Result], tmp_path: Path) -> None:
    """A colleague's typo (则 for 那么) in one file of many: that file is named, exit 2, and every other file's
    scenarios still run and reach the Cucumber JSON, rather than an empty report; the file is there too, failed."""
    _write(tmp_path, ONE_PASSING, "good.feature")
    (tmp_path / "bad.feature").write_text(
        "# language: zh-CN\n功能: 坏\n\n  场景: 则\n    假如 一个位于晋安区的行政村“甲村”\n"
        "    则 要求 JA-14-7 的状态为 通过\n",
        encoding="utf-8",
    )
    report = tmp_path / "out.json"
    result = run("scenarios", tmp_path, "--cucumberjson", report)
    assert result.exit_code == 2 and "bad.feature:6" in result.output
    assert "共 1 个场景：通过 1，失败 0" in result.output
    features = json.loads(report.read_text(encoding="utf-8"))
    assert len(features) == 2 and features[0]["name"] == "一"
    assert features[1]["uri"].endswith("bad.feature") and features[1]["elements"][0]["line"] == 6


def test_a_backgrounds_site_with_its_township_is_replaced_and_site_fields_are_read_as_the_batch_reads_them(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    """A Background's site and its 乡镇 give way to the scenario's own site (no fact was given); the attributes table
    takes the batch's site-field titles (所在乡镇, 名称, 类型, 站点编号) and the same district however spelt."""
    (tmp_path / "bg.feature").write_text(
        "# language: zh-CN\n功能: t\n\n  背景:\n    假如 一个位于晋安区的行政村“九峰村”\n    而且 该场所的属性如下：\n"
        "      | 乡镇 | 寿山乡 |\n    而且 评估日期为 2026-06-30\n\n  场景: 降虎村\n"
        "    假如 一个位于晋安区的行政村“降虎村”\n    而且 该场所的属性如下：\n      | 所在区 | 福州市晋安区 |\n"
        "      | 所在乡镇 | 宦溪镇 |\n      | 名称 | 降虎村 |\n      | 类型 | 行政村 |\n"
        "      | 站点编号 | JA-V-0002 |\n"
        "    而且 指标“农村生活污水治理率”为 72%\n    当 评估\n    那么 要求 JA-14-7 的状态为 不达标\n\n"
        "  场景: 九峰村\n    假如 指标“农村生活污水治理率”为 80%\n    当 评估\n    那么 要求 JA-14-7 的状态为 通过\n",
        encoding="utf-8",
    )
    result = run("scenarios", tmp_path)
    assert "共 2 个场景：通过 2，失败 0" in result.output, result.output


def test_coverage_counts_only_scenarios_that_hold(tmp_path: Path, run: Callable[..., Result]) -> None:
    """A row expecting 通过 that is 不达标, and a row whose value cannot be read, cover nothing: --strict fails."""
    text = (
        "# language: zh-CN\n功能: 覆盖\n  @JA-22-7\n  场景大纲: 再生水\n    假如 一个位于晋安区的区“晋安区”\n"
        "    而且 指标“再生水利用率”为 <值>\n    而且 评估日期为 2026-03-01\n    当 评估\n"
        "    那么 要求 JA-22-7 的状态为 <状态>\n    例子:\n      | 值 | 状态 |\n      | 20% | 通过 |\n"
        "      | 20% | 不达标 |\n      | 二十 | 数据不足 |\n"
    )
    _write(tmp_path, text)
    result = run("rules", "coverage", "--features", tmp_path, "--strict")
    assert result.exit_code == 1, result.output
    assert re.search(r"^JA-22-7\s+可判定\s+·\s+✓\s+·\s+·\s+1$", result.output, re.M), result.output
    assert "未计入：2 个场景" in result.output


def test_a_refused_site_is_pinned_by_its_step_and_fails_every_other_check(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    """A site whose name contradicts a fact it gives is refused, as `check` refuses the file: 数据被拒收 holds
    with the message's words, a status step fails saying the refusal (never a status), and the refusal step fails
    for a site that was assessed or refused for another reason."""
    head = "  场景: {name}\n    假如 一个位于晋安区的建筑工地“{site}”\n    而且 指标“属拆除工程”为 否\n"
    tail = "    而且 评估日期为 2026-06-30\n    当 评估\n    那么 {then}\n\n"
    said = "数据被拒收，原因包含“含“拆除工程”，与“属拆除工程：否”相互矛盾”"
    (tmp_path / "refused.feature").write_text(
        "# language: zh-CN\n功能: 拒收\n\n"
        + head.format(name="拒收", site="某旧厂房拆除工程")
        + tail.format(then=said)
        + head.format(name="拒收却查状态", site="某旧厂房拆除工程")
        + tail.format(then="要求 JA-5-2 的状态为 不适用")
        + head.format(name="未拒收", site="某工地")
        + tail.format(then=said)
        + head.format(name="原因不符", site="某旧厂房拆除工程")
        + tail.format(then="数据被拒收，原因包含“垃圾焚烧”"),
        encoding="utf-8",
    )
    result = run("scenarios", tmp_path / "refused.feature")
    assert "共 4 个场景：通过 1，失败 3" in result.output, result.output
    assert "该场所的数据被拒收：the name '某旧厂房拆除工程' says 拆除工程" in result.output
    assert "该场所的数据没有被拒收" in result.output and "拒收原因不含“垃圾焚烧”" in result.output
