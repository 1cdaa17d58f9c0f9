"""GitLab Code Quality reports: the JSON array GitLab shows in merge requests.

Each finding is an object with `description`, `check_name`, `fingerprint`, `severity`
and `location` (`path`, `lines.begin`, `lines.end`). The fingerprint is built from the
path and the finding's content (see newslint.fingerprint), so a finding keeps its
fingerprint when lines are added above it and GitLab shows it as old, not new.
"""
from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import PurePath
from typing import Any

from newslint.findings import FileError, Finding

SEVERITY = "minor"  # findings are about text quality; none breaks a build on its own


def _report_path(path: str) -> str:
    """The path as GitLab matches it against the repository: relative, with '/' separators."""
    posix = PurePath(path).as_posix()
    return posix[2:] if posix.startswith("./") else posix


def code_quality(findings: list[Finding], errors: list[FileError] = ()) -> list[dict[str, Any]]:
    """One Code Quality issue per finding, and a `blocker` per file that could not be checked;
    equal findings in one file are told apart by their order."""
    seen: Counter[tuple[str, str]] = Counter()
    issues = []
    for f in findings:
        path = _report_path(f.path)
        v = f.violation
        key = f.key or f"{v.code}:{v.message}"
        if f.record is not None:  # a record of a JSON Lines file: told apart by its id, placed on its line
            key = f"{f.record}\0{key}"
        nth = seen[(path, key)]
        seen[(path, key)] += 1
        fingerprint = hashlib.md5(f"{path}\0{key}\0{nth}".encode(), usedforsecurity=False).hexdigest()
        description = f"{v.code} {v.message}"
        lines = {"begin": f.start.line, "end": f.end.line}
        if f.record is not None:
            description = f"record {f.record}, line {f.start.line}, column {f.start.column}: {description}"
            lines = {"begin": f.record_line, "end": f.record_line}
        issues.append({
            "description": description,
            "check_name": f"{v.code} {v.name}",
            "fingerprint": fingerprint,
            "severity": SEVERITY,
            "location": {"path": path, "lines": lines},
        })
    for e in errors:
        path = _report_path(e.path)
        issues.append({
            "description": f"could not be checked: {e.message}",
            "check_name": "newslint error",
            "fingerprint": hashlib.md5(f"{path}\0error\0{e.message}".encode(), usedforsecurity=False).hexdigest(),
            "severity": "blocker",
            "location": {"path": path, "lines": {"begin": 1, "end": 1}},
        })
    return issues
