"""newslint: a linter with autofixes for scraped news-article text."""
from __future__ import annotations

from newslint.config import Config
from newslint.document import Document, Span
from newslint.engine import FixResult, RuleSet, build_ruleset, fix_text, lint_text
from newslint.errors import ConfigError, NewslintError, RuleCrashed, RuleLoadError
from newslint.model import Applicability, Edit, Fix, Position, Violation
from newslint.rule import Option, Rule

__version__ = "0.1.0"

__all__ = [
    "Applicability", "Config", "ConfigError", "Document", "Edit", "Fix", "FixResult", "NewslintError",
    "Option", "Position", "Rule", "RuleCrashed", "RuleLoadError", "RuleSet", "RunOptions", "RunResult",
    "Span", "Violation", "build_ruleset", "check_paths", "fix", "fix_text", "lint", "lint_text",
]
# Names of newslint.run, imported on first use: `import newslint` does not load the file-running machinery.
_FROM_RUN = ("RunOptions", "RunResult", "check_paths")


def __getattr__(name: str) -> object:
    if name in _FROM_RUN:
        from newslint import run

        return getattr(run, name)
    raise AttributeError(f"module 'newslint' has no attribute {name!r}")


def lint(text: str, config: Config | None = None, *, path: str = "<text>") -> list[Violation]:
    """Violations found in `text` by the rules `config` selects (the defaults if None)."""
    ruleset = build_ruleset(config)
    try:
        return lint_text(text, ruleset, path)
    finally:
        ruleset.close()


def fix(text: str, config: Config | None = None, *, unsafe: bool = False, path: str = "<text>") -> str:
    """`text` with every allowed fix applied (safe ones; unsafe ones too if asked)."""
    ruleset = build_ruleset(config)
    try:
        return fix_text(text, ruleset, path, unsafe=unsafe).text
    finally:
        ruleset.close()
