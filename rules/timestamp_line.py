"""NL308 timestamp-line: lines holding only a publication date, time or reading time."""
from __future__ import annotations

import functools
from collections.abc import Sequence

import regex

from newslint.document import Document
from newslint.rules._lazy import LazyPattern
from newslint.rules._lines import LINE_END, LineHit, LineRule, Opening, starting

_MONTHS = ("january february march april may june july august september october november december "
           "jan feb mar apr jun jul aug sep sept oct nov dec").split()
_WEEKDAYS = ("monday tuesday wednesday thursday friday saturday sunday "
             "mon tue tues wed thu thur thurs fri sat sun").split()
_ZONES = ("gmt utc bst cet cest est edt cst cdt mst mdt pst pdt et pt ct mt ist hkt jst aest aedt "
          "sgt wib").split()
_STAMP_WORDS = ("published updated posted modified first last on at date am pm a p m ago read "
                "reading time min mins minute minutes hour hours hr hrs day days week weeks month "
                "months year years sec secs second seconds and by").split()
_OPENERS = ("published", "updated", "posted", "modified", "first", "last", "reading")
_KNOWN = frozenset(_MONTHS + _WEEKDAYS + _ZONES + _STAMP_WORDS)
_MONTH = r"(?:" + "|".join(_MONTHS) + r")\.?"
# `November 19, 2019`, `Nov. 19`, `19 November 2019`, `July 10th, 2012`: a month with a day
# (ordinal or not) or a year beside it.
_MONTH_DAY = LazyPattern(rf"(?i)\b{_MONTH}\s+\d{{1,4}}(?:st|nd|rd|th)?\b"
                         rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}\b")
# What joins a source or an author to a date: a slash, a bar or `by`.
_ATTRIBUTED = LazyPattern(r"[/|·•]|\bby\b", regex.I)
_DIGIT = LazyPattern(r"\d")
# A blog calendar's stamp with its spaces lost: `Oct192012`, `Nov012012` (month, day, year).
_GLUED_STAMP = LazyPattern(rf"(?i){_MONTH}\d{{2}}(?:19|20)\d\d")
_NUMERIC_DATE = LazyPattern(r"\b\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}\b")
_CLOCK = LazyPattern(r"\b\d{1,2}[:.]\d{2}\b|\b\d{1,2}\s*[ap]\.?m\b", regex.I)
_RELATIVE = LazyPattern(
    r"(?i)\b\d+\s*(?:sec|second|min|minute|hr|hour|day|week|month|year)s?\s+ago\b")
_READING = LazyPattern(r"(?i)\b\d+\s*(?:min|minute)s?\s+read\b|\breading\s+time\b")
_STAMPED = LazyPattern(r"(?i)\b(?:published|updated|posted|modified)\b")
_WORD = LazyPattern(r"[^\W\d_]+|\d+(?:st|nd|rd|th)?")
# Candidates open with a date word, a digit or a publication word (the index picks those
# lines) and are short.
_CANDIDATE = LazyPattern(r"[^\n]{1,100}" + LINE_END)
# The year of a written-out or numeric date: `November 23, 1931`, `9th July 2021`, `11/19/2019`.
_DATE_YEAR = LazyPattern(rf"(?i)(?:\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?|\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?)"
                         rf"\s+(?P<year>\d{{4}})\b|\b\d{{1,2}}[/.-]\d{{1,2}}[/.-](?P<year>\d{{4}})\b")
# A page is not stamped with a date this old: such a date heads a letter, a diary entry or a
# timeline step.
OLDEST_STAMP_YEAR = 1995
# Schedules, fixture lists and timelines head each day with a date line, in the order of the
# days; such dates on lines of their own, with the day's items between them, are headings,
# not the page's stamp (which a page shows once, or repeats unchanged). Lists of related
# posts with their dates come in any order, or newest first.
MIN_HEADING_DATES = 2
MIN_ONWARD_SHARE = 0.75
_DAY_OF_MONTH = LazyPattern(rf"(?i)\b(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?!:)"
                            rf"|\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>{_MONTH})")
