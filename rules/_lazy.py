"""Patterns compiled the first time they are used, and kept compiled on disk.

`regex` parses a pattern in Python: compiling the longer patterns of the rules (alternations
of agencies, months, labels) takes a millisecond or more each, and a check of one small
file meets about a third of them (most are tried only on a line of their shape). Rule
modules make their module-level patterns `LazyPattern`s, which compile when first asked
for anything; tests/test_meta.py compiles every one, so a broken pattern fails there.

A compiled pattern is also stored in the table cache (`_store`), as the data `pickle`
would keep of it (`regex`'s own reduction: the compiled code, group names, named lists):
later processes rebuild it from that at C speed, a hundredth of the time the parse takes
(all the rules' patterns: 0.1 s parsed, 3 ms rebuilt). The stored name covers everything
the compiled code depends on: the pattern, its flags and named lists, `regex`'s version.
"""
from __future__ import annotations

import copyreg
from functools import cached_property
from typing import Any

import regex
from regex import _regex  # what `pickle` calls to rebuild a pattern (see `regex._main._pickle`)

from newslint.rules._store import stored


class LazyPattern:
    """`regex.compile(pattern, flags, **named_lists)`, done on first use.

    Every attribute (`search`, `match`, `finditer`, `pattern`...) is the compiled pattern's,
    kept on the instance once asked for: later calls cost what a compiled pattern's do."""

    def __init__(self, pattern: str, flags: int = 0, **named_lists: Any) -> None:
        self._source = (pattern, flags, named_lists)

    @cached_property
    def compiled(self) -> regex.Pattern[str]:
        pattern, flags, named_lists = self._source
        return compile_stored(pattern, flags, **named_lists)

    @property
    def source(self) -> tuple[str, int]:
        """The pattern and flags it compiles, read without compiling it."""
        return self._source[0], self._source[1]

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # copy, pickle and the like ask for protocols: not the pattern's
            raise AttributeError(name)
        value = getattr(self.compiled, name)
        setattr(self, name, value)
        return value

    def __repr__(self) -> str:
        return f"LazyPattern({self._source[0]!r})"


def compile_stored(pattern: str, flags: int = 0, **named_lists: Any) -> regex.Pattern[str]:
    """`regex.compile(pattern, flags, **named_lists)`, rebuilt from its compiled code when an
    earlier process stored it (see the module's docstring)."""
    if flags & regex.LOCALE:  # compiled for the locale of the moment: never stored
        return regex.compile(pattern, flags, **named_lists)
    # Named lists are sets or lists of strings: sorted, their key is the same in every process.
    lists = tuple((name, tuple(sorted(values))) for name, values in sorted(named_lists.items()))
    key = (regex.__version__, regex.DEFAULT_VERSION, pattern, flags, lists)
    try:
        reduced = stored("pattern", lambda: _reduced(regex.compile(pattern, flags, **named_lists)), (), key)
        return _regex.compile(*reduced)
    except (TypeError, ValueError, OverflowError):  # data this `regex` cannot store or rebuild
        return regex.compile(pattern, flags, **named_lists)


def _reduced(compiled: regex.Pattern[str]) -> tuple[Any, ...]:
    """The arguments `pickle` would rebuild `compiled` from (data only: marshal stores it)."""
    rebuild, arguments = copyreg.dispatch_table[type(compiled)](compiled)
    if rebuild is not _regex.compile:
        raise TypeError(f"regex pickles patterns with {rebuild!r}")  # a `regex` this module does not know
    return tuple(arguments)
