"""Small inputs for the handover-report tests: a rule pack with one figure, one qualitative item and one
力争 target, and facts files for it written as an inspector would."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from tests.packs import percent_metric, threshold, write_pack

QUOTE = "污水收集 & 处理<设施>运行正常"


def small_pack(root: Path) -> Path:
    """Three requirements on villages: JA-1-1 (≥ 75% by 2025, binding), JA-1-2 (力争 ≥ 90%), JA-1-3 (review)."""
    review = {
        "id": "JA-1-3",
        "title_zh": "设施运行正常",
        "title_en": "Facilities run properly",
        "section": "（一）测试行动",
        "quote": QUOTE,
        "kind": "qualitative",
        "applies": {"kinds": ["village"]},
    }
    strive = {**threshold("JA-1-2", "sewage_rate", ">=", 90.0), "strength": "strive", "title_zh": "力争治理率"}
    requirements: list[dict[str, Any]] = [threshold("JA-1-1", "sewage_rate", ">=", 75.0), strive, review]
    return write_pack(root, [percent_metric("sewage_rate", "污水治理率")], requirements)


def village(folder: Path, site_id: str, name: str, rate: str | None) -> Path:
    """A facts file of a village of 晋安区; `rate` None leaves the figure out."""
    facts: dict[str, Any] = {}
    if rate is not None:
        facts["sewage_rate"] = {"value": rate, "source": "2025年污水治理台账", "observed_on": "2025-12-31"}
    body = {"site": {"id": site_id, "kind": "village", "name": name, "district": "晋安区"}, "facts": facts}
    path = folder / f"{site_id}.yaml"
    path.write_text(yaml.safe_dump(body, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path
