"""The `newslint` command as a user runs it: output, exit status, fixing files, errors."""
from __future__ import annotations

import json
import os
import stat
import subprocess
import sys

import pytest

from tests.helpers import ARTICLE, SEED, run_cli, run_process

CLEAN = "The talks ended without a deal.\n\nBoth sides will meet again in May.\n"


def test_text_output_and_exit_status(article):
    result = run_cli("check", "--select", "NL301", str(article))
    assert result.exit_code == 1
    assert f"{article}:3:1: NL301 boilerplate line 'Source link' [*]" in result.stdout
    assert "Found 2 violations." in result.stdout
    assert "[*] 2 fixable with the `--fix` option." in result.stdout


def test_clean_file_exits_zero(tmp_path):
    path = tmp_path / "clean.txt"
    path.write_text(CLEAN, encoding="utf-8")
    result = run_cli("check", str(path))
    assert result.exit_code == 0, result.stdout
    assert "All checks passed!" in result.stdout


def test_fix_rewrites_file_and_second_fix_changes_nothing(article):
    first = run_cli("check", "--select", "NL301", "--fix", str(article))
    assert first.exit_code == 0, first.stdout + first.stderr
    assert article.read_text(encoding="utf-8") == "The talks ended without a deal.\n"
    assert "2 fixed, 0 remaining" in first.stdout
    before = article.stat().st_mtime_ns
    second = run_cli("check", "--select", "NL301", "--fix", str(article))
    assert second.exit_code == 0
    assert article.stat().st_mtime_ns == before  # nothing rewritten


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
@pytest.mark.parametrize("final", [True, False])
def test_fix_keeps_line_endings_bom_and_final_newline(tmp_path, newline, bom, final):
    text = ARTICLE if final else ARTICLE.rstrip("\n")
    path = tmp_path / "a.txt"
    path.write_bytes(bom + text.replace("\n", newline).encode("utf-8"))
    os.chmod(path, 0o640)
    run_cli("check", "--select", "NL301", "--fix", str(path))
    expected = "The talks ended without a deal." + ("\n" if final else "")
    assert path.read_bytes() == bom + expected.replace("\n", newline).encode("utf-8")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_diff_writes_nothing(article):
    result = run_cli("check", "--select", "NL301", "--diff", str(article))
    assert result.exit_code == 1
    assert "-Source link" in result.stdout and "-Leave a Reply" in result.stdout
    assert article.read_text(encoding="utf-8") == ARTICLE


def test_stdin_check_and_fix():
    result = run_cli("check", "--select", "NL301", "--stdin-filename", "story.txt", "-", input=ARTICLE)
    assert result.exit_code == 1
    assert "story.txt:3:1: NL301" in result.stdout
    fixed = run_cli("check", "--select", "NL301", "--fix", "-", input=ARTICLE)
    assert fixed.stdout == "The talks ended without a deal.\n"
    assert fixed.exit_code == 0


def test_selection_by_code_prefix_and_name(article):
    for selector in ("NL301", "NL3", "boilerplate-line"):
        assert run_cli("check", "--isolated", "--select", selector, str(article)).exit_code == 1
    assert run_cli("check", "--select", "NL301", "--ignore", "boilerplate-line", str(article)).exit_code == 0


def test_unknown_rule_code_is_an_error_with_suggestion(article):
    result = run_cli("check", "--select", "boilerplate-lines", str(article))
    assert result.exit_code == 2
    assert "unknown rule selector 'boilerplate-lines'" in result.stderr
    assert "did you mean 'boilerplate-line'" in result.stderr


def test_statistics_exit_zero_and_quiet(article):
    stats = run_cli("check", "--select", "NL301", "--statistics", str(article))
    assert stats.stdout.split() == ["2", "NL301", "boilerplate-line", "[*]"]
    quiet = run_cli("check", "--select", "NL301", "--quiet", "--exit-zero", str(article))
    assert quiet.exit_code == 0
    assert "Found" not in quiet.stdout and quiet.stdout.count("NL301") == 2


def test_json_contract_on_the_seed_article():
    result = run_cli("check", "--format", "json", str(SEED))
    data = json.loads(result.stdout)
    assert isinstance(data, list) and data
    for item in data:
        assert {"path", "line", "column", "end_line", "end_column", "code", "name", "message", "fix"} <= item.keys()
        if item["fix"] is not None:
            assert item["fix"]["applicability"] in ("safe", "unsafe")
            for edit in item["fix"]["edits"]:
                assert {"line", "column", "end_line", "end_column", "content"} <= edit.keys()


