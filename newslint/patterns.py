"""User-supplied regular expressions (rule options): compiled only when valid and safe to run.

A pattern from a config file runs on every line of every article, so one that can
backtrack catastrophically would hang the linter on a long line. `compile_user_pattern`
rejects, with a one-line `ConfigError`, patterns that do not compile and patterns whose
shape is known to backtrack badly:

- a repeated group that contains a repeat: `(a+)+`, `(?:\\w+\\.)+com`, `(\\s*,)*`;
- alternatives inside a repeated group that can start with the same character: `(a|a)*`,
  `(?:\\w|\\d)+`;
- two unbounded repeats in a row that can match the same characters, with nothing
  between them that only one of them matches: `\\w+\\w+`, `.*x.*y`, `\\w+\\s*\\w+`
  (polynomial: quadratic or worse in the line length);
- backreferences, recursion and conditionals, which no static check can bound.

The check is conservative: it judges the shape, not the text it will run on, so some
harmless patterns are refused too (`(?:, \\w+)*`, `(?:\\w+ ){3}`); a character class
(`[\\w, ]+`) or alternatives that start differently (`(?:, |\\w)+`) usually say the same.

Limitations:
- whether two character sets overlap is decided on a probe alphabet (Latin-1, Latin
  Extended, general punctuation and samples of other scripts); sets that meet only
  outside it are taken to be apart;
- the scan over start positions is not judged: searching free text with `\\d+ comments`
  tries every start and is quadratic on a long run of digits, so a rule should anchor a
  user pattern to whole lines (`fullmatch` per line, or `^(?:...)$` with MULTILINE);
- the regex engine has slow paths of its own that no shape reveals (`.+[ab]$` is
  quadratic in the line length), so a rule that runs user patterns should also pass the
  regex module's `timeout=` and report a `TimeoutError` as one line.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import regex

from newslint.errors import ConfigError

MAX_PATTERN_LENGTH = 1000
# A bounded repeat this long is as bad as an unbounded one for back-to-back repeats.
LONG_REPEAT = 32
_PROBES = "".join(map(chr, range(0x2FF))) + "".join(map(chr, range(0x2000, 0x2070))) + (
    "\u0391\u03b1\u0416\u0436\u05d0\u0627\u0663\u0905\u0e01\u3000\u3001\u3042\u30a2\u4e2d\uac00\uff01\uff21"
    "\U0001f600\ufeff\u00ad\u200b"
)
_SCOPED_IGNORECASE = regex.compile(r"\(\?[a-zA-Z]*i[a-zA-Z]*(?:-[a-zA-Z]*)?[:)]")


class UnsafePattern(Exception):
    """Raised inside the analysis with the reason a pattern is refused."""


def compile_user_pattern(pattern: str, where: str, flags: int = 0) -> regex.Pattern[str]:
    """`pattern` compiled with `regex`; a ConfigError naming `where` if invalid or unsafe."""
    if not isinstance(pattern, str):
        raise ConfigError(f"{where}: pattern must be a string, got {type(pattern).__name__}")
    shown = _shown(pattern)
    if len(pattern) > MAX_PATTERN_LENGTH:
        raise ConfigError(f"{where}: unsafe pattern {shown}: longer than {MAX_PATTERN_LENGTH} characters")
    try:
        compiled = regex.compile(pattern, flags)
    except Exception as exc:  # regex.error, and OverflowError/RecursionError on extreme input
        raise ConfigError(f"{where}: invalid pattern {shown}: {_one_line(exc)}") from None
    problem = backtracking_risk(pattern, compiled.flags)
    if problem:
        raise ConfigError(f"{where}: unsafe pattern {shown}: {problem}")
    return compiled


def backtracking_risk(pattern: str, flags: int = 0) -> str | None:
    """Why `pattern` (which compiles) may backtrack catastrophically, or None."""
    if _SCOPED_IGNORECASE.search(pattern):
        flags |= regex.IGNORECASE
    try:
        tree = _Parser(pattern, flags).parse()
        _check_sequence(tree, _Context(flags))
    except UnsafePattern as exc:
        return str(exc)
    except (ValueError, IndexError, RecursionError):  # a construct this parser does not know
        return "a construct the safety check cannot read"
    return None


def _shown(pattern: str) -> str:
    text = pattern if len(pattern) <= 60 else pattern[:59] + "…"
    return repr(text)


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


# ---- the parse tree: atoms (one character), groups (alternatives), repeats, zero-width ----

@dataclass
class Atom:
    source: str  # the atom as written, compiled alone to test which characters it matches


@dataclass
class Group:
    alternatives: list[list[Node]]
    zero_width: bool = False  # a lookaround: matches no characters


@dataclass
class Repeat:
    item: Node
    low: int
    high: int | None  # None: unbounded
    source: str


@dataclass
class Empty:
    pass


Node = Atom | Group | Repeat | Empty


@dataclass
class _Parser:
    """A parser for the shape of a regex-module pattern; it trusts that the pattern compiles."""

    pattern: str
    flags: int
    pos: int = 0
    verbose: bool = field(init=False)

    def __post_init__(self) -> None:
        self.verbose = bool(self.flags & regex.VERBOSE) or "(?x" in self.pattern

    def parse(self) -> list[Node]:
        alternatives = self._alternatives()
        return [Group(alternatives)] if len(alternatives) > 1 else alternatives[0]

    def _alternatives(self) -> list[list[Node]]:
        branches = [self._sequence()]
        while self._peek() == "|":
            self.pos += 1
            branches.append(self._sequence())
        return branches

    def _sequence(self) -> list[Node]:
        nodes: list[Node] = []
        while self.pos < len(self.pattern) and self._peek() not in "|)":
            start = self.pos
            node = self._item()
            if node is not None:
                nodes.append(self._quantified(node, start))
        return nodes

    def _peek(self, ahead: int = 0) -> str:
        """The character `ahead` of the position, or "\\0" past the end (never "", which `in` finds anywhere)."""
        at = self.pos + ahead
        return self.pattern[at] if at < len(self.pattern) else "\0"

    def _item(self) -> Node | None:
        char = self._peek()
        if self.verbose and (char.isspace() or char == "#"):
            self._skip_verbose()
            return None
        if char == "(":
            return self._group()
        if char == "[":
            return Atom(self._class())
        if char == "\\":
            return self._escape()
        self.pos += 1
        if char in "^$":
            return Empty()
        return Atom(char)

    def _skip_verbose(self) -> None:
        if self._peek() == "#":
            end = self.pattern.find("\n", self.pos)
            self.pos = len(self.pattern) if end == -1 else end + 1
        else:
            self.pos += 1

    def _group(self) -> Node | None:
        self.pos += 1  # (
        zero_width = False
        if self._peek() == "?":
            kind = self.pattern[self.pos + 1 : self.pos + 4]
            if kind.startswith("#"):
                self.pos = self.pattern.index(")", self.pos) + 1
                return None
            if kind.startswith(("P=", "P>", "&", "R", "(")) or _RECURSION.match(kind):
                what = "a conditional" if kind.startswith("(") else "a backreference or recursion"
                raise UnsafePattern(f"{what} cannot be checked for backtracking")
            zero_width = kind.startswith(("=", "!", "<=", "<!"))
            if self._skip_group_prefix():
                return Empty()  # inline flags such as (?i)
        alternatives = self._alternatives()
        self.pos += 1  # )
        return Group(alternatives, zero_width)

    def _skip_group_prefix(self) -> bool:
        """Skip `?...` up to the group's content; True if it was a bare flag group `(?i)`."""
        self.pos += 1  # ?
        if self._peek() in ("P", "<") and self._peek(1) not in "=!":
            self.pos = self.pattern.index(">", self.pos) + 1  # (?P<name> or (?<name>
            return False
        if self._peek() == "<":
            self.pos += 2  # (?<= or (?<!
            return False
        if self._peek() in ":=!>|":
            self.pos += 1
            return False
        match = regex.compile(r"[a-zA-Z0-9-]*([:)])").match(self.pattern, self.pos)
        if match is None:
            raise UnsafePattern("a group construct that cannot be checked")
        self.pos = match.end()
        return match.group(1) == ")"

    def _class(self) -> str:
        start = self.pos
        self.pos += 1
        if self._peek() == "^":
            self.pos += 1
        if self._peek() == "]":
            self.pos += 1
        depth = 1
        nested = bool(self.flags & regex.VERSION1) or "(?V1" in self.pattern
        while depth:
            char = self._peek()
            if self.pos >= len(self.pattern):
                raise UnsafePattern("an unterminated character class")
            if char == "\\":
                self._escape_text()
                continue
            if char == "[" and self._peek(1) == ":":
                end = self.pattern.find(":]", self.pos + 2)
                self.pos = end + 2 if end != -1 else self.pos + 1
                continue
            if char == "[" and nested:
                depth += 1
            elif char == "]":
                depth -= 1
            self.pos += 1
        return self.pattern[start : self.pos]

    def _escape(self) -> Node:
        text = self._escape_text()
        letter = text[1:2]
        if letter.isdigit() and letter != "0":
            raise UnsafePattern("a backreference cannot be checked for backtracking")
        if letter in ("g", "k"):
            raise UnsafePattern("a backreference cannot be checked for backtracking")
        if letter in "bBAZzmMGK":
            return Empty()
        return Atom(text)

    def _escape_text(self) -> str:
        """Consume one escape (`\\w`, `\\x41`, `\\x{41}`, `\\p{Lu}`, `\\N{...}`, `\\g<1>`) and return it."""
        start = self.pos
        self.pos += 2
        letter = self.pattern[start + 1 : start + 2]
        if self._peek() in "{<" and letter in "pPNxogk":
            closer = "}" if self._peek() == "{" else ">"
            self.pos = self.pattern.index(closer, self.pos) + 1
        elif letter in "pP":
            self.pos += 1  # \pL
        elif letter in "xuU":
            self.pos += {"x": 2, "u": 4, "U": 8}[letter]
        elif letter.isdigit():
            while self._peek().isdigit():
                self.pos += 1
        return self.pattern[start : self.pos]

    def _quantified(self, node: Node, start: int) -> Node:
        bounds = self._quantifier()
        while bounds is not None:
            if self._peek() in "?+":
                self.pos += 1  # lazy or possessive: backtracks the same or less
            node = Repeat(node, bounds[0], bounds[1], self.pattern[start : self.pos])
            bounds = self._quantifier()
        return node

    def _quantifier(self) -> tuple[int, int | None] | None:
        while self.verbose and (self._peek().isspace() or self._peek() == "#"):
            self._skip_verbose()  # in verbose mode `a +` is `a+`
        char = self._peek()
        simple = {"*": (0, None), "+": (1, None), "?": (0, 1)}
        if char in simple:
            self.pos += 1
            return simple[char]
        if char == "{":
            match = _BRACES.match(self.pattern, self.pos)
            if match:
                self.pos = match.end()
                low = int(match["low"] or 0)
                if match["comma"] is None:
                    return low, low
                return low, int(match["high"]) if match["high"] else None
        return None


