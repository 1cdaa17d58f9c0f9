"""The NLG001 rule: grammar findings from LanguageTool or Harper, filtered for news text."""
from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from typing import Any

from newslint.document import Document
from newslint.errors import ConfigError, NewslintError
from newslint.model import Fix, Violation
from newslint.rule import Option, Rule
from newslint.rules._grammar import CODE, Backend, Finding, Opener
from newslint.rules._lazy import LazyPattern
from newslint.rules._phrases import load_phrases

BACKENDS = ("server", "local", "harper")
# Abbreviations and agency credits: two or more capitals, maybe joined by / & . or -.
_ABBREVIATION = LazyPattern(r"\p{Lu}[\p{Lu}\d]*(?:[/&.\-][\p{Lu}\d]+)*\.?")
_PLAIN_WORD = LazyPattern(r"\p{L}+(?:['’\-]\p{L}+)*")
_POSSESSIVE = LazyPattern(r"['’]s$")
_NAME = LazyPattern(r"\p{Lu}[\p{L}'’\-]*")
_OPENERS = " \t\"“‘'(["  # what may stand between a sentence end and the next word


def _one_of(choices: Sequence[str]) -> Any:
    return lambda value: None if value in choices else f"must be one of {', '.join(choices)}"


def _positive(value: float) -> str | None:
    return None if value > 0 else "must be more than 0"


