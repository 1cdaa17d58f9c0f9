"""Checking and fixing files: what `newslint check` does, callable from Python."""
from __future__ import annotations

import copyreg
import difflib
import functools
import os
import signal
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newslint.cache import Entry, ResultCache, StoredFindings, config_fingerprint, fixes_allowed
from newslint.config import DEFAULT_INCLUDE, Config, find_config_file, load_config, real_directory
from newslint.errors import ConfigError, InputError, NewslintError
from newslint.findings import FileError, Finding, FindingRows, findings_for
from newslint.model import Violation
from newslint.registry import all_rules
from newslint.report import Counts
from newslint.selection import selected_codes
from newslint.sources import BinaryFile, Source, decode, iter_text_files, read_source, write_source

if TYPE_CHECKING:
    from newslint.document import Document
    from newslint.engine import RuleSet
    from newslint.rule import Rule

# The engine (newslint.engine and the modules it reads) is imported where rules are built
# or run: a run answered from the cache imports none of it.

DEFAULT_EXCLUDE = ("node_modules", "__pycache__", "venv", "site-packages")
BATCH_SIZE = 32
# Files a task of a run in worker processes (the first one smaller: see `_check_parallel`),
# and the least of the last tasks, which are smaller and smaller (see `parallel_batches`): more
# work than it takes the main process to hand a worker its next task.
PARALLEL_BATCH_SIZE, FIRST_BATCH_SIZE, LAST_BATCH_SIZE = 16, 2, 4


@dataclass(frozen=True)
class RunOptions:
    """What the user asked for; `overrides` are Config fields given on the command line."""

    fix: bool = False
    diff: bool = False
    unsafe_fixes: bool | None = None
    config_path: Path | None = None
    isolated: bool = False
    overrides: dict[str, Any] = field(default_factory=dict)
    jobs: int = 1
    encoding: str = "utf-8"  # of the files read (and written back)
    cache_dir: Path | None = None  # where lint results are cached; None: no cache
    force_exclude: bool = False  # exclude applies to paths named explicitly too


@dataclass(frozen=True)
class FileReport:
    path: str
    findings: tuple[Finding, ...] = ()  # what remains (after fixing, when fixing)
    fixed: int = 0
    diff: str = ""
    error: str | None = None
    warning: str | None = None
    output: str | None = None  # fixed text of stdin
    fixed_codes: tuple[str, ...] = ()  # the code of each fix applied (or, with --diff, that would be)


# Reports cross processes (--jobs) as their constructor's arguments, not a class and a dict each.
copyreg.pickle(FileReport, lambda r: (FileReport, (r.path, r.findings, r.fixed, r.diff, r.error, r.warning, r.output,
                                                   r.fixed_codes)))


@dataclass(frozen=True)
class RunResult:
    """What a run found and did: a report per file (or record), in order, and the warnings
    of collecting the files. Each finding knows whether `--fix` would apply its fix."""

    options: RunOptions
    reports: tuple[FileReport, ...]
    warnings: tuple[str, ...] = ()
    configs: tuple[Config, ...] = ()  # the settings in effect, one per config file, options applied
    unit: str = "file"  # what a report is of: a file, or a record of a JSON Lines corpus

    @property
    def findings(self) -> list[Finding]:
        return [f for r in self.reports for f in r.findings]

    def counts(self) -> Counts:
        """The findings' counts for the summary (a cached file's counted from its stored rows)."""
        total = Counts()
        for r in self.reports:
            found = r.findings
            total += found.counts() if isinstance(found, (StoredFindings, FindingRows)) else Counts.of(found)
        return total

    @property
    def errors(self) -> list[FileError]:
        return [FileError.of(r.path, r.error) for r in self.reports if r.error]

    @property
    def fixed(self) -> int:
        return sum(r.fixed for r in self.reports)

    def exit_status(self, *, exit_zero: bool = False, exit_non_zero_on_fix: bool = False) -> int:
        """2: a file could not be checked; 1: findings remain (with --diff: a file would change),
        or, with `exit_non_zero_on_fix`, a file was fixed; else 0."""
        if self.errors:
            return 2
        if exit_zero:
            status = 0
        elif self.options.diff:  # as with --fix, what the diff cannot fix does not count
            status = int(any(r.diff for r in self.reports))
        else:
            status = int(any(r.findings for r in self.reports))
        return 1 if exit_non_zero_on_fix and status == 0 and self.fixed else status


