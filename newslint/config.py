"""Configuration: `[tool.newslint]` in pyproject.toml or a `.newslint.toml`, strictly checked."""
from __future__ import annotations

import functools
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newslint.errors import ConfigError, suggest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

CONFIG_FILES = (".newslint.toml", "pyproject.toml")
DEFAULT_INCLUDE = ("*.txt", "*.md", "*.markdown")

_LIST_KEYS = ("select", "ignore", "extend-select", "exclude", "extend-exclude", "include",
              "accept", "extend-safe-fixes", "extend-unsafe-fixes", "fixable", "unfixable")
_KNOWN_KEYS = (*_LIST_KEYS, "per-file-ignores", "unsafe-fixes", "rules")


@dataclass(frozen=True)
class Config:
    """Settings for one run; CLI options are merged in by `with_overrides`."""

    select: tuple[str, ...] | None = None  # None: every rule that is on by default
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    extend_exclude: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    unsafe_fixes: bool = False
    accept: frozenset[str] = frozenset()
    extend_safe_fixes: tuple[str, ...] = ()
    extend_unsafe_fixes: tuple[str, ...] = ()
    rules: dict[str, dict[str, Any]] = field(default_factory=dict, hash=False)
    path: Path | None = None  # the file it came from
    root: Path = field(default_factory=Path.cwd)  # where relative globs start
    fixable: tuple[str, ...] | None = None  # rules whose fixes may be offered; None: every rule
    unfixable: tuple[str, ...] = ()  # rules whose findings are reported without a fix

    @property
    def source(self) -> str:
        return str(self.path) if self.path else "command line"

    def matches(self, path: str | Path, patterns: tuple[str, ...]) -> bool:
        """Whether `path` (as given, relative to the working directory or absolute) or a directory
        it is in matches one of `patterns`, read relative to `root` (see `glob_matches`)."""
        if not patterns:
            return False
        where, root = _absolute(os.fspath(path)), os.path.join(os.fspath(self.root), "")
        inside = where.startswith(root) or where + os.sep == root
        # Outside root, only patterns without a slash can match: on a name in the path as given.
        relative = where[len(root) :] if inside else os.path.normpath(path)
        if os.sep != "/":
            relative = relative.replace(os.sep, "/")
        return any(glob_matches(relative.lstrip("/"), p, anchored_ok=inside) for p in patterns)

    def with_overrides(self, **changes: Any) -> Config:
        values = {k: v for k, v in changes.items() if v is not None}
        if "extend_exclude" in values:  # the command line adds to the file's list, as ruff's --extend-exclude does
            values["extend_exclude"] = (*self.extend_exclude, *values["extend_exclude"])
        return Config(**{**self.__dict__, **values})


def _absolute(path: str) -> str:
    """`path` made absolute through its real directory; the file itself may be a link,
    matched by its own name."""
    directory, name = os.path.split(os.path.abspath(path))
    return os.path.join(real_directory(directory), name) if name else real_directory(directory)


@functools.lru_cache(maxsize=1024)
def real_directory(directory: str) -> str:
    # Every file of a directory walk asks for its directory: resolve each one once.
    return os.path.realpath(directory)


def glob_matches(relative: str, pattern: str, *, anchored_ok: bool = True) -> bool:
    """The one glob semantics of include, exclude and per-file-ignores, as in .gitignore.

    `relative` is a path relative to the config file's directory. A pattern without a slash
    (`*.md`, `archive`) matches a file or directory name at any depth; one with a slash
    (`raw/*.txt`, `2019/**/draft-*`) matches from the config file's directory. `*`, `?` and
    `[...]` stay within one name, `**` spans directories. A pattern that matches a
    directory matches everything in it."""
    regex, anchored = _glob_regex(pattern)
    return (anchored_ok or not anchored) and regex.fullmatch(relative) is not None


