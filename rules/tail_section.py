"""NL313 tail-section: a page section that follows the article, from its heading to the end."""
from __future__ import annotations

import bisect
import functools
import re
from itertools import accumulate, compress

from newslint.document import Document
from newslint.model import Violation
from newslint.rule import Option
from newslint.rules._lines import excerpt
from newslint.rules._prose import COMMENT_WORD
from newslint.rules.edge_residue import (
    ToTheEndRule,
    deletion_to_the_end,
    is_title_case,
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
    "show comments",
})
# Headings that say which readers' comments follow (`Top Rated Comments`, `Featured
# Comments`, `Reader Comments`): the thread's own title, never a link set between an
# article's paragraphs as a bare `Comments` may be, so the comments' prose may follow them.
# Each heads a thread after the article on pages of the labelled corpora (macrumors,
# businessinsider, softpedia), and no article line.
THREAD_HEADINGS = frozenset({"top rated comments", "featured comments", "reader comments", "readers comments"})
THREAD_MIN_ARTICLE_LINES = 3  # prose lines above a thread's title: the article, however long the thread
_NOT_LETTERS = re.compile(r"[^a-z ]+")
# A heading may have prose under it when fewer than half of the lines from it to the end
# are prose (a related box's teasers, a comment form's notes): a box set inside the
# article is followed by the article, all prose.
MIN_LINES_UNDER_PROSE = 3
# ... and when that first prose line is short: a teaser's question or a comment form's note
# (`Your email address will not be published.`), not a paragraph. A page may set its
# `Comments` link between the article's last paragraphs.
MAX_PROSE_UNDER_WORDS = 15
# `About Jane Doe`, `About Gadget Notes`, `About Me`: a box on the writer or the site,
# headed by a name in capitals that the text above never mentions (an article's own
# `About Jane Doe` speaks of someone it has named), or by the writer's or the site's
# own words for itself.
_ABOUT = re.compile(r"About((?:\s+[A-Z][\w&.’'-]*){1,4})\s*:?")
ABOUT_SELF = frozenset({"about me", "about us", "about the author", "about the authors", "about this blog"})
# The site's heading over links to its other pages: `More From the Examiner`, `Also on
# HuffPost:`, `Elsewhere on the BBC`, `More Posts`, `More in World` (capitalised words only:
# `More than 300 people came` is a sentence), and with what it lists or under `Related`:
# `More content from NBCNews.com:`, `More world stories from NBC News:`, `Related on
# HuffPost:` (`Related` with a capitalised word alone, `Related Costs`, may head the
# article's own section). `More About ...`, `More Information`, `More Details`, `More Help`
# and `More Resources` head the article's own sections and notes (whom to call, where to
# read on).
_SITE_LEAD = (r"(?:(?:More|Also|Elsewhere)(?:\s+(?i:on|from|at|in))?"
              r"|(?:More|Related)(?:\s+[a-z]+)?\s+(?:content|stories|news|coverage|articles|videos|posts)\s+(?:on|from)"
              r"|Related\s+(?:on|from|in))")
_MORE_FROM_SITE = re.compile(_SITE_LEAD + r"\s+(?:[Tt]he\s+)?"
                             r"(?!(?:About|Information|Info|Details|Help|Resources)\b)"
                             r"[A-Z][\w.’'&!-]*(?:\s+(?:[A-Z][\w.’'&!-]*|magazine)){0,3}\s*[:»…!.]*")
# ... but `the` and a thing the article has already spoken of in lower case is one of its own
# sections (`Also on the Ballot`, `More From the Hearing`, `Also in the Plan` over a list of
# its points); a site is named (`Elsewhere on the BBC`, `More From the Los Angeles Times`),
# not spoken of as a thing in the sentences above (a link's `bbc.com` is no word of them).
_THE_THING = re.compile(_SITE_LEAD + r"\s+[Tt]he\s+(?P<name>.+?)\s*[:»…!.]*")
_NAME_WORDS = re.compile(r"[A-Za-z][\w’'-]*")
_NOT_A_NAME = frozenset({"the", "this", "that", "these", "our", "a", "an"})  # `About The Study` is a section
# A site's or blog's words about itself, which pages print under the article without a
# heading: `Harbour Notes is a weekly blog about ...`, `Launched in 2009, Harbour Notes is a
# weblog devoted to ...`, `Example.com is a personal website.` Its name must be one the text
# above never uses: an article about a site names it before it describes it.
_SITE_ABOUT_ITSELF = re.compile(
    r"(?:[^.]{0,40},\s)?((?:[A-Z][\w’'.&-]*\s?){1,4})\sis\s(?:an?|the)\s(?:[\w-]+,?\s){0,4}"
    r"(?:blog|weblog|website|web\ssite|site|online\smagazine|news\ssite)\b")
