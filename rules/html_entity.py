"""NL502 html-entity: an HTML character reference left undecoded (`&amp;`, `&#8217;`, `&nbsp;`)."""
from __future__ import annotations

import html
from collections.abc import Iterator
from html.entities import html5

from newslint.document import Document
from newslint.markdown import MARKDOWN_SUFFIXES
from newslint.model import Fix, Violation
from newslint.rule import Rule
from newslint.rules._lazy import LazyPattern

# A reference, after any number of escaped ampersands (`&amp;amp;lt;` is `<` escaped twice more).
_REFERENCE = LazyPattern(
    r"&(?P<layers>(?:amp;)*)(?P<last>#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
)
_NAMED = frozenset(name for name in html5 if name.endswith(";"))
_SPACES = {"\xa0": " "}  # a no-break space from `&nbsp;` is written as the space it stands for


def _decode(reference: str) -> str | None:
    """The text a reference stands for, or None if it is not one or stands for nothing usable."""
    if not reference.startswith("&#") and reference[1:] not in _NAMED:
        return None
    decoded = html.unescape(reference)
    if decoded == reference or "\ufffd" in decoded:
        return None
    return _SPACES.get(decoded, decoded)


class HtmlEntity(Rule):
    """NL502 html-entity: an HTML character reference left undecoded (`&amp;`, `&#8217;`, `&nbsp;`).

    ## What it does
    Finds HTML character references in plain text: named ones that HTML defines
    (`&amp;`, `&quot;`, `&rsquo;`, `&nbsp;`), decimal ones (`&#8217;`) and hexadecimal
    ones (`&#x2019;`), always with their closing `;`. A bare ampersand in prose (`AT&T`,
    `Q&A`, `S&P 500`, `salt & pepper`) and unknown names (`&foo;`) are left alone.

    Markdown files are skipped: there an entity is markup that renders as its character.

    ## Why is this bad?
    The page's HTML was escaped twice or unescaped too little, so the reader sees
    `Tom &amp; Jerry` and `don&#8217;t`, and every tool downstream sees odd tokens.

    ## Example
        Barnes &amp; Noble said it won&#8217;t close the store.

    Use instead:
        Barnes & Noble said it won’t close the store.

    ## Fix safety
    Safe: the reference is replaced by the character HTML defines for it (`&nbsp;` by a
    plain space). A reference escaped more than once (`&amp;lt;`, `&amp;amp;`) is decoded
    in one go.
    A reference to a character HTML forbids (`&#0;`, a lone surrogate) is reported
    without a fix.
    """
    code = "NL502"
    name = "html-entity"
    fixable = True

    def check(self, doc: Document) -> Iterator[Violation]:
        if "&" not in doc.text or doc.path.lower().endswith(MARKDOWN_SUFFIXES):
            return
        for m in _REFERENCE.finditer(doc.text):
            reference, escapes = m.group(), len(m["layers"]) // len("amp;")
            last = "&" + m["last"] + ";"
            decoded = _decode(last)
            if decoded is None and escapes:
                decoded = last  # `&amp;foo;`: the ampersands decoded, the rest is not a reference
            if decoded is None:
                if reference.startswith("&#"):
                    yield self.violation(m.start(), m.end(), f"HTML character reference "
                                         f"'{reference}' stands for no usable character")
                continue
            shown = decoded if decoded.isprintable() else f"U+{ord(decoded[0]):04X}"
            times = f" (escaped {escapes + 1} times)" if escapes else ""
            message = f"HTML character reference '{reference}'{times} should read '{shown}'"
            yield self.violation(m.start(), m.end(), message,
                                 Fix.replace(m.start(), m.end(), decoded))
