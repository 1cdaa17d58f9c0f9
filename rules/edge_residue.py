"""NL311 edge-residue: page furniture in the blocks before and after the article body.

The body runs from the first to the last line that reads as a sentence. Only the lines
outside it are given a shape, so the cost is one cheap test per line plus the edges.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from newslint.document import Document
from newslint.model import Violation
from newslint.rule import Rule
from newslint.rules._lines import content_span, excerpt
from newslint.rules._prose import LOWER_START as _LOWER_START
from newslint.rules._prose import PROSE_MIN_WORDS, prose_words


class Shape(Enum):
    """What a line outside the body looks like, judged by its own text."""

    CODE = "code"              # inline JavaScript or CSS
    SEPARATOR = "separator"    # no letter or digit at all
    LINKS = "links"            # three or more short items joined by `|`, `»`, `›`, `•`
    SHORT = "short"            # one to three words and no sentence mark: a menu entry, a button
    TITLE = "title"            # a Title Case item: another page's headline, a menu entry
    OTHER = "other"            # anything else, article text included: never deleted
    ADDRESS = "address"        # a page's web address alone, before the body (given in `edge_residue`)


RESIDUE_SHAPES = frozenset({Shape.CODE, Shape.SEPARATOR, Shape.LINKS, Shape.SHORT, Shape.TITLE})
# Residue on its own wherever it stands in an edge block.
STRONG_SHAPES = frozenset({Shape.CODE})

SHORT_MAX_WORDS = 3
TITLE_MAX_WORDS = 14
TITLE_CAPITALISED = 0.75
LINK_MAX_ITEM_WORDS = 4
# Items of a list a line introduces that are counted as one list across an item of another
# shape: a short list written as text (`What's new?` / four or five changes), not a menu.
MAX_TEXT_LIST_ITEMS = 6
# An edge block gives up its menu items only when it holds so many residue lines, making
# up at least so large a share of the block: a signature, a short list or a sign-off at
# the end of an article is fewer lines than that.
MIN_SHAPED_LINES = 5
MIN_SHAPED_SHARE = 0.5
SIGNATURE_MAX_LINES = 3
CODE_CHARS = 400  # so much of a line is searched for code
# A text with no sentence at all and no more words than this holds no article: it is what
# an extractor returned when it missed the article (a tagline, a button, widget code).
BODILESS_MAX_WORDS = 20
LATIN_SHARE = 0.9  # of its letters: a word count says little about text written without spaces
BODILESS_MESSAGE = "no article, only page furniture ({count} lines from '{found}')"
# A text made only of other articles' teasers, each a headline and its first words cut off
# with an ellipsis, is what an extractor returned from a list page: it holds no article.
MIN_TEASERS = 3
TEASER_MIN_WORDS = 12
TEASER_HEADLINE_MAX_WORDS = 20
TEASERS_MESSAGE = "no article, only {count} lines of teasers of other articles, from '{found}'"

# A line ending like a sentence or a clause: `... he said.`, `Best,`, `Ingredients:`.
_ENDS_CLAUSE = re.compile(r"""[.!?…:;,。！？]["'”’)\]}*]*$""")
_CODE_START = re.compile(
    r"(?:var|let|const|function|window\.|document\.|jQuery|\$\(|googletag|_gaq|\(function"
    r"|//|/\*|<!--|@media)\b|[{}]")
_CODE_SIGN = re.compile(r"[=(){};]")
# Words in braces that open a line are the writer's tag or aside, not a code block:
# `{Series} Day 3: ...`, `{Swoon.}`. Code in braces holds `:`, `;`, `=` or brackets.
_BRACED_WORDS = re.compile(r"\{[^\W\d_][^{}=;:()<>]{0,80}\}")
_CODE_INSIDE = re.compile(
    r"""\)\s*\{|\w\s*=\s*function\b|\bfunction\s*\(|[)'"]\s*;\s*$|\{[^{}]*:[^{}]*;""")
