"""NL314 end-marker: a line that says the article is over (a comment count, a post's filing
footer), and everything after it."""
from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from itertools import compress

from newslint.document import Document
from newslint.model import Violation
from newslint.rules._prose import COMMENT_WORD
from newslint.rules.comment_thread import is_header
from newslint.rules.edge_residue import ToTheEndRule, deletion_to_the_end, prose_word_counts, stripped_lines
from newslint.rules.tail_section import heading_key

MIN_ARTICLE_LINES = 3  # prose lines before the marker: the article
MIN_ARTICLE_WORDS = 100
MARKER_MAX_CHARS = 200  # a count heading may quote the title: `5 Responses to "..."`
HEADING_MAX_WORDS = 6
MIN_COMMENT_LINES = 2  # paragraphs above a marker that speak of comments
TITLE_LINES = 2  # the headline and the line under it
THREAD_LOOKAHEAD = 12  # non-blank lines after a comments heading searched for the thread
MIN_THREAD_SIGNS = 2

# A count of readers' comments heading their thread: `12 Comments`, `No comments:`, `{4
# comments… read them below or add one}`, `One Response to "Title"`, `Comments (14)`.
_COUNT = re.compile(
    r"(?i)^\W{0,3}(?:\d+|no|one)\s*(?:comments?|responses?|replies|thoughts)\b"
    r"(?:\s+(?:on|to)\s.+|\W+read them below or add one\W{0,3}|\W{0,3})$"
    r"|^\W{0,3}(?:comments?|responses?|replies)\s*[(\[{]\s*\d+\s*[)\]}]\W{0,3}$")
# A count that opens a sentence of the article: `One response to the budget came within
# minutes: ...`, `No replies to the letters had been received by Friday, the federation said.`
# A count heading names its title, in quotes or not (a question, an exclamation), and does not
# end in a full stop after a lower-case word with many words before it.
_COUNT_IN_SENTENCE = re.compile(r"(?i)^(?:\d+|no|one)\s+(?:responses?|replies|comments?|thoughts)\s+(?:on|to)\s"
                                r"[^\"“”‘’«»]*(?:\S+\s+){5,}\S*[a-z]\.$")
# The filing lines a blog prints under its post: `This entry was posted in News by Ann.`,
# `This entry was written by ann, posted on 10/18/2012 at 11:45 am.`, `You can follow any
# responses to this entry through the RSS 2.0 feed.`, `Comments are closed.`
# The footer names the post's author (`written by ann`), never `a nurse`; its `You can leave a
# response` goes on with `, or trackback`, where a sentence says where to send one.
_FILED = re.compile(r"(?i)^\W{0,3}(?:this (?:entry|post) was (?:posted|written|filed)\b"
                    r"(?!\s+by\s+(?:a|an|the|one|our|my|his|her|their)\s)"
                    r"|you can (?:follow any responses to this entry\b|leave a response\s*(?:,|\.|$))"
                    r"|comments are closed\b)")


# A comments heading without a count (NL313's comment headings) marks the end only when a
# thread follows it: comment headers or reply controls.
COMMENT_HEADINGS = frozenset({"comment", "comments", "leave a reply", "leave a comment", "post a comment",
                              "add a comment"})
_CONTROL = re.compile(r"(?i)^\W{0,3}(?:reply|report(?: abuse)?|permalink)\W{0,3}$")


# A post's filing line that ends in its comment count: `Posted in News | 16 Comments`,
# `Filed under Travel | No Comments »`, `Aug 2012 by Ann - 132 comments`.
_COUNTED_META = re.compile(r"(?i)[|·•—-]\s*(?:\d+|no|one)\s*(?:comments?|responses?)\W{0,3}$")
META_MAX_CHARS = 120


@functools.lru_cache(maxsize=1 << 15)  # asked of the same lines in every fix pass, and of lines pages share
def _may_end_article(line: str) -> bool:
    """Whether a stripped line is a marker (`is_marker`) or a comments heading without a
    count (`_comment_heading`): one look per line, kept by its text."""
    return is_marker(line) or _comment_heading(line)


def is_marker(line: str) -> bool:
    """Whether a stripped line marks the end of an article: a comment count or a filing footer."""
    if len(line) > MARKER_MAX_CHARS:
        return False
    if len(line) <= META_MAX_CHARS and _COUNTED_META.search(line):
        return True
    if _COUNT.match(line) is not None:
        return not _COUNT_IN_SENTENCE.match(line)
    return _FILED.match(line) is not None


def marker_start(doc: Document) -> int | None:
    """The index of the first marker line that follows the article, or None."""
    if not doc.is_english:
        return None
    lines, prose_words = stripped_lines(doc), prose_word_counts(doc)
    first, seen, words = 0, 0, 0
    # The article first: its prose lines and their words, counted until there are enough.
    while first < len(lines) and (seen < MIN_ARTICLE_LINES or words < MIN_ARTICLE_WORDS):
        if prose_words[first]:
            seen += 1
            words += prose_words[first]
        first += 1
    # The lines below that are a marker or a heading, found by a map, without a Python-level loop.
    for k in compress(range(first, len(lines)), map(_may_end_article, lines[first:])):
        if _QUOTABLE.match(lines[k]) and _about_comments(lines, prose_words, k):
            continue
        if _NONE.match(lines[k]) and k + 1 < len(lines) and prose_words[k + 1]:
            continue  # no comments follow a count of none: prose under it is the article's
        if is_marker(lines[k]) or _heads_thread(lines, k):
            return doc.nonblank_lines[k]
    return None