_RECURSION = regex.compile(r"[+-]?\d")
_BRACES = regex.compile(r"\{(?P<low>\d*)(?P<comma>,)?(?P<high>\d*)\}")


# ---- the checks ----

@dataclass
class _Context:
    flags: int
    cache: dict[str, frozenset[int]] = field(default_factory=dict)

    def matched(self, atom: Atom) -> frozenset[int]:
        """Indices of the probe characters `atom` matches."""
        if atom.source not in self.cache:
            flags = self.flags & (regex.IGNORECASE | regex.DOTALL | regex.ASCII | regex.UNICODE | regex.VERSION1)
            try:
                single = regex.compile(atom.source, flags)
                self.cache[atom.source] = frozenset(i for i, c in enumerate(_PROBES) if single.fullmatch(c))
            except regex.error:
                self.cache[atom.source] = frozenset()
        return self.cache[atom.source]

    def overlap(self, a: list[Atom], b: list[Atom]) -> bool:
        sets_a = [self.matched(x) for x in a]
        sets_b = [self.matched(x) for x in b]
        if not all(sets_a) or not all(sets_b):
            return True  # matches nothing we can probe: assume the worst
        return any(x & y for x in sets_a for y in sets_b)


def _repeats(node: Node) -> bool:
    return isinstance(node, Repeat) and (node.high is None or node.high > 1)


