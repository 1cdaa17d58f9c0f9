"""newslint: a linter with autofixes for scraped news-article text."""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

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
    from newslint.engine import build_ruleset, lint_text

    ruleset = build_ruleset(config)
    try:
        return lint_text(text, ruleset, path)
    finally:
        ruleset.close()


def fix(text: str, config: Config | None = None, *, unsafe: bool = False, path: str = "<text>") -> str:
    """`text` with every allowed fix applied (safe ones; unsafe ones too if asked)."""
    from newslint.engine import build_ruleset, fix_text

    ruleset = build_ruleset(config)
    try:
        return fix_text(text, ruleset, path, unsafe=unsafe).text
    finally:
        ruleset.close()
