"""NLG001 grammar: LanguageTool through language-tool-python's own client, against a local
stand-in server that speaks LanguageTool's /v2 API, and Harper for real."""
from __future__ import annotations

import os
import shutil
import socket
import sys
import time
from pathlib import Path

import pytest

from newslint import Config, fix, lint
from newslint.document import Document
from newslint.engine import build_ruleset, lint_text, make_document
from newslint.errors import ConfigError, NewslintError
from newslint.rules import _grammar, _languagetool
from newslint.rules._grammar import Finding, GrammarBackendError
from newslint.rules.grammar import _is_noise
from tests.lt_standin import StandIn, write_fake_java, write_languagetool_dir

TYPOS = "Officials said they will recieve a apple from the goverment."


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch):
    monkeypatch.delenv("NEWSLINT_LANGUAGETOOL_URL", raising=False)
    for name in ("NO_PROXY", "no_proxy"):  # the stand-in is local; never route it through a proxy
        monkeypatch.setenv(name, "127.0.0.1,localhost")


@pytest.fixture
def server():
    with StandIn() as standin:
        yield standin


def grammar(url: str | None = None, *, select: tuple[str, ...] = ("NLG001",), **options) -> Config:
    settings = {key.replace("_", "-"): value for key, value in options.items()}
    if url:
        settings["server-url"] = url
    return Config(select=select, rules={"NLG001": settings})


def found(text: str, config: Config) -> list[tuple[str, str]]:
    return [(text[v.start : v.end], v.message.split(":")[0]) for v in lint(text, config) if v.code == "NLG001"]


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def failure(config: Config, text: str = TYPOS) -> tuple[str, float]:
    """The one-line error a run with `config` stops with, and how long it took."""
    started = time.monotonic()
    with pytest.raises(NewslintError) as error:
        lint(text, config)
    message = str(error.value)
    assert "\n" not in message and message.startswith("NLG001: "), message
    return message, time.monotonic() - started


# ---- findings from a LanguageTool server ----

def test_matches_become_violations_with_rule_id_message_and_unsafe_fix(server):
    text = "We will recieve a apple."
    violations = lint(text, grammar(server.url))
    assert [(text[v.start : v.end], v.message) for v in violations] == [
        ("recieve", "MORFOLOGIK_RULE_EN_US: Possible spelling mistake found. (suggestion: 'receive')"),
        ("a", "EN_A_VS_AN: Use “an” instead of ‘a’ if the following word starts with a vowel sound."),
    ]
    assert all(v.fix and not v.fix.safe for v in violations)
    assert fix(text, grammar(server.url), unsafe=True) == "We will receive an apple."
    assert fix(text, grammar(server.url)) == text


def test_offsets_count_code_points_after_astral_characters(server):
    # The server counts UTF-16 units, as Java does; emoji take two of them.
    text = "Fans 😀😀 cheered.\n\nThey will recieve 🎉 a award."
    assert found(text, grammar(server.url)) == [("recieve", "MORFOLOGIK_RULE_EN_US"), ("a", "EN_A_VS_AN")]
    assert fix(text, grammar(server.url), unsafe=True) == "Fans 😀😀 cheered.\n\nThey will receive 🎉 an award."


def test_noise_in_news_text_is_dropped(server):
    text = ("Pushilin told KCNA and AFP that the goverment would recieve aid.\n\n"
            "STR/KCNA VIA KNS/AFP via Getty Images\n\n"
            "The autoblog said covid19 cases rose.\n")
    config = Config(select=("NLG001",), accept=frozenset({"autoblog"}), rules={"NLG001": {"server-url": server.url}})
    assert found(text, config) == [("goverment", "MORFOLOGIK_RULE_EN_US"), ("recieve", "MORFOLOGIK_RULE_EN_US")]


