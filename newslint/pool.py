"""Worker processes forked from the running process, which works too (`--jobs N`).

Why not `ProcessPoolExecutor`: on a run of a few seconds, the fixed costs decide the
speed-up. A forked worker starts with everything the main process has: the modules
imported, the rules built, and (workers are forked once the main process has run a first
task) what that task loaded on first use: word tables, compiled patterns, remembered
words, shared copy-on-write, so it builds nothing.
The main process is one of the N: while the next result it needs is being computed
elsewhere, it takes a waiting task itself, so N jobs keep N cores busy (not N workers and
a main process that mostly waits, and then competes with them for a core when it wakes),
and its own results cross no process boundary. Results come back already pickled (by
the worker's main thread, so a result that cannot be pickled is an error, not a hang).

Memos (`Memos`): what a process's rules learnt while running a task (verdicts on words and
lines met) travels to the other processes, with the result from a worker and with the
next task to a worker, so no process works out again what another already has. A process
takes what arrived just before its next task, never while one runs.

Where forking is not safe (Windows, macOS, a process running other threads),
`fork_available()` is false and callers use `concurrent.futures.ProcessPoolExecutor`.
"""
from __future__ import annotations

import gc
import multiprocessing
import pickle
import signal
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

ASSIGNED_PER_WORKER = 2  # tasks a worker holds: it never waits for the next, nor holds many at the end
SEEN_LIMIT = 1 << 20  # content keys remembered per process (see `ForkPool.submit`), then forgotten
_POLL_SECONDS = 0.5  # how often a waiting main process checks that its workers are alive


def fork_available() -> bool:
    """Whether workers can be forked safely: the platform forks (not macOS, whose system libraries
    may not survive a fork), and this process runs no other thread (a lock held by one at the
    fork would stay held in the worker for ever)."""
    return (sys.platform != "darwin" and "fork" in multiprocessing.get_all_start_methods()
            and threading.active_count() == 1)


def ordered(submit: Callable[[Any], Any], items: Iterable[Any], window: int) -> Iterator[Any]:
    """The results of `submit(item)` futures, in the order of `items`, at most `window` in flight."""
    pending: deque[Any] = deque()
    for item in items:
        pending.append(submit(item))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


class WorkerDied(RuntimeError):
    pass


@dataclass(frozen=True)
class Memos:
    """How the processes of a pool share what their memos learnt: `delta()` gives (picklable)
    what this process's memos learnt since its last call, None when nothing; `merge(delta)` adds
    another process's. Entries must be pure functions of their keys: results never depend on
    whether an entry was made here or arrived."""

    delta: Callable[[], Any]
    merge: Callable[[Any], None]


class Task:
    """A submitted call: run by a worker, or by the main process when it needs the result first."""

    def __init__(self, pool: ForkPool, number: int, function: Callable[..., Any], args: tuple[Any, ...],
                 keys: frozenset[int] = frozenset()) -> None:
        self.pool = pool
        self.number = number
        self.keys = keys  # what its input holds (see `ForkPool.submit`)
        self.function = function
        self.args: tuple[Any, ...] | None = args
        self.done = False
        self.value: Any = None
        self.error: BaseException | None = None

    def result(self) -> Any:
        while not self.done:
            self.pool.work_for(self)
        if self.error is not None:
            raise self.error
        return self.value

    def run_here(self) -> None:
        assert self.args is not None
        try:
            self.value = self.function(*self.args)
        except Exception as exc:
            self.error = exc
        self.args, self.done = None, True


