"""Linting and fixing text with a chosen set of rules; knows nothing of any artifact."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from operator import attrgetter
from typing import Any

from newslint import markdown, suppress
from newslint.config import Config
from newslint.document import Document, Span
from newslint.errors import FixesDidNotConverge, NewslintError, RuleBrokeContract, RuleCrashed
from newslint.fixes import apply_fixes
from newslint.model import Applicability, Violation
from newslint.registry import RuleInfo, all_rules
from newslint.rule import Rule
from newslint.selection import fix_allowed, matches, resolve, rule_settings, selected_codes

MAX_FIX_PASSES = 10


@dataclass(frozen=True)
class RuleSet:
    """The rules of one run, built once from a Config and shared by every file."""

    rules: tuple[Rule, ...]
    config: Config
    registry: dict[str, RuleInfo]

    def for_path(self, path: str) -> tuple[Rule, ...]:
        """The rules to run on `path`, after per-file-ignores."""
        if not self.config.per_file_ignores:
            return self.rules
        ignored: set[str] = set()
        for pattern, selectors in self.config.per_file_ignores:
            if self.config.matches(path, (pattern,)):
                ignored |= resolve(selectors, self.registry, self.config.source)
        return tuple(r for r in self.rules if r.code not in ignored)

    def prepare(self, docs: Sequence[Document]) -> None:
        """Hand a batch of documents to the rules that prepare ahead (see `Rule.prepare`)."""
        for rule in self.rules:
            if type(rule).prepare is not Rule.prepare:
                rule.prepare(docs)

    def close(self) -> None:
        for rule in self.rules:
            rule.close()

    @cached_property
    def _fix_policies(self) -> dict[str, FixPolicy]:
        return {}

    @cached_property
    def changes_fixes(self) -> bool:
        """Whether the config makes anything of any rule's fixes (see `FixPolicy`): when not,
        findings keep their fixes as the rules made them, and no finding need be looked at."""
        return any(self.fix_policy(code) is not None for code in self.registry)

    def fix_policy(self, code: str) -> FixPolicy:
        """What the config makes of the fixes of rule `code` (see `FixPolicy`): worked out once
        per code, not once per finding."""
        policies = self._fix_policies
        if code not in policies:
            policies[code] = _fix_policy(code, self.config, self.registry)
        return policies[code]

    def memo_delta(self) -> tuple[tuple[int, Any], ...]:
        """What the rules' memos learnt since the last call, by rule (see `Rule.memo_delta`)."""
        return tuple((i, delta) for i, rule in enumerate(self.rules) if (delta := rule.memo_delta()) is not None)

    def memo_merge(self, deltas: tuple[tuple[int, Any], ...]) -> None:
        """Take `memo_delta` of the same rule set in another process."""
        for i, delta in deltas:
            self.rules[i].memo_merge(delta)


def memo_deltas(rulesets: Mapping[Any, RuleSet]) -> tuple[tuple[Any, Any], ...] | None:
    """What the memos of rule sets kept by key learnt since the last call; None when nothing."""
    deltas = tuple((key, delta) for key, ruleset in rulesets.items() if (delta := ruleset.memo_delta()))
    return deltas or None


def merge_memo_deltas(rulesets: Mapping[Any, RuleSet], deltas: tuple[tuple[Any, Any], ...]) -> None:
    """Take `memo_deltas` of the same rule sets in another process (keys it lacks are left)."""
    for key, delta in deltas:
        if key in rulesets:
            rulesets[key].memo_merge(delta)


@dataclass(frozen=True)
class FixResult:
    text: str
    fixed: tuple[Violation, ...]  # violations whose fixes were applied, across passes
    remaining: tuple[Violation, ...]  # what is still reported in the fixed text
    # The fixed text as the rules saw it: its lines serve for positions. Not part of the result's value.
    doc: Document | None = field(default=None, compare=False, repr=False)


