"""`newslint check --extend-select NLG` as a user runs it: no network, no Java needed.

Most runs are in-process (click's runner, with the environment, working directory and
importable packages set as the user's would be); `process=True` runs `python -m newslint`
as a separate process, kept for the runs that show the whole path from the shell.
"""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from newslint.cli import main
from tests.lt_standin import StandIn, write_fake_java, write_languagetool_dir

ARTICLE = "Officials will recieve a apple.\n\nKCNA said the talks went well.\n"
URL_VARIABLE = "NEWSLINT_LANGUAGETOOL_URL"
NO_PROXY = {"NO_PROXY": "127.0.0.1,localhost", "no_proxy": "127.0.0.1,localhost"}
# Runs the CLI with a package made unimportable, as if its extra were not installed.
WITHOUT = ("import sys; sys.modules[sys.argv.pop(1)] = None; sys.argv[0] = 'newslint'; "
           "from newslint.cli import main; main(prog_name='newslint')")


@dataclass(frozen=True)
class Ran:
    returncode: int
    stdout: str
    stderr: str


def newslint(*args: str, cwd: Path, env: dict[str, str] | None = None, without: str | None = None,
             stdin: bytes | None = None, process: bool = False) -> tuple[Ran, float]:
    """Run `newslint ARGS` in `cwd`, with no grammar URL in the environment unless `env` gives
    one and, with `without`, that package unimportable; returns the run and its seconds."""
    env = {**NO_PROXY, **(env or {})}
    if process:
        return _in_a_process(args, cwd, env, without, stdin)
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv(URL_VARIABLE, raising=False)
        for name, value in env.items():
            patch.setenv(name, value)
        if without:
            patch.setitem(sys.modules, without, None)
        patch.chdir(cwd)
        started = time.monotonic()
        result = CliRunner().invoke(main, list(args), input=stdin, catch_exceptions=False)
        return Ran(result.exit_code, result.stdout, result.stderr), time.monotonic() - started


def _in_a_process(args: tuple[str, ...], cwd: Path, env: dict[str, str], without: str | None,
                  stdin: bytes | None) -> tuple[Ran, float]:
    full_env = {k: v for k, v in os.environ.items() if k != URL_VARIABLE}
    full_env.update(env)
    command = [sys.executable, "-c", WITHOUT, without] if without else [sys.executable, "-m", "newslint"]
    started = time.monotonic()
    result = subprocess.run([*command, *args], cwd=cwd, env=full_env, capture_output=True, text=True,
                            timeout=60, input=stdin.decode() if stdin else None, check=False)
    return Ran(result.returncode, result.stdout, result.stderr), time.monotonic() - started


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.fixture
def server():
    with StandIn() as standin:
        yield standin


def test_check_reports_languagetool_findings_with_locations(article, server):
    result, _ = newslint("check", "--extend-select", "NLG", "article.txt", cwd=article.parent,
                         env={"NEWSLINT_LANGUAGETOOL_URL": server.url}, process=True)
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines()[:2] == [
        "article.txt:1:16: NLG001 MORFOLOGIK_RULE_EN_US: Possible spelling mistake found. (suggestion: 'receive')",
        ("article.txt:1:24: NLG001 EN_A_VS_AN: Use “an” instead of ‘a’ if the following word starts "
         "with a vowel sound."),
    ]
    assert "KCNA" not in result.stdout


def test_one_session_and_one_request_for_many_files(tmp_path, server):
    for i in range(5):
        (tmp_path / f"story{i}.txt").write_text(f"Story {i}: officials will recieve aid.\n", encoding="utf-8")
    result, _ = newslint("check", "--select", "NLG", ".", cwd=tmp_path, env={"NEWSLINT_LANGUAGETOOL_URL": server.url})
    assert result.stdout.count("MORFOLOGIK_RULE_EN_US") == 5
    assert [path for _, path, _ in server.requests] == ["/v2/languages", "/v2/check"]


def test_json_output_carries_the_unsafe_fixes(article, server):
    result, _ = newslint("check", "--extend-select", "NLG", "--format", "json", "article.txt", cwd=article.parent,
                         env={"NEWSLINT_LANGUAGETOOL_URL": server.url})
    findings = [f for f in json.loads(result.stdout) if f["code"] == "NLG001"]
    assert [(f["line"], f["column"], f["fix"]["applicability"], f["fix"]["edits"][0]["content"]) for f in findings] \
        == [(1, 16, "unsafe", "receive"), (1, 24, "unsafe", "an")]


