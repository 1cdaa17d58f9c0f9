"""Applying fixes: keep a non-overlapping subset, splice their edits in one pass."""
from __future__ import annotations

from collections.abc import Iterable

from newslint.model import Edit, Violation


def _conflicts(edits: tuple[Edit, ...], taken_end: int, taken_insert_at: int) -> bool:
    first = edits[0]
    if first.start < taken_end:
        return True
    # Two insertions at one point have no defined order: keep the first, retry the other.
    return first.start == first.end == taken_insert_at


def apply_fixes(text: str, violations: Iterable[Violation]) -> tuple[str, list[Violation]]:
    """Apply the fixes of `violations` that do not overlap, earliest first.

    Returns the new text and the violations whose fixes were applied; the others are
    left for the next pass, when they are found again on the new text.
    """
    with_fixes = sorted(
        (v for v in violations if v.fix is not None),
        key=lambda v: (v.fix.start, v.fix.end, v.code),  # type: ignore[union-attr]
    )
    with_fixes = _yield_to_tail(with_fixes, len(text.rstrip()))
    applied: list[Violation] = []
    edits: list[Edit] = []
    taken_end, taken_insert_at = -1, -1
    for violation in with_fixes:
        fix_edits = violation.fix.edits  # type: ignore[union-attr]
        if fix_edits[-1].end > len(text):
            raise ValueError(f"{violation.code}: fix reaches past the end of the text")
        if _conflicts(fix_edits, taken_end, taken_insert_at):
            continue
        applied.append(violation)
        edits.extend(fix_edits)
        last = fix_edits[-1]
        taken_end = last.end
        taken_insert_at = last.start if last.start == last.end else -1
    return splice(text, edits), applied


def _yield_to_tail(with_fixes: list[Violation], content_end: int) -> list[Violation]:
    """The fixes without those that reach into the first deletion that ends the text.

    Such a deletion (a comment thread, a page section, the last line) starts on the line
    feed before its first line, which a deletion of the line above also takes: applied
    earliest first, that line's deletion would win, and the next pass may no longer find
    the tail once its first line is gone (deleted on its own by a line rule). So the tail
    goes first, and the fixes it overlaps wait for the next pass, on the text without it.
    `content_end` is where the text's last non-blank character ends: a deletion of the
    last lines stops there and leaves the final line feed."""
    tail = next((v for v in with_fixes if _deletes_to(v, content_end)), None)
    if tail is None:
        return with_fixes
    cut = tail.fix.start  # type: ignore[union-attr]
    return [v for v in with_fixes if v is tail or v.fix.end <= cut]  # type: ignore[union-attr]


def _deletes_to(violation: Violation, content_end: int) -> bool:
    edits = violation.fix.edits  # type: ignore[union-attr]
    return edits[-1].end >= content_end and all(e.text == "" for e in edits)


def splice(text: str, edits: list[Edit]) -> str:
    """Text with sorted, non-overlapping edits applied (same result as right to left)."""
    pieces, pos = [], 0
    for edit in edits:
        pieces.append(text[pos : edit.start])
        pieces.append(edit.text)
        pos = edit.end
    pieces.append(text[pos:])
    return "".join(pieces)
