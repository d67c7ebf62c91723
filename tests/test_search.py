"""`compliance rules search`: a requirement found by a word of the plan, its reading or a metric, zh or en."""

from __future__ import annotations

from collections.abc import Callable

from click.testing import Result


def _ids(output: str) -> list[str]:
    return [line.split()[0] for line in output.splitlines() if line and not line.startswith(" ") and "-" in line[:6]]


def test_a_word_of_the_plan_finds_the_requirements_titles_first(run: Callable[..., Result]) -> None:
    result = run("rules", "search", "油烟")
    assert result.exit_code == 0, result.output
    ids = _ids(result.output)
    assert "JA-5-23" in ids
    titled, quoted = ids.index("JA-5-23"), ids.index("JA-ch3-2")
    assert titled < quoted, "a word in the title ranks above a word only in the quote"
    assert "油烟 → 原文: 大力解决老百姓“家门口”的噪声、油烟、恶臭、扬尘等问题" in result.output
    assert result.output.rstrip().endswith(f"{len(ids)} 项要求，按匹配得分排序")


def test_every_word_must_match_and_full_width_and_case_are_ignored(run: Callable[..., Result]) -> None:
    result = run("rules", "search", "ｐｍ２.５", "保持稳定", "--lang", "en")
    assert result.exit_code == 0, result.output
    ids = _ids(result.output)
    assert ids[:2] == ["JA-0-40", "JA-5-27"] and "JA-5-28" in ids
    assert "ｐｍ２.５ → title, 保持稳定 → title" in result.output
    assert result.output.rstrip().endswith("requirements, best match first")


def test_an_id_ranks_first_and_english_metric_names_are_searched(run: Callable[..., Result]) -> None:
    assert _ids(run("rules", "search", "ja-5-23").output)[0] == "JA-5-23"
    by_metric = run("rules", "search", "energy use per unit of GDP", "--plan", "jinan")
    assert "JA-0-9" in _ids(by_metric.output)


def test_the_reading_is_searched_and_plan_and_kind_narrow(run: Callable[..., Result]) -> None:
    read = run("rules", "search", "how much heavier is not checked", "--lang", "en")
    assert _ids(read.output) == ["JA-5-23"] and "notes" in read.output
    assert run("rules", "search", "油烟", "--plan", "xiamen").exit_code == 1
    restaurant = _ids(run("rules", "search", "油烟", "--kind", "餐饮服务单位").output)
    assert restaurant and "JA-ch3-2" not in restaurant


def test_nothing_found_is_exit_1_with_a_message(run: Callable[..., Result]) -> None:
    result = run("rules", "search", "核聚变")
    assert result.exit_code == 1
    assert "没有要求匹配“核聚变”" in result.output
    english = run("rules", "search", "fusion", "--lang", "en")
    assert english.exit_code == 1 and "no requirement matches 'fusion'" in english.output
