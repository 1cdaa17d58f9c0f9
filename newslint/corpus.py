"""Corpora as JSON Lines: reading records, checking or fixing one text field, writing them back.

Records are read one line at a time and written as soon as they are checked, so memory
stays flat whatever the size of the file. A rule that learns across documents (NL701)
needs two passes; standard input is then spooled to a temporary file first.
"""
from __future__ import annotations

import contextlib
import gzip
import json
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from newslint.document import Document
from newslint.engine import RuleSet, fix_text, linted
from newslint.errors import InputError, NewslintError
from newslint.findings import Finding, findings_for
from newslint.linecounts import site_of
from newslint.model import Violation
from newslint.sources import STDIN

# Fields whose value names the page a record came from, looked at in this order.
URL_FIELDS = ("url", "site_or_url", "link", "source_url", "canonical_url", "page_url", "site")


@dataclass(frozen=True)
class CorpusOptions:
    """Which fields of a record hold its text, its id and its site."""

    text_field: str = "text"
    id_field: str | None = None
    site_field: str | None = None


@dataclass(frozen=True)
class Record:
    """One line of a JSON Lines file: a record to check, or one that cannot be (`error`)."""

    path: str
    line: int  # 1-based line number in the file
    raw: bytes  # the line as read, terminator included, copied through when not changed
    id: str
    site: str = ""
    text: str | None = None  # None: nothing to check (a blank line, or an error)
    data: dict[str, Any] | None = None
    crlf: bool = False  # the text used CRLF line ends: checked with LF, written back with CRLF
    error: str | None = None

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line} (record {self.id})"


@dataclass(frozen=True)
class RecordReport:
    record: Record
    findings: tuple[Finding, ...] = ()  # what remains (after fixing, when fixing)
    fixed: int = 0
    text: str | None = None  # the fixed text, when fixing changed it
    error: str | None = None

    def output_line(self, text_field: str) -> bytes:
        """The record as `--fixed-output` gets it: unchanged unless its text was fixed."""
        record = self.record
        if self.text is None or record.data is None:
            # Every record ends its line, so the records of several files never run together.
            return record.raw if record.raw.endswith(b"\n") else record.raw + b"\n"
        text = self.text.replace("\n", "\r\n") if record.crlf else self.text
        data = {**record.data, text_field: text}
        ending = b"\r\n" if record.raw.endswith(b"\r\n") else b"\n"
        return json.dumps(data, ensure_ascii=False).encode("utf-8") + ending


@contextlib.contextmanager
def open_lines(path: str, stdin: IO[bytes] | None = None) -> Iterator[IO[bytes]]:
    """The binary lines of `path` (`-`: standard input), gunzipped when the name ends in `.gz`."""
    if path == STDIN:
        yield stdin if stdin is not None else sys.stdin.buffer
        return
    try:
        handle = gzip.open(path, "rb") if path.lower().endswith(".gz") else open(path, "rb")
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    with handle:
        yield handle


def _record_id(data: dict[str, Any], options: CorpusOptions, line: int) -> str:
    """The id field's value (`id` when none is named), else `#` and the line number."""
    value = data.get(options.id_field or "id")
    return str(value) if isinstance(value, (str, int)) and not isinstance(value, bool) else f"#{line}"


def record_site(data: dict[str, Any], options: CorpusOptions, path: str) -> str:
    """The site field, else the host of the first URL-like field, else the file."""
    if options.site_field:
        value = data.get(options.site_field)
        return site_of(value) if isinstance(value, str) and value.strip() else path
    for name in URL_FIELDS:
        value = data.get(name)
        if isinstance(value, str) and value.strip():
            return site_of(value)
    return path


def parse_record(path: str, line: int, raw: bytes, options: CorpusOptions) -> Record:
    """One line as a record; a line that is not one is a record with an error, never an exception."""
    if not raw.strip():
        return Record(path, line, raw, f"#{line}")
    try:
        data = json.loads(raw)
    except UnicodeDecodeError as exc:
        return Record(path, line, raw, f"#{line}", error=f"invalid UTF-8 at byte {exc.start}: {exc.reason}")
    except json.JSONDecodeError as exc:
        return Record(path, line, raw, f"#{line}", error=f"not JSON: {exc.msg} at column {exc.colno}")
    if not isinstance(data, dict):
        return Record(path, line, raw, f"#{line}", error=f"not a JSON object but {type(data).__name__}")
    return record_from_data(path, line, raw, data, options)


