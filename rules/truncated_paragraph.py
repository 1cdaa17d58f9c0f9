"""NL404 truncated-paragraph: a paragraph cut off mid-sentence, ending in an ellipsis."""
from __future__ import annotations

from collections.abc import Iterator

import regex

from newslint.document import Document
from newslint.model import Violation
from newslint.rule import Rule
from newslint.rules._frequency import zipf
from newslint.rules._lazy import LazyPattern
from newslint.rules._phrases import lowercase_words

# The last word of a line with an ellipsis glued to it; the search starts at a stop or an
# ellipsis character and looks back for the rest, which is much faster than trying every word.
_CUT = LazyPattern(r"[.…](?<=(?<![\w'’-])(?P<word>\w+)(?P<ellipsis>\.\.\.|…))[ \t\r]*$", regex.M)
_WORD = LazyPattern(r"\w+")
MAX_CUT_WORD_ZIPF = 1.0  # rarer than this, a word before an ellipsis is taken for a cut word
# Function words that can close a clause (`I do not think so…`, `who to vote for…`, `starts
# with...`, `christen you that…`): a writer trails off after them on purpose, so they are no
# sign of a cut.
_CAN_CLOSE = frozenset(("about after all be before for he her him how i in it me not on once one over "
                        "since so some such that them then there these they this those through "
                        "under until upon us what when where while why with within without you").split())
MIN_WORDS = 8  # shorter lines inside the text are mostly menu items and labels (`Closing in...`)


def _cut_mid_sentence(word: str, line: str, last: bool) -> bool:
    if not last and len(_WORD.findall(line)) < MIN_WORDS:
        return False
    if word.lower() in lowercase_words("fragments_function_words"):
        # `... on Wednesday. It...`: a sentence that stops at its first word is cut whatever it is.
        return word.lower() not in _CAN_CLOSE or _opens_sentence(line, word)
    return word.isalpha() and word[1:].islower() and zipf(word.lower()) < MAX_CUT_WORD_ZIPF


def _opens_sentence(line: str, word: str) -> bool:
    """Whether `word`, the last word of `line`, is the first word of its sentence."""
    head = line[: len(line) - len(word)].rstrip().rstrip("\"'”’)")
    return not head or head[-1] in ".!?:"


class TruncatedParagraph(Rule):
    """NL404 truncated-paragraph: a paragraph cut off mid-sentence, ending in an ellipsis.

    ## What it does
    Finds a paragraph (line) that stops in the middle of a sentence with `...` or `…`
    glued to its last word, which is either
    - a function word (`All...`, `... the company said on Wednesday. It...`), listed in
      `rules/data/fragments_function_words.txt`; or
    - a cut word that is no English word at all (`Active Noise Cancellat...`).

    Inside the text only lines of at least eight words count: shorter ones are mostly
    menu items and labels (`Closing in...`); the last paragraph counts at any length.

    Paywalls cut the last visible paragraph this way, and teaser lists cut every snippet.
    A function word that can close a clause (`so`, `that`, `for`, `with`, `it` ...) is
    left alone too, unless it opens its sentence: `I do not think so…` trails off on
    purpose.
    An ellipsis after a whole content word (`Here's what he had to say…`, `Like Loading...`,
    `You may also like...`) is a deliberate trailing-off or a widget label and is left
    alone, as are an ellipsis followed by a closing quote and non-English text.

    ## Why is this bad?
    The reader gets half a sentence and nothing tells that the rest of the article is
    missing; a corpus built from such text holds sentences that never end.

    ## Example
        And there is no "end," because developers keep updating their biggest hits.
        All...

    Use instead: the full text of the article, or the text without the cut paragraph.

    ## Limitations
    Report only: the missing words cannot be recovered, and whether to drop the stub is
    for the user to decide. Read by hand on real2020s: 8 findings, all cut teasers; blogs
    still trail off in ways it takes for a cut (`This leads to...`). A cut that falls
    after a content word (`...as it was necessary…`) is not found. Off by default, since
    its hand-audited precision is below 0.90 (blog and comment trailing-offs); turn it on
    with `--extend-select NL404` for paywalled or teaser-cut text.
    """
    code = "NL404"
    name = "truncated-paragraph"
    # Off by default: hand-audited at 13 of 18 right, most wrong ones a blogger's deliberate
    # trailing-off (see `newslint rule NL404`).
    default_enabled = False

    def check(self, doc: Document) -> Iterator[Violation]:
        text = doc.text
        if "..." not in text and "…" not in text:
            return
        found = []
        content_end = len(text.rstrip())
        for m in _CUT.finditer(text):
            line_start = text.rfind("\n", 0, m.start()) + 1
            line = text[line_start:m.start("ellipsis")]
            if _cut_mid_sentence(m["word"], line, m.end() >= content_end):
                found.append(m)
        if not found or not doc.is_english:
            return
        for m in found:
            yield self.violation(
                m.start("word"), m.end("ellipsis"),
                f"truncated paragraph: it stops mid-sentence at '{m['word']}{m['ellipsis']}'; "
                "the rest of the text is missing",
            )