class ForkPool:
    """`processes - 1` forked workers and the main process. Use as a context manager;
    `submit(function, *args)` gives a `Task`, whose `result()` runs it here if no worker has it yet."""

    def __init__(self, processes: int, after_fork: Callable[[], None] | None = None,
                 memos: Memos | None = None) -> None:
        self._processes = processes
        self._after_fork = after_fork  # run first in each worker (to drop what must not be shared)
        self._memos = memos
        self._deltas: list[list[bytes]] = [[]]  # pickled deltas not yet sent to each process, this one first
        self._context = multiprocessing.get_context("fork")
        self._results: Any = None
        self._inboxes: list[Any] = []
        self._workers: list[Any] = []
        self._held: list[int] = []  # tasks each worker holds
        self._seen: list[set[int]] = [set()]  # content keys of the tasks each process took, this one first
        self._waiting: deque[Task] = deque()  # submitted, not yet handed out
        self._running: dict[int, tuple[int, Task]] = {}  # task number: (worker, task)
        self._count = 0
        self._started = False
        self._frozen = False
        # Taken by this process's thread and by the one that collects results (started with the
        # workers), which hands a worker its next task as soon as it sends one back: a worker
        # never waits for this process to finish a task of its own.
        self._lock = threading.Condition()
        self._collector: threading.Thread | None = None

    def _start(self) -> None:
        """Fork the workers, once this process has run a first task: what that task loaded or
        built on first use (word tables, compiled patterns, remembered words) they inherit, not
        make again each. No worker when another thread runs (see `fork_available`)."""
        self._started = True
        if self._processes < 2 or not fork_available():
            return
        # What exists now is shared with the workers page by page until written: their garbage
        # collector must not walk it (which writes to every object, so copies every page).
        gc.freeze()
        self._frozen = True
        if self._memos is not None:
            self._memos.delta()  # the workers inherit what the memos hold now: only later entries travel
        self._results = self._context.Queue()
        for index in range(self._processes - 1):
            inbox = self._context.Queue()
            worker = self._context.Process(target=_serve, args=(inbox, self._results, self._after_fork, self._memos),
                                           daemon=True, name=f"newslint-worker-{index + 1}")
            worker.start()
            self._inboxes.append(inbox)
            self._workers.append(worker)
            self._held.append(0)
            self._seen.append(set())
            self._deltas.append([])
        self._collector = threading.Thread(target=self._collect, name="newslint-results", daemon=True)
        self._collector.start()

    def __enter__(self) -> ForkPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def submit(self, function: Callable[..., Any], *args: Any, keys: frozenset[int] = frozenset()) -> Task:
        """`function(*args)`, run by a worker or here. `keys` (hashes of what its input holds, such as
        its longer lines) steer it to the worker that took tasks of the most alike content: each
        process fills its own memos (words, lines), and a text like one it has checked costs it less."""
        task = Task(self, self._count, function, args, keys)
        self._count += 1
        with self._lock:
            self._waiting.append(task)
            self._hand_out()
        return task

    def _hand_out(self) -> None:
        """Give workers waiting tasks, but the oldest: it is the one this process needs next, and
        runs it itself (so the first result comes as soon as one process can make it)."""
        for index, inbox in enumerate(self._inboxes):
            while len(self._waiting) > 1 and self._held[index] < ASSIGNED_PER_WORKER:
                position = self._likest(index + 1)
                task = self._waiting[position]
                del self._waiting[position]
                self._took(index + 1, task)
                deltas, self._deltas[index + 1] = self._deltas[index + 1], []
                inbox.put((task.number, task.function, task.args, deltas))
                task.args = None
                self._running[task.number] = (index, task)
                self._held[index] += 1

    def _likest(self, process: int, first: int = 1) -> int:
        """The place among the waiting tasks from `first` on (a worker is not given the oldest,
        which this process may need next) of the one whose keys `process` has seen most, less what
        another process has seen of them; ties (and tasks without keys) go to the oldest."""
        seen = self._seen[process]
        others = [keys for i, keys in enumerate(self._seen) if i != process]
        best, best_score = first, 0
        for position in range(first, len(self._waiting)):
            keys = self._waiting[position].keys
            if keys:
                score = len(keys & seen) - max(len(keys & other) for other in others)
                if score > best_score:
                    best, best_score = position, score
        return best

    def _took(self, process: int, task: Task) -> None:
        seen = self._seen[process]
        if len(seen) > SEEN_LIMIT:
            seen.clear()
        seen |= task.keys

    def work_for(self, task: Task) -> None:
        """Make progress towards `task`: run a waiting task here (`task` itself first), else wait
        a moment for the workers."""
        with self._lock:
            if task.done:
                return
            if not self._waiting:
                if not self._workers:
                    raise RuntimeError("a task neither waiting nor held by a worker")
                self._lock.wait(_POLL_SECONDS)
                if not task.done:
                    self._check_alive()
                return
            # The task needed here when it waits, else the waiting one likest what this process took.
            mine = task if task in self._waiting else self._waiting[self._likest(0, first=0)]
            self._waiting.remove(mine)
            if self._workers:
                self._took(0, mine)
            arrived, self._deltas[0] = self._deltas[0], []
        # The lock released: results are collected and tasks handed out meanwhile.
        if self._memos is not None and self._workers:
            _merge(self._memos, arrived)
            mine.run_here()
            delta = _pickled_delta(self._memos)
            with self._lock:
                self._pass_on(0, delta)
        else:
            mine.run_here()
        if not self._started:
            self._start()
            with self._lock:
                self._hand_out()

    def _pass_on(self, process: int, delta: bytes | None) -> None:
        """A delta of `process`'s memos, to go to every other process with its next task (the lock held)."""
        if delta is not None:
            for index, deltas in enumerate(self._deltas):
                if index != process:
                    deltas.append(delta)

    def _collect(self) -> None:
        """The collecting thread: each result as it comes, the worker given its next task."""
        while (message := self._results.get()) is not None:
            number, failed, payload, delta = message
            try:
                value = pickle.loads(payload)
            except Exception as exc:  # a result that cannot be read back is that task's error
                value, failed = exc, True
            with self._lock:
                index, task = self._running.pop(number)
                self._held[index] -= 1
                self._pass_on(index + 1, delta)
                task.error, task.value = (value, None) if failed else (None, value)
                task.done = True
                self._hand_out()
                self._lock.notify_all()

    def _check_alive(self) -> None:
        for index, worker in enumerate(self._workers):
            if self._held[index] and not worker.is_alive():
                raise WorkerDied(f"a worker process stopped (exit code {worker.exitcode})")

    def close(self) -> None:
        """Let workers finish what they hold (no write is cut short), then stop them. Results
        nobody asked for are read and dropped: a worker exits only once its results are sent."""
        if not self._workers:
            self._unfreeze()
            return
        for inbox in self._inboxes:
            inbox.put(None)
        for worker in self._workers:  # the collecting thread reads what they still send
            worker.join()
        self._results.put(None)
        if self._collector is not None:
            self._collector.join()
        for channel in (*self._inboxes, self._results):
            channel.close()
            channel.join_thread()
        self._inboxes, self._workers, self._running, self._collector = [], [], {}, None
        self._unfreeze()

    def _unfreeze(self) -> None:
        if self._frozen:
            gc.unfreeze()
            self._frozen = False