def record_from_data(path: str, line: int, raw: bytes, data: dict[str, Any], options: CorpusOptions) -> Record:
    """A record from its fields (a parsed JSON line, a row of a table): its text checked, or an error."""
    record_id = _record_id(data, options, line)
    field = options.text_field
    if field not in data:
        return Record(path, line, raw, record_id, error=f"no field '{field}'")
    text = data[field]
    if not isinstance(text, str):
        shown = "null" if text is None else type(text).__name__
        return Record(path, line, raw, record_id, error=f"field '{field}' holds {shown}, not a string")
    crlf = "\r\n" in text and text.count("\n") == text.count("\r\n")
    return Record(path, line, raw, record_id, record_site(data, options, path),
                  text.replace("\r\n", "\n") if crlf else text, data, crlf)


def read_records(path: str, options: CorpusOptions, stdin: IO[bytes] | None = None) -> Iterator[Record]:
    """Every line of a JSON Lines file as a `Record`, one at a time."""
    with open_lines(path, stdin) as handle:
        for number, raw in enumerate(handle, 1):
            yield parse_record(path, number, raw, options)


def spool(stream: IO[bytes]) -> IO[bytes]:
    """A rewindable copy of a stream (standard input read twice), on disk, not in memory."""
    copy = tempfile.TemporaryFile()
    shutil.copyfileobj(stream, copy, 1 << 20)
    copy.seek(0)
    return copy


def learn(ruleset: RuleSet, records: Iterable[Record]) -> None:
    """The first pass: show every checkable record to the rules that learn across documents."""
    learners = [r for r in ruleset.rules if r.learns_across_documents]
    if not learners:
        return
    for record in records:
        if record.text is not None:
            for rule in learners:
                rule.learn(record.site, record.text)


def check_record(record: Record, ruleset: RuleSet, *, fix: bool = False, unsafe: bool = False) -> RecordReport:
    """Lint (or fix) one record's text; positions are lines and columns inside the field."""
    if record.text is None:
        return RecordReport(record, error=f"{record.where}: {record.error}" if record.error else None)
    for rule in ruleset.rules:
        if rule.learns_across_documents:
            rule.focus(record.site)
    try:
        if not fix:
            violations, doc = linted(record.text, ruleset, record.path)
            return RecordReport(record, _placed(record.path, violations, doc, record.text, unsafe))
        result = fix_text(record.text, ruleset, record.path, unsafe=unsafe)
    except NewslintError as exc:
        return RecordReport(record, error=f"{record.where}: {exc}")
    findings = _placed(record.path, result.remaining, result.doc or Document(result.text), result.text, unsafe)
    changed = result.text if result.text != record.text else None
    return RecordReport(record, findings, len(result.fixed), changed)


def _placed(path: str, violations: Iterable[Violation], doc: Document, text: str, unsafe: bool) -> tuple[Finding, ...]:
    return tuple(findings_for(path, violations, doc, text=text, unsafe=unsafe))


def check_corpus(paths: Iterable[str], ruleset: RuleSet, options: CorpusOptions | None = None, *,
                 fix: bool = False, unsafe: bool = False, stdin: IO[bytes] | None = None) -> Iterator[RecordReport]:
    """Reports for every record of `paths`, in input order, streamed.

    With a rule that learns across documents, every file is read twice: once to learn,
    once to check. Standard input is then spooled to a temporary file."""
    options = options or CorpusOptions()
    paths = list(paths)
    two_passes = any(r.learns_across_documents for r in ruleset.rules)
    spooled: IO[bytes] | None = None
    if two_passes and STDIN in paths:
        spooled = spool(stdin if stdin is not None else sys.stdin.buffer)
        stdin = spooled
    try:
        if two_passes:
            learn(ruleset, (r for path in paths for r in _rewound(read_records(path, options, stdin), stdin)))
        for path in paths:
            for record in _rewound(read_records(path, options, stdin), stdin):
                yield check_record(record, ruleset, fix=fix, unsafe=unsafe)
    finally:
        if spooled is not None:
            spooled.close()


