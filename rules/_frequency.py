"""English word frequencies, from wordfreq's large English list: the one place rules ask
how common a word is.

`frequency` gives a lower-case word's share of running text (0.0 when unknown); `zipf` is
the same on wordfreq's Zipf scale (7.7 for "the", 3 for a word met once in a million
words, 0 when unknown); `frequent` walks the words at least so frequent, most frequent
first. The word sets derived here are pure functions of the list and their argument,
cached once per process: they hold no state of any text.

The list is read from wordfreq the first time, then from a compact copy in the user cache
directory (`_store`), and wordfreq (with the packages it imports) is not imported at all.
Of its 321,000 words, the 54,000 at zipf HEAD_ZIPF or more are the ones rules walk
(`frequent`): they are made strings and a dict when first asked for. The others are only
looked up, a few hundred per text: they stay one block of UTF-8 bytes with a hash table in
arrays (`_Rare`), mapped from the stored file, so that a process reads only the pages its
lookups touch, where the strings and dict they would be take 25 MB.
"""
from __future__ import annotations

import array
import functools
import itertools
import math
import struct
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from newslint.rules._store import stored, stored_bytes

FUNCTION_ZIPF = 6.0  # "the", "by", "in", "with": the commonest English words
HEAD_ZIPF = 2.5  # the words rules walk (NL101's pieces are the lowest floor walked each run)
_HEAD_FLOOR = 10.0 ** (HEAD_ZIPF - 9.0)
_EMPTY_SLOT = 0xFFFFFFFF
_MEMO_LIMIT = 200_000  # rare lookups remembered (unknown words included), then forgotten


def frequency(word: str) -> float:
    """A lower-case word's share of running English text, 0.0 when the list lacks it."""
    found = _head().get(word)
    if found is None:
        found = _rare_frequency(word)
    return found


def zipf(word: str) -> float:
    """wordfreq's Zipf value of a lower-case word: 7.7 for "the", 0 when unknown."""
    freq = frequency(word)
    return math.log10(freq) + 9.0 if freq else 0.0


def frequent(floor: float) -> Iterator[tuple[str, float]]:
    """The words whose frequency is `floor` or more, with it, most frequent first (the
    list's own order)."""
    if floor >= _HEAD_FLOOR:  # a first stretch of the head: counted from its runs of equal values
        runs = _table().head_runs
        count = sum(size for share, size in itertools.takewhile(lambda run: run[0] >= floor, runs))
        return itertools.islice(_head().items(), count)
    rare = _table().rare
    return itertools.chain(_head().items(), itertools.takewhile(lambda item: item[1] >= floor, rare.items()))


@functools.cache
def function_words() -> frozenset[str]:
    """The commonest English words (zipf FUNCTION_ZIPF or more): the, of, and, was, with..."""
    return frozenset(word for word, _ in frequent(10.0 ** (FUNCTION_ZIPF - 9.0)) if word.isalpha())


@functools.lru_cache(maxsize=8)
def common_words(min_zipf: float) -> frozenset[str]:
    """The English words at least as common as `min_zipf` on wordfreq's Zipf scale."""
    return frozenset(word for word, _ in frequent(10 ** (min_zipf - 9)))


# ---------------------------------------------------------------- the stored list

@dataclass(frozen=True)
class _Rare:
    """The words below HEAD_ZIPF, most frequent first: their UTF-8 bytes end to end, where
    each starts (`offsets`, one more at the end), their frequencies, and an open-addressing
    hash table (CRC-32 of the bytes, linear probing) of their indices."""

    blob: memoryview
    offsets: memoryview  # of unsigned ints, like `slots`; `shares` of doubles
    shares: memoryview
    slots: memoryview

    def get(self, word: str) -> float:
        key = word.encode("utf-8", "surrogatepass")
        mask = len(self.slots) - 1
        slot = zlib.crc32(key) & mask
        while (index := self.slots[slot]) != _EMPTY_SLOT:
            if self.blob[self.offsets[index] : self.offsets[index + 1]] == key:
                return self.shares[index]
            slot = (slot + 1) & mask
        return 0.0

    def items(self) -> Iterator[tuple[str, float]]:
        words = bytes(self.blob).decode("utf-8", "surrogatepass")
        cuts = itertools.pairwise(self.offsets)
        if words.isascii():
            return zip((words[start:end] for start, end in cuts), self.shares)
        return zip((bytes(self.blob[start:end]).decode("utf-8", "surrogatepass") for start, end in cuts),
                   self.shares)


