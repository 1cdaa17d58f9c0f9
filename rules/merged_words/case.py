"""Letter-case joints inside a run of letters (used by NL101).

Where the case changes inside a token a new word may start: `theTimes`, `ByJason`,
`NJJune`, `NASAits`. Each joint is judged from the words on both sides, and brand
shapes stay whole: the word list knows the glued form (`YouTube`, `CarPlay`), the left
part is a single letter (`iPhone`, `eBay`) or a name particle (`McDonald`, `DeSantis`),
or two capitalised words are neither a function word nor a date (`GoodVentures`).
One of the commonest words of another language before a capital (`cheNetflix`,
`dieSoftware`) is cut too, for text in that language (`foreign_words`).
"""
from __future__ import annotations

import functools

from newslint.rules._frequency import FUNCTION_ZIPF, function_words, zipf
from newslint.rules._phrases import load_phrases
from newslint.rules.merged_words.words import (
    AFFIXES,
    CALENDAR,
    CLITICS,
    JOINT_PENALTY,
    JOINT_WORDS,
    NAME_PREFIXES,
    SHORT_WORDS,
    Params,
    piece_costs,
    segment,
)

FOREIGN_LETTERS = frozenset("ao")  # "oCalendário", "aAmazon" (not the e and i of eBay, iPhone)
BRAND_ZIPF = 1.0  # a glued mixed-case form the word list knows this well is a name (YouTube)
NAME_ZIPF = 3.5  # weakest word accepted after a capitals run (NJ|June)


@functools.cache
def foreign_words() -> frozenset[str]:
    """The commonest words of other languages (`words_languages.txt`) that are not among
    the commonest English ones: "che", "die", "di", "der", "que"."""
    words = (word for line in load_phrases("words_languages") for word in line.split()[1:])
    return frozenset(w for w in words if len(w) >= 2 and w.isalpha()) - function_words() - SHORT_WORDS


def shape(word: str) -> str:
    """The letter case of a word: lower, upper, title (capitalised) or mixed."""
    if word.islower():
        return "lower"
    if word.isupper():
        return "upper"
    if word[0].isupper() and word[1:].islower():
        return "title"
    return "mixed"


def _lead_zipf(word: str, params: Params, shortest: int = 1) -> float:
    """How good a word `word` starts with: its own zipf, else that of its first piece
    (if that has `shortest` letters or more)."""
    z = zipf(word)
    if z or len(word) < params.min_length:
        return z
    found = segment(word, params)
    return zipf(word[: found[1][0]]) if found and found[1][0] >= shortest else 0.0


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
            if i >= 3 and before in BRAND_LETTERS and run[i - 2].islower() and _brand_at(run, last, i):
                joints.append((i - 1, "lB"))  # the|iPad, new|iPhoneto
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
            upper_word = (_lead_zipf(run[i - 1 : end].lower(), params, 5)  # JAMA|Psychiatryargued
                          if capitals >= 3 and end - i >= 2 else 0.0)
            lower_word = _lead_zipf(run[i:end], params) if end - i >= 2 else 0.0
            if upper_word >= max(lower_word, params.min_zipf):
                joints.append((i - 1, "UU"))
                last = i - 1
            elif lower_word >= params.min_zipf:
                joints.append((i, "Ul"))
                last = i
    return joints


BRAND_LETTERS = "ie"  # iPhone, iPad, iOS, eBay: a lower-case letter that starts a brand
BRAND_LETTER_ZIPF = 3.0  # how well the word list must know the brand (iPad; not iPro), or the word
BRAND_LEADS = frozenset(("a", "an", "and", "the", "or", "of", "to", "for", "on", "my", "your", "new"))  # an|iPhone
BRAND_LEAD_WORD_ZIPF = 4.0  # ...unless the lead and the letter make a word this common (One|Plus)


def _brand_at(run: str, start: int, at: int) -> bool:
    """Whether run[at - 1] starts a brand like `iPad` or `iOS` that the word list knows, and
    does not end the word before it (`taxiDriver`, `semiPro`: run[start:at] is a word),
    unless a short function word stands before the letter and the word with the letter is
    a rare one (`an|iPhone`, `and|iPad`: the list knows "ani" and "andi" as names; not
    `On|ePlus`, as "one" is a common word)."""
    word = zipf(run[start:at].lower())
    if word >= BRAND_LETTER_ZIPF and (run[start : at - 1].lower() not in BRAND_LEADS or word >= BRAND_LEAD_WORD_ZIPF):
        return False
    end = at + 1
    while end < len(run) and run[end].islower():
        end += 1
    if end == at + 1:
        while end < len(run) and run[end].isupper():
            end += 1
    return any(zipf(run[at - 1 : stop].lower()) >= BRAND_LETTER_ZIPF for stop in range(end, at + 1, -1))


