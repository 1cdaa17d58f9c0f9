"""Phrase lists kept as data files (one phrase per line, `#` comments) beside the rules.

Two ways of matching them against a line:
- as a whole line (`phrase_key`): both sides are compared lower-cased, with every space
  removed and outer punctuation stripped, so `Share this:`, `SHARE THIS` and a scraper's
  `Share this` with lost spaces all match the phrase `Share this`;
- as a line opening (`prefix_regex`): the phrase's words and punctuation in order,
  any case, with optional spaces between them (`Read more:` matches `READ MORE :`).
"""
from __future__ import annotations

import functools
from importlib import resources

import regex

from newslint.rules._lazy import LazyPattern

# Stripped from both ends of a line before comparing it with whole-line phrases.
OUTER_PUNCTUATION = (" \t\r\u00a0\u2009\u200b\ufeff"  # spaces
                     ":;.,!?|/\\»›>«‹<…*#+-–—•·●▪■►▶\"'“”‘’()[]{}")
_TOKEN = LazyPattern(r"\w+|[^\w\s]")


@functools.cache
def load_phrases(name: str) -> tuple[str, ...]:
    """Phrases from `data/<name>.txt`, in file order."""
    text = resources.files(__package__).joinpath("data", f"{name}.txt").read_text(encoding="utf-8")
    lines = (line.strip() for line in text.splitlines())
    return tuple(line for line in lines if line and not line.startswith("#"))


@functools.cache
def lowercase_words(name: str) -> frozenset[str]:
    """The entries of `data/<name>.txt`, lower-cased."""
    return frozenset(entry.lower() for entry in load_phrases(name))


def phrase_key(text: str) -> str:
    """The form in which a line and a whole-line phrase are compared."""
    return "".join(text.lower().split()).strip(OUTER_PUNCTUATION)


def prefix_regex(phrase: str) -> str:
    """Regex source matching `phrase` at a line start: its tokens in order, spaces optional."""
    tokens = _TOKEN.findall(phrase)
    if not tokens:
        raise ValueError(f"empty phrase {phrase!r}")
    source = r"[^\S\n]*".join(regex.escape(t) for t in tokens)
    # A phrase ending in a letter must end a word: `Related` is not the start of `Relatedly`.
    # A capital may follow, where a scraper lost the space (`Subscribe to ourDigital Edition`).
    return source + r"(?![\p{Ll}\d])" if tokens[-1][-1].isalnum() else source


def has_word(text: str, word: str, word_char=str.isalnum) -> bool:
    """`word` occurs in `text` as a whole word, in its own case: no `word_char` right before
    or after it (`Joel` in `By Joel Feder`, not in `Joely`)."""
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if not (at and word_char(text[at - 1])) and not (end < len(text) and word_char(text[end])):
            return True
        at = text.find(word, at + 1)
    return False
