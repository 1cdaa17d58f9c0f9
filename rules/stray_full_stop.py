"""NL402 stray-full-stop: a full stop inside a sentence, followed by a lower-case word."""
from __future__ import annotations

from collections.abc import Iterator

import regex

from newslint.document import Document
from newslint.model import Fix, Violation
from newslint.rule import Option, Rule
from newslint.rules._fragments import lowercase_words
from newslint.rules._words import zipf

# A lower-case word, a stop, spaces, a lower-case word and at least one more word on the line.
# Neither word may touch a dot, digit, slash, @ or an upper-case letter, so `e.g.`, `U.S.`,
# `pic.twitter.com` and `iPhone` stay out. The pattern starts at the stop because scanning for
# a stop is far faster than trying every word; a look-ahead for a lower-case word then rules
# out most stops at once, before a look-behind finds the word before the stop.
_CANDIDATE = regex.compile(
    r"\.(?=[ \t]+\p{Ll}{2})(?<=(?<![\w.@/'’&-])(?P<before>\p{Ll}{2,})\.)"
    r"[ \t]+(?P<after>\p{Ll}{2,})(?=[,;:]?[ \t]+\w)"
)
_URL_WORDS = frozenset({"http", "https", "www", "com"})
MIN_ZIPF = 3.0  # both words must be common English words (wordfreq Zipf scale)


def _stray(before: str, after: str) -> bool:
    if before in lowercase_words("fragments_abbreviations") or after in lowercase_words("fragments_particles"):
        return False
    if after in _URL_WORDS:
        return False
    return zipf(before) >= MIN_ZIPF and zipf(after) >= MIN_ZIPF


class StrayFullStop(Rule):
    """NL402 stray-full-stop: a full stop inside a sentence, followed by a lower-case word.

    ## What it does
    Finds a full stop between two ordinary lower-case English words, as in
    `crippling US-led sanctions. from a position of strength.`: the text after the stop
    carries on the same sentence, so the stop was left behind when a scraper dropped or
    moved a piece of the sentence (a link, a footnote marker, an inline element).

    To stay clear of the many lower-case words that normally follow a stop, it skips
    abbreviations (`1 tsp. olive oil`, `etc. and`, `vs. dollar`; the list is in
    `rules/data/fragments_abbreviations.txt`), dotted forms (`a.m.`, `e.g.`, `cu.ft.`),
    capitalised words before the stop (`Nov. that`), name particles after it (`de Gaulle`,
    `van Gogh`), brand-like words (`iPhone`, `eBay`, `my6sense`), URLs, words that are not
    common English words, a single word left at the end of a line (`nation. less`, a
    "show less" button), and non-English text. A text that starts several sentences in
    lower case on purpose (a lower-case house style, verse) is left alone: from
    `max-per-text` findings on, the rule reports nothing for that text.

    ## Why is this bad?
    A sentence cut in two reads as two broken sentences, and sentence splitters, grammar
    checkers and language models downstream treat the second half as a sentence of its own.

    ## Example
        ... negotiate the lifting of crippling US-led sanctions. from a position of strength.

    Use instead:
        ... negotiate the lifting of crippling US-led sanctions from a position of strength.

    ## Fix safety
    Unsafe: the rule judges by the shape of the words around the stop; a sentence that
    really ends there and a next one that starts in lower case (a name, a quoted lower-case
    title) would be joined.
    """
    code = "NL402"
    name = "stray-full-stop"
    fixable = True
    options = (
        Option("max-per-text", 4, "a text with this many candidates or more is taken to start "
               "sentences in lower case on purpose, and nothing is reported",
               check=lambda v: None if v >= 1 else "must be at least 1"),
    )

    def check(self, doc: Document) -> Iterator[Violation]:
        found = [m for m in _CANDIDATE.finditer(doc.text) if _stray(m["before"], m["after"])]
        if not found or len(found) >= self.settings["max-per-text"] or not doc.is_english:
            return
        for m in found:
            stop = m.start()
            yield self.violation(
                stop, stop + 1,
                f"stray full stop: '{m['after']}' carries on the sentence that ends in "
                f"'{m['before']}.'",
                Fix.delete(stop, stop + 1, safe=False),
            )
