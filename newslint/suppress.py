"""Inline suppressions: silence one finding on one line without editing the configuration.

Markdown has comments, so a suppression is an HTML comment, which readers of the
rendered page never see:

    Source link <!-- newslint: ignore NL301 -->     (this line)
    <!-- newslint: ignore NL301 -->                 (alone on its line: the next non-blank line)

Plain text has no comment syntax: anything added is text a reader sees. The least
harmful form is a marker line of its own, right above the line it silences, that holds
nothing but the directive, so it never changes the article's own lines and a pipeline
can drop it with one pattern (`^newslint: ignore`):

    newslint: ignore NL301
    Source link

Rules never see marker lines (they are blanked out like Markdown comments) and fixes
never touch them. `newslint: ignore-file NL301` (a line, or a Markdown comment, anywhere)
silences the codes in the whole file. Codes and rule names are separated by commas or
spaces; a directive without codes silences every rule. A suppression that silences
nothing is reported by NL001 (unused-suppression).
"""
from __future__ import annotations

import bisect
import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import regex

from newslint import markdown
from newslint.document import Document, Span
from newslint.model import Fix, Violation
from newslint.registry import all_rules
from newslint.sources import read_source, write_source

UNUSED_CODE = "NL001"
UNUSED_NAME = "unused-suppression"
_TRIGGER = "newslint:"
_DIRECTIVE = (r"newslint:[ \t]*(?P<kind>ignore-file|ignore)"
              r"(?P<codes>(?:(?:[ \t]*,[ \t]*|[ \t]+)[A-Za-z][A-Za-z0-9\-]*)*)[ \t]*")
_TEXT_MARKER = regex.compile(r"^[ \t]*" + _DIRECTIVE + r"$", regex.M)
_MD_MARKER = regex.compile(r"<!--[ \t]*" + _DIRECTIVE + r"-->")
_CODE_SPLIT = regex.compile(r"[\s,]+")


@dataclass(frozen=True)
class Suppression:
    """One directive: where it is, the line it silences (None: the whole file; 0: no line follows it),
    its codes (empty: all)."""

    start: int
    end: int
    line: int
    target: int | None
    codes: tuple[str, ...]
    whole_line: bool  # the directive is all there is on its line

    def covers(self, code: str) -> bool:
        return not self.codes or code in self.codes


def is_markdown(path: str) -> bool:
    return path.lower().endswith(markdown.MARKDOWN_SUFFIXES)


def _line_starts(text: str) -> list[int]:
    return [0, *(m.end() for m in regex.finditer(r"\n", text))]


def _code_lines(text: str) -> set[int]:
    """0-based lines inside Markdown code blocks, where a directive is an example, not a directive."""
    lines: set[int] = set()
    for token in markdown._parser().parse(text):
        if token.type in ("fence", "code_block") and token.map:
            lines.update(range(*token.map))
    return lines


def _canonical(codes: str) -> tuple[str, ...]:
    """Codes as written, rule names turned into their codes."""
    names = {info.name: code for code, info in all_rules().items()}
    return tuple(dict.fromkeys(names.get(c, c) for c in _CODE_SPLIT.split(codes) if c))


def find(text: str, markdown_file: bool) -> tuple[Suppression, ...]:
    """Every directive in `text` (a file's own text, not blanked out)."""
    return _find(text, markdown_file) if _TRIGGER in text else ()


@functools.lru_cache(maxsize=8)  # each pass of a fix run asks twice or more
def _find(text: str, markdown_file: bool) -> tuple[Suppression, ...]:
    starts = _line_starts(text)
    pattern = _MD_MARKER if markdown_file else _TEXT_MARKER
    code_lines = _code_lines(text) if markdown_file else set()
    matches = list(pattern.finditer(text))
    marker_lines = {bisect.bisect_right(starts, m.start()) - 1 for m in matches}
    found = []
    for m in matches:
        line = bisect.bisect_right(starts, m.start()) - 1
        if line in code_lines or (markdown_file and _in_inline_code(text, starts, line, m.start())):
            continue
        line_end = starts[line + 1] - 1 if line + 1 < len(starts) else len(text)
        whole = not text[starts[line] : m.start()].strip() and not text[m.end() : line_end].strip()
        target = line + 1 if not whole else _next_line(text, starts, line, marker_lines)
        if m["kind"] == "ignore-file":
            target = None
        found.append(Suppression(m.start(), m.end(), line + 1, target, _canonical(m["codes"]), whole))
    return tuple(found)


def _in_inline_code(text: str, starts: list[int], line: int, offset: int) -> bool:
    return text.count("`", starts[line], offset) % 2 == 1


def _next_line(text: str, starts: list[int], line: int, marker_lines: set[int]) -> int:
    """The 1-based number of the first line after 0-based `line` that is neither blank nor
    a directive; 0 if there is none."""
    for index in range(line + 1, len(starts)):
        if index in marker_lines:
            continue
        end = starts[index + 1] - 1 if index + 1 < len(starts) else len(text)
        if text[starts[index] : end].strip():
            return index + 1
    return 0


def marker_spans(text: str) -> tuple[Span, ...]:
    """The marker lines of a plain-text file: not article text, never flagged or rewritten."""
    if _TRIGGER not in text:
        return ()
    return tuple(Span(m.start(), m.end()) for m in _TEXT_MARKER.finditer(text))


