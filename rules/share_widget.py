"""NL318 share-widget: the labels of a share bar left as a line (`Like Tweet +1 Share Pin It`)."""
from __future__ import annotations

import re

import regex

from newslint.document import Document
from newslint.rules._lazy import LazyPattern
from newslint.rules._lines import LineHit, LineRule, Opening, starting
from newslint.rules._prose import runs_on_below

# What a share bar's buttons say, once the line is lower-cased and its spaces and
# separators dropped (a scraper may glue the labels: `Share:EmailFacebookTwitterPrint`).
_ACTIONS = (r"share(?:this)?(?:with(?:a)?friends?|post|article|story|page|video|on|via|tools"
            r"|alloptions|allsharingoptions)?",
            r"tweet(?:this|widget)?", r"like", r"\+1", r"pinit", r"e?mail(?:this)?(?:post|article|story|page)?",
            r"e?mailtoafriend", r"print(?:this)?(?:post|article|story|page)?", r"submit", r"recommend",
            r"save", r"sendtoafriend")
_NETWORKS = (r"facebook", r"twitter", r"linkedin", r"reddit", r"google\+?", r"pinterest", r"whatsapp",
             r"tumblr", r"digg", r"stumbleupon", r"delicious", r"flipboard", r"messenger")
_ITEM = "|".join(_ACTIONS + _NETWORKS)
_BAR = re.compile(rf"(?:{_ITEM})+")
_ITEMS = re.compile(_ITEM)
_SEPARATORS = re.compile(r"[\s:|·•/,;()\[\]!.\-–—]+")
# One label alone is a share bar when it says what it shares or where it sends it; a
# lone `Share`, `Like` or `Print` is left to the whole-line phrases of NL301.
_ONE_LABEL = re.compile(r"share(?:this)?(?:with(?:a)?friends?|tools|alloptions|allsharingoptions)"
                        r"|sharethis(?:post|article|story|page|video)|tweetwidget"
                        r"|e?mail(?:this)?(?:post|article|story|page)|e?mailtoafriend|sendtoafriend")
# A sharing action: a bar of network names alone is NL303's.
_ACTION = re.compile(r"share|tweet|pinit|\+1|e?mail|print")
MAX_BAR_WORDS = 14


def _is_share_bar(line: str) -> bool:
    """A line made only of share-bar labels: two or more with a sharing action among
    them, or one label that says what it shares."""
    key = _SEPARATORS.sub("", line.lower())
    if _ONE_LABEL.fullmatch(key):
        return True
    if not _BAR.fullmatch(key):
        return False
    labels = _ITEMS.findall(key)
    return len(labels) >= 2 and any(_ACTION.match(label) for label in labels)


_SHAPES = (
    Opening(LazyPattern(r"(?:share|like|tweet|e-?mail|mail|print|pin|recommend|save|send)", regex.I),
            starting("share", "like", "tweet", "email", "e-mail", "mail", "print", "pin it",
                     "recommend", "save", "send"),
            MAX_BAR_WORDS, _is_share_bar),
)


class ShareWidget(LineRule):
    """NL318 share-widget: the labels of a share bar left as a line.

    ## What it does
    Finds a line made only of the labels of a page's share buttons: two or more of
    `Share`, `Tweet`, `Like`, `+1`, `Pin It`, `Email`, `Print`, `Submit`, `Recommend`,
    `Save` and the names of social networks, with at least one sharing action among them
    (`Like Tweet +1 Share Pin It`, `Share Tweet Submit`, `Share: Email Facebook Twitter
    Print`, even glued: `Share:EmailFacebookTwitterPrint`), or one label that names what it
    shares (`Share this page`, `Share this with friends`, `Email this post`, `Email to a
    friend`, `Tweet Widget`, `Share Tools`). Labels are compared without case, spaces and
    separators. A line of network names alone is left to NL303, and so is a line that the
    next one carries on in lower case: a hard-wrapped sentence (`Share this page` / `with
    your parents, the charity says.`).

    ## Why is this bad?
    Share bars stand above the article, under its headline, and again below it; the
    scraper keeps their labels as a line of text that is not part of the article.

    ## Example
        Council votes to close the old bridge
        Like Tweet +1 Share Pin It
        The council voted on Tuesday to close the bridge to cars from May.

    Use instead:
        Council votes to close the old bridge
        The council voted on Tuesday to close the bridge to cars from May.

    ## Fix safety
    Unsafe: the line is found by its shape. Measured at 875d261
    (`bench/rule_precision.py DEV DRAGNET`: residue lines / residue and clean lines deleted): DEV
    1.000 (93/93 lines), DRAGNET 1.000 (138/138, 2 neutral lines apart; the share bars of
    bbc.co.uk, msnbc.com, mashable.com, cbc.ca, nj.com and others); one finding on the 2020s
    articles, `Share on Twitter:`, right; hand audit 20/20 right
    (`bench/audits/real2020s-dragnet-nonnaive-NL317-NL318-seed41.md`). Safe by that
    measure, it stays unsafe while the labelled sets are this small.

    ## Limitations
    A line that only names the buttons of some other widget with these words (`Save`,
    `Print`, `Email` as the items of a list about an app's menu) is deleted too.
    """

    code = "NL318"
    name = "share-widget"
    artifact = "share bar"
    openings = _SHAPES

    def hits(self, doc: Document) -> dict[int, LineHit]:
        # A line that the next one carries on in lower case is a sentence's start, hard-wrapped
        # (`Share this page` / `with your parents, the charity says.`), not a bar of buttons.
        return {i: hit for i, hit in super().hits(doc).items() if not runs_on_below(doc, i)}
