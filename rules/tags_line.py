"""NL307 tags-line: tag and category lines (data: tag_lines.txt, tag_prefixes.txt)."""
from __future__ import annotations

from dataclasses import replace

from newslint.document import Document
from newslint.rules._lazy import LazyPattern
from newslint.rules._lines import LineHit, LineRule

# A sentence after the label: a lower-case word closing with a full stop, on a line of many
# words. Tags are short names between commas; this is the article's text that a scraper ran
# onto the label (`Filed under: Latest News The production of ... was suspended.`).
_SENTENCE_END = LazyPattern(r"\p{Ll}{2,}[.!?](?:\s|$)")
MIN_SENTENCE_WORDS = 12
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
    A label in lower case right under a line that stops mid-sentence (on a letter or a
    comma) is a hard-wrapped paragraph's word (`... four single-player Challenge` /
    `categories: Time Attack, ...`), and is left alone.

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

    Measured (`bench/rule_precision.py DEV DRAGNET`, convention lines counted apart):
    dev 1.000 (74 lines deleted, 0 clean), dragnet 1.000 (178 judged, 0 clean; the three
    clean lines once deleted were wrapped paragraphs, now left alone); 8 more deleted lines
    are tag lines the Dragnet gold keeps (`Tags: Lancia Delta Review`), which its neutral
    marker misses (raw 0.957). Safe fixes alone (`--safe-only`): 1.000 on both.

    ## Limitations
    A list of tags without a label (`stock car 2018, stock car brasil, ...`) is not
    found. Only English labels are known.
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
                and not _wrapped_on(doc, i, hit)}


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


def _holds_sentence(line: str) -> bool:
    return len(line.split()) >= MIN_SENTENCE_WORDS and bool(_SENTENCE_END.search(line))
