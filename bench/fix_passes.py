#!/usr/bin/env python3
"""Where a fix run's CPU time goes: passes per text, rules by pass, and the engine's own share.

Runs `fix_text(..., unsafe=True)` over every record of a corpus directory (one
`<extractor>.jsonl` file each, `scraped` field), in one process, as `bench/quality.py`
times it. Each rule's `check` is clocked; a fixing rule's call belongs to the pass of the
document it is given (each pass makes a new document), a report-only rule's to the report
on the settled text. What the timed calls spend outside the rules is the engine's: keeping,
ordering and settling findings, a document per pass, suppressions, splicing the edits.

Usage:
    python bench/fix_passes.py path/to/corpus [--limit N] [--top 12]
"""
from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

from quality import load

from newslint.engine import RuleSet, build_ruleset, fix_text, make_document

REPORT = "report"  # the pass key of the report-only rules


class PassClock:
    """CPU time of each rule's `check`, by (pass, code); the pass is the rank of the document
    among those the fixing rules were given since `start_text`."""

    def __init__(self, ruleset: RuleSet) -> None:
        self.seconds: Counter = Counter()
        self.documents: list[object] = []  # this text's documents, one per pass, in order
        for rule in ruleset.rules:
            rule.check = self._clocked(rule.code, rule.fixable, rule.check)  # type: ignore[method-assign]

    def start_text(self) -> None:
        self.documents = []

    def passes(self) -> int:
        return len(self.documents)

    def _clocked(self, code: str, fixable: bool, check):
        def clocked(doc):
            if fixable and not any(doc is seen for seen in self.documents):
                self.documents.append(doc)
            key = next(i for i, seen in enumerate(self.documents, 1) if seen is doc) if fixable else REPORT
            started = time.process_time()
            try:
                return list(check(doc))
            finally:
                self.seconds[key, code] += time.process_time() - started
        return clocked


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path, help="directory of <extractor>.jsonl files")
    parser.add_argument("--limit", type=int, default=0, help="the first N records of each file")
    parser.add_argument("--top", type=int, default=12, help="how many rules to list for the later passes")
    args = parser.parse_args()
    texts = [r.get("scraped") or "" for path in sorted(args.corpus.glob("*.jsonl")) for r in load(path, args.limit)]
    ruleset = build_ruleset()
    ruleset.prepare([make_document(text, "article.txt", ruleset.config) for text in texts])
    clock = PassClock(ruleset)
    passes: Counter = Counter()
    total = 0.0
    for text in texts:
        clock.start_text()
        started = time.process_time()
        fix_text(text, ruleset, "article.txt", unsafe=True)
        total += time.process_time() - started
        passes[clock.passes()] += 1
    size = sum(len(text.encode("utf-8")) for text in texts) / 1e6
    print(f"{len(texts)} texts, {size:.2f} MB, {total:.2f} s CPU in fix_text ({size / total:.2f} MB/s)")
    mean = sum(n * count for n, count in passes.items()) / len(texts)
    counts = ", ".join(f"{n}: {count}" for n, count in sorted(passes.items()))
    print(f"texts by passes: {counts} (mean {mean:.2f})")
    by_pass: Counter = Counter()
    for (key, _code), seconds in clock.seconds.items():
        by_pass[key] += seconds
    for key in sorted(by_pass, key=lambda k: (k == REPORT, k)):
        name = "report-only rules" if key == REPORT else f"pass {key} rules"
        print(f"{name}: {by_pass[key]:.3f} s ({by_pass[key] / total:.0%})")
    engine = total - sum(by_pass.values())
    print(f"engine (outside the rules' checks; the clock's own cost included): {engine:.3f} s ({engine / total:.0%})")
    first: Counter = Counter()
    later: Counter = Counter()
    for (key, code), seconds in clock.seconds.items():
        if key != REPORT:
            (first if key == 1 else later)[code] += seconds
    print("later passes by rule, s (first pass in brackets): "
          + ", ".join(f"{code} {s:.3f} ({first[code]:.3f})" for code, s in later.most_common(args.top)))


if __name__ == "__main__":
    main()
