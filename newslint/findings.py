"""Findings: violations placed by line and column in the text they were found in, and the
files that could not be checked. What a run returns; the output formats render them."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from newslint.model import Edit, Position, Violation

if TYPE_CHECKING:
    from newslint.document import Document


@dataclass(frozen=True, slots=True)  # slots: a warm run makes one per finding, by the ten thousand
class Finding:
    """A violation with its positions resolved against the text it was found in."""

    path: str
    violation: Violation
    start: Position
    end: Position
    edits: tuple[tuple[Edit, Position, Position], ...] = ()
    key: str = ""  # identity by content (see newslint.fingerprint), for baselines and CI reports
    record: str | None = None  # JSON Lines: the record's id (positions are inside its text field)
    record_line: int | None = None  # JSON Lines: the line of the file that holds the record
    fixable: bool = False  # --fix applies its fix, with the run's unsafe-fixes setting

    def for_record(self, record: str, line: int) -> Finding:
        return replace(self, record=record, record_line=line)

    @property
    def where(self) -> str:
        """`path`, or `path[record]` for a record of a JSON Lines file."""
        return self.path if self.record is None else f"{self.path}[{self.record}]"

    @property
    def needs_unsafe(self) -> bool:
        """Fixable only with `--unsafe-fixes`, which this run has not turned on."""
        return bool(self.violation.fix) and not self.fixable


@dataclass(frozen=True)
class FileError:
    """A file that could not be checked (or fixed), and why."""

    path: str
    message: str  # without the path

    @classmethod
    def of(cls, path: str, error: str) -> FileError:
        prefix = f"{path}: "
        return cls(path, error[len(prefix):] if error.startswith(prefix) else error)


def findings_for(path: str, violations: Iterable[Violation], doc: Document, *, text: str | None = None,
                 unsafe: bool = False) -> list[Finding]:
    """`violations` placed in `doc` (the document the rules saw: its line index is reused);
    `text` is the text itself when `doc` blanked parts of it out (content keys read it)."""
    result = []
    from newslint.fingerprint import ContentKeys  # imports the document model, which `newslint rules` needs not

    keys = ContentKeys(doc, text)
    for v in violations:
        edits = tuple((e, doc.position(e.start), doc.position(e.end)) for e in v.fix.edits) if v.fix else ()
        fixable = bool(v.fix) and (v.fix.safe or unsafe)
        result.append(Finding(path, v, doc.position(v.start), doc.position(v.end), edits, keys.of(v),
                              fixable=fixable))
    return result


def findings_from(path: str, violations: Sequence[Violation], keys: Sequence[str], text: str, *,
                  unsafe: bool = False) -> list[Finding]:
    """Findings of a text answered from the result cache: `keys` are their content keys as stored,
    and the positions come from counting line feeds up to each offset (as `Document.position`
    does, without splitting the text into lines)."""
    offsets = set()
    for v in violations:
        offsets.add(v.start)
        offsets.add(v.end)
        if v.fix:
            for e in v.fix.edits:
                offsets.add(e.start)
                offsets.add(e.end)
    at = {}  # each offset placed once, in order: a fix's edits mostly share the finding's offsets
    line, line_start, previous = 1, 0, 0
    for offset in sorted(offsets):
        feeds = text.count("\n", previous, offset)
        if feeds:
            line += feeds
            line_start = text.rfind("\n", previous, offset) + 1
        at[offset] = Position(line, offset - line_start + 1)
        previous = offset
    result = []
    for v, key in zip(violations, keys, strict=True):
        fix = v.fix
        if fix is None:
            result.append(Finding(path, v, at[v.start], at[v.end], (), key, None, None, False))
        else:
            edits = tuple([(e, at[e.start], at[e.end]) for e in fix.edits])
            result.append(Finding(path, v, at[v.start], at[v.end], edits, key, None, None, unsafe or fix.safe))
    return result
