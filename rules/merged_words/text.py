"""Finding merged words in a whole text, fast (used by NL101).

The text is cut into chunks of non-space characters; each distinct chunk is judged once
and the verdict cached across documents, so a document costs little more than a
`str.split()` and a set difference with the chunks already known to be clean. Known
words with punctuation or a possessive around them and hyphenated known words are
settled without segmenting. Chunks that are addresses or code (URLs, e-mails, handles,
hashtags, domains, paths, identifiers) are never split, except for a word glued to the
front of an address ("visitwww.example.com", "Rossohttp://", "atjane@example.com").
Findings on a line of their own (logos, menu items) or in template lines are dropped
(tested last: it is the only test that needs the document's lines). In a text that is
not English, the rules keep only findings on lines that read as English (`english_line`),
but for the kinds of split that hold in any language (see `merged_words`); a text whose
chunks hold most of the commonest English words is English without more ado.
"""
from __future__ import annotations

import bisect
import dataclasses
import functools
import itertools
import math
from collections.abc import Iterator
from dataclasses import dataclass

import regex

from newslint.document import Document
from newslint.rules import _frequency
from newslint.rules._frequency import function_words, zipf
from newslint.rules._language import EnglishLines, foreign_line
from newslint.rules._lazy import LazyPattern
from newslint.rules.merged_words.case import foreign_words
from newslint.rules.merged_words.evidence import (
    BACKED,
    CUT_SHORT_ZIPF,
    GLUE,
    KNOWN,
    NAME_PIECES,
    NEGATED,
    ONCE,
    PAST_VERBS,
    SURE,
    TYPO_ZIPF,
    common_words,
    evidence,
    strong,
    vouched,
)
from newslint.rules.merged_words.runs import Split, head_split, is_known, name_pair, odd_capitals, split_run
from newslint.rules.merged_words.words import (
    GIVEN_NAMES,
    JOINT_WORDS,
    NAME_ENDINGS,
    NAME_FOLLOWERS,
    NAME_PREFIXES,
    SHORT_WORDS,
    Params,
    piece_costs,
    piece_prefixes,
    segment,
)

CACHE_LIMIT = 200_000  # chunks remembered between documents
REPEATED_LINE = 80  # a line this long that occurs twice is one text repeated (og:description)
FIND_LIMIT = 64  # more flagged chunks than this are located in one pass over the text

_ADDRESS = LazyPattern(
    r"://|^(?:www|pic)\.|[@#_{}=<>/\\]"
    r"|\.(?:com|org|net|gov|edu|int|info|biz|io|co|uk|us|ca|au|de|fr|it|es|br|ru|in|jp"
    r"|html?|php|aspx?|jpe?g|png|gif|pdf)\M",
    regex.I | regex.V1,
)
# A short function word glued after an address's top-level domain, ending the chunk.
_TAIL_WORDS = r"(?:and|or|with|to|in|on|for|from|at|by|is)"
_TAIL_END = r"[\"'”’)\].,;:!?]*$"
_DOMAIN_END = r"(?:\M|(?=" + _TAIL_WORDS + _TAIL_END + r"))"  # example.com or example.comand
# Prose glued to the front of an address: "Sourcehttps://", "visitwww.", "onWired.com",
# "atjane.doe@example.com", "atgames.example.com".
_GLUED_ADDRESS = LazyPattern(
    r"^(?P<url>\p{L}+)https?://"
    r"|^(?P<web>\p{L}+)(?:www\.|pic\.twitter\.com)"
    r"|^(?P<domain>\p{Ll}+)\p{Lu}[\p{L}\d-]*\.(?:com|org|net|gov|info)" + _DOMAIN_END
    + r"|^(?P<handle>\p{Ll}+)@[\p{L}\d_]{2,}(?![\p{L}\d_]*\.\p{L})"
    r"|^(?P<mail>\p{Ll}+)(?:[._-][\p{L}\d._-]*)?@[\p{L}\d-]+\."
    r"|^(?P<site>\p{L}\p{Ll}*(?:-?[\p{Ll}\d]+)*)\.(?:[\p{Ll}\d-]+\.)?(?:com|org|net|gov|edu|info|co\.uk)"
    + _DOMAIN_END,
    regex.V1,
)
# A word glued after an address's top-level domain: "example.comand", "jane@example.govwith",
# "Example.comI had". No domain ends so (the tail is a short function word, "I", or a
# capitalised word), and the tail ends the chunk: not "example.com/andover".
_GLUED_TAIL = LazyPattern(
    r"\.(?:com|org|net|gov|edu)(?P<tail>" + _TAIL_WORDS[3:-1] + r"|I|\p{Lu}\p{Ll}{2,})" + _TAIL_END,
    regex.V1,
)
MAIL_PREFIXES = frozenset(("at", "to", "email", "contact"))  # "write toname@", "atname@"
MAIL_NAME_ZIPF = 3.0  # the name left after the prefix must be this well known: "atallen.root@"
_ADDRESS_KINDS = frozenset(("url", "address"))  # found on a line of their own too
_FOREIGN_KINDS = frozenset(("lU-any", "lU-foreign", "foreign"))  # splits made for other languages
_LETTER_RUN = LazyPattern(r"\p{L}+")
_CHUNK = LazyPattern(r"\S+")
_WORD_ENDINGS = ("", ",", ".", ":", ";", "’s", "'s")  # how a word stands as a chunk of its own
_SENTENCE_END = "\n.!?:\"“”"
_CLAUSE_END = ".,;:!?"
_APOSTROPHES = "'’"
_POSSESSIVES = ("’s", "'s")
_CLITIC_AFTER = LazyPattern(r"['’](s|t|d|m|re|ve|ll)\M", regex.I | regex.V1)
# Punctuation that may surround a word in a chunk: "(said,", "“Ukraineprompting”".
_EDGE_PUNCTUATION = "\"'“”‘’()[].,;:!?*…-–—"


Runs = tuple[tuple[int, int, Split], ...]  # the splittable runs of a chunk: (start, end, split)


@dataclass(frozen=True)
class Merge:
    """A run of letters at text[start:end] that holds glued words; spaces go at `cuts`."""

    start: int
    end: int
    cuts: tuple[int, ...]
    kinds: tuple[str, ...] = ()


@dataclass
class _Verdicts:
    """Chunks already judged: most hold nothing (kept in a set, so that a document's new
    chunks are found by one set difference); the others with their findings."""

    clean: set[str]
    flagged: dict[str, Runs]
    # Clean chunks judged here, in order, until the rule passes them on to its other processes
    # (`MergedWords.memo_delta`, which empties it); a set has no order to tell the new ones by.
    judged_clean: list[str] = dataclasses.field(default_factory=list)
    # Lines of texts met, by what their chunks hold: no flagged chunk, or these flagged chunks.
    # A text made of such lines only needs neither its chunks' set nor their difference with
    # `clean` to know its flagged chunks (`_known_flagged`); emptied with the verdicts.
    clean_lines: set[str] = dataclasses.field(default_factory=set)
    flagged_lines: dict[str, frozenset[str]] = dataclasses.field(default_factory=dict)


@dataclass
class Memory:
    """What one NL101 rule keeps between the documents it checks, for one set of params:
    verdicts on chunks, splits of letter runs and their weighing, cuts of tokens of other
    languages, the sentences each line glues together, whether a line is code or another
    language. Each is a function of its key and the params alone, never of a document, so
    it makes the next document cheaper without changing its findings. The rule owns it
    (one per rule instance, made fresh with it); each table is emptied when it is full."""

    verdicts: _Verdicts | None = None
    splits: dict[tuple[str, bool, str], Split | None] = dataclasses.field(default_factory=dict)
    weighed: dict[tuple[str, Split], Split] = dataclasses.field(default_factory=dict)
    foreign: dict[tuple[str, str], tuple[int, ...]] = dataclasses.field(default_factory=dict)
    glued: dict[str, int] = dataclasses.field(default_factory=dict)  # by line: `_glued_in_line`
    code_lines: dict[str, bool] = dataclasses.field(default_factory=dict)  # by line: `_is_code`
    foreign_lines: dict[str, bool] = dataclasses.field(default_factory=dict)  # by line: `foreign_line`


def build_tables(params: Params) -> None:
    """Build the tables `find_merges` needs (the word list, pieces, known chunks) ahead,
    or load those stored by an earlier process (see `_store`)."""
    piece_costs(params)
    piece_prefixes(params)
    odd_capitals()
    function_words()
    foreign_words()
    _frequency.common_words(TYPO_ZIPF)
    common_words(CUT_SHORT_ZIPF)


