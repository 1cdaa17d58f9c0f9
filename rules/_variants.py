"""Spelling variants of names: known sets (`data/variants_names.txt`) and a transliteration key."""
from __future__ import annotations

import functools
import unicodedata

import regex

from newslint.rules._phrases import load_phrases

# Letter groups that transliterations of one name swap (Luhansk/Lugansk, Kharkiv/Kharkov is
# left to the data file): applied in this order, then doubled letters are collapsed.
_SWAPS = (("kh", "h"), ("ph", "f"), ("ck", "k"), ("g", "h"), ("y", "i"), ("j", "i"), ("w", "v"))
_DOUBLED = regex.compile(r"(.)\1+")


@functools.cache
def known_variants() -> dict[str, int]:
    """Each spelling of the data file mapped to the number of its set."""
    lines = load_phrases("variants_names")
    return {word: number for number, line in enumerate(lines) for word in line.split()}


def _one_of_them(m: regex.Match[str]) -> str:
    # A function, not the template r"\1": `regex` would compile the template on every call.
    return m.group(1)


@functools.lru_cache(maxsize=65536)
def transliteration_key(word: str) -> str:
    """One form for spellings that differ only by transliteration habits (`Donbass` -> `donbas`)."""
    key = word.lower()
    if not key.isascii():
        key = "".join(c for c in unicodedata.normalize("NFKD", key) if not unicodedata.combining(c))
    for old, new in _SWAPS:
        key = key.replace(old, new)
    return _DOUBLED.sub(_one_of_them, key)
