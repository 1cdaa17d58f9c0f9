"""Word costs and the segmentation of a glued lower-case word (used by NL101).

Costs are negative log10 word frequencies from wordfreq's English list: "the" costs
1.3, "prompting" 5.5. Splitting a token into words is worth it when the words cost
less, together with a penalty per joint, than the token as one word; a token the list
does not know costs `unknown_cost`, more the longer it is, since long unknown tokens are
rarely real words. Only words that can stand alone are pieces of a split: frequent
enough, not a suffix or a prefix (`words_affixes.txt`), and of one or two letters only
if they are common function words (`words_short.txt`). The segmentation grows a piece
only while some piece starts with it (`piece_prefixes`).
"""
from __future__ import annotations

import functools
import math
from collections.abc import Mapping
from dataclasses import dataclass

from newslint.rules import _frequency
from newslint.rules._frequency import frequent, zipf
from newslint.rules._phrases import load_phrases
from newslint.rules._store import stored

JOINT_PENALTY = 1.0  # the prior against a lost space, paid per joint
MAX_PIECE = 24  # longest word tried as a piece
LONG_PIECE = 8  # pieces this long may be rarer words: "expectancies", "retelling"


@dataclass(frozen=True)
class Params:
    """The knobs of the splitter; the rule's options map onto them."""

    min_length: int = 4  # shortest stretch of one letter case that is segmented
    min_zipf: float = 3.0  # weakest word accepted as a piece (3 letters: +0.5, 8 or more: -0.5)
    unknown_cost: float = 9.5  # cost of an unknown token of up to `long_token` letters
    long_token: int = 8
    length_slope: float = 0.75  # extra cost per letter beyond `long_token`
    name_discount: float = 0.5  # an unknown capitalised token (a name?) costs this much less
    margin: float = 0.0  # how much cheaper than the whole token a split must be

_SOURCES = (__file__, _frequency.__file__)  # the code that builds the stored tables


def word_set(name: str) -> frozenset[str]:
    return frozenset(load_phrases(name))


SHORT_WORDS = word_set("words_short")  # the only pieces of one or two letters
AFFIXES = word_set("words_affixes")  # never a piece: suffixes, prefixes, combining forms
NAME_PREFIXES = word_set("words_name_prefixes")  # McDonald, DeSantis, myMuseum stay whole
JOINT_WORDS = word_set("words_joint")  # function words trusted at a capitalised joint
CALENDAR = word_set("words_calendar")  # months and weekdays: ArenaJune is a dateline
COMPOUND_HEADS = word_set("words_compound_heads")  # up, over, back...: upsample is a word
NAME_FOLLOWERS = word_set("words_name_followers")  # said, told, has: Bridenstinesaid
NAME_ENDINGS = word_set("words_name_endings")  # son, man, ford: Peterson is a name
SITE_MENU = word_set("words_site_menu")  # terms, privacy, policy: NoticeTerms is two menu items
GIVEN_NAMES = word_set("words_given_names")  # karen, stan, neil: EconomistStan Humphries


@functools.cache
def piece_costs(params: Params) -> dict[str, float]:
    """Every word that may be a piece of a split, with its cost (built once per Params,
    stored: weighing every word of the list takes longer than the rest of a start)."""
    return stored("piece-costs", lambda: _piece_costs(params), _SOURCES, params, sorted(SHORT_WORDS), sorted(AFFIXES))


def _piece_costs(params: Params) -> dict[str, float]:
    floors = {3: params.min_zipf + 0.5}
    lowest = 10.0 ** (params.min_zipf - 0.5 - 9.0)
    least = {size: 10.0 ** (floors.get(size, params.min_zipf - 0.5 if size >= LONG_PIECE else params.min_zipf) - 9.0)
             for size in range(3, MAX_PIECE + 1)}  # the least frequency of a piece, by its length
    costs = {w: 9.0 - zipf(w) for w in SHORT_WORDS}
    costs.update((word, -math.log10(freq)) for word, freq in frequent(lowest)  # most frequent first
                 if freq >= least.get(len(word), math.inf) and word.isalpha() and word not in AFFIXES)
    return costs


@functools.cache
def piece_prefixes(params: Params) -> dict[str, None]:
    """Every prefix of every piece: a growing piece that is none of them is no piece.

    A dict of strings and None, not a set: the garbage collector does not track it, so
    its hundred thousand entries cost nothing at each collection. The prefixes that are
    not pieces themselves take a tenth of a second to find: they are stored (see `_store`);
    the pieces are added back as `piece_costs`'s own strings, not as copies."""
    costs = piece_costs(params)
    shorter = stored("piece-prefixes", lambda: _shorter_prefixes(costs), _SOURCES, params,
                     sorted(SHORT_WORDS), sorted(AFFIXES))
    prefixes = dict.fromkeys(costs)
    prefixes.update(shorter)
    return prefixes


def _shorter_prefixes(costs: dict[str, float]) -> dict[str, None]:
    """The prefixes of pieces that are not pieces themselves."""
    return dict.fromkeys(word[:size] for word in costs for size in range(1, len(word))
                         if word[:size] not in costs)


def whole_cost(word: str, params: Params, title: bool = False) -> float:
    """Cost of reading `word` as one token; unknown tokens cost more the longer they are."""
    z = zipf(word)
    if z:
        return 9.0 - z
    extra = params.length_slope * max(0, len(word) - params.long_token)
    return params.unknown_cost + extra - (params.name_discount if title else 0.0)


