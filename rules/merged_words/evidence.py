"""How sure a split is on its own, before the document has its say (used by NL101).

Word frequencies alone cannot tell a lost space from a compound (`skywatching`,
`decklist`), a coinage (`Zoombombing`), a name (`Northwell`), a typo (`belived`) or a
foreign word (`terrorista`): all of them read as two known words. What tells them apart
is what stands at the cut. A function word beside the cut (`campaign|that`,
`the|prime`, `in|Ukraine`, `Putin|after`) almost never sits inside a compound or a name,
so such a split is trusted on its own (`SURE`). Any other split (two content words, a
short word that is also a prefix or a word ending: `a|back`, `in|set`, `keep|in`, a case
change between two content words: `instant|Shift`) needs the document to back it: a
page that lost spaces elsewhere, in sure merges, loses them here too (`BACKED`). A word
the list knows, and a token one letter away from a common word (a typo: `for|see` of
`foresee`), needs more of that backing (`KNOWN`).
"""
from __future__ import annotations

import functools
import itertools

from newslint.rules import _frequency
from newslint.rules._frequency import frequent, function_words, zipf
from newslint.rules._phrases import load_phrases
from newslint.rules.merged_words.words import CALENDAR, JOINT_WORDS, NAME_ENDINGS, NAME_FOLLOWERS, SHORT_WORDS

SURE, ONCE, BACKED, KNOWN = 0, 1, 2, 3  # how much backing a split needs from its document
GLUE = frozenset(load_phrases("words_glue")) | {w for w in JOINT_WORDS if len(w) >= 3}
# A capitalised token may start with these and still be a merge ("Theyshould"), not
# with "For", "Will", "Can" (Fortwo, Willman: names and brands).
TITLE_LEADS = frozenset((
    "the", "this", "that", "these", "those", "they", "there", "then", "and", "but", "when",
    "what", "where", "which", "while", "with", "from", "after", "about", "its", "his", "their",
    "i", "my", "he", "she", "we", "our", "your", "via", "if", "maybe",
))
# Verbs in the past tense without -ed, which follow a name glued to them: Mirror|ran.
PAST_VERBS = frozenset((
    "made", "ran", "won", "took", "gave", "went", "came", "wrote", "got", "saw", "found",
    "left", "led", "met", "paid", "sent", "spent", "brought", "bought", "thought", "began",
    "became", "knew", "held", "kept", "lost", "sold", "stood", "fell", "felt", "grew", "fought",
    "underwent", "stuck", "drew", "swam", "struck", "spoke", "broke", "threw", "caught", "hit",
))
SHORT_TAILS = frozenset(("of", "to", "in", "on", "by", "is"))  # campaign|to, month|in; not keep|in
# The first part of a negated auxiliary: impeachment|doesn’t, Commission|didn’t.
NEGATED = frozenset(("isn", "aren", "wasn", "weren", "don", "doesn", "didn", "can", "couldn",
                     "won", "wouldn", "shouldn", "haven", "hasn", "hadn"))
SHORT_LEADS = frozenset(("of", "to", "by"))  # "ofplanning", "tointernational": not "inset"
# Short words that lead a phrase and rarely begin a compound: is|pulling, my|birthday, if|one;
# and that end a phrase and rarely end a word: comments|or, sanity|at, lenders|as. Not "our"
# (oursins), nor "in" and "on" (inset, onset, the compounds of the word list).
PLAIN_LEADS = frozenset(("my", "your", "you", "we", "it", "is", "be", "as", "at", "if", "or", "can", "all"))
PLAIN_TAILS = frozenset(("my", "your", "it", "be", "as", "at", "or", "an"))
SHIFT_ZIPF = 3.0  # a word this common on each side of a cut moved by one letter: as|light, a|slight
SHORT_SIDE_ZIPF = 3.5  # weakest word beside a short function word: "month|in", "Medicare|to"
LEAD_SIDE_ZIPF = 3.5  # weakest word after a short leading function word: "to|sensitize"
DROPPED_G_ZIPF = 2.5  # "keepin", "stuffin": the -in of a dropped g ("keeping"), not "in"
WORD_LIFT = -2.2  # a glued token seen this often, against its pieces meeting, is a word...
WORD_LIFT_SURE = -1.85  # ...even beside a function word (forgo, formatter; not thismorning)
TYPO_ZIPF = 3.0  # a token one edit away from a word this common is that word mistyped...
TYPO_LENGTH = 6  # ...if this long: shorter tokens are a letter away from some word too often
TYPO_PIECE = 4  # ...and one of its pieces this short
TYPO_REACH = 2  # ...and the edit this close to a cut
CAPITAL_SIDE_ZIPF = 3.0  # weakest word before a capital that is cut once: "eastern|Europe"
NAME_HEAD_ZIPF = 3.0  # a capitalised first piece rarer than this is a name, not a word
TITLE_TAIL_ZIPF = 4.0  # weakest word after a capitalised function word: They|should, not But|swat
STRONG_CAPITAL_ZIPF = 3.0  # weakest capitalised word after a function word that needs no backing
CUT_SHORT_ZIPF = 4.0  # a short token that is this common a word without its last letter...
CUT_SHORT_LENGTH = 7  # ...is a typo (befor)
PAST_ZIPF = 3.0  # weakest verb in -ed after an unknown name: Phobos|failed, Defra|helped
ADVERB_ZIPF = 3.0  # weakest adverb in -ly, and weakest adjective it is made of
_VERB_ENDINGS = ("ed", "ing")
_ALWAYS_SURE = frozenset(("url", "address", "short", "menu", "ordinal", "clitic"))
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_POSSESSIVE = ("’s", "'s")


