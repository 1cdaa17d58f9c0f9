"""Checking JSON Lines corpora in batches of records, in worker processes (`--jobs`) or on a Dask cluster.

The main process reads the input and hands out batches of raw lines, in order; a worker
parses and checks them with a rule set it builds once (per worker thread) and keeps. The
reports come back in input order, with at most a few batches in flight, so memory stays
flat whatever the size of the input.

Rules that learn across documents (NL701) need every record before they judge one: a
first pass has the workers `observe` each record (hash its lines), and the main process
`absorb`s the observations in input order, which gives exactly the counts a single
process learns; a second pass checks the records with those counts.
"""
from __future__ import annotations

import contextlib
import copyreg
import dataclasses
import os
import pickle
import shutil
import sys
import tempfile
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import IO, Any

from newslint.config import Config
from newslint.corpus import STDIN, CorpusOptions, Record, RecordReport, check_record, open_lines, parse_record
from newslint.engine import RuleSet, build_ruleset, memo_deltas, merge_memo_deltas
from newslint.errors import NewslintError
from newslint.findings import FindingRows
from newslint.model import Edit, Fix, Position, Violation
from newslint.pool import ForkPool, Memos, fork_available, ordered
from newslint.rule import Rule
from newslint.run import KEY_SAMPLE, KEYED_LINE

BATCH_RECORDS = 64
# With forked workers (newslint.pool): they start once the first batch is done, and smaller
# batches keep any process from waiting long for the others' last ones at the end.
FIRST_BATCH_RECORDS, FORKED_BATCH_RECORDS = 4, 32
BATCH_BYTES = 1 << 20  # a batch is cut at this many bytes of input too: a few huge records are one batch
# The least of the last, shrinking batches (see `batches`): a few records, more work than it takes
# the main process to hand a worker its next batch, so that a worker never waits for one.
LAST_BATCH_BYTES = 1 << 15


@dataclass(frozen=True)
class Job:
    """What a worker needs to check records the way the run does."""

    config: Config
    options: CorpusOptions = CorpusOptions()
    fix: bool = False
    unsafe: bool = False


@dataclass(frozen=True)
class Batch:
    """Consecutive lines of one input, the first at line `first_line`."""

    path: str
    first_line: int
    lines: tuple[bytes, ...]


def _as_arguments(cls: type) -> None:
    """Pickle `cls` (a dataclass) as its constructor's arguments: reports cross processes by the
    thousand, and this halves what pickle's default (a class and a dict each) costs both ways."""
    names = tuple(f.name for f in dataclasses.fields(cls))
    if all(f.init for f in dataclasses.fields(cls)):
        copyreg.pickle(cls, lambda obj: (cls, tuple(getattr(obj, name) for name in names)))


for _cls in (Record, RecordReport, Violation, Fix, Edit, Position):  # Finding: see newslint.findings
    _as_arguments(_cls)


def learners(ruleset: RuleSet) -> tuple[Rule, ...]:
    return tuple(r for r in ruleset.rules if r.learns_across_documents)


def not_distributable(ruleset: RuleSet) -> str | None:
    """Why workers cannot run `ruleset` as one process does; None when they can."""
    for rule in ruleset.rules:
        # A rule holding an outside resource (a grammar server, closed by `close`) stays in one process.
        if getattr(rule, "single_process", False) or type(rule).close is not Rule.close:
            return f"{rule.code} runs in one process only: leave it out to check in parallel"
        if rule.learns_across_documents and not (hasattr(rule, "observe") and hasattr(rule, "absorb")):
            return f"{rule.code} learns across documents but cannot learn in parallel"
    return None


def check_distributable(ruleset: RuleSet) -> None:
    """Refuse a rule set that workers cannot run as one process does."""
    reason = not_distributable(ruleset)
    if reason:
        raise NewslintError(reason)


def batches(paths: Iterable[str], stdin: IO[bytes] | None = None, first_records: int | None = None,
            records: int | None = None, jobs: int = 0) -> Iterator[Batch]:
    """The lines of every input, in order, cut into batches of `records` (the very first of
    `first_records`, if given). With `jobs` processes and inputs of known size (files, not
    compressed), the last batches are smaller and smaller, each at most a `2 * jobs`-th of
    the bytes left: the processes finish together (as `newslint.run.parallel_batches`)."""
    paths = list(paths)
    records = records or BATCH_RECORDS
    limit = first_records or records
    left = _input_bytes(paths) if jobs else None
    for path in paths:
        with open_lines(path, stdin) as handle:
            lines: list[bytes] = []
            size, first = 0, 1
            most = BATCH_BYTES if left is None else _tail_bytes(left, jobs)
            for number, raw in enumerate(handle, 1):
                lines.append(raw)
                size += len(raw)
                if len(lines) >= limit or size >= most:
                    limit = records
                    yield Batch(path, first, tuple(lines))
                    if left is not None:
                        left -= size
                        most = _tail_bytes(left, jobs)
                    lines, size, first = [], 0, number + 1
            if lines:
                yield Batch(path, first, tuple(lines))
                if left is not None:
                    left -= size


