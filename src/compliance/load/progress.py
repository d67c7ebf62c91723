"""Words saying how far a piece of work has got, read against what a duty's 是 asks (`Metric.progress`).

The plan asks some works to be pushed forward with no date (推进生态清洁小流域建设, 开展危险水库加固工程,
继续实施…工程): their facts are 是 while the work is under way. There 未完成 says only that it is not finished,
not whether it has begun, so it is refused rather than read as 否; the plan's own verbs (已开展, 已推进) and
实施中 read 是. A fact whose 是 is completed work (排污口已完成规范整治) refuses a word saying the work has only begun.
"""

from __future__ import annotations

from compliance.model.metric import Metric

_UNDER_WAY = frozenset(
    {
        "已开展",
        "正在开展",
        "开展中",
        "已推进",
        "正在推进",
        "推进中",
        "已实施",
        "正在实施",
        "实施中",
        "在实施",
        "继续实施",
        "正在继续实施",
        "进行中",
        "正在进行",
        "已启动",
        "已开工",
        "在建",
        "正在建设",
        "建设中",
        "整治中",
        "正在整治",
    }
)
"""Work begun and going on: 是 for a fact whose 是 is work under way, not enough for one whose 是 is work done."""
_FINISHED = frozenset({"已完成", "已建成", "已完工", "已竣工"})
_NOT_BEGUN = frozenset(
    f"{head}{verb}" for head in ("未", "尚未", "没有") for verb in ("开展", "开始", "启动", "开工", "实施", "推进")
)
_UNFINISHED = frozenset(
    f"{head}{verb}" for head in ("未", "尚未", "没有") for verb in ("完成", "建成", "完工", "竣工")
) | {"未全部完成", "部分完成"}


class ProgressProblem(ValueError):
    """A word of progress that does not answer the fact: `en` and `zh` say why and what to write."""

    def __init__(self, en: str, zh: str) -> None:
        super().__init__(en)
        self.en, self.zh = en, zh


def read_progress(token: str, metric: Metric) -> bool | None:
    """是 or 否 for a word of progress (`token`, trimmed and lower-cased) where the fact's `progress` decides it, None
    for any other word; a word that does not say what the fact asks raises ProgressProblem."""
    if metric.progress == "under_way":
        if token in _UNDER_WAY or token in _FINISHED:
            return True
        if token in _NOT_BEGUN:
            return False
        if token in _UNFINISHED:
            raise ProgressProblem(
                f"{token} says the work is not finished, not whether it has begun, and {metric.name_zh} is 是 while"
                " the work is under way (see its definition): write 是 (已开展, 实施中) if it has begun, 否 (未开展)"
                " if it has not",
                f"“{token}”只说明尚未完成，不说明是否已开展；{metric.name_zh}在工作已开展、正在实施时即为“是”（见其定义）："
                "已开展或正在实施的填“是”（已开展、实施中），尚未开展的填“否”（未开展）",
            )
    if metric.progress == "done" and token in _UNDER_WAY:
        raise ProgressProblem(
            f"{token} says the work has begun, not that it is complete, and {metric.name_zh} is 是 only once it is"
            " complete (see its definition): write 是 (已完成) if it is complete, 否 (未完成) if not",
            f"“{token}”只说明工作已开展，不说明已经完成；{metric.name_zh}须已完成才为“是”（见其定义）："
            "已完成的填“是”（已完成），尚未完成的填“否”（未完成）",
        )
    return None
