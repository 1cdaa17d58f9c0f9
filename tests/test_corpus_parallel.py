"""Corpus runs in worker processes (--jobs) and fixed output written to a folder: the serial results, exactly."""
from __future__ import annotations

import json

import pytest

from newslint.config import Config
from newslint.corpus import CorpusOptions, check_corpus, fix_corpus
from newslint.corpus_parallel import Job, check_corpus_jobs
from newslint.engine import build_ruleset
from tests.helpers import fixture_corpus, run_cli

OPTIONS = CorpusOptions("text", "id")
WITH_NL701 = Config().with_overrides(extend_select=("NL701",))


def _key(report):
    findings = [(f.start, f.end, f.violation.code, f.violation.message, f.violation.fix) for f in report.findings]
    return report.record.path, report.record.line, report.record.id, findings, report.fixed, report.text, report.error


@pytest.mark.parametrize("fix", [False, True])
def test_jobs_give_the_serial_reports_record_for_record(tmp_path, monkeypatch, fix):
    for name, size in (("BATCH_RECORDS", 7), ("FORKED_BATCH_RECORDS", 7), ("FIRST_BATCH_RECORDS", 3)):
        monkeypatch.setattr(f"newslint.corpus_parallel.{name}", size)  # many batches, out of step with the sites
    corpus = str(fixture_corpus(tmp_path / "c.jsonl"))
    serial = list(check_corpus([corpus], build_ruleset(WITH_NL701), OPTIONS, fix=fix, unsafe=True))
    parallel = list(check_corpus_jobs([corpus], Job(WITH_NL701, OPTIONS, fix, True), 2))
    assert len(serial) == len(parallel) > 100
    assert [_key(r) for r in serial] == [_key(r) for r in parallel]
    assert any(f.violation.code == "NL701" for r in serial for f in r.findings) or fix
    assert sum(len(r.findings) for r in serial) > 50 or fix


def test_cli_jobs_2_prints_and_writes_what_jobs_1_does(tmp_path):
    corpus = str(fixture_corpus(tmp_path / "c.jsonl"))
    common = ("check", corpus, "--isolated", "--extend-select", "NL701", "--format", "jsonl")
    one, two = run_cli(*common, "--jobs", "1"), run_cli(*common, "--jobs", "2")
    assert one.exit_code == two.exit_code == 1
    assert one.stdout == two.stdout and '"NL701"' in one.stdout
    fixed = ("--fix", "--unsafe-fixes", "--fixed-output")
    run_cli(*common, "--jobs", "1", *fixed, str(tmp_path / "one.jsonl"))
    run_cli(*common, "--jobs", "2", *fixed, str(tmp_path / "two.jsonl"))
    assert (tmp_path / "one.jsonl").read_bytes() == (tmp_path / "two.jsonl").read_bytes()


def test_fixed_output_folder_holds_one_file_per_input(tmp_path):
    first = fixture_corpus(tmp_path / "first.jsonl")
    (tmp_path / "sub").mkdir()
    second = tmp_path / "sub" / "second.jsonl"
    second.write_text(json.dumps({"id": "x", "text": "It wasApproved.\n"}) + "\n", encoding="utf-8")
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    inputs = [str(first), str(empty), str(second)]
    ruleset = build_ruleset(Config())
    list(fix_corpus(inputs, str(tmp_path / "all.jsonl"), ruleset, OPTIONS, unsafe=True))
    list(fix_corpus(inputs, str(tmp_path / "out") + "/", ruleset, OPTIONS, unsafe=True))
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert written == ["empty.jsonl", "first.jsonl", "second.jsonl"]
    joined = b"".join((tmp_path / "out" / name).read_bytes() for name in ("first.jsonl", "empty.jsonl", "second.jsonl"))
    assert joined == (tmp_path / "all.jsonl").read_bytes()
    assert b"was Approved" in (tmp_path / "out" / "second.jsonl").read_bytes()
    result = run_cli("check", "-", "--text-field", "text", "--fix", "--fixed-output", str(tmp_path / "out") + "/",
                     input=b'{"text": "x"}\n')
    assert result.exit_code == 2 and "standard input has no name" in result.stderr


def test_engine_and_scheduler_are_for_corpora(tmp_path, article):
    result = run_cli("check", str(article), "--engine", "dask")
    assert result.exit_code == 2 and "are for JSON Lines corpora" in result.stderr
    corpus = str(fixture_corpus(tmp_path / "c.jsonl"))
    result = run_cli("check", corpus, "--scheduler", "tcp://127.0.0.1:8786")
    assert result.exit_code == 2 and "--scheduler goes with --engine dask" in result.stderr


