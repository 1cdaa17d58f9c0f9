"""Start-up time and memory of the `newslint` command, side by side with codespell, in one run.

    python bench/startup.py [--runs 7] [--newslint [LABEL=]PATH ...] [FILE]

Each command runs `--runs` times, the commands taking turns, in an empty temporary
directory (no project config). The table gives the median and the fastest wall time, the
median CPU time (user + system) and the peak resident set size. Targets and the ratio to
codespell are judged on the fastest run, the one least disturbed by other work on the
machine (on a busy machine the medians mostly measure the wait for a core). The targets:
`--version`, `--help`, `rules` and `rule CODE` under 0.25 s; one small file end to end
(no result cache) at most 2.5x codespell's time on the same file and under 60 MB.
codespell's row (and the ratio) is left out when codespell is not installed
(`pip install codespell`). FILE defaults to the seed article of the tests (4.6 KB).

Each newslint install is byte-compiled first, as pip compiles an installed package such
as codespell: an editable install run with PYTHONDONTWRITEBYTECODE set would otherwise
compile every module from source on every run (about 0.05 s), a cost no installed copy has.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SMALL_FILE = ROOT / "fixtures" / "articles" / "article-donetsk-north-korea.txt"
QUICK = 0.25  # seconds, for commands that only print
CHECK_RATIO = 2.5  # at most this many times codespell's time
CHECK_MEMORY = 60  # MB


@dataclass(frozen=True)
class Row:
    label: str
    argv: list[str]
    target: str = ""


@dataclass
class Measured:
    times: list[float]
    cpu: list[float]
    peak_kb: int = 0

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def fastest(self) -> float:
        return min(self.times)


def _run(argv: list[str], cwd: str) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (user + system) and peak RSS in KB of one run."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def _rows(commands: list[tuple[str, str]], codespell: str | None, file: str, cache_dir: str) -> list[Row]:
    rows = []
    for label, newslint in commands:
        rows += [
            Row(f"{label} --version", [newslint, "--version"], f"< {QUICK} s"),
            Row(f"{label} --help", [newslint, "--help"], f"< {QUICK} s"),
            Row(f"{label} rules", [newslint, "rules"], f"< {QUICK} s"),
            Row(f"{label} rule NL301", [newslint, "rule", "NL301"], f"< {QUICK} s"),
            Row(f"{label} check FILE", [newslint, "check", "--no-cache", file],
                f"<= {CHECK_RATIO}x codespell, < {CHECK_MEMORY} MB"),
            Row(f"{label} check FILE (cached)",
                [newslint, "check", "--cache-dir", os.path.join(cache_dir, label), file]),
        ]
    if codespell:
        rows.append(Row("codespell FILE", [codespell, file]))
    return rows


def _command(value: str) -> tuple[str, str]:
    """`LABEL=PATH` or `PATH` (labelled `newslint`)."""
    label, sep, path = value.partition("=")
    label, path = (label, path) if sep else ("newslint", value)
    return label, os.path.abspath(path) if os.sep in path else (shutil.which(path) or path)  # runs elsewhere


def _byte_compile(newslint: str) -> None:
    """Compile the modules of the newslint package beside `newslint` (its interpreter's)."""
    python = Path(newslint).with_name("python")
    script = ("import compileall, importlib.util\n"
              "for name in ('newslint', 'newslint.rules'):\n"
              "    for folder in importlib.util.find_spec(name).submodule_search_locations:\n"
              "        compileall.compile_dir(folder, quiet=1)\n")
    if python.exists():
        subprocess.run([str(python), "-c", script], check=False, stdout=subprocess.DEVNULL)


def _verdict(row: Row, m: Measured, codespell: Measured | None) -> str:
    if row.target.startswith("< "):
        return "ok" if m.fastest < QUICK else "SLOW"
    if row.target.startswith("<="):
        within_memory = m.peak_kb / 1024 < CHECK_MEMORY
        if codespell is None:
            return "ok (memory)" if within_memory else "TOO BIG"
        within_time = m.fastest <= CHECK_RATIO * codespell.fastest
        return "ok" if within_time and within_memory else ("SLOW" if not within_time else "TOO BIG")
    return ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file", nargs="?", type=Path, default=SMALL_FILE)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--newslint", action="append", type=_command, metavar="[LABEL=]PATH",
                        help="a newslint command to measure; repeat to compare installs side by side "
                        "(default: the one beside this Python)")
    args = parser.parse_args(argv)
    commands = args.newslint or [("newslint", str(Path(sys.executable).with_name("newslint")))]
    codespell = shutil.which("codespell", path=str(Path(sys.executable).parent)) or shutil.which("codespell")
    for _, newslint in commands:
        _byte_compile(newslint)
    with tempfile.TemporaryDirectory() as work:
        file = shutil.copy(args.file, Path(work) / args.file.name)
        rows = _rows(commands, codespell, os.path.basename(file), os.path.join(work, "cache"))
        measured = {row.label: Measured([], []) for row in rows}
        for _ in range(args.runs):
            for row in rows:
                elapsed, cpu, peak = _run(row.argv, work)
                m = measured[row.label]
                m.times.append(elapsed)
                m.cpu.append(cpu)
                m.peak_kb = max(m.peak_kb, peak)
    base = measured.get("codespell FILE")
    print(f"{args.file.name} ({args.file.stat().st_size:,} bytes), {args.runs} runs each, "
          f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}")
    width = max(len(row.label) for row in rows)
    print(f"{'command':<{width}} {'median s':>8} {'fastest':>8} {'cpu s':>6} {'x codespell':>11} {'peak MB':>7}  "
          "target")
    for row in rows:
        m = measured[row.label]
        ratio = f"{m.fastest / base.fastest:.1f}x" if base else "-"
        verdict = _verdict(row, m, base)
        cpu = statistics.median(m.cpu)
        print(f"{row.label:<{width}} {m.median:>8.3f} {m.fastest:>8.3f} {cpu:>6.3f} {ratio:>11} "
              f"{m.peak_kb / 1024:>7.1f}  {row.target}{'  ' + verdict if verdict else ''}")
    if not base:
        print("codespell is not installed: its row and the ratio are left out (pip install codespell)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
