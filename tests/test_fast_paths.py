"""Fast paths standing for a costly pattern: a cheap first test must let through every line
the pattern matches, and a cheaper count must count what the pattern finds, or a finding
would be lost to speed."""
from __future__ import annotations

import re

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

from newslint.rules import _lines, comment_thread, edge_residue
from newslint.rules._lazy import LazyPattern
from newslint.rules._prose import lower_words
from newslint.rules.merged_words import text as merged_text


def top_level_alternatives(pattern: str) -> list[str]:
    """The branches of a pattern's outermost alternation (`|` outside groups and classes)."""
    branches, depth, in_class, escaped, start = [], 0, False, False, 0
    for at, char in enumerate(pattern):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            branches.append(pattern[start:at])
            start = at + 1
    branches.append(pattern[start:])
    return branches


def test_alternatives_are_split_at_the_top_level_only():
    assert top_level_alternatives(r"a(?:b|c)|[|]d|e\|f") == ["a(?:b|c)", "[|]d", r"e\|f"]


def test_every_comment_policy_wording_holds_the_clue():
    """`_POLICY_CLUE` stands before `_COMMENT_POLICY`: a wording added without one of the
    clue's words would never be searched."""
    clue_words = comment_thread._POLICY_CLUE.pattern.removeprefix("(?i)").split("|")
    for branch in top_level_alternatives(comment_thread._COMMENT_POLICY.pattern.removeprefix("(?i)")):
        assert any(word in branch.lower() for word in clue_words), branch


@pytest.mark.parametrize("line", [
    "As you comment, please be respectful of other commenters.",
    "Please keep it civil.",
    "COMMENTS ARE MODERATED.",
    "Comment Policy: be kind.",
])
def test_a_comment_policy_passes_its_clue(line):
    assert comment_thread._COMMENT_POLICY.search(line)
    assert comment_thread._POLICY_CLUE.search(line)
    assert comment_thread.thread_signs(line) & comment_thread.POLICY


# What `lower_words` counts, as the pattern it replaced found it.
_LOWER_WORD = re.compile(r"(?:^|\s)[\"'“‘(]?[a-zß-ÿ]")


@pytest.mark.parametrize("line", [
    "The vote was put off, “as expected” (and then) 'again' said Ann.",
    "\"\" ( (a ((b \"C ‘d ’e ßig ÿes ÷ Öl",
    "a\x1cb\u00a0c\u2003d\te",
])
def test_lower_words_counts_what_the_pattern_finds(line):
    assert lower_words(line.split()) == len(_LOWER_WORD.findall(line))


@given(st.text(alphabet=st.sampled_from("aZß÷ÿĀ\"'“‘(’ .\t\u00a0\x1c1"), max_size=40))
def test_lower_words_counts_what_the_pattern_finds_in_any_line(line):
    assert lower_words(line.split()) == len(_LOWER_WORD.findall(line))


@pytest.mark.parametrize("line", ["Jane says:", "Jane Doe wrote :", "a" * 40 + " writes \t: ", "J said"])
def test_a_says_header_is_within_the_length_tried(line):
    assert comment_thread._SAYS.match(line)
    assert comment_thread.is_header(line)


@given(st.text(alphabet=st.sampled_from("aJ .'’-_1:\t\u00a0"), max_size=50),
       st.sampled_from(("says", "SAID", "wrote", "Writes")),
       st.text(alphabet=st.sampled_from(" \t:\u2003"), max_size=30))
def test_every_says_header_is_tried(name, verb, end):
    line = f"{name} {verb}{end}"
    if comment_thread._SAYS.match(line):
        said = line.rstrip()
        said = said[:-1].rstrip() if said.endswith(":") else said
        assert len(said) <= comment_thread.SAYS_MAX_CHARS


@given(st.text(alphabet=st.sampled_from("(){};=:'\"$ \tfunctionvarx.<!-/*@\n"), max_size=40))
def test_code_is_never_found_without_a_code_sign(line):
    """`_is_code` answers no at once for a line without `_CODE_SIGN`: none of its shapes matches there."""
    if edge_residue._CODE_SIGN.search(line) is None:
        assert not edge_residue._CODE_INSIDE.search(line)
        assert not (edge_residue._CODE_START.match(line) and edge_residue._CODE_SIGN.search(line))


@pytest.mark.parametrize("line", ["x = function() {", "$(document).ready(fn);", "{color: red;}", "var a = 1;"])
def test_code_lines_are_still_code(line):
    assert edge_residue._is_code(line)


@given(st.text(alphabet=st.sampled_from("ab,ÀzŁł. @'’1\t"), max_size=30))
def test_a_glued_clause_always_holds_a_glued_comma(line):
    if merged_text._GLUED_CLAUSES.search(line):
        assert merged_text._GLUED_COMMA.search(line)


def test_glued_clauses_are_still_found():
    assert [m.group() for m in merged_text._glued_clauses("the fact,most of it, was plain")] == ["fact,most"]


