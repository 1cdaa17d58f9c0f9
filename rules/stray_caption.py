"""NL201 stray-caption: photo captions and gallery leftovers on lines of their own."""
from __future__ import annotations

import re

import regex

from newslint.document import Document
from newslint.rules._captions import CREDIT_LABEL, MAX_CAPTION_WORDS, agencies_regex, is_caption_with_credit
from newslint.rules._lazy import LazyPattern
from newslint.rules._lines import LINE_END, Inside, LineHit, LineRule, Opening, starting
from newslint.rules._prose import ATTRIBUTED

_WS = r"[^\S\n]"
_PICTURE = (rf"(?:photos?|photographs?|images?|pictures?|photo{_WS}+illustration"
            rf"|file{_WS}+(?:photo|image)|frame{_WS}+grab"
            rf"|(?:screen|video){_WS}*(?:grab|shot|still)s?|screenshots?|still{_WS}+image"
            rf"|satellite{_WS}+image|handout{_WS}+(?:photo|image|picture))")
_PICTURE_WORDS = ("photo", "image", "picture", "grab", "shot", "still", "handout")
_CREDIT_AT_END = LazyPattern(r"(?i:(?:photo|image|picture)?\s*credit\s*:)")
LONG_CAPTION_WORDS = 2 * MAX_CAPTION_WORDS  # wire captions run longer


def _has_caption_text(line: str) -> bool:
    """A credit at the end of a line is a caption's only when a few words come before it."""
    m = _CREDIT_AT_END.search(line)
    return m is not None and len(line[: m.start()].split()) >= 3


def _has_caption_text_before_photograph(line: str) -> bool:
    return len(line[: line.rfind("Photograph:")].split()) >= 3


# A sentence after the first, in the writer's own first person singular: `Above: A few shots
# from the workshop. This is the first one I have run in Lisbon.` is the writer's note
# going on with the post, not a caption alone (deleting the line loses the post's text).
_LATER_FIRST_PERSON = LazyPattern(r"[.!?][\"'”’)]*[^\S\n]+[^\n]*?\b(?:I|I['’](?:m|ve|d|ll)|[Mm]y|me)\b")


# `Below: the full list of nominees, ...`, `Above: the full text of the statement`: the line
# points at text of the article's own (a list, a transcript, results), not at a picture.
_POINTS_AT_TEXT = LazyPattern(
    rf"(?i:above|below){_WS}*:{_WS}*(?i:(?:the|our|a){_WS}+)?(?i:(?:full|complete){_WS}+)?"
    r"(?i:list|text|transcript|statement|results|winners|nominees|schedule|timeline|line-?up"
    r"|rankings|standings|table|fixtures)\b")


def _caption_alone(line: str) -> bool:
    """A pointing caption (`Above: ...`) is a caption alone unless a later sentence of the
    line speaks in the writer's first person, or the line points at text, not a picture."""
    return _LATER_FIRST_PERSON.search(line) is None and _POINTS_AT_TEXT.match(line) is None