def _tail_bytes(left: int, jobs: int) -> int:
    """The bytes a batch may hold when `left` bytes of input are left for `jobs` processes."""
    return min(BATCH_BYTES, max(LAST_BATCH_BYTES, left // (2 * jobs)))


def _input_bytes(paths: list[str]) -> int | None:
    """The bytes of lines in `paths`, when every one is a regular file read as it is (not standard
    input, a pipe or a compressed file); else None."""
    if any(p == STDIN or p.lower().endswith(".gz") or not os.path.isfile(p) for p in paths):
        return None  # a path that cannot be read is reported when it is read
    try:
        return sum(os.path.getsize(p) for p in paths)
    except OSError:
        return None


def record_keys(batch: Batch) -> frozenset[int]:
    """Hashes of the longer lines of a batch's records (as `newslint.run.content_keys` for files),
    taken from the raw JSON: a line of the text ends at an escaped line feed."""
    keys = {hash(line) for raw in batch.lines for line in raw.split(b"\\n") if len(line) >= KEYED_LINE}
    return frozenset(key for key in keys if not key & KEY_SAMPLE)


def records_of(batch: Batch, options: CorpusOptions) -> Iterator[Record]:
    for offset, raw in enumerate(batch.lines):
        yield parse_record(batch.path, batch.first_line + offset, raw, options)


# Rule sets built in this process, one per thread (a rule keeps state between calls) and config.
_LOCAL = threading.local()
BUILT: Counter[int] = Counter()  # rule sets built in this process, per thread


def worker_ruleset(config: Config) -> RuleSet:
    """The rule set of `config`, built once in this worker (thread) and kept."""
    built = getattr(_LOCAL, "rulesets", None)
    if built is None:
        built = _LOCAL.rulesets = {}
    key = pickle.dumps(config)
    if key not in built:
        built[key] = build_ruleset(config)
        BUILT[threading.get_ident()] += 1
    return built[key]


def memo_delta() -> tuple[tuple[bytes, Any], ...] | None:
    """What the memos of this thread's rule sets learnt since the last call, by config (see `Rule.memo_delta`)."""
    return memo_deltas(getattr(_LOCAL, "rulesets", {}))


def memo_merge(deltas: tuple[tuple[bytes, Any], ...]) -> None:
    """Take `memo_delta` of another process's rule sets."""
    merge_memo_deltas(getattr(_LOCAL, "rulesets", {}), deltas)


def observe_batch(job: Job, batch: Batch) -> list[tuple[Any, ...]]:
    """The first pass over one batch: each checkable record as every learning rule observes it."""
    rules = learners(worker_ruleset(job.config))
    return [tuple(rule.observe(r.site, r.text) for rule in rules)
            for r in records_of(batch, job.options) if r.text is not None]


def absorb(knowledge: tuple[Any, ...] | None, observations: list[tuple[Any, ...]], rules: tuple[Rule, ...]
           ) -> tuple[Any, ...]:
    """`knowledge` (one item per learning rule) with a batch's observations added, in order."""
    known = list(knowledge) if knowledge is not None else [None] * len(rules)
    for seen in observations:
        for i, (rule, observation) in enumerate(zip(rules, seen)):
            known[i] = rule.absorb(known[i], observation)
    return tuple(known)


def check_batch(job: Job, batch: Batch, knowledge: tuple[Any, ...] | None = None) -> list[RecordReport]:
    """The reports of one batch's records, as `check_corpus` gives them."""
    ruleset = worker_ruleset(job.config)
    if knowledge is not None:
        for rule, known in zip(learners(ruleset), knowledge):
            rule.learn_from(known)
    reports = []
    for record in records_of(batch, job.options):
        report = check_record(record, ruleset, fix=job.fix, unsafe=job.unsafe)
        # The findings name their record here, not in the process that gathers every report, and
        # travel as rows, which that process reads back for less than the findings' objects.
        findings = FindingRows.of(tuple(f.for_record(record.id, record.line) for f in report.findings))
        # What the gathering process needs of the record: the raw line and fields only to write the
        # fixed output, never the text (the fixed text is the report's). Less to send back.
        record = replace(record, text=None) if job.fix else replace(record, raw=b"", data=None, text=None)
        reports.append(replace(report, record=record, findings=findings))
    return reports


@dataclass(frozen=True)
class Executor:
    """Where batches run: `submit(function, *args)` gives a future; `share(value)` a value every task may take."""

    submit: Callable[..., Any]
    share: Callable[[Any], Any]
    window: int
    first_records: int | None = None  # records of the run's very first batch (default: as the others)
    records: int | None = None  # records a batch (default: BATCH_RECORDS)
    jobs: int = 0  # processes sharing the batches: the last ones are made smaller (see `batches`); 0: not


def run_batches(executor: Executor, paths: list[str], job: Job, stdin: IO[bytes] | None = None
                ) -> Iterator[RecordReport]:
    """Reports for every record of `paths`, in input order; two passes when a rule learns across documents."""
    # The run's errors (a bad option) surface here, once; forked workers inherit the rule set built.
    ruleset = worker_ruleset(job.config)
    check_distributable(ruleset)
    rules = learners(ruleset)
    with _rereadable(paths, stdin, twice=bool(rules)) as (paths, stdin):
        shared = None
        if rules:
            knowledge = None
            for observed in ordered(lambda b: executor.submit(observe_batch, job, b),
                                    batches(paths, stdin, executor.first_records, executor.records, executor.jobs),
                                    executor.window):
                knowledge = absorb(knowledge, observed, rules)
            # Always shared, even empty: a worker's rules must not keep what an earlier run taught them.
            shared = executor.share(knowledge if knowledge is not None else (None,) * len(rules))
            if stdin is not None and STDIN in paths:  # spooled: read it again from its start
                stdin.seek(0)
        first = None if rules else executor.first_records
        for reports in ordered(lambda b: executor.submit(check_batch, job, b, shared),
                               batches(paths, stdin, first, executor.records, executor.jobs), executor.window):
            yield from reports


@contextlib.contextmanager
def _rereadable(paths: list[str], stdin: IO[bytes] | None, *, twice: bool
                ) -> Iterator[tuple[list[str], IO[bytes] | None]]:
    """Standard input spooled to a temporary file when it is to be read twice."""
    if not (twice and STDIN in paths):
        yield paths, stdin
        return
    with tempfile.TemporaryFile() as copy:
        shutil.copyfileobj(stdin if stdin is not None else sys.stdin.buffer, copy, 1 << 20)
        copy.seek(0)
        yield paths, copy


# --jobs N: worker processes of this machine.
_KNOWN: dict[str, Any] = {}


def _load_shared(path: str) -> Any:
    if path not in _KNOWN:
        _KNOWN.clear()
        with open(path, "rb") as handle:
            _KNOWN[path] = pickle.load(handle)
    return _KNOWN[path]


def _check_batch_shared(job: Job, batch: Batch, shared: str | None) -> list[RecordReport]:
    return check_batch(job, batch, _load_shared(shared) if shared else None)


def _worker_start() -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the main process alone handles Ctrl-C


def check_corpus_jobs(paths: list[str], job: Job, jobs: int, stdin: IO[bytes] | None = None
                      ) -> Iterator[RecordReport]:
    """`check_corpus` (or `fix_corpus`'s reports) in `jobs` processes of this machine: this one and
    forked workers (see newslint.pool), else `jobs` worker processes of a `ProcessPoolExecutor`."""
    jobs = jobs if jobs > 0 else (os.cpu_count() or 1)
    worker_ruleset(job.config)  # built here before the workers start: forked, they inherit it
    with tempfile.TemporaryDirectory(prefix="newslint-") as folder, _pool(jobs) as pool:
        def share(knowledge: Any) -> str:
            # Written once, read once by each worker: not sent with every batch.
            path = os.path.join(folder, "knowledge.pickle")
            with open(path, "wb") as handle:
                pickle.dump(knowledge, handle, protocol=pickle.HIGHEST_PROTOCOL)
            return path

        def submit(function: Callable[..., Any], *args: Any) -> Any:
            if function is check_batch:
                if isinstance(pool, ForkPool):  # to the process that checked the likest records
                    return pool.submit(_check_batch_shared, *args, keys=record_keys(args[1]))
                return pool.submit(_check_batch_shared, *args)
            return pool.submit(function, *args)

        forked = isinstance(pool, ForkPool)
        sizes = (FIRST_BATCH_RECORDS, FORKED_BATCH_RECORDS) if forked else (None, None)
        yield from run_batches(Executor(submit, share, 8 * jobs, *sizes, jobs), paths, job, stdin)


def _pool(jobs: int) -> Any:
    if fork_available():
        return ForkPool(jobs, memos=Memos(memo_delta, memo_merge))
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(jobs, initializer=_worker_start)
