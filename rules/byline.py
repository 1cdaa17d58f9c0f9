"""NL203 byline: author lines (`By Jill Disis, CNN Business`) standing apart from the text."""
from __future__ import annotations

import re

from newslint.document import Document
from newslint.rules._lazy import LazyPattern
from newslint.rules._lines import Inside, LineHit, LineRule, Opening, starting

_WS = r"[^\S\n]"
# Lower-case words that can sit inside a byline: name particles, joins and job titles.
_BYLINE_WORDS = frozenset("""
    and & of the at for in on de da di del della der den van von le la du dos das bin ibn al el y
    staff writer writers reporter reporters correspondent correspondents editor editors columnist
    contributor contributors senior chief political national security business tech technology
    sports science health foreign white house bureau large news opinion special data investigative
    """.split())
_TOKEN = LazyPattern(r"\p{L}[\p{L}’'-]*|\d+")
# `By Jill Disis, CNN Business`, `ByPaul Takahashi` (spaces lost), `Analysis by Chris Cillizza,
# CNN Editor-at-large`.
_BY = LazyPattern(rf"(?i:(?:analysis|opinion|commentary|story|words|text|written|reported|posted"
                    rf"|report){_WS}+)?(?:by|By|BY){_WS}*(?=\p{{Lu}})")
_OPENINGS = ("by", "analysis", "opinion", "commentary", "story", "words", "text", "written",
             "reported", "posted", "report")
MAX_BYLINE_WORDS = 12
# `Tom Krisher, AP Auto Writer`, `Meg Kinnard and Errin Haines, Associated Press`, `Jane Roe,
# ASSOCIATED PRESS`, `Jane Roe, AP`: names, then an agency or a job title, and nothing else.
_NAME = r"\p{Lu}[\p{L}’'.-]*"
_NAMES = rf"{_NAME}(?:{_WS}+{_NAME}){{1,3}}"
_NAMES_TITLE = LazyPattern(
    rf"{_NAMES}(?:(?:,|{_WS}+and|{_WS}*&){_WS}+{_NAMES}){{0,3}},?{_WS}+"
    rf"(?:(?i:(?:the{_WS}+)?Associated{_WS}+Press)|AP|(?:[^\S\n,]+[^\n,]{{0,40}}?)?\bWriters?)"
)


# An author's bio: `Brigit Katz is a freelance writer based in Toronto.`, `• Jane Roe is a
# columnist for the Observer`, `Jeff Foust (jeff@...) is the editor and publisher of The Space
# Review`, `Jane Roe is a Staff Writer at the Courier`: a name (no `Mr` or `Dr`: an article
# names people that way), what they write as (in either case: `a Staff Writer at WIRED`, `the
# News and Apple Editor of TNW`), and where or for whom. A dash may open it as a bullet does
# (`- Jane Roe is a senior editor at ...`).
_BIO_JOBS = r"(?i:columnist|writer|editor|correspondent|reporter|contributor|journalist|author|blogger)"
_BIO = LazyPattern(
    rf"(?:[•·*-]{_WS}*)?(?!(?:Mr|Mrs|Ms|Dr|Prof)\b){_NAMES}{_WS}*(?:\([^()\n]{{1,60}}\){_WS}*)?"
    rf"(?:is|was){_WS}+(?:a|an|the){_WS}+(?:[\w-]+{_WS}+){{0,3}}?"
    rf"{_BIO_JOBS}s?\b"
    rf"[^\n.]{{0,60}}?\b(?:for|at|with|of|on|to){_WS}+(?:the{_WS}+)?\p{{Lu}}"
    rf"|(?:[•·*-]{_WS}*)?(?!(?:Mr|Mrs|Ms|Dr|Prof)\b){_NAMES}{_WS}+(?:is|was){_WS}+(?:a|an){_WS}+"
    rf"(?:[\w-]+{_WS}+){{0,2}}?(?:writer|journalist|reporter|columnist|blogger){_WS}+based{_WS}+in\b"
)
MAX_BIO_WORDS = 80  # a bio of three sentences (`..., covering ... She joined the paper in ...`)
# A bio does not report what someone said, nor go on about the paper (`..., which she founded`),
# save to say what its writer covers there (`..., where he covers Latin America`).
# Nor does it date an event as news does (`... at the Tribune who was sacked last week`): a bio
# dates its writer's career in years (`She joined the paper in 2019`).
_NOT_BIO = LazyPattern(rf"\b(?:said|says|told|according)\b|,{_WS}*(?:which|who|when)\b"
                       rf"|,{_WS}*where{_WS}+(?!(?:he|she|they){_WS}+(?:covers|writes|reports|edits)\b)"
                       rf"|\b(?:yesterday|last{_WS}+(?:week|month|night)"
                       rf"|on{_WS}+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b")


