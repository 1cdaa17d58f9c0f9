#!/usr/bin/env python3
"""Hand audits of newslint's findings: sample them, judge them, score them.

    sample  draw N random findings per rule (seeded) from texts and write a review sheet
    score   read filled sheets back and print precision per rule with a 95% Wilson interval
    rates   findings per 1,000 words and share of documents with a finding, per rule
    strip   a filled sheet without the corpus text (keys, verdicts, notes): the file to keep

Inputs are folders of `.txt` / `.md` files (one document each) or JSONL corpora (one
document per record, its text in `--text-field`, default `text`, else `scraped`).
The sheet is Markdown, one item per finding; see bench/README.md for its format.

    python bench/audit.py sample CORPUS/*.jsonl --per-rule 15 --seed 1 -o sheet.md
    python bench/audit.py sample CORPUS_DIR --exclude-extractor naive_p --select NL3 -o sheet.md
    python bench/audit.py sample CORPUS/*.jsonl --new-since OLD.jsonl.gz --per-rule-new 12 --per-rule 3,NL101=8
    python bench/audit.py score sheet.md other.md
    python bench/audit.py strip sheet.md -o bench/audits/name.md
"""
from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from rule_precision import wilson

from newslint.config import Config
from newslint.engine import RuleSet, build_ruleset, lint_text, make_document
from newslint.fixes import splice
from newslint.model import Violation

VERDICTS = ("right", "wrong-fix", "wrong")
_VERDICT_SPELLINGS = {"right": "right", "wrong-fix": "wrong-fix", "wrong fix": "wrong-fix",
                      "wrong_fix": "wrong-fix", "wrongfix": "wrong-fix", "wrong": "wrong"}
TEXT_SUFFIXES = (".txt", ".md", ".markdown")
CONTEXT_LINES = 2
SHOWN_LINE = 1200  # characters of a long finding line shown around the finding
SHOWN_CONTEXT = 300  # characters of each line around it
SEP = " · "
ITEM = re.compile(r"^### (\d+)\. (.+)$")
FIELD = re.compile(r"^(verdict|note):[ \t]?(.*)$")


# ---------------------------------------------------------------- documents

@dataclass(frozen=True)
class Doc:
    source: str  # parent folder / file name: where the text comes from, without machine paths
    record: str  # record id (JSONL) or file name relative to its folder
    path: str  # the path the rules see (decides Markdown handling)
    text: str


def _name(path: Path) -> str:
    return f"{path.resolve().parent.name}/{path.name}"


def read_jsonl(path: Path, text_fields: tuple[str, ...]) -> Iterator[Doc]:
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            record = json.loads(line)
            text = next((record[f] for f in text_fields if isinstance(record.get(f), str)), "")
            yield Doc(_name(path), str(record.get("id", number)), "article.txt", text)


def read_folder(folder: Path) -> Iterator[Doc]:
    for path in sorted(p for p in folder.rglob("*") if p.suffix.lower() in TEXT_SUFFIXES):
        relative = path.relative_to(folder).as_posix()
        yield Doc(folder.resolve().name, relative, path.name, path.read_text(encoding="utf-8"))


def documents(inputs: list[Path], text_field: str, excluded: Iterable[str]) -> list[Doc]:
    """Every document of the inputs, in a fixed order (inputs sorted by name, then as stored)."""
    fields = (text_field, "scraped") if text_field != "scraped" else ("scraped",)
    skip = set(excluded)
    docs: list[Doc] = []
    for path in sorted(inputs, key=lambda p: (_name(p), str(p))):
        if path.is_dir():
            jsonl = sorted(path.glob("*.jsonl"))
            for file in jsonl or [path]:
                if file.stem in skip:
                    continue
                docs += read_jsonl(file, fields) if file.suffix == ".jsonl" else read_folder(file)
        elif path.stem not in skip:
            docs += read_jsonl(path, fields) if path.suffix == ".jsonl" else [
                Doc(path.resolve().parent.name, path.name, path.name, path.read_text(encoding="utf-8"))]
    return docs


# ---------------------------------------------------------------- findings

@dataclass(frozen=True)
class Finding:
    doc: int  # index into the document list
    violation: Violation


