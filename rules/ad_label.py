"""NL304 ad-label: lines that label or stand in for an advertisement (data: ad_lines.txt)."""
from __future__ import annotations

import bisect

from newslint.document import Document
from newslint.rules._lazy import LazyPattern
from newslint.rules._lines import LineHit, LineRule
from newslint.rules._phrases import phrase_key
from newslint.rules._prose import stands_between_prose

# Labels that are also an article's section headings: `Promoted` over the clubs going up in
# a season's review, `Advertising` over a company's ad business in an earnings report. Between
# two paragraphs such a word heads a section; a page's label of that kind stands in its footer
# menu or by a slot. `Advertising` is also a slot's label between two paragraphs (seattletimes),
# so it heads a section only when the paragraph after it speaks of ads.
_SECTION_WORDS = frozenset({"advertising", "promoted"})
_ABOUT_ADS = LazyPattern(r"\b(?i:ads?|advert\w*)\b")


def _heads_a_section(doc: Document, hit: LineHit) -> bool:
    word = phrase_key(doc.text[hit.start:hit.end])
    if word not in _SECTION_WORDS or not stands_between_prose(doc, hit.index):
        return False
    if word != "advertising":
        return True
    nonblank = doc.nonblank_lines
    after = nonblank[bisect.bisect_right(nonblank, hit.index)]
    return _ABOUT_ADS.search(doc.line_texts[after]) is not None


class AdLabel(LineRule):
    """NL304 ad-label: an advertisement label or placeholder on a line of its own.

    ## What it does
    Finds the lines an advertisement slot leaves behind when the ad itself is gone:
    `Advertisement`, `ADVERTISEMENT`, `Advert`, `About these ads` (hosted blogs),
    `Sponsored`, a sponsor's label whose logo is gone (`Brought to you by`), `Story continues below
    advertisement`, `Continue reading the main story`, `Ad Choices`, and the notices
    about ad blockers (`We urge you to turn off your ad blocker ...`). Labels live in
    `rules/data/ad_lines.txt` and notice openings in `rules/data/ad_prefixes.txt`;
    `extend-phrases` and `extend-prefixes` add more.

    ## Why is this bad?
    The label splits a paragraph or sits between two of them, where a reader of the
    cleaned text takes it for a word of the article.

    ## Example
        The company said sales rose 4 percent.

        Advertisement

        Analysts had expected a smaller rise.

    Use instead:
        The company said sales rose 4 percent.

        Analysts had expected a smaller rise.

    ## Fix safety
    Safe for a line that is, as a whole, a known label. Unsafe for a line found by its
    opening, since the rest of the line is not known. `Promoted` alone between two
    paragraphs heads a section of the article (the clubs going up) and stays, and so does
    `Advertising` there when the paragraph after it speaks of ads (a company's ad business);
    every `Advertising` line of DEV (25 lines, 14 sites) stands in a footer menu, the one of
    the 2020s articles (seattletimes) by a slot between unrelated paragraphs, and `Promoted`
    alone is on no page of DEV, DRAGNET or the 2020s articles: nothing measured changes.

    Measured at 875d261 (`bench/rule_precision.py DEV DRAGNET`: residue lines / residue and
    clean lines deleted): dev 1.000 (315/315), dragnet 1.000 (84/84); safe fixes alone
    (`--safe-only`) dev 311/311, dragnet 84/84. `Brought to you by` alone is residue on 2 DRAGNET sites
    (nj, pinoymtbiker: 5 lines), never clean; no such line in the 2020s articles.

    ## Limitations
    A label glued to a sentence on the same line (`Advertisement The company said...`)
    is not flagged: where the label ends cannot be told for sure.
    """

    code = "NL304"
    name = "ad-label"
    artifact = "advertisement label"
    phrase_files = ("ad_lines",)
    prefix_files = ("ad_prefixes",)

    def hits(self, doc: Document) -> dict[int, LineHit]:
        return {i: hit for i, hit in super().hits(doc).items()
                if not _heads_a_section(doc, hit)}
