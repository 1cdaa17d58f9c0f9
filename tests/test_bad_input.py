"""Bad input, run as a user would: one clear line, the right exit status, the user's files intact.

Faults are real where the system allows it: an unprivileged user (through `setpriv`) for
unreadable files and unwritable directories, a file-size limit (RLIMIT_FSIZE) for a write
that fails half-way, SIGINT sent to a running `--fix`. Where a fault cannot be staged for
real (a full disk, a file changed at an exact moment), the system call is replaced
in-process by one that fails the same way.
"""
from __future__ import annotations

import errno
import functools
import os
import resource
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from newslint import engine, fix, sources
from newslint.config import Config
from newslint.engine import build_ruleset, fix_text
from newslint.errors import ConfigError, InputError
from newslint.patterns import compile_user_pattern
from newslint.registry import all_rules
from tests.helpers import ARTICLE, SEED, run_cli, run_process
from tests.strategies import articles, profile

FIXED = "The talks ended without a deal.\n"
NOBODY = 65534
TEMP_SUFFIX = ".newslint-tmp"


def _one_error_line(stderr: str, message: str) -> None:
    """stderr holds `message` on one `newslint: error:` line, and no traceback."""
    assert "Traceback" not in stderr, stderr
    lines = [line for line in stderr.splitlines() if message in line]
    assert len(lines) == 1, stderr
    assert lines[0].startswith("newslint: error: "), stderr


def _snapshot(directory: Path) -> dict[str, bytes]:
    return {str(p.relative_to(directory)): p.read_bytes() for p in sorted(directory.rglob("*"))
            if p.is_file() and not p.is_symlink()}


def _no_temp_files(directory: Path) -> None:
    assert not [p for p in directory.rglob("*") if p.name.endswith(TEMP_SUFFIX)]


def _write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


# ---- files newslint cannot read as text ----

@pytest.mark.parametrize(
    ("data", "status", "message"),
    [
        ("The talks ended.\n".encode("utf-16"), 2, "file is UTF-16; newslint reads UTF-8 only"),
        (b"\xfe\xff" + "The talks ended.\n".encode("utf-16-be"), 2, "file is UTF-16"),
        ("The talks ended.\n".encode("utf-32"), 2, "file is UTF-32; newslint reads UTF-8 only"),
        ("The talks ended.\n".encode("utf-16-le"), 0, "binary file (NUL bytes), skipped"),
        (b"Source link\n\x00\x01\x02", 0, "binary file (NUL bytes), skipped"),
        (b"Source link\n\ncaf\xe9\n", 2, "invalid UTF-8 at byte 16: invalid continuation byte"),
        (b"\xef\xbb\xbfSource link\n\n\xc3", 2, "invalid UTF-8 at byte 16: unexpected end of data"),
        (b"Source link\n\xed\xa0\x80\n", 2, "invalid UTF-8 at byte 12: invalid continuation byte"),
    ],
    ids=["utf16-le-bom", "utf16-be-bom", "utf32", "utf16-no-bom", "nul", "latin1", "truncated", "surrogate"],
)
def test_undecodable_file_is_reported_and_left_alone(tmp_path, data, status, message):
    path = _write(tmp_path / "a.txt", data)
    result = run_cli("check", "--isolated", "--fix", str(path))
    assert result.exit_code == status
    kind = "error" if status == 2 else "warning"
    assert f"newslint: {kind}: {path}: {message}" in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert path.read_bytes() == data


def test_bad_file_does_not_stop_the_others(tmp_path):
    bad = _write(tmp_path / "bad.txt", b"Source link\n\xff\n")
    good = _write(tmp_path / "good.txt", ARTICLE)
    result = run_cli("check", "--isolated", "--fix", str(tmp_path))
    assert result.exit_code == 2
    _one_error_line(result.stderr, f"{bad}: invalid UTF-8 at byte 12")
    assert bad.read_bytes() == b"Source link\n\xff\n"
    assert good.read_text(encoding="utf-8") == FIXED


