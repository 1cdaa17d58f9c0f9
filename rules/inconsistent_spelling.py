"""NL601 inconsistent-spelling: one name spelt two ways in one text (`Luhansk` and `Lugansk`)."""
from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import regex

from newslint.document import Document
from newslint.model import Violation
from newslint.rule import Option, Rule
from newslint.rules import _frequency
from newslint.rules._frequency import common_words
from newslint.rules._lazy import LazyPattern
from newslint.rules._phrases import load_phrases
from newslint.rules._store import stored
from newslint.rules.comment_thread import thread_start
from newslint.rules.end_marker import marker_start

MIN_LENGTH = 5  # of words the general detector compares; known spellings may be shorter (`Kyiv`)
# Capitalised words of four or more Latin letters (the shortest known spellings, `Kyiv`, have
# four), found with a plain pattern: the standard `re` engine scans it several times faster
# than `regex` with word boundaries. A hit may be the tail of a longer word (`Phone` in
# `iPhone`): uses are counted by whole-word matching later.
_NAME = re.compile(r"[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]{3,}")
MAX_LINES_SHOWN = 8
NAMES_REMEMBERED = 100_000  # names whose keys a rule keeps between documents; past it, afresh
# A capitalised word right before a name: its given name (or a title, `Mr`, which the
# other spelling shares when it is one person).
_GIVEN_NAME = re.compile(r"([A-ZÀ-ÖØ-Þ][\w'’.-]*) $")
# A line of tags or keywords lists spellings side by side on purpose, for search.
_TAGS_LINE = re.compile(r"\s*(?:tags|tagged|tagged with|topics|keywords)\s*:", re.I)
MAX_GAP_BESIDE = 3  # characters between two spellings given side by side: `, `, ` (`, ` / `
# Two spellings that the text names as such, a few words apart: `Zelensky, also spelled
# Zelenskyy`, `Gaddafi, or Qaddafi as ...`, `Kyiv, formerly known as Kiev`.
_NAMED_SPELLING = re.compile(
    r"[\s,;:(—–-]*(?:(?:also|sometimes|often|formerly|or|alternatively)\s+)*"
    r"(?:(?:spelt|spelled|written|transliterated|rendered|romani[sz]ed|known)(?:\s+as)?\s+)?[\"“‘']?", re.I)
MAX_GAP_NAMED = 30
# A letter written three times running (`Psssst`) stretches an interjection; names do not.
_STRETCHED = re.compile(r"(\w)\1\1")


def _line_list(lines: list[int]) -> str:
    shown = ", ".join(str(n) for n in lines[:MAX_LINES_SHOWN])
    more = ", ..." if len(lines) > MAX_LINES_SHOWN else ""
    return f"line{'s' if len(lines) > 1 else ''} {shown}{more}"


