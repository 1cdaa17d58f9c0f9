"""Configuration files: discovery, keys, per-rule options and strict errors."""
from __future__ import annotations

import json

import pytest

from tests.helpers import run_cli

ARTICLE = "The talks ended without a deal.\n\nSource link\n\nSubscribe to our newsletter\n"


def _write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _codes(result):
    return [item["code"] for item in json.loads(result.stdout)]


def test_pyproject_found_by_walking_up(tmp_path):
    _write(tmp_path / "pyproject.toml", '[tool.newslint]\nignore = ["NL3"]\n')
    article = _write(tmp_path / "deep" / "er" / "a.txt", ARTICLE)
    assert run_cli("check", str(article)).exit_code == 0
    assert run_cli("check", "--isolated", str(article)).exit_code == 1


def test_pyproject_without_our_table_is_passed_over(tmp_path):
    _write(tmp_path / "pyproject.toml", '[tool.newslint]\nignore = ["NL3"]\n')
    _write(tmp_path / "sub" / "pyproject.toml", '[project]\nname = "x"\n')
    article = _write(tmp_path / "sub" / "a.txt", ARTICLE)
    assert run_cli("check", str(article)).exit_code == 0


def test_newslint_toml_and_per_rule_options(tmp_path):
    _write(tmp_path / ".newslint.toml",
           'select = ["NL301"]\n[rules.NL301]\nextend-phrases = ["Subscribe to our newsletter"]\n')
    article = _write(tmp_path / "a.txt", ARTICLE)
    result = run_cli("check", "--format", "json", str(article))
    assert _codes(result) == ["NL301", "NL301"]


def test_rule_options_by_rule_name(tmp_path):
    config = _write(tmp_path / "custom.toml",
                    '[tool.newslint]\nselect = ["NL301"]\n'
                    '[tool.newslint.rules.boilerplate-line]\nextend-phrases = ["Subscribe to our newsletter"]\n')
    article = _write(tmp_path / "a.txt", ARTICLE)
    assert len(_codes(run_cli("check", "--format", "json", "--config", str(config), str(article)))) == 2


def test_per_file_ignores_and_exclude(tmp_path):
    _write(tmp_path / "pyproject.toml",
           '[tool.newslint]\nexclude = ["archive"]\n[tool.newslint.per-file-ignores]\n"raw/*.txt" = ["NL3"]\n')
    _write(tmp_path / "raw" / "a.txt", ARTICLE)
    _write(tmp_path / "archive" / "b.txt", ARTICLE)
    _write(tmp_path / "c.txt", ARTICLE)
    result = run_cli("check", "--format", "json", ".", cwd=tmp_path)
    assert {item["path"].split("/")[-1] for item in json.loads(result.stdout)} == {"c.txt"}


def test_accept_vocabulary_silences_findings(tmp_path):
    _write(tmp_path / ".newslint.toml", 'accept = ["Source link"]\n')
    article = _write(tmp_path / "a.txt", "Text.\n\nSource link\n")
    assert run_cli("check", "--select", "NL301", str(article)).exit_code == 0


def test_unsafe_fixes_from_config(tmp_path):
    _write(tmp_path / ".newslint.toml", "unsafe-fixes = true\n")
    article = _write(tmp_path / "a.txt", "Text.\n\nSource link\n")
    assert run_cli("check", "--select", "NL301", "--fix", str(article)).exit_code == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('[tool.newslint]\nselcet = ["NL3"]\n', "unknown key 'selcet' (did you mean 'select'?)"),
        ('[tool.newslint]\nselect = "NL3\n', "invalid TOML"),
        ("[tool.newslint]\nselect = 3\n", "'select' must be a list of strings"),
        ('[tool.newslint]\nunsafe-fixes = "yes"\n', "'unsafe-fixes' must be true or false"),
        ('[tool.newslint]\nignore = ["NL999"]\n', "unknown rule selector 'NL999'"),
        ('[tool.newslint.rules.NL301]\nextend-phrasse = ["x"]\n',
         "rule NL301: unknown option 'extend-phrasse' (did you mean 'extend-phrases'?)"),
        ('[tool.newslint.rules.NL301]\nextend-phrases = 3\n', "option 'extend-phrases': expected a list of strings"),
        ('[tool.newslint.rules.NL9]\nx = 1\n', "[rules.NL9] names no rule"),
    ],
)
def test_broken_config_is_one_line_error(tmp_path, content, message):
    config = _write(tmp_path / "pyproject.toml", content)
    article = _write(tmp_path / "a.txt", "Text.\n")
    result = run_cli("check", str(article))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"newslint: error: {config}")
    assert message in result.stderr
    assert result.stderr.count("\n") == 1


