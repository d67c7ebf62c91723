"""A title saying its table's figures are not the observed ones: targets, plans, estimates, last year's.

County offices send a 目标任务分解表 (targets allocated to each village), a 计划表 or a 预计完成情况表 in the very
form of their returns: the same columns, only the title says what the figures are. Such a title is the statement a
目标值 heading over the metrics makes (`header.joined`, refused by `units.bracket_problem`), so it stops the batch
the same way, naming the title row, rather than its targets being judged as 2025's figures. A title reporting on
targets (目标任务完成情况表, 计划执行情况; not 目标任务分解及完成情况表, which may hold either) is of what was done
and is read; a metric's own name in the title
(生态下泄流量达到考核要求) says nothing of the figures.
"""

from __future__ import annotations

import re
import unicodedata

from compliance.batch.columns import Matcher
from compliance.model.problems import InputError, Problem

_NOT_OBSERVED = re.compile(
    r"目标|计划|预计|预期|预测|预估|估算|估计|测算|考核(?:目标|要求|指标|任务|标准|值)|任务分解|分解表|年度任务"
    r"|上年|去年|前年|上一年"
)
"""Words of a title saying its figures are targets (目标任务分解表, 考核目标值), plans (计划表), estimates (预计完成
情况表, 估算) or last year's (上年度)."""
_ESTIMATED = re.compile(r"预计|预期|预测|预估|估算|估计|测算")
_REPORTED = re.compile(r"完成情况|执行情况|落实情况|进展情况|进度情况|完成进度")
"""What a title on targets or plans says it reports: what was done (目标任务完成情况表), the observed figures."""


def _bare(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).lower().split())


def not_observed(title: str, matcher: Matcher) -> str:
    """The words of a title row saying its figures are not the observed ones (目标, 计划, 预计, 上年), or ''."""
    bare = _bare(title)
    while (metric := matcher.named_in(bare)) is not None:  # 生态下泄流量达到考核要求: a metric's name
        bare = bare.replace(_bare(metric.name_zh), " ")
    if _REPORTED.search(bare) and not _ESTIMATED.search(bare) and "分解" not in bare:
        return ""
    return "、".join(dict.fromkeys(found.group(0) for found in _NOT_OBSERVED.finditer(bare)))


def title_problem(title: str, row: int | None, said: str, source: str, where: str = "") -> Problem:
    """What stops the batch on a title row saying `said` of its figures."""
    return Problem(
        source,
        row,
        "",
        f"{where}the title row “{title}” says the figures are not the observed ones ({said}: targets, plans,"
        " estimates or last year's), so they are not judged as the figures now: give the observed figures under a"
        " title that does not say so (another year's by period, 指标[2024]) / "
        f"标题行“{title}”写明“{said}”，表中数值不是实际值（目标、计划、预计或上年数），不能作为当前数值评估："
        "请填写实际值，标题不写目标、计划等字样（其他年份按时期填写，如指标[2024]）",
    )


def check_title_targets(titles: list[str], rows: list[int], matcher: Matcher, source: str, where: str = "") -> None:
    """Stop the batch when a title row above the header says its figures are targets, plans or estimates."""
    problems = [
        title_problem(title, row, said, source, where)
        for title, row in zip(titles, rows, strict=True)
        if (said := not_observed(title, matcher))
    ]
    if problems:
        raise InputError(problems)