class Session:
    """Configs and rule sets of one run, built once per config file and reused for every file."""

    def __init__(self, options: RunOptions) -> None:
        self.options = options
        self._configs: dict[Path | None, Config] = {}
        self._by_directory: dict[Path, Config] = {}
        self._by_given: dict[Path | None, Config] = {}
        self._rulesets: dict[Path | None, RuleSet] = {}
        self._caches: dict[Path | None, ResultCache | None] = {}

    def config_for(self, path: Path) -> Config:
        """The config that applies to `path`: found and read once per directory."""
        if self.options.isolated:
            return self._with_overrides(None, Config)
        if self.options.config_path:
            return self._with_overrides(self.options.config_path, load_config)
        given = path.parent if path.name else None
        if given not in self._by_given:  # a folder as named is resolved once: each file asks several times
            directory = path.parent.resolve() if path.name else Path.cwd()
            if directory not in self._by_directory:
                found = find_config_file(directory)
                self._by_directory[directory] = self._with_overrides(found, load_config if found else Config)
            self._by_given[given] = self._by_directory[directory]
        return self._by_given[given]

    def _with_overrides(self, key: Path | None, load: Callable[..., Config]) -> Config:
        """The config, the command line's settings applied: `unsafe_fixes` is resolved here, once."""
        if key not in self._configs:
            config = load(key) if key else load()
            self._configs[key] = config.with_overrides(**self.options.overrides, unsafe_fixes=self.options.unsafe_fixes)
        return self._configs[key]

    @property
    def configs(self) -> tuple[Config, ...]:
        return tuple(self._configs.values())

    def ruleset_for(self, config: Config) -> RuleSet:
        """The rules of `config`, built the first time they are needed: a run answered from the
        cache builds none (see `resolve`)."""
        if config.path not in self._rulesets:
            from newslint.engine import build_ruleset

            self._rulesets[config.path] = build_ruleset(config)
        return self._rulesets[config.path]

    def cache_for(self, config: Config) -> ResultCache | None:
        """The result cache of `config`'s rule set, found without building it; none when a rule's
        findings depend on other files (NL701)."""
        if self.options.cache_dir is None:
            return None
        if config.path not in self._caches:
            self._caches[config.path] = self._new_cache(config)
        return self._caches[config.path]

    def _new_cache(self, config: Config) -> ResultCache | None:
        registry = all_rules()
        codes = selected_codes(config, registry)  # a selector error is raised here, as in building
        if any(registry[code].spec.learns_across_documents is not False for code in codes):
            # A rule learns across documents, or an older manifest does not say: ask the classes.
            if any(r.learns_across_documents for r in self.ruleset_for(config).rules):
                return None
        fingerprint = config_fingerprint(config, registry, codes)
        return ResultCache(self.options.cache_dir, fingerprint) if fingerprint and self.options.cache_dir else None

    def learns(self, config: Config) -> bool:
        """Whether a rule of `config` learns across documents; a config with a cache has none."""
        if self.cache_for(config) is not None:
            return False
        return any(r.learns_across_documents for r in self.ruleset_for(config).rules)

    def for_one_process(self) -> Session:
        """A session that checks files in one process (`jobs` 1), with this one's configs and rule
        sets (built once, shared with forked workers) and caches of its own (a database connection
        is never used across a fork)."""
        worker = Session(replace(self.options, jobs=1))
        worker._configs, worker._by_directory, worker._by_given = self._configs, self._by_directory, self._by_given
        worker._rulesets = self._rulesets
        return worker

    def close(self) -> None:
        for ruleset in self._rulesets.values():
            ruleset.close()

    def memo_delta(self) -> tuple[tuple[Path | None, Any], ...] | None:
        """What the rule sets' memos learnt since the last call, by config (see `Rule.memo_delta`)."""
        from newslint.engine import memo_deltas

        return memo_deltas(self._rulesets)

    def memo_merge(self, deltas: tuple[tuple[Path | None, Any], ...]) -> None:
        """Take `memo_delta` of the session of another process of the run."""
        from newslint.engine import merge_memo_deltas

        merge_memo_deltas(self._rulesets, deltas)

    def resolve(self, paths: Iterable[Path]) -> None:
        """Find and check the config and build the rule set of every path, before any file is
        read or written: a config error stops the run with nothing changed.

        A check run skips building the rules of a config whose cache vouches for them (entries
        exist only for rules once built without error, see `ResultCache.vouches_for_rules`):
        they are built when a file is not answered from the cache. Fix and diff runs build
        every rule set first, whatever the cache holds."""
        fixing = self.options.fix or self.options.diff
        for config in {id(c): c for c in map(self.config_for, paths)}.values():
            cache = self.cache_for(config)
            if fixing or cache is None or not cache.vouches_for_rules():
                self.ruleset_for(config)

    def excluded(self, path: Path, config: Config) -> bool:
        return config.matches(path, (*DEFAULT_EXCLUDE, *config.exclude, *config.extend_exclude))

    def force_excluded(self, path: Path) -> bool:
        """A path named explicitly that --force-exclude skips (pre-commit names every file)."""
        if not self.options.force_exclude:
            return False
        return self.excluded(path, self.config_for(path / "_" if path.is_dir() else path))


