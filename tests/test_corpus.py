"""JSON Lines corpora (newslint.corpus) and the rule that learns across documents (NL701)."""
from __future__ import annotations

import gzip
import io
import json

import pytest

from newslint import lint
from newslint.config import Config
from newslint.corpus import CorpusOptions, check_corpus, fix_corpus, parse_record, read_records
from newslint.engine import build_ruleset, fix_text, lint_text
from newslint.errors import InputError
from newslint.linecounts import LineCounts, normalise_line, site_of

FOOTER = "Sign up for our morning newsletter here."
OPTIONS = CorpusOptions(text_field="text", id_field="id")


TOPICS = ("bridge", "library", "stadium", "harbour", "tramway", "museum", "school", "market", "clinic", "park")


def _article(i: int) -> str:
    topic, other = TOPICS[i % len(TOPICS)], TOPICS[(i + 3) % len(TOPICS)]
    return (f"The council met to vote on the new {topic} by the river.\n\n"
            f"Members argued about the {other} before the {topic} measure passed.\n\n{FOOTER}\n")


def _write_jsonl(path, records, *, gz: bool = False) -> None:
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode("utf-8")
    path.write_bytes(gzip.compress(data) if gz else data)


def _site_records(n: int, url: str = "https://www.example.com/news/") -> list[dict]:
    return [{"id": f"a{i}", "url": f"{url}{i}", "text": _article(i), "meta": {"n": i}} for i in range(n)]


# --- reading records --------------------------------------------------------------------------

def test_bad_records_are_errors_naming_file_line_and_record():
    cases = {
        b"{not json\n": "not JSON",
        b"[1, 2]\n": "not a JSON object",
        b'{"id": "x1", "body": "t"}\n': "no field 'text'",
        b'{"id": "x2", "text": 42}\n': "holds int, not a string",
        b'{"id": "x3", "text": null}\n': "holds null",
    }
    for raw, expected in cases.items():
        record = parse_record("c.jsonl", 7, raw, OPTIONS)
        assert record.text is None and expected in record.error
        assert record.where.startswith("c.jsonl:7 (record ")


def test_record_ids_sites_and_blank_lines():
    record = parse_record("c.jsonl", 3, b'{"id": 12, "link": "https://www.site.org/a/b", "text": "x"}\n', OPTIONS)
    assert (record.id, record.site, record.text) == ("12", "site.org", "x")
    no_id = parse_record("c.jsonl", 3, b'{"text": "x"}\n', OPTIONS)
    assert (no_id.id, no_id.site) == ("#3", "c.jsonl")  # no URL: the file is the site
    by_field = parse_record("c.jsonl", 1, b'{"src": "Example.com", "url": "https://a.b/", "text": "x"}\n',
                            CorpusOptions(site_field="src"))
    assert by_field.site == "example.com"
    blank = parse_record("c.jsonl", 4, b"\n", OPTIONS)
    assert blank.text is None and blank.error is None


def test_crlf_text_is_checked_with_lf():
    record = parse_record("c.jsonl", 1, json.dumps({"text": "a\r\nb\r\n"}).encode(), OPTIONS)
    assert record.text == "a\nb\n" and record.crlf


def test_gzip_and_stdin_are_read(tmp_path):
    path = tmp_path / "c.jsonl.gz"
    _write_jsonl(path, _site_records(3), gz=True)
    assert [r.id for r in read_records(str(path), OPTIONS)] == ["a0", "a1", "a2"]
    stdin = io.BytesIO(path.read_bytes() and gzip.decompress(path.read_bytes()))
    assert [r.id for r in read_records("-", OPTIONS, stdin)] == ["a0", "a1", "a2"]


# --- checking and fixing -----------------------------------------------------------------------

MERGED = "The mayor said the plan wasApproved by the council on Monday.\nIt will start next year.\n"


def test_findings_match_a_file_run_of_the_same_text(tmp_path):
    path = tmp_path / "c.jsonl"
    _write_jsonl(path, [{"id": "m", "text": MERGED}])
    ruleset = build_ruleset(Config())
    [report] = list(check_corpus([str(path)], ruleset, OPTIONS))
    expected = lint_text(MERGED, ruleset, "article.txt")
    assert expected, "the sample text must have findings for this test to mean anything"
    assert [f.violation for f in report.findings] == expected
    assert report.findings[0].path == str(path) and report.record.id == "m"
    assert (report.findings[0].start.line, report.findings[0].start.column) == (1, 25)


