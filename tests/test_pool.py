"""The forked pool of --jobs: results in order, work shared with the main process, errors and dead workers
reported; findings and reports cross processes unchanged; stored word sets answer as the lists they hold."""
from __future__ import annotations

import json
import os
import pickle
import signal
import subprocess
import sys
import threading

import pytest

from newslint import build_ruleset
from newslint.config import Config
from newslint.engine import linted
from newslint.findings import Finding, findings_for
from newslint.model import Fix, Position, Violation
from newslint.pool import ForkPool, WorkerDied, fork_available, ordered
from newslint.rules import _wordset
from newslint.run import FileReport
from tests.helpers import ROOT

pytestmark = pytest.mark.skipif(not fork_available(), reason="this platform does not fork")


def _pid_and_square(n: int) -> tuple[int, int]:
    return os.getpid(), n * n


def _fail(n: int) -> int:
    raise ValueError(f"bad item {n}")


def _die(n: int) -> int:
    if os.getpid() != MAIN:
        os.kill(os.getpid(), signal.SIGKILL)
    return n


MAIN = os.getpid()


def _in_a_fresh_process(test) -> None:
    """Run `test` (a function of this module) in a new interpreter: this one may run threads left by
    other tests, and a process with threads forks no worker (see `fork_available`)."""
    code = f"from tests.test_pool import {test.__name__} as t; t()"
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]


def test_results_come_in_order_and_the_main_process_works_too():
    _in_a_fresh_process(_results_come_in_order)


def _results_come_in_order():
    with ForkPool(2) as pool:
        results = list(ordered(lambda n: pool.submit(_pid_and_square, n), range(60), 8))
    assert [square for _, square in results] == [n * n for n in range(60)]
    pids = {pid for pid, _ in results}
    assert os.getpid() in pids and len(pids) == 2  # one forked worker and this process


def test_one_job_runs_everything_here():
    with ForkPool(1) as pool:
        assert {pool.submit(_pid_and_square, n).result()[0] for n in range(5)} == {os.getpid()}


def test_an_error_is_raised_where_its_result_is_asked_for_and_the_pool_still_closes():
    with ForkPool(2) as pool:
        tasks = [pool.submit(_fail if n == 7 else _pid_and_square, n) for n in range(12)]
        assert [t.result()[1] for t in tasks[:7]] == [n * n for n in range(7)]
        with pytest.raises(ValueError, match="bad item 7"):
            tasks[7].result()


def test_a_worker_that_dies_is_reported_not_waited_for():
    _in_a_fresh_process(_a_dead_worker)


def _a_dead_worker():
    with ForkPool(2) as pool, pytest.raises(WorkerDied):
        for task in [pool.submit(_die, n) for n in range(8)]:
            task.result()


# The default rules and NL505 (off by default): findings of several rules, safe and unsafe fixes.
_SAMPLE_RULES = Config().with_overrides(extend_select=("NL505",))


def test_findings_and_reports_cross_processes_unchanged():
    text = "It wasApproved.\n\nPhoto: Reuters\n\nThe vote  is on Monday .\n"
    violations, doc = linted(text, build_ruleset(_SAMPLE_RULES))
    findings = tuple(findings_for("a.txt", violations, doc, unsafe=True))
    assert any(f.violation.fix for f in findings) and len(findings) >= 3
    findings += (findings[0].for_record("r1", 3),
                 # a finding whose edits were not placed crosses as it is
                 Finding("b.txt", Violation("NL1", "x", "m", 0, 2, Fix.delete(0, 2)), Position(1, 1), Position(1, 3)))
    report = FileReport("a.txt", findings, fixed=2, fixed_codes=("NL101", "NL202"))
    assert pickle.loads(pickle.dumps(report)) == report
    with ForkPool(2) as pool:
        assert [t.result() for t in [pool.submit(_same, report) for _ in range(4)]] == [report] * 4


def _same(report: FileReport) -> FileReport:
    return report


