#!/usr/bin/env python3
"""Adversarial text for every built-in rule: does the time stay linear in the input size?

Two levels are measured, each at a size n and at `--factor` times n:

1. Patterns. Every compiled regular expression held by newslint's modules (rules, their
   helpers, the document model, Markdown masking) runs `finditer` over "pumped" strings:
   one short piece repeated many times, with a character that breaks the match at the
   end, the classic shape of catastrophic-backtracking input. The pieces are generic
   (letters, digits, spaces, punctuation, quotes, line breaks, entities, mojibake) plus
   the literal characters of the pattern itself. Each pattern is screened with every
   piece at a small size, and its slowest pieces are then timed at n and factor x n.
   `finditer` from every position is harsher than some rules' own use (an anchored
   `match`), so a slow pattern here is a lead to follow, not yet a verdict.
2. Rules. Each rule's `check` runs on documents built from the same pieces (one long
   line, and many short lines), on the rules' own phrase lists repeated, and on real
   text: every rule's fixtures (`fixtures/<CODE>/ok_*`, `bad_*`), the reference article
   and the corpus files given as arguments, each repeated as it is and squeezed onto
   one line. Then the whole engine (`fix_text` with every rule) runs on each document,
   as .txt and as .md.
3. User patterns. For `--user-patterns` seconds, random patterns go through
   `newslint.patterns.compile_user_pattern`; each one it accepts runs anchored to whole
   lines (`^(?:...)$`, MULTILINE) over pumped lines: the accepted share and any that
   still grow faster than linearly are listed.

A measurement is superlinear when time(factor x n) / time(n) exceeds `--max-ratio`
(the default, 2.5 x factor, sits well below the factor squared that a quadratic shows)
and the larger time is above `--floor` seconds (below it, timer noise rules). Any single
run over `--timeout` seconds counts as superlinear too.

Usage:
    python bench/redos.py                      # every built-in rule, n = 20000 characters
    python bench/redos.py path/to/corpus/naive_p.jsonl --skip-patterns
    python bench/redos.py --size 50000 --factor 4 --rules NL301,NL5
    python bench/redos.py --json redos.json

Exit status 1 when a rule or the engine (level 2) is superlinear or raises (a crash, fixes
that do not settle); slow patterns (levels 1 and 3) are listed but only fail the run with
--strict-patterns.
"""
from __future__ import annotations

import argparse
import json
import random
import signal
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from types import ModuleType

import regex

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newslint.config import Config  # noqa: E402
from newslint.document import Document  # noqa: E402
from newslint.engine import build_ruleset, fix_text  # noqa: E402
from newslint.registry import all_rules  # noqa: E402
from newslint.rules._lazy import LazyPattern  # noqa: E402

# Short pieces that, repeated, drive typical patterns into their slow paths.
PIECES = (
    "a", "A", "aA", "Aa ", "1", "1,", "1.", " ", "  ", "\t", "\n", "\n\n", " \n", "\r\n", ".", ". ", "a. ", "a.",
    ",", "-", "a-", "- ", "'", "’", "“", "”", "\"", "(", ")", "[", "]", "&", "&amp;", "&#", "#", ";", ":", "/",
    "//", "@", "a@", "*", "_", "`", "<", "<a", "é", "Ж", "中", "\u00a0", "\u200b", "\u00ad", "Ã©", "â€", "http://",
    "www.", "a/", "A.", "Mr. ", "—", "…", "?", "!", "|", "aa ", "The ", "the ", "A a", "a a.", "1 a",
    "`a", "[a", "](", "*a", "_a", "<!--", "# a\n", "> ", "```\n",  # Markdown
    "<b>", "</p>", "<br/>", "&amp;amp;", "&#", "The vote was delayed again. ",  # markup, repeats
)
BREAKERS = ("!", "\x00", "\n")
SCREEN_SIZE = 2_000
KEEP_PIECES = 4


@dataclass
class Result:
    level: str  # pattern, rule or engine
    name: str
    piece: str
    small: float
    large: float
    ratio: float
    superlinear: bool


FAILURES: list[str] = []  # errors raised while measuring (a rule crash, fixes that never settle)


def _alarm(signum: int, frame: object) -> None:
    raise TimeoutError


