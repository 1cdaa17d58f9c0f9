"""The result cache: answers for unchanged texts, misses for anything that changes the result."""
from __future__ import annotations

import json
import os
import sqlite3
import zlib
from pathlib import Path

import pytest

from newslint.cache import CACHE_ENV, DATABASE, ResultCache, cached_lint, default_directory
from newslint.config import Config
from newslint.engine import build_ruleset, lint_text

TEXT = "The mayor said the plan wasApproved on Monday.\n\nSource link\n"


def test_a_second_lookup_is_answered_from_the_cache(tmp_path):
    ruleset = build_ruleset(Config())
    cache = ResultCache.for_ruleset(ruleset, tmp_path)
    first = cached_lint(TEXT, ruleset, "a.txt", cache)
    assert first == lint_text(TEXT, ruleset, "a.txt") and first
    again = ResultCache.for_ruleset(ruleset, tmp_path)
    assert cached_lint(TEXT, ruleset, "a.txt", again) == first
    assert (again.hits, again.misses) == (1, 0)


def test_text_path_rules_and_options_are_part_of_the_key(tmp_path):
    ruleset = build_ruleset(Config())
    cache = ResultCache.for_ruleset(ruleset, tmp_path)
    cached_lint(TEXT, ruleset, "a.txt", cache)
    assert cache.lookup("a.txt", TEXT + "More.\n") is None
    assert cache.lookup("b.txt", TEXT) is None
    for other in (Config(select=("NL301",)), Config(rules={"NL301": {"extend-phrases": ["Read more"]}}),
                  Config(accept=frozenset({"wasApproved"}))):
        assert ResultCache.for_ruleset(build_ruleset(other), tmp_path).lookup("a.txt", TEXT) is None


def _entries(directory) -> list[tuple[str, str]]:
    with sqlite3.connect(directory / DATABASE) as db:
        return db.execute("SELECT key, data FROM findings").fetchall()


def _set_entry(directory, key: str, data: str, *, whole: bool = False) -> None:
    """Change an entry's data; `whole`: with the checksum of the new data, as a writer would."""
    with sqlite3.connect(directory / DATABASE) as db:
        if whole:
            checksum = zlib.crc32(data.encode("utf-8", "surrogatepass"))
            db.execute("UPDATE findings SET data = ?, checksum = ? WHERE key = ?", (data, checksum, key))
        else:
            db.execute("UPDATE findings SET data = ? WHERE key = ?", (data, key))


def test_a_corrupted_entry_is_rebuilt_not_trusted(tmp_path):
    ruleset = build_ruleset(Config())
    cache = ResultCache.for_ruleset(ruleset, tmp_path)
    expected = cached_lint(TEXT, ruleset, "a.txt", cache)
    [(key, data)] = _entries(tmp_path)
    damages = ["{not json", '{"key": "x", "findings": []}', data[:-5], data.replace("1", "2", 1)]
    for change in (lambda row: row.__setitem__(4, 99999),  # a span outside the text
                   lambda row: row.__setitem__(3, "0"),  # an offset that is no number
                   lambda row: row.__setitem__(10, [[0, 99999, "", 1, 1, 1, 1]]),  # an edit outside the text
                   lambda row: row.__setitem__(9, "very-safe"),  # no such applicability
                   lambda row: row.__setitem__(5, 0),  # another line
                   lambda row: row.pop()):  # no content key
        entry = json.loads(data)
        change(entry["findings"][-1])
        damages.append(json.dumps(entry))
    for damage in damages:  # changed behind the cache's back: the checksum no longer matches
        _set_entry(tmp_path, key, damage)
        assert cache.lookup("a.txt", TEXT) is None
        assert cached_lint(TEXT, ruleset, "a.txt", cache) == expected
        assert cache.lookup("a.txt", TEXT) == expected
    # Written whole, checksum and all, but not an entry of this text, or not rows of findings
    # (no such applicability, no content key).
    for damage in [*damages[:2], damages[7], damages[9]]:
        _set_entry(tmp_path, key, damage, whole=True)
        assert cache.lookup("a.txt", TEXT) is None
        assert cached_lint(TEXT, ruleset, "a.txt", cache) == expected


