"""Properties of checking and fixing over arbitrary text and generated scraped articles.

Every built-in rule that runs offline takes part (rules that batch calls to an outside
service through `prepare` are left out here; see `test_grammar_rule_in_process`). The
number of examples comes from the hypothesis profile in tests/strategies.py.

What "a safe fix never deletes letters of article words" means here: every edit of a
safe fix is one of
(a) the removal of a reported artifact: its replacement is whitespace only, and what it
    deletes, past outer whitespace, lies within the lines of its violation and starts at
    the violation's start or a line's first character, and ends at the violation's end
    or a line's last character (a whole-line or exact-span deletion);
(b) a whitespace or punctuation change: the letters, digits and marks (Unicode L, N, M)
    read the same before and after;
(c) an encoding repair: the new text reads like the old one decoded again (mojibake),
    unescaped (HTML entities) or Unicode-normalised (NFC/NFKC); or, as mojibake can
    straddle an edit's ends, a full repair (ftfy, HTML unescaping) of the edit's line
    reads the same, letter for letter, with the edit and without it.
"""
from __future__ import annotations

import dataclasses
import functools
import html
import itertools
import json
import tempfile
import unicodedata
from pathlib import Path

import ftfy
import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from newslint.config import Config
from newslint.document import Document
from newslint.engine import (
    MAX_FIX_PASSES,
    build_ruleset,
    check_document,
    fix_text,
    lint_text,
    make_document,
)
from newslint.fixes import apply_fixes
from newslint.model import Edit, Violation
from newslint.registry import all_rules
from newslint.rule import Rule
from tests.helpers import run_cli
from tests.strategies import articles, profile, texts, unicode_text

PATHS = st.sampled_from(("article.txt", "article.md"))


def _offline_codes() -> tuple[str, ...]:
    # Rules that need setup (a grammar server) are tested on their own below.
    return tuple(code for code, info in all_rules().items()
                 if info.package == "newslint" and not info.cls.needs_setup)


CODES = _offline_codes()
RULESET = build_ruleset(Config(select=CODES))


# ---- independent references: offsets from line/column, applying edits right to left ----

def _offset_of(text: str, line: int, column: int) -> int:
    lines = text.split("\n")
    assert 1 <= line <= len(lines), (line, len(lines))
    assert 1 <= column <= len(lines[line - 1]) + 1, (line, column)
    return sum(len(x) + 1 for x in lines[: line - 1]) + column - 1


def _apply_right_to_left(text: str, edits: list[Edit]) -> str:
    for edit in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
        text = text[: edit.start] + edit.text + text[edit.end :]
    return text


def _check_boundaries(text: str, edit: Edit) -> None:
    """An edit never splits a CRLF pair, nor leaves a combining mark on a different character."""
    for at in (edit.start, edit.end):
        assert not (0 < at < len(text) and text[at - 1] == "\r" and text[at] == "\n"), f"{edit} splits CRLF"
    after = edit.end
    if after < len(text) and unicodedata.category(text[after]).startswith("M") and (edit.end > edit.start or edit.text):
        before = text[after - 1] if after else ""
        prefix = text[: edit.start] + edit.text
        assert (prefix[-1:] or "") == before, f"{edit} moves the combining mark {text[after]!r} onto another character"


def _check_violation(text: str, v: Violation) -> None:
    assert 0 <= v.start <= v.end <= len(text), v
    assert v.code in CODES and v.message and "\n" not in v.message and "\r" not in v.message, v
    for edit in v.fix.edits if v.fix else ():
        assert 0 <= edit.start <= edit.end <= len(text), v
        _check_boundaries(text, edit)


# ---- checking ----

@profile(60)
@given(texts(), PATHS)
@example("\x1f\U0001da9b", "article.txt")  # a control character before a combining mark (found by fuzzing)
def test_checking_never_raises_and_spans_lie_in_the_text(text, path):
    found = lint_text(text, RULESET, path)
    for v in found:
        _check_violation(text, v)
    assert lint_text(text, RULESET, path) == found  # deterministic


@profile(40)
@given(texts(), PATHS)
def test_line_and_column_round_trip_to_the_same_offsets(text, path):
    doc = Document(text)
    for v in lint_text(text, RULESET, path):
        offsets = [v.start, v.end] + [x for e in (v.fix.edits if v.fix else ()) for x in (e.start, e.end)]
        for offset in offsets:
            position = doc.position(offset)
            assert _offset_of(text, position.line, position.column) == offset


@profile(20)
@given(articles())
def test_json_report_positions_round_trip(text):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "a.txt"
        path.write_bytes(text.encode("utf-8"))
        result = run_cli("check", "--isolated", "--select", ",".join(CODES), "--format", "json", str(path))
        assert result.exit_code in (0, 1), result.stderr
        expected = sorted((v.start, v.end, v.code) for v in lint_text(text, RULESET, str(path)))
        reported = sorted((_offset_of(text, i["line"], i["column"]), _offset_of(text, i["end_line"], i["end_column"]),
                           i["code"]) for i in json.loads(result.stdout))
        assert reported == expected