# A writer introducing themself in an author box: `Hi, I'm Becky. I live in Atlanta. ...`, `Hi
# there! I'm Regan.`, `Hi. I'm Paul Rouget (contact). I work at Mozilla.`: a greeting, then
# `I'm` and a capitalised name. A blog post may open with the same words (`Hi, I'm Tom, and
# today ...`), so the line must come after half the text's words, where author boxes stand,
# and not be quoted or reported (`"Hello there! I'm Josie," she says.`).
_SELF_INTRODUCTION = LazyPattern(rf"(?i:(?:hi|hello)(?:{_WS}+there)?{_WS}*[,!.]{_WS}*i['’]m){_WS}+\p{{Lu}}")
_QUOTES = ("\"", "“", "'", "‘", "«")
_REPORTED = LazyPattern(r"\b(?i:said|says|told|explains|explained|wrote|writes)\b")
MIN_SELF_INTRODUCTION_PLACE = 0.5  # the share of the text's words before the line


def is_self_introduction(line: str) -> bool:
    return (_SELF_INTRODUCTION.match(line) is not None and not line.startswith(_QUOTES)
            and _REPORTED.search(line) is None)


def _too_early(text: str, start: int) -> bool:
    """Whether the line at `start` comes before half the words of `text`."""
    return len(text[:start].split()) < MIN_SELF_INTRODUCTION_PLACE * len(text.split())


def is_bio(line: str) -> bool:
    return bool(_BIO.match(line)) and not _NOT_BIO.search(line)


def is_byline(line: str) -> bool:
    """Every word after `by` is capitalised, a number (a date) or a byline word; a name at least."""
    m = _BY.match(line)
    words = _TOKEN.findall(line[m.end():] if m else line)
    names = sum(1 for w in words if w[0].isupper())
    return (names >= 1 and all(w[0].isupper() or w.isdigit() or w.lower() in _BYLINE_WORDS
                               for w in words)
            and not is_title_case_heading(line))


# `By Sunday Morning, Most Of The Roads Were Open Again`, `By Train, By Plane: Europe's Great
# Journeys`: a heading in title case, told by a capitalised function word inside it or a
# second `By`. A byline's joins and particles stay in lower case (`and`, `de`, `on`), and
# bylines in capitals (`BY JANE ROE AND JOHN DOE`) are not title case.
_TITLE_CASE_WORDS = frozenset("""
    of is are was were a an to in for with from into over after before up out
    not its their his her our your will would can could has have had be been by
    """.split())


def is_title_case_heading(line: str) -> bool:
    if line.isupper():
        return False
    m = _BY.match(line)
    words = _TOKEN.findall(line[m.end():] if m else line)
    return any(w[0].isupper() and w.lower() in _TITLE_CASE_WORDS for w in words[1:])


def is_names_and_title(line: str) -> bool:
    return bool(_NAMES_TITLE.fullmatch(line))


