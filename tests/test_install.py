"""Installing for real: the wheel in a fresh virtualenv, a plugin package, the pre-commit hooks."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import ROOT, SEED

pytestmark = pytest.mark.slow  # builds wheels and virtual environments

PLUGIN = ROOT / "fixtures" / "plugin-example"


def _run(*args, cwd=None, env=None, timeout=600):
    proc = subprocess.run(list(args), cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    return proc


def _ok(proc):
    assert proc.returncode == 0, f"{proc.args}\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    return proc


def _copy_project(dest: Path) -> Path:
    """A copy of the project tree, so builds and hook installs leave the working tree alone."""
    shutil.copytree(ROOT, dest, ignore=shutil.ignore_patterns(".venv", ".git", "*.egg-info", "build", "__pycache__",
                                                              ".pytest_cache", ".hypothesis"))
    return dest


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("dist")
    src = _copy_project(tmp_path_factory.mktemp("src") / "newslint")
    _ok(_run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", str(out), str(src)))
    return next(out.glob("newslint-*.whl"))


def test_wheel_in_fresh_venv_runs_on_the_seed(wheel, tmp_path):
    venv = tmp_path / "venv"
    _ok(_run(sys.executable, "-m", "venv", str(venv)))
    py = venv / "bin" / "python"
    _ok(_run(str(py), "-m", "pip", "install", "-q", str(wheel)))
    rules = _ok(_run(str(venv / "bin" / "newslint"), "rules", "--format", "json", cwd=tmp_path))
    assert {"NL301"} <= {r["code"] for r in json.loads(rules.stdout)}
    proc = _run(str(venv / "bin" / "newslint"), "check", "--format", "json", str(SEED), cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    found = json.loads(proc.stdout)
    assert {45, 47, 49} <= {v["line"] for v in found}
    # the rules ship as newslint.rules inside the wheel, with their data files
    data = _ok(_run(str(py), "-c", "import newslint.rules, importlib.resources as r;"
                    "print(r.files('newslint.rules').joinpath('data').is_dir())", cwd=tmp_path))
    assert data.stdout.strip() == "True"


def test_third_party_plugin_is_listed_and_reports(tmp_path):
    target = tmp_path / "site"
    _ok(_run(sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation",
             "--target", str(target), str(PLUGIN)))
    env = {**os.environ, "PYTHONPATH": str(target)}
    rules = _ok(_run(sys.executable, "-m", "newslint", "rules", "--format", "json", env=env, cwd=tmp_path))
    listed = {r["code"]: r for r in json.loads(rules.stdout)}
    assert listed["WIR001"]["package"] == "newslint-wire" and listed["WIR001"]["default"] is True
    article = tmp_path / "a.txt"
    article.write_text("WASHINGTON (AP) — The Senate voted on Tuesday.\n", encoding="utf-8")
    proc = _run(sys.executable, "-m", "newslint", "check", "--select", "WIR001", "--format", "json", str(article),
                env=env, cwd=tmp_path)
    assert [v["code"] for v in json.loads(proc.stdout)] == ["WIR001"]
    fixed = _run(sys.executable, "-m", "newslint", "check", "--select", "WIR001", "--fix", "--unsafe-fixes",
                 str(article), env=env, cwd=tmp_path)
    assert fixed.returncode == 0
    assert article.read_text(encoding="utf-8") == "The Senate voted on Tuesday.\n"
    # The plugin's own tests check its fixture cases with newslint's harness (newslint.testing).
    copy = shutil.copytree(PLUGIN, tmp_path / "plugin", ignore=shutil.ignore_patterns("build", "*.egg-info"))
    _ok(_run(sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", env=env, cwd=copy))


def _git(*args, cwd):
    return _ok(_run("git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args, cwd=cwd))


@pytest.mark.skipif(shutil.which("git") is None, reason="pre-commit needs git")
def test_pre_commit_hooks_for_real(tmp_path):
    repo = tmp_path / "articles"
    repo.mkdir()
    _git("init", "-q", cwd=repo)
    article = repo / "story.txt"
    article.write_text("The talks ended without a deal.\n\nSource link\n\nLeave a Reply\n", encoding="utf-8")
    # pre-commit names every file; `exclude` must still keep newslint away from the archive.
    (repo / "pyproject.toml").write_text('[tool.newslint]\nexclude = ["archive"]\n', encoding="utf-8")
    archived = repo / "archive" / "old.txt"
    archived.parent.mkdir()
    archived.write_text("Old text.\n\nSource link\n", encoding="utf-8")
    _git("add", "story.txt", "pyproject.toml", "archive/old.txt", cwd=repo)
    # pre-commit installs hooks from a git repository: commit a copy of the project.
    hooks_repo = _copy_project(tmp_path / "newslint")
    _git("init", "-q", cwd=hooks_repo)
    _git("add", "-A", cwd=hooks_repo)
    _git("commit", "-q", "-m", "snapshot", cwd=hooks_repo)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache")}
    pre_commit = [sys.executable, "-m", "pre_commit", "try-repo", str(hooks_repo)]
    check = _run(*pre_commit, "newslint", "--all-files", cwd=repo, env=env)
    assert check.returncode == 1, check.stdout + check.stderr
    assert "NL301" in check.stdout
    fix = _run(*pre_commit, "newslint-fix", "--all-files", cwd=repo, env=env)
    assert fix.returncode == 1, fix.stdout + fix.stderr  # pre-commit fails a hook that changed files
    assert "files were modified by this hook" in fix.stdout
    assert article.read_text(encoding="utf-8") == "The talks ended without a deal.\n"
    assert archived.read_text(encoding="utf-8") == "Old text.\n\nSource link\n"
    assert "archive" not in check.stdout
    _git("add", "story.txt", cwd=repo)
    again = _run(*pre_commit, "newslint", "--all-files", cwd=repo, env=env)
    assert again.returncode == 0, again.stdout + again.stderr
