"""Line rules keep their verdicts on lines met before: the findings must not depend on it."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newslint.document import Document
from newslint.registry import all_rules
from newslint.rules import _lines
from newslint.rules._lines import LineRule
from tests.strategies import articles, artifact_lines, paragraphs, profile

LINE_RULES = tuple(info.cls for info in all_rules().values()
                   if info.package == "newslint" and issubclass(info.cls, LineRule))
# Options exercise every kind of verdict: user phrases, openings and patterns.
OPTIONS = {"extend-phrases": ["Print this page"], "extend-prefixes": ["Story continues"],
           "extend-patterns": [r"\d+ photos?\b"]}
OPTIONS_LINES = ("Print this page", "Story continues below", "12 photos", "  Print this page  \r")


def _rewritten(draw, text: str) -> str:
    """`text` with a few lines dropped, replaced or added, the rest as it was."""
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(lines)))
        action = draw(st.sampled_from(("drop", "replace", "add", "join")))
        if action == "drop" and at < len(lines):
            del lines[at]
        elif action == "replace" and at < len(lines):
            lines[at] = draw(st.one_of(artifact_lines(), paragraphs()))
        elif action == "join" and at + 1 < len(lines):
            lines[at : at + 2] = [lines[at] + " " + lines[at + 1]]
        else:
            lines.insert(at, draw(st.one_of(artifact_lines(), paragraphs(), st.sampled_from(OPTIONS_LINES))))
    return "\n".join(lines)


@profile(60)
@given(articles(), st.data(), st.booleans())
def test_findings_do_not_depend_on_the_text_checked_before(before, data, with_options):
    after = _rewritten(data.draw, before)
    settings = OPTIONS if with_options else None
    for cls in LINE_RULES:
        warm = cls(settings)
        warm.check(Document(before))
        cold = cls(settings)
        assert warm.check(Document(after)) == cold.check(Document(after)), cls.code


def test_only_new_lines_are_judged_again(monkeypatch):
    before = Document("Russia said on Tuesday that talks would go on.\n\nSource link\n\nMore talks are planned.\n")
    after = Document("Russia said on Tuesday that talks would go on.\n\nRead more: talks to resume\n\n"
                     "Source link\n\nMore talks are planned.\n")
    rule = next(cls for cls in LINE_RULES if cls.code == "NL302")()
    rule.check(before)
    judged = []
    real_judge = LineRule._judge

    def judge(self, doc, index):
        judged.append(doc.text)
        return real_judge(self, doc, index)

    monkeypatch.setattr(LineRule, "_judge", judge)
    found = rule.check(after)
    assert judged == ["Read more: talks to resume"]
    assert [after.text[v.start : v.end] for v in found] == ["Read more: talks to resume"]
    # A text that is mostly new is judged whole.
    other = Document("Another story.\n\nRead more: elsewhere\n")
    judged.clear()
    rule.check(other)
    assert judged == [other.text]


def _record_judged(monkeypatch) -> list[str]:
    """The texts line rules judge from now on (a document, or the lines new to them)."""
    judged: list[str] = []
    real_judge = LineRule._judge

    def judge(self, doc, index):
        judged.append(doc.text)
        return real_judge(self, doc, index)

    monkeypatch.setattr(LineRule, "_judge", judge)
    return judged


def test_a_line_repeated_in_the_text_keeps_its_verdict_everywhere(monkeypatch):
    rule = next(cls for cls in LINE_RULES if cls.code == "NL301")()
    first = Document("Talks went on.\n\nSource link\n\nThey ended late.\n\nSource link\n")
    rule.check(first)
    second = Document(first.text + "\nSource link\n")
    judged = _record_judged(monkeypatch)
    found = rule.check(second)
    assert judged == []  # nothing new to judge
    assert [second.position(v.start).line for v in found] == [3, 7, 9]


def test_lines_met_in_any_earlier_document_are_not_judged_again(monkeypatch):
    rule = next(cls for cls in LINE_RULES if cls.code == "NL301")()
    page = "Talks went on.\n\nSource link\n\nThey ended late.\n"
    rule.check(Document(page))
    rule.check(Document("A different story altogether.\n\nIt has nothing in common.\n"))
    judged = _record_judged(monkeypatch)
    again = Document(page + "\nLeave a Reply\n")
    found = rule.check(again)
    assert judged == ["Leave a Reply"]  # the page's own lines were judged two documents back
    assert [again.text[v.start : v.end] for v in found] == ["Source link", "Leave a Reply"]


def test_a_full_memory_starts_afresh_and_changes_no_finding(monkeypatch):
    monkeypatch.setattr(_lines, "MEMORY_LIMIT", 3)
    texts = ["Talks went on.\n\nSource link\n", "Leave a Reply\n\nThey ended late.\n\nSource link\n",
             "Another story.\n\nPrint this page\n\nLeave a Reply\n", "Talks went on.\n\nSource link\n"]
    warm = next(cls for cls in LINE_RULES if cls.code == "NL301")()
    for text in texts:
        fresh = next(cls for cls in LINE_RULES if cls.code == "NL301")()
        assert warm.check(Document(text)) == fresh.check(Document(text))
    assert len(warm._memory.known) <= 3 + len(set(texts[-1].split("\n")))


def test_line_rules_that_met_the_same_documents_share_one_set_of_known_lines():
    rules = [cls() for cls in LINE_RULES[:3]]
    for text in ("Talks went on.\n\nSource link\n", "Leave a Reply\n\nTalks went on.\n"):
        doc = Document(text)
        for rule in rules:
            rule.check(doc)
    known = rules[0]._memory.known
    assert known == {"Talks went on.", "", "Source link", "Leave a Reply"}
    assert all(rule._memory.known is known for rule in rules)


def test_a_line_rule_that_skipped_a_document_judges_its_lines_afresh(monkeypatch):
    """The rules that checked a document took the set of known lines further; one that did
    not check it (its rule ignored for that file) must not take the set for its own."""
    checked, skipped = (next(cls for cls in LINE_RULES if cls.code == "NL301")() for _ in range(2))
    page = Document("Talks went on.\n\nSource link\n")
    for rule in (checked, skipped):
        rule.check(page)
    assert skipped._memory.known is checked._memory.known
    checked.check(Document("Leave a Reply\n\nThey ended late.\n"))  # `skipped` never sees it
    judged = _record_judged(monkeypatch)
    later = Document("Leave a Reply\n\nSource link\n")
    found = skipped.check(later)
    assert judged == [later.text]  # every line of it new again: the document is judged whole
    assert [later.text[v.start : v.end] for v in found] == ["Leave a Reply", "Source link"]
    assert found == next(cls for cls in LINE_RULES if cls.code == "NL301")().check(later)