# ---- fixing ----

def _traced_fix(text: str, path: str, unsafe: bool) -> tuple[str, list[tuple[str, Document, Violation]]]:
    """fix_text, pass by pass, checking each pass against an independent splice."""
    rules = RULESET.for_path(path)
    applied_all: list[tuple[str, Document, Violation]] = []
    for _ in range(MAX_FIX_PASSES):
        doc = make_document(text, path, RULESET.config)
        violations = check_document(doc, rules, RULESET)
        allowed = [v for v in violations if v.fix and (unsafe or v.fix.safe)]
        if not allowed:
            break
        new_text, applied = apply_fixes(text, allowed)
        edits = sorted((e for v in applied for e in v.fix.edits), key=lambda e: (e.start, e.end))
        for before, after in itertools.pairwise(edits):
            assert before.end <= after.start and not (before.start == before.end == after.start == after.end)
        for edit in edits:
            assert not any(span.overlaps(edit.start, edit.end) for span in doc.ignored), f"{edit} touches non-prose"
        assert new_text == _apply_right_to_left(text, edits), "text changed outside the reported edits"
        assert all(any(v is a for a in allowed) for v in applied)
        applied_all += [(text, doc, v) for v in applied]
        if new_text == text:
            break
        text = new_text
    return text, applied_all


@profile(60)
@given(texts(), PATHS, st.booleans())
def test_fixing_changes_only_the_reported_edits(text, path, unsafe):
    traced, _ = _traced_fix(text, path, unsafe)
    assert fix_text(text, RULESET, path, unsafe=unsafe).text == traced


@profile(60)
@given(texts(), PATHS, st.booleans())
def test_fixing_is_idempotent_and_converges(text, path, unsafe):
    once = fix_text(text, RULESET, path, unsafe=unsafe).text  # raises FixesDidNotConverge past the cap
    assert fix_text(once, RULESET, path, unsafe=unsafe).text == once


def _first_text_that_depends_on_earlier_ones(texts_, build, path, unsafe):
    """The first of `texts_` whose findings or fixes differ between a rule set that checked
    the texts before it and a rule set `build` makes fresh for it; None if there is none."""
    seasoned = build()
    for text in texts_:
        fresh = build()
        if (lint_text(text, seasoned, path) != lint_text(text, fresh, path)
                or fix_text(text, seasoned, path, unsafe=unsafe) != fix_text(text, fresh, path, unsafe=unsafe)):
            return text
    return None


@profile(30)
@given(articles(), st.data(), PATHS, st.booleans())
def test_results_do_not_depend_on_the_texts_checked_before(article, data, path, unsafe):
    """Rules remember what they met (verdicts on words and on lines): a text's findings and
    fixes are the same after any other text as in a rule set that has seen nothing. A rule
    set shares no state with another (see the two tests below), so the fresh one is fresh."""
    lines = article.split("\n")
    kept = data.draw(st.lists(st.booleans(), min_size=len(lines), max_size=len(lines)))
    variant = "\n".join(line for line, keep in zip(lines, kept) if keep)
    texts_ = [article, variant, data.draw(articles()), variant + "\nRead more: the talks\n"]
    build = functools.partial(build_ruleset, Config(select=CODES))
    assert _first_text_that_depends_on_earlier_ones(texts_, build, path, unsafe) is None


class _Remembers(Rule):
    """A rule that wrongly carries a verdict from one text to the next."""

    code = "NL999"
    name = "remembers"

    def __init__(self, settings=None) -> None:
        super().__init__(settings)
        self._seen: set[str] = set()

    def check(self, doc):
        words = set(doc.text.split())
        found = [self.violation(0, 1, "a word met before") for _ in words & self._seen][:1]
        self._seen |= words
        return found


def test_the_comparison_catches_a_rule_that_remembers_earlier_texts():
    def build():
        ruleset = build_ruleset(Config(select=("NL301",)))
        return dataclasses.replace(ruleset, rules=(*ruleset.rules, _Remembers()))

    texts_ = ["Talks went on.\n", "Talks ended.\n"]
    assert _first_text_that_depends_on_earlier_ones(texts_, build, "article.txt", False) == "Talks ended.\n"


_IMMUTABLE = (str, bytes, int, float, bool, tuple, frozenset, type(None))


