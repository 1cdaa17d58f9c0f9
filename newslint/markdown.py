"""Markdown: the parts of a file that are not prose and must never be flagged or rewritten."""
from __future__ import annotations

import functools
from typing import TYPE_CHECKING

import regex

from newslint.document import Span

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")

_FRONT_MATTER = regex.compile(r"\A(?:\ufeff)?(?:---|\+\+\+)[ \t]*\r?\n.*?^(?:---|\+\+\+|\.\.\.)[ \t]*$",
                              regex.S | regex.M)
_HTML_COMMENT = regex.compile(r"<!--.*?(?:-->|\Z)", regex.S)
_INLINE_CODE = regex.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)", regex.S)
_LINK_TARGET = regex.compile(r"\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:\s+\"[^\"]*\")?\)")
_REFERENCE_DEFINITION = regex.compile(r"^[ ]{0,3}\[[^\]]+\]:[ \t]*\S+.*$", regex.M)
_AUTOLINK = regex.compile(r"<[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>]*>|<[^\s@<>]+@[^\s@<>]+>")
_LINE_BREAK = regex.compile(r"\r\n?|\n")
_BLOCK_TOKENS = frozenset({"fence", "code_block", "html_block"})


@functools.cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt  # only Markdown files need the parser

    return MarkdownIt("commonmark")


def _line_offsets(text: str) -> list[int]:
    """Where each line starts, as markdown-it counts lines (its token maps): it breaks lines
    at CR LF, a lone CR and LF alike."""
    starts = [0, *(m.end() for m in _LINE_BREAK.finditer(text))]
    starts.append(len(text))
    return starts


def _code_blocks(text: str) -> list[Span]:
    starts = _line_offsets(text)
    spans = []
    for token in _parser().parse(text):
        if token.type in _BLOCK_TOKENS and token.map:
            first, last = token.map
            if token.type == "html_block" and not text[starts[first]:].lstrip().startswith("<!--"):
                continue  # an HTML block of prose is still prose; comments are not
            # End before the block's last line break, so deleting the next line stays possible.
            end = max(starts[first], starts[min(last, len(starts) - 1)] - 1)
            spans.append(Span(starts[first], end))
    return spans


def non_prose_spans(text: str) -> tuple[Span, ...]:
    """Front matter, code blocks, inline code, HTML comments and link targets, merged."""
    spans = _code_blocks(text)
    if m := _FRONT_MATTER.match(text):
        spans.append(Span(*m.span()))
    for pattern in (_HTML_COMMENT, _INLINE_CODE, _LINK_TARGET, _REFERENCE_DEFINITION, _AUTOLINK):
        spans.extend(Span(*m.span()) for m in pattern.finditer(text))
    return _merge(spans)


def _merge(spans: list[Span]) -> tuple[Span, ...]:
    merged: list[Span] = []
    for span in sorted(spans, key=lambda s: s.start):
        if merged and span.start <= merged[-1].end:
            if span.end > merged[-1].end:
                merged[-1] = Span(merged[-1].start, span.end)
        else:
            merged.append(span)
    return tuple(merged)


def blank_out(text: str, spans: tuple[Span, ...]) -> str:
    """`text` with every character of `spans` but line breaks replaced by a space."""
    if not spans:
        return text
    pieces, pos = [], 0
    for span in spans:
        pieces.append(text[pos : span.start])
        pieces.append(regex.sub(r"[^\n]", " ", text[span.start : span.end]))
        pos = span.end
    pieces.append(text[pos:])
    return "".join(pieces)