# ... among the text's last lines: a footer, not a paragraph of a long page (a reader's
# comment that points to a website, an article that introduces one late).
SITE_ABOUT_MAX_LINES_AFTER = 10
_PRONOUNS = frozenset({"what", "this", "it", "that", "which", "who", "there", "here", "he", "she", "they", "we",
                       "you", "i", "the", "our", "my", "his", "her", "its"})
_NAME_WORD = re.compile(r"[A-Z][\w’'-]+")
# A republication credit ends the article and stays, whatever heading is above it: `This
# post originally appeared on Example.com and was written by Jane Doe.`, `This column
# first ran in The Ledger.`, `Republished here with permission.` A section cut to the end
# stops before it. A stamp (`First published on November 20, 2019 / 6:06 AM`) is no credit.
_REPUBLICATION_NOTE = re.compile(
    r"(?:This|The)\s+(?:post|article|story|piece|column|essay|report)\s+(?:was\s+)?(?:originally|first)\s+"
    r"(?:appeared|published|ran|posted)\s+(?:on|in|at|by)\s+"
    r"(?!(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\b|\d)"
    r"|\brepublished\s+(?:here\s+)?with\s+(?:the\s+)?(?:kind\s+)?permission\b", re.IGNORECASE)
# A list of other posts that a scraper keeps after the article, one item a line, each with
# its date after its title: `- Choir Wins Regional Title - March 3, 2023`, `- Title By Jane
# Doe on March 3, 2023 at 2:10 p.m. Teaser...`, `- Title Teaser... Read more... 2023-03-03`.
# Three such items in a row are the list, each title in Title Case as headlines are; an
# article's timeline puts the date first (`- March 3, 2023: ...`) and a schedule's items
# are written as sentences (`- Applications open on January 5, 2024`): both are left alone.
MIN_DATED_TEASERS = 3
TEASER_TITLE_WORDS = 8  # the words of a title weighed for Title Case
TEASER_TITLE_CAPITALISED = 0.6  # a headline with a phrase in lower case (`Three new videos on`) is one still
_DATED_TEASER = re.compile(
    r"[-•·*]\s+(?P<title>\S.{8,}?)\b(?:(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?"
    r"|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?\s\d{1,2},?\s\d{4}"
    r"|\d{4}-\d{2}-\d{2})\b")


def heading_key(line: str) -> str:
    return " ".join(_NOT_LETTERS.sub(" ", line.lower()).split())


def section_start(doc: Document, headings: frozenset[str] = HEADINGS) -> int | None:
    """The index of the line whose heading opens the section that ends the text, or None.

    The heading must follow at least two prose lines and more than half the words of
    prose; a prose line may come right after it only when that line is short and fewer
    than half the lines from it to the end are prose (a related-links box set inside the
    article is followed by the article). An `About <Name>` heading may be followed by
    prose (see `_is_about`); a site's description of itself needs no heading."""
    if not doc.is_english:
        return None
    lines, prose = stripped_lines(doc), prose_lines(doc)
    first = _first_after_most_prose(prose, prose_word_counts(doc))
    # A thread's title may stand above more words of comments than the article has.
    thread = _first_after_prose_lines(prose, THREAD_MIN_ARTICLE_LINES)
    for k in range(thread, first):
        if _is_thread_title(lines, prose, k, _short_heading_key(lines[k])):
            return doc.nonblank_lines[k]
    for k in range(first, len(lines)):
        key = _short_heading_key(lines[k])
        if key is not None:
            # The line's own words are looked at before the lines under it.
            if (((key in headings or _is_more_from_site(lines, prose, k)) and _little_prose_under(lines, prose, k))
                    or _is_thread_title(lines, prose, k, key) or _is_about(lines, k, key)):
                return doc.nonblank_lines[k]
        if len(lines) - k - 1 <= SITE_ABOUT_MAX_LINES_AFTER and _is_site_about_itself(lines, k):
            return doc.nonblank_lines[k]
    return None


