"""NL306 contact-line: lines giving the publisher's or the author's contact details."""
from __future__ import annotations

import re

import regex

from newslint.rules._lines import LINE_END, Inside, LineRule, Opening, starting

_WS = r"[^\S\n]"
_PLACEHOLDER = (r"\[(?:email[\s\u00a0]*protected"
                r"|javascript[\s\u00a0]+protected[\s\u00a0]+email[\s\u00a0]+address)\]")
_ADDRESS = rf"(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|{_PLACEHOLDER})"
# Searching for an address, one character before the `@` is enough, and keeps the search linear.
_SOME_ADDRESS = rf"(?:[\w.+-]@[\w-]+(?:\.[\w-]+)+|{_PLACEHOLDER})"
_HANDLE = r"@\w{2,30}"
_PROFILE = r"(?:twitter|x|facebook|instagram|linkedin)\.com/"
# The openings of a contact line: `Contact us at ...`, `Write to Al Root at ...`, `Have a tip?`.
_ASKS = regex.compile(
    rf"[^\w\n]{{0,3}}(?:contact|e-?mail|write{_WS}+to|reach|send|questions?|comments?|feedback"
    rf"|tips?|(?:have|got){_WS}+a{_WS}+(?:news{_WS}+)?tip|follow|for{_WS}+more{_WS}+information)\b",
    regex.I,
)
# In a line that asks to get in touch, a profile link will do as well as an address.
_ADDRESS_IN = regex.compile(rf"{_SOME_ADDRESS}|{_PROFILE}\w", regex.I)
# `Amy Kuperinsky may be reached at akuperinsky@...`: someone who can be reached at an address.
_REACHED = regex.compile(rf"\b(?:can|may){_WS}+be{_WS}+(?:reached|contacted|emailed)\b"
                         rf"[^\n]{{0,60}}?(?:{_SOME_ADDRESS}|{_HANDLE})", regex.I)
# A line that is only an address, a handle or a profile link, with an optional label.
_BARE = regex.compile(
    rf"(?:(?:e-?mail|contact|twitter|tel|phone|fax){_WS}*:?{_WS}*)?"
    rf"(?:{_ADDRESS}|{_HANDLE}|(?:https?://)?(?:www\.)?{_PROFILE}[\w.-]+/?)[.\s]*",
    regex.I,
)
MAX_CONTACT_WORDS = 40
# A sentence that reports who said it is the article's (`Comments can be sent to ... until
# March 3, the council said.`): a footer does not attribute itself.
_REPORTED = regex.compile(rf"\b(?:said|says|according{_WS}+to|told|announced)\b", regex.I)


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
    Inside(regex.compile(r"\[(?i:email|javascript)"), None, MAX_CONTACT_WORDS, is_contact,
           clue="["),
)
_SHAPES = (
    # `Phone: 212-260-1332`, `Tel.: +41 (0)55 280 43 05`, `Fax: ...`: a telephone line.
    Opening(regex.compile(rf"(?:phone|telephone|tel|fax|call{_WS}+us){_WS}*\.?{_WS}*:?{_WS}*"
                          rf"\+?[\d(][\d ()./-]{{5,24}}\d{LINE_END}", regex.I),
            starting("phone", "telephone", "tel", "fax", "call"), 12),
    # `twitter.com/paultakahashi`: a profile link on a line of its own.
    Opening(regex.compile(rf"(?:https?://)?(?:www\.)?{_PROFILE}[\w.-]+/?{LINE_END}", regex.I),
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
    the article's and is left alone. `extend-phrases` and `extend-prefixes` add whole lines and
    openings of your own.

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

    Measured, all fixes applied (`bench/quality.py CORPUS --select NL306 --lines-only
    --no-flagged`): dev 0.988 (86 lines deleted, 1 clean: a bare address the gold
    keeps), dragnet 1.000 (38, 0 clean).

    ## Limitations
    Postal addresses are not recognised. Only English openings are known.
    """

    code = "NL306"
    name = "contact-line"
    artifact = "contact line"
    openings = _SHAPES
    insides = _INSIDES
