"""Stable JSON: sorted keys, UTF-8, one document for all sites checked in one run."""

from __future__ import annotations

import json
import re
from typing import Any

from compliance import __version__
from compliance.model.problems import Problem
from compliance.model.result import Assessment

FORMAT_VERSION = 1


def document(assessments: list[Assessment], errors: list[Problem]) -> dict[str, Any]:
    return {
        "format": FORMAT_VERSION,
        "tool": {"name": "compliance", "version": __version__},
        "assessments": [a.model_dump(mode="json") for a in assessments],
        "errors": [{"file": p.file, "line": p.line, "field": p.field, "message": p.message} for p in errors],
    }


_C1 = re.compile("[\x7f-\x9f]")


def render(assessments: list[Assessment], errors: list[Problem]) -> str:
    """The JSON text; DEL and C1 controls escaped like the C0 ones, so no text in it acts on a terminal."""
    text = json.dumps(document(assessments, errors), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return _C1.sub(lambda match: f"\\u{ord(match.group()):04x}", text)