def test_two_rule_sets_share_no_mutable_state():
    """What a rule keeps between texts belongs to the rule instance: a rule set built twice
    from one config holds no mutable object in common (module-level word tables are static)."""
    first, second = build_ruleset(Config(select=CODES)), build_ruleset(Config(select=CODES))
    for a, b in zip(first.rules, second.rules):
        shared = [name for name, value in vars(a).items()
                  if vars(b).get(name) is value and not isinstance(value, _IMMUTABLE)]
        assert not shared, f"{a.code} shares {shared} between rule sets"


LONG_RUNS = [
    pytest.param("The vote was delayed again. " * 1500, id="sentence-x1500-on-a-line"),
    pytest.param("The vote was delayed again.\n" * 1500, id="line-x1500"),
    pytest.param("The vote was delayed again.\n\n" * 1500, id="paragraph-x1500"),
    pytest.param("Source link\n\n" * 1500, id="boilerplate-x1500"),
    pytest.param("Fish &" + "amp;" * 12 + " chips\n", id="entity-escaped-12-times"),
    pytest.param("caf" + "é".encode().decode("latin-1").encode().decode("latin-1") + " au lait\n",
                 id="mojibake-twice"),
    pytest.param("word" + " ," * 1500 + "\n", id="spaces-before-commas"),
    pytest.param("a" + "\u200b" * 5000 + "b\n", id="zero-width-run"),
    pytest.param("theteamwonthegame " * 1000, id="merged-words-x1000"),
]


@pytest.mark.parametrize("text", LONG_RUNS)
def test_long_runs_of_one_artifact_settle_within_the_pass_limit(text):
    """Hypothesis draws short texts; these are the long repetitive ones scrapers also make."""
    once = fix_text(text, RULESET, "a.txt", unsafe=True).text  # FixesDidNotConverge past the cap
    assert fix_text(once, RULESET, "a.txt", unsafe=True).text == once


def _skeleton(text: str) -> str:
    """The letters, digits and marks of `text`, in order."""
    return "".join(c for c in text if unicodedata.category(c)[0] in "LNM")


def _line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    first = text.rfind("\n", 0, start) + 1
    last = text.find("\n", end)
    return first, len(text) if last == -1 else last


def _removes_artifact(text: str, v: Violation, edit: Edit) -> bool:
    """(a): whitespace replaces an exact violation span or whole lines of the violation."""
    if edit.text.strip():
        return False
    start, end = edit.start, edit.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        return True
    lo, hi = _line_bounds(text, v.start, v.end)
    line_start = text[_line_bounds(text, start, start)[0] : start].strip() == ""
    line_end = text[end : _line_bounds(text, end, end)[1]].strip() == ""
    return lo <= start and end <= hi and (start == v.start or line_start) and (end == v.end or line_end)


def _repairs_encoding(old: str, new: str) -> bool:
    """(c): `new` is `old` decoded again, unescaped or normalised (compared by skeleton)."""
    target = _skeleton(new)
    candidates = [html.unescape(old), ftfy.fix_encoding(old), ftfy.fix_text(old),
                  unicodedata.normalize("NFC", old), unicodedata.normalize("NFKC", old)]
    for codec in ("sloppy-windows-1252", "latin-1"):
        try:
            candidates.append(old.encode(codec).decode("utf-8"))
        except UnicodeError:
            pass
    return any(_skeleton(c) == target for c in candidates)


def _repairs_encoding_in_line(text: str, edit: Edit) -> bool:
    """(c) with context: a full repair of the edit's line reads the same with or without the edit."""
    first, last = _line_bounds(text, edit.start, edit.end)
    old_line = text[first:last]
    new_line = text[first : edit.start] + edit.text + text[edit.end : last]
    repairs = (ftfy.fix_text, lambda s: ftfy.fix_text(html.unescape(s)))
    return any(_skeleton(repair(old_line)) == _skeleton(repair(new_line)) for repair in repairs)


def _safe_edit_is_allowed(text: str, v: Violation, edit: Edit) -> bool:
    old = text[edit.start : edit.end]
    return (_removes_artifact(text, v, edit) or _skeleton(old) == _skeleton(edit.text)
            or _repairs_encoding(old, edit.text) or _repairs_encoding_in_line(text, edit))


@profile(80)
@given(texts(), PATHS)
def test_safe_fixes_never_delete_letters_of_article_words(text, path):
    _, applied = _traced_fix(text, path, unsafe=False)
    for before, _doc, v in applied:
        assert v.fix.safe
        for edit in v.fix.edits:
            assert _safe_edit_is_allowed(before, v, edit), (
                f"{v.code} safe edit {edit} replaces {before[edit.start:edit.end]!r} for {v.message!r}")


# ---- files: line endings, BOM, final newline ----

