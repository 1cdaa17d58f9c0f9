"""Glued lower-case words in text that is not English (used by NL101).

A text that is not English is matched to one of the languages of `words_languages.txt`
by its commonest words. On its lines that read neither as English nor as another
language, a lower-case token
that neither that language's word list nor the English one knows is segmented into the
language's words, at the same costs as in English (`completoda`, `essereconnesso`,
`eacontece`). The language's whole word list (stored once as a table that later processes
map, see `_wordset`) must not know the token either: a rare inflected form
(`abandonamos`) is not a stem glued to a short word (`abandonam os`).

Only in the languages of `SEGMENTED`: never in one that writes compounds as one word
(German `Pflegeeinrichtungen`, Dutch, the Scandinavian languages) or glues suffixes to
words (Finnish, Hungarian, Turkish, Indonesian `-nya`), nor in other scripts than Latin. A lower-case word glued to
a capitalised one (`cheNetflix`) is the English splitter's (see `case`).
"""
from __future__ import annotations

import functools
import math
from collections.abc import Callable, Iterable

from newslint.document import Document
from newslint.rules._frequency import FUNCTION_ZIPF, frequency
from newslint.rules._language import Language, guess_language
from newslint.rules._store import stored
from newslint.rules._wordset import WordSet, stored_word_set
from newslint.rules.merged_words.words import MAX_PIECE, Params, segment, whole_cost

LINE_WORDS = 8  # a line this long must not read as another language than the text's
KNOWN_ENGLISH_ZIPF = 1.0  # a token English knows this well is a word or a brand
CACHE_LIMIT = 100_000  # tokens remembered between documents, per language
# The languages whose glued lower-case words are segmented: written in Latin script,
# and neither writing compounds as one word (German, Dutch, Scandinavian) nor gluing
# suffixes to words (Finnish, Hungarian, Turkish, Indonesian).
SEGMENTED = frozenset(("pt", "es", "fr", "it", "ca", "ro", "pl", "cs"))
LATIN_END = "\u024f"  # the last letter of the Latin blocks

_EDGE_PUNCTUATION = "\"'“”‘’()[].,;:!?*…-–—«»„"
_KNOWN_ENGLISH_FREQ = 10.0 ** (KNOWN_ENGLISH_ZIPF - 9.0)


def load_lists(doc: Document, params: Params) -> None:
    """Load the word lists `foreign_merges` will need for `doc`, if it is in a segmented
    language: a batch of documents is prepared ahead instead of its first document paying."""
    language = guess_language(doc.text)
    if language is not None and language.code in SEGMENTED:
        _whole_list(language.code)
        _piece_costs(language.code, params)


def foreign_merges(doc: Document, chunks: Iterable[str], params: Params,
                   foreign_line: Callable[[int], bool],
                   cache: dict[tuple[str, str], tuple[int, ...]] | None = None,
                   ) -> list[tuple[int, int, tuple[int, ...]]]:
    """(start, end, cuts) of the glued lower-case words among the distinct `chunks` of a
    text that is not English, on lines for which `foreign_line(offset)` holds and that do
    not read as another language (judged on lines of LINE_WORDS words or more). `cache`,
    if given, keeps the cuts of tokens by language, for the same params."""
    text = doc.text
    language = guess_language(text)
    if language is None or language.code not in SEGMENTED:
        return []
    line_languages: dict[int, Language | None] = {}
    found = []
    for chunk in chunks:
        core = chunk.strip(_EDGE_PUNCTUATION)
        if len(core) < params.min_length or not core.isalpha() or not core.islower():
            continue
        cuts = _cuts(core, language, params, cache)
        if not cuts:
            continue
        offset = chunk.find(core)
        start = text.find(chunk)
        while start >= 0:
            end = start + len(chunk)
            whole = (start == 0 or text[start - 1].isspace()) and (
                end == len(text) or text[end].isspace())
            if whole and foreign_line(start):
                line_language = _line_language(doc, start, line_languages)
                if line_language is None or line_language == language:
                    at = start + offset
                    found.append((at, at + len(core), tuple(at + c for c in cuts)))
            start = text.find(chunk, end)
    return sorted(found)


def _line_language(doc: Document, at: int, known: dict[int, Language | None]) -> Language | None:
    index = doc.line_index(at)
    if index not in known:
        line = doc.line(index)
        known[index] = guess_language(doc.text[line.start : line.end], LINE_WORDS)
    return known[index]


def _cuts(core: str, language: Language, params: Params,
          cache: dict[tuple[str, str], tuple[int, ...]] | None) -> tuple[int, ...]:
    if cache is None:
        return _core_cuts(core, language.code, params)
    key = (language.code, core)
    cuts = cache.get(key)
    if cuts is None:
        if len(cache) >= CACHE_LIMIT:
            cache.clear()
        cuts = cache[key] = _core_cuts(core, language.code, params)
    return cuts


def _core_cuts(core: str, code: str, params: Params) -> tuple[int, ...]:
    """The cuts of a glued lower-case token in a language, or ()."""
    if max(core) > LATIN_END or core in _short_list(code):
        return ()
    english = frequency(core)
    if english and english >= _KNOWN_ENGLISH_FREQ:
        return ()
    found = segment(core, params, costs=_piece_costs(code, params))
    if found is None or whole_cost(core, params) - found[0] < params.margin:
        return ()
    return () if core in _whole_list(code) else found[1]


@functools.cache
def _short_list(code: str) -> dict[str, float]:
    """wordfreq's short list for a language (words of Zipf 3 or more), stored once (see
    `_store`): later processes load it without importing wordfreq and what it imports."""
    def build() -> dict[str, float]:
        from wordfreq import get_frequency_dict

        return dict(get_frequency_dict(code, wordlist="small"))

    return stored(f"short-words-{code}", build, (__file__,), code)


@functools.cache
def _whole_list(code: str) -> WordSet:
    """Every word wordfreq knows in a language, asked only to confirm a segmentation: stored
    once as a mapped table, where a dict of it would be built again by every process."""
    def words() -> Iterable[str]:
        from wordfreq import get_frequency_dict

        return get_frequency_dict(code, wordlist="best")

    return stored_word_set(f"words-{code}", words, (), code)


@functools.cache
def _piece_costs(code: str, params: Params) -> dict[str, float]:
    """The words of a language that may be pieces of a split, with their costs: as in
    English, and of one or two letters only if they are among its commonest words."""
    costs = {}
    for word, freq in _short_list(code).items():
        z = math.log10(freq) + 9.0
        size = len(word)
        if size > MAX_PIECE or not word.isalpha():
            continue
        floor = FUNCTION_ZIPF if size <= 2 else params.min_zipf + (0.5 if size == 3 else 0.0)
        if z >= floor:
            costs[word] = 9.0 - z
    return costs
