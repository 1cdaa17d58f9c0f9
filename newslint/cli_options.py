"""`newslint check` options beyond the core ones: output file, fix reporting, fix limits,
legacy encodings, baselines and inline suppressions. The work is done by the library
(newslint.baseline, newslint.suppress, newslint.sources); this module parses and wires."""
from __future__ import annotations

import contextlib
import functools
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from newslint.errors import NewslintError

if TYPE_CHECKING:  # the library is imported by the methods that use it, so the command starts quickly
    from newslint.run import FileReport, RunOptions

_FILE = click.Path(path_type=Path, dir_okay=False)
_OPTIONS = (
    click.option("--extend-exclude", multiple=True, help="Glob patterns to skip, in addition to the configured ones."),
    click.option("--per-file-ignores", multiple=True, metavar="GLOB:CODES",
                 help="Rules to ignore in matching files, e.g. 'raw/*.txt:NL1,NL301'; replaces the configured table."),
    click.option("--fixable", multiple=True, help="Only these rules' fixes may be applied (codes, prefixes, names)."),
    click.option("--unfixable", multiple=True, help="These rules' findings are reported without a fix."),
    click.option("--encoding", default="utf-8", show_default=True,
                 help="Read (and write back) files in this encoding, e.g. cp1252 or latin-1."),
    click.option("--show-fixes", is_flag=True, help="With --fix, list the fixes applied, per file and rule."),
    click.option("--exit-non-zero-on-fix", is_flag=True, help="Exit 1 if any file was fixed, even if nothing remains."),
    click.option("--add-ignore", is_flag=True,
                 help="Write an inline suppression for every finding instead of reporting it."),
    click.option("--baseline", "baseline_file", type=_FILE, help="Report only findings this baseline file lacks."),
    click.option("--write-baseline", type=_FILE, help="Record today's findings in this baseline file."),
)


def with_extra_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add the options above; the command receives them as an `Extras` in `extras`.

    `--output-file` is handled here, around the whole command: everything the command
    prints to standard output goes to the file instead."""
    @click.option("-o", "--output-file", type=_FILE, help="Write the report to this file, not standard output.")
    @functools.wraps(command)
    def run(*args: Any, output_file: Path | None, **kwargs: Any) -> Any:
        names = {f.name for f in fields(Extras)}
        extras = Extras(**{k: kwargs.pop(k) for k in list(kwargs) if k in names})
        with _stdout_to(output_file):
            return command(*args, extras=extras, **kwargs)

    for option in reversed(_OPTIONS):
        run = option(run)
    return run


@contextlib.contextmanager
def _stdout_to(path: Path | None) -> Iterator[None]:
    if path is None:
        yield
        return
    try:
        handle = path.open("w", encoding="utf-8")
    except OSError as exc:
        raise click.UsageError(f"--output-file {path}: {exc.strerror or exc}") from None
    with handle, contextlib.redirect_stdout(handle):
        yield


def _split(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(c.strip() for v in values for c in v.split(",") if c.strip())


def parse_per_file_ignores(values: tuple[str, ...]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """`GLOB:CODES` pairs as the configuration's per-file-ignores table."""
    pairs = []
    for value in values:
        glob, sep, codes = value.rpartition(":")
        if not sep or not glob or not _split((codes,)):
            raise NewslintError(f"--per-file-ignores '{value}': expected GLOB:CODES, e.g. 'raw/*.txt:NL1'")
        pairs.append((glob, _split((codes,))))
    return tuple(pairs)


