"""NL504 invisible-character: control characters and stray zero-width characters."""
from __future__ import annotations

import re
from collections.abc import Iterator

from newslint.document import Document
from newslint.model import Fix, Violation
from newslint.rule import Rule
from newslint.rules._lazy import LazyPattern

_ALWAYS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2060-\u2064\ufeff"  # never does a job in article text
_JOINERS = "\u200b\u200c\u200d"  # do a job only next to emoji or letters of some scripts
_CANDIDATE = LazyPattern(rf"[{_ALWAYS}{_JOINERS}\xad]+")
_ALWAYS_STRAY = LazyPattern(rf"[{_ALWAYS}]")
# Neighbours next to which a joiner or zero-width space has no job to do.
_PLAIN = LazyPattern(r"[\p{Latin}\p{Greek}\p{Cyrillic}\p{N}\p{P}\s]")
_MARK = LazyPattern(r"\p{M}")
_ONLY_INVISIBLE = LazyPattern(rf"[ \t{_ALWAYS}{_JOINERS}\xad]+")
# A quick test for any candidate: the standard `re` engine scans this class about five times
# faster than `regex` does.
_ANY = re.compile(rf"[{_ALWAYS}{_JOINERS}\xad]")
_NAMES = {
    "\u200b": "zero-width space", "\u200c": "zero-width non-joiner", "\u200d": "zero-width joiner",
    "\u2060": "word joiner", "\ufeff": "byte-order mark", "\xad": "soft hyphen",
    "\x7f": "delete character",
}


def _plain(text: str, offset: int) -> bool:
    return not 0 <= offset < len(text) or bool(_PLAIN.match(text[offset]))


def _stray(text: str, start: int, end: int) -> bool:
    """Whether the run text[start:end] does no job where it stands."""
    run = text[start:end]
    if _ALWAYS_STRAY.search(run):
        return True
    if "\xad" in run and not (text[start - 1:start].isalpha() and text[end:end + 1].isalpha()):
        return True
    has_joiner = any(c in _JOINERS for c in run)
    return has_joiner and _plain(text, start - 1) and _plain(text, end)


def _describe(run: str) -> str:
    return ", ".join(sorted({_NAMES.get(c, f"control character U+{ord(c):04X}") for c in run}))


def _replacement(text: str, start: int, end: int) -> str:
    """A space where a vertical tab or form feed stood between two words, else nothing."""
    separates = "\x0b" in text[start:end] or "\x0c" in text[start:end]
    before, after = text[start - 1:start], text[end:end + 1]
    between_words = before and after and not before.isspace() and not after.isspace()
    return " " if separates and between_words else ""


class InvisibleCharacter(Rule):
    """NL504 invisible-character: control characters and stray zero-width characters.

    ## What it does
    Finds characters that show nothing but still sit in the text:
    - C0 control characters other than tab, line feed and carriage return, and DEL;
    - zero-width spaces (U+200B), word joiners (U+2060), byte-order marks (U+FEFF) inside
      the text, and invisible operators (U+2061-U+2064);
    - zero-width joiners and non-joiners (U+200D, U+200C) between Latin, Greek or Cyrillic
      letters, digits, spaces or punctuation;
    - soft hyphens (U+00AD) that are not inside a word.

    Invisible characters that do a job are left alone: joiners inside emoji sequences
    (`🏳️‍🌈`) and in scripts that need them (Arabic, Persian, Indic), zero-width spaces
    between Thai, Japanese or other letters that mark word breaks, soft hyphens inside
    words (German publishers put them there as hyphenation hints), and direction marks
    (U+200E, U+200F) in right-to-left text. C1 control characters are left to NL501
    (mojibake), as they usually stand for Windows-1252 punctuation.

    ## Why is this bad?
    Invisible characters split words for search and tokenisers (`iPhone` with a zero-width
    joiner in front is another word), break deduplication and can hide text.

    ## Example
        It works with the new\\u200b iPhone\\u200c 11.

    Use instead:
        It works with the new iPhone 11.

    ## Fix safety
    Safe: the character is deleted, or replaced by a space where a vertical tab or form
    feed separated two words; a line that holds nothing else is deleted whole. Between
    two spaces (a soft hyphen standing for a dash) one of the spaces goes with it. A character
    followed by a combining mark is reported without a fix: deleted, it would hand the
    mark to the letter before it (`a` and U+0301 would read `á`).
    """
    code = "NL504"
    name = "invisible-character"
    fixable = True

    def check(self, doc: Document) -> Iterator[Violation]:
        text = doc.text
        if not _ANY.search(text):
            return
        emptied: set[int] = set()
        for m in _CANDIDATE.finditer(text):
            start, end = m.span()
            if not _stray(text, start, end):
                continue
            index = doc.line_index(start)
            line = doc.line(index)
            if _ONLY_INVISIBLE.fullmatch(text, line.start, line.end):
                if index not in emptied:
                    emptied.add(index)
                    message = f"invisible character ({_describe(m.group())}) alone on a line"
                    yield self.violation(start, end, message, doc.line_deletion(index))
                continue
            message = f"invisible character: {_describe(m.group())}"
            if _MARK.match(text, end):  # deleted, the run would hand its mark to the character before
                yield self.violation(start, end, message + " (a combining mark follows: not fixed)")
                continue
            # `regulated \xad banks`: deleted alone, the run would leave two spaces.
            fix_end = end + 1 if text[start - 1:start] == " " == text[end:end + 1] else end
            yield self.violation(start, end, message,
                                 Fix.replace(start, fix_end, _replacement(text, start, end)))