def _long(node: Repeat) -> bool:
    return node.high is None or node.high >= LONG_REPEAT


def _atoms(node: Node) -> list[Atom]:
    """Every atom inside `node` (outside lookarounds)."""
    if isinstance(node, Atom):
        return [node]
    if isinstance(node, Repeat):
        return _atoms(node.item)
    if isinstance(node, Group) and not node.zero_width:
        return [a for branch in node.alternatives for item in branch for a in _atoms(item)]
    return []


def _first_atoms(sequence: list[Node]) -> list[Atom] | None:
    """Atoms that can start a match of `sequence`; None if it can match the empty string."""
    found: list[Atom] = []
    for node in sequence:
        if isinstance(node, Atom):
            return found + [node]
        if isinstance(node, Repeat):
            found += _atoms(node.item)  # conservative: any atom inside may come first
            if node.low > 0:
                return found
        elif isinstance(node, Group) and not node.zero_width:
            heads = [_first_atoms(branch) for branch in node.alternatives]
            for head in heads:
                found += head or []
            if all(head is not None for head in heads):
                return found
    return None


def _inner_repeat(node: Node) -> Repeat | None:
    """A quantifier (other than an exact count) anywhere inside `node`, lookarounds included."""
    if isinstance(node, Repeat):
        return node if node.low != node.high else _inner_repeat(node.item)
    if isinstance(node, Group):
        for branch in node.alternatives:
            for item in branch:
                inner = _inner_repeat(item)
                if inner is not None:
                    return inner
    return None