def test_jsonl_matches_json(article):
    as_json = json.loads(run_cli("check", "--format", "json", str(article)).stdout)
    as_jsonl = [json.loads(line) for line in run_cli("check", "--format", "jsonl", str(article)).stdout.splitlines()]
    assert as_json == as_jsonl


def test_github_annotations(article):
    lines = run_cli("check", "--select", "NL301", "--format", "github", str(article)).stdout.splitlines()
    assert lines[0].startswith(f"::error file={article},line=3,col=1,endLine=3,endColumn=12,")
    assert lines[0].endswith("::NL301 boilerplate line 'Source link'")


def test_missing_path_is_one_line_error(tmp_path):
    result = run_cli("check", str(tmp_path / "nope.txt"))
    assert result.exit_code == 2
    assert result.stderr == f"newslint: error: {tmp_path / 'nope.txt'}: no such file or directory\n"


def test_directory_without_text_files_warns(tmp_path):
    (tmp_path / "data.bin").write_bytes(b"\x00\x01")
    result = run_cli("check", str(tmp_path))
    assert result.exit_code == 0
    assert "no text files to check" in result.stderr


def test_binary_file_is_skipped_with_warning(tmp_path):
    path = tmp_path / "blob.txt"
    path.write_bytes(b"abc\x00def")
    result = run_cli("check", str(path))
    assert result.exit_code == 0
    assert result.stderr == f"newslint: warning: {path}: binary file (NUL bytes), skipped\n"


def test_invalid_utf8_names_byte_offset_and_leaves_file(tmp_path):
    path = tmp_path / "bad.txt"
    data = b"Source link\n\ncaf\xe9 au lait\n"
    path.write_bytes(data)
    result = run_cli("check", "--fix", str(path))
    assert result.exit_code == 2
    assert f"newslint: error: {path}: invalid UTF-8 at byte 16" in result.stderr
    assert path.read_bytes() == data


def test_directory_walk_uses_include_globs(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.md").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "c.html").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "d.txt").write_text(ARTICLE, encoding="utf-8")
    result = run_cli("check", "--select", "NL301", "--format", "json", str(tmp_path))
    paths = {os.path.basename(item["path"]) for item in json.loads(result.stdout)}
    assert paths == {"a.txt", "b.md"}


def test_rules_and_rule_commands():
    table = run_cli("rules")
    assert table.exit_code == 0 and "NL301" in table.stdout and "boilerplate-line" in table.stdout
    doc = run_cli("rule", "NL301")
    assert "## What it does" in doc.stdout
    unknown = run_cli("rule", "NL3011")
    assert unknown.exit_code == 2 and "unknown rule 'NL3011'" in unknown.stderr


def test_python_dash_m_works_the_same(article):
    proc = run_process("check", "--select", "NL301", str(article))
    assert proc.returncode == 1
    assert b"NL301 boilerplate line 'Source link'" in proc.stdout


def test_the_command_leaves_with_all_its_output_and_its_status(tmp_path):
    """The command exits without freeing memory: nothing it printed may be lost."""
    many = tmp_path / "many.txt"
    many.write_text((SEED.read_text(encoding="utf-8") + "\n") * 60, encoding="utf-8")
    in_process = run_cli("check", "--isolated", "--format", "json", str(many))
    proc = run_process("check", "--isolated", "--format", "json", str(many))
    assert proc.returncode == in_process.exit_code == 1
    assert len(proc.stdout) > 100_000 and json.loads(proc.stdout) == json.loads(in_process.stdout)
    usage = run_process("check", "--no-such-option")
    assert usage.returncode == 2 and b"No such option" in usage.stderr
    assert run_process("--version").returncode == 0


def test_the_command_runs_exit_handlers(tmp_path):
    script = ("import atexit, sys\n"
              "from newslint.cli import entry\n"
              "atexit.register(lambda: print('handler ran'))\n"
              "sys.argv = ['newslint', '--version']\n"
              "entry()\n")
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60)
    assert proc.returncode == 0
    assert b"newslint" in proc.stdout and proc.stdout.rstrip().endswith(b"handler ran")