def find_merges(doc: Document, params: Params, english: EnglishLines | None = None,
                memory: Memory | None = None) -> list[Merge]:
    """Every merged-word run in the document's text, in text order.

    The document has the last word on the guesses that need it: a split that is not sure
    on its own (`Split.need`), or whose head the text does not use on its own
    (`Split.head`), stands only in a text that lost spaces in plain sight elsewhere; a
    capitalised token used on more than one line is a name (`Split.weak`), and so is any
    token used on more than one line unless a function word vouches for its cut.
    `english`, if given, is told the text's chunks (see `observe`); `memory`, if given,
    keeps verdicts for the documents after this one.
    """
    text = doc.text
    memory = Memory() if memory is None else memory
    known = _known_flagged(doc, memory.verdicts)
    if known is not None and not known:
        return []  # lines met before, none holding a flagged chunk (`english` is not told the chunks)
    chunks = None
    if known is None:
        flagged = _flagged_in_new_lines(doc, params, memory)
        if flagged is None:
            chunks = set(text.split())
            if english is not None:
                english.observe(chunks)
            flagged = _flagged_chunks(chunks, params, memory)
    else:
        flagged = {chunk: memory.verdicts.flagged[chunk] for chunk in known}
    if not flagged:
        _learn_lines(doc, memory.verdicts, [])
        return []  # (if not told yet, `english` is not told the chunks: as for lines met before)
    if chunks is None:
        chunks = set(text.split())
        if english is not None:
            english.observe(chunks)
    placed = list(_positions(text, flagged))
    if known is None and len(flagged) <= FIND_LIMIT:  # found by `str.find`: every use of each
        _learn_lines(doc, memory.verdicts, placed)
    found: list[tuple[int, str, tuple[int, int, Split]]] = []  # (chunk offset, chunk, run)
    places: dict[str, list[int]] = {}  # where each flagged run occurs: a repeated one is a name
    unphrased: set[str] = set()  # ...unless it always ends a name phrase that goes on in lower case
    for at, chunk in placed:
        for run in flagged[chunk]:
            word = chunk[run[0] : run[1]]
            places.setdefault(word, []).append(at)
            found.append((at, chunk, run))
            if run[2].head or not _ends_name_phrase(text, at + run[0], at + len(chunk), True):
                unphrased.add(word)
    prose = _ProseLines(doc, memory)
    uses: dict[str, int] = {}
    merges: list[tuple[Merge, int]] = []
    plain: set[Merge] = set()  # merges not sure as a whole, with a cut that is (`_plain_cut`)
    function_led: set[Merge] = set()  # lower-case merges with a function word at every cut
    lone: set[Merge] = set()  # merges in plain sight (`_in_plain_sight`): they stand whatever the backing
    for at, chunk, (start, end, split) in found:
        word = chunk[start:end]
        need = split.need
        if "lU-opener" in split.kinds and not _LOWER_WORD_AFTER.match(text, at + end):
            pair = name_pair(word) if split.kinds == ("lU-opener",) else None
            if pair is None:
                continue  # PrideDo: the sentence after a heading goes on in lower case
            split = _weigh(word, pair)  # FoodMy Recipes: two capitalised words, as before
            need = split.need
        if split.kinds == ("article-word",) and not (_noun_after(text, at + end)
                                                     and (word.islower() or _starts_sentence(text, at + start))):
            continue  # begin anew. / anew in: the adverb, a word; Anew inside a sentence: a name
        if split.kinds == ("opener-article",) and not _opener_article(word, split, text, at + start, at + end):
            continue  # Ina Garten, Asa said: a name; In|a report where a sentence starts
        if split.kinds == ("name-article",) and not _named_article(word, split, text, at + end):
            continue  # Durana said, Marka stepped: a name; Ryan|a whole lot, Course|a couple of years
        if need == BACKED and _glued_phrase_of_three(word, split):
            need = ONCE  # really|bad|idea: two spaces lost in a row, no typo nor compound
        if need == BACKED and end == len(chunk) and _article_glued_after(word, split, text, at + end):
            need = ONCE  # found|a Gizmodo article: the article glued to the word before its noun
        if split.kinds == ("pronoun",) and not _pronoun_after(word, text, at + end):
            if not word[:-1].islower():
                continue  # PowerI Accept: perhaps a name, not "I" before its verb
            need = evidence(word, split.cuts, ("lU-lower",))  # choosing|I Accept: a word before a capital
            split = dataclasses.replace(split, kinds=("lU-lower",), weak=True, need=need)
        if (split.weak and word in unphrased or need > SURE) and len(places[word]) > 1:
            if word not in uses:
                uses[word] = _uses(doc, places[word], len(word))  # once per token: it may be on every line
            if uses[word] > 1:
                continue  # a token used twice is a word, unless a function word vouches for its cut
        backed = not split.head or _backed(split, chunks, text, at + start, at + len(chunk))
        if not backed and _before_given_name(word, split, text, at + end):
            backed = True  # Economist|Stan Humphries: a word glued to a person's name
        if not backed and (used := _used_head(word, split, chunks, params)) is not None:
            split, need, backed = used, used.need, True  # Chris|spun: the text says "Chris"
        phrase = None if backed else _name_then_predicate(word, split, text, at + start, params)
        if phrase is not None:
            split, need, backed = phrase, ONCE, True  # Matt Mahalak|made 36 saves
        if not backed:
            if not split.led:
                continue
            need = max(need, BACKED)  # Phobos|failed, Lizza|documents|the on a page that lost spaces
        elif phrase is None and (split.head and need == ONCE and not split.tail and not _used_lower(split.head, chunks)
              and (not word.endswith("ing") or _object_after(text, at + end))):
            need = STRONG  # Ukraine|prompting Kyiv, where the text also says "Ukraine" (never "ukraine")
        if backed and not split.head and "lU-lower" in split.kinds:
            split = _used_name_after(word, split, chunks, params, _capital_after(text, at + len(chunk)))
            if "name-word" in split.kinds:
                need = max(need, NAME_WORD_NEED)  # of|Bejeweled|clones: the name may end in the word
                split = dataclasses.replace(split, strong=False)
        if split.opening and not _starts_sentence(text, at + start) and not _i_phrase(word, split):
            continue  # Inman, Atwood: a capitalised token inside a sentence is a name
        if split.opening and end == len(chunk) and _subject_before_verb(word, split, text, at + end):
            continue  # Wework filed, Wetransfer was: the token is the subject, a name
        if split.tail and not chunk.strip(_EDGE_PUNCTUATION).isalpha():
            continue  # a pair of names inside an address or a code
        if not split.in_name and _beside_capital(text, at, at + len(chunk)) and not _verb_is(word, text, at + end):
            continue
        if _verb_it(word, split) and _NOUN_SLOT.search(text, max(0, at - 30), at):
            continue  # using clip|it, about paint|it: a noun's place, a brand (clipit)
        if not split.strong and word.islower() and _other_form_used(word, chunks, flagged):
            continue  # airgap beside "airgapped": a word the text inflects, not air|gap
        if _SPELLED_ADDRESS.match(text, at + len(chunk)):
            continue  # janeroe at example.org: an e-mail address spelled out, its name a handle
        english_split = not _FOREIGN_KINDS.intersection(split.kinds)
        if not _ADDRESS_KINDS.issuperset(split.kinds) and not prose(at, at + len(chunk), english_split):
            continue  # last: the only tests that need the document's lines
        cuts = tuple(at + start + c for c in _before_particle(word, split.cuts))
        merge = Merge(at + start, at + end, cuts, split.kinds)
        if not split.strong and chunk.strip(_EDGE_PUNCTUATION) == word and _in_plain_sight(word, split):
            lone.add(merge)  # stands on any page, but counts for the others only as before
        merges.append((merge, STRONG if split.strong else need))
        if need > SURE and _plain_cut(word, split):
            plain.add(merge)  # the|Londonstaff backs the others like a sure merge, not itself
        if need == BACKED and _function_cuts(word, split):
            function_led.add(merge)  # our|press, on|election: one sure merge fewer backs it
    ends, pairs = _phrase_ends(text, merges, params)
    merges += ends
    if any(need != STRONG for _, need in merges):
        backing = len(plain) + sum(1 for _, need in merges if need <= SURE)
        words = max(1, len(chunks), text.count(" "))
        wanted = max((max(_BACKING[need], _RATE[need] * words / 1000.0)
                      for _, need in merges if need not in (STRONG, KNOWN)), default=0.0)
        wanted += bool(plain)  # a plain merge is backed by the others alone
        if backing < wanted:  # glued sentences count only as far as they can matter
            backing += _glued_count(doc, memory.glued, math.ceil(wanted - backing))
        pairs += sum(1 for merge, need in merges if merge in lone and need > SURE)  # as names glued at both ends
        merges = [(merge, need) for merge, need in merges
                  if need == STRONG or merge in lone
                  or _backs(backing - (merge in plain) + (pairs if _capital(text, merge) else 0),
                            words, need, merge in function_led)]
    kept = [merge for merge, _ in merges]
    kept.sort(key=lambda m: m.start)
    return kept


def _phrase_ends(text: str, merges: list[tuple[Merge, int]], params: Params) -> tuple[list[tuple[Merge, int]], int]:
    """The ends of names glued to the words after them, where the space before the name
    was lost too: a word glued to a capitalised word (`scientist|Adam`, `the|Detroit`,
    a merge found) opens a name of a few capitalised words (`_phrase_last`) whose last
    word, unknown to the list, is glued to lower-case words (`Lionswin`, `Recordsofficials`
    of `toldDepartment of Recordsofficials`): a link's text, which the scraper glued at
    both ends. The last word is cut where `_phrase_end_cut` says, and needs what the
    opening merge needs, at least a page that lost a space elsewhere (`ONCE`). Also how
    many names the merges found glue at both ends (`withVladimir Korvinafter`): each is
    a trace of lost spaces that backs the page's capitalised guesses (`_capital`)."""
    spans = sorted((merge.start, merge.end) for merge, _ in merges)  # the merges found do not overlap
    starts = [start for start, _ in spans]
    found: list[tuple[Merge, int]] = []
    pairs = 0  # names glued at both ends, where both merges were found
    for merge, need in merges:
        if not merge.kinds or not merge.kinds[-1].startswith("lU") or not text[merge.cuts[-1]].isupper():
            continue
        last = _phrase_last(text, merge.end)
        if last is None:
            continue
        before = bisect.bisect_left(starts, last[1]) - 1  # the last merge found that starts before its end
        if before >= 0 and spans[before] == last:
            pairs += 1
        if before >= 0 and spans[before][1] > last[0] or any(m.start < last[1] and last[0] < m.end for m, _ in found):
            continue
        cut = _phrase_end_cut(text[last[0] : last[1]], params)
        if cut:
            ends = Merge(last[0], last[1], tuple(last[0] + c for c in cut), ("phrase-end",) * len(cut))
            found.append((ends, max(need, ONCE)))
    return found, pairs


def _phrase_last(text: str, end: int) -> tuple[int, int] | None:
    """Where the last word of a name that starts at text[end] lies, glued to lower-case
    letters (`_phrase_ends`): up to four more words of the name before it, all capitalised
    but for "of", "the", "and", "de" and "for"; the name ends at punctuation or a word in
    lower case. None if no such word."""
    for _ in range(PHRASE_WORDS):
        m = _NEXT_CHUNK.match(text, end)
        if m is None:
            return None
        chunk = m[1]
        core = chunk.rstrip(_PHRASE_STOPS)
        end = m.end()
        if core in _NAME_LINKS and core == chunk:
            continue
        if not core[:1].isupper():
            return None
        if core.isalpha() and core[1:].islower() and not zipf(core.lower()) and not is_known(core):
            return (m.start(1), m.start(1) + len(core))
        if core != chunk:
            return None
    return None


PHRASE_WORDS = 5  # words of a name after the first, the last one glued
_NEXT_CHUNK = LazyPattern(r"[ \t]+(\S+)")
_PHRASE_STOPS = ".,;:!?\"”)"
_NAME_LINKS = frozenset(("of", "the", "and", "de", "for", "&"))  # Department of Records, Call of Duty


def _phrase_end_cut(token: str, params: Params) -> tuple[int, ...]:
    """Where a name at the end of a glued phrase ends and the words after it begin
    (`_phrase_ends`): the split with the fewest words after the name (one or two, all
    common or function words), then a name the list knows, then a function word first,
    then the commoner name (Lists|and, not List|sand; Crabtree|was, not Crab|tree|was;
    West|here, not Wes|there). Not after a name of fewer than four letters, nor before
    or among words that end names (`is`, `on`, `to`, `son`: Stavridis, Montandon,
    Locurto; not Copl|and|on), nor where a longer known word spans the cut, unless a
    function word of three letters or more follows it (Times|the, not Timest|he; not
    Foot|ball), nor before a content word where the token may also be a name and one of
    those short words (Armano|on or Arma|noon?); () if none."""
    best: tuple[tuple, tuple[int, ...]] | None = None
    for cut in range(len(token) - 2, PHRASE_NAME_LEAST - 1, -1):
        found = head_split(token, cut, params)
        if found is None:
            continue
        edges = (*found.cuts, len(token))
        pieces = [token[a:b] for a, b in itertools.pairwise(edges)]
        first = pieces[0]
        if len(pieces) > 2 or any(piece in PHRASE_NOT_FIRST for piece in pieces):  # not Copl|and|on
            continue
        if any(zipf(piece) < PHRASE_WORD_ZIPF and piece not in GLUE for piece in pieces):
            continue
        head = token[:cut].lower()
        spans = (token[cut - k : cut + len(first)].lower() for k in range(1, min(PHRASE_SPAN, cut) + 1))
        if not (first in GLUE and len(first) >= 3) and any(zipf(w) >= PHRASE_SPAN_ZIPF for w in spans):
            continue
        score = (-len(pieces), zipf(head) > 0, first in GLUE, round(zipf(head)), len(first))
        if best is None or score > best[0]:
            best = (score, found.cuts)
    if best is None:
        return ()
    first = token[best[1][0] : (*best[1][1:], len(token))[0]]
    if first not in GLUE and any(token.endswith(end) and head_split(token, len(token) - len(end), params)
                                 for end in PHRASE_END_WORDS):
        return ()  # Armano|on rather than Arma|noon: the name may end in the short word
    return best[1]



