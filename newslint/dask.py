"""Checking corpora on a Dask cluster (`pip install 'newslint[dask]'`).

Two ways in:

- `check_frame(frame, "text")` and `check_bag(bag)` take a Dask DataFrame (JSON Lines or
  Parquet read by Dask itself: `dd.read_json(..., lines=True)`, `dd.read_parquet(...)`)
  or a Dask bag of texts, and give back, lazily, the findings as a Dask DataFrame (one
  row a finding) and the frame with the cleaned text as a column (`fix=True`).
- `check_corpus_dask(paths, job, scheduler)` is `newslint check --engine dask`: this
  process reads the JSON Lines files and sends batches of records to the cluster's
  workers (which need newslint installed, not the files), then writes the reports and
  the cleaned records in input order.

Either way a worker builds the rule set once (per worker thread) and keeps it, and a rule
that learns across documents (NL701) learns from every partition: workers hash the lines
of their records, and the hashes are added to one count-min sketch in input order, which
gives exactly the counts a single process learns. Results are the one-machine results,
record for record.
"""
from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

try:
    import dask
    import dask.bag as db
    import dask.dataframe as dd
    import pandas as pd
except ImportError as exc:  # pragma: no cover - depends on the installation
    raise ImportError("newslint.dask needs Dask: pip install 'newslint[dask]'") from exc

from newslint.config import Config
from newslint.corpus import CorpusOptions, RecordReport, check_record, record_from_data
from newslint.corpus_parallel import (
    Executor,
    Job,
    absorb,
    check_distributable,
    learners,
    run_batches,
    worker_ruleset,
)
from newslint.engine import build_ruleset
from newslint.errors import NewslintError
from newslint.report import Finding

FINDING_COLUMNS = {
    "partition": "int64", "row": "int64", "record": "object", "path": "object", "line": "int64",
    "column": "int64", "end_line": "int64", "end_column": "int64", "code": "object", "name": "object",
    "message": "object", "fix": "object",
}
CLEANED = "cleaned"
CONNECT_SECONDS = 10


@dataclass(frozen=True)
class Checked:
    """What `check_frame` gives: lazy Dask DataFrames, computed together with `dask.compute(*checked)`."""

    findings: dd.DataFrame  # one row a finding; `partition` and `row` place its record in the input
    frame: dd.DataFrame  # the input, with the cleaned text in the column `cleaned` (fix=True)

    def __iter__(self) -> Iterator[dd.DataFrame]:
        return iter((self.findings, self.frame))


def _plain(value: Any) -> Any:
    """A table cell as JSON would hold it: NumPy scalars as Python ones, a missing value as None."""
    if isinstance(value, float) and math.isnan(value):
        return None
    if value is pd.NA or value is pd.NaT:
        return None
    return value.item() if hasattr(value, "item") and not isinstance(value, (str, bytes)) else value


@dataclass(frozen=True)
class _Columns:
    text: str
    id: str | None
    site: str | None
    path: str | None
    default_path: str

    def options(self) -> CorpusOptions:
        return CorpusOptions(self.text, self.id, self.site)


def _records(part: pd.DataFrame, columns: _Columns) -> Iterator[tuple[int, Any]]:
    options = columns.options()
    use_index = columns.id is None and "id" not in part.columns
    for row, (index, values) in enumerate(zip(part.index, part.to_dict("records"))):
        data = {str(k): _plain(v) for k, v in values.items()}
        path = str(data.get(columns.path) or columns.default_path) if columns.path else columns.default_path
        if use_index:
            data = {**data, "id": str(_plain(index))}
        yield row, record_from_data(path, row + 1, b"", data, options)


def _observe_partition(part: pd.DataFrame, columns: _Columns, config: Config) -> list[tuple[Any, ...]]:
    rules = learners(worker_ruleset(config))
    return [tuple(rule.observe(r.site, r.text) for rule in rules)
            for _, r in _records(part, columns) if r.text is not None]


def _absorb_partition(knowledge: tuple[Any, ...] | None, observations: list[tuple[Any, ...]],
                      config: Config) -> tuple[Any, ...] | None:
    rules = learners(worker_ruleset(config))
    return absorb(knowledge, observations, rules) if observations else knowledge


def _finding_row(partition: int, row: int, record: str, f: Finding) -> dict[str, Any]:
    v = f.violation
    return {"partition": partition, "row": row, "record": record, "path": f.path, "line": f.start.line,
            "column": f.start.column, "end_line": f.end.line, "end_column": f.end.column, "code": v.code,
            "name": v.name, "message": v.message, "fix": v.fix.applicability.value if v.fix else None}


def findings_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=list(FINDING_COLUMNS))
    return frame.astype(FINDING_COLUMNS)


