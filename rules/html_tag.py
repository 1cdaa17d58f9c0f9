"""NL503 html-tag: an HTML tag or comment left in plain text (`<br>`, `</p>`, `<span>`)."""
from __future__ import annotations

from collections.abc import Iterator

import regex

from newslint.document import Document
from newslint.markdown import MARKDOWN_SUFFIXES
from newslint.model import Applicability, Edit, Fix, Violation
from newslint.rule import Rule
from newslint.rules._lazy import LazyPattern
from newslint.rules._phrases import lowercase_words

# One attribute: a name, optionally `=` and a quoted or bare value. Names and values cannot
# contain spaces, so each repetition starts at a new space: no backtracking blow-up.
_ATTRIBUTE = r"""[^\s"'<>/=]+(?:[ \t]*=[ \t]*(?:"[^"<>\n]*"|'[^'<>\n]*'|[^\s"'<>=`]+))?"""
_ELEMENTS = sorted(lowercase_words("encoding_html_elements"), key=len, reverse=True)
_TAG_SOURCE = (
    rf"<(?P<close>/)?(?P<name>\L<elements>)(?P<attributes>(?:[ \t]+{_ATTRIBUTE})*)"
    r"[ \t]*(?P<self>/)?>|<!--[^\n]{0,500}?-->"
)
_TAG = LazyPattern(_TAG_SOURCE, regex.I, elements=_ELEMENTS)
# Elements that break a line when rendered: between two words their tag leaves a space.
_BREAKING = frozenset({
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption",
    "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav",
    "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul",
})
_ALWAYS_SAFE = frozenset({"br", "hr", "img", "wbr"})
# Words of a line that speaks of markup: its tags are quoted (`You may use these HTML tags and
# attributes: <a href=""> <b> <i>`, a how-to), not left over.
_SPEAKS_OF_MARKUP = LazyPattern(r"(?i)\b(?:html|tags?|markup|attributes)\b")
# Between the tags of a line of tags: spaces, and the invisible characters editors leave there
# (a zero-width no-break space inside an empty `<span>`).
_GAP = " \t\u00a0\u200b\u200c\u200d\u2060\ufeff"


def _is_safe(m: regex.Match[str]) -> bool:
    if m["name"] is None:  # a comment
        return True
    return bool(m["attributes"] or m["self"]) or m["name"].lower() in _ALWAYS_SAFE


def _edit(text: str, m: regex.Match[str]) -> Edit:
    """Delete the tag; a line-breaking tag between two words leaves a space, never a double one."""
    start, end = m.span()
    before = text[start - 1] if start else "\n"
    after = text[end] if end < len(text) else "\n"
    if before in " \t" and after in " \t":
        return Edit(start, end + 1)
    breaking = m["name"] is not None and m["name"].lower() in _BREAKING
    if breaking and not before.isspace() and not after.isspace():
        return Edit(start, end, " ")
    return Edit(start, end)


class HtmlTag(Rule):
    """NL503 html-tag: an HTML tag or comment left in plain text (`<br>`, `</p>`, `<span>`).

    ## What it does
    Finds tags of real HTML elements (the list is in `rules/data/encoding_html_elements.txt`)
    written out in the text: opening tags with or without attributes, closing tags,
    self-closing tags, and HTML comments. Angle brackets that are not a tag of a known
    element are left alone: `<3`, `a < b`, `x<y`, `<The Palace: Tale of Jang Noksu>` (a
    title in Korean-style brackets), `<Enter>`. So are tags on a line whose words speak of
    markup (`html`, `tag`, `markup`, `attributes`): a comment form's `You may use these
    HTML tags and attributes: <a href=""> <b>` or a how-to quotes its tags on purpose.

    Markdown files are skipped: inline HTML is part of Markdown.

    ## Why is this bad?
    A tag in scraped text is a leftover of the page markup; readers see `<br>` and tools
    see tokens such as `br` and `href` that are not in the article.

    ## Example
        The minister resigned on Monday.<br>Her deputy takes over.</p>

    Use instead:
        The minister resigned on Monday. Her deputy takes over.

    ## Fix safety
    The fix deletes the tag, putting a space in its place when a line-breaking tag (`<br>`,
    `</p>`, `<div>`, ...) sat between two words, and deletes a line that holds nothing
    but tags. It is safe for tags that cannot be prose: tags with attributes, `<br>`,
    `<hr>`, `<img>`, self-closing tags, comments, and lines made only of tags. It is unsafe
    for a bare tag inside a line (`<p>`, `</b>`): an article about HTML may name one. The
    text inside a `<script>` or `<style>` element is not removed, only its tags.
    """
    code = "NL503"
    name = "html-tag"
    fixable = True

    def check(self, doc: Document) -> Iterator[Violation]:
        text = doc.text
        if "<" not in text or doc.path.lower().endswith(MARKDOWN_SUFFIXES):
            return
        only_tags: dict[int, bool] = {}  # by line index, judged at the line's first tag
        quoted: set[int] = set()  # lines that speak of markup
        for m in _TAG.finditer(text):
            index = doc.line_index(m.start())
            if index not in only_tags:
                line = doc.line(index)
                words = _TAG.sub(" ", text[line.start:line.end])
                only_tags[index] = not words.strip(_GAP)
                if _SPEAKS_OF_MARKUP.search(words):
                    quoted.add(index)
                if only_tags[index]:
                    yield self.violation(m.start(), line.end, "HTML markup: this line holds only tags",
                                         doc.line_deletion(index))
            if only_tags[index] or index in quoted:
                continue
            message = f"HTML markup: '{_shorten(m.group())}' is a leftover tag"
            yield self.violation(m.start(), m.end(), message,
                                 Fix((_edit(text, m),), _applicability(_is_safe(m))))


def _shorten(tag: str) -> str:
    return tag if len(tag) <= 60 else tag[:40] + "…" + tag[-10:]


def _applicability(safe: bool) -> Applicability:
    return Applicability.SAFE if safe else Applicability.UNSAFE