def test_fix_writes_every_record_in_order_bad_ones_unchanged(tmp_path):
    path = tmp_path / "c.jsonl"
    good = {"id": "m", "text": MERGED, "score": 1.5, "tags": ["a", "é"]}
    path.write_bytes(json.dumps(good, ensure_ascii=False).encode() + b"\n{broken\n"
                     + b'{"id": "n", "text": "Fine text here."}\n' + b'{"id": "o", "text": 3}')
    target = tmp_path / "out.jsonl"
    ruleset = build_ruleset(Config())
    reports = list(fix_corpus([str(path)], str(target), ruleset, OPTIONS, unsafe=True))
    assert [r.error is not None for r in reports] == [False, True, False, True]
    assert "c.jsonl:2 (record #2): not JSON" in reports[1].error
    lines = target.read_bytes().split(b"\n")
    fixed = json.loads(lines[0])
    assert fixed["text"] == fix_text(MERGED, ruleset, "x.txt", unsafe=True).text != MERGED
    assert {k: v for k, v in fixed.items() if k != "text"} == {k: v for k, v in good.items() if k != "text"}
    assert list(fixed) == list(good)  # field order kept
    assert lines[1:] == [b"{broken", b'{"id": "n", "text": "Fine text here."}', b'{"id": "o", "text": 3}', b""]


def test_fix_never_overwrites_an_input(tmp_path):
    path = tmp_path / "c.jsonl"
    _write_jsonl(path, _site_records(2))
    before = path.read_bytes()
    with pytest.raises(InputError, match="cannot be an input"):
        list(fix_corpus([str(path)], str(path), build_ruleset(Config()), OPTIONS))
    assert path.read_bytes() == before


def test_fix_to_stdout_and_gzip_output(tmp_path):
    path = tmp_path / "c.jsonl"
    _write_jsonl(path, [{"id": "m", "text": MERGED}])
    out = io.BytesIO()
    list(fix_corpus([str(path)], "-", build_ruleset(Config()), OPTIONS, unsafe=True, stdout=out))
    assert "was Approved" in json.loads(out.getvalue())["text"]
    target = tmp_path / "out.jsonl.gz"
    list(fix_corpus([str(path)], str(target), build_ruleset(Config()), OPTIONS, unsafe=True))
    assert json.loads(gzip.decompress(target.read_bytes()))["text"] == json.loads(out.getvalue())["text"]


# --- NL701 recurring-line ----------------------------------------------------------------------

def _nl701(**options):
    return build_ruleset(Config(select=("NL701",), rules={"NL701": options} if options else {}))


def test_nl701_flags_a_line_recurring_across_a_site(tmp_path):
    path = tmp_path / "c.jsonl"
    _write_jsonl(path, _site_records(6) + _site_records(2, "https://other.net/"))
    reports = list(check_corpus([str(path)], _nl701(), OPTIONS))
    flagged = {(r.record.id, r.record.site): [f.violation.message for f in r.findings] for r in reports}
    assert flagged[("a0", "example.com")] == ["line recurs in 6 documents of its site (site boilerplate)"]
    assert flagged[("a0", "other.net")] == []  # 2 documents of that site: below min-documents


def test_nl701_fix_deletes_the_line_only_with_unsafe_fixes(tmp_path):
    path = tmp_path / "c.jsonl"
    _write_jsonl(path, _site_records(5))
    target = tmp_path / "out.jsonl"
    list(fix_corpus([str(path)], str(target), _nl701(), OPTIONS))
    assert all(FOOTER in json.loads(line)["text"] for line in target.read_text().splitlines())
    list(fix_corpus([str(path)], str(target), _nl701(), OPTIONS, unsafe=True))
    texts = [json.loads(line)["text"] for line in target.read_text().splitlines()]
    assert texts[0] == _article(0).replace(f"\n\n{FOOTER}", "")


def test_nl701_keeps_quotes_datelines_sign_offs_and_long_lines(tmp_path):
    kept = ["“We will not stop until the bridge is built,” the mayor said.", "WASHINGTON (AP) —", "– Jane Doe",
            "By Jane Doe", "The bridge, first proposed in 1998, has been delayed by lawsuits and a lack of funds ever"
            " since the state withdrew its support."]
    records = [{"id": str(i), "url": "https://example.com/x", "text": _article(i) + "\n".join(kept)}
               for i in range(8)]
    path = tmp_path / "c.jsonl"
    _write_jsonl(path, records)
    for report in check_corpus([str(path)], _nl701(), OPTIONS):
        assert [report.record.text[f.violation.start:f.violation.end] for f in report.findings] == [FOOTER]


