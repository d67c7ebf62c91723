"""A feature a policy officer might write, with one scenario of each outcome: passed, failed, undefined step, and
an outline of two rows; shared by the tests of the formats a run is written in (Cucumber JSON, JUnit XML)."""

from __future__ import annotations

from pathlib import Path

FOUR_OUTCOMES = """# language: zh-CN
@农村污水
功能: 农村生活污水治理率的四种结果

  @JA-14-7
  场景: 达到目标
    假如 一个位于晋安区的行政村“九峰村”
    而且 指标“农村生活污水治理率”为 80%
    而且 评估日期为 2026-06-30
    当 评估
    那么 要求 JA-14-7 的状态为 通过

  场景: 把不达标写成了通过
    假如 一个位于晋安区的行政村“九峰村”
    而且 指标“农村生活污水治理率”为 70%
    而且 评估日期为 2026-06-30
    当 评估
    那么 要求 JA-14-7 的状态为 通过
    而且 要求 JA-14-7 的原因包含“70%”

  场景: 步骤写错了
    假如 一个晋安区的行政村叫九峰村
    而且 评估日期为 2026-06-30
    当 评估

  @JA-14-7
  场景大纲: 2025年达到75%以上
    假如 一个位于晋安区的行政村“九峰村”
    而且 上报数据如下：
      | 指标               | 值       |
      | 农村生活污水治理率 | <治理率> |
    而且 评估日期为 2026-06-30
    当 评估
    那么 要求 JA-14-7 的状态为 <状态>

    例子: 目标前后
      | 治理率 | 状态   |
      | 74.9%  | 不达标 |
      | 75%    | 通过   |
"""

NAME = "四种结果.feature"


def write(folder: Path) -> Path:
    path = folder / NAME
    path.write_text(FOUR_OUTCOMES, encoding="utf-8")
    return path


def line_of(text: str, occurrence: int = 1) -> int:
    """The 1-based line of the `occurrence`-th line of FOUR_OUTCOMES containing `text`."""
    found = [n for n, line in enumerate(FOUR_OUTCOMES.splitlines(), start=1) if text in line]
    return found[occurrence - 1]
