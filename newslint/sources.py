"""Reading and writing article files: UTF-8 only, line endings, BOM and mode kept, atomic writes."""
from __future__ import annotations

import codecs
import contextlib
import gc
import os
import signal
import stat
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from newslint.errors import InputError

_BOM = codecs.BOM_UTF8
# JSON Lines corpora and standard input, told apart from files here: a file run does not
# import the corpus machinery (newslint.corpus) to learn that it is none.
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
PARQUET_SUFFIXES = (".parquet", ".parq")
STDIN = "-"
_OTHER_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16"),
)


class BinaryFile(InputError):
    """A file that holds no text; skipped with a warning."""


@dataclass(frozen=True)
class Source:
    """A file's text as the rules see it (LF line ends) and what is needed to write it back."""

    path: str
    text: str
    raw: bytes  # the bytes as read, to detect a change by someone else before writing
    crlf: bool = False
    bom: bool = False
    encoding: str = "utf-8"  # what it was read in, and is written back in

    def encode(self, text: str) -> bytes:
        if self.crlf:
            text = text.replace("\n", "\r\n")
        if self.encoding != "utf-8":
            return _encode_legacy(self.path, text, self.encoding)
        return (_BOM if self.bom else b"") + text.encode("utf-8")


def check_encoding(name: str) -> str:
    """The codec's canonical name (`latin-1` is `iso8859-1`); an unknown name is an error."""
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise InputError(f"unknown encoding '{name}'") from None


def _encode_legacy(path: str, text: str, encoding: str) -> bytes:
    try:
        return text.encode(encoding)
    except UnicodeEncodeError as exc:
        raise InputError(f"{path}: the fixed text has {exc.object[exc.start]!r}, which {encoding} cannot hold; "
                         "file left unchanged") from None


def _decode_legacy(raw: bytes, path: str, encoding: str) -> Source:
    """Decode a file in a legacy encoding (cp1252, latin-1...) given with --encoding."""
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: invalid {encoding} at byte {exc.start}: {exc.reason}") from None
    if "\x00" in text[:8192]:
        raise BinaryFile(f"{path}: binary file (NUL characters), skipped")
    crlf = "\r\n" in text and text.count("\n") == text.count("\r\n")
    return Source(path, text.replace("\r\n", "\n") if crlf else text, raw, crlf, encoding=encoding)


def decode(raw: bytes, path: str, encoding: str = "utf-8") -> Source:
    """Decode UTF-8 bytes (or `encoding`); CRLF files are seen with LF, and written back with CRLF."""
    if encoding != "utf-8":
        return _decode_legacy(raw, path, check_encoding(encoding))
    for bom, name in _OTHER_BOMS:
        if raw.startswith(bom):
            raise InputError(f"{path}: file is {name}; newslint reads UTF-8 only")
    if b"\x00" in raw[:8192]:
        raise BinaryFile(f"{path}: binary file (NUL bytes), skipped")
    bom = raw.startswith(_BOM)
    try:
        text = raw[len(_BOM) if bom else 0 :].decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = exc.start + (len(_BOM) if bom else 0)
        raise InputError(f"{path}: invalid UTF-8 at byte {offset}: {exc.reason}") from None
    crlf = "\r\n" in text and text.count("\n") == text.count("\r\n")
    return Source(path, text.replace("\r\n", "\n") if crlf else text, raw, crlf, bom)


def _describe(exc: OSError) -> str:
    return exc.strerror.lower() if exc.strerror else str(exc)


def read_source(path: str, encoding: str = "utf-8") -> Source:
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"{path}: not a regular file")
        with open(path, "rb") as handle:
            raw = handle.read()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file or directory") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {_describe(exc)}") from None
    return decode(raw, path, encoding)


def write_source(source: Source, text: str) -> None:
    """Replace the file's content atomically, keeping its mode and owner; refuse if it changed meanwhile."""
    target = os.path.realpath(source.path)  # write through a symlink, keep the link
    data = source.encode(text)
    try:
        info = os.stat(target)
        # No write bit, or none for this user: replacing the file through its directory would
        # still work, but would override the file's own permissions.
        if not info.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(target, os.W_OK):
            raise InputError(f"{source.path}: file is read-only, not fixed")
        with _interrupts_deferred():
            _replace_atomically(source, target, data, info)
    except OSError as exc:
        raise InputError(f"{source.path}: cannot write: {_describe(exc)}; file left unchanged") from None


def _unchanged(source: Source, target: str) -> bool:
    with open(target, "rb") as handle:
        return handle.read() == source.raw


class _Held:
    """Ctrl-C held back: while a file is being replaced, or while the garbage collector runs."""

    deferring = 0  # nested `_interrupts_deferred` blocks
    collecting = False
    pending = False