def test_a_damaged_database_file_is_replaced(tmp_path):
    ruleset = build_ruleset(Config())
    (tmp_path / DATABASE).write_bytes(b"this is not a database" * 100)
    cache = ResultCache.for_ruleset(ruleset, tmp_path)
    assert cache.lookup("a.txt", TEXT) is None
    expected = cached_lint(TEXT, ruleset, "a.txt", cache)
    assert ResultCache.for_ruleset(ruleset, tmp_path).lookup("a.txt", TEXT) == expected


def test_an_unwritable_cache_only_costs_time(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    ruleset = build_ruleset(Config())
    cache = ResultCache.for_ruleset(ruleset, blocker)
    assert cached_lint(TEXT, ruleset, "a.txt", cache) == lint_text(TEXT, ruleset, "a.txt")


def test_default_directory(monkeypatch, tmp_path):
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "c"))
    assert default_directory() == tmp_path / "c"
    monkeypatch.delenv(CACHE_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert default_directory() == tmp_path / "newslint"


def test_the_command_answers_a_second_run_from_the_cache(tmp_path):
    from tests.helpers import run_cli

    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    cache = tmp_path / "cache"
    first = run_cli("check", str(article), "--cache-dir", str(cache))
    [(key, data)] = _entries(cache)
    # An entry that reads back well is what the next run reports, without checking again.
    _set_entry(cache, key, data.replace("merged words", "CACHED merged words"), whole=True)
    assert "CACHED merged words" in run_cli("check", str(article), "--cache-dir", str(cache)).stdout
    assert run_cli("check", str(article), "--cache-dir", str(cache), "--no-cache").stdout == first.stdout
    _set_entry(cache, key, "\x00garbage")
    assert run_cli("check", str(article), "--cache-dir", str(cache)).stdout == first.stdout


def test_fix_runs_store_what_remains_and_skip_clean_files(tmp_path):
    from tests.helpers import run_cli

    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    cache = tmp_path / "cache"
    fixed = run_cli("check", str(article), "--fix", "--cache-dir", str(cache))
    assert "Source link" not in article.read_text(encoding="utf-8") and fixed.exit_code == 1
    after = article.read_text(encoding="utf-8")
    again = run_cli("check", str(article), "--fix", "--cache-dir", str(cache))
    assert article.read_text(encoding="utf-8") == after
    assert again.stdout.splitlines()[0] == fixed.stdout.splitlines()[0]  # the unsafe merge, from the cache
    assert ResultCache.for_ruleset(build_ruleset(Config()), cache).lookup(str(article), after) is not None


def test_a_warm_run_asks_the_cache_once_a_batch_and_prepares_no_cached_file(tmp_path, monkeypatch):
    from newslint.engine import RuleSet
    from tests.helpers import run_cli

    folder = tmp_path / "texts"
    folder.mkdir()
    for i in range(40):  # more than one batch of files
        (folder / f"{i}.txt").write_text(TEXT.replace("Monday", f"day {i}"), encoding="utf-8")
    cache = str(tmp_path / "cache")
    prepared: list[int] = []
    monkeypatch.setattr(RuleSet, "prepare", lambda self, docs: prepared.append(len(docs)))
    cold = run_cli("check", str(folder), "--cache-dir", cache)
    assert sum(prepared) == 40
    queries: list[int] = []
    real = ResultCache.prefetch
    monkeypatch.setattr(ResultCache, "prefetch", lambda self, items: queries.append(len(items)) or real(self, items))
    prepared.clear()
    warm = run_cli("check", str(folder), "--cache-dir", cache)
    assert warm.stdout == cold.stdout and "wasApproved" in warm.stdout
    assert prepared == [] and queries == [32, 8]
    (folder / "3.txt").write_text(TEXT + "More.\n", encoding="utf-8")  # one changed file: it alone is checked
    assert run_cli("check", str(folder), "--cache-dir", cache).exit_code == 1 and prepared == [1]


def test_a_warm_check_run_builds_no_rule_and_still_stops_on_a_config_error(tmp_path, monkeypatch):
    from newslint import engine
    from tests.helpers import run_cli

    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    cache = str(tmp_path / "cache")
    built: list[object] = []
    real = engine.build_ruleset
    monkeypatch.setattr(engine, "build_ruleset", lambda config: built.append(config) or real(config))
    cold = run_cli("check", str(article), "--cache-dir", cache, "--isolated")
    assert len(built) == 1
    built.clear()
    assert run_cli("check", str(article), "--cache-dir", cache, "--isolated").stdout == cold.stdout
    assert built == []  # answered from the cache: no rule module imported, no pattern compiled
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "a.txt").write_text(TEXT + "More.\n", encoding="utf-8")
    assert run_cli("check", str(tmp_path / "c"), "--cache-dir", cache, "--isolated").exit_code == 1
    assert len(built) == 1  # a file the cache does not hold: the rules are built then
    # A config whose rules fail to build was never vouched for: the warm run reports the error.
    (tmp_path / "pyproject.toml").write_text('[tool.newslint.rules.NL301]\nno-such-option = 1\n', encoding="utf-8")
    broken = run_cli("check", str(article), "--cache-dir", cache)
    assert broken.exit_code == 2 and "no-such-option" in broken.output
    assert run_cli("check", str(article), "--cache-dir", cache).exit_code == 2


