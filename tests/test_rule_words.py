"""`rules show`, `rules list`, `rules doc` speak one language at a time (modality, strength, kinds, labels and
the reading), and `rules lint` flags a reading documented in one language only."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from click.testing import Result

from compliance.model.metric import MetricType
from compliance.model.plan import Modality, Strength
from compliance.report.words import METRIC_TYPE, MODALITY, RULE_LABEL, STRENGTH
from tests.packs import percent_metric, threshold, write_pack

Run = Callable[..., Result]

NOTE_ZH = "「达到75%以上」理解为不低于75%，含75%本身。"
NOTE_EN = "达到75%以上 is read as at least 75%, 75% itself included."


def _rule(req_id: str, **fields: Any) -> dict[str, Any]:
    requirement = threshold(req_id, "sewage_rate", ">=", 75)
    requirement.update(fields)
    return requirement


def _pack(tmp_path: Path, *requirements: dict[str, Any]) -> Path:
    return write_pack(tmp_path / "rules", [percent_metric("sewage_rate", "农村生活污水治理率")], list(requirements))


def test_the_vocabulary_has_every_word_in_both_languages() -> None:
    assert set(MODALITY["zh"]) == set(MODALITY["en"]) == {m.value for m in Modality}
    assert set(STRENGTH["zh"]) == {s.value for s in Strength}
    assert set(METRIC_TYPE["zh"]) == set(METRIC_TYPE["en"]) == {t.value for t in MetricType}
    assert set(RULE_LABEL["zh"]) == set(RULE_LABEL["en"])
    for word in [*MODALITY["zh"].values(), *METRIC_TYPE["zh"].values(), *RULE_LABEL["zh"].values()]:
        assert re.search(r"[\u4e00-\u9fff]", word), word


def test_show_in_chinese_has_chinese_words_and_the_chinese_reading(run: Run, tmp_path: Path) -> None:
    rules = _pack(tmp_path, _rule("JA-1-1", strength="strive", modality="gradual", notes=NOTE_EN, notes_zh=NOTE_ZH))
    text = run("rules", "show", "JA-1-1", "--rules", rules).output
    assert "适用对象: 行政村" in text
    assert "强度: 力争; 要求性质: 逐步实现" in text
    assert f"说明: {NOTE_ZH}" in text and NOTE_EN not in text
    labels = [line.split(": ")[0] for line in text.splitlines()[1:] if ": " in line]
    assert labels and not [label for label in labels if re.search("[A-Za-z]", label)]
    assert not re.search(r"\b(strive|gradual|village|modality|notes)\b", text)


def test_show_in_english_has_english_words_and_the_english_reading(run: Run, tmp_path: Path) -> None:
    rules = _pack(tmp_path, _rule("JA-1-1", strength="strive", modality="gradual", notes=NOTE_EN, notes_zh=NOTE_ZH))
    text = run("rules", "show", "JA-1-1", "--lang", "en", "--rules", rules).output
    assert "applies to: village" in text
    assert "strength: strive; modality: gradual" in text
    assert f"notes: {NOTE_EN}" in text and NOTE_ZH not in text
    assert not re.search("力争|逐步实现|行政村|说明|适用对象", text)


def test_a_reading_in_the_other_language_only_is_shown_and_marked(run: Run, tmp_path: Path) -> None:
    rules = _pack(tmp_path, _rule("JA-1-1", notes=NOTE_EN), _rule("JA-1-2", notes_zh=NOTE_ZH))
    english_only = run("rules", "show", "JA-1-1", "--rules", rules).output
    assert f"说明（暂无中文说明，以下为英文原文）: {NOTE_EN}" in english_only
    chinese_only = run("rules", "show", "JA-1-2", "--lang", "en", "--rules", rules).output
    assert f"notes (in Chinese only): {NOTE_ZH}" in chinese_only


def test_list_names_kinds_and_strength_in_the_chosen_language(run: Run, tmp_path: Path) -> None:
    rules = _pack(tmp_path, _rule("JA-1-1", strength="basically"), _rule("JA-1-2"))
    zh = run("rules", "list", "--rules", rules).output.splitlines()
    en = run("rules", "list", "--lang", "en", "--rules", rules).output.splitlines()
    assert "行政村" in zh[0] and "基本" in zh[0] and "约束" in zh[1] and zh[-1] == "2 项要求"
    assert "village" in en[0] and "basically" in en[0] and "binding" in en[1] and en[-1] == "2 requirements"


def test_markdown_catalogue_in_each_language(run: Run, tmp_path: Path) -> None:
    rules = _pack(tmp_path, _rule("JA-1-1", modality="encouraged", notes=NOTE_EN, notes_zh=NOTE_ZH))
    zh = run("rules", "doc", "--rules", rules).output
    en = run("rules", "doc", "--lang", "en", "--rules", rules).output
    assert "# 规则目录" in zh and "1 项要求：可判定 1，待核查 0。" in zh
    assert "- **适用对象**: 行政村" in zh and "- **强度**: 约束 · 要求性质: 鼓励" in zh
    assert f"- **说明**: {NOTE_ZH}" in zh and NOTE_EN not in zh
    assert "| sewage_rate | 农村生活污水治理率 | 百分比 | % |" in zh
    assert "# Rule catalogue" in en and "1 requirements: 1 decidable, 0 for review." in en
    assert "- **applies to**: village" in en and "- **strength**: binding · modality: encouraged" in en
    assert f"- **notes**: {NOTE_EN}" in en and NOTE_ZH not in en
    assert "| sewage_rate | sewage rate | percent | % |" in en
    assert not re.search("适用对象|强度|说明|规则目录|行政村", en)


def test_lint_warns_once_on_each_rule_read_in_one_language_only(run: Run, tmp_path: Path) -> None:
    rules = _pack(
        tmp_path,
        _rule("JA-1-1", notes=NOTE_EN),
        _rule("JA-1-2", notes_zh=NOTE_ZH),
        _rule("JA-1-3", notes=NOTE_EN, notes_zh=NOTE_ZH),
        _rule("JA-1-4"),
    )
    result = run("rules", "lint", rules)
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if "one language only" in line]
    assert len(warnings) == 2, result.output
    english_only, chinese_only = sorted(warnings, key=lambda line: "JA-1-2" in line)
    assert "rules.yaml" in english_only and "JA-1-1.notes_zh" in english_only
    assert "notes without notes_zh" in english_only
    assert "rules.yaml" in chinese_only and "JA-1-2.notes" in chinese_only
    assert "notes_zh without notes" in chinese_only
    assert "JA-1-3" not in result.output and "JA-1-4" not in result.output
