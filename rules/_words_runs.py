"""Where spaces go inside one run of letters (used by NL101).

A run is cut at letter-case changes first (`theTimes`, `NJJune`, `NASAits`; see
`_words_case`), then every lower-case or capitalised stretch is segmented into known
words (`paperinNatureby`). Capitalised stretches are most often names, so they are split
only when the pieces look like words and not like a name that happens to contain one,
and the split is a guess the document must back (see `Split`): it is dropped when the
token is repeated, and a split into content words only (`Singleframe`) or a name glued
to a word (`Lightcloudis`) needs the document to use the first part on its own.
"""
from __future__ import annotations

import functools
import itertools
from collections.abc import Iterator
from dataclasses import dataclass

import regex

from newslint.rules._words import (
    COMPOUND_HEADS,
    FUNCTION_ZIPF,
    JOINT_WORDS,
    NAME_ENDINGS,
    NAME_FOLLOWERS,
    NAME_PREFIXES,
    Context,
    Params,
    frequencies,
    segment,
    suffix_splits,
    whole_cost,
    zipf,
)
from newslint.rules._words_case import BRAND_ZIPF, case_joints, judge_joint, shape

MAX_RUN = 60  # longer letter runs are not words glued by accident
LATIN_END = "\u024f"  # the last letter of the Latin blocks (Cyrillic, Greek, CJK come after)
KNOWN_FREQ = 1e-5  # a word this frequent (zipf 4) is never split...
KNOWN_LONG_FREQ = 1e-6  # ...nor one of six letters or more this frequent (zipf 3); "ofthe" is 3.3
KNOWN_NAME_FREQ = 1e-7  # ...nor a capitalised word this frequent (zipf 2): a known name, Luhansk
HEAD_TAIL_ZIPF = 4.0  # weakest word that may follow a name without being a function word
CACHE_LIMIT = 100_000  # runs remembered between documents

_FOLLOWER = regex.compile(r"\L<words>", words=sorted(NAME_FOLLOWERS))


@functools.cache
def known_words() -> frozenset[str]:
    """Words `split_run` never splits, whatever the options: frequent lower-case words
    and the capitalised forms of the words the list knows well (see KNOWN_FREQ)."""
    known = set()
    for word, freq in frequencies().items():  # most frequent first
        if freq < KNOWN_NAME_FREQ:
            break
        if not word.isalpha():
            continue
        known.add(word.capitalize())
        if freq >= KNOWN_FREQ or (freq >= KNOWN_LONG_FREQ and len(word) >= 6):
            known.add(word)
    return frozenset(known)


@dataclass(frozen=True)
class Split:
    """Where spaces go inside one letter run, and how far the document must back it.

    A weak split (of a capitalised or camel-case token) is dropped when the run occurs
    more than once in the document: a repeated token is a name, not an accident. A split
    with a `head` holds only if the document also uses the head as a word of its own
    (`Lightcloudis` when the text also says `Lightcloud`), or, if `initial` allows it,
    when the token starts a sentence (a capital explained by the position, `Rulesapply`).
    """

    cuts: tuple[int, ...]
    weak: bool
    kinds: tuple[str, ...] = ()  # why each cut was made, for tests and tuning
    head: str = ""
    initial: bool = False


def split_run(
    run: str, params: Params, clitic_before: bool = False, clitic_after: str = ""
) -> Split | None:
    """Where to insert spaces in a run of letters, or None.

    `clitic_before`: the run follows an apostrophe (`city’sconstruction` gives the run
    `sconstruction`); `clitic_after`: the letters after an apostrophe that follows the
    run (`impeachmentdoesn’t` gives the run `impeachmentdoesn` and "t").
    """
    size = len(run)
    if size < 2 or size > MAX_RUN or (not run.isascii() and max(run) > LATIN_END):
        return None  # too short, too long, or not in the Latin script of English words
    if run[1:].islower():  # lower-case or capitalised, the common case: no case joint
        if size < params.min_length:
            return None
        freq = frequencies().get(run.lower(), 0.0)
        if freq >= KNOWN_FREQ or (size >= 6 and freq >= KNOWN_LONG_FREQ):
            return None
        if run[0].isupper() and freq >= KNOWN_NAME_FREQ:
            return None
    elif run.isupper() or not all(c.islower() or c.isupper() for c in run):
        return None
    key = (run, clitic_before, clitic_after)
    cache = _CACHES.setdefault(params, {})
    found = cache.get(key, _MISSING)
    if found is _MISSING:
        if len(cache) >= CACHE_LIMIT:
            cache.clear()
        found = cache[key] = _split_unknown(run, params, clitic_before, clitic_after)
    return found


