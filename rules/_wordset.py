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
from collections.abc import Callable, Iterable, Iterator

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

    @property
    def words_at(self) -> int:
        """Where the words start in the table (after its slots)."""
        return _HEADER.size + 4 * len(self._slots)

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.offset(word) >= 0

    def offset(self, word: str) -> int:
        """Where `word` starts in the table, -1 if it is not there."""
        if "\n" in word:
            return -1  # no listed word has one: it would read as two
        key = word.encode("utf-8", "surrogatepass") + b"\n"
        slot = zlib.crc32(key) & self._mask
        while (start := self._slots[slot]) != _EMPTY:
            if self._data[start : start + len(key)] == key:
                return start
            slot = (slot + 1) & self._mask
        return -1

    def words(self) -> Iterator[str]:
        """The words in their stored order."""
        return iter(self._data[self.words_at :].decode("utf-8", "surrogatepass").split("\n")[:-1])


def table(words: Iterable[str]) -> bytes:
    """The stored form of `words` (distinct, none holding a line feed), in their order: the
    number of slots, the length of the whole, the slots, the words."""
    encoded = [word.encode("utf-8", "surrogatepass") + b"\n" for word in words]
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
    def made() -> bytes:
        return table(dict.fromkeys(word for word in words() if "\n" not in word))

    return WordSet(stored_table(name, made, sources, *key))


def stored_table(name: str, make: Callable[[], bytes], sources: tuple[str, ...], *key: object
                 ) -> bytes | mmap.mmap:
    """The table `make()` gives, from its stored copy (made and stored the first time); a
    stored copy cut short is made again, in memory."""
    data = stored_bytes(name, make, (__file__, *sources), *key)
    return data if whole(data) else make()


def whole(data: bytes | mmap.mmap) -> bool:
    """Whether `data` is as long as its header says (a table cut short is not)."""
    if len(data) < _HEADER.size:
        return False
    size, length = _HEADER.unpack(data[: _HEADER.size])
    return size > 0 and not size & (size - 1) and length == len(data) >= _HEADER.size + 4 * size
