"""Deletion precision and recall of NL701 recurring-line against labelled corpora, records grouped by site.

Each extractor's file is one corpus run (the counts are learned over that file alone, so
one page scraped by two extractors is never counted twice). A flagged line is matched to
the corpus's line labels: `residue` is a right deletion, `clean` a wrong one, `neutral`
(dragnet's gold-convention lines) counts neither way.

    python bench/recurring_lines.py CORPUS_DIR [--only trafilatura,readability]
        [--min-documents 5] [--min-share 0.0] [--max-words 12] [--versus-default]
        [--show-wrong 20 [--show-labels clean,residue]]

`--versus-default` also runs the default rules and counts the residue lines NL701 finds
that none of them flags (what the corpus adds). `--show-wrong` prints wrongly flagged
lines for reading (never commit them: the text belongs to its publishers).
"""
from __future__ import annotations

import argparse
import ast
import json
import sys
from collections import Counter
from pathlib import Path

from newslint.config import Config
from newslint.corpus import CorpusOptions, check_corpus
from newslint.engine import build_ruleset, lint_text


def _labels(record_data: dict) -> dict[int, str]:
    labels = record_data.get("line_labels") or []
    if isinstance(labels, str):
        labels = ast.literal_eval(labels)
    return {label["start"]: label["label"] for label in labels}


def _default_flagged(text: str, ruleset) -> set[int]:
    """Starts of the lines the default rules flag in part or whole."""
    starts = set()
    line_starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
    for v in lint_text(text, ruleset, "x.txt"):
        starts.add(max(s for s in line_starts if s <= v.start))
    return starts


def measure(path: Path, options: dict, versus_default: bool, show_wrong: int, shown=("clean",)) -> Counter:
    config = Config(select=("NL701",), rules={"NL701": options} if options else {})
    ruleset = build_ruleset(config)
    default = build_ruleset(Config()) if versus_default else None
    tally: Counter = Counter()
    corpus = CorpusOptions(text_field="scraped", id_field="id", site_field="site_or_url")
    for report in check_corpus([str(path)], ruleset, corpus):
        record = report.record
        if record.text is None:
            continue
        labels = _labels(record.data)
        tally["residue_total"] += sum(1 for label in labels.values() if label == "residue")
        if not report.findings:
            continue
        others = _default_flagged(record.text, default) if default else set()
        for finding in report.findings:
            start = finding.violation.start
            label = labels.get(start, "unlabelled")
            tally[label] += 1
            line_start = record.text.rfind("\n", 0, start) + 1
            if label == "residue" and default and line_start not in others:
                tally["residue_new"] += 1
            if label in shown and tally["shown"] < show_wrong:
                tally["shown"] += 1
                end = finding.violation.end
                print(f"  {label} [{record.site}] {record.id}: {record.text[start:end][:120]!r}", file=sys.stderr)
    ruleset.close()
    return tally


def _row(name: str, t: Counter) -> dict:
    judged = t["residue"] + t["clean"]
    return {"file": name, "flagged": judged + t["neutral"] + t["unlabelled"], "residue": t["residue"],
            "clean": t["clean"], "neutral": t["neutral"], "unlabelled": t["unlabelled"],
            "precision": round(t["residue"] / judged, 4) if judged else None,
            "recall": round(t["residue"] / t["residue_total"], 4) if t["residue_total"] else None,
            "residue_new": t["residue_new"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--only", default="")
    parser.add_argument("--min-documents", type=int)
    parser.add_argument("--min-share", type=float)
    parser.add_argument("--max-words", type=int)
    parser.add_argument("--versus-default", action="store_true")
    parser.add_argument("--show-wrong", type=int, default=0)
    parser.add_argument("--show-labels", default="clean", help="labels of the flagged lines shown")
    args = parser.parse_args()
    options = {key: value for key, value in (("min-documents", args.min_documents), ("min-share", args.min_share),
                                             ("max-words", args.max_words)) if value is not None}
    only = {name for name in args.only.split(",") if name}
    total: Counter = Counter()
    rows = []
    for path in sorted(args.corpus.glob("*.jsonl")):
        if only and path.stem not in only:
            continue
        tally = measure(path, options, args.versus_default, args.show_wrong, tuple(args.show_labels.split(",")))
        total.update(tally)
        rows.append(_row(path.stem, tally))
    rows.append(_row("ALL", total))
    for row in rows:
        print(json.dumps(row))


if __name__ == "__main__":
    main()
