"""bench/audit.py and bench/rule_precision.py: sampling, sheets, verdicts, intervals, attribution."""
from __future__ import annotations

import json
import sys
from collections import Counter

import pytest

from newslint.config import Config
from newslint.engine import build_ruleset
from newslint.model import Fix, Violation
from tests.helpers import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import audit  # noqa: E402
import deletion_audit  # noqa: E402
import rule_precision  # noqa: E402

RULES = ("NL304", "NL303")
TEXTS = {
    "a.txt": "Advertisement\nThe council met on Tuesday to vote on the budget for next year.\n"
             "Advertisement\nIt passed by a wide margin after a long debate.\n",
    "b.txt": "The mayor spoke first.\nverdict: wrong\nAdvertisement\nShe thanked the staff for their work.\n"
             "Advertisement\nClick here to subscribe to our newsletter\n",
    "c.txt": "A plain paragraph with nothing to find in it at all, written as prose.\n",
}


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "texts"
    folder.mkdir()
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def ruleset():
    rules = build_ruleset(Config(select=RULES))
    yield rules
    rules.close()


def sheet_of(corpus, ruleset, per_rule=2, seed=7):
    docs = audit.documents([corpus], "text", ())
    drawn = audit.sample(audit.findings(docs, ruleset), per_rule, seed)
    return docs, drawn, audit.render_sheet(docs, drawn, ["Sample: test"])


def test_sampling_is_reproducible(corpus, ruleset):
    _, drawn, first = sheet_of(corpus, ruleset)
    _, _, second = sheet_of(corpus, ruleset)
    assert first == second
    assert sum(len(f) for f in drawn.values()) >= 3
    assert all(len(f) <= 2 for f in drawn.values())


def test_a_rule_draws_the_same_findings_whatever_else_is_selected(corpus, ruleset):
    docs = audit.documents([corpus], "text", ())
    found = audit.findings(docs, ruleset)
    both = audit.sample(found, 2, 3)
    alone = audit.sample([f for f in found if f.violation.code == "NL304"], 2, 3)
    assert alone["NL304"] == both["NL304"]


def test_seed_changes_the_draw():
    found = [audit.Finding(i, Violation("NL304", "ad-label", "m", i, i + 1)) for i in range(40)]
    draws = {tuple(f.doc for f in audit.sample(found, 5, seed)["NL304"]) for seed in range(5)}
    assert len(draws) > 1
    assert all(list(d) == sorted(d) for d in draws)  # kept in corpus order


def test_sheet_round_trip_and_corpus_text_is_never_a_verdict(corpus, ruleset):
    _, drawn, sheet = sheet_of(corpus, ruleset)
    assert "    " in sheet and "verdict: wrong" in sheet  # b.txt's line, shown indented as context
    items = audit.parse_sheet(sheet)
    assert len(items) == sum(len(f) for f in drawn.values())
    assert all(item.verdict == "" for item in items)
    chosen = ["right", "wrong fix", "wrong"]
    filled, k = [], 0
    for line in sheet.splitlines():
        if line == "verdict: ":
            line, k = f"verdict: {chosen[k % 3]}", k + 1
        filled.append(line)
    filled_text = "\n".join(filled).replace("note: ", "note: looked at", 1)
    judged = audit.parse_sheet(filled_text)
    assert [j.verdict for j in judged] == [("right", "wrong-fix", "wrong")[i % 3] for i in range(len(items))]
    assert judged[0].note == "looked at"
    stripped = audit.strip_sheet(filled_text)
    assert "Advertisement" not in stripped and "council" not in stripped
    assert audit.parse_sheet(stripped) == [
        audit.Judgement(j.key, j.code, j.verdict, j.note, audit.parse_sheet(stripped)[i].where)
        for i, j in enumerate(judged)
    ]


def test_fix_is_described(corpus, ruleset):
    _, _, sheet = sheet_of(corpus, ruleset)
    assert "deletes line" in sheet


def test_fix_that_changes_part_of_a_line_shows_before_and_after():
    text = "First line.\nThe budgetpassed today.\n"
    start = text.index("budgetpassed")
    violation = Violation("NL101", "merged-words", "merged", start, start + 12,
                          Fix.insert(start + 6, " ", safe=False))
    lines = audit.describe_fix(text, violation)
    assert lines[0] == "fix (unsafe): line 2 becomes"
    assert lines[1:] == ["    - The budgetpassed today.", "    + The budget passed today."]