# Words that end names of places and brands, besides NAME_ENDINGS: Canterbury, Portsmouth,
# Greenwich, Microsoft, Hubspot's kin; a name glued to them is one name.
PLACE_ENDINGS = frozenset((
    "bury", "borough", "chester", "mouth", "shire", "wick", "stead", "port", "side", "view", "town",
    "brook", "bridge", "hurst", "leigh", "hill", "ware", "soft", "book", "star", "line", "works",
    "house", "water", "point", "wave", "box", "base", "force", "hub", "lab", "labs", "net", "web",
    "tech", "link", "space", "cast", "press", "wise", "way", "ways", "park", "field", "castle", "city",
))
PHRASE_END_WORDS = ("on", "in", "is", "as", "or", "us", "at", "to", "an")  # also end names: Montandon
PHRASE_NAME_LEAST = 4  # shortest name before the words glued to it (not Wes|there)
PHRASE_WORD_ZIPF = 3.5  # weakest word after the name, but for function words (not Pierce|for|ting)
PHRASE_SPAN = 6  # letters before the cut that may begin a longer word spanning it
PHRASE_SPAN_ZIPF = 2.5  # ...this common: the cut is unsure (Foot|ball, Timest|he, Harvinunder|went)
# Words that end names (NAME_ENDINGS, PLACE_ENDINGS, given names) and short words that do
# too (Stavridis, Montandon, Locurto, Trevor, Pulitzer|as): not the first word after a name.
PHRASE_NOT_FIRST = NAME_ENDINGS | PLACE_ENDINGS | GIVEN_NAMES | frozenset((
    "her", "our", "you", "is", "us", "are", "on", "as", "or", "an", "in", "at", "a", "it", "am", "to",
))


def _in_plain_sight(word: str, split: Split) -> bool:
    """Whether a split holds on any page because its lost space sits at a change of case
    that no word, name or brand of the list explains, a token of letters alone:

    - a common lower-case word of five letters or more glued to one capitalised word
      (`videoAccording`, `bankingHis`, `ministerDenis`): a heading or a sentence glued to
      the next, or a word to a name; not a camel-case brand or identifier of a short
      word (`theResumator`, `webWorld`, `pageType`);
    - a capitalised name glued at both ends between two common lower-case words
      (`theMacintoshcomputer`, `wirelessAirPlaysystem`, `betweenSafaricomand`): a link's
      text that lost the spaces on both sides.

    Such a merge stands whatever the page's backing, and backs the page's splits that hold
    a capitalised word as a name glued at both ends does (`_phrase_ends`), not lower-case
    ones: a page that lost one space so may keep a writer's own joins (`noshed`, `itin`)."""
    edges = (0, *split.cuts, len(word))
    pieces = [word[a:b] for a, b in itertools.pairwise(edges)]
    if not word.isalpha() or not pieces[0].islower():
        return False
    if split.kinds == ("lU-lower",):
        head, name = pieces
        known = zipf(name.lower()) >= PLAIN_NAME_ZIPF or name.lower() in GIVEN_NAMES
        return (len(head) >= PLAIN_HEAD and zipf(head) >= PLAIN_HEAD_ZIPF and len(name) >= 2
                and name[1:].islower() and known)  # not innerHTML, getURL: an identifier
    if split.kinds in PLAIN_NAME_KINDS:
        head, name, tail = pieces
        return (zipf(head) >= PLAIN_HEAD_ZIPF and name[:2].isalpha() and not name[1:].isupper()
                and len(tail) >= 3 and tail.islower() and zipf(tail) >= PLAIN_HEAD_ZIPF and tail not in NAME_ENDINGS)
    return False


PLAIN_HEAD = 5  # shortest lower-case word before a capitalised one (not the|Resumator, web|World)
PLAIN_HEAD_ZIPF = 3.0  # weakest lower-case word beside a capitalised word in plain sight
PLAIN_NAME_ZIPF = 2.5  # weakest capitalised word after it, but for given names
PLAIN_NAME_KINDS = frozenset((("lU-lower", "dp-title"), ("lU-lower", "head"), ("lB", "dp-title")))


def _capital(text: str, merge: Merge) -> bool:
    """Whether a merge holds a capitalised word: a name's, which names glued at both ends
    on the same page back (`_phrase_ends`), not a lower-case compound's or a handle's."""
    if any(text[cut].isupper() for cut in merge.cuts):
        return True
    return text[merge.start].isupper() and merge.cuts[0] - merge.start > 1  # not I|am|what|you|want


def _plain_cut(word: str, split: Split) -> bool:
    """Whether a split that needs backing itself has a cut that holds on any page, a
    function word before a capitalised word (the|Londonstaff, of|Plazamagazine): the space
    lost there was lost in plain sight, whatever the rest of the token is."""
    edges = (0, *split.cuts, len(word))
    for at, (cut, kind) in enumerate(zip(split.cuts, split.kinds)):
        if not kind.startswith(("lU", "lB")):
            continue
        pair, pair_cut = word[edges[at] : edges[at + 2]], (cut - edges[at],)
        if evidence(pair, pair_cut, (kind,)) == SURE and strong(pair, pair_cut, (kind,)):
            return True
    return False


def _backs(backing: int, words: int, need: int, function_led: bool = False) -> bool:
    """Whether `backing` traces of lost spaces in a text of `words` words back a split that
    needs `need`; a lower-case split with a function word at every cut (`_function_cuts`)
    needs one trace fewer, at the same rate."""
    least = FUNCTION_BACKING if function_led and need == BACKED else _BACKING[need]
    return backing >= least and 1000.0 * backing / words >= _RATE[need]


def _function_cuts(word: str, split: Split) -> bool:
    """Whether a lower-case token is split into words with a function word beside every
    cut (`our|press`, `on|election`, `an|all`, `shoppers|at`): such a split is backed like
    the others (a|slight or as|light, on|set), but one sure merge fewer will do, as no
    compound, name or coinage is made of a function word and a word."""
    if not word.isalpha() or not word.islower() or not all(kind == "dp-lower" for kind in split.kinds):
        return False
    edges = (0, *split.cuts, len(word))
    pieces = [word[a:b] for a, b in itertools.pairwise(edges)]
    return all(pieces[at] in CUT_FUNCTION_WORDS or pieces[at + 1] in CUT_FUNCTION_WORDS
               for at in range(len(split.cuts)))


# Function words that stand beside a cut (`_function_cuts`): the glue words, and the short
# ones that begin or end compounds too (on|set, in|set, our|sins) and so are never sure.
CUT_FUNCTION_WORDS = GLUE | JOINT_WORDS | frozenset((
    "our", "out", "all", "an", "on", "in", "at", "as", "or", "my", "your", "it", "is", "be",
))
FUNCTION_BACKING = 2  # sure merges that back a split with a function word at every cut


# How many sure merges (see `evidence`) the document must hold for a split of
# each kind to stand: a page that lost spaces in plain sight lost them here too.
_BACKING = {SURE: 2, ONCE: 1, BACKED: 3, KNOWN: 4}  # a sure split counts itself
# ...and how many sure merges (or glued sentences) per thousand words: a page where a
# space is lost now and then keeps its compounds, names and brands (`crossposted`,
# `theResumator`); one that lost spaces everywhere lost this one too.
_RATE = {SURE: 1.5, ONCE: 1.5, BACKED: 3.0, KNOWN: math.inf}  # a known word: never
STRONG = -1  # a sure split that holds on any page (`Split.strong`)
# Two sentences or clauses glued at their punctuation ("efforts.The", "region,Transnistria"),
# the other trace of a page that lost its spaces (not in addresses: "example.Com/x").
# The punctuation comes first in the pattern, so that the search skips ahead to it.
_GLUED_SENTENCES = LazyPattern(r"[.,;!?](?=\p{Lu}\p{Ll}{2,}\b(?![./@]))(?<=(?<![\w./@])\p{Ll}{2,}.)")
# Two clauses glued at a comma ("fact,most", "help,you"), where the words beside it are
# English words: not a list of foreign words ("chiese,moschee"), nor options of a command
# ("noatime,nodiratime"). Not a colon: brands are written so (Simple:Press).
_GLUED_CLAUSES = LazyPattern(r"(?<![\w./@'’])(\p{Ll}{2,}),(\p{Ll}{2,})\b(?![./@])")
CLAUSE_WORD_ZIPF = 3.0  # weakest word beside a glued comma
# What every match of `_GLUED_CLAUSES` holds, found from the comma (the clause pattern tries
# its first word at every lower-case letter: twenty times the time on a line with commas).
_GLUED_COMMA = LazyPattern(r",(?<=\p{Ll},)\p{Ll}")


def _glued_count(doc: Document, counts: dict[str, int], enough: int) -> int:
    """How many sentences and clauses the text glues together (`_glued_in_line`), counted no
    further than `enough`. None crosses a line feed, so the lines' counts add up, and each
    line's count is kept by its text in `counts` (the lines of another fix pass or another
    page cost a lookup); the lines after those that hold `enough` are not looked at."""
    if len(counts) > CACHE_LIMIT:
        counts.clear()
    found = 0
    for line in doc.line_texts:
        count = counts.get(line)
        if count is None:
            count = counts[line] = _glued_in_line(line)
        found += count
        if found >= enough:
            return enough
    return found


def _glued_in_line(line: str) -> int:
    """Sentences and clauses glued together in a line (`_GLUED_SENTENCES`, `_glued_clauses`).
    The patterns look no further than the characters beside a match, none a line feed, so a
    line alone matches as it does inside its text."""
    return sum(1 for _ in _GLUED_SENTENCES.finditer(line)) + sum(1 for _ in _glued_clauses(line))


def _glued_clauses(text: str) -> Iterator[regex.Match]:
    """Clauses glued at a comma between English words (see `_GLUED_CLAUSES`)."""
    if "," not in text or not _GLUED_COMMA.search(text):
        return  # most lines hold no comma glued to letters: plain tests before the costly pattern
    for m in _GLUED_CLAUSES.finditer(text):
        if zipf(m[1]) >= CLAUSE_WORD_ZIPF and zipf(m[2]) >= CLAUSE_WORD_ZIPF:
            yield m


def _flagged_chunks(chunks: set[str], params: Params, memory: Memory) -> dict[str, Runs]:
    """The distinct chunks of a text that hold a merge, with their splittable runs."""
    verdicts = memory.verdicts
    if verdicts is None or len(verdicts.clean) + len(verdicts.flagged) > CACHE_LIMIT:
        verdicts = memory.verdicts = _Verdicts(set(), {})
    flagged = {}
    for chunk in chunks.difference(verdicts.clean):
        runs = verdicts.flagged.get(chunk)
        if runs is None:
            runs = chunk_runs(chunk, params, memory)
            if not runs:
                verdicts.clean.add(chunk)
                verdicts.judged_clean.append(chunk)
                continue
            verdicts.flagged[chunk] = runs
        flagged[chunk] = runs
    return flagged