@functools.lru_cache(maxsize=None)
def _glob_regex(pattern: str) -> tuple[re.Pattern[str], bool]:
    body = pattern.removeprefix("./").rstrip("/")
    anchored = "/" in body
    body = body.lstrip("/")
    parts, i = [], 0
    while i < len(body):
        if body.startswith("**/", i):
            parts.append("(?:.*/)?")
            i += 3
        elif body.startswith("**", i):
            parts.append(".*")
            i += 2
        elif body[i] == "*":
            parts.append("[^/]*")
            i += 1
        elif body[i] == "?":
            parts.append("[^/]")
            i += 1
        elif body[i] == "[" and _class_end(body, i) > 0:
            end = _class_end(body, i)
            negated = body[i + 1] == "!"
            inner = body[i + 1 + negated : end].replace("\\", "\\\\").replace("[", "\\[").replace("^", "\\^")
            parts.append(("[^" if negated else "[") + inner + "]")
            i = end + 1
        else:
            parts.append(re.escape(body[i]))
            i += 1
    prefix = "" if anchored else "(?:.*/)?"
    return re.compile(prefix + "".join(parts) + "(?:/.*)?", re.S), anchored


def _class_end(body: str, start: int) -> int:
    """Where the `[...]` (or `[!...]`) opened at `start` closes, -1 if it does not; a `]` right
    after the opening is a member, as in fnmatch."""
    first = start + 1 + (body[start + 1 : start + 2] == "!")
    return body.find("]", first + 1)


def _table_of(path: Path, data: dict[str, Any]) -> dict[str, Any] | None:
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("newslint")
        return table if isinstance(table, dict) else None
    return data.get("tool", {}).get("newslint", data) if "tool" in data else data


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read config: {exc.strerror or exc}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None


def _strings(path: Path, key: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{path}: '{key}' must be a list of strings")
    return tuple(value)


def _per_file_ignores(path: Path, value: Any) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if not isinstance(value, dict):
        raise ConfigError(f"{path}: 'per-file-ignores' must be a table of glob = [codes]")
    return tuple((glob, _strings(path, f"per-file-ignores.{glob}", codes)) for glob, codes in value.items())


def _rule_tables(path: Path, value: Any) -> dict[str, dict[str, Any]]:
    if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
        raise ConfigError(f"{path}: 'rules' must hold one table per rule, like [tool.newslint.rules.NL301]")
    return {key: dict(options) for key, options in value.items()}


def parse_config(path: Path, table: dict[str, Any]) -> Config:
    """Check a `[tool.newslint]` table key by key and build a Config."""
    values: dict[str, Any] = {"path": path, "root": path.parent.resolve()}
    for key, value in table.items():
        if key not in _KNOWN_KEYS:
            raise ConfigError(f"{path}: unknown key '{key}'{suggest(key, _KNOWN_KEYS)}")
        attr = key.replace("-", "_")
        if key in _LIST_KEYS:
            values[attr] = _strings(path, key, value)
        elif key == "unsafe-fixes":
            if not isinstance(value, bool):
                raise ConfigError(f"{path}: 'unsafe-fixes' must be true or false")
            values[attr] = value
        elif key == "per-file-ignores":
            values[attr] = _per_file_ignores(path, value)
        else:
            values[attr] = _rule_tables(path, value)
    if "accept" in values:
        values["accept"] = frozenset(values["accept"])
    return Config(**values)


def load_config(path: Path) -> Config:
    """Read the config file at `path` (named with --config)."""
    data = _read_toml(path)
    table = _table_of(path, data)
    if table is None:
        raise ConfigError(f"{path}: no [tool.newslint] table")
    return parse_config(path, table)


def find_config_file(start: Path) -> Path | None:
    """The closest config file at or above `start` (a directory)."""
    for directory in (start, *start.parents):
        for name in CONFIG_FILES:
            candidate = directory / name
            if candidate.is_file() and _has_newslint_table(candidate):
                return candidate
    return None


def _has_newslint_table(path: Path) -> bool:
    if path.name != "pyproject.toml":
        return True
    try:
        raw = path.read_bytes()
    except OSError:
        return False
    try:
        return "newslint" in tomllib.loads(raw.decode("utf-8")).get("tool", {})
    except (tomllib.TOMLDecodeError, UnicodeDecodeError):
        # A broken pyproject is ours to report only if it meant to configure newslint.
        return b"tool.newslint" in raw
