"""newslint: a linter with autofixes for scraped news-article text."""
from __future__ import annotations

import importlib
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

__version__ = "0.1.0"

__all__ = [
    "Applicability", "Config", "ConfigError", "Document", "Edit", "Fix", "FixResult", "NewslintError",
    "Option", "Position", "Rule", "RuleCrashed", "RuleLoadError", "RuleSet", "RunOptions", "RunResult",
    "Span", "Violation", "build_ruleset", "check_paths", "fix", "fix_text", "lint", "lint_text",
]
# Public names and the module defining each, imported on first use: `import newslint` (and the
# command line's start) stays quick, and a name is only as costly as what it needs.
_LAZY = {
    "Config": "config", "Document": "document", "Span": "document", "FixResult": "engine", "RuleSet": "engine",
    "build_ruleset": "engine", "fix_text": "engine", "lint_text": "engine", "ConfigError": "errors",
    "NewslintError": "errors", "RuleCrashed": "errors", "RuleLoadError": "errors", "Applicability": "model",
    "Edit": "model", "Fix": "model", "Position": "model", "Violation": "model", "Option": "rule", "Rule": "rule",
    "RunOptions": "run", "RunResult": "run", "check_paths": "run",
}

if TYPE_CHECKING:
    from newslint.config import Config
    from newslint.document import Document, Span
    from newslint.engine import FixResult, RuleSet, build_ruleset, fix_text, lint_text
    from newslint.errors import ConfigError, NewslintError, RuleCrashed, RuleLoadError
    from newslint.model import Applicability, Edit, Fix, Position, Violation
    from newslint.rule import Option, Rule
    from newslint.run import RunOptions, RunResult, check_paths

_T = TypeVar("_T")


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'newslint' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"newslint.{module}"), name)
    globals()[name] = value  # found directly from now on
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


def lint(text: str, config: Config | None = None, *, path: str = "<text>") -> list[Violation]:
    """Violations found in `text` by the rules `config` selects (the defaults if None)."""
    from newslint.engine import lint_text

    if config is None and (ruleset := _default_ruleset()) is not None:
        return lint_text(text, ruleset, path)
    return _with_ruleset(config, lambda ruleset: lint_text(text, ruleset, path))


def fix(text: str, config: Config | None = None, *, unsafe: bool = False, path: str = "<text>") -> str:
    """`text` with every allowed fix applied (safe ones; unsafe ones too if asked)."""
    from newslint.engine import fix_text

    if config is None and (ruleset := _default_ruleset()) is not None:
        return fix_text(text, ruleset, path, unsafe=unsafe).text
    return _with_ruleset(config, lambda ruleset: fix_text(text, ruleset, path, unsafe=unsafe).text)


def _with_ruleset(config: Config | None, run: Callable[[RuleSet], _T]) -> _T:
    """`run` with a rule set built for this call alone, closed after it."""
    from newslint.engine import build_ruleset

    ruleset = build_ruleset(config)
    try:
        return run(ruleset)
    finally:
        ruleset.close()


_DEFAULTS = threading.local()  # this thread's default rule set (None: not to be kept)


def _default_ruleset() -> RuleSet | None:
    """The rule set of the default config, built on the first call in this thread and kept.

    Building one costs about 2 ms, more than checking a short text. Keeping it is safe: a
    rule's findings depend on the text alone (rules/README.md), and what a rule keeps between
    texts is bounded memos. Not kept (None) when a rule learns across documents or holds an
    outside resource (`Rule.close`): such a set lives for one call, as any config's does. One
    per thread, since the memos are not locked. Rules installed after the first call are not
    seen by this thread's set."""
    from newslint.engine import build_ruleset
    from newslint.rule import Rule

    if not hasattr(_DEFAULTS, "ruleset"):
        ruleset = build_ruleset()
        keep = all(not rule.learns_across_documents and type(rule).close is Rule.close for rule in ruleset.rules)
        if not keep:
            ruleset.close()
        _DEFAULTS.ruleset = ruleset if keep else None
    return _DEFAULTS.ruleset
