"""Fixture harness for rule authors (built-in and plugin): `fixtures/<CODE>/` cases.

A case directory holds:
- `ok_<name>.txt` (or `.md`): text the rule must not flag;
- `bad_<name>.txt`: text it must flag, with `bad_<name>.expected` (one line a finding)
  and, if any fix applies, `bad_<name>.fixed.txt` (the text after all fixes, unsafe too);
- `<name>.toml` (optional): the rule's options for that case.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from newslint.config import Config
from newslint.document import Document
from newslint.engine import build_ruleset, fix_text, lint_text
from newslint.model import Violation

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

_TEXT_SUFFIXES = (".txt", ".md")


@dataclass(frozen=True)
class FixtureCase:
    code: str
    path: Path

    @property
    def kind(self) -> str:
        return self.path.name.split("_", 1)[0]

    @property
    def stem(self) -> str:
        return self.path.name.rsplit(".", 1)[0]

    @property
    def expected_path(self) -> Path:
        return self.path.with_name(self.stem + ".expected")

    @property
    def fixed_path(self) -> Path:
        return self.path.with_name(self.stem + ".fixed" + self.path.suffix)

    @property
    def options_path(self) -> Path:
        return self.path.with_name(self.stem.split("_", 1)[1] + ".toml")


def fixture_cases(root: Path) -> list[FixtureCase]:
    """Every ok_/bad_ case under `root/<CODE>/`."""
    cases = []
    for directory in sorted(p for p in root.iterdir() if p.is_dir()):
        for path in sorted(directory.iterdir()):
            if (path.suffix in _TEXT_SUFFIXES and path.name.startswith(("ok_", "bad_"))
                    and ".fixed." not in path.name):
                cases.append(FixtureCase(directory.name, path))
    return cases


def _config(case: FixtureCase) -> Config:
    options = {}
    if case.options_path.exists():
        options = tomllib.loads(case.options_path.read_text(encoding="utf-8"))
    return Config(select=(case.code,), rules={case.code: options} if options else {})


def render(violations: list[Violation], text: str, path: str = "<text>") -> str:
    """One line a finding: `line:col-line:col CODE message [safe|unsafe fix]`."""
    doc = Document(text, path)
    lines = []
    for v in violations:
        start, end = doc.position(v.start), doc.position(v.end)
        fix = f" [{v.fix.applicability.value} fix]" if v.fix else ""
        lines.append(f"{start.line}:{start.column}-{end.line}:{end.column} {v.code} {v.message}{fix}")
    return "".join(line + "\n" for line in lines)


def _read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


def check_case(case: FixtureCase, *, update: bool = False) -> None:
    """Assert the case holds; with `update`, rewrite its snapshots instead of comparing."""
    text = _read(case.path)
    ruleset = build_ruleset(_config(case))
    name = str(case.path.name)
    found = lint_text(text, ruleset, name)
    if case.kind == "ok":
        assert not found, f"{case.path}: expected no findings, got:\n{render(found, text)}"
        return
    assert found, f"{case.path}: expected findings of {case.code}, got none"
    undeclared = sorted({v.code for v in found if v.fix and not ruleset.registry[v.code].fixable})
    assert not undeclared, f"{case.path}: {', '.join(undeclared)} offer fixes but do not set `fixable = True`"
    fixed = fix_text(text, ruleset, name, unsafe=True).text
    snapshot = render(found, text)
    if update:
        case.expected_path.write_text(snapshot, encoding="utf-8")
        if fixed != text:
            case.fixed_path.write_bytes(fixed.encode("utf-8"))
        elif case.fixed_path.exists():
            case.fixed_path.unlink()
        return
    assert snapshot == _read(case.expected_path), f"{case.expected_path} differs:\n{snapshot}"
    if case.fixed_path.exists() or fixed != text:
        assert fixed == _read(case.fixed_path), f"{case.fixed_path} differs from the fixed text"
    assert fix_text(fixed, ruleset, name, unsafe=True).text == fixed, f"{case.path}: a second fix changed the text"
