"""What the line rules (NL2xx captions and credits, NL3xx boilerplate) share.

A line rule finds whole lines that are not article text and deletes them with
`Document.delete_lines`. Its evidence, from surest to loosest:
- the whole line is a known phrase (a data file, compared as `phrase_key`s);
- the line opens with a known phrase such as `Read more:` (a data file); an opening that
  is a sentence's first words (`We welcome comments`), not a label ending in a colon, does
  not match a line that reports it as speech (`..., the agency said`): the article quotes it;
- the line has a shape the rule knows: an `Opening` (a pattern matched where the line
  starts) or an `Inside` (a keyword anywhere in the line, then a check of the line).
Every rule reports one finding per line, spanning the line without its indentation.

Speed matters: these rules run on every document of a corpus. The `regex` engine finds
a literal fast but is slow to try an alternation at every position, and a Python loop
over every line of every document is slow too. So each document gets one `LineIndex`,
shared by all line rules: the lines' keys (lower-cased, without spaces and outer
punctuation) and the lines grouped by the first two characters of their keys. An
opening is tried only on the lines of its groups whose keys start right; an inside
starts from a keyword with a literal start, and is not searched for at all in a text
that lacks its clue (a plain `in` test finds a single character many times faster than
a regex search). All of this judges a line by its text alone, so a rule keeps its
verdicts on the lines it has met and judges only lines it never met: in a fix run the
next document is the same text after a fix, a few lines new, and pages of one site share
their furniture.
"""
from __future__ import annotations

import functools
import operator
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import compress, count, repeat
from typing import Any, ClassVar, Protocol

import regex

from newslint.document import Document
from newslint.model import Violation
from newslint.rule import Option, Rule
from newslint.rules._lazy import LazyPattern, compile_stored
from newslint.rules._phrases import OUTER_PUNCTUATION, load_phrases, phrase_key, prefix_regex

MAX_PHRASE_LINE = 120  # longer lines are never compared with whole-line phrases
LINE_END = r"[^\S\n]*(?=\n|\Z)"  # ends a pattern that must match a whole line
HEAD = 2  # lines are grouped by this many characters of their keys
DIGIT = "#"  # in openings: any digit
_LONG_LINE_KEY = 16  # a longer line is keyed by this many characters only
_KEY_START = 8  # so much of an opening is compared with a line's key before a regex is tried
_PHRASE_OPENING = 160  # so much of a line is compared with opening phrases
_MAX_WORD_CHARS = 25  # a line longer than this per allowed word is too long, uncounted
_EXCERPT = 60
_DIGITS = frozenset("0123456789")
# A line that reports speech (`..., the agency said in a statement`) is an article's sentence
# quoting a notice (`We welcome comments from ...`, `Stay up to date with ...`), not the notice.
# (Not `according to`: a notice may say `... according to your settings`.)
_REPORTED_SPEECH = LazyPattern(r"[,\"”]\s*(?:[\w'’.-]+\s+){0,6}?(?:said|says|told|wrote|writes|urged|warned)\b",
                               regex.I)


@dataclass(frozen=True, slots=True)
class LineHit:
    """A line found by a rule: its index, its content span and whether deleting it is safe."""

    index: int
    start: int
    end: int
    safe: bool


# ---------------------------------------------------------------- the per-document index

class LineIndex:
    """The keys of a document's lines, and its lines grouped by how their keys open.

    A key is `phrase_key` of the line (lower case, no spaces, no outer punctuation) for
    a line of up to `MAX_PHRASE_LINE` characters, and the key of its first characters
    for a longer one. A line is grouped by the first `HEAD` characters of its key, or under
    `#` when its key opens with a digit.
    """

    __slots__ = ("keys", "keyset", "_groups")
    _groups: dict[str, tuple[list[int], list[str]]] | None

    def __init__(self, text: str, lines: Sequence[str], lower: str | None = None) -> None:
        # The keys of all lines at once, with C-level calls over the whole text (`lower` never
        # makes or removes a line feed); then the few long lines get keys of their openings.
        # `lower`, if given, is `text.lower()`, made already (`folded_text`).
        lower = text.lower() if lower is None else lower
        squeezed = lower.replace(" ", "").replace("\u00a0", "").split("\n")
        self.keys = list(map(str.strip, squeezed, repeat(OUTER_PUNCTUATION)))
        for i in compress(count(), map(MAX_PHRASE_LINE.__lt__, map(len, lines))):
            self.keys[i] = _long_key(lines[i])
        self.keyset = frozenset(self.keys)
        self._groups = None

    @property
    def groups(self) -> dict[str, tuple[list[int], list[str]]]:
        """By head, the indices and the keys of the lines whose keys open with it."""
        if self._groups is None:
            groups: dict[str, tuple[list[int], list[str]]] = {}
            for i, key in enumerate(self.keys):
                if not key:
                    continue
                lines, keys = groups.setdefault(DIGIT if key[0] in _DIGITS else key[:HEAD], ([], []))
                lines.append(i)
                keys.append(key)
            self._groups = groups
        return self._groups

    def lines_keyed(self, keys: frozenset[str]) -> list[int]:
        """The indices of the lines whose keys are among `keys`."""
        return [i for i, key in enumerate(self.keys) if key in keys]