def test_parallel_run_equals_serial(tmp_path):
    for i in range(80):
        (tmp_path / f"{i:03d}.txt").write_text(ARTICLE if i % 3 else CLEAN, encoding="utf-8")
    serial = run_cli("check", "--format", "json", str(tmp_path))
    parallel = run_cli("check", "--format", "json", "--jobs", "2", str(tmp_path))
    assert json.loads(serial.stdout) == json.loads(parallel.stdout)


def test_crashing_rule_is_reported_with_rule_and_file(tmp_path, monkeypatch):
    from newslint import Rule, engine, run
    from newslint.registry import RuleInfo, all_rules

    class Crasher(Rule):
        """TST001 crasher: always fails (test only)."""

        code = "TST001"
        name = "crasher"

        def check(self, doc):
            raise KeyError("lost")

    registry = {**all_rules(), "TST001": RuleInfo.of(Crasher, "tests")}
    monkeypatch.setattr(engine, "all_rules", lambda: registry)
    monkeypatch.setattr(run, "all_rules", lambda: registry)  # the result cache reads it to fingerprint the rules
    path = tmp_path / "a.txt"
    path.write_text("Some text.\n", encoding="utf-8")
    result = run_cli("check", "--select", "TST001", str(path))
    assert result.exit_code == 2
    assert result.stderr == f"newslint: error: {path}: rule TST001 crashed: KeyError: 'lost'\n"


def test_missing_space_is_reported_at_the_mark():
    result = run_cli("check", "--isolated", "--select", "NL102", "--format", "json", "-",
                     input="Subjects:Crime,Drugs\n")
    found = [(item["line"], item["column"], item["end_column"]) for item in json.loads(result.stdout)]
    assert found == [(1, 9, 10), (1, 15, 16)]


def test_a_file_named_twice_is_checked_and_fixed_once(tmp_path, article):
    named = run_cli("check", "--select", "NL301", "--fix", "--unsafe-fixes", str(article), str(article),
                    str(article.parent / "." / article.name), cwd=tmp_path)
    assert named.exit_code == 0, named.stdout + named.stderr
    assert "2 fixed, 0 remaining" in named.stdout and named.stderr == ""
    assert article.read_text(encoding="utf-8") == "The talks ended without a deal.\n"
    inner = tmp_path / "d2" / "x.txt"
    inner.parent.mkdir()
    inner.write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "link.txt").symlink_to(inner)
    twice = run_cli("check", "--select", "NL301", "--format", "json", "d2", "d2/x.txt", "link.txt", cwd=tmp_path)
    assert [item["path"] for item in json.loads(twice.stdout)] == ["d2/x.txt", "d2/x.txt"]  # two findings, once


def test_missing_path_is_reported_and_the_rest_checked(tmp_path, article):
    missing = tmp_path / "missing.txt"
    result = run_cli("check", "--select", "NL301", str(article), str(missing))
    assert result.exit_code == 2
    assert result.stderr == f"newslint: error: {missing}: no such file or directory\n"
    assert result.stdout.count("NL301") == 2
    assert "1 file could not be checked." in result.stdout


def test_a_failed_run_does_not_say_all_checks_passed(tmp_path):
    bad = tmp_path / "latin1.txt"
    bad.write_bytes(b"caf\xe9 au lait\n")
    clean = tmp_path / "clean.txt"
    clean.write_text(CLEAN, encoding="utf-8")
    result = run_cli("check", str(bad), str(clean))
    assert result.exit_code == 2
    assert "All checks passed!" not in result.stdout
    assert result.stdout.strip() == "1 file could not be checked."


def test_json_lists_errors_beside_violations(tmp_path, article):
    bad = tmp_path / "latin1.txt"
    bad.write_bytes(b"caf\xe9 au lait\n")
    for fmt in ("json", "jsonl"):
        result = run_cli("check", "--select", "NL301", "--format", fmt, str(article), str(bad))
        assert result.exit_code == 2
        text = result.stdout
        items = json.loads(text) if fmt == "json" else [json.loads(line) for line in text.splitlines()]
        violations = [item for item in items if item["code"] is not None]
        errors = [item for item in items if item["code"] is None]
        assert [v["line"] for v in violations] == [3, 5]
        assert errors == [{"path": str(bad), "line": None, "column": None, "end_line": None, "end_column": None,
                           "code": None, "name": "error", "fix": None,
                           "message": "invalid UTF-8 at byte 3: invalid continuation byte"}]