def _flagged_in_new_lines(doc: Document, params: Params, memory: Memory) -> dict[str, Runs] | None:
    """`_flagged_chunks` of the text's chunks, from the chunks of its lines not met before and
    what the lines met before hold (see `_Verdicts`): a text of a few new lines (a fix's next
    pass, a page of a site met before) is not split whole. None where most lines are new, or
    where the verdicts are to be emptied first (`_flagged_chunks` judges every chunk then)."""
    verdicts = memory.verdicts
    if verdicts is None or len(verdicts.clean) + len(verdicts.flagged) > CACHE_LIMIT:
        return None
    held = doc.distinct_lines.difference(verdicts.clean_lines)
    new = held.difference(verdicts.flagged_lines)
    if len(new) > MOST_LINES_NEW * len(doc.distinct_lines):
        return None
    met = verdicts.flagged_lines.keys() & held
    flagged = _flagged_chunks(set("\n".join(new).split()), params, memory)
    for line in met:
        for chunk in verdicts.flagged_lines[line]:
            flagged[chunk] = verdicts.flagged[chunk]
    return flagged


MOST_LINES_NEW = 0.5  # a text with a larger share of new lines is split whole


def _known_flagged(doc: Document, verdicts: _Verdicts | None) -> set[str] | None:
    """The flagged chunks of a text whose lines were all met before (see `_Verdicts`), from
    what those lines hold; None when a line is new."""
    if verdicts is None:
        return None
    held = doc.distinct_lines.difference(verdicts.clean_lines)
    if held.difference(verdicts.flagged_lines):
        return None
    return set().union(*map(verdicts.flagged_lines.__getitem__, held))


def _learn_lines(doc: Document, verdicts: _Verdicts | None, placed: list[tuple[int, str]]) -> None:
    """Record what the text's lines hold, from every use of each of its flagged chunks
    (`placed`, none when it has none)."""
    if verdicts is None:
        return
    if len(verdicts.clean_lines) + len(verdicts.flagged_lines) > CACHE_LIMIT:
        verdicts.clean_lines.clear()
        verdicts.flagged_lines.clear()
    held: dict[str, set[str]] = {}
    for at, chunk in placed:
        held.setdefault(doc.line_texts[doc.line_index(at)], set()).add(chunk)
    verdicts.flagged_lines.update((line, frozenset(chunks)) for line, chunks in held.items())
    verdicts.clean_lines.update(doc.distinct_lines.difference(held))


def _uses(doc: Document, places: list[int], size: int) -> int:
    """How many times a token of `size` characters is used: a long line repeated whole (a
    description repeated as the page's summary) is one use, and so is a token repeated
    with the same words around it (a teaser repeated in the body: "intoday’s editionof",
    the same phrase); two places in one line are two."""
    if len(places) < 2:
        return len(places)
    uses = set()
    text = doc.text
    for at in places:
        index = doc.line_index(at)
        line, start = doc.line_texts[index], doc.line_starts[index]
        if len(line) >= REPEATED_LINE:
            uses.add((line, at - start))
            continue
        before = text[max(start, at - SAME_PHRASE) : at]
        after = text[at + size : min(start + len(line), at + size + SAME_PHRASE)]
        uses.add((before, after) if before.strip() and after.strip() else at)
    return len(uses)


SAME_PHRASE = 20  # characters on each side of a repeated token that make it the same phrase


def _before_given_name(word: str, split: Split, text: str, end: int) -> bool:
    """Whether two capitalised words glued together (`pair`) are a word and a given name
    before a capitalised word, a surname: Economist|Stan Humphries, Moderator|Dan
    Pinchbeck (not PayPal Holdings: brands seldom end in a given name). The first word
    must be one the list knows well, and the token must end at the run."""
    if split.kinds != ("pair",) or split.tail.lower() not in GIVEN_NAMES:
        return False
    if zipf(split.head.lower()) < GIVEN_NAME_HEAD_ZIPF or not text.startswith(word, end - len(word)):
        return False
    m = _NEXT_WORD.match(text, end)
    return m is not None and m.group(1)[0].isupper() and m.group(1)[1:2].islower()  # Humphries, McDonald


GIVEN_NAME_HEAD_ZIPF = 2.5  # weakest word before a given name: Economist|Stan, Briton|Neil


def _used_head(word: str, split: Split, chunks: set[str], params: Params) -> Split | None:
    """The split of a name glued to words (`Split.head`) at the longest head the text uses
    as a word of its own, when the head the word list chose is not used: the text says
    "Chris" and "Stavridis", so `Chrisspun` is Chris|spun and `Stavridisdeclared`
    Stavridis|declared (not Chr|is|spun, Stavrid|is|declared)."""
    if "head" not in split.kinds or not word[1:].islower():
        return None
    for cut in range(len(word) - 2, 2, -1):
        head = word[:cut]
        if head != split.head and any(head + ending in chunks for ending in _WORD_ENDINGS):
            found = head_split(word, cut, params)
            return None if found is None else _weigh(word, found)
    return None


def _used_name_after(word: str, split: Split, chunks: set[str], params: Params, capital_after: bool) -> Split:
    """`split` with the cuts after a name that follows a cut before a capital, where the
    text uses that name on its own: between|Safaricom|and, of|Bejeweled|clones (the text
    says "Safaricom", "Bejeweled"). The space lost before the name was lost after it too.
    Before a capitalised word (`capital_after`) the token may end a longer name
    (suit|Hillicon Valley, not suit|Hill|icon), so only a function word is cut off then
    (by|Karl|on July)."""
    edges = (0, *split.cuts, len(word))
    added: list[int] = []
    worded: list[int] = []  # after a name the text does not use, before a content word (`_name_word_cut`)
    for at, (start, end) in enumerate(itertools.pairwise(edges)):
        piece = word[start:end]
        if at == 0 or split.kinds[at - 1] != "lU-lower" or not piece[1:].islower() or is_known(piece):
            continue
        for cut in range(len(piece) - 2, 2, -1):
            if any(piece[:cut] + ending in chunks for ending in _WORD_ENDINGS):
                found = head_split(piece, cut, params)
                glued = found is not None and _function_like_start(piece, found.cuts)
                if found is not None and (glued or not capital_after):
                    added.extend(start + c for c in found.cuts)
                break
        else:
            if not capital_after:  # Leiland Tanner: a first name before a surname
                tail = _name_tail_cuts(piece, params)
                added.extend(start + c for c in tail)
                if not tail and end == len(word) and (cut := _name_word_cut(piece)):
                    worded.append(start + cut)
    if not added and not worded:
        return split
    kinds = dict(zip(split.cuts, split.kinds)) | dict.fromkeys(added, "head") | dict.fromkeys(worded, "name-word")
    cuts = tuple(sorted(kinds))
    return dataclasses.replace(split, cuts=cuts, kinds=tuple(kinds[c] for c in cuts))


def _name_tail_cuts(piece: str, params: Params) -> tuple[int, ...]:
    """The cuts after a name glued between two words, where the words after it start with
    a function word that ends no name: of|Cryptacize|and,
    between|Safaricom|and (the name is unknown, so only what follows it tells where it
    ends). Not "is", "in", "on", "as", "or": names end so (Stavridis, Hinkleon, Tsipras,
    Trevor); nor where the name and the first word make a word."""
    for cut in range(len(piece) - 2, NAME_TAIL_HEAD - 1, -1):
        found = head_split(piece, cut, params)
        if found is None:
            continue
        first = piece[cut : (*found.cuts, len(piece))[1]].lower()
        if _name_tail(first) and not zipf(piece[:cut].lower() + first):
            return found.cuts
        if len(first) >= 4 and first not in GLUE:
            return ()  # a longer name glued to a content word: Korvanta|resigned, not Korvant|are
    return ()


NAME_TAIL_HEAD = 4  # shortest name before a tail that no other word explains (Uber|and)


def _name_word_cut(piece: str) -> int:
    """The cut after an unknown name glued to one content word after a cut before the
    name, where no function word follows the name (see `_name_tail_cuts`): of|Bejeweled|clones,
    the|Soundex|system, black|Gucci|dress. The word is the rest of the piece: a word of four
    letters or more the list knows well, no name's end (not Korvex|bury, Black|well); the name
    five letters or more, a rare word at most; the list knows neither the piece nor a longer
    word that ends it (`clones`, not Bejeweledcl|ones; `reports`, not Inkyre|ports); 0 if
    none. The space lost before the name backs this one only on a page that lost spaces
    elsewhere (`NAME_WORD_NEED`)."""
    if not piece[1:].islower() or zipf(piece.lower()):
        return 0
    for cut in range(2, len(piece) - 3):  # the longest word first: Soundex|system
        word = piece[cut:]
        if zipf(word) < NAME_WORD_LONGER_ZIPF:
            continue
        if cut < NAME_WORD_HEAD or zipf(word) < NAME_WORD_ZIPF or zipf(piece[:cut].lower()) >= NAME_WORD_HEAD_ZIPF:
            return 0
        return 0 if word in GLUE or word in NAME_ENDINGS or word in PLACE_ENDINGS else cut
    return 0


NAME_WORD_HEAD = 5  # shortest unknown name before a glued content word (Soundex|system, not Mac|across)
NAME_WORD_ZIPF = 3.3  # weakest word glued after such a name: Goonies|memorabilia
NAME_WORD_LONGER_ZIPF = 2.5  # the longest word of the list that ends the piece must be that word
NAME_WORD_HEAD_ZIPF = 3.5  # a name as common a word as this may be a compound's head (Sound|...)
NAME_WORD_NEED = ONCE  # a page that lost a space elsewhere, in plain sight


def _name_tail(word: str) -> bool:
    """A function word that leads the words after a name and never ends one (see
    `_name_tail_cuts`). Not a verb in -ed: a longer name may end where it starts
    (Korvantare|signed)."""
    return word in GLUE and len(word) >= 3 and word not in NAME_PIECES or word in ("of", "to")


def _name_then_predicate(word: str, split: Split, text: str, start: int, params: Params) -> Split | None:
    """A name glued to words (`Split.head`) that ends a name of two words or more, cut
    where the glued words start with a verb or an adverb (`Matt Mahalak|made`, `Percy
    Harvin|underwent`, `Mila Kunis|immediately`): the sentence whose subject the name is.
    Not "is", "on", "as" and the like: names end so (Nikos Kasidiaris), but for "is" before
    an article or "not", with or without a name before (Goldfarb|is a, Nextdoor|is a); "of",
    "if" or "both" only where it ends the token (Bill DeWeese|of Greene, Lance Dunbar|if he
    is). The name may begin with a particle (`DeWeese`). The split needs a page that lost a
    space elsewhere (`ONCE`)."""
    if not split.head or "head" not in split.kinds or not _name_shaped(word):
        return None
    if word.endswith("is") and len(word) >= NAME_IS_LENGTH and _AFTER_IS.match(text, start + len(word)):
        found = head_split(word, len(word) - 2, params)  # Michael Goldfarb|is a former chief
        if found is not None:
            return dataclasses.replace(found, need=ONCE)
    before = start - 1
    if before < 1 or text[before] not in " \t" or not text[before - 1].isalpha():
        return None
    first = before - 1
    while first > 0 and text[first].islower():
        first -= 1
    if not text[first].isupper() or first == before - 1 or text[first:before].lower() in function_words():
        return None  # no name before: Scott before Dinsmore|launched (in friendScott too), not "Then"
    return _predicate_head(word, params)


