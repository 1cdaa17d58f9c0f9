"""A cache of lint results, so that a second run over unchanged files answers at once.

An entry is keyed by everything a result depends on: the text, the path it is checked
under (per-file-ignores, Markdown), the newslint version, the rules that run with their
options and the code that defines them, and the settings that change findings. Entries
are JSON files under the cache directory (`NEWSLINT_CACHE_DIR`, else
`$XDG_CACHE_HOME/newslint`, else `~/.cache/newslint`), written atomically; an entry that
cannot be read back exactly is deleted and computed again, never trusted.
"""
from __future__ import annotations

import contextlib
import hashlib
import inspect
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newslint import __version__
from newslint.engine import RuleSet, lint_text
from newslint.model import Applicability, Edit, Fix, Violation

CACHE_ENV = "NEWSLINT_CACHE_DIR"
FORMAT = 1  # bumped when the layout of an entry changes


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
        # Every setting (a new one included) but the config file's name: more keys, never a stale answer.
        "config": {k: sorted(v) if isinstance(v, (set, frozenset)) else v
                   for k, v in config.__dict__.items() if k != "path"},
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

    @classmethod
    def for_ruleset(cls, ruleset: RuleSet, directory: Path | None = None) -> ResultCache:
        return cls(directory or default_directory(), ruleset_fingerprint(ruleset))

    def key(self, path: str, text: str) -> str:
        digest = hashlib.sha256(self.fingerprint.encode())
        digest.update(b"\0" + path.encode("utf-8", "surrogateescape") + b"\0")
        digest.update(text.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def _entry(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def lookup(self, path: str, text: str) -> list[Violation] | None:
        key = self.key(path, text)
        entry = self._entry(key)
        try:
            data = json.loads(entry.read_bytes())
            if data["key"] != key:
                raise ValueError("entry under the wrong name")
            found = [_violation(v) for v in data["violations"]]
            if any(not 0 <= v.start <= v.end <= len(text) for v in found):
                raise ValueError("span outside the text")
        except FileNotFoundError:
            self.misses += 1
            return None
        except (OSError, ValueError, KeyError, TypeError):  # unreadable or corrupted: rebuilt, never trusted
            with contextlib.suppress(OSError):
                entry.unlink()
            self.misses += 1
            return None
        self.hits += 1
        return found

    def store(self, path: str, text: str, violations: list[Violation]) -> None:
        """Write an entry atomically; a cache that cannot be written is only slower, never an error."""
        key = self.key(path, text)
        entry = self._entry(key)
        data = json.dumps({"key": key, "violations": [_violation_json(v) for v in violations]}, ensure_ascii=False)
        try:
            entry.parent.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(prefix=".entry.", dir=entry.parent)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(data)
            # rename: atomic on POSIX; elsewhere an existing entry stays, which costs only time.
            os.rename(temp, entry)
        except OSError:
            with contextlib.suppress(OSError, UnboundLocalError):
                os.unlink(temp)


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
