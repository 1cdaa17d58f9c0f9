"""NL304 ad-label: lines that label or stand in for an advertisement (data: ad_lines.txt)."""
from __future__ import annotations

from newslint.rules._lines import LineRule


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
    opening, since the rest of the line is not known.

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
