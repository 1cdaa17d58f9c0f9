"""Throughput and peak memory of `newslint check`: files (--jobs 1 and 2, cold and warm cache) and JSON Lines.

The texts of one labelled corpus file (one extractor's JSONL, text in `scraped`) are
written out as one `.txt` file each and as one JSON Lines file, then checked side by side
by the installed `newslint` command, each run a fresh process; peak memory is the
process's maximum resident set size.

    python bench/corpus_speed.py CORPUS_DIR/trafilatura.jsonl [--repeat-large 10] [--fix]

Prints one JSON object a run: documents/s, MB/s (of text), seconds, peak MB. On a shared
machine the figures move with the load; compare runs made together.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

NEWSLINT = str(Path(sys.executable).with_name("newslint"))


def _run(args: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident MB of one `newslint` process."""
    start = time.perf_counter()
    process = subprocess.Popen([NEWSLINT, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):
        raise SystemExit(f"newslint {' '.join(args)} failed: {process.stderr.read().decode()[:500]}")
    return seconds, usage.ru_maxrss / 1024


def _write_inputs(source: Path, folder: Path, repeat: int) -> tuple[int, float]:
    """One .txt per record, one JSONL of all, one JSONL of `repeat` copies; documents and MB of text."""
    texts = []
    with source.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record.get("scraped"):
                texts.append((record["id"], record["scraped"]))
    (folder / "files").mkdir()
    with (folder / "corpus.jsonl").open("w", encoding="utf-8") as jsonl:
        for rid, text in texts:
            (folder / "files" / f"{rid}.txt").write_text(text, encoding="utf-8")
            jsonl.write(json.dumps({"id": rid, "text": text}, ensure_ascii=False) + "\n")
    with (folder / "large.jsonl").open("w", encoding="utf-8") as large:
        for copy in range(repeat):
            for rid, text in texts:
                large.write(json.dumps({"id": f"{copy}-{rid}", "text": text}, ensure_ascii=False) + "\n")
    return len(texts), sum(len(t.encode("utf-8")) for _, t in texts) / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("--repeat-large", type=int, default=10)
    parser.add_argument("--fix", action="store_true", help="fix (files in a copy; JSONL to --fixed-output)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="newslint-speed-"))
    try:
        docs, mb = _write_inputs(args.source, folder, args.repeat_large)
        common = ["--isolated", "--exit-zero", "--quiet", "--ignore", "NL701"]
        fix = ["--fix", "--unsafe-fixes"] if args.fix else []
        cache = str(folder / "cache")
        runs = [
            ("files, --jobs 1", ["check", str(folder / "files"), "--no-cache", "--jobs", "1"], 1),
            ("files, --jobs 2", ["check", str(folder / "files"), "--no-cache", "--jobs", "2"], 1),
            ("files, cold cache", ["check", str(folder / "files"), "--cache-dir", cache], 1),
            ("files, warm cache", ["check", str(folder / "files"), "--cache-dir", cache], 1),
            ("JSONL", ["check", str(folder / "corpus.jsonl")], 1),
            (f"JSONL x{args.repeat_large}", ["check", str(folder / "large.jsonl")], args.repeat_large),
        ]
        for name, run, scale in runs:
            extra = fix
            if args.fix and "jsonl" in run[1]:
                extra = [*fix, "--fixed-output", str(folder / "out.jsonl")]
            elif args.fix:
                shutil.rmtree(folder / "work", ignore_errors=True)
                shutil.copytree(folder / "files", folder / "work")
                run = [run[0], str(folder / "work"), *run[2:]]
            seconds, peak = _run([*run, *common, *extra])
            print(json.dumps({"run": name, "documents": docs * scale, "MB": round(mb * scale, 2),
                              "seconds": round(seconds, 2), "documents/s": round(docs * scale / seconds, 1),
                              "MB/s": round(mb * scale / seconds, 3), "peak MB": round(peak, 1)}), flush=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