def test_findings_sent_as_rows_read_and_write_as_the_findings_themselves():
    from newslint import report as formats
    from newslint.findings import FindingRows

    text = "It wasApproved.\n\nPhoto: Reuters\n\nThe vote  is on Monday .\n"
    violations, doc = linted(text, build_ruleset(_SAMPLE_RULES))
    placed = tuple(findings_for("a \u00e9\".txt", violations, doc, unsafe=False))
    findings = (*placed, placed[0].for_record("r\"1", 3))
    assert any(f.fixable for f in findings) and any(f.needs_unsafe for f in findings)
    rows = FindingRows.of(findings)
    assert isinstance(rows, FindingRows) and len(rows) == len(findings)
    back = pickle.loads(pickle.dumps(rows))
    assert isinstance(back, FindingRows) and back.rows == rows.rows  # crosses as rows, not as objects
    assert back == findings and tuple(back) == findings and back[1:] == findings[1:] and back[0] == findings[0]
    for line in (formats.jsonl_line, formats.text_line, formats.github_line):
        assert FindingRows.of(findings).lines(line) == [line(f) for f in findings]
    assert FindingRows.of(findings).counts() == formats.Counts.of(findings)
    once_made = FindingRows.of(findings)
    assert tuple(once_made) == findings and once_made.rows == ()  # the rows are not kept beside the findings
    assert len(once_made) == len(findings) and once_made.counts() == formats.Counts.of(findings)
    assert once_made.lines(formats.jsonl_line) == [formats.jsonl_line(f) for f in findings]
    assert pickle.loads(pickle.dumps(once_made)).rows == rows.rows
    unplaced = Finding("b.txt", Violation("NL1", "x", "m", 0, 2, Fix.delete(0, 2)), Position(1, 1), Position(1, 3))
    assert FindingRows.of((*findings, unplaced)) == (*findings, unplaced)  # kept as they are
    assert not isinstance(FindingRows.of((unplaced,)), FindingRows) and FindingRows.of(()) == ()


def test_a_stored_word_set_holds_its_words_and_no_other(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path))
    words = [f"w{i}" for i in range(3000)] + ["é", "naïve", ""]
    stored = _wordset.stored_word_set("test-words", lambda: words, ())
    again = _wordset.stored_word_set("test-words", lambda: pytest.fail("built again"), ())  # read from disk
    for found in (stored, again):
        assert all(w in found for w in words)
        assert not any(w in found for w in ("w3000", "W1", "naive", "w1\nw2", 5))


def test_a_stored_word_set_cut_short_is_built_again(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path))
    words = [f"w{i}" for i in range(500)]
    _wordset.stored_word_set("test-cut", lambda: words, ())
    (table,) = (tmp_path / "tables").glob("test-cut-*")
    table.write_bytes(table.read_bytes()[:-40])
    assert all(w in _wordset.stored_word_set("test-cut", lambda: words, ()) for w in words)


_RAN_HERE: list[int] = []


def _first_task_run_by_this_process(n: int) -> tuple[int, int | None]:
    _RAN_HERE.append(n)
    return os.getpid(), _RAN_HERE[0]


def test_workers_are_forked_after_the_first_task_and_inherit_what_it_left():
    _in_a_fresh_process(_forked_after_the_first_task)


def test_no_worker_is_forked_while_another_thread_runs():
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        with ForkPool(2) as pool:
            pids = {pool.submit(_pid_and_square, n).result()[0] for n in range(6)}
    finally:
        stop.set()
        thread.join()
    assert pids == {os.getpid()}


def _forked_after_the_first_task():
    _RAN_HERE.clear()
    with ForkPool(2) as pool:
        results = list(ordered(lambda n: pool.submit(_first_task_run_by_this_process, n), range(40), 8))
    assert results[0] == (os.getpid(), 0)  # the first result is made here, before any worker exists
    assert {first for _, first in results} == {0}  # every worker started with what task 0 left
    assert len({pid for pid, _ in results}) == 2


def test_without_fork_a_process_pool_gives_the_same_reports(tmp_path, monkeypatch):
    from newslint.config import Config
    from newslint.corpus import CorpusOptions, check_corpus
    from newslint.corpus_parallel import Job, check_corpus_jobs
    from newslint.run import RunOptions, check_paths
    from tests.helpers import fixture_corpus

    corpus = str(fixture_corpus(tmp_path / "c.jsonl"))
    folder = tmp_path / "texts"
    folder.mkdir()
    for i, line in enumerate((tmp_path / "c.jsonl").read_text(encoding="utf-8").splitlines()[:40]):
        (folder / f"{i:02}.txt").write_text(json.loads(line)["text"], encoding="utf-8")
    serial_files = check_paths([folder], RunOptions(isolated=True)).findings
    def placed(reports):  # findings without the record they name (the CLI names it for every engine)
        return [[(f.start, f.end, f.violation) for f in r.findings] for r in reports]

    serial_records = placed(check_corpus([corpus], build_ruleset(), CorpusOptions("text", "id")))
    monkeypatch.setattr("newslint.pool.fork_available", lambda: False)
    monkeypatch.setattr("newslint.corpus_parallel.fork_available", lambda: False)
    assert check_paths([folder], RunOptions(isolated=True, jobs=2)).findings == serial_files
    job = Job(Config(), CorpusOptions("text", "id"))
    assert placed(check_corpus_jobs([corpus], job, 2)) == serial_records
    assert len(serial_files) > 20


