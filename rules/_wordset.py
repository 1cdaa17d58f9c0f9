"""Large word lists asked only whether they hold a word, kept on disk as hash tables.

Loading a list of 300,000 words into a dict takes a tenth of a second, in every process
that needs it (each worker of `--jobs`, each run). Stored once in the user cache
directory (see `_store`) as a table of hash slots (open addressing on the CRC-32 of a
word's UTF-8 bytes, linear probing; each slot the offset of its word) followed by the
words, each ended by a line feed, it is mapped, not read: a lookup probes a few slots.
"""
from __future__ import annotations

import array
import itertools
import mmap
import struct
import zlib
from collections.abc import Callable, Iterable

from newslint.rules._store import stored_bytes

_EMPTY = 0xFFFFFFFF
_HEADER = struct.Struct("<QQ")  # the number of slots, the length of the whole table


class WordSet:
    """The words of a stored table; `word in words` as with a set."""

    def __init__(self, data: bytes | mmap.mmap) -> None:
        size, _ = _HEADER.unpack(data[: _HEADER.size])
        self._data = data
        self._slots = memoryview(data)[_HEADER.size : _HEADER.size + 4 * size].cast("I")
        self._mask = size - 1

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str) or "\n" in word:
            return False  # no listed word has one: it would read as two
        key = word.encode("utf-8", "surrogatepass") + b"\n"
        slot = zlib.crc32(key) & self._mask
        while (start := self._slots[slot]) != _EMPTY:
            if self._data[start : start + len(key)] == key:
                return True
            slot = (slot + 1) & self._mask
        return False


def table(words: Iterable[str]) -> bytes:
    """The stored form of `words`: the number of slots, the slots, the words."""
    encoded = [word.encode("utf-8", "surrogatepass") + b"\n" for word in dict.fromkeys(words) if "\n" not in word]
    size = 1 << max(len(encoded) * 3 // 2, 1).bit_length()  # at most two thirds full: probes stay short
    words_at = _HEADER.size + 4 * size
    slots = array.array("I", [_EMPTY]) * size
    for start, key in zip(itertools.accumulate(map(len, encoded), initial=words_at), encoded):
        slot = zlib.crc32(key) & (size - 1)
        while slots[slot] != _EMPTY:
            slot = (slot + 1) & (size - 1)
        slots[slot] = start
    body = slots.tobytes() + b"".join(encoded)
    return _HEADER.pack(size, _HEADER.size + len(body)) + body


def stored_word_set(name: str, words: Callable[[], Iterable[str]], sources: tuple[str, ...], *key: object
                    ) -> WordSet:
    """The set of `words()`, from its stored table (made and stored the first time). A stored
    table cut short is made again, in memory."""
    data = stored_bytes(name, lambda: table(words()), (__file__, *sources), *key)
    if not _whole(data):
        data = table(words())
    return WordSet(data)


def _whole(data: bytes | mmap.mmap) -> bool:
    """Whether `data` is as long as its header says (a table cut short is not)."""
    if len(data) < _HEADER.size:
        return False
    size, length = _HEADER.unpack(data[: _HEADER.size])
    return size > 0 and not size & (size - 1) and length == len(data) >= _HEADER.size + 4 * size
