"""Cheap first tests standing before a costly pattern: each must let through every line the
pattern can match, or a finding would be lost to speed."""
from __future__ import annotations

import pytest

from newslint.rules import comment_thread


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
