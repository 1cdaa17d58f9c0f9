#!/usr/bin/env python3
"""Deletion precision of each rule's fixes on labelled corpora.

For every record of every `<extractor>.jsonl` of each corpus directory, the rule set
(the default one, or `--select`) checks the scraped text once, in this one process.
Each finding whose fix deletes text is laid over the record's line labels (the
conventions of `bench/quality.py`): a labelled line counts as deleted by the rule when
every non-blank character of it lies inside one deleting edit of the fix. Per rule it
counts the deleted lines by label:

- `residue` (right to delete) and `clean` (article text: wrong to delete);
- `neutral` (dragnet's gold-convention metadata: bylines, datelines, headlines...),
  counted apart, never as right or wrong;
- `conv`: clean lines that a gold keeps by convention although its neutral marker missed
  them (captions, bylines, copyright lines, trackbacks...), categorised by hand in
  `bench/audits/gold-conventions.tsv` (see `bench/deletion_audit.py`): counted apart too;
- `copy`: a clean line of which the scraped text holds more copies than the gold (a
  repeated paragraph): deleting one copy leaves the text whole, so it counts as right;
- `other` (`partial`, `nonword`): neither;
- `cut`: labelled lines the fix deletes only part of (not in the precision).

Deletion precision = (residue + copy) / (residue + copy + clean), with its 95% Wilson
interval; `raw` counts the convention lines as clean too.
Verdict per rule, on the precision without convention lines, pooled over the extractors of each corpus
(the worst corpus decides):
`safe` when at least 99.5% on every corpus, `unsafe` when at least 90%, `off` below.
A corpus where the rule deletes no labelled clean or residue line does not vote.

Limitation: findings are taken on the scraped text as it is (the first fix pass). A
deletion that a rule offers only after other fixes changed the text is not counted.

Usage:
    python bench/rule_precision.py path/to/dev path/to/dragnet
    python bench/rule_precision.py CORPUS --select NL3 --only trafilatura --limit 100
    python bench/rule_precision.py CORPUS --safe-only --json out.json
    python bench/rule_precision.py CORPUS --select NL308 --examples 20
"""
from __future__ import annotations

import argparse
import bisect
import json
import math
import sys
from collections import Counter
from pathlib import Path

from deletion_audit import CONVENTIONS, line_hash, load_conventions
from quality import line_key, load, split

from newslint.config import Config
from newslint.engine import RuleSet, build_ruleset, lint_text, make_document
from newslint.model import Violation

SAFE_AT = 0.995
UNSAFE_AT = 0.90
LABELS = ("residue", "copy", "clean", "conv", "neutral", "other", "cut")


def wilson(right: int, total: int, z: float = 1.96) -> tuple[float, float]:
    """95% Wilson score interval of a proportion right/total; (0, 1) when total is 0."""
    if total <= 0:
        return 0.0, 1.0
    p = right / total
    denominator = 1 + z * z / total
    centre = (p + z * z / (2 * total)) / denominator
    half = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


# ---------------------------------------------------------------- one record

def deleting_spans(violation: Violation) -> list[tuple[int, int]]:
    """The ranges a finding's fix deletes (edits that leave only whitespace behind)."""
    if violation.fix is None:
        return []
    return [(e.start, e.end) for e in violation.fix.edits if e.end > e.start and not e.text.strip()]