def evidence(run: str, cuts: tuple[int, ...], kinds: tuple[str, ...]) -> int:
    """How much backing the split of `run` (a token's letters, with apostrophes inside)
    at `cuts`, made for the reasons `kinds` (one per cut), needs from its document:

    - SURE: a function word or a possessive beside every cut (`campaign|that`,
      `in|Ukraine`, `Ukraine’s|frontline`);
    - ONCE: as sure, if the token occurs only once in the document: a word before a
      capital (`eastern|Europe`, a brand when repeated: `instantShift`), a name before a
      verb in the past tense or a participle (`Commission|announced`);
    - BACKED: any other split, and a token one letter away from a common word (a typo);
    - KNOWN: a lower-case token the word list knows as a word (`aback`).
    """
    if set(kinds) <= _ALWAYS_SURE:
        return SURE
    if kinds == ("pronoun",):
        return SURE  # room|I was: sure, but writers drop that space too (Until thenI want)
    if kinds == ("site",):
        return BACKED  # at|tutudumonde.com: or a domain that starts so (visitscotland.com)
    if kinds == ("opener-pair",):
        return BACKED  # In|the end: sure, but writers drop that space too
    if kinds == ("company",):
        return ONCE  # Nokia|Corp.: or a brand written so (PepsiCo), which the list knows
    if kinds == ("name-article",):
        return ONCE  # Ryan|a whole lot before its noun phrase: or a name (Durana)
    if kinds == ("opener-article",):
        return ONCE  # In|a report where a sentence starts, before its noun: or a name (Ina)
    if kinds == ("model",):
        return BACKED  # the|D5100: sure, but writers drop that space too
    if kinds == ("article-word",):
        return BACKED  # a|new version: the list knows "anew", a page that lost spaces does not
    if kinds == ("handle",):
        return BACKED  # at|@janeroe: or a writer's "follow me at@janeroe"
    if kinds == ("abbreviation",):  # the|U.S.: "them" is a word, but not glued to ".S."
        return _cut_need(run[: cuts[0]], run[cuts[0] :], kinds[0], False, 1)
    low = run.lower()
    letters = low.isalpha()
    edges = (0, *cuts, len(run))
    pieces = [run[a:b] for a, b in zip(edges, edges[1:])]
    lift = _word_lift(low, pieces) if letters and run[0].islower() else float("-inf")
    if lift >= WORD_LIFT_SURE:
        return KNOWN  # aback, anew, forgo, wean: a word, not "a back" with a space lost
    title = run[0].isupper()
    needs = [_cut_need(pieces[at], pieces[at + 1], kind, title and at == 0, len(kinds))
             for at, kind in enumerate(kinds)]
    need = max(needs)
    if need == SURE and "opening" in kinds and run[: cuts[0]] != "I" and not strong(run, cuts, kinds):
        # We|work, My|data: one-capital brands (Wework, Mydata) have the shape of a short word
        # glued at a sentence start; only a page that lost spaces elsewhere tells them apart
        # (not I|know: brands are not written so)
        return BACKED
    humps = sum(1 for a, b in zip(run, run[1:]) if a.islower() and b.isupper())
    if letters and run[0].isupper() and humps >= 2:
        return max(need, BACKED)  # TheSixtyOne, TipTheWeb: a name written in CamelCase
    if need == BACKED and SURE in needs and all(
            len(pieces[at]) >= 4 and len(pieces[at + 1]) >= 4 for at, n in enumerate(needs) if n == BACKED):
        need = ONCE  # two spaces lost, one beside a function word: Lizza|documents|the, not Cook|is|try
    if need > SURE and lift >= WORD_LIFT:
        return KNOWN  # instate, statelet (not thismorning: "this" vouches for its cut)
    if need == SURE and letters and _mistyped(low, pieces):
        return BACKED  # withtout, techinques; befor (before) cut short
    return need


