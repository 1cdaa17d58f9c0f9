"""The README's commands and snippets work as written, from the repository root."""
from __future__ import annotations

import json
import re
import shlex

import yaml

from newslint import gitlab
from newslint.document import Document
from newslint.findings import findings_for
from newslint.model import Violation
from tests.helpers import ROOT, run_cli

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _example() -> tuple[list[str], str]:
    block = README.split("<!-- example:start -->", 1)[1].split("<!-- example:end -->", 1)[0]
    console = block.split("```console\n", 1)[1].split("```", 1)[0]
    command, _, output = console.partition("\n")
    return shlex.split(command.removeprefix("$ ")), output


def test_readme_example_runs_from_the_repository_root():
    args, expected = _example()
    assert args[0] == "newslint"
    for arg in args[2:]:
        assert (ROOT / arg).exists(), f"the README example names {arg}, which does not exist"
    result = run_cli(*args[1:], cwd=ROOT)
    assert result.stdout == expected


def test_checking_the_fixtures_folder_skips_fix_snapshots():
    result = run_cli("check", "--quiet", "fixtures/", cwd=ROOT)
    assert result.exit_code == 1
    assert "fixtures/articles/" in result.stdout
    assert ".fixed." not in result.stdout


def _yaml_blocks() -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", README, re.S)


def test_ci_snippets_install_from_the_repository_not_an_index():
    installs = [line for block in _yaml_blocks() for line in block.splitlines() if "pip install" in line]
    assert installs
    for line in installs:
        assert "git+https://" in line and "@v" in line, line


def test_pre_commit_snippet_uses_one_newslint_hook_and_a_tag():
    config = next(yaml.safe_load(b) for b in _yaml_blocks() if "repos:" in b)
    repo = config["repos"][0]
    assert re.fullmatch(r"v\d+\.\d+\.\d+", repo["rev"])
    hook_ids = [hook["id"] for hook in repo["hooks"]]
    # Both hooks print every remaining finding: listing both prints each one twice.
    assert not {"newslint", "newslint-fix"} <= set(hook_ids)


def test_gitlab_ci_snippet_uploads_a_code_quality_report():
    job = next(yaml.safe_load(b) for b in _yaml_blocks() if "codequality" in b)["newslint"]
    report = job["artifacts"]["reports"]["codequality"]
    assert any("--format gitlab" in line and report in line for line in job["script"])


TEXT = "Intro line.\n\nSource link\n\nBody text here.\n\nSource link\n"


def _code_quality(text: str) -> list[dict]:
    violations = [Violation("NL301", "boilerplate-line", "boilerplate line 'Source link'", m.start(), m.end())
                  for m in re.finditer("Source link", text)]
    return gitlab.code_quality(findings_for("./articles/a.txt", violations, Document(text)))


def test_gitlab_issues_have_the_fields_gitlab_reads():
    issues = _code_quality(TEXT)
    assert len(issues) == 2
    for issue in issues:
        assert set(issue) >= {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert issue["location"]["path"] == "articles/a.txt"
    assert [i["location"]["lines"]["begin"] for i in issues] == [3, 7]
    assert issues[0]["fingerprint"] != issues[1]["fingerprint"]  # equal findings, one file: still unique


def test_gitlab_fingerprints_survive_lines_added_above():
    before = [i["fingerprint"] for i in _code_quality(TEXT)]
    after = [i["fingerprint"] for i in _code_quality("A new first paragraph.\n\n" + TEXT)]
    assert before == after


def test_format_gitlab_on_the_command_line(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = run_cli("check", "--select", "NL301", "--format", "gitlab", "a.txt", cwd=tmp_path)
    assert result.exit_code == 1
    issues = json.loads(result.stdout)
    assert [(i["check_name"], i["location"]["path"], i["location"]["lines"]["begin"]) for i in issues] == [
        ("NL301 boilerplate-line", "a.txt", 3), ("NL301 boilerplate-line", "a.txt", 7)]


def test_readme_documents_every_check_option():
    from newslint.cli import check

    names = [opt for param in check.params for opt in param.opts if opt.startswith("--")]
    missing = [name for name in names if f"`{name}" not in README and f"{name} " not in README]
    assert not missing, f"README does not mention {missing}"
