"""`compliance report`: a report an inspector hands over, led by what decides the verdict, every text escaped."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from compliance.pack import load_pack
from compliance.report.bundle import file_names
from tests.conftest import EXAMPLES
from tests.reports import QUOTE, small_pack, village

PARK = EXAMPLES / "park-noncompliant.yaml"


def _section(page: str, start: str, end: str) -> str:
    """The text between two headings of a report."""
    return page[page.index(start) : page.index(end, page.index(start))]


def test_the_park_report_leads_with_what_decides_the_verdict(run: Callable[..., Result], tmp_path: Path) -> None:
    result = run("report", PARK, "--as-of", "2026-06-30", "--out", tmp_path)
    assert result.exit_code == 1, result.output  # as `check`: the park is non-compliant
    page = (tmp_path / "JA-P-0001.html").read_text(encoding="utf-8")
    assert result.output.strip() == str(tmp_path / "JA-P-0001.html")
    assert "结论：不合规" in page
    deciding = _section(page, "决定结论的问题", "有风险（")
    ids = re.findall(r"<h3>([A-Z]{2}-[0-9a-z]+-[0-9]+) · ", deciding)
    # bearing failures first, then bearing missing data; never a strive or review item
    assert ids[:3] == ["JA-29-2", "JA-29-9", "JA-32-14"] and "不达标" in deciding.split("JA-2-12")[0]
    assert "JA-2-12" in ids[3:] and "JA-0-29" not in ids and "JA-28-1" not in ids
    assert "雨污分流到位率 ≥ 100%（期限 2025-12-31）" in deciding and "（二十九）“污水零直排区”建设行动" in deciding
    assert "JA-25-13" in _section(page, "有风险（", "不影响结论的问题")
    non_bearing = _section(page, "不影响结论的问题", "采用的人工核查记录")
    assert "JA-0-29" in non_bearing and non_bearing.count("（不构成违规）") == non_bearing.count("<h3>") > 0
    checklist = _section(page, "待核查清单", "</table>")
    assert checklist.count("□ 通过　□ 不通过") == 35 and "JA-28-1" in checklist
    assert hashlib.sha256(PARK.read_bytes()).hexdigest() in page
    assert load_pack().digest in page and "园区雨污分流排查台账" in _section(page, "证据来源", "待核查清单")
    assert "检查人" in page and "复核人" in page
    assert "<script" not in page and "http" not in page.split("</style>")[0]  # nothing runs, nothing is fetched


def test_markdown_says_the_same_as_the_page(run: Callable[..., Result], tmp_path: Path) -> None:
    run("report", PARK, "--as-of", "2026-06-30", "--out", tmp_path / "html")
    run("report", PARK, "--as-of", "2026-06-30", "--out", tmp_path / "md", "--format", "md")
    page = (tmp_path / "html" / "JA-P-0001.html").read_text(encoding="utf-8")
    text = (tmp_path / "md" / "JA-P-0001.md").read_text(encoding="utf-8")
    assert re.findall(r"<h3>([A-Z]{2}-[\w-]+) · ", page) == [
        i.replace("\\", "") for i in re.findall(r"### (\S+) · ", text)
    ]
    assert "**结论：不合规**" in text and "检查人：＿" in text and "复核人：＿" in text
    assert text.count("□ 通过　□ 不通过") == 35


def test_rule_and_site_text_is_escaped(run: Callable[..., Result], tmp_path: Path) -> None:
    rules = small_pack(tmp_path / "rules")
    facts = village(tmp_path, "V1", "<script>alert(1)</script>", "70%")
    for fmt in ("html", "md"):
        run("report", facts, "--rules", rules, "--as-of", "2026-06-30", "--out", tmp_path / fmt, "--format", fmt)
    page = (tmp_path / "html" / "V1.html").read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "污水收集 &amp; 处理&lt;设施&gt;运行正常" in page and QUOTE not in page
    text = (tmp_path / "md" / "V1.md").read_text(encoding="utf-8")
    assert "<script>" not in text and "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "污水收集 &amp; 处理&lt;设施&gt;运行正常" in text


def test_the_strive_miss_is_not_a_violation_and_the_binding_one_decides(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    rules = small_pack(tmp_path / "rules")
    facts = village(tmp_path, "V1", "岭头村", "70%")
    run("report", facts, "--rules", rules, "--as-of", "2026-06-30", "--out", tmp_path / "out", "--lang", "en")
    page = (tmp_path / "out" / "V1.html").read_text(encoding="utf-8")
    deciding = _section(page, "Findings that decide the verdict", "At risk")
    assert "JA-1-1" in deciding and "JA-1-2" not in deciding
    assert (
        "JA-1-2" in _section(page, "Findings that do not affect the verdict", "Inspectors")
        and "does not affect the verdict" in page
    )
    assert "2025年污水治理台账" in page and "2025-12-31" in page


def test_several_sites_get_an_index_and_no_report_overwrites_another(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    rules = small_pack(tmp_path / "rules")
    first = village(tmp_path, "V1", "岭头村", "80%")
    (tmp_path / "again").mkdir()
    second = village(tmp_path / "again", "V1", "降虎村", None)  # the same id in another file
    result = run("report", first, second, "--rules", rules, "--as-of", "2026-06-30", "--out", tmp_path / "out")
    assert result.exit_code == 3  # one site compliant, the other incomplete
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["V1-2.html", "V1.html", "index.html"]
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert 'href="V1.html"' in index and 'href="V1-2.html"' in index and 'id="site-2"' in index
    assert "岭头村" in index and "降虎村" in index and "无法判定（数据不全）" in index


def test_a_facts_file_that_cannot_be_read_is_named_and_the_others_are_reported(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    rules = small_pack(tmp_path / "rules")
    good = village(tmp_path, "V1", "岭头村", "80%")
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "site: {id: V2, kind: village, name: 降虎村, district: 晋安区}\nfacts:\n  sewage_rate: 很多\n", "utf-8"
    )
    result = run("report", good, bad, "--rules", rules, "--as-of", "2026-06-30", "--out", tmp_path / "o")
    assert result.exit_code == 2
    assert "bad.yaml" in result.output and "sewage_rate" in result.output and "Traceback" not in result.output
    assert (tmp_path / "o" / "V1.html").is_file()
    index = (tmp_path / "o" / "index.html").read_text(encoding="utf-8")  # the one printed: the site missing is named
    unread = index[index.index("未能读取的输入") : index.index('<section class="site"')]
    assert "bad.yaml" in unread and "sewage_rate" in unread and "站点数：1" in index


def test_file_names_are_safe_and_distinct() -> None:
    names = file_names(["../etc/passwd", "a b", "A B", "index", "", "福州/晋安"], ".html")
    assert names == ["etc_passwd.html", "a_b.html", "A_B-2.html", "index-2.html", "site.html", "福州_晋安.html"]


def test_the_attestations_used_are_listed_with_where_they_were_recorded(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    village_file, attestations = EXAMPLES / "village-compliant.yaml", EXAMPLES / "attestations.yaml"
    args = ("report", village_file, "--as-of", "2026-06-30", "--attestations", attestations)
    run(*args, "--out", tmp_path / "a")
    run(*args, "--out", tmp_path / "b")
    page = (tmp_path / "a" / "JA-V-0001.html").read_text(encoding="utf-8")
    used = _section(page, "采用的人工核查记录", "证据来源")
    assert '<td>JA-14-1</td><td>通过</td><td>林检查员</td><td class="date">2026-05-20</td>' in used
    assert "JA-14-3" in used and f"{attestations}:" in used
    assert "JA-14-1" not in _section(page, "待核查清单", "</table>")  # judged, so off the checklist
    assert (tmp_path / "b" / "JA-V-0001.html").read_bytes() == page.encode()  # the same input, the same bytes


def test_each_deciding_finding_says_how_far_off_it_is_and_who_must_act(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    run("report", PARK, "--as-of", "2026-06-30", "--out", tmp_path / "zh")
    run("report", PARK, "--as-of", "2026-06-30", "--out", tmp_path / "en", "--lang", "en")
    zh = (tmp_path / "zh" / "JA-P-0001.html").read_text(encoding="utf-8")
    en = (tmp_path / "en" / "JA-P-0001.html").read_text(encoding="utf-8")
    sewer = _section(zh, "<h3>JA-29-2 · ", "<h3>JA-29-9 · ")
    assert "差 8 个百分点，已逾期 181 天" in sewer
    assert "福兴经济开发区管委会、区建设局、晋安生态环境局、鼓山镇政府" in sewer
    sewer_en = _section(en, "<h3>JA-29-2 · ", "<h3>JA-29-9 · ")
    assert "8 pp short, 181 days overdue" in sewer_en and "Who must act" in sewer_en