class InconsistentSpelling(Rule):
    """NL601 inconsistent-spelling: one name spelt two ways in one text (`Luhansk` and `Lugansk`).

    ## What it does
    Finds capitalised names that one text spells in more than one way, and reports each
    use of the less frequent spelling, naming the other spelling and its lines. When two
    spellings are used equally often, the one that appears later is reported.

    Two sources of variants are combined:
    - known sets of spellings (`Kyiv`/`Kiev`, `Donbas`/`Donbass`, `Gaddafi`/`Qaddafi`), in
      `rules/data/variants_names.txt`, checked in any language;
    - in English text, a general detector for transliteration habits: two capitalised
      words of at least five letters that become the same after folding accents,
      collapsing doubled letters and swapping `kh`/`h`, `g`/`h`, `y`/`i`, `j`/`i`, `w`/`v`,
      `ph`/`f`, `ck`/`k` (`Zelensky`/`Zelenskyy`, `Pushilin`/`Pushilyn`). Both words must
      be rare in English (below `max-zipf`, default 3.0, on wordfreq's Zipf scale), so
      common words, brands and
      common names (`Anna`/`Ana`, `Philip`/`Phillip`, `Philips`/`Phillipps`, `Hall`/`Gall`)
      are never paired, and neither may appear in lower case in the text, where it is an
      ordinary word.

    Words the project accepts (`accept` in the configuration) are never reported, nor is a
    use with another spelling right beside it, a few marks away (`Kyiv (Kiev)`, a tags
    line listing `Pushilin, Pushilyn`) or named as a spelling a few words away (`Zelensky,
    also spelled Zelenskyy`, `Gaddafi, or Qaddafi`), nor a use in the readers' comments under the article
    (where NL312 or NL314 see them begin), which are neither compared nor reported: each reader
    spells as they like, and two commenters' names may differ by a letter, nor a word with
    a letter written three times running, which stretches an interjection (`Pssst`,
    `Psssst`), nor a use on a line of tags or keywords. Two
    rare spellings that each always follow a given name of their own (`Patrick Sennyonjo`,
    `Gloria Senyonjo`) name two people and are not paired.

    ## Why is this bad?
    Scraped and syndicated articles mix house styles: a wire story says `Lugansk`, the
    site's own paragraphs say `Luhansk`. Readers may take the two for different places,
    and search, entity linking and counting treat them as two names.

    ## Example
        North Korea recognised the independence of Donetsk and Luhansk.
        Read more: Where are Donetsk and Lugansk?

    Use instead:
        North Korea recognised the independence of Donetsk and Luhansk.
        Read more: Where are Donetsk and Luhansk?

    ## Limitations
    Report only: which spelling is right is a matter of house style, a text may use both on
    purpose (`Kyiv, then called Kiev`, `Chicken Kiev`), and quotations and titles keep the
    spelling of their source. Two different people in the article whose rare names differ by
    one doubled letter and who are not named with their given names (`Sheri` and `Sherri`)
    are reported as one name spelt two ways. Only single words written in
    Latin letters (ASCII and Latin-1) are compared: `Kim Jong Un` and `Kim Jong-un` are not.
    """
    code = "NL601"
    name = "inconsistent-spelling"
    options = (
        Option("max-zipf", 3.0, "the general detector pairs only words rarer than this in English "
               "(wordfreq Zipf scale: 3 is a word met about once per million words)"),
    )

    def __init__(self, settings: Mapping[str, Any] | None = None) -> None:
        super().__init__(settings)
        # The names met, and the keys of those the general detector compares: a function
        # of the name and max-zipf alone, so kept between documents (the same names recur
        # on a site's pages and in every fix pass).
        self._met: set[str] = set()
        self._keys: dict[str, str] = {}

    def _compared_keys(self, names: set[str]) -> dict[str, str]:
        """The general detector's keys of those of `names` it compares: rare in English,
        long enough, not a known spelling, no letter stretched."""
        rare = names.difference(_common_names(names, self.settings["max-zipf"]))
        known = known_variants()
        return {word: transliteration_key(word) for word in rare
                if len(word) >= MIN_LENGTH and word not in known and not _STRETCHED.search(word)}

    def prepare(self, docs: Sequence[Document]) -> None:
        """Build the table of common names before the first check (the first check would)."""
        _odd_common_names(self.settings["max-zipf"])

    def check(self, doc: Document) -> Iterator[Violation]:
        names = set(_NAME.findall(doc.text))
        known, general = self._known_groups(names), self._general_groups(doc, names)
        if not known and not general:
            return
        positions = _above_comments(doc, _positions(doc.text, {word for group in known + general for word in group}))
        general = [group for group in general if not _different_people(doc.text, group, positions)]
        for group in known + general:
            yield from self._report(doc, group, positions)

    @staticmethod
    def _known_groups(names: set[str]) -> list[list[str]]:
        known = known_variants()
        by_set: dict[int, list[str]] = defaultdict(list)
        for word in names & known.keys():
            by_set[known[word]].append(word)
        return [group for group in by_set.values() if len(group) > 1]

    def _general_groups(self, doc: Document, names: set[str]) -> list[list[str]]:
        met, keys = self._met, self._keys
        if len(met) > NAMES_REMEMBERED:
            met.clear()
            keys.clear()
        new = names.difference(met)
        if new:
            met.update(new)
            keys.update(self._compared_keys(new))
        compared = keys.keys() & names  # iterates the smaller: the names
        if len(set(map(keys.__getitem__, compared))) == len(compared):
            return []  # no two names share a key (most texts): told at C speed, no group made
        by_key: dict[str, list[str]] = defaultdict(list)
        for word in compared:
            by_key[keys[word]].append(word)
        groups = [group for group in by_key.values() if len(group) > 1]
        if not groups or not doc.is_english:
            return []
        ordinary = _lower_case_uses(doc.text, {w.lower() for group in groups for w in group})
        groups = [[w for w in group if w.lower() not in ordinary] for group in groups]
        return [group for group in groups if len(group) > 1]

    def _report(self, doc: Document, group: list[str],
                positions: dict[str, list[int]]) -> Iterator[Violation]:
        present = [w for w in group if positions.get(w)]
        if len(present) < 2:
            return
        # The majority: most uses, then earliest first use; every other spelling is reported.
        ranked = sorted(present, key=lambda w: (-len(positions[w]), positions[w][0]))
        lines = {w: sorted({doc.line_index(p) + 1 for p in positions[w]}) for w in present}
        for word in ranked[1:]:
            others = [w for w in ranked if w != word]
            uses = [start for start in positions[word] if not _beside(doc.text, start, word, others, positions)
                    and not _TAGS_LINE.match(doc.line_texts[doc.line_index(start)])]
            described = ", and ".join(f"'{w}' ({_line_list(lines[w])})" for w in others)
            if len(others) == 1:
                other = others[0]
                message = (f"'{word}' is also spelt '{other}' in this text "
                           f"({_line_list(lines[other])})")
            else:
                message = f"'{word}' is also spelt {described} in this text"
            for start in uses:
                yield self.violation(start, start + len(word), message)


