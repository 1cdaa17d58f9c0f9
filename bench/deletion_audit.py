#!/usr/bin/env python3
"""Clean lines the fixes lose, told apart: article text, or lines a gold keeps by convention.

The line metrics of a labelled corpus (`clean kept`, deletion precision) count every
`clean` line that is gone after the fixes as article text deleted. Some golds keep lines
that are not article text by any cleanup's standard: the Dragnet gold keeps photo
captions, bylines, datelines, copyright lines, tags, related links and the trackbacks of
blog posts, and text that a reader comment quotes from the article matches the gold too.
The corpus marks most of them `neutral` (counted neither way), but its marker misses some.
This script reports the metrics both ways, so that such lines are counted apart rather
than tuned to.

For every record of every `<extractor>.jsonl` of each corpus directory, the text is fixed
(unsafe fixes on, as `newslint check --fix --unsafe-fixes`; `--safe-only`: safe fixes
alone) in this one process, and every `clean` and `residue` line is looked up in the
fixed text as `eval_cleanup.py` and `quality.py` do (its lower-cased words in order, at
word boundaries; a line of 25+ letters also with spaces ignored). Each lost clean line is
then:

- `edited`: all its letters are still there with spaces ignored (a short line whose merged
  words were split, or wrongly split): a changed line, not a deleted one;
- a convention category (`caption`, `byline`, ...): the line is listed, by record and a
  hash of its words, in the conventions file (`bench/audits/gold-conventions.tsv`), where
  each line was categorised by hand after reading it in its page;
- `content`: any other lost clean line, reviewed or not. Nothing is presumed convention.

Columns per corpus/extractor: clean and residue lines, residue deleted, clean lines lost by
kind, then `clean kept` and `del P` as the official metric counts them, and the same with
the convention lines left out of both (`w/o conv`: a convention line is neither kept nor
deleted article text; `edited` lines still count as lost there). The convention lines that
stayed are not known, so they stay in the `w/o conv` denominator of `clean kept`.

Usage:
    python bench/deletion_audit.py path/to/dev path/to/dragnet
    python bench/deletion_audit.py CORPUS --only trafilatura --limit 100 --list 50
    python bench/deletion_audit.py CORPUS --select NL3 --json out.json

`--list N` prints up to N lost clean lines per corpus/extractor that the conventions file
does not list (corpus text, on standard error, for reading: never commit it), each with
its record, the line's hash and the rules whose first-pass findings touch it;
`--list-conventions` prints the listed ones too, with their categories.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from quality import line_key, load, split

from newslint.config import Config
from newslint.engine import RuleSet, build_ruleset, fix_text, lint_text, make_document

CONVENTIONS = Path(__file__).resolve().parent / "audits" / "gold-conventions.tsv"
CATEGORIES = {
    "caption": "a photo caption (with or without its credit)",
    "credit": "a photo or image credit on its own",
    "byline": "a byline or a post's `Posted by ... | Permalink` footer",
    "dateline": "a date or time stamp of the post",
    "copyright": "a copyright or rights notice",
    "related": "a related / read-more link or a list of other posts",
    "promo": "a follow / subscribe / app / share prompt",
    "tags": "a tags or categories line",
    "contact": "an e-mail address or contact line",
    "trackback": "a blog's trackback block (`TrackBack URL`, `Tracked on ...`, linking posts)",
    "comment": "a reader comment's text that the gold also holds (it quotes the article)",
    "furniture": "other page furniture: labels, buttons, gallery links, separators",
}
LONG_LINE = 25  # letters: a longer line also counts as present with spaces ignored


def line_hash(text: str) -> str:
    """The key of a line in the conventions file: a hash of its lower-cased words, joined
    without spaces, so that the same line matches across extractors (and merged words)."""
    return hashlib.sha1(line_key(text).replace(" ", "").encode("utf-8")).hexdigest()[:12]


def load_conventions(path: Path) -> dict[tuple[str, str, str], str]:
    """(corpus, record id, line hash) -> category, from a tab-separated file (`#` comments)."""
    found: dict[tuple[str, str, str], str] = {}
    if not path.exists():
        return found
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip() or raw.startswith("#"):
            continue
        cells = raw.split("\t")
        if len(cells) < 4 or cells[3] not in CATEGORIES:
            raise SystemExit(f"{path}:{number}: want corpus, record, hash, category "
                             f"(one of {', '.join(CATEGORIES)}): {raw!r}")
        found[(cells[0], cells[1], cells[2])] = cells[3]
    return found


@dataclass
class Tally:
    """Line counts of one corpus/extractor."""

    counts: Counter = field(default_factory=Counter)
    lost: list = field(default_factory=list)  # (record id, hash, kind, rules, text)

    def row(self) -> dict:
        c = self.counts
        lost = c["clean_lost"]
        convention = sum(v for k, v in c.items() if k.startswith("conv:"))
        kept = 1 - lost / c["clean"] if c["clean"] else 1.0
        precision = c["residue_deleted"] / (c["residue_deleted"] + lost) if c["residue_deleted"] + lost else 1.0
        other = lost - convention
        clean = c["clean"] - convention
        return {
            "clean": c["clean"], "residue": c["residue"], "residue_deleted": c["residue_deleted"],
            "clean_lost": lost, "edited": c["edited"], "convention": convention,
            "content": other - c["edited"],
            "by_category": {k[5:]: v for k, v in sorted(c.items()) if k.startswith("conv:")},
            "clean_kept": kept, "del_precision": precision,
            "clean_kept_wo_conv": 1 - other / clean if clean else 1.0,
            "del_precision_wo_conv": (c["residue_deleted"] / (c["residue_deleted"] + other)
                                      if c["residue_deleted"] + other else 1.0),
        }


def touching_rules(found: list, start: int, end: int) -> str:
    return ",".join(sorted({v.code for v in found if v.fix is not None and v.start < end and start < v.end}))


def measure(corpus: str, records: list[dict], ruleset: RuleSet, unsafe: bool,
            conventions: dict[tuple[str, str, str], str]) -> Tally:
    tally = Tally()
    ruleset.prepare([make_document(r.get("scraped") or "", "article.txt", ruleset.config) for r in records])
    for record in records:
        scraped = record.get("scraped") or ""
        fixed = fix_text(scraped, ruleset, "article.txt", unsafe=unsafe).text
        after = f" {line_key(fixed)} "
        joined_after = after.replace(" ", "")
        found = None
        for label in record.get("line_labels", ()):
            kind = label["label"]
            text = scraped[label["start"]:label["end"]]
            key = line_key(text)
            if kind not in ("clean", "residue") or not key:
                continue
            joined = key.replace(" ", "")
            present = f" {key} " in after or (len(joined) >= LONG_LINE and joined in joined_after)
            tally.counts[kind] += 1
            if present:
                continue
            if kind == "residue":
                tally.counts["residue_deleted"] += 1
                continue
            tally.counts["clean_lost"] += 1
            digest = line_hash(text)
            category = conventions.get((corpus, str(record.get("id")), digest))
            if category:
                lost_as = f"conv:{category}"
            elif joined in joined_after:
                lost_as = "edited"
            else:
                lost_as = "content"
            tally.counts[lost_as] += 1
            if found is None:
                found = lint_text(scraped, ruleset, "article.txt")
            rules = touching_rules(found, label["start"], label["end"])
            tally.lost.append((str(record.get("id")), digest, lost_as, rules, text))
    return tally


def table(rows: dict[str, dict]) -> str:
    out = ["| corpus/extractor | clean | residue | res. deleted | clean lost | edited | convention | content"
           " | clean kept | del P | clean kept w/o conv | del P w/o conv |",
           "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for name, r in rows.items():
        out.append(f"| {name} | {r['clean']} | {r['residue']} | {r['residue_deleted']} | {r['clean_lost']} |"
                   f" {r['edited']} | {r['convention']} | {r['content']} | {r['clean_kept']:.4f} |"
                   f" {r['del_precision']:.3f} | {r['clean_kept_wo_conv']:.4f} | {r['del_precision_wo_conv']:.3f} |")
    out += ["", "Convention lines lost, by category:", ""]
    for name, r in rows.items():
        if r["by_category"]:
            out.append(f"- {name}: " + ", ".join(f"{k} {v}" for k, v in r["by_category"].items()))
    return "\n".join(out)


def by_rule(tallies: dict[str, Tally]) -> str:
    """Lost clean lines per rule whose first-pass findings touch them, pooled over everything
    measured: content, convention and edited lines (a line two rules touch counts for both)."""
    counts: dict[str, Counter] = {}
    for tally in tallies.values():
        for _, _, kind, rules, _ in tally.lost:
            for code in (rules or "-").split(","):
                counts.setdefault(code, Counter())[kind.split(":")[0]] += 1
    out = ["", "Lost clean lines by the rules that touch them (first pass; `-`: none, a later pass):", "",
           "| rule | content | convention | edited |", "|---|---:|---:|---:|"]
    for code in sorted(counts):
        c = counts[code]
        out.append(f"| {code} | {c['content']} | {c['conv']} | {c['edited']} |")
    return "\n".join(out)


def listing(name: str, tally: Tally, limit: int, conventions_too: bool) -> None:
    shown = [x for x in tally.lost if conventions_too or not x[2].startswith("conv:")]
    for record, digest, kind, rules, text in shown[:limit]:
        print(f"{name}\t{record}\t{digest}\t{kind}\t{rules or '-'}\t{text[:200]!r}", file=sys.stderr)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpora", type=Path, nargs="+", help="directories of <extractor>.jsonl files")
    parser.add_argument("--select", default="", help="comma-separated rule selectors (default: the default set)")
    parser.add_argument("--ignore", default="", help="comma-separated rule selectors to leave out")
    parser.add_argument("--only", default="", help="comma-separated extractors (default: all)")
    parser.add_argument("--limit", type=int, default=0, help="first N records of each extractor only")
    parser.add_argument("--safe-only", action="store_true", help="apply safe fixes only (as --fix)")
    parser.add_argument("--conventions", type=Path, default=CONVENTIONS,
                        help="the hand-categorised convention lines (tab-separated)")
    parser.add_argument("--list", type=int, default=0, metavar="N",
                        help="print up to N lost clean lines per extractor that the file does not list")
    parser.add_argument("--list-conventions", action="store_true", help="with --list, list convention lines too")
    parser.add_argument("--json", type=Path, help="also write the rows as JSON here")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    conventions = load_conventions(args.conventions)
    ruleset = build_ruleset(Config(select=split(args.select) or None, ignore=split(args.ignore)))
    wanted = set(split(args.only))
    rows: dict[str, dict] = {}
    tallies: dict[str, Tally] = {}
    try:
        for corpus in args.corpora:
            files = [f for f in sorted(corpus.glob("*.jsonl")) if not wanted or f.stem in wanted]
            if not files:
                print(f"no <extractor>.jsonl files in {corpus}", file=sys.stderr)
                return 2
            for f in files:
                name = f"{corpus.name}/{f.stem}"
                tally = measure(corpus.name, load(f, args.limit), ruleset, not args.safe_only, conventions)
                rows[name] = tally.row()
                tallies[name] = tally
                if args.list:
                    listing(name, tally, args.list, args.list_conventions)
    finally:
        ruleset.close()
    mode = "safe fixes" if args.safe_only else "safe and unsafe fixes"
    print(f"Lines lost to the {mode}; convention lines from {args.conventions.name} "
          f"({len(conventions)} listed)\n")
    print(table(rows))
    print(by_rule(tallies))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
