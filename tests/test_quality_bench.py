"""bench/quality.py: the CPU time by rule (`--rule-times`)."""
from __future__ import annotations

import sys
from collections import Counter

from newslint.config import Config
from newslint.engine import build_ruleset, lint_text
from tests.helpers import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import quality  # noqa: E402

TEXT = "Talks went on.\n\nSource link\n\nThe vote was delayed again. The vote was delayed again.\n"


def test_the_rule_clock_counts_only_while_timing_and_changes_no_finding():
    plain = build_ruleset(Config(select=("NL301", "NL403")))
    clocked = build_ruleset(Config(select=("NL301", "NL403")))
    clock = quality.RuleClock(clocked)
    assert lint_text(TEXT, clocked) == lint_text(TEXT, plain)
    assert not clock.seconds  # not timing: nothing counted
    clock.timing = True
    assert lint_text(TEXT, clocked) == lint_text(TEXT, plain)
    assert set(clock.seconds) == {"NL301", "NL403"}


def test_the_rule_times_line_gives_shares_largest_first_and_the_rest():
    line = quality.rule_times_line(Counter({"NL101": 0.5, "NL311": 0.25}), 1.0)
    assert line == "CPU time by rule (1.00 s timed): NL101 50%, NL311 25%; outside the rules 25%"
