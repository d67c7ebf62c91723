"""The command line as inspectors use it: examples, exit codes, every command's help and output."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import Result

from compliance import __version__
from compliance.model.plan import RulePack
from tests.conftest import EXAMPLES, ROOT

EXAMPLE_FILES = sorted(EXAMPLES.glob("*compliant.yaml"))
COMMANDS = [
    [],
    ["check"],
    ["rules"],
    ["rules", "list"],
    ["rules", "show"],
    ["rules", "lint"],
    ["facts"],
    ["facts", "template"],
    ["schema"],
    ["schema", "rules"],
    ["schema", "facts"],
]


def test_version(run: Callable[..., Result]) -> None:
    result = run("--version")
    assert result.exit_code == 0 and __version__ in result.output


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "compliance")
def test_every_command_has_help(command: list[str], run: Callable[..., Result]) -> None:
    result = run(*command, "--help")
    assert result.exit_code == 0
    assert "Usage:" in result.output


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.name)
def test_examples_get_their_verdict_and_exit_code(path: Path, run: Callable[..., Result]) -> None:
    compliant = "-compliant" in path.name
    result = run("check", path, "--as-of", "2026-06-30", "--format", "json")
    (assessment,) = json.loads(result.output)["assessments"]
    assert assessment["verdict"] == ("compliant" if compliant else "non_compliant")
    assert result.exit_code == (0 if compliant else 1)
    if not compliant:
        assert sum(f["status"] == "fail" for f in assessment["findings"]) >= 2


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_text_report_ends_with_a_summary(lang: str, run: Callable[..., Result]) -> None:
    result = run("check", EXAMPLES / "village-noncompliant.yaml", "--as-of", "2026-06-30", "--lang", lang)
    lines = result.output.splitlines()
    last_paragraph = result.output.rstrip("\n").split("\n\n")[-1]
    assert last_paragraph.startswith("结论：不合规" if lang == "zh" else "verdict: non-compliant")
    assert any(line.startswith("    原因：" if lang == "zh" else "    reason: ") for line in lines)


def test_every_finding_has_reasons_citing_the_clause(run: Callable[..., Result], pack: RulePack) -> None:
    quotes = {r.id: r.quote for r in pack.requirements}
    for path in EXAMPLE_FILES:
        result = run("check", path, "--as-of", "2026-06-30", "--format", "json")
        for finding in json.loads(result.output)["assessments"][0]["findings"]:
            assert quotes[finding["requirement"]] in finding["reason_zh"]
            assert quotes[finding["requirement"]] in finding["reason_en"]


def test_json_output_is_stable(run: Callable[..., Result]) -> None:
    args = ("check", *EXAMPLE_FILES, "--as-of", "2026-06-30", "--format", "json")
    first, second = run(*args).output, run(*args).output
    assert first == second
    assert first == json.dumps(json.loads(first), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def test_exit_code_is_the_worst_verdict(run: Callable[..., Result]) -> None:
    result = run(
        "check", EXAMPLES / "park-compliant.yaml", EXAMPLES / "park-noncompliant.yaml", "--as-of", "2026-06-30"
    )
    assert result.exit_code == 1


def test_missing_data_makes_the_site_incomplete(facts_file: Callable[..., Path], run: Callable[..., Result]) -> None:
    path = facts_file({})
    result = run("check", path, "--as-of", "2026-06-30", "--format", "json")
    assessment = json.loads(result.output)["assessments"][0]
    assert assessment["verdict"] == "incomplete" and result.exit_code == 3
    missing = [f for f in assessment["findings"] if f["status"] == "insufficient_data"]
    assert missing and all(f["missing"] for f in missing)


def test_rules_list_json_indexes_every_requirement(run: Callable[..., Result], pack: RulePack) -> None:
    entries = json.loads(run("rules", "list", "--format", "json").output)
    assert {e["id"] for e in entries} == {r.id for r in pack.requirements}
    for entry in entries:
        assert {"id", "plan", "kind", "metrics", "targets", "strength"} <= entry.keys()


def test_rules_list_filters(run: Callable[..., Result], pack: RulePack) -> None:
    entries = json.loads(run("rules", "list", "--kind", "park", "--plan", "jinan", "--format", "json").output)
    assert entries and all("park" in e["kinds"] and e["plan"] == "jinan" for e in entries)


def test_rules_show(run: Callable[..., Result]) -> None:
    result = run("rules", "show", "JA-14-7")
    assert result.exit_code == 0
    assert "到2025年，农村生活污水治理率达到75%以上" in result.output
    assert "≥ 75%" in result.output
    missing = run("rules", "show", "JA-14-77")
    assert missing.exit_code == 2 and "did you mean" in missing.output


def test_shipped_rules_lint_clean(run: Callable[..., Result]) -> None:
    result = run("rules", "lint")
    assert result.exit_code == 0, result.output
    assert " 0 errors" in result.output


def test_lint_finds_quotes_not_in_the_plan_and_conflicts(tmp_path: Path, run: Callable[..., Result]) -> None:
    from tests.packs import percent_metric, threshold, write_pack

    wrong_quote = threshold("JA-1-1", "rate", ">=", 75)
    wrong_quote["quote"] = "到2025年，指标达到80%以上"
    conflicting = threshold("JA-1-2", "rate", ">=", 80)
    rules = write_pack(tmp_path, [percent_metric("rate", "比率")], [wrong_quote, conflicting])
    result = run("rules", "lint", rules)
    assert result.exit_code == 1
    assert "JA-1-1.quote: not found verbatim" in result.output
    assert "warning:" in result.output and "conflicting targets for rate" in result.output


def test_lint_checks_rule_files_against_the_shipped_schema(
    tmp_path: Path, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The schema an editor checks rule files with is the shipped one; where it refuses what the loader reads
    (here a schema that wants an English quote the model does not ask for), lint says so, file, line and field."""
    from compliance import lint
    from compliance.schema import SCHEMA_DIR
    from tests.packs import percent_metric, threshold, write_pack

    rules = write_pack(tmp_path / "pack", [percent_metric("rate", "比率")], [threshold("JA-1-1", "rate", ">=", 75)])
    assert " 0 errors" in run("rules", "lint", rules).output, "the shipped schema takes what the loader takes"
    schema = json.loads((SCHEMA_DIR / lint.RULES_SCHEMA).read_text(encoding="utf-8"))
    schema["$defs"]["Requirement"]["required"].append("quote_en")
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / lint.RULES_SCHEMA).write_text(json.dumps(schema), encoding="utf-8")
    monkeypatch.setattr(lint, "SCHEMA_DIR", tmp_path / "schemas")
    result = run("rules", "lint", rules)
    assert result.exit_code == 1
    rule_file = next((rules / "jinan").glob("rules.yaml"))
    assert f"{rule_file}:3: requirements.0: 'quote_en' is a required property (rules.schema.json)" in result.output


