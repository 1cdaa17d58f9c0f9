"""Value types: edits, fixes and violations, all positioned by character offsets."""
from __future__ import annotations

import enum
from dataclasses import dataclass


class Applicability(str, enum.Enum):
    """How far a fix can be trusted (ruff's model)."""

    SAFE = "safe"  # applied by --fix
    UNSAFE = "unsafe"  # applied only with --unsafe-fixes


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace text[start:end] with `text` (empty text deletes, empty range inserts)."""

    start: int
    end: int
    text: str = ""

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad edit range {self.start}..{self.end}")


@dataclass(frozen=True, slots=True)
class Fix:
    """A set of non-overlapping edits applied together, or not at all."""

    edits: tuple[Edit, ...]
    applicability: Applicability = Applicability.SAFE

    def __post_init__(self) -> None:
        if not self.edits:
            raise ValueError("a fix needs at least one edit")
        if len(self.edits) == 1 and type(self.edits) is tuple:
            return  # most fixes: nothing to order or to overlap
        ordered = tuple(sorted(self.edits, key=lambda e: (e.start, e.end)))
        for before, after in zip(ordered, ordered[1:]):
            if after.start < before.end or (after.start == before.start and after.start == after.end):
                raise ValueError(f"overlapping edits in one fix: {before} and {after}")
        object.__setattr__(self, "edits", ordered)

    @property
    def safe(self) -> bool:
        return self.applicability is Applicability.SAFE

    @property
    def start(self) -> int:
        return self.edits[0].start

    @property
    def end(self) -> int:
        return self.edits[-1].end

    @classmethod
    def replace(cls, start: int, end: int, text: str, *, safe: bool = True) -> Fix:
        return cls((Edit(start, end, text),), _applicability(safe))

    @classmethod
    def delete(cls, start: int, end: int, *, safe: bool = True) -> Fix:
        return cls((Edit(start, end, ""),), _applicability(safe))

    @classmethod
    def insert(cls, at: int, text: str, *, safe: bool = True) -> Fix:
        return cls((Edit(at, at, text),), _applicability(safe))


def _applicability(safe: bool) -> Applicability:
    return Applicability.SAFE if safe else Applicability.UNSAFE


@dataclass(frozen=True, slots=True)
class Violation:
    """One finding: a rule's code and name, a message, a span and an optional fix."""

    code: str
    name: str
    message: str
    start: int
    end: int
    fix: Fix | None = None

    @property
    def fixable(self) -> bool:
        return self.fix is not None


@dataclass(frozen=True, slots=True)
class Position:
    """1-based line and column; columns count Unicode code points."""

    line: int
    column: int
