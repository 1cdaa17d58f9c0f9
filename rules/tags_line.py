"""NL307 tags-line: tag and category lines (data: tag_lines.txt, tag_prefixes.txt)."""
from __future__ import annotations

from newslint.rules._lines import LineRule


class TagsLine(LineRule):
    """NL307 tags-line: a line listing the article's tags or categories.

    ## What it does
    Finds lines that open with a tag or category label (`Tags: ...`, `Filed under: ...`,
    `Categories: ...`, `Topics: ...`, `Posted in: ...`) and the bare headings of such
    lists (`Tags`, `Related Topics`). The labels live in `rules/data/tag_prefixes.txt`
    and the headings in `rules/data/tag_lines.txt`; `extend-prefixes` and
    `extend-phrases` add more.

    ## Why is this bad?
    The tags are navigation of the site. In the cleaned text they read as a list of
    keywords glued to the end of the story.

    ## Example
        ... the only other nation that has recognized their independence.

        Tags: North Korea, Russia, Ukraine

    Use instead:
        ... the only other nation that has recognized their independence.

    ## Fix safety
    Safe: the line opens with a label that names it a list of tags (`Tags:`, with its
    colon) or is a known heading as a whole; nothing of the article is lost.

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
