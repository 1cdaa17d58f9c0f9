"""Rule metadata without importing the rule: the manifest a rule package ships.

A manifest lists, for each rule, what `newslint rules`, `newslint rule CODE` and rule
selection need (code, name, default-on, fixable, fix safety, needs-setup, options,
measured precision, documentation) and where its class lives. The rule's module is
imported only when the rule runs or its class is asked for (`RuleSpec.load`).

The built-in rules' manifest is `rules/data/manifest.json`; after changing a rule, run

    python -m newslint.manifest

to rewrite it (tests/test_manifest.py fails while it is out of date). A plugin writes
its own with `python -m newslint.manifest MODULE:ATTR... --output FILE` and points its
entry point at `read(FILE)` (see the README).
"""
from __future__ import annotations

import importlib
import json
import os
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from newslint.errors import RuleLoadError

FORMAT = 1


@dataclass(frozen=True)
class OptionInfo:
    """A rule option as shown to users (its validation lives with the rule class)."""

    name: str
    default: Any
    help: str


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one spec per rule per run
class RuleSpec:
    """One rule's metadata and where its class lives; `load()` imports it."""

    code: str
    name: str
    module: str
    class_name: str
    doc: str
    default_enabled: bool = True
    fixable: bool = False
    fix_safety: str = ""  # the `## Fix safety` section of the documentation
    needs_setup: bool = False
    # Whether the rule learns across documents (NL7xx), known without importing it: such a rule turns
    # the result cache off. None: a manifest written before this field; the class must be asked.
    learns_across_documents: bool | None = False
    options: tuple[OptionInfo, ...] = ()
    measured_precision: Mapping[str, Any] | None = None
    loaded: type | None = field(default=None, repr=False)  # given as a class, not lazily

    def summary(self) -> str:
        if self.loaded is not None:  # a class in hand may say it its own way
            return self.loaded.summary()
        return self.doc.splitlines()[0] if self.doc else ""

    def documentation(self) -> str:
        """What `newslint rule CODE` prints: the docstring, then the measured precision."""
        if self.loaded is not None:
            return self.loaded.documentation()
        from newslint import precision

        measured = precision.documentation(self.measured_precision)
        return f"{self.doc}\n\n{measured}" if measured else self.doc

    def load(self) -> type:
        """The rule class (importing its module the first time); it must match this metadata."""
        if self.loaded is not None:
            return self.loaded
        from newslint.rule import Rule

        cls = getattr(importlib.import_module(self.module), self.class_name, None)
        if not (isinstance(cls, type) and issubclass(cls, Rule)):
            raise RuleLoadError(f"rule {self.code}: {self.module} has no Rule class {self.class_name}")
        if (cls.code, cls.name) != (self.code, self.name):
            raise RuleLoadError(f"rule {self.code}: the manifest says {self.code} {self.name}, the class says "
                                f"{cls.code} {cls.name}: the manifest is out of date")
        if self.learns_across_documents not in (None, bool(cls.learns_across_documents)):
            raise RuleLoadError(f"rule {self.code}: the manifest and the class disagree on whether it learns "
                                "across documents: the manifest is out of date")
        if cls.measured_precision is None and self.measured_precision:
            cls.measured_precision = self.measured_precision  # the manifest carries the package's measurements
        return cls

    @classmethod
    def of(cls, rule: type, *, lazy: bool = False) -> RuleSpec:
        """The spec of a rule class (holding the class itself unless `lazy`)."""
        import inspect

        doc = inspect.getdoc(rule) or ""
        return cls(code=rule.code, name=rule.name, module=rule.__module__, class_name=rule.__qualname__, doc=doc,
                   default_enabled=bool(rule.default_enabled), fixable=bool(rule.fixable),
                   fix_safety=_section(doc, "## Fix safety"), needs_setup=bool(rule.needs_setup),
                   learns_across_documents=bool(rule.learns_across_documents),
                   options=tuple(OptionInfo(o.name, _plain(o.default), o.help) for o in rule.options),
                   measured_precision=rule.measured_precision, loaded=None if lazy else rule)

    def as_json(self) -> dict[str, Any]:
        return {"code": self.code, "name": self.name, "module": self.module, "class": self.class_name,
                "default_enabled": self.default_enabled, "fixable": self.fixable, "fix_safety": self.fix_safety,
                "needs_setup": self.needs_setup, "learns_across_documents": self.learns_across_documents,
                "options": [{"name": o.name, "default": o.default, "help": o.help} for o in self.options],
                "measured_precision": self.measured_precision, "doc": self.doc}

    @classmethod
    def from_json(cls, row: Mapping[str, Any]) -> RuleSpec:
        return cls(code=row["code"], name=row["name"], module=row["module"], class_name=row["class"], doc=row["doc"],
                   default_enabled=row["default_enabled"], fixable=row["fixable"], fix_safety=row["fix_safety"],
                   needs_setup=row["needs_setup"], learns_across_documents=row.get("learns_across_documents"),
                   options=tuple(OptionInfo(**o) for o in row["options"]),
                   measured_precision=row["measured_precision"])


def _section(doc: str, heading: str) -> str:
    """The text under `heading` up to the next `## ` heading, stripped."""
    if heading not in doc:
        return ""
    body = doc.split(heading, 1)[1]
    return body.split("\n## ", 1)[0].strip()


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def read(path: str | os.PathLike[str]) -> tuple[RuleSpec, ...]:
    """The rules a manifest file lists (a plugin's entry point may give exactly this)."""
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
        if data.get("format") != FORMAT:
            raise ValueError(f"format {data.get('format')!r}, expected {FORMAT}")
        return tuple(RuleSpec.from_json(row) for row in data["rules"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise RuleLoadError(f"rule manifest {os.fspath(path)}: {type(exc).__name__}: {exc}") from None


def render(classes: Iterable[type]) -> str:
    """The manifest file's text for these rule classes, in code order."""
    specs = sorted((RuleSpec.of(c) for c in classes), key=lambda s: s.code)
    data = {"format": FORMAT, "rules": [s.as_json() for s in specs]}
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


def _classes(source: str) -> list[type]:
    """The rule classes `module:attr` names (a class or a list of them)."""
    module, _, attr = source.partition(":")
    obj = getattr(importlib.import_module(module), attr)
    return list(obj) if isinstance(obj, (list, tuple)) else [obj]


def main(argv: Sequence[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m newslint.manifest", description="Write a rule manifest.")
    parser.add_argument("sources", nargs="*", metavar="MODULE:ATTR",
                        help="rule classes (a class or a list); default: the built-in rules")
    parser.add_argument("-o", "--output", help="the manifest file (default: the built-in rules' manifest)")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if the file is out of date")
    args = parser.parse_args(argv)
    if args.sources and not args.output:
        parser.error("--output is required with MODULE:ATTR")
    if args.sources:
        classes, path = [c for source in args.sources for c in _classes(source)], args.output
    else:
        from newslint import rules

        classes, path = list(rules.discover()), args.output or rules.MANIFEST
    text = render(classes)
    current = open(path, encoding="utf-8").read() if os.path.exists(path) else None
    if args.check:
        print(f"{path}: {'up to date' if current == text else 'out of date'}")
        return 0 if current == text else 1
    if current != text:
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
    print(f"{path}: {len(classes)} rules{'' if current != text else ' (unchanged)'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