def test_fix_and_diff_runs_build_every_rule_set_first(tmp_path, monkeypatch):
    from newslint import engine
    from tests.helpers import run_cli

    article = tmp_path / "a.txt"
    article.write_text("Plain text that needs no fix.\n", encoding="utf-8")
    cache = str(tmp_path / "cache")
    run_cli("check", str(article), "--cache-dir", cache, "--isolated")
    built: list[object] = []
    real = engine.build_ruleset
    monkeypatch.setattr(engine, "build_ruleset", lambda config: built.append(config) or real(config))
    for mode in ("--fix", "--diff"):
        built.clear()
        assert run_cli("check", str(article), mode, "--cache-dir", cache, "--isolated").exit_code == 0
        assert len(built) == 1


def test_the_code_stamp_covers_every_file_of_the_rule_package_without_importing_it(tmp_path, monkeypatch):
    import sys

    from newslint import rules
    from newslint.cache import code_roots, config_fingerprint
    from newslint.registry import all_rules

    package = tmp_path / "someplugin"
    (package / "data").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "_helper.py").write_text("WORDS = 1\n")
    (package / "rule.py").write_text("raise ImportError('must not be imported')\n")
    (package / "data" / "words.txt").write_text("one\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert code_roots("someplugin.rule") == {str(package)} and "someplugin.rule" not in sys.modules
    assert code_roots("no_such_package_here.rule") is None  # code not found: no cache
    # The built-in rules live in their own folder, a package of newslint mapped elsewhere: stamped too.
    rules_folder = str(Path(rules.__file__).parent)
    assert rules_folder in code_roots(all_rules()["NL101"].spec.module)
    registry = all_rules()
    before = config_fingerprint(Config(), registry, ["NL101"])
    (package / "data" / "words.txt").write_text("one\ntwo\n")  # not a file NL101 depends on
    assert config_fingerprint(Config(), registry, ["NL101"]) == before
    word_list = Path(rules_folder) / "data" / "words_short.txt"
    stamp = word_list.stat()
    try:
        os.utime(word_list, ns=(stamp.st_atime_ns, stamp.st_mtime_ns + 1_000_000_000))  # a word list edited
        assert config_fingerprint(Config(), registry, ["NL101"]) != before
    finally:
        os.utime(word_list, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))