class Grammar(Rule):
    """NLG001 grammar: grammar and spelling findings from LanguageTool (or Harper), opt-in.

    ## What it does
    Sends the text to a grammar checker and reports each of its findings as NLG001,
    with the checker's rule id and message (`EN_A_VS_AN: Use "an" instead of "a"...`).
    Scraping breaks grammar in ways no pattern foresees: clauses spliced together where
    a link or a caption was cut out, a word appended from a link, a sentence cut in two.
    The rule is off by default: switch it on with `--extend-select NLG` or
    `extend-select = ["NLG"]`, and choose a backend in `[tool.newslint.rules.NLG001]`:

    - `backend = "server"` (the default): a LanguageTool server at `server-url`, or at
      the URL in the environment variable `NEWSLINT_LANGUAGETOOL_URL` (which wins when
      set). Needs `pip install 'newslint[grammar]'`.
    - `backend = "local"`: a LanguageTool server that language-tool-python starts for
      the run and stops at its end. Needs the same extra, Java 17 or newer on PATH, and
      LanguageTool itself: `local-directory` (an unpacked `LanguageTool-<version>`
      release), one already in language-tool-python's download cache, or
      `download = true` to let it download one (about 260 MB).
    - `backend = "harper"`: Harper, offline and in process, English only. Needs
      `pip install 'newslint[harper]'` (an alpha binding).

    What is noise in news text is dropped: spelling findings on capitalised words
    (names: `Pushilin`, `Matsegora`) and on tokens with digits or symbols; any finding
    on an all-capital abbreviation (`KCNA`, `STR/KCNA`, `U.S.`) or, inside a sentence,
    on one capitalised word (`Turkey`); words the project vocabulary (`accept`) allows;
    anything another newslint rule reports on the same text, so a merged word or a
    stray full stop is reported once, by the rule that knows how to fix it (while
    fixing, the rules that fix; in the final report, every rule). Checker
    rules and categories that judge house style (dashes, ellipses, Oxford commas, word
    choice) are off unless named in `enabled-rules` or `enabled-categories`; the lists
    are `rules/data/grammar_quiet_*.txt`. With an English `language` (the default
    `en-US`), documents that are not English are skipped.

    One session (one LanguageTool server, when newslint starts it) serves the whole
    run; with `--jobs`, each worker process opens its own. Each paragraph is checked
    once per run (results are cached by a hash of its text), and many paragraphs and
    files go to LanguageTool in one request of at most `batch-chars` characters.

    A missing precondition (no URL, a server that is down or does not answer within
    2.5 s, no Java, no LanguageTool, a package not installed) stops the run with one line
    and exit status 2. A server that stops answering later stops the run the same way
    after `timeout` seconds (language-tool-python tries each request twice).

    Limitations: expect findings on clean text too (on published news articles Harper
    reports two or three per article after these filters, mostly rare words it does
    not know); a misspelt word that starts a sentence is capitalised, so it is not
    reported; a finding that straddles two packed paragraphs is dropped; a host name
    that does not resolve takes as long as the system resolver does to say so;
    LanguageTool's free public API limits text size and request rate (keep
    `batch-chars` at 20000 or less there).

    ## Why is this bad?
    A broken sentence reads as the author's mistake and misleads anyone, or any
    model, that learns from the text.

    ## Example
        He congratulated Kim on the the anniversary, KCNA said.

    Use instead:
        He congratulated Kim on the anniversary, KCNA said.

    ## Fix safety
    Unsafe: the fix is the checker's first suggestion, a guess; it is applied only with
    `--unsafe-fixes`. A capital letter wanted after a full stop is fixed together with
    the stop, so that it never combines with a fix that deletes the stop.
    """

    code = CODE
    name = "grammar"
    fixable = True
    default_enabled = False
    needs_setup = True
    options = (
        Option("backend", "server", "server (a LanguageTool server URL), local (language-tool-python starts "
               "LanguageTool; needs Java) or harper (offline, English only)", _one_of(BACKENDS)),
        Option("server-url", "", "the LanguageTool server, e.g. http://localhost:8081; "
               "the environment variable NEWSLINT_LANGUAGETOOL_URL wins when set"),
        Option("language", "en-US", "the checker's language; with an English one, other documents are skipped"),
        Option("enabled-rules", [], "checker rule ids to switch on (LanguageTool ids or Harper rule names)"),
        Option("disabled-rules", [], "checker rule ids to switch off"),
        Option("enabled-categories", [], "LanguageTool categories (Harper lint kinds) to switch on"),
        Option("disabled-categories", [], "LanguageTool categories (Harper lint kinds) to switch off"),
        Option("enabled-only", False, "run only enabled-rules and enabled-categories"),
        Option("local-directory", "", "backend local: an unpacked LanguageTool release, like .../LanguageTool-6.6"),
        Option("download", False, "backend local: let language-tool-python download LanguageTool if none is found"),
        Option("timeout", 30.0, "seconds to wait for each LanguageTool answer", _positive),
        Option("batch-chars", 20000, "characters of text sent to LanguageTool in one request", _positive),
    )

    def __init__(self, settings: Mapping[str, Any] | None = None) -> None:
        super().__init__(settings)
        named = self.settings["enabled-rules"] or self.settings["enabled-categories"]
        if self.settings["enabled-only"] and not named:
            raise ConfigError(f"{CODE}: enabled-only needs enabled-rules or enabled-categories to name what runs")
        self._open = _opener(self.settings)  # checks the preconditions now, opens on first use
        self._backend: Backend | None = None
        self._failure: NewslintError | None = None  # a backend that failed once is not asked again
        self._cache: dict[bytes, tuple[Finding, ...]] = {}
        language = self.settings["language"].lower()
        self._english_only = self.settings["backend"] == "harper" or language.startswith("en")

    def prepare(self, docs: Sequence[Document]) -> None:
        self._results([doc.slice(block) for doc in docs if self._wants(doc) for block in doc.paragraphs])

    def check(self, doc: Document) -> Iterator[Violation]:
        if not self._wants(doc):
            return
        blocks = doc.paragraphs
        texts = [doc.slice(block) for block in blocks]
        for block, text, findings in zip(blocks, texts, self._results(texts)):
            for finding in findings:
                if not _is_noise(finding, text, doc):
                    yield self._violation(finding, text, block.start)

    def settle(self, own: Sequence[Violation], others: Sequence[Violation]) -> list[Violation]:
        """A second opinion: a finding on text another rule flags is left to that rule."""
        return [v for v in own if not any(o.start < v.end and v.start < o.end for o in others)]

    def close(self) -> None:
        if self._backend is not None:
            backend, self._backend = self._backend, None
            backend.close()

    def _wants(self, doc: Document) -> bool:
        return doc.is_english or not self._english_only

    def _results(self, texts: Sequence[str]) -> list[tuple[Finding, ...]]:
        """Findings for each text, from the cache or else from the backend, each distinct text asked once."""
        keys = [_key(text) for text in texts]
        missing = {key: text for key, text in zip(keys, texts) if key not in self._cache}
        if missing:
            self._ask(missing)
        return [self._cache[key] for key in keys]

    def _ask(self, texts: dict[bytes, str]) -> None:
        if self._failure:
            raise self._failure
        try:
            if self._backend is None:
                self._backend = self._open()
            results = self._backend.check_texts(list(texts.values()))
        except NewslintError as exc:
            self._failure = exc
            raise
        for key, found in zip(texts, results):
            self._cache[key] = tuple(found)

    def _violation(self, finding: Finding, text: str, base: int) -> Violation:
        message = f"{finding.rule_id}: {finding.message}"
        if finding.fix and text[finding.fix[0] : finding.fix[1]] == finding.fix[2]:
            finding = replace(finding, fix=None)  # a suggestion that changes nothing is no fix
        if finding.fix and finding.fix[2].strip() and finding.fix[2] not in message:
            message += f" (suggestion: '{finding.fix[2]}')"
        finding = _widened(finding, text)
        fix = None
        if finding.fix:
            fix = Fix.replace(base + finding.fix[0], base + finding.fix[1], finding.fix[2], safe=False)
        return self.violation(base + finding.start, base + finding.end, message, fix)