_SHAPES = (
    # Wire-service captions: `FILE - In this ...`, `FILE PHOTO: Traders work ...` (in capitals,
    # as the wires write it).
    Opening(LazyPattern(rf"FILE(?:{_WS}+PHOTO)?{_WS}*[-–—:]{_WS}"), starting("FILE"),
            LONG_CAPTION_WORDS),
    # `In this Sunday, Nov. 10, 2019, photograph, a long row ...`: the picture named, a comma.
    # A bare `In this photo, you can see ...` is the article's own sentence: a caption says
    # more about its picture (`In this file photo`, `In this photo taken on ...`).
    Opening(LazyPattern(rf"in{_WS}+(?:this|these){_WS}+(?:[^\n]{{1,80}}?\b{_PICTURE}\b[^\n]{{0,60}}?"
                        rf"|{_PICTURE}\b[^\n]{{1,60}}?),", regex.I),
            starting("in this", "in these"), LONG_CAPTION_WORDS, needs=_PICTURE_WORDS),
    # `This undated photo released by ... shows ...`: the picture named, then what it shows or
    # who released it.
    Opening(LazyPattern(
        rf"(?:this|these){_WS}+(?:[\w-]+{_WS}+){{0,3}}?{_PICTURE}\b[^\n]{{0,200}}?"
        rf"\b(?:shows?|showing|depicts?|released|provided|made{_WS}+available|distributed|obtained"
        rf"|supplied|taken{_WS}+(?:on|in|at|by))\b", regex.I),
        starting("this", "these"), MAX_CAPTION_WORDS, needs=_PICTURE_WORDS),
    # `Image caption Scooter Braun has managed ...` (a caption label kept with the caption).
    Opening(LazyPattern(rf"(?:image|media|photo|picture|video){_WS}*caption\b|caption{_WS}*:",
                          regex.I),
            starting("image", "media", "photo", "picture", "video", "caption"), LONG_CAPTION_WORDS),
    # `Above: A WeWork coworking space ...`: a caption pointing at its picture.
    Opening(LazyPattern(rf"(?:above|below|pictured|top"
                          rf"|(?:main|featured|header|lead|top){_WS}+image){_WS}*:{_WS}", regex.I),
            starting("above", "below", "pictured", "top", "main", "featured", "header", "lead"),
            MAX_CAPTION_WORDS, _caption_alone),
    # Gallery counters: `Image 1 of 8`, `1 / 8`, `Photo 3 of 10`, `Image 1 of / 4`.
    Opening(LazyPattern(rf"(?:(?:image|photo|picture|slide|gallery){_WS}*)?\d{{1,3}}{_WS}*"
                          rf"(?:of(?:{_WS}*/)?|/){_WS}*\d{{1,3}}{LINE_END}", regex.I),
            starting("#", "image", "photo", "picture", "slide", "gallery"), 5),
)
_INSIDES = (
    # A caption ending with its credit, without brackets: `... 2019. REUTERS/Brendan McDermid`.
    Inside(re.compile(r"REUTERS"),
           LazyPattern(rf"\.{_WS}+REUTERS{_WS}*/{_WS}*\p{{Lu}}[^\n]{{1,50}}\Z"),
           MAX_CAPTION_WORDS),
    # `... in Mongolia, in May Credit: The Siberian Times`.
    Inside(re.compile(r"Credit"),
           LazyPattern(rf"\S{_WS}+(?i:(?:photo|image|picture)?{_WS}*credit{_WS}*:)"
                         rf"[^\n]{{1,60}}\Z"),
           MAX_CAPTION_WORDS, _has_caption_text),
    # `... when completed. Photograph: Mark Turner/London Array Limited` (the Guardian's and
    # Wired's caption style): a caption ending with its credit after a full stop.
    Inside(LazyPattern(r"Photograph:"),
           LazyPattern(rf"[.!?][\"'”’]?{_WS}+Photograph:{_WS}*\p{{Lu}}[^\n]{{1,60}}\Z"),
           MAX_CAPTION_WORDS, _has_caption_text_before_photograph, clue="Photograph:"),
    # `... displayed outside of a co-working space in New York. Reuters`.
    Inside(LazyPattern(r"\.[^\S\n]+(?:Reuters|REUTERS|AFP|AP|Getty)"),
           LazyPattern(rf"\.{_WS}+(?i:{agencies_regex()})(?:{_WS}*/{_WS}*[^\n]{{1,40}})?"
                       rf"[.\s]*\Z"),
           MAX_CAPTION_WORDS),
    # `U.S. Defense Secretary Mark Esper, left, and Vietnamese Defense Minister ... shake hands`:
    # people placed in the picture, after their names (`however, right and wrong` is prose).
    Inside(re.compile(r", (?:left|right|center|centre)(?:,| and )"),
           LazyPattern(r"(?:\p{Lu}[\p{L}.'’-]{0,40}|\)), (?:left|right|center|centre)(?:,| and )"),
           MAX_CAPTION_WORDS),
    # A short text ending with a bracketed credit: `... in Hialeah, Fla. (AP Photo/Alan Diaz)`.
    Inside(LazyPattern(rf"\({_WS}*(?i:{CREDIT_LABEL})"), None, MAX_CAPTION_WORDS,
           is_caption_with_credit, clue="("),
)


