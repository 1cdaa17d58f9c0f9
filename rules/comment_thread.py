"""NL312 comment-thread: readers' comments left after the article, found by their headers."""
from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from itertools import compress

from newslint.document import Document
from newslint.model import Violation
from newslint.rules.edge_residue import ToTheEndRule, deletion_to_the_end, is_prose, prose_lines, stripped_lines

HEADER_MAX_WORDS = 16
HEADER_OTHER_WORDS = 6  # a name and a connector or two besides the date and the time
MIN_HEADERS = 2
MIN_HEADERS_ALONE = 5  # headers enough without a heading or controls
MIN_CONTROLS = 2  # reply buttons or permalinks in the thread, when no heading opens it
MAX_COMMENT_LINES = 15  # non-blank lines from one header to the next inside a thread
PROSE_LOOKBACK = 8  # non-blank lines before the first header searched for the article's end
MIN_ARTICLE_LINES = 2  # prose lines the article keeps before the thread
HEADING_LOOKBACK = 3  # non-blank lines before the first header searched for a comments heading
SUPPORT_MAX_WORDS = 6

_MONTHS = ("january february march april may june july august september october november december "
           "jan feb mar apr jun jul aug sep sept oct nov dec").split()
_CLOCK = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\b|\b\d{1,2}\s*[ap]\.?m\b", re.I)
_DATE = re.compile(
    rf"\b(?:{'|'.join(_MONTHS)})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{'|'.join(_MONTHS)})\b"
    r"|\b\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}\b|\b\d+\s+\w+\s+ago\b|\b(?:yesterday|today)\b", re.I)
# `Jane says:`, `On Saturday Kurt wrote:` is left alone: a header names one person and stops.
_SAYS = re.compile(r"^[\w.'’ -]{1,40}?\s(?:says|said|wrote|writes)\s*:?\s*$", re.I)
_DATE_WORDS = re.compile(
    rf"(?i)\b(?:{'|'.join(_MONTHS)}|at|on|am|pm|a\.m|p\.m|ago|posted|by|et|est|edt|pst|pdt|gmt|utc"
    r"|minutes?|hours?|days?|weeks?|months?|years?|yesterday|today|reply|permalink|comment|comments)\b"
    r"|\d+\w*")
_WORD = re.compile(r"[^\W_]+")
_POSTED_BY = re.compile(r"\W*posted\s+by\b", re.I)  # `posted by Ann at 7:10 AM`: the day is the post's
# A comments heading just before the first header: `12 Comments`, `Leave a Reply`.
_HEADING = re.compile(r"(?i)\b(?:comments?|responses?|replies|leave\s+a|discussion)\b")
# Controls repeated under the comments: reply buttons, permalinks, `Jane says:`.
_CONTROL = re.compile(r"(?i)\b(?:reply|permalink|report|says|wrote)\b")


@functools.lru_cache(maxsize=1 << 15)  # asked of the same lines in every fix pass, and of lines pages share
def is_header(line: str) -> bool:
    """Whether a stripped line heads a comment: a name with a date and a clock time
    (`Jane Doe | July 12, 2012 at 2:05 pm`), `posted by Ann at 7:10 AM`, or `Jane says:`."""
    if _SAYS.match(line):
        return True
    words = line.split()
    if len(words) > HEADER_MAX_WORDS or not _CLOCK.search(line):
        return False
    if not _DATE.search(line) and not _POSTED_BY.match(line):
        return False
    other = _WORD.findall(_DATE_WORDS.sub(" ", line))
    return len(other) <= HEADER_OTHER_WORDS


def _is_short(line: str, pattern: re.Pattern[str]) -> bool:
    return len(line.split()) <= SUPPORT_MAX_WORDS and pattern.search(line) is not None


def thread_start(doc: Document) -> int | None:
    """The index of the line where a comment thread starts, or None."""
    if not doc.is_english:
        return None
    lines = stripped_lines(doc)
    headers = _header_positions(lines, prose_lines(doc))
    first = _first_of_thread(headers, lines)
    if first is None:
        return None
    thread = headers[headers.index(first):]
    controls = sum(1 for k in range(first, len(lines)) if _is_control(lines[k], k in thread))
    start = first
    for k in range(first - 1, max(-1, first - 1 - HEADING_LOOKBACK), -1):
        if _is_short(lines[k], _HEADING):
            start = k  # the thread's heading (`12 Comments`, `Leave a Reply`) goes with it
        elif is_prose(lines[k]):
            break
    if start == first and controls < MIN_CONTROLS and len(thread) < MIN_HEADERS_ALONE:
        return None
    return doc.nonblank_lines[start]


