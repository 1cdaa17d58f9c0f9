"""A stand-in for a LanguageTool server: LanguageTool's real /v2 HTTP API over a toy checker.

It answers `GET /v2/languages`, `GET /v2/healthcheck` and the form-encoded `POST /v2/check`
with LanguageTool's JSON (`matches` with `offset` and `length` in UTF-16 code units, as the
Java server counts, `message`, `replacements`, `rule` with its category and issue type). It
honours `enabledRules`, `disabledRules`, `enabledCategories`, `disabledCategories` and
`enabledOnly`, records every request, and can fail in the ways a real server does: slow,
malformed reply, non-200 status, not LanguageTool at all.

In a test: `with StandIn() as server: ... server.url ...`. As a process (what a fake `java`
runs in place of LanguageTool's HTTPServer): `python lt_standin.py --port 8081 [--mode slow]`.
"""
from __future__ import annotations

import argparse
import json
import re
import stat
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

LANGUAGES = [
    {"name": "English", "code": "en", "longCode": "en"},
    {"name": "English (US)", "code": "en", "longCode": "en-US"},
    {"name": "English (GB)", "code": "en", "longCode": "en-GB"},
    {"name": "German (Germany)", "code": "de", "longCode": "de-DE"},
]
MISSPELLINGS = {"recieve": "receive", "goverment": "government", "teh": "the", "autoblog": "auto blog",
                "Pushilin": "Pushkin", "KCNA": "KANA", "AFP": "AFT", "STR": "SIR", "covid19": "covid"}
MODES = ("ok", "slow", "slow-start", "malformed", "no-matches", "bad-match", "error-500", "not-languagetool")


@dataclass(frozen=True)
class ToyRule:
    id: str
    category: str
    issue_type: str
    pattern: re.Pattern[str]
    message: str
    default_on: bool = True

    def replacement(self, found: re.Match[str]) -> str:
        text = found.group(0)
        if self.id == "MORFOLOGIK_RULE_EN_US":
            return MISSPELLINGS[text]
        if self.id == "ENGLISH_WORD_REPEAT_RULE":
            return found.group(1)
        if self.id == "EN_A_VS_AN":
            return text[0] + "n"
        if self.id == "UPPERCASE_SENTENCE_START":
            return text[0].upper() + text[1:]
        if self.id == "EN_QUOTES":
            return "“"
        return " "


TOY_RULES = (
    ToyRule("MORFOLOGIK_RULE_EN_US", "TYPOS", "misspelling",
            re.compile(r"\b(?:" + "|".join(MISSPELLINGS) + r")\b"), "Possible spelling mistake found."),
    ToyRule("ENGLISH_WORD_REPEAT_RULE", "MISC", "duplication", re.compile(r"\b(\w+) \1\b", re.IGNORECASE),
            "Possible typo: you repeated a word."),
    ToyRule("EN_A_VS_AN", "MISC", "misspelling", re.compile(r"\b[aA](?= [aeiou])"),
            "Use “an” instead of ‘a’ if the following word starts with a vowel sound."),
    ToyRule("UPPERCASE_SENTENCE_START", "CASING", "typographical", re.compile(r"(?<=[.!?] )[a-z]\w*"),
            "This sentence does not start with an uppercase letter."),
    ToyRule("WHITESPACE_RULE", "TYPOGRAPHY", "whitespace", re.compile(r"(?<=\S)  +(?=\S)"),
            "Possible typo: you repeated a whitespace"),
    ToyRule("EN_QUOTES", "TYPOGRAPHY", "typographical", re.compile(r'"'), "Use a smart opening quote here."),
    ToyRule("TOO_LONG_SENTENCE", "STYLE", "style", re.compile(r"[^.!?]{200,}"), "This sentence is long.",
            default_on=False),
)


def _utf16(text: str, index: int) -> int:
    return index + sum(1 for char in text[:index] if ord(char) > 0xFFFF)


def _split(value: str) -> set[str]:
    return {v for v in value.split(",") if v}


def _active(rule: ToyRule, params: dict[str, str]) -> bool:
    enabled, categories = _split(params.get("enabledRules", "")), _split(params.get("enabledCategories", ""))
    if params.get("enabledOnly") == "true":
        return rule.id in enabled or rule.category in categories
    disabled, off = _split(params.get("disabledRules", "")), _split(params.get("disabledCategories", ""))
    if rule.id in disabled or rule.category in off:
        return False
    return rule.default_on or rule.id in enabled or rule.category in categories


def check(text: str, params: dict[str, str]) -> list[dict[str, object]]:
    """LanguageTool's `matches` for `text`, from the toy rules the request leaves on."""
    matches = []
    for rule in TOY_RULES:
        if not _active(rule, params):
            continue
        for found in rule.pattern.finditer(text):
            start, end = _utf16(text, found.start()), _utf16(text, found.end())
            context_start = max(0, found.start() - 40)
            matches.append({
                "message": rule.message, "shortMessage": "",
                "replacements": [{"value": rule.replacement(found)}],
                "offset": start, "length": end - start,
                "context": {"text": text[context_start : found.end() + 40],
                            "offset": found.start() - context_start, "length": end - start},
                "sentence": text[context_start : found.end()],
                "type": {"typeName": "Other"},
                "rule": {"id": rule.id, "description": rule.message, "issueType": rule.issue_type,
                         "category": {"id": rule.category, "name": rule.category.title()}},
                "ignoreForIncompleteSentence": False, "contextForSureMatch": 0,
            })
    return sorted(matches, key=lambda m: (m["offset"], m["length"]))


