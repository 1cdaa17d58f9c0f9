"""Output formats: text, json, jsonl, sarif, github, junit; plus the summary and statistics."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from json.encoder import encode_basestring as _string  # JSON string, non-ASCII kept as is
from typing import Any

from newslint import __version__
from newslint.findings import FileError, Finding
from newslint.model import Position

FORMATS = ("text", "json", "jsonl", "sarif", "github", "junit", "gitlab")
STATISTICS_FORMATS = ("text", "json", "jsonl")


def _fix_json(f: Finding) -> dict[str, Any] | None:
    if f.violation.fix is None:
        return None
    return {
        "applicability": f.violation.fix.applicability.value,
        "edits": [
            {"line": s.line, "column": s.column, "end_line": e.line, "end_column": e.column, "content": edit.text}
            for edit, s, e in f.edits
        ],
    }


def as_json(f: Finding) -> dict[str, Any]:
    v = f.violation
    item: dict[str, Any] = {"path": f.path}
    if f.record is not None:
        item["record"] = f.record
        item["record_line"] = f.record_line
    item.update({
        "line": f.start.line, "column": f.start.column, "end_line": f.end.line, "end_column": f.end.column,
        "code": v.code, "name": v.name, "message": v.message, "fix": _fix_json(f),
    })
    return item


def jsonl_line(f: Finding) -> str:
    """`as_json(f)` as one line of JSON (what `json.dumps(..., ensure_ascii=False)` writes), made
    directly: a warm run writes tens of thousands, and a dict each, then its encoding, cost twice this."""
    v, start, end, fix = f.violation, f.start, f.end, f.violation.fix
    edits = None if fix is None else [(edit.text, s.line, s.column, e.line, e.column) for edit, s, e in f.edits]
    return jsonl_fields(_string(f.path), f.record, f.record_line, start.line, start.column, end.line, end.column,
                        v.code, v.name, v.message, None if fix is None else fix.applicability.value, edits)


def jsonl_fields(path: str, record: str | None, record_line: int | None, line: int, column: int, end_line: int,
                 end_column: int, code: str, name: str, message: str, applicability: str | None,
                 edits: Iterable[Sequence[Any]] | None) -> str:
    """`jsonl_line` of a finding given field by field (`path` already a JSON string; `edits` as
    (content, line, column, end line, end column)): the result cache writes its rows so."""
    head = f'{{"path": {path}, '
    if record is not None:
        head += f'"record": {_string(record)}, "record_line": {"null" if record_line is None else record_line}, '
    if applicability is None:
        fixed = "null"
    else:
        placed = ", ".join(f'{{"line": {al}, "column": {ac}, "end_line": {bl}, "end_column": {bc}, '
                           f'"content": {_string(text)}}}' for text, al, ac, bl, bc in edits or ())
        fixed = f'{{"applicability": {_string(applicability)}, "edits": [{placed}]}}'
    return (f'{head}"line": {line}, "column": {column}, "end_line": {end_line}, '
            f'"end_column": {end_column}, "code": {_string(code)}, "name": {_string(name)}, '
            f'"message": {_string(message)}, "fix": {fixed}}}')


def error_as_json(e: FileError) -> dict[str, Any]:
    """An error entry of the JSON array: the keys of a violation, `code` null, no position."""
    return {"path": e.path, "line": None, "column": None, "end_line": None, "end_column": None,
            "code": None, "name": "error", "message": e.message, "fix": None}


def text_line(f: Finding) -> str:
    return text_fields(f.where, f.start.line, f.start.column, f.violation.code, f.violation.message, f.fixable)


def text_fields(where: str, line: int, column: int, code: str, message: str, fixable: bool) -> str:
    """`text_line` of a finding given field by field."""
    return f"{where}:{line}:{column}: {code} {message}{' [*]' if fixable else ''}"


def _github_escape(value: str, *, prop: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if prop else value


def github_line(f: Finding) -> str:
    """An annotation; a record's is placed on its line of the file, its position in the message."""
    v = f.violation
    title = f"title={_github_escape(f'newslint {v.code} {v.name}', prop=True)}"
    if f.record is not None:
        message = f"record {f.record}, line {f.start.line}, column {f.start.column}: {v.code} {v.message}"
        props = f"file={_github_escape(f.path, prop=True)},line={f.record_line},{title}"
        return f"::error {props}::{_github_escape(message)}"
    props = (f"file={_github_escape(f.path, prop=True)},line={f.start.line},col={f.start.column},"
             f"endLine={f.end.line},endColumn={f.end.column},{title}")
    return f"::error {props}::{_github_escape(f'{v.code} {v.message}')}"


