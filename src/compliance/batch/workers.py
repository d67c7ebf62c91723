"""The worker processes of a batch: each assesses whole chunks and appends their findings itself.

findings.jsonl is most of what a batch writes (kilobytes per site), so it never crosses a pipe: a worker
keeps a chunk's findings in memory and hands them to its appender thread, which waits for the chunk's
turn (chunks are numbered in input order and handed out in that order, so the turn always comes),
appends them to the file and passes the turn on, while the worker goes on to its next chunk. With
`--findings compact` the chunk's findings.csv rows are appended in the same turn, so both files keep
input order. The main process only receives the small sites.csv text and counts; a failed append is
reported through the turn.

Workers leave Ctrl-C to the main process, which stops them (with SIGTERM) when the batch
is interrupted or fails; a worker whose main process dies is killed by the kernel (Linux), never orphaned.

SIGTERM ends a worker only while it assesses a chunk: everywhere else (sending a chunk's result back, waiting
for the next chunk, appending) it is blocked and waits. A worker ended half-way through sending its result
would leave a partial message in the pool's result pipe, and the pool's reader would wait for the rest of
it for ever (`concurrent.futures` cannot recover from that). A worker stopped while idle is killed by the
main process once the stop has waited `run.STOP_WAIT_S`: idle, it is not writing.
"""

from __future__ import annotations

import ctypes
import io
import multiprocessing
import os
import queue
import signal
import sys
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from multiprocessing import util
from multiprocessing.context import BaseContext
from multiprocessing.sharedctypes import Synchronized
from pathlib import Path
from typing import Any

from compliance.batch.blocks import BLOCK, BlockFile, End, FindingsLimit
from compliance.batch.chunks import Chunk
from compliance.batch.compact import CompactRows
from compliance.batch.rows import ChunkResult, RowAssessor, Settings
from compliance.batch.stopping import ignore_in_worker, terminable_in_worker

WAIT_S = 0.5
"""How often a worker waiting for its turn checks whether the batch was abandoned."""
OVER_LIMIT = -2
"""The failure code of an append refused by the findings limit."""
PR_SET_PDEATHSIG = 1


class Abandoned(Exception):
    """The main process gave up on the batch (an error elsewhere); a waiting worker stops."""


def _number(context: BaseContext, code: str) -> Any:
    return context.Value(code, 0, lock=False)


@dataclass
class SharedEnd:
    """Where the next append to one file goes (a `blocks.End`), in memory the workers share."""

    offset: Synchronized[int]
    carry: Any
    """The bytes after the file's last whole block, not yet written (see `batch.blocks`), and their count."""
    carried: Synchronized[int]

    @classmethod
    def create(cls, context: BaseContext, start: End) -> SharedEnd:
        shared = cls(_number(context, "q"), context.Array("B", BLOCK, lock=False), _number(context, "i"))
        shared.set(start)
        return shared

    def get(self) -> End:
        return End(self.offset.value, bytes(self.carry[: self.carried.value]))

    def set(self, end: End) -> None:
        self.offset.value = end.offset
        self.carry[: len(end.carry)] = end.carry
        self.carried.value = len(end.carry)


@dataclass
class Turn:
    """Whose turn it is to append to the output files (findings.jsonl, and findings.csv when compact):
    shared by the main process and its workers."""

    condition: Any
    next_chunk: Synchronized[int]
    abandoned: Synchronized[int]
    ends: list[SharedEnd]
    """Per file, in the order chunks hand over their parts."""
    failure: Synchronized[int]
    """The errno of an append that failed (-1 when it had none, OVER_LIMIT for the findings limit), else 0."""

    @classmethod
    def create(cls, context: BaseContext, starts: Sequence[End] = (End(),)) -> Turn:
        """`starts`: where each file's appends begin (a file's header may wait in its carry)."""
        ends = [SharedEnd.create(context, start) for start in starts]
        return cls(context.Condition(), _number(context, "q"), _number(context, "b"), ends, _number(context, "i"))

    def append(self, number: int, parts: Sequence[io.BytesIO], files: Sequence[BlockFile]) -> None:
        """Append chunk `number`'s parts, one per file, once the chunks before it are appended."""
        with self.condition:
            while self.next_chunk.value != number:
                if self.abandoned.value:
                    raise Abandoned(f"chunk {number}: the batch was abandoned")
                self.condition.wait(WAIT_S)
            for part, file, end in zip(parts, files, self.ends, strict=True):
                with part.getbuffer() as view:
                    end.set(file.append(view, end.get()))
            self.next_chunk.value = number + 1
            self.condition.notify_all()

    def end(self) -> list[End]:
        """Where each file's appends have reached."""
        return [end.get() for end in self.ends]

    def abandon(self) -> None:
        """Stop the appenders: waiting ones see it within WAIT_S even unwoken, so a lock held by a worker
        that died mid-append (the batch is being stopped) is waited for no longer than that."""
        self.abandoned.value = 1
        if self.condition.acquire(timeout=WAIT_S):
            try:
                self.condition.notify_all()
            finally:
                self.condition.release()

    def fail(self, error: Exception) -> None:
        """An append failed: remember why (its errno, when it has one), and stop the other appenders."""
        with self.condition:
            code = OVER_LIMIT if isinstance(error, FindingsLimit) else getattr(error, "errno", None) or -1
            self.failure.value = code
        self.abandon()

    def check(self, path: Path) -> None:
        """Raise the OSError of a failed append (FindingsLimit for the limit), if one failed."""
        code = self.failure.value
        if code == OVER_LIMIT:
            raise FindingsLimit("a chunk's findings would pass the limit")
        if code:
            reason = os.strerror(code) if code > 0 else "the write failed"
            raise OSError(max(code, 0), f"findings could not be appended: {reason}", str(path))


