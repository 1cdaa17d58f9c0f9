"""A cache of lint results, so that a second run over unchanged files answers at once.

An entry is keyed by everything a result depends on: the text, the path it is checked
under (per-file-ignores, Markdown), the newslint version, the rules that run with their
options and the code that defines them, and the settings that change findings. Entries
are JSON rows of one SQLite database in the cache directory (`NEWSLINT_CACHE_DIR`, else
`$XDG_CACHE_HOME/newslint`, else `~/.cache/newslint`), each with a checksum of its data: an
entry that does not read back exactly as written is deleted and computed again, and a
database file that is damaged is replaced: never trusted.
"""
from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import json
import os
import sqlite3
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from json.encoder import encode_basestring as _string  # JSON string, non-ASCII kept as is
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newslint import __version__, report
from newslint.config import Config
from newslint.findings import Finding, LazyFindings, findings_for
from newslint.model import Applicability, Edit, Fix, Position, Violation
from newslint.registry import RuleInfo

if TYPE_CHECKING:
    from newslint.engine import RuleSet

CACHE_ENV = "NEWSLINT_CACHE_DIR"
FORMAT = 5  # bumped when the layout of an entry changes
DATABASE = "results.sqlite3"
_KEYS_PER_QUERY = 500  # well below SQLite's limit on the parameters of one statement


