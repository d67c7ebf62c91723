"""How a batch stops before its end: Ctrl-C (SIGINT), SIGTERM, or its findings outgrowing their limit.

While a batch runs, SIGINT and SIGTERM raise `Interrupted` in the main process, wherever it is waiting,
so it can stop its workers and mark what it wrote as incomplete instead of hanging on them. Later
signals are ignored while it does so (a matter of milliseconds). The exit code is 128 + the signal's
number, as a shell reports a process the signal ended: 130 for SIGINT, 143 for SIGTERM.

Once the finished files are all in --out the batch is done: a signal from then on (or one that came while
they were moved, and waited) is noted, not acted on, so the run ends as a finished run does and says in one
line that the signal came after its results were complete (`late_line`). The installed command then ends
its process at once (`end_process`): Python's own ending takes a few tenths of a second with the rule pack
in memory, and puts the default handlers back, so a signal then would end the process by the signal after
all, silently. A caller within a longer-lived process gets its own handlers back when the batch returns.
"""

from __future__ import annotations

import atexit
import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import ClassVar

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class _Late:
    """The signals that came once this run's results were whole in `out`, and whether that was said."""

    out: ClassVar[Path | None] = None
    signals: ClassVar[list[int]] = []
    said: ClassVar[bool] = False
    until_exit: ClassVar[bool] = False
    """The process ends when the command does (the installed `compliance`): the noting lasts until then."""


def _note(signum: int, frame: FrameType | None) -> None:
    _Late.signals.append(signum)


def note_until_exit() -> None:
    """Called by the installed command: once a batch's results are whole, its signals stay noted until
    `end_process`."""
    _Late.until_exit = True


def late_line() -> str | None:
    """One line saying that a signal came after the results were complete, if one did and it was not said yet."""
    if not _Late.signals or _Late.said or _Late.out is None:
        return None
    _Late.said = True
    name, out = signal.Signals(_Late.signals[0]).name, _Late.out
    return (
        f"注意：{name} 在结果已完整写入 {out}/ 之后到达，批处理照常结束 / {name} came after the results were "
        f"complete in {out}/; the batch finished normally"
    )


def end_process(code: int) -> None:
    """In the installed command, after a batch whose results are whole in --out: end the process now, its
    streams flushed and its exit functions run, saying a signal that came since the command's last line. Does
    nothing otherwise."""
    if not (_Late.until_exit and _Late.out is not None):
        return
    try:
        sys.stdout.flush()
        atexit._run_exitfuncs()
        line = late_line()
        if line:
            sys.stderr.write(line + "\n")
        sys.stderr.flush()
    except OSError:  # the reader has gone (`| head`): nothing more to say
        pass
    os._exit(code)


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

    _Late.out, _Late.signals, _Late.said = None, [], False
    for signum in previous:
        signal.signal(signum, interrupt)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            if not (_Late.until_exit and signal.getsignal(signum) is _note):
                signal.signal(signum, handler)


@contextmanager
def signals_held(out: Path) -> Iterator[None]:
    """Within: SIGINT and SIGTERM wait. After, when what was within finished, they are noted (`late_line`), one
    that came meanwhile too; when it failed, one that came is dropped (the failure is what is reported).

    For moving finished results into `out`: a signal then must not leave them half moved, and once they are
    all in place the run is done."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "pthread_sigmask"):
        yield
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    done = False
    try:
        yield
        done = True
        _Late.out = out
    finally:
        for signum in STOP_SIGNALS:
            if signal.getsignal(signum) != signal.SIG_IGN:  # one the batch was started ignoring stays ignored
                signal.signal(signum, _note if done else signal.SIG_IGN)  # SIG_IGN discards a pending one
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