@pytest.mark.parametrize(("aim", "conflict"), [(79, False), (70, True), (75, True)])
def test_lint_takes_a_binding_floor_with_a_higher_strive_aim_for_no_conflict(
    aim: float, conflict: bool, tmp_path: Path, run: Callable[..., Result]
) -> None:
    """助力福州市达到75%… 区内力争达到79%: a floor and a higher 力争 aim; a lower or equal aim is still flagged."""
    from tests.packs import percent_metric, threshold, write_pack

    strive = threshold("JA-1-2", "rate", ">=", aim)
    strive["strength"] = "strive"
    rules = write_pack(tmp_path, [percent_metric("rate", "比率")], [threshold("JA-1-1", "rate", ">=", 75), strive])
    result = run("rules", "lint", rules)
    assert result.exit_code == 0, result.output
    assert ("conflicting" in result.output) == conflict, result.output


def test_facts_template_yaml_lists_needed_metrics_and_loads_back(
    run: Callable[..., Result], pack: RulePack, tmp_path: Path
) -> None:
    text = run("facts", "template", "--kind", "village").output
    assert "农村生活污水治理率" in text and "JA-14-7" in text
    data = yaml.safe_load(text)
    assert "rural_domestic_sewage_treatment_rate" in data["facts"]
    filled = tmp_path / "filled.yaml"
    filled.write_text(
        text.replace("id: ''", "id: V1")
        .replace("name: ''", "name: 九峰村")
        .replace("district: ''", "district: 晋安区"),
        encoding="utf-8",
    )
    result = run("check", filled, "--as-of", "2026-06-30")
    assert result.exit_code == 3, result.output


def test_facts_template_csv_has_chinese_headers_with_units(run: Callable[..., Result]) -> None:
    header = run("facts", "template", "--kind", "village", "--format", "csv").output.splitlines()[0]
    assert header.startswith("站点编号,") and "农村生活污水治理率(%)" in header


def test_lint_reports_the_documented_conflicts_and_no_others(run: Callable[..., Result]) -> None:
    """The plans' own conflicts are warnings, and each rule keeps its own citation."""
    lines = run("rules", "lint").output.splitlines()
    conflicts = sorted(line.split(": ")[2] for line in lines if "conflicting" in line)
    assert conflicts == ["JA-0-24.targets", "JA-0-29.strength", "XM-0-18.strength"]


@pytest.mark.parametrize("page", ["README.md", "docs/inspectors.md"])
def test_readme_sample_output_matches_what_check_prints(
    page: str, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The "What an inspector sees" block (short in the README, whole in docs/inspectors.md): its command,
    first line and verdict line are real."""
    monkeypatch.chdir(ROOT)
    readme = (ROOT / page).read_text(encoding="utf-8")
    block = readme.split("$ compliance check ", 1)[1].split("```", 1)[0].splitlines()
    args = block[0].split()
    printed = run("check", *args).output.splitlines()
    assert block[1] == printed[0]
    assert block[-1] == printed[-1]