def _check_repeated(repeat: Repeat, ctx: _Context) -> None:
    """A group repeated more than once must hold no repeat and no ambiguous alternatives."""
    inner = _inner_repeat(repeat.item)
    if inner is not None:
        raise UnsafePattern(f"nested quantifier: the repeated {repeat.source!r} contains the repeat "
                            f"{inner.source!r} (catastrophic backtracking)")
    for group in _groups(repeat.item):
        heads = [_first_atoms(branch) for branch in group.alternatives]
        for i, a in enumerate(heads):
            for b in heads[i + 1 :]:
                if a is None or b is None or ctx.overlap(a, b):
                    raise UnsafePattern(f"alternatives inside the repeated {repeat.source!r} can match the "
                                        "same text (catastrophic backtracking)")


def _groups(node: Node) -> list[Group]:
    if isinstance(node, Repeat):
        return _groups(node.item)
    if isinstance(node, Group):
        found = [node] if len(node.alternatives) > 1 else []
        return found + [g for branch in node.alternatives for item in branch for g in _groups(item)]
    return []


@dataclass(frozen=True)
class _Pending:
    """An unbounded repeat that can still take more text, with the characters it matches."""

    source: str
    atoms: tuple[Atom, ...]


def _check_sequence(sequence: list[Node], ctx: _Context, pending: tuple[_Pending, ...] = ()) -> tuple[_Pending, ...]:
    """Walk `sequence`, refusing back-to-back repeats that compete for the same characters.

    Returns the repeats still open at the end, for what follows the sequence.
    """
    for node in sequence:
        pending = _check_node(node, ctx, pending)
    return pending


def _check_node(node: Node, ctx: _Context, pending: tuple[_Pending, ...]) -> tuple[_Pending, ...]:
    if isinstance(node, Empty):
        return pending
    if isinstance(node, Atom):
        # A required character only separates repeats that cannot match it.
        return tuple(p for p in pending if ctx.overlap(list(p.atoms), [node]))
    if isinstance(node, Group):
        if node.zero_width:
            for branch in node.alternatives:
                _check_sequence(branch, ctx)
            return pending
        return _union(_check_sequence(branch, ctx, pending) for branch in node.alternatives)
    return _check_repeat(node, ctx, pending)


def _check_repeat(node: Repeat, ctx: _Context, pending: tuple[_Pending, ...]) -> tuple[_Pending, ...]:
    if _repeats(node):
        _check_repeated(node, ctx)
    if not _long(node):
        inner = _check_node(node.item, ctx, pending)
        return _union((pending, inner)) if node.low == 0 else inner
    atoms = _atoms(node.item)
    for other in pending:
        if ctx.overlap(list(other.atoms), atoms):
            raise UnsafePattern(f"the repeats {other.source!r} and {node.source!r} follow each other and can "
                                "match the same characters (polynomial backtracking)")
    _check_node(node.item, ctx, ())
    mine = (_Pending(node.source, tuple(atoms)),)
    # A required repeat, like a required character, separates the repeats before it from
    # those after (none of them can match its characters, or we would have stopped above).
    return pending + mine if node.low == 0 else mine


def _union(results) -> tuple[_Pending, ...]:
    merged: dict[str, _Pending] = {}
    for result in results:
        for item in result:
            merged.setdefault(item.source, item)
    return tuple(merged.values())
