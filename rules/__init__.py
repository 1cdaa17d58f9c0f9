"""newslint's built-in rules, one module each; registered through the `newslint.rules` entry point."""
from __future__ import annotations

import gc
import importlib
import inspect
import pkgutil

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


BUILTIN_RULES = _discover()
# Compiling patterns with `regex` leaves cyclic garbage with finalizers. Freed now, it is not
# freed by a collection in the middle of a run, where a Ctrl-C would land in a finalizer and
# be printed as an ignored exception instead of stopping the run cleanly.
gc.collect()