def _content(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def counted(violation: Violation, fixes: str) -> bool:
    """Whether the mode (`all`, `safe`, `unsafe`) counts this finding's fix."""
    if violation.fix is None:
        return False
    return fixes == "all" or (fixes == "safe") == violation.fix.safe


def label_kind(label: dict) -> str:
    kind = label["label"]
    return kind if kind in ("residue", "clean", "neutral") else "other"


def attribute(record: dict, found: list[Violation], fixes: str, clean: list | None = None,
              conventions: frozenset[tuple[str, str]] = frozenset()) -> Counter:
    """(rule code, label kind) -> labelled lines the rule's fixes delete in this record.

    A clean line listed in `conventions` (record id, line hash) counts as `conv`. With
    `clean`, each deleted clean line is also appended to it as (rule code, record id, line
    hash, text)."""
    text = record.get("scraped") or ""
    labels = sorted(record.get("line_labels") or (), key=lambda x: x["start"])
    starts = [x["start"] for x in labels]
    counts: Counter = Counter()
    extra_copies = _extra_copies(record, text, labels)
    for violation in found:
        if not counted(violation, fixes):
            continue
        for start, end in deleting_spans(violation):
            first = max(0, bisect.bisect_right(starts, start) - 1)
            for label in labels[first:]:
                if label["start"] >= end:
                    break
                content = _content(text, label["start"], label["end"])
                if content is None or content[1] <= start:
                    continue
                if start <= content[0] and content[1] <= end:
                    kind = label_kind(label)
                    line = text[content[0] : content[1]]
                    if kind == "clean" and (str(record.get("id")), line_hash(line)) in conventions:
                        kind = "conv"
                    elif kind == "clean" and line_key(line) in extra_copies:
                        kind = "copy"
                    counts[(violation.code, kind)] += 1
                    if clean is not None and kind == "clean":
                        clean.append((violation.code, str(record.get("id")), line_hash(line), line))
                elif text[max(start, content[0]) : min(end, content[1])].strip():
                    counts[(violation.code, "cut")] += 1  # words deleted, not the whole line
    return counts


def _extra_copies(record: dict, text: str, labels: list[dict]) -> frozenset[str]:
    """Keys of the clean lines that the scraped text holds more often than the gold does."""
    scraped = Counter(line_key(text[x["start"]:x["end"]]) for x in labels if x["label"] == "clean")
    repeated = {key for key, n in scraped.items() if n > 1 and key}
    if not repeated:
        return frozenset()
    gold = Counter(key for key in map(line_key, (record.get("gold") or "").splitlines()) if key in repeated)
    return frozenset(key for key in repeated if scraped[key] > gold[key])


# ---------------------------------------------------------------- corpora

def measure(records: list[dict], ruleset: RuleSet, fixes: str, clean: list | None = None,
            conventions: frozenset[tuple[str, str]] = frozenset()) -> Counter:
    ruleset.prepare([make_document(r.get("scraped") or "", "article.txt", ruleset.config)
                     for r in records])
    counts: Counter = Counter()
    for record in records:
        found = lint_text(record.get("scraped") or "", ruleset, "article.txt")
        counts += attribute(record, found, fixes, clean, conventions)
    return counts


def run(corpora: list[Path], ruleset: RuleSet, args: argparse.Namespace,
        clean: dict[str, list] | None = None) -> dict[str, dict[str, Counter]]:
    """corpus name -> extractor -> Counter of (rule, label kind); with `clean`, the deleted
    clean lines of each corpus/extractor go to clean[corpus/extractor]."""
    wanted = set(split(args.only))
    listed = load_conventions(args.conventions)
    results: dict[str, dict[str, Counter]] = {}
    for corpus in corpora:
        conventions = frozenset((record, digest) for name, record, digest in listed if name == corpus.name)
        files = [f for f in sorted(corpus.glob("*.jsonl")) if not wanted or f.stem in wanted]
        results[corpus.name] = {}
        for f in files:
            lines = clean.setdefault(f"{corpus.name}/{f.stem}", []) if clean is not None else None
            results[corpus.name][f.stem] = measure(load(f, args.limit), ruleset, args.fixes, lines, conventions)
        print(f"{corpus.name}: {len(files)} extractors measured", file=sys.stderr)
    return results


def examples(clean: dict[str, list], per_rule: int) -> str:
    """Up to `per_rule` deleted clean lines per rule (convention lines left out), in corpus
    order: what to look at first. Each with its record and line hash (the conventions key)."""
    by_rule: dict[str, list[str]] = {}
    for name, lines in clean.items():
        for code, record, digest, text in lines:
            by_rule.setdefault(code, []).append(f"- {name} {record} {digest}: {text[:160]!r}")
    out = ["", f"Clean lines deleted, not listed as convention lines (first {per_rule} per rule):"]
    for code in sorted(by_rule):
        out += ["", f"{code} ({len(by_rule[code])})", *by_rule[code][:per_rule]]
    return "\n".join(out)


# ---------------------------------------------------------------- summary

def row(counts: Counter, code: str) -> dict:
    cells = {kind: counts[(code, kind)] for kind in LABELS}
    right = cells["residue"] + cells["copy"]
    judged = right + cells["clean"]
    low, high = wilson(right, judged)
    precision = right / judged if judged else None
    raw = right / (judged + cells["conv"]) if judged + cells["conv"] else None
    return {**cells, "judged": judged, "precision": precision, "low": low, "high": high, "raw": raw}


def verdict(precisions: list[float | None]) -> str:
    voting = [p for p in precisions if p is not None]
    if not voting:
        return "-"
    worst = min(voting)
    return "safe" if worst >= SAFE_AT else "unsafe" if worst >= UNSAFE_AT else "off"


def summarise(results: dict[str, dict[str, Counter]], codes: list[str]) -> dict:
    summary: dict = {"rules": {}}
    for code in codes:
        per_corpus, per_extractor = {}, {}
        for corpus, extractors in results.items():
            pooled: Counter = Counter()
            for name, counts in extractors.items():
                pooled += counts
                per_extractor[f"{corpus}/{name}"] = row(counts, code)
            per_corpus[corpus] = row(pooled, code)
        summary["rules"][code] = {
            "corpora": per_corpus,
            "extractors": per_extractor,
            "verdict": verdict([r["precision"] for r in per_corpus.values()]),
        }
    return summary


def cell(r: dict) -> str:
    if r["precision"] is None:
        return f"- ({r['neutral']} n)" if r["neutral"] else "-"
    return (f"{r['precision']:.3f} [{r['low']:.3f}, {r['high']:.3f}]"
            f" {r['residue'] + r['copy']}/{r['judged']}" + (f" +{r['conv']}c (raw {r['raw']:.3f})" if r["conv"] else "")
            + (f" +{r['neutral']}n" if r["neutral"] else ""))


def markdown(summary: dict, corpora: list[str], fixes: str) -> str:
    """A summary table (rule x corpus) and a detail table (rule x extractor)."""
    out = [f"Deletion precision per rule ({fixes} fixes): (residue + copy) / (residue + copy + clean)"
           " deleted lines, 95% Wilson interval, then residue/judged, +Nc = clean lines a gold keeps by convention"
           " (listed by hand, not judged; raw: precision with them counted as clean),"
           " +Nn = neutral lines deleted (not judged).", ""]
    out.append("| rule | " + " | ".join(corpora) + " | verdict |")
    out.append("|---" * (len(corpora) + 2) + "|")
    for code, rule in summary["rules"].items():
        if all(not any(r[k] for k in LABELS) for r in rule["corpora"].values()):
            continue
        cells = [cell(rule["corpora"][c]) for c in corpora]
        out.append(f"| {code} | " + " | ".join(cells) + f" | {rule['verdict']} |")
    out += ["", "| rule | corpus/extractor | residue | copy | clean | conv | neutral | other | cut | precision"
            " | 95% interval |", "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    for code, rule in summary["rules"].items():
        for name, r in rule["extractors"].items():
            if not any(r[k] for k in LABELS):
                continue
            p = "-" if r["precision"] is None else f"{r['precision']:.3f}"
            interval = "-" if r["precision"] is None else f"[{r['low']:.3f}, {r['high']:.3f}]"
            out.append(f"| {code} | {name} | {r['residue']} | {r['copy']} | {r['clean']} | {r['conv']} |"
                       f" {r['neutral']} | {r['other']} | {r['cut']} | {p} | {interval} |")
    return "\n".join(out)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpora", type=Path, nargs="+", help="directories of <extractor>.jsonl files")
    parser.add_argument("--select", default="", help="comma-separated rule selectors (default: the default set)")
    parser.add_argument("--ignore", default="", help="comma-separated rule selectors to leave out")
    parser.add_argument("--only", default="", help="comma-separated extractors (default: all)")
    parser.add_argument("--limit", type=int, default=0, help="first N records of each extractor only")
    modes = parser.add_mutually_exclusive_group()
    modes.add_argument("--safe-only", dest="fixes", action="store_const", const="safe",
                       help="count only fixes that are safe (what --fix applies)")
    modes.add_argument("--unsafe-only", dest="fixes", action="store_const", const="unsafe",
                       help="count only unsafe fixes (what --unsafe-fixes adds)")
    parser.set_defaults(fixes="all")
    parser.add_argument("--examples", type=int, default=0, metavar="N",
                        help="also print up to N deleted clean lines per rule (corpus text: for reading)")
    parser.add_argument("--json", type=Path, help="also write the counts and precisions as JSON here")
    parser.add_argument("--conventions", type=Path, default=CONVENTIONS,
                        help="clean lines a gold keeps by convention, counted apart (tab-separated)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    missing = [str(c) for c in args.corpora if not any(c.glob("*.jsonl"))]
    if missing:
        print(f"no <extractor>.jsonl files in {', '.join(missing)}", file=sys.stderr)
        return 2
    ruleset = build_ruleset(Config(select=split(args.select) or None, ignore=split(args.ignore)))
    clean: dict[str, list] | None = {} if args.examples else None
    try:
        results = run(args.corpora, ruleset, args, clean)
    finally:
        ruleset.close()
    codes = [r.code for r in ruleset.rules if r.fixable]
    summary = summarise(results, codes)
    print(markdown(summary, list(results), args.fixes))
    if clean is not None:
        print(examples(clean, args.examples))
    if args.json:
        summary["fixes"] = args.fixes
        args.json.write_text(json.dumps(summary, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
