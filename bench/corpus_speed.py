"""Throughput, peak memory and agreement of `newslint check` on corpora: files and JSON Lines, side by side.

The texts of every extractor's file of each labelled corpus (text in `scraped`) are
written out as one `.txt` file each (a folder per extractor) and as one JSON Lines file
(`url` the page, so records are grouped by site), then checked by the installed
`newslint` command, each run a fresh process: files with `--jobs 1`, `--jobs 2`, a cold
and a warm result cache; the JSON Lines file with `--jobs 1`, `--jobs 2` and Dask (a local
cluster of 1 and 2 worker processes); `--repeat-large` copies of the first corpus's JSON
Lines file for peak memory. Every JSON Lines run's report is compared with the `--jobs 1`
report, and with NL701 on, `--jobs 2` and Dask's report and cleaned records with the
single process's. Last, NL701's deletion precision and recall against the line labels,
records grouped by site (bench/recurring_lines.py).

    python bench/corpus_speed.py CORPUS_DIR [CORPUS_DIR ...] [--repeat-large 10] [--only a,b]
        [--no-dask] [--no-precision]

Prints one JSON object a run: documents/s, MB/s (of text), seconds, peak MB (the largest
resident set of the process and its workers). On a shared machine the figures move with
the load (the load average is printed with each run); compare runs made together.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

NEWSLINT = str(Path(sys.executable).with_name("newslint"))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def _run(args: list[str], stdout: Path) -> tuple[float, float]:
    """Wall seconds and peak resident MB of one `newslint` process (the larger of its own and its workers')."""
    start = time.perf_counter()
    with stdout.open("wb") as out:
        process = subprocess.Popen([NEWSLINT, *args], stdout=out, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"newslint {' '.join(args)} failed ({code}): {process.stderr.read().decode()[-800:]}")
    return seconds, usage.ru_maxrss / 1024


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16] if path.exists() else "-"


