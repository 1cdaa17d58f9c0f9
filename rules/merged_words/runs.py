"""Where spaces go inside one run of letters (used by NL101).

A run is cut at letter-case changes first (`theTimes`, `NJJune`, `NASAits`; see
`case`), then every lower-case or capitalised stretch is segmented into known
words (`paperinNatureby`); a lower-case token the word list does not know may also hold
a rare word beside a function word (`kilnsthat`, `hormoneghrelinto`). A known word is
segmented only if two pieces explain it better than the list does (`inthe`), which spares
most tokens the dynamic programming. Capitalised stretches are most often names, so they
are split only when the pieces look like words and not like a name that happens to
contain one, and the split is a guess the document must back (see `Split`): it is
dropped when the token is repeated (unless it ends a name phrase each time), a split
into content words only (`Singleframe`) or a name glued to a word (`Lightcloudis`) needs
the document to use the first part on its own (or the phrase around it to explain the
capital), two capitalised words (`AfghanTaliban`) need both used on their own (menu
words excepted: `NoticeTerms`), and a word glued to a short function word (`Yogais`)
must not stand beside another capitalised word (`Al Goldis`).
"""
from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Iterator
from dataclasses import dataclass

from newslint.rules import _frequency
from newslint.rules._frequency import FUNCTION_ZIPF, frequency, frequent, function_words, zipf
from newslint.rules._lazy import LazyPattern
from newslint.rules._store import stored
from newslint.rules.merged_words.case import BRAND_ZIPF, SENTENCE_OPENERS, case_joints, judge_joint, shape
from newslint.rules.merged_words.evidence import GLUE, PAST_VERBS, PLAIN_LEADS, TITLE_LEADS, WORD_LIFT
from newslint.rules.merged_words.words import (
    AFFIXES,
    COMPOUND_HEADS,
    JOINT_PENALTY,
    JOINT_WORDS,
    NAME_ENDINGS,
    NAME_FOLLOWERS,
    NAME_PREFIXES,
    SHORT_WORDS,
    SITE_MENU,
    Context,
    Params,
    piece_costs,
    piece_prefixes,
    segment,
    suffix_splits,
    whole_cost,
)

MAX_RUN = 60  # longer letter runs are not words glued by accident
LATIN_END = "\u024f"  # the last letter of the Latin blocks (Cyrillic, Greek, CJK come after)
KNOWN_FREQ = 1e-5  # a word this frequent (zipf 4) is never split...
KNOWN_LONG_FREQ = 1e-6  # ...nor one of six letters or more this frequent (zipf 3); "ofthe" is 3.3
KNOWN_NAME_FREQ = 1e-7  # ...nor a capitalised word this frequent (zipf 2): a known name, Luhansk
RARE_ZIPF = 2.0  # weakest word glued to a function word: "kilnsthat", "ofleptin"
RARE_MIN_LENGTH = 7  # shortest token split with a rare piece
RARE_PIECE = 4  # shortest word beside a function word in such a split (rarer by 0.5 if longer)
SIDE_WORD_ZIPF = 3.5  # weakest common word in such a split: "hormone|ghrelin|to"
COMPOUND_TAIL_ZIPF = 5.5  # a particle before a word this common is glued: outanother
HEAD_TAIL_ZIPF = 4.0  # weakest word that may follow a name without being a function word
PAIR_ZIPF = 2.0  # weakest second word of two glued capitalised words: OmarIlhan
TITLE_WORD_ZIPF = 4.0  # weakest capitalised word glued to a short function word: Yogais
# Function words that glue to the word before them: "Yogais", "kilnsthat", "ofleptin".
GLUED_TAILS = JOINT_WORDS | {"is", "an", "are", "was", "has", "had", "which", "can", "will"}
CACHE_LIMIT = 100_000  # runs remembered between documents
_SOURCES = (__file__, _frequency.__file__)  # the code that builds the stored table

_FOLLOWER = LazyPattern(r"\L<words>", words=sorted(NAME_FOLLOWERS))