def test_statistics_as_json(tmp_path, article):
    missing = tmp_path / "missing.txt"
    result = run_cli("check", "--select", "NL301", "--statistics", "--format", "json", str(article), str(missing))
    assert result.exit_code == 2
    assert json.loads(result.stdout) == [
        {"code": "NL301", "name": "boilerplate-line", "count": 2, "fixable": True},
        {"code": None, "name": "error", "count": 1, "fixable": False},
    ]
    sarif = run_cli("check", "--statistics", "--format", "sarif", str(article))
    assert sarif.exit_code == 2 and "--statistics prints text, json, jsonl only" in sarif.stderr


def test_diff_in_another_format_is_refused(article):
    result = run_cli("check", "--diff", "--format", "json", str(article))
    assert result.exit_code == 2 and result.stdout == ""
    assert "--diff prints a unified diff, in no other format" in result.stderr


def test_diff_with_nothing_to_fix_exits_zero(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("The talks ended without a deal.\n\nWrite to Jane Roe at jane.roe@example.com\n", encoding="utf-8")
    assert run_cli("check", "--isolated", "--select", "NL3", str(path)).exit_code == 1  # an unfixable finding
    result = run_cli("check", "--isolated", "--select", "NL3", "--diff", str(path))
    assert result.exit_code == 0
    assert result.stdout == "" and result.stderr == "No file would be changed.\n"
    some = run_cli("check", "--select", "NL301", "--diff", str(tmp_path / "a.txt"), str(_article_in(tmp_path)))
    assert some.exit_code == 1 and some.stderr == "1 file would be changed.\n"


def _article_in(directory):
    path = directory / "b.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_rules_json_has_booleans():
    rules = json.loads(run_cli("rules", "--format", "json").stdout)
    assert {type(r["fixable"]) for r in rules} == {bool} and {type(r["default"]) for r in rules} == {bool}
    by_code = {r["code"]: r for r in rules}
    assert by_code["NL301"]["fixable"] is True and by_code["NLG001"]["default"] is False


def test_unsafe_fix_hint_also_after_fix(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Subjects:Crime,Drugs and more.\n\nSource link\n", encoding="utf-8")
    result = run_cli("check", "--isolated", "--select", "NL102,NL301", "--fix", str(path))
    assert result.exit_code == 1
    assert "(2 fixed, 1 remaining)" in result.stdout
    assert "1 more fixable with `--fix --unsafe-fixes`." in result.stdout


def test_select_all_leaves_out_rules_that_need_setup(article, monkeypatch):
    monkeypatch.delenv("NEWSLINT_LANGUAGETOOL_URL", raising=False)
    article.write_text(ARTICLE + "\nReporting by Jane Roe; Editing by John Doe\n", encoding="utf-8")
    result = run_cli("check", "--isolated", "--select", "ALL", "--format", "json", str(article))
    assert result.exit_code == 1, result.stderr
    assert {item["code"] for item in json.loads(result.stdout)} == {"NL301", "NL204"}  # NL204 is off by default
    named = run_cli("check", "--isolated", "--select", "ALL", "--extend-select", "NLG001", str(article))
    assert named.exit_code == 2 and "NLG001: no LanguageTool server URL" in named.stderr


def test_force_exclude_applies_exclude_to_named_paths(tmp_path):
    (tmp_path / ".newslint.toml").write_text('exclude = ["archive"]\n', encoding="utf-8")
    (tmp_path / "archive").mkdir()
    (tmp_path / "archive" / "old.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "new.txt").write_text(ARTICLE, encoding="utf-8")
    named = ("archive/old.txt", "new.txt", "archive")

    def paths(*args):
        result = run_cli("check", "--select", "NL301", "--format", "json", *args, *named, cwd=tmp_path)
        return sorted({item["path"] for item in json.loads(result.stdout)})

    assert paths() == ["archive/old.txt", "new.txt"]
    assert paths("--force-exclude") == ["new.txt"]
    piped = run_cli("check", "--select", "NL301", "--fix", "--force-exclude", "--stdin-filename", "archive/x.txt",
                    "-", input=ARTICLE, cwd=tmp_path)
    assert piped.exit_code == 0 and piped.stdout == ARTICLE
