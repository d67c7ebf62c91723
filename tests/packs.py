"""Build small synthetic rule packs in a temporary folder, for engine edge cases."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

PLAN_TEXT = "测试方案原文。到2025年，指标达到75%以上。"


def write_pack(root: Path, metrics: list[dict[str, Any]], requirements: list[dict[str, Any]]) -> Path:
    """A rules dir with one plan `jinan` (晋安区) holding `requirements`; returns the dir."""
    (root / "jinan").mkdir(parents=True, exist_ok=True)
    catalogue = {
        "kinds": [{"id": "village", "name_zh": "行政村", "name_en": "village"}],
        "metrics": metrics,
    }
    plan = {
        "id": "jinan",
        "title_zh": "测试方案",
        "title_en": "Test plan",
        "short_zh": "测试方案",
        "short_en": "Test plan",
        "issuer_zh": "测试",
        "prefixes": ["JA"],
        "jurisdiction": {"admin_codes": ["350111"], "names": ["晋安区"]},
        "text": "text.txt",
    }
    (root / "catalogue.yaml").write_text(yaml.safe_dump(catalogue, allow_unicode=True), encoding="utf-8")
    (root / "jinan" / "plan.yaml").write_text(yaml.safe_dump(plan, allow_unicode=True), encoding="utf-8")
    (root / "jinan" / "text.txt").write_text(PLAN_TEXT, encoding="utf-8")
    rule_file = {"plan": "jinan", "requirements": requirements}
    (root / "jinan" / "rules.yaml").write_text(yaml.safe_dump(rule_file, allow_unicode=True), encoding="utf-8")
    return root


def percent_metric(metric_id: str, name_zh: str) -> dict[str, Any]:
    return {"id": metric_id, "name_zh": name_zh, "name_en": metric_id.replace("_", " "), "type": "percent", "unit": "%"}


def threshold(req_id: str, metric_id: str, op: str, value: float, due: str | None = "2025-12-31") -> dict[str, Any]:
    target: dict[str, Any] = {"value": value}
    if due:
        target["due"] = due
    return {
        "id": req_id,
        "title_zh": f"要求{req_id}",
        "title_en": f"requirement {req_id}",
        "section": "测试方案原文",
        "quote": "到2025年，指标达到75%以上",
        "kind": "quantitative",
        "applies": {"kinds": ["village"]},
        "check": {"metric": metric_id, "op": op},
        "targets": [target],
    }
