"""Errors newslint reports as one line and exit status 2."""
from __future__ import annotations


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


class FixesDidNotConverge(NewslintError):
    pass


class InputError(NewslintError):
    """A file that cannot be read or written as asked."""
