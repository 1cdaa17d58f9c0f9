"""newslint.dask on a real local Dask cluster of several worker processes: the one-machine results, exactly."""
from __future__ import annotations

import json
from collections import Counter

import pytest

from newslint.config import Config
from newslint.corpus import CorpusOptions, check_corpus
from newslint.engine import build_ruleset
from tests.helpers import fixture_corpus, run_cli

pytest.importorskip("distributed", reason="Dask is not installed: pip install 'newslint[dask]' (CI installs it)")
dd = pytest.importorskip("dask.dataframe", reason="Dask DataFrames need pandas: pip install 'newslint[dask]'")
import dask  # noqa: E402
import dask.bag as db  # noqa: E402
from distributed import Client, LocalCluster  # noqa: E402

from newslint.dask import check_bag, check_frame  # noqa: E402

pytestmark = pytest.mark.slow  # worker processes start and build their rules: seconds each
WITH_NL701 = Config().with_overrides(extend_select=("NL701",))


@pytest.fixture(scope="module")
def client():
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster, \
            Client(cluster) as client:
        yield client


def _serial(path, fix=False):
    """Per record id: its findings as (line, column, code, message), and its text after fixing."""
    reports = check_corpus([str(path)], build_ruleset(WITH_NL701), CorpusOptions("text", "id"), fix=fix, unsafe=True)
    return {r.record.id: (sorted((f.start.line, f.start.column, f.violation.code, f.violation.message)
                                 for f in r.findings), r.text if r.text is not None else r.record.text)
            for r in reports}


def _by_record(findings):
    found = {}
    for record, group in findings.groupby("record"):
        found[record] = sorted(zip(group.line.astype(int), group.column.astype(int), group.code, group.message))
    return found


@pytest.mark.parametrize("fix", [False, True])
def test_a_frame_read_by_dask_gives_the_one_machine_findings_and_text(client, tmp_path, fix):
    corpus = fixture_corpus(tmp_path / "c.jsonl")
    frame = dd.read_json(str(corpus), lines=True, blocksize=4_000)
    assert frame.npartitions >= 3  # the counts of NL701 are combined across partitions
    findings, fixed = dask.compute(*check_frame(frame, "text", config=WITH_NL701, fix=fix, unsafe=True,
                                                id_column="id"))
    expected = _serial(corpus, fix)
    assert _by_record(findings) == {rid: found for rid, (found, _) in expected.items() if found}
    if not fix:  # the site's records lie in several partitions: each alone holds too few to tell
        assert findings[findings.code == "NL701"].partition.nunique() >= 2
    if fix:
        assert dict(zip(fixed["id"], fixed["cleaned"])) == {rid: text for rid, (_, text) in expected.items()}
    else:
        assert "cleaned" not in fixed.columns


def test_a_parquet_column_and_a_bag_of_texts(client, tmp_path):
    import pandas as pd

    corpus = fixture_corpus(tmp_path / "c.jsonl")
    table = pd.read_json(corpus, lines=True)
    table.to_parquet(tmp_path / "c.parquet")
    frame = dd.read_parquet(str(tmp_path / "c.parquet")).repartition(npartitions=4)
    findings = check_frame(frame, "text", config=WITH_NL701, id_column="id").findings.compute()
    expected = {rid: found for rid, (found, _) in _serial(corpus).items() if found}
    assert _by_record(findings) == expected
    # A bag of bare texts: no id, no site (one site for all); records named by their row.
    texts = list(table.text)
    findings = check_bag(db.from_sequence(texts, npartitions=3), config=Config()).findings.compute()
    alone = Counter(f.violation.code for t in texts
                    for r in check_corpus_texts(t) for f in r.findings)
    assert Counter(findings.code) == alone and len(findings) > 50


def check_corpus_texts(text):
    return list(check_corpus_lines([{"text": text}]))