def _silencer(violation: Violation, line: int, marks: Sequence[Suppression]) -> Suppression | None:
    if violation.code == UNUSED_CODE:
        return None  # a report on suppressions cannot itself be suppressed
    for mark in marks:
        if mark.target in (None, line) and mark.covers(violation.code):
            return mark
    return None


def _partition(text: str, violations: Iterable[Violation], marks: Sequence[Suppression]
               ) -> tuple[list[Violation], set[tuple[int, str]]]:
    """The violations left, and (directive index, code) pairs that silenced something."""
    starts = _line_starts(text)
    index = {id(m): i for i, m in enumerate(marks)}
    kept, used = [], set()
    for v in violations:
        mark = _silencer(v, bisect.bisect_right(starts, v.start), marks)
        if mark is None:
            kept.append(v)
        else:
            used.add((index[id(mark)], v.code if mark.codes else ""))
    return kept, used


def unsuppressed(text: str, path: str, violations: list[Violation]) -> list[Violation]:
    """`violations` without the ones a directive in `text` silences."""
    marks = find(text, is_markdown(path))
    return _partition(text, violations, marks)[0] if marks else violations


def apply(text: str, path: str, violations: list[Violation], codes_run: Iterable[str]) -> list[Violation]:
    """The violations left after suppressions, plus NL001 findings for unused ones when NL001 runs."""
    marks = find(text, is_markdown(path))
    if not marks:
        return violations
    kept, used = _partition(text, violations, marks)
    codes_run = set(codes_run)
    if UNUSED_CODE in codes_run:
        kept.extend(_unused(text, marks, used, codes_run))
        kept.sort(key=lambda v: (v.start, v.end, v.code))
    return kept


def _unused(text: str, marks: Sequence[Suppression], used: set[tuple[int, str]], codes_run: set[str]
            ) -> Iterable[Violation]:
    known = all_rules()
    for i, mark in enumerate(marks):
        if mark.target == 0:
            yield _violation(mark, "unused suppression: no line follows it", _removal(text, mark))
            continue
        place = "in this file" if mark.target is None else f"on line {mark.target}"
        if not mark.codes:
            if (i, "") not in used:
                yield _violation(mark, f"unused suppression: nothing to silence {place}", _removal(text, mark))
            continue
        # Deleted only when every code in it is unused for want of a finding: a misspelt code
        # is for a person to correct, and a rule off in this run may be on in another.
        removable = all(c in known and c in codes_run and (i, c) not in used for c in mark.codes)
        for n, code in enumerate(mark.codes):
            if code not in known:
                yield _violation(mark, f"unknown rule code '{code}' in a suppression")
            elif code not in codes_run:
                yield _violation(mark, f"unused suppression: {code} is not enabled for this file")
            elif (i, code) not in used:
                fix = _removal(text, mark) if removable and n == 0 else None
                yield _violation(mark, f"unused suppression: no {code} finding {place}", fix)


def _removal(text: str, mark: Suppression) -> Fix:
    """Delete the directive: its whole line when it stands alone, else it and the blanks before it."""
    if mark.whole_line:
        return Document(text).line_deletion(mark.line - 1)
    start = mark.start
    while start > 0 and text[start - 1] in " \t":
        start -= 1
    return Fix.delete(start, mark.end)


def _violation(mark: Suppression, message: str, fix: Fix | None = None) -> Violation:
    return Violation(UNUSED_CODE, UNUSED_NAME, message, mark.start, mark.end, fix)


def directive(codes: Iterable[str], markdown_file: bool) -> str:
    body = f"newslint: ignore {', '.join(codes)}"
    return f"<!-- {body} -->" if markdown_file else body


def add_ignores(text: str, path: str, findings: Iterable[tuple[int, str]]) -> tuple[str, int]:
    """`text` with a directive for every (line, code) finding; how many directives were added or extended.

    Markdown gets a comment at the end of the flagged line; plain text a marker line
    right above it. A line that already has a directive gets the new codes added to it."""
    md = is_markdown(path)
    wanted: dict[int, list[str]] = {}
    for line, code in findings:
        if code != UNUSED_CODE and code not in wanted.setdefault(line, []):
            wanted[line].append(code)
    existing = {m.target: m for m in find(text, md) if m.target is not None}
    lines = text.split("\n")
    changed = 0
    for line in sorted((n for n, codes in wanted.items() if codes), reverse=True):
        codes = wanted[line]
        mark = existing.get(line)
        if mark is not None:
            merged = directive([*mark.codes, *(c for c in codes if c not in mark.codes)], md)
            lines = _replace_span(lines, mark, merged)
        elif md:
            lines[line - 1] = f"{lines[line - 1].rstrip()} {directive(codes, md)}"
        else:
            lines.insert(line - 1, directive(codes, md))
        changed += 1
    return "\n".join(lines), changed


def _replace_span(lines: list[str], mark: Suppression, new: str) -> list[str]:
    text = "\n".join(lines)
    return (text[: mark.start] + new + text[mark.end :]).split("\n")


def add_ignores_to_file(path: str, findings: Iterable[tuple[int, str]], encoding: str = "utf-8") -> int:
    """Write directives for `findings` (line, code) into the file at `path`; how many were added or extended.

    The lines are those of the file as it is now: call this right after checking it."""
    source = read_source(path, encoding)
    text, count = add_ignores(source.text, path, findings)
    if count:
        write_source(source, text)
    return count