def _run_on_files(variants: dict[str, bytes], *args: str) -> tuple[dict[str, bytes], dict[str, list]]:
    """Each variant's bytes after `newslint check ARGS`, and its findings without the path."""
    with tempfile.TemporaryDirectory() as tmp:
        paths = {}
        for name, data in variants.items():
            paths[name] = Path(tmp) / f"{name}.txt"
            paths[name].write_bytes(data)
        result = run_cli("check", "--isolated", "--select", ",".join(CODES), "--format", "json", *args,
                         *map(str, paths.values()))
        assert result.exit_code in (0, 1), result.stderr
        findings: dict[str, list] = {name: [] for name in variants}
        for item in json.loads(result.stdout):
            findings[Path(item.pop("path")).stem].append(item)
        return {name: path.read_bytes() for name, path in paths.items()}, findings


def _files_after_fix(variants: dict[str, bytes]) -> dict[str, bytes]:
    return _run_on_files(variants, "--fix", "--unsafe-fixes")[0]


@profile(25)
@given(texts(200))
def test_crlf_output_is_lf_output_with_crlf_and_bom_is_kept(text):
    text = text.replace("\r", "")  # lone CRs would make a "mixed" file, read as it is
    assume("\x00" not in text and not text.startswith("\ufeff"))  # a leading U+FEFF is read as a BOM
    lf = text.encode("utf-8")
    variants = {"lf": lf, "crlf": lf.replace(b"\n", b"\r\n"), "bom": b"\xef\xbb\xbf" + lf.replace(b"\n", b"\r\n")}
    _, findings = _run_on_files(variants)
    assert findings["crlf"] == findings["lf"] and findings["bom"] == findings["lf"]
    out = _files_after_fix(variants)
    assert out["crlf"] == out["lf"].replace(b"\n", b"\r\n")
    assert out["bom"] == b"\xef\xbb\xbf" + out["crlf"]


@profile(25)
@given(texts(200))
def test_final_newline_presence_is_kept(text):
    assume("\x00" not in text)
    bare = text.rstrip("\n")
    assume(bare and not bare.endswith("\r"))
    out = _files_after_fix({"with": (bare + "\n").encode("utf-8"), "without": bare.encode("utf-8")})
    assert not out["without"].endswith(b"\n")
    assert out["with"].endswith(b"\n") or out["with"] == b""


# ---- parallel runs ----

@profile(3)
@given(st.lists(articles(), min_size=40, max_size=60), st.booleans())
def test_parallel_run_equals_serial_run(texts_, fix):
    outputs = []
    for jobs in ("1", "2"):
        with tempfile.TemporaryDirectory() as tmp:
            for i, text in enumerate(texts_):
                (Path(tmp) / f"{i:03d}.txt").write_bytes(text.encode("utf-8"))
            args = ["check", "--isolated", "--format", "json", "--jobs", jobs, tmp]
            result = run_cli(*args, *(["--fix"] if fix else []))
            assert result.exit_code in (0, 1), result.stderr
            files = [p.read_bytes() for p in sorted(Path(tmp).iterdir())]
            findings = [{**item, "path": Path(item["path"]).name} for item in json.loads(result.stdout)]
            outputs.append((files, findings))
    assert outputs[0] == outputs[1]


# ---- the grammar rule, in process, when its offline backend is installed ----

@pytest.fixture(scope="module")
def harper_ruleset():
    pytest.importorskip("harper", reason="harper-py is not installed")
    ruleset = build_ruleset(_harper_config())
    yield ruleset
    ruleset.close()


@profile(15)
@given(text=st.one_of(articles(), unicode_text(200)))
def test_grammar_rule_in_process(harper_ruleset, text):
    for v in lint_text(text, harper_ruleset, "a.txt"):
        assert 0 <= v.start <= v.end <= len(text)
    once = fix_text(text, harper_ruleset, "a.txt", unsafe=True).text
    assert fix_text(once, harper_ruleset, "a.txt", unsafe=True).text == once


def _harper_config() -> Config:
    codes = tuple(c for c, info in all_rules().items() if info.package == "newslint")
    grammar = [c for c, info in all_rules().items() if info.cls.needs_setup]
    return Config(select=codes, rules={c: {"backend": "harper"} for c in grammar})


@profile(6)
@given(st.lists(st.one_of(articles(), unicode_text(100)), min_size=2, max_size=6))
def test_batched_outside_calls_equal_one_by_one(harper_ruleset, texts_):
    """Rules that send a batch of documents ahead (`prepare`) find what they find one at a time."""
    config = _harper_config()
    results = []
    for batched in (True, False):
        ruleset = build_ruleset(config)
        try:
            if batched:
                docs = [make_document(t, f"{i}.txt", config) for i, t in enumerate(texts_)]
                for rule in ruleset.rules:
                    rule.prepare(docs)
            results.append([lint_text(t, ruleset, f"{i}.txt") for i, t in enumerate(texts_)])
        finally:
            ruleset.close()
    assert results[0] == results[1]
