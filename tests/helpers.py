"""Small helpers shared by the CLI tests."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from newslint.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "articles" / "article-donetsk-north-korea.txt"
# A short article with two boilerplate lines (NL301) that `--fix` deletes.
ARTICLE = "The talks ended without a deal.\n\nSource link\n\nLeave a Reply\n"


def run_cli(*args: str, input: bytes | str | None = None, cwd: Path | None = None):
    """Run `newslint ARGS` in-process; returns click's Result (exit_code, stdout, stderr)."""
    runner = CliRunner()
    if cwd is None:
        return runner.invoke(main, list(args), input=input, catch_exceptions=False)
    old = os.getcwd()
    os.chdir(cwd)
    try:
        return runner.invoke(main, list(args), input=input, catch_exceptions=False)
    finally:
        os.chdir(old)


def run_process(*args: str, cwd: Path | None = None, input: bytes | None = None, timeout: float = 120,
                env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run `python -m newslint ARGS` as a separate process, as a user would."""
    return subprocess.run([sys.executable, "-m", "newslint", *args], cwd=cwd, input=input,
                          capture_output=True, timeout=timeout, env=env)