def is_known(word: str) -> bool:
    """Whether `split_run` never splits `word`, whatever the options: a frequent lower-case
    word, or the capitalised form of a word the list knows well (see KNOWN_FREQ). Asked of
    the word list, rather than kept as a set of its 113,000 such words and their capitals."""
    if not word.isalpha():
        return False
    low = word.lower()
    # The capitalised form of a known word is asked first: the list holds it in lower case,
    # so the common case is answered without looking the capitalised form up in vain.
    if low.capitalize() == word and frequency(low) >= KNOWN_NAME_FREQ and low.isalpha():
        return True
    # wordfreq folds case, so the list holds no word with a capital: such a word is not
    # looked up at all (most are names, not in the list, and the lookup of a missing word
    # is the slowest kind).
    freq = frequency(word) if low == word else 0.0
    if freq >= KNOWN_FREQ or (freq >= KNOWN_LONG_FREQ and len(word) >= 6):
        return True
    return word in odd_capitals()


@functools.cache
def odd_capitals() -> frozenset[str]:
    """The capitalised forms of known words that do not lower-case back into the word
    (`I` of the dotless `ı`): the few `is_known` cannot find by lower-casing."""
    return frozenset(stored("odd-capitals", _findodd_capitals, _SOURCES))


def _findodd_capitals() -> list[str]:
    return sorted({word.capitalize() for word, _ in frequent(KNOWN_NAME_FREQ)
                   if word.isalpha() and word.capitalize().lower() != word})


@dataclass(frozen=True)
class Split:
    """Where spaces go inside one letter run, and how far the document must back it.

    A weak split (of a capitalised or camel-case token) is dropped when the run occurs
    more than once in the document: a repeated token is a name, not an accident (unless,
    headless, it ends a name phrase each time: `Wall Chargeris my`, `Car Chargeris the`).
    A split with a `head` holds only if the document also uses the head as a word of its
    own (`Lightcloudis` when the text also says `Lightcloud`), or, if `initial` allows it,
    when the token starts a sentence (a capital explained by the position, `Rulesapply`)
    or ends a name phrase (`Los Angeles Countyregularly face`). A `tail` must be used on
    its own too. A split that is not `in_name` does not hold beside a capitalised word.
    """

    cuts: tuple[int, ...]
    weak: bool
    kinds: tuple[str, ...] = ()  # why each cut was made, for tests and tuning
    head: str = ""
    tail: str = ""  # a word the document must also use on its own, like the head
    initial: bool = False
    in_name: bool = True  # may hold right after or before a capitalised word
    need: int = 0  # how much the document must back it (`evidence`: SURE, BACKED, KNOWN)
    strong: bool = False  # sure on any page (`evidence.strong`)
    led: bool = False  # the words after the head are led by a function word or a verb: a page
    # that lost spaces elsewhere backs the split without using the head on its own
    opening: bool = False  # holds only where the token starts a sentence (`_opening`)


def split_run(
    run: str, params: Params, clitic_before: bool = False, clitic_after: str = "",
    cache: dict[tuple[str, bool, str], Split | None] | None = None,
) -> Split | None:
    """Where to insert spaces in a run of letters, or None.

    `clitic_before`: the run follows an apostrophe (`city’sconstruction` gives the run
    `sconstruction`); `clitic_after`: the letters after an apostrophe that follows the
    run (`impeachmentdoesn’t` gives the run `impeachmentdoesn` and "t"). `cache`, if
    given, keeps the splits of runs the word list does not know well, for the same params.
    """
    size = len(run)
    if size < 2 or size > MAX_RUN or (not run.isascii() and max(run) > LATIN_END):
        return None  # too short, too long, or not in the Latin script of English words
    if run[1:].islower():  # lower-case or capitalised, the common case: no case joint
        if size < params.min_length:
            return None if clitic_before else _SHORT_MERGES.get(run)  # Lang’ata is a name
        freq = frequency(run.lower())
        if freq >= KNOWN_FREQ or (size >= 6 and freq >= KNOWN_LONG_FREQ):
            return None
        if run[0].isupper() and freq >= KNOWN_NAME_FREQ:
            return None
        if freq and not _pair_beats(run.lower(), freq, params):
            return None  # a known word that no two words explain better: no dynamic programming
    elif run.isupper() or not all(c.islower() or c.isupper() for c in run):
        return None
    if cache is None:
        return _split_unknown(run, params, clitic_before, clitic_after)
    key = (run, clitic_before, clitic_after)
    found = cache.get(key, _MISSING)
    if found is _MISSING:
        if len(cache) >= CACHE_LIMIT:
            cache.clear()
        found = cache[key] = _split_unknown(run, params, clitic_before, clitic_after)
    return found