def _long_key(line: str) -> str:
    return line[:_LONG_LINE_KEY].lower().replace(" ", "").lstrip(OUTER_PUNCTUATION)


def line_index(doc: Document) -> LineIndex:
    """The document's `LineIndex`, computed once and shared by the line rules."""
    return doc.shared(_index_of)


def _index_of(doc: Document) -> LineIndex:
    return LineIndex(doc.text, doc.line_texts, folded_text(doc))  # the lower case the insides use too


# ---------------------------------------------------------------- verdicts kept between documents

Verdict = tuple[int, int, bool]  # a flagged line's content span, from the line's start, and safety

MOST_LINES_NEW = 0.5  # a document with a larger share of new lines is judged whole, in place
MEMORY_LIMIT = 50_000  # lines a rule remembers (about 2 MB a rule); past it, it starts afresh


class _Known:
    """Which lines a memory holds verdicts on, as a token (see `_Memory.known`)."""

    __slots__ = ("merged", "lines")

    def __init__(self) -> None:
        # The lines last merged into a memory of this token (see `_Memory.merge`), and the token after.
        self.merged: tuple[tuple[frozenset[str], ...], _Known] | None = None
        # The one set of those lines that the memories of this token share (see `_Memory.known`).
        self.lines: set[str] | None = None


_NOTHING_KNOWN = _Known()  # the token of every empty memory


@dataclass
class _Memory:
    """A line rule's verdicts on every line it has judged, by line text: the lines it knows,
    and of them the flagged ones with their spans and safety. A verdict is a function of the
    line's text and the rule's settings alone, so it holds in any document; the rule owns
    its memory (made fresh with it) and empties it when it is full.

    `token` stands for the lines the memory knows: memories that were empty together and
    have met the same documents since know the same lines and hold the same token. All the
    line rules of a run are such memories, so a document works out its new lines once for
    all of them (`unknown`), not once a rule; and they share one set of those lines (the
    token's `lines`), which the first of them to learn a document's lines adds them to for
    all. A memory left behind (its rule did not check that document) no longer holds its
    token's set, and starts afresh: it judges its lines again, to the same verdicts."""

    known: set[str] = field(default_factory=set)
    flagged: dict[str, Verdict] = field(default_factory=dict)
    token: _Known = _NOTHING_KNOWN
    _after: _Known | None = None  # the token once the lines of the document checked are learnt
    # For the other processes of a run (`delta`): what was learnt since the last delta.
    _learnt: list[tuple[frozenset[str], dict[str, Verdict]]] = field(default_factory=list)

    def unknown(self, doc: Document, lines: frozenset[str]) -> frozenset[str]:
        """The lines among `lines` (the distinct lines of `doc`) not judged yet: one set
        difference, at C speed, made by the first memory of its kind to ask."""
        steps = doc.shared(_steps)
        step = steps.get(self.token)
        if step is None:  # the first memory of its token to meet the document
            if len(self.known) > MEMORY_LIMIT or self._left_behind():
                self._forget()
                step = steps.get(self.token)
            if step is None:
                step = steps[self.token] = (lines.difference(self.known), _Known())
        new, self._after = step
        return new

    def learn(self, judged: frozenset[str], flagged: dict[str, Verdict]) -> None:
        """Record the verdicts on `judged`, the lines `unknown` gave or all the document's
        lines: `flagged` those of its lines that are hits."""
        self.flagged.update(flagged)
        if judged:
            self._learnt.append((judged, flagged))
        after, self._after = self._after, None
        self._move_to(after or _Known(), (judged,))  # without `unknown` first: a token of its own

    def _move_to(self, after: _Known, judged: tuple[frozenset[str], ...]) -> None:
        """Take the token `after`, once `judged` are known too, and its set of lines: the first
        memory of the token to get there adds `judged` to the set it shares with the others,
        who get there next with the same lines (see `token`) and take the set as it is."""
        if after.lines is None:
            known = self.known
            if self.token.lines is known:
                self.token.lines = None  # the set goes on to `after`
            for lines in judged:
                known.update(lines)
            after.lines = known
        self.known, self.token = after.lines, after

    def _left_behind(self) -> bool:
        """Whether the other memories of the token took its set further (see `token`)."""
        return self.token is not _NOTHING_KNOWN and self.token.lines is not self.known

    def _forget(self) -> None:
        self.known = set()
        self.flagged.clear()
        self.token = _NOTHING_KNOWN
        self._learnt.clear()

    def delta(self) -> tuple[tuple[frozenset[str], dict[str, Verdict]], ...] | None:
        """The lines judged since the last call, each set with the verdicts of its flagged lines.
        Every line rule that judged the same lines gives the same sets (objects), which a run's
        other processes receive (pickled together) as the same objects again (see `merge`)."""
        if not self._learnt:
            return None
        learnt, self._learnt = tuple(self._learnt), []
        return learnt

    def merge(self, learnt: tuple[tuple[frozenset[str], dict[str, Verdict]], ...]) -> None:
        """Take the verdicts another process's memory gave (`delta`), not to be sent back.
        Memories of one token that take the same sets (objects) know the same lines again,
        and share a token (and its set of lines) again."""
        if len(self.known) > MEMORY_LIMIT:
            return
        judged = tuple(judged for judged, _ in learnt)
        after = _token_after(self.token, judged)
        if after.lines is not self.known and self._left_behind():  # not one of the token's followers
            self._forget()
            after = _token_after(self.token, judged)
        for _, flagged in learnt:
            self.flagged.update(flagged)
        self._move_to(after, judged)


