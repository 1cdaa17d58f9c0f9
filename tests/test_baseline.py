"""Baselines: record today's findings by content, report only new ones."""
from __future__ import annotations

import json

from tests.helpers import SEED, run_cli


def test_baseline_hides_recorded_findings_and_survives_edits_elsewhere(tmp_path):
    article = tmp_path / "articles" / "a.txt"
    article.parent.mkdir()
    article.write_bytes(SEED.read_bytes())
    written = run_cli("check", "--write-baseline", "baseline.json", "articles/", cwd=tmp_path)
    assert written.exit_code == 0
    entries = json.loads((tmp_path / "baseline.json").read_text(encoding="utf-8"))["findings"]
    assert sum(e["count"] for e in entries) == 15
    assert {e["path"] for e in entries} == {"articles/a.txt"}
    assert not any("line" in e for e in entries)

    assert run_cli("check", "--baseline", "baseline.json", "articles/", cwd=tmp_path).exit_code == 0
    # Lines added above every finding: still all known, from another working directory too.
    article.write_text("A new first paragraph.\n\n" + SEED.read_text(encoding="utf-8"), encoding="utf-8")
    again = run_cli("check", "--baseline", "../baseline.json", ".", cwd=tmp_path / "articles")
    assert again.exit_code == 0, again.stdout
    # A new finding is reported; the old ones are not.
    article.write_text(article.read_text(encoding="utf-8") + "\nLeave a Reply\n", encoding="utf-8")
    new = run_cli("check", "--baseline", "baseline.json", "articles/", cwd=tmp_path)
    assert new.exit_code == 1
    last = len(article.read_text(encoding="utf-8").splitlines())
    reported = [line for line in new.stdout.splitlines() if " NL" in line]
    assert f"articles/a.txt:{last}:1: NL301 boilerplate line 'Leave a Reply' [*]" in reported
    assert all(line.startswith(f"articles/a.txt:{last}:") for line in reported), reported  # only the new line


def test_baseline_counts_repeated_findings(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Intro.\n\nSource link\n", encoding="utf-8")
    run_cli("check", "--select", "NL301", "--write-baseline", "b.json", "a.txt", cwd=tmp_path)
    path.write_text("Intro.\n\nSource link\n\nSource link\n", encoding="utf-8")
    result = run_cli("check", "--select", "NL301", "--baseline", "b.json", "a.txt", cwd=tmp_path)
    assert result.exit_code == 1
    assert result.stdout.count("NL301") == 1


def test_baseline_entries_that_are_gone_are_counted(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Intro.\n\nSource link\n\nLeave a Reply\n", encoding="utf-8")
    run_cli("check", "--select", "NL301", "--write-baseline", "b.json", "a.txt", cwd=tmp_path)
    path.write_text("Intro.\n\nSource link\n", encoding="utf-8")
    result = run_cli("check", "--select", "NL301", "--baseline", "b.json", "a.txt", cwd=tmp_path)
    assert result.exit_code == 0
    assert "1 baseline entry matched no finding" in result.stderr


def test_missing_or_broken_baseline_is_an_error(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Intro.\n", encoding="utf-8")
    assert run_cli("check", "--baseline", "nope.json", "a.txt", cwd=tmp_path).exit_code == 2
    (tmp_path / "bad.json").write_text("[1, 2]", encoding="utf-8")
    result = run_cli("check", "--baseline", "bad.json", "a.txt", cwd=tmp_path)
    assert result.exit_code == 2
    assert "not a newslint baseline" in result.stderr
