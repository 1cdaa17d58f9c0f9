"""Shared word lists and word-frequency look-ups of the fragment and consistency rules."""
from __future__ import annotations

import functools
import itertools
import math

import regex
from wordfreq import get_frequency_dict

from newslint.document import _ENGLISH_STOPWORDS, Document
from newslint.rules._phrases import load_phrases

# Document.is_english's token pattern, sample size and threshold, to give the same answers.
_TOKEN = regex.compile(r"\w+(?:['’.\-]\w+)*")
ENGLISH_SAMPLE_TOKENS = 3000
ENGLISH_STOPWORD_SHARE = 0.12


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


def is_english(doc: Document) -> bool:
    """`doc.is_english`, reading only the first tokens of the text.

    The document property tokenises the whole text before looking at its first 3000
    tokens; this gives the same answer from those tokens alone, and reuses the property's
    value when another rule has computed it already."""
    known = vars(doc).get("is_english")
    return known if known is not None else _english_start(doc)


@functools.lru_cache(maxsize=4)
def _english_start(doc: Document) -> bool:
    tokens = itertools.islice(_TOKEN.finditer(doc.text), ENGLISH_SAMPLE_TOKENS)
    words = [w for w in (m.group().lower() for m in tokens) if w.isalpha()]
    if len(words) < 8:
        return True  # too short to tell, as the property says
    hits = sum(1 for w in words if w in _ENGLISH_STOPWORDS)
    return hits / len(words) >= ENGLISH_STOPWORD_SHARE
