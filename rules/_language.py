"""Whether text reads as English: the tests every rule asks, in one place.

Four questions, each answered from the commonest words of a language:
- the whole text (`Document.is_english`): English-only rules stand back on other text;
- one line (`english_line`): in a text that is not English, an English line still counts;
- one line the other way round (`foreign_line`): a line of prose with hardly any English
  function word reads as another language, even inside an English text;
- which other language a text or a line is in (`guess_language`), among the languages of
  `data/words_languages.txt`.
`EnglishLines` combines the first two for a finding at an offset. Its verdicts on lines
are kept on the document (`Document.shared`), so the rules that ask share them.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

from newslint.document import Document
from newslint.rules._frequency import function_words
from newslint.rules._lazy import LazyPattern
from newslint.rules._phrases import load_phrases

ENGLISH_LINE_WORDS = 8  # a line of a non-English text is judged on its own from this many words
ENGLISH_LINE_SHARE = 0.25  # ...and reads as English if this share of its words are very common ones
ENGLISH_DOC_WORDS = 45  # a text using this many of the ~100 commonest English words is English
FOREIGN_DOC_WORDS = 20  # ...and one using fewer may not be
SAMPLE_CHARS = 2000  # the start of a text tells its language
LANGUAGE_SHARE = 0.15  # share of a text's words that must be among its language's commonest
LANGUAGE_LEAD = 1.3  # ...and how many times more of them than of the next language's

_LETTER_RUN = LazyPattern(r"\p{L}+")
FOREIGN_LINE_WORDS = 6  # a line this long, with none of the commonest English words...
FOREIGN_LINE_SHARE = 0.1  # ...or fewer than this share of them, reads as another language
FOREIGN_LINE_SAMPLE = 300  # characters of a long line that tell its language


def foreign_line(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] reads as another language than English: six words or
    more, most of them in lower case, hardly any among the commonest English words."""
    words = _LETTER_RUN.findall(text, start, min(end, start + FOREIGN_LINE_SAMPLE))
    if len(words) < FOREIGN_LINE_WORDS or sum(1 for w in words if w.islower()) * 2 < len(words):
        return False  # short, or not prose: a schedule (Wed Jun 5 Chicago IL Arena)
    common = function_words()
    return sum(1 for w in words if w.lower() in common) < FOREIGN_LINE_SHARE * len(words)


class EnglishLines:
    """Whether a finding stands on English text: its line reads as English, or failing
    that the whole document does.

    A document whose distinct chunks hold most of the commonest English words is English
    without more ado (`observe`); otherwise the line is judged first, which spares most
    documents the cost of `Document.is_english`.
    """

    def __init__(self, doc: Document) -> None:
        self._doc = doc
        self._lines = doc.shared(_line_verdicts)
        self._common = -1  # distinct common English words among the chunks, once observed
        self.chunks: set[str] = set()

    def observe(self, chunks: set[str]) -> None:
        """Take note of the document's distinct chunks (see `find_merges`)."""
        self.chunks = chunks
        self._common = len(function_words().intersection(chunks))

    @property
    def observed(self) -> bool:
        """Whether `observe` was told the chunks."""
        return self._common >= 0

    def likely_foreign(self) -> bool:
        """Whether the observed chunks hold few of the commonest English words."""
        return 0 <= self._common < FOREIGN_DOC_WORDS

    def __call__(self, at: int) -> bool:
        return self._common >= ENGLISH_DOC_WORDS or self.line(at) or self._doc.is_english

    def foreign_line(self, at: int) -> bool:
        return not self.line(at)

    def line(self, at: int) -> bool:
        """Whether the line holding offset `at` reads as English on its own."""
        index = self._doc.line_index(at)
        if index not in self._lines:
            line = self._doc.line(index)
            self._lines[index] = english_line(self._doc.text, line.start, line.end)
        return self._lines[index]


def english_line(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] reads as English: a quarter of its words or more are among
    the commonest English words (the, of, and, was...)."""
    words = _LETTER_RUN.findall(text, start, end)
    if len(words) < ENGLISH_LINE_WORDS:
        return False
    common = function_words()
    return sum(1 for w in words if w.lower() in common) >= ENGLISH_LINE_SHARE * len(words)


def _line_verdicts(doc: Document) -> dict[int, bool]:
    """Whether each line of `doc` reads as English, by line index, filled in as asked."""
    return {}


# ---------------------------------------------------------------- other languages

@dataclass(frozen=True)
class Language:
    code: str  # wordfreq's code: "pt", "it"
    common: frozenset[str]  # its commonest words, to recognise it


@functools.cache
def languages() -> tuple[Language, ...]:
    return tuple(Language(code, frozenset(words))
                 for code, *words in map(str.split, load_phrases("words_languages")))


@functools.cache
def _language_index() -> dict[str, tuple[int, ...]]:
    """Each common word with the languages (indices into `languages()`) it belongs to."""
    index: dict[str, tuple[int, ...]] = {}
    for i, language in enumerate(languages()):
        for word in language.common:
            index[word] = (*index.get(word, ()), i)
    return index


def guess_language(text: str, least: int = 20) -> Language | None:
    """The language of a text that is not English (of `least` words or more), if one
    language clearly leads."""
    words = text[:SAMPLE_CHARS].lower().split()
    if len(words) < least:
        return None
    scores = [0] * len(languages())
    for found in map(_language_index().get, words):
        for i in found or ():
            scores[i] += 1
    (best, index), (second, _) = sorted(((s, i) for i, s in enumerate(scores)), reverse=True)[:2]
    if best < LANGUAGE_SHARE * len(words) or best < LANGUAGE_LEAD * second:
        return None
    return languages()[index]