def _cut_need(left: str, right: str, kind: str, first_title: bool, cuts: int) -> int:
    """How much a function word (or a possessive, or a capital) beside a cut vouches for it."""
    left_low, right_low = left.lower(), right.lower()
    if left_low.endswith(_POSSESSIVE) or kind in _ALWAYS_SURE:
        return SURE  # Ukraine’s|frontline, Friday’s|dawn
    if kind.startswith("lU"):  # in|Ukraine, a|Moscow; eastern|Europe once; not get|Element
        if kind in ("lU-foreign", "lU-any"):
            return SURE  # che|Netflix, die|Software: judged with the other language's words
        if right_low in CALENDAR:
            return SURE  # Arena|June, Center|August: a dateline
        if left_low in GLUE or left_low in JOINT_WORDS or left_low == "a":
            if kind == "lU-title" or left_low == "the" and not zipf(right_low):
                return ONCE  # The|Hub, the|Resumator: perhaps a brand (TheHub, theResumator)
            return SURE
        lone = cuts == 1 and len(left_low) >= 3 and zipf(left_low) >= CAPITAL_SIDE_ZIPF
        known = zipf(right_low) or right.isupper()  # not domestic|Aotearoaon: a name glued on
        return ONCE if lone and known and (right.istitle() or right.isupper()) else BACKED
    if kind == "opening":  # We|told at a sentence start: judged as the lower-case "we|told"
        sure = left_low == "i" and zipf(right_low) >= TITLE_TAIL_ZIPF or _sure_words(left_low, right_low, False)
        return SURE if sure else BACKED
    if kind == "abbreviation":  # the|U.S., our|U.S.: a function word, else a common word
        if left_low in GLUE or left_low in JOINT_WORDS or left_low in function_words():
            return SURE
        return ONCE if zipf(left_low) >= CAPITAL_SIDE_ZIPF else BACKED
    if kind == "lB":  # the|iPad, allegedly|iPad: as a word before a capital (below)
        return SURE if left_low in GLUE or left_low in JOINT_WORDS or left_low == "a" else ONCE
    if kind == "pair":
        return ONCE  # Afghan|Taliban: the document must use both words on their own too
    if kind == "company":
        return ONCE  # Nokia|Corp.: or a brand written so (PepsiCo), which the list knows
    if kind.startswith("UU"):  # NJ|June, RUN|Tue; not TED|Women
        return SURE if right_low in CALENDAR or right_low in GLUE else BACKED
    if kind.startswith("Ul"):  # NBS|after, CEO|the; not AP|ass
        return SURE if right_low in GLUE else BACKED
    if kind in ("foreign", "rare") or kind == "head" and not left[1:].islower():
        return BACKED  # a rare word (matt|and|maddy), a head in mixed case (TEDxKyo|to)
    negated = _before_apostrophe(right_low) in NEGATED and right_low != _before_apostrophe(right_low)
    right_low = _before_apostrophe(right_low)
    if (first_title or kind == "head") and zipf(left_low) < NAME_HEAD_ZIPF and left_low not in TITLE_LEADS:
        # Bridenstine|said, Goldfarb|is: an unknown name, if the document uses it on its
        # own; names end in function words too (Boisbri|and, Kimet|to, Wor|they)
        glued = right_low in GLUE or right_low in SHORT_TAILS or negated
        # Phobos|failed: a verb in -ed (not made, won: the short ones end names too)
        past = cuts == 1 and len(right_low) >= 6 and right_low.endswith("ed") and zipf(right_low) >= PAST_ZIPF
        return ONCE if right_low in NAME_FOLLOWERS or (glued or past) and kind == "head" else BACKED
    if negated or _sure_words(left_low, right_low, first_title):
        return SURE  # impeachment|doesn’t, or see `_sure_words`
    if first_title and cuts == 1 and (right_low in PAST_VERBS or len(right_low) >= 6
                                      and right_low.endswith(_VERB_ENDINGS)):
        return ONCE  # Commission|announced, Ukraine|prompting, Mirror|ran (a backed head)
    return BACKED


