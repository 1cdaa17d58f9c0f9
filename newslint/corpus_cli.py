"""`newslint check` on JSON Lines corpora: the options and the wiring; newslint.corpus does the work.

A run is a corpus run when a path ends in `.jsonl` (`.jsonl.gz`, `.ndjson`), or when
standard input is read with `--text-field`; Parquet files (`.parquet`) are corpora read by
Dask (`--engine dask`, see newslint.parquet). Each record comes back as a `FileReport` of
its file, its findings naming the record, so every output format reports records.
"""
from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from newslint.errors import NewslintError

if TYPE_CHECKING:  # the engine is imported by the functions that run it, so the command starts quickly
    from newslint.corpus import CorpusOptions, RecordReport
    from newslint.corpus_parallel import Job
    from newslint.run import FileReport, Session

_OPTIONS = (
    click.option("--text-field", help="JSON Lines: the field holding each record's text [default: text]."),
    click.option("--id-field", help="JSON Lines: the field naming each record in findings [default: id, else #LINE]."),
    click.option("--site-field", help="JSON Lines: the field naming each record's site, for NL701 "
                                      "[default: the host of a URL field, else the file]."),
    click.option("--fixed-output", metavar="PATH",
                 help="JSON Lines with --fix: write every record, cleaned, to this new file ('-': standard output; "
                      "a folder, ending in '/': one file per input, of its name); the input is never changed."),
    click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
                 help="JSON Lines: check on this machine (--jobs worker processes) or on a Dask cluster "
                      "(pip install 'newslint[dask]')."),
    click.option("--scheduler", metavar="ADDRESS",
                 help="With --engine dask: the Dask scheduler, e.g. tcp://10.0.0.5:8786 [default: a local cluster "
                      "of --jobs worker processes; 0: one per core]."),
    click.option("--no-cache", is_flag=True, help="File runs: neither read nor write the result cache."),
    click.option("--cache-dir", type=click.Path(path_type=Path, file_okay=False),
                 help="File runs: where results are cached [default: $NEWSLINT_CACHE_DIR, else "
                      "$XDG_CACHE_HOME/newslint, else ~/.cache/newslint]."),
)


@dataclass(frozen=True)
class CorpusArgs:
    text_field: str | None = None
    id_field: str | None = None
    site_field: str | None = None
    fixed_output: str | None = None
    engine: str = "local"
    scheduler: str | None = None
    no_cache: bool = False
    cache_dir: Path | None = None

    @property
    def cache_directory(self) -> Path | None:
        """Where file runs cache their results; None with --no-cache."""
        from newslint.cache import default_directory

        return None if self.no_cache else (self.cache_dir or default_directory())

    def applies(self, paths: Sequence[str]) -> bool:
        """Whether `paths` make a corpus run."""
        from newslint.sources import STDIN, is_corpus_path

        if any(is_corpus_path(p) or _is_parquet(p) for p in paths):
            return True
        return tuple(paths) == (STDIN,) and self.text_field is not None

    def validate(self, paths: Sequence[str], *, fix: bool, diff: bool) -> None:
        from newslint.sources import STDIN, is_corpus_path

        if self.scheduler and self.engine != "dask":
            raise NewslintError("--scheduler goes with --engine dask")
        if not self.applies(paths):
            if self.fixed_output or self.text_field or self.id_field or self.site_field or self.engine != "local":
                raise NewslintError("--text-field, --id-field, --site-field, --fixed-output and --engine are for "
                                    "JSON Lines corpora (*.jsonl, *.jsonl.gz, or '-' with --text-field)")
            return
        parquet = [p for p in paths if _is_parquet(p)]
        if parquet and self.engine != "dask":
            raise NewslintError(f"{parquet[0]}: Parquet is read by Dask: add --engine dask "
                                "(pip install 'newslint[dask]')")
        if parquet and len(parquet) != len(paths):
            raise NewslintError("Parquet files and other inputs cannot be checked in one run")
        others = [p for p in paths if p != STDIN and not is_corpus_path(p) and not _is_parquet(p)]
        if others:
            raise NewslintError(f"{others[0]}: JSON Lines corpora and other files cannot be checked in one run")
        if diff:
            raise NewslintError("--diff is for files; to see what --fix changes in a corpus, compare --fixed-output")
        if fix and not self.fixed_output:
            raise NewslintError("--fix on a JSON Lines corpus writes the cleaned records to --fixed-output PATH "
                                "(a new file, or '-' for standard output); the input is never changed")
        if self.fixed_output and not fix:
            raise NewslintError("--fixed-output goes with --fix")

    @property
    def options(self) -> CorpusOptions:
        from newslint.corpus import CorpusOptions

        return CorpusOptions(self.text_field or "text", self.id_field, self.site_field)


