"""NL307 tags-line: tag and category lines (data: tag_lines.txt, tag_prefixes.txt)."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from newslint.document import Document
from newslint.model import Violation
from newslint.rules._lazy import LazyPattern
from newslint.rules._lines import LineHit, LineRule, content_span, excerpt
from newslint.rules._prose import is_prose, stands_between_prose

# A sentence after the label: a lower-case word closing with a full stop, on a line of many
# words. Tags are short names between commas; this is the article's text that a scraper ran
# onto the label (`Filed under: Latest News The production of ... was suspended.`).
_SENTENCE_END = LazyPattern(r"\p{Ll}{2,}[.!?](?:\s|$)")
MIN_SENTENCE_WORDS = 12

# An item of a sidebar's list of categories or monthly archives with its count of posts:
# `Animals (11)`, `► WordPress (53)`, `Novembro (113)`: a short label, then the count. A
# year in brackets (`(2013)`) closes a title or a name, not a count.
_COUNTED_ITEM = LazyPattern(
    r"[►▼▸•-]?\s*[\p{L}\p{N}?][\p{L}\p{N}?'’&.,/ -]{0,40} \((?!(?:19|20)\d\d\))(\d{1,5})\)")
MIN_COUNTED_ITEMS = 3
# A heading with a word in lower case (`New cases by county`, `Top scorers this season`, `Seats
# won`) is a phrase of the article's over its own table; a sidebar heads its list with a name
# (`Categories`, `POPULAR CATEGORIES`, `Kategori`, `2019`) or with nothing.
_LOWER_WORD = LazyPattern(r"(?<![\p{L}\p{N}])\p{Ll}{2,}(?![\p{L}\p{N}])")
HEADING_MAX_WORDS = 8
_OUTER = "-–—•·*[({\"'“‘ \t"


class TagsLine(LineRule):
    """NL307 tags-line: a line listing the article's tags or categories.

    ## What it does
    Finds lines that open with a tag or category label (`Tags: ...`, `Filed under: ...`,
    `Categories: ...`, `Topics: ...`, `Posted in: ...`) and the bare headings of such
    lists (`Tags`, `Related Topics`). The labels live in `rules/data/tag_prefixes.txt`
    and the headings in `rules/data/tag_lines.txt`; `extend-prefixes` and
    `extend-phrases` add more.

    A line that runs on from the label into a sentence (twelve words or more, a sentence
    end after a lower-case word) is the article's text glued to the label, and is left alone.
    A bare heading (no colon: `Categories`, `Tags`, `Related Topics`) between two lines of
    prose heads a section of the article (the categories of an awards story), not a list of tags.
    A label in lower case right under a line that stops mid-sentence (on a letter or a
    comma) is a hard-wrapped paragraph's word (`... four single-player Challenge` /
    `categories: Time Attack, ...`), and is left alone.

    A sidebar's list of categories or monthly archives, each with its count of posts, is
    found by its items: three or more lines in a row, each a short label and a count in
    brackets (`Animals (11)`, `► WordPress (53)`, `November (12)`). A list whose counts
    only go down or only go up (a poll, a medal table, goals by the minute), a list that
    the line above introduces (`Electoral votes:`), a list right under a sentence (seats
    by party, a league table after the paragraph that leads into it), a list under a short
    heading with a word in lower case (`New cases by county`, `Top scorers this season`: the
    article's heading over its own table; a sidebar's is a name, `Categories`, `Archives`)
    and a year in brackets (`Title (2013)`) are left alone. The list is one finding, its lines deleted together.

    ## Why is this bad?
    The tags are navigation of the site. In the cleaned text they read as a list of
    keywords glued to the end of the story.

    ## Example
        ... the only other nation that has recognized their independence.

        Tags: North Korea, Russia, Ukraine

    Use instead:
        ... the only other nation that has recognized their independence.

    ## Fix safety
    Safe: the line opens with a capitalised label that names it a list of tags (`Tags:`,
    with its colon) or is a known heading as a whole; nothing of the article is lost.
    Unsafe when the label is in lower case (`categories: ...`): a wrapped paragraph may
    still put the word at the start of a line after other punctuation.

    Measured at 875d261 (`bench/rule_precision.py DEV DRAGNET`: residue lines / residue and
    clean lines deleted, clean lines a gold keeps by convention counted apart): dev 1.000
    (498/498), dragnet 1.000 (221/221; and 7 neutral lines); 8 more deleted lines are tag
    lines the Dragnet gold keeps (`Tags: Lancia Delta Review`), which its neutral marker
    misses (raw 0.965). Safe fixes alone (`--safe-only`): dev 80/80, dragnet 173/173 (the
    same 8 kept by convention).

    ## Limitations
    A list of tags without a label (`stock car 2018, stock car brasil, ...`) is not
    found. Only English labels are known. An article's own list of names with a number in
    brackets, not introduced by a line ending in a colon and not ordered by the number,
    reads as a list of categories (`Arizona (11)`, `Georgia (16)`, `Michigan (15)`) when
    neither a sentence nor a heading in lower case stands right over it (under `Top
    Scorers`, or where an extractor dropped the sentence above, it goes); a sidebar's list
    right under the article's last paragraph (its heading dropped) is left alone.
    """

    code = "NL307"
    name = "tags-line"
    artifact = "tags line"
    phrase_files = ("tag_lines",)
    prefix_files = ("tag_prefixes",)
    prefix_fix_safe = True

    def hits(self, doc: Document) -> dict[int, LineHit]:
        hits = super().hits(doc)
        return {i: _lower_case_unsafe(doc, hit) for i, hit in hits.items()
                if not _holds_sentence(doc.text[hit.start:hit.end])
                and not _wrapped_on(doc, i, hit)
                and not _section_heading(doc, i, hit)}

    def check(self, doc: Document) -> list[Violation]:
        found = super().check(doc)
        if ")" in doc.text:
            found.extend(self._counted_list(doc, first, last) for first, last in _counted_lists(doc))
            found.sort(key=lambda violation: violation.start)
        return found

    def _counted_list(self, doc: Document, first: int, last: int) -> Violation:
        """One finding for the whole list: deleted line by line, the last item's deletion
        (which takes the line feed before it) would meet the one above, and a lone item left
        for the next pass is no list."""
        start, _ = content_span(doc.text, doc.line_starts[first])
        _, end = content_span(doc.text, doc.line_starts[last])
        message = f"list of categories with counts '{excerpt(doc.text[start:end])}'"
        return self.violation(start, end, message, doc.line_deletion(first, last, safe=False))


def _counted_lists(doc: Document) -> Iterator[tuple[int, int]]:
    """The first and last lines of each list of categories or archives with their counts of
    posts: three or more items in a row, not ordered by the count, not introduced by a line
    ending in a colon."""
    lines, rows = doc.line_texts, doc.nonblank_lines
    counts = [_item_count(lines[i]) for i in rows]
    run = 0
    for k in range(len(rows) + 1):
        if k < len(rows) and counts[k] is not None:
            run += 1
            continue
        first = k - run
        if run >= MIN_COUNTED_ITEMS and not _ranked(counts[first:k]) \
                and not (first and lines[rows[first - 1]].rstrip().endswith(":")) \
                and not _under_a_sentence(lines, rows, first) \
                and not (first and _phrase_heading(lines[rows[first - 1]].strip())):
            yield rows[first], rows[k - 1]
        run = 0


def _under_a_sentence(lines: list[str], rows: list[int], first: int) -> bool:
    """Whether a sentence stands right above the items: a list of counts that the article's
    paragraph leads into is the article's (seats by party, a league table), where a sidebar's
    stands under a heading of its own, another list or the page's furniture."""
    return 0 < first and is_prose(lines[rows[first - 1]].strip())


