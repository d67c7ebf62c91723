"""The one door to durable_rules: rulesets built from plain data, evaluated one fact at a time.

Calls the compiled core (`durable_rules_engine`) directly rather than `durable.engine.Host`: the Host's
timer threads make `delete_state` unsafe, it swallows action errors, and a Python action per fired rule
costs more than the matching. Each evaluation asserts one fact under one constant sid, collects the
rules that fired, then retracts it, so no sid or fact ever accumulates. `delete_state` is never called:
even without threads it was seen to corrupt the heap (`free(): invalid size`), and with a single sid
whose only fact is retracted there is nothing for it to free (300,000 facts: resident memory flat).
"""

from __future__ import annotations

import itertools
from typing import Any

import durable_rules_engine as _core

from compliance.engine.encode import dumps

_names = itertools.count()


class EngineError(RuntimeError):
    """The engine refused a ruleset or a fact; the message keeps the engine's own words."""


class Ruleset:
    def __init__(self, definition: dict[str, Any]) -> None:
        self.name = f"compliance_{next(_names)}"
        try:
            self._handle = _core.create_ruleset(self.name, dumps(definition))
        except Exception as error:  # the core raises plain Exception with an error code
            raise EngineError(f"ruleset rejected: {error}") from error

    def fired(self, fact_json: str) -> list[str]:
        """Names of the rules that match the fact. `fact_json` must carry `"sid":"0"` (see `encode.SID`)."""
        handle = self._handle
        try:
            code, state = _core.assert_fact(handle, fact_json)
        except Exception as error:
            raise EngineError(f"fact rejected: {error}") from error
        names: list[str] = []
        try:
            if code == 0:
                result = _core.start_action_for_state(handle, state)
                while result:
                    message: str = result[1] if isinstance(result, tuple) else result
                    names.append(message[2 : message.index('"', 2)])
                    result = _core.complete_and_start_action(handle, state)
            elif code != 1:
                raise EngineError(f"unexpected engine answer {code} to a fresh fact")
        finally:
            _core.retract_fact(handle, fact_json)
        return names

    def close(self) -> None:
        _core.delete_ruleset(self._handle)
