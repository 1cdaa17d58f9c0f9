"""NL317 post-navigation: a blog's links to the previous and next posts (`« Older | Main | Newer »`)."""
from __future__ import annotations

import re

from newslint.rules._lines import Inside, LineRule

_WS = r"[^\S\n]"
# `« Title | Main | Title »`, `« Title | Main`, `Main | Title »`; a scraper may lose the
# spaces around the bars (`« Title|Main|Title »`). A title holds no bar and no guillemet.
_TITLE = r"[^\n|«»]{1,200}"
_NAVIGATION = re.compile(
    rf"«{_WS}*{_TITLE}{_WS}*\|{_WS}*Main(?:{_WS}*\|{_WS}*{_TITLE}{_WS}*»)?"
    rf"|Main{_WS}*\|{_WS}*{_TITLE}{_WS}*»")
MAX_NAVIGATION_WORDS = 80


def _is_navigation(line: str) -> bool:
    return _NAVIGATION.fullmatch(line.strip()) is not None


class PostNavigation(LineRule):
    """NL317 post-navigation: a blog's links to the previous and next posts.

    ## What it does
    Finds a line that is a blog platform's post navigation: the previous post's title
    after `«`, the word `Main` (the blog's front page) between bars, and the next post's
    title before `»`: `« Older title | Main | Newer title »`, or one side of it
    (`« Older title | Main`, `Main | Newer title »`). The spaces around the bars may be
    lost (`« Older title|Main|Newer title »`). The line must be that shape as a whole.

    ## Why is this bad?
    Blog templates (TypePad and Movable Type among them) print these links above and
    below every post; a scraper keeps them as a line of other posts' titles. They read
    like a headline list, so neither the edge rules (NL311 keeps a Title Case line at
    the top of a text) nor the teaser rules catch them.

    ## Example
        « Ten ways to fix a leaking tap | Main | Why the boiler makes that noise »
        Our kitchen tap dripped for a month before I gave in and called a plumber.

    Use instead:
        Our kitchen tap dripped for a month before I gave in and called a plumber.

    ## Fix safety
    Unsafe: the line is found by its shape. Measured deletion precision
    (`python bench/rule_precision.py ../shared/corpus/dev ../shared/corpus/dragnet
    --select NL317`): no line on the DEV corpus; 1.000 on DRAGNET (121/121 lines, the
    blogs of TED, Schneier, Econbrowser, TypePad-hosted and nine more sites); hand audit
    20/20 right (`bench/audits/real2020s-dragnet-nonnaive-NL317-NL318-seed41.md`; no
    finding on the 2020s articles). Safe by that measure, it stays unsafe while the
    labelled sets are this small.

    ## Limitations
    Only the `Main` form is known; `Previous post` / `Next post` links of other
    platforms are left alone, and a one-sided link without its `«` or `»` is not a match.
    """

    code = "NL317"
    name = "post-navigation"
    artifact = "previous / next post links"
    insides = (Inside(re.compile(r"Main"), None, MAX_NAVIGATION_WORDS, _is_navigation, clue="Main"),)
