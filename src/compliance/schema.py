"""JSON Schemas for rule files and facts files, generated from the models the loaders use.

The generated files ship in `compliance/schemas/`; `python -m compliance.schema` rewrites them and a test
keeps them in sync with the models.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

from compliance.load.facts import FactsFile
from compliance.load.shape import FACTS_SCHEMA
from compliance.model.gazetteer import NO_PLACE, PLACE_METRIC
from compliance.model.metric import Catalogue, Metric, MetricType, SiteKind
from compliance.model.plan import RuleFile, RulePack
from compliance.model.standards import StandardsFile
from compliance.template import needed

SCHEMA_DIR = Path(str(resources.files("compliance"))) / "schemas"
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def rules_schema() -> dict[str, Any]:
    schema = RuleFile.model_json_schema()
    return {**schema, "$schema": DIALECT, "title": "compliance rule file"}


def standards_schema() -> dict[str, Any]:
    """The schema of a `rules/standards/*.yaml` file (the loader validates the same model)."""
    schema = StandardsFile.model_json_schema()
    return {**schema, "$schema": DIALECT, "title": "compliance standards file"}


def _value_schema(metric: Metric) -> dict[str, Any]:
    if metric.type == MetricType.BOOLEAN:
        return {"type": "boolean"}
    if metric.type in (MetricType.ORDINAL, MetricType.CATEGORY):
        tokens = sorted(
            {t for level in metric.levels for t in (level.id, level.name_zh, level.name_en, *level.aliases)}
        )
        return {"enum": tokens}
    number: dict[str, Any] = {"type": "number"}
    if metric.minimum is not None:
        number["minimum"] = metric.minimum
    if metric.maximum is not None:
        number["maximum"] = metric.maximum
    if (plausible := metric.plausible) is not None:  # a figure outside is on another scale: refused as well
        if plausible.min is not None:
            number["minimum"] = max(plausible.min, number.get("minimum", plausible.min))
        if plausible.max is not None:
            number["maximum"] = min(plausible.max, number.get("maximum", plausible.max))
    if metric.type == MetricType.PERCENT:
        return {"anyOf": [number, {"type": "string", "pattern": r"^\s*[0-9.]+\s*[%％]?\s*$"}]}
    return number


def facts_schema(kind: SiteKind, metrics: list[Metric]) -> dict[str, Any]:
    """The facts-file schema, with the metrics a site of `kind` may need listed under `facts`; `site.kind`
    takes the kind's id or any of its names (the checker also ignores case, spacing and full width)."""
    schema = facts_file_schema()
    observation_ref = {"$ref": "#/$defs/ObservationIn"}
    properties = {}
    for metric in metrics:
        value = _value_schema(metric)
        described = {"description": f"{metric.name_zh} / {metric.name_en} ({metric.unit or metric.type.value})"}
        properties[metric.id] = {**described, "anyOf": [value, observation_ref]}
    schema["properties"]["facts"] = {
        "type": "object",
        "description": "Metric values keyed by metric id, or by the catalogue's Chinese or English name",
        "properties": properties,
        "additionalProperties": schema["properties"]["facts"]["additionalProperties"],
    }
    spellings = list(dict.fromkeys(kind.spellings()))
    schema["properties"]["site"] = {"allOf": [{"$ref": "#/$defs/Site"}], "properties": {"kind": {"enum": spellings}}}
    return {**schema, "title": f"compliance facts file: {kind.id}"}


def facts_file_schema() -> dict[str, Any]:
    """The shape of every facts file, whatever the site's kind: what `check` validates before reading values
    (`load.shape`); the per-kind files add the metrics a kind may need."""
    return {**FactsFile.model_json_schema(), "$schema": DIALECT, "title": "compliance facts file"}


def kind_metrics(pack: RulePack, kind: str) -> list[Metric]:
    """Metrics the requirements applying to `kind` read (applicability first); `named_place` offers only the places
    of this kind, so an editor flags a park named as a reservoir."""
    metrics = []
    for metric, _ in needed(pack, kind, None):
        if metric.id == PLACE_METRIC:
            places = {p.name for p in pack.gazetteer.places if kind in p.kinds} | {NO_PLACE}
            metric = metric.model_copy(update={"levels": [lv for lv in metric.levels if lv.id in places]})
        metrics.append(metric)
    return metrics


def shipped(pack: RulePack) -> dict[str, dict[str, Any]]:
    """File name -> schema, for every file shipped in compliance/schemas."""
    files = {
        "rules.schema.json": rules_schema(),
        "standards.schema.json": standards_schema(),
        FACTS_SCHEMA: facts_file_schema(),
    }
    catalogue: Catalogue = pack.catalogue
    for kind in catalogue.kinds:
        files[f"facts.{kind.id}.schema.json"] = facts_schema(kind, kind_metrics(pack, kind.id))
    return files


def dumps(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def main() -> None:
    from compliance.pack import load_pack

    for name, schema in shipped(load_pack()).items():
        (SCHEMA_DIR / name).write_text(dumps(schema), encoding="utf-8")


if __name__ == "__main__":
    main()
