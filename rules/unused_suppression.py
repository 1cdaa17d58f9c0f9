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

    is reported as `unused suppression: no NL301 finding on line 2`, and `--fix`
    deletes the marker line.

    ## Fix safety
    Safe: a directive is never article text. The fix deletes a directive only when
    every code in it is unused for want of a finding (or it has no codes): its whole
    line when it stands alone, else the comment and the blanks before it. A misspelt
    code is left for a person to correct, and a directive naming a rule that is off in
    this run (a grammar rule run only in CI, say) is reported as not enabled and kept.
    """

    code = "NL001"
    name = "unused-suppression"
    fixable = True

    def check(self, doc: Document) -> Iterable[Violation]:
        return ()  # found by the engine (newslint.suppress), which sees every other rule's findings