def _phrase_heading(line: str) -> bool:
    """Whether the line above the items is a short heading that holds a word in lower case:
    the article's own heading over its table (`New cases by county`), not a sidebar's."""
    return (len(line.split()) <= HEADING_MAX_WORDS and not is_prose(line)
            and _LOWER_WORD.search(line) is not None)


def _item_count(line: str) -> int | None:
    found = _COUNTED_ITEM.fullmatch(line.strip())
    return int(found.group(1)) if found else None


def _ranked(counts: list[int | None]) -> bool:
    """Counts that only go down or only go up order the items by the number (a poll, a
    medal table, goals by the minute, kick-off times): a sidebar orders them by name or
    date, and its counts go up and down."""
    pairs = list(zip(counts, counts[1:]))
    return all(a >= b for a, b in pairs) or all(a <= b for a, b in pairs)  # type: ignore[operator]


def _lower_case_unsafe(doc: Document, hit: LineHit) -> LineHit:
    """A label in lower case may be a wrapped sentence's word: its deletion is not safe."""
    return replace(hit, safe=False) if hit.safe and _lower_label(doc, hit) else hit


def _lower_label(doc: Document, hit: LineHit) -> bool:
    return doc.text[hit.start:hit.end].lstrip(_OUTER)[:1].islower()


def _wrapped_on(doc: Document, index: int, hit: LineHit) -> bool:
    """A label in lower case right under a line that stops mid-sentence (on a letter or a
    comma) is a hard-wrapped paragraph's word, not a label: `... four single-player
    Challenge` / `categories: Time Attack, ...`."""
    if index == 0 or not _lower_label(doc, hit):
        return False
    above = doc.line_texts[index - 1].rstrip()
    return bool(above) and (above[-1].isalpha() or above[-1] == ",")


def _section_heading(doc: Document, index: int, hit: LineHit) -> bool:
    """A bare heading (`Categories`, `Tags`, `Related Topics`: no label's colon, no tags
    after it) between two paragraphs heads a section of the article (an awards story's
    `Categories`), where a page's tag heading stands over its list of tags."""
    heading = doc.text[hit.start:hit.end]
    return ":" not in heading and stands_between_prose(doc, index)


def _holds_sentence(line: str) -> bool:
    return len(line.split()) >= MIN_SENTENCE_WORDS and bool(_SENTENCE_END.search(line))