_YEAR = LazyPattern(r"\b(?:19|20)\d\d\b")
# A date line among match lines is a fixture list's day heading or a fact box's kick-off, not
# the page's stamp. After it: a listed fixture (`- Bilbao vs Atletico`), a score (`Sevilla 2-0
# Betis`), a kick-off time (`@3pm`) or a match label (`Ref: ...`). Before a kick-off date
# with its time: the match (`Bayern vs Gladbach`), then perhaps the venue.
_FIXTURE = LazyPattern(r"[^\W\d_]\s+(?:(?i:vs|versus)\.?|v\.?)\s+[^\W\d_]")
_LISTED = LazyPattern(r"^(?:[-–•*·]|\d{1,2}[.)])\s*\S")
_RESULT = LazyPattern(r"[^\W\d_]\s+\d{1,2}\s*[-–]\s*\d{1,2}\s+[A-Z]"
                        r"|@\s*\d{1,2}(?:[:.]\d\d)?\s*(?i:[ap]\.?m)\b"
                        r"|^(?i:ref|referee|venue|stadium|kick-?off)\s*:")
MAX_MATCH_LINE_WORDS = 10
MATCH_LINES_BEFORE = 2  # a fact box: `A vs B`, the venue, then the date
# A date line inside a sentence: the line before introduces it with a colon
# (`... here's a simple time tag:`) and the line after carries the sentence on in lower case
# (`and here's ...`): the date is an example, not the stamp. Comment stamps end a `says:`
# line and come before comments in lower case, hence both ends and a long introduction.
MIN_INTRO_WORDS = 8
# A date line in a letter printed in the article: its heading (the date, then the addressee
# and `Dear Sophia,`) or its signature (the name, the date, then `P.S. ...`). A page stamp is
# followed by the article, not by a salutation or a postscript; a letter's date is bare.
LETTER_LINES_AFTER = 3
_SALUTATION = LazyPattern(r"^(?:Dear|My\s+dear)\s[^\n]{1,60}[,:]$")
# `P.S. ...`, or `P.S.Should ...` where the scraper lost the space after the stop.
_POSTSCRIPT = LazyPattern(r"^P\.?\s?S(?:\.?\s|\.(?=\p{Lu}))")
_SPACES = LazyPattern(r"\s+")
# Words besides the stamp: a source, a place or an author (`/ CBS News`, `by Regan`).
MAX_OTHER_WORDS = 6
MAX_STAMP_WORDS = 16


def is_timestamp(line: str) -> bool:
    """Whether `line` holds a date or time, and little else."""
    if not _DIGIT.search(line) or line.rstrip().endswith(":"):
        return False  # `Friday, 9th July 2021:` heads what follows it
    if _GLUED_STAMP.fullmatch(line):
        return True
    # The words first: they rule out almost half the lines tried, more cheaply than the years.
    words = _WORD.findall(line)
    other = [w for w in words if not w[0].isdigit() and w.lower() not in _KNOWN]
    if len(other) > MAX_OTHER_WORDS or any(w[0].islower() for w in other):
        return False
    years = [int(m["year"]) for m in _DATE_YEAR.finditer(line)]
    if years and max(years) < OLDEST_STAMP_YEAR:
        return False
    dates = len(_MONTH_DAY.findall(line)) + len(_NUMERIC_DATE.findall(line))
    stamped = bool(_STAMPED.search(line))
    if dates > 1 and not stamped:
        return False  # a range or a schedule (`June 17 -- ... | July 2 -- ...`), not a stamp
    if other:  # a source or an author beside a full date: `... / CBS News`, `by Regan ...`
        return dates == 1 and bool(_ATTRIBUTED.search(line))
    return (dates > 0 or bool(_RELATIVE.search(line)) or bool(_READING.search(line))
            or (stamped and bool(_CLOCK.search(line))))