class Byline(LineRule):
    """NL203 byline: a line naming the author(s) of the article, apart from the text.

    ## What it does
    Finds author lines that scrapers keep above or below the article: `By Jill Disis,
    CNN Business`, `ByPaul Takahashi`, `Analysis by Chris Cillizza, CNN Editor-at-large`,
    `Tom Krisher, AP Auto Writer`, `Meg Kinnard and Errin Haines, Associated Press`,
    a lone `By` or `Written by` left by an author box (`rules/data/byline_lines.txt`), and
    an author's bio line (`Brigit Katz is a freelance writer based in Toronto.`, `• Jane
    Roe is a columnist for the Observer`, `- Jane Roe is a Staff Writer at the Ledger, where
    she covers courts`; a name, never `Mr` or `Dr`, then a writing job in either case and
    where, at most 80 words; not a line that reports speech or goes on with `, which`, `, who`,
    `, when` or a `, where` other than `where he covers` / `writes` / `reports` / `edits`),
    and a writer's self-introduction in an author box (`Hi, I'm Becky. I live in Atlanta.
    ...`, `Hi there! I'm Regan.`: `Hi` or `Hello`, then `I'm` and a capitalised name, at most
    80 words, not quoted or reported) when it comes after half the text's words: a blog post
    may open with the same greeting (`Hi, I'm Tom, and today ...`).
    After its `by`, a byline has at most 12 words, all of them capitalised names, numbers
    (a date) or byline words (`and`, `staff writer`, `correspondent`, name particles such
    as `de` or `van`). `extend-phrases` and `extend-prefixes` add whole lines and
    openings of your own.

    ## Why is this bad?
    The byline is metadata of the page. In the text it is a line that is not a sentence,
    and in a corpus it ties every article to the people who wrote it.

    ## Example
        By Jill Disis, CNN Business

        Chinese tech giant Tencent ...

    Use instead:
        Chinese tech giant Tencent ...

    ## Fix safety
    Unsafe: a byline is judged by its shape, and a short line of names can be the
    article's own (a list of names, a heading such as `By The Numbers`). A heading in title
    case with a capitalised function word or a second `By` after its `by` (`By Sunday
    Morning, Most Of The Roads Were Open Again`, `By Train, By Plane: ...`) stays: no line
    of DEV, DRAGNET or the 2020s articles has that shape (`On` and `No` are left out of the
    function words: `By Kashmira Gander On 11/13/19 ...`, `... • No Comments` are bylines).
    `By The Numbers` itself is still found: it has the shape of `By The Guardian`. A bio-shaped
    line that dates an event as news does (`yesterday`, `last week`, `on Monday`: `Jane Roe is
    a writer at the Tribune who was sacked last week ...`) is the article's sentence and
    stays; no bio of DEV, DRAGNET or the 2020s articles has such a date.

    Measured at 875d261 (`bench/rule_precision.py DEV DRAGNET`: residue lines / residue and
    clean lines deleted, clean lines a gold keeps by convention counted apart): dev 1.000
    (242/242; 4 more kept by convention, raw 0.984), dragnet 1.000 (660/660; 38 more, raw
    0.946; and 451 neutral lines); safe fixes alone (`--safe-only`) dev 40/40, dragnet 79/79
    (11 more kept by convention). The lines kept by convention are bylines and author labels
    (`By Lucas Mearian | Computerworld`, `Posted by Kathy on ...`, `Author:`): none is
    article prose.
    Names with `, AP` or `, ASSOCIATED PRESS` (a picture's or a story's credit: detroitnews,
    hosted.ap.org) are residue on 2 sites and never article text; nothing on the 2020s articles.
    Bios with a capitalised job title (`Staff Writer at WIRED`, `News and Apple Editor of
    TNW`), `, where he covers ...`, a dash before them, or of 61 to 80 words: 17 residue
    lines after the article (latimes, wired; makeandtakes, theatlantic, thenextweb) and 1
    partial (cbsnews), no clean or neutral line; on the 2020s articles 5 more lines, all
    authors' bios (thedebrief, breitbart).
    Self-introductions after half the text: residue on designpublic, theantijunecleaver and
    mozilla (26 lines, all after 60% of their text's words), never clean, neutral or partial;
    nothing on the 2020s articles.

    ## Limitations
    A byline without `by` is found only when it ends with `Writer`, `Associated
    Press` or `, AP`; bylines glued to the first paragraph, and bylines in other languages, are not
    found. Whether an article should keep its byline is a matter of use: ignore NL203 to
    keep them.
    """

    code = "NL203"
    name = "byline"
    artifact = "byline"
    phrase_files = ("byline_lines",)
    insides = (
        Inside(re.compile("Writer"), None, MAX_BYLINE_WORDS, is_names_and_title),
        Inside(re.compile("Associated Press|ASSOCIATED PRESS|, AP$", re.M), None, MAX_BYLINE_WORDS,
               is_names_and_title),
        Inside(re.compile(r" (?:is|was) (?:a|an|the) "), None, MAX_BIO_WORDS,
               is_bio),
    )
    openings = (Opening(_BY, starting(*_OPENINGS), MAX_BYLINE_WORDS, is_byline),
                Opening(_SELF_INTRODUCTION, starting("hi", "hello"), MAX_BIO_WORDS, is_self_introduction))

    def hits(self, doc: Document) -> dict[int, LineHit]:
        found = super().hits(doc)
        text = doc.text
        return {i: hit for i, hit in found.items()
                if not (is_self_introduction(text[hit.start:hit.end]) and _too_early(text, hit.start))}
