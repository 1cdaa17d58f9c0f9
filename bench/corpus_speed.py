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
        [--no-dask] [--no-precision] [--rounds 3]

Prints one JSON object a run: documents/s, MB/s (of text), seconds, CPU seconds (the
process and its workers), seconds to the first byte of the report, peak MB (the largest
resident set of the process and its workers), whether the report equals the first run's;
then, per corpus, from the fastest of `--rounds` interleaved rounds: the --jobs 2 speed-up
(and its CPU time against --jobs 1's), the warm cache's share of the cold run, Dask's
2 workers against 1, the peak memory of 10x the input against 1x; last NL701's precision
and recall, per extractor and in all. On a shared machine the figures move with the load
(the load average is printed with each run): compare runs made together; the warm cache's
share is given in CPU time too (of each run's least), which moves much less than wall time.
The newslint package is byte-compiled first, as bench/startup.py does (an installed copy is).
Where the time of a `--jobs` run goes, process by process and phase by phase: bench/jobs_phases.py.
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
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

NEWSLINT = str(Path(sys.executable).with_name("newslint"))
GNU_TIME = "/usr/bin/time"
sys.path.insert(0, str(Path(__file__).resolve().parent))


@dataclass(frozen=True)
class Run:
    seconds: float  # wall
    cpu: float  # user and system time of the process and its workers
    first: float  # seconds to the first byte of the report (time to first result)
    peak: float  # peak resident MB (the larger of the process's own and its workers')


def _run(args: list[str], stdout: Path) -> Run:
    """One `newslint` process, its report written to `stdout`. Started by GNU time where there is
    one: a process forked from this one would inherit this one's peak resident set (Linux keeps
    it across exec), so its own would not show below it."""
    timed = os.path.exists(GNU_TIME)
    usage_file = stdout.with_suffix(".usage")
    command = [GNU_TIME, "-f", "%M %U %S", "-o", str(usage_file), NEWSLINT] if timed else [NEWSLINT]
    start = time.perf_counter()
    first = None
    with stdout.open("wb") as out:
        process = subprocess.Popen([*command, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        assert process.stdout is not None
        while chunk := process.stdout.read1(1 << 16):
            first = first if first is not None else time.perf_counter() - start
            out.write(chunk)
        _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"newslint {' '.join(args)} failed ({code}): {process.stderr.read().decode()[-800:]}")
    peak, cpu = usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime
    if timed:
        kilobytes, user, system = usage_file.read_text().split()[-3:]
        peak, cpu = int(kilobytes) / 1024, float(user) + float(system)
    return Run(seconds, cpu, first if first is not None else seconds, peak)


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


def _speed_runs(folder: Path, repeat: int, dask: bool, round_: int) -> list[tuple[str, list[str], int]]:
    files, jsonl, cache = str(folder / "files"), str(folder / "corpus.jsonl"), str(folder / f"cache-{round_}")
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
    if repeat > 1 and round_ == 0:
        runs.append((f"JSONL x{repeat}, --jobs 1", ["check", str(folder / "large.jsonl"), "--jobs", "1"], repeat))
    return runs


def _load() -> float:
    return round(os.getloadavg()[0], 2)


def bench_corpus(corpus: Path, folder: Path, repeat: int, only: set[str], dask: bool, rounds: int) -> None:
    (folder / "files").mkdir(parents=True)
    docs, mb = _write_inputs(corpus, folder, repeat, only)
    common = ["--isolated", "--exit-zero", "--format", "jsonl"]
    references: dict[str, str] = {}
    best: dict[str, Run] = {}
    least_cpu: dict[str, float] = {}
    for round_ in range(rounds):  # the runs interleaved, round after round: the load moves for all alike
        for name, run, scale in _speed_runs(folder, repeat, dask, round_):
            out = folder / "report.jsonl"
            measured = _run([*run, *common], out)
            if name not in best or measured.seconds < best[name].seconds:
                best[name] = measured
            least_cpu[name] = min(least_cpu.get(name, measured.cpu), measured.cpu)
            row = {"corpus": corpus.name, "round": round_ + 1, "run": name, "documents": docs * scale,
                   "MB": round(mb * scale, 2), "seconds": round(measured.seconds, 2),
                   "documents/s": round(docs * scale / measured.seconds, 1),
                   "MB/s": round(mb * scale / measured.seconds, 3), "CPU s": round(measured.cpu, 2),
                   "first result s": round(measured.first, 2), "peak MB": round(measured.peak, 1), "load": _load()}
            # Every files run reports alike, every JSONL run alike (the JSONL runs name records).
            kind = name.split(",")[0]
            if kind in ("files", "JSONL"):  # not the JSONL xN run: N times the findings
                row["report as the first run"] = _digest(out) == references.setdefault(kind, _digest(out))
            print(json.dumps(row), flush=True)
    print(json.dumps({"corpus": corpus.name, "fastest of": rounds, **_ratios(best, least_cpu)}), flush=True)
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


def _ratios(best: dict[str, Run], least_cpu: dict[str, float]) -> dict[str, float]:
    """Speed-ups, the warm cache's share of the cold run and the memory of 10x the input, of the fastest runs;
    the warm cache's share in CPU time too, of each run's least (wall time moves with the load of a
    shared machine, CPU time much less)."""
    ratios = {}
    pairs = {"files: --jobs 2 speed-up": ("files, --jobs 1", "files, --jobs 2"),
             "JSONL: --jobs 2 speed-up": ("JSONL, --jobs 1", "JSONL, --jobs 2"),
             "JSONL: Dask 2 workers / 1 worker": ("JSONL, Dask 1 worker", "JSONL, Dask 2 workers")}
    for label, (one, two) in pairs.items():
        if one in best and two in best:
            ratios[label] = round(best[one].seconds / best[two].seconds, 2)
            ratios[label.replace("speed-up", "CPU time / --jobs 1's")] = round(best[two].cpu / best[one].cpu, 2)
    if "files, cold cache" in best and "files, warm cache" in best:
        ratios["warm cache, % of the cold run"] = round(100 * best["files, warm cache"].seconds
                                                         / best["files, cold cache"].seconds, 1)
        ratios["warm cache, % of the cold run's CPU time"] = round(100 * least_cpu["files, warm cache"]
                                                                   / least_cpu["files, cold cache"], 1)
    large = next((name for name in best if " x" in name), None)
    if large and "JSONL, --jobs 1" in best:
        ratios[f"peak MB, {large.split(',')[0]} / 1x"] = round(best[large].peak / best["JSONL, --jobs 1"].peak, 2)
    return ratios


def precision(corpus: Path, only: set[str]) -> Counter:
    """NL701's deletions against the line labels, each extractor's file one run, records grouped by site."""
    from recurring_lines import _row, measure

    total: Counter = Counter()
    for path in sorted(corpus.glob("*.jsonl")):
        if not only or path.stem in only:
            tally = measure(path, {}, False, 0)
            total.update(tally)
            print(json.dumps({"corpus": corpus.name, "NL701": _row(path.stem, tally)}), flush=True)
    print(json.dumps({"corpus": corpus.name, "NL701": _row("ALL", total)}), flush=True)
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpora", type=Path, nargs="+")
    parser.add_argument("--repeat-large", type=int, default=10, help="copies of the first corpus, for peak memory")
    parser.add_argument("--only", default="", help="extractors to use (comma-separated)")
    parser.add_argument("--no-dask", action="store_true", help="leave out the Dask runs")
    parser.add_argument("--no-precision", action="store_true", help="leave out NL701's precision and recall")
    parser.add_argument("--rounds", type=int, default=1,
                        help="run the speed runs this many times, interleaved; ratios from the fastest of each")
    args = parser.parse_args()
    only = {name for name in args.only.split(",") if name}
    dask = not args.no_dask
    if dask:
        try:
            import distributed  # noqa: F401
        except ImportError:
            raise SystemExit("the Dask runs need pip install 'newslint[dask]' (or --no-dask)") from None
    from startup import _byte_compile

    _byte_compile(NEWSLINT)
    for i, corpus in enumerate(args.corpora):
        folder = Path(tempfile.mkdtemp(prefix="newslint-speed-"))
        try:
            bench_corpus(corpus, folder, args.repeat_large if i == 0 else 1, only, dask, args.rounds)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    if not args.no_precision:
        total: Counter = Counter()
        for corpus in args.corpora:
            total.update(precision(corpus, only))
        if len(args.corpora) > 1:
            from recurring_lines import _row

            print(json.dumps({"corpus": "+".join(c.name for c in args.corpora), "NL701": _row("ALL", total)}))


if __name__ == "__main__":
    main()
