#!/usr/bin/env python3
"""Can the end of an article be found from the text after it? Measures cut points in the tail.

After `--fix --unsafe-fixes`, most residue left in a labelled corpus lies after the
article's last paragraph, and most of it is prose: readers' comments whose headers the
extractor dropped, gallery captions, teasers with a sentence each, author boxes. This
script measures rules that judge that tail as a sequence: each picks one line of a fixed
text as the article's end and would delete everything from it on. A cut may start only
after 100 words and 3 prose lines, and only where 3 lines or more follow.

Strategies:
- `register`: the earliest line from which a share of the lines are in a reader's voice
  (first or second person, `!`, `?`, a lower-case start, `@name`, a thanks or agreement
  word; at least `level` of them), while at most a share of the article's prose is.
- `novelty`: the earliest line from which every line of 4 content words or more shares
  at most a share of them with the text before it (the tail is not about the article).
- `logistic`: a logistic model of the line, the mean of the lines from it to the end and
  that mean minus the article's, trained on one corpus and tested on the other, with the
  test pages of sites that also occur in the training corpus left out (held out by site).
  The cut is the earliest line from which the model says "after the article" at every
  later candidate line.

Per strategy and setting, per corpus and extractor: deletion precision (residue deleted /
(residue + clean deleted); neutral and unlabelled lines count neither way), the share of
the residue after the last clean line that it deletes, pages cut, sites cut.

With `--ceiling EVAL_BENCH` it also prints what is at stake: the share of the label oracle's
F1 gain as fixed, and with the residue left also deleted on pages without any clean line,
after the last clean line of the others, or there on the `--top` heaviest pages only
(scored by `score.py` and `eval_cleanup.py` of the corpora's bench folder).

Usage (pure Python; the fixes run in this process):
    python bench/tail_end.py ../shared/corpus/dev ../shared/corpus/dragnet
    python bench/tail_end.py DEV DRAGNET --only justext,readability --strategy logistic
    python bench/tail_end.py DEV DRAGNET --strategy "" --ceiling ../shared/bench
"""
from __future__ import annotations

import argparse
import functools
import json
import math
import random
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from newslint.config import Config
from newslint.engine import build_ruleset, fix_text
from newslint.rules._prose import is_prose

WORD = re.compile(r"\w+")
MIN_WORDS, MIN_PROSE, MIN_AFTER = 100, 3, 3
_FIRST = re.compile(r"\b(?:I|me|my|mine|I'm|I've|I'd|I’m|I’ve|I’d)\b")
_SECOND = re.compile(r"(?i)\b(?:you|your|yours|you're|you’re)\b")
_HANDLE = re.compile(r"(?<!\w)@\w+")
_TIME = re.compile(r"(?i)\b\d{1,2}:\d{2}\s*(?:am|pm|a\.m\.|p\.m\.)?")
_DATE = re.compile(r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?"
                   r"\s+\d{4}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b")
_URL = re.compile(r"(?i)https?://|www\.")
_CUE = re.compile(r"(?i)\b(?:thanks|thank you|great (?:post|article|piece|read)|lol|agree|disagree|nice post"
                  r"|well said|love (?:this|it|your)|awesome)\b")
_ENDS = re.compile(r"[.!?:;\"”’)]\s*$")
_STOP = frozenset("""a an the and or but if of to in on at by for with from as is are was were be been being this that
these those it its he she they them his her their we us our i me my you your not no so than then there here what which
who whom whose when where why how all any some more most other such only own same too very can will just should now
would could may might must also into over after before about up down out off again further once has have had do does
did said says""".split())


@dataclass(frozen=True)
class Page:
    """A fixed text's non-blank lines with their labels (`clean`, `residue`, `neutral`, `none`)."""

    corpus: str
    extractor: str
    site: str
    lines: tuple[str, ...]
    labels: tuple[str, ...]
    record: dict = field(default_factory=dict, compare=False, repr=False)
    fixed: str = field(default="", compare=False, repr=False)

    @property
    def last_clean(self) -> int:
        return max((i for i, label in enumerate(self.labels) if label == "clean"), default=-1)


def line_key(text: str) -> str:
    return " ".join(WORD.findall(text)).lower()


def site_of(url: str) -> str:
    return urlparse(url).netloc.removeprefix("www.") if "//" in url else url


