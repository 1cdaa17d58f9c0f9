"""Where spaces go inside one run of letters (used by NL101).

A run is cut at letter-case changes first (`theTimes`, `NJJune`, `NASAits`), each
judged from the words on both sides, then every lower-case or capitalised stretch is
segmented into known words (`paperinNatureby`). Capitalised stretches are most often
names, so they are split only when the pieces look like words and not like a name that
happens to contain one; the split of a capitalised token is marked weak, and dropped
later if the token is repeated in the document.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

import regex

from newslint.rules._words import (
    AFFIXES,
    CLITICS,
    FUNCTION_ZIPF,
    JOINT_PENALTY,
    SHORT_WORDS,
    Context,
    Params,
    frequencies,
    piece_costs,
    segment,
    whole_cost,
    word_set,
    zipf,
)

BRAND_ZIPF = 1.0  # a glued mixed-case form the word list knows this well is a name (YouTube)
NAME_ZIPF = 3.5  # weakest word accepted after a capitals run (NJ|June)
MAX_RUN = 60  # longer letter runs are not words glued by accident
KNOWN_FREQ = 1e-5  # a word this frequent (zipf 4) is never split...
KNOWN_LONG_FREQ = 1e-6  # ...nor one of six letters or more this frequent (zipf 3); "ofthe" is 3.3
KNOWN_NAME_FREQ = 1e-7  # ...nor a capitalised word this frequent (zipf 2): a known name, Luhansk
CACHE_LIMIT = 100_000  # runs remembered between documents

NAME_PREFIXES = word_set("words_name_prefixes")
JOINT_WORDS = word_set("words_joint")
CALENDAR = word_set("words_calendar")
COMPOUND_HEADS = word_set("words_compound_heads")
NAME_FOLLOWERS = word_set("words_name_followers")
_FOLLOWER = regex.compile(r"\L<words>", words=sorted(NAME_FOLLOWERS))


@functools.cache
def known_words() -> frozenset[str]:
    """Lower-case words `split_run` never splits, whatever the options (see KNOWN_FREQ)."""
    known = set()
    for word, freq in frequencies().items():  # most frequent first
        if freq < KNOWN_LONG_FREQ:
            break
        if (freq >= KNOWN_FREQ or len(word) >= 6) and word.isalpha():
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


def split_run(run: str, params: Params, clitic_before: bool = False, clitic_after: str = "") -> Split | None:
    """Where to insert spaces in a run of letters, or None.

    `clitic_before`: the run follows an apostrophe (`city’sconstruction` gives the run
    `sconstruction`); `clitic_after`: the letters after an apostrophe that follows the
    run (`impeachmentdoesn’t` gives the run `impeachmentdoesn` and "t").
    """
    size = len(run)
    if size < 2 or size > MAX_RUN:
        return None
    if run[1:].islower():  # lower-case or capitalised, the common case: no case joint
        if size < params.min_length:
            return None
        freq = frequencies().get(run.lower(), 0.0)
        if freq >= KNOWN_FREQ or (size >= 6 and freq >= KNOWN_LONG_FREQ) or (run[0].isupper() and freq >= KNOWN_NAME_FREQ):
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


def _split_unknown(run: str, params: Params, clitic_before: bool, clitic_after: str) -> Split | None:
    if not run[1:].islower():
        return _split_mixed(run, params, clitic_before, clitic_after) or _head_and_words(run, params)
    if run[0].islower():
        cuts = split_stretch(run, params, Context(False, clitic_before, clitic_after))
        return Split(cuts, False, ("dp-lower",) * len(cuts)) if cuts else None
    cuts = split_stretch(run, params, Context(True, clitic_before, clitic_after))
    if not cuts:
        return _head_and_words(run, params)
    low = run.lower()
    if any(_function_like(low[a:b]) for a, b in zip(cuts, [*cuts[1:], len(low)])):
        return Split(cuts, True, ("dp-title",) * len(cuts))
    # Only content words (Singleframe, Homejoy): a compound name unless the document
    # backs the first word, or the capital comes from the start of a sentence.
    return Split(cuts, True, ("dp-title",) * len(cuts), head=run[: cuts[0]], initial=True)


def _function_like(word: str) -> bool:
    """A word that glues to a name or a word before it: the, and, said, has, who."""
    return word in JOINT_WORDS or word in NAME_FOLLOWERS or zipf(word) >= FUNCTION_ZIPF


def _head_and_words(run: str, params: Params) -> Split | None:
    """A name or brand glued to the words after it: Lightcloudis, WeWorkis, Nadalkept.

    The name is unknown to the word list, so the split holds only if the document also
    uses it as a word of its own (see `Split.head`); the glued words must start with a
    function word or a word that often follows a name.
    """
    if zipf(run.lower()) >= BRAND_ZIPF:
        return None
    tail_start = len(run)
    while tail_start > 0 and run[tail_start - 1].islower():
        tail_start -= 1
    for cut in range(max(3, tail_start), len(run) - 1):
        tail = run[cut:]
        if tail in piece_costs(params):
            pieces: tuple[int, ...] = ()
        else:
            found = segment(tail, params) if len(tail) >= params.min_length else None
            if found is None:
                continue
            pieces = found[1]
        if _function_like(tail[: pieces[0]] if pieces else tail):
            cuts = (cut, *(cut + c for c in pieces))
            return Split(cuts, True, ("head",) * len(cuts), head=run[:cut])
    return None


def _split_mixed(run: str, params: Params, clitic_before: bool, clitic_after: str) -> Split | None:
    """A run with case changes inside: segment each stretch, then judge each case joint."""
    size = len(run)
    joints = case_joints(run, params)
    bounds = [0, *(at for at, _ in joints), size]
    pieces: list[tuple[int, int]] = []  # every piece after segmentation, as (start, end)
    cuts: list[tuple[int, str]] = []
    weak = False
    for start, end in zip(bounds, bounds[1:]):
        word = run[start:end]
        shape = _shape(word)
        inner: tuple[int, ...] = ()
        if shape in ("lower", "title") and run[:start] not in NAME_PREFIXES:  # McDowell is one name
            context = Context(shape == "title", clitic_before and start == 0, clitic_after if end == size else "")
            inner = split_stretch(word, params, context)
        edges = [start, *(start + c for c in inner), end]
        pieces.extend(zip(edges, edges[1:]))
        cuts.extend((start + c, "dp-" + shape) for c in inner)
        weak |= bool(inner) and shape == "title" and start == 0  # a name, unless glued to a word
    run_zipf = zipf(run.lower())
    piece_end = dict(pieces)
    piece_start = {e: s for s, e in pieces}
    for at, kind in joints:
        left, right = run[piece_start[at] : at], run[at : piece_end[at]]
        known = max(run_zipf, zipf((left + right).lower()))
        cut, joint_weak = _joint(kind, left, right, known, clitic_before and piece_start[at] == 0, params)
        if cut:
            cuts.append((at, kind + ("-" + _shape(left) if kind == "lU" else "")))
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
    whole = min(whole_cost(low, params, context.title), whole_cost(f"{low}'{context.clitic_after}", params))
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
    """A particle and one more word: a compound (upsample), unless a function word follows (upfor)."""
    return len(cuts) == 1 and low[: cuts[0]] in COMPOUND_HEADS and zipf(low[cuts[0] :]) < FUNCTION_ZIPF


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


# ---------------------------------------------------------------------------- letter case


def _shape(word: str) -> str:
    if word.islower():
        return "lower"
    if word.isupper():
        return "upper"
    if word[0].isupper() and word[1:].islower():
        return "title"
    return "mixed"


def _lead_zipf(word: str, params: Params) -> float:
    """How good a word `word` starts with: its own zipf, else that of its first piece."""
    z = zipf(word)
    if z or len(word) < params.min_length:
        return z
    found = segment(word, params)
    return zipf(word[: found[1][0]]) if found else 0.0


def case_joints(run: str, params: Params) -> list[tuple[int, str]]:
    """Offsets where the letter case says a new word may start, with their kind.

    'lU': lower then upper (theTimes); 'UU': a capitals run then a capitalised word
    (NJJune, cut before the last capital); 'Ul': a capitals run then a lower-case word
    (NASAits). For a capitals run followed by lower case, the reading whose word on the
    right is better known wins (NJ|June, not NJJ|une; NASA|its, not NAS|Aits).
    """
    joints: list[tuple[int, str]] = []
    size = len(run)
    last = 0
    for i in range(1, size):
        before, here = run[i - 1], run[i]
        if before.islower() and here.isupper():
            joints.append((i, "lU"))
            last = i
        elif before.isupper() and here.islower():
            start = i - 1
            while start > last and run[start - 1].isupper():
                start -= 1
            capitals = i - start
            if capitals < 2:
                continue
            end = i
            while end < size and run[end].islower():
                end += 1
            upper_word = zipf(run[i - 1 : end].lower()) if capitals >= 3 and end - i >= 2 else 0.0
            lower_word = _lead_zipf(run[i:end], params) if end - i >= 2 else 0.0
            if upper_word >= max(lower_word, params.min_zipf):
                joints.append((i - 1, "UU"))
                last = i - 1
            elif lower_word >= params.min_zipf:
                joints.append((i, "Ul"))
                last = i
    return joints


def _joint(kind: str, left: str, right: str, known: float, clitic: bool, params: Params) -> tuple[bool, bool]:
    """Whether to cut between the pieces `left` and `right` at a case joint: (cut, weak).

    `known` is how well the word list knows the glued form (the zipf of the whole run or
    of the two words at the joint, whichever is higher): brands like YouTube are known.
    """
    if kind == "lU":
        return _lower_upper(left, right, known, clitic, params)
    if known >= BRAND_ZIPF:
        return False, False
    right_low = right.lower()
    if kind == "UU":  # NJ|June, GMT|Last
        return _strong_word(right_low), right_low not in CALENDAR
    if right_low not in piece_costs(params):  # "Ul": CEO|the, NASA|its
        return False, False
    return True, zipf(right_low) < FUNCTION_ZIPF


def _strong_word(low: str) -> bool:
    return len(low) >= 3 and zipf(low) >= NAME_ZIPF and low not in AFFIXES


def _lower_upper(left: str, right: str, known: float, clitic: bool, params: Params) -> tuple[bool, bool]:
    """A lower-case letter, then a capital: theTimes, ByJason, ArenaJune (not iPhone, YouTube)."""
    if clitic and left in CLITICS:
        return True, False  # Trump’sSpaceX
    if left.islower():
        return _after_lower(left, right, known, params), right.isupper()
    if left in NAME_PREFIXES or _shape(left) != "title" or len(right) < 2:
        return False, False  # McDonald, DeSantis
    low, right_low = left.lower(), right.lower()
    if low in JOINT_WORDS:  # ByJason, TheLancet, InHabyarimana
        return _explains(low, right_low, known, params), False
    if known < BRAND_ZIPF and zipf(low) >= params.min_zipf - 0.5 and len(low) >= 3:
        if right_low in CALENDAR:
            return True, False  # ArenaJune, UpdatedNovember
        if right_low in JOINT_WORDS and len(right_low) >= 3:
            return True, True  # AmsterdamFrom, PolicyAbout
    return False, False


def _after_lower(left: str, right: str, known: float, params: Params) -> bool:
    """theTimes, attackOvernight, bothNBC, aVW, choosingI: a lower-case word before a capital."""
    if len(left) == 1:
        return left == "a" and len(right) >= 2  # not iPhone, eBay
    if left in NAME_PREFIXES or (len(right) == 1 and right not in "IA"):
        return False  # myMuseum
    z = zipf(left)
    if left in AFFIXES or (len(left) <= 2 and left not in SHORT_WORDS) or z < (2.0 if len(left) >= 4 else 3.5):
        return False
    return _explains(left, right.lower(), known, params)


def _explains(left: str, right: str, known: float, params: Params) -> bool:
    """Whether two words explain a glued form better than the word list's own entry for it."""
    if known < BRAND_ZIPF:
        return True
    # A known glued form must be beaten by a clear margin: TheHill, webOS stay.
    right_z = zipf(right)
    right_cost = 9.0 - right_z if right_z else params.unknown_cost
    return (9.0 - known) - (9.0 - zipf(left) + right_cost + JOINT_PENALTY) >= params.margin + 1.0