def default_directory() -> Path:
    """`NEWSLINT_CACHE_DIR`, else `$XDG_CACHE_HOME/newslint`, else `~/.cache/newslint`."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "newslint"


def _file_stamps(root: str) -> list[str]:
    """Path, modification time and size of every file under `root` (or of `root`, a file)."""
    if os.path.isfile(root):
        info = os.stat(root)
        return [f"{root}:{info.st_mtime_ns}:{info.st_size}"]
    stamps = []
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = sorted(d for d in subfolders if d != "__pycache__" and not d.startswith("."))
        for name in sorted(files):
            item = os.path.join(folder, name)
            with contextlib.suppress(OSError):
                info = os.stat(item)
                stamps.append(f"{item}:{info.st_mtime_ns}:{info.st_size}")
    return stamps


def code_roots(module: str) -> set[str] | None:
    """The folders (or the file) of the code `module` depends on, found without importing it:
    every package it is in, each with all its files (helpers, word lists, phrase files). A
    package's parent is imported to find it (`newslint.rules` lives in its own folder).
    None when the code cannot be found (a class made at run time): nothing is cached then."""
    parts = module.split(".")
    names = [".".join(parts[:depth]) for depth in range(1, len(parts))] or [module]
    roots: set[str] = set()
    for name in names:
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):  # ValueError: a module without a spec (__main__)
            return None
        if spec is not None and spec.submodule_search_locations:
            roots.update(spec.submodule_search_locations)
        elif spec is not None and spec.origin and os.path.isfile(spec.origin):
            roots.add(spec.origin)
        else:
            return None
    return roots


def _outermost(roots: set[str]) -> list[str]:
    """`roots` without those inside another: each file is stamped once."""
    return sorted(r for r in roots if not any(r != o and r.startswith(os.path.join(o, "")) for o in roots))


def config_fingerprint(config: Config, registry: dict[str, RuleInfo], codes: Iterable[str]) -> str | None:
    """What, besides the text and its path, decides the findings of the rules `codes` under
    `config`, computed without building them (no rule module is imported): the rules' codes,
    every file of the packages that define them and of newslint, and every setting (rule
    options included: a rule's defaults live in its stamped code). None: a rule's code cannot
    be found, so nothing can be cached for it."""
    codes = sorted(codes)
    roots: set[str] = set()
    for module in {registry[code].spec.module for code in codes} | {"newslint.cache"}:
        found = code_roots(module)
        if found is None:
            return None
        roots |= found
    parts: dict[str, Any] = {
        "format": FORMAT, "version": __version__, "rules": codes,
        "code": [stamp for root in _outermost(roots) for stamp in _file_stamps(root)],
        # Every setting (a new one included) but the config file's name and unsafe-fixes (findings
        # are the same either way): more keys, never a stale answer.
        "config": {k: sorted(v) if isinstance(v, (set, frozenset)) else v
                   for k, v in config.__dict__.items() if k not in ("path", "unsafe_fixes")},
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


def ruleset_fingerprint(ruleset: RuleSet) -> str | None:
    """`config_fingerprint` of a rule set already built."""
    return config_fingerprint(ruleset.config, ruleset.registry, [r.code for r in ruleset.rules])


@dataclass(frozen=True)
class Entry:
    """What the cache holds for one text checked under `path`: its findings as the check placed
    them (line and column stored, with each one's content key, see newslint.fingerprint), as the
    rows `_row` wrote, so that a report answered from here reads no line of the text."""

    path: str
    rows: tuple[list[Any], ...]

    def findings(self, unsafe: bool) -> StoredFindings:
        """The findings, each fixable as a run with `unsafe` fixes or not has it."""
        return StoredFindings(self.path, self.rows, unsafe)

    @property
    def violations(self) -> tuple[Violation, ...]:
        return tuple(f.violation for f in self.findings(False))


def _row(f: Finding) -> list[Any]:
    """A finding as a compact JSON row: code, name, message, start, end, line, column, end line, end
    column, the fix's applicability and placed edits (or nulls), content key."""
    v = f.violation
    head = [v.code, v.name, v.message, v.start, v.end, f.start.line, f.start.column, f.end.line, f.end.column]
    if v.fix is None:
        return [*head, None, None, f.key]
    edits = [[e.start, e.end, e.text, s.line, s.column, end.line, end.column] for e, s, end in f.edits]
    return [*head, v.fix.applicability.value, edits, f.key]


_ROW_LENGTH = 12


def _finding(path: str, row: list[Any], unsafe: bool, at: dict[tuple[int, int], Position]) -> Finding:
    """The finding of a row `_row` wrote (its entry's checksum vouches for it); `at` holds the
    positions made so far for the entry (a fix's edits mostly share the finding's)."""
    code, name, message, start, end, line, column, end_line, end_column, applicability, edits, key = row
    first, last = _position(at, line, column), _position(at, end_line, end_column)
    if applicability is None:
        return Finding(path, Violation(code, name, message, start, end), first, last, (), key)
    placed = tuple([(Edit(a, b, text), _position(at, al, ac), _position(at, bl, bc))
                    for a, b, text, al, ac, bl, bc in edits])
    fix = Fix(tuple([e for e, _, _ in placed]), _APPLICABILITY[applicability])
    return Finding(path, Violation(code, name, message, start, end, fix), first, last, placed, key,
                   fixable=unsafe or fix.safe)


def _position(at: dict[tuple[int, int], Position], line: int, column: int) -> Position:
    found = at.get((line, column))
    if found is None:
        found = at[line, column] = Position(line, column)
    return found


class StoredFindings(LazyFindings):
    """The findings of a file the cache answered, kept as the rows it stored (see `LazyFindings`):
    a warm run writes its report from them."""

    __slots__ = ("path", "unsafe")

    def __init__(self, path: str, rows: tuple[list[Any], ...], unsafe: bool) -> None:
        super().__init__(rows)
        self.path, self.unsafe = path, unsafe

    def _make(self, rows: Sequence[Any]) -> tuple[Finding, ...]:
        at: dict[tuple[int, int], Position] = {}
        return tuple([_finding(self.path, row, self.unsafe, at) for row in rows])

    def __reduce__(self) -> tuple[Any, ...]:  # across processes (--jobs): as the tuple it stands for
        return tuple, (self.made(),)

    def counts(self) -> report.Counts:
        """`report.Counts.of(self)`, from the rows."""
        if self._made is not None:
            return report.Counts.of(self._made)
        fixes = [r[9] for r in self.rows if r[9] is not None]
        fixable = len(fixes) if self.unsafe else fixes.count(_SAFE)
        return report.Counts(len(self.rows), fixable, len(fixes) - fixable)

    def lines(self, line: Callable[[Finding], str]) -> list[str]:
        """`line` of each finding, written from the rows when `line` is a format's line of a finding."""
        if self._made is not None:
            return [line(f) for f in self._made]
        if line is report.jsonl_line:
            path = _string(self.path)
            return [report.jsonl_fields(path, None, None, r[5], r[6], r[7], r[8], r[0], r[1], r[2], r[9],
                                        None if r[10] is None else [e[2:] for e in r[10]]) for r in self.rows]
        if line is report.text_line:
            unsafe = self.unsafe
            return [report.text_fields(self.path, r[5], r[6], r[0], r[2],
                                       r[9] is not None and (unsafe or r[9] == _SAFE)) for r in self.rows]
        return [line(f) for f in self.made()]


def _checksum(data: str) -> int:
    return zlib.crc32(data.encode("utf-8", "surrogatepass"))


_APPLICABILITY = {a.value: a for a in Applicability}
_SAFE = Applicability.SAFE.value
_STORED = {None, *_APPLICABILITY}  # what a row's applicability may be


@dataclass
class ResultCache:
    """Lint results of one rule set, on disk under `directory`."""

    directory: Path
    fingerprint: str
    hits: int = 0
    misses: int = 0
    _db: sqlite3.Connection | None = field(default=None, repr=False)
    _broken: bool = False
    _vouched: bool = False
    # What `prefetch` found, by (path, text): the text is hashed for its key once, not twice.
    _fetched: dict[tuple[str, str], Entry | None] = field(default_factory=dict, repr=False)

    @classmethod
    def for_ruleset(cls, ruleset: RuleSet, directory: Path | None = None) -> ResultCache | None:
        fingerprint = ruleset_fingerprint(ruleset)
        return cls(directory or default_directory(), fingerprint) if fingerprint else None

    def vouches_for_rules(self) -> bool:
        """Whether entries were stored under this fingerprint, so its rules were once built without
        error: a run answered from here need not build them to find a mistake in the config.

        Why a warm run cannot hide a config error: the fingerprint holds every setting of the
        config and the files of the rules' code, and an entry (with this mark) is stored only
        after the rule set of its fingerprint was built, which checks selectors and rule options.
        A config that fails to build has a fingerprint under which nothing was ever stored."""
        db = self._connect()
        if db is None:
            return False
        try:
            row = db.execute("SELECT 1 FROM rulesets WHERE fingerprint = ?", (self.fingerprint,)).fetchone()
        except sqlite3.Error:
            return False
        return row is not None

    def key(self, path: str, text: str) -> str:
        digest = hashlib.sha256(self.fingerprint.encode())
        digest.update(b"\0" + path.encode("utf-8", "surrogateescape") + b"\0")
        digest.update(text.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    @property
    def database(self) -> Path:
        return self.directory / DATABASE

    def _connect(self) -> sqlite3.Connection | None:
        """The open database, made on first use; a file that is no database is replaced."""
        if self._db is None and not self._broken:
            try:
                self.directory.mkdir(parents=True, exist_ok=True)
                self._db = _open(self.database)
            except sqlite3.DatabaseError:  # not a database (or damaged): rebuilt, never trusted
                with contextlib.suppress(OSError):
                    self.database.unlink()
                try:
                    self._db = _open(self.database)
                except (OSError, sqlite3.Error):
                    self._broken = True
            except (OSError, sqlite3.Error):
                self._broken = True  # no cache this run: only slower
        return self._db

    def prefetch(self, items: list[tuple[str, str]]) -> list[Entry | None]:
        """Look up many (path, text) entries with one query; the next `lookup` of each is answered
        from memory. Returns what each holds (None: nothing usable), without counting hits."""
        keys = [self.key(path, text) for path, text in items]
        db = self._connect()
        rows: dict[str, tuple[int, str]] = {}
        if db is not None:
            try:
                for start in range(0, len(keys), _KEYS_PER_QUERY):
                    chunk = keys[start : start + _KEYS_PER_QUERY]
                    marks = ",".join("?" * len(chunk))
                    found_rows = db.execute(f"SELECT key, checksum, data FROM findings WHERE key IN ({marks})", chunk)
                    rows.update((key, (checksum, data)) for key, checksum, data in found_rows)
            except sqlite3.Error:
                rows = {}
        found = []
        for key, item in zip(keys, items):
            entry = self._decoded(item[0], key, *rows[key]) if key in rows else None
            self._fetched[item] = entry
            found.append(entry)
        return found

    def entry(self, path: str, text: str) -> Entry | None:
        """What the cache holds for `text` checked under `path`; None: check it."""
        if (path, text) in self._fetched:
            found = self._fetched.pop((path, text))
        else:
            key = self.key(path, text)
            db = self._connect()
            try:
                query = "SELECT checksum, data FROM findings WHERE key = ?"
                row = db.execute(query, (key,)).fetchone() if db else None
            except sqlite3.Error:
                row = None
            found = self._decoded(path, key, *row) if row is not None else None
        if found is None:
            self.misses += 1
            return None
        self.hits += 1
        return found

    def lookup(self, path: str, text: str) -> list[Violation] | None:
        """The violations the cache holds for `text` checked under `path`; None: check it."""
        found = self.entry(path, text)
        return None if found is None else list(found.violations)

    def _decoded(self, path: str, key: str, checksum: Any, raw: Any) -> Entry | None:
        """An entry; one that is not exactly as written (its checksum tells) is deleted: rebuilt, never trusted."""
        try:
            if type(raw) is not str or checksum != _checksum(raw):
                raise ValueError("not the entry as written")
            data = json.loads(raw)
            if data["key"] != key:
                raise ValueError("entry under the wrong key")
            rows = tuple(data["findings"])
            if not all(type(row) is list and len(row) == _ROW_LENGTH and row[9] in _STORED for row in rows):
                raise ValueError("not rows of findings")
        except (ValueError, KeyError, TypeError):
            db = self._connect()
            with contextlib.suppress(sqlite3.Error):
                if db is not None:
                    db.execute("DELETE FROM findings WHERE key = ?", (key,))
                    db.commit()
            return None
        return Entry(path, rows)

    def store(self, path: str, text: str, violations: Sequence[Violation],
              findings: Sequence[Finding] | None = None) -> None:
        """Write an entry: `violations` as `findings` (the same, placed in this text by its check;
        computed here when not given). A cache that cannot be written is only slower."""
        key = self.key(path, text)
        self._fetched.pop((path, text), None)
        if findings is None:
            from newslint.document import Document

            findings = findings_for(path, violations, Document(text))
        rows = [_row(f) for f in findings]
        if [f.violation for f in findings] != list(violations):
            raise ValueError("the findings are not those of the violations")
        data = json.dumps({"key": key, "findings": rows}, ensure_ascii=False)
        db = self._connect()
        if db is None:
            return
        with contextlib.suppress(sqlite3.Error):
            db.execute("INSERT OR REPLACE INTO findings (key, checksum, data) VALUES (?, ?, ?)",
                       (key, _checksum(data), data))
            if not self._vouched:  # the caller linted with these rules: they were built
                db.execute("INSERT OR IGNORE INTO rulesets (fingerprint) VALUES (?)", (self.fingerprint,))
                self._vouched = True
            db.commit()


def _open(path: Path) -> sqlite3.Connection:
    # One file for every entry: creating a file per entry costs milliseconds each. A crash
    # may lose the last entries (synchronous off), never corrupt the others (write-ahead log);
    # processes of one run (--jobs) wait for each other's writes.
    db = sqlite3.connect(path, timeout=30)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=OFF")
    db.execute("DROP TABLE IF EXISTS entries")  # the layout before checksums: never read again
    db.execute("CREATE TABLE IF NOT EXISTS findings (key TEXT PRIMARY KEY, checksum INTEGER NOT NULL, "
               "data TEXT NOT NULL)")
    db.execute("CREATE TABLE IF NOT EXISTS rulesets (fingerprint TEXT PRIMARY KEY)")
    db.execute("SELECT count(*) FROM findings LIMIT 1").fetchone()
    return db


def fixes_allowed(violations: Iterable[Violation], unsafe: bool) -> bool:
    """Whether --fix (with `unsafe` or not) would change a text with these findings."""
    return any(v.fix and (unsafe or v.fix.safe) for v in violations)


def cached_lint(text: str, ruleset: RuleSet, path: str, cache: ResultCache | None) -> list[Violation]:
    """`lint_text`, answered from `cache` when it holds this text under this path."""
    from newslint.engine import lint_text

    if cache is None:
        return lint_text(text, ruleset, path)
    found = cache.lookup(path, text)
    if found is None:
        found = lint_text(text, ruleset, path)
        cache.store(path, text, found)
    return found