@functools.lru_cache(maxsize=4096)
def _predicate_head(word: str, params: Params) -> Split | None:
    """The split of `_name_then_predicate` once a name stands before the token: the longest
    name whose glued words start with a predicate. A function of the token alone, kept:
    the token comes back on every fix pass and every copy of its page."""
    for cut in range(len(word) - 2, 2, -1):
        found = head_split(word, cut, params)
        if found is None:
            continue
        lead = word[cut : (*found.cuts, len(word))[1]].lower()
        if _predicate(lead) or lead in AFTER_NAME_WORDS and len(found.cuts) == 1:
            return dataclasses.replace(found, need=ONCE)  # Korvan|if, the token's last word; not Korvexc|of|fee
    return None


def _name_shaped(word: str) -> bool:
    """Whether a token is written as a name: capitalised, or a name particle glued to a
    capitalised name (`DeWeese`, `McFadden`)."""
    if word[1:].islower():
        return True
    inner = next((at for at in range(1, len(word)) if word[at].isupper()), 0)
    return word[:inner] in NAME_PREFIXES and word[inner + 1 :].islower()


def _verb_is(word: str, text: str, end: int) -> bool:
    """Whether a token ends in "is" that an article or "not" follows: the verb, not the
    end of a name (Sheet Cake|is the, Donkey Kong|is a; not Al Goldis stayed)."""
    return word.endswith("is") and _AFTER_IS.match(text, end) is not None


# What follows "is" as a verb and seldom follows a name: an article, a negation (Goldfarb|is a,
# Haughey|is not); not a verb, which follows names that end in -is (Nikos Kasidiaris stayed).
_AFTER_IS = LazyPattern(r"[ \t]+(?:a|an|the|not|also|now|still|no|one|being)\b")
NAME_IS_LENGTH = 6  # shortest name and "is" (Boey|is), so that the name has four letters


def _before_particle(word: str, cuts: tuple[int, ...]) -> tuple[int, ...]:
    """`cuts` with a cut after a name moved before a particle glued to the name's end, where
    the particle and the word after the cut make a word: Garvin|withdrew, Garvin|overcame,
    not Garvinwith|drew, Garvinover|came. The name with the particle must be unknown to
    the word list (Hanover|took stays), and three letters must be left of the name."""
    edges = (0, *cuts, len(word))
    moved = []
    for at, cut in enumerate(cuts):
        left, right = word[edges[at] : cut], word[cut : edges[at + 2]].lower()
        # One test for all particles first: most names end in none.
        particle = next((p for p in PARTICLES if left.endswith(p)), "") if left.endswith(PARTICLES) else ""
        if (particle and left[0].isupper() and len(left) - len(particle) >= 3
                and not zipf(left.lower()) and zipf(particle + right) >= PARTICLE_VERB_ZIPF):
            cut -= len(particle)
        moved.append(cut)
    return tuple(moved)


# Particles that begin verbs (withdrew, underwent, overcame, upheld, outran, foresaw,
# misled); not "be" nor "re", which end names (Phoebe|came, Moore|took).
PARTICLES = ("with", "under", "over", "up", "out", "fore", "mis", "down")
PARTICLE_VERB_ZIPF = 2.5  # weakest word made of the particle and the word after the cut


def _predicate(word: str) -> bool:
    """A verb or an adverb that starts a sentence's predicate after its subject."""
    return (word in NAME_FOLLOWERS or word in PAST_VERBS or word in PRESENT_VERBS
            or len(word) >= 4 and word in GLUE and word not in NAME_PIECES  # Kutcher|during
            or len(word) >= 5 and word.endswith("ed") and zipf(word) >= PREDICATE_ZIPF
            or len(word) >= 6 and word.endswith("ly") and zipf(word) >= PREDICATE_ZIPF)


PREDICATE_ZIPF = 3.0  # weakest verb in -ed or adverb in -ly after a name: Harvin|underwent
# Short words that follow a person's name and end none (not is, on, in, at, to): cut where
# they end the token (Bill DeWeese|of Greene, Lance Dunbar|if he is, Mike Goodson|both left).
AFTER_NAME_WORDS = frozenset(("of", "if", "both"))
# Verbs in the present that follow their subject (Gaiman|comes, Dalton|struggles); a list, as
# a word in -s may be a plural that ends a name (Fairbanks, not Fair|banks).
PRESENT_VERBS = frozenset((
    "comes", "shows", "points", "starts", "struggles", "makes", "takes", "gives", "gets",
    "plays", "leads", "talks", "explains", "writes", "thinks", "knows", "wants", "needs",
    "seems", "looks", "believes", "notes", "argues", "adds", "warns", "admits", "hopes",
    "joins", "returns", "continues", "remains", "becomes", "tells", "speaks", "offers",
))


# " at example.org", " (at) example dot com": an e-mail address written out after its name
# (in lower case: "at Amazon.com" names a site, after an ordinary word).
_SPELLED_ADDRESS = LazyPattern(
    r"[ \t]+(?:at|AT|[(\[](?:at|AT)[)\]])[ \t]+[\p{Ll}\d][\w-]*(?:(?:\.|[ \t]+dot[ \t]+)[\w-]+)*"
    r"(?:\.|[ \t]+dot[ \t]+)(?:com|org|net|gov|edu|info|co|io|[a-z]{2})(?!\p{Ll})",
    regex.V1,
)  # not "at home.It": a glued sentence


def _other_form_used(word: str, chunks: set[str], flagged: dict[str, Runs]) -> bool:
    """Whether the text uses another form of a lower-case token as a word of its own,
    unsplit: `airgapped` beside `airgap`, `hotpatch` beside `hotpatched`. A space lost
    by accident is not lost the same way in two forms of a word."""
    forms = [word + ending for ending in _INFLECTIONS]
    forms += [word + word[-1] + ending for ending in ("ed", "ing", "er")]  # airgap|ped
    for ending in _INFLECTIONS:
        stem = word[: -len(ending)]
        if word.endswith(ending) and len(stem) >= 4:
            doubled = ending[0] in "ei" and stem[-1] == stem[-2] and stem[-1] not in "aeiou"
            forms += [stem, stem[:-1]] if doubled else [stem]  # hotpatch, airgap (airgapped)
    return any(form + end in chunks and form + end not in flagged for form in forms for end in ("", ",", "."))


_INFLECTIONS = ("s", "es", "ed", "d", "ing", "er", "ers")


def _verb_it(word: str, split: Split) -> bool:
    """Whether a lower-case token is split into one word and "it" (grab|it, clip|it)."""
    return len(split.cuts) == 1 and word.islower() and word[split.cuts[0] :] == "it"


# The word before a chunk where a noun phrase is wanted, not a verb: an article or a
# possessive, a preposition (not "to": "to grab it"), or a gerund ("using").
_NOUN_SLOT = LazyPattern(
    r"(?:^|[^\p{L}])(?:a|an|the|my|your|his|her|our|their|its|of|on|in|at|for|with|from|about|by|via"
    r"|into|onto|\p{L}{2,}ing)[ \t]+$",
    regex.I | regex.V1,
)


def _function_like_start(piece: str, cuts: tuple[int, ...]) -> bool:
    """Whether the words after a name's cut start with a word that glues to others."""
    first = piece[cuts[0] : cuts[1] if len(cuts) > 1 else len(piece)].lower()
    return first in GLUE or first in JOINT_WORDS


def _subject_before_verb(word: str, split: Split, text: str, end: int) -> bool:
    """Whether a token cut after a subject pronoun or an imperative "be" (We|work, Be|ready)
    is followed by a finite verb: then the token is itself the subject, a name (`Wework
    filed`, `Wetransfer was`), since "we work filed" has two verbs."""
    last = word[split.cuts[-1] :].lower()
    if word[: split.cuts[0]].lower() not in SUBJECTS or last.endswith("ly") or last in ADVERBS:
        return False  # We|recently rolled, We|also said: an adverb before the verb
    m = _NEXT_WORD.match(text, end)
    if m is None:
        return False
    verb = m.group(1)
    return verb in FINITE_VERBS or len(verb) >= 5 and verb.endswith("ed") and verb.islower()


SUBJECTS = frozenset(("we", "i", "he", "she", "they", "you", "it", "be"))
ADVERBS = frozenset(("also", "never", "just", "still", "often", "all", "both", "then", "now", "always"))
FINITE_VERBS = frozenset((
    "is", "was", "are", "were", "has", "had", "have", "will", "would", "can", "could", "should",
    "may", "might", "must", "does", "did", "said", "says",
))


def _capital_after(text: str, end: int) -> bool:
    """Whether a capitalised word follows text[:end] on its line: the chunk may end a
    longer name (`Hillicon Valley`), unless punctuation ends the chunk, which ends the name
    too (`black|Gucci|dress. She`)."""
    if text[end - 1] in _CLAUSE_END:
        return False
    m = _NEXT_WORD.match(text, end)
    return m is not None and m.group(1)[0].isupper()


def _object_after(text: str, end: int) -> bool:
    """Whether a word that is not a function word follows text[:end] on its line, as the
    object of a participle does (`Ukraine prompting Kyiv`); a gerund that names a thing
    is followed by punctuation or a function word (`Zoombombing?`, `Tonemapping and`)."""
    m = _NEXT_WORD.match(text, end)
    return m is not None and m.group(1).lower() not in function_words()


_NEXT_WORD = LazyPattern(r"[ \t]+(\p{L}+)")


def _used_lower(head: str, chunks: set[str]) -> bool:
    """Whether the text uses a capitalised head in lower case too: a common word then,
    which makes compounds (`Clickschooling` beside "click"), not a name."""
    low = head.lower()
    return any(low + ending in chunks for ending in _WORD_ENDINGS)


def _backed(split: Split, chunks: set[str], text: str, start: int, end: int) -> bool:
    """Whether the document backs a split's head: uses it as a word of its own, or (if the
    split allows) the token starts a sentence, so that its capital says nothing, or it
    ends a name of several words and the sentence goes on in lower case after it
    ("Los Angeles Countyregularly face", "Motor Cycle Monthlydelivered through")."""
    head, tail = split.head, split.tail
    if any(head + ending in chunks for ending in _WORD_ENDINGS):
        return not tail or any(tail + ending in chunks for ending in _WORD_ENDINGS)
    if not split.initial:
        return False
    before = start - 1
    while before >= 0 and text[before] in " \t":
        before -= 1
    return before < 0 or text[before] in _SENTENCE_END or _ends_name_phrase(text, start, end)


def _starts_sentence(text: str, start: int) -> bool:
    """Whether the token at `start` starts a line or follows the end of a sentence (quotes
    and brackets before it aside)."""
    before = start - 1
    while before >= 0 and text[before] in " \t\"'“‘([":
        before -= 1
    return before < 0 or text[before] in _SENTENCE_END


