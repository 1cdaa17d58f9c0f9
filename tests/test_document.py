"""Document geometry: positions, lines, paragraphs and whole-line deletions."""
from __future__ import annotations

import pytest

from newslint.document import Document
from newslint.fixes import splice


def test_positions_are_one_based_code_points():
    doc = Document("ab\nc\u00e9d\n\nend")
    assert doc.position(0).line == 1 and doc.position(0).column == 1
    assert (doc.position(5).line, doc.position(5).column) == (2, 3)
    assert (doc.position(len(doc.text)).line, doc.position(len(doc.text)).column) == (4, 4)


def test_lines_exclude_carriage_returns():
    doc = Document("one\r\ntwo\r\n")
    assert [doc.slice(s) for s in doc.lines] == ["one", "two", ""]


def test_paragraphs_split_on_blank_lines():
    doc = Document("First para\nstill first.\n\n  \nSecond.\n")
    assert [doc.slice(p) for p in doc.paragraphs] == ["First para\nstill first.", "Second."]


def test_sentences_split_inside_lines():
    doc = Document("He left. She stayed! Why?\nNext line")
    assert [doc.slice(s) for s in doc.sentences] == ["He left.", "She stayed!", "Why?", "Next line"]


def _delete(text: str, line: int) -> str:
    return splice(text, [Document(text).delete_lines(line)])


@pytest.mark.parametrize(
    ("text", "line", "expected"),
    [
        ("A\n\nX\n\nB\n", 2, "A\n\nB\n"),  # middle paragraph: one blank gap stays
        ("A\nX\nB\n", 1, "A\nB\n"),  # no blank lines around
        ("A\nX\n\nB", 1, "A\n\nB"),  # the larger gap is kept
        ("X\n\nA\n", 0, "A\n"),  # first line: no leading blank left
        ("A\n\nX", 2, "A"),  # last line without final newline: none added
        ("A\n\nX\n", 2, "A\n"),  # last line with final newline: kept
        ("A\n\nX\n\n", 2, "A\n\n"),  # trailing blank lines are not ours to remove
        ("X", 0, ""),
    ],
)
def test_delete_lines_leaves_no_blank_run(text, line, expected):
    assert _delete(text, line) == expected


def test_delete_several_lines():
    text = "A\n\nX\nY\n\nB\n"
    assert splice(text, [Document(text).delete_lines(2, 3)]) == "A\n\nB\n"


def test_english_detection():
    assert Document("The minister said that the talks were over and the deal was off for now.").is_english
    assert not Document("O ministro disse que as negociações terminaram e que o acordo não foi fechado.").is_english


def test_shared_analysis_is_built_once_per_document_and_never_seen_by_another():
    calls = []

    def words(doc: Document) -> list[str]:
        calls.append(doc)
        return doc.text.split()

    first, second = Document("Talks went on."), Document("Talks went on.")
    assert first.shared(words) is first.shared(words)  # one build, one object, for every rule
    assert second.shared(words) == first.shared(words) and second.shared(words) is not first.shared(words)
    assert calls == [first, second]
