"""NL301 boilerplate-line: a whole line of known CMS or scraper boilerplate.

## What it does
Finds lines that consist only of a known boilerplate phrase left by a page template
or a scraper: `Source link`, `Leave a Reply`, `Your email address will not be
published. Required fields are marked *`. The phrases live in
`rules/data/boilerplate_lines.txt`; the `extend-phrases` option adds more.

## Why is this bad?
These lines are widgets and footers of the page, not part of the article, and they
end up in every corpus built from scraped text.

## Example
    ... a nuclear test site that was closed in 2018.

    Source link

Use instead:
    ... a nuclear test site that was closed in 2018.

## Fix safety
Safe: only a line that is exactly a known phrase is deleted, with the blank line that
separated it, so no run of blank lines is left behind.
"""
from __future__ import annotations

from collections.abc import Iterator

from newslint.document import Document
from newslint.model import Fix, Violation
from newslint.rule import Option, Rule
from newslint.rules._phrases import compile_line_pattern, load_phrases

_DEFAULT = compile_line_pattern(load_phrases("boilerplate_lines"))


class BoilerplateLine(Rule):
    code = "NL301"
    name = "boilerplate-line"
    fixable = True
    options = (Option("extend-phrases", [], "more whole-line phrases to remove, matched literally"),)

    def __init__(self, settings=None) -> None:
        super().__init__(settings)
        extra = self.settings["extend-phrases"]
        self._pattern = compile_line_pattern(load_phrases("boilerplate_lines") + extra) if extra else _DEFAULT

    def check(self, doc: Document) -> Iterator[Violation]:
        for m in self._pattern.finditer(doc.text):
            line = doc.line_index(m.start())
            edit = doc.delete_lines(line)
            phrase = m.group().strip()
            yield self.violation(m.start() + m.group().index(phrase), m.start() + m.group().index(phrase) + len(phrase),
                                 f"boilerplate line '{phrase}'", Fix((edit,)))
