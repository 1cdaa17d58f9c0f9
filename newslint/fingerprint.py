"""A finding's identity by content, not position: stable when lines are added or removed elsewhere."""
from __future__ import annotations

import hashlib

from newslint.document import Document
from newslint.model import Violation


def normalised(text: str) -> str:
    """Whitespace runs as one space, case folded: re-wrapping or re-casing a line keeps its key."""
    return " ".join(text.split()).casefold()


def _digest(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:16]


class ContentKeys:
    """Content keys of the findings in one document: the rule's code, the flagged text and
    the flagged line's text, hashed. Each line is hashed once, however many findings it has."""

    def __init__(self, doc: Document, text: str | None = None) -> None:
        self._doc = doc
        # The text as written: a Markdown document's `text` blanks out non-prose parts.
        self._text = doc.text if text is None else text
        self._lines: dict[int, str] = {}

    def _line(self, offset: int) -> str:
        index = self._doc.position(offset).line - 1
        if index not in self._lines:
            span = self._doc.lines[index]
            self._lines[index] = _digest(normalised(self._text[span.start : span.end]))
        return self._lines[index]

    def of(self, violation: Violation) -> str:
        flagged = normalised(self._text[violation.start : violation.end])
        return f"{violation.code}:{_digest(violation.code, flagged, self._line(violation.start))}"