@pytest.mark.parametrize("sheet, message", [
    ("### 1. NL304 · s · r · 1:1\nverdict: maybe\n", "is not one of"),
    ("### 1. NL304 · s · r · 1:1\nverdict: right\nverdict: wrong\n", "second 'verdict:'"),
    ("verdict: right\n", "outside an item"),
    ("### 1. NL304 · s · r\nverdict: right\n", "is not 'CODE"),
    ("### 1. NL304 · s · r · 1:1\nverdict: right\n### 2. NL304 · s · r · 1:1\nverdict: wrong\n", "already at"),
])
def test_bad_sheets_are_refused_with_their_line(sheet, message):
    with pytest.raises(audit.SheetError, match=message) as caught:
        audit.parse_sheet(sheet, "x.md")
    assert str(caught.value).startswith("x.md:")


def test_score_counts_verdicts_and_leaves_unjudged_out():
    sheet = "".join(f"### {i}. NL304 · s · r{i} · 1:1\nverdict: {v}\n"
                    for i, v in enumerate(["right"] * 8 + ["wrong-fix", "wrong", ""]))
    row = audit.score(audit.parse_sheet(sheet))["NL304"]
    assert (row["right"], row["wrong-fix"], row["wrong"], row["unjudged"], row["judged"]) == (8, 1, 1, 1, 10)
    assert row["precision"] == pytest.approx(0.8)
    assert (row["low"], row["high"]) == pytest.approx(rule_precision.wilson(8, 10))


def test_wilson_interval():
    assert rule_precision.wilson(0, 0) == (0.0, 1.0)
    assert rule_precision.wilson(5, 10) == pytest.approx((0.2366, 0.7634), abs=1e-4)
    assert rule_precision.wilson(10, 10) == pytest.approx((0.7225, 1.0), abs=1e-4)
    assert rule_precision.wilson(0, 10) == pytest.approx((0.0, 0.2775), abs=1e-4)


def test_jsonl_text_falls_back_to_scraped_and_extractors_can_be_left_out(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "naive_p.jsonl").write_text(json.dumps({"id": "n1", "scraped": "x"}) + "\n", encoding="utf-8")
    (folder / "readability.jsonl").write_text(
        json.dumps({"id": "r1", "scraped": "from scraped"}) + "\n\n" + json.dumps({"text": "own"}) + "\n",
        encoding="utf-8")
    docs = audit.documents([folder], "text", ["naive_p"])
    assert [(d.source, d.record, d.text) for d in docs] == [
        ("corpus/readability.jsonl", "r1", "from scraped"), ("corpus/readability.jsonl", "3", "own")]


def test_rates_per_rule():
    docs = [audit.Doc("s", "a", "a.txt", "one two three four"), audit.Doc("s", "b", "b.txt", "five six")]
    found = [audit.Finding(0, Violation("NL304", "ad-label", "m", 0, 3)) for _ in range(3)]
    table = audit.rates(docs, found)
    assert table["NL304"] == {"findings": 3, "per_1000_words": 500.0, "docs_share": 0.5}


def test_deleted_lines_are_attributed_to_the_rule_by_label():
    text = "Residue line\nClean line here\nNeutral byline\nA long clean paragraph\n"
    starts = [0, 13, 29, 44]
    labels = [{"start": s, "end": s + len(line), "label": kind} for s, line, kind in
              zip(starts, text.splitlines(), ["residue", "clean", "neutral", "clean"])]
    record = {"scraped": text, "line_labels": labels}
    found = [
        Violation("NL301", "x", "m", 0, 12, Fix.delete(0, 13)),
        Violation("NL301", "x", "m", 13, 28, Fix.delete(12, 28, safe=False)),  # from the previous line end
        Violation("NL203", "x", "m", 29, 43, Fix.delete(29, 44)),
        Violation("NL403", "x", "m", 44, 50, Fix.delete(44, 50)),  # part of a line
        Violation("NL505", "x", "m", 49, 50, Fix.replace(49, 50, "X")),  # not a deletion
    ]
    counts = rule_precision.attribute(record, found, "all")
    assert counts == {("NL301", "residue"): 1, ("NL301", "clean"): 1, ("NL203", "neutral"): 1, ("NL403", "cut"): 1}
    assert rule_precision.attribute(record, found, "safe")[("NL301", "clean")] == 0
    assert rule_precision.attribute(record, found, "unsafe") == {("NL301", "clean"): 1}
    assert rule_precision.verdict([0.996, None, 0.999]) == "safe"
    assert rule_precision.verdict([0.996, 0.95]) == "unsafe"
    assert rule_precision.verdict([0.5, 1.0]) == "off"
    assert rule_precision.verdict([None]) == "-"


