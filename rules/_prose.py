"""Whether a line reads as a sentence, and where a line stands among sentences: the tests
that edge, thread and line rules share."""
from __future__ import annotations

import bisect
import functools
import re
from itertools import compress
from operator import itemgetter

from newslint.document import Document
from newslint.rules._lazy import LazyPattern

PROSE_MIN_WORDS = 8
PROSE_MIN_CHARS = 30
# A sentence mark at the end of a word (closing quotes and brackets may follow).
_SENTENCE_MARK = re.compile(r"""[.!?…。！？]["'”’)\]]*(?:\s|$)""")
# A word in lower case: one that opens with a letter a-z or ß-ÿ, or with a quote or a bracket
# and then such a letter (`lower_words`).
LOWER_START = frozenset(map(chr, [*range(ord("a"), ord("z") + 1), *range(ord("ß"), ord("ÿ") + 1)]))
_QUOTE_START = frozenset("\"'“‘(")
_FIRST = itemgetter(0)
COMMENT_WORD = re.compile(r"(?<![\w@/.-])comment(?:s|ed|ing|ers?)?\b")  # the word in a sentence (not `commentary`)
# `Stay up to date with vaccines, the NHS advises ...`, `Sign up: that is all the campaign asks,
# its organiser said.`: a prompt's words in a sentence that gives them to someone else (the
# article reporting what a body says or found). A site's prompt does not attribute itself.
ATTRIBUTED = LazyPattern(
    r",[^\S\n]*(?:and[^\S\n]+)?(?:the|its|his|her|their|\p{Lu}[\p{L}'’.-]*)(?:[^\S\n]+[\p{L}'’.-]+){0,4}?[^\S\n]+"
    r"(?:said|says|told|tells|added|adds|wrote|writes|explained|explains|argued|argues|advised|advises"
    r"|admitted|admits|found|finds|warned|warns|promised|promises|claimed|claims|noted|notes|urged|urges"
    r"|insisted|insists|stated|states)\b")


def is_prose(line: str) -> bool:
    """Whether a stripped line reads as a sentence: eight words or more, a sentence mark,
    and at least a third of its words in lower case (a Title Case headline is not prose)."""
    return prose_words(line) > 0


@functools.lru_cache(maxsize=1 << 15)  # asked of the same lines in every fix pass, and of lines pages share
def prose_words(line: str) -> int:
    """The words of a stripped line that reads as a sentence (`is_prose`), 0 for any other
    line: the rules that weigh the article by its words of prose count them once."""
    if len(line) < PROSE_MIN_CHARS or not _SENTENCE_MARK.search(line):
        return 0
    tokens = line.split()
    words = len(tokens)
    return words if words >= PROSE_MIN_WORDS and lower_words(tokens) >= words // 3 else 0


def lower_words(tokens: list[str]) -> int:
    r"""How many of a line's words (`str.split`) are in lower case (`LOWER_START`). Counted
    from the words' first characters with C-level maps: a regex over the line (what
    `(?:^|\s)["'“‘(]?[a-zß-ÿ]` finds) takes twice as long."""
    firsts = list(map(_FIRST, tokens))
    count = sum(map(LOWER_START.__contains__, firsts))
    if not _QUOTE_START.isdisjoint(firsts):  # `"the`, `(and`: the letter after the quote tells
        quoted = compress(tokens, map(_QUOTE_START.__contains__, firsts))
        count += sum(1 for token in quoted if token[1:2] in LOWER_START)
    return count


def stands_between_prose(doc: Document, index: int) -> bool:
    """Whether the non-blank lines right before and right after line `index` both read as
    sentences (`is_prose`): a short line there heads a section of the article, where a
    page's buttons and links stand at its edges or among other controls."""
    nonblank = doc.nonblank_lines
    at = bisect.bisect_left(nonblank, index)
    if at == 0 or at + 1 >= len(nonblank) or nonblank[at] != index:
        return False
    texts = doc.line_texts
    return is_prose(texts[nonblank[at - 1]].strip()) and is_prose(texts[nonblank[at + 1]].strip())


def runs_on_below(doc: Document, index: int) -> bool:
    """Whether the next non-blank line after line `index` goes on in lower case: line
    `index` is then part of a hard-wrapped sentence (`Share this page` / `with your
    parents, the charity says.`), not a control of the page standing alone."""
    nonblank = doc.nonblank_lines
    at = bisect.bisect_right(nonblank, index)
    if at >= len(nonblank):
        return False
    return doc.line_texts[nonblank[at]].lstrip()[:1].islower()


def stops_mid_sentence_above(doc: Document, index: int) -> bool:
    """Whether the non-blank line before line `index` stops on a lower-case word or a comma,
    without a sentence's end: line `index` then carries that sentence on."""
    nonblank = doc.nonblank_lines
    at = bisect.bisect_left(nonblank, index)
    if at == 0:
        return False
    above = doc.line_texts[nonblank[at - 1]].rstrip()
    return above[-1:] == "," or (above[-1:].isalpha() and above.split()[-1][:1].islower())
