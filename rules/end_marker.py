"""NL314 end-marker: a line that says the article is over (a comment count, a post's filing
footer), and everything after it."""
from __future__ import annotations

import re

from newslint.document import Document
from newslint.model import Violation
from newslint.rule import Rule
from newslint.rules.edge_residue import deletion_to_the_end, is_prose

MIN_ARTICLE_LINES = 3  # prose lines before the marker: the article
MIN_ARTICLE_WORDS = 100
MARKER_MAX_CHARS = 200  # a count heading may quote the title: `5 Responses to "..."`

# A count of readers' comments heading their thread: `12 Comments`, `No comments:`, `{4
# comments… read them below or add one}`, `One Response to "Title"`, `Comments (14)`.
_COUNT = re.compile(
    r"(?i)^\W{0,3}(?:\d+|no|one)\s*(?:comments?|responses?|replies|thoughts)\b"
    r"(?:\s+(?:on|to)\s.+|\W+read them below or add one\W{0,3}|\W{0,3})$"
    r"|^\W{0,3}(?:comments?|responses?|replies)\s*[(\[{]\s*\d+\s*[)\]}]\W{0,3}$")
# The filing line a blog prints under its post: `This entry was posted in News by Ann.`,
# `This entry was written by ann, posted on 10/18/2012 at 11:45 am.`
_FILED = re.compile(r"(?i)^\W{0,3}this (?:entry|post) was (?:posted|written|filed)\b")


def is_marker(line: str) -> bool:
    """Whether a stripped line marks the end of an article: a comment count or a filing footer."""
    if len(line) > MARKER_MAX_CHARS:
        return False
    return _COUNT.match(line) is not None or _FILED.match(line) is not None


def marker_start(doc: Document) -> int | None:
    """The index of the first marker line that follows the article, or None."""
    if not doc.is_english:
        return None
    texts = doc.line_texts
    lines, words = 0, 0
    for i in doc.nonblank_lines:
        line = texts[i].strip()
        if lines >= MIN_ARTICLE_LINES and words >= MIN_ARTICLE_WORDS and is_marker(line):
            return i
        if is_prose(line):
            lines += 1
            words += len(line.split())
    return None


class EndMarker(Rule):
    """NL314 end-marker: a line that says the article is over, and everything after it.

    ## What it does
    Finds a line that only stands where an article ends: the count that heads its
    readers' comments (`12 Comments`, `No comments:`, `Comments (14)`, `One Response to
    "Title"`, `{ 4 comments… read them below or add one }`) or the filing footer a blog
    prints under a post (`This entry was posted in News and tagged ...`, `This entry was
    written by Ann, posted on ...`). When at least three lines of prose of 100 words or
    more come before it, everything from it to the end of the text goes: one finding,
    and a fix that deletes it. Texts that are not English are left alone.

    ## Why is this bad?
    Comment threads run on after the article for pages; once a scraper has dropped
    their headers and reply buttons, each comment reads like a paragraph of the article
    and no other rule can tell them apart. The count or the footer above them is the
    one line that says where the article stopped.

    ## Example
        ... the council will vote on the plan in March.

        This entry was posted in Local News. Bookmark the permalink.
        2 Responses to "Council to vote on the plan"
        Finally! This should have happened years ago.
        Who is paying for it?

    Use instead:
        ... the council will vote on the plan in March.

    ## Fix safety
    Unsafe: everything after the marker goes. Measured deletion precision (`python
    bench/rule_precision.py CORPUS --select NL314`): 0.998 on the DEV corpus (865 lines,
    html_text, justext, naive_p) and 0.993 on the DRAGNET corpus (5,853 lines; worst
    extractors trafilatura and boilerpy3, 0.986). The lines counted wrong are comments
    that quote a sentence of the article and count headings that quote its title, both
    of which the labels find in the article's text; below 0.995 all the same.

    ## Limitations
    A live blog or a digest whose entries print their own comment counts loses
    everything after the first count that follows three paragraphs.
    """

    code = "NL314"
    name = "end-marker"
    fixable = True

    def check(self, doc: Document) -> list[Violation]:
        start = marker_start(doc)
        if start is None:
            return []
        what = "{count} lines after the end of the article, from '{first}'"
        return [deletion_to_the_end(self, doc, start, what)]