def _header_positions(lines: Sequence[str], prose: Sequence[bool]) -> list[int]:
    """The positions of the comment headers that follow at least two prose lines."""
    first = _below_prose(prose, MIN_ARTICLE_LINES)
    return list(compress(range(first, len(lines)), map(is_header, lines[first:])))


def _below_prose(prose: Sequence[bool], count: int) -> int:
    """The position right after the `count`-th prose line (len(prose) when there are fewer)."""
    at = -1
    for _ in range(count):
        try:
            at = prose.index(True, at + 1)
        except ValueError:
            return len(prose)
    return at + 1


def _first_of_thread(headers: list[int], lines: list[str]) -> int | None:
    """The first header that another follows closely (a comment is a few lines long) and
    that comes soon after a prose line: an article's own dateline is followed by the
    whole article, and stands under a headline, not under prose."""
    for k in range(len(headers) - MIN_HEADERS + 1):
        if headers[k + 1] - headers[k] <= MAX_COMMENT_LINES and _after_prose(lines, headers[k]):
            return headers[k]
    return None


def _after_prose(lines: list[str], position: int) -> bool:
    return any(is_prose(line) for line in lines[max(0, position - PROSE_LOOKBACK):position])


def _is_control(line: str, header: bool) -> bool:
    if header:
        return _CONTROL.search(line) is not None
    return _is_short(line, _CONTROL)


class CommentThread(ToTheEndRule):
    """NL312 comment-thread: readers' comments left after the article.

    ## What it does
    Finds the headers of readers' comments: a name with a date and a clock time
    (`Jane Doe | July 12, 2012 at 2:05 pm`, `posted by Ann at 7:10 AM | 0 comments`,
    `on October 30, 2012 at 1:56 pm`, `October 23rd, 2012 1:38 pm`) or `Jane Doe says:`. When the first header comes
    after at least two lines of prose (the article), and the headers are backed by a
    comments heading just before the first one (`12 Comments`, `Leave a Reply`), by two
    or more reply buttons or permalinks, or are five or more, everything from the first
    header (or its heading) to the end of the text is the thread: one finding, and a fix
    that deletes it. The thread starts at the first header that another follows within
    15 lines and that stands within 8 lines of a line of prose, so an article's own
    dateline (`Published March 2, 2021 at 9:14 am`, under its headline) is not taken for
    a comment. Texts that are not English are left alone.

    ## Why is this bad?
    Comment threads are not the article: they run on for pages, repeat the article's
    words in other people's mouths and end in comment forms and footers. Each comment
    reads as prose, so no line rule can tell it from the article.

    ## Example
        ... the council will vote on the plan in March.

        3 Comments

        Jane Doe says:
        March 2, 2021 at 9:14 am
        Finally! This should have happened years ago.
        Reply

        Sam Roe says:
        March 2, 2021 at 11:40 am
        Who is paying for it?
        Reply

    Use instead:
        ... the council will vote on the plan in March.

    One tail is reported once: where NL312, NL313 or NL314 deletes the same tail from an
    earlier line (or from the same line, under a lower code), that finding alone is
    reported, and its deletion covers this one.

    ## Fix safety
    Unsafe: the thread is cut at its first header and everything after it goes.
    Measured deletion precision (`python bench/quality.py CORPUS --select NL312
    --lines-only --no-flagged`): 1.000 on the DEV corpus (67 lines, boilerpy3 only;
    0.999 of 848 on whole-page html_text); on the DRAGNET corpus (`python
    bench/rule_precision.py CORPUS --select NL312`, 16,296 lines) 0.988 naive_p, 0.980
    justext, 0.970 boilerpy3, 0.945 readability, 0.932 trafilatura, 0.918 newspaper4k.
    Almost all the lines counted wrong there are the trackbacks of one blog (`Tracked on
    Apr 2, 2007 8:49:51 AM`), which its gold keeps as article text; the rest are short
    comment lines that repeat a line of the article. Nothing is deleted on the 1,420
    unlabelled 2020s articles.

    ## Limitations
    A live blog or a news digest whose entries each carry a name, a date and a clock
    time, five or more of them, is read as a thread. Comment headers without a clock time
    (`Jane Doe, March 2`) are not recognised; the text of a comment printed above its
    header (`Posted by: ...` under the comment) stays for the first comment.
    """

    code = "NL312"
    name = "comment-thread"
    fixable = True

    def check(self, doc: Document) -> list[Violation]:
        start = thread_start(doc)
        if start is None:
            return []
        return [deletion_to_the_end(self, doc, start, "comment thread of {count} lines from '{first}' to the end")]
