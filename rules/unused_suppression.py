"""NL001 unused-suppression: an inline `newslint: ignore` directive that silences nothing."""
from __future__ import annotations

from collections.abc import Iterable

from newslint.document import Document
from newslint.model import Violation
from newslint.rule import Rule


class UnusedSuppression(Rule):
    """NL001 unused-suppression: a `newslint: ignore` directive that silences no finding.

    ## What it does
    Reports an inline suppression (a marker line in plain text, an HTML comment in
    Markdown; see the README's "Inline suppressions") that silences no finding: the
    finding was fixed or the text moved, the code is misspelt or names no rule, or the
    rule is not enabled for the file. The engine finds them once every other rule has
    run; this class gives the code its documentation and lets it be selected or ignored
    like any rule. Its own findings cannot be suppressed inline.

    ## Why is this bad?
    A stale suppression silences the next real finding that lands on its line, and a
    plain-text marker line is text a reader sees: one that does nothing should go.

    ## Example
        newslint: ignore NL301
        The talks ended without a deal.

    is reported as `unused suppression: no NL301 finding on line 2`. Delete the
    directive, or correct its code.

    ## Limitations
    No fix: the directive is deleted by hand. A directive for a rule that is switched
    off in this run (a grammar rule run only in CI, say) is reported as not enabled.
    """

    code = "NL001"
    name = "unused-suppression"

    def check(self, doc: Document) -> Iterable[Violation]:
        return ()  # found by the engine (newslint.suppress), which sees every other rule's findings
