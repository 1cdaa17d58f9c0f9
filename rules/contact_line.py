"""NL306 contact-line: lines giving the publisher's or the author's contact details."""
from __future__ import annotations

import re

import regex

from newslint.document import Document
from newslint.rules._lazy import LazyPattern
from newslint.rules._lines import LINE_END, Inside, LineHit, LineRule, Opening, starting

_WS = r"[^\S\n]"
_PLACEHOLDER = (r"\[(?:email[\s\u00a0]*protected"
                r"|javascript[\s\u00a0]+protected[\s\u00a0]+email[\s\u00a0]+address)\]")
_ADDRESS = rf"(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|{_PLACEHOLDER})"
# Searching for an address, one character before the `@` is enough, and keeps the search linear.
_SOME_ADDRESS = rf"(?:[\w.+-]@[\w-]+(?:\.[\w-]+)+|{_PLACEHOLDER})"
_HANDLE = r"@\w{2,30}"
_PROFILE = r"(?:twitter|x|facebook|instagram|linkedin)\.com/"
# The openings of a contact line: `Contact us at ...`, `Write to Al Root at ...`, `Have a tip?`.
_ASKS = LazyPattern(
    rf"[^\w\n]{{0,3}}(?:contact|e-?mail|write{_WS}+to|reach|send|questions?|comments?|feedback"
    rf"|tips?|(?:have|got){_WS}+a{_WS}+(?:news{_WS}+)?tip|follow|for{_WS}+more{_WS}+information)\b",
    regex.I,
)
# In a line that asks to get in touch, a profile link will do as well as an address.
_ADDRESS_IN = LazyPattern(rf"{_SOME_ADDRESS}|{_PROFILE}\w", regex.I)
# `Amy Kuperinsky may be reached at akuperinsky@...`: someone who can be reached at an address.
_REACHED = LazyPattern(rf"\b(?:can|may){_WS}+be{_WS}+(?:reached|contacted|emailed)\b"
                         rf"[^\n]{{0,60}}?(?:{_SOME_ADDRESS}|{_HANDLE})", regex.I)
# A line that is only an address, a handle or a profile link, with an optional label.
_BARE = LazyPattern(
    rf"(?:(?:e-?mail|contact|twitter|tel|phone|fax){_WS}*:?{_WS}*)?"
    rf"(?:{_ADDRESS}|{_HANDLE}|(?:https?://)?(?:www\.)?{_PROFILE}[\w.-]+/?)[.\s]*",
    regex.I,
)
MAX_CONTACT_WORDS = 40
# A sentence that reports who said it is the article's (`Comments can be sent to ... until
# March 3, the council said.`): a footer does not attribute itself.
_REPORTED = LazyPattern(rf"\b(?:said|says|according{_WS}+to|told|announced)\b", regex.I)


# A line that is only a handle, without a label: whether it is contact details or a piece of
# running text broken over lines (a comment's addressee, a name in a list, a tweet's mention)
# shows in the lines around it.
_HANDLE_ONLY = LazyPattern(rf"{_HANDLE}[.\s]*")
# `my two accounts:` / `@a` / `and` / `@b`: a list in a sentence that goes on across lines.
_CONNECTIVE = LazyPattern(r"(?:and|or|&)[,.]?")
# `Dan said,` / `@lucky` / `What's your pick?`: a line ending in a comma is unfinished, and
# the handle after it is a reply's addressee or the rest of the sentence.
_UNFINISHED = LazyPattern(r".*,\s*")
# `... Kids the truth!! #SocialFF` / `@NFLfantasy` / `— David P. (@name) November 2, 2012`:
# an embedded tweet's text, which ends in hashtags and is followed by its `— author` line.
_TWEET_TEXT_END = LazyPattern(r".*#\w+\s*")
_TWEET_BYLINE = LazyPattern(r"\s*\u2014")


def in_running_text(before: str, after: str) -> bool:
    """Whether a lone handle between the lines `before` and `after` continues them."""
    before, after = before.strip(), after.strip()
    return bool(
        after[:1].islower() or _CONNECTIVE.fullmatch(before) or _UNFINISHED.fullmatch(before)
        or _TWEET_TEXT_END.fullmatch(before) or _TWEET_BYLINE.match(after)
    )


def is_contact(line: str) -> bool:
    """An address after a request to get in touch, someone reachable at one, or a bare address."""
    if _REPORTED.search(line):
        return False
    if _ASKS.match(line) and _ADDRESS_IN.search(line):
        return True
    return bool(_REACHED.search(line) or _BARE.fullmatch(line))


