"""Findings: violations placed by line and column in the text they were found in, and the
files that could not be checked. What a run returns; the output formats render them."""
from __future__ import annotations

import copyreg
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from newslint.model import Applicability, Edit, Fix, Position, Violation

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


def finding_row(f: Finding) -> tuple[Any, ...]:
    """A finding as one flat tuple of plain values: how findings cross processes (--jobs), by
    the ten thousand, at a third of the cost of pickling each object of a finding apart."""
    v = f.violation
    edits = None if v.fix is None else (
        v.fix.applicability.value,
        tuple([(e.start, e.end, e.text, s.line, s.column, end.line, end.column) for e, s, end in f.edits]))
    return (f.path, v.code, v.name, v.message, v.start, v.end, f.start.line, f.start.column, f.end.line,
            f.end.column, edits, f.key, f.record, f.record_line, f.fixable)


def finding_from_row(path: str, code: str, name: str, message: str, start: int, end: int, line: int, column: int,
              end_line: int, end_column: int, edits: Any, key: str, record: str | None, record_line: int | None,
              fixable: bool) -> Finding:
    """The finding `finding_row` gave."""
    if edits is None:
        return Finding(path, Violation(code, name, message, start, end), Position(line, column),
                       Position(end_line, end_column), (), key, record, record_line, fixable)
    applicability, rows = edits
    placed = tuple([(Edit(a, b, text), Position(al, ac), Position(bl, bc)) for a, b, text, al, ac, bl, bc in rows])
    fix = Fix(tuple([edit for edit, _, _ in placed]), _APPLICABILITY[applicability])
    return Finding(path, Violation(code, name, message, start, end, fix), Position(line, column),
                   Position(end_line, end_column), placed, key, record, record_line, fixable)


_APPLICABILITY = {a.value: a for a in Applicability}


def _reduce(f: Finding) -> tuple[Any, ...]:
    if f.violation.fix is not None and tuple(e for e, _, _ in f.edits) != f.violation.fix.edits:
        return Finding, tuple(getattr(f, name) for name in Finding.__slots__)  # edits not placed: as is
    return finding_from_row, finding_row(f)


copyreg.pickle(Finding, _reduce)


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
