"""Options ruff users reach for: -V, --output-file, --show-fixes, --exit-non-zero-on-fix,
--fixable/--unfixable, --extend-exclude, --per-file-ignores, --encoding."""
from __future__ import annotations

import json

import pytest

import newslint
from newslint import __version__
from tests.helpers import ARTICLE, run_cli


def test_short_version_option():
    result = run_cli("-V")
    assert result.exit_code == 0
    assert __version__ in result.stdout


def test_output_file_takes_the_report(article, tmp_path):
    out = tmp_path / "report.json"
    result = run_cli("check", "--select", "NL301", "--format", "json", "--output-file", str(out), str(article))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert [f["code"] for f in json.loads(out.read_text(encoding="utf-8"))] == ["NL301", "NL301"]


def test_show_fixes_lists_what_was_fixed(article):
    result = run_cli("check", "--select", "NL301", "--fix", "--show-fixes", str(article))
    assert result.exit_code == 0
    assert "Fixed 2 violation(s):" in result.stdout
    assert f"- {article}:" in result.stdout
    assert "2 × NL301 (boilerplate-line)" in result.stdout


def test_exit_non_zero_on_fix(article):
    assert run_cli("check", "--select", "NL301", "--fix", str(article)).exit_code == 0
    article.write_text(ARTICLE, encoding="utf-8")
    result = run_cli("check", "--select", "NL301", "--fix", "--exit-non-zero-on-fix", str(article))
    assert result.exit_code == 1
    assert article.read_text(encoding="utf-8") == "The talks ended without a deal.\n"
    # Nothing left to fix: nothing changed, exit 0.
    assert run_cli("check", "--select", "NL301", "--fix", "--exit-non-zero-on-fix", str(article)).exit_code == 0


def test_unfixable_rules_are_reported_not_fixed(article):
    result = run_cli("check", "--select", "NL301", "--fix", "--unfixable", "boilerplate-line", str(article))
    assert result.exit_code == 1
    assert article.read_text(encoding="utf-8") == ARTICLE
    assert "[*]" not in result.stdout


def test_fixable_limits_fixes_to_the_rules_named(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Prices rose&nbsp;again.\n\nSource link\n", encoding="utf-8")
    result = run_cli("check", "--select", "NL301,NL502", "--fix", "--fixable", "NL5", str(path))
    assert result.exit_code == 1
    fixed = path.read_text(encoding="utf-8")
    assert "&nbsp;" not in fixed  # NL502's fix applied
    assert fixed.endswith("\n\nSource link\n")  # NL301's fix not


def test_fixable_and_unfixable_in_the_config_and_from_python(tmp_path):
    (tmp_path / ".newslint.toml").write_text('unfixable = ["NL301"]\n', encoding="utf-8")
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    assert run_cli("check", "--select", "NL301", "--fix", str(path)).exit_code == 1
    assert path.read_text(encoding="utf-8") == ARTICLE
    assert newslint.fix(ARTICLE, newslint.Config(unfixable=("NL3",))) == ARTICLE


def test_unknown_fixable_selector_is_an_error(article):
    result = run_cli("check", "--fixable", "NL9999", str(article))
    assert result.exit_code == 2
    assert "unknown rule selector 'NL9999'" in result.stderr


def test_extend_exclude_adds_to_the_configured_excludes(tmp_path):
    (tmp_path / ".newslint.toml").write_text('extend-exclude = ["drafts"]\n', encoding="utf-8")
    for name in ("drafts", "raw", "kept"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "a.txt").write_text(ARTICLE, encoding="utf-8")
    result = run_cli("check", "--select", "NL301", "--extend-exclude", "raw", ".", cwd=tmp_path)
    assert "kept/a.txt" in result.stdout
    assert "raw/" not in result.stdout and "drafts/" not in result.stdout


def test_per_file_ignores_on_the_command_line(tmp_path):
    for name in ("raw", "kept"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "a.txt").write_text(ARTICLE, encoding="utf-8")
    result = run_cli("check", "--select", "NL301", "--per-file-ignores", "raw/*.txt:NL3,NL1", ".", cwd=tmp_path)
    assert "kept/a.txt" in result.stdout
    assert "raw/" not in result.stdout


def test_per_file_ignores_needs_glob_and_codes(article):
    result = run_cli("check", "--per-file-ignores", "raw/*.txt", str(article))
    assert result.exit_code == 2
    assert "expected GLOB:CODES" in result.stderr


LEGACY = "Russia\u2019s talks ended \u2013 without a deal.\n\nSource link\n"


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_encoding_reads_and_writes_back_legacy_files(tmp_path, encoding):
    text = LEGACY if encoding == "cp1252" else "Caf\u00e9 talks ended without a deal.\n\nSource link\n"
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode(encoding))
    assert run_cli("check", "--select", "NL301", str(path)).exit_code == 2  # not UTF-8
    result = run_cli("check", "--select", "NL301", "--encoding", encoding, "--fix", str(path))
    assert result.exit_code == 0, result.stdout + result.stderr
    assert path.read_bytes() == text.replace("\n\nSource link\n", "\n").encode(encoding)


def test_fix_that_the_encoding_cannot_hold_leaves_the_file_alone(tmp_path):
    path = tmp_path / "a.txt"
    raw = "Prices rose &#8364;5.\n".encode("latin-1")
    path.write_bytes(raw)
    result = run_cli("check", "--select", "NL502", "--encoding", "latin-1", "--fix", str(path))
    assert result.exit_code == 2
    assert "latin-1" in result.stderr or "iso8859-1" in result.stderr
    assert path.read_bytes() == raw


def test_unknown_encoding_is_a_clear_error(article):
    result = run_cli("check", "--encoding", "klingon-8", str(article))
    assert result.exit_code == 2
    assert "unknown encoding 'klingon-8'" in result.stderr


def test_encoding_applies_to_fixed_standard_input():
    raw = "Caf\u00e9 talks ended without a deal.\n\nSource link\n".encode("latin-1")
    result = run_cli("check", "--select", "NL301", "--encoding", "latin-1", "--fix", "-", input=raw)
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes == "Caf\u00e9 talks ended without a deal.\n".encode("latin-1")
