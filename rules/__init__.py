"""newslint's built-in rules, one module each; registered through the `newslint.rules` entry point."""
from __future__ import annotations

import importlib
import inspect
import json
import pkgutil
from pathlib import Path

from newslint.rule import Rule


def _discover() -> tuple[type[Rule], ...]:
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
    return tuple(sorted(found, key=lambda cls: cls.code))


def _attach_precision(classes: tuple[type[Rule], ...]) -> None:
    """Give each rule the measurements `bench/publish_precision.py` recorded for it."""
    path = Path(__file__).with_name("data") / "precision.json"
    if not path.is_file():
        return
    published = json.loads(path.read_text(encoding="utf-8"))
    for cls in classes:
        measured = {}
        for kind in ("labelled", "audit"):
            row = published.get(kind, {}).get("rules", {}).get(cls.code)
            if row:
                commit = published[kind]["commit"]
                measured[kind] = {"commit": commit, "corpora": row} if kind == "labelled" else {"commit": commit, **row}
        cls.measured_precision = measured or None


BUILTIN_RULES = _discover()
_attach_precision(BUILTIN_RULES)
