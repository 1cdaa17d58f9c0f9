"""Fix application: overlaps, order, convergence and idempotence."""
from __future__ import annotations

from collections.abc import Iterator, Sequence

import pytest

from newslint.config import Config
from newslint.document import Document
from newslint.engine import RuleSet, fix_text, lint_text
from newslint.errors import FixesDidNotConverge, RuleCrashed
from newslint.fixes import apply_fixes
from newslint.model import Edit, Fix, Violation
from newslint.rule import Rule


def _v(start: int, end: int, text: str = "", code: str = "T001") -> Violation:
    return Violation(code, "t", "m", start, end, Fix((Edit(start, end, text),)))


def test_overlapping_fix_is_left_for_the_next_pass():
    text = "abcdef"
    new, applied = apply_fixes(text, [_v(1, 3, "X"), _v(2, 4, "Y"), _v(4, 5, "Z")])
    assert new == "aXdZf"
    assert [v.fix.edits[0].text for v in applied] == ["X", "Z"]


def test_touching_edits_both_apply():
    new, applied = apply_fixes("abcdef", [_v(0, 2), _v(2, 4)])
    assert new == "ef" and len(applied) == 2


def test_two_insertions_at_one_point_do_not_both_apply():
    new, applied = apply_fixes("ab", [_v(1, 1, "X"), _v(1, 1, "Y")])
    assert new in ("aXb", "aYb") and len(applied) == 1


def test_a_deletion_to_the_end_goes_before_the_line_deletion_that_shares_its_line_feed():
    text = "Body.\nURL:\nComments\nfirst comment"
    line = _v(6, 11, code="T001")  # `URL:` and its line feed
    tail = _v(10, len(text), code="T002")  # from the line feed before `Comments` to the end
    inside = _v(11, 20, code="T001")  # `Comments` and its line feed, inside the tail
    new, applied = apply_fixes(text, [line, tail, inside])
    assert new == "Body.\nURL:" and applied == [tail]
    again, _ = apply_fixes(new, [_v(5, len(new))])  # the line left waits for the next pass
    assert again == "Body."


def test_a_deletion_of_every_line_goes_before_the_line_deletion_it_starts_with():
    text = "12:05 pm\nJane says:\nHi.\n"  # the text's final line feed is not part of its lines
    line = _v(0, 9, code="T001")  # the first line and its line feed
    whole = _v(0, len(text) - 1, code="T002")  # every line, up to the final line feed
    new, applied = apply_fixes(text, [line, whole])
    assert new == "\n" and applied == [whole]


def test_fixes_before_a_deletion_to_the_end_still_apply():
    text = "ab\ncd\nef"
    new, applied = apply_fixes(text, [_v(0, 1, "A"), _v(5, len(text))])
    assert new == "Ab\ncd" and len(applied) == 2


def test_fix_rejects_overlapping_edits():
    with pytest.raises(ValueError):
        Fix((Edit(0, 3), Edit(2, 4)))


def test_edit_rejects_reversed_range():
    with pytest.raises(ValueError):
        Edit(3, 1)


class _Doubler(Rule):
    """T901 doubler: never settles (test only)."""

    code = "TST901"
    name = "doubler"
    fixable = True

    def check(self, doc: Document) -> Iterator[Violation]:
        yield self.violation(0, 1, "grow", Fix.insert(0, "x"))


class _Crasher(Rule):
    """T902 crasher: raises (test only)."""

    code = "TST902"
    name = "crasher"

    def check(self, doc: Document) -> Iterator[Violation]:
        raise ZeroDivisionError("boom")


class _Squeezer(Rule):
    """T903 squeezer: collapses double spaces, one pair a fix (test only)."""

    code = "TST903"
    name = "squeezer"
    fixable = True

    def check(self, doc: Document) -> Iterator[Violation]:
        pos = doc.text.find("  ")
        while pos != -1:
            yield self.violation(pos, pos + 2, "double space", Fix.replace(pos, pos + 2, " "))
            pos = doc.text.find("  ", pos + 2)


def _ruleset(*rules: Rule) -> RuleSet:
    return RuleSet(tuple(rules), Config(), {})