_ALNUM = re.compile(r"[^\W_]")
_LETTER = re.compile(r"[^\W\d_]")
_SENTENCE_END = re.compile(r"""[.!?…:。！？]["'”’)\]]*$""")
_HEADLINE_END = re.compile(r"""[.!?:;,]["'”’)\]]*$""")
_CUT_OFF = re.compile(r"(?:\.\.\.|…)$")  # a teaser cut off at so many characters: `... It is in…`
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_WORD = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*")
_DASH_START = re.compile(r"[-–—―]")
_BULLET = re.compile(r"[-•·*]\s+(?=\S)")
_LINK_SPLIT = re.compile(r"\s*(?:\||»|›|•|·)\s*")
_DIGIT_OR_HANDLE = re.compile(r"[\d@]")
# A web address with a path, alone on a line: `https://www.example.com/news/article-123.php`.
# A bare domain (`www.example.com`) is a site's name as often as not, and a picture's address
# is what an extractor took for the lead image.
_ADDRESS = re.compile(r"(?:https?://|www\.)[^\s/]+/\S*[^\s/]")
_PICTURE = re.compile(r"\.(?:png|jpe?g|gif|svg|webp)(?:\?\S*)?$", re.I)
# Digits and inner punctuation: a schedule, a result, an award, a product, an address.
_LIST_ITEM = re.compile(r"\d|[,:;()@&]|\s[-–—]\s|://|www\.")
# Small words that Title Case leaves in lower case.
_TITLE_SMALL = frozenset(
    "a an and as at but by for from in into nor of on or over the to up via vs with".split())


@dataclass(frozen=True, slots=True)
class EdgeLine:
    """A line outside the body: its index, its content span and its shape."""

    index: int
    start: int
    end: int
    shape: Shape


def stripped_lines(doc: Document) -> tuple[str, ...]:
    """The document's non-blank lines, stripped (as `doc.nonblank_lines` lists them): what
    NL311, NL312 and NL313 judge, made once per document for all three."""
    return doc.shared(_stripped)


def prose_lines(doc: Document) -> tuple[bool, ...]:
    """Which of `stripped_lines(doc)` read as a sentence (`is_prose`), shared likewise."""
    return doc.shared(_prose)


def prose_word_counts(doc: Document) -> tuple[int, ...]:
    """The words of each of `stripped_lines(doc)` that reads as a sentence, 0 for the others
    (`prose_words`), shared likewise."""
    return doc.shared(_prose_word_counts)


def _stripped(doc: Document) -> tuple[str, ...]:
    texts = doc.line_texts
    return tuple([texts[i].strip() for i in doc.nonblank_lines])


def _prose(doc: Document) -> tuple[bool, ...]:
    return tuple(map(bool, prose_word_counts(doc)))


def _prose_word_counts(doc: Document) -> tuple[int, ...]:
    return tuple(map(prose_words, stripped_lines(doc)))


class ToTheEndRule(Rule):
    """A rule whose findings delete from a line to the end of the text (NL312 to NL314).

    Two such rules often find one tail, from the same line or from different ones; the
    finding that starts first (at one start, the lower code) speaks for the tail."""

    def settle(self, own: Sequence[Violation], others: Sequence[Violation]) -> list[Violation]:
        return [v for v in own if not any(_deletes_first(o, v) for o in others)]


def _deletes_first(other: Violation, own: Violation) -> bool:
    """`other` deletes all that `own` covers, and starts before it (or with it, under a lower code)."""
    if other.fix is None or other.start > own.start or other.end < own.end:
        return False
    if other.start == own.start and other.code > own.code:
        return False
    return any(e.text == "" and e.start <= own.start and e.end >= own.end for e in other.fix.edits)


def deletion_to_the_end(rule: Rule, doc: Document, start: int, what: str) -> Violation:
    """A finding that spans line `start` to the last line, with an unsafe fix deleting them;
    the message reads `<what> of N lines from '<first line>' ...`."""
    last = doc.nonblank_lines[-1]
    span = doc.line(start)
    count = sum(1 for i in doc.nonblank_lines if i >= start)
    message = what.format(count=count, first=excerpt(doc.slice(span)))
    return rule.violation(span.start, doc.line(last).end, message, doc.line_deletion(start, last, safe=False))


