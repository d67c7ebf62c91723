"""Progress of a batch on stderr: a live line on a terminal, a plain line every few seconds otherwise."""

from __future__ import annotations

import sys
import time
from typing import TextIO


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}"


class Progress:
    """`update(rows, fraction)` as chunks finish; `finish(rows)` once. Silent when `quiet`."""

    def __init__(self, stream: TextIO | None = None, quiet: bool = False, every: float | None = None) -> None:
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.live = not quiet and self.stream.isatty()
        self.every = every if every is not None else (0.2 if self.live else 10.0)
        self.started = time.perf_counter()
        self._last = self.started

    def _line(self, rows: int, fraction: float | None) -> str:
        elapsed = time.perf_counter() - self.started
        rate = rows / elapsed if elapsed > 0 else 0.0
        text = f"{rows:,} rows  {rate:,.0f} rows/s  {_clock(elapsed)}"
        if fraction is not None and fraction > 0:
            left = elapsed * (1 - fraction) / fraction
            width = 24
            done = int(width * fraction)
            bar = "█" * done + "·" * (width - done)
            text = f"{bar} {fraction:4.0%}  {text}  left {_clock(left)}"
        return text

    def update(self, rows: int, fraction: float | None) -> None:
        now = time.perf_counter()
        if self.quiet or now - self._last < self.every:
            return
        self._last = now
        if self.live:
            self.stream.write("\r" + self._line(rows, fraction) + "\x1b[K")
        else:
            self.stream.write("batch: " + self._line(rows, fraction) + "\n")
        self.stream.flush()

    def stop(self) -> None:
        """End a live line early (the batch stopped), so what is printed next starts on its own line."""
        if self.live and self._last > self.started:
            self.stream.write("\n")
            self.stream.flush()

    def finish(self, rows: int) -> None:
        if self.quiet:
            return
        elapsed = time.perf_counter() - self.started
        rate = rows / elapsed if elapsed > 0 else 0.0
        line = f"{rows:,} rows read and assessed in {elapsed:.1f} s ({rate:,.0f} rows/s)"
        self.stream.write(f"\r{line}\x1b[K\n" if self.live else f"batch: {line}\n")
        self.stream.flush()
