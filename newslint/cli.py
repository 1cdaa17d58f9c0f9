"""The `newslint` command: parses options and calls the library."""
from __future__ import annotations

import atexit
import json
import os
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from newslint import __version__, precision, report
from newslint.cli_options import Extras, with_extra_options
from newslint.corpus_cli import CorpusArgs, with_corpus_options
from newslint.errors import NewslintError

if TYPE_CHECKING:  # the engine is imported by the command that runs it: --version, rules and rule start quickly
    from newslint.progress import Progress
    from newslint.run import FileReport, RunResult, Session


def _codes(values: tuple[str, ...]) -> tuple[str, ...] | None:
    """`--select A,B --select C` as ('A', 'B', 'C'); None when not given."""
    items = tuple(c.strip() for v in values for c in v.split(",") if c.strip())
    return items or None


def entry() -> NoReturn:
    """The `newslint` command: `main`, then a quick exit.

    At interpreter shutdown Python frees the word tables one object at a time, which takes
    about a tenth of a second, more than many runs take. Once the command is done there is
    nothing left to free: exit handlers run and the output is flushed, then the process
    leaves at once (mypy exits the same way)."""
    from newslint.sources import interrupts_outside_collections

    try:
        with interrupts_outside_collections():
            main(prog_name="newslint")
        status = 0
    except SystemExit as exc:
        status = _status(exc.code)
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: nothing more can be written
            pass
    os._exit(status)