@pytest.mark.parametrize("line", [
    "Hi Karen, thanks", "hi,  Scott.", "Oh hey David!", "HEY\u00a0Frank, I agree", "(hi Jane)",
    "Hİ Karen", "Thank you, Karen.", "Kudos Maria",
])
def test_a_thanks_by_name_passes_its_first_test(line):
    assert comment_thread._THANKS_BY_NAME.search(line)
    assert comment_thread._may_thank(line, line.lower())


@pytest.mark.parametrize("line", ["This is his chief thing", "They said Karen left", "Delhi_ Mark", "xhi Karen"])
def test_hi_and_hey_inside_words_are_not_tried(line):
    assert not comment_thread._THANKS_BY_NAME.search(line)
    assert not comment_thread._may_thank(line, line.lower())


def _greeting_as_a_word(line: str) -> bool:
    """"hi" or "hey" in the line's lower case, with no `str.isalnum` or `_` before it in the line
    and a `str.isspace` or a comma after it: what `_GREETING_WORD` stands for."""
    lower = line.lower()
    for word in ("hi", "hey"):
        at = lower.find(word)
        while at >= 0:
            after, before = line[at + len(word) : at + len(word) + 1], line[at - 1 : at] if at else ""
            if (after == "," or after.isspace()) and not (before.isalnum() or before == "_"):
                return True
            at = lower.find(word, at + 1)
    return False


@given(st.text(alphabet=st.sampled_from(" :;=-)(DPpxLOlohaHAmMIiİı<3\u212a_\n\t"), max_size=20))
def test_a_smiley_is_found_as_its_one_pattern_finds_it(line):
    assert comment_thread._has_smiley(line, line.lower()) == bool(comment_thread._SMILEY.search(line))


@pytest.mark.parametrize("line", [":)", "Nice one :-P", "x :D", "LOL", "hahaha", "İMHO it is", "<3 this", "a;p"])
def test_smileys_in_two_searches(line):
    assert comment_thread._has_smiley(line, line.lower()) == bool(comment_thread._SMILEY.search(line))


def test_no_character_changes_class_by_lower_casing():
    """What lets `_GREETING_WORD` look at a line's lower case instead of the line."""
    import sys

    for c in map(chr, range(sys.maxunicode + 1)):
        lower = c.lower()
        if len(lower) == 1:
            assert (c.isalnum() or c == "_") == (lower.isalnum() or lower == "_")
            assert (c == "," or c.isspace()) == (lower == "," or lower.isspace())


@given(st.text(alphabet=st.sampled_from("hiHIeyEYtK ,_.1é\u00a0\u2003\u0307\x1c\u212aaKr\u2160"), max_size=24))
def test_a_greeting_word_is_found_as_a_loop_over_the_line_finds_it(line):
    assert (comment_thread._GREETING_WORD.search(line.lower()) is not None) == _greeting_as_a_word(line)


@given(st.text(alphabet=st.sampled_from("hiHIeyEYİıtK ,_.1é\u00a0\u2003\u0307\x1caKr"), max_size=24))
def test_thanks_by_name_is_never_missed_by_its_first_test(line):
    """`_may_thank` stands before `_THANKS_BY_NAME`: it lets through every line the pattern matches
    that holds one of the pattern's words (`_THANKS_CLUES`, its first test before)."""
    if comment_thread._THANKS_BY_NAME.search(line) and any(c in line.lower() for c in comment_thread._THANKS_CLUES):
        assert comment_thread._may_thank(line, line.lower())


def test_fold_exceptions_are_every_letter_that_does_not_lower_case_into_its_match():
    """`_lines.FOLD_EXCEPTIONS`: what a case-blind ASCII letter matches, in `re` and in
    `regex`, beyond the characters that lower-case into it."""
    import string
    import sys

    found = set()
    for engine in (re, regex):
        letter = engine.compile("(?i:[a-z])")
        found.update(c for c in map(chr, range(sys.maxunicode + 1))
                     if letter.fullmatch(c) and c.lower() not in set(string.ascii_lowercase))
    assert found == set(_lines.FOLD_EXCEPTIONS)


def test_case_blind_keywords_get_their_word_as_a_clue():
    assert _lines.Inside(re.compile("(?i:cookie)")).folded_clue == "cookie"
    assert _lines.Inside(LazyPattern("(?i:opinions expressed)")).folded_clue == "opinions expressed"
    assert _lines.Inside(LazyPattern("(?i:cookie)", regex.V1)).folded_clue is None  # full case folding
    assert _lines.Inside(re.compile("(?i:cookie)", re.X)).folded_clue is None
    assert _lines.Inside(re.compile("(?i:cookie|policy)")).folded_clue is None
    assert _lines.Inside(re.compile("cookie")).folded_clue is None