@dataclass(frozen=True)
class _Table:
    head_words: str  # the words at HEAD_ZIPF or more, joined by line feeds
    head_runs: tuple[tuple[float, int], ...]  # their frequencies: (frequency, how many words)
    rare: _Rare


_HEADER = struct.Struct("<4Q")  # the rare table's sizes: shares, offsets, slots, blob


@functools.cache
def _table() -> _Table:
    head_words, runs = stored("frequencies-en", _stored_head, (__file__,))
    data = stored_bytes("frequencies-en-rare", _stored_rare, (__file__,))
    sizes = _HEADER.unpack(data[: _HEADER.size])
    parts, at = [], _HEADER.size
    for size in sizes:
        parts.append(data[at : at + size])
        at += size
    shares, offsets, slots, blob = parts
    return _Table(head_words, runs, _Rare(blob, offsets.cast("I"), shares.cast("d"), slots.cast("I")))


@functools.cache
def _head() -> dict[str, float]:
    """The words at HEAD_ZIPF or more and their frequencies, most frequent first."""
    table = _table()
    shares = itertools.chain.from_iterable(itertools.repeat(share, count) for share, count in table.head_runs)
    return dict(zip(table.head_words.split("\n"), shares)) if table.head_words else {}


@functools.lru_cache(maxsize=_MEMO_LIMIT)
def _rare_frequency(word: str) -> float:
    """`_Rare.get`, remembered: a text asks for the same names and rare words again and again."""
    return _table().rare.get(word)


def _listed() -> list[tuple[str, float]]:
    """wordfreq's English list, most frequent first."""
    from wordfreq import get_frequency_dict  # imported only when the list is not stored yet

    listed = list(get_frequency_dict("en").items())
    if any(a[1] < b[1] for a, b in itertools.pairwise(listed)):
        listed.sort(key=lambda item: -item[1])  # wordfreq lists most frequent first; kept stable
    return listed


def _split(listed: list[tuple[str, float]]) -> int:
    return next((i for i, (_, share) in enumerate(listed) if share < _HEAD_FLOOR), len(listed))


def _stored_head() -> tuple[str, tuple[tuple[float, int], ...]]:
    """The words at HEAD_ZIPF or more, and their frequencies as runs of equal values."""
    listed = _listed()
    head = listed[: _split(listed)]
    runs = tuple((share, len(list(group))) for share, group in itertools.groupby(share for _, share in head))
    return "\n".join(word for word, _ in head), runs


def _stored_rare() -> bytes:
    """The rarer words as `_Rare` reads them, behind a header of the sizes of its parts:
    frequencies (8-byte floats first, so that they are aligned), offsets, slots, bytes."""
    listed = _listed()
    rare = listed[_split(listed):]
    encoded = [word.encode("utf-8", "surrogatepass") for word, _ in rare]
    offsets = array.array("I", itertools.accumulate(map(len, encoded), initial=0))
    size = 1 << max(len(rare) * 2, 1).bit_length()  # at most half full: probes stay short
    slots = array.array("I", [_EMPTY_SLOT]) * size
    for index, key in enumerate(encoded):
        slot = zlib.crc32(key) & (size - 1)
        while slots[slot] != _EMPTY_SLOT:
            slot = (slot + 1) & (size - 1)
        slots[slot] = index
    parts = [array.array("d", (share for _, share in rare)).tobytes(), offsets.tobytes(), slots.tobytes(),
             b"".join(encoded)]
    return _HEADER.pack(*map(len, parts)) + b"".join(parts)
