"""The progress line: drawn on a terminal only, out of the way of findings."""
from __future__ import annotations

import io

from newslint.progress import Progress, render


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_render_counts_rate_and_time_left():
    assert render(120, 1200, "files", 3.0) == "120/1200 files  40.0 files/s  ETA 0:27"
    assert render(50, None, "records", 2.0) == "50 records  25.0 records/s"
    assert render(0, 10, "files", 0.0) == "0/10 files  0.0 files/s"
    assert render(1, 7201, "files", 1.0).endswith("ETA 2:00:00")


def test_nothing_is_drawn_when_not_a_terminal():
    stream = io.StringIO()
    progress = Progress(3, "files", stream)
    for _ in range(3):
        progress.advance()
    progress.close()
    assert stream.getvalue() == "" and progress.done == 3


def test_redraws_are_throttled_and_the_line_is_cleared_at_the_end():
    stream, clock = Terminal(), Clock()
    progress = Progress(100, "files", stream, clock)
    progress.advance()
    clock.now += 0.01
    progress.advance()  # too soon: not drawn
    clock.now += 1.0
    progress.advance()
    progress.close()
    out = stream.getvalue()
    assert out.count("files/s") == 2 and "3/100 files" in out
    assert out.endswith("\r\x1b[K")


def test_findings_are_printed_above_the_line():
    stream, clock = Terminal(), Clock()
    progress = Progress(None, "records", stream, clock)
    progress.advance()
    with progress.above():
        stream.write("a.txt:1:1: NL101 finding\n")
    out = stream.getvalue()
    # Cleared before the finding, redrawn after it.
    assert "\r\x1b[Ka.txt:1:1: NL101 finding\n\r\x1b[K1 records" in out