def test_per_page_spreads_the_draw_over_pages():
    docs = [audit.Doc(f"corpus/{ext}.jsonl", f"page-{i}", "article.txt", "x")
            for ext in ("a", "b") for i in range(3)]
    found = [audit.Finding(d, Violation("NL308", "timestamp-line", "m", k, k + 1))
             for d in range(len(docs)) for k in range(5)]
    drawn = audit.sample(found, 6, 2, docs, per_page=2)["NL308"]
    pages = Counter(docs[f.doc].record for f in drawn)
    assert len(drawn) == 6 and set(pages.values()) == {2}  # one page in two files counts once
    assert drawn == audit.sample(found, 6, 2, docs, per_page=2)["NL308"]
    assert len(audit.sample(found, 30, 2, docs, per_page=1)["NL308"]) == 3


def test_a_finding_in_two_sheets_counts_once_and_must_agree():
    first = audit.parse_sheet("### 1. NL308 · s · r · 1:1\nverdict: wrong\n"
                              "### 2. NL308 · s · r · 9:1\nverdict: right\n", "a.md")
    second = audit.parse_sheet("### 1. NL308 · s · r · 1:1\nverdict: wrong\nnote: seen twice\n", "b.md")
    assert audit.score(audit.merge([first, second]))["NL308"]["judged"] == 2
    unjudged = audit.parse_sheet("### 1. NL308 · s · r · 1:1\nverdict:\n", "c.md")
    assert audit.merge([unjudged, first])[0].verdict == "wrong"
    other = audit.parse_sheet("### 1. NL308 · s · r · 1:1\nverdict: right\n", "d.md")
    with pytest.raises(audit.SheetError, match="d.md:1: .* is right, but wrong at a.md:1"):
        audit.merge([first, other])
    reread = audit.merge([first, other], later_wins=True)
    assert [(i.verdict, i.overrides) for i in reread] == [("right", "wrong at a.md:1"), ("right", "")]
    assert audit.score(reread)["NL308"]["right"] == 2


def test_convention_lines_and_extra_copies_are_counted_apart():
    text = "A caption kept by the gold\nThe same paragraph twice.\nThe same paragraph twice.\nA real line\n"
    starts = [0, 27, 53, 79]
    labels = [{"start": s, "end": s + len(line), "label": "clean"} for s, line in zip(starts, text.splitlines())]
    record = {"id": "p1", "scraped": text, "line_labels": labels,
              "gold": "A caption kept by the gold\nThe same paragraph twice.\nA real line"}
    found = [Violation("NL201", "x", "m", 0, 26, Fix.delete(0, 27, safe=False)),
             Violation("NL403", "x", "m", 53, 78, Fix.delete(53, 79, safe=False)),
             Violation("NL301", "x", "m", 79, 90, Fix.delete(79, 91, safe=False))]
    listed = frozenset({("p1", deletion_audit.line_hash("A caption kept by the gold"))})
    counts = rule_precision.attribute(record, found, "all", conventions=listed)
    assert counts == {("NL201", "conv"): 1, ("NL403", "copy"): 1, ("NL301", "clean"): 1}
    # the gold holding both copies: deleting one is wrong
    record["gold"] = "The same paragraph twice.\nThe same paragraph twice."
    assert rule_precision.attribute(record, found, "all")[("NL403", "clean")] == 1
    summary = rule_precision.summarise({"c": {"e": counts}}, ["NL201", "NL403"])
    assert summary["rules"]["NL201"]["corpora"]["c"]["precision"] is None  # convention lines are not judged
    assert summary["rules"]["NL403"]["corpora"]["c"]["precision"] == 1.0