def test_findings_answered_from_the_cache_are_placed_as_the_check_placed_them(tmp_path):
    from newslint import report
    from newslint.document import Document
    from newslint.findings import findings_for
    from newslint.model import Applicability, Edit, Fix, Violation
    from newslint.run import _answered

    text = "First line\r\nsecond\n\n\nlast line, no feed"
    unsafe = Fix((Edit(0, 3, ""), Edit(11, 20, "x")), Applicability.UNSAFE)
    safe = Fix((Edit(1, 2, "é"),))
    violations = [Violation("NL101", "merged-words", 'm "é"\t', start, end, (None, unsafe, safe)[start % 3])
                  for start in range(len(text) + 1) for end in (start, len(text))]
    cache = ResultCache(tmp_path, "fingerprint")
    cache.store("a.txt", text, violations)
    entry = ResultCache(tmp_path, "fingerprint").entry("a.txt", text)
    assert entry is not None and entry.violations == tuple(violations)
    for fixable_unsafe in (False, True):
        placed = findings_for("a.txt", violations, Document(text), unsafe=fixable_unsafe)
        answered = _answered(entry, fixable_unsafe)
        assert answered == tuple(placed) and answered[:3] == tuple(placed[:3]) and len(answered) == len(placed)
        assert answered.counts() == _answered(entry, fixable_unsafe).counts() == report.Counts.of(placed)
        for line in (report.jsonl_line, report.text_line, report.github_line):  # from the rows, or made
            assert _answered(entry, fixable_unsafe).lines(line) == [line(f) for f in placed]


def test_an_entry_stores_the_findings_of_its_violations_only(tmp_path):
    from newslint.document import Document
    from newslint.findings import findings_for
    from newslint.model import Violation

    first, second = Violation("NL101", "merged-words", "m", 0, 3), Violation("NL101", "merged-words", "m", 4, 6)
    placed = findings_for("a.txt", [first], Document(TEXT))
    cache = ResultCache(tmp_path, "fingerprint")
    with pytest.raises(ValueError, match="not those of the violations"):
        cache.store("a.txt", TEXT, [second], placed)
    assert cache.lookup("a.txt", TEXT) is None


def test_a_warm_run_imports_neither_the_engine_nor_any_rule(tmp_path):
    import subprocess
    import sys

    from tests.helpers import ROOT

    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    script = (f"import sys\nfrom newslint.cli import main\ntry:\n    main(['check', {str(article)!r}, '--isolated', "
              f"'--cache-dir', {str(tmp_path / 'cache')!r}])\nexcept SystemExit:\n    pass\n"
              "print(' '.join(sorted(sys.modules)), file=sys.stderr)\n")

    def modules() -> set[str]:
        run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=120)
        return set(run.stderr.split())

    assert {"newslint.engine", "newslint.rules.merged_words"} <= modules()  # cold: the rules run
    warm = modules()
    assert "newslint.run" in warm
    assert not {m for m in warm if m == "newslint.engine" or m.startswith("newslint.rules.")}


def test_a_warm_run_prints_what_the_cold_run_printed_in_every_format(tmp_path):
    import shutil

    from newslint.report import FORMATS
    from tests.helpers import ROOT, run_cli

    articles = tmp_path / "articles"
    articles.mkdir()
    for bad in sorted((ROOT / "fixtures").glob("NL*/bad_*.txt"))[:40]:  # safe and unsafe fixes, many lines
        shutil.copy(bad, articles / f"{bad.parent.name}_{bad.name}")
    (articles / "crlf.txt").write_bytes(TEXT.replace("\n", "\r\n").encode())
    for fmt in FORMATS:
        for extra in ((), ("--unsafe-fixes",), ("--statistics",) if fmt in ("text", "json", "jsonl") else ()):
            args = ("check", str(articles), "--isolated", "--format", fmt, *extra)
            cold = run_cli(*args, "--cache-dir", str(tmp_path / f"cache-{fmt}-{len(extra)}"))
            warm = run_cli(*args, "--cache-dir", str(tmp_path / f"cache-{fmt}-{len(extra)}"))
            assert cold.stdout and warm.stdout == cold.stdout == run_cli(*args, "--no-cache").stdout, (fmt, extra)