def collect_paths(session: Session, paths: Sequence[str]) -> tuple[list[Path], list[str]]:
    """Files to check, each once, and warnings. A path that does not exist is kept: reading
    it reports it, and the other files are checked."""
    files: list[Path] = []
    warnings: list[str] = []
    for name in paths:
        path = Path(name)
        if session.force_excluded(path):
            continue
        if path.is_dir():
            config = session.config_for(path / "_")
            excluded = functools.partial(session.excluded, config=config)
            included = functools.partial(config.matches, patterns=config.include or DEFAULT_INCLUDE)
            found = iter_text_files(path, included, excluded)
            if not found:
                warnings.append(f"{name}: no text files to check (looked for {', '.join(config.include)})")
            files.extend(found)
        else:
            files.append(path)
    return _once_each(files), warnings


def _once_each(files: list[Path]) -> list[Path]:
    """`files` without repeats of one file (by resolved path, links followed), first spelling kept:
    a file fixed twice in one run would be refused as changed by someone else."""
    seen: set[str] = set()
    unique = []
    for path in files:
        key = _real_path(path)
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique


def _real_path(path: Path) -> str:
    """`os.path.realpath(path)`, through the resolved directory (resolved once per directory):
    the same answer for a file that is no link, without walking its path component by component."""
    directory, name = os.path.split(os.path.abspath(path))
    if name and not os.path.islink(path):
        return os.path.join(real_directory(directory), name)
    return os.path.realpath(path)


def _diff(path: str, before: str, after: str) -> str:
    lines = difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                 f"a/{path}", f"b/{path}")
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


def process_source(session: Session, source: Source, *, to_stdout: bool = False,
                   doc: Document | None = None) -> FileReport:
    """Lint one decoded file, fixing it (or diffing the fixes) when asked; `doc`: its document
    as `make_document` made it, when already made."""
    config = session.config_for(Path(source.path))
    unsafe = config.unsafe_fixes  # resolved once, into the session's configs
    cache = session.cache_for(config)
    if not (session.options.fix or session.options.diff):
        return _checked(session, source, config, cache, doc)
    known = cache.entry(source.path, source.text) if cache else None
    if _answers(known, fixing=True, unsafe=unsafe):  # nothing to fix: as checked
        return FileReport(source.path, _answered(known, unsafe))
    from newslint.document import Document
    from newslint.engine import fix_text

    result = fix_text(source.text, _focused(session, config, source.path), source.path, unsafe=unsafe, doc=doc)
    findings = _placed(source.path, result.remaining, result.doc or Document(result.text), result.text, unsafe=unsafe)
    fixed = {"fixed": len(result.fixed), "fixed_codes": tuple(v.code for v in result.fixed)}
    changed = result.text != source.text
    if session.options.diff:
        return FileReport(source.path, findings, diff=_diff(source.path, source.text, result.text) if changed else "",
                          **fixed)
    if to_stdout:
        return FileReport(source.path, findings, output=source.encode(result.text).decode(source.encoding), **fixed)
    if changed:
        try:
            write_source(source, result.text)
        except InputError as exc:  # the file is as it was: report what is in it, not what the fix left
            return replace(_checked(session, source, config, None), error=str(exc))
    if cache:  # what remains is the lint result of the text now in the file: the next run finds it
        cache.store(source.path, result.text, result.remaining, findings)
    return FileReport(source.path, findings, **fixed)


