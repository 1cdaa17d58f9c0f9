"""One run, resolved up front: settings that agree everywhere, config errors before any write."""
from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from newslint import Document, check_paths, config, document, engine, run
from newslint.render import render
from newslint.run import RunOptions
from tests.helpers import run_cli

# NL102 offers a safe and an unsafe fix on the first line; NL301 a safe one on the last.
UNSAFE_TEXT = "Subjects:Crime,Drugs and more.\n\nSource link\n"


def _project(tmp_path: Path, table: str) -> Path:
    (tmp_path / "pyproject.toml").write_text(f"[tool.newslint]\nselect = ['NL102', 'NL301']\n{table}",
                                             encoding="utf-8")
    path = tmp_path / "a.txt"
    path.write_text(UNSAFE_TEXT, encoding="utf-8")
    return path


def test_unsafe_fixes_from_the_config_file_count_in_check_as_in_fix(tmp_path):
    path = _project(tmp_path, "unsafe-fixes = true\n")
    checked = run_cli("check", str(path), cwd=tmp_path)
    assert checked.exit_code == 1
    assert "more fixable with `--fix --unsafe-fixes`" not in checked.stdout
    assert "[*] 3 fixable with the `--fix` option." in checked.stdout
    assert all(line.endswith("[*]") for line in checked.stdout.splitlines() if ": NL" in line)
    fixed = run_cli("check", "--fix", str(path), cwd=tmp_path)
    assert "(3 fixed, 0 remaining)" in fixed.stdout and fixed.exit_code == 0


def test_the_command_line_overrides_unsafe_fixes_from_the_config_file(tmp_path):
    path = _project(tmp_path, "unsafe-fixes = true\n")
    checked = run_cli("check", "--no-unsafe-fixes", str(path), cwd=tmp_path)
    assert "1 more fixable with `--fix --unsafe-fixes`." in checked.stdout
    assert "[*] 2 fixable with the `--fix` option." in checked.stdout


def test_a_broken_config_anywhere_stops_the_run_before_any_file_is_written(tmp_path):
    good, bad = tmp_path / "a", tmp_path / "b"
    good.mkdir()
    bad.mkdir()
    for i in range(41):
        (good / f"{i:02}.txt").write_text("The talks ended.\n\nSource link\n", encoding="utf-8")
    (bad / "c.txt").write_text("The talks ended.\n\nSource link\n", encoding="utf-8")
    (bad / "pyproject.toml").write_text("[tool.newslint]\nselect = ['NL301'\n", encoding="utf-8")
    before = {p: p.read_bytes() for p in tmp_path.rglob("*.txt")}
    result = run_cli("check", "--fix", ".", cwd=tmp_path)
    assert result.exit_code == 2
    assert "pyproject.toml" in result.stderr
    assert {p: p.read_bytes() for p in tmp_path.rglob("*.txt")} == before


def test_check_paths_returns_findings_errors_and_the_exit_status(tmp_path):
    (tmp_path / "a.txt").write_text(UNSAFE_TEXT, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"caf\xe9\n")  # not UTF-8: an error of its own file
    options = RunOptions(overrides={"select": ("NL102", "NL301")}, isolated=True)
    result = check_paths([tmp_path / "a.txt", tmp_path / "b.txt"], options)
    assert [(f.violation.code, f.start.line, f.fixable) for f in result.findings] == [
        ("NL102", 1, False), ("NL102", 1, True), ("NL301", 3, True)]
    assert [e.path for e in result.errors] == [str(tmp_path / "b.txt")]
    assert result.exit_status() == 2
    assert check_paths([tmp_path / "a.txt"], options).exit_status() == 1
    assert check_paths([tmp_path / "a.txt"], options).exit_status(exit_zero=True) == 0


def test_check_paths_fixes_and_resolves_unsafe_from_the_config(tmp_path, monkeypatch):
    path = _project(tmp_path, "unsafe-fixes = true\n")
    monkeypatch.chdir(tmp_path)
    result = check_paths([path], RunOptions(fix=True))
    assert result.fixed == 3 and result.findings == [] and result.exit_status() == 0
    assert [(c.path, c.unsafe_fixes) for c in result.configs] == [(tmp_path / "pyproject.toml", True)]
    overruled = check_paths([path], RunOptions(unsafe_fixes=False))
    assert [c.unsafe_fixes for c in overruled.configs] == [False]
    assert result.exit_status(exit_non_zero_on_fix=True) == 1
    assert path.read_text(encoding="utf-8") == "Subjects: Crime, Drugs and more.\n"


def test_config_files_are_found_and_read_once_per_directory(tmp_path, monkeypatch):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        for i in range(5):
            (tmp_path / folder / f"{i}.txt").write_text("The talks ended.\n", encoding="utf-8")
    (tmp_path / "b" / ".newslint.toml").write_text("select = ['NL301']\n", encoding="utf-8")
    found, loaded = [], []
    monkeypatch.setattr(run, "find_config_file", lambda d: found.append(d) or config.find_config_file(d))
    monkeypatch.setattr(run, "load_config", lambda p: loaded.append(p) or config.load_config(p))
    assert check_paths([tmp_path / "a", tmp_path / "b"]).exit_status() == 0
    assert sorted(found) == sorted({*found}) and len(found) == 2  # a/ and b/, each once
    assert loaded == [tmp_path / "b" / ".newslint.toml"]


def test_one_document_per_text_serves_preparing_checking_and_positions(tmp_path, monkeypatch):
    made: list[str] = []

    def counted(text, *args, **kwargs):
        made.append(text)
        return Document(text, *args, **kwargs)

    for module in (engine, document):  # newslint.run imports it where it needs it, from newslint.document
        monkeypatch.setattr(module, "Document", counted)
    path = tmp_path / "a.txt"
    path.write_text(UNSAFE_TEXT, encoding="utf-8")
    options = RunOptions(isolated=True, overrides={"select": ("NL102", "NL301")})
    assert [f.start.line for f in check_paths([path], options).findings] == [1, 1, 3]
    assert made == [UNSAFE_TEXT]  # prepared, checked and placed: one document
    made.clear()
    fixed = check_paths([path], replace(options, fix=True))
    assert fixed.fixed == 2 and [f.start.line for f in fixed.findings] == [1]
    assert made == [UNSAFE_TEXT, path.read_text(encoding="utf-8")]  # one a fix pass; the last places findings


def test_the_formats_render_a_result(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(UNSAFE_TEXT, encoding="utf-8")
    result = check_paths([path], RunOptions(isolated=True, overrides={"select": ("NL102", "NL301")}))
    text = render(result, "text")
    assert len(text) == 4 and text[3] == ("Found 3 violations.\n[*] 2 fixable with the `--fix` option.\n"
                                          "1 more fixable with `--fix --unsafe-fixes`.")
    assert [line.endswith("[*]") for line in text[:3]] == [False, True, True]
    sarif = json.loads(render(result, "sarif")[0])
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    assert {"NL102", "NL301", "NLG001"} <= {r["id"] for r in rules}  # every installed rule
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["NL102", "NL102", "NL301"]
    assert render(result, "text", streamed=True) == text[3:]  # the findings were printed as they came
