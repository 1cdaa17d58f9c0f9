"""A progress line on standard error, drawn only when that is a terminal.

It counts files or records, with the rate and, when the total is known, the time left.
Machine-readable output never sees it: it goes to standard error, and only when a person
watches; findings printed meanwhile are written above it (`above`).
"""
from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Callable, Iterator
from typing import TextIO

REDRAW_SECONDS = 0.1  # at most ten redraws a second: drawing costs more than checking a short text
_CLEAR = "\r\x1b[K"


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


def render(done: int, total: int | None, unit: str, elapsed: float) -> str:
    """`120/1228 files  40.0 files/s  ETA 0:27` (no total: no ETA, no fraction)."""
    rate = done / elapsed if elapsed > 0 else 0.0
    counted = f"{done}/{total}" if total is not None else f"{done}"
    line = f"{counted} {unit}  {rate:.1f} {unit}/s"
    if total is not None and rate > 0:
        line += f"  ETA {_clock(max(total - done, 0) / rate)}"
    return line


class Progress:
    """Counts items and redraws one line on `stream` when it is a terminal, never otherwise."""

    def __init__(self, total: int | None, unit: str, stream: TextIO | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = _is_terminal(self.stream)
        self.total = total
        self.unit = unit
        self.done = 0
        self._clock = clock
        self._start = clock()
        self._drawn_at: float | None = None
        self._shown = False

    def advance(self, n: int = 1) -> None:
        self.done += n
        if not self.enabled:
            return
        now = self._clock()
        if self._drawn_at is None or now - self._drawn_at >= REDRAW_SECONDS or self.done == self.total:
            self._draw(now)

    def _draw(self, now: float) -> None:
        self.stream.write(_CLEAR + render(self.done, self.total, self.unit, now - self._start))
        self.stream.flush()
        self._drawn_at = now
        self._shown = True

    def clear(self) -> None:
        if self.enabled and self._shown:
            self.stream.write(_CLEAR)
            self.stream.flush()
            self._shown = False

    @contextlib.contextmanager
    def above(self) -> Iterator[None]:
        """Print something (findings) with the progress line out of the way, then redraw it."""
        self.clear()
        yield
        if self.enabled and self._drawn_at is not None:
            self._draw(self._clock())

    def close(self) -> None:
        self.clear()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # no isatty, or a closed stream
        return False