def test_nul_after_the_first_8_kb_is_text(tmp_path):
    """Only the start is sniffed for NULs (like git); a later NUL is an invisible character."""
    data = ("word " * 2000 + "\x00end\n").encode("utf-8")
    path = _write(tmp_path / "a.txt", data)
    result = run_cli("check", "--isolated", "--fix", str(path))
    assert result.exit_code in (0, 1) and "Traceback" not in result.stderr
    after = path.read_bytes()
    assert after.replace(b"\x00", b"") == data.replace(b"\x00", b"")


@profile(40)
@given(st.one_of(st.binary(max_size=300),
                 st.tuples(articles(), st.binary(max_size=8), st.integers(0, 10_000)).map(
                     lambda t: t[0].encode("utf-8")[: t[2]] + t[1] + t[0].encode("utf-8")[t[2] :])))
def test_random_bytes_never_crash_the_cli(data):
    with tempfile.TemporaryDirectory() as tmp:
        path = _write(Path(tmp) / "a.txt", data)
        result = run_cli("check", "--isolated", "--fix", "--unsafe-fixes", str(path))  # raises on a crash
        assert result.exit_code in (0, 1, 2)
        for line in result.stderr.splitlines():
            assert line.startswith(("newslint: error: ", "newslint: warning: ")), result.stderr
        try:
            source = sources.decode(data, str(path))
        except InputError:
            assert path.read_bytes() == data  # skipped or refused: untouched
            return
        ruleset = build_ruleset(Config())
        expected = source.encode(fix_text(source.text, ruleset, str(path), unsafe=True).text)
        assert path.read_bytes() == expected
        _no_temp_files(Path(tmp))


def test_invalid_utf8_on_stdin(tmp_path):
    result = run_cli("check", "--isolated", "--fix", "-", input=b"Source link\n\xff\n")
    assert result.exit_code == 2
    _one_error_line(result.stderr, "-: invalid UTF-8 at byte 12")
    assert result.stdout == ""


# ---- sizes ----

def test_empty_and_blank_files_pass_and_are_not_rewritten(tmp_path):
    contents = {"empty.txt": b"", "newline.txt": b"\n", "bom.txt": b"\xef\xbb\xbf", "crlf.txt": b"\r\n"}
    for name, data in contents.items():
        _write(tmp_path / name, data)
    before = {name: (tmp_path / name).stat().st_mtime_ns for name in contents}
    result = run_cli("check", "--isolated", "--fix", str(tmp_path))
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "All checks passed!" in result.stdout and result.stderr == ""
    assert _snapshot(tmp_path) == contents
    assert {name: (tmp_path / name).stat().st_mtime_ns for name in contents} == before


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["prose", "one-word", "punctuation"])
def test_ten_megabyte_single_line(tmp_path, kind):
    words = SEED.read_text(encoding="utf-8").split()
    if kind == "prose":
        line = " ".join(words[i % len(words)] for i in range(1_500_000))[:10_000_000]
    elif kind == "one-word":
        line = "a" * 10_000_000
    else:
        line = ". , ; “ ” ’ – … ! ? (a) [b] &amp; &#39; Â€™ " * 250_000
    path = _write(tmp_path / "long.txt", line)
    started = time.monotonic()
    checked = run_process("check", "--isolated", "--statistics", str(path), timeout=300)
    assert checked.returncode in (0, 1) and checked.stderr == b"", checked.stderr.decode()
    assert path.read_text(encoding="utf-8") == line
    fixed = run_process("check", "--isolated", "--statistics", "--fix", "--unsafe-fixes", str(path), timeout=300)
    elapsed = time.monotonic() - started
    assert fixed.returncode in (0, 1) and fixed.stderr == b"", fixed.stderr.decode()
    assert "\n" not in path.read_text(encoding="utf-8")  # still one line, no final newline added
    assert elapsed < 300  # generous: this guards against a hang, linearity is bench/redos.py's job