@functools.lru_cache(maxsize=1 << 15)  # as `is_prose`: DEV alone has 18,000 distinct lines
def shape_of(line: str) -> Shape:
    """The shape of a stripped, non-empty line that is not prose."""
    if _is_code(line):
        return Shape.CODE
    if not _ALNUM.search(line):
        return Shape.SEPARATOR
    bullet = _BULLET.match(line)
    if bullet:
        line = line[bullet.end():]  # `- Polls`, `• Jobs`: an item of a list of links
    if len(line) > TITLE_MAX_WORDS * 25 or _ENDS_CLAUSE.search(line) or _DASH_START.match(line):
        return Shape.OTHER  # a short sentence, a sign-off, an attribution: article text
    if line.startswith("|"):
        return Shape.OTHER  # a table row
    if _is_link_list(line):
        return Shape.LINKS
    if _LIST_ITEM.search(line):
        return Shape.OTHER  # an item of a list or a table: article text as often as not
    words = _WORD.findall(line)
    if len(words) <= SHORT_MAX_WORDS:
        return Shape.SHORT
    if len(words) <= TITLE_MAX_WORDS and is_title_case(words):
        return Shape.TITLE
    return Shape.OTHER


def _is_code(line: str) -> bool:
    head = line[:CODE_CHARS]
    if _CODE_SIGN.search(head) is None:
        return False  # every code shape below holds one of these signs: most lines are out at one look
    braced = _BRACED_WORDS.match(head)
    if braced and not _CODE_SIGN.search(head, braced.end()):
        return False
    if _CODE_START.match(head) and _CODE_SIGN.search(head):
        return True
    return _CODE_INSIDE.search(head) is not None


def is_title_case(words: list[str], share: float = TITLE_CAPITALISED) -> bool:
    """Whether at least `share` of the words (three quarters), Title Case's small words aside,
    do not open in lower case (`Choir Wins Regional Title`, `After Setback, Mayor Still Intent`)."""
    counted = [w for w in words if w.lower() not in _TITLE_SMALL]
    capitalised = sum(1 for w in counted if not w[0].islower())
    return bool(counted) and capitalised >= share * len(counted)


def _is_link_list(line: str) -> bool:
    if _DIGIT_OR_HANDLE.search(line):
        return False  # a byline with a handle and a date
    items = [item for item in _LINK_SPLIT.split(line) if item]
    return len(items) >= 3 and all(len(item.split()) <= LINK_MAX_ITEM_WORDS for item in items)


def edge_residue(doc: Document) -> list[EdgeLine]:
    """The residue lines of the blocks before the first and after the last prose line."""
    if not doc.is_english:
        return []  # the shapes are those of English headlines and menus
    texts = doc.line_texts
    nonblank = doc.nonblank_lines
    prose = prose_lines(doc)
    if True not in prose:
        return []  # no body to stand beside
    first = prose.index(True)
    last = len(prose) - 1 - prose[::-1].index(True)
    head = _edge_lines(doc, range(first), introduced=False)
    tail = _edge_lines(doc, range(last + 1, len(prose)), introduced=texts[nonblank[last]].rstrip().endswith(":"))
    head_residue = sorted(_judge(head, keep=frozenset({Shape.TITLE})) + _addresses(doc, head),
                          key=lambda line: line.index)
    return head_residue + _judge(_after_signature(tail), keep=frozenset())


def _addresses(doc: Document, head: list[EdgeLine]) -> list[EdgeLine]:
    """The lines of the block before the body that are a web address with a path and
    nothing else (the page's own address, printed by the scraper), unless the line before
    introduces it (`Source:`)."""
    found = []
    for k, line in enumerate(head):
        content = doc.text[line.start:line.end]
        if line.shape is not Shape.OTHER or not _ADDRESS.fullmatch(content) or _PICTURE.search(content):
            continue
        if k and doc.text[head[k - 1].end - 1] in ":?":
            continue
        found.append(EdgeLine(line.index, line.start, line.end, Shape.ADDRESS))
    return found