@functools.lru_cache(maxsize=1 << 12)  # a page's date lines recur: in every fix pass, on the page's other copies
def _day(line: str) -> tuple[int, int, int] | None:
    """(year or 0, month, day) of a line's written-out date; None without one."""
    m = _DAY_OF_MONTH.search(line)
    if not m:
        return None
    month = m["month"].lower().rstrip(".")
    number = _MONTHS.index(month) % 12 if month != "sept" else 8
    year = _YEAR.search(line)
    return (int(year.group()) if year else 0, number, int(m["day"]))


def _in_day_order(lines: list[str]) -> bool:
    """Whether the dates mostly follow the days (a page can hold two schedules, each in order)."""
    days = [_day(line) for line in lines]
    if None in days:
        return False
    onward = sum(a < b for a, b in zip(days, days[1:]))
    return onward >= MIN_ONWARD_SHARE * (len(days) - 1)


@functools.lru_cache(maxsize=1 << 12)  # as `_day`: a function of the line alone
def _is_dated_heading(line: str) -> bool:
    """A date line with no publication word, no clock and no relative or reading time: a
    stamp, or the heading of a day in a schedule (a comment's stamp has its time)."""
    return not (_STAMPED.search(line) or _CLOCK.search(line) or _RELATIVE.search(line)
                or _READING.search(line))


def _neighbours(lines: Sequence[str], i: int, step: int, n: int) -> list[str]:
    """The next `n` non-blank lines from line `i` on, going by `step` (1 down, -1 up)."""
    found: list[str] = []
    k = i + step
    while 0 <= k < len(lines) and len(found) < n:
        if lines[k].strip():
            found.append(lines[k].strip())
        k += step
    return found


def _is_short(line: str) -> bool:
    return len(_SPACES.split(line)) <= MAX_MATCH_LINE_WORDS and not is_timestamp(line)


def _is_item_after(line: str) -> bool:
    """A fixture or a result listed under a day heading, or a fact box's label."""
    return _is_short(line) and (bool(_RESULT.search(line))
                                or (bool(_LISTED.search(line)) and bool(_FIXTURE.search(line))))


def _is_match_before(line: str) -> bool:
    return _is_short(line) and bool(_FIXTURE.search(line) or _RESULT.search(line))


def _in_sentence(line: str, before: list[str], after: list[str]) -> bool:
    """Whether the date sits inside a sentence: introduced by a colon, carried on in lower case;
    or a hard-wrapped sentence's date, the line ending in a comma after a line that stops on
    a lower-case word (`Five years later, on` / `November 3, 2025,` / `the square was empty.`)."""
    if line.endswith(",") and before and before[0][-1:].isalpha() and before[0].split()[-1][0].islower():
        return True
    return (bool(before) and before[0].endswith(":") and len(before[0].split()) >= MIN_INTRO_WORDS
            and bool(after) and after[0][0].islower())


def _in_letter(after: list[str]) -> bool:
    """Whether a salutation or a postscript follows the date closely: it dates a letter."""
    return any(_SALUTATION.match(line) or _POSTSCRIPT.match(line) for line in after)


def _in_context(lines: Sequence[str], i: int) -> bool:
    """Whether the lines around date line `i` show it is not the page's stamp."""
    before = _neighbours(lines, i, -1, MATCH_LINES_BEFORE)
    after = _neighbours(lines, i, 1, LETTER_LINES_AFTER)
    if _is_dated_heading(lines[i]) and _in_letter(after):
        return True
    if after and _is_item_after(after[0]):
        return True
    kickoff = _CLOCK.search(lines[i]) and not _STAMPED.search(lines[i])
    if kickoff and any(map(_is_match_before, before)):
        return True
    return _in_sentence(lines[i].strip(), before, after)


