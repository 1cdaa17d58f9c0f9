"""NL401 dangling-attribution: a verbless scrap of a sentence left after an attribution."""
from __future__ import annotations

from collections.abc import Iterator

import regex

from newslint.document import Document
from newslint.model import Violation
from newslint.rule import Rule
from newslint.rules._lazy import LazyPattern
from newslint.rules._phrases import lowercase_words

# The end of an attribution sentence, then the rest of the line up to an optional final stop.
# The pattern starts at the stop, so only stops are tried; a look-ahead for a capital rules out
# many of them cheaply before the look-behind for the verb. The scrap is matched possessively
# (no backtracking into it).
_TAIL = LazyPattern(
    r"\.(?=[ \t]+\p{Lu})(?<=\m(?P<verb>\L<verbs>)\.)"
    r"[ \t]+(?P<scrap>\p{Lu}[^.!?\n]{1,80}+)(?P<end>[.!]?)[ \t\r]*$",
    regex.M, verbs=sorted(lowercase_words("fragments_attribution_verbs")),
)
_WORD = LazyPattern(r"[\w'’-]+")
_QUOTE = LazyPattern(r"[\"“”«»„]")
_CONTRACTION = LazyPattern(r"^(?P<base>\w+)['’](?:s|re|ve|ll|d|m)$", regex.I)
MAX_WORDS = 8


def _has_verb_form(word: str) -> bool:
    """`That's`, `It's`, `There're`: a pronoun contracted with a verb."""
    m = _CONTRACTION.match(word)
    return bool(m) and m["base"].lower() in lowercase_words("fragments_function_words")


def _is_scrap(scrap: str) -> bool:
    if scrap.endswith(":"):
        return False  # `From X at Reuters:` introduces the quotation that follows
    words = _WORD.findall(scrap)
    if not 2 <= len(words) <= MAX_WORDS or words[0].lower() in lowercase_words("fragments_imperatives"):
        return False
    if _QUOTE.search(scrap) or any(_has_verb_form(word) for word in words):
        return False  # a quotation or a contracted verb: a sentence or a citation, not a scrap
    small_words = 0
    for word in words:
        if word.lower() in lowercase_words("fragments_time_words") and word[0].islower():
            small_words += 1
        elif not (word[0].isupper() or word[0].isdigit()):
            return False  # any other lower-case word may be a verb: not a verbless scrap
    return small_words > 0


class DanglingAttribution(Rule):
    """NL401 dangling-attribution: a verbless scrap of a sentence left after an attribution.

    ## What it does
    Finds a short piece with no verb that ends a paragraph right after a sentence ending
    in an attribution verb, as in `... the official Central News Agency reported. North
    Korea on Wednesday.`: the scrap (`North Korea on Wednesday.`) is the tail of the
    attribution, cut loose when a scraper moved or dropped part of the sentence.

    The scrap must be two to eight words long, start with a capital letter, and consist
    only of capitalised names, numbers and the small words of a time or place phrase
    (`on`, `in`, `last`, `week`, `morning`; see `rules/data/fragments_time_words.txt`),
    with at least one such small word. Attribution verbs are listed in
    `rules/data/fragments_attribution_verbs.txt`. Left alone: a call to action that
    starts with a verb (`Follow Newsbeat on Instagram.`), a piece holding a quotation mark
    or a pronoun contracted with a verb (`That's Pants on Fire," Aug 20`), a piece ending
    in a colon, which introduces what follows (`From John Smith at Reuters:`), and every
    non-English text.

    ## Why is this bad?
    The scrap is not a sentence: it breaks the paragraph for readers and for any tool that
    splits text into sentences, and the words it holds belong to the attribution.

    ## Example
        ... of their people, the official Central News Agency reported. North Korea on Wednesday.

    Use instead:
        ... of their people, North Korea's official Central News Agency reported on Wednesday.

    ## Limitations
    Report only: the words of the scrap belong somewhere in the attribution, and only a
    reader can tell where. Scraps with a verb, or that do not end their paragraph, are not
    found.
    """
    code = "NL401"
    name = "dangling-attribution"

    def check(self, doc: Document) -> Iterator[Violation]:
        found = [m for m in _TAIL.finditer(doc.text) if _is_scrap(m["scrap"].rstrip())]
        if not found or not doc.is_english:
            return
        for m in found:
            scrap = m["scrap"].rstrip()
            end = m.end("end") if m["end"] else m.start("scrap") + len(scrap)
            yield self.violation(
                m.start("scrap"), end,
                f"dangling attribution: '{scrap}' has no verb and is left over after "
                f"'{m['verb']}.'; put it back into the attribution or delete it",
            )
