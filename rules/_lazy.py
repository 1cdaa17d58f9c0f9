"""Patterns compiled the first time they are used.

`regex` parses a pattern in Python: compiling the longer patterns of the rules (alternations
of agencies, months, labels) takes a millisecond or more each, and a check of one small
file meets about a third of them (most are tried only on a line of their shape). Rule
modules make their module-level patterns `LazyPattern`s, which compile when first asked
for anything; tests/test_meta.py compiles every one, so a broken pattern fails there.
"""
from __future__ import annotations

from functools import cached_property
from typing import Any

import regex


class LazyPattern:
    """`regex.compile(pattern, flags, **named_lists)`, done on first use.

    Every attribute (`search`, `match`, `finditer`, `pattern`...) is the compiled pattern's,
    kept on the instance once asked for: later calls cost what a compiled pattern's do."""

    def __init__(self, pattern: str, flags: int = 0, **named_lists: Any) -> None:
        self._source = (pattern, flags, named_lists)

    @cached_property
    def compiled(self) -> regex.Pattern[str]:
        pattern, flags, named_lists = self._source
        return regex.compile(pattern, flags, **named_lists)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # copy, pickle and the like ask for protocols: not the pattern's
            raise AttributeError(name)
        value = getattr(self.compiled, name)
        setattr(self, name, value)
        return value

    def __repr__(self) -> str:
        return f"LazyPattern({self._source[0]!r})"
