"""NL313 tail-section: a page section that follows the article, from its heading to the end."""
from __future__ import annotations

import bisect
import functools
import re
from itertools import accumulate, compress, count

from newslint.document import Document
from newslint.model import Violation
from newslint.rule import Option
from newslint.rules.edge_residue import (
    ToTheEndRule,
    deletion_to_the_end,
    prose_lines,
    prose_word_counts,
    stripped_lines,
)

MIN_ARTICLE_LINES = 2  # prose lines before the heading: the article
HEADING_MAX_WORDS = 6
# Headings of the sections a page puts after its article, compared as `heading_key`s:
# lower case, letters and spaces only (`12 Comments` and `Comments (3)` are `comments`).
# Each one opens such a section on pages of several sites in the labelled corpora.
HEADINGS = frozenset({
    "comment", "comments", "one comment", "no comments", "leave a comment", "leave a reply",
    "post a comment", "add a comment", "trackbacks",
    "comments are closed", "recent comments", "related posts", "related stories",
    "related content", "you may also like", "you might also like", "most popular", "tags",
})
_NOT_LETTERS = re.compile(r"[^a-z ]+")


def heading_key(line: str) -> str:
    return " ".join(_NOT_LETTERS.sub(" ", line.lower()).split())


def section_start(doc: Document, headings: frozenset[str] = HEADINGS) -> int | None:
    """The index of the line whose heading opens the section that ends the text, or None.

    The heading must follow at least two prose lines, must not be followed by a prose
    line (a related-links box set inside the article is followed by the article), and
    the prose after it must be shorter than the prose before it."""
    if not doc.is_english:
        return None
    lines, prose = stripped_lines(doc), prose_lines(doc)
    first = _first_after_most_prose(prose, prose_word_counts(doc))
    # The lines that read as a heading, found by maps (each line's key kept by its text), then
    # the first of them that no prose line follows.
    keys = map(_short_heading_key, lines[first:])
    for k in compress(count(first), map(headings.__contains__, keys)):
        if not (k + 1 < len(lines) and prose[k + 1]):
            return doc.nonblank_lines[k]
    return None


@functools.lru_cache(maxsize=1 << 15)  # asked of the same lines in every fix pass, and of lines pages share
def _short_heading_key(line: str) -> str | None:
    """`heading_key` of a stripped line short enough to be a heading, else None."""
    return heading_key(line) if len(line.split()) <= HEADING_MAX_WORDS else None


def _first_after_most_prose(prose: tuple[bool, ...], words: tuple[int, ...]) -> int:
    """The first line below at least MIN_ARTICLE_LINES prose lines and more than half the
    words of prose (len(prose) when there is none): the words above a line only grow down
    the text, so every line from there on passes both counts and none above it does. The
    counts are made with maps over the prose lines' words (`prose_word_counts`, none 0),
    not a loop over every line."""
    words_above = list(accumulate(filter(None, words), initial=0))
    enough = max(MIN_ARTICLE_LINES, bisect.bisect_right(words_above, words_above[-1] // 2))
    if enough >= len(words_above):
        return len(prose)
    positions = list(compress(range(len(prose)), prose))
    return positions[enough - 1] + 1


class TailSection(ToTheEndRule):
    """NL313 tail-section: a page section after the article, from its heading to the end.

    ## What it does
    Finds the heading of a section that pages put after the article (`Comments`,
    `12 Comments`, `Leave a Reply`, `Post a Comment`, `Related Posts`, `Related
    Stories`, `You May Also Like`, `Most Popular`, `Tags`) on a line of its own, and
    deletes everything from it to the end of the text, when: at least two lines of prose
    come before it, the line after it is not prose, and the prose after it is shorter
    than the prose before it. `extend-headings` adds headings of your own.

    ## Why is this bad?
    After the article, a page lists related links, tags and readers' comments under a
    heading. Their lines read as headlines or as prose, so line rules keep most of them,
    but the heading says what they are.

    ## Example
        ... the council will vote on the plan in March.

        Related Posts
        Council Approves New Parking Rules
        Five Hidden Beaches Along the Coast

    Use instead:
        ... the council will vote on the plan in March.

    One tail is reported once: where NL312, NL313 or NL314 deletes the same tail from an
    earlier line (or from the same line, under a lower code), that finding alone is
    reported, and its deletion covers this one.

    ## Fix safety
    Unsafe: everything after the heading goes. Measured deletion precision (`python
    bench/quality.py CORPUS --select NL313 --lines-only --no-flagged`): 1.000 on every
    extractor of the DEV corpus (111 lines; 0.999 of 2,393 on whole-page html_text) and of the
    DRAGNET corpus (2,583 lines) but readability, 0.974 (117 lines: a `Related Posts`
    box that one blog sets between the article and its last lines). A related-links box
    that an extractor put inside the article and that a line of prose follows is left
    alone; one followed by a headline or a list is not.

    ## Limitations
    English headings only. An article that uses one of these headings for a section of
    its own, late in the text and above a list, loses that section.
    """

    code = "NL313"
    name = "tail-section"
    fixable = True
    options = (Option("extend-headings", [], "more section headings that end the article "
                      "(compared in lower case, letters and spaces only)"),)

    def __init__(self, settings: dict | None = None) -> None:
        super().__init__(settings)
        extra = {heading_key(h) for h in self.settings["extend-headings"]}
        self._headings = HEADINGS | frozenset(h for h in extra if h)

    def check(self, doc: Document) -> list[Violation]:
        start = section_start(doc, self._headings)
        if start is None:
            return []
        what = "page section of {count} lines after the article, from '{first}'"
        return [deletion_to_the_end(self, doc, start, what)]
