"""English word frequencies, from wordfreq's large English list: the one place rules ask
how common a word is.

`frequencies` maps a lower-case word to its share of running text, most frequent first;
`zipf` is the same on wordfreq's Zipf scale (7.7 for "the", 3 for a word met once in a
million words, 0 when unknown). The word sets derived here are pure functions of the list
and their argument, cached once per process: they hold no state of any text.

The list is read from wordfreq the first time, then from a copy in the user cache
directory (`_store`): half the time and a third less memory, and wordfreq (with the
packages it imports) is not imported at all.
"""
from __future__ import annotations

import functools
import itertools
import math

from newslint.rules._store import stored

FUNCTION_ZIPF = 6.0  # "the", "by", "in", "with": the commonest English words


@functools.cache
def frequencies() -> dict[str, float]:
    return stored("frequencies-en", _wordfreq_english, (__file__,))


def _wordfreq_english() -> dict[str, float]:
    from wordfreq import get_frequency_dict  # imported only when the list is not stored yet

    return get_frequency_dict("en")


def zipf(word: str) -> float:
    """wordfreq's Zipf value of a lower-case word: 7.7 for "the", 0 when unknown."""
    freq = frequencies().get(word)
    return math.log10(freq) + 9.0 if freq else 0.0


@functools.cache
def function_words() -> frozenset[str]:
    """The commonest English words (zipf FUNCTION_ZIPF or more): the, of, and, was, with..."""
    floor = 10.0 ** (FUNCTION_ZIPF - 9.0)
    frequent = itertools.takewhile(lambda item: item[1] >= floor, frequencies().items())
    return frozenset(word for word, _ in frequent if word.isalpha())


@functools.lru_cache(maxsize=8)
def common_words(min_zipf: float) -> frozenset[str]:
    """The English words at least as common as `min_zipf` on wordfreq's Zipf scale."""
    least = 10 ** (min_zipf - 9)
    return frozenset(word for word, share in frequencies().items() if share >= least)
