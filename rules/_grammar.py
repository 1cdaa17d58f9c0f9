"""What every grammar backend shares: the finding type, the error type, request packing, offsets."""
from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from newslint.errors import NewslintError

CODE = "NLG001"
SEPARATOR = "\n\n"  # between texts packed into one request: a paragraph break to LanguageTool


class GrammarBackendError(NewslintError):
    """A grammar backend that cannot be reached, or that answered something unusable."""


@dataclass(frozen=True, slots=True)
class Finding:
    """One backend match, positioned in code points of the text that was checked."""

    start: int
    end: int
    rule_id: str
    category: str
    message: str
    spelling: bool
    fix: tuple[int, int, str] | None = None  # one edit (start, end, text) in the same offsets


class Backend(Protocol):
    """An open grammar checker: one per run."""

    def check_texts(self, texts: Sequence[str]) -> list[list[Finding]]:
        """Findings for each text, in the order given."""

    def close(self) -> None:
        """Stop whatever the backend started."""


Opener = Callable[[], Backend]


def one_line(text: object, limit: int = 200) -> str:
    """`text` squeezed onto one line and cut to `limit` characters, for error messages."""
    squeezed = " ".join(str(text).split())
    return squeezed if len(squeezed) <= limit else squeezed[: limit - 1] + "…"


def pack(texts: Sequence[str], limit: int) -> list[list[int]]:
    """Indices of `texts` grouped into requests of at most `limit` characters (a longer text goes alone)."""
    groups: list[list[int]] = []
    size = 0
    for index, text in enumerate(texts):
        if groups and size + len(SEPARATOR) + len(text) <= limit:
            groups[-1].append(index)
            size += len(SEPARATOR) + len(text)
        else:
            groups.append([index])
            size = len(text)
    return groups


def split_findings(findings: Sequence[Finding], texts: Sequence[str]) -> list[list[Finding]]:
    """Findings of one request over SEPARATOR-joined `texts`, moved back to each text.

    A finding that reaches into a separator belongs to no single text and is dropped.
    """
    starts, pos = [], 0
    for text in texts:
        starts.append(pos)
        pos += len(text) + len(SEPARATOR)
    result: list[list[Finding]] = [[] for _ in texts]
    for finding in findings:
        index = bisect.bisect_right(starts, finding.start) - 1
        if finding.end > starts[index] + len(texts[index]):
            continue
        result[index].append(_shifted(finding, -starts[index]))
    return result


def _shifted(finding: Finding, delta: int) -> Finding:
    fix = finding.fix and (finding.fix[0] + delta, finding.fix[1] + delta, finding.fix[2])
    return Finding(finding.start + delta, finding.end + delta, finding.rule_id, finding.category,
                   finding.message, finding.spelling, fix)


class Utf16Offsets:
    """Converts UTF-16 code-unit offsets (what Java servers count) to code points of a `str`."""

    def __init__(self, text: str) -> None:
        astral = [i for i, char in enumerate(text) if ord(char) > 0xFFFF] if not text.isascii() else []
        # An astral character at code point a (the i-th one) ends at UTF-16 unit a + i + 2.
        self._ends = [a + i + 2 for i, a in enumerate(astral)]
        self._astral = astral

    def to_utf16(self, index: int) -> int:
        return index + bisect.bisect_left(self._astral, index)

    def to_index(self, unit: int) -> int:
        return unit - bisect.bisect_right(self._ends, unit)