def _rewound(records: Iterator[Record], stdin: IO[bytes] | None) -> Iterator[Record]:
    """`records`, reading a spooled standard input from its start every time."""
    if stdin is not None and stdin.seekable():
        stdin.seek(0)
    return records


@contextlib.contextmanager
def fixed_output(target: str, inputs: Iterable[str], stdout: IO[bytes] | None = None) -> Iterator[IO[bytes]]:
    """Where cleaned records go: `-` for standard output, else a new file written whole or not at all.

    The file is written next to its final name and moved there at the end; it is never
    one of the inputs (that would destroy what is being read)."""
    if target == STDIN:
        yield stdout if stdout is not None else sys.stdout.buffer
        return
    for name in inputs:
        if name != STDIN and os.path.exists(target) and os.path.samefile(name, target):
            raise InputError(f"{target}: the fixed output cannot be an input file")
    directory = os.path.dirname(os.path.abspath(target))
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{Path(target).name}.", suffix=".newslint-tmp", dir=directory)
    except OSError as exc:
        raise InputError(f"{target}: cannot write: {exc.strerror or exc}") from None
    try:
        os.chmod(temp, _new_file_mode(target))
        with os.fdopen(fd, "wb") as raw:
            handle: IO[bytes] = gzip.GzipFile(fileobj=raw, mode="wb") if target.lower().endswith(".gz") else raw
            yield handle
            if handle is not raw:
                handle.close()
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise


def _new_file_mode(target: str) -> int:
    """The mode the output gets: an existing output's own, else what a new file gets under the
    umask (`mkstemp` makes its file readable by its owner alone)."""
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        umask = os.umask(0o022)  # reading the umask means setting it; put back at once
        os.umask(umask)
        return 0o666 & ~umask


def fix_corpus(paths: Iterable[str], target: str, ruleset: RuleSet, options: CorpusOptions | None = None, *,
               unsafe: bool = False, stdin: IO[bytes] | None = None,
               stdout: IO[bytes] | None = None) -> Iterator[RecordReport]:
    """Fix every record of `paths`, writing them all (bad ones unchanged) to `target`, in order."""
    options = options or CorpusOptions()
    paths = list(paths)
    reports = check_corpus(paths, ruleset, options, fix=True, unsafe=unsafe, stdin=stdin)
    return write_fixed(reports, target, paths, options.text_field, stdout)


def is_folder_target(target: str) -> bool:
    """Whether `--fixed-output` names a folder (ends with `/`, or is one): one cleaned file per input."""
    return target != STDIN and (target.endswith(("/", os.sep)) or os.path.isdir(target))


def folder_targets(target: str, paths: list[str]) -> dict[str, str]:
    """Each input's cleaned file in the folder `target`: the input's own name."""
    names: dict[str, str] = {}
    for path in paths:
        if path == STDIN:
            raise InputError("standard input has no name to write in a --fixed-output folder: name a file")
        name = os.path.join(target, os.path.basename(path))
        if name in names.values():
            raise InputError(f"{path}: another input of the same name would be written to {name}")
        names[path] = name
    return names


def write_fixed(reports: Iterable[RecordReport], target: str, paths: list[str], text_field: str,
                stdout: IO[bytes] | None = None) -> Iterator[RecordReport]:
    """Write every record of the reports (given in input order) to `target`, passing the reports on.

    `target` is one file (`-`: standard output) for all inputs, or a folder: one file per
    input, of the input's name."""
    if not is_folder_target(target):
        with fixed_output(target, paths, stdout) as out:
            for report in reports:
                out.write(report.output_line(text_field))
                yield report
        return
    names = folder_targets(target, paths)
    try:
        os.makedirs(target, exist_ok=True)
    except OSError as exc:
        raise InputError(f"{target}: cannot write: {exc.strerror or exc}") from None
    pending = iter(paths)
    with contextlib.ExitStack() as stack:
        out, current = None, None
        for report in reports:
            while current != report.record.path:  # the next input (an empty one gets an empty file)
                stack.close()
                current = next(pending)
                out = stack.enter_context(fixed_output(names[current], paths))
            assert out is not None
            out.write(report.output_line(text_field))
            yield report
        stack.close()
    for rest in pending:
        with fixed_output(names[rest], paths):
            pass
