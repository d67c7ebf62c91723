"""The few lines `compliance batch` prints when it is done: counts, district figures, where the files are."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from compliance.report.words import BATCH_VERDICT_ZH, STATUS_ZH

if TYPE_CHECKING:
    from compliance.batch.run import BatchResult


def _code(code: str) -> str:
    return f"（{code}）" if code else ""


def render(result: BatchResult, out: Path) -> str:
    tally, summary = result.tally, result.summary
    verdicts = summary["verdicts"]
    lines = [
        f"输入 {tally.rows} 行 / rows in: 已评估 assessed {tally.assessed}，未评估 rejected {tally.rejected}"
        + ("（见 rejected.csv）" if tally.rejected else "")
        + (f"；空行 blank rows skipped {tally.blank_rows}" if tally.blank_rows else ""),
        "，".join(f"{BATCH_VERDICT_ZH[v]} {v} {n}" for v, n in verdicts.items() if v != "rejected"),
    ]
    districts = summary["districts"]
    if districts:
        lines.append("区县指标 district figures:")
        for row in districts:
            figure = row["figure"] or (f"{row['lowest']}～{row['highest']}" if row["lowest"] else "—")
            parts = row["parts"]
            lines.append(
                f"  {row['district']}{_code(row['district_code'])} {row['requirement']} {row['metric_zh']} = {figure}"
                f"（{parts}）"
                f" → {STATUS_ZH.get(row['status'], row['status'])}"
            )
    for note in result.notes:
        lines.append(f"  注 note: {note}")
    lines.append(f"用时 {result.seconds:.1f} s；输出 outputs: {out}/")
    return "\n".join(lines) + "\n"
