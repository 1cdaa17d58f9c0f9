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


def fixture_corpus(path: Path, *, copies: int = 1) -> Path:
    """Every rule fixture text (fixtures/*/*.txt, not the fixed snapshots) as a JSON Lines record, its
    site the rule's folder, and a few records of one site sharing a footer line (for NL701); `copies`
    of each record (under new ids), to make a larger corpus."""
    import json

    fixtures = Path(__file__).resolve().parent.parent / "fixtures"
    texts = [(f"{p.parent.name}/{p.stem}", p.parent.name, p.read_text(encoding="utf-8"))
             for p in sorted(fixtures.glob("*/*.txt")) if not p.name.endswith(".fixed.txt")]
    footer = "Sign up for our morning newsletter here."
    topics = ("bridge", "library", "stadium", "harbour", "tramway", "museum", "school", "market")
    site = [(f"site/{i}", "news", f"The council voted on the {t} plan.\nIt wasApproved by {i} votes.\n\n{footer}\n")
            for i, t in enumerate(topics)]
    step = len(texts) // len(site)
    for i, record in reversed(list(enumerate(site))):  # spread through the file: in every part of it
        texts.insert(i * step, record)
    with path.open("w", encoding="utf-8") as out:
        for copy in range(copies):
            for rid, site, text in texts:
                record = {"id": f"{rid}#{copy}" if copy else rid, "url": f"https://{site.lower()}.example/{rid}",
                          "text": text}
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path