def test_files_are_cut_into_batches_smaller_and_smaller_at_the_end():
    from newslint.run import LAST_BATCH_SIZE, parallel_batches

    names = [f"{i}.txt" for i in range(300)]
    batches = parallel_batches(names, 2, 2, 16)
    assert [n for b in batches for n in b] == names
    sizes = [len(b) for b in batches]
    assert sizes[:3] == [2, 16, 16] and max(sizes) == 16
    tail = sizes[sizes.index(16, len(sizes) - 12):]  # from the last full batch on
    assert tail == sorted(tail, reverse=True) and len(tail) > 5
    assert min(sizes[1:-1]) >= LAST_BATCH_SIZE
    assert [len(b) for b in parallel_batches(names[:5], 2, 8, 16)] == [5]
    few = [len(b) for b in parallel_batches(names[:40], 4, 0, 32)]  # fewer names than a batch: shared at once
    assert sum(few) == 40 and few[0] == 5 and few == sorted(few, reverse=True) and few[-1] <= LAST_BATCH_SIZE


def test_a_worker_is_given_the_waiting_task_likest_what_it_took():
    from newslint.pool import Task

    pool = ForkPool(3)  # not started: its choices are tested without processes
    pool._seen = [{1, 2, 3}, {10, 11, 12}, {20, 21}]  # this process, worker 1, worker 2
    waiting = [frozenset({20}), frozenset({1, 2}), frozenset({10, 11, 30}), frozenset({20, 21, 10}), frozenset()]
    pool._waiting.extend(Task(pool, n, _same, (n,), keys) for n, keys in enumerate(waiting))
    assert pool._likest(1) == 2  # the oldest is never a worker's: this process may need it next
    assert pool._likest(2) == 3 and pool._likest(0, first=0) == 1
    pool._seen[1] = set()
    assert pool._likest(1) == 1  # nothing alike: the oldest it may take
    pool._took(1, pool._waiting[3])
    assert pool._seen[1] == {20, 21, 10}


def test_content_keys_are_the_longer_lines_of_the_files(tmp_path, monkeypatch):
    from newslint.run import content_keys

    shared = "The council approved the new budget on Monday evening."
    (tmp_path / "a.txt").write_text(f"{shared}\nShort line\n\nAnother long line only this file has in it.\n")
    (tmp_path / "b.txt").write_text(f"Headline\n{shared}\n")
    sampled = content_keys([str(tmp_path / "a.txt")])
    monkeypatch.setattr("newslint.run.KEY_SAMPLE", 0)  # every longer line a key
    a, b = content_keys([str(tmp_path / "a.txt")]), content_keys([str(tmp_path / "b.txt"), str(tmp_path / "none")])
    assert len(a) == 2 and len(b) == 1 and a & b == b and sampled <= a
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)  # opened here, it would block (and its text be taken from the task that checks it)
    assert content_keys([str(pipe), str(tmp_path)]) == frozenset()


_MEMO: dict[int, int] = {}  # a process's memo: task number -> the pid that ran it
_NEW: list[int] = []  # entries made here since the last delta


def _remember(n: int) -> tuple[int, dict[int, int]]:
    _MEMO[n] = os.getpid()
    _NEW.append(n)
    return os.getpid(), dict(_MEMO)


def _memo_delta() -> dict[int, int] | None:
    delta = {n: _MEMO[n] for n in _NEW}
    _NEW.clear()
    return delta or None


def test_memo_entries_travel_to_the_other_processes_and_are_not_sent_back():
    _in_a_fresh_process(_memos_travel)


def _memos_travel():
    from newslint.pool import Memos

    merged: list[dict[int, int]] = []

    def merge(delta: dict[int, int]) -> None:
        merged.append(delta)
        _MEMO.update(delta)

    with ForkPool(2, memos=Memos(_memo_delta, merge)) as pool:
        results = list(ordered(lambda n: pool.submit(_remember, n), range(80), 4))
    here = os.getpid()
    ran = {n: pid for n, (pid, _) in enumerate(results)}
    worker = set(ran.values()) - {here}
    assert len(worker) == 1
    # Each process's last memo holds entries the other made (the ones before the fork aside).
    for pid in (here, *worker):
        memo = next(memo for ran_by, memo in reversed(results) if ran_by == pid)
        assert {made_by for n, made_by in memo.items() if n > 0} == {here, *worker}
        assert all(ran[n] == made_by for n, made_by in memo.items())
    # This process received the worker's entries only, each once: nothing it sent came back.
    received = [n for delta in merged for n in delta]
    assert received and len(received) == len(set(received)) and all(ran[n] != here for n in received)