def labels_by_key(record: dict) -> dict[str, str]:
    """Label of each labelled line's words; a line labelled clean anywhere counts as clean."""
    text, found = record.get("scraped") or "", {}
    for item in record["line_labels"]:
        key = line_key(text[item["start"]:item["end"]])
        if key and found.get(key) != "clean" and (key not in found or item["label"] in ("clean", "residue")):
            found[key] = item["label"]
    return found


def load_pages(corpus: Path, only: list[str] | None, limit: int | None) -> list[Page]:
    """Fix every record with unsafe fixes on and label the fixed lines."""
    ruleset, pages = build_ruleset(Config()), []
    for path in sorted(corpus.glob("*.jsonl")):
        if only and path.stem not in only:
            continue
        with open(path, encoding="utf-8") as handle:
            for n, raw in enumerate(handle):
                if limit is not None and n >= limit:
                    break
                record = json.loads(raw)
                fixed = fix_text(record["scraped"], ruleset, unsafe=True).text if record.get("scraped") else ""
                lines = tuple(line.strip() for line in fixed.split("\n") if line.strip())
                known = labels_by_key(record)
                labels = tuple(known.get(line_key(line), "none") for line in lines)
                site = site_of(record.get("site_or_url", ""))
                pages.append(Page(corpus.name, path.stem, site, lines, labels, record, fixed))
    ruleset.close()
    return pages


def content_words(line: str) -> frozenset[str]:
    return frozenset(w for w in WORD.findall(line.lower()) if len(w) >= 4 and w not in _STOP and not w.isdigit())


def voice(line: str) -> int:
    """How many marks of a reader's voice a line has."""
    return sum(bool(x) for x in (_FIRST.search(line), _SECOND.search(line), "!" in line, "?" in line,
                                 line[:1].islower(), _HANDLE.search(line), _CUE.search(line)))


def line_features(line: str) -> list[float]:
    words = line.split()
    n = max(len(words), 1)
    return [math.log1p(len(words)), float(bool(_FIRST.search(line))), float(bool(_SECOND.search(line))),
            float("?" in line), float("!" in line), float(line[:1].islower()), float(bool(_HANDLE.search(line))),
            float(bool(_TIME.search(line))), float(bool(_DATE.search(line))), float(bool(_URL.search(line))),
            float(bool(_CUE.search(line))), float(not _ENDS.search(line)),
            sum(1 for w in words if w[:1].isupper()) / n, float(len(words) <= 6), float(len(words) >= 25),
            sum(c.isdigit() for c in line) / max(len(line), 1), float(is_prose(line))]


def candidates(page: Page) -> list[int]:
    """Lines where a cut may start: after the article's opening, with lines left after them."""
    out, words, prose = [], 0, 0
    for k, line in enumerate(page.lines):
        if words >= MIN_WORDS and prose >= MIN_PROSE and len(page.lines) - k >= MIN_AFTER:
            out.append(k)
        words += len(line.split())
        prose += is_prose(line)
    return out


# ---------------------------------------------------------------- hand-set strategies

def register_cut(page: Page, level: int, tail_share: float, article_share: float) -> int | None:
    marked = [voice(line) >= level for line in page.lines]
    prose = [is_prose(line) for line in page.lines]
    for k in candidates(page):
        before = [m for m, p in zip(marked[:k], prose[:k]) if p]
        after = marked[k:]
        if marked[k] and sum(after) / len(after) >= tail_share and sum(before) / len(before) <= article_share:
            return k
    return None


def novelty_cut(page: Page, max_shared: float, min_lines: int) -> int | None:
    words = [content_words(line) for line in page.lines]
    for k in candidates(page):
        seen = frozenset().union(*words[:k])
        shares = [len(w & seen) / len(w) for w in words[k:] if len(w) >= 4]
        if len(shares) >= min_lines and max(shares) <= max_shared:
            return k
    return None


# ---------------------------------------------------------------- logistic model

