"""NL204 reporting-credit: lines crediting reporters, editors and sources of a wire story."""
from __future__ import annotations

import regex

from newslint.rules._lazy import LazyPattern
from newslint.rules._lines import Inside, LineRule, Opening, starting

_WS = r"[^\S\n]"
MAX_CREDIT_WORDS = 50
MAX_LABEL_WORDS = 8
_SHAPES = (
    # `(Reporting by Will Dunham; Editing by Tom Brown)`, `Additional reporting by Joseph Hudak`.
    Opening(LazyPattern(
        rf"(?:additional{_WS}+)?(?:reporting|writing|editing|edited|compiled|research|researched"
        rf"|graphics|illustrations?|production|produced|fact-checking|fact{_WS}+checking)"
        rf"{_WS}+by\b",
        regex.I),
        starting("additional", "reporting", "writing", "editing", "edited", "compiled", "research",
                 "graphics", "illustration", "production", "produced", "fact"), MAX_CREDIT_WORDS),
    # `Contributing: Kristine Phillips`, `SOURCE: Al Jazeera News`, `Sources: News agencies`.
    Opening(LazyPattern(rf"(?:contributing|sources?|with{_WS}+reporting{_WS}+from)"
                          rf"{_WS}*:{_WS}*\S", regex.I),
            starting("contributing", "source", "with"), MAX_LABEL_WORDS),
)
_INSIDES = (
    # `Fox News' Jessica Napoli contributed to this report.`, `Keith Bradsher contributed
    # reporting from Hong Kong.`
    Inside(LazyPattern(r"(?i:contributed)"), LazyPattern(
        rf"\bcontributed{_WS}+(?:to{_WS}+(?:this|the){_WS}+(?:report|story|article)"
        rf"|(?:additional{_WS}+)?reporting|research)\b", regex.I), MAX_CREDIT_WORDS),
)


class ReportingCredit(LineRule):
    """NL204 reporting-credit: a line crediting the reporters, editors or sources of the story.

    ## What it does
    Finds the credit lines of wire and newspaper stories: `(Reporting by Will Dunham;
    Editing by Tom Brown)`, `Additional reporting by Joseph Hudak`, `Associated Press
    writers ... contributed to this report.`, `Keith Bradsher contributed reporting from
    Hong Kong.`, `Contributing: Kristine Phillips`, `SOURCE: Al Jazeera News`. The line
    must open with the credit (`Reporting by`, `Editing by`, `Contributing:`, `Source:`)
    or say that someone contributed to the report, and have at most 50 words (8 after a
    `Source:` label). `extend-phrases` and `extend-prefixes` add more.

    ## Why is this bad?
    The credit is about how the story was made, not part of it; a corpus built from
    wire copy repeats such lines thousands of times.

    ## Example
        ... the company said in a statement.

        (Reporting by Greg Roumeliotis; Editing by Martin Howell)

    Use instead:
        ... the company said in a statement.

    ## Fix safety
    Unsafe: the line is judged by its shape; a sentence of the article can say that
    someone contributed to a report.

    ## Limitations
    Off by default: whether a story keeps its credits is a matter of use, and many
    publishers count them as part of the article (select NL204 to remove them). Credits
    glued to the last paragraph are not found.
    """

    code = "NL204"
    name = "reporting-credit"
    default_enabled = False
    artifact = "reporting credit"
    openings = _SHAPES
    insides = _INSIDES
