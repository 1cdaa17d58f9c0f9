#!/usr/bin/env python3
"""Draw a seeded random sample of NL101 findings for a hand audit, and count findings.

Reads JSONL corpora (the `text` field of unlabelled sets, `scraped` of labelled ones),
runs NL101 alone on every record, and writes a review sheet (TSV): source file, record
id, line, column, token, proposed split, line text, and empty verdict and note columns
to fill in by hand (right / wrong fix / wrong). Also prints findings per 1,000 words
per file. A labelled corpus's `naive_p` file is left out unless named explicitly.

Usage:
    python bench/nl101_sample.py FILE.jsonl... --sample 200 --seed 11 --out sheet.tsv
    python bench/nl101_sample.py --score sheet.tsv      # precision from filled verdicts
"""
from __future__ import annotations

import argparse
import csv
import json
import math
import random
import re
import sys
from pathlib import Path

from newslint.config import Config
from newslint.engine import build_ruleset, lint_text

WORDS = re.compile(r"\w+")
COLUMNS = ("source", "id", "line", "column", "token", "split", "line_text", "verdict", "note")


def findings(paths: list[Path]) -> tuple[list[dict], dict[str, tuple[int, int]]]:
    ruleset = build_ruleset(Config(select=["NL101"]))
    found, counts = [], {}
    for path in paths:
        n_words = n_found = 0
        with path.open(encoding="utf-8") as lines:
            for raw in lines:
                record = json.loads(raw)
                text = record.get("text") or record.get("scraped") or ""
                n_words += len(WORDS.findall(text))
                for v in lint_text(text, ruleset):
                    n_found += 1
                    line_start = text.rfind("\n", 0, v.start) + 1
                    line_end = text.find("\n", v.start)
                    line_end = len(text) if line_end < 0 else line_end
                    split = v.message.rsplit("('", 1)[-1].rstrip("')")
                    found.append({
                        "source": path.parent.name + "/" + path.name, "id": record.get("id", ""),
                        "line": text.count("\n", 0, v.start) + 1, "column": v.start - line_start + 1,
                        "token": text[v.start : v.end], "split": split,
                        "line_text": text[line_start:line_end].replace("\t", " "),
                        "verdict": "", "note": "",
                    })
        counts[path.parent.name + "/" + path.name] = (n_words, n_found)
    return found, counts


def wilson(right: int, total: int, z: float = 1.96) -> tuple[float, float]:
    if not total:
        return 0.0, 0.0
    p = right / total
    centre = (p + z * z / (2 * total)) / (1 + z * z / total)
    half = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / (1 + z * z / total)
    return centre - half, centre + half


def score(sheet: Path) -> None:
    with sheet.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    verdicts = [r["verdict"].strip() for r in rows if r["verdict"].strip()]
    right = sum(v == "right" for v in verdicts)
    low, high = wilson(right, len(verdicts))
    kinds = {v: verdicts.count(v) for v in sorted(set(verdicts))}
    print(f"{sheet.name}: {right}/{len(verdicts)} right = {right / max(1, len(verdicts)):.3f}"
          f" (95% Wilson {low:.3f}-{high:.3f}); {kinds}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--sample", type=int, default=200)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--score", type=Path)
    args = parser.parse_args()
    if args.score:
        score(args.score)
        return 0
    found, counts = findings(args.files)
    total_words = sum(w for w, _ in counts.values())
    for name, (n_words, n_found) in counts.items():
        print(f"{name}: {n_found} findings, {n_words} words, {1000 * n_found / max(1, n_words):.3f} per 1,000 words")
    print(f"all: {len(found)} findings, {1000 * len(found) / max(1, total_words):.3f} per 1,000 words")
    if args.out:
        sample = random.Random(args.seed).sample(found, min(args.sample, len(found)))
        with args.out.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, COLUMNS, delimiter="\t", lineterminator="\n")
            writer.writeheader()
            writer.writerows(sample)
    return 0


if __name__ == "__main__":
    sys.exit(main())
