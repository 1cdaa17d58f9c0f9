"""Findings: violations placed by line and column in the text they were found in, and the
files that could not be checked. What a run returns; the output formats render them."""
from __future__ import annotations

import copyreg
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from json.encoder import encode_basestring  # a JSON string, non-ASCII kept as is (as newslint.report writes it)
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
    if not _as_row(f):
        return Finding, tuple(getattr(f, name) for name in Finding.__slots__)  # edits not placed: as is
    return finding_from_row, finding_row(f)


copyreg.pickle(Finding, _reduce)


class LazyFindings(Sequence[Finding]):
    """Findings kept as rows, a finding object made only when one is asked for: reports written
    one line a finding (jsonl, text) are written from the rows themselves. Making five objects a
    finding (finding, violation, fix, edits, positions) for tens of thousands of findings only to
    write and drop them was most of the time of the runs that hand findings on (a warm cache,
    --jobs). Subclasses say how a row becomes a finding (`_make`)."""

    __slots__ = ("rows", "_made")

    def __init__(self, rows: tuple[Any, ...]) -> None:
        self.rows = rows
        self._made: tuple[Finding, ...] | None = None

    def _make(self, rows: Sequence[Any]) -> tuple[Finding, ...]:
        raise NotImplementedError

    def made(self) -> tuple[Finding, ...]:
        if self._made is None:
            self._made = self._make(self.rows)
            self.rows = ()  # made once: not kept twice (a whole-document report holds every file's)
        return self._made

    def __len__(self) -> int:
        return len(self.rows) if self._made is None else len(self._made)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice) and self._made is None:
            return self._make(self.rows[index])
        return self.made()[index]

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.made())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (tuple, LazyFindings)):
            return self.made() == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.made())

    def __repr__(self) -> str:
        return repr(self.made())


class FindingRows(LazyFindings):
    """Findings kept as `finding_row` tuples: how a worker's findings come back to the process that
    writes the report (--jobs), which would otherwise make every finding of every worker again."""

    __slots__ = ()

    @classmethod
    def of(cls, findings: Sequence[Finding]) -> Sequence[Finding]:
        """`findings` as rows; as they are when one holds edits that a row cannot carry."""
        if not findings or isinstance(findings, FindingRows) or not all(map(_as_row, findings)):
            return findings
        return cls(tuple([finding_row(f) for f in findings]))

    def _make(self, rows: Sequence[Any]) -> tuple[Finding, ...]:
        return tuple([finding_from_row(*row) for row in rows])

    def __reduce__(self) -> tuple[Any, ...]:
        return FindingRows, (self.rows if self._made is None else tuple([finding_row(f) for f in self._made]),)

    def counts(self) -> Any:
        """`report.Counts.of(self)`, from the rows."""
        from newslint.report import Counts

        if self._made is not None:
            return Counts.of(self._made)
        rows = self.rows
        return Counts(len(rows), sum(bool(r[14]) for r in rows), sum(r[10] is not None and not r[14] for r in rows))

    def lines(self, line: Callable[[Finding], str]) -> list[str]:
        """`line` of each finding, written from the rows when `line` is the jsonl or text format's."""
        from newslint import report

        if self._made is not None:
            return [line(f) for f in self._made]
        if line is report.jsonl_line:
            return [report.jsonl_fields(encode_basestring(r[0]), r[12], r[13], r[6], r[7], r[8], r[9], r[1], r[2], r[3],
                                        None if r[10] is None else r[10][0],
                                        None if r[10] is None else [e[2:] for e in r[10][1]]) for r in self.rows]
        if line is report.text_line:
            return [report.text_fields(r[0] if r[12] is None else f"{r[0]}[{r[12]}]", r[6], r[7], r[1], r[3], r[14])
                    for r in self.rows]
        return [line(f) for f in self.made()]


def _as_row(f: Finding) -> bool:
    """Whether `finding_row` carries `f` whole (its fix's edits are the ones placed)."""
    return f.violation.fix is None or tuple(e for e, _, _ in f.edits) == f.violation.fix.edits


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
