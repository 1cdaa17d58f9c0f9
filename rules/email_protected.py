"""NL310 email-protected: Cloudflare's `[email protected]` placeholder for an obfuscated address."""
from __future__ import annotations

from collections.abc import Iterator

import regex

from newslint.document import Document
from newslint.model import Violation
from newslint.rule import Rule
from newslint.rules._lazy import LazyPattern

# Cloudflare writes `[email protected]` (often with a no-break space) where a page had an
# address it hid from scrapers; other protectors write `[javascript protected email address]`.
_PLACEHOLDER = LazyPattern(
    r"\[(?:email[\s\u00a0]*protected"
    r"|javascript[\s\u00a0]+protected[\s\u00a0]+email[\s\u00a0]+address)\]",
    regex.I,
)
MESSAGE = "e-mail address hidden by an obfuscation placeholder; it cannot be recovered"


class EmailProtected(Rule):
    """NL310 email-protected: an e-mail address replaced by a `[email protected]` placeholder.

    ## What it does
    Finds the placeholder that e-mail obfuscation (Cloudflare's, and similar ones) puts
    where the page had an address: `[email protected]`, also with a no-break space
    (`[email\\u00a0protected]`), and `[javascript protected email address]`.

    ## Why is this bad?
    The address is lost: the text now says `Contact us at [email protected].`, which
    is neither the address nor readable prose. The page must be fetched again, or the
    sentence rewritten, to make sense.

    ## Example
        Tips can be sent to [email protected].

    Use instead:
        Tips can be sent to tips@example.com.

    ## Limitations
    No fix: the address cannot be recovered from the text. A line that only gives
    contact details is deleted by NL306 (contact-line); this rule reports the
    placeholder wherever else it appears, in a sentence of the article too.
    """

    code = "NL310"
    name = "email-protected"

    def check(self, doc: Document) -> Iterator[Violation]:
        if "[" not in doc.text:
            return  # most texts hold no bracket: a plain test before the pattern
        for m in _PLACEHOLDER.finditer(doc.text):
            yield self.violation(m.start(), m.end(), MESSAGE)
