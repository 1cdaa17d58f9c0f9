"""The LanguageTool backends of NLG001, through language-tool-python: a server URL, or a local server.

language-tool-python is imported only when a backend is opened, never at module import.
Its own waits are bounded here: every HTTP call gets a connect and a read timeout, and a
local server gets one free port instead of a walk over ports 8081-8999.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import urllib.parse
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import regex

from newslint.errors import ConfigError
from newslint.rules._grammar import (
    CODE,
    SEPARATOR,
    Backend,
    Finding,
    GrammarBackendError,
    Opener,
    Utf16Offsets,
    one_line,
    pack,
    split_findings,
)
from newslint.rules._lazy import LazyPattern

URL_VARIABLE = "NEWSLINT_LANGUAGETOOL_URL"
CONNECT_SECONDS = 2.0
PROBE_SECONDS = 2.5  # the first request must fail fast: preconditions are reported within 5 s
JAVA_SECONDS = 5.0
_JAVA_VERSION = LazyPattern(r'version "(\d+)(?:\.(\d+))?')
_RELEASE_DIR = LazyPattern(r"^LanguageTool-(\d+\.\d+|\d{8})$")
_JARS = ("languagetool-server.jar", "languagetool.jar")


def _import() -> Any:
    try:
        import language_tool_python
    except ImportError as exc:
        raise ConfigError(f"{CODE}: the LanguageTool backends need language-tool-python "
                          f"({exc.name or exc}): pip install 'newslint[grammar]'") from None
    return language_tool_python


# ---- preconditions, checked when the rule is built ----

def server_url(settings: Mapping[str, Any]) -> str:
    """The server URL from the environment or the config, normalised to the API root."""
    url = os.environ.get(URL_VARIABLE, "").strip() or str(settings["server-url"])
    if not url:
        raise ConfigError(f'{CODE}: no LanguageTool server URL: set {URL_VARIABLE} or server-url in '
                          f'[tool.newslint.rules.{CODE}] (or choose backend = "local" or "harper")')
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigError(f"{CODE}: LanguageTool server URL {url!r} is not an http:// or https:// URL")
    path = regex.sub(r"/v2/?$", "", parts.path.rstrip("/")) + "/"  # language-tool-python adds v2/
    return str(urllib.parse.urlunsplit((parts.scheme, parts.netloc, path, "", "")))


def server_opener(settings: Mapping[str, Any]) -> Opener:
    url = server_url(settings)
    ltp = _import()
    return lambda: _open(ltp, settings, f"LanguageTool server at {url}", remote_server=url)


def local_opener(settings: Mapping[str, Any]) -> Opener:
    ltp = _import()
    java, major = _java()
    default = ltp.download_lt.LTP_DOWNLOAD_VERSION
    parent, version, installed = _find_languagetool(settings, default)
    needed = 9 if version != default and _is_release_before(version, (6, 6)) else 17
    if major < needed:
        raise ConfigError(f"{CODE}: LanguageTool {version} needs Java {needed} or newer, and `{java}` is Java {major}")
    where = f"local LanguageTool {version}" if installed else f"downloading LanguageTool {version}"
    return lambda: _open(ltp, settings, where, language_tool_download_version=version, home=parent)


def _java() -> tuple[str, int]:
    """The `java` on PATH and its major version."""
    java = shutil.which("java")
    if not java:
        raise ConfigError(f'{CODE}: the local LanguageTool backend needs Java and there is no `java` on PATH: '
                          f'install a JRE 17 or newer (e.g. apt install default-jre), or use backend = "server"')
    try:
        shown = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=JAVA_SECONDS, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ConfigError(f"{CODE}: cannot run `{java} -version`: {one_line(exc)}") from None
    found = _JAVA_VERSION.search(shown.stderr + shown.stdout)
    if not found:
        raise ConfigError(f"{CODE}: `{java} -version` does not say which Java it is")
    return java, int(found[2]) if found[1] == "1" and found[2] else int(found[1])


def _is_release_before(version: str, limit: tuple[int, int]) -> bool:
    return "." in version and tuple(int(p) for p in version.split(".")) < limit


def _version_key(version: str) -> tuple[int, ...]:
    snapshot = "." not in version  # language-tool-python ranks dated snapshots above releases
    return (int(snapshot), *(int(p) for p in version.split(".")))


def _find_languagetool(settings: Mapping[str, Any], default: str) -> tuple[Path | None, str, bool]:
    """(the directory holding `LanguageTool-<version>/` if not the cache, the version, whether it is there)."""
    if settings["local-directory"]:
        return (*_given_directory(Path(settings["local-directory"]).expanduser().resolve()), True)
    cache = Path(os.environ.get("LTP_PATH") or Path.home() / ".cache" / "language_tool_python")
    installed = sorted((m[1] for d in _subdirectories(cache) if (m := _RELEASE_DIR.match(d.name)) and _has_jar(d)),
                       key=_version_key)
    if default in installed:
        return None, default, True
    if installed:
        return None, installed[-1], True
    if settings["download"]:
        return None, default, False
    raise ConfigError(f"{CODE}: no LanguageTool in {cache}: set local-directory to an unpacked LanguageTool, "
                      f"or download = true to let language-tool-python fetch LanguageTool {default} (about 260 MB)")


def _given_directory(path: Path) -> tuple[Path, str]:
    if not path.is_dir():
        raise ConfigError(f"{CODE}: local-directory {path} is not a directory: unpack a LanguageTool release "
                          f"(https://languagetool.org/download/) and point local-directory at it")
    named = _RELEASE_DIR.match(path.name)
    if not named:
        raise ConfigError(f"{CODE}: local-directory {path} must be named LanguageTool-<version>, like "
                          f"LanguageTool-6.6, or LanguageTool-20250601 for a snapshot "
                          f"(language-tool-python reads the version from the name)")
    if not _has_jar(path):
        raise ConfigError(f"{CODE}: local-directory {path} holds no languagetool-server.jar: is it a whole release?")
    return path.parent, named[1]


def _subdirectories(path: Path) -> list[Path]:
    try:
        return [p for p in path.iterdir() if p.is_dir()]
    except OSError:
        return []


def _has_jar(directory: Path) -> bool:
    return any((directory / jar).is_file() for jar in _JARS)


# ---- the session ----

def _open(ltp: Any, settings: Mapping[str, Any], where: str, home: Path | None = None, **kwargs: Any) -> Backend:
    session_class = _session_class(ltp, home)
    tool = session_class.__new__(session_class)
    try:
        tool.__init__(language=settings["language"], **kwargs)
    except Exception as exc:  # every way of failing becomes one line; nothing may keep running
        with contextlib.suppress(Exception):
            tool.close()
        raise GrammarBackendError(f"{CODE}: {where}: {_reason(exc, PROBE_SECONDS)}") from None
    tool._TIMEOUT = (CONNECT_SECONDS, settings["timeout"])
    tool.disabled_rules = set(settings["disabled-rules"])
    tool.enabled_rules = set(settings["enabled-rules"])
    tool.disabled_categories = set(settings["disabled-categories"])
    tool.enabled_categories = set(settings["enabled-categories"])
    tool.enabled_rules_only = settings["enabled-only"]
    return LanguageToolBackend(tool, where, settings["batch-chars"], settings["timeout"])


def _session_class(ltp: Any, home: Path | None) -> Any:
    class Session(ltp.LanguageTool):  # type: ignore[misc]
        _TIMEOUT = (CONNECT_SECONDS, PROBE_SECONDS)

        def _start_server_on_free_port(self) -> None:
            # language-tool-python would try every port from 8081 to 8999 when Java fails,
            # which takes minutes; a port the OS just handed out is free, so one try is enough.
            self._port = _free_port(self._host)
            self._url = f"http://{self._host}:{self._port}/v2/"
            self._start_local_server()

        def _start_local_server(self) -> None:
            with _environment("LTP_PATH", str(home) if home else None):
                super()._start_local_server()

        def __del__(self) -> None:
            if getattr(self, "_server", None) is not None:
                super().__del__()

    return Session


def _free_port(host: str) -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def _environment(name: str, value: str | None) -> Iterator[None]:
    if value is None:
        yield
        return
    before = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = before


def _reason(exc: BaseException, timeout: float) -> str:
    """What went wrong, in a few words, from language-tool-python's or requests' exception."""
    import json

    import requests

    if isinstance(exc, ValueError) and "unsupported language" in str(exc):
        return f"{one_line(exc)} (see the server's /v2/languages)"
    if type(exc).__name__ == "RateLimitError":
        return "rate limit exceeded: wait, or run your own server"
    for link in _chain(exc):
        if isinstance(link, requests.exceptions.Timeout):
            return f"no answer within {timeout:g} s (raise `timeout` if the server is just slow)"
        if isinstance(link, requests.exceptions.ConnectionError):
            return f"cannot connect ({_connection_detail(link)})"
        if isinstance(link, json.JSONDecodeError):
            return f"the reply is not LanguageTool's JSON: {one_line(exc, 120)!r}"
        if isinstance(link, (KeyError, TypeError, AttributeError)):
            return "malformed reply: this does not look like LanguageTool's /v2 API"
    if isinstance(exc, ModuleNotFoundError):  # language-tool-python's way of saying "no Java"
        return "no Java found"
    return f"error: {one_line(exc)}"


def _chain(exc: BaseException) -> list[BaseException]:
    chain: list[BaseException] = []
    link: BaseException | None = exc
    while link is not None and len(chain) < 10:
        chain.append(link)
        link = link.__cause__ or link.__context__
    return chain


def _connection_detail(exc: BaseException) -> str:
    text = str(exc)
    for marker in ("Connection refused", "Name or service not known", "No route to host", "timed out"):
        if marker in text:
            return marker.lower()
    return one_line(text, 80)


class LanguageToolBackend:
    """An open LanguageTool session: packs many small texts into each /v2/check request."""

    def __init__(self, tool: Any, where: str, batch_chars: int, timeout: float) -> None:
        self._tool, self._where, self._batch_chars, self._timeout = tool, where, batch_chars, timeout
        self.requests = 0

    def check_texts(self, texts: Sequence[str]) -> list[list[Finding]]:
        results: list[list[Finding]] = [[] for _ in texts]
        for group in pack(texts, self._batch_chars):
            parts = [texts[i] for i in group]
            for index, found in zip(group, split_findings(self._check(SEPARATOR.join(parts)), parts)):
                results[index] = found
        return results

    def _check(self, text: str) -> list[Finding]:
        self.requests += 1
        try:
            matches = self._tool.check(text)
            offsets = Utf16Offsets(text)
            return [_finding(m, offsets) for m in matches]
        except Exception as exc:  # a broken reply is the server's fault, reported as one line
            raise GrammarBackendError(f"{CODE}: {self._where}: {_reason(exc, self._timeout)}") from None

    def close(self) -> None:
        self._tool.close()


def _finding(match: Any, offsets: Utf16Offsets) -> Finding:
    # language-tool-python turns `offset` into code points but leaves `length` in UTF-16 units.
    start = int(match.offset)
    end = offsets.to_index(offsets.to_utf16(start) + int(match.error_length))
    if not 0 <= start <= end:
        raise ValueError(f"bad match span {start}..{end}")
    replacements = match.replacements
    fix = (start, end, str(replacements[0])) if replacements else None
    spelling = match.category == "TYPOS"  # language-tool-python's own test for spelling rules
    return Finding(start, end, str(match.rule_id), str(match.category), one_line(match.message, 500), spelling, fix)
