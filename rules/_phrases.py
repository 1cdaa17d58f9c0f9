"""Phrase lists kept as data files (one phrase per line, `#` comments) beside the rules."""
from __future__ import annotations

import functools
from importlib import resources

import regex


@functools.cache
def load_phrases(name: str) -> tuple[str, ...]:
    """Phrases from `data/<name>.txt`, in file order."""
    text = resources.files(__package__).joinpath("data", f"{name}.txt").read_text(encoding="utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def compile_line_pattern(phrases: tuple[str, ...]) -> regex.Pattern[str]:
    """A pattern matching a whole line that is one of `phrases` (case-insensitive, literal)."""
    return regex.compile(r"^[ \t]*\L<phrases>[ \t]*$", regex.I | regex.M, phrases=list(phrases))
