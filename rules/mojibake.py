"""NL501 mojibake: text decoded with the wrong character encoding (`Russiaâ€™s`)."""
from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from newslint.document import Document
from newslint.model import Fix, Violation
from newslint.rule import Rule
from newslint.rules._lazy import LazyPattern

# Characters that bytes 0x80-0xBF become in Windows-1252 / Latin-1 (UTF-8 continuation bytes).
_CONTINUATION_1252 = r"\x80-\xbf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc" \
                     r"\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
# The same bytes in Windows-1251, after the lead bytes 0xD0/0xD1 (`Р`, `С`) of Cyrillic letters.
_CONTINUATION_1251 = r"\u0402\u0403\u0405-\u040f\u0452\u0453\u0455-\u045f\u0490\u0491" \
                     r"\u201a\u201e\u2026\u2020\u2021\u20ac\u2030\u2039\u203a" \
                     r"\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u2122" \
                     r"\xa4\xa6\xa7\xa9\xab\xac\xae\xb0\xb1\xb5\xb6\xb7\xbb\u2116"
# A UTF-8 lead byte read as a Latin letter and then a continuation byte, or a C1 control. The
# pattern starts with one Latin-1 character class and checks the rest by look-behind: this keeps
# the engine's fast scan for a first character, several times faster than an alternation (and
# the standard `re` engine runs it faster than `regex`).
_SUSPECT_1252 = re.compile(
    rf"[\x80-\x9f\xc2-\xf4](?:(?<=[\xc2-\xf4])[{_CONTINUATION_1252}]|(?<=[\x80-\x9f]))"
)
# The first characters of `_SUSPECT_1252` (U+0080-U+009F, U+00C2-U+00F4) in UTF-8: after a C2
# byte (the C1 controls) or a C3 byte (U+00C0-U+00FF); no other character holds these bytes.
_C1_CONTROL_BYTES = re.compile(rb"\xc2[\x80-\x9f]")
_SUSPECT_1251 = LazyPattern(rf"[РС][{_CONTINUATION_1251}]|вЂ")
_REPLACEMENT = LazyPattern("\ufffd")
_WORD_AROUND = LazyPattern(r"[^ \t\n]{1,200}")
MAX_REACH = 200  # how far a word reaches around a suspect character, each way

# `”` is E2 80 9D; 0x9D has no Windows-1252 character, so a lenient decoder drops it.
_LOST_QUOTE_MESSAGE = "mojibake: 'â€' is a closing quote '”' that lost its last byte"
_REPLACEMENT_MESSAGE = "replacement character '\ufffd': a character was lost in decoding"
_LOST_CLOSING_QUOTE = LazyPattern(r"â€(?=[ \t\r\n]|$)")


def _suspects(text: str) -> list[int]:
    """Offsets of suspect characters; plain `in` tests skip the scans that cannot match."""
    if text.isascii():
        return []
    found = []
    if _may_hold_1252_suspects(text):
        found = [m.start() for m in _SUSPECT_1252.finditer(text)]
    if "Р" in text or "С" in text or "в" in text:
        found += [m.start() for m in _SUSPECT_1251.finditer(text)]
    if "\ufffd" in text:
        found += [m.start() for m in _REPLACEMENT.finditer(text)]
    return sorted(found)


def _may_hold_1252_suspects(text: str) -> bool:
    """Whether `text` holds a character `_SUSPECT_1252` starts from (most texts do not).

    Encoding the text and looking for two bytes is several times faster than scanning the
    text with a character class; a plain `in` test for each lead byte first is faster still
    (a C2 byte stands before no-break spaces and quotation marks as well as C1 controls)."""
    encoded = text.encode("utf-8", "surrogatepass")
    return b"\xc3" in encoded or (b"\xc2" in encoded and _C1_CONTROL_BYTES.search(encoded) is not None)


