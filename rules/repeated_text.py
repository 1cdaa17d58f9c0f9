"""NL403 repeated-text: a paragraph or sentence repeated verbatim right after itself."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import regex

from newslint.document import Document
from newslint.model import Fix, Violation
from newslint.rule import Option, Rule
from newslint.rules._lazy import LazyPattern

_WORD = LazyPattern(r"\w+")
_POST_SIGNATURE = LazyPattern(r"^[—–-][ \t].*\(@\w+\)")
# A sentence and its copies right after it, inside a line: the back-reference compares.
_SENTENCE_TWICE = LazyPattern(
    r"(?:^|(?<=[.!?][ \t]))[ \t]*(?P<sentence>\p{Lu}[^.!?\n]*[.!?])(?:(?P<gap>[ \t]+)(?P=sentence))+"
    r"(?=\s|$)",
    regex.M,
)
NEAR_LINES = 3  # how many non-blank lines back a long line's copy is looked for
NEAR_MIN_WORDS = 6
SHORT_LINE_WORDS = 5  # a near copy counts only across short lines (a credit, a date, a button)
SENTENCE_MIN_WORDS = 5
_TAIL = 20  # characters of a sentence compared first (and the least length looked at)
REFRAIN_COPIES = 3  # a sentence line met this many times in a row is a chant or a refrain
_ENDS_SENTENCE = LazyPattern(r"\p{Ll}[^\n]*[.!?…][\"'”’]?$")
_OPENING_QUOTES = ("“", "«", "„")
_CLOSING_QUOTES = ("”", "»")


def _inside_quote(line_before: str) -> bool:
    """Whether a quotation opened in `line_before` (the line up to a point) is still open."""
    opened = sum(line_before.count(q) for q in _OPENING_QUOTES)
    closed = sum(line_before.count(q) for q in _CLOSING_QUOTES)
    straight = line_before.count('"')
    return opened > closed or straight % 2 == 1


def _run_lengths(contents: list[str]) -> list[int]:
    """For each line, how many copies of it stand in a row around it (1: none), in one pass."""
    lengths = [1] * len(contents)
    start = 0
    for k in range(1, len(contents) + 1):
        if k == len(contents) or contents[k] != contents[start]:
            lengths[start:k] = [k - start] * (k - start)
            start = k
    return lengths


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def _nonblank_lines(contents: list[str]) -> tuple[list[int], list[str]]:
    """Indices and contents of the non-blank lines among the stripped `contents`."""
    indexes = [i for i, line in enumerate(contents) if line]
    return indexes, [contents[i] for i in indexes]


def _same_form(first: str, second: str) -> bool:
    """Whether two different lines read as two entries of one list: the same first or last
    word (`- 2012 Model A` / `- 2012 Model B`, `Ann commented on` / `Bo commented on`), or
    both a label (`Lunch:` / `Dinner:`)."""
    a, b = first.split(), second.split()
    return a[0] == b[0] or a[-1] == b[-1] or (first.endswith(":") and second.endswith(":"))


def _entry_values(contents: list[str], original: int, next_line: int) -> bool:
    """Whether the copy 2 or 3 lines below `original` is a value met twice in a list of
    entries: the short line before `original` and the line after it (`next_line`) are two
    different entries of the same form, each with its own value (`- Model A` / `- 0.9% APR`
    / `- Model B` / `- 0.9% APR`), not one caption scraped twice around its credit."""
    if original == 0:
        return False
    before, after = contents[original - 1], contents[next_line]
    return before != after and _words(before) <= SHORT_LINE_WORDS and _same_form(before, after)


def _lines_met_twice(lines: list[str]) -> set[str]:
    """The stripped `lines` met twice or more that have two words or more (a space inside:
    cheaper than counting)."""
    # Most texts repeat only their blank lines, which a set (cheaper than counting) tells.
    if len(lines) - len(set(lines)) <= max(lines.count("") - 1, 0):
        return set()
    counts = Counter(lines)
    return {line for line, count in counts.items() if count > 1 and " " in line}


def _may_repeat_sentences(text: str) -> bool:
    """A cheap first look for a sentence followed by itself, in plain string operations.

    The pieces of a split on ". " (after a line break or tab counts as a space) that are
    long enough are compared by their last characters: both copies of a repeated sentence
    end a piece, so most texts are ruled out by a set. The rest are compared neighbour by
    neighbour."""
    flat = text.replace("\t", " ").replace("\r", " ") if "\t" in text or "\r" in text else text
    flat = flat.replace(".\n", ". ") + " "
    tails = [piece[-_TAIL:] for piece in flat.split(". ") if len(piece) > _TAIL]
    if len(set(tails)) == len(tails):
        return False
    # Wherever `_SENTENCE_TWICE` can start or end a sentence becomes ". ", so both copies are
    # whole pieces side by side (the last piece ends the text, not a sentence).
    flat = flat.replace("? ", "?. ").replace("! ", "!. ").replace("\n", ". ")
    pieces = list(map(str.strip, flat.split(". ")))
    return any(a == b and len(a) > _TAIL for a, b in zip(pieces, pieces[1:-1]))


class RepeatedText(Rule):
    """NL403 repeated-text: a paragraph or sentence repeated verbatim right after itself.

    ## What it does
    Finds
    - a line (paragraph) identical to one of the lines just before it: the previous
      non-blank line, or, for lines of at least six words, a line two or three non-blank
      lines back when only short lines (five words or fewer: a credit, a date, a button)
      stand between them (a photo caption scraped twice around its credit line);
    - a sentence of at least five words, ending in a full stop, repeated at once within a
      line (`The vote was delayed again. The vote was delayed again.`); the fix deletes
      the copy.

    A sentence met three times or more in a row, as lines or within a line, is a chant or
    a refrain (`We love you Arsenal, we do.` three times) and is left alone, as is a
    sentence repeated inside a quotation (a speaker repeating themselves): scrapers copy a
    block once, so a copy comes as a pair. Repeats further apart, or with a longer
    line between them, are left alone too:
    interviews repeat their questions, recipes and meal plans repeat their ingredient
    lines, and embedded posts repeat their signature line (`— Name (@handle) October 9,
    2018`), which is skipped even when close by. A near copy is left alone too when the
    short line before the first copy and the line after it are two different entries of
    one list (the same first or last word, or two labels ending in `:`): a list of models
    and their rates, or a meal plan, can give two entries the same value (`- 2012 Model A`,
    `- 0.9% APR for 24-60 months`, `- 2012 Model B`, `- 0.9% APR for 24-60 months`).
    Lines of a single word are left to the boilerplate rules.

    ## Why is this bad?
    Scrapers often pick up one block twice (a caption and its enlarged copy, a teaser and
    the paragraph it quotes, a lazy-loaded copy of a paragraph). The copy adds nothing and
    skews word counts, deduplication and any model trained on the text.

    ## Example
        The ministry said talks would resume on Monday.
        The ministry said talks would resume on Monday.

    Use instead:
        The ministry said talks would resume on Monday.

    ## Fix safety
    The fix deletes the repeat and keeps the first copy. It is safe for a whole line of
    at least `safe-min-words` words repeated on the very next line: nobody writes a long
    paragraph twice in a row. It is unsafe for shorter lines (a refrain of a quoted song
    may repeat), for repeats a few lines apart and for repeated sentences.

    Measured at 875d261 (`bench/rule_precision.py DEV DRAGNET`, which counts each deleted
    copy as a line, right when it is residue or an extra copy of a clean line the page
    printed more often than its gold; clean lines a gold keeps by convention counted
    apart): dev 1.000 (158/158, 29 of them extra copies), dragnet 0.996
    (1,486/1,492; 29 more kept by convention, raw 0.977; worst extractor boilerpy3,
    163/166); safe fixes alone (`--safe-only`) dev 23/23, dragnet 37/37. The 6 clean lines
    are three product names that one page lists twice, and its gold too. With all fixes
    applied (`bench/quality.py CORPUS --select NL403 --lines-only --no-flagged`), no
    labelled line is lost on dev or dragnet (a deleted copy leaves its first copy), and
    shingle F1 rises on 9 of the 13 extractors and stays the same on the other 4.
    """
    code = "NL403"
    name = "repeated-text"
    fixable = True
    options = (
        Option("safe-min-words", 12, "a line of at least this many words repeated on the next "
               "line is deleted by a safe fix",
               check=lambda v: None if v >= 1 else "must be at least 1"),
    )

    def check(self, doc: Document) -> Iterator[Violation]:
        stripped = list(map(str.strip, doc.line_texts))
        repeated = _lines_met_twice(stripped)
        if repeated:
            yield from self._repeated_lines(doc, *_nonblank_lines(stripped), repeated)
        if _may_repeat_sentences(doc.text):
            yield from self._repeated_sentences(doc)

    def _repeated_lines(self, doc: Document, nonblank: list[int], contents: list[str],
                        repeated: set[str]) -> Iterator[Violation]:
        runs: list[int] | None = None
        for k in range(1, len(nonblank)):
            if contents[k] not in repeated:
                continue
            back = self._copy_distance(contents, k)
            if not back:
                continue
            if runs is None:
                runs = _run_lengths(contents)
            if runs[k] >= REFRAIN_COPIES and _ENDS_SENTENCE.search(contents[k]):
                continue  # a chant or a refrain
            index = nonblank[k]
            words = _words(contents[k])
            safe = back == 1 and words >= self.settings["safe-min-words"]
            where = "the line before" if back == 1 else f"line {nonblank[k - back] + 1}"
            span = doc.line(index)
            yield self.violation(span.start, span.end, f"repeated text: this line repeats {where}",
                                 doc.line_deletion(index, safe=safe))

    @staticmethod
    def _copy_distance(contents: list[str], k: int) -> int:
        """How many non-blank lines back line k's copy is (0: none near enough)."""
        line = contents[k]
        near = contents[max(0, k - NEAR_LINES):k]
        if line not in near:  # most repeats are far apart (menus, headings): a quick test
            return 0
        back = near[::-1].index(line) + 1  # the nearest copy
        words = _words(line)
        if words < 2 or _POST_SIGNATURE.match(line):
            return 0
        between = contents[k - back + 1:k]
        if back > 1 and (words < NEAR_MIN_WORDS or any(_words(c) > SHORT_LINE_WORDS for c in between)):
            return 0
        if back > 1 and _entry_values(contents, k - back, k - back + 1):
            return 0
        return back

    @staticmethod
    def _quoted(doc: Document, start: int) -> bool:
        line_start = doc.text.rfind("\n", 0, start) + 1
        return _inside_quote(doc.text[line_start:start])

    def _repeated_sentences(self, doc: Document) -> Iterator[Violation]:
        for m in _SENTENCE_TWICE.finditer(doc.text):
            if _words(m["sentence"]) < SENTENCE_MIN_WORDS:
                continue
            copies = len(m.captures("gap"))
            if copies + 1 >= REFRAIN_COPIES or self._quoted(doc, m.start("sentence")):
                continue  # a chant or a refrain, or a speaker repeating themselves
            message = "repeated text: this sentence repeats the one before it"
            yield self.violation(m.ends("gap")[0], m.end(), message,
                                 Fix.delete(m.end("sentence"), m.end(), safe=False))