def _token_after(token: _Known, judged: tuple[frozenset[str], ...]) -> _Known:
    """The token of a memory of `token` once it has merged `judged`: the same for every memory
    of that token that merges the same sets (objects), one after the other."""
    merged = token.merged
    if merged is not None and len(merged[0]) == len(judged) and all(map(operator.is_, merged[0], judged)):
        return merged[1]
    after = _Known()
    if token is not _NOTHING_KNOWN:  # the token of every empty memory stays as it is
        token.merged = (judged, after)
    return after


def _steps(doc: Document) -> dict[_Known, tuple[frozenset[str], _Known]]:
    """By the token of a memory before `doc`: the document's lines new to it, and its token after."""
    return {}


@dataclass(frozen=True)
class _Fresh:
    """Lines no rule had judged, as a document of their own, with its index."""

    doc: Document
    index: LineIndex


def _fresh(doc: Document, lines: frozenset[str]) -> _Fresh:
    """`lines` of `doc` as a document of their own. Every line rule meets the same new
    lines in a document (they have judged the same documents), so it is kept with `doc`."""
    made = doc.shared(_fresh_by_lines)
    if lines not in made:
        fresh = Document("\n".join(lines))
        made[lines] = _Fresh(fresh, line_index(fresh))
    return made[lines]


def _fresh_by_lines(doc: Document) -> dict[frozenset[str], _Fresh]:
    return {}


def _verdicts(doc: Document, hits: dict[int, LineHit]) -> dict[str, Verdict]:
    lines, starts = doc.line_texts, doc.line_starts
    return {lines[i]: (hit.start - starts[i], hit.end - starts[i], hit.safe) for i, hit in hits.items()}


def _hits_of(doc: Document, verdicts: dict[str, Verdict]) -> dict[int, LineHit]:
    """The hits of a document whose flagged lines' verdicts are known by their text."""
    hits: dict[int, LineHit] = {}
    if verdicts.keys().isdisjoint(doc.distinct_lines):
        return hits  # most rules flag none of a text's lines: one test of its distinct lines says so
    lines, starts = doc.line_texts, doc.line_starts
    # `compress` and `map` look every line up without a Python-level loop; a clean line is
    # not there (None, false), a flagged line's verdict is a tuple of three (true).
    for i in compress(count(), map(verdicts.get, lines)):
        start, end, safe = verdicts[lines[i]]
        hits[i] = LineHit(i, starts[i] + start, starts[i] + end, safe)
    return hits


def content_span(text: str, line_start: int) -> tuple[int, int]:
    """The line starting at `line_start`, without indentation and trailing space."""
    end = text.find("\n", line_start)
    end = len(text) if end < 0 else end
    start = line_start
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def squeeze(text: str) -> str:
    """`text` lower-cased, without spaces and leading punctuation: how keys open."""
    return "".join(text.lower().split()).lstrip(OUTER_PUNCTUATION)


def starting(*openings: str) -> tuple[str, ...]:
    """The openings of an `Opening`: what a matching line can start with (`#`: a digit)."""
    return openings