def _ends_name_phrase(text: str, start: int, end: int, clause_end: bool = False) -> bool:
    """Whether the token at text[start:end] follows a capitalised word and the sentence
    goes on in lower case after it, as at the end of a name of several words (or, with
    `clause_end`, the chunk ends a clause: "Grow BIGapproach,")."""
    before = start - 1
    while before >= 0 and text[before] in " \t":
        before -= 1
    if before < 0 or before == start - 1 or not text[before].isalpha():
        return False
    if not _capitalised_before(text, before):
        return False
    return _lower_after(text, end) or clause_end and text[end - 1] in _CLAUSE_END


def _capitalised_before(text: str, last: int) -> bool:
    """Whether the letters ending at text[last] are a capitalised word, or end in one
    after a lower-case letter (the|Honest, a word glued to the name's first word)."""
    first = last
    while first > 0 and text[first].islower():
        first -= 1
    if not text[first].isupper() or first == last:
        return False
    return first == 0 or not text[first - 1].isalpha() or text[first - 1].islower()


def _lower_after(text: str, end: int) -> bool:
    """Whether the text goes on in lower case after a chunk that ends at `end`: the next
    word on the line starts with a lower-case letter."""
    after = end
    while after < len(text) and text[after] in " \t":
        after += 1
    if after == end:
        return False
    while after < len(text) and text[after] in _OPENING_QUOTES:
        after += 1  # Journalciting “people familiar
    return after < len(text) and text[after].islower()


_OPENING_QUOTES = "\"“‘("


def _beside_capital(text: str, start: int, end: int) -> bool:
    """Whether the chunk at text[start:end] follows or precedes a capitalised word on its
    line (the chunk may be part of a name: Al Goldis, Augme Technologies)."""
    before = start - 1
    while before >= 0 and text[before] in " \t":
        before -= 1
    word_end = before + 1
    while before >= 0 and text[before].isalpha():
        before -= 1
    if word_end > before + 1 and text[before + 1].isupper():
        return True
    after = end
    while after < len(text) and text[after] in " \t":
        after += 1
    return after < len(text) and after > end and text[after].isupper()


def _positions(text: str, chunks: dict[str, object]) -> Iterator[tuple[int, str]]:
    """Where the given chunks occur in `text` as whole whitespace-delimited chunks.

    A few chunks are looked up with `str.find`; many in one pass over all chunks, so
    that the cost stays linear in the length of the text.
    """
    if len(chunks) > FIND_LIMIT:
        for m in _CHUNK.finditer(text):
            if m.group() in chunks:
                yield m.start(), m.group()
        return
    for chunk in chunks:
        size, at = len(chunk), text.find(chunk)
        while at >= 0:
            end = at + size
            if (at == 0 or text[at - 1].isspace()) and (end == len(text) or text[end].isspace()):
                yield at, chunk
            at = text.find(chunk, end)


def chunk_runs(chunk: str, params: Params, memory: Memory | None = None) -> Runs:
    """The letter runs of one non-space chunk that need spaces: (start, end, split), each
    split told how much backing it needs from the document (`evidence`)."""
    memory = Memory() if memory is None else memory
    weighed = memory.weighed
    found = []
    for start, end, split in _chunk_runs(chunk, params, memory.splits):
        key = (chunk[start:end], split)
        if key not in weighed:
            if len(weighed) >= CACHE_LIMIT:
                weighed.clear()
            weighed[key] = _weigh(*key)
        if weighed[key].strong or not _QUOTED.match(chunk):
            found.append((start, end, weighed[key]))
    return tuple(found)


# A word alone in quotes is quoted as it is: a password, a command, a coinage
# ("mypassword", 'hostednetwork', "talkability"); only a sure merge is split there.
_QUOTED = LazyPattern(r"^[\"'“‘]\p{Ll}+[\"'”’][.,;:!?)]*$", regex.V1)


def _weigh(run: str, split: Split) -> Split:
    """The split with the backing it needs (`evidence`); one that a function word vouches
    for needs no other backing: neither a head the document also uses nor a single use."""
    need = evidence(run, split.cuts, split.kinds)
    if need == SURE and strong(run, split.cuts, split.kinds):
        if (split.head or split.weak) and vouched(run, split.cuts):
            return dataclasses.replace(split, need=need, strong=True, weak=False, head="", tail="")
        return dataclasses.replace(split, need=need, strong=True)
    led = bool(split.head) and need <= ONCE and vouched(run, split.cuts[1:], split.cuts[0])
    return dataclasses.replace(split, need=need, led=led)


def _chunk_runs(chunk: str, params: Params, cache: dict[tuple[str, bool, str], Split | None]) -> Runs:
    """`chunk_runs` before the weighing: the runs and where spaces may go in them."""
    if len(chunk) < 3:
        return ()
    core = chunk.strip(_EDGE_PUNCTUATION)
    # Every pronoun split holds a capital I: most chunks hold none, and skip the call.
    if "I" in core and (pronoun := _glued_pronoun(chunk, core, params, cache)) is not None:
        return pronoun  # room|I was, Balm|I just, Hi|I’d
    if core.isalpha():  # a word with punctuation around it, the common case
        if core.lower() in ARTICLE_WORDS and core[1:].islower():
            return _glued_article(chunk, core)
        if is_known(core):
            return _glued_opener(chunk, core)
        start = chunk.find(core)
        if chunk[start + len(core) : start + len(core) + 1] in _COMPANY_STOPS_AFTER and (
                company := _glued_company(core, params, cache)):
            return ((start, start + len(core), company),)  # with|Centrica|PLC,
        split = split_run(core, params, False, _clitic_after(chunk, start + len(core)), cache)
        if split is None or _article_at_stop(core, split, chunk[start + len(core) : start + len(core) + 1]):
            return _glued_opener(chunk, core) or _name_article(chunk, core)
        return ((start, start + len(core), split),)
    if _known_parts(core):
        return ()  # city’s, credit-card, Biden's: known words joined by an apostrophe or hyphen
    if _ADDRESS.search(chunk) or _GLUED_TAIL.search(chunk):
        return _glued_address(chunk, params)
    found = []
    for m in _LETTER_RUN.finditer(chunk):
        start, end = m.span()
        if _abbreviation_glued(chunk, start, end):
            dotted = _DOTTED.match(chunk, end - 1).end()  # report the abbreviation with its stops
            found.append((start, dotted, Split((end - 1 - start,), False, ("abbreviation",))))  # the|U.S.
            continue
        if start and chunk[start - 1].isdigit() and end - start > 3 and chunk[start : start + 2] in _ORDINALS:
            first = start - 1
            while first and chunk[first - 1].isdigit():
                first -= 1
            if (end == len(chunk) or not chunk[end].isdigit()) and _ordinal_glued(chunk[first:start], m.group()):
                found.append((first, end, Split((start - first + 2,), False, ("ordinal",))))  # 21st|century
            continue
        if end < len(chunk) and chunk[end].isdigit() and (model := _glued_model(chunk, start, end)):
            found.append(model)  # the|D5100, or|D800E
            continue
        if start and chunk[start - 1].isdigit() or end < len(chunk) and chunk[end].isdigit():
            continue  # a name with digits in it: 23andme, Cre8asite
        if chunk[end : end + 1] in _COMPANY_STOPS_AFTER and (company := _glued_company(m.group(), params, cache)):
            found.append((start, end, company))  # Nokia|Corp., of|Apple|Inc.'s
            continue
        after_apostrophe = start > 1 and chunk[start - 1] in _APOSTROPHES
        clitic_before = after_apostrophe and chunk[start - 2].isalnum()
        if clitic_before and (glued := _glued_clitic(chunk, start, end)) is not None:
            found.append(glued)  # here’s|the, don’t|read, we're|introducing
            continue
        clitic = _clitic_after(chunk, end)
        split = split_run(m.group(), params, clitic_before, clitic, cache)
        if split is not None:
            # Report the whole word with its apostrophes: city’sconstruction, doesn’t.
            word_start = start - 1 if clitic_before else start
            while clitic_before and word_start > 0 and chunk[word_start - 1].isalnum():
                word_start -= 1
            word_end = end + 1 + len(clitic) if clitic else end
            cuts = tuple(start - word_start + c for c in split.cuts)
            found.append((word_start, word_end, dataclasses.replace(split, cuts=cuts)))
    return tuple(found)


def _name_article(chunk: str, core: str) -> Runs:
    """A capitalised word the list knows well glued to the article "a" or "an" after it,
    where the list does not know the token (`Ryana`, `Coursea`, `Electrica`): the split
    holds only before the noun phrase the article opens (see `find_merges`), since names
    and brands end so too (`Durana said`)."""
    if not core.endswith(("a", "an")):
        return ()  # most words: a plain test before the slicing below
    for article in ("an", "a"):
        head = core[: -len(article)]
        if (core.endswith(article) and len(head) >= NAME_ARTICLE_HEAD and head.istitle() and core[1:].islower()
                and zipf(head.lower()) >= NAME_ARTICLE_ZIPF and not zipf(core.lower())):
            start = chunk.find(core)
            return ((start, start + len(core), Split((len(head),), False, ("name-article",))),)
    return ()


NAME_ARTICLE_HEAD = 4  # shortest word before the article: Ryan|a whole lot
NAME_ARTICLE_ZIPF = 3.5  # weakest word before it


def _glued_company(run: str, params: Params, cache: dict[tuple[str, bool, str], Split | None]) -> Split | None:
    """A company's name glued to the abbreviation of its legal form that a stop or a comma
    follows (`NokiaCorp.`, `AppleInc.'s`, `CentricaPLC,`): a link around the name, with the
    form left outside it; a word glued before the name is cut off as anywhere (`ofApple`).
    The name has four letters or more and the list knows neither it glued (`PepsiCo`) nor
    the run; None if not so."""
    m = _COMPANY.fullmatch(run)
    if m is None or zipf(m["glued"].lower()):
        return None
    cut = m.end("name")
    if not m["lead"]:
        return Split((cut,), False, ("company",))
    before = split_run(run[:cut], params, cache=cache)
    if before is None or before.cuts[-1] != len(m["lead"]):
        return None
    return dataclasses.replace(before, cuts=(*before.cuts, cut), kinds=(*before.kinds, "company"))


_COMPANY = LazyPattern(
    r"(?P<lead>\p{Ll}*)(?P<glued>(?P<name>\p{Lu}\p{Ll}{3,})(?:Inc|Corp|Ltd|Co|PLC|AG|SA|LLC))", regex.V1)
_COMPANY_STOPS_AFTER = (".", ",")  # the stop of the abbreviation, or a comma (CentricaPLC,)


def _glued_opener(chunk: str, core: str) -> Runs:
    """A capitalised preposition or conjunction glued to a determiner (`_GLUED_OPENER`),
    where the word list's own split finds nothing: the capital makes a known typo
    (`ofthe`) or a short token look like a name."""
    if not core.startswith(_OPENER_LEADS):
        return ()  # most known words: a plain test before the pattern
    start = chunk.find(core)
    if (m := _OPENER_ARTICLE.fullmatch(core)) is not None:
        return ((start, start + len(core), Split((len(m["lead"]),), False, ("opener-article",))),)  # In|a report
    m = _GLUED_OPENER.fullmatch(core)
    if m is None or core in OPENER_NAMES:
        return ()
    return ((start, start + len(core), Split((len(m["lead"]),), False, ("opener-pair",))),)


