#!/usr/bin/env python3
"""Measure what newslint's fixes do to a labelled corpus of scraped news text.

The corpus is a directory of JSONL files, one per extractor, one record per page with
`scraped`, `gold`, `line_labels` and (optionally) `merged_word_offsets` /
`lost_space_offsets` (the DEV corpus format, see its README). Everything runs in this
one process through the Python API: the rule set is built once, then `fix_text` (unsafe
fixes on) runs on every record; only that call is timed (`--time check`: checking alone).

Per extractor it prints:
- merged words: how many spaces the fixes inserted; with labels, their precision (an
  inserted space is right where a space was lost) and the recall of labelled merges;
- lines: how many labelled lines were deleted, the deletion precision (residue deleted
  / (residue + clean deleted)), the recall of residue lines, the share of clean lines
  kept, and lines flagged by findings without an applied fix;
- shingle precision/recall/F1 against the gold, before and after the fixes;
- throughput of `fix_text` in MB/s: bytes of scraped text per second of CPU time of this
  one process spent in `fix_text` (so other load on the machine does not skew it).

Usage:
    python bench/quality.py path/to/corpus
    python bench/quality.py path/to/corpus --select NL2,NL3 --only naive_p,trafilatura
    python bench/quality.py path/to/corpus --json quality.json --limit 50

Exit status 1 when a threshold is missed (see `--help` for their values).
"""
from __future__ import annotations

import argparse
import difflib
import json
import multiprocessing
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from newslint.config import Config
from newslint.engine import RuleSet, build_ruleset, fix_text, lint_text, make_document

# The tokens of the shingle metric: runs of word characters as Python's `re` defines them
# (the `regex` module counts a few more characters as word characters; the scores must agree
# with the scorer of the corpus).
WORD = re.compile(r"\w+")
SHINGLE = 4
NO_F1_GAIN_NEEDED = ("html_text",)  # whole-page text: line rules cannot make it an article
NAIVE = "naive_p"


# ---------------------------------------------------------------- shingle metric

def shingles(text: str) -> Counter:
    """Token 4-grams as a multiset; a text shorter than 4 tokens is one shingle."""
    words = WORD.findall(text)
    if len(words) < SHINGLE:
        return Counter([tuple(words)]) if words else Counter()
    return Counter(tuple(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1))


