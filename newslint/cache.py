"""A cache of lint results, so that a second run over unchanged files answers at once.

An entry is keyed by everything a result depends on: the text, the path it is checked
under (per-file-ignores, Markdown), the newslint version, the rules that run with their
options and the code that defines them, and the settings that change findings. Entries
are JSON rows of one SQLite database in the cache directory (`NEWSLINT_CACHE_DIR`, else
`$XDG_CACHE_HOME/newslint`, else `~/.cache/newslint`); an entry that cannot be read back
exactly is deleted and computed again, and a database file that is damaged is replaced:
never trusted.
"""
from __future__ import annotations

import contextlib
import hashlib
import inspect
import json
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newslint import __version__
from newslint.engine import RuleSet, lint_text
from newslint.model import Applicability, Edit, Fix, Violation

CACHE_ENV = "NEWSLINT_CACHE_DIR"
FORMAT = 2  # bumped when the layout of an entry changes
DATABASE = "results.sqlite3"
_KEYS_PER_QUERY = 500  # well below SQLite's limit on the parameters of one statement


def default_directory() -> Path:
    """`NEWSLINT_CACHE_DIR`, else `$XDG_CACHE_HOME/newslint`, else `~/.cache/newslint`."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "newslint"


def _code_stamp(cls: type) -> str:
    """Where a rule's code lives and when it last changed: an edited rule invalidates its entries."""
    try:
        source = inspect.getsourcefile(cls) or ""
        info = os.stat(source)
    except (OSError, TypeError):
        return cls.__module__
    return f"{source}:{info.st_mtime_ns}:{info.st_size}"


def _data_stamps(ruleset: RuleSet) -> list[str]:
    """The word lists and phrase files beside the rules' modules (`data/`), as they are now."""
    folders = {Path(inspect.getsourcefile(type(r)) or ".").parent / "data" for r in ruleset.rules}
    stamps = []
    for folder in sorted(folders):
        if folder.is_dir():
            for item in sorted(folder.iterdir()):
                info = item.stat()
                stamps.append(f"{item}:{info.st_mtime_ns}:{info.st_size}")
    return stamps


