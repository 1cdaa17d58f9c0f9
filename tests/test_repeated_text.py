"""NL403's cheap first look must never hide a repeated sentence its pattern would find."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newslint.rules.repeated_text import _SENTENCE_TWICE, _may_repeat_sentences
from tests.strategies import SENTENCES, profile


@pytest.mark.parametrize("text, expected", [
    ("The vote was delayed again today. The vote was delayed again today. Then it rained.", True),
    ("Why now? The vote was delayed again today. The vote was delayed again today. ", True),
    ("The vote was delayed again today.\nThe vote was delayed again today.\n", True),
    ("The vote was delayed again today. It rained. The vote was delayed again today. ", False),
    ("The vote was delayed again today. Short. Short. ", False),
])
def test_first_look(text, expected):
    assert _may_repeat_sentences(text) is expected


def _found(text: str) -> bool:
    """Whether the pattern finds a sentence ending with a full stop written twice in a row."""
    return any(m["sentence"].endswith(".") and len(m["sentence"]) > 21
               for m in _SENTENCE_TWICE.finditer(text))


@profile(200)
@given(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=12),
       st.lists(st.sampled_from((" ", "  ", "\t", "\n", "\r\n", "\n\n", "? ")), min_size=12, max_size=12))
def test_first_look_never_hides_a_repeat(sentences, gaps):
    text = "".join(s + g for s, g in zip(sentences, gaps))
    if _found(text):
        assert _may_repeat_sentences(text)
