"""NL202 photo-credit: picture credit lines, and bracketed credits inside a paragraph."""
from __future__ import annotations

import re
from collections.abc import Iterator

import regex

from newslint.document import Document
from newslint.model import Fix, Violation
from newslint.rules._captions import CREDIT_IN_BRACKETS, CREDIT_LABEL, agencies_regex, is_caption_with_credit
from newslint.rules._frequency import zipf
from newslint.rules._lazy import LazyPattern
from newslint.rules._lines import Inside, LineRule, Opening, excerpt, starting
from newslint.rules._phrases import lowercase_words
from newslint.rules._prose import ATTRIBUTED

_WS = r"[^\S\n]"
MAX_CREDIT_WORDS = 12
# A name and an agency joined by a slash, a bar or `via`: `STR/KCNA VIA KNS/AFP via Getty
# Images`, `Sakib Ali/Hindustan Times/Getty Images`, `Natalie Naccache | Bloomberg | Getty
# Images`, `REUTERS/Name`.
_AGENCY_JOINED = LazyPattern(
    rf"(?:/|\||\bvia\b){_WS}*{agencies_regex()}|{agencies_regex()}{_WS}*(?:/|\|)", regex.I
)
# `Jason Cipriani/ZDNet`: a person's name, a slash and a source, and nothing else.
_NAME = r"\p{Lu}[\p{L}.'’-]*"
_SOURCE_WORD = r"\p{Lu}[\p{L}\d.&'’-]*"
_NAME_SLASH_SOURCE = LazyPattern(
    rf"{_NAME}(?:{_WS}+{_NAME}){{1,3}}{_WS}*/{_WS}*{_SOURCE_WORD}(?:{_WS}+{_SOURCE_WORD}){{0,3}}"
)


_TABLE_BARS = 3  # `| PA-8 | Name | Obama +7 |`: a table row, whose cells may hold agency-like codes
_LETTERS = LazyPattern(r"\p{L}+")
_DOMAIN = LazyPattern(r"\w\.(?:com|org|net)\b", regex.I)
COMMON_WORD_ZIPF = 2.5  # every word of a capitalised heading is an English word this common


def _joined_credit(line: str) -> bool:
    if line.count("|") >= _TABLE_BARS:
        return False
    return bool(_AGENCY_JOINED.search(line)
                or (_NAME_SLASH_SOURCE.fullmatch(line) and not _is_heading(line)))


def _is_heading(line: str) -> bool:
    """`Study Your Target/Interviewer Beforehand`, `BROW GEL/CLEAR MASCARA`: a heading that
    joins two things with a slash, not a name and a source. A name has no function word, and
    a line of capitals only made of common words is a heading."""
    if _DOMAIN.search(line.split("/", 1)[0]):
        return True  # `PortableApps.com Installer / ...`: a product, not a person
    words = [w.lower() for w in _LETTERS.findall(line)]
    if any(w in lowercase_words("fragments_function_words") for w in words):
        return True
    return line.isupper() and all(zipf(w) >= COMMON_WORD_ZIPF for w in words)


_SHAPES = (
    # `Photo: Hau Dinh, AP`, `Photograph: Tim Robberts/Getty Images`, `Image credit: WeWork`.
    Opening(LazyPattern(CREDIT_LABEL, regex.I),
            starting("photo", "image", "picture", "pic", "foto", "illustration", "main", "top",
                     "header", "featured", "lead", "hero", "cover", "file", "credit", "courtesy",
                     "ap", "afp", "reuters", "epa", "getty", "xinhua", "upi", "kyodo", "yonhap",
                     "bloomberg"), MAX_CREDIT_WORDS),
    # BBC style: `Image copyright Getty Images`, `Image source, Reuters`.
    Opening(LazyPattern(rf"(?:image|picture|photo){_WS}+(?:copyright|source)\b", regex.I),
            starting("image", "picture", "photo"), MAX_CREDIT_WORDS),
)
# A bracketed copyright credit on a line of its own, under a picture: `(© Jane Doe)`,
# `(Copyright: Getty Images)`. Whole line only: `(c)` or `©` inside prose is the article's.
_BRACKETED_COPYRIGHT = LazyPattern(rf"\({_WS}*(?:©|copyright{_WS}*:){_WS}*[^()\n]{{2,60}}\)", regex.I)


def _is_bracketed_copyright(line: str) -> bool:
    return _BRACKETED_COPYRIGHT.fullmatch(line) is not None


_INSIDES = (
    Inside(LazyPattern(r"\((?:\s*©|\s*(?i:copyright))"), None, MAX_CREDIT_WORDS, _is_bracketed_copyright, clue="("),
    Inside(re.compile(r"/"), None, MAX_CREDIT_WORDS, _joined_credit, clue="/"),
    Inside(re.compile(r"\|"), None, MAX_CREDIT_WORDS, _joined_credit, clue="|"),
    Inside(LazyPattern(r"(?i:via)"), LazyPattern(rf"\bvia{_WS}+{agencies_regex()}\Z", regex.I),
           MAX_CREDIT_WORDS),
)
# Bracketed credits inside a paragraph start with a literal bracket, which is quick to find
# (and a text without that bracket is not searched).
_BRACKETED = (("(", LazyPattern(rf"\({_WS}*(?i:{CREDIT_LABEL})")),
              ("[", LazyPattern(rf"\[{_WS}*(?i:{CREDIT_LABEL})")))


# `(photo/video sharing)`: a label's slash with a word in lower case after it joins two words of
# the sentence; a credit's slash comes before a name (`(AP Photo/Alan Diaz)`).
_SLASH_THEN_WORD = LazyPattern(rf"/{_WS}*\p{{Ll}}")