@pytest.mark.parametrize("text, flagged, spelling, noise", [
    ("Talks with Turkey resumed.", "Turkey", False, True),  # a name inside a sentence, any rule
    ("Done. However talks resumed.", "However", False, False),  # a capital that starts a sentence
    ("He said “However it ends.”", "However", False, False),
    ("Talks resumed in Donbass.", "Donbass", True, True),
    ("Officials recieve aid.", "recieve", True, False),
    ("A apple fell.", "A", False, False),  # one capital is not an abbreviation
    ("The U.S. said so.", "U.S.", False, True),
    ("Visit example.com/news today.", "example.com/news", True, True),
])
def test_noise_filter(text, flagged, spelling, noise):
    start = text.index(flagged)
    finding = Finding(start, start + len(flagged), "SOME_RULE", "MISC", "message", spelling)
    assert _is_noise(finding, text, Document(text)) is noise


def test_findings_on_another_rules_span_are_dropped(server):
    text = "Officials said they would recieve support.\n\nRead teh full story\n"
    assert found(text, grammar(server.url)) == [("recieve", "MORFOLOGIK_RULE_EN_US"), ("teh", "MORFOLOGIK_RULE_EN_US")]
    both = Config(select=("NL301", "NLG001"), rules={"NL301": {"extend-phrases": ["Read teh full story"]},
                                                     "NLG001": {"server-url": server.url}})
    violations = lint(text, both)
    assert [v.code for v in violations if v.code == "NL301"] == ["NL301"]
    assert [text[v.start : v.end] for v in violations if v.code == "NLG001"] == ["recieve"]


def test_a_capital_after_a_stray_full_stop_is_one_finding(server):
    # The checker wants `From`; NL402 sees the stop as stray. One artifact, one finding, and
    # the two fixes never apply together (which would give `sanctions From a position`).
    text = "Kim wants the lifting of crippling sanctions. from a position of strength."
    alone = lint(text, grammar(server.url))
    assert [(text[v.start : v.end], v.fix.edits[0].text) for v in alone] == [(". from", ". From")]
    assert fix(text, grammar(server.url), unsafe=True).endswith("sanctions. From a position of strength.")
    both = grammar(server.url, select=("NL402", "NLG001"))
    assert [v.code for v in lint(text, both)] == ["NL402"]
    assert fix(text, both, unsafe=True) == "Kim wants the lifting of crippling sanctions from a position of strength."


# ---- one session, batched requests, a cache ----

def test_many_documents_go_in_one_request_and_are_cached(server):
    ruleset = build_ruleset(grammar(server.url))
    texts = [f"Report {i}: officials will recieve the plan.\n\nTalks went on.\n" for i in range(40)]
    docs = [make_document(text, f"{i}.txt", ruleset.config) for i, text in enumerate(texts)]
    try:
        ruleset.rules[0].prepare(docs)
        assert len(server.checks()) == 1
        results = [lint_text(text, ruleset, f"{i}.txt") for i, text in enumerate(texts)]
        assert len(server.checks()) == 1
        assert server.checks()[0]["text"].count("Talks went on.") == 1  # the same paragraph is sent once
    finally:
        ruleset.close()
    assert [[texts[i][v.start : v.end] for v in result] for i, result in enumerate(results)] == [["recieve"]] * 40


def test_requests_stay_within_batch_chars(server):
    ruleset = build_ruleset(grammar(server.url, batch_chars=200))
    texts = [f"Report number {i} says they recieve a order." for i in range(20)]
    try:
        ruleset.rules[0].prepare([make_document(t, f"{i}.txt", ruleset.config) for i, t in enumerate(texts)])
        results = [lint_text(text, ruleset, f"{i}.txt") for i, text in enumerate(texts)]
    finally:
        ruleset.close()
    assert len(server.checks()) > 1
    assert all(len(params["text"]) <= 200 for params in server.checks())
    assert all([texts[i][v.start : v.end] for v in result] == ["recieve", "a"] for i, result in enumerate(results))


def test_pack_and_split_findings():
    texts = ["a" * 50, "b" * 50, "c" * 150, "d" * 10]
    assert _grammar.pack(texts, 110) == [[0, 1], [2], [3]]
    joined = _grammar.SEPARATOR.join(texts[:2])
    inside = Finding(52, 55, "R", "C", "m", False, (52, 55, "x"))
    across = Finding(48, 54, "R", "C", "m", False)
    first, second = _grammar.split_findings([inside, across], texts[:2])
    assert first == [] and second == [Finding(0, 3, "R", "C", "m", False, (0, 3, "x"))]
    assert joined[52:55] == "bbb"