_INSIDES = (
    Inside(re.compile("@"), None, MAX_CONTACT_WORDS, is_contact, clue="@"),
    Inside(re.compile(r"\.com/"), None, MAX_CONTACT_WORDS, is_contact),
    Inside(LazyPattern(r"\[(?i:email|javascript)"), None, MAX_CONTACT_WORDS, is_contact,
           clue="["),
)
_SHAPES = (
    # `Phone: 212-260-1332`, `Tel.: +41 (0)55 280 43 05`, `Fax: ...`: a telephone line.
    Opening(LazyPattern(rf"(?:phone|telephone|tel|fax|call{_WS}+us){_WS}*\.?{_WS}*:?{_WS}*"
                          rf"\+?[\d(][\d ()./-]{{5,24}}\d{LINE_END}", regex.I),
            starting("phone", "telephone", "tel", "fax", "call"), 12),
    # `twitter.com/paultakahashi`: a profile link on a line of its own.
    Opening(LazyPattern(rf"(?:https?://)?(?:www\.)?{_PROFILE}[\w.-]+/?{LINE_END}", regex.I),
            starting("twitter.com", "x.com", "facebook.com", "instagram.com", "linkedin.com",
                     "http", "www."), 3),
)


class ContactLine(LineRule):
    """NL306 contact-line: a line of contact details: an address, a handle, a phone number.

    ## What it does
    Finds the contact footers of a page and of an author box: `Contact us at
    [email protected].`, `Write to Al Root at allen.root@dowjones.com`, `Email Tariq
    Malik at tmalik@space.com or follow him @tariqjmalik.`, `Amy Kuperinsky may be reached
    at ...`, a line that is only an address or a handle, and `Phone: 212-260-1332`. A
    line must open by asking to get in touch (`Contact`, `Email`, `Write to`, `Reach`,
    `Have a tip?` ...) and hold an address, or say someone can be reached at one, and
    have at most 40 words; a line that reports who said it (`..., the council said.`) is
    the article's and is left alone. A line that is only a handle is judged with the
    lines around it: it is running text broken over lines, and left alone, when the next
    line opens in lower case or the line before is a lone `and`/`or` (a list of accounts
    in the author's sentence), when the line before ends in a comma (`Dan said,` heading
    a reader's reply to `@name`), or when it sits in an embedded tweet (the line before
    ends in a hashtag, or the next is the tweet's `— author (@handle) date` line).
    `extend-phrases` and `extend-prefixes` add whole lines and openings of your own.

    ## Why is this bad?
    Contact details are the site's furniture, not the story. Often the address itself
    was hidden by an obfuscator and only `[email protected]` is left (see NL310).

    ## Example
        ... More must-see stories from TIME

        Contact us at [email protected].

    Use instead:
        ... More must-see stories from TIME

    ## Fix safety
    Unsafe: the line is judged by its shape. An article can quote an address in a line
    that opens like a contact footer (`Readers can email tips to ...`).

    Measured at 875d261 (`bench/rule_precision.py DEV DRAGNET`: residue lines / residue and
    clean lines deleted, clean lines a gold keeps by convention counted apart): dev 1.000 (91/91;
    1 more is a bare address the gold keeps, raw 0.989), dragnet 1.000 (37/37; and 17 neutral
    lines). The 5 lone handles of DRAGNET that the guards above keep were reply addressees
    in reader comments, which the gold drops with the comments, a mention in an embedded
    tweet and a list of the author's accounts.

    ## Limitations
    Postal addresses are not recognised. Only English openings are known. A reply's
    addressee after a comment byline that does not end in a comma (`Posted by: Ann at
    ...` / `@Jerry`) is still taken for contact details.
    """

    code = "NL306"
    name = "contact-line"
    artifact = "contact line"
    openings = _SHAPES
    insides = _INSIDES

    def hits(self, doc: Document) -> dict[int, LineHit]:
        hits = super().hits(doc)
        lone = [i for i, hit in hits.items() if _HANDLE_ONLY.fullmatch(doc.text, hit.start, hit.end)]
        if not lone:
            return hits
        texts, nonblank = doc.line_texts, doc.nonblank_lines
        order = {i: n for n, i in enumerate(nonblank)}
        for i in lone:
            n = order.get(i)
            if n is None:
                continue
            before = texts[nonblank[n - 1]] if n > 0 else ""
            after = texts[nonblank[n + 1]] if n + 1 < len(nonblank) else ""
            if in_running_text(before, after):
                del hits[i]
        return hits