def _heads(openings: Iterable[str]) -> tuple[str, ...]:
    found = tuple(sorted({DIGIT if o == DIGIT else squeeze(o)[:HEAD] for o in openings}))
    if any(len(h) < HEAD and h != DIGIT for h in found):
        raise ValueError(f"an opening needs {HEAD} characters after outer punctuation: {openings}")
    return found


def _key_starts(openings: Iterable[str]) -> tuple[str, ...]:
    starts: set[str] = set()
    for o in openings:
        if o == DIGIT:
            starts.update(_DIGITS)
        else:  # a short line's key has lost its trailing punctuation (`More:` is keyed `more`)
            starts.add(squeeze(o)[:_KEY_START].rstrip(OUTER_PUNCTUATION))
    return tuple(sorted(starts))


# ---------------------------------------------------------------- shapes

class Matcher(Protocol):
    """Something tried on the lines of some index groups: an `Opening` or `PhraseOpenings`."""

    heads: tuple[str, ...]
    starts: tuple[str, ...]
    safe: bool

    def match_line(self, text: str, line_start: int) -> tuple[int, int] | None: ...


@dataclass(frozen=True)
class Opening:
    """A shape matched where a line's content starts, after outer punctuation (`- `, `[`).

    `openings` are what a matching line can start with (`starting("this", "these")`);
    only such lines are tried. `needs`, if given, are lower-case strings one of which
    the line must hold before the pattern is tried (a cheap test before a costly
    pattern). `check`, if given, has the last word on the line's text.
    """

    pattern: regex.Pattern[str]
    openings: tuple[str, ...]
    max_words: int = 40
    check: Callable[[str], bool] | None = None
    needs: tuple[str, ...] = ()
    safe: bool = False
    heads: tuple[str, ...] = field(init=False, repr=False)
    starts: tuple[str, ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "heads", _heads(self.openings))
        object.__setattr__(self, "starts", _key_starts(self.openings))

    def match_line(self, text: str, line_start: int) -> tuple[int, int] | None:
        start, end = content_span(text, line_start)
        if end - start > self.max_words * _MAX_WORD_CHARS:
            return None
        line = text[start:end]
        if self.needs:
            lower = line.lower()
            if not any(n in lower for n in self.needs):
                return None
        opening = start + len(line) - len(line.lstrip(OUTER_PUNCTUATION))
        if self.pattern.match(text, opening, end) and _fits(line, self.max_words, self.check):
            return start, end
        return None


@dataclass(frozen=True)
class PhraseOpenings:
    """Opening phrases from data files, compared without spaces, then confirmed by a regex each.

    A phrase's regex is compiled the first time a line's key opens with the phrase: most
    phrases never meet a line, and compiling hundreds of them would slow every start."""

    safe: bool
    by_head: dict[str, tuple[tuple[str, str], ...]]  # head: (squeezed phrase, phrase)
    heads: tuple[str, ...]
    starts: tuple[str, ...]

    @classmethod
    def of(cls, phrases: Iterable[str], *, safe: bool) -> PhraseOpenings:
        phrases = tuple(phrases)
        by_head: dict[str, list[tuple[str, str]]] = {}
        for phrase in sorted(set(phrases), key=len, reverse=True):
            squeezed = squeeze(phrase)
            by_head.setdefault(squeezed[:HEAD], []).append((squeezed, phrase))
        groups = {head: tuple(found) for head, found in by_head.items()}
        return cls(safe, groups, _heads(phrases), _key_starts(phrases))

    def match_line(self, text: str, line_start: int) -> tuple[int, int] | None:
        squeezed = squeeze(text[line_start:line_start + _PHRASE_OPENING])
        for squeezed_phrase, phrase in self.by_head.get(squeezed[:HEAD], ()):
            if squeezed.startswith(squeezed_phrase):
                start, end = content_span(text, line_start)
                if _opening_pattern(phrase).match(text, start, end):
                    return None if _quoted_in_prose(phrase, text, start, end) else (start, end)
        return None


def _quoted_in_prose(phrase: str, text: str, start: int, end: int) -> bool:
    """Whether the line opening with `phrase` reports it as speech: a sentence's first words
    (not a label that ends in a colon, `Read more:`, after which any headline may follow)."""
    return not phrase.endswith(":") and _REPORTED_SPEECH.search(text, start, end) is not None


@functools.cache
def _opening_pattern(phrase: str) -> regex.Pattern[str]:
    # Outer punctuation before the phrase is skipped, as the keys skip it.
    return compile_stored(rf"[^\w\n]{{0,4}}?{prefix_regex(phrase)}", regex.I)


