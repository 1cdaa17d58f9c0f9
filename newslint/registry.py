"""Finding rules: every rule, built-in or third-party, comes through the `newslint.rules` entry points."""
from __future__ import annotations

import functools
import inspect
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import metadata

from newslint.errors import RuleLoadError
from newslint.rule import Rule

ENTRY_POINT_GROUP = "newslint.rules"


@dataclass(frozen=True)
class RuleInfo:
    """A rule class and the distribution that provides it."""

    cls: type[Rule]
    package: str

    @property
    def code(self) -> str:
        return self.cls.code


def _rule_classes(obj: object, where: str) -> Iterable[type[Rule]]:
    if inspect.isclass(obj) and issubclass(obj, Rule):
        return (obj,)
    if isinstance(obj, (list, tuple)) and all(inspect.isclass(o) and issubclass(o, Rule) for o in obj):
        return obj
    raise RuleLoadError(f"entry point {where} is neither a Rule subclass nor a list of them")


def _load_entry_point(ep: metadata.EntryPoint) -> tuple[str, object]:
    dist = ep.dist.name if ep.dist else "unknown"
    where = f"'{ep.name} = {ep.value}' of {dist}"
    try:
        return dist, ep.load()
    except Exception as exc:  # a plugin's import error must name the plugin
        raise RuleLoadError(f"cannot load rules from {where}: {type(exc).__name__}: {exc}") from None


@functools.cache
def all_rules() -> dict[str, RuleInfo]:
    """Every installed rule by code, in code order; duplicate codes or names are errors."""
    found: dict[str, RuleInfo] = {}
    names: dict[str, str] = {}
    seen: set[tuple[str, str]] = set()
    for ep in metadata.entry_points(group=ENTRY_POINT_GROUP):
        if (ep.name, ep.value) in seen:  # one distribution seen twice on sys.path
            continue
        seen.add((ep.name, ep.value))
        dist, obj = _load_entry_point(ep)
        for cls in _rule_classes(obj, f"'{ep.name} = {ep.value}' of {dist}"):
            if cls.code in found and found[cls.code].cls is not cls:
                other = found[cls.code].package
                raise RuleLoadError(f"rule code {cls.code} is defined by both {other} and {dist}")
            if cls.name in names and names[cls.name] != cls.code:
                raise RuleLoadError(f"rule name '{cls.name}' is used by both {names[cls.name]} and {cls.code}")
            found[cls.code] = RuleInfo(cls, dist)
            names[cls.name] = cls.code
    return dict(sorted(found.items()))
