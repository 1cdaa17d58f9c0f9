"""Memos shared between the processes of a run (`Rule.memo_delta` / `Rule.memo_merge`): what one rule
set learnt, taken by another, changes no finding and no fixed text, spares the work, and is not sent back."""
from __future__ import annotations

import pickle
from pathlib import Path

from newslint import build_ruleset
from newslint.engine import fix_text, lint_text
from newslint.rules._lines import LineRule
from newslint.rules.merged_words import MergedWords

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _texts() -> list[str]:
    paths = sorted(FIXTURES.glob("*/*.txt"))
    return [p.read_text(encoding="utf-8") for p in paths if not p.name.endswith(".fixed.txt")]


def _passed(delta):  # as it crosses processes
    return pickle.loads(pickle.dumps(delta, protocol=pickle.HIGHEST_PROTOCOL))


def _line_rules(ruleset):
    return [r for r in ruleset.rules if isinstance(r, LineRule)]


def _merged_words(ruleset) -> MergedWords:
    return next(r for r in ruleset.rules if isinstance(r, MergedWords))


def test_rule_sets_that_take_each_others_memos_find_and_fix_what_a_fresh_one_does():
    texts = _texts()
    assert len(texts) > 100
    first, second = build_ruleset(), build_ruleset()
    for text in texts[0::2]:
        lint_text(text, first)
    for text in texts[1::2]:
        lint_text(text, second)
    from_first, from_second = _passed(first.memo_delta()), _passed(second.memo_delta())
    assert {first.rules[i].code for i, _ in from_first} >= {"NL101", "NL201", "NL301"}
    first.memo_merge(from_second)
    second.memo_merge(from_first)
    # Each now holds the verdicts of one that checked every text, the other's texts too.
    whole = build_ruleset()
    for text in texts:
        lint_text(text, whole)
    for ruleset in (first, second):
        memories = [r._memory for r in _line_rules(ruleset)]
        assert len({id(m.token) for m in memories}) == 1  # the line rules still share one token
        for memory, all_of_them in zip(memories, (r._memory for r in _line_rules(whole))):
            assert (memory.known, memory.flagged) == (all_of_them.known, all_of_them.flagged)
        assert _merged_words(ruleset)._memory.verdicts.clean == _merged_words(whole)._memory.verdicts.clean
    # ...and what they find and fix is what a fresh rule set finds and fixes.
    for text in texts:
        fresh = build_ruleset()
        expected = lint_text(text, fresh), fix_text(text, fresh, unsafe=True)
        for ruleset in (first, second):
            assert (lint_text(text, ruleset), fix_text(text, ruleset, unsafe=True)) == expected


def test_what_arrived_is_not_sent_back_and_a_delta_holds_only_what_is_new():
    texts = _texts()
    first, second = build_ruleset(), build_ruleset()
    for text in texts[:40]:
        lint_text(text, first)
    lint_text(texts[0], second)
    second.memo_delta()
    second.memo_merge(_passed(first.memo_delta()))
    assert first.memo_delta() == () and second.memo_delta() == ()
    lint_text(texts[0], second)  # nothing new to it
    assert second.memo_delta() == ()
    lint_text("A line that no text before it held, for once.\n\nThe councilapproved it.\n", second)
    codes = {second.rules[i].code for i, _ in second.memo_delta()}
    assert "NL101" in codes and {r.code for r in _line_rules(second)} <= codes


def test_merged_chunk_verdicts_spare_judging_the_chunks_again(monkeypatch):
    from newslint.rules.merged_words import text as merged_text

    texts = _texts()
    first, second = build_ruleset(), build_ruleset()
    for text in texts:
        lint_text(text, first)
    lint_text(texts[0], second)
    second.memo_merge(_passed(first.memo_delta()))
    judged = []
    real = merged_text.chunk_runs
    monkeypatch.setattr(merged_text, "chunk_runs", lambda *args: judged.append(args[0]) or real(*args))
    for text in texts:
        lint_text(text, second)
    assert judged == []


def test_the_kept_default_rule_set_finds_and_fixes_what_a_fresh_one_does():
    """`newslint.lint` / `newslint.fix` without a config keep one rule set per thread, memos and
    all: after the other texts, each text still gets what a rule set made for it alone gives."""
    import threading

    import newslint

    texts = _texts()[:60]
    for text in texts:
        newslint.lint(text)
    kept = newslint._default_ruleset()
    assert kept is not None and newslint._default_ruleset() is kept
    for text in reversed(texts):
        fresh = build_ruleset()
        assert newslint.lint(text) == lint_text(text, fresh)
        assert newslint.fix(text, unsafe=True) == fix_text(text, build_ruleset(), unsafe=True).text
    other: list[object] = []
    thread = threading.Thread(target=lambda: other.append(newslint._default_ruleset()))
    thread.start()
    thread.join()
    assert other[0] is not None and other[0] is not kept  # memos are not locked: one set a thread