def test_nl701_options_and_single_documents(tmp_path):
    path = tmp_path / "c.jsonl"
    _write_jsonl(path, _site_records(5))
    assert all(r.findings for r in check_corpus([str(path)], _nl701(), OPTIONS))
    assert not any(r.findings for r in check_corpus([str(path)], _nl701(**{"min-documents": 6}), OPTIONS))
    assert not any(r.findings for r in check_corpus([str(path)], _nl701(**{"max-words": 5}), OPTIONS))
    # One text alone never teaches anything: nothing is flagged outside a corpus run.
    assert lint("\n\n".join([FOOTER] * 10), Config(select=("NL701",))) == []


def test_nl701_reads_standard_input_twice(tmp_path):
    path = tmp_path / "c.jsonl"
    _write_jsonl(path, _site_records(5))
    reports = list(check_corpus(["-"], _nl701(), OPTIONS, stdin=io.BytesIO(path.read_bytes())))
    assert len(reports) == 5 and all(len(r.findings) == 1 for r in reports)


# --- line counts -------------------------------------------------------------------------------

def test_line_counts_count_documents_not_repeats_and_never_undercount():
    counts = LineCounts(width=64, depth=3)  # tiny: collisions are certain
    truth: dict[str, int] = {}
    for doc in range(40):
        lines = [f"line {chr(97 + doc % 7)}{doc % 5}", "Share this", "Share this"]
        counts.add_document("s", lines, f"document {doc}")
        for key in {normalise_line(x) for x in lines}:
            truth[key] = truth.get(key, 0) + 1
    assert all(counts.count("s", line) >= n for line, n in truth.items())
    assert counts.count("s", "SHARE  this") >= 40 and counts.documents("s") == 40
    exact = LineCounts()
    exact.add_document("s", ["Share this", "Share this"])
    assert exact.count("s", "share this") == 1 and exact.count("t", "share this") == 0


def test_line_counts_merge_adds_up():
    a, b = LineCounts(), LineCounts()
    for i in range(3):
        a.add_document("s", ["Follow us"], f"text {i}")
    b.add_document("s", ["Follow us"], "text 3")
    a.merge(b)
    assert a.count("s", "follow us") == 4 and a.documents("s") == 4


def test_site_of():
    assert site_of("https://www.Example.com/a?b") == "example.com"
    assert site_of("blogspot.com") == "blogspot.com"


def _peak_memory(path, records: int, ruleset) -> int:
    import tracemalloc

    _write_jsonl(path, ({"id": str(i), "url": f"https://s{i % 7}.org/", "text": _article(i)} for i in range(records)))
    tracemalloc.start()
    try:
        count = sum(1 for _ in check_corpus([str(path)], ruleset, OPTIONS))
        return tracemalloc.get_traced_memory()[1] if count == records else -1
    finally:
        tracemalloc.stop()


def test_memory_stays_flat_whatever_the_number_of_records(tmp_path):
    for ruleset in (build_ruleset(Config(select=("NL504",))), _nl701()):
        small = _peak_memory(tmp_path / "small.jsonl", 200, ruleset)
        large = _peak_memory(tmp_path / "large.jsonl", 2000, ruleset)
        assert 0 < large < small * 1.5 + 200_000, (small, large)


def test_copies_of_a_document_count_once(tmp_path):
    records = [{"id": f"c{i}", "url": "https://example.com/same", "text": _article(1)} for i in range(8)]
    path = tmp_path / "c.jsonl"
    _write_jsonl(path, records)
    assert not any(r.findings for r in check_corpus([str(path)], _nl701(), OPTIONS))
    counts = LineCounts()
    counts.add_document("s", ["Share this", "Body one"], "Share this\nBody one")
    counts.add_document("s", ["Share this", "Body one"], "Share this\nBody one")
    counts.add_document("s", ["Share this"], "Share this\nBody two")  # same shaped lines, another text
    assert (counts.count("s", "share this"), counts.documents("s"), counts.copies) == (2, 2, 1)