def _segments(text: str) -> Iterator[tuple[int, int]]:
    """Whitespace-delimited runs of text holding at least one suspect character.

    Words go to ftfy one by one: with the spaces around them, ftfy may take a space for a
    lost no-break-space byte and join two words (`â€ ` would become `†`)."""
    end = -1
    for offset in _suspects(text):
        if offset < end:
            continue
        floor = max(0, offset - MAX_REACH)
        start = max(text.rfind(" ", floor, offset), text.rfind("\n", floor, offset),
                    text.rfind("\t", floor, offset), floor - 1) + 1
        run = _WORD_AROUND.match(text, offset)
        end = max(run.end() if run else offset + 1, offset + 1)
        yield start, end


@functools.lru_cache(maxsize=4096)
def _fix_encoding(word: str) -> str:
    # A garbled text repeats its garbled words: the cache spares most ftfy calls. ftfy is imported
    # on the first hit of the cheap scan: most texts never need it.
    import ftfy

    return ftfy.fix_encoding(word)


def _changed_part(old: str, new: str) -> tuple[int, int, str]:
    """The smallest (start, end, replacement) turning `old` into `new`."""
    head = 0
    while head < min(len(old), len(new)) and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    return head, len(old) - tail, new[head:len(new) - tail]


class Mojibake(Rule):
    """NL501 mojibake: text decoded with the wrong character encoding (`Russiaâ€™s`).

    ## What it does
    Finds UTF-8 text that was decoded as Windows-1252, Latin-1 or Windows-1251 somewhere
    on its way to the scraper (`â€™` for `’`, `Ã©` for `é`, `Â£` for `£`, `вЂ™` for `’`),
    stray C1 control characters that stand for Windows-1252 punctuation (`it\\x92s`), and
    replacement characters (`�`) where a character was lost for good.

    A cheap scan looks for the character pairs that such decoding produces; only the words
    around a hit go to `ftfy` (its `fix_encoding`), which decides whether they are mojibake
    and what the text was. Words that `ftfy` leaves as they are, like `canción”` or
    `passé…`, are not reported.

    ## Why is this bad?
    Mojibake garbles names and punctuation for readers and breaks search, tokenisers and
    deduplication: `Russiaâ€™s` and `Russia’s` are different words to every tool.

    ## Example
        The head of Russiaâ€™s proxy forces said the cafÃ© was closed.

    Use instead:
        The head of Russia’s proxy forces said the café was closed.

    ## Fix safety
    Safe: `ftfy` reverses a known encoding mistake, byte for byte. One repair is unsafe: a
    closing quote whose last byte was dropped (`â€` before a space or line end) is
    restored as `”`, the likeliest of the characters that lose that byte. A replacement
    character `�` is reported without a fix: what it replaced is gone.
    """
    code = "NL501"
    name = "mojibake"
    fixable = True

    def check(self, doc: Document) -> Iterator[Violation]:
        text = doc.text
        for start, end in _segments(text):
            yield from self._repair(text, start, end)

    def _repair(self, text: str, start: int, end: int) -> Iterator[Violation]:
        segment = text[start:end]
        fixed = _fix_encoding(segment)
        head = tail = 0
        if fixed != segment and "\ufffd" not in fixed:
            head, tail, replacement = _changed_part(segment, fixed)
            message = _message(segment[head:tail], replacement)
            yield self.violation(start + head, start + tail, message,
                                 Fix.replace(start + head, start + tail, replacement))
        for m in _LOST_CLOSING_QUOTE.finditer(text, start, min(end + 1, len(text))):
            if not head <= m.start() - start < tail:
                yield self.violation(m.start(), m.end(), _LOST_QUOTE_MESSAGE,
                                     Fix.replace(m.start(), m.end(), "”", safe=False))
        for m in _REPLACEMENT.finditer(text, start, end):
            yield self.violation(m.start(), m.end(), _REPLACEMENT_MESSAGE)


def _visible(text: str) -> str:
    """`text` with control characters written as escapes, for messages."""
    return "".join(f"\\x{ord(c):02x}" if c.isprintable() is False else c for c in text)


def _message(old: str, new: str) -> str:
    if not new.strip():
        return f"mojibake: '{_visible(old)}' is an encoding leftover; remove it"
    return f"mojibake: '{_visible(old)}' should read '{_visible(new)}'"