# A capitalised preposition or conjunction glued to a determiner, the words that open
# sentences: "Inthe end", "Andthe rest", "Withmy". The word list knows some in lower case
# (typos of "of the"), so a capital does not make them names; not "a", "an", "her" or
# "one" after it (Ina, Asa, Inan, Fortwo), nor the names and brands below.
_OPENER_LEADS = ("Of", "In", "And", "On", "At", "To", "For", "But", "By", "With", "From", "As", "If", "When",
                 "So", "After", "Before", "During", "Since")
_GLUED_OPENER = LazyPattern(
    rf"(?P<lead>{'|'.join(_OPENER_LEADS)})(?:the|this|that|these|those|his|their|our|my|your)",
    regex.V1,
)
OPENER_NAMES = frozenset(("Athis", "Ashis", "Tomy"))  # a town, a given name, a brand
# The same words glued to the article "a" or "an" (Ina, Buta, Whena, Inan): names too
# (Ina, Asa, Inan), so split only where a sentence starts and the noun phrase the article
# opens follows (`_article_phrase_after`, see `find_merges`).
_OPENER_ARTICLE = LazyPattern(rf"(?P<lead>{'|'.join(_OPENER_LEADS)})an?", regex.V1)


def _glued_article(chunk: str, core: str) -> Runs:
    """The article "a" glued to an adjective or adverb where the list knows the glued form
    as a word of its own (`ARTICLE_WORDS`: anew, avery): "a" and the word after it, if a
    noun or an adjective follows (`_noun_after`: "anew version", "avery different game";
    not "begin anew." nor "anew in"), since the adverb "anew" ends its phrase; capitalised
    only where a sentence starts (`Anew report`)."""
    start = chunk.find(core)
    return ((start, start + len(core), Split((1,), False, ("article-word",))),)


ARTICLE_WORDS = frozenset(("anew", "avery"))  # a|new, a|very: known words, but never before a noun


def _article_glued_after(word: str, split: Split, text: str, end: int) -> bool:
    """Whether a lower-case token ends in the article "a" or "an" glued to a common word
    before it, where the noun phrase the article opens follows: a word that takes that
    article ("a" before a consonant, "an" before a vowel), common, and neither a function
    word (but the nouns of "a few", "a lot", "a couple"), an adverb in -ly nor a verb that
    follows a name (`togethera website`, `buildinga writing space`, `mountaina few hours`;
    not `Durana said`, a name). Such a split needs a page that lost a space elsewhere,
    as other lower-case splits do, but not the three sure merges a content word needs:
    no compound, name or coinage is a word with the article glued after it."""
    pieces = word[split.cuts[-1] :], word[split.cuts[-2] if len(split.cuts) > 1 else 0 : split.cuts[-1]]
    article, before = pieces
    if article not in ("a", "an") or not word.isalpha() or not word.islower():
        return False
    if len(before) < ARTICLE_HEAD_LENGTH or zipf(before) < ARTICLE_HEAD_ZIPF or before in function_words():
        return False
    return _article_phrase_after(article, text, end)


def _glued_phrase_of_three(word: str, split: Split) -> bool:
    """Whether a lower-case token is three common words or more glued together, at most one
    of them of two letters or fewer (`reallybadidea`, `stayingoutof`, `beonereader`; not
    `transformatin`, a typo read as transform|at|in): two spaces lost in a row are a page's
    doing, not a writer's typo nor a compound, so a page that lost a space elsewhere backs
    them, as it backs a function word's split."""
    if len(split.cuts) < 2 or not word.isalpha() or not word.islower():
        return False
    edges = (0, *split.cuts, len(word))
    pieces = [word[a:b] for a, b in itertools.pairwise(edges)]
    short = sum(1 for piece in pieces if len(piece) <= 2)
    return short <= 1 and all(zipf(piece) >= PHRASE_OF_THREE_ZIPF for piece in pieces)


PHRASE_OF_THREE_ZIPF = 3.5  # weakest word of such a phrase


def _i_phrase(word: str, split: Split) -> bool:
    """Whether a token is the pronoun "I" glued to an auxiliary or an adverb and the common
    word after it (`Icancook`, `Istilldo`): three words, the first never a name's, that
    hold inside a sentence too (a short function word glued to a word elsewhere is a
    name: `Inman`); not a longer chain, a user's name (`Iamwhatyouwant`)."""
    if not word.startswith("I") or split.cuts[:1] != (1,) or len(split.cuts) != 2 or not word[1:].islower():
        return False
    verb, last = word[1 : split.cuts[1]], word[split.cuts[1] :]
    return verb in I_AUXILIARIES and zipf(last) >= I_PHRASE_ZIPF


I_AUXILIARIES = frozenset(("am", "can", "will", "do", "did", "still", "also", "just", "could", "would", "should",
                           "have", "had", "was", "really", "never", "always"))
I_PHRASE_ZIPF = 3.5  # weakest word after them


def _opener_article(word: str, split: Split, text: str, start: int, end: int) -> bool:
    """Whether a capitalised preposition or conjunction glued to "a" or "an" (`Ina`,
    `Buta`) starts a sentence before the noun phrase the article opens: not a name."""
    return _starts_sentence(text, start) and _article_phrase_after(word[split.cuts[0] :], text, end, True)


def _named_article(word: str, split: Split, text: str, end: int) -> bool:
    """Whether a capitalised word glued to "a" or "an" (`_name_article`) stands before the
    noun phrase the article opens, and not before a verb in -ed, which follows names."""
    m = _NEXT_WORD.match(text, end)
    if m is None or m.group(1).endswith("ed"):
        return False
    return _article_phrase_after(word[split.cuts[0] :], text, end, True)


def _article_phrase_after(article: str, text: str, end: int, after_name: bool = False) -> bool:
    """Whether the noun phrase that the article "a" or "an" opens follows text[:end] on its
    line: a lower-case word that takes that article ("a" before a consonant, "an" before a
    vowel), common, and neither a function word (but the nouns of "a few", "a lot"), an
    adverb in -ly nor a verb that follows a name; with `after_name` (the token may be a
    name: Ina, Inan), nor a word in -s, a verb's form as often as a plural's (Ina bakes)."""
    m = _NEXT_WORD.match(text, end)
    if m is None or not m.group(1).islower():
        return False
    after = m.group(1)
    if (after[0] in "aeio") != (article.lower() == "an") or after[0] in "uh":
        return False  # a|series, an|interview; not "a" before "u" or "h" (a|union, an|hour)
    if after in function_words() and after not in ARTICLE_QUANTITIES or after.endswith("ly"):
        return False
    if after_name and after.endswith("s") and not after.endswith(("ss", "us", "is")):
        return False
    return zipf(after) >= ARTICLE_NEXT_ZIPF and after not in NAME_FOLLOWERS and after not in PAST_VERBS


ARTICLE_HEAD_LENGTH = 3  # shortest word before a glued article: put|a lot, not in|a
ARTICLE_HEAD_ZIPF = 3.5  # weakest word before it
ARTICLE_NEXT_ZIPF = 3.0  # weakest word after it
ARTICLE_QUANTITIES = frozenset(("few", "lot", "couple", "little", "bit"))  # a few, a lot: nouns of a phrase


def _noun_after(text: str, end: int) -> bool:
    """Whether a content word follows text[:end] on its line: lower-case, common, not a
    function word nor an adverb in -ly (`anew version`, not `anew in`, `anew slowly`)."""
    m = _NEXT_WORD.match(text, end)
    if m is None or not m.group(1)[0].islower():
        return False
    word = m.group(1).lower()
    if word in function_words() or word.endswith("ly"):
        return False
    # the word may hold a lost space of its own: a|new paperon, a|new videoresponding
    return any(zipf(word[:size]) >= NOUN_AFTER_ZIPF for size in range(len(word), NOUN_AFTER_LENGTH - 1, -1))


NOUN_AFTER_LENGTH = 4  # shortest word at the start of the next token: a|new iPod, a|new cookbookout


NOUN_AFTER_ZIPF = 3.0  # weakest word after a glued article: a|new hybrid


def _glued_model(chunk: str, start: int, end: int) -> tuple[int, int, Split] | None:
    """A function word glued to a model number (`theD5100`, `orD800E`, `anA380`): capitals
    and digits after a lower-case function word make no word, brand or code name (iPhone4,
    mRNA1273 start otherwise). The run is reported up to the end of the number's digits."""
    m = _GLUED_MODEL.fullmatch(chunk, start, end)
    if m is None:
        return None
    stop = end
    while stop < len(chunk) and chunk[stop].isdigit():
        stop += 1
    return (start, stop, Split((len(m["word"]),), False, ("model",)))


_GLUED_MODEL = LazyPattern(
    r"(?P<word>the|a|an|or|and|of|in|on|to|my|new|this|with|for|your|our|his|her|its)\p{Lu}{1,4}",
    regex.V1,
)


def _glued_pronoun(chunk: str, core: str, params: Params,
                   cache: dict[tuple[str, bool, str], Split | None]) -> Runs | None:
    """A word glued to the pronoun "I": `roomI was`, `BalmI just`, `HiI’d`. No English word
    ends in a lower-case letter and a capital I, and "I" stands alone as a word, pronoun or
    numeral, so the cut holds on any page; a bare "I" must be followed by a lower-case
    word (see `_pronoun_after`). A word before it that holds merges of its own is judged
    as any other token (None)."""
    start = chunk.find(core)
    if core[1:] in I_VERBS and core[0] == "I":
        return ((start, start + len(core), Split((1,), False, ("pronoun",))),)  # Ihad, Iknow
    m = _GLUED_I.fullmatch(core) if "I" in core else None  # most chunks hold no capital I: a plain test first
    if m is None or _chunk_runs(m["word"], params, cache):
        return None
    return ((start, start + len(core), Split((len(m["word"]),), False, ("pronoun",))),)


# Verbs that follow "I" and with it make no name or word: Ihad, Iknow, Imet (not Ido,
# Ican, Iam, Isee, Iwill: names and brands).
I_VERBS = frozenset((
    "had", "have", "was", "know", "knew", "think", "thought", "put", "met", "got", "did",
    "would", "could", "love", "loved", "want", "wanted", "need", "went", "saw", "found",
    "feel", "felt", "guess", "hope", "never", "tried", "made", "mean", "said", "remember",
    "told", "wish", "started", "took", "came", "heard", "believe", "agree", "asked",
    "called", "spent", "decided", "wrote",
))


# Two letters or more, the last in lower case (not "MEI", "OpenAI"), then "I" and perhaps
# its clitic.
_GLUED_I = LazyPattern(r"(?P<word>\p{L}+\p{Ll})I(?P<clitic>['’](?:m|ll|ve|d))?", regex.V1)
_LOWER_WORD_AFTER = LazyPattern(r"[ \t]+\p{Ll}{2,}\b", regex.V1)


def _pronoun_after(word: str, text: str, end: int) -> bool:
    """Whether the "I" that ends `word` (at text[:end]) is the pronoun before its verb: it
    has a clitic (I’m, I'll) or a lower-case word follows (`roomI was`, not `HiFI.`)."""
    return not word.endswith("I") or _LOWER_WORD_AFTER.match(text, end) is not None