def build_ruleset(config: Config | None = None) -> RuleSet:
    config = config or Config()
    registry = all_rules()
    codes = selected_codes(config, registry)
    rules = []
    for code in registry:
        settings = rule_settings(config, code, registry)
        try:
            if code in codes:
                rules.append(registry[code].cls(settings))
            elif settings:  # a rule that does not run: its options are checked all the same
                registry[code].cls.checked_settings(settings)
        except NewslintError as exc:
            if config.path is None:
                raise
            raise type(exc)(f"{config.path}: {exc}") from None
    return RuleSet(tuple(rules), config, registry)


def make_document(text: str, path: str, config: Config) -> Document:
    ignored: tuple[Span, ...] = ()
    if path.lower().endswith(markdown.MARKDOWN_SUFFIXES):
        ignored = markdown.non_prose_spans(text)
    else:
        ignored = suppress.marker_spans(text)  # `newslint: ignore` lines are not article text
    return Document(markdown.blank_out(text, ignored), path, config.accept, ignored)


def _keep(violation: Violation, doc: Document) -> Violation | None:
    """Drop findings in non-prose parts or on accepted words; drop fixes that touch non-prose."""
    if doc.ignored and doc.in_ignored(violation.start, violation.end):
        return None
    if doc.vocabulary and doc.accepts(doc.text[violation.start : violation.end]):
        return None
    if violation.fix and doc.ignored and any(doc.in_ignored(e.start, e.end) for e in violation.fix.edits):
        return replace(violation, fix=None)
    return violation


# What the config makes of a rule's fixes: kept as they are (None), dropped (False), or given
# this applicability.
FixPolicy = Applicability | bool | None


def _fix_policy(code: str, config: Config, registry: dict[str, RuleInfo]) -> FixPolicy:
    if code not in registry:
        return None
    info = registry[code]
    if not fix_allowed(config, info):
        return False
    if any(matches(s, info) for s in config.extend_unsafe_fixes):
        return Applicability.UNSAFE
    if any(matches(s, info) for s in config.extend_safe_fixes):
        return Applicability.SAFE
    return None


def _with_applicability(violation: Violation, ruleset: RuleSet) -> Violation:
    if violation.fix is None:
        return violation
    policy = ruleset.fix_policy(violation.code)
    if policy is None:
        return violation
    if policy is False:
        return replace(violation, fix=None)
    return replace(violation, fix=replace(violation.fix, applicability=policy))


def check_document(doc: Document, rules: Sequence[Rule], ruleset: RuleSet | None = None) -> list[Violation]:
    """Run `rules` over one document; a rule that raises is reported, never swallowed."""
    return _settle(_findings(doc, rules, ruleset), rules)


def _findings(doc: Document, rules: Sequence[Rule], ruleset: RuleSet | None) -> list[Violation]:
    """What `rules` find in `doc`, kept (see `_keep`), in rule order."""
    found: list[Violation] = []
    for rule in rules:
        found.extend(_checked(rule, doc))
    if doc.ignored or doc.vocabulary:  # else `_keep` keeps every finding as it is
        found = [kept for violation in found if (kept := _keep(violation, doc))]
    if ruleset and ruleset.changes_fixes:
        found = [_with_applicability(violation, ruleset) for violation in found]
    return found


def _checked(rule: Rule, doc: Document) -> list[Violation]:
    """`rule.check(doc)`, each finding held to the rule's contract; a breach is the rule's crash."""
    try:
        produced = list(rule.check(doc))
    except NewslintError:
        raise
    except Exception as exc:
        raise RuleCrashed(rule.code, doc.path, exc) from exc
    text_end, fixable = len(doc.text), rule.fixable
    for violation in produced:
        if not 0 <= violation.start <= violation.end <= text_end:
            outside = ValueError(f"span {violation.start}..{violation.end} outside the text")
            raise RuleCrashed(rule.code, doc.path, outside)
        if violation.fix and not fixable:
            raise RuleBrokeContract(rule.code, doc.path, "offered a fix but declares `fixable = False`: "
                                    "a report-only rule runs once, after fixing, and its fixes would be lost")
    return produced


_TEXT_ORDER = attrgetter("start", "end", "code")