def test_utf16_offsets():
    offsets = _grammar.Utf16Offsets("a😀b😀😀c")
    assert [offsets.to_utf16(i) for i in range(7)] == [0, 1, 3, 4, 6, 8, 9]
    assert [offsets.to_index(u) for u in (0, 1, 3, 4, 6, 8, 9)] == list(range(7))


# ---- configuration ----

def test_rule_selection_reaches_languagetool(server):
    config = grammar(server.url, disabled_rules=["EN_A_VS_AN"], enabled_rules=["TOO_LONG_SENTENCE"],
                     disabled_categories=["CASING"])
    assert found("Officials recieve a apple. and more.", config) == [("recieve", "MORFOLOGIK_RULE_EN_US")]
    params = server.checks()[0]
    assert set(params["disabledRules"].split(",")) == {"EN_A_VS_AN", "DASH_RULE", "EN_QUOTES",
                                                       "ENGLISH_WORD_REPEAT_BEGINNING_RULE",
                                                       "PUNCTUATION_PARAGRAPH_END"}
    assert params["enabledRules"] == "TOO_LONG_SENTENCE"
    assert set(params["disabledCategories"].split(",")) == {"CASING", "REDUNDANCY", "STYLE"}
    assert params["language"] == "en-US"


def test_quiet_rules_can_be_switched_back_on(server):
    text = 'He said "yes" to the plan.'
    assert found(text, grammar(server.url)) == []
    assert found(text, grammar(server.url, enabled_rules=["EN_QUOTES"])) == [('"', "EN_QUOTES"), ('"', "EN_QUOTES")]
    assert "EN_QUOTES" not in server.checks()[-1]["disabledRules"].split(",")


def test_enabled_only(server):
    config = grammar(server.url, enabled_only=True, enabled_rules=["EN_A_VS_AN"])
    assert found(TYPOS, config) == [("a", "EN_A_VS_AN")]
    assert server.checks()[0]["enabledOnly"] == "true"


def test_documents_in_another_language_are_skipped(server):
    portuguese = ("O governo anunciou que as negociações vão continuar na próxima semana, "
                  "segundo o ministro, que não quis comentar os detalhes do acordo com os parceiros.")
    assert found(portuguese, grammar(server.url)) == []
    assert server.checks() == []
    found(portuguese, grammar(server.url, language="de-DE"))  # a non-English language checks everything
    assert server.checks()[0]["language"] == "de-DE"


def test_environment_variable_wins_over_the_config(server, monkeypatch):
    monkeypatch.setenv("NEWSLINT_LANGUAGETOOL_URL", server.url)
    assert found(TYPOS, grammar(f"http://127.0.0.1:{closed_port()}"))


@pytest.mark.parametrize("suffix", ["/", "/v2", "/v2/"])
def test_server_url_forms(server, suffix):
    assert found(TYPOS, grammar(server.url + suffix))


@pytest.mark.parametrize("url", ["localhost:8081", "ftp://example.org/"])
def test_bad_server_url(url):
    with pytest.raises(ConfigError, match="not an http:// or https:// URL"):
        build_ruleset(grammar(url))


@pytest.mark.parametrize("options, message", [
    ({"backend": "java"}, "must be one of server, local, harper"),
    ({"timeout": 0}, "must be more than 0"),
    ({"server-url": 8081}, "expected str"),
    ({"enabled-only": True}, "enabled-only needs enabled-rules or enabled-categories"),
])
def test_bad_options(options, message):
    with pytest.raises(ConfigError, match=message):
        build_ruleset(Config(select=("NLG001",), rules={"NLG001": options}))


# ---- every failure is one line ----

def test_no_server_url():
    with pytest.raises(ConfigError, match="no LanguageTool server URL: set NEWSLINT_LANGUAGETOOL_URL"):
        build_ruleset(grammar())


def test_language_tool_python_not_installed(monkeypatch):
    monkeypatch.setitem(sys.modules, "language_tool_python", None)
    with pytest.raises(ConfigError, match=r"pip install 'newslint\[grammar\]'"):
        build_ruleset(grammar("http://127.0.0.1:8081"))


def test_server_down():
    message, seconds = failure(grammar(f"http://127.0.0.1:{closed_port()}"))
    assert "cannot connect (connection refused)" in message and seconds < 5