def findings(docs: list[Doc], ruleset: RuleSet) -> list[Finding]:
    ruleset.prepare([make_document(d.text, d.path, ruleset.config) for d in docs])
    found: list[Finding] = []
    for i, doc in enumerate(docs):
        found += (Finding(i, v) for v in lint_text(doc.text, ruleset, doc.path))
    return found


def sample(found: list[Finding], per_rule: int, seed: int, docs: list[Doc] | None = None,
           per_page: int = 0) -> dict[str, list[Finding]]:
    """Up to `per_rule` findings of each rule, drawn with a generator seeded by seed and rule.

    Each rule draws from its own generator, so narrowing `--select` leaves the other
    rules' samples as they were. The drawn findings keep the order of the corpus.
    With `per_page`, at most that many findings of a rule come from one record id (one
    page, even when several extractor files hold it); `docs` gives the record ids.
    """
    by_rule: dict[str, list[Finding]] = {}
    for finding in found:
        by_rule.setdefault(finding.violation.code, []).append(finding)
    drawn = {}
    for code in sorted(by_rule):
        pool = by_rule[code]
        generator = random.Random(f"{seed}:{code}")
        if per_page and docs is not None:
            picked = _spread(pool, per_rule, per_page, docs, generator)
        else:
            picked = generator.sample(range(len(pool)), min(per_rule, len(pool)))
        drawn[code] = [pool[i] for i in sorted(picked)]
    return drawn


def _spread(pool: list[Finding], wanted: int, per_page: int, docs: list[Doc],
            generator: random.Random) -> list[int]:
    """Indexes of up to `wanted` findings in random order, at most `per_page` per record id."""
    order = list(range(len(pool)))
    generator.shuffle(order)
    taken: Counter = Counter()
    picked = []
    for i in order:
        page = docs[pool[i].doc].record
        if taken[page] < per_page:
            taken[page] += 1
            picked.append(i)
            if len(picked) == wanted:
                break
    return picked


# ---------------------------------------------------------------- the sheet

PerRule = tuple[int, dict[str, int]]  # findings drawn per rule: a default, then rules of their own


def per_rule_counts(spec: str) -> PerRule:
    """`3` or `3,NL101=8,NL503=4`: findings drawn per rule, and rules drawn otherwise."""
    default, *own = [part.strip() for part in spec.split(",") if part.strip()]
    return int(default), {code: int(n) for code, n in (part.split("=") for part in own)}


def dump_names(docs: list[Doc]) -> list[str]:
    """Each JSONL document as `bench/equivalence.py dump` names it: `folder/file-stem:index`."""
    seen: Counter = Counter()
    names = []
    for doc in docs:
        stem = doc.source.rsplit(".", 1)[0]
        names.append(f"{stem}:{seen[stem]}")
        seen[stem] += 1
    return names


def dump_findings(path: Path) -> set[tuple[str, str, int, int]]:
    """(record, rule, start, end) of every finding in an equivalence dump."""
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        records = (json.loads(line) for line in handle)
        return {(r["doc"], f[0], f[1], f[2]) for r in records for f in r["findings"]}


def sample_new_first(found: list[Finding], docs: list[Doc], old: set[tuple[str, str, int, int]] | None,
                     per_rule_new: PerRule, per_rule: PerRule, seed: int,
                     per_page: int) -> dict[str, list[Finding]]:
    """Per rule, findings the code that made the dump `old` did not make (the latest
    changes), then others, each pool with its own seeded generator; in corpus order.
    Without a dump every finding is in the second pool."""
    names = dump_names(docs)
    pools: dict[str, dict[str, list[Finding]]] = {"new": {}, "old": {}}
    for finding in found:
        v = finding.violation
        tag = "old" if old is None or (names[finding.doc], v.code, v.start, v.end) in old else "new"
        pools[tag].setdefault(v.code, []).append(finding)
    drawn: dict[str, list[Finding]] = {}
    for tag, (default, own) in (("new", per_rule_new), ("old", per_rule)):
        for code in sorted(pools[tag]):
            pool, wanted = pools[tag][code], own.get(code, default)
            if wanted <= 0:
                continue
            generator = random.Random(f"{seed}:{tag}:{code}")
            picked = (_spread(pool, wanted, per_page, docs, generator) if per_page
                      else generator.sample(range(len(pool)), min(wanted, len(pool))))
            drawn.setdefault(code, []).extend(pool[i] for i in picked)
    return {code: sorted(f, key=lambda x: (x.doc, x.violation.start)) for code, f in sorted(drawn.items())}