class StrayCaption(LineRule):
    """NL201 stray-caption: a photo caption or a gallery leftover on a line of its own.

    ## What it does
    Finds the captions of pictures that a scraper kept among the paragraphs:
    wire-service captions (`FILE - In this ... file photo, ...`, `FILE PHOTO: ...`,
    `In this Sunday, Nov. 10, 2019, photograph, ...`, `This undated photo released by
    ... shows ...`), captions with their label (`Image caption ...`), captions that point
    at their picture (`Above: ...`), captions ending with their credit (`... (AP
    Photo/Alan Diaz)`, `... REUTERS/Brendan McDermid`, `... Credit: ESA`, `... in New
    York. Reuters`), captions that place people in the picture (`Mark Esper, left, and
    ...`), gallery counters (`Image 1 of 8`, `1 / 8`, `Image 1 of / 4`) and bare labels
    (`Caption`, `Image`). Bare labels live in `rules/data/caption_lines.txt`;
    `extend-phrases` and `extend-prefixes` add whole lines and openings of your own.

    ## Why is this bad?
    A caption describes a picture the text no longer has. Between two paragraphs it
    reads as a sentence of the story, often repeating it or breaking its thread.

    ## Example
        ... "an affront to Ukraine's sovereignty".

        This undated photo released by North Korea's official Korean Central News Agency
        (KCNA) on April 17, 2022 shows North Korean leader Kim Jong Un ...

        Price was referring to comments by ...

    Use instead:
        ... "an affront to Ukraine's sovereignty".

        Price was referring to comments by ...

    ## Fix safety
    Unsafe: a caption is judged by its shape, and an article can describe a photo in a
    sentence of its own (`This photo, taken in 1969, shows ...`). Bare labels from the
    data file are deleted with a safe fix. A line that gives its words to someone (`This
    photo shows why the case matters, their lawyer argued ...`, `In this photo, taken in
    1974, the studio is still a barn, the curator said`) is the article's sentence and
    stays: no residue line of DEV or DRAGNET has that shape. So does a pointing line whose
    object is text of the article's own (`Below: the full list of nominees, ...`, `Above:
    the full text of the statement`): the pointing captions of DEV and DRAGNET (12 lines, 2
    sites) all point at pictures.

    Measured at 875d261 (`bench/rule_precision.py DEV DRAGNET`: residue lines / residue and
    clean lines deleted, clean lines a gold keeps by convention counted apart): dev 1.000 (396/396;
    4 more are captions and credits the DEV gold kept, raw 0.990), dragnet 1.000 (424/424; 43
    more are photo captions the Dragnet gold keeps and its neutral marker misses, raw 0.908;
    and 60 neutral lines). A caption pointing at its picture (`Above: ...`) that
    goes on with a sentence in the writer's own first person (`... This will be the first
    one I run in ...`) is the writer's note going on with the post and stays: deleted, the
    line took the post's text with it (one page, four scrapers; no other finding changes on
    DEV, DRAGNET or the 2020s texts). Safe
    fixes alone (`--safe-only`): 1.000 on both (223/223 and 144/144). The counter with a
    slash after `of` (`Image 1 of / 4`) is residue on 5 DEV sites (9 lines), never clean.

    ## Limitations
    A caption with no tell-tale opening, label or credit is not found; nor is a caption
    glued to a paragraph. Captions longer than 60 words (120 for wire captions and
    labelled ones) are left alone. Only English captions are recognised.
    """

    code = "NL201"
    name = "stray-caption"
    artifact = "photo caption"
    phrase_files = ("caption_lines",)
    openings = _SHAPES
    insides = _INSIDES

    def hits(self, doc: Document) -> dict[int, LineHit]:
        # `This photo shows why the case matters, their lawyer argued ...`: a sentence that
        # gives its words to someone is the article's, not a caption (see `ATTRIBUTED`).
        text = doc.text
        return {i: hit for i, hit in super().hits(doc).items()
                if not ATTRIBUTED.search(text, hit.start, hit.end)}