def _pair_beats(low: str, freq: float, params: Params) -> bool:
    """Whether two pieces explain a known lower-case word better than the word list does.
    Known words are split in two if at all (`inthe`, `thana`, `theoriginal`)."""
    costs, prefixes = piece_costs(params), piece_prefixes(params)
    limit = -math.log10(freq) - JOINT_PENALTY - params.margin
    for cut in range(1, len(low)):
        head = low[:cut]
        if head not in prefixes:
            return False  # no piece starts so: no longer first piece either
        first = costs.get(head)
        if first is not None and first < limit:
            last = costs.get(low[cut:])
            if last is not None and first + last < limit:
                return True
    return False


# Three letters too short to segment, but in English text always a preposition glued to
# "a" ("according toa paper", "said ina statement"); all are rare words or names.
_SHORT_MERGES = {f"{word}a": Split((len(word),), False, ("short",))
                 for word in ("as", "at", "by", "in", "of", "on", "to")}
_MISSING = object()


def _split_unknown(
    run: str, params: Params, clitic_before: bool, clitic_after: str
) -> Split | None:
    """`split_run` for a run the word list does not know well."""
    if not run[1:].islower():
        mixed = _split_mixed(run, params, clitic_before, clitic_after)
        return mixed or name_pair(run) or _head_and_words(run, params)
    if run[0].islower():
        cuts = split_stretch(run, params, Context(False, clitic_before, clitic_after))
        if cuts:
            return Split(cuts, False, ("dp-lower",) * len(cuts))
        cuts = _rare_and_function(run, params) if not clitic_after else ()
        return Split(cuts, False, ("rare",) * len(cuts)) if cuts else None
    cuts = split_stretch(run, params, Context(True, clitic_before, clitic_after))
    if not cuts:
        return (None if clitic_before or clitic_after else _opening(run, params)) \
            or _word_and_function(run) or _head_and_words(run, params)
    low = run.lower()
    later = [low[a:b] for a, b in itertools.pairwise((*cuts, len(low)))]
    if any(_function_like(word) and word not in NAME_ENDINGS for word in later):
        return Split(cuts, True, ("dp-title",) * len(cuts))
    # Only content words (Singleframe, Homejoy) or a name ending (Northwell): a compound
    # name, unless the document backs the first word or the capital starts a sentence.
    return Split(cuts, True, ("dp-title",) * len(cuts), head=run[: cuts[0]], initial=True)


# Short words that open a sentence glued to the next word: We|told, I|had, In|my, A|video.
OPENERS = TITLE_LEADS | PLAIN_LEADS | {"a", "an", "in", "on", "as", "at", "it", "so", "no", "of", "to", "for", "by"}
OPENING_ZIPF = 3.5  # weakest word after the opener


def _opening(run: str, params: Params) -> Split | None:
    """A capitalised short function word glued to the common words after it (`Wetold`,
    `Ihad`, `Inmy`, `Avideo`, `Iknowit`): the split holds only where the token starts a
    sentence (`Split.opening`), where its capital says nothing; elsewhere such a token is
    a name (`Inman`, `Atwood` are known to the word list and never get here)."""
    found = segment(run.lower(), params, Context(True))
    cuts = rejoined(run.lower(), found[1], params) if found else ()
    if not cuts:
        return None
    edges = (0, *cuts, len(run))
    pieces = [run[a:b].lower() for a, b in itertools.pairwise(edges)]
    if pieces[0] not in OPENERS or not all(zipf(p) >= OPENING_ZIPF for p in pieces[1:]):
        return None
    if pieces[0] in POSSESSIVES and pieces[1] in OBJECT_PRONOUNS:
        return None  # Its|me, My|us: no phrase, a name (Itsme)
    return Split(cuts, True, ("opening",) * len(cuts), opening=True)


POSSESSIVES = frozenset(("my", "your", "its", "our", "their", "his"))
OBJECT_PRONOUNS = frozenset(("me", "you", "him", "her", "us", "them", "it"))


def _rare_and_function(low: str, params: Params) -> tuple[int, ...]:
    """Where rare words and a function word glued together meet: kilnsthat, ofleptin,
    hormoneghrelinto, theouroborospaycheck.

    The pieces of a segmentation must be common words; here a piece may be rare (but
    known to the word list) when a function word that glues to its neighbours
    (`GLUED_TAILS`) stands right beside it, and the whole is unknown to the list. On
    either side of the function word stand at most two words of four letters or more,
    and exactly one of them, beside it, is rare (not "serie|in|combe"). Returns the
    cheapest such cuts.
    """
    if zipf(low) or len(low) < RARE_MIN_LENGTH:
        return ()
    costs = piece_costs(params)
    best, found = math.inf, ()
    size = len(low)
    for start in range(size - 1):
        for end in range(start + 2, min(size, start + _LONGEST_TAIL) + 1):
            if low[start:end] not in GLUED_TAILS:
                continue
            for left in _sides(low[:start], costs, False):
                for right in _sides(low[end:], costs, True):
                    if left[2] == right[2]:
                        continue  # no rare word beside the function word, or two (serie|in|combe)
                    cost = left[0] + right[0] + 9.0 - zipf(low[start:end])
                    cuts = (*left[1], start, end, *(end + c for c in right[1]))
                    cuts = tuple(c for c in cuts if 0 < c < size)
                    cost += JOINT_PENALTY * len(cuts)
                    if cost < best:
                        best, found = cost, cuts
    return found