def ruleset_fingerprint(ruleset: RuleSet) -> str:
    """What, besides the text and its path, decides the findings of a rule set."""
    config = ruleset.config
    parts: dict[str, Any] = {
        "format": FORMAT, "version": __version__,
        "rules": [[r.code, r.settings, _code_stamp(type(r))] for r in ruleset.rules],
        "data": _data_stamps(ruleset),
        # Every setting (a new one included) but the config file's name and unsafe-fixes (findings
        # are the same either way): more keys, never a stale answer.
        "config": {k: sorted(v) if isinstance(v, (set, frozenset)) else v
                   for k, v in config.__dict__.items() if k not in ("path", "unsafe_fixes")},
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


def _violation_json(v: Violation) -> dict[str, Any]:
    fix = None
    if v.fix:
        fix = {"applicability": v.fix.applicability.value, "edits": [[e.start, e.end, e.text] for e in v.fix.edits]}
    return {"code": v.code, "name": v.name, "message": v.message, "start": v.start, "end": v.end, "fix": fix}


def _violation(data: dict[str, Any]) -> Violation:
    fix = None
    if data["fix"] is not None:
        edits = tuple(Edit(int(s), int(e), str(t)) for s, e, t in data["fix"]["edits"])
        fix = Fix(edits, Applicability(data["fix"]["applicability"]))
    return Violation(str(data["code"]), str(data["name"]), str(data["message"]), int(data["start"]),
                     int(data["end"]), fix)


@dataclass
class ResultCache:
    """Lint results of one rule set, on disk under `directory`."""

    directory: Path
    fingerprint: str
    hits: int = 0
    misses: int = 0
    _db: sqlite3.Connection | None = field(default=None, repr=False)
    _broken: bool = False
    _fetched: dict[str, list[Violation] | None] = field(default_factory=dict, repr=False)

    @classmethod
    def for_ruleset(cls, ruleset: RuleSet, directory: Path | None = None) -> ResultCache:
        return cls(directory or default_directory(), ruleset_fingerprint(ruleset))

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

    def prefetch(self, items: list[tuple[str, str]]) -> list[list[Violation] | None]:
        """Look up many (path, text) entries with one query; the next `lookup` of each is answered
        from memory. Returns what each holds (None: nothing usable), without counting hits."""
        keys = [self.key(path, text) for path, text in items]
        db = self._connect()
        rows: dict[str, str] = {}
        if db is not None:
            try:
                for start in range(0, len(keys), _KEYS_PER_QUERY):
                    chunk = keys[start : start + _KEYS_PER_QUERY]
                    marks = ",".join("?" * len(chunk))
                    rows.update(db.execute(f"SELECT key, data FROM entries WHERE key IN ({marks})", chunk))
            except sqlite3.Error:
                rows = {}
        found = []
        for key, (_, text) in zip(keys, items):
            violations = self._decoded(key, rows[key], text) if key in rows else None
            self._fetched[key] = violations
            found.append(violations)
        return found

    def lookup(self, path: str, text: str) -> list[Violation] | None:
        key = self.key(path, text)
        if key in self._fetched:
            found = self._fetched.pop(key)
        else:
            db = self._connect()
            try:
                row = db.execute("SELECT data FROM entries WHERE key = ?", (key,)).fetchone() if db else None
            except sqlite3.Error:
                row = None
            found = self._decoded(key, row[0], text) if row is not None else None
        if found is None:
            self.misses += 1
            return None
        self.hits += 1
        return list(found)

    def _decoded(self, key: str, raw: str, text: str) -> list[Violation] | None:
        """An entry's violations; a corrupted entry is deleted (rebuilt, never trusted) and gives None."""
        try:
            data = json.loads(raw)
            if data["key"] != key:
                raise ValueError("entry under the wrong key")
            found = [_violation(v) for v in data["violations"]]
            if any(not 0 <= v.start <= v.end <= len(text) for v in found):
                raise ValueError("span outside the text")
        except (ValueError, KeyError, TypeError):
            db = self._connect()
            with contextlib.suppress(sqlite3.Error):
                if db is not None:
                    db.execute("DELETE FROM entries WHERE key = ?", (key,))
                    db.commit()
            return None
        return found

    def store(self, path: str, text: str, violations: list[Violation]) -> None:
        """Write an entry; a cache that cannot be written is only slower, never an error."""
        key = self.key(path, text)
        self._fetched.pop(key, None)
        data = json.dumps({"key": key, "violations": [_violation_json(v) for v in violations]}, ensure_ascii=False)
        db = self._connect()
        if db is None:
            return
        with contextlib.suppress(sqlite3.Error):
            db.execute("INSERT OR REPLACE INTO entries (key, data) VALUES (?, ?)", (key, data))
            db.commit()


def _open(path: Path) -> sqlite3.Connection:
    # One file for every entry: creating a file per entry costs milliseconds each. A crash
    # may lose the last entries (synchronous off), never corrupt the others (write-ahead log);
    # processes of one run (--jobs) wait for each other's writes.
    db = sqlite3.connect(path, timeout=30)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=OFF")
    db.execute("CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, data TEXT NOT NULL)")
    db.execute("SELECT count(*) FROM entries LIMIT 1").fetchone()
    return db


def fixes_allowed(violations: list[Violation], unsafe: bool) -> bool:
    """Whether --fix (with `unsafe` or not) would change a text with these findings."""
    return any(v.fix and (unsafe or v.fix.safe) for v in violations)


def cached_lint(text: str, ruleset: RuleSet, path: str, cache: ResultCache | None) -> list[Violation]:
    """`lint_text`, answered from `cache` when it holds this text under this path."""
    if cache is None:
        return lint_text(text, ruleset, path)
    found = cache.lookup(path, text)
    if found is None:
        found = lint_text(text, ruleset, path)
        cache.store(path, text, found)
    return found