def line_col(text: str, offset: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def printable(line: str) -> str:
    """A line as the sheet shows it: control characters escaped, so one text line is one sheet line."""
    return "".join(ch if ch.isprintable() or ch == "\t" else repr(ch)[1:-1] for ch in line)


def clip(line: str, around: tuple[int, int] | None, width: int) -> str:
    if len(line) <= width:
        return line
    lo, hi = around or (0, 0)
    start = max(0, min(lo - width // 2, len(line) - width))
    start = 0 if around is None else start
    return ("…" if start else "") + line[start : start + width] + ("…" if start + width < len(line) else "")


def context(text: str, start: int, end: int) -> list[str]:
    """The finding's lines, marked `>`, with CONTEXT_LINES lines either side, numbered."""
    lines = text.split("\n")
    first, _ = line_col(text, start)
    last, _ = line_col(text, max(start, end - 1) if end > start else start)
    shown = []
    for number in range(max(1, first - CONTEXT_LINES), min(len(lines), last + CONTEXT_LINES) + 1):
        line = lines[number - 1]
        if first <= number <= last:
            line_start = sum(len(x) + 1 for x in lines[: number - 1])
            body = clip(line, (start - line_start, end - line_start), SHOWN_LINE)
            mark = ">"
        else:
            body, mark = clip(line, None, SHOWN_CONTEXT), " "
        shown.append(f"    {mark}{number:5d} | {printable(body)}")
    return shown


def describe_fix(text: str, violation: Violation) -> list[str]:
    """What the fix does to the lines it touches: 'deletes line(s)' or the lines before and after."""
    fix = violation.fix
    if fix is None:
        return ["fix: none (report only)"]
    applicability = "safe" if fix.safe else "unsafe"
    lo = text.rfind("\n", 0, fix.start) + 1
    ends_line = fix.end > fix.start and text[fix.end - 1] == "\n"  # the edit takes the line feed too
    hi = text.find("\n", fix.end - 1 if ends_line else fix.end)
    hi = len(text) if hi < 0 else hi
    after_text = splice(text, list(fix.edits))
    delta = len(after_text) - len(text)
    before, after = text[lo:hi], after_text[lo : max(lo, hi + delta)]
    first, _ = line_col(text, lo)
    last, _ = line_col(text, hi)
    deleted = _deleted_lines(before, after)
    if deleted:
        numbers = [first + i for i in deleted]
        span = f"line {numbers[0]}" if len(numbers) == 1 else f"lines {numbers[0]}-{numbers[-1]}"
        return [f"fix ({applicability}): deletes {span}" + ("" if len(numbers) == numbers[-1] - numbers[0] + 1
                                                          else f" ({', '.join(map(str, numbers))})")]
    lines = f"line {first}" if first == last else f"lines {first}-{last}"
    out = [f"fix ({applicability}): {lines} {'becomes' if first == last else 'become'}"]
    trimmed_before, trimmed_after = _trim_common(before, after)
    out += [f"    - {printable(x)}" for x in trimmed_before.split("\n")]
    out += [f"    + {printable(x)}" for x in trimmed_after.split("\n")]
    return out


def _deleted_lines(before: str, after: str) -> list[int]:
    """Indexes of the lines of `before` that the fix removed, when it only removed whole
    lines (blank lines aside); else []."""
    old = before.split("\n")
    new = [x for x in after.split("\n") if x.strip()]
    kept, removed = 0, []
    for i, line in enumerate(old):
        if kept < len(new) and line == new[kept]:
            kept += 1
        elif line.strip():
            removed.append(i)
    return removed if kept == len(new) and removed else []


def _trim_common(before: str, after: str, keep: int = 80) -> tuple[str, str]:
    """Both texts without the long common start and end they share (keeping `keep` characters)."""
    prefix = 0
    while prefix < min(len(before), len(after)) and before[prefix] == after[prefix]:
        prefix += 1
    suffix = 0
    while (suffix < min(len(before), len(after)) - prefix
           and before[-1 - suffix] == after[-1 - suffix]):
        suffix += 1
    cut_start = max(0, prefix - keep)
    cut_end = max(0, suffix - keep)
    dots_start = "…" if cut_start else ""
    dots_end = "…" if cut_end else ""
    return (dots_start + before[cut_start : len(before) - cut_end] + dots_end,
            dots_start + after[cut_start : len(after) - cut_end] + dots_end)


def item_key(doc: Doc, violation: Violation) -> str:
    line, column = line_col(doc.text, violation.start)
    return SEP.join((violation.code, doc.source, doc.record, f"{line}:{column}"))


def render_item(number: int, doc: Doc, violation: Violation) -> list[str]:
    return [
        f"### {number}. {item_key(doc, violation)}",
        "",
        f"message: {printable(violation.message)}",
        *describe_fix(doc.text, violation),
        "",
        *context(doc.text, violation.start, violation.end),
        "",
        "verdict: ",
        "note: ",
        "",
    ]


def render_sheet(docs: list[Doc], drawn: dict[str, list[Finding]], header: list[str]) -> str:
    out = ["# newslint audit sheet", "", *header, "",
           "Fill each `verdict:` with right (a real artifact, the fix is correct), wrong-fix (a real",
           "artifact, but the fix damages the text) or wrong (not an artifact); `note:` is optional.",
           ""]
    number = 0
    for code, picked in drawn.items():
        out += [f"## {code}", ""]
        for finding in picked:
            number += 1
            out += render_item(number, docs[finding.doc], finding.violation)
    return "\n".join(out).rstrip("\n") + "\n"


# ---------------------------------------------------------------- reading sheets back

class SheetError(ValueError):
    pass


@dataclass(frozen=True)
class Judgement:
    key: str
    code: str
    verdict: str  # one of VERDICTS, or "" when not judged yet
    note: str
    where: str  # file:line of the item, for messages
    overrides: str = ""  # with `merge(later_wins=True)`: the earlier verdict it replaced, and where


def parse_verdict(raw: str, where: str) -> str:
    value = raw.strip().lower()
    if not value:
        return ""
    if value not in _VERDICT_SPELLINGS:
        raise SheetError(f"{where}: verdict {raw.strip()!r} is not one of {', '.join(VERDICTS)}")
    return _VERDICT_SPELLINGS[value]


def parse_sheet(text: str, name: str = "<sheet>") -> list[Judgement]:
    """The items of a sheet (full or stripped). Only unindented `verdict:`/`note:` lines count,
    so corpus text (always indented) can never be read as a verdict."""
    items: list[Judgement] = []
    current: dict | None = None

    def close() -> None:
        if current is not None:
            items.append(Judgement(current["key"], current["key"].split(SEP)[0], current.get("verdict", ""),
                                   current.get("note", ""), current["where"]))

    for number, line in enumerate(text.splitlines(), 1):
        heading = ITEM.match(line)
        if heading:
            close()
            key = heading.group(2).strip()
            if len(key.split(SEP)) != 4:
                raise SheetError(f"{name}:{number}: item heading {key!r} is not 'CODE · source · record · line:col'")
            current = {"key": key, "where": f"{name}:{number}"}
            continue
        field = FIELD.match(line)
        if not field:
            continue
        if current is None:
            raise SheetError(f"{name}:{number}: '{field.group(1)}:' outside an item")
        label, value = field.groups()
        if label in current:
            raise SheetError(f"{name}:{number}: second '{label}:' in item {current['key']!r}")
        where = f"{name}:{number}"
        current[label] = parse_verdict(value, where) if label == "verdict" else value.strip()
    close()
    seen: dict[str, str] = {}
    for item in items:
        if item.key in seen:
            raise SheetError(f"{item.where}: item {item.key!r} already at {seen[item.key]}")
        seen[item.key] = item.where
    return items


def strip_sheet(text: str, name: str = "<sheet>") -> str:
    """The sheet's header and its items' keys, verdicts and notes; no corpus text."""
    out = []
    for line in text.splitlines():
        if line.startswith(("## ", "### ")):
            break
        if line.startswith(("# ", "Sample: ")):  # the title and the sample command, nothing else
            out += [line, ""]
    out += ["Verdicts only: regenerate the full sheet with the command above.", ""]
    code = None
    for number, item in enumerate(parse_sheet(text, name), 1):
        if item.code != code:
            code = item.code
            out += [f"## {code}", ""]
        out += [f"### {number}. {item.key}", f"verdict: {item.verdict}", f"note: {item.note}".rstrip(), ""]
    return "\n".join(out).rstrip("\n") + "\n"


def merge(sheets: list[list[Judgement]], later_wins: bool = False) -> list[Judgement]:
    """The items of several sheets, a finding drawn into two of them counted once. Two
    different verdicts on one finding are an error, unless `later_wins`: then the later
    sheet's verdict stands (a stricter re-reading), and the item's `overrides` names the
    verdict it replaced."""
    merged: dict[str, Judgement] = {}
    for items in sheets:
        for item in items:
            seen = merged.get(item.key)
            if seen is None or not seen.verdict:
                merged[item.key] = item
            elif item.verdict and item.verdict != seen.verdict:
                earlier = f"{seen.verdict} at {seen.where}"
                if not later_wins:
                    raise SheetError(f"{item.where}: {item.key!r} is {item.verdict}, but {earlier}")
                merged[item.key] = replace(item, overrides=earlier)
    return list(merged.values())


# ---------------------------------------------------------------- scores and rates

def score(judgements: list[Judgement]) -> dict[str, dict]:
    """Per rule: counts of each verdict, unjudged items, precision right/judged and its interval."""
    table: dict[str, dict] = {}
    for item in judgements:
        row = table.setdefault(item.code, Counter())
        row[item.verdict or "unjudged"] += 1
    out = {}
    for code in sorted(table):
        row = table[code]
        judged = sum(row[v] for v in VERDICTS)
        low, high = wilson(row["right"], judged)
        out[code] = {**{v: row[v] for v in VERDICTS}, "unjudged": row["unjudged"], "judged": judged,
                     "precision": row["right"] / judged if judged else None, "low": low, "high": high}
    return out


def score_table(scores: dict[str, dict]) -> str:
    out = ["| rule | judged | right | wrong-fix | wrong | unjudged | precision | 95% interval |",
           "|---|---:|---:|---:|---:|---:|---:|---|"]
    total: Counter = Counter()
    for code, r in scores.items():
        total.update({k: r[k] for k in (*VERDICTS, "unjudged", "judged")})
        out.append(_score_row(code, r))
    if len(scores) > 1:
        low, high = wilson(total["right"], total["judged"])
        precision = total["right"] / total["judged"] if total["judged"] else None
        out.append(_score_row("all", {**total, "precision": precision, "low": low, "high": high}))
    return "\n".join(out)


def _score_row(code: str, r: dict) -> str:
    p = "-" if r["precision"] is None else f"{r['precision']:.3f}"
    interval = "-" if r["precision"] is None else f"[{r['low']:.3f}, {r['high']:.3f}]"
    return (f"| {code} | {r['judged']} | {r['right']} | {r['wrong-fix']} | {r['wrong']} |"
            f" {r['unjudged']} | {p} | {interval} |")


WORD = re.compile(r"\S+")


def rates(docs: list[Doc], found: list[Finding]) -> dict[str, dict]:
    """Per rule: findings, findings per 1,000 words (whitespace-separated), share of documents hit."""
    words = sum(len(WORD.findall(d.text)) for d in docs)
    count: Counter = Counter(f.violation.code for f in found)
    hit: dict[str, set[int]] = {}
    for f in found:
        hit.setdefault(f.violation.code, set()).add(f.doc)
    return {code: {"findings": count[code], "per_1000_words": 1000 * count[code] / words if words else 0.0,
                   "docs_share": len(hit[code]) / len(docs) if docs else 0.0}
            for code in sorted(count)}


def rates_table(docs: list[Doc], table: dict[str, dict]) -> str:
    words = sum(len(WORD.findall(d.text)) for d in docs)
    out = [f"{len(docs)} documents, {words} words", "",
           "| rule | findings | per 1,000 words | documents with one |", "|---|---:|---:|---:|"]
    out += [f"| {code} | {r['findings']} | {r['per_1000_words']:.3f} | {r['docs_share']:.1%} |"
            for code, r in table.items()]
    return "\n".join(out)


# ---------------------------------------------------------------- commands

def _ruleset(args: argparse.Namespace) -> RuleSet:
    split = [s.strip() for s in args.select.split(",") if s.strip()]
    ignore = tuple(s.strip() for s in args.ignore.split(",") if s.strip())
    return build_ruleset(Config(select=tuple(split) or None, ignore=ignore))


def _load(args: argparse.Namespace) -> tuple[list[Doc], list[Finding]]:
    docs = documents(args.inputs, args.text_field, args.exclude_extractor)
    ruleset = _ruleset(args)
    try:
        return docs, findings(docs, ruleset)
    finally:
        ruleset.close()


def command_header(args: argparse.Namespace) -> list[str]:
    inputs = " ".join(sorted(_name(p) if not p.is_dir() else p.resolve().name for p in args.inputs))
    options = [f"--per-rule {args.per_rule}", f"--seed {args.seed}"]
    options += [f"--per-page {args.per_page}"] * bool(args.per_page)
    options += [f"--select {args.select}"] * bool(args.select) + [f"--ignore {args.ignore}"] * bool(args.ignore)
    options += [f"--text-field {args.text_field}"] * (args.text_field != "text")
    options += [f"--exclude-extractor {x}" for x in args.exclude_extractor]
    options += [f"--skip {args.skip}"] * bool(args.skip)
    options += [f"--new-since {args.new_since.name}"] if args.new_since else []
    options += [f"--per-rule-new {args.per_rule_new}"] * bool(args.per_rule_new)
    options += [f"--skip-judged {' '.join(p.name for p in args.skip_judged)}"] * bool(args.skip_judged)
    return [f"Sample: `audit.py sample {inputs} {' '.join(options)}`"]


def run_sample(args: argparse.Namespace) -> int:
    docs, found = _load(args)
    if args.skip_judged:
        judged = {item.key for path in args.skip_judged
                  for item in parse_sheet(path.read_text(encoding="utf-8"), path.name)}
        found = [f for f in found if item_key(docs[f.doc], f.violation) not in judged]
    per_rule = per_rule_counts(args.per_rule)
    if args.new_since:
        new = per_rule_counts(args.per_rule_new) if args.per_rule_new else per_rule
        drawn = sample_new_first(found, docs, dump_findings(args.new_since), new, per_rule, args.seed, args.per_page)
    elif per_rule[1]:
        drawn = sample_new_first(found, docs, None, (0, {}), per_rule, args.seed, args.per_page)
    else:
        drawn = sample(found, per_rule[0], args.seed, docs, args.per_page)
    if args.skip:
        drawn = {c: f for c, f in drawn.items() if c not in set(args.skip.split(","))}
    sheet = render_sheet(docs, drawn, command_header(args))
    if args.output:
        args.output.write_text(sheet, encoding="utf-8")
    else:
        sys.stdout.write(sheet)
    print(rates_table(docs, rates(docs, found)), file=sys.stderr if not args.output else sys.stdout)
    return 0


def run_rates(args: argparse.Namespace) -> int:
    docs, found = _load(args)
    print(rates_table(docs, rates(docs, found)))
    return 0


def run_score(args: argparse.Namespace) -> int:
    try:
        judgements = merge([parse_sheet(path.read_text(encoding="utf-8"), str(path.name)) for path in args.sheets],
                           later_wins=args.later_wins)
    except SheetError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for item in judgements:
        if item.overrides:
            print(f"re-read: {item.key} is {item.verdict} at {item.where}, not {item.overrides}")
    if args.still_found:
        judgements, gone = still_found(judgements, args.still_found, args.text_field)
        print(f"{gone} judged findings are no longer made by the current code and are left out")
    scores = score(judgements)
    print(score_table(scores))
    if args.json:
        sheets = [path.name for path in args.sheets]
        args.json.write_text(json.dumps({"sheets": sheets, "rules": scores}, indent=1), encoding="utf-8")
    if args.notes:
        for item in judgements:
            if item.verdict in ("wrong", "wrong-fix"):
                print(f"- {item.key}: {item.verdict}" + (f" ({item.note})" if item.note else ""))
    return 0


def still_found(judgements: list[Judgement], inputs: list[Path], text_field: str) -> tuple[list[Judgement], int]:
    """The judgements whose finding the current rules still make on `inputs` (after a rule
    changed, a finding it no longer makes has no verdict to give), and how many were dropped.
    A fix only removes findings, so what is left is still a random sample of what remains."""
    codes = {item.code for item in judgements}
    docs = documents(inputs, text_field, ())
    ruleset = build_ruleset(Config(select=tuple(sorted(codes))))
    try:
        current = {item_key(docs[f.doc], f.violation) for f in findings(docs, ruleset)}
    finally:
        ruleset.close()
    kept = [item for item in judgements if item.key in current]
    return kept, len(judgements) - len(kept)


def run_strip(args: argparse.Namespace) -> int:
    try:
        stripped = strip_sheet(args.sheet.read_text(encoding="utf-8"), args.sheet.name)
    except SheetError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.output:
        args.output.write_text(stripped, encoding="utf-8")
    else:
        sys.stdout.write(stripped)
    return 0


def _corpus_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("inputs", type=Path, nargs="+", help="folders of .txt/.md files, JSONL files, "
                        "or folders of JSONL files")
    parser.add_argument("--text-field", default="text", help="JSONL field with the text (else `scraped`)")
    parser.add_argument("--exclude-extractor", action="append", default=[], metavar="NAME",
                        help="leave out JSONL files with this stem (e.g. naive_p); repeatable")
    parser.add_argument("--select", default="", help="comma-separated rule selectors (default: the default set)")
    parser.add_argument("--ignore", default="", help="comma-separated rule selectors to leave out")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    sampling = commands.add_parser("sample", help="write a review sheet of random findings per rule")
    _corpus_options(sampling)
    sampling.add_argument("--per-rule", default="15", help="findings drawn per rule: `15`, or `3,NL101=8` "
                          "for rules drawn otherwise")
    sampling.add_argument("--new-since", type=Path, metavar="DUMP",
                          help="an equivalence dump (`bench/equivalence.py dump`, JSONL inputs) of older code: "
                          "draw first from the findings it does not hold (`--per-rule-new`), then from the rest")
    sampling.add_argument("--per-rule-new", default="", help="with --new-since: findings drawn per rule from the "
                          "new ones (as --per-rule; default: --per-rule)")
    sampling.add_argument("--skip-judged", type=Path, nargs="+", default=[], metavar="SHEET",
                          help="leave out the findings these sheets judged")
    sampling.add_argument("--seed", type=int, default=1)
    sampling.add_argument("--per-page", type=int, default=0, metavar="N",
                          help="at most N findings of a rule from one record id (one page across "
                          "extractor files); default: no limit")
    sampling.add_argument("--skip", default="", help="comma-separated rule codes to leave out of the sheet "
                          "(still counted in the rates)")
    sampling.add_argument("-o", "--output", type=Path, help="the sheet (default: standard output)")
    sampling.set_defaults(run=run_sample)
    counting = commands.add_parser("rates", help="findings per 1,000 words and documents hit, per rule")
    _corpus_options(counting)
    counting.set_defaults(run=run_rates)
    scoring = commands.add_parser("score", help="precision per rule from filled sheets")
    scoring.add_argument("sheets", type=Path, nargs="+")
    scoring.add_argument("--notes", action="store_true", help="also list the wrong findings with their notes")
    scoring.add_argument("--json", type=Path, help="also write the scores per rule as JSON here")
    scoring.add_argument("--later-wins", action="store_true",
                         help="where two sheets disagree, the one named later stands (a stricter re-reading); "
                              "each such item is printed")
    scoring.add_argument("--still-found", type=Path, nargs="+", metavar="CORPUS",
                         help="the corpora the sheets were drawn from: leave out judged findings the "
                         "current rules no longer make")
    scoring.add_argument("--text-field", default="text", help="with --still-found: the field holding the text")
    scoring.set_defaults(run=run_score)
    stripping = commands.add_parser("strip", help="a filled sheet without corpus text")
    stripping.add_argument("sheet", type=Path)
    stripping.add_argument("-o", "--output", type=Path)
    stripping.set_defaults(run=run_strip)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