def _check_partition(part: pd.DataFrame, partition: int, columns: _Columns, job: Job,
                     knowledge: tuple[Any, ...] | None, n_learners: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    ruleset = worker_ruleset(job.config)
    if n_learners:
        known = knowledge if knowledge is not None else (None,) * n_learners
        for rule, item in zip(learners(ruleset), known):
            rule.learn_from(item)
    rows: list[dict[str, Any]] = []
    cleaned: list[Any] = []
    for row, record in _records(part, columns):
        report: RecordReport = check_record(record, ruleset, fix=job.fix, unsafe=job.unsafe)
        for f in report.findings:
            rows.append(_finding_row(partition, row, record.id, f))
        if report.error:
            rows.append({"partition": partition, "row": row, "record": record.id, "path": record.path, "line": 0,
                         "column": 0, "end_line": 0, "end_column": 0, "code": "error", "name": "error",
                         "message": report.error, "fix": None})
        original = _plain(part[columns.text].iloc[row]) if columns.text in part.columns else None
        cleaned.append(_text_as_given(report.text, record.crlf) if report.text is not None else original)
    frame = part.assign(**{CLEANED: pd.Series(cleaned, index=part.index, dtype="object")}) if job.fix else part
    return findings_frame(rows), frame


def _text_as_given(text: str, crlf: bool) -> str:
    return text.replace("\n", "\r\n") if crlf else text


def check_frame(frame: dd.DataFrame, text_column: str = "text", *, config: Config | None = None,
                fix: bool = False, unsafe: bool = False, id_column: str | None = None,
                site_column: str | None = None, path_column: str | None = None, path: str = "-") -> Checked:
    """Lint (`fix=True`: fix) the texts of a column of a Dask DataFrame.

    A record's id is its `id_column` (else an `id` column, else its index), its site the
    `site_column` (else the host of a URL column such as `url`, else `path`), its path the
    `path_column` (e.g. `include_path_column=True` of `dd.read_json`), else `path`."""
    config = config or Config()
    ruleset = build_ruleset(config)  # a bad option is reported here, not on every worker
    try:
        check_distributable(ruleset)
        n_learners = len(learners(ruleset))
    finally:
        ruleset.close()
    columns = _Columns(text_column, id_column, site_column, path_column, path)
    job = Job(config, columns.options(), fix, unsafe)
    parts = frame.to_delayed()
    knowledge = None
    if n_learners:
        # Observed in parallel, absorbed partition after partition: the counts of one process.
        for part in parts:
            observed = dask.delayed(_observe_partition, pure=True)(part, columns, config)
            knowledge = dask.delayed(_absorb_partition, pure=True)(knowledge, observed, config)
    checked = [dask.delayed(_check_partition, pure=True, nout=2)(part, i, columns, job, knowledge, n_learners)
               for i, part in enumerate(parts)]
    meta = frame._meta.assign(**{CLEANED: pd.Series([], dtype="object")}) if fix else frame._meta
    findings = dd.from_delayed([c[0] for c in checked], meta=findings_frame([]), verify_meta=False)
    fixed = dd.from_delayed([c[1] for c in checked], meta=meta, divisions=frame.divisions, verify_meta=False)
    return Checked(findings, fixed)


def check_bag(bag: db.Bag, *, config: Config | None = None, fix: bool = False, unsafe: bool = False,
              text_field: str = "text", id_field: str | None = None, site_field: str | None = None,
              path: str = "-") -> Checked:
    """Lint (or fix) a Dask bag of texts (or of records: dicts holding `text_field`).

    Records are numbered within their partition (`partition`, `row`): a record's id is its
    `id_field`, else `id`, else its row in the partition."""
    def as_frame(items: list[Any]) -> pd.DataFrame:
        rows = [item if isinstance(item, dict) else {text_field: item} for item in items]
        return pd.DataFrame(rows if rows else {text_field: []}, dtype="object")

    parts = [dask.delayed(as_frame, pure=True)(p) for p in bag.to_delayed()]
    frame = dd.from_delayed(parts, meta=pd.DataFrame({text_field: pd.Series([], dtype="object")}),
                            verify_meta=False)
    return check_frame(frame, text_field, config=config, fix=fix, unsafe=unsafe, id_column=id_field,
                       site_column=site_field, path=path)


def client_for(scheduler: str | None, workers: int | None = None) -> Any:
    """A client of the scheduler at `scheduler`, else of a new local cluster of `workers` processes."""
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            return Client(scheduler, timeout=CONNECT_SECONDS)
        except (OSError, TimeoutError, ValueError) as exc:
            raise NewslintError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0")
    return Client(cluster)


def check_corpus_dask(paths: list[str], job: Job, scheduler: str | None = None, workers: int | None = None,
                      stdin: IO[bytes] | None = None) -> Iterator[RecordReport]:
    """The reports of every record of `paths`, checked on a Dask cluster, in input order."""
    client = client_for(scheduler, workers)
    try:
        threads = sum(client.nthreads().values()) or 1

        def submit(function: Any, *args: Any) -> Any:
            return client.submit(function, *args, pure=False)

        def share(value: Any) -> Any:
            return client.scatter(value, broadcast=True, hash=False)

        yield from run_batches(Executor(submit, share, 4 * threads), paths, job, stdin)
    finally:
        cluster = client.cluster if not scheduler else None
        client.close()
        if cluster is not None:
            cluster.close()
