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
looked up, a few hundred per text: they stay their UTF-8 bytes behind a hash table
(`_wordset`), 4.4 MB mapped from the stored file, where the strings and dict they would be
take 25 MB.
"""
from __future__ import annotations

import bisect
import functools
import itertools
import math
from collections.abc import Iterator
from dataclasses import dataclass

from newslint.rules._store import stored
from newslint.rules._wordset import WordSet, stored_table, table

FUNCTION_ZIPF = 6.0  # "the", "by", "in", "with": the commonest English words
HEAD_ZIPF = 2.5  # the words rules walk (NL101's pieces are the lowest floor walked each run)
_HEAD_FLOOR = 10.0 ** (HEAD_ZIPF - 9.0)
_MEMO_LIMIT = 1 << 17  # lookups remembered (unknown words included), least recent forgotten first


@functools.lru_cache(maxsize=_MEMO_LIMIT)
def frequency(word: str) -> float:
    """A lower-case word's share of running English text, 0.0 when the list lacks it
    (remembered: a text asks for the same words again and again)."""
    found = _head().get(word)
    return _table().rare.get(word) if found is None else found


@functools.lru_cache(maxsize=_MEMO_LIMIT)
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
    """The words below HEAD_ZIPF, most frequent first, as a stored word table (`_wordset`).
    A word's frequency comes from its offset in the table: `ends` are where the runs of
    words of one frequency end, `shares` those frequencies."""

    words: WordSet
    ends: tuple[int, ...]
    shares: tuple[float, ...]

    def get(self, word: str) -> float:
        start = self.words.offset(word)
        return 0.0 if start < 0 else self.shares[bisect.bisect_right(self.ends, start)]

    def items(self) -> Iterator[tuple[str, float]]:
        at, run = self.words.words_at, 0
        for word in self.words.words():
            while at >= self.ends[run]:
                run += 1
            yield word, self.shares[run]
            at += len(word.encode("utf-8", "surrogatepass")) + 1


@dataclass(frozen=True)
class _Table:
    head_words: str  # the words at HEAD_ZIPF or more, joined by line feeds
    head_runs: tuple[tuple[float, int], ...]  # their frequencies: (frequency, how many words)
    rare: _Rare


@functools.cache
def _table() -> _Table:
    head_words, runs, rare_runs = stored("frequencies-en", _stored_head, (__file__,))
    rare = WordSet(stored_table("frequencies-en-rare", _stored_rare, (__file__,)))
    ends = tuple(rare.words_at + end for _, end in rare_runs)
    return _Table(head_words, runs, _Rare(rare, ends, tuple(share for share, _ in rare_runs)))


@functools.cache
def _head() -> dict[str, float]:
    """The words at HEAD_ZIPF or more and their frequencies, most frequent first."""
    table = _table()
    shares = itertools.chain.from_iterable(itertools.repeat(share, count) for share, count in table.head_runs)
    return dict(zip(table.head_words.split("\n"), shares)) if table.head_words else {}


def _listed() -> list[tuple[str, float]]:
    """wordfreq's English list, most frequent first."""
    from wordfreq import get_frequency_dict  # imported only when the list is not stored yet

    listed = list(get_frequency_dict("en").items())
    if any(a[1] < b[1] for a, b in itertools.pairwise(listed)):
        listed.sort(key=lambda item: -item[1])  # wordfreq lists most frequent first; kept stable
    return listed


def _split(listed: list[tuple[str, float]]) -> int:
    return next((i for i, (_, share) in enumerate(listed) if share < _HEAD_FLOOR), len(listed))


def _stored_head() -> tuple[str, tuple[tuple[float, int], ...], tuple[tuple[float, int], ...]]:
    """The words at HEAD_ZIPF or more and their frequencies as runs of equal values (how
    many words); the rarer words' frequencies as runs too (where each run ends in bytes)."""
    listed = _listed()
    split = _split(listed)
    head, rare = listed[:split], listed[split:]
    runs = tuple((share, len(list(group))) for share, group in itertools.groupby(share for _, share in head))
    rare_runs, end = [], 0
    for share, group in itertools.groupby(rare, key=lambda item: item[1]):
        end += sum(len(word.encode("utf-8", "surrogatepass")) + 1 for word, _ in group)
        rare_runs.append((share, end))
    return "\n".join(word for word, _ in head), runs, tuple(rare_runs)


def _stored_rare() -> bytes:
    """The rarer words as a stored word table, most frequent first."""
    listed = _listed()
    return table(word for word, _ in listed[_split(listed):])
