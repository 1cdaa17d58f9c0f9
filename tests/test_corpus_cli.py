"""`newslint check` on JSON Lines corpora: findings per record in every format, --fixed-output, errors."""
from __future__ import annotations

import gzip
import json

from tests.helpers import run_cli

MERGED = "The plan wasApproved on Monday by the council.\n\nSource link\n"
CLEAN = "The council met on Monday and approved the plan.\n"


def _corpus(path, *lines: bytes) -> str:
    path.write_bytes(b"".join(line + b"\n" for line in lines))
    return str(path)


def _record(rid: str, text: str, **more) -> bytes:
    return json.dumps({"id": rid, "text": text, **more}, ensure_ascii=False).encode()


def test_records_are_checked_not_the_raw_json(tmp_path):
    corpus = _corpus(tmp_path / "c.jsonl", _record("a1", CLEAN), _record("a2", MERGED))
    result = run_cli("check", corpus)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == f"{corpus}[a2]:1:10: NL101 merged words 'wasApproved': insert spaces ('was Approved')"
    assert lines[1].startswith(f"{corpus}[a2]:3:1: NL301 ")


def test_the_same_text_as_a_file_gives_the_same_findings(tmp_path):
    (tmp_path / "a2.txt").write_text(MERGED, encoding="utf-8")
    corpus = _corpus(tmp_path / "c.jsonl", _record("a2", MERGED))
    as_file = run_cli("check", str(tmp_path / "a2.txt"), "--format", "json")
    as_record = run_cli("check", corpus, "--format", "json")
    strip = {"path", "record", "record_line"}
    file_items = [{k: v for k, v in item.items() if k not in strip} for item in json.loads(as_file.stdout)]
    record_items = json.loads(as_record.stdout)
    assert [{k: v for k, v in item.items() if k not in strip} for item in record_items] == file_items
    assert {(i["record"], i["record_line"]) for i in record_items} == {("a2", 1)}


def test_every_format_names_the_record(tmp_path):
    corpus = _corpus(tmp_path / "c.jsonl", _record("a1", CLEAN), _record("rec-7", MERGED))
    for fmt in ("text", "json", "jsonl", "github", "sarif", "junit", "gitlab"):
        result = run_cli("check", corpus, "--format", fmt)
        assert "rec-7" in result.stdout, fmt
    [issue, _] = json.loads(run_cli("check", corpus, "--format", "gitlab").stdout)
    assert issue["location"]["lines"] == {"begin": 2, "end": 2}


def test_fix_writes_cleaned_records_to_a_new_file(tmp_path):
    corpus = _corpus(tmp_path / "c.jsonl", _record("a1", CLEAN, n=1), b"{broken", _record("a2", MERGED, n=2),
                     b'{"id": "a3", "body": "no text field"}')
    before = (tmp_path / "c.jsonl").read_bytes()
    out = tmp_path / "clean.jsonl"
    result = run_cli("check", corpus, "--fix", "--fixed-output", str(out))
    assert result.exit_code == 2  # the bad records
    assert "c.jsonl:2 (record #2): not JSON" in result.stderr
    assert "c.jsonl:4 (record a3): no field 'text'" in result.stderr
    assert "2 records could not be checked." in result.stdout + result.stderr
    assert (tmp_path / "c.jsonl").read_bytes() == before
    written = out.read_bytes().splitlines()
    assert written[0] == _record("a1", CLEAN, n=1) and written[1] == b"{broken" and len(written) == 4
    fixed = json.loads(written[2])
    assert fixed == {"id": "a2", "text": "The plan wasApproved on Monday by the council.\n", "n": 2}


def test_fix_to_standard_output_keeps_the_report_on_standard_error(tmp_path):
    corpus = _corpus(tmp_path / "c.jsonl", _record("a2", MERGED))
    result = run_cli("check", corpus, "--fix", "--unsafe-fixes", "--fixed-output", "-")
    assert json.loads(result.stdout)["text"] == "The plan was Approved on Monday by the council.\n"
    assert "2 fixed" in result.stderr


def test_standard_input_and_gzip(tmp_path):
    data = _record("a2", MERGED) + b"\n"
    from_stdin = run_cli("check", "-", "--text-field", "text", input=data)
    (tmp_path / "c.jsonl.gz").write_bytes(gzip.compress(data))
    from_gzip = run_cli("check", str(tmp_path / "c.jsonl.gz"))
    assert "-[a2]:1:10: NL101" in from_stdin.stdout
    assert from_gzip.stdout.replace(str(tmp_path / "c.jsonl.gz"), "-") == from_stdin.stdout


def test_text_and_id_fields_can_be_named(tmp_path):
    corpus = _corpus(tmp_path / "c.jsonl", json.dumps({"key": "k9", "body": MERGED}).encode())
    result = run_cli("check", corpus, "--text-field", "body", "--id-field", "key")
    assert f"{corpus}[k9]:1:10: NL101" in result.stdout