@dataclass(frozen=True)
class Context:
    """What surrounds a stretch: apostrophes before or after it, its letter case."""

    title: bool = False  # capitalised: "I" may be the first piece, "a" may not be the last
    clitic_before: bool = False  # follows an apostrophe: "s" may be the first piece
    clitic_after: str = ""  # the letters after a following apostrophe ("t" of doesn’t)


CLITICS = frozenset(("s", "t", "d", "m", "re", "ve", "ll"))  # what follows an apostrophe
_PLAIN = Context()


Cuts = tuple[int, ...]  # offsets inside a word where spaces go
Costs = Mapping[str, float]  # pieces and their costs (only `get` is used)


def segment(
    word: str, params: Params, context: Context = _PLAIN, costs: Costs | None = None
) -> tuple[float, Cuts] | None:
    """The cheapest split of a lower-case word into two or more pieces: (cost, cut offsets).

    Dynamic programming over cut points; a split costs the sum of its pieces' costs plus
    JOINT_PENALTY per joint. The same word twice in a row is not a split ("toto").
    `costs` are the pieces and their costs, English ones (`piece_costs`) by default; with
    those, a piece stops growing as soon as no piece starts with it (`piece_prefixes`).
    """
    if costs is None:
        return _english_segment(word, params, context)
    return _segment(word, params, context, costs, None)


@functools.lru_cache(maxsize=8192)
def _english_segment(word: str, params: Params, context: Context) -> tuple[float, Cuts] | None:
    """`segment` with the English pieces, kept: a token is segmented again by the tests that
    follow the first (a capitalised word's opening, a name's glued words), on each fix pass."""
    return _segment(word, params, context, piece_costs(params), piece_prefixes(params))


def _segment(
    word: str, params: Params, context: Context, costs: Costs, prefixes: Mapping[str, None] | None
) -> tuple[float, Cuts] | None:
    """`segment`; with `prefixes`, a piece stops growing as soon as no piece starts with it."""
    size = len(word)
    inf = math.inf
    best = [inf] * (size + 1)
    back = [0] * (size + 1)
    best[0] = 0.0
    # Without a capital or an apostrophe around the word, the first and last pieces cost
    # what any piece costs (`_edge_cost` changes nothing): not asked for each of them.
    plain = not (context.title or context.clitic_before or context.clitic_after)
    for start in range(size):
        base = best[start]
        if base == inf:
            continue
        if start:
            base += JOINT_PENALTY
        before = word[back[start] : start] if start else ""
        limit = min(size, start + MAX_PIECE)
        end = start + 1
        while end <= limit:
            piece = word[start:end]
            if prefixes is not None and piece not in prefixes and (start or end > 2):
                break  # no piece starts so (the first piece may be a clitic: "s", "i")
            cost = costs.get(piece)
            if start == 0 and end == size:
                cost = None  # the whole word is no split
            elif (start == 0 or end == size) and not plain:
                cost = _edge_cost(piece, cost, start == 0, context)
            if cost is not None and piece != before and base + cost < best[end]:
                best[end] = base + cost
                back[end] = start
            end += 1
        if end <= size and start and size - start <= MAX_PIECE:  # the last piece, grown no more
            piece = word[start:]
            cost = costs.get(piece) if plain else _edge_cost(piece, costs.get(piece), False, context)
            if cost is not None and piece != before and base + cost < best[size]:
                best[size] = base + cost
                back[size] = start
    if best[size] == inf:
        return None
    cuts = []
    end = back[size]
    while end > 0:
        cuts.append(end)
        end = back[end]
    return best[size], tuple(reversed(cuts))


def suffix_splits(word: str, params: Params) -> list[int]:
    """For each offset i, where the first piece ends in the cheapest split of word[i:] into
    pieces (the whole of word[i:] may be one piece), or 0 if word[i:] does not split.

    One dynamic programming pass from the right answers for every offset at once.
    """
    costs, prefixes = piece_costs(params), piece_prefixes(params)
    size = len(word)
    best = [math.inf] * (size + 1)
    first = [0] * (size + 1)
    best[size] = 0.0
    for start in range(size - 1, -1, -1):
        for end in range(start + 1, min(size, start + MAX_PIECE) + 1):
            piece = word[start:end]
            if piece not in prefixes:
                break  # no piece starts so: nor does a longer one
            if best[end] == math.inf:
                continue
            cost = costs.get(piece)
            if cost is None:
                continue
            total = cost + best[end] + (JOINT_PENALTY if end < size else 0.0)
            if total < best[start]:
                best[start] = total
                first[start] = end
    return first


def _edge_cost(piece: str, cost: float | None, first: bool, context: Context) -> float | None:
    """The cost of a first or last piece, which depends on what surrounds the word."""
    if first:
        if context.clitic_before and piece in CLITICS:
            return 0.0  # the "s" of city’sconstruction belongs to the word before the apostrophe
        if context.title and piece == "i":
            return 9.0 - zipf("i")  # Iwrote
        return cost
    if context.title and piece == "a":
        return None  # names end in "a" (Kashmira) far more often than merges do
    if context.clitic_after == "t" and piece not in AFFIXES:
        negated = zipf(piece + "'t")  # the "doesn" of impeachmentdoesn’t
        if negated >= 3.0:
            return 9.0 - negated
    return cost
