"""The Harper backend of NLG001, through harper-py: offline, in process, English only.

harper-py is imported when the rule is built with this backend, never at module import.
"""
from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Any

from newslint.errors import ConfigError
from newslint.rule import suggest
from newslint.rules._grammar import CODE, Finding, GrammarBackendError, Opener, one_line

# Harper's dialects, by the language tags newslint accepts for them.
_DIALECTS = {"en": "AMERICAN", "en-us": "AMERICAN", "en-gb": "BRITISH", "en-au": "AUSTRALIAN",
             "en-ca": "CANADIAN", "en-in": "INDIAN"}
_REMOVE, _INSERT_AFTER = 1, 2  # harper.SuggestionKind values


def harper_opener(settings: Mapping[str, Any], user_rules: Collection[str]) -> Opener:
    try:
        import harper
    except ImportError as exc:
        raise ConfigError(f"{CODE}: the Harper backend needs harper-py ({exc.name or exc}): "
                          f"pip install 'newslint[harper]'") from None
    dialect = _DIALECTS.get(settings["language"].lower())
    if dialect is None:
        raise ConfigError(f"{CODE}: Harper checks English only: set language to one of "
                          f"{', '.join(sorted(_DIALECTS))} (it is {settings['language']!r})")
    return lambda: _open(harper, dialect, settings, user_rules)


def _open(harper: Any, dialect: str, settings: Mapping[str, Any], user_rules: Collection[str]) -> HarperBackend:
    try:
        linter = harper.Linter(harper.Dialect[dialect])
    except Exception as exc:  # an alpha binding: whatever it raises is reported, not a crash
        raise GrammarBackendError(f"{CODE}: Harper failed to start: {type(exc).__name__}: {one_line(exc)}") from None
    return HarperBackend(linter, settings, user_rules)


class HarperBackend:
    """One Harper linter for the run; its rule names play the part of LanguageTool's rule ids."""

    def __init__(self, linter: Any, settings: Mapping[str, Any], user_rules: Collection[str]) -> None:
        known = linter.get_default_lint_config()
        for name in user_rules:
            if name not in known:
                raise ConfigError(f"{CODE}: Harper has no rule {name!r}{suggest(name, known)}")
        enabled = set(settings["enabled-rules"])
        off = {name for name in settings["disabled-rules"] if name in known}
        linter.set_lint_config({**{name: False for name in off}, **{name: True for name in enabled}})
        self._linter = linter
        self._enabled = enabled
        self._only = (enabled, set(settings["enabled-categories"])) if settings["enabled-only"] else None
        self._disabled_kinds = set(settings["disabled-categories"])

    def check_texts(self, texts: Sequence[str]) -> list[list[Finding]]:
        try:
            return [self._check(text) for text in texts]
        except Exception as exc:  # an alpha binding: whatever it raises is reported, not a crash
            raise GrammarBackendError(f"{CODE}: Harper failed: {type(exc).__name__}: {one_line(exc)}") from None

    def _check(self, text: str) -> list[Finding]:
        found = []
        for rule, lints in self._linter.organized_lints(text, language="plaintext").items():
            for lint in lints:
                if self._wanted(rule, lint.lint_kind):
                    found.append(_finding(rule, lint))
        return sorted(found, key=lambda f: (f.start, f.end, f.rule_id))

    def _wanted(self, rule: str, kind: str) -> bool:
        if rule in self._enabled:
            return True
        if kind in self._disabled_kinds:
            return False
        return self._only is None or rule in self._only[0] or kind in self._only[1]

    def close(self) -> None:
        """Nothing to stop: Harper runs in this process."""


def _finding(rule: str, lint: Any) -> Finding:
    start, end = lint.span.start, lint.span.end
    fix = None
    if lint.suggestions:
        first = lint.suggestions[0]
        if first.kind == _REMOVE:
            fix = (start, end, "")
        elif first.kind == _INSERT_AFTER:
            fix = (end, end, first.replacement_text)
        else:
            fix = (start, end, first.replacement_text)
    return Finding(start, end, rule, lint.lint_kind, one_line(lint.message, 500), lint.lint_kind == "Spelling", fix)