def bodiless_text(doc: Document) -> list[EdgeLine]:
    """All the lines of a short English text in which no line reads as a sentence or ends
    like one, or []."""
    if not doc.is_english or True in prose_lines(doc):
        return []
    lines = stripped_lines(doc)
    if sum(len(line.split()) for line in lines) > BODILESS_MAX_WORDS:
        return []
    if any(_SENTENCE_END.search(line) for line in lines):
        return []  # a short sentence is a short article: `The talks ended without a deal.`
    letters = sum(len(_LETTER.findall(line)) for line in lines)
    if len(_LATIN.findall("".join(lines))) < LATIN_SHARE * letters:
        return []
    return _all_lines(doc)


def teaser_list_text(doc: Document) -> list[EdgeLine]:
    """All the lines of an English text that is nothing but teasers of other articles (at
    least MIN_TEASERS of them, each a headline and then a paragraph cut off with an
    ellipsis, under at most one section label such as `Deals`), or []."""
    if not doc.is_english:
        return []
    lines = stripped_lines(doc)
    teasers = lines[1:] if lines and shape_of(lines[0]) is Shape.SHORT else lines
    if len(teasers) < 2 * MIN_TEASERS or len(teasers) % 2:
        return []
    if not all(map(_is_teaser, teasers[::2], teasers[1::2])):
        return []
    return _all_lines(doc)


def _is_teaser(headline: str, paragraph: str) -> bool:
    ends_as_headline = _CUT_OFF.search(headline) or not _HEADLINE_END.search(headline)  # cut off too, or no stop
    return (len(headline.split()) <= TEASER_HEADLINE_MAX_WORDS and ends_as_headline
            and len(paragraph.split()) >= TEASER_MIN_WORDS and _CUT_OFF.search(paragraph) is not None)


def _all_lines(doc: Document) -> list[EdgeLine]:
    found = []
    for i in doc.nonblank_lines:
        start, end = content_span(doc.text, doc.line_starts[i])
        found.append(EdgeLine(i, start, end, shape_of(doc.text[start:end])))
    return found


def _after_signature(block: list[EdgeLine]) -> list[EdgeLine]:
    """The tail without a signature: a few residue-shaped lines right after the body and
    before a line of another shape (`Prof. Jane Doe` / `Vice Chancellor, X University`)
    sign the article."""
    for k, line in enumerate(block):
        if line.shape not in RESIDUE_SHAPES:
            return block[k:] if k <= SIGNATURE_MAX_LINES else block
    return block


def _edge_lines(doc: Document, positions: range, introduced: bool) -> list[EdgeLine]:
    """The lines of an edge block with their shapes, at `positions` of `stripped_lines(doc)`.
    A run of residue shapes right after a line ending in `:` or `?` is a list that line
    introduces: it is article text. A short item of another shape in sentence case (`New
    levels!`, an item with quotes or a digit) goes on with the list when it is the first
    item or stands right under the item before, with no blank line between."""
    found = []
    texts, starts, nonblank, stripped = doc.line_texts, doc.line_starts, doc.nonblank_lines, stripped_lines(doc)
    previous, first_item, items, written = -2, introduced, 0, False
    for k in positions:
        i, content = nonblank[k], stripped[k]
        # The content's span, as `content_span` finds it: the stripped line is already at hand.
        start = starts[i] + len(texts[i]) - len(texts[i].lstrip())
        end = start + len(content)
        shape = shape_of(content)
        if shape in RESIDUE_SHAPES:
            # Past an item of another shape, the list goes on only with items written as text.
            introduced = introduced and (not written or _is_list_item(content))
            if introduced:
                shape = Shape.OTHER
                items += 1
            first_item = False
        else:
            item = (introduced and (first_item or i == previous + 1) and items < MAX_TEXT_LIST_ITEMS
                    and _is_list_item(content))
            introduced = first_item = doc.text[end - 1] in ":?"
            written = item and not introduced
            introduced = introduced or item
            items = items + 1 if item else 0
        previous = i
        found.append(EdgeLine(i, start, end, shape))
    return found