def _write_inputs(corpus: Path, folder: Path, repeat: int, only: set[str]) -> tuple[int, float]:
    """Files (a folder per extractor), one JSONL of all, one of `repeat` copies; documents and MB of text."""
    texts = []
    for source in sorted(corpus.glob("*.jsonl")):
        if only and source.stem not in only:
            continue
        with source.open(encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                if record.get("scraped"):
                    texts.append((source.stem, record["id"], record.get("site_or_url") or "", record["scraped"]))
    with (folder / "corpus.jsonl").open("w", encoding="utf-8") as jsonl:
        for extractor, rid, url, text in texts:
            (folder / "files" / extractor).mkdir(parents=True, exist_ok=True)
            (folder / "files" / extractor / f"{rid}.txt").write_text(text, encoding="utf-8")
            jsonl.write(json.dumps({"id": f"{extractor}/{rid}", "url": url, "text": text}, ensure_ascii=False) + "\n")
    with (folder / "large.jsonl").open("w", encoding="utf-8") as large:
        for copy in range(repeat):
            for extractor, rid, url, text in texts:
                large.write(json.dumps({"id": f"{copy}/{extractor}/{rid}", "url": url, "text": text},
                                       ensure_ascii=False) + "\n")
    return len(texts), sum(len(t.encode("utf-8")) for *_, t in texts) / 1e6


def _speed_runs(folder: Path, repeat: int, dask: bool) -> list[tuple[str, list[str], int]]:
    files, jsonl, cache = str(folder / "files"), str(folder / "corpus.jsonl"), str(folder / "cache")
    runs = [
        ("files, --jobs 1", ["check", files, "--no-cache", "--jobs", "1"], 1),
        ("files, --jobs 2", ["check", files, "--no-cache", "--jobs", "2"], 1),
        ("files, cold cache", ["check", files, "--cache-dir", cache], 1),
        ("files, warm cache", ["check", files, "--cache-dir", cache], 1),
        ("JSONL, --jobs 1", ["check", jsonl, "--jobs", "1"], 1),
        ("JSONL, --jobs 2", ["check", jsonl, "--jobs", "2"], 1),
    ]
    if dask:
        runs += [("JSONL, Dask 1 worker", ["check", jsonl, "--engine", "dask", "--jobs", "1"], 1),
                 ("JSONL, Dask 2 workers", ["check", jsonl, "--engine", "dask", "--jobs", "2"], 1)]
    if repeat > 1:
        runs.append((f"JSONL x{repeat}, --jobs 1", ["check", str(folder / "large.jsonl"), "--jobs", "1"], repeat))
    return runs


def _load() -> float:
    return round(os.getloadavg()[0], 2)


def bench_corpus(corpus: Path, folder: Path, repeat: int, only: set[str], dask: bool) -> None:
    (folder / "files").mkdir(parents=True)
    docs, mb = _write_inputs(corpus, folder, repeat, only)
    common = ["--isolated", "--exit-zero", "--format", "jsonl"]
    reference = None
    for name, run, scale in _speed_runs(folder, repeat, dask):
        out = folder / "report.jsonl"
        seconds, peak = _run([*run, *common], out)
        row = {"corpus": corpus.name, "run": name, "documents": docs * scale, "MB": round(mb * scale, 2),
               "seconds": round(seconds, 2), "documents/s": round(docs * scale / seconds, 1),
               "MB/s": round(mb * scale / seconds, 3), "peak MB": round(peak, 1), "load": _load()}
        if name.startswith("JSONL,"):
            digest = _digest(out)
            reference = reference or digest
            row["report as --jobs 1"] = digest == reference
        print(json.dumps(row), flush=True)
    # With NL701 and unsafe fixes: the report and the cleaned records of every engine.
    jsonl = str(folder / "corpus.jsonl")
    fixing = [*common, "--extend-select", "NL701", "--fix", "--unsafe-fixes"]
    engines = [("--jobs 1", ["--jobs", "1"]), ("--jobs 2", ["--jobs", "2"])]
    if dask:
        engines.append(("Dask 2 workers", ["--engine", "dask", "--jobs", "2"]))
    digests = {}
    for name, extra in engines:
        cleaned = folder / f"cleaned-{len(digests)}.jsonl"
        _run(["check", jsonl, *fixing, *extra, "--fixed-output", str(cleaned)], folder / "report.jsonl")
        digests[name] = (_digest(folder / "report.jsonl"), _digest(cleaned))
    first = digests["--jobs 1"]
    print(json.dumps({"corpus": corpus.name, "NL701 and unsafe fixes: same report and cleaned records as --jobs 1":
                      {name: d == first for name, d in digests.items() if name != "--jobs 1"}}), flush=True)


def precision(corpus: Path, only: set[str]) -> None:
    """NL701's deletions against the line labels, each extractor's file one run, records grouped by site."""
    from collections import Counter

    from recurring_lines import _row, measure

    total: Counter = Counter()
    for path in sorted(corpus.glob("*.jsonl")):
        if not only or path.stem in only:
            total.update(measure(path, {}, False, 0))
    print(json.dumps({"corpus": corpus.name, "NL701": _row("ALL", total)}), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpora", type=Path, nargs="+")
    parser.add_argument("--repeat-large", type=int, default=10, help="copies of the first corpus, for peak memory")
    parser.add_argument("--only", default="", help="extractors to use (comma-separated)")
    parser.add_argument("--no-dask", action="store_true", help="leave out the Dask runs")
    parser.add_argument("--no-precision", action="store_true", help="leave out NL701's precision and recall")
    args = parser.parse_args()
    only = {name for name in args.only.split(",") if name}
    dask = not args.no_dask
    if dask:
        try:
            import distributed  # noqa: F401
        except ImportError:
            raise SystemExit("the Dask runs need pip install 'newslint[dask]' (or --no-dask)") from None
    for i, corpus in enumerate(args.corpora):
        folder = Path(tempfile.mkdtemp(prefix="newslint-speed-"))
        try:
            bench_corpus(corpus, folder, args.repeat_large if i == 0 else 1, only, dask)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    if not args.no_precision:
        for corpus in args.corpora:
            precision(corpus, only)


if __name__ == "__main__":
    main()