def _adverb(word: str) -> bool:
    """An adverb made of an adjective with -ly: closely, publicly, automatically, arguably."""
    if len(word) < 6 or not word.endswith("ly") or zipf(word) < ADVERB_ZIPF:
        return False
    stems = (word[:-2], word[:-4] if word.endswith("ally") else "",
             word[:-3] + "y" if word.endswith("ily") else "", word[:-1] + "e" if word.endswith("bly") else "")
    return any(len(stem) >= 4 and zipf(stem) >= ADVERB_ZIPF for stem in stems)


def _before_apostrophe(word: str) -> str:
    """The word before a contraction's apostrophe: "isn" of isn’t; `word` if none."""
    for apostrophe in "’'":
        word = word.split(apostrophe, 1)[0]
    return word


def _sure_words(left: str, right: str, first_title: bool) -> bool:
    """Two lower-cased pieces of a segmented stretch (`first_title`: the left one starts
    a capitalised token, perhaps a name)."""
    if first_title and len(left) == 1:
        return False  # A|then, A|will: names begin with a letter that is a word (Athen)
    if left == "a" and (right in GLUE or right.endswith("ed")):
        return False  # abut, ajudged: typos of "about", "adjudged" ("a" is not before "but")
    if right in GLUE and not (first_title and right in NAME_ENDINGS):
        return True  # campaign|that, Putin|after
    if first_title and right in NAME_FOLLOWERS:
        return True  # Times|reported (not cross|posted: a compound)
    if left in (TITLE_LEADS if first_title else GLUE):
        return not first_title or zipf(right) >= TITLE_TAIL_ZIPF  # the|prime, They|should; not But|swat
    if not first_title and (_adverb(left) or _adverb(right)):
        return True  # closely|as, was|arguably: an adverb in -ly begins or ends no compound
    if right in SHORT_TAILS:  # day|of, month|in (not Kat|to, a name)
        return (len(left) >= (3 if right in SHORT_LEADS and not first_title else 4)
                and zipf(left) >= SHORT_SIDE_ZIPF
                and not (right == "in" and zipf(left + "ing") >= DROPPED_G_ZIPF))
    if right in PLAIN_TAILS and not first_title:  # comments|or, sanity|at (not a name: Kat|at)
        return len(left) >= 4 and zipf(left) >= SHORT_SIDE_ZIPF and not _shifted(left, right)
    if first_title or len(right) < 4 or zipf(right) < LEAD_SIDE_ZIPF:
        return False
    # "a" before a word that starts with a consonant: a|series (not a|end: that is "an")
    if left in SHORT_LEADS or left == "a" and right[0] not in "aeiou":
        return True
    return (left in PLAIN_LEADS or left == "an" and right[0] in "aeiou") and not _shifted(left, right)


def _shifted(left: str, right: str) -> bool:
    """Whether the cut moved by one letter also leaves two words: as|light or a|slight?"""
    def word(piece: str) -> bool:
        return piece in SHORT_WORDS or len(piece) >= 3 and zipf(piece) >= SHIFT_ZIPF
    return (len(left) > 1 and word(left[:-1]) and word(left[-1] + right)
            or len(right) > 1 and word(left + right[0]) and word(right[1:]))


def strong(run: str, cuts: tuple[int, ...], kinds: tuple[str, ...]) -> bool:
    """Whether a sure split (see `evidence`) holds on its own, on any page: one cut, with
    a function word of three letters or more (or "of", "to") beside it (`campaign|that`),
    or a function word before a capitalised word the list knows (`in|Ukraine`, not
    `the|Resumator`). Other sure splits need a page that lost spaces elsewhere too."""
    if set(kinds) <= _ALWAYS_SURE:
        return True  # visit|www.example.org, to|a
    if kinds in (("pronoun",), ("article-word",)):
        return False
    if len(cuts) != 1 or cuts[0] == 1:
        return False  # the|emperor|of|the|north: a handle; a|but: a typo (abut for about)
    left, right = run[: cuts[0]], run[cuts[0] :]
    if left.lower().endswith(_POSSESSIVE) or right.lower().endswith(("’t", "'t")):
        return True  # city’s|construction, impeachment|doesn’t
    if kinds[0].startswith(("UU", "Ul")) or right.lower() in CALENDAR:
        return True  # NJ|June, NASA|its, Arena|June: sure only before a date or a function word
    if kinds[0] in ("lB", "abbreviation"):  # the|iPad, on|iTunes, the|U.S.
        return left.lower() in GLUE or left.lower() in JOINT_WORDS
    if kinds[0].startswith("lU"):
        left = left.lower()
        known = zipf(right.lower()) >= STRONG_CAPITAL_ZIPF
        return (left in GLUE or left in JOINT_WORDS) and right[1:].islower() and known
    return vouched(run, cuts)


