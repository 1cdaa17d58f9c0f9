"""The document a rule sees: text plus lazily computed lines, paragraphs, sentences, tokens."""
from __future__ import annotations

import bisect
import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from itertools import accumulate, compress, count, repeat
from operator import add, itemgetter
from typing import Any, TypeVar

import regex

from newslint.model import Applicability, Edit, Fix, Position

_BLANK_RUN = regex.compile(r"\n[ \t\r\f\v]*\n(?:[ \t\r\f\v]*\n)*")
# A sentence ends at . ! ? (optionally closed by quotes or brackets) followed by space.
# A match starts only at the first stop of a run, and never gives characters back, so a
# long run of stops costs linear time, not quadratic.
_SENTENCE_END = regex.compile(r"""(?<![.!?…])[.!?…]++["'”’)\]]*+(?=\s)|\n""")
_TOKEN = regex.compile(r"\w+(?:['’.\-]\w+)*")
# The commonest English function words; their share of tokens tells English prose apart.
ENGLISH_STOPWORDS = frozenset(
    "the of and to a in is that for it was on with as he by at from his be are an "
    "this have but not they which or had has were their been said will its who more".split()
)
ENGLISH_STOPWORD_SHARE = 0.12
ENGLISH_SAMPLE_CHARS = 10_000
_WORD_EDGES = "\"'“”‘’()[]{}.,;:!?«»…*-–—/"
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open range of character offsets [start, end)."""

    start: int
    end: int

    def overlaps(self, start: int, end: int) -> bool:
        if start == end:  # an insertion point touches a span only inside it
            return self.start < start < self.end
        return start < self.end and self.start < end


@dataclass(frozen=True, eq=False)
class Document:
    """Article text as the rules see it.

    `text` is what rules read: for Markdown the non-prose parts (code, front matter,
    link targets) are blanked out with spaces, so offsets still match `source`.
    """

    text: str
    path: str = "<text>"
    vocabulary: frozenset[str] = frozenset()
    ignored: tuple[Span, ...] = field(default=())

    @cached_property
    def _memo(self) -> dict[Callable[[Any], Any], Any]:
        return {}

    def shared(self, build: Callable[[Document], T]) -> T:
        """`build(self)`, computed the first time a rule asks and shared by every rule after.

        Analysis of one text that several rules need (the line rules' index of lines, which
        lines read as English) is kept here, with the document: built once per text, gone
        with it, and never seen by another text. `build` must be a module-level function
        of the document alone (it is the key)."""
        memo = self._memo
        try:
            return memo[build]
        except KeyError:
            found = memo[build] = build(self)
            return found

    @cached_property
    def line_texts(self) -> tuple[str, ...]:
        """Every line's text, without its line feed (a CR before it stays).

        Split once and shared by everything that walks the lines of the text."""
        return tuple(self.text.split("\n"))

    @cached_property
    def distinct_lines(self) -> frozenset[str]:
        """The distinct texts of `line_texts`: what is judged by a line's text alone (and
        remembered by it between texts) is looked up once per distinct line."""
        return frozenset(self.line_texts)

    @cached_property
    def line_starts(self) -> list[int]:
        # A line starts one past the end of the line before: `accumulate` adds up the lengths
        # without a Python-level loop. The last sum, one past the end of the text, is dropped.
        starts = list(accumulate(map(add, map(len, self.line_texts), repeat(1)), initial=0))
        starts.pop()
        return starts

    @cached_property
    def lines(self) -> tuple[Span, ...]:
        """Every line's content, without its line terminator (CR included)."""
        text, starts = self.text, self.line_starts
        ends = [start - 1 for start in starts[1:]]
        ends.append(len(text))
        if "\r" in text:
            ends = [end - 1 if end > start and text[end - 1] == "\r" else end
                    for start, end in zip(starts, ends)]
        return tuple(map(Span, starts, ends))

    def line(self, index: int) -> Span:
        """Line `index`'s content, without its line terminator (CR included).

        The same span as `lines[index]`, without building the spans of every line: rules
        that need a line or two of a long text use this."""
        text, starts = self.text, self.line_starts
        start = starts[index]
        end = starts[index + 1] - 1 if index + 1 < len(starts) else len(text)
        if end > start and text[end - 1] == "\r":
            end -= 1
        return Span(start, end)

    @cached_property
    def nonblank_lines(self) -> tuple[int, ...]:
        """Indices of lines that hold something other than whitespace."""
        # A stripped line is empty (false) exactly when the line is blank; `compress` keeps
        # the indices of the others without a Python-level loop.
        content = tuple(compress(count(), map(str.strip, self.line_texts)))
        if not self.ignored:
            return content
        found = set(content)
        for span in self.ignored:  # blanked-out code is still content for line geometry
            found.update(range(self.line_index(span.start), self.line_index(max(span.start, span.end - 1)) + 1))
        return tuple(sorted(found))

    @cached_property
    def paragraphs(self) -> tuple[Span, ...]:
        """Blocks of text separated by blank lines, stripped of outer whitespace."""
        spans, pos = [], 0
        for m in [*_BLANK_RUN.finditer(self.text), None]:
            end = m.start() if m else len(self.text)
            span = _strip(self.text, pos, end)
            if span:
                spans.append(span)
            if m:
                pos = m.end()
        return tuple(spans)

    @cached_property
    def sentences(self) -> tuple[Span, ...]:
        """Rough sentence spans inside each line (news text keeps one paragraph a line)."""
        spans = []
        text = self.text
        for line in self.lines:
            pos = line.start
            for m in _SENTENCE_END.finditer(text, line.start, line.end):
                span = _strip(text, pos, m.end())
                if span:
                    spans.append(span)
                pos = m.end()
            span = _strip(text, pos, line.end)
            if span:
                spans.append(span)
        return tuple(spans)

    @cached_property
    def tokens(self) -> tuple[Span, ...]:
        return tuple(Span(*m.span()) for m in _TOKEN.finditer(self.text))

    @cached_property
    def is_english(self) -> bool:
        """Whether the text reads as English prose; English-only rules stand back otherwise."""
        # The start of the text tells: the words of its first ENGLISH_SAMPLE_CHARS characters.
        # No word crosses a line feed, so the counts add up line by line, and a line's counts
        # are remembered by its text: the lines a fix left alone, or that other pages share,
        # cost a lookup. The lines that start inside the sample are read, the last of them
        # only as far as the sample goes; `map` adds up the others without a Python-level loop.
        starts, lines = self.line_starts, self.line_texts
        read = bisect.bisect_left(starts, ENGLISH_SAMPLE_CHARS)  # at least one: the first starts at 0
        last, room = lines[read - 1], ENGLISH_SAMPLE_CHARS - starts[read - 1]
        counts = list(map(_english_counts, lines[:read - 1]))
        counts.append(_english_counts(last) if len(last) <= room else _counted(last[:room]))
        words = sum(map(itemgetter(0), counts))
        hits = sum(map(itemgetter(1), counts))
        if words < 8:
            return True  # too short to tell; rules stay cautious on their own
        return hits / words >= ENGLISH_STOPWORD_SHARE

    @cached_property
    def _ignored_runs(self) -> tuple[list[int], list[int]]:
        """Starts and ends of the ignored spans, sorted, overlapping ones merged (touching ones not)."""
        starts: list[int] = []
        ends: list[int] = []
        for span in sorted(self.ignored, key=lambda s: (s.start, s.end)):
            if starts and span.start < ends[-1]:
                ends[-1] = max(ends[-1], span.end)
            else:
                starts.append(span.start)
                ends.append(span.end)
        return starts, ends

    def in_ignored(self, start: int, end: int) -> bool:
        """Whether [start, end) overlaps an ignored span, as `Span.overlaps` decides, in log time."""
        starts, ends = self._ignored_runs
        i = bisect.bisect_left(starts, end if start < end else start) - 1
        return i >= 0 and (start < ends[i] if start < end else start < ends[i] and starts[i] < start)

    def slice(self, span: Span) -> str:
        return self.text[span.start : span.end]

    def line_index(self, offset: int) -> int:
        """0-based index of the line holding `offset`."""
        return bisect.bisect_right(self.line_starts, offset) - 1

    def position(self, offset: int) -> Position:
        index = self.line_index(offset)
        return Position(index + 1, offset - self.line_starts[index] + 1)

    def accepts(self, word: str) -> bool:
        """Whether the project vocabulary accepts `word` (case-sensitive, then lower-case)."""
        return word in self.vocabulary or word.lower() in self.vocabulary

    def delete_lines(self, first: int, last: int | None = None) -> Edit:
        """An edit deleting lines first..last whole, leaving no run of blank lines behind."""
        return _line_deletion(self, first, first if last is None else last)

    def line_deletion(self, first: int, last: int | None = None, *, safe: bool = True) -> Fix:
        """A fix deleting lines first..last whole (see `delete_lines`)."""
        last = first if last is None else last
        applicability = Applicability.SAFE if safe else Applicability.UNSAFE
        return Fix((_line_deletion(self, first, last),), applicability)