@pytest.mark.slow
def test_hundred_megabyte_file(tmp_path):
    """A 100 MB file (the reference article over and over) is checked without touching it,
    then fixed in one atomic write. Safe fixes do the same to every copy, so the fixed file
    is the fixed article over and over."""
    article = SEED.read_text(encoding="utf-8") + "\n\n"
    copies = 1 + 100_000_000 // len(article.encode("utf-8"))
    path = _write(tmp_path / "corpus.txt", article * copies)
    original = path.read_bytes()
    checked = run_process("check", "--isolated", "--statistics", str(path), timeout=600)
    assert checked.returncode == 1 and checked.stderr == b"", checked.stderr.decode()
    assert b"NL201" in checked.stdout and path.read_bytes() == original
    del original
    fixed = run_process("check", "--isolated", "--fix", "--exit-zero", "--quiet", str(path), timeout=600)
    assert fixed.returncode == 0 and fixed.stderr == b"", fixed.stderr.decode()
    assert path.read_bytes() == (fix(article) * copies).encode("utf-8")
    _no_temp_files(tmp_path)


# ---- paths that are not plain files ----

def test_directory_named_like_a_file(tmp_path):
    folder = tmp_path / "story.txt"
    _write(folder / "inner.txt", ARTICLE)
    (tmp_path / "empty.md").mkdir()
    named = run_cli("check", "--isolated", "--fix", str(tmp_path / "empty.md"))
    assert named.exit_code == 0
    assert named.stderr == (f"newslint: warning: {tmp_path / 'empty.md'}: no text files to check "
                            "(looked for *.txt, *.md, *.markdown)\n")
    walked = run_cli("check", "--isolated", str(tmp_path))
    assert walked.exit_code == 1 and walked.stderr == ""
    assert f"{folder / 'inner.txt'}:3:1: NL301" in walked.stdout
    assert (folder / "inner.txt").read_text(encoding="utf-8") == ARTICLE


def test_symlink_loops(tmp_path):
    article = _write(tmp_path / "real.txt", ARTICLE)
    (tmp_path / "loop1.txt").symlink_to("loop2.txt")
    (tmp_path / "loop2.txt").symlink_to("loop1.txt")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "up").symlink_to("..", target_is_directory=True)
    walked = run_cli("check", "--isolated", "--fix", str(tmp_path))
    assert walked.exit_code == 2
    for name in ("loop1.txt", "loop2.txt"):
        _one_error_line(walked.stderr, f"{tmp_path / name}: cannot read: too many levels of symbolic links")
    assert walked.stderr.count("\n") == 2
    assert article.read_text(encoding="utf-8") == FIXED  # the rest was fixed; the directory link not followed
    named = run_cli("check", "--isolated", str(tmp_path / "loop1.txt"))
    assert named.exit_code == 2
    _one_error_line(named.stderr, "loop1.txt: cannot read: too many levels of symbolic links")


def test_fifo_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    _write(tmp_path / "a.txt", ARTICLE)
    proc = run_process("check", "--isolated", "--fix", str(tmp_path), timeout=60)  # a read would block forever
    assert proc.returncode == 2
    _one_error_line(proc.stderr.decode(), f"{fifo}: not a regular file")
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == FIXED


# ---- permissions, as an unprivileged user (root ignores permission bits) ----

def _nobody_prefix() -> list[str]:
    prefix, missing = _nobody()
    if missing:
        pytest.skip(missing)
    return prefix


@functools.cache
def _nobody() -> tuple[list[str], str]:
    """The command prefix that runs as the unprivileged user, or why there is none (probed once)."""
    setpriv = shutil.which("setpriv")
    if setpriv is None or os.geteuid() != 0:
        return [], "needs root and setpriv (util-linux) to run newslint as an unprivileged user"
    prefix = [setpriv, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
    probe = subprocess.run([*prefix, sys.executable, "-c", "import newslint"], capture_output=True,
                           cwd="/", env=_env())
    if probe.returncode != 0:
        return [], f"the unprivileged user cannot import newslint here: {probe.stderr.decode()[-200:]}"
    return prefix, ""


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}