def test_server_too_slow_to_start(monkeypatch):
    monkeypatch.setattr(_languagetool, "PROBE_SECONDS", 0.5)
    with StandIn("slow-start", delay=3) as server:
        message, seconds = failure(grammar(server.url))
    assert "no answer within 0.5 s" in message and seconds < 2


def test_server_too_slow_to_check():
    with StandIn("slow", delay=3) as server:
        ruleset = build_ruleset(grammar(server.url, timeout=0.3))
        started = time.monotonic()
        with pytest.raises(GrammarBackendError, match=r"no answer within 0.3 s \(raise `timeout`"):
            lint_text(TYPOS, ruleset)
        asked = len(server.checks())
        with pytest.raises(GrammarBackendError):  # a backend that failed is not asked again
            lint_text("Another text entirely.", ruleset)
        ruleset.close()
        assert len(server.checks()) == asked and time.monotonic() - started < 2.5


@pytest.mark.parametrize("mode, expected", [
    ("malformed", "the reply is not LanguageTool's JSON: '<html><body>502 Bad Gateway</body></html>'"),
    ("no-matches", "malformed reply: this does not look like LanguageTool's /v2 API"),
    ("bad-match", "malformed reply: this does not look like LanguageTool's /v2 API"),
    ("error-500", "Error: Internal Server Error: java.lang.OutOfMemoryError: Java heap space"),
    ("not-languagetool", "the reply is not LanguageTool's JSON"),
])
def test_bad_replies(mode, expected):
    with StandIn(mode) as server:
        message, seconds = failure(grammar(server.url))
    assert message.startswith(f"NLG001: LanguageTool server at {server.url}/: ") and expected in message
    assert seconds < 5


def test_unsupported_language(server):
    message, _ = failure(grammar(server.url, language="xx-XX"))
    assert "unsupported language: 'xx-XX' (see the server's /v2/languages)" in message


# ---- the local backend: language-tool-python starts LanguageTool ----

def fake_java(tmp_path: Path, monkeypatch, **kwargs) -> Path:
    """A fake `java` first on PATH (see lt_standin.write_fake_java); returns the file it writes its port to."""
    java = write_fake_java(tmp_path / "bin", **kwargs)
    monkeypatch.setenv("PATH", f"{java.parent}{os.pathsep}{os.environ.get('PATH', '')}")
    return java.parent / "port"


def local(directory: Path | str = "", **options) -> Config:
    return grammar(backend="local", local_directory=str(directory), **options)


def refuses(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) != 0


def test_local_backend_starts_and_stops_languagetool(tmp_path, monkeypatch):
    portfile = fake_java(tmp_path, monkeypatch)
    ltp_path = os.environ.get("LTP_PATH")
    ruleset = build_ruleset(local(write_languagetool_dir(tmp_path)))
    try:
        assert [TYPOS[v.start : v.end] for v in lint_text(TYPOS, ruleset)] == ["recieve", "a", "goverment"]
        port = int(portfile.read_text())
        assert not refuses(port)
    finally:
        ruleset.close()
    deadline = time.monotonic() + 3
    while not refuses(port) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert refuses(port), "the LanguageTool server outlived the run"
    assert os.environ.get("LTP_PATH") == ltp_path


def test_local_backend_finds_language_tool_pythons_download(tmp_path, monkeypatch):
    fake_java(tmp_path, monkeypatch)
    write_languagetool_dir(tmp_path / "cache")
    monkeypatch.setenv("LTP_PATH", str(tmp_path / "cache"))
    assert found(TYPOS, local())


def test_broken_local_install_fails_fast(tmp_path, monkeypatch):
    fake_java(tmp_path, monkeypatch, broken=True)
    message, seconds = failure(local(write_languagetool_dir(tmp_path)))
    assert message == "NLG001: local LanguageTool 6.6: error: LanguageTool server exited early with code 1"
    assert seconds < 5


@pytest.mark.skipif(shutil.which("java") is None, reason="needs a real Java")
def test_real_java_with_a_broken_languagetool_fails_fast(tmp_path):
    message, seconds = failure(local(write_languagetool_dir(tmp_path)))
    assert "exited early" in message and seconds < 5