@functools.lru_cache(maxsize=1 << 15)  # lines met again: in the next fix pass, on other pages
def _english_counts(line: str) -> tuple[int, int]:
    return _counted(line)


def _counted(text: str) -> tuple[int, int]:
    """How many words `text` holds, and how many of them are English stopwords. Every step
    maps a C function over the text (a split, not a tokeniser): words are the tokens that
    are letters once their edges are cut. Lower-casing a line alone gives what lower-casing
    it inside the text does (a final sigma looks no further than the line feed)."""
    tokens = text.lower().split()
    words = list(filter(str.isalpha, map(str.strip, tokens, repeat(_WORD_EDGES))))
    return len(words), sum(map(ENGLISH_STOPWORDS.__contains__, words))


def _strip(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end) if start < end else None


def _line_deletion(doc: Document, first: int, last: int) -> Edit:
    nonblank = doc.nonblank_lines
    lo = bisect.bisect_left(nonblank, first)
    hi = bisect.bisect_right(nonblank, last)
    prev_line = nonblank[lo - 1] if lo > 0 else None
    next_line = nonblank[hi] if hi < len(nonblank) else None
    starts = doc.line_starts
    if next_line is None and prev_line is not None:
        # The last content of the file: cut from the end of the previous content line,
        # so whatever followed the deleted line (final newline or not) stays as it was.
        return Edit(doc.line(prev_line).end, doc.line(last).end)
    if next_line is None:
        return Edit(doc.line(first).start, doc.line(last).end)
    if prev_line is None:
        return Edit(starts[first], starts[next_line])
    blanks_before = first - prev_line - 1
    blanks_after = next_line - last - 1
    # Keep the larger of the two blank gaps, so paragraphs stay apart but no run is left.
    keep_after = max(blanks_before, blanks_after) - blanks_before
    return Edit(starts[first], starts[next_line - keep_after])