@dataclass(frozen=True)
class Extras:
    extend_exclude: tuple[str, ...] = ()
    per_file_ignores: tuple[str, ...] = ()
    fixable: tuple[str, ...] = ()
    unfixable: tuple[str, ...] = ()
    encoding: str = "utf-8"
    show_fixes: bool = False
    exit_non_zero_on_fix: bool = False
    add_ignore: bool = False
    baseline_file: Path | None = None
    write_baseline: Path | None = None

    def validate(self, *, fix: bool, diff: bool, paths: tuple[str, ...]) -> None:
        from newslint.sources import check_encoding

        check_encoding(self.encoding)
        parse_per_file_ignores(self.per_file_ignores)
        if self.baseline_file and self.write_baseline:
            raise NewslintError("--baseline and --write-baseline cannot be combined: write the new baseline alone")
        if self.add_ignore and (fix or diff or "-" in paths):
            raise NewslintError("--add-ignore writes into the files it checks: not with --fix, --diff or '-'")
        if self.baseline_file and not self.baseline_file.is_file():
            raise NewslintError(f"{self.baseline_file}: baseline file not found")

    def overrides(self, overrides: dict[str, Any]) -> dict[str, Any]:
        """The core options' Config overrides with these added."""
        more: dict[str, Any] = {}
        if self.extend_exclude:
            more["extend_exclude"] = (*overrides.get("extend_exclude", ()), *_split(self.extend_exclude))
        if self.per_file_ignores:
            more["per_file_ignores"] = parse_per_file_ignores(self.per_file_ignores)
        if self.fixable:
            more["fixable"] = _split(self.fixable)
        if self.unfixable:
            more["unfixable"] = _split(self.unfixable)
        return {**overrides, **more}

    def run_options(self, options: RunOptions) -> RunOptions:
        from newslint.sources import check_encoding

        return replace(options, encoding=check_encoding(self.encoding))

    def after_run(self, reports: list[FileReport]) -> list[FileReport]:
        """Apply a baseline (or write one: its findings are then all known)."""
        from newslint import baseline

        if self.write_baseline:
            count = baseline.write(self.write_baseline, (f for r in reports for f in r.findings))
            click.echo(f"newslint: wrote {count} finding(s) to the baseline {self.write_baseline}", err=True)
            return [replace(r, findings=()) for r in reports]
        if self.baseline_file:
            filtered = baseline.filter_reports(reports, baseline.load(self.baseline_file))
            if filtered.hidden:
                click.echo(f"newslint: {filtered.hidden} finding(s) in the baseline not shown", err=True)
            if filtered.gone:
                click.echo(f"newslint: {filtered.gone} baseline entr{'y' if filtered.gone == 1 else 'ies'} matched "
                           "no finding in the files checked; --write-baseline drops them", err=True)
            return filtered.reports
        return reports

    def add_ignores(self, reports: list[FileReport]) -> int:
        """Write suppressions for every finding; the exit status."""
        from newslint import suppress

        added = files = 0
        errors = [r.error for r in reports if r.error]
        for r in reports:
            if r.findings and not r.error:
                try:
                    count = suppress.add_ignores_to_file(
                        r.path, [(f.start.line, f.violation.code) for f in r.findings], self.encoding)
                except NewslintError as exc:
                    errors.append(str(exc))
                    continue
                added += count
                files += bool(count)
        for error in errors:
            click.echo(f"newslint: error: {error}", err=True)
        click.echo(f"Added {added} suppression(s) to {files} file(s).", err=True)
        return 2 if errors else 0

    def report_fixes(self, reports: list[FileReport], fmt: str) -> None:
        """--show-fixes: the fixes applied, per file and rule, after the text report."""
        if not self.show_fixes or fmt != "text" or not any(r.fixed_codes for r in reports):
            return
        from newslint.registry import all_rules

        names = {code: info.name for code, info in all_rules().items()}
        verb = "Would fix" if any(r.diff for r in reports) else "Fixed"
        lines = [f"{verb} {sum(len(r.fixed_codes) for r in reports)} violation(s):"]
        for r in reports:
            if r.fixed_codes:
                lines.append(f"- {r.path}:")
                for code, n in sorted(Counter(r.fixed_codes).items()):
                    lines.append(f"    {n} × {code} ({names.get(code, '?')})")
        to_stderr = any(r.output is not None for r in reports)
        click.echo("\n".join(lines), err=to_stderr)