def test_no_java(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ConfigError, match="needs Java and there is no `java` on PATH: install a JRE 17"):
        build_ruleset(local(write_languagetool_dir(tmp_path)))


def test_java_too_old(tmp_path, monkeypatch):
    fake_java(tmp_path, monkeypatch, version="11.0.2")
    with pytest.raises(ConfigError, match="LanguageTool 6.6 needs Java 17 or newer, and .* is Java 11"):
        build_ruleset(local(write_languagetool_dir(tmp_path)))


@pytest.mark.parametrize("make, message", [
    (lambda p: p / "missing", "is not a directory"),
    (lambda p: write_languagetool_dir(p, "languagetool"), "must be named LanguageTool-<version>, like"),
    (lambda p: write_languagetool_dir(p, jar=False), "holds no languagetool-server.jar"),
])
def test_bad_local_directory(tmp_path, monkeypatch, make, message):
    fake_java(tmp_path, monkeypatch)
    with pytest.raises(ConfigError, match=message):
        build_ruleset(local(make(tmp_path)))


def test_no_languagetool_and_no_download(tmp_path, monkeypatch):
    fake_java(tmp_path, monkeypatch)
    monkeypatch.setenv("LTP_PATH", str(tmp_path / "empty"))
    with pytest.raises(ConfigError, match="no LanguageTool in .*empty: set local-directory .* or download = true"):
        build_ruleset(local())


def test_download_without_network(tmp_path, monkeypatch):
    from language_tool_python import download_lt

    fake_java(tmp_path, monkeypatch)
    monkeypatch.setenv("LTP_PATH", str(tmp_path / "empty"))
    monkeypatch.setattr(download_lt, "BASE_URL_NEW_RELEASES", f"http://127.0.0.1:{closed_port()}/")
    message, seconds = failure(local(download=True))
    assert message == "NLG001: downloading LanguageTool 6.8: cannot connect (connection refused)" and seconds < 5


# ---- Harper, for real ----

HARPER = {"backend": "harper"}


def harper(**options) -> Config:
    return grammar(**HARPER, **options)


def test_harper_reports_and_fixes():
    text = ("He congratulated Kim on the the anniversary. They bought a apple, then negotiated the lifting "
            "of crippling sanctions. from a position of strength.")
    assert found(text, harper()) == [("the the", "RepeatedWords"), ("a", "AnA"), (". from", "SentenceCapitalization")]
    assert all(not v.fix.safe for v in lint(text, harper()))
    assert fix(text, harper(), unsafe=True) == (
        "He congratulated Kim on the anniversary. They bought an apple, then negotiated the lifting "
        "of crippling sanctions. From a position of strength.")


def test_harper_leaves_names_and_credits_alone():
    text = ("Pushilin met Matsegora and Sin Hong Chol in Donetsk, KCNA and TASS said.\n\n"
            "STR/KCNA VIA KNS/AFP via Getty Images\n")
    assert found(text, harper()) == []


def test_harper_quiet_kinds_and_rules_can_be_switched_on():
    text = "The talks covered trade, labor and energy, and the minister said the 2019-2020 plan stands."
    assert found(text, harper()) == []
    assert found(text, harper(enabled_rules=["OxfordComma", "NumericRangeEnDash"])) == [
        ("labor", "OxfordComma"), ("-", "NumericRangeEnDash")]


def test_harper_enabled_only():
    text = "He congratulated Kim on the the anniversary. They bought a apple."
    assert found(text, harper(enabled_only=True, enabled_rules=["AnA"])) == [("a", "AnA")]


def test_harper_unknown_rule():
    with pytest.raises(ConfigError, match="Harper has no rule 'RepeatedWord' \\(did you mean 'RepeatedWords'\\?\\)"):
        lint("Some text.", harper(disabled_rules=["RepeatedWord"]))


def test_harper_is_english_only():
    with pytest.raises(ConfigError, match="Harper checks English only"):
        build_ruleset(harper(language="de-DE"))


def test_harper_not_installed(monkeypatch):
    monkeypatch.setitem(sys.modules, "harper", None)
    with pytest.raises(ConfigError, match=r"pip install 'newslint\[harper\]'"):
        build_ruleset(harper())
