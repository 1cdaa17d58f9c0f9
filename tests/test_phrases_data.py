"""The phrase lists of the line rules (NL2xx, NL3xx) are well-formed and do what they say."""
from __future__ import annotations

from collections import Counter
from importlib import resources

import pytest
import regex

from newslint.config import Config
from newslint.engine import build_ruleset, lint_text
from newslint.registry import all_rules
from newslint.rules._lines import HEAD, LineRule, squeeze
from newslint.rules._phrases import load_phrases, phrase_key, prefix_regex

LINE_RULES = sorted(
    (info.cls for info in all_rules().values()
     if issubclass(info.cls, LineRule) and info.package == "newslint"),
    key=lambda cls: cls.code,
)
WHOLE_LINE_FILES = sorted({(name, cls.code) for cls in LINE_RULES for name in cls.phrase_files})
OPENING_FILES = sorted({(name, cls.code) for cls in LINE_RULES for name in cls.prefix_files})
ALL_FILES = sorted({name for name, _ in WHOLE_LINE_FILES + OPENING_FILES} | {"photo_agencies"})


def raw_lines(name: str) -> list[str]:
    data = resources.files("newslint.rules").joinpath("data", f"{name}.txt")
    return data.read_text(encoding="utf-8").splitlines()


def codes_on_line(text: str, code: str, line: int) -> list[str]:
    """Codes of the findings of rule `code` that start on 0-based `line` of `text`."""
    found = lint_text(text, build_ruleset(Config(select=(code,))))
    starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"] + [len(text) + 1]
    return [v.code for v in found if starts[line] <= v.start < starts[line + 1]]


def test_every_line_rule_has_data_or_shapes():
    assert LINE_RULES, "no line rules found"
    for cls in LINE_RULES:
        assert cls.phrase_files or cls.prefix_files or cls.openings or cls.insides, cls.code


@pytest.mark.parametrize("name", ALL_FILES)
def test_file_is_tidy(name):
    lines = raw_lines(name)
    assert lines and lines[0].startswith("#"), f"{name}.txt should open with a comment"
    for number, line in enumerate(lines, 1):
        assert line == line.strip(), f"{name}.txt:{number}: leading or trailing space"
        assert "\t" not in line, f"{name}.txt:{number}: tab"


@pytest.mark.parametrize(("name", "code"), WHOLE_LINE_FILES)
def test_whole_line_phrases_are_distinct(name, code):
    keys = Counter(phrase_key(p) for p in load_phrases(name))
    assert all(keys), f"{name}.txt has a phrase that is only punctuation"
    repeated = [k for k, n in keys.items() if n > 1]
    assert not repeated, f"{name}.txt repeats {repeated} (up to case, spaces, punctuation)"


@pytest.mark.parametrize(("name", "code"), OPENING_FILES)
def test_openings_are_distinct_and_compile(name, code):
    phrases = load_phrases(name)
    squeezed = Counter(squeeze(p) for p in phrases)
    repeated = [s for s, n in squeezed.items() if n > 1]
    assert not repeated, f"{name}.txt repeats {repeated} (up to case and spaces)"
    for phrase in phrases:
        assert len(squeeze(phrase)) >= HEAD, f"{name}.txt: {phrase!r} is too short an opening"
        assert regex.compile(prefix_regex(phrase), regex.I).match(phrase), f"{name}.txt: {phrase!r}"


def test_no_whole_line_phrase_belongs_to_two_rules():
    owners: dict[str, str] = {}
    for name, code in WHOLE_LINE_FILES:
        for phrase in load_phrases(name):
            owner = owners.setdefault(phrase_key(phrase), code)
            assert owner == code, f"{phrase!r} is listed for both {owner} and {code}"


@pytest.mark.parametrize(("name", "code"), WHOLE_LINE_FILES)
def test_each_whole_line_phrase_is_found_on_a_line_of_its_own(name, code):
    for phrase in load_phrases(name):
        text = f"The council met on Monday.\n\n{phrase}\n\nIt will meet again in May.\n"
        assert codes_on_line(text, code, 2) == [code], f"{code} misses {phrase!r} ({name}.txt)"


@pytest.mark.parametrize(("name", "code"), OPENING_FILES)
def test_each_opening_is_found_at_a_line_start(name, code):
    for phrase in load_phrases(name):
        line = f"{phrase} Council to meet again in May"
        text = f"The council met on Monday.\n\n{line}\n\nIt will meet again in May.\n"
        assert codes_on_line(text, code, 2) == [code], f"{code} misses {line!r} ({name}.txt)"