def _is_list_item(line: str) -> bool:
    """A short line in sentence case (`Bugs fixed`, `New tasks for the game!`): an item of a
    list written as text; a menu's entries are capitalised (`US & Canada`)."""
    tokens = line.split()
    return len(tokens) < PROSE_MIN_WORDS and any(
        token[:1] in _LOWER_START and token.lower() not in _TITLE_SMALL for token in tokens)


def _judge(block: list[EdgeLine], keep: frozenset[Shape]) -> list[EdgeLine]:
    """The lines of an edge block that go: all its residue lines when there are enough of
    them, else only code and link lists. `keep` shapes always stay (a headline at the top)."""
    shaped = [line for line in block if line.shape in RESIDUE_SHAPES]
    if len(shaped) < MIN_SHAPED_LINES or len(shaped) < MIN_SHAPED_SHARE * len(block):
        return [line for line in shaped if line.shape in STRONG_SHAPES]
    return [line for line in shaped if line.shape not in keep]


class EdgeResidue(Rule):
    """NL311 edge-residue: page furniture in the blocks before and after the article body.

    ## What it does
    Finds the article body, from the first to the last line that reads as a sentence
    (eight words or more, a sentence mark, a third of its words in lower case), and
    judges the lines before and after it as two blocks. Each line there gets a shape:
    a menu entry or a button (one to three words, no sentence mark: `Home`, `Share`,
    `WhatsApp`), a Title Case item (another page's headline), a list of short links
    (`News | Sport | Weather`), inline JavaScript or CSS, a separator (`* * *`). A block
    that holds at least five such lines, making up at least half of it, loses them all;
    in a smaller block only code goes. The block before the body keeps its Title Case
    lines (the headline and a standfirst stay), and loses, whatever its size, a line that
    is a web address with a path and nothing else (the page's own address, printed by the
    scraper above the headline), unless a line ending in `:` introduces it; a bare domain
    (`www.example.com`) and a picture's address stay. Never deleted: a line that ends like a
    sentence or a clause (`Best,`, `Thanks for reading!`, `Ingredients:`), starts with a
    dash (`-Scott`, `— Jane Doe`), holds a digit or inner punctuation (a schedule, a
    result, an award, a table row, an address), a list that a line ending in `:` or `?`
    introduces (and its short items written in sentence case, `New levels!`, `Faster
    "Hint" button`, that stand under one another: a list such as `What's new in 2.1?` /
    four changes, not a menu), up to three lines right after the body that stand before a line of
    another shape (a signature: `Prof. Jane Doe` / `Vice Chancellor, X University`), and
    a line opening with words in braces (a blog's series tag or aside, `{Series} Day 3:
    ...`, `{Swoon.}`), which is text, not code.
    Texts that are not English are left alone.

    A text in which no line reads as a sentence or ends like one (`.`, `!`, `?`, `…`, `:`),
    and that holds at most 20 words, has no body at all: it is what an extractor
    returned when it missed the article (a blog's tagline, `Closed Captioning Policy`,
    `Permalink` / `Site Feed`, a widget's code), and it goes whole, as one finding.
    Text written without spaces between words (Japanese, Chinese) is left alone, since
    its words cannot be counted.

    A text that is nothing but teasers of other articles goes whole too: three or more
    pairs of a headline (at most 20 words, not ending like a sentence unless cut off) and
    a paragraph of 12 words or more cut off with an ellipsis (`... It is in…`, `...
    Lock Scr...`), under at most one short section label (`Deals`), and no other line.
    It is what an extractor returned from a list page instead of the article. One
    paragraph that ends otherwise, or any line of another shape, and the text stays.

    ## Why is this bad?
    Scrapers keep the page around the article: navigation menus, share and print
    buttons, lists of related headlines, widget code. No single line of them says
    "boilerplate" on its own, so line rules keep them; together they are the bulk of
    the residue left at the edges of a scraped article.

    ## Example
        Home
        News
        World
        Sport
        Weather
        Parliament votes to delay the budget
        The budget vote was put off until next week, the speaker said on Monday.
        ...
        "We will be ready," she said.
        Share
        Tweet
        WhatsApp
        Email
        Print

    Use instead:
        Parliament votes to delay the budget
        The budget vote was put off until next week, the speaker said on Monday.
        ...
        "We will be ready," she said.

    ## Fix safety
    Unsafe: the lines are judged by their shape and place. Measured at 875d261
    (`bench/rule_precision.py DEV DRAGNET`: residue lines / residue and clean lines deleted, clean
    lines a gold keeps by convention counted apart): 1.000 on every extractor of the DEV
    corpus (96 lines: naive_p 54, newspaper4k 21, trafilatura 15, justext 6) but whole-page
    html_text, 8,565 of 8,567 (the 2 clean lines are short names on one page, a designer and a
    showroom; 5 more kept by convention; the short changes of a `What's new ...?` list stay
    since its sentence-case items count as one list, at the cost of a few residue lines of
    that shape); 1.000 on every extractor of the DRAGNET corpus (968 lines: naive_p
    726, boilerpy3 199, newspaper4k 27, trafilatura 16; 7 more are `Permalink` lines that the
    naive_p gold keeps on blog pages holding no article, raw 0.990; and 30 neutral lines);
    nothing deleted on the 1,420 unlabelled 2020s articles.
    The sets are small, and a menu and a list of names look alike. The page's address before
    the body is residue on 3 DEV sites (mysanantonio, barrons; bbc in whole pages), 7 lines,
    and no address line before the first sentence is clean, neutral or in the 2020s texts
    (the clean address lines of the corpora, `amzn.to` links and a site's domain, stand
    inside the body or after it).
    Its recall is low: most residue left at the edges reads as prose (comments, teasers
    of related articles, author bios), which this rule leaves alone.

    ## Limitations
    A list of short Title Case items after the last sentence of an article (a
    changelog, a menu of a restaurant review) that no line ending in `:` introduces is
    deleted once it has five items; a list of names with no digits or punctuation too.
    A whole text of a few words with no sentence mark (a headline alone, a one-line
    notice) is deleted, even when it is all the article there was.
    """

    code = "NL311"
    name = "edge-residue"
    fixable = True

    def check(self, doc: Document) -> list[Violation]:
        furniture = bodiless_text(doc)
        if furniture:
            return [self._run_violation(doc, furniture, BODILESS_MESSAGE)]
        teasers = teaser_list_text(doc)
        if teasers:
            return [self._run_violation(doc, teasers, TEASERS_MESSAGE)]
        lines = edge_residue(doc)
        trailing = _trailing_run(doc, lines)
        found = [self._line_violation(doc, line) for line in lines[:len(lines) - len(trailing)]]
        if len(trailing) == 1:
            found.append(self._line_violation(doc, trailing[0]))
        elif trailing:
            found.append(self._run_violation(doc, trailing))
        return found

    def _line_violation(self, doc: Document, line: EdgeLine) -> Violation:
        fix = doc.line_deletion(line.index, safe=False)
        found = excerpt(doc.text[line.start:line.end])
        return self.violation(line.start, line.end, f"{line.shape.value} line outside the article body '{found}'", fix)

    def _run_violation(self, doc: Document, run: list[EdgeLine],
                       what: str = "{count} lines of page furniture end the text, from '{found}'") -> Violation:
        # One deletion for the lines that end the text: it starts at the end of the last
        # line kept, so the deletions of single lines inside it by other rules never win
        # over it and leave a block too small to judge on the next pass.
        fix = doc.line_deletion(run[0].index, run[-1].index, safe=False)
        found = excerpt(doc.text[run[0].start:run[0].end])
        message = what.format(count=len(run), found=found)
        return self.violation(run[0].start, run[-1].end, message, fix)


def _trailing_run(doc: Document, lines: list[EdgeLine]) -> list[EdgeLine]:
    """The flagged lines that run, without a kept line between them, to the end of the text."""
    nonblank = doc.nonblank_lines
    run: list[EdgeLine] = []
    position = len(nonblank) - 1
    for line in reversed(lines):
        if position < 0 or nonblank[position] != line.index:
            break
        run.append(line)
        position -= 1
    return run[::-1]
