"""The result cache: answers for unchanged texts, misses for anything that changes the result."""
from __future__ import annotations

import sqlite3

from newslint.cache import CACHE_ENV, DATABASE, ResultCache, cached_lint, default_directory
from newslint.config import Config
from newslint.engine import build_ruleset, lint_text

TEXT = "The mayor said the plan wasapproved on Monday.\n\nSource link\n"


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
                  Config(accept=frozenset({"wasapproved"}))):
        assert ResultCache.for_ruleset(build_ruleset(other), tmp_path).lookup("a.txt", TEXT) is None


def _entries(directory) -> list[tuple[str, str]]:
    with sqlite3.connect(directory / DATABASE) as db:
        return db.execute("SELECT key, data FROM entries").fetchall()


def _set_entry(directory, key: str, data: str) -> None:
    with sqlite3.connect(directory / DATABASE) as db:
        db.execute("UPDATE entries SET data = ? WHERE key = ?", (data, key))


def test_a_corrupted_entry_is_rebuilt_not_trusted(tmp_path):
    ruleset = build_ruleset(Config())
    cache = ResultCache.for_ruleset(ruleset, tmp_path)
    expected = cached_lint(TEXT, ruleset, "a.txt", cache)
    [(key, data)] = _entries(tmp_path)
    for damage in ("{not json", '{"key": "x", "violations": []}',
                   data.replace('"start": ', '"start": 9999').replace('"end": ', '"end": 99999')):
        _set_entry(tmp_path, key, damage)
        assert cache.lookup("a.txt", TEXT) is None
        assert cached_lint(TEXT, ruleset, "a.txt", cache) == expected
        assert cache.lookup("a.txt", TEXT) == expected


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
    _set_entry(cache, key, data.replace("merged words", "CACHED merged words"))
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
    assert warm.stdout == cold.stdout and "wasapproved" in warm.stdout
    assert prepared == [] and queries == [32, 8]
    (folder / "3.txt").write_text(TEXT + "More.\n", encoding="utf-8")  # one changed file: it alone is checked
    assert run_cli("check", str(folder), "--cache-dir", cache).exit_code == 1 and prepared == [1]
