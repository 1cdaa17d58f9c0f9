"""NL701 recurring-line: a line that recurs in many documents of one site (learned across a corpus)."""
from __future__ import annotations

from collections.abc import Iterator

import regex

from newslint.document import Document
from newslint.linecounts import LineCounts, LineHashes, document_hashes
from newslint.model import Violation
from newslint.rule import Option, Rule
from newslint.rules._lazy import LazyPattern
from newslint.rules.byline import is_byline

_LETTER = LazyPattern(r"\p{L}")
_WORD = LazyPattern(r"\S+")
# Quoted speech recurs in follow-up stories of one event: it is article text.
_QUOTE = LazyPattern(r"[\"“”«»„]")
# A dateline alone on its line (`WASHINGTON (AP) —`) opens an article, whatever its site.
_DATELINE = LazyPattern(r"^\p{Lu}[\p{Lu}\p{M} .,'’/-]+(?:\([^)\n]{1,30}\))?[ \t]*[—–-]*[ \t]*$")
# An author's sign-off (`– Jane Doe`) recurs in every article of that author: it is signed text.
_BY = LazyPattern(r"(?:\w+[ \t]+){0,3}by[ \t]", regex.I)
_SIGN_OFF = LazyPattern(r"^[—–-][ \t]*\p{Lu}[\p{L}’'.-]*(?:[ \t]+\p{Lu}[\p{L}’'.-]*){0,3}[ \t]*$")


def _positive(value: int | float) -> str | None:
    return None if value > 0 else "must be positive"


def _share(value: float) -> str | None:
    return None if 0 <= value <= 1 else "must be between 0 and 1"


def template_shaped(line: str, max_words: int) -> bool:
    """Whether a line may be a site's template: short, with letters, no quotation, no dateline."""
    line = line.strip()
    if not line or not _LETTER.search(line) or _QUOTE.search(line):
        return False
    if _DATELINE.match(line) or _SIGN_OFF.match(line) or (_BY.match(line) and is_byline(line)):
        return False
    return len(_WORD.findall(line)) <= max_words


class RecurringLine(Rule):
    """NL701 recurring-line: a line that stands in many documents of the same site.

    ## What it does
    In a corpus run (`newslint check corpus.jsonl --text-field text`), counts in how many
    documents of each site every line stands (a first pass over the input), then flags a
    line that stands in at least `min-documents` documents of its site, and in at least
    `min-share` of them, saying how many documents share it. The site of a record is its
    `--site-field`, else the host of a URL field (`url`, `site_or_url`, `link`, ...), else
    the file it comes from; in a run over files (`--extend-select NL701`), the folder of the
    file. Lines are compared whatever their case, spacing and numbers.

    Only lines shaped like a template line are judged: at most `max-words` words, with
    letters, no quotation marks (quoted speech recurs in the follow-ups of one story), not
    a dateline alone on its line (`WASHINGTON (AP) —`), not an author's byline or sign-off
    (`– Jane Doe`: one author signs many of a site's articles).

    The rule runs by default on JSON Lines corpora only. Over files it runs when selected
    (`--extend-select NL701`), reading every file twice, in one process; it finds nothing
    in a single file: one document alone cannot tell its site's template from its text.

    ## Why is this bad?
    A site's share bar, disclaimer or newsletter prompt stands in every article the site
    publishes; scraped into a corpus it is repeated thousands of times and is no part of
    any article. No list of phrases can know every site's template; the corpus can.

    ## Example
    In 40 records of one site, each ending:

        ... the council will vote again in May.

        Opinions expressed by our contributors are their own.

    Use instead:

        ... the council will vote again in May.

    ## Fix safety
    Unsafe: the line is deleted (with the blank line that separated it) on the evidence of
    counts alone; a short line of article text that truly recurs in a site's articles (a
    standing correction, a series' closing line) would go too.

    ## Limitations
    The counts are approximate (a count-min sketch of fixed size): they never fall short
    of the truth, and may exceed it for very large corpora, which a larger sketch avoids.
    A document met twice (the same text under the same site) is counted once. Near-duplicate
    articles of one site (updates of one story) share their lines; such lines are judged by
    shape like the others, so long lines are never flagged.
    """

    code = "NL701"
    name = "recurring-line"
    default_enabled = False
    fixable = True
    learns_across_documents = True
    options = (
        Option("min-documents", 5, "Least number of documents of a site a line must stand in.", _positive),
        Option("min-share", 0.02, "Least share of the site's documents a line must stand in.", _share),
        Option("max-words", 12, "Longest line (in words) judged as a possible template line.", _positive),
    )

    def __init__(self, settings=None) -> None:
        super().__init__(settings)
        self.counts: LineCounts | None = None
        self.site = ""

    def learn(self, site: str, text: str) -> None:
        """Count the template-shaped lines of one document of `site` (the first pass)."""
        self.counts = self.absorb(self.counts, self.observe(site, text))

    def observe(self, site: str, text: str) -> LineHashes:
        """What the first pass takes from one document: the hashes of its template-shaped lines.

        Workers observe documents in parallel; `absorb`, in input order, makes the counts
        exactly what `learn` over the same documents makes."""
        max_words = self.settings["max-words"]
        return document_hashes(site, (line for line in text.split("\n") if template_shaped(line, max_words)), text)

    @staticmethod
    def absorb(counts: LineCounts | None, observation: LineHashes) -> LineCounts:
        """`counts` (new ones when None) with one more observed document."""
        counts = counts if counts is not None else LineCounts()
        counts.add_hashes(observation)
        return counts

    def learn_from(self, counts: LineCounts) -> None:
        """Use `counts` (learned elsewhere, e.g. merged from several workers) from now on."""
        self.counts = counts

    def focus(self, site: str) -> None:
        """The site of the documents checked next."""
        self.site = site

    def recurring(self, line: str) -> int:
        """How many documents of the current site share `line`, if enough to flag it; else 0."""
        counts = self.counts
        if counts is None or not template_shaped(line, self.settings["max-words"]):
            return 0
        n = counts.count(self.site, line)
        if n < self.settings["min-documents"] or n < self.settings["min-share"] * counts.documents(self.site):
            return 0
        return n

    def check(self, doc: Document) -> Iterator[Violation]:
        if self.counts is None:
            return
        texts = doc.line_texts
        for i in doc.nonblank_lines:
            n = self.recurring(texts[i])
            if n:
                span = doc.line(i)
                start = span.start + len(texts[i]) - len(texts[i].lstrip())
                end = span.start + len(texts[i].rstrip())
                message = f"line recurs in {n} documents of its site (site boilerplate)"
                yield self.violation(start, end, message, doc.line_deletion(i, safe=False))
