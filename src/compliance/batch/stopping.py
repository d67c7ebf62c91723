"""How a batch stops before its end: Ctrl-C (SIGINT), SIGTERM, or its findings outgrowing their limit.

While a batch runs, SIGINT and SIGTERM raise `Interrupted` in the main process, wherever it is waiting,
so it can stop its workers and mark what it wrote as incomplete instead of hanging on them. Later
signals are ignored while it does so (a matter of milliseconds). The exit code is 128 + the signal's
number, as a shell reports a process the signal ended: 130 for SIGINT, 143 for SIGTERM.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Interrupted(BaseException):
    """SIGINT or SIGTERM arrived while the batch ran (a BaseException: no `except Exception` swallows it)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name

    @property
    def exit_code(self) -> int:
        return 128 + self.signum


@dataclass
class Stopped(Exception):
    """The batch stopped before its end; what it wrote is kept in `partial`, marked incomplete."""

    reason: str
    rows: int
    partial: Path | None
    """The staging folder with what was written (None when it stopped before writing anything)."""
    out: Path
    exit_code: int

    def line(self) -> str:
        """One line for the user: why and where it stopped, where the incomplete results are."""
        head = f"batch stopped: {self.reason} after {self.rows:,} rows"
        if self.partial is None:
            return f"{head}; nothing was written"
        return (
            f"{head}; what was written is in {self.partial}, marked incomplete "
            f'(manifest.json "complete": false); {self.out} is unchanged'
        )


@contextmanager
def signals_interrupt() -> Iterator[None]:
    """Within: SIGINT and SIGTERM raise Interrupted in the main thread; the first one only. A signal the
    batch was started ignoring (a shell's background job ignores Ctrl-C) stays ignored."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {signum: signal.getsignal(signum) for signum in STOP_SIGNALS}
    previous = {signum: handler for signum, handler in previous.items() if handler != signal.SIG_IGN}

    def interrupt(signum: int, frame: FrameType | None) -> None:
        for stop in previous:
            signal.signal(stop, signal.SIG_IGN)
        raise Interrupted(signum)

    for signum in previous:
        signal.signal(signum, interrupt)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


@contextmanager
def signals_held() -> Iterator[None]:
    """Within: SIGINT and SIGTERM wait; after, one that came is dropped (what was within has finished).

    For moving finished results into place: a signal then must not leave them half moved."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "pthread_sigmask"):
        yield
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    try:
        yield
    finally:
        for signum in STOP_SIGNALS:
            signal.signal(signum, signal.SIG_IGN)  # a pending one is discarded when unblocked
        signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)


def ignore_in_worker() -> None:
    """In a worker process: Ctrl-C (sent to the whole terminal's process group) is the main process's to
    handle, and SIGTERM, which the main process sends to stop a worker, ends it, but only where
    `terminable_in_worker(True)` lets it (see `batch.workers`)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def terminable_in_worker(yes: bool) -> None:
    """Let SIGTERM end this thread's process now (yes), or hold it until the next `terminable_in_worker(True)`."""
    if hasattr(signal, "pthread_sigmask"):  # not on Windows, whose workers are spawned, not forked
        signal.pthread_sigmask(signal.SIG_UNBLOCK if yes else signal.SIG_BLOCK, {signal.SIGTERM})
