"""Finding rules: every rule, built-in or third-party, comes through the `newslint.rules` entry points.

An entry point gives rule classes (a class or a list) or rule specs (`newslint.manifest.RuleSpec`,
e.g. a manifest's `read(path)`): with specs, nothing of the rule is imported until it runs or
its class is asked for. The built-in rules come as specs.
"""
from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import metadata
from typing import Any

from newslint.errors import RuleLoadError
from newslint.manifest import OptionInfo, RuleSpec

ENTRY_POINT_GROUP = "newslint.rules"


@dataclass(frozen=True)
class RuleInfo:
    """A rule's metadata, the distribution that provides it, and (imported on demand) its class."""

    spec: RuleSpec
    package: str

    @classmethod
    def of(cls, rule: type, package: str) -> RuleInfo:
        """The info of a rule class already imported."""
        return cls(RuleSpec.of(rule), package)

    @property
    def code(self) -> str:
        return self.spec.code

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def default_enabled(self) -> bool:
        return self.spec.default_enabled

    @property
    def fixable(self) -> bool:
        return self.spec.fixable

    @property
    def needs_setup(self) -> bool:
        return self.spec.needs_setup

    @property
    def options(self) -> tuple[OptionInfo, ...]:
        return self.spec.options

    @property
    def measured_precision(self) -> Mapping[str, Any] | None:
        return self.spec.measured_precision

    def summary(self) -> str:
        return self.spec.summary()

    def documentation(self) -> str:
        return self.spec.documentation()

    @property
    def cls(self) -> type:
        """The rule class, its module imported now if it was not yet."""
        try:
            return self.spec.load()
        except RuleLoadError as exc:
            raise RuleLoadError(f"{exc} (from {self.package})") from None
        except Exception as exc:  # a rule's import error must name the rule and its package
            raise RuleLoadError(f"cannot load rule {self.code} from {self.spec.module} of {self.package}: "
                                f"{type(exc).__name__}: {exc}") from None


def _rule_specs(obj: object, where: str) -> tuple[RuleSpec, ...]:
    items = obj if isinstance(obj, (list, tuple)) else (obj,)
    specs = []
    for item in items:
        if isinstance(item, RuleSpec):
            specs.append(item)
        elif isinstance(item, type) and _is_rule(item):
            specs.append(RuleSpec.of(item))
        else:
            raise RuleLoadError(f"entry point {where} is neither a Rule subclass, a RuleSpec nor a list of them")
    return tuple(specs)


def _is_rule(cls: type) -> bool:
    from newslint.rule import Rule  # a class was given, so its module has imported Rule already

    return issubclass(cls, Rule)


def _load_entry_point(ep: metadata.EntryPoint) -> tuple[str, object]:
    dist = ep.dist.name if ep.dist else "unknown"
    where = f"'{ep.name} = {ep.value}' of {dist}"
    try:
        return dist, ep.load()
    except Exception as exc:  # a plugin's import error must name the plugin
        raise RuleLoadError(f"cannot load rules from {where}: {type(exc).__name__}: {exc}") from None


def _entry_points() -> Iterable[metadata.EntryPoint]:
    seen: set[tuple[str, str]] = set()
    for ep in metadata.entry_points(group=ENTRY_POINT_GROUP):
        if (ep.name, ep.value) not in seen:  # one distribution seen twice on sys.path
            seen.add((ep.name, ep.value))
            yield ep


@functools.cache
def all_rules() -> dict[str, RuleInfo]:
    """Every installed rule by code, in code order; duplicate codes or names are errors."""
    found: dict[str, RuleInfo] = {}
    names: dict[str, str] = {}
    for ep in _entry_points():
        dist, obj = _load_entry_point(ep)
        for spec in _rule_specs(obj, f"'{ep.name} = {ep.value}' of {dist}"):
            if spec.code in found and not _same_rule(found[spec.code].spec, spec):
                other = found[spec.code].package
                raise RuleLoadError(f"rule code {spec.code} is defined by both {other} and {dist}")
            if spec.name in names and names[spec.name] != spec.code:
                raise RuleLoadError(f"rule name '{spec.name}' is used by both {names[spec.name]} and {spec.code}")
            found[spec.code] = RuleInfo(spec, dist)
            names[spec.name] = spec.code
    return dict(sorted(found.items()))


def _same_rule(a: RuleSpec, b: RuleSpec) -> bool:
    """One class reached twice (two entry points naming it), not two rules sharing a code."""
    if a.loaded is not None and b.loaded is not None:
        return a.loaded is b.loaded
    return (a.module, a.class_name) == (b.module, b.class_name)
