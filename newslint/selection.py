"""Turning selectors (codes, code prefixes, rule names, ALL) into the rules to run."""
from __future__ import annotations

from collections.abc import Iterable

from newslint.config import Config
from newslint.errors import ConfigError, suggest
from newslint.registry import RuleInfo


def matches(selector: str, info: RuleInfo) -> bool:
    return selector == "ALL" or info.code.startswith(selector) or selector == info.name


def resolve(selectors: Iterable[str], rules: dict[str, RuleInfo], source: str) -> set[str]:
    """Codes named by `selectors`; an unknown selector is an error with a close match."""
    codes: set[str] = set()
    for selector in selectors:
        hits = {code for code, info in rules.items() if matches(selector, info)}
        if not hits:
            names = [*rules, *(i.name for i in rules.values())]
            raise ConfigError(f"{source}: unknown rule selector '{selector}'{suggest(selector, names)}")
        codes |= hits
    return codes


def selected_codes(config: Config, rules: dict[str, RuleInfo]) -> list[str]:
    """The codes to run, in code order: select (or the defaults) + extend-select - ignore."""
    if config.select is None:
        chosen = {code for code, info in rules.items() if info.default_enabled}
    else:
        chosen = _picked(config.select, rules, config.source)
    chosen |= _picked(config.extend_select, rules, config.source)
    chosen -= resolve(config.ignore, rules, config.source)
    resolve((*(config.fixable or ()), *config.unfixable), rules, config.source)  # checked now, applied per finding
    for _, codes in config.per_file_ignores:
        resolve(codes, rules, config.source)  # checked now, applied per file
    for key in config.rules:
        _rule_for_key(key, rules, config.source)
    return sorted(chosen)


def _picked(selectors: tuple[str, ...], rules: dict[str, RuleInfo], source: str) -> set[str]:
    """The codes `selectors` select: `ALL` is every rule that runs without setup (see `Rule.needs_setup`)."""
    codes = resolve([s for s in selectors if s != "ALL"], rules, source)
    if "ALL" in selectors:
        codes |= {code for code, info in rules.items() if not info.needs_setup}
    return codes


def _rule_for_key(key: str, rules: dict[str, RuleInfo], source: str) -> str:
    if key in rules:
        return key
    for code, info in rules.items():
        if info.name == key:
            return code
    names = [*rules, *(i.name for i in rules.values())]
    raise ConfigError(f"{source}: [rules.{key}] names no rule{suggest(key, names)}")


def rule_settings(config: Config, code: str, rules: dict[str, RuleInfo]) -> dict[str, object]:
    """Options for one rule, from its table under `rules` (by code or by name)."""
    merged: dict[str, object] = {}
    for key, options in config.rules.items():
        if _rule_for_key(key, rules, config.source) == code:
            merged.update(options)
    return merged


def fix_allowed(config: Config, info: RuleInfo) -> bool:
    """Whether `fixable` and `unfixable` let this rule's findings carry a fix."""
    if config.fixable is not None and not any(matches(s, info) for s in config.fixable):
        return False
    return not any(matches(s, info) for s in config.unfixable)