def _is_prose_in_brackets(label: str, rest: str) -> bool:
    """Whether a bracket that opens like a credit is the sentence's own aside: a slash then a
    lower-case word, or words given to someone (`(photo by appointment, the gallery says)`)."""
    return (label.rstrip().endswith("/") and _SLASH_THEN_WORD.match(label.rstrip()[-1:] + rest) is not None
            or ATTRIBUTED.search(rest) is not None)


class PhotoCredit(LineRule):
    """NL202 photo-credit: a picture credit, on a line of its own or in brackets in a paragraph.

    ## What it does
    Finds credit lines of pictures the scraper dropped: `STR/KCNA VIA KNS/AFP via Getty
    Images`, `Photo: Hau Dinh, AP`, `REUTERS/Brendan McDermid`, `Photograph: Tim
    Robberts/Getty Images`, `Image copyright Getty Images`, `Jason Cipriani/ZDNet`,
    `Getty Images`, and a bracketed copyright credit alone on its line under a picture
    (`(© Jane Doe)`, `(Copyright: Getty Images)`: bbc, theatermania; 7 residue lines, none
    clean). A credit line has at most 12 words and either a credit label
    (`Photo:`, `Image by`, `Image credit:`), or a known agency joined to a name by `/`,
    `|` or `via` (agencies: `rules/data/photo_agencies.txt`), or the shape `First Last/
    Source`. Lines that are only a credit (`Getty Images`, `AP Photo`) live in
    `rules/data/credit_lines.txt`; `extend-phrases` and `extend-prefixes` add more.

    It also finds a bracketed credit inside a paragraph, `(Photo: AP)` or `(AP
    Photo/Name)`, and deletes just that, with the space before it. A short line that
    ends with such a credit is a caption, and is left to NL201 (stray-caption).

    ## Why is this bad?
    The credit belongs to a picture that is gone; in the text it is noise between
    paragraphs or in the middle of a sentence.

    ## Example
        ... as he watches the test fire of a new type of tactical guided weapon.

        STR/KCNA VIA KNS/AFP via Getty Images

    Use instead:
        ... as he watches the test fire of a new type of tactical guided weapon.

    ## Fix safety
    Safe for a line that is a known credit as a whole. Unsafe otherwise: the credit is
    judged by its shape, and a line such as `Photo: the scene in 1969` can be the
    article's own. A bracketed credit inside a paragraph goes with the space before it;
    when a word is glued after the bracket (`Arizona. (Photo by X)X`), one space stays,
    so that the words on both sides are not joined. A bracket whose label's slash is
    followed by a word in lower case (`(photo/video sharing)`) or whose words are given to
    someone (`(photo by appointment only, the gallery says)`) is the sentence's own aside and
    stays: on DEV, DRAGNET and the 2020s articles this leaves only `(pics/video/dates)` in a
    link line of one DRAGNET page (2 extractors), which is no credit either.

    Measured at 875d261 (`bench/rule_precision.py DEV DRAGNET`: residue lines / residue and
    clean lines deleted, clean lines a gold keeps by convention counted apart): dev 1.000
    (184/184; 15 more kept by convention, raw 0.925), dragnet 1.000 (209/209; 3 more, raw
    0.986; and 264 neutral lines); safe fixes alone (`--safe-only`) dev 13/13 (3 more kept
    by convention), dragnet 21/21. The lines kept by convention are picture credits
    (`REUTERS`, `Main image credit: Getty`, `[Image via AP]`): none is article prose.
    The agencies `US Presswire` (calltothepen, cbssports, cnn, nfl) and `Thinkstock` (bbc,
    sciencemag) occur in credits on 2 to 4 sites, never in article text.

    ## Limitations
    A credit glued to a caption or paragraph without brackets is not found, apart from
    the bracketed form. Agencies not in the list are only found through the `/` shape.
    """

    code = "NL202"
    name = "photo-credit"
    artifact = "photo credit"
    phrase_files = ("credit_lines",)
    openings = _SHAPES
    insides = _INSIDES

    def check(self, doc: Document) -> list[Violation]:
        hits = self.hits(doc)
        found = [self.line_violation(doc, hits[i]) for i in sorted(hits)]
        return found + list(self._bracketed(doc, set(hits)))

    def _bracketed(self, doc: Document, credit_lines: set[int]) -> Iterator[Violation]:
        """Bracketed credits inside a paragraph; a short line ending with one is NL201's."""
        text = doc.text
        # By line index: where its content starts, and whether it is a caption. Judged once
        # per line, so a long line with many credits costs linear time.
        lines: dict[int, tuple[int, bool]] = {}
        for bracket, opener in _BRACKETED:
            if bracket not in text:
                continue
            for found in opener.finditer(text):
                m = CREDIT_IN_BRACKETS.match(text, found.start())
                if not m:
                    continue
                index = doc.line_index(m.start())
                if index in credit_lines:
                    continue
                line = doc.line(index)
                if index not in lines:
                    content = text[line.start:line.end]
                    lines[index] = (line.end - len(content.lstrip()), is_caption_with_credit(content))
                content_start, caption = lines[index]
                if m.start() <= content_start or caption:
                    continue  # a line that opens with the credit is a credit line or nothing
                if _is_prose_in_brackets(text[m.start():found.end()], text[found.end():m.end()]):
                    continue
                start = m.start()
                while start > line.start and text[start - 1] in " \t\u00a0":
                    start -= 1  # the space before the credit goes with it
                # A word glued after the bracket keeps a space from the words before it.
                glued = start < m.start() and m.end() < len(text) and text[m.end()].isalnum()
                fix = Fix.replace(start, m.end(), " " if glued else "", safe=False)
                message = f"{self.artifact} '{excerpt(m.group())}' in a paragraph"
                yield self.violation(m.start(), m.end(), message, fix)
