"""A run's result in each output format: what `newslint check` prints after the run.

Formats written one line a finding (text, jsonl, github) may have been streamed already
(`streamed`): only what comes after the findings is rendered then."""
from __future__ import annotations

import json
from collections.abc import Iterator

from newslint import gitlab, report
from newslint.registry import RuleInfo, all_rules
from newslint.run import RunResult
from newslint.stream import STREAMED_FORMATS


def render(result: RunResult, fmt: str, *, statistics: bool = False, quiet: bool = False,
           streamed: bool = False) -> list[str]:
    """The report of `result` in `fmt`, as lines (a line may hold a whole JSON document)."""
    if statistics:
        return list(_statistics(result, fmt))
    return list(_findings(result, fmt, quiet, streamed and fmt in STREAMED_FORMATS))


def _statistics(result: RunResult, fmt: str) -> Iterator[str]:
    findings = result.findings
    if fmt == "text":
        if findings:
            yield report.statistics(findings)
        return
    rows = report.statistics_json(findings, result.errors)
    if fmt == "json":
        yield json.dumps(rows, indent=2, ensure_ascii=False)
    for row in rows if fmt == "jsonl" else ():
        yield json.dumps(row, ensure_ascii=False)


def _findings(result: RunResult, fmt: str, quiet: bool, written: bool) -> Iterator[str]:
    """`written`: the findings were printed as they came; what is left to print follows them."""
    findings, errors = result.findings if not written else [], result.errors
    if fmt == "text":
        yield from map(report.text_line, findings)
        if not quiet:
            yield report.summary(result.counts(), result.fixed, fixing=result.fixed > 0, failed=len(errors),
                                 unit=result.unit)
    elif fmt == "json":
        yield json.dumps([*map(report.as_json, result.findings), *map(report.error_as_json, errors)],
                         indent=2, ensure_ascii=False)
    elif fmt == "jsonl":
        for item in [*map(report.as_json, findings), *map(report.error_as_json, errors)]:
            yield json.dumps(item, ensure_ascii=False)
    elif fmt == "github":
        yield from map(report.github_line, findings)
        yield from map(report.github_error_line, errors)
    elif fmt == "sarif":
        yield json.dumps(report.sarif_log(result.findings, sarif_rules(), errors), indent=2, ensure_ascii=False)
    elif fmt == "junit":
        yield report.junit_xml(result.findings, [r.path for r in result.reports], errors).rstrip("\n")
    elif fmt == "gitlab":
        yield json.dumps(gitlab.code_quality(result.findings, errors), indent=2, ensure_ascii=False)


def sarif_rules() -> dict[str, RuleInfo]:
    """The SARIF rule table: every installed rule, by code (its manifest: no rule module is imported)."""
    return all_rules()
