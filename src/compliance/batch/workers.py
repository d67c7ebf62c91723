"""The worker processes of a batch: each assesses whole chunks and appends their findings itself.

findings.jsonl is most of what a batch writes (kilobytes per site), so it never crosses a pipe: a worker
keeps a chunk's findings in memory, waits for its turn (chunks are numbered in input order and handed
out in that order, so the turn always comes), appends them to the file and passes the turn on. The
main process only receives the small sites.csv text and counts.
"""

from __future__ import annotations

import io
import multiprocessing
from dataclasses import dataclass
from multiprocessing.context import BaseContext
from multiprocessing.sharedctypes import Synchronized
from pathlib import Path
from typing import Any

from compliance.batch.blocks import BLOCK, BlockFile, End
from compliance.batch.chunks import Chunk
from compliance.batch.rows import ChunkResult, RowAssessor, Settings

WAIT_S = 0.5
"""How often a worker waiting for its turn checks whether the batch was abandoned."""


class Abandoned(Exception):
    """The main process gave up on the batch (an error elsewhere); a waiting worker stops."""


@dataclass
class Turn:
    """Whose turn it is to append to findings.jsonl: shared by the main process and its workers."""

    condition: Any
    next_chunk: Synchronized[int]
    abandoned: Synchronized[int]
    offset: Synchronized[int]
    carry: Any
    """The bytes after the file's last whole block, not yet written (see `batch.blocks`), and their count."""
    carried: Synchronized[int]

    @classmethod
    def create(cls, context: BaseContext) -> Turn:
        def number(code: str) -> Any:
            return context.Value(code, 0, lock=False)

        carry = context.Array("B", BLOCK, lock=False)
        return cls(context.Condition(), number("q"), number("b"), number("q"), carry, number("i"))

    def append(self, number: int, findings: io.BytesIO, handle: BlockFile) -> None:
        with self.condition:
            while self.next_chunk.value != number:
                if self.abandoned.value:
                    raise Abandoned(f"chunk {number}: the batch was abandoned")
                self.condition.wait(WAIT_S)
            with findings.getbuffer() as view:
                self._set_end(handle.append(view, self.end()))
            self.next_chunk.value = number + 1
            self.condition.notify_all()

    def end(self) -> End:
        return End(self.offset.value, bytes(self.carry[: self.carried.value]))

    def _set_end(self, end: End) -> None:
        self.offset.value = end.offset
        self.carry[: len(end.carry)] = end.carry
        self.carried.value = len(end.carry)

    def abandon(self) -> None:
        with self.condition:
            self.abandoned.value = 1
            self.condition.notify_all()


@dataclass
class _Worker:
    assessor: RowAssessor
    turn: Turn
    findings: BlockFile


_WORKER: list[_Worker] = []


def start_worker(settings: Settings, findings: Path, turn: Turn) -> None:
    """Process-pool initializer: one RowAssessor (and engine) per worker, and findings.jsonl to append to."""
    _WORKER.clear()
    _WORKER.append(_Worker(RowAssessor(settings), turn, BlockFile(findings)))


def run_chunk(chunk: Chunk, number: int) -> ChunkResult:
    """In a worker: assess chunk `number`, append its findings in turn, return the rest."""
    worker = _WORKER[0]
    findings = io.BytesIO()
    result = worker.assessor.chunk(chunk, findings)
    worker.turn.append(number, findings, worker.findings)
    return result


def fork_context() -> BaseContext:
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    return multiprocessing.get_context(method)