def github_error_line(e: FileError) -> str:
    props = f"file={_github_escape(e.path, prop=True)},title={_github_escape('newslint error', prop=True)}"
    return f"::error {props}::{_github_escape(e.message)}"


def _region(start: Position, end: Position) -> dict[str, int]:
    return {"startLine": start.line, "startColumn": start.column, "endLine": end.line, "endColumn": end.column}


def _location(f: Finding) -> dict[str, Any]:
    """Where a finding is; a record's region is its line of the file, and the record a logical
    location whose properties give the position inside its text field."""
    if f.record is None:
        return {"physicalLocation": {"artifactLocation": {"uri": f.path}, "region": _region(f.start, f.end)}}
    return {"physicalLocation": {"artifactLocation": {"uri": f.path}, "region": {"startLine": f.record_line}},
            "logicalLocations": [{"name": f.record, "kind": "object", "fullyQualifiedName": f.where}],
            "properties": {"record": f.record, "fieldRegion": _region(f.start, f.end)}}


def sarif_log(findings: list[Finding], rules: dict[str, Any], errors: Iterable[FileError] = ()) -> dict[str, Any]:
    """A SARIF 2.1.0 log; `rules` maps code to the rule class (for names and summaries).
    Files that could not be checked are notifications of an unsuccessful invocation."""
    codes = sorted({f.violation.code for f in findings} | set(rules))
    index = {code: i for i, code in enumerate(codes)}
    descriptors = []
    for code in codes:
        cls = rules.get(code)
        descriptor: dict[str, Any] = {"id": code}
        if cls is not None:
            descriptor["name"] = cls.name
            descriptor["shortDescription"] = {"text": cls.summary()}
            descriptor["fullDescription"] = {"text": cls.documentation(), "markdown": cls.documentation()}
        descriptors.append(descriptor)
    results = []
    for f in findings:
        v = f.violation
        location = _location(f)
        result: dict[str, Any] = {"ruleId": v.code, "ruleIndex": index[v.code], "level": "warning",
                                  "message": {"text": v.message}, "locations": [location]}
        if v.fix:
            replacements = [{"deletedRegion": _region(s, e), "insertedContent": {"text": edit.text}}
                            for edit, s, e in f.edits]
            result["fixes"] = [{"description": {"text": f"{v.fix.applicability.value} fix"},
                                "artifactChanges": [{"artifactLocation": {"uri": f.path},
                                                     "replacements": replacements}]}]
        results.append(result)
    driver = {"name": "newslint", "version": __version__, "informationUri": "https://pypi.org/project/newslint/",
              "rules": descriptors}
    notifications = [{"level": "error", "message": {"text": e.message},
                      "locations": [{"physicalLocation": {"artifactLocation": {"uri": e.path}}}]} for e in errors]
    invocation = {"executionSuccessful": not notifications, "toolExecutionNotifications": notifications}
    return {"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0",
            "runs": [{"tool": {"driver": driver}, "invocations": [invocation], "columnKind": "unicodeCodePoints",
                      "results": results}]}


def junit_xml(findings: list[Finding], paths: list[str], errors: Iterable[FileError] = ()) -> str:
    """One test suite per file, one failing case per finding; a file that could not be checked
    is one case in error."""
    from xml.sax.saxutils import escape, quoteattr  # imports urllib and http: only for this format

    by_path: dict[str, list[Finding]] = {p: [] for p in paths}
    for f in findings:
        by_path.setdefault(f.path, []).append(f)
    failed = {e.path: e for e in errors}
    for path in failed:
        by_path.setdefault(path, [])
    tests = sum(max(len(items) + (path in failed), 1) for path, items in by_path.items())
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           f'<testsuites name="newslint" tests="{tests}" failures="{len(findings)}" errors="{len(failed)}">']
    for path, items in by_path.items():
        error = failed.get(path)
        out.append(f'  <testsuite name={quoteattr(path)} tests="{max(len(items) + bool(error), 1)}" '
                   f'failures="{len(items)}" errors="{int(bool(error))}">')
        if error:
            out.append(f'    <testcase name="newslint" classname={quoteattr(path)}>')
            out.append(f"      <error message={quoteattr(error.message)} type=\"error\">"
                       f"{escape(f'{path}: {error.message}')}</error>")
            out.append("    </testcase>")
        elif not items:
            out.append(f'    <testcase name="newslint" classname={quoteattr(path)}/>')
        for f in items:
            v = f.violation
            record = f" of record {f.record}" if f.record is not None else ""
            name = quoteattr(f"{v.code} at line {f.start.line}, column {f.start.column}{record}")
            out.append(f"    <testcase name={name} classname={quoteattr(path)}>")
            out.append(f"      <failure message={quoteattr(v.message)} type={quoteattr(v.code)}>"
                       f"{escape(f'{f.where}:{f.start.line}:{f.start.column}: {v.code} {v.message}')}</failure>")
            out.append("    </testcase>")
        out.append("  </testsuite>")
    out.append("</testsuites>")
    return "\n".join(out) + "\n"