def test_missing_config_file_named_on_command_line(tmp_path):
    result = run_cli("check", "--config", str(tmp_path / "none.toml"), str(tmp_path))
    assert result.exit_code == 2
    assert "config file not found" in result.stderr


def _found(result):
    return sorted((item["path"].rsplit("/", 1)[-1], item["code"]) for item in json.loads(result.stdout))


def test_globs_are_relative_to_the_config_file_wherever_newslint_runs(tmp_path):
    project = tmp_path / "proj"
    _write(project / "pyproject.toml",
           '[tool.newslint]\nexclude = ["articles/old"]\n'
           '[tool.newslint.per-file-ignores]\n"articles/raw/*.txt" = ["NL3"]\n')
    _write(project / "articles" / "raw" / "a.txt", ARTICLE)
    _write(project / "articles" / "old" / "b.txt", ARTICLE)
    _write(project / "articles" / "c.txt", ARTICLE)
    runs = [("articles", project), (".", project / "articles"), (str(project / "articles"), tmp_path),
            (".", project / "articles" / "raw"), ("raw/a.txt", project / "articles")]
    found = [_found(run_cli("check", "--select", "NL3", "--format", "json", path, cwd=where)) for path, where in runs]
    assert found == [[("c.txt", "NL301"), ("c.txt", "NL303")]] * 3 + [[], []]


def test_include_exclude_and_per_file_ignores_share_one_glob_semantics(tmp_path):
    _write(tmp_path / ".newslint.toml",
           'include = ["*.txt", "notes/*.md"]\nexclude = ["drafts/*.txt", "tmp"]\n'
           'select = ["NL301"]\nper-file-ignores = { "wire/*.txt" = ["NL301"], "*-raw.txt" = ["NL301"] }\n')
    names = ["a.txt", "drafts/b.txt", "x/drafts/c.txt", "drafts/deep/d.txt", "x/tmp/e.txt", "notes/f.md",
             "x/notes/g.md", "wire/h.txt", "wire/deep/i.txt", "x/j-raw.txt"]
    for name in names:
        _write(tmp_path / name, ARTICLE)
    result = run_cli("check", "--format", "json", ".", cwd=tmp_path)
    checked = sorted({item["path"] for item in json.loads(result.stdout)})
    # `*` stays within one name, a slash anchors at the config's directory, a bare name matches at any depth
    assert checked == ["a.txt", "drafts/deep/d.txt", "notes/f.md", "wire/deep/i.txt", "x/drafts/c.txt"]


@pytest.mark.parametrize(("table", "message"), [
    ('[tool.newslint.rules.NL301]\nextend-phrase = ["x"]\n',
     "rule NL301: unknown option 'extend-phrase' (did you mean 'extend-phrases'?)"),
    ("[tool.newslint.rules.grammar]\ntimeout = -1\n", "rule NLG001: option 'timeout'"),
    ('[tool.newslint.rules.NL204]\nextend-phrases = "x"\n', "rule NL204: option 'extend-phrases'"),
])
def test_options_of_rules_that_do_not_run_are_checked(tmp_path, table, message):
    config = _write(tmp_path / "pyproject.toml", '[tool.newslint]\nselect = ["NL1"]\n' + table)
    article = _write(tmp_path / "a.txt", "Text.\n")
    for args in ([], ["--select", "NL102"]):
        result = run_cli("check", *args, str(article))
        assert result.exit_code == 2, result.stdout
        assert result.stderr.startswith(f"newslint: error: {config}: ") and message in result.stderr


@pytest.mark.parametrize(("relative", "pattern", "expected"), [
    ("a/b/c.md", "*.md", True), ("x/archive/y.txt", "archive", True), ("archived/y.txt", "archive", False),
    ("raw/a.txt", "raw/*.txt", True), ("raw/sub/a.txt", "raw/*.txt", False), ("x/raw/a.txt", "raw/*.txt", False),
    ("x/raw/a.txt", "/raw", False), ("raw/a.txt", "./raw/", True), ("2019/a/b/draft-1.txt", "2019/**/draft-*", True),
    ("2019/draft-1.txt", "2019/**/draft-*", True), ("c.txt", "[!ab].txt", True), ("a.txt", "[!ab].txt", False),
    ("]x", "[]]x", True), ("[x", "[x", True),
])
def test_glob_semantics(relative, pattern, expected):
    from newslint.config import glob_matches

    assert glob_matches(relative, pattern) is expected