def _focused(session: Session, config: Config, path: str) -> RuleSet:
    """The rule set of `config`, its rules that learn across documents told the site of `path`."""
    ruleset = session.ruleset_for(config)
    for rule in ruleset.rules:
        if rule.learns_across_documents:
            rule.focus(file_site(path))
    return ruleset


def _checked(session: Session, source: Source, config: Config, cache: ResultCache | None,
             doc: Document | None = None) -> FileReport:
    """The report of a file checked, not fixed: from the cache when it holds it (the rules are
    then not needed, nor built)."""
    unsafe = config.unsafe_fixes
    known = cache.entry(source.path, source.text) if cache else None
    if known is not None:
        return FileReport(source.path, _answered(known, unsafe))
    from newslint.engine import linted

    violations, doc = linted(source.text, _focused(session, config, source.path), source.path, doc=doc)
    findings = _placed(source.path, violations, doc, source.text, unsafe=unsafe)
    if cache:
        cache.store(source.path, source.text, violations, findings)
    return FileReport(source.path, findings)


def _answers(known: Entry | None, *, fixing: bool, unsafe: bool) -> bool:
    """Whether a cache entry stands for the file's whole report: it exists, and when fixing,
    holds no fix the run would apply."""
    return known is not None and not (fixing and fixes_allowed(known.violations, unsafe))


def _answered(entry: Entry, unsafe: bool) -> Sequence[Finding]:
    """The findings of a file the cache answered, as its check placed them."""
    return entry.findings(unsafe)


def _placed(path: str, violations: Iterable[Violation], doc: Document, text: str | None = None, *,
            unsafe: bool) -> tuple[Finding, ...]:
    """Findings placed in the document the rules saw (its line index reused), fixability resolved;
    `text` is the text itself, when the document blanked parts of it out."""
    return tuple(findings_for(path, violations, doc, text=text, unsafe=unsafe))


def _prepare(session: Session, sources: list[Source]) -> list[Document]:
    """Give rules that batch outside calls (grammar servers) the documents ahead of time;
    the documents, in the order of `sources`, which the first check of each then reuses."""
    from newslint.engine import make_document

    made = []
    by_ruleset: dict[int, tuple[RuleSet, list[Document]]] = {}
    for source in sources:
        config = session.config_for(Path(source.path))
        ruleset = session.ruleset_for(config)
        made.append(make_document(source.text, source.path, config))
        by_ruleset.setdefault(id(ruleset), (ruleset, []))[1].append(made[-1])
    for ruleset, docs in by_ruleset.values():
        ruleset.prepare(docs)
    return made


def _not_cached(session: Session, sources: list[Source]) -> list[Source]:
    """The sources the rules must see: the cache is asked about a whole batch in one query, and
    a file it answers (with nothing to fix, when fixing) is not prepared for the rules."""
    by_cache: dict[int, tuple[ResultCache, list[Source]]] = {}
    for source in sources:
        cache = session.cache_for(session.config_for(Path(source.path)))
        if cache is not None:
            by_cache.setdefault(id(cache), (cache, []))[1].append(source)
    answered: set[int] = set()
    fixing = session.options.fix or session.options.diff
    for cache, group in by_cache.values():
        for source, known in zip(group, cache.prefetch([(s.path, s.text) for s in group])):
            if _answers(known, fixing=fixing, unsafe=session.config_for(Path(source.path)).unsafe_fixes):
                answered.add(id(source))
    return [s for s in sources if id(s) not in answered]


def _read_or_report(path: str, encoding: str = "utf-8") -> Source | FileReport:
    try:
        return read_source(path, encoding)
    except BinaryFile as exc:
        return FileReport(path, warning=str(exc))
    except InputError as exc:
        return FileReport(path, error=str(exc))