def judge_joint(
    kind: str, left: str, right: str, known: float, clitic: bool, params: Params
) -> tuple[bool | str, bool]:
    """Whether to cut between the pieces `left` and `right` at a case joint: (cut, weak).
    A cut that holds in other languages too is "any" or "foreign" (see `_after_lower`).

    `known` is how well the word list knows the glued form (the zipf of the whole run or
    of the two words at the joint, whichever is higher): brands like YouTube are known.
    """
    if kind == "lU":
        return _lower_upper(left, right, known, clitic, params)
    if kind == "lB":  # the|iPad: a word before a brand that starts with a lower-case letter
        if shape(left) == "title":
            return left.lower() in BRAND_LEADS, False  # The|iPad, An|iPhone: where a sentence starts
        return left.islower() and (left in SHORT_WORDS or len(left) >= 3 and zipf(left) >= params.min_zipf), False
    if known >= BRAND_ZIPF:
        return False, False
    right_low = right.lower()
    if kind == "UU":  # NJ|June, GMT|Last, RUN|Tue
        return _strong_word(right_low) or right_low in CALENDAR, right_low not in CALENDAR
    if right_low not in piece_costs(params):  # "Ul": CEO|the, NASA|its
        return False, False
    return True, zipf(right_low) < FUNCTION_ZIPF


def _strong_word(low: str) -> bool:
    return len(low) >= 3 and zipf(low) >= NAME_ZIPF and low not in AFFIXES


def _lower_upper(
    left: str, right: str, known: float, clitic: bool, params: Params
) -> tuple[bool | str, bool]:
    """A lower-case letter, then a capital: theTimes, ByJason, ArenaJune (not iPhone, YouTube)."""
    if clitic and left in CLITICS:
        return True, False  # Trump’sSpaceX
    if left.islower():
        return _after_lower(left, right, known, params), right.isupper()
    if left in NAME_PREFIXES or shape(left) != "title" or len(right) < 2 and right != "A":
        return False, False  # McDonald, DeSantis
    low, right_low = left.lower(), right.lower()
    if low in JOINT_WORDS:  # ByJason, TheLancet, InHabyarimana
        return _explains(low, right_low, known, params), False
    if low in CLAUSE_LEADS and known < BRAND_ZIPF and right[1:].islower() and len(right) >= 3:
        return True, True  # ThisTexas Sheet Cake, IfSilver Linings: a name, once, after the word that opens the clause
    if known < BRAND_ZIPF and zipf(low) >= params.min_zipf - 0.5 and len(low) >= 3:
        if right_low in CALENDAR:
            return True, False  # ArenaJune, UpdatedNovember
        if right_low in JOINT_WORDS and len(right_low) >= 3:
            return True, True  # AmsterdamFrom, PolicyAbout
    if known < BRAND_ZIPF and right_low in SENTENCE_OPENERS and len(low) >= 3:
        return True, True  # TechnometriaThe: a name glued to the sentence after it (once)
    if known < BRAND_ZIPF and right_low in LOWER_OPENERS and len(low) >= 4:
        return "opener", True  # PrideDo you, TelephotoA telephoto: a heading glued to its paragraph
    return False, False


# Words that open a sentence that goes on in lower case ("Do you", "If she", "A telephoto"):
# a cut before one of them after a capitalised word holds only there (`lU-opener`, see
# `merged_words.text`). Not In, On, It, Now, which end brands (SignIn, AddOn, MakeIt, BuyNow).
LOWER_OPENERS = frozenset((
    "a", "if", "do", "does", "is", "how", "why", "you", "once", "today", "after", "before",
    "since", "because", "although", "though", "my", "one", "some", "every", "even", "just",
))


# Words that open a clause before a name and seldom begin a brand (not My, One, Our,
# Every: MyKey, OnePlus, OurFuture, EveryOne).
CLAUSE_LEADS = frozenset(("this", "if", "though", "although"))
# Words that open a sentence and rarely end a brand written in CamelCase (not In, It, Is:
# LinkedIn, MakeIt, WhatIs).
SENTENCE_OPENERS = frozenset((
    "the", "this", "that", "these", "those", "they", "there", "then", "when", "what", "where",
    "which", "while", "but", "his", "her", "our", "your", "she", "its", "their", "we", "he", "so",
))


def _after_lower(left: str, right: str, known: float, params: Params) -> bool | str:
    """theTimes, attackOvernight, bothNBC, aVW, choosingI: a lower-case word before a capital.

    When the word is one of the commonest words of another language (cheNetflix,
    dieSoftware, diMasami), the cut also holds in text of that language: "any" if
    English would cut too, "foreign" if not (see `foreign_words`).
    """
    english = _english_after_lower(left, right, known, params)
    if known < BRAND_ZIPF and (left in foreign_words() and len(right) >= 2
                               or left in FOREIGN_LETTERS and right.istitle() and len(right) >= 3):
        return "any" if english else "foreign"
    return english


def _english_after_lower(left: str, right: str, known: float, params: Params) -> bool:
    if len(left) == 1:
        return left == "a" and len(right) >= 2  # not iPhone, eBay
    if left in NAME_PREFIXES or (len(right) == 1 and right not in "IA"):
        return False  # myMuseum
    if left in AFFIXES or (len(left) <= 2 and left not in SHORT_WORDS):
        return False
    if zipf(left) < (2.0 if len(left) >= 4 else 3.5):  # "immunologistDe’Broski" passes
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