def document_shares(gold: str, pred: str) -> tuple[float, float, float]:
    """TP, FP, FN of one document, each divided by their sum (every document weighs the same)."""
    g, p = shingles(gold), shingles(pred)
    tp = sum((g & p).values())
    fp = sum((p - g).values())
    fn = sum((g - p).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def shingle_scores(shares: list[tuple[float, float, float]]) -> dict[str, float]:
    """Precision averaged over documents with a prediction, recall over documents with a gold."""
    precisions = [1.0 if fp == fn == 0 else tp / (tp + fp) for tp, fp, fn in shares if tp + fp > 0]
    recalls = [1.0 if fp == fn == 0 else tp / (tp + fn) for tp, fp, fn in shares if tp + fn > 0]
    p = statistics.fmean(precisions) if precisions else 0.0
    r = statistics.fmean(recalls) if recalls else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


# ---------------------------------------------------------------- line labels

def line_key(text: str) -> str:
    return " ".join(WORD.findall(text)).lower()


def deleted_lines(record: dict, fixed: str) -> Counter:
    """Count labelled lines whose words no longer occur in the fixed text.

    A line counts as present when its lower-cased word sequence occurs at word
    boundaries; a line of 25+ letters also when it occurs with spaces ignored (a line
    whose merged words were split is still there).
    """
    counts: Counter = Counter()
    after = f" {line_key(fixed)} "
    after_joined = after.replace(" ", "")
    scraped = record["scraped"]
    for label in record.get("line_labels", ()):
        kind = label["label"]
        if kind not in ("clean", "residue"):
            continue
        key = line_key(scraped[label["start"] : label["end"]])
        if not key:
            continue
        joined = key.replace(" ", "")
        present = f" {key} " in after or (len(joined) >= 25 and joined in after_joined)
        counts[f"{kind}_total"] += 1
        counts[f"{kind}_deleted"] += not present
    return counts


def flagged_lines(record: dict, spans: list[tuple[int, int]]) -> Counter:
    """Count labelled lines overlapped by findings whose fixes did not apply."""
    counts: Counter = Counter()
    for label in record.get("line_labels", ()):
        if label["label"] in ("clean", "residue") and any(
            s < label["end"] and label["start"] < e for s, e in spans
        ):
            counts[f"{label['label']}_flagged"] += 1
    return counts


# ---------------------------------------------------------------- inserted spaces

def inserted_spaces(before: str, after: str) -> list[int]:
    """Offsets of `before` where `after` has whitespace inserted and nothing else changed.

    Lines are matched first (deleted lines are ignored); changed lines are then compared
    character by character.
    """
    old_lines = before.splitlines(keepends=True)
    new_lines = after.splitlines(keepends=True)
    offsets, line_start = [], [0]
    for line in old_lines:
        line_start.append(line_start[-1] + len(line))
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "replace":
            continue
        old, new = "".join(old_lines[i1:i2]), "".join(new_lines[j1:j2])
        chars = difflib.SequenceMatcher(None, old, new, autojunk=False)
        for cop, a1, a2, b1, b2 in chars.get_opcodes():
            added = new[b1:b2]
            only_space = cop == "insert" or (cop == "replace" and old[a1:a2].strip() == "")
            if added.strip() == "" and only_space:
                offsets.append(line_start[i1] + a1)
    return offsets


# ---------------------------------------------------------------- one extractor

@dataclass
class Tally:
    docs: int = 0
    nbytes: int = 0
    seconds: float = 0.0
    prepare_seconds: float = 0.0
    lines: Counter = field(default_factory=Counter)
    inserted: int = 0
    inserted_right: int = 0
    merged_labels: int = 0
    merged_found: int = 0
    has_space_labels: bool = False
    before: list = field(default_factory=list)
    after: list = field(default_factory=list)
    rule_seconds: Counter = field(default_factory=Counter)  # with --rule-times: CPU time by rule


class RuleClock:
    """The CPU time each rule's `check` takes, counted only while `timing` is set (the timed
    call), so that the untimed fixing and flagging around it do not count. Each finding is
    produced inside the clock (a rule's `check` may be a generator)."""

    def __init__(self, ruleset: RuleSet) -> None:
        self.seconds: Counter = Counter()
        self.timing = False
        for rule in ruleset.rules:
            rule.check = self._clocked(rule.code, rule.check)  # type: ignore[method-assign]

    def _clocked(self, code: str, check):
        def clocked(doc):
            if not self.timing:
                return check(doc)
            started = time.process_time()
            try:
                return list(check(doc))
            finally:
                self.seconds[code] += time.process_time() - started
        return clocked


def measure(records: list[dict], ruleset: RuleSet, flag: bool, timed: str = "fix",
            clock: RuleClock | None = None) -> Tally:
    tally = Tally()
    if clock:
        clock.seconds.clear()
    # As `newslint check` does per batch: rules load what the documents will need (the word
    # lists of other languages) before the first check. Timed apart: a once-per-process cost.
    started = time.process_time()
    ruleset.prepare([make_document(r.get("scraped") or "", "article.txt", ruleset.config)
                     for r in records])
    tally.prepare_seconds = time.process_time() - started
    for record in records:
        scraped, gold = record.get("scraped") or "", record.get("gold") or ""
        if clock:
            clock.timing = True
        started = time.process_time()
        if timed == "check":  # timed on a text not seen before, then fixed untimed
            lint_text(scraped, ruleset, "article.txt")
            tally.seconds += time.process_time() - started
            if clock:
                clock.timing = False
        result = fix_text(scraped, ruleset, "article.txt", unsafe=True)
        if timed == "fix":
            tally.seconds += time.process_time() - started
        if clock:
            clock.timing = False
        fixed = result.text
        tally.docs += 1
        tally.nbytes += len(scraped.encode("utf-8"))
        tally.before.append(document_shares(gold, scraped))
        tally.after.append(document_shares(gold, fixed))
        tally.lines += deleted_lines(record, fixed)
        if flag:
            found = lint_text(scraped, ruleset, "article.txt")
            unfixed = [(v.start, v.end) for v in found if v.fix is None]
            tally.lines += flagged_lines(record, unfixed)
        spaces = inserted_spaces(scraped, fixed) if fixed != scraped else []
        tally.inserted += len(spaces)
        merged = set(record.get("merged_word_offsets") or ())
        lost = set(record.get("lost_space_offsets") or ()) | merged
        if record.get("merged_word_method") == "construction":
            tally.has_space_labels = True
            tally.inserted_right += sum(1 for o in spaces if o in lost)
            tally.merged_labels += len(merged)
            tally.merged_found += len(merged & set(spaces))
    if clock:
        tally.rule_seconds = Counter(clock.seconds)
    return tally


def ratio(part: float, whole: float, empty: float | None = None) -> float | None:
    return part / whole if whole else empty


def summarise(tally: Tally) -> dict:
    lines = tally.lines
    removed_residue, removed_clean = lines["residue_deleted"], lines["clean_deleted"]
    flagged = lines["residue_flagged"] + lines["clean_flagged"]
    before, after = shingle_scores(tally.before), shingle_scores(tally.after)
    labelled = tally.has_space_labels
    return {
        "docs": tally.docs,
        "mb_per_s": tally.nbytes / 1e6 / tally.seconds if tally.seconds else 0.0,
        "spaces_inserted": tally.inserted,
        "spaces_precision": ratio(tally.inserted_right, tally.inserted, 1.0) if labelled else None,
        "merged_recall": ratio(tally.merged_found, tally.merged_labels) if labelled else None,
        "lines_deleted": removed_residue + removed_clean,
        "clean_deleted": removed_clean,
        "deletion_precision": ratio(removed_residue, removed_residue + removed_clean, 1.0),
        "residue_recall": ratio(removed_residue, lines["residue_total"], 0.0),
        "clean_kept": ratio(lines["clean_total"] - removed_clean, lines["clean_total"], 1.0),
        "lines_flagged": flagged,
        "flag_precision": ratio(lines["residue_flagged"], flagged, 1.0),
        **{f"{k}_before": v for k, v in before.items()},
        **{f"{k}_after": v for k, v in after.items()},
    }


def misses(name: str, row: dict, args: argparse.Namespace) -> list[str]:
    """The issue's thresholds that this extractor misses."""
    found = []
    if row["clean_kept"] < args.min_clean_kept:
        found.append(f"{name}: clean kept {row['clean_kept']:.4f} < {args.min_clean_kept}")
    if row["lines_deleted"] and row["deletion_precision"] < args.min_deletion_precision:
        found.append(f"{name}: deletion precision {row['deletion_precision']:.3f}"
                     f" < {args.min_deletion_precision}")
    gain = row["f1_after"] - row["f1_before"]
    if name not in NO_F1_GAIN_NEEDED and gain <= 0:
        found.append(f"{name}: shingle F1 not higher"
                     f" ({row['f1_before']:.4f} -> {row['f1_after']:.4f})")
    if name == NAIVE and not args.lines_only:
        if gain < args.min_naive_gain:
            found.append(f"{name}: shingle F1 gain {gain:+.4f} < {args.min_naive_gain}")
        precision = row["spaces_precision"]
        if precision is not None and precision < args.min_merged_precision:
            found.append(f"{name}: inserted-space precision {precision:.3f}"
                         f" < {args.min_merged_precision}")
        if row["merged_recall"] is not None and row["merged_recall"] < args.min_merged_recall:
            found.append(f"{name}: merged-word recall {row['merged_recall']:.3f}"
                         f" < {args.min_merged_recall}")
    return found


# ---------------------------------------------------------------- output

# (heading, key in a result row, format); None prints as "-".
COLUMNS = (
    ("docs", "docs", "{:d}"),
    ("F1 before", "f1_before", "{:.4f}"), ("F1 after", "f1_after", "{:.4f}"),
    ("P after", "precision_after", "{:.4f}"), ("R after", "recall_after", "{:.4f}"),
    ("del", "lines_deleted", "{:d}"), ("del P", "deletion_precision", "{:.3f}"),
    ("res R", "residue_recall", "{:.3f}"), ("clean kept", "clean_kept", "{:.4f}"),
    ("flag", "lines_flagged", "{:d}"), ("flag P", "flag_precision", "{:.3f}"),
    ("sp ins", "spaces_inserted", "{:d}"), ("sp P", "spaces_precision", "{:.3f}"),
    ("mrg R", "merged_recall", "{:.3f}"), ("MB/s", "mb_per_s", "{:.1f}"),
)


def print_table(results: dict[str, dict]) -> None:
    rows = [["extractor", *(title for title, _, _ in COLUMNS)]]
    for name, row in results.items():
        cells = ("-" if row[key] is None else fmt.format(row[key]) for _, key, fmt in COLUMNS)
        rows.append([name, *cells])
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for r in rows:
        cells = (cell.rjust(width) for cell, width in zip(r[1:], widths[1:]))
        print(" ".join([r[0].ljust(widths[0]), *cells]))


# ---------------------------------------------------------------- main

def load(path: Path, limit: int) -> list[dict]:
    records = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                records.append(json.loads(line))
                if limit and len(records) >= limit:
                    break
    return records


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path, help="directory of <extractor>.jsonl files")
    parser.add_argument("--select", default="",
                        help="comma-separated rule selectors (default: the default rule set)")
    parser.add_argument("--ignore", default="", help="comma-separated rule selectors to leave out")
    parser.add_argument("--only", default="",
                        help="comma-separated extractors to run (default: all)")
    parser.add_argument("--limit", type=int, default=0,
                        help="first N records of each extractor only")
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    parser.add_argument("--no-flagged", action="store_true",
                        help="skip the extra lint pass that counts flagged lines")
    parser.add_argument("--lines-only", action="store_true",
                        help="check only the line thresholds (for a run narrowed to line rules)")
    parser.add_argument("--min-clean-kept", type=float, default=0.995)
    parser.add_argument("--min-deletion-precision", type=float, default=0.95)
    parser.add_argument("--min-naive-gain", type=float, default=0.05)
    parser.add_argument("--min-merged-precision", type=float, default=0.95)
    parser.add_argument("--min-merged-recall", type=float, default=0.80)
    parser.add_argument("--time", choices=("fix", "check"), default="fix",
                        help="what MB/s measures: the fix run (default) or checking alone")
    parser.add_argument("--rule-times", action="store_true",
                        help="also print the share of the timed CPU time spent in each rule")
    parser.add_argument("--fresh-process", action="store_true",
                        help="measure each extractor in a new process, with cold caches")
    parser.add_argument("--min-mb-per-s", type=float, default=5.0,
                        help="throughput over all extractors")
    return parser.parse_args(argv)


