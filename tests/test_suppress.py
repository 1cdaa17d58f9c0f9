"""Inline suppressions: marker lines in plain text, HTML comments in Markdown, --add-ignore, NL001."""
from __future__ import annotations

import newslint
from newslint import suppress
from tests.helpers import SEED, run_cli

SELECT = newslint.Config(select=("NL301", "NL001"))


def codes(text: str, path: str = "a.txt", config: newslint.Config = SELECT) -> list[tuple[str, str]]:
    doc = newslint.Document(text)
    return [(v.code, f"{doc.position(v.start).line}") for v in newslint.lint(text, config, path=path)]


def test_marker_line_silences_the_next_line_only():
    text = "Intro.\n\nnewslint: ignore NL301\nSource link\n\nLeave a Reply\n"
    assert codes(text) == [("NL301", "6")]


def test_marker_line_is_not_article_text_and_is_never_fixed_away():
    text = "Intro.\n\nnewslint: ignore NL301\nSource link\n"
    assert newslint.fix(text, SELECT) == text
    # Without the marker the line goes.
    assert newslint.fix("Intro.\n\nSource link\n", SELECT) == "Intro.\n"


def test_markdown_comment_on_the_line_or_above_it():
    text = ("Intro.\n\nSource link <!-- newslint: ignore NL301 -->\n\n"
            "<!-- newslint: ignore boilerplate-line -->\nLeave a Reply\n\nSource link\n")
    assert codes(text, "a.md") == [("NL301", "8")]


def test_plain_marker_does_nothing_in_markdown_and_comments_nothing_in_text():
    assert ("NL301", "2") in codes("newslint: ignore NL301\nSource link\n", "a.md")
    assert suppress.find("Source link <!-- newslint: ignore NL301 -->\n", False) == ()


def test_markdown_directives_in_code_are_examples():
    text = "Intro.\n\n```\n<!-- newslint: ignore NL301 -->\n```\n\nSource link\n"
    assert codes(text, "a.md") == [("NL301", "7")]


def test_ignore_file_and_blanket_directives():
    assert codes("newslint: ignore-file NL301\n\nSource link\n\nLeave a Reply\n") == []
    assert codes("newslint: ignore\nSource link\n") == []


def test_unused_suppressions_are_reported_by_nl001():
    text = ("newslint: ignore NL301\nThe talks ended.\n\nnewslint: ignore NLX9\nSource link\n\n"
            "newslint: ignore NL502\nLeave a Reply\n")
    found = newslint.lint(text, SELECT)
    messages = [v.message for v in found if v.code == "NL001"]
    assert messages == ["unused suppression: no NL301 finding on line 2",
                        "unknown rule code 'NLX9' in a suppression",
                        "unused suppression: NL502 is not enabled for this file"]
    assert newslint.lint(text, newslint.Config(select=("NL301",)))[0].code == "NL301"  # NL001 off: silent


def test_suppressions_hold_during_fix_passes():
    text = "Intro.\n\nnewslint: ignore NL301\nSource link\n\nLeave a Reply\n"
    ruleset = newslint.build_ruleset(SELECT)
    result = newslint.fix_text(text, ruleset, "a.txt")
    assert result.text == "Intro.\n\nnewslint: ignore NL301\nSource link\n"
    assert result.remaining == ()


def test_add_ignores_inserts_and_merges():
    text, added = suppress.add_ignores("Intro.\n\nSource link\n", "a.txt", [(3, "NL301"), (3, "NL302")])
    assert (text, added) == ("Intro.\n\nnewslint: ignore NL301, NL302\nSource link\n", 1)
    text, added = suppress.add_ignores(text, "a.txt", [(4, "NL303")])
    assert text == "Intro.\n\nnewslint: ignore NL301, NL302, NL303\nSource link\n"
    text, _ = suppress.add_ignores("Intro.\n\nSource link\n", "a.md", [(3, "NL301")])
    assert text == "Intro.\n\nSource link <!-- newslint: ignore NL301 -->\n"


def test_add_ignore_on_the_command_line_silences_every_finding(tmp_path):
    for name in ("a.txt", "a.md"):
        (tmp_path / name).write_bytes(SEED.read_bytes())
    assert run_cli("check", ".", cwd=tmp_path).exit_code == 1
    added = run_cli("check", "--add-ignore", ".", cwd=tmp_path)
    assert added.exit_code == 0
    assert "Added " in added.stderr
    after = run_cli("check", ".", cwd=tmp_path)
    assert after.exit_code == 0, after.stdout
    # The article's own lines are all still there, unchanged and in order.
    original = SEED.read_text(encoding="utf-8").splitlines()
    plain = (tmp_path / "a.txt").read_text(encoding="utf-8").splitlines()
    assert [line for line in plain if not line.startswith("newslint: ignore")] == original


def test_add_ignore_refuses_fix(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Source link\n", encoding="utf-8")
    result = run_cli("check", "--add-ignore", "--fix", str(path))
    assert result.exit_code == 2
    assert path.read_text(encoding="utf-8") == "Source link\n"


def test_fix_deletes_directives_left_with_nothing_to_silence():
    config = newslint.Config(select=("NL301", "NL502", "NL001"))
    text = ("Intro.\n\nnewslint: ignore NL502\nSource link\n\nnewslint: ignore NL301\nLeave a Reply\n\n"
            "newslint: ignore NLX9\nThe end.\n")
    fixed = newslint.fix(text, config)
    # The unused NL502 directive goes, then its line's finding is no longer silenced and is fixed;
    # the used directive and the misspelt one stay.
    assert fixed == "Intro.\n\nnewslint: ignore NL301\nLeave a Reply\n\nnewslint: ignore NLX9\nThe end.\n"
    assert newslint.fix(fixed, config) == fixed


def test_fix_deletes_an_unused_trailing_comment_only():
    config = newslint.Config(select=("NL301", "NL001"))
    text = "Intro.\n\nThe end of the story. <!-- newslint: ignore NL301 -->\n"
    assert newslint.fix(text, config, path="a.md") == "Intro.\n\nThe end of the story.\n"


def test_unfixable_keeps_unused_directives():
    config = newslint.Config(select=("NL301", "NL001"), unfixable=("NL001",))
    text = "newslint: ignore NL301\nThe talks ended.\n"
    assert newslint.fix(text, config) == text
    assert newslint.lint(text, config)[0].fix is None