def vouched(run: str, cuts: tuple[int, ...], start: int = 0) -> bool:
    """Whether a function word of three letters or more, or "of" or "to", stands beside
    every cut of run[start:]: then a name before it needs no other backing
    (`Lizbeth|for`, `Mehdi|of`). "is", "in" and "on" end too many names (`Stavridis`,
    `Hinkleon`). From `start` on (after a head), a verb in the past tense that leads the
    words vouches too: `Phobos|failed`."""
    edges = (start, *cuts, len(run))
    pieces = [run[a:b].lower() for a, b in zip(edges, edges[1:])]
    if any(piece in NAME_PIECES for piece in pieces[1 if not start else 0 : -1]):
        return False  # Mat|the|sen: a name
    if start and (pieces[0] in PAST_VERBS or len(pieces[0]) >= 6 and pieces[0].endswith("ed")):
        pieces = pieces[1:]
        cuts = cuts[1:]
        if not cuts:
            return True
    if start and not cuts:
        return _strong(pieces[0])
    return all(_strong(pieces[at]) or _strong(_before_apostrophe(pieces[at + 1]))
               for at in range(len(cuts)))


def _strong(word: str) -> bool:
    return word in GLUE and word not in NAME_PIECES or word in ("of", "to")


# Function words that also end or sit inside names: Kris|her, Scevi|our, Mat|the|sen.
NAME_PIECES = NAME_ENDINGS | {"her", "our", "you", "his", "its", "the", "here", "now", "via"}


def _word_lift(low: str, pieces: list[str]) -> float:
    """How much more often the word list sees the glued token than its pieces would meet
    by chance (log10; -inf for a token it does not know).

    Web text loses spaces between common words too, so the list knows `ofthe` (3.3) and
    `tohave` (1.4), but far less often than the pieces meet (`of the`, `to have`): a
    lift of -2.8 and -4.1. A real word is seen about as often as its pieces meet or more:
    `aback` -1.3, `inset` -1.0, `forgoes` -1.4.
    """
    whole = zipf(low)
    if not whole:
        return float("-inf")
    return whole - sum(zipf(p.lower()) for p in pieces) + 9.0 * (len(pieces) - 1)


def _mistyped(low: str, pieces: list[str]) -> bool:
    """Whether a lower-case token reads as a typo of one word: one letter short of a
    common word (`befor`), or one edit inside it away from one (`_typo`)."""
    if len(low) <= CUT_SHORT_LENGTH:
        frequent = common_words(CUT_SHORT_ZIPF)
        if any(low + c in frequent for c in _LETTERS):
            return True
    short_piece = min(map(len, pieces)) <= TYPO_PIECE  # a typo cuts a word into a short piece
    if len(low) < TYPO_LENGTH or not short_piece:
        return False
    edges = itertools.accumulate(map(len, pieces[:-1]))
    return _typo(low, pieces[-1].lower(), tuple(edges))


@functools.lru_cache(maxsize=4096)
def _typo(low: str, last: str, cuts: tuple[int, ...]) -> bool:
    """Whether a lower-case token is one edit near a cut (a letter dropped, added, or two
    swapped, the first and last letters kept) away from a common word: be|lived,
    for|see, with|tout, tech|in|ques: the typo is what made the pieces. Not `wrotea`,
    `isnow`: a letter glued at an end is a merge; nor a token that ends in a function
    word (`butthe`, `theyare`, `Chargeris`)."""
    if last in GLUE or last in SHORT_TAILS:
        return False
    common = _frequency.common_words(TYPO_ZIPF)  # every candidate here is letters only, five or more
    near = sorted({i for cut in cuts for i in range(cut - TYPO_REACH, cut + TYPO_REACH + 1)})
    for i in (i for i in near if 0 < i < len(low)):
        head, tail = low[:i], low[i:]
        if any(head + c + tail in common for c in _LETTERS):
            return True
        if len(tail) > 1 and head + tail[1:] in common:
            return True
        if len(tail) > 2 and head + tail[1] + tail[0] + tail[2:] in common:
            return True
    return False


@functools.cache
def common_words(least: float = TYPO_ZIPF) -> frozenset[str]:
    """Words of four letters or more with a zipf of `least` or more: what a typo is a typo of."""
    return frozenset(word for word, _ in frequent(10.0 ** (least - 9.0)) if len(word) > 3 and word.isalpha())
