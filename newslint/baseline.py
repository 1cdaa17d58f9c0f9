"""Baselines: adopt newslint on an existing archive by recording today's findings, then reporting new ones only.

A baseline file (JSON) counts findings by file and by content: the rule's code, the
flagged text and the text of its line, hashed (see newslint.fingerprint); never by
line number. Adding or deleting lines elsewhere in a file keeps its findings matched;
editing the flagged line makes its finding new. Paths are stored relative to the
baseline file's directory, so a baseline works from any working directory.
"""
from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from newslint.errors import InputError
from newslint.findings import Finding
from newslint.run import FileReport

VERSION = 1


@dataclass(frozen=True)
class Baseline:
    """How many findings of each content key each file may have without being reported."""

    root: Path  # the baseline file's directory
    counts: dict[tuple[str, str], int]


def _entry_path(path: str, root: Path) -> str:
    return Path(os.path.relpath(os.path.abspath(path), root)).as_posix()


def _key(f: Finding) -> str:
    return f.key or f"{f.violation.code}:{f.violation.message}"


def write(file: Path, findings: Iterable[Finding]) -> int:
    """Record `findings` in `file`; returns how many."""
    root = Path(os.path.abspath(file)).parent
    counts: Counter[tuple[str, str]] = Counter()
    messages: dict[tuple[str, str], str] = {}
    for f in findings:
        entry = (_entry_path(f.path, root), _key(f))
        counts[entry] += 1
        messages.setdefault(entry, f"{f.violation.code} {f.violation.message}")
    entries = [{"path": path, "key": key, "count": counts[(path, key)], "finding": messages[(path, key)]}
               for path, key in sorted(counts)]
    data = {"newslint-baseline": VERSION, "findings": entries}
    try:
        Path(file).write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{file}: cannot write the baseline: {exc.strerror or exc}") from None
    return sum(counts.values())


def load(file: Path) -> Baseline:
    try:
        data = json.loads(Path(file).read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"{file}: cannot read the baseline: {exc.strerror or exc}") from None
    except ValueError as exc:
        raise InputError(f"{file}: not a newslint baseline: {exc}") from None
    if not isinstance(data, dict) or data.get("newslint-baseline") != VERSION:
        raise InputError(f"{file}: not a newslint baseline (version {VERSION})")
    try:
        counts = {(e["path"], e["key"]): int(e["count"]) for e in data["findings"]}
    except (KeyError, TypeError, ValueError):
        raise InputError(f"{file}: a baseline entry lacks path, key or count") from None
    return Baseline(Path(os.path.abspath(file)).parent, counts)


def new_findings(findings: Iterable[Finding], baseline: Baseline, left: Counter[tuple[str, str]]) -> list[Finding]:
    """The findings the baseline does not hold; `left` (what the baseline still allows) is used up."""
    new = []
    for f in findings:
        entry = (_entry_path(f.path, baseline.root), _key(f))
        if left[entry] > 0:
            left[entry] -= 1
        else:
            new.append(f)
    return new


@dataclass(frozen=True)
class Filtered:
    reports: list[FileReport]  # with the baselined findings taken out
    hidden: int  # findings taken out
    gone: int  # baseline entries of the files checked that matched no finding: fixed since, or not checked for


def filter_reports(reports: list[FileReport], baseline: Baseline) -> Filtered:
    left = Counter(baseline.counts)
    kept, hidden = [], 0
    for r in reports:
        new = new_findings(r.findings, baseline, left)
        hidden += len(r.findings) - len(new)
        kept.append(replace(r, findings=tuple(new)) if len(new) != len(r.findings) else r)
    checked = {_entry_path(r.path, baseline.root) for r in reports if not r.error}
    gone = sum(n for (path, _), n in left.items() if path in checked)
    return Filtered(kept, hidden, gone)