def tallies(files: list[Path], ruleset: RuleSet, config: Config, args: argparse.Namespace) -> Iterator[Tally]:
    """The tally of each extractor's file: all in this process, or each in a new one."""
    if not args.fresh_process:
        clock = RuleClock(ruleset) if args.rule_times else None
        for path in files:
            yield measure_file(path, ruleset, args, clock)
        return
    # A new interpreter per file: no extractor runs with the caches (word verdicts, line
    # verdicts) that another extractor's copy of the same pages has warmed.
    spawn = multiprocessing.get_context("spawn")
    with spawn.Pool(1, maxtasksperchild=1) as pool:
        yield from pool.imap(_measure_alone, [(path, config, args) for path in files])


def _measure_alone(job: tuple[Path, Config, argparse.Namespace]) -> Tally:
    path, config, args = job
    ruleset = build_ruleset(config)
    try:
        return measure_file(path, ruleset, args, RuleClock(ruleset) if args.rule_times else None)
    finally:
        ruleset.close()


def measure_file(path: Path, ruleset: RuleSet, args: argparse.Namespace,
                 clock: RuleClock | None = None) -> Tally:
    return measure(load(path, args.limit), ruleset, flag=not args.no_flagged, timed=args.time, clock=clock)


def rule_times_line(rule_seconds: Counter, seconds: float) -> str:
    """Each rule's share of the timed CPU time, largest first; the rest is the engine's own
    work (making each document, suppressions, applying fixes) and the text analysis that a
    rule's check did not ask for first."""
    if not seconds:
        return "CPU time by rule: nothing timed"
    shares = [f"{code} {100 * spent / seconds:.0f}%" for code, spent in rule_seconds.most_common()]
    outside = 100 * (seconds - sum(rule_seconds.values())) / seconds
    return f"CPU time by rule ({seconds:.2f} s timed): " + ", ".join(shares) + f"; outside the rules {outside:.0f}%"


