"""Fixture harness for rule authors (built-in and plugin): `fixtures/<CODE>/` cases.

A case directory holds:
- `ok_<name>.txt` (or `.md`): text the rule must not flag (and no snapshot);
- `bad_<name>.txt`: text it must flag, with its snapshots:
  - `bad_<name>.expected`: every finding, one line each
    (`line:col-line:col CODE message [safe fix|unsafe fix]`), each followed by one
    indented line per edit of its fix: `line:col-line:col 'old text' -> 'new text'`
    (positions in the original text; a long deletion is shown by its two ends);
  - `bad_<name>.safe.fixed.txt`: the text after the safe fixes (`--fix`), present only
    if they change it;
  - `bad_<name>.unsafe.fixed.txt`: the text after all fixes (`--fix --unsafe-fixes`),
    present only if it differs from the safe-fixed text;
- `<name>.toml` (optional): the rule's options for that case.

`check_case(case)` fails when a snapshot is stale, missing or left over;
`check_case(case, update=True)` rewrites the case's snapshots instead (newslint's own
tests: `pytest tests/test_fixtures.py --update-fixtures`). Review the rewritten files as
a diff: a changed safe fix shows in `.expected` and `.safe.fixed.txt`.
"""
from __future__ import annotations

import difflib
import sys
from dataclasses import dataclass
from pathlib import Path

# The public API only, as a plugin's own tests would use it.
from newslint import Config, Document, Edit, RuleSet, Violation, build_ruleset, fix_text, lint_text

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

_TEXT_SUFFIXES = (".txt", ".md")
_SNAPSHOT_MARKS = (".expected", ".fixed.")
_LONG = 60  # a deleted text longer than this is shown by its two ends
_END = 24  # characters shown of each end
UPDATE_HINT = "rewrite the snapshots with `check_case(case, update=True)` and review the diff"


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
    def safe_fixed_path(self) -> Path:
        return self.path.with_name(self.stem + ".safe.fixed" + self.path.suffix)

    @property
    def unsafe_fixed_path(self) -> Path:
        return self.path.with_name(self.stem + ".unsafe.fixed" + self.path.suffix)

    @property
    def obsolete_fixed_path(self) -> Path:
        """Where the earlier format kept the text after all fixes; it must be gone."""
        return self.path.with_name(self.stem + ".fixed" + self.path.suffix)

    @property
    def snapshot_paths(self) -> tuple[Path, ...]:
        return (self.expected_path, self.safe_fixed_path, self.unsafe_fixed_path, self.obsolete_fixed_path)

    @property
    def options_path(self) -> Path:
        return self.path.with_name(self.stem.split("_", 1)[1] + ".toml")


def fixture_cases(root: Path) -> list[FixtureCase]:
    """Every ok_/bad_ case under `root/<CODE>/`."""
    cases = []
    for directory in sorted(p for p in root.iterdir() if p.is_dir()):
        for path in sorted(directory.iterdir()):
            if (path.suffix in _TEXT_SUFFIXES and path.name.startswith(("ok_", "bad_"))
                    and not _is_snapshot(path)):
                cases.append(FixtureCase(directory.name, path))
    return cases


def orphaned_snapshots(root: Path) -> list[Path]:
    """Snapshot files under `root/<CODE>/` that belong to no bad_ case (left behind by a rename)."""
    owned = {p for case in fixture_cases(root) if case.kind == "bad" for p in case.snapshot_paths}
    return [path for directory in sorted(p for p in root.iterdir() if p.is_dir())
            for path in sorted(directory.iterdir())
            if path.name.startswith(("ok_", "bad_")) and _is_snapshot(path) and path not in owned]


def _is_snapshot(path: Path) -> bool:
    return any(mark in path.name for mark in _SNAPSHOT_MARKS)


def _config(case: FixtureCase) -> Config:
    options = {}
    if case.options_path.exists():
        options = tomllib.loads(case.options_path.read_text(encoding="utf-8"))
    return Config(select=(case.code,), rules={case.code: options} if options else {})