def _interrupt(signum: int, frame: object) -> None:
    """SIGINT (and the timer that re-delivers it): KeyboardInterrupt, or held for later."""
    if _Held.deferring or _Held.collecting:
        _Held.pending = True
        if _Held.collecting and not _Held.deferring:
            # Tried again until the collector is done: the timer may have fired between the
            # collector's last callback arming it and that callback marking the collection over.
            signal.setitimer(signal.ITIMER_REAL, 0.001)
        return
    _Held.pending = False
    raise KeyboardInterrupt


def _on_collection(phase: str, info: dict) -> None:
    if phase == "start":
        _Held.collecting = True
        return
    if _Held.pending and not _Held.deferring:
        _Held.pending = False
        # Raised here it would be lost as well: a timer delivers it once the collector is done.
        signal.setitimer(signal.ITIMER_REAL, 0.001)
    _Held.collecting = False


@contextlib.contextmanager
def interrupts_outside_collections() -> Iterator[None]:
    """Let Ctrl-C through only outside the garbage collector, for a whole run. A
    KeyboardInterrupt raised inside a finalizer the collector calls (compiled `regex`
    patterns leave such objects behind) is printed as "Exception ignored" and lost, and the
    run would go on. Only the main thread can swap handlers, and only where there is a
    timer to re-deliver the interrupt; a handler other than Python's default is left alone."""
    if (threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer")
            or signal.getsignal(signal.SIGINT) is not signal.default_int_handler):
        yield
        return
    alarm = signal.signal(signal.SIGALRM, _interrupt)
    signal.signal(signal.SIGINT, _interrupt)
    gc.callbacks.append(_on_collection)
    try:
        yield
    finally:
        gc.callbacks.remove(_on_collection)
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGALRM, alarm)
        _Held.collecting = _Held.pending = False


@contextlib.contextmanager
def _interrupts_deferred() -> Iterator[None]:
    """Hold a Ctrl-C back until the block ends: a KeyboardInterrupt raised inside
    `tempfile.mkstemp`, after the file is made but before its name is returned, would
    leave a temp file no handler knows of. Only the main thread can swap handlers; a
    handler other than Python's default (or ours) is left alone."""
    current = signal.getsignal(signal.SIGINT)
    if threading.current_thread() is not threading.main_thread() or current not in (
            signal.default_int_handler, _interrupt):
        yield
        return
    signal.signal(signal.SIGINT, _interrupt)
    _Held.deferring += 1
    try:
        yield
    finally:
        _Held.deferring -= 1
        signal.signal(signal.SIGINT, current)
    if _Held.pending and not (_Held.deferring or _Held.collecting):
        _Held.pending = False
        raise KeyboardInterrupt


def _replace_atomically(source: Source, target: str, data: bytes, info: os.stat_result) -> None:
    import tempfile  # only writing needs it (with shutil and random): every command imports this module

    directory, name = os.path.split(target)
    fd, temp = tempfile.mkstemp(prefix=f".{name}.", suffix=".newslint-tmp", dir=directory or ".")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, stat.S_IMODE(info.st_mode))
        _keep_owner(source, temp, info)
        # Compared last, right before the switch, to leave the least time for another writer.
        if not _unchanged(source, target):
            raise InputError(f"{source.path}: file changed while being checked, not fixed")
        os.replace(temp, target)
    except BaseException:  # Ctrl-C included: never leave the temp file behind
        try:
            os.unlink(temp)
        except FileNotFoundError:
            pass
        raise


def _keep_owner(source: Source, temp: str, info: os.stat_result) -> None:
    """Give the new file the old one's owner and group, or refuse (a root run must not take files over)."""
    made = os.stat(temp)
    if (made.st_uid, made.st_gid) == (info.st_uid, info.st_gid):
        return
    try:
        os.chown(temp, info.st_uid, info.st_gid)
    except PermissionError:
        raise InputError(f"{source.path}: cannot keep the file's owner and group, not fixed") from None


def iter_text_files(root: Path, included: Callable[[Path], bool], excluded: Callable[[Path], bool]) -> list[Path]:
    """Text files under `root` that are included and not excluded, without following links into loops."""
    found = []
    for directory, dirnames, filenames in os.walk(root, followlinks=False):
        here = Path(directory)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and not excluded(here / d))
        for name in sorted(filenames):
            path = here / name
            if included(path) and not excluded(path):
                found.append(path)
    return found


def is_corpus_path(name: str) -> bool:
    return name.lower().endswith(JSONL_SUFFIXES)


def is_parquet_path(name: str) -> bool:
    """A Parquet corpus, read by Dask (`--engine dask`)."""
    return name.lower().endswith(PARQUET_SUFFIXES)