def split(option: str) -> tuple[str, ...]:
    return tuple(s.strip() for s in option.split(",") if s.strip())


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    files = sorted(args.corpus.glob("*.jsonl"))
    if args.only:
        wanted = set(split(args.only))
        files = [f for f in files if f.stem in wanted]
    if not files:
        print(f"no <extractor>.jsonl files in {args.corpus}", file=sys.stderr)
        return 2
    config = Config(select=split(args.select) or None, ignore=split(args.ignore))
    ruleset = build_ruleset(config)
    results, problems = {}, []
    nbytes = seconds = prepare_seconds = 0.0
    rule_seconds: Counter = Counter()
    try:
        for path, tally in zip(files, tallies(files, ruleset, config, args)):
            results[path.stem] = summarise(tally)
            problems += misses(path.stem, results[path.stem], args)
            nbytes += tally.nbytes
            seconds += tally.seconds
            prepare_seconds += tally.prepare_seconds
            rule_seconds += tally.rule_seconds
    finally:
        ruleset.close()
    speed = nbytes / 1e6 / seconds if seconds else 0.0
    if speed < args.min_mb_per_s:
        problems.append(f"throughput {speed:.1f} MB/s < {args.min_mb_per_s}")
    print_table(results)
    print(f"rules: {', '.join(r.code for r in ruleset.rules)}")
    print(f"prepare (untimed above): {prepare_seconds:.2f} s CPU")
    if args.rule_times:
        print(rule_times_line(rule_seconds, seconds))
    if args.json:
        summary = {"results": results, "mb_per_s": speed, "misses": problems}
        if args.rule_times:
            summary["rule_seconds"] = dict(rule_seconds.most_common())
        args.json.write_text(json.dumps(summary, indent=1))
    if problems:
        print(f"MISSED {len(problems)}: " + "; ".join(problems) + f" | {speed:.1f} MB/s")
        return 1
    print(f"all thresholds hold on {len(results)} extractors | {speed:.1f} MB/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
