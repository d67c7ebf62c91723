"""Which modules of the batch's per-row path a wheel build compiles to C extensions, and which ran compiled."""

from __future__ import annotations

import importlib

COMPILED_MODULES = (
    "compliance.assess.gap",
    "compliance.assess.series",
    "compliance.batch.areanames",
    "compliance.batch.chunks",
    "compliance.batch.compact",
    "compliance.batch.figures",
    "compliance.batch.findingtexts",
    "compliance.batch.ids",
    "compliance.batch.rowfacts",
    "compliance.batch.rowperiods",
    "compliance.batch.rowplaces",
    "compliance.batch.rows",
    "compliance.batch.seen",
    "compliance.batch.sitescsv",
    "compliance.batch.totals",
    "compliance.batch.villagerepeats",
    "compliance.engine.derive",
    "compliance.engine.evaluate",
)
"""The modules a wheel build compiles with mypyc (hatch_build.py); the manifest says which ran compiled."""


def compiled_modules() -> list[str]:
    """Those of COMPILED_MODULES running as compiled extensions here (none in an editable install)."""
    modules = [importlib.import_module(name) for name in COMPILED_MODULES]
    return [module.__name__ for module in modules if not str(getattr(module, "__file__", "")).endswith(".py")]