@dataclass(frozen=True)
class Counts:
    """What the summary says of the findings that remain: how many, how many `--fix` fixes, and
    how many more it would fix with `--unsafe-fixes`."""

    total: int = 0
    fixable: int = 0
    needs_unsafe: int = 0

    @classmethod
    def of(cls, findings: Iterable[Finding]) -> Counts:
        found = list(findings)
        return cls(len(found), sum(f.fixable for f in found), sum(f.needs_unsafe for f in found))

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.total + other.total, self.fixable + other.fixable, self.needs_unsafe + other.needs_unsafe)


def summary(remaining: Counts, fixed_count: int, *, fixing: bool, failed: int = 0, unit: str = "file") -> str:
    """The closing line(s) of text output, in ruff's manner; `failed` files (or records:
    `unit`) could not be checked."""
    lines = _found(remaining, fixed_count, fixing=fixing)
    if failed:
        lines.append(f"{failed} {unit}{' could' if failed == 1 else 's could'} not be checked.")
    return "\n".join(lines or ["All checks passed!"])


def _found(remaining: Counts, fixed_count: int, *, fixing: bool) -> list[str]:
    total = remaining.total
    if not total:
        return [f"Found {fixed_count} violations ({fixed_count} fixed, 0 remaining)."] if fixed_count else []
    if fixing:
        lines = [f"Found {total + fixed_count} violations ({fixed_count} fixed, {total} remaining)."]
    else:
        lines = [f"Found {total} violation{'s' if total != 1 else ''}."]
        if remaining.fixable:
            lines.append(f"[*] {remaining.fixable} fixable with the `--fix` option.")
    if remaining.needs_unsafe:
        lines.append(f"{remaining.needs_unsafe} more fixable with `--fix --unsafe-fixes`.")
    return lines


def statistics_rows(findings: list[Finding]) -> list[dict[str, Any]]:
    """Findings counted per rule, most frequent first; `fixable`: some of them can be fixed."""
    counts = Counter((f.violation.code, f.violation.name) for f in findings)
    fixable = Counter((f.violation.code, f.violation.name) for f in findings if f.fixable)
    return [{"code": code, "name": name, "count": n, "fixable": bool(fixable[(code, name)])}
            for (code, name), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def diff_summary(changed: int) -> str:
    if not changed:
        return "No file would be changed."
    return f"{changed} file{' would' if changed == 1 else 's would'} be changed."


def rule_as_json(info: Any) -> dict[str, Any]:
    """A row of `newslint rules --format json`; `info` is a registry.RuleInfo."""
    return {"code": info.code, "name": info.name, "package": info.package, "fixable": bool(info.fixable),
            "default": bool(info.default_enabled), "summary": info.summary().split(": ", 1)[-1],
            "measured_precision": info.measured_precision}


def statistics_json(findings: list[Finding], errors: list[FileError]) -> list[dict[str, Any]]:
    """The rows of `statistics_rows`, then files that could not be checked, as a row with code null."""
    rows = statistics_rows(findings)
    if errors:
        rows.append({"code": None, "name": "error", "count": len(errors), "fixable": False})
    return rows


def statistics(findings: list[Finding]) -> str:
    rows = statistics_rows(findings)
    return "\n".join(f"{r['count']:>6}  {r['code']:<7} {r['name']:<36} {'[*]' if r['fixable'] else ''}".rstrip()
                     for r in rows)