_MISSING = object()
_CACHES: dict[Params, dict[tuple[str, bool, str], Split | None]] = {}


def _split_unknown(
    run: str, params: Params, clitic_before: bool, clitic_after: str
) -> Split | None:
    """`split_run` for a run the word list does not know well."""
    if not run[1:].islower():
        mixed = _split_mixed(run, params, clitic_before, clitic_after)
        return mixed or _head_and_words(run, params)
    if run[0].islower():
        cuts = split_stretch(run, params, Context(False, clitic_before, clitic_after))
        return Split(cuts, False, ("dp-lower",) * len(cuts)) if cuts else None
    cuts = split_stretch(run, params, Context(True, clitic_before, clitic_after))
    if not cuts:
        return _head_and_words(run, params)
    low = run.lower()
    later = [low[a:b] for a, b in itertools.pairwise((*cuts, len(low)))]
    if any(_function_like(word) and word not in NAME_ENDINGS for word in later):
        return Split(cuts, True, ("dp-title",) * len(cuts))
    # Only content words (Singleframe, Homejoy) or a name ending (Northwell): a compound
    # name, unless the document backs the first word or the capital starts a sentence.
    return Split(cuts, True, ("dp-title",) * len(cuts), head=run[: cuts[0]], initial=True)


def _function_like(word: str) -> bool:
    """A word that glues to a name or a word before it: the, and, said, has, who."""
    return word in JOINT_WORDS or word in NAME_FOLLOWERS or zipf(word) >= FUNCTION_ZIPF


def _head_and_words(run: str, params: Params) -> Split | None:
    """A name or brand glued to the words after it: Lightcloudis, WeWorkis, Nadalkept.

    The name is unknown to the word list, so the split holds only if the document also
    uses it as a word of its own (see `Split.head`). The glued words are preferably led
    by a function word or a word that often follows a name; failing that, by a common
    word that does not end names (not "Peter|son").
    """
    if zipf(run.lower()) >= BRAND_ZIPF:
        return None
    tails = list(_glued_tails(run, params))
    for accept in (_function_like, _common_not_name_ending):
        for cut, pieces in tails:
            if accept(run[cut : cut + pieces[0]] if pieces else run[cut:]):
                cuts = (cut, *(cut + c for c in pieces))
                return Split(cuts, True, ("head",) * len(cuts), head=run[:cut])
    return None


def _common_not_name_ending(word: str) -> bool:
    return len(word) >= 4 and zipf(word) >= HEAD_TAIL_ZIPF and word not in NAME_ENDINGS


def _glued_tails(run: str, params: Params) -> Iterator[tuple[int, tuple[int, ...]]]:
    """Where known lower-case words may start at the end of `run`: (offset, their cuts)."""
    start = len(run)
    while start > 0 and run[start - 1].islower():
        start -= 1
    if len(run) - start < 2:
        return
    size = len(run)
    firsts = suffix_splits(run[start:], params)
    for cut in range(max(3, start), size - 1):
        end, cuts = firsts[cut - start] + start, []
        if end == start:
            continue
        while end < size:
            cuts.append(end - cut)
            end = firsts[end - start] + start
        yield cut, tuple(cuts)


