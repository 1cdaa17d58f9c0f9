"""NL101 merged-words: words glued together where a scraper lost a space."""
from __future__ import annotations

import itertools
from collections.abc import Iterator

from newslint.document import Document
from newslint.model import Applicability, Edit, Fix, Violation
from newslint.rule import Option, Rule
from newslint.rules._words import Params
from newslint.rules._words_text import EnglishLines, Merge, find_merges, prepare

_DEFAULT = Params()


def _at_least(low: float):
    return lambda value: None if value >= low else f"must be at least {low}"


class MergedWords(Rule):
    """NL101 merged-words: words glued together where a scraper lost a space.

    ## What it does
    Finds tokens that are two or more words run together, as scrapers leave them where a
    space sat at a tag boundary: `Ukraineprompting`, `Medicareto`, `theTimes`,
    `paperinNatureby`, `NJJune`, `city’sconstruction`, `visitwww.example.com`. The fix
    inserts the missing spaces.

    A token is split only when wordfreq's English word list explains it much better as
    several words than as one, with a penalty per inserted space. The evidence weighed:

    - a change of letter case inside the token (`theTimes`, `ByJason`, `CEOthe`), judged
      from the words on both sides; brand shapes stay whole when the word list knows the
      glued form (`YouTube`, `PlayStation`, `CarPlay`) or the left part is a single letter
      or a name particle (`iPhone`, `eBay`, `McDonald`, `DeSantis`);
    - a segmentation of the whole token into known words (`Ukraineprompting`,
      `thatsaidthey`), by dynamic programming over all cut points;
    - capitalised tokens are most often names, so their split must look like words and
      not like a name that happens to contain one, and it is dropped when the token occurs
      more than once in the document (a repeated token is a name, not an accident); a
      split into content words only (`Applecancelled`) holds when the document also uses
      the first word on its own (`Apple`) or the token starts a sentence;
    - a name glued to the words after it: an unknown name before a word that often
      follows a name (`Bridenstinesaid`), or a name the document also uses on its own
      (`Lightcloudis` beside `Lightcloud`).

    Never split: rare names (`Pushilin`, `Luhansk`, `Matsegora`), words the list knows
    (`hourlong`), all-capital tokens (`AUTORACING`), URLs, e-mail addresses, handles,
    hashtags, domains (`TIME.com`), paths, code identifiers, abbreviations and numbers
    (`U.S.`, `3.5`, `1,000`), a token alone on its line (a logo or menu item), and lines
    of a template. Words listed in the project vocabulary (`accept`) are never reported.
    Text that is not English is left alone, except for lines that clearly read as English.

    ## Why is this bad?
    A merged token is not a word: it breaks search, spell checking, tokenisation and word
    counts, and reads as a typo.

    ## Example
        Donetsk and Luhansk, another Russian-backed region in the east. Ukraineprompting Kyiv
        to cut ties, the paper said.The report appeared in theTimes on Monday.

    Use instead:
        Donetsk and Luhansk, another Russian-backed region in the east. Ukraine prompting Kyiv
        to cut ties, the paper said.The report appeared in the Times on Monday.

    (The missing space after `said.` is NL102's.)

    ## Options
    - `min-length` (4): shortest run of letters of one case that is segmented;
    - `min-zipf` (3.0): the rarest word (wordfreq Zipf value) accepted as a piece;
    - `unknown-cost` (9.5): how unlikely a token the word list does not know is taken to be
      a word; raise it to split more, lower it to split less;
    - `margin` (0.0): how much more likely than the whole token a split must be.

    ## Fix safety
    Unsafe: the split is a statistical guess. It is right for most scraped text, but a
    rare compound, brand or foreign word that looks like two English words will be split
    (`Northwell`, `smallcaps`, `hairlike`).

    ## Limitations
    English only, and the word list's view of English: a word it does not know is taken
    for a name. Two capitalised words glued together (`CenterAugust`, `NoticeTerms`) are
    split only when one of them is a function word or a month or weekday name, since most
    such tokens are brand names (`GoodVentures`, `SunExpress`). A merge that forms a real
    word (`in` + `to` = `into`, `a` + `typical`) cannot be seen, nor one repeated in the
    same text with a capital (`Trekfilm` four times). Merges inside URLs, e-mail addresses
    and handles (`@Spacedotcomand`) are left alone.
    """

    code = "NL101"
    name = "merged-words"
    fixable = True
    options = (
        Option("min-length", _DEFAULT.min_length,
               "shortest run of letters that is segmented", _at_least(3)),
        Option("min-zipf", _DEFAULT.min_zipf,
               "rarest word (wordfreq Zipf value) accepted as a piece", _at_least(1.0)),
        Option("unknown-cost", _DEFAULT.unknown_cost,
               "how unlikely an unknown token is taken to be a word; higher splits more",
               _at_least(5.0)),
        Option("margin", _DEFAULT.margin,
               "how much more likely than the whole token a split must be", _at_least(0.0)),
    )

    def __init__(self, settings=None) -> None:
        super().__init__(settings)
        self._params = Params(
            min_length=self.settings["min-length"],
            min_zipf=self.settings["min-zipf"],
            unknown_cost=self.settings["unknown-cost"],
            margin=self.settings["margin"],
        )
        prepare(self._params)  # load the word list now, not in the first check

    def check(self, doc: Document) -> Iterator[Violation]:
        text = doc.text
        english = EnglishLines(doc)
        for merge in find_merges(doc, self._params):
            token = text[merge.start : merge.end]
            if doc.accepts(token) or not english(merge.start):
                continue
            yield self.violation(merge.start, merge.end, _message(text, merge), _fix(merge))


def _message(text: str, merge: Merge) -> str:
    token = text[merge.start : merge.end]
    edges = [merge.start, *merge.cuts, merge.end]
    spaced = " ".join(text[a:b] for a, b in itertools.pairwise(edges))
    return f"merged words '{token}': insert spaces ('{spaced}')"


def _fix(merge: Merge) -> Fix:
    return Fix(tuple(Edit(cut, cut, " ") for cut in merge.cuts), Applicability.UNSAFE)