@given(st.text(alphabet=st.sampled_from("cokiesCOKIESvVİıſ\u212a \n\u0307ß"), max_size=30))
def test_a_case_blind_keyword_is_searched_wherever_it_matches(text):
    """An inside whose keyword matches a text is searched in it: its word shows in the text's
    lower case, or the text is searched without that test (`folded_text` None)."""
    from newslint.document import Document

    folded = _lines.folded_text(Document(text))
    for keyword in (re.compile("(?i:cookies)"), LazyPattern("(?i:vis)"), LazyPattern("(?i:sick ok)")):
        inside = _lines.Inside(keyword, check=lambda line: True)
        if keyword.search(text):
            assert folded is None or inside.folded_clue in folded
        assert list(inside.spans(text, folded)) == list(inside.spans(text))


def test_case_blind_branches_and_literal_openings_are_clues():
    assert _lines.Inside(LazyPattern(r"(?i:sign[^\S\n]*up|subscribe|registers?)")).folded_openings == (
        "sign", "subscribe", "register")
    assert _lines.Inside(re.compile("(?i:cookie)")).folded_openings is None  # a word: `folded_clue`
    assert _lines.Inside(re.compile("(?i:ab|cookie)")).folded_openings is None  # too short to tell
    assert _lines.Inside(re.compile("(?i:(?:a|b)cookie|policy)")).folded_openings is None  # a group inside
    assert _lines.Inside(re.compile("(?i:coo[k|x]ie|policy)")).folded_openings is None
    assert _lines.Inside(LazyPattern(r"Watch[^\S\n]+[Vv]ideo")).opening == "Watch"
    assert _lines.Inside(LazyPattern(r"Videos?\b")).opening == "Video"
    assert _lines.Inside(LazyPattern(r"Watch(?i)video")).opening is None  # the flag may reach the opening
    assert _lines.Inside(re.compile("Watch", re.I)).opening is None
    assert _lines.Inside(re.compile("Watch|Video")).opening is None


@given(st.text(alphabet=st.sampled_from("signupbcrSIGNUPBCRİıſ\u212a \n\u0307ßWatchVvideo"), max_size=30))
def test_a_keyword_with_openings_is_searched_wherever_it_matches(text):
    from newslint.document import Document

    folded = _lines.folded_text(Document(text))
    for keyword in (LazyPattern(r"(?i:sign[^\S\n]*up|subs?crib|bus)"), re.compile("(?i:ups|bcr ?s)"),
                    LazyPattern(r"Watch[^\S\n]*[Vv]ideo"), re.compile("Watt+ch")):
        inside = _lines.Inside(keyword, check=lambda line: True)
        assert inside.folded_openings or inside.opening
        assert list(inside.spans(text, folded)) == list(_lines.Inside(
            _bare(keyword), check=lambda line: True).spans(text))


def _bare(keyword):
    """The same keyword, with no clue drawn from it (a flag that changes nothing for these)."""
    if isinstance(keyword, LazyPattern):
        source, flags = keyword.source
        return regex.compile(source, flags | regex.MULTILINE)
    return re.compile(keyword.pattern, keyword.flags | re.MULTILINE)


def test_keywords_of_plain_words_get_those_words_as_clues():
    assert _lines.Inside(re.compile("Associated Press|, AP$", re.M)).literals == ("Associated Press", ", AP")
    assert _lines.Inside(LazyPattern("Photograph:")).literals == ("Photograph:",)
    assert _lines.Inside(re.compile("Writer", re.I)).literals is None  # any case: not as written
    assert _lines.Inside(re.compile(r"\.com/")).literals is None
    assert _lines.Inside(re.compile("(?:is|was) a")).literals is None


@given(st.lists(st.sampled_from(["A", "P", "ss", "ociated ", ", AP", "\n", ":", "Writer", "Photograph", " "]),
                max_size=12).map("".join))
def test_a_plain_words_keyword_is_searched_wherever_it_matches(text):
    for keyword in (re.compile("Associated Press|ASSOCIATED PRESS|, AP$", re.M), LazyPattern("Photograph:"),
                    re.compile("Writer")):
        inside = _lines.Inside(keyword, check=lambda line: True)
        if keyword.search(text):
            assert any(word in text for word in inside.literals)
        assert list(inside.spans(text)) == list(_searched(inside, text))


def _searched(inside, text):
    """What `Inside.spans` finds with no first test: every line its keyword matches."""
    keyword = inside.keyword
    bare = _lines.Inside(re.compile(f"(?:{keyword.pattern})", keyword.flags & re.MULTILINE), check=lambda line: True)
    assert bare.literals is None
    return bare.spans(text)


def test_next_start_finds_what_asking_every_word_again_finds():
    # Inside.spans asks for the next opening word at rising positions; _NextStart keeps each
    # word's next place instead of reading the rest of the text again at every step.
    from newslint.rules._lines import _NextStart

    text = "sign up here, subscribe there; register. sign in, then subscribe again\nregister"
    words = ("sign", "subscribe", "register", "absent")
    places = _NextStart(text, words)
    for pos in range(len(text) + 2):
        expected = min((at for at in (text.find(word, pos) for word in words) if at >= 0), default=-1)
        assert places.at_or_after(pos) == expected