def test_reports_cross_processes_unchanged(tmp_path):
    import pickle

    import newslint.corpus_parallel  # noqa: F401 - registers how reports are pickled

    corpus = str(fixture_corpus(tmp_path / "c.jsonl"))
    reports = list(fix_corpus([corpus], str(tmp_path / "out.jsonl"), build_ruleset(WITH_NL701), OPTIONS, unsafe=True))
    assert any(r.findings for r in reports) and any(r.text for r in reports)
    assert pickle.loads(pickle.dumps(reports)) == reports


def test_two_passes_with_jobs_read_standard_input_twice_and_never_seek_a_pipe(tmp_path):
    from tests.helpers import run_process

    corpus = fixture_corpus(tmp_path / "c.jsonl")
    common = ("check", "--isolated", "--extend-select", "NL701", "--format", "jsonl", "--jobs")
    one = run_process(*common, "1", str(corpus), input=b"")  # standard input a pipe, not read
    two = run_process(*common, "2", str(corpus), input=b"")
    assert one.returncode == two.returncode == 1, two.stderr
    assert two.stdout == one.stdout and b'"NL701"' in one.stdout
    piped = run_process(*common, "2", "-", "--text-field", "text", input=corpus.read_bytes())
    assert piped.returncode == 1, piped.stderr
    assert piped.stdout.replace(b'"path": "-"', b'"path": "%s"' % str(corpus).encode()) == one.stdout


def test_at_most_a_window_of_batches_is_in_flight():
    from newslint.corpus_parallel import ordered

    in_flight, most = set(), 0

    class Done:
        def __init__(self, item):
            self.item = item

        def result(self):
            in_flight.discard(self.item)
            return self.item * 10

    def submit(item):
        nonlocal most
        in_flight.add(item)
        most = max(most, len(in_flight))
        return Done(item)

    assert list(ordered(submit, iter(range(100)), 3)) == [i * 10 for i in range(100)]
    assert most == 3


def test_the_last_batches_are_smaller_and_smaller_and_hold_every_line_in_order(tmp_path, monkeypatch):
    import gzip

    from newslint.corpus_parallel import _input_bytes, batches

    monkeypatch.setattr("newslint.corpus_parallel.LAST_BATCH_BYTES", 400)  # a few records of these

    lines = [json.dumps({"id": i, "text": "x" * (i % 7 * 40)}).encode() + b"\n" for i in range(400)]
    plain, packed = tmp_path / "a.jsonl", tmp_path / "b.jsonl.gz"
    plain.write_bytes(b"".join(lines))
    packed.write_bytes(gzip.compress(b"".join(lines)))
    cut = list(batches([str(plain), str(plain)], None, 4, 32, jobs=2))
    assert [raw for b in cut for raw in b.lines] == lines * 2
    assert [(b.path, b.first_line) for b in cut][:2] == [(str(plain), 1), (str(plain), 5)]
    sizes = [len(b.lines) for b in cut]
    assert sizes[0] == 4 and max(sizes) == 32 and sizes[-1] < 4  # the last ones share what is left
    held = [sum(map(len, b.lines)) for b in cut]
    assert max(sizes[-5:]) < 32 and held[-2] < held[-5]
    assert all(sum(map(len, b.lines)) >= 400 for b in cut[1:-1])  # but none under LAST_BATCH_BYTES
    # Of unknown size (compressed, standard input), or without jobs: batches as asked.
    for unknown in (list(batches([str(packed)], None, 4, 32, jobs=2)), list(batches([str(plain)], None, 4, 32))):
        assert [len(b.lines) for b in unknown] == [4] + [32] * 12 + [12]
    assert _input_bytes([str(plain), str(plain)]) == 2 * plain.stat().st_size
    assert _input_bytes([str(plain), "-"]) is None and _input_bytes([str(tmp_path / "none.jsonl")]) is None
    assert _input_bytes([str(plain), str(tmp_path)]) is None  # not a regular file: a pipe, a folder


def test_record_keys_are_the_longer_lines_of_the_records_texts(monkeypatch):
    from newslint.corpus_parallel import Batch, record_keys

    monkeypatch.setattr("newslint.corpus_parallel.KEY_SAMPLE", 0)  # every longer line a key

    shared = "The council approved the new budget on Monday evening."
    lines = tuple(json.dumps({"id": i, "text": f"{head}\n{shared}\nShort\n"}).encode() + b"\n"
                  for i, head in enumerate(("A headline long enough to count", "Another headline, long as well")))
    one, both = record_keys(Batch("c.jsonl", 1, lines[:1])), record_keys(Batch("c.jsonl", 1, lines))
    assert one < both and len(both - one) == 1  # the shared line is one key; short lines are none
