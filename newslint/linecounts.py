"""Counting lines across the documents of a corpus, per site, in bounded memory.

A line that recurs in many documents of one site is that site's template (a footer, a
share bar, a disclaimer), not article text. `LineCounts` learns, in a first pass, in how
many documents of each site every normalised line stands; the counts live in a
count-min sketch of fixed size, so memory does not grow with the corpus. A sketch can
only overcount, and only when lines collide in every row; the conservative update used
here keeps that rare (see `DEFAULT_WIDTH`).
"""
from __future__ import annotations

import hashlib
from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

import regex

DEFAULT_WIDTH = 1 << 20  # counters per row: 4 rows of 4 MB; collisions stay rare below ~10^7 distinct lines
DEFAULT_DEPTH = 4
SEEN_BITS = 1 << 23  # a 1 MB Bloom filter of the documents counted, to count each copy of a document once
SEEN_HASHES = 4
_SPACES = regex.compile(r"\s+")
_DIGITS = regex.compile(r"\d+")
_MASK = (1 << 32) - 1
_COUNTER_MAX = (1 << 32) - 1


def normalise_line(line: str) -> str:
    """The key a line is counted under: case, spacing and numbers do not matter.

    `142 Comments` and `17 comments` are one widget; a line that differs only in a date
    or a count is the same template line."""
    return _DIGITS.sub("0", _SPACES.sub(" ", line.strip().casefold()))


def site_of(value: str) -> str:
    """A site name from a URL (its host, without `www.`) or a site name as given."""
    value = value.strip()
    if "://" in value:
        host = urlsplit(value).hostname or ""
        return host.removeprefix("www.")
    return value.lower().removeprefix("www.")


def _digest(site: str, key: str) -> tuple[int, int]:
    raw = hashlib.blake2b(f"{site}\x00{key}".encode(), digest_size=8).digest()
    value = int.from_bytes(raw, "little")
    return value & _MASK, (value >> 32) | 1


@dataclass(frozen=True)
class LineHashes:
    """The hashes of one document's distinct lines, as `LineCounts` takes and answers them."""

    site: str
    digests: tuple[tuple[int, int], ...]
    document: tuple[int, int]  # the hash of the document's counted lines, to tell a copy


def document_hashes(site: str, lines: Iterable[str], text: str | None = None) -> LineHashes:
    """One document's distinct normalised lines (blank ones left out), hashed with its site.

    The document itself is known by its whole `text` when given, else by these lines."""
    normalised = [normalise_line(line) for line in lines]
    keys = set(normalised)
    keys.discard("")
    whole = _digest(site, "\n".join(normalised) if text is None else text)
    return LineHashes(site, tuple(_digest(site, key) for key in sorted(keys)), whole)


class LineCounts:
    """In how many documents of each site a line stands (never fewer than the truth)."""

    def __init__(self, width: int = DEFAULT_WIDTH, depth: int = DEFAULT_DEPTH) -> None:
        self.width = width
        self.depth = depth
        self.rows = [array("I", bytes(4 * width)) for _ in range(depth)]
        self.site_documents: dict[str, int] = {}
        self.seen = bytearray(SEEN_BITS // 8)
        self.copies = 0  # documents not counted: copies of one counted before (or, rarely, taken for one)

    def _cells(self, digest: tuple[int, int]) -> list[int]:
        first, step = digest
        return [(first + i * step) % self.width for i in range(self.depth)]

    def add_document(self, site: str, lines: Iterable[str], text: str | None = None) -> None:
        """Count one document: each distinct line once, whatever how often it repeats inside.

        A copy of a document counted before (the same `text`, else the same lines) is not counted."""
        self.add_hashes(document_hashes(site, lines, text))

    def _seen_before(self, digest: tuple[int, int]) -> bool:
        """Mark a document as counted; whether it was already (a Bloom filter: a rare false yes)."""
        first, step = digest
        seen = True
        for i in range(SEEN_HASHES):
            bit = (first + i * step) % SEEN_BITS
            byte, mask = bit >> 3, 1 << (bit & 7)
            if not self.seen[byte] & mask:
                seen = False
                self.seen[byte] |= mask
        return seen

    def add_hashes(self, hashes: LineHashes) -> None:
        # A scraped corpus often holds one page twice: its lines must not count as a template.
        if self._seen_before(hashes.document):
            self.copies += 1
            return
        self.site_documents[hashes.site] = self.site_documents.get(hashes.site, 0) + 1
        rows = self.rows
        for digest in hashes.digests:
            cells = self._cells(digest)
            # Conservative update: raise only the counters at the current minimum.
            low = min(row[cell] for row, cell in zip(rows, cells))
            if low == _COUNTER_MAX:
                continue
            for row, cell in zip(rows, cells):
                if row[cell] == low:
                    row[cell] = low + 1

    def count(self, site: str, line: str) -> int:
        """Documents of `site` holding `line` (normalised as when counted)."""
        return self.count_digest(_digest(site, normalise_line(line)))

    def count_digest(self, digest: tuple[int, int]) -> int:
        return min(row[cell] for row, cell in zip(self.rows, self._cells(digest)))

    def documents(self, site: str) -> int:
        return self.site_documents.get(site, 0)

    def merge(self, other: LineCounts) -> None:
        """Add the counts of `other` (learned from other documents) to these.

        Adding sketches cell by cell keeps the guarantee (never fewer than the truth);
        it loses the tightness of the conservative update a little."""
        if (other.width, other.depth) != (self.width, self.depth):
            raise ValueError("line counts of different sizes cannot be merged")
        for mine, theirs in zip(self.rows, other.rows):
            for i, value in enumerate(theirs):
                if value:
                    mine[i] = min(mine[i] + value, _COUNTER_MAX)
        for site, n in other.site_documents.items():
            self.site_documents[site] = self.site_documents.get(site, 0) + n
        # A copy counted once by each side is counted twice: the sides should hold different documents.
        self.seen = bytearray(a | b for a, b in zip(self.seen, other.seen))
        self.copies += other.copies