@dataclass(frozen=True)
class Inside:
    """A shape found from a keyword anywhere in a line.

    `keyword` should start with a literal, which the regex engine finds fast; a keyword
    that is a plain literal is best compiled with the standard `re` engine, which scans
    for it faster than `regex` does. A line holding it is a hit if it has at most
    `max_words` words, `pattern` (when given) matches somewhere in it and `check` (when
    given) agrees. `clue`, if given, is a character every match of `keyword` holds: a
    text without it is not searched (a plain `in` test finds a character fastest). A
    keyword whose matches start at words known from its pattern (a case-blind word or group
    of branches, plain words, an opening in letters) is tried only where `str.find` finds
    those words, not searched for (see `_match_starts`). A keyword never matches a line
    feed: a line is judged by its own text (see `LineRule`).
    """

    keyword: regex.Pattern[str] | re.Pattern[str]
    pattern: regex.Pattern[str] | None = None
    max_words: int = 40
    check: Callable[[str], bool] | None = None
    clue: str | None = None
    folded_clue: str | None = field(init=False, repr=False)
    literals: tuple[str, ...] | None = field(init=False, repr=False)
    folded_openings: tuple[str, ...] | None = field(init=False, repr=False)
    opening: str | None = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "folded_clue", _case_blind_word(self.keyword))
        object.__setattr__(self, "literals", _literal_branches(self.keyword))
        object.__setattr__(self, "folded_openings", _case_blind_openings(self.keyword))
        object.__setattr__(self, "opening", None if self.literals else _literal_opening(self.keyword))

    def spans(self, text: str, folded: str | None = None) -> Iterator[tuple[int, int, int]]:
        """(line start, content start, content end) of every line that is a hit. `folded`,
        if given, is `text` lower-cased (`folded_text`): a keyword that is a word in any
        case (`(?i:cookie)`) is not searched for in a text whose lower case lacks it."""
        if self.clue is not None and self.clue not in text:
            return
        if folded is not None and self.folded_clue is not None and self.folded_clue not in folded:
            return
        if folded is not None and self.folded_openings is not None and not any(
                map(folded.__contains__, self.folded_openings)):
            return  # `(?i:sign up|subscribe|register)`: none of `sign`, `subscribe`, `register` in any case
        if self.opening is not None and self.opening not in text:
            return  # `Watch[^\S\n]+[Vv]ideo` in a text without `Watch`
        if self.literals is not None and not any(map(text.__contains__, self.literals)):
            return  # a keyword of plain words (`Associated Press|, AP$`) none of which the text holds
        starts = self._match_starts(text, folded)
        next_start = None if starts is None else _NextStart(*starts)
        search, match, pos = self.keyword.search, self.keyword.match, 0
        while True:
            if next_start is None:
                m = search(text, pos)
            else:  # a match starts where one of its opening words does: tried there alone
                at = next_start.at_or_after(pos)
                if at < 0:
                    return
                m = match(text, at)
                if m is None:
                    pos = at + 1
                    continue
            if m is None:
                return
            line_start = text.rfind("\n", 0, m.start()) + 1
            start, end = content_span(text, line_start)
            line_end = text.find("\n", m.end())
            pos = len(text) if line_end < 0 else line_end + 1  # each line is tried once
            if end - start > self.max_words * _MAX_WORD_CHARS:
                continue
            line = text[start:end]
            if len(line.split()) > self.max_words:
                continue
            if self.pattern is not None and not self.pattern.search(line):
                continue
            if self.check is None or self.check(line):
                yield line_start, start, end

    def _match_starts(self, text: str, folded: str | None) -> tuple[str, tuple[str, ...]] | None:
        """Where every match of the keyword starts: at one of these words of this text (the text,
        or its lower case for a case-blind keyword); None when that is not known. Finding a word
        (`str.find`) and trying the keyword there costs a fraction of a regex search of the text."""
        if folded is not None and self.folded_clue is not None:
            return folded, (self.folded_clue,)
        if folded is not None and self.folded_openings is not None:
            return folded, self.folded_openings
        if self.literals is not None:
            return text, self.literals
        if self.opening is not None:
            return text, (self.opening,)
        return None


class _NextStart:
    """The next place, at or after a position, where one of some words stands in a text. Each
    word's next place is kept and looked for again only once the position has passed it, so
    the text is read about once per word, however many places are asked for (asking every
    word again at each step reads the rest of the text each time: quadratic in a long text)."""

    def __init__(self, haystack: str, words: tuple[str, ...]) -> None:
        self.haystack = haystack
        self.places = dict.fromkeys(words, -2)  # -2: not looked for yet; -1: not in the rest

    def at_or_after(self, pos: int) -> int:
        places, find = self.places, self.haystack.find
        for word, place in places.items():
            if -1 < place < pos or place == -2:
                places[word] = find(word, pos)
        return min((place for place in places.values() if place >= 0), default=-1)


