"""A finding's identity by content, not position: stable when lines are added or removed elsewhere."""
from __future__ import annotations

import hashlib

from newslint.model import Violation


def normalised(text: str) -> str:
    """Whitespace runs as one space, case folded: re-wrapping or re-casing a line keeps its key."""
    return " ".join(text.split()).casefold()


def line_around(text: str, offset: int) -> str:
    """The text of the line that holds `offset`."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return text[start : end if end >= 0 else len(text)]


def content_key(text: str, violation: Violation) -> str:
    """The rule's code, the flagged text and the flagged line's text, hashed."""
    flagged = normalised(text[violation.start : violation.end])
    line = normalised(line_around(text, violation.start))
    digest = hashlib.sha256(f"{violation.code}\0{flagged}\0{line}".encode()).hexdigest()
    return f"{violation.code}:{digest[:16]}"