def render(violations: list[Violation], text: str, path: str = "<text>") -> str:
    """One line a finding, `line:col-line:col CODE message [safe|unsafe fix]`, then one
    indented line an edit of its fix, `line:col-line:col 'old text' -> 'new text'`."""
    doc = Document(text, path)
    lines = []
    for v in violations:
        fix = f" [{v.fix.applicability.value} fix]" if v.fix else ""
        lines.append(f"{_span(doc, v.start, v.end)} {v.code} {v.message}{fix}")
        lines.extend("    " + _edit(doc, edit) for edit in (v.fix.edits if v.fix else ()))
    return "".join(line + "\n" for line in lines)


def _span(doc: Document, start: int, end: int) -> str:
    first, last = doc.position(start), doc.position(end)
    return f"{first.line}:{first.column}-{last.line}:{last.column}"


def _edit(doc: Document, edit: Edit) -> str:
    old = doc.text[edit.start : edit.end]
    # The range pins down the old text exactly: its two ends are enough to read it by.
    shown = repr(old) if len(old) <= _LONG else f"{old[:_END]!r}…{old[-_END:]!r}"
    return f"{_span(doc, edit.start, edit.end)} {shown} -> {edit.text!r}"


def _read(path: Path) -> str | None:
    return path.read_bytes().decode("utf-8") if path.exists() else None


def _snapshots(case: FixtureCase, text: str, ruleset: RuleSet, found: list[Violation]) -> dict[Path, str | None]:
    """What each snapshot file of a bad_ case should hold (None: no such file)."""
    name = case.path.name
    safe = fix_text(text, ruleset, name, unsafe=False).text
    unsafe = fix_text(text, ruleset, name, unsafe=True).text
    for fixed, allow in ((safe, False), (unsafe, True)):
        again = fix_text(fixed, ruleset, name, unsafe=allow).text
        assert again == fixed, f"{case.path}: a second fix ({'unsafe' if allow else 'safe'}) changed the text"
    return {
        case.expected_path: render(found, text),
        case.safe_fixed_path: safe if safe != text else None,
        case.unsafe_fixed_path: unsafe if unsafe != safe else None,
        case.obsolete_fixed_path: None,
    }


def _write(path: Path, content: str | None) -> None:
    if content is not None:
        path.write_bytes(content.encode("utf-8"))
    elif path.exists():
        path.unlink()


def _stale(path: Path, expected: str | None, recorded: str | None) -> str:
    """A readable account of how the snapshot at `path` differs from what it should hold."""
    if recorded is None:
        return f"{path} is missing; {UPDATE_HINT}"
    if expected is None:
        return f"{path} should not exist; {UPDATE_HINT}"
    diff = difflib.unified_diff(recorded.splitlines(keepends=True), expected.splitlines(keepends=True),
                                f"{path.name} (recorded)", f"{path.name} (now)")
    return f"{path} is stale; {UPDATE_HINT}:\n{''.join(diff)}"


def check_case(case: FixtureCase, *, update: bool = False) -> None:
    """Assert the case holds; with `update`, rewrite its snapshots instead of comparing."""
    ruleset = build_ruleset(_config(case))
    try:
        _check(case, ruleset, update)
    finally:
        ruleset.close()


def _check(case: FixtureCase, ruleset: RuleSet, update: bool) -> None:
    text = _read(case.path)
    found = lint_text(text, ruleset, case.path.name)
    if case.kind == "ok":
        assert not found, f"{case.path}: expected no findings, got:\n{render(found, text)}"
        left = [p for p in case.snapshot_paths if p.exists()]
        assert not left, f"{case.path}: an ok_ case has no snapshots: remove {', '.join(map(str, left))}"
        return
    assert found, f"{case.path}: expected findings of {case.code}, got none"
    undeclared = sorted({v.code for v in found if v.fix and not ruleset.registry[v.code].fixable})
    assert not undeclared, f"{case.path}: {', '.join(undeclared)} offer fixes but do not set `fixable = True`"
    for path, expected in _snapshots(case, text, ruleset, found).items():
        if update:
            _write(path, expected)
        else:
            recorded = _read(path)
            assert recorded == expected, _stale(path, expected, recorded)