def timed(action: Callable[[], object], timeout: float) -> float:
    """Seconds `action` takes; infinity past `timeout` (an alarm stops Python code, regex's own
    `timeout=` stops a pattern)."""
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    started = time.perf_counter()
    try:
        action()
    except TimeoutError:
        return float("inf")
    except Exception as exc:  # noqa: BLE001 - reported at the end, the measurement goes on
        if isinstance(getattr(exc, "exc", None), TimeoutError):  # the alarm, inside a rule (RuleCrashed)
            return float("inf")
        FAILURES.append(f"{type(exc).__name__}: {exc}")
        return float("inf")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    elapsed = time.perf_counter() - started
    return float("inf") if elapsed > timeout else elapsed


def pumped(piece: str, size: int, breaker: str = "!") -> str:
    return "x" + piece * max(1, size // max(1, len(piece))) + breaker


def verdict(small: float, large: float, args: argparse.Namespace) -> tuple[float, bool]:
    if large == float("inf"):
        return float("inf"), True
    ratio = large / small if small > 0 else 0.0
    return ratio, ratio > args.max_ratio and large > args.floor


# ---- level 1: patterns ----

def newslint_modules() -> list[ModuleType]:
    [info.cls for info in all_rules().values()]  # imports every rule module and its helpers
    return [m for name, m in sorted(sys.modules.items()) if name.startswith("newslint") and m is not None]


def patterns() -> dict[str, regex.Pattern]:
    found: dict[str, regex.Pattern] = {}
    for module in newslint_modules():
        for attr, value in vars(module).items():
            if isinstance(value, LazyPattern):
                value = value.compiled  # compiled on first use in a run; measured all the same
            if isinstance(value, regex.Pattern) and id(value) not in {id(p) for p in found.values()}:
                found[f"{module.__name__}.{attr}"] = value
    return found


def literal_pieces(pattern: regex.Pattern) -> list[str]:
    """Characters the pattern spells out (outside escapes), as extra pieces."""
    source = regex.sub(r"\\[pPN]\{[^}]*\}|\\.", "", pattern.pattern)
    return sorted({c for c in source if c.isprintable() and c not in "()[]{}|*+?^$\\"})[:20]


def measure_pattern(name: str, pattern: regex.Pattern, args: argparse.Namespace) -> Result:
    pieces = list(dict.fromkeys((*PIECES, *literal_pieces(pattern))))
    screened = []
    for piece in pieces:
        for breaker in BREAKERS:
            text = pumped(piece, SCREEN_SIZE, breaker)
            cost = timed(lambda t=text: list(pattern.finditer(t, timeout=args.timeout)), args.timeout)
            screened.append((cost, piece, breaker))
    screened.sort(reverse=True)
    worst = None
    for _, piece, breaker in screened[:KEEP_PIECES]:
        small_text, large_text = pumped(piece, args.size, breaker), pumped(piece, args.size * args.factor, breaker)
        small = min(timed(lambda t=small_text: list(pattern.finditer(t, timeout=args.timeout)), args.timeout)
                    for _ in range(2))
        large = min(timed(lambda t=large_text: list(pattern.finditer(t, timeout=args.timeout)), args.timeout)
                    for _ in range(2))
        ratio, bad = verdict(small, large, args)
        result = Result("pattern", name, piece + breaker, small, large, ratio, bad)
        if worst is None or (bad, large) > (worst.superlinear, worst.large):
            worst = result
    assert worst is not None
    return worst


# ---- level 2: rules and the engine ----

def phrase_pieces() -> list[str]:
    """A few entries of each of the rules' own lists, as pieces (the rules look for these)."""
    data = ROOT / "rules" / "data"
    pieces = []
    for path in sorted(data.glob("*.txt")):
        lines = [x.strip() for x in path.read_text(encoding="utf-8").splitlines() if x.strip() and x[0] != "#"]
        pieces += [line + " " for line in lines[:3]] + [line + "\n" for line in lines[:2]]
    return pieces


def sample_texts(corpus: list[Path]) -> list[tuple[str, str]]:
    """(label, text): the rules' own fixtures (real artifacts each rule must find or pass),
    the reference article, and the `scraped` texts of any JSONL corpus files given."""
    found = [(f"fixture:{p.parent.name}/{p.name}", p.read_text(encoding="utf-8"))
             for p in sorted((ROOT / "fixtures").glob("*/[ob][ka]*_*.*"))
             if p.suffix in (".txt", ".md") and ".fixed." not in p.name]
    for path in corpus:
        with path.open(encoding="utf-8") as handle:
            records = [json.loads(line) for line in handle]
        texts = [r["scraped"] for r in records if r.get("scraped")]
        found.append((f"corpus:{path.name}", "\n\n".join(texts[:50])))
    return found


def repeated(text: str, size: int) -> str:
    return (text * (1 + size // max(1, len(text))))[:size]


def documents(size: int, samples: list[tuple[str, str]]) -> Iterable[tuple[str, str]]:
    """(label, text) pairs of adversarial documents of about `size` characters."""
    for piece in (*PIECES, *phrase_pieces()):
        yield f"line:{piece!r}", pumped(piece, size)
        yield f"bare line:{piece!r}", repeated(piece, size) + " text"  # no lead character to fail on
        short = (piece * max(1, 40 // max(1, len(piece)))).replace("\n", " ") + "\n"
        yield f"lines:{piece!r}", short * max(1, size // len(short))
    for label, text in samples:  # real text, repeated as it is and squeezed onto one line
        if text.strip():
            yield f"{label} repeated", repeated(text + "\n\n", size)
            yield f"{label} on one line", repeated(" ".join(text.split()) + " ", size)


def measure_rules(codes: list[str], args: argparse.Namespace) -> list[Result]:
    ruleset = build_ruleset(Config(select=tuple(codes)))
    samples = sample_texts(args.corpus)
    small_docs = dict(documents(args.size, samples))
    large_docs = dict(documents(args.size * args.factor, samples))
    results = []
    for rule in ruleset.rules:
        results.append(worst_of(f"{rule.code} {rule.name}", "rule", small_docs, large_docs,
                                lambda text, r=rule: list(r.check(Document(text, "a.txt"))), args))
    for path in ("a.txt", "a.md"):
        results.append(worst_of(f"fix_text with every rule on {path}", "engine", small_docs, large_docs,
                                lambda text, p=path: fix_text(text, ruleset, p, unsafe=True), args))
    ruleset.close()
    return results


def worst_of(name: str, level: str, small_docs: dict[str, str], large_docs: dict[str, str],
             run: Callable[[str], object], args: argparse.Namespace) -> Result:
    """Screen every document once at both sizes; time the steepest few again, best of two."""
    screened = []
    for label, small_text in small_docs.items():
        small = timed(lambda t=small_text: run(t), args.timeout)
        large = timed(lambda t=large_docs[label]: run(t), args.timeout)
        screened.append((verdict(small, large, args)[0] if large > args.floor / 4 else 0.0, large, label))
    screened.sort(reverse=True)
    worst = None
    for _, _, label in screened[:KEEP_PIECES] + sorted(screened, key=lambda s: s[1])[-1:]:
        small = min(timed(lambda t=small_docs[label]: run(t), args.timeout) for _ in range(2))
        large = min(timed(lambda t=large_docs[label]: run(t), args.timeout) for _ in range(2))
        ratio, bad = verdict(small, large, args)
        result = Result(level, name, label, small, large, ratio, bad)
        if worst is None or (bad, ratio if bad else large) > (worst.superlinear, worst.ratio if worst.superlinear
                                                               else worst.large):
            worst = result
    assert worst is not None
    return worst


# ---- level 3: what compile_user_pattern lets through ----

_ATOMS = ("a", "b", ".", r"\w", r"\d", r"\s", r"\S", "[ab]", "[^a]", " ", ",", "x", r"\.", r"\b", "^", "$")
_QUANTIFIERS = ("*", "+", "?", "{2}", "{1,3}", "{2,}", "*?", "++")


def random_pattern(rng: random.Random, depth: int = 0) -> str:
    parts = []
    for _ in range(rng.randint(1, 4)):
        if rng.random() < 0.25 and depth < 3:
            item = "(?:" + "|".join(random_pattern(rng, depth + 1) for _ in range(rng.randint(1, 3))) + ")"
        else:
            item = rng.choice(_ATOMS)
        if rng.random() < 0.5 and item not in ("^", "$", r"\b"):
            item += rng.choice(_QUANTIFIERS)
        parts.append(item)
    return "".join(parts)


def measure_user_patterns(args: argparse.Namespace) -> tuple[int, int, list[Result]]:
    """(accepted, refused, superlinear results) for random patterns run anchored to whole lines."""
    from newslint.errors import ConfigError
    from newslint.patterns import compile_user_pattern

    rng = random.Random(args.seed)
    accepted = refused = 0
    slow: list[Result] = []
    deadline = time.monotonic() + args.user_patterns
    while time.monotonic() < deadline:
        source = random_pattern(rng)
        try:
            compile_user_pattern(source, "bench")
        except ConfigError:
            refused += 1
            continue
        accepted += 1
        anchored = regex.compile(rf"^(?:{source})$", regex.M)
        for piece in ("a", "b", "ab", "a ", " ", ".", "x", "1", "a,", "a.", "aa "):
            small_text, large_text = pumped(piece, 2_000), pumped(piece, 2_000 * args.factor)
            small = timed(lambda p=anchored, t=small_text: list(p.finditer(t, timeout=args.timeout)), args.timeout)
            large = timed(lambda p=anchored, t=large_text: list(p.finditer(t, timeout=args.timeout)), args.timeout)
            ratio, bad = verdict(small, large, args)
            if bad:
                slow.append(Result("user", source, piece, small, large, ratio, True))
                break
    return accepted, refused, slow


def selected_codes(spec: str | None) -> list[str]:
    # Rules that call an outside service (kept to one process) are left out.
    codes = [c for c, info in all_rules().items() if info.package == "newslint" and not info.cls.needs_setup]
    if spec:
        wanted = [s.strip() for s in spec.split(",") if s.strip()]
        codes = [c for c in codes if any(c.startswith(w) for w in wanted)]
    return codes


def report(results: list[Result]) -> None:
    print(f"{'level':<8} {'what':<58} {'worst input':<22} {'t(n) s':>9} {'t(kn) s':>9} {'ratio':>7}")
    for r in results:
        mark = "  SUPERLINEAR" if r.superlinear else ""
        print(f"{r.level:<8} {r.name[:58]:<58} {r.piece[:22]!r:<22} {r.small:>9.4f} {r.large:>9.4f} "
              f"{r.ratio:>7.1f}{mark}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="*", type=Path,
                        help="JSONL corpus files (field `scraped`) whose text is used as well")
    parser.add_argument("--size", type=int, default=20_000, help="n, characters (default 20000)")
    parser.add_argument("--factor", type=int, default=4, help="the larger input is factor x n (default 4)")
    parser.add_argument("--max-ratio", type=float, help="largest linear time ratio (default 2.5 x factor)")
    parser.add_argument("--floor", type=float, default=0.05, help="seconds below which no ratio counts")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds one run may take (default 10)")
    parser.add_argument("--rules", help="comma-separated codes or prefixes (default: every offline built-in rule)")
    parser.add_argument("--patterns", help="only patterns whose module.NAME contains this text")
    parser.add_argument("--skip-patterns", action="store_true", help="measure rules and the engine only")
    parser.add_argument("--skip-rules", action="store_true", help="measure patterns only")
    parser.add_argument("--strict-patterns", action="store_true", help="a slow pattern fails the run too")
    parser.add_argument("--user-patterns", type=float, default=30.0,
                        help="seconds of random user patterns through compile_user_pattern (0: skip)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the random user patterns")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)
    args.max_ratio = args.max_ratio or 2.5 * args.factor
    results: list[Result] = []
    if not args.skip_patterns:
        for name, pattern in patterns().items():
            if args.patterns is None or args.patterns in name:
                results.append(measure_pattern(name, pattern, args))
    if not args.skip_rules:
        results += measure_rules(selected_codes(args.rules), args)
    if args.user_patterns > 0:
        accepted, refused, slow = measure_user_patterns(args)
        results += slow
    report(results)
    if args.user_patterns > 0:
        print(f"\nrandom user patterns: {accepted} accepted, {refused} refused by compile_user_pattern, "
              f"{len(slow)} accepted ones superlinear when anchored to lines")
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in results], indent=2, default=str), encoding="utf-8")
    for failure in sorted(set(FAILURES)):
        print(f"error while measuring: {failure}")
    failing = [r for r in results if r.superlinear and (r.level in ("rule", "engine") or args.strict_patterns)]
    slow_patterns = [r for r in results if r.superlinear and r.level in ("pattern", "user")]
    print(f"\n{len(results)} measurements; superlinear: {len(failing)} rule/engine, {len(slow_patterns)} pattern")
    return 1 if failing or FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
