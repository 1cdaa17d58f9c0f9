#!/usr/bin/env python3
"""Prove that a refactoring changes no finding and no fixed text.

`dump` runs the default rules over every record of every JSONL corpus file given (the
`scraped` field, or `--text-field`) and writes one line per record: every finding (code,
span, message, edits, applicability) and a SHA-256 of the text fixed with safe fixes and
of the text fixed with unsafe fixes too. `compare` reads two dumps and prints the records
that differ, with the first difference of each; it exits 1 when any differs.

Only the public API is used (`newslint.build_ruleset`, `lint_text`, `fix_text`), so the
same script runs before and after an internal change.

Usage:
    python bench/equivalence.py dump CORPUS/*.jsonl --out before.jsonl.gz
    python bench/equivalence.py compare before.jsonl.gz after.jsonl.gz
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import multiprocessing
import sys
from pathlib import Path

from newslint import build_ruleset, fix_text, lint_text

_RULESET = None


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _finding(v) -> list:
    fix = None
    if v.fix is not None:
        fix = [v.fix.applicability.value, [[e.start, e.end, e.text] for e in v.fix.edits]]
    return [v.code, v.start, v.end, v.message, fix]


def _record_line(job: tuple[str, int, str]) -> str:
    global _RULESET
    if _RULESET is None:
        _RULESET = build_ruleset()
    name, index, text = job
    path = f"{name}:{index}.txt"
    findings = [_finding(v) for v in lint_text(text, _RULESET, path)]
    safe = fix_text(text, _RULESET, path, unsafe=False).text
    unsafe = fix_text(text, _RULESET, path, unsafe=True).text
    return json.dumps({"doc": f"{name}:{index}", "findings": findings,
                       "safe": _digest(safe), "unsafe": _digest(unsafe)}, ensure_ascii=False)


def _jobs(files: list[Path], field: str):
    for path in files:
        name = f"{path.parent.name}/{path.stem}"
        with path.open(encoding="utf-8") as handle:
            for index, line in enumerate(handle):
                text = json.loads(line).get(field)
                if isinstance(text, str):
                    yield name, index, text


def dump(files: list[Path], field: str, out: Path, processes: int) -> None:
    with gzip.open(out, "wt", encoding="utf-8") as sink, multiprocessing.Pool(processes) as pool:
        for count, line in enumerate(pool.imap(_record_line, _jobs(files, field), chunksize=8), 1):
            sink.write(line + "\n")
            if count % 1000 == 0:
                print(f"{count} records", file=sys.stderr)


def _load(path: Path) -> dict[str, dict]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return {rec["doc"]: rec for rec in map(json.loads, handle)}


def _first_difference(a: dict, b: dict) -> str:
    for key in ("safe", "unsafe"):
        if a[key] != b[key]:
            return f"{key}-fixed text differs"
    before, after = map(tuple, (map(json.dumps, a["findings"]), map(json.dumps, b["findings"])))
    gone = [f for f in before if f not in after]
    new = [f for f in after if f not in before]
    return f"findings: -{gone[:1]} +{new[:1]} ({len(gone)} gone, {len(new)} new)"


def compare(before_path: Path, after_path: Path) -> int:
    before, after = _load(before_path), _load(after_path)
    differing = [doc for doc in before if doc in after and before[doc] != after[doc]]
    missing = sorted(set(before) ^ set(after))
    for doc in differing[:30]:
        print(f"{doc}: {_first_difference(before[doc], after[doc])}")
    print(f"{len(before)} records before, {len(after)} after; {len(differing)} differ; "
          f"{len(missing)} in one dump only")
    return 1 if differing or missing else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    dumping = sub.add_parser("dump")
    dumping.add_argument("files", nargs="+", type=Path)
    dumping.add_argument("--out", type=Path, required=True)
    dumping.add_argument("--text-field", default="scraped")
    dumping.add_argument("--processes", type=int, default=2)
    comparing = sub.add_parser("compare")
    comparing.add_argument("before", type=Path)
    comparing.add_argument("after", type=Path)
    args = parser.parse_args(argv)
    if args.command == "dump":
        dump(args.files, args.text_field, args.out, args.processes)
        return 0
    return compare(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main())