def check_corpus_lines(records):
    import io

    data = "".join(json.dumps(r) + "\n" for r in records).encode()
    return check_corpus(["-"], build_ruleset(Config()), CorpusOptions(), stdin=io.BytesIO(data))


def test_cli_engine_dask_against_a_scheduler_address(client, tmp_path):
    corpus = str(fixture_corpus(tmp_path / "c.jsonl"))
    common = ("check", corpus, "--isolated", "--extend-select", "NL701", "--format", "jsonl", "--text-field", "text")
    before = client.run(_built)
    local = run_cli(*common)
    remote = run_cli(*common, "--engine", "dask", "--scheduler", client.scheduler.address)
    assert local.exit_code == remote.exit_code == 1
    assert remote.stdout == local.stdout and '"NL701"' in local.stdout
    fixing = ("--fix", "--unsafe-fixes", "--fixed-output")
    run_cli(*common, *fixing, str(tmp_path / "local.jsonl"))
    run_cli(*common, "--engine", "dask", "--scheduler", client.scheduler.address, *fixing, str(tmp_path / "out") + "/")
    assert (tmp_path / "out" / "c.jsonl").read_bytes() == (tmp_path / "local.jsonl").read_bytes()
    # Each worker (one thread each) built the run's rules at most once, for every batch of both runs.
    built = {worker: n - before[worker] for worker, n in client.run(_built).items()}
    assert len(built) == 2 and all(n <= 1 for n in built.values())


def _built():
    from newslint.corpus_parallel import BUILT

    return sum(BUILT.values())


def test_cli_engine_dask_starts_a_local_cluster(tmp_path):
    corpus = str(fixture_corpus(tmp_path / "c.jsonl"))
    common = ("check", corpus, "--isolated", "--format", "jsonl")
    assert run_cli(*common, "--engine", "dask", "--jobs", "2").stdout == run_cli(*common).stdout


def test_a_scheduler_that_cannot_be_reached_is_one_error(tmp_path, monkeypatch):
    monkeypatch.setattr("newslint.dask.CONNECT_SECONDS", 1)
    corpus = str(fixture_corpus(tmp_path / "c.jsonl"))
    result = run_cli("check", corpus, "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9")
    assert result.exit_code == 2
    assert result.stderr.startswith("newslint: error: cannot reach the Dask scheduler at tcp://127.0.0.1:9")


def test_cli_engine_dask_reads_parquet_and_writes_it_cleaned(client, tmp_path):
    import pandas as pd

    corpus = fixture_corpus(tmp_path / "c.jsonl")
    table = pd.read_json(corpus, lines=True, dtype=False)
    table.to_parquet(tmp_path / "c.parquet", row_group_size=40)  # several partitions, one site across them
    common = ("--isolated", "--extend-select", "NL701", "--format", "jsonl", "--text-field", "text")
    dask_run = ("--engine", "dask", "--scheduler", client.scheduler.address)
    local = run_cli("check", str(corpus), *common)
    parquet = run_cli("check", str(tmp_path / "c.parquet"), *common, *dask_run)
    assert local.exit_code == parquet.exit_code == 1 and '"NL701"' in local.stdout
    # The same findings, a row named by its id and placed on its row number as a record on its line.
    assert parquet.stdout.replace("c.parquet", "c.jsonl") == local.stdout
    fixing = ("--fix", "--unsafe-fixes", "--fixed-output")
    run_cli("check", str(corpus), *common, *fixing, str(tmp_path / "local.jsonl"))
    run_cli("check", str(tmp_path / "c.parquet"), *common, *dask_run, *fixing, str(tmp_path / "out") + "/")
    cleaned = pd.read_parquet(tmp_path / "out" / "c.parquet")
    expected = [json.loads(line) for line in (tmp_path / "local.jsonl").read_text(encoding="utf-8").splitlines()]
    assert list(cleaned.columns) == list(table.columns)
    assert cleaned.to_dict("records") == expected
    assert (cleaned.text != table.text).sum() > 10