# A keyword that is one lower-case word (or words) in any case, `(?i:cookie)`, compiled with no
# flag that changes what it matches (full case folding, verbose spaces).
_CASE_BLIND_WORD = re.compile(r"\(\?i:([a-z]+(?: [a-z]+)*)\)")
# The characters a case-blind ASCII letter matches that do not lower-case into it (`re`: İ ı ſ;
# `regex`: İ ſ): in a text that holds one, a match may not show in its lower case.
FOLD_EXCEPTIONS = ("\u0130", "\u0131", "\u017f")


# A branch of a keyword that is plain words (`Associated Press|ASSOCIATED PRESS|, AP$`): letters,
# digits, spaces, commas and colons, which match themselves alone, and maybe the end of a line.
_LITERAL_BRANCH = re.compile(r"([A-Za-z0-9 ,:]+)\$?")


def _case_blind_word(keyword: regex.Pattern[str] | re.Pattern[str] | LazyPattern) -> str | None:
    """The word a keyword matches in any case, if it is only that (see `_CASE_BLIND_WORD`)."""
    source = _plain_source(keyword, 0)
    m = _CASE_BLIND_WORD.fullmatch(source) if source is not None else None
    return m[1] if m else None


def _literal_branches(keyword: regex.Pattern[str] | re.Pattern[str] | LazyPattern) -> tuple[str, ...] | None:
    """The words of a keyword made of plain words only (see `_LITERAL_BRANCH`), one of which
    every match holds as it is; None for any other keyword."""
    source = _plain_source(keyword, re.MULTILINE)  # which only moves where `$` matches
    found = [_LITERAL_BRANCH.fullmatch(branch) for branch in source.split("|")] if source is not None else [None]
    return tuple(m[1] for m in found) if all(found) else None  # type: ignore[index]


# The letters a branch of a pattern opens with, up to its first other sign; the last of them is
# cut when a quantifier follows it (`newsletters?`: `newsletter`).
_OPENING_LETTERS = re.compile(r"([A-Za-z0-9 ]*)([?*+{]?)")
# A keyword that is only a case-blind group of branches, with no group, class of `|` or escaped
# `|` inside: `(?i:sign[^\S\n]*up|subscribe|register)`.
_CASE_BLIND_GROUP = re.compile(r"\(\?i:([^()]*)\)")
_PIPE_IN_CLASS = re.compile(r"\[[^\]]*\||\\\|")
_INLINE_FLAG = re.compile(r"\(\?[a-zA-Z^]")  # `(?i)`, `(?i:`: may change what letters match
MIN_OPENING = 3  # shorter openings hold in most texts: not worth a test


def _opening_letters(branch: str) -> str:
    m = _OPENING_LETTERS.match(branch)
    return m[1][:-1] if m[2] else m[1]  # type: ignore[index]


def _case_blind_openings(keyword: regex.Pattern[str] | re.Pattern[str] | LazyPattern) -> tuple[str, ...] | None:
    """For a case-blind group of branches (`_CASE_BLIND_GROUP`) other than one word: the lower-case
    letters each branch opens with, one of which every match holds in the text's lower case."""
    source = _plain_source(keyword, 0)
    m = _CASE_BLIND_GROUP.fullmatch(source) if source is not None else None
    if m is None or _case_blind_word(keyword) is not None or _PIPE_IN_CLASS.search(m[1]):
        return None
    openings = tuple(map(_opening_letters, m[1].split("|")))
    if any(len(o) < MIN_OPENING or o != o.lower() for o in openings):
        return None
    return openings


def _literal_opening(keyword: regex.Pattern[str] | re.Pattern[str] | LazyPattern) -> str | None:
    r"""For a keyword of no alternation and no inline flag that opens with letters, digits or
    spaces (`Watch[^\S\n]+[Vv]ideo`): those, which every match holds as they are."""
    source = _plain_source(keyword, 0)
    if source is None or "|" in source or _INLINE_FLAG.search(source):
        return None
    opening = _opening_letters(source)
    return opening if len(opening) >= MIN_OPENING else None


def _plain_source(keyword: regex.Pattern[str] | re.Pattern[str] | LazyPattern, allowed: int) -> str | None:
    """A keyword's pattern, if it is compiled with no flag but `allowed` (`re.MULTILINE` and
    `regex.MULTILINE` are one value): none that changes what its letters and spaces match."""
    if isinstance(keyword, LazyPattern):
        source, flags = keyword.source
        plain = flags & ~allowed == 0 and regex.DEFAULT_VERSION == regex.VERSION0  # V1 folds case in full (ß, ss)
    else:
        source, flags = keyword.pattern, keyword.flags
        plain = isinstance(keyword, re.Pattern) and flags & ~allowed == re.UNICODE
    return source if plain and isinstance(source, str) else None