def dated_teaser_runs(doc: Document) -> list[tuple[int, int]]:
    """The first and last index of each run of MIN_DATED_TEASERS or more dated teaser
    items on consecutive lines, below more than half the words of prose."""
    if not doc.is_english:
        return []
    lines, prose = stripped_lines(doc), prose_lines(doc)
    runs, run = [], []
    for k in range(_first_after_most_prose(prose, prose_word_counts(doc)), len(lines) + 1):
        if k < len(lines) and _is_dated_teaser(lines[k]):
            run.append(k)
            continue
        if len(run) >= MIN_DATED_TEASERS and not _introduced(lines, run[0]):
            runs.append((doc.nonblank_lines[run[0]], doc.nonblank_lines[run[-1]]))
        run = []
    return runs


def _introduced(lines: tuple[str, ...], first: int) -> bool:
    """Whether the line above a list ends in a colon: the article introduces its own list
    (`The full schedule of the tour:`), a page's list of other posts has a heading, if any."""
    return first > 0 and lines[first - 1].endswith(":")


def _is_dated_teaser(line: str) -> bool:
    found = _DATED_TEASER.match(line)
    return found is not None and is_title_case(found["title"].split()[:TEASER_TITLE_WORDS], TEASER_TITLE_CAPITALISED)


def _is_more_from_site(lines: tuple[str, ...], prose: tuple[bool, ...], heading: int) -> bool:
    """Whether the line is the site's heading over links to its other pages (`More From X`),
    not an article's own section named after a thing its sentences above speak of."""
    if not _MORE_FROM_SITE.fullmatch(lines[heading]):
        return False
    thing = _THE_THING.fullmatch(lines[heading])
    if thing is None:
        return True
    sentences = " ".join(line for line, is_prose in zip(lines[:heading], prose) if is_prose)
    return not all(re.search(rf"(?<![\w./@-]){re.escape(word.lower())}(?![\w/@-]|\.\w)", sentences)
                   for word in _NAME_WORDS.findall(thing["name"]))


def _is_thread_title(lines: tuple[str, ...], prose: tuple[bool, ...], heading: int, key: str | None) -> bool:
    """Whether the line is the title of the readers' comments (`Top Rated Comments`), not a
    section of an article about comments, whose sentences above speak of them in lower case
    (`... would close the comment sections under its articles`)."""
    if key not in THREAD_HEADINGS:
        return False
    return not any(is_prose and COMMENT_WORD.search(line) for line, is_prose in zip(lines[:heading], prose))


def _little_prose_under(lines: tuple[str, ...], prose: tuple[bool, ...], heading: int) -> bool:
    """Whether the line after the heading is not prose, or is a short one and fewer than
    half of the (three or more) lines under the heading are prose."""
    under = prose[heading + 1:]
    if not under or not under[0]:
        return True
    return (len(lines[heading + 1].split()) <= MAX_PROSE_UNDER_WORDS and len(under) >= MIN_LINES_UNDER_PROSE
            and 2 * sum(under) < len(under))


def _is_about(lines: tuple[str, ...], heading: int, key: str) -> bool:
    """Whether the line is `About <Name>` heading a box on the writer or the site: the
    writer's or site's word for itself (`About Me`, `About the Author`), or a name none of
    whose capitalised words the text above uses (`key`: the line's `heading_key`)."""
    if key in ABOUT_SELF:
        return True
    found = _ABOUT.fullmatch(lines[heading])
    if found is None:
        return False
    name = found.group(1).strip()
    if name.split()[0].lower() in _NOT_A_NAME:
        return False
    return _unnamed_above(name, lines, heading)


def _is_site_about_itself(lines: tuple[str, ...], position: int) -> bool:
    """Whether the line is a site's or blog's description of itself, by a name that the
    text above never uses."""
    found = _SITE_ABOUT_ITSELF.match(lines[position]) if " is " in lines[position] else None
    if found is None:
        return False
    name = found.group(1).strip()
    return name.split()[0].lower() not in _PRONOUNS and _unnamed_above(name, lines, position)


