"""Where each fact is written in a facts file, so a finding can point an editor or a code host at its line.

The key's own line, not its value's: `排放污水达标比例:` followed by `value:` and `source:` is found at the key.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from compliance.load.facts import MetricIndex
from compliance.load.yamlsrc import Loader, read_text
from compliance.model.facts import FactLines
from compliance.model.metric import Catalogue
from compliance.model.problems import InputError


def _keys(node: yaml.Node | None) -> dict[str, tuple[int, yaml.Node]]:
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(k.value): (k.start_mark.line + 1, v) for k, v in node.value if isinstance(k, yaml.ScalarNode)}


def fact_lines(path: Path, catalogue: Catalogue) -> FactLines:
    """Lines of a facts file (YAML or JSON) already read once by load_facts; nothing when it cannot be reread."""
    try:
        root = yaml.compose(read_text(path), Loader=Loader)
    except (InputError, yaml.YAMLError, RecursionError):
        return FactLines()
    top = _keys(root)
    site_line, site_node = top.get("site", (None, None))
    index = MetricIndex(catalogue)
    metrics: dict[str, int] = {}
    written = {**_keys(_keys(site_node).get("attributes", (0, None))[1]), **_keys(top.get("facts", (0, None))[1])}
    for key, (line, _) in written.items():
        metric = index.find(key)
        if metric is not None:
            metrics[metric.id] = line
    return FactLines(site_line, metrics)