class TimestampLine(LineRule):
    """NL308 timestamp-line: a line holding only a publication date, time or reading time.

    ## What it does
    Finds the dates and times that a page shows around the article: `November 19, 2019`,
    `Tuesday November 19, 2019`, `Published 10:02 AM EST Nov 19, 2019`, `Updated 1909
    GMT (0309 HKT) November 18, 2019`, `3 hours ago`, `5 min read`, also with a source or
    an author beside them (`November 20, 2019 / 1:07 AM / CBS News`), with an ordinal
    day too (`Posted on July 10th, 2012`: fourhourworkweek, albawaba, politifact, joystiq).
    A line qualifies
    when all its words are date and time words, numbers or at most four capitalised
    words, and it holds a date (a month with a number, or `11/19/2019`), a relative time
    (`3 hours ago`), a reading time, or a publication word with a clock time; a blog
    calendar's stamp that lost its spaces (`Oct192012`: highscalability, squarespace,
    summertomato, thepioneerwoman) is a date too. A time on
    its own (`4:14 p.m.`, a live-blog heading) is left alone, and so is a date line
    whose neighbours show it is not the page's stamp: the day heading of a fixture or
    results list (the next line is a listed fixture, a score, a kick-off time `@3pm` or a
    label such as `Ref:`), a match fact box's kick-off (a date with its time after the
    match `A vs B` and its venue), a date set inside a sentence (after a long line
    ending in a colon, before a line going on in lower case; or a date line ending in a comma
    under a line that stops on a lower-case word: `Five years later, on` / `November 3, 2025,`),
    and the date of a letter
    printed in the article (a bare date followed within three lines by a salutation,
    `Dear Sophia,`, or a postscript, `P.S. ...`). `extend-phrases` and
    `extend-prefixes` add lines and openings of your own.

    ## Why is this bad?
    The date line is page metadata. In the text it is a line that is not a sentence;
    the date belongs in the record's metadata, not in its body.

    ## Example
        Updated 0339 GMT (1139 HKT) November 19, 2019

        Tencent's quarterly profit fell ...

    Use instead:
        Tencent's quarterly profit fell ...

    ## Fix safety
    Unsafe: the line is judged by its shape; a timeline or a diary can use a date on a
    line of its own as a heading.

    Measured at 875d261 (`bench/rule_precision.py DEV DRAGNET`: residue lines / residue and
    clean lines deleted, clean lines a gold keeps by convention counted apart): dev 1.000
    (730/730; 2 more kept by convention, raw 0.997), dragnet 1.000 (1576/1576; 29 more, raw
    0.982; and 778 neutral lines); safe fixes alone (`--safe-only`) dev 8/8, dragnet 3/3.
    The lines kept by convention are datelines or a post's date and time (`July 21, 2012
    03:06 PM EDT`, `October 29, 2012 at 10:45 am by Todd Bishop`): none is article prose.
    The context guards above cost no residue line there.

    ## Limitations
    English month and day names only. Dates inside a sentence are never flagged. A page
    stamp right after a headline naming a match (`Rovers vs City`) is left alone when it
    holds a time and no publication word. A date example whose sentence does not go on
    after it in lower case is still flagged.
    """

    code = "NL308"
    name = "timestamp-line"
    artifact = "timestamp line"
    phrase_files = ("timestamp_lines",)
    prefix_files = ("timestamp_prefixes",)
    openings = (Opening(_CANDIDATE, starting("#", *_MONTHS, *_WEEKDAYS, *_OPENERS), MAX_STAMP_WORDS,
                        is_timestamp),)

    def hits(self, doc: Document) -> dict[int, LineHit]:
        lines = doc.line_texts
        hits = {i: hit for i, hit in super().hits(doc).items() if not _in_context(lines, i)}
        if len(hits) < MIN_HEADING_DATES:
            return hits
        texts = {i: doc.text[hit.start:hit.end] for i, hit in hits.items()}
        headings = sorted(i for i, line in texts.items() if _is_dated_heading(line))
        # Headings have the day's items between them; a page's stamps stand together.
        apart = [i for i, j in zip(headings, headings[1:])
                 if any(lines[k].strip() and k not in hits for k in range(i + 1, j))]
        if not apart or len(headings) < MIN_HEADING_DATES or not _in_day_order([texts[i] for i in headings]):
            return hits
        return {i: hit for i, hit in hits.items() if i not in headings}