def _serve(inbox: Any, results: Any, after_fork: Callable[[], None] | None, memos: Memos | None = None) -> None:
    """A worker: run tasks until told to stop, sending back each result pickled (with what its
    memos learnt, taking first what the other processes' learnt)."""
    # Ctrl-C reaches the whole process group: the main process alone handles it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if after_fork is not None:
        after_fork()
    while (item := inbox.get()) is not None:
        number, function, args, deltas = item
        if memos is not None:
            _merge(memos, deltas)
        try:
            payload = pickle.dumps(function(*args), protocol=pickle.HIGHEST_PROTOCOL)
            failed = False
        except Exception as exc:
            payload, failed = _pickled_error(exc), True
        results.put((number, failed, payload, _pickled_delta(memos) if memos is not None else None))
    results.close()
    results.join_thread()


def _pickled_delta(memos: Memos) -> bytes | None:
    delta = memos.delta()
    return None if delta is None else pickle.dumps(delta, protocol=pickle.HIGHEST_PROTOCOL)


def _merge(memos: Memos, deltas: list[bytes]) -> None:
    for delta in deltas:
        memos.merge(pickle.loads(delta))


def _pickled_error(exc: Exception) -> bytes:
    try:
        return pickle.dumps(exc, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:
        return pickle.dumps(RuntimeError(f"{type(exc).__name__}: {exc}"))
