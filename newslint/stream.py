"""Printing findings as files (or records) are checked, in input order, under a progress line.

Formats written one line a finding (text, jsonl, github) are streamed; the others are one
document (a JSON array, SARIF, JUnit, GitLab) and are written at the end. Errors and
warnings go to standard error as they come.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace

import click

from newslint import report
from newslint.cache import StoredFindings
from newslint.findings import Finding, FindingRows
from newslint.progress import Progress
from newslint.run import FileReport

STREAMED_FORMATS = ("text", "jsonl", "github")


def finding_line(fmt: str) -> Callable[[Finding], str]:
    if fmt == "text":
        return report.text_line
    if fmt == "jsonl":
        return report.jsonl_line
    if fmt == "github":
        return report.github_line
    raise ValueError(f"{fmt} is not written one line a finding")


def stream_reports(reports: Iterable[FileReport], line: Callable[[Finding], str] | None, progress: Progress, *,
                   keep_findings: bool = True) -> list[FileReport]:
    """Print each report's findings, warning and error as it comes (`line` None: print nothing, the
    report being one document written at the end); return the reports, for the summary.

    Without `keep_findings` (no summary to count them for), a report keeps at most one
    finding, which is enough for the exit status: memory then stays flat however many
    findings a corpus has."""
    collected = []
    try:
        for r in reports:
            progress.advance()
            if line is not None and (r.findings or r.error or r.warning):
                with progress.above():
                    if r.findings:  # one write a file, not one a finding: a warm run prints thousands at once
                        found = r.findings
                        click.echo("\n".join(found.lines(line) if isinstance(found, (StoredFindings, FindingRows)) else
                                              map(line, found)))
                    if r.warning:
                        click.echo(f"newslint: warning: {r.warning}", err=True)
                    if r.error:
                        click.echo(f"newslint: error: {r.error}", err=True)
            collected.append(r if keep_findings or len(r.findings) < 2 else replace(r, findings=r.findings[:1]))
    finally:
        progress.close()
    return collected