def _check_one(session: Session, item: Source | FileReport, doc: Document | None = None) -> FileReport:
    if isinstance(item, FileReport):
        return item
    try:
        return process_source(session, item, doc=doc)
    except ConfigError:
        raise  # a missing precondition stops the run once, not once per file
    except NewslintError as exc:
        return FileReport(item.path, error=str(exc))


def file_site(path: str) -> str:
    """The site of a file, for rules that learn across documents: its folder."""
    return str(Path(path).parent)


def _learn(session: Session, files: Sequence[Path]) -> bool:
    """A first pass over `files` for rules that learn across documents; whether any did.

    Files that cannot be read are left out here and reported by the checking pass."""
    configs = {id(c): c for c in map(session.config_for, files)}
    if not any(session.learns(c) for c in configs.values()):
        return False
    for path in files:
        item = _read_or_report(str(path), session.options.encoding)
        if isinstance(item, Source):
            for rule in session.ruleset_for(session.config_for(path)).rules:
                if rule.learns_across_documents:
                    rule.learn(file_site(item.path), item.text)
    return True


def holds_session(rule: Rule) -> bool:
    """Whether `rule` holds an outside session for the run (it releases one in `close`): a run
    with it stays in one process, where one session serves every file."""
    from newslint.rule import Rule

    return type(rule).close is not Rule.close


def check_files(session: Session, files: Sequence[Path]) -> Iterator[FileReport]:
    """Reports for `files` in order, serially or in worker processes.

    With a rule that learns across documents (NL701), the files are read twice, in this
    process: once to learn, once to check."""
    session.resolve(files)
    learned = _learn(session, files)
    if session.options.jobs != 1 and len(files) > BATCH_SIZE and not learned:
        rulesets = {id(r): r for r in (session.ruleset_for(session.config_for(p)) for p in files)}
        if not any(holds_session(rule) for r in rulesets.values() for rule in r.rules):
            yield from _check_parallel(session, files)
            return
    for i in range(0, len(files), BATCH_SIZE):
        batch = [_read_or_report(str(p), session.options.encoding) for p in files[i : i + BATCH_SIZE]]
        sources = _not_cached(session, [s for s in batch if isinstance(s, Source)])
        docs = dict(zip(map(id, sources), _prepare(session, sources))) if sources else {}
        for item in batch:
            yield _check_one(session, item, docs.get(id(item)))


_WORKER: Session | None = None


def _worker_start(options: RunOptions) -> None:
    global _WORKER
    # Ctrl-C reaches the whole process group: the main process alone handles it (it starts
    # no new batch), and workers finish the batch they hold, so no write is cut short.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER = Session(options)
    _in_worker()


def _worker_check(paths: list[str]) -> list[FileReport]:
    assert _WORKER is not None
    reports = check_files(_WORKER, [Path(p) for p in paths])
    if not _IN_WORKER:  # the main process's own: written from the findings made, never pickled
        return list(reports)
    # Sent back as rows: the process writing every report reads them back for a fraction of
    # making each finding's objects (see `FindingRows`).
    return [replace(r, findings=FindingRows.of(r.findings)) if r.findings else r for r in reports]


_IN_WORKER = False  # set in worker processes, whose results are pickled


def _worker_memo_delta() -> Any:
    assert _WORKER is not None
    return _WORKER.memo_delta()


def _worker_memo_merge(deltas: Any) -> None:
    assert _WORKER is not None
    _WORKER.memo_merge(deltas)


_INHERITED: list[Session] = []


def _own_caches() -> None:
    """In a forked worker: a session of its own, sharing the rules and configs. The inherited one
    may hold the cache database open; SQLite forbids using (or closing) it across a fork, so it is
    only kept, never used (the worker leaves without freeing anything)."""
    global _WORKER
    assert _WORKER is not None
    _INHERITED.append(_WORKER)
    _WORKER = _WORKER.for_one_process()
    _in_worker()


def _in_worker() -> None:
    global _IN_WORKER
    _IN_WORKER = True


