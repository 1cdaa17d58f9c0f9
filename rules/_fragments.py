"""Shared word lists and word-frequency look-ups of the fragment and consistency rules."""
from __future__ import annotations

import functools
import math

from wordfreq import get_frequency_dict

from newslint.rules._phrases import load_phrases


@functools.cache
def word_set(name: str) -> frozenset[str]:
    """The entries of `data/<name>.txt`, lower-cased."""
    return frozenset(entry.lower() for entry in load_phrases(name))


@functools.cache
def english_frequencies() -> dict[str, float]:
    """wordfreq's English word list: lower-case word -> share of all words."""
    # One dictionary load (a fraction of a second) instead of wordfreq's per-call tokenising,
    # which costs tens of microseconds for every new word.
    return get_frequency_dict("en")


def frequency(word: str) -> float:
    """The share of English words that are the lower-case `word` (0.0 for unknown words)."""
    return english_frequencies().get(word, 0.0)


def zipf(word: str) -> float:
    """How common the lower-case `word` is in English: wordfreq's Zipf scale, 0 for unknown words,
    3 for a word met about once per million words, 6 for very common words."""
    share = frequency(word)
    return math.log10(share) + 9 if share else 0.0


def zipf_to_frequency(value: float) -> float:
    return 10 ** (value - 9)


@functools.lru_cache(maxsize=8)
def common_words(min_zipf: float) -> frozenset[str]:
    """The English words at least as common as `min_zipf` on the Zipf scale."""
    least = zipf_to_frequency(min_zipf)
    return frozenset(word for word, share in english_frequencies().items() if share >= least)