def _article_at_stop(run: str, split: Split, after: str) -> bool:
    """Whether a split leaves an article before a stop: `fora.` (of forum) is not "for a."."""
    return bool(after) and after in _CLAUSE_END and run[split.cuts[-1] :].lower() in _ARTICLES


_ARTICLES = frozenset(("a", "an", "the"))


def _abbreviation_glued(chunk: str, start: int, end: int) -> bool:
    """Whether the letters chunk[start:end] are one word the list knows and the capital
    of an abbreviation written with full stops (`theU.S.`, `TheU.S.`, `byT.Y.`), not
    after an apostrophe (`AG'sU.K.` is a clitic's) nor a name particle (`McD.C.`)."""
    word = chunk[start : end - 1]
    if not word.isalpha() or not chunk[end - 1].isupper() or not (len(word) == 1 or word[1:].islower()):
        return False
    if start and chunk[start - 1] in _APOSTROPHES or word in NAME_PREFIXES:
        return False
    return zipf(word.lower()) >= ABBREVIATION_WORD_ZIPF and _DOTTED.match(chunk, end - 1) is not None


ABBREVIATION_WORD_ZIPF = 3.0  # weakest word glued to an abbreviation: the|U.S., helped|U.S.
_DOTTED = LazyPattern(r"\p{Lu}\.(?:\p{Lu}\.)+", regex.V1)  # U.S., F.B.I.: an abbreviation after a word
_ORDINALS = frozenset(("st", "nd", "rd", "th"))
ORDINAL_WORD_ZIPF = 3.5  # weakest word glued after an ordinal: 21stcentury, 30thof (not 4thly)


def _ordinal_glued(digits: str, letters: str) -> bool:
    """Whether `letters` after `digits` are an ordinal's suffix and a common word glued to
    it (21|stcentury, 30|thof), not a word glued to a number (2013that, 30that, 1stand)."""
    suffix, word = letters[:2], letters[2:]
    last = int(digits[-1])
    teen = len(digits) > 1 and digits[-2] == "1"
    if suffix != ("th" if teen or last > 3 or not last else ("st", "nd", "rd")[last - 1]):
        return False
    return zipf(word) >= ORDINAL_WORD_ZIPF and zipf(letters) < ORDINAL_WORD_ZIPF


def _glued_clitic(chunk: str, start: int, end: int) -> tuple[int, int, Split] | None:
    """A contraction or a possessive glued to the word after it: the letters at
    chunk[start:end] follow an apostrophe and begin with its clitic ("s" of here’sthe,
    "t" of don’tread, "re" of we'reintroducing), and the rest is a common word. The "t"
    follows a negated auxiliary (don, didn, isn), the "re", "ve", "ll", "m" and "d" a
    pronoun; the "s" any word (a possessive)."""
    word_start = start - 1
    while word_start > 0 and chunk[word_start - 1].isalpha():
        word_start -= 1
    before = chunk[word_start : start - 1].lower()
    letters = chunk[start:end]
    if not before or not letters.islower():
        return None
    for clitic in _GLUED_CLITICS:
        rest = letters[len(clitic) :]
        if not letters.startswith(clitic) or not rest:
            continue
        if clitic == "t" and before not in NEGATED or clitic not in ("s", "t") and before not in _PRONOUNS:
            continue
        if clitic == "s" and len(before) < 3 and before not in _PRONOUNS:
            continue  # Ma’sum: a name written with an apostrophe
        if rest in SHORT_WORDS or len(rest) >= 3 and zipf(rest) >= CLITIC_WORD_ZIPF:
            return word_start, end, Split((start + len(clitic) - word_start,), False, ("clitic",))
    return None


_GLUED_CLITICS = ("re", "ve", "ll", "s", "t", "m", "d")
_PRONOUNS = frozenset(("i", "you", "we", "they", "he", "she", "it", "there", "who", "that", "what"))
CLITIC_WORD_ZIPF = 4.0  # weakest word glued after a contraction: here’s|the, don’t|read


def _known_parts(core: str) -> bool:
    """Whether a chunk's core is known words with a possessive or hyphens between them."""
    if core[-2:] in _POSSESSIVES:
        core = core[:-2]
    return is_known(core) or ("-" in core and all(map(is_known, core.split("-"))))


def _clitic_after(chunk: str, end: int) -> str:
    """The clitic after an apostrophe at chunk[end] ("t" in doesn’t), or ""."""
    if end >= len(chunk) or chunk[end] not in _APOSTROPHES:
        return ""
    m = _CLITIC_AFTER.match(chunk, end)
    return m.group(1).lower() if m else ""


def _glued_address(chunk: str, params: Params) -> Runs:
    """A word glued to the front or the end of an address (`_glued_front`, `_GLUED_TAIL`):
    one run over the whole chunk, cut there; the address itself is never split."""
    front = _glued_front(chunk, params)
    tail = _GLUED_TAIL.search(chunk)
    if tail is None or "/" in chunk[: tail.start()].rpartition("://")[2]:
        return front  # a word after a path is part of it: example.com/a.comand
    cut, kind = tail.start("tail"), "address"
    if front:
        split = front[0][2]
        return ((0, len(chunk), Split((*split.cuts, cut), False, (*split.kinds, kind))),)
    return ((0, len(chunk), Split((cut,), False, (kind,))),)


def _glued_front(chunk: str, params: Params) -> Runs:
    """A word glued to the address after it.

    - any word before a URL scheme ("Sourcehttps://", "Rossohttp://"), in any language:
      nothing else puts letters right before "http://";
    - a known word (or one ending in a known word) before "www." ("visitwww.example.com");
    - a function word before a capitalised domain ("onWired.com");
    - "at", "to", "email" or "contact" before an e-mail address whose name part is unknown
      as a whole but a known name without the prefix ("atallen.root@", not "tobias@").
    """
    m = _GLUED_ADDRESS.match(chunk)
    if m is None:
        return ()
    if m["url"]:
        return ((0, len(chunk), Split((len(m["url"]),), False, ("url",))),)
    if m["mail"]:
        return _glued_mail(chunk, m["mail"])
    if m["handle"]:
        return _glued_handle(chunk, m["handle"])
    if m["site"]:
        return _glued_site(chunk, m["site"])
    word = m["web"] or m["domain"]
    low = word.lower()
    if m["web"]:
        found = segment(low, params) if len(low) >= params.min_length else None
        last = low[found[1][-1] :] if found else low
        if zipf(last) < params.min_zipf:
            return ()
    elif low not in JOINT_WORDS and low not in SITE_PREFIXES:
        return ()  # onWired.com, visitExample.com
    return ((0, len(chunk), Split((len(word),), False, ("address",))),)


def _glued_site(chunk: str, label: str) -> Runs:
    """A preposition or "visit" glued to a lower-case domain (`attutudumonde.com`,
    `ofinbound.co.uk`, `atgames.example.com`, `Visitexample.com`), where the word list does
    not know the domain's name as a word (forbes.com, independent.co.uk, atlantic.com).
    Domains start so too (atkinsdiet.com), so the split needs a page that loses spaces
    everywhere."""
    if zipf(label):
        return ()
    low = label.lower()
    for prefix in SITE_PREFIXES:
        rest = low[len(prefix) :]
        if low.startswith(prefix) and len(rest) >= SITE_NAME_LENGTH and rest[0].isalnum():
            return ((0, len(chunk), Split((len(prefix),), False, ("site",))),)
    return ()


# Longest first. Not "to" (tomchatfield.net), "on" (onmeth.com): domains often start so.
# "visit" begins tourist boards' domains (visitscotland.com), but none on the texts we read,
# while "visit" glued to the site it names recurs on pages that lose spaces everywhere.
SITE_PREFIXES = ("visit", "from", "at", "of")
SITE_NAME_LENGTH = 4  # shortest name of a domain left after the prefix


def _glued_handle(chunk: str, word: str) -> Runs:
    """A function word glued to a social-media handle (`at@janeroe`, `his@JaneRoe`): no
    e-mail address ends without a domain. Writers drop that space too (`follow me at@x`),
    so the split needs a page that loses spaces elsewhere."""
    if word not in HANDLE_PREFIXES:
        return ()
    return ((0, len(chunk), Split((len(word),), False, ("handle",))),)


HANDLE_PREFIXES = frozenset((
    "at", "to", "from", "on", "via", "by", "with", "and", "as", "the", "my", "his", "her", "our", "their",
))


def _glued_mail(chunk: str, name: str) -> Runs:
    if zipf(name) or len(name) < 6:
        return ()
    for prefix in MAIL_PREFIXES:
        rest = name[len(prefix) :]
        if name.startswith(prefix) and len(rest) >= 4 and zipf(rest) >= MAIL_NAME_ZIPF:
            return ((0, len(chunk), Split((len(prefix),), False, ("address",))),)
    return ()


class _ProseLines:
    """Whether a chunk sits in a line of prose.

    A chunk alone on its line is a logo, a menu item or a name (Storagecraft, myMuseum),
    a line with braces or with statements (`x = a.b();`) is a template or code
    (`{* backButton *}`, `parentNode`), and a line that reads as another language than
    English keeps its words (`registo`, `nota`, `netten`).
    """

    def __init__(self, doc: Document, memory: Memory) -> None:
        self._doc = doc
        self._code = memory.code_lines
        self._foreign = memory.foreign_lines
        for verdicts in (self._code, self._foreign):
            if len(verdicts) > CACHE_LIMIT:
                verdicts.clear()

    def __call__(self, start: int, end: int, english: bool = True) -> bool:
        doc, text = self._doc, self._doc.text
        line = doc.line(doc.line_index(start))
        before, after = start - 1, end
        while before >= line.start and text[before].isspace():
            before -= 1
        while after < line.end and text[after].isspace():
            after += 1
        if before < line.start and after >= line.end:
            return False
        # Code and language are the line's own (no pattern looks past its ends): kept by its
        # text, for the next fix pass and the pages that share it.
        content = text[line.start : line.end]
        if content not in self._code:
            self._code[content] = _is_code(content)
        if self._code[content]:
            return False
        if not english:
            return True
        if content not in self._foreign:
            self._foreign[content] = foreign_line(content, 0, len(content))
        return not self._foreign[content]


def _is_code(line: str) -> bool:
    """Whether a line holds braces or statements of a program (`_CODE`)."""
    mark = _CODE_MARK.search(line)  # one cheap look first
    braces = mark is not None and _BRACES.search(line) is not None
    return braces or mark is not None and _CODE.search(line) is not None


_CODE_MARK = LazyPattern(r"[{}(=&|]")
_BRACES = LazyPattern(r"[{}]")
# Statements of a program: "x = document.createElement('a');", "i.hasAttribute(l)".
# A method call names an object and a method that start with a letter: not a number glued
# to a heading in a numbered list ("2005)30.Padilla(Sept."), nor a price ("$179.99(USD)").
_CODE = LazyPattern(
    r"\w\([^()\n]*\);|\w\s*=\s*[\w.]+\(|(?<![\w.$])[\p{L}_$][\w$]*(?:\.[\w$]+)*\.[\p{L}_$][\w$]*\(|=>|&&|\|\|",
    regex.V1,
)
