"""Where the time of a `newslint check --jobs N` run goes, per process and per phase.

    python bench/jobs_phases.py [--out PHASES.json] -- check PATHS --jobs 2 --no-cache --format jsonl ...

Runs the command in this process (its report to /dev/null unless `--report` is given), with
newslint.pool and the run's phases timed: CPU and wall time to the end of the imports, of
finding the files, of building the rules, to the fork; then per process (the main one and each
forked worker) the CPU time of its tasks, of pickling (workers) or reading back (the main
process's collecting thread) results, of passing memos on (making, pickling and merging the
rules' memo deltas, with the MB a worker sent), of writing the report, and the wall time it waited with
nothing to do, with when it finished its last task; last, each rule's CPU time summed over the
processes (what a rule costs more in N processes than in one is work each process does for
itself: memos filled, tables loaded on first use). On a shared machine wall times move with
the load; CPU times much less: compare those. It wraps functions of newslint.pool, newslint.run
and newslint.engine by name, so it follows their code as it is.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import pickle
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

START_WALL = time.perf_counter()

MARKS: list[tuple[str, float, float]] = []  # (phase, wall since start, process CPU)
TASKS: list[dict[str, Any]] = []  # the main process's own tasks
RULE_CPU: dict[str, float] = {}  # CPU time of each rule's checks in this process
TOTALS: dict[str, float] = {"main waiting s": 0.0, "report writing CPU s": 0.0, "main memos CPU s": 0.0}
WORKER_DIR = tempfile.mkdtemp(prefix="newslint-phases-")


def mark(name: str) -> None:
    MARKS.append((name, time.perf_counter() - START_WALL, time.process_time()))


def _patch() -> None:
    from newslint import pool, run, stream

    real_run_here = pool.Task.run_here

    def run_here(self: Any) -> None:
        wall, cpu = time.perf_counter(), time.thread_time()
        real_run_here(self)
        TASKS.append({"task": self.number, "start": wall - START_WALL, "end": time.perf_counter() - START_WALL,
                      "cpu": time.thread_time() - cpu})

    pool.Task.run_here = run_here

    for name in ("_merge", "_pickled_delta"):  # the main process's share of passing memos on
        setattr(pool, name, _main_timed(getattr(pool, name), os.getpid()))

    real_start = pool.ForkPool._start

    def start(self: Any) -> None:
        mark("fork")
        real_start(self)

    pool.ForkPool._start = start

    real_collect = pool.ForkPool._collect

    def collect(self: Any) -> None:
        real_collect(self)
        TOTALS["collecting thread CPU s"] = time.thread_time()

    pool.ForkPool._collect = collect

    real_wait = pool.ForkPool.work_for

    def work_for(self: Any, task: Any) -> None:
        waiting = not self._waiting
        wall = time.perf_counter()
        real_wait(self, task)
        if waiting:
            TOTALS["main waiting s"] += time.perf_counter() - wall

    pool.ForkPool.work_for = work_for
    pool._serve = _serve

    from newslint import engine

    real_checked = engine._checked

    def checked(rule: Any, doc: Any) -> Any:
        cpu = time.thread_time()
        try:
            return real_checked(rule, doc)
        finally:
            RULE_CPU[rule.code] = RULE_CPU.get(rule.code, 0.0) + time.thread_time() - cpu

    engine._checked = checked

    real_collect_paths = run.collect_paths

    def collect_paths(*args: Any, **kwargs: Any) -> Any:
        found = real_collect_paths(*args, **kwargs)
        mark("files found")
        return found

    run.collect_paths = collect_paths
    real_resolve = run.Session.resolve

    def resolve(self: Any, paths: Any) -> None:
        real_resolve(self, paths)
        if not any(name == "rules built" for name, *_ in MARKS):
            mark("rules built")

    run.Session.resolve = resolve

    real_echo = stream.click.echo

    def echo(*args: Any, **kwargs: Any) -> None:
        cpu = time.thread_time()
        real_echo(*args, **kwargs)
        TOTALS["report writing CPU s"] += time.thread_time() - cpu

    stream.click = type("click", (), {"echo": staticmethod(echo)})


def _main_timed(real: Any, main_pid: int) -> Any:
    def timed(*args: Any) -> Any:
        cpu = time.thread_time()
        try:
            return real(*args)
        finally:
            if os.getpid() == main_pid:
                TOTALS["main memos CPU s"] += time.thread_time() - cpu
    return timed


def _serve(inbox: Any, results: Any, after_fork: Any, memos: Any = None) -> None:
    """newslint.pool._serve, timed: what each task costs in CPU, pickling, sharing memos and waiting."""
    import signal

    from newslint import pool

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    born_wall, born_cpu = time.perf_counter(), time.process_time()
    if after_fork is not None:
        after_fork()
    stats: dict[str, Any] = {"pid": os.getpid(), "forked at": born_wall - START_WALL, "tasks": [],
                             "pickle CPU s": 0.0, "memos CPU s": 0.0, "memo MB": 0.0, "waiting s": 0.0}
    while True:
        wall = time.perf_counter()
        item = inbox.get()
        waited = time.perf_counter() - wall
        stats["waiting s"] += waited
        if waited > 0.005:
            stats.setdefault("waits", []).append((round(wall - START_WALL, 3), round(waited, 3)))
        if item is None:
            break
        number, function, args, deltas = item
        cpu = time.thread_time()
        if memos is not None:
            pool._merge(memos, deltas)
        stats["memos CPU s"] += time.thread_time() - cpu
        wall, cpu = time.perf_counter(), time.thread_time()
        try:
            value = function(*args)
            done = time.thread_time()
            payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
            failed = False
        except Exception as exc:
            done = time.thread_time()
            payload, failed = pickle.dumps(RuntimeError(str(exc))), True
        stats["pickle CPU s"] += time.thread_time() - done
        stats["tasks"].append({"task": number, "start": wall - START_WALL, "end": time.perf_counter() - START_WALL,
                               "cpu": done - cpu, "bytes": len(payload)})
        cpu = time.thread_time()
        delta = pool._pickled_delta(memos) if memos is not None else None
        stats["memos CPU s"] += time.thread_time() - cpu
        stats["memo MB"] += len(delta or b"") / 1e6
        results.put((number, failed, payload, delta))
    stats["CPU s"] = time.process_time() - born_cpu
    stats["rule CPU s"] = RULE_CPU
    Path(WORKER_DIR, f"{os.getpid()}.json").write_text(json.dumps(stats))
    results.close()
    results.join_thread()


def summary(wall: float) -> dict[str, Any]:
    workers = [json.loads(p.read_text()) for p in Path(WORKER_DIR).glob("*.json")]
    main_tasks = sum(t["cpu"] for t in TASKS)
    out: dict[str, Any] = {"wall s": round(wall, 3), "load": round(os.getloadavg()[0], 2),
                           "marks (wall s, CPU s)": {n: (round(w, 3), round(c, 3)) for n, w, c in MARKS}}
    times = os.times()
    out["main CPU s"] = round(times.user + times.system, 3)
    out["main tasks"] = len(TASKS)
    out["main task numbers"] = sorted(t["task"] for t in TASKS)
    out["main task CPU s"] = round(main_tasks, 3)
    out["main first tasks CPU s"] = [round(t["cpu"], 3) for t in TASKS[:4]]
    out["main last task end s"] = round(max((t["end"] for t in TASKS), default=0), 3)
    out.update({k: round(v, 3) for k, v in TOTALS.items()})
    # Each rule's CPU time in all processes: what a rule costs more in N processes than in one
    # is work each process does for itself (tables loaded on first use, memos filled).
    rules = dict(RULE_CPU)
    for w in workers:
        for code, cpu in w["rule CPU s"].items():
            rules[code] = rules.get(code, 0.0) + cpu
    out["rule CPU s, all processes"] = {code: round(cpu, 3) for code, cpu in sorted(rules.items())}
    for i, w in enumerate(workers, 1):
        out[f"worker {i}"] = {"forked at s": round(w["forked at"], 3), "CPU s": round(w["CPU s"], 3),
                              "tasks": len(w["tasks"]),
                              "task numbers": sorted(t["task"] for t in w["tasks"]),
                              "task CPU s": round(sum(t["cpu"] for t in w["tasks"]), 3),
                              "pickle CPU s": round(w["pickle CPU s"], 3), "waiting s": round(w["waiting s"], 3),
                              "memos CPU s (delta, merge)": round(w["memos CPU s"], 3),
                              "memo MB sent": round(w["memo MB"], 2),
                              "result MB": round(sum(t["bytes"] for t in w["tasks"]) / 1e6, 2),
                              "waits over 5 ms (at s, s)": w.get("waits", []),
                              "first tasks CPU s": [round(t["cpu"], 3) for t in w["tasks"][:4]],
                              "last task end s": round(max((t["end"] for t in w["tasks"]), default=0), 3)}
    out["all CPU s (os.times, with children)"] = round(times.user + times.system + times.children_user
                                                       + times.children_system, 3)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, help="append the summary as a JSON line here")
    parser.add_argument("--report", type=Path, default=Path(os.devnull), help="where the run's report goes")
    parser.add_argument("args", nargs=argparse.REMAINDER)
    options = parser.parse_args()
    args = options.args[1:] if options.args[:1] == ["--"] else options.args
    from newslint import cli

    mark("imported")
    _patch()
    with options.report.open("w") as report, contextlib.redirect_stdout(report):
        try:
            cli.main.main(args, prog_name="newslint", standalone_mode=False)
        except SystemExit:
            pass
        sys.stdout.flush()
    mark("done")
    TOTALS["main thread CPU s"] = time.thread_time()
    result = summary(time.perf_counter() - START_WALL)
    shutil.rmtree(WORKER_DIR, ignore_errors=True)
    print(json.dumps(result, indent=1))
    if options.out:
        with options.out.open("a") as handle:
            handle.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
