"""Heavy word tables, kept on disk between processes.

Some tables take a tenth of a second or more to build: wordfreq's English list itself
(`_frequency`), the prefixes of the pieces of NL101's splits. The first process that needs
a table stores it in the user cache directory (see `newslint.cache.default_directory`),
under a name made of everything it is built from: this Python's marshal format,
wordfreq's version, the source of the modules that build it, and whatever else the caller
names (data-file entries, a rule's params). Later processes load it in a fraction of that
time. A loaded string is a copy, where a table built from another shares that one's strings:
a table is stored where building it costs more time than its copies cost memory. A table that cannot be
read or stored is built as before, so the cache can be deleted at any time. marshal, not
pickle: loading a file can build data only.
"""
from __future__ import annotations

import functools
import hashlib
import marshal
import mmap
import os
import sys
import tempfile
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
SUBDIRECTORY = "tables"


def stored(name: str, build: Callable[[], T], sources: tuple[str, ...], *key: object) -> T:
    """The table `build()` makes, loaded from the cache if stored there before.

    `sources` are the files of the modules whose code builds it; `key` is everything else
    it depends on (params, data-file entries), compared by `repr`."""
    path = _directory() / f"{name}-{_digest(sources, key)}.marshal"
    try:
        return marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        pass  # not stored yet, or unreadable: built below
    table = build()
    _store(path, marshal.dumps(table))
    return table


def stored_bytes(name: str, build: Callable[[], bytes], sources: tuple[str, ...], *key: object) -> bytes | mmap.mmap:
    """The bytes `build()` makes, as `stored` does, but mapped from the stored file rather
    than read into a copy (slicing either gives bytes)."""
    path = _directory() / f"{name}-{_digest(sources, key)}.bin"
    try:
        with path.open("rb") as handle:
            return mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):
        pass  # not stored yet (or empty, or unreadable): built below
    data = build()
    _store(path, data)
    return data


def _directory() -> Path:
    from newslint.cache import default_directory  # the result cache's directory, found when needed

    return default_directory() / SUBDIRECTORY


def _digest(sources: tuple[str, ...], key: tuple[object, ...]) -> str:
    digest = hashlib.sha256(repr((sys.version_info[:2], marshal.version, _wordfreq_version(), key)).encode())
    for source in sources:
        digest.update(Path(source).read_bytes())
    return digest.hexdigest()[:24]


@functools.cache  # asked once per stored table; the package metadata is read once
def _wordfreq_version() -> str:
    try:
        return version("wordfreq")
    except PackageNotFoundError:
        return "unknown"


def _store(path: Path, data: bytes) -> None:
    """Write `data` to `path` whole or not at all (a reader never sees half a table)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError:
        pass  # a read-only or full disk: the next process builds the table again