def _opener(settings: Mapping[str, Any]) -> Opener:
    from newslint.rules import _harper, _languagetool

    family = "harper" if settings["backend"] == "harper" else "languagetool"
    effective = {**settings, **_with_quiet(settings, family)}
    if family == "harper":
        return _harper.harper_opener(effective, user_rules=(*settings["enabled-rules"], *settings["disabled-rules"]))
    if settings["backend"] == "local":
        return _languagetool.local_opener(effective)
    return _languagetool.server_opener(effective)


def _with_quiet(settings: Mapping[str, Any], family: str) -> dict[str, tuple[str, ...]]:
    """The disabled rules and categories: the user's, plus the quiet ones the user did not enable."""
    result = {}
    for kind, quiet_list in (("rules", "rules"), ("categories", "kinds" if family == "harper" else "categories")):
        quiet = set(load_phrases(f"grammar_quiet_{family}_{quiet_list}")) - set(settings[f"enabled-{kind}"])
        result[f"disabled-{kind}"] = tuple(sorted(quiet | set(settings[f"disabled-{kind}"])))
    return result


def _widened(finding: Finding, text: str) -> Finding:
    """A capital letter wanted after a full stop also covers the stop: it is one artifact.

    Another rule may see the stop as stray (`sanctions. from a position`); with the
    finding on both, the engine keeps only that rule's, and the two fixes never apply
    together to make `sanctions From`.
    """
    if not finding.fix or finding.fix[:2] != (finding.start, finding.end):
        return finding
    flagged, replacement = text[finding.start : finding.end], finding.fix[2]
    if flagged.lower() != replacement.lower():
        return finding
    before = text[max(0, finding.start - 4) : finding.start]
    stop = before.rstrip(" \t")
    if not stop.endswith((".", "!", "?")) or stop == before:
        return finding
    start = finding.start - (len(before) - len(stop)) - 1
    return replace(finding, start=start, fix=(start, finding.end, text[start : finding.start] + replacement))


def _key(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def _is_noise(finding: Finding, text: str, doc: Document) -> bool:
    """Findings that, in news text, are almost always about names, credits or accepted words."""
    flagged = text[finding.start : finding.end]
    if _ABBREVIATION.fullmatch(flagged) and sum(c.isupper() for c in flagged) >= 2:
        return True
    if not finding.spelling:
        # A capitalised word inside a sentence is a name: advice on it is about names.
        return bool(_NAME.fullmatch(flagged)) and not _starts_sentence(text, finding.start)
    if flagged[:1].isupper() or not _PLAIN_WORD.fullmatch(flagged):
        return True
    return doc.accepts(flagged) or doc.accepts(_POSSESSIVE.sub("", flagged))


def _starts_sentence(text: str, start: int) -> bool:
    """Whether the word at `start` opens a sentence, a line or a quotation."""
    window = text[max(0, start - 40) : start]
    before = window.rstrip(_OPENERS)
    if any(quote in window[len(before) :] for quote in "\"“‘'"):
        return True
    return (start <= 40 and not before) or before[-1:] in (".", "!", "?", ":", "\n")