@pytest.fixture
def shared_dir():
    """A directory the unprivileged user can enter (pytest's tmp_path is private to root)."""
    path = Path(tempfile.mkdtemp(prefix="newslint-bad-input-"))
    path.chmod(0o755)
    yield path
    shutil.rmtree(path)


def _as_nobody(directory: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    command = [*_nobody_prefix(), sys.executable, "-m", "newslint", *args]
    return subprocess.run(command, cwd=directory, capture_output=True, timeout=120, env=_env())


def test_unreadable_file(shared_dir):
    secret = _write(shared_dir / "secret.txt", ARTICLE)
    secret.chmod(0o600)  # owned by root
    readable = _write(shared_dir / "open.txt", ARTICLE)
    os.chown(readable, NOBODY, NOBODY)
    os.chown(shared_dir, NOBODY, NOBODY)
    proc = _as_nobody(shared_dir, "check", "--isolated", "--fix", ".")
    assert proc.returncode == 2
    _one_error_line(proc.stderr.decode(), "secret.txt: cannot read: permission denied")
    assert secret.read_text(encoding="utf-8") == ARTICLE
    assert readable.read_text(encoding="utf-8") == FIXED


def test_unwritable_directory_leaves_file_intact(shared_dir):
    """A real failing write: the user may write the file but not create the temp file beside it."""
    article = _write(shared_dir / "a.txt", ARTICLE)
    os.chown(article, NOBODY, NOBODY)
    proc = _as_nobody(shared_dir, "check", "--isolated", "--fix", "a.txt")
    assert proc.returncode == 2
    _one_error_line(proc.stderr.decode(), "a.txt: cannot write: permission denied; file left unchanged")
    assert b"NL301" in proc.stdout  # the findings in the unchanged file are still reported
    assert article.read_text(encoding="utf-8") == ARTICLE
    _no_temp_files(shared_dir)


def test_read_only_file_under_fix(tmp_path):
    article = _write(tmp_path / "a.txt", ARTICLE)
    article.chmod(0o444)
    result = run_cli("check", "--isolated", "--fix", str(article))
    assert result.exit_code == 2
    _one_error_line(result.stderr, f"{article}: file is read-only, not fixed")
    assert article.read_text(encoding="utf-8") == ARTICLE
    assert stat.S_IMODE(article.stat().st_mode) == 0o444
    assert "Found 2 violations." in result.stdout  # what is still in the file
    _no_temp_files(tmp_path)


def test_read_only_file_as_unprivileged_user(shared_dir):
    article = _write(shared_dir / "a.txt", ARTICLE)  # root's file, 0644: not writable by the user
    os.chown(shared_dir, NOBODY, NOBODY)
    proc = _as_nobody(shared_dir, "check", "--isolated", "--fix", "a.txt")
    assert proc.returncode == 2
    _one_error_line(proc.stderr.decode(), "a.txt: file is read-only, not fixed")
    assert article.read_text(encoding="utf-8") == ARTICLE
    assert article.stat().st_uid == 0  # not replaced through the writable directory
    _no_temp_files(shared_dir)


def test_fix_keeps_the_owner(tmp_path):
    article = _write(tmp_path / "a.txt", ARTICLE)
    os.chown(article, NOBODY, NOBODY)
    if os.geteuid() != 0:
        pytest.skip("only root can give a file to another user")
    result = run_cli("check", "--isolated", "--fix", str(article))
    assert result.exit_code == 0, result.stderr
    assert article.read_text(encoding="utf-8") == FIXED
    assert (article.stat().st_uid, article.stat().st_gid) == (NOBODY, NOBODY)


def test_file_whose_owner_cannot_be_kept_is_not_fixed(shared_dir):
    """The user may write the file (through its group) but could not give the new file back to its owner."""
    article = _write(shared_dir / "a.txt", ARTICLE)
    os.chown(article, 0, NOBODY)
    article.chmod(0o664)
    os.chown(shared_dir, NOBODY, NOBODY)
    proc = _as_nobody(shared_dir, "check", "--isolated", "--fix", "a.txt")
    assert proc.returncode == 2
    _one_error_line(proc.stderr.decode(), "a.txt: cannot keep the file's owner and group, not fixed")
    assert article.read_text(encoding="utf-8") == ARTICLE
    assert (article.stat().st_uid, article.stat().st_gid) == (0, NOBODY)
    _no_temp_files(shared_dir)


# ---- writes that fail or race ----

def test_file_changed_between_read_and_write_keeps_the_newer_content(tmp_path, monkeypatch):
    article = _write(tmp_path / "a.txt", ARTICLE)
    newer = "Someone else saved this meanwhile.\n\nSource link\n"
    real_fix_text = engine.fix_text  # newslint.run imports it from the engine when it fixes

    def edit_meanwhile(*args, **kwargs):
        article.write_text(newer, encoding="utf-8")
        return real_fix_text(*args, **kwargs)

    monkeypatch.setattr(engine, "fix_text", edit_meanwhile)
    result = run_cli("check", "--isolated", "--fix", str(article))
    assert result.exit_code == 2
    _one_error_line(result.stderr, f"{article}: file changed while being checked, not fixed")
    assert article.read_text(encoding="utf-8") == newer
    _no_temp_files(tmp_path)


class _HalfWriter:
    """A temp file whose disk fills up half-way through the write."""

    def __init__(self, handle) -> None:
        self._handle = handle

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self._handle.close()

    def write(self, data: bytes) -> int:
        self._handle.write(data[: len(data) // 2])
        self._handle.flush()
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def __getattr__(self, name: str):
        return getattr(self._handle, name)


@pytest.mark.parametrize("failing", ["write", "fsync", "replace", "chmod"])
def test_full_disk_leaves_original_and_no_temp_file(tmp_path, monkeypatch, failing):
    article = _write(tmp_path / "a.txt", ARTICLE)
    other = _write(tmp_path / "b.txt", ARTICLE)
    failed = []

    def no_space(*args, **kwargs):
        if failed:
            return real(*args, **kwargs)
        failed.append(args)
        if failing == "write":
            return _HalfWriter(real(*args, **kwargs))
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    name = "fdopen" if failing == "write" else failing
    real = getattr(os, name)
    monkeypatch.setattr(os, name, no_space)
    result = run_cli("check", "--isolated", "--fix", str(article), str(other))
    monkeypatch.undo()
    assert failed, f"os.{name} was never called"
    assert result.exit_code == 2
    _one_error_line(result.stderr, f"{article}: cannot write: no space left on device; file left unchanged")
    assert article.read_text(encoding="utf-8") == ARTICLE
    assert other.read_text(encoding="utf-8") == FIXED
    _no_temp_files(tmp_path)


def _limit_file_size() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
    resource.setrlimit(resource.RLIMIT_FSIZE, (16_384, 16_384))


def test_write_cut_short_by_the_kernel(tmp_path):
    """A real half-done write: the file-size limit stops the temp file at 16 KB."""
    text = "The talks ended without a deal. " * 2000 + "\n\nSource link\n"
    article = _write(tmp_path / "big.txt", text)
    proc = subprocess.run([sys.executable, "-m", "newslint", "check", "--isolated", "--fix", str(article)],
                          capture_output=True, timeout=120, preexec_fn=_limit_file_size, env=_env())
    assert proc.returncode == 2
    _one_error_line(proc.stderr.decode(), f"{article}: cannot write: file too large; file left unchanged")
    assert article.read_text(encoding="utf-8") == text
    _no_temp_files(tmp_path)


# ---- Ctrl-C ----

def _many_articles(directory: Path, count: int) -> tuple[bytes, bytes]:
    old, new = _seed_before_and_after_fix()
    for i in range(count):
        _write(directory / f"{i:04d}.txt", old)
    return old, new


@functools.cache
def _seed_before_and_after_fix() -> tuple[bytes, bytes]:
    old = SEED.read_bytes()
    new = fix_text(old.decode("utf-8"), build_ruleset(Config()), "a.txt").text.encode("utf-8")
    assert new != old
    return old, new


@pytest.fixture
def ctrl_c_reaches_python():
    """Python's own SIGINT handler in this process, and so the default disposition in the
    processes it starts: a test run started in the background (`cmd &`, `nohup`) inherits
    Ctrl-C ignored, and the Ctrl-C tests would fail, or pass without a signal delivered."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("delay", [0.0, 0.2, 0.5])
def test_ctrl_c_during_fix_leaves_every_file_old_or_new(tmp_path, jobs, delay, ctrl_c_reaches_python):
    old, new = _many_articles(tmp_path, 300)
    process = subprocess.Popen([sys.executable, "-m", "newslint", "check", "--isolated", "--fix", "--jobs", jobs,
                                str(tmp_path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               start_new_session=True, env=_env())
    deadline = time.monotonic() + 120
    watched = [tmp_path / f"{i:04d}.txt" for i in range(0, 300, 32)]
    while process.poll() is None and time.monotonic() < deadline:
        if any(p.read_bytes() == new for p in watched):  # fixing has begun
            break
        time.sleep(0.005)
    time.sleep(delay)
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGINT)  # as a terminal's Ctrl-C: the whole process group
    _, stderr = process.communicate(timeout=120)
    contents = [p.read_bytes() for p in sorted(tmp_path.glob("*.txt"))]
    assert all(c in (old, new) for c in contents)
    _no_temp_files(tmp_path)
    assert b"Traceback" not in stderr, stderr.decode()
    if process.returncode == 130:
        assert stderr.decode().splitlines()[-1] == (
            "newslint: interrupted; every file is either as it was or fully fixed")
    else:
        assert process.returncode in (0, 1), stderr.decode()
        assert contents.count(new) == 300  # finished before the signal


def test_ctrl_c_during_a_garbage_collection_is_not_lost(ctrl_c_reaches_python):
    """Python prints and drops a KeyboardInterrupt raised in a finalizer the collector runs;
    the command holds it until the collection is over, then raises it."""
    script = ("import gc, os, signal, time\n"
              "from newslint.sources import interrupts_outside_collections\n"
              "class Cycle:\n"
              "    def __del__(self):\n"
              "        os.kill(os.getpid(), signal.SIGINT)\n"
              "        sum(range(1000))  # Python code runs on: the handler is called inside the finalizer\n"
              "with interrupts_outside_collections():\n"
              "    try:\n"
              "        cycle = Cycle()\n"
              "        cycle.me = cycle\n"
              "        del cycle\n"
              "        gc.collect()\n"
              "        deadline = time.monotonic() + 5\n"
              "        while time.monotonic() < deadline:\n"
              "            pass\n"
              "        print('not interrupted')\n"
              "    except KeyboardInterrupt:\n"
              "        print('interrupted')\n")
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert proc.stdout == "interrupted\n" and "Exception ignored" not in proc.stderr, proc.stderr


@pytest.mark.parametrize("stage", ["write", "replace"])
def test_ctrl_c_in_process_at_the_third_write(tmp_path, monkeypatch, stage):
    old, new = _many_articles(tmp_path, 6)
    calls = []
    real = os.replace if stage == "replace" else os.fsync

    def interrupt_third(*args, **kwargs):
        calls.append(args)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    monkeypatch.setattr(os, stage if stage == "replace" else "fsync", interrupt_third)
    result = run_cli("check", "--isolated", "--fix", str(tmp_path))
    monkeypatch.undo()
    assert result.exit_code == 130
    assert result.stderr == "newslint: interrupted; every file is either as it was or fully fixed\n"
    contents = [p.read_bytes() for p in sorted(tmp_path.glob("*.txt"))]
    assert contents == [new, new] + [old] * 4
    _no_temp_files(tmp_path)


def test_ctrl_c_as_the_temp_file_is_made(tmp_path, monkeypatch, ctrl_c_reaches_python):
    """A real SIGINT arriving after `mkstemp` made the file but before it returned its name
    (the window a Ctrl-C on a running `--fix` once hit): the write completes, then the run stops."""
    old, new = _many_articles(tmp_path, 3)
    real = tempfile.mkstemp

    def signalled_mkstemp(*args, **kwargs):
        made = real(*args, **kwargs)
        signal.raise_signal(signal.SIGINT)  # to this thread; handled at the next bytecode, inside this frame
        return made

    monkeypatch.setattr(tempfile, "mkstemp", signalled_mkstemp)
    result = run_cli("check", "--isolated", "--fix", str(tmp_path))
    monkeypatch.undo()
    assert result.exit_code == 130
    contents = [p.read_bytes() for p in sorted(tmp_path.glob("*.txt"))]
    assert contents == [new, old, old]
    _no_temp_files(tmp_path)


# ---- broken configuration: nothing is fixed ----

BROKEN_CONFIGS = [
    (b'[tool.newslint]\nselect = 3\n', "'select' must be a list of strings"),
    (b'[tool.newslint]\nselect = [1, 2]\n', "'select' must be a list of strings"),
    (b'[tool.newslint]\nunsafe-fixes = "yes"\n', "'unsafe-fixes' must be true or false"),
    (b'[tool.newslint]\nper-file-ignores = ["a"]\n', "'per-file-ignores' must be a table"),
    (b'[tool.newslint]\nrules = 3\n', "'rules' must hold one table per rule"),
    (b'[tool.newslint]\nselcet = ["NL3"]\n', "unknown key 'selcet' (did you mean 'select'?)"),
    (b'[tool.newslint]\nselect = ["NL3"\n', "invalid TOML"),
    (b'[tool.newslint]\nselect = ["NL3"]\n\xff\n', "invalid TOML"),
    (b'[tool.newslint]\nselect = ["NL999"]\n', "unknown rule selector 'NL999'"),
    (b'[tool.newslint.rules.NL301]\nextend-phrases = 3\n', "option 'extend-phrases': expected a list of strings"),
    (b'[tool.newslint.rules.NL301]\nextend-phrasse = ["x"]\n', "unknown option 'extend-phrasse'"),
]


@pytest.mark.parametrize(("content", "message"), BROKEN_CONFIGS)
def test_broken_config_fixes_nothing(tmp_path, content, message):
    config = _write(tmp_path / "pyproject.toml", content)
    article = _write(tmp_path / "a.txt", ARTICLE)
    for args in (["check", "--fix", str(article)], ["check", "--fix", "--config", str(config), str(tmp_path)]):
        result = run_cli(*args)
        assert result.exit_code == 2
        _one_error_line(result.stderr, message)
        assert result.stderr.startswith(f"newslint: error: {config}") and result.stderr.count("\n") == 1
        assert article.read_text(encoding="utf-8") == ARTICLE


def _out_of_range_options() -> list[tuple[str, str, object, str]]:
    """Every checked option of a built-in rule, with a value its check refuses."""
    cases = []
    for code, info in all_rules().items():
        for option in info.cls.options:
            if option.check is None or isinstance(option.default, bool):
                continue
            if isinstance(option.default, (int, float)):
                for value in (0, -1, -(10**9), 10**12):
                    problem = option.check(type(option.default)(value))
                    if problem:
                        cases.append((code, option.name, value, problem))
                        break
    return cases


@pytest.mark.parametrize(("code", "name", "value", "problem"), _out_of_range_options())
def test_option_out_of_range(tmp_path, code, name, value, problem):
    config = _write(tmp_path / ".newslint.toml", f"[rules.{code}]\n{name} = {value}\n")
    article = _write(tmp_path / "a.txt", ARTICLE)
    result = run_cli("check", "--fix", "--extend-select", code, str(article))
    assert result.exit_code == 2
    _one_error_line(result.stderr, f"{config}: rule {code}: option '{name}': {problem}")
    assert article.read_text(encoding="utf-8") == ARTICLE


def test_out_of_range_options_exist():
    assert _out_of_range_options(), "no built-in rule has a range-checked option any more"


# ---- user-supplied patterns ----

UNSAFE_PATTERNS = [
    (r"(a+)+$", "nested quantifier"),
    (r"(?:\w+\.)+com", "nested quantifier"),
    (r"(a|a)*b", "alternatives inside the repeated"),
    (r"(?:\w|\d)+!", "alternatives inside the repeated"),
    (r"^\w+\s*\w+$", "polynomial backtracking"),
    (r".*x.*y", "polynomial backtracking"),
    (r"(\w+) \1", "backreference"),
    (r"(?P<w>\w)(?P=w)", "backreference"),
    (r"(a)(?(1)b|c)", "conditional"),
    (r"(?R)?x", "recursion"),
    ("a" * 1001, "longer than 1000 characters"),
]


@pytest.mark.parametrize(("pattern", "reason"), UNSAFE_PATTERNS)
def test_unsafe_user_pattern_is_refused(pattern, reason):
    with pytest.raises(ConfigError) as caught:
        compile_user_pattern(pattern, "custom.toml: rule NL301: option 'extend-patterns'")
    message = str(caught.value)
    assert message.startswith("custom.toml: rule NL301: option 'extend-patterns': unsafe pattern ")
    assert reason in message and "\n" not in message


@pytest.mark.parametrize(("pattern", "reason"), [
    ("(", "missing )"), ("[a-", "unterminated character set"), ("a{3,1}", "min repeat greater than max"),
    (r"\p{NoSuchScript}", "unknown property"), ("*", "nothing to repeat"),
])
def test_invalid_user_pattern_is_refused(pattern, reason):
    with pytest.raises(ConfigError, match=r"^where: invalid pattern .*" + reason.replace(")", r"\)")):
        compile_user_pattern(pattern, "where")


@pytest.mark.parametrize("pattern", [
    r"^Photo: .*$", r"^(?:Share|Tweet|Email)$", r"(?i)^\W*advertisement\W*$", r"Read more at \S+",
    r"^\d+ comments?$", r"https?://\S+", r"\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+", r"[\w, ]+", r"\w+\s+\d+", r"(?:ab|cd)+",
])
def test_ordinary_user_patterns_compile(pattern):
    assert compile_user_pattern(pattern, "where").pattern == pattern


@profile(200)
@given(st.text(st.sampled_from("ab.|()*+?{}[]^$\\wdsxpPNgkV1,:=!<>-#i \x00"), max_size=24))
@example("\\P")  # found by a fuzz run: an escape at the very end
@example("[\x00]+\x00*")
def test_pattern_check_only_ever_raises_config_error(pattern):
    try:
        compile_user_pattern(pattern, "where")
    except ConfigError as exc:
        assert str(exc).startswith("where: ") and "\n" not in str(exc)


def _pattern_options() -> list[tuple[str, str]]:
    return [(code, o.name) for code, info in all_rules().items() for o in info.cls.options
            if "pattern" in o.name]


@pytest.mark.parametrize(("code", "name"), _pattern_options() or [pytest.param(
    "", "", marks=pytest.mark.skip(reason="no built-in rule takes user patterns yet"))])
def test_unsafe_pattern_option_through_the_cli(tmp_path, code, name):
    config = _write(tmp_path / ".newslint.toml", f"[rules.{code}]\n{name} = ['(a+)+$']\n")
    article = _write(tmp_path / "a.txt", ARTICLE)
    result = run_cli("check", "--fix", "--extend-select", code, str(article))
    assert result.exit_code == 2
    _one_error_line(result.stderr, "unsafe pattern '(a+)+$': nested quantifier")
    assert result.stderr.startswith(f"newslint: error: {config}")
    assert article.read_text(encoding="utf-8") == ARTICLE
