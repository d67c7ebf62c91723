"""The shipped JSON Schemas match the models, and the bundled files validate against them."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import Result

from compliance.load.rules import default_rules_dir, rule_files
from compliance.model.plan import RulePack
from compliance.schema import SCHEMA_DIR, dumps, shipped
from tests.conftest import EXAMPLES


def test_shipped_schemas_are_in_sync_with_the_models(pack: RulePack) -> None:
    expected = shipped(pack)
    on_disk = {p.name for p in SCHEMA_DIR.glob("*.json")}
    assert on_disk == set(expected), "run: python -m compliance.schema"
    for name, schema in expected.items():
        assert (SCHEMA_DIR / name).read_text(encoding="utf-8") == dumps(schema), (
            f"{name}: run python -m compliance.schema"
        )


FACTS_EXAMPLES = sorted(
    [*EXAMPLES.glob("*compliant.yaml"), *(p for p in EXAMPLES.glob("sites/*.yaml") if p.name != "expected.yaml")]
)


@pytest.mark.parametrize("path", FACTS_EXAMPLES, ids=lambda p: p.relative_to(EXAMPLES).as_posix())
def test_examples_validate_against_their_kind_schema(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    schema = json.loads((SCHEMA_DIR / f"facts.{data['site']['kind']}.schema.json").read_text(encoding="utf-8"))
    data = json.loads(json.dumps(data, default=str))
    # The schema's own validity is checked once, for a kind's schema printed by `compliance schema` (below): every
    # kind's is made by the same generator, and checking each against the meta-schema took longer than the rest.
    jsonschema.Draft202012Validator(schema).validate(data)


def test_rule_files_validate_against_the_rules_schema() -> None:
    validator = jsonschema.Draft202012Validator(json.loads((SCHEMA_DIR / "rules.schema.json").read_text("utf-8")))
    root = default_rules_dir()
    files = [path for plan in root.iterdir() if (plan / "plan.yaml").is_file() for path in rule_files(plan)]
    assert len(files) > 20
    for path in files:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        validator.validate(json.loads(json.dumps(data, default=str)))


def test_schema_commands_print_the_shipped_files(run: Callable[..., Result]) -> None:
    assert run("schema", "rules").output == (SCHEMA_DIR / "rules.schema.json").read_text(encoding="utf-8")
    facts = json.loads(run("schema", "facts", "--kind", "village").output)
    jsonschema.Draft202012Validator.check_schema(facts)
    assert "rural_domestic_sewage_treatment_rate" in facts["properties"]["facts"]["properties"]