def _above_comments(doc: Document, positions: dict[str, list[int]]) -> dict[str, list[int]]:
    """The uses above the readers' comments under the article: each reader spells as they
    like (`Rhone`, `Rhône`), and two readers' names may differ by a letter (`Sheri`, `Sherri`)."""
    starts = [k for k in (thread_start(doc), marker_start(doc)) if k is not None]
    if not starts:
        return positions
    cut = doc.line_starts[min(starts)]
    return {word: [p for p in found if p < cut] for word, found in positions.items()}


def _different_people(text: str, group: list[str], positions: dict[str, list[int]]) -> bool:
    """Whether each spelling always follows a given name of its own (`Patrick Sennyonjo`,
    `Gloria Senyonjo`): two people, not one name spelt two ways."""
    given: list[set[str]] = []
    for word in group:
        names = set()
        for start in positions.get(word, ()):
            m = _GIVEN_NAME.search(text, max(0, start - 40), start)
            if not m:
                return False
            names.add(m[1])
        given.append(names)
    return all(not (a & b) for i, a in enumerate(given) for b in given[i + 1:])


def _beside(text: str, start: int, word: str, others: list[str], positions: dict[str, list[int]]) -> bool:
    """Whether another spelling stands right beside this use, a few marks away (`Kyiv (Kiev)`,
    `Pushilin, Pushilyn` in a tags line): written side by side on purpose."""
    end = start + len(word)
    for other in others:
        found = positions[other]  # in text order: only the uses next to this one can be beside it
        i = bisect.bisect_left(found, start)
        for at in found[max(i - 1, 0):i + 1]:
            gap = text[end:at] if at >= end else text[at + len(other):start]
            if len(gap) <= MAX_GAP_BESIDE and not any(c.isalnum() or c == "\n" for c in gap):
                return True
            if len(gap) <= MAX_GAP_NAMED and "\n" not in gap and _NAMED_SPELLING.fullmatch(gap):
                return True
    return False


def _common_names(names: set[str], max_zipf: float) -> set[str]:
    """Those of the title-case `names` that are common English words written as names
    (`Paris` for `paris`): the lower case is common, and capitalising it gives the name
    back, or the name is one of the few that only another word capitalises into
    (`_odd_common_names`). Asked of the word list per name rather than kept as a set of
    29,000 capitalised words; the word sets are fetched once for all the names."""
    common, odd = common_words(max_zipf), _odd_common_names(max_zipf)
    return {name for name in names
            if (low := name.lower()) in common and (low.capitalize() == name or name in odd)}


@functools.lru_cache(maxsize=8)
def _odd_common_names(max_zipf: float) -> frozenset[str]:
    return frozenset(stored("odd-common-names", lambda: _find_odd_common_names(max_zipf),
                            (__file__, _frequency.__file__), max_zipf))


def _find_odd_common_names(max_zipf: float) -> list[str]:
    """The common words written as names (a common word capitalised whose lower case is
    common too) that do not come back from their own lower case (`ﬁx` is capitalised `Fix`)."""
    common = common_words(max_zipf)
    return sorted(name for name in map(str.capitalize, common)
                  if name.lower() in common and name.lower().capitalize() != name)


def _whole_words(words: set[str]) -> regex.Pattern[str]:
    return regex.compile(r"(?<![\w'’-])\L<words>(?![\w-])", words=sorted(words))


def _positions(text: str, words: set[str]) -> dict[str, list[int]]:
    """The offsets of every use of `words` in `text`."""
    found: dict[str, list[int]] = defaultdict(list)
    for m in _whole_words(words).finditer(text):
        found[m.group()].append(m.start())
    return found


def _lower_case_uses(text: str, words: set[str]) -> set[str]:
    """Those of the lower-case `words` that `text` uses in lower case: ordinary words there."""
    return set(_whole_words(words).findall(text))


# ---------------------------------------------------------------- spelling variants of names
# Letter groups that transliterations of one name swap (Luhansk/Lugansk, Kharkiv/Kharkov is
# left to the data file): applied in this order, then doubled letters are collapsed.
_SWAPS = (("kh", "h"), ("ph", "f"), ("ck", "k"), ("g", "h"), ("y", "i"), ("j", "i"), ("w", "v"))
_DOUBLED = LazyPattern(r"(.)\1+")


@functools.cache
def known_variants() -> dict[str, int]:
    """Each spelling of the data file mapped to the number of its set."""
    lines = load_phrases("variants_names")
    return {word: number for number, line in enumerate(lines) for word in line.split()}


def _one_of_them(m: regex.Match[str]) -> str:
    # A function, not the template r"\1": `regex` would compile the template on every call.
    return m.group(1)


@functools.lru_cache(maxsize=65536)
def transliteration_key(word: str) -> str:
    """One form for spellings that differ only by transliteration habits (`Donbass` -> `donbas`)."""
    key = word.lower()
    if not key.isascii():
        key = "".join(c for c in unicodedata.normalize("NFKD", key) if not unicodedata.combining(c))
    for old, new in _SWAPS:
        key = key.replace(old, new)
    return _DOUBLED.sub(_one_of_them, key)
