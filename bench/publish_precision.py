"""Write the measured precision of each built-in rule into the package (`rules/data/precision.json`).

`newslint rule CODE` and `newslint rules --format markdown` (the README's rule table) show
what this file holds. It joins two measurements, each given as the JSON its tool writes:

- `--labelled OUT.json` from `bench/rule_precision.py CORPUS... --json OUT.json`: the share of
  the labelled lines a rule's fixes delete that are residue, per corpus, with the worst extractor;
- `--audit OUT.json` from `bench/audit.py score SHEETS... --json OUT.json`: a hand audit of
  sampled findings on unlabelled text (right / judged).

    python bench/rule_precision.py path/to/dev path/to/dragnet --json labelled.json
    python bench/audit.py score bench/audits/*.md --json audit.json
    python bench/publish_precision.py --labelled labelled.json --audit audit.json

Figures are rounded to three places; the commit measured is recorded beside them. The rules'
manifest (`rules/data/manifest.json`, which carries the figures to `newslint rule CODE` without
importing the rule) is rewritten with them.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

from newslint import manifest

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "rules" / "data" / "precision.json"


def _rounded(row: dict, keys: tuple[str, ...]) -> dict:
    return {k: (round(row[k], 3) if isinstance(row[k], float) else row[k]) for k in keys if k in row}


def labelled_rows(summary: dict) -> dict[str, dict]:
    """Per rule and corpus: residue, clean, precision and interval, and the worst extractor."""
    out: dict[str, dict] = {}
    for code, rule in summary["rules"].items():
        corpora = {}
        for corpus, row in rule["corpora"].items():
            if row["precision"] is None:
                continue
            worst = min(((name.split("/", 1)[1], r["precision"]) for name, r in rule["extractors"].items()
                         if name.startswith(corpus + "/") and r["precision"] is not None),
                        key=lambda pair: pair[1])
            corpora[corpus] = {**_rounded(row, ("residue", "clean", "neutral", "precision", "low", "high")),
                               "worst_extractor": worst[0], "worst_precision": round(worst[1], 3)}
        if corpora:
            out[code] = corpora
    return out


def audit_rows(scores: dict) -> dict[str, dict]:
    keys = ("judged", "right", "wrong-fix", "wrong", "precision", "low", "high")
    return {code: _rounded(row, keys) for code, row in scores["rules"].items() if row["judged"]}


def commit() -> str:
    found = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    return found.stdout.strip() or "unknown"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--labelled", type=Path, help="JSON from bench/rule_precision.py --json")
    parser.add_argument("--audit", type=Path, help="JSON from bench/audit.py score --json")
    parser.add_argument("--commit", default="", help="the commit measured (default: HEAD)")
    parser.add_argument("--no-findings", default="", metavar="CODES",
                        help="comma-separated rules that made no finding at all on the audited corpora "
                        "(so there was nothing to judge); recorded as judged 0")
    parser.add_argument("-o", "--output", type=Path, default=TARGET)
    args = parser.parse_args(argv)
    if not (args.labelled or args.audit):
        parser.error("give --labelled, --audit or both")
    published = json.loads(args.output.read_text(encoding="utf-8")) if args.output.exists() else {}
    measured = args.commit or commit()
    if args.labelled:
        summary = json.loads(args.labelled.read_text(encoding="utf-8"))
        published["labelled"] = {"commit": measured, "fixes": summary.get("fixes", "all"),
                                 "rules": labelled_rows(summary)}
    if args.audit:
        scores = json.loads(args.audit.read_text(encoding="utf-8"))
        rows = audit_rows(scores)
        for code in filter(None, args.no_findings.split(",")):
            rows[code] = {"judged": 0, "right": 0, "wrong-fix": 0, "wrong": 0, "precision": None}
        published["audit"] = {"commit": measured, "sheets": scores.get("sheets", []), "rules": rows}
    args.output.write_text(json.dumps(published, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {args.output}")
    if args.output.resolve() == TARGET:
        return manifest.main([])
    return 0


if __name__ == "__main__":
    sys.exit(main())