_LONGEST_TAIL = max(map(len, GLUED_TAILS))
_Side = tuple[float, tuple[int, ...], bool]  # (cost of its words, cuts inside, rare beside)


def _sides(text: str, costs: dict[str, float], after: bool) -> list[_Side]:
    """The ways `text` may stand beside a function word (`after` it, or before it): empty,
    one word, or two words of which the one beside the function word is rare."""
    if not text:
        return [(0.0, (), False)]
    found = []
    whole = _side_word(text, costs)
    if whole is not None:
        found.append((whole[0], (), whole[1]))
    for cut in range(RARE_PIECE, len(text) - RARE_PIECE + 1):
        near, far = (text[:cut], text[cut:]) if after else (text[cut:], text[:cut])
        near_word, far_word = _side_word(near, costs), _side_word(far, costs)
        if near_word and far_word and near_word[1] and not far_word[1]:
            found.append((near_word[0] + far_word[0], (cut,), True))
    return found


def _side_word(word: str, costs: dict[str, float]) -> tuple[float, bool] | None:
    """(cost, rare) of a word of four letters or more beside a function word, or None."""
    if len(word) < RARE_PIECE or word in AFFIXES:
        return None
    cost = costs.get(word)
    if cost is not None:
        return (cost, False) if cost <= 9.0 - SIDE_WORD_ZIPF else None  # not "serie|in|combe"
    z = zipf(word)
    return (9.0 - z, True) if z >= RARE_ZIPF + (0.5 if len(word) == RARE_PIECE else 0.0) else None


def _word_and_function(run: str) -> Split | None:
    """A capitalised common word glued to a short function word: Yogais, Wishas, Gotan.

    Names have that shape too (Goldis, Waithe, Juston, Augme), mostly beside another
    capitalised word, so the split does not hold there (see `Split.in_name`).
    """
    low = run.lower()
    if zipf(low):
        return None
    for size in (2, 3):
        word, tail = low[:-size], low[-size:]
        if tail in GLUED_TAILS and len(word) >= 3 and zipf(word) >= TITLE_WORD_ZIPF \
                and word not in AFFIXES:
            return Split((len(word),), True, ("title-function",), in_name=False)
    return None


_TWO_NAMES = LazyPattern(r"\p{Lu}\p{Ll}+(\p{Lu}\p{Ll}+)")


def name_pair(run: str) -> Split | None:
    """Two capitalised words glued together: AfghanTaliban, OmarIlhan, NoticeTerms.

    Two words of web menus (`SITE_MENU`) are split anywhere. Other such tokens are most
    often brands (GoodVentures, SunExpress, PlayStation), so the split holds only where
    the document also uses both words on their own and the token only once (see
    `Split.head` and `Split.tail`).
    """
    m = _TWO_NAMES.fullmatch(run)
    if m is None or zipf(run.lower()) >= BRAND_ZIPF:
        return None
    cut = m.start(1)
    if run[:cut].lower() in SITE_MENU and run[cut:].lower() in SITE_MENU:
        return Split((cut,), False, ("menu",))  # two menu items: NoticeTerms, UseSign
    if run[:cut] in NAME_PREFIXES:
        return None  # McDonald, DeSantis
    if zipf(run[cut:].lower()) < PAIR_ZIPF:
        return None  # WeWorkis: a name glued to a word (`_head_and_words`)
    return Split((cut,), True, ("pair",), head=run[:cut], tail=run[cut:])


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
    joined: dict[int, tuple[int, ...]] = {}  # each tail rejoined once, for both passes
    for accept in (_function_like, _common_not_name_ending):
        for cut, pieces in tails:
            if cut not in joined:
                joined[cut] = rejoined(run[cut:], pieces, params)  # Walker|homered, not Walker|home|red
            pieces = joined[cut]
            if accept(run[cut : cut + pieces[0]] if pieces else run[cut:]):
                cuts = (cut, *(cut + c for c in pieces))
                return Split(cuts, True, ("head",) * len(cuts), head=run[:cut])
    return None