KEYED_LINE = 24  # bytes a line needs to be a content key: shorter ones are common to all texts
KEY_SAMPLE = 3  # a line's hash is a key when these low bits are 0: a quarter of the lines tell alike texts
KEY_BYTES = 1 << 16  # what is read of each file for its keys


def content_keys(names: list[str]) -> frozenset[int]:
    """Hashes of the longer lines of the files `names` (their first KEY_BYTES): the pool gives a
    batch to the process that checked most of its lines before (see `ForkPool.submit`), whose memos
    then serve it. The file is read again by the task that checks it (from the system's cache)."""
    keys = set()
    for name in names:
        if not os.path.isfile(name):
            continue  # a pipe is read once, by the task; what cannot be read, the task reports
        try:
            with open(name, "rb") as handle:
                head = handle.read(KEY_BYTES)
        except OSError:
            continue
        keys.update(hash(line) for line in head.splitlines() if len(line) >= KEYED_LINE)
    return frozenset(key for key in keys if not key & KEY_SAMPLE)


def parallel_batches(names: list[str], jobs: int, first: int, size: int) -> list[list[str]]:
    """`names` cut into consecutive batches: `first` names (none if 0), then `size` each, but the
    last ones smaller and smaller, each about a `2 * jobs`-th of what is left (down to
    LAST_BATCH_SIZE): the processes finish together, none idle while another checks a whole
    batch at the end (guided self-scheduling)."""
    batches = [names[:first]] if first else []
    start = min(first, len(names))
    while start < len(names):
        left = len(names) - start
        step = max(LAST_BATCH_SIZE, min(size, -(-left // (2 * jobs))))
        batches.append(names[start : start + step])
        start += step
    return batches


def _check_parallel(session: Session, files: Sequence[Path]) -> Iterator[FileReport]:
    global _WORKER
    options = session.options
    jobs = options.jobs if options.jobs > 0 else (os.cpu_count() or 1)
    from newslint.pool import ForkPool, Memos, fork_available, ordered  # multiprocessing: for parallel runs only

    # The first batch is small: workers are forked once it is done (see newslint.pool), and until
    # then this process works alone.
    first = FIRST_BATCH_SIZE if fork_available() else 0
    chunks = parallel_batches([str(p) for p in files], jobs, first, PARALLEL_BATCH_SIZE if first else BATCH_SIZE)

    if fork_available():
        # Forked workers (and this process, which works too) start with the rules built and
        # the configs found: a session of one process that shares them, its caches its own.
        _WORKER = session.for_one_process()
        with ForkPool(jobs, after_fork=_own_caches, memos=Memos(_worker_memo_delta, _worker_memo_merge)) as pool:
            yield from (r for reports in ordered(lambda c: pool.submit(_worker_check, c, keys=content_keys(c)),
                                                 chunks, 8 * jobs)
                        for r in reports)
        return
    from concurrent.futures import ProcessPoolExecutor

    serial = replace(options, jobs=1)
    with ProcessPoolExecutor(jobs, initializer=_worker_start, initargs=(serial,)) as executor:
        for reports in executor.map(_worker_check, chunks):
            yield from reports


def check_stdin(session: Session, data: bytes, filename: str) -> FileReport:
    try:
        source = decode(data, filename, session.options.encoding)
    except InputError as exc:
        return FileReport(filename, error=str(exc))
    if session.force_excluded(Path(filename)):  # when fixing, the text goes through unchanged
        unchanged = source.encode(source.text).decode(source.encoding)
        return FileReport(filename, output=unchanged if session.options.fix else None)
    return process_source(session, source, to_stdout=session.options.fix)


def check_paths(paths: Sequence[str | os.PathLike[str]], options: RunOptions | None = None) -> RunResult:
    """Check (or fix, or diff) files and directories as `newslint check PATHS` does.

    The config and rule set of every file are resolved before any file is read or
    written, so a config error (raised as `ConfigError`) leaves every file as it was. A
    file that cannot be read, or a rule that fails on it, is an error in its report."""
    options = options or RunOptions()
    session = Session(options)
    try:
        files, warnings = collect_paths(session, [os.fspath(p) for p in paths])
        return RunResult(options, tuple(check_files(session, files)), tuple(warnings), session.configs)
    finally:
        session.close()