def _split_mixed(run: str, params: Params, clitic_before: bool, clitic_after: str) -> Split | None:
    """A run with case changes inside: segment each stretch, then judge each case joint."""
    size = len(run)
    joints = case_joints(run, params)
    bounds = [0, *(at for at, _ in joints), size]
    pieces: list[tuple[int, int]] = []  # every piece after segmentation, as (start, end)
    cuts: list[tuple[int, str]] = []
    weak = False
    for start, end in itertools.pairwise(bounds):
        word = run[start:end]
        form = shape(word)
        inner: tuple[int, ...] = ()
        if form in ("lower", "title") and run[:start] not in NAME_PREFIXES:  # McDowell is one name
            before, after = clitic_before and start == 0, clitic_after if end == size else ""
            inner = split_stretch(word, params, Context(form == "title", before, after))
        edges = [start, *(start + c for c in inner), end]
        pieces.extend(itertools.pairwise(edges))
        cuts.extend((start + c, "dp-" + form) for c in inner)
        weak |= bool(inner) and form == "title" and start == 0  # a name, unless glued to a word
    run_zipf = zipf(run.lower())
    piece_end = dict(pieces)
    piece_start = {e: s for s, e in pieces}
    for at, kind in joints:
        left, right = run[piece_start[at] : at], run[at : piece_end[at]]
        known = max(run_zipf, zipf((left + right).lower()))
        clitic = clitic_before and piece_start[at] == 0
        cut, joint_weak = judge_joint(kind, left, right, known, clitic, params)
        if cut:
            cuts.append((at, kind + ("-" + shape(left) if kind == "lU" else "")))
            weak |= joint_weak
    cuts.sort()
    return Split(tuple(c for c, _ in cuts), weak, tuple(k for _, k in cuts)) if cuts else None


# ---------------------------------------------------------------------------- stretches


def split_stretch(word: str, params: Params, context: Context) -> tuple[int, ...]:
    """Cuts inside one lower-case or capitalised stretch by segmentation (empty if none).

    A capitalised stretch must look like words and not like a name that happens to
    contain one: five letters or more, a first piece of four letters or more (or a
    frequent short word: "The", "His"), and a first piece of five letters or more
    before a last piece of one or two ("Delhiis", not "Goldis").
    """
    if len(word) < params.min_length or (context.title and len(word) < 5):
        return ()
    low = word.lower()
    found = segment(low, params, context)
    if found is None:
        return _name_then_word(low, params) if context.title else ()
    contracted = f"{low}'{context.clitic_after}"  # impeachmentdoesn't
    whole = min(whole_cost(low, params, context.title), whole_cost(contracted, params))
    if whole - found[0] < params.margin:
        return ()
    cuts = found[1]
    if (context.title and not _name_safe(low, cuts)) or _compound(low, cuts):
        return ()
    return cuts


def _name_safe(low: str, cuts: tuple[int, ...]) -> bool:
    first, last = low[: cuts[0]], low[cuts[-1] :]
    if len(first) <= 2:
        second = low[cuts[0] : cuts[1] if len(cuts) > 1 else len(low)]
        if zipf(second) < FUNCTION_ZIPF and first != "i":
            return False
    elif len(first) == 3 and zipf(first) < 4.5:
        return False
    return len(last) > 2 or len(first) >= 5


def _compound(low: str, cuts: tuple[int, ...]) -> bool:
    """A particle and one more word is a compound (upsample), unless a function word
    follows (upfor)."""
    if len(cuts) != 1:
        return False
    return low[: cuts[0]] in COMPOUND_HEADS and zipf(low[cuts[0] :]) < FUNCTION_ZIPF


def _name_then_word(low: str, params: Params) -> tuple[int, ...]:
    """An unknown name glued to the words after it: Bridenstinesaid, Vindmantold.

    Only when the first glued word is one that often follows a name (`NAME_FOLLOWERS`)
    and the name part is at least four letters and unknown to the word list.
    """
    if zipf(low):
        return ()
    for m in _FOLLOWER.finditer(low, 4, overlapped=True):
        cut = m.start()
        tail = low[cut:]
        if tail in NAME_FOLLOWERS:
            return (cut,)
        found = segment(tail, params)
        if found and tail[: found[1][0]] in NAME_FOLLOWERS:
            return (cut, *(cut + c for c in found[1]))
    return ()