def _settle(found: list[Violation], rules: Sequence[Rule]) -> list[Violation]:
    """Findings in text order; each rule then keeps what it stands by beside the others' (`Rule.settle`)."""
    found.sort(key=_TEXT_ORDER)
    as_found = tuple(found)  # every rule settles against the same findings: no order between rules
    for rule in rules:
        if type(rule).settle is Rule.settle:
            continue
        own = [v for v in as_found if v.code == rule.code]
        if own:
            kept = set(map(id, rule.settle(own, [v for v in as_found if v.code != rule.code])))
            found = [v for v in found if v.code != rule.code or id(v) in kept]
    return found


def linted(text: str, ruleset: RuleSet, path: str = "<text>", *,
           doc: Document | None = None) -> tuple[list[Violation], Document]:
    """`lint_text`, with the document the rules saw (its lines serve for positions); `doc`, when
    given, is that document already made (`make_document(text, path, ruleset.config)`)."""
    doc = doc or make_document(text, path, ruleset.config)
    rules = ruleset.for_path(path)
    return _after_suppressions(text, path, check_document(doc, rules, ruleset), rules, ruleset), doc


def lint_text(text: str, ruleset: RuleSet, path: str = "<text>") -> list[Violation]:
    return linted(text, ruleset, path)[0]


def _after_suppressions(text: str, path: str, found: list[Violation], rules: Sequence[Rule],
                        ruleset: RuleSet) -> list[Violation]:
    """`found` less what inline directives silence, plus NL001's reports of unused directives
    (their fixes subject to fixable, unfixable and extend-(un)safe-fixes like any other)."""
    result = suppress.apply(text, path, found, [r.code for r in rules])
    return [_with_applicability(v, ruleset) if v.code == suppress.UNUSED_CODE else v
            for v in result]


def fix_text(text: str, ruleset: RuleSet, path: str = "<text>", *, unsafe: bool | None = None,
             doc: Document | None = None) -> FixResult:
    """Apply fixes until nothing changes, then run the report-only rules once on the settled text.

    A fix that keeps firing past the cap is an error; so is a fix offered by a rule that
    says it never fixes (`Rule.fixable` false), as it would be left unapplied. `doc`, when
    given, is the document of `text` already made (see `linted`); each pass makes its own."""
    unsafe = unsafe_fixes(ruleset.config, unsafe)
    rules = ruleset.for_path(path)
    fixing = tuple(r for r in rules if r.fixable)
    reporting = [r for r in rules if not r.fixable]
    fixed: list[Violation] = []
    prepared = doc
    for _ in range(MAX_FIX_PASSES):
        doc, prepared = prepared or make_document(text, path, ruleset.config), None
        found = _settle(_findings(doc, fixing, ruleset), fixing)
        allowed = _allowed(suppress.unsuppressed(text, path, found), unsafe)
        new_text, applied = apply_fixes(text, allowed) if allowed else (text, [])
        fixed.extend(applied)
        if new_text != text:
            text = new_text
            continue
        # Settled, or fixes that change nothing (which would loop forever): the full report.
        found = _settle(found + _findings(doc, reporting, ruleset), rules)
        remaining = _after_suppressions(text, path, found, rules, ruleset)
        stale = _allowed([v for v in remaining if v.code == suppress.UNUSED_CODE], unsafe)
        if not stale:
            return FixResult(text, tuple(fixed), tuple(remaining), doc)
        # Directives the fixes left with nothing to silence: deleted, then checked again.
        text, applied = apply_fixes(text, stale)
        fixed.extend(applied)
    codes = sorted({v.code for v in fixed[-20:]})
    raise FixesDidNotConverge(f"{path}: fixes did not settle after {MAX_FIX_PASSES} passes (rules {', '.join(codes)})")


def unsafe_fixes(config: Config, asked: bool | None) -> bool:
    """Whether unsafe fixes apply: as `asked` (the command line), else as the config says."""
    return config.unsafe_fixes if asked is None else asked


def _allowed(violations: list[Violation], unsafe: bool) -> list[Violation]:
    return [v for v in violations if v.fix and (unsafe or v.fix.safe)]