def folded_text(doc: Document) -> str | None:
    """The document's text lower-cased, where a case-blind word's match always shows in it
    (no `FOLD_EXCEPTIONS` character; lower case keeps every other character one character)."""
    return doc.shared(_folded)


def _folded(doc: Document) -> str | None:
    text = doc.text
    return None if any(c in text for c in FOLD_EXCEPTIONS) else text.lower()


def _fits(line: str, max_words: int, check: Callable[[str], bool] | None) -> bool:
    return len(line.split()) <= max_words and (check is None or check(line))


# ---------------------------------------------------------------- the base rule

# Whole-line phrase keys; by head, the starts of the head's matchers and the matchers.
_Compiled = tuple[frozenset[str], dict[str, tuple[tuple[str, ...], tuple[Matcher, ...]]]]


class LineRule(Rule):
    """A rule that flags whole lines and deletes them.

    Subclasses set `artifact` (what the message calls a hit), may name data files
    (`phrase_files`: whole lines, deleted with a safe fix; `prefix_files`: openings,
    safe if `prefix_fix_safe`) and may list `openings` and `insides` (unsafe fixes);
    `shape_hits` can add anything else. Users extend every line rule with whole lines
    (`extend-phrases`), openings (`extend-prefixes`) and regular expressions matched from
    the start of a line (`extend-patterns`, unsafe fixes).

    Phrases, openings, insides and patterns judge a line by its text alone, which lets a
    rule keep its verdicts on lines it has met (see `_line_hits`); a test that looks at
    other lines or at the whole document belongs in `shape_hits`.
    """

    fixable = True
    artifact: ClassVar[str] = "line"
    phrase_files: ClassVar[tuple[str, ...]] = ()
    prefix_files: ClassVar[tuple[str, ...]] = ()
    prefix_fix_safe: ClassVar[bool] = False
    openings: ClassVar[tuple[Opening, ...]] = ()
    insides: ClassVar[tuple[Inside, ...]] = ()
    options = (
        Option("extend-phrases", [], "more whole lines to flag "
               "(compared without case, spaces and outer punctuation)"),
        Option("extend-prefixes", [], "more line openings to flag "
               "(their words in order, any case)"),
        Option("extend-patterns", [], "regular expressions: a line one of them matches from its "
               "start is flagged (checked for catastrophic backtracking)"),
    )

    def __init__(self, settings: dict[str, Any] | None = None) -> None:
        super().__init__(settings)
        self._memory = _Memory()  # verdicts on lines met in earlier documents (see `_line_hits`)
        extra_phrases = tuple(self.settings.get("extend-phrases", ()))
        extra_prefixes = tuple(self.settings.get("extend-prefixes", ()))
        self._phrases, self._dispatch = self._compile(extra_phrases, extra_prefixes)
        where = f"rule {self.code}: option 'extend-patterns'"
        patterns = self.settings.get("extend-patterns", ())
        self._patterns = _user_patterns(patterns, where) if patterns else ()

    def _compile(self, extra_phrases: tuple[str, ...],
                 extra_prefixes: tuple[str, ...]) -> _Compiled:
        phrases = [p for name in self.phrase_files for p in load_phrases(name)]
        matchers: list[Matcher] = []
        listed = [p for name in self.prefix_files for p in load_phrases(name)]
        if listed:
            matchers.append(PhraseOpenings.of(listed, safe=self.prefix_fix_safe))
        if extra_prefixes:
            matchers.append(PhraseOpenings.of(extra_prefixes, safe=False))
        matchers.extend(self.openings)
        dispatch: dict[str, list[Matcher]] = {}
        for matcher in matchers:
            for head in matcher.heads:
                dispatch.setdefault(head, []).append(matcher)
        keys = frozenset(k for k in map(phrase_key, phrases + list(extra_phrases)) if k)
        # With each head's matchers, every start they can have: one test of a line's key
        # against all of them skips most lines of a group.
        return keys, {head: (tuple(sorted({s for m in found for s in m.starts})), tuple(found))
                      for head, found in dispatch.items()}

    def memo_delta(self) -> Any:
        """The verdicts on lines judged since the last call (see `_Memory.delta`)."""
        return self._memory.delta()

    def memo_merge(self, delta: Any) -> None:
        self._memory.merge(delta)

    def check(self, doc: Document) -> list[Violation]:
        hits = self.hits(doc)
        return [self.line_violation(doc, hits[i]) for i in sorted(hits)]

    def hits(self, doc: Document) -> dict[int, LineHit]:
        """The lines this rule flags, by line index."""
        hits = self._line_hits(doc)
        for hit in self.shape_hits(doc):
            hits.setdefault(hit.index, hit)
        return hits

    def _line_hits(self, doc: Document) -> dict[int, LineHit]:
        """The lines flagged by phrases, openings, insides and patterns.

        Each of these judges a line by its text alone, so a line met in an earlier document
        keeps its verdict, and only the lines never met are judged: when fixes are applied
        and the text checked again, that is the few lines a fix rewrote; in a corpus, the
        lines a page does not share with pages before it. Where most lines are new, the
        whole document is judged in place."""
        lines = doc.distinct_lines
        new = self._memory.unknown(doc, lines)
        if len(new) > MOST_LINES_NEW * len(lines):
            hits = self._judge(doc, line_index(doc))
            self._memory.learn(lines, _verdicts(doc, hits))
            return hits
        fresh = _fresh(doc, new) if new else None
        self._memory.learn(new, _verdicts(fresh.doc, self._judge(fresh.doc, fresh.index)) if fresh else {})
        return _hits_of(doc, self._memory.flagged)

    def _judge(self, doc: Document, index: LineIndex) -> dict[int, LineHit]:
        hits: dict[int, LineHit] = {}
        if self._phrases:
            self._phrase_hits(doc, index, hits)
        if self._dispatch:
            self._opening_hits(doc, index, hits)
        folded = folded_text(doc) if self.insides else None
        for inside in self.insides:
            for line_start, start, end in inside.spans(doc.text, folded):
                i = doc.line_index(line_start)
                if i not in hits:
                    hits[i] = LineHit(i, start, end, False)
        if self._patterns:
            self._pattern_hits(doc.text, doc.line_starts, hits)
        return hits

    def _phrase_hits(self, doc: Document, index: LineIndex, hits: dict[int, LineHit]) -> None:
        """Lines that are a whole-line phrase."""
        found = index.keyset & self._phrases
        if found:
            text, starts = doc.text, doc.line_starts
            for i in index.lines_keyed(found):
                start, end = content_span(text, starts[i])
                if end - start <= MAX_PHRASE_LINE:  # a long line's key is its opening only
                    hits[i] = LineHit(i, start, end, True)

    def _opening_hits(self, doc: Document, index: LineIndex, hits: dict[int, LineHit]) -> None:
        """Lines that open with a phrase or a shape of an opening: each matcher is tried only
        on the lines of its heads' groups whose keys start right."""
        text, starts, keys = doc.text, doc.line_starts, index.keys
        groups, dispatch = index.groups, self._dispatch
        for head in groups.keys() & dispatch.keys():
            any_start, matchers = dispatch[head]
            lines, line_keys = groups[head]
            # `compress` and `map` test every key of the group without a Python-level loop.
            for i in compress(lines, map(str.startswith, line_keys, repeat(any_start))):
                if i not in hits:
                    self._try_matchers(matchers, text, starts[i], i, keys[i], hits)

    def _pattern_hits(self, text: str, starts: list[int], hits: dict[int, LineHit]) -> None:
        """Lines matched by the user's `extend-patterns`, each tried on the line alone."""
        for i, line_start in enumerate(starts):
            if i in hits:
                continue
            start, end = content_span(text, line_start)
            line = text[start:end]
            if line and any(p.match(line) for p in self._patterns):
                hits[i] = LineHit(i, start, end, False)

    @staticmethod
    def _try_matchers(matchers: tuple[Matcher, ...], text: str, line_start: int, i: int,
                      key: str, hits: dict[int, LineHit]) -> None:
        for matcher in matchers:
            span = key.startswith(matcher.starts) and matcher.match_line(text, line_start)
            if span:
                hits[i] = LineHit(i, span[0], span[1], matcher.safe)
                return

    def shape_hits(self, doc: Document) -> Iterable[LineHit]:
        """Lines found in ways the shape classes do not cover; none by default."""
        return ()

    def line_violation(self, doc: Document, hit: LineHit) -> Violation:
        fix = doc.line_deletion(hit.index, safe=hit.safe)
        message = f"{self.artifact} '{excerpt(doc.text[hit.start:hit.end])}'"
        return self.violation(hit.start, hit.end, message, fix)


def _user_patterns(patterns: Iterable[str], where: str) -> tuple[regex.Pattern[str], ...]:
    # Imported here: the checks of user patterns are needed only when a config gives some.
    from newslint.patterns import compile_user_pattern
    return tuple(compile_user_pattern(p, where) for p in patterns)


def excerpt(text: str) -> str:
    """`text` on one line, cut to a readable length."""
    text = " ".join(text.split())
    return text if len(text) <= _EXCERPT else text[: _EXCERPT - 1].rstrip() + "…"