def rows(page: Page) -> list[tuple[int, list[float]]]:
    """Per candidate line: its features, the mean from it to the end, and that mean minus the article's."""
    feats = [line_features(line) for line in page.lines]
    if not feats:
        return []
    width, n = len(feats[0]), len(feats)
    suffix = [[0.0] * width for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        suffix[i] = [a + b for a, b in zip(suffix[i + 1], feats[i])]
    out, allowed = [], set(candidates(page))
    prose_sum, prose_count = [0.0] * width, 0
    for k in range(n):
        if k in allowed:
            after = [v / (n - k) for v in suffix[k]]
            article = [v / prose_count for v in prose_sum]
            out.append((k, feats[k] + after + [a - b for a, b in zip(after, article)] + [math.log1p(n - k)]))
        if feats[k][-1]:  # the line is prose
            prose_sum = [a + b for a, b in zip(prose_sum, feats[k])]
            prose_count += 1
    return out


@dataclass(frozen=True)
class Model:
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float

    def score(self, x: list[float]) -> float:
        z = self.bias + sum(w * (v - m) / s for w, v, m, s in zip(self.weights, x, self.mean, self.scale))
        return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


def train(pages: list[Page], epochs: int = 4, rate: float = 0.05, l2: float = 1e-4, seed: int = 0) -> Model:
    """Logistic regression by SGD: is the candidate line after the article's last clean line?"""
    data = [(x, float(k > page.last_clean)) for page in pages for k, x in rows(page)]
    cols = list(zip(*(x for x, _ in data)))
    mean = tuple(sum(c) / len(c) for c in cols)
    scale = tuple(max(math.sqrt(sum((v - m) ** 2 for v in c) / len(c)), 1e-6) for c, m in zip(cols, mean))
    data = [([(v - m) / s for v, m, s in zip(x, mean, scale)], y) for x, y in data]
    weights, bias = [0.0] * len(mean), 0.0
    shuffle = random.Random(seed).shuffle
    for _ in range(epochs):
        shuffle(data)
        for z, y in data:
            p = 1 / (1 + math.exp(-max(-30.0, min(30.0, bias + sum(w * v for w, v in zip(weights, z))))))
            g = p - y
            weights = [w - rate * (g * v + l2 * w) for w, v in zip(weights, z)]
            bias -= rate * g
    return Model(mean, scale, tuple(weights), bias)


def model_cut(page: Page, model: Model, threshold: float) -> int | None:
    cut = None
    for k, x in reversed(rows(page)):
        if model.score(x) < threshold:
            break
        cut = k
    return cut


# ---------------------------------------------------------------- measuring

def measure(pages: list[Page], cut) -> dict[str, list]:
    """Per extractor: residue deleted, clean deleted, residue after the last clean line, pages, sites."""
    tally: dict[str, list] = defaultdict(lambda: [0, 0, 0, 0, set()])
    for page in pages:
        row, last = tally[page.extractor], page.last_clean
        row[2] += sum(1 for label in page.labels[last + 1:] if label == "residue")
        k = cut(page)
        if k is None:
            continue
        row[0] += sum(1 for label in page.labels[k:] if label == "residue")
        row[1] += sum(1 for label in page.labels[k:] if label == "clean")
        row[3] += 1
        row[4].add(page.site)
    return tally


def report(name: str, corpus: str, tally: dict[str, list]) -> None:
    cells = []
    for extractor, (residue, clean, tail, cut_pages, sites) in sorted(tally.items()):
        precision = residue / (residue + clean) if residue + clean else float("nan")
        cells.append(f"{extractor} P {precision:.3f} ({residue}/{clean}) rec {residue / max(tail, 1):.2f} "
                     f"pages {cut_pages} sites {len(sites)}")
    print(f"{name:34} {corpus:8} " + " | ".join(cells), flush=True)


# ---------------------------------------------------------------- what deleting the tail would give

def residue_zones(record: dict) -> tuple[set[str], set[str]]:
    """The residue lines (headlines aside) of a page without any clean line, and those after
    the last clean line of a page with one, as `eval_cleanup.py`'s oracle deletes them."""
    text = record.get("scraped") or ""
    labels = [x for x in record["line_labels"] if text[x["start"]:x["end"]].strip()]
    clean = [k for k, x in enumerate(labels) if x["label"] == "clean"]
    residue = {k: text[x["start"]:x["end"]].strip() for k, x in enumerate(labels)
               if x["label"] == "residue" and x.get("kind") != "headline"}
    if not clean:
        return set(residue.values()), set()
    return set(), {line for k, line in residue.items() if k > clean[-1]}


def ceiling(pages: list[Page], scorer: Path, top: int) -> None:
    """Share of the label oracle's F1 gain: as fixed, and with the residue that is left also
    deleted on pages without a clean line, after the last clean line, or only on the `top`
    pages with the most words of it after the last clean line."""
    sys.path.insert(0, str(scorer))
    import score  # the official scorer and oracle, beside eval_cleanup.py
    from eval_cleanup import oracle_text

    def without(fixed: str, lines: set[str]) -> str:
        return "\n".join(line for line in fixed.split("\n") if line.strip() not in lines)

    by_extractor: dict[str, list[Page]] = defaultdict(list)
    for page in pages:
        by_extractor[page.extractor].append(page)
    for extractor, group in sorted(by_extractor.items()):
        zones = [residue_zones(page.record) for page in group]
        left = [sum(len(line.split()) for line in page.fixed.split("\n") if line.strip() in tail)
                for page, (_, tail) in zip(group, zones)]
        heaviest = set(sorted(range(len(group)), key=lambda i: -left[i])[:top])
        texts = {
            "raw": [page.record.get("scraped") or "" for page in group],
            "oracle": [oracle_text(page.record) for page in group],
            "fixed": [page.fixed for page in group],
            "+no-clean pages": [without(p.fixed, wrong) for p, (wrong, _) in zip(group, zones)],
            "+tail": [without(p.fixed, tail) for p, (_, tail) in zip(group, zones)],
            f"+tail top {top}": [without(p.fixed, tail) if i in heaviest else p.fixed
                                 for i, (p, (_, tail)) in enumerate(zip(group, zones))],
        }
        f1 = {name: score.evaluate([score.neutral_pair(p.record, t) for p, t in zip(group, variant)], n_boot=0)["f1"]
              for name, variant in texts.items()}
        gain = f1["oracle"] - f1["raw"]
        shares = [f"{name} {(value - f1['raw']) / gain:4.0%}" for name, value in f1.items()
                  if name not in ("raw", "oracle")]
        print(f"ceiling {group[0].corpus:8} {extractor:12} " + "  ".join(shares), flush=True)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("first", type=Path, help="a labelled corpus (DEV)")
    parser.add_argument("second", type=Path, help="another labelled corpus (DRAGNET)")
    parser.add_argument("--only", help="extractors, comma-separated")
    parser.add_argument("--limit", type=int, help="the first N records of each extractor")
    parser.add_argument("--strategy", default="register,novelty,logistic")
    parser.add_argument("--ceiling", type=Path, metavar="EVAL_BENCH",
                        help="also print the share of the oracle's gain that deleting the left residue would give, "
                             "scored by score.py and eval_cleanup.py of this folder (the corpora's bench/)")
    parser.add_argument("--top", type=int, default=10, help="with --ceiling: the pages of the `top` variant")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    only = args.only.split(",") if args.only else None
    corpora = {c.name: load_pages(c, only, args.limit) for c in (args.first, args.second)}
    strategies = args.strategy.split(",") if args.strategy else []
    if args.ceiling:
        for pages in corpora.values():
            ceiling(pages, args.ceiling, args.top)
    if "register" in strategies:
        for level, tail_share, article_share in ((2, 0.6, 0.15), (2, 0.7, 0.1), (1, 0.8, 0.2)):
            for name, pages in corpora.items():
                report(f"register {level} {tail_share} {article_share}", name,
                       measure(pages, functools.partial(register_cut, level=level, tail_share=tail_share,
                                                        article_share=article_share)))
    if "novelty" in strategies:
        for max_shared, min_lines in ((0.1, 3), (0.15, 2), (0.2, 3)):
            for name, pages in corpora.items():
                report(f"novelty {max_shared} {min_lines}", name,
                       measure(pages, functools.partial(novelty_cut, max_shared=max_shared, min_lines=min_lines)))
    if "logistic" in strategies:
        names = list(corpora)
        for train_name, test_name in ((names[0], names[1]), (names[1], names[0])):
            model = train(corpora[train_name])
            seen = {page.site for page in corpora[train_name]}
            held_out = [page for page in corpora[test_name] if page.site not in seen]
            for threshold in (0.5, 0.7, 0.8, 0.9, 0.95):
                report(f"logistic {train_name}->{test_name} t={threshold}", test_name,
                       measure(held_out, functools.partial(model_cut, model=model, threshold=threshold)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