# The markers an article about comment sections may print as its own line (the message a
# reader sees): a bare `Comments are closed.` or `12 Comments`; a footer that names the
# post (`This entry was posted in`, `8 thoughts on "Title"`) is never the article's.
_QUOTABLE = re.compile(r"(?i)^\W{0,3}(?:comments are closed|(?:\d+|no|one)\s*comments?)\W{0,3}$")


# A count of none (`No comments`, `No responses`): what a page puts under it is a comment
# form or its footer, never a reader's paragraph; a paragraph under it is the article going
# on under a heading of its own (`No comments` over a minister's refusal to answer). Blogger's
# `No comments:` link stands over the blog's sidebar, which may be prose.
_NONE = re.compile(r"(?i)^\W{0,3}no\s*(?:comments?|responses?|replies|thoughts)[^\w:]{0,3}$")


def _about_comments(lines: Sequence[str], prose_words: Sequence[int], k: int) -> bool:
    """Whether the article above the marker at line `k` is about comments: its headline or
    the line under it speaks of comments, and MIN_COMMENT_LINES of its paragraphs do too;
    then a bare `Comments are closed.` or `12 Comments` (`_QUOTABLE`) is its own text."""
    if not any(COMMENT_WORD.search(line.lower()) for line in lines[:TITLE_LINES]):
        return False
    about = sum(1 for line, words in zip(lines[:k], prose_words) if words and COMMENT_WORD.search(line.lower()))
    return about >= MIN_COMMENT_LINES


def _comment_heading(line: str) -> bool:
    """Whether a stripped line is a comments heading without a count (`Leave a Reply`)."""
    return len(line.split()) <= HEADING_MAX_WORDS and heading_key(line) in COMMENT_HEADINGS


def _heads_thread(lines: Sequence[str], k: int) -> bool:
    """Whether the comments heading at line `k` is followed by comment headers or reply controls."""
    after = lines[k + 1:k + 1 + THREAD_LOOKAHEAD]
    return sum(1 for line in after if is_header(line) or _CONTROL.match(line)) >= MIN_THREAD_SIGNS


class EndMarker(ToTheEndRule):
    """NL314 end-marker: a line that says the article is over, and everything after it.

    ## What it does
    Finds a line that only stands where an article ends: the count that heads its
    readers' comments (`12 Comments`, `No comments:`, `Comments (14)`, `One Response to
    "Title"`, `{ 4 comments… read them below or add one }`, a filing line that ends in
    it: `Posted in News | 16 Comments`) or the filing footer a blog
    prints under a post (`This entry was posted in News and tagged ...`, `This entry was
    written by Ann, posted on ...`, `You can follow any responses to this entry ...`,
    `Comments are closed.`), or a comments heading without a count (`Comments`,
    `Leave a Reply`) that at least two comment headers (`Jane Doe says:`, `Ann | March 2,
    2021 at 9:14 am`) or reply buttons (`Reply`, `Permalink`) follow within 12 lines.
    When at least three lines of prose of 100 words or more come before it, everything
    from it to the end of the text goes: one finding, and a fix that deletes it. Unlike
    NL313 it does not ask the thread to be shorter than the article, nor the line after
    the heading not to be prose: the count, the footer or the thread's own headers say
    what follows. Texts that are not English are left alone, and so is a bare `Comments are
    closed.` or `12 Comments` under an article about comments (its headline or the line under
    it and two of its paragraphs speak of comments): the article quotes the message.
    A count that opens a sentence (`One response to the budget came within minutes: ...`,
    more than five words after `to`/`on`, no quotes, a full stop after a lower-case word) is
    the article's too; a post's title may end in `?` or `!`, rarely in a full stop.
    So are `This post was written by a nurse ...` (a footer names the author, not `a`, `the`,
    `our` ...) and `You can leave a response on the council's website ...` (the footer's goes on
    with `, or trackback`).
    A count of none without a colon (`No comments`) with a paragraph right under it is the
    article's heading: no reader's comment follows a count of none.

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

    One tail is reported once: where NL312, NL313 or NL314 deletes the same tail from an
    earlier line (or from the same line, under a lower code), that finding alone is
    reported, and its deletion covers this one.

    ## Fix safety
    Unsafe: everything after the marker goes. Measured at 875d261
    (`bench/rule_precision.py DEV DRAGNET`: residue lines / residue and clean lines deleted, clean
    lines a gold keeps by convention counted apart): 1.000 on the DEV corpus (459/459,
    html_text, justext, naive_p) and 0.999 on the DRAGNET corpus (7,275/7,283; 17 more
    kept by convention, raw 0.997; and 34 neutral lines; worst extractor justext,
    3,580/3,586). The 8 lines counted wrong are comments that quote a sentence or a short
    line of the article, which the labels find in the article's text. It stays unsafe
    although the figures reach 0.995: one wrong start costs the rest of the article.

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