def _status(code: object) -> int:
    """The exit status `sys.exit(code)` gives."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


def _fail(message: str) -> None:
    click.echo(f"newslint: error: {message}", err=True)
    sys.exit(2)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="newslint")
def main() -> None:
    """Lint scraped news-article text and fix what can be fixed safely."""


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--fix", is_flag=True, help="Apply fixes (safe ones; unsafe ones too with --unsafe-fixes).")
@click.option("--unsafe-fixes/--no-unsafe-fixes", default=None, help="Also apply (and mark as fixable) unsafe fixes.")
@click.option("--diff", is_flag=True, help="Show the fixes as a unified diff; write nothing.")
@click.option("--select", multiple=True, help="Rules to run: codes, code prefixes or names (comma-separated).")
@click.option("--ignore", multiple=True, help="Rules not to run.")
@click.option("--extend-select", multiple=True, help="Rules to run in addition to the selection.")
@click.option("--exclude", multiple=True, help="Glob patterns of paths to skip when walking directories.")
@click.option("--force-exclude", is_flag=True, help="Apply exclude to paths named explicitly too (for pre-commit).")
@click.option("--format", "fmt", type=click.Choice(report.FORMATS), default="text", show_default=True)
@click.option("--config", "config_path", type=click.Path(path_type=Path), help="Use this config file.")
@click.option("--isolated", is_flag=True, help="Ignore every config file.")
@click.option("--statistics", is_flag=True, help="Count violations per rule.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even if violations remain.")
@click.option("-q", "--quiet", is_flag=True, help="Print violations only, no summary.")
@click.option("--stdin-filename", help="The name to report (and match config against) for text read from '-'.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=1, show_default=True,
              help="Worker processes (0: one per core).")
@with_extra_options
@with_corpus_options
def check(paths: tuple[str, ...], fix: bool, unsafe_fixes: bool | None, diff: bool, select: tuple[str, ...],
          ignore: tuple[str, ...], extend_select: tuple[str, ...], exclude: tuple[str, ...], fmt: str,
          config_path: Path | None, isolated: bool, statistics: bool, exit_zero: bool, quiet: bool,
          stdin_filename: str | None, jobs: int, force_exclude: bool, extras: Extras, corpus: CorpusArgs) -> None:
    """Check PATHS (files or directories; '-' for standard input; JSON Lines corpora: *.jsonl, *.jsonl.gz)."""
    from newslint.corpus_cli import corpus_reports
    from newslint.progress import Progress
    from newslint.run import RunOptions, RunResult, Session
    from newslint.stream import STREAMED_FORMATS, finding_line, stream_reports

    _validate(paths, fix=fix, diff=diff, fmt=fmt, statistics=statistics, config_path=config_path, extras=extras,
              corpus=corpus)
    overrides = {"select": _codes(select), "ignore": _codes(ignore), "extend_select": _codes(extend_select),
                 "extend_exclude": _codes(exclude)}
    options = RunOptions(fix=fix and not diff, diff=diff, unsafe_fixes=unsafe_fixes, config_path=config_path,
                         isolated=isolated, overrides={k: v for k, v in overrides.items() if v}, jobs=jobs,
                         force_exclude=force_exclude, cache_dir=corpus.cache_directory)
    options = extras.run_options(replace(options, overrides=extras.overrides(options.overrides)))
    session = Session(options)
    try:
        unit = "record" if corpus.applies(paths) else "file"
        if unit == "record":
            found, progress = corpus_reports(session, paths, corpus), Progress(None, "records")
            fixing_stdin = corpus.fixed_output == "-"
        else:
            found, progress = _run(session, paths or (".",), stdin_filename)
            fixing_stdin = options.fix and "-" in paths
        streamed = (fmt in STREAMED_FORMATS and not (statistics or options.diff or fixing_stdin or extras.add_ignore
                                                     or extras.baseline_file or extras.write_baseline))
        line = finding_line(fmt) if streamed else None
        reports = stream_reports(found, line, progress, keep_findings=not streamed or (fmt == "text" and not quiet))
        if extras.add_ignore:
            sys.exit(extras.add_ignores(reports))
        result = RunResult(options, tuple(extras.after_run(reports)), configs=session.configs, unit=unit)
        _emit(result, fmt, statistics, quiet, fixing_stdin=fixing_stdin, streamed=streamed)
        extras.report_fixes(list(result.reports), fmt)
        status = result.exit_status(exit_zero=exit_zero, exit_non_zero_on_fix=extras.exit_non_zero_on_fix)
    except NewslintError as exc:
        _fail(str(exc))
    except KeyboardInterrupt:
        click.echo("newslint: interrupted; every file is either as it was or fully fixed", err=True)
        sys.exit(130)
    finally:
        session.close()
    sys.exit(status)


def _validate(paths: tuple[str, ...], *, fix: bool, diff: bool, fmt: str, statistics: bool,
              config_path: Path | None, extras: Extras, corpus: CorpusArgs) -> None:
    """Refuse combinations of options that cannot run, before anything is read."""
    if config_path is not None and not config_path.is_file():
        _fail(f"{config_path}: config file not found")
    if diff and fmt != "text":
        _fail("--diff prints a unified diff, in no other format (--format json gives each finding's fix)")
    if statistics and fmt not in report.STATISTICS_FORMATS:
        _fail(f"--statistics prints {', '.join(report.STATISTICS_FORMATS)} only, not {fmt}")
    try:
        extras.validate(fix=fix, diff=diff, paths=paths)
        corpus.validate(paths, fix=fix, diff=diff)
        if extras.add_ignore and corpus.applies(paths):
            raise NewslintError("--add-ignore writes into the files it checks, not into JSON Lines corpora")
    except NewslintError as exc:
        _fail(str(exc))


def _run(session: Session, paths: tuple[str, ...],
         stdin_filename: str | None) -> tuple[Iterator[FileReport], Progress]:
    """The reports, as files are checked, and a progress line counting them."""
    from newslint.progress import Progress
    from newslint.run import check_files, check_stdin, collect_paths

    if "-" in paths:
        if len(paths) > 1:
            raise NewslintError("'-' (standard input) cannot be mixed with other paths")
        return iter([check_stdin(session, sys.stdin.buffer.read(), stdin_filename or "-")]), Progress(1, "files")
    files, warnings = collect_paths(session, paths)
    for warning in warnings:
        click.echo(f"newslint: warning: {warning}", err=True)
    return check_files(session, files), Progress(len(files), "files")


def _emit(result: RunResult, fmt: str, statistics: bool, quiet: bool, *, fixing_stdin: bool = False,
          streamed: bool = False) -> None:
    """Write what is left to write (all of it, unless findings, warnings and errors were streamed)."""
    from newslint.render import render

    encoding = result.options.encoding
    for r in result.reports:
        if r.warning and not streamed:
            click.echo(f"newslint: warning: {r.warning}", err=True)
        if r.output is not None:
            click.echo(r.output if encoding == "utf-8" else r.output.encode(encoding), nl=False)
    for error in result.errors if not streamed else ():
        click.echo(f"newslint: error: {error.path}: {error.message}", err=True)
    # Fixing standard input, stdout carries the fixed text only, even when there is none (an error).
    to_stderr = fixing_stdin or any(r.output is not None for r in result.reports)
    if result.options.diff:
        diffs = "".join(r.diff for r in result.reports)
        if diffs:
            click.echo(diffs, nl=False)
        if not quiet:
            click.echo(report.diff_summary(sum(1 for r in result.reports if r.diff)), err=True)
        return
    for text in render(result, fmt, statistics=statistics, quiet=quiet, streamed=streamed):
        click.echo(text, err=to_stderr)


@main.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True)
def rules_command(fmt: str) -> None:
    """List every installed rule."""
    from newslint.registry import all_rules

    try:
        rules = all_rules()
    except NewslintError as exc:
        _fail(str(exc))
    rows = [(code, i.name, i.package, "yes" if i.fixable else "no",
             "yes" if i.default_enabled else "no", i.summary().split(": ", 1)[-1]) for code, i in rules.items()]
    if fmt == "json":
        click.echo(json.dumps([report.rule_as_json(info) for info in rules.values()], indent=2))
    elif fmt == "markdown":
        click.echo("| code | name | fix | on by default | measured precision | what it finds |")
        click.echo("|---|---|---|---|---|---|")
        for code, name, _, fixable, default, summary in rows:
            measured = precision.table_cell(rules[code].measured_precision)
            click.echo(f"| {code} | {name} | {fixable} | {default} | {measured} | {summary.replace('|', '/')} |")
    else:
        click.echo(f"{'code':<8} {'name':<34} {'package':<14} {'fix':<4} {'default':<7}")
        for code, name, package, fixable, default, _ in rows:
            click.echo(f"{code:<8} {name:<34} {package:<14} {fixable:<4} {default:<7}")


@main.command("rule")
@click.argument("code")
def rule_command(code: str) -> None:
    """Show the documentation of the rule CODE (a code or a name)."""
    from newslint.registry import all_rules

    try:
        rules = all_rules()
    except NewslintError as exc:
        _fail(str(exc))
    for info in rules.values():
        if code in (info.code, info.name):
            click.echo(info.documentation())
            return
    from newslint.errors import suggest

    _fail(f"unknown rule '{code}'{suggest(code, [*rules, *(i.name for i in rules.values())])}")
