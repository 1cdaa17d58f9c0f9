"""Word lists of the fragment and consistency rules, and the English words common enough to trust."""
from __future__ import annotations

import functools

from newslint.rules._phrases import load_phrases
from newslint.rules._words import frequencies


@functools.cache
def lowercase_words(name: str) -> frozenset[str]:
    """The entries of `data/<name>.txt`, lower-cased."""
    return frozenset(entry.lower() for entry in load_phrases(name))


@functools.lru_cache(maxsize=8)
def common_words(min_zipf: float) -> frozenset[str]:
    """The English words at least as common as `min_zipf` on wordfreq's Zipf scale."""
    least = 10 ** (min_zipf - 9)
    return frozenset(word for word, share in frequencies().items() if share >= least)