def test_misused_options_are_errors(tmp_path):
    corpus = _corpus(tmp_path / "c.jsonl", _record("a2", MERGED))
    (tmp_path / "a.txt").write_text(MERGED, encoding="utf-8")
    cases = {
        ("check", corpus, "--fix"): "--fixed-output PATH",
        ("check", corpus, "--diff"): "--diff is for files",
        ("check", corpus, "--fixed-output", "x.jsonl"): "goes with --fix",
        ("check", corpus, str(tmp_path / "a.txt")): "cannot be checked in one run",
        ("check", str(tmp_path / "a.txt"), "--text-field", "body"): "are for JSON Lines",
        ("check", corpus, "--fix", "--fixed-output", corpus): "cannot be an input",
    }
    for args, expected in cases.items():
        result = run_cli(*args)
        assert result.exit_code == 2 and expected in result.stderr, (args, result.stderr)


def test_nl701_runs_on_corpora_when_selected(tmp_path):
    footer = "Sign up for our morning newsletter here."
    topics = ("bridge", "library", "stadium", "harbour", "tramway", "museum")
    records = [_record(f"a{i}", f"The council voted on the {t} plan.\n\n{footer}\n", url=f"https://ex.org/{i}")
               for i, t in enumerate(topics)]
    corpus = _corpus(tmp_path / "c.jsonl", *records)
    assert "NL701" not in run_cli("check", corpus).stdout  # off by default: see its measured precision
    result = run_cli("check", corpus, "--extend-select", "NL701")
    assert result.stdout.count("NL701 line recurs in 6 documents of its site") == 6
    assert "NL701" not in run_cli("check", corpus, "--select", "NL3").stdout
    (tmp_path / "one.txt").write_text(f"Text.\n\n{footer}\n\n{footer}\n", encoding="utf-8")
    assert "NL701" not in run_cli("check", str(tmp_path / "one.txt"), "--extend-select", "NL701").stdout


def test_a_folder_of_files_gives_what_the_same_texts_as_jsonl_give(tmp_path):
    footer = "Sign up for our morning newsletter here."
    topics = ("bridge", "library", "stadium", "harbour", "tramway", "museum")
    texts = [f"The council voted on the {t} plan.\nIt wasApproved by {i} votes.\n\n{footer}\n"
             for i, t in enumerate(topics)]
    folder = tmp_path / "site"
    folder.mkdir()
    for i, text in enumerate(texts):
        (folder / f"a{i}.txt").write_text(text, encoding="utf-8")
    corpus = _corpus(tmp_path / "c.jsonl", *(_record(f"a{i}", text) for i, text in enumerate(texts)))
    args = ("--isolated", "--format", "json", "--extend-select", "NL701")
    as_files = json.loads(run_cli("check", str(folder), *args).stdout)
    as_records = json.loads(run_cli("check", corpus, *args).stdout)
    assert any(item["code"] == "NL701" for item in as_files)

    def key(item):
        name = item["record"] if "record" in item else item["path"].rsplit("/", 1)[-1][:-4]
        return name, item["line"], item["column"], item["code"], item["message"], item["fix"]

    assert sorted(map(key, as_files)) == sorted(map(key, as_records))
    out = tmp_path / "fixed.jsonl"
    run_cli("check", corpus, *args, "--fix", "--unsafe-fixes", "--fixed-output", str(out))
    run_cli("check", str(folder), *args, "--fix", "--unsafe-fixes")
    fixed = {json.loads(line)["id"]: json.loads(line)["text"] for line in out.read_text().splitlines()}
    assert fixed == {f"a{i}": (folder / f"a{i}.txt").read_text(encoding="utf-8") for i in range(len(texts))}
    assert footer not in "".join(fixed.values())


def test_sarif_of_records_is_valid(tmp_path):
    import jsonschema

    from tests.test_formats import SCHEMA

    corpus = _corpus(tmp_path / "c.jsonl", _record("a1", CLEAN), _record("rec-7", MERGED))
    log = json.loads(run_cli("check", corpus, "--format", "sarif").stdout)
    jsonschema.validate(log, SCHEMA)
    [first, _] = log["runs"][0]["results"]
    location = first["locations"][0]
    assert location["physicalLocation"]["region"] == {"startLine": 2}
    assert location["logicalLocations"][0]["name"] == "rec-7"
    assert location["properties"]["fieldRegion"]["startColumn"] == 10


def test_parquet_is_read_by_dask_only_and_alone(tmp_path):
    data = tmp_path / "c.parquet"
    data.write_bytes(b"PAR1")
    without = run_cli("check", str(data), "--text-field", "text")
    assert without.exit_code == 2 and "Parquet is read by Dask: add --engine dask" in without.stderr
    other = tmp_path / "c.jsonl"
    other.write_text("", encoding="utf-8")
    mixed = run_cli("check", str(data), str(other), "--engine", "dask")
    assert mixed.exit_code == 2 and "Parquet files and other inputs cannot be checked in one run" in mixed.stderr


def test_the_fixed_output_gets_a_new_file_s_mode_or_keeps_its_own(tmp_path):
    import os
    import stat

    corpus = _corpus(tmp_path / "c.jsonl", _record("a2", MERGED))
    out = tmp_path / "clean.jsonl"
    umask = os.umask(0o027)
    try:
        run_cli("check", corpus, "--fix", "--fixed-output", str(out))
        assert stat.S_IMODE(out.stat().st_mode) == 0o640
        out.chmod(0o604)
        run_cli("check", corpus, "--fix", "--fixed-output", str(out))
        assert stat.S_IMODE(out.stat().st_mode) == 0o604
    finally:
        os.umask(umask)