def _unnamed_above(name: str, lines: tuple[str, ...], position: int) -> bool:
    """Whether the name has capitalised words and none of them (up to a dot: `Example` of
    `Example.com`) occurs as a word in the lines above `position`."""
    words = [word.split(".")[0] for word in _NAME_WORD.findall(name)]
    above = "\n".join(lines[:position])
    return bool(words) and not any(re.search(rf"\b{re.escape(word)}\b", above) for word in words)


@functools.lru_cache(maxsize=1 << 15)  # asked of the same lines in every fix pass, and of lines pages share
def _short_heading_key(line: str) -> str | None:
    """`heading_key` of a stripped line short enough to be a heading, else None."""
    return heading_key(line) if len(line.split()) <= HEADING_MAX_WORDS else None


def _first_after_prose_lines(prose: tuple[bool, ...], count: int) -> int:
    """The first line below `count` prose lines (len(prose) when there are fewer)."""
    positions = list(compress(range(len(prose)), prose))
    return positions[count - 1] + 1 if len(positions) >= count else len(prose)


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
    Stories`, `You May Also Like`, `Most Popular`, `Tags`, `Show Comments`) on a line of
    its own, and
    deletes everything from it to the end of the text, when: at least two lines of prose
    and more than half the words of prose come before it, and the line after it is not
    prose, or is a short one (15 words at most) and fewer than half of the three or more
    lines after the heading are prose (a related box whose first teaser is a question:
    `Which bands will play this year?`; a comment form's `Your email address will not be
    published.`). A paragraph under a `Comments` link set between the article's last
    paragraphs is the article. A heading that says which comments follow (`Top Rated
    Comments`, `Featured Comments`, `Reader Comments`) is the thread's own title: it needs
    three prose lines above it, not half the words (a thread can be longer than the
    article), and the comments' prose may follow it. An article whose sentences above speak of
    comments (`... would close the comment sections under its articles`) may head a section
    of its own so and keeps it. `extend-headings` adds headings of
    your own. The site's
    heading over links to its other pages is one too, on the same terms: `More`, `Also`
    or `Elsewhere`, maybe `on`, `from`, `at` or `in`, then one to four capitalised words
    (`More From the Examiner`, `Also on HuffPost:`, `Elsewhere on the BBC`, `More Posts`,
    `More in World`), or naming what it lists (`More`/`Related`, maybe a lower-case word,
    `content`, `stories`, `news`, `coverage`, `articles`, `videos` or `posts`, then `on` or
    `from`: `More content from NBCNews.com:`, `More world stories from NBC News:`), or
    `Related on`/`from`/`in` (`Related on HuffPost:`), but not `More About ...`, `More
    Information`, `More Details`, `More Help` or `More Resources`, which head an article's
    own sections and notes, nor `Related` and a capitalised word alone (`Related Costs`).

    A box on the writer or the site goes the same way, prose under it or not: `About
    Me`, `About the Author`, `About This Blog`, or `About` and a name in capitals (one
    to four words) of which the text above uses no capitalised word: `About Harbour
    Notes` over the blog's description, `About Jane Doe` over the bio of a writer whom no
    byline above names. An article's own `About Jane Doe` after it has named her, and
    `About The Survey`, stay. A site's description of itself without a heading goes too,
    when it stands among the text's last eleven lines and by a name that the text above
    never uses: `Harbour Notes is a weekly blog about ...`, `Launched in 2011, Harbour
    Notes is a news site covering ...`, `Example.com is a personal website.`; an article
    about a site names it before it describes it.

    A list of other posts without a heading is known by its items: three or more lines
    in a row below more than half the article's prose, each a list item (`- `, `• `, `* `)
    with a title in Title Case and then a date (`- Choir Wins Regional Title - March 3,
    2023`, `- Title By Jane Doe on March 3, 2023 at 2:10 p.m. Teaser...`). Those lines
    alone go (a separate finding, not to the end); a timeline whose items open with the
    date stays, and so does a schedule whose items are sentences (`- Applications open
    on January 5, 2024`) or that the line above introduces (`The full schedule:`).

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
    Unsafe: everything after the heading goes. Measured at 875d261
    (`bench/rule_precision.py DEV DRAGNET`: residue lines / residue and clean lines deleted, clean
    lines a gold keeps by convention counted apart): 1.000 on every extractor of the DEV
    corpus (5,156 lines, 4,987 of them on whole-page html_text; 4 more kept by convention)
    and of the DRAGNET corpus (2,273 lines; 9 more kept by convention, raw 0.996; and 36
    neutral lines). A related-links box
    that an extractor put inside the article and that a line of prose follows is left
    alone; one followed by a headline or a list is not. The `More ...` / `Also on ...` /
    `Elsewhere on ...` headings open such a section on 30 sites of the two corpora (about 1,390
    DEV lines, 1,364 of them on whole-page html_text, and 251 DRAGNET lines more), no
    article line; 5 lines the DRAGNET gold keeps by convention (a zillow page's related
    links and republication note). On the 2020s articles they take three `More on
    Android:` headings at the end of posts, with the writer's follow line under one.
    The headings that name what they list (`More content from NBCNews.com:`, `More world
    stories from NBC News:`, `Related on HuffPost:`, `More articles from <writer>`; msn,
    nbcnews, huffingtonpost, pv-magazine) add 5 DEV and 86 DRAGNET lines, no clean line.
    `Show Comments` (zdnet, telegraph, quantamagazine) adds 84 DEV html_text lines, no
    clean line (`View Comments` is left out: a page sets it between an article's lines).
    The thread titles (`Top Rated Comments`, `Featured Comments`, `Reader Comments`;
    macrumors, businessinsider, softpedia, highscalability) add 19 DEV justext and 7
    DRAGNET justext lines, and one line the DRAGNET gold keeps by convention: a reader's
    quotation of the article (the article's own copy stays); none on the 2020s articles.
    A republication credit under the section (`This column originally appeared on
    Example.com and was written by Jane Doe.`, `... republished here with permission.`)
    ends the cut: it and the lines after it are the article's (the credit shape is kept
    article text on zillow, sciencealert and cnet pages; it stood under a
    `More from ...:` list on one zillow page, whose cut took it and the site's disclaimer).

    ## Limitations
    English headings only. An article that uses one of these headings for a section of
    its own, late in the text and above a list, loses that section (and a readers' letters
    page that heads its letters `Reader Comments` below three paragraphs loses them); `More`, `Also` or
    `Elsewhere` with `the` and a thing the article's sentences name in lower case (`Also on
    the Ballot` after `... on the ballot this year`) is left alone as the article's own.
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
        found = []
        start = section_start(doc, self._headings)
        if start is not None:
            section = self._section(doc, start)
            if section is not None:
                found.append(section)
        for first, last in dated_teaser_runs(doc):
            if start is None or last < start:  # a run inside the section goes with it
                found.append(self._teaser_list(doc, first, last))
        return found

    def _section(self, doc: Document, start: int) -> Violation | None:
        """The section from line `start` to the end, or to the line before a republication
        credit under it (None when the credit follows the heading)."""
        what = "page section of {count} lines after the article, from '{first}'"
        after = [i for i in doc.nonblank_lines if i > start]
        credit = next((i for i in after if _REPUBLICATION_NOTE.match(doc.slice(doc.line(i)).strip())), None)
        if credit is None:
            return deletion_to_the_end(self, doc, start, what)
        last = max((i for i in after if i < credit), default=None)
        if last is None:
            return None
        count = sum(1 for i in doc.nonblank_lines if start <= i <= last)
        message = what.format(count=count, first=excerpt(doc.slice(doc.line(start))))
        return self.violation(doc.line(start).start, doc.line(last).end, message,
                              doc.line_deletion(start, last, safe=False))

    def _teaser_list(self, doc: Document, first: int, last: int) -> Violation:
        count = sum(1 for i in doc.nonblank_lines if first <= i <= last)
        first_line = excerpt(doc.slice(doc.line(first)))
        message = f"list of {count} dated teasers of other posts after the article, from '{first_line}'"
        return self.violation(doc.line(first).start, doc.line(last).end, message,
                              doc.line_deletion(first, last, safe=False))
