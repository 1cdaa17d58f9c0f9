"""Errors newslint reports as one line and exit status 2."""
from __future__ import annotations

import difflib
from collections.abc import Iterable


class NewslintError(Exception):
    """Base class: the message is one line, naming the file or rule at fault."""


class ConfigError(NewslintError):
    pass


class RuleLoadError(NewslintError):
    pass


class RuleCrashed(NewslintError):
    def __init__(self, code: str, path: str, exc: BaseException) -> None:
        super().__init__(f"{path}: rule {code} crashed: {type(exc).__name__}: {exc}")
        self.code, self.path, self.exc = code, path, exc


class RuleBrokeContract(RuleCrashed):
    """A rule that ran but broke the engine's contract, as a report-only rule offering a fix."""

    def __init__(self, code: str, path: str, problem: str) -> None:
        NewslintError.__init__(self, f"{path}: rule {code} {problem}")
        self.code, self.path, self.exc = code, path, ValueError(problem)


class FixesDidNotConverge(NewslintError):
    pass


class InputError(NewslintError):
    """A file that cannot be read or written as asked."""


def suggest(word: str, choices: Iterable[str]) -> str:
    """' (did you mean ...?)' for the closest choice, or ''."""
    close = difflib.get_close_matches(word, list(choices), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""
