"""bench/tail_end.py: where a cut may start, what the strategies cut, and how a cut is counted."""
from __future__ import annotations

import sys

from tests.helpers import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import tail_end  # noqa: E402

ARTICLE = (
    "The council approved the new bus lanes on the harbour road after a long debate on Tuesday evening.",
    "Members said the lanes would cut the morning journey into the centre by several minutes for commuters.",
    "Shop owners on the road had asked for more loading bays, and the plan now includes four of them.",
    "Work on the first section is due to start in the spring and should take about six months to finish.",
    "The cost of the scheme will be shared between the council and the regional transport authority.",
    "A public meeting on the timetable for the works will be held at the town hall next month.",
)
COMMENTS = (
    "i love this! finally someone listened to us",
    "Thanks for posting, I ride that bus every day and you have no idea how slow it is!",
    "Will they fix the potholes too? lol",
    "@Sam agree with you, my street is worse!",
)


def page(lines, labels):
    return tail_end.Page("test", "x", "example.org", tuple(lines), tuple(labels))


def test_a_cut_starts_only_after_the_opening_and_with_lines_left_after_it():
    text = page(ARTICLE + COMMENTS, ["clean"] * 6 + ["residue"] * 4)
    first = tail_end.candidates(text)
    assert first[0] == 6  # 100 words and 3 prose lines come before line 6, not before line 5
    assert first[-1] == len(text.lines) - tail_end.MIN_AFTER


def test_the_register_strategy_cuts_where_the_readers_voice_begins():
    text = page(ARTICLE + COMMENTS, ["clean"] * 6 + ["residue"] * 4)
    assert tail_end.register_cut(text, level=1, tail_share=0.8, article_share=0.2) == 6
    assert tail_end.register_cut(page(ARTICLE + ARTICLE[:3], ["clean"] * 9), 1, 0.8, 0.2) is None


def test_a_cut_counts_residue_and_clean_lines_after_it_and_ignores_the_rest():
    text = page(ARTICLE + COMMENTS, ["clean"] * 5 + ["clean", "residue", "neutral", "residue", "none"])
    tally = tail_end.measure([text], lambda p: 5)
    residue, clean, tail, pages, sites = tally["x"]
    assert (residue, clean, tail, pages, sites) == (2, 1, 2, 1, {"example.org"})
