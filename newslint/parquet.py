"""`newslint check --engine dask corpus.parquet`: Parquet corpora, read by Dask itself on the workers.

Each partition of each input is read, and its rows checked, by a worker; this process
receives the reports (and, with `--fix`, the cleaned partitions) in input order, prints
them and writes the cleaned rows to `--fixed-output` as Parquet: every column as it was,
the text column cleaned. A row is named by its id column, else by its row number in the
file (`#N`, counted from 1, as a JSON Lines record by its line). With a rule that learns
across documents (NL701), a first pass counts every row's lines (workers hash, this
process adds the hashes up in input order), as for JSON Lines.
"""
from __future__ import annotations

import contextlib
import itertools
import os
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import dask
import dask.dataframe as dd
import pandas as pd

from newslint.corpus import (
    CorpusOptions,
    Record,
    RecordReport,
    check_record,
    fixed_output,
    folder_targets,
    is_folder_target,
    record_from_data,
)
from newslint.corpus_parallel import Job, absorb, check_distributable, learners, worker_ruleset
from newslint.dask import _plain, client_for
from newslint.errors import InputError


def _records(part: pd.DataFrame, path: str, first_row: int, options: CorpusOptions) -> Iterator[Record]:
    for row, values in enumerate(part.to_dict("records")):
        data = {str(k): _plain(v) for k, v in values.items()}
        yield record_from_data(path, first_row + row, b"", data, options)


def _observe(part: pd.DataFrame, path: str, first_row: int, job: Job) -> list[tuple[Any, ...]]:
    rules = learners(worker_ruleset(job.config))
    return [tuple(rule.observe(r.site, r.text) for rule in rules)
            for r in _records(part, path, first_row, job.options) if r.text is not None]


def _check(part: pd.DataFrame, path: str, first_row: int, job: Job, knowledge: tuple[Any, ...] | None,
           cleaned: bool) -> tuple[list[RecordReport], pd.DataFrame | None]:
    """The reports of a partition's rows (records without their text or fields: less to send back)
    and, when `cleaned`, the partition with its text column cleaned."""
    ruleset = worker_ruleset(job.config)
    if knowledge is not None:
        for rule, known in zip(learners(ruleset), knowledge):
            rule.learn_from(known)
    reports, texts = [], []
    for record in _records(part, path, first_row, job.options):
        report = check_record(record, ruleset, fix=job.fix, unsafe=job.unsafe)
        texts.append(_as_given(report.text, record.crlf) if report.text is not None else None)
        findings = tuple(f.for_record(record.id, record.line) for f in report.findings)
        reports.append(replace(report, record=replace(record, data=None, text=None), findings=findings, text=None))
    if not cleaned:
        return reports, None
    column = job.options.text_field
    if column in part.columns and any(t is not None for t in texts):
        fixed = [t if t is not None else old for t, old in zip(texts, part[column].tolist())]
        part = part.assign(**{column: pd.Series(fixed, index=part.index, dtype=part[column].dtype)})
    return reports, part


def _as_given(text: str, crlf: bool) -> str:
    return text.replace("\n", "\r\n") if crlf else text


def _partitions(paths: list[str]) -> list[tuple[str, int, Any]]:
    """(path, first row number, delayed partition) of every partition of every input, in order.
    The rows of each partition are counted from the files' metadata (no column is read)."""
    found = []
    for path in paths:
        try:
            frame = dd.read_parquet(path)
            sizes = dd.read_parquet(path, columns=[]).map_partitions(len).compute().tolist()
        except (OSError, ValueError) as exc:
            raise InputError(f"{path}: cannot read as Parquet: {exc}") from None
        parts = frame.to_delayed()
        if len(parts) != len(sizes):
            raise InputError(f"{path}: its partitions changed while it was read")
        starts = itertools.accumulate((int(n) for n in sizes), initial=1)
        found.extend((path, start, part) for start, part in zip(starts, parts))
    return found


def check_parquet_dask(paths: list[str], job: Job, scheduler: str | None = None, workers: int | None = None,
                       fixed: str | None = None) -> Iterator[RecordReport]:
    """The reports of every row of the Parquet files `paths`, checked on a Dask cluster, in input
    order; with `fixed`, the cleaned rows written there (a file, or a folder: one file per input)."""
    ruleset = worker_ruleset(job.config)  # a bad option is reported here, once
    check_distributable(ruleset)
    rules = learners(ruleset)
    client = client_for(scheduler, workers)
    try:
        parts = _partitions(paths)
        knowledge = None
        if rules:
            observed = [client.compute(dask.delayed(_observe)(part, path, start, job)) for path, start, part in parts]
            for future in observed:  # added up in input order: the counts of one process
                knowledge = absorb(knowledge, future.result(), rules)
            knowledge = knowledge if knowledge is not None else (None,) * len(rules)
            knowledge = client.scatter(knowledge, broadcast=True, hash=False)
        window = 2 * (sum(client.nthreads().values()) or 1)
        pending = [client.compute(dask.delayed(_check)(part, path, start, job, knowledge, fixed is not None))
                   for path, start, part in parts[:window]]
        with _ParquetOutput(fixed, paths) as out:
            for i in range(len(parts)):
                reports, cleaned = pending[i].result()
                pending[i] = None
                if i + window < len(parts):
                    path, start, part = parts[i + window]
                    pending.append(client.compute(dask.delayed(_check)(part, path, start, job, knowledge,
                                                                       fixed is not None)))
                if cleaned is not None:
                    out.write(parts[i][0], cleaned)
                yield from reports
    finally:
        cluster = client.cluster if not scheduler else None
        client.close()
        if cluster is not None:
            cluster.close()


class _ParquetOutput:
    """Cleaned partitions written in input order: to one file, or one file per input in a folder."""

    def __init__(self, target: str | None, paths: list[str]) -> None:
        if target == "-":
            raise InputError("cleaned Parquet cannot go to standard output: name a file or a folder")
        self.target, self.paths = target, paths
        self.names = folder_targets(target, paths) if target and is_folder_target(target) else None
        self._stack = contextlib.ExitStack()
        self._writer: Any = None
        self._current: str | None = None

    def __enter__(self) -> _ParquetOutput:
        if self.names is not None and self.target:
            try:
                os.makedirs(self.target, exist_ok=True)
            except OSError as exc:
                raise InputError(f"{self.target}: cannot write: {exc.strerror or exc}") from None
        return self

    def write(self, path: str, frame: pd.DataFrame) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        name = self.names[path] if self.names is not None else self.target
        if name != self._current:
            self._close_file()
            self._current = name
        if self._writer is None:
            assert name is not None
            local = [p for p in self.paths if os.path.exists(p)]  # a remote input cannot be the output
            handle = self._stack.enter_context(fixed_output(name, local))
            table = pa.Table.from_pandas(frame, preserve_index=False)
            self._writer = pq.ParquetWriter(handle, table.schema)
        else:
            table = pa.Table.from_pandas(frame, schema=self._writer.schema, preserve_index=False)
        self._writer.write_table(table)

    def _close_file(self) -> None:
        if self._writer is not None:
            self._writer.close()
            self._writer = None
        self._stack.close()

    def __exit__(self, kind: object, *_: object) -> None:
        if kind is None:
            self._close_file()
        else:  # a run cut short leaves no half-written file (fixed_output removes it)
            self._writer = None
            self._stack.__exit__(kind, *_)