def with_corpus_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add the options above; the command receives them as a `CorpusArgs` in `corpus`."""
    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        names = {f.name for f in fields(CorpusArgs)}
        corpus = CorpusArgs(**{k: kwargs.pop(k) for k in list(kwargs) if k in names})
        return command(*args, corpus=corpus, **kwargs)

    for option in reversed(_OPTIONS):
        run = option(run)
    return run


def file_report(report: RecordReport) -> FileReport:
    """A record's report as the output formats take it: the file's path, the record named in each finding."""
    from newslint.findings import FindingRows
    from newslint.run import FileReport

    record = report.record
    where = (record.id, record.line)
    found = report.findings
    if isinstance(found, FindingRows) and all(row[12:14] == where for row in found.rows):
        return FileReport(record.path, found, report.fixed, error=report.error)  # kept as rows (see FindingRows)
    findings = tuple(f if (f.record, f.record_line) == where else f.for_record(*where) for f in found)
    return FileReport(record.path, findings, report.fixed, error=report.error)


def corpus_reports(session: Session, paths: Sequence[str], corpus: CorpusArgs) -> Iterator[FileReport]:
    """Reports of every record of `paths`, in input order, as they are checked.

    One rule set serves the whole run (the rules that learn across documents need every
    record), from the config that applies to the first path. With `--jobs N` (N other than
    1) or `--engine dask`, workers check batches of records, with the same results."""
    from newslint.corpus import STDIN, write_fixed
    from newslint.corpus_parallel import Job, check_corpus_jobs, not_distributable, worker_ruleset

    first = next((p for p in paths if p != STDIN), STDIN)
    config = session.config_for(Path(first) if first != STDIN else Path.cwd() / "-")
    options = session.options
    job = Job(config, corpus.options, options.fix, config.unsafe_fixes)
    paths = list(paths)
    if corpus.engine == "dask" and any(map(_is_parquet, paths)):
        for report in _dask_parquet_reports(paths, job, corpus, options.jobs):
            yield file_report(report)
        return
    if corpus.engine == "dask":
        reports = _dask_reports(paths, job, corpus.scheduler, options.jobs)
    elif options.jobs != 1 and not not_distributable(worker_ruleset(config)):  # else one process, as file runs
        reports = check_corpus_jobs(paths, job, options.jobs, sys.stdin.buffer)
    else:
        yield from _serial_reports(paths, job, corpus)
        return
    if options.fix:
        reports = write_fixed(reports, corpus.fixed_output or STDIN, paths, corpus.options.text_field)
    for report in reports:
        yield file_report(report)


def _dask_reports(paths: list[str], job: Job, scheduler: str | None, jobs: int) -> Iterator[RecordReport]:
    try:
        from newslint.dask import check_corpus_dask
    except ImportError as exc:
        raise NewslintError(f"--engine dask: {exc}") from None
    return check_corpus_dask(paths, job, scheduler, jobs if jobs > 0 else None, sys.stdin.buffer)


def _dask_parquet_reports(paths: list[str], job: Job, corpus: CorpusArgs, jobs: int) -> Iterator[RecordReport]:
    try:
        from newslint.parquet import check_parquet_dask
    except ImportError as exc:
        raise NewslintError(f"--engine dask: {exc}") from None
    fixed = corpus.fixed_output if job.fix else None
    return check_parquet_dask(paths, job, corpus.scheduler, jobs if jobs > 0 else None, fixed)


def _is_parquet(path: str) -> bool:
    from newslint.sources import is_parquet_path

    return is_parquet_path(path)


def _serial_reports(paths: list[str], job: Job, corpus: CorpusArgs) -> Iterator[FileReport]:
    from newslint.corpus import STDIN, check_corpus, fix_corpus
    from newslint.engine import build_ruleset

    ruleset = build_ruleset(job.config)
    try:
        if job.fix:
            reports = fix_corpus(paths, corpus.fixed_output or STDIN, ruleset, corpus.options, unsafe=job.unsafe,
                                 stdin=sys.stdin.buffer)
        else:
            reports = check_corpus(paths, ruleset, corpus.options, unsafe=job.unsafe, stdin=sys.stdin.buffer)
        for report in reports:
            yield file_report(report)
    finally:
        ruleset.close()
