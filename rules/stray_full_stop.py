"""NL402 stray-full-stop: a full stop inside a sentence, followed by a lower-case word."""
from __future__ import annotations

from collections.abc import Iterator

import regex

from newslint.document import Document
from newslint.model import Fix, Violation
from newslint.rule import Option, Rule
from newslint.rules._frequency import zipf
from newslint.rules._lazy import LazyPattern
from newslint.rules._phrases import lowercase_words

# A lower-case word, a stop, spaces, a lower-case word and at least one more word on the line.
# Neither word may touch a dot, digit, slash, @ or an upper-case letter, so `e.g.`, `U.S.`,
# `pic.twitter.com` and `iPhone` stay out. The pattern starts at the stop because scanning for
# a stop is far faster than trying every word; a look-ahead for a lower-case word then rules
# out most stops at once, before a look-behind finds the word before the stop.
_CANDIDATE = LazyPattern(
    r"\.(?=[ \t]+\p{Ll}{2})(?<=(?<![\w.@/'’&-])(?P<before>\p{Ll}{2,})\.)"
    r"[ \t]+(?P<after>\p{Ll}{2,})(?=[,;:]?[ \t]+\w)"
)
_URL_WORDS = frozenset({"http", "https", "www", "com"})
# Words that carry a sentence on and seldom open one, even for writers who start sentences in
# lower case (`sanctions. from a position`, `delayed. by a day`). After a stop, any other word
# (`but`, `then`, `he`, `in`) opens a sentence of its own often enough in blogs, comments,
# tweets and e-mails that the stop cannot be called stray.
_CARRY_ON = frozenset(("from of to with by into onto than via per against toward towards within "
                       "without among amongst between through across").split())
# Lines written in their own style: an embedded post (`pic.twitter.com/...`, `— Name (@handle)
# date`, a reply opening with `@handle`) and a transcript turn (`RUHLE: ...`).
_OWN_STYLE = LazyPattern(r"pic\.twitter\.com/|https?://t\.co/|[—–-][ \t][^\n]{1,60}\(@\w+\)"
                           r"|^[ \t]*\p{Lu}[\p{Lu} .'’-]{1,30}:[ \t]|^[ \t]*@\w", regex.M)
_OPENING_QUOTES = ("“", "«")
_CLOSING_QUOTES = ("”", "»")
MIN_ZIPF = 3.0  # both words must be common English words (wordfreq Zipf scale)


def _lower_case_start(before: str, after: str) -> bool:
    """A full stop after an ordinary word, then a lower-case word: not an abbreviation, a name
    particle (`de Gaulle`) or a URL."""
    return not (before in lowercase_words("fragments_abbreviations")
                or after in lowercase_words("fragments_particles") or after in _URL_WORDS)


def _stray(before: str, after: str) -> bool:
    return after in _CARRY_ON and zipf(before) >= MIN_ZIPF and zipf(after) >= MIN_ZIPF


def _lower_case_starts(text: str, limit: int) -> list[regex.Match[str]]:
    """The lower-case sentence starts of `text`, up to `limit` of them, leaving out those in
    an embedded post, a transcript turn or a quotation, where lower-case starts are the
    writer's own. One pass: each line is searched once, and quotation marks are counted
    from the last start on, so a long line costs linear time."""
    starts: list[regex.Match[str]] = []
    pos = line_end = -1
    own = False
    opened = straight = 0
    for m in _CANDIDATE.finditer(text):
        if not _lower_case_start(m["before"], m["after"]):
            continue
        stop = m.start()
        if stop > line_end:  # a new line: judge it whole once
            line_start = text.rfind("\n", 0, stop) + 1
            line_end = text.find("\n", stop)
            line_end = len(text) if line_end < 0 else line_end
            own = bool(_OWN_STYLE.search(text, line_start, line_end))
            pos, opened, straight = line_start, 0, 0
        if own:
            continue
        between = text[pos:stop]
        opened += sum(map(between.count, _OPENING_QUOTES)) - sum(map(between.count, _CLOSING_QUOTES))
        straight += between.count('"')
        pos = stop
        if opened > 0 or straight % 2:
            continue
        starts.append(m)
        if len(starts) >= limit:
            break
    return starts


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
    `max-per-text` findings on, the rule reports nothing for that text. So is text whose
    writers start sentences in lower case: embedded posts (`... pic.twitter.com/...`,
    `— Name (@handle) date`), transcript turns (`PRESENTER: ...`) and quotations. Every
    lower-case word after a stop counts toward `max-per-text`, and only a word that
    carries a sentence on and seldom opens one is reported (`from`, `of`, `to`, `with`,
    `by`, `than` ...): after `but`, `then`, `he` or `in`, blogs, comments, tweets and
    e-mails start new sentences in lower case too often.

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

    Measured at 875d261: no finding on the Dragnet texts (all extractors), on the 2020s
    articles or on dev trafilatura and readability (a hand audit of a looser form of the
    rule found 2 of 19 right there, nearly all lower-case writers); the stray stop of the
    reference article is found.
    """
    code = "NL402"
    name = "stray-full-stop"
    fixable = True
    options = (
        Option("max-per-text", 2, "a text with this many candidates or more is taken to start "
               "sentences in lower case on purpose, and nothing is reported",
               check=lambda v: None if v >= 1 else "must be at least 1"),
    )

    def check(self, doc: Document) -> Iterator[Violation]:
        text = doc.text
        # Every lower-case start after a full sentence counts: past a few, the writer starts
        # sentences in lower case.
        limit = self.settings["max-per-text"]
        starts = _lower_case_starts(text, limit)
        if not starts or len(starts) >= limit or not doc.is_english:
            return
        found = [m for m in starts if _stray(m["before"], m["after"])]
        if not found:
            return
        for m in found:
            stop = m.start()
            yield self.violation(
                stop, stop + 1,
                f"stray full stop: '{m['after']}' carries on the sentence that ends in "
                f"'{m['before']}.'",
                Fix.delete(stop, stop + 1, safe=False),
            )
