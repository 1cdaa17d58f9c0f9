"""Findings come out as they are found; the progress line shows on a terminal only."""
from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys

from tests.helpers import run_cli

MERGED = "The plan wasApproved on Monday by the council.\n"


def _readline(stream, timeout: float = 60) -> bytes:
    ready, _, _ = select.select([stream], [], [], timeout)
    assert ready, "no output while the input is still open"
    return stream.readline()


def test_a_record_is_reported_before_the_next_is_read():
    process = subprocess.Popen([sys.executable, "-m", "newslint", "check", "-", "--text-field", "text",
                                "--ignore", "NL701", "--format", "jsonl"],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        process.stdin.write(json.dumps({"id": "first", "text": MERGED}).encode() + b"\n")
        process.stdin.flush()
        assert json.loads(_readline(process.stdout))["record"] == "first"
        process.stdin.write(json.dumps({"id": "second", "text": MERGED}).encode() + b"\n")
        process.stdin.close()
        assert json.loads(_readline(process.stdout))["record"] == "second"
        assert process.wait(60) == 1
    finally:
        process.kill()


def test_findings_and_errors_keep_input_order(tmp_path):
    for i in range(5):
        (tmp_path / f"{i}.txt").write_text(MERGED if i % 2 else "Fine text here.\n", encoding="utf-8")
    result = run_cli("check", str(tmp_path), "--isolated", "--format", "jsonl")
    assert [json.loads(line)["path"] for line in result.stdout.splitlines()] == [
        str(tmp_path / "1.txt"), str(tmp_path / "3.txt")]


def test_progress_is_drawn_on_a_terminal_and_nowhere_else(tmp_path):
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(MERGED, encoding="utf-8")
    leader, follower = pty.openpty()
    try:
        process = subprocess.run([sys.executable, "-m", "newslint", "check", str(tmp_path), "--isolated",
                                  "--format", "jsonl"], stdout=subprocess.PIPE, stderr=follower, timeout=120)
        os.close(follower)
        follower = -1
        terminal = b""
        while select.select([leader], [], [], 0.5)[0]:
            try:
                chunk = os.read(leader, 4096)
            except OSError:
                break
            if not chunk:
                break
            terminal += chunk
    finally:
        os.close(leader)
        if follower >= 0:
            os.close(follower)
    assert b"3/3 files" in terminal and b"files/s" in terminal
    assert b"files/s" not in process.stdout and len(process.stdout.splitlines()) == 3
    piped = run_cli("check", str(tmp_path), "--isolated")
    assert "files/s" not in piped.stderr and "\r" not in piped.stdout
