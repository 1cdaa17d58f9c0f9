"""The Rule base class: metadata, options and the `check(doc)` contract."""
from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

import regex

from newslint import precision
from newslint.document import Document
from newslint.errors import ConfigError, suggest  # noqa: F401 (suggest: also this module's name)
from newslint.model import Fix, Violation

_CODE = regex.compile(r"^[A-Z]{2,5}[0-9]{2,4}$")
_NAME = regex.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Option:
    """A rule option, set in `[tool.newslint.rules.<CODE>]`."""

    name: str
    default: Any
    help: str
    check: Callable[[Any], str | None] | None = None  # returns an error text, or None

    def validate(self, value: Any) -> Any:
        expected = type(self.default)
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if expected in (list, tuple):
            if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
                raise ValueError("expected a list of strings")
            value = tuple(value)
        elif not isinstance(value, expected) or isinstance(value, bool) != isinstance(self.default, bool):
            raise ValueError(f"expected {expected.__name__}, got {type(value).__name__}")
        problem = self.check(value) if self.check else None
        if problem:
            raise ValueError(problem)
        return value


class Rule:
    """Base class of every rule, built-in or from a plugin.

    Subclasses set `code`, `name`, a docstring (first line: the summary; then the
    sections `## What it does`, `## Why is this bad?`, `## Example`, and `## Fix safety`
    when the rule fixes), and implement `check`.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    default_enabled: ClassVar[bool] = True
    fixable: ClassVar[bool] = False
    # A rule that learns from every document of a corpus before checking any (see `learn`).
    learns_across_documents: ClassVar[bool] = False
    # A rule that cannot run without setup (a server to name) is left out of `ALL`; naming it selects it.
    needs_setup: ClassVar[bool] = False
    options: ClassVar[tuple[Option, ...]] = ()
    # Measurements of this rule's precision (see newslint.precision), shown in its documentation.
    measured_precision: ClassVar[Mapping[str, Any] | None] = None

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if inspect.isabstract(cls) or "code" not in cls.__dict__:
            return
        if not _CODE.match(cls.code):
            raise TypeError(f"{cls.__name__}: rule code {cls.code!r} is not like 'NL101'")
        if not _NAME.match(getattr(cls, "name", "")):
            raise TypeError(f"{cls.__name__}: rule name {getattr(cls, 'name', '')!r} is not kebab-case")

    def __init__(self, settings: Mapping[str, Any] | None = None) -> None:
        self.settings: dict[str, Any] = self.checked_settings(settings)

    @classmethod
    def checked_settings(cls, settings: Mapping[str, Any] | None) -> dict[str, Any]:
        """Every option's value: the defaults, with `settings` checked and applied."""
        known = {o.name: o for o in cls.options}
        values = {name: o.default for name, o in known.items()}
        for key, value in (settings or {}).items():
            if key not in known:
                raise ConfigError(f"rule {cls.code}: unknown option '{key}'{suggest(key, known)}")
            try:
                values[key] = known[key].validate(value)
            except ValueError as exc:
                raise ConfigError(f"rule {cls.code}: option '{key}': {exc}") from None
        return values

    @classmethod
    def summary(cls) -> str:
        doc = inspect.getdoc(cls) or ""
        return doc.splitlines()[0] if doc else ""

    @classmethod
    def documentation(cls) -> str:
        doc = inspect.getdoc(cls) or ""
        measured = precision.documentation(cls.measured_precision)
        return f"{doc}\n\n{measured}" if measured else doc

    def check(self, doc: Document) -> Iterable[Violation]:
        raise NotImplementedError

    def prepare(self, docs: Sequence[Document]) -> None:
        """Called with a batch of documents before they are checked one by one.

        Rules that call an outside service can send the batch in one go here; the
        default does nothing.
        """

    def settle(self, own: Sequence[Violation], others: Sequence[Violation]) -> Sequence[Violation]:
        """Which of this rule's findings in a text stand, given every other rule's findings as
        they were found (before any rule settled). A second opinion (grammar) drops those
        another rule already made; a rule that deletes to the end of the text yields to a
        wider deletion; the default keeps them all. Two rules that could yield to each other
        must break the tie the same way (for example by code), or both findings go."""
        return own

    def learn(self, site: str, text: str) -> None:
        """First pass of a corpus run: see one document of `site` before any is checked.

        Called only on rules that set `learns_across_documents`; the default does nothing."""

    def focus(self, site: str) -> None:
        """Corpus runs: the documents checked next belong to `site`; the default ignores it."""

    def memo_delta(self) -> Any:
        """What this rule's memos learnt since the last call (or since it was built), picklable;
        None when nothing. With `--jobs`, it goes to the same rule in the other processes of the
        run (`memo_merge`), so that they do not work it out again. Only memos whose entries are
        pure functions of their keys may be shared (see rules/README.md); the default shares none."""
        return None

    def memo_merge(self, delta: Any) -> None:
        """Add to this rule's memos what `memo_delta` gave in another process of the run (built
        from the same settings). Called between documents, never during a check; what arrives
        is not given again by this rule's own `memo_delta`."""

    def close(self) -> None:
        """Release outside resources (servers, processes); called once per run.

        A rule that overrides this holds such a resource for the whole run, so a run with
        it stays in one process (`--jobs` would start one per worker)."""

    def violation(self, start: int, end: int, message: str, fix: Fix | None = None) -> Violation:
        return Violation(self.code, self.name, message, start, end, fix)


