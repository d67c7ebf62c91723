"""Safe YAML (and JSON) reading that remembers the line of every value, for error messages.

Numbers follow YAML 1.2's core schema rather than PyYAML's YAML 1.1: a plain `075` is 75 (not octal 61),
and what only YAML 1.1 reads as a number (`0x55`, sexagesimal `1:15`, `1_000`) stays text, for the value
reader to refuse by name. A date that does not exist (2025-02-30) also stays text, so the date reader
can say so.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import yaml

from compliance.load.files import read_limited
from compliance.load.yamlwords import syntax_message, unbuildable
from compliance.model.problems import InputError, Problem

Path_ = tuple[str | int, ...]
MAX_NODES = 200_000
MAX_DEPTH = 32
"""The deepest nesting of mappings and lists read; a facts file needs 4 (facts, metric, series, period)."""
_BRACKETS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's parser when PyYAML was built with it: ten times faster, same safe constructors."""
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MAP, _SEQ = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
_CORE_INT = re.compile(r"[-+]?[0-9]+")
_CORE_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_CORE_SPECIAL = re.compile(r"[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)")


def _plain_scalar(node: yaml.ScalarNode, constructor: yaml.SafeLoader) -> Any:
    """A plain scalar PyYAML would read as a number or date, read by YAML 1.2's core rules instead."""
    text = node.value
    if node.tag == _TIMESTAMP:
        try:
            return constructor.construct_object(node, deep=True)
        except ValueError:
            return text
    if _CORE_INT.fullmatch(text):
        return int(text)
    if _CORE_FLOAT.fullmatch(text):
        return float(text)
    if _CORE_SPECIAL.fullmatch(text):
        return constructor.construct_object(node, deep=True)
    return text


class Located:
    """Parsed data plus the 1-based line where each path (keys and list indexes) starts."""

    def __init__(self, data: Any, lines: dict[Path_, int], file: str) -> None:
        self.data = data
        self.lines = lines
        self.file = file

    def line(self, path: Path_) -> int | None:
        """Line of the longest prefix of `path` that was seen."""
        for end in range(len(path), -1, -1):
            found = self.lines.get(tuple(path[:end]))
            if found is not None:
                return found
        return None

    def problem(self, path: Path_, message: str) -> Problem:
        return Problem(self.file, self.line(path), ".".join(str(p) for p in path), message)


def too_deep(text: str) -> bool:
    """Whether JSON text nests lists and objects more than MAX_DEPTH deep (quick for ordinary text)."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return False
    depth = 0
    for token in _BRACKETS.finditer(text):
        bracket = token.group()
        if bracket in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return True
        elif bracket in "]}":
            depth -= 1
    return False


def read_text(path: Path) -> str:
    raw = read_limited(path)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise InputError([Problem(str(path), line, "", "the file is not UTF-8 text")]) from None


def _key(node: yaml.Node, constructor: yaml.SafeLoader, file: str) -> Any:
    """A mapping key as written: a date key (a daily series' 2026-05-06) is its ISO text (an impossible one stays
    text); a merge key (<<) or a key YAML cannot build is a problem naming the line."""
    line = node.start_mark.line + 1
    if node.tag == "tag:yaml.org,2002:merge":
        raise InputError(
            [
                Problem(
                    file,
                    line,
                    "",
                    "merge keys (<<) are not read: write each fact out under facts"
                    " / 不读取合并键（<<）：请在 facts 下逐项写出每个事实",
                )
            ]
        )
    if isinstance(node, yaml.ScalarNode) and not node.style and node.tag == _TIMESTAMP:
        return _plain_scalar(node, constructor)
    try:
        return constructor.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError) as error:
        raise InputError([Problem(file, line, "", unbuildable("key", node, error))]) from None


def parse(text: str, file: str) -> Located:
    """Parse YAML or JSON text safely; duplicate keys and non-string keys are errors."""
    try:
        root = yaml.compose(text, Loader=Loader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(error, "problem", None) or str(error)
        if "nesting depth" in problem:  # libyaml 0.2.6+ stops deep nesting itself, before Python's recursion limit
            raise InputError([Problem(file, line, "", "nested too deeply to read")]) from None
        raise InputError([Problem(file, line, "", syntax_message(text, error, problem))]) from None
    except RecursionError:
        raise InputError([Problem(file, None, "", "nested too deeply to read")]) from None
    lines: dict[Path_, int] = {}
    counter = [0]
    constructor = yaml.SafeLoader("")

    def build(node: yaml.Node, path: Path_) -> Any:
        counter[0] += 1
        if counter[0] > MAX_NODES:
            raise InputError([Problem(file, node.start_mark.line + 1, "", f"more than {MAX_NODES} values")])
        lines[path] = node.start_mark.line + 1
        if len(path) > MAX_DEPTH:
            raise InputError([Problem(file, node.start_mark.line + 1, "", f"nested more than {MAX_DEPTH} levels deep")])
        if isinstance(node, yaml.CollectionNode) and node.tag not in (_MAP, _SEQ):  # !!python/object/apply: [..]
            raise _unbuilt(node, path, None)
        if isinstance(node, yaml.MappingNode):
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                key = _key(key_node, constructor, file)
                if not isinstance(key, str | int | float | dt.date) or isinstance(key, bool):
                    raise InputError([Problem(file, key_node.start_mark.line + 1, "", "keys must be text")])
                key = str(key)
                if key in result:
                    where = ".".join(str(p) for p in (*path, key))
                    raise InputError([Problem(file, key_node.start_mark.line + 1, where, "this key appears twice")])
                result[key] = build(value_node, (*path, key))
                lines[(*path, key)] = key_node.start_mark.line + 1  # a block mapping's value starts a line below
            return result
        if isinstance(node, yaml.SequenceNode):
            return [build(child, (*path, index)) for index, child in enumerate(node.value)]
        try:
            if isinstance(node, yaml.ScalarNode) and not node.style and node.tag in (_INT, _FLOAT, _TIMESTAMP):
                return _plain_scalar(node, constructor)
            built = constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError) as error:
            raise _unbuilt(node, path, error) from None
        if isinstance(built, bytes):  # !!binary
            raise _unbuilt(node, path, None)
        return built

    def _unbuilt(node: yaml.Node, path: Path_, error: Exception | None) -> InputError:
        where = ".".join(str(p) for p in path)
        return InputError([Problem(file, node.start_mark.line + 1, where, unbuildable("value", node, error))])

    try:
        data = None if root is None else build(root, ())
    except RecursionError:
        raise InputError([Problem(file, None, "", "nested too deeply to read")]) from None
    return Located(data, lines, file)


def read(path: Path) -> Located:
    return parse(read_text(path), str(path))