def test_deletion_audit_counts_convention_lines_apart(tmp_path):
    text = ("Photo: Jane Doe/Reuters\nThe council voted on Tuesday to keep the library open on Saturdays.\n"
            "Advertisement\nShare this article\nIt passed by a wide margin after a long debate in the hall.\n")
    lines = text.splitlines()
    starts = [sum(len(x) + 1 for x in lines[:i]) for i in range(len(lines))]
    kinds = ["clean", "clean", "residue", "clean", "clean"]
    record = {"id": "r1", "scraped": text, "gold": "",
              "line_labels": [{"start": s, "end": s + len(x), "label": k} for s, x, k in zip(starts, lines, kinds)]}
    conventions = {("c", "r1", deletion_audit.line_hash("Photo: Jane Doe / Reuters")): "credit"}
    ruleset = build_ruleset(Config())
    try:
        tally = deletion_audit.measure("c", [record], ruleset, True, conventions)
    finally:
        ruleset.close()
    assert [(kind, line) for _, _, kind, _, line in tally.lost] == [
        ("conv:credit", "Photo: Jane Doe/Reuters"), ("content", "Share this article")]
    row = tally.row()
    assert (row["clean"], row["residue"], row["residue_deleted"]) == (4, 1, 1)
    assert (row["clean_lost"], row["convention"], row["content"], row["edited"]) == (2, 1, 1, 0)
    assert row["del_precision"] == pytest.approx(1 / 3) and row["del_precision_wo_conv"] == pytest.approx(1 / 2)
    assert row["clean_kept"] == pytest.approx(1 / 2) and row["clean_kept_wo_conv"] == pytest.approx(2 / 3)
    credit_rules, share_rules = tally.lost[0][3], tally.lost[1][3]
    assert credit_rules and share_rules and credit_rules != share_rules
    table = deletion_audit.by_rule({"c/e": tally})
    # A line that several rules delete counts once for each of them (`Share this article`: NL303, NL318).
    assert all(f"| {code} | 0 | 1 | 0 |" in table for code in credit_rules.split(","))
    assert all(f"| {code} | 1 | 0 | 0 |" in table for code in share_rules.split(","))
    path = tmp_path / "conv.tsv"
    path.write_text("# comment\nc\tr1\tabc\tnot-a-category\n", encoding="utf-8")
    with pytest.raises(SystemExit):
        deletion_audit.load_conventions(path)
    path.write_text("c\tr1\tabc\tcaption\tNL201\n", encoding="utf-8")
    assert deletion_audit.load_conventions(path) == {("c", "r1", "abc"): "caption"}


def test_findings_new_since_a_dump_are_drawn_first_and_rules_can_draw_their_own_number(tmp_path):
    import gzip

    docs = [audit.Doc("corpus/a.jsonl", f"page-{i}", "article.txt", "x") for i in range(4)]
    found = [audit.Finding(d, Violation(code, "r", "m", k, k + 1))
             for d in range(len(docs)) for k in range(3) for code in ("NL301", "NL308")]
    dump = tmp_path / "old.jsonl.gz"
    with gzip.open(dump, "wt", encoding="utf-8") as handle:  # the older code made NL308 everywhere, NL301 on page 0
        for d in range(len(docs)):
            made = [["NL308", k, k + 1] for k in range(3)] + [["NL301", k, k + 1] for k in range(3) if d == 0]
            handle.write(json.dumps({"doc": f"corpus/a:{d}", "findings": made}) + "\n")
    assert audit.dump_names(docs)[2] == "corpus/a:2"
    assert audit.per_rule_counts("2,NL308=1") == (2, {"NL308": 1})
    old = audit.dump_findings(dump)
    drawn = audit.sample_new_first(found, docs, old, (3, {}), (1, {"NL308": 2}), 5, per_page=1)
    new_pages = {docs[f.doc].record for f in drawn["NL301"]}
    assert len(drawn["NL301"]) == 4 and "page-0" in new_pages and len(new_pages) == 4  # 3 new, then 1 old
    assert len(drawn["NL308"]) == 2  # nothing new: its own number from the rest
    assert drawn == audit.sample_new_first(found, docs, old, (3, {}), (1, {"NL308": 2}), 5, per_page=1)
    everything_old = audit.sample_new_first(found, docs, None, (3, {}), (1, {}), 5, per_page=1)
    assert [len(everything_old[c]) for c in ("NL301", "NL308")] == [1, 1]


def test_the_sheet_header_names_the_sample_command_with_or_without_a_dump(tmp_path):
    import argparse
    from pathlib import Path

    args = argparse.Namespace(inputs=[Path("corpus/a.jsonl")], per_rule="8,NL101=25", seed=1001, per_page=1,
                              select=None, ignore=None, text_field="text", exclude_extractor=[], skip=None,
                              new_since=None, per_rule_new=None, skip_judged=[Path("bench/audits/x.md")])
    header = audit.command_header(args)[0]
    assert "--seed 1001 --per-page 1" in header and "--skip-judged x.md" in header and "--new-since" not in header
    args.new_since = tmp_path / "old.jsonl.gz"
    assert "--new-since old.jsonl.gz" in audit.command_header(args)[0]