def head_split(run: str, cut: int, params: Params) -> Split | None:
    """A name or brand run[:cut] glued to the words after it, where the document uses
    run[:cut] on its own (`Chris|spun`, `Stavridis|declared`, `Lizza|documents|the`): the
    split `_head_and_words` would make with that head, or None. The words must be known
    and led as there (`_function_like`, `_common_not_name_ending`)."""
    rest = run[cut:]
    if cut < 3 or len(rest) < 2 or not rest.islower() or zipf(run.lower()) >= BRAND_ZIPF:
        return None
    found = segment(rest, params)
    if rest in piece_costs(params) and (found is None or found[0] > 9.0 - zipf(rest)):
        inner: tuple[int, ...] = ()
    elif found is not None:
        inner = rejoined(rest, found[1], params)  # Walker|homered, not Walker|home|red
    else:
        return None
    first = rest[: inner[0]] if inner else rest
    if not (_function_like(first) or _common_not_name_ending(first)):
        return None
    cuts = (cut, *(cut + c for c in inner))
    return Split(cuts, True, ("head",) * len(cuts), head=run[:cut])


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
    chain = len(_TITLE_PART.findall(run)) >= 3  # three capitalised words or more: a list of names
    cuts: list[tuple[int, str]] = []
    weak = False
    for start, end in itertools.pairwise(bounds):
        word = run[start:end]
        form = shape(word)
        inner: tuple[int, ...] = ()
        if form in ("lower", "title") and run[:start] not in NAME_PREFIXES:  # McDowell is one name
            before, after = clitic_before and start == 0, clitic_after if end == size else ""
            inner = split_stretch(word, params, Context(form == "title", before, after))
            if inner and form == "title" and chain and not _glue_inside(word.lower(), inner):
                inner = ()  # Copyfight|Corante|Susan: a name in a chain of names, as in a blogroll
        kind = "dp-" + form
        if not inner and form == "title" and not start and end < size and (conjunction := _name_and(word)):
            inner, kind = conjunction, "head"  # Cox|and|Thomas: two names joined by "and"
            weak = True
        elif not inner and form == "title" and start and end < size and run[:start].islower():
            inner = _name_and(word, AFTER_WORD_CONJUNCTIONS)  # to|Gizmodo|and|Wired, not Fat|Fractaland
        edges = [start, *(start + c for c in inner), end]
        pieces.extend(itertools.pairwise(edges))
        cuts.extend((start + c, kind) for c in inner)
        weak |= bool(inner) and form == "title" and start == 0  # a name, unless glued to a word
    run_zipf = zipf(run.lower())
    piece_end = dict(pieces)
    piece_start = {e: s for s, e in pieces}
    camel = _CAMEL_NAME.fullmatch(run) is not None
    for at, kind in joints:
        left, right = run[piece_start[at] : at], run[at : piece_end[at]]
        if camel and kind == "lU" and shape(left) == "title" and right.lower() in SENTENCE_OPENERS:
            continue  # WhatWeDo, HowDoesShe: three capitalised words glued are a name, not What|We...
        known = max(run_zipf, zipf((left + right).lower()))
        clitic = clitic_before and piece_start[at] == 0
        cut, joint_weak = judge_joint(kind, left, right, known, clitic, params)
        if cut:
            label = cut if isinstance(cut, str) else shape(left)  # "foreign", "any"
            cuts.append((at, kind + ("-" + label if kind == "lU" else "")))
            weak |= joint_weak
    cuts.sort()
    return Split(tuple(c for c, _ in cuts), weak, tuple(k for _, k in cuts)) if cuts else None


_CAMEL_NAME = LazyPattern(r"(?:\p{Lu}\p{Ll}+){3,}")  # a brand or a site in CamelCase: TheSixtyOne
_TITLE_PART = LazyPattern(r"\p{Lu}\p{Ll}")


def _glue_inside(low: str, cuts: tuple[int, ...]) -> bool:
    """Whether a piece of a segmented stretch is a word that glues to others (The|minister,
    According|to) or a verb (Bank|demonstrated), not content words only (Copy|fight,
    Info|law: a name)."""
    edges = (0, *cuts, len(low))
    return any(_function_like(piece) and piece not in NAME_ENDINGS or piece in PAST_VERBS
               or piece.endswith(("ed", "ing")) for piece in (low[a:b] for a, b in itertools.pairwise(edges)))