def _reply(language: str, matches: list[dict[str, object]]) -> dict[str, object]:
    return {
        "software": {"name": "LanguageTool", "version": "6.6", "buildDate": "2025-03-27", "apiVersion": 1,
                     "premium": False, "status": ""},
        "warnings": {"incompleteResults": False},
        "language": {"name": language, "code": language},
        "matches": matches,
    }


class StandIn:
    """The server, on 127.0.0.1, in a background thread."""

    def __init__(self, mode: str = "ok", delay: float = 10.0, port: int = 0) -> None:
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}")
        self.mode, self.delay = mode, delay
        self.requests: list[tuple[str, str, dict[str, str]]] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", port), _handler(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def checks(self) -> list[dict[str, str]]:
        """The parameters of every /v2/check request so far."""
        return [params for method, path, params in self.requests if path == "/v2/check"]

    def start(self) -> StandIn:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> StandIn:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def answer(self, method: str, path: str, params: dict[str, str]) -> tuple[int, str, str]:
        """(status, content type, body) for one request."""
        self.requests.append((method, path, params))
        mode = self.mode
        if mode == "not-languagetool":
            return 404, "text/html", "<html><body><h1>404 Not Found</h1>\n<p>nginx</p></body></html>"
        if path == "/v2/healthcheck":
            return 200, "text/plain", "OK"
        if path == "/v2/languages":
            if mode == "slow-start":
                time.sleep(self.delay)
            return 200, "application/json", json.dumps(LANGUAGES)
        if path != "/v2/check" or method != "POST":
            return 404, "text/plain", f"Error: unknown endpoint {path}"
        return self._check(params)

    def _check(self, params: dict[str, str]) -> tuple[int, str, str]:
        mode, language = self.mode, params.get("language", "")
        if mode == "slow":
            time.sleep(self.delay)
        if mode == "error-500":
            return 500, "text/plain", "Error: Internal Server Error:\njava.lang.OutOfMemoryError: Java heap space"
        if mode == "malformed":
            return 200, "text/html", "<html><body>502 Bad Gateway</body></html>"
        if mode == "no-matches":
            return 200, "application/json", json.dumps({"software": {"name": "LanguageTool"}})
        if language not in {lang["longCode"] for lang in LANGUAGES} | {"auto"}:
            return 400, "text/plain", f"Error: '{language}' is not a language code known to LanguageTool."
        if "text" not in params:
            return 400, "text/plain", "Error: Missing 'text' or 'data' parameter"
        matches = check(params["text"], params)
        if mode == "bad-match":
            matches = [{"offset": 0, "length": 3, "message": "no rule"}]
        return 200, "application/json", json.dumps(_reply(language, matches))


def _handler(server: StandIn) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            url = urllib.parse.urlsplit(self.path)
            self._send(*server.answer("GET", url.path, dict(urllib.parse.parse_qsl(url.query))))

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode("utf-8")
            params = dict(urllib.parse.parse_qsl(body, keep_blank_values=True))
            self._send(*server.answer("POST", urllib.parse.urlsplit(self.path).path, params))

        def _send(self, status: int, content_type: str, body: str) -> None:
            data = body.encode("utf-8")
            try:
                self.send_response(status)
                self.send_header("Content-Type", f"{content_type}; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up waiting
                pass

        def log_message(self, format: str, *args: object) -> None:
            """Quiet: tests read `requests` instead."""

    return Handler


_JAVA = """#!/bin/sh
if [ "$1" = "-version" ]; then echo 'openjdk version "{version}" 2023-10-17' >&2; exit 0; fi
{serve}
"""
_SERVE = """while [ $# -gt 0 ]; do if [ "$1" = "-p" ]; then port="$2"; fi; shift; done
echo "$port" > "{portfile}"
exec "{python}" "{standin}" --port "$port"
"""
_BROKEN = 'echo "Error: Invalid or corrupt jarfile" >&2; exit 1'


def write_fake_java(bin_dir: Path, *, version: str = "17.0.9", broken: bool = False) -> Path:
    """`bin_dir/java`: answers `-version`, and where LanguageTool's HTTPServer would start, runs
    this stand-in on the port it is given (writing the port to `bin_dir/port`), or fails at once."""
    bin_dir.mkdir(parents=True, exist_ok=True)
    serve = _BROKEN if broken else _SERVE.format(portfile=bin_dir / "port", python=sys.executable, standin=__file__)
    java = bin_dir / "java"
    java.write_text(_JAVA.format(version=version, serve=serve), encoding="utf-8")
    java.chmod(java.stat().st_mode | stat.S_IXUSR)
    return java


def write_languagetool_dir(parent: Path, name: str = "LanguageTool-6.6", jar: bool = True) -> Path:
    """A directory shaped like an unpacked LanguageTool release (its jar is empty)."""
    directory = parent / name
    directory.mkdir(parents=True)
    if jar:
        (directory / "languagetool-server.jar").write_bytes(b"")
    return directory


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", "-p", type=int, default=8081)
    parser.add_argument("--mode", choices=MODES, default="ok")
    args = parser.parse_args()
    server = StandIn(args.mode, port=args.port)
    try:
        server._server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
