"""newslint's built-in rules, one module each; registered through the `newslint.rules` entry point.

The entry point gives the rules' manifest (`data/manifest.json`), not their classes: a
rule's module is imported only when the rule runs or its class is asked for. After
adding or changing a rule, `python -m newslint.manifest` rewrites the manifest from
`discover()`; tests/test_manifest.py fails while it is out of date.
"""
from __future__ import annotations

import functools
import os

MANIFEST = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "manifest.json")


def __getattr__(name: str) -> object:
    if name == "BUILTIN_RULES":  # the entry point's value, read when asked for
        return _builtin_rules()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@functools.cache
def _builtin_rules() -> tuple:
    from newslint.manifest import read

    return read(MANIFEST)


def discover() -> tuple[type, ...]:
    """Every built-in rule class, found by importing every rule module (slow: for the manifest and tests)."""
    import importlib
    import inspect
    import pkgutil

    from newslint.rule import Rule

    found: list[type[Rule]] = []
    for module_info in pkgutil.iter_modules(__path__):
        if module_info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        found.extend(
            obj for obj in vars(module).values()
            if inspect.isclass(obj) and issubclass(obj, Rule) and obj.__module__ == module.__name__
            and "code" in obj.__dict__
        )
    classes = tuple(sorted(found, key=lambda cls: cls.code))
    _attach_precision(classes)
    return classes


def _attach_precision(classes: tuple[type, ...]) -> None:
    """Give each rule the measurements `bench/publish_precision.py` recorded for it (data/precision.json)."""
    import json

    path = os.path.join(os.path.dirname(MANIFEST), "precision.json")
    if not os.path.isfile(path):
        return
    with open(path, encoding="utf-8") as handle:
        published = json.load(handle)
    for cls in classes:
        measured = {}
        for kind in ("labelled", "audit"):
            row = published.get(kind, {}).get("rules", {}).get(cls.code)
            if row:
                # A rule measured again on its own, later than the rest, says at which commit.
                commit = published[kind].get("rule_commits", {}).get(cls.code, published[kind]["commit"])
                measured[kind] = {"commit": commit, "corpora": row} if kind == "labelled" else {"commit": commit, **row}
        cls.measured_precision = measured or None