class _Appender:
    """A worker's thread that appends each chunk's findings in turn, while the worker assesses the next.

    One chunk at a time is handed over: the worker waits for the last to be appended before handing
    over the next, so at most two chunks' findings are in memory (one filling, one being written). A
    failed append is reported through the turn; later chunks are then dropped."""

    def __init__(self, turn: Turn, files: list[BlockFile]) -> None:
        self._turn, self._files = turn, files
        self._chunks: queue.SimpleQueue[tuple[int, list[io.BytesIO]] | None] = queue.SimpleQueue()
        self._free = threading.Semaphore(1)
        self._thread = threading.Thread(target=self._run, name="findings-appender", daemon=True)
        self._thread.start()
        util.Finalize(None, self.close, exitpriority=10)  # the worker process exits only once all are appended

    def put(self, number: int, parts: list[io.BytesIO]) -> None:
        self._free.acquire()
        self._chunks.put((number, parts))

    def close(self) -> None:
        self._chunks.put(None)
        self._thread.join()

    def _run(self) -> None:
        stopped = False
        while (item := self._chunks.get()) is not None:
            number, parts = item
            try:
                if not stopped:
                    self._turn.append(number, parts, self._files)
            except Abandoned:
                stopped = True
            except Exception as error:  # an OSError (disk full) or anything else: never hang the batch on it
                self._turn.fail(error)
                stopped = True
            finally:
                del parts, item
                self._free.release()


@dataclass
class _Worker:
    assessor: RowAssessor
    appender: _Appender
    compact: CompactRows | None


_WORKER: list[_Worker] = []


def start_worker(
    settings: Settings, findings: Path, limit: int | None, compact: Path | None, turn: Turn, parent: int
) -> None:
    """Process-pool initializer: one RowAssessor (and engine) per worker, and findings.jsonl (and
    findings.csv, when `compact`) to append to."""
    ignore_in_worker()
    _die_with(parent)
    terminable_in_worker(False)  # before the appender thread starts: it inherits the mask, so it is never the one ended
    _WORKER.clear()
    assessor = RowAssessor(settings)
    files = [BlockFile(findings, limit)]
    rows = None
    if compact is not None:
        files.append(BlockFile(compact))
        rows = CompactRows(assessor.texts)
    _WORKER.append(_Worker(assessor, _Appender(turn, files), rows))


def _die_with(parent: int) -> None:
    """Ask Linux to kill this worker when the process that forked it dies (even by SIGKILL)."""
    if sys.platform == "linux":
        try:
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            return
    if os.getppid() != parent:  # it died before the request took effect
        os._exit(1)


def run_chunk(chunk: Chunk, number: int, sheet: bool = False) -> ChunkResult:
    """In a worker: assess chunk `number`, hand its findings to be appended in turn, return the rest (with
    the findings' sheet rows when `sheet`)."""
    worker = _WORKER[0]
    findings = io.BytesIO()
    terminable_in_worker(True)  # a SIGTERM that arrived while the worker was sending or waiting ends it here
    try:
        result = worker.assessor.chunk(chunk, findings, worker.compact, sheet)
    finally:
        terminable_in_worker(False)
    parts = [findings] if worker.compact is None else [findings, worker.compact.take()]
    worker.appender.put(number, parts)
    return result


def fork_context() -> BaseContext:
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    return multiprocessing.get_context(method)