def test_fix_that_never_settles_is_an_error():
    with pytest.raises(FixesDidNotConverge, match="TST901"):
        fix_text("abc", _ruleset(_Doubler()), "a.txt")


def test_crashing_rule_names_rule_and_file():
    with pytest.raises(RuleCrashed, match=r"a\.txt: rule TST902 crashed: ZeroDivisionError: boom"):
        fix_text("abc", _ruleset(_Crasher()), "a.txt")


def test_fixing_repeats_until_settled_and_is_idempotent():
    result = fix_text("a      b", _ruleset(_Squeezer()))
    assert result.text == "a b"
    assert fix_text(result.text, _ruleset(_Squeezer())).text == "a b"
    assert result.remaining == ()




class _Counter(Rule):
    """T904 counter: reports every 'x', never fixes, counts its checks (test only)."""

    code = "TST904"
    name = "counter"

    def __init__(self) -> None:
        super().__init__()
        self.checked: list[str] = []

    def check(self, doc: Document) -> Iterator[Violation]:
        self.checked.append(doc.text)
        pos = doc.text.find("x")
        while pos != -1:
            yield self.violation(pos, pos + 1, "an x")
            pos = doc.text.find("x", pos + 1)


class _SilentSqueezer(_Squeezer):
    """T905 squeezer that says it never fixes, yet offers fixes (test only)."""

    code = "TST905"
    name = "silent-squeezer"
    fixable = False


class _Deferring(Rule):
    """T906 second opinion: deletes every 'x', yields to other rules' findings (test only)."""

    code = "TST906"
    name = "deferring"
    fixable = True

    def settle(self, own: Sequence[Violation], others: Sequence[Violation]) -> list[Violation]:
        return [v for v in own if not any(o.start < v.end and v.start < o.end for o in others)]

    def check(self, doc: Document) -> Iterator[Violation]:
        pos = doc.text.find("x")
        while pos != -1:
            yield self.violation(pos, pos + 1, "delete x", Fix.replace(pos, pos + 1, ""))
            pos = doc.text.find("x", pos + 1)


class _Pairs(Rule):
    """T907 pairs: 'xx' becomes 'X' (test only)."""

    code = "TST907"
    name = "pairs"
    fixable = True

    def check(self, doc: Document) -> Iterator[Violation]:
        pos = doc.text.find("xx")
        if pos != -1:
            yield self.violation(pos, pos + 2, "xx", Fix.replace(pos, pos + 2, "X"))


def test_a_rule_that_never_fixes_runs_once_on_the_settled_text():
    counter = _Counter()
    result = fix_text("x      x", _ruleset(_Squeezer(), counter))
    assert result.text == "x x"
    assert counter.checked == ["x x"]  # not on the text of each pass
    assert [(v.code, v.start) for v in result.remaining] == [("TST904", 0), ("TST904", 2)]


@pytest.mark.parametrize("fix", [True, False])
def test_a_rule_that_says_it_never_fixes_but_offers_a_fix_is_a_rule_error(fix):
    run = fix_text if fix else lint_text
    expected = r"^a\.txt: rule TST905 offered a fix but declares `fixable = False`: a report-only rule runs once"
    with pytest.raises(RuleCrashed, match=expected):
        run("x      x", _ruleset(_Counter(), _SilentSqueezer()), "a.txt")


def test_a_second_opinion_yields_to_the_fixing_rules_while_fixing_and_to_every_rule_in_the_report():
    deferring = _Deferring()
    # The pair rule's finding covers both x: the second opinion leaves them to it.
    assert fix_text("axxb", _ruleset(deferring, _Pairs())).text == "aXb"
    assert fix_text("axxb", _ruleset(deferring)).text == "ab"
    # A report-only rule runs once, on the settled text: the second opinion still fixes what it
    # flags, and is silent beside it in the report.
    result = fix_text("axb", _ruleset(deferring, _Counter()))
    assert result.text == "ab" and [v.code for v in result.fixed] == ["TST906"]
    report = lint_text("axb", _ruleset(deferring, _Counter()))
    assert [v.code for v in report] == ["TST904"]