NAME_CONJUNCTIONS = ("and", "or")
AFTER_WORD_CONJUNCTIONS = ("and",)  # not "or" after a word: names end so (of|Fidor|Bank)


def _name_and(word: str, conjunctions: tuple[str, ...] = NAME_CONJUNCTIONS) -> tuple[int, ...]:
    """Where "and" or "or" starts at the end of a capitalised word the list does not know,
    glued to the capitalised word after it (`Coxand|Thomas`, `Bissauand|Sao`), or (). Names
    that end so are known to the list (`Cleveland`, `Legrand`, `Sutherland`)."""
    if zipf(word.lower()):
        return ()
    for conjunction in conjunctions:
        cut = len(word) - len(conjunction)
        if cut >= 3 and word.endswith(conjunction):
            return (cut,)
    return ()


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
    if whole - found[0] < params.margin and not _glued_phrase(low, found, whole, params, context):
        return ()
    cuts = rejoined(low, found[1], params, context.clitic_before)
    if not cuts:
        return ()
    if context.title and not _name_safe(low, cuts):
        return _name_then_word(low, params)  # Pangutthat: not "Pan|gut|that"
    return () if _compound(low, cuts) else cuts


def _glued_phrase(low: str, found: tuple[float, tuple[int, ...]], whole: float, params: Params,
                  context: Context) -> bool:
    """Whether a lower-case token the word list does not know is a phrase of three words or
    more glued together, though its split costs a little more than an unknown token
    (`isbackedby`, `canpleadthem`, `aboutwhatshouldbeonthatlist`): every word is common
    and a function word stands beside every cut, as in no compound or name."""
    cost, cuts = found
    if context.title or len(cuts) < 2 or cost - whole > PHRASE_SLACK - params.margin or zipf(low):
        return False
    pieces = [low[a:b] for a, b in itertools.pairwise((0, *cuts, len(low)))]
    if any(not _glues(p) and (len(p) < PHRASE_WORD_LENGTH or zipf(p) < PHRASE_WORD_ZIPF) for p in pieces):
        return False  # its|car|to|graphic, tom|a|do: a short word is a piece of a longer one
    return all(_glues(left) or _glues(right) for left, right in itertools.pairwise(pieces))


def _glues(word: str) -> bool:
    return word in GLUE or word in SHORT_WORDS


PHRASE_SLACK = 1.0  # how much more a glued phrase may cost than an unknown token
PHRASE_WORD_ZIPF = 3.0  # weakest other word of such a phrase...
PHRASE_WORD_LENGTH = 4  # ...and its shortest


def rejoined(low: str, cuts: tuple[int, ...], params: Params, clitic_before: bool = False) -> tuple[int, ...]:
    """`cuts` without those between two pieces that make a word too rare to be a piece
    (`peruse`): the word list sees it as often as its pieces would meet by chance, or
    more (`WORD_LIFT`), so `then|per|use` is `then|peruse`, `crowd|sourced` is
    `crowdsourced`. Only content words are joined so: the list also knows web text's
    glued function words (`hereto`, `toomuch`, `alittle`). Words common enough to be
    pieces were weighed by the segmentation already (`alot`, `away`). After an apostrophe
    (`clitic_before`) the first piece holds the clitic: that's|live, not that'slive."""
    kept: list[int] = []
    start = 0
    for at, cut in enumerate(cuts):
        end = cuts[at + 1] if at + 1 < len(cuts) else len(low)
        left, right = low[start:cut], low[cut:end]
        content = _content(left) and _content(right) and not (clitic_before and at == 0)
        whole = zipf(left + right) if content else 0.0
        if whole and whole < params.min_zipf and whole - zipf(left) - zipf(right) + 9.0 >= WORD_LIFT:
            continue  # the piece before goes on into this one
        kept.append(cut)
        start = cut
    return tuple(kept)


def _content(word: str) -> bool:
    """A word that is none of the commonest words, nor a word that glues to others."""
    return word not in function_words() and word not in GLUE and word not in SHORT_WORDS


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
    """A particle and one more word is a compound (upsample), unless a very common word
    follows (upfor, outanother)."""
    if len(cuts) != 1:
        return False
    return low[: cuts[0]] in COMPOUND_HEADS and zipf(low[cuts[0] :]) < COMPOUND_TAIL_ZIPF


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
