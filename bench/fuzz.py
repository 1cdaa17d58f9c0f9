#!/usr/bin/env python3
"""A long fuzzing run: the property tests with many examples, the CLI on mutated files, huge inputs.

Three parts, each optional:

1. properties: `tests/test_properties.py` and `tests/test_bad_input.py` under the
   hypothesis profile `fuzz` (random, not derandomized; `--scale` times the CI example
   counts), with hypothesis' statistics parsed into examples tried per test.
2. cli: for `--minutes`, batches of files made from the corpus texts given as arguments
   (JSONL records with a `scraped` field, or .txt/.md files), each mutated the way real
   files go wrong (flipped and inserted bytes, a cut in the middle of a character, NULs,
   BOMs, UTF-16, CRLF or mixed line ends, no final newline, duplicated lines, stray
   control characters), then `python -m newslint check --fix --unsafe-fixes` on the
   batch, as a user runs it (serial, or `--jobs 2` every other batch). Checked: the exit
   status is 0, 1 or 2; stderr holds only `newslint: error|warning:` lines and no
   traceback; every file newslint could not decode is byte-for-byte intact; no temp file
   is left; a second `--fix` changes nothing. A failing batch is kept under `--keep`.
3. big: a 100 MB file of article text (checked, then fixed) and a 10 MB single line,
   with wall time and the peak memory of the newslint process.

Usage (from the project root):
    python bench/fuzz.py path/to/corpus/*.jsonl --minutes 20
    python bench/fuzz.py path/to/corpus --skip-properties --skip-big --minutes 5
    python bench/fuzz.py --skip-cli --scale 100      # properties only, 100 x the CI examples

Exit status 1 if anything failed.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMP_SUFFIX = ".newslint-tmp"


# ---- 1. property tests ----

def run_properties(scale: int, keep: Path) -> tuple[int, int, list[str]]:
    """(examples tried, failing tests, failure summaries) of the property tests under the fuzz profile."""
    env = {**os.environ, "NEWSLINT_HYPOTHESIS_PROFILE": "fuzz", "NEWSLINT_FUZZ_SCALE": str(scale)}
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--hypothesis-show-statistics",
               "tests/test_properties.py", "tests/test_bad_input.py", "-k", "not ctrl_c and not ten_megabyte"]
    proc = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    (keep / "properties.log").write_text(proc.stdout + proc.stderr, encoding="utf-8")
    tried = sum(int(a) + int(b) for a, b in re.findall(r"(\d+) passing, (\d+) failing", proc.stdout))
    failures = re.findall(r"^FAILED (.*)$", proc.stdout, re.M)
    if proc.returncode not in (0, 1) and not failures:
        failures = [f"pytest exited {proc.returncode}"]
    return tried, len(failures), failures


# ---- 2. the CLI on mutated files ----

def corpus_texts(paths: list[Path]) -> list[str]:
    texts = []
    for path in paths:
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for file in files:
            if file.suffix == ".jsonl":
                for line in file.read_text(encoding="utf-8").splitlines():
                    record = json.loads(line)
                    if record.get("scraped"):
                        texts.append(record["scraped"])
            elif file.suffix in (".txt", ".md"):
                texts.append(file.read_text(encoding="utf-8", errors="replace"))
    return texts


def _flip(data: bytes, rng: random.Random) -> bytes:
    if not data:
        return data
    i = rng.randrange(len(data))
    return data[:i] + bytes([data[i] ^ (1 << rng.randrange(8))]) + data[i + 1 :]


def _insert(data: bytes, rng: random.Random) -> bytes:
    i = rng.randrange(len(data) + 1)
    return data[:i] + rng.randbytes(rng.randint(1, 6)) + data[i:]


def _cut(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def _nul(data: bytes, rng: random.Random) -> bytes:
    i = rng.randrange(len(data) + 1)
    return data[:i] + b"\x00" + data[i:]


def _controls(data: bytes, rng: random.Random) -> bytes:
    text = data.decode("utf-8", errors="surrogateescape")
    for _ in range(rng.randint(1, 5)):
        i = rng.randrange(len(text) + 1)
        text = text[:i] + rng.choice("\x0b\x0c\r\u0085\u2028\u2029\u200b\ufeff\u00ad\x1b\x7f") + text[i:]
    return text.encode("utf-8", errors="surrogateescape")


def _crlf(data: bytes, rng: random.Random) -> bytes:
    return data.replace(b"\n", b"\r\n")


def _mixed(data: bytes, rng: random.Random) -> bytes:
    return b"".join(line + (b"\r\n" if rng.random() < 0.5 else b"\n") for line in data.split(b"\n"))


def _bom(data: bytes, rng: random.Random) -> bytes:
    return b"\xef\xbb\xbf" + data


def _utf16(data: bytes, rng: random.Random) -> bytes:
    return data.decode("utf-8", errors="replace").encode(rng.choice(["utf-16", "utf-16-le", "utf-32"]))


def _no_final_newline(data: bytes, rng: random.Random) -> bytes:
    return data.rstrip(b"\r\n")


def _duplicate_lines(data: bytes, rng: random.Random) -> bytes:
    lines = data.split(b"\n")
    i = rng.randrange(len(lines))
    return b"\n".join(lines[: i + 1] + lines[i : i + rng.randint(1, 4)] + lines[i + 1 :])


MUTATIONS = (_flip, _insert, _cut, _nul, _controls, _crlf, _mixed, _bom, _utf16, _no_final_newline,
             _duplicate_lines)
WEIGHTS = (3, 3, 2, 1, 3, 2, 2, 1, 1, 2, 2)


def mutated(text: str, rng: random.Random) -> bytes:
    data = text.encode("utf-8")
    if rng.random() < 0.3 and len(data) > 4000:  # keep most files small, some whole
        start = rng.randrange(len(data) - 2000)
        data = data[start : start + rng.randint(200, 4000)]
    for _ in range(rng.randint(0, 3)):
        data = rng.choices(MUTATIONS, WEIGHTS)[0](data, rng)
    return data


def _decodable(data: bytes) -> bool:
    sys.path.insert(0, str(ROOT))
    from newslint.sources import decode

    try:
        decode(data, "x")
    except Exception:
        return False
    return True


def _run_cli(directory: Path, jobs: str) -> subprocess.CompletedProcess[bytes]:
    command = [sys.executable, "-m", "newslint", "check", "--isolated", "--fix", "--unsafe-fixes", "--jobs", jobs,
               "--format", "json", str(directory)]
    return subprocess.run(command, capture_output=True, timeout=1800, cwd=directory)


def _batch_problems(directory: Path, originals: dict[str, bytes], jobs: str) -> list[str]:
    problems = []
    first = _run_cli(directory, jobs)
    stderr = first.stderr.decode("utf-8", errors="replace")
    if first.returncode not in (0, 1, 2):
        problems.append(f"exit status {first.returncode}")
    if "Traceback" in stderr:
        problems.append("traceback: " + stderr[-2000:])
    for line in stderr.splitlines():
        if not line.startswith(("newslint: error: ", "newslint: warning: ")):
            problems.append(f"stray stderr line: {line[:200]}")
            break
    for name, data in originals.items():
        if not _decodable(data) and (directory / name).read_bytes() != data:
            problems.append(f"{name}: undecodable file was changed")
    if list(directory.glob(f"*{TEMP_SUFFIX}")) or list(directory.glob(f".*{TEMP_SUFFIX}")):
        problems.append("temp file left behind")
    before = {p.name: p.read_bytes() for p in directory.iterdir()}
    second = _run_cli(directory, "1")
    after = {p.name: p.read_bytes() for p in directory.iterdir()}
    if second.returncode not in (0, 1, 2) or b"Traceback" in second.stderr:
        problems.append(f"second run: exit {second.returncode}: {second.stderr.decode(errors='replace')[-500:]}")
    changed = [n for n in before if before[n] != after.get(n)]
    if changed:
        problems.append(f"second --fix changed {len(changed)} file(s), e.g. {changed[0]}")
    return problems


def run_cli_fuzz(texts: list[str], minutes: float, batch: int, seed: int, keep: Path) -> tuple[int, int, list[str]]:
    """(files tried, failing batches, failure summaries)."""
    rng = random.Random(seed)
    deadline = time.monotonic() + minutes * 60
    tried, failing, summaries, round_ = 0, 0, [], 0
    while time.monotonic() < deadline:
        round_ += 1
        with tempfile.TemporaryDirectory(prefix="newslint-fuzz-") as tmp:
            directory = Path(tmp)
            originals = {}
            for i in range(batch):
                name = f"{i:04d}" + rng.choice([".txt", ".txt", ".md"])
                originals[name] = mutated(rng.choice(texts), rng)
                (directory / name).write_bytes(originals[name])
            problems = _batch_problems(directory, originals, "2" if round_ % 2 == 0 else "1")
            tried += batch
            if problems:
                failing += 1
                saved = keep / f"batch-{round_:04d}"
                saved.mkdir(parents=True, exist_ok=True)
                for name, data in originals.items():
                    (saved / name).write_bytes(data)
                summaries.append(f"round {round_} (inputs in {saved}): " + "; ".join(problems)[:1000])
    return tried, failing, summaries


# ---- 3. huge inputs ----

def _timed_run(*args: str) -> tuple[float, float, int, str]:
    """(seconds, peak MB, exit status, last stderr line) of one newslint run."""
    started = time.monotonic()
    with tempfile.TemporaryFile() as errors:
        child = subprocess.Popen([sys.executable, "-m", "newslint", *args], stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        last = errors.read().decode(errors="replace").strip().splitlines()[-1:] or [""]
    return time.monotonic() - started, usage.ru_maxrss / 1024, child.returncode, last[0]


def run_big(texts: list[str], keep: Path) -> list[str]:
    rows = []
    sample = "\n\n".join(texts[:200]) if texts else (ROOT / "fixtures" / "articles").joinpath(
        "article-donetsk-north-korea.txt").read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory(prefix="newslint-big-") as tmp:
        big = Path(tmp) / "big.txt"
        with big.open("w", encoding="utf-8") as handle:
            written = 0
            while written < 100_000_000:
                handle.write(sample + "\n\n")
                written += len(sample.encode("utf-8")) + 2
        line = Path(tmp) / "line.txt"
        words = " ".join(sample.split()) + " "
        line.write_text((words * (1 + 10_000_000 // len(words)))[:10_000_000], encoding="utf-8")
        for label, path, extra in (("100 MB file, check", big, ()), ("100 MB file, --fix", big, ("--fix",)),
                                   ("10 MB single line, --fix", line, ("--fix",))):
            size = path.stat().st_size / 1e6
            seconds, peak, status, last = _timed_run("check", "--isolated", "--statistics", *extra, str(path))
            rows.append(f"{label}: {size:.0f} MB, {seconds:.1f} s, peak RSS {peak:.0f} MB, exit {status}"
                        + (f", stderr: {last}" if "Traceback" in last or status not in (0, 1) else ""))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="*", type=Path, help="JSONL files (field `scraped`), text files or directories")
    parser.add_argument("--minutes", type=float, default=10.0, help="time for the CLI fuzzing (default 10)")
    parser.add_argument("--batch", type=int, default=48, help="files per CLI run (default 48)")
    parser.add_argument("--scale", type=int, default=50, help="property examples: this many times the CI count")
    parser.add_argument("--seed", type=int, default=int(time.time()), help="random seed of the CLI fuzzing")
    parser.add_argument("--keep", type=Path, default=Path(tempfile.gettempdir()) / "newslint-fuzz-failures",
                        help="where failing inputs and logs are kept")
    parser.add_argument("--skip-properties", action="store_true")
    parser.add_argument("--skip-cli", action="store_true")
    parser.add_argument("--skip-big", action="store_true")
    args = parser.parse_args(argv)
    args.keep.mkdir(parents=True, exist_ok=True)
    failed = False
    started = time.monotonic()
    if not args.skip_properties:
        tried, failing, failures = run_properties(args.scale, args.keep)
        print(f"properties: {tried} examples tried, {failing} failing test(s)  (log: {args.keep / 'properties.log'})")
        for failure in failures:
            print(f"  FAILED {failure}")
        failed |= failing > 0
    texts = corpus_texts(args.corpus)
    if not args.skip_cli:
        if not texts:
            parser.error("the CLI fuzzing needs corpus texts (JSONL files or text files)")
        tried, failing, summaries = run_cli_fuzz(texts, args.minutes, args.batch, args.seed, args.keep)
        print(f"cli: {tried} mutated files in {tried // args.batch} runs (seed {args.seed}), "
              f"{failing} failing run(s)")
        for summary in summaries:
            print(f"  {summary}")
        failed |= failing > 0
    if not args.skip_big:
        for row in run_big(texts, args.keep):
            print(f"big: {row}")
            failed |= "stderr:" in row
    print(f"total time {time.monotonic() - started:.0f} s")
    if not any(args.keep.iterdir()):
        shutil.rmtree(args.keep)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