def test_unsafe_fixes_are_applied_only_when_asked(article, server):
    env = {"NEWSLINT_LANGUAGETOOL_URL": server.url}
    newslint("check", "--select", "NLG", "--fix", "article.txt", cwd=article.parent, env=env)
    assert article.read_text(encoding="utf-8") == ARTICLE
    result, _ = newslint("check", "--select", "NLG", "--fix", "--unsafe-fixes", "article.txt",
                         cwd=article.parent, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert article.read_text(encoding="utf-8") == ARTICLE.replace("recieve a", "receive an")


def test_config_file_switches_the_rule_on(article, server):
    (article.parent / ".newslint.toml").write_text(
        f'extend-select = ["NLG"]\n\n[rules.NLG001]\nserver-url = "{server.url}"\n', encoding="utf-8")
    result, _ = newslint("check", "article.txt", cwd=article.parent)
    assert "NLG001 MORFOLOGIK_RULE_EN_US" in result.stdout


def test_standard_input(server, tmp_path):
    result, _ = newslint("check", "--select", "NLG", "-", cwd=tmp_path, stdin=ARTICLE.encode(),
                         env={"NEWSLINT_LANGUAGETOOL_URL": server.url})
    assert "-:1:16: NLG001 MORFOLOGIK_RULE_EN_US" in result.stdout


def test_grammar_is_off_by_default(article, server):
    result, _ = newslint("check", "article.txt", cwd=article.parent, env={"NEWSLINT_LANGUAGETOOL_URL": server.url})
    assert "NLG001" not in result.stdout and result.returncode in (0, 1)
    assert server.requests == []


def test_importing_newslint_loads_no_grammar_backend(tmp_path):
    code = (
        "import subprocess, sys\n"
        "def refuse(*args, **kwargs):\n"
        "    raise AssertionError('a process was started')\n"
        "subprocess.Popen = refuse\n"
        "import newslint\n"
        "newslint.lint('Officials will recieve a apple.\\n\\nLeave a Reply\\n')\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('language_tool_python', 'harper'))\n"
        "assert not loaded, loaded\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                            timeout=60, check=False)
    assert result.returncode == 0, result.stderr


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _local_config(directory: Path, **options: str) -> None:
    lines = ['extend-select = ["NLG"]', "", "[rules.NLG001]", 'backend = "local"']
    lines += [f'{key} = "{value}"' for key, value in options.items()]
    (directory / ".newslint.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _no_url(tmp: Path) -> dict:
    return {"args": ("--extend-select", "NLG")}


def _server_down(tmp: Path) -> dict:
    url = f"http://127.0.0.1:{_closed_port()}"
    return {"args": ("--extend-select", "NLG"), "env": {"NEWSLINT_LANGUAGETOOL_URL": url}}


def _no_java(tmp: Path) -> dict:
    _local_config(tmp, **{"local-directory": str(write_languagetool_dir(tmp))})
    return {"env": {"PATH": str(tmp / "no-bin")}}


def _no_languagetool(tmp: Path) -> dict:
    _local_config(tmp)
    java = write_fake_java(tmp / "bin")
    return {"env": {"PATH": str(java.parent), "LTP_PATH": str(tmp / "empty")}}


def _broken_languagetool(tmp: Path) -> dict:
    _local_config(tmp, **{"local-directory": str(write_languagetool_dir(tmp))})
    java = write_fake_java(tmp / "bin", broken=True)
    return {"env": {"PATH": str(java.parent)}}


def _no_language_tool_python(tmp: Path) -> dict:
    return {"args": ("--extend-select", "NLG"), "without": "language_tool_python",
            "env": {"NEWSLINT_LANGUAGETOOL_URL": "http://127.0.0.1:8081"}}


def _no_harper(tmp: Path) -> dict:
    (tmp / ".newslint.toml").write_text('extend-select = ["NLG"]\n[rules.NLG001]\nbackend = "harper"\n')
    return {"without": "harper"}


def _harper_not_english(tmp: Path) -> dict:
    (tmp / ".newslint.toml").write_text('extend-select = ["NLG"]\n[rules.NLG001]\nbackend = "harper"\n'
                                        'language = "de-DE"\n')
    return {}


PRECONDITIONS = {
    "no server URL": (_no_url, "no LanguageTool server URL: set NEWSLINT_LANGUAGETOOL_URL"),
    "server down": (_server_down, "cannot connect (connection refused)"),
    "no Java": (_no_java, "needs Java and there is no `java` on PATH"),
    "no LanguageTool": (_no_languagetool, "no LanguageTool in"),
    "broken LanguageTool": (_broken_languagetool, "LanguageTool server exited early with code 1"),
    "no language-tool-python": (_no_language_tool_python, "pip install 'newslint[grammar]'"),
    "no harper-py": (_no_harper, "pip install 'newslint[harper]'"),
    "Harper asked for German": (_harper_not_english, "Harper checks English only"),
}


def _assert_one_line_error(result: Ran, seconds: float, expected: str) -> None:
    assert result.returncode == 2, result.stdout + result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("newslint: error: ") and "NLG001: " in lines[0], result.stderr
    assert expected in lines[0]
    assert seconds < 5, f"took {seconds:.1f} s"


@pytest.mark.parametrize("case", sorted(PRECONDITIONS))
def test_missing_precondition_is_one_line_and_exit_2_within_5_seconds(case, article):
    setup, expected = PRECONDITIONS[case]
    scenario = setup(article.parent)
    result, seconds = newslint("check", *scenario.get("args", ()), "article.txt", cwd=article.parent,
                               env=scenario.get("env"), without=scenario.get("without"))
    _assert_one_line_error(result, seconds, expected)


@pytest.mark.parametrize("mode, delay, expected", [
    ("slow-start", 10.0, "no answer within 2.5 s"),
    ("not-languagetool", 0.0, "the reply is not LanguageTool's JSON"),
])
def test_server_that_is_not_usable_is_one_line_and_exit_2_within_5_seconds(article, mode, delay, expected):
    with StandIn(mode, delay=delay) as server:
        result, seconds = newslint("check", "--extend-select", "NLG", "article.txt", cwd=article.parent,
                                   env={"NEWSLINT_LANGUAGETOOL_URL": server.url})
    _assert_one_line_error(result, seconds, expected)


def test_a_missing_precondition_in_a_separate_process(article):
    """The same one line and exit status 2 from `python -m newslint`, its start-up within the 5 seconds."""
    setup, expected = PRECONDITIONS["no language-tool-python"]
    scenario = setup(article.parent)
    result, seconds = newslint("check", *scenario["args"], "article.txt", cwd=article.parent, env=scenario["env"],
                               without=scenario["without"], process=True)
    _assert_one_line_error(result, seconds, expected)
